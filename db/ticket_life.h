#ifndef BACKDESK_DB_TICKET_LIFE_H
#define BACKDESK_DB_TICKET_LIFE_H
/* A ticket's life for the non-interactive commands (cron): api.close_solved_tickets.
 * The database checks that the caller is an admin. */
#include <libpq-fe.h>

/* Closes the tickets resolved longer ago than the shop's ticket_autoclose_days.
 * Returns how many, or -1 with *err set. */
long long db_tickets_autoclose(PGconn *c, char **err);

#endif
