#include "db/refunds_ledger.h"

#include <stdio.h>

unsigned db_refunds_of_day(struct db_session *s, int days_back, const char *date, db_result_fn cb,
			   void *arg)
{
	char back[16];
	const char *params[2] = { days_back < 0 ? date : NULL, back };

	(void)snprintf(back, sizeof back, "%d", days_back < 0 ? 0 : days_back);
	/* NULL is the api's today; yesterday is the shop's, reckoned where its time
	 * zone is known.  The order's id is for Enter (no look-up on the way). */
	return db_session_query(s,
				"SELECT to_char(r.at, 'HH24:MI'), backdesk.shop_date(r.at)::text, "
				"r.order_number, coalesce(o.id::text, ''), r.kind, r.amount::text, "
				"r.currency, r.reason, coalesce(r.return_number, ''), r.by_login, "
				"coalesce(r.by_name, r.by_login) "
				"FROM api.refunds_of_day(CASE WHEN $2::int = 0 THEN $1::date "
				"ELSE backdesk.shop_date(now()) - $2::int END) r "
				"LEFT JOIN backdesk.orders o ON o.number = r.order_number "
				"ORDER BY r.at DESC",
				2, params, DB_Q_READ, cb, arg);
}

unsigned db_gift_code_issue(struct db_session *s, const char *order_number, const char *amount,
			    const char *percent, const char *reason_code, const char *reason,
			    const char *key, db_result_fn cb, void *arg)
{
	const char *params[6] = { order_number, amount, percent, reason_code, reason, key };

	return db_session_query(s,
				"SELECT api.issue_gift_code($1, $2::numeric, $3::numeric, $4, $5, $6::uuid)",
				6, params, 0, cb, arg);
}
