#ifndef BACKDESK_CARRIER_CLIENT_H
#define BACKDESK_CARRIER_CLIENT_H
/* Every carrier lookup through one libcurl multi handle, inside somebody else's
 * poll() loop: the console's (tui/loop.h) or the `backdesk track` command's.  The
 * client never blocks: it asks the loop to watch curl's sockets and to call it
 * back at curl's time-outs.
 *
 * Per lookup: connect time-out 5 s, whole request 15 s, a low-speed cut for a body
 * that drips, bodies capped (CARRIER_BODY_MAX), TLS always verified, no signals.
 * Retries only time-outs, connection failures, 429 and 5xx, at most three tries in
 * all, after Retry-After (seconds or an HTTP date) or a jittered back-off.  At most
 * `concurrency` requests in flight; each service has its own token bucket
 * (adapter->per_second, adapter->burst). */
#include <stddef.h>

#include "carrier/adapter.h"

enum { CARRIER_BODY_MAX = 1 << 20 };

/* How the client borrows a loop; events as tui/loop.h's (1 in, 2 out; 0 removes). */
struct carrier_loop {
	void *loop;
	int (*watch)(void *loop, int fd, int events, void (*fn)(int fd, int revents, void *arg),
		     void *arg);
	unsigned long (*timer)(void *loop, long ms, void (*fn)(void *arg), void *arg);
	void (*cancel)(void *loop, unsigned long timer_id);
};

struct carrier_client_config {
	int concurrency;          /* > 0; default 8 */
	long connect_timeout_ms;  /* default 5000 */
	long total_timeout_ms;    /* default 15000 */
	/* Per service, by adapter name: NULL base_url means not set up. */
	struct carrier_account dhl, aftership;
	/* Tests only: a CA file for the fake's TLS, or NULL for the system's. */
	const char *ca_file;
	/* Tests only: which adapter tracks a carrier; NULL means carrier_adapter_for.
	 * The adapter's account is the one its name picks (dhl or aftership). */
	const struct carrier_adapter *(*adapter_for)(const char *carrier);
};

struct carrier_client;

/* NULL (with *err, caller frees) when curl cannot start. */
struct carrier_client *carrier_client_new(const struct carrier_client_config *cfg,
					  const struct carrier_loop *loop, char **err);
/* Abandons what is in flight without calling anybody back. */
void carrier_client_free(struct carrier_client *c);

/* Called once per lookup, from inside the loop, with the final result (after the
 * retries); r is the client's, valid during the call only.  It may queue or forget
 * lookups, but not free the client. */
typedef void (*carrier_done_fn)(const char *carrier, const char *number,
				const struct carrier_result *r, void *arg);

/* Queues a lookup; it starts when the concurrency cap and the service's bucket
 * allow.  Returns 0, or -1 when it could not even be queued (out of memory): then
 * done is not called.  A carrier that no service covers, or a service that is not
 * set up, still calls done (CARRIER_NOT_SET_UP) from the loop, never from here. */
int carrier_client_track(struct carrier_client *c, const char *carrier, const char *number,
			 carrier_done_fn done, void *arg);
/* Lookups queued or in flight. */
size_t carrier_client_pending(const struct carrier_client *c);
/* Drops every queued lookup whose arg is arg (a screen that goes away), without
 * calling it back; those in flight finish and are dropped unseen. */
void carrier_client_forget(struct carrier_client *c, void *arg);

#endif
