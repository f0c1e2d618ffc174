#ifndef BACKDESK_VIEWS_TRACKING_H
#define BACKDESK_VIEWS_TRACKING_H
/* The console's tracking service: asks the carriers through one carrier_client in
 * the console's loop, writes each answer or failure through the session
 * (api.record_tracking, api.record_tracking_failure), and, when [tracking]
 * background is on, asks about the parcels the database says are due, shortly
 * after start and then every minute.  The screens learn of new data through the
 * shipments channel's NOTIFY like any other change; whoever asked (U on the
 * parcel or the list) is told how it ended.  One per console: the screens reach
 * it through these functions, the console starts and stops it. */
#include <stdbool.h>

#include "config/config.h"
#include "db/session.h"
#include "tui/tui.h"

/* From backdesk.ini (views/tracking_setup.h).  A bad setup is said once on the
 * message line and the console runs without tracking.  status_slot: the status
 * line's segment for "tracking 3…". */
void tracking_start(struct tui_loop *loop, struct tui_ui *ui, struct db_session *db,
		    const struct config *cfg, int status_slot);
/* Before the session goes: lookups in flight are abandoned; answers being
 * written go on and the console hears how they ended (db_session_detach). */
void tracking_stop(void);

struct tracking_outcome {
	bool ok;            /* the carrier answered and the answer was saved */
	const char *status; /* ok: the normalized status ("IN_TRANSIT") */
	bool changed;       /* ok: the status moved */
	const char *error;  /* !ok: why, for people ("lookup failed: ..." is the caller's) */
	bool saved;         /* !ok: the failure itself was recorded on the parcel */
};
typedef void (*tracking_done_fn)(const char *number, const struct tracking_outcome *o, void *arg);

/* Asks the carrier about one parcel now.  0: asked (done, when not NULL, runs
 * once, unless tracking_forget(arg) came first); a number already being asked
 * is not asked twice, its answer goes to both.  -1 with *why (caller frees):
 * tracking is off, or no service is set up for the carrier (saying what to put
 * in backdesk.ini). */
int tracking_ask(const char *carrier, const char *number, tracking_done_fn done, void *arg, char **why);
/* A screen going away: its done is never called. */
void tracking_forget(void *arg);
/* Parcels being asked about or saved now. */
unsigned tracking_in_flight(void);

#endif
