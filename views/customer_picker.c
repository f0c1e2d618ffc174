/* The customer's orders in a dialog, to pick one and open it.  The rows come
 * from the customer document already on screen: no query of its own. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "views/customer_parts.h"
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

/* Keys: the dialog takes only its own (no tab switching under it). */
static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected order"), 0 },
	{ TUI_REQ_BACK, "Esc", N_("Close"), N_("Close the list"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Move up one line"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Move down one line"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Move up one page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn", N_("PgDn"), N_("Move down one page"), 0 },
	{ TUI_REQ_HOME, "Home", N_("First"), N_("Go to the first order"), 0 },
	{ TUI_REQ_END, "End G", N_("Last"), N_("Go to the last order"), 0 },
};

struct picker {
	struct db_session *db;
	json_t *orders;
};

struct pick_key {
	char *id, *number;
};

static void free_key(void *k)
{
	struct pick_key *key = k;

	if (key == NULL)
		return;
	free(key->id);
	free(key->number);
	free(key);
}

static bool same_key(const void *a, const void *b)
{
	return strcmp(((const struct pick_key *)a)->id, ((const struct pick_key *)b)->id) == 0;
}

static struct tui_row *make_row(json_t *o)
{
	struct tui_row *r = tui_row_new(PCOL_COUNT);
	struct pick_key *k = xcalloc(1, sizeof *k);
	bool late = json_is_true(json_object_get(o, "late"));
	const char *parcel = customer_str(o, "parcel_status");
	char money[64];

	k->id = xasprintf("%lld", json_integer_value(json_object_get(o, "id")));
	k->number = xstrdup(customer_str(o, "number"));
	tui_row_set_key(r, k);
	tui_row_set(r, PCOL_NUMBER, k->number);
	tui_row_set(r, PCOL_PLACED, customer_str(o, "placed_at"));
	tui_row_set(r, PCOL_STATUS, late ? _("LATE") : label_order_status(customer_str(o, "status")));
	label_money(customer_str(o, "total"), customer_str(o, "currency"), money, sizeof money);
	tui_row_set(r, PCOL_TOTAL, money);
	tui_row_set(r, PCOL_PARCEL, *parcel != '\0' ? label_parcel_status(parcel) : "");
	if (late)
		tui_row_set_cell_role(r, PCOL_STATUS, TUI_ATTR_LATE);
	return r;
}

/* Does order o show for what was typed (its number or status, any case)? */
static bool shows(json_t *o, const char *text)
{
	struct match_span sp[1];

	return text == NULL || text[0] == '\0' ||
	       match_find(customer_str(o, "number"), text, sp, 1) > 0 ||
	       match_find(label_order_status(customer_str(o, "status")), text, sp, 1) > 0;
}

/* Synchronous: every order is in the first answer.  Find (/) starts the list at
 * the first order that matches, filter (\) keeps only those. */
static void fetch(void *s, struct tui_table *t, const struct tui_fetch *f)
{
	struct picker *pk = s;
	size_t total = json_array_size(pk->orders), n = 0, i = 0;
	struct tui_row **rows = xcalloc(total + 1, sizeof *rows);
	bool any = f->dir == TUI_FETCH_FIRST || f->dir == TUI_FETCH_AT || f->dir == TUI_FETCH_SEEK;

	if (f->dir == TUI_FETCH_SEEK)
		while (i < total && !shows(json_array_get(pk->orders, i), f->seek))
			i++;
	for (; any && i < total; i++)
		if (shows(json_array_get(pk->orders, i), f->filter))
			rows[n++] = make_row(json_array_get(pk->orders, i));
	tui_table_deliver(t, f->id, rows, n, true);
	free(rows);
}

static const struct tui_source_ops source_ops = { fetch, NULL, same_key, free_key };

static unsigned on_request(struct tui_pane *p, int req)
{
	struct picker *pk = tui_pane_data(p);
	const struct pick_key *k = tui_table_selected_key(tui_table_pane_table(p));
	struct tui_ui *ui = tui_pane_ui(p);

	if (req == TUI_REQ_BACK)
		return TUI_HANDLED | TUI_CLOSE;
	if (req != TUI_REQ_ENTER)
		return TUI_IGNORED; /* moving: the table's */
	if (k != NULL && ui != NULL)
		tui_ui_push(ui, order_view_new(pk->db, k->id, k->number));
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

void customer_orders_picker(struct tui_ui *ui, struct db_session *db, json_t *orders,
			    const char *name)
{
	struct picker *pk = xcalloc(1, sizeof *pk);
	struct tui_table *t;
	struct tui_pane *p;
	char *title;
	size_t n = json_array_size(orders);

	pk->db = db;
	pk->orders = json_incref(orders);
	t = tui_table_new(columns, PCOL_COUNT, &source_ops, pk);
	p = tui_table_pane_new(t, &ops, pk);
	title = xasprintf(_("Orders of %s"), name);
	tui_pane_set_title(p, title);
	free(title);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS);
	/* Room for every order, up to the screen. */
	tui_pane_set_size(p, (int)(n < 3 ? 3 : n) + 1, 70);
	tui_ui_dialog(ui, p);
}
