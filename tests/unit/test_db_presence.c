/* Presence between two consoles' sessions on the throwaway cluster: Ayşe's tracker
 * says she is typing, Béla's session hears it through LISTEN backdesk_presence and
 * his tracker describes her by her staff name; her own session hears it too and
 * shows nothing.  Then the round trip from api.ticket_presence to the listening
 * session, against a bare pg_notify() through the same two sessions (the floor).
 * A tiny poll() loop stands in for the console's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/presence.h"
#include "views/presence.h"
#include "testloop.h"

static char dbname[64], ayse_login[64], bela_login[64];
static struct db_session *ayse, *bela;
static int heard, heard_bare;
/* What Béla's session alone heard: the round trip ends there. */
static int bela_heard[2];
static bool changed_any;

static void on_notify(const char *channel, const char *payload, void *arg)
{
	bool changed = false;
	int *mine = arg;

	if (strcmp(channel, "bd_presence_floor") == 0) {
		heard_bare++;
		if (mine != NULL)
			mine[1]++;
		return;
	}
	if (presence_dispatch(channel, payload, &changed)) {
		heard++;
		if (mine != NULL)
			mine[0]++;
		changed_any = changed_any || changed;
	}
}

static struct db_session *connect_as(const char *login, int *counts)
{
	const struct db_session_events ev = { count_ready, on_notify, counts };
	const char *keys[] = { "dbname", "user", NULL };
	const char *vals[] = { dbname, login, NULL };
	struct db_session *s;

	ready = 0;
	s = db_session_new(&io, keys, vals, &ev);
	assert_true(run_until(&ready, 10000));
	assert_int_equal(db_session_state(s), DB_READY);
	db_session_listen(s, DB_PRESENCE_CHANNEL);
	db_session_listen(s, "bd_presence_floor");
	idle(200); /* the LISTENs go out */
	return s;
}

static int setup(void **state)
{
	PGconn *c;
	char sql[512];
	const char *keys[] = { "dbname", NULL };
	const char *vals[] = { dbname, NULL };

	(void)state;
	(void)snprintf(dbname, sizeof dbname, "bd_presence_%ld", (long)getpid());
	(void)snprintf(ayse_login, sizeof ayse_login, "t_pr_ayse_%ld", (long)getpid());
	(void)snprintf(bela_login, sizeof bela_login, "t_pr_bela_%ld", (long)getpid());
	admin_exec("CREATE DATABASE %s TEMPLATE %s", dbname, getenv("BD_TEMPLATE"));
	admin_exec("CREATE ROLE %s LOGIN IN ROLE backdesk_agent", ayse_login);
	admin_exec("CREATE ROLE %s LOGIN IN ROLE backdesk_agent", bela_login);
	c = PQconnectdbParams(keys, vals, 0);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	(void)snprintf(sql, sizeof sql,
		       "INSERT INTO backdesk.staff (login, full_name, role) VALUES "
		       "('%s', 'Ayşe \"Ayşo\" Yılmaz', 'agent'), ('%s', 'Béla Kovács', 'agent')",
		       ayse_login, bela_login);
	exec_ok(c, sql);
	exec_ok(c, "INSERT INTO backdesk.tickets (number, channel, category, subject, first_response_due, resolve_due) "
		   "VALUES ('T-PR-7', 'chat', 'delay', 'Nerede?', now(), now() + interval '1 day')");
	PQfinish(c);
	ayse = connect_as(ayse_login, NULL);
	bela = connect_as(bela_login, bela_heard);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_session_free(ayse);
	db_session_free(bela);
	admin_exec("DROP DATABASE %s WITH (FORCE)", dbname);
	admin_exec("DROP ROLE %s", ayse_login);
	admin_exec("DROP ROLE %s", bela_login);
	return 0;
}

static const char *describe(struct presence *p)
{
	static char buf[256];

	(void)presence_describe(p, buf, sizeof buf);
	return buf;
}

static void the_other_console_hears_who_types(void **state)
{
	struct presence *mine = presence_new(ayse, "T-PR-7");
	struct presence *theirs = presence_new(bela, "T-PR-7");

	(void)state;
	heard = 0;
	changed_any = false;
	presence_typing(mine);
	/* Both sessions listen: Béla's hears Ayşe, and so does her own. */
	assert_true(run_to(&heard, 2, 2000));
	assert_true(changed_any);
	assert_string_equal(describe(theirs), "Ayşe \"Ayşo\" Yılmaz is typing");
	assert_string_equal(describe(mine), "");

	presence_viewing(theirs);
	assert_true(run_to(&heard, 4, 2000));
	assert_string_equal(describe(mine), "Béla Kovács is viewing");

	presence_free(mine); /* says left */
	assert_true(run_to(&heard, 6, 2000));
	assert_string_equal(describe(theirs), "");
	presence_free(theirs);
	assert_true(run_to(&heard, 8, 2000));
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

#define ROUNDS 200

/* Microseconds from sending to hearing, one at a time. */
static long round_trip_us(bool bare)
{
	long us;
	struct timespec t0, t1;
	int *count = bare ? &heard_bare : &heard;
	int *his = &bela_heard[bare ? 1 : 0];
	int want = *count + 2, want_his = *his + 1; /* both sessions listen */

	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	if (bare) {
		const char *p[] = { "{\"ticket\": \"T-PR-7\"}" };

		(void)db_session_query(ayse, "SELECT pg_notify('bd_presence_floor', $1)", 1, p,
				       DB_Q_BACKGROUND, NULL, NULL);
	} else {
		assert_true(db_presence_send(ayse, "T-PR-7", DB_PRESENCE_VIEWING));
	}
	/* Béla's session is the one that counts: wait for its copy. */
	assert_true(run_to(his, want_his, 2000));
	(void)clock_gettime(CLOCK_MONOTONIC, &t1);
	us = (long)(t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000;
	assert_true(run_to(count, want, 2000));
	return us;
}

static void round_trip_next_to_a_bare_notify(void **state)
{
	static long api[ROUNDS], bare[ROUNDS];

	(void)state;
	/* Warm both paths, then interleave so that both see the same machine. */
	for (int i = 0; i < 10; i++) {
		(void)round_trip_us(false);
		(void)round_trip_us(true);
	}
	for (int i = 0; i < ROUNDS; i++) {
		api[i] = round_trip_us(false);
		bare[i] = round_trip_us(true);
	}
	qsort(api, ROUNDS, sizeof *api, cmp_long);
	qsort(bare, ROUNDS, sizeof *bare, cmp_long);
	print_message("# presence round trip (api.ticket_presence -> LISTENing session), %d rounds: "
		      "median %.2f ms, p95 %.2f ms; bare pg_notify: median %.2f ms, p95 %.2f ms; "
		      "ratio %.2f\n",
		      ROUNDS, (double)api[ROUNDS / 2] / 1000.0, (double)api[ROUNDS * 95 / 100] / 1000.0,
		      (double)bare[ROUNDS / 2] / 1000.0, (double)bare[ROUNDS * 95 / 100] / 1000.0,
		      (double)api[ROUNDS / 2] / (double)bare[ROUNDS / 2]);
	/* The bound is 2 s to the other console; presence is said every 2 s,
	 * so the trip itself must be a small part of that. */
	assert_true(api[ROUNDS * 95 / 100] < 200000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_other_console_hears_who_types),
		cmocka_unit_test(round_trip_next_to_a_bare_notify),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
