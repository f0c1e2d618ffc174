/* RFC 4180 writer: quoting, CRLF, UTF-8 untouched, NULL, spreadsheet formulas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/csv.h"

/* One row of fields written the way db/export.c writes them. */
static char *row(const char *const *fields, size_t n, unsigned flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(csv_field(f, fields[i], i == 0, flags), 0);
	assert_int_equal(csv_end_row(f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void check(const char *const *fields, size_t n, unsigned flags, const char *want)
{
	char *got = row(fields, n, flags);

	if (strcmp(got, want) != 0)
		fail_msg("got [%s], want [%s]", got, want);
	free(got);
}

#define CHECK(flags, want, ...)                                                          \
	do {                                                                             \
		const char *f_[] = { __VA_ARGS__ };                                      \
		check(f_, sizeof f_ / sizeof f_[0], (flags), (want));                    \
	} while (0)

static void plain_fields_are_bare(void **state)
{
	(void)state;
	CHECK(0, "a,b,c\r\n", "a", "b", "c");
	CHECK(0, "T-100001,2026-11-27 10:05,149.90\r\n", "T-100001", "2026-11-27 10:05", "149.90");
	CHECK(0, " spaced ,x\r\n", " spaced ", "x");
}

static void null_and_empty_are_empty(void **state)
{
	(void)state;
	CHECK(0, ",,\r\n", NULL, "", NULL);
	CHECK(0, "\r\n", NULL);
	CHECK(CSV_TEXT, "x,,y\r\n", "x", NULL, "y");
}

static void nasty_fields_are_quoted(void **state)
{
	(void)state;
	CHECK(0, "\"a,b\"\r\n", "a,b");
	CHECK(0, "\"say \"\"hi\"\"\"\r\n", "say \"hi\"");
	CHECK(0, "\"\"\"\"\r\n", "\"");
	CHECK(0, "\"\"\"\"\"\"\r\n", "\"\"");
	CHECK(0, "\"line1\nline2\"\r\n", "line1\nline2");
	CHECK(0, "\"cr\ronly\"\r\n", "cr\ronly");
	CHECK(0, "\"crlf\r\n\",x\r\n", "crlf\r\n", "x");
	CHECK(0, "\",\",\"\"\"\",\"\n\"\r\n", ",", "\"", "\n");
	CHECK(0, "\"end with quote\"\"\"\r\n", "end with quote\"");
}

static void utf8_passes_through(void **state)
{
	(void)state;
	CHECK(0, "Şükrü Öztürk,Árvíztűrő tükörfúrógép,İstanbul\r\n", "Şükrü Öztürk",
	      "Árvíztűrő tükörfúrógép", "İstanbul");
	CHECK(0, "\"Öztürk, Şükrü\"\r\n", "Öztürk, Şükrü");
	/* Bytes are not judged here: what the database gives is written. */
	CHECK(0, "\xe2\x80\x8b" "x\r\n", "\xe2\x80\x8b" "x");
}

static void formulas_are_defused_in_text(void **state)
{
	(void)state;
	CHECK(CSV_TEXT, "'=1+1\r\n", "=1+1");
	CHECK(CSV_TEXT, "'+90 532\r\n", "+90 532");
	CHECK(CSV_TEXT, "'-- urgent --\r\n", "-- urgent --");
	CHECK(CSV_TEXT, "'@SUM(A1)\r\n", "@SUM(A1)");
	CHECK(CSV_TEXT, "'\tx\r\n", "\tx");
	CHECK(CSV_TEXT, "\"'\rx\"\r\n", "\rx");
	CHECK(CSV_TEXT, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n", "=HYPERLINK(\"http://x\",\"y\")");
	/* Only the first character matters; safe text is untouched. */
	CHECK(CSV_TEXT, "a=b,x-y,Ayşe\r\n", "a=b", "x-y", "Ayşe");
	/* Not text from people: numbers stay numbers. */
	CHECK(0, "-5.00,+1,=x\r\n", "-5.00", "+1", "=x");
	assert_true(csv_formula_risk("=x"));
	assert_false(csv_formula_risk(""));
	assert_false(csv_formula_risk(NULL));
	assert_false(csv_formula_risk(" =x"));
}

static void write_errors_are_reported(void **state)
{
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL)
		skip();
	assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);
	assert_int_equal(csv_field(f, "x", true, 0), -1);
	assert_int_equal(csv_end_row(f), -1);
	(void)fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_fields_are_bare),
		cmocka_unit_test(null_and_empty_are_empty),
		cmocka_unit_test(nasty_fields_are_quoted),
		cmocka_unit_test(utf8_passes_through),
		cmocka_unit_test(formulas_are_defused_in_text),
		cmocka_unit_test(write_errors_are_reported),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
