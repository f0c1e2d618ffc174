#ifndef BACKDESK_VIEWS_TICKET_WATCH_H
#define BACKDESK_VIEWS_TICKET_WATCH_H
/* "Changed while you were typing": the ticket screen tells it every state of the
 * ticket it loads (after a NOTIFY, after F5) and when a reply is begun, sent or
 * dropped; it says whether the ticket moved on since the reply was begun, what the
 * banner says, and whether a send must be confirmed first.
 *
 *   IDLE --begin--> WRITING --a change seen--> CHANGED --send--> ARMED --send--> sent
 *                      |                          ^                 |
 *                      +--send--> sent            +--another change-+
 *
 * A send from CHANGED is refused once (the banner says "send again to confirm");
 * the next goes, with the version the user has now been shown, so a change that
 * lands after that is still refused by the database (BD004) and seen here again.
 * No ncurses, no database: plain state, so it can be tested by itself. */
#include <stdbool.h>
#include <stddef.h>

enum ticket_watch_state {
	WATCH_IDLE,    /* no reply being written */
	WATCH_WRITING, /* a reply begun, nothing changed since */
	WATCH_CHANGED, /* the ticket changed: banner; the next send asks for confirmation */
	WATCH_ARMED,   /* confirmation asked: the next send goes */
};

enum ticket_watch_send {
	WATCH_SEND,    /* send now, with ticket_watch_version() */
	WATCH_CONFIRM, /* do not send: show the banner, the next send goes */
};

/* What a load of the ticket says. */
struct ticket_watch_seen {
	int version;
	long long newest_message_id; /* 0: no message */
	const char *newest_kind;     /* customer, reply, note, call, system; NULL: unknown */
	const char *newest_author;   /* a name for people; NULL: unknown */
	const char *changed_by;      /* who made this version, a name; NULL: unknown */
	bool by_me;                  /* the change is the user's own (another of their screens) */
};

struct ticket_watch;

struct ticket_watch *ticket_watch_new(const char *ticket_number);
void ticket_watch_free(struct ticket_watch *w);

/* Every load of the ticket.  Returns true when the banner appeared or its text
 * changed (redraw).  A change by the user themself moves the baseline quietly. */
bool ticket_watch_seen(struct ticket_watch *w, const struct ticket_watch_seen *now);
/* A reply (or note) is begun on what was last seen. */
void ticket_watch_begin(struct ticket_watch *w);
/* The user asked to send. */
enum ticket_watch_send ticket_watch_send(struct ticket_watch *w);
/* The send was applied / the reply was dropped: back to IDLE. */
void ticket_watch_sent(struct ticket_watch *w);
void ticket_watch_end(struct ticket_watch *w);

enum ticket_watch_state ticket_watch_state(const struct ticket_watch *w);
/* The version to send with: the last one the user was shown (-1: none seen). */
int ticket_watch_version(const struct ticket_watch *w);
/* "T-100004 changed while you were typing: Béla added a reply. Read it before
 * you send; send again to confirm."; "" in IDLE and WRITING.  Returns the whole
 * text's length (as snprintf). */
size_t ticket_watch_banner(const struct ticket_watch *w, char *buf, size_t n);

#endif
