/* Numbers, money and dates for people to read, in C, Turkish and Hungarian
 * (tools/locales.sh installs tr_TR.UTF-8 and hu_HU.UTF-8 for the tests; a
 * missing one fails here rather than skipping). */
#include <setjmp.h>
#include <stdarg.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/locale_fmt.h"
#include "common/money.h"

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

static int use_hu(void **state)
{
	(void)state;
	return locale_fmt_init("hu_HU.UTF-8");
}

struct money_case {
	int64_t minor;
	const char *currency;
	int minor_units;
	const char *want;
};

static void check_money(const struct money_case *c, size_t n)
{
	char out[LF_BUFSZ];
	size_t i;

	for (i = 0; i < n; i++) {
		(void)lf_money(c[i].minor, c[i].currency, c[i].minor_units, out, sizeof out);
		assert_string_equal(out, c[i].want);
	}
}

static void check_when(const char *const (*c)[2], size_t n)
{
	char out[LF_BUFSZ];
	size_t i;

	for (i = 0; i < n; i++)
		assert_string_equal(lf_when(c[i][0], out, sizeof out), c[i][1]);
}

static void money_c(void **state)
{
	static const struct money_case c[] = {
		{ -123456, "TRY", 2, "-1,234.56 TRY" }, { 5248000, "HUF", 2, "52,480.00 HUF" },
		{ 99, NULL, 2, "0.99" }, { 1234567, "JPY", 0, "1,234,567 JPY" },
		{ INT64_MIN, "TRY", 2, "-92,233,720,368,547,758.08 TRY" },
	};
	char human[MONEY_BUFSZ], out[LF_BUFSZ];

	(void)state;
	check_money(c, sizeof c / sizeof c[0]);
	/* In C, what the screens showed before issue 16. */
	money_format_human(-987654321, "EUR", 2, human, sizeof human);
	assert_string_equal(lf_money(-987654321, "EUR", 2, out, sizeof out), human);
}

static void money_tr(void **state)
{
	static const struct money_case c[] = {
		{ -123456, "TRY", 2, "-1.234,56 TRY" }, { 14990, "TRY", 2, "149,90 TRY" },
		{ 99, NULL, 2, "0,99" }, { 123456789, "TRY", 2, "1.234.567,89 TRY" },
		{ 1234567, "JPY", 0, "1.234.567 JPY" },
	};

	(void)state;
	check_money(c, sizeof c / sizeof c[0]);
}

static void money_hu(void **state)
{
	static const struct money_case c[] = {
		{ 5248000, "HUF", 2, "52.480,00 HUF" }, { -50, "EUR", 2, "-0,50 EUR" },
		{ 100000000, "HUF", 2, "1.000.000,00 HUF" },
	};

	(void)state;
	check_money(c, sizeof c / sizeof c[0]);
}

/* The database's text: grouped, and what is no amount stays as it came. */
static void money_text(void **state)
{
	char out[LF_BUFSZ];

	(void)state;
	assert_int_equal(locale_fmt_init("tr_TR.UTF-8"), 0);
	assert_string_equal(lf_money_text("299.80", "TRY", out, sizeof out), "299,80 TRY");
	assert_string_equal(lf_money_text("52480", "HUF", out, sizeof out), "52.480,00 HUF");
	assert_string_equal(lf_money_text("n/a", "TRY", out, sizeof out), "n/a TRY");
	assert_string_equal(lf_money_text("", "TRY", out, sizeof out), "");
	assert_int_equal(locale_fmt_init("C"), 0);
	assert_string_equal(lf_money_text("299.80", "TRY", out, sizeof out), "299.80 TRY");
}

static void count_c(void **state)
{
	char out[LF_BUFSZ];

	(void)state;
	assert_string_equal(lf_count(1234567, out, sizeof out), "1234567");
	assert_string_equal(lf_count(-5, out, sizeof out), "-5");
}

static void count_tr(void **state)
{
	char out[LF_BUFSZ];

	(void)state;
	assert_string_equal(lf_count(999, out, sizeof out), "999");
	assert_string_equal(lf_count(1000, out, sizeof out), "1.000");
	assert_string_equal(lf_count(1234567, out, sizeof out), "1.234.567");
	assert_string_equal(lf_count(-12345, out, sizeof out), "-12.345");
	assert_string_equal(lf_count(LLONG_MIN, out, sizeof out), "-9.223.372.036.854.775.808");
}

static void count_hu(void **state)
{
	char out[LF_BUFSZ];

	(void)state;
	assert_string_equal(lf_count(333334, out, sizeof out), "333.334");
	assert_string_equal(lf_count(0, out, sizeof out), "0");
}

static void number_tr(void **state)
{
	char out[LF_BUFSZ];

	(void)state;
	assert_string_equal(lf_number("4.5", out, sizeof out), "4,5");
	assert_string_equal(lf_number("-1234.25", out, sizeof out), "-1.234,25");
	assert_string_equal(lf_number("12345", out, sizeof out), "12.345");
	assert_string_equal(lf_fixed(4.25, 1, out, sizeof out), "4,2");
	assert_string_equal(lf_fixed(1234.5, 0, out, sizeof out), "1.234");
	/* Not a plain number: as it came. */
	assert_string_equal(lf_number("-", out, sizeof out), "-");
	assert_string_equal(lf_number("4.", out, sizeof out), "4.");
	assert_string_equal(lf_number("n/a", out, sizeof out), "n/a");
	assert_string_equal(lf_number("", out, sizeof out), "");
}

static void number_c(void **state)
{
	char out[LF_BUFSZ];

	(void)state;
	assert_string_equal(lf_number("-1234.25", out, sizeof out), "-1234.25");
	assert_string_equal(lf_fixed(4.25, 1, out, sizeof out), "4.2");
}

static void when_c(void **state)
{
	static const char *const c[][2] = {
		{ "2026-11-20", "2026-11-20" },
		{ "2026-11-20 14:03", "2026-11-20 14:03" },
		{ "", "" },
	};

	(void)state;
	check_when(c, sizeof c / sizeof c[0]);
}

static void when_tr(void **state)
{
	static const char *const c[][2] = {
		{ "2026-11-20", "20-11-2026" },
		{ "2026-11-20 14:03", "20-11-2026 14:03" },
		{ "2026-11-20T14:03:00+03:00", "20-11-2026 14:03:00+03:00" },
		/* Not an ISO date: as it came. */
		{ "today", "today" }, { "2026-1-20", "2026-1-20" }, { "2026-11-20x", "2026-11-20x" },
		{ "", "" },
	};

	(void)state;
	check_when(c, sizeof c / sizeof c[0]);
}

/* glibc's hu_HU writes dates %Y-%m-%d: the same as ISO. */
static void when_hu(void **state)
{
	static const char *const c[][2] = {
		{ "2026-11-20", "2026-11-20" },
		{ "2026-11-20 14:03", "2026-11-20 14:03" },
	};

	(void)state;
	check_when(c, sizeof c / sizeof c[0]);
}

/* A locale the system lacks: the C forms, and init says so. */
static void unknown_locale(void **state)
{
	char out[LF_BUFSZ];

	(void)state;
	assert_int_equal(locale_fmt_init("xx_XX.UTF-8"), -1);
	assert_string_equal(lf_money(-123456, "TRY", 2, out, sizeof out), "-1,234.56 TRY");
	assert_string_equal(lf_count(12345, out, sizeof out), "12345");
	assert_string_equal(lf_when("2026-11-20", out, sizeof out), "2026-11-20");
}

static void truncates(void **state)
{
	char out[6];

	(void)state;
	assert_int_equal(locale_fmt_init("tr_TR.UTF-8"), 0);
	assert_string_equal(lf_money(123456, "TRY", 2, out, sizeof out), "1.234");
	assert_string_equal(lf_when("2026-11-20", out, sizeof out), "20-11");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(money_c, use_c),
		cmocka_unit_test_setup(money_tr, use_tr),
		cmocka_unit_test_setup(money_hu, use_hu),
		cmocka_unit_test(money_text),
		cmocka_unit_test_setup(count_c, use_c),
		cmocka_unit_test_setup(count_tr, use_tr),
		cmocka_unit_test_setup(count_hu, use_hu),
		cmocka_unit_test_setup(number_tr, use_tr),
		cmocka_unit_test_setup(number_c, use_c),
		cmocka_unit_test_setup(when_c, use_c),
		cmocka_unit_test_setup(when_tr, use_tr),
		cmocka_unit_test_setup(when_hu, use_hu),
		cmocka_unit_test(unknown_locale),
		cmocka_unit_test(truncates),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
