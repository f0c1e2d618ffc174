#ifndef BACKDESK_VIEWS_ORDERS_SOURCE_H
#define BACKDESK_VIEWS_ORDERS_SOURCE_H
/* The orders list's rows: tui_table fetches in, db_orders pages out. */
#include "db/session.h"
#include "tui/table.h"

enum {
	ORDERS_VCOL_NUMBER,
	ORDERS_VCOL_PLACED,
	ORDERS_VCOL_CUSTOMER,
	ORDERS_VCOL_STATUS,
	ORDERS_VCOL_TOTAL,
	ORDERS_VCOL_SHIP_BY,
	ORDERS_VCOL_PARCEL,
	ORDERS_VCOL_COUNT
};

extern const struct tui_column orders_columns[ORDERS_VCOL_COUNT];
extern const struct tui_source_ops orders_source_ops;

struct orders_source;

struct orders_source *orders_source_new(struct db_session *db);
void orders_source_free(struct orders_source *src);

/* The order id behind a row key (for opening it). */
const char *orders_key_id(const void *key);
const char *orders_key_number(const void *key);

#endif
