#include "db/tracking_async.h"

#include <stdio.h>

#include "db/tracking.h"

unsigned db_tracking_due_async(struct db_session *s, int limit, db_result_fn cb, void *arg)
{
	char lim[16];
	const char *params[1] = { lim };

	(void)snprintf(lim, sizeof lim, "%d", limit);
	return db_session_query(s, DB_TRACKING_DUE_SQL,
				1, params, DB_Q_READ | DB_Q_BACKGROUND, cb, arg);
}

/* The writes are changes (never sent twice after a lost connection: the caller
 * hears of the loss), and background work the user did not wait on. */
unsigned db_record_tracking_async(struct db_session *s, const char *tracking_no, const char *doc,
				  db_result_fn cb, void *arg)
{
	const char *params[2] = { tracking_no, doc };

	return db_session_query(s, DB_RECORD_TRACKING_SQL, 2, params,
				DB_Q_BACKGROUND, cb, arg);
}

unsigned db_record_tracking_failure_async(struct db_session *s, const char *tracking_no,
					  const char *error, db_result_fn cb, void *arg)
{
	const char *params[2] = { tracking_no, error };

	return db_session_query(s, DB_RECORD_TRACKING_FAILURE_SQL, 2, params,
				DB_Q_BACKGROUND, cb, arg);
}
