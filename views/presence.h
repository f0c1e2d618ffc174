#ifndef BACKDESK_VIEWS_PRESENCE_H
#define BACKDESK_VIEWS_PRESENCE_H
/* Who else is on a ticket: the ticket screen owns one tracker per ticket shown.
 *
 * It says the user's own presence (viewing, typing, left) and hears the others'
 * through DB_PRESENCE_CHANNEL.  Nothing is stored anywhere, so both directions
 * work by repetition: while the ticket is on screen the tracker says its state
 * again every PRESENCE_ANNOUNCE_MS (never more often: a state change is said at
 * once, the same state not before that), and forgets anybody not heard from for
 * PRESENCE_EXPIRE_MS.  A console that died without "left" so fades within 5 s.
 *
 * No ncurses and no timer of its own: the ticket screen calls presence_tick()
 * from a repeating timer (PRESENCE_TICK_MS) and draws presence_describe(). */
#include <stdbool.h>
#include <stddef.h>

#include "db/presence.h"
#include "db/session.h"

#define PRESENCE_ANNOUNCE_MS 2000
#define PRESENCE_EXPIRE_MS 5000
/* Typing that stopped this long ago is viewing again. */
#define PRESENCE_TYPING_IDLE_MS 4000
#define PRESENCE_TICK_MS 500

struct presence;

/* What the tracker needs from the world; the tests give their own clock. */
struct presence_ops {
	long long (*now_ms)(void *arg);                 /* a monotonic clock */
	const char *(*self)(void *arg);                 /* the user's login ("" unknown) */
	bool (*send)(void *arg, const char *ticket, enum db_presence_state state);
	void *arg;
};

/* A tracker for ticket_number (T-100004) on the console's session. */
struct presence *presence_new(struct db_session *db, const char *ticket_number);
struct presence *presence_new_with(const struct presence_ops *ops, const char *ticket_number);
/* Says "left" first if it has not been said. */
void presence_free(struct presence *p);

/* The ticket is on screen / a key was typed into a reply on it / it closed.  Each
 * says the state when it changed or PRESENCE_ANNOUNCE_MS have passed since it was
 * last said, so calling them on every key is cheap. */
void presence_viewing(struct presence *p);
void presence_typing(struct presence *p);
void presence_left(struct presence *p);
/* The reply was sent or put aside: viewing again now, not PRESENCE_TYPING_IDLE_MS
 * later (a colleague would wait for a reply that is already there). */
void presence_typing_done(struct presence *p);

/* Re-announces, turns idle typing back into viewing, forgets the silent.  Returns
 * true when presence_describe's text may have changed. */
bool presence_tick(struct presence *p);

/* One payload of DB_PRESENCE_CHANNEL.  Returns true when it changed what the
 * tracker describes (another ticket's, the user's own and malformed ones do not). */
bool presence_on_notify(struct presence *p, const char *payload);

/* "Ayşe is viewing", "Ayşe and Béla are typing", "3 people are viewing", typing
 * first when some type and some view; "" when nobody else is there.  The user's own
 * login is never named.  Returns strlen of the whole text (as snprintf). */
size_t presence_describe(const struct presence *p, char *buf, size_t n);

/* The console's side: a NOTIFY on DB_PRESENCE_CHANNEL goes to every live
 * tracker.  Returns false for any other channel (the caller handles it), true when
 * it was presence; *changed says whether some tracker's text changed. */
bool presence_dispatch(const char *channel, const char *payload, bool *changed);

#endif
