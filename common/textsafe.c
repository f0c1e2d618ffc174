#include "common/textsafe.h"

#include <langinfo.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "common/strbuf.h"

#define REPLACEMENT 0xFFFDu
/* ncurses keeps a base character and at most four combining ones per cell. */
#define MAX_MARKS 4

static int unicode_state = -1;

bool textsafe_unicode(void)
{
	if (unicode_state < 0) {
		const char *cs = nl_langinfo(CODESET);

		unicode_state = cs != NULL &&
				(strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
	}
	return unicode_state == 1;
}

void textsafe_locale_changed(void)
{
	unicode_state = -1;
}

size_t textsafe_seq_len(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead >= 0xC2 && lead <= 0xDF)
		return 2;
	if (lead >= 0xE0 && lead <= 0xEF)
		return 3;
	if (lead >= 0xF0 && lead <= 0xF4)
		return 4;
	return 0;
}

size_t textsafe_decode(const char *str, size_t n, unsigned *cp)
{
	/* The lead byte's payload bits, and the smallest code point of each length. */
	static const unsigned char payload[5] = { 0, 0x7F, 0x1F, 0x0F, 0x07 };
	static const unsigned smallest[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	size_t len, i;

	if (n == 0) {
		*cp = REPLACEMENT;
		return 0;
	}
	len = textsafe_seq_len(s[0]);
	if (len == 1) {
		*cp = s[0];
		return 1;
	}
	if (len == 0) {
		*cp = REPLACEMENT;
		return 1;
	}
	c = s[0] & payload[len];
	min = smallest[len];
	if (n < len) {
		*cp = REPLACEMENT;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3Fu);
	}
	/* Overlong forms and surrogates are how filters get bypassed: refuse them. */
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = REPLACEMENT;
		return 1;
	}
	*cp = c;
	return len;
}

size_t textsafe_encode(unsigned cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = REPLACEMENT;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (cp >> 18));
	b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Characters that draw nothing, or steer how the rest is drawn, and so could make
 * two different identifiers look the same: Unicode's format characters and the
 * blank "letters" that are known to be used for exactly that. */
static const struct {
	unsigned from, to;
} invisible[] = {
	{ 0x00AD, 0x00AD },   /* soft hyphen */
	{ 0x034F, 0x034F },   /* combining grapheme joiner */
	{ 0x061C, 0x061C },   /* Arabic letter mark (bidi) */
	{ 0x115F, 0x1160 },   /* Hangul fillers */
	{ 0x17B4, 0x17B5 },   /* Khmer inherent vowels */
	{ 0x180B, 0x180F },   /* Mongolian selectors and vowel separator */
	{ 0x200B, 0x200F },   /* zero-width space, joiners, LRM, RLM */
	{ 0x202A, 0x202E },   /* bidi embeddings and overrides */
	{ 0x2060, 0x2064 },   /* word joiner, invisible operators */
	{ 0x2066, 0x206F },   /* bidi isolates, deprecated format characters */
	{ 0x3164, 0x3164 },   /* Hangul filler */
	{ 0xFEFF, 0xFEFF },   /* byte order mark, zero-width no-break space */
	{ 0xFFA0, 0xFFA0 },   /* halfwidth Hangul filler */
	{ 0xFFF9, 0xFFFB },   /* interlinear annotation */
	{ 0x1BCA0, 0x1BCA3 }, /* shorthand format controls */
	{ 0x1D173, 0x1D17A }, /* musical format controls */
	{ 0xE0000, 0xE007F }, /* tag characters */
};

bool textsafe_invisible(unsigned cp)
{
	for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++)
		if (cp >= invisible[i].from && cp <= invisible[i].to)
			return true;
	return false;
}

static bool variation_selector(unsigned cp)
{
	return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

int textsafe_cells(unsigned cp)
{
	int w;

	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	w = wcwidth((wchar_t)cp);

	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
}

/* "⟨U+200B⟩", or "<U+200B>" in ASCII: what the character is, in plain sight. */
static size_t spell(unsigned cp, unsigned *out)
{
	static const char hex[] = "0123456789ABCDEF";
	bool uni = textsafe_unicode();
	size_t n = 0;
	int digits = cp > 0xFFFF ? (cp > 0xFFFFF ? 6 : 5) : 4;

	out[n++] = uni ? 0x27E8u : '<';
	out[n++] = 'U';
	out[n++] = '+';
	for (int d = digits - 1; d >= 0; d--)
		out[n++] = (unsigned char)hex[(cp >> (4 * d)) & 0xF];
	out[n++] = uni ? 0x27E9u : '>';
	return n;
}

static size_t one(unsigned cp, unsigned *out)
{
	out[0] = cp;
	return 1;
}

size_t textsafe_map(unsigned cp, unsigned out[TEXTSAFE_MAX])
{
	bool uni = textsafe_unicode();

	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 ||
	    cp == 0x2029)
		return one(' ', out);
	if (cp < 0x20)
		return one(uni ? 0x2400 + cp : '?', out);
	if (cp == 0x7F)
		return one(uni ? 0x2421u : '?', out);
	if (cp < 0x7F)
		return one(cp, out);
	if (textsafe_invisible(cp))
		return spell(cp, out);
	if (!uni)
		return one('?', out);
	if (cp <= 0x9F || wcwidth((wchar_t)cp) < 0)
		return one(REPLACEMENT, out);
	return one(cp, out);
}

size_t textsafe_next(struct textsafe *st, unsigned cp, unsigned out[TEXTSAFE_MAX])
{
	size_t n;

	/* Most of what is drawn: printable ASCII is itself, one cell, a base. */
	if (cp >= 0x20 && cp < 0x7F) {
		st->have_base = true;
		st->marks = 0;
		st->base_decorates = false;
		return one(cp, out);
	}
	if (cp == '\n' && st->keep_newlines) {
		st->have_base = st->base_decorates = false;
		return one('\n', out);
	}
	if (variation_selector(cp) && !st->base_decorates)
		n = spell(cp, out);
	else
		n = textsafe_map(cp, out);
	if (n == 1 && textsafe_cells(out[0]) == 0) {
		/* A mark with nothing to sit on would merge into whatever is before. */
		if (!st->have_base || st->marks >= MAX_MARKS)
			return 0;
		st->marks++;
		return 1;
	}
	st->have_base = true;
	st->marks = 0;
	/* Only a character shown as itself, not ASCII, may take a selector (emoji). */
	st->base_decorates = n == 1 && out[0] == cp && cp >= 0x80;
	return n;
}

static char *sanitize(const char *s, bool keep_newlines)
{
	struct textsafe st = TEXTSAFE_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(s), i = 0;
	unsigned out[TEXTSAFE_MAX];
	char buf[4];

	st.keep_newlines = keep_newlines;
	while (i < len) {
		unsigned cp;
		size_t n;

		i += textsafe_decode(s + i, len - i, &cp);
		n = textsafe_next(&st, cp, out);
		for (size_t k = 0; k < n; k++)
			sb_add(&sb, buf, textsafe_encode(out[k], buf));
	}
	return sb_take(&sb);
}

char *textsafe(const char *s)
{
	return sanitize(s, false);
}

char *textsafe_lines(const char *s)
{
	return sanitize(s, true);
}
