#ifndef BACKDESK_DB_OUTBOX_LIST_H
#define BACKDESK_DB_OUTBOX_LIST_H
/* The console's view of the outbox (`:outbox`, supervisors and admins): what is
 * still to go, parked messages first, and retrying a parked one
 * (api.outbox_retry).  The rows are read as the login (SELECT on the outbox). */
#include <stdbool.h>

#include "db/session.h"

/* What has not gone yet: parked (failed) first, newest failure first; then
 * queued and sending by when they are due.  At most 500.  Columns below. */
enum {
	DB_OBL_COL_ID,
	DB_OBL_COL_STATE,     /* queued, sending, failed */
	DB_OBL_COL_KIND,
	DB_OBL_COL_RECIPIENT,
	DB_OBL_COL_LANG,
	DB_OBL_COL_ATTEMPTS,
	DB_OBL_COL_ERROR,     /* "" when none */
	DB_OBL_COL_WHEN,      /* MM-DD HH:MI: parked at, or due at */
	DB_OBL_COL_SUBJECT,
	DB_OBL_COL_BODY,
	DB_OBL_COL_VARS,      /* "" for a final text, else the template's values as JSON */
	DB_OBL_COL_MESSAGE_ID,
	DB_OBL_NCOLS
};
#define DB_OUTBOX_LIST_MAX 500
/* parked_only: the failed ones alone. */
unsigned db_outbox_list(struct db_session *s, bool parked_only, db_result_fn cb, void *arg);

/* Queues a parked message again at once. */
unsigned db_outbox_retry(struct db_session *s, const char *id, db_result_fn cb, void *arg);

#endif
