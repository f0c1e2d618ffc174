#include "db/returns_list.h"

#include <stdio.h>

/* Which statuses each view shows: the one list the page and the counts read, so
 * a view and its count never disagree.  The lifecycle is 0036's. */
static const char *const view_statuses[RETURNS_VIEW_COUNT] = {
	[RETURNS_TO_APPROVE] = "{requested}",
	[RETURNS_AWAITING] = "{approved,awaiting_parcel}",
	[RETURNS_TO_INSPECT] = "{received}",
	[RETURNS_TO_RESOLVE] = "{inspected}",
	[RETURNS_OPEN] = ("{requested,approved,awaiting_parcel,received,inspected,"
			  "refunded,exchanged,repaired,store_credit}"),
	[RETURNS_CLOSED] = "{rejected,closed}",
};

bool db_returns_newest_first(enum returns_view v)
{
	return v == RETURNS_CLOSED;
}

/* A page is read one status at a time and merged: each status is one range of
 * an index on (status, requested_at[, id]), so every view, however many statuses
 * it has, reads about `limit` index entries per status and sorts nothing big.
 * An open view names 0036's partial index's predicate, so that index (which has
 * the id for the keyset's tie) serves it; the closed ones read returns_status.
 *
 * Parameters:  $1 the view's statuses   $2 kind or NULL
 *              $3 anchor key or NULL   $4 anchor id   $5 limit */
#define OPEN_PRED "r.status NOT IN ('rejected', 'closed')"
#define ROWS(PRED, CMP, SCAN) \
	"SELECT r.* FROM unnest($1::text[]) AS v(status) CROSS JOIN LATERAL (" \
	"SELECT r.id, r.number, r.status, r.kind, r.order_id, r.requested_at " \
	"FROM backdesk.returns r WHERE r.status = v.status AND " PRED " " \
	"AND ($2::text IS NULL OR r.kind = $2::text) " \
	"AND ($3::text IS NULL OR (r.requested_at, r.id) " CMP " ($3::timestamptz, $4::bigint)) " \
	"ORDER BY r.requested_at " SCAN ", r.id " SCAN " LIMIT $5) r " \
	"ORDER BY r.requested_at " SCAN ", r.id " SCAN " LIMIT $5"

/* What a row shows, for the page's rows only.  The money only to a role that may
 * read payments: the warehouse never sees it (as api.order_detail decides). */
#define PAGE_SQL(PRED, CMP, SCAN, SHOW) \
	"SELECT p.id, p.requested_at::text, p.number, p.status, p.kind, o.number, " \
	"coalesce(c.name, ''), floor(extract(epoch FROM now() - p.requested_at))::bigint, " \
	"w.n, (SELECT count(*) FROM backdesk.order_lines ol WHERE ol.order_id = p.order_id), " \
	"f.name, f.label, " \
	"CASE WHEN has_table_privilege('backdesk.payments', 'SELECT') THEN w.value::text END, " \
	"o.currency, p.order_id, p.requested_at AS sort_key " \
	"FROM (" ROWS(PRED, CMP, SCAN) ") p " \
	"JOIN backdesk.orders o ON o.id = p.order_id " \
	"LEFT JOIN backdesk.customers c ON c.id = o.customer_id " \
	"LEFT JOIN LATERAL (SELECT count(*) AS n, sum(rl.qty * ol.unit_price) AS value " \
	" FROM backdesk.return_lines rl JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id " \
	" WHERE rl.return_id = p.id) w ON true " \
	"LEFT JOIN LATERAL (SELECT ol.name, rr.label " \
	" FROM backdesk.return_lines rl JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id " \
	" JOIN backdesk.return_reasons rr ON rr.code = rl.reason_code " \
	" WHERE rl.return_id = p.id ORDER BY ol.line_no LIMIT 1) f ON true " \
	"ORDER BY p.requested_at " SHOW ", p.id " SHOW

/* [newest first][backward][inclusive]: reading against the shown order is how a
 * page before the anchor is fetched. */
static const char *const page_sql[2][2][2] = {
	{ { PAGE_SQL(OPEN_PRED, ">", "ASC", "ASC"), PAGE_SQL(OPEN_PRED, ">=", "ASC", "ASC") },
	  { PAGE_SQL(OPEN_PRED, "<", "DESC", "ASC"), PAGE_SQL(OPEN_PRED, "<=", "DESC", "ASC") } },
	{ { PAGE_SQL("true", "<", "DESC", "DESC"), PAGE_SQL("true", "<=", "DESC", "DESC") },
	  { PAGE_SQL("true", ">", "ASC", "DESC"), PAGE_SQL("true", ">=", "ASC", "DESC") } },
};

static const char *statuses(enum returns_view v)
{
	return (unsigned)v < RETURNS_VIEW_COUNT ? view_statuses[v] : view_statuses[RETURNS_OPEN];
}

unsigned db_returns_page(struct db_session *s, enum returns_view v, const char *kind,
			 const struct returns_anchor *anchor, bool backward, int limit,
			 db_result_fn cb, void *arg)
{
	char lim[16];
	const char *params[5];

	(void)snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : 1);
	params[0] = statuses(v);
	params[1] = kind;
	params[2] = anchor != NULL ? anchor->key : NULL;
	params[3] = anchor != NULL ? anchor->id : NULL;
	params[4] = lim;
	return db_session_query(s,
				page_sql[db_returns_newest_first(v)][backward]
					[anchor != NULL && anchor->inclusive],
				5, params, DB_Q_READ, cb, arg);
}

unsigned db_returns_seek(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	const char *params[1] = { number };

	return db_session_query(s,
				"SELECT id, requested_at::text FROM backdesk.returns "
				"WHERE number IN ($1, upper($1)) LIMIT 1",
				1, params, DB_Q_READ, cb, arg);
}

#define STR_(x) #x
#define STR(x) STR_(x)
/* Counting stops at the cap: each count reads at most that many index entries,
 * however many returns there are. */
#define COUNT(N) \
	"(SELECT count(*) FROM (SELECT 1 FROM backdesk.returns r WHERE r.status = ANY ($" #N "::text[]) " \
	"LIMIT " STR(DB_RETURNS_COUNT_CAP) ") x)"

unsigned db_returns_counts(struct db_session *s, db_result_fn cb, void *arg)
{
	const char *params[RETURNS_VIEW_COUNT];

	for (int i = 0; i < RETURNS_VIEW_COUNT; i++)
		params[i] = view_statuses[i];
	/* In enum returns_view's order. */
	return db_session_query(s,
				"SELECT " COUNT(1) ", " COUNT(2) ", " COUNT(3) ", " COUNT(4) ", "
				COUNT(5) ", " COUNT(6),
				RETURNS_VIEW_COUNT, params, DB_Q_READ | DB_Q_BACKGROUND, cb, arg);
}
