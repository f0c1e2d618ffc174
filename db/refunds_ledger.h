#ifndef BACKDESK_DB_REFUNDS_LEDGER_H
#define BACKDESK_DB_REFUNDS_LEDGER_H
/* Who gave what back: the refunds of a day (api.refunds_of_day; an order's come
 * with api.order_detail), and giving a gift code (api.issue_gift_code).  The
 * database decides who may read or give them (the warehouse: BD001). */
#include "db/session.h"

/* The refunds of the shop's day: days_back 0 today, 1 yesterday, or -1 and
 * date YYYY-MM-DD; newest first.  Columns below; order_id is "" when the order
 * cannot be read. */
enum {
	DB_RDAY_COL_TIME,   /* HH:MM */
	DB_RDAY_COL_DAY,    /* YYYY-MM-DD, the shop's day it belongs to */
	DB_RDAY_COL_ORDER,
	DB_RDAY_COL_ORDER_ID,
	DB_RDAY_COL_KIND,
	DB_RDAY_COL_AMOUNT, /* "149.90" */
	DB_RDAY_COL_CURRENCY,
	DB_RDAY_COL_REASON,
	DB_RDAY_COL_RETURN, /* "" when the refund is no return's */
	DB_RDAY_COL_LOGIN,
	DB_RDAY_COL_NAME,
	DB_RDAY_NCOLS
};
unsigned db_refunds_of_day(struct db_session *s, int days_back, const char *date, db_result_fn cb,
			   void *arg);

/* A gift code for the order's customer: exactly one of amount and percent (the
 * other NULL), a reason code (delay_compensation, feedback_reward, goodwill), the
 * reason in words, and the attempt's idempotency key.  One row: the code. */
unsigned db_gift_code_issue(struct db_session *s, const char *order_number, const char *amount,
			    const char *percent, const char *reason_code, const char *reason,
			    const char *key, db_result_fn cb, void *arg);

#endif
