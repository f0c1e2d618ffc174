#ifndef BACKDESK_DB_PRESENCE_H
#define BACKDESK_DB_PRESENCE_H
/* Who else has a ticket open (api.ticket_presence, migration 0031): said through
 * NOTIFY on DB_PRESENCE_CHANNEL, never stored.  Sending is fire-and-forget: a
 * presence lost on the way is said again two seconds later. */
#include <stdbool.h>

#include "db/channels.h"
#include "db/session.h"

enum db_presence_state {
	DB_PRESENCE_VIEWING,
	DB_PRESENCE_TYPING,
	DB_PRESENCE_LEFT,
};

/* The word the api and the payload use ("viewing", "typing", "left"). */
const char *db_presence_state_word(enum db_presence_state state);

/* Sends api.ticket_presence(ticket, state) unless the session is not connected
 * (a presence queued for a reconnect would be stale).  No answer is awaited.
 * Returns whether it was sent. */
bool db_presence_send(struct db_session *s, const char *ticket, enum db_presence_state state);

/* One notification's payload, {"ticket", "login", "name", "state"}. */
struct db_presence_msg {
	char *ticket, *login, *name; /* owned; name falls back to login */
	enum db_presence_state state;
};

/* Reads a payload into *m (free with db_presence_msg_clear).  Returns 0, or -1
 * for anything that is not one (then *m holds nothing). */
int db_presence_parse(const char *payload, struct db_presence_msg *m);
void db_presence_msg_clear(struct db_presence_msg *m);

#endif
