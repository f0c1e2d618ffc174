/* views/return_steps: the next-step menu is what can{} allows, in lifecycle
 * order; the inspection form starts at the line's quantity and a condition from
 * its reason, its dispositions follow the condition until chosen by hand, an
 * accepted quantity above the returned one is refused before it is sent, and the
 * lines go to the api as it wants them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "views/return_steps.h"

static void menu_is_what_can_allows_in_order(void **state)
{
	const char *out[RS_COUNT + 1];
	json_t *can = json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b}", "close", 0, "reject", 1,
				"approve", 1, "parcel", 0, "receive", 0, "inspect", 0, "refund", 0, "exchange", 0,
				"repair", 0, "store_credit", 0);

	(void)state;
	assert_int_equal(return_steps_allowed(can, out), 2);
	assert_string_equal(out[0], "approve");
	assert_string_equal(out[1], "reject");
	assert_null(out[2]);
	json_object_set_new(can, "approve", json_false());
	json_object_set_new(can, "reject", json_false());
	json_object_set_new(can, "store_credit", json_true());
	json_object_set_new(can, "refund", json_true());
	json_object_set_new(can, "close", json_true());
	assert_int_equal(return_steps_allowed(can, out), 3);
	assert_string_equal(out[0], "refund");
	assert_string_equal(out[1], "store_credit");
	assert_string_equal(out[2], "close");
	/* A missing or non-true key is no step; no can{} at all is none. */
	json_object_set_new(can, "refund", json_string("true"));
	assert_int_equal(return_steps_allowed(can, out), 2);
	assert_int_equal(return_steps_allowed(NULL, out), 0);
	assert_null(out[0]);
	json_decref(can);
	assert_int_equal(return_step_of("store_credit"), RS_STORE_CREDIT);
	assert_int_equal(return_step_of("nope"), -1);
	assert_string_equal(return_step_label("reject"), "Reject…");
}

static json_t *two_lines(void)
{
	return json_pack("[{s:i, s:s, s:i, s:s}, {s:i, s:s, s:i, s:s}]", "line_no", 1, "sku", "A-1", "qty", 2, "reason",
			 "damaged_in_transit", "line_no", 3, "sku", "B-2", "qty", 1, "reason", "changed_mind");
}

static void inspection_defaults(void **state)
{
	json_t *lines = two_lines();
	struct return_inspect *in = return_inspect_new(lines);
	struct tui_form *f = return_inspect_form(in);

	(void)state;
	assert_int_equal(return_inspect_nlines(in), 2);
	assert_int_equal(tui_form_nfields(f), 7);
	/* What came broken starts as damaged and written off; the rest as new, restocked. */
	assert_string_equal(tui_form_value(f, 0), "damaged");
	assert_string_equal(tui_form_value(f, 1), "2");
	assert_string_equal(tui_form_value(f, 2), "write_off");
	assert_string_equal(tui_form_value(f, 3), "as_new");
	assert_string_equal(tui_form_value(f, 4), "1");
	assert_string_equal(tui_form_value(f, 5), "restock");
	assert_false(tui_form_modified(f));
	return_inspect_free(in);
	json_decref(lines);
}

static void disposition_follows_condition_until_chosen(void **state)
{
	json_t *lines = two_lines();
	struct return_inspect *in = return_inspect_new(lines);
	struct tui_form *f = return_inspect_form(in);

	(void)state;
	tui_form_set_value(f, 3, "damaged");
	return_inspect_follow(in);
	assert_string_equal(tui_form_value(f, 5), "write_off");
	tui_form_set_value(f, 3, "opened");
	return_inspect_follow(in);
	assert_string_equal(tui_form_value(f, 5), "restock");
	/* Chosen by hand: it stays whatever the condition says next. */
	tui_form_set_value(f, 5, "write_off");
	return_inspect_follow(in);
	tui_form_set_value(f, 3, "as_new");
	return_inspect_follow(in);
	assert_string_equal(tui_form_value(f, 5), "write_off");
	/* The other line was not touched. */
	assert_string_equal(tui_form_value(f, 2), "write_off");
	return_inspect_free(in);
	json_decref(lines);
}

static void wrong_quantity_is_refused_then_sent(void **state)
{
	json_t *lines = two_lines(), *sent;
	struct return_inspect *in = return_inspect_new(lines);
	struct tui_form *f = return_inspect_form(in);
	char *json;

	(void)state;
	tui_form_set_value(f, 1, "3");
	assert_false(tui_form_validate(f));
	assert_int_equal(tui_form_focus(f), 1);
	assert_non_null(tui_form_error(f, 1));
	tui_form_set_value(f, 1, "1");
	tui_form_set_value(f, 6, "box crushed");
	assert_true(tui_form_validate(f));
	json = return_inspect_json(in);
	assert_non_null(json);
	sent = json_loads(json, 0, NULL);
	assert_non_null(sent);
	assert_int_equal(json_array_size(sent), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(sent, 0), "line_no")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(sent, 0), "accepted_qty")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(sent, 0), "condition")), "damaged");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(sent, 1), "line_no")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(sent, 1), "disposition")), "restock");
	assert_string_equal(return_inspect_note(in), "box crushed");
	json_decref(sent);
	free(json);
	return_inspect_free(in);
	json_decref(lines);
}

static void age_in_days(void **state)
{
	struct tm t = { .tm_year = 126, .tm_mon = 10, .tm_mday = 27, .tm_hour = 9, .tm_isdst = -1 };
	time_t now = mktime(&t);

	(void)state;
	assert_int_equal(return_age_days("2026-11-27 08:00", now), 0);
	assert_int_equal(return_age_days("2026-11-24 23:59", now), 3);
	assert_int_equal(return_age_days("2025-11-27", now), 365);
	assert_int_equal(return_age_days("", now), -1);
	assert_int_equal(return_age_days(NULL, now), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(menu_is_what_can_allows_in_order),
		cmocka_unit_test(inspection_defaults),
		cmocka_unit_test(disposition_follows_condition_until_chosen),
		cmocka_unit_test(wrong_quantity_is_refused_then_sent),
		cmocka_unit_test(age_in_days),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
