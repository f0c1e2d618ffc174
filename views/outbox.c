/* The outbox (`:outbox`, supervisors and admins): what has not gone to customers
 * yet, parked messages first with their last error; Enter shows a message as it
 * will be sent (a template's message rendered from its file, as the sender will),
 * m queues a parked one again (api.outbox_retry).  A dialog over the current
 * screen with its rows in memory (at most 500), like `:refunds`. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/connect.h"
#include "db/outbox_list.h"
#include "db/sentence.h"
#include "mail/template.h"
#include "tui/array_source.h"
#include "tui/doc.h"
#include "views/keytables.h"
#include "views/registry.h"
#include "views/row_match.h"
#include "views/views.h"

enum { OCOL_STATE, OCOL_KIND, OCOL_TO, OCOL_TRIES, OCOL_WHY, OCOL_COUNT };

static const struct tui_column columns[OCOL_COUNT] = {
	/* At 80 columns the error (or subject) gets most of the line; when it was
	 * parked or is due, and all of the error, are Enter's. */
	[OCOL_STATE] = { N_("State"), 7, 0, TUI_ALIGN_LEFT, 0 },
	[OCOL_KIND] = { N_("Kind"), 13, 0, TUI_ALIGN_LEFT, 0 },
	[OCOL_TO] = { N_("To"), 10, 1, TUI_ALIGN_LEFT, 0 },
	[OCOL_TRIES] = { N_("Tries"), 5, 0, TUI_ALIGN_RIGHT, 0 },
	[OCOL_WHY] = { N_("Last error or subject"), 16, 4, TUI_ALIGN_LEFT, 0 },
};

enum { REQ_RESEND = TUI_REQ_VIEW };

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Show"), N_("Show the message as it will be sent"), 0 },
	{ REQ_RESEND, "m", N_("Resend"), N_("Queue a message that was given up on again, now"), CAP_OUTBOX },
	{ TUI_REQ_BACK, "Esc q", N_("Back"), N_("Close the outbox"), 0 },
	{ TUI_REQ_HELP, "F1", N_("Help"), N_("Show these keys"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Move up one line"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Move down one line"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Move up one page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn", N_("PgDn"), N_("Move down one page"), 0 },
	{ TUI_REQ_HOME, "Home", N_("First"), N_("Go to the first message"), 0 },
	{ TUI_REQ_END, "End G", N_("Last"), N_("Go to the last message"), 0 },
};

const struct view_keytable outbox_keytable = VIEW_OVERLAY_KEYTABLE("outbox", bindings, true);

static const struct tui_binding message_bindings[] = {
	{ REQ_RESEND, "m", N_("Resend"), N_("Queue this message again, now"), CAP_OUTBOX },
	{ TUI_REQ_BACK, "Esc q", N_("Back"), N_("Back to the outbox"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Scroll up"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Scroll down"), 0 },
};

const struct view_keytable outbox_message_keytable = VIEW_OVERLAY_KEYTABLE("outbox message", message_bindings, false);

/* Where the template files are: the console sets it from [mail] at start. */
static struct {
	char *installed, *override;
	struct mail_templates *loaded;
	char *error;
} tpl;

void outbox_view_setup(const char *installed, const char *override)
{
	free(tpl.installed);
	free(tpl.override);
	tpl.installed = installed != NULL ? xstrdup(installed) : NULL;
	tpl.override = override != NULL ? xstrdup(override) : NULL;
}

void outbox_view_cleanup(void)
{
	mail_templates_free(tpl.loaded);
	free(tpl.installed);
	free(tpl.override);
	free(tpl.error);
	memset(&tpl, 0, sizeof tpl);
}

/* Loaded at the first message shown, as the sender loads them: a mistake in a
 * file is shown where the message would be. */
static const struct mail_templates *templates(const char **error)
{
	if (tpl.loaded == NULL && tpl.error == NULL &&
	    mail_templates_load(tpl.installed != NULL ? tpl.installed : "", tpl.override, &tpl.loaded,
				&tpl.error) < 0)
		tpl.loaded = NULL;
	*error = tpl.error;
	return tpl.loaded;
}

void outbox_render(const char *lang, const char *kind, const char *vars, const char *subject, const char *body,
		   char **out_subject, char **out_body)
{
	const struct mail_templates *t;
	const char *terr = NULL;
	char *rerr = NULL;

	*out_subject = *out_body = NULL;
	if (vars == NULL || *vars == '\0') {
		*out_subject = xstrdup(subject);
		*out_body = xstrdup(body);
	} else if ((t = templates(&terr)) == NULL ||
		   mail_template_render_json(t, lang, kind, vars, out_subject, out_body, &rerr) < 0) {
		*out_subject = xstrdup(subject);
		*out_body = xasprintf(_("This message is written from its template file when it is sent, and the file "
					"cannot be used now:\n%s"),
				      rerr != NULL ? rerr : terr != NULL ? terr : "");
	}
	free(rerr);
}

struct outbox {
	struct db_session *db;
	PGresult *res;
	struct tui_array_source src;
	struct tui_pane *pane;
	bool parked;      /* :outbox parked: the failed ones alone */
	unsigned query;   /* m from the list */
	unsigned reload;  /* the rows asked again after an m */
	char *keep_id;    /* the message the cursor stays on after the reload */
	size_t keep_at;   /* its row before, for when it has gone */
};

/* The list on screen, if any: an m answered after it closed refreshes nothing. */
static struct outbox *shown_list;

static const char *cell(const struct outbox *o, size_t i, int col)
{
	return PQgetvalue(o->res, (int)i, col);
}

static const char *state_words(const char *state)
{
	if (strcmp(state, "failed") == 0)
		return _("parked");
	if (strcmp(state, "sending") == 0)
		return _("sending");
	return _("queued");
}

static size_t count(void *items)
{
	return (size_t)PQntuples(((struct outbox *)items)->res);
}

static struct tui_row *make_row(void *items, size_t i)
{
	struct outbox *o = items;
	struct tui_row *r = tui_row_new(OCOL_COUNT);
	const char *err = cell(o, i, DB_OBL_COL_ERROR);

	tui_row_set(r, OCOL_STATE, state_words(cell(o, i, DB_OBL_COL_STATE)));
	tui_row_set(r, OCOL_KIND, cell(o, i, DB_OBL_COL_KIND));
	tui_row_set(r, OCOL_TO, cell(o, i, DB_OBL_COL_RECIPIENT));
	tui_row_set(r, OCOL_TRIES, cell(o, i, DB_OBL_COL_ATTEMPTS));
	/* A mail made from a file has the database's English summary for its subject
	 * until it is sent ("Confirmation of order ...", 0049). */
	tui_row_take(r, OCOL_WHY, *err != '\0' ? xstrdup(err) : db_sentence(cell(o, i, DB_OBL_COL_SUBJECT)));
	if (strcmp(cell(o, i, DB_OBL_COL_STATE), "failed") == 0)
		tui_row_set_role(r, TUI_ATTR_ERROR);
	return r;
}

static bool matches(void *items, size_t i, const char *text)
{
	return views_row_shows(make_row, items, i, OCOL_COUNT, text);
}

static const struct tui_array_ops rows_ops = { count, make_row, matches };

static void on_retried(const PGresult *res, const char *error, void *arg);

/* The row the message view shows, kept apart: the list may be gone by the answer. */
struct shown {
	struct db_session *db;
	char *id;
	bool failed;
	unsigned query;
};

static void retry(struct tui_pane *p, struct db_session *db, const char *id, bool failed, unsigned *query)
{
	if (!failed) {
		tui_pane_message(p, false, _("only a message that was given up on is resent; this one goes by itself"));
		return;
	}
	if (*query != 0)
		return;
	*query = db_outbox_retry(db, id, on_retried, tui_pane_ui(p));
}

static void list_refresh(struct outbox *o);

static void on_retried(const PGresult *res, const char *error, void *arg)
{
	struct tui_ui *ui = arg;

	(void)res;
	/* Refused or not, the list is read again: another hand may have moved it. */
	if (shown_list != NULL)
		list_refresh(shown_list);
	if (error != NULL) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	tui_ui_message(ui, TUI_MSG_SUCCESS, "%s", _("queued again: the sender takes it on its next round"));
}

static unsigned message_request(struct tui_pane *p, int req)
{
	struct shown *s = tui_pane_data(p);

	if (req == TUI_REQ_BACK)
		return TUI_HANDLED | TUI_CLOSE;
	if (req == REQ_RESEND) {
		/* The answer is the session's, not this pane's: it may close first. */
		s->query = 0;
		retry(p, s->db, s->id, s->failed, &s->query);
		return TUI_HANDLED | TUI_CLOSE;
	}
	return TUI_IGNORED;
}

static bool message_available(struct tui_pane *p, int req)
{
	struct shown *s = tui_pane_data(p);

	return req != REQ_RESEND || s->failed;
}

static void message_destroy(struct tui_pane *p)
{
	struct shown *s = tui_pane_data(p);

	free(s->id);
	free(s);
}

static const struct tui_pane_ops message_ops = {
	.kind = "outbox message",
	.bindings = message_bindings,
	.nbindings = sizeof message_bindings / sizeof message_bindings[0],
	.keys_title = N_("Message"),
	.on_request = message_request,
	.available = message_available,
	.destroy = message_destroy,
};

/* The lines of text, each its own line of the document. */
static void text_lines(struct tui_doc *d, const char *text)
{
	const char *p = text, *nl;

	while (*p != '\0') {
		char *line;

		nl = strchr(p, '\n');
		line = nl != NULL ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		tui_doc_text(d, TUI_ATTR_NORMAL, line);
		free(line);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void show_message(struct tui_ui *ui, struct outbox *o, size_t i)
{
	struct tui_doc *d = tui_doc_new();
	struct shown *s = xcalloc(1, sizeof *s);
	char *subject, *body, *title, when[LF_BUFSZ];
	struct tui_pane *p;

	outbox_render(cell(o, i, DB_OBL_COL_LANG), cell(o, i, DB_OBL_COL_KIND), cell(o, i, DB_OBL_COL_VARS),
		      cell(o, i, DB_OBL_COL_SUBJECT), cell(o, i, DB_OBL_COL_BODY), &subject, &body);
	tui_doc_pair(d, _("To"), cell(o, i, DB_OBL_COL_RECIPIENT), TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Language"), cell(o, i, DB_OBL_COL_LANG), TUI_ATTR_NORMAL);
	tui_doc_pair(d, strcmp(cell(o, i, DB_OBL_COL_STATE), "failed") == 0 ? _("Parked at") : _("Due at"),
		     lf_when(cell(o, i, DB_OBL_COL_WHEN), when, sizeof when), TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Subject"), subject, TUI_ATTR_TITLE);
	tui_doc_pair(d, _("Message-ID"), cell(o, i, DB_OBL_COL_MESSAGE_ID), TUI_ATTR_NORMAL);
	if (*cell(o, i, DB_OBL_COL_ERROR) != '\0')
		tui_doc_pair(d, _("Last error"), cell(o, i, DB_OBL_COL_ERROR), TUI_ATTR_ERROR);
	tui_doc_blank(d);
	text_lines(d, body);
	free(subject);
	free(body);
	s->db = o->db;
	s->id = xstrdup(cell(o, i, DB_OBL_COL_ID));
	s->failed = strcmp(cell(o, i, DB_OBL_COL_STATE), "failed") == 0;
	p = tui_doc_pane_new(d, &message_ops, s);
	title = xasprintf(_("Message %s (%s)"), s->id, cell(o, i, DB_OBL_COL_KIND));
	tui_pane_set_title(p, title);
	free(title);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS | TUI_PANE_BAR_KEYS);
	/* Tall enough for the wrapped lines too, as the preview (views/message_preview.c). */
	tui_pane_set_size(p, (int)tui_doc_rows(d, tui_ui_dialog_width(ui)) + 1, 0);
	tui_ui_dialog(ui, p);
}

static unsigned on_request(struct tui_pane *p, int req)
{
	struct outbox *o = tui_pane_data(p);
	struct tui_ui *ui = tui_pane_ui(p);
	const void *k;
	size_t i;

	if (req == TUI_REQ_BACK)
		return TUI_HANDLED | TUI_CLOSE;
	if (req == TUI_REQ_HELP) {
		if (ui != NULL)
			tui_ui_help(ui);
		return TUI_HANDLED;
	}
	if (req != TUI_REQ_ENTER && req != REQ_RESEND)
		return TUI_IGNORED; /* moving: the table's */
	k = tui_table_selected_key(tui_table_pane_table(p));
	if (k == NULL || ui == NULL)
		return TUI_HANDLED;
	i = tui_array_key_index(k);
	if (req == TUI_REQ_ENTER) {
		show_message(ui, o, i);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* The list stays: the answer reads it again (on_retried). */
	o->query = 0;
	retry(p, o->db, cell(o, i, DB_OBL_COL_ID), strcmp(cell(o, i, DB_OBL_COL_STATE), "failed") == 0, &o->query);
	return TUI_HANDLED | TUI_REDRAW;
}

static void destroy(struct tui_pane *p)
{
	struct outbox *o = tui_pane_data(p);

	if (shown_list == o)
		shown_list = NULL;
	if (o->reload != 0)
		db_session_cancel(o->db, o->reload);
	PQclear(o->res);
	free(o->keep_id);
	free(o);
}

static const struct tui_pane_ops ops = {
	.kind = "outbox",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Outbox"),
	.on_request = on_request,
	.destroy = destroy,
};

static void set_title(struct outbox *o)
{
	int n = PQntuples(o->res), failed = 0;
	char *title;

	for (int i = 0; i < n; i++)
		failed += strcmp(PQgetvalue(o->res, i, DB_OBL_COL_STATE), "failed") == 0;
	title = n >= DB_OUTBOX_LIST_MAX ? xasprintf(_("Outbox: the first %d waiting, %d parked"), n, failed)
					: xasprintf(_("Outbox: %d waiting, %d parked"), n, failed);
	tui_pane_set_title(o->pane, title);
	free(title);
}

/* The rows read again: the cursor on the same message (by id, wherever it went),
 * else on the row that took its place. */
static void on_reloaded(const PGresult *res, const char *error, void *arg)
{
	struct outbox *o = arg;
	struct tui_table *t = tui_table_pane_table(o->pane);
	PGresult *copy;
	size_t at, n;

	o->reload = 0;
	if (error != NULL) {
		tui_pane_message(o->pane, true, error);
		return;
	}
	copy = PQcopyResult(res, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	if (copy == NULL) {
		tui_pane_message(o->pane, true, _("out of memory"));
		return;
	}
	PQclear(o->res);
	o->res = copy;
	n = (size_t)PQntuples(copy);
	at = o->keep_at < n ? o->keep_at : n > 0 ? n - 1 : 0;
	for (size_t i = 0; o->keep_id != NULL && i < n; i++)
		if (strcmp(cell(o, i, DB_OBL_COL_ID), o->keep_id) == 0)
			at = i;
	set_title(o);
	tui_table_reload(t);
	if (at > 0)
		(void)tui_table_down(t, (int)at);
	tui_pane_dirty(o->pane);
}

static void list_refresh(struct outbox *o)
{
	const void *k = tui_table_selected_key(tui_table_pane_table(o->pane));

	free(o->keep_id);
	o->keep_id = NULL;
	o->keep_at = 0;
	if (k != NULL) {
		o->keep_at = tui_array_key_index(k);
		if (o->keep_at < (size_t)PQntuples(o->res))
			o->keep_id = xstrdup(cell(o, o->keep_at, DB_OBL_COL_ID));
	}
	if (o->reload != 0)
		db_session_cancel(o->db, o->reload);
	o->reload = db_outbox_list(o->db, o->parked, on_reloaded, o);
}

static struct asked {
	struct tui_ui *ui;
	struct db_session *db;
	bool parked;
	unsigned query;
} asked;

static void on_list(const PGresult *res, const char *error, void *arg)
{
	struct asked *a = arg;
	struct tui_ui *ui = a->ui;
	struct outbox *o;
	int n;

	a->query = 0;
	if (error != NULL) {
		if (strcmp(db_sqlstate(res), "42501") == 0)
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("the outbox is for supervisors and admins"));
		else
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	n = PQntuples(res);
	if (n == 0) {
		tui_ui_message(ui, TUI_MSG_INFO, "%s", _("the outbox is empty: every message has gone"));
		return;
	}
	o = xcalloc(1, sizeof *o);
	o->db = a->db;
	o->res = PQcopyResult(res, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	if (o->res == NULL) {
		free(o);
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("out of memory"));
		return;
	}
	o->parked = a->parked;
	o->src.ops = &rows_ops;
	o->src.items = o;
	o->pane = tui_table_pane_new(tui_table_new(columns, OCOL_COUNT, &tui_array_source_ops, &o->src), &ops, o);
	set_title(o);
	tui_pane_set_flags(o->pane, TUI_PANE_MODAL_KEYS | TUI_PANE_BAR_KEYS);
	tui_pane_set_size(o->pane, n + 1, 0);
	shown_list = o;
	tui_ui_dialog(ui, o->pane);
}

void outbox_open(struct tui_ui *ui, struct db_session *db, const char *text)
{
	bool parked = text != NULL && *text != '\0';

	if (parked && strcmp(text, "parked") != 0) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("usage: :outbox [parked] (parked: only the messages given up on)"));
		return;
	}
	if (asked.query != 0)
		db_session_cancel(asked.db, asked.query);
	asked.ui = ui;
	asked.db = db;
	asked.parked = parked;
	asked.query = db_outbox_list(db, parked, on_list, &asked);
}
