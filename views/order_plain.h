#ifndef BACKDESK_VIEWS_ORDER_PLAIN_H
#define BACKDESK_VIEWS_ORDER_PLAIN_H
/* The order screen's "Where is it" sentence in the user's language, with the
 * locale's dates.  The database writes it in English (plain_status) and, since
 * 0053, gives what it is made of ("plain", on the order and on each parcel): this
 * says the same thing through gettext.  In C it reads exactly as plain_status.
 * Pure (no SQL, no terminal), so a unit test holds the words. */
#include <jansson.h>

#include "common/strbuf.h"

/* Appends the sentence of api.order_detail's document `doc` to sb: from "plain",
 * or plain_status as it came when the database has no "plain" (older than 0053)
 * or gives a case this program does not know. */
void order_plain(json_t *doc, struct strbuf *sb);

#endif
