/* views/time_spent: seconds counted only while active, flushed every 60 s and on
 * close; a refused flush gives its seconds to the next, a broken one is never sent
 * again; in every run the seconds the fake database added plus the uncertain ones
 * are exactly the seconds counted (nothing lost, nothing twice). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "views/time_spent.h"

static long long clock_ms;
/* The fake database: flushes waiting for an answer, what it added, what was
 * detached (answered later by nobody). */
static struct {
	unsigned handle;
	int seconds;
	bool closing;
} flights[16];
static int nflights;
static unsigned next_handle;
static int added, detached_s, ndetached, refuse_sends;
static char detached_what[128];
static bool detached_closing;

static long long fake_now(void *arg)
{
	(void)arg;
	return clock_ms;
}

static unsigned fake_flush(void *arg, const char *ticket, int seconds, bool closing, struct time_spent *t)
{
	(void)arg;
	(void)t;
	assert_string_equal(ticket, "T-100004");
	assert_true(seconds > 0);
	if (refuse_sends > 0) {
		refuse_sends--;
		return 0;
	}
	assert_true(nflights < 16);
	flights[nflights].handle = ++next_handle;
	flights[nflights].seconds = seconds;
	flights[nflights].closing = closing;
	nflights++;
	return next_handle;
}

static void fake_detach(void *arg, unsigned handle, const char *what)
{
	(void)arg;
	for (int i = 0; i < nflights; i++) {
		if (flights[i].handle == handle) {
			detached_s += flights[i].seconds;
			ndetached++;
			(void)snprintf(detached_what, sizeof detached_what, "%s", what);
			detached_closing = flights[i].closing;
			flights[i] = flights[--nflights];
			return;
		}
	}
	fail_msg("detached a flush that is not on its way");
}

/* The database answers the oldest flush. */
static void answer(struct time_spent *t, enum time_spent_outcome outcome)
{
	assert_true(nflights > 0);
	if (outcome == TIME_SPENT_SAVED)
		added += flights[0].seconds;
	memmove(&flights[0], &flights[1], (size_t)(nflights - 1) * sizeof flights[0]);
	nflights--;
	time_spent_flushed(t, outcome);
}

static const struct time_spent_ops ops = { fake_now, fake_flush, fake_detach, NULL };

static struct time_spent *start(void)
{
	clock_ms = 5000000;
	nflights = 0;
	next_handle = 0;
	added = detached_s = ndetached = refuse_sends = 0;
	detached_what[0] = '\0';
	return time_spent_new_with(&ops, "T-100004");
}

/* Ticks every second for `s` seconds. */
static void run(struct time_spent *t, int s)
{
	for (int i = 0; i < s; i++) {
		clock_ms += 1000;
		time_spent_tick(t);
	}
}

static void counts_only_while_active_and_flushes_every_minute(void **state)
{
	struct time_spent *t = start();

	(void)state;
	run(t, 30); /* not active yet: nothing counted */
	assert_int_equal(time_spent_unsaved(t), 0);
	time_spent_active(t, true);
	run(t, 29);
	assert_int_equal(nflights, 0);
	assert_int_equal(time_spent_unsaved(t), 29);
	run(t, 1); /* 60 s since the tracker began: a flush of what was counted */
	assert_int_equal(nflights, 1);
	assert_int_equal(flights[0].seconds, 30);
	assert_false(flights[0].closing);
	answer(t, TIME_SPENT_SAVED);
	time_spent_active(t, false); /* the terminal lost focus, a dialog covers it */
	run(t, 120);
	time_spent_active(t, true);
	clock_ms += 12400;
	time_spent_active(t, false);
	assert_int_equal(nflights, 0); /* the 60 s passed while nothing was counted */
	run(t, 60);
	assert_int_equal(nflights, 1);
	assert_int_equal(flights[0].seconds, 12);
	answer(t, TIME_SPENT_SAVED);
	/* 400 ms wait; close rounds them down, 0 s: no flush. */
	time_spent_free(t);
	assert_int_equal(added, 42);
	assert_int_equal(nflights, 0);
	assert_int_equal(ndetached, 0);
}

static void a_refused_flush_gives_its_seconds_to_the_next(void **state)
{
	struct time_spent *t = start();

	(void)state;
	time_spent_active(t, true);
	run(t, 60);
	assert_int_equal(flights[0].seconds, 60);
	run(t, 90); /* a flush on its way: no second one beside it */
	assert_int_equal(nflights, 1);
	answer(t, TIME_SPENT_FAILED);
	assert_int_equal(time_spent_unsaved(t), 150);
	run(t, 1); /* a minute has passed since the last began */
	assert_int_equal(nflights, 1);
	assert_int_equal(flights[0].seconds, 151);
	answer(t, TIME_SPENT_SAVED);
	/* Not connected: the flush cannot go, the seconds wait. */
	refuse_sends = 1;
	run(t, 60);
	assert_int_equal(nflights, 0);
	run(t, 1);
	assert_int_equal(nflights, 1);
	assert_int_equal(flights[0].seconds, 61);
	answer(t, TIME_SPENT_SAVED);
	clock_ms += 1600;
	time_spent_free(t); /* 1.6 s: two seconds on close */
	assert_int_equal(nflights, 0);
	assert_int_equal(ndetached, 1);
	assert_true(detached_closing); /* sent even while the connection is down */
	assert_int_equal(detached_s, 2);
	assert_string_equal(detached_what, "Time spent on T-100004 (2 s)");
	assert_int_equal(added + detached_s, 60 + 90 + 1 + 60 + 1 + 2);
}

static void a_broken_flush_is_never_sent_twice(void **state)
{
	struct time_spent *t = start();

	(void)state;
	time_spent_active(t, true);
	run(t, 60);
	answer(t, TIME_SPENT_UNKNOWN);
	assert_int_equal(time_spent_uncertain(t), 60);
	assert_int_equal(time_spent_unsaved(t), 0);
	run(t, 60);
	assert_int_equal(flights[0].seconds, 60); /* only the new minute */
	answer(t, TIME_SPENT_SAVED);
	time_spent_free(t);
	assert_int_equal(added, 60);
}

static void closing_with_a_flush_on_its_way_leaves_both_to_the_session(void **state)
{
	struct time_spent *t = start();

	(void)state;
	time_spent_active(t, true);
	run(t, 60);
	run(t, 20);
	assert_int_equal(nflights, 1);
	time_spent_free(t);
	/* The minute on its way and the 20 s after it, each detached once. */
	assert_int_equal(ndetached, 2);
	assert_int_equal(detached_s, 80);
	assert_int_equal(nflights, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_only_while_active_and_flushes_every_minute),
		cmocka_unit_test(a_refused_flush_gives_its_seconds_to_the_next),
		cmocka_unit_test(a_broken_flush_is_never_sent_twice),
		cmocka_unit_test(closing_with_a_flush_on_its_way_leaves_both_to_the_session),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
