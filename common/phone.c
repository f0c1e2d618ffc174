#include "common/phone.h"

#include <stdio.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t count_digits(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += is_digit(*s);
	return n;
}

bool phone_normalize(const char *raw, char *out, size_t outlen)
{
	const char *p, *prefix = "";
	char first = 0, second = 0;
	size_t ndigits, skip = 0, i = 0, seen = 0;

	if (out == NULL || outlen == 0)
		return false;
	out[0] = '\0';
	if (raw == NULL)
		return false;
	ndigits = count_digits(raw);
	if (ndigits == 0)
		return false;
	for (p = raw; *p != '\0' && (first == 0 || second == 0); p++) {
		if (!is_digit(*p))
			continue;
		if (first == 0)
			first = *p;
		else
			second = *p;
	}
	/* btrim() in SQL strips spaces only, so a tab before '+' hides it there too. */
	for (p = raw; *p == ' '; p++)
		;
	if (*p == '+')
		;
	else if (first == '0' && second == '0')
		skip = 2;
	else if (first == '0' && second == '6' && (ndigits == 10 || ndigits == 11)) {
		prefix = "36"; /* Hungarian trunk prefix 06 */
		skip = 2;
	} else if (first == '0' && ndigits == 11) {
		prefix = "90"; /* Turkish trunk prefix 0 */
		skip = 1;
	} else if (ndigits == 10 && first >= '2' && first <= '5')
		prefix = "90"; /* Turkish number without the 0 */

	if (strlen(prefix) + ndigits - skip >= outlen)
		return false;
	for (; *prefix != '\0'; prefix++)
		out[i++] = *prefix;
	for (p = raw; *p != '\0'; p++)
		if (is_digit(*p) && seen++ >= skip)
			out[i++] = *p;
	out[i] = '\0';
	return true;
}

bool phone_looks_like(const char *q)
{
	size_t ndigits;

	if (q == NULL || q[strspn(q, "+0123456789 ()./-")] != '\0')
		return false;
	ndigits = count_digits(q);
	return ndigits >= 7 && ndigits <= 15;
}

void phone_format(const char *norm, char *out, size_t outlen)
{
	/* Group sizes after the '+', by country and length. */
	static const struct {
		const char *cc, *groups;
		size_t len;
	} plans[] = {
		{ "90", "\2\3\3\2\2", 12 },  /* +90 532 123 45 67 */
		{ "361", "\2\1\3\4", 10 },   /* +36 1 234 5678 (Budapest) */
		{ "36", "\2\2\3\4", 11 },    /* +36 30 123 4567 (mobile) */
		{ "36", "\2\2\3\3", 10 },    /* +36 22 123 456 (other towns) */
	};
	size_t len, i, k;
	char buf[PHONE_BUFSZ];

	if (out == NULL || outlen == 0)
		return;
	if (norm == NULL)
		norm = "";
	len = strlen(norm);
	if (len == 0 || strspn(norm, "0123456789") != len) {
		(void)snprintf(out, outlen, "%s", norm);
		return;
	}
	for (i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		const char *g;
		size_t n = 0, at = 0;

		if (len != plans[i].len || strncmp(norm, plans[i].cc, strlen(plans[i].cc)) != 0)
			continue;
		buf[n++] = '+';
		for (g = plans[i].groups; *g != '\0'; g++) {
			if (g != plans[i].groups)
				buf[n++] = ' ';
			for (k = 0; k < (size_t)*g; k++)
				buf[n++] = norm[at++];
		}
		buf[n] = '\0';
		(void)snprintf(out, outlen, "%s", buf);
		return;
	}
	(void)snprintf(out, outlen, "+%s", norm);
}
