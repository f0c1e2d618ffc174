/* views/live: NOTIFYs between the session and the panes.  A burst of any number
 * of distinct channels is delivered in full, each pane is reloaded once per
 * burst however many of its channels are in it, and a pane follows the channels
 * its registry entry names.  Runs the real loop and its debounce timer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "views/registry.h"
#include "views/views.h"

#define DEBOUNCE_MS 20
/* Far more than the eight the console used to hold. */
#define NCHANNELS 40

struct counter {
	int calls;
};

static const struct tui_pane_ops ops = { .kind = "test" };

static void count(struct tui_pane *p)
{
	((struct counter *)tui_pane_data(p))->calls++;
}

static int deliveries;

static void delivered(void *arg)
{
	deliveries++;
	tui_loop_quit(arg, 0);
}

static void give_up(void *arg)
{
	tui_loop_quit(arg, 1);
}

/* Runs the loop until the queue has delivered (or two seconds passed). */
static void run_until_delivered(struct tui_loop *loop)
{
	unsigned long guard = tui_loop_timer(loop, 2000, give_up, loop);

	assert_int_equal(tui_loop_run(loop), 0);
	tui_loop_remove(loop, guard);
}

static void a_burst_of_many_channels_is_delivered_in_full(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct views_live_queue *q = views_live_queue_new(loop, DEBOUNCE_MS, delivered, loop);
	struct counter c[NCHANNELS] = { { 0 } };
	struct tui_pane *p[NCHANNELS];
	char name[32];

	(void)state;
	deliveries = 0;
	for (int i = 0; i < NCHANNELS; i++) {
		p[i] = tui_pane_new(&ops, &c[i]);
		(void)snprintf(name, sizeof name, "chan_%d", i);
		views_live_add(p[i], name, count);
	}
	/* Each channel twice, interleaved: duplicates coalesce. */
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < NCHANNELS; i++) {
			(void)snprintf(name, sizeof name, "chan_%d", i);
			views_live_queue_add(q, name);
		}
	}
	for (int i = 0; i < NCHANNELS; i++)
		assert_int_equal(c[i].calls, 0); /* nothing before the debounce */
	run_until_delivered(loop);
	assert_int_equal(deliveries, 1);
	for (int i = 0; i < NCHANNELS; i++)
		assert_int_equal(c[i].calls, 1);

	/* The next burst starts afresh. */
	views_live_queue_add(q, "chan_7");
	run_until_delivered(loop);
	assert_int_equal(deliveries, 2);
	assert_int_equal(c[7].calls, 2);
	assert_int_equal(c[8].calls, 1);

	for (int i = 0; i < NCHANNELS; i++) {
		views_live_remove(p[i]);
		tui_pane_free(p[i]);
	}
	views_live_queue_free(q);
	tui_loop_free(loop);
}

static void a_pane_on_many_channels_reloads_once_per_burst(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct views_live_queue *q = views_live_queue_new(loop, DEBOUNCE_MS, delivered, loop);
	struct counter c = { 0 }, other = { 0 };
	struct tui_pane *p = tui_pane_new(&ops, &c), *o = tui_pane_new(&ops, &other);
	const struct view_screen *customer = views_screen("customer");
	size_t n = 0;

	(void)state;
	deliveries = 0;
	/* Like the customer screen: every channel its entry names. */
	views_live_follow(p, "customer", count);
	views_live_add(o, "unrelated", count);
	for (const char *const *ch = customer->channels; *ch != NULL; ch++, n++)
		views_live_queue_add(q, *ch);
	assert_true(n > 1);
	run_until_delivered(loop);
	assert_int_equal(c.calls, 1);
	assert_int_equal(other.calls, 0);

	/* A single channel still reaches it, and after a reconnect everyone hears. */
	views_notify(customer->channels[n - 1]);
	assert_int_equal(c.calls, 2);
	views_notify_all();
	assert_int_equal(c.calls, 3);
	assert_int_equal(other.calls, 1);

	/* Gone from the list once removed. */
	views_live_remove(p);
	views_notify(customer->channels[0]);
	assert_int_equal(c.calls, 3);
	views_live_remove(o);
	tui_pane_free(p);
	tui_pane_free(o);
	views_live_queue_free(q);
	tui_loop_free(loop);
}

static void freeing_drops_what_is_queued(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct views_live_queue *q = views_live_queue_new(loop, DEBOUNCE_MS, delivered, loop);

	(void)state;
	deliveries = 0;
	views_live_queue_add(q, "a");
	views_live_queue_add(q, "b");
	views_live_queue_free(q);
	/* The timer went with it: nothing runs later (ASan sees a use after free). */
	(void)tui_loop_once(loop, 2 * DEBOUNCE_MS);
	(void)tui_loop_once(loop, 0);
	assert_int_equal(deliveries, 0);
	tui_loop_free(loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_burst_of_many_channels_is_delivered_in_full),
		cmocka_unit_test(a_pane_on_many_channels_reloads_once_per_burst),
		cmocka_unit_test(freeing_drops_what_is_queued),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
