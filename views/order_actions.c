/* The agent's actions on the order screen: one form each, one api call each.
 *
 * A form lives until its action succeeds: Esc, a refusal, a lost connection or a
 * colleague's change (BD004) only hide it, and the same key brings back what was
 * typed.  On BD004 the screen reloads, so the agent sees the new state before
 * applying their change again. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/money.h"
#include "common/xalloc.h"
#include "db/choices.h"
#include "db/connect.h"
#include "db/order_actions.h"
#include "db/tickets.h"
#include "db/refusal.h"
#include "views/call.h"
#include "views/choices.h"
#include "views/gift_code.h"
#include "views/labels.h"
#include "views/message_preview.h"
#include "views/order_view.h"
#include "views/return_start.h"
#include "views/views.h"

enum {
	REQ_CANCEL = TUI_REQ_VIEW + 10,
	REQ_ADDRESS,
	REQ_REFUND_FEE,
	REQ_COMPENSATE,
	REQ_NOTE,
	REQ_MESSAGE,
	REQ_TICKET,
	REQ_CALL,
	REQ_ANSWERS,
	REQ_RETURN,
	REQ_GIFT,
};

const struct tui_binding order_action_bindings[OA_COUNT] = {
	[OA_CANCEL] = { REQ_CANCEL, "x F8", N_("Cancel order"), N_("Cancel the order (before shipping); refunds what was paid"), CAP_ORDER_WRITE },
	[OA_ADDRESS] = { REQ_ADDRESS, "a", N_("Address"), N_("Change the shipping address (before shipping)"), CAP_ORDER_WRITE },
	[OA_REFUND_FEE] = { REQ_REFUND_FEE, "f", N_("Refund fee"), N_("Refund a shipping fee charged on a free-shipping order"), CAP_ORDER_WRITE },
	[OA_COMPENSATE] = { REQ_COMPENSATE, "d", N_("Delay"), N_("Compensate a late delivery: partial refund or gift code"), CAP_ORDER_WRITE },
	[OA_NOTE] = { REQ_NOTE, "n", N_("Note"), N_("Add an internal note (never sent to the customer)"), CAP_ORDER_WRITE },
	[OA_MESSAGE] = { REQ_MESSAGE, "m", N_("Resend"), N_("Send the confirmation or the tracking details again"), CAP_ORDER_WRITE },
	[OA_TICKET] = { REQ_TICKET, "t", N_("Ticket"), N_("Open a ticket about this order"), CAP_ORDER_WRITE },
	[OA_ANSWERS] = { REQ_ANSWERS, "w F7", N_("Answers"), N_("Answer templates filled with this order, to read out or send"), CAP_ORDER_WRITE },
	[OA_CALL] = { REQ_CALL, "c F9", N_("Call"), N_("Start a call with this customer; again: hang up and log it"), CAP_ORDER_WRITE },
	[OA_RETURN] = { REQ_RETURN, "R", N_("Start return"), N_("Start a return: pick lines, quantities and reasons"), CAP_ORDER_WRITE },
	[OA_GIFT] = { REQ_GIFT, "C", N_("Gift code"), N_("Give the customer a gift code: an amount or a percent"), CAP_ORDER_WRITE },
};

static char *check_money(const char *value, void *arg)
{
	int64_t v;

	(void)arg;
	if (money_parse(value, 2, &v) < 0 || v <= 0)
		return xstrdup(_("an amount above zero, like 50 or 49.90"));
	return NULL;
}

static const char *const how_choices[] = { N_("gift_code"), N_("refund"), NULL };
static const char *const message_choices[] = { N_("tracking"), N_("order_confirmation"), NULL };
/* Before a parcel leaves there is nothing to track (api.queue_message refuses it). */
static const char *const message_choices_unshipped[] = { N_("order_confirmation"), NULL };
static const struct tui_field_spec cancel_fields[] = {
	{ TUI_FIELD_TEXT, N_("Reason"), true, 200, 0, 0, NULL, 0, NULL },
};
/* The address form's fields, in the order of the parts api.change_address names in
 * a refusal (PG_DIAG_COLUMN_NAME). */
static const char *const address_parts[] = { "line1", "line2", "district", "city", "postcode", "country" };
static const struct tui_field_spec address_fields[] = {
	{ TUI_FIELD_TEXT, N_("Street, number"), true, 200, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("More (flat…)"), false, 200, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("District (ilçe)"), false, 100, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("City"), true, 100, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("Postcode"), false, 20, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("Country (TR, HU…)"), true, 2, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec refund_fee_fields[] = {
	{ TUI_FIELD_TEXT, N_("Reason"), true, 200, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec compensate_fields[] = {
	{ TUI_FIELD_CHOICE, N_("As"), true, 0, 0, 0, how_choices, 0, NULL },
	{ TUI_FIELD_MONEY, N_("Amount"), true, 16, 0, 0, NULL, 0, check_money },
	{ TUI_FIELD_TEXT, N_("Reason"), true, 200, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec note_fields[] = {
	{ TUI_FIELD_MULTILINE, N_("Note"), true, 2000, 0, 0, NULL, 4, NULL },
};
static const struct tui_field_spec message_fields[] = {
	{ TUI_FIELD_CHOICE, N_("Send"), true, 0, 0, 0, message_choices, 0, NULL },
};
static const struct tui_field_spec ticket_fields[] = {
	/* The database's lists (views/choices.h). */
	{ TUI_FIELD_CHOICE, N_("Category"), true, 0, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_CHOICE, N_("Priority"), true, 0, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("Subject"), true, 200, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_MULTILINE, N_("What happened"), false, 4000, 0, 0, NULL, 4, NULL },
};

struct action_def {
	const char *title;
	const struct tui_field_spec *fields;
	size_t nfields;
	const char *action; /* what F2 does, on the F-key bar and the question's button */
};

#define FIELDS(a) (a), sizeof(a) / sizeof((a)[0])

static const struct action_def defs[OA_COUNT] = {
	[OA_CANCEL] = { N_("Cancel order"), FIELDS(cancel_fields), N_("Cancel the order") },
	[OA_ADDRESS] = { N_("Change the shipping address"), FIELDS(address_fields), N_("Change the address") },
	[OA_REFUND_FEE] = { N_("Refund the shipping fee"), FIELDS(refund_fee_fields), N_("Refund the fee") },
	[OA_COMPENSATE] = { N_("Compensate a late delivery"), FIELDS(compensate_fields), N_("Give compensation") },
	[OA_NOTE] = { N_("Internal note"), FIELDS(note_fields), N_("Save the note") },
	[OA_MESSAGE] = { N_("Send again"), FIELDS(message_fields), N_("Send the e-mail") },
	[OA_TICKET] = { N_("Open a ticket"), FIELDS(ticket_fields), N_("Open the ticket") },
};

static char *address_json(struct tui_form *f)
{
	json_t *o = json_object();
	char *s;

	if (o == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof address_parts / sizeof address_parts[0]; i++)
		if (json_object_set_new(o, address_parts[i], json_string(tui_form_value(f, i))) < 0) {
			json_decref(o);
			return NULL;
		}
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

/* The address the order ships to now, as the form's first values. */
static void address_prefill(struct tui_form *f, json_t *addr)
{
	const char *district = json_string_value(json_object_get(addr, "district"));

	for (size_t i = 0; i < sizeof address_parts / sizeof address_parts[0]; i++) {
		const char *value = json_string_value(json_object_get(addr, address_parts[i]));

		/* Older addresses kept the district in line2 too: show it once. */
		if (i == 1 && value != NULL && district != NULL && strcmp(value, district) == 0)
			value = NULL;
		if (value != NULL)
			tui_form_set_value(f, i, value);
	}
	tui_form_mark_saved(f);
}

/* A refusal that names a part of the address goes next to its field. */
static bool address_refusal(struct order_action_state *a, const PGresult *res, struct tui_ui *ui)
{
	const char *column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME);

	if (a->which != OA_ADDRESS || a->form == NULL || column == NULL)
		return false;
	for (size_t i = 0; i < sizeof address_parts / sizeof address_parts[0]; i++) {
		if (strcmp(address_parts[i], column) != 0)
			continue;
		const char *raw = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		char *msg, *hint;

		/* Next to its field "address: " says nothing. */
		msg = refusal_translate(raw == NULL ? "" : strncmp(raw, "address: ", 9) == 0 ? raw + 9 : raw);
		hint = db_error_text(res, PG_DIAG_MESSAGE_HINT);
		tui_form_set_error(a->form, i, msg);
		tui_form_set_focus(a->form, i);
		if (ui != NULL && hint != NULL)
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", hint);
		free(hint);
		free(msg);
		return true;
	}
	return false;
}

static void say_done(struct tui_ui *ui, enum order_action which, const char *number,
		     const char *answer)
{
	switch (which) {
	case OA_CANCEL:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s cancelled; what was paid is refunded"), number);
		break;
	case OA_ADDRESS:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s will ship to the new address"), number);
		break;
	case OA_REFUND_FEE:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: shipping fee refunded"), number);
		break;
	case OA_COMPENSATE:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s compensated: %s"), number, answer);
		break;
	case OA_NOTE:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: note added"), number);
		break;
	case OA_MESSAGE:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: message queued for sending"), number);
		break;
	case OA_TICKET:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: ticket %s opened"), number, answer);
		break;
	case OA_CALL:
	case OA_ANSWERS:
	case OA_RETURN:
	case OA_GIFT:
	case OA_COUNT:
		break;
	}
}

static bool submit(struct tui_form *f, void *arg);

/* The agent saw the open ticket of the same category: y opens another anyway. */
static void on_duplicate_answer(void *arg, bool yes)
{
	struct order_action_state *a = arg;

	if (!yes || a->form == NULL) {
		tui_pane_message(a->v->pane, true, _("no ticket opened: add to the open one"));
		return;
	}
	a->anyway = true;
	(void)submit(a->form, a);
}

static void on_done(const PGresult *res, const char *error, void *arg)
{
	struct order_action_state *a = arg;
	struct order_view *v = a->v;
	struct tui_ui *ui = tui_pane_ui(v->pane);

	a->query = 0;
	if (error != NULL && a->which == OA_TICKET && ui != NULL &&
	    strcmp(db_sqlstate(res), DB_TICKET_DUPLICATE) == 0) {
		char *why = db_error_text(res, PG_DIAG_MESSAGE_PRIMARY);
		char *q = xasprintf(_("%s\nOpen another ticket anyway? y opens it, n goes back"),
				    why != NULL ? why : "");

		free(why);

		(void)tui_confirm_action(ui, q, _("Open another ticket"), _("Back"), false,
					 on_duplicate_answer, a);
		free(q);
		return;
	}
	if (error != NULL) {
		if (strcmp(db_sqlstate(res), "BD004") == 0) {
			/* A colleague was faster: show what they did, keep what we typed. */
			if (a->form != NULL)
				tui_form_hide(a->form);
			if (ui != NULL) {
				char key[8];

				/* The first key of the action: "a", "x F8" → "x". */
				(void)snprintf(key, sizeof key, "%.*s",
					       (int)strcspn(order_action_bindings[a->which].keys, " "),
					       order_action_bindings[a->which].keys);
				/* Only the sentence that matters fits on one line. */
				char *why = db_error_text(res, PG_DIAG_MESSAGE_PRIMARY);

				tui_ui_message(ui, TUI_MSG_ERROR, _("%s · your text is kept (%s)"),
					       why != NULL ? why : "", key);
				free(why);
			}
			order_view_reload(v);
			return;
		}
		if (address_refusal(a, res, ui))
			return;
		if (ui != NULL)
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	if (ui != NULL)
		say_done(ui, a->which, v->number, PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
	tui_form_free(a->form);
	a->form = NULL;
	a->key[0] = '\0';
	a->anyway = false;
	order_view_reload(v);
}

/* Send from m's preview: the message as it was shown goes. */
static void on_message_send(void *arg)
{
	struct order_action_state *a = arg;
	struct order_view *v = a->v;

	if (a->form == NULL || a->query != 0)
		return;
	a->query = db_order_queue_message(v->db, v->number, tui_form_value(a->form, 0), on_done, a);
}

static void on_message_preview(const PGresult *res, const char *error, void *arg)
{
	struct order_action_state *a = arg;
	struct order_view *v = a->v;
	struct tui_ui *ui = tui_pane_ui(v->pane);
	char *intro, *title;
	bool shown;

	a->query = 0;
	if (ui == NULL || a->form == NULL)
		return;
	if (error != NULL) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	intro = order_effect(v, OA_MESSAGE, a->form);
	title = xasprintf(_("The message as it will go: %s"), v->number);
	shown = message_preview_show(ui, title, intro, res, tui_form_value(a->form, 0), on_message_send, a);
	free(title);
	free(intro);
	if (!shown)
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("the database showed no message"));
}

static bool submit(struct tui_form *f, void *arg)
{
	struct order_action_state *a = arg;
	struct order_view *v = a->v;
	char *json = NULL;

	if (a->query != 0)
		return false; /* still saving */
	switch (a->which) {
	case OA_CANCEL:
		a->query = db_order_cancel(v->db, v->number, tui_form_value(f, 0), a->version, on_done, a);
		break;
	case OA_ADDRESS:
		json = address_json(f);
		if (json == NULL)
			return false;
		a->query = db_order_change_address(v->db, v->number, json, a->version, on_done, a);
		free(json);
		break;
	case OA_REFUND_FEE:
		a->query = db_order_refund_fee(v->db, v->number, tui_form_value(f, 0), a->key, a->version,
					       on_done, a);
		break;
	case OA_COMPENSATE: {
		char *amount = xstrdup(tui_form_value(f, 1));
		char *comma = strchr(amount, ',');

		if (comma != NULL)
			*comma = '.';
		a->query = db_order_compensate(v->db, v->number, tui_form_value(f, 0), amount,
					       tui_form_value(f, 2), a->key, a->version, on_done, a);
		free(amount);
		break;
	}
	case OA_NOTE:
		a->query = db_note_add(v->db, "order", v->id, tui_form_value(f, 0), on_done, a);
		break;
	case OA_MESSAGE:
		/* First the message as it will go (m's preview); Send there queues it. */
		a->query = db_order_preview_message(v->db, v->number, tui_form_value(f, 0), on_message_preview, a);
		break;
	case OA_CALL:
	case OA_ANSWERS:
	case OA_RETURN:
	case OA_GIFT:
		break;
	case OA_TICKET:
		a->query = db_ticket_open(v->db, v->customer_id, v->number, "phone", tui_form_value(f, 0),
					  tui_form_value(f, 1), tui_form_value(f, 2),
					  tui_form_value(f, 3), a->anyway, on_done, a);
		break;
	case OA_COUNT:
		break;
	}
	/* The dialog stays until the database has answered. */
	return false;
}

static void cancelled(struct tui_form *f, void *arg)
{
	(void)f;
	(void)arg;
}

/* The question before money moves or a message goes (views/order_effects.c). */
static char *effect(struct tui_form *f, void *arg)
{
	struct order_action_state *a = arg;

	if (a->which == OA_MESSAGE)
		return NULL; /* the preview asks, showing the message */
	return order_effect(a->v, a->which, f);
}

/* The code is on the order now: show it there too. */
static void gift_given(void *arg)
{
	order_view_reload(arg);
}

unsigned order_actions_request(void *view, int request)
{
	struct order_view *v = view;
	struct order_action_state *a = NULL;
	struct tui_form_hooks hooks = { 0 };
	bool fresh = false;

	for (int i = 0; i < OA_COUNT; i++)
		if (order_action_bindings[i].request == request)
			a = &v->act[i];
	if (a == NULL)
		return TUI_IGNORED;
	if (a->which == OA_ANSWERS) {
		answers_open(tui_pane_ui(v->pane), v->db, v->number);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* Hanging up needs no order; everything else needs the order loaded. */
	if (!v->loaded && !(a->which == OA_CALL && call_running())) {
		tui_pane_message(v->pane, true, _("the order is still loading; try again in a moment"));
		return TUI_HANDLED;
	}
	if (a->which == OA_RETURN)
		return order_return_request(v);
	if (a->which == OA_GIFT) {
		if (v->gift == NULL)
			v->gift = gift_code_new(v->db, v->number, v->currency, gift_given, v);
		gift_code_show(v->gift, tui_pane_ui(v->pane));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a->which == OA_CALL) {
		call_toggle(tui_pane_ui(v->pane), v->db, v->customer_id, v->customer_name, v->number);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a->form == NULL) {
		a->form = tui_form_new(_(defs[a->which].title), defs[a->which].fields,
				       defs[a->which].nfields, NULL);
		tui_form_set_action(a->form, _(defs[a->which].action));
		tui_form_set_confirm(a->form, effect);
		if (a->which == OA_REFUND_FEE)
			tui_form_set_value(a->form, 0, _("shipping fee charged on a free-shipping order"));
		if (a->which == OA_COMPENSATE) {
			tui_form_set_choices(a->form, 0, how_choices, label_compensate_how);
			tui_form_set_value(a->form, 2, _("late delivery"));
		}
		if (a->which == OA_MESSAGE)
			tui_form_set_choices(a->form, 0, v->shipped ? message_choices : message_choices_unshipped,
					     label_message_kind);
		if (a->which == OA_ADDRESS)
			address_prefill(a->form, v->address);
		fresh = true;
	}
	if (a->which == OA_TICKET) {
		char *why = NULL;

		/* At every showing: a list changed since keeps what was chosen. */
		if (!choices_fill(a->form, 0, DB_LIST_TICKET_CATEGORY, label_ticket_category, &why) ||
		    !choices_fill(a->form, 1, DB_LIST_TICKET_PRIORITY, label_ticket_priority, &why)) {
			tui_pane_message(v->pane, true, why);
			free(why);
			if (fresh) {
				/* Nothing typed yet: made again, with its defaults, next time. */
				tui_form_free(a->form);
				a->form = NULL;
			}
			return TUI_HANDLED;
		}
		/* The list runs from urgent to low; a new ticket starts as normal. */
		if (fresh)
			tui_form_set_value(a->form, 1, "normal");
	}
	if (a->key[0] == '\0' && uuid_v4(a->key) < 0) {
		tui_pane_message(v->pane, true, _("no randomness for a refund key; try again"));
		return TUI_HANDLED;
	}
	/* Whatever changes while the form is open is the agent's to see first. */
	(void)snprintf(a->version, sizeof a->version, "%s", v->version);
	hooks.submit = submit;
	hooks.cancel = cancelled;
	hooks.arg = a;
	tui_form_show(tui_pane_ui(v->pane), a->form, &hooks);
	return TUI_HANDLED | TUI_REDRAW;
}

char *order_actions_lost(void *view)
{
	struct order_view *v = view;
	char *all = NULL;

	for (int i = 0; i < OA_COUNT; i++)
		all = tui_form_draft_note(all, v->act[i].form, _(defs[i].title), v->number);
	return gift_code_lost(return_start_lost(all, v->ret), v->gift);
}

bool order_actions_unsaved(const void *view)
{
	const struct order_view *v = view;

	for (int i = 0; i < OA_COUNT; i++)
		if (v->act[i].form != NULL && tui_form_modified(v->act[i].form))
			return true;
	return return_start_unsaved(v->ret) || gift_code_unsaved(v->gift);
}

/* api.order_detail's names for the actions it says can or cannot be done. */
static const char *const can_key[OA_COUNT] = {
	[OA_CANCEL] = "cancel",
	[OA_ADDRESS] = "change_address",
	[OA_REFUND_FEE] = "refund_fee",
	[OA_COMPENSATE] = "compensate_delay",
	[OA_MESSAGE] = "resend", /* not the database's word: order_actions_loaded */
};

void order_actions_loaded(struct order_view *v, json_t *doc)
{
	json_t *cannot = json_object_get(doc, "cannot");
	const char *status = json_string_value(json_object_get(doc, "status"));

	json_decref(v->address);
	v->address = json_incref(json_object_get(doc, "address"));
	for (int i = 0; i < OA_COUNT; i++) {
		if (i == OA_RETURN)
			continue; /* its own read says (order_return_loaded) */
		const char *code = can_key[i] != NULL ? json_string_value(json_object_get(cannot, can_key[i])) : NULL;

		/* A role that may not act is the capability check's to say (CAP_ORDER_WRITE). */
		if (code == NULL || strcmp(code, "role") == 0)
			code = "";
		(void)snprintf(v->cannot[i], sizeof v->cannot[i], "%s", code);
	}
	/* api.queue_message sends nothing about a cancelled order, and tracking only
	 * once a parcel has left. */
	v->shipped = json_array_size(json_object_get(doc, "parcels")) > 0;
	if (status != NULL && strcmp(status, "cancelled") == 0)
		(void)snprintf(v->cannot[OA_MESSAGE], sizeof v->cannot[OA_MESSAGE], "cancelled");
	order_return_loaded(v);
}

static int action_of(int request)
{
	for (int i = 0; i < OA_COUNT; i++)
		if (order_action_bindings[i].request == request)
			return i;
	return -1;
}

bool order_actions_available(const void *view, int request)
{
	const struct order_view *v = view;
	int i = action_of(request);

	/* A form already open keeps its key: what was typed can be seen again. */
	return i < 0 || v->cannot[i][0] == '\0' || v->act[i].form != NULL ||
	       (i == OA_RETURN && return_start_unsaved(v->ret));
}

unsigned order_actions_refused_key(void *view, int request)
{
	struct order_view *v = view;
	int i = action_of(request);

	if (i < 0 || order_actions_available(v, request))
		return TUI_IGNORED;
	tui_pane_message(v->pane, true, i == OA_RETURN ? return_start_why(v->cannot[i])
						       : label_action_refusal(can_key[i], v->cannot[i]));
	return TUI_HANDLED | TUI_REDRAW;
}

void order_actions_free(struct order_view *v)
{
	for (int i = 0; i < OA_COUNT; i++) {
		if (v->act[i].query != 0) {
			/* The screen goes; the change goes on, and the console reports it. */
			char *what = xasprintf(_("%s on %s"), _(defs[i].title), v->number);

			db_session_detach(v->db, v->act[i].query, what);
			free(what);
		}
		tui_form_free(v->act[i].form);
		v->act[i].form = NULL;
	}
	order_return_free(v);
	gift_code_free(v->gift);
	v->gift = NULL;
	json_decref(v->address);
	v->address = NULL;
}
