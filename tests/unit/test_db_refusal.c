/* db/refusal: a refusal the database raised in English, found by the format it was
 * made from and shown translated with its arguments put back (issue 16). */
#include <libintl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/refusal.h"

static const struct refusal_text cat[] = {
	{ "order %s was changed by %s at %s", "order %s was changed by %s at %s" },
	{ "someone else", "someone else" },
	{ "no staff member with login %L", "no staff member with login %s" },
	{ "%s is not allowed for %s (role: %s)", "%s is not allowed for %s (role: %s)" },
	{ "cancelling orders", "cancelling orders" },
	{ "order %s is %s", "order %s is %s" },
	{ "order %s is cancelled", "order %s is cancelled" },
	{ "Ask an administrator if this is a mistake.", "Ask an administrator if this is a mistake." },
	{ "line %s: the return period ended on %s%s", "line %s: the return period ended on %s%s" },
	{ " and it has no warranty", " and it has no warranty" },
	{ "; its warranty runs until %s", "; its warranty runs until %s" },
	{ "%s%% of order %s is nothing", "%s%% of order %s is nothing" },
};

/* A Turkish catalog of the test's own: translator reorders the arguments. */
static const char *turkish(const char *msgid)
{
	static const char *const pairs[][2] = {
		{ "order %s was changed by %s at %s", "%1$s siparişini %3$s saatinde %2$s değiştirdi" },
		{ "someone else", "başka biri" },
		{ "no staff member with login %s", "%s kullanıcı adıyla bir çalışan yok" },
		{ "%s is not allowed for %s (role: %s)", "%2$s için %1$s izni yok (rol: %3$s)" },
		{ "cancelling orders", "sipariş iptali" },
		{ "order %s is cancelled", "%s siparişi iptal edildi" },
		{ "Ask an administrator if this is a mistake.", "Bir hata olduğunu düşünüyorsanız bir yöneticiye sorun." },
		{ "line %s: the return period ended on %s%s", "%s. satır: iade süresi %s tarihinde doldu%s" },
		{ " and it has no warranty", " ve garantisi yok" },
		{ "; its warranty runs until %s", "; garantisi %s tarihine kadar sürüyor" },
		{ "%s%% of order %s is nothing", "%2$s siparişinin %%%1$s kadarı sıfır eder" },
	};

	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (strcmp(pairs[i][0], msgid) == 0)
			return pairs[i][1];
	return msgid;
}

static const char *english(const char *msgid)
{
	return msgid;
}

static void expect(const char *text, const char *want)
{
	char *got = refusal_translate_with(cat, sizeof cat / sizeof cat[0], text, turkish);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void reordered_arguments_and_a_translated_argument(void **state)
{
	(void)state;
	expect("order SO-100234 was changed by ayse at 14:02", "SO-100234 siparişini 14:02 saatinde ayse değiştirdi");
	/* coalesce(v_who, 'someone else'): the argument is a known text too */
	expect("order SO-100234 was changed by someone else at 14:02",
	       "SO-100234 siparişini 14:02 saatinde başka biri değiştirdi");
	expect("cancelling orders is not allowed for depo1 (role: warehouse)",
	       "depo1 için sipariş iptali izni yok (rol: warehouse)");
}

static void a_quoted_literal_or_null(void **state)
{
	(void)state;
	expect("no staff member with login 'ayse'", "'ayse' kullanıcı adıyla bir çalışan yok");
	expect("no staff member with login 'o''brien'", "'o''brien' kullanıcı adıyla bir çalışan yok");
	expect("no staff member with login NULL", "NULL kullanıcı adıyla bir çalışan yok");
	/* %L is a quoted literal: an unquoted word is no such refusal */
	expect("no staff member with login ayse", "no staff member with login ayse");
}

static void the_most_literal_pattern_wins(void **state)
{
	(void)state;
	/* "order %s is %s" fits too, with fewer letters of its own */
	expect("order SO-1 is cancelled", "SO-1 siparişi iptal edildi");
	/* only the general one fits: untranslated, it reads as it came */
	expect("order SO-1 is shipped", "order SO-1 is shipped");
}

static void two_arguments_side_by_side(void **state)
{
	(void)state;
	expect("line 2: the return period ended on 2026-01-10 and it has no warranty",
	       "2. satır: iade süresi 2026-01-10 tarihinde doldu ve garantisi yok");
	expect("line 2: the return period ended on 2026-01-10; its warranty runs until 2027-12-01",
	       "2. satır: iade süresi 2026-01-10 tarihinde doldu; garantisi 2027-12-01 tarihine kadar sürüyor");
}

static void a_percent_sign(void **state)
{
	(void)state;
	expect("10% of order SO-1 is nothing", "SO-1 siparişinin %10 kadarı sıfır eder");
}

static void a_hint(void **state)
{
	(void)state;
	expect("Ask an administrator if this is a mistake.",
	       "Bir hata olduğunu düşünüyorsanız bir yöneticiye sorun.");
}

static void no_match_comes_back_as_it_came(void **state)
{
	char *got;

	(void)state;
	expect("duplicate key value violates unique constraint \"x\"",
	       "duplicate key value violates unique constraint \"x\"");
	expect("", "");
	assert_null(refusal_translate_with(cat, sizeof cat / sizeof cat[0], NULL, turkish));
	/* in English the text is the same, argument by argument */
	got = refusal_translate_with(cat, sizeof cat / sizeof cat[0],
				     "order SO-1 was changed by someone else at 14:02", english);
	assert_string_equal(got, "order SO-1 was changed by someone else at 14:02");
	free(got);
}

/* Marks what it translates, to see which msgid the text was found by. */
static const char *bracketed(const char *msgid)
{
	static char buf[512];

	(void)snprintf(buf, sizeof buf, "[%s]", msgid);
	return buf;
}

/* The generated catalog: the database's real refusals are found in it, and gettext
 * without a translation gives the English back, argument for argument. */
static void the_generated_catalog_knows_the_databases_refusals(void **state)
{
	static const char *const texts[][2] = {
		{ "cancelling orders is not allowed for depo1 (role: warehouse)",
		  "[[cancelling orders] is not allowed for depo1 (role: warehouse)]" },
		{ "order SO-100234 was changed by someone else at 2026-11-28 14:02",
		  "[order SO-100234 was changed by [someone else] at 2026-11-28 14:02]" },
		{ "You saw version 3; it is at version 4 now.", "[You saw version 3; it is at version 4 now.]" },
		{ "no staff member with login 'ayse'", "[no staff member with login 'ayse']" },
	};
	size_t n;
	const struct refusal_text *real = refusal_catalog(&n);

	(void)state;
	assert_true(n > 100);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char *got = refusal_translate_with(real, n, texts[i][0], bracketed);

		assert_string_equal(got, texts[i][1]);
		free(got);
		got = refusal_translate(texts[i][0]);
		assert_string_equal(got, texts[i][0]);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reordered_arguments_and_a_translated_argument),
		cmocka_unit_test(a_quoted_literal_or_null),
		cmocka_unit_test(the_most_literal_pattern_wins),
		cmocka_unit_test(two_arguments_side_by_side),
		cmocka_unit_test(a_percent_sign),
		cmocka_unit_test(a_hint),
		cmocka_unit_test(no_match_comes_back_as_it_came),
		cmocka_unit_test(the_generated_catalog_knows_the_databases_refusals),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
