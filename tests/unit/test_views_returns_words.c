/* The Returns list's words: what a return takes back ("1 of 3 lines", or the
 * product of a one-line order) and a view's count on the strip, capped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "views/queue_strip.h"
#include "views/returns_words.h"

static void what_words(void **state)
{
	char out[64];

	(void)state;
	returns_what(1, 3, "Bohem Kupa", out, sizeof out);
	assert_string_equal(out, "1 of 3 lines");
	returns_what(3, 3, "Bohem Kupa", out, sizeof out);
	assert_string_equal(out, "3 of 3 lines");
	/* A one-line order: its product says more. */
	returns_what(1, 1, "Bohem Kupa 350 ml", out, sizeof out);
	assert_string_equal(out, "Bohem Kupa 350 ml");
	/* No name to show (a return without lines yet): the count. */
	returns_what(1, 1, "", out, sizeof out);
	assert_string_equal(out, "1 of 1 line");
	returns_what(0, 2, NULL, out, sizeof out);
	assert_string_equal(out, "0 of 2 lines");
	/* Cut to the room given, never past it. */
	returns_what(1, 1, "Organik Tabak Seti 2'li", out, 8);
	assert_string_equal(out, "Organik");
}

static void count_words(void **state)
{
	char out[64];

	(void)state;
	queue_strip_count_text("To approve", 4, 1000, out, sizeof out);
	assert_string_equal(out, "To approve 4");
	queue_strip_count_text("Open", 0, 1000, out, sizeof out);
	assert_string_equal(out, "Open 0");
	queue_strip_count_text("Open", 999, 1000, out, sizeof out);
	assert_string_equal(out, "Open 999");
	/* The database stops counting at the cap: more than it can say. */
	queue_strip_count_text("Closed", 1000, 1000, out, sizeof out);
	assert_string_equal(out, "Closed 999+");
	/* Not counted yet: the name alone. */
	queue_strip_count_text("To inspect", -1, 1000, out, sizeof out);
	assert_string_equal(out, "To inspect");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(what_words),
		cmocka_unit_test(count_words),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
