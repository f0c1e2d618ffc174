/* db/session against the throwaway cluster of tests/run: queries, parameters,
 * errors, NOTIFY, cancel, and surviving the loss of the server's backends.
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
	int ready, lost, notified, answered, failed;
	char value[256];
	char error[512];
	char channel[64], payload[64];
};
static struct seen seen;

static void on_state(enum db_state st, const char *msg, void *arg)
{
	(void)msg;
	(void)arg;
	if (st == DB_READY)
		seen.ready++;
	if (st == DB_LOST)
		seen.lost++;
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

static struct db_session *connect_ready(void)
{
	struct db_session *s;

	static int n;

	memset(&seen, 0, sizeof seen);
	(void)snprintf(appname, sizeof appname, "bd-session-test-%d-%d", (int)getpid(), ++n);
	s = db_session_new(&io, keys, vals, &events);
	assert_true(run_until(&seen.ready, 10000));
	assert_int_equal(db_session_state(s), DB_READY);
	return s;
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
	/* Reported, not quietly sent again like a cancel that hit the wrong query. */
	idle(300);
	assert_int_equal(db_session_pending(s), 0);
	assert_int_equal(seen.answered, 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(queries_answer_with_parameters),
		cmocka_unit_test(errors_say_what_went_wrong),
		cmocka_unit_test(queries_run_in_order),
		cmocka_unit_test(notifications_arrive),
		cmocka_unit_test(cancel_stops_a_running_query),
		cmocka_unit_test(interrupt_reports_the_cancel),
		cmocka_unit_test(survives_losing_the_server),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
