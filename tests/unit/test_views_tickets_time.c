/* The Tickets list's countdown and age: the words an agent reads in the Due and
 * Age columns, at the edges of each unit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <string.h>

#include <cmocka.h>

#include "views/tickets_time.h"

static void countdown_words(void **state)
{
	static const struct {
		long long secs;
		const char *want;
	} cases[] = {
		{ 0, "in <1m" },          { 59, "in <1m" },          { 60, "in 1m" },
		{ 42 * 60 + 59, "in 42m" }, { 3599, "in 59m" },      { 3600, "in 1h" },
		{ 47 * 3600 + 3599, "in 47h" }, { 48 * 3600, "in 2d" }, { 10 * 86400, "in 10d" },
		{ -1, "<1m late" },       { -60, "1m late" },        { -3599, "59m late" },
		{ -3 * 3600 - 120, "3h late" }, { -48 * 3600, "2d late" },
		{ LLONG_MIN, "106751991167300d late" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[64];

		tickets_countdown(cases[i].secs, out, sizeof out);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("%lld s: \"%s\", want \"%s\"", cases[i].secs, out, cases[i].want);
	}
}

static void age_words(void **state)
{
	char out[32];

	(void)state;
	tickets_age(30, out, sizeof out);
	assert_string_equal(out, "<1m");
	tickets_age(5 * 60, out, sizeof out);
	assert_string_equal(out, "5m");
	tickets_age(5 * 3600, out, sizeof out);
	assert_string_equal(out, "5h");
	tickets_age(5 * 86400, out, sizeof out);
	assert_string_equal(out, "5d");
	/* A clock a little behind the server's: not a negative age. */
	tickets_age(-5, out, sizeof out);
	assert_string_equal(out, "<1m");
}

static void a_short_buffer_is_cut_not_overrun(void **state)
{
	char out[6];

	(void)state;
	memset(out, 'x', sizeof out);
	tickets_countdown(-3 * 3600, out, sizeof out);
	assert_string_equal(out, "3h la");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(countdown_words),
		cmocka_unit_test(age_words),
		cmocka_unit_test(a_short_buffer_is_cut_not_overrun),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
