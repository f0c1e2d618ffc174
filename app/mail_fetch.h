#ifndef BACKDESK_APP_MAIL_FETCH_H
#define BACKDESK_APP_MAIL_FETCH_H
/* One fetch of the support mailbox into tickets: `backdesk mail --fetch` and the
 * console's background fetch run the same thing. */
#include <libpq-fe.h>
#include <stdatomic.h>
#include <stdio.h>

#include "config/config.h"

struct mail_fetch_result {
	unsigned long unseen;     /* new in the mailbox */
	unsigned long stored;     /* stored and marked \Seen */
	unsigned long failed;     /* left unseen for next time */
	unsigned long new_tickets, replies, machine, ignored, duplicates, skipped;
	char *error;              /* the session's failure, a sentence; NULL when it went through */
};

/* Whether [mail] is set up for fetching; else *why (static, translated). */
int mail_fetch_ready(const struct config *cfg, const char **why);

/* Fetches up to limit new mails into the database on c (a blocking connection of
 * a login in the shop or admin group).  log (may be NULL) gets a line per mail.
 * Returns 0 when everything went through, -1 when anything failed (res says what;
 * free res->error). */
int mail_fetch_once(const struct config *cfg, PGconn *c, unsigned long limit, atomic_int *stop,
		    FILE *log, struct mail_fetch_result *res);

#endif
