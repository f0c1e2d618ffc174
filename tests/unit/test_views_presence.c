/* views/presence: the tracker the ticket screen owns.  A fake clock and a fake
 * sender: what is said and when (at once on a change, again every 2 s, never more
 * often), who is described (own login never, typing before viewing, plural forms),
 * and forgetting after 5 s of silence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "views/presence.h"

static long long clock_ms;
static int nsent;
static char sent[64][32]; /* "T-100004 viewing" */

static long long fake_now(void *arg)
{
	(void)arg;
	return clock_ms;
}

static const char *fake_self(void *arg)
{
	(void)arg;
	return "ayse";
}

static bool fake_send(void *arg, const char *ticket, enum db_presence_state state)
{
	(void)arg;
	assert_true(nsent < 64);
	(void)snprintf(sent[nsent++], sizeof sent[0], "%s %s", ticket, db_presence_state_word(state));
	return true;
}

static const struct presence_ops ops = { fake_now, fake_self, fake_send, NULL };

static struct presence *start(const char *ticket)
{
	clock_ms = 1000000;
	nsent = 0;
	return presence_new_with(&ops, ticket);
}

static char *payload(const char *ticket, const char *login, const char *name, const char *state)
{
	static char buf[256];

	(void)snprintf(buf, sizeof buf, "{\"ticket\": \"%s\", \"login\": \"%s\", \"name\": \"%s\", \"state\": \"%s\"}",
		       ticket, login, name, state);
	return buf;
}

static const char *describe(struct presence *p)
{
	static char buf[256];

	(void)presence_describe(p, buf, sizeof buf);
	return buf;
}

static void says_a_change_at_once_and_the_same_state_not_before_two_seconds(void **state)
{
	struct presence *p = start("T-100004");

	(void)state;
	presence_viewing(p);
	assert_int_equal(nsent, 1);
	assert_string_equal(sent[0], "T-100004 viewing");
	/* A redraw on every key: not said again. */
	for (int i = 0; i < 19; i++) {
		clock_ms += 100;
		presence_viewing(p);
		(void)presence_tick(p);
	}
	assert_int_equal(nsent, 1);
	clock_ms += 100; /* 2000 ms after */
	(void)presence_tick(p);
	assert_int_equal(nsent, 2);
	assert_string_equal(sent[1], "T-100004 viewing");

	/* Typing is news: said at once, then a key every 50 ms for 3 s says it once
	 * more, at the two-second mark. */
	clock_ms += 10;
	presence_typing(p);
	assert_int_equal(nsent, 3);
	assert_string_equal(sent[2], "T-100004 typing");
	for (int i = 0; i < 60; i++) {
		clock_ms += 50;
		presence_typing(p);
		(void)presence_tick(p);
	}
	assert_int_equal(nsent, 4);
	assert_string_equal(sent[3], "T-100004 typing");

	/* Idle typing becomes viewing again after PRESENCE_TYPING_IDLE_MS. */
	clock_ms += PRESENCE_TYPING_IDLE_MS - 1;
	presence_viewing(p); /* a redraw does not hide typing yet */
	assert_string_equal(sent[nsent - 1], "T-100004 typing");
	clock_ms += 1;
	(void)presence_tick(p);
	assert_string_equal(sent[nsent - 1], "T-100004 viewing");

	/* Left once, then nothing more, not even on free. */
	int before = nsent;
	presence_left(p);
	assert_int_equal(nsent, before + 1);
	assert_string_equal(sent[nsent - 1], "T-100004 left");
	clock_ms += 10000;
	(void)presence_tick(p);
	presence_free(p);
	assert_int_equal(nsent, before + 1);
}

static void free_says_left_but_only_when_something_was_said(void **state)
{
	struct presence *p = start("T-100004");

	(void)state;
	presence_free(p);
	assert_int_equal(nsent, 0);
	p = start("T-100005");
	presence_typing(p);
	presence_free(p);
	assert_int_equal(nsent, 2);
	assert_string_equal(sent[1], "T-100005 left");
}

static void describes_others_with_plural_forms_and_never_oneself(void **state)
{
	struct presence *p = start("T-100004");

	(void)state;
	assert_string_equal(describe(p), "");
	assert_false(presence_on_notify(p, payload("T-100004", "ayse", "Ayşe Yılmaz", "typing")));
	assert_string_equal(describe(p), "");

	assert_true(presence_on_notify(p, payload("T-100004", "bela", "Béla Kovács", "viewing")));
	assert_string_equal(describe(p), "Béla Kovács is viewing");
	assert_false(presence_on_notify(p, payload("T-100004", "bela", "Béla Kovács", "viewing")));
	assert_true(presence_on_notify(p, payload("T-100004", "bela", "Béla Kovács", "typing")));
	assert_string_equal(describe(p), "Béla Kovács is typing");
	assert_true(presence_on_notify(p, payload("T-100004", "cem", "Cem Acar", "typing")));
	assert_string_equal(describe(p), "Béla Kovács and Cem Acar are typing");
	assert_true(presence_on_notify(p, payload("T-100004", "dora", "Dóra Nagy", "viewing")));
	assert_string_equal(describe(p), "Béla Kovács and Cem Acar are typing, Dóra Nagy is viewing");
	assert_true(presence_on_notify(p, payload("T-100004", "emre", "Emre Kaya", "typing")));
	assert_string_equal(describe(p), "3 people are typing, Dóra Nagy is viewing");
	assert_true(presence_on_notify(p, payload("T-100004", "bela", "Béla Kovács", "viewing")));
	assert_true(presence_on_notify(p, payload("T-100004", "cem", "Cem Acar", "viewing")));
	assert_string_equal(describe(p), "Emre Kaya is typing, 3 people are viewing");

	/* Another ticket's, nonsense and an unknown state change nothing. */
	assert_false(presence_on_notify(p, payload("T-100005", "fatma", "Fatma", "typing")));
	assert_false(presence_on_notify(p, "not json"));
	assert_false(presence_on_notify(p, payload("T-100004", "fatma", "Fatma", "dancing")));
	assert_false(presence_on_notify(p, "{\"ticket\": \"T-100004\", \"state\": \"typing\"}"));
	assert_false(presence_on_notify(p, NULL));
	assert_string_equal(describe(p), "Emre Kaya is typing, 3 people are viewing");

	/* Left: gone at once. */
	assert_true(presence_on_notify(p, payload("T-100004", "emre", "Emre Kaya", "left")));
	assert_false(presence_on_notify(p, payload("T-100004", "emre", "Emre Kaya", "left")));
	assert_string_equal(describe(p), "3 people are viewing");

	/* A short buffer is cut on a character, and the length is the whole text's. */
	char small[3];
	assert_true(presence_on_notify(p, payload("T-100004", "cem", "Cem", "left")));
	assert_true(presence_on_notify(p, payload("T-100004", "dora", "Dóra", "left")));
	assert_int_equal(presence_describe(p, small, sizeof small), strlen("Béla Kovács is viewing"));
	assert_string_equal(small, "B"); /* two bytes fit, but the second is half of é */
	presence_free(p);
}

static void forgets_whoever_is_silent_for_five_seconds(void **state)
{
	struct presence *p = start("T-100004");

	(void)state;
	assert_true(presence_on_notify(p, payload("T-100004", "bela", "Béla", "typing")));
	assert_true(presence_on_notify(p, payload("T-100004", "cem", "Cem", "viewing")));
	/* Béla re-announces every 2 s; Cem's console died. */
	for (int i = 0; i < 4; i++) {
		clock_ms += PRESENCE_ANNOUNCE_MS;
		(void)presence_on_notify(p, payload("T-100004", "bela", "Béla", "typing"));
		bool changed = presence_tick(p);
		if (i < 2) {
			assert_false(changed);
			assert_string_equal(describe(p), "Béla is typing, Cem is viewing");
		} else if (i == 2) {
			assert_true(changed); /* 6 s after Cem was last heard */
			assert_string_equal(describe(p), "Béla is typing");
		}
	}
	clock_ms += PRESENCE_EXPIRE_MS - 1;
	assert_false(presence_tick(p));
	assert_string_equal(describe(p), "Béla is typing");
	clock_ms += 1;
	assert_true(presence_tick(p));
	assert_string_equal(describe(p), "");
	presence_free(p);
}

static void dispatch_reaches_every_tracker_of_the_ticket(void **state)
{
	struct presence *a = start("T-100004");
	struct presence *b = presence_new_with(&ops, "T-100004");
	struct presence *c = presence_new_with(&ops, "T-100009");
	bool changed;

	(void)state;
	assert_false(presence_dispatch("backdesk_tickets", "update", &changed));
	assert_false(changed);
	assert_true(presence_dispatch(DB_PRESENCE_CHANNEL, payload("T-100004", "bela", "Béla", "viewing"), &changed));
	assert_true(changed);
	assert_string_equal(describe(a), "Béla is viewing");
	assert_string_equal(describe(b), "Béla is viewing");
	assert_string_equal(describe(c), "");
	assert_true(presence_dispatch(DB_PRESENCE_CHANNEL, "garbage", &changed));
	assert_false(changed);
	presence_free(b);
	assert_true(presence_dispatch(DB_PRESENCE_CHANNEL, payload("T-100004", "bela", "Béla", "typing"), &changed));
	assert_true(changed);
	assert_string_equal(describe(a), "Béla is typing");
	presence_free(a);
	presence_free(c);
	assert_true(presence_dispatch(DB_PRESENCE_CHANNEL, payload("T-100004", "bela", "Béla", "left"), &changed));
	assert_false(changed);
}

/* Somebody new opens the ticket: they learn we are here at our next tick, not up
 * to two seconds later; somebody already known changes nothing. */
static void a_newcomer_is_answered_at_the_next_tick(void **state)
{
	struct presence *p = start("T-100004");

	(void)state;
	presence_viewing(p);
	clock_ms += 300;
	assert_true(presence_on_notify(p, payload("T-100004", "can", "Can Arslan", "viewing")));
	assert_int_equal(nsent, 1);
	clock_ms += PRESENCE_TICK_MS;
	(void)presence_tick(p);
	assert_int_equal(nsent, 2);
	assert_string_equal(sent[1], "T-100004 viewing");
	/* Can again, a moment later: not news, not answered. */
	clock_ms += 100;
	(void)presence_on_notify(p, payload("T-100004", "can", "Can Arslan", "typing"));
	clock_ms += PRESENCE_TICK_MS;
	(void)presence_tick(p);
	assert_int_equal(nsent, 2);
	presence_free(p);
}

/* A reply sent: viewing at once, not four seconds of "typing" later. */
static void typing_done_says_viewing_at_once(void **state)
{
	struct presence *p = start("T-100004");

	(void)state;
	presence_typing_done(p); /* never typed: nothing to say */
	assert_int_equal(nsent, 0);
	presence_viewing(p);
	presence_typing(p);
	assert_int_equal(nsent, 2);
	clock_ms += 100;
	presence_typing_done(p);
	assert_int_equal(nsent, 3);
	assert_string_equal(sent[2], "T-100004 viewing");
	/* and stays so at the next redraw */
	presence_viewing(p);
	(void)presence_tick(p);
	assert_int_equal(nsent, 3);
	presence_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(says_a_change_at_once_and_the_same_state_not_before_two_seconds),
		cmocka_unit_test(free_says_left_but_only_when_something_was_said),
		cmocka_unit_test(describes_others_with_plural_forms_and_never_oneself),
		cmocka_unit_test(forgets_whoever_is_silent_for_five_seconds),
		cmocka_unit_test(dispatch_reaches_every_tracker_of_the_ticket),
		cmocka_unit_test(a_newcomer_is_answered_at_the_next_tick),
		cmocka_unit_test(typing_done_says_viewing_at_once),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
