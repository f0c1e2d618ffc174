#ifndef BACKDESK_DB_QUEUE_H
#define BACKDESK_DB_QUEUE_H
/* The dashboard's counts for monitoring (backdesk queue): the same document the
 * supervisor's dashboard draws, from api.dashboard(), one round trip. */
#include <libpq-fe.h>

/* The document as the database wrote it (caller frees), or NULL with *err (the
 * server's refusal in words, caller frees). */
char *db_queue_document(PGconn *c, char **err);

#endif
