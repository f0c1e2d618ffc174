/* The return screen's next steps: u (F8) offers the steps api.return_detail's
 * can{} allows; I (inspect) and P (the return parcel) go straight to their forms;
 * O opens the order.  Each step is one api call passing the version the user saw.
 *
 * As on the order and ticket screens, a form lives until its step succeeds: Esc,
 * a refusal (the database's message and hint), a lost connection or a
 * colleague's change (BD004: who did it, then the screen reloads) only hide it or
 * leave it up, and the same key brings back what was typed.  A step that pays
 * keeps its idempotency key until it succeeds, so a retry cannot pay twice. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carrier/carriers.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"
#include "db/return.h"
#include "db/refusal.h"
#include "views/labels.h"
#include "views/registry.h"
#include "views/return_view.h"
#include "views/views.h"

enum {
	REQ_STEP = TUI_REQ_VIEW + 10,
	REQ_INSPECT,
	REQ_PARCEL,
	REQ_ORDER,
};

/* A letter means one thing on every screen (tests/unit/test_views_keys.c): u/F8
 * is the ticket's "Status" (here: its next step), O the customer's "Open order".
 * Who may take a step is the database's can{}, not a capability: the warehouse
 * receives and inspects, agents decide and pay. */
const struct tui_binding return_bindings[RK_COUNT] = {
	[RK_STEP] = { REQ_STEP, "u F8", N_("Status"), N_("Next step: approve, reject, parcel, received, inspect, refund, exchange, repair, store credit, close"), 0 },
	[RK_INSPECT] = { REQ_INSPECT, "I", N_("Inspect"), N_("Inspect what came back: condition, accepted quantity, restock or write off"), 0 },
	[RK_PARCEL] = { REQ_PARCEL, "P", N_("Parcel"), N_("The parcel the customer sends back: carrier and tracking number"), 0 },
	[RK_ORDER] = { REQ_ORDER, "O", N_("Open order"), N_("Open the order this return is about"), 0 },
};

static const struct tui_field_spec step_fields[] = {
	{ TUI_FIELD_CHOICE, N_("Next step"), true, 0, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec reject_fields[] = {
	{ TUI_FIELD_MULTILINE, N_("Why"), true, 500, 0, 0, NULL, 3, NULL },
};
static const char *carrier_codes[CARRIER_N + 1];
static const struct tui_field_spec parcel_fields[] = {
	{ TUI_FIELD_CHOICE, N_("Carrier"), true, 0, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_TEXT, N_("Tracking number"), true, CARRIER_TRACKING_MAX - 1, 0, 0, NULL, 0, NULL },
};
static const struct tui_field_spec repair_fields[] = {
	{ TUI_FIELD_MULTILINE, N_("What is repaired"), true, 500, 0, 0, NULL, 3, NULL },
};

struct form_def {
	const char *title;
	const struct tui_field_spec *fields;
	size_t nfields;
	const char *action; /* what F2 does */
	enum return_key key; /* the key that shows it again */
};

#define FIELDS(a) (a), sizeof(a) / sizeof((a)[0])

static const struct form_def defs[RF_COUNT] = {
	[RF_STEP] = { N_("Next step"), FIELDS(step_fields), N_("Do it"), RK_STEP },
	[RF_REJECT] = { N_("Reject the return"), FIELDS(reject_fields), N_("Reject"), RK_STEP },
	[RF_PARCEL] = { N_("The parcel coming back"), FIELDS(parcel_fields), N_("Save the parcel"), RK_PARCEL },
	[RF_INSPECT] = { N_("Inspect the return"), NULL, 0, N_("Save the inspection"), RK_INSPECT },
	[RF_REPAIR] = { N_("Repair under warranty"), FIELDS(repair_fields), N_("Repair"), RK_STEP },
};

static const char *carrier_text(const char *code)
{
	int c = carrier_by_code(code);

	return c < 0 ? code : carrier_get((enum carrier_id)c)->name;
}

static void say_done(struct tui_ui *ui, const struct return_action_state *a, const char *number,
		     const char *answer)
{
	switch (a->which) {
	case RF_REJECT:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s rejected"), number);
		return;
	case RF_PARCEL:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: parcel saved"), number);
		return;
	case RF_INSPECT:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s inspected"), number);
		return;
	case RF_REPAIR:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: repair under way"), number);
		return;
	case RF_STEP:
	case RF_COUNT:
		break;
	}
	switch (a->step) {
	case RS_APPROVE:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s approved"), number);
		break;
	case RS_RECEIVE:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s received"), number);
		break;
	case RS_REFUND:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s refunded"), number);
		break;
	case RS_EXCHANGE:
		if (*answer != '\0')
			tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s exchanged: order %s goes out"), number, answer);
		else
			tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s exchanged"), number);
		break;
	case RS_STORE_CREDIT:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s: store credit, gift code %s"), number, answer);
		break;
	case RS_CLOSE:
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s closed"), number);
		break;
	default:
		break;
	}
}

static void on_done(const PGresult *res, const char *error, void *arg)
{
	struct return_action_state *a = arg;
	struct return_view *v = a->v;
	struct tui_ui *ui = tui_pane_ui(v->pane);

	a->query = 0;
	if (error != NULL) {
		if (strcmp(db_sqlstate(res), "BD004") == 0) {
			/* A colleague was faster: show what they did, keep what we typed. */
			if (a->form != NULL)
				tui_form_hide(a->form);
			if (ui != NULL) {
				const char *keys = return_bindings[defs[a->which].key].keys;
				char key[8];

				(void)snprintf(key, sizeof key, "%.*s", (int)strcspn(keys, " "), keys);
				char *why = db_error_text(res, PG_DIAG_MESSAGE_PRIMARY);

				tui_ui_message(ui, TUI_MSG_ERROR, _("%s · your text is kept (%s)"),
					       why != NULL ? why : "", key);
				free(why);
			}
			return_view_reload(v);
			return;
		}
		/* The form stays up with everything in it: fix and send again, or Esc. */
		if (ui != NULL)
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	if (ui != NULL)
		say_done(ui, a, v->number,
			 PQntuples(res) > 0 && !PQgetisnull(res, 0, 0) ? PQgetvalue(res, 0, 0) : "");
	if (a->which == RF_STEP && a->step == RS_REFUND)
		a->refund_key[0] = '\0';
	if (a->which == RF_STEP && a->step == RS_STORE_CREDIT)
		a->credit_key[0] = '\0';
	if (a->which == RF_INSPECT) {
		return_inspect_free(a->inspect);
		a->inspect = NULL;
	} else {
		tui_form_free(a->form);
	}
	a->form = NULL;
	a->step = -1;
	return_view_reload(v);
}

static unsigned open_form(struct return_view *v, enum return_form which);

/* The menu's step: one that asks for more opens its form; the others run. */
static bool run_step(struct return_action_state *a, struct tui_form *f)
{
	struct return_view *v = a->v;
	int step = return_step_of(tui_form_value(f, 0));
	const char *ver = a->version;

	switch (step) {
	case RS_REJECT:
	case RS_PARCEL:
	case RS_INSPECT:
	case RS_REPAIR:
		tui_form_hide(f);
		(void)open_form(v, step == RS_REJECT   ? RF_REJECT
				   : step == RS_PARCEL ? RF_PARCEL
				   : step == RS_INSPECT ? RF_INSPECT
							: RF_REPAIR);
		return false;
	case RS_APPROVE:
		a->query = db_return_approve(v->db, v->number, ver, on_done, a);
		break;
	case RS_RECEIVE:
		a->query = db_return_receive(v->db, v->number, ver, on_done, a);
		break;
	case RS_REFUND:
		a->query = db_return_refund(v->db, v->number, a->refund_key, ver, on_done, a);
		break;
	case RS_EXCHANGE:
		a->query = db_return_exchange(v->db, v->number, ver, on_done, a);
		break;
	case RS_STORE_CREDIT:
		a->query = db_return_store_credit(v->db, v->number, a->credit_key, ver, on_done, a);
		break;
	case RS_CLOSE:
		a->query = db_return_close(v->db, v->number, ver, on_done, a);
		break;
	default:
		return false;
	}
	a->step = step;
	return false;
}

static bool submit(struct tui_form *f, void *arg)
{
	struct return_action_state *a = arg;
	struct return_view *v = a->v;
	char *json;

	if (a->query != 0)
		return false; /* still saving */
	switch (a->which) {
	case RF_STEP:
		return run_step(a, f);
	case RF_REJECT:
		a->query = db_return_reject(v->db, v->number, tui_form_value(f, 0), a->version, on_done, a);
		break;
	case RF_PARCEL:
		a->query = db_return_parcel(v->db, v->number, tui_form_value(f, 0), tui_form_value(f, 1),
					    a->version, on_done, a);
		break;
	case RF_INSPECT:
		json = return_inspect_json(a->inspect);
		if (json == NULL)
			return false;
		a->query = db_return_inspect(v->db, v->number, json, return_inspect_note(a->inspect), a->version,
					     on_done, a);
		free(json);
		break;
	case RF_REPAIR:
		a->query = db_return_repair(v->db, v->number, tui_form_value(f, 0), a->version, on_done, a);
		break;
	case RF_COUNT:
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

/* The inspection's dispositions follow the conditions chosen. */
static void changed(struct tui_form *f, void *arg)
{
	struct return_action_state *a = arg;

	(void)f;
	if (a->which == RF_INSPECT && a->inspect != NULL)
		return_inspect_follow(a->inspect);
}

/* The question before a step that needs no more typing: what it will do. */
static char *effect(struct tui_form *f, void *arg)
{
	struct return_action_state *a = arg;
	struct return_view *v = a->v;
	char due[64];

	if (a->which != RF_STEP)
		return NULL;
	switch (return_step_of(tui_form_value(f, 0))) {
	case RS_APPROVE:
		return xasprintf(_("Approve %s: the customer may send the goods back."), v->number);
	case RS_RECEIVE:
		return xasprintf(_("The parcel of %s has arrived at the warehouse."), v->number);
	case RS_REFUND:
		label_money(v->due, v->currency, due, sizeof due);
		return xasprintf(_("Refund %s to the customer for %s."), due, v->number);
	case RS_EXCHANGE:
		return xasprintf(_("Send the accepted goods of %s again, as a new order at no charge."), v->number);
	case RS_STORE_CREDIT:
		label_money(v->due, v->currency, due, sizeof due);
		return xasprintf(_("Give %s as a gift code instead of a refund for %s."), due, v->number);
	case RS_CLOSE:
		return xasprintf(_("Close %s: nothing more is done about it."), v->number);
	default:
		return NULL;
	}
}

/* "Next step: Approve, Reject…" */
static char *step_title(const char *const *steps)
{
	char *title = xstrdup(_("Next step"));

	for (size_t i = 0; steps[i] != NULL; i++) {
		char *t = xasprintf("%s%s%s", title, i == 0 ? ": " : ", ", return_step_label(steps[i]));

		free(title);
		title = t;
	}
	return title;
}

static unsigned open_form(struct return_view *v, enum return_form which)
{
	struct return_action_state *a = &v->act[which];
	struct tui_form_hooks hooks = { 0 };
	const char *steps[RS_COUNT + 1];
	bool can[RS_COUNT];

	if (!v->loaded) {
		tui_pane_message(v->pane, true, _("the return is still loading; try again in a moment"));
		return TUI_HANDLED;
	}
	memcpy(can, v->can, sizeof can);
	if (which == RF_STEP) {
		size_t n = 0;

		for (int i = 0; i < RS_COUNT; i++)
			if (can[i])
				steps[n++] = return_step_code[i];
		steps[n] = NULL;
		if (n == 0) {
			tui_pane_message(v->pane, true, _("no next step for you on this return now"));
			return TUI_HANDLED | TUI_REDRAW;
		}
	}
	/* The menu holds nothing typed: made again at each showing, its title listing
	 * every step it offers now (the choice shows one at a time). */
	if (which == RF_STEP && a->form != NULL && a->query == 0 && !tui_form_shown(a->form)) {
		tui_form_free(a->form);
		a->form = NULL;
	}
	if (a->form == NULL) {
		if (which == RF_INSPECT) {
			a->inspect = return_inspect_new(v->lines);
			a->form = return_inspect_form(a->inspect);
		} else if (which == RF_STEP) {
			char *title = step_title(steps);

			a->form = tui_form_new(title, defs[which].fields, defs[which].nfields, NULL);
			free(title);
		} else {
			a->form = tui_form_new(_(defs[which].title), defs[which].fields, defs[which].nfields, NULL);
		}
		tui_form_set_action(a->form, _(defs[which].action));
		tui_form_set_confirm(a->form, effect);
		if (which == RF_PARCEL) {
			for (int i = 0; i < CARRIER_N; i++)
				carrier_codes[i] = carrier_get((enum carrier_id)i)->code;
			carrier_codes[CARRIER_N] = NULL;
			tui_form_set_choices(a->form, 0, carrier_codes, carrier_text);
		}
	}
	/* At every showing: what the return allows now. */
	if (which == RF_STEP)
		tui_form_set_choices(a->form, 0, steps, return_step_label);
	/* A step that pays gets its key once per attempt, kept on a retry. */
	if (which == RF_STEP && ((a->refund_key[0] == '\0' && uuid_v4(a->refund_key) < 0) ||
				 (a->credit_key[0] == '\0' && uuid_v4(a->credit_key) < 0))) {
		tui_pane_message(v->pane, true, _("no randomness for a refund key; try again"));
		return TUI_HANDLED;
	}
	/* Whatever changes while the form is open is the user's to see first. */
	(void)snprintf(a->version, sizeof a->version, "%s", v->version);
	hooks.submit = submit;
	hooks.cancel = cancelled;
	hooks.changed = changed;
	hooks.arg = a;
	tui_form_show(tui_pane_ui(v->pane), a->form, &hooks);
	return TUI_HANDLED | TUI_REDRAW;
}

unsigned return_actions_request(void *view, int request)
{
	struct return_view *v = view;
	const struct view_screen *order;

	switch (request) {
	case REQ_STEP:
		/* A step's own form still holding a draft comes back first. */
		for (int i = RF_REJECT; i < RF_COUNT; i++)
			if (i != RF_PARCEL && i != RF_INSPECT && v->act[i].form != NULL &&
			    tui_form_modified(v->act[i].form))
				return open_form(v, (enum return_form)i);
		return open_form(v, RF_STEP);
	case REQ_INSPECT:
		return open_form(v, RF_INSPECT);
	case REQ_PARCEL:
		return open_form(v, RF_PARCEL);
	case REQ_ORDER:
		order = views_screen("order");
		if (!v->loaded || order == NULL || order->open == NULL) {
			tui_pane_message(v->pane, true, _("the return is still loading; try again in a moment"));
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

void return_actions_loaded(struct return_view *v, json_t *doc)
{
	json_t *order = json_object_get(doc, "order"), *can = json_object_get(doc, "can");
	json_t *due = json_object_get(json_object_get(doc, "money"), "due");

	(void)snprintf(v->version, sizeof v->version, "%lld", (long long)json_integer_value(json_object_get(doc, "version")));
	(void)snprintf(v->status, sizeof v->status, "%s", str(doc, "status"));
	(void)snprintf(v->order_id, sizeof v->order_id, "%lld", (long long)json_integer_value(json_object_get(order, "id")));
	(void)snprintf(v->order_number, sizeof v->order_number, "%s", str(order, "number"));
	(void)snprintf(v->currency, sizeof v->currency, "%s", str(order, "currency"));
	if (json_is_string(due))
		(void)snprintf(v->due, sizeof v->due, "%s", json_string_value(due));
	else if (json_is_number(due))
		(void)snprintf(v->due, sizeof v->due, "%.2f", json_number_value(due));
	else
		v->due[0] = '\0';
	for (int i = 0; i < RS_COUNT; i++)
		v->can[i] = json_is_true(json_object_get(can, return_step_code[i]));
	json_decref(v->lines);
	v->lines = json_incref(json_object_get(doc, "lines"));
}

static int key_of(int request)
{
	for (int i = 0; i < RK_COUNT; i++)
		if (return_bindings[i].request == request)
			return i;
	return -1;
}

static bool any_step(const struct return_view *v)
{
	for (int i = 0; i < RS_COUNT; i++)
		if (v->can[i])
			return true;
	return false;
}

bool return_actions_available(const void *view, int request)
{
	const struct return_view *v = view;

	switch (key_of(request)) {
	case RK_STEP:
		return !v->loaded || any_step(v) || v->act[RF_REJECT].form != NULL || v->act[RF_REPAIR].form != NULL;
	case RK_INSPECT:
		/* A form already open keeps its key: what was typed can be seen again. */
		return !v->loaded || v->can[RS_INSPECT] || v->act[RF_INSPECT].form != NULL;
	case RK_PARCEL:
		return !v->loaded || v->can[RS_PARCEL] || v->act[RF_PARCEL].form != NULL;
	default:
		return true;
	}
}

unsigned return_actions_refused_key(void *view, int request)
{
	struct return_view *v = view;
	int k = key_of(request);
	char *why;

	if (k < 0 || return_actions_available(v, request))
		return TUI_IGNORED;
	switch (k) {
	case RK_INSPECT:
		why = xasprintf(_("%s is %s: only a received return is inspected, by the warehouse"), v->number,
				label_return_status(v->status));
		break;
	case RK_PARCEL:
		why = xasprintf(_("%s is %s: the parcel is set once it is approved"), v->number,
				label_return_status(v->status));
		break;
	default:
		why = xasprintf(_("%s is %s: no next step for you now"), v->number, label_return_status(v->status));
		break;
	}
	tui_pane_message(v->pane, true, why);
	free(why);
	return TUI_HANDLED | TUI_REDRAW;
}

bool return_actions_unsaved(const void *view)
{
	const struct return_view *v = view;

	for (int i = 0; i < RF_COUNT; i++)
		if (v->act[i].form != NULL && tui_form_modified(v->act[i].form))
			return true;
	return false;
}

char *return_actions_lost(void *view)
{
	struct return_view *v = view;
	char *all = NULL;

	for (int i = 0; i < RF_COUNT; i++)
		all = tui_form_draft_note(all, v->act[i].form, _(defs[i].title), v->number);
	return all;
}

void return_actions_free(struct return_view *v)
{
	for (int i = 0; i < RF_COUNT; i++) {
		struct return_action_state *a = &v->act[i];

		if (a->query != 0) {
			/* The screen goes; the change goes on, and the console reports it. */
			char *what = xasprintf(_("%s on %s"), _(defs[i].title), v->number);

			db_session_detach(v->db, a->query, what);
			free(what);
		}
		if (a->inspect != NULL)
			return_inspect_free(a->inspect);
		else
			tui_form_free(a->form);
		a->inspect = NULL;
		a->form = NULL;
	}
}
