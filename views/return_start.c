/* "Start a return": the lines to pick from (a table over api.returnable_lines, in
 * a dialog), then one form made for the lines picked (tui/form.h: a quantity and a
 * reason code per line, the customer's words, the kind, the evidence), then
 * api.request_return.  For a caller whose parcel arrived broken, from the order
 * screen: R, Enter (the line under the cursor, or its digit first), the note, F2.
 *
 * The form is made again when other lines are picked, and keeps what was typed
 * for the lines still picked.  Its quantities and reasons are the agent's to
 * type over: a quantity still showing its 1 takes the digit typed, and a line's
 * reason follows the one above it until the agent sets it. */
#include "views/return_start.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/xalloc.h"
#include "db/connect.h"
#include "db/return_request.h"
#include "db/refusal.h"
#include "tui/array_source.h"
#include "tui/table_pane.h"
#include "views/labels.h"
#include "views/registry.h"

enum { REQ_MARK = TUI_REQ_VIEW };

enum { LCOL_MARK, LCOL_NO, LCOL_NAME, LCOL_SKU, LCOL_ORDERED, LCOL_LEFT, LCOL_UNTIL, LCOL_COUNT };

static const struct tui_column columns[LCOL_COUNT] = {
	[LCOL_MARK] = { N_("✓"), 1, 0, TUI_ALIGN_LEFT, 0 },
	[LCOL_NO] = { N_("#"), 2, 0, TUI_ALIGN_RIGHT, 0 },
	[LCOL_NAME] = { N_("Item"), 12, 1, TUI_ALIGN_LEFT, 0 },
	[LCOL_SKU] = { N_("SKU"), 10, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
	[LCOL_ORDERED] = { NC_("column", "Ordered"), 7, 0, TUI_ALIGN_RIGHT, TUI_COL_OPTIONAL },
	[LCOL_LEFT] = { NC_("column", "Left"), 4, 0, TUI_ALIGN_RIGHT, 0 },
	[LCOL_UNTIL] = { N_("Window"), 23, 0, TUI_ALIGN_LEFT, 0 },
};

/* Only its own keys: digits pick a line by its number (on_key). */
static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Take"), N_("Return the marked lines, or the selected one"), 0 },
	{ TUI_REQ_BACK, "Esc q", N_("Back"), N_("Back, keeping what was marked and typed"), 0 },
	{ REQ_MARK, "Space", N_("Mark"), N_("Mark or unmark the line (to return several)"), 0 },
	{ TUI_REQ_HELP, "F1", N_("Help"), N_("Show these keys"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Move up one line"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Move down one line"), 0 },
	{ TUI_REQ_HOME, "Home", N_("First"), N_("Go to the first line"), 0 },
	{ TUI_REQ_END, "End G", N_("Last"), N_("Go to the last line"), 0 },
};

const struct view_keytable return_lines_keytable = VIEW_OVERLAY_KEYTABLE("return lines", bindings, true);

/* The reason codes as last read (backdesk.return_reasons): what the choice shows. */
static struct {
	char **codes, **labels; /* codes NULL-terminated */
	size_t n;
} reasons;

static const char *reason_text(const char *code)
{
	for (size_t i = 0; i < reasons.n; i++)
		if (strcmp(reasons.codes[i], code) == 0)
			return label_return_reason(code, reasons.labels[i]);
	return label_return_reason(code, NULL);
}

static const char *kind_text(const char *kind)
{
	if (strcmp(kind, "return") == 0)
		return _("return (money back)");
	if (strcmp(kind, "exchange") == 0)
		return _("exchange (same item again)");
	if (strcmp(kind, "warranty") == 0)
		return _("warranty claim (repair or replace)");
	return kind;
}

static const char *const kinds_return[] = { N_("return"), N_("exchange"), NULL };
static const char *const kinds_warranty[] = { N_("warranty"), NULL };

/* One picked line's fields: its quantity, then its reason. */
struct picked {
	int line_no, max;
	size_t qty_field, reason_field;
	char *qty_seen, *reason_seen; /* values at the last change: what the agent changed */
	bool qty_default;             /* still the 1 the form was made with */
};

struct return_start {
	struct db_session *db;
	struct tui_ui *ui;
	char *number;
	void (*done)(void *arg);
	void *done_arg;
	struct db_returnables *lines;
	bool *marked; /* per line of `lines` */
	unsigned q_lines, q_reasons, q_request, q_id;
	/* The picker's hold on us: cut when we go first (its closing is deferred). */
	struct picker_link *picker;
	/* The form for the lines picked, its specs and labels (owned). */
	struct tui_form *form;
	struct tui_field_spec *specs;
	char **labels;
	size_t nspecs;
	struct picked *picked;
	size_t npicked;
	bool *reason_set;
	size_t *reason_fields;
	char version[16]; /* the order's, read with the lines */
	char requested[40]; /* the return just requested: the title of its screen */
};

enum { F_NOTE, F_FIRST_LINE };
#define F_KIND(rs) ((rs)->nspecs - 2)
#define F_EVIDENCE(rs) ((rs)->nspecs - 1)

const char *return_start_why(const char *code)
{
	if (code == NULL)
		return "";
	if (strcmp(code, "not_delivered") == 0)
		return _("nothing to return: the order is not delivered yet (cancel it instead before it ships)");
	if (strcmp(code, "window_over") == 0)
		return _("nothing to return: the return window and the warranty are over");
	if (strcmp(code, "all_returned") == 0)
		return _("nothing to return: every item is already in a return");
	return _("nothing of this order can be returned now");
}

const char *return_start_typed_over(const char *now, const char *dflt)
{
	size_t n = strlen(dflt);

	if (n == 0 || strncmp(now, dflt, n) != 0 || now[n] == '\0')
		return NULL;
	return now + n;
}

void return_start_reasons_follow(struct tui_form *f, const size_t *reason_fields, bool *set, size_t n,
				 size_t changed)
{
	char *copy;

	if (changed >= n)
		return;
	set[changed] = true;
	copy = xstrdup(tui_form_value(f, reason_fields[changed]));
	for (size_t k = changed + 1; k < n; k++)
		if (!set[k])
			tui_form_set_value(f, reason_fields[k], copy);
	free(copy);
}

/* ---- the lines to pick from ---- */

struct picker_link {
	struct return_start *rs; /* NULL once the return_start is gone */
	struct tui_pane *pane;
	struct tui_array_source src;
};

static size_t lines_count(void *items)
{
	struct picker_link *pl = items;

	return pl->rs != NULL && pl->rs->lines != NULL ? pl->rs->lines->n : 0;
}

static struct tui_row *lines_row(void *items, size_t i)
{
	struct return_start *rs = ((struct picker_link *)items)->rs;
	const struct db_returnable *l = &rs->lines->lines[i];
	struct tui_row *r = tui_row_new(LCOL_COUNT);
	char buf[64], until[LF_BUFSZ];

	tui_row_set(r, LCOL_MARK, rs->marked[i] ? "✓" : "");
	(void)snprintf(buf, sizeof buf, "%d", l->line_no);
	tui_row_set(r, LCOL_NO, buf);
	tui_row_set(r, LCOL_NAME, l->name);
	tui_row_set(r, LCOL_SKU, l->sku);
	(void)snprintf(buf, sizeof buf, "%d", l->qty);
	tui_row_set(r, LCOL_ORDERED, buf);
	(void)snprintf(buf, sizeof buf, "%d", l->returnable);
	tui_row_set(r, LCOL_LEFT, buf);
	if (strcmp(l->window, "return") == 0)
		(void)snprintf(buf, sizeof buf, _("return until %s"), lf_when(l->return_until, until, sizeof until));
	else if (strcmp(l->window, "warranty") == 0)
		(void)snprintf(buf, sizeof buf, _("warranty until %s"), lf_when(l->warranty_until, until, sizeof until));
	else if (l->return_until[0] == '\0')
		(void)snprintf(buf, sizeof buf, "%s", _("not delivered"));
	else
		(void)snprintf(buf, sizeof buf, "%s", _("over"));
	tui_row_set(r, LCOL_UNTIL, buf);
	if (!db_returnable_open(l))
		tui_row_set_role(r, TUI_ATTR_MUTED);
	return r;
}

static const struct tui_array_ops lines_ops = { lines_count, lines_row, NULL };

static void show_form(struct return_start *rs);

/* Why line i cannot be taken, or NULL. */
static const char *line_closed(const struct db_returnable *l)
{
	if (db_returnable_open(l))
		return NULL;
	if (l->returnable <= 0)
		return _("that line is already returned in full");
	if (l->return_until[0] == '\0')
		return _("that line is not delivered yet");
	return _("that line's return window and warranty are over");
}

static size_t selected_line(struct tui_pane *p)
{
	const void *k = tui_table_selected_key(tui_table_pane_table(p));

	return k != NULL ? tui_array_key_index(k) : (size_t)-1;
}

static unsigned picker_request(struct tui_pane *p, int req)
{
	struct return_start *rs = ((struct picker_link *)tui_pane_data(p))->rs;
	size_t i = selected_line(p), nmarked = 0;

	if (req == TUI_REQ_BACK || rs == NULL)
		return TUI_HANDLED | TUI_CLOSE;
	if (req == TUI_REQ_HELP) {
		if (tui_pane_ui(p) != NULL)
			tui_ui_help(tui_pane_ui(p));
		return TUI_HANDLED;
	}
	if (rs->lines == NULL || i >= rs->lines->n)
		return req == TUI_REQ_ENTER || req == REQ_MARK ? TUI_HANDLED : TUI_IGNORED;
	if (req == REQ_MARK) {
		const char *why = line_closed(&rs->lines->lines[i]);

		if (why != NULL && !rs->marked[i]) {
			tui_pane_message(p, true, why);
			return TUI_HANDLED | TUI_REDRAW;
		}
		rs->marked[i] = !rs->marked[i];
		tui_table_refresh(tui_table_pane_table(p));
		(void)tui_table_down(tui_table_pane_table(p), 1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (req != TUI_REQ_ENTER)
		return TUI_IGNORED; /* moving: the table's */
	for (size_t j = 0; j < rs->lines->n; j++)
		nmarked += rs->marked[j];
	if (nmarked == 0) {
		const char *why = line_closed(&rs->lines->lines[i]);

		if (why != NULL) {
			tui_pane_message(p, true, why);
			return TUI_HANDLED | TUI_REDRAW;
		}
		rs->marked[i] = true;
	}
	show_form(rs);
	return TUI_HANDLED | TUI_CLOSE;
}

/* A digit goes to the line of that number. */
static unsigned picker_key(struct tui_pane *p, tui_key key)
{
	struct return_start *rs = ((struct picker_link *)tui_pane_data(p))->rs;
	struct tui_table *t = tui_table_pane_table(p);

	if (key < '1' || key > '9' || rs == NULL || rs->lines == NULL)
		return TUI_IGNORED;
	for (size_t j = 0; j < rs->lines->n; j++)
		if (rs->lines->lines[j].line_no == (int)(key - '0')) {
			(void)tui_table_home(t);
			(void)tui_table_down(t, (int)j);
			return TUI_HANDLED | TUI_REDRAW;
		}
	tui_pane_message(p, true, _("the order has no line of that number"));
	return TUI_HANDLED | TUI_REDRAW;
}

static void picker_destroy(struct tui_pane *p)
{
	struct picker_link *pl = tui_pane_data(p);

	if (pl->rs != NULL)
		pl->rs->picker = NULL;
	free(pl);
}

static const struct tui_pane_ops picker_ops = {
	.kind = "return-lines",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Lines to return"),
	.on_key = picker_key,
	.on_request = picker_request,
	.destroy = picker_destroy,
};

static void show_picker(struct return_start *rs)
{
	struct picker_link *pl = xcalloc(1, sizeof *pl);
	struct tui_table *t;
	char *title;
	size_t first = 0;

	pl->rs = rs;
	pl->src.ops = &lines_ops;
	pl->src.items = pl;
	t = tui_table_new(columns, LCOL_COUNT, &tui_array_source_ops, &pl->src);
	pl->pane = tui_table_pane_new(t, &picker_ops, pl);
	rs->picker = pl;
	title = xasprintf(_("Start a return: %s · Space marks, Enter takes"), rs->number);
	tui_pane_set_title(pl->pane, title);
	free(title);
	tui_pane_set_flags(pl->pane, TUI_PANE_MODAL_KEYS | TUI_PANE_BAR_KEYS);
	tui_pane_set_size(pl->pane, (int)(rs->lines->n < 3 ? 3 : rs->lines->n) + 1, 78);
	tui_ui_dialog(rs->ui, pl->pane);
	/* The cursor on the first line that can go back. */
	while (first < rs->lines->n && !db_returnable_open(&rs->lines->lines[first]))
		first++;
	if (first < rs->lines->n)
		(void)tui_table_down(t, (int)first);
}

/* ---- the form ---- */

static void free_form(struct return_start *rs)
{
	tui_form_free(rs->form);
	rs->form = NULL;
	for (size_t i = 0; i < rs->nspecs; i++)
		free(rs->labels[i]);
	for (size_t k = 0; k < rs->npicked; k++) {
		free(rs->picked[k].qty_seen);
		free(rs->picked[k].reason_seen);
	}
	free(rs->labels);
	free(rs->specs);
	free(rs->picked);
	free(rs->reason_set);
	free(rs->reason_fields);
	rs->labels = NULL;
	rs->specs = NULL;
	rs->picked = NULL;
	rs->reason_set = NULL;
	rs->reason_fields = NULL;
	rs->nspecs = rs->npicked = 0;
}

static void remember(struct picked *pk, struct tui_form *f)
{
	free(pk->qty_seen);
	free(pk->reason_seen);
	pk->qty_seen = xstrdup(tui_form_value(f, pk->qty_field));
	pk->reason_seen = xstrdup(tui_form_value(f, pk->reason_field));
}

/* A key went into the form: a quantity typed over its 1, a reason the lines
 * below follow. */
static void form_changed(struct tui_form *f, void *arg)
{
	struct return_start *rs = arg;

	for (size_t k = 0; k < rs->npicked; k++) {
		struct picked *pk = &rs->picked[k];
		const char *q = tui_form_value(f, pk->qty_field);

		if (strcmp(q, pk->qty_seen) != 0) {
			const char *over = pk->qty_default ? return_start_typed_over(q, "1") : NULL;

			if (over != NULL) {
				char *v = xstrdup(over);

				tui_form_set_value(f, pk->qty_field, v);
				free(v);
			}
			pk->qty_default = false;
		}
		if (strcmp(tui_form_value(f, pk->reason_field), pk->reason_seen) != 0)
			return_start_reasons_follow(f, rs->reason_fields, rs->reason_set, rs->npicked, k);
	}
	for (size_t k = 0; k < rs->npicked; k++)
		remember(&rs->picked[k], f);
}

static char *lines_json(struct return_start *rs)
{
	json_t *a = json_array();
	char *s;

	if (a == NULL)
		return NULL;
	for (size_t k = 0; k < rs->npicked; k++) {
		const struct picked *pk = &rs->picked[k];
		json_t *o = json_pack("{s:i, s:i, s:s}", "line_no", pk->line_no, "qty",
				      atoi(tui_form_value(rs->form, pk->qty_field)), "reason",
				      tui_form_value(rs->form, pk->reason_field));

		if (o == NULL || json_array_append_new(a, o) < 0) {
			json_decref(a);
			return NULL;
		}
	}
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

static void on_id(const PGresult *res, const char *error, void *arg);

static void on_requested(const PGresult *res, const char *error, void *arg)
{
	struct return_start *rs = arg;
	const struct view_screen *scr = views_screen("return");
	char *number;

	rs->q_request = 0;
	if (error != NULL) {
		if (strcmp(db_sqlstate(res), "BD004") == 0) {
			/* A colleague changed the order: see it first; R brings the draft back. */
			if (rs->form != NULL)
				tui_form_hide(rs->form);
			char *why = db_error_text(res, PG_DIAG_MESSAGE_PRIMARY);

			tui_ui_message(rs->ui, TUI_MSG_ERROR, _("%s · your text is kept (R)"),
				       why != NULL ? why : "");
			free(why);
			if (rs->done != NULL)
				rs->done(rs->done_arg);
			return;
		}
		/* The database's words; the form stays as typed. */
		tui_ui_message(rs->ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	number = xstrdup(PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
	free_form(rs);
	for (size_t i = 0; rs->lines != NULL && i < rs->lines->n; i++)
		rs->marked[i] = false;
	if (scr != NULL && scr->open != NULL && number[0] != '\0') {
		tui_ui_message(rs->ui, TUI_MSG_SUCCESS, _("Return %s requested; opening it"), number);
		(void)snprintf(rs->requested, sizeof rs->requested, "%s", number);
		rs->q_id = db_return_id(rs->db, number, on_id, rs);
	} else {
		tui_ui_message(rs->ui, TUI_MSG_SUCCESS, _("Return %s requested"), number);
	}
	free(number);
	if (rs->done != NULL)
		rs->done(rs->done_arg);
}

static void on_id(const PGresult *res, const char *error, void *arg)
{
	struct return_start *rs = arg;
	const struct view_screen *scr = views_screen("return");

	rs->q_id = 0;
	if (error != NULL || PQntuples(res) == 0 || scr == NULL || scr->open == NULL)
		return; /* the message already names the return */
	tui_ui_push(rs->ui, scr->open(rs->db, PQgetvalue(res, 0, 0), rs->requested));
}

static bool form_submit(struct tui_form *f, void *arg)
{
	struct return_start *rs = arg;
	const char *evidence = tui_form_value(f, F_EVIDENCE(rs));
	char *json;

	if (rs->q_request != 0)
		return false; /* still asking */
	json = lines_json(rs);
	if (json == NULL) {
		tui_ui_message(rs->ui, TUI_MSG_ERROR, "%s", _("out of memory; try again"));
		return false;
	}
	rs->q_request = db_return_request(rs->db, rs->number, json, tui_form_value(f, F_NOTE),
					  tui_form_value(f, F_KIND(rs)), evidence[0] != '\0' ? evidence : NULL,
					  rs->version[0] != '\0' ? rs->version : NULL, on_requested, rs);
	free(json);
	/* The dialog stays until the database has answered. */
	return false;
}

static void form_cancelled(struct tui_form *f, void *arg)
{
	(void)f;
	(void)arg;
}

/* What the old form held for the lines still picked, and for the rest. */
struct kept {
	char *note, *kind, *evidence;
	size_t n;
	struct { int line_no; char *qty, *reason; bool qty_default, reason_set; } *line;
};

static void keep(struct return_start *rs, struct kept *k)
{
	memset(k, 0, sizeof *k);
	if (rs->form == NULL)
		return;
	k->note = xstrdup(tui_form_value(rs->form, F_NOTE));
	k->kind = xstrdup(tui_form_value(rs->form, F_KIND(rs)));
	k->evidence = xstrdup(tui_form_value(rs->form, F_EVIDENCE(rs)));
	k->n = rs->npicked;
	k->line = xcalloc(k->n + 1, sizeof *k->line);
	for (size_t i = 0; i < k->n; i++) {
		k->line[i].line_no = rs->picked[i].line_no;
		k->line[i].qty = xstrdup(tui_form_value(rs->form, rs->picked[i].qty_field));
		k->line[i].reason = xstrdup(tui_form_value(rs->form, rs->picked[i].reason_field));
		k->line[i].qty_default = rs->picked[i].qty_default;
		k->line[i].reason_set = rs->reason_set[i];
	}
}

static void kept_free(struct kept *k)
{
	free(k->note);
	free(k->kind);
	free(k->evidence);
	for (size_t i = 0; i < k->n; i++) {
		free(k->line[i].qty);
		free(k->line[i].reason);
	}
	free(k->line);
}

static char *only_one(const char *value, void *arg)
{
	(void)arg;
	if (strcmp(value, "1") == 0)
		return NULL;
	return xstrdup(_("1: only one of these can still be returned"));
}

static void show_form(struct return_start *rs)
{
	struct kept k;
	size_t n = 0, f = F_FIRST_LINE;
	const char *window = NULL;
	bool modified;
	struct tui_form_hooks hooks = { 0 };
	char *title;

	modified = rs->form != NULL && tui_form_modified(rs->form);
	keep(rs, &k);
	free_form(rs);
	for (size_t i = 0; i < rs->lines->n; i++)
		n += rs->marked[i];
	rs->npicked = n;
	rs->nspecs = F_FIRST_LINE + 2 * n + 2;
	rs->specs = xcalloc(rs->nspecs, sizeof *rs->specs);
	rs->labels = xcalloc(rs->nspecs, sizeof *rs->labels);
	rs->picked = xcalloc(n + 1, sizeof *rs->picked);
	rs->reason_set = xcalloc(n + 1, sizeof *rs->reason_set);
	rs->reason_fields = xcalloc(n + 1, sizeof *rs->reason_fields);
	rs->labels[F_NOTE] = xstrdup(_("Customer's words"));
	rs->specs[F_NOTE] = (struct tui_field_spec){ TUI_FIELD_TEXT, rs->labels[F_NOTE], true, 500, 0, 0, NULL, 0, NULL };
	n = 0;
	for (size_t i = 0; i < rs->lines->n; i++) {
		const struct db_returnable *l = &rs->lines->lines[i];
		struct picked *pk = &rs->picked[n];

		if (!rs->marked[i])
			continue;
		if (window == NULL)
			window = l->window;
		pk->line_no = l->line_no;
		pk->max = l->returnable;
		pk->qty_field = f;
		pk->reason_field = f + 1;
		pk->qty_default = true;
		rs->reason_fields[n] = f + 1;
		/* Labels fit the form's 20 columns; the picker showed the names. */
		rs->labels[f] = xasprintf(_("%d %.12s: how many"), l->line_no, l->sku);
		/* The form checks a range only when it has two ends. */
		rs->specs[f] = (struct tui_field_spec){ TUI_FIELD_NUMBER, rs->labels[f], true, 4, 1, l->returnable,
							NULL, 0, l->returnable == 1 ? only_one : NULL };
		rs->labels[f + 1] = xasprintf(_("%d %.12s: why"), l->line_no, l->sku);
		rs->specs[f + 1] = (struct tui_field_spec){ TUI_FIELD_CHOICE, rs->labels[f + 1], true, 0, 0, 0,
							    NULL, 0, NULL };
		f += 2;
		n++;
	}
	rs->labels[F_KIND(rs)] = xstrdup(_("Kind"));
	rs->specs[F_KIND(rs)] = (struct tui_field_spec){ TUI_FIELD_CHOICE, rs->labels[F_KIND(rs)], true, 0, 0, 0,
							 NULL, 0, NULL };
	rs->labels[F_EVIDENCE(rs)] = xstrdup(_("Evidence (photos…)"));
	rs->specs[F_EVIDENCE(rs)] = (struct tui_field_spec){ TUI_FIELD_TEXT, rs->labels[F_EVIDENCE(rs)], false, 1000,
							     0, 0, NULL, 0, NULL };
	title = xasprintf(_("Start a return of %s"), rs->number);
	rs->form = tui_form_new(title, rs->specs, rs->nspecs, NULL);
	free(title);
	tui_form_set_action(rs->form, _("Request the return"));
	tui_form_set_choices(rs->form, F_KIND(rs),
			     window != NULL && strcmp(window, "warranty") == 0 ? kinds_warranty : kinds_return,
			     kind_text);
	for (size_t j = 0; j < rs->npicked; j++) {
		struct picked *pk = &rs->picked[j];

		tui_form_set_choices(rs->form, pk->reason_field, (const char *const *)reasons.codes, reason_text);
		tui_form_set_value(rs->form, pk->qty_field, "1");
		/* A new line's reason: the one above it. */
		if (j > 0)
			tui_form_set_value(rs->form, pk->reason_field,
					   tui_form_value(rs->form, rs->picked[j - 1].reason_field));
		for (size_t i = 0; i < k.n; i++) {
			if (k.line[i].line_no != pk->line_no)
				continue;
			tui_form_set_value(rs->form, pk->qty_field, k.line[i].qty);
			tui_form_set_value(rs->form, pk->reason_field, k.line[i].reason);
			pk->qty_default = k.line[i].qty_default;
			rs->reason_set[j] = k.line[i].reason_set;
		}
		remember(pk, rs->form);
	}
	if (k.note != NULL) {
		tui_form_set_value(rs->form, F_NOTE, k.note);
		tui_form_set_value(rs->form, F_KIND(rs), k.kind);
		tui_form_set_value(rs->form, F_EVIDENCE(rs), k.evidence);
	}
	kept_free(&k);
	if (!modified)
		tui_form_mark_saved(rs->form);
	hooks.submit = form_submit;
	hooks.cancel = form_cancelled;
	hooks.changed = form_changed;
	hooks.arg = rs;
	tui_form_show(rs->ui, rs->form, &hooks);
}

/* ---- loading ---- */

static void maybe_show(struct return_start *rs)
{
	const char *why;

	if (rs->q_lines != 0 || rs->q_reasons != 0 || rs->lines == NULL || reasons.n == 0)
		return;
	why = db_returnables_why_not(rs->lines);
	if (why != NULL) {
		tui_ui_message(rs->ui, TUI_MSG_ERROR, "%s", return_start_why(why));
		return;
	}
	show_picker(rs);
}

static void on_lines(const PGresult *res, const char *error, void *arg)
{
	struct return_start *rs = arg;
	struct db_returnables *fresh;
	bool *marked;

	rs->q_lines = 0;
	if (error != NULL) {
		tui_ui_message(rs->ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	fresh = db_returnables_parse(res);
	if (fresh == NULL) {
		tui_ui_message(rs->ui, TUI_MSG_ERROR, "%s", _("the database answered something else than lines"));
		return;
	}
	/* What was marked stays marked, by line number, while it can still go back. */
	marked = xcalloc(fresh->n + 1, sizeof *marked);
	for (size_t i = 0; i < fresh->n; i++)
		for (size_t j = 0; rs->lines != NULL && j < rs->lines->n; j++)
			if (rs->marked[j] && rs->lines->lines[j].line_no == fresh->lines[i].line_no &&
			    db_returnable_open(&fresh->lines[i]))
				marked[i] = true;
	db_returnables_free(rs->lines);
	free(rs->marked);
	rs->lines = fresh;
	rs->marked = marked;
	(void)snprintf(rs->version, sizeof rs->version, "%s", fresh->version);
	maybe_show(rs);
}

static void on_reasons(const PGresult *res, const char *error, void *arg)
{
	struct return_start *rs = arg;
	int n;

	rs->q_reasons = 0;
	if (error != NULL) {
		tui_ui_message(rs->ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	n = PQntuples(res);
	if (n == 0) {
		tui_ui_message(rs->ui, TUI_MSG_ERROR, "%s",
			       _("the database has no return reasons (backdesk.return_reasons): ask an administrator"));
		return;
	}
	for (size_t i = 0; i < reasons.n; i++) {
		free(reasons.codes[i]);
		free(reasons.labels[i]);
	}
	free(reasons.codes);
	free(reasons.labels);
	reasons.codes = xcalloc((size_t)n + 1, sizeof *reasons.codes);
	reasons.labels = xcalloc((size_t)n + 1, sizeof *reasons.labels);
	for (int i = 0; i < n; i++) {
		reasons.codes[i] = xstrdup(PQgetvalue(res, i, 0));
		reasons.labels[i] = xstrdup(PQgetvalue(res, i, 1));
	}
	reasons.n = (size_t)n;
	maybe_show(rs);
}

void return_start_open(struct return_start *rs, struct tui_ui *ui)
{
	rs->ui = ui;
	if (rs->q_request != 0) {
		tui_ui_message(ui, TUI_MSG_INFO, "%s", _("the return is being requested; a moment"));
		return;
	}
	if (rs->q_lines != 0 || rs->picker != NULL)
		return;
	/* Fresh every time: what is left, the windows and the order's version. */
	rs->q_lines = db_returnable_lines(rs->db, rs->number, on_lines, rs);
	if (reasons.n == 0 && rs->q_reasons == 0)
		rs->q_reasons = db_return_reasons(rs->db, on_reasons, rs);
}

struct return_start *return_start_new(struct db_session *db, const char *order_number,
				      void (*done)(void *arg), void *arg)
{
	struct return_start *rs = xcalloc(1, sizeof *rs);

	rs->db = db;
	rs->number = xstrdup(order_number);
	rs->done = done;
	rs->done_arg = arg;
	return rs;
}

const char *return_start_order(const struct return_start *rs)
{
	return rs->number;
}

bool return_start_unsaved(const struct return_start *rs)
{
	return rs != NULL && rs->form != NULL && tui_form_modified(rs->form);
}

char *return_start_lost(char *all, const struct return_start *rs)
{
	if (rs == NULL || rs->form == NULL)
		return all;
	return tui_form_draft_note(all, rs->form, _("Start a return"), rs->number);
}

void return_start_free(struct return_start *rs)
{
	if (rs == NULL)
		return;
	if (rs->picker != NULL) {
		rs->picker->rs = NULL;
		if (rs->ui != NULL)
			tui_ui_close(rs->ui, rs->picker->pane);
	}
	if (rs->q_request != 0) {
		char *what = xasprintf(_("Start a return on %s"), rs->number);

		db_session_detach(rs->db, rs->q_request, what);
		free(what);
	}
	if (rs->q_lines != 0)
		db_session_cancel(rs->db, rs->q_lines);
	if (rs->q_reasons != 0)
		db_session_cancel(rs->db, rs->q_reasons);
	if (rs->q_id != 0)
		db_session_cancel(rs->db, rs->q_id);
	free_form(rs);
	db_returnables_free(rs->lines);
	free(rs->marked);
	free(rs->number);
	free(rs);
}
