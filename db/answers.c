#include "db/answers.h"

/* One document, like the other detail screens', in api.order_answers' order. */
unsigned db_answers_for_order(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	const char *p[1] = { number };

	return db_session_query(s,
				"SELECT coalesce(json_agg(json_build_object('template_id', a.template_id::text, "
				"'category', a.category, 'title', a.title, 'body', a.body, 'why_not', a.why_not) "
				"ORDER BY a.n), '[]')::text "
				"FROM api.order_answers($1) WITH ORDINALITY AS a(template_id, category, title, body, why_not, n)",
				1, p, DB_Q_READ, cb, arg);
}

unsigned db_answer_send(struct db_session *s, const char *template_id, const char *number,
			db_result_fn cb, void *arg)
{
	const char *p[2] = { template_id, number };

	return db_session_query(s, "SELECT api.queue_template($1::bigint, $2)", 2, p, 0, cb, arg);
}
