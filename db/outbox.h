#ifndef BACKDESK_DB_OUTBOX_H
#define BACKDESK_DB_OUTBOX_H
/* The outbox's delivery, blocking (0045): claim a batch, mark each sent or
 * failed.  For `backdesk notify --send` and the console's sender thread, each on
 * a connection of its own.  The database checks that the caller is an admin. */
#include <libpq-fe.h>

struct db_outbox_msg {
	long long id;
	char *kind, *recipient, *subject, *body, *lang;
	char *vars;       /* a JSON object, or NULL: subject and body are final */
	char *message_id;
	char *refs;       /* a JSON array of the thread's earlier Message-IDs */
	int attempts;
	char *claim;      /* the claim's token, for marking */
};

/* Whether the login may send (an admin or a superuser): 1, 0, or -1 with *err. */
int db_outbox_may_send(PGconn *c, char **err);

/* Claims up to limit due messages with a lease of lease_seconds.  Returns how many
 * (*out owns them: db_outbox_free), or -1 with *err. */
int db_outbox_claim(PGconn *c, int limit, int lease_seconds, struct db_outbox_msg **out, char **err);
void db_outbox_free(struct db_outbox_msg *m, int n);

int db_outbox_mark_sent(PGconn *c, const struct db_outbox_msg *m, char **err);
enum db_outbox_failure {
	DB_OUTBOX_TEMPORARY,   /* try again after the back-off; parked after max_attempts */
	DB_OUTBOX_PERMANENT,   /* parked now */
	DB_OUTBOX_SERVER_DOWN, /* not this message's fault: not counted, again in a minute */
};

/* Returns 1 when the message was parked (failed), 0 when it waits to be tried
 * again, -1 with *err. */
int db_outbox_mark_failed(PGconn *c, const struct db_outbox_msg *m, const char *why,
			  enum db_outbox_failure how, int max_attempts, char **err);

#endif
