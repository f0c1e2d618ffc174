/* db/sentence: the English sentences the database stores or returns for screens (the
 * answers' reasons, the tickets' system messages) found in the generated catalog by
 * the format they were made from, translated, a date among them in the locale's
 * form (issue 16). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/locale_fmt.h"
#include "db/sentence.h"

/* Every msgid shown in brackets: which format was found, and the arguments. */
static const char *bracketed(const char *msgid)
{
	static char buf[512];

	(void)snprintf(buf, sizeof buf, "[%s]", msgid);
	return buf;
}

/* A Turkish translation of the test's own, its arguments in another order. */
static const char *turkish(const char *msgid)
{
	if (strcmp(msgid, "gift code %s expired on %s") == 0)
		return "%1$s hediye kodunun süresi %2$s tarihinde doldu";
	return msgid;
}

static void expect_with(const char *(*tr)(const char *), const char *text, const char *want)
{
	size_t n;
	const struct refusal_text *cat = db_sentence_catalog(&n);
	char *got = db_sentence_with(cat, n, text, tr);

	assert_string_equal(got, want);
	free(got);
}

static void expect(const char *text, const char *want)
{
	expect_with(bracketed, text, want);
}

static int use_c(void **state)
{
	(void)state;
	return locale_fmt_init("C");
}

static int use_tr(void **state)
{
	(void)state;
	return locale_fmt_init("tr_TR.UTF-8");
}

/* The answers' reasons (backdesk.answer_values_base, answer_states, answer_gaps). */
static void answers_reasons(void **state)
{
	(void)state;
	expect("the order has not been delivered yet", "[the order has not been delivered yet]");
	expect("the order was cancelled", "[the order was cancelled]");
	expect("carrier dhl has no tracking page", "[carrier dhl has no tracking page]");
	expect("backdesk does not fill {coupon}", "[backdesk does not fill {coupon}]");
	expect("backdesk does not know the state paid", "[backdesk does not know the state paid]");
	expect("nothing refunded yet", "[nothing refunded yet]");
}

/* backdesk.answer_gaps joins a template's reasons with "; ": each is found. */
static void answers_reasons_joined(void **state)
{
	(void)state;
	expect("no compensation given on this order; the delivery is not late",
	       "[no compensation given on this order]; [the delivery is not late]");
	expect("the delivery is not late; no compensation given on this order; already shipped",
	       "[the delivery is not late]; [no compensation given on this order]; [already shipped]");
	/* A part no pattern made stays as it came, beside the parts translated. */
	expect("the delivery is not late; something else", "[the delivery is not late]; something else");
}

/* A date the database wrote as date::text reads as the screens write dates. */
static void answers_dates_in_the_locale(void **state)
{
	(void)state;
	expect("the promised delivery day 2026-11-20 is past", "[the promised delivery day 20-11-2026 is past]");
	expect("the ship-by date 2026-11-02 is past", "[the ship-by date 02-11-2026 is past]");
	expect("the return period ended on 2026-10-31", "[the return period ended on 31-10-2026]");
	expect_with(turkish, "gift code GC-7Q2K expired on 2026-10-01",
		    "GC-7Q2K hediye kodunun süresi 01-10-2026 tarihinde doldu");
}

static void answers_dates_in_c(void **state)
{
	(void)state;
	expect("the promised delivery day 2026-11-20 is past", "[the promised delivery day 2026-11-20 is past]");
}

/* The tickets' system messages (api.merge_ticket, api.close_solved_tickets,
 * api.receive_mail). */
static void ticket_system_messages(void **state)
{
	(void)state;
	expect("T-1042 was merged into this ticket (3 messages moved).",
	       "[T-1042 was merged into this ticket (3 messages moved).]");
	expect("Closed automatically 7 days after it was resolved.",
	       "[Closed automatically 7 days after it was resolved.]");
	expect("Delivery failed (bounce from mailer-daemon@example.com): Undelivered Mail",
	       "[Delivery failed (bounce from mailer-daemon@example.com): Undelivered Mail]");
	expect("Delivery failed (bounce from mailer-daemon@example.com)",
	       "[Delivery failed (bounce from mailer-daemon@example.com)]");
	expect("Automatic reply from ali@example.com: Out of office",
	       "[Automatic reply from ali@example.com: Out of office]");
}

/* The refunds' reasons a return writes (0038) and the outbox's staff summaries
 * (0049). */
static void refund_reasons_and_outbox_summaries(void **state)
{
	(void)state;
	expect("return R-100004", "[return R-100004]");
	expect("shipping fee, order wholly returned (R-100004)", "[shipping fee, order wholly returned (R-100004)]");
	expect("store credit for return R-100004", "[store credit for return R-100004]");
	expect("exchange for return R-100004", "[exchange for return R-100004]");
	expect("Confirmation of order SO-100234", "[Confirmation of order SO-100234]");
	expect("Tracking of order SO-100234", "[Tracking of order SO-100234]");
	expect("Return R-50002 of order SO-100304 received", "[Return R-50002 of order SO-100304 received]");
	expect("Satisfaction survey for T-100001", "[Satisfaction survey for T-100001]");
	expect("Delay notice for order SO-100302", "[Delay notice for order SO-100302]");
	expect("Reply on T-100001: Kargom nerede?", "[Reply on T-100001: Kargom nerede?]");
}

/* An amount among the arguments in the locale's marks; a whole number (a tracking
 * number, a count) as it came. */
static void amounts_in_the_locale(void **state)
{
	(void)state;
	expect("Refund of 1490.00 HUF for order SO-100304", "[Refund of 1.490,00 HUF for order SO-100304]");
	expect("T-1042 was merged into this ticket (1200 messages moved).",
	       "[T-1042 was merged into this ticket (1200 messages moved).]");
}

/* A reason staff typed themselves is never taken for one a return wrote, even when
 * it begins like one; gettext without a catalog gives the English back. */
static void only_a_returns_reason_is_translated(void **state)
{
	static const char *const typed[] = {
		"return shipping was late", "store credit for return of a broken mug", "goodwill", "",
		"return R-", "exchange for return XR-12",
	};

	static const char *const by_a_return[] = {
		"return R-100004", "shipping fee, order wholly returned (R-100004)", "store credit for return R-7",
		"exchange for return R-100004",
	};

	(void)state;
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		char *got = db_sentence_of_return(typed[i]);

		assert_false(db_sentence_from_return(typed[i]));
		assert_string_equal(got, typed[i]);
		free(got);
	}
	for (size_t i = 0; i < sizeof by_a_return / sizeof by_a_return[0]; i++)
		assert_true(db_sentence_from_return(by_a_return[i]));
	assert_null(db_sentence_of_return(NULL));
}

/* Without a translation (gettext, no catalog bound) every text comes back as it
 * came; the quoted mail after a system message's first line too; NULL is NULL. */
static void untranslated_comes_back_as_it_came(void **state)
{
	const char *texts[] = {
		"Automatic reply from ali@example.com: Out of office\n\nI am away until Monday.",
		"T-1042 was merged into this ticket (3 messages moved).",
		"something the catalog does not know",
		"",
	};

	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char *got = db_sentence_head(texts[i]);

		assert_string_equal(got, texts[i]);
		free(got);
	}
	assert_null(db_sentence(NULL));
	assert_null(db_sentence_head(NULL));
	expect("something the catalog does not know", "something the catalog does not know");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(answers_reasons, use_c),
		cmocka_unit_test_setup(answers_reasons_joined, use_c),
		cmocka_unit_test_setup(answers_dates_in_the_locale, use_tr),
		cmocka_unit_test_setup(answers_dates_in_c, use_c),
		cmocka_unit_test_setup(ticket_system_messages, use_c),
		cmocka_unit_test_setup(refund_reasons_and_outbox_summaries, use_c),
		cmocka_unit_test_setup(only_a_returns_reason_is_translated, use_c),
		cmocka_unit_test_setup(amounts_in_the_locale, use_tr),
		cmocka_unit_test_setup(untranslated_comes_back_as_it_came, use_c),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
