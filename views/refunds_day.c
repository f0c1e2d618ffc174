/* The ledger's day and totals (views/refunds_day.h), apart from the screen so a
 * unit test can hold them without a terminal. */
#include "views/refunds_day.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/money.h"

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool real_date(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return false;
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	/* 29 February only in a leap year. */
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

int refunds_day_parse(const char *text, struct refunds_day *out)
{
	size_t len;

	if (text == NULL)
		text = "";
	text += strspn(text, " ");
	len = strlen(text);
	while (len > 0 && text[len - 1] == ' ')
		len--;
	if (len == 0 || (len == 5 && strncmp(text, "today", 5) == 0)) {
		out->days_back = 0;
		out->date[0] = '\0';
		return 0;
	}
	if (len == 9 && strncmp(text, "yesterday", 9) == 0) {
		out->days_back = 1;
		out->date[0] = '\0';
		return 0;
	}
	if (len != 10) {
		return -1;
	} else {
		char d[11];

		memcpy(d, text, 10);
		d[10] = '\0';
		if (!real_date(d))
			return -1;
		out->days_back = -1;
		memcpy(out->date, d, sizeof d);
	}
	return 0;
}

int refunds_total_add(struct refunds_total *t, size_t *n, size_t max, const char *currency,
		      const char *amount)
{
	int64_t v;
	size_t i;

	if (currency == NULL || amount == NULL || money_parse(amount, 2, &v) < 0)
		return -1;
	for (i = 0; i < *n; i++)
		if (strcmp(t[i].currency, currency) == 0)
			break;
	if (i == *n) {
		if (*n >= max)
			return -1;
		(void)snprintf(t[i].currency, sizeof t[i].currency, "%s", currency);
		t[i].cents = 0;
		t[i].count = 0;
		(*n)++;
	}
	if ((v > 0 && t[i].cents > INT64_MAX - v) || (v < 0 && t[i].cents < INT64_MIN - v))
		return -1;
	t[i].cents += v;
	t[i].count++;
	return 0;
}

void refunds_total_text(const struct refunds_total *t, char *out, size_t outlen)
{
	money_format_plain(t->cents, NULL, 2, out, outlen);
}
