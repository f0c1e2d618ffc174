/* The customer's orders in a dialog, to pick one and open it.  The rows come
 * from the customer document already on screen: no query of its own. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/xalloc.h"
#include "tui/array_source.h"
#include "views/customer_parts.h"
#include "views/keytables.h"
#include "views/labels.h"
#include "views/match.h"
#include "views/views.h"

enum { PCOL_NUMBER, PCOL_PLACED, PCOL_STATUS, PCOL_TOTAL, PCOL_PARCEL, PCOL_COUNT };

static const struct tui_column columns[PCOL_COUNT] = {
	[PCOL_NUMBER] = { N_("Order"), 10, 0, TUI_ALIGN_LEFT, 0 },
	[PCOL_PLACED] = { N_("Placed"), 10, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
	[PCOL_STATUS] = { N_("Status"), 9, 0, TUI_ALIGN_LEFT, 0 },
	[PCOL_TOTAL] = { N_("Total"), 14, 0, TUI_ALIGN_RIGHT, 0 },
	[PCOL_PARCEL] = { N_("Parcel"), 10, 1, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
};

/* Keys: the dialog takes only its own (no tab switching under it); q closes it, as
 * it closes every read-only overlay (the help, the messages).  Enter and Esc lead
 * the F-key bar. */
static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected order"), 0 },
	{ TUI_REQ_BACK, "Esc q", N_("Back"), N_("Back to the customer"), 0 },
	/* F1 did nothing here. */
	{ TUI_REQ_HELP, "F1", N_("Help"), N_("Show these keys"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Move up one line"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Move down one line"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Move up one page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn", N_("PgDn"), N_("Move down one page"), 0 },
	{ TUI_REQ_HOME, "Home", N_("First"), N_("Go to the first order"), 0 },
	{ TUI_REQ_END, "End G", N_("Last"), N_("Go to the last order"), 0 },
};

const struct view_keytable customer_picker_keytable =
	VIEW_OVERLAY_KEYTABLE("customer orders", bindings, true);

struct picker {
	struct db_session *db;
	json_t *orders;
	/* What Enter does with the order; NULL: open it. */
	void (*chosen)(void *arg, json_t *order);
	void *arg;
	struct tui_array_source src;
};

static size_t count(void *items)
{
	return json_array_size(items);
}

static struct tui_row *make_row(void *items, size_t i)
{
	json_t *o = json_array_get(items, i);
	struct tui_row *r = tui_row_new(PCOL_COUNT);
	bool late = json_is_true(json_object_get(o, "late"));
	const char *parcel = customer_str(o, "parcel_status");
	char money[64], placed[LF_BUFSZ];

	tui_row_set(r, PCOL_NUMBER, customer_str(o, "number"));
	tui_row_set(r, PCOL_PLACED, lf_when(customer_str(o, "placed_at"), placed, sizeof placed));
	tui_row_set(r, PCOL_STATUS, late ? _("LATE") : label_order_status(customer_str(o, "status")));
	label_money(customer_str(o, "total"), customer_str(o, "currency"), money, sizeof money);
	tui_row_set(r, PCOL_TOTAL, money);
	tui_row_set(r, PCOL_PARCEL, *parcel != '\0' ? label_parcel_status(parcel) : "");
	if (late)
		tui_row_set_cell_role(r, PCOL_STATUS, TUI_ATTR_LATE);
	return r;
}

/* Find (/) and filter (\) go by the order's number or status, any case. */
static bool matches(void *items, size_t i, const char *text)
{
	json_t *o = json_array_get(items, i);
	struct match_span sp[1];

	return match_find(customer_str(o, "number"), text, sp, 1) > 0 ||
	       match_find(label_order_status(customer_str(o, "status")), text, sp, 1) > 0;
}

static const struct tui_array_ops rows_ops = { count, make_row, matches };

static unsigned on_request(struct tui_pane *p, int req)
{
	struct picker *pk = tui_pane_data(p);
	const void *k = tui_table_selected_key(tui_table_pane_table(p));
	struct tui_ui *ui = tui_pane_ui(p);
	json_t *o;
	char *id;

	if (req == TUI_REQ_BACK)
		return TUI_HANDLED | TUI_CLOSE;
	if (req == TUI_REQ_HELP) {
		if (ui != NULL)
			tui_ui_help(ui);
		return TUI_HANDLED;
	}
	if (req != TUI_REQ_ENTER)
		return TUI_IGNORED; /* moving: the table's */
	if (k != NULL && ui != NULL && pk->chosen != NULL) {
		pk->chosen(pk->arg, json_array_get(pk->orders, tui_array_key_index(k)));
	} else if (k != NULL && ui != NULL) {
		o = json_array_get(pk->orders, tui_array_key_index(k));
		id = xasprintf("%lld", json_integer_value(json_object_get(o, "id")));
		tui_ui_push(ui, order_view_new(pk->db, id, customer_str(o, "number")));
		free(id);
	}
	return TUI_HANDLED | TUI_CLOSE;
}

static void destroy(struct tui_pane *p)
{
	struct picker *pk = tui_pane_data(p);

	json_decref(pk->orders);
	free(pk);
}

static const struct tui_pane_ops ops = {
	.kind = "customer-orders",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Orders"),
	.on_request = on_request,
	.destroy = destroy,
};

void customer_orders_picker(struct tui_ui *ui, struct db_session *db, json_t *orders, const char *name)
{
	customer_orders_choose(ui, db, orders, name, NULL, NULL, NULL);
}

void customer_orders_choose(struct tui_ui *ui, struct db_session *db, json_t *orders, const char *name,
			    const char *title_text, void (*chosen)(void *arg, json_t *order), void *arg)
{
	struct picker *pk = xcalloc(1, sizeof *pk);
	struct tui_table *t;
	struct tui_pane *p;
	char *title;
	size_t n = json_array_size(orders);

	pk->db = db;
	pk->orders = json_incref(orders);
	pk->chosen = chosen;
	pk->arg = arg;
	pk->src.ops = &rows_ops;
	pk->src.items = pk->orders;
	t = tui_table_new(columns, PCOL_COUNT, &tui_array_source_ops, &pk->src);
	p = tui_table_pane_new(t, &ops, pk);
	title = title_text != NULL ? xstrdup(title_text) : xasprintf(_("Orders of %s"), name);
	tui_pane_set_title(p, title);
	free(title);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS | TUI_PANE_BAR_KEYS);
	/* Room for every order, up to the screen. */
	tui_pane_set_size(p, (int)(n < 3 ? 3 : n) + 1, 70);
	tui_ui_dialog(ui, p);
}
