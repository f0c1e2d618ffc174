#include "db/session.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/cancel.h"
#include "db/conn_failure.h"
#include "db/connect.h"
#include "db/params.h"

#define BACKOFF_FIRST_MS 250
#define BACKOFF_MAX_MS 5000
#define TICK_MS 500
/* At most this many queries share one round trip (a pipeline, see pump). */
#define PIPELINE_MAX 16
/* An internal command that may share a round trip (LISTEN): see joins(). */
#define Q_JOINS 0x100u

struct query {
	unsigned id;
	char *sql;
	int n;
	char **params;
	unsigned flags;
	db_result_fn cb; /* NULL: an internal command whose answer nobody needs */
	void *arg;
	bool detached;   /* a change whose caller went away: report to on_detached */
	char *what;      /* its name for people, or NULL */
	int timeouts;    /* how often statement_timeout has stopped it */
	bool dropped;    /* sent behind the running one in a pipeline, then forgotten */
	struct query *next;
};

enum conn_state { C_DOWN, C_CONNECTING, C_UP };

struct conn {
	struct db_session *s;
	PGconn *pg;
	int fd;
	int events;
	enum conn_state st;
	struct query *head, *tail; /* waiting to be sent */
	struct query *running;
	/* Sent behind the running one in the same pipeline, in order, and those of the
	 * pipeline to send again once it is over (stopped by a time-out or by an
	 * error before them): see pump(). */
	struct query *sent, *sent_tail;
	struct query *again, *again_tail;
	bool pipeline;             /* in libpq's pipeline mode until its sync answers */
	bool aborted;              /* an error in the pipeline: the rest will not run */
	PGresult *res;             /* the running query's result so far */
	bool dropped;              /* the running query's answer is no longer wanted */
	bool interrupted;          /* the user cancelled it: report, never resend */
	bool held;                 /* a cancel for this backend is on its way: send nothing */
	struct timespec since;
};

struct db_session {
	struct db_io io;
	char **keys, **vals;
	/* The listen connection's: the work connection's, then listen_dsn's own
	 * settings after them (libpq takes the last of a key). */
	char **lkeys, **lvals;
	struct db_session_events ev;
	db_detached_fn on_detached;
	db_warning_fn on_warning;
	db_listening_fn on_listening;
	enum db_state state;
	struct conn work, listen;
	unsigned next_id;
	char **channels;
	size_t nchannels, chancap;
	struct db_cancel *cancel; /* a cancel request on its way (work.held) */
	struct timespec cancel_sent;
	bool beat_inflight;
	bool sync_changes; /* db_session_sync_changes */
	struct timespec beat_sent, last_beat;
	unsigned long tick_timer, retry_timer;
	int backoff_ms;
	char *user, *dbname;
	bool freeing;
	bool failed; /* refused for good: DB_FAILED, no more attempts */
	bool was_ready; /* ready once: after a loss, both connections come back together */
};

static void conn_io(int fd, int revents, void *arg);
static void cancel_io(int fd, int revents, void *arg);
static void session_lost(struct db_session *s, const char *why);
static void pump(struct conn *c);
static void listen_when_idle(struct db_session *s);

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	(void)clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

static char **copy_strv(const char *const *v, int n)
{
	char **out = xcalloc((size_t)n + 1, sizeof *out);

	for (int i = 0; i < n; i++)
		out[i] = v[i] != NULL ? xstrdup(v[i]) : NULL;
	return out;
}

static int strv_len(const char *const *v)
{
	int n = 0;

	while (v[n] != NULL)
		n++;
	return n;
}

static void free_strv(char **v, int n)
{
	if (v == NULL)
		return;
	for (int i = 0; n < 0 ? v[i] != NULL : i < n; i++)
		free(v[i]);
	free(v);
}

static void query_free(struct query *q)
{
	if (q == NULL)
		return;
	free(q->sql);
	free(q->what);
	free_strv(q->params, q->n);
	free(q);
}

static struct query *query_new(struct db_session *s, const char *sql, int n,
			       const char *const *params, unsigned flags, db_result_fn cb, void *arg)
{
	struct query *q = xcalloc(1, sizeof *q);

	q->id = ++s->next_id;
	if (q->id == 0)
		q->id = ++s->next_id;
	q->sql = xstrdup(sql);
	q->n = n;
	q->params = n > 0 ? copy_strv(params, n) : NULL;
	q->flags = flags;
	q->cb = cb;
	q->arg = arg;
	return q;
}

static void append(struct query **head, struct query **tail, struct query *q)
{
	q->next = NULL;
	if (*tail != NULL)
		(*tail)->next = q;
	else
		*head = q;
	*tail = q;
}

static struct query *pop(struct query **head, struct query **tail)
{
	struct query *q = *head;

	if (q != NULL) {
		*head = q->next;
		if (*head == NULL)
			*tail = NULL;
		q->next = NULL;
	}
	return q;
}

static void enqueue(struct conn *c, struct query *q, bool front)
{
	if (front) {
		q->next = c->head;
		c->head = q;
		if (c->tail == NULL)
			c->tail = q;
	} else {
		append(&c->head, &c->tail, q);
	}
}

static struct query *dequeue(struct conn *c)
{
	return pop(&c->head, &c->tail);
}

/* Moves a list to the front of the queue, in its order; what was dropped meanwhile
 * goes. */
static void prepend(struct conn *c, struct query **head, struct query **tail)
{
	struct query *keep = NULL, *keep_tail = NULL, *q;

	while ((q = pop(head, tail)) != NULL) {
		if (q->dropped)
			query_free(q);
		else
			append(&keep, &keep_tail, q);
	}
	if (keep == NULL)
		return;
	keep_tail->next = c->head;
	if (c->tail == NULL)
		c->tail = keep_tail;
	c->head = keep;
}

static void free_list(struct query **head, struct query **tail)
{
	struct query *q;

	while ((q = pop(head, tail)) != NULL)
		query_free(q);
}

static void watch(struct conn *c, int events)
{
	int fd = c->pg != NULL ? PQsocket(c->pg) : -1;

	/* libpq may move to another socket while connecting (several hosts). */
	if (c->fd >= 0 && c->fd != fd) {
		(void)c->s->io.watch(c->s->io.ctx, c->fd, 0, conn_io, c);
		c->fd = -1;
		c->events = 0;
	}
	if (fd < 0)
		return;
	if (c->fd == fd && c->events == events)
		return;
	if (c->s->io.watch(c->s->io.ctx, fd, events, conn_io, c) < 0) {
		session_lost(c->s, _("cannot watch the database socket"));
		return;
	}
	c->fd = events != 0 ? fd : -1;
	c->events = events;
}

static void conn_close(struct conn *c)
{
	if (c->fd >= 0)
		(void)c->s->io.watch(c->s->io.ctx, c->fd, 0, conn_io, c);
	c->fd = -1;
	c->events = 0;
	PQclear(c->res);
	c->res = NULL;
	if (c->pg != NULL)
		PQfinish(c->pg);
	c->pg = NULL;
	c->st = C_DOWN;
	c->pipeline = false;
	c->aborted = false;
}

/* libpq prints notices (and the server's goodbye) to stderr, which would scribble
 * over the screen; what matters reaches us through PQerrorMessage anyway. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* A connection attempt failed: wait and try again, unless trying cannot help. */
static void connect_failed(struct conn *c)
{
	struct db_session *s = c->s;
	struct db_conn_failure f;

	if (c->pg == NULL) {
		session_lost(s, _("out of memory"));
		return;
	}
	db_conn_failure_classify(PQerrorMessage(c->pg), &f);
	s->failed = f.final;
	session_lost(s, f.reason);
	free(f.reason);
}

/* A local server's socket is writable at once: the startup packet goes now, not
 * at the loop's next turn, so the server forks and authenticates while the
 * caller draws its screen.  A zero timeout: this never waits. */
static void poke(struct conn *c)
{
	struct pollfd pfd = { PQsocket(c->pg), POLLOUT, 0 };

	if (pfd.fd >= 0 && poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLOUT | POLLERR | POLLHUP)) != 0)
		conn_io(pfd.fd, DB_IO_WRITE, c);
}

static void conn_start(struct conn *c)
{
	struct db_session *s = c->s;

	c->pg = c == &s->listen
		? PQconnectStartParams((const char *const *)s->lkeys, (const char *const *)s->lvals, 1)
		: PQconnectStartParams((const char *const *)s->keys, (const char *const *)s->vals, 1);
	if (c->pg == NULL || PQstatus(c->pg) == CONNECTION_BAD) {
		connect_failed(c);
		return;
	}
	/* The server's refusal with its SQLSTATE, for db_conn_failure_classify; back to
	 * the default once connected, so that query errors read as usual. */
	(void)PQsetErrorVerbosity(c->pg, PQERRORS_VERBOSE);
	(void)PQsetNoticeProcessor(c->pg, quiet, NULL);
	c->st = C_CONNECTING;
	/* PQconnectStartParams leaves us at "wait until the socket is writable". */
	watch(c, DB_IO_WRITE);
	if (c->st == C_CONNECTING)
		poke(c);
}

/* The answer goes to whoever waits for it: the caller, or for a change whose
 * caller went away, the session's owner, so that it is never silently lost. */
static void deliver(struct db_session *s, struct query *q, const PGresult *res,
		    const char *error, enum db_outcome outcome)
{
	if (q->detached) {
		if (s->on_detached != NULL)
			s->on_detached(q->what != NULL ? q->what : _("A change"), outcome, error,
					  s->ev.arg);
	} else if (q->cb != NULL) {
		q->cb(res, error, q->arg);
	}
}

/* A change that was applied has sent its NOTIFY by the time it answers, but the
 * listen connection may not have it yet.  An empty query there comes back only
 * after it (the server hands a listener its notifications before the answer to
 * its next command), so while it runs the change's echo is known to be on its
 * way (db_session_busy). */
static void sync_listen(struct db_session *s)
{
	if (!s->sync_changes || s->nchannels == 0 || s->state != DB_READY || s->listen.st != C_UP)
		return;
	enqueue(&s->listen, query_new(s, "", 0, NULL, 0, NULL, NULL), false);
	pump(&s->listen);
}

/* A query's last act: the answer (unless dropped), then the next query. */
static void finish_running(struct conn *c, PGresult *res, const char *error)
{
	struct query *q = c->running;
	bool dropped = c->dropped;

	if (c == &c->s->work && error == NULL && !(q->flags & DB_Q_READ))
		sync_listen(c->s);
	c->running = NULL;
	c->dropped = false;
	c->interrupted = false;
	c->res = NULL;
	if (!dropped)
		deliver(c->s, q, res, error, error == NULL ? DB_APPLIED : DB_NOT_APPLIED);
	PQclear(res);
	query_free(q);
}

static const char *esc_text(void)
{
	return _("cancelled (Esc)");
}

/* A query to send again: at the front of the queue, or, in a pipeline, after the
 * others of it that go again, once its sync has answered. */
static void put_back(struct conn *c, struct query *q)
{
	if (c->pipeline)
		append(&c->again, &c->again_tail, q);
	else
		enqueue(c, q, true);
}

/* A read the server stopped goes to the front of the queue again, a bounded
 * number of times; says whether it did. */
static bool resend(struct conn *c)
{
	struct query *q = c->running;

	if (q->timeouts >= DB_TIMEOUT_RETRIES)
		return false;
	q->timeouts++;
	c->running = NULL;
	PQclear(c->res);
	c->res = NULL;
	put_back(c, q);
	return true;
}

/* The next query of the pipeline is the one whose results come now. */
static void next_in_pipeline(struct conn *c)
{
	struct query *q;

	if (!c->pipeline || c->running != NULL)
		return;
	q = pop(&c->sent, &c->sent_tail);
	if (q == NULL)
		return;
	c->running = q;
	c->dropped = q->dropped;
	c->interrupted = false;
	c->aborted = false;
	(void)clock_gettime(CLOCK_MONOTONIC, &c->since);
}

/* The pipeline's sync has answered: its transaction is over, and what must go
 * again goes first. */
static void pipeline_over(struct conn *c, PGresult *sync)
{
	PQclear(sync);
	if (PQexitPipelineMode(c->pg) != 1) {
		session_lost(c->s, PQerrorMessage(c->pg));
		return;
	}
	c->pipeline = false;
	c->aborted = false;
	prepend(c, &c->again, &c->again_tail);
}

/* SQLSTATE 57014 comes from our own Esc, from the server's statement_timeout, or
 * from an administrator's pg_cancel_backend.  A cancel of ours can no longer land
 * on another query (see send_cancel), so the flag alone says whether we asked;
 * except on a later read of the same pipeline, which then counts as stopped by
 * the server and is sent again. */
static void conn_failed(struct conn *c, PGresult *r)
{
	char *m;

	if (strcmp(db_sqlstate(r), "57014") == 0 && !c->dropped) {
		if (c->interrupted) {
			finish_running(c, r, esc_text());
			return;
		}
		if (c->running->flags & DB_Q_READ) {
			if (!resend(c))
				finish_running(c, r,
					       _("the database stopped the query after its time limit "
						 "(statement_timeout); try again, or narrow the search"));
			return;
		}
		/* A change is never sent twice; the server's words say who stopped it. */
	}
	m = db_result_message(r);
	finish_running(c, r, m);
	free(m);
}

static void conn_results(struct conn *c)
{
	PGresult *r;

	while ((c->running != NULL || c->pipeline) && c->st == C_UP && !PQisBusy(c->pg)) {
		r = PQgetResult(c->pg);
		if (c->running == NULL) {
			/* Every query of the pipeline has answered: what comes is its sync. */
			if (r == NULL)
				break;
			if (PQresultStatus(r) == PGRES_PIPELINE_SYNC)
				pipeline_over(c, r);
			else
				PQclear(r);
			continue;
		}
		if (r != NULL && PQresultStatus(r) == PGRES_PIPELINE_ABORTED) {
			/* An error before it in the pipeline: it never ran. */
			c->aborted = true;
			PQclear(r);
			continue;
		}
		if (r != NULL) {
			/* Keep the first result, unless a later one is an error. */
			if (c->res == NULL) {
				c->res = r;
			} else if (PQresultStatus(r) == PGRES_FATAL_ERROR) {
				PQclear(c->res);
				c->res = r;
			} else {
				PQclear(r);
			}
			continue;
		}
		r = c->res;
		if (c->aborted && r == NULL) {
			struct query *q = c->running;

			c->running = NULL;
			c->aborted = false;
			if (c->dropped)
				query_free(q);
			else
				put_back(c, q);
			c->dropped = false;
		} else {
			ExecStatusType st = r != NULL ? PQresultStatus(r) : PGRES_FATAL_ERROR;

			if (st == PGRES_FATAL_ERROR || st == PGRES_BAD_RESPONSE ||
			    st == PGRES_NONFATAL_ERROR)
				conn_failed(c, r);
			else
				finish_running(c, r, NULL);
		}
		next_in_pipeline(c);
	}
}

static void conn_notifies(struct conn *c)
{
	PGnotify *n;

	while ((n = PQnotifies(c->pg)) != NULL) {
		if (c->s->ev.on_notify != NULL)
			c->s->ev.on_notify(n->relname, n->extra, c->s->ev.arg);
		PQfreemem(n);
	}
}

static void on_up(struct conn *c);

static void conn_io(int fd, int revents, void *arg)
{
	struct conn *c = arg;
	struct db_session *s = c->s;

	(void)fd;
	if (c->st == C_CONNECTING) {
		switch (PQconnectPoll(c->pg)) {
		case PGRES_POLLING_READING:
			watch(c, DB_IO_READ);
			return;
		case PGRES_POLLING_WRITING:
			watch(c, DB_IO_WRITE);
			return;
		case PGRES_POLLING_OK:
			(void)PQsetErrorVerbosity(c->pg, PQERRORS_DEFAULT);
			on_up(c);
			return;
		case PGRES_POLLING_FAILED:
		default:
			connect_failed(c);
			return;
		}
	}
	if (c->st != C_UP)
		return;
	if (revents & DB_IO_WRITE) {
		int f = PQflush(c->pg);

		if (f < 0) {
			session_lost(s, PQerrorMessage(c->pg));
			return;
		}
		watch(c, f == 1 ? DB_IO_READ | DB_IO_WRITE : DB_IO_READ);
		if (c->st != C_UP)
			return;
	}
	if (revents & DB_IO_READ) {
		if (!PQconsumeInput(c->pg) || PQstatus(c->pg) == CONNECTION_BAD) {
			session_lost(s, PQerrorMessage(c->pg));
			return;
		}
		conn_notifies(c);
		conn_results(c);
		if (c->st != C_UP)
			return;
		if (c == &s->work)
			listen_when_idle(s);
		if (PQstatus(c->pg) == CONNECTION_BAD) {
			session_lost(s, PQerrorMessage(c->pg));
			return;
		}
	}
	pump(c);
}

/* Which queries may share a round trip: reads, which may be sent again when an
 * error before them in the pipeline stops them, and the LISTENs. */
static bool joins(const struct query *q)
{
	return q != NULL && (q->flags & (DB_Q_READ | Q_JOINS)) != 0 && !q->detached;
}

static bool send_query(struct conn *c, const struct query *q)
{
	return PQsendQueryParams(c->pg, q->sql, q->n, NULL, (const char *const *)q->params, NULL,
				 NULL, 0) == 1;
}

/* Sends what is queued.  Queries that may share a round trip go together in one
 * pipeline with one sync: one wait for all of them (the console's first screen:
 * its page, who am I, the lists, the migration history), and one transaction, so
 * a pooler in transaction mode keeps them on one server connection.  An error in
 * the pipeline stops the queries after it; they are sent again after its sync. */
static void pump(struct conn *c)
{
	struct db_session *s = c->s;
	struct query *q;
	int f, n = 1;

	if (c->st != C_UP || c->running != NULL || c->pipeline || c->held)
		return;
	/* At the start the work connection does not wait for the listen one: the
	 * data on the screen needs only it.  After a reconnect it does: what waited
	 * (a reply written while the server was away) is answered once the owner
	 * has heard the session is back, and its NOTIFY has a listener. */
	if (s->state != DB_READY && (c != &s->work || s->failed || s->was_ready))
		return;
	q = dequeue(c);
	if (q == NULL)
		return;
	if (joins(q) && joins(c->head)) {
		if (PQenterPipelineMode(c->pg) != 1) {
			enqueue(c, q, true);
			session_lost(s, PQerrorMessage(c->pg));
			return;
		}
		c->pipeline = true;
	}
	if (!send_query(c, q)) {
		enqueue(c, q, true);
		session_lost(s, PQerrorMessage(c->pg));
		return;
	}
	c->running = q;
	c->dropped = false;
	c->interrupted = false;
	c->aborted = false;
	(void)clock_gettime(CLOCK_MONOTONIC, &c->since);
	while (c->pipeline && n < PIPELINE_MAX && joins(c->head)) {
		/* The server sends each answer when it is ready, not all at the sync:
		 * the first page shows without waiting for the queries behind it. */
		if (PQsendFlushRequest(c->pg) != 1) {
			session_lost(s, PQerrorMessage(c->pg));
			return;
		}
		q = dequeue(c);
		if (!send_query(c, q)) {
			enqueue(c, q, true);
			session_lost(s, PQerrorMessage(c->pg));
			return;
		}
		append(&c->sent, &c->sent_tail, q);
		n++;
	}
	if (c->pipeline && PQpipelineSync(c->pg) != 1) {
		session_lost(s, PQerrorMessage(c->pg));
		return;
	}
	f = PQflush(c->pg);
	if (f < 0) {
		session_lost(c->s, PQerrorMessage(c->pg));
		return;
	}
	watch(c, f == 1 ? DB_IO_READ | DB_IO_WRITE : DB_IO_READ);
}

static void listen_one(struct db_session *s, const char *channel)
{
	char *ident = PQescapeIdentifier(s->listen.pg, channel, strlen(channel));
	char *sql;

	if (ident == NULL)
		return;
	/* LISTEN takes an identifier, not a parameter; channels are our own constants. */
	sql = xasprintf("LISTEN %s", ident);
	PQfreemem(ident);
	enqueue(&s->listen, query_new(s, sql, 0, NULL, Q_JOINS, NULL, NULL), false);
	free(sql);
}

/* A pooler answers the startup with a process id of its own making: the server
 * process that holds our LISTENs is another one, and in a transaction pool the
 * next client's.  Live updates then come late or never, without an error. */
static void listen_probed(const PGresult *res, const char *error, void *arg)
{
	struct db_session *s = arg;

	/* The LISTENs before it in the pipeline have all run. */
	if (error == NULL && s->on_listening != NULL)
		s->on_listening(s->ev.arg);
	if (error != NULL || res == NULL || PQntuples(res) != 1 || s->listen.pg == NULL ||
	    s->on_warning == NULL)
		return;
	if (atoi(PQgetvalue(res, 0, 0)) != PQbackendPID(s->listen.pg))
		s->on_warning(_("live updates may not arrive: the LISTEN connection goes through a "
				"connection pooler; set [database] listen_dsn (or --listen-dsn) to "
				"reach the server directly"),
			      s->ev.arg);
}

/* At the start, the listen connection is made once the work connection's first
 * round trip is over: until then its server process would fork, log in and
 * LISTEN on the cores where the first screen's data is being read and drawn (at
 * 10M orders that was a tenth of the start).  Nothing is lost by the wait:
 * on_listening tells the owner when what it read before is worth reading again.
 * A reconnect makes both at once (see reconnect). */
static void listen_when_idle(struct db_session *s)
{
	if (s->listen.st == C_DOWN && s->work.st == C_UP && s->work.running == NULL &&
	    !s->work.pipeline && !s->failed && !s->was_ready)
		conn_start(&s->listen);
}

static void on_up(struct conn *c)
{
	struct db_session *s = c->s;

	if (PQsetnonblocking(c->pg, 1) != 0) {
		session_lost(s, PQerrorMessage(c->pg));
		return;
	}
	c->st = C_UP;
	watch(c, DB_IO_READ);
	if (s->work.st != C_UP || s->listen.st != C_UP) {
		/* At the start, after tries that failed: the server answers now and the
		 * first page goes out before the listen connection is up, so the owner
		 * hears that it is no longer lost before that page is on the screen. */
		if (c == &s->work && s->state == DB_LOST && !s->was_ready && !s->failed) {
			s->state = DB_CONNECTING;
			if (s->ev.on_state != NULL)
				s->ev.on_state(DB_CONNECTING, NULL, s->ev.arg);
		}
		pump(c);
		/* Nothing to ask yet: the work connection is idle at once. */
		listen_when_idle(s);
		return;
	}

	free(s->user);
	free(s->dbname);
	s->user = xstrdup(PQuser(s->work.pg));
	s->dbname = xstrdup(PQdb(s->work.pg));
	for (size_t i = 0; i < s->nchannels; i++)
		listen_one(s, s->channels[i]);
	enqueue(&s->listen,
		query_new(s, "SELECT pg_catalog.pg_backend_pid()", 0, NULL, Q_JOINS, listen_probed, s),
		false);
	s->backoff_ms = 0;
	s->beat_inflight = false;
	s->state = DB_READY;
	s->was_ready = true;
	if (s->ev.on_state != NULL)
		s->ev.on_state(DB_READY, NULL, s->ev.arg);
	pump(&s->listen);
	pump(&s->work);
}

static void reconnect(void *arg)
{
	struct db_session *s = arg;

	s->retry_timer = 0;
	conn_start(&s->work);
	/* At the start the listen connection follows the first round trip
	 * (listen_when_idle); after a loss both come back at once, since the work
	 * connection waits for it. */
	if (s->was_ready && s->work.st == C_CONNECTING)
		conn_start(&s->listen);
}

/* Stops waiting for a cancel request's answer; its thread ends by itself. */
static void drop_cancel(struct db_session *s)
{
	if (s->cancel != NULL) {
		(void)s->io.watch(s->io.ctx, db_cancel_fd(s->cancel), 0, cancel_io, s);
		db_cancel_abandon(s->cancel);
		s->cancel = NULL;
	}
	s->work.held = false;
}

static void drop_queue(struct conn *c)
{
	struct query *q;

	while ((q = dequeue(c)) != NULL)
		query_free(q);
}

static void session_lost(struct db_session *s, const char *why)
{
	struct query *q;
	char *msg;
	size_t len;

	if (s->freeing)
		return;
	msg = xstrdup(why != NULL && *why != '\0' ? why : _("the connection was closed"));
	len = strlen(msg);
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		msg[--len] = '\0';

	/* What was sent goes back to the queue in the order it was sent: the rest of
	 * a pipeline behind the running query, the running one, and before them those
	 * of the pipeline that were to go again. */
	prepend(&s->work, &s->work.sent, &s->work.sent_tail);
	q = s->work.running;
	s->work.running = NULL;
	/* The new backend has nothing to do with a cancel meant for the old one. */
	drop_cancel(s);
	if (q != NULL) {
		bool dropped = s->work.dropped;

		s->work.dropped = false;
		if (!dropped && (q->flags & DB_Q_READ)) {
			enqueue(&s->work, q, true);
		} else {
			if (!dropped) {
				char *m = xasprintf(_("the connection was lost before the database answered; "
						      "check whether the change was made before trying again (%s)"),
						    msg);

				deliver(s, q, NULL, m, DB_UNKNOWN);
				free(m);
			}
			query_free(q);
		}
	}
	prepend(&s->work, &s->work.again, &s->work.again_tail);
	query_free(s->listen.running);
	s->listen.running = NULL;
	free_list(&s->listen.sent, &s->listen.sent_tail);
	free_list(&s->listen.again, &s->listen.again_tail);
	drop_queue(&s->listen);
	conn_close(&s->work);
	conn_close(&s->listen);

	s->state = s->failed ? DB_FAILED : DB_LOST;
	s->beat_inflight = false;
	s->backoff_ms = s->backoff_ms == 0 ? BACKOFF_FIRST_MS
		      : s->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : s->backoff_ms * 2;
	if (s->retry_timer == 0 && !s->failed)
		s->retry_timer = s->io.timer(s->io.ctx, s->backoff_ms, reconnect, s);
	if (s->ev.on_state != NULL)
		s->ev.on_state(s->state, msg, s->ev.arg);
	free(msg);
}

static void beat_done(const PGresult *res, const char *error, void *arg)
{
	struct db_session *s = arg;

	(void)res;
	(void)error;
	s->beat_inflight = false;
}

/* The heartbeat: a server that vanished without closing the socket (a cable, a
 * frozen VM) is noticed within DB_HEARTBEAT_TIMEOUT_MS plus a tick. */
static void tick(void *arg)
{
	struct db_session *s = arg;

	s->tick_timer = s->io.timer(s->io.ctx, TICK_MS, tick, s);
	if (s->state != DB_READY)
		return;
	if (s->beat_inflight) {
		if (ms_since(&s->beat_sent) > DB_HEARTBEAT_TIMEOUT_MS)
			session_lost(s, _("the database server does not answer"));
		return;
	}
	/* A cancel holds the work connection until it is answered: never for ever. */
	if (s->cancel != NULL && ms_since(&s->cancel_sent) > DB_HEARTBEAT_TIMEOUT_MS) {
		session_lost(s, _("the database server does not answer"));
		return;
	}
	if (ms_since(&s->last_beat) < DB_HEARTBEAT_MS || s->listen.running != NULL ||
	    s->listen.pipeline || s->listen.head != NULL)
		return;
	(void)clock_gettime(CLOCK_MONOTONIC, &s->last_beat);
	s->beat_sent = s->last_beat;
	s->beat_inflight = true;
	enqueue(&s->listen, query_new(s, "", 0, NULL, 0, beat_done, s), false);
	pump(&s->listen);
}

struct db_session *db_session_new(const struct db_io *io, const char *const *keys,
				  const char *const *vals, const struct db_session_events *ev)
{
	return db_session_new_split(io, keys, vals, NULL, ev);
}

struct db_session *db_session_new_split(const struct db_io *io, const char *const *keys,
					const char *const *vals, const char *listen_dsn,
					const struct db_session_events *ev)
{
	struct db_session *s = xcalloc(1, sizeof *s);
	int n = strv_len(keys);
	char *err = NULL;

	s->io = *io;
	s->ev = *ev;
	s->keys = copy_strv(keys, n);
	s->vals = copy_strv(vals, n);
	s->work.s = s->listen.s = s;
	s->work.fd = s->listen.fd = -1;
	s->state = DB_CONNECTING;
	s->user = xstrdup("");
	s->dbname = xstrdup("");
	s->tick_timer = s->io.timer(s->io.ctx, TICK_MS, tick, s);
	if (db_params_over(keys, vals, listen_dsn, "listen_dsn", &s->lkeys, &s->lvals, &err) < 0) {
		s->failed = true;
		session_lost(s, err);
		free(err);
		return s;
	}
	reconnect(s);
	return s;
}

void db_session_free(struct db_session *s)
{
	if (s == NULL)
		return;
	s->freeing = true;
	if (s->tick_timer != 0)
		s->io.cancel_timer(s->io.ctx, s->tick_timer);
	if (s->retry_timer != 0)
		s->io.cancel_timer(s->io.ctx, s->retry_timer);
	drop_cancel(s);
	query_free(s->work.running);
	query_free(s->listen.running);
	free_list(&s->work.sent, &s->work.sent_tail);
	free_list(&s->work.again, &s->work.again_tail);
	free_list(&s->listen.sent, &s->listen.sent_tail);
	free_list(&s->listen.again, &s->listen.again_tail);
	drop_queue(&s->work);
	drop_queue(&s->listen);
	conn_close(&s->work);
	conn_close(&s->listen);
	free_strv(s->keys, -1);
	free_strv(s->vals, -1);
	db_params_free(s->lkeys, s->lvals);
	free_strv(s->channels, (int)s->nchannels);
	free(s->user);
	free(s->dbname);
	free(s);
}

void db_session_on_detached(struct db_session *s, db_detached_fn fn)
{
	s->on_detached = fn;
}

void db_session_on_warning(struct db_session *s, db_warning_fn fn)
{
	s->on_warning = fn;
}

void db_session_on_listening(struct db_session *s, db_listening_fn fn)
{
	s->on_listening = fn;
}

void db_session_listen(struct db_session *s, const char *channel)
{
	for (size_t i = 0; i < s->nchannels; i++)
		if (strcmp(s->channels[i], channel) == 0)
			return;
	s->channels = xgrow(s->channels, &s->chancap, s->nchannels + 1, sizeof *s->channels);
	s->channels[s->nchannels++] = xstrdup(channel);
	if (s->state == DB_READY) {
		listen_one(s, channel);
		pump(&s->listen);
	}
}

unsigned db_session_query(struct db_session *s, const char *sql, int nparams,
			  const char *const *params, unsigned flags, db_result_fn cb, void *arg)
{
	struct query *q = query_new(s, sql, nparams, params, flags, cb, arg);
	unsigned id = q->id;

	enqueue(&s->work, q, false);
	pump(&s->work);
	return id;
}

/* An empty statement: the server has nothing to parse, plan or run, and answers
 * the moment the one before it has (a new server process took 0.1 ms for
 * SELECT NULL, time the console's first frame waited). */
unsigned db_session_after(struct db_session *s, db_result_fn cb, void *arg)
{
	return db_session_query(s, "", 0, NULL, DB_Q_READ, cb, arg);
}

/* The cancel request has been answered: the postmaster has signalled the backend
 * (or a pooler has taken the request): from now on it can only stop what that
 * backend was running when it arrived.  A request that failed stops nothing: the
 * query runs to its end and answers as usual. */
static void cancel_io(int fd, int revents, void *arg)
{
	struct db_session *s = arg;
	char *err = NULL;

	(void)revents;
	(void)s->io.watch(s->io.ctx, fd, 0, cancel_io, s);
	(void)db_cancel_finish(s->cancel, &err);
	free(err);
	s->cancel = NULL;
	s->work.held = false;
	pump(&s->work);
}

/* The cancel travels on a connection of its own, so it may land after the query
 * it was meant for has ended.  Sending nothing more on the work connection until
 * the request has been answered makes that harmless: a backend that gets the
 * signal while idle, waiting for its next command, ignores it.  Without the hold,
 * a late cancel would stop whichever query came next.  Behind PgBouncer (1.18 or
 * later) the pooler keeps the same promise across its clients: it forwards a
 * request only while the client's query still runs on that server connection, and
 * gives the server to nobody else until the forwarded request is done.
 * It is libpq's cancel request, not pg_cancel_backend(PQbackendPID()), because
 * behind a pooler that pid names nothing on the server (or someone else). */
static void send_cancel(struct db_session *s)
{
	char *err = NULL;

	/* Held: one is on its way already, for the very query that still runs. */
	if (s->work.st != C_UP || s->work.held)
		return;
	s->cancel = db_cancel_start(s->work.pg, &err);
	if (s->cancel == NULL) {
		free(err);
		return;
	}
	if (s->io.watch(s->io.ctx, db_cancel_fd(s->cancel), DB_IO_READ, cancel_io, s) < 0) {
		db_cancel_abandon(s->cancel);
		s->cancel = NULL;
		return;
	}
	(void)clock_gettime(CLOCK_MONOTONIC, &s->cancel_sent);
	s->work.held = true;
}

static struct query *find_in(struct query *head, unsigned id)
{
	for (struct query *q = head; q != NULL; q = q->next)
		if (q->id == id)
			return q;
	return NULL;
}

static void unlink_free(struct query **head, struct query **tail, struct query *q)
{
	struct query **pp = head;

	while (*pp != q)
		pp = &(*pp)->next;
	*pp = q->next;
	if (*tail == q) {
		*tail = NULL;
		for (struct query *t = *head; t != NULL; t = t->next)
			*tail = t;
	}
	query_free(q);
}

/* A change is never dropped: it goes on, and its outcome is reported. */
static void detach(struct query *q, const char *what)
{
	q->detached = true;
	free(q->what);
	q->what = what != NULL ? xstrdup(what) : NULL;
}

void db_session_detach(struct db_session *s, unsigned id, const char *what)
{
	struct conn *c = &s->work;
	struct query *q = find_in(c->head, id);

	/* Only reads share a pipeline: sent, it is answered and dropped; to be sent
	 * again, it is not. */
	if (q == NULL && (q = find_in(c->sent, id)) != NULL) {
		q->dropped = true;
		return;
	}
	if (q == NULL && (q = find_in(c->again, id)) != NULL) {
		unlink_free(&c->again, &c->again_tail, q);
		return;
	}
	if (q == NULL && c->running != NULL && c->running->id == id)
		q = c->running;
	if (q == NULL)
		return;
	if (!(q->flags & DB_Q_READ)) {
		detach(q, what);
		return;
	}
	if (q != c->running) {
		unlink_free(&c->head, &c->tail, q);
		return;
	}
	if (c->dropped)
		return;
	c->dropped = true;
	/* A cancel may land on a later query of the pipeline: the running one is
	 * short and only dropped. */
	if (!c->pipeline || c->sent == NULL)
		send_cancel(s);
}

void db_session_cancel(struct db_session *s, unsigned id)
{
	db_session_detach(s, id, NULL);
}

bool db_session_interrupt(struct db_session *s)
{
	struct conn *c = &s->work;

	/* A change left behind by a closed screen, or work nobody asked for, is not
	 * the Esc's to stop. */
	if (c->running == NULL || c->dropped || c->interrupted || c->running->detached ||
	    (c->running->flags & DB_Q_BACKGROUND) != 0)
		return false;
	c->interrupted = true;
	send_cancel(s);
	return true;
}

bool db_session_error_is_esc(const char *error)
{
	return error != NULL && strcmp(error, esc_text()) == 0;
}

enum db_state db_session_state(const struct db_session *s)
{
	return s->state;
}

long db_session_running_ms(const struct db_session *s)
{
	const struct conn *c = &s->work;

	return c->running != NULL && !c->dropped && !c->running->detached &&
			       (c->running->flags & DB_Q_BACKGROUND) == 0
		       ? ms_since(&c->since)
		       : -1;
}

void db_session_sync_changes(struct db_session *s, bool on)
{
	s->sync_changes = on;
}

bool db_session_busy(const struct db_session *s)
{
	if (s->work.st == C_CONNECTING || s->listen.st == C_CONNECTING)
		return true;
	/* Up, but not ready: the first round trip is under way, the listen connection
	 * follows it. */
	if (s->work.st == C_UP && s->state != DB_READY)
		return true;
	/* Lost: waiting for the next attempt is not work; queued reads wait with it. */
	if (s->state != DB_READY)
		return false;
	if (s->work.running != NULL || s->work.pipeline || s->work.head != NULL ||
	    s->cancel != NULL)
		return true;
	/* LISTEN, a cancel, a sync after a change; never the heartbeat. */
	if ((s->listen.running != NULL && s->listen.running->cb != beat_done) || s->listen.pipeline)
		return true;
	for (const struct query *q = s->listen.head; q != NULL; q = q->next)
		if (q->cb != beat_done)
			return true;
	return false;
}

int db_session_pending(const struct db_session *s)
{
	int n = s->work.running != NULL ? 1 : 0;

	for (const struct query *q = s->work.head; q != NULL; q = q->next)
		n++;
	for (const struct query *q = s->work.sent; q != NULL; q = q->next)
		n += !q->dropped;
	for (const struct query *q = s->work.again; q != NULL; q = q->next)
		n++;
	return n;
}

const char *db_session_user(const struct db_session *s)
{
	return s->user;
}

const char *db_session_dbname(const struct db_session *s)
{
	return s->dbname;
}

void db_session_conn_params(const struct db_session *s, const char *const **keys, const char *const **vals)
{
	*keys = (const char *const *)s->keys;
	*vals = (const char *const *)s->vals;
}
