#ifndef BACKDESK_DB_SESSION_H
#define BACKDESK_DB_SESSION_H
/* The console's database: never blocks.
 *
 * Two connections to the same server: the work connection runs queries one after
 * another (PQsendQueryParams, results through PQconsumeInput/PQisBusy/PQgetResult);
 * the listen connection LISTENs, carries the heartbeat that notices a vanished
 * server, and sends pg_cancel_backend() for the work connection, which is how Esc
 * cancels a query without libpq's blocking PQcancel().
 *
 * db/ knows no event loop: the caller lends one through struct db_io. */
#include <stdbool.h>

#include <libpq-fe.h>

enum { DB_IO_READ = 1, DB_IO_WRITE = 2 };

typedef void (*db_fd_fn)(int fd, int revents, void *arg);
typedef void (*db_timer_fn)(void *arg);

struct db_io {
	void *ctx;
	/* Watch fd for DB_IO_READ|DB_IO_WRITE (replacing any earlier watch of the fd);
	 * events == 0 stops watching.  Returns 0, or -1. */
	int (*watch)(void *ctx, int fd, int events, db_fd_fn cb, void *arg);
	/* A one-shot timer; returns an id > 0, or 0 when it could not be made. */
	unsigned long (*timer)(void *ctx, long ms, db_timer_fn cb, void *arg);
	void (*cancel_timer)(void *ctx, unsigned long id);
};

enum db_state {
	DB_CONNECTING, /* first connection under way */
	DB_READY,      /* both connections up */
	DB_LOST,       /* the server went away; reconnecting with back-off */
};

struct db_session;

struct db_session_events {
	/* The state changed; message says why (NULL when there is nothing to say). */
	void (*on_state)(enum db_state state, const char *message, void *arg);
	/* A NOTIFY arrived on a channel we listen to. */
	void (*on_notify)(const char *channel, const char *payload, void *arg);
	void *arg;
};

/* Query flags. */
enum {
	/* A read: safe to send again after a reconnect, or after a cancel that hit it
	 * by accident.  Without it, a query cut off by a lost connection reports
	 * the loss, because nobody can know whether a change was applied. */
	DB_Q_READ = 1,
};

/* The answer to one query.  res is the query's result (tuples or command status) and
 * error is NULL; or res is the failed result (or NULL when the connection broke)
 * and error says what went wrong, for people.  Both are valid during the call only. */
typedef void (*db_result_fn)(const PGresult *res, const char *error, void *arg);

/* keys/vals as for PQconnectStartParams (dbname may hold a connection string).
 * Connecting starts at once; events arrive through `ev`. */
struct db_session *db_session_new(const struct db_io *io, const char *const *keys,
				  const char *const *vals, const struct db_session_events *ev);
void db_session_free(struct db_session *s);

/* Remembered: LISTENed now if connected and again after every reconnect.  channel
 * is one of the program's own constant names. */
void db_session_listen(struct db_session *s, const char *channel);

/* Queues a query; returns its id (> 0).  The callback runs exactly once unless the
 * query is cancelled first (then never). */
unsigned db_session_query(struct db_session *s, const char *sql, int nparams,
			  const char *const *params, unsigned flags, db_result_fn cb, void *arg);

/* Forgets a query: dropped if still queued, cancelled on the server if running. */
void db_session_cancel(struct db_session *s, unsigned id);

/* Esc: asks the server to stop the running query.  Its callback still runs, with
 * the cancellation as its error, so whoever waits for it learns why.  Returns
 * false when nothing was running. */
bool db_session_interrupt(struct db_session *s);

enum db_state db_session_state(const struct db_session *s);
/* Milliseconds the running query has been running, or -1 when none runs. */
long db_session_running_ms(const struct db_session *s);
/* Queries queued or running. */
int db_session_pending(const struct db_session *s);
/* Who and where, from the live connection ("" before the first connect). */
const char *db_session_user(const struct db_session *s);
const char *db_session_dbname(const struct db_session *s);

/* How long the heartbeat may go unanswered before the server counts as gone, and
 * how often it beats; the tests shorten nothing, these are the product's values. */
#define DB_HEARTBEAT_MS 1000
#define DB_HEARTBEAT_TIMEOUT_MS 1500

#endif
