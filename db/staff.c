#include "db/staff.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"

long long db_staff_add(PGconn *c, const char *login, const char *name, const char *role,
		       const char *password, char **err)
{
	const char *params[4] = { login, name, role, NULL };
	char *hash = NULL;
	PGresult *r;
	long long id;

	if (password != NULL) {
		hash = PQencryptPasswordConn(c, password, login, "scram-sha-256");
		if (hash == NULL) {
			*err = xasprintf(_("cannot hash the password: %s"), PQerrorMessage(c));
			return -1;
		}
		params[3] = hash;
	}
	r = db_exec(c, "SELECT api.staff_add($1, $2, $3, $4)", 4, params, PGRES_TUPLES_OK, err);
	/* The verifier is not the password, but it is what an offline guesser needs. */
	if (hash != NULL)
		explicit_bzero(hash, strlen(hash));
	PQfreemem(hash);
	if (r == NULL)
		return -1;
	id = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	return id;
}

int db_staff_disable(PGconn *c, const char *login, char **err)
{
	const char *params[1] = { login };
	PGresult *r = db_exec(c, "SELECT api.staff_disable($1)", 1, params, PGRES_TUPLES_OK, err);

	if (r == NULL)
		return -1;
	PQclear(r);
	return 0;
}

PGresult *db_staff_list(PGconn *c, char **err)
{
	return db_exec(c,
		       "SELECT login, full_name, role, CASE WHEN active THEN 'active' ELSE 'disabled' END, "
		       "to_char(created_at, 'YYYY-MM-DD') FROM backdesk.staff ORDER BY login",
		       0, NULL, PGRES_TUPLES_OK, err);
}
