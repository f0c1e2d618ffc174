#ifndef BACKDESK_DB_PARAMS_H
#define BACKDESK_DB_PARAMS_H
/* A connection's settings made from another's: the console's listen connection
 * (listen_dsn) and the dashboard's reads (dashboard_dsn) name only what differs
 * from the work connection. */

/* keys/vals (NULL-terminated, as for PQconnectStartParams), then every setting
 * dsn gives after them, since libpq takes the last of a key; dsn NULL: a copy.
 * 0 with *okeys and *ovals (NULL-terminated; db_params_free), or -1 with *err
 * ("NAME cannot be read: ...", caller frees) when libpq cannot read dsn.  A
 * password in dsn is wiped from the parser's copy. */
int db_params_over(const char *const *keys, const char *const *vals, const char *dsn,
		   const char *name, char ***okeys, char ***ovals, char **err);
void db_params_free(char **keys, char **vals);

#endif
