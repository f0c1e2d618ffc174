/* Customer 360: who they are, every order with its parcel, open and recent
 * tickets, returns, refunds, gift codes, total spent, satisfaction and internal
 * notes, on one screen from one query (api.customer_360).  ] and [ go to the next
 * and the previous part (letters act, and mean the same on every screen: a is the
 * address, n a note on the order screen); O (or Enter) picks an order to open.
 * Live: a change to the customer's
 * orders, tickets, returns, refunds or notes reloads it in place. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/customer.h"
#include "views/customer_parts.h"
#include "views/keytables.h"
#include "views/detail.h"
#include "views/call.h"
#include "views/return_start.h"
#include "views/gift_code.h"
#include "views/views.h"

enum {
	REQ_NEXT_PART = TUI_REQ_VIEW,
	REQ_PREV_PART,
	REQ_PICK,
	REQ_CALL,
	REQ_RETURN,
	REQ_GIFT,
};

/* No letter here means anything else on another screen (tests/unit/test_views_keys.c):
 * c is the call, as on the order screen, where agents start calls all day. */
static const struct tui_binding bindings[] = {
	{ REQ_PICK, "O Enter", N_("Open order"), N_("Pick one of the customer's orders and open it"),
	  CAP_VIEW_ORDERS },
	{ REQ_CALL, "c F9", N_("Call"), N_("Start a call with this customer; again: hang up and log it"),
	  CAP_ORDER_WRITE },
	/* As on the order screen, after picking the order (views/return_start.c). */
	{ REQ_RETURN, "R", N_("Start return"), N_("Start a return: pick lines, quantities and reasons"),
	  CAP_ORDER_WRITE },
	{ REQ_GIFT, "C", N_("Gift code"), N_("Give the customer a gift code: an amount or a percent"),
	  CAP_ORDER_WRITE },
	{ REQ_NEXT_PART, "]", N_("Next part"), N_("Next part: addresses, orders, tickets, returns…"), 0 },
	{ REQ_PREV_PART, "[", N_("Previous part"), N_("Previous part (from the top: the notes)"), 0 },
};

const struct view_keytable customer_keytable = VIEW_KEYTABLE("customer", bindings, false);

struct customer_view {
	struct db_session *db;
	struct tui_pane *pane;
	struct detail *detail; /* its document: for the order picker */
	char *id;
	char *name;
	size_t lines[CS_COUNT];
	/* The part ] or [ went to, and the scroll it left: a last part that cannot
	 * reach the top is still the one the next ] starts from. */
	int part;
	size_t part_top;
	bool said_part; /* the message line says where the last one went */
	struct return_start *ret; /* R: the return being started, with its draft */
	struct gift_code *gift; /* C: for the order picked last, until the screen closes */
};

/* The part that holds the top line, or the one last gone to when nothing moved. */
static int current_part(struct customer_view *v)
{
	size_t top = tui_doc_pane_top(v->pane);
	int cur = 0;

	if (v->part >= 0 && top == v->part_top)
		return v->part;
	for (int s = 0; s < CS_COUNT; s++)
		if (v->lines[s] <= top)
			cur = s;
	return cur;
}

/* The parts by the names of their headings. */
static const char *const part_names[CS_COUNT] = {
	[CS_CONTACT] = N_("Contact"),	  [CS_ADDRESSES] = N_("Addresses"),
	[CS_ORDERS] = N_("Orders"),	  [CS_TICKETS] = N_("Open tickets"),
	[CS_RETURNS] = N_("Returns"),	  [CS_REFUNDS] = N_("Refunds"),
	[CS_SATISFACTION] = N_("Satisfaction"), [CS_NOTES] = N_("Internal notes"),
};

static void go_part(struct customer_view *v, int step)
{
	int s = (current_part(v) + step + CS_COUNT) % CS_COUNT;

	tui_doc_pane_scroll_to(v->pane, v->lines[s]);
	v->part = s;
	v->part_top = tui_doc_pane_top(v->pane);
	/* A last part cannot reach the top, and often nothing moves at all: say where
	 * ] went rather than seem to ignore it. */
	if (v->part_top != v->lines[s]) {
		char *m = xasprintf(_("%s: lower on this screen (it scrolls no further)"), _(part_names[s]));

		tui_pane_message(v->pane, false, m);
		free(m);
		v->said_part = true;
	} else if (v->said_part && tui_pane_ui(v->pane) != NULL) {
		/* At the top now: that word would be wrong. */
		tui_ui_clear_message(tui_pane_ui(v->pane));
		v->said_part = false;
	}
}

static void set_title(struct customer_view *v)
{
	char *t = xasprintf(_("Customer %s"), v->name != NULL ? v->name : v->id);

	tui_pane_set_title(v->pane, t);
	free(t);
}

static void show(void *view, struct tui_doc *d, json_t *doc)
{
	struct customer_view *v = view;

	free(v->name);
	v->name = xstrdup(customer_str(doc, "name"));
	set_title(v);
	customer_render(d, doc, v->lines);
}

static void gift_given(void *arg)
{
	struct customer_view *v = arg;

	detail_reload(v->detail);
}

/* A gift code belongs to an order: the one picked.  A draft for another order
 * gives way to the new one. */
static void gift_for(void *arg, json_t *order)
{
	struct customer_view *v = arg;
	const char *number = customer_str(order, "number");

	if (v->gift != NULL && strcmp(gift_code_order(v->gift), number) != 0) {
		gift_code_free(v->gift);
		v->gift = NULL;
	}
	if (v->gift == NULL)
		v->gift = gift_code_new(v->db, number, customer_str(order, "currency"), gift_given, v);
	gift_code_show(v->gift, tui_pane_ui(v->pane));
}

static const struct detail_ops detail_ops = {
	.what = N_("the customer"), .screen = "customer", .load = db_customer_360, .show = show,
};

static void returned(void *arg)
{
	struct customer_view *v = arg;

	detail_reload(v->detail);
}

/* The order picked for R: its dialog, or the draft already typed for it. */
static void start_return(void *arg, json_t *order)
{
	struct customer_view *v = arg;
	const char *number = customer_str(order, "number");

	if (v->ret != NULL && strcmp(return_start_order(v->ret), number) != 0) {
		return_start_free(v->ret);
		v->ret = NULL;
	}
	if (v->ret == NULL)
		v->ret = return_start_new(v->db, number, returned, v);
	return_start_open(v->ret, tui_pane_ui(v->pane));
}

/* A return or a gift code typed and not sent: quitting asks, a lookup keeps the screen. */
static bool unsaved(struct tui_pane *p)
{
	struct customer_view *v = detail_view(p);

	return return_start_unsaved(v->ret) || gift_code_unsaved(v->gift);
}

static char *lost(struct tui_pane *p)
{
	struct customer_view *v = detail_view(p);

	return gift_code_lost(return_start_lost(NULL, v->ret), v->gift);
}

static unsigned on_request(struct tui_pane *p, int req)
{
	struct customer_view *v = detail_view(p);
	json_t *doc = detail_doc(v->detail);
	unsigned r = detail_request(v->detail, req);

	if (r != TUI_IGNORED)
		return r;
	if (req == REQ_CALL) {
		call_toggle(tui_pane_ui(p), v->db, doc != NULL ? v->id : NULL, v->name, NULL);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (req == REQ_PICK || req == REQ_RETURN) {
		json_t *orders = json_object_get(doc, "orders");

		if (json_array_size(orders) == 0) {
			tui_pane_message(p, false, doc == NULL ? _("still loading") : _("no orders to open"));
		} else if (req == REQ_PICK) {
			customer_orders_picker(tui_pane_ui(p), v->db, orders, v->name);
		} else {
			char *title = xasprintf(_("Start a return: which order of %s?"),
						v->name != NULL ? v->name : v->id);

			customer_orders_choose(tui_pane_ui(p), v->db, orders, v->name, title, start_return, v);
			free(title);
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (req == REQ_GIFT) {
		json_t *orders = json_object_get(doc, "orders");

		if (json_array_size(orders) == 0)
			tui_pane_message(p, false, doc == NULL ? _("still loading") : _("no orders: a gift code belongs to an order"));
		else {
			char *title = xasprintf(_("Gift code: which order of %s?"), v->name != NULL ? v->name : v->id);

			customer_orders_choose(tui_pane_ui(p), v->db, orders, v->name, title, gift_for, v);
			free(title);
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (req == REQ_NEXT_PART || req == REQ_PREV_PART) {
		if (doc != NULL)
			go_part(v, req == REQ_NEXT_PART ? 1 : -1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_IGNORED;
}

static void destroy(struct tui_pane *p)
{
	struct customer_view *v = detail_view(p);

	return_start_free(v->ret);
	gift_code_free(v->gift);
	detail_free(v->detail);
	free(v->id);
	free(v->name);
	free(v);
}

static const struct tui_pane_ops ops = {
	.kind = "customer",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Customer"),
	.on_request = on_request,
	.unsaved = unsaved,
	.lost = lost,
	.destroy = destroy,
};

struct tui_pane *customer_view_new(struct db_session *db, const char *id, const char *name)
{
	struct customer_view *v = xcalloc(1, sizeof *v);

	v->db = db;
	v->id = xstrdup(id);
	v->name = name != NULL && name[0] != '\0' ? xstrdup(name) : NULL;
	v->part = -1;
	v->detail = detail_new(db, &detail_ops, id, &ops, v);
	v->pane = detail_pane(v->detail);
	set_title(v);
	detail_reload(v->detail);
	return v->pane;
}
