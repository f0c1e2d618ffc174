/* views/ticket_watch: "changed while you were typing".  The banner appears only
 * for someone else's change after a reply was begun, says what changed, and a send
 * then needs a second press; a further change asks again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "views/ticket_watch.h"

static const char *banner(struct ticket_watch *w)
{
	static char buf[512];

	(void)ticket_watch_banner(w, buf, sizeof buf);
	return buf;
}

static struct ticket_watch_seen at(int version, long long newest, const char *kind, const char *author)
{
	struct ticket_watch_seen s = { version, newest, kind, author, NULL, false };

	return s;
}

static void a_reply_by_someone_else_needs_a_second_send(void **state)
{
	struct ticket_watch *w = ticket_watch_new("T-100004");
	struct ticket_watch_seen s = at(3, 40, "customer", NULL);

	(void)state;
	/* Loads before a reply is begun are no news. */
	assert_false(ticket_watch_seen(w, &s));
	s = at(4, 41, "note", "Béla");
	assert_false(ticket_watch_seen(w, &s));
	assert_int_equal(ticket_watch_state(w), WATCH_IDLE);

	ticket_watch_begin(w);
	assert_int_equal(ticket_watch_state(w), WATCH_WRITING);
	/* The same state loaded again (an unrelated NOTIFY): nothing. */
	assert_false(ticket_watch_seen(w, &s));
	assert_string_equal(banner(w), "");

	s = at(5, 42, "reply", "Béla");
	assert_true(ticket_watch_seen(w, &s));
	assert_int_equal(ticket_watch_state(w), WATCH_CHANGED);
	assert_string_equal(banner(w), "T-100004 changed while you were typing: Béla added a reply. "
				       "Read it before you send; send again to confirm.");
	assert_false(ticket_watch_seen(w, &s)); /* loaded again: the banner stays as it is */

	assert_int_equal(ticket_watch_send(w), WATCH_CONFIRM);
	assert_int_equal(ticket_watch_state(w), WATCH_ARMED);
	assert_string_equal(banner(w), "T-100004 changed while you were typing: Béla added a reply. "
				       "Read it before you send; send again to confirm.");
	assert_int_equal(ticket_watch_send(w), WATCH_SEND);
	assert_int_equal(ticket_watch_version(w), 5); /* what the user was shown last */
	ticket_watch_sent(w);
	assert_int_equal(ticket_watch_state(w), WATCH_IDLE);
	assert_string_equal(banner(w), "");

	/* Our own reply's reload is not news for the next one. */
	s = at(6, 43, "reply", "Ayşe");
	assert_false(ticket_watch_seen(w, &s));
	ticket_watch_begin(w);
	assert_int_equal(ticket_watch_send(w), WATCH_SEND);
	ticket_watch_free(w);
}

static void a_change_after_confirming_asks_again(void **state)
{
	struct ticket_watch *w = ticket_watch_new("T-100004");
	struct ticket_watch_seen s = at(1, 10, "customer", NULL);

	(void)state;
	(void)ticket_watch_seen(w, &s);
	ticket_watch_begin(w);
	s = at(2, 11, "customer", "Şükrü Öztürk");
	assert_true(ticket_watch_seen(w, &s));
	assert_string_equal(banner(w), "T-100004 changed while you were typing: the customer wrote again. "
				       "Read it before you send; send again to confirm.");
	assert_int_equal(ticket_watch_send(w), WATCH_CONFIRM);
	/* Before the second press, Cem changes the priority. */
	s = at(3, 11, "customer", NULL);
	s.changed_by = "Cem";
	assert_true(ticket_watch_seen(w, &s));
	assert_int_equal(ticket_watch_state(w), WATCH_CHANGED);
	/* The message is what the banner keeps naming. */
	assert_string_equal(banner(w), "T-100004 changed while you were typing: the customer wrote again. "
				       "Read it before you send; send again to confirm.");
	assert_int_equal(ticket_watch_send(w), WATCH_CONFIRM);
	assert_int_equal(ticket_watch_send(w), WATCH_SEND);
	assert_int_equal(ticket_watch_version(w), 3);
	ticket_watch_free(w);
}

static void each_kind_of_change_is_named(void **state)
{
	static const struct {
		const char *kind, *author, *changed_by;
		bool new_message;
		const char *what;
	} cases[] = {
		{ "note", "Béla", NULL, true, "Béla added a note" },
		{ "call", "Béla", NULL, true, "Béla logged a call" },
		{ "reply", NULL, NULL, true, "someone added a reply" },
		{ "system", NULL, NULL, true, "a new message arrived" },
		{ NULL, NULL, "Dóra", false, "Dóra changed the ticket" },
		{ NULL, NULL, NULL, false, "someone changed the ticket" },
	};
	char want[512];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct ticket_watch *w = ticket_watch_new("T-100007");
		struct ticket_watch_seen s = at(1, 5, "customer", NULL);

		(void)ticket_watch_seen(w, &s);
		ticket_watch_begin(w);
		s = at(2, cases[i].new_message ? 6 : 5, cases[i].kind, cases[i].author);
		s.changed_by = cases[i].changed_by;
		assert_true(ticket_watch_seen(w, &s));
		(void)snprintf(want, sizeof want, "T-100007 changed while you were typing: %s. "
			       "Read it before you send; send again to confirm.", cases[i].what);
		assert_string_equal(banner(w), want);
		ticket_watch_free(w);
	}
}

static void ones_own_change_and_a_dropped_reply_are_no_news(void **state)
{
	struct ticket_watch *w = ticket_watch_new("T-100004");
	struct ticket_watch_seen s = at(1, 10, "customer", NULL);

	(void)state;
	(void)ticket_watch_seen(w, &s);
	ticket_watch_begin(w);
	/* The user set the priority on another screen while writing. */
	s = at(2, 10, "customer", NULL);
	s.by_me = true;
	assert_false(ticket_watch_seen(w, &s));
	assert_int_equal(ticket_watch_state(w), WATCH_WRITING);
	assert_int_equal(ticket_watch_send(w), WATCH_SEND);
	assert_int_equal(ticket_watch_version(w), 2);

	/* A reply dropped: a change afterwards is no news. */
	ticket_watch_end(w);
	s = at(3, 11, "reply", "Béla");
	assert_false(ticket_watch_seen(w, &s));
	assert_string_equal(banner(w), "");
	/* The next reply starts from there. */
	ticket_watch_begin(w);
	assert_false(ticket_watch_seen(w, &s));
	assert_int_equal(ticket_watch_send(w), WATCH_SEND);
	ticket_watch_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_reply_by_someone_else_needs_a_second_send),
		cmocka_unit_test(a_change_after_confirming_asks_again),
		cmocka_unit_test(each_kind_of_change_is_named),
		cmocka_unit_test(ones_own_change_and_a_dropped_reply_are_no_news),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
