#include "db/order_actions.h"

#define Q(sql, ...) \
	db_session_query(s, (sql), (int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *)), \
			 (const char *[]){ __VA_ARGS__ }, 0, cb, arg)

unsigned db_order_cancel(struct db_session *s, const char *number, const char *reason,
			 const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.cancel_order($1, $2, $3::int)", number, reason, version);
}

unsigned db_order_change_address(struct db_session *s, const char *number,
				 const char *address_json, const char *version, db_result_fn cb,
				 void *arg)
{
	return Q("SELECT api.change_address($1, $2::jsonb, $3::int)", number, address_json, version);
}

unsigned db_order_refund_fee(struct db_session *s, const char *number, const char *reason,
			     const char *key, const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.refund_shipping_fee($1, $2, $3::uuid, $4::int)", number, reason, key,
		 version);
}

unsigned db_order_compensate(struct db_session *s, const char *number, const char *how,
			     const char *amount, const char *reason, const char *key,
			     const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.compensate_delay($1, $2, $3::numeric, $4, $5::uuid, $6::int)", number, how,
		 amount, reason, key, version);
}

unsigned db_note_add(struct db_session *s, const char *entity, const char *id, const char *body,
		     db_result_fn cb, void *arg)
{
	return Q("SELECT api.add_note($1, $2::bigint, $3)", entity, id, body);
}

unsigned db_order_queue_message(struct db_session *s, const char *number, const char *kind,
				db_result_fn cb, void *arg)
{
	return Q("SELECT api.queue_message($1, $2)", number, kind);
}

unsigned db_order_preview_message(struct db_session *s, const char *number, const char *kind,
				  db_result_fn cb, void *arg)
{
	const char *params[2] = { number, kind };

	return db_session_query(s,
				"SELECT recipient, lang, subject, message, channel, coalesce(vars::text, '') "
				"FROM api.preview_message($1, $2)",
				2, params, DB_Q_READ, cb, arg);
}

unsigned db_ticket_open(struct db_session *s, const char *customer_id, const char *order_number,
			const char *channel, const char *category, const char *priority,
			const char *subject, const char *body, bool open_anyway, db_result_fn cb,
			void *arg)
{
	return Q("SELECT api.open_ticket($1::bigint, $2, $3, $4, $5, $6, $7, $8::boolean)", customer_id,
		 order_number, channel, category, priority, subject, body, open_anyway ? "true" : "false");
}

unsigned db_call_log(struct db_session *s, const char *customer_id, const char *ticket_number,
		     const char *category, const char *outcome, const char *note,
		     const char *seconds, bool open_anyway, db_result_fn cb, void *arg)
{
	return Q("SELECT api.log_call($1::bigint, $2, $3, $4, $5, $6::int, $7::boolean)", customer_id,
		 ticket_number, category, outcome, note, seconds, open_anyway ? "true" : "false");
}
