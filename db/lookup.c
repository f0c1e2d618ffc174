#include "db/lookup.h"

#include <stdio.h>

/* Only api.find on the way to the screen, as an agent would type it in psql:
 * where each hit leads (api.find_targets) costs as much again on the server
 * and is asked once the hits are shown (db_lookup_targets).  Groups keep
 * api.find's ranking: the group holding the best hit comes first, kinds in a
 * fixed order break ties, then rank and label within a group. */
static const char find_sql[] =
	"SELECT f.kind, f.id::text, f.label, f.detail, f.how "
	"FROM api.find($1, $2::int) f "
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

/* Kinds are api.find's words and ids its numbers: neither holds a comma. */
unsigned db_lookup_targets(struct db_session *s, const char *kinds, const char *ids,
			   db_result_fn cb, void *arg)
{
	const char *params[2] = { kinds, ids };

	return db_session_query(s,
				"SELECT t.kind, t.id::text, t.order_id::text, t.order_number, "
				"t.customer_id::text, t.customer_name "
				"FROM api.find_targets(string_to_array($1, ','), "
				"string_to_array($2, ',')::bigint[]) t",
				2, params, DB_Q_READ, cb, arg);
}

unsigned db_lookup_order(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	const char *params[1] = { number };

	return db_session_query(s,
				"SELECT id::text, number FROM backdesk.orders "
				"WHERE number IN ($1, upper($1)) LIMIT 1",
				1, params, DB_Q_READ, cb, arg);
}
