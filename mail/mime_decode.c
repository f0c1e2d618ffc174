/* Transfer encodings, charsets and encoded-words (RFC 2045, 2047).  Mail from the
 * wild breaks every rule: nothing here refuses, it decodes what it can. */
#include "mail/mime_decode.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "common/textsafe.h"

static int b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

void mime_base64(struct strbuf *out, const char *s, size_t n)
{
	unsigned acc = 0;
	int bits = 0;
	char chunk[512];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		int v = b64val((unsigned char)s[i]);

		if (s[i] == '=')
			break;
		if (v < 0)
			continue; /* line breaks, spaces, junk */
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			chunk[k++] = (char)((acc >> bits) & 0xff);
			if (k == sizeof chunk) {
				sb_add(out, chunk, k);
				k = 0;
			}
		}
	}
	if (k)
		sb_add(out, chunk, k);
	if (!out->s)
		sb_add(out, "", 0);
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

void mime_qp(struct strbuf *out, const char *s, size_t n, int in_header)
{
	size_t i = 0;

	sb_add(out, "", 0);
	while (i < n) {
		char c = s[i];

		if (c == '=' && i + 1 < n && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
			/* A soft line break. */
			i++;
			if (s[i] == '\r')
				i++;
			if (i < n && s[i] == '\n')
				i++;
			continue;
		}
		if (c == '=' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			sb_putc(out, (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2])));
			i += 3;
			continue;
		}
		if (in_header && c == '_')
			c = ' ';
		sb_putc(out, c);
		i++;
	}
}

int mime_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned cp;
		size_t len = textsafe_decode(s + i, n - i, &cp);

		/* One byte taken for a non-ASCII byte: the strict decoder refused it. */
		if (len == 1 && (unsigned char)s[i] >= 0x80)
			return 0;
		i += len;
	}
	return 1;
}

/* Valid UTF-8 copied, anything else as U+FFFD, byte by byte. */
static void utf8_repair(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned cp;
		size_t len = textsafe_decode(s + i, n - i, &cp);

		if (len > 1 || (unsigned char)s[i] < 0x80)
			sb_add(out, s + i, len);
		else
			sb_puts(out, "\xef\xbf\xbd");
		i += len;
	}
}

/* Names mail uses that iconv does not know, or knows under another name. */
static const char *charset_alias(const char *cs)
{
	if (!cs || !*cs || !strcasecmp(cs, "us-ascii") || !strcasecmp(cs, "ascii") ||
	    !strcasecmp(cs, "utf8") || !strcasecmp(cs, "unicode-1-1-utf-7") || !strcasecmp(cs, "x-unknown"))
		return "UTF-8";
	if (!strcasecmp(cs, "latin5") || !strcasecmp(cs, "iso8859-9"))
		return "ISO-8859-9";
	if (!strcasecmp(cs, "latin2") || !strcasecmp(cs, "iso8859-2"))
		return "ISO-8859-2";
	/* Senders label windows-1252 text ISO-8859-1; 1252 is a superset for text. */
	if (!strcasecmp(cs, "iso-8859-1") || !strcasecmp(cs, "latin1"))
		return "WINDOWS-1252";
	if (!strcasecmp(cs, "ks_c_5601-1987"))
		return "CP949";
	if (!strcasecmp(cs, "gb2312"))
		return "GB18030";
	return cs;
}

void mime_to_utf8(struct strbuf *out, const char *charset, const char *s, size_t n)
{
	const char *cs = charset_alias(charset);
	iconv_t cd;
	char buf[1024];
	size_t start;

	sb_add(out, "", 0);
	if (!strcasecmp(cs, "UTF-8")) {
		if (mime_utf8_valid(s, n)) {
			sb_add(out, s, n);
			return;
		}
		/* Labelled UTF-8 or not labelled at all, yet not UTF-8: the usual
		 * culprit is a Windows client. */
		if (charset && *charset && strcasecmp(charset, "us-ascii") && strcasecmp(charset, "ascii")) {
			utf8_repair(out, s, n);
			return;
		}
		cs = "WINDOWS-1252";
	}
	cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1) {
		utf8_repair(out, s, n);
		return;
	}
	start = out->len;
	char *in = (char *)(uintptr_t)s; /* iconv's prototype is not const-correct */
	size_t left = n;
	while (left > 0) {
		char *o = buf;
		size_t room = sizeof buf;
		size_t r = iconv(cd, &in, &left, &o, &room);

		sb_add(out, buf, (size_t)(o - buf));
		if (r == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			/* EILSEQ or EINVAL (cut short): one replacement, skip a byte. */
			sb_puts(out, "\xef\xbf\xbd");
			in++;
			left--;
		}
	}
	{
		char *o = buf;
		size_t room = sizeof buf;

		if (iconv(cd, NULL, NULL, &o, &room) != (size_t)-1)
			sb_add(out, buf, (size_t)(o - buf));
	}
	iconv_close(cd);
	/* What iconv wrote is checked like any other text: fuzz_mime found a mail
	 * whose charset made it pass bytes through that are not UTF-8 (F5 B2 9A 8C). */
	if (!mime_utf8_valid(out->s + start, out->len - start)) {
		struct strbuf got = STRBUF_INIT;

		sb_add(&got, out->s + start, out->len - start);
		out->len = start;
		out->s[start] = '\0';
		utf8_repair(out, got.s, got.len);
		sb_free(&got);
	}
}

/* One encoded-word at s (after "=?"): decodes it into out and returns the length
 * consumed from the "=?", or 0 when it is not one. */
static size_t encoded_word(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 2, cs_start = 2, cs_end, enc, text_start, text_end;
	char charset[64];
	struct strbuf raw = STRBUF_INIT;

	while (i < n && s[i] != '?' && !isspace((unsigned char)s[i]))
		i++;
	if (i >= n || s[i] != '?')
		return 0;
	cs_end = i;
	if (i + 3 > n || s[i + 2] != '?')
		return 0;
	enc = (size_t)toupper((unsigned char)s[i + 1]);
	if (enc != 'B' && enc != 'Q')
		return 0;
	text_start = i + 3;
	text_end = text_start;
	while (text_end + 1 < n && !(s[text_end] == '?' && s[text_end + 1] == '=')) {
		if (s[text_end] == '\n' || s[text_end] == '\r')
			return 0;
		text_end++;
	}
	if (text_end + 1 >= n)
		return 0;
	if (cs_end - cs_start >= sizeof charset || cs_end == cs_start)
		return 0;
	memcpy(charset, s + cs_start, cs_end - cs_start);
	charset[cs_end - cs_start] = '\0';
	{
		char *star = strchr(charset, '*'); /* RFC 2231 language: =?utf-8*tr?... */
		if (star)
			*star = '\0';
	}
	if (enc == 'B')
		mime_base64(&raw, s + text_start, text_end - text_start);
	else
		mime_qp(&raw, s + text_start, text_end - text_start, 1);
	mime_to_utf8(out, charset, raw.s ? raw.s : "", raw.len);
	sb_free(&raw);
	return text_end + 2;
}

void mime_header_text(struct strbuf *out, const char *s, size_t n)
{
	struct strbuf tmp = STRBUF_INIT;
	size_t i = 0;
	int last_was_word = 0;

	sb_add(&tmp, "", 0);
	while (i < n) {
		if (s[i] == '=' && i + 1 < n && s[i + 1] == '?') {
			size_t used = encoded_word(&tmp, s + i, n - i);

			if (used) {
				i += used;
				last_was_word = 1;
				continue;
			}
		}
		if (last_was_word && isspace((unsigned char)s[i])) {
			/* White space between two encoded-words is dropped (RFC 2047 6.2):
			 * keep it only if plain text follows. */
			size_t j = i;

			while (j < n && isspace((unsigned char)s[j]))
				j++;
			if (j + 1 < n && s[j] == '=' && s[j + 1] == '?') {
				i = j;
				continue;
			}
		}
		last_was_word = 0;
		sb_putc(&tmp, s[i]);
		i++;
	}
	/* Raw 8-bit in a header (it happens): the same guess as for bodies. */
	if (!mime_utf8_valid(tmp.s, tmp.len)) {
		struct strbuf fixed = STRBUF_INIT;

		mime_to_utf8(&fixed, NULL, tmp.s, tmp.len);
		sb_free(&tmp);
		tmp = fixed;
	}
	for (size_t k = 0; k < tmp.len; k++) {
		unsigned char c = (unsigned char)tmp.s[k];

		if (c < 0x20 || c == 0x7f)
			tmp.s[k] = ' ';
	}
	/* Trim and squeeze the folding's spaces. */
	{
		size_t k = 0;
		int sp = 1;

		sb_add(out, "", 0);
		for (; k < tmp.len; k++) {
			if (tmp.s[k] == ' ') {
				if (!sp)
					sb_putc(out, ' ');
				sp = 1;
			} else {
				sb_putc(out, tmp.s[k]);
				sp = 0;
			}
		}
		while (out->len > 0 && out->s[out->len - 1] == ' ')
			out->s[--out->len] = '\0';
	}
	sb_free(&tmp);
}
