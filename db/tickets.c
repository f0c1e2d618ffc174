#include "db/tickets.h"

unsigned db_customer_open_tickets(struct db_session *s, const char *customer_id, db_result_fn cb,
				  void *arg)
{
	const char *params[] = { customer_id };

	return db_session_query(s,
				"SELECT number, subject, category, status, order_number "
				"FROM api.customer_open_tickets($1::bigint)",
				1, params, DB_Q_READ, cb, arg);
}
