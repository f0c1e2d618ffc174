/* The Shipments pane (tab 4): the orders waiting for a parcel and the parcels
 * by view (in transit, in trouble, silent, late, delivered, coming back), a page
 * at a time, on a strip with their counts like Tickets and Returns.  Live: a
 * NOTIFY on the shipments channel (a parcel, its events, its delay notice) or
 * the orders channel (an order paid or shipped) reloads the page, the cursor
 * staying on its row, and the counts.  Enter opens the parcel (To pack: the
 * order).  U asks the carriers about the parcels on the screen now
 * (views/tracking.h); their answers come back as any change does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/shipments_list.h"
#include "views/keytables.h"
#include "views/queue_strip.h"
#include "views/registry.h"
#include "views/shipments_source.h"
#include "views/tracking.h"
#include "views/views.h"

enum { REQ_NEXT_VIEW = TUI_REQ_VIEW, REQ_PREV_VIEW, REQ_ASK };

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected parcel (To pack: the order)"), 0 },
	{ REQ_NEXT_VIEW, "Right ]", N_("Next view"), N_("The next view on the strip"), 0 },
	{ REQ_PREV_VIEW, "Left [", N_("Previous view"), N_("The previous view on the strip"), 0 },
	{ REQ_ASK, "U", N_("Ask carrier"), N_("Ask the carriers about the parcels on the screen now"), CAP_VIEW_ORDERS },
};

const struct view_keytable shipments_keytable = VIEW_KEYTABLE("shipments", bindings, true);

static const char *const view_names[SHIPMENTS_VIEW_COUNT] = {
	[SHIPMENTS_TO_PACK] = NC_("queue view", "To pack"),
	[SHIPMENTS_IN_TRANSIT] = NC_("queue view", "In transit"),
	[SHIPMENTS_EXCEPTION] = NC_("queue view", "Exception"),
	[SHIPMENTS_STALE] = NC_("queue view", "No movement"),
	[SHIPMENTS_LATE] = NC_("queue view", "Late"),
	[SHIPMENTS_DELIVERED] = NC_("queue view", "Delivered"),
	[SHIPMENTS_RETURNED] = NC_("queue view", "Returned"),
};

_Static_assert(SHIPMENTS_VIEW_COUNT <= QUEUE_STRIP_MAX, "the strip holds every view");

struct shipments_pane {
	struct db_session *db;
	struct tui_pane *pane;
	struct shipments_source *src;
	struct queue_strip strip;
	/* The table's columns: To pack's or the parcels', as the view is. */
	struct tui_column cols[SHIPMENTS_VCOL_COUNT];
};

static void set_columns(struct shipments_pane *v, enum shipments_view which)
{
	memcpy(v->cols, which == SHIPMENTS_TO_PACK ? shipments_to_pack_columns : shipments_parcel_columns,
	       sizeof v->cols);
}

static void strip_show(void *arg, size_t which)
{
	struct shipments_pane *v = arg;

	shipments_source_set_view(v->src, (enum shipments_view)which);
	set_columns(v, (enum shipments_view)which);
}

static unsigned strip_count(void *arg, db_result_fn done, void *done_arg)
{
	struct shipments_pane *v = arg;

	return db_shipments_counts(v->db, done, done_arg);
}

static const struct queue_strip_ops strip_ops = {
	.names = view_names,
	.n = SHIPMENTS_VIEW_COUNT,
	.cap = DB_SHIPMENTS_COUNT_CAP,
	.show = strip_show,
	.count = strip_count,
};

static void open_row(struct shipments_pane *v, const void *key)
{
	bool order = v->src->view == SHIPMENTS_TO_PACK;
	const struct view_screen *s = views_screen(order ? "order" : "parcel");
	struct tui_ui *ui = tui_pane_ui(v->pane);

	if (ui == NULL || s == NULL || s->open == NULL)
		return;
	if (order)
		tui_ui_push(ui, s->open(v->db, shipments_key_order_id(key), shipments_key_order(key)));
	else
		tui_ui_push(ui, s->open(v->db, shipments_key_id(key), shipments_key_number(key)));
}

/* The parcels on the screen: the page the person is looking at, not the list. */
static unsigned ask_visible(struct shipments_pane *v)
{
	struct tui_table *t = tui_table_pane_table(v->pane);
	const struct tui_row *row;
	char *why = NULL, *first_why = NULL, *text;
	unsigned asked = 0, refused = 0;
	bool sel;

	if (v->src->view == SHIPMENTS_TO_PACK) {
		tui_pane_message(v->pane, true, _("To pack lists orders without a parcel: no carrier to ask"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	for (int i = 0; tui_table_line(t, i, &row, &sel) != TUI_LINE_BLANK; i++) {
		const void *key = row != NULL ? tui_row_key(row) : NULL;

		if (key == NULL)
			continue;
		if (tracking_ask(tui_row_cell(row, SHIPMENTS_VCOL_1), shipments_key_number(key), NULL, NULL,
				 &why) == 0) {
			asked++;
		} else {
			refused++;
			if (first_why == NULL)
				first_why = why;
			else
				free(why);
		}
		why = NULL;
	}
	if (asked == 0 && refused == 0)
		text = xstrdup(_("no parcels on the screen to ask about"));
	else if (refused == 0)
		text = xasprintf(ngettext("asking the carrier about %u parcel…",
					  "asking the carriers about %u parcels…", asked),
				 asked);
	else
		text = xasprintf(_("asking about %u parcels; %u not: %s"), asked, refused, first_why);
	tui_pane_message(v->pane, refused > 0, text);
	free(text);
	free(first_why);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned on_request(struct tui_pane *p, int req)
{
	struct shipments_pane *v = tui_pane_data(p);
	const void *key;

	switch (req) {
	case TUI_REQ_ENTER:
		key = tui_table_selected_key(tui_table_pane_table(p));
		if (key != NULL)
			open_row(v, key);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_NEXT_VIEW:
	case REQ_PREV_VIEW:
		queue_strip_step(&v->strip, req == REQ_NEXT_VIEW ? 1 : -1);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_ASK:
		return ask_visible(v);
	case TUI_REQ_REFRESH:
		queue_strip_load_counts(&v->strip);
		return TUI_IGNORED; /* and the table loads its page */
	default:
		return TUI_IGNORED;
	}
}

static void on_change(struct tui_pane *p)
{
	struct shipments_pane *v = tui_pane_data(p);

	queue_strip_changed(&v->strip);
}

/* The first time the tab is opened: the counts (the table asks for its rows
 * then too), and each minute on, since parcels fall silent or late by the clock. */
static void on_focus(struct tui_pane *p, bool focused)
{
	struct shipments_pane *v = tui_pane_data(p);

	queue_strip_focus(&v->strip, focused);
}

static void destroy(struct tui_pane *p)
{
	struct shipments_pane *v = tui_pane_data(p);

	views_live_remove(p);
	queue_strip_fini(&v->strip);
	shipments_source_free(v->src);
	free(v);
}

static const struct tui_pane_ops ops = {
	.kind = "shipments",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Shipments"),
	.on_request = on_request,
	.on_focus = on_focus,
	.destroy = destroy,
};

struct tui_pane *shipments_view_new(struct db_session *db)
{
	struct shipments_pane *v = xcalloc(1, sizeof *v);
	struct tui_table *t;

	v->db = db;
	v->src = shipments_source_new(db);
	set_columns(v, v->src->view);
	t = tui_table_new(v->cols, SHIPMENTS_VCOL_COUNT, &keyset_source_ops, v->src);
	v->pane = tui_table_pane_new(t, &ops, v);
	tui_pane_set_title(v->pane, _("Shipments"));
	tui_table_pane_set_lazy(v->pane);
	queue_strip_init(&v->strip, &strip_ops, v, db, v->pane, (size_t)v->src->view);
	views_live_follow(v->pane, "shipments", on_change);
	return v->pane;
}
