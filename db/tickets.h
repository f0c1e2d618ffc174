#ifndef BACKDESK_DB_TICKETS_H
#define BACKDESK_DB_TICKETS_H
/* A customer's tickets as a call needs them. */
#include "db/session.h"

/* api.customer_open_tickets: rows of the columns below, newest change first. */
enum { OPEN_TICKET_NUMBER, OPEN_TICKET_SUBJECT, OPEN_TICKET_CATEGORY, OPEN_TICKET_STATUS,
       OPEN_TICKET_ORDER };
unsigned db_customer_open_tickets(struct db_session *s, const char *customer_id, db_result_fn cb,
				  void *arg);

/* api.open_ticket refuses with this SQLSTATE when the customer already has an open
 * ticket of the category about the order, api.log_call when a call would open a new
 * ticket beside an open one of the category; the error's DETAIL is that ticket's
 * number. */
#define DB_TICKET_DUPLICATE "BD007"

#endif
