#include "views/call.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/choices.h"
#include "db/order_actions.h"
#include "views/choices.h"
#include "views/labels.h"

static const struct tui_field_spec fields[] = {
	/* The choices are the database's lists (views/choices.h). */
	{ TUI_FIELD_CHOICE, N_("About"), true, 0, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_CHOICE, N_("Outcome"), true, 0, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("Ticket (empty: new)"), false, 20, 0, 0, NULL, 0, NULL },
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
} call;

bool call_running(void)
{
	return call.customer_id != NULL && call.ended == 0;
}

static void forget(void)
{
	free(call.customer_id);
	free(call.customer_name);
	free(call.order_number);
	call.customer_id = call.customer_name = call.order_number = NULL;
	call.started = call.ended = 0;
	tui_form_free(call.form);
	call.form = NULL;
	if (call.have_slot) {
		tui_status_stopwatch(tui_ui_status(call.ui), call.slot, -1);
		tui_status_set(tui_ui_status(call.ui), call.slot, NULL, TUI_ATTR_STATUS);
	}
}

static void on_logged(const PGresult *res, const char *error, void *arg)
{
	(void)arg;
	call.query = 0;
	if (error != NULL) {
		/* The form keeps everything: c shows it again. */
		tui_ui_message(call.ui, TUI_MSG_ERROR, _("%s · the call form is kept (c)"),
			       PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) != NULL
				       ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : error);
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

	(void)arg;
	if (call.query != 0)
		return false;
	(void)snprintf(seconds, sizeof seconds, "%lld", (call.ended - call.started + 500) / 1000);
	call.query = db_call_log(call.db, call.customer_id, *ticket != '\0' ? ticket : NULL,
				 tui_form_value(f, 0), tui_form_value(f, 1), tui_form_value(f, 3),
				 seconds, on_logged, NULL);
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
	const struct tui_form_hooks hooks = { submit, cancelled, NULL };
	char *why = NULL;

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
	tui_form_show(call.ui, call.form, &hooks);
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
}

void call_free(void)
{
	if (call.query != 0)
		db_session_cancel(call.db, call.query);
	call.query = 0;
	call.have_slot = false; /* the ui goes first; its status line with it */
	free(call.customer_id);
	free(call.customer_name);
	free(call.order_number);
	tui_form_free(call.form);
	memset(&call, 0, sizeof call);
}
