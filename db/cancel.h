#ifndef BACKDESK_DB_CANCEL_H
#define BACKDESK_DB_CANCEL_H
/* A libpq cancel request (PQcancel) that does not block the caller's loop.
 *
 * The request goes to wherever the connection goes: the server, or a pooler that
 * forwards it to the server connection its client is using (PgBouncer does), which
 * is why the console cancels this way and not with pg_cancel_backend(): behind a
 * pooler the connection's backend pid is the pooler's, not the server's.
 *
 * PQcancel blocks until the other end has taken the request (the postmaster has
 * signalled the backend, or the pooler has the request), so it runs on a thread of
 * its own; the caller learns that it ended when db_cancel_fd() becomes readable. */
#include <stdbool.h>

#include <libpq-fe.h>

struct db_cancel;

/* Starts a cancel request for the query running on pg; NULL when it could not be
 * started (out of resources, no connection), with *err set (caller frees). */
struct db_cancel *db_cancel_start(PGconn *pg, char **err);

/* Readable once the request has been answered (or has failed). */
int db_cancel_fd(const struct db_cancel *c);

/* After db_cancel_fd() became readable: whether the request was delivered, and
 * frees c.  On false, *err says why (caller frees). */
bool db_cancel_finish(struct db_cancel *c, char **err);

/* The caller no longer waits (the connection is gone, the session ends): frees
 * the caller's share; the thread frees its own when PQcancel returns. */
void db_cancel_abandon(struct db_cancel *c);

#endif
