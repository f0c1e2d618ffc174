#include "seed/seed_reserve.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"

/* The order of the rows is the order of the parameters and of struct seed_ids. */
static const char reserve_sql[] =
	"SELECT CASE WHEN v.n > 0 THEN setval(v.s, nextval(v.s) + v.n - 1) - v.n + 1 ELSE 0 END "
	"FROM (VALUES "
	"(1, pg_get_serial_sequence('backdesk.customers', 'id')::regclass, $1::bigint), "
	"(2, pg_get_serial_sequence('backdesk.addresses', 'id')::regclass, $2::bigint), "
	"(3, pg_get_serial_sequence('backdesk.products', 'id')::regclass, $3::bigint), "
	"(4, pg_get_serial_sequence('backdesk.orders', 'id')::regclass, $4::bigint), "
	"(5, pg_get_serial_sequence('backdesk.order_lines', 'id')::regclass, $5::bigint), "
	"(6, pg_get_serial_sequence('backdesk.shipments', 'id')::regclass, $6::bigint), "
	"(7, pg_get_serial_sequence('backdesk.shipment_events', 'id')::regclass, $7::bigint), "
	"(8, pg_get_serial_sequence('backdesk.tickets', 'id')::regclass, $8::bigint), "
	"(9, pg_get_serial_sequence('backdesk.ticket_messages', 'id')::regclass, $9::bigint), "
	"(10, pg_get_serial_sequence('backdesk.returns', 'id')::regclass, $10::bigint), "
	"(11, pg_get_serial_sequence('backdesk.return_lines', 'id')::regclass, $11::bigint), "
	"(12, pg_get_serial_sequence('backdesk.refunds', 'id')::regclass, $12::bigint), "
	"(13, pg_get_serial_sequence('backdesk.gift_codes', 'id')::regclass, $13::bigint), "
	"(14, 'backdesk.ticket_number_seq'::regclass, $14::bigint), "
	"(15, 'backdesk.return_number_seq'::regclass, $15::bigint)"
	") AS v (ord, s, n) ORDER BY v.ord";

/* EXCLUSIVE blocks inserts (and so their nextval) but not readers. */
static const char lock_sql[] =
	"LOCK TABLE backdesk.customers, backdesk.addresses, backdesk.products, backdesk.orders, "
	"backdesk.order_lines, backdesk.shipments, backdesk.shipment_events, backdesk.tickets, "
	"backdesk.ticket_messages, backdesk.returns, backdesk.return_lines, backdesk.refunds, "
	"backdesk.gift_codes IN EXCLUSIVE MODE";

int seed_reserve(PGconn *c, const struct gen_counts *n, long long nproducts, struct seed_ids *first,
		 char **err)
{
	unsigned long long v[15] = { n->customers, n->addresses, (unsigned long long)nproducts, n->orders,
				     n->lines, n->shipments, n->events, n->tickets, n->messages,
				     n->returns, n->return_lines, n->refunds, n->gifts, n->tickets,
				     n->returns };
	int64_t *out[15] = { &first->customer, &first->address, &first->product, &first->order,
			     &first->line, &first->shipment, &first->event, &first->ticket,
			     &first->message, &first->ret, &first->return_line, &first->refund,
			     &first->gift, &first->ticket_no, &first->return_no };
	char buf[15][24];
	const char *params[15];
	PGresult *r;
	char *e = NULL;

	for (int i = 0; i < 15; i++) {
		(void)snprintf(buf[i], sizeof buf[i], "%llu", v[i]);
		params[i] = buf[i];
	}
	if (db_command(c, "BEGIN", err) < 0)
		return -1;
	if (db_command(c, "SET LOCAL lock_timeout = '30s'", &e) < 0 || db_command(c, lock_sql, &e) < 0) {
		*err = xasprintf(_("cannot reserve ids for the new rows: %s"), e);
		free(e);
		goto fail;
	}
	r = db_exec(c, reserve_sql, 15, params, PGRES_TUPLES_OK, &e);
	if (r == NULL) {
		*err = xasprintf(_("cannot reserve ids for the new rows: %s"), e);
		free(e);
		goto fail;
	}
	for (int i = 0; i < 15; i++)
		*out[i] = atoll(PQgetvalue(r, i, 0));
	PQclear(r);
	if (db_command(c, "COMMIT", err) < 0)
		return -1;
	return 0;
fail:
	r = PQexec(c, "ROLLBACK");
	PQclear(r);
	return -1;
}
