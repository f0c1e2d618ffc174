/* What both fuzz targets check of a parse: the first byte picks the HTTP
 * status, the rest is the body, copied so nothing follows its last byte. */
#ifndef BACKDESK_FUZZ_CHECK_H
#define BACKDESK_FUZZ_CHECK_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carrier/adapter.h"
#include "carrier/track.h"

static void fuzz_parse(const struct carrier_adapter *a, const uint8_t *data, size_t size)
{
	static const int statuses[] = { 200, 200, 200, 200, 201, 204, 302, 400, 401, 403, 404, 429, 500, 503 };
	struct carrier_result r;
	int status = 200;
	char *body, *doc;

	if (size > 0) {
		status = statuses[data[0] % (sizeof statuses / sizeof statuses[0])];
		data++;
		size--;
	}
	body = malloc(size > 0 ? size : 1);
	if (body == NULL)
		return;
	if (size > 0)
		memcpy(body, data, size);
	carrier_result_init(&r);
	a->parse(status, body, size, &r);
	if ((r.outcome == CARRIER_OK) != (r.error == NULL))
		abort(); /* an error has a sentence, and only an error */
	if (r.outcome == CARRIER_OK) {
		if ((unsigned)r.status >= CS_N || r.nevents > CARRIER_EVENTS_MAX)
			abort();
		for (size_t i = 0; i < r.nevents; i++) {
			if (strlen(r.events[i].at) != 20 || r.events[i].at[19] != 'Z')
				abort();
			if (i > 0 && strcmp(r.events[i - 1].at, r.events[i].at) < 0)
				abort(); /* newest first */
		}
		doc = carrier_result_json(&r);
		if (doc == NULL)
			abort();
		free(doc);
	}
	/* A second answer into the same result, as a retry does. */
	a->parse(404, body, size, &r);
	if (r.outcome == CARRIER_OK || r.nevents != 0)
		abort();
	/* The answer to "follow this number" (AfterShip's 4004), where there is one:
	 * the same bytes under the same status. */
	if (a->parse_create != NULL) {
		a->parse_create(status, body, size, &r);
		if ((r.outcome == CARRIER_OK) != (r.error == NULL) || r.nevents != 0)
			abort();
	}
	carrier_result_clear(&r);
	free(body);
}

#endif
