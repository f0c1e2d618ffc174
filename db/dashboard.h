#ifndef BACKDESK_DB_DASHBOARD_H
#define BACKDESK_DB_DASHBOARD_H
/* The supervisor dashboard's two reads (issue 15): every count as one JSON
 * document (api.dashboard), and the rows behind one count (api.dashboard_list),
 * a page at a time by (at, id).  The database decides who may read them
 * (supervisor, admin; BD001 for the others). */
#include <stdbool.h>

#include "db/session.h"

/* One row, one column: the document as text (jsonb). */
unsigned db_dashboard(struct db_session *s, db_result_fn cb, void *arg);

/* The columns of a page of api.dashboard_list. */
enum {
	DB_DASH_COL_AT,    /* the sort time, as timestamptz text (the keyset's anchor) */
	DB_DASH_COL_ID,
	DB_DASH_COL_KIND,
	DB_DASH_COL_LABEL,
	DB_DASH_COL_STATE,
	DB_DASH_COL_WHO,
	DB_DASH_COL_DETAIL,
	DB_DASH_COL_OPEN_KIND,
	DB_DASH_COL_OPEN_ID,
	DB_DASH_COL_SHOWN, /* the sort time as people read it: YYYY-MM-DD HH24:MI, shop time */
	DB_DASH_NCOLS
};

/* The rows of metric (key may be NULL) after the anchor (after_at NULL: from the
 * start); backward: the rows before it, still answered in (at, id) order.
 * inclusive: the anchor row itself too. */
unsigned db_dashboard_list(struct db_session *s, const char *metric, const char *key,
			   const char *after_at, const char *after_id, bool backward, bool inclusive,
			   int limit, db_result_fn cb, void *arg);

#endif
