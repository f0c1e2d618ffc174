#ifndef BACKDESK_DB_TICKET_TIME_H
#define BACKDESK_DB_TICKET_TIME_H
/* Time spent on a ticket (api.add_ticket_time, migration 0028): additive, so no
 * version is checked. */
#include "db/session.h"

/* Adds seconds (> 0) to the ticket's total; the answer's one cell is the total
 * after.  A change: never sent twice by the session. */
unsigned db_ticket_add_time(struct db_session *s, const char *ticket, int seconds,
			    db_result_fn cb, void *arg);

#endif
