/* tui/table: the virtual table's window over a fake row source, synchronous and
 * asynchronous: paging asks for the right anchor, End asks for the last page,
 * memory stays flat over a million rows, stale answers are ignored, a refresh
 * keeps the selected key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "common/xalloc.h"
#include "tui/table.h"

/* The fake: rows are ids in ascending order, either 0..n-1 ("virtual", for the
 * million) or an explicit sorted array that a test may change. */
struct fake {
	long *ids;  /* NULL: virtual */
	size_t n;
	bool sync;
	/* the last fetch asked */
	int fetches;
	struct tui_fetch last;
	long last_anchor; /* -1: none */
	char *last_seek, *last_filter;
	unsigned long cancelled;
	struct tui_table *t;
	unsigned seen;   /* 1 << dir of every fetch since the test cleared it */
	long at_anchor;  /* the anchor of the last AT fetch */
	size_t first_shown; /* shown of the last FIRST fetch */
};

static long alive; /* rows (keys) the fake made and the table has not freed */
static long max_alive;
static char *last_message;
static bool last_message_error;
static int changes;

static long id_at(const struct fake *f, size_t pos)
{
	return f->ids != NULL ? f->ids[pos] : (long)pos;
}

/* The first position whose id is >= id (keyset "lower bound"). */
static size_t lower_bound(const struct fake *f, long id)
{
	size_t lo = 0, hi = f->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (id_at(f, mid) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct tui_row *make_row(long id)
{
	struct tui_row *r = tui_row_new(2);
	long *key = xmalloc(sizeof *key);

	*key = id;
	tui_row_take(r, 0, xasprintf("SO-%ld", id));
	tui_row_set(r, 1, "Şükrü Öztürk");
	tui_row_set_key(r, key);
	if (++alive > max_alive)
		max_alive = alive;
	return r;
}

static void free_key(void *k)
{
	alive--;
	free(k);
}

static bool same_key(const void *a, const void *b)
{
	return *(const long *)a == *(const long *)b;
}

/* Answers f->last (what the table asked) with the fake's rows now. */
static void answer_as(struct fake *f, const struct tui_fetch *q, long anchor, const char *seek)
{
	struct tui_row **rows = xcalloc(q->count + 1, sizeof *rows);
	size_t from = 0, to = 0, n = 0;
	bool end = false;

	switch (q->dir) {
	case TUI_FETCH_FIRST:
		from = 0;
		to = q->count < f->n ? q->count : f->n;
		end = to == f->n;
		break;
	case TUI_FETCH_LAST:
		to = f->n;
		from = f->n > q->count ? f->n - q->count : 0;
		end = from == 0;
		break;
	case TUI_FETCH_AFTER:
		from = lower_bound(f, anchor + 1);
		to = from + q->count < f->n ? from + q->count : f->n;
		end = to == f->n;
		break;
	case TUI_FETCH_BEFORE:
		to = lower_bound(f, anchor);
		from = to > q->count ? to - q->count : 0;
		end = from == 0;
		break;
	case TUI_FETCH_AT:
		from = lower_bound(f, anchor);
		to = from + q->count < f->n ? from + q->count : f->n;
		end = to == f->n;
		break;
	case TUI_FETCH_SEEK: {
		long want = strtol(seek, NULL, 10);

		if (strcmp(seek, "zzz") == 0) {
			from = to = f->n;
		} else {
			from = lower_bound(f, want);
			to = from + q->count < f->n ? from + q->count : f->n;
		}
		end = to == f->n;
		break;
	}
	}
	for (size_t i = from; i < to; i++)
		rows[n++] = make_row(id_at(f, i));
	tui_table_deliver(f->t, q->id, rows, n, end);
	free(rows);
}

static void answer(struct fake *f)
{
	answer_as(f, &f->last, f->last_anchor, f->last_seek);
}

static void fake_fetch(void *src, struct tui_table *t, const struct tui_fetch *q)
{
	struct fake *f = src;

	f->t = t;
	f->fetches++;
	f->last = *q;
	/* The anchor and the strings are only lent for this call. */
	f->last_anchor = q->anchor != NULL ? *(const long *)q->anchor : -1;
	f->seen |= 1u << q->dir;
	if (q->dir == TUI_FETCH_AT)
		f->at_anchor = f->last_anchor;
	if (q->dir == TUI_FETCH_FIRST)
		f->first_shown = q->shown;
	free(f->last_seek);
	free(f->last_filter);
	f->last_seek = q->seek != NULL ? xstrdup(q->seek) : NULL;
	f->last_filter = q->filter != NULL ? xstrdup(q->filter) : NULL;
	f->last.anchor = NULL;
	f->last.seek = f->last.filter = NULL;
	if (f->sync)
		answer(f);
}

static void fake_cancel(void *src, unsigned long id)
{
	((struct fake *)src)->cancelled = id;
}

static const struct tui_source_ops fake_ops = { fake_fetch, fake_cancel, same_key, free_key };

static const struct tui_column cols[] = {
	{ "Number", 10, 0, TUI_ALIGN_LEFT, TUI_COL_SORTABLE },
	{ "Customer", 10, 1, TUI_ALIGN_LEFT, TUI_COL_SORTABLE },
};

static void on_changed(void *arg)
{
	(void)arg;
	changes++;
}

static void on_message(void *arg, bool error, const char *text)
{
	(void)arg;
	free(last_message);
	last_message = xstrdup(text);
	last_message_error = error;
}

static struct tui_table *table_for(struct fake *f, int page)
{
	struct tui_table *t = tui_table_new(cols, 2, &fake_ops, f);
	struct tui_table_hooks h = { on_changed, on_message, NULL };

	alive = 0;
	f->t = t;
	f->last_anchor = -1;
	tui_table_set_hooks(t, &h);
	tui_table_set_page(t, page);
	return t;
}

static long selected(const struct tui_table *t)
{
	const long *k = tui_table_selected_key(t);

	return k != NULL ? *k : -1;
}

static long line_key(const struct tui_table *t, int line)
{
	const struct tui_row *r;
	bool sel;

	if (tui_table_line(t, line, &r, &sel) != TUI_LINE_ROW)
		return -1;
	return *(const long *)tui_row_key(r);
}

static void done(struct fake *f, struct tui_table *t)
{
	tui_table_free(t);
	free(f->last_seek);
	free(f->last_filter);
	free(f->ids);
	assert_int_equal(alive, 0);
	free(last_message);
	last_message = NULL;
}

static void starts_with_the_first_page(void **state)
{
	struct fake f = { .n = 1000, .sync = false };
	struct tui_table *t = table_for(&f, 10);
	const struct tui_row *r;
	bool sel;

	(void)state;
	assert_int_equal(f.fetches, 1);
	assert_int_equal(f.last.dir, TUI_FETCH_FIRST);
	assert_null(f.last.anchor);
	assert_true(f.last.count >= 10);
	/* A source that reads in pages may bring the screen's rows alone (this one
	 * brings them all: count). */
	assert_int_equal(f.last.shown, 10);
	/* While it is in flight the first line says "loading", the rest nothing. */
	assert_int_equal(tui_table_line(t, 0, &r, &sel), TUI_LINE_LOADING);
	assert_int_equal(tui_table_line(t, 1, &r, &sel), TUI_LINE_BLANK);
	assert_int_equal(tui_table_line(t, 9, &r, &sel), TUI_LINE_BLANK);
	assert_true(tui_table_loading(t));
	answer(&f);
	assert_false(tui_table_loading(t));
	assert_int_equal(selected(t), 0);
	assert_int_equal(line_key(t, 9), 9);
	assert_string_equal(tui_row_cell(tui_table_selected(t), 1), "Şükrü Öztürk");
	/* Two pages were fetched: no need for more yet. */
	assert_int_equal(f.fetches, 1);
	done(&f, t);
}

static void page_down_beyond_the_window_asks_for_the_next_page(void **state)
{
	struct fake f = { .n = 1000, .sync = false };
	struct tui_table *t = table_for(&f, 10);
	size_t first_count;

	(void)state;
	answer(&f);
	first_count = tui_table_window_len(t);
	assert_int_equal(first_count, f.last.count);
	/* One page down: less than a page left below the screen, so it reads ahead,
	 * after the last key it has. */
	assert_true(tui_table_page_down(t));
	assert_int_equal(selected(t), 10);
	assert_int_equal(f.fetches, 2);
	assert_int_equal(f.last.dir, TUI_FETCH_AFTER);
	assert_int_equal(f.last_anchor, (long)first_count - 1);
	/* Another page before the answer: the cursor goes into "loading" lines. */
	assert_true(tui_table_page_down(t));
	{
		const struct tui_row *r;
		bool sel;

		assert_int_equal(tui_table_line(t, 0, &r, &sel), TUI_LINE_LOADING);
		assert_true(sel);
		assert_null(tui_table_selected(t));
	}
	/* Not a second fetch while one is in flight. */
	assert_int_equal(f.fetches, 2);
	answer(&f);
	assert_int_equal(selected(t), 20);
	assert_int_equal(line_key(t, 0), 20);
	/* Arrow keys, j/k style, one line at a time. */
	assert_true(tui_table_down(t, 1));
	assert_int_equal(selected(t), 21);
	assert_true(tui_table_up(t, 2));
	assert_int_equal(selected(t), 19);
	done(&f, t);
}

static void typed_ahead_pages_are_not_lost(void **state)
{
	struct fake f = { .n = 100000, .sync = false };
	struct tui_table *t = table_for(&f, 10);
	int answers = 0;

	(void)state;
	answer(&f);
	/* Fifty PgDn in one burst, faster than the source answers. */
	for (int i = 0; i < 50; i++)
		(void)tui_table_page_down(t);
	while (tui_table_inflight(t) != 0 && answers < 1000) {
		answer(&f);
		answers++;
	}
	assert_int_equal(selected(t), 500);
	assert_int_equal(line_key(t, 0), 500);
	assert_true(tui_table_window_len(t) <= tui_table_window_cap(t));
	done(&f, t);
}

static void end_asks_for_the_last_page(void **state)
{
	struct fake f = { .n = 100000, .sync = false };
	struct tui_table *t = table_for(&f, 10);

	(void)state;
	answer(&f);
	assert_true(tui_table_end(t));
	assert_int_equal(f.last.dir, TUI_FETCH_LAST);
	assert_null(f.last.anchor);
	assert_int_equal(f.last.shown, 10);
	answer(&f);
	assert_int_equal(selected(t), 99999);
	assert_int_equal(line_key(t, 9), 99999);
	/* End again: already there, nothing asked. */
	{
		int before = f.fetches;

		assert_false(tui_table_end(t));
		assert_int_equal(f.fetches, before);
	}
	/* Up past the window asks for rows before its first key. */
	for (int i = 0; i < 3; i++)
		(void)tui_table_page_up(t);
	assert_int_equal(f.last.dir, TUI_FETCH_BEFORE);
	assert_int_equal(f.last_anchor, 100000 - (long)f.last.count);
	answer(&f);
	/* Three pages up, though the third was typed while the rows were loading. */
	assert_int_equal(selected(t), 99969);
	/* Home goes back to the start through a FIRST fetch. */
	assert_true(tui_table_home(t));
	assert_int_equal(f.last.dir, TUI_FETCH_FIRST);
	answer(&f);
	assert_int_equal(selected(t), 0);
	done(&f, t);
}

static void memory_stays_flat_over_a_million_rows(void **state)
{
	struct fake f = { .n = 1000000, .sync = true };
	struct tui_table *t;
	size_t max_window = 0;
	long pages = 0;

	(void)state;
	alive = max_alive = 0;
	t = table_for(&f, 18);
	while (selected(t) != 999999) {
		assert_true(tui_table_page_down(t));
		if (tui_table_window_len(t) > max_window)
			max_window = tui_table_window_len(t);
		pages++;
		assert_true(pages < 100000);
	}
	print_message("# paged 1,000,000 rows in %ld pages with %d fetches; window at most "
		      "%zu rows (cap %zu), rows alive at most %ld\n",
		      pages, f.fetches, max_window, tui_table_window_cap(t), max_alive);
	assert_true(max_window <= tui_table_window_cap(t));
	assert_true(max_alive <= (long)(tui_table_window_cap(t) + f.last.count));
	assert_true(tui_table_window_cap(t) < 500);
	/* And back up all the way, one page at a time, still flat. */
	for (int i = 0; i < 200; i++)
		(void)tui_table_page_up(t);
	assert_true(tui_table_window_len(t) <= tui_table_window_cap(t));
	assert_int_equal(selected(t), 999999 - 200 * 18);
	done(&f, t);
}

static void stale_answers_are_ignored(void **state)
{
	struct fake f = { .n = 500, .sync = false };
	struct tui_table *t = table_for(&f, 10);
	struct tui_fetch old = f.last;

	(void)state;
	/* A filter supersedes the first fetch before it was answered. */
	tui_table_set_filter(t, "late");
	assert_int_equal(f.cancelled, old.id);
	assert_int_equal(f.fetches, 2);
	assert_string_equal(f.last_filter, "late");
	assert_int_equal(f.last.dir, TUI_FETCH_FIRST);
	/* The old answer arrives: thrown away (its rows freed), nothing shown. */
	answer_as(&f, &old, -1, NULL);
	assert_int_equal(tui_table_window_len(t), 0);
	assert_int_equal(alive, 0);
	assert_true(tui_table_loading(t));
	answer(&f);
	assert_int_equal(selected(t), 0);
	assert_string_equal(tui_table_filter(t), "late");
	/* An answer to an id never asked, and a second answer to the same id. */
	answer(&f);
	{
		struct tui_fetch bogus = f.last;

		bogus.id = 9999;
		answer_as(&f, &bogus, -1, NULL);
	}
	assert_int_equal(alive, (long)tui_table_window_len(t));
	/* A failure for an old id is ignored too. */
	tui_table_fail(t, old.id, "gone");
	assert_null(tui_table_error(t));
	/* Clearing the filter starts over without it. */
	tui_table_set_filter(t, "");
	assert_null(f.last_filter);
	assert_null(tui_table_filter(t));
	done(&f, t);
}

static void refresh_keeps_the_selected_key(void **state)
{
	struct fake f = { .n = 0, .sync = true };
	struct tui_table *t;

	(void)state;
	f.n = 300;
	f.ids = xcalloc(f.n + 10, sizeof *f.ids);
	for (size_t i = 0; i < f.n; i++)
		f.ids[i] = (long)(i + 1) * 10;
	t = table_for(&f, 10);
	assert_true(tui_table_down(t, 5));
	assert_int_equal(selected(t), 60);
	/* Three new rows at the top (newest first): the cursor stays on the same row
	 * and the same screen line. */
	memmove(f.ids + 3, f.ids, f.n * sizeof *f.ids);
	f.ids[0] = 1;
	f.ids[1] = 2;
	f.ids[2] = 3;
	f.n += 3;
	f.seen = 0;
	tui_table_refresh(t);
	/* From the very top, so the new rows show up (a read-ahead may follow); the
	 * whole window, so not the screen's rows alone. */
	assert_true(f.seen & (1u << TUI_FETCH_FIRST));
	assert_int_equal(f.first_shown, 0);
	assert_false(f.seen & (1u << TUI_FETCH_AT));
	assert_int_equal(selected(t), 60);
	assert_int_equal(line_key(t, 5), 60);
	/* Further down the list the refresh starts at the first visible key. */
	for (int i = 0; i < 5; i++)
		(void)tui_table_page_down(t);
	{
		long first = line_key(t, 0), sel = selected(t), line = 0;

		for (int i = 0; i < 10; i++)
			if (line_key(t, i) == sel)
				line = i;
		f.seen = 0;
		tui_table_refresh(t);
		assert_true(f.seen & (1u << TUI_FETCH_AT));
		assert_int_equal(f.at_anchor, first);
		assert_int_equal(selected(t), sel);
		assert_int_equal(line_key(t, (int)line), sel);
		/* The selected row is deleted: the cursor stays on the same line. */
		{
			size_t pos = lower_bound(&f, sel);

			memmove(f.ids + pos, f.ids + pos + 1, (f.n - pos - 1) * sizeof *f.ids);
			f.n--;
		}
		tui_table_refresh(t);
		assert_int_equal(line_key(t, (int)line), selected(t));
		assert_true(selected(t) != sel);
	}
	done(&f, t);
}

static void find_seeks_through_the_source(void **state)
{
	struct fake f = { .n = 1000, .sync = false };
	struct tui_table *t = table_for(&f, 10);

	(void)state;
	answer(&f);
	tui_table_seek(t, "500");
	assert_int_equal(f.last.dir, TUI_FETCH_SEEK);
	assert_string_equal(f.last_seek, "500");
	/* The old rows stay on screen until the answer comes. */
	assert_int_equal(selected(t), 0);
	answer(&f);
	assert_int_equal(selected(t), 500);
	/* Nothing found: a message, and the list stays where it was. */
	tui_table_seek(t, "zzz");
	answer(&f);
	assert_int_equal(selected(t), 500);
	assert_non_null(last_message);
	assert_string_equal(last_message, "not found: zzz");
	assert_false(last_message_error);
	done(&f, t);
}

static void sort_passes_column_and_direction(void **state)
{
	struct fake f = { .n = 1000, .sync = true };
	struct tui_table *t = table_for(&f, 10);
	bool desc;

	(void)state;
	assert_int_equal(tui_table_sort_col(t, &desc), -1);
	assert_true(tui_table_sort_next(t));
	assert_int_equal(f.last.sort_col, 0);
	assert_false(f.last.sort_desc);
	assert_int_equal(f.last.dir, TUI_FETCH_FIRST);
	tui_table_sort_reverse(t);
	assert_int_equal(f.last.sort_col, 0);
	assert_true(f.last.sort_desc);
	assert_true(tui_table_sort_next(t));
	assert_int_equal(f.last.sort_col, 1);
	assert_true(tui_table_sort_next(t));
	assert_int_equal(f.last.sort_col, -1);
	done(&f, t);
}

static void failures_show_and_retry(void **state)
{
	struct fake f = { .n = 50, .sync = false };
	struct tui_table *t = table_for(&f, 10);
	const struct tui_row *r;
	bool sel;

	(void)state;
	tui_table_fail(t, f.last.id, "connection lost");
	assert_string_equal(tui_table_error(t), "connection lost");
	assert_true(last_message_error);
	assert_int_equal(tui_table_line(t, 0, &r, &sel), TUI_LINE_ERROR);
	/* No retry storm: moving does not fetch again... */
	(void)tui_table_down(t, 1);
	assert_int_equal(f.fetches, 1);
	/* ...a refresh does. */
	tui_table_refresh(t);
	assert_int_equal(f.fetches, 2);
	assert_null(tui_table_error(t));
	answer(&f);
	assert_int_equal(selected(t), 0);
	/* The short list ends: moving past the end stays on the last row. */
	assert_true(tui_table_end(t));
	answer(&f);
	assert_int_equal(selected(t), 49);
	assert_false(tui_table_down(t, 1));
	done(&f, t);
}

static void empty_list_says_so(void **state)
{
	struct fake f = { .n = 0, .sync = true };
	struct tui_table *t = table_for(&f, 10);
	const struct tui_row *r;
	bool sel;

	(void)state;
	assert_int_equal(tui_table_line(t, 0, &r, &sel), TUI_LINE_EMPTY);
	assert_null(tui_table_selected(t));
	assert_false(tui_table_down(t, 1));
	assert_false(tui_table_page_down(t));
	done(&f, t);
}

static void columns_share_the_width(void **state)
{
	static const struct tui_column c[] = {
		{ "A", 10, 0, TUI_ALIGN_LEFT, 0 },
		{ "B", 10, 2, TUI_ALIGN_LEFT, 0 },
		{ "C", 8, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
		{ "D", 6, 1, TUI_ALIGN_LEFT, 0 },
	};
	int w[4];

	(void)state;
	/* 10 + 10 + 8 + 6 + 3 separators = 37; 80 leaves 43 for B and D, 2:1. */
	tui_columns_layout(c, 4, 80, w);
	assert_int_equal(w[0], 10);
	assert_int_equal(w[2], 8);
	assert_int_equal(w[1] + w[3] + 10 + 8 + 3, 80);
	assert_int_equal(w[1], 10 + 28);
	/* Narrow: the optional column goes first. */
	tui_columns_layout(c, 4, 30, w);
	assert_int_equal(w[2], 0);
	assert_int_equal(w[0] + w[1] + w[3] + 2, 30);
	/* Narrower still: cut from the right. */
	tui_columns_layout(c, 4, 15, w);
	assert_int_equal(w[0], 10);
	assert_true(w[0] + w[1] + w[3] + (w[1] > 0) + (w[3] > 0) <= 15);
}

/* A column too wide for the screen is not asked for; when the screen widens to
 * show it, the rows fetched without it come again, with it; narrowing asks
 * nothing. */
static void hidden_columns_are_not_asked_for(void **state)
{
	static const struct tui_column c3[] = {
		{ "Number", 10, 0, TUI_ALIGN_LEFT, 0 },
		{ "Customer", 10, 1, TUI_ALIGN_LEFT, 0 },
		{ "Parcel", 10, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL | TUI_COL_LAZY },
		{ "Note", 30, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
	};
	struct fake f = { .n = 1000, .sync = false };
	struct tui_table *t = tui_table_new(c3, 4, &fake_ops, &f);
	struct tui_table_hooks h = { on_changed, on_message, NULL };
	int fetches;

	(void)state;
	alive = 0;
	f.t = t;
	f.last_anchor = -1;
	tui_table_set_hooks(t, &h);
	/* 10 + 10 + 10 and two separators need 32 cells: at 25 the parcel goes (and the
	 * note, which is not lazy: its cells come anyway, and it is never left out). */
	tui_table_set_width(t, 25);
	tui_table_set_page(t, 10);
	assert_int_equal(f.fetches, 1);
	assert_int_equal(f.last.hidden, 1UL << 2);
	answer(&f);
	(void)tui_table_down(t, 3);
	assert_int_equal(selected(t), 3);
	/* Paging on keeps leaving it out. */
	for (int i = 0; i < 3; i++)
		(void)tui_table_page_down(t);
	assert_true(f.fetches > 1);
	assert_int_equal(f.last.hidden, 1UL << 2);
	while (tui_table_inflight(t) != 0)
		answer(&f);
	/* Wider: the rows on screen again, every column asked for, the cursor kept. */
	{
		long sel = selected(t);

		fetches = f.fetches;
		tui_table_set_width(t, 40);
		assert_int_equal(f.fetches, fetches + 1);
		assert_int_equal(f.last.hidden, 0);
		assert_true(f.last.dir == TUI_FETCH_AT || f.last.dir == TUI_FETCH_FIRST);
		answer(&f);
		assert_int_equal(selected(t), sel);
	}
	/* Narrower again: what is there has the column; nothing is asked.  Nor for
	 * the note coming into view, which is not lazy. */
	fetches = f.fetches;
	tui_table_set_width(t, 25);
	assert_int_equal(f.fetches, fetches);
	tui_table_set_width(t, 80);
	assert_int_equal(f.fetches, fetches);
	tui_table_set_width(t, 25);
	/* Widened while a page is on its way without it: asked again once it comes. */
	f.seen = 0;
	(void)tui_table_end(t);
	assert_int_equal(f.last.hidden, 1UL << 2);
	fetches = f.fetches;
	tui_table_set_width(t, 40);
	assert_int_equal(f.fetches, fetches);
	answer(&f);
	assert_int_equal(f.fetches, fetches + 1);
	assert_int_equal(f.last.hidden, 0);
	/* And it settles: what follows (a read-ahead) has every column too. */
	for (int i = 0; i < 10 && tui_table_inflight(t) != 0; i++) {
		answer(&f);
		assert_int_equal(f.last.hidden, 0);
	}
	assert_int_equal(tui_table_inflight(t), 0);
	done(&f, t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(starts_with_the_first_page),
		cmocka_unit_test(page_down_beyond_the_window_asks_for_the_next_page),
		cmocka_unit_test(typed_ahead_pages_are_not_lost),
		cmocka_unit_test(end_asks_for_the_last_page),
		cmocka_unit_test(memory_stays_flat_over_a_million_rows),
		cmocka_unit_test(stale_answers_are_ignored),
		cmocka_unit_test(refresh_keeps_the_selected_key),
		cmocka_unit_test(find_seeks_through_the_source),
		cmocka_unit_test(sort_passes_column_and_direction),
		cmocka_unit_test(failures_show_and_retry),
		cmocka_unit_test(empty_list_says_so),
		cmocka_unit_test(columns_share_the_width),
		cmocka_unit_test(hidden_columns_are_not_asked_for),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
