/* The sparkline and the bar: their glyphs, their scale, and the ASCII that the
 * Linux console (and a locale without UTF-8) gets instead of blocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>

#include <cmocka.h>

#include "tui/chart.h"
#include "tui/utf8.h"

static void blocks_only_where_they_show(void **state)
{
	(void)state;
	assert_true(tui_chart_blocks("xterm-256color", true));
	assert_true(tui_chart_blocks("screen", true));
	assert_true(tui_chart_blocks("tmux-256color", true));
	assert_true(tui_chart_blocks(NULL, true));
	assert_false(tui_chart_blocks("linux", true));
	assert_false(tui_chart_blocks("linux-16color", true));
	assert_false(tui_chart_blocks("vt100", true));
	assert_false(tui_chart_blocks("xterm-256color", false));
}

static void the_levels_rise_with_the_values(void **state)
{
	(void)state;
	assert_int_equal(tui_spark_level(0, 0, 10), 0);
	assert_int_equal(tui_spark_level(10, 0, 10), 7);
	assert_int_equal(tui_spark_level(20, 0, 10), 7);
	/* Anything above the floor shows above it. */
	assert_int_equal(tui_spark_level(0.1, 0, 10), 1);
	assert_int_equal(tui_spark_level(5, 0, 10), 4);
	/* No range: nothing, or the top. */
	assert_int_equal(tui_spark_level(0, 0, 0), 0);
	assert_int_equal(tui_spark_level(3, 0, 0), 7);
	/* A score of 1 is the floor of a 1..5 scale. */
	assert_int_equal(tui_spark_level(1, 1, 5), 0);
	assert_int_equal(tui_spark_level(5, 1, 5), 7);
}

static void a_sparkline_is_one_cell_per_value(void **state)
{
	double v[5] = { 0, 1, 2, 3, 4 };
	bool have[5] = { true, true, false, true, true };
	char *s;

	(void)state;
	s = tui_sparkline(v, NULL, 5, 0, 4, true);
	assert_string_equal(s, "▁▃▅▆█");
	assert_int_equal(tui_text_width(s), 5);
	free(s);
	s = tui_sparkline(v, have, 5, 0, 4, true);
	assert_string_equal(s, "▁▃ ▆█");
	free(s);
	s = tui_sparkline(v, have, 5, 0, 4, false);
	assert_string_equal(s, "_, +#");
	free(s);
	s = tui_sparkline(v, NULL, 0, 0, 4, true);
	assert_string_equal(s, "");
	free(s);
}

static void a_bar_fills_its_share_of_the_width(void **state)
{
	char *s;

	(void)state;
	s = tui_hbar(5, 10, 4, true);
	assert_string_equal(s, "██  ");
	free(s);
	s = tui_hbar(10, 10, 4, true);
	assert_string_equal(s, "████");
	free(s);
	/* An eighth of a cell more: the partial block. */
	s = tui_hbar(9, 16, 4, true); /* 18 eighths: 2 whole, a quarter */
	assert_string_equal(s, "██▎ ");
	assert_int_equal(tui_text_width(s), 4);
	free(s);
	/* A value above 0 is never an empty bar. */
	s = tui_hbar(1, 1000, 4, true);
	assert_string_equal(s, "▏   ");
	free(s);
	s = tui_hbar(1, 1000, 4, false);
	assert_string_equal(s, "#   ");
	free(s);
	s = tui_hbar(0, 10, 3, false);
	assert_string_equal(s, "   ");
	free(s);
	s = tui_hbar(7, 10, 4, false); /* 2.8 cells */
	assert_string_equal(s, "### ");
	free(s);
	s = tui_hbar(3, 0, 2, true);
	assert_string_equal(s, "  ");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blocks_only_where_they_show),
		cmocka_unit_test(the_levels_rise_with_the_values),
		cmocka_unit_test(a_sparkline_is_one_cell_per_value),
		cmocka_unit_test(a_bar_fills_its_share_of_the_width),
	};

	setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
