#ifndef BACKDESK_MONEY_H
#define BACKDESK_MONEY_H
/* Money in C is an int64_t count of the currency's minor units (kuruş, fillér,
 * cent), never a float.  The number of minor units comes from the currency
 * (backdesk.currencies in the database; currency_minor_units() here).
 *
 * Two written forms here, both locale-neutral:
 *   plain  "-1234.56 TRY"   machine output, CSV, SQL numeric parameters, and what
 *                           an input field is prefilled with (money_parse takes it)
 *   human  "-1,234.56 TRY"  thousands grouped by ',', '.' before the minor units,
 *                           the ISO code after the amount
 * Screens show amounts through common/locale_fmt.c: its lf_money writes an
 * amount the staff member's locale's way ("-1.234,56 TRY" in tr_TR), which is
 * the human form in the C locale (issue 16 changed the earlier rule of one
 * locale-neutral form on every screen).  Input stays neutral: money_parse takes
 * a decimal comma or point but no grouping, in every locale. */
#include <stddef.h>
#include <stdint.h>

/* Enough for any int64_t amount in either form with a three-letter code. */
#define MONEY_BUFSZ 48

/* Parses "149.90", "149.9", "149", "-5.00", "+5" (',' is taken as the decimal
 * point too: "149,90") into minor units.  No spaces, no grouping, at most
 * minor_units decimals (0..18).  Returns 0, or -1 for an empty or malformed
 * string, too many decimals or a value outside int64_t; *out is untouched then. */
int money_parse(const char *s, int minor_units, int64_t *out);

/* "-1234.56 TRY"; currency NULL or "" leaves the code off ("-1234.56").
 * Output is always NUL-terminated, truncated to outlen. */
void money_format_plain(int64_t minor, const char *currency, int minor_units,
			char *out, size_t outlen);

/* "-1,234.56 TRY"; otherwise as money_format_plain. */
void money_format_human(int64_t minor, const char *currency, int minor_units,
			char *out, size_t outlen);

/* Minor units of an ISO 4217 code that backdesk knows (the currencies table of
 * the first migration), or -1. */
int currency_minor_units(const char *code);

#endif
