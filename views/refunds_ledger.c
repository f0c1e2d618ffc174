/* The refunds of a day (`:refunds [DAY]`): who gave what back, and why, with the
 * day's totals per currency under the list; Enter opens the order.  For the
 * supervisor's "refunds today" and the agent's "who refunded this?".  A dialog
 * over the current screen, like `:csat`; api.refunds_of_day decides who may read
 * it (not the warehouse). */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/xalloc.h"
#include "db/connect.h"
#include "db/refunds_ledger.h"
#include "db/sentence.h"
#include "tui/array_source.h"
#include "views/keytables.h"
#include "views/labels.h"
#include "views/refunds_day.h"
#include "views/registry.h"
#include "views/row_match.h"
#include "views/views.h"

/* At 80 columns who and why share what is left (who more: a name and a login),
 * trimmed, never wrapped; the return number goes first when it is narrower. */
enum { RCOL_TIME, RCOL_ORDER, RCOL_KIND, RCOL_AMOUNT, RCOL_REASON, RCOL_RETURN, RCOL_BY, RCOL_COUNT };

static const struct tui_column columns[RCOL_COUNT] = {
	[RCOL_TIME] = { N_("Time"), 5, 0, TUI_ALIGN_LEFT, 0 },
	[RCOL_ORDER] = { N_("Order"), 10, 0, TUI_ALIGN_LEFT, 0 },
	[RCOL_KIND] = { N_("Kind"), 8, 0, TUI_ALIGN_LEFT, 0 },
	[RCOL_AMOUNT] = { N_("Amount"), 14, 0, TUI_ALIGN_RIGHT, 0 },
	[RCOL_REASON] = { N_("Reason"), 8, 2, TUI_ALIGN_LEFT, 0 },
	[RCOL_RETURN] = { NC_("column", "Return"), 7, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
	[RCOL_BY] = { N_("By"), 12, 3, TUI_ALIGN_LEFT, 0 },
};

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the order of the selected refund"), 0 },
	{ TUI_REQ_BACK, "Esc q", N_("Back"), N_("Close the refunds"), 0 },
	{ TUI_REQ_HELP, "F1", N_("Help"), N_("Show these keys"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Move up one line"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Move down one line"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Move up one page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn", N_("PgDn"), N_("Move down one page"), 0 },
	{ TUI_REQ_HOME, "Home", N_("First"), N_("Go to the first refund"), 0 },
	{ TUI_REQ_END, "End G", N_("Last"), N_("Go to the totals"), 0 },
};

const struct view_keytable refunds_ledger_keytable = VIEW_OVERLAY_KEYTABLE("refunds", bindings, true);

/* Currencies a day can have: the shop sells in a handful. */
#define MAX_TOTALS 16

struct ledger {
	struct db_session *db;
	PGresult *res;
	struct refunds_total totals[MAX_TOTALS];
	size_t ntotals;
	struct tui_array_source src;
};

/* The refunds, then one line per currency. */
static size_t count(void *items)
{
	struct ledger *lg = items;

	return (size_t)PQntuples(lg->res) + lg->ntotals;
}

static char *who(const PGresult *res, int i)
{
	const char *name = PQgetvalue(res, i, DB_RDAY_COL_NAME), *login = PQgetvalue(res, i, DB_RDAY_COL_LOGIN);

	return strcmp(name, login) == 0 ? xstrdup(login) : xasprintf("%s (%s)", name, login);
}

static struct tui_row *make_row(void *items, size_t i)
{
	struct ledger *lg = items;
	struct tui_row *r = tui_row_new(RCOL_COUNT);
	size_t n = (size_t)PQntuples(lg->res);
	char money[64];

	if (i >= n) {
		const struct refunds_total *t = &lg->totals[i - n];
		char sum[40], *what;

		refunds_total_text(t, sum, sizeof sum);
		label_money(sum, t->currency, money, sizeof money);
		what = xasprintf(ngettext("%zu refund", "%zu refunds", t->count), t->count);
		tui_row_set(r, RCOL_KIND, _("Total"));
		tui_row_set(r, RCOL_AMOUNT, money);
		tui_row_take(r, RCOL_REASON, what);
		tui_row_set_role(r, TUI_ATTR_TITLE);
		return r;
	}
	tui_row_set(r, RCOL_TIME, PQgetvalue(lg->res, (int)i, DB_RDAY_COL_TIME));
	tui_row_set(r, RCOL_ORDER, PQgetvalue(lg->res, (int)i, DB_RDAY_COL_ORDER));
	tui_row_set(r, RCOL_KIND, label_refund_kind_short(PQgetvalue(lg->res, (int)i, DB_RDAY_COL_KIND)));
	label_money(PQgetvalue(lg->res, (int)i, DB_RDAY_COL_AMOUNT), PQgetvalue(lg->res, (int)i, DB_RDAY_COL_CURRENCY),
		    money, sizeof money);
	tui_row_set(r, RCOL_AMOUNT, money);
	tui_row_take(r, RCOL_REASON, db_sentence_of_return(PQgetvalue(lg->res, (int)i, DB_RDAY_COL_REASON)));
	tui_row_set(r, RCOL_RETURN, PQgetvalue(lg->res, (int)i, DB_RDAY_COL_RETURN));
	tui_row_take(r, RCOL_BY, who(lg->res, (int)i));
	return r;
}

static bool matches(void *items, size_t i, const char *text)
{
	struct ledger *lg = items;

	/* The refunds as the screen writes them (their reasons translated, their
	 * amounts in the locale's marks); the totals are no refunds. */
	if (i >= (size_t)PQntuples(lg->res))
		return false;
	return views_row_shows(make_row, items, i, RCOL_COUNT, text);
}

static const struct tui_array_ops rows_ops = { count, make_row, matches };

static unsigned on_request(struct tui_pane *p, int req)
{
	struct ledger *lg = tui_pane_data(p);
	struct tui_ui *ui = tui_pane_ui(p);
	const void *k;
	const struct view_screen *order;
	size_t i;

	if (req == TUI_REQ_BACK)
		return TUI_HANDLED | TUI_CLOSE;
	if (req == TUI_REQ_HELP) {
		if (ui != NULL)
			tui_ui_help(ui);
		return TUI_HANDLED;
	}
	if (req != TUI_REQ_ENTER)
		return TUI_IGNORED; /* moving: the table's */
	k = tui_table_selected_key(tui_table_pane_table(p));
	if (k == NULL || ui == NULL)
		return TUI_HANDLED;
	i = tui_array_key_index(k);
	if (i >= (size_t)PQntuples(lg->res)) {
		tui_pane_message(p, false, _("a total: Enter on a refund opens its order"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	order = views_screen("order");
	if (order == NULL || order->open == NULL || *PQgetvalue(lg->res, (int)i, DB_RDAY_COL_ORDER_ID) == '\0') {
		tui_pane_message(p, true, _("that order cannot be opened here"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	tui_ui_push(ui, order->open(lg->db, PQgetvalue(lg->res, (int)i, DB_RDAY_COL_ORDER_ID),
				    PQgetvalue(lg->res, (int)i, DB_RDAY_COL_ORDER)));
	return TUI_HANDLED | TUI_CLOSE;
}

static void destroy(struct tui_pane *p)
{
	struct ledger *lg = tui_pane_data(p);

	PQclear(lg->res);
	free(lg);
}

static const struct tui_pane_ops ops = {
	.kind = "refunds",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Refunds"),
	.on_request = on_request,
	.destroy = destroy,
};

/* What was asked, for the title and the "none" message.  One at a time: a new
 * :refunds drops the one still loading, so nothing is allocated per query (the
 * session drops a queued answer when it is freed, callback unrun). */
static struct asked {
	struct tui_ui *ui;
	struct db_session *db;
	struct refunds_day day;
	unsigned query;
} asked;

static char *day_words(const struct asked *a, const PGresult *res)
{
	char day[LF_BUFSZ];

	if (PQntuples(res) > 0)
		return xstrdup(lf_when(PQgetvalue(res, 0, DB_RDAY_COL_DAY), day, sizeof day));
	if (a->day.days_back == 0)
		return xstrdup(_("today"));
	if (a->day.days_back == 1)
		return xstrdup(_("yesterday"));
	return xstrdup(lf_when(a->day.date, day, sizeof day));
}

static void on_refunds(const PGresult *res, const char *error, void *arg)
{
	struct asked *a = arg;
	struct tui_ui *ui = a->ui;
	struct ledger *lg;
	struct tui_pane *p;
	char *day, *title;
	int n;

	a->query = 0;
	if (error != NULL) {
		/* BD001 from the api; 42501 for a login that may not even call it. */
		if (strcmp(db_sqlstate(res), "BD001") == 0 || strcmp(db_sqlstate(res), "42501") == 0)
			tui_ui_message(ui, TUI_MSG_ERROR, "%s",
				       _("the refunds ledger is not for your role: it is for agents, supervisors and admins"));
		else
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	n = PQntuples(res);
	day = day_words(a, res);
	if (n == 0) {
		tui_ui_message(ui, TUI_MSG_INFO, _("no refunds on %s"), day);
		free(day);
		return;
	}
	lg = xcalloc(1, sizeof *lg);
	lg->db = a->db;
	/* The dialog outlives this callback: a copy of the rows of its own. */
	lg->res = PQcopyResult(res, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	if (lg->res == NULL) {
		free(lg);
		free(day);
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("out of memory"));
		return;
	}
	for (int i = 0; i < n; i++)
		if (refunds_total_add(lg->totals, &lg->ntotals, MAX_TOTALS,
				      PQgetvalue(res, i, DB_RDAY_COL_CURRENCY),
				      PQgetvalue(res, i, DB_RDAY_COL_AMOUNT)) < 0) {
			/* A total that leaves something out would lie. */
			tui_ui_message(ui, TUI_MSG_ERROR, _("the refunds of %s cannot be added up (%s %s)"), day,
				       PQgetvalue(res, i, DB_RDAY_COL_AMOUNT), PQgetvalue(res, i, DB_RDAY_COL_CURRENCY));
			PQclear(lg->res);
			free(lg);
			free(day);
				return;
		}
	lg->src.ops = &rows_ops;
	lg->src.items = lg;
	p = tui_table_pane_new(tui_table_new(columns, RCOL_COUNT, &tui_array_source_ops, &lg->src), &ops, lg);
	title = xasprintf(_("Refunds of %s"), day);
	tui_pane_set_title(p, title);
	free(title);
	free(day);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS | TUI_PANE_BAR_KEYS);
	/* As wide and as tall as the screen lets it: the reason and who need room. */
	tui_pane_set_size(p, n + (int)lg->ntotals + 1, 0);
	tui_ui_dialog(ui, p);
}

void refunds_ledger_open(struct tui_ui *ui, struct db_session *db, const char *text)
{
	struct refunds_day day;

	if (refunds_day_parse(text, &day) < 0) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s",
			       _("usage: :refunds [DAY] (a date as 2026-11-27, today or yesterday; today without one)"));
		return;
	}
	if (asked.query != 0)
		db_session_cancel(asked.db, asked.query);
	asked.ui = ui;
	asked.db = db;
	asked.day = day;
	asked.query = db_refunds_of_day(db, day.days_back, day.date, on_refunds, &asked);
}
