#ifndef BACKDESK_DB_SHIPMENTS_LIST_H
#define BACKDESK_DB_SHIPMENTS_LIST_H
/* The Shipments pane's queries: the orders to pack and the parcels of one view
 * (in transit, exception, no movement, late, delivered, returned), a page at a
 * time by keyset over (the view's sort key, id), never OFFSET; and the views'
 * counts, each capped, so a table of a million parcels costs what a thousand do.
 * Straight on the tables, which every staff role may read. */
#include <stdbool.h>

#include "db/channels.h"
#include "db/session.h"

/* The views, in the order the pane shows them. */
enum shipments_view {
	SHIPMENTS_TO_PACK,    /* orders paid or packed without a parcel, ship_by first */
	SHIPMENTS_IN_TRANSIT, /* not final, no trouble: oldest shipped first */
	SHIPMENTS_EXCEPTION,  /* EXCEPTION, DELIVERY_ATTEMPTED: oldest shipped first */
	SHIPMENTS_STALE,      /* not final, no news for parcel_stale_days: longest silent first */
	SHIPMENTS_LATE,       /* not final, past promised_to: the longest overdue first */
	SHIPMENTS_DELIVERED,  /* newest delivered first */
	SHIPMENTS_RETURNED,   /* RETURNING, RETURNED: newest shipped first */
	SHIPMENTS_VIEW_COUNT
};

/* Whether view v shows the newest first (the others: the oldest first). */
bool db_shipments_newest_first(enum shipments_view v);

/* Columns of every page result, in this order.  The To pack view answers the
 * same columns for its orders: NUMBER and ORDER are the order's number, ID and
 * ORDER_ID its id, PROMISED its ship_by, LATE late to ship, NEWS_SECS the
 * seconds since it was placed, CARRIER empty. */
enum {
	SHIPMENTS_COL_ID,
	SHIPMENTS_COL_KEY,       /* the view's sort key as text: the anchor for the next page */
	SHIPMENTS_COL_NUMBER,    /* the tracking number */
	SHIPMENTS_COL_CARRIER,   /* its code: yurtici, dhl… */
	SHIPMENTS_COL_STATUS,    /* the normalized status (an order's status for To pack) */
	SHIPMENTS_COL_ORDER,     /* the order's number */
	SHIPMENTS_COL_CUSTOMER,  /* name, or empty */
	SHIPMENTS_COL_NEWS_SECS, /* seconds since the newest event (or the shipping) */
	SHIPMENTS_COL_PROMISED,  /* promised_to (To pack: ship_by), or empty */
	SHIPMENTS_COL_LATE,      /* t or f */
	SHIPMENTS_COL_ORDER_ID,
	SHIPMENTS_COL_LINES,     /* To pack: the order's lines and units; else 0 */
	SHIPMENTS_COL_UNITS,
	SHIPMENTS_NCOLS
};

struct shipments_anchor {
	const char *key; /* SHIPMENTS_COL_KEY of the anchor row */
	const char *id;  /* SHIPMENTS_COL_ID of the anchor row */
	bool inclusive;  /* the anchor row itself is part of the page */
};

/* Up to `limit` rows of view v (carrier: only that carrier's parcels, or NULL;
 * To pack takes none) after the anchor in the view's order (backward: before
 * it, still in display order); no anchor: from the start (backward: the last
 * page).  Returns the query id. */
unsigned db_shipments_page(struct db_session *s, enum shipments_view v, const char *carrier,
			   const struct shipments_anchor *anchor, bool backward, int limit,
			   db_result_fn cb, void *arg);

/* One row (SHIPMENTS_COL_ID, SHIPMENTS_COL_KEY) for the parcel with this
 * tracking number in view v (To pack: the order with this number), or none. */
unsigned db_shipments_seek(struct db_session *s, enum shipments_view v, const char *text,
			   db_result_fn cb, void *arg);

/* Each view's count counts at most this many: beyond, the pane says "999+". */
#define DB_SHIPMENTS_COUNT_CAP 1000

/* One row, SHIPMENTS_VIEW_COUNT columns: each view's count (at most
 * DB_SHIPMENTS_COUNT_CAP). */
unsigned db_shipments_counts(struct db_session *s, db_result_fn cb, void *arg);

#endif
