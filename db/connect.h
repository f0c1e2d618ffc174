#ifndef BACKDESK_DB_CONNECT_H
#define BACKDESK_DB_CONNECT_H
/* Blocking connections for the non-interactive commands (migrate, seed, import,
 * staff).  The console connects asynchronously through db/session.c instead. */
#include <libpq-fe.h>

struct db_target {
	const char *dsn;     /* a connection string or URI, or NULL */
	const char *service; /* a pg_service.conf name, or NULL */
};

/* Connects, or returns NULL with a message in *err (caller frees). */
PGconn *db_connect(const struct db_target *t, char **err);

/* "message (detail) hint" of a failed result, for people; caller frees. */
char *db_result_message(const PGresult *res);

/* The SQLSTATE of a failed result, or "" */
const char *db_sqlstate(const PGresult *res);

/* Runs a statement with text parameters and expects `want` (PGRES_COMMAND_OK or
 * PGRES_TUPLES_OK).  On failure returns NULL and a message in *err. */
PGresult *db_exec(PGconn *c, const char *sql, int nparams, const char *const *params,
		  ExecStatusType want, char **err);

/* A statement without parameters whose answer nobody needs: 0, or -1 with *err. */
int db_command(PGconn *c, const char *sql, char **err);

/* A query without parameters answering one boolean: 1, 0, or -1 with *err. */
int db_bool(PGconn *c, const char *sql, char **err);

#endif
