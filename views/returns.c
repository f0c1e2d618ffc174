/* The Returns pane (tab 3): the returns of one queue view at a time (to approve,
 * awaiting the parcel, to inspect, to resolve, every open one, the closed ones),
 * oldest first so the longest waiting is on top (closed: newest first), a page
 * at a time.  The views sit on a strip above the list with their counts.  Live: a
 * NOTIFY on the returns channel reloads the page (the cursor stays on its
 * return) and the counts.  Enter opens a return.  The warehouse, which receives
 * and inspects, sees it all but the money. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/returns_list.h"
#include "views/keytables.h"
#include "views/queue_strip.h"
#include "views/registry.h"
#include "views/returns_source.h"
#include "views/views.h"

enum { REQ_NEXT_VIEW = TUI_REQ_VIEW, REQ_PREV_VIEW };

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected return"), 0 },
	{ REQ_NEXT_VIEW, "Right ]", N_("Next view"), N_("The next view on the strip"), 0 },
	{ REQ_PREV_VIEW, "Left [", N_("Previous view"), N_("The previous view on the strip"), 0 },
};

const struct view_keytable returns_keytable = VIEW_KEYTABLE("returns", bindings, true);

/* What the strip calls each view. */
static const char *const view_names[RETURNS_VIEW_COUNT] = {
	[RETURNS_TO_APPROVE] = NC_("queue view", "To approve"),
	[RETURNS_AWAITING] = NC_("queue view", "Awaiting parcel"),
	[RETURNS_TO_INSPECT] = NC_("queue view", "To inspect"),
	[RETURNS_TO_RESOLVE] = NC_("queue view", "To resolve"),
	[RETURNS_OPEN] = NC_("queue view", "Open"),
	[RETURNS_CLOSED] = NC_("queue view", "Closed"),
};

_Static_assert(RETURNS_VIEW_COUNT <= QUEUE_STRIP_MAX, "the strip holds every view");

struct returns_pane {
	struct db_session *db;
	struct tui_pane *pane;
	struct returns_source *src;
	struct queue_strip strip;
	/* The table's columns: the value's is blanked for a role without money. */
	struct tui_column cols[RETURNS_VCOL_COUNT];
};

static void strip_show(void *arg, size_t which)
{
	struct returns_pane *v = arg;

	returns_source_set_view(v->src, (enum returns_view)which);
}

static unsigned strip_count(void *arg, db_result_fn done, void *done_arg)
{
	struct returns_pane *v = arg;

	return db_returns_counts(v->db, done, done_arg);
}

static const struct queue_strip_ops strip_ops = {
	.names = view_names,
	.n = RETURNS_VIEW_COUNT,
	.cap = DB_RETURNS_COUNT_CAP,
	.show = strip_show,
	.count = strip_count,
};

/* The return screen when this build has one; until then its order, which lists
 * its returns. */
static void open_return(struct returns_pane *v, const void *key)
{
	const struct view_screen *s = views_screen("return");
	struct tui_ui *ui = tui_pane_ui(v->pane);

	if (ui == NULL)
		return;
	if (s != NULL && s->open != NULL) {
		tui_ui_push(ui, s->open(v->db, returns_key_id(key), returns_key_number(key)));
		return;
	}
	s = views_screen("order");
	if (s == NULL || s->open == NULL) {
		tui_ui_message(ui, TUI_MSG_INFO, _("%s: this build has no return screen yet"),
			       returns_key_number(key));
		return;
	}
	tui_ui_push(ui, s->open(v->db, returns_key_order_id(key), returns_key_order(key)));
}

static unsigned on_request(struct tui_pane *p, int req)
{
	struct returns_pane *v = tui_pane_data(p);
	const void *key;

	switch (req) {
	case TUI_REQ_ENTER:
		key = tui_table_selected_key(tui_table_pane_table(p));
		if (key != NULL)
			open_return(v, key);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_NEXT_VIEW:
	case REQ_PREV_VIEW:
		queue_strip_step(&v->strip, req == REQ_NEXT_VIEW ? 1 : -1);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_REQ_REFRESH:
		queue_strip_load_counts(&v->strip);
		return TUI_IGNORED; /* and the table loads its page */
	default:
		return TUI_IGNORED;
	}
}

static void on_change(struct tui_pane *p)
{
	struct returns_pane *v = tui_pane_data(p);

	queue_strip_changed(&v->strip);
}

/* The value column as the role may see it; the role is known by the time
 * anyone looks (and a login's role does not change under it). */
static void show_money(struct returns_pane *v, bool money)
{
	v->cols[RETURNS_VCOL_VALUE] = money ? returns_columns[RETURNS_VCOL_VALUE] : returns_no_value_column;
}

/* The first time the tab is opened: the counts (the table pane asks for its
 * rows then too), and each minute on, for the ages ("3d"). */
static void on_focus(struct tui_pane *p, bool focused)
{
	struct returns_pane *v = tui_pane_data(p);
	struct tui_ui *ui = tui_pane_ui(p);

	if (focused && ui != NULL)
		show_money(v, (tui_ui_caps(ui) & CAP_VIEW_PAYMENTS) != 0);
	queue_strip_focus(&v->strip, focused);
}

static void destroy(struct tui_pane *p)
{
	struct returns_pane *v = tui_pane_data(p);

	views_live_remove(p);
	queue_strip_fini(&v->strip);
	returns_source_free(v->src);
	free(v);
}

static const struct tui_pane_ops ops = {
	.kind = "returns",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Returns"),
	.on_request = on_request,
	.on_focus = on_focus,
	.destroy = destroy,
};

struct tui_pane *returns_view_new(struct db_session *db)
{
	struct returns_pane *v = xcalloc(1, sizeof *v);
	struct tui_table *t;

	v->db = db;
	v->src = returns_source_new(db);
	memcpy(v->cols, returns_columns, sizeof v->cols);
	/* No money until the role says otherwise. */
	show_money(v, false);
	t = tui_table_new(v->cols, RETURNS_VCOL_COUNT, &keyset_source_ops, v->src);
	v->pane = tui_table_pane_new(t, &ops, v);
	tui_pane_set_title(v->pane, _("Returns"));
	tui_table_pane_set_lazy(v->pane);
	queue_strip_init(&v->strip, &strip_ops, v, db, v->pane, (size_t)v->src->view);
	views_live_follow(v->pane, "returns", on_change);
	return v->pane;
}
