/* All orders, newest first, a page at a time; Enter opens one.  Live: a NOTIFY on
 * the orders channel reloads the visible page without moving the cursor. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "views/keytables.h"
#include "views/orders_source.h"
#include "views/views.h"

enum { REQ_LATE = TUI_REQ_VIEW };

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected order"), CAP_VIEW_ORDERS },
	{ REQ_LATE, "l F7", N_("Late"), N_("Only orders late to ship (again: all orders)"),
	  CAP_VIEW_ORDERS },
};

const struct view_keytable orders_keytable = VIEW_KEYTABLE("orders", bindings, true);

struct orders_view {
	struct db_session *db;
	struct keyset_source *src;
};

static unsigned on_request(struct tui_pane *p, int req)
{
	struct orders_view *v = tui_pane_data(p);
	struct tui_table *t = tui_table_pane_table(p);
	const void *key;

	switch (req) {
	case TUI_REQ_ENTER:
		key = tui_table_selected_key(t);
		if (key == NULL)
			return TUI_HANDLED;
		tui_ui_push(tui_pane_ui(p), order_view_new(v->db, orders_key_id(key), orders_key_number(key)));
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_LATE: {
		const char *f = tui_table_filter(t);
		bool late = f != NULL && strcmp(f, "late") == 0;

		tui_table_set_filter(t, late ? NULL : "late");
		tui_pane_set_info(p, late ? NULL : _("filter: late"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	default:
		return TUI_IGNORED;
	}
}

static void on_change(struct tui_pane *p)
{
	tui_table_refresh(tui_table_pane_table(p));
}

static void destroy(struct tui_pane *p)
{
	struct orders_view *v = tui_pane_data(p);

	views_live_remove(p);
	keyset_source_free(v->src);
	free(v);
}

static const struct tui_pane_ops ops = {
	.kind = "orders",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Orders"),
	.on_request = on_request,
	.destroy = destroy,
};

struct tui_pane *orders_view_new(struct db_session *db)
{
	struct orders_view *v = xcalloc(1, sizeof *v);
	struct tui_table *t;
	struct tui_pane *p;

	v->db = db;
	v->src = orders_source_new(db);
	t = tui_table_new(orders_columns, ORDERS_VCOL_COUNT, &keyset_source_ops, v->src);
	p = tui_table_pane_new(t, &ops, v);
	tui_pane_set_title(p, _("Orders"));
	views_live_follow(p, "orders", on_change);
	return p;
}
