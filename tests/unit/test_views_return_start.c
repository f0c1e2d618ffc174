/* Starting a return, apart from the terminal: why nothing of an order can go back
 * (db_returnables_why_not, which decides whether R is offered), a quantity typed
 * over its default, and the reasons of the lines below following the one set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/return_request.h"
#include "tui/form.h"
#include "views/return_start.h"

static struct db_returnable line(int no, int returnable, const char *window, const char *until)
{
	struct db_returnable l;

	memset(&l, 0, sizeof l);
	l.line_no = no;
	l.qty = 2;
	l.returnable = returnable;
	strcpy(l.window, window);
	strcpy(l.return_until, until);
	return l;
}

static void why_nothing_can_go_back(void **state)
{
	struct db_returnable ls[3];
	struct db_returnables r = { ls, 3, "1" };

	(void)state;
	/* One line open is enough. */
	ls[0] = line(1, 0, "return", "2026-12-04");
	ls[1] = line(2, 1, "return", "2026-12-04");
	ls[2] = line(3, 0, "return", "2026-12-04");
	assert_null(db_returnables_why_not(&r));
	/* A warranty claim is something that can be started too. */
	ls[1] = line(2, 1, "warranty", "2026-10-01");
	assert_null(db_returnables_why_not(&r));
	/* Everything claimed while the window runs. */
	ls[1] = line(2, 0, "return", "2026-12-04");
	assert_string_equal(db_returnables_why_not(&r), "all_returned");
	/* The windows over (a delivered order has a day). */
	for (int i = 0; i < 3; i++)
		ls[i] = line(i + 1, 1, "none", "2026-10-01");
	assert_string_equal(db_returnables_why_not(&r), "window_over");
	/* Not delivered: no day at all. */
	for (int i = 0; i < 3; i++)
		ls[i] = line(i + 1, 2, "none", "");
	assert_string_equal(db_returnables_why_not(&r), "not_delivered");
	/* No lines, no answer: nothing to return, and never a crash. */
	r.n = 0;
	assert_string_equal(db_returnables_why_not(&r), "not_delivered");
	assert_string_equal(db_returnables_why_not(NULL), "not_delivered");
	assert_true(strlen(return_start_why("window_over")) > 0);
}

static void a_digit_types_over_the_default(void **state)
{
	(void)state;
	assert_string_equal(return_start_typed_over("12", "1"), "2");
	assert_string_equal(return_start_typed_over("123", "1"), "23");
	/* Unchanged, erased or edited elsewhere: left as it is. */
	assert_null(return_start_typed_over("1", "1"));
	assert_null(return_start_typed_over("", "1"));
	assert_null(return_start_typed_over("21", "1"));
	assert_null(return_start_typed_over("5", ""));
}

static const char *const reasons[] = { "damaged_in_transit", "defective", "wrong_item", NULL };
static const struct tui_field_spec specs[] = {
	{ TUI_FIELD_CHOICE, "1 why", true, 0, 0, 0, reasons, 0, NULL },
	{ TUI_FIELD_CHOICE, "2 why", true, 0, 0, 0, reasons, 0, NULL },
	{ TUI_FIELD_CHOICE, "3 why", true, 0, 0, 0, reasons, 0, NULL },
};

static void reasons_below_follow_until_set(void **state)
{
	struct tui_form *f = tui_form_new("t", specs, 3, NULL);
	const size_t fields[] = { 0, 1, 2 };
	bool set[3] = { false, false, false };

	(void)state;
	tui_form_set_value(f, 0, "defective");
	return_start_reasons_follow(f, fields, set, 3, 0);
	assert_string_equal(tui_form_value(f, 1), "defective");
	assert_string_equal(tui_form_value(f, 2), "defective");
	/* The agent sets the third; the first changing again leaves it alone. */
	tui_form_set_value(f, 2, "wrong_item");
	return_start_reasons_follow(f, fields, set, 3, 2);
	tui_form_set_value(f, 0, "damaged_in_transit");
	return_start_reasons_follow(f, fields, set, 3, 0);
	assert_string_equal(tui_form_value(f, 1), "damaged_in_transit");
	assert_string_equal(tui_form_value(f, 2), "wrong_item");
	/* Nothing above follows a line below. */
	tui_form_set_value(f, 1, "defective");
	return_start_reasons_follow(f, fields, set, 3, 1);
	assert_string_equal(tui_form_value(f, 0), "damaged_in_transit");
	assert_string_equal(tui_form_value(f, 2), "wrong_item");
	/* Out of range: nothing happens. */
	return_start_reasons_follow(f, fields, set, 3, 7);
	tui_form_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(why_nothing_can_go_back),
		cmocka_unit_test(a_digit_types_over_the_default),
		cmocka_unit_test(reasons_below_follow_until_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
