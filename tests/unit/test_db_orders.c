/* db/orders against a real database: keyset pages forward and back, anchors,
 * filters, seek by number, and the order detail document. */
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
#include "db/orders.h"
#include "testloop.h"

#define NORDERS 25

static char dbname[64];
static struct db_session *session;

struct page {
	int done, failed, n;
	char id[64][24];
	char key[64][48];
	char number[64][24];
	char status[64][16];
	char late[64][2];
	char text[8192];
};
static struct page page;

static void on_rows(const PGresult *res, const char *error, void *arg)
{
	(void)arg;
	page.done++;
	if (error != NULL) {
		page.failed++;
		(void)snprintf(page.text, sizeof page.text, "%s", error);
		return;
	}
	page.n = PQntuples(res);
	for (int i = 0; i < page.n && i < 64; i++) {
		(void)snprintf(page.id[i], sizeof page.id[i], "%s", PQgetvalue(res, i, ORDERS_COL_ID));
		if (PQnfields(res) > ORDERS_COL_KEY)
			(void)snprintf(page.key[i], sizeof page.key[i], "%s", PQgetvalue(res, i, ORDERS_COL_KEY));
		if (PQnfields(res) == ORDERS_NCOLS) {
			(void)snprintf(page.number[i], sizeof page.number[i], "%s",
				       PQgetvalue(res, i, ORDERS_COL_NUMBER));
			(void)snprintf(page.status[i], sizeof page.status[i], "%s",
				       PQgetvalue(res, i, ORDERS_COL_STATUS));
			(void)snprintf(page.late[i], sizeof page.late[i], "%s",
				       PQgetvalue(res, i, ORDERS_COL_LATE));
		}
	}
	if (PQnfields(res) == 1 && page.n == 1)
		(void)snprintf(page.text, sizeof page.text, "%s", PQgetvalue(res, 0, 0));
}

static int notified;

static void on_notify(const char *channel, const char *payload, void *arg)
{
	(void)payload;
	(void)arg;
	if (strcmp(channel, DB_ORDERS_CHANNEL) == 0)
		notified++;
}



/* Orders SO-1 … SO-25, an hour apart, the last two at the same minute so that the
 * id breaks the tie; SO-3 and SO-4 late to ship, SO-5 packed. */
static int setup(void **state)
{
	PGconn *c;
	const struct db_session_events ev = { count_ready, on_notify, NULL };
	const char *keys[] = { "dbname", NULL };
	const char *vals[] = { dbname, NULL };

	(void)state;
	(void)snprintf(dbname, sizeof dbname, "bd_orders_%ld", (long)getpid());
	admin_exec("CREATE DATABASE %s TEMPLATE %s", dbname, getenv("BD_TEMPLATE"));

	c = PQconnectdbParams(keys, vals, 0);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	for (int i = 1; i <= NORDERS; i++) {
		char doc[1024];
		const char *p[1] = { doc };
		PGresult *r;
		int hour = i <= 23 ? i : 23;

		(void)snprintf(doc, sizeof doc,
			       "{\"number\": \"SO-%d\", \"placed_at\": \"2026-11-01T%02d:00:00Z\","
			       " \"currency\": \"TRY\", \"customer\": {\"name\": \"Müşteri %d\","
			       " \"email\": \"m%d@example.com\"}, \"shipping_address\": {\"line1\": \"Cd. %d\","
			       " \"city\": \"İzmir\", \"country\": \"TR\"}, \"lines\": [{\"sku\": \"S-%d\","
			       " \"name\": \"Ürün\", \"qty\": %d, \"unit_price\": \"10.50\", \"tax_rate\": \"0.20\"}],"
			       " \"payment\": {\"method\": \"card\", \"paid\": \"%d.%02d\"},"
			       " \"ship_by\": \"%s\"}",
			       i, hour, i, i, i, i, i, (i * 1050) / 100, (i * 1050) % 100,
			       i == 3 || i == 4 ? "2020-01-01" : "2099-01-01");
		r = PQexecParams(c, "SELECT api.import_order($1::jsonb)", 1, NULL, p, NULL, NULL, 0);
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			fail_msg("import SO-%d: %s", i, PQerrorMessage(c));
		PQclear(r);
	}
	exec_ok(c, "UPDATE backdesk.orders SET status = 'packed' WHERE number = 'SO-5'");
	PQfinish(c);

	session = db_session_new(&io, keys, vals, &ev);
	assert_true(run_until(&ready, 10000));
	assert_int_equal(db_session_state(session), DB_READY);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_session_free(session);
	admin_exec("DROP DATABASE %s WITH (FORCE)", dbname);
	return 0;
}

static void fetch(enum orders_sort sort, const struct orders_filter *f, const struct orders_anchor *a,
		  bool backward, int limit)
{
	memset(&page, 0, sizeof page);
	(void)db_orders_page(session, sort, f, a, backward, limit, true, on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	if (page.failed)
		fail_msg("page query failed: %s", page.text);
}

static void forward_pages_cover_everything_once(void **state)
{
	char seen[NORDERS + 1] = { 0 };
	struct orders_anchor a;
	char key[48], id[24];
	int total = 0, pages = 0;

	(void)state;
	fetch(ORDERS_NEWEST, NULL, NULL, false, 7);
	for (;;) {
		pages++;
		for (int i = 0; i < page.n; i++) {
			int n = atoi(page.number[i] + 3);

			assert_true(n >= 1 && n <= NORDERS);
			assert_int_equal(seen[n], 0);
			seen[n] = 1;
			total++;
		}
		if (page.n < 7)
			break;
		(void)snprintf(key, sizeof key, "%s", page.key[page.n - 1]);
		(void)snprintf(id, sizeof id, "%s", page.id[page.n - 1]);
		a = (struct orders_anchor){ key, id, false };
		fetch(ORDERS_NEWEST, NULL, &a, false, 7);
	}
	assert_int_equal(total, NORDERS);
	assert_int_equal(pages, 4);
}

static void newest_first_with_id_breaking_ties(void **state)
{
	(void)state;
	fetch(ORDERS_NEWEST, NULL, NULL, false, 4);
	assert_int_equal(page.n, 4);
	/* SO-23, 24 and 25 share a minute: the higher id comes first. */
	assert_string_equal(page.number[0], "SO-25");
	assert_string_equal(page.number[1], "SO-24");
	assert_string_equal(page.number[2], "SO-23");
	assert_string_equal(page.number[3], "SO-22");
}

static void backward_without_anchor_is_the_last_page(void **state)
{
	(void)state;
	fetch(ORDERS_NEWEST, NULL, NULL, true, 3);
	assert_int_equal(page.n, 3);
	assert_string_equal(page.number[0], "SO-3");
	assert_string_equal(page.number[1], "SO-2");
	assert_string_equal(page.number[2], "SO-1");
}

static void backward_from_an_anchor_and_inclusive(void **state)
{
	char key[48], id[24];
	struct orders_anchor a;

	(void)state;
	fetch(ORDERS_NEWEST, NULL, NULL, false, 10); /* SO-25 … SO-16 */
	assert_string_equal(page.number[9], "SO-16");
	(void)snprintf(key, sizeof key, "%s", page.key[9]);
	(void)snprintf(id, sizeof id, "%s", page.id[9]);

	a = (struct orders_anchor){ key, id, false };
	fetch(ORDERS_NEWEST, NULL, &a, true, 3);
	assert_int_equal(page.n, 3);
	assert_string_equal(page.number[0], "SO-19");
	assert_string_equal(page.number[2], "SO-17");

	a.inclusive = true;
	fetch(ORDERS_NEWEST, NULL, &a, false, 2);
	assert_string_equal(page.number[0], "SO-16");
	assert_string_equal(page.number[1], "SO-15");
}

static void filters_by_status_and_lateness(void **state)
{
	struct orders_filter late = { NULL, true }, packed = { "packed", false };

	(void)state;
	fetch(ORDERS_NEWEST, &late, NULL, false, 50);
	assert_int_equal(page.n, 2);
	assert_string_equal(page.number[0], "SO-4");
	assert_string_equal(page.number[1], "SO-3");
	assert_string_equal(page.late[0], "t");

	fetch(ORDERS_NEWEST, &packed, NULL, false, 50);
	assert_int_equal(page.n, 1);
	assert_string_equal(page.number[0], "SO-5");
	assert_string_equal(page.status[0], "packed");
}

static void other_sorts(void **state)
{
	(void)state;
	fetch(ORDERS_OLDEST, NULL, NULL, false, 2);
	assert_string_equal(page.number[0], "SO-1");
	assert_string_equal(page.number[1], "SO-2");
	fetch(ORDERS_SHIP_BY, NULL, NULL, false, 2);
	assert_string_equal(page.number[0], "SO-3");
	assert_string_equal(page.number[1], "SO-4");
	fetch(ORDERS_SHIP_BY_LAST, NULL, NULL, true, 2);
	assert_string_equal(page.number[0], "SO-4");
	assert_string_equal(page.number[1], "SO-3");
}

/* From the top and unfiltered, a page is asked by a statement of its own
 * (db/orders.c's first_sql): the same rows as the other way round, and the same
 * late marks as the late filter's. */
static void the_first_page_is_the_other_end(void **state)
{
	char last[2][24];

	(void)state;
	fetch(ORDERS_SHIP_BY, NULL, NULL, true, 2);
	assert_int_equal(page.n, 2);
	(void)snprintf(last[0], sizeof last[0], "%s", page.number[0]);
	(void)snprintf(last[1], sizeof last[1], "%s", page.number[1]);
	fetch(ORDERS_SHIP_BY_LAST, NULL, NULL, false, 2);
	assert_int_equal(page.n, 2);
	assert_string_equal(page.number[0], last[1]);
	assert_string_equal(page.number[1], last[0]);

	fetch(ORDERS_NEWEST, NULL, NULL, false, 50);
	assert_int_equal(page.n, NORDERS);
	for (int i = 0; i < page.n; i++)
		assert_string_equal(page.late[i], strcmp(page.number[i], "SO-4") == 0 ||
						  strcmp(page.number[i], "SO-3") == 0 ? "t" : "f");
}

static void seek_by_number_gives_the_anchor(void **state)
{
	struct orders_anchor a;
	char key[48], id[24];

	(void)state;
	memset(&page, 0, sizeof page);
	(void)db_orders_seek(session, ORDERS_NEWEST, "so-12", on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	assert_int_equal(page.n, 1);
	(void)snprintf(id, sizeof id, "%s", page.id[0]);
	(void)snprintf(key, sizeof key, "%s", page.key[0]);
	a = (struct orders_anchor){ key, id, true };
	fetch(ORDERS_NEWEST, NULL, &a, false, 1);
	assert_string_equal(page.number[0], "SO-12");

	memset(&page, 0, sizeof page);
	(void)db_orders_seek(session, ORDERS_NEWEST, "SO-999", on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	assert_int_equal(page.n, 0);
}

static void detail_is_one_document(void **state)
{
	json_error_t jerr;
	json_t *doc;
	char id[24];

	(void)state;
	memset(&page, 0, sizeof page);
	(void)db_orders_seek(session, ORDERS_NEWEST, "SO-2", on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	(void)snprintf(id, sizeof id, "%s", page.id[0]);

	memset(&page, 0, sizeof page);
	(void)db_order_detail(session, id, on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	assert_int_equal(page.failed, 0);
	doc = json_loads(page.text, 0, &jerr);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "number")), "SO-2");
	assert_string_equal(json_string_value(json_object_get(doc, "total")), "21.00");
	assert_string_equal(json_string_value(json_object_get(doc, "tax_total")), "3.50");
	assert_int_equal(json_array_size(json_object_get(doc, "lines")), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "customer"), "name")),
			    "Müşteri 2");
	/* The superuser counts as admin and sees the payment. */
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "payment"), "paid")),
			    "21.00");
	json_decref(doc);

	memset(&page, 0, sizeof page);
	(void)db_order_detail(session, "999999", on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	assert_int_equal(page.failed, 1);
	assert_non_null(strstr(page.text, "no order with id 999999"));
}

/* A change made by someone else reaches the list as one NOTIFY per statement. */
static void changes_notify_the_list(void **state)
{
	const char *keys[] = { "dbname", NULL };
	const char *vals[] = { dbname, NULL };
	PGconn *c;

	(void)state;
	db_session_listen(session, DB_ORDERS_CHANNEL);
	c = PQconnectdbParams(keys, vals, 0);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	/* The LISTEN goes out on the other connection: touch the orders until it hears. */
	for (int i = 0; i < 25 && !notified; i++) {
		exec_ok(c, "UPDATE backdesk.orders SET updated_at = now() WHERE number = 'SO-2'");
		(void)run_until(&notified, 200);
	}
	assert_true(notified > 0);
	idle(200);
	notified = 0;
	/* 25 orders changed and the parcels touched, in one transaction: one wake-up. */
	exec_ok(c, "BEGIN");
	exec_ok(c, "UPDATE backdesk.orders SET updated_at = now()");
	exec_ok(c, "UPDATE backdesk.shipments SET status = status");
	exec_ok(c, "COMMIT");
	assert_true(run_until(&notified, 5000));
	idle(200);
	assert_int_equal(notified, 1);
	/* And each later change wakes it again. */
	exec_ok(c, "UPDATE backdesk.orders SET updated_at = now() WHERE number = 'SO-1'");
	assert_true(run_to(&notified, 2, 5000));
	PQfinish(c);
}

/* The first cell of a query on the admin connection, which must work. */
static void scalar(PGconn *c, const char *sql, char *out, size_t n)
{
	PGresult *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	(void)snprintf(out, n, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
}

/* "Late to ship" in the list (its flag and its filter) is the order screen's rule,
 * on the shop's calendar, also when the session's date is another day (0015).  The
 * TimeZone is chosen so that it is: yesterday twelve hours west of UTC while it is
 * before 15:00 in Istanbul, tomorrow fourteen east after.  SO-EDGE is due on the
 * earlier of the two days, where the session's and the shop's clocks disagree. */
static void late_is_one_rule_whatever_the_timezone(void **state)
{
	const char *keys[] = { "dbname", NULL };
	const char *vals[] = { dbname, NULL };
	struct orders_filter late = { NULL, true };
	char tz[32], expect[8], id[24], sql[1024], words[512];
	const char *params[1] = { tz };
	json_error_t jerr;
	json_t *doc;
	bool in_filter = false;
	PGconn *c;

	(void)state;
	c = PQconnectdbParams(keys, vals, 0);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	scalar(c, "SELECT CASE WHEN extract(hour FROM now() AT TIME ZONE 'Europe/Istanbul') < 15 "
		  "THEN 'Etc/GMT+12' ELSE 'Pacific/Kiritimati' END", tz, sizeof tz);
	(void)snprintf(sql, sizeof sql,
		       "SELECT api.import_order(jsonb_build_object('number', 'SO-EDGE', 'ship_by', "
		       "least((now() AT TIME ZONE '%s')::date, backdesk.shop_date(now()))::text) || "
		       "'{\"placed_at\": \"2026-12-01T00:00:00Z\", \"currency\": \"TRY\", "
		       "\"customer\": {\"name\": \"Gece\", \"email\": \"edge@example.com\"}, "
		       "\"shipping_address\": {\"line1\": \"Cd. 1\", \"city\": \"İzmir\", \"country\": \"TR\"}, "
		       "\"lines\": [{\"sku\": \"E-1\", \"name\": \"Saat\", \"qty\": 1, \"unit_price\": \"10.00\"}], "
		       "\"payment\": {\"method\": \"card\", \"paid\": \"10.00\"}}'::jsonb)",
		       tz);
	scalar(c, sql, id, sizeof id);
	scalar(c, "SELECT (ship_by < backdesk.shop_date(now()))::text FROM backdesk.orders "
		  "WHERE number = 'SO-EDGE'", expect, sizeof expect);

	/* The console's session, in that TimeZone. */
	memset(&page, 0, sizeof page);
	(void)db_session_query(session, "SELECT set_config('TimeZone', $1, false)", 1, params, DB_Q_READ,
			       on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	memset(&page, 0, sizeof page);
	(void)db_session_query(session, "SELECT (current_date <> backdesk.shop_date(now()))::text", 0,
			       NULL, DB_Q_READ, on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	assert_string_equal(page.text, "true"); /* the two clocks disagree now */

	fetch(ORDERS_NEWEST, NULL, NULL, false, 1);
	assert_string_equal(page.number[0], "SO-EDGE");
	assert_string_equal(page.late[0], expect[0] == 't' ? "t" : "f");
	fetch(ORDERS_NEWEST, &late, NULL, false, 50);
	for (int i = 0; i < page.n; i++)
		in_filter = in_filter || strcmp(page.number[i], "SO-EDGE") == 0;
	assert_int_equal(in_filter, expect[0] == 't');

	memset(&page, 0, sizeof page);
	(void)db_order_detail(session, id, on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	doc = json_loads(page.text, 0, &jerr);
	assert_non_null(doc);
	assert_int_equal(json_is_true(json_object_get(doc, "late")), expect[0] == 't');
	(void)snprintf(words, sizeof words, "%s", json_string_value(json_object_get(doc, "plain_status")));
	assert_int_equal(strstr(words, "(late to ship)") != NULL, expect[0] == 't');
	json_decref(doc);

	memset(&page, 0, sizeof page);
	(void)db_session_query(session, "RESET TimeZone", 0, NULL, DB_Q_READ, on_rows, NULL);
	assert_true(run_until(&page.done, 5000));
	exec_ok(c, "DELETE FROM backdesk.orders WHERE number = 'SO-EDGE'");
	PQfinish(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(forward_pages_cover_everything_once),
		cmocka_unit_test(newest_first_with_id_breaking_ties),
		cmocka_unit_test(the_first_page_is_the_other_end),
		cmocka_unit_test(backward_without_anchor_is_the_last_page),
		cmocka_unit_test(backward_from_an_anchor_and_inclusive),
		cmocka_unit_test(filters_by_status_and_lateness),
		cmocka_unit_test(other_sorts),
		cmocka_unit_test(seek_by_number_gives_the_anchor),
		cmocka_unit_test(detail_is_one_document),
		cmocka_unit_test(changes_notify_the_list),
		cmocka_unit_test(late_is_one_rule_whatever_the_timezone),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
