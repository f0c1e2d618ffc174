#include "views/call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/confirm.h"
#include "db/choices.h"
#include "db/connect.h"
#include "db/order_actions.h"
#include "db/tickets.h"
#include "db/refusal.h"
#include "views/choices.h"
#include "views/labels.h"

static const struct tui_field_spec fields[] = {
	/* The choices are the database's lists (views/choices.h). */
	{ TUI_FIELD_CHOICE, N_("About"), true, 0, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_CHOICE, N_("Outcome"), true, 0, 0, 0, NULL, 0, NULL },
	/* The caller's open tickets (api.customer_open_tickets), a new one first. */
	{ TUI_FIELD_CHOICE, N_("Ticket"), true, 0, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_MULTILINE, N_("Note"), false, 4000, 0, 0, NULL, 4, NULL },
};

/* The call in progress, or the one whose form is waiting to be saved. */
static struct call {
	struct db_session *db;
	struct tui_ui *ui;
	char *customer_id, *customer_name, *order_number;
	long long started, ended; /* monotonic ms; ended 0 while talking */
	int slot;                 /* on the status line */
	bool have_slot;
	struct tui_form *form;
	unsigned query;
	/* The caller's open tickets: asked for when the call starts, offered at hang-up. */
	char **tickets, **ticket_texts; /* NULL-terminated; the choice and what is read */
	unsigned tickets_query;
	bool tickets_loaded, form_wanted;
	/* The agent saw the caller's open ticket of the category and opens another:
	 * for the next submit only. */
	bool anyway;
	char *same; /* the open ticket the database named (BD007) while asking */
} call;

/* The choice for "log it on a new ticket": no ticket number looks like it. */
#define NEW_TICKET "new"

bool call_running(void)
{
	return call.customer_id != NULL && call.ended == 0;
}

static void free_tickets(void)
{
	for (size_t i = 0; call.tickets != NULL && call.tickets[i] != NULL; i++) {
		free(call.tickets[i]);
		free(call.ticket_texts[i]);
	}
	free(call.tickets);
	free(call.ticket_texts);
	call.tickets = call.ticket_texts = NULL;
	call.tickets_loaded = false;
}

static const char *ticket_text(const char *choice)
{
	if (strcmp(choice, NEW_TICKET) == 0)
		return _("a new ticket");
	for (size_t i = 0; call.tickets != NULL && call.tickets[i] != NULL; i++)
		if (strcmp(call.tickets[i], choice) == 0)
			return call.ticket_texts[i];
	return choice;
}

char *call_lost(void)
{
	if (call.customer_id == NULL)
		return NULL;
	return xasprintf(call.ended == 0 ? _("the call with %s (in progress)")
					 : _("the call with %s (not logged yet)"),
			 call.customer_name);
}

static void forget(void)
{
	if (call.tickets_query != 0)
		db_session_cancel(call.db, call.tickets_query);
	call.tickets_query = 0;
	call.form_wanted = false;
	free_tickets();
	free(call.customer_id);
	free(call.customer_name);
	free(call.order_number);
	call.customer_id = call.customer_name = call.order_number = NULL;
	call.started = call.ended = 0;
	call.anyway = false;
	free(call.same);
	call.same = NULL;
	tui_form_free(call.form);
	call.form = NULL;
	if (call.have_slot) {
		tui_status_stopwatch(tui_ui_status(call.ui), call.slot, -1);
		tui_status_set(tui_ui_status(call.ui), call.slot, NULL, TUI_ATTR_STATUS);
	}
}

static bool submit(struct tui_form *f, void *arg);

/* A choice for the ticket the database named, when the list loaded at the start of
 * the call does not have it (opened since): its subject from the refusal, whose
 * message ends ": <subject>" (0023). */
static void offer_ticket(const char *number, const char *message)
{
	const char *subject = message != NULL ? strstr(message, ": ") : NULL;
	size_t n = 0;

	while (call.tickets != NULL && call.tickets[n] != NULL) {
		if (strcmp(call.tickets[n], number) == 0)
			return;
		n++;
	}
	call.tickets = xrealloc(call.tickets, (n + 2) * sizeof *call.tickets);
	call.ticket_texts = xrealloc(call.ticket_texts, (n + 2) * sizeof *call.ticket_texts);
	call.tickets[n] = xstrdup(number);
	call.ticket_texts[n] = subject != NULL ? xasprintf("%s %s", number, subject + 2) : xstrdup(number);
	call.tickets[n + 1] = call.ticket_texts[n + 1] = NULL;
	tui_form_set_choices(call.form, 2, (const char *const *)call.tickets, ticket_text);
}

/* The subject of one of the caller's tickets, as the Ticket field shows it. */
static const char *ticket_subject(const char *number)
{
	const char *text = ticket_text(number);
	size_t len = strlen(number);

	return strncmp(text, number, len) == 0 && text[len] == ' ' ? text + len + 1 : "";
}

static void on_same_answer(void *arg, enum tui_choice choice)
{
	(void)arg;
	if (call.form == NULL || call.same == NULL)
		return;
	switch (choice) {
	case TUI_CHOICE_FIRST:
		/* The call goes on the open ticket, as if it had been picked. */
		tui_form_set_value(call.form, 2, call.same);
		break;
	case TUI_CHOICE_SECOND:
		call.anyway = true;
		break;
	case TUI_CHOICE_BACK:
		/* The form stayed under the question, as it was: nothing typed is lost.
		 * (Also the answer when the ui goes with the question up.) */
		free(call.same);
		call.same = NULL;
		return;
	}
	free(call.same);
	call.same = NULL;
	(void)submit(call.form, NULL);
}

/* The caller has an open ticket of the category (BD007; its number in DETAIL): ask
 * whether the call belongs on it before another ticket is opened. */
static void ask_same(const PGresult *res)
{
	const char *number = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	char *q, *on_it;

	free(call.same);
	call.same = xstrdup(number);
	offer_ticket(number, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	q = xasprintf(_("%s (%s) is already open about %s. Log the call on it, or open another ticket?"),
		      number, ticket_subject(number), label_ticket_category(tui_form_value(call.form, 0)));
	on_it = xasprintf(_("Log the call on %s"), number);
	(void)tui_confirm_choice(call.ui, q, on_it, _("Open another ticket"), _("Back"), on_same_answer,
				 NULL);
	free(on_it);
	free(q);
}

static void on_logged(const PGresult *res, const char *error, void *arg)
{
	(void)arg;
	call.query = 0;
	if (error != NULL && call.form != NULL && strcmp(db_sqlstate(res), DB_TICKET_DUPLICATE) == 0 &&
	    PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) != NULL) {
		ask_same(res);
		return;
	}
	if (error != NULL) {
		/* The form keeps everything: c shows it again. */
		char *why = db_error_text(res, PG_DIAG_MESSAGE_PRIMARY);

		tui_ui_message(call.ui, TUI_MSG_ERROR, _("%s · the call form is kept (c)"),
			       why != NULL ? why : error);
		free(why);
		tui_form_hide(call.form);
		return;
	}
	tui_ui_message(call.ui, TUI_MSG_SUCCESS, _("call logged on ticket %s"), PQgetvalue(res, 0, 0));
	forget();
}

static bool submit(struct tui_form *f, void *arg)
{
	char seconds[24];
	const char *ticket = tui_form_value(f, 2);

	if (strcmp(ticket, NEW_TICKET) == 0)
		ticket = "";

	(void)arg;
	if (call.query != 0)
		return false;
	(void)snprintf(seconds, sizeof seconds, "%lld", (call.ended - call.started + 500) / 1000);
	call.query = db_call_log(call.db, call.customer_id, *ticket != '\0' ? ticket : NULL,
				 tui_form_value(f, 0), tui_form_value(f, 1), tui_form_value(f, 3),
				 seconds, call.anyway, on_logged, NULL);
	call.anyway = false;
	return false;
}

static void cancelled(struct tui_form *f, void *arg)
{
	(void)f;
	(void)arg;
	tui_ui_message(call.ui, TUI_MSG_WARNING, "%s",
		       _("the call is not logged yet: c shows its form again"));
}

static void show_form(void)
{
	const struct tui_form_hooks hooks = { submit, cancelled, NULL, NULL };
	const char *const only_new[] = { NEW_TICKET, NULL };
	char *why = NULL;

	if (!call.tickets_loaded) {
		/* Shown when the tickets arrive (on_tickets). */
		call.form_wanted = true;
		return;
	}
	if (call.form == NULL) {
		char *title = xasprintf(_("Call with %s, %lld:%02lld"), call.customer_name,
					(call.ended - call.started) / 60000,
					(call.ended - call.started) / 1000 % 60);

		call.form = tui_form_new(title, fields, sizeof fields / sizeof fields[0], NULL);
		tui_form_set_action(call.form, _("Log the call"));
		free(title);
	}
	/* Again at every showing: a list changed since keeps what was chosen. */
	if (!choices_fill(call.form, 0, DB_LIST_TICKET_CATEGORY, label_ticket_category, &why) ||
	    !choices_fill(call.form, 1, DB_LIST_CALL_OUTCOME, label_call_outcome, &why)) {
		tui_ui_message(call.ui, TUI_MSG_WARNING, _("%s · c shows the call form again"), why);
		free(why);
		return;
	}
	tui_form_set_choices(call.form, 2,
			     call.tickets != NULL ? (const char *const *)call.tickets : only_new,
			     ticket_text);
	tui_form_show(call.ui, call.form, &hooks);
}

static void on_tickets(const PGresult *res, const char *error, void *arg)
{
	int n = error == NULL ? PQntuples(res) : 0;

	(void)arg;
	call.tickets_query = 0;
	free_tickets();
	if (error != NULL)
		/* A new ticket can still be logged; the message says why there is no choice. */
		tui_ui_message(call.ui, TUI_MSG_WARNING, _("the caller's open tickets did not load: %s"),
			       error);
	call.tickets = xcalloc((size_t)n + 2, sizeof *call.tickets);
	call.ticket_texts = xcalloc((size_t)n + 2, sizeof *call.ticket_texts);
	call.tickets[0] = xstrdup(NEW_TICKET);
	call.ticket_texts[0] = xstrdup(_("a new ticket"));
	for (int i = 0; i < n; i++) {
		call.tickets[i + 1] = xstrdup(PQgetvalue(res, i, OPEN_TICKET_NUMBER));
		call.ticket_texts[i + 1] = xasprintf("%s %s", PQgetvalue(res, i, OPEN_TICKET_NUMBER),
						     PQgetvalue(res, i, OPEN_TICKET_SUBJECT));
	}
	call.tickets_loaded = true;
	if (call.form_wanted) {
		call.form_wanted = false;
		show_form();
	}
}

void call_toggle(struct tui_ui *ui, struct db_session *db, const char *customer_id,
		 const char *customer_name, const char *order_number)
{
	struct tui_status *st = tui_ui_status(ui);
	char *text;

	if (call.customer_id != NULL && call.ended != 0) {
		show_form(); /* hung up, not logged yet */
		return;
	}
	if (call_running()) {
		call.ended = tui_loop_now();
		tui_status_stopwatch(st, call.slot, -1);
		show_form();
		return;
	}
	if (customer_id == NULL || *customer_id == '\0') {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("open the caller's order or customer first"));
		return;
	}
	call.ui = ui;
	call.db = db;
	call.customer_id = xstrdup(customer_id);
	call.customer_name = xstrdup(customer_name != NULL ? customer_name : "");
	call.order_number = order_number != NULL ? xstrdup(order_number) : NULL;
	call.started = tui_loop_now();
	call.ended = 0;
	if (!call.have_slot) {
		call.slot = tui_status_add(st, TUI_SIDE_RIGHT);
		call.have_slot = true;
	}
	text = xasprintf(_("call: %s"), call.customer_name);
	tui_status_set(st, call.slot, text, TUI_ATTR_STATUS_ALERT);
	free(text);
	tui_status_stopwatch(st, call.slot, call.started);
	tui_ui_message(ui, TUI_MSG_INFO, "%s", _("call started: c hangs up"));
	/* What the call may be about, ready by the time it ends. */
	call.tickets_query = db_customer_open_tickets(db, call.customer_id, on_tickets, NULL);
}

void call_free(void)
{
	if (call.query != 0)
		db_session_cancel(call.db, call.query);
	call.query = 0;
	if (call.tickets_query != 0)
		db_session_cancel(call.db, call.tickets_query);
	free_tickets();
	call.have_slot = false; /* the ui goes first; its status line with it */
	free(call.customer_id);
	free(call.customer_name);
	free(call.order_number);
	free(call.same);
	tui_form_free(call.form);
	memset(&call, 0, sizeof call);
}
