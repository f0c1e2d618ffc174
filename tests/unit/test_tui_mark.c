/* tui/table marks: highlighted byte ranges of a cell land on the right screen
 * cells after the cell is fitted (aligned, cut with an ellipsis), with Turkish,
 * Hungarian and wide characters; rows keep and free their marks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "tui/table.h"

static void span(const char *s, size_t start, size_t len, int width, enum tui_align align,
		 bool want, int wx, int ww, size_t wshown)
{
	int x = -1, w = -1;
	size_t shown = 0;
	bool got = tui_mark_span(s, start, len, width, align, &x, &w, &shown);

	assert_int_equal(got, want);
	if (!want)
		return;
	assert_int_equal(x, wx);
	assert_int_equal(w, ww);
	assert_int_equal(shown, wshown);
}

static void ascii_left_right_center(void **state)
{
	(void)state;
	/* "SO-100234" in 12 cells: left at 0, right 3 cells in, centred 1 in. */
	span("SO-100234", 3, 6, 12, TUI_ALIGN_LEFT, true, 3, 6, 6);
	span("SO-100234", 3, 6, 12, TUI_ALIGN_RIGHT, true, 6, 6, 6);
	span("SO-100234", 0, 2, 12, TUI_ALIGN_CENTER, true, 1, 2, 2);
}

static void accented_letters_count_as_one_cell(void **state)
{
	const char *s = "Şükrü Öztürk"; /* Ş ü ü Ö ü: two bytes each */
	size_t at = (size_t)(strstr(s, "Öztürk") - s);

	(void)state;
	/* "Öztürk" starts at byte 9 (after "Şükrü "), which is cell 6. */
	assert_int_equal(at, 9);
	span(s, at, strlen("Öztürk"), 20, TUI_ALIGN_LEFT, true, 6, 6, strlen("Öztürk"));
	span(s, 0, strlen("Şükrü"), 20, TUI_ALIGN_LEFT, true, 0, 5, strlen("Şükrü"));
}

static void cut_behind_the_ellipsis(void **state)
{
	const char *s = "+90 532 123 45 67 · sukru@example.com";

	(void)state;
	/* 10 cells: 9 of text and an ellipsis.  "532" (cells 4-6) shows whole... */
	span(s, 4, 3, 10, TUI_ALIGN_LEFT, true, 4, 3, 3);
	/* ..."123 45" (cells 8-13) only its first cell, and never over the ellipsis. */
	span(s, 8, 6, 10, TUI_ALIGN_LEFT, true, 8, 1, 1);
	/* the e-mail is gone altogether */
	span(s, 22, 5, 10, TUI_ALIGN_LEFT, false, 0, 0, 0);
	/* a cut cell is never right-aligned */
	span(s, 0, 3, 10, TUI_ALIGN_RIGHT, true, 0, 3, 3);
}

static void wide_characters(void **state)
{
	const char *s = "日本 Tokyo"; /* two wide characters, 3 bytes each */

	(void)state;
	span(s, 7, 5, 20, TUI_ALIGN_LEFT, true, 5, 5, 5);
	/* the second wide character does not fit in the one cell left */
	span(s, 0, 6, 2, TUI_ALIGN_LEFT, false, 0, 0, 0);
	span(s, 0, 6, 4, TUI_ALIGN_LEFT, true, 0, 2, 3);
}

static void spelled_out_characters(void **state)
{
	const char *s = "SO-1002\xe2\x80\x8b" "34"; /* a zero-width space in it */

	(void)state;
	/* It shows as "⟨U+200B⟩", eight cells, so "34" lands at cell 15... */
	span(s, 10, 2, 20, TUI_ALIGN_LEFT, true, 15, 2, 2);
	/* ...and a mark over the space itself covers the eight. */
	span(s, 7, 3, 20, TUI_ALIGN_LEFT, true, 7, 8, 3);
}

static void out_of_range(void **state)
{
	(void)state;
	span("abc", 3, 1, 10, TUI_ALIGN_LEFT, false, 0, 0, 0);
	span("abc", 1, 0, 10, TUI_ALIGN_LEFT, false, 0, 0, 0);
	span("abc", 0, 1, 0, TUI_ALIGN_LEFT, false, 0, 0, 0);
	/* past the end is cut to it */
	span("abc", 1, 99, 10, TUI_ALIGN_LEFT, true, 1, 2, 2);
	span(NULL, 0, 1, 10, TUI_ALIGN_LEFT, false, 0, 0, 0);
}

static void rows_keep_their_marks(void **state)
{
	struct tui_row *r = tui_row_new(3);
	size_t col, start, len;

	(void)state;
	assert_int_equal(tui_row_nmarks(r), 0);
	assert_false(tui_row_mark(r, 0, &col, &start, &len));
	tui_row_add_mark(r, 1, 0, 5);
	tui_row_add_mark(r, 2, 7, 3);
	tui_row_add_mark(r, 9, 0, 1); /* no such column: ignored */
	tui_row_add_mark(r, 1, 3, 0); /* empty: ignored */
	for (int i = 0; i < 20; i++)  /* grows */
		tui_row_add_mark(r, 0, (size_t)i, 1);
	assert_int_equal(tui_row_nmarks(r), 22);
	assert_true(tui_row_mark(r, 1, &col, &start, &len));
	assert_int_equal(col, 2);
	assert_int_equal(start, 7);
	assert_int_equal(len, 3);
	assert_false(tui_row_mark(r, 22, &col, &start, &len));
	tui_row_free(r, NULL); /* ASan: the marks go with the row */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ascii_left_right_center),
		cmocka_unit_test(accented_letters_count_as_one_cell),
		cmocka_unit_test(cut_behind_the_ellipsis),
		cmocka_unit_test(wide_characters),
		cmocka_unit_test(spelled_out_characters),
		cmocka_unit_test(out_of_range),
		cmocka_unit_test(rows_keep_their_marks),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		(void)printf("1..0 # SKIP the C.UTF-8 locale is missing\n");
		return 0;
	}
	tui_text_locale_changed();
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
