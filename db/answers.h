#ifndef BACKDESK_DB_ANSWERS_H
#define BACKDESK_DB_ANSWERS_H
/* Answer templates filled with an order's data (api.order_answers), and sending
 * one to the customer (api.queue_template). */
#include "db/session.h"

/* One row, one column: a JSON array of {template_id (text), category, title, body,
 * why_not}: first the answers that fit the order (body filled, why_not null), then the
 * others (body null, why_not says why). */
unsigned db_answers_for_order(struct db_session *s, const char *number, db_result_fn cb, void *arg);
/* One row, one cell: the outbox id. */
unsigned db_answer_send(struct db_session *s, const char *template_id, const char *number,
			db_result_fn cb, void *arg);

#endif
