#include "mail/mime_out.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

#define LINE_MAX_CHARS 78
/* An encoded-word is "=?UTF-8?B?" + base64 + "?=": 12 characters around the text. */
#define WORD_OVERHEAD 12

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64(struct strbuf *sb, const unsigned char *s, size_t n)
{
	size_t i;
	unsigned v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
		sb_putc(sb, b64[v >> 18 & 63]);
		sb_putc(sb, b64[v >> 12 & 63]);
		sb_putc(sb, b64[v >> 6 & 63]);
		sb_putc(sb, b64[v & 63]);
	}
	if (n - i == 1) {
		v = (unsigned)s[i] << 16;
		sb_putc(sb, b64[v >> 18 & 63]);
		sb_putc(sb, b64[v >> 12 & 63]);
		sb_puts(sb, "==");
	} else if (n - i == 2) {
		v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8;
		sb_putc(sb, b64[v >> 18 & 63]);
		sb_putc(sb, b64[v >> 12 & 63]);
		sb_putc(sb, b64[v >> 6 & 63]);
		sb_putc(sb, '=');
	}
}

static int plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Where a chunk of at most max bytes of s (n long) may end: never inside a
 * UTF-8 character (a continuation byte is 10xxxxxx). */
static size_t utf8_cut(const char *s, size_t n, size_t max)
{
	size_t k;

	if (n <= max)
		return n;
	k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return k > 0 ? k : max;
}

/* The value as encoded-words, as many whole characters in each as fit on its
 * line: the first starts at column col, the others on folded lines (one space). */
static void encoded_words(struct strbuf *sb, const char *s, size_t col)
{
	size_t n = strlen(s), k, room;
	int first = 1;

	while (n > 0) {
		if (!first) {
			sb_puts(sb, "\r\n ");
			col = 1;
		}
		/* base64 of k bytes is 4 * ceil(k / 3) characters. */
		room = LINE_MAX_CHARS > col + WORD_OVERHEAD + 4 ? (LINE_MAX_CHARS - col - WORD_OVERHEAD) / 4 * 3 : 3;
		k = utf8_cut(s, n, room);
		sb_puts(sb, "=?UTF-8?B?");
		base64(sb, (const unsigned char *)s, k);
		sb_puts(sb, "?=");
		s += k;
		n -= k;
		first = 0;
	}
}

/* A header of plain words, folded at spaces; 0 when some word cannot fit a line. */
static int folded_ascii(struct strbuf *sb, const char *name, const char *s)
{
	struct strbuf tmp = STRBUF_INIT;
	size_t col = strlen(name) + 2, w;
	const char *p = s, *sp;

	sb_printf(&tmp, "%s: ", name);
	while (*p != '\0') {
		sp = strchr(p, ' ');
		w = sp != NULL ? (size_t)(sp - p) : strlen(p);
		if (col + w > LINE_MAX_CHARS) {
			if (p == s || w + 1 > LINE_MAX_CHARS) {
				sb_free(&tmp);
				return 0;
			}
			/* The space before this word becomes the fold. */
			tmp.len--;
			tmp.s[tmp.len] = '\0';
			sb_puts(&tmp, "\r\n ");
			col = 1;
		}
		sb_add(&tmp, p, w);
		col += w;
		p += w;
		if (*p == ' ') {
			sb_putc(&tmp, ' ');
			col++;
			p++;
		}
	}
	sb_puts(&tmp, "\r\n");
	sb_add(sb, tmp.s, tmp.len);
	sb_free(&tmp);
	return 1;
}

static void text_header(struct strbuf *sb, const char *name, const char *value)
{
	if (plain_ascii(value) && folded_ascii(sb, name, value))
		return;
	sb_printf(sb, "%s: ", name);
	encoded_words(sb, value, strlen(name) + 2);
	sb_puts(sb, "\r\n");
}

int mime_split_address(const char *s, char **name, char **addr)
{
	const char *lt = strrchr(s, '<'), *gt, *at;
	size_t n;

	*name = *addr = NULL;
	if (lt != NULL) {
		gt = strchr(lt, '>');
		if (gt == NULL || gt[1] != '\0')
			return -1;
		*addr = xstrndup(lt + 1, (size_t)(gt - lt - 1));
		n = (size_t)(lt - s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
		while (n > 0 && *s == ' ') {
			s++;
			n--;
		}
		if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
			s++;
			n -= 2;
		}
		if (n > 0)
			*name = xstrndup(s, n);
	} else {
		*addr = xstrdup(s);
	}
	at = strchr(*addr, '@');
	if (at == NULL || at == *addr || at[1] == '\0' || strpbrk(*addr, " \t\r\n<>\",;") != NULL ||
	    strlen(*addr) > 254 || (*name != NULL && strpbrk(*name, "\r\n") != NULL)) {
		free(*name);
		free(*addr);
		*name = *addr = NULL;
		return -1;
	}
	return 0;
}

static void address_header(struct strbuf *sb, const char *hname, const char *name, const char *addr)
{
	const char *p;

	if (name == NULL) {
		sb_printf(sb, "%s: %s\r\n", hname, addr);
		return;
	}
	if (!plain_ascii(name) || strlen(hname) + strlen(name) + strlen(addr) + 8 > LINE_MAX_CHARS) {
		sb_printf(sb, "%s: ", hname);
		encoded_words(sb, name, strlen(hname) + 2);
		sb_printf(sb, "\r\n <%s>\r\n", addr);
		return;
	}
	sb_printf(sb, "%s: \"", hname);
	for (p = name; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			sb_putc(sb, '\\');
		sb_putc(sb, *p);
	}
	sb_printf(sb, "\" <%s>\r\n", addr);
}

static void date_header(struct strbuf *sb, time_t t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	/* UTC, in English whatever the locale (RFC 5322 3.3). */
	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	sb_printf(sb, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday % 7], tm.tm_mday,
		  months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Quoted-printable (RFC 2045 6.7): lines of at most 76 with soft breaks, CRLF
 * for the text's line ends; "=", bytes past ASCII, a dot or "From " at a line's
 * start and spaces before a line end encoded. */
static void quoted_printable(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0, need;
	const unsigned char *p = (const unsigned char *)s;
	char enc[4];
	int encode;

	for (; *p != '\0'; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n') {
			sb_puts(sb, "\r\n");
			col = 0;
			continue;
		}
		encode = *p == '=' || *p > 0x7e || (*p < 0x20 && *p != '\t') ||
			 ((*p == ' ' || *p == '\t') && (p[1] == '\n' || p[1] == '\0' || p[1] == '\r')) ||
			 (col == 0 && *p == '.') || (col == 0 && strncmp((const char *)p, "From ", 5) == 0);
		if (encode) {
			enc[0] = '=';
			enc[1] = hex[*p >> 4];
			enc[2] = hex[*p & 15];
			need = 3;
		} else {
			enc[0] = (char)*p;
			need = 1;
		}
		/* Leave room for the "=" of a soft break. */
		if (col + need > 75) {
			sb_puts(sb, "=\r\n");
			col = 0;
			if (!encode && *p == '.') {
				enc[0] = '=';
				enc[1] = '2';
				enc[2] = 'E';
				need = 3;
			}
		}
		sb_add(sb, enc, need);
		col += need;
	}
	/* The message ends with a line end, one only. */
	if (col > 0 || *s == '\0')
		sb_puts(sb, "\r\n");
}

char *mime_build(const struct mime_message *m, char **err)
{
	struct strbuf sb = STRBUF_INIT, refs = STRBUF_INIT;
	char *fname = NULL, *faddr = NULL, *rname = NULL, *raddr = NULL, *tname = NULL, *taddr = NULL;
	size_t i;

	if (mime_split_address(m->from, &fname, &faddr) < 0) {
		*err = xasprintf(_("the sender %s is not an address; set [mail] from to \"Name <address>\""),
				 m->from);
		return NULL;
	}
	if (mime_split_address(m->to, &tname, &taddr) < 0) {
		*err = xasprintf(_("the recipient %s is not an e-mail address"), m->to);
		free(fname);
		free(faddr);
		return NULL;
	}
	if (m->reply_to != NULL && mime_split_address(m->reply_to, &rname, &raddr) < 0) {
		*err = xasprintf(_("the reply-to %s is not an address; set [mail] reply_to to an address"),
				 m->reply_to);
		free(fname);
		free(faddr);
		free(tname);
		free(taddr);
		return NULL;
	}
	if (strpbrk(m->subject, "\r\n") != NULL || strpbrk(m->message_id, "\r\n ") != NULL) {
		*err = xstrdup(_("the subject or the Message-ID holds a line break"));
		free(fname);
		free(faddr);
		free(tname);
		free(taddr);
		free(rname);
		free(raddr);
		return NULL;
	}
	date_header(&sb, m->date);
	address_header(&sb, "From", fname, faddr);
	address_header(&sb, "To", tname, taddr);
	if (raddr != NULL)
		address_header(&sb, "Reply-To", rname, raddr);
	text_header(&sb, "Subject", m->subject);
	sb_printf(&sb, "Message-ID: %s\r\n", m->message_id);
	if (m->nrefs > 0) {
		sb_printf(&sb, "In-Reply-To: %s\r\n", m->refs[m->nrefs - 1]);
		for (i = 0; i < m->nrefs; i++)
			sb_printf(&refs, "%s%s", i > 0 ? " " : "", m->refs[i]);
		if (!folded_ascii(&sb, "References", refs.s))
			sb_printf(&sb, "References: %s\r\n", m->refs[m->nrefs - 1]);
		sb_free(&refs);
	}
	sb_puts(&sb, "MIME-Version: 1.0\r\n"
		     "Content-Type: text/plain; charset=UTF-8\r\n"
		     "Content-Transfer-Encoding: quoted-printable\r\n"
		     "\r\n");
	quoted_printable(&sb, m->body);
	free(fname);
	free(faddr);
	free(tname);
	free(taddr);
	free(rname);
	free(raddr);
	return sb_take(&sb);
}
