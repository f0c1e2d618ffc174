/* carrier/aftership.c on the fixtures the fake server serves: every normalized
 * status from tags and subtags, the Turkish carriers' zone-less times read in
 * Istanbul, both envelope shapes, error envelopes (4004 and the rest), and
 * answers that are malformed, cut short or of the wrong types. */
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
	carrier_aftership.parse(http, body, len, r);
	free(body);
}

static void parse_text(const char *text, int http, struct carrier_result *r)
{
	size_t len;
	char *body = bytes(text, &len);

	carrier_result_init(r);
	carrier_aftership.parse(http, body, len, r);
	free(body);
}

static void every_status(void **state)
{
	static const struct {
		const char *file;
		enum carrier_status status;
		const char *code;
	} cases[] = {
		{ "aftership/719999999999.json", CS_PRE_TRANSIT, "Pending_001" },
		{ "aftership/349999999999.json", CS_PRE_TRANSIT, "InfoReceived_001" },
		{ "aftership/8899999999999.json", CS_IN_TRANSIT, "InTransit_002" },
		{ "aftership/CZ999999995TR.json", CS_OUT_FOR_DELIVERY, "OutForDelivery_001" },
		{ "aftership/1ZBDZZZZ1199999992.json", CS_DELIVERY_ATTEMPTED, "AttemptFail_001" },
		{ "aftership/699999999995.json", CS_DELIVERED, "Delivered_001" },
		{ "aftership/59999999999.json", CS_AVAILABLE_FOR_PICKUP, "AvailableForPickup_001" },
		{ "aftership/CZ999999995HU.json", CS_EXCEPTION, "Exception_004" },
		{ "aftership/719999992080.json", CS_RETURNING, "Exception_010" },
		{ "aftership/349999992080.json", CS_RETURNED, "Exception_011" },
		{ "aftership/8899999992080.json", CS_EXPIRED, "Expired_001" },
		{ "aftership/CZ999920806TR.json", CS_CANCELLED, "Exception_001" },
		{ "aftership/59999992080.json", CS_UNKNOWN, "SomethingNew" },
		{ "aftership/699999920800.json", CS_IN_TRANSIT, "InTransit_001" },
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
		assert_string_equal(r.code, cases[i].code);
		carrier_result_clear(&r);
	}
}

static void times_places_and_promises(void **state)
{
	struct carrier_result r;

	(void)state;
	/* MNG: no zone, so Istanbul's (+03) */
	parse_file("aftership/8899999999999.json", 200, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	assert_string_equal(r.expected, "2026-11-28");
	assert_string_equal(r.text, "Arrival scan");
	assert_int_equal(r.nevents, 2);
	assert_string_equal(r.events[0].at, "2026-11-26T18:15:00Z");
	assert_string_equal(r.events[0].text, "Transfer merkezine ulaştı");
	assert_string_equal(r.events[0].location, "İstanbul Avrupa Aktarma");
	assert_string_equal(r.events[0].code, "InTransit_002");
	assert_string_equal(r.events[1].at, "2026-11-26T06:40:00Z");
	carrier_result_clear(&r);

	parse_file("aftership/349999999999.json", 200, &r);
	assert_string_equal(r.events[0].at, "2026-11-25T07:00:00Z");
	carrier_result_clear(&r);

	/* an offset that crosses midnight */
	parse_file("aftership/1ZBDZZZZ1199999992.json", 200, &r);
	assert_string_equal(r.events[0].at, "2026-11-27T22:10:00Z");
	assert_string_equal(r.events[0].location, "Newark, NJ, US");
	carrier_result_clear(&r);

	/* Z, and a checkpoint repeated */
	parse_file("aftership/699999999995.json", 200, &r);
	assert_int_equal(r.nevents, 2);
	assert_string_equal(r.events[0].at, "2026-11-27T11:00:00Z");
	assert_string_equal(r.events[0].text, "Delivered");
	assert_int_equal(r.events[1].status, CS_IN_TRANSIT);
	assert_string_equal(r.expected, "");
	carrier_result_clear(&r);

	/* only a city for the place */
	parse_file("aftership/59999999999.json", 200, &r);
	assert_string_equal(r.events[0].location, "Budapest");
	carrier_result_clear(&r);

	/* 2024-04: the tracking directly in data, the promise elsewhere */
	parse_file("aftership/699999920800.json", 200, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	assert_string_equal(r.expected, "2026-11-30");
	assert_string_equal(r.events[0].at, "2026-11-27T00:00:00Z");
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
		{ "aftership/1ZBDZZZZ1199920806.404.json", 404, CARRIER_NOT_FOUND, "added to AfterShip" },
		{ "aftership/1ZBDZZZZ1199604041.json", 200, CARRIER_NOT_FOUND, "added to AfterShip" },
		{ "aftership/1ZBDZZZZ1199841615.401.json", 401, CARRIER_AUTH, "Invalid API key." },
		{ "aftership/1ZBDZZZZ1199762424.429.json", 429, CARRIER_RATE_LIMITED, "rate limit" },
		{ "aftership/1ZBDZZZZ1199683233.400.json", 400, CARRIER_BAD_REQUEST, "is invalid" },
		/* success inside, failure outside: HTTP wins */
		{ "aftership/699999999995.json", 503, CARRIER_SERVER, "HTTP 503" },
		{ "aftership/699999999995.json", 404, CARRIER_NOT_FOUND, "AfterShip" },
	};
	struct carrier_result r;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		parse_file(cases[i].file, cases[i].http, &r);
		if (r.outcome != cases[i].outcome)
			fail_msg("%s: outcome %d, not %d (%s)", cases[i].file, r.outcome, cases[i].outcome,
				 r.error ? r.error : "");
		assert_non_null(r.error);
		if (strstr(r.error, cases[i].words) == NULL)
			fail_msg("%s: \"%s\" does not say \"%s\"", cases[i].file, r.error, cases[i].words);
		assert_int_equal(r.nevents, 0);
		carrier_result_clear(&r);
	}
	parse_text("Gateway Timeout", 504, &r);
	assert_int_equal(r.outcome, CARRIER_SERVER);
	carrier_result_clear(&r);
	parse_text("{\"meta\": {\"code\": 500, \"message\": \"Something went wrong\"}}", 200, &r);
	assert_int_equal(r.outcome, CARRIER_SERVER);
	assert_non_null(strstr(r.error, "Something went wrong"));
	carrier_result_clear(&r);
}

static void malformed_and_wrong_types(void **state)
{
	static const char *const bad[] = {
		"",
		"<html>",
		"{\"meta\": {\"code\": 200}",
		"[]",
		"{\"data\": {\"tracking\": {\"tag\": \"Delivered\"}}}",
		"{\"meta\": {\"code\": \"200\"}, \"data\": {\"tracking\": {\"tag\": \"Delivered\"}}}",
		"{\"meta\": [], \"data\": {}}",
		"{\"meta\": {\"code\": 200}}",
		"{\"meta\": {\"code\": 200}, \"data\": []}",
		"{\"meta\": {\"code\": 200}, \"data\": {}}",
		"{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": []}}",
		"{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": {\"tag\": 3}}}",
		"{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": {\"tag\": \"InTransit\", \"checkpoints\": {}}}}",
		"{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": {\"tag\": \"InTransit\", \"checkpoints\": [7]}}}",
		("{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": {\"tag\": \"InTransit\", \"checkpoints\": "
		 "[{\"checkpoint_time\": 1}]}}}"),
		("{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": {\"tag\": \"InTransit\", \"checkpoints\": "
		 "[{\"checkpoint_time\": \"27.11.2026 10:00\"}]}}}"),
		("{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": {\"tag\": \"InTransit\", \"checkpoints\": "
		 "[{\"checkpoint_time\": \"2026-11-27T10:00:00\", \"location\": {\"city\": \"X\"}}]}}}"),
		"{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": {\"tag\": \"InTransit\", \"slug\": 1}}}",
		"{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": {\"tag\": \"InTransit\", \"expected_delivery\": 1}}}",
	};
	struct carrier_result r;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		parse_text(bad[i], 200, &r);
		if (r.outcome != CARRIER_MALFORMED)
			fail_msg("%s: outcome %d, not malformed", bad[i], r.outcome);
		assert_non_null(r.error);
		assert_int_equal(r.nevents, 0);
		carrier_result_clear(&r);
	}
	/* a promise that is not a day is left out, not a failure */
	parse_text("{\"meta\": {\"code\": 200}, \"data\": {\"tracking\": {\"tag\": \"InTransit\", "
		   "\"expected_delivery\": \"soon\"}}}",
		   200, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	assert_string_equal(r.expected, "");
	carrier_result_clear(&r);
}

static void truncated_answers(void **state)
{
	struct carrier_result r;
	size_t len;
	char *body = fixture("aftership/8899999999999.json", &len);

	(void)state;
	while (len > 0 && (body[len - 1] == '\n' || body[len - 1] == ' '))
		len--;
	for (size_t n = 0; n < len; n++) {
		char *cut = malloc(n > 0 ? n : 1);

		assert_non_null(cut);
		memcpy(cut, body, n);
		carrier_result_init(&r);
		carrier_aftership.parse(200, cut, n, &r);
		if (r.outcome != CARRIER_MALFORMED)
			fail_msg("%zu of %zu bytes: outcome %d", n, len, r.outcome);
		carrier_result_clear(&r);
		free(cut);
	}
	free(body);
}

static void builds_the_request(void **state)
{
	struct carrier_account acct = { "https://api.aftership.com", "as-k3y" };
	struct carrier_request rq;
	struct carrier_result r;

	(void)state;
	memset(&rq, 0, sizeof rq);
	carrier_result_init(&r);
	assert_int_equal(carrier_aftership.build(&acct, "yurtici", "719999999999", &rq, &r), 0);
	assert_string_equal(rq.url, "https://api.aftership.com/tracking/2024-04/trackings/yurtici-kargo/719999999999");
	assert_string_equal(rq.headers[0], "as-api-key: as-k3y");
	assert_string_equal(rq.headers[1], "Accept: application/json");
	assert_null(rq.headers[2]);
	assert_null(rq.body);
	carrier_request_clear(&rq);
	assert_int_equal(carrier_aftership.build(&acct, "ptt", "CZ999999995TR", &rq, &r), 0);
	assert_string_equal(rq.url, "https://api.aftership.com/tracking/2024-04/trackings/ptt-posta/CZ999999995TR");
	carrier_request_clear(&rq);
	assert_int_equal(carrier_aftership.build(&acct, "ups", "../../x?y", &rq, &r), 0);
	assert_string_equal(rq.url, "https://api.aftership.com/tracking/2024-04/trackings/ups/..%2F..%2Fx%3Fy");
	carrier_request_clear(&rq);

	assert_int_equal(carrier_aftership.build(&acct, "royalmail", "1", &rq, &r), -1);
	assert_int_equal(r.outcome, CARRIER_NOT_SET_UP);
	acct.api_key = NULL;
	assert_int_equal(carrier_aftership.build(&acct, "aras", "349999999999", &rq, &r), -1);
	assert_int_equal(r.outcome, CARRIER_NOT_SET_UP);
	assert_non_null(strstr(r.error, "[carrier.aftership]"));
	assert_null(rq.url);
	carrier_result_clear(&r);
}

/* 4004: the request that makes AfterShip follow a number, and its answers. */
static void asks_to_follow_a_number(void **state)
{
	struct carrier_account acct = { "https://api.aftership.com/", "as-k3y" };
	struct carrier_request rq;
	struct carrier_result r;
	static const char exists[] = "{\"meta\":{\"code\":4003,\"message\":\"Tracking already exists.\"},\"data\":{}}";
	static const char refused[] = "{\"meta\":{\"code\":4005,\"message\":\"The value of `slug` is invalid.\"},\"data\":{}}";

	(void)state;
	memset(&rq, 0, sizeof rq);
	carrier_result_init(&r);
	assert_non_null(carrier_aftership.build_create);
	assert_non_null(carrier_aftership.parse_create);
	assert_int_equal(carrier_aftership.build_create(&acct, "yurtici", "719999999999", &rq, &r), 0);
	assert_string_equal(rq.url, "https://api.aftership.com/tracking/2024-04/trackings");
	assert_string_equal(rq.headers[0], "as-api-key: as-k3y");
	assert_string_equal(rq.body, "{\"tracking\":{\"slug\":\"yurtici-kargo\",\"tracking_number\":\"719999999999\"}}");
	carrier_request_clear(&rq);
	/* A number with quotes goes into the JSON escaped, not spliced. */
	assert_int_equal(carrier_aftership.build_create(&acct, "ups", "A\"B", &rq, &r), 0);
	assert_non_null(strstr(rq.body, "\"A\\\"B\""));
	carrier_request_clear(&rq);
	assert_int_equal(carrier_aftership.build_create(&acct, "royalmail", "1", &rq, &r), -1);
	assert_int_equal(r.outcome, CARRIER_NOT_SET_UP);

	carrier_aftership.parse_create(201, "{\"meta\":{\"code\":201},\"data\":{}}", 30, &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	carrier_aftership.parse_create(400, exists, strlen(exists), &r);
	assert_int_equal(r.outcome, CARRIER_OK);
	carrier_aftership.parse_create(400, refused, strlen(refused), &r);
	assert_int_equal(r.outcome, CARRIER_BAD_REQUEST);
	assert_non_null(strstr(r.error, "slug"));
	carrier_aftership.parse_create(401, "", 0, &r);
	assert_int_equal(r.outcome, CARRIER_AUTH);
	carrier_aftership.parse_create(503, "<html>", 6, &r);
	assert_int_equal(r.outcome, CARRIER_SERVER);
	carrier_result_clear(&r);
	/* DHL answers about any number: nothing to create. */
	assert_null(carrier_dhl.build_create);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_status),
		cmocka_unit_test(times_places_and_promises),
		cmocka_unit_test(errors_are_outcomes_with_sentences),
		cmocka_unit_test(malformed_and_wrong_types),
		cmocka_unit_test(truncated_answers),
		cmocka_unit_test(builds_the_request),
		cmocka_unit_test(asks_to_follow_a_number),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
