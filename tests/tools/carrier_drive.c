/* carrier_drive: runs lookups through carrier/client.c inside tui/loop, for
 * tests/shell/carrier_client.t and tests/bench/carriers.sh.  Its own adapter
 * (named "aftership", so it takes that account) asks the fake carrier server in
 * AfterShip's URL shape and reads only the HTTP status and whether the body is a
 * JSON object: the client is tested here, the real parsers in tests/unit.
 *
 *   carrier_drive --base URL [--ca FILE] [--concurrency N] [--rate R] [--burst B]
 *                 [--timeout-ms T] [--connect-ms T] [--serial] [--forget-odd]
 *                 [--real] [--deadline-ms T] NUMBER... | -   (numbers on stdin)
 *
 * A NUMBER may be CARRIER:NUMBER (default carrier yurtici).  One line per answer:
 *   RESULT NUMBER OUTCOME http=N tries=N ms=N status=S events=N error=...
 * --real uses the adapters backdesk has (carrier_adapter_for), both accounts at --base.
 * then   SUMMARY n=N ms=N maxgap=N ticks=N
 * where maxgap is the longest wait between two runs of a 10 ms timer while lookups
 * were pending: how responsive the loop stayed. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carrier/client.h"
#include "common/xalloc.h"
#include "tui/loop.h"

static double opt_rate = 1000, opt_burst = 1000;

static int build(const struct carrier_account *acct, const char *carrier, const char *number,
		 struct carrier_request *rq, struct carrier_result *r)
{
	(void)r;
	rq->url = xasprintf("%s/tracking/2024-04/trackings/%s/%s", acct->base_url, carrier, number);
	rq->headers[0] = xasprintf("as-api-key: %s", acct->api_key ? acct->api_key : "");
	return 0;
}

static void parse(int http, const char *body, size_t len, struct carrier_result *r)
{
	if (http == 404)
		carrier_result_fail(r, CARRIER_NOT_FOUND, "not found");
	else if (http == 401 || http == 403)
		carrier_result_fail(r, CARRIER_AUTH, "auth");
	else if (http == 429)
		carrier_result_fail(r, CARRIER_RATE_LIMITED, "too many requests");
	else if (http >= 500)
		carrier_result_fail(r, CARRIER_SERVER, "server error %d", http);
	else if (http < 200 || http >= 300)
		carrier_result_fail(r, CARRIER_BAD_REQUEST, "HTTP %d", http);
	else {
		json_error_t e;
		json_t *doc = json_loadb(body, len, 0, &e);
		if (!json_is_object(doc))
			carrier_result_fail(r, CARRIER_MALFORMED, "the answer was not a JSON object (%s)",
					    doc ? "not an object" : e.text);
		else {
			r->outcome = CARRIER_OK;
			r->status = CS_IN_TRANSIT;
		}
		json_decref(doc);
	}
}

static struct carrier_adapter test_adapter = {
	.name = "aftership", .per_second = 1000, .burst = 1000, .build = build, .parse = parse,
};

static const struct carrier_adapter *test_adapter_for(const char *carrier)
{
	(void)carrier;
	return &test_adapter;
}

static const char *outcome_name(enum carrier_outcome o)
{
	static const char *const names[] = {
		"OK", "NOT_FOUND", "AUTH", "BAD_REQUEST", "RATE_LIMITED", "SERVER",
		"TIMEOUT", "NETWORK", "MALFORMED", "TOO_BIG", "NOT_SET_UP",
	};
	return (unsigned)o < sizeof names / sizeof *names ? names[o] : "?";
}

static struct tui_loop *loop;
static struct carrier_client *client;
static char **numbers;
static size_t nnumbers, next_number, answered;
static int serial;
static long long t0, last_tick, maxgap;
static long ticks;
static int odd_arg, even_arg;

static int lw(void *l, int fd, int events, void (*fn)(int, int, void *), void *arg)
{
	return tui_loop_watch(l, fd, events, fn, arg);
}
static unsigned long lt(void *l, long ms, void (*fn)(void *), void *arg)
{
	return tui_loop_timer(l, ms, fn, arg);
}
static void lc(void *l, unsigned long id)
{
	tui_loop_remove(l, id);
}

static void queue_next(void);

static void done(const char *carrier, const char *number, const struct carrier_result *r, void *arg)
{
	(void)carrier;
	(void)arg;
	printf("RESULT %s %s http=%d tries=%d ms=%lld status=%s events=%zu error=%s\n", number,
	       outcome_name(r->outcome), r->http_status, r->tries, tui_loop_now() - t0,
	       r->outcome == CARRIER_OK ? carrier_status_code(r->status) : "-", r->nevents,
	       r->error ? r->error : "");
	answered++;
	if (serial)
		queue_next();
	if (carrier_client_pending(client) == 0 && next_number >= nnumbers)
		tui_loop_quit(loop, 0);
}

static void queue_one(size_t i)
{
	char *s = numbers[i], *colon = strchr(s, ':');
	const char *carrier = "yurtici", *number = s;
	char buf[64];
	if (colon) {
		snprintf(buf, sizeof buf, "%.*s", (int)(colon - s), s);
		carrier = buf;
		number = colon + 1;
	}
	if (carrier_client_track(client, carrier, number, done, i % 2 ? &odd_arg : &even_arg) != 0) {
		fprintf(stderr, "carrier_drive: could not queue %s\n", s);
		exit(2);
	}
}

static void queue_next(void)
{
	if (next_number < nnumbers)
		queue_one(next_number++);
}

static void tick(void *arg)
{
	(void)arg;
	long long now = tui_loop_now();
	if (last_tick && now - last_tick > maxgap)
		maxgap = now - last_tick;
	last_tick = now;
	ticks++;
}

static void deadline(void *arg)
{
	(void)arg;
	fprintf(stderr, "carrier_drive: deadline passed with %zu lookups pending\n",
		carrier_client_pending(client));
	tui_loop_quit(loop, 3);
}

static void start(void *arg)
{
	int forget_odd = *(int *)arg;
	t0 = tui_loop_now();
	if (serial)
		queue_next();
	else
		while (next_number < nnumbers)
			queue_next();
	if (forget_odd)
		carrier_client_forget(client, &odd_arg);
	if (carrier_client_pending(client) == 0)
		tui_loop_quit(loop, 0);
}

int main(int argc, char **argv)
{
	struct carrier_client_config cfg = { .concurrency = 8 };
	long deadline_ms = 120000;
	int forget_odd = 0, real = 0, stdin_numbers = 0;
	cfg.adapter_for = test_adapter_for;
	cfg.aftership.api_key = cfg.dhl.api_key = "test-key";
	numbers = xcalloc((size_t)argc, sizeof *numbers);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
#define VAL (v ? (i++, v) : (fprintf(stderr, "carrier_drive: %s needs a value\n", a), exit(2), ""))
		if (!strcmp(a, "--base")) {
			const char *b = VAL;
			cfg.aftership.base_url = cfg.dhl.base_url = b;
		} else if (!strcmp(a, "--ca"))
			cfg.ca_file = VAL;
		else if (!strcmp(a, "--concurrency"))
			cfg.concurrency = atoi(VAL);
		else if (!strcmp(a, "--rate"))
			opt_rate = atof(VAL);
		else if (!strcmp(a, "--burst"))
			opt_burst = atof(VAL);
		else if (!strcmp(a, "--timeout-ms"))
			cfg.total_timeout_ms = atol(VAL);
		else if (!strcmp(a, "--connect-ms"))
			cfg.connect_timeout_ms = atol(VAL);
		else if (!strcmp(a, "--deadline-ms"))
			deadline_ms = atol(VAL);
		else if (!strcmp(a, "--serial"))
			serial = 1;
		else if (!strcmp(a, "--forget-odd"))
			forget_odd = 1;
		else if (!strcmp(a, "--real"))
			real = 1;
		else if (!strcmp(a, "-"))
			stdin_numbers = 1;
		else if (a[0] == '-') {
			fprintf(stderr, "carrier_drive: unknown option %s\n", a);
			return 2;
		} else
			numbers[nnumbers++] = xstrdup(a);
#undef VAL
	}
	if (stdin_numbers) {
		char line[256];
		size_t cap = (size_t)argc;
		while (fgets(line, sizeof line, stdin)) {
			line[strcspn(line, "\r\n")] = '\0';
			if (!line[0])
				continue;
			numbers = xgrow(numbers, &cap, nnumbers + 1, sizeof *numbers);
			numbers[nnumbers++] = xstrdup(line);
		}
	}
	test_adapter.per_second = opt_rate;
	test_adapter.burst = (int)opt_burst;
	if (real)
		cfg.adapter_for = NULL;
	setvbuf(stdout, NULL, _IOLBF, 0);

	loop = tui_loop_new();
	if (!loop) {
		fprintf(stderr, "carrier_drive: no loop\n");
		return 2;
	}
	struct carrier_loop cl = { .loop = loop, .watch = lw, .timer = lt, .cancel = lc };
	char *err = NULL;
	client = carrier_client_new(&cfg, &cl, &err);
	if (!client) {
		fprintf(stderr, "carrier_drive: %s\n", err ? err : "no client");
		free(err);
		return 2;
	}
	(void)tui_loop_every(loop, 10, tick, NULL);
	(void)tui_loop_bg_timer(loop, deadline_ms, deadline, NULL);
	(void)tui_loop_timer(loop, 0, start, &forget_odd);
	int rc = tui_loop_run(loop);
	printf("SUMMARY n=%zu ms=%lld maxgap=%lld ticks=%ld\n", answered, tui_loop_now() - t0, maxgap,
	       ticks);
	carrier_client_free(client);
	tui_loop_free(loop);
	for (size_t i = 0; i < nnumbers; i++)
		free(numbers[i]);
	free(numbers);
	return rc;
}
