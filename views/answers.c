/* Answers to read out or send: the templates in the customer's language that this
 * order gives every value, filled with its data and numbered (e or F2 e-mails one
 * by its number, after asking once; not s: s sorts every list); below them the
 * others, each with the reason it does not fit. */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/answers.h"
#include "db/sentence.h"
#include "tui/doc.h"
#include "views/detail.h"
#include "views/keytables.h"
#include "views/labels.h"
#include "views/views.h"

#define WRAP_CELLS 70

enum { REQ_SEND = TUI_REQ_VIEW + 40 };

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* The n-th answer that fits the order (n from 1), or NULL: only those are numbered. */
static json_t *fitting(json_t *list, long n)
{
	json_t *t;
	size_t i;

	json_array_foreach(list, i, t) {
		if (json_is_string(json_object_get(t, "body")) && --n == 0)
			return t;
	}
	return NULL;
}

static void wrapped(struct tui_doc *d, enum tui_role role, const char *text)
{
	char **lines = NULL;
	size_t nl = tui_text_wrap(text, WRAP_CELLS, &lines);

	for (size_t j = 0; j < nl; j++) {
		tui_doc_text(d, role, lines[j]);
		free(lines[j]);
	}
	free(lines);
}

static const struct tui_binding bindings[] = {
	{ REQ_SEND, "e F2", N_("Send"), N_("E-mail one of these answers to the customer"), CAP_ORDER_WRITE },
	/* F10 as in every dialog: this screen takes only its own keys. */
	{ TUI_REQ_BACK, "Esc F10", N_("Back"), N_("Close the answers"), 0 },
	{ TUI_REQ_HELP, "F1", N_("Help"), N_("Show these keys"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Scroll up"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Scroll down"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Scroll up one page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn", N_("PgDn"), N_("Scroll down one page"), 0 },
};

const struct view_keytable answers_keytable = VIEW_KEYTABLE("answers", bindings, false);

struct answers {
	struct db_session *db;
	struct tui_pane *pane;
	struct detail *detail;
	char *number;
	unsigned send; /* the answer being sent, or 0 */
	long asked;    /* the answer the question is about */
};

static void on_sent(const PGresult *res, const char *error, void *arg)
{
	struct answers *a = arg;

	detail_untrack(a->detail, a->send);
	a->send = 0;
	if (error != NULL)
		tui_pane_message(a->pane, true, error);
	else
		tui_ui_message(tui_pane_ui(a->pane), TUI_MSG_SUCCESS,
			       _("answer queued for %s (outbox %s)"), a->number, PQgetvalue(res, 0, 0));
}

/* Sends the answer asked about, once the agent said yes. */
static void on_send_answer(void *arg, bool yes)
{
	struct answers *a = arg;
	json_t *t = fitting(detail_doc(a->detail), a->asked);
	char *what;

	if (!yes || t == NULL || a->send != 0)
		return;
	a->send = db_answer_send(a->db, str(t, "template_id"), a->number, on_sent, a);
	/* A send still under way when the screen closes is reported by the console. */
	what = xasprintf(_("The answer for %s"), a->number);
	detail_track(a->detail, a->send, what);
	free(what);
}

static void on_number(void *arg, const char *text)
{
	struct answers *a = arg;
	json_t *list = detail_doc(a->detail);
	char *end, *q;
	long n;

	if (text == NULL || *text == '\0')
		return;
	n = strtol(text, &end, 10);
	if (*end != '\0' || n < 1 || fitting(list, n) == NULL) {
		tui_pane_message(a->pane, true, _("type the number of one of the answers shown"));
		return;
	}
	/* An e-mail cannot be taken back: say which one goes, and ask once. */
	a->asked = n;
	q = xasprintf(_("E-mail answer %ld (%s) about %s to the customer.\nA sent e-mail cannot be taken back."),
		      n, str(fitting(list, n), "title"), a->number);
	(void)tui_confirm_action(tui_pane_ui(a->pane), q, _("Send the e-mail"), _("Back"), false,
				 on_send_answer, a);
	free(q);
}

static void show(void *view, struct tui_doc *d, json_t *list)
{
	json_t *t;
	size_t i, n = 0;
	bool others = false;

	(void)view;
	json_array_foreach(list, i, t) {
		char *head;

		if (!json_is_string(json_object_get(t, "body")))
			continue;
		head = xasprintf("%zu. %s · %s", ++n, label_ticket_category(str(t, "category")), str(t, "title"));
		(void)tui_doc_heading(d, head);
		free(head);
		wrapped(d, TUI_ATTR_NORMAL, str(t, "body"));
	}
	if (n == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, json_array_size(list) == 0 ? _("no answer templates yet")
									       : _("no answer fits this order"));
	/* What does not fit, and why: an agent looking for it learns the reason. */
	json_array_foreach(list, i, t) {
		char *line, *why;

		if (json_is_string(json_object_get(t, "body")))
			continue;
		if (!others) {
			(void)tui_doc_heading(d, _("Not for this order"));
			others = true;
		}
		why = db_sentence(str(t, "why_not"));
		line = xasprintf(_("%s (%s): %s"), str(t, "title"), label_ticket_category(str(t, "category")), why);
		wrapped(d, TUI_ATTR_MUTED, line);
		free(line);
		free(why);
	}
}

static const struct detail_ops detail_ops = {
	.what = N_("the answers"), .screen = NULL, .load = db_answers_for_order, .show = show,
};

static unsigned on_request(struct tui_pane *p, int req)
{
	struct answers *a = detail_view(p);

	if (req == TUI_REQ_BACK)
		return TUI_HANDLED | TUI_CLOSE;
	if (req == TUI_REQ_HELP) {
		tui_ui_help(tui_pane_ui(p));
		return TUI_HANDLED;
	}
	if (req == REQ_SEND) {
		if (fitting(detail_doc(a->detail), 1) == NULL) {
			tui_pane_message(p, true, _("no answer fits this order; none can be sent"));
			return TUI_HANDLED;
		}
		if (a->send != 0) {
			tui_pane_message(p, false, _("still sending the last answer; a moment"));
			return TUI_HANDLED;
		}
		tui_prompt(tui_pane_ui(p), _("Send answer number:"), "", NULL, on_number, a);
		return TUI_HANDLED;
	}
	return TUI_IGNORED;
}

static void destroy(struct tui_pane *p)
{
	struct answers *a = detail_view(p);

	detail_free(a->detail);
	free(a->number);
	free(a);
}

static const struct tui_pane_ops ops = {
	.kind = "answers",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Answers"),
	.on_request = on_request,
	.destroy = destroy,
};

void answers_open(struct tui_ui *ui, struct db_session *db, const char *number)
{
	struct answers *a = xcalloc(1, sizeof *a);
	char *title;

	a->db = db;
	a->number = xstrdup(number);
	a->detail = detail_new(db, &detail_ops, number, &ops, a);
	a->pane = detail_pane(a->detail);
	title = xasprintf(_("Answers for %s"), number);
	tui_pane_set_title(a->pane, title);
	free(title);
	tui_pane_set_flags(a->pane, TUI_PANE_MODAL_KEYS);
	tui_ui_push(ui, a->pane);
	detail_reload(a->detail);
}
