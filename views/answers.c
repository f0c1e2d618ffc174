/* Answers to read out or send: every template in the customer's language, filled
 * with this order's data, numbered; s sends one by its number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/answers.h"
#include "tui/doc.h"
#include "views/views.h"

#define WRAP_CELLS 70

enum { REQ_SEND = TUI_REQ_VIEW + 40 };

static const struct tui_binding bindings[] = {
	{ REQ_SEND, "s F2", N_("Send"), N_("E-mail one of these answers to the customer"), CAP_ORDER_WRITE },
	{ TUI_REQ_BACK, "Esc", N_("Close"), N_("Close the answers"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Scroll up"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Scroll down"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Scroll up one page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn", N_("PgDn"), N_("Scroll down one page"), 0 },
};

struct answers {
	struct db_session *db;
	struct tui_pane *pane;
	char *number;
	char **ids; /* template ids, by the number shown (1-based) */
	size_t nids;
	unsigned query;
};

static void on_sent(const PGresult *res, const char *error, void *arg)
{
	struct answers *a = arg;

	a->query = 0;
	if (error != NULL)
		tui_pane_message(a->pane, true, error);
	else
		tui_ui_message(tui_pane_ui(a->pane), TUI_MSG_SUCCESS,
			       _("answer queued for %s (outbox %s)"), a->number, PQgetvalue(res, 0, 0));
}

static void on_number(void *arg, const char *text)
{
	struct answers *a = arg;
	char *end;
	long n;

	if (text == NULL || *text == '\0')
		return;
	n = strtol(text, &end, 10);
	if (*end != '\0' || n < 1 || (size_t)n > a->nids) {
		tui_pane_message(a->pane, true, _("type the number of one of the answers shown"));
		return;
	}
	a->query = db_answer_send(a->db, a->ids[n - 1], a->number, on_sent, a);
}

static void on_answers(const PGresult *res, const char *error, void *arg)
{
	struct answers *a = arg;
	struct tui_doc *d = tui_doc_pane_doc(a->pane);
	int n;

	a->query = 0;
	tui_doc_clear(d);
	if (error != NULL) {
		tui_doc_text(d, TUI_ATTR_ERROR, error);
		tui_pane_dirty(a->pane);
		return;
	}
	n = PQntuples(res);
	if (n == 0)
		tui_doc_text(d, TUI_ATTR_MUTED, _("no answer templates yet"));
	a->ids = xcalloc((size_t)n + 1, sizeof *a->ids);
	for (int i = 0; i < n; i++) {
		char **lines = NULL;
		size_t nl = tui_text_wrap(PQgetvalue(res, i, 3), WRAP_CELLS, &lines);
		char *head = xasprintf("%d. %s · %s", i + 1, PQgetvalue(res, i, 1), PQgetvalue(res, i, 2));

		a->ids[a->nids++] = xstrdup(PQgetvalue(res, i, 0));
		(void)tui_doc_heading(d, head);
		free(head);
		for (size_t j = 0; j < nl; j++) {
			tui_doc_text(d, TUI_ATTR_NORMAL, lines[j]);
			free(lines[j]);
		}
		free(lines);
	}
	tui_pane_dirty(a->pane);
}

static unsigned on_request(struct tui_pane *p, int req)
{
	struct answers *a = tui_pane_data(p);

	if (req == TUI_REQ_BACK)
		return TUI_HANDLED | TUI_CLOSE;
	if (req == REQ_SEND) {
		if (a->nids == 0)
			return TUI_HANDLED;
		tui_prompt(tui_pane_ui(p), _("Send answer number:"), "", NULL, on_number, a);
		return TUI_HANDLED;
	}
	return TUI_IGNORED;
}

static void destroy(struct tui_pane *p)
{
	struct answers *a = tui_pane_data(p);

	if (a->query != 0) {
		/* A send still under way is reported by the console once it ends. */
		char *what = xasprintf(_("The answer for %s"), a->number);

		db_session_detach(a->db, a->query, what);
		free(what);
	}
	for (size_t i = 0; i < a->nids; i++)
		free(a->ids[i]);
	free(a->ids);
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
	struct tui_doc *d = tui_doc_new();
	char *title;

	a->db = db;
	a->number = xstrdup(number);
	tui_doc_text(d, TUI_ATTR_MUTED, _("loading…"));
	a->pane = tui_doc_pane_new(d, &ops, a);
	title = xasprintf(_("Answers for %s"), number);
	tui_pane_set_title(a->pane, title);
	free(title);
	tui_pane_set_flags(a->pane, TUI_PANE_MODAL_KEYS);
	tui_ui_push(ui, a->pane);
	a->query = db_answers_for_order(db, number, on_answers, a);
}
