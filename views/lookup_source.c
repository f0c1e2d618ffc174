#include "views/lookup_source.h"

#include <stddef.h>
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

/* A hit's kind and id say which it is. */
static const struct keyset_key_def key_def = {
	sizeof(struct lookup_key), 2, 7, {
		{ LOOKUP_COL_KIND, offsetof(struct lookup_key, kind) },
		{ LOOKUP_COL_ID, offsetof(struct lookup_key, id) },
		{ LOOKUP_COL_LABEL, offsetof(struct lookup_key, label) },
		{ LOOKUP_COL_ORDER_ID, offsetof(struct lookup_key, order_id) },
		{ LOOKUP_COL_ORDER_NUMBER, offsetof(struct lookup_key, order_number) },
		{ LOOKUP_COL_CUSTOMER_ID, offsetof(struct lookup_key, customer_id) },
		{ LOOKUP_COL_CUSTOMER_NAME, offsetof(struct lookup_key, customer_name) } },
};

static void mark(struct tui_row *r, size_t col, const char *text, const char *typed)
{
	struct match_span sp[8];
	size_t n = match_find(text, typed, sp, sizeof sp / sizeof sp[0]);

	for (size_t i = 0; i < n; i++)
		tui_row_add_mark(r, col, sp[i].start, sp[i].len);
}

static void fill(void *ctx, struct tui_row *r, const PGresult *res, int i)
{
	struct lookup_source *src = ctx;
	const struct lookup_key *k = tui_row_key(r);
	/* Groups: the kind stands out on a group's first row only. */
	bool first = i == 0 || strcmp(k->kind, PQgetvalue(res, i - 1, LOOKUP_COL_KIND)) != 0;

	tui_row_set(r, LOOKUP_VCOL_KIND, lookup_kind_label(k->kind));
	tui_row_set(r, LOOKUP_VCOL_FOUND, k->label);
	tui_row_set(r, LOOKUP_VCOL_DETAIL, PQgetvalue(res, i, LOOKUP_COL_DETAIL));
	tui_row_set_cell_role(r, LOOKUP_VCOL_KIND, first ? TUI_ATTR_TITLE : TUI_ATTR_MUTED);
	mark(r, LOOKUP_VCOL_FOUND, k->label, src->text);
	mark(r, LOOKUP_VCOL_DETAIL, tui_row_cell(r, LOOKUP_VCOL_DETAIL), src->text);
}

static unsigned page(void *ctx, struct db_session *db, const struct keyset_page *p,
		     db_result_fn cb, void *arg, const char **refusal)
{
	struct lookup_source *src = ctx;

	(void)p;
	(void)refusal;
	if (src->text[0] == '\0') {
		src->state = LOOKUP_EMPTY;
		return 0;
	}
	src->state = LOOKUP_WAITING;
	return db_lookup_find(db, src->text, DB_LOOKUP_LIMIT, cb, arg);
}

static void answered(void *ctx, const PGresult *res, const char *error)
{
	struct lookup_source *src = ctx;

	free(src->shown);
	src->shown = xstrdup(src->text);
	if (error != NULL) {
		free(src->error);
		src->error = xstrdup(error);
		src->state = LOOKUP_FAILED;
	} else {
		src->found = PQntuples(res);
		src->state = LOOKUP_DONE;
		/* A new search starts on its best hit, whatever line was selected before. */
		if (src->found > 0)
			(void)tui_table_home(src->ks.table);
	}
	if (src->answered != NULL)
		src->answered(src->arg);
}

static const struct keyset_list lookup_list = {
	.ncols = LOOKUP_VCOL_COUNT,
	.key = &key_def,
	.page = page,
	.fill = fill,
	.answered = answered,
	.one_page = true,
};

struct lookup_source *lookup_source_new(struct db_session *db)
{
	struct lookup_source *src = xcalloc(1, sizeof *src);

	keyset_source_init(&src->ks, db, &lookup_list, src);
	src->text = xstrdup("");
	return src;
}

void lookup_source_free(struct lookup_source *src)
{
	if (src == NULL)
		return;
	keyset_source_fini(&src->ks);
	free(src->text);
	free(src->shown);
	free(src->error);
	free(src);
}

void lookup_source_set_text(struct lookup_source *src, const char *text)
{
	keyset_source_stop(&src->ks);
	free(src->text);
	src->text = xstrdup(text != NULL ? text : "");
	src->state = src->text[0] == '\0' ? LOOKUP_EMPTY : LOOKUP_WAITING;
}
