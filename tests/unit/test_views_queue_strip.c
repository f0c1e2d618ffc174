/* The strip of a queue list (views/queue_strip): its count words with the
 * database's cap, stepping round the ends, and the counts' query: none before
 * the tab is opened, one at a time, and a change heard while one is on its way
 * counted again rather than lost.  The pane's side is a test double: no terminal, no
 * database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tui/array_source.h"
#include "tui/pane.h"
#include "tui/table.h"
#include "tui/table_pane.h"
#include "views/queue_strip.h"

#define NVIEWS 3
#define CAP 1000

static const char *const names[NVIEWS] = { "Mine", "Open", "Closed" };

/* The pane behind the strip: what the strip asked of it. */
struct fake_pane {
	int sent;     /* counts' queries sent */
	db_result_fn done;
	void *done_arg;
	int counted;  /* answers handed over for the extra column */
	char extra[16];
	size_t shown; /* the view the source was pointed at */
	bool uncounted_open; /* Open has no count (a ticket view without its category) */
};

static void fake_show(void *arg, size_t view)
{
	((struct fake_pane *)arg)->shown = view;
}

static unsigned fake_count(void *arg, db_result_fn done, void *done_arg)
{
	struct fake_pane *st = arg;

	st->done = done;
	st->done_arg = done_arg;
	return (unsigned)++st->sent;
}

static void fake_counted(void *arg, const PGresult *res)
{
	struct fake_pane *st = arg;

	st->counted++;
	(void)snprintf(st->extra, sizeof st->extra, "%s", PQgetvalue(res, 0, NVIEWS));
}

static const char *fake_name(void *arg, size_t view, bool *counted)
{
	struct fake_pane *st = arg;

	if (view != 1 || !st->uncounted_open)
		return NULL;
	*counted = false;
	return "Open: web";
}

static const struct queue_strip_ops ops = {
	.names = names,
	.n = NVIEWS,
	.cap = CAP,
	.extra_cols = 1,
	.show = fake_show,
	.count = fake_count,
	.counted = fake_counted,
	.name = fake_name,
};

static size_t no_items(void *items)
{
	(void)items;
	return 0;
}

static const struct tui_array_ops array_ops = { .count = no_items };
static const struct tui_column cols[] = { { "Number", 10, 0, TUI_ALIGN_LEFT, 0 } };
static const struct tui_pane_ops pane_ops = { .kind = "test" };

struct fixture {
	struct tui_array_source src;
	struct tui_pane *pane;
	struct fake_pane st;
	struct queue_strip strip;
};

static int setup(void **state)
{
	static struct fixture fx;

	memset(&fx, 0, sizeof fx);
	fx.src = (struct tui_array_source){ &array_ops, NULL };
	fx.pane = tui_table_pane_new(tui_table_new(cols, 1, &tui_array_source_ops, &fx.src),
				     &pane_ops, &fx.st);
	queue_strip_init(&fx.strip, &ops, &fx.st, NULL, fx.pane, 1);
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	queue_strip_fini(&fx->strip);
	tui_pane_free(fx->pane);
	return 0;
}

/* One row of counts as the database answers: a column a view, then the extra. */
static PGresult *counts(const char *const *values, int ncols)
{
	PGresult *r = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	PGresAttDesc att[NVIEWS + 1];
	char colnames[NVIEWS + 1][16];

	memset(att, 0, sizeof att);
	for (int c = 0; c < ncols; c++) {
		(void)snprintf(colnames[c], sizeof colnames[c], "c%d", c);
		att[c].name = colnames[c];
		att[c].typid = 25; /* text */
		att[c].typlen = -1;
		att[c].atttypmod = -1;
	}
	assert_int_equal(PQsetResultAttrs(r, ncols, att), 1);
	for (int c = 0; c < ncols; c++)
		assert_int_equal(PQsetvalue(r, 0, c, (char *)(uintptr_t)values[c], (int)strlen(values[c])), 1);
	return r;
}

static void answer(struct fixture *fx, const char *const *values, int ncols)
{
	PGresult *r = counts(values, ncols);

	fx->st.done(r, NULL, fx->st.done_arg);
	PQclear(r);
}

static void text_is(const struct fixture *fx, size_t view, const char *want)
{
	char out[96];

	queue_strip_text(&fx->strip, view, out, sizeof out);
	assert_string_equal(out, want);
}

static void count_words(void **state)
{
	char out[64];

	(void)state;
	queue_strip_count_text("Breached", 12, CAP, out, sizeof out);
	assert_string_equal(out, "Breached 12");
	queue_strip_count_text("Open", 999, CAP, out, sizeof out);
	assert_string_equal(out, "Open 999");
	/* The database stops counting at the cap: more than it can say. */
	queue_strip_count_text("Open", CAP, CAP, out, sizeof out);
	assert_string_equal(out, "Open 999+");
	queue_strip_count_text("Due soon", -1, CAP, out, sizeof out);
	assert_string_equal(out, "Due soon");
	/* Cut to the room given, never past it. */
	queue_strip_count_text("Unassigned", 4, CAP, out, 5);
	assert_string_equal(out, "Unas");
}

static void steps_go_round(void **state)
{
	(void)state;
	assert_int_equal(queue_strip_next(0, 9, 1), 1);
	assert_int_equal(queue_strip_next(8, 9, 1), 0);
	assert_int_equal(queue_strip_next(0, 9, -1), 8);
	assert_int_equal(queue_strip_next(5, 6, -1), 4);
	assert_int_equal(queue_strip_next(2, 6, 6), 2);
	assert_int_equal(queue_strip_next(2, 6, -13), 1);
}

static void nothing_is_counted_before_the_tab_opens(void **state)
{
	struct fixture *fx = *state;

	text_is(fx, 0, "Mine");
	queue_strip_changed(&fx->strip); /* a NOTIFY for a tab never opened */
	queue_strip_focus(&fx->strip, false);
	assert_int_equal(fx->st.sent, 0);
	queue_strip_focus(&fx->strip, true);
	assert_int_equal(fx->st.sent, 1);
	/* Coming back to the tab is no reason to count again. */
	queue_strip_focus(&fx->strip, false);
	queue_strip_focus(&fx->strip, true);
	assert_int_equal(fx->st.sent, 1);
	answer(fx, (const char *const[]){ "4", "1000", "0", "x" }, NVIEWS + 1);
	text_is(fx, 0, "Mine 4");
	text_is(fx, 1, "Open 999+");
	text_is(fx, 2, "Closed 0");
	assert_int_equal(fx->st.counted, 1);
	assert_string_equal(fx->st.extra, "x");
}

static void a_change_while_counting_counts_again(void **state)
{
	struct fixture *fx = *state;

	queue_strip_focus(&fx->strip, true);
	queue_strip_changed(&fx->strip);
	queue_strip_load_counts(&fx->strip);
	assert_int_equal(fx->st.sent, 1);
	/* Counted before the change: not shown, and asked again. */
	answer(fx, (const char *const[]){ "1", "1", "1", "old" }, NVIEWS + 1);
	assert_int_equal(fx->st.sent, 2);
	assert_int_equal(fx->st.counted, 0);
	text_is(fx, 0, "Mine");
	answer(fx, (const char *const[]){ "2", "3", "5", "new" }, NVIEWS + 1);
	assert_int_equal(fx->st.sent, 2);
	text_is(fx, 2, "Closed 5");
	assert_string_equal(fx->st.extra, "new");
}

static void a_failure_keeps_the_last_counts(void **state)
{
	struct fixture *fx = *state;

	queue_strip_focus(&fx->strip, true);
	answer(fx, (const char *const[]){ "2", "3", "5", "a" }, NVIEWS + 1);
	queue_strip_load_counts(&fx->strip);
	fx->st.done(NULL, "server closed the connection", fx->st.done_arg);
	text_is(fx, 1, "Open 3");
	/* An answer of another shape (an older database) is no count either. */
	queue_strip_load_counts(&fx->strip);
	answer(fx, (const char *const[]){ "7", "7", "7" }, NVIEWS);
	text_is(fx, 1, "Open 3");
	assert_int_equal(fx->st.counted, 1);
}

static void a_view_may_go_uncounted(void **state)
{
	struct fixture *fx = *state;

	queue_strip_focus(&fx->strip, true);
	answer(fx, (const char *const[]){ "2", "3", "5", "a" }, NVIEWS + 1);
	fx->st.uncounted_open = true;
	text_is(fx, 1, "Open: web");
	text_is(fx, 2, "Closed 5");
}

static void showing_and_stepping(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(fx->strip.current, 1);
	queue_strip_step(&fx->strip, 1);
	assert_int_equal(fx->strip.current, 2);
	assert_int_equal(fx->st.shown, 2);
	queue_strip_step(&fx->strip, 1);
	assert_int_equal(fx->strip.current, 0);
	assert_int_equal(fx->st.shown, 0);
	queue_strip_step(&fx->strip, -1);
	assert_int_equal(fx->st.shown, 2);
	queue_strip_show(&fx->strip, 1);
	assert_int_equal(fx->st.shown, 1);
	assert_int_equal(fx->strip.current, 1);
	/* Showing a view is no reason to count. */
	assert_int_equal(fx->st.sent, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(count_words),
		cmocka_unit_test(steps_go_round),
		cmocka_unit_test_setup_teardown(nothing_is_counted_before_the_tab_opens, setup, teardown),
		cmocka_unit_test_setup_teardown(a_change_while_counting_counts_again, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failure_keeps_the_last_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(a_view_may_go_uncounted, setup, teardown),
		cmocka_unit_test_setup_teardown(showing_and_stepping, setup, teardown),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
