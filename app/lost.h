#ifndef BACKDESK_APP_LOST_H
#define BACKDESK_APP_LOST_H
/* What the console says when the database goes away, as it retries every few
 * seconds: once per reason, not once per attempt (a long outage would push every
 * earlier message out of the message log), in one line of words. */

#include <stdbool.h>

struct lost_said {
	char *last; /* the reason said last in this outage; NULL: none yet */
};

/* The message for one failed attempt with libpq's reason, or NULL when the same
 * reason was said already in this outage.  ever: the console was connected once
 * (else it never reached the database, and nothing was lost).  Caller frees. */
char *lost_message(struct lost_said *said, const char *reason, bool ever);
/* The connection is back: the next outage is told again. */
void lost_reset(struct lost_said *said);

#endif
