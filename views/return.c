/* One return (RMA): what comes back, why, where it is in its lifecycle, what it
 * is worth and what was done about it.  One query (api.return_detail), live: a
 * change to the return or a refund reloads it in place (views/detail.c); the
 * next steps are views/return_actions.c. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/money.h"
#include "common/phone.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/return.h"
#include "tui/doc.h"
#include "views/detail.h"
#include "views/keytables.h"
#include "views/labels.h"
#include "views/return_view.h"
#include "views/views.h"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* An amount as the api gives it (a JSON number or text), as plain digits. */
static const char *amount_text(json_t *o, const char *key, char *num, size_t numlen)
{
	json_t *x = json_object_get(o, key);

	if (json_is_string(x))
		(void)snprintf(num, numlen, "%s", json_string_value(x));
	else if (json_is_integer(x))
		(void)snprintf(num, numlen, "%lld", (long long)json_integer_value(x));
	else if (json_is_real(x))
		(void)snprintf(num, numlen, "%.2f", json_real_value(x));
	else
		num[0] = '\0';
	return num;
}

/* The same, with its currency, as people read it. */
static const char *money(json_t *o, const char *key, const char *cur, char *out, size_t outlen)
{
	char num[48];

	label_money(amount_text(o, key, num, sizeof num), cur, out, outlen);
	return out;
}

/* Who did it and when, in one value: "2026-11-20 10:00 · Mehmet Demir". */
static void when_by(struct tui_doc *d, const char *label, json_t *doc, const char *at, const char *by)
{
	char buf[192], when[LF_BUFSZ];

	if (*str(doc, at) == '\0')
		return;
	(void)snprintf(buf, sizeof buf, "%s%s%s", lf_when(str(doc, at), when, sizeof when),
		       *str(doc, by) != '\0' ? " · " : "", str(doc, by));
	tui_doc_pair(d, label, buf, TUI_ATTR_NORMAL);
}

static void render_head(struct tui_doc *d, json_t *doc)
{
	json_t *order = json_object_get(doc, "order"), *cust = json_object_get(doc, "customer");
	const char *status = str(doc, "status");
	long age = return_age_days(str(doc, "requested_at"), time(NULL));
	struct strbuf sb = STRBUF_INIT;
	char when[LF_BUFSZ];
	char phone[PHONE_BUFSZ + 16];

	(void)tui_doc_heading(d, str(doc, "number"));
	sb_printf(&sb, "%s · %s", label_return_kind(str(doc, "kind")), label_return_status(status));
	if (age >= 0 && strcmp(status, "closed") != 0 && strcmp(status, "rejected") != 0) {
		if (age == 0)
			sb_printf(&sb, "%s", _(" · from today"));
		else
			sb_printf(&sb, age == 1 ? _(" · %ld day old") : _(" · %ld days old"), age);
	}
	tui_doc_pair(d, _("Status"), sb.s,
		     strcmp(status, "rejected") == 0 ? TUI_ATTR_WARNING : TUI_ATTR_TITLE);
	sb_reset(&sb);
	when_by(d, _("Requested"), doc, "requested_at", "created_by");
	sb_printf(&sb, "%s · %s", str(order, "number"), label_order_status(str(order, "status")));
	if (*str(order, "delivered_at") != '\0')
		sb_printf(&sb, _(" · delivered %s"), lf_when(str(order, "delivered_at"), when, sizeof when));
	tui_doc_pair(d, _("Order"), sb.s, TUI_ATTR_NORMAL);
	sb_reset(&sb);
	label_phone(str(cust, "phone"), phone, sizeof phone);
	sb_puts(&sb, str(cust, "name"));
	if (*phone != '\0')
		sb_printf(&sb, " · %s", phone);
	if (*str(cust, "email") != '\0')
		sb_printf(&sb, " · %s", str(cust, "email"));
	tui_doc_pair(d, _("Customer"), sb.s, TUI_ATTR_NORMAL);
	sb_free(&sb);
	if (*str(doc, "reason") != '\0')
		tui_doc_pair(d, _("Reason"), str(doc, "reason"), TUI_ATTR_NORMAL);
	if (*str(doc, "evidence") != '\0')
		tui_doc_pair(d, _("Evidence"), str(doc, "evidence"), TUI_ATTR_NORMAL);
	when_by(d, strcmp(status, "rejected") == 0 ? _("Rejected") : _("Decided"), doc, "decided_at", "decided_by");
	if (*str(doc, "rejection_reason") != '\0')
		tui_doc_pair(d, _("Because"), str(doc, "rejection_reason"), TUI_ATTR_WARNING);
}

static void render_lines(struct tui_doc *d, json_t *doc, const char *cur)
{
	json_t *l;
	size_t i;

	(void)tui_doc_heading(d, _("Lines"));
	json_array_foreach(json_object_get(doc, "lines"), i, l) {
		char no[16], qty[32], value[64];
		struct tui_doc_cell c[5] = {
			{ no, 3, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			{ str(l, "sku"), 12, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			{ qty, 9, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
			{ label_return_reason(str(l, "reason"), str(l, "reason_label")), 20,
			  TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ str(l, "name"), 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		};

		(void)snprintf(no, sizeof no, "%lld", (long long)json_integer_value(json_object_get(l, "line_no")));
		(void)snprintf(qty, sizeof qty, _("%lld of %lld"), (long long)json_integer_value(json_object_get(l, "qty")),
			       (long long)json_integer_value(json_object_get(l, "ordered_qty")));
		tui_doc_cells(d, c, 5);
		if (*str(l, "note") != '\0')
			tui_doc_pair(d, "", str(l, "note"), TUI_ATTR_MUTED);
		if (*str(l, "condition") != '\0') {
			struct strbuf sb = STRBUF_INIT;

			sb_printf(&sb, _("%s · %lld accepted · %s"), label_return_condition(str(l, "condition")),
				  (long long)json_integer_value(json_object_get(l, "accepted_qty")),
				  label_return_disposition(str(l, "disposition")));
			if (json_object_get(l, "restocking_fee") != NULL && !json_is_null(json_object_get(l, "restocking_fee")))
				sb_printf(&sb, _(" · fee %s"), money(l, "restocking_fee", cur, value, sizeof value));
			tui_doc_pair(d, "", sb.s, TUI_ATTR_NORMAL);
			sb_free(&sb);
		}
	}
}

static void render_progress(struct tui_doc *d, json_t *doc)
{
	char buf[192];

	if (*str(doc, "tracking_no") != '\0') {
		(void)snprintf(buf, sizeof buf, "%s · %s%s%s",
			       *str(doc, "carrier_name") != '\0' ? str(doc, "carrier_name") : str(doc, "carrier"),
			       str(doc, "tracking_no"), *str(doc, "parcel_at") != '\0' ? " · " : "", str(doc, "parcel_at"));
		tui_doc_pair(d, _("Parcel"), buf, TUI_ATTR_NORMAL);
	}
	when_by(d, _("Received"), doc, "received_at", "received_by");
	when_by(d, _("Inspected"), doc, "inspected_at", "inspected_by");
	if (*str(doc, "inspection_note") != '\0')
		tui_doc_pair(d, _("Inspection"), str(doc, "inspection_note"), TUI_ATTR_NORMAL);
	when_by(d, _("Resolved"), doc, "resolved_at", "resolved_by");
	if (*str(doc, "exchange_order") != '\0')
		tui_doc_pair(d, _("Exchange order"), str(doc, "exchange_order"), TUI_ATTR_NORMAL);
	if (*str(doc, "gift_code") != '\0')
		tui_doc_pair(d, _("Gift code"), str(doc, "gift_code"), TUI_ATTR_NORMAL);
}

/* Only for those who see money: the warehouse gets null here. */
static void render_money(struct tui_doc *d, json_t *doc, const char *cur)
{
	json_t *m = json_object_get(doc, "money"), *refunds = json_object_get(doc, "refunds"), *f;
	char buf[64];
	size_t i;

	if (!json_is_object(m))
		return;
	(void)tui_doc_heading(d, _("Money"));
	/* Before inspection nothing is accepted, so every sum is zero: say what is
	 * claimed instead, and when the amount due will be known. */
	if (*str(doc, "inspected_at") == '\0') {
		int64_t claimed = 0, v;
		json_t *l;

		json_array_foreach(json_object_get(doc, "lines"), i, l) {
			if (money_parse(amount_text(l, "value", buf, sizeof buf), 2, &v) == 0)
				claimed += v;
		}
		(void)lf_money(claimed, cur, 2, buf, sizeof buf);
		tui_doc_pair(d, _("Claimed"), buf, TUI_ATTR_NORMAL);
		tui_doc_pair(d, _("Due"), _("known after the inspection"), TUI_ATTR_MUTED);
		return;
	}
	tui_doc_pair(d, _("Goods"), money(m, "goods", cur, buf, sizeof buf), TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Restocking fee"), money(m, "restocking", cur, buf, sizeof buf), TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Shipping back"), money(m, "shipping", cur, buf, sizeof buf), TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Refunded"), money(m, "refunded", cur, buf, sizeof buf), TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Due"), money(m, "due", cur, buf, sizeof buf), TUI_ATTR_TITLE);
	if (json_array_size(refunds) == 0)
		return;
	(void)tui_doc_heading(d, _("Refunds"));
	json_array_foreach(refunds, i, f) {
		char amount[64], when[LF_BUFSZ];
		struct tui_doc_cell c[4] = {
			{ lf_when(str(f, "created_at"), when, sizeof when), 17, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			{ label_refund_kind(str(f, "kind")), 13, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ money(f, "amount", cur, amount, sizeof amount), 16, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
			{ str(f, "created_by"), 0, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
		};

		tui_doc_cells(d, c, 4);
	}
}

static void render_history(struct tui_doc *d, json_t *doc)
{
	json_t *h;
	size_t i;

	(void)tui_doc_heading(d, _("History"));
	if (json_array_size(json_object_get(doc, "history")) == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, _("none"));
	json_array_foreach(json_object_get(doc, "history"), i, h) {
		const char *action = str(h, "action");
		struct tui_doc_cell c[3] = {
			{ str(h, "at"), 17, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			/* "return.approve": the step's own word is enough here. */
			{ strncmp(action, "return.", 7) == 0 ? action + 7 : action, 14, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ str(h, "actor"), 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		};

		tui_doc_cells(d, c, 3);
	}
}

static void show(void *view, struct tui_doc *d, json_t *doc)
{
	struct return_view *v = view;
	const char *cur = str(json_object_get(doc, "order"), "currency");
	char *title;

	render_head(d, doc);
	render_lines(d, doc, cur);
	render_progress(d, doc);
	render_money(d, doc, cur);
	render_history(d, doc);
	if (strcmp(v->number, str(doc, "number")) != 0 && *str(doc, "number") != '\0') {
		free(v->number);
		v->number = xstrdup(str(doc, "number"));
		title = xasprintf(_("Return %s"), v->number);
		tui_pane_set_title(v->pane, title);
		free(title);
	}
	return_actions_loaded(v, doc);
	v->loaded = true;
}

static void destroy(void *view)
{
	struct return_view *v = view;

	return_actions_free(v);
	json_decref(v->lines);
	free(v->id);
	free(v->number);
	free(v);
}

static const struct detail_ops detail_ops = {
	.what = N_("the return"),
	.screen = "return",
	.load = db_return_detail,
	.show = show,
	.request = return_actions_request,
	.lost = return_actions_lost,
	.unsaved = return_actions_unsaved,
	/* Steps that do not apply now are off the bar and the help, their keys say why. */
	.available = return_actions_available,
	.refused_key = return_actions_refused_key,
	.destroy = destroy,
};

void return_view_reload(struct return_view *v)
{
	detail_reload(v->detail);
}

const struct view_keytable return_keytable = VIEW_KEYTABLE("return", return_bindings, false);

static const struct tui_pane_ops return_ops = {
	.kind = "return",
	.bindings = return_bindings,
	.nbindings = RK_COUNT,
	.keys_title = N_("Return"),
	.on_request = detail_on_request,
	.lost = detail_lost,
	.unsaved = detail_unsaved,
	.on_key = detail_on_key,
	.available = detail_available,
	.destroy = detail_destroy,
};

struct tui_pane *return_view_new(struct db_session *db, const char *id, const char *number)
{
	struct return_view *v = xcalloc(1, sizeof *v);
	char *title;

	v->db = db;
	v->id = xstrdup(id);
	v->number = xstrdup(number != NULL ? number : "");
	v->detail = detail_new(db, &detail_ops, id, &return_ops, v);
	v->pane = detail_pane(v->detail);
	title = xasprintf(_("Return %s"), v->number);
	tui_pane_set_title(v->pane, title);
	free(title);
	for (int i = 0; i < RF_COUNT; i++) {
		v->act[i].v = v;
		v->act[i].which = (enum return_form)i;
		v->act[i].step = -1;
	}
	return_view_reload(v);
	return v->pane;
}
