#ifndef BACKDESK_DB_TICKETS_LIST_H
#define BACKDESK_DB_TICKETS_LIST_H
/* The Tickets pane's queries: the open tickets of one view (mine, unassigned,
 * unanswered, ...), a page at a time by keyset over (sla_next_due, id), never
 * OFFSET; the views' counts, each capped so that a million tickets cost what a
 * thousand do; and taking the next ticket (api.take_next_ticket). */
#include <stdbool.h>

#include "db/channels.h"
#include "db/session.h"

/* The views, in the order the pane shows them. */
enum tickets_view {
	TICKETS_MINE,       /* assigned to the caller */
	TICKETS_UNASSIGNED,
	TICKETS_UNANSWERED, /* the newest message is the customer's */
	TICKETS_OPEN,       /* every open ticket (backdesk.ticket_is_open) */
	TICKETS_WAITING,    /* pending: waiting on the customer, the clock paused */
	TICKETS_SOON,       /* not paused, sla_next_due within the hour */
	TICKETS_BREACHED,   /* not paused, sla_next_due past */
	/* Last: they need a value chosen, and the counts above matter more on a
	 * narrow screen. */
	TICKETS_CATEGORY,   /* open, of one category (the view's argument) */
	TICKETS_CHANNEL,    /* open, from one channel (the view's argument) */
	TICKETS_VIEW_COUNT
};

/* The word db_tickets_* use for a view ("mine", "soon", ...). */
const char *db_tickets_view_code(enum tickets_view v);

/* Columns of every page result, in this order. */
enum {
	TICKETS_COL_ID,
	TICKETS_COL_KEY,      /* sla_next_due as text: the anchor for the next page */
	TICKETS_COL_NUMBER,   /* T-100004 */
	TICKETS_COL_PRIORITY, /* urgent, high, normal, low */
	TICKETS_COL_STATUS,   /* the code: new, open, pending, on_hold, solved, closed */
	TICKETS_COL_CUSTOMER, /* name, or empty */
	TICKETS_COL_SUBJECT,
	TICKETS_COL_CHANNEL,
	TICKETS_COL_ASSIGNEE, /* full name, or empty */
	TICKETS_COL_DUE_SECS, /* seconds until sla_next_due (negative: late) */
	TICKETS_COL_AGE_SECS, /* seconds since created_at */
	TICKETS_COL_SLA,      /* ok, soon, breached, paused */
	TICKETS_COL_SORT,     /* sla_next_due in its own type (used by the query) */
	TICKETS_NCOLS
};

struct tickets_anchor {
	const char *key; /* TICKETS_COL_KEY of the anchor row */
	const char *id;  /* TICKETS_COL_ID of the anchor row */
	bool inclusive;  /* the anchor row itself is part of the page */
};

/* Up to `limit` rows of view v (arg: its category or channel; priority: only
 * that priority, or NULL) after the anchor, soonest due first (backward: before
 * it, still in display order); no anchor: from the start (backward: the last
 * page).  Returns the query id. */
unsigned db_tickets_page(struct db_session *s, enum tickets_view v, const char *arg,
			 const char *priority, const struct tickets_anchor *anchor, bool backward,
			 int limit, db_result_fn cb, void *arg_cb);

/* One row (TICKETS_COL_ID, TICKETS_COL_KEY) for the ticket with this number, or
 * no row. */
unsigned db_tickets_seek(struct db_session *s, const char *number, db_result_fn cb, void *arg);

/* Each view's count counts at most this many: beyond, the pane says "999+". */
#define DB_TICKETS_COUNT_CAP 1000

/* One row, TICKETS_VIEW_COUNT columns: each view's count (at most
 * DB_TICKETS_COUNT_CAP), category and channel for the values given (NULL: 0);
 * then TICKETS_COL_ON_SHIFT: whether the user is on shift (t/f), and
 * TICKETS_COL_CSAT: their satisfaction score of the last 30 days, "4.6 12" (the
 * average and how many answers; NULL: none). */
#define TICKETS_COL_ON_SHIFT TICKETS_VIEW_COUNT
#define TICKETS_COL_CSAT (TICKETS_VIEW_COUNT + 1)
unsigned db_tickets_counts(struct db_session *s, const char *category, const char *channel,
			   db_result_fn cb, void *arg);

/* api.take_next_ticket(): one row (id, number), both NULL when the queue is empty. */
unsigned db_tickets_take_next(struct db_session *s, db_result_fn cb, void *arg);

/* api.set_on_shift(on): one row, the state now (t/f). */
unsigned db_tickets_set_shift(struct db_session *s, bool on, db_result_fn cb, void *arg);

#endif
