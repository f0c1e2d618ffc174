/* What the screens write for what the database stores: a lookup hit's total as
 * money, its status in words and a customer's phone in one form (views/lookup_source.c), a customer's
 * language in words, a note's time and author labelled (views/labels.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "views/labels.h"
#include "views/lookup_source.h"

static void detail_is(const char *kind, const char *detail, const char *want)
{
	char *got = lookup_detail_text(kind, detail);

	assert_string_equal(got, want);
	free(got);
}

static void an_orders_total_is_money(void **state)
{
	(void)state;
	detail_is("order", "Árvíztűrő Tünde · delivered · 81270.00 HUF",
		  "Árvíztűrő Tünde · delivered · 81,270.00 HUF");
	detail_is("order", "Şükrü Öztürk · shipped · 299.80 TRY", "Şükrü Öztürk · shipped · 299.80 TRY");
	detail_is("order", "X · paid · 1234567.5 EUR", "X · paid · 1,234,567.50 EUR");
	/* Already money, or no amount: as it is. */
	detail_is("order", "X · paid · 81,270.00 HUF", "X · paid · 81,270.00 HUF");
	detail_is("order", "X · paid · 12 apples", "X · paid · 12 apples");
	detail_is("order", "", "");
	/* Only an order's last part is its total. */
	detail_is("return", "SO-100301 · 100.00 HUF", "SO-100301 · 100.00 HUF");
}

static void statuses_in_words(void **state)
{
	(void)state;
	detail_is("order", "Ayşe Şen · pending · 229.80 TRY", "Ayşe Şen · unpaid · 229.80 TRY");
	detail_is("shipment", "Yurtiçi Kargo · SO-100234 · IN_TRANSIT",
		  "Yurtiçi Kargo · SO-100234 · in transit");
	detail_is("shipment", "DHL · SO-100301 · OUT_FOR_DELIVERY", "DHL · SO-100301 · out for delivery");
	detail_is("ticket", "Kargom nerede? · new", "Kargom nerede? · new");
	/* Only the status's place is a status: an order's name that reads like one stays. */
	detail_is("order", "pending · paid · 1.00 TRY", "pending · paid · 1.00 TRY");
	/* A code newer than the program shows as it is. */
	detail_is("shipment", "GLS · SO-1 · TELEPORTED", "GLS · SO-1 · TELEPORTED");
}

static void a_customers_phone_is_in_one_form(void **state)
{
	(void)state;
	detail_is("customer", "552-387-29-50 · a@example.com", "+90 552 387 29 50 · a@example.com");
	detail_is("customer", "a@example.com · 06-20-497-1720", "a@example.com · +36 20 497 1720");
	detail_is("customer", "+90 532 123 45 67 · sukru@example.com",
		  "+90 532 123 45 67 · sukru@example.com");
	detail_is("customer", "call the office · a@example.com", "call the office · a@example.com");
	/* Another kind's digits are not a phone. */
	detail_is("ticket", "5523872950 · open", "5523872950 · open");
}

static void phones_as_the_screens_write_them(void **state)
{
	char out[64];

	(void)state;
	label_phone("552-387-29-50", out, sizeof out);
	assert_string_equal(out, "+90 552 387 29 50");
	label_phone("(0506) 461 21 15", out, sizeof out);
	assert_string_equal(out, "+90 506 461 21 15");
	label_phone("06 30 123 4567", out, sizeof out);
	assert_string_equal(out, "+36 30 123 4567");
	/* What is no phone number shows as it was stored. */
	label_phone("ask for Mehmet", out, sizeof out);
	assert_string_equal(out, "ask for Mehmet");
	label_phone("", out, sizeof out);
	assert_string_equal(out, "");
}

static void languages_in_words(void **state)
{
	(void)state;
	assert_string_equal(label_language("tr"), "Turkish");
	assert_string_equal(label_language("hu"), "Hungarian");
	assert_string_equal(label_language("en"), "English");
	assert_string_equal(label_language("tr_TR"), "Turkish");
	/* One this program has no words for yet: as stored. */
	assert_string_equal(label_language("xx"), "xx");
	assert_string_equal(label_language("xx_YY"), "xx_YY");
}

static void a_note_says_when_and_who(void **state)
{
	char out[128];

	(void)state;
	assert_string_equal(label_written("2026-11-23 10:00", "Ayşe Yılmaz", out, sizeof out),
			    "written 2026-11-23 10:00 by Ayşe Yılmaz");
	assert_string_equal(label_written("2026-11-23 10:00", "", out, sizeof out),
			    "written 2026-11-23 10:00");
	assert_string_equal(label_written("", "ayse", out, sizeof out), "written by ayse");
}

/* A return line's reason by its code (the program's words, translated), the
 * database's label only for a code newer than the program (issue 16). */
static void return_reasons_by_their_code(void **state)
{
	(void)state;
	assert_string_equal(label_return_reason("damaged_in_transit", "damaged in transit"), "damaged in transit");
	assert_string_equal(label_return_reason("changed_mind", "Changed their mind"), "changed mind");
	assert_string_equal(label_return_reason("too_big", "too big"), "too big");
	assert_string_equal(label_return_reason("too_big", ""), "too_big");
	assert_string_equal(label_return_reason("too_big", NULL), "too_big");
	assert_string_equal(label_return_reason(NULL, NULL), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_orders_total_is_money),
		cmocka_unit_test(statuses_in_words),
		cmocka_unit_test(a_customers_phone_is_in_one_form),
		cmocka_unit_test(phones_as_the_screens_write_them),
		cmocka_unit_test(languages_in_words),
		cmocka_unit_test(a_note_says_when_and_who),
		cmocka_unit_test(return_reasons_by_their_code),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
