#include "db/ticket.h"

#define Q(sql, ...) \
	db_session_query(s, (sql), (int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *)), \
			 (const char *[]){ __VA_ARGS__ }, 0, cb, arg)

/* Read as the login (agents, supervisors and admins may SELECT tickets and their
 * messages).  Columns other migrations add to tickets (merged_into, shipment_id,
 * return_id, time_spent, sla_paused_at) are read through to_jsonb(t), so the
 * screen works on a schema with or without them.  The SLA due is the first
 * response's until there was one, then the resolution's; due_in is seconds from
 * the server's now (negative: overdue).  A message's login is its author's
 * (views/ticket_watch.h tells the user's own from a colleague's by it); who made
 * a version that added no message is in audit_log, which agents may not read:
 * api.ticket_version_author (0035) names that one person. */
static const char detail_sql[] =
	"SELECT COALESCE(("
	" SELECT json_build_object("
	"  'id', t.id, 'number', t.number, 'status', t.status, 'priority', t.priority,"
	"  'category', t.category, 'channel', t.channel, 'subject', t.subject,"
	"  'version', t.version, 'created_at', to_char(t.created_at, 'YYYY-MM-DD HH24:MI'),"
	"  'customer', (SELECT json_build_object('id', c.id, 'name', c.name, 'email', c.email,"
	"                                        'phone', c.phone)"
	"               FROM backdesk.customers c WHERE c.id = t.customer_id),"
	"  'order_number', (SELECT o.number FROM backdesk.orders o WHERE o.id = t.order_id),"
	"  'tracking_no', (SELECT p.tracking_no FROM backdesk.shipments p"
	"                  WHERE p.id = (j.t ->> 'shipment_id')::bigint),"
	"  'return_number', (SELECT r.number FROM backdesk.returns r"
	"                    WHERE r.id = (j.t ->> 'return_id')::bigint),"
	"  'merged_into', (SELECT m.number FROM backdesk.tickets m"
	"                  WHERE m.id = (j.t ->> 'merged_into')::bigint),"
	"  'assignee', (SELECT json_build_object('login', a.login, 'name', a.full_name)"
	"               FROM backdesk.staff a WHERE a.id = t.assignee_id),"
	"  'due_kind', CASE WHEN t.first_response_at IS NULL THEN 'first_response' ELSE 'resolve' END,"
	"  'due_at', to_char(t.sla_next_due, 'YYYY-MM-DD HH24:MI'),"
	"  'due_in', floor(extract(epoch FROM t.sla_next_due - now()))::bigint,"
	"  'paused', t.sla_paused_at IS NOT NULL,"
	"  'sla_state', backdesk.ticket_sla_state(t.*),"
	"  'changed_by', w.name, 'changed_by_login', w.login,"
	"  'solved_at', to_char(t.solved_at, 'YYYY-MM-DD HH24:MI'),"
	"  'time_spent', (j.t ->> 'time_spent')::int,"
	"  'satisfaction', t.satisfaction,"
	"  'messages', COALESCE((SELECT json_agg(json_build_object("
	"       'id', m.id, 'kind', m.kind, 'author', COALESCE(w.full_name, m.author),"
	"       'login', m.author,"
	"       'body', m.body, 'call_seconds', m.call_seconds,"
	"       'attachments', (SELECT json_agg(json_build_object('name', a.name, 'type', a.content_type,"
	"                                'size', a.size) ORDER BY a.position)"
	"                       FROM backdesk.ticket_message_attachments a WHERE a.message_id = m.id),"
	"       'created_at', to_char(m.created_at, 'YYYY-MM-DD HH24:MI'))"
	"     ORDER BY m.created_at, m.id)"
	"     FROM backdesk.ticket_messages m"
	"     LEFT JOIN backdesk.staff w ON w.login = m.author"
	"     WHERE m.ticket_id = t.id), '[]'::json))"
	" FROM backdesk.tickets t CROSS JOIN LATERAL (SELECT to_jsonb(t) AS t) j"
	" CROSS JOIN LATERAL api.ticket_version_author(t.number) w"
	" WHERE t.id = $1::bigint), json_build_object('missing', true))::text";

unsigned db_ticket_detail(struct db_session *s, const char *id, db_result_fn cb, void *arg)
{
	const char *params[1] = { id };

	return db_session_query(s, detail_sql, 1, params, DB_Q_READ, cb, arg);
}

unsigned db_lookup_ticket(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	const char *params[1] = { number };

	return db_session_query(s,
				"SELECT id::text, number FROM backdesk.tickets "
				"WHERE number IN ($1, upper($1)) LIMIT 1",
				1, params, DB_Q_READ, cb, arg);
}

unsigned db_ticket_set_status(struct db_session *s, const char *number, const char *status,
			      const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.set_ticket_status($1, $2, $3::int)", number, status, version);
}

unsigned db_ticket_set_priority(struct db_session *s, const char *number, const char *priority,
				const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.set_ticket_priority($1, $2, $3::int)", number, priority, version);
}

unsigned db_ticket_set_time(struct db_session *s, const char *number, const char *minutes,
			    const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.set_ticket_time($1, $2::int * 60, $3::int)", number, minutes, version);
}

unsigned db_ticket_set_category(struct db_session *s, const char *number, const char *category,
				const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.set_ticket_category($1, $2, $3::int)", number, category, version);
}

unsigned db_ticket_assign(struct db_session *s, const char *number, const char *assignee,
			  const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.assign_ticket($1, $2, $3::int)", number, assignee, version);
}

unsigned db_ticket_add_message(struct db_session *s, const char *number, const char *kind,
			       const char *body, const char *version, const char *call_seconds,
			       db_result_fn cb, void *arg)
{
	return Q("SELECT api.add_ticket_message($1, $2, $3, $4::int, $5::int)", number, kind, body,
		 version, call_seconds);
}

unsigned db_ticket_merge(struct db_session *s, const char *number, const char *survivor,
			 const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.merge_ticket($1, $2, $3::int)", number, survivor, version);
}

unsigned db_ticket_link(struct db_session *s, const char *number, const char *order_number,
			const char *tracking_no, const char *return_number, const char *version,
			db_result_fn cb, void *arg)
{
	return Q("SELECT api.link_ticket($1, $2, $3, $4, $5::int)", number, order_number, tracking_no,
		 return_number, version);
}

unsigned db_ticket_macros(struct db_session *s, db_result_fn cb, void *arg)
{
	return db_session_query(s, "SELECT code, name, summary FROM api.ticket_macros()", 0, NULL,
				DB_Q_READ, cb, arg);
}

unsigned db_ticket_preview_reply(struct db_session *s, const char *number, const char *body,
				 const char *version, db_result_fn cb, void *arg)
{
	const char *params[3] = { number, body, version };

	return db_session_query(s,
				"SELECT recipient, lang, subject, message, channel, coalesce(vars::text, ''), kind "
				"FROM api.preview_reply($1, $2, $3::integer)",
				3, params, DB_Q_READ, cb, arg);
}

unsigned db_ticket_preview_macro(struct db_session *s, const char *number, const char *macro,
				 db_result_fn cb, void *arg)
{
	const char *params[2] = { number, macro };

	return db_session_query(s, "SELECT api.preview_macro($1, $2)", 2, params, DB_Q_READ, cb, arg);
}

unsigned db_ticket_apply_macro(struct db_session *s, const char *number, const char *macro,
			       const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.apply_macro($1, $2, $3::int)", number, macro, version);
}

unsigned db_ticket_assignees(struct db_session *s, db_result_fn cb, void *arg)
{
	return db_session_query(s,
				"SELECT login, full_name FROM backdesk.staff "
				"WHERE active AND role IN ('agent', 'supervisor', 'admin') "
				"ORDER BY full_name, login",
				0, NULL, DB_Q_READ, cb, arg);
}
