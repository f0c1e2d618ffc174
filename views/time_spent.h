#ifndef BACKDESK_VIEWS_TIME_SPENT_H
#define BACKDESK_VIEWS_TIME_SPENT_H
/* Time spent on a ticket, counted while it is on screen and the user is at it,
 * added to the ticket's total with api.add_ticket_time every TIME_SPENT_FLUSH_MS
 * and when the screen closes.
 *
 * Every counted second is in exactly one place: waiting here, or in the one
 * flush on its way.  A flush the database refused puts its seconds back for the
 * next one; a flush whose connection broke before the answer (nobody knows
 * whether it was added) is not sent again, so time is never counted twice, and
 * its seconds are kept apart in time_spent_uncertain().  On close, what remains is
 * sent and left to the session (db_session_detach), which tells the user if it
 * failed.
 *
 * The clock is monotonic (a clock set back or forward changes nothing).  No
 * ncurses and no timer of its own: the ticket screen says when it is active and
 * calls time_spent_tick() from a repeating timer. */
#include <stdbool.h>

#include "db/session.h"

#define TIME_SPENT_FLUSH_MS 60000

enum time_spent_outcome {
	TIME_SPENT_SAVED,   /* added */
	TIME_SPENT_FAILED,  /* refused or not sent: nothing was added */
	TIME_SPENT_UNKNOWN, /* the connection broke before the answer */
};

struct time_spent;

/* How seconds reach the database; the tests give their own. */
struct time_spent_ops {
	long long (*now_ms)(void *arg); /* a monotonic clock */
	/* Starts adding seconds to the ticket's total; the answer goes to
	 * time_spent_flushed(t, …) exactly once, unless detached first.  Returns a
	 * handle (> 0), or 0 when it cannot be sent now (the seconds wait).  closing:
	 * the last one, queued even while the connection is down. */
	unsigned (*flush)(void *arg, const char *ticket, int seconds, bool closing,
			  struct time_spent *t);
	/* The tracker goes away: the flush goes on, its answer to nobody but the
	 * session's own report (`what` names it for people). */
	void (*detach)(void *arg, unsigned handle, const char *what);
	void *arg;
};

struct time_spent *time_spent_new(struct db_session *db, const char *ticket_number);
struct time_spent *time_spent_new_with(const struct time_spent_ops *ops, const char *ticket_number);
/* Counts up to now, sends what is left (a last part second of 500 ms or more
 * counts as one), and leaves any flush on its way to the session. */
void time_spent_free(struct time_spent *t);

/* The ticket is on screen with the terminal in use (true), or not (false). */
void time_spent_active(struct time_spent *t, bool on);
/* Flushes when TIME_SPENT_FLUSH_MS have passed since the last flush began. */
void time_spent_tick(struct time_spent *t);
/* The answer to a flush (called by ops->flush's side). */
void time_spent_flushed(struct time_spent *t, enum time_spent_outcome outcome);

/* Seconds counted and not yet added (waiting or on their way). */
int time_spent_unsaved(const struct time_spent *t);
/* Seconds whose flush broke off unanswered. */
int time_spent_uncertain(const struct time_spent *t);

#endif
