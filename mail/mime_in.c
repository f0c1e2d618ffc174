/* RFC 5322 headers and the MIME tree of one mail.  One pass over the parts,
 * depth-first, with a budget of parts and depth shared by the whole mail, so a
 * hostile mail (a million empty parts, a boundary nested a thousand deep) costs
 * no more than a normal one of its size. */
#include "mail/mime_in.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "mail/mime_decode.h"

struct walk {
	struct mime_mail *m;
	struct strbuf plain, html;
	int parts;
	bool in_report;          /* inside multipart/report: original headers are the bounce's reference */
	struct strbuf orig_ids;  /* Message-IDs of the mails a report is about, space separated */
};

/* Where the header block ends: *body is set to the first byte of the body. */
static size_t header_end(const char *s, size_t n, size_t *body)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		if (i == 0) {
			*body = 1;
			return 0;
		}
		if (i + 1 < n && s[i + 1] == '\n') {
			*body = i + 2;
			return i + 1;
		}
		if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
			*body = i + 3;
			return i + 1;
		}
	}
	*body = n;
	return n;
}

/* The first header called name in the block s[0..n), unfolded, into out (reset).
 * Returns whether there was one. */
static bool header(const char *s, size_t n, const char *name, struct strbuf *out)
{
	size_t nl = strlen(name), i = 0;

	sb_reset(out);
	while (i < n) {
		size_t e = i;
		while (e < n && s[e] != '\n')
			e++;
		if (e - i > nl && s[i + nl] == ':' && !strncasecmp(s + i, name, nl)) {
			size_t a = i + nl + 1;
			for (;;) {
				size_t b = e;
				if (b > a && s[b - 1] == '\r')
					b--;
				sb_add(out, s + a, b - a);
				if (e + 1 < n && (s[e + 1] == ' ' || s[e + 1] == '\t')) {
					a = e + 1;
					e = a;
					while (e < n && s[e] != '\n')
						e++;
					continue;
				}
				break;
			}
			/* Trim. */
			size_t k = 0;
			while (k < out->len && isspace((unsigned char)out->s[k]))
				k++;
			memmove(out->s, out->s + k, out->len - k + 1);
			out->len -= k;
			while (out->len > 0 && isspace((unsigned char)out->s[out->len - 1]))
				out->s[--out->len] = '\0';
			return true;
		}
		i = e + 1;
	}
	sb_add(out, "", 0);
	return false;
}

/* A parameter of a structured header value (Content-Type, Content-Disposition):
 * plain, quoted, RFC 2231 extended (name*=charset''%xx) and continued (name*0,
 * name*1*, ...).  Encoded-words in a quoted value (Outlook does that) decoded. */
static bool param(const char *v, const char *name, struct strbuf *out)
{
	size_t nl = strlen(name);
	struct strbuf seg[32];
	bool have[32] = { false }, ext = false, any = false;
	char charset[64] = "";

	for (int k = 0; k < 32; k++)
		seg[k] = (struct strbuf)STRBUF_INIT;
	sb_reset(out);
	const char *p = strchr(v, ';');
	while (p && *p) {
		p++;
		while (*p && isspace((unsigned char)*p))
			p++;
		const char *k = p;
		while (*p && *p != '=' && *p != ';')
			p++;
		size_t kl = (size_t)(p - k);
		while (kl > 0 && isspace((unsigned char)k[kl - 1]))
			kl--;
		struct strbuf val = STRBUF_INIT;
		sb_add(&val, "", 0);
		if (*p == '=') {
			p++;
			while (*p && isspace((unsigned char)*p))
				p++;
			if (*p == '"') {
				p++;
				while (*p && *p != '"') {
					if (*p == '\\' && p[1])
						p++;
					sb_putc(&val, *p++);
				}
				if (*p == '"')
					p++;
				while (*p && *p != ';')
					p++;
			} else {
				const char *a = p;
				while (*p && *p != ';')
					p++;
				size_t l = (size_t)(p - a);
				while (l > 0 && isspace((unsigned char)a[l - 1]))
					l--;
				sb_add(&val, a, l);
			}
		}
		if (kl >= nl && !strncasecmp(k, name, nl)) {
			const char *rest = k + nl;
			size_t rl = kl - nl;
			int idx = -1;
			bool star = false;

			if (rl == 0) {
				idx = -1;
			} else if (*rest == '*') {
				rest++, rl--;
				if (rl == 0) {
					idx = 0;
					star = true;
				} else if (isdigit((unsigned char)*rest)) {
					idx = 0;
					while (rl > 0 && isdigit((unsigned char)*rest) && idx < 1000)
						idx = idx * 10 + (*rest - '0'), rest++, rl--;
					if (rl == 1 && *rest == '*')
						star = true, rl--;
				} else {
					idx = -2;
				}
				if (rl != 0 || idx >= 32)
					idx = -2;
			} else {
				idx = -2;
			}
			if (idx == -1 && !ext) {
				sb_reset(out);
				mime_header_text(out, val.s, val.len);
				any = true;
			} else if (idx >= 0 && !have[idx]) {
				const char *t = val.s;
				if (star && idx == 0) {
					/* charset'language'value */
					const char *q1 = strchr(t, '\'');
					const char *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
					if (q1 && q2) {
						size_t cl = (size_t)(q1 - t);
						if (cl < sizeof charset) {
							memcpy(charset, t, cl);
							charset[cl] = '\0';
						}
						t = q2 + 1;
					}
				}
				if (star) {
					for (; *t; t++) {
						if (*t == '%' && isxdigit((unsigned char)t[1]) && isxdigit((unsigned char)t[2])) {
							char hx[3] = { t[1], t[2], 0 };
							sb_putc(&seg[idx], (char)strtol(hx, NULL, 16));
							t += 2;
						} else {
							sb_putc(&seg[idx], *t);
						}
					}
				} else {
					sb_puts(&seg[idx], t);
				}
				sb_add(&seg[idx], "", 0);
				have[idx] = true;
				ext = true;
			}
		}
		sb_free(&val);
	}
	if (ext) {
		struct strbuf raw = STRBUF_INIT;
		for (int k = 0; k < 32 && have[k]; k++)
			sb_add(&raw, seg[k].s, seg[k].len);
		sb_reset(out);
		mime_to_utf8(out, charset[0] ? charset : NULL, raw.s ? raw.s : "", raw.len);
		sb_free(&raw);
		any = true;
	}
	for (int k = 0; k < 32; k++)
		sb_free(&seg[k]);
	return any;
}

/* The type/subtype of a Content-Type value, lower case, into buf. */
static void media_type(const char *v, char *buf, size_t n)
{
	size_t k = 0;

	while (*v && isspace((unsigned char)*v))
		v++;
	while (*v && *v != ';' && !isspace((unsigned char)*v) && k + 1 < n) {
		unsigned char c = (unsigned char)*v++;
		buf[k++] = (isalnum(c) || strchr("/.+-_", c)) ? (char)tolower(c) : '_';
	}
	buf[k] = '\0';
	if (!strchr(buf, '/') || buf[0] == '/' || buf[k ? k - 1 : 0] == '/')
		snprintf(buf, n, "%s", "");
}

/* Every <id> in v, appended to *arr (at most max, keeping the last ones). */
static void msg_ids(const char *v, char ***arr, size_t *count, size_t max)
{
	const char *p = v;

	while ((p = strchr(p, '<')) != NULL) {
		const char *e = strchr(p, '>');
		if (!e)
			break;
		size_t l = (size_t)(e - p) + 1;
		bool ok = l >= 3 && l <= 998;
		for (size_t i = 1; ok && i + 1 < l; i++)
			if ((unsigned char)p[i] <= ' ' || p[i] == '<' || (unsigned char)p[i] >= 0x7f)
				ok = false;
		if (ok) {
			if (*count == max) {
				free((*arr)[0]);
				memmove(*arr, *arr + 1, (max - 1) * sizeof **arr);
				(*count)--;
			}
			*arr = xrealloc(*arr, (*count + 1) * sizeof **arr);
			(*arr)[(*count)++] = xstrndup(p, l);
		}
		p = e + 1;
	}
}

static void decode_body(struct strbuf *out, const char *cte, const char *s, size_t n)
{
	if (!strncasecmp(cte, "base64", 6))
		mime_base64(out, s, n);
	else if (!strncasecmp(cte, "quoted-printable", 16))
		mime_qp(out, s, n, 0);
	else
		sb_add(out, s, n);
	sb_add(out, "", 0);
}

/* Text for a ticket: CR LF to LF, no NULs or other control characters (the
 * database refuses them), tabs kept. */
static void clean_text(struct strbuf *sb)
{
	size_t w = 0;

	for (size_t r = 0; r < sb->len; r++) {
		unsigned char c = (unsigned char)sb->s[r];
		if (c == '\r')
			continue;
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			continue;
		sb->s[w++] = (char)c;
	}
	if (sb->s)
		sb->s[w] = '\0';
	sb->len = w;
}

/* s cut to at most max bytes on a UTF-8 character's start. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

static void add_attachment(struct walk *w, const char *name, const char *type, size_t size)
{
	struct mime_mail *m = w->m;
	struct strbuf nm = STRBUF_INIT;

	if (m->n_att >= MIME_MAX_ATTACHMENTS) {
		m->att_dropped++;
		return;
	}
	sb_puts(&nm, name && *name ? name : "(unnamed)");
	clean_text(&nm);
	for (size_t i = 0; i < nm.len; i++)
		if (nm.s[i] == '\n' || nm.s[i] == '\t')
			nm.s[i] = ' ';
	nm.len = utf8_cut(nm.s, nm.len, 250);
	nm.s[nm.len] = '\0';
	if (nm.len == 0)
		sb_puts(&nm, "(unnamed)");
	m->att = xrealloc(m->att, (m->n_att + 1) * sizeof *m->att);
	m->att[m->n_att].name = sb_take(&nm);
	m->att[m->n_att].type = xstrdup(type && *type ? type : "application/octet-stream");
	m->att[m->n_att].size = size;
	m->n_att++;
}

/* The Message-ID in a block of original headers (a bounce's rfc822 part). */
static void report_original(struct walk *w, const char *s, size_t n)
{
	struct strbuf v = STRBUF_INIT;
	size_t body;
	size_t he = header_end(s, n, &body);

	if (header(s, he, "Message-ID", &v) && v.len) {
		sb_puts(&w->orig_ids, v.s);
		sb_putc(&w->orig_ids, ' ');
	}
	sb_free(&v);
}

static void walk_part(struct walk *w, const char *s, size_t n, int depth, const char *default_type);

static void walk_multipart(struct walk *w, const char *s, size_t n, const char *boundary, int depth,
			   const char *sub_default)
{
	size_t bl = strlen(boundary);
	size_t i = 0, start = (size_t)-1;

	if (bl == 0 || bl > 200)
		return;
	while (i + 2 + bl <= n) {
		/* A boundary line: at the start of a line, "--" boundary. */
		if ((i == 0 || s[i - 1] == '\n') && s[i] == '-' && s[i + 1] == '-' &&
		    !memcmp(s + i + 2, boundary, bl)) {
			size_t after = i + 2 + bl;
			bool last = after + 2 <= n && s[after] == '-' && s[after + 1] == '-';

			if (start != (size_t)-1) {
				size_t end = i;
				/* The line break before the boundary belongs to it. */
				if (end > start && s[end - 1] == '\n')
					end--;
				if (end > start && s[end - 1] == '\r')
					end--;
				if (w->parts >= MIME_MAX_PARTS)
					return;
				walk_part(w, s + start, end - start, depth + 1, sub_default);
			}
			if (last)
				return;
			while (after < n && s[after] != '\n')
				after++;
			start = after < n ? after + 1 : n;
			i = start;
			continue;
		}
		while (i < n && s[i] != '\n')
			i++;
		i++;
	}
	/* A last part without its closing boundary: read what is there. */
	if (start != (size_t)-1 && start < n && w->parts < MIME_MAX_PARTS)
		walk_part(w, s + start, n - start, depth + 1, sub_default);
}

static void walk_part(struct walk *w, const char *s, size_t n, int depth, const char *default_type)
{
	struct strbuf ct = STRBUF_INIT, cte = STRBUF_INIT, cd = STRBUF_INIT, name = STRBUF_INIT,
		      v = STRBUF_INIT;
	char type[128];
	size_t body;
	size_t he = header_end(s, n, &body);
	bool attachment;

	w->parts++;
	if (depth > MIME_MAX_DEPTH || w->parts > MIME_MAX_PARTS)
		return;
	if (!header(s, he, "Content-Type", &ct) || !ct.len) {
		sb_reset(&ct);
		sb_puts(&ct, default_type);
	}
	media_type(ct.s, type, sizeof type);
	if (!type[0])
		snprintf(type, sizeof type, "%s", "text/plain");
	header(s, he, "Content-Transfer-Encoding", &cte);
	header(s, he, "Content-Disposition", &cd);
	if (!(cd.len && param(cd.s, "filename", &name)))
		param(ct.s, "name", &name);

	if (!strncmp(type, "multipart/", 10)) {
		if (param(ct.s, "boundary", &v)) {
			bool was = w->in_report;
			if (!strcmp(type, "multipart/report")) {
				struct strbuf rt = STRBUF_INIT;
				if (param(ct.s, "report-type", &rt)) {
					if (!strcasecmp(rt.s, "delivery-status"))
						w->m->kind = MIME_BOUNCE;
					else if (!strcasecmp(rt.s, "disposition-notification") && w->m->kind == MIME_MAIL)
						w->m->kind = MIME_AUTO_REPLY;
				}
				sb_free(&rt);
				w->in_report = true;
			}
			char *b = sb_take(&v);
			walk_multipart(w, s + body, n - body, b, depth,
				       !strcmp(type, "multipart/digest") ? "message/rfc822" : "text/plain");
			free(b);
			w->in_report = was;
		}
		goto out;
	}
	if (w->in_report && (!strcmp(type, "message/rfc822") || !strcmp(type, "text/rfc822-headers") ||
			     !strcmp(type, "message/global") || !strcmp(type, "message/global-headers"))) {
		report_original(w, s + body, n - body);
		goto out;
	}
	if (w->in_report && (!strcmp(type, "message/delivery-status") ||
			     !strcmp(type, "message/disposition-notification")))
		goto out;

	attachment = (cd.len && !strncasecmp(cd.s, "attachment", 10)) || name.len > 0 ||
		     strncmp(type, "text/", 5) != 0 ||
		     (strcmp(type, "text/plain") && strcmp(type, "text/html"));
	{
		struct strbuf raw = STRBUF_INIT;
		decode_body(&raw, cte.s, s + body, n - body);
		if (attachment) {
			if (!name.len && !strcmp(type, "message/rfc822")) {
				struct strbuf subj = STRBUF_INIT;
				size_t ib, ih = header_end(raw.s, raw.len, &ib);
				if (header(raw.s, ih, "Subject", &subj) && subj.len) {
					mime_header_text(&name, subj.s, subj.len);
					sb_puts(&name, ".eml");
				}
				sb_free(&subj);
			}
			add_attachment(w, name.s, type, raw.len);
		} else {
			struct strbuf cs = STRBUF_INIT, *dst = !strcmp(type, "text/html") ? &w->html : &w->plain;
			param(ct.s, "charset", &cs);
			/* Stop converting once far past what is kept. */
			if (dst->len < MIME_BODY_CAP * 2) {
				if (dst->len)
					sb_putc(dst, '\n');
				mime_to_utf8(dst, cs.len ? cs.s : NULL, raw.s, raw.len);
			}
			sb_free(&cs);
		}
		sb_free(&raw);
	}
out:
	sb_free(&ct);
	sb_free(&cte);
	sb_free(&cd);
	sb_free(&name);
	sb_free(&v);
}

static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
				      "jul", "aug", "sep", "oct", "nov", "dec" };

/* "Fri, 27 Nov 2026 10:00:00 +0300" as ISO 8601, or NULL. */
static char *date_iso(const char *v)
{
	int d, y, hh, mm, ss = 0, mon = -1;
	char mname[4], zone[8] = "";
	const char *p = strchr(v, ',');

	p = p ? p + 1 : v;
	if (sscanf(p, " %d %3s %d %d:%d:%d %7s", &d, mname, &y, &hh, &mm, &ss, zone) < 6) {
		ss = 0;
		if (sscanf(p, " %d %3s %d %d:%d %7s", &d, mname, &y, &hh, &mm, zone) < 5)
			return NULL;
	}
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(mname, months[i], 3))
			mon = i + 1;
	if (y < 100)
		y += y < 50 ? 2000 : 1900;
	if (mon < 0 || d < 1 || d > 31 || y < 1970 || y > 9999 || hh > 23 || mm > 59 || ss > 60 || hh < 0 ||
	    mm < 0 || ss < 0)
		return NULL;
	if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 5 && isdigit((unsigned char)zone[1]) &&
	    isdigit((unsigned char)zone[4]))
		return xasprintf("%04d-%02d-%02dT%02d:%02d:%02d%c%.2s:%.2s", y, mon, d, hh, mm, ss == 60 ? 59 : ss,
				 zone[0], zone + 1, zone + 3);
	return xasprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, mon, d, hh, mm, ss == 60 ? 59 : ss);
}

/* "Name <addr>", "addr (Name)", "addr": the address (lower case) and the name. */
static void parse_from(const char *v, struct mime_mail *m)
{
	const char *lt = NULL, *gt = NULL;
	bool q = false;
	struct strbuf addr = STRBUF_INIT, name = STRBUF_INIT;

	for (const char *p = v; *p; p++) {
		if (*p == '"' && (p == v || p[-1] != '\\'))
			q = !q;
		else if (!q && *p == '<')
			lt = p;
		else if (!q && *p == '>' && lt && !gt)
			gt = p;
	}
	if (lt && gt && gt > lt) {
		sb_add(&addr, lt + 1, (size_t)(gt - lt - 1));
		struct strbuf raw = STRBUF_INIT;
		for (const char *p = v; p < lt; p++)
			if (*p != '"' && *p != '\\')
				sb_putc(&raw, *p);
			else if (*p == '\\' && p + 1 < lt)
				sb_putc(&raw, *++p);
		if (raw.len)
			mime_header_text(&name, raw.s, raw.len);
		sb_free(&raw);
	} else {
		const char *p = v;
		while (*p && isspace((unsigned char)*p))
			p++;
		const char *a = p;
		while (*p && !isspace((unsigned char)*p) && *p != '(')
			p++;
		sb_add(&addr, a, (size_t)(p - a));
		const char *c1 = strchr(p, '('), *c2 = c1 ? strrchr(c1, ')') : NULL;
		if (c1 && c2)
			mime_header_text(&name, c1 + 1, (size_t)(c2 - c1 - 1));
	}
	sb_add(&addr, "", 0);
	for (size_t i = 0; i < addr.len; i++)
		addr.s[i] = (char)tolower((unsigned char)addr.s[i]);
	{
		const char *at = strchr(addr.s, '@');
		bool ok = at && at != addr.s && strchr(at + 1, '.') && !strchr(at + 1, '@') && addr.len <= 254;
		for (size_t i = 0; ok && i < addr.len; i++)
			if ((unsigned char)addr.s[i] <= ' ' || (unsigned char)addr.s[i] >= 0x7f || addr.s[i] == '<' || addr.s[i] == '>')
				ok = false;
		if (ok)
			m->from_email = sb_take(&addr);
	}
	if (name.len) {
		clean_text(&name);
		for (size_t i = 0; i < name.len; i++)
			if (name.s[i] == '\n' || name.s[i] == '\t')
				name.s[i] = ' ';
		name.len = utf8_cut(name.s, name.len, 190);
		name.s[name.len] = '\0';
		if (name.len && (!m->from_email || strcasecmp(name.s, m->from_email)))
			m->from_name = sb_take(&name);
	}
	sb_free(&addr);
	sb_free(&name);
}

/* Headers that say a machine wrote the mail (RFC 3834 and what vacation
 * programs really send).  A subject like "Out of office" alone is not enough:
 * people write that too. */
static void classify(const char *h, size_t hn, struct mime_mail *m)
{
	struct strbuf v = STRBUF_INIT;

	if (m->from_email) {
		const char *at = strchr(m->from_email, '@');
		size_t ll = at ? (size_t)(at - m->from_email) : 0;
		if ((ll == 13 && !strncmp(m->from_email, "mailer-daemon", 13)) ||
		    (ll == 10 && !strncmp(m->from_email, "postmaster", 10)))
			m->kind = MIME_BOUNCE;
	}
	if (m->kind == MIME_MAIL) {
		if (header(h, hn, "Auto-Submitted", &v) && v.len && strncasecmp(v.s, "no", 2))
			m->kind = MIME_AUTO_REPLY;
		else if ((header(h, hn, "X-Autoreply", &v) && v.len && strcasecmp(v.s, "no")) ||
			 (header(h, hn, "X-Autorespond", &v) && v.len))
			m->kind = MIME_AUTO_REPLY;
		else if (header(h, hn, "Precedence", &v) &&
			 (!strcasecmp(v.s, "auto_reply") || !strcasecmp(v.s, "bulk") || !strcasecmp(v.s, "junk")))
			m->kind = MIME_AUTO_REPLY;
	}
	sb_free(&v);
}

void mime_parse(const char *raw, size_t len, struct mime_mail *m)
{
	struct walk w = { .m = m, .plain = STRBUF_INIT, .html = STRBUF_INIT, .orig_ids = STRBUF_INIT };
	struct strbuf v = STRBUF_INIT;
	size_t body, he;

	memset(m, 0, sizeof *m);
	if (len > MIME_MAX_RAW)
		len = MIME_MAX_RAW;
	he = header_end(raw, len, &body);

	if (header(raw, he, "Message-ID", &v)) {
		char **ids = NULL;
		size_t k = 0;
		msg_ids(v.s, &ids, &k, 1);
		if (k)
			m->message_id = ids[0];
		free(ids);
	}
	if (!m->message_id) {
		/* No (usable) Message-ID: the same bytes give the same id, so a mail
		 * fetched twice is still one message. */
		char hex[65];
		mime_sha256_hex(raw, len, hex);
		m->message_id = xasprintf("<sha256.%s@backdesk.invalid>", hex);
		m->synthetic_id = true;
	}
	if (header(raw, he, "In-Reply-To", &v))
		msg_ids(v.s, &m->in_reply_to, &m->n_in_reply_to, 10);
	if (header(raw, he, "References", &v))
		msg_ids(v.s, &m->references, &m->n_references, MIME_MAX_REFS);
	if (header(raw, he, "From", &v))
		parse_from(v.s, m);
	if (header(raw, he, "Subject", &v) && v.len) {
		struct strbuf t = STRBUF_INIT;
		mime_header_text(&t, v.s, v.len);
		t.len = utf8_cut(t.s, t.len, 900);
		t.s[t.len] = '\0';
		if (t.len)
			m->subject = sb_take(&t);
		sb_free(&t);
	}
	if (header(raw, he, "Date", &v))
		m->date_iso = date_iso(v.s);
	classify(raw, he, m);

	walk_part(&w, raw, len, 0, "text/plain");
	if (w.orig_ids.len)
		msg_ids(w.orig_ids.s, &m->references, &m->n_references, MIME_MAX_REFS);

	{
		struct strbuf *text = &w.plain;
		struct strbuf conv = STRBUF_INIT;
		bool blank = true;

		for (size_t i = 0; i < w.plain.len && blank; i++)
			blank = isspace((unsigned char)w.plain.s[i]);
		if (blank && w.html.len) {
			mime_html_text(&conv, w.html.s, w.html.len);
			text = &conv;
			m->html_only = true;
		}
		sb_add(text, "", 0);
		clean_text(text);
		/* Trailing blank lines and spaces say nothing. */
		while (text->len && isspace((unsigned char)text->s[text->len - 1]))
			text->s[--text->len] = '\0';
		if (text->len > MIME_BODY_CAP) {
			size_t cut = utf8_cut(text->s, text->len, MIME_BODY_CAP);
			size_t more = text->len - cut;
			text->len = cut;
			text->s[cut] = '\0';
			sb_printf(text, "\n\n[... %zu more bytes not shown: the whole mail is in the mailbox]", more);
			m->body_cut = true;
		}
		m->body = sb_take(text);
		sb_free(&conv);
	}
	sb_free(&w.plain);
	sb_free(&w.html);
	sb_free(&w.orig_ids);
	sb_free(&v);
}

void mime_mail_free(struct mime_mail *m)
{
	if (!m)
		return;
	free(m->message_id);
	for (size_t i = 0; i < m->n_in_reply_to; i++)
		free(m->in_reply_to[i]);
	free(m->in_reply_to);
	for (size_t i = 0; i < m->n_references; i++)
		free(m->references[i]);
	free(m->references);
	free(m->from_email);
	free(m->from_name);
	free(m->subject);
	free(m->date_iso);
	free(m->body);
	for (size_t i = 0; i < m->n_att; i++) {
		free(m->att[i].name);
		free(m->att[i].type);
	}
	free(m->att);
	memset(m, 0, sizeof *m);
}

const char *mime_kind_name(enum mime_kind k)
{
	switch (k) {
	case MIME_AUTO_REPLY:
		return "auto_reply";
	case MIME_BOUNCE:
		return "bounce";
	case MIME_MAIL:
		break;
	}
	return "mail";
}
