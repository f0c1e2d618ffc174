#include "db/mail.h"

#include <stdio.h>
#include <string.h>

#include "db/connect.h"

int db_receive_mail(PGconn *c, const char *doc, struct db_mail_outcome *o, char **err)
{
	const char *params[1] = { doc };
	PGresult *r = db_exec(c, "SELECT outcome, coalesce(ticket_number, ''), duplicate FROM api.receive_mail($1::jsonb)",
			      1, params, PGRES_TUPLES_OK, err);

	memset(o, 0, sizeof *o);
	if (r == NULL)
		return -1;
	if (PQntuples(r) == 1) {
		snprintf(o->outcome, sizeof o->outcome, "%s", PQgetvalue(r, 0, 0));
		snprintf(o->ticket, sizeof o->ticket, "%s", PQgetvalue(r, 0, 1));
		o->duplicate = PQgetvalue(r, 0, 2)[0] == 't';
	}
	PQclear(r);
	return 0;
}
