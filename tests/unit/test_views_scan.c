/* The scan pane's pure parts: what a scanned code is (views/scan_code.c) and one
 * order's packing counted at the console (views/scan_pack.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "carrier/carriers.h"
#include "views/scan_code.h"
#include "views/scan_pack.h"

static struct scan_code classify(const char *s)
{
	struct scan_code c;

	scan_classify(s, &c);
	return c;
}

static void ean13_check_digit(void **state)
{
	(void)state;
	assert_true(scan_ean13_ok("4006381333931"));
	assert_true(scan_ean13_ok("8690000000012"));
	assert_false(scan_ean13_ok("4006381333932")); /* one digit off: misread */
	assert_false(scan_ean13_ok("400638133393"));  /* twelve */
	assert_false(scan_ean13_ok("40063813339311"));
	assert_false(scan_ean13_ok("40063813339a1"));
	assert_false(scan_ean13_ok(""));
}

static void commands_and_carriers(void **state)
{
	(void)state;
	assert_int_equal(classify("DONE").cls, SCAN_DONE);
	assert_int_equal(classify("done").cls, SCAN_DONE);
	assert_int_equal(classify("  CANCEL \r").cls, SCAN_CANCEL);
	assert_int_equal(classify("").cls, SCAN_EMPTY);
	assert_int_equal(classify("   ").cls, SCAN_EMPTY);
	for (int i = 0; i < CARRIER_N; i++) {
		const struct carrier *c = carrier_get((enum carrier_id)i);
		struct scan_code k = classify(c->code);

		assert_int_equal(k.cls, SCAN_CARRIER);
		assert_int_equal(k.carrier, i);
		k = classify(c->name);
		assert_int_equal(k.cls, SCAN_CARRIER);
		assert_int_equal(k.carrier, i);
	}
	assert_int_equal(classify("DHL").carrier, CARRIER_DHL);
	assert_int_equal(classify("DONEX").cls, SCAN_OTHER);
}

static void eans_and_misreads(void **state)
{
	struct scan_code k;

	(void)state;
	k = classify("4006381333931");
	assert_int_equal(k.cls, SCAN_EAN);
	assert_string_equal(k.text, "4006381333931");
	k = classify("4006381333932");
	assert_int_equal(k.cls, SCAN_EAN_MISREAD);
	/* Thirteen digits are also the shape of a Yurtiçi number: both are said. */
	assert_true(k.tracking & (1u << CARRIER_YURTICI));
}

static void tracking_numbers(void **state)
{
	char no[CARRIER_TRACKING_MAX];
	struct scan_code k;

	(void)state;
	for (int i = 0; i < CARRIER_N; i++) {
		assert_true(carrier_tracking_example((enum carrier_id)i, 12345, no, sizeof no));
		k = classify(no);
		assert_true(k.tracking & (1u << i));
		/* MNG's thirteen digits are an EAN's shape too: the pane's state decides. */
		if (strlen(no) == 13 && strspn(no, "0123456789") == 13)
			assert_true(k.cls == SCAN_EAN || k.cls == SCAN_EAN_MISREAD);
		else
			assert_int_equal(k.cls, SCAN_OTHER);
	}
	/* UPS's and DHL's JJD numbers name their carrier alone; bare digits do not. */
	assert_true(carrier_tracking_example(CARRIER_UPS, 777, no, sizeof no));
	assert_int_equal(scan_only_carrier(classify(no).tracking), CARRIER_UPS);
	/* Scanners may send lower case; the number is stored upper-cased. */
	for (char *p = no; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	k = classify(no);
	assert_int_equal(scan_only_carrier(k.tracking), CARRIER_UPS);
	assert_int_equal(scan_only_carrier(classify("712345678901").tracking), -1);
	assert_int_equal(classify("SO-100120").tracking, 0u);
	assert_int_equal(classify("SO-100120").cls, SCAN_OTHER);
}

static void too_long(void **state)
{
	char s[SCAN_CODE_MAX + 2];

	(void)state;
	memset(s, '7', sizeof s - 1);
	s[sizeof s - 1] = '\0';
	assert_int_equal(classify(s).cls, SCAN_TOO_LONG);
	s[SCAN_CODE_MAX] = '\0';
	assert_int_not_equal(classify(s).cls, SCAN_TOO_LONG);
}

static json_t *order(void)
{
	json_t *o = json_loads("{\"number\":\"SO-1\",\"version\":4,\"late\":true,\"ship_by\":\"2026-11-20\","
			       "\"customer_name\":\"Ayşe\",\"lines\":["
			       "{\"line_no\":1,\"sku\":\"MUG-1\",\"ean\":\"8690000000012\",\"name\":\"Mug\",\"qty\":2},"
			       "{\"line_no\":2,\"sku\":\"TEA-9\",\"ean\":null,\"name\":\"Tea\",\"qty\":1}]}",
			       0, NULL);

	assert_non_null(o);
	return o;
}

static void packing_counts(void **state)
{
	struct scan_pack p = { .carrier = -1 };
	json_t *o = order();
	size_t line = 99;
	int got;
	char *items;

	(void)state;
	assert_int_equal(scan_pack_load(&p, o), 0);
	assert_true(scan_pack_active(&p));
	assert_string_equal(p.version, "4");
	assert_true(p.late);
	assert_int_equal(scan_pack_units(&p, &got), 3);
	assert_int_equal(got, 0);
	assert_int_equal(scan_pack_pick(&p, "8690000000012", &line), SCAN_PICK_COUNTED);
	assert_int_equal(line, 0);
	assert_int_equal(scan_pack_pick(&p, "8690000000029", &line), SCAN_PICK_NOT_HERE);
	assert_int_equal(scan_pack_pick(&p, "8690000000012", &line), SCAN_PICK_LINE_DONE);
	/* A third mug: the line is whole, and nothing counts. */
	assert_int_equal(scan_pack_pick(&p, "8690000000012", &line), SCAN_PICK_EXTRA);
	assert_int_equal(line, 0);
	assert_false(scan_pack_complete(&p));
	items = scan_pack_items_json(&p);
	assert_string_equal(items, "[{\"line_no\":1,\"qty\":2},{\"line_no\":2,\"qty\":0}]");
	free(items);
	/* A line without an EAN is picked by its SKU, in any case. */
	assert_int_equal(scan_pack_pick(&p, "tea-9", &line), SCAN_PICK_ALL_DONE);
	assert_int_equal(line, 1);
	assert_true(scan_pack_complete(&p));
	assert_int_equal(scan_pack_pick(&p, "TEA-9", &line), SCAN_PICK_EXTRA);
	items = scan_pack_items_json(&p);
	assert_string_equal(items, "[{\"line_no\":1,\"qty\":2},{\"line_no\":2,\"qty\":1}]");
	free(items);
	scan_pack_clear(&p);
	assert_false(scan_pack_active(&p));
	assert_int_equal(p.carrier, -1);
	json_decref(o);
}

static void packing_refuses_bad_documents(void **state)
{
	struct scan_pack p = { .carrier = -1 };
	json_t *o = json_loads("{\"number\":\"SO-1\",\"lines\":[]}", 0, NULL);

	(void)state;
	assert_int_equal(scan_pack_load(&p, o), -1); /* no version */
	assert_false(scan_pack_active(&p));
	json_decref(o);
	o = json_loads("{\"number\":\"SO-1\",\"version\":1,\"lines\":[{\"line_no\":1}]}", 0, NULL);
	assert_int_equal(scan_pack_load(&p, o), -1);
	assert_false(scan_pack_active(&p));
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ean13_check_digit),
		cmocka_unit_test(commands_and_carriers),
		cmocka_unit_test(eans_and_misreads),
		cmocka_unit_test(tracking_numbers),
		cmocka_unit_test(too_long),
		cmocka_unit_test(packing_counts),
		cmocka_unit_test(packing_refuses_bad_documents),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
