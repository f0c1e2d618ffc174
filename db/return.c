#include "db/return.h"

#define Q(sql, ...) \
	db_session_query(s, (sql), (int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *)), \
			 (const char *[]){ __VA_ARGS__ }, 0, cb, arg)

/* Screens open a return by id (the list, the lookup); the api reads numbers.  A
 * missing id gives api.return_detail a NULL, which it refuses as not found. */
unsigned db_return_detail(struct db_session *s, const char *id, db_result_fn cb, void *arg)
{
	const char *params[1] = { id };

	return db_session_query(s,
				"SELECT api.return_detail((SELECT number FROM backdesk.returns "
				"WHERE id = $1::bigint))::text",
				1, params, DB_Q_READ, cb, arg);
}

unsigned db_lookup_return(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	const char *params[1] = { number };

	return db_session_query(s,
				"SELECT id::text, number FROM backdesk.returns "
				"WHERE number IN ($1, upper($1)) LIMIT 1",
				1, params, DB_Q_READ, cb, arg);
}

unsigned db_return_approve(struct db_session *s, const char *number, const char *version,
			   db_result_fn cb, void *arg)
{
	return Q("SELECT api.approve_return($1, $2::int)", number, version);
}

unsigned db_return_reject(struct db_session *s, const char *number, const char *reason,
			  const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.reject_return($1, $2, $3::int)", number, reason, version);
}

unsigned db_return_parcel(struct db_session *s, const char *number, const char *carrier,
			  const char *tracking_no, const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.set_return_parcel($1, $2, $3, $4::int)", number, carrier, tracking_no,
		 version);
}

unsigned db_return_receive(struct db_session *s, const char *number, const char *version,
			   db_result_fn cb, void *arg)
{
	return Q("SELECT api.receive_return($1, $2::int)", number, version);
}

unsigned db_return_inspect(struct db_session *s, const char *number, const char *lines_json,
			   const char *note, const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.inspect_return($1, $2::jsonb, $3, $4::int)", number, lines_json, note,
		 version);
}

unsigned db_return_refund(struct db_session *s, const char *number, const char *key,
			  const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.refund_return($1, $2::uuid, $3::int)", number, key, version);
}

unsigned db_return_exchange(struct db_session *s, const char *number, const char *version,
			    db_result_fn cb, void *arg)
{
	return Q("SELECT api.exchange_return($1, $2::int)", number, version);
}

unsigned db_return_repair(struct db_session *s, const char *number, const char *note,
			  const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.repair_return($1, $2, $3::int)", number, note, version);
}

unsigned db_return_store_credit(struct db_session *s, const char *number, const char *key,
				const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.store_credit_return($1, $2::uuid, $3::int)", number, key, version);
}

unsigned db_return_close(struct db_session *s, const char *number, const char *version,
			 db_result_fn cb, void *arg)
{
	return Q("SELECT api.close_return($1, $2::int)", number, version);
}
