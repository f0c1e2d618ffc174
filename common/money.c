#include "common/money.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* 10^18 is the largest power of ten in an int64_t. */
#define MAX_MINOR_UNITS 18

static uint64_t pow10u(int n)
{
	uint64_t p = 1;

	while (n-- > 0)
		p *= 10;
	return p;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int money_parse(const char *s, int minor_units, int64_t *out)
{
	/* The magnitude of INT64_MIN does not fit in int64_t, so it is built unsigned. */
	const uint64_t pos_max = (uint64_t)INT64_MAX;
	uint64_t limit, mag = 0;
	bool neg = false;
	int decimals = 0, int_digits = 0;

	if (s == NULL || minor_units < 0 || minor_units > MAX_MINOR_UNITS)
		return -1;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	limit = neg ? pos_max + 1 : pos_max;
	for (; is_digit(*s); s++, int_digits++) {
		uint64_t d = (uint64_t)(*s - '0');

		if (mag > (limit - d) / 10)
			return -1;
		mag = mag * 10 + d;
	}
	if (int_digits == 0)
		return -1;
	if (*s == '.' || *s == ',') {
		s++;
		if (!is_digit(*s))
			return -1;
		for (; is_digit(*s); s++) {
			uint64_t d = (uint64_t)(*s - '0');

			if (++decimals > minor_units || mag > (limit - d) / 10)
				return -1;
			mag = mag * 10 + d;
		}
	}
	if (*s != '\0')
		return -1;
	/* "149.9" means 149.90: scale up the decimals that were left out. */
	for (; decimals < minor_units; decimals++) {
		if (mag > limit / 10)
			return -1;
		mag *= 10;
	}
	if (!neg)
		*out = (int64_t)mag;
	else if (mag == pos_max + 1)
		*out = INT64_MIN;
	else
		*out = -(int64_t)mag;
	return 0;
}

static void format(int64_t minor, const char *currency, int minor_units, bool grouped,
		   char *out, size_t outlen)
{
	char buf[MONEY_BUFSZ];
	char whole[32];
	uint64_t mag, scale;
	size_t n = 0, len, i;
	int w;

	if (out == NULL || outlen == 0)
		return;
	if (minor_units < 0)
		minor_units = 0;
	if (minor_units > MAX_MINOR_UNITS)
		minor_units = MAX_MINOR_UNITS;
	scale = pow10u(minor_units);
	mag = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;

	if (minor < 0)
		buf[n++] = '-';
	w = snprintf(whole, sizeof whole, "%llu", (unsigned long long)(mag / scale));
	len = w > 0 ? (size_t)w : 0;
	for (i = 0; i < len; i++) {
		if (grouped && i > 0 && (len - i) % 3 == 0)
			buf[n++] = ',';
		buf[n++] = whole[i];
	}
	if (minor_units > 0) {
		w = snprintf(buf + n, sizeof buf - n, ".%0*llu", minor_units,
			     (unsigned long long)(mag % scale));
		n += w > 0 ? (size_t)w : 0;
	}
	buf[n] = '\0';
	if (currency != NULL && *currency != '\0')
		(void)snprintf(out, outlen, "%s %s", buf, currency);
	else
		(void)snprintf(out, outlen, "%s", buf);
}

void money_format_plain(int64_t minor, const char *currency, int minor_units,
			char *out, size_t outlen)
{
	format(minor, currency, minor_units, false, out, outlen);
}

void money_format_human(int64_t minor, const char *currency, int minor_units,
			char *out, size_t outlen)
{
	format(minor, currency, minor_units, true, out, outlen);
}

int currency_minor_units(const char *code)
{
	/* Mirrors the currencies table of db/migrations/0001_foundation.sql. */
	static const struct {
		char code[4];
		int minor_units;
	} known[] = {
		{ "TRY", 2 }, { "HUF", 2 }, { "EUR", 2 }, { "USD", 2 }, { "GBP", 2 },
		{ "PLN", 2 }, { "CZK", 2 }, { "RON", 2 }, { "BGN", 2 }, { "CHF", 2 },
	};
	size_t i;

	if (code == NULL)
		return -1;
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(code, known[i].code) == 0)
			return known[i].minor_units;
	return -1;
}
