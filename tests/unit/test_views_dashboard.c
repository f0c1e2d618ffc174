/* The dashboard's decisions without a terminal: the document as api.dashboard
 * sends it, where the sections go at 80x24 and 120x40, how the highlight moves,
 * and when a change loads the counts again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "views/dashboard_model.h"

static const char doc_text[] =
	"{\"at\": \"2026-11-27 14:05:00\", \"today\": \"2026-11-27\","
	" \"tickets\": {\"open\": 7, \"grid\": ["
	"{\"status\": \"new\", \"priority\": \"urgent\", \"count\": 2},"
	"{\"status\": \"on_hold\", \"priority\": \"low\", \"count\": 5}],"
	" \"soon\": 1, \"breached\": 3, \"unassigned\": 4, \"waiting\": 2,"
	" \"oldest_waiting\": {\"id\": 42, \"number\": \"T-1042\", \"subject\": \"Where is it\", \"minutes\": 95},"
	" \"per_hour\": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,9]},"
	" \"agents\": [{\"login\": \"ayse\", \"name\": \"Ayşe Yılmaz\", \"open\": 5, \"resolved_today\": 2,"
	" \"first_response_minutes\": 14, \"csat\": 4.3, \"csat_count\": 6},"
	" {\"login\": \"can\", \"name\": \"Can\", \"open\": 0, \"resolved_today\": 0,"
	" \"first_response_minutes\": null, \"csat\": null, \"csat_count\": 0}],"
	" \"orders\": {\"late_to_ship\": 11}, \"parcels\": {\"exception\": 12, \"stale\": 13},"
	" \"returns\": {\"to_inspect\": 14},"
	" \"refunds_today\": [{\"kind\": \"refund\", \"currency\": \"TRY\", \"count\": 2, \"sum\": \"123.45\"}],"
	" \"csat_trend\": [{\"day\": \"2026-11-14\", \"avg\": null, \"count\": 0},"
	" {\"day\": \"2026-11-15\", \"avg\": 4, \"count\": 1}]}";

static void the_document_is_read_whole(void **state)
{
	struct dash_doc d;

	(void)state;
	assert_int_equal(dash_doc_parse(&d, doc_text), 0);
	assert_int_equal(d.hour, 14);
	assert_int_equal(d.open, 7);
	assert_int_equal(d.grid[0][0], 2);
	assert_int_equal(d.grid[3][3], 5);
	assert_int_equal(d.grid[1][1], 0);
	assert_int_equal(d.breached, 3);
	assert_string_equal(d.oldest_number, "T-1042");
	assert_string_equal(d.oldest_id, "42");
	assert_int_equal(d.oldest_minutes, 95);
	assert_int_equal(d.per_hour[23], 9);
	assert_int_equal(d.nagents, 2);
	assert_string_equal(d.agents[0].name, "Ayşe Yılmaz");
	assert_int_equal(d.agents[0].first_response, 14);
	assert_true(d.agents[0].csat > 4.29 && d.agents[0].csat < 4.31);
	assert_int_equal(d.agents[1].first_response, -1);
	assert_true(d.agents[1].csat < 0);
	assert_int_equal(d.late_to_ship, 11);
	assert_int_equal(d.stale, 13);
	assert_int_equal(d.to_inspect, 14);
	assert_int_equal(d.nrefunds, 1);
	assert_string_equal(d.refunds[0].sum, "123.45");
	assert_false(d.csat_have[0]);
	assert_true(d.csat_have[1]);
	assert_true(d.csat_avg[1] > 3.99 && d.csat_avg[1] < 4.01);
	dash_doc_free(&d);
	assert_int_equal(dash_doc_parse(&d, "[]"), -1);
	assert_int_equal(dash_doc_parse(&d, "not json"), -1);
	dash_doc_free(&d);
}

static bool inside(struct tui_rect r, int h, int w)
{
	return r.y >= 0 && r.x >= 0 && r.y + r.h <= h && r.x + r.w <= w;
}

static bool overlap(struct tui_rect a, struct tui_rect b)
{
	return a.h > 0 && b.h > 0 && a.y < b.y + b.h && b.y < a.y + a.h && a.x < b.x + b.w && b.x < a.x + a.w;
}

/* Every section whole on the screen, none over another, and room for the
 * lines each needs (the agents' table: its title, header and 3 rows at least). */
static void check_layout(int h, int w, bool wide)
{
	static const int need[DASH_NSECTIONS] = { 7, 7, 5, 2, 2, 5 };
	struct dash_layout l;

	dash_layout(h, w, &l);
	assert_int_equal(l.wide, wide);
	for (int s = 0; s < DASH_NSECTIONS; s++) {
		assert_true(inside(l.sec[s], h, w));
		assert_true(l.sec[s].h >= need[s]);
		assert_true(l.sec[s].w >= 30);
		for (int t = s + 1; t < DASH_NSECTIONS; t++)
			assert_false(overlap(l.sec[s], l.sec[t]));
	}
}

static void every_section_fits_each_size(void **state)
{
	struct dash_layout l;

	(void)state;
	/* 80x24: the body between the tab line and the status and key lines. */
	check_layout(21, 80, false);
	check_layout(20, 80, false); /* a message line open */
	check_layout(37, 120, true);
	check_layout(57, 200, true);
	check_layout(37, 100, false);
	/* Compact: the agents take every line that is left. */
	dash_layout(21, 80, &l);
	assert_int_equal(l.sec[DASH_AGENTS].y + l.sec[DASH_AGENTS].h, 21);
	/* Side by side: the grid and the trends start on the same line. */
	dash_layout(37, 120, &l);
	assert_int_equal(l.sec[DASH_GRID].y, l.sec[DASH_TRENDS].y);
	assert_true(l.sec[DASH_TRENDS].x > l.sec[DASH_GRID].x + l.sec[DASH_GRID].w);
}

static struct dash_pick at(int y, int x, int w)
{
	struct dash_pick p;

	memset(&p, 0, sizeof p);
	p.y = y;
	p.x = x;
	p.w = w;
	return p;
}

static void the_highlight_moves_to_the_nearest_number(void **state)
{
	/* 0 1 2       a grid row
	 * 3 4 5       the next
	 *       6     a number further right, two lines down */
	struct dash_pick p[7] = { at(2, 10, 6), at(2, 17, 6), at(2, 24, 6), at(3, 10, 6),
				  at(3, 17, 6), at(3, 24, 6), at(5, 60, 6) };

	(void)state;
	assert_int_equal(dash_nav(p, 7, 0, DASH_RIGHT), 1);
	assert_int_equal(dash_nav(p, 7, 1, DASH_RIGHT), 2);
	assert_int_equal(dash_nav(p, 7, 2, DASH_RIGHT), 2); /* nothing further on the line */
	assert_int_equal(dash_nav(p, 7, 1, DASH_DOWN), 4);
	assert_int_equal(dash_nav(p, 7, 4, DASH_UP), 1);
	assert_int_equal(dash_nav(p, 7, 0, DASH_UP), 0);
	assert_int_equal(dash_nav(p, 7, 4, DASH_DOWN), 6); /* the next line that has one */
	assert_int_equal(dash_nav(p, 7, 6, DASH_UP), 5);   /* the nearest column */
	assert_int_equal(dash_nav(p, 7, 3, DASH_LEFT), 3);
	assert_int_equal(dash_nav(p, 7, 6, DASH_NEXT), 0);
	assert_int_equal(dash_nav(p, 7, 0, DASH_PREV), 6);
	assert_int_equal(dash_nav(p, 0, 0, DASH_DOWN), 0);
}

static void the_highlight_is_found_again_by_what_it_is(void **state)
{
	struct dash_pick p[3] = { at(0, 0, 1), at(0, 2, 1), at(0, 4, 1) };

	(void)state;
	p[0].metric = "tickets";
	strcpy(p[0].key, "new/urgent");
	p[1].metric = "tickets";
	strcpy(p[1].key, "new/");
	p[2].metric = NULL;
	strcpy(p[2].key, "42");
	assert_int_equal(dash_find(p, 3, "tickets", "new/"), 1);
	assert_int_equal(dash_find(p, 3, NULL, "42"), 2);
	assert_int_equal(dash_find(p, 3, "tickets", "open/"), 3);
}

static void changes_load_at_most_once_a_second(void **state)
{
	(void)state;
	assert_int_equal(dash_refresh_delay(5000, -1), 0);   /* never loaded: now */
	assert_int_equal(dash_refresh_delay(5000, 3000), 0); /* a quiet second: now */
	assert_int_equal(dash_refresh_delay(5000, 4000), 0);
	assert_int_equal(dash_refresh_delay(5000, 4700), 700); /* the rest of the second */
	assert_int_equal(dash_refresh_delay(5000, 5000), 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_document_is_read_whole),
		cmocka_unit_test(every_section_fits_each_size),
		cmocka_unit_test(the_highlight_moves_to_the_nearest_number),
		cmocka_unit_test(the_highlight_is_found_again_by_what_it_is),
		cmocka_unit_test(changes_load_at_most_once_a_second),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
