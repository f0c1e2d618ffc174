#include "views/shipments_source.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "carrier/carriers.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "views/labels.h"
#include "views/tickets_time.h"

/* At 80 columns every column is there: a whole UPS number (18), the carrier's
 * code (7 at most), the longest status ("out for delivery"); the customer takes
 * what is left. */
const struct tui_column shipments_parcel_columns[SHIPMENTS_VCOL_COUNT] = {
	{ N_("Tracking"), 18, 0, TUI_ALIGN_LEFT, 0 },
	{ N_("Carrier"), 7, 0, TUI_ALIGN_LEFT, 0 },
	{ N_("Status"), 16, 0, TUI_ALIGN_LEFT, 0 },
	{ N_("Order"), 10, 0, TUI_ALIGN_LEFT, 0 },
	{ N_("Customer"), 8, 1, TUI_ALIGN_LEFT, 0 },
	/* How long the parcel has been silent: what makes an agent call the carrier. */
	{ NC_("column", "News"), 4, 0, TUI_ALIGN_RIGHT, 0 },
	{ NC_("column", "Promised"), 10, 0, TUI_ALIGN_LEFT, 0 },
};

const struct tui_column shipments_to_pack_columns[SHIPMENTS_VCOL_COUNT] = {
	{ N_("Order"), 10, 0, TUI_ALIGN_LEFT, 0 },
	{ N_("Ship by"), 10, 0, TUI_ALIGN_LEFT, 0 },
	{ N_("Status"), 12, 0, TUI_ALIGN_LEFT, 0 },
	{ NC_("column", "Lines"), 5, 0, TUI_ALIGN_RIGHT, 0 },
	{ N_("Units"), 5, 0, TUI_ALIGN_RIGHT, 0 },
	{ N_("Customer"), 8, 1, TUI_ALIGN_LEFT, 0 },
	{ N_("Age"), 5, 0, TUI_ALIGN_RIGHT, 0 },
};

/* A row's place in the keyset: its id and sort key as the database wrote them,
 * and what opening it needs. */
struct shipments_key {
	struct keyset_key head;
	char *id, *key, *number, *order, *order_id;
};

static const struct keyset_key_def key_def = {
	sizeof(struct shipments_key), 1, 5, {
		{ SHIPMENTS_COL_ID, offsetof(struct shipments_key, id) },
		{ SHIPMENTS_COL_KEY, offsetof(struct shipments_key, key) },
		{ SHIPMENTS_COL_NUMBER, offsetof(struct shipments_key, number) },
		{ SHIPMENTS_COL_ORDER, offsetof(struct shipments_key, order) },
		{ SHIPMENTS_COL_ORDER_ID, offsetof(struct shipments_key, order_id) } },
};

const char *shipments_key_id(const void *key)
{
	return ((const struct shipments_key *)key)->id;
}

const char *shipments_key_number(const void *key)
{
	return ((const struct shipments_key *)key)->number;
}

const char *shipments_key_order(const void *key)
{
	return ((const struct shipments_key *)key)->order;
}

const char *shipments_key_order_id(const void *key)
{
	return ((const struct shipments_key *)key)->order_id;
}

static void fill_to_pack(struct tui_row *r, const PGresult *res, int i)
{
	char status[64], age[32];
	bool late = strcmp(PQgetvalue(res, i, SHIPMENTS_COL_LATE), "t") == 0;

	tui_row_set(r, SHIPMENTS_VCOL_0, PQgetvalue(res, i, SHIPMENTS_COL_NUMBER));
	tui_row_set(r, SHIPMENTS_VCOL_1, PQgetvalue(res, i, SHIPMENTS_COL_PROMISED));
	(void)snprintf(status, sizeof status, late ? _("%s, late") : "%s",
		       label_order_status(PQgetvalue(res, i, SHIPMENTS_COL_STATUS)));
	tui_row_set(r, SHIPMENTS_VCOL_2, status);
	tui_row_set(r, SHIPMENTS_VCOL_3, PQgetvalue(res, i, SHIPMENTS_COL_LINES));
	tui_row_set(r, SHIPMENTS_VCOL_4, PQgetvalue(res, i, SHIPMENTS_COL_UNITS));
	tui_row_set(r, SHIPMENTS_VCOL_5, PQgetvalue(res, i, SHIPMENTS_COL_CUSTOMER));
	tickets_age(strtoll(PQgetvalue(res, i, SHIPMENTS_COL_NEWS_SECS), NULL, 10), age, sizeof age);
	tui_row_set(r, SHIPMENTS_VCOL_6, age);
	if (late)
		tui_row_set_role(r, TUI_ATTR_LATE);
}

static void fill(void *ctx, struct tui_row *r, const PGresult *res, int i)
{
	struct shipments_source *src = ctx;
	char age[32];

	if (src->view == SHIPMENTS_TO_PACK) {
		fill_to_pack(r, res, i);
		return;
	}
	tui_row_set(r, SHIPMENTS_VCOL_0, PQgetvalue(res, i, SHIPMENTS_COL_NUMBER));
	/* The carrier's code: every one fits the column (the parcel screen names it). */
	tui_row_set(r, SHIPMENTS_VCOL_1, PQgetvalue(res, i, SHIPMENTS_COL_CARRIER));
	tui_row_set(r, SHIPMENTS_VCOL_2, label_parcel_status(PQgetvalue(res, i, SHIPMENTS_COL_STATUS)));
	tui_row_set(r, SHIPMENTS_VCOL_3, PQgetvalue(res, i, SHIPMENTS_COL_ORDER));
	tui_row_set(r, SHIPMENTS_VCOL_4, PQgetvalue(res, i, SHIPMENTS_COL_CUSTOMER));
	tickets_age(strtoll(PQgetvalue(res, i, SHIPMENTS_COL_NEWS_SECS), NULL, 10), age, sizeof age);
	tui_row_set(r, SHIPMENTS_VCOL_5, age);
	tui_row_set(r, SHIPMENTS_VCOL_6, PQgetvalue(res, i, SHIPMENTS_COL_PROMISED));
	if (strcmp(PQgetvalue(res, i, SHIPMENTS_COL_LATE), "t") == 0)
		tui_row_set_role(r, TUI_ATTR_LATE);
}

/* "\" narrows a parcel view to one carrier, by its code or its name. */
static const char *parse_filter(const struct shipments_source *src, const char **carrier, const char *f)
{
	*carrier = NULL;
	if (f == NULL || *f == '\0')
		return NULL;
	if (src->view == SHIPMENTS_TO_PACK)
		return _("To pack lists orders without a parcel: there is no carrier to filter by");
	for (int i = 0; i < CARRIER_N; i++) {
		const struct carrier *c = carrier_get((enum carrier_id)i);

		if (strcasecmp(f, c->code) == 0 || strcasecmp(f, c->name) == 0) {
			*carrier = c->code;
			return NULL;
		}
	}
	return _("filter by carrier: yurtici, aras, mng, ptt, dhl, ups, fedex, mpl or gls");
}

static unsigned page(void *ctx, struct db_session *db, const struct keyset_page *p,
		     db_result_fn cb, void *arg, const char **refusal)
{
	struct shipments_source *src = ctx;
	const struct shipments_key *k = p->anchor;
	struct shipments_anchor a = { NULL, NULL, p->inclusive };
	const char *carrier;

	*refusal = parse_filter(src, &carrier, p->filter);
	if (*refusal != NULL)
		return 0;
	if (k != NULL) {
		a.key = k->key;
		a.id = k->id;
	}
	return db_shipments_page(db, src->view, carrier, k != NULL ? &a : NULL, p->backward, p->limit, cb, arg);
}

static unsigned seek(void *ctx, struct db_session *db, const char *text, const struct keyset_page *p,
		     db_result_fn cb, void *arg)
{
	struct shipments_source *src = ctx;

	(void)p;
	return db_shipments_seek(db, src->view, text, cb, arg);
}

static const struct keyset_list shipments_list = {
	.ncols = SHIPMENTS_VCOL_COUNT,
	.key = &key_def,
	.page = page,
	.seek = seek,
	.not_found = N_("%s is not in this view"),
	.fill = fill,
};

struct shipments_source *shipments_source_new(struct db_session *db)
{
	struct shipments_source *src = xcalloc(1, sizeof *src);

	keyset_source_init(&src->ks, db, &shipments_list, src);
	src->view = SHIPMENTS_IN_TRANSIT;
	return src;
}

void shipments_source_free(struct shipments_source *src)
{
	if (src == NULL)
		return;
	keyset_source_fini(&src->ks);
	free(src);
}

void shipments_source_set_view(struct shipments_source *src, enum shipments_view v)
{
	src->view = v;
}
