/* views/row_match: a list's find (/) looks for what its rows show, in the staff
 * member's words, ignoring case and accents; not the codes and English reasons
 * kept behind them (the refunds ledger and the outbox searched those). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "views/row_match.h"

/* What the database keeps, and what the screen writes for it. */
struct item {
	const char *reason_code, *amount_raw;
	const char *reason_shown, *amount_shown;
};

static const struct item items[] = {
	{ "customer changed their mind", "52480.00", "Müşteri vazgeçti", "52.480,00 TRY" },
	{ "damaged in transit", "199.90", "Kargoda hasar görmüş", "199,90 TRY" },
	{ "late delivery", "10.00", NULL, "10,00 TRY" },
};

static struct tui_row *row(void *data, size_t i)
{
	const struct item *it = &((const struct item *)data)[i];
	struct tui_row *r = tui_row_new(2);

	if (it->reason_shown != NULL)
		tui_row_set(r, 0, it->reason_shown);
	tui_row_set(r, 1, it->amount_shown);
	return r;
}

static bool shows(size_t i, const char *text)
{
	return views_row_shows(row, (void *)(uintptr_t)items, i, 2, text);
}

static void what_the_row_shows(void **state)
{
	(void)state;
	assert_true(shows(0, "Müşteri"));
	assert_true(shows(0, "musteri vazgecti")); /* without accents, in lower case */
	assert_true(shows(1, "HASAR"));
	assert_true(shows(0, "52.480,00"));
	assert_true(shows(2, "10,00"));
}

static void not_what_is_kept_behind_it(void **state)
{
	(void)state;
	assert_false(shows(0, "changed their mind"));
	assert_false(shows(1, "52.480"));
	assert_false(shows(1, "Müşteri"));
	assert_false(shows(2, "late delivery")); /* a cell never set is no text */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(what_the_row_shows),
		cmocka_unit_test(not_what_is_kept_behind_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
