#include "db/orders.h"

#include <stdio.h>

/* Parameters of every page query:
 *   $1 status filter or NULL   $2 late only   $3 anchor key or NULL   $4 anchor id
 *   $5 limit
 * The statement is unnamed, so PostgreSQL plans it with these values: a NULL
 * anchor or filter folds away and the index on the sort key does the paging.
 * "Late" is backdesk.late_to_ship (0015), the api's own rule on the shop's
 * calendar; it is inlined, so the late filter still uses orders_to_ship. */
#define ORDERS_FROM(KEY, PARCEL) \
	"SELECT o.id, " KEY ", o.number, to_char(o.placed_at, 'YYYY-MM-DD HH24:MI'), " \
	"c.name, o.status, o.total, o.currency, o.ship_by, " \
	"backdesk.late_to_ship(o.status, o.ship_by), " PARCEL ", " KEY " AS sort_key " \
	"FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id "
#define ORDERS_SELECT(KEY, PARCEL) \
	ORDERS_FROM(KEY, PARCEL) \
	"WHERE ($1::text IS NULL OR o.status = $1) " \
	"AND (NOT $2::bool OR backdesk.late_to_ship(o.status, o.ship_by)) "

/* SCAN is the order rows are read in, SHOW the order they are shown in; reading
 * against the shown order is how a page before the anchor is fetched. */
#define ORDERS_SQL(KEY, KEYTYPE, CMP, SCAN, SHOW, PARCEL) \
	"SELECT * FROM (" ORDERS_SELECT(KEY, PARCEL) \
	"AND ($3::text IS NULL OR (" KEY ", o.id) " CMP " ($3::" KEYTYPE ", $4::bigint)) " \
	"ORDER BY " KEY " " SCAN ", o.id " SCAN " LIMIT $5) page " \
	"ORDER BY sort_key " SHOW ", id " SHOW

/* The key's text (ORDERS_COL_KEY) is the column itself: libpq's text is the type's
 * output, what a cast to text would give, without a cast for a new server process
 * to look up. */
#define PLACED "o.placed_at", "timestamptz"
#define SHIPBY "o.ship_by", "date"
/* The latest parcel's status.  Off screen it is not read: in a new server
 * process, the first statement that names shipments reads its catalog entries
 * and its eleven indexes' (1.5 ms of the first page at 10M orders). */
#define PARCEL "coalesce((SELECT s.status FROM backdesk.shipments s WHERE s.order_id = o.id " \
	       "ORDER BY s.shipped_at DESC LIMIT 1), '')"
#define NO_PARCEL "''"
#define SQL(...) ORDERS_SQL_(__VA_ARGS__)
#define ORDERS_SQL_(K, Y, C, S, D, P) ORDERS_SQL(K, Y, C, S, D, P)
#define BOTH(...) { SQL(__VA_ARGS__, NO_PARCEL), SQL(__VA_ARGS__, PARCEL) }

/* [sort][backward][inclusive][parcel] */
static const char *const page_sql[4][2][2][2] = {
	[ORDERS_NEWEST] = { { BOTH(PLACED, "<", "DESC", "DESC"), BOTH(PLACED, "<=", "DESC", "DESC") },
			    { BOTH(PLACED, ">", "ASC", "DESC"), BOTH(PLACED, ">=", "ASC", "DESC") } },
	[ORDERS_OLDEST] = { { BOTH(PLACED, ">", "ASC", "ASC"), BOTH(PLACED, ">=", "ASC", "ASC") },
			    { BOTH(PLACED, "<", "DESC", "ASC"), BOTH(PLACED, "<=", "DESC", "ASC") } },
	[ORDERS_SHIP_BY] = { { BOTH(SHIPBY, ">", "ASC", "ASC"), BOTH(SHIPBY, ">=", "ASC", "ASC") },
			     { BOTH(SHIPBY, "<", "DESC", "ASC"), BOTH(SHIPBY, "<=", "DESC", "ASC") } },
	[ORDERS_SHIP_BY_LAST] = { { BOTH(SHIPBY, "<", "DESC", "DESC"), BOTH(SHIPBY, "<=", "DESC", "DESC") },
				  { BOTH(SHIPBY, ">", "ASC", "DESC"), BOTH(SHIPBY, ">=", "ASC", "DESC") } },
};

/* The list's first page, unfiltered: the console's first screen.  Read in the
 * order it is shown, with nothing to fold away: a new server process looks up
 * every operator, cast and parameter a statement names before it plans it (0.14
 * to 0.3 ms of the 4 its first page took in one at 1M and 10M orders). */
#define FIRST_SQL(KEY, SCAN, PARCEL) \
	ORDERS_FROM(KEY, PARCEL) "ORDER BY " KEY " " SCAN ", o.id " SCAN " LIMIT $1"
#define FIRST(...) FIRST_(__VA_ARGS__)
#define FIRST_(K, Y, S) { FIRST_SQL(K, S, NO_PARCEL), FIRST_SQL(K, S, PARCEL) }

/* [sort][parcel] */
static const char *const first_sql[4][2] = {
	[ORDERS_NEWEST] = FIRST(PLACED, "DESC"),
	[ORDERS_OLDEST] = FIRST(PLACED, "ASC"),
	[ORDERS_SHIP_BY] = FIRST(SHIPBY, "ASC"),
	[ORDERS_SHIP_BY_LAST] = FIRST(SHIPBY, "DESC"),
};

unsigned db_orders_page(struct db_session *s, enum orders_sort sort, const struct orders_filter *f,
			const struct orders_anchor *anchor, bool backward, int limit, bool parcel,
			db_result_fn cb, void *arg)
{
	char lim[16];
	const char *params[5];

	(void)snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : 1);
	if (anchor == NULL && !backward && (f == NULL || (f->status == NULL && !f->late_only))) {
		params[0] = lim;
		return db_session_query(s, first_sql[sort][parcel], 1, params, DB_Q_READ, cb, arg);
	}
	params[0] = f != NULL ? f->status : NULL;
	params[1] = f != NULL && f->late_only ? "true" : "false";
	params[2] = anchor != NULL ? anchor->key : NULL;
	params[3] = anchor != NULL ? anchor->id : NULL;
	params[4] = lim;
	return db_session_query(s, page_sql[sort][backward][anchor != NULL && anchor->inclusive][parcel],
				5, params, DB_Q_READ, cb, arg);
}

unsigned db_orders_seek(struct db_session *s, enum orders_sort sort, const char *number,
			db_result_fn cb, void *arg)
{
	const char *params[1] = { number };
	const char *sql = sort == ORDERS_SHIP_BY || sort == ORDERS_SHIP_BY_LAST
		? "SELECT id, ship_by::text FROM backdesk.orders WHERE number IN ($1, upper($1)) LIMIT 1"
		: "SELECT id, placed_at::text FROM backdesk.orders WHERE number IN ($1, upper($1)) LIMIT 1";

	return db_session_query(s, sql, 1, params, DB_Q_READ, cb, arg);
}

unsigned db_order_detail(struct db_session *s, const char *id, db_result_fn cb, void *arg)
{
	const char *params[1] = { id };

	return db_session_query(s, "SELECT api.order_detail($1::bigint)::text", 1, params, DB_Q_READ,
				cb, arg);
}
