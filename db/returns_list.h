#ifndef BACKDESK_DB_RETURNS_LIST_H
#define BACKDESK_DB_RETURNS_LIST_H
/* The Returns pane's queries: the returns of one queue view (to approve, awaiting
 * the parcel, to inspect, ...), a page at a time by keyset over (requested_at,
 * id), never OFFSET; and the views' counts, each capped so that a table of a
 * million returns costs what a thousand do.  Straight on backdesk.returns, which
 * every staff role may read; the money is null for a role that reads no payments
 * (the warehouse). */
#include <stdbool.h>

#include "db/channels.h"
#include "db/session.h"

/* The views, in the order the pane shows them. */
enum returns_view {
	RETURNS_TO_APPROVE, /* requested */
	RETURNS_AWAITING,   /* approved, awaiting_parcel */
	RETURNS_TO_INSPECT, /* received */
	RETURNS_TO_RESOLVE, /* inspected */
	RETURNS_OPEN,       /* all but rejected and closed */
	RETURNS_CLOSED,     /* rejected, closed: newest first */
	RETURNS_VIEW_COUNT
};

/* Whether view v shows the newest first (the others: the oldest first). */
bool db_returns_newest_first(enum returns_view v);

/* Columns of every page result, in this order. */
enum {
	RETURNS_COL_ID,
	RETURNS_COL_KEY,      /* requested_at as text: the anchor for the next page */
	RETURNS_COL_NUMBER,   /* R-50001 */
	RETURNS_COL_STATUS,   /* the code: requested, approved, ... */
	RETURNS_COL_KIND,     /* return, exchange, warranty */
	RETURNS_COL_ORDER,    /* the order's number */
	RETURNS_COL_CUSTOMER, /* name, or empty */
	RETURNS_COL_AGE_SECS, /* seconds since requested_at */
	RETURNS_COL_LINES,    /* how many lines the return has */
	RETURNS_COL_ORDER_LINES, /* how many lines its order has */
	RETURNS_COL_LINE_NAME,   /* the first line's product name */
	RETURNS_COL_REASON,   /* the first line's reason, as backdesk.return_reasons labels it */
	RETURNS_COL_VALUE,    /* the lines' qty x unit price; NULL for the warehouse */
	RETURNS_COL_CURRENCY,
	RETURNS_COL_ORDER_ID,
	RETURNS_COL_SORT,     /* requested_at in its own type (used by the query) */
	RETURNS_NCOLS
};

struct returns_anchor {
	const char *key; /* RETURNS_COL_KEY of the anchor row */
	const char *id;  /* RETURNS_COL_ID of the anchor row */
	bool inclusive;  /* the anchor row itself is part of the page */
};

/* Up to `limit` rows of view v (kind: only that kind, or NULL) after the anchor
 * in the view's order (backward: before it, still in display order); no anchor:
 * from the start (backward: the last page).  Returns the query id. */
unsigned db_returns_page(struct db_session *s, enum returns_view v, const char *kind,
			 const struct returns_anchor *anchor, bool backward, int limit,
			 db_result_fn cb, void *arg);

/* One row (RETURNS_COL_ID, RETURNS_COL_KEY) for the return with this number, or
 * no row. */
unsigned db_returns_seek(struct db_session *s, const char *number, db_result_fn cb, void *arg);

/* Each view's count counts at most this many: beyond, the pane says "999+". */
#define DB_RETURNS_COUNT_CAP 1000

/* One row, RETURNS_VIEW_COUNT columns: each view's count (at most
 * DB_RETURNS_COUNT_CAP). */
unsigned db_returns_counts(struct db_session *s, db_result_fn cb, void *arg);

#endif
