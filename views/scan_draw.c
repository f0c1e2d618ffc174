/* The scan pane's screen, made for 80x24 and a worker a metre away: the input
 * line on top, the last result as a block of green or red across the left side
 * (what happened, why, what to do now), the next step, then the order's lines to
 * pick (or the orders to pack today, late first); the last 20 scans down the
 * right side, newest on top. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "views/scan_view.h"

/* The last scans' column, when the screen is wide enough for both. */
enum { HIST_W = 30, HIST_MIN_SCREEN = 72, BLOCK_H = 5 };

static const char *const marks[] = { [SCAN_TONE_OK] = "✔", [SCAN_TONE_BAD] = "✘", [SCAN_TONE_INFO] = "•" };

static enum tui_role block_role(enum scan_tone t)
{
	switch (t) {
	case SCAN_TONE_OK:
		return TUI_ATTR_OK;
	case SCAN_TONE_BAD:
		return TUI_ATTR_ERROR;
	case SCAN_TONE_INFO:
		break;
	}
	return TUI_ATTR_SELECTED;
}

static void text(struct tui_canvas *c, int y, int x, int w, const char *s, enum tui_role role)
{
	if (y < c->r.h && w > 0)
		tui_draw_text(c->win, c->r.y + y, c->r.x + x, w, s, TUI_ALIGN_LEFT, role);
}

static void draw_input(struct scan_view *v, struct tui_canvas *c, int w)
{
	const char *label = _("Scan ▸");
	int lw = tui_text_width(label) + 1, cx, rw = 0;
	char *right = NULL;

	if (v->qlen > 0)
		right = xasprintf(ngettext(" %zu waiting", " %zu waiting", v->qlen), v->qlen);
	else if (v->wait != SCAN_WAIT_NONE)
		right = xstrdup(_(" checking…"));
	if (right != NULL)
		rw = tui_text_width(right);
	if (lw + rw + 8 > w)
		rw = 0;
	text(c, 0, 0, lw, label, TUI_ATTR_TITLE);
	tui_edit_view(&v->edit, w - lw - rw, &v->view, &cx);
	text(c, 0, lw, w - lw - rw, "", TUI_ATTR_INPUT);
	tui_draw_wtext(c->win, c->r.y, c->r.x + lw, &v->view, TUI_ATTR_INPUT);
	if (rw > 0)
		text(c, 0, w - rw, rw, right, TUI_ATTR_WARNING);
	free(right);
	c->cursor_y = c->r.y;
	c->cursor_x = c->r.x + lw + cx;
}

/* The last result, large: its headline, then why (wrapped), then what to do. */
static void draw_block(struct scan_view *v, struct tui_canvas *c, int y, int w)
{
	const struct scan_entry *e = v->nhist > 0 ? &v->hist[0] : NULL;
	enum tui_role role = e != NULL ? block_role(e->tone) : TUI_ATTR_NORMAL;
	struct tui_rect r = { c->r.y + y, c->r.x, BLOCK_H, w };
	char **lines = NULL, **advice = NULL;
	size_t n = 0, nadvice = 0;
	int row = y + 1, why_rows, advice_rows;
	char *head;

	if (y + BLOCK_H > c->r.h)
		r.h = c->r.h - y;
	if (r.h <= 0)
		return;
	tui_draw_fill(c->win, r, role);
	if (e == NULL) {
		text(c, y, 1, w - 2, _("Ready."), TUI_ATTR_TITLE);
		return;
	}
	head = xasprintf("%s %s", marks[e->tone], e->head);
	text(c, y, 1, w - 2, head, role);
	free(head);
	/* Under the headline, why and what to do, both whole when they fit: what to
	 * do keeps at least one row, and two when it needs them. */
	if (e->why != NULL && e->why[0] != '\0')
		n = tui_text_wrap(e->why, w - 2, &lines);
	if (e->advice != NULL) {
		char *t = xasprintf("→ %s", e->advice);

		nadvice = tui_text_wrap(t, w - 2, &advice);
		free(t);
	}
	advice_rows = (int)nadvice < 2 ? (int)nadvice : 2;
	why_rows = BLOCK_H - 1 - advice_rows;
	if ((int)n < why_rows)
		advice_rows = BLOCK_H - 1 - (int)n;
	for (size_t i = 0; i < n; i++) {
		if ((int)i < why_rows)
			text(c, row++, 1, w - 2, lines[i], role);
		free(lines[i]);
	}
	free(lines);
	for (size_t i = 0; i < nadvice; i++) {
		if ((int)i < advice_rows)
			text(c, row++, 1, w - 2, advice[i], role);
		free(advice[i]);
	}
	free(advice);
}

static void draw_pick(struct scan_view *v, struct tui_canvas *c, int y, int w, int h)
{
	const struct scan_pack *p = &v->pack;
	/* The customer last: a long name is what gets cut, never LATE. */
	char *s = xasprintf(p->late ? _("%s · ship by %s · LATE · %s") : _("%s · ship by %s · %s"), p->number,
			    p->ship_by != NULL ? p->ship_by : "", p->customer != NULL ? p->customer : "");

	text(c, y, 0, w, s, TUI_ATTR_HEADER);
	free(s);
	for (size_t i = 0; i < p->n && (int)i + 1 < h; i++) {
		const struct scan_line *l = &p->lines[i];
		bool done = l->got >= l->qty;

		if ((int)i + 2 == h && i + 1 < p->n) {
			s = xasprintf(_("… and %zu more lines"), p->n - i);
			text(c, y + 1 + (int)i, 0, w, s, TUI_ATTR_MUTED);
			free(s);
			break;
		}
		text(c, y + 1 + (int)i, 0, 2, done ? "✔" : "", done ? TUI_ATTR_OK : TUI_ATTR_NORMAL);
		s = xasprintf("%d/%d %s %s", l->got, l->qty, l->sku, l->name);
		text(c, y + 1 + (int)i, 2, w - 2, s, done ? TUI_ATTR_MUTED : TUI_ATTR_TITLE);
		free(s);
	}
}

static void draw_to_pack(struct scan_view *v, struct tui_canvas *c, int y, int w, int h)
{
	char *s;

	if (v->to_pack_error != NULL) {
		s = xasprintf(_("The orders to pack could not be loaded: %s"), v->to_pack_error);
		text(c, y, 0, w, s, TUI_ATTR_WARNING);
		free(s);
		return;
	}
	if (!v->to_pack_loaded) {
		text(c, y, 0, w, _("Loading the orders to pack…"), TUI_ATTR_MUTED);
		return;
	}
	s = v->nto_pack == 0 ? xstrdup(_("Nothing left to pack today."))
			     : xasprintf(_("To pack today, late first: %zu%s"), v->nto_pack,
					 v->nto_pack == SCAN_TO_PACK_MAX ? "+" : "");
	text(c, y, 0, w, s, TUI_ATTR_HEADER);
	free(s);
	for (size_t i = 0; i < v->nto_pack && (int)i + 1 < h; i++) {
		const struct scan_to_pack *t = &v->to_pack[i];

		s = xasprintf(ngettext("%-10s %s %-4s %d pc  %s", "%-10s %s %-4s %d pcs %s", t->units), t->number,
			      t->ship_by, t->late ? _("LATE") : "", t->units, t->customer);
		text(c, y + 1 + (int)i, 0, w, s, t->late ? TUI_ATTR_LATE : TUI_ATTR_NORMAL);
		free(s);
	}
}

static void draw_history(struct scan_view *v, struct tui_canvas *c, int y, int x, int w, int h)
{
	for (size_t i = 0; i < v->nhist && (int)i < h; i++) {
		const struct scan_entry *e = &v->hist[i];
		const char *brief = e->brief != NULL ? e->brief : "";
		/* A long code gives way: what happened to it is the point of the line. */
		int cw = w - 3 - tui_text_width(brief);
		char *code = tui_text_truncate(e->code, cw > 8 ? cw : 8);
		char *s = xasprintf("%s %s", code, brief);

		free(code);

		text(c, y + (int)i, x, 1, marks[e->tone], block_role(e->tone));
		text(c, y + (int)i, x + 2, w - 2, s,
		     e->tone == SCAN_TONE_BAD ? TUI_ATTR_LATE : i == 0 ? TUI_ATTR_TITLE : TUI_ATTR_NORMAL);
		free(s);
	}
}

void scan_draw(struct scan_view *v, struct tui_canvas *c)
{
	int w = c->r.w, h = c->r.h;
	int hw = w >= HIST_MIN_SCREEN ? HIST_W : 0;
	int lw = hw > 0 ? w - hw - 1 : w;
	int list_y = 1 + BLOCK_H + 1, list_h = h - list_y;
	char *next;

	tui_draw_fill(c->win, c->r, TUI_ATTR_NORMAL);
	draw_input(v, c, lw);
	draw_block(v, c, 1, lw);
	if (db_session_state(v->db) == DB_LOST)
		next = xstrdup(_("No connection to the database: scans wait and go when it is back"));
	else
		next = scan_flow_next_step(v);
	text(c, 1 + BLOCK_H, 0, 2, "▸", TUI_ATTR_KEY);
	text(c, 1 + BLOCK_H, 2, lw - 2, next,
	     db_session_state(v->db) == DB_LOST ? TUI_ATTR_WARNING : TUI_ATTR_TITLE);
	free(next);
	if (hw == 0) {
		/* Narrow: the last scans share the list's rows. */
		int half = list_h / 2;

		draw_history(v, c, list_y + list_h - half, 0, w, half);
		list_h -= half;
	} else {
		for (int y = 0; y < h; y++)
			text(c, y, lw, 1, "│", TUI_ATTR_BORDER);
		draw_history(v, c, 0, lw + 1, hw, h);
	}
	if (list_h <= 0)
		return;
	if (scan_pack_active(&v->pack))
		draw_pick(v, c, list_y, lw, list_h);
	else
		draw_to_pack(v, c, list_y, lw, list_h);
}
