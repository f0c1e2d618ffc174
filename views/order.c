/* One order, read-only: what the customer bought, what it cost, how it was paid,
 * where the parcels are, and the tickets and returns about it.  One query
 * (api.order_detail), live: a change to the order reloads it in place
 * (views/detail.c). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/phone.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/orders.h"
#include "tui/doc.h"
#include "views/detail.h"
#include "views/keytables.h"
#include "views/labels.h"
#include "views/order_plain.h"
#include "views/order_view.h"
#include "views/views.h"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static void money_pair(struct tui_doc *d, const char *label, json_t *o, const char *key,
		       const char *currency, enum tui_role role)
{
	char buf[64];

	label_money(str(o, key), currency, buf, sizeof buf);
	tui_doc_pair(d, label, buf, role);
}

static void render_lines(struct tui_doc *d, json_t *doc, const char *cur)
{
	size_t i;
	json_t *l;

	(void)tui_doc_heading(d, _("Lines"));
	json_array_foreach(json_object_get(doc, "lines"), i, l) {
		char qty[16], price[64], total[64];
		struct tui_doc_cell c[5] = {
			{ str(l, "sku"), 12, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			{ str(l, "name"), 24, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ qty, 5, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
			{ price, 14, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
			{ total, 14, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
		};

		(void)snprintf(qty, sizeof qty, "%lld×", json_integer_value(json_object_get(l, "qty")));
		label_money(str(l, "unit_price"), cur, price, sizeof price);
		label_money(str(l, "line_total"), cur, total, sizeof total);
		tui_doc_cells(d, c, 5);
	}
}

static void render_money(struct tui_doc *d, json_t *doc, const char *cur)
{
	json_t *pay = json_object_get(doc, "payment");
	bool free_ship = json_is_true(json_object_get(doc, "free_shipping"));
	const char *fee = str(doc, "shipping_fee");

	(void)tui_doc_heading(d, _("Amounts"));
	money_pair(d, _("Lines (tax incl.)"), doc, "lines_total", cur, TUI_ATTR_NORMAL);
	money_pair(d, _("of which tax"), doc, "tax_total", cur, TUI_ATTR_MUTED);
	/* A fee on a free-shipping order is the classic complaint: make it stand out. */
	if (free_ship && strcmp(fee, "0.00") != 0)
		money_pair(d, _("Shipping fee"), doc, "shipping_fee", cur, TUI_ATTR_LATE);
	else
		money_pair(d, free_ship ? _("Shipping (free)") : _("Shipping"), doc, "shipping_fee", cur,
			   TUI_ATTR_NORMAL);
	if (free_ship && strcmp(fee, "0.00") != 0)
		tui_doc_pair(d, "", _("a fee was charged on a free-shipping order"), TUI_ATTR_LATE);
	money_pair(d, _("Total"), doc, "total", cur, TUI_ATTR_TITLE);
	if (json_is_object(pay)) {
		char line[160], paid[64];

		label_money(str(pay, "paid"), cur, paid, sizeof paid);
		(void)snprintf(line, sizeof line, "%s · %s%s%s", paid, label_payment_method(str(pay, "method")),
			       *str(pay, "reference") != '\0' ? " · " : "", str(pay, "reference"));
		tui_doc_pair(d, _("Paid"), line, TUI_ATTR_NORMAL);
		money_pair(d, _("Refunded"), doc, "refunded", cur,
			   strcmp(str(doc, "refunded"), "0") != 0 ? TUI_ATTR_WARNING : TUI_ATTR_MUTED);
	}
}

static void render_parcels(struct tui_doc *d, json_t *doc)
{
	json_t *parcels = json_object_get(doc, "parcels"), *p;
	size_t i;

	(void)tui_doc_heading(d, _("Parcels"));
	if (json_array_size(parcels) == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, _("not shipped yet"));
	json_array_foreach(parcels, i, p) {
		const char *st = str(p, "status");
		enum tui_role role = strcmp(st, "EXCEPTION") == 0 || strcmp(st, "DELIVERY_ATTEMPTED") == 0
			? TUI_ATTR_WARNING : strcmp(st, "DELIVERED") == 0 ? TUI_ATTR_OK : TUI_ATTR_NORMAL;
		/* The database's name for the carrier (backdesk.carrier_name), the one the
		 * sentences and the customer's e-mails use; the code only from an older
		 * schema that has no name. */
		const char *carrier = *str(p, "carrier_name") != '\0' ? str(p, "carrier_name") : str(p, "carrier");
		char when[64];
		struct tui_doc_cell c[4] = {
			{ carrier, 18, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ str(p, "tracking_no"), 20, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ label_parcel_status(st), 18, TUI_ALIGN_LEFT, role },
			{ when, 0, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
		};

		/* The day it arrived when it has, else the day it left. */
		if (*str(p, "delivered_at") != '\0')
			(void)label_date(WHEN_DELIVERED, str(p, "delivered_at"), when, sizeof when);
		else
			(void)label_date(WHEN_SHIPPED, str(p, "shipped_at"), when, sizeof when);
		tui_doc_cells(d, c, 4);
		if (*str(p, "carrier_text") != '\0')
			tui_doc_pair(d, "", str(p, "carrier_text"), TUI_ATTR_MUTED);
		if (*str(p, "expected_delivery") != '\0')
			tui_doc_pair(d, _("expected delivery"), lf_when(str(p, "expected_delivery"), when, sizeof when),
				     TUI_ATTR_NORMAL);
		if (*str(p, "tracking_url") != '\0')
			tui_doc_pair(d, _("tracking link"), str(p, "tracking_url"), TUI_ATTR_MUTED);
	}
}

static void render_related(struct tui_doc *d, json_t *doc)
{
	json_t *tickets = json_object_get(doc, "tickets"), *returns = json_object_get(doc, "returns");
	json_t *t;
	size_t i;

	if (json_is_array(tickets)) {
		(void)tui_doc_heading(d, _("Tickets"));
		if (json_array_size(tickets) == 0)
			tui_doc_text(d, TUI_ATTR_MUTED, _("none"));
		json_array_foreach(tickets, i, t) {
			char when[64];
			struct tui_doc_cell c[4] = {
				{ str(t, "number"), 10, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
				{ label_ticket_status(str(t, "status")), 8, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
				{ label_date(WHEN_OPENED, str(t, "created_at"), when, sizeof when), 23,
				  TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
				{ str(t, "subject"), 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			};

			tui_doc_cells(d, c, 4);
		}
	}
	(void)tui_doc_heading(d, _("Returns"));
	if (json_array_size(returns) == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, _("none"));
	json_array_foreach(returns, i, t) {
		char when[64];
		struct tui_doc_cell c[4] = {
			{ str(t, "number"), 10, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ label_return_status(str(t, "status")), 15, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ label_date(WHEN_REQUESTED, str(t, "requested_at"), when, sizeof when), 26,
			  TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			{ str(t, "reason"), 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		};

		tui_doc_cells(d, c, 4);
	}
}

static void render_notes(struct tui_doc *d, json_t *doc)
{
	json_t *notes = json_object_get(doc, "notes"), *gifts = json_object_get(doc, "gift_codes"), *n;
	size_t i;

	if (json_array_size(gifts) > 0) {
		(void)tui_doc_heading(d, _("Gift codes"));
		json_array_foreach(gifts, i, n) {
			char money[64], when[64];
			bool used = json_is_true(json_object_get(n, "redeemed"));
			struct tui_doc_cell c[4] = {
				{ str(n, "code"), 14, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
				{ money, 20, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
				{ used ? label_gift_state("redeemed") : label_gift_state("valid"), 9,
				  TUI_ALIGN_LEFT, used ? TUI_ATTR_MUTED : TUI_ATTR_OK },
				{ label_date(WHEN_EXPIRES, str(n, "expires_at"), when, sizeof when), 0,
				  TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			};

			(void)label_gift_value(str(n, "amount"), str(n, "percent"), str(n, "max_value"),
					       str(n, "currency"), money, sizeof money);
			tui_doc_cells(d, c, 4);
		}
	}
	if (!json_is_array(notes))
		return;
	(void)tui_doc_heading(d, _("Internal notes"));
	if (json_array_size(notes) == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, _("none (n adds one)"));
	json_array_foreach(notes, i, n)
		detail_note(d, n);
}

/* Why it has not shipped, one line per reason, from api.order_detail's "why". */
static void render_why(struct tui_doc *d, json_t *doc)
{
	json_t *why = json_object_get(doc, "why"), *w;
	struct strbuf sb = STRBUF_INIT;
	char when[LF_BUFSZ];
	size_t i;

	json_array_foreach(why, i, w) {
		const char *reason = str(w, "reason");

		sb_puts(&sb, label_why_reason(reason));
		if (strcmp(reason, "out_of_stock") == 0) {
			/* The date first: it is what the caller asks, and a long name is cut. */
			if (*str(w, "expected") != '\0')
				sb_printf(&sb, _(", expected back %s"), lf_when(str(w, "expected"), when, sizeof when));
			else
				sb_puts(&sb, _(", no date for its return yet"));
			sb_printf(&sb, ": %s %s", str(w, "sku"), str(w, "name"));
		} else if (*str(w, "note") != '\0') {
			sb_printf(&sb, ": %s", str(w, "note"));
		} else if (*str(w, "since") != '\0') {
			sb_printf(&sb, _(" (since %s)"), lf_when(str(w, "since"), when, sizeof when));
		}
		tui_doc_pair(d, i == 0 ? _("Why") : "", sb.s, TUI_ATTR_WARNING);
		sb_reset(&sb);
	}
	sb_free(&sb);
}

static void render(struct tui_doc *d, json_t *doc)
{
	const char *cur = str(doc, "currency");
	json_t *cust = json_object_get(doc, "customer"), *addr = json_object_get(doc, "address");
	bool late = json_is_true(json_object_get(doc, "late"));
	struct strbuf sb = STRBUF_INIT;
	char phone[PHONE_BUFSZ + 16], when[LF_BUFSZ];

	tui_doc_clear(d);
	(void)tui_doc_heading(d, str(doc, "number"));
	sb_puts(&sb, label_order_status(str(doc, "status")));
	if (late)
		sb_printf(&sb, " · %s", _("LATE to ship"));
	tui_doc_pair(d, _("Status"), sb.s, late ? TUI_ATTR_LATE : TUI_ATTR_NORMAL);
	sb_reset(&sb);
	tui_doc_pair(d, _("Ordered"), lf_when(str(doc, "placed_at"), when, sizeof when), TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Ship by"), lf_when(str(doc, "ship_by"), when, sizeof when),
		     late ? TUI_ATTR_LATE : TUI_ATTR_NORMAL);
	if (*str(doc, "cancel_reason") != '\0')
		tui_doc_pair(d, _("Cancelled because"), str(doc, "cancel_reason"), TUI_ATTR_WARNING);

	/* The answer to "where is my order?", first, in plain words. */
	(void)tui_doc_heading(d, _("Where is it"));
	order_plain(doc, &sb);
	tui_doc_text(d, json_is_true(json_object_get(doc, "delivery_late")) ? TUI_ATTR_LATE : TUI_ATTR_NORMAL,
		     sb.s != NULL ? sb.s : "");
	sb_reset(&sb);
	/* A cancelled order promises nothing any more. */
	if (*str(doc, "promised_from") != '\0' && strcmp(str(doc, "status"), "cancelled") != 0) {
		char to[LF_BUFSZ];

		sb_printf(&sb, "%s – %s%s", lf_when(str(doc, "promised_from"), when, sizeof when),
			  lf_when(str(doc, "promised_to"), to, sizeof to),
			  json_is_true(json_object_get(doc, "delivery_late")) ? _(" · LATE") : "");
		tui_doc_pair(d, _("Promised"), sb.s,
			     json_is_true(json_object_get(doc, "delivery_late")) ? TUI_ATTR_LATE : TUI_ATTR_NORMAL);
		sb_reset(&sb);
	}
	render_why(d, doc);

	(void)tui_doc_heading(d, _("Customer"));
	tui_doc_pair(d, _("Name"), str(cust, "name"), TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("E-mail"), str(cust, "email"), TUI_ATTR_NORMAL);
	label_phone(str(cust, "phone"), phone, sizeof phone);
	tui_doc_pair(d, _("Phone"), phone, TUI_ATTR_NORMAL);
	sb_puts(&sb, str(addr, "line1"));
	if (*str(addr, "line2") != '\0')
		sb_printf(&sb, ", %s", str(addr, "line2"));
	/* Older addresses kept the district in line2 too. */
	if (*str(addr, "district") != '\0' && strcmp(str(addr, "district"), str(addr, "line2")) != 0)
		sb_printf(&sb, ", %s", str(addr, "district"));
	sb_printf(&sb, ", %s %s, %s", str(addr, "postcode"), str(addr, "city"), str(addr, "country"));
	tui_doc_pair(d, _("Ship to"), sb.s, TUI_ATTR_NORMAL);
	sb_free(&sb);

	render_lines(d, doc, cur);
	render_money(d, doc, cur);
	order_refunds_render(d, doc);
	render_parcels(d, doc);
	render_related(d, doc);
	render_notes(d, doc);
}

static void show(void *view, struct tui_doc *d, json_t *doc)
{
	struct order_view *v = view;

	render(d, doc);
	(void)snprintf(v->version, sizeof v->version, "%lld",
		       json_integer_value(json_object_get(doc, "version")));
	(void)snprintf(v->customer_id, sizeof v->customer_id, "%lld",
		       json_integer_value(json_object_get(json_object_get(doc, "customer"), "id")));
	(void)snprintf(v->currency, sizeof v->currency, "%s", str(doc, "currency"));
	(void)snprintf(v->customer_name, sizeof v->customer_name, "%s",
		       str(json_object_get(doc, "customer"), "name"));
	order_actions_loaded(v, doc);
	v->loaded = true;
}

static void destroy(void *view)
{
	struct order_view *v = view;

	order_actions_free(v);
	free(v->id);
	free(v->number);
	free(v);
}

static const struct detail_ops detail_ops = {
	.what = N_("the order"),
	.screen = "order",
	.load = db_order_detail,
	.show = show,
	.request = order_actions_request,
	.lost = order_actions_lost,
	.unsaved = order_actions_unsaved,
	/* Actions that do not apply are off the bar and the help, their keys say why. */
	.available = order_actions_available,
	.refused_key = order_actions_refused_key,
	.destroy = destroy,
};

void order_view_reload(struct order_view *v)
{
	detail_reload(v->detail);
}

const struct view_keytable order_keytable = VIEW_KEYTABLE("order", order_action_bindings, false);

static const struct tui_pane_ops order_ops = {
	.kind = "order",
	.bindings = order_action_bindings,
	.nbindings = OA_COUNT,
	.keys_title = N_("Order"),
	.on_request = detail_on_request,
	.lost = detail_lost,
	.unsaved = detail_unsaved,
	.on_key = detail_on_key,
	.available = detail_available,
	.destroy = detail_destroy,
};

struct tui_pane *order_view_new(struct db_session *db, const char *id, const char *number)
{
	struct order_view *v = xcalloc(1, sizeof *v);
	char *title;

	v->db = db;
	v->id = xstrdup(id);
	v->number = xstrdup(number);
	v->detail = detail_new(db, &detail_ops, id, &order_ops, v);
	v->pane = detail_pane(v->detail);
	title = xasprintf(_("Order %s"), number);
	tui_pane_set_title(v->pane, title);
	free(title);
	for (int i = 0; i < OA_COUNT; i++) {
		v->act[i].v = v;
		v->act[i].which = (enum order_action)i;
	}
	order_view_reload(v);
	return v->pane;
}
