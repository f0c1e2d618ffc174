#include "seed/gen_text.h"

#include <stdio.h>

#include "seed/gen_words.h"

/* ASCII for a code point of Latin-1 Supplement and Latin Extended-A, or 0. */
static char fold_cp(uint32_t cp)
{
	static const char latin1[] = /* U+00C0 .. U+00FF */
		"AAAAAAACEEEEIIII" "DNOOOOO\0OUUUUYTs" "aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty";

	if (cp < 0x80)
		return (char)cp;
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	switch (cp) {
	case 0x011E: return 'G';  /* Ğ */
	case 0x011F: return 'g';  /* ğ */
	case 0x0130: return 'I';  /* İ */
	case 0x0131: return 'i';  /* ı */
	case 0x015E: return 'S';  /* Ş */
	case 0x015F: return 's';  /* ş */
	case 0x0150: return 'O';  /* Ő */
	case 0x0151: return 'o';  /* ő */
	case 0x0170: return 'U';  /* Ű */
	case 0x0171: return 'u';  /* ű */
	case 0x0106: return 'C';
	case 0x0107: return 'c';
	case 0x010C: return 'C';
	case 0x010D: return 'c';
	case 0x0160: return 'S';
	case 0x0161: return 's';
	case 0x017D: return 'Z';
	case 0x017E: return 'z';
	default: return 0;
	}
}

size_t text_fold_ascii(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p != '\0') {
		uint32_t cp;
		int more;
		char ch;

		if (*p < 0x80) {
			cp = *p++;
			more = 0;
		} else if ((*p & 0xE0) == 0xC0) {
			cp = *p++ & 0x1Fu;
			more = 1;
		} else if ((*p & 0xF0) == 0xE0) {
			cp = *p++ & 0x0Fu;
			more = 2;
		} else if ((*p & 0xF8) == 0xF0) {
			cp = *p++ & 0x07u;
			more = 3;
		} else {
			p++;
			continue;
		}
		for (; more > 0 && (*p & 0xC0) == 0x80; more--)
			cp = cp << 6 | (*p++ & 0x3Fu);
		ch = more == 0 ? fold_cp(cp) : 0;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) && n + 1 < outlen)
			out[n++] = ch;
	}
	if (outlen > 0)
		out[n] = '\0';
	return n;
}

void text_phone(char *out, size_t outlen, int lang, unsigned style, unsigned area, uint32_t sub)
{
	unsigned a = sub / 10000, b = sub / 100 % 100, c = sub % 100; /* 123 45 67 */
	unsigned d = sub % 10000;                                       /* 123 4567 */

	if (lang == LANG_TR) {
		switch (style % PHONE_STYLES_TR) {
		case 0: (void)snprintf(out, outlen, "+90 %03u %03u %02u %02u", area, a, b, c); break;
		case 1: (void)snprintf(out, outlen, "0%03u %03u %04u", area, a, d); break;
		case 2: (void)snprintf(out, outlen, "0%03u %03u %02u %02u", area, a, b, c); break;
		case 3: (void)snprintf(out, outlen, "%03u%07u", area, sub); break;
		case 4: (void)snprintf(out, outlen, "(0%03u) %03u %02u %02u", area, a, b, c); break;
		case 5: (void)snprintf(out, outlen, "+90%03u%07u", area, sub); break;
		default: (void)snprintf(out, outlen, "%03u-%03u-%02u-%02u", area, a, b, c); break;
		}
		return;
	}
	if (area == 1) { /* Budapest landline: 1 + seven digits */
		switch (style % PHONE_STYLES_HU) {
		case 0: case 3: (void)snprintf(out, outlen, "+36 1 %03u %04u", a, d); break;
		default: (void)snprintf(out, outlen, "06 1 %03u %04u", a, d); break;
		}
		return;
	}
	switch (style % PHONE_STYLES_HU) {
	case 0: (void)snprintf(out, outlen, "+36 %02u %03u %04u", area, a, d); break;
	case 1: (void)snprintf(out, outlen, "06 %02u %03u %04u", area, a, d); break;
	case 2: (void)snprintf(out, outlen, "06-%02u-%03u-%04u", area, a, d); break;
	case 3: (void)snprintf(out, outlen, "+36%02u%07u", area, sub); break;
	default: (void)snprintf(out, outlen, "06%02u%07u", area, sub); break;
	}
}
