/* AfterShip's tracking API (carriers.md): one GET per number by the carrier's
 * slug, every answer in an envelope {"meta": {"code", "message"}, "data"}, its
 * codes finer than HTTP's (4004: AfterShip does not follow that number). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "carrier/adapter.h"
#include "carrier/answer.h"
#include "carrier/request.h"
#include "common/i18n.h"
#include "common/xalloc.h"

static const char SERVICE[] = "AfterShip";

static int build(const struct carrier_account *acct, const char *carrier, const char *number,
		 struct carrier_request *rq, struct carrier_result *r)
{
	const char *slug = carrier_aftership_slug(carrier);
	char *path;

	if (slug == NULL) {
		carrier_result_fail(r, CARRIER_NOT_SET_UP, _("AfterShip's tracking does not cover carrier %s"),
				    carrier != NULL ? carrier : "?");
		return -1;
	}
	if (request_check(acct, SERVICE, "aftership", number, r) != 0)
		return -1;
	path = xasprintf("/tracking/2024-04/trackings/%s/", slug);
	rq->url = request_url(acct->base_url, path, number);
	free(path);
	rq->headers[0] = xasprintf("as-api-key: %s", acct->api_key);
	rq->headers[1] = xstrdup("Accept: application/json");
	rq->headers[2] = NULL;
	rq->body = NULL;
	return 0;
}

/* The Turkish carriers write their times in Istanbul's; the others' times come
 * with a zone or in UTC. */
static enum carrier_zone zone_of(const char *slug)
{
	static const char *const turkish[] = { "yurtici", "aras", "mng", "ptt" };

	for (size_t i = 0; slug != NULL && i < sizeof turkish / sizeof turkish[0]; i++) {
		const char *s = carrier_aftership_slug(turkish[i]);

		if (s != NULL && strcmp(s, slug) == 0)
			return CARRIER_ZONE_ISTANBUL;
	}
	return CARRIER_ZONE_UTC;
}

static const struct {
	const char *tag;
	enum carrier_status status;
} tags[] = {
	{ "Pending", CS_PRE_TRANSIT },
	{ "InfoReceived", CS_PRE_TRANSIT },
	{ "InTransit", CS_IN_TRANSIT },
	{ "OutForDelivery", CS_OUT_FOR_DELIVERY },
	{ "AttemptFail", CS_DELIVERY_ATTEMPTED },
	{ "Delivered", CS_DELIVERED },
	{ "AvailableForPickup", CS_AVAILABLE_FOR_PICKUP },
	{ "Exception", CS_EXCEPTION },
	{ "Expired", CS_EXPIRED },
};

/* The tag, made finer by the subtags for a parcel going back (Exception_010
 * returning to sender, Exception_011 returned) and by words of cancelling. */
static enum carrier_status status_of(const char *tag, const char *subtag, const char *words)
{
	enum carrier_status st = CS_UNKNOWN;

	for (size_t i = 0; tag != NULL && i < sizeof tags / sizeof tags[0]; i++)
		if (strcasecmp(tag, tags[i].tag) == 0)
			st = tags[i].status;
	if (subtag != NULL && strcasecmp(subtag, "Exception_010") == 0)
		return CS_RETURNING;
	if (subtag != NULL && strcasecmp(subtag, "Exception_011") == 0)
		return CS_RETURNED;
	if ((st == CS_EXCEPTION || st == CS_PRE_TRANSIT) &&
	    (carrier_words(words, "cancelled") || carrier_words(words, "canceled")))
		return CS_CANCELLED;
	return st;
}

static const char *nonempty(const char *a, const char *b)
{
	return a != NULL && a[0] != '\0' ? a : b;
}

static bool read_checkpoint(const json_t *cp, enum carrier_zone zone, struct carrier_result *r)
{
	const char *time, *tag, *subtag, *subtag_message, *message, *location, *city;
	char at[32];

	if (!json_is_object(cp)) {
		answer_malformed(r, SERVICE, _("a checkpoint is not an object"));
		return false;
	}
	if (!answer_string(cp, "checkpoint_time", &time) || !answer_string(cp, "tag", &tag) ||
	    !answer_string(cp, "subtag", &subtag) || !answer_string(cp, "subtag_message", &subtag_message) ||
	    !answer_string(cp, "message", &message) || !answer_string(cp, "location", &location) ||
	    !answer_string(cp, "city", &city)) {
		answer_malformed(r, SERVICE, _("a member of a checkpoint has the wrong type"));
		return false;
	}
	if (time == NULL)
		return true; /* nowhere to put it on a timeline */
	if (!carrier_time_utc(time, strlen(time), zone, at)) {
		answer_malformed(r, SERVICE, _("a checkpoint's time is not a time"));
		return false;
	}
	carrier_result_add_event(r, at, status_of(tag, subtag, nonempty(subtag_message, message)),
				 nonempty(subtag, tag), nonempty(message, subtag_message),
				 nonempty(location, city));
	return true;
}

/* The promised day: expected_delivery in the versions carriers.md describes,
 * courier_estimated_delivery_date in 2024-04.  Only a promise: one that is not
 * a day is left out rather than failing the lookup. */
static bool read_expected(const json_t *t, struct carrier_result *r)
{
	const char *expected, *estimated = NULL;
	json_t *courier;

	if (!answer_string(t, "expected_delivery", &expected) ||
	    !answer_object(t, "courier_estimated_delivery_date", &courier) ||
	    (courier != NULL && !answer_string(courier, "estimated_delivery_date", &estimated)))
		return false;
	if (expected == NULL || !carrier_date(expected, strlen(expected), r->expected))
		if (estimated != NULL)
			(void)carrier_date(estimated, strlen(estimated), r->expected);
	return true;
}

static void read_tracking(json_t *data, struct carrier_result *r)
{
	json_t *t, *checkpoints, *cp;
	const char *slug, *tag, *subtag, *subtag_message;
	size_t i;

	/* data.tracking as carriers.md has it; 2024-04 puts the tracking in data. */
	if (!answer_object(data, "tracking", &t)) {
		answer_malformed(r, SERVICE, _("data.tracking is not an object"));
		return;
	}
	if (t == NULL)
		t = data;
	if (!answer_string(t, "slug", &slug) || !answer_string(t, "tag", &tag) ||
	    !answer_string(t, "subtag", &subtag) || !answer_string(t, "subtag_message", &subtag_message) ||
	    !answer_array(t, "checkpoints", &checkpoints) || !read_expected(t, r)) {
		answer_malformed(r, SERVICE, _("a member of the tracking has the wrong type"));
		return;
	}
	if (tag == NULL && checkpoints == NULL) {
		answer_malformed(r, SERVICE, _("the tracking has neither a tag nor checkpoints"));
		return;
	}
	json_array_foreach(checkpoints, i, cp)
		if (!read_checkpoint(cp, zone_of(slug), r))
			return;
	carrier_result_sort_events(r);
	if (tag != NULL) {
		carrier_result_set_latest(r, status_of(tag, subtag, subtag_message), nonempty(subtag, tag),
					  subtag_message);
	} else if (r->nevents > 0) {
		const struct carrier_event *e = &r->events[0];

		carrier_result_set_latest(r, e->status, e->code, e->text);
	} else {
		carrier_result_set_latest(r, CS_UNKNOWN, "", "");
	}
	r->outcome = CARRIER_OK;
}

/* An error envelope: its own code when it has one, else the HTTP status. */
static void fail_with(struct carrier_result *r, int code, const char *message)
{
	if (code == 4004)
		carrier_result_fail(r, CARRIER_NOT_FOUND,
				    _("AfterShip does not follow this tracking number yet: it must be added to "
				      "AfterShip first"));
	else if (code >= 4000 && code <= 4999)
		answer_fail(r, SERVICE, 400, message); /* its finer 400s */
	else
		answer_fail(r, SERVICE, code, message);
}

static void parse(int http_status, const char *body, size_t len, struct carrier_result *r)
{
	json_t *doc = NULL, *meta = NULL, *data = NULL;
	const char *message = NULL;
	json_error_t jerr;
	int code = 0;

	carrier_result_reset(r);
	r->http_status = http_status;
	if (body != NULL && len > 0)
		doc = json_loadb(body, len, 0, &jerr);
	if (json_is_object(doc) && answer_object(doc, "meta", &meta) && meta != NULL) {
		json_t *c = json_object_get(meta, "code");

		if (json_is_integer(c) && json_integer_value(c) > 0 && json_integer_value(c) < 100000)
			code = (int)json_integer_value(c);
		if (!answer_string(meta, "message", &message))
			message = NULL;
	}
	if (http_status < 200 || http_status > 299) {
		/* the envelope's finer code, unless it claims success against HTTP */
		fail_with(r, code != 0 && (code < 200 || code > 299) ? code : http_status, message);
	} else if (doc == NULL) {
		answer_malformed(r, SERVICE, _("it is not JSON"));
	} else if (code == 0) {
		answer_malformed(r, SERVICE, _("there is no envelope with a meta.code"));
	} else if (code < 200 || code > 299) {
		fail_with(r, code, message);
	} else if (!answer_object(doc, "data", &data) || data == NULL) {
		answer_malformed(r, SERVICE, _("there is no data object"));
	} else {
		read_tracking(data, r);
	}
	answer_finish(r);
	json_decref(doc);
}

/* POST {base}/tracking/2024-04/trackings {"tracking":{"slug","tracking_number"}}:
 * AfterShip starts following the number (it answers 4004 until then). */
static int build_create(const struct carrier_account *acct, const char *carrier, const char *number,
			struct carrier_request *rq, struct carrier_result *r)
{
	const char *slug = carrier_aftership_slug(carrier);
	json_t *doc;

	if (slug == NULL) {
		carrier_result_fail(r, CARRIER_NOT_SET_UP, _("AfterShip's tracking does not cover carrier %s"),
				    carrier != NULL ? carrier : "?");
		return -1;
	}
	if (request_check(acct, SERVICE, "aftership", number, r) != 0)
		return -1;
	doc = json_pack("{s:{s:s,s:s}}", "tracking", "slug", slug, "tracking_number", number);
	rq->body = doc != NULL ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (rq->body == NULL) {
		carrier_result_fail(r, CARRIER_BAD_REQUEST, _("that is not a tracking number %s could look up"),
				    SERVICE);
		return -1;
	}
	rq->url = request_url(acct->base_url, "/tracking/2024-04/trackings", "");
	rq->headers[0] = xasprintf("as-api-key: %s", acct->api_key);
	rq->headers[1] = xstrdup("Accept: application/json");
	rq->headers[2] = NULL;
	return 0;
}

/* Made (2xx), or 4003: AfterShip follows it already.  Anything else says why not. */
static void parse_create(int http_status, const char *body, size_t len, struct carrier_result *r)
{
	json_t *doc = NULL, *meta = NULL, *c;
	const char *message = NULL;
	json_error_t jerr;
	int code = 0;

	carrier_result_reset(r);
	r->http_status = http_status;
	if (body != NULL && len > 0)
		doc = json_loadb(body, len, 0, &jerr);
	if (json_is_object(doc) && answer_object(doc, "meta", &meta) && meta != NULL) {
		c = json_object_get(meta, "code");
		if (json_is_integer(c) && json_integer_value(c) > 0 && json_integer_value(c) < 100000)
			code = (int)json_integer_value(c);
		if (!answer_string(meta, "message", &message))
			message = NULL;
	}
	if ((http_status >= 200 && http_status <= 299) || code == 4003)
		r->outcome = CARRIER_OK;
	else
		fail_with(r, code != 0 && (code < 200 || code > 299) ? code : http_status, message);
	answer_finish(r);
	json_decref(doc);
}

const struct carrier_adapter carrier_aftership = {
	.name = "aftership",
	/* About 10 requests a second. */
	.per_second = 10.0,
	.burst = 10,
	.build = build,
	.parse = parse,
	.build_create = build_create,
	.parse_create = parse_create,
};
