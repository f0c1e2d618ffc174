#ifndef BACKDESK_VIEWS_ORDERS_SOURCE_H
#define BACKDESK_VIEWS_ORDERS_SOURCE_H
/* The orders list's rows: a keyset source (views/keyset_source.h) over
 * db_orders_page, with the orders' columns, filters and sorts. */
#include "db/session.h"
#include "tui/table.h"
#include "views/keyset_source.h"

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

/* For a table over keyset_source_ops; keyset_source_free() frees it. */
struct keyset_source *orders_source_new(struct db_session *db);

/* The order id behind a row key (for opening it). */
const char *orders_key_id(const void *key);
const char *orders_key_number(const void *key);

#endif
