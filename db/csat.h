#ifndef BACKDESK_DB_CSAT_H
#define BACKDESK_DB_CSAT_H
/* Satisfaction survey answers, through api.record_csat: the database checks the
 * caller's role, the score's range and that a ticket is rated once. */
#include <libpq-fe.h>

/* score is the customer's 1 to 5; comment may be NULL.  0, or -1 with *err (the
 * server's refusal in words, caller frees). */
int db_csat_record(PGconn *c, const char *ticket, int score, const char *comment, char **err);

#endif
