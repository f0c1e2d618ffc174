/* The supervisor dashboard (issue 15): the day's counts on one screen, each one
 * a way into the rows behind it.  Read-only: no key here changes anything.
 *
 * Live: it follows its registry entry's channels.  A change loads the document
 * again at most once a second: the first change after a quiet second at once,
 * later ones when a second has passed since the last load.  Nothing runs while
 * nothing changes (no polling, no timer), and the screen holds no clock, so an
 * idle dashboard writes nothing to the terminal.  A hidden dashboard (another
 * tab, a drill-down over it) only notes that it is stale, and loads when shown. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/dashboard.h"
#include "views/dashboard_view.h"
#include "views/keytables.h"
#include "views/registry.h"

enum { REQ_NEXT = TUI_REQ_VIEW, REQ_PREV, REQ_EXPORT };

/* E: export, as on every screen that has it; the rest move or open. */
static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("The rows behind the highlighted number"), 0 },
	{ TUI_REQ_LEFT, "Left", N_("Left"), N_("The number to the left"), 0 },
	{ TUI_REQ_RIGHT, "Right", N_("Right"), N_("The number to the right"), 0 },
	{ REQ_NEXT, "Tab", N_("Next"), N_("The next number"), 0 },
	{ REQ_PREV, "S-Tab", N_("Previous"), N_("The previous number"), 0 },
	{ TUI_REQ_REFRESH, "F5 C-r", N_("Refresh"), N_("Load the counts again now"), 0 },
	{ REQ_EXPORT, "E F4", N_("Export"), N_("Export a list to a CSV file"), CAP_EXPORT },
};

const struct view_keytable dashboard_keytable = VIEW_KEYTABLE("dashboard", bindings, false);

static void on_loaded(const PGresult *res, const char *error, void *arg);

static void load(struct dash_view *v)
{
	if (v->query != 0) {
		v->again = true;
		return;
	}
	v->last_load = tui_loop_now();
	v->query_db = views_reads(v->db);
	/* The NOTIFY comes from the primary, which may be ahead of the replica: a
	 * change read there is read once more a second later, so a lagging replica
	 * delays a count by a second, never until the next change. */
	v->follow = v->changed && v->query_db != v->db;
	v->changed = false;
	v->query = db_dashboard(v->query_db, on_loaded, v);
}

static struct tui_loop *loop_of(struct dash_view *v)
{
	struct tui_ui *ui = tui_pane_ui(v->pane);

	return ui != NULL ? tui_ui_loop(ui) : NULL;
}

static void timer_fired(void *arg)
{
	struct dash_view *v = arg;

	v->timer = 0;
	load(v);
}

/* The one rule (dash_refresh_delay): now, or when the second is up. */
static void schedule(struct dash_view *v)
{
	struct tui_loop *loop = loop_of(v);
	long wait;

	if (v->timer != 0)
		return; /* already waiting: this change rides along */
	if (v->query != 0) {
		v->again = true;
		return;
	}
	wait = dash_refresh_delay(tui_loop_now(), v->last_load);
	if (wait == 0 || loop == NULL) {
		load(v);
		return;
	}
	v->timer = tui_loop_timer(loop, wait, timer_fired, v);
	if (v->timer == 0)
		load(v);
}

static void on_loaded(const PGresult *res, const char *error, void *arg)
{
	struct dash_view *v = arg;
	struct dash_doc d;

	v->query = 0;
	if (error != NULL) {
		free(v->error);
		v->error = xstrdup(views_error(res, error));
		/* The last counts stay; the tab's note says they are not current. */
		tui_pane_set_info(v->pane, _("not current"));
	} else if (PQntuples(res) != 1 || dash_doc_parse(&d, PQgetvalue(res, 0, 0)) != 0) {
		free(v->error);
		v->error = xstrdup(_("the database sent a dashboard this console cannot read"));
	} else {
		dash_doc_free(&v->doc);
		v->doc = d;
		v->loaded = true;
		free(v->error);
		v->error = NULL;
		tui_pane_set_info(v->pane, NULL);
	}
	if (v->again) {
		v->again = false;
		schedule(v);
	} else if (v->follow) {
		v->follow = false;
		schedule(v);
	}
	tui_pane_dirty(v->pane);
}

static void on_change(struct tui_pane *p)
{
	struct dash_view *v = tui_pane_data(p);

	v->changed = true;
	if (!v->focused) {
		v->stale = true;
		return;
	}
	schedule(v);
}

static void on_focus(struct tui_pane *p, bool focused)
{
	struct dash_view *v = tui_pane_data(p);

	v->focused = focused;
	if (focused && (v->stale || (!v->loaded && v->query == 0))) {
		v->stale = false;
		schedule(v);
	}
}

static void step(struct dash_view *v, enum dash_move m)
{
	size_t to;

	if (v->npicks == 0)
		return;
	to = dash_nav(v->picks, v->npicks, v->sel < v->npicks ? v->sel : 0, m);
	v->sel = to;
	v->sel_metric = v->picks[to].metric;
	memcpy(v->sel_key, v->picks[to].key, sizeof v->sel_key);
}

static void first(struct dash_view *v)
{
	if (v->npicks == 0)
		return;
	v->sel = 0;
	v->sel_metric = v->picks[0].metric;
	memcpy(v->sel_key, v->picks[0].key, sizeof v->sel_key);
	v->agents_top = 0;
}

static void enter(struct dash_view *v)
{
	struct tui_ui *ui = tui_pane_ui(v->pane);
	const struct dash_pick *pk;

	if (ui == NULL || v->sel >= v->npicks)
		return;
	pk = &v->picks[v->sel];
	if (pk->metric == NULL) {
		/* The oldest waiting ticket itself. */
		const struct view_screen *s = views_screen("ticket");

		if (s != NULL && s->open != NULL)
			tui_ui_push(ui, s->open(v->db, pk->key, pk->what));
		return;
	}
	dash_list_open(ui, v->db, pk);
}

static unsigned on_request(struct tui_pane *p, int req)
{
	struct dash_view *v = tui_pane_data(p);
	struct tui_ui *ui = tui_pane_ui(p);

	switch (req) {
	case TUI_REQ_UP:
		step(v, DASH_UP);
		break;
	case TUI_REQ_DOWN:
		step(v, DASH_DOWN);
		break;
	case TUI_REQ_LEFT:
		step(v, DASH_LEFT);
		break;
	case TUI_REQ_RIGHT:
		step(v, DASH_RIGHT);
		break;
	case REQ_NEXT:
		step(v, DASH_NEXT);
		break;
	case REQ_PREV:
		step(v, DASH_PREV);
		break;
	case TUI_REQ_HOME:
		first(v);
		break;
	case TUI_REQ_ENTER:
		enter(v);
		break;
	case TUI_REQ_REFRESH:
		/* Asked for: now, whatever the second says. */
		if (v->timer != 0)
			tui_loop_remove(loop_of(v), v->timer);
		v->timer = 0;
		load(v);
		break;
	case REQ_EXPORT:
		if (ui != NULL)
			export_open(ui, v->db, NULL);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Paging moves nothing here: off the help. */
static bool available(struct tui_pane *p, int req)
{
	(void)p;
	return req != TUI_REQ_PAGE_UP && req != TUI_REQ_PAGE_DOWN && req != TUI_REQ_END;
}

static void draw(struct tui_pane *p, struct tui_canvas *c)
{
	dash_draw(tui_pane_data(p), c);
}

static void destroy(struct tui_pane *p)
{
	struct dash_view *v = tui_pane_data(p);

	views_live_remove(p);
	if (v->timer != 0 && loop_of(v) != NULL)
		tui_loop_remove(loop_of(v), v->timer);
	if (v->query != 0)
		db_session_cancel(v->query_db, v->query);
	dash_doc_free(&v->doc);
	free(v->picks);
	free(v->error);
	free(v);
}

static const struct tui_pane_ops ops = {
	.kind = "dashboard",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Dashboard"),
	.draw = draw,
	.on_request = on_request,
	.on_focus = on_focus,
	.available = available,
	.destroy = destroy,
};

struct tui_pane *dashboard_view_new(struct db_session *db)
{
	struct dash_view *v = xcalloc(1, sizeof *v);

	v->db = db;
	v->last_load = -1;
	v->pane = tui_pane_new(&ops, v);
	tui_pane_set_title(v->pane, _("Dashboard"));
	views_live_follow(v->pane, "dashboard", on_change);
	return v->pane;
}
