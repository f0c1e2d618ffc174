/* carrier/dhl.c on the fixtures the fake server serves: every normalized status,
 * ids as number or string, the three forms of time, problem+json errors, and
 * answers that are malformed, cut short or of the wrong types (never a crash,
 * always a sentence). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "carrier/adapter.h"
#include "fixture.h"

static void parse_file(const char *rel, int http, struct carrier_result *r)
{
	size_t len;
	char *body = fixture(rel, &len);

	carrier_result_init(r);
	carrier_dhl.parse(http, body, len, r);
	free(body);
}

static void parse_text(const char *text, int http, struct carrier_result *r)
{
	size_t len;
	char *body = bytes(text, &len);

	carrier_result_init(r);
	carrier_dhl.parse(http, body, len, r);
	free(body);
}

static void every_status(void **state)
{
	static const struct {
		const char *file;
		enum carrier_status status;
	} cases[] = {
		{ "dhl/9999999995.json", CS_PRE_TRANSIT },
		{ "dhl/9999920803.json", CS_IN_TRANSIT },
		{ "dhl/9999841611.json", CS_OUT_FOR_DELIVERY },
		{ "dhl/9999762426.json", CS_AVAILABLE_FOR_PICKUP },
		{ "dhl/9999683234.json", CS_DELIVERY_ATTEMPTED },
		{ "dhl/9999604042.json", CS_DELIVERED },
		{ "dhl/9999524850.json", CS_EXCEPTION },
		{ "dhl/9999445665.json", CS_RETURNING },
		{ "dhl/9999366473.json", CS_RETURNED },
		{ "dhl/9999287281.json", CS_CANCELLED },
		{ "dhl/9999208096.json", CS_UNKNOWN },
	};
	struct carrier_result r;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		parse_file(cases[i].file, 200, &r);
		if (r.outcome != CARRIER_OK)
			fail_msg("%s: outcome %d (%s)", cases[i].file, r.outcome, r.error);
		if (r.status != cases[i].status)
			fail_msg("%s: %s, not %s", cases[i].file, carrier_status_code(r.status),
				 carrier_status_code(cases[i].status));
		assert_null(r.error);
		assert_int_equal(r.http_status, 200);
		carrier_result_clear(&r);
	}
}

static void times_ids_and_promise(void **state)
{
	struct carrier_result r;

	(void)state;
	/* id as a number; times without zone, with Z, with +01:00 */
	parse_file("dhl/9999920803.json", 200, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	assert_string_equal(r.code, "transit");
	assert_string_equal(r.text, "Processed at DHL hub");
	assert_string_equal(r.expected, "2026-11-28");
	assert_int_equal(r.nevents, 3);
	assert_string_equal(r.events[0].at, "2026-11-26T06:30:00Z");
	assert_string_equal(r.events[0].location, "Istanbul");
	assert_string_equal(r.events[1].at, "2026-11-25T22:10:00Z");
	assert_string_equal(r.events[2].at, "2026-11-25T13:05:00Z");
	assert_int_equal(r.events[2].status, CS_IN_TRANSIT);
	carrier_result_clear(&r);

	/* id as a string; the end of the window when there is no single time */
	parse_file("dhl/9999604042.json", 200, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	assert_string_equal(r.expected, "2026-11-27");
	/* four events, two of them repeats of (time, code, place) */
	assert_int_equal(r.nevents, 2);
	assert_string_equal(r.events[0].at, "2026-11-27T09:00:00Z");
	assert_int_equal(r.events[0].status, CS_DELIVERED);
	assert_string_equal(r.events[1].at, "2026-11-26T08:00:00Z");
	assert_string_equal(r.events[1].text, "Arrived at DHL facility");
	carrier_result_clear(&r);
}

static void errors_are_outcomes_with_sentences(void **state)
{
	static const struct {
		const char *file;
		int http;
		enum carrier_outcome outcome;
		const char *words;
	} cases[] = {
		{ "dhl/9999128904.404.json", 404, CARRIER_NOT_FOUND, "No shipment with given tracking number found." },
		{ "dhl/9999049712.json", 200, CARRIER_NOT_FOUND, "does not know" },
		{ "dhl/9998970520.401.json", 401, CARRIER_AUTH, "Invalid API key." },
		{ "dhl/9998891335.429.json", 429, CARRIER_RATE_LIMITED, "Quota exceeded" },
		{ "dhl/9998812143.400.json", 400, CARRIER_BAD_REQUEST, "Invalid value" },
		{ "dhl/9998732951.503.json", 503, CARRIER_SERVER, "Service Unavailable" },
		/* a successful answer sent with an error status is still the error */
		{ "dhl/9999999995.json", 500, CARRIER_SERVER, "HTTP 500" },
		{ "dhl/9999999995.json", 302, CARRIER_MALFORMED, "302" },
	};
	struct carrier_result r;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		parse_file(cases[i].file, cases[i].http, &r);
		if (r.outcome != cases[i].outcome)
			fail_msg("%s: outcome %d, not %d (%s)", cases[i].file, r.outcome, cases[i].outcome,
				 r.error ? r.error : "");
		assert_non_null(r.error);
		assert_non_null(strstr(r.error, "DHL"));
		if (strstr(r.error, cases[i].words) == NULL)
			fail_msg("%s: \"%s\" does not say \"%s\"", cases[i].file, r.error, cases[i].words);
		assert_int_equal(r.nevents, 0);
		assert_null(carrier_result_json(&r));
		carrier_result_clear(&r);
	}
	/* an error status with a body that is no problem+json at all */
	parse_text("<html>Bad Gateway</html>", 502, &r);
	assert_int_equal(r.outcome, CARRIER_SERVER);
	carrier_result_clear(&r);
	carrier_result_init(&r);
	carrier_dhl.parse(404, NULL, 0, &r);
	assert_int_equal(r.outcome, CARRIER_NOT_FOUND);
	carrier_result_clear(&r);
}

static void malformed_and_wrong_types(void **state)
{
	static const char *const bad[] = {
		"",
		"not json",
		"{",
		"[]",
		"null",
		"{\"shipments\": {}}",
		"{\"shipments\": \"none\"}",
		"{\"other\": []}",
		"{\"shipments\": [1]}",
		"{\"shipments\": [{\"id\": true}]}",
		"{\"shipments\": [{\"id\": [1]}]}",
		"{\"shipments\": [{\"status\": \"transit\"}]}",
		"{\"shipments\": [{\"status\": {\"statusCode\": 5}}]}",
		"{\"shipments\": [{\"events\": {}}]}",
		"{\"shipments\": [{\"events\": [\"x\"]}]}",
		"{\"shipments\": [{\"events\": [{\"timestamp\": 1764230400}]}]}",
		"{\"shipments\": [{\"events\": [{\"timestamp\": \"yesterday\"}]}]}",
		"{\"shipments\": [{\"events\": [{\"timestamp\": \"2026-11-27T09:00:00Z\", \"location\": \"X\"}]}]}",
		("{\"shipments\": [{\"events\": [{\"timestamp\": \"2026-11-27T09:00:00Z\", "
		 "\"location\": {\"address\": {\"addressLocality\": 7}}}]}]}"),
		"{\"shipments\": [{\"estimatedTimeOfDelivery\": 20261128}]}",
		"{\"shipments\": [{\"status\": {\"description\": \"a\\u0000b\"}}]}",
		"{\"shipments\": []} trailing",
		"{\"shipments\": [{\"status\": {\"description\": \"\xff\xfe\"}}]}",
	};
	struct carrier_result r;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		parse_text(bad[i], 200, &r);
		if (r.outcome != CARRIER_MALFORMED)
			fail_msg("%s: outcome %d, not malformed", bad[i], r.outcome);
		assert_non_null(r.error);
		assert_int_equal(r.nevents, 0);
		assert_null(r.code);
		carrier_result_clear(&r);
	}
	/* null is absent: a shipment of nulls is an unknown one */
	parse_text("{\"shipments\": [{\"id\": null, \"status\": null, \"events\": null}]}", 200, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	assert_int_equal(r.status, CS_UNKNOWN);
	carrier_result_clear(&r);
	/* an event without a time has no place on the timeline; the rest stays */
	parse_text("{\"shipments\": [{\"events\": [{\"statusCode\": \"transit\"}, {\"timestamp\": "
		   "\"2026-11-27T09:00:00Z\", \"statusCode\": \"transit\"}]}]}",
		   200, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	assert_int_equal(r.nevents, 1);
	assert_int_equal(r.status, CS_IN_TRANSIT); /* the newest event's, with no status */
	carrier_result_clear(&r);
}

/* Every prefix of a real answer: never a crash or an over-read, never OK
 * unless it is the whole answer. */
static void truncated_answers(void **state)
{
	struct carrier_result r;
	size_t len;
	char *body = fixture("dhl/9999604042.json", &len);

	(void)state;
	while (len > 0 && (body[len - 1] == '\n' || body[len - 1] == ' '))
		len--;
	for (size_t n = 0; n < len; n++) {
		char *cut = malloc(n > 0 ? n : 1);

		assert_non_null(cut);
		memcpy(cut, body, n);
		carrier_result_init(&r);
		carrier_dhl.parse(200, cut, n, &r);
		if (r.outcome != CARRIER_MALFORMED)
			fail_msg("%zu of %zu bytes: outcome %d", n, len, r.outcome);
		carrier_result_clear(&r);
		free(cut);
	}
	carrier_result_init(&r);
	carrier_dhl.parse(200, body, len, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	carrier_result_clear(&r);
	free(body);
}

/* A result used for a second try forgets the first answer. */
static void a_second_answer_replaces_the_first(void **state)
{
	struct carrier_result r;
	size_t len;
	char *ok = fixture("dhl/9999604042.json", &len);

	(void)state;
	carrier_result_init(&r);
	r.tries = 2;
	carrier_dhl.parse(503, "{}", 2, &r);
	assert_int_equal(r.outcome, CARRIER_SERVER);
	carrier_dhl.parse(200, ok, len, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	assert_null(r.error);
	assert_int_equal(r.tries, 2);
	assert_int_equal(r.nevents, 2);
	carrier_dhl.parse(404, "{}", 2, &r);
	assert_int_equal(r.outcome, CARRIER_NOT_FOUND);
	assert_int_equal(r.nevents, 0);
	assert_null(r.code);
	assert_string_equal(r.expected, "");
	carrier_result_clear(&r);
	free(ok);
}

static void builds_the_request(void **state)
{
	struct carrier_account acct = { "http://127.0.0.1:8080//", "k3y" };
	struct carrier_request rq;
	struct carrier_result r;

	(void)state;
	memset(&rq, 0, sizeof rq);
	carrier_result_init(&r);
	assert_int_equal(carrier_dhl.build(&acct, "dhl", "9999920803", &rq, &r), 0);
	assert_string_equal(rq.url, "http://127.0.0.1:8080/track/shipments?trackingNumber=9999920803");
	assert_string_equal(rq.headers[0], "DHL-API-Key: k3y");
	assert_string_equal(rq.headers[1], "Accept: application/json");
	assert_null(rq.headers[2]);
	assert_null(rq.body);
	carrier_request_clear(&rq);
	assert_null(rq.url);

	/* whatever the number holds stays inside the query's value */
	assert_int_equal(carrier_dhl.build(&acct, "dhl", "JJD1&x=1 #", &rq, &r), 0);
	assert_string_equal(rq.url, "http://127.0.0.1:8080/track/shipments?trackingNumber=JJD1%26x%3D1%20%23");
	carrier_request_clear(&rq);

	assert_int_equal(carrier_dhl.build(&acct, "ups", "1Z", &rq, &r), -1);
	assert_int_equal(r.outcome, CARRIER_NOT_SET_UP);
	assert_null(rq.url);
	acct.api_key = "k\r\nX-Evil: 1";
	assert_int_equal(carrier_dhl.build(&acct, "dhl", "9999920803", &rq, &r), -1);
	assert_int_equal(r.outcome, CARRIER_NOT_SET_UP);
	acct.api_key = "";
	assert_int_equal(carrier_dhl.build(&acct, "dhl", "9999920803", &rq, &r), -1);
	assert_non_null(strstr(r.error, "[carrier.dhl]"));
	acct.api_key = "k";
	acct.base_url = NULL;
	assert_int_equal(carrier_dhl.build(&acct, "dhl", "9999920803", &rq, &r), -1);
	assert_int_equal(r.outcome, CARRIER_NOT_SET_UP);
	assert_int_equal(carrier_dhl.build(NULL, "dhl", "9999920803", &rq, &r), -1);
	acct.base_url = "http://x";
	assert_int_equal(carrier_dhl.build(&acct, "dhl", "", &rq, &r), -1);
	assert_int_equal(r.outcome, CARRIER_BAD_REQUEST);
	assert_null(rq.url);
	carrier_result_clear(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_status),
		cmocka_unit_test(times_ids_and_promise),
		cmocka_unit_test(errors_are_outcomes_with_sentences),
		cmocka_unit_test(malformed_and_wrong_types),
		cmocka_unit_test(truncated_answers),
		cmocka_unit_test(a_second_answer_replaces_the_first),
		cmocka_unit_test(builds_the_request),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
