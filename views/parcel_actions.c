/* The parcel screen's keys: d (Delay, as on the order screen: compensate a late
 * delivery) decides the delay notice the database proposed: send it, with the
 * compensation as proposed or changed, or dismiss it; O opens the order; U asks
 * the carrier now (views/tracking.h), the answer arriving as any change does.
 *
 * As on the other screens, the form lives until its decision succeeds: Esc or a
 * refusal only hide it or leave it up, d brings back what was typed, and
 * sending keeps its idempotency key until it succeeds, so a retry after a lost
 * answer cannot pay twice. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/money.h"
#include "common/xalloc.h"
#include "db/parcel.h"
#include "views/labels.h"
#include "views/message_preview.h"
#include "views/parcel_view.h"
#include "views/registry.h"
#include "views/tracking.h"
#include "views/views.h"

enum {
	REQ_DELAY = TUI_REQ_VIEW + 10,
	REQ_ORDER,
	REQ_ASK,
};

/* d and O mean here what they mean on the order and the return screens
 * (tests/unit/test_views_keys.c). */
const struct tui_binding parcel_bindings[PK_COUNT] = {
	[PK_DELAY] = { REQ_DELAY, "d", N_("Delay"), N_("Compensate a late delivery: send or dismiss the proposed delay notice"), CAP_ORDER_WRITE },
	[PK_ORDER] = { REQ_ORDER, "O", N_("Open order"), N_("Open the order this parcel carries"), 0 },
	[PK_ASK] = { REQ_ASK, "U", N_("Ask carrier"), N_("Ask the carrier about this parcel now"), CAP_VIEW_ORDERS },
};

static const char *const decisions[] = { "send", "dismiss", NULL };
static const char *const how_choices[] = { "gift_code", "refund", NULL };

static const char *decision_label(const char *code)
{
	return strcmp(code, "send") == 0 ? _("send it to the customer") : _("dismiss it");
}

static char *check_money(const char *value, void *arg)
{
	int64_t v;

	(void)arg;
	if (money_parse(value, 2, &v) < 0 || v <= 0)
		return xstrdup(_("an amount above zero, like 50 or 49.90"));
	return NULL;
}

enum { F_DECISION, F_HOW, F_AMOUNT, F_REASON };
static const struct tui_field_spec fields[] = {
	[F_DECISION] = { TUI_FIELD_CHOICE, N_("Decision"), true, 0, 0, 0, NULL, 0, NULL },
	[F_HOW] = { TUI_FIELD_CHOICE, N_("As"), true, 0, 0, 0, NULL, 0, NULL },
	[F_AMOUNT] = { TUI_FIELD_MONEY, N_("Amount"), true, 16, 0, 0, NULL, 0, check_money },
	[F_REASON] = { TUI_FIELD_TEXT, N_("Why dismiss"), false, 200, 0, 0, NULL, 0, NULL },
};

static bool sending(struct tui_form *f)
{
	return strcmp(tui_form_value(f, F_DECISION), "send") == 0;
}

static void on_done(const PGresult *res, const char *error, void *arg)
{
	struct parcel_view *v = arg;
	struct tui_ui *ui = tui_pane_ui(v->pane);

	(void)res;
	v->query = 0;
	if (error != NULL) {
		/* The form stays up with everything in it: fix and send again, or Esc. */
		if (ui != NULL)
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		parcel_view_reload(v);
		return;
	}
	if (ui != NULL)
		tui_ui_message(ui, TUI_MSG_SUCCESS,
			       v->approving ? _("%s: delay notice sent to the customer") : _("%s: delay notice dismissed"),
			       v->number);
	if (v->approving)
		v->key[0] = '\0';
	tui_form_free(v->form);
	v->form = NULL;
	parcel_view_reload(v);
}

static char *send_effect(struct parcel_view *v, struct tui_form *f)
{
	char money[64];

	label_money(tui_form_value(f, F_AMOUNT), v->notice_currency, money, sizeof money);
	return xasprintf(_("Send the delay notice of %s with %s %s."), v->number,
			 label_compensate_how(tui_form_value(f, F_HOW)), money);
}

/* Send from the preview: approved with what was shown. */
static void on_send(void *arg)
{
	struct parcel_view *v = arg;

	if (v->form == NULL || v->query != 0)
		return;
	v->approving = true;
	v->query = db_parcel_approve_delay(v->db, v->notice_id, tui_form_value(v->form, F_HOW),
					   tui_form_value(v->form, F_AMOUNT), v->key, on_done, v);
}

static void on_preview(const PGresult *res, const char *error, void *arg)
{
	struct parcel_view *v = arg;
	struct tui_ui *ui = tui_pane_ui(v->pane);
	char *intro, *title;
	bool shown;

	v->query = 0;
	if (ui == NULL || v->form == NULL)
		return;
	if (error != NULL) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	intro = send_effect(v, v->form);
	title = xasprintf(_("The message as it will go: %s"), v->number);
	shown = message_preview_show(ui, title, intro, res, "delay", on_send, v);
	free(title);
	free(intro);
	if (!shown)
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("the database showed no message"));
}

static bool submit(struct tui_form *f, void *arg)
{
	struct parcel_view *v = arg;

	if (v->query != 0)
		return false; /* still saving */
	v->approving = sending(f);
	if (v->approving) {
		/* First the message as it will go, in the customer's language; Send there
		 * approves (a gift code shown is an example: the real one is made then). */
		v->query = db_parcel_preview_delay(v->db, v->notice_id, tui_form_value(f, F_HOW),
						   tui_form_value(f, F_AMOUNT), on_preview, v);
		return false;
	}
	if (*tui_form_value(f, F_REASON) == '\0') {
		tui_form_set_error(f, F_REASON, _("say why the customer gets no notice"));
		return false;
	}
	v->query = db_parcel_dismiss_delay(v->db, v->notice_id, tui_form_value(f, F_REASON), on_done, v);
	/* The dialog stays until the database has answered. */
	return false;
}

static void cancelled(struct tui_form *f, void *arg)
{
	(void)f;
	(void)arg;
}

/* The question before it goes: what the customer will get. */
static char *effect(struct tui_form *f, void *arg)
{
	struct parcel_view *v = arg;

	if (!sending(f))
		return xasprintf(_("Dismiss the delay notice of %s: the customer hears nothing."), v->number);
	return NULL; /* the preview asks, showing the message */
}

static unsigned open_form(struct parcel_view *v)
{
	struct tui_form_hooks hooks = { 0 };

	if (!v->loaded) {
		tui_pane_message(v->pane, true, _("the parcel is still loading; try again in a moment"));
		return TUI_HANDLED;
	}
	if (v->form == NULL) {
		v->form = tui_form_new(_("Delay notice"), fields, sizeof fields / sizeof fields[0], NULL);
		tui_form_set_choices(v->form, F_DECISION, decisions, decision_label);
		tui_form_set_choices(v->form, F_HOW, how_choices, label_compensate_how);
		/* What the database proposed, to send as it is or changed. */
		tui_form_set_value(v->form, F_HOW, v->notice_how);
		tui_form_set_value(v->form, F_AMOUNT, v->notice_amount);
		tui_form_mark_saved(v->form);
		tui_form_set_action(v->form, _("Decide"));
		tui_form_set_confirm(v->form, effect);
	}
	if (v->key[0] == '\0' && uuid_v4(v->key) < 0) {
		tui_pane_message(v->pane, true, _("no randomness for a refund key; try again"));
		return TUI_HANDLED;
	}
	hooks.submit = submit;
	hooks.cancel = cancelled;
	hooks.arg = v;
	tui_form_show(tui_pane_ui(v->pane), v->form, &hooks);
	return TUI_HANDLED | TUI_REDRAW;
}

static void asked(const char *number, const struct tracking_outcome *o, void *arg)
{
	struct parcel_view *v = arg;
	char *text;

	v->asking = false;
	if (o->ok)
		text = xasprintf(_("%s: the carrier says %s"), number, label_parcel_status(o->status));
	else
		text = xasprintf(_("%s: lookup failed: %s"), number, o->error);
	tui_pane_message(v->pane, !o->ok, text);
	free(text);
	/* The NOTIFY of the write reloads it too; this one does not wait for it. */
	parcel_view_reload(v);
}

static unsigned ask(struct parcel_view *v)
{
	char *why = NULL, *text;

	if (!v->loaded) {
		tui_pane_message(v->pane, true, _("the parcel is still loading; try again in a moment"));
		return TUI_HANDLED;
	}
	if (tracking_ask(v->carrier, v->number, asked, v, &why) != 0) {
		text = xasprintf("%s: %s", v->number, why);
		tui_pane_message(v->pane, true, text);
		free(text);
		free(why);
		return TUI_HANDLED | TUI_REDRAW;
	}
	v->asking = true;
	text = xasprintf(_("%s: asking the carrier…"), v->number);
	tui_pane_message(v->pane, false, text);
	free(text);
	return TUI_HANDLED | TUI_REDRAW;
}

unsigned parcel_actions_request(void *view, int request)
{
	struct parcel_view *v = view;
	const struct view_screen *order;

	switch (request) {
	case REQ_DELAY:
		return open_form(v);
	case REQ_ASK:
		return ask(v);
	case REQ_ORDER:
		order = views_screen("order");
		if (!v->loaded || order == NULL || order->open == NULL) {
			tui_pane_message(v->pane, true, _("the parcel is still loading; try again in a moment"));
			return TUI_HANDLED;
		}
		tui_ui_push(tui_pane_ui(v->pane), order->open(v->db, v->order_id, v->order_number));
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return TUI_IGNORED;
	}
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

#define COPY(dst, src) (void)snprintf((dst), sizeof(dst), "%s", (src))

void parcel_actions_loaded(struct parcel_view *v, json_t *doc)
{
	json_t *order = json_object_get(doc, "order"), *n = json_object_get(doc, "delay_notice");
	json_t *amount = json_object_get(n, "amount");

	(void)snprintf(v->order_id, sizeof v->order_id, "%lld",
		       (long long)json_integer_value(json_object_get(order, "id")));
	COPY(v->order_number, str(order, "number"));
	COPY(v->carrier, str(doc, "carrier"));
	v->can_delay = json_is_true(json_object_get(json_object_get(doc, "can"), "delay_notice"));
	if (json_is_object(n))
		(void)snprintf(v->notice_id, sizeof v->notice_id, "%lld",
			       (long long)json_integer_value(json_object_get(n, "id")));
	else
		v->notice_id[0] = '\0';
	COPY(v->notice_status, str(n, "status"));
	COPY(v->notice_how, str(n, "how"));
	COPY(v->notice_currency, str(n, "currency"));
	COPY(v->notice_by, str(n, "decided_by"));
	if (json_is_string(amount))
		COPY(v->notice_amount, json_string_value(amount));
	else if (json_is_number(amount))
		(void)snprintf(v->notice_amount, sizeof v->notice_amount, "%.2f", json_number_value(amount));
	else
		v->notice_amount[0] = '\0';
}

/* Whether the role may compensate at all: a role that may not is told so by the
 * toolkit, whatever the notice (so the key stays "available" for it). */
static bool role_may(const struct parcel_view *v)
{
	struct tui_ui *ui = tui_pane_ui(v->pane);
	tui_caps need = parcel_bindings[PK_DELAY].need;

	return ui != NULL && (tui_ui_caps(ui) & need) == need;
}

bool parcel_actions_available(const void *view, int request)
{
	const struct parcel_view *v = view;

	if (request != REQ_DELAY || !role_may(v))
		return true;
	/* A form already open keeps its key: what was typed can be seen again. */
	return !v->loaded || v->can_delay || v->form != NULL;
}

unsigned parcel_actions_refused_key(void *view, int request)
{
	struct parcel_view *v = view;
	char *why;

	if (request != REQ_DELAY || parcel_actions_available(v, request))
		return TUI_IGNORED;
	if (v->notice_id[0] == '\0')
		why = xasprintf(_("%s: no delay notice proposed for this parcel"), v->number);
	else if (strcmp(v->notice_status, "sent") == 0)
		why = xasprintf(_("%s: the delay notice was already sent by %s"), v->number, v->notice_by);
	else
		why = xasprintf(_("%s: the delay notice was dismissed by %s"), v->number, v->notice_by);
	tui_pane_message(v->pane, true, why);
	free(why);
	return TUI_HANDLED | TUI_REDRAW;
}

bool parcel_actions_unsaved(const void *view)
{
	const struct parcel_view *v = view;

	return v->form != NULL && tui_form_modified(v->form);
}

char *parcel_actions_lost(void *view)
{
	struct parcel_view *v = view;

	return tui_form_draft_note(NULL, v->form, _("Delay notice"), v->number);
}

void parcel_actions_free(struct parcel_view *v)
{
	tracking_forget(v);
	if (v->query != 0) {
		/* The screen goes; the decision goes on, and the console reports it. */
		char *what = xasprintf(_("%s on %s"), _("Delay notice"), v->number);

		db_session_detach(v->db, v->query, what);
		free(what);
	}
	tui_form_free(v->form);
	v->form = NULL;
}
