#include "db/dashboard.h"

#include <stdio.h>

unsigned db_dashboard(struct db_session *s, db_result_fn cb, void *arg)
{
	return db_session_query(s, "SELECT api.dashboard()::text", 0, NULL, DB_Q_READ, cb, arg);
}

/* The api pages forward only (CONTRACT); a page backward (End, PgUp above what
 * the table holds) is the forward rows before the anchor, of the first 1000 at
 * most, the api's largest page: past those, End shows row 1000's page.  Parameters: $1 metric  $2 key  $3 anchor at  $4 anchor id  $5 limit */
#define COLS "l.at::text, l.id, l.kind, l.label, l.state, l.who, l.detail, l.open_kind, l.open_id, " \
	"to_char(l.at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI')"
#define FORWARD(INCL) \
	"SELECT " COLS " FROM api.dashboard_list($1, $2, " INCL ", $5::int) l"
/* Inclusive forward: the anchor row is the first one after (at, id - 1). */
static const char *const forward_sql[2] = {
	FORWARD("$3::timestamptz, $4::bigint"),
	FORWARD("$3::timestamptz, CASE WHEN $4::bigint IS NULL THEN NULL ELSE $4::bigint - 1 END"),
};
#define BACKWARD(CMP) \
	"SELECT * FROM (SELECT " COLS " FROM api.dashboard_list($1, $2, NULL, NULL, 1000) l " \
	"WHERE $3::timestamptz IS NULL OR (l.at, l.id) " CMP " ($3::timestamptz, $4::bigint) " \
	"ORDER BY l.at DESC, l.id DESC LIMIT $5::int) b ORDER BY 1, 2"
static const char *const backward_sql[2] = { BACKWARD("<"), BACKWARD("<=") };

unsigned db_dashboard_list(struct db_session *s, const char *metric, const char *key,
			   const char *after_at, const char *after_id, bool backward, bool inclusive,
			   int limit, db_result_fn cb, void *arg)
{
	char lim[16];
	const char *params[5] = { metric, key, after_at, after_at != NULL ? after_id : NULL, lim };

	(void)snprintf(lim, sizeof lim, "%d", limit);
	return db_session_query(s, backward ? backward_sql[inclusive] : forward_sql[inclusive], 5,
				params, DB_Q_READ, cb, arg);
}
