#include "db/scan.h"

#include <stdio.h>

unsigned db_scan_resolve(struct db_session *s, const char *code, db_result_fn cb, void *arg)
{
	const char *params[1] = { code };

	return db_session_query(s, "SELECT api.scan_resolve($1)::text", 1, params, DB_Q_READ, cb, arg);
}

/* A change: never sent twice (no DB_Q_READ), so a lost connection says so. */
unsigned db_scan_ship(struct db_session *s, const char *order_number, const char *carrier,
		      const char *tracking_no, const char *items_json, const char *version,
		      db_result_fn cb, void *arg)
{
	const char *params[5] = { order_number, carrier, tracking_no, items_json, version };

	return db_session_query(s, "SELECT api.ship_parcel($1, $2, $3, $4::jsonb, $5::int)", 5, params,
				0, cb, arg);
}

unsigned db_scan_orders_to_pack(struct db_session *s, int limit, db_result_fn cb, void *arg)
{
	char n[16];
	const char *params[1] = { n };

	(void)snprintf(n, sizeof n, "%d", limit);
	return db_session_query(s,
				"SELECT number, ship_by::text, late::text, lines::text, units::text, "
				"customer_name FROM api.orders_to_pack($1::int)",
				1, params, DB_Q_READ | DB_Q_BACKGROUND, cb, arg);
}
