/* Money: parsing what people and the shop write, and writing it back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/money.h"

static void parses_amounts(void **state)
{
	static const struct {
		const char *in;
		int minor_units;
		int64_t want;
	} cases[] = {
		{ "149.90", 2, 14990 }, { "149.9", 2, 14990 }, { "149", 2, 14900 },
		{ "-5.00", 2, -500 },   { "+5", 2, 500 },      { "0", 2, 0 },
		{ "-0", 2, 0 },         { "-0.01", 2, -1 },    { "0.05", 2, 5 },
		{ "149,90", 2, 14990 }, { "007.5", 2, 750 },   { "1234", 0, 1234 },
		{ "1.2345", 4, 12345 }, { "1.2", 4, 12000 },   { "500.00", 2, 50000 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t got = -42;

		if (money_parse(cases[i].in, cases[i].minor_units, &got) != 0 ||
		    got != cases[i].want)
			fail_msg("money_parse(\"%s\", %d): got %lld, want %lld", cases[i].in,
				 cases[i].minor_units, (long long)got, (long long)cases[i].want);
	}
}

static void rejects_garbage(void **state)
{
	static const struct {
		const char *in;
		int minor_units;
	} cases[] = {
		{ "", 2 },       { "-", 2 },        { "+", 2 },          { ".5", 2 },
		{ "5.", 2 },     { "1.234", 2 },    { "1.2.3", 2 },      { "1,234.56", 2 },
		{ " 5", 2 },     { "5 ", 2 },       { "5a", 2 },         { "abc", 2 },
		{ "1e3", 2 },    { "--5", 2 },      { "+-5", 2 },        { "1.5", 0 },
		{ "1.", 0 },     { "1.00", 0 },     { "5", -1 },         { "5", 19 },
		{ "0x10", 2 },   { "1 000", 2 },    { "\xd9\xa5", 2 },   { "12.3\n", 2 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t got = 42;

		/* got must stay untouched on failure */
		if (money_parse(cases[i].in, cases[i].minor_units, &got) != -1 || got != 42)
			fail_msg("money_parse(\"%s\", %d) accepted it", cases[i].in,
				 cases[i].minor_units);
	}
	assert_int_equal(money_parse(NULL, 2, &(int64_t){ 0 }), -1);
}

static void parses_up_to_the_int64_limits(void **state)
{
	int64_t got;

	(void)state;
	assert_int_equal(money_parse("9223372036854775807", 0, &got), 0);
	assert_true(got == INT64_MAX);
	assert_int_equal(money_parse("-9223372036854775808", 0, &got), 0);
	assert_true(got == INT64_MIN);
	assert_int_equal(money_parse("92233720368547758.07", 2, &got), 0);
	assert_true(got == INT64_MAX);
	assert_int_equal(money_parse("-92233720368547758.08", 2, &got), 0);
	assert_true(got == INT64_MIN);
	assert_int_equal(money_parse("92233720368547758", 2, &got), 0);
	assert_true(got == INT64_C(9223372036854775800));
	assert_int_equal(money_parse("00000000000000000000000000001", 0, &got), 0);
	assert_int_equal(got, 1);
}

static void rejects_overflow(void **state)
{
	static const struct {
		const char *in;
		int minor_units;
	} cases[] = {
		{ "9223372036854775808", 0 },   { "-9223372036854775809", 0 },
		{ "92233720368547758.08", 2 },  { "-92233720368547758.09", 2 },
		{ "92233720368547758.1", 2 },   { "92233720368547759", 2 },
		{ "99999999999999999999999", 0 }, { "18446744073709551616", 0 },
		{ "18446744073709551615", 0 },  { "10", 18 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t got = 7;

		if (money_parse(cases[i].in, cases[i].minor_units, &got) != -1 || got != 7)
			fail_msg("money_parse(\"%s\", %d) accepted it", cases[i].in,
				 cases[i].minor_units);
	}
}

static void formats_plain(void **state)
{
	static const struct {
		int64_t minor;
		const char *currency;
		int minor_units;
		const char *want;
	} cases[] = {
		{ 123456, "TRY", 2, "1234.56 TRY" },
		{ -500, "TRY", 2, "-5.00 TRY" },
		{ 5, NULL, 2, "0.05" },
		{ -5, "EUR", 2, "-0.05 EUR" },
		{ 0, "TRY", 2, "0.00 TRY" },
		{ 1234, "HUF", 0, "1234 HUF" },
		{ 123456, "", 2, "1234.56" },
		{ 12345, "XYZ", 4, "1.2345 XYZ" },
		{ INT64_MAX, "TRY", 2, "92233720368547758.07 TRY" },
		{ INT64_MIN, "TRY", 2, "-92233720368547758.08 TRY" },
		{ INT64_MIN, NULL, 0, "-9223372036854775808" },
		{ INT64_MAX, NULL, 18, "9.223372036854775807" },
	};
	char out[MONEY_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		money_format_plain(cases[i].minor, cases[i].currency, cases[i].minor_units,
				   out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
}

static void formats_human(void **state)
{
	static const struct {
		int64_t minor;
		const char *currency;
		int minor_units;
		const char *want;
	} cases[] = {
		{ 123456, "TRY", 2, "1,234.56 TRY" },
		{ 100, NULL, 2, "1.00" },
		{ 99999999, NULL, 2, "999,999.99" },
		{ 100000000, NULL, 2, "1,000,000.00" },
		{ -123456789, "TRY", 2, "-1,234,567.89 TRY" },
		{ -99, "HUF", 2, "-0.99 HUF" },
		{ 999, NULL, 0, "999" },
		{ 1000, NULL, 0, "1,000" },
		{ 100000, NULL, 0, "100,000" },
		{ INT64_MIN, "TRY", 2, "-92,233,720,368,547,758.08 TRY" },
		{ INT64_MIN, "TRY", 0, "-9,223,372,036,854,775,808 TRY" },
	};
	char out[MONEY_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		money_format_human(cases[i].minor, cases[i].currency, cases[i].minor_units,
				   out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
}

static void truncates_safely(void **state)
{
	char out[8];

	(void)state;
	memset(out, 'x', sizeof out);
	money_format_plain(123456, "TRY", 2, out, 5);
	assert_string_equal(out, "1234");
	assert_int_equal(out[5], 'x');
	money_format_human(123456, "TRY", 2, out, 1);
	assert_string_equal(out, "");
	money_format_human(123456, "TRY", 2, NULL, 0); /* must not crash */
}

static void round_trips(void **state)
{
	static const int64_t values[] = {
		0, 1, -1, 99, 100, -100, 12345, 1000000, INT64_MAX, INT64_MIN,
		INT64_MAX - 1, INT64_MIN + 1,
	};
	static const int units[] = { 0, 2, 4 };
	char out[MONEY_BUFSZ];
	size_t i, u;

	(void)state;
	for (u = 0; u < sizeof units / sizeof units[0]; u++) {
		for (i = 0; i < sizeof values / sizeof values[0]; i++) {
			int64_t back = 0;

			money_format_plain(values[i], NULL, units[u], out, sizeof out);
			if (money_parse(out, units[u], &back) != 0 || back != values[i])
				fail_msg("%lld -> \"%s\" -> %lld", (long long)values[i], out,
					 (long long)back);
		}
	}
}

static void knows_the_currencies_of_the_schema(void **state)
{
	static const char *const known[] = {
		"TRY", "HUF", "EUR", "USD", "GBP", "PLN", "CZK", "RON", "BGN", "CHF",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		assert_int_equal(currency_minor_units(known[i]), 2);
	assert_int_equal(currency_minor_units("XXX"), -1);
	assert_int_equal(currency_minor_units("try"), -1);
	assert_int_equal(currency_minor_units("TRYX"), -1);
	assert_int_equal(currency_minor_units(""), -1);
	assert_int_equal(currency_minor_units(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_amounts),
		cmocka_unit_test(rejects_garbage),
		cmocka_unit_test(parses_up_to_the_int64_limits),
		cmocka_unit_test(rejects_overflow),
		cmocka_unit_test(formats_plain),
		cmocka_unit_test(formats_human),
		cmocka_unit_test(truncates_safely),
		cmocka_unit_test(round_trips),
		cmocka_unit_test(knows_the_currencies_of_the_schema),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
