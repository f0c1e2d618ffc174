#ifndef BACKDESK_DB_STAFF_H
#define BACKDESK_DB_STAFF_H
/* Staff logins, through api.staff_*: the database checks that the caller is an admin. */
#include <libpq-fe.h>

/* Returns the new staff id, or -1 with *err set.  password may be NULL (no password:
 * the server's authentication decides, e.g. peer); otherwise it is hashed here with
 * SCRAM so the clear text never travels. */
long long db_staff_add(PGconn *c, const char *login, const char *name, const char *role,
		       const char *password, char **err);
int db_staff_disable(PGconn *c, const char *login, char **err);

/* login, full_name, role, active, created_at: a result the caller PQclear()s. */
PGresult *db_staff_list(PGconn *c, char **err);

#endif
