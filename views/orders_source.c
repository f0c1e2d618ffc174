#include "views/orders_source.h"

#include <stddef.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "db/orders.h"
#include "views/labels.h"

const struct tui_column orders_columns[ORDERS_VCOL_COUNT] = {
	[ORDERS_VCOL_NUMBER] = { N_("Order"), 10, 1, TUI_ALIGN_LEFT, 0 },
	[ORDERS_VCOL_PLACED] = { N_("Placed"), 16, 0, TUI_ALIGN_LEFT, TUI_COL_SORTABLE },
	[ORDERS_VCOL_CUSTOMER] = { N_("Customer"), 12, 3, TUI_ALIGN_LEFT, 0 },
	[ORDERS_VCOL_STATUS] = { N_("Status"), 9, 0, TUI_ALIGN_LEFT, 0 },
	[ORDERS_VCOL_TOTAL] = { N_("Total"), 14, 0, TUI_ALIGN_RIGHT, 0 },
	[ORDERS_VCOL_SHIP_BY] = { N_("Ship by"), 10, 0, TUI_ALIGN_LEFT,
				  TUI_COL_SORTABLE | TUI_COL_OPTIONAL },
	/* Lazy: a subquery on shipments per row, which a narrow screen does not show. */
	[ORDERS_VCOL_PARCEL] = { N_("Parcel"), 10, 1, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL | TUI_COL_LAZY },
};

/* A row's place in the keyset: the id and the sort value, as the database wrote
 * them, and the number, for opening it. */
struct orders_key {
	struct keyset_key head;
	char *id, *key, *number;
};

static const struct keyset_key_def key_def = {
	sizeof(struct orders_key), 1, 3, {
		{ ORDERS_COL_ID, offsetof(struct orders_key, id) },
		{ ORDERS_COL_KEY, offsetof(struct orders_key, key) },
		{ ORDERS_COL_NUMBER, offsetof(struct orders_key, number) } },
};

const char *orders_key_id(const void *key)
{
	return ((const struct orders_key *)key)->id;
}

const char *orders_key_number(const void *key)
{
	return ((const struct orders_key *)key)->number;
}

static void fill(void *ctx, struct tui_row *r, const PGresult *res, int i)
{
	char money[64], when[LF_BUFSZ];
	bool late = strcmp(PQgetvalue(res, i, ORDERS_COL_LATE), "t") == 0;
	const char *parcel = PQgetvalue(res, i, ORDERS_COL_PARCEL);

	(void)ctx;
	tui_row_set(r, ORDERS_VCOL_NUMBER, PQgetvalue(res, i, ORDERS_COL_NUMBER));
	tui_row_set(r, ORDERS_VCOL_PLACED, lf_when(PQgetvalue(res, i, ORDERS_COL_PLACED), when, sizeof when));
	tui_row_set(r, ORDERS_VCOL_CUSTOMER, PQgetvalue(res, i, ORDERS_COL_CUSTOMER));
	tui_row_set(r, ORDERS_VCOL_STATUS, late ? _("LATE") : label_order_status(PQgetvalue(res, i, ORDERS_COL_STATUS)));
	label_money(PQgetvalue(res, i, ORDERS_COL_TOTAL), PQgetvalue(res, i, ORDERS_COL_CURRENCY), money,
		    sizeof money);
	tui_row_set(r, ORDERS_VCOL_TOTAL, money);
	tui_row_set(r, ORDERS_VCOL_SHIP_BY, lf_when(PQgetvalue(res, i, ORDERS_COL_SHIP_BY), when, sizeof when));
	tui_row_set(r, ORDERS_VCOL_PARCEL, *parcel != '\0' ? label_parcel_status(parcel) : "");
	if (late) {
		tui_row_set_cell_role(r, ORDERS_VCOL_STATUS, TUI_ATTR_LATE);
		tui_row_set_cell_role(r, ORDERS_VCOL_SHIP_BY, TUI_ATTR_LATE);
	}
	if (strcmp(parcel, "EXCEPTION") == 0 || strcmp(parcel, "DELIVERY_ATTEMPTED") == 0)
		tui_row_set_cell_role(r, ORDERS_VCOL_PARCEL, TUI_ATTR_WARNING);
}

/* "\" filters by what people call things: a status, or "late". */
static const char *parse_filter(struct orders_filter *filter, const char *f)
{
	static const char *const statuses[] = { "pending", "paid", "packed", "shipped", "delivered",
						"cancelled" };

	filter->status = NULL;
	filter->late_only = false;
	if (f == NULL || *f == '\0')
		return NULL;
	if (strcmp(f, "late") == 0 || strcmp(f, _("late")) == 0) {
		filter->late_only = true;
		return NULL;
	}
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (strcmp(f, statuses[i]) == 0 || strcmp(f, label_order_status(statuses[i])) == 0) {
			filter->status = statuses[i];
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

static unsigned page(void *ctx, struct db_session *db, const struct keyset_page *p,
		     db_result_fn cb, void *arg, const char **refusal)
{
	const struct orders_key *k = p->anchor;
	struct orders_filter filter;
	struct orders_anchor a = { NULL, NULL, p->inclusive };

	(void)ctx;
	*refusal = parse_filter(&filter, p->filter);
	if (*refusal != NULL)
		return 0;
	if (k != NULL) {
		a.key = k->key;
		a.id = k->id;
	}
	return db_orders_page(db, pick_sort(p->sort_col, p->sort_desc), &filter, k != NULL ? &a : NULL,
			      p->backward, p->limit, !(p->hidden & (1UL << ORDERS_VCOL_PARCEL)), cb, arg);
}

/* db_orders_seek answers (id, key): a page row's first columns. */
static unsigned seek(void *ctx, struct db_session *db, const char *text, const struct keyset_page *p,
		     db_result_fn cb, void *arg)
{
	(void)ctx;
	return db_orders_seek(db, pick_sort(p->sort_col, p->sort_desc), text, cb, arg);
}

static const struct keyset_list orders_list = {
	.ncols = ORDERS_VCOL_COUNT,
	.key = &key_def,
	.page = page,
	.seek = seek,
	.not_found = N_("no order numbered %s"),
	.fill = fill,
};

struct keyset_source *orders_source_new(struct db_session *db)
{
	return keyset_source_new(db, &orders_list, NULL);
}
