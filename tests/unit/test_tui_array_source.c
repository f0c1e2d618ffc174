/* tui/array_source: a list already in memory behind a tui_table: paged forward and
 * back in bounded windows, found (/) and filtered (\) through the items' own
 * match, refreshed on the same item, and every row's key its item's index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "common/xalloc.h"
#include "tui/array_source.h"

/* Items are numbers; a row shows "#n"; text matches a number's decimal digits,
 * and "even" the even ones. */
struct items {
	long v[1000];
	size_t n;
	int rows_made;
};

static size_t count(void *arg)
{
	return ((struct items *)arg)->n;
}

static struct tui_row *row(void *arg, size_t i)
{
	struct items *it = arg;
	struct tui_row *r = tui_row_new(1);

	it->rows_made++;
	tui_row_take(r, 0, xasprintf("#%ld", it->v[i]));
	return r;
}

static bool matches(void *arg, size_t i, const char *text)
{
	struct items *it = arg;
	char s[24];

	if (strcmp(text, "even") == 0)
		return it->v[i] % 2 == 0;
	(void)snprintf(s, sizeof s, "%ld", it->v[i]);
	return strstr(s, text) != NULL;
}

static const struct tui_array_ops ops = { count, row, matches };

static const struct tui_column cols[] = { { "Item", 10, 1, TUI_ALIGN_LEFT, 0 } };

struct fixture {
	struct items items;
	struct tui_array_source src;
	struct tui_table *t;
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);

	fx->items.n = 100;
	for (size_t i = 0; i < fx->items.n; i++)
		fx->items.v[i] = (long)i;
	fx->src.ops = &ops;
	fx->src.items = &fx->items;
	fx->t = tui_table_new(cols, 1, &tui_array_source_ops, &fx->src);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	tui_table_free(fx->t);
	free(fx);
	return 0;
}

static long selected(const struct tui_table *t)
{
	const void *k = tui_table_selected_key(t);

	return k != NULL ? (long)tui_array_key_index(k) : -1;
}

static const char *selected_text(const struct tui_table *t)
{
	const struct tui_row *r = tui_table_selected(t);

	return r != NULL ? tui_row_cell(r, 0) : "";
}

static void pages_in_a_bounded_window(void **state)
{
	struct fixture *fx = *state;

	tui_table_set_page(fx->t, 5);
	/* Answered at once, a fetch's worth, not the whole array. */
	assert_false(tui_table_loading(fx->t));
	assert_int_equal(tui_table_window_len(fx->t), 16);
	assert_string_equal(selected_text(fx->t), "#0");
	for (int i = 0; i < 19; i++)
		(void)tui_table_page_down(fx->t);
	assert_int_equal(selected(fx->t), 95);
	assert_true(tui_table_window_len(fx->t) <= tui_table_window_cap(fx->t));
	(void)tui_table_end(fx->t);
	assert_int_equal(selected(fx->t), 99);
	assert_string_equal(selected_text(fx->t), "#99");
	/* Back up again from the end, past the window's first row. */
	(void)tui_table_home(fx->t);
	(void)tui_table_end(fx->t);
	for (int i = 0; i < 19; i++)
		(void)tui_table_page_up(fx->t);
	assert_int_equal(selected(fx->t), 4);
	(void)tui_table_up(fx->t, 10);
	assert_int_equal(selected(fx->t), 0);
	assert_true(tui_table_window_len(fx->t) <= tui_table_window_cap(fx->t));
	/* Fewer rows made than a whole copy of the list each way. */
	assert_true(fx->items.rows_made < 400);
}

static void finds_and_filters_with_the_items_match(void **state)
{
	struct fixture *fx = *state;

	tui_table_set_page(fx->t, 5);
	tui_table_seek(fx->t, "42");
	assert_int_equal(selected(fx->t), 42);
	/* Rows above the one found are still there. */
	(void)tui_table_up(fx->t, 2);
	assert_int_equal(selected(fx->t), 40);
	tui_table_set_filter(fx->t, "even");
	assert_int_equal(selected(fx->t), 0);
	(void)tui_table_down(fx->t, 3);
	assert_int_equal(selected(fx->t), 6);
	(void)tui_table_end(fx->t);
	assert_int_equal(selected(fx->t), 98);
	(void)tui_table_up(fx->t, 1);
	assert_int_equal(selected(fx->t), 96);
	/* Found within the filter: 7 is odd, 70 the first even match. */
	tui_table_seek(fx->t, "7");
	assert_int_equal(selected(fx->t), 70);
	tui_table_set_filter(fx->t, "nothing");
	assert_null(tui_table_selected(fx->t));
	tui_table_set_filter(fx->t, NULL);
	assert_int_equal(selected(fx->t), 0);
}

static void refresh_keeps_the_item(void **state)
{
	struct fixture *fx = *state;

	tui_table_set_page(fx->t, 5);
	for (int i = 0; i < 12; i++)
		(void)tui_table_page_down(fx->t);
	(void)tui_table_down(fx->t, 1);
	assert_int_equal(selected(fx->t), 61);
	fx->items.v[61] = 6100;
	tui_table_refresh(fx->t);
	assert_int_equal(selected(fx->t), 61);
	assert_string_equal(selected_text(fx->t), "#6100");
	/* The list shrinks under the table: it ends where the items do. */
	fx->items.n = 30;
	tui_table_refresh(fx->t);
	(void)tui_table_end(fx->t);
	assert_int_equal(selected(fx->t), 29);
}

static void an_empty_list_is_empty(void **state)
{
	struct fixture *fx = *state;
	const struct tui_row *r;
	bool sel;

	fx->items.n = 0;
	tui_table_set_page(fx->t, 5);
	assert_int_equal(tui_table_line(fx->t, 0, &r, &sel), TUI_LINE_EMPTY);
	(void)tui_table_end(fx->t);
	tui_table_seek(fx->t, "1");
	assert_null(tui_table_selected(fx->t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pages_in_a_bounded_window, setup, teardown),
		cmocka_unit_test_setup_teardown(finds_and_filters_with_the_items_match, setup, teardown),
		cmocka_unit_test_setup_teardown(refresh_keeps_the_item, setup, teardown),
		cmocka_unit_test_setup_teardown(an_empty_list_is_empty, setup, teardown),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
