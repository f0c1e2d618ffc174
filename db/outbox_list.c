#include "db/outbox_list.h"

unsigned db_outbox_list(struct db_session *s, bool parked_only, db_result_fn cb, void *arg)
{
	const char *params[1] = { parked_only ? "t" : "f" };

	return db_session_query(s,
				"SELECT o.id::text, o.state, o.kind, o.recipient, o.lang, o.attempts::text, "
				"coalesce(o.last_error, ''), "
				"to_char(CASE WHEN o.state = 'failed' THEN o.failed_at ELSE o.next_try_at END, "
				"'MM-DD HH24:MI'), o.subject, o.body, coalesce(o.vars::text, ''), o.message_id "
				"FROM backdesk.outbox o WHERE o.state <> 'sent' AND o.channel = 'email' "
				"AND (NOT $1::boolean OR o.state = 'failed') "
				"ORDER BY o.state = 'failed' DESC, o.failed_at DESC NULLS LAST, o.next_try_at, o.id "
				"LIMIT 500",
				1, params, DB_Q_READ, cb, arg);
}

unsigned db_outbox_retry(struct db_session *s, const char *id, db_result_fn cb, void *arg)
{
	const char *params[1] = { id };

	return db_session_query(s, "SELECT api.outbox_retry($1::bigint)", 1, params, 0, cb, arg);
}
