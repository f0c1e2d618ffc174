/* PROVISIONAL, for branch i14-client only: the few carrier/track.h and adapter.h
 * functions the client links against, until part parse's carrier/track.c and
 * carrier/adapters.c are merged.  The lead deletes this file at that merge. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "carrier/adapter.h"
#include "carrier/track.h"
#include "common/xalloc.h"

void carrier_result_init(struct carrier_result *r)
{
	memset(r, 0, sizeof *r);
}

void carrier_result_clear(struct carrier_result *r)
{
	free(r->error);
	free(r->code);
	free(r->text);
	for (size_t i = 0; i < r->nevents; i++) {
		free(r->events[i].code);
		free(r->events[i].text);
		free(r->events[i].location);
	}
	free(r->events);
	carrier_result_init(r);
}

void carrier_result_fail(struct carrier_result *r, enum carrier_outcome outcome, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *e = xvasprintf(fmt, ap);
	va_end(ap);
	free(r->error);
	r->error = e;
	r->outcome = outcome;
}

void carrier_request_clear(struct carrier_request *rq)
{
	free(rq->url);
	for (int i = 0; i < CARRIER_MAX_HEADERS + 1; i++)
		free(rq->headers[i]);
	free(rq->body);
	memset(rq, 0, sizeof *rq);
}

const char *carrier_status_code(enum carrier_status s)
{
	static const char *const codes[CS_N] = {
		"UNKNOWN", "PRE_TRANSIT", "IN_TRANSIT", "OUT_FOR_DELIVERY", "AVAILABLE_FOR_PICKUP",
		"DELIVERY_ATTEMPTED", "DELIVERED", "EXCEPTION", "RETURNING", "RETURNED",
		"CANCELLED", "EXPIRED",
	};
	return (unsigned)s < CS_N ? codes[s] : "UNKNOWN";
}

const struct carrier_adapter *carrier_adapter_for(const char *carrier)
{
	(void)carrier;
	return NULL;
}

/* Part parse writes the real one; nothing here reaches it while carrier_adapter_for
 * answers NULL (no lookup ends OK), so the stand-in only has to link. */
char *carrier_result_json(const struct carrier_result *r)
{
	(void)r;
	return NULL;
}
