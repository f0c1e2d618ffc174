/* carrier/track.c and carrier/adapters.c: the normalized statuses, times made
 * UTC by our own arithmetic whatever TZ says, events newest first without
 * repeats, the document api.record_tracking takes, and a service for every
 * carrier backdesk knows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "carrier/adapter.h"
#include "carrier/carriers.h"
#include "carrier/track.h"

static void status_codes_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < CS_N; s++)
		assert_int_equal(carrier_status_from_code(carrier_status_code((enum carrier_status)s)), s);
	assert_string_equal(carrier_status_code(CS_IN_TRANSIT), "IN_TRANSIT");
	assert_string_equal(carrier_status_code(CS_DELIVERY_ATTEMPTED), "DELIVERY_ATTEMPTED");
	assert_int_equal(carrier_status_from_code("in_transit"), CS_N);
	assert_int_equal(carrier_status_from_code(""), CS_N);
	assert_int_equal(carrier_status_from_code(NULL), CS_N);
	assert_true(carrier_status_final(CS_DELIVERED));
	assert_true(carrier_status_final(CS_RETURNED));
	assert_true(carrier_status_final(CS_CANCELLED));
	assert_true(carrier_status_final(CS_EXPIRED));
	assert_false(carrier_status_final(CS_RETURNING));
	assert_false(carrier_status_final(CS_EXCEPTION));
	assert_false(carrier_status_final(CS_UNKNOWN));
}

static void times_become_utc(void **state)
{
	static const struct {
		const char *in;
		enum carrier_zone zone;
		const char *want;
	} cases[] = {
		{ "2026-11-27T12:05:00+03:00", CARRIER_ZONE_UTC, "2026-11-27T09:05:00Z" },
		{ "2026-11-27T12:05:00+0300", CARRIER_ZONE_UTC, "2026-11-27T09:05:00Z" },
		{ "2026-11-27T12:05:00+03", CARRIER_ZONE_UTC, "2026-11-27T09:05:00Z" },
		{ "2026-11-27T12:05:00-05:30", CARRIER_ZONE_ISTANBUL, "2026-11-27T17:35:00Z" },
		{ "2026-12-31T23:30:00-01:00", CARRIER_ZONE_UTC, "2027-01-01T00:30:00Z" },
		{ "2024-03-01T01:00:00+03:00", CARRIER_ZONE_UTC, "2024-02-29T22:00:00Z" },
		{ "2026-11-27T09:05:00Z", CARRIER_ZONE_ISTANBUL, "2026-11-27T09:05:00Z" },
		{ "2026-11-27t09:05:00z", CARRIER_ZONE_UTC, "2026-11-27T09:05:00Z" },
		{ "2026-11-27T09:05:00.123456Z", CARRIER_ZONE_UTC, "2026-11-27T09:05:00Z" },
		{ "2026-11-27T09:05:00,5+01:00", CARRIER_ZONE_UTC, "2026-11-27T08:05:00Z" },
		{ "2026-11-27 09:05Z", CARRIER_ZONE_UTC, "2026-11-27T09:05:00Z" },
		{ "2026-06-30T23:59:60Z", CARRIER_ZONE_UTC, "2026-06-30T23:59:59Z" },
		/* without a zone: the carrier's */
		{ "2026-11-27T09:05:00", CARRIER_ZONE_UTC, "2026-11-27T09:05:00Z" },
		{ "2026-11-27T12:05:00", CARRIER_ZONE_ISTANBUL, "2026-11-27T09:05:00Z" },
		{ "2026-07-01T02:00:00", CARRIER_ZONE_ISTANBUL, "2026-06-30T23:00:00Z" },
		{ "2026-01-01T01:00", CARRIER_ZONE_ISTANBUL, "2025-12-31T22:00:00Z" },
		/* Istanbul before it stayed on +03 (2016-09-07): EET and EEST */
		{ "2015-01-15T12:00:00", CARRIER_ZONE_ISTANBUL, "2015-01-15T10:00:00Z" },
		{ "2015-07-01T12:00:00", CARRIER_ZONE_ISTANBUL, "2015-07-01T09:00:00Z" },
		{ "2015-03-29T02:59:00", CARRIER_ZONE_ISTANBUL, "2015-03-29T00:59:00Z" },
		{ "2015-03-29T04:00:00", CARRIER_ZONE_ISTANBUL, "2015-03-29T01:00:00Z" },
		{ "2016-10-31T12:00:00", CARRIER_ZONE_ISTANBUL, "2016-10-31T09:00:00Z" },
		{ "1970-01-01T00:00:00Z", CARRIER_ZONE_UTC, "1970-01-01T00:00:00Z" },
		{ "9999-12-31T23:59:59Z", CARRIER_ZONE_UTC, "9999-12-31T23:59:59Z" },
	};
	char out[32];

	(void)state;
	/* The process's zone must not matter. */
	assert_int_equal(setenv("TZ", "America/New_York", 1), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (!carrier_time_utc(cases[i].in, strlen(cases[i].in), cases[i].zone, out))
			fail_msg("%s was refused", cases[i].in);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("%s gave %s, not %s", cases[i].in, out, cases[i].want);
	}
	assert_int_equal(unsetenv("TZ"), 0);
}

static void not_times_are_refused(void **state)
{
	static const char *const bad[] = {
		"", "2026-11-27", "2026-11-27T", "2026-11-27T09", "2026-13-01T00:00:00Z",
		"2026-00-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
		"2026-11-27T24:00:00Z", "2026-11-27T09:60:00Z", "2026-11-27T09:05:61Z",
		"2026-11-27T09:05:00+19:00", "2026-11-27T09:05:00+03:", "2026-11-27T09:05:00+03:60",
		"2026-11-27T09:05:00Zjunk", "2026-11-27T09:05:00.Z", "2026-11-27T09:05:00 +03:00",
		"1969-12-31T23:59:59Z", "26-11-27T09:05:00Z", "2026-11-27X09:05:00Z",
		"1970-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", "2026-1-27T09:05:00Z",
		"２０26-11-27T09:05:00Z", "yesterday", "2026-11-27T09:05:00+3",
	};
	char out[32];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		strcpy(out, "x");
		if (carrier_time_utc(bad[i], strlen(bad[i]), CARRIER_ZONE_UTC, out))
			fail_msg("%s was taken as %s", bad[i], out);
		assert_string_equal(out, "");
	}
	assert_false(carrier_time_utc(NULL, 0, CARRIER_ZONE_UTC, out));
	/* n bytes, no NUL needed: the cut decides */
	assert_true(carrier_time_utc("2026-11-27T09:05:00+03:00", 19, CARRIER_ZONE_UTC, out));
	assert_string_equal(out, "2026-11-27T09:05:00Z");
	assert_false(carrier_time_utc("2026-11-27T09:05:00+03:00", 17, CARRIER_ZONE_UTC, out));
}

static void dates_are_the_carriers_day(void **state)
{
	char out[11];

	(void)state;
	assert_true(carrier_date("2026-11-29", 10, out));
	assert_string_equal(out, "2026-11-29");
	/* the promised day as the carrier wrote it, not moved into UTC */
	assert_true(carrier_date("2026-11-29T01:00:00+03:00", 25, out));
	assert_string_equal(out, "2026-11-29");
	assert_true(carrier_date("2026-11-29 18:00", 16, out));
	assert_string_equal(out, "2026-11-29");
	assert_false(carrier_date("2026-11-31", 10, out));
	assert_string_equal(out, "");
	assert_false(carrier_date("2026-11-2", 9, out));
	assert_false(carrier_date("2026-11-29x", 11, out));
	assert_false(carrier_date("", 0, out));
	assert_false(carrier_date(NULL, 0, out));
}

static void texts_are_cut_on_a_character(void **state)
{
	char *s;

	(void)state;
	s = carrier_text("İstanbul", 3); /* İ is two bytes, s one */
	assert_string_equal(s, "İs");
	free(s);
	s = carrier_text("İstanbul", 1);
	assert_string_equal(s, "");
	free(s);
	s = carrier_text("abc", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = carrier_text(NULL, 5);
	assert_string_equal(s, "");
	free(s);
	assert_true(carrier_words("The shipment is OUT FOR DELIVERY", "out for delivery"));
	assert_false(carrier_words("Out for", "out for delivery"));
	assert_false(carrier_words(NULL, "x"));
}

static void events_newest_first_without_repeats(void **state)
{
	struct carrier_result r;

	(void)state;
	carrier_result_init(&r);
	carrier_result_add_event(&r, "2026-11-25T10:00:00Z", CS_IN_TRANSIT, "a", "first", "X");
	carrier_result_add_event(&r, "2026-11-27T10:00:00Z", CS_DELIVERED, "d", "delivered", "Y");
	carrier_result_add_event(&r, "2026-11-25T10:00:00Z", CS_IN_TRANSIT, "b", "other code", "X");
	carrier_result_add_event(&r, "2026-11-25T10:00:00Z", CS_IN_TRANSIT, "a", "same again", "X");
	carrier_result_add_event(&r, "2026-11-25T10:00:00Z", CS_IN_TRANSIT, "a", "other place", "Z");
	carrier_result_add_event(&r, "2026-11-27T10:00:00Z", CS_DELIVERED, "d", "delivered twice", "Y");
	carrier_result_sort_events(&r);
	assert_int_equal(r.nevents, 4);
	assert_string_equal(r.events[0].text, "delivered");
	assert_string_equal(r.events[1].text, "first");
	assert_string_equal(r.events[2].text, "other code");
	assert_string_equal(r.events[3].text, "other place");
	carrier_result_clear(&r);
	assert_null(r.events);
	assert_int_equal(r.nevents, 0);
}

static void events_are_capped_keeping_the_newest(void **state)
{
	struct carrier_result r;
	char at[32], text[16];
	char *long_text = malloc(5000);

	(void)state;
	assert_non_null(long_text);
	memset(long_text, 'x', 4999);
	long_text[4999] = '\0';
	carrier_result_init(&r);
	for (int i = 0; i < 1000; i++) {
		(void)snprintf(at, sizeof at, "2026-01-01T%02d:%02d:00Z", i / 60 % 24, i % 60);
		(void)snprintf(text, sizeof text, "%d", i);
		carrier_result_add_event(&r, at, CS_IN_TRANSIT, long_text, text, long_text);
	}
	carrier_result_sort_events(&r);
	assert_int_equal(r.nevents, CARRIER_EVENTS_MAX);
	assert_string_equal(r.events[0].text, "999");
	assert_string_equal(r.events[CARRIER_EVENTS_MAX - 1].text, "500");
	assert_int_equal(strlen(r.events[0].code), CARRIER_CODE_MAX);
	assert_int_equal(strlen(r.events[0].location), CARRIER_LOCATION_MAX);
	carrier_result_set_latest(&r, CS_IN_TRANSIT, long_text, long_text);
	assert_int_equal(strlen(r.text), CARRIER_TEXT_MAX);
	carrier_result_clear(&r);
	free(long_text);
}

/* Many at one time (a carrier repeating itself): repeats go whatever lies
 * between them, equal times stay in the order given. */
static void many_events_at_one_time(void **state)
{
	struct carrier_result r;
	char code[16], text[24];

	(void)state;
	carrier_result_init(&r);
	for (int i = 0; i < 30000; i++) {
		(void)snprintf(code, sizeof code, "c%d", (i * 7) % 1000);
		(void)snprintf(text, sizeof text, "%d", i);
		carrier_result_add_event(&r, "2026-11-27T10:00:00Z", CS_IN_TRANSIT, code, text, "X");
	}
	carrier_result_sort_events(&r);
	assert_int_equal(r.nevents, CARRIER_EVENTS_MAX);
	for (size_t i = 0; i < r.nevents; i++) {
		(void)snprintf(text, sizeof text, "%zu", i);
		assert_string_equal(r.events[i].text, text);
	}
	carrier_result_clear(&r);
}

static void result_json_is_what_record_tracking_takes(void **state)
{
	struct carrier_result r;
	json_error_t err;
	json_t *doc, *ev;
	char *s;

	(void)state;
	carrier_result_init(&r);
	carrier_result_set_latest(&r, CS_OUT_FOR_DELIVERY, "transit", "Out for \"delivery\"");
	carrier_result_add_event(&r, "2026-11-27T07:45:00Z", CS_OUT_FOR_DELIVERY, "transit", "Out", "Kadıköy");
	s = carrier_result_json(&r);
	assert_non_null(s);
	doc = json_loads(s, 0, &err);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "status")), "OUT_FOR_DELIVERY");
	assert_string_equal(json_string_value(json_object_get(doc, "code")), "transit");
	assert_string_equal(json_string_value(json_object_get(doc, "text")), "Out for \"delivery\"");
	assert_true(json_is_null(json_object_get(doc, "expected_delivery")));
	assert_int_equal(json_array_size(json_object_get(doc, "events")), 1);
	ev = json_array_get(json_object_get(doc, "events"), 0);
	assert_string_equal(json_string_value(json_object_get(ev, "at")), "2026-11-27T07:45:00Z");
	assert_string_equal(json_string_value(json_object_get(ev, "status")), "OUT_FOR_DELIVERY");
	assert_string_equal(json_string_value(json_object_get(ev, "location")), "Kadıköy");
	assert_int_equal(json_object_size(ev), 5);
	json_decref(doc);
	free(s);

	strcpy(r.expected, "2026-11-28");
	s = carrier_result_json(&r);
	assert_non_null(strstr(s, "\"expected_delivery\":\"2026-11-28\""));
	free(s);

	carrier_result_fail(&r, CARRIER_SERVER, "first %d", 1);
	carrier_result_fail(&r, CARRIER_TIMEOUT, "second %s", "one");
	assert_int_equal(r.outcome, CARRIER_TIMEOUT);
	assert_string_equal(r.error, "second one");
	assert_null(carrier_result_json(&r));
	carrier_result_clear(&r);
	assert_null(r.error);
	assert_int_equal(r.outcome, CARRIER_OK);
}

static void every_carrier_has_a_service(void **state)
{
	(void)state;
	for (int id = 0; id < CARRIER_N; id++) {
		const char *code = carrier_get((enum carrier_id)id)->code;
		const struct carrier_adapter *a = carrier_adapter_for(code);

		if (a == NULL)
			fail_msg("no service tracks %s", code);
		if (a == &carrier_aftership && carrier_aftership_slug(code) == NULL)
			fail_msg("%s goes to AfterShip without a slug", code);
	}
	assert_ptr_equal(carrier_adapter_for("dhl"), &carrier_dhl);
	assert_ptr_equal(carrier_adapter_for("yurtici"), &carrier_aftership);
	assert_string_equal(carrier_aftership_slug("yurtici"), "yurtici-kargo");
	assert_string_equal(carrier_aftership_slug("mng"), "mngkargo");
	assert_string_equal(carrier_aftership_slug("ptt"), "ptt-posta");
	assert_null(carrier_adapter_for("royalmail"));
	assert_null(carrier_adapter_for(NULL));
	assert_null(carrier_aftership_slug("nope"));
	assert_string_equal(carrier_dhl.name, "dhl");
	assert_string_equal(carrier_aftership.name, "aftership");
	assert_true(carrier_dhl.per_second > 0 && carrier_dhl.burst >= 1);
	assert_true(carrier_aftership.per_second > 0 && carrier_aftership.burst >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_codes_round_trip),
		cmocka_unit_test(times_become_utc),
		cmocka_unit_test(not_times_are_refused),
		cmocka_unit_test(dates_are_the_carriers_day),
		cmocka_unit_test(texts_are_cut_on_a_character),
		cmocka_unit_test(events_newest_first_without_repeats),
		cmocka_unit_test(events_are_capped_keeping_the_newest),
		cmocka_unit_test(many_events_at_one_time),
		cmocka_unit_test(result_json_is_what_record_tracking_takes),
		cmocka_unit_test(every_carrier_has_a_service),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
