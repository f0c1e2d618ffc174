#ifndef BACKDESK_PHONE_H
#define BACKDESK_PHONE_H
/* Phone numbers as the database stores and compares them: digits only, country
 * code first, no '+'.  The rules are those of backdesk.normalize_phone() in
 * db/migrations/0001_foundation.sql; both must change together, or a number typed
 * in the console stops finding the customer it was stored with. */
#include <stdbool.h>
#include <stddef.h>

/* Enough for any number phone_looks_like() accepts, in either form. */
#define PHONE_BUFSZ 32

/* "+90 532 123 45 67", "0532 123 4567", "532-123-45-67" -> "905321234567";
 * "06 30 123 4567" -> "36301234567".  Returns false (out set to "") when raw is
 * NULL, holds no digit, or the result does not fit in outlen. */
bool phone_normalize(const char *raw, char *out, size_t outlen);

/* Whether a search box query is a phone number: only digits, spaces and
 * + ( ) . / -, and 7 to 15 digits (the rule of api.find). */
bool phone_looks_like(const char *q);

/* For people: "905321234567" -> "+90 532 123 45 67", "36301234567" ->
 * "+36 30 123 4567", "3612345678" -> "+36 1 234 5678", "3622123456" ->
 * "+36 22 123 456", any other digits -> "+" and the digits.  A norm that is not
 * all digits is copied unchanged.  Output is always NUL-terminated, truncated
 * to outlen. */
void phone_format(const char *norm, char *out, size_t outlen);

#endif
