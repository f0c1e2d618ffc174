#ifndef BACKDESK_APP_OUTBOX_SEND_H
#define BACKDESK_APP_OUTBOX_SEND_H
/* One sending round of the outbox: claim a batch, build each message (its final
 * subject and body, or its template file rendered with its values), hand it to
 * the mail server, mark it.  `backdesk notify --send` runs one round; the
 * console's sender thread runs one a minute.  Both on a blocking connection of
 * their own, never the console's. */
#include <stdatomic.h>
#include <stdbool.h>

#include <libpq-fe.h>

#include "config/config.h"

struct outbox_sender;

struct outbox_round {
	int claimed, sent, later, parked;
	int server_down;   /* the round stopped: the server or the set-up is at fault */
	char *last_error;  /* the last failure's sentence, or NULL; owned by the round */
};

/* Checks [mail] (smtp_url, from), reads the password file and loads the templates:
 * NULL with *err saying what to fix (FILE:LINE for a template). */
struct outbox_sender *outbox_sender_new(const struct config *cfg, char **err);
void outbox_sender_free(struct outbox_sender *s);
/* The console's sender thread: a flag that ends a message in flight when set. */
void outbox_sender_set_abort(struct outbox_sender *s, const atomic_bool *flag);

/* Runs one round of at most limit messages with a lease of lease_seconds.
 * Returns 0 (see *r for what happened to each), or -1 with *err when the
 * database refused (not an admin, connection lost). */
int outbox_send_round(struct outbox_sender *s, PGconn *c, int limit, int lease_seconds,
		      struct outbox_round *r, char **err);
void outbox_round_free(struct outbox_round *r);

/* The folder `make install` fills with the template files. */
const char *outbox_installed_templates(void);

#endif
