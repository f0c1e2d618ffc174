#include "db/lookup.h"

#include <stdio.h>

/* Where each hit leads comes with the hits, for all of them in one call
 * (api.find_targets).  Groups keep api.find's ranking: the group holding the
 * best hit comes first, kinds in a fixed order break ties, then rank and label
 * within a group. */
static const char find_sql[] =
	"WITH f AS MATERIALIZED (SELECT * FROM api.find($1, $2::int)) "
	"SELECT f.kind, f.id::text, f.label, f.detail, t.order_id::text, t.order_number, "
	"t.customer_id::text, t.customer_name, f.how "
	"FROM f LEFT JOIN api.find_targets(ARRAY(SELECT f.kind FROM f), ARRAY(SELECT f.id FROM f)) t "
	"ON t.kind = f.kind AND t.id = f.id "
	"ORDER BY max(f.rank) OVER (PARTITION BY f.kind) DESC, "
	"array_position(ARRAY['customer', 'order', 'shipment', 'ticket', 'return'], f.kind), "
	"f.rank DESC, f.label, f.id";

unsigned db_lookup_find(struct db_session *s, const char *text, int limit, db_result_fn cb,
			void *arg)
{
	char lim[16];
	const char *params[2] = { text, lim };

	(void)snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : DB_LOOKUP_LIMIT);
	return db_session_query(s, find_sql, 2, params, DB_Q_READ, cb, arg);
}

unsigned db_lookup_order(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	const char *params[1] = { number };

	return db_session_query(s,
				"SELECT id::text, number FROM backdesk.orders "
				"WHERE number IN ($1, upper($1)) LIMIT 1",
				1, params, DB_Q_READ, cb, arg);
}
