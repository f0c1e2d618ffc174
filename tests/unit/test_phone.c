/* Phone numbers: the C normalization must agree with backdesk.normalize_phone();
 * every expected value below is what PostgreSQL 15 returned for the same input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/phone.h"

static void normalizes_like_the_database(void **state)
{
	static const struct {
		const char *raw;
		const char *want; /* NULL: SQL gives NULL, C gives false */
	} cases[] = {
		{ "+90 532 123 45 67", "905321234567" },
		{ "0532 123 4567", "905321234567" },
		{ "532-123-45-67", "905321234567" },
		{ "0090 532 123 45 67", "905321234567" },
		{ "+36 30 123 4567", "36301234567" },
		{ "06 30 123 4567", "36301234567" },
		{ "06301234567", "36301234567" },
		{ "(0212) 555 12 12", "902125551212" },
		{ "", NULL },
		{ "abc", NULL },
		{ "+1 (415) 555-0100", "14155550100" },
		{ "  +90 532 123 45 67", "905321234567" },
		{ "\t+0532 123 4567", "905321234567" }, /* btrim() strips spaces only */
		{ "+05321234567", "05321234567" },
		{ "0612345678", "3612345678" },
		{ "06 1 234 5678", "3612345678" },
		{ "2125551212", "902125551212" },
		{ "6125551212", "6125551212" },
		{ "12345", "12345" },
		{ "0 12", "012" },
		{ "00", "" },
		{ "0", "0" },
		{ "5", "5" },
		{ "05321234567 ext 12", "0532123456712" },
		{ "0036 30 123 4567", "36301234567" },
		{ "+90 (0532) 123 45 67", "9005321234567" },
		{ "905321234567", "905321234567" },
		{ "0 6301234567", "36301234567" },
		{ "063012345678", "063012345678" },
		{ "\xd9\xa5\xd9\xa6 0532 123 4567", "905321234567" }, /* Arabic-Indic digits */
	};
	char out[PHONE_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool ok;

		memset(out, 'x', sizeof out);
		ok = phone_normalize(cases[i].raw, out, sizeof out);
		if (cases[i].want == NULL && (ok || out[0] != '\0'))
			fail_msg("\"%s\": got \"%s\", want none", cases[i].raw, out);
		if (cases[i].want != NULL && (!ok || strcmp(out, cases[i].want) != 0))
			fail_msg("\"%s\": got %s \"%s\", want \"%s\"", cases[i].raw,
				 ok ? "true" : "false", out, cases[i].want);
	}
	assert_false(phone_normalize(NULL, out, sizeof out));
	assert_string_equal(out, "");
}

static void normalize_refuses_a_short_buffer(void **state)
{
	char out[16];

	(void)state;
	memset(out, 'x', sizeof out);
	assert_false(phone_normalize("+90 532 123 45 67", out, 12));
	assert_string_equal(out, "");
	assert_true(phone_normalize("+90 532 123 45 67", out, 13));
	assert_string_equal(out, "905321234567");
	assert_false(phone_normalize("0532 123 4567", out, 12)); /* the added 90 counts */
	assert_false(phone_normalize("123", NULL, 0));
}

static void looks_like_follows_api_find(void **state)
{
	static const struct {
		const char *q;
		bool want;
	} cases[] = {
		{ "+90 532 123 45 67", true },  { "0532 123 4567", true },
		{ "123456", false },            { "1234567", true },
		{ "123456789012345", true },    { "1234567890123456", false },
		{ "SO-100234", false },         { "(0212) 555.12/12", true },
		{ "0532\t1234567", false },     { "0532_123_4567", false },
		{ " 1234567 ", true },          { "+1 (415) 555-0100", true },
		{ "", false },                  { "abc", false },
		{ "sukru@example.com", false }, { "+++---", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (phone_looks_like(cases[i].q) != cases[i].want)
			fail_msg("phone_looks_like(\"%s\") should be %s", cases[i].q,
				 cases[i].want ? "true" : "false");
	assert_false(phone_looks_like(NULL));
}

static void formats_for_people(void **state)
{
	static const struct {
		const char *norm, *want;
	} cases[] = {
		{ "905321234567", "+90 532 123 45 67" },
		{ "902125551212", "+90 212 555 12 12" },
		{ "36301234567", "+36 30 123 4567" },
		{ "3612345678", "+36 1 234 5678" },
		{ "3622123456", "+36 22 123 456" },
		{ "14155550100", "+14155550100" },
		{ "9053212345", "+9053212345" },    /* too short for the Turkish plan */
		{ "9005321234567", "+9005321234567" }, /* too long for it */
		{ "90532", "+90532" },
		{ "", "" },
		{ "abc", "abc" },
		{ "+905321234567", "+905321234567" },
	};
	char out[PHONE_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		phone_format(cases[i].norm, out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
	phone_format(NULL, out, sizeof out);
	assert_string_equal(out, "");
}

static void format_truncates_safely(void **state)
{
	char out[8];

	(void)state;
	memset(out, 'x', sizeof out);
	phone_format("905321234567", out, 4);
	assert_string_equal(out, "+90");
	assert_int_equal(out[4], 'x');
	phone_format("14155550100", out, 1);
	assert_string_equal(out, "");
	phone_format("14155550100", NULL, 0); /* must not crash */
}

static void normalize_then_format(void **state)
{
	char norm[PHONE_BUFSZ], shown[PHONE_BUFSZ];

	(void)state;
	assert_true(phone_normalize("0532-123 45 67", norm, sizeof norm));
	phone_format(norm, shown, sizeof shown);
	assert_string_equal(shown, "+90 532 123 45 67");
	assert_true(phone_normalize("06 30 123 4567", norm, sizeof norm));
	phone_format(norm, shown, sizeof shown);
	assert_string_equal(shown, "+36 30 123 4567");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(normalizes_like_the_database),
		cmocka_unit_test(normalize_refuses_a_short_buffer),
		cmocka_unit_test(looks_like_follows_api_find),
		cmocka_unit_test(formats_for_people),
		cmocka_unit_test(format_truncates_safely),
		cmocka_unit_test(normalize_then_format),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
