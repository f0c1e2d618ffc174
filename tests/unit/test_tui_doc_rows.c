/* tui/doc: the rows a document takes at a width, as it is drawn: a long text or
 * a long value of a pair wraps onto more rows (a dialog sized by its lines alone
 * pushed the end of a message out of sight, issue 16); fixed-width columns and
 * short lines take one row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <locale.h>

#include "tui/doc.h"

static void short_lines_one_row_each(void **state)
{
	struct tui_doc *d = tui_doc_new();

	(void)state;
	tui_doc_text(d, TUI_ATTR_NORMAL, "Merhaba");
	tui_doc_blank(d);
	tui_doc_pair(d, "To", "a@example.com", TUI_ATTR_NORMAL);
	assert_int_equal(tui_doc_len(d), 3);
	assert_int_equal(tui_doc_rows(d, 76), 3);
	tui_doc_free(d);
}

static void long_text_and_value_wrap(void **state)
{
	struct tui_doc *d = tui_doc_new();

	(void)state;
	/* 20 words of 9 cells: 199 cells, three rows at 76. */
	tui_doc_text(d, TUI_ATTR_NORMAL, "aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa "
					 "aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa "
					 "aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa");
	tui_doc_pair(d, "Subject", "Ügyfélszolgálati megkeresése (T-100003): Ingyenes szállítás, mégis felszámolták",
		     TUI_ATTR_TITLE);
	assert_int_equal(tui_doc_len(d), 2);
	assert_int_equal(tui_doc_rows(d, 76), 3 + 2);
	/* Wide enough for all of it: one row each. */
	assert_int_equal(tui_doc_rows(d, 400), 2);
	tui_doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(short_lines_one_row_each),
		cmocka_unit_test(long_text_and_value_wrap),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
