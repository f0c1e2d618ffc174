#ifndef BACKDESK_DB_SESSION_H
#define BACKDESK_DB_SESSION_H
/* The console's database: never blocks.
 *
 * Two connections to the same database: the work connection runs queries one
 * after another (PQsendQueryParams, results through PQconsumeInput/PQisBusy/
 * PQgetResult), and the reads that are queued together in one pipeline with one
 * Sync (one round trip, one transaction); it starts as soon as it is up, not
 * waiting for the other.  The listen connection LISTENs and carries the heartbeat
 * that notices a vanished server.  The work connection may go through a pooler in
 * transaction mode (PgBouncer): it keeps no state between statements (no SET, no
 * named prepared statement, no temporary table, no session lock), and each query,
 * or each pipeline of reads, is a transaction of its own.  The listen connection
 * must reach the server itself (listen_dsn), since a LISTEN lives as long as its
 * session.
 * Esc cancels with libpq's cancel request, sent on a thread (db/cancel.h) so that
 * nothing blocks; until it has been answered, nothing more is sent on the work
 * connection, so a cancel can only ever stop the query it was meant for (or, in a
 * pipeline, a read after it in the same pipeline, which is then sent again).
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
	DB_CONNECTING, /* first connection under way; told to on_state only when the
			* server answers at the start after DB_LOST (its first
			* answers may come before DB_READY) */
	DB_READY,      /* both connections up */
	DB_LOST,       /* the server went away; reconnecting with back-off */
	DB_FAILED,     /* refused for good (login, password, database, options, host:
			* db/conn_failure.h); no more attempts, message says why */
};

struct db_session;

/* How a change whose caller went away (db_session_detach) ended. */
enum db_outcome {
	DB_APPLIED,     /* the database did it */
	DB_NOT_APPLIED, /* the database refused or stopped it: nothing changed */
	DB_UNKNOWN,     /* the connection broke before the answer: nobody knows */
};

struct db_session_events {
	/* The state changed; message says why (NULL when there is nothing to say). */
	void (*on_state)(enum db_state state, const char *message, void *arg);
	/* A NOTIFY arrived on a channel we listen to. */
	void (*on_notify)(const char *channel, const char *payload, void *arg);
	void *arg;
};

/* A change ended after its caller went away: `what` names it for people, error says
 * why when it was not (or may not have been) applied; arg is the events' arg. */
typedef void (*db_detached_fn)(const char *what, enum db_outcome outcome, const char *error,
			       void *arg);

/* Query flags. */
enum {
	/* A read: safe to send again after a reconnect, or after the server stopped it
	 * at statement_timeout (at most DB_TIMEOUT_RETRIES times; then the time-out is
	 * reported).  Without it, a query cut off by a lost connection reports the
	 * loss, because nobody can know whether a change was applied. */
	DB_Q_READ = 1,
	/* Work the user did not ask for (who am I, the closed lists, the migration
	 * history): no spinner, and Esc does not stop it, so an Esc pressed while it
	 * runs goes to the screen instead of being spent on it. */
	DB_Q_BACKGROUND = 2,
};

/* How many times a read stopped by statement_timeout is sent again. */
#define DB_TIMEOUT_RETRIES 2

/* The answer to one query.  res is the query's result (tuples or command status) and
 * error is NULL; or res is the failed result (or NULL when the connection broke)
 * and error says what went wrong, for people.  Both are valid during the call only. */
typedef void (*db_result_fn)(const PGresult *res, const char *error, void *arg);

/* keys/vals as for PQconnectStartParams (dbname may hold a connection string).
 * Connecting starts at once; events arrive through `ev`. */
struct db_session *db_session_new(const struct db_io *io, const char *const *keys,
				  const char *const *vals, const struct db_session_events *ev);
/* The same, with the listen connection's own settings: listen_dsn (a connection
 * string or URI) is applied on top of keys/vals for it, so it names only what
 * differs (host=/var/run/postgresql port=5432 past a pooler).  NULL: the same as
 * the work connection.  A listen_dsn libpq cannot read makes the session
 * DB_FAILED at once. */
struct db_session *db_session_new_split(const struct db_io *io, const char *const *keys,
					const char *const *vals, const char *listen_dsn,
					const struct db_session_events *ev);
void db_session_free(struct db_session *s);
/* The work connection's keys and values as given to db_session_new (NULL-
 * terminated; valid while s lives): for a connection of the caller's own, such as
 * the console's export, which runs on a thread and blocks. */
void db_session_conn_params(const struct db_session *s, const char *const **keys, const char *const **vals);

/* Who hears of changes whose caller went away (see db_session_detach); without
 * one, nobody does. */
void db_session_on_detached(struct db_session *s, db_detached_fn fn);

/* Who hears that live updates may not arrive: the listen connection reached the
 * server through a pooler (its server process is not the one libpq connected
 * to), where a LISTEN lasts only as long as a transaction pool lets it.  Said
 * once per connection; arg is the events' arg. */
typedef void (*db_warning_fn)(const char *message, void *arg);
void db_session_on_warning(struct db_session *s, db_warning_fn fn);

/* Who hears that the LISTENs are in place, after every connect: a change
 * committed from then on is notified, one committed before may not have been, so
 * what was read before is worth reading again.  arg is the events' arg. */
typedef void (*db_listening_fn)(void *arg);
void db_session_on_listening(struct db_session *s, db_listening_fn fn);

/* Remembered: LISTENed now if connected and again after every reconnect.  channel
 * is one of the program's own constant names. */
void db_session_listen(struct db_session *s, const char *channel);

/* Queues a query; returns its id (> 0).  The callback runs exactly once unless the
 * query is cancelled first (then never). */
unsigned db_session_query(struct db_session *s, const char *sql, int nparams,
			  const char *const *params, unsigned flags, db_result_fn cb, void *arg);

/* cb runs once every query queued before it has answered: a statement that costs
 * the server nothing, in the same pipeline (no round trip of its own). */
unsigned db_session_after(struct db_session *s, db_result_fn cb, void *arg);

/* Forgets a read: dropped if still queued, cancelled on the server if running.
 * A change is never forgotten: it is detached as by db_session_detach(s, id, NULL). */
void db_session_cancel(struct db_session *s, unsigned id);

/* The caller goes away (its screen closes) but the user must still learn what
 * became of a change: a read is cancelled as above; a change, queued or running,
 * goes on to its end and its outcome goes to db_session_on_detached's function as
 * `what` (NULL: "A change").  Its callback never runs. */
void db_session_detach(struct db_session *s, unsigned id, const char *what);

/* Esc: asks the server to stop the running query.  Its callback still runs, with
 * the cancellation as its error (see db_session_error_is_esc), so whoever waits
 * for it learns why.  Returns false when nothing the user waits for was running. */
bool db_session_interrupt(struct db_session *s);

/* True when a query's error says the user stopped it (db_session_interrupt), not
 * the server's statement_timeout: both have SQLSTATE 57014, and only the session
 * knows whether it asked. */
bool db_session_error_is_esc(const char *error);

enum db_state db_session_state(const struct db_session *s);
/* Milliseconds the running query has been running, or -1 when none runs that the
 * user waits for (and could stop with Esc). */
long db_session_running_ms(const struct db_session *s);
/* Queries queued or running. */
int db_session_pending(const struct db_session *s);
/* Something whose end the user will see is under way: a connection being made, a
 * query queued or running while connected, a LISTEN or cancel request, or the wait for the
 * NOTIFY of a change just applied.  Waiting to reconnect is not, nor the heartbeat. */
/* After each applied change, send an empty query on the listen connection, whose
 * answer comes back only after the change's own NOTIFY: while it runs the session
 * counts as busy, so "busy" covers the echo of a change too.  One more round trip
 * per change, so only the console's test mode (which asks "is anything still on
 * its way?") turns it on. */
void db_session_sync_changes(struct db_session *s, bool on);
bool db_session_busy(const struct db_session *s);
/* Who and where, from the live connection ("" before the first connect). */
const char *db_session_user(const struct db_session *s);
const char *db_session_dbname(const struct db_session *s);

/* How long the heartbeat may go unanswered before the server counts as gone, and
 * how often it beats; the tests shorten nothing, these are the product's values. */
#define DB_HEARTBEAT_MS 1000
#define DB_HEARTBEAT_TIMEOUT_MS 1500

#endif
