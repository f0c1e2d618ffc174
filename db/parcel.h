#ifndef BACKDESK_DB_PARCEL_H
#define BACKDESK_DB_PARCEL_H
/* One parcel, for the parcel screen: the document it shows (api.parcel_detail)
 * and its delay notice's two decisions.  Each answers one row, one column. */
#include "db/channels.h"
#include "db/session.h"

/* One row, one column: api.parcel_detail of the parcel with this id, as JSON text. */
unsigned db_parcel_detail(struct db_session *s, const char *id, db_result_fn cb, void *arg);
/* One row (id, tracking number) for the parcel with this tracking number (exact,
 * or upper-cased), or none. */
unsigned db_lookup_parcel(struct db_session *s, const char *tracking_no, db_result_fn cb, void *arg);

/* how: refund or gift_code; key: a UUID made once per attempt, so a retry cannot
 * pay twice.  Answers the outbox id of the customer's message. */
unsigned db_parcel_approve_delay(struct db_session *s, const char *notice_id, const char *how,
				 const char *amount, const char *key, db_result_fn cb, void *arg);
/* The delay message approving would queue, nothing approved
 * (api.preview_delay_notice): one row of recipient, lang, subject, message,
 * channel, vars (text, '' when the text is final). */
unsigned db_parcel_preview_delay(struct db_session *s, const char *notice_id, const char *how,
				 const char *amount, db_result_fn cb, void *arg);
unsigned db_parcel_dismiss_delay(struct db_session *s, const char *notice_id, const char *reason,
				 db_result_fn cb, void *arg);

#endif
