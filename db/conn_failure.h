#ifndef BACKDESK_DB_CONN_FAILURE_H
#define BACKDESK_DB_CONN_FAILURE_H
/* Whether a failed connection attempt is worth retrying.
 *
 * A server that is down, restarting or full comes back, and the console waits for
 * it.  A wrong password, an unknown login or database, a bad option in the DSN or a
 * host name that does not exist never get better by trying again: the console says
 * so and ends.  libpq gives no SQLSTATE for a failed connection except inside its
 * message when the error verbosity is "verbose" (db/session.c asks for it), so the
 * message is read: the SQLSTATE first, then libpq's own client-side wordings. */
#include <stdbool.h>

struct db_conn_failure {
	bool final;        /* retrying cannot help */
	char sqlstate[6];  /* the server's, or "" when the client failed alone */
	char *reason;      /* libpq's message for people: one line per line, no SQLSTATE,
			    * no LOCATION line; the caller frees */
};

/* message: PQerrorMessage of a failed connection, verbose or not.  (Whether libpq
 * failed at once, in PQconnectStart*, says nothing: a Unix socket nobody listens on
 * yet fails there too.) */
void db_conn_failure_classify(const char *message, struct db_conn_failure *out);

#endif
