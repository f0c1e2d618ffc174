#ifndef BACKDESK_DB_CSAT_H
#define BACKDESK_DB_CSAT_H
/* Satisfaction survey answers, through api.record_csat: the database checks the
 * caller's role, the score's range and that a ticket is rated once. */
#include <libpq-fe.h>

#include "db/session.h"

/* score is the customer's 1 to 5; comment may be NULL.  0, or -1 with *err (the
 * server's refusal in words, caller frees). */
int db_csat_record(PGconn *c, const char *ticket, int score, const char *comment, char **err);

/* api.csat_by_agent over the last `days` days, best score first: one row an agent. */
enum { DB_CSAT_COL_LOGIN, DB_CSAT_COL_NAME, DB_CSAT_COL_RATED, DB_CSAT_COL_AVERAGE, DB_CSAT_COL_SATISFIED };
unsigned db_csat_by_agent(struct db_session *s, int days, db_result_fn cb, void *arg);

#endif
