/* One ticket: what it is about, who has it, how long until its SLA is due, and
 * its messages oldest first.  One query (db/ticket.c), live: a change to any
 * ticket reloads it in place (views/detail.c), and the drafts of its actions
 * (views/ticket_actions.c) survive every reload. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/phone.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/sentence.h"
#include "db/ticket.h"
#include "tui/doc.h"
#include "views/detail.h"
#include "views/keytables.h"
#include "views/labels.h"
#include "views/presence.h"
#include "views/ticket_view.h"
#include "views/ticket_watch.h"
#include "views/time_spent.h"
#include "views/views.h"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* "2 d 3 h", "3 h 12 min", "12 min": a countdown an agent reads at a glance. */
static void span(long long secs, char *out, size_t outlen)
{
	long long m = secs / 60;

	if (m >= 48 * 60)
		(void)snprintf(out, outlen, _("%lld d %lld h"), m / (24 * 60), m % (24 * 60) / 60);
	else if (m >= 60)
		(void)snprintf(out, outlen, _("%lld h %lld min"), m / 60, m % 60);
	else
		(void)snprintf(out, outlen, _("%lld min"), m);
}

static void render_due(struct tui_doc *d, json_t *doc)
{
	const char *status = str(doc, "status");
	bool first = strcmp(str(doc, "due_kind"), "first_response") == 0;
	long long in = json_integer_value(json_object_get(doc, "due_in"));
	struct strbuf sb = STRBUF_INIT;
	enum tui_role role = TUI_ATTR_NORMAL;
	char when[LF_BUFSZ];
	char left[48];

	if (strcmp(status, "solved") == 0 || strcmp(status, "closed") == 0) {
		if (*str(doc, "solved_at") != '\0')
			sb_printf(&sb, _("resolved %s"), lf_when(str(doc, "solved_at"), when, sizeof when));
		tui_doc_pair(d, _("SLA"), sb.s != NULL ? sb.s : "", TUI_ATTR_MUTED);
		sb_free(&sb);
		return;
	}
	span(in < 0 ? -in : in, left, sizeof left);
	if (json_is_true(json_object_get(doc, "paused")) && in < 0) {
		/* Breached before the pause (backdesk.ticket_sla_state says so too). */
		sb_printf(&sb, _("paused while waiting on the customer, overdue by %s"), left);
		role = TUI_ATTR_LATE;
	} else if (json_is_true(json_object_get(doc, "paused"))) {
		sb_printf(&sb, _("paused while waiting on the customer (%s left)"), left);
		role = TUI_ATTR_MUTED;
	} else if (in < 0) {
		sb_printf(&sb, first ? _("first response overdue by %s") : _("resolution overdue by %s"),
			  left);
		role = TUI_ATTR_LATE;
	} else {
		sb_printf(&sb, first ? _("first response due in %s") : _("resolution due in %s"), left);
		/* Within the hour: the list's "soon" colour. */
		if (in < 3600)
			role = TUI_ATTR_WARNING;
	}
	sb_printf(&sb, " · %s", lf_when(str(doc, "due_at"), when, sizeof when));
	tui_doc_pair(d, _("SLA"), sb.s, role);
	sb_free(&sb);
}

static void render_links(struct tui_doc *d, json_t *doc)
{
	struct strbuf sb = STRBUF_INIT;

	if (*str(doc, "order_number") != '\0')
		sb_printf(&sb, _("order %s"), str(doc, "order_number"));
	if (*str(doc, "tracking_no") != '\0')
		sb_printf(&sb, _("%sparcel %s"), sb.len > 0 ? " · " : "", str(doc, "tracking_no"));
	if (*str(doc, "return_number") != '\0')
		sb_printf(&sb, _("%sreturn %s"), sb.len > 0 ? " · " : "", str(doc, "return_number"));
	if (sb.len == 0)
		tui_doc_pair(d, _("Links"), _("none (L links an order, parcel or return)"), TUI_ATTR_MUTED);
	else
		tui_doc_pair(d, _("Links"), sb.s, TUI_ATTR_NORMAL);
	sb_free(&sb);
	if (*str(doc, "merged_into") != '\0')
		tui_doc_pair(d, _("Merged into"), str(doc, "merged_into"), TUI_ATTR_WARNING);
}

/* "fatura.pdf (47 KB) · kutu.jpg (1.2 MB)": what a mail carried, under it. */
static void render_attachments(struct tui_doc *d, json_t *atts)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *a;
	size_t i;

	if (json_array_size(atts) == 0)
		return;
	sb_puts(&sb, ngettext("Attachment: ", "Attachments: ", json_array_size(atts)));
	json_array_foreach(atts, i, a) {
		json_int_t size = json_integer_value(json_object_get(a, "size"));
		char n[LF_BUFSZ];

		if (i > 0)
			sb_puts(&sb, " · ");
		if (size < 1024)
			sb_printf(&sb, _("%s (%lld bytes)"), str(a, "name"), (long long)size);
		else if (size < 1024 * 1024)
			sb_printf(&sb, _("%s (%s KB)"), str(a, "name"), lf_count((long long)((size + 1023) / 1024), n, sizeof n));
		else
			sb_printf(&sb, _("%s (%s MB)"), str(a, "name"), lf_fixed((double)size / (1024.0 * 1024.0), 1, n, sizeof n));
	}
	{
		struct tui_doc_cell cells[2] = {
			{ "", 2, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
			{ sb.s, 0, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
		};
		tui_doc_cells(d, cells, 2);
	}
	sb_free(&sb);
}

static void render_messages(struct tui_doc *d, json_t *doc)
{
	json_t *msgs = json_object_get(doc, "messages"), *m;
	const char *customer = str(json_object_get(doc, "customer"), "name");
	char title[64], when[LF_BUFSZ];
	size_t i;

	(void)snprintf(title, sizeof title, _("Messages (%zu)"), json_array_size(msgs));
	(void)tui_doc_heading(d, title);
	if (json_array_size(msgs) == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, _("none yet (r replies, i adds a note)"));
	json_array_foreach(msgs, i, m) {
		const char *kind = str(m, "kind");
		bool from_customer = strcmp(kind, "customer") == 0;
		struct strbuf sb = STRBUF_INIT;
		/* What the database wrote of itself reads in the staff member's language. */
		char *body = strcmp(kind, "system") == 0 ? db_sentence_head(str(m, "body")) : xstrdup(str(m, "body"));
		enum tui_role role = from_customer ? TUI_ATTR_WARNING
			: strcmp(kind, "note") == 0 ? TUI_ATTR_MUTED : TUI_ATTR_TITLE;
		struct tui_doc_cell head[1] = { { NULL, 0, TUI_ALIGN_LEFT, role } };
		struct tui_doc_cell text[2] = {
			{ "", 2, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
			{ body, 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		};

		/* A customer's message is marked, so the unanswered one stands out. */
		sb_printf(&sb, "%s %s · %s · %s", from_customer ? "»" : "·", label_ticket_message_kind(kind),
			  from_customer && *customer != '\0' ? customer : str(m, "author"),
			  lf_when(str(m, "created_at"), when, sizeof when));
		if (json_is_integer(json_object_get(m, "call_seconds"))) {
			char len[48];

			span(json_integer_value(json_object_get(m, "call_seconds")) + 59, len, sizeof len);
			sb_printf(&sb, " · %s", len);
		}
		head[0].text = sb.s;
		tui_doc_cells(d, head, 1);
		tui_doc_cells(d, text, 2);
		render_attachments(d, json_object_get(m, "attachments"));
		sb_free(&sb);
		free(body);
	}
}

static void render(struct ticket_view *v, struct tui_doc *d, json_t *doc)
{
	json_t *cust = json_object_get(doc, "customer"), *who = json_object_get(doc, "assignee");
	json_t *spent = json_object_get(doc, "time_spent"), *csat = json_object_get(doc, "satisfaction");
	struct strbuf sb = STRBUF_INIT;
	char phone[PHONE_BUFSZ + 16];

	tui_doc_clear(d);
	sb_printf(&sb, "%s  %s", str(doc, "number"), str(doc, "subject"));
	(void)tui_doc_heading(d, sb.s);
	sb_reset(&sb);
	/* The banner's line, always there, so nothing moves when one shows. */
	if (v->banner[0] != '\0')
		tui_doc_text(d, TUI_ATTR_WARNING, v->banner);
	else
		tui_doc_blank(d);
	sb_printf(&sb, "%s · %s · %s", label_ticket_status(str(doc, "status")),
		  label_ticket_priority(str(doc, "priority")), label_ticket_channel(str(doc, "channel")));
	tui_doc_pair(d, _("Status"), sb.s,
		     strcmp(str(doc, "priority"), "urgent") == 0 ? TUI_ATTR_LATE : TUI_ATTR_NORMAL);
	sb_reset(&sb);
	tui_doc_pair(d, _("Category"), label_ticket_category(str(doc, "category")), TUI_ATTR_NORMAL);
	if (json_is_object(cust)) {
		sb_puts(&sb, str(cust, "name"));
		if (*str(cust, "email") != '\0')
			sb_printf(&sb, " · %s", str(cust, "email"));
		if (*str(cust, "phone") != '\0') {
			label_phone(str(cust, "phone"), phone, sizeof phone);
			sb_printf(&sb, " · %s", phone);
		}
		tui_doc_pair(d, _("Customer"), sb.s, TUI_ATTR_NORMAL);
		sb_reset(&sb);
	} else {
		tui_doc_pair(d, _("Customer"), _("unknown"), TUI_ATTR_MUTED);
	}
	render_links(d, doc);
	if (json_is_object(who)) {
		sb_printf(&sb, "%s (%s)", str(who, "name"), str(who, "login"));
		tui_doc_pair(d, _("Assignee"), sb.s, TUI_ATTR_NORMAL);
		sb_reset(&sb);
	} else {
		tui_doc_pair(d, _("Assignee"), _("nobody"), TUI_ATTR_WARNING);
	}
	render_due(d, doc);
	/* Older schemas have no time spent; every ticket may have no score. */
	if (json_is_integer(spent)) {
		char t[48];

		span(json_integer_value(spent), t, sizeof t);
		tui_doc_pair(d, _("Time spent"), t, TUI_ATTR_NORMAL);
	}
	if (json_is_integer(csat)) {
		sb_printf(&sb, _("%lld of 5"), json_integer_value(csat));
		tui_doc_pair(d, _("Satisfaction"), sb.s,
			     json_integer_value(csat) <= 2 ? TUI_ATTR_WARNING : TUI_ATTR_OK);
		sb_reset(&sb);
	}
	sb_free(&sb);
	render_messages(d, doc);
}

/* The newest message (the highest id: merged-in messages may be older by date). */
static json_t *newest_message(json_t *doc)
{
	json_t *msgs = json_object_get(doc, "messages"), *m, *best = NULL;
	size_t i;

	json_array_foreach(msgs, i, m)
		if (best == NULL || json_integer_value(json_object_get(m, "id")) >
					    json_integer_value(json_object_get(best, "id")))
			best = m;
	return best;
}

/* What this load says to the watch.  by_me: the version is one this screen's own
 * action answered, or the message that just appeared is the user's (this screen's
 * or another of theirs). */
static bool watch_load(struct ticket_view *v, json_t *doc)
{
	json_t *m = newest_message(doc);
	long long id = json_integer_value(json_object_get(m, "id"));
	const char *login = str(m, "login"), *self = db_session_user(v->db);
	bool fresh = id > atoll(v->newest_message);
	struct ticket_watch_seen seen = {
		.version = (int)json_integer_value(json_object_get(doc, "version")),
		.newest_message_id = id,
		.newest_kind = m != NULL ? str(m, "kind") : NULL,
		.newest_author = m != NULL ? str(m, "author") : NULL,
		.changed_by = *str(doc, "changed_by") != '\0' ? str(doc, "changed_by") : NULL,
	};
	const char *changed_login = str(doc, "changed_by_login");
	char ver[16];

	(void)snprintf(ver, sizeof ver, "%d", seen.version);
	/* A new message is news unless it is the user's; a change without one is
	 * news unless the user made that version (this screen or another of theirs). */
	if (fresh)
		seen.by_me = id == v->own_message ||
			     (self != NULL && *self != '\0' && strcmp(login, self) == 0);
	else
		seen.by_me = strcmp(ver, v->own_version) == 0 ||
			     (self != NULL && *self != '\0' && strcmp(changed_login, self) == 0);
	return ticket_watch_seen(v->watch, &seen);
}

/* The banner's text now: a changed draft matters more than who is looking. */
static void banner_text(struct ticket_view *v, char *buf, size_t n)
{
	buf[0] = '\0';
	if (v->watch != NULL)
		(void)ticket_watch_banner(v->watch, buf, n);
	if (buf[0] == '\0' && v->presence_text[0] != '\0')
		(void)snprintf(buf, n, "%s", v->presence_text);
}

void ticket_view_banner_update(struct ticket_view *v)
{
	char now[sizeof v->banner];

	banner_text(v, now, sizeof now);
	if (strcmp(now, v->banner) != 0)
		ticket_view_banner(v->pane, now);
}

/* Shown: the tab's top pane, even under a dialog (the reply form is work on the
 * ticket).  Covered by another screen or tab: no time counted, and "left", so a
 * colleague is not told somebody is on a ticket nobody looks at. */
static void follow_shown(struct ticket_view *v)
{
	struct tui_ui *ui = tui_pane_ui(v->pane);
	bool shown = ui != NULL && tui_ui_current(ui) == v->pane;

	if (shown == v->shown)
		return;
	v->shown = shown;
	time_spent_active(v->time, shown);
	if (shown)
		presence_viewing(v->presence);
	else
		presence_left(v->presence);
}

static void on_tick(void *arg)
{
	struct ticket_view *v = arg;
	char text[sizeof v->presence_text];

	follow_shown(v);
	(void)presence_tick(v->presence);
	time_spent_tick(v->time);
	/* NOTIFYs changed the trackers (presence_dispatch) or peers expired. */
	(void)presence_describe(v->presence, text, sizeof text);
	if (strcmp(text, v->presence_text) != 0) {
		(void)snprintf(v->presence_text, sizeof v->presence_text, "%s", text);
		ticket_view_banner_update(v);
	}
}

static void start_tick(struct ticket_view *v)
{
	struct tui_ui *ui = tui_pane_ui(v->pane);

	if (v->tick != 0 || v->presence == NULL || ui == NULL)
		return;
	v->loop = tui_ui_loop(ui);
	v->tick = tui_loop_every(v->loop, PRESENCE_TICK_MS, on_tick, v);
	follow_shown(v);
}

/* The first load: the number is the real one now. */
static void start_modules(struct ticket_view *v)
{
	if (v->presence != NULL)
		return;
	v->presence = presence_new(v->db, v->number);
	v->time = time_spent_new(v->db, v->number);
	v->watch = ticket_watch_new(v->number);
	presence_viewing(v->presence);
	start_tick(v);
}

static void show(void *view, struct tui_doc *d, json_t *doc)
{
	struct ticket_view *v = view;
	json_t *m;

	if (json_is_true(json_object_get(doc, "missing"))) {
		tui_doc_clear(d);
		tui_doc_text(d, TUI_ATTR_ERROR, _("no such ticket (merged or removed?)"));
		v->loaded = false;
		return;
	}
	/* The api takes the number; a lookup hit's label may be something else. */
	if (strcmp(v->number, str(doc, "number")) != 0 && *str(doc, "number") != '\0') {
		char *title = xasprintf(_("Ticket %s"), str(doc, "number"));

		free(v->number);
		v->number = xstrdup(str(doc, "number"));
		tui_pane_set_title(v->pane, title);
		free(title);
	}
	start_modules(v);
	(void)watch_load(v, doc);
	banner_text(v, v->banner, sizeof v->banner);
	render(v, d, doc);
	(void)snprintf(v->version, sizeof v->version, "%lld",
		       json_integer_value(json_object_get(doc, "version")));
	(void)snprintf(v->status, sizeof v->status, "%s", str(doc, "status"));
	(void)snprintf(v->priority, sizeof v->priority, "%s", str(doc, "priority"));
	(void)snprintf(v->category, sizeof v->category, "%s", str(doc, "category"));
	(void)snprintf(v->time_minutes, sizeof v->time_minutes, "%lld",
		       (long long)(json_integer_value(json_object_get(doc, "time_spent")) / 60));
	(void)snprintf(v->customer_name, sizeof v->customer_name, "%s",
		       str(json_object_get(doc, "customer"), "name"));
	m = newest_message(doc);
	(void)snprintf(v->newest_message, sizeof v->newest_message, "%lld",
		       json_integer_value(json_object_get(m, "id")));
	v->loaded = true;
}

void ticket_view_reload(struct ticket_view *v)
{
	detail_reload(v->detail);
}

void ticket_view_banner(struct tui_pane *p, const char *text)
{
	struct ticket_view *v = detail_view(p);
	json_t *doc = detail_doc(v->detail);

	(void)snprintf(v->banner, sizeof v->banner, "%s", text != NULL ? text : "");
	if (doc != NULL && v->loaded) {
		render(v, tui_doc_pane_doc(p), doc);
		tui_pane_dirty(p);
	}
}

static void on_focus(struct tui_pane *p, bool focused)
{
	struct ticket_view *v = detail_view(p);

	/* Back on screen (a tab, a screen closed over it): at once.  Covered is
	 * seen by the tick: at focus(false) the pane is still the top one. */
	if (focused) {
		start_tick(v);
		if (v->tick != 0)
			follow_shown(v);
	}
}

static void destroy(void *view)
{
	struct ticket_view *v = view;

	if (v->tick != 0)
		tui_loop_remove(v->loop, v->tick);
	/* "left", and the seconds not yet added: both queued on the session, which
	 * the console drains briefly when it quits (app/console.c). */
	presence_free(v->presence);
	time_spent_free(v->time);
	ticket_watch_free(v->watch);
	ticket_actions_free(v);
	free(v->id);
	free(v->number);
	free(v);
}

static const struct detail_ops detail_ops = {
	.what = N_("the ticket"),
	.screen = "ticket",
	.load = db_ticket_detail,
	.show = show,
	.request = ticket_actions_request,
	.lost = ticket_actions_lost,
	.unsaved = ticket_actions_unsaved,
	.destroy = destroy,
};

const struct view_keytable ticket_keytable = VIEW_KEYTABLE("ticket", ticket_action_bindings, false);

static const struct tui_pane_ops ticket_ops = {
	.kind = "ticket",
	.bindings = ticket_action_bindings,
	.nbindings = TA_COUNT,
	.keys_title = N_("Ticket"),
	.on_request = detail_on_request,
	.on_focus = on_focus,
	.lost = detail_lost,
	.unsaved = detail_unsaved,
	.destroy = detail_destroy,
};

struct tui_pane *ticket_view_new(struct db_session *db, const char *id, const char *number)
{
	struct ticket_view *v = xcalloc(1, sizeof *v);
	char *title;

	v->db = db;
	v->id = xstrdup(id);
	v->number = xstrdup(number != NULL ? number : id);
	v->detail = detail_new(db, &detail_ops, id, &ticket_ops, v);
	v->pane = detail_pane(v->detail);
	title = xasprintf(_("Ticket %s"), v->number);
	tui_pane_set_title(v->pane, title);
	free(title);
	for (int i = 0; i < TA_COUNT; i++) {
		v->act[i].v = v;
		v->act[i].which = (enum ticket_action)i;
	}
	ticket_view_reload(v);
	return v->pane;
}
