/* The order screen's "Where is it" sentence from api.order_detail's "plain"
 * (views/order_plain.c): in C word for word the database's plain_status, for
 * every case; in Turkish and Hungarian through the catalogs of this build, with
 * the locale's dates; from an older database (no "plain") plain_status as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <libintl.h>
#include <locale.h>

#include "common/locale_fmt.h"
#include "common/strbuf.h"
#include "views/order_plain.h"

/* The sentence order_plain writes for the document `json`. */
static char *say(const char *json)
{
	json_error_t err;
	json_t *doc = json_loads(json, 0, &err);
	struct strbuf sb = STRBUF_INIT;

	if (doc == NULL)
		fail_msg("bad test document: %s: %s", err.text, json);
	order_plain(doc, &sb);
	json_decref(doc);
	return sb_take(&sb);
}

static void says(const char *json, const char *want)
{
	char *got = say(json);

	assert_string_equal(got, want);
	free(got);
}

/* In C, the document's own plain_status. */
static void says_its_plain_status(const char *json)
{
	json_t *doc = json_loads(json, 0, NULL);

	assert_non_null(doc);
	says(json, json_string_value(json_object_get(doc, "plain_status")));
	json_decref(doc);
}

/* A document of one parcel, "plain" as api.order_detail gives it. */
#define ORDER_PARCELS "\"plain\": {\"case\": \"parcels\", \"status\": \"shipped\", \"ship_by\": \"2026-11-22\", " \
	"\"late_to_ship\": false, \"delivery_late\": false, \"today\": \"2026-11-27\"}"
#define ONE_PARCEL(status, parcel) \
	"{\"plain_status\": \"" status "\", " ORDER_PARCELS ", \"parcels\": [{\"plain\": " parcel "}]}"

static const char *const c_docs[] = {
	ONE_PARCEL("in transit with Yurtiçi Kargo since 2026-11-27, expected 2026-11-30",
		   "{\"case\": \"in_transit\", \"carrier\": \"Yurtiçi Kargo\", \"shipped\": \"2026-11-27\", "
		   "\"delivered\": null, \"expected\": \"2026-11-30\", \"days_late\": null, \"carrier_text\": null}"),
	ONE_PARCEL("in transit with Yurtiçi Kargo since 2026-11-20, expected 2026-11-25, late by 1 day",
		   "{\"case\": \"in_transit\", \"carrier\": \"Yurtiçi Kargo\", \"shipped\": \"2026-11-20\", "
		   "\"expected\": \"2026-11-25\", \"days_late\": 1}"),
	ONE_PARCEL("in transit with Yurtiçi Kargo since 2026-11-20, expected 2026-11-25, late by 2 days",
		   "{\"case\": \"in_transit\", \"carrier\": \"Yurtiçi Kargo\", \"shipped\": \"2026-11-20\", "
		   "\"expected\": \"2026-11-25\", \"days_late\": 2}"),
	ONE_PARCEL("handed to PTT Kargo on 2026-11-26, not picked up yet, expected 2026-12-01",
		   "{\"case\": \"pre_transit\", \"carrier\": \"PTT Kargo\", \"shipped\": \"2026-11-26\", "
		   "\"expected\": \"2026-12-01\"}"),
	ONE_PARCEL("out for delivery with DHL (shipped 2026-11-24), expected 2026-11-27",
		   "{\"case\": \"out_for_delivery\", \"carrier\": \"DHL\", \"shipped\": \"2026-11-24\", "
		   "\"expected\": \"2026-11-27\"}"),
	ONE_PARCEL("waiting to be picked up at a MPL (Magyar Posta) point (shipped 2026-11-24)",
		   "{\"case\": \"pickup\", \"carrier\": \"MPL (Magyar Posta)\", \"shipped\": \"2026-11-24\"}"),
	ONE_PARCEL("GLS tried to deliver and could not (shipped 2026-11-24), expected 2026-11-26, late by 1 day",
		   "{\"case\": \"attempted\", \"carrier\": \"GLS\", \"shipped\": \"2026-11-24\", "
		   "\"expected\": \"2026-11-26\", \"days_late\": 1}"),
	ONE_PARCEL("delivered by DHL on 2026-11-23",
		   "{\"case\": \"delivered\", \"carrier\": \"DHL\", \"shipped\": \"2026-11-20\", "
		   "\"delivered\": \"2026-11-23\"}"),
	ONE_PARCEL("delivered by kargoist",
		   "{\"case\": \"delivered\", \"carrier\": \"kargoist\", \"shipped\": \"2026-11-20\"}"),
	ONE_PARCEL("held up at Aras Kargo: address not found (shipped 2026-11-19), expected 2026-11-25, late by 2 days",
		   "{\"case\": \"exception\", \"carrier\": \"Aras Kargo\", \"shipped\": \"2026-11-19\", "
		   "\"carrier_text\": \"address not found\", \"expected\": \"2026-11-25\", \"days_late\": 2}"),
	ONE_PARCEL("held up at Aras Kargo: a problem with the parcel (shipped 2026-11-19)",
		   "{\"case\": \"exception\", \"carrier\": \"Aras Kargo\", \"shipped\": \"2026-11-19\", "
		   "\"carrier_text\": null}"),
	ONE_PARCEL("on its way back to us with MNG Kargo",
		   "{\"case\": \"returning\", \"carrier\": \"MNG Kargo\", \"shipped\": \"2026-11-10\"}"),
	ONE_PARCEL("returned to us by MNG Kargo",
		   "{\"case\": \"returned\", \"carrier\": \"MNG Kargo\", \"shipped\": \"2026-11-10\"}"),
	ONE_PARCEL("the UPS shipment was cancelled",
		   "{\"case\": \"cancelled\", \"carrier\": \"UPS\", \"shipped\": \"2026-11-10\"}"),
	ONE_PARCEL("PTT Kargo stopped reporting on it (shipped 2026-11-20), expected 2026-11-25, late by 2 days",
		   "{\"case\": \"expired\", \"carrier\": \"PTT Kargo\", \"shipped\": \"2026-11-20\", "
		   "\"expected\": \"2026-11-25\", \"days_late\": 2}"),
	ONE_PARCEL("shipped with FedEx on 2026-11-26, no tracking news yet, expected 2026-12-01",
		   "{\"case\": \"no_news\", \"carrier\": \"FedEx\", \"shipped\": \"2026-11-26\", "
		   "\"expected\": \"2026-12-01\"}"),
	"{\"plain_status\": \"2 parcels: in transit with Yurtiçi Kargo since 2026-11-18, expected 2026-11-23, "
	"late by 5 days; delivered by MNG Kargo on 2026-11-21\", " ORDER_PARCELS ", \"parcels\": ["
	"{\"plain\": {\"case\": \"in_transit\", \"carrier\": \"Yurtiçi Kargo\", \"shipped\": \"2026-11-18\", "
	"\"expected\": \"2026-11-23\", \"days_late\": 5}}, "
	"{\"plain\": {\"case\": \"delivered\", \"carrier\": \"MNG Kargo\", \"shipped\": \"2026-11-19\", "
	"\"delivered\": \"2026-11-21\"}}]}",
	"{\"plain_status\": \"paid, not shipped yet, to ship by 2026-11-29 (late to ship), delivery promised "
	"2026-11-30 to 2026-12-02\", \"plain\": {\"case\": \"not_shipped\", \"status\": \"paid\", "
	"\"ship_by\": \"2026-11-29\", \"late_to_ship\": true, \"promised_from\": \"2026-11-30\", "
	"\"promised_to\": \"2026-12-02\", \"delivery_late\": false, \"cancel_reason\": null}, \"parcels\": []}",
	"{\"plain_status\": \"packed, not shipped yet, to ship by 2026-11-22, delivery promised 2026-11-23 to "
	"2026-11-26, delivery late\", \"plain\": {\"case\": \"not_shipped\", \"status\": \"packed\", "
	"\"ship_by\": \"2026-11-22\", \"late_to_ship\": false, \"promised_from\": \"2026-11-23\", "
	"\"promised_to\": \"2026-11-26\", \"delivery_late\": true}, \"parcels\": []}",
	"{\"plain_status\": \"paid, not shipped yet, to ship by 2026-11-29\", \"plain\": {\"case\": \"not_shipped\", "
	"\"status\": \"paid\", \"ship_by\": \"2026-11-29\", \"late_to_ship\": false, \"promised_from\": null, "
	"\"promised_to\": null, \"delivery_late\": false}, \"parcels\": []}",
	"{\"plain_status\": \"cancelled: customer changed their mind\", \"plain\": {\"case\": \"cancelled\", "
	"\"status\": \"cancelled\", \"cancel_reason\": \"customer changed their mind\"}, \"parcels\": []}",
	"{\"plain_status\": \"cancelled\", \"plain\": {\"case\": \"cancelled\", \"status\": \"cancelled\", "
	"\"cancel_reason\": null}, \"parcels\": []}",
	"{\"plain_status\": \"waiting for payment\", \"plain\": {\"case\": \"pending\", \"status\": \"pending\"}}",
	"{\"plain_status\": \"waiting for payment, delivery late\", \"plain\": {\"case\": \"pending\", "
	"\"status\": \"pending\", \"delivery_late\": true}}",
	"{\"plain_status\": \"delivered\", \"plain\": {\"case\": \"delivered\", \"status\": \"delivered\"}}",
};

static int in_c(void **state)
{
	(void)state;
	if (setlocale(LC_MESSAGES, "C") == NULL)
		return -1;
	return locale_fmt_init("C");
}

/* This build's catalogs (BUILD/locale, made by check-build next to the program):
 * the test runs as BUILD/tests/unit/test_views_order_plain. */
static int in_locale(const char *loc)
{
	char exe[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 16);

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	for (int up = 0; up < 3; up++) {
		slash = strrchr(exe, '/');
		if (slash == NULL)
			return -1;
		*slash = '\0';
	}
	strcat(exe, "/locale");
	(void)unsetenv("LANGUAGE");
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL || setlocale(LC_MESSAGES, loc) == NULL) {
		fprintf(stderr, "# %s is not installed (tools/locales.sh)\n", loc);
		return -1;
	}
	if (bindtextdomain("backdesk", exe) == NULL || bind_textdomain_codeset("backdesk", "UTF-8") == NULL ||
	    textdomain("backdesk") == NULL)
		return -1;
	return locale_fmt_init(loc);
}

static int in_tr(void **state)
{
	(void)state;
	return in_locale("tr_TR.UTF-8");
}

static int in_hu(void **state)
{
	(void)state;
	return in_locale("hu_HU.UTF-8");
}

static void english_is_plain_status(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof c_docs / sizeof c_docs[0]; i++)
		says_its_plain_status(c_docs[i]);
}

static void older_database_or_unknown_case(void **state)
{
	(void)state;
	/* Before 0053: no "plain". */
	says("{\"plain_status\": \"in transit with Aras Kargo since 2026-11-20\", \"parcels\": [{}]}",
	     "in transit with Aras Kargo since 2026-11-20");
	/* A case newer than this program, on the order or a parcel: the database's words. */
	says("{\"plain_status\": \"on the moon\", \"plain\": {\"case\": \"lunar\"}}", "on the moon");
	says(ONE_PARCEL("teleported by DHL", "{\"case\": \"teleported\", \"carrier\": \"DHL\"}"), "teleported by DHL");
	/* Parcels said but none given. */
	says("{\"plain_status\": \"x\", " ORDER_PARCELS ", \"parcels\": []}", "x");
	says("{}", "");
}

static void turkish(void **state)
{
	(void)state;
	says(c_docs[0], "Yurtiçi Kargo ile 27-11-2026 tarihinden beri yolda, tahmini teslimat 30-11-2026");
	says(c_docs[1], "Yurtiçi Kargo ile 20-11-2026 tarihinden beri yolda, tahmini teslimat 25-11-2026, "
			"1 gün gecikmeli");
	says(c_docs[2], "Yurtiçi Kargo ile 20-11-2026 tarihinden beri yolda, tahmini teslimat 25-11-2026, "
			"2 gün gecikmeli");
	says(c_docs[7], "DHL tarafından 23-11-2026 tarihinde teslim edildi");
	says(c_docs[10], "Aras Kargo tarafında takıldı: gönderide bir sorun (kargoya verildi: 19-11-2026)");
	says(c_docs[16], "2 gönderi: Yurtiçi Kargo ile 18-11-2026 tarihinden beri yolda, tahmini teslimat "
			 "23-11-2026, 5 gün gecikmeli; MNG Kargo tarafından 21-11-2026 tarihinde teslim edildi");
	says(c_docs[17], "ödendi, henüz kargoya verilmedi, son kargo tarihi 29-11-2026 (kargoya geç kaldı), "
			 "söz verilen teslimat 30-11-2026 – 02-12-2026");
	says(c_docs[18], "paketli, henüz kargoya verilmedi, son kargo tarihi 22-11-2026, söz verilen teslimat "
			 "23-11-2026 – 26-11-2026, teslimat gecikti");
	says(c_docs[20], "iptal edildi: customer changed their mind");
	says(c_docs[22], "ödeme bekleniyor");
	says(c_docs[24], "ulaştı");
	/* Every case has its own Turkish sentence: none is left in English. */
	for (size_t i = 0; i < sizeof c_docs / sizeof c_docs[0]; i++) {
		char *got = say(c_docs[i]);
		json_t *doc = json_loads(c_docs[i], 0, NULL);

		assert_non_null(doc);
		if (strcmp(got, json_string_value(json_object_get(doc, "plain_status"))) == 0)
			fail_msg("left in English: %s", got);
		json_decref(doc);
		free(got);
	}
}

static void hungarian(void **state)
{
	(void)state;
	/* glibc's hu_HU writes dates the ISO way. */
	says(c_docs[2], "Yurtiçi Kargo szállítja, 2026-11-20 óta úton, várható kézbesítés: 2026-11-25, "
			"2 napot késik");
	says(c_docs[16], "2 csomag: Yurtiçi Kargo szállítja, 2026-11-18 óta úton, várható kézbesítés: 2026-11-23, "
			 "5 napot késik; MNG Kargo kézbesítette (2026-11-21)");
	says(c_docs[18], "csomagolt, még nincs feladva, feladási határidő: 2026-11-22, ígért kézbesítés: "
			 "2026-11-23 – 2026-11-26, a kézbesítés késik");
	says(c_docs[22], "fizetésre vár");
	for (size_t i = 0; i < sizeof c_docs / sizeof c_docs[0]; i++) {
		char *got = say(c_docs[i]);
		json_t *doc = json_loads(c_docs[i], 0, NULL);

		assert_non_null(doc);
		if (strcmp(got, json_string_value(json_object_get(doc, "plain_status"))) == 0)
			fail_msg("left in English: %s", got);
		json_decref(doc);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(english_is_plain_status, in_c),
		cmocka_unit_test_setup(older_database_or_unknown_case, in_c),
		cmocka_unit_test_setup(turkish, in_tr),
		cmocka_unit_test_setup(hungarian, in_hu),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
