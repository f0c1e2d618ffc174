#ifndef BACKDESK_VIEWS_TICKETS_TIME_H
#define BACKDESK_VIEWS_TICKETS_TIME_H
/* How the Tickets list writes time: a due date as a countdown ("in 42m",
 * "3h late") and an age ("5d").  Pure, so a unit test holds the words. */
#include <stddef.h>

/* secs until the due moment (negative: past it).  Minutes within the hour, hours
 * within two days, days beyond. */
void tickets_countdown(long long secs, char *out, size_t outlen);
/* secs since the ticket was opened, in the same units, without "in". */
void tickets_age(long long secs, char *out, size_t outlen);

#endif
