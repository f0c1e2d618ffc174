#include "tui/table_pane.h"

#include <stdlib.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "tui/prompt.h"
#include "tui/ui.h"
#include "tui/utf8.h"

struct table_pane {
	struct tui_table *t;
	struct tui_pane *pane;
	struct tui_history *finds, *filters;
	int *widths;
	/* The strip of sub-tabs above the titles (a list's views), and where each
	 * item was last drawn (-1: not shown), for clicks. */
	char **strip;
	size_t nstrip, strip_active;
	int *strip_x0, *strip_x1;
	void (*strip_fn)(void *arg, size_t i);
	void *strip_arg;
	/* Rows are first asked for when the pane is first focused. */
	bool lazy, woke;
};

/* Lines above the rows: the strip, then the column titles. */
static int top_lines(const struct table_pane *tp)
{
	return tp->nstrip > 0 ? 2 : 1;
}

static void update_info(struct table_pane *tp)
{
	struct strbuf sb = STRBUF_INIT;
	size_t ncols;
	const struct tui_column *cols = tui_table_columns(tp->t, &ncols);
	bool desc;
	int sc = tui_table_sort_col(tp->t, &desc);

	if (tui_table_filter(tp->t) != NULL)
		sb_printf(&sb, _("filter: %s"), tui_table_filter(tp->t));
	if (sc >= 0 && (size_t)sc < ncols) {
		if (sb.len > 0)
			sb_puts(&sb, " · ");
		sb_printf(&sb, _("sort: %s"), i18n_pgettext(TUI_COLUMN_CTX, cols[sc].title));
	}
	tui_pane_set_info(tp->pane, sb.s);
	sb_free(&sb);
}

static void on_changed(void *arg)
{
	tui_pane_dirty(((struct table_pane *)arg)->pane);
}

static void on_message(void *arg, bool error, const char *text)
{
	tui_pane_message(((struct table_pane *)arg)->pane, error, text);
}

static void on_find(void *arg, const char *text)
{
	struct table_pane *tp = arg;

	if (text != NULL && text[0] != '\0')
		tui_table_seek(tp->t, text);
}

static void on_filter(void *arg, const char *text)
{
	struct table_pane *tp = arg;

	if (text == NULL)
		return;
	tui_table_set_filter(tp->t, text);
	update_info(tp);
}

static unsigned tp_request(struct tui_pane *p, int req)
{
	struct table_pane *tp = tui_pane_base_data(p);
	struct tui_ui *ui = tui_pane_ui(p);

	switch (req) {
	case TUI_REQ_UP:
		(void)tui_table_up(tp->t, 1);
		break;
	case TUI_REQ_DOWN:
		(void)tui_table_down(tp->t, 1);
		break;
	case TUI_REQ_PAGE_UP:
		(void)tui_table_page_up(tp->t);
		break;
	case TUI_REQ_PAGE_DOWN:
		(void)tui_table_page_down(tp->t);
		break;
	case TUI_REQ_HOME:
		(void)tui_table_home(tp->t);
		break;
	case TUI_REQ_END:
		(void)tui_table_end(tp->t);
		break;
	case TUI_REQ_REFRESH:
		tui_table_refresh(tp->t);
		break;
	case TUI_REQ_FIND:
		if (ui != NULL)
			tui_prompt(ui, _("Find:"), NULL, tp->finds, on_find, tp);
		break;
	case TUI_REQ_FILTER:
		if (ui != NULL)
			tui_prompt(ui, _("Filter:"), tui_table_filter(tp->t), tp->filters, on_filter,
				   tp);
		break;
	case TUI_REQ_SORT:
		if (!tui_table_sort_next(tp->t))
			return TUI_IGNORED;
		update_info(tp);
		break;
	case TUI_REQ_SORT_REVERSE:
		tui_table_sort_reverse(tp->t);
		update_info(tp);
		break;
	default:
		return TUI_IGNORED;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Esc on a filtered list takes the filter away first, before any view's Esc
 * (go back, close the dialog) sees it; on the whole list Esc goes on as usual. */
static unsigned tp_key(struct tui_pane *p, tui_key key)
{
	struct table_pane *tp = tui_pane_base_data(p);

	if (key != TUI_KEY_ESC || tui_table_filter(tp->t) == NULL)
		return TUI_IGNORED;
	tui_table_set_filter(tp->t, NULL);
	update_info(tp);
	tui_pane_message(p, false, _("the filter is off: the whole list again"));
	return TUI_HANDLED | TUI_REDRAW;
}

static void tp_resize(struct tui_pane *p, struct tui_rect r)
{
	struct table_pane *tp = tui_pane_base_data(p);

	/* Before the page: the first fetch knows which columns show. */
	tui_table_set_width(tp->t, r.w);
	if (!tp->lazy || tp->woke)
		tui_table_set_page(tp->t, r.h - top_lines(tp));
}

static void tp_focus(struct tui_pane *p, bool focused)
{
	struct table_pane *tp = tui_pane_base_data(p);

	if (!focused || !tp->lazy || tp->woke)
		return;
	tp->woke = true;
	if (tui_pane_rect(p).h > 0)
		tui_table_set_page(tp->t, tui_pane_rect(p).h - top_lines(tp));
}

static int column_at(struct table_pane *tp, int x, int width)
{
	size_t n;
	const struct tui_column *cols = tui_table_columns(tp->t, &n);
	int cx = 0;

	tui_columns_layout(cols, n, width, tp->widths);
	for (size_t i = 0; i < n; i++) {
		if (tp->widths[i] <= 0)
			continue;
		if (x >= cx && x < cx + tp->widths[i] + 1)
			return (int)i;
		cx += tp->widths[i] + 1;
	}
	return -1;
}

static unsigned tp_click(struct tui_pane *p, int y, int x)
{
	struct table_pane *tp = tui_pane_base_data(p);
	size_t n;
	const struct tui_column *cols = tui_table_columns(tp->t, &n);

	if (tp->nstrip > 0) {
		if (y == 0) {
			for (size_t i = 0; i < tp->nstrip; i++)
				if (x >= tp->strip_x0[i] && x < tp->strip_x1[i] && tp->strip_fn != NULL) {
					tp->strip_fn(tp->strip_arg, i);
					return TUI_HANDLED | TUI_REDRAW;
				}
			return TUI_HANDLED;
		}
		y--;
	}
	if (y == 0) {
		int c = column_at(tp, x, tui_pane_rect(p).w);
		bool desc;

		if (c < 0 || !(cols[c].flags & TUI_COL_SORTABLE))
			return TUI_HANDLED;
		if (tui_table_sort_col(tp->t, &desc) == c)
			tui_table_set_sort(tp->t, c, !desc);
		else
			tui_table_set_sort(tp->t, c, false);
		update_info(tp);
		return TUI_HANDLED | TUI_REDRAW;
	}
	{
		const struct tui_row *row;
		bool selected;

		if (tui_table_line(tp->t, y - 1, &row, &selected) != TUI_LINE_ROW)
			return TUI_HANDLED;
		/* A click on the selected row opens it. */
		if (selected)
			return tui_pane_request(p, TUI_REQ_ENTER) | TUI_HANDLED;
		(void)tui_table_select_line(tp->t, y - 1);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void draw_header(struct table_pane *tp, struct tui_canvas *c)
{
	size_t n;
	const struct tui_column *cols = tui_table_columns(tp->t, &n);
	bool desc;
	int sc = tui_table_sort_col(tp->t, &desc), x = c->r.x;
	bool uni = tui_text_unicode();

	tui_draw_text(c->win, c->r.y, c->r.x, c->r.w, "", TUI_ALIGN_LEFT, TUI_ATTR_HEADER);
	for (size_t i = 0; i < n; i++) {
		char *title;

		if (tp->widths[i] <= 0)
			continue;
		if ((int)i == sc)
			title = xasprintf("%s%s", i18n_pgettext(TUI_COLUMN_CTX, cols[i].title),
					  desc ? (uni ? "▼" : "v") : (uni ? "▲" : "^"));
		else
			title = xstrdup(i18n_pgettext(TUI_COLUMN_CTX, cols[i].title));
		tui_draw_text(c->win, c->r.y, x, tp->widths[i], title, cols[i].align,
			      TUI_ATTR_HEADER);
		free(title);
		x += tp->widths[i] + 1;
	}
}

/* Over the cell just drawn: its highlighted parts (tui_row_add_mark). */
static void draw_marks(struct tui_canvas *c, int y, int x, int width, const struct tui_row *row,
		       size_t col, enum tui_align align)
{
	size_t col_i, start, len, shown;
	int mx, mw;

	for (size_t i = 0; tui_row_mark(row, i, &col_i, &start, &len); i++) {
		const char *s = tui_row_cell(row, col);
		char *part;

		if (col_i != col || !tui_mark_span(s, start, len, width, align, &mx, &mw, &shown))
			continue;
		part = xstrndup(s + start, shown);
		tui_draw_text(c->win, y, x + mx, mw, part, TUI_ALIGN_LEFT, TUI_ATTR_KEY);
		free(part);
	}
}

static void draw_row(struct table_pane *tp, struct tui_canvas *c, int y, const struct tui_row *row,
		     enum tui_role sel_role)
{
	size_t n;
	const struct tui_column *cols = tui_table_columns(tp->t, &n);
	int x = c->r.x;

	tui_draw_text(c->win, y, c->r.x, c->r.w, "", TUI_ALIGN_LEFT,
		      sel_role != TUI_ATTR_NORMAL ? sel_role : tui_row_role(row, n));
	for (size_t i = 0; i < n; i++) {
		if (tp->widths[i] <= 0)
			continue;
		tui_draw_text(c->win, y, x, tp->widths[i], tui_row_cell(row, i), cols[i].align,
			      sel_role != TUI_ATTR_NORMAL ? sel_role : tui_row_role(row, i));
		if (tui_row_nmarks(row) > 0)
			draw_marks(c, y, x, tp->widths[i], row, i, cols[i].align);
		x += tp->widths[i] + 1;
	}
}

/* One line of " label " items; when the active one would fall off the right
 * edge, the strip starts later, so the active view is always in sight. */
static void draw_strip(struct table_pane *tp, struct tui_canvas *c)
{
	size_t first = 0;
	int x = c->r.x, used = 0;

	for (size_t i = 0; i < tp->nstrip; i++)
		tp->strip_x0[i] = tp->strip_x1[i] = -1;
	for (size_t i = tp->strip_active + 1; i-- > 0 && i < tp->nstrip;) {
		used += tui_text_width(tp->strip[i]) + 2;
		if (used > c->r.w)
			break;
		first = i;
	}
	tui_draw_text(c->win, c->r.y, c->r.x, c->r.w, "", TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
	for (size_t i = first; i < tp->nstrip; i++) {
		char *item = xasprintf(" %s ", tp->strip[i]);
		int w = tui_text_width(item);

		if (w > c->r.x + c->r.w - x)
			w = c->r.x + c->r.w - x;
		if (w > 0)
			tui_draw_text(c->win, c->r.y, x, w, item, TUI_ALIGN_LEFT,
				      i == tp->strip_active ? TUI_ATTR_TAB_ACTIVE : TUI_ATTR_TAB);
		free(item);
		if (w <= 0)
			break;
		tp->strip_x0[i] = x - c->r.x;
		tp->strip_x1[i] = x - c->r.x + w;
		x += w;
		if (x >= c->r.x + c->r.w)
			break;
	}
}

static void tp_draw(struct tui_pane *p, struct tui_canvas *canvas)
{
	struct table_pane *tp = tui_pane_base_data(p);
	size_t n;
	const struct tui_column *cols = tui_table_columns(tp->t, &n);
	struct tui_canvas below = *canvas, *c = &below;

	if (tp->nstrip > 0 && c->r.h > 1) {
		draw_strip(tp, canvas);
		below.r.y++;
		below.r.h--;
	}
	tui_columns_layout(cols, n, c->r.w, tp->widths);
	draw_header(tp, c);
	for (int i = 0; i < c->r.h - 1; i++) {
		const struct tui_row *row;
		bool selected;
		int y = c->r.y + 1 + i;
		enum tui_line_kind k = tui_table_line(tp->t, i, &row, &selected);
		enum tui_role sel = !selected ? TUI_ATTR_NORMAL
				    : c->focused ? TUI_ATTR_SELECTED : TUI_ATTR_SELECTED_IDLE;
		char *s;

		switch (k) {
		case TUI_LINE_ROW:
			draw_row(tp, c, y, row, sel);
			break;
		case TUI_LINE_LOADING:
			tui_draw_text(c->win, y, c->r.x, c->r.w, _("loading…"), TUI_ALIGN_LEFT,
				      sel != TUI_ATTR_NORMAL ? sel : TUI_ATTR_MUTED);
			break;
		case TUI_LINE_ERROR:
			s = xasprintf(_("%s (F5 tries again)"), tui_table_error(tp->t));
			tui_draw_text(c->win, y, c->r.x, c->r.w, s, TUI_ALIGN_LEFT, TUI_ATTR_ERROR);
			free(s);
			break;
		case TUI_LINE_EMPTY:
			tui_draw_text(c->win, y, c->r.x, c->r.w,
				      tui_table_filter(tp->t) != NULL ? _("nothing matches the filter")
								      : _("nothing to show"),
				      TUI_ALIGN_LEFT, TUI_ATTR_MUTED);
			break;
		case TUI_LINE_BLANK:
		default:
			break;
		}
	}
}

static void free_strip(struct table_pane *tp)
{
	for (size_t i = 0; i < tp->nstrip; i++)
		free(tp->strip[i]);
	free(tp->strip);
	free(tp->strip_x0);
	free(tp->strip_x1);
	tp->strip = NULL;
	tp->strip_x0 = tp->strip_x1 = NULL;
	tp->nstrip = 0;
}

static void tp_free(void *arg)
{
	struct table_pane *tp = arg;

	free_strip(tp);
	tui_table_free(tp->t);
	tui_history_free(tp->finds);
	tui_history_free(tp->filters);
	free(tp->widths);
	free(tp);
}

/* Sorting is offered only where some column can be sorted by. */
static bool tp_available(struct tui_pane *p, int req)
{
	struct table_pane *tp = tui_pane_base_data(p);
	size_t n;
	const struct tui_column *cols;

	if (req != TUI_REQ_SORT && req != TUI_REQ_SORT_REVERSE)
		return true;
	cols = tui_table_columns(tp->t, &n);
	for (size_t i = 0; i < n; i++)
		if (cols[i].flags & TUI_COL_SORTABLE)
			return true;
	return false;
}

static const struct tui_binding table_bindings[] = {
	{ TUI_REQ_FIND, "/ F3", N_("Find"), N_("Jump to an entry of the list"), 0 },
	{ TUI_REQ_FILTER, "\\ F4", N_("Filter"), N_("Show only the lines that match"), 0 },
	{ TUI_REQ_SORT, "F6 s", N_("Sort"), N_("Sort by the next column"), 0 },
	{ TUI_REQ_SORT_REVERSE, "S", N_("Reverse"), N_("Reverse the sort order"), 0 },
	/* For the help: tp_key does it, before the view's own Esc. */
	{ TUI_REQ_BACK, "Esc", N_("Back"), N_("Remove the filter; without one, go back"), 0 },
};

static const struct tui_pane_ops table_ops = {
	.kind = "table",
	.bindings = table_bindings,
	.nbindings = sizeof table_bindings / sizeof table_bindings[0],
	.keys_title = N_("List"),
	.available = tp_available,
	.draw = tp_draw,
	.on_key = tp_key,
	.on_request = tp_request,
	.on_click = tp_click,
	.on_resize = tp_resize,
	.on_focus = tp_focus,
};

struct tui_pane *tui_table_pane_new(struct tui_table *t, const struct tui_pane_ops *view,
				    void *view_data)
{
	struct table_pane *tp = xcalloc(1, sizeof *tp);
	struct tui_table_hooks hooks = { on_changed, on_message, tp };
	size_t n;

	tp->t = t;
	(void)tui_table_columns(t, &n);
	tp->widths = xcalloc(n, sizeof *tp->widths);
	tp->finds = tui_history_new(20);
	tp->filters = tui_history_new(20);
	tp->pane = tui_pane_new(view, view_data);
	tui_pane_set_base(tp->pane, &table_ops, tp, tp_free);
	tui_table_set_hooks(t, &hooks);
	return tp->pane;
}

struct tui_table *tui_table_pane_table(const struct tui_pane *p)
{
	struct table_pane *tp = tui_pane_base_data(p);

	return tp != NULL ? tp->t : NULL;
}

void tui_table_pane_set_strip(struct tui_pane *p, const char *const *labels, size_t n, size_t active)
{
	struct table_pane *tp = tui_pane_base_data(p);
	int had = top_lines(tp);
	struct tui_rect r = tui_pane_rect(p);

	free_strip(tp);
	if (n > 0) {
		tp->strip = xcalloc(n, sizeof *tp->strip);
		tp->strip_x0 = xcalloc(n, sizeof *tp->strip_x0);
		tp->strip_x1 = xcalloc(n, sizeof *tp->strip_x1);
		for (size_t i = 0; i < n; i++) {
			tp->strip[i] = xstrdup(labels[i]);
			tp->strip_x0[i] = tp->strip_x1[i] = -1;
		}
		tp->nstrip = n;
	}
	tp->strip_active = active < n ? active : 0;
	/* A strip coming or going changes how many rows fit. */
	if (had != top_lines(tp) && r.h > 0 && (!tp->lazy || tp->woke))
		tui_table_set_page(tp->t, r.h - top_lines(tp));
	tui_pane_dirty(p);
}

void tui_table_pane_on_strip(struct tui_pane *p, void (*fn)(void *arg, size_t i), void *arg)
{
	struct table_pane *tp = tui_pane_base_data(p);

	tp->strip_fn = fn;
	tp->strip_arg = arg;
}

void tui_table_pane_set_lazy(struct tui_pane *p)
{
	struct table_pane *tp = tui_pane_base_data(p);

	tp->lazy = true;
}
