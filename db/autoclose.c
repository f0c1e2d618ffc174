#include "db/autoclose.h"

#include <stdlib.h>

#include "db/connect.h"

long long db_autoclose(PGconn *c, enum db_autoclose what, char **err)
{
	PGresult *r = db_exec(c,
			      what == DB_AUTOCLOSE_RETURNS ? "SELECT api.close_resolved_returns()"
							   : "SELECT api.close_solved_tickets()",
			      0, NULL, PGRES_TUPLES_OK, err);
	long long n;

	if (r == NULL)
		return -1;
	n = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	return n;
}
