#ifndef BACKDESK_CARRIER_ANSWER_H
#define BACKDESK_CARRIER_ANSWER_H
/* What the adapters share when reading an answer: members of the types the
 * carrier documents (anything else makes the answer malformed, null counts as
 * absent) and one sentence per way a lookup can fail. */
#include <jansson.h>
#include <stdbool.h>

#include "carrier/track.h"

/* The string member key of o, or NULL when absent or null.  false when it is
 * there with another type. */
bool answer_string(const json_t *o, const char *key, const char **out);
/* The object (or array) member key of o, or NULL when absent or null; false when
 * it is there with another type. */
bool answer_object(const json_t *o, const char *key, json_t **out);
bool answer_array(const json_t *o, const char *key, json_t **out);

/* Fails r for an error answer of code (an HTTP status, or an envelope code that
 * means the same: 404, 401, 429, 5xx, other 4xx), naming service ("DHL") and
 * adding the carrier's own words when there are some. */
void answer_fail(struct carrier_result *r, const char *service, int code, const char *words);
/* Fails r as CARRIER_MALFORMED with why (a translated sentence), naming service. */
void answer_malformed(struct carrier_result *r, const char *service, const char *why);
/* A parser ends with this: a failed answer keeps only its outcome and error,
 * not the half it read before failing. */
void answer_finish(struct carrier_result *r);

#endif
