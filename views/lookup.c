/* The lookup box (g from anywhere, :find TEXT): a line to type into and the hits
 * below, updated as you type.  No fixed wait: when no search is in flight, the
 * keys read together (one key, a scanner's burst) send theirs before the loop
 * sleeps again; keys typed while one is in flight only change what is searched
 * when it is back, so a fast typist costs a query per round trip, not one per
 * letter, and nothing is cancelled.  An answer to text typed over since is never
 * shown (the last hits stay, marked as still searching, until the new ones
 * arrive), and Enter opens only a hit found for the text on screen.  The typed
 * text survives errors and lost connections. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "views/keytables.h"
#include "views/lookup_source.h"
#include "views/registry.h"
#include "views/views.h"

/* What the box takes: more than any name, number or address a caller reads out. */
#define LOOKUP_MAX 200
/* How long the keys of a search wait for its hits to share their frame: below
 * what a typist notices, above a lookup's usual round trip. */
#define LOOKUP_HOLD_MS 20

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected hit"), 0 },
	{ TUI_REQ_BACK, "Esc F10", N_("Back"), N_("Close the lookup"), 0 },
	{ TUI_REQ_UP, "Up", N_("Up"), N_("The hit above"), 0 },
	{ TUI_REQ_DOWN, "Down", N_("Down"), N_("The hit below"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("A page of hits up"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn", N_("PgDn"), N_("A page of hits down"), 0 },
	{ TUI_REQ_REFRESH, "F5", N_("Again"), N_("Search again"), 0 },
	{ TUI_REQ_HELP, "F1", N_("Help"), N_("Show these keys"), 0 },
};

const struct view_keytable lookup_keytable = VIEW_KEYTABLE("lookup", bindings, false);

struct lookup_view {
	struct db_session *db;
	struct tui_ui *ui;
	struct tui_pane *pane, *list;
	struct tui_table *table;
	struct lookup_source *src;
	struct tui_edit edit;
	struct tui_wtext view;
	unsigned long send; /* the search goes once the keys read together are in */
	unsigned long targets_idle; /* where the hits lead is asked after their frame */
	bool open_when_found; /* Enter came before the hits */
};

static void open_hit(struct lookup_view *v, const struct lookup_key *k);

static void on_send(void *arg)
{
	struct lookup_view *v = arg;

	v->send = 0;
	/* The old hits stay on screen until the new ones arrive (no flicker). */
	tui_table_refresh(v->table);
	/* Mostly the hits come within a few milliseconds: one frame for the keys and
	 * the hits.  A slow server still shows the keys after LOOKUP_HOLD_MS. */
	if (v->src->state == LOOKUP_WAITING)
		tui_ui_hold(v->ui, LOOKUP_HOLD_MS);
}

/* The search for what the box says: sent in this round of the loop, or when the
 * one in flight is back. */
static void search(struct lookup_view *v)
{
	if (lookup_source_set_text(v->src, tui_edit_text(&v->edit)) && v->send == 0)
		v->send = tui_loop_timer(tui_ui_loop(v->ui), 0, on_send, v);
	tui_pane_dirty(v->pane);
}

static void typed(struct lookup_view *v)
{
	/* Enter meant a hit for what was typed before. */
	v->open_when_found = false;
	search(v);
}

/* An idle hook added after the screen's own runs after the frame is drawn. */
static void send_targets(void *arg)
{
	struct lookup_view *v = arg;

	tui_loop_remove(tui_ui_loop(v->ui), v->targets_idle);
	v->targets_idle = 0;
	lookup_source_send_targets(v->src);
}

static void on_answer(void *arg)
{
	struct lookup_view *v = arg;
	const void *k = tui_table_selected_key(v->table);

	tui_ui_release(v->ui);
	if (v->src->want_kinds != NULL && v->targets_idle == 0)
		v->targets_idle = tui_loop_idle(tui_ui_loop(v->ui), send_targets, v);
	if (v->src->state == LOOKUP_FAILED || v->src->targets_state == LOOKUP_TARGETS_FAILED)
		tui_ui_message(v->ui, TUI_MSG_ERROR, _("the lookup failed: %s"), v->src->error);
	/* Enter came first: the best hit opens once it is known where it leads. */
	if (v->open_when_found && v->src->state == LOOKUP_DONE && k != NULL &&
	    v->src->targets_state != LOOKUP_TARGETS_WAITING &&
	    strcmp(v->src->shown, tui_edit_text(&v->edit)) == 0) {
		v->open_when_found = false;
		if (v->src->targets_state == LOOKUP_TARGETS_DONE)
			open_hit(v, k);
	}
	tui_pane_dirty(v->pane);
}

static void on_table_changed(void *arg)
{
	tui_pane_dirty(((struct lookup_view *)arg)->pane);
}

static void on_table_message(void *arg, bool error, const char *text)
{
	/* Failures are drawn in the box and said by on_answer. */
	(void)arg;
	(void)error;
	(void)text;
}

/* ---- opening what was found ---- */

/* The screen the registry gives the hit for this role, and how (views/registry.c). */
static const struct view_screen *target(const struct lookup_view *v, const struct lookup_key *k,
					const struct lookup_target *t, enum view_via *via)
{
	return views_hit_target(k->kind, t->order_id[0] != '\0', t->customer_id[0] != '\0',
				tui_ui_caps(v->ui), via);
}

/* Where k leads, once known; until then Enter waits for it (open_when_found). */
static const struct lookup_target *known_target(struct lookup_view *v, const struct lookup_key *k)
{
	static char empty[1];
	static const struct lookup_target none = { NULL, NULL, empty, empty, empty, empty };
	const struct lookup_target *t;

	if (v->src->targets_state != LOOKUP_TARGETS_DONE)
		return NULL;
	t = lookup_source_target(v->src, k->kind, k->id);
	return t != NULL ? t : &none;
}

/* A hit is a new caller: it replaces the screens opened for the last one (Esc
 * leads back to the list, not to them), and their messages go with them. */
static void open_hit(struct lookup_view *v, const struct lookup_key *k)
{
	const char *what = lookup_kind_label(k->kind);
	enum view_via via = VIA_HIT;
	const struct lookup_target *t = known_target(v, k);
	const struct view_screen *s;

	if (t == NULL) {
		if (v->src->targets_state == LOOKUP_TARGETS_WAITING)
			v->open_when_found = true;
		else
			tui_ui_message(v->ui, TUI_MSG_ERROR,
				       _("where %s %s leads could not be read: F5 searches again"),
				       what, k->label);
		return;
	}
	s = target(v, k, t, &via);
	if (s == NULL) {
		tui_ui_message(v->ui, TUI_MSG_ERROR, _("%s %s belongs to no order and no customer"), what,
			       k->label);
		return;
	}
	switch (via) {
	case VIA_HIT:
		tui_ui_replace(v->ui, s->open(v->db, k->id, k->label));
		break;
	case VIA_ORDER:
		tui_ui_replace(v->ui, s->open(v->db, t->order_id, t->order_number));
		tui_ui_message(v->ui, TUI_MSG_INFO, _("%s %s belongs to order %s: opened the order"), what,
			       k->label, t->order_number);
		break;
	case VIA_CUSTOMER:
		tui_ui_replace(v->ui, s->open(v->db, t->customer_id, t->customer_name));
		tui_ui_message(v->ui, TUI_MSG_INFO, _("%s %s is about no order: opened its customer, %s"),
			       what, k->label, t->customer_name);
		break;
	}
	tui_ui_close(v->ui, v->pane);
}

/* What Enter would do with the selected hit, for the line under the list. */
static char *enter_says(struct lookup_view *v, const struct lookup_key *k)
{
	enum view_via via = VIA_HIT;
	const struct lookup_target *t = known_target(v, k);
	const struct view_screen *s;

	if (t == NULL)
		return xstrdup(v->src->targets_state == LOOKUP_TARGETS_FAILED
				       ? _("where the hits lead could not be read: F5 searches again")
				       : "");
	s = target(v, k, t, &via);
	if (s == NULL)
		return xstrdup(_("nothing to open"));
	switch (via) {
	case VIA_HIT:
		break;
	case VIA_ORDER:
		return xasprintf(_("Enter opens order %s, of %s %s"), t->order_number,
				 lookup_kind_label(k->kind), k->label);
	case VIA_CUSTOMER:
		return xasprintf(_("Enter opens customer %s (no order)"), t->customer_name);
	}
	return xasprintf(_("Enter opens %s %s"), lookup_kind_label(k->kind), k->label);
}

/* ---- the pane ---- */

/* A character past the limit says so instead of vanishing (the forms' words). */
static unsigned refuse_full(struct tui_pane *p)
{
	char *msg = xasprintf(_("at most %d characters here: no more go in"), LOOKUP_MAX);

	tui_pane_message(p, true, msg);
	free(msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned on_key(struct tui_pane *p, tui_key key)
{
	struct lookup_view *v = tui_pane_data(p);
	char *before = xstrdup(tui_edit_text(&v->edit));
	bool edited = tui_edit_key(&v->edit, key);

	if (edited && strcmp(before, tui_edit_text(&v->edit)) != 0)
		typed(v);
	free(before);
	if (!edited && tui_key_is_text(key) && tui_edit_len(&v->edit) >= LOOKUP_MAX)
		return refuse_full(p);
	return edited ? TUI_HANDLED | TUI_REDRAW : TUI_IGNORED;
}

/* A pasted number or name is looked up as if typed; its line breaks are spaces. */
static unsigned on_paste(struct tui_pane *p, const char *utf8)
{
	struct lookup_view *v = tui_pane_data(p);
	size_t chars;

	if (!tui_edit_paste(&v->edit, utf8, &chars)) {
		size_t len = tui_edit_len(&v->edit);
		char *msg = xasprintf(_("nothing pasted: %zu characters, room for %zu (%d at most)"),
				      chars, len < LOOKUP_MAX ? LOOKUP_MAX - len : 0, LOOKUP_MAX);

		tui_pane_message(p, true, msg);
		free(msg);
		return TUI_HANDLED;
	}
	typed(v);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned on_request(struct tui_pane *p, int req)
{
	struct lookup_view *v = tui_pane_data(p);
	const void *k;

	switch (req) {
	case TUI_REQ_ENTER:
		k = tui_table_selected_key(v->table);
		if (v->src->state == LOOKUP_WAITING) {
			/* Typed and Enter at once: open the best hit for this text when it
			 * arrives, never one still on screen from before. */
			v->open_when_found = true;
		} else if (k != NULL) {
			open_hit(v, k);
		}
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_REQ_BACK:
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_REFRESH:
		search(v);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_REQ_HELP:
		tui_ui_help(v->ui);
		return TUI_HANDLED;
	case TUI_REQ_UP:
	case TUI_REQ_DOWN:
	case TUI_REQ_PAGE_UP:
	case TUI_REQ_PAGE_DOWN:
		return tui_pane_request(v->list, req) | TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static void draw_lines(struct tui_canvas *c, int y, const char *first, const char *second)
{
	tui_draw_text(c->win, c->r.y + y, c->r.x + 1, c->r.w - 1, first, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
	if (second != NULL && y + 1 < c->r.h)
		tui_draw_text(c->win, c->r.y + y + 1, c->r.x + 1, c->r.w - 1, second, TUI_ALIGN_LEFT,
			      TUI_ATTR_MUTED);
}

static void draw_body(struct lookup_view *v, struct tui_canvas *c)
{
	struct lookup_source *src = v->src;
	struct tui_canvas lc = *c;
	char *s;

	if (src->state == LOOKUP_EMPTY) {
		draw_lines(c, 2, _("Type a name, a phone number, an e-mail address,"),
			   _("an order, parcel (tracking), ticket or return number."));
		return;
	}
	if (src->state == LOOKUP_FAILED) {
		s = xasprintf(_("the lookup failed: %s"), src->error);
		tui_draw_text(c->win, c->r.y + 2, c->r.x + 1, c->r.w - 1, s, TUI_ALIGN_LEFT, TUI_ATTR_ERROR);
		free(s);
		draw_lines(c, 3, "", _("F5 tries again; what you typed is kept."));
		return;
	}
	if (src->state == LOOKUP_DONE && src->found == 0) {
		s = xasprintf(_("nothing found for “%s”"), src->shown);
		draw_lines(c, 2, s, _("Try a phone number, an order number, an e-mail or a tracking number."));
		free(s);
		return;
	}
	/* The list between the input line and the footer. */
	lc.r.y += 1;
	lc.r.h -= 2;
	if (lc.r.h > 1)
		tui_pane_draw(v->list, &lc);
}

static void draw_footer(struct lookup_view *v, struct tui_canvas *c)
{
	const void *k = tui_table_selected_key(v->table);
	int y = c->r.y + c->r.h - 1;
	char *s;

	if (db_session_state(v->db) == DB_LOST)
		s = xstrdup(_("no connection to the database: the lookup runs when it is back"));
	else if (v->src->state == LOOKUP_WAITING)
		s = xstrdup(_("searching…"));
	else if (v->src->state == LOOKUP_DONE && k != NULL)
		s = enter_says(v, k);
	else
		s = xstrdup("");
	tui_draw_text(c->win, y, c->r.x, c->r.w, s, TUI_ALIGN_LEFT,
		      db_session_state(v->db) == DB_LOST ? TUI_ATTR_WARNING : TUI_ATTR_MUTED);
	free(s);
}

static void draw(struct tui_pane *p, struct tui_canvas *c)
{
	struct lookup_view *v = tui_pane_data(p);
	const char *label = _("Look up:");
	int lw = tui_text_width(label) + 1, cx;

	tui_draw_fill(c->win, c->r, TUI_ATTR_DIALOG);
	if (lw > c->r.w / 2)
		lw = c->r.w / 2;
	tui_draw_text(c->win, c->r.y, c->r.x, lw, label, TUI_ALIGN_LEFT, TUI_ATTR_TITLE);
	tui_edit_view(&v->edit, c->r.w - lw, &v->view, &cx);
	tui_draw_text(c->win, c->r.y, c->r.x + lw, c->r.w - lw, "", TUI_ALIGN_LEFT, TUI_ATTR_INPUT);
	tui_draw_wtext(c->win, c->r.y, c->r.x + lw, &v->view, TUI_ATTR_INPUT);
	draw_body(v, c);
	if (c->r.h > 2)
		draw_footer(v, c);
	c->cursor_y = c->r.y;
	c->cursor_x = c->r.x + lw + cx;
}

static void on_resize(struct tui_pane *p, struct tui_rect r)
{
	struct lookup_view *v = tui_pane_data(p);

	r.y += 1;
	r.h -= 2;
	tui_pane_resize(v->list, r);
}

static unsigned on_click(struct tui_pane *p, int y, int x)
{
	struct lookup_view *v = tui_pane_data(p);

	if (y < 1 || v->src->state != LOOKUP_DONE)
		return TUI_HANDLED;
	return tui_pane_click(v->list, y - 1, x) | TUI_HANDLED | TUI_REDRAW;
}

static void destroy(struct tui_pane *p)
{
	struct lookup_view *v = tui_pane_data(p);

	tui_loop_remove(tui_ui_loop(v->ui), v->send);
	tui_loop_remove(tui_ui_loop(v->ui), v->targets_idle);
	tui_pane_free(v->list); /* the table first: it tells the source to stop */
	lookup_source_free(v->src);
	tui_edit_free(&v->edit);
	tui_wtext_free(&v->view);
	free(v);
}

static const struct tui_pane_ops ops = {
	.kind = "lookup",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Lookup"),
	.draw = draw,
	.on_key = on_key,
	.on_paste = on_paste,
	.on_request = on_request,
	.on_click = on_click,
	.on_resize = on_resize,
	.destroy = destroy,
};

/* The list inside the box: a click on the selected hit opens it. */
static unsigned list_request(struct tui_pane *p, int req)
{
	struct lookup_view *v = tui_pane_data(p);
	const void *k = tui_table_selected_key(v->table);

	if (req != TUI_REQ_ENTER)
		return TUI_IGNORED;
	if (k != NULL)
		open_hit(v, k);
	return TUI_HANDLED;
}

static const struct tui_pane_ops list_ops = { .kind = "lookup-list", .on_request = list_request };

void lookup_open(struct tui_ui *ui, struct db_session *db, const char *text)
{
	struct lookup_view *v = xcalloc(1, sizeof *v);
	const struct tui_table_hooks hooks = { on_table_changed, on_table_message, v };

	v->db = db;
	v->ui = ui;
	v->src = lookup_source_new(db);
	v->src->answered = on_answer;
	v->src->arg = v;
	tui_edit_init(&v->edit, false, LOOKUP_MAX);
	v->table = tui_table_new(lookup_columns, LOOKUP_VCOL_COUNT, &lookup_source_ops, v->src);
	/* The list is drawn and driven by the box; its pane is never shown on its own,
	 * so the table reports to the box. */
	v->list = tui_table_pane_new(v->table, &list_ops, v);
	tui_table_set_hooks(v->table, &hooks);
	v->pane = tui_pane_new(&ops, v);
	tui_pane_set_title(v->pane, _("Lookup"));
	tui_pane_set_flags(v->pane, TUI_PANE_MODAL_KEYS);
	tui_pane_set_size(v->pane, 0, 0);
	tui_ui_dialog(ui, v->pane);
	if (text != NULL && text[0] != '\0') {
		tui_edit_set(&v->edit, text);
		search(v);
	}
}
