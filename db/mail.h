#ifndef BACKDESK_DB_MAIL_H
#define BACKDESK_DB_MAIL_H
/* A mail from the support mailbox handed to the database (api.receive_mail), on a
 * blocking connection: `backdesk mail --fetch` and the console's fetch thread. */
#include <libpq-fe.h>
#include <stdbool.h>

struct db_mail_outcome {
	char outcome[16];  /* reply, new_ticket, auto_reply, bounce, ignored */
	char ticket[40];   /* T-...; "" when ignored */
	bool duplicate;    /* the Message-ID was there already: nothing added */
};

/* Hands doc (api.receive_mail's JSON) over, committed when this returns 0; -1 with
 * *err set (caller frees) when refused or the connection failed. */
int db_receive_mail(PGconn *c, const char *doc, struct db_mail_outcome *o, char **err);

#endif
