/* Satisfaction by agent (`:csat [DAYS]`): each agent's survey answers of the last
 * 30 days (or DAYS), best first, in a dialog.  Agents see everyone's, as the shop's
 * supervisors want them to; api.csat_by_agent decides who may read it. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/csat.h"
#include "tui/array_source.h"
#include "views/keytables.h"
#include "views/views.h"

enum { CCOL_AGENT, CCOL_AVERAGE, CCOL_RATED, CCOL_SATISFIED, CCOL_COUNT };

static const struct tui_column columns[CCOL_COUNT] = {
	[CCOL_AGENT] = { N_("Agent"), 20, 1, TUI_ALIGN_LEFT, 0 },
	[CCOL_AVERAGE] = { N_("Score"), 6, 0, TUI_ALIGN_RIGHT, 0 },
	[CCOL_RATED] = { N_("Answers"), 8, 0, TUI_ALIGN_RIGHT, 0 },
	[CCOL_SATISFIED] = { NC_("column", "4 or 5"), 7, 0, TUI_ALIGN_RIGHT, 0 },
};

static const struct tui_binding bindings[] = {
	{ TUI_REQ_BACK, "Esc q", N_("Back"), N_("Close the scores"), 0 },
	{ TUI_REQ_HELP, "F1", N_("Help"), N_("Show these keys"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Move up one line"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Move down one line"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Move up one page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn", N_("PgDn"), N_("Move down one page"), 0 },
	{ TUI_REQ_HOME, "Home", N_("First"), N_("Go to the first agent"), 0 },
	{ TUI_REQ_END, "End G", N_("Last"), N_("Go to the last agent"), 0 },
};

const struct view_keytable csat_agents_keytable = VIEW_OVERLAY_KEYTABLE("satisfaction", bindings, true);

struct scores {
	PGresult *res;
	struct tui_array_source src;
};

static size_t count(void *items)
{
	return (size_t)PQntuples(items);
}

static struct tui_row *make_row(void *items, size_t i)
{
	struct tui_row *r = tui_row_new(CCOL_COUNT);
	char pct[16];

	tui_row_set(r, CCOL_AGENT, PQgetvalue(items, (int)i, DB_CSAT_COL_NAME));
	tui_row_set(r, CCOL_AVERAGE, PQgetvalue(items, (int)i, DB_CSAT_COL_AVERAGE));
	tui_row_set(r, CCOL_RATED, PQgetvalue(items, (int)i, DB_CSAT_COL_RATED));
	(void)snprintf(pct, sizeof pct, "%s%%", PQgetvalue(items, (int)i, DB_CSAT_COL_SATISFIED));
	tui_row_set(r, CCOL_SATISFIED, pct);
	return r;
}

static bool matches(void *items, size_t i, const char *text)
{
	return strstr(PQgetvalue(items, (int)i, DB_CSAT_COL_NAME), text) != NULL;
}

static const struct tui_array_ops rows_ops = { count, make_row, matches };

static unsigned on_request(struct tui_pane *p, int req)
{
	struct tui_ui *ui = tui_pane_ui(p);

	if (req == TUI_REQ_BACK || req == TUI_REQ_ENTER)
		return TUI_HANDLED | TUI_CLOSE;
	if (req == TUI_REQ_HELP) {
		if (ui != NULL)
			tui_ui_help(ui);
		return TUI_HANDLED;
	}
	return TUI_IGNORED; /* moving: the table's */
}

static void destroy(struct tui_pane *p)
{
	struct scores *sc = tui_pane_data(p);

	PQclear(sc->res);
	free(sc);
}

static const struct tui_pane_ops ops = {
	.kind = "csat-agents",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Satisfaction"),
	.on_request = on_request,
	.destroy = destroy,
};

static void on_scores(const PGresult *res, const char *error, void *arg)
{
	struct tui_ui *ui = arg;
	struct scores *sc;
	struct tui_pane *p;
	int n;

	if (error != NULL) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	n = PQntuples(res);
	if (n == 0) {
		tui_ui_message(ui, TUI_MSG_INFO, "%s",
			       _("no satisfaction survey was answered in the last 30 days"));
		return;
	}
	sc = xcalloc(1, sizeof *sc);
	/* The dialog outlives this callback: a copy of the rows of its own. */
	sc->res = PQcopyResult(res, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	if (sc->res == NULL) {
		free(sc);
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("out of memory"));
		return;
	}
	sc->src.ops = &rows_ops;
	sc->src.items = sc->res;
	p = tui_table_pane_new(tui_table_new(columns, CCOL_COUNT, &tui_array_source_ops, &sc->src), &ops, sc);
	tui_pane_set_title(p, _("Satisfaction by agent"));
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS | TUI_PANE_BAR_KEYS);
	tui_pane_set_size(p, (n < 3 ? 3 : n) + 1, 50);
	tui_ui_dialog(ui, p);
}

void csat_agents_open(struct tui_ui *ui, struct db_session *db, const char *text)
{
	long days = 30;
	char *end = NULL;

	if (text != NULL && text[strspn(text, " ")] != '\0') {
		days = strtol(text, &end, 10);
		if (end == text || end[strspn(end, " ")] != '\0' || days < 1 || days > 3660) {
			tui_ui_message(ui, TUI_MSG_ERROR, "%s",
				       _("usage: :csat [DAYS] (a number of days from 1 to 3660; 30 without one)"));
			return;
		}
	}
	(void)db_csat_by_agent(db, (int)days, on_scores, ui);
}
