#include "views/lookup_source.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/lookup.h"
#include "views/match.h"

const struct tui_column lookup_columns[LOOKUP_VCOL_COUNT] = {
	[LOOKUP_VCOL_KIND] = { N_("Kind"), 8, 0, TUI_ALIGN_LEFT, 0 },
	[LOOKUP_VCOL_FOUND] = { N_("Found"), 14, 1, TUI_ALIGN_LEFT, 0 },
	[LOOKUP_VCOL_DETAIL] = { N_("Detail"), 16, 2, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
};

const char *lookup_kind_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} kinds[] = {
		{ "customer", N_("customer") }, { "order", N_("order") },
		{ "shipment", N_("parcel") },   { "ticket", N_("ticket") },
		{ "return", N_("return") },
	};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return _(kinds[i].label);
	return kind;
}

static void free_key(void *k)
{
	struct lookup_key *key = k;

	if (key == NULL)
		return;
	free(key->kind);
	free(key->id);
	free(key->label);
	free(key->order_id);
	free(key->order_number);
	free(key->customer_id);
	free(key->customer_name);
	free(key);
}

static bool same_key(const void *a, const void *b)
{
	const struct lookup_key *x = a, *y = b;

	return strcmp(x->kind, y->kind) == 0 && strcmp(x->id, y->id) == 0;
}

static void mark(struct tui_row *r, size_t col, const char *text, const char *typed)
{
	struct match_span sp[8];
	size_t n = match_find(text, typed, sp, sizeof sp / sizeof sp[0]);

	for (size_t i = 0; i < n; i++)
		tui_row_add_mark(r, col, sp[i].start, sp[i].len);
}

static struct tui_row *make_row(const PGresult *res, int i, const char *typed, bool first)
{
	struct tui_row *r = tui_row_new(LOOKUP_VCOL_COUNT);
	struct lookup_key *k = xcalloc(1, sizeof *k);

	k->kind = xstrdup(PQgetvalue(res, i, LOOKUP_COL_KIND));
	k->id = xstrdup(PQgetvalue(res, i, LOOKUP_COL_ID));
	k->label = xstrdup(PQgetvalue(res, i, LOOKUP_COL_LABEL));
	k->order_id = xstrdup(PQgetvalue(res, i, LOOKUP_COL_ORDER_ID));
	k->order_number = xstrdup(PQgetvalue(res, i, LOOKUP_COL_ORDER_NUMBER));
	k->customer_id = xstrdup(PQgetvalue(res, i, LOOKUP_COL_CUSTOMER_ID));
	k->customer_name = xstrdup(PQgetvalue(res, i, LOOKUP_COL_CUSTOMER_NAME));
	tui_row_set_key(r, k);
	tui_row_set(r, LOOKUP_VCOL_KIND, lookup_kind_label(k->kind));
	tui_row_set(r, LOOKUP_VCOL_FOUND, k->label);
	tui_row_set(r, LOOKUP_VCOL_DETAIL, PQgetvalue(res, i, LOOKUP_COL_DETAIL));
	/* Groups: the kind stands out on a group's first row only. */
	tui_row_set_cell_role(r, LOOKUP_VCOL_KIND, first ? TUI_ATTR_TITLE : TUI_ATTR_MUTED);
	mark(r, LOOKUP_VCOL_FOUND, k->label, typed);
	mark(r, LOOKUP_VCOL_DETAIL, tui_row_cell(r, LOOKUP_VCOL_DETAIL), typed);
	return r;
}

static void on_rows(const PGresult *res, const char *error, void *arg)
{
	struct lookup_source *src = arg;
	struct tui_row **rows;
	int n;

	src->query = 0;
	free(src->shown);
	src->shown = xstrdup(src->text);
	if (error != NULL) {
		free(src->error);
		src->error = xstrdup(error);
		src->state = LOOKUP_FAILED;
		tui_table_fail(src->table, src->fetch_id, error);
	} else {
		n = PQntuples(res);
		rows = xcalloc((size_t)n + 1, sizeof *rows);
		for (int i = 0; i < n; i++)
			rows[i] = make_row(res, i, src->text,
					   i == 0 || strcmp(PQgetvalue(res, i, LOOKUP_COL_KIND),
							    PQgetvalue(res, i - 1, LOOKUP_COL_KIND)) != 0);
		src->found = n;
		src->state = LOOKUP_DONE;
		tui_table_deliver(src->table, src->fetch_id, rows, (size_t)n, true);
		free(rows);
		/* A new search starts on its best hit, whatever line was selected before. */
		if (n > 0)
			(void)tui_table_home(src->table);
	}
	if (src->answered != NULL)
		src->answered(src->arg);
}

static void stop(struct lookup_source *src)
{
	if (src->query != 0)
		db_session_cancel(src->db, src->query);
	src->query = 0;
}

static void fetch(void *s, struct tui_table *t, const struct tui_fetch *f)
{
	struct lookup_source *src = s;

	stop(src);
	src->table = t;
	src->fetch_id = f->id;
	/* Every hit comes in the first answer: there is never a page after it. */
	if (f->dir != TUI_FETCH_FIRST || src->text == NULL || src->text[0] == '\0') {
		if (src->text == NULL || src->text[0] == '\0')
			src->state = LOOKUP_EMPTY;
		tui_table_deliver(t, f->id, NULL, 0, true);
		return;
	}
	src->state = LOOKUP_WAITING;
	src->query = db_lookup_find(src->db, src->text, DB_LOOKUP_LIMIT, on_rows, src);
}

static void cancel(void *s, unsigned long id)
{
	struct lookup_source *src = s;

	if (src->fetch_id == id)
		stop(src);
}

const struct tui_source_ops lookup_source_ops = { fetch, cancel, same_key, free_key };

struct lookup_source *lookup_source_new(struct db_session *db)
{
	struct lookup_source *src = xcalloc(1, sizeof *src);

	src->db = db;
	src->text = xstrdup("");
	return src;
}

void lookup_source_free(struct lookup_source *src)
{
	if (src == NULL)
		return;
	stop(src);
	free(src->text);
	free(src->shown);
	free(src->error);
	free(src);
}

void lookup_source_set_text(struct lookup_source *src, const char *text)
{
	stop(src);
	free(src->text);
	src->text = xstrdup(text != NULL ? text : "");
	src->state = src->text[0] == '\0' ? LOOKUP_EMPTY : LOOKUP_WAITING;
}
