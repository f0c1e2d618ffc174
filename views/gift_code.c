/* The gift code form (views/gift_code.h).  One object per order a screen gives a
 * code on, like the order screen's actions (views/order_actions.c): the form and
 * its key stay until the code is given. */
#include "views/gift_code.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/money.h"
#include "common/strbuf.h"
#include "common/uuid.h"
#include "common/xalloc.h"
#include "db/refunds_ledger.h"
#include "views/labels.h"

enum { GF_AMOUNT, GF_PERCENT, GF_REASON_CODE, GF_REASON, GF_COUNT };

static char *check_amount(const char *value, void *arg)
{
	int64_t v;

	(void)arg;
	if (money_parse(value, 2, &v) < 0 || v <= 0)
		return xstrdup(_("an amount above zero, like 50 or 49.90"));
	return NULL;
}

static char *check_percent(const char *value, void *arg)
{
	int64_t v;

	(void)arg;
	if (money_parse(value, 2, &v) < 0 || v <= 0 || v > 10000)
		return xstrdup(_("a percent above 0 and at most 100, like 10"));
	return NULL;
}

/* api.issue_gift_code's reason codes (store_credit is a return's, not a form's). */
static const char *const reason_codes[] = { N_("delay_compensation"), N_("feedback_reward"), N_("goodwill"), NULL };

static const struct tui_field_spec fields[GF_COUNT] = {
	[GF_AMOUNT] = { TUI_FIELD_MONEY, N_("Amount"), false, 16, 0, 0, NULL, 0, check_amount },
	[GF_PERCENT] = { TUI_FIELD_TEXT, N_("Or a percent (%)"), false, 6, 0, 0, NULL, 0, check_percent },
	[GF_REASON_CODE] = { TUI_FIELD_CHOICE, N_("Why"), true, 0, 0, 0, reason_codes, 0, NULL },
	[GF_REASON] = { TUI_FIELD_TEXT, N_("Reason"), true, 200, 0, 0, NULL, 0, NULL },
};

struct gift_code {
	struct db_session *db;
	struct tui_ui *ui;
	char *number;
	char currency[4];
	struct tui_form *form;
	char key[UUID_STRLEN];
	unsigned query;
	void (*done)(void *arg);
	void *done_arg;
};

const char *gift_code_one_of(const char *amount, const char *percent)
{
	bool a = amount != NULL && amount[strspn(amount, " ")] != '\0';
	bool p = percent != NULL && percent[strspn(percent, " ")] != '\0';

	if (a && p)
		return _("either an amount or a percent, not both: empty one of them");
	if (!a && !p)
		return _("an amount or a percent: fill in one of them");
	return NULL;
}

/* The rule the database keeps too, next to the field, before anything is sent. */
static bool one_of(struct gift_code *g)
{
	const char *why = gift_code_one_of(tui_form_value(g->form, GF_AMOUNT), tui_form_value(g->form, GF_PERCENT));

	if (why == NULL) {
		tui_form_set_error(g->form, GF_AMOUNT, NULL);
		return true;
	}
	tui_form_set_error(g->form, GF_AMOUNT, why);
	tui_form_set_focus(g->form, GF_AMOUNT);
	return false;
}

static void shown_code(void *arg, bool yes)
{
	(void)arg;
	(void)yes;
}

static void on_done(const PGresult *res, const char *error, void *arg)
{
	struct gift_code *g = arg;
	char *text;

	g->query = 0;
	if (error != NULL) {
		/* The form stays, with its key: the same attempt again gives one code. */
		tui_ui_message(g->ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	text = xasprintf(_("Gift code %s for %s.\nRead it out to the customer; it is also on the order."),
			 PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "?", g->number);
	tui_form_free(g->form);
	g->form = NULL;
	g->key[0] = '\0';
	tui_ui_message(g->ui, TUI_MSG_SUCCESS, _("%s: gift code %s given"), g->number,
		       PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "?");
	/* It stays until the agent has read it out. */
	(void)tui_confirm_action(g->ui, text, _("Done"), _("Close"), true, shown_code, NULL);
	free(text);
	if (g->done != NULL)
		g->done(g->done_arg);
}

static char *decimal(const char *s)
{
	char *d = xstrdup(s), *comma = strchr(d, ',');

	if (comma != NULL)
		*comma = '.';
	return d;
}

static bool submit(struct tui_form *f, void *arg)
{
	struct gift_code *g = arg;
	const char *a = tui_form_value(f, GF_AMOUNT), *p = tui_form_value(f, GF_PERCENT);
	char *amount, *percent;

	if (g->query != 0 || !one_of(g))
		return false;
	amount = *a != '\0' ? decimal(a) : NULL;
	percent = *p != '\0' ? decimal(p) : NULL;
	g->query = db_gift_code_issue(g->db, g->number, amount, percent, tui_form_value(f, GF_REASON_CODE),
				      tui_form_value(f, GF_REASON), g->key, on_done, g);
	free(amount);
	free(percent);
	/* The dialog stays until the database has answered. */
	return false;
}

static void cancelled(struct tui_form *f, void *arg)
{
	(void)f;
	(void)arg;
}

/* The question before a code is given; NULL (no question) when the form breaks
 * the one-of rule, which submit then shows next to the field. */
static char *effect(struct tui_form *f, void *arg)
{
	struct gift_code *g = arg;
	struct strbuf sb = STRBUF_INIT;
	const char *a = tui_form_value(f, GF_AMOUNT);

	if (gift_code_one_of(a, tui_form_value(f, GF_PERCENT)) != NULL)
		return NULL;
	if (*a != '\0') {
		char *dot = decimal(a), money[64];

		label_money(dot, g->currency, money, sizeof money);
		free(dot);
		sb_printf(&sb, _("Give the customer of %s a gift code of %s"), g->number, money);
	} else
		sb_printf(&sb, _("Give the customer of %s a gift code of %s%% of the order"), g->number,
			  tui_form_value(f, GF_PERCENT));
	sb_printf(&sb, _(", for %s?"), label_gift_reason(tui_form_value(f, GF_REASON_CODE)));
	return sb_take(&sb);
}

struct gift_code *gift_code_new(struct db_session *db, const char *number, const char *currency,
				void (*done)(void *arg), void *arg)
{
	struct gift_code *g = xcalloc(1, sizeof *g);

	g->db = db;
	g->number = xstrdup(number);
	(void)snprintf(g->currency, sizeof g->currency, "%s", currency != NULL ? currency : "");
	g->done = done;
	g->done_arg = arg;
	return g;
}

void gift_code_show(struct gift_code *g, struct tui_ui *ui)
{
	struct tui_form_hooks hooks = { 0 };

	if (ui == NULL)
		return;
	g->ui = ui;
	if (g->form == NULL) {
		char *title = xasprintf(_("Gift code for %s"), g->number);

		g->form = tui_form_new(title, fields, GF_COUNT, NULL);
		free(title);
		tui_form_set_action(g->form, _("Give the code"));
		tui_form_set_confirm(g->form, effect);
		tui_form_set_choices(g->form, GF_REASON_CODE, reason_codes, label_gift_reason);
	}
	/* One key per attempt, kept while it is retried. */
	if (g->key[0] == '\0' && uuid_v4(g->key) < 0) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("no randomness for a gift code key; try again"));
		return;
	}
	hooks.submit = submit;
	hooks.cancel = cancelled;
	hooks.arg = g;
	tui_form_show(ui, g->form, &hooks);
}

const char *gift_code_order(const struct gift_code *g)
{
	return g->number;
}

bool gift_code_unsaved(const struct gift_code *g)
{
	return g != NULL && g->form != NULL && tui_form_modified(g->form);
}

char *gift_code_lost(char *all, const struct gift_code *g)
{
	if (g == NULL)
		return all;
	return tui_form_draft_note(all, g->form, _("Gift code"), g->number);
}

void gift_code_free(struct gift_code *g)
{
	if (g == NULL)
		return;
	if (g->query != 0) {
		char *what = xasprintf(_("Gift code on %s"), g->number);

		db_session_detach(g->db, g->query, what);
		free(what);
	}
	tui_form_free(g->form);
	free(g->number);
	free(g);
}
