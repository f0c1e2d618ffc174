#ifndef BACKDESK_DB_TRACKING_H
#define BACKDESK_DB_TRACKING_H
/* What `backdesk track` reads and writes (blocking, for the command): the parcels
 * due a carrier lookup, each answer or failure, and the delay notices proposed
 * afterwards.  The database decides what is due and checks the caller's role. */
#include <libpq-fe.h>
#include <stddef.h>

/* The statements, one text for both ways of sending them (here, blocking, for
 * `backdesk track`; db/tracking_async.c through the console's session).  Text
 * results: bigint and jsonb read the same either way. */
#define DB_TRACKING_DUE_SQL "SELECT id, carrier, tracking_no FROM api.tracking_due($1::integer)"
#define DB_RECORD_TRACKING_SQL "SELECT api.record_tracking($1, $2::jsonb)"
#define DB_RECORD_TRACKING_FAILURE_SQL "SELECT api.record_tracking_failure($1, $2)"

struct db_tracking_due {
	long long id;
	char *carrier, *tracking_no;
};

/* api.tracking_due(limit): most overdue first.  0 with *out (free with
 * db_tracking_due_free) and *n, or -1 with *err. */
int db_tracking_due(PGconn *c, int limit, struct db_tracking_due **out, size_t *n, char **err);
void db_tracking_due_free(struct db_tracking_due *rows, size_t n);

/* api.record_tracking(tracking_no, doc): doc as carrier_result_json() writes it.
 * 0 with *changed (the status moved) and *new_events, or -1 with *err. */
int db_record_tracking(PGconn *c, const char *tracking_no, const char *doc, int *changed,
		       int *new_events, char **err);
/* api.record_tracking_failure(tracking_no, error): 0, or -1 with *err. */
int db_record_tracking_failure(PGconn *c, const char *tracking_no, const char *error, char **err);
/* The parcel screen's document (api.parcel_detail) of the parcel with exactly this
 * tracking number, found through api.find.  1 with *json (caller frees), 0 when no
 * parcel has it, -1 with *err. */
int db_parcel_by_tracking(PGconn *c, const char *tracking_no, char **json, char **err);
/* api.propose_delay_notices(): how many were proposed, or -1 with *err. */
long long db_propose_delay_notices(PGconn *c, char **err);

#endif
