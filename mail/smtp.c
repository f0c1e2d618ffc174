#include "mail/smtp.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "common/i18n.h"
#include "common/xalloc.h"

struct smtp_sender {
	CURL *curl;
	char *url, *user, *password;
	long connect_timeout_ms, timeout_ms;
	int loopback;
	const atomic_bool *abort_flag;
	char last_reply[512]; /* the server's last refusal (4xx, 5xx), for the sentence */
	char errbuf[CURL_ERROR_SIZE];
	/* The message being uploaded. */
	const char *msg;
	size_t len, off;
};

static int host_is_loopback(const char *url)
{
	const char *h = strstr(url, "://");
	size_t n;

	if (h == NULL)
		return 0;
	h += 3;
	n = strcspn(h, ":/");
	return (n == 9 && strncasecmp(h, "localhost", 9) == 0) || strncmp(h, "127.", 4) == 0 ||
	       strncmp(h, "[::1]", 5) == 0;
}

int smtp_url_ok(const char *url, const char **hint)
{
	*hint = _("write smtps://host:465 or smtp://host:587 (STARTTLS)");
	if (strncasecmp(url, "smtps://", 8) != 0 && strncasecmp(url, "smtp://", 7) != 0)
		return 0;
	if (strpbrk(url, " \t\"'<>\\") != NULL || url[strcspn(url, ":") + 3] == '\0')
		return 0;
	return 1;
}

struct smtp_sender *smtp_sender_new(const struct smtp_config *c, char **err)
{
	struct smtp_sender *s;
	const char *hint = "";

	if (c->url == NULL || !smtp_url_ok(c->url, &hint)) {
		*err = xasprintf(_("[mail] smtp_url %s is not a mail server's address: %s"),
				 c->url != NULL ? c->url : _("(not set)"), hint);
		return NULL;
	}
	CURLcode started = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (started != CURLE_OK) {
		/* net/curl_lazy.c: the reason the library could not be loaded. */
		*err = xasprintf(_("libcurl could not start: %s"), curl_easy_strerror(started));
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->curl = curl_easy_init();
	if (s->curl == NULL) {
		*err = xasprintf(_("libcurl could not start: %s"), curl_easy_strerror(CURLE_FAILED_INIT));
		free(s);
		return NULL;
	}
	s->url = xstrdup(c->url);
	s->user = c->user != NULL ? xstrdup(c->user) : NULL;
	s->password = c->password != NULL ? xstrdup(c->password) : NULL;
	s->connect_timeout_ms = c->connect_timeout_ms > 0 ? c->connect_timeout_ms : 10000;
	s->timeout_ms = c->timeout_ms > 0 ? c->timeout_ms : 60000;
	s->loopback = host_is_loopback(c->url);
	return s;
}

void smtp_sender_free(struct smtp_sender *s)
{
	if (s == NULL)
		return;
	curl_easy_cleanup(s->curl);
	free(s->url);
	free(s->user);
	free_secret(s->password);
	free(s);
}

void smtp_sender_set_abort(struct smtp_sender *s, const atomic_bool *flag)
{
	s->abort_flag = flag;
}

static int progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	const struct smtp_sender *s = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return s->abort_flag != NULL && atomic_load(s->abort_flag) ? 1 : 0;
}

static size_t reader(char *buf, size_t size, size_t n, void *arg)
{
	struct smtp_sender *s = arg;
	size_t want = size * n, left = s->len - s->off;

	if (want > left)
		want = left;
	memcpy(buf, s->msg + s->off, want);
	s->off += want;
	return want;
}

/* Keeps the server's last reply line: the sentence people read quotes it. */
static int debug_cb(CURL *h, curl_infotype type, char *data, size_t n, void *arg)
{
	struct smtp_sender *s = arg;
	size_t k;

	(void)h;
	/* Only a refusal: after one, libcurl still says QUIT and reads "221 Bye". */
	if (type != CURLINFO_HEADER_IN || n < 3 || (data[0] != '4' && data[0] != '5'))
		return 0;
	while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r'))
		n--;
	k = n < sizeof s->last_reply - 1 ? n : sizeof s->last_reply - 1;
	memcpy(s->last_reply, data, k);
	s->last_reply[k] = '\0';
	return 0;
}

static enum smtp_outcome by_code(long code, char **why, const char *reply)
{
	if (code >= 500) {
		*why = xasprintf(_("the mail server refused the message for good: %s"), reply);
		return SMTP_PERMANENT;
	}
	*why = xasprintf(_("the mail server cannot take the message now: %s"), reply);
	return SMTP_TEMPORARY;
}

enum smtp_outcome smtp_send(struct smtp_sender *s, const char *from, const char *to, const char *msg,
			    size_t len, char **why)
{
	struct curl_slist *rcpt = NULL;
	CURLcode rc;
	long code = 0;
	char *mail_from = xasprintf("<%s>", from), *rcpt_to = xasprintf("<%s>", to);
	enum smtp_outcome out;

	*why = NULL;
	s->msg = msg;
	s->len = len;
	s->off = 0;
	s->last_reply[0] = '\0';
	s->errbuf[0] = '\0';
	rcpt = curl_slist_append(NULL, rcpt_to);
	if (rcpt == NULL) {
		free(mail_from);
		free(rcpt_to);
		*why = xstrdup(_("out of memory"));
		return SMTP_TEMPORARY;
	}
	curl_easy_reset(s->curl);
	(void)curl_easy_setopt(s->curl, CURLOPT_URL, s->url);
	(void)curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	(void)curl_easy_setopt(s->curl, CURLOPT_USE_SSL, s->loopback ? (long)CURLUSESSL_TRY : (long)CURLUSESSL_ALL);
	(void)curl_easy_setopt(s->curl, CURLOPT_SSL_VERIFYPEER, 1L);
	(void)curl_easy_setopt(s->curl, CURLOPT_SSL_VERIFYHOST, 2L);
	if (s->user != NULL) {
		(void)curl_easy_setopt(s->curl, CURLOPT_USERNAME, s->user);
		(void)curl_easy_setopt(s->curl, CURLOPT_PASSWORD, s->password != NULL ? s->password : "");
	}
	(void)curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, mail_from);
	(void)curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt);
	(void)curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 1L);
	(void)curl_easy_setopt(s->curl, CURLOPT_READFUNCTION, reader);
	(void)curl_easy_setopt(s->curl, CURLOPT_READDATA, s);
	(void)curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	(void)curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT_MS, s->connect_timeout_ms);
	(void)curl_easy_setopt(s->curl, CURLOPT_TIMEOUT_MS, s->timeout_ms);
	(void)curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	(void)curl_easy_setopt(s->curl, CURLOPT_NOPROGRESS, 0L);
	(void)curl_easy_setopt(s->curl, CURLOPT_XFERINFOFUNCTION, progress);
	(void)curl_easy_setopt(s->curl, CURLOPT_XFERINFODATA, s);
	(void)curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->errbuf);
	(void)curl_easy_setopt(s->curl, CURLOPT_VERBOSE, 1L);
	(void)curl_easy_setopt(s->curl, CURLOPT_DEBUGFUNCTION, debug_cb);
	(void)curl_easy_setopt(s->curl, CURLOPT_DEBUGDATA, s);

	rc = curl_easy_perform(s->curl);
	(void)curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpt);
	free(mail_from);
	free(rcpt_to);
	if (rc == CURLE_OK)
		return SMTP_SENT;
	/* A refused MAIL, RCPT or DATA is libcurl's SEND_ERROR or WEIRD_SERVER_REPLY:
	 * the server's code says more. */
	if (rc != CURLE_LOGIN_DENIED && code >= 400 && code < 600)
		return by_code(code, why, s->last_reply[0] != '\0' ? s->last_reply : s->errbuf);

	switch (rc) {
	case CURLE_LOGIN_DENIED:
		*why = xasprintf(_("the mail server refused the login (%s); check [mail] smtp_user and the password file"),
				 s->last_reply[0] != '\0' ? s->last_reply : s->errbuf);
		out = SMTP_BROKEN;
		break;
	case CURLE_ABORTED_BY_CALLBACK:
		*why = xstrdup(_("stopped: the console was closed while sending"));
		out = SMTP_BROKEN;
		break;
	case CURLE_USE_SSL_FAILED:
		*why = xstrdup(_("the mail server does not offer STARTTLS; use smtps:// or a server that does"));
		out = SMTP_BROKEN;
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
		*why = xasprintf(_("the mail server's TLS could not be verified: %s"), s->errbuf);
		out = SMTP_BROKEN;
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
		*why = xasprintf(_("cannot reach the mail server: %s"), s->errbuf);
		out = SMTP_BROKEN;
		break;
	case CURLE_OPERATION_TIMEDOUT:
		*why = xasprintf(_("the mail server did not answer in time: %s"), s->errbuf);
		out = SMTP_TEMPORARY;
		break;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		*why = xasprintf(_("the connection to the mail server broke: %s"), s->errbuf);
		out = SMTP_BROKEN;
		break;
	default:
		*why = xasprintf(_("sending failed: %s"), s->errbuf[0] != '\0' ? s->errbuf : curl_easy_strerror(rc));
		out = SMTP_TEMPORARY;
		break;
	}
	return out;
}
