#include "db/ticket_life.h"

#include <stdlib.h>

#include "db/connect.h"

long long db_tickets_autoclose(PGconn *c, char **err)
{
	PGresult *r = db_exec(c, "SELECT api.close_solved_tickets()", 0, NULL, PGRES_TUPLES_OK, err);
	long long n;

	if (r == NULL)
		return -1;
	n = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	return n;
}
