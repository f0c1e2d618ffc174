#include "views/returns_source.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "views/labels.h"
#include "views/returns_words.h"
#include "views/tickets_time.h"

/* At 80 columns with money the kind gives way (an exchange or a warranty claim
 * says so on its return); without money, or wider, every column is there. */
const struct tui_column returns_columns[RETURNS_VCOL_COUNT] = {
	[RETURNS_VCOL_NUMBER] = { NC_("column", "Return"), 7, 0, TUI_ALIGN_LEFT, 0 },
	[RETURNS_VCOL_AGE] = { N_("Age"), 5, 0, TUI_ALIGN_RIGHT, 0 },
	[RETURNS_VCOL_STATUS] = { N_("Status"), 9, 1, TUI_ALIGN_LEFT, 0 },
	[RETURNS_VCOL_KIND] = { N_("Kind"), 8, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
	[RETURNS_VCOL_ORDER] = { N_("Order"), 10, 0, TUI_ALIGN_LEFT, 0 },
	[RETURNS_VCOL_CUSTOMER] = { N_("Customer"), 8, 3, TUI_ALIGN_LEFT, 0 },
	[RETURNS_VCOL_WHAT] = { N_("What"), 12, 2, TUI_ALIGN_LEFT, 0 },
	[RETURNS_VCOL_REASON] = { N_("Reason"), 8, 2, TUI_ALIGN_LEFT, 0 },
	/* A sum is never cut: "213,680.00 HUF". */
	[RETURNS_VCOL_VALUE] = { N_("Value"), 14, 0, TUI_ALIGN_RIGHT, 0 },
};

const struct tui_column returns_no_value_column = { "", 1, 0, TUI_ALIGN_RIGHT, TUI_COL_OPTIONAL };

/* A row's place in the keyset: the id and requested_at as the database wrote
 * them, the number for opening it, and its order's. */
struct returns_key {
	struct keyset_key head;
	char *id, *key, *number, *order, *order_id;
};

static const struct keyset_key_def key_def = {
	sizeof(struct returns_key), 1, 5, {
		{ RETURNS_COL_ID, offsetof(struct returns_key, id) },
		{ RETURNS_COL_KEY, offsetof(struct returns_key, key) },
		{ RETURNS_COL_NUMBER, offsetof(struct returns_key, number) },
		{ RETURNS_COL_ORDER, offsetof(struct returns_key, order) },
		{ RETURNS_COL_ORDER_ID, offsetof(struct returns_key, order_id) } },
};

const char *returns_key_id(const void *key)
{
	return ((const struct returns_key *)key)->id;
}

const char *returns_key_number(const void *key)
{
	return ((const struct returns_key *)key)->number;
}

const char *returns_key_order(const void *key)
{
	return ((const struct returns_key *)key)->order;
}

const char *returns_key_order_id(const void *key)
{
	return ((const struct returns_key *)key)->order_id;
}

static void fill(void *ctx, struct tui_row *r, const PGresult *res, int i)
{
	char age[32], what[256], money[64];

	(void)ctx;
	tui_row_set(r, RETURNS_VCOL_NUMBER, PQgetvalue(res, i, RETURNS_COL_NUMBER));
	tickets_age(strtoll(PQgetvalue(res, i, RETURNS_COL_AGE_SECS), NULL, 10), age, sizeof age);
	tui_row_set(r, RETURNS_VCOL_AGE, age);
	tui_row_set(r, RETURNS_VCOL_STATUS, label_return_status(PQgetvalue(res, i, RETURNS_COL_STATUS)));
	tui_row_set(r, RETURNS_VCOL_KIND, label_return_kind(PQgetvalue(res, i, RETURNS_COL_KIND)));
	tui_row_set(r, RETURNS_VCOL_ORDER, PQgetvalue(res, i, RETURNS_COL_ORDER));
	tui_row_set(r, RETURNS_VCOL_CUSTOMER, PQgetvalue(res, i, RETURNS_COL_CUSTOMER));
	returns_what(strtoll(PQgetvalue(res, i, RETURNS_COL_LINES), NULL, 10),
		     strtoll(PQgetvalue(res, i, RETURNS_COL_ORDER_LINES), NULL, 10),
		     PQgetvalue(res, i, RETURNS_COL_LINE_NAME), what, sizeof what);
	tui_row_set(r, RETURNS_VCOL_WHAT, what);
	tui_row_set(r, RETURNS_VCOL_REASON, PQgetvalue(res, i, RETURNS_COL_REASON));
	/* NULL for the warehouse: the database keeps the money from it. */
	if (!PQgetisnull(res, i, RETURNS_COL_VALUE)) {
		label_money(PQgetvalue(res, i, RETURNS_COL_VALUE), PQgetvalue(res, i, RETURNS_COL_CURRENCY),
			    money, sizeof money);
		tui_row_set(r, RETURNS_VCOL_VALUE, money);
	}
}

/* "\" narrows a view to one kind, by its code or by what people call it. */
static const char *parse_filter(const char **kind, const char *f)
{
	static const char *const kinds[] = { "return", "exchange", "warranty" };

	*kind = NULL;
	if (f == NULL || *f == '\0')
		return NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(f, kinds[i]) == 0 || strcmp(f, label_return_kind(kinds[i])) == 0) {
			*kind = kinds[i];
			return NULL;
		}
	return _("filter by kind: return, exchange or warranty");
}

static unsigned page(void *ctx, struct db_session *db, const struct keyset_page *p,
		     db_result_fn cb, void *arg, const char **refusal)
{
	struct returns_source *src = ctx;
	const struct returns_key *k = p->anchor;
	struct returns_anchor a = { NULL, NULL, p->inclusive };
	const char *kind;

	*refusal = parse_filter(&kind, p->filter);
	if (*refusal != NULL)
		return 0;
	if (k != NULL) {
		a.key = k->key;
		a.id = k->id;
	}
	return db_returns_page(db, src->view, kind, k != NULL ? &a : NULL, p->backward, p->limit, cb,
			       arg);
}

/* db_returns_seek answers (id, key): a page row's first columns. */
static unsigned seek(void *ctx, struct db_session *db, const char *text, const struct keyset_page *p,
		     db_result_fn cb, void *arg)
{
	(void)ctx;
	(void)p;
	return db_returns_seek(db, text, cb, arg);
}

static const struct keyset_list returns_list = {
	.ncols = RETURNS_VCOL_COUNT,
	.key = &key_def,
	.page = page,
	.seek = seek,
	.not_found = N_("no return numbered %s"),
	.fill = fill,
};

struct returns_source *returns_source_new(struct db_session *db)
{
	struct returns_source *src = xcalloc(1, sizeof *src);

	keyset_source_init(&src->ks, db, &returns_list, src);
	src->view = RETURNS_OPEN;
	return src;
}

void returns_source_free(struct returns_source *src)
{
	if (src == NULL)
		return;
	keyset_source_fini(&src->ks);
	free(src);
}

void returns_source_set_view(struct returns_source *src, enum returns_view v)
{
	src->view = v;
}
