/* The tracking client: libcurl's multi interface driven by a borrowed poll loop.
 * Lookups wait in one FIFO queue until the concurrency cap, their service's token
 * bucket and any Retry-After pause let them go; a try that failed in a way worth
 * repeating goes back to the queue with a time before which it may not start. */
#include "carrier/client.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "common/i18n.h"
#include "common/xalloc.h"

enum {
	MAX_TRIES = 3,
	BACKOFF_BASE_MS = 500,
	/* A Retry-After longer than this is not waited for: the lookup fails now and
	 * the parcel is asked about again at its next turn. */
	RETRY_AFTER_MAX_MS = 120000,
	/* The low-speed cut: fewer bytes a second than this for LOW_SPEED_TIME. */
	LOW_SPEED_BYTES = 100,
};

struct service {
	const struct carrier_adapter *adapter;
	double tokens;
	long long refilled_ms;
	long long paused_until_ms; /* a 429's Retry-After holds the whole service */
	struct service *next;
};

struct job {
	char *carrier, *number;
	carrier_done_fn done;
	void *arg;
	bool forgotten;
	const struct carrier_adapter *adapter; /* NULL: answered without asking */
	struct service *svc;
	int tries;
	/* AfterShip's 4004: the request that makes it follow the number is under
	 * way (creating), or was tried (created): once per lookup. */
	bool creating, created;
	long long not_before_ms;
	struct carrier_result r;
	/* The try in flight. */
	CURL *easy;
	struct curl_slist *headers;
	char *post;
	char *body;
	size_t len, cap;
	bool too_big;
	int retry_after_s;  /* -1: none */
	char content_type[96];
	char errbuf[CURL_ERROR_SIZE];
	long long started_ms;
	struct job *next;
};

struct carrier_client {
	struct carrier_loop loop;
	CURLM *multi;
	int concurrency;
	long connect_timeout_ms, total_timeout_ms;
	struct carrier_account dhl, aftership;
	char *ca_file;
	const struct carrier_adapter *(*adapter_for)(const char *carrier);
	struct service *services;
	struct job *queue, *queue_tail; /* waiting: new, retrying, or to be answered */
	size_t queued;
	struct job *flying;             /* a try in flight */
	size_t inflight;
	struct job *delivering;         /* taken off the queue, being answered now */
	unsigned long curl_timer, wake_timer;
	long long wake_at_ms;
	int *fds;                       /* the fds the loop watches for curl */
	size_t nfds, fds_cap;
	uint64_t rng;
	bool pumping;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double rnd01(struct carrier_client *c)
{
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return (double)(c->rng >> 11) / (double)(1ULL << 53);
}

static void job_free(struct job *j)
{
	if (!j)
		return;
	if (j->easy)
		curl_easy_cleanup(j->easy);
	curl_slist_free_all(j->headers);
	free(j->post);
	free(j->body);
	carrier_result_clear(&j->r);
	free(j->carrier);
	free(j->number);
	free(j);
}

static void enqueue(struct carrier_client *c, struct job *j)
{
	j->next = NULL;
	if (c->queue_tail)
		c->queue_tail->next = j;
	else
		c->queue = j;
	c->queue_tail = j;
	c->queued++;
}

static void schedule_pump(struct carrier_client *c, long long at_ms);

/* ---- curl's side of the loop ---- */

static void track_fd(struct carrier_client *c, int fd, bool on)
{
	for (size_t i = 0; i < c->nfds; i++)
		if (c->fds[i] == fd) {
			if (!on)
				c->fds[i] = c->fds[--c->nfds];
			return;
		}
	if (on) {
		c->fds = xgrow(c->fds, &c->fds_cap, c->nfds + 1, sizeof *c->fds);
		c->fds[c->nfds++] = fd;
	}
}

static void check_done(struct carrier_client *c);

static void on_io(int fd, int revents, void *arg)
{
	struct carrier_client *c = arg;
	int mask = 0, running;
	if (revents & 1)
		mask |= CURL_CSELECT_IN;
	if (revents & 2)
		mask |= CURL_CSELECT_OUT;
	if (revents & ~3)
		mask |= CURL_CSELECT_ERR;
	curl_multi_socket_action(c->multi, fd, mask, &running);
	check_done(c);
}

static int socket_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
	struct carrier_client *c = userp;
	(void)easy;
	(void)socketp;
	int events = 0;
	if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
		events |= 1;
	if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
		events |= 2;
	if (what == CURL_POLL_REMOVE || events == 0) {
		c->loop.watch(c->loop.loop, s, 0, NULL, NULL);
		track_fd(c, s, false);
		return 0;
	}
	if (c->loop.watch(c->loop.loop, s, events, on_io, c) != 0)
		return -1;
	track_fd(c, s, true);
	return 0;
}

static void on_curl_timer(void *arg)
{
	struct carrier_client *c = arg;
	int running;
	c->curl_timer = 0;
	curl_multi_socket_action(c->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(c);
}

static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct carrier_client *c = userp;
	(void)multi;
	if (c->curl_timer) {
		c->loop.cancel(c->loop.loop, c->curl_timer);
		c->curl_timer = 0;
	}
	if (timeout_ms >= 0) {
		c->curl_timer = c->loop.timer(c->loop.loop, timeout_ms, on_curl_timer, c);
		if (!c->curl_timer)
			return -1;
	}
	return 0;
}

/* ---- one try ---- */

static size_t write_cb(char *data, size_t size, size_t n, void *userp)
{
	struct job *j = userp;
	size_t len = size * n;
	if (len > CARRIER_BODY_MAX - j->len) {
		j->too_big = true;
		return 0; /* curl stops with CURLE_WRITE_ERROR */
	}
	if (j->len + len + 1 > j->cap) {
		size_t need = j->len + len + 1;
		j->body = xgrow(j->body, &j->cap, need, 1);
	}
	memcpy(j->body + j->len, data, len);
	j->len += len;
	j->body[j->len] = '\0';
	return len;
}

/* "Retry-After: 120" or "Retry-After: Fri, 27 Nov 2026 21:30:00 GMT". */
static int parse_retry_after(const char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	if (*v >= '0' && *v <= '9') {
		char *end;
		long s = strtol(v, &end, 10);
		return s > 86400 ? 86400 : (int)s;
	}
	time_t t = curl_getdate(v, NULL);
	if (t == (time_t)-1)
		return -1;
	double d = difftime(t, time(NULL));
	return d <= 0 ? 0 : d > 86400 ? 86400 : (int)d;
}

static size_t header_cb(char *data, size_t size, size_t n, void *userp)
{
	struct job *j = userp;
	size_t len = size * n;
	char line[256];
	size_t l = len < sizeof line - 1 ? len : sizeof line - 1;
	memcpy(line, data, l);
	line[l] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (strncmp(line, "HTTP/", 5) == 0) { /* a new response: forget the last one's */
		j->retry_after_s = -1;
		j->content_type[0] = '\0';
	} else if (strncasecmp(line, "Retry-After:", 12) == 0) {
		j->retry_after_s = parse_retry_after(line + 12);
	} else if (strncasecmp(line, "Content-Type:", 13) == 0) {
		const char *v = line + 13;
		while (*v == ' ')
			v++;
		snprintf(j->content_type, sizeof j->content_type, "%.*s",
			 (int)sizeof j->content_type - 1, v);
	}
	return len;
}

static void try_reset(struct job *j)
{
	if (j->easy) {
		curl_easy_cleanup(j->easy);
		j->easy = NULL;
	}
	curl_slist_free_all(j->headers);
	j->headers = NULL;
	free(j->post);
	j->post = NULL;
	j->len = 0;
	if (j->body)
		j->body[0] = '\0';
	j->too_big = false;
	j->retry_after_s = -1;
	j->content_type[0] = '\0';
	j->errbuf[0] = '\0';
}

static const struct carrier_account *account_of(struct carrier_client *c,
						 const struct carrier_adapter *a)
{
	if (strcmp(a->name, "dhl") == 0)
		return &c->dhl;
	if (strcmp(a->name, "aftership") == 0)
		return &c->aftership;
	return NULL;
}

#define SETOPT(e, opt, val) ok = ok && curl_easy_setopt((e), (opt), (val)) == CURLE_OK

/* 0, or -1 with j->r failed (nothing to retry: the request could not be made). */
static int try_start(struct carrier_client *c, struct job *j)
{
	struct carrier_request rq = { 0 };
	const struct carrier_account *acct = account_of(c, j->adapter);
	try_reset(j);
	if (j->creating) {
		/* j->r keeps the not-found answer, the lookup's result if this fails. */
		struct carrier_result cr;
		int rc;

		carrier_result_init(&cr);
		rc = j->adapter->build_create(acct, j->carrier, j->number, &rq, &cr);
		carrier_result_clear(&cr);
		if (rc != 0) {
			j->creating = false;
			carrier_request_clear(&rq);
			return -1;
		}
	} else {
		carrier_result_clear(&j->r);
		if (j->adapter->build(acct, j->carrier, j->number, &rq, &j->r) != 0) {
			if (j->r.outcome == CARRIER_OK)
				carrier_result_fail(&j->r, CARRIER_BAD_REQUEST,
						    _("%s cannot be asked about this number"), j->adapter->name);
			carrier_request_clear(&rq);
			return -1;
		}
	}
	bool ok = rq.url != NULL;
	for (int i = 0; ok && rq.headers[i]; i++) {
		struct curl_slist *h = curl_slist_append(j->headers, rq.headers[i]);
		ok = h != NULL;
		if (h)
			j->headers = h;
	}
	const char *extra[] = { "Accept: application/json",
				rq.body ? "Content-Type: application/json" : NULL };
	for (size_t i = 0; ok && i < sizeof extra / sizeof *extra && extra[i]; i++) {
		struct curl_slist *h = curl_slist_append(j->headers, extra[i]);
		ok = h != NULL;
		if (h)
			j->headers = h;
	}
	CURL *e = ok ? curl_easy_init() : NULL;
	ok = e != NULL;
	j->easy = e;
	long low_speed_s = c->total_timeout_ms / 3000;
	if (low_speed_s < 1)
		low_speed_s = 1;
	if (ok) {
		SETOPT(e, CURLOPT_URL, rq.url);
		SETOPT(e, CURLOPT_PRIVATE, (void *)j);
		SETOPT(e, CURLOPT_NOSIGNAL, 1L);
		SETOPT(e, CURLOPT_PROTOCOLS_STR, "https,http");
		SETOPT(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
		SETOPT(e, CURLOPT_FOLLOWLOCATION, 0L);
		SETOPT(e, CURLOPT_SSL_VERIFYPEER, 1L);
		SETOPT(e, CURLOPT_SSL_VERIFYHOST, 2L);
		SETOPT(e, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
		SETOPT(e, CURLOPT_TIMEOUT_MS, c->total_timeout_ms);
		SETOPT(e, CURLOPT_LOW_SPEED_LIMIT, (long)LOW_SPEED_BYTES);
		SETOPT(e, CURLOPT_LOW_SPEED_TIME, low_speed_s);
		SETOPT(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)CARRIER_BODY_MAX);
		SETOPT(e, CURLOPT_HTTPHEADER, j->headers);
		SETOPT(e, CURLOPT_USERAGENT, "backdesk/" BACKDESK_VERSION);
		SETOPT(e, CURLOPT_WRITEFUNCTION, write_cb);
		SETOPT(e, CURLOPT_WRITEDATA, (void *)j);
		SETOPT(e, CURLOPT_HEADERFUNCTION, header_cb);
		SETOPT(e, CURLOPT_HEADERDATA, (void *)j);
		SETOPT(e, CURLOPT_ERRORBUFFER, j->errbuf);
		if (c->ca_file)
			SETOPT(e, CURLOPT_CAINFO, c->ca_file);
		if (rq.body) {
			j->post = rq.body;
			rq.body = NULL;
			SETOPT(e, CURLOPT_POSTFIELDS, j->post);
		}
	}
	carrier_request_clear(&rq);
	if (ok && curl_multi_add_handle(c->multi, e) != CURLM_OK)
		ok = false;
	if (!ok) {
		if (!j->creating)
			carrier_result_fail(&j->r, CARRIER_NETWORK, _("could not start a request to %s"),
					    j->adapter->name);
		j->creating = false;
		return -1;
	}
	if (!j->creating)
		j->tries++;
	j->started_ms = now_ms();
	j->next = c->flying;
	c->flying = j;
	c->inflight++;
	return 0;
}

static bool json_type(const char *ct)
{
	/* application/json, application/problem+json, ...; a missing one is let through. */
	if (ct[0] == '\0')
		return true;
	char low[sizeof ((struct job *)0)->content_type];
	size_t i = 0;
	for (; ct[i] && i < sizeof low - 1; i++)
		low[i] = (char)(ct[i] >= 'A' && ct[i] <= 'Z' ? ct[i] - 'A' + 'a' : ct[i]);
	low[i] = '\0';
	return strstr(low, "json") != NULL;
}

/* Reads the finished try into j->r.  Returns the milliseconds to wait before the
 * next try, or -1 when the lookup is over. */
static long try_finish(struct carrier_client *c, struct job *j, CURLcode rc)
{
	const char *svc = j->adapter->name;
	long http = 0;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &http);
	carrier_result_clear(&j->r);
	j->r.http_status = (int)http;
	bool retry = false;
	if (rc == CURLE_OK) {
		if (http >= 200 && http < 300 && !json_type(j->content_type)) {
			carrier_result_fail(&j->r, CARRIER_MALFORMED,
					    _("%s answered with %s, not JSON"), svc, j->content_type);
		} else {
			j->adapter->parse((int)http, j->body ? j->body : "", j->len, &j->r);
			if (http == 429 && j->r.outcome == CARRIER_OK)
				carrier_result_fail(&j->r, CARRIER_RATE_LIMITED, "%s", "");
			else if (http >= 500 && j->r.outcome == CARRIER_OK)
				carrier_result_fail(&j->r, CARRIER_SERVER, "%s", "");
			if (http == 429 && (!j->r.error || !j->r.error[0]))
				carrier_result_fail(&j->r, CARRIER_RATE_LIMITED,
						    _("%s says too many requests (HTTP 429)"), svc);
			else if (http >= 500 && (!j->r.error || !j->r.error[0]))
				carrier_result_fail(&j->r, CARRIER_SERVER,
						    _("%s had an error of its own (HTTP %ld)"), svc, http);
			else if (j->r.outcome != CARRIER_OK && (!j->r.error || !j->r.error[0]))
				carrier_result_fail(&j->r, j->r.outcome, _("%s answered HTTP %ld"),
						    svc, http);
			retry = http == 429 || http >= 500;
		}
	} else if (j->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		carrier_result_fail(&j->r, CARRIER_TOO_BIG,
				    _("the answer from %s was larger than %d KB"), svc,
				    CARRIER_BODY_MAX / 1024);
	} else if (rc == CURLE_OPERATION_TIMEDOUT) {
		long long took = now_ms() - j->started_ms;
		if (strncmp(j->errbuf, "Operation too slow", 18) == 0 ||
		    took + 200 < c->total_timeout_ms)
			carrier_result_fail(&j->r, CARRIER_TIMEOUT,
					    _("the answer from %s came too slowly"), svc);
		else
			carrier_result_fail(&j->r, CARRIER_TIMEOUT, _("no answer from %s within %ld s"),
					    svc, (c->total_timeout_ms + 999) / 1000);
		retry = true;
	} else {
		const char *why = j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc);
		carrier_result_fail(&j->r, CARRIER_NETWORK, _("could not reach %s: %s"), svc, why);
		switch (rc) {
		case CURLE_COULDNT_CONNECT:
		case CURLE_COULDNT_RESOLVE_HOST:
		case CURLE_COULDNT_RESOLVE_PROXY:
		case CURLE_GOT_NOTHING:
		case CURLE_SEND_ERROR:
		case CURLE_RECV_ERROR:
		case CURLE_PARTIAL_FILE:
		case CURLE_SSL_CONNECT_ERROR:
			retry = true;
			break;
		default: /* TLS verification, a bad URL: asking again changes nothing */
			break;
		}
	}
	j->r.http_status = (int)http; /* carrier_result_fail() leaves it, parse may not */
	j->r.tries = j->tries;
	if (!retry || j->tries >= MAX_TRIES)
		return -1;
	long wait_ms;
	if (j->retry_after_s >= 0) {
		wait_ms = (long)j->retry_after_s * 1000;
		if (wait_ms > RETRY_AFTER_MAX_MS)
			return -1;
		if (http == 429) {
			long long until = now_ms() + wait_ms;
			if (until > j->svc->paused_until_ms)
				j->svc->paused_until_ms = until;
		}
	} else {
		/* Half to all of base * 2^(tries-1): lookups that failed together spread out. */
		double full = (double)(BACKOFF_BASE_MS << (j->tries - 1));
		wait_ms = (long)(full * (0.5 + 0.5 * rnd01(c)));
	}
	return wait_ms;
}

/* The answer to the request that makes the service follow the number: 0 to ask
 * about it again now, -1 when the lookup ends not found (saying why). */
static long create_finish(struct job *j, CURLcode rc)
{
	struct carrier_result cr;
	long http = 0;

	j->creating = false;
	carrier_result_init(&cr);
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &http);
	if (rc == CURLE_OK)
		j->adapter->parse_create((int)http, j->body ? j->body : "", j->len, &cr);
	else
		carrier_result_fail(&cr, CARRIER_NETWORK, "%s", j->errbuf[0] ? j->errbuf : curl_easy_strerror(rc));
	if (cr.outcome == CARRIER_OK) {
		carrier_result_clear(&cr);
		return 0;
	}
	carrier_result_fail(&j->r, CARRIER_NOT_FOUND,
			    _("%s does not follow this tracking number, and would not start to: %s"),
			    j->adapter->name, cr.error ? cr.error : "");
	carrier_result_clear(&cr);
	return -1;
}

/* ---- the queue ---- */

static struct service *service_for(struct carrier_client *c, const struct carrier_adapter *a)
{
	for (struct service *s = c->services; s; s = s->next)
		if (s->adapter == a)
			return s;
	struct service *s = xcalloc(1, sizeof *s);
	s->adapter = a;
	s->tokens = a->burst > 0 ? a->burst : 1;
	s->refilled_ms = now_ms();
	s->next = c->services;
	c->services = s;
	return s;
}

/* 0 when the service may send now (and takes a token), else when it may. */
static long long service_take(struct service *s, long long now)
{
	if (now < s->paused_until_ms)
		return s->paused_until_ms;
	double burst = s->adapter->burst > 0 ? s->adapter->burst : 1;
	double rate = s->adapter->per_second > 0 ? s->adapter->per_second : 1;
	s->tokens += (double)(now - s->refilled_ms) * rate / 1000.0;
	if (s->tokens > burst)
		s->tokens = burst;
	s->refilled_ms = now;
	if (s->tokens >= 1.0) {
		s->tokens -= 1.0;
		return 0;
	}
	return now + (long long)((1.0 - s->tokens) * 1000.0 / rate) + 1;
}

/* Answers the jobs on c->delivering, one at a time: a done callback may queue more
 * lookups or forget some, even of those still on this list. */
static void deliver_all(struct carrier_client *c)
{
	struct job *j;
	while ((j = c->delivering)) {
		c->delivering = j->next;
		if (!j->forgotten)
			j->done(j->carrier, j->number, &j->r, j->arg);
		job_free(j);
	}
}

static void to_deliver(struct job *j, struct job ***tail)
{
	j->next = NULL;
	**tail = j;
	*tail = &j->next;
}

static void pump(struct carrier_client *c)
{
	if (c->pumping)
		return;
	c->pumping = true;
	long long now = now_ms(), next = 0;
	struct job **dtail = &c->delivering;
	while (*dtail)
		dtail = &(*dtail)->next;
	struct job *prev = NULL, *j = c->queue;
	/* What each service said this round (a lookup behind a busy one must not take
	 * a token the first could not get). */
	while (j) {
		struct job *after = j->next;
		bool start = false, answer = false;
		long long when = 0;
		if (!j->adapter) {
			answer = true;
		} else if (j->not_before_ms > now) {
			when = j->not_before_ms;
		} else if (c->inflight < (size_t)c->concurrency) {
			when = service_take(j->svc, now);
			start = when == 0;
		}
		if (start || answer) {
			if (prev)
				prev->next = after;
			else
				c->queue = after;
			if (c->queue_tail == j)
				c->queue_tail = prev;
			c->queued--;
			j->next = NULL;
			if (answer || try_start(c, j) != 0) {
				j->r.tries = j->tries;
				to_deliver(j, &dtail);
			}
		} else {
			if (when && (!next || when < next))
				next = when;
			prev = j;
		}
		j = after;
	}
	c->pumping = false;
	if (next)
		schedule_pump(c, next);
	deliver_all(c);
}

static void on_wake(void *arg)
{
	struct carrier_client *c = arg;
	c->wake_timer = 0;
	c->wake_at_ms = 0;
	pump(c);
}

static void schedule_pump(struct carrier_client *c, long long at_ms)
{
	if (c->wake_timer && c->wake_at_ms <= at_ms)
		return;
	if (c->wake_timer)
		c->loop.cancel(c->loop.loop, c->wake_timer);
	long long d = at_ms - now_ms();
	c->wake_timer = c->loop.timer(c->loop.loop, d > 0 ? (long)d : 0, on_wake, c);
	c->wake_at_ms = c->wake_timer ? at_ms : 0;
}

static void check_done(struct carrier_client *c)
{
	CURLMsg *m;
	int left;
	bool freed = false;
	struct job **dtail = &c->delivering;
	while (*dtail)
		dtail = &(*dtail)->next;
	while ((m = curl_multi_info_read(c->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		CURL *e = m->easy_handle;
		CURLcode rc = m->data.result;
		struct job *j = NULL;
		curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&j);
		curl_multi_remove_handle(c->multi, e);
		for (struct job **p = &c->flying; *p; p = &(*p)->next)
			if (*p == j) {
				*p = j->next;
				break;
			}
		c->inflight--;
		freed = true;
		long wait_ms;
		if (j->creating) {
			wait_ms = create_finish(j, rc);
		} else {
			wait_ms = try_finish(c, j, rc);
			if (wait_ms < 0 && j->r.outcome == CARRIER_NOT_FOUND && j->adapter->build_create &&
			    j->adapter->parse_create && !j->created && !j->forgotten && j->tries < MAX_TRIES) {
				/* Told to follow it once, then asked again. */
				j->creating = j->created = true;
				wait_ms = 0;
			}
		}
		curl_easy_cleanup(j->easy);
		j->easy = NULL;
		if (wait_ms >= 0 && !j->forgotten) {
			j->not_before_ms = now_ms() + wait_ms;
			enqueue(c, j);
		} else {
			to_deliver(j, &dtail);
		}
	}
	if (freed)
		schedule_pump(c, 0);
	deliver_all(c);
}

/* ---- the interface ---- */

struct carrier_client *carrier_client_new(const struct carrier_client_config *cfg,
					  const struct carrier_loop *loop, char **err)
{
	*err = NULL;
	CURLcode started = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (started != CURLE_OK) {
		/* net/curl_lazy.c: the reason the library could not be loaded. */
		*err = xasprintf(_("libcurl could not start: %s"), curl_easy_strerror(started));
		return NULL;
	}
	struct carrier_client *c = xcalloc(1, sizeof *c);
	c->loop = *loop;
	c->concurrency = cfg->concurrency > 0 ? cfg->concurrency : 8;
	c->connect_timeout_ms = cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : 5000;
	c->total_timeout_ms = cfg->total_timeout_ms > 0 ? cfg->total_timeout_ms : 15000;
	c->dhl = cfg->dhl;
	c->aftership = cfg->aftership;
	c->ca_file = cfg->ca_file ? xstrdup(cfg->ca_file) : NULL;
	c->adapter_for = cfg->adapter_for ? cfg->adapter_for : carrier_adapter_for;
	c->rng = (uint64_t)now_ms() * 0x9E3779B97F4A7C15ULL ^ (uint64_t)getpid();
	if (!c->rng)
		c->rng = 1;
	c->multi = curl_multi_init();
	bool ok = c->multi != NULL;
	ok = ok && curl_multi_setopt(c->multi, CURLMOPT_SOCKETFUNCTION, socket_cb) == CURLM_OK;
	ok = ok && curl_multi_setopt(c->multi, CURLMOPT_SOCKETDATA, (void *)c) == CURLM_OK;
	ok = ok && curl_multi_setopt(c->multi, CURLMOPT_TIMERFUNCTION, timer_cb) == CURLM_OK;
	ok = ok && curl_multi_setopt(c->multi, CURLMOPT_TIMERDATA, (void *)c) == CURLM_OK;
	ok = ok && curl_multi_setopt(c->multi, CURLMOPT_MAXCONNECTS, (long)c->concurrency * 2) ==
			   CURLM_OK;
	if (!ok) {
		*err = xasprintf(_("libcurl could not start: %s"), curl_easy_strerror(CURLE_FAILED_INIT));
		carrier_client_free(c);
		return NULL;
	}
	return c;
}

void carrier_client_free(struct carrier_client *c)
{
	if (!c)
		return;
	if (c->wake_timer)
		c->loop.cancel(c->loop.loop, c->wake_timer);
	while (c->queue) {
		struct job *j = c->queue;
		c->queue = j->next;
		job_free(j);
	}
	while (c->delivering) {
		struct job *j = c->delivering;
		c->delivering = j->next;
		job_free(j);
	}
	while (c->flying) {
		struct job *j = c->flying;
		c->flying = j->next;
		curl_multi_remove_handle(c->multi, j->easy);
		job_free(j);
	}
	if (c->multi) {
		curl_multi_setopt(c->multi, CURLMOPT_TIMERFUNCTION, NULL);
		curl_multi_setopt(c->multi, CURLMOPT_SOCKETFUNCTION, NULL);
		curl_multi_cleanup(c->multi);
	}
	if (c->curl_timer)
		c->loop.cancel(c->loop.loop, c->curl_timer);
	for (size_t i = 0; i < c->nfds; i++)
		c->loop.watch(c->loop.loop, c->fds[i], 0, NULL, NULL);
	free(c->fds);
	while (c->services) {
		struct service *s = c->services;
		c->services = s->next;
		free(s);
	}
	free(c->ca_file);
	free(c);
	curl_global_cleanup();
}

int carrier_client_track(struct carrier_client *c, const char *carrier, const char *number,
			 carrier_done_fn done, void *arg)
{
	struct job *j = calloc(1, sizeof *j);
	if (!j)
		return -1;
	j->carrier = strdup(carrier);
	j->number = strdup(number);
	if (!j->carrier || !j->number) {
		job_free(j);
		return -1;
	}
	j->done = done;
	j->arg = arg;
	j->retry_after_s = -1;
	carrier_result_init(&j->r);
	const struct carrier_adapter *a = c->adapter_for(carrier);
	const struct carrier_account *acct = a ? account_of(c, a) : NULL;
	if (!a)
		carrier_result_fail(&j->r, CARRIER_NOT_SET_UP,
				    _("no tracking service covers the carrier %s"), carrier);
	else if (!acct || !acct->base_url || !acct->base_url[0])
		carrier_result_fail(&j->r, CARRIER_NOT_SET_UP,
				    _("the tracking service %s is not set up"), a->name);
	else {
		j->adapter = a;
		j->svc = service_for(c, a);
	}
	enqueue(c, j);
	schedule_pump(c, 0);
	return 0;
}

size_t carrier_client_pending(const struct carrier_client *c)
{
	return c->queued + c->inflight;
}

void carrier_client_forget(struct carrier_client *c, void *arg)
{
	struct job *prev = NULL, *j = c->queue;
	while (j) {
		struct job *after = j->next;
		if (j->arg == arg) {
			if (prev)
				prev->next = after;
			else
				c->queue = after;
			if (c->queue_tail == j)
				c->queue_tail = prev;
			c->queued--;
			job_free(j);
		} else {
			prev = j;
		}
		j = after;
	}
	for (j = c->flying; j; j = j->next)
		if (j->arg == arg)
			j->forgotten = true;
	for (j = c->delivering; j; j = j->next)
		if (j->arg == arg)
			j->forgotten = true;
}
