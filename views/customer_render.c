/* api.customer_360's document as lines of the customer screen.  Everything in it
 * came from the database: it reaches the terminal only through tui_doc (drawn by
 * tui_draw_text).  A part that is null was withheld for the caller's role. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/phone.h"
#include "common/strbuf.h"
#include "db/sentence.h"
#include "views/customer_parts.h"
#include "views/detail.h"
#include "views/labels.h"

const char *customer_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

#define S(o, k) customer_str((o), (k))

static void none(struct tui_doc *d, json_t *list, const char *empty)
{
	if (list == NULL || json_is_null(list))
		tui_doc_text(d, TUI_ATTR_MUTED, _("not shown for your role"));
	else if (json_array_size(list) == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, empty);
}

/* "Refunds (2)"; no count for a part withheld for the role. */
static size_t heading_n(struct tui_doc *d, const char *title, json_t *list)
{
	char buf[160];

	if (!json_is_array(list))
		return tui_doc_heading(d, title);
	(void)snprintf(buf, sizeof buf, "%s (%zu)", title, json_array_size(list));
	return tui_doc_heading(d, buf);
}

/* "6,009.40 TRY · 120,000.00 HUF": net spent per currency. */
static void spent_summary(json_t *spent, struct strbuf *sb)
{
	json_t *x;
	size_t i;

	json_array_foreach(spent, i, x) {
		char m[64];

		label_money(S(x, "net"), S(x, "currency"), m, sizeof m);
		sb_printf(sb, "%s%s", i > 0 ? " · " : "", m);
	}
}

static void render_contact(struct tui_doc *d, json_t *doc, size_t *line)
{
	json_t *spent = json_object_get(doc, "spent"), *sat = json_object_get(doc, "satisfaction");
	json_t *open = json_object_get(doc, "open_tickets");
	struct strbuf sb = STRBUF_INIT;
	char phone[PHONE_BUFSZ + 16], local[LF_BUFSZ];

	*line = tui_doc_heading(d, _("Contact · ] next part, [ previous"));
	tui_doc_pair(d, _("Name"), S(doc, "name"), TUI_ATTR_TITLE);
	tui_doc_pair(d, _("E-mail"), S(doc, "email"), TUI_ATTR_NORMAL);
	label_phone(S(doc, "phone"), phone, sizeof phone);
	tui_doc_pair(d, _("Phone"), phone, TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Language"), label_language(S(doc, "locale")), TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Customer since"), lf_when(S(doc, "since"), local, sizeof local), TUI_ATTR_NORMAL);
	sb_puts(&sb, lf_count(json_integer_value(json_object_get(doc, "orders_total")), local, sizeof local));
	tui_doc_pair(d, _("Orders"), sb.s, TUI_ATTR_NORMAL);
	sb_reset(&sb);
	if (json_is_array(spent)) {
		spent_summary(spent, &sb);
		tui_doc_pair(d, _("Total spent"), sb.len > 0 ? sb.s : _("nothing yet"), TUI_ATTR_NORMAL);
		sb_reset(&sb);
	}
	if (json_is_array(open)) {
		char n[32];

		(void)snprintf(n, sizeof n, "%zu", json_array_size(open));
		tui_doc_pair(d, _("Open tickets"), json_array_size(open) > 0 ? n : _("none"),
			     json_array_size(open) > 0 ? TUI_ATTR_WARNING : TUI_ATTR_NORMAL);
	}
	if (json_is_object(sat) && json_integer_value(json_object_get(sat, "count")) > 0) {
		sb_printf(&sb, _("%s of 5 (%lld ratings)"), S(sat, "average"),
			  json_integer_value(json_object_get(sat, "count")));
		tui_doc_pair(d, _("Satisfaction"), sb.s, TUI_ATTR_NORMAL);
	}
	sb_free(&sb);
}

static void render_addresses(struct tui_doc *d, json_t *doc, size_t *line)
{
	json_t *list = json_object_get(doc, "addresses"), *a;
	size_t i;

	*line = tui_doc_heading(d, _("Addresses"));
	none(d, list, _("none"));
	json_array_foreach(list, i, a) {
		struct strbuf sb = STRBUF_INIT;

		sb_printf(&sb, "%s%s%s, %s %s, %s", S(a, "line1"), *S(a, "line2") ? ", " : "", S(a, "line2"),
			  S(a, "postcode"), S(a, "city"), S(a, "country"));
		tui_doc_text(d, TUI_ATTR_NORMAL, sb.s);
		sb_free(&sb);
	}
}

static void render_orders(struct tui_doc *d, json_t *doc, size_t *line)
{
	json_t *list = json_object_get(doc, "orders"), *o;
	long long total = json_integer_value(json_object_get(doc, "orders_total"));
	char title[160], n[LF_BUFSZ];
	size_t i;

	(void)lf_count(total, n, sizeof n);
	if ((long long)json_array_size(list) < total)
		(void)snprintf(title, sizeof title, _("Orders (newest %zu of %s) · O picks one to open"),
			       json_array_size(list), n);
	else
		(void)snprintf(title, sizeof title, _("Orders (%s) · O picks one to open"), n);
	*line = tui_doc_heading(d, title);
	none(d, list, _("no orders"));
	json_array_foreach(list, i, o) {
		bool late = json_is_true(json_object_get(o, "late"));
		const char *parcel = S(o, "parcel_status");
		char money[64], where[160], placed[64], when[160], ship_by[LF_BUFSZ];
		enum tui_role prole = late ? TUI_ATTR_LATE : TUI_ATTR_NORMAL;

		label_money(S(o, "total"), S(o, "currency"), money, sizeof money);
		(void)lf_when(S(o, "ship_by"), ship_by, sizeof ship_by);
		if (*parcel != '\0') {
			(void)snprintf(where, sizeof where, "%s · %s", label_parcel_status(parcel),
				       S(o, "tracking_no"));
			if (strcmp(parcel, "EXCEPTION") == 0 || strcmp(parcel, "DELIVERY_ATTEMPTED") == 0)
				prole = TUI_ATTR_WARNING;
		} else if (late) {
			(void)snprintf(where, sizeof where, _("LATE · ship by %s"), ship_by);
		} else if (strcmp(S(o, "status"), "cancelled") == 0) {
			where[0] = '\0';
		} else {
			(void)snprintf(where, sizeof where, _("ship by %s"), ship_by);
		}
		/* Under it, its dates with what they are: there is no room for both on one
		 * line at 80 columns. */
		(void)label_date(WHEN_ORDERED, S(o, "placed_at"), placed, sizeof placed);
		if (*parcel != '\0' || strcmp(S(o, "status"), "cancelled") == 0 || late) {
			(void)snprintf(when, sizeof when, "%s", placed);
		} else {
			char ship[64];

			(void)snprintf(when, sizeof when, "%s · %s", placed,
				       label_date(WHEN_SHIP_BY, S(o, "ship_by"), ship, sizeof ship));
		}
		{
			struct tui_doc_cell c[4] = {
				{ S(o, "number"), 10, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
				{ label_order_status(S(o, "status")), 9, TUI_ALIGN_LEFT,
				  late ? TUI_ATTR_LATE : TUI_ATTR_NORMAL },
				{ money, 14, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
				{ where, 0, TUI_ALIGN_LEFT, prole },
			};
			struct tui_doc_cell c2[2] = {
				{ "", 10, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
				{ when, 0, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			};

			tui_doc_cells(d, c, 4);
			tui_doc_cells(d, c2, 2);
		}
	}
}

static void ticket_line(struct tui_doc *d, json_t *t)
{
	const char *prio = S(t, "priority");
	char when[64];
	struct tui_doc_cell c[6] = {
		{ S(t, "number"), 9, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		{ label_ticket_status(S(t, "status")), 8, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		{ label_ticket_priority(prio), 7, TUI_ALIGN_LEFT,
		  strcmp(prio, "urgent") == 0 || strcmp(prio, "high") == 0 ? TUI_ATTR_WARNING
									    : TUI_ATTR_NORMAL },
		{ label_ticket_category(S(t, "category")), 17, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
		{ label_date(WHEN_OPENED, S(t, "created_at"), when, sizeof when), 17, TUI_ALIGN_LEFT,
		  TUI_ATTR_MUTED },
		{ S(t, "subject"), 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
	};

	tui_doc_cells(d, c, 6);
}

static bool is_open(json_t *t)
{
	const char *st = S(t, "status");

	return strcmp(st, "solved") != 0 && strcmp(st, "closed") != 0;
}

static void render_tickets(struct tui_doc *d, json_t *doc, size_t *line)
{
	json_t *open = json_object_get(doc, "open_tickets"), *recent = json_object_get(doc, "recent_tickets");
	json_t *t;
	size_t i, shown = 0;

	*line = heading_n(d, _("Open tickets"), open);
	none(d, open, _("none"));
	json_array_foreach(open, i, t)
		ticket_line(d, t);
	/* The last 20, without the open ones just listed. */
	(void)tui_doc_heading(d, _("Recent tickets"));
	json_array_foreach(recent, i, t)
		if (!is_open(t)) {
			ticket_line(d, t);
			shown++;
		}
	if (json_is_array(recent) && shown == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, _("no closed tickets"));
	else
		none(d, recent, "");
}

static void render_returns(struct tui_doc *d, json_t *doc, size_t *line)
{
	json_t *list = json_object_get(doc, "returns"), *r;
	size_t i;

	*line = heading_n(d, _("Returns"), list);
	none(d, list, _("none"));
	json_array_foreach(list, i, r) {
		char when[64];
		{
			struct tui_doc_cell c[5] = {
				{ S(r, "number"), 9, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
				{ S(r, "order_number"), 10, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
				{ label_return_status(S(r, "status")), 10, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
				{ label_date(WHEN_REQUESTED, S(r, "requested_at"), when, sizeof when), 20,
				  TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
				{ S(r, "reason"), 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			};

			tui_doc_cells(d, c, 5);
		}
	}
}

static void render_money(struct tui_doc *d, json_t *doc, size_t *line)
{
	json_t *refunds = json_object_get(doc, "refunds"), *gifts = json_object_get(doc, "gift_codes");
	json_t *spent = json_object_get(doc, "spent"), *x;
	size_t i;

	*line = heading_n(d, _("Refunds"), refunds);
	none(d, refunds, _("none"));
	json_array_foreach(refunds, i, x) {
		char m[64], when[64];
		/* A return's refund says why in the database's English (0038). */
		char *reason = db_sentence_of_return(S(x, "reason"));
		struct tui_doc_cell c[5] = {
			{ S(x, "order_number"), 10, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ label_refund_kind(S(x, "kind")), 12, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ m, 14, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
			{ label_date(WHEN_REFUNDED, S(x, "created_at"), when, sizeof when), 19,
			  TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			{ reason, 0, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
		};

		label_money(S(x, "amount"), S(x, "currency"), m, sizeof m);
		tui_doc_cells(d, c, 5);
		free(reason);
	}
	(void)heading_n(d, _("Gift codes"), gifts);
	none(d, gifts, _("none"));
	json_array_foreach(gifts, i, x) {
		char m[64], when[64];
		const char *state = S(x, "state");
		char *reason = db_sentence_of_return(S(x, "reason"));
		struct tui_doc_cell c[5] = {
			{ S(x, "code"), 14, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ m, 20, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
			{ label_gift_state(state), 9, TUI_ALIGN_LEFT,
			  strcmp(state, "valid") == 0 ? TUI_ATTR_OK : TUI_ATTR_MUTED },
			{ label_date(strcmp(state, "expired") == 0 ? WHEN_EXPIRED : WHEN_EXPIRES,
				     S(x, "expires_at"), when, sizeof when), 18, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			{ reason, 0, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
		};

		(void)label_gift_value(S(x, "amount"), S(x, "percent"), S(x, "max_value"), S(x, "currency"), m,
				       sizeof m);
		tui_doc_cells(d, c, 5);
		free(reason);
	}
	(void)tui_doc_heading(d, _("Total spent (paid − refunded)"));
	none(d, spent, _("nothing paid yet"));
	json_array_foreach(spent, i, x) {
		char paid[64], refunded[64], net[64];
		struct tui_doc_cell c[3] = {
			{ paid, 18, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
			{ refunded, 18, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
			{ net, 18, TUI_ALIGN_RIGHT, TUI_ATTR_TITLE },
		};
		const char *cur = S(x, "currency");

		label_money(S(x, "paid"), cur, paid, sizeof paid);
		(void)snprintf(refunded, sizeof refunded, "− ");
		label_money(S(x, "refunded"), cur, refunded + strlen(refunded),
			    sizeof refunded - strlen(refunded));
		(void)snprintf(net, sizeof net, "= ");
		label_money(S(x, "net"), cur, net + strlen(net), sizeof net - strlen(net));
		tui_doc_cells(d, c, 3);
	}
}

static void render_satisfaction(struct tui_doc *d, json_t *doc, size_t *line)
{
	json_t *sat = json_object_get(doc, "satisfaction"), *scores = json_object_get(sat, "scores"), *x;
	size_t i;

	*line = tui_doc_heading(d, _("Satisfaction"));
	if (!json_is_object(sat)) {
		none(d, NULL, "");
		return;
	}
	if (json_array_size(scores) == 0) {
		tui_doc_text(d, TUI_ATTR_MUTED, _("never rated"));
		return;
	}
	{
		char avg[64];

		(void)snprintf(avg, sizeof avg, _("%s of 5"), S(sat, "average"));
		tui_doc_pair(d, _("Average"), avg, TUI_ATTR_TITLE);
	}
	json_array_foreach(scores, i, x) {
		char score[16], when[64];
		long long v = json_integer_value(json_object_get(x, "score"));
		struct tui_doc_cell c[3] = {
			{ label_date(WHEN_RATED, S(x, "date"), when, sizeof when), 16, TUI_ALIGN_LEFT,
			  TUI_ATTR_MUTED },
			{ S(x, "ticket"), 9, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ score, 0, TUI_ALIGN_LEFT, v <= 2 ? TUI_ATTR_WARNING : TUI_ATTR_NORMAL },
		};

		(void)snprintf(score, sizeof score, "%lld/5", v);
		tui_doc_cells(d, c, 3);
	}
}

static void render_notes(struct tui_doc *d, json_t *doc, size_t *line)
{
	json_t *notes = json_object_get(doc, "notes"), *n;
	size_t i;

	*line = heading_n(d, _("Internal notes"), notes);
	none(d, notes, _("none"));
	json_array_foreach(notes, i, n)
		detail_note(d, n);
}

void customer_render(struct tui_doc *d, json_t *doc, size_t lines[CS_COUNT])
{
	tui_doc_clear(d);
	render_contact(d, doc, &lines[CS_CONTACT]);
	render_addresses(d, doc, &lines[CS_ADDRESSES]);
	render_orders(d, doc, &lines[CS_ORDERS]);
	render_tickets(d, doc, &lines[CS_TICKETS]);
	render_returns(d, doc, &lines[CS_RETURNS]);
	render_money(d, doc, &lines[CS_REFUNDS]);
	render_satisfaction(d, doc, &lines[CS_SATISFACTION]);
	render_notes(d, doc, &lines[CS_NOTES]);
}
