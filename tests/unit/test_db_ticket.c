/* db/ticket against a real database: the ticket screen's document has the
 * ticket, its customer, order and assignee by name, its SLA due as seconds from
 * now, its messages oldest first with their authors' names; columns that later
 * migrations add to tickets (time spent, the ticket merged into) show once they
 * exist; no ticket is {"missing": true}; :ticket finds a number in any case; the
 * warehouse reads no tickets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "db/ticket.h"
#include "testloop.h"

static char dbname[64], agent[64], warehouse_login[64];
static char tk_a[24], tk_b[24], num_a[24], num_b[24];
static struct db_session *session, *warehouse;

struct answer {
	int done, failed, n;
	char sqlstate[8];
	char text[65536];
	char rows[4][2][64];
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
	for (int i = 0; i < ans.n && i < 4; i++)
		for (int j = 0; j < PQnfields(res) && j < 2; j++)
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

static PGconn *owner_conn(void)
{
	const char *keys[] = { "dbname", NULL };
	const char *vals[] = { dbname, NULL };
	PGconn *c = PQconnectdbParams(keys, vals, 0);

	assert_int_equal(PQstatus(c), CONNECTION_OK);
	return c;
}

/* Ticket A: a customer's, about an order, assigned to the agent, first response
 * overdue, three messages written out of id order.  Ticket B: nobody's. */
static void fixture(PGconn *c)
{
	char sql[1024];

	exec_ok(c, "SELECT api.import_order('{\"number\": \"TK-1\", \"placed_at\": \"2026-11-20T10:00:00Z\","
		   " \"currency\": \"TRY\", \"customer\": {\"name\": \"Gülnur Şahin\", \"email\": \"tk@example.com\"},"
		   " \"shipping_address\": {\"line1\": \"Kordon 1\", \"city\": \"İzmir\", \"country\": \"TR\"},"
		   " \"lines\": [{\"sku\": \"C-1\", \"name\": \"Çaydanlık\", \"qty\": 1, \"unit_price\": \"100.00\"}],"
		   " \"payment\": {\"method\": \"card\", \"paid\": \"100.00\"}}')");
	(void)snprintf(sql, sizeof sql,
		       "INSERT INTO backdesk.staff (login, full_name, role) VALUES ('%s', 'Ayşe Deneme', 'agent')",
		       agent);
	exec_ok(c, sql);
	(void)snprintf(sql, sizeof sql,
		       "INSERT INTO backdesk.tickets (channel, category, priority, subject, status, customer_id,"
		       " order_id, assignee_id, first_response_due, resolve_due)"
		       " SELECT 'email', 'delay', 'high', 'Kargom nerede?', 'open', o.customer_id, o.id,"
		       " (SELECT id FROM backdesk.staff WHERE login = '%s'),"
		       " now() - interval '2 hours', now() + interval '2 days'"
		       " FROM backdesk.orders o WHERE o.number = 'TK-1'", agent);
	exec_ok(c, sql);
	one_value(c, "SELECT max(id) FROM backdesk.tickets", tk_a, sizeof tk_a);
	one_value(c, "SELECT number FROM backdesk.tickets ORDER BY id DESC LIMIT 1", num_a, sizeof num_a);
	/* Set apart from the insert, which the SLA's business calendars may decide. */
	(void)snprintf(sql, sizeof sql,
		       "UPDATE backdesk.tickets SET first_response_due = now() - interval '2 hours',"
		       " resolve_due = now() + interval '2 days' WHERE id = %s", tk_a);
	exec_ok(c, sql);
	(void)snprintf(sql, sizeof sql,
		       "INSERT INTO backdesk.ticket_messages (ticket_id, kind, author, body, created_at) VALUES"
		       " (%s, 'reply', '%s', 'İkinci: yanıt', now() - interval '1 hour'),"
		       " (%s, 'customer', 'Gülnur Şahin', 'Birinci: nerede?', now() - interval '3 hours'),"
		       " (%s, 'note', 'someone_gone', 'Üçüncü: not', now())",
		       tk_a, agent, tk_a, tk_a);
	exec_ok(c, sql);
	exec_ok(c, "INSERT INTO backdesk.tickets (channel, category, subject, first_response_due, resolve_due)"
		   " VALUES ('web', 'other', 'Sahipsiz', now() + interval '1 day', now() + interval '3 days')");
	one_value(c, "SELECT max(id) FROM backdesk.tickets", tk_b, sizeof tk_b);
	one_value(c, "SELECT number FROM backdesk.tickets ORDER BY id DESC LIMIT 1", num_b, sizeof num_b);
}

static struct db_session *connect_as(const char *user)
{
	const struct db_session_events ev = { count_ready, NULL, NULL };
	const char *keys[] = { "dbname", "user", NULL };
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

	(void)state;
	(void)snprintf(dbname, sizeof dbname, "bd_ticket_%ld", (long)getpid());
	(void)snprintf(agent, sizeof agent, "t_tk_agent_%ld", (long)getpid());
	(void)snprintf(warehouse_login, sizeof warehouse_login, "t_tk_wh_%ld", (long)getpid());
	admin_exec("CREATE DATABASE %s TEMPLATE %s", dbname, getenv("BD_TEMPLATE"));
	/* Roles are cluster-wide: one per test run. */
	admin_exec("CREATE ROLE %s LOGIN IN ROLE backdesk_agent", agent);
	admin_exec("CREATE ROLE %s LOGIN IN ROLE backdesk_warehouse", warehouse_login);
	c = owner_conn();
	fixture(c);
	PQfinish(c);
	session = connect_as(agent);
	warehouse = connect_as(warehouse_login);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_session_free(session);
	db_session_free(warehouse);
	admin_exec("DROP DATABASE %s WITH (FORCE)", dbname);
	admin_exec("DROP ROLE %s", agent);
	admin_exec("DROP ROLE %s", warehouse_login);
	return 0;
}

static json_t *detail(struct db_session *s, const char *id)
{
	json_error_t jerr;
	json_t *doc;

	memset(&ans, 0, sizeof ans);
	(void)db_ticket_detail(s, id, on_answer, NULL);
	assert_true(run_until(&ans.done, 5000));
	if (ans.failed)
		fail_msg("ticket detail(%s): %s", id, ans.text);
	doc = json_loads(ans.text, 0, &jerr);
	assert_non_null(doc);
	return doc;
}

#define STR(o, k) json_string_value(json_object_get((o), (k)))
#define INT(o, k) json_integer_value(json_object_get((o), (k)))

static void the_document_has_the_ticket_and_its_messages_oldest_first(void **state)
{
	json_t *doc, *msgs;

	(void)state;
	doc = detail(session, tk_a);
	assert_string_equal(STR(doc, "number"), num_a);
	assert_string_equal(STR(doc, "status"), "open");
	assert_string_equal(STR(doc, "priority"), "high");
	assert_string_equal(STR(doc, "channel"), "email");
	assert_string_equal(STR(json_object_get(doc, "customer"), "name"), "Gülnur Şahin");
	assert_string_equal(STR(doc, "order_number"), "TK-1");
	assert_string_equal(STR(json_object_get(doc, "assignee"), "name"), "Ayşe Deneme");
	assert_string_equal(STR(json_object_get(doc, "assignee"), "login"), agent);
	assert_true(INT(doc, "version") >= 1);
	/* No first response yet: its due counts, two hours ago. */
	assert_string_equal(STR(doc, "due_kind"), "first_response");
	assert_true(INT(doc, "due_in") < -7000 && INT(doc, "due_in") > -7300);
	assert_false(json_is_true(json_object_get(doc, "paused")));
	assert_true(json_is_null(json_object_get(doc, "tracking_no")));
	msgs = json_object_get(doc, "messages");
	assert_int_equal(json_array_size(msgs), 3);
	assert_string_equal(STR(json_array_get(msgs, 0), "body"), "Birinci: nerede?");
	assert_string_equal(STR(json_array_get(msgs, 0), "kind"), "customer");
	/* A staff member by name; a login that is no longer staff as it was written. */
	assert_string_equal(STR(json_array_get(msgs, 1), "author"), "Ayşe Deneme");
	assert_string_equal(STR(json_array_get(msgs, 2), "author"), "someone_gone");
	json_decref(doc);

	doc = detail(session, tk_b);
	assert_true(json_is_null(json_object_get(doc, "customer")));
	assert_true(json_is_null(json_object_get(doc, "assignee")));
	assert_int_equal(json_array_size(json_object_get(doc, "messages")), 0);
	json_decref(doc);
}

static void pending_pauses_and_a_response_moves_to_the_resolution(void **state)
{
	PGconn *c = owner_conn();
	char sql[256];
	json_t *doc;

	(void)state;
	(void)snprintf(sql, sizeof sql,
		       "UPDATE backdesk.tickets SET status = 'pending', first_response_at = now() WHERE id = %s",
		       tk_a);
	exec_ok(c, sql);
	doc = detail(session, tk_a);
	assert_string_equal(STR(doc, "due_kind"), "resolve");
	assert_true(INT(doc, "due_in") > 2 * 86400 - 300);
	assert_true(json_is_true(json_object_get(doc, "paused")));
	json_decref(doc);
	(void)snprintf(sql, sizeof sql,
		       "UPDATE backdesk.tickets SET status = 'open', first_response_at = NULL WHERE id = %s", tk_a);
	exec_ok(c, sql);
	PQfinish(c);
}

/* What migration 0028 added (issue 12): time spent and the ticket a merged one
 * went into. */
static void time_spent_and_merged_into_show(void **state)
{
	PGconn *c = owner_conn();
	char sql[256];
	json_t *doc;

	(void)state;
	(void)snprintf(sql, sizeof sql,
		       "UPDATE backdesk.tickets SET time_spent = 95, status = 'closed', merged_into = %s "
		       "WHERE id = %s",
		       tk_b, tk_a);
	exec_ok(c, sql);
	PQfinish(c);
	doc = detail(session, tk_a);
	assert_int_equal(INT(doc, "time_spent"), 95);
	assert_string_equal(STR(doc, "merged_into"), num_b);
	json_decref(doc);
}

static void no_ticket_is_missing(void **state)
{
	json_t *doc;

	(void)state;
	doc = detail(session, "999999999");
	assert_true(json_is_true(json_object_get(doc, "missing")));
	json_decref(doc);
}

static void a_number_is_found_in_any_case(void **state)
{
	char lower[24];

	(void)state;
	(void)snprintf(lower, sizeof lower, "%s", num_a);
	lower[0] = 't';
	memset(&ans, 0, sizeof ans);
	(void)db_lookup_ticket(session, lower, on_answer, NULL);
	assert_true(run_until(&ans.done, 5000));
	assert_int_equal(ans.failed, 0);
	assert_int_equal(ans.n, 1);
	assert_string_equal(ans.rows[0][0], tk_a);
	assert_string_equal(ans.rows[0][1], num_a);
	memset(&ans, 0, sizeof ans);
	(void)db_lookup_ticket(session, "T-0", on_answer, NULL);
	assert_true(run_until(&ans.done, 5000));
	assert_int_equal(ans.n, 0);
}

static void the_warehouse_reads_no_tickets(void **state)
{
	(void)state;
	memset(&ans, 0, sizeof ans);
	(void)db_ticket_detail(warehouse, tk_a, on_answer, NULL);
	assert_true(run_until(&ans.done, 5000));
	assert_int_equal(ans.failed, 1);
	assert_string_equal(ans.sqlstate, "42501");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_document_has_the_ticket_and_its_messages_oldest_first),
		cmocka_unit_test(pending_pauses_and_a_response_moves_to_the_resolution),
		cmocka_unit_test(time_spent_and_merged_into_show),
		cmocka_unit_test(no_ticket_is_missing),
		cmocka_unit_test(a_number_is_found_in_any_case),
		cmocka_unit_test(the_warehouse_reads_no_tickets),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
