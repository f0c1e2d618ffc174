#include "db/customer.h"

#include <stddef.h>

const char *const db_customer_channels[] = {
	"backdesk_orders", "backdesk_tickets", "backdesk_returns", "backdesk_refunds",
	"backdesk_notes", "backdesk_gift_codes", NULL,
};

unsigned db_customer_360(struct db_session *s, const char *id, db_result_fn cb, void *arg)
{
	const char *params[1] = { id };

	return db_session_query(s, "SELECT api.customer_360($1::bigint)::text", 1, params, DB_Q_READ,
				cb, arg);
}
