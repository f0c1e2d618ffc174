/* One parcel: its carrier and tracking number, where it is (the normalized
 * status and the carrier's own words), the event timeline, the promised window
 * and whether it is late or silent, when the carrier was last asked and what
 * went wrong then, its order, and its delay notice.  One query
 * (api.parcel_detail), live: news of the parcel reloads it in place
 * (views/detail.c); the keys are views/parcel_actions.c. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/parcel.h"
#include "tui/doc.h"
#include "views/detail.h"
#include "views/keytables.h"
#include "views/labels.h"
#include "views/parcel_view.h"
#include "views/views.h"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* "a and b", "a", "b" or nothing, as one value joined by " · ". */
static void pair2(struct tui_doc *d, const char *label, const char *a, const char *b, enum tui_role role)
{
	char buf[256];

	if (*a == '\0' && *b == '\0')
		return;
	(void)snprintf(buf, sizeof buf, "%s%s%s", a, *a != '\0' && *b != '\0' ? " · " : "", b);
	tui_doc_pair(d, label, buf, role);
}

static void render_head(struct tui_doc *d, json_t *doc)
{
	json_t *order = json_object_get(doc, "order");
	bool late = json_is_true(json_object_get(doc, "late"));
	bool stale = json_is_true(json_object_get(doc, "stale"));
	struct strbuf sb = STRBUF_INIT;
	char when[LF_BUFSZ], when2[LF_BUFSZ];

	sb_printf(&sb, "%s %s", *str(doc, "carrier_name") != '\0' ? str(doc, "carrier_name") : str(doc, "carrier"),
		  str(doc, "tracking_no"));
	(void)tui_doc_heading(d, sb.s);
	sb_reset(&sb);
	sb_puts(&sb, label_parcel_status(str(doc, "status")));
	if (late)
		sb_puts(&sb, _(" · late"));
	if (stale)
		sb_puts(&sb, _(" · no movement"));
	tui_doc_pair(d, _("Status"), sb.s, late || stale ? TUI_ATTR_WARNING : TUI_ATTR_TITLE);
	sb_reset(&sb);
	/* The carrier's own words, as it said them: what the customer sees on its page. */
	pair2(d, _("Carrier says"), str(doc, "carrier_code"), str(doc, "carrier_text"), TUI_ATTR_NORMAL);
	if (*str(doc, "promised_from") != '\0' || *str(doc, "promised_to") != '\0') {
		/* A window, or its one known end. */
		if (*str(doc, "promised_from") != '\0' && *str(doc, "promised_to") != '\0')
			sb_printf(&sb, "%s – %s", lf_when(str(doc, "promised_from"), when, sizeof when),
				  lf_when(str(doc, "promised_to"), when2, sizeof when2));
		else
			sb_puts(&sb, lf_when(*str(doc, "promised_to") != '\0' ? str(doc, "promised_to") : str(doc, "promised_from"),
					     when, sizeof when));
		if (late)
			sb_puts(&sb, _(" · late"));
		tui_doc_pair(d, _("Promised"), sb.s, late ? TUI_ATTR_LATE : TUI_ATTR_NORMAL);
		sb_reset(&sb);
	}
	if (*str(doc, "expected_delivery") != '\0')
		tui_doc_pair(d, _("Expected"), lf_when(str(doc, "expected_delivery"), when, sizeof when), TUI_ATTR_NORMAL);
	pair2(d, _("Shipped"), lf_when(str(doc, "shipped_at"), when, sizeof when), str(doc, "shipped_by"),
	      TUI_ATTR_NORMAL);
	if (*str(doc, "delivered_at") != '\0')
		tui_doc_pair(d, _("Delivered"), lf_when(str(doc, "delivered_at"), when, sizeof when), TUI_ATTR_OK);
	if (*str(doc, "last_event_at") != '\0')
		tui_doc_pair(d, _("Last news"), lf_when(str(doc, "last_event_at"), when, sizeof when),
			     stale ? TUI_ATTR_WARNING : TUI_ATTR_NORMAL);
	sb_puts(&sb, *str(doc, "last_checked_at") != '\0' ? lf_when(str(doc, "last_checked_at"), when, sizeof when)
						       : _("never"));
	if (*str(doc, "next_check_at") != '\0')
		sb_printf(&sb, _(" · next %s"), lf_when(str(doc, "next_check_at"), when, sizeof when));
	tui_doc_pair(d, _("Asked"), sb.s, TUI_ATTR_NORMAL);
	sb_reset(&sb);
	if (*str(doc, "last_error") != '\0')
		tui_doc_pair(d, _("Last error"), str(doc, "last_error"), TUI_ATTR_ERROR);
	sb_printf(&sb, "%s · %s", str(order, "number"), label_order_status(str(order, "status")));
	if (*str(order, "customer_name") != '\0')
		sb_printf(&sb, " · %s", str(order, "customer_name"));
	tui_doc_pair(d, _("Order"), sb.s, TUI_ATTR_NORMAL);
	sb_free(&sb);
	if (*str(doc, "tracking_url") != '\0')
		tui_doc_pair(d, _("Tracking page"), str(doc, "tracking_url"), TUI_ATTR_MUTED);
}

/* An amount as the api gives it (a JSON number or text), as plain digits. */
static void amount_text(json_t *x, char *out, size_t outlen)
{
	if (json_is_string(x))
		(void)snprintf(out, outlen, "%s", json_string_value(x));
	else if (json_is_integer(x))
		(void)snprintf(out, outlen, "%lld", (long long)json_integer_value(x));
	else if (json_is_real(x))
		(void)snprintf(out, outlen, "%.2f", json_real_value(x));
	else
		out[0] = '\0';
}

static void render_notice(struct tui_doc *d, json_t *doc)
{
	json_t *n = json_object_get(doc, "delay_notice");
	const char *status = str(n, "status");
	char num[32], money[64], buf[256];

	if (!json_is_object(n))
		return;
	(void)tui_doc_heading(d, _("Delay notice"));
	amount_text(json_object_get(n, "amount"), num, sizeof num);
	label_money(num, str(n, "currency"), money, sizeof money);
	(void)snprintf(buf, sizeof buf, "%s %s", label_compensate_how(str(n, "how")), money);
	if (strcmp(status, "proposed") == 0) {
		tui_doc_pair(d, _("Proposed"), buf, TUI_ATTR_WARNING);
		tui_doc_pair(d, "", _("d sends it to the customer or dismisses it"), TUI_ATTR_MUTED);
	} else if (strcmp(status, "sent") == 0) {
		pair2(d, _("Sent"), buf, str(n, "decided_by"), TUI_ATTR_OK);
	} else {
		pair2(d, _("Dismissed"), buf, str(n, "decided_by"), TUI_ATTR_MUTED);
	}
}

static void render_events(struct tui_doc *d, json_t *doc)
{
	json_t *e;
	size_t i;

	(void)tui_doc_heading(d, _("Timeline"));
	if (json_array_size(json_object_get(doc, "events")) == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, _("no news from the carrier yet"));
	json_array_foreach(json_object_get(doc, "events"), i, e) {
		const char *text = *str(e, "text") != '\0' ? str(e, "text") : label_parcel_status(str(e, "status"));
		struct tui_doc_cell c[3] = {
			{ str(e, "at"), 16, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			{ str(e, "location"), 14, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ text, 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		};

		tui_doc_cells(d, c, 3);
	}
}

static void show(void *view, struct tui_doc *d, json_t *doc)
{
	struct parcel_view *v = view;
	char *title;

	render_head(d, doc);
	render_notice(d, doc);
	render_events(d, doc);
	if (strcmp(v->number, str(doc, "tracking_no")) != 0 && *str(doc, "tracking_no") != '\0') {
		free(v->number);
		v->number = xstrdup(str(doc, "tracking_no"));
		title = xasprintf(_("Parcel %s"), v->number);
		tui_pane_set_title(v->pane, title);
		free(title);
	}
	parcel_actions_loaded(v, doc);
	v->loaded = true;
}

static void destroy(void *view)
{
	struct parcel_view *v = view;

	parcel_actions_free(v);
	free(v->id);
	free(v->number);
	free(v);
}

static const struct detail_ops detail_ops = {
	.what = N_("the parcel"),
	.screen = "parcel",
	.load = db_parcel_detail,
	.show = show,
	.request = parcel_actions_request,
	.lost = parcel_actions_lost,
	.unsaved = parcel_actions_unsaved,
	.available = parcel_actions_available,
	.refused_key = parcel_actions_refused_key,
	.destroy = destroy,
};

void parcel_view_reload(struct parcel_view *v)
{
	detail_reload(v->detail);
}

const struct view_keytable parcel_keytable = VIEW_KEYTABLE("parcel", parcel_bindings, false);

static const struct tui_pane_ops parcel_ops = {
	.kind = "parcel",
	.bindings = parcel_bindings,
	.nbindings = PK_COUNT,
	.keys_title = N_("Parcel"),
	.on_request = detail_on_request,
	.lost = detail_lost,
	.unsaved = detail_unsaved,
	.on_key = detail_on_key,
	.available = detail_available,
	.destroy = detail_destroy,
};

struct tui_pane *parcel_view_new(struct db_session *db, const char *id, const char *number)
{
	struct parcel_view *v = xcalloc(1, sizeof *v);
	char *title;

	v->db = db;
	v->id = xstrdup(id);
	v->number = xstrdup(number != NULL ? number : "");
	v->detail = detail_new(db, &detail_ops, id, &parcel_ops, v);
	v->pane = detail_pane(v->detail);
	title = xasprintf(_("Parcel %s"), v->number);
	tui_pane_set_title(v->pane, title);
	free(title);
	parcel_view_reload(v);
	return v->pane;
}
