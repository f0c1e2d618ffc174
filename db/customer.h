#ifndef BACKDESK_DB_CUSTOMER_H
#define BACKDESK_DB_CUSTOMER_H
/* The customer screen's data: one query, one round trip (api.customer_360). */
#include "db/session.h"

/* One row, one column: api.customer_360(id) as JSON text; BD003 when there is no
 * such customer. */
unsigned db_customer_360(struct db_session *s, const char *id, db_result_fn cb, void *arg);

/* The NOTIFY channels whose changes the customer screen shows (NULL-terminated). */
extern const char *const db_customer_channels[];

#endif
