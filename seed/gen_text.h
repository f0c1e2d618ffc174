#ifndef BACKDESK_SEED_GEN_TEXT_H
#define BACKDESK_SEED_GEN_TEXT_H
/* Small text helpers of the data generator: ASCII-folded names for e-mail
 * addresses, phone numbers written the ways people write them. */
#include <stddef.h>
#include <stdint.h>

/* The lower-case ASCII letters and digits of UTF-8 text, with Turkish and Hungarian
 * letters folded ("Şükrü" -> "sukru", "Tűzoltó" -> "tuzolto", "İsmail Işık" ->
 * "ismailisik"); everything else is dropped.  out is always NUL-terminated
 * (outlen >= 1).  Returns the length written. */
size_t text_fold_ascii(const char *s, char *out, size_t outlen);

/* Phone number styles, as found on real order forms. */
enum {
	PHONE_STYLES_TR = 7, /* "+90 532 123 45 67", "0532 123 4567", "0532 123 45 67",
			      * "5321234567", "(0532) 123 45 67", "+905321234567", "532-123-45-67" */
	PHONE_STYLES_HU = 5, /* "+36 30 123 4567", "06 30 123 4567", "06-30-123-4567",
			      * "+36301234567", "06301234567" */
};

/* A Turkish number: area is the three digits after the trunk 0 (532), sub the
 * seven after it.  A Hungarian number: area is 1 (a Budapest landline) or a mobile
 * network's 20/30/31/50/70, sub the seven digits after it.  Writes at most outlen
 * bytes, NUL-terminated. */
void text_phone(char *out, size_t outlen, int lang, unsigned style, unsigned area, uint32_t sub);

#endif
