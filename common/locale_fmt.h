#ifndef BACKDESK_LOCALE_FMT_H
#define BACKDESK_LOCALE_FMT_H
/* Numbers, money and dates as the user's locale writes them, for people to read
 * (screens; issue 16).  The program itself keeps LC_NUMERIC "C" (common/i18n.c):
 * what it sends, parses and exports stays plain, so this module reads the
 * environment's LC_NUMERIC, LC_MONETARY and LC_TIME once, on its own, and only
 * these functions use them.
 *
 *                 money              count     date         date and time
 *   C, POSIX      -1,234.56 TRY      12345     2026-11-20   2026-11-20 14:03
 *   tr_TR.UTF-8   -1.234,56 TRY      12.345    20-11-2026   20-11-2026 14:03
 *   hu_HU.UTF-8   the same grouping and comma as glibc's hu_HU; the date in
 *                 its d_fmt (%Y-%m-%d)
 * Money keeps the ISO code after the amount in every locale (staff of three
 * countries handle several currencies); a date always has its four-digit year
 * and times stay 24-hour, so every form is as wide as the C one and columns
 * measured at 80x24 still fit.  A date format a locale writes otherwise (two-digit
 * year, month names) falls back to ISO.
 *
 * Every function writes a NUL-terminated string into the caller's buffer
 * (truncated to outlen) and returns it. */
#include <stddef.h>
#include <stdint.h>

/* Enough for any of these forms. */
#define LF_BUFSZ 64

/* Reads the conventions of the locale `name` ("" or NULL: the environment's, as
 * setlocale(LC_ALL, "") would); any category the system does not have falls back
 * to the C forms above.  Without a call, the C forms.  Returns 0, or -1 when
 * something fell back. */
int locale_fmt_init(const char *name);

/* Minor units in the locale's grouping and decimal mark, the code after it:
 * "-1.234,56 TRY".  Not for input fields: money_parse takes no grouping (put
 * money_format_plain's form in a field). */
const char *lf_money(int64_t minor, const char *currency, int minor_units, char *out,
		     size_t outlen);
/* As lf_money, from the database's text ("1234.50"); a text that is no amount
 * of that currency comes back as it is, with the code after it. */
const char *lf_money_text(const char *amount, const char *currency, char *out, size_t outlen);
/* A count grouped the locale's way: "12.345" (tr), "12345" (C). */
const char *lf_count(long long n, char *out, size_t outlen);
/* A plain decimal the program or the database wrote ("4.5", "-1234.25") with the
 * count's grouping and the locale's decimal mark: "4,5" (tr).  Anything else as
 * it is. */
const char *lf_number(const char *plain, char *out, size_t outlen);
/* v with `decimals` places (0..9), as lf_number writes it: an average. */
const char *lf_fixed(double v, int decimals, char *out, size_t outlen);
/* A date or time the database wrote in ISO ("2026-11-20", "2026-11-20 14:03",
 * "2026-11-20T14:03:00+03:00"): its date in the locale's order and marks, what
 * follows it as it came (a 'T' becomes a space).  Anything else as it is. */
const char *lf_when(const char *iso, char *out, size_t outlen);

#endif
