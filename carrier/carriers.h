#ifndef BACKDESK_CARRIER_CARRIERS_H
#define BACKDESK_CARRIER_CARRIERS_H
/* The carriers backdesk knows and what their tracking numbers look like.  The code
 * is what shipments.carrier stores and what the database's backdesk.tracking_url
 * (the one source of the public tracking pages) understands; tests/unit/
 * test_carrier.c keeps this list and that function naming the same carriers. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum carrier_id {
	CARRIER_YURTICI, CARRIER_ARAS, CARRIER_MNG, CARRIER_PTT, CARRIER_DHL, CARRIER_UPS,
	CARRIER_FEDEX, CARRIER_MPL, CARRIER_GLS, CARRIER_N
};

/* Room for any tracking number (shipments.tracking_no holds at most 40). */
enum { CARRIER_TRACKING_MAX = 41 };

struct carrier {
	const char *code;   /* "yurtici": shipments.carrier, backdesk.tracking_url */
	const char *name;   /* "Yurtiçi Kargo", as people write it */
	const char *shape;  /* what its numbers look like, for a refusal; translate with _() */
	bool checked;       /* the validator checks a published check digit */
	uint64_t examples;  /* carrier_tracking_example() takes serials below this */
};

const struct carrier *carrier_get(enum carrier_id id);

/* The carrier with this code, or -1 for one backdesk does not know. */
int carrier_by_code(const char *code);

/* Whether number (as stored: capital letters, no spaces) has the carrier's shape
 * and, where the carrier publishes one, the right check digit. */
bool carrier_tracking_valid(enum carrier_id id, const char *number);

/* A number that carrier_tracking_valid() accepts, made from serial (below
 * ->examples), for generated data and tests.  Different serials give different
 * numbers, and no two carriers' examples are ever the same number.  Returns false
 * (out untouched) when serial is out of range or len is too small. */
bool carrier_tracking_example(enum carrier_id id, uint64_t serial, char *out, size_t len);

#endif
