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
