#include "db/dashboard.h"

#include <stdio.h>

unsigned db_dashboard(struct db_session *s, db_result_fn cb, void *arg)
{
	return db_session_query(s, "SELECT api.dashboard()::text", 0, NULL, DB_Q_READ, cb, arg);
}

/* A page before the anchor is the api's backward page (0048), in (at, id) order
 * as a forward one.  Inclusive takes the anchor row too: the page after
 * (at, id - 1) forward, before (at, id + 1) backward (ids are whole numbers).
 * Parameters: $1 metric  $2 key  $3 anchor at  $4 anchor id  $5 limit */
#define COLS "l.at::text, l.id, l.kind, l.label, l.state, l.who, l.detail, l.open_kind, l.open_id, " \
	"to_char(l.at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI')"
#define PAGE(ID, BACK) \
	"SELECT " COLS " FROM api.dashboard_list($1, $2, $3::timestamptz, " ID ", $5::int, " BACK ") l"
#define NEXT_ID(OP) "CASE WHEN $4::bigint IS NULL THEN NULL ELSE $4::bigint " OP " 1 END"
/* [backward][inclusive] */
static const char *const page_sql[2][2] = {
	{ PAGE("$4::bigint", "false"), PAGE(NEXT_ID("-"), "false") },
	{ PAGE("$4::bigint", "true"), PAGE(NEXT_ID("+"), "true") },
};

unsigned db_dashboard_list(struct db_session *s, const char *metric, const char *key,
			   const char *after_at, const char *after_id, bool backward, bool inclusive,
			   int limit, db_result_fn cb, void *arg)
{
	char lim[16];
	const char *params[5] = { metric, key, after_at, after_at != NULL ? after_id : NULL, lim };

	(void)snprintf(lim, sizeof lim, "%d", limit);
	return db_session_query(s, page_sql[backward][inclusive], 5,
				params, DB_Q_READ, cb, arg);
}
