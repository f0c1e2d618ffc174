/* The return screen's decisions that need neither terminal nor database
 * (views/return_steps.h): tested by tests/unit/test_views_return_steps.c. */
#include "views/return_steps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "views/labels.h"

const char *const return_step_code[RS_COUNT] = {
	[RS_APPROVE] = "approve",   [RS_REJECT] = "reject",       [RS_PARCEL] = "parcel",
	[RS_RECEIVE] = "receive",   [RS_INSPECT] = "inspect",     [RS_REFUND] = "refund",
	[RS_EXCHANGE] = "exchange", [RS_REPAIR] = "repair",       [RS_STORE_CREDIT] = "store_credit",
	[RS_CLOSE] = "close",
};

/* An ellipsis: the step asks for more before it runs. */
static const char *const step_label[RS_COUNT] = {
	[RS_APPROVE] = N_("Approve"),
	[RS_REJECT] = N_("Reject…"),
	[RS_PARCEL] = N_("Parcel…"),
	[RS_RECEIVE] = N_("Received"),
	[RS_INSPECT] = N_("Inspect…"),
	[RS_REFUND] = N_("Refund"),
	[RS_EXCHANGE] = N_("Exchange"),
	[RS_REPAIR] = N_("Repair…"),
	[RS_STORE_CREDIT] = N_("Store credit"),
	[RS_CLOSE] = N_("Close"),
};

int return_step_of(const char *code)
{
	for (int i = 0; code != NULL && i < RS_COUNT; i++)
		if (strcmp(return_step_code[i], code) == 0)
			return i;
	return -1;
}

const char *return_step_label(const char *code)
{
	int i = return_step_of(code);

	return i < 0 ? code : _(step_label[i]);
}

size_t return_steps_allowed(json_t *can, const char *out[RS_COUNT + 1])
{
	size_t n = 0;

	for (int i = 0; i < RS_COUNT; i++)
		if (json_is_true(json_object_get(can, return_step_code[i])))
			out[n++] = return_step_code[i];
	out[n] = NULL;
	return n;
}

const char *const return_conditions[] = { N_("as_new"), N_("opened"), N_("damaged"), N_("missing_parts"), NULL };
const char *const return_dispositions[] = { N_("restock"), N_("write_off"), NULL };

const char *return_condition_default(const char *reason)
{
	if (reason != NULL && (strcmp(reason, "damaged_in_transit") == 0 || strcmp(reason, "defective") == 0))
		return "damaged";
	return "as_new";
}

const char *return_disposition_for(const char *condition)
{
	if (condition != NULL && (strcmp(condition, "as_new") == 0 || strcmp(condition, "opened") == 0))
		return "restock";
	return "write_off";
}

long return_age_days(const char *when, time_t now)
{
	struct tm then = { 0 }, today;
	int y, m, d;

	if (when == NULL || sscanf(when, "%4d-%2d-%2d", &y, &m, &d) != 3 || localtime_r(&now, &today) == NULL)
		return -1;
	then.tm_year = y - 1900;
	then.tm_mon = m - 1;
	then.tm_mday = d;
	then.tm_hour = 12;
	today.tm_hour = 12;
	today.tm_min = today.tm_sec = 0;
	then.tm_isdst = today.tm_isdst = -1;
	/* Noon to noon: a change of summer time does not move the day. */
	return (long)((difftime(mktime(&today), mktime(&then)) + 43200) / 86400);
}

struct return_inspect {
	size_t nlines;
	struct tui_field_spec *specs;
	char **labels; /* owned, three per line */
	long long *line_no;
	/* Per line: the condition last seen, and whether the disposition still
	 * follows it (the warehouse has not chosen one by hand). */
	char (*seen)[16];
	struct tui_form *form;
};

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

struct return_inspect *return_inspect_new(json_t *lines)
{
	struct return_inspect *in = xcalloc(1, sizeof *in);
	size_t n = json_array_size(lines), i;
	json_t *l;

	in->nlines = n;
	in->specs = xcalloc(3 * n + 1, sizeof *in->specs);
	in->labels = xcalloc(3 * n, sizeof *in->labels);
	in->line_no = xcalloc(n + 1, sizeof *in->line_no);
	in->seen = xcalloc(n + 1, sizeof *in->seen);
	json_array_foreach(lines, i, l) {
		long long qty = json_integer_value(json_object_get(l, "qty"));

		in->line_no[i] = json_integer_value(json_object_get(l, "line_no"));
		in->labels[3 * i] = xasprintf(_("%lld %s: condition"), in->line_no[i], str(l, "sku"));
		in->labels[3 * i + 1] = xasprintf(_("  accepted (of %lld)"), qty);
		in->labels[3 * i + 2] = xstrdup(_("  restock?"));
		in->specs[3 * i] = (struct tui_field_spec){ TUI_FIELD_CHOICE, in->labels[3 * i], true, 0, 0, 0,
							    return_conditions, 0, NULL };
		/* 0..qty: a range needs min < max, so a one-piece line is 0..1 too. */
		in->specs[3 * i + 1] = (struct tui_field_spec){ TUI_FIELD_NUMBER, in->labels[3 * i + 1], true, 6, 0,
								qty > 0 ? qty : 1, NULL, 0, NULL };
		in->specs[3 * i + 2] = (struct tui_field_spec){ TUI_FIELD_CHOICE, in->labels[3 * i + 2], true, 0, 0, 0,
								return_dispositions, 0, NULL };
	}
	in->specs[3 * n] = (struct tui_field_spec){ TUI_FIELD_MULTILINE, N_("Note"), false, 2000, 0, 0, NULL, 3, NULL };
	in->form = tui_form_new(_("Inspect the return"), in->specs, 3 * n + 1, NULL);
	json_array_foreach(lines, i, l) {
		const char *cond = *str(l, "condition") != '\0' ? str(l, "condition")
								: return_condition_default(str(l, "reason"));
		char qty[24];

		tui_form_set_choices(in->form, 3 * i, return_conditions, label_return_condition);
		tui_form_set_choices(in->form, 3 * i + 2, return_dispositions, label_return_disposition);
		tui_form_set_value(in->form, 3 * i, cond);
		(void)snprintf(qty, sizeof qty, "%lld", json_integer_value(json_object_get(l, "qty")));
		tui_form_set_value(in->form, 3 * i + 1, qty);
		tui_form_set_value(in->form, 3 * i + 2, return_disposition_for(cond));
		(void)snprintf(in->seen[i], sizeof in->seen[i], "%s", cond);
	}
	tui_form_mark_saved(in->form);
	return in;
}

void return_inspect_free(struct return_inspect *in)
{
	if (in == NULL)
		return;
	tui_form_free(in->form);
	for (size_t i = 0; i < 3 * in->nlines; i++)
		free(in->labels[i]);
	free(in->labels);
	free(in->specs);
	free(in->line_no);
	free(in->seen);
	free(in);
}

struct tui_form *return_inspect_form(const struct return_inspect *in)
{
	return in->form;
}

size_t return_inspect_nlines(const struct return_inspect *in)
{
	return in->nlines;
}

void return_inspect_follow(struct return_inspect *in)
{
	for (size_t i = 0; i < in->nlines; i++) {
		const char *cond = tui_form_value(in->form, 3 * i);
		const char *disp = tui_form_value(in->form, 3 * i + 2);

		if (strcmp(cond, in->seen[i]) == 0)
			continue;
		/* Still what the old condition gave: it was not chosen by hand. */
		if (strcmp(disp, return_disposition_for(in->seen[i])) == 0)
			tui_form_set_value(in->form, 3 * i + 2, return_disposition_for(cond));
		(void)snprintf(in->seen[i], sizeof in->seen[i], "%s", cond);
	}
}

char *return_inspect_json(struct return_inspect *in)
{
	json_t *a = json_array();
	char *s;

	if (a == NULL)
		return NULL;
	for (size_t i = 0; i < in->nlines; i++) {
		json_t *o = json_pack("{s:I, s:s, s:I, s:s}", "line_no", (json_int_t)in->line_no[i], "condition",
				      tui_form_value(in->form, 3 * i), "accepted_qty",
				      (json_int_t)atoll(tui_form_value(in->form, 3 * i + 1)), "disposition",
				      tui_form_value(in->form, 3 * i + 2));

		if (o == NULL || json_array_append_new(a, o) < 0) {
			json_decref(a);
			return NULL;
		}
	}
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

const char *return_inspect_note(struct return_inspect *in)
{
	return tui_form_value(in->form, 3 * in->nlines);
}
