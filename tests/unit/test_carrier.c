/* carrier/carriers.c: every carrier's example passes its own validator and a
 * spoilt one fails; check digits are the published ones (numbers worked out by
 * hand below); examples never repeat, within a carrier or across carriers; and the
 * database's backdesk.tracking_url knows exactly the carriers this list knows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>

#include "carrier/carriers.h"

/* Where each carrier's check digit sits in its examples (-1: no check digit). */
static const int check_at[CARRIER_N] = {
	[CARRIER_YURTICI] = -1, [CARRIER_ARAS] = -1, [CARRIER_MNG] = -1, [CARRIER_PTT] = 10,
	[CARRIER_DHL] = 9,      [CARRIER_UPS] = 17,  [CARRIER_FEDEX] = 11, [CARRIER_MPL] = 10,
	[CARRIER_GLS] = -1,
};

/* Serials to try: the ends of the range and a few in between. */
static uint64_t serial_of(const struct carrier *c, unsigned k)
{
	static const uint64_t some[] = { 0, 1, 6, 7, 99999999, 100000000, 123456789 };

	if (k < sizeof some / sizeof some[0])
		return some[k] < c->examples ? some[k] : c->examples - 1;
	return c->examples - 1 - (k - sizeof some / sizeof some[0]);
}

enum { NSERIALS = 10 };

static void every_example_passes_its_own_validator(void **state)
{
	char out[CARRIER_TRACKING_MAX];

	(void)state;
	for (int id = 0; id < CARRIER_N; id++) {
		const struct carrier *c = carrier_get((enum carrier_id)id);

		for (unsigned k = 0; k < NSERIALS; k++) {
			uint64_t s = serial_of(c, k);

			assert_true(carrier_tracking_example((enum carrier_id)id, s, out, sizeof out));
			if (!carrier_tracking_valid((enum carrier_id)id, out))
				fail_msg("%s: example %s (serial %llu) is refused", c->code, out,
					 (unsigned long long)s);
		}
		/* Past the range, or into a buffer too small: nothing, and out untouched. */
		strcpy(out, "keep");
		assert_false(carrier_tracking_example((enum carrier_id)id, c->examples, out, sizeof out));
		assert_false(carrier_tracking_example((enum carrier_id)id, 0, out, 5));
		assert_string_equal(out, "keep");
	}
}

static void a_spoilt_example_fails(void **state)
{
	char good[CARRIER_TRACKING_MAX], bad[CARRIER_TRACKING_MAX];

	(void)state;
	for (int id = 0; id < CARRIER_N; id++) {
		const struct carrier *c = carrier_get((enum carrier_id)id);

		for (unsigned k = 0; k < NSERIALS; k++) {
			size_t n;

			assert_true(carrier_tracking_example((enum carrier_id)id, serial_of(c, k), good, sizeof good));
			n = strlen(good);
			/* Cut short. */
			(void)snprintf(bad, sizeof bad, "%.9s", good);
			if (carrier_tracking_valid((enum carrier_id)id, bad))
				fail_msg("%s: %s, cut short, passes", c->code, bad);
			/* A character no tracking number has, at each place in turn. */
			for (size_t i = 0; i < n; i++) {
				memcpy(bad, good, n + 1);
				bad[i] = i % 2 ? '-' : ' ';
				if (carrier_tracking_valid((enum carrier_id)id, bad))
					fail_msg("%s: '%s' passes", c->code, bad);
			}
			/* Small letters: numbers are stored in capitals. */
			if (strcspn(good, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") < n) {
				memcpy(bad, good, n + 1);
				for (size_t i = 0; i < n; i++)
					if (bad[i] >= 'A' && bad[i] <= 'Z')
						bad[i] = (char)(bad[i] - 'A' + 'a');
				if (carrier_tracking_valid((enum carrier_id)id, bad))
					fail_msg("%s: %s passes", c->code, bad);
			}
			/* Every other check digit. */
			assert_int_equal(check_at[id] >= 0, c->checked);
			if (check_at[id] < 0)
				continue;
			for (char d = '0'; d <= '9'; d++) {
				if (d == good[check_at[id]])
					continue;
				memcpy(bad, good, n + 1);
				bad[check_at[id]] = d;
				if (carrier_tracking_valid((enum carrier_id)id, bad))
					fail_msg("%s: %s, with a wrong check digit, passes", c->code, bad);
			}
		}
	}
}

/* Numbers worked out by hand from the published rules, so the validators are the
 * carriers' rules and not only consistent with their own examples. */
static void check_digits_are_the_published_ones(void **state)
{
	static const struct {
		enum carrier_id id;
		const char *number;
		bool valid;
	} cases[] = {
		/* S10: 1*8 + 2*6 + 3*4 + 4*2 + 5*3 + 6*5 + 7*9 + 8*7 = 204; 204 mod 11 = 6; 11 - 6 = 5 */
		{ CARRIER_PTT, "RR123456785TR", true },
		{ CARRIER_PTT, "RR123456784TR", false },
		{ CARRIER_PTT, "RR123456785HU", false }, /* Magyar Posta's, not PTT's */
		{ CARRIER_MPL, "RR123456785HU", true },
		{ CARRIER_MPL, "R1123456785HU", false },
		/* 11111111 -> 44 mod 11 = 0, 11 - 0 = 11, which is 5; 00000000 the same;
		 * 00000001 -> 7 mod 11 = 7, 11 - 7 = 4; 00000005 -> 35 mod 11 = 2, 11 - 2 = 9;
		 * 00000003 -> 21 mod 11 = 10, 11 - 10 = 1; 00000008 -> 56 mod 11 = 1, 11 - 1 = 10, which is 0 */
		{ CARRIER_PTT, "CP111111115TR", true },
		{ CARRIER_PTT, "CP000000059TR", true },
		{ CARRIER_PTT, "CP000000005TR", true },
		{ CARRIER_PTT, "CP000000014TR", true },
		{ CARRIER_PTT, "CP000000031TR", true },
		{ CARRIER_PTT, "CP000000080TR", true },
		/* DHL Express: 123456789 mod 7 = 1 */
		{ CARRIER_DHL, "1234567891", true },
		{ CARRIER_DHL, "1234567898", false },
		{ CARRIER_DHL, "JJD000390007771234", true },
		{ CARRIER_DHL, "JJD123", false },
		{ CARRIER_DHL, "JJX0003900077712", false },
		/* FedEx: 1*3 + 2*1 + 3*7 + 4*3 + 5*1 + 6*7 + 7*3 + 8*1 + 9*7 + 0*3 + 1*1 = 178;
		 * 178 mod 11 = 2 */
		{ CARRIER_FEDEX, "123456789012", true },
		{ CARRIER_FEDEX, "123456789013", false },
		{ CARRIER_FEDEX, "12345678901", false },
		/* UPS: 999AA1012345678 counts 9 9 9 2 2 1 0 1 2 3 4 5 6 7 8, every second doubled:
		 * 9+18+9+4+2+2+0+2+2+6+4+10+6+14+8 = 96, so 4 */
		{ CARRIER_UPS, "1Z999AA10123456784", true },
		{ CARRIER_UPS, "1Z999AA10123456785", false },
		{ CARRIER_UPS, "1Y999AA10123456784", false },
		{ CARRIER_UPS, "1z999aa10123456784", false },
		/* Shapes only. */
		{ CARRIER_YURTICI, "701234567890", true },
		{ CARRIER_YURTICI, "123456789", false },
		{ CARRIER_YURTICI, "1234567890123456", false },
		{ CARRIER_YURTICI, "70123456789A", false },
		{ CARRIER_ARAS, "361234567890", true },
		{ CARRIER_MNG, "801234567890123", true },
		{ CARRIER_GLS, "12345678901", true },
		{ CARRIER_GLS, "1234567890", false },
		{ CARRIER_GLS, "", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (carrier_tracking_valid(cases[i].id, cases[i].number) != cases[i].valid)
			fail_msg("%s %s: expected %s", carrier_get(cases[i].id)->code, cases[i].number,
				 cases[i].valid ? "valid" : "refused");
	assert_false(carrier_tracking_valid(CARRIER_N, "1234567891"));
	assert_false(carrier_tracking_valid(CARRIER_DHL, NULL));
}

static int by_text(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void examples_never_repeat(void **state)
{
	enum { N = 2000 };
	static char seen[CARRIER_N * (N + NSERIALS)][CARRIER_TRACKING_MAX];
	size_t n = 0;

	(void)state;
	for (int id = 0; id < CARRIER_N; id++) {
		const struct carrier *c = carrier_get((enum carrier_id)id);

		/* Spread over the range (104729 is prime; N of them stay below every range),
		 * and the ends of it. */
		for (uint64_t s = 1; s <= N; s++)
			assert_true(carrier_tracking_example((enum carrier_id)id, s * 104729, seen[n++], sizeof seen[0]));
		for (unsigned k = 0; k < NSERIALS; k++)
			assert_true(carrier_tracking_example((enum carrier_id)id, serial_of(c, k), seen[n++],
							     sizeof seen[0]));
	}
	qsort(seen, n, sizeof seen[0], by_text);
	for (size_t i = 1; i < n; i++)
		if (strcmp(seen[i - 1], seen[i]) == 0)
			fail_msg("%s made twice", seen[i]);
}

/* What the schema's check constraints allow: shipments.carrier and tracking_no. */
static void codes_and_examples_fit_the_schema(void **state)
{
	char out[CARRIER_TRACKING_MAX];

	(void)state;
	for (int id = 0; id < CARRIER_N; id++) {
		const struct carrier *c = carrier_get((enum carrier_id)id);
		size_t n = strlen(c->code);

		assert_true(n >= 2 && n <= 32);
		assert_int_equal(strspn(c->code, "abcdefghijklmnopqrstuvwxyz0123456789-"), n);
		assert_int_equal(carrier_by_code(c->code), id);
		assert_true(carrier_tracking_example((enum carrier_id)id, c->examples - 1, out, sizeof out));
		n = strlen(out);
		assert_true(n >= 4 && n <= 40);
		assert_int_equal(strspn(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"), n);
	}
	assert_int_equal(carrier_by_code("yurtici-kargo"), -1);
	assert_int_equal(carrier_by_code(""), -1);
	assert_null(carrier_get(CARRIER_N));
}

static PGresult *query(PGconn *c, const char *sql, int n, const char *const *params)
{
	PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);

	if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	return r;
}

/* backdesk.tracking_no_ok (0042) is api.ship_parcel's copy of the validators: for
 * each carrier's examples and every one of them with a character changed, cut short
 * or in small letters, it says what carrier_tracking_valid says; and
 * backdesk.tracking_no_shape says what ->shape says. */
static void the_database_checks_numbers_alike(PGconn *c)
{
	static const char subst[] = "0159AZ";
	char good[CARRIER_TRACKING_MAX], bad[CARRIER_TRACKING_MAX];

	for (int id = 0; id < CARRIER_N; id++) {
		const struct carrier *k = carrier_get((enum carrier_id)id);
		const char *params[2] = { k->code, NULL };
		PGresult *r = query(c, "SELECT backdesk.tracking_no_shape($1)", 1, params);

		if (strcmp(PQgetvalue(r, 0, 0), k->shape) != 0)
			fail_msg("backdesk.tracking_no_shape says %s numbers are \"%s\", carrier/carriers.c \"%s\"", k->code,
				 PQgetvalue(r, 0, 0), k->shape);
		PQclear(r);
		for (unsigned j = 0; j < NSERIALS; j++) {
			char list[8192];
			size_t len = 0, n;

			assert_true(carrier_tracking_example((enum carrier_id)id, serial_of(k, j), good, sizeof good));
			n = strlen(good);
			/* {good,cut short,small letters,each place changed to each of subst} */
			len += (size_t)snprintf(list + len, sizeof list - len, "{%s,%.9s", good, good);
			memcpy(bad, good, n + 1);
			for (size_t i = 0; i < n; i++)
				if (bad[i] >= 'A' && bad[i] <= 'Z')
					bad[i] = (char)(bad[i] - 'A' + 'a');
			len += (size_t)snprintf(list + len, sizeof list - len, ",%s", bad);
			for (size_t i = 0; i < n; i++)
				for (const char *ch = subst; *ch != '\0'; ch++) {
					memcpy(bad, good, n + 1);
					bad[i] = *ch;
					len += (size_t)snprintf(list + len, sizeof list - len, ",%s", bad);
				}
			assert_true(len + 2 < sizeof list);
			list[len++] = '}';
			list[len] = '\0';
			params[1] = list;
			r = query(c, "SELECT n, backdesk.tracking_no_ok($1, n) FROM unnest($2::text[]) n", 2, params);
			for (int i = 0; i < PQntuples(r); i++) {
				bool db = strcmp(PQgetvalue(r, i, 1), "t") == 0;

				if (db != carrier_tracking_valid((enum carrier_id)id, PQgetvalue(r, i, 0)))
					fail_msg("%s %s: backdesk.tracking_no_ok says %s, carrier/carriers.c the opposite", k->code,
						 PQgetvalue(r, i, 0), db ? "valid" : "invalid");
			}
			PQclear(r);
		}
	}
}

/* backdesk.tracking_url is the one source of the public tracking pages; it and
 * this list must name the same carriers; backdesk.carrier_name gives their names. */
static void the_database_links_the_same_carriers(void **state)
{
	char db[64], sql[160], number[CARRIER_TRACKING_MAX];
	const char *keys[] = { "dbname", NULL }, *vals[] = { db, NULL };
	PGconn *admin = PQconnectdb(""), *c;
	PGresult *r;

	(void)state;
	assert_int_equal(PQstatus(admin), CONNECTION_OK);
	(void)snprintf(db, sizeof db, "bd_carrier_%ld", (long)getpid());
	(void)snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", db, getenv("BD_TEMPLATE"));
	PQclear(query(admin, sql, 0, NULL));
	c = PQconnectdbParams(keys, vals, 0);
	assert_int_equal(PQstatus(c), CONNECTION_OK);

	for (int id = 0; id < CARRIER_N; id++) {
		const char *params[2] = { carrier_get((enum carrier_id)id)->code, number };

		assert_true(carrier_tracking_example((enum carrier_id)id, 42, number, sizeof number));
		r = query(c, "SELECT backdesk.tracking_url($1, $2)", 2, params);
		if (PQgetisnull(r, 0, 0))
			fail_msg("backdesk.tracking_url has no page for %s", params[0]);
		assert_true(strncmp(PQgetvalue(r, 0, 0), "https://", 8) == 0);
		assert_non_null(strstr(PQgetvalue(r, 0, 0), number));
		PQclear(r);
		/* What customers read in the answers and e-mails is this list's name. */
		r = query(c, "SELECT backdesk.carrier_name($1)", 1, params);
		if (strcmp(PQgetvalue(r, 0, 0), carrier_get((enum carrier_id)id)->name) != 0)
			fail_msg("backdesk.carrier_name calls %s \"%s\", carrier/carriers.c \"%s\"",
				 params[0], PQgetvalue(r, 0, 0), carrier_get((enum carrier_id)id)->name);
		PQclear(r);
	}
	/* And carrier_name knows no carrier this list does not. */
	r = query(c,
		  "SELECT m[1] FROM regexp_matches(pg_get_functiondef('backdesk.carrier_name(text)'"
		  "::regprocedure), $$WHEN '([^']*)'(?:::text)? THEN$$, 'g') AS m",
		  0, NULL);
	assert_int_equal(PQntuples(r), CARRIER_N);
	for (int i = 0; i < PQntuples(r); i++)
		if (carrier_by_code(PQgetvalue(r, i, 0)) < 0)
			fail_msg("backdesk.carrier_name knows %s, carrier/carriers.c does not", PQgetvalue(r, i, 0));
	PQclear(r);
	/* And no carrier this list does not know: every WHEN of the function's CASE. */
	r = query(c,
		  "SELECT m[1] FROM regexp_matches(pg_get_functiondef('backdesk.tracking_url(text, text)'"
		  "::regprocedure), $$WHEN '([^']*)'(?:::text)? THEN$$, 'g') AS m",
		  0, NULL);
	assert_int_equal(PQntuples(r), CARRIER_N);
	for (int i = 0; i < PQntuples(r); i++)
		if (carrier_by_code(PQgetvalue(r, i, 0)) < 0)
			fail_msg("backdesk.tracking_url knows %s, carrier/carriers.c does not", PQgetvalue(r, i, 0));
	PQclear(r);
	the_database_checks_numbers_alike(c);

	PQfinish(c);
	(void)snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", db);
	PQclear(query(admin, sql, 0, NULL));
	PQfinish(admin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_example_passes_its_own_validator),
		cmocka_unit_test(a_spoilt_example_fails),
		cmocka_unit_test(check_digits_are_the_published_ones),
		cmocka_unit_test(examples_never_repeat),
		cmocka_unit_test(codes_and_examples_fit_the_schema),
		cmocka_unit_test(the_database_links_the_same_carriers),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
