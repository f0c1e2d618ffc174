/* HTML-only mail as text an agent can read in a terminal.  Not a renderer: tags
 * go, blocks become line breaks, links keep their address, entities decode.  The
 * input is untrusted, so it is one pass with no recursion and no allocation per tag. */
#include "mail/mime_decode.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static void put_cp(struct strbuf *out, unsigned long cp)
{
	char b[4];

	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		sb_putc(out, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		sb_add(out, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		sb_add(out, b, 3);
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		sb_add(out, b, 4);
	}
}

static const struct {
	const char *name;
	unsigned long cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
	{ "nbsp", ' ' }, { "copy", 0xa9 }, { "reg", 0xae }, { "euro", 0x20ac }, { "hellip", 0x2026 },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 }, { "rsquo", 0x2019 },
	{ "ldquo", 0x201c }, { "rdquo", 0x201d }, { "bull", 0x2022 }, { "middot", 0xb7 },
	{ "laquo", 0xab }, { "raquo", 0xbb }, { "deg", 0xb0 },
	{ "ccedil", 0xe7 }, { "Ccedil", 0xc7 }, { "ouml", 0xf6 }, { "Ouml", 0xd6 }, { "uuml", 0xfc },
	{ "Uuml", 0xdc }, { "aacute", 0xe1 }, { "Aacute", 0xc1 }, { "eacute", 0xe9 }, { "Eacute", 0xc9 },
	{ "iacute", 0xed }, { "Iacute", 0xcd }, { "oacute", 0xf3 }, { "Oacute", 0xd3 }, { "uacute", 0xfa },
	{ "Uacute", 0xda }, { "agrave", 0xe0 }, { "egrave", 0xe8 }, { "auml", 0xe4 }, { "Auml", 0xc4 },
	{ "szlig", 0xdf },
};

/* An entity at s[0] == '&': appends it and returns its length, or 0. */
static size_t entity(struct strbuf *out, const char *s, size_t n)
{
	size_t i = 1;
	char name[12];

	if (i < n && s[i] == '#') {
		unsigned long cp = 0;
		int hex = 0, digits = 0;

		i++;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		while (i < n && digits < 8 && (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))) {
			int c = (unsigned char)s[i];
			cp = cp * (hex ? 16u : 10u) +
			     (unsigned long)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
			i++;
			digits++;
		}
		if (!digits)
			return 0;
		if (i < n && s[i] == ';')
			i++;
		put_cp(out, cp == 0xa0 ? ' ' : cp);
		return i;
	}
	while (i < n && i - 1 < sizeof name - 1 && isalnum((unsigned char)s[i]))
		i++;
	if (i == 1 || i >= n || s[i] != ';')
		return 0;
	memcpy(name, s + 1, i - 1);
	name[i - 1] = '\0';
	for (size_t k = 0; k < sizeof entities / sizeof entities[0]; k++)
		if (!strcmp(entities[k].name, name)) {
			put_cp(out, entities[k].cp);
			return i + 1;
		}
	return 0;
}

static int tag_is(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && !strncasecmp(name, want, len);
}

/* The value of attribute attr inside a tag's text, copied into buf. */
static int tag_attr(const char *t, size_t n, const char *attr, char *buf, size_t bufn)
{
	size_t al = strlen(attr);

	for (size_t i = 0; i + al < n; i++) {
		if (strncasecmp(t + i, attr, al) || (i > 0 && !isspace((unsigned char)t[i - 1])))
			continue;
		size_t j = i + al;
		while (j < n && isspace((unsigned char)t[j]))
			j++;
		if (j >= n || t[j] != '=')
			continue;
		j++;
		while (j < n && isspace((unsigned char)t[j]))
			j++;
		char q = (j < n && (t[j] == '"' || t[j] == '\'')) ? t[j++] : 0;
		size_t k = 0;
		while (j < n && k + 1 < bufn && (q ? t[j] != q : !isspace((unsigned char)t[j]) && t[j] != '>'))
			buf[k++] = t[j++];
		/* Cut to the buffer, never inside a character. */
		while (k > 0 && !mime_utf8_valid(buf, k))
			k--;
		buf[k] = '\0';
		return k > 0;
	}
	return 0;
}

static void newline(struct strbuf *out, int max_blank)
{
	size_t nl = 0;

	while (out->len > 0 && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
	for (size_t k = out->len; k > 0 && out->s[k - 1] == '\n'; k--)
		nl++;
	if (out->len == 0 || nl > (size_t)max_blank)
		return;
	sb_putc(out, '\n');
}

void mime_html_text(struct strbuf *out, const char *s, size_t n)
{
	struct strbuf t = STRBUF_INIT;
	size_t i = 0;
	int skip = 0; /* inside <script>, <style>, <head> or <title> */
	char href[512] = "";
	size_t link_start = 0;

	sb_add(&t, "", 0);
	while (i < n) {
		char c = s[i];

		if (c == '<') {
			size_t end, j = i + 1;
			int closing = 0;

			if (i + 3 < n && !strncmp(s + i, "<!--", 4)) {
				const char *e = NULL;
				for (size_t k = i + 4; k + 2 < n; k++)
					if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>') {
						e = s + k;
						break;
					}
				i = e ? (size_t)(e - s) + 3 : n;
				continue;
			}
			end = j;
			while (end < n && s[end] != '>')
				end++;
			if (j < n && s[j] == '/') {
				closing = 1;
				j++;
			}
			size_t ns = j;
			while (j < end && (isalnum((unsigned char)s[j])))
				j++;
			const char *name = s + ns;
			size_t nl = j - ns;

			if (tag_is(name, nl, "script") || tag_is(name, nl, "style") || tag_is(name, nl, "head") ||
			    tag_is(name, nl, "title"))
				skip = !closing;
			else if (!skip) {
				if (tag_is(name, nl, "br"))
					sb_putc(&t, '\n');
				else if (tag_is(name, nl, "p") || tag_is(name, nl, "div") || tag_is(name, nl, "tr") ||
					 tag_is(name, nl, "table") || tag_is(name, nl, "blockquote") ||
					 tag_is(name, nl, "ul") || tag_is(name, nl, "ol") ||
					 (nl == 2 && (name[0] == 'h' || name[0] == 'H') && name[1] >= '1' && name[1] <= '6'))
					newline(&t, tag_is(name, nl, "p") ? 1 : 0), newline(&t, 0);
				else if (tag_is(name, nl, "li") && !closing) {
					newline(&t, 0);
					sb_puts(&t, "- ");
				} else if ((tag_is(name, nl, "td") || tag_is(name, nl, "th")) && closing)
					sb_putc(&t, ' ');
				else if (tag_is(name, nl, "hr"))
					newline(&t, 0), sb_puts(&t, "----\n");
				else if (tag_is(name, nl, "a") && !closing) {
					if (!tag_attr(s + j, end - j, "href", href, sizeof href))
						href[0] = '\0';
					link_start = t.len;
				} else if (tag_is(name, nl, "a") && closing && href[0]) {
					/* The address when the text does not already say it. */
					const char *shown = t.s + link_start;
					const char *h = href;
					if (!strncasecmp(h, "mailto:", 7))
						h += 7;
					if (!strstr(shown, h) && strncasecmp(href, "cid:", 4) && href[0] != '#')
						sb_printf(&t, " <%s>", h);
					href[0] = '\0';
				}
			}
			i = end < n ? end + 1 : n;
			continue;
		}
		if (skip) {
			i++;
			continue;
		}
		if (c == '&') {
			size_t used = entity(&t, s + i, n - i);
			if (used) {
				i += used;
				continue;
			}
		}
		if (c == '\r' || c == '\n' || c == '\t' || c == ' ') {
			if (t.len > 0 && t.s[t.len - 1] != ' ' && t.s[t.len - 1] != '\n')
				sb_putc(&t, ' ');
		} else {
			sb_putc(&t, c);
		}
		i++;
	}
	/* Lines trimmed, at most one blank line in a row, none at either end. */
	{
		size_t k = 0, blank = 0;
		int started = 0;

		sb_add(out, "", 0);
		while (k < t.len) {
			size_t e = k;
			while (e < t.len && t.s[e] != '\n')
				e++;
			size_t a = k, b = e;
			while (a < b && t.s[a] == ' ')
				a++;
			while (b > a && t.s[b - 1] == ' ')
				b--;
			if (a == b) {
				blank++;
			} else {
				if (started)
					sb_add(out, "\n\n", blank > 0 ? 2 : 1);
				sb_add(out, t.s + a, b - a);
				started = 1;
				blank = 0;
			}
			k = e + 1;
		}
	}
	sb_free(&t);
}
