#ifndef BACKDESK_DB_RETURN_H
#define BACKDESK_DB_RETURN_H
/* One return (RMA), for the return screen: the document it shows and the api
 * calls of its steps (migrations 0037, 0038).  Every change passes the version
 * the user saw (NULL: do not check); the api answers BD004 naming who changed it
 * in between, and each answers one row, one column (a version, a refund id, an
 * order number or a gift code). */
#include "db/channels.h"
#include "db/session.h"

/* One row, one column: api.return_detail of the return with this id, as JSON text. */
unsigned db_return_detail(struct db_session *s, const char *id, db_result_fn cb, void *arg);
/* One row (id, number) for the return with this number (exact, or upper-cased), or none. */
unsigned db_lookup_return(struct db_session *s, const char *number, db_result_fn cb, void *arg);

unsigned db_return_approve(struct db_session *s, const char *number, const char *version,
			   db_result_fn cb, void *arg);
unsigned db_return_reject(struct db_session *s, const char *number, const char *reason,
			  const char *version, db_result_fn cb, void *arg);
/* carrier: a carrier code (yurtici, aras…). */
unsigned db_return_parcel(struct db_session *s, const char *number, const char *carrier,
			  const char *tracking_no, const char *version, db_result_fn cb, void *arg);
unsigned db_return_receive(struct db_session *s, const char *number, const char *version,
			   db_result_fn cb, void *arg);
/* lines_json: [{"line_no", "condition", "accepted_qty", "disposition"}], every line once. */
unsigned db_return_inspect(struct db_session *s, const char *number, const char *lines_json,
			   const char *note, const char *version, db_result_fn cb, void *arg);
/* key: a UUID made once per attempt, so a retry cannot pay twice. */
unsigned db_return_refund(struct db_session *s, const char *number, const char *key,
			  const char *version, db_result_fn cb, void *arg);
unsigned db_return_exchange(struct db_session *s, const char *number, const char *version,
			    db_result_fn cb, void *arg);
unsigned db_return_repair(struct db_session *s, const char *number, const char *note,
			  const char *version, db_result_fn cb, void *arg);
unsigned db_return_store_credit(struct db_session *s, const char *number, const char *key,
				const char *version, db_result_fn cb, void *arg);
unsigned db_return_close(struct db_session *s, const char *number, const char *version,
			 db_result_fn cb, void *arg);

#endif
