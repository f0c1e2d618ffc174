#ifndef BACKDESK_DB_ORDERS_H
#define BACKDESK_DB_ORDERS_H
/* The orders list, a page at a time by keyset over (sort key, id): never OFFSET,
 * never the whole table, so ten million orders page as fast as ten. */
#include <stdbool.h>

#include "db/channels.h"
#include "db/session.h"

enum orders_sort {
	ORDERS_NEWEST,     /* placed_at, newest first (the default) */
	ORDERS_OLDEST,
	ORDERS_SHIP_BY,    /* ship-by date, soonest first */
	ORDERS_SHIP_BY_LAST,
};

struct orders_filter {
	const char *status; /* one order status, or NULL for all */
	bool late_only;     /* backdesk.late_to_ship: paid or packed, past the ship-by day */
};

/* Columns of every orders result, in this order. */
enum {
	ORDERS_COL_ID,
	ORDERS_COL_KEY,      /* the sort key as text: the anchor for the next page */
	ORDERS_COL_NUMBER,
	ORDERS_COL_PLACED,   /* YYYY-MM-DD HH:MM */
	ORDERS_COL_CUSTOMER,
	ORDERS_COL_STATUS,
	ORDERS_COL_TOTAL,    /* numeric as text, e.g. 299.80 */
	ORDERS_COL_CURRENCY,
	ORDERS_COL_SHIP_BY,  /* YYYY-MM-DD */
	ORDERS_COL_LATE,     /* t / f */
	ORDERS_COL_PARCEL,   /* latest parcel's status, or empty */
	ORDERS_COL_SORT,     /* the sort key in its own type (used by the query) */
	ORDERS_NCOLS
};

struct orders_anchor {
	const char *key; /* ORDERS_COL_KEY of the anchor row */
	const char *id;  /* ORDERS_COL_ID of the anchor row */
	bool inclusive;  /* the anchor row itself is part of the page */
};

/* Up to `limit` rows after the anchor in display order (backward: before it); no
 * anchor means from the start (backward: the last page).  Rows always come in
 * display order.  parcel false: ORDERS_COL_PARCEL is left empty and the parcels
 * are not read (the column is off screen).  Returns the query id. */
unsigned db_orders_page(struct db_session *s, enum orders_sort sort, const struct orders_filter *f,
			const struct orders_anchor *anchor, bool backward, int limit, bool parcel,
			db_result_fn cb, void *arg);

/* One row, (ORDERS_COL_ID, ORDERS_COL_KEY), for the order with this number (exact,
 * or upper-cased), or no row. */
unsigned db_orders_seek(struct db_session *s, enum orders_sort sort, const char *number,
			db_result_fn cb, void *arg);

/* One row, one column: api.order_detail(id) as JSON text. */
unsigned db_order_detail(struct db_session *s, const char *id, db_result_fn cb, void *arg);

#endif
