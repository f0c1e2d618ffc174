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
#include "views/registry.h"
#include "views/returns_source.h"
#include "views/returns_words.h"
#include "views/views.h"

/* The ages read "3d": time passing is no NOTIFY, so the page is read again each
 * minute. */
#define RETURNS_CLOCK_MS 60000

enum { REQ_NEXT_VIEW = TUI_REQ_VIEW, REQ_PREV_VIEW };

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected return"), 0 },
	{ REQ_NEXT_VIEW, "Right ]", N_("Next view"), N_("The next view on the strip"), 0 },
	{ REQ_PREV_VIEW, "Left [", N_("Previous view"), N_("The previous view on the strip"), 0 },
};

const struct view_keytable returns_keytable = VIEW_KEYTABLE("returns", bindings, true);

/* What the strip calls each view. */
static const char *const view_names[RETURNS_VIEW_COUNT] = {
	[RETURNS_TO_APPROVE] = N_("To approve"),
	[RETURNS_AWAITING] = N_("Awaiting parcel"),
	[RETURNS_TO_INSPECT] = N_("To inspect"),
	[RETURNS_TO_RESOLVE] = N_("To resolve"),
	[RETURNS_OPEN] = N_("Open"),
	[RETURNS_CLOSED] = N_("Closed"),
};

struct returns_pane {
	struct db_session *db;
	struct tui_pane *pane;
	struct returns_source *src;
	/* The table's columns: the value's is blanked for a role without money. */
	struct tui_column cols[RETURNS_VCOL_COUNT];
	long long counts[RETURNS_VIEW_COUNT];
	bool have_counts;
	unsigned count_query;
	struct tui_loop *loop;
	unsigned long clock; /* the minute's refresh, once shown */
	bool shown;          /* focused once: nothing is loaded before */
	bool count_again;    /* something changed while the counts were on their way */
};

static void update_strip(struct returns_pane *v)
{
	char text[RETURNS_VIEW_COUNT][96];
	const char *labels[RETURNS_VIEW_COUNT];

	for (size_t i = 0; i < RETURNS_VIEW_COUNT; i++) {
		returns_count_text(_(view_names[i]), v->have_counts ? v->counts[i] : -1,
				   DB_RETURNS_COUNT_CAP, text[i], sizeof text[i]);
		labels[i] = text[i];
	}
	tui_table_pane_set_strip(v->pane, labels, RETURNS_VIEW_COUNT, (size_t)v->src->view);
}

static void load_counts(struct returns_pane *v);

static void on_counts(const PGresult *res, const char *error, void *arg)
{
	struct returns_pane *v = arg;

	v->count_query = 0;
	if (v->count_again) {
		v->count_again = false;
		load_counts(v);
		return;
	}
	/* A failure leaves the last counts; the list itself says what went wrong. */
	if (error != NULL || PQntuples(res) != 1 || PQnfields(res) != RETURNS_VIEW_COUNT)
		return;
	for (int i = 0; i < RETURNS_VIEW_COUNT; i++)
		v->counts[i] = strtoll(PQgetvalue(res, 0, i), NULL, 10);
	v->have_counts = true;
	update_strip(v);
}

static void load_counts(struct returns_pane *v)
{
	if (v->count_query != 0) {
		v->count_again = true;
		return;
	}
	v->count_query = db_returns_counts(v->db, on_counts, v);
}

static void show_view(struct returns_pane *v, enum returns_view which)
{
	returns_source_set_view(v->src, which);
	update_strip(v);
	tui_table_reload(tui_table_pane_table(v->pane));
}

static void on_strip(void *arg, size_t i)
{
	if (i < RETURNS_VIEW_COUNT)
		show_view(arg, (enum returns_view)i);
}

static void step_view(struct returns_pane *v, int by)
{
	int n = RETURNS_VIEW_COUNT;

	show_view(v, (enum returns_view)(((int)v->src->view + by + n) % n));
}

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
		step_view(v, req == REQ_NEXT_VIEW ? 1 : -1);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_REQ_REFRESH:
		load_counts(v);
		return TUI_IGNORED; /* and the table loads its page */
	default:
		return TUI_IGNORED;
	}
}

static void on_change(struct tui_pane *p)
{
	struct returns_pane *v = tui_pane_data(p);

	if (!v->shown)
		return;
	tui_table_refresh(tui_table_pane_table(p));
	load_counts(v);
}

static void on_clock(void *arg)
{
	struct returns_pane *v = arg;

	on_change(v->pane);
}

/* The value column as the role may see it; the role is known by the time
 * anyone looks (and a login's role does not change under it). */
static void show_money(struct returns_pane *v, bool money)
{
	v->cols[RETURNS_VCOL_VALUE] = money ? returns_columns[RETURNS_VCOL_VALUE] : returns_no_value_column;
}

/* The first time the tab is opened: the counts (the table pane asks for its
 * rows then too). */
static void on_focus(struct tui_pane *p, bool focused)
{
	struct returns_pane *v = tui_pane_data(p);
	struct tui_ui *ui = tui_pane_ui(p);

	if (!focused)
		return;
	if (ui != NULL)
		show_money(v, (tui_ui_caps(ui) & CAP_VIEW_PAYMENTS) != 0);
	if (v->shown)
		return;
	v->shown = true;
	load_counts(v);
	if (ui != NULL) {
		v->loop = tui_ui_loop(ui);
		v->clock = tui_loop_every(v->loop, RETURNS_CLOCK_MS, on_clock, v);
	}
}

static void destroy(struct tui_pane *p)
{
	struct returns_pane *v = tui_pane_data(p);

	views_live_remove(p);
	if (v->clock != 0)
		tui_loop_remove(v->loop, v->clock);
	if (v->count_query != 0)
		db_session_cancel(v->db, v->count_query);
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
	tui_table_pane_on_strip(v->pane, on_strip, v);
	update_strip(v);
	views_live_follow(v->pane, "returns", on_change);
	return v->pane;
}
