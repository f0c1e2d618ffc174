/* The few IMAP commands after libcurl's login (see imap.h for why these and why
 * this way).  Responses are read into one buffer; a message's literal is kept up
 * to MIME_MAX_RAW and the rest read and dropped, so a huge mail costs its size in
 * time, never in memory. */
#include "mail/imap.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "mail/mime_in.h"

/* A response line longer than this is not from an IMAP server we can talk to
 * (a SEARCH of 100000 UIDs is under 1 MiB). */
#define LINE_MAX_BYTES ((size_t)4 << 20)

struct conn {
	CURL *e;
	curl_socket_t fd;
	long io_ms;
	atomic_int *stop;
	char host[256];
	struct strbuf in;  /* received, not yet consumed from `pos` */
	size_t pos;
	unsigned tag;
	char *err;
};

static void fail(struct conn *c, char *msg)
{
	if (c->err == NULL)
		c->err = msg;
	else
		free(msg);
}

/* The server's words, without anything that could steer a terminal. */
static char *clean(const char *s, size_t n)
{
	char *r = xstrndup(s, n > 300 ? 300 : n);

	for (char *p = r; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return r;
}

/* Waits for the socket in short slices, so that a stop (the console quitting)
 * is heard within a quarter of a second even while the server is silent. */
static int wait_fd(struct conn *c, short events)
{
	long waited = 0;

	for (;;) {
		struct pollfd p = { .fd = c->fd, .events = events };
		long slice = c->io_ms - waited < 250 ? c->io_ms - waited : 250;
		int rc;

		if (c->stop && *c->stop) {
			fail(c, xstrdup(_("the fetch was stopped")));
			return -1;
		}
		if (slice <= 0) {
			fail(c, xasprintf(_("the mail server %s did not answer for %ld seconds"), c->host,
					  c->io_ms / 1000));
			return -1;
		}
		rc = poll(&p, 1, (int)slice);
		if (rc > 0)
			return 0;
		if (rc < 0 && errno != EINTR) {
			fail(c, xasprintf(_("waiting for the mail server %s failed: %s"), c->host, strerror(errno)));
			return -1;
		}
		if (rc == 0)
			waited += slice;
	}
}

static int send_all(struct conn *c, const char *s, size_t n)
{
	while (n > 0) {
		size_t sent = 0;
		CURLcode rc = curl_easy_send(c->e, s, n, &sent);

		if (rc == CURLE_AGAIN) {
			if (wait_fd(c, POLLOUT) < 0)
				return -1;
			continue;
		}
		if (rc != CURLE_OK) {
			fail(c, xasprintf(_("the connection to the mail server %s broke: %s"), c->host,
					  curl_easy_strerror(rc)));
			return -1;
		}
		s += sent;
		n -= sent;
	}
	return 0;
}

/* Reads more bytes into c->in.  -1 on a closed or broken connection. */
static int fill(struct conn *c)
{
	char buf[16384];

	for (;;) {
		size_t got = 0;
		CURLcode rc = curl_easy_recv(c->e, buf, sizeof buf, &got);

		if (rc == CURLE_AGAIN) {
			if (wait_fd(c, POLLIN) < 0)
				return -1;
			continue;
		}
		if (rc != CURLE_OK || got == 0) {
			fail(c, xasprintf(_("the mail server %s closed the connection%s%s"), c->host,
					  rc != CURLE_OK ? ": " : "", rc != CURLE_OK ? curl_easy_strerror(rc) : ""));
			return -1;
		}
		/* Drop what was consumed before growing. */
		if (c->pos > 0 && c->pos == c->in.len) {
			sb_reset(&c->in);
			c->pos = 0;
		} else if (c->pos > (size_t)1 << 20) {
			memmove(c->in.s, c->in.s + c->pos, c->in.len - c->pos);
			c->in.len -= c->pos;
			c->pos = 0;
		}
		sb_add(&c->in, buf, got);
		return 0;
	}
}

/* The next line (without CR LF), valid until the next read; its length in *n. */
static const char *read_line(struct conn *c, size_t *n)
{
	for (;;) {
		const char *start = c->in.s ? c->in.s + c->pos : NULL;
		size_t have = c->in.len - c->pos;
		const char *nl = start ? memchr(start, '\n', have) : NULL;

		if (nl) {
			size_t len = (size_t)(nl - start);
			c->pos += len + 1;
			if (len > 0 && start[len - 1] == '\r')
				len--;
			*n = len;
			return start;
		}
		if (have > LINE_MAX_BYTES) {
			fail(c, xasprintf(_("the mail server %s sent a line longer than %zu bytes"), c->host,
					  LINE_MAX_BYTES));
			return NULL;
		}
		if (fill(c) < 0)
			return NULL;
	}
}

/* Reads a literal of n bytes: the first `keep` into out (when not NULL). */
static int read_literal(struct conn *c, unsigned long long n, struct strbuf *out, size_t keep)
{
	while (n > 0) {
		size_t have = c->in.len - c->pos;

		if (have == 0) {
			if (fill(c) < 0)
				return -1;
			continue;
		}
		size_t take = have < n ? have : (size_t)n;
		if (out && out->len < keep) {
			size_t room = keep - out->len;
			sb_add(out, c->in.s + c->pos, take < room ? take : room);
		}
		c->pos += take;
		n -= take;
	}
	return 0;
}

/* A literal announced at the end of a line: "{123}" (or "{123+}"); -1 when none. */
static long long literal_size(const char *line, size_t n)
{
	size_t i;
	unsigned long long v = 0;

	if (n < 3 || line[n - 1] != '}')
		return -1;
	i = n - 1;
	if (i > 0 && line[i - 1] == '+')
		i--;
	size_t end = i;
	while (i > 0 && isdigit((unsigned char)line[i - 1]))
		i--;
	if (i == 0 || line[i - 1] != '{' || i == end || end - i > 12)
		return -1;
	for (size_t k = i; k < end; k++)
		v = v * 10 + (unsigned)(line[k] - '0');
	return (long long)v;
}

typedef void (*untagged_fn)(struct conn *c, const char *line, size_t n, void *arg);

/* Sends "TAG command" and reads to its tagged answer; untagged lines go to fn.
 * A literal following an untagged line is read into *lit (first `keep` bytes).
 * Returns 0 on OK, -1 otherwise (c->err says what). */
static int command(struct conn *c, const char *cmd, untagged_fn fn, void *arg, struct strbuf *lit,
		   size_t keep, bool *lit_cut)
{
	char tag[16];
	size_t tl;
	char *line;

	snprintf(tag, sizeof tag, "b%u", ++c->tag);
	tl = strlen(tag);
	line = xasprintf("%s %s\r\n", tag, cmd);
	if (send_all(c, line, strlen(line)) < 0) {
		free(line);
		return -1;
	}
	free(line);
	for (;;) {
		size_t n;
		const char *l = read_line(c, &n);

		if (!l)
			return -1;
		if (n > tl && !strncmp(l, tag, tl) && l[tl] == ' ') {
			const char *st = l + tl + 1;
			size_t sn = n - tl - 1;

			if (sn >= 2 && !strncasecmp(st, "OK", 2))
				return 0;
			{
				char *words = clean(st, sn);
				/* The command's first word, never its arguments. */
				size_t vl = strcspn(cmd, " ");
				fail(c, xasprintf(_("the mail server %s refused %.*s: %s"), c->host, (int)vl, cmd, words));
				free(words);
			}
			return -1;
		}
		if (n >= 5 && !strncmp(l, "* BYE", 5)) {
			char *words = clean(l + 2, n - 2);
			fail(c, xasprintf(_("the mail server %s ended the session: %s"), c->host, words));
			free(words);
			return -1;
		}
		long long ls = literal_size(l, n);
		if (fn)
			fn(c, l, n, arg);
		if (ls >= 0) {
			if (lit && lit_cut)
				*lit_cut = (unsigned long long)ls > keep;
			if (read_literal(c, (unsigned long long)ls, lit, keep) < 0)
				return -1;
		}
	}
}

struct uids {
	unsigned long *v;
	size_t n, cap;
};

static void on_search(struct conn *c, const char *l, size_t n, void *arg)
{
	struct uids *u = arg;
	size_t i = 8;

	(void)c;
	if (n < 8 || strncasecmp(l, "* SEARCH", 8) != 0)
		return;
	while (i < n) {
		while (i < n && l[i] == ' ')
			i++;
		unsigned long v = 0;
		size_t d = 0;
		while (i < n && isdigit((unsigned char)l[i]) && d < 10) {
			v = v * 10 + (unsigned long)(l[i] - '0');
			i++, d++;
		}
		while (i < n && l[i] != ' ')
			i++;
		if (d > 0 && v > 0) {
			u->v = xgrow(u->v, &u->cap, u->n + 1, sizeof *u->v);
			u->v[u->n++] = v;
		}
	}
}

static int cmp_ul(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

/* The mailbox from the URL's path, as an IMAP quoted string. */
static char *mailbox_arg(const char *url)
{
	CURLU *u = curl_url();
	char *path = NULL;
	struct strbuf q = STRBUF_INIT;
	const char *m;

	if (u && curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK)
		(void)curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE);
	m = path ? path : "/";
	while (*m == '/')
		m++;
	size_t ml = strcspn(m, ";/?");
	if (ml == 0) {
		m = "INBOX";
		ml = 5;
	}
	sb_putc(&q, '"');
	for (size_t i = 0; i < ml; i++) {
		if ((unsigned char)m[i] < 0x20)
			continue;
		if (m[i] == '"' || m[i] == '\\')
			sb_putc(&q, '\\');
		sb_putc(&q, m[i]);
	}
	sb_putc(&q, '"');
	curl_free(path);
	curl_url_cleanup(u);
	return sb_take(&q);
}

static void host_of(const char *url, char *buf, size_t n)
{
	CURLU *u = curl_url();
	char *h = NULL;

	snprintf(buf, n, "%s", "?");
	if (u && curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK)
		snprintf(buf, n, "%s", h);
	curl_free(h);
	curl_url_cleanup(u);
}

static char *login_error(const struct imap_account *a, const char *host, CURLcode rc, const char *errbuf)
{
	switch (rc) {
	case CURLE_LOGIN_DENIED:
		return xasprintf(_("the mail server %s refused the login of '%s': check [mail] imap_user and the "
				   "password in [mail] imap_password_file"),
				 host, a->user ? a->user : "");
	case CURLE_COULDNT_RESOLVE_HOST:
		return xasprintf(_("the mail server's name %s is not known: check [mail] imap_url"), host);
	case CURLE_COULDNT_CONNECT:
		return xasprintf(_("cannot reach the mail server %s (%s): is it running, is [mail] imap_url right?"),
				 host, errbuf[0] ? errbuf : curl_easy_strerror(rc));
	case CURLE_OPERATION_TIMEDOUT:
		return xasprintf(_("the mail server %s did not answer in time"), host);
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR:
		return xasprintf(_("the mail server %s could not be verified (%s): backdesk only talks TLS to a "
				   "server whose certificate it trusts"),
				 host, errbuf[0] ? errbuf : curl_easy_strerror(rc));
	default:
		return xasprintf(_("cannot log in to the mail server %s: %s"), host,
				 errbuf[0] ? errbuf : curl_easy_strerror(rc));
	}
}

int imap_fetch_new(const struct imap_account *a, unsigned long limit, imap_mail_fn fn, void *arg,
		   struct imap_counts *counts, char **err)
{
	struct conn c = { .io_ms = a->io_timeout_ms > 0 ? a->io_timeout_ms : 60000, .stop = a->stop };
	char errbuf[CURL_ERROR_SIZE] = "";
	struct uids u = { 0 };
	char *mbox = NULL, *cmd;
	CURLcode rc;
	int ret = -1;

	memset(counts, 0, sizeof *counts);
	*err = NULL;
	host_of(a->url, c.host, sizeof c.host);
	c.e = curl_easy_init();
	if (!c.e) {
		*err = xasprintf(_("libcurl could not start: %s"), curl_easy_strerror(CURLE_FAILED_INIT));
		return -1;
	}
#define SETOPT(opt, val)                                                                        \
	do {                                                                                    \
		if (curl_easy_setopt(c.e, opt, val) != CURLE_OK) {                              \
			*err = xasprintf(_("libcurl refused the option %s"), #opt);             \
			goto out;                                                               \
		}                                                                               \
	} while (0)
	SETOPT(CURLOPT_URL, a->url);
	SETOPT(CURLOPT_PROTOCOLS_STR, "imap,imaps");
	SETOPT(CURLOPT_USERNAME, a->user ? a->user : "");
	SETOPT(CURLOPT_PASSWORD, a->password ? a->password : "");
	SETOPT(CURLOPT_CONNECT_ONLY, 1L);
	SETOPT(CURLOPT_NOSIGNAL, 1L);
	SETOPT(CURLOPT_CONNECTTIMEOUT_MS, a->connect_timeout_ms > 0 ? a->connect_timeout_ms : 15000L);
	SETOPT(CURLOPT_TIMEOUT_MS, a->connect_timeout_ms > 0 ? a->connect_timeout_ms : 15000L);
	SETOPT(CURLOPT_SSL_VERIFYPEER, 1L);
	SETOPT(CURLOPT_SSL_VERIFYHOST, 2L);
	SETOPT(CURLOPT_ERRORBUFFER, errbuf);
	if (a->ca_file)
		SETOPT(CURLOPT_CAINFO, a->ca_file);
#undef SETOPT
	rc = curl_easy_perform(c.e);
	if (rc != CURLE_OK) {
		*err = login_error(a, c.host, rc, errbuf);
		goto out;
	}
	if (curl_easy_getinfo(c.e, CURLINFO_ACTIVESOCKET, &c.fd) != CURLE_OK || c.fd == CURL_SOCKET_BAD) {
		*err = xasprintf(_("the connection to the mail server %s was lost after the login"), c.host);
		goto out;
	}

	mbox = mailbox_arg(a->url);
	cmd = xasprintf("SELECT %s", mbox);
	if (command(&c, cmd, NULL, NULL, NULL, 0, NULL) < 0) {
		free(cmd);
		goto fail;
	}
	free(cmd);
	if (command(&c, "UID SEARCH UNSEEN", on_search, &u, NULL, 0, NULL) < 0)
		goto fail;
	if (u.n > 1)
		qsort(u.v, u.n, sizeof *u.v, cmp_ul);
	counts->unseen = u.n;

	for (size_t i = 0; i < u.n && i < limit; i++) {
		struct strbuf raw = STRBUF_INIT;
		bool cut = false;

		if (a->stop && *a->stop)
			break;
		cmd = xasprintf("UID FETCH %lu (BODY.PEEK[])", u.v[i]);
		if (command(&c, cmd, NULL, NULL, &raw, MIME_MAX_RAW, &cut) < 0) {
			free(cmd);
			sb_free(&raw);
			goto fail;
		}
		free(cmd);
		if (raw.len == 0) {
			/* Expunged by someone else meanwhile: nothing to do. */
			sb_free(&raw);
			continue;
		}
		if (fn(arg, u.v[i], raw.s, raw.len, cut) != 0) {
			counts->failed++;
			sb_free(&raw);
			continue;
		}
		sb_free(&raw);
		cmd = xasprintf("UID STORE %lu +FLAGS.SILENT (\\Seen)", u.v[i]);
		if (command(&c, cmd, NULL, NULL, NULL, 0, NULL) < 0) {
			/* Stored but not marked: fetched again next time, and added nothing then. */
			free(cmd);
			counts->failed++;
			goto fail;
		}
		free(cmd);
		counts->stored++;
	}
	(void)command(&c, "LOGOUT", NULL, NULL, NULL, 0, NULL);
	free(c.err);
	c.err = NULL;
	ret = 0;
	goto out;
fail:
	*err = c.err ? c.err : xasprintf(_("the session with the mail server %s failed"), c.host);
	c.err = NULL;
out:
	free(c.err);
	free(mbox);
	free(u.v);
	sb_free(&c.in);
	curl_easy_cleanup(c.e);
	return ret;
}
