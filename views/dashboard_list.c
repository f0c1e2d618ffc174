/* The rows behind one of the dashboard's numbers (api.dashboard_list), over the
 * dashboard: a list paged by (at, id), titled with the number's name and
 * count; Enter opens the row's own screen (a refund opens its order).  It is
 * what the number was when it was picked: it does not follow changes (F5 loads
 * the rows again). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/xalloc.h"
#include "db/dashboard.h"
#include "views/dashboard_view.h"
#include "views/keyset_source.h"
#include "views/keytables.h"
#include "views/labels.h"
#include "views/registry.h"

enum { COL_AT, COL_LABEL, COL_STATE, COL_WHO, COL_DETAIL, NCOLS };

static const struct tui_column columns[NCOLS] = {
	[COL_AT] = { N_("When"), 16, 0, TUI_ALIGN_LEFT, 0 },
	[COL_LABEL] = { N_("Number"), 12, 0, TUI_ALIGN_LEFT, 0 },
	[COL_STATE] = { N_("Status"), 10, 0, TUI_ALIGN_LEFT, 0 },
	[COL_WHO] = { N_("Who"), 10, 1, TUI_ALIGN_LEFT, 0 },
	[COL_DETAIL] = { N_("What"), 12, 2, TUI_ALIGN_LEFT, 0 },
};

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected row's screen"), 0 },
};

const struct view_keytable dashboard_list_keytable = VIEW_KEYTABLE("dashboard list", bindings, true);

/* A row's place in the keyset, and what Enter opens. */
struct dash_key {
	struct keyset_key head;
	char *id, *at, *label, *open_kind, *open_id;
};

static const struct keyset_key_def key_def = {
	sizeof(struct dash_key), 1, 5, {
		{ DB_DASH_COL_ID, offsetof(struct dash_key, id) },
		{ DB_DASH_COL_AT, offsetof(struct dash_key, at) },
		{ DB_DASH_COL_LABEL, offsetof(struct dash_key, label) },
		{ DB_DASH_COL_OPEN_KIND, offsetof(struct dash_key, open_kind) },
		{ DB_DASH_COL_OPEN_ID, offsetof(struct dash_key, open_id) } },
};

struct dash_list {
	struct keyset_source ks; /* first: the table's source */
	struct db_session *db;
	char *metric, *key;
};

/* The status words people read, by the row's kind. */
static const char *state_words(const char *kind, const char *state)
{
	if (strcmp(kind, "ticket") == 0)
		return label_ticket_status(state);
	if (strcmp(kind, "order") == 0)
		return label_order_status(state);
	if (strcmp(kind, "shipment") == 0)
		return label_parcel_status(state);
	if (strcmp(kind, "return") == 0)
		return label_return_status(state);
	if (strcmp(kind, "refund") == 0)
		return label_refund_kind_short(state);
	return state;
}

static void fill(void *ctx, struct tui_row *r, const PGresult *res, int i)
{
	char when[LF_BUFSZ];

	(void)ctx;
	tui_row_set(r, COL_AT, lf_when(PQgetvalue(res, i, DB_DASH_COL_SHOWN), when, sizeof when));
	tui_row_set(r, COL_LABEL, PQgetvalue(res, i, DB_DASH_COL_LABEL));
	tui_row_set(r, COL_STATE,
		    state_words(PQgetvalue(res, i, DB_DASH_COL_KIND), PQgetvalue(res, i, DB_DASH_COL_STATE)));
	tui_row_set(r, COL_WHO, PQgetvalue(res, i, DB_DASH_COL_WHO));
	tui_row_set(r, COL_DETAIL, PQgetvalue(res, i, DB_DASH_COL_DETAIL));
}

static unsigned page(void *ctx, struct db_session *db, const struct keyset_page *p, db_result_fn cb,
		     void *arg, const char **refusal)
{
	struct dash_list *l = ctx;
	const struct dash_key *k = p->anchor;

	if (p->filter != NULL && p->filter[0] != '\0') {
		*refusal = _("this list has no filter");
		return 0;
	}
	return db_dashboard_list(db, l->metric, l->key, k != NULL ? k->at : NULL, k != NULL ? k->id : NULL,
				 p->backward, p->inclusive, p->limit, cb, arg);
}

static const struct keyset_list list = {
	.ncols = NCOLS,
	.key = &key_def,
	.page = page,
	.fill = fill,
};

static unsigned on_request(struct tui_pane *p, int req)
{
	struct dash_list *l = tui_pane_data(p);
	struct tui_ui *ui = tui_pane_ui(p);
	const struct dash_key *k;
	const struct view_screen *s;

	if (req != TUI_REQ_ENTER)
		return TUI_IGNORED;
	k = tui_table_selected_key(tui_table_pane_table(p));
	if (k == NULL || ui == NULL)
		return TUI_HANDLED;
	s = views_screen(k->open_kind);
	if (s == NULL || s->open == NULL) {
		tui_ui_message(ui, TUI_MSG_INFO, _("%s: this build has no screen for it"), k->label);
		return TUI_HANDLED | TUI_REDRAW;
	}
	/* The object's screen reads and writes through the console's own session. */
	tui_ui_push(ui, s->open(l->db, k->open_id, k->label));
	return TUI_HANDLED | TUI_REDRAW;
}

/* The rows are the number's, in its order: no find, filter or sort. */
static bool available(struct tui_pane *p, int req)
{
	(void)p;
	return req != TUI_REQ_FIND && req != TUI_REQ_FILTER && req != TUI_REQ_SORT && req != TUI_REQ_SORT_REVERSE;
}

/* The table has gone (tui_pane_set_base's order): the source may go. */
static void destroy(struct tui_pane *p)
{
	struct dash_list *l = tui_pane_data(p);

	keyset_source_fini(&l->ks);
	free(l->metric);
	free(l->key);
	free(l);
}

static const struct tui_pane_ops ops = {
	.kind = "dashboard list",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Dashboard list"),
	.on_request = on_request,
	.available = available,
	.destroy = destroy,
};

void dash_list_open(struct tui_ui *ui, struct db_session *db, const struct dash_pick *pick)
{
	struct dash_list *l = xcalloc(1, sizeof *l);
	struct tui_pane *p;
	char *title, n[LF_BUFSZ];

	l->db = db;
	l->metric = xstrdup(pick->metric);
	l->key = pick->key[0] != '\0' ? xstrdup(pick->key) : NULL;
	keyset_source_init(&l->ks, views_reads(db), &list, l);
	p = tui_table_pane_new(tui_table_new(columns, NCOLS, &keyset_source_ops, &l->ks), &ops, l);
	title = xasprintf(_("%s: %s"), pick->what, lf_count(pick->count, n, sizeof n));
	tui_pane_set_title(p, title);
	free(title);
	tui_ui_push(ui, p);
}
