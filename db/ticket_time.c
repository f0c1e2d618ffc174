#include "db/ticket_time.h"

#include <stdio.h>

unsigned db_ticket_add_time(struct db_session *s, const char *ticket, int seconds,
			    db_result_fn cb, void *arg)
{
	char secs[16];
	const char *params[] = { ticket, secs };

	(void)snprintf(secs, sizeof secs, "%d", seconds);
	return db_session_query(s, "SELECT api.add_ticket_time($1, $2::integer)", 2, params,
				DB_Q_BACKGROUND, cb, arg);
}
