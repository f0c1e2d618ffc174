/* The refunds ledger's pure parts: which day `:refunds DAY` asks for (or that it
 * asks for none), the totals per currency under the list, and the gift code
 * form's one-of rule (an amount or a percent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "views/gift_code.h"
#include "views/refunds_day.h"

static void days_people_type(void **state)
{
	struct refunds_day d;

	(void)state;
	assert_int_equal(refunds_day_parse(NULL, &d), 0);
	assert_int_equal(d.days_back, 0);
	assert_int_equal(refunds_day_parse("", &d), 0);
	assert_int_equal(d.days_back, 0);
	assert_int_equal(refunds_day_parse("  today ", &d), 0);
	assert_int_equal(d.days_back, 0);
	assert_int_equal(refunds_day_parse("yesterday", &d), 0);
	assert_int_equal(d.days_back, 1);
	assert_int_equal(refunds_day_parse(" 2026-11-27", &d), 0);
	assert_int_equal(d.days_back, -1);
	assert_string_equal(d.date, "2026-11-27");
	assert_int_equal(refunds_day_parse("2024-02-29", &d), 0);
	assert_string_equal(d.date, "2024-02-29");
	assert_int_equal(refunds_day_parse("2000-02-29", &d), 0);
}

static void days_that_are_not(void **state)
{
	static const char *const bad[] = {
		"tomorrow", "Today", "2026-13-01", "2026-11-31", "2026-02-29", "1900-02-29", "2026-1-5",
		"2026/11/27", "27.11.2026", "2026-11-27x", "2026-11-27 yesterday", "0000-01-01", "-1", "7",
	};
	struct refunds_day d = { 42, "untouched" };

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(refunds_day_parse(bad[i], &d), -1);
		/* A refusal leaves what was there. */
		assert_int_equal(d.days_back, 42);
		assert_string_equal(d.date, "untouched");
	}
}

static void totals_per_currency(void **state)
{
	struct refunds_total t[3];
	size_t n = 0;
	char s[40];

	(void)state;
	assert_int_equal(refunds_total_add(t, &n, 3, "TRY", "149.90"), 0);
	assert_int_equal(refunds_total_add(t, &n, 3, "HUF", "5200.00"), 0);
	assert_int_equal(refunds_total_add(t, &n, 3, "TRY", "0.10"), 0);
	assert_int_equal(refunds_total_add(t, &n, 3, "TRY", "50"), 0);
	assert_int_equal(n, 2);
	/* In the order the currencies first came. */
	assert_string_equal(t[0].currency, "TRY");
	assert_int_equal(t[0].cents, 20000);
	assert_int_equal(t[0].count, 3);
	assert_string_equal(t[1].currency, "HUF");
	assert_int_equal(t[1].count, 1);
	refunds_total_text(&t[0], s, sizeof s);
	assert_string_equal(s, "200.00");
	refunds_total_text(&t[1], s, sizeof s);
	assert_string_equal(s, "5200.00");
}

static void totals_refuse_what_would_lie(void **state)
{
	struct refunds_total t[2];
	size_t n = 0;

	(void)state;
	assert_int_equal(refunds_total_add(t, &n, 2, "TRY", "abc"), -1);
	assert_int_equal(refunds_total_add(t, &n, 2, "TRY", "1.234"), -1);
	assert_int_equal(refunds_total_add(t, &n, 2, NULL, "1"), -1);
	assert_int_equal(n, 0);
	assert_int_equal(refunds_total_add(t, &n, 2, "TRY", "1"), 0);
	assert_int_equal(refunds_total_add(t, &n, 2, "EUR", "1"), 0);
	/* No room for a third currency: refused, not left out. */
	assert_int_equal(refunds_total_add(t, &n, 2, "HUF", "1"), -1);
	assert_int_equal(n, 2);
	assert_int_equal(refunds_total_add(t, &n, 2, "TRY", "92233720368547758.07"), -1);
	assert_int_equal(t[0].cents, 100);
}

static void gift_code_one_of_amount_and_percent(void **state)
{
	(void)state;
	assert_null(gift_code_one_of("50", ""));
	assert_null(gift_code_one_of("", "10"));
	assert_null(gift_code_one_of(NULL, "10"));
	assert_non_null(gift_code_one_of("50", "10"));
	assert_non_null(gift_code_one_of("", ""));
	assert_non_null(gift_code_one_of(" ", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(days_people_type),
		cmocka_unit_test(days_that_are_not),
		cmocka_unit_test(totals_per_currency),
		cmocka_unit_test(totals_refuse_what_would_lie),
		cmocka_unit_test(gift_code_one_of_amount_and_percent),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
