#ifndef BACKDESK_DB_AUTOCLOSE_H
#define BACKDESK_DB_AUTOCLOSE_H
/* What cron closes when the shop's days are up: resolved tickets
 * (api.close_solved_tickets) and resolved returns (api.close_resolved_returns).
 * The database checks that the caller is an admin. */
#include <libpq-fe.h>

enum db_autoclose {
	DB_AUTOCLOSE_TICKETS, /* resolved longer ago than ticket_autoclose_days */
	DB_AUTOCLOSE_RETURNS, /* resolved longer ago than return_autoclose_days */
};

/* Closes them; returns how many, or -1 with *err set. */
long long db_autoclose(PGconn *c, enum db_autoclose what, char **err);

#endif
