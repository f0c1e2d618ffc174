/* db/lookup: the lookup box's hits grouped by kind, the best group first, kinds in
 * a fixed order breaking ties, then by rank; ties keep api.find's order (issue 11:
 * the grouping moved out of the statement). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/lookup.h"

struct hit {
	const char *kind, *id, *label, *detail, *how, *rank;
};

/* A result shaped like db_lookup_find's, rows as given. */
static PGresult *result(const struct hit *h, int n)
{
	static const char *const names[LOOKUP_NCOLS] = { "kind", "id", "label", "detail", "how", "rank" };
	PGresAttDesc att[LOOKUP_NCOLS];
	PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);

	assert_non_null(res);
	memset(att, 0, sizeof att);
	for (int c = 0; c < LOOKUP_NCOLS; c++) {
		att[c].name = (char *)(uintptr_t)names[c];
		att[c].typid = 25;
		att[c].typlen = -1;
		att[c].atttypmod = -1;
	}
	assert_int_equal(PQsetResultAttrs(res, LOOKUP_NCOLS, att), 1);
	for (int i = 0; i < n; i++) {
		const char *v[LOOKUP_NCOLS] = { h[i].kind, h[i].id, h[i].label, h[i].detail, h[i].how, h[i].rank };

		for (int c = 0; c < LOOKUP_NCOLS; c++)
			assert_int_equal(PQsetvalue(res, i, c, (char *)(uintptr_t)v[c],
						    v[c] != NULL ? (int)strlen(v[c]) : -1),
					 1);
	}
	return res;
}

/* The ids of the rows, in order, joined by spaces. */
static void ids(const PGresult *res, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = 0; i < PQntuples(res); i++) {
		size_t len = strlen(buf);

		(void)snprintf(buf + len, size - len, "%s%s", i > 0 ? " " : "", PQgetvalue(res, i, LOOKUP_COL_ID));
	}
}

static void best_group_first_then_kind_then_rank(void **state)
{
	(void)state;
	/* As api.find may return them: a phone's customer, a number's order and parcel. */
	const struct hit h[] = {
		{ "customer", "c1", "Ayşe", "0532", "exact", "0.95" },
		{ "order", "o1", "BK-1", "Ayşe · paid", "prefix", "0.6" },
		{ "shipment", "s1", "1234", "Aras", "exact", "1" },
		{ "order", "o2", "BK-2", "Can · paid", "exact", "1" },
		{ "customer", "c2", "Ayla", "0533", "contains", "0.3" },
	};
	PGresult *res = result(h, 5);
	PGresult *out = db_lookup_arrange(res);
	char buf[128];

	assert_non_null(out);
	ids(out, buf, sizeof buf);
	/* order and shipment both hold a 1: the order's group first (fixed kinds),
	 * its best hit first; then the parcel; then the customers (best 0.95). */
	assert_string_equal(buf, "o2 o1 s1 c1 c2");
	/* Every column moves with its row. */
	assert_string_equal(PQgetvalue(out, 1, LOOKUP_COL_DETAIL), "Ayşe · paid");
	assert_string_equal(PQgetvalue(out, 1, LOOKUP_COL_HOW), "prefix");
	assert_int_equal(PQnfields(out), LOOKUP_NCOLS);
	PQclear(out);
	PQclear(res);
}

static void ties_keep_api_find_order(void **state)
{
	(void)state;
	/* Names of one rank, in the database's collation ("Ö" after "O" in tr_TR): kept. */
	const struct hit h[] = {
		{ "customer", "c9", "Ozan Kaya", NULL, "prefix", "0.8" },
		{ "customer", "c3", "Öztürk Ali", NULL, "prefix", "0.8" },
		{ "customer", "c1", "Oya Şen", "", "exact", "0.9" },
	};
	PGresult *res = result(h, 3);
	PGresult *out = db_lookup_arrange(res);
	char buf[128];

	assert_non_null(out);
	ids(out, buf, sizeof buf);
	assert_string_equal(buf, "c1 c9 c3");
	/* A NULL stays NULL, an empty string empty. */
	assert_true(PQgetisnull(out, 1, LOOKUP_COL_DETAIL));
	assert_false(PQgetisnull(out, 0, LOOKUP_COL_DETAIL));
	PQclear(out);
	PQclear(res);
}

static void in_order_already_or_too_few(void **state)
{
	(void)state;
	const struct hit h[] = {
		{ "ticket", "t1", "T-1", "Geç", "exact", "1" },
		{ "return", "r1", "R-1", "BK-1", "exact", "1" },
		{ "unknown", "u1", "?", "", "exact", "1" },
	};
	PGresult *res = result(h, 3);
	PGresult *one = result(h, 1);

	assert_null(db_lookup_arrange(res));
	assert_null(db_lookup_arrange(one));
	PQclear(one);
	PQclear(res);
}

static void a_kind_not_known_goes_last_among_equals(void **state)
{
	(void)state;
	const struct hit h[] = {
		{ "invoice", "i1", "F-1", "", "exact", "1" },
		{ "return", "r1", "R-1", "", "exact", "1" },
	};
	PGresult *res = result(h, 2);
	PGresult *out = db_lookup_arrange(res);
	char buf[64];

	assert_non_null(out);
	ids(out, buf, sizeof buf);
	assert_string_equal(buf, "r1 i1");
	PQclear(out);
	PQclear(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(best_group_first_then_kind_then_rank),
		cmocka_unit_test(ties_keep_api_find_order),
		cmocka_unit_test(in_order_already_or_too_few),
		cmocka_unit_test(a_kind_not_known_goes_last_among_equals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
