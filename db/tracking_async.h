#ifndef BACKDESK_DB_TRACKING_ASYNC_H
#define BACKDESK_DB_TRACKING_ASYNC_H
/* What the console's tracking service reads and writes (views/tracking.c), through
 * the session so the loop never waits: the parcels due a lookup and each answer
 * or failure.  db/tracking.h is the same api, blocking, for `backdesk track`. */
#include "db/session.h"

/* Rows (id, carrier, tracking_no) of api.tracking_due(limit), most overdue first.
 * Background work: no spinner, Esc does not stop it. */
unsigned db_tracking_due_async(struct db_session *s, int limit, db_result_fn cb, void *arg);
/* api.record_tracking(tracking_no, doc): one row, one column, the jsonb answer
 * {"status","changed","new_events"} as text.  doc as carrier_result_json() writes it. */
unsigned db_record_tracking_async(struct db_session *s, const char *tracking_no, const char *doc,
				  db_result_fn cb, void *arg);
/* api.record_tracking_failure(tracking_no, error). */
unsigned db_record_tracking_failure_async(struct db_session *s, const char *tracking_no,
					  const char *error, db_result_fn cb, void *arg);

#endif
