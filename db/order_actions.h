#ifndef BACKDESK_DB_ORDER_ACTIONS_H
#define BACKDESK_DB_ORDER_ACTIONS_H
/* What an agent does to an order, each one api function (db/migrations/0006): the
 * database checks the role, the state and the version, and writes the audit row.
 * `version` is the order's version as the agent saw it; the answer to a stale one
 * is BD004 "changed by NAME at HH:MM". */
#include "db/session.h"

unsigned db_order_cancel(struct db_session *s, const char *number, const char *reason,
			 const char *version, db_result_fn cb, void *arg);
/* address_json: {"line1", "line2", "city", "postcode", "country"} */
unsigned db_order_change_address(struct db_session *s, const char *number,
				 const char *address_json, const char *version, db_result_fn cb,
				 void *arg);
unsigned db_order_refund_fee(struct db_session *s, const char *number, const char *reason,
			     const char *key, const char *version, db_result_fn cb, void *arg);
/* how: "refund" or "gift_code"; amount as typed ("50.00"). */
unsigned db_order_compensate(struct db_session *s, const char *number, const char *how,
			     const char *amount, const char *reason, const char *key,
			     const char *version, db_result_fn cb, void *arg);
/* entity: "order" or "customer" */
unsigned db_note_add(struct db_session *s, const char *entity, const char *id, const char *body,
		     db_result_fn cb, void *arg);
/* kind: "order_confirmation" or "tracking" */
/* The message api.queue_message would queue, not queued (api.preview_message):
 * one row of recipient, lang, subject, message, channel, vars (text, '' when the
 * text is final). */
unsigned db_order_preview_message(struct db_session *s, const char *number, const char *kind,
				  db_result_fn cb, void *arg);
unsigned db_order_queue_message(struct db_session *s, const char *number, const char *kind,
				db_result_fn cb, void *arg);
/* order_number may be NULL; returns the ticket number in the one cell.  Refused with
 * DB_TICKET_DUPLICATE (db/tickets.h) when one of the category is open about the order,
 * unless open_anyway (the agent saw it). */
unsigned db_ticket_open(struct db_session *s, const char *customer_id, const char *order_number,
			const char *channel, const char *category, const char *priority,
			const char *subject, const char *body, bool open_anyway, db_result_fn cb,
			void *arg);
/* ticket_number NULL: a new ticket; returns the ticket number in the one cell.  A new
 * ticket is refused with DB_TICKET_DUPLICATE (db/tickets.h) while the customer has an
 * open one of the category, unless open_anyway (the agent saw it). */
unsigned db_call_log(struct db_session *s, const char *customer_id, const char *ticket_number,
		     const char *category, const char *outcome, const char *note,
		     const char *seconds, bool open_anyway, db_result_fn cb, void *arg);

#endif
