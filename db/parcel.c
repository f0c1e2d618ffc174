#include "db/parcel.h"

unsigned db_parcel_detail(struct db_session *s, const char *id, db_result_fn cb, void *arg)
{
	const char *params[1] = { id };

	return db_session_query(s, "SELECT api.parcel_detail($1::bigint)::text", 1, params, DB_Q_READ, cb,
				arg);
}

unsigned db_lookup_parcel(struct db_session *s, const char *tracking_no, db_result_fn cb, void *arg)
{
	const char *params[1] = { tracking_no };

	return db_session_query(s,
				"SELECT id::text, tracking_no FROM backdesk.shipments "
				"WHERE tracking_no IN ($1, upper($1)) LIMIT 1",
				1, params, DB_Q_READ, cb, arg);
}

unsigned db_parcel_approve_delay(struct db_session *s, const char *notice_id, const char *how,
				 const char *amount, const char *key, db_result_fn cb, void *arg)
{
	const char *params[4] = { notice_id, how, amount, key };

	return db_session_query(s, "SELECT api.approve_delay_notice($1::bigint, $2, $3::numeric, $4::uuid)",
				4, params, 0, cb, arg);
}

unsigned db_parcel_preview_delay(struct db_session *s, const char *notice_id, const char *how,
				 const char *amount, db_result_fn cb, void *arg)
{
	const char *params[3] = { notice_id, how, amount };

	return db_session_query(s,
				"SELECT recipient, lang, subject, message, channel, coalesce(vars::text, '') "
				"FROM api.preview_delay_notice($1::bigint, $2, $3::numeric)",
				3, params, DB_Q_READ, cb, arg);
}

unsigned db_parcel_dismiss_delay(struct db_session *s, const char *notice_id, const char *reason,
				 db_result_fn cb, void *arg)
{
	const char *params[2] = { notice_id, reason };

	return db_session_query(s, "SELECT api.dismiss_delay_notice($1::bigint, $2)", 2, params, 0, cb, arg);
}
