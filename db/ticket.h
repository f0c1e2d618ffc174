#ifndef BACKDESK_DB_TICKET_H
#define BACKDESK_DB_TICKET_H
/* One ticket, for the ticket screen: the document it shows and the api calls
 * its keys make.  Every change passes the version the agent saw (NULL: do not
 * check); the api answers BD004 naming who changed it in between. */
#include "db/channels.h"
#include "db/session.h"

/* One row, one column: the ticket and its messages (oldest first) as JSON text;
 * {"missing": true} when there is no ticket with this id. */
unsigned db_ticket_detail(struct db_session *s, const char *id, db_result_fn cb, void *arg);

/* One row (id, number) for the ticket with this number (exact, or upper-cased), or none. */
unsigned db_lookup_ticket(struct db_session *s, const char *number, db_result_fn cb, void *arg);

/* Each answers one row, one column: the ticket's new version (a message: its id). */
unsigned db_ticket_set_status(struct db_session *s, const char *number, const char *status,
			      const char *version, db_result_fn cb, void *arg);
unsigned db_ticket_set_priority(struct db_session *s, const char *number, const char *priority,
				const char *version, db_result_fn cb, void *arg);
/* The time spent as a whole, in minutes (api.set_ticket_time, which keeps seconds). */
unsigned db_ticket_set_time(struct db_session *s, const char *number, const char *minutes,
			    const char *version, db_result_fn cb, void *arg);
unsigned db_ticket_set_category(struct db_session *s, const char *number, const char *category,
				const char *version, db_result_fn cb, void *arg);
/* assignee: a staff login, or NULL to unassign. */
unsigned db_ticket_assign(struct db_session *s, const char *number, const char *assignee,
			  const char *version, db_result_fn cb, void *arg);
/* kind: note, reply or call; call_seconds only for a call (else NULL). */
unsigned db_ticket_add_message(struct db_session *s, const char *number, const char *kind,
			       const char *body, const char *version, const char *call_seconds,
			       db_result_fn cb, void *arg);
/* This ticket (the duplicate) into survivor; answers the survivor's new version. */
unsigned db_ticket_merge(struct db_session *s, const char *number, const char *survivor,
			 const char *version, db_result_fn cb, void *arg);
/* NULL leaves that link as it is. */
unsigned db_ticket_link(struct db_session *s, const char *number, const char *order_number,
			const char *tracking_no, const char *return_number, const char *version,
			db_result_fn cb, void *arg);

/* api.ticket_macros(): rows (code, name, summary). */
enum { TICKET_MACRO_CODE, TICKET_MACRO_NAME, TICKET_MACRO_SUMMARY };
unsigned db_ticket_macros(struct db_session *s, db_result_fn cb, void *arg);
/* The reply api.add_ticket_message would queue for this body, not queued
 * (api.preview_reply): one row of recipient, lang, subject, message, channel,
 * vars (text, '' for a message whose subject and text are final), kind: the
 * first six as views/message_preview.h takes a notice's. */
enum { TICKET_PREVIEW_KIND = 6 };
unsigned db_ticket_preview_reply(struct db_session *s, const char *number, const char *body,
				 const char *version, db_result_fn cb, void *arg);
/* One row, one column: the macro's reply as it would go to this ticket's customer. */
unsigned db_ticket_preview_macro(struct db_session *s, const char *number, const char *macro,
				 db_result_fn cb, void *arg);
unsigned db_ticket_apply_macro(struct db_session *s, const char *number, const char *macro,
			       const char *version, db_result_fn cb, void *arg);

/* Rows (login, full name) of the active staff a ticket can be assigned to, by name. */
enum { TICKET_STAFF_LOGIN, TICKET_STAFF_NAME };
unsigned db_ticket_assignees(struct db_session *s, db_result_fn cb, void *arg);

#endif
