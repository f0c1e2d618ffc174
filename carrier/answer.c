#include "carrier/answer.h"

#include <stdlib.h>

#include "common/i18n.h"
#include "common/xalloc.h"

bool answer_string(const json_t *o, const char *key, const char **out)
{
	const json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_string(v))
		return false;
	*out = json_string_value(v);
	return true;
}

static bool member(const json_t *o, const char *key, json_t **out, int type)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return true;
	if ((int)json_typeof(v) != type)
		return false;
	*out = v;
	return true;
}

bool answer_object(const json_t *o, const char *key, json_t **out)
{
	return member(o, key, out, JSON_OBJECT);
}

bool answer_array(const json_t *o, const char *key, json_t **out)
{
	return member(o, key, out, JSON_ARRAY);
}

/* The carrier's words go into a sentence people read: a line's worth. */
enum { WORDS_MAX = 200 };

void answer_fail(struct carrier_result *r, const char *service, int code, const char *words)
{
	enum carrier_outcome outcome;
	char *base;

	if (code == 404) {
		outcome = CARRIER_NOT_FOUND;
		base = xasprintf(_("%s does not know this tracking number (yet)"), service);
	} else if (code == 401 || code == 403) {
		outcome = CARRIER_AUTH;
		base = xasprintf(_("%s refused the API key (HTTP %d): check its api_key_file in the configuration"),
				 service, code);
	} else if (code == 429) {
		outcome = CARRIER_RATE_LIMITED;
		base = xasprintf(_("%s says too many requests: over its rate limit or the day's quota"), service);
	} else if (code >= 500 && code <= 599) {
		outcome = CARRIER_SERVER;
		base = xasprintf(_("the %s server failed (HTTP %d)"), service, code);
	} else if (code >= 400 && code <= 499) {
		outcome = CARRIER_BAD_REQUEST;
		base = xasprintf(_("%s refused the request (HTTP %d)"), service, code);
	} else {
		outcome = CARRIER_MALFORMED;
		base = xasprintf(_("%s answered with a status it does not document (%d)"), service, code);
	}
	if (words != NULL && words[0] != '\0') {
		char *w = carrier_text(words, WORDS_MAX);

		carrier_result_fail(r, outcome, _("%s; %s said: %s"), base, service, w);
		free(w);
	} else {
		carrier_result_fail(r, outcome, "%s", base);
	}
	free(base);
}

void answer_malformed(struct carrier_result *r, const char *service, const char *why)
{
	carrier_result_fail(r, CARRIER_MALFORMED, _("%s's answer was not what it documents: %s"), service, why);
}

void answer_finish(struct carrier_result *r)
{
	char *error;
	enum carrier_outcome outcome = r->outcome;

	if (outcome == CARRIER_OK)
		return;
	error = r->error;
	r->error = NULL;
	carrier_result_reset(r);
	r->outcome = outcome;
	r->error = error;
}
