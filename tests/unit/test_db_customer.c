/* db/customer and db/lookup against a real database: api.customer_360 has every
 * part, amounts as strings, the right total spent per currency, nothing of other
 * customers, at most 100 orders with the full count, less for the warehouse,
 * BD003 for nobody; the lookup finds by phone in any spacing and says where a
 * parcel, a ticket or a return leads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "common/xalloc.h"
#include "db/customer.h"
#include "db/lookup.h"
#include "testloop.h"

static char dbname[64];
static struct db_session *session, *warehouse;
static char cust_a[24], cust_b[24], cust_c[24];

struct answer {
	int done, failed, n;
	char sqlstate[8];
	char text[65536];
	char rows[32][8][64];
};
static struct answer ans;

static void on_answer(const PGresult *res, const char *error, void *arg)
{
	(void)arg;
	ans.done++;
	if (error != NULL) {
		ans.failed++;
		(void)snprintf(ans.text, sizeof ans.text, "%s", error);
		if (res != NULL && PQresultErrorField(res, PG_DIAG_SQLSTATE) != NULL)
			(void)snprintf(ans.sqlstate, sizeof ans.sqlstate, "%s",
				       PQresultErrorField(res, PG_DIAG_SQLSTATE));
		return;
	}
	ans.n = PQntuples(res);
	if (PQnfields(res) == 1 && ans.n == 1)
		(void)snprintf(ans.text, sizeof ans.text, "%s", PQgetvalue(res, 0, 0));
	for (int i = 0; i < ans.n && i < 32; i++)
		for (int j = 0; j < PQnfields(res) && j < 8; j++)
			(void)snprintf(ans.rows[i][j], sizeof ans.rows[i][j], "%s", PQgetvalue(res, i, j));
}




static void one_value(PGconn *c, const char *sql, char *out, size_t outlen)
{
	PGresult *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	(void)snprintf(out, outlen, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
}

#define ORDER(num, placed, cur, email, name, phone, price, fee, paid, ship_by) \
	"SELECT api.import_order('{\"number\": \"" num "\", \"placed_at\": \"" placed "\"," \
	" \"currency\": \"" cur "\", \"customer\": {\"name\": \"" name "\", \"email\": \"" email "\"," \
	" \"phone\": \"" phone "\"}, \"shipping_address\": {\"line1\": \"Kordon 1\", \"city\": \"İzmir\"," \
	" \"country\": \"TR\"}, \"lines\": [{\"sku\": \"C-1\", \"name\": \"Çaydanlık\", \"qty\": 1," \
	" \"unit_price\": \"" price "\"}], \"shipping_fee\": \"" fee "\"," \
	" \"payment\": {\"method\": \"card\", \"paid\": \"" paid "\"}, \"ship_by\": \"" ship_by "\"}')"

#define TICKET(subject, status, sat, cust, order) \
	"INSERT INTO backdesk.tickets (channel, category, subject, status, satisfaction, customer_id," \
	" order_id, first_response_due, resolve_due, created_at) VALUES ('phone', 'delay', '" subject \
	"', '" status "', " sat ", " cust ", " order ", now(), now(), now() - interval '1 minute' * " \
	"(SELECT count(*) FROM backdesk.tickets))"

/* Customer A: three orders (two in TRY, one in EUR), a parcel, two refunds, three
 * tickets (one only through its order), a return, a gift code and a note.
 * Customer B: an order, a refund and a ticket that must never show in A's.
 * Customer C: 105 small orders. */
static void fixture(PGconn *c)
{
	exec_ok(c, ORDER("C360-1", "2026-01-10T10:00:00Z", "TRY", "c360@example.com", "Gülnur Şahin",
			 "+90 533 000 11 22", "100.00", "0.00", "100.00", "2099-01-01"));
	exec_ok(c, ORDER("C360-2", "2026-02-10T10:00:00Z", "TRY", "c360@example.com", "Gülnur Şahin",
			 "+90 533 000 11 22", "100.00", "20.00", "120.00", "2020-01-01"));
	exec_ok(c, ORDER("C360-3", "2026-03-10T10:00:00Z", "EUR", "c360@example.com", "Gülnur Şahin",
			 "+90 533 000 11 22", "40.00", "0.00", "40.00", "2099-01-01"));
	exec_ok(c, ORDER("C360-B1", "2026-03-11T10:00:00Z", "TRY", "other@example.com", "Başka Biri",
			 "+90 533 999 88 77", "500.00", "0.00", "500.00", "2099-01-01"));
	exec_ok(c, "SELECT api.import_order(jsonb_build_object('number', 'C360-C' || i,"
		   " 'placed_at', '2026-01-01T00:00:00Z'::timestamptz + i * interval '1 hour',"
		   " 'currency', 'TRY', 'customer', jsonb_build_object('name', 'Çok Sipariş',"
		   " 'email', 'many@example.com'), 'shipping_address', jsonb_build_object('line1', 'A',"
		   " 'city', 'B', 'country', 'TR'), 'lines', jsonb_build_array(jsonb_build_object("
		   " 'sku', 'C-1', 'name', 'x', 'qty', 1, 'unit_price', '1.00')),"
		   " 'payment', jsonb_build_object('method', 'card', 'paid', '1.00')))"
		   " FROM generate_series(1, 105) i");
	exec_ok(c, "UPDATE backdesk.orders SET status = 'shipped' WHERE number = 'C360-1'");
	exec_ok(c, "INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status)"
		   " SELECT id, 'aras', 'C360TRK0001', 'IN_TRANSIT' FROM backdesk.orders WHERE number = 'C360-1'");
	exec_ok(c, "INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key)"
		   " SELECT id, 'shipping_fee', 20.00, 'free shipping', gen_random_uuid()"
		   " FROM backdesk.orders WHERE number = 'C360-2'");
	exec_ok(c, "INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key)"
		   " SELECT id, 'goodwill', 10.00, 'late', gen_random_uuid()"
		   " FROM backdesk.orders WHERE number = 'C360-1'");
	exec_ok(c, "INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key)"
		   " SELECT id, 'goodwill', 77.00, 'not A', gen_random_uuid()"
		   " FROM backdesk.orders WHERE number = 'C360-B1'");
	exec_ok(c, TICKET("Kargo nerede", "open", "NULL", "(SELECT id FROM backdesk.customers WHERE email = 'c360@example.com')",
			  "(SELECT id FROM backdesk.orders WHERE number = 'C360-1')"));
	exec_ok(c, TICKET("Teşekkürler", "solved", "4", "(SELECT id FROM backdesk.customers WHERE email = 'c360@example.com')",
			  "NULL"));
	exec_ok(c, TICKET("Only by order", "closed", "5", "NULL",
			  "(SELECT id FROM backdesk.orders WHERE number = 'C360-3')"));
	exec_ok(c, TICKET("Not A", "open", "1", "(SELECT id FROM backdesk.customers WHERE email = 'other@example.com')",
			  "NULL"));
	exec_ok(c, "INSERT INTO backdesk.returns (order_id, reason)"
		   " SELECT id, 'kırık' FROM backdesk.orders WHERE number = 'C360-1'");
	exec_ok(c, "INSERT INTO backdesk.gift_codes (code, customer_id, amount, currency, reason, expires_at)"
		   " SELECT 'GIFT-C360-01', id, 25.00, 'TRY', 'delay', '2099-01-01'"
		   " FROM backdesk.customers WHERE email = 'c360@example.com'");
	exec_ok(c, "INSERT INTO backdesk.notes (entity, entity_id, body)"
		   " SELECT 'customer', id, 'VIP: call back before noon'"
		   " FROM backdesk.customers WHERE email = 'c360@example.com'");
	one_value(c, "SELECT id FROM backdesk.customers WHERE email = 'c360@example.com'", cust_a, sizeof cust_a);
	one_value(c, "SELECT id FROM backdesk.customers WHERE email = 'other@example.com'", cust_b, sizeof cust_b);
	one_value(c, "SELECT id FROM backdesk.customers WHERE email = 'many@example.com'", cust_c, sizeof cust_c);
}

static struct db_session *connect_as(const char *user)
{
	const struct db_session_events ev = { count_ready, NULL, NULL };
	const char *keys[] = { "dbname", user != NULL ? "user" : NULL, NULL };
	const char *vals[] = { dbname, user, NULL };
	struct db_session *s;

	ready = 0;
	s = db_session_new(&io, keys, vals, &ev);
	assert_true(run_until(&ready, 10000));
	return s;
}

static int setup(void **state)
{
	PGconn *c;
	char sql[256];
	const char *keys[] = { "dbname", NULL };
	const char *vals[] = { dbname, NULL };

	(void)state;
	(void)snprintf(dbname, sizeof dbname, "bd_customer_%ld", (long)getpid());
	admin_exec("CREATE DATABASE %s TEMPLATE %s", dbname, getenv("BD_TEMPLATE"));
	/* Roles are cluster-wide: one per test run. */
	admin_exec("CREATE ROLE t_c360_wh_%ld LOGIN IN ROLE backdesk_warehouse", (long)getpid());

	c = PQconnectdbParams(keys, vals, 0);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	fixture(c);
	PQfinish(c);

	session = connect_as(NULL);
	(void)snprintf(sql, sizeof sql, "t_c360_wh_%ld", (long)getpid());
	warehouse = connect_as(sql);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_session_free(session);
	db_session_free(warehouse);
	admin_exec("DROP DATABASE %s WITH (FORCE)", dbname);
	admin_exec("DROP ROLE t_c360_wh_%ld", (long)getpid());
	return 0;
}

/* api.customer_360(id) through the session, parsed. */
static json_t *open_360(struct db_session *s, const char *id)
{
	json_error_t jerr;
	json_t *doc;

	memset(&ans, 0, sizeof ans);
	(void)db_customer_360(s, id, on_answer, NULL);
	assert_true(run_until(&ans.done, 5000));
	if (ans.failed)
		fail_msg("customer_360(%s): %s", id, ans.text);
	doc = json_loads(ans.text, 0, &jerr);
	assert_non_null(doc);
	return doc;
}

#define STR(o, k) json_string_value(json_object_get((o), (k)))

static void every_part_is_there(void **state)
{
	static const char *const parts[] = { "id", "name", "email", "phone", "locale", "since",
					     "addresses", "orders_total", "orders", "open_tickets",
					     "recent_tickets", "satisfaction", "returns", "refunds",
					     "gift_codes", "spent", "notes", NULL };
	json_t *doc = open_360(session, cust_a);

	(void)state;
	for (size_t i = 0; parts[i] != NULL; i++)
		if (json_object_get(doc, parts[i]) == NULL || json_is_null(json_object_get(doc, parts[i])))
			fail_msg("part %s is missing", parts[i]);
	assert_string_equal(STR(doc, "name"), "Gülnur Şahin");
	assert_string_equal(STR(doc, "email"), "c360@example.com");
	assert_string_equal(STR(doc, "phone"), "+90 533 000 11 22");
	assert_string_equal(STR(doc, "locale"), "tr");
	assert_string_equal(STR(doc, "since"), "2026-01-10");
	assert_int_equal(json_array_size(json_object_get(doc, "addresses")), 1);
	assert_false(json_is_true(json_object_get(doc, "restricted")));
	json_decref(doc);
}

static void amounts_are_strings(void **state)
{
	json_t *doc = open_360(session, cust_a), *x;
	size_t i;

	(void)state;
	json_array_foreach(json_object_get(doc, "orders"), i, x)
		assert_true(json_is_string(json_object_get(x, "total")));
	json_array_foreach(json_object_get(doc, "refunds"), i, x)
		assert_true(json_is_string(json_object_get(x, "amount")));
	json_array_foreach(json_object_get(doc, "gift_codes"), i, x)
		assert_true(json_is_string(json_object_get(x, "amount")));
	json_array_foreach(json_object_get(doc, "spent"), i, x) {
		assert_true(json_is_string(json_object_get(x, "paid")));
		assert_true(json_is_string(json_object_get(x, "refunded")));
		assert_true(json_is_string(json_object_get(x, "net")));
	}
	assert_true(json_is_string(json_object_get(json_object_get(doc, "satisfaction"), "average")));
	json_decref(doc);
}

static void total_spent_per_currency(void **state)
{
	json_t *doc = open_360(session, cust_a), *spent = json_object_get(doc, "spent");

	(void)state;
	/* EUR 40.00 paid; TRY 100.00 + 120.00 paid, 20.00 + 10.00 refunded (B's 77 not). */
	assert_int_equal(json_array_size(spent), 2);
	assert_string_equal(STR(json_array_get(spent, 0), "currency"), "EUR");
	assert_string_equal(STR(json_array_get(spent, 0), "paid"), "40.00");
	assert_string_equal(STR(json_array_get(spent, 0), "refunded"), "0.00");
	assert_string_equal(STR(json_array_get(spent, 0), "net"), "40.00");
	assert_string_equal(STR(json_array_get(spent, 1), "currency"), "TRY");
	assert_string_equal(STR(json_array_get(spent, 1), "paid"), "220.00");
	assert_string_equal(STR(json_array_get(spent, 1), "refunded"), "30.00");
	assert_string_equal(STR(json_array_get(spent, 1), "net"), "190.00");
	json_decref(doc);
}

static void orders_newest_first_with_parcel_and_late(void **state)
{
	json_t *doc = open_360(session, cust_a), *orders = json_object_get(doc, "orders");

	(void)state;
	assert_int_equal(json_integer_value(json_object_get(doc, "orders_total")), 3);
	assert_int_equal(json_array_size(orders), 3);
	assert_string_equal(STR(json_array_get(orders, 0), "number"), "C360-3");
	assert_string_equal(STR(json_array_get(orders, 0), "currency"), "EUR");
	assert_string_equal(STR(json_array_get(orders, 1), "number"), "C360-2");
	assert_string_equal(STR(json_array_get(orders, 1), "total"), "120.00");
	assert_true(json_is_true(json_object_get(json_array_get(orders, 1), "late")));
	assert_string_equal(STR(json_array_get(orders, 1), "ship_by"), "2020-01-01");
	assert_string_equal(STR(json_array_get(orders, 2), "number"), "C360-1");
	assert_false(json_is_true(json_object_get(json_array_get(orders, 2), "late")));
	assert_string_equal(STR(json_array_get(orders, 2), "parcel_status"), "IN_TRANSIT");
	assert_string_equal(STR(json_array_get(orders, 2), "tracking_no"), "C360TRK0001");
	json_decref(doc);
}

static void tickets_and_satisfaction(void **state)
{
	json_t *doc = open_360(session, cust_a), *open = json_object_get(doc, "open_tickets");
	json_t *recent = json_object_get(doc, "recent_tickets"), *sat = json_object_get(doc, "satisfaction");

	(void)state;
	assert_int_equal(json_array_size(open), 1);
	assert_string_equal(STR(json_array_get(open, 0), "subject"), "Kargo nerede");
	assert_string_equal(STR(json_array_get(open, 0), "order_number"), "C360-1");
	assert_non_null(STR(json_array_get(open, 0), "priority"));
	assert_non_null(STR(json_array_get(open, 0), "category"));
	assert_non_null(STR(json_array_get(open, 0), "created_at"));
	/* three tickets: one of them names only the order, not the customer */
	assert_int_equal(json_array_size(recent), 3);
	assert_string_equal(STR(sat, "average"), "4.5");
	assert_int_equal(json_integer_value(json_object_get(sat, "count")), 2);
	assert_int_equal(json_array_size(json_object_get(sat, "scores")), 2);
	json_decref(doc);
}

static void returns_refunds_gift_codes_notes(void **state)
{
	json_t *doc = open_360(session, cust_a);

	(void)state;
	assert_int_equal(json_array_size(json_object_get(doc, "returns")), 1);
	assert_string_equal(STR(json_array_get(json_object_get(doc, "returns"), 0), "order_number"), "C360-1");
	assert_string_equal(STR(json_array_get(json_object_get(doc, "returns"), 0), "reason"), "kırık");
	assert_int_equal(json_array_size(json_object_get(doc, "refunds")), 2);
	assert_int_equal(json_array_size(json_object_get(doc, "gift_codes")), 1);
	assert_string_equal(STR(json_array_get(json_object_get(doc, "gift_codes"), 0), "state"), "valid");
	assert_string_equal(STR(json_array_get(json_object_get(doc, "gift_codes"), 0), "amount"), "25.00");
	assert_int_equal(json_array_size(json_object_get(doc, "notes")), 1);
	assert_string_equal(STR(json_array_get(json_object_get(doc, "notes"), 0), "body"),
			    "VIP: call back before noon");
	json_decref(doc);
}

static void other_customers_stay_apart(void **state)
{
	json_t *doc = open_360(session, cust_b);

	(void)state;
	assert_int_equal(json_integer_value(json_object_get(doc, "orders_total")), 1);
	assert_int_equal(json_array_size(json_object_get(doc, "refunds")), 1);
	assert_int_equal(json_array_size(json_object_get(doc, "recent_tickets")), 1);
	assert_int_equal(json_array_size(json_object_get(doc, "returns")), 0);
	assert_int_equal(json_array_size(json_object_get(doc, "gift_codes")), 0);
	assert_int_equal(json_array_size(json_object_get(doc, "notes")), 0);
	assert_string_equal(STR(json_array_get(json_object_get(doc, "spent"), 0), "net"), "423.00");
	json_decref(doc);
}

static void at_most_100_orders_and_the_count(void **state)
{
	json_t *doc = open_360(session, cust_c), *orders = json_object_get(doc, "orders");

	(void)state;
	assert_int_equal(json_integer_value(json_object_get(doc, "orders_total")), 105);
	assert_int_equal(json_array_size(orders), 100);
	assert_string_equal(STR(json_array_get(orders, 0), "number"), "C360-C105");
	assert_string_equal(STR(json_array_get(orders, 99), "number"), "C360-C6");
	assert_string_equal(STR(json_array_get(json_object_get(doc, "spent"), 0), "paid"), "105.00");
	json_decref(doc);
}

/* The warehouse finds parcels and returns, never money, tickets or notes. */
static void warehouse_sees_less(void **state)
{
	static const char *const withheld[] = { "open_tickets", "recent_tickets", "satisfaction",
						"refunds", "gift_codes", "spent", "notes", NULL };
	json_t *doc = open_360(warehouse, cust_a);

	(void)state;
	for (size_t i = 0; withheld[i] != NULL; i++)
		if (!json_is_null(json_object_get(doc, withheld[i])))
			fail_msg("the warehouse sees %s", withheld[i]);
	assert_true(json_is_true(json_object_get(doc, "restricted")));
	assert_int_equal(json_array_size(json_object_get(doc, "orders")), 3);
	assert_int_equal(json_array_size(json_object_get(doc, "returns")), 1);
	assert_string_equal(STR(doc, "phone"), "+90 533 000 11 22");
	json_decref(doc);
}

static void unknown_customer_is_bd003(void **state)
{
	(void)state;
	memset(&ans, 0, sizeof ans);
	(void)db_customer_360(session, "999999999", on_answer, NULL);
	assert_true(run_until(&ans.done, 5000));
	assert_int_equal(ans.failed, 1);
	assert_string_equal(ans.sqlstate, "BD003");
	assert_non_null(strstr(ans.text, "no customer with id 999999999"));
}

/* The hits of `text` in ans.rows (LOOKUP_COL_*) and where they lead in tgt.rows
 * (TARGET_COL_*), asked as the lookup box asks: the hits' kinds and ids. */
static struct answer tgt;

static void find(const char *text)
{
	char kinds[512] = "", ids[512] = "";

	memset(&ans, 0, sizeof ans);
	(void)db_lookup_find(session, text, DB_LOOKUP_LIMIT, on_answer, NULL);
	assert_true(run_until(&ans.done, 5000));
	if (ans.failed)
		fail_msg("find %s: %s", text, ans.text);
	for (int i = 0; i < ans.n; i++) {
		(void)snprintf(kinds + strlen(kinds), sizeof kinds - strlen(kinds), "%s%s",
			       i > 0 ? "," : "", ans.rows[i][LOOKUP_COL_KIND]);
		(void)snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", i > 0 ? "," : "",
			       ans.rows[i][LOOKUP_COL_ID]);
	}
	tgt = ans;
	memset(&ans, 0, sizeof ans);
	(void)db_lookup_targets(session, kinds, ids, on_answer, NULL);
	assert_true(run_until(&ans.done, 5000));
	if (ans.failed)
		fail_msg("targets of %s: %s", text, ans.text);
	{
		struct answer hits = tgt;

		tgt = ans;
		ans = hits;
	}
	/* In the order asked, one row per hit. */
	assert_int_equal(tgt.n, ans.n);
	for (int i = 0; i < ans.n; i++) {
		assert_string_equal(tgt.rows[i][TARGET_COL_KIND], ans.rows[i][LOOKUP_COL_KIND]);
		assert_string_equal(tgt.rows[i][TARGET_COL_ID], ans.rows[i][LOOKUP_COL_ID]);
	}
}

static void lookup_says_where_hits_lead(void **state)
{
	(void)state;
	/* a phone in any spacing finds the customer */
	find("0533 000 11 22");
	assert_int_equal(ans.n, 1);
	assert_string_equal(ans.rows[0][LOOKUP_COL_KIND], "customer");
	assert_string_equal(ans.rows[0][LOOKUP_COL_ID], cust_a);
	find("+905330001122");
	assert_string_equal(tgt.rows[0][TARGET_COL_CUSTOMER_ID], cust_a);
	/* a tracking number: the parcel, which opens its order */
	find("C360TRK0001");
	assert_int_equal(ans.n, 1);
	assert_string_equal(ans.rows[0][LOOKUP_COL_KIND], "shipment");
	assert_string_equal(tgt.rows[0][TARGET_COL_ORDER_NUMBER], "C360-1");
	assert_string_equal(tgt.rows[0][TARGET_COL_CUSTOMER_NAME], "Gülnur Şahin");
	/* an accent-free name */
	find("gulnur sahin");
	assert_string_equal(ans.rows[0][LOOKUP_COL_LABEL], "Gülnur Şahin");
	/* nothing at all */
	find("zzzz-nothing");
	assert_int_equal(ans.n, 0);
	find("   ");
	assert_int_equal(ans.n, 0);
}

static void lookup_ticket_without_order_leads_to_customer(void **state)
{
	PGconn *c;
	const char *keys[] = { "dbname", NULL };
	const char *vals[] = { dbname, NULL };
	char number[32];

	(void)state;
	c = PQconnectdbParams(keys, vals, 0);
	one_value(c, "SELECT number FROM backdesk.tickets WHERE subject = 'Teşekkürler'", number, sizeof number);
	PQfinish(c);
	find(number);
	assert_int_equal(ans.n, 1);
	assert_string_equal(ans.rows[0][LOOKUP_COL_KIND], "ticket");
	assert_string_equal(tgt.rows[0][TARGET_COL_ORDER_ID], "");
	assert_string_equal(tgt.rows[0][TARGET_COL_CUSTOMER_ID], cust_a);
	/* the order number finds the order, which leads to itself */
	find("C360-2");
	assert_string_equal(ans.rows[0][LOOKUP_COL_KIND], "order");
	assert_string_equal(tgt.rows[0][TARGET_COL_ORDER_NUMBER], "C360-2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_part_is_there),
		cmocka_unit_test(amounts_are_strings),
		cmocka_unit_test(total_spent_per_currency),
		cmocka_unit_test(orders_newest_first_with_parcel_and_late),
		cmocka_unit_test(tickets_and_satisfaction),
		cmocka_unit_test(returns_refunds_gift_codes_notes),
		cmocka_unit_test(other_customers_stay_apart),
		cmocka_unit_test(at_most_100_orders_and_the_count),
		cmocka_unit_test(warehouse_sees_less),
		cmocka_unit_test(unknown_customer_is_bd003),
		cmocka_unit_test(lookup_says_where_hits_lead),
		cmocka_unit_test(lookup_ticket_without_order_leads_to_customer),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
