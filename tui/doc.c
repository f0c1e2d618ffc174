#include "tui/doc.h"

#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "tui/draw.h"
#include "tui/utf8.h"

#define LABEL_CELLS 18

struct seg {
	char *text;
	int width;
	enum tui_align align;
	enum tui_role role;
};

struct line {
	struct seg *segs;
	size_t n;
};

struct tui_doc {
	struct line *lines;
	size_t n, cap;
};

struct doc_pane {
	struct tui_doc *doc;
	struct tui_pane *pane;
	const struct tui_pane_ops *view; /* to know whether it opens anything */
	size_t top;
	int height, width; /* as last drawn (0: not yet) */
};

struct tui_doc *tui_doc_new(void)
{
	return xcalloc(1, sizeof(struct tui_doc));
}

void tui_doc_clear(struct tui_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		for (size_t j = 0; j < d->lines[i].n; j++)
			free(d->lines[i].segs[j].text);
		free(d->lines[i].segs);
	}
	d->n = 0;
}

void tui_doc_free(struct tui_doc *d)
{
	if (d == NULL)
		return;
	tui_doc_clear(d);
	free(d->lines);
	free(d);
}

size_t tui_doc_len(const struct tui_doc *d)
{
	return d->n;
}

void tui_doc_cells(struct tui_doc *d, const struct tui_doc_cell *cells, size_t n)
{
	struct line *l;

	d->lines = xgrow(d->lines, &d->cap, d->n + 1, sizeof *d->lines);
	l = &d->lines[d->n++];
	l->n = n;
	l->segs = n > 0 ? xcalloc(n, sizeof *l->segs) : NULL;
	for (size_t i = 0; i < n; i++) {
		l->segs[i].text = xstrdup(cells[i].text != NULL ? cells[i].text : "");
		l->segs[i].width = cells[i].width;
		l->segs[i].align = cells[i].align;
		l->segs[i].role = cells[i].role;
	}
}

void tui_doc_blank(struct tui_doc *d)
{
	tui_doc_cells(d, NULL, 0);
}

size_t tui_doc_heading(struct tui_doc *d, const char *text)
{
	const struct tui_doc_cell c = { text, 0, TUI_ALIGN_LEFT, TUI_ATTR_HEADER };

	if (d->n > 0)
		tui_doc_blank(d);
	tui_doc_cells(d, &c, 1);
	return d->n - 1;
}

void tui_doc_text(struct tui_doc *d, enum tui_role role, const char *text)
{
	const struct tui_doc_cell c = { text, 0, TUI_ALIGN_LEFT, role };

	tui_doc_cells(d, &c, 1);
}

void tui_doc_pair(struct tui_doc *d, const char *label, const char *value, enum tui_role role)
{
	const struct tui_doc_cell c[2] = {
		{ label, LABEL_CELLS, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
		{ value, 0, TUI_ALIGN_LEFT, role },
	};

	tui_doc_cells(d, c, 2);
}

char *tui_doc_line_text(const struct tui_doc *d, size_t i)
{
	struct strbuf sb = STRBUF_INIT;

	if (i < d->n)
		for (size_t j = 0; j < d->lines[i].n; j++) {
			if (j > 0)
				sb_putc(&sb, ' ');
			sb_puts(&sb, d->lines[i].segs[j].text);
		}
	return sb_take(&sb);
}

/* Where the last segment starts on a pane w cells wide. */
static int last_x(const struct line *l, int w)
{
	int x = 1;

	for (size_t j = 0; j + 1 < l->n && x < w; j++) {
		const struct seg *s = &l->segs[j];

		x += (s->width > 0 && s->width < w - x ? s->width : w - x) + 1;
	}
	return x;
}

/* A line whose last segment takes the rest of the row wraps (its words go on
 * under themselves) instead of being cut: an address or a reason is read whole.
 * Columns of fixed width stay cut, as in a table.  Returns the rows it takes;
 * *wrapped (when asked for) gets the last segment's rows, *nw their number. */
static size_t line_rows(const struct line *l, int w, char ***wrapped, size_t *nw)
{
	const struct seg *last = l->n > 0 ? &l->segs[l->n - 1] : NULL;
	int x = l->n > 0 ? last_x(l, w) : w;
	char **rows = NULL;
	size_t n;

	if (wrapped != NULL)
		*wrapped = NULL;
	if (last == NULL || last->width > 0 || x >= w - 1 || tui_text_width(last->text) <= w - x)
		return 1;
	n = tui_text_wrap(last->text, w - x, &rows);
	if (wrapped != NULL) {
		*wrapped = rows;
		*nw = n;
	} else {
		for (size_t i = 0; i < n; i++)
			free(rows[i]);
		free(rows);
	}
	return n > 0 ? n : 1;
}

size_t tui_doc_rows(const struct tui_doc *d, int width)
{
	size_t rows = 0;

	for (size_t i = 0; i < d->n; i++)
		rows += width > 0 ? line_rows(&d->lines[i], width, NULL, NULL) : 1;
	return rows;
}

/* The last top line that still fills the pane to its end. */
static size_t max_top(const struct doc_pane *dp)
{
	size_t h = dp->height > 0 ? (size_t)dp->height : 1;
	size_t rows = 0, top = dp->doc->n;

	while (top > 0) {
		size_t r = dp->width > 0 ? line_rows(&dp->doc->lines[top - 1], dp->width, NULL, NULL) : 1;

		if (rows + r > h)
			break;
		rows += r;
		top--;
	}
	return top;
}

static int draw_line(struct tui_canvas *c, int y, int rows_left, const struct line *l)
{
	struct tui_rect r = c->r;
	char **wrapped;
	size_t nw = 0;
	size_t n = line_rows(l, r.w, &wrapped, &nw);
	int x = 1;

	for (size_t j = 0; j < l->n && x < r.w; j++) {
		const struct seg *s = &l->segs[j];
		int w = s->width > 0 && s->width < r.w - x ? s->width : r.w - x;

		if (wrapped != NULL && j + 1 == l->n) {
			for (size_t i = 0; i < nw && (int)i < rows_left; i++)
				tui_draw_text(c->win, r.y + y + (int)i, r.x + x, w, wrapped[i], s->align,
					      s->role);
		} else {
			tui_draw_text(c->win, r.y + y, r.x + x, w, s->text, s->align, s->role);
		}
		x += w + 1;
	}
	for (size_t i = 0; i < nw; i++)
		free(wrapped[i]);
	free(wrapped);
	return (int)n;
}

static void draw(struct tui_pane *p, struct tui_canvas *c)
{
	struct doc_pane *dp = tui_pane_base_data(p);
	struct tui_rect r = c->r;
	int y = 0;

	dp->height = r.h;
	dp->width = r.w;
	if (dp->top > max_top(dp))
		dp->top = max_top(dp);
	tui_draw_fill(c->win, r, TUI_ATTR_NORMAL);
	for (size_t i = dp->top; y < r.h && i < dp->doc->n; i++)
		y += draw_line(c, y, r.h - y, &dp->doc->lines[i]);
	c->cursor_y = c->cursor_x = -1;
}

static unsigned doc_scroll(struct doc_pane *dp, long by)
{
	size_t old = dp->top;
	long t = (long)dp->top + by;

	if (t < 0)
		t = 0;
	dp->top = (size_t)t > max_top(dp) ? max_top(dp) : (size_t)t;
	return TUI_HANDLED | (old != dp->top ? TUI_REDRAW : 0);
}

/* How many lines a page moves from the top, up (dir < 0) or down: as many as
 * fill all rows but one, counting the rows a wrapped line takes. */
static long page_lines(const struct doc_pane *dp, int dir)
{
	long h = dp->height > 1 ? dp->height - 1 : 1, rows = 0, n = 0;
	size_t i = dp->top;

	if (dp->width <= 0)
		return h;
	while (dir > 0 ? i < dp->doc->n : i > 0) {
		const struct line *l = &dp->doc->lines[dir > 0 ? i : i - 1];
		long r = (long)line_rows(l, dp->width, NULL, NULL);

		if (n > 0 && rows + r > h)
			break;
		rows += r;
		n++;
		i = dir > 0 ? i + 1 : i - 1;
	}
	return n > 0 ? n : 1;
}

static unsigned request(struct tui_pane *p, int req)
{
	struct doc_pane *dp = tui_pane_base_data(p);
	long page = page_lines(dp, req == TUI_REQ_PAGE_UP ? -1 : 1);

	switch (req) {
	case TUI_REQ_UP:
		return doc_scroll(dp, -1);
	case TUI_REQ_DOWN:
		return doc_scroll(dp, 1);
	case TUI_REQ_PAGE_UP:
		return doc_scroll(dp, -page);
	case TUI_REQ_PAGE_DOWN:
		return doc_scroll(dp, page);
	case TUI_REQ_HOME:
		return doc_scroll(dp, -(long)dp->doc->n);
	case TUI_REQ_END:
		return doc_scroll(dp, (long)dp->doc->n);
	default:
		return TUI_IGNORED;
	}
}

static void resize(struct tui_pane *p, struct tui_rect r)
{
	struct doc_pane *dp = tui_pane_base_data(p);

	dp->height = r.h;
	dp->width = r.w;
}

/* A document has no selected line: Enter opens nothing unless the view binds it
 * to something of its own, so the help and the bar do not offer it. */
static bool available(struct tui_pane *p, int req)
{
	const struct doc_pane *dp = tui_pane_base_data(p);

	if (req != TUI_REQ_ENTER)
		return true;
	for (size_t i = 0; dp->view != NULL && i < dp->view->nbindings; i++)
		if (dp->view->bindings[i].request == TUI_REQ_ENTER)
			return true;
	return false;
}

static void doc_pane_free(void *data)
{
	struct doc_pane *dp = data;

	tui_doc_free(dp->doc);
	free(dp);
}

static const struct tui_pane_ops doc_ops = {
	.kind = "doc",
	.draw = draw,
	.on_request = request,
	.on_resize = resize,
	.available = available,
};

struct tui_pane *tui_doc_pane_new(struct tui_doc *d, const struct tui_pane_ops *view,
				  void *view_data)
{
	struct doc_pane *dp = xcalloc(1, sizeof *dp);

	dp->doc = d;
	dp->view = view;
	dp->pane = tui_pane_new(view, view_data);
	tui_pane_set_base(dp->pane, &doc_ops, dp, doc_pane_free);
	return dp->pane;
}

struct tui_doc *tui_doc_pane_doc(const struct tui_pane *p)
{
	return ((struct doc_pane *)tui_pane_base_data(p))->doc;
}

void tui_doc_pane_scroll_to(struct tui_pane *p, size_t line)
{
	struct doc_pane *dp = tui_pane_base_data(p);

	dp->top = line > max_top(dp) ? max_top(dp) : line;
	tui_pane_dirty(p);
}

size_t tui_doc_pane_top(const struct tui_pane *p)
{
	return ((struct doc_pane *)tui_pane_base_data(p))->top;
}
