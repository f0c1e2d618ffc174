#ifndef BACKDESK_VIEWS_REFUNDS_DAY_H
#define BACKDESK_VIEWS_REFUNDS_DAY_H
/* The pure parts of the refunds ledger (`:refunds [DAY]`): which day was asked
 * for, and the totals per currency under the list.  No terminal, no database:
 * tests/unit/test_views_refunds_day.c holds them. */
#include <stddef.h>
#include <stdint.h>

/* What was typed after :refunds.  The shop's today and yesterday are the
 * database's to reckon (its time zone, not the console's). */
struct refunds_day {
	int days_back;  /* 0 today, 1 yesterday; -1: the date in `date` */
	char date[11];  /* YYYY-MM-DD when days_back is -1 */
};

/* "" or NULL or "today", "yesterday", or a real calendar date YYYY-MM-DD
 * (spaces around are fine).  0, or -1 for anything else (*out untouched). */
int refunds_day_parse(const char *text, struct refunds_day *out);

/* One currency's sum, in hundredths (the refunds' amounts are numeric(14,2)). */
struct refunds_total {
	char currency[4];
	int64_t cents;
	size_t count;
};

/* Adds amount ("149.90") in currency to the totals (*n of them, room for max),
 * in the order currencies first appear.  0, or -1 for an amount that is no
 * amount, a sum that would overflow or no room for another currency. */
int refunds_total_add(struct refunds_total *t, size_t *n, size_t max, const char *currency,
		      const char *amount);

/* A total as the database writes amounts ("1234.50"), for label_money. */
void refunds_total_text(const struct refunds_total *t, char *out, size_t outlen);

#endif
