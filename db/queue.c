#include "db/queue.h"

#include <stdlib.h>

#include "common/xalloc.h"
#include "db/connect.h"

char *db_queue_document(PGconn *c, char **err)
{
	PGresult *r = db_exec(c, "SELECT api.dashboard()::text", 0, NULL, PGRES_TUPLES_OK, err);
	char *doc;

	if (r == NULL)
		return NULL;
	doc = xstrdup(PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) ? PQgetvalue(r, 0, 0) : "{}");
	PQclear(r);
	return doc;
}
