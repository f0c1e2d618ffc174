#include "db/csat.h"

#include <stdio.h>

#include "db/connect.h"

int db_csat_record(PGconn *c, const char *ticket, int score, const char *comment, char **err)
{
	char score_text[16];
	const char *params[3] = { ticket, score_text, comment };
	PGresult *r;

	(void)snprintf(score_text, sizeof score_text, "%d", score);
	r = db_exec(c, "SELECT api.record_csat($1, $2::integer, $3)", 3, params, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	PQclear(r);
	return 0;
}

unsigned db_csat_by_agent(struct db_session *s, int days, db_result_fn cb, void *arg)
{
	char d[16];
	const char *params[1] = { d };

	(void)snprintf(d, sizeof d, "%d", days);
	return db_session_query(s,
				"SELECT login, full_name, rated, average, satisfied_pct "
				"FROM api.csat_by_agent(now() - make_interval(days => $1::int), now()) "
				"ORDER BY average DESC, rated DESC, full_name",
				1, params, DB_Q_READ, cb, arg);
}
