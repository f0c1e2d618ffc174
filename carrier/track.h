#ifndef BACKDESK_CARRIER_TRACK_H
#define BACKDESK_CARRIER_TRACK_H
/* What a carrier said about one parcel, the same whichever carrier said it: the
 * normalized status (the words backdesk.shipments.status stores), the carrier's
 * own code and text beside it, the promised day and the events.  Adapters fill
 * it (carrier/adapter.h); carrier_result_json() turns it into the document
 * api.record_tracking takes.  No curl and no ncurses here, so the parsers can be
 * fuzzed and tested alone. */
#include <stdbool.h>
#include <stddef.h>

enum carrier_status {
	CS_UNKNOWN, CS_PRE_TRANSIT, CS_IN_TRANSIT, CS_OUT_FOR_DELIVERY, CS_AVAILABLE_FOR_PICKUP,
	CS_DELIVERY_ATTEMPTED, CS_DELIVERED, CS_EXCEPTION, CS_RETURNING, CS_RETURNED,
	CS_CANCELLED, CS_EXPIRED, CS_N
};

/* "IN_TRANSIT": as the database stores it. */
const char *carrier_status_code(enum carrier_status s);
/* CS_N when code is none of them. */
enum carrier_status carrier_status_from_code(const char *code);
/* Delivered, returned, cancelled, expired: nobody asks about it again. */
bool carrier_status_final(enum carrier_status s);

/* How a lookup ended.  Only CARRIER_OK carries a status and events. */
enum carrier_outcome {
	CARRIER_OK,
	CARRIER_NOT_FOUND,    /* the carrier does not know the number (yet) */
	CARRIER_AUTH,         /* 401/403: the API key is wrong or missing */
	CARRIER_BAD_REQUEST,  /* 400 and other 4xx: never retried */
	CARRIER_RATE_LIMITED, /* 429 after the last try */
	CARRIER_SERVER,       /* 5xx after the last try */
	CARRIER_TIMEOUT,      /* connect or whole-request time-out, or a hang */
	CARRIER_NETWORK,      /* refused, reset, DNS, TLS */
	CARRIER_MALFORMED,    /* not the JSON the carrier documents, or the wrong type */
	CARRIER_TOO_BIG,      /* the body passed the cap */
	CARRIER_NOT_SET_UP,   /* no adapter, base URL or key for this carrier */
};

struct carrier_event {
	char at[32];      /* ISO 8601 in UTC, "2026-11-27T09:05:00Z"; a time without a
			   * zone is read in the carrier's zone (Europe/Istanbul for
			   * Turkish carriers, else UTC) */
	enum carrier_status status;
	char *code;       /* the carrier's own code ("transit", "InTransit_003"); "" if none */
	char *text;       /* the carrier's own words; "" if none */
	char *location;   /* "" if none */
};

struct carrier_result {
	enum carrier_outcome outcome;
	char *error;        /* outcome != OK: a sentence for people, translated, saying
			     * what failed ("the carrier's answer was not JSON") */
	int http_status;    /* of the last try; 0 when none came */
	int tries;          /* how many requests this lookup took */
	enum carrier_status status;
	char *code, *text;  /* the latest status in the carrier's own code and words */
	char expected[11];  /* promised delivery day YYYY-MM-DD, or "" */
	struct carrier_event *events; /* newest first, deduplicated by (at, code, location) */
	size_t nevents;
};

void carrier_result_init(struct carrier_result *r);
/* Frees what r owns and leaves it as carrier_result_init() made it. */
void carrier_result_clear(struct carrier_result *r);
/* Sets outcome and a printf-made error (replacing any). */
void carrier_result_fail(struct carrier_result *r, enum carrier_outcome outcome, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---------------------------------------------------------------------------
 * For the adapters: what every carrier's answer needs, done once.
 * ------------------------------------------------------------------------- */

/* What the result keeps of a carrier's answer, so a chatty or hostile carrier
 * cannot grow a parcel's history without end (api.record_tracking refuses more). */
enum {
	CARRIER_EVENTS_MAX = 500,   /* the newest ones are kept */
	CARRIER_CODE_MAX = 64,      /* bytes of a code, cut on a UTF-8 character */
	CARRIER_TEXT_MAX = 500,     /* bytes of the carrier's words */
	CARRIER_LOCATION_MAX = 200, /* bytes of a place */
};

/* Where a time written without a zone was meant. */
enum carrier_zone { CARRIER_ZONE_UTC, CARRIER_ZONE_ISTANBUL };

/* Reads an ISO 8601 time of n bytes: "2026-11-27T12:05:00+03:00" (or +0300, +03),
 * "...Z", or no zone (then in zone); a space for the T, seconds and fractions
 * optional.  Writes it in UTC as "2026-11-27T09:05:00Z" to out.  Never looks at
 * the process's TZ.  false (out "") when s is not such a time. */
bool carrier_time_utc(const char *s, size_t n, enum carrier_zone zone, char out[32]);
/* The day a date or time of n bytes names, as written ("2026-11-29", or the day
 * part of a time: a promised day is the carrier's local day).  false (out "")
 * when it does not start with a real day. */
bool carrier_date(const char *s, size_t n, char out[11]);
/* A copy of s (NULL gives "") of at most max bytes, cut on a UTF-8 character. */
char *carrier_text(const char *s, size_t max);

/* Whether text (NULL: no) holds word, ignoring ASCII case: the carriers' own
 * words refine a coarse status ("transit" that is "out for delivery"). */
bool carrier_words(const char *text, const char *word);
/* Forgets what an earlier answer left in r (status, texts, events, error),
 * keeping http_status and tries: a parser starts with this. */
void carrier_result_reset(struct carrier_result *r);

/* Appends an event (copies the texts, capped as above). */
void carrier_result_add_event(struct carrier_result *r, const char *at, enum carrier_status status,
			      const char *code, const char *text, const char *location);
/* Puts the events newest first, drops repeats of (at, code, location) keeping
 * the first one given, and keeps the newest CARRIER_EVENTS_MAX. */
void carrier_result_sort_events(struct carrier_result *r);
/* Sets the latest status in the carrier's own code and words (copied, capped). */
void carrier_result_set_latest(struct carrier_result *r, enum carrier_status status, const char *code,
			       const char *text);

/* The document api.record_tracking takes (caller frees), for an OK result:
 * {"status":"IN_TRANSIT","code":"...","text":"...","expected_delivery":"YYYY-MM-DD"|null,
 *  "events":[{"at":"...Z","status":"...","code":"...","text":"...","location":"..."}]}
 * NULL when r is not OK or out of memory. */
char *carrier_result_json(const struct carrier_result *r);

#endif
