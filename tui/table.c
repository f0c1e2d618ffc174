#include "tui/table.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"

/* Why a fetch was made decides where the cursor lands when it is answered. */
enum purpose { P_EXTEND, P_START, P_END, P_REFRESH, P_SEEK };

struct tui_table {
	const struct tui_column *cols;
	size_t ncols;
	const struct tui_source_ops *ops;
	void *src;
	struct tui_table_hooks hooks;

	/* The window: rows[0..n) in display order.  top and sel are indexes into it
	 * that may leave it by up to a page while a fetch that will fill the gap is
	 * in flight (those lines show "loading"). */
	struct tui_row **rows;
	size_t n, alloc;
	bool at_top, at_bottom; /* the window holds the first / the last row */
	long top, sel;
	int page;
	size_t fetch_count, cap;

	unsigned long next_id, inflight;
	enum tui_fetch_dir dir;
	enum purpose purpose;
	long keep_line;   /* P_REFRESH: the screen line the cursor was on */
	/* Lines the user moved (down > 0, up < 0) beyond what a fetch in flight
	 * will bring: paid as rows arrive, so typed-ahead PgDn are not lost. */
	long debt;
	bool started;

	char *filter;
	int sort_col;
	bool sort_desc;
	char *seek;
	char *error;

	int depth;        /* re-entrancy: a source may answer from inside fetch() */
	bool changed;

	/* Columns off screen (struct tui_fetch's hidden): now, for the fetch in
	 * flight, and for any row in the window. */
	unsigned long hidden, fetch_hidden, window_hidden;
};

static void free_row(struct tui_table *t, struct tui_row *r)
{
	tui_row_free(r, t->ops->free_key);
}

static void mark(struct tui_table *t)
{
	t->changed = true;
}

struct tui_table *tui_table_new(const struct tui_column *cols, size_t ncols,
				const struct tui_source_ops *ops, void *src)
{
	struct tui_table *t = xcalloc(1, sizeof *t);

	t->cols = cols;
	t->ncols = ncols;
	t->ops = ops;
	t->src = src;
	t->sort_col = -1;
	t->at_top = true;
	t->next_id = 1;
	tui_table_set_page(t, 0);
	return t;
}

static void clear_window(struct tui_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free_row(t, t->rows[i]);
	t->n = 0;
}

static void cancel_inflight(struct tui_table *t)
{
	if (t->inflight != 0 && t->ops->cancel != NULL)
		t->ops->cancel(t->src, t->inflight);
	t->inflight = 0;
}

void tui_table_free(struct tui_table *t)
{
	if (t == NULL)
		return;
	cancel_inflight(t);
	clear_window(t);
	free(t->rows);
	free(t->filter);
	free(t->seek);
	free(t->error);
	free(t);
}

void tui_table_set_hooks(struct tui_table *t, const struct tui_table_hooks *h)
{
	t->hooks = *h;
}

static void fetch(struct tui_table *t, enum tui_fetch_dir dir, enum purpose purpose,
		  const void *anchor, size_t count)
{
	struct tui_fetch f;

	cancel_inflight(t);
	free(t->error);
	t->error = NULL;
	memset(&f, 0, sizeof f);
	f.id = t->next_id++;
	f.dir = dir;
	f.anchor = anchor;
	f.count = count;
	f.seek = t->seek;
	f.filter = t->filter;
	f.sort_col = t->sort_col;
	f.sort_desc = t->sort_desc;
	f.hidden = t->hidden;
	/* Less for the server before the first screen; a refresh keeps its whole
	 * window, so it asks for all of it. */
	if ((purpose == P_START || purpose == P_END) && t->page > 0 && (size_t)t->page < count)
		f.shown = (size_t)t->page;
	t->fetch_hidden = t->hidden;
	t->inflight = f.id;
	t->dir = dir;
	t->purpose = purpose;
	if (purpose != P_EXTEND)
		t->debt = 0;
	mark(t);
	t->ops->fetch(t->src, t, &f);
}

/* Keeps the cursor and the view inside what is known, and the screen full. */
static void clamp(struct tui_table *t)
{
	long n = (long)t->n, page = t->page > 0 ? t->page : 1;
	long lo = t->at_top ? 0 : -page;
	long hi = t->at_bottom ? n - 1 : n - 1 + page;

	if (n == 0) {
		t->sel = t->top = 0;
		return;
	}
	if (t->sel < lo)
		t->sel = lo;
	if (t->sel > hi)
		t->sel = hi;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + page)
		t->top = t->sel - page + 1;
	/* At the end of the list: no blank lines below while rows exist above. */
	if (t->at_bottom && t->top + page > n)
		t->top = n - page;
	if (t->at_top && t->top < 0)
		t->top = 0;
	if (t->sel < t->top)
		t->sel = t->top;
}

/* Moves the cursor and the view; whatever goes more than a page into rows not
 * loaded yet is kept as debt instead of being dropped. */
static void shift(struct tui_table *t, long dsel, long dtop)
{
	long n = (long)t->n, page = t->page > 0 ? t->page : 1, over;

	t->sel += dsel;
	t->top += dtop;
	if (n > 0 && !t->at_bottom && t->sel > n - 1 + page) {
		over = t->sel - (n - 1 + page);
		t->debt += over;
		t->sel -= over;
		t->top -= over;
	}
	if (n > 0 && !t->at_top && t->sel < -page) {
		over = -page - t->sel;
		t->debt -= over;
		t->sel += over;
		t->top += over;
	}
	clamp(t);
}

static void pay_debt(struct tui_table *t)
{
	long d = t->debt;

	t->debt = 0;
	if (d != 0)
		shift(t, d, d);
}

/* Starts the one fetch the view needs next, if any; true when it started one. */
static bool want_more(struct tui_table *t)
{
	long n = (long)t->n, page = t->page;

	if (!t->started || t->inflight != 0 || page <= 0 || t->error != NULL)
		return false;
	if (n == 0) {
		if (t->at_top && t->at_bottom)
			return false;
		fetch(t, TUI_FETCH_FIRST, P_START, NULL, t->fetch_count);
		return true;
	}
	/* Less than a page left below (or above) the screen: fetch ahead. */
	if (!t->at_bottom && (t->top + 2 * page > n || t->sel >= n)) {
		fetch(t, TUI_FETCH_AFTER, P_EXTEND, tui_row_key(t->rows[n - 1]), t->fetch_count);
		return true;
	}
	if (!t->at_top && (t->top - page < 0 || t->sel < 0)) {
		fetch(t, TUI_FETCH_BEFORE, P_EXTEND, tui_row_key(t->rows[0]), t->fetch_count);
		return true;
	}
	return false;
}

static void enter(struct tui_table *t)
{
	t->depth++;
}

static void leave(struct tui_table *t)
{
	if (t->depth > 1) {
		t->depth--;
		return;
	}
	/* Synchronous sources answer inside fetch(): keep going while they do, but a
	 * source that never says "end" cannot keep us here for ever. */
	for (int guard = 0; guard < 64; guard++)
		if (!want_more(t) || t->inflight != 0)
			break;
	t->depth--;
	if (t->changed) {
		t->changed = false;
		if (t->hooks.changed != NULL)
			t->hooks.changed(t->hooks.arg);
	}
}

void tui_table_set_page(struct tui_table *t, int rows)
{
	enter(t);
	t->page = rows > 0 ? rows : 0;
	t->fetch_count = (size_t)(rows * 2 > 16 ? rows * 2 : 16);
	t->cap = t->fetch_count * 3;
	clamp(t);
	mark(t);
	if (rows > 0)
		t->started = true;
	leave(t);
}

void tui_table_start(struct tui_table *t)
{
	enter(t);
	t->started = true;
	leave(t);
}

static void window_reserve(struct tui_table *t, size_t need)
{
	t->rows = xgrow(t->rows, &t->alloc, need, sizeof *t->rows);
}

/* Drops rows above the screen once the window is over its cap. */
static void trim_top(struct tui_table *t)
{
	size_t d;

	if (t->n <= t->cap)
		return;
	d = t->n - t->cap;
	if ((long)d > t->top)
		d = t->top > 0 ? (size_t)t->top : 0;
	if (d == 0)
		return;
	for (size_t i = 0; i < d; i++)
		free_row(t, t->rows[i]);
	memmove(t->rows, t->rows + d, (t->n - d) * sizeof *t->rows);
	t->n -= d;
	t->top -= (long)d;
	t->sel -= (long)d;
	t->at_top = false;
}

static void trim_bottom(struct tui_table *t)
{
	long keep = t->top + t->page;
	size_t d;

	if (t->sel + 1 > keep)
		keep = t->sel + 1;
	if (t->n <= t->cap || keep >= (long)t->n)
		return;
	d = t->n - t->cap;
	if ((long)(t->n - d) < keep)
		d = t->n - (size_t)keep;
	for (size_t i = t->n - d; i < t->n; i++)
		free_row(t, t->rows[i]);
	t->n -= d;
	if (d > 0)
		t->at_bottom = false;
}

static long find_key(struct tui_table *t, struct tui_row **rows, size_t n, const void *key)
{
	if (key == NULL || t->ops->same_key == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (t->ops->same_key(tui_row_key(rows[i]), key))
			return (long)i;
	return -1;
}

static void replace_window(struct tui_table *t, struct tui_row **rows, size_t n,
			   bool reached_end)
{
	long page = t->page > 0 ? t->page : 1;
	long found = -1;
	long old_line = t->sel - t->top;

	if (t->purpose == P_REFRESH && t->sel >= 0 && t->sel < (long)t->n)
		found = find_key(t, rows, n, tui_row_key(t->rows[t->sel]));
	clear_window(t);
	window_reserve(t, n);
	if (n > 0) /* an empty answer may come with no array at all */
		memcpy(t->rows, rows, n * sizeof *rows);
	t->n = n;
	t->window_hidden = t->fetch_hidden;
	switch (t->dir) {
	case TUI_FETCH_FIRST:
		t->at_top = true;
		t->at_bottom = reached_end;
		break;
	case TUI_FETCH_LAST:
		t->at_top = reached_end;
		t->at_bottom = true;
		break;
	case TUI_FETCH_AT:
	case TUI_FETCH_SEEK:
	case TUI_FETCH_AFTER:
	case TUI_FETCH_BEFORE:
	default:
		t->at_top = false;
		t->at_bottom = reached_end;
		break;
	}
	switch (t->purpose) {
	case P_END:
		t->sel = (long)n - 1;
		t->top = (long)n - page;
		break;
	case P_REFRESH:
		/* Same row on the same screen line; else the same line. */
		if (found >= 0) {
			t->sel = found;
			t->top = found - old_line;
		} else {
			t->top = t->dir == TUI_FETCH_AT ? 0 : t->keep_line;
			t->sel = t->top + old_line;
		}
		break;
	case P_START:
	case P_SEEK:
	case P_EXTEND:
	default:
		t->sel = t->top = 0;
		break;
	}
}

/* A lazy column shows over rows fetched without it: they have nothing to show in
 * it, and are fetched again. */
static bool lazy_missing(const struct tui_table *t)
{
	return (t->window_hidden & ~t->hidden) != 0 && t->n > 0;
}

void tui_table_deliver(struct tui_table *t, unsigned long id, struct tui_row **rows, size_t n,
		       bool reached_end)
{
	if (id == 0 || id != t->inflight) {
		for (size_t i = 0; i < n; i++)
			free_row(t, rows[i]);
		return;
	}
	enter(t);
	t->inflight = 0;
	mark(t);
	/* An empty page can only mean the end, whatever the source says. */
	if (n == 0)
		reached_end = true;
	if (t->dir == TUI_FETCH_AFTER || t->dir == TUI_FETCH_BEFORE)
		t->window_hidden |= t->fetch_hidden;
	switch (t->dir) {
	case TUI_FETCH_AFTER:
		window_reserve(t, t->n + n);
		if (n > 0)
			memcpy(t->rows + t->n, rows, n * sizeof *rows);
		t->n += n;
		t->at_bottom = reached_end;
		clamp(t);
		if (t->debt > 0)
			pay_debt(t);
		trim_top(t);
		break;
	case TUI_FETCH_BEFORE:
		window_reserve(t, t->n + n);
		if (n > 0) {
			memmove(t->rows + n, t->rows, t->n * sizeof *t->rows);
			memcpy(t->rows, rows, n * sizeof *rows);
		}
		t->n += n;
		t->top += (long)n;
		t->sel += (long)n;
		t->at_top = reached_end;
		clamp(t);
		if (t->debt < 0)
			pay_debt(t);
		trim_bottom(t);
		break;
	case TUI_FETCH_SEEK:
		if (n == 0) {
			if (t->hooks.message != NULL) {
				char *msg = xasprintf(_("not found: %s"), t->seek != NULL ? t->seek : "");

				t->hooks.message(t->hooks.arg, false, msg);
				free(msg);
			}
			break;
		}
		replace_window(t, rows, n, reached_end);
		break;
	case TUI_FETCH_FIRST:
	case TUI_FETCH_LAST:
	case TUI_FETCH_AT:
	default:
		replace_window(t, rows, n, reached_end);
		break;
	}
	clamp(t);
	/* The screen widened while this was on its way. */
	if (lazy_missing(t))
		tui_table_refresh(t);
	leave(t);
}

void tui_table_set_width(struct tui_table *t, int width)
{
	int *w = xcalloc(t->ncols + 1, sizeof *w);
	unsigned long hidden = 0;

	tui_columns_layout(t->cols, t->ncols, width, w);
	for (size_t i = 0; i < t->ncols && i < sizeof hidden * 8; i++)
		if (w[i] <= 0 && (t->cols[i].flags & TUI_COL_LAZY))
			hidden |= 1UL << i;
	free(w);
	t->hidden = hidden;
	/* One in flight is looked at when it comes. */
	if (lazy_missing(t) && t->inflight == 0)
		tui_table_refresh(t);
}

void tui_table_fail(struct tui_table *t, unsigned long id, const char *message)
{
	if (id == 0 || id != t->inflight)
		return;
	enter(t);
	t->inflight = 0;
	free(t->error);
	t->error = xstrdup(message != NULL ? message : _("cannot load the list"));
	if (t->hooks.message != NULL)
		t->hooks.message(t->hooks.arg, true, t->error);
	clamp(t);
	mark(t);
	leave(t);
}

static bool moved(struct tui_table *t, long sel, long top)
{
	clamp(t);
	if (t->sel != sel || t->top != top) {
		mark(t);
		return true;
	}
	return false;
}

bool tui_table_down(struct tui_table *t, int k)
{
	long sel = t->sel, top = t->top;
	bool r;

	enter(t);
	shift(t, k, 0);
	r = moved(t, sel, top);
	leave(t);
	return r;
}

bool tui_table_up(struct tui_table *t, int k)
{
	return tui_table_down(t, -k);
}

static bool page_move(struct tui_table *t, long d)
{
	long sel = t->sel, top = t->top;
	bool r;

	enter(t);
	shift(t, d, d);
	r = moved(t, sel, top);
	leave(t);
	return r;
}

bool tui_table_page_down(struct tui_table *t)
{
	return page_move(t, t->page > 1 ? t->page : 1);
}

bool tui_table_page_up(struct tui_table *t)
{
	return page_move(t, -(t->page > 1 ? t->page : 1));
}

static void restart(struct tui_table *t, enum tui_fetch_dir dir, enum purpose p)
{
	clear_window(t);
	t->sel = t->top = 0;
	t->at_top = dir == TUI_FETCH_FIRST;
	t->at_bottom = dir == TUI_FETCH_LAST;
	t->started = true;
	fetch(t, dir, p, NULL, t->fetch_count);
}

bool tui_table_home(struct tui_table *t)
{
	long sel = t->sel, top = t->top;
	bool r = true;

	enter(t);
	if (t->at_top && t->n > 0) {
		t->sel = t->top = 0;
		r = moved(t, sel, top);
	} else {
		restart(t, TUI_FETCH_FIRST, P_START);
	}
	leave(t);
	return r;
}

bool tui_table_end(struct tui_table *t)
{
	long sel = t->sel, top = t->top;
	bool r = true;

	enter(t);
	if (t->at_bottom && t->n > 0) {
		t->sel = (long)t->n - 1;
		r = moved(t, sel, top);
	} else {
		restart(t, TUI_FETCH_LAST, P_END);
	}
	leave(t);
	return r;
}

bool tui_table_select_line(struct tui_table *t, int line)
{
	long idx = t->top + line, sel = t->sel, top = t->top;
	bool r = false;

	if (idx < 0 || idx >= (long)t->n || line < 0 || line >= t->page)
		return false;
	enter(t);
	t->sel = idx;
	r = moved(t, sel, top);
	leave(t);
	return r;
}

void tui_table_refresh(struct tui_table *t)
{
	long first;

	enter(t);
	free(t->error);
	t->error = NULL;
	t->started = true;
	first = t->top < 0 ? 0 : t->top;
	if (t->n == 0) {
		restart(t, TUI_FETCH_FIRST, P_START);
	} else if (t->at_top) {
		/* From the very first row: a row new at the top shows up. */
		t->keep_line = t->top;
		fetch(t, TUI_FETCH_FIRST, P_REFRESH, NULL,
		      (size_t)(first + t->page) > t->fetch_count ? (size_t)(first + t->page)
								 : t->fetch_count);
	} else {
		t->keep_line = 0;
		fetch(t, TUI_FETCH_AT, P_REFRESH, tui_row_key(t->rows[first]), t->fetch_count);
	}
	leave(t);
}

void tui_table_seek(struct tui_table *t, const char *text)
{
	if (text == NULL || text[0] == '\0')
		return;
	enter(t);
	free(t->seek);
	t->seek = xstrdup(text);
	t->started = true;
	fetch(t, TUI_FETCH_SEEK, P_SEEK, NULL, t->fetch_count);
	leave(t);
}

void tui_table_reload(struct tui_table *t)
{
	enter(t);
	free(t->error);
	t->error = NULL;
	restart(t, TUI_FETCH_FIRST, P_START);
	leave(t);
}

void tui_table_set_filter(struct tui_table *t, const char *filter)
{
	enter(t);
	free(t->filter);
	t->filter = filter != NULL && filter[0] != '\0' ? xstrdup(filter) : NULL;
	restart(t, TUI_FETCH_FIRST, P_START);
	leave(t);
}

void tui_table_set_sort(struct tui_table *t, int col, bool desc)
{
	enter(t);
	t->sort_col = col >= 0 && (size_t)col < t->ncols ? col : -1;
	t->sort_desc = desc;
	restart(t, TUI_FETCH_FIRST, P_START);
	leave(t);
}

bool tui_table_sort_next(struct tui_table *t)
{
	bool any = false;

	for (size_t i = 0; i < t->ncols; i++)
		if (t->cols[i].flags & TUI_COL_SORTABLE)
			any = true;
	if (!any)
		return false;
	for (size_t i = (size_t)(t->sort_col + 1); i < t->ncols; i++)
		if (t->cols[i].flags & TUI_COL_SORTABLE) {
			tui_table_set_sort(t, (int)i, false);
			return true;
		}
	tui_table_set_sort(t, -1, false);
	return true;
}

void tui_table_sort_reverse(struct tui_table *t)
{
	tui_table_set_sort(t, t->sort_col, !t->sort_desc);
}

const char *tui_table_filter(const struct tui_table *t)
{
	return t->filter;
}

int tui_table_sort_col(const struct tui_table *t, bool *desc)
{
	if (desc != NULL)
		*desc = t->sort_desc;
	return t->sort_col;
}

const struct tui_row *tui_table_selected(const struct tui_table *t)
{
	if (t->sel < 0 || t->sel >= (long)t->n)
		return NULL;
	return t->rows[t->sel];
}

const void *tui_table_selected_key(const struct tui_table *t)
{
	const struct tui_row *r = tui_table_selected(t);

	return r != NULL ? tui_row_key(r) : NULL;
}

const struct tui_column *tui_table_columns(const struct tui_table *t, size_t *n)
{
	*n = t->ncols;
	return t->cols;
}

enum tui_line_kind tui_table_line(const struct tui_table *t, int i, const struct tui_row **row,
				  bool *selected)
{
	long idx = t->top + i, n = (long)t->n;
	bool edge;

	*row = NULL;
	*selected = idx == t->sel;
	if (i < 0 || i >= t->page)
		return TUI_LINE_BLANK;
	if (idx >= 0 && idx < n) {
		*row = t->rows[idx];
		return TUI_LINE_ROW;
	}
	/* What is on its way, or why it did not come, is said once where the rows
	 * stop (and "loading" under the cursor), not down every empty line. */
	edge = idx == n || (n == 0 && i == 0) || idx == -1;
	if (t->inflight != 0)
		return edge || idx == t->sel ? TUI_LINE_LOADING : TUI_LINE_BLANK;
	if (t->error != NULL)
		return edge ? TUI_LINE_ERROR : TUI_LINE_BLANK;
	if (n == 0 && i == 0 && t->started)
		return TUI_LINE_EMPTY;
	return TUI_LINE_BLANK;
}

const char *tui_table_error(const struct tui_table *t)
{
	return t->error;
}

bool tui_table_loading(const struct tui_table *t)
{
	return t->inflight != 0;
}

size_t tui_table_window_len(const struct tui_table *t)
{
	return t->n;
}

size_t tui_table_window_cap(const struct tui_table *t)
{
	return t->cap;
}

unsigned long tui_table_inflight(const struct tui_table *t)
{
	return t->inflight;
}
