/* Time spent on a ticket: see views/time_spent.h. */
#include "views/time_spent.h"

#include <stdlib.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/ticket_time.h"
#include "tui/loop.h"

struct time_spent {
	struct time_spent_ops ops;
	char *ticket;
	bool active;
	long long since;      /* when counting last caught up, while active */
	long long waiting_ms; /* counted, not yet in a flush */
	long long last_flush; /* when the last flush began (or the tracker started) */
	unsigned inflight;    /* the flush on its way, or 0 */
	int inflight_s;       /* its seconds */
	int uncertain_s;
};

static long long loop_now(void *arg)
{
	(void)arg;
	return tui_loop_now();
}

static void on_added(const PGresult *res, const char *error, void *arg)
{
	time_spent_flushed(arg, error == NULL ? TIME_SPENT_SAVED
				: res != NULL ? TIME_SPENT_FAILED : TIME_SPENT_UNKNOWN);
}

static unsigned session_flush(void *arg, const char *ticket, int seconds, bool closing,
			      struct time_spent *t)
{
	/* Not connected: wait for the next tick instead of queueing behind a reconnect;
	 * the last one has no next tick, and the session sends it when it is back. */
	if (!closing && db_session_state(arg) != DB_READY)
		return 0;
	return db_ticket_add_time(arg, ticket, seconds, on_added, t);
}

static void session_detach(void *arg, unsigned handle, const char *what)
{
	db_session_detach(arg, handle, what);
}

struct time_spent *time_spent_new(struct db_session *db, const char *ticket_number)
{
	const struct time_spent_ops ops = { loop_now, session_flush, session_detach, db };

	return time_spent_new_with(&ops, ticket_number);
}

struct time_spent *time_spent_new_with(const struct time_spent_ops *ops, const char *ticket_number)
{
	struct time_spent *t = xcalloc(1, sizeof *t);

	t->ops = *ops;
	t->ticket = xstrdup(ticket_number);
	t->last_flush = ops->now_ms(ops->arg);
	return t;
}

static void catch_up(struct time_spent *t, long long now)
{
	if (t->active && now > t->since)
		t->waiting_ms += now - t->since;
	t->since = now;
}

void time_spent_active(struct time_spent *t, bool on)
{
	catch_up(t, t->ops.now_ms(t->ops.arg));
	t->active = on;
}

/* Sends the whole seconds waiting (closing: also a last half second). */
static void flush(struct time_spent *t, long long now, bool closing)
{
	long long secs = (t->waiting_ms + (closing ? 500 : 0)) / 1000;

	if (t->inflight != 0 || secs <= 0)
		return;
	if (secs > 86400)
		secs = 86400; /* the rest goes next time */
	t->inflight_s = (int)secs;
	t->inflight = t->ops.flush(t->ops.arg, t->ticket, (int)secs, closing, t);
	if (t->inflight == 0) {
		/* Not sent (no connection): tried again at the next tick. */
		t->inflight_s = 0;
		return;
	}
	t->last_flush = now;
	t->waiting_ms -= secs * 1000;
	if (t->waiting_ms < 0)
		t->waiting_ms = 0; /* the rounded-up half second */
}

void time_spent_tick(struct time_spent *t)
{
	long long now = t->ops.now_ms(t->ops.arg);

	catch_up(t, now);
	if (now - t->last_flush >= TIME_SPENT_FLUSH_MS)
		flush(t, now, false);
}

void time_spent_flushed(struct time_spent *t, enum time_spent_outcome outcome)
{
	if (outcome == TIME_SPENT_FAILED)
		t->waiting_ms += (long long)t->inflight_s * 1000;
	else if (outcome == TIME_SPENT_UNKNOWN)
		t->uncertain_s += t->inflight_s;
	t->inflight = 0;
	t->inflight_s = 0;
}

static void detach(struct time_spent *t)
{
	char *what = xasprintf(_("Time spent on %s (%d s)"), t->ticket, t->inflight_s);

	t->ops.detach(t->ops.arg, t->inflight, what);
	free(what);
	t->inflight = 0;
	t->inflight_s = 0;
}

void time_spent_free(struct time_spent *t)
{
	long long now;

	if (t == NULL)
		return;
	now = t->ops.now_ms(t->ops.arg);
	catch_up(t, now);
	t->active = false;
	if (t->inflight != 0)
		detach(t);
	flush(t, now, true);
	if (t->inflight != 0)
		detach(t);
	free(t->ticket);
	free(t);
}

int time_spent_unsaved(const struct time_spent *t)
{
	long long active_ms = 0;

	if (t->active) {
		long long now = t->ops.now_ms(t->ops.arg);

		active_ms = now > t->since ? now - t->since : 0;
	}
	return (int)((t->waiting_ms + active_ms) / 1000) + t->inflight_s;
}

int time_spent_uncertain(const struct time_spent *t)
{
	return t->uncertain_s;
}
