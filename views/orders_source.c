#include "views/orders_source.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/orders.h"
#include "views/labels.h"
#include "views/views.h"

const struct tui_column orders_columns[ORDERS_VCOL_COUNT] = {
	[ORDERS_VCOL_NUMBER] = { N_("Order"), 10, 1, TUI_ALIGN_LEFT, 0 },
	[ORDERS_VCOL_PLACED] = { N_("Placed"), 16, 0, TUI_ALIGN_LEFT, TUI_COL_SORTABLE },
	[ORDERS_VCOL_CUSTOMER] = { N_("Customer"), 12, 3, TUI_ALIGN_LEFT, 0 },
	[ORDERS_VCOL_STATUS] = { N_("Status"), 9, 0, TUI_ALIGN_LEFT, 0 },
	[ORDERS_VCOL_TOTAL] = { N_("Total"), 14, 0, TUI_ALIGN_RIGHT, 0 },
	[ORDERS_VCOL_SHIP_BY] = { N_("Ship by"), 10, 0, TUI_ALIGN_LEFT,
				  TUI_COL_SORTABLE | TUI_COL_OPTIONAL },
	[ORDERS_VCOL_PARCEL] = { N_("Parcel"), 10, 1, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
};

/* A row's place in the keyset: the sort value and the id, as the database wrote them. */
struct orders_key {
	char *key;
	char *id;
	char *number;
};

struct orders_source {
	struct db_session *db;
	/* The one fetch in flight (the table never has two). */
	struct tui_table *table;
	unsigned long fetch_id;
	unsigned query;
	size_t count;
	enum tui_fetch_dir dir;
	enum orders_sort sort;
	struct orders_filter filter;
	char *seek;
};

static void free_key(void *k)
{
	struct orders_key *key = k;

	if (key == NULL)
		return;
	free(key->key);
	free(key->id);
	free(key->number);
	free(key);
}

static bool same_key(const void *a, const void *b)
{
	const struct orders_key *x = a, *y = b;

	return strcmp(x->id, y->id) == 0;
}

const char *orders_key_id(const void *key)
{
	return ((const struct orders_key *)key)->id;
}

const char *orders_key_number(const void *key)
{
	return ((const struct orders_key *)key)->number;
}

static struct tui_row *make_row(const PGresult *res, int i)
{
	struct tui_row *r = tui_row_new(ORDERS_VCOL_COUNT);
	struct orders_key *k = xcalloc(1, sizeof *k);
	char money[64];
	bool late = strcmp(PQgetvalue(res, i, ORDERS_COL_LATE), "t") == 0;
	const char *parcel = PQgetvalue(res, i, ORDERS_COL_PARCEL);

	k->key = xstrdup(PQgetvalue(res, i, ORDERS_COL_KEY));
	k->id = xstrdup(PQgetvalue(res, i, ORDERS_COL_ID));
	k->number = xstrdup(PQgetvalue(res, i, ORDERS_COL_NUMBER));
	tui_row_set_key(r, k);
	tui_row_set(r, ORDERS_VCOL_NUMBER, k->number);
	tui_row_set(r, ORDERS_VCOL_PLACED, PQgetvalue(res, i, ORDERS_COL_PLACED));
	tui_row_set(r, ORDERS_VCOL_CUSTOMER, PQgetvalue(res, i, ORDERS_COL_CUSTOMER));
	tui_row_set(r, ORDERS_VCOL_STATUS, late ? _("LATE") : label_order_status(PQgetvalue(res, i, ORDERS_COL_STATUS)));
	label_money(PQgetvalue(res, i, ORDERS_COL_TOTAL), PQgetvalue(res, i, ORDERS_COL_CURRENCY), money,
		    sizeof money);
	tui_row_set(r, ORDERS_VCOL_TOTAL, money);
	tui_row_set(r, ORDERS_VCOL_SHIP_BY, PQgetvalue(res, i, ORDERS_COL_SHIP_BY));
	tui_row_set(r, ORDERS_VCOL_PARCEL, *parcel != '\0' ? label_parcel_status(parcel) : "");
	if (late) {
		tui_row_set_cell_role(r, ORDERS_VCOL_STATUS, TUI_ATTR_LATE);
		tui_row_set_cell_role(r, ORDERS_VCOL_SHIP_BY, TUI_ATTR_LATE);
	}
	if (strcmp(parcel, "EXCEPTION") == 0 || strcmp(parcel, "DELIVERY_ATTEMPTED") == 0)
		tui_row_set_cell_role(r, ORDERS_VCOL_PARCEL, TUI_ATTR_WARNING);
	return r;
}

static void on_page(const PGresult *res, const char *error, void *arg)
{
	struct orders_source *src = arg;
	struct tui_row **rows;
	int n;

	src->query = 0;
	if (error != NULL) {
		tui_table_fail(src->table, src->fetch_id, views_error(res, error));
		return;
	}
	n = PQntuples(res);
	rows = xcalloc((size_t)n + 1, sizeof *rows);
	for (int i = 0; i < n; i++)
		rows[i] = make_row(res, i);
	tui_table_deliver(src->table, src->fetch_id, rows, (size_t)n, (size_t)n < src->count);
	free(rows);
}

static void page(struct orders_source *src, const struct orders_anchor *a, bool backward)
{
	src->query = db_orders_page(src->db, src->sort, &src->filter, a, backward, (int)src->count,
				    on_page, src);
}

static void on_seek(const PGresult *res, const char *error, void *arg)
{
	struct orders_source *src = arg;
	struct orders_anchor a;
	char *msg;

	src->query = 0;
	if (error != NULL) {
		tui_table_fail(src->table, src->fetch_id, views_error(res, error));
		return;
	}
	if (PQntuples(res) == 0) {
		msg = xasprintf(_("no order numbered %s"), src->seek);
		tui_table_fail(src->table, src->fetch_id, msg);
		free(msg);
		return;
	}
	a.id = PQgetvalue(res, 0, 0);
	a.key = PQgetvalue(res, 0, 1);
	a.inclusive = true;
	page(src, &a, false);
}

/* "\" filters by what people call things: a status, or "late". */
static const char *parse_filter(struct orders_source *src, const char *f)
{
	static const char *const statuses[] = { "pending", "paid", "packed", "shipped", "delivered",
						"cancelled" };

	src->filter.status = NULL;
	src->filter.late_only = false;
	if (f == NULL || *f == '\0')
		return NULL;
	if (strcmp(f, "late") == 0 || strcmp(f, _("late")) == 0) {
		src->filter.late_only = true;
		return NULL;
	}
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (strcmp(f, statuses[i]) == 0 || strcmp(f, label_order_status(statuses[i])) == 0) {
			src->filter.status = statuses[i];
			return NULL;
		}
	return _("filter by late, pending, paid, packed, shipped, delivered or cancelled");
}

static enum orders_sort pick_sort(int col, bool desc)
{
	if (col == ORDERS_VCOL_SHIP_BY)
		return desc ? ORDERS_SHIP_BY_LAST : ORDERS_SHIP_BY;
	if (col == ORDERS_VCOL_PLACED)
		return desc ? ORDERS_NEWEST : ORDERS_OLDEST;
	return ORDERS_NEWEST;
}

static void fetch(void *s, struct tui_table *t, const struct tui_fetch *f)
{
	struct orders_source *src = s;
	const struct orders_key *k = f->anchor;
	struct orders_anchor a;
	const char *bad;

	if (src->query != 0)
		db_session_cancel(src->db, src->query);
	src->query = 0;
	src->table = t;
	src->fetch_id = f->id;
	src->count = f->count;
	src->dir = f->dir;
	src->sort = pick_sort(f->sort_col, f->sort_desc);
	bad = parse_filter(src, f->filter);
	if (bad != NULL) {
		tui_table_fail(t, f->id, bad);
		return;
	}
	if (k != NULL) {
		a.key = k->key;
		a.id = k->id;
	}
	switch (f->dir) {
	case TUI_FETCH_FIRST:
		page(src, NULL, false);
		break;
	case TUI_FETCH_LAST:
		page(src, NULL, true);
		break;
	case TUI_FETCH_AFTER:
	case TUI_FETCH_BEFORE:
	case TUI_FETCH_AT:
		if (k == NULL) {
			page(src, NULL, false);
			break;
		}
		a.inclusive = f->dir == TUI_FETCH_AT;
		page(src, &a, f->dir == TUI_FETCH_BEFORE);
		break;
	case TUI_FETCH_SEEK:
		free(src->seek);
		src->seek = xstrdup(f->seek != NULL ? f->seek : "");
		src->query = db_orders_seek(src->db, src->sort, src->seek, on_seek, src);
		break;
	}
}

static void cancel(void *s, unsigned long id)
{
	struct orders_source *src = s;

	if (src->query != 0 && src->fetch_id == id) {
		db_session_cancel(src->db, src->query);
		src->query = 0;
	}
}

const struct tui_source_ops orders_source_ops = { fetch, cancel, same_key, free_key };

struct orders_source *orders_source_new(struct db_session *db)
{
	struct orders_source *src = xcalloc(1, sizeof *src);

	src->db = db;
	return src;
}

void orders_source_free(struct orders_source *src)
{
	if (src == NULL)
		return;
	if (src->query != 0)
		db_session_cancel(src->db, src->query);
	free(src->seek);
	free(src);
}
