/* db/session against the throwaway cluster of tests/run: queries, parameters,
 * errors, NOTIFY, cancel, statement_timeout, changes whose screen closed, and
 * surviving the loss of the server's backends.
 * A tiny poll() loop stands in for the console's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/xalloc.h"
#include "db/session.h"

#include "testloop.h"

struct seen {
	int ready, lost, notified, answered, failed, refused;
	char why[512];
	char value[256];
	char error[512];
	char channel[64], payload[64];
};
static struct seen seen;

static void on_state(enum db_state st, const char *msg, void *arg)
{
	(void)arg;
	if (st == DB_READY)
		seen.ready++;
	if (st == DB_LOST)
		seen.lost++;
	if (st == DB_FAILED) {
		seen.refused++;
		(void)snprintf(seen.why, sizeof seen.why, "%s", msg != NULL ? msg : "");
	}
}

static void on_notify(const char *channel, const char *payload, void *arg)
{
	(void)arg;
	seen.notified++;
	(void)snprintf(seen.channel, sizeof seen.channel, "%s", channel);
	(void)snprintf(seen.payload, sizeof seen.payload, "%s", payload);
}

static void on_result(const PGresult *res, const char *error, void *arg)
{
	(void)arg;
	if (error != NULL) {
		seen.failed++;
		(void)snprintf(seen.error, sizeof seen.error, "%s", error);
		return;
	}
	seen.answered++;
	(void)snprintf(seen.value, sizeof seen.value, "%s",
		       PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
}

/* Each test's session has a name of its own, so that killing "ours" never counts a
 * backend of an earlier test that is still on its way out. */
static char appname[64];
static const char *keys[] = { "application_name", NULL };
static const char *vals[] = { appname, NULL };
static const struct db_session_events events = { on_state, on_notify, NULL };

static struct db_session *connect_with(const char *const *k, const char *const *v)
{
	struct db_session *s;

	static int n;

	memset(&seen, 0, sizeof seen);
	(void)snprintf(appname, sizeof appname, "bd-session-test-%d-%d", (int)getpid(), ++n);
	s = db_session_new(&io, k, v, &events);
	assert_true(run_until(&seen.ready, 10000));
	assert_int_equal(db_session_state(s), DB_READY);
	return s;
}

static struct db_session *connect_ready(void)
{
	return connect_with(keys, vals);
}

/* A sequence counts how often the server ran a query: nextval() survives the
 * rollback of a statement that was stopped. */
static char seqname[64];

/* A name of its own each time: a failed test leaves its sequence behind. */
static void counter_create(void)
{
	static int n;

	(void)snprintf(seqname, sizeof seqname, "bd_session_runs_%d_%d", (int)getpid(), ++n);
	admin_exec("CREATE SEQUENCE %s", seqname);
}

static void counter_drop(void)
{
	admin_exec("DROP SEQUENCE %s", seqname);
}

static long counter_value(void)
{
	PGconn *c = PQconnectdb("");
	const char *p[1] = { seqname };
	PGresult *r;
	long v;

	assert_int_equal(PQstatus(c), CONNECTION_OK);
	r = PQexecParams(c, "SELECT coalesce(last_value, 0) FROM pg_sequences WHERE sequencename = $1",
			 1, NULL, p, NULL, NULL, 0);
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_int_equal(PQntuples(r), 1);
	v = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return v;
}

static void queries_answer_with_parameters(void **state)
{
	struct db_session *s = connect_ready();
	const char *p[2] = { "Şükrü", " Öztürk" };

	(void)state;
	assert_true(db_session_query(s, "SELECT $1::text || $2::text", 2, p, DB_Q_READ, on_result, NULL) > 0);
	assert_true(run_until(&seen.answered, 5000));
	assert_string_equal(seen.value, "Şükrü Öztürk");
	assert_int_equal(db_session_pending(s), 0);
	assert_true(strlen(db_session_user(s)) > 0);
	db_session_free(s);
}

static void errors_say_what_went_wrong(void **state)
{
	struct db_session *s = connect_ready();

	(void)state;
	(void)db_session_query(s, "SELECT 1/0", 0, NULL, DB_Q_READ, on_result, NULL);
	assert_true(run_until(&seen.failed, 5000));
	assert_non_null(strstr(seen.error, "division by zero"));
	/* The connection is still good for the next query. */
	(void)db_session_query(s, "SELECT 'next'", 0, NULL, DB_Q_READ, on_result, NULL);
	assert_true(run_until(&seen.answered, 5000));
	assert_string_equal(seen.value, "next");
	db_session_free(s);
}

static void queries_run_in_order(void **state)
{
	struct db_session *s = connect_ready();
	char v[16];
	const char *p[1] = { v };

	(void)state;
	for (int i = 1; i <= 5; i++) {
		(void)snprintf(v, sizeof v, "%d", i);
		(void)db_session_query(s, "SELECT $1::int", 1, p, DB_Q_READ, on_result, NULL);
	}
	assert_int_equal(db_session_pending(s), 5);
	assert_true(run_to(&seen.answered, 5, 5000));
	assert_int_equal(db_session_pending(s), 0);
	assert_string_equal(seen.value, "5");
	db_session_free(s);
}

/* The answers in the order they came: each value, or E for an error. */
static char order[64];
static unsigned drop_on_first; /* a query to forget when the first answer comes */
static struct db_session *ordered_session;

static void on_ordered(const PGresult *res, const char *error, void *arg)
{
	size_t n = strlen(order);

	(void)snprintf(order + n, sizeof order - n, "%s ", error != NULL ? "E" : PQgetvalue(res, 0, 0));
	if (drop_on_first != 0) {
		db_session_cancel(ordered_session, drop_on_first);
		drop_on_first = 0;
	}
	on_result(res, error, arg);
}

/* Reads queued before the connection is up go out together in one pipeline: an
 * error in it is its own query's only, the queries behind it are sent again and
 * answered in order, and one forgotten after it was sent is never answered. */
static void an_error_in_a_pipeline_stops_only_its_query(void **state)
{
	static const char *const sql[] = { "SELECT 1", "SELECT 2", "SELECT 1/0", "SELECT 4",
					   "SELECT 5", "SELECT 6", "SELECT 7" };
	unsigned id[7];
	struct db_session *s;

	(void)state;
	memset(&seen, 0, sizeof seen);
	order[0] = '\0';
	(void)snprintf(appname, sizeof appname, "bd-session-test-%d-pipeline", (int)getpid());
	s = ordered_session = db_session_new(&io, keys, vals, &events);
	for (int i = 0; i < 7; i++)
		id[i] = db_session_query(s, sql[i], 0, NULL, DB_Q_READ, on_ordered, NULL);
	/* SELECT 6 is dropped while queued, SELECT 2 once it was sent. */
	db_session_cancel(s, id[5]);
	drop_on_first = id[1];
	assert_true(run_to(&seen.answered, 4, 10000));
	assert_true(run_until(&seen.ready, 5000));
	assert_string_equal(order, "1 E 4 5 7 ");
	assert_int_equal(seen.failed, 1);
	assert_int_equal(db_session_pending(s), 0);
	db_session_free(s);
}

static void on_mark(const PGresult *res, const char *error, void *arg)
{
	size_t n = strlen(order);

	(void)res;
	(void)snprintf(order + n, sizeof order - n, "%s ", error != NULL ? "E!" : "M");
	seen.answered++;
	(void)arg;
}

/* db_session_after's mark answers once what was queued before it has, in the same
 * round trip; behind an error it is sent again with the rest, and is no error. */
static void the_mark_answers_after_what_was_queued_before_it(void **state)
{
	struct db_session *s;

	(void)state;
	memset(&seen, 0, sizeof seen);
	order[0] = '\0';
	(void)snprintf(appname, sizeof appname, "bd-session-test-%d-mark", (int)getpid());
	s = ordered_session = db_session_new(&io, keys, vals, &events);
	(void)db_session_query(s, "SELECT 1", 0, NULL, DB_Q_READ, on_ordered, NULL);
	(void)db_session_after(s, on_mark, NULL);
	(void)db_session_query(s, "SELECT 3", 0, NULL, DB_Q_READ, on_ordered, NULL);
	(void)db_session_query(s, "SELECT 1/0", 0, NULL, DB_Q_READ, on_ordered, NULL);
	(void)db_session_after(s, on_mark, NULL);
	assert_int_equal(db_session_pending(s), 5);
	assert_true(run_to(&seen.answered, 4, 10000));
	assert_string_equal(order, "1 M 3 E M ");
	assert_int_equal(seen.failed, 1);
	assert_int_equal(db_session_pending(s), 0);
	db_session_free(s);
}

static void notifications_arrive(void **state)
{
	struct db_session *s = connect_ready();

	(void)state;
	db_session_listen(s, "bd_session_test");
	/* The LISTEN travels on the other connection: until it has arrived, a NOTIFY
	 * goes to nobody, so send again until one is heard. */
	for (int i = 0; i < 25 && !seen.notified; i++) {
		(void)db_session_query(s, "SELECT pg_notify('bd_session_test', 'hello')", 0, NULL, 0,
				       on_result, NULL);
		(void)run_until(&seen.notified, 200);
	}
	assert_true(seen.notified > 0);
	assert_string_equal(seen.channel, "bd_session_test");
	assert_string_equal(seen.payload, "hello");
	db_session_free(s);
}

/* Runs the loop while the session is busy (5 s at most); says whether it settled. */
static bool settle(struct db_session *s)
{
	long end = now_ms() + 5000;

	while (db_session_busy(s) && now_ms() < end)
		idle(5);
	return !db_session_busy(s);
}

static bool busy_at_answer;
static void on_change_answer(const PGresult *res, const char *error, void *arg)
{
	busy_at_answer = db_session_busy(arg);
	on_result(res, error, NULL);
}

/* The test mode's "nothing in flight": a LISTEN under way is busy, and a change is
 * busy until its own NOTIFY has arrived, however late the listen connection hears
 * it. */
static void busy_until_a_changes_notify_is_in(void **state)
{
	struct db_session *s = connect_ready();

	(void)state;
	db_session_sync_changes(s, true);
	assert_true(settle(s));
	db_session_listen(s, "bd_session_busy");
	assert_true(db_session_busy(s));
	assert_true(settle(s));
	for (int i = 1; i <= 20; i++) {
		(void)db_session_query(s, "SELECT pg_notify('bd_session_busy', 'x')", 0, NULL, 0,
				       on_change_answer, s);
		assert_true(db_session_busy(s));
		assert_true(run_to(&seen.answered, i, 5000));
		assert_true(busy_at_answer);
		assert_true(settle(s));
		assert_int_equal(seen.notified, i);
	}
	/* A read sends nothing that could echo. */
	(void)db_session_query(s, "SELECT 1", 0, NULL, DB_Q_READ, on_change_answer, s);
	assert_true(run_to(&seen.answered, 21, 5000));
	assert_false(busy_at_answer);
	db_session_free(s);
}

static void cancel_stops_a_running_query(void **state)
{
	struct db_session *s = connect_ready();
	unsigned id;
	long t0;

	(void)state;
	id = db_session_query(s, "SELECT pg_sleep(30)", 0, NULL, DB_Q_READ, on_result, NULL);
	idle(300);
	assert_true(db_session_running_ms(s) >= 200);
	t0 = now_ms();
	db_session_cancel(s, id);
	assert_int_equal(db_session_running_ms(s), -1);
	(void)db_session_query(s, "SELECT 'after'", 0, NULL, DB_Q_READ, on_result, NULL);
	assert_true(run_until(&seen.answered, 5000));
	assert_true(now_ms() - t0 < 5000);
	assert_string_equal(seen.value, "after");
	assert_int_equal(seen.failed, 0); /* the cancelled query's callback never ran */

	/* A query cancelled while still queued never runs. */
	seen.answered = 0;
	(void)db_session_query(s, "SELECT pg_sleep(0.2)", 0, NULL, DB_Q_READ, on_result, NULL);
	id = db_session_query(s, "SELECT 'dropped'", 0, NULL, DB_Q_READ, on_result, NULL);
	db_session_cancel(s, id);
	assert_int_equal(db_session_pending(s), 1);
	assert_true(run_until(&seen.answered, 5000));
	idle(300);
	assert_int_equal(seen.answered, 1);
	assert_string_not_equal(seen.value, "dropped");
	db_session_free(s);
}

static void interrupt_reports_the_cancel(void **state)
{
	struct db_session *s = connect_ready();
	long t0;

	(void)state;
	assert_false(db_session_interrupt(s)); /* nothing runs */
	(void)db_session_query(s, "SELECT pg_sleep(30)", 0, NULL, DB_Q_READ, on_result, NULL);
	idle(200);
	t0 = now_ms();
	assert_true(db_session_interrupt(s));
	assert_true(run_until(&seen.failed, 5000));
	assert_true(now_ms() - t0 < 5000);
	assert_non_null(strstr(seen.error, "cancel"));
	/* The user's Esc, in words that cannot be taken for the server's time-out. */
	assert_true(db_session_error_is_esc(seen.error));
	assert_null(strstr(seen.error, "time limit"));
	/* Reported, never sent again. */
	idle(300);
	assert_int_equal(db_session_pending(s), 0);
	assert_int_equal(seen.answered, 0);
	db_session_free(s);
}

/* Work nobody asked for (who am I, the closed lists) is not what an Esc stops:
 * the Esc goes to the screen, and the work finishes. */
static void esc_leaves_background_work_alone(void **state)
{
	struct db_session *s = connect_ready();

	(void)state;
	(void)db_session_query(s, "SELECT pg_sleep(0.4)", 0, NULL, DB_Q_READ | DB_Q_BACKGROUND,
			       on_result, NULL);
	idle(150);
	assert_int_equal(db_session_running_ms(s), -1); /* no spinner for it */
	assert_false(db_session_interrupt(s));
	assert_true(run_until(&seen.answered, 5000));
	assert_int_equal(seen.failed, 0);
	db_session_free(s);
}

/* Kills our own backends from a separate, plain connection. */
static void terminate_backends(void)
{
	PGconn *c = PQconnectdb("application_name=bd-session-killer");
	const char *p[1] = { appname };
	PGresult *r;

	assert_int_equal(PQstatus(c), CONNECTION_OK);
	r = PQexecParams(c, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
			    "WHERE application_name = $1", 1, NULL, p, NULL, NULL, 0);
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_string_equal(PQgetvalue(r, 0, 0), "2");
	PQclear(r);
	PQfinish(c);
}

static void survives_losing_the_server(void **state)
{
	struct db_session *s = connect_ready();
	long t0;

	(void)state;
	db_session_listen(s, "bd_session_test");
	(void)db_session_query(s, "SELECT 1", 0, NULL, DB_Q_READ, on_result, NULL);
	assert_true(run_until(&seen.answered, 5000));

	/* A read in flight when the server goes is sent again after the reconnect;
	 * a change in flight is reported, never silently repeated. */
	(void)db_session_query(s, "SELECT 'read again' FROM pg_sleep(1)", 0, NULL, DB_Q_READ,
			       on_result, NULL);
	idle(200);
	t0 = now_ms();
	terminate_backends();
	assert_true(run_until(&seen.lost, 2000));
	assert_true(now_ms() - t0 <= 2000);
	assert_int_equal(db_session_state(s), DB_LOST);

	seen.answered = 0;
	assert_true(run_until(&seen.answered, 15000));
	assert_string_equal(seen.value, "read again");
	/* The listen connection is made once the work connection's first round trip
	 * (the read) is over: ready comes after. */
	assert_true(run_to(&seen.ready, 2, 5000));
	assert_int_equal(db_session_state(s), DB_READY);
	assert_int_equal(seen.ready, 2);
	assert_int_equal(seen.failed, 0);

	(void)db_session_query(s, "SELECT 'write' FROM pg_sleep(1)", 0, NULL, 0, on_result, NULL);
	idle(200);
	terminate_backends();
	assert_true(run_until(&seen.failed, 2000));
	assert_non_null(strstr(seen.error, "check whether the change was made"));
	assert_true(run_to(&seen.ready, 3, 15000));

	/* LISTEN was renewed on the new connection. */
	seen.notified = 0;
	for (int i = 0; i < 25 && !seen.notified; i++) {
		(void)db_session_query(s, "SELECT pg_notify('bd_session_test', 'again')", 0, NULL, 0,
				       on_result, NULL);
		(void)run_until(&seen.notified, 200);
	}
	assert_true(seen.notified > 0);
	assert_string_equal(seen.payload, "again");
	db_session_free(s);
}

static const char *const timeout_keys[] = { "application_name", "options", NULL };
static const char *const timeout_vals[] = { appname, "-c statement_timeout=1000", NULL };

/* The server's statement_timeout stops a read: sent again a bounded number of
 * times, then reported as a time-out, never as the user's cancel. */
static void a_timed_out_read_is_retried_then_reported(void **state)
{
	struct db_session *s;
	const char *p[1] = { seqname };
	long t0;

	(void)state;
	counter_create();
	s = connect_with(timeout_keys, timeout_vals);
	(void)db_session_query(s, "SELECT nextval($1::regclass), pg_sleep(10)", 1, p, DB_Q_READ,
			       on_result, NULL);
	assert_true(run_until(&seen.failed, 10000));
	assert_int_equal(counter_value(), 1 + DB_TIMEOUT_RETRIES);
	assert_non_null(strstr(seen.error, "time limit (statement_timeout)"));
	assert_false(db_session_error_is_esc(seen.error));
	idle(500);
	assert_int_equal(counter_value(), 1 + DB_TIMEOUT_RETRIES);
	assert_int_equal(db_session_pending(s), 0);
	assert_int_equal(seen.answered, 0);
	assert_int_equal(seen.failed, 1);

	/* A change is never sent twice: the server's own words say what stopped it. */
	(void)db_session_query(s, "SELECT nextval($1::regclass), pg_sleep(10)", 1, p, 0, on_result,
			       NULL);
	assert_true(run_to(&seen.failed, 2, 5000));
	assert_non_null(strstr(seen.error, "statement timeout"));
	assert_false(db_session_error_is_esc(seen.error));
	idle(500);
	assert_int_equal(counter_value(), 2 + DB_TIMEOUT_RETRIES);

	/* Esc under the same time limit: the user's cancel, not a time-out, not resent. */
	(void)db_session_query(s, "SELECT nextval($1::regclass), pg_sleep(10)", 1, p, DB_Q_READ,
			       on_result, NULL);
	idle(100);
	t0 = now_ms();
	assert_true(db_session_interrupt(s));
	assert_true(run_to(&seen.failed, 3, 5000));
	assert_true(now_ms() - t0 < 800); /* before the server's limit could strike */
	assert_true(db_session_error_is_esc(seen.error));
	assert_null(strstr(seen.error, "time limit"));
	idle(500);
	assert_int_equal(counter_value(), 3 + DB_TIMEOUT_RETRIES);
	db_session_free(s);
	counter_drop();
}

struct race {
	int a_answered, a_failed, a_other, b_answered, b_failed;
	char b_error[512];
};

static void on_a(const PGresult *res, const char *error, void *arg)
{
	struct race *r = arg;

	(void)res;
	if (error == NULL)
		r->a_answered++;
	else if (db_session_error_is_esc(error))
		r->a_failed++;
	else
		r->a_other++;
}

static void on_b(const PGresult *res, const char *error, void *arg)
{
	struct race *r = arg;

	(void)res;
	if (error == NULL) {
		r->b_answered++;
		return;
	}
	r->b_failed++;
	(void)snprintf(r->b_error, sizeof r->b_error, "%s", error);
}

/* Esc just as a query ends, the next one queued at once: the cancel travels on the
 * other connection, which is kept busy (a LISTEN) so that it arrives late.  It must
 * never stop the next query, read or change. */
static void esc_never_stops_the_next_query(void **state)
{
	struct db_session *s;
	struct race r = { 0 };
	const char *p[1] = { seqname };
	enum { ROUNDS = 40 };

	(void)state;
	counter_create();
	s = connect_ready();
	for (int i = 0; i < ROUNDS; i++) {
		char channel[32];
		int done = r.b_answered + r.b_failed;

		(void)db_session_query(s, "SELECT 'a'", 0, NULL, DB_Q_READ, on_a, &r);
		/* The server has answered; the session has not read the answer yet. */
		(void)usleep(20000);
		(void)snprintf(channel, sizeof channel, "bd_race_%d", i);
		db_session_listen(s, channel);
		assert_true(db_session_interrupt(s));
		(void)db_session_query(s, "SELECT nextval($1::regclass), pg_sleep(0.05)", 1, p,
				       i % 2 == 0 ? 0u : (unsigned)DB_Q_READ, on_b, &r);
		{
			int target = done + 1;
			int now = 0;

			for (long end = now_ms() + 5000; now < target && now_ms() < end;) {
				idle(10);
				now = r.b_answered + r.b_failed;
			}
			assert_int_equal(now, target);
		}
	}
	if (r.b_failed > 0)
		fail_msg("%d of %d next queries failed: %s", r.b_failed, ROUNDS, r.b_error);
	assert_int_equal(r.b_answered, ROUNDS);
	/* Each ran once: none was stopped and sent again. */
	assert_int_equal(counter_value(), ROUNDS);
	/* The Esc'd ones ended or were cancelled by the user, nothing else. */
	assert_int_equal(r.a_answered + r.a_failed, ROUNDS);
	assert_int_equal(r.a_other, 0);
	db_session_free(s);
	counter_drop();
}

struct outcome {
	int n;
	enum db_outcome last;
	char what[128];
	char error[512];
};
static struct outcome out;

static void on_detached(const char *what, enum db_outcome o, const char *error, void *arg)
{
	(void)arg;
	out.n++;
	out.last = o;
	(void)snprintf(out.what, sizeof out.what, "%s", what);
	(void)snprintf(out.error, sizeof out.error, "%s", error != NULL ? error : "");
}

/* A screen closes while its change is on the way: the change is neither dropped nor
 * cut off, and the user still learns whether it was applied. */
static void a_closed_screen_still_hears_of_its_change(void **state)
{
	struct db_session *s;
	const char *p[1] = { seqname };
	unsigned id;

	(void)state;
	counter_create();
	s = connect_ready();
	db_session_on_detached(s, on_detached);
	memset(&out, 0, sizeof out);

	/* Running: goes on to its end and is reported as applied. */
	id = db_session_query(s, "SELECT nextval($1::regclass), pg_sleep(0.3)", 1, p, 0, on_result,
			      NULL);
	idle(100);
	db_session_detach(s, id, "Refund on SO-1");
	assert_int_equal(db_session_running_ms(s), -1); /* no spinner for a closed screen */
	assert_false(db_session_interrupt(s));          /* and not the next Esc's to stop */
	assert_true(run_until(&out.n, 5000));
	assert_int_equal(out.last, DB_APPLIED);
	assert_string_equal(out.what, "Refund on SO-1");
	assert_int_equal(counter_value(), 1);

	/* Queued behind a read: still sent, and its refusal reported. */
	(void)db_session_query(s, "SELECT pg_sleep(0.2)", 0, NULL, DB_Q_READ, on_result, NULL);
	id = db_session_query(s, "SELECT nextval($1::regclass) / 0", 1, p, 0, on_result, NULL);
	db_session_detach(s, id, "Note on SO-2");
	assert_true(run_to(&out.n, 2, 5000));
	assert_int_equal(out.last, DB_NOT_APPLIED);
	assert_string_equal(out.what, "Note on SO-2");
	assert_non_null(strstr(out.error, "division by zero"));

	/* db_session_cancel on a change: never silently forgotten either. */
	id = db_session_query(s, "SELECT nextval($1::regclass), pg_sleep(0.3)", 1, p, 0, on_result,
			      NULL);
	idle(100);
	db_session_cancel(s, id);
	assert_true(run_to(&out.n, 3, 5000));
	assert_int_equal(out.last, DB_APPLIED);
	assert_string_equal(out.what, "A change");
	assert_int_equal(counter_value(), 3);

	/* The user's Esc, then the screen closes before the answer: reported too. */
	id = db_session_query(s, "SELECT nextval($1::regclass), pg_sleep(10)", 1, p, 0, on_result,
			      NULL);
	idle(100);
	assert_true(db_session_interrupt(s));
	db_session_detach(s, id, "Address of SO-3");
	assert_true(run_to(&out.n, 4, 5000));
	assert_int_equal(out.last, DB_NOT_APPLIED);
	assert_string_equal(out.what, "Address of SO-3");
	assert_true(db_session_error_is_esc(out.error));

	/* A read is simply cancelled: nobody waits for it any more. */
	id = db_session_query(s, "SELECT pg_sleep(10)", 0, NULL, DB_Q_READ, on_result, NULL);
	idle(100);
	db_session_detach(s, id, "a list");
	seen.answered = 0;
	(void)db_session_query(s, "SELECT 'after'", 0, NULL, DB_Q_READ, on_result, NULL);
	assert_true(run_until(&seen.answered, 5000));
	assert_string_equal(seen.value, "after");
	assert_int_equal(out.n, 4);

	/* The connection breaks under it: nobody can know, and the user is told so. */
	(void)db_session_query(s, "SELECT nextval($1::regclass), pg_sleep(1)", 1, p, 0, on_result,
			       NULL);
	id = db_session_query(s, "SELECT nextval($1::regclass)", 1, p, 0, on_result, NULL);
	/* (the first one keeps its callback: only the second's screen closed) */
	db_session_detach(s, id, "Ticket for SO-4");
	idle(200);
	seen.failed = 0;
	terminate_backends();
	assert_true(run_until(&seen.failed, 3000));
	assert_non_null(strstr(seen.error, "check whether the change was made"));
	/* The queued change waits for the new connection, then runs and is reported. */
	assert_true(run_to(&out.n, 5, 15000));
	assert_int_equal(out.last, DB_APPLIED);
	assert_string_equal(out.what, "Ticket for SO-4");
	assert_int_equal(seen.answered, 1); /* "after" */
	db_session_free(s);
	counter_drop();
}

/* A login the server does not know is refused for good: said once, with libpq's
 * reason (no SQLSTATE, no LOCATION line), and never tried again. */
static void an_unknown_login_is_refused_for_good(void **state)
{
	static const char *k[] = { "user", "application_name", NULL };
	static const char *v[] = { "bd_no_such_login", "bd-session-refused", NULL };
	struct db_session *s;

	(void)state;
	memset(&seen, 0, sizeof seen);
	s = db_session_new(&io, k, v, &events);
	assert_true(run_until(&seen.refused, 10000));
	assert_int_equal(db_session_state(s), DB_FAILED);
	assert_non_null(strstr(seen.why, "role \"bd_no_such_login\" does not exist"));
	assert_null(strstr(seen.why, "28000"));
	assert_null(strstr(seen.why, "LOCATION"));
	assert_false(db_session_busy(s));
	/* Longer than the first back-off or two: nothing more happens. */
	idle(1500);
	assert_int_equal(seen.refused, 1);
	assert_int_equal(seen.lost, 0);
	assert_int_equal(seen.ready, 0);
	db_session_free(s);
}

struct start_log {
	struct db_session *s;
	enum db_state states[16];
	int nstates;
	enum db_state state_at_answer;
	int answered;
};

static void log_state(enum db_state st, const char *msg, void *arg)
{
	struct start_log *l = arg;

	(void)msg;
	if (l->nstates < 16)
		l->states[l->nstates++] = st;
}

static void log_answer(const PGresult *res, const char *error, void *arg)
{
	struct start_log *l = arg;

	assert_null(error);
	assert_string_equal(PQgetvalue(res, 0, 0), "first page");
	l->state_at_answer = db_session_state(l->s);
	l->answered++;
}

/* The server is not there when the session starts (its socket is a link that does
 * not exist yet), then it is.  What was queued at the start is answered before the
 * listen connection is up, so the owner must have heard that the session is no
 * longer lost by then: else a screen shows the first page beside "cannot reach". */
static void at_the_start_the_first_answer_never_comes_while_lost(void **state)
{
	const char *host = getenv("PGHOST"), *port = getenv("PGPORT");
	char dir[] = "/tmp/bdsockXXXXXX", link[128], target[256];
	static const char *k[] = { "host", "port", "application_name", NULL };
	const char *v[] = { NULL, NULL, "bd-session-late-server", NULL };
	struct start_log l = { 0 };
	struct db_session_events ev = { log_state, NULL, &l };
	int last;

	(void)state;
	assert_non_null(host);
	assert_true(host[0] == '/');
	if (port == NULL || *port == '\0')
		port = "5432";
	assert_non_null(mkdtemp(dir));
	(void)snprintf(link, sizeof link, "%s/.s.PGSQL.%s", dir, port);
	(void)snprintf(target, sizeof target, "%s/.s.PGSQL.%s", host, port);
	v[0] = dir;
	v[1] = port;
	l.s = db_session_new(&io, k, v, &ev);
	(void)db_session_query(l.s, "SELECT 'first page'", 0, NULL, DB_Q_READ, log_answer, &l);
	assert_true(run_until(&l.nstates, 5000));
	assert_int_equal(l.states[0], DB_LOST);
	assert_int_equal(db_session_state(l.s), DB_LOST);
	assert_int_equal(l.answered, 0);

	assert_int_equal(symlink(target, link), 0);
	assert_true(run_until(&l.answered, 15000));
	assert_int_equal(l.state_at_answer, DB_CONNECTING);
	last = l.nstates;
	assert_true(last >= 2);
	assert_int_equal(l.states[last - 1], DB_CONNECTING);
	for (int i = 0; i < last - 1; i++)
		assert_int_equal(l.states[i], DB_LOST);
	while (db_session_state(l.s) != DB_READY && run_to(&l.nstates, l.nstates + 1, 5000))
		;
	assert_int_equal(db_session_state(l.s), DB_READY);
	assert_int_equal(l.states[l.nstates - 1], DB_READY);
	assert_int_equal(l.answered, 1);
	db_session_free(l.s);
	assert_int_equal(unlink(link), 0);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(queries_answer_with_parameters),
		cmocka_unit_test(errors_say_what_went_wrong),
		cmocka_unit_test(queries_run_in_order),
		cmocka_unit_test(an_error_in_a_pipeline_stops_only_its_query),
		cmocka_unit_test(the_mark_answers_after_what_was_queued_before_it),
		cmocka_unit_test(notifications_arrive),
		cmocka_unit_test(busy_until_a_changes_notify_is_in),
		cmocka_unit_test(cancel_stops_a_running_query),
		cmocka_unit_test(interrupt_reports_the_cancel),
		cmocka_unit_test(esc_leaves_background_work_alone),
		cmocka_unit_test(survives_losing_the_server),
		cmocka_unit_test(a_timed_out_read_is_retried_then_reported),
		cmocka_unit_test(esc_never_stops_the_next_query),
		cmocka_unit_test(a_closed_screen_still_hears_of_its_change),
		cmocka_unit_test(an_unknown_login_is_refused_for_good),
		cmocka_unit_test(at_the_start_the_first_answer_never_comes_while_lost),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
