/* The agent's actions on the ticket screen: one form each, one api call each.
 *
 * As on the order screen (views/order_actions.c), a form lives until its action
 * succeeds: Esc, a refusal, a lost connection or a colleague's change (BD004)
 * only hide it or leave it up, and the same key brings back what was typed.  On
 * BD004 the screen reloads, so the agent reads the new state before sending
 * again; the next showing takes the new version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/choices.h"
#include "db/connect.h"
#include "db/ticket.h"
#include "db/refusal.h"
#include "views/choices.h"
#include "views/labels.h"
#include "views/message_preview.h"
#include "views/presence.h"
#include "views/ticket_view.h"
#include "views/ticket_watch.h"
#include "views/views.h"

enum {
	REQ_REPLY = TUI_REQ_VIEW + 10,
	REQ_NOTE,
	REQ_CALL,
	REQ_STATUS,
	REQ_PRIORITY,
	REQ_CATEGORY,
	REQ_MACRO,
	REQ_ASSIGN,
	REQ_MERGE,
	REQ_LINK,
	REQ_TIME,
	REQ_PREVIEW,
};

/* A letter means one thing on every screen (tests/unit/test_views_keys.c): n and
 * c are the order screen's note and call, w its prepared answers; s sorts and k
 * moves in lists, a and m are the order's address and resend, so status,
 * category, assign and the macros take other letters. */
const struct tui_binding ticket_action_bindings[TA_COUNT] = {
	[TA_REPLY] = { REQ_REPLY, "r F6", N_("Reply"), N_("Reply to the customer (sent by e-mail in their language)"), CAP_ORDER_WRITE },
	[TA_NOTE] = { REQ_NOTE, "i n", N_("Note"), N_("Add an internal note (never sent to the customer)"), CAP_ORDER_WRITE },
	[TA_CALL] = { REQ_CALL, "c F9", N_("Call"), N_("Log a call about this ticket: how long, what was said"), CAP_ORDER_WRITE },
	[TA_STATUS] = { REQ_STATUS, "u F8", N_("Status"), N_("Change the status: open, pending, on hold, resolved, closed"), CAP_ORDER_WRITE },
	[TA_PRIORITY] = { REQ_PRIORITY, "p", N_("Priority"), N_("Change the priority"), CAP_ORDER_WRITE },
	[TA_CATEGORY] = { REQ_CATEGORY, "K", N_("Category"), N_("Change the category"), CAP_ORDER_WRITE },
	[TA_MACRO] = { REQ_MACRO, "w F7", N_("Answers"), N_("Apply a macro: a prepared reply with its status, priority and category"), CAP_ORDER_WRITE },
	[TA_ASSIGN] = { REQ_ASSIGN, "A", N_("Assign"), N_("Give the ticket to someone, or to nobody"), CAP_TICKET_ASSIGN },
	[TA_MERGE] = { REQ_MERGE, "M", N_("Merge"), N_("Merge this ticket (a duplicate) into another"), CAP_ORDER_WRITE },
	[TA_LINK] = { REQ_LINK, "L", N_("Link"), N_("Link an order, a parcel or a return to the ticket"), CAP_ORDER_WRITE },
	[TA_TIME] = { REQ_TIME, "T", N_("Time"), N_("Correct the time spent on the ticket (minutes; it also counts by itself while the ticket is on screen)"), CAP_ORDER_WRITE },
	[TA_PREVIEW] = { REQ_PREVIEW, "V", N_("Preview reply"), N_("Show the reply being written (r) as the customer will get it, in their language, and send it from there"), CAP_ORDER_WRITE },
};

/* The body limit of ticket_messages (0014). */
#define BODY_MAX 20000

static const struct tui_field_spec reply_fields[] = {
	{ TUI_FIELD_MULTILINE, N_("Reply"), true, BODY_MAX, 0, 0, NULL, 8, NULL },
};
static const struct tui_field_spec note_fields[] = {
	{ TUI_FIELD_MULTILINE, N_("Note"), true, BODY_MAX, 0, 0, NULL, 8, NULL },
};
static const struct tui_field_spec call_fields[] = {
	{ TUI_FIELD_NUMBER, N_("Length (seconds)"), true, 6, 0, 86400, NULL, 0, NULL },
	{ TUI_FIELD_MULTILINE, N_("What was said"), true, BODY_MAX, 0, 0, NULL, 5, NULL },
};
/* The choices of these come from the ticket or the database. */
static const struct tui_field_spec status_fields[] = {
	{ TUI_FIELD_CHOICE, N_("New status"), true, 0, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec priority_fields[] = {
	{ TUI_FIELD_CHOICE, N_("Priority"), true, 0, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec category_fields[] = {
	{ TUI_FIELD_CHOICE, N_("Category"), true, 0, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec macro_fields[] = {
	{ TUI_FIELD_CHOICE, N_("Macro"), true, 0, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec assign_fields[] = {
	{ TUI_FIELD_CHOICE, N_("Assign to"), true, 0, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec merge_fields[] = {
	{ TUI_FIELD_TEXT, N_("Into ticket"), true, 40, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec link_fields[] = {
	{ TUI_FIELD_TEXT, N_("Order number"), false, 40, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("Tracking number"), false, 60, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("Return number"), false, 40, 0, 0, NULL, 0, NULL },
};
/* api.set_ticket_time takes up to 100,000,000 seconds. */
static const struct tui_field_spec time_fields[] = {
	{ TUI_FIELD_NUMBER, N_("Time spent (minutes)"), true, 7, 0, 1666666, NULL, 0, NULL },
};

struct action_def {
	const char *title;
	const struct tui_field_spec *fields;
	size_t nfields;
	const char *action; /* what F2 does */
};

#define FIELDS(a) (a), sizeof(a) / sizeof((a)[0])

static const struct action_def defs[TA_COUNT] = {
	[TA_REPLY] = { N_("Reply to the customer"), FIELDS(reply_fields), N_("Send the reply") },
	[TA_NOTE] = { N_("Internal note"), FIELDS(note_fields), N_("Save the note") },
	[TA_CALL] = { N_("Log a call"), FIELDS(call_fields), N_("Log the call") },
	[TA_STATUS] = { N_("Change the status"), FIELDS(status_fields), N_("Set the status") },
	[TA_PRIORITY] = { N_("Change the priority"), FIELDS(priority_fields), N_("Set the priority") },
	[TA_CATEGORY] = { N_("Change the category"), FIELDS(category_fields), N_("Set the category") },
	[TA_MACRO] = { N_("Apply a macro"), FIELDS(macro_fields), N_("Preview") },
	[TA_ASSIGN] = { N_("Assign the ticket"), FIELDS(assign_fields), N_("Assign") },
	[TA_MERGE] = { N_("Merge into another ticket"), FIELDS(merge_fields), N_("Merge") },
	[TA_LINK] = { N_("Link to the ticket"), FIELDS(link_fields), N_("Link") },
	[TA_TIME] = { N_("Time spent on the ticket"), FIELDS(time_fields), N_("Set the time") },
	[TA_PREVIEW] = { N_("Preview of the reply"), NULL, 0, NULL },
};

/* The moves api.set_ticket_status allows (the contract of issue 12); the api is
 * the judge, this only keeps the chooser to what it would accept. */
static const char *const *next_statuses(const char *status)
{
	static const char *const from_new[] = { "open", "pending", "solved", NULL };
	static const char *const from_open[] = { "pending", "on_hold", "solved", NULL };
	static const char *const from_waiting[] = { "open", "solved", NULL };
	static const char *const from_solved[] = { "open", "closed", NULL };

	if (strcmp(status, "new") == 0)
		return from_new;
	if (strcmp(status, "open") == 0)
		return from_open;
	if (strcmp(status, "pending") == 0 || strcmp(status, "on_hold") == 0)
		return from_waiting;
	if (strcmp(status, "solved") == 0)
		return from_solved;
	return NULL;
}

static void say_done(struct tui_ui *ui, const struct ticket_action_state *a, const char *number)
{
	struct tui_form *f = a->form;

	switch (a->which) {
	case TA_REPLY:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: reply queued for the customer"), number);
		break;
	case TA_NOTE:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: note added"), number);
		break;
	case TA_CALL:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: call logged"), number);
		break;
	case TA_STATUS:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s is %s now"), number,
			       label_ticket_status(tui_form_value(f, 0)));
		break;
	case TA_PRIORITY:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: priority %s"), number,
			       label_ticket_priority(tui_form_value(f, 0)));
		break;
	case TA_CATEGORY:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: category %s"), number,
			       label_ticket_category(tui_form_value(f, 0)));
		break;
	case TA_MACRO:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: macro applied"), number);
		break;
	case TA_ASSIGN:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s assigned: %s"), number, tui_form_value(f, 0));
		break;
	case TA_MERGE:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s merged into %s"), number, tui_form_value(f, 0));
		break;
	case TA_LINK:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: links saved"), number);
		break;
	case TA_TIME:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: time spent set to %s min"), number,
			       tui_form_value(f, 0));
		break;
	case TA_PREVIEW:
	case TA_COUNT:
		break;
	}
}

/* The forms ticket_watch follows: what is written to or for the customer. */
static bool writes(const struct ticket_action_state *a)
{
	return a->which == TA_REPLY || a->which == TA_NOTE;
}

static void on_done(const PGresult *res, const char *error, void *arg)
{
	struct ticket_action_state *a = arg;
	struct ticket_view *v = a->v;
	struct tui_ui *ui = tui_pane_ui(v->pane);

	a->query = 0;
	if (error != NULL) {
		if (strcmp(db_sqlstate(res), "BD004") == 0) {
			/* A colleague was faster: show what they did, keep what we typed. */
			if (a->form != NULL)
				tui_form_hide(a->form);
			if (ui != NULL) {
				char key[8];

				(void)snprintf(key, sizeof key, "%.*s",
					       (int)strcspn(ticket_action_bindings[a->which].keys, " "),
					       ticket_action_bindings[a->which].keys);
				char *why = db_error_text(res, PG_DIAG_MESSAGE_PRIMARY);

				tui_ui_message(ui, TUI_MSG_ERROR, _("%s · your text is kept (%s)"),
					       why != NULL ? why : "", key);
				free(why);
			}
			ticket_view_reload(v);
			return;
		}
		/* The form stays up with everything in it: fix and send again, or Esc. */
		if (ui != NULL)
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	/* This screen's own change: its echo is no news to the user. */
	if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0)) {
		if (a->which == TA_REPLY || a->which == TA_NOTE || a->which == TA_CALL)
			v->own_message = atoll(PQgetvalue(res, 0, 0));
		else if (a->which != TA_MERGE)
			(void)snprintf(v->own_version, sizeof v->own_version, "%s", PQgetvalue(res, 0, 0));
	}
	if (writes(a) && v->watch != NULL)
		ticket_watch_sent(v->watch);
	if (writes(a) && v->presence != NULL)
		presence_typing_done(v->presence);
	if (ui != NULL)
		say_done(ui, a, v->number);
	tui_form_free(a->form);
	a->form = NULL;
	free(a->macro);
	a->macro = NULL;
	ticket_view_reload(v);
}

/* An empty field leaves its link as it is (NULL to the api). */
static const char *or_null(struct tui_form *f, size_t i)
{
	const char *s = tui_form_value(f, i);

	return s[0] != '\0' ? s : NULL;
}

/* The code behind the chooser's entry (TA_ASSIGN: "" is nobody). */
static const char *chosen_code(const struct ticket_action_state *a)
{
	int i = tui_form_choice(a->form, 0);

	if (i < 0 || (size_t)i >= a->ncodes)
		return NULL;
	return a->codes[i];
}

static void on_macro_answer(void *arg, bool yes)
{
	struct ticket_action_state *a = arg;
	struct ticket_view *v = a->v;

	if (!yes || a->macro == NULL || a->query != 0)
		return; /* back to the form, as it was */
	a->query = db_ticket_apply_macro(v->db, v->number, a->macro, a->version, on_done, a);
}

/* The reply the macro would send, rendered by the database, to read before it goes. */
static void on_preview(const PGresult *res, const char *error, void *arg)
{
	struct ticket_action_state *a = arg;
	struct tui_ui *ui = tui_pane_ui(a->v->pane);
	char *q;

	a->query = 0;
	if (ui == NULL)
		return;
	if (error != NULL) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	q = xasprintf(_("%s\n\nSend this and apply the macro's changes to %s?"),
		      PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "", a->v->number);
	(void)tui_confirm_action(ui, q, _("Apply"), _("Back"), true, on_macro_answer, a);
	free(q);
}

static bool submit(struct tui_form *f, void *arg)
{
	struct ticket_action_state *a = arg;
	struct ticket_view *v = a->v;
	const char *number = v->number, *ver = a->version;

	if (a->query != 0)
		return false; /* still saving */
	if (writes(a) && v->watch != NULL) {
		struct tui_ui *ui = tui_pane_ui(v->pane);
		char banner[sizeof v->banner];

		if (ticket_watch_send(v->watch) == WATCH_CONFIRM) {
			/* Nothing goes: the banner says what changed, the next send goes. */
			ticket_view_banner_update(v);
			(void)ticket_watch_banner(v->watch, banner, sizeof banner);
			if (ui != NULL)
				tui_ui_message(ui, TUI_MSG_WARNING, "%s", banner);
			return false;
		}
		/* The version the user was last shown: a change after it is BD004. */
		if (ticket_watch_version(v->watch) >= 0)
			(void)snprintf(a->version, sizeof a->version, "%d",
				       ticket_watch_version(v->watch));
	}
	switch (a->which) {
	case TA_REPLY:
		a->query = db_ticket_add_message(v->db, number, "reply", tui_form_value(f, 0), ver, NULL,
						 on_done, a);
		break;
	case TA_NOTE:
		a->query = db_ticket_add_message(v->db, number, "note", tui_form_value(f, 0), ver, NULL,
						 on_done, a);
		break;
	case TA_CALL:
		a->query = db_ticket_add_message(v->db, number, "call", tui_form_value(f, 1), ver,
						 tui_form_value(f, 0), on_done, a);
		break;
	case TA_STATUS:
		a->query = db_ticket_set_status(v->db, number, tui_form_value(f, 0), ver, on_done, a);
		break;
	case TA_PRIORITY:
		a->query = db_ticket_set_priority(v->db, number, tui_form_value(f, 0), ver, on_done, a);
		break;
	case TA_CATEGORY:
		a->query = db_ticket_set_category(v->db, number, tui_form_value(f, 0), ver, on_done, a);
		break;
	case TA_MACRO:
		if (chosen_code(a) == NULL)
			return false;
		free(a->macro);
		a->macro = xstrdup(chosen_code(a));
		a->query = db_ticket_preview_macro(v->db, number, a->macro, on_preview, a);
		break;
	case TA_ASSIGN: {
		const char *login = chosen_code(a);

		if (login == NULL)
			return false;
		a->query = db_ticket_assign(v->db, number, login[0] != '\0' ? login : NULL, ver, on_done, a);
		break;
	}
	case TA_MERGE:
		a->query = db_ticket_merge(v->db, number, tui_form_value(f, 0), ver, on_done, a);
		break;
	case TA_LINK:
		a->query = db_ticket_link(v->db, number, or_null(f, 0), or_null(f, 1), or_null(f, 2), ver,
					  on_done, a);
		break;
	case TA_TIME:
		a->query = db_ticket_set_time(v->db, number, tui_form_value(f, 0), ver, on_done, a);
		break;
	case TA_PREVIEW:
	case TA_COUNT:
		break;
	}
	/* The dialog stays until the database has answered. */
	return false;
}

/* Esc: the draft is kept, and the user is back on the ticket, reading it. */
static void cancelled(struct tui_form *f, void *arg)
{
	struct ticket_action_state *a = arg;

	(void)f;
	if (writes(a) && a->v->watch != NULL) {
		ticket_watch_end(a->v->watch);
		ticket_view_banner_update(a->v);
	}
	if (writes(a) && a->v->presence != NULL)
		presence_typing_done(a->v->presence);
}

static void typed(struct tui_form *f, void *arg)
{
	struct ticket_action_state *a = arg;

	(void)f;
	if (writes(a) && a->v->presence != NULL)
		presence_typing(a->v->presence);
}

/* Merging cannot be undone from here: say what it does first. */
static char *merge_effect(struct tui_form *f, void *arg)
{
	struct ticket_action_state *a = arg;

	if (a->which != TA_MERGE)
		return NULL;
	return xasprintf(_("Merge %s into %s: its messages move there and %s is closed, pointing to %s."),
			 a->v->number, tui_form_value(f, 0), a->v->number, tui_form_value(f, 0));
}

static void show_form(struct ticket_action_state *a)
{
	struct ticket_view *v = a->v;
	struct tui_form_hooks hooks = { 0 };

	/* Whatever changed since is the agent's to see first (the screen reloads). */
	(void)snprintf(a->version, sizeof a->version, "%s", v->version);
	hooks.submit = submit;
	hooks.cancel = cancelled;
	hooks.changed = typed;
	hooks.arg = a;
	/* What the reply is written against: the ticket as shown now. */
	if (writes(a) && v->watch != NULL && !tui_form_shown(a->form)) {
		ticket_watch_begin(v->watch);
		ticket_view_banner_update(v);
	}
	tui_form_show(tui_pane_ui(v->pane), a->form, &hooks);
}

static void free_codes(struct ticket_action_state *a)
{
	for (size_t i = 0; i < a->ncodes; i++)
		free(a->codes[i]);
	free(a->codes);
	a->codes = NULL;
	a->ncodes = 0;
}

/* The staff (TA_ASSIGN) or the macros (TA_MACRO) have arrived: the chooser opens. */
static void on_list(const PGresult *res, const char *error, void *arg)
{
	struct ticket_action_state *a = arg;
	struct ticket_view *v = a->v;
	int n;
	const char **shown;
	size_t k = 0;

	a->list_query = 0;
	if (error != NULL) {
		tui_pane_message(v->pane, true, views_error(res, error));
		return;
	}
	n = PQntuples(res);
	if (n == 0 && a->which == TA_MACRO) {
		tui_pane_message(v->pane, true, _("no macros yet (an administrator adds them)"));
		return;
	}
	free_codes(a);
	a->codes = xcalloc((size_t)n + 1, sizeof *a->codes);
	shown = xcalloc((size_t)n + 2, sizeof *shown);
	if (a->which == TA_ASSIGN) {
		a->codes[k] = xstrdup("");
		shown[k++] = _("nobody (unassigned)");
	}
	for (int i = 0; i < n; i++) {
		a->codes[k] = xstrdup(PQgetvalue(res, i, 0));
		shown[k++] = PQgetvalue(res, i, 1);
	}
	a->ncodes = k;
	if (a->form == NULL) {
		a->form = tui_form_new(_(defs[a->which].title), defs[a->which].fields,
				       defs[a->which].nfields, NULL);
		tui_form_set_action(a->form, _(defs[a->which].action));
	}
	tui_form_set_choices(a->form, 0, shown, NULL);
	free(shown);
	show_form(a);
}

/* Send from the preview: the reply form's own path (the version it was written
 * against, the "changed meanwhile" question), as F2 in the form would.  The
 * form keeps the text until the reply is queued: Back, a refusal or a lost
 * connection leave it for r. */
static void on_reply_send(void *arg)
{
	struct ticket_action_state *a = arg;
	struct ticket_action_state *r = &a->v->act[TA_REPLY];

	if (r->form == NULL || r->query != 0)
		return;
	(void)submit(r->form, r);
}

/* The reply shown as m and d show their notices (views/message_preview.c). */
static void on_reply_preview(const PGresult *res, const char *error, void *arg)
{
	struct ticket_action_state *a = arg;
	struct ticket_view *v = a->v;
	struct tui_ui *ui = tui_pane_ui(v->pane);
	char *intro, *title;
	bool shown = false;

	a->query = 0;
	if (ui == NULL)
		return;
	if (error != NULL) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	intro = xasprintf(_("Your reply on %s, as the customer will get it; it stays in r until it is sent."),
			  v->number);
	title = xasprintf(_("The reply as it will go: %s"), v->number);
	if (PQntuples(res) == 1 && PQnfields(res) > TICKET_PREVIEW_KIND)
		shown = message_preview_show(ui, title, intro, res, PQgetvalue(res, 0, TICKET_PREVIEW_KIND),
					     on_reply_send, a);
	free(title);
	free(intro);
	if (!shown)
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("the database showed no reply"));
}

/* V: the reply kept in its form, rendered by the database exactly as it would
 * be queued (api.preview_reply runs the reply and rolls it back). */
static unsigned preview_reply(struct ticket_view *v, struct ticket_action_state *a)
{
	struct ticket_action_state *r = &v->act[TA_REPLY];

	if (r->form == NULL || tui_form_value(r->form, 0)[0] == '\0') {
		tui_pane_message(v->pane, true, _("write the reply first (r); V then shows it as the customer will get it"));
		return TUI_HANDLED;
	}
	if (r->query != 0) {
		tui_pane_message(v->pane, true, _("still waiting for the database"));
		return TUI_HANDLED;
	}
	a->query = db_ticket_preview_reply(v->db, v->number, tui_form_value(r->form, 0), v->version,
					   on_reply_preview, a);
	return TUI_HANDLED;
}

unsigned ticket_actions_request(void *view, int request)
{
	struct ticket_view *v = view;
	struct ticket_action_state *a = NULL;
	bool fresh = false;
	char *why = NULL;

	for (int i = 0; i < TA_COUNT; i++)
		if (ticket_action_bindings[i].request == request)
			a = &v->act[i];
	if (a == NULL)
		return TUI_IGNORED;
	if (!v->loaded) {
		tui_pane_message(v->pane, true, _("the ticket is still loading; try again in a moment"));
		return TUI_HANDLED;
	}
	if (a->query != 0 || a->list_query != 0) {
		tui_pane_message(v->pane, true, _("still waiting for the database"));
		return TUI_HANDLED;
	}
	if (a->which == TA_PREVIEW)
		return preview_reply(v, a);
	if (a->which == TA_STATUS && next_statuses(v->status) == NULL) {
		tui_pane_message(v->pane, true,
				 _("a closed ticket keeps its status; a new message from the customer opens one"));
		return TUI_HANDLED;
	}
	/* The staff and the macros are asked for at every opening: both change. */
	if (a->which == TA_ASSIGN || a->which == TA_MACRO) {
		a->list_query = a->which == TA_ASSIGN ? db_ticket_assignees(v->db, on_list, a)
						      : db_ticket_macros(v->db, on_list, a);
		return TUI_HANDLED;
	}
	if (a->form == NULL) {
		a->form = tui_form_new(_(defs[a->which].title), defs[a->which].fields,
				       defs[a->which].nfields, NULL);
		tui_form_set_action(a->form, _(defs[a->which].action));
		if (a->which == TA_MERGE)
			tui_form_set_confirm(a->form, merge_effect);
		fresh = true;
	}
	/* At every showing: the ticket or the lists may have changed since. */
	if (a->which == TA_STATUS)
		tui_form_set_choices(a->form, 0, next_statuses(v->status), label_ticket_status);
	if ((a->which == TA_PRIORITY &&
	     !choices_fill(a->form, 0, DB_LIST_TICKET_PRIORITY, label_ticket_priority, &why)) ||
	    (a->which == TA_CATEGORY &&
	     !choices_fill(a->form, 0, DB_LIST_TICKET_CATEGORY, label_ticket_category, &why))) {
		tui_pane_message(v->pane, true, why);
		free(why);
		if (fresh) {
			tui_form_free(a->form);
			a->form = NULL;
		}
		return TUI_HANDLED;
	}
	/* A chooser starts at what the ticket has. */
	if (fresh && a->which == TA_PRIORITY)
		tui_form_set_value(a->form, 0, v->priority);
	if (fresh && a->which == TA_CATEGORY)
		tui_form_set_value(a->form, 0, v->category);
	if (fresh && a->which == TA_TIME)
		tui_form_set_value(a->form, 0, v->time_minutes);
	show_form(a);
	return TUI_HANDLED | TUI_REDRAW;
}

char *ticket_actions_lost(void *view)
{
	struct ticket_view *v = view;
	char *all = NULL;

	for (int i = 0; i < TA_COUNT; i++)
		all = tui_form_draft_note(all, v->act[i].form, _(defs[i].title), v->number);
	return all;
}

bool ticket_actions_unsaved(const void *view)
{
	const struct ticket_view *v = view;

	for (int i = 0; i < TA_COUNT; i++)
		if (v->act[i].form != NULL && tui_form_modified(v->act[i].form))
			return true;
	return false;
}

void ticket_actions_free(struct ticket_view *v)
{
	for (int i = 0; i < TA_COUNT; i++) {
		struct ticket_action_state *a = &v->act[i];

		if (a->query != 0) {
			/* The screen goes; the change goes on, and the console reports it. */
			char *what = xasprintf(_("%s on %s"), _(defs[i].title), v->number);

			db_session_detach(v->db, a->query, what);
			free(what);
		}
		if (a->list_query != 0)
			db_session_cancel(v->db, a->list_query);
		tui_form_free(a->form);
		a->form = NULL;
		free_codes(a);
		free(a->macro);
		a->macro = NULL;
	}
}
