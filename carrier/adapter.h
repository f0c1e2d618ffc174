#ifndef BACKDESK_CARRIER_ADAPTER_H
#define BACKDESK_CARRIER_ADAPTER_H
/* One tracking service: how to ask it about a number and how to read its answer.
 * DHL's unified tracking and AfterShip first; UPS, FedEx or a Turkish carrier's
 * own API is one more file with one more of these.  build and parse are pure
 * (no I/O), so each parser has a libFuzzer target and unit tests of its own. */
#include <stddef.h>

#include "carrier/track.h"

enum { CARRIER_MAX_HEADERS = 4 };

/* What to send: the client adds time-outs, TLS and the body cap. */
struct carrier_request {
	char *url;                               /* owned */
	char *headers[CARRIER_MAX_HEADERS + 1];  /* "Name: value", owned, NULL-ended */
	char *body;                              /* NULL: GET; else POSTed as JSON */
};
void carrier_request_clear(struct carrier_request *rq);

/* Where a service is and the key it wants (from config; the key from a secret file). */
struct carrier_account {
	const char *base_url; /* "https://api-eu.dhl.com", no trailing slash needed */
	const char *api_key;
};

struct carrier_adapter {
	const char *name;   /* "dhl", "aftership": the config section [carrier.NAME] */
	/* The published rate limit, for the client's token bucket. */
	double per_second;
	int burst;
	/* carrier is backdesk's code ("yurtici"); number as stored.  0, or -1 with
	 * r->error set (CARRIER_NOT_SET_UP / CARRIER_BAD_REQUEST): e.g. a carrier this
	 * service does not cover. */
	int (*build)(const struct carrier_account *acct, const char *carrier, const char *number,
		     struct carrier_request *rq, struct carrier_result *r);
	/* Reads one answer of http_status (any: 200, 404, 429, 500...) into r.  Never
	 * trusts the body: any bytes, any length, no NUL needed.  Sets r->outcome. */
	void (*parse)(int http_status, const char *body, size_t len, struct carrier_result *r);
	/* Optional, for a service that answers only about the numbers it was told
	 * to follow (AfterShip's 4004): when parse ends CARRIER_NOT_FOUND, the
	 * client sends build_create's request once and, when parse_create leaves
	 * r CARRIER_OK (followed now, or already), asks again.  Pure, as above. */
	int (*build_create)(const struct carrier_account *acct, const char *carrier, const char *number,
			    struct carrier_request *rq, struct carrier_result *r);
	void (*parse_create)(int http_status, const char *body, size_t len, struct carrier_result *r);
};

extern const struct carrier_adapter carrier_dhl, carrier_aftership;

/* The adapter that tracks backdesk's carrier code ("dhl" → DHL's own API; the
 * Turkish carriers, UPS, FedEx, MPL and GLS → AfterShip), or NULL. */
const struct carrier_adapter *carrier_adapter_for(const char *carrier);
/* AfterShip's slug for a backdesk carrier code ("yurtici" → "yurtici-kargo"), or NULL. */
const char *carrier_aftership_slug(const char *carrier);

#endif
