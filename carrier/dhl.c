/* DHL's unified Shipment Tracking API (carriers.md): one number per GET, its
 * answer a list of shipments with a status and events, errors as problem+json. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carrier/adapter.h"
#include "carrier/answer.h"
#include "carrier/request.h"
#include "common/i18n.h"
#include "common/xalloc.h"

static const char SERVICE[] = "DHL";

static int build(const struct carrier_account *acct, const char *carrier, const char *number,
		 struct carrier_request *rq, struct carrier_result *r)
{
	if (carrier == NULL || strcmp(carrier, "dhl") != 0) {
		carrier_result_fail(r, CARRIER_NOT_SET_UP, _("DHL's tracking does not cover carrier %s"),
				    carrier != NULL ? carrier : "?");
		return -1;
	}
	if (request_check(acct, SERVICE, "dhl", number, r) != 0)
		return -1;
	rq->url = request_url(acct->base_url, "/track/shipments?trackingNumber=", number);
	rq->headers[0] = xasprintf("DHL-API-Key: %s", acct->api_key);
	rq->headers[1] = xstrdup("Accept: application/json");
	rq->headers[2] = NULL;
	rq->body = NULL;
	return 0;
}

/* DHL's coarse statusCode, made finer by its words where they say more. */
static enum carrier_status status_of(const char *code, const char *status, const char *description)
{
	const char *w[2] = { status, description };
	bool returned = false, returning = false, cancelled = false, attempted = false, pickup = false,
	     out = false;

	for (int i = 0; i < 2; i++) {
		returned |= carrier_words(w[i], "returned to sender") ||
			    carrier_words(w[i], "returned to shipper") ||
			    carrier_words(w[i], "delivered to sender") ||
			    carrier_words(w[i], "delivered to shipper");
		returning |= carrier_words(w[i], "return to sender") ||
			     carrier_words(w[i], "return to shipper") ||
			     carrier_words(w[i], "being returned") || carrier_words(w[i], "returning");
		cancelled |= carrier_words(w[i], "cancelled") || carrier_words(w[i], "canceled");
		attempted |= carrier_words(w[i], "delivery attempt") || carrier_words(w[i], "attempted") ||
			     carrier_words(w[i], "could not be delivered");
		pickup |= carrier_words(w[i], "for pickup") || carrier_words(w[i], "for pick-up") ||
			  carrier_words(w[i], "for pick up") || carrier_words(w[i], "for collection") ||
			  carrier_words(w[i], "awaiting collection");
		out |= carrier_words(w[i], "out for delivery") || carrier_words(w[i], "with delivery courier");
	}
	if (code == NULL)
		code = "";
	if (strcmp(code, "delivered") == 0)
		return returned ? CS_RETURNED : CS_DELIVERED;
	if (strcmp(code, "pre-transit") == 0)
		return cancelled ? CS_CANCELLED : CS_PRE_TRANSIT;
	if (strcmp(code, "transit") == 0 || strcmp(code, "failure") == 0) {
		if (returned)
			return CS_RETURNED;
		if (returning)
			return CS_RETURNING;
		if (cancelled)
			return CS_CANCELLED;
		if (attempted)
			return CS_DELIVERY_ATTEMPTED;
		if (pickup)
			return CS_AVAILABLE_FOR_PICKUP;
		if (out)
			return CS_OUT_FOR_DELIVERY;
		return code[0] == 't' ? CS_IN_TRANSIT : CS_EXCEPTION;
	}
	return CS_UNKNOWN;
}

/* One status object (the shipment's or an event): its fields, all optional. */
struct dhl_status {
	const char *timestamp, *code, *detailed, *status, *description, *locality;
};

static bool read_status(const json_t *o, struct dhl_status *s)
{
	json_t *loc, *addr = NULL;

	memset(s, 0, sizeof *s);
	if (!json_is_object(o))
		return false;
	if (!answer_string(o, "timestamp", &s->timestamp) || !answer_string(o, "statusCode", &s->code) ||
	    !answer_string(o, "statusDetailed", &s->detailed) || !answer_string(o, "status", &s->status) ||
	    !answer_string(o, "description", &s->description) || !answer_object(o, "location", &loc))
		return false;
	if (loc != NULL && !answer_object(loc, "address", &addr))
		return false;
	return addr == NULL || answer_string(addr, "addressLocality", &s->locality);
}

static const char *code_of(const struct dhl_status *s)
{
	return s->detailed != NULL && s->detailed[0] != '\0' ? s->detailed : s->code;
}

static const char *text_of(const struct dhl_status *s)
{
	return s->description != NULL && s->description[0] != '\0' ? s->description : s->status;
}

/* The promised day: estimatedTimeOfDelivery, else the end of the window.  Only
 * a promise, so one DHL words oddly is left out rather than failing the lookup. */
static bool read_expected(const json_t *sh, struct carrier_result *r)
{
	const char *eta = NULL, *through = NULL;
	json_t *frame;

	if (!answer_string(sh, "estimatedTimeOfDelivery", &eta) ||
	    !answer_object(sh, "estimatedDeliveryTimeFrame", &frame) ||
	    (frame != NULL && !answer_string(frame, "estimatedThrough", &through)))
		return false;
	if (eta == NULL || !carrier_date(eta, strlen(eta), r->expected))
		if (through != NULL)
			(void)carrier_date(through, strlen(through), r->expected);
	return true;
}

static void read_shipment(const json_t *sh, struct carrier_result *r)
{
	json_t *status, *events, *id = json_object_get(sh, "id");
	struct dhl_status s;
	size_t i;
	json_t *ev;
	char at[32];

	if (!json_is_object(sh)) {
		answer_malformed(r, SERVICE, _("a shipment is not an object"));
		return;
	}
	if (id != NULL && !json_is_null(id) && !json_is_string(id) && !json_is_number(id)) {
		answer_malformed(r, SERVICE, _("the shipment's id is neither a string nor a number"));
		return;
	}
	if (!answer_object(sh, "status", &status) || !answer_array(sh, "events", &events) ||
	    !read_expected(sh, r)) {
		answer_malformed(r, SERVICE, _("a member of the shipment has the wrong type"));
		return;
	}
	json_array_foreach(events, i, ev) {
		if (!read_status(ev, &s)) {
			answer_malformed(r, SERVICE, _("an event is not an object of strings"));
			return;
		}
		if (s.timestamp == NULL)
			continue; /* nowhere to put it on a timeline */
		if (!carrier_time_utc(s.timestamp, strlen(s.timestamp), CARRIER_ZONE_UTC, at)) {
			answer_malformed(r, SERVICE, _("an event's timestamp is not a time"));
			return;
		}
		carrier_result_add_event(r, at, status_of(s.code, s.status, s.description), code_of(&s),
					 text_of(&s), s.locality);
	}
	carrier_result_sort_events(r);
	if (status != NULL) {
		if (!read_status(status, &s)) {
			answer_malformed(r, SERVICE, _("the shipment's status is not an object of strings"));
			return;
		}
		carrier_result_set_latest(r, status_of(s.code, s.status, s.description), code_of(&s), text_of(&s));
	} else if (r->nevents > 0) {
		const struct carrier_event *e = &r->events[0];

		carrier_result_set_latest(r, e->status, e->code, e->text);
	} else {
		carrier_result_set_latest(r, CS_UNKNOWN, "", "");
	}
	r->outcome = CARRIER_OK;
}

static void parse(int http_status, const char *body, size_t len, struct carrier_result *r)
{
	json_t *doc = NULL, *shipments;
	json_error_t jerr;

	carrier_result_reset(r);
	r->http_status = http_status;
	if (body != NULL && len > 0)
		doc = json_loadb(body, len, 0, &jerr);
	if (http_status < 200 || http_status > 299) {
		const char *detail = NULL, *title = NULL;

		/* problem+json when it is one; the status alone when it is not */
		if (json_is_object(doc) && answer_string(doc, "detail", &detail) &&
		    answer_string(doc, "title", &title) && (detail == NULL || detail[0] == '\0'))
			detail = title;
		answer_fail(r, SERVICE, http_status, detail);
	} else if (doc == NULL) {
		answer_malformed(r, SERVICE, _("it is not JSON"));
	} else if (!json_is_object(doc) || !answer_array(doc, "shipments", &shipments) || shipments == NULL) {
		answer_malformed(r, SERVICE, _("there is no list of shipments"));
	} else if (json_array_size(shipments) == 0) {
		answer_fail(r, SERVICE, 404, NULL);
	} else {
		/* One number, one shipment: a second one (another DHL service that
		 * reuses the number) is not ours to guess between. */
		read_shipment(json_array_get(shipments, 0), r);
	}
	answer_finish(r);
	json_decref(doc);
}

const struct carrier_adapter carrier_dhl = {
	.name = "dhl",
	/* The default plan: one call per 5 seconds (and about 250 a day). */
	.per_second = 0.2,
	.burst = 1,
	.build = build,
	.parse = parse,
};
