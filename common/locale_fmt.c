#include "common/locale_fmt.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/money.h"

/* One way of writing a number: the marks are whole UTF-8 sequences (a locale may
 * group with U+202F); grouping as localeconv() gives it ("\3\3": threes). */
struct numfmt {
	char point[8];
	char sep[8];
	char grouping[8];
};

/* The C forms: money as money.h's human form, counts ungrouped, dates ISO. */
static struct {
	struct numfmt money, count;
	char date[16]; /* "%d-%m-%Y"; "" is ISO */
} conv = {
	.money = { ".", ",", "\3" },
	.count = { ".", "", "" },
	.date = "",
};

static bool copy_mark(char *dst, size_t size, const char *src)
{
	size_t n = src != NULL ? strlen(src) : 0;

	if (n >= size)
		return false;
	memcpy(dst, n > 0 ? src : "", n);
	dst[n] = '\0';
	return true;
}

static bool read_numfmt(struct numfmt *f, const char *point, const char *sep, const char *grouping)
{
	struct numfmt t;

	/* No decimal mark at all is the C locale's LC_MONETARY: keep the default. */
	if (point == NULL || *point == '\0')
		return false;
	if (!copy_mark(t.point, sizeof t.point, point) || !copy_mark(t.sep, sizeof t.sep, sep) ||
	    !copy_mark(t.grouping, sizeof t.grouping, grouping))
		return false;
	*f = t;
	return true;
}

/* "%d-%m-%Y" and the like: day, month and four-digit year once each between marks
 * that are no conversions; anything else ("%m/%d/%y", "%x", month names) is not
 * taken, and the date stays ISO. */
static bool date_format_ok(const char *f)
{
	int d = 0, m = 0, y = 0;

	for (; *f != '\0'; f++) {
		if (*f != '%')
			continue;
		f++;
		if (*f == 'd')
			d++;
		else if (*f == 'm')
			m++;
		else if (*f == 'Y')
			y++;
		else
			return false;
	}
	return d == 1 && m == 1 && y == 1;
}

int locale_fmt_init(const char *name)
{
	static const struct numfmt c_money = { ".", ",", "\3" }, c_count = { ".", "", "" };
	const char *loc = name != NULL ? name : "";
	int rc = 0;
	locale_t l;

	conv.money = c_money;
	conv.count = c_count;
	conv.date[0] = '\0';
	/* One category at a time: a system with the locale's LC_TIME but not its
	 * LC_MONETARY still gets its dates. */
	l = newlocale(LC_NUMERIC_MASK | LC_MONETARY_MASK, loc, (locale_t)0);
	if (l != (locale_t)0) {
		locale_t old = uselocale(l);
		const struct lconv *lc = localeconv();

		if (lc != NULL) {
			if (!read_numfmt(&conv.money, lc->mon_decimal_point, lc->mon_thousands_sep,
					 lc->mon_grouping))
				conv.money = c_money;
			if (!read_numfmt(&conv.count, lc->decimal_point, lc->thousands_sep, lc->grouping))
				conv.count = c_count;
		}
		(void)uselocale(old);
		freelocale(l);
	} else {
		rc = -1;
	}
	l = newlocale(LC_TIME_MASK, loc, (locale_t)0);
	if (l != (locale_t)0) {
		const char *f = nl_langinfo_l(D_FMT, l);

		if (f != NULL && date_format_ok(f) && strlen(f) < sizeof conv.date)
			(void)snprintf(conv.date, sizeof conv.date, "%s", f);
		freelocale(l);
	} else {
		rc = -1;
	}
	return rc;
}

/* The digits of `digits` with f's marks between the groups, right to left as
 * localeconv's grouping says (a last size repeats, CHAR_MAX stops grouping). */
static size_t group(const char *digits, const struct numfmt *f, char *buf, size_t size)
{
	size_t len = strlen(digits), seplen = strlen(f->sep);
	bool cut[32] = { false };
	size_t n = 0, i, pos = len;
	const char *g = f->grouping;
	int size_now = 0;

	if (len > sizeof cut)
		len = sizeof cut;
	if (seplen > 0) {
		while (*g != '\0' || size_now > 0) {
			if (*g != '\0') {
				if (*g == CHAR_MAX || *g <= 0)
					break;
				size_now = *g++;
			}
			if (pos <= (size_t)size_now)
				break;
			pos -= (size_t)size_now;
			cut[pos] = true;
		}
	}
	for (i = 0; i < len && n + seplen + 2 < size; i++) {
		if (cut[i]) {
			memcpy(buf + n, f->sep, seplen);
			n += seplen;
		}
		buf[n++] = digits[i];
	}
	buf[n] = '\0';
	return n;
}

const char *lf_money(int64_t minor, const char *currency, int minor_units, char *out,
		     size_t outlen)
{
	char plain[MONEY_BUFSZ], num[MONEY_BUFSZ * 2];
	const char *p = plain, *dot;
	size_t n = 0;

	if (out == NULL || outlen == 0)
		return out;
	money_format_plain(minor, NULL, minor_units, plain, sizeof plain);
	if (*p == '-')
		num[n++] = *p++;
	dot = strchr(p, '.');
	{
		char whole[32];
		size_t wl = dot != NULL ? (size_t)(dot - p) : strlen(p);

		if (wl >= sizeof whole)
			wl = sizeof whole - 1;
		memcpy(whole, p, wl);
		whole[wl] = '\0';
		n += group(whole, &conv.money, num + n, sizeof num - n);
	}
	if (dot != NULL)
		(void)snprintf(num + n, sizeof num - n, "%s%s", conv.money.point, dot + 1);
	if (currency != NULL && *currency != '\0')
		(void)snprintf(out, outlen, "%s %s", num, currency);
	else
		(void)snprintf(out, outlen, "%s", num);
	return out;
}

const char *lf_money_text(const char *amount, const char *currency, char *out, size_t outlen)
{
	int minor = currency != NULL ? currency_minor_units(currency) : -1;
	int64_t v;

	if (out == NULL || outlen == 0)
		return out;
	if (amount == NULL || *amount == '\0') {
		out[0] = '\0';
		return out;
	}
	if (minor < 0)
		minor = 2;
	if (money_parse(amount, minor, &v) == 0)
		return lf_money(v, currency, minor, out, outlen);
	if (currency != NULL && *currency != '\0')
		(void)snprintf(out, outlen, "%s %s", amount, currency);
	else
		(void)snprintf(out, outlen, "%s", amount);
	return out;
}

static bool digits_at(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

const char *lf_number(const char *plain, char *out, size_t outlen)
{
	char whole[32], buf[LF_BUFSZ];
	const char *p = plain != NULL ? plain : "", *dot;
	size_t wl, k = 0;

	if (out == NULL || outlen == 0)
		return out;
	if (*p == '-')
		p++;
	dot = strchr(p, '.');
	wl = dot != NULL ? (size_t)(dot - p) : strlen(p);
	if (wl == 0 || wl >= sizeof whole || !digits_at(p, wl) ||
	    (dot != NULL && (dot[1] == '\0' || !digits_at(dot + 1, strlen(dot + 1)) || strlen(dot + 1) > 18))) {
		(void)snprintf(out, outlen, "%s", plain != NULL ? plain : "");
		return out;
	}
	memcpy(whole, p, wl);
	whole[wl] = '\0';
	if (p != plain)
		buf[k++] = '-';
	k += group(whole, &conv.count, buf + k, sizeof buf - k);
	if (dot != NULL)
		(void)snprintf(buf + k, sizeof buf - k, "%s%s", conv.count.point, dot + 1);
	(void)snprintf(out, outlen, "%s", buf);
	return out;
}

const char *lf_fixed(double v, int decimals, char *out, size_t outlen)
{
	char plain[LF_BUFSZ];

	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	/* LC_NUMERIC is C (common/i18n.c): this is "4.5", whatever the user's locale. */
	(void)snprintf(plain, sizeof plain, "%.*f", decimals, v);
	return lf_number(plain, out, outlen);
}

const char *lf_count(long long n, char *out, size_t outlen)
{
	char digits[32], buf[LF_BUFSZ];
	unsigned long long mag = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	size_t k = 0;

	if (out == NULL || outlen == 0)
		return out;
	(void)snprintf(digits, sizeof digits, "%llu", mag);
	if (n < 0)
		buf[k++] = '-';
	(void)group(digits, &conv.count, buf + k, sizeof buf - k);
	(void)snprintf(out, outlen, "%s", buf);
	return out;
}


const char *lf_when(const char *iso, char *out, size_t outlen)
{
	char date[LF_BUFSZ];
	const char *f, *rest;
	size_t n = 0;

	if (out == NULL || outlen == 0)
		return out;
	if (iso == NULL)
		iso = "";
	/* Only "YYYY-MM-DD", alone or before a time, is rewritten. */
	if (conv.date[0] == '\0' || strlen(iso) < 10 || !digits_at(iso, 4) || iso[4] != '-' ||
	    !digits_at(iso + 5, 2) || iso[7] != '-' || !digits_at(iso + 8, 2) ||
	    (iso[10] != '\0' && iso[10] != ' ' && iso[10] != 'T')) {
		(void)snprintf(out, outlen, "%s", iso);
		return out;
	}
	for (f = conv.date; *f != '\0' && n + 5 < sizeof date; f++) {
		const char *part = NULL;
		size_t len = 0;

		if (*f == '%' && f[1] != '\0') {
			f++;
			if (*f == 'Y')
				part = iso, len = 4;
			else if (*f == 'm')
				part = iso + 5, len = 2;
			else
				part = iso + 8, len = 2;
			memcpy(date + n, part, len);
			n += len;
		} else {
			date[n++] = *f;
		}
	}
	date[n] = '\0';
	rest = iso + 10;
	if (*rest == 'T')
		(void)snprintf(out, outlen, "%s %s", date, rest + 1);
	else
		(void)snprintf(out, outlen, "%s%s", date, rest);
	return out;
}
