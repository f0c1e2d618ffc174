#include "carrier/carriers.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"

/* ---------------------------------------------------------------------------
 * Pieces of formats
 * ------------------------------------------------------------------------- */

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool upper_or_digit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

static bool digits_between(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);

	return n >= min && n <= max && digits(s, n);
}

/* snprintf that says whether everything fitted. */
static bool fits(int n, size_t len)
{
	return n > 0 && (size_t)n < len;
}

/* UPU S10 (the international standard for postal items): two letters of service
 * indicator, an eight-digit serial, a check digit, the ISO country of the post that
 * issued it.  Check digit: weights 8 6 4 2 3 5 9 7, 11 minus the sum modulo 11, where
 * 10 becomes 0 and 11 becomes 5. */
static int s10_check(const char *serial8)
{
	static const int w[8] = { 8, 6, 4, 2, 3, 5, 9, 7 };
	int sum = 0, c;

	for (int i = 0; i < 8; i++)
		sum += (serial8[i] - '0') * w[i];
	c = 11 - sum % 11;
	return c == 10 ? 0 : c == 11 ? 5 : c;
}

static bool s10_valid(const char *s, const char *country)
{
	return strlen(s) == 13 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
	       digits(s + 2, 9) && s10_check(s + 2) == s[10] - '0' && strcmp(s + 11, country) == 0;
}

/* Service indicators C[A-Z] are parcels in S10; the second letter carries the
 * serial's high part, so 26 * 10^8 examples. */
static bool s10_example(uint64_t serial, const char *country, char *out, size_t len)
{
	char body[9];

	(void)snprintf(body, sizeof body, "%08" PRIu64, serial % 100000000);
	return fits(snprintf(out, len, "C%c%s%d%s", (char)('A' + serial / 100000000), body, s10_check(body),
			     country),
		    len);
}

/* ---------------------------------------------------------------------------
 * One validator and one example maker per carrier
 * ------------------------------------------------------------------------- */

/* Yurtiçi, Aras and MNG publish no format for their numbers.  What their labels
 * and mails show is all digits, 10 to 15 of them (the demo's story has 12 for
 * Yurtiçi and Aras, 15 for MNG): a plausible shape, enough to catch an order number
 * scanned by mistake or a number of another carrier, not proof the carrier issued
 * it.  Examples take a prefix of their own (71, 34, 88) so that they never meet the
 * story's numbers or one another. */
static bool tr_valid(const char *s)
{
	return digits_between(s, 10, 15);
}

static bool yurtici_example(uint64_t serial, char *out, size_t len)
{
	return fits(snprintf(out, len, "71%010" PRIu64, serial), len);
}

static bool aras_example(uint64_t serial, char *out, size_t len)
{
	return fits(snprintf(out, len, "34%010" PRIu64, serial), len);
}

static bool mng_example(uint64_t serial, char *out, size_t len)
{
	return fits(snprintf(out, len, "88%011" PRIu64, serial), len);
}

/* PTT's parcels abroad carry S10 numbers ending in TR.  Its domestic barcodes have
 * other shapes that PTT does not publish; they are not accepted yet. */
static bool ptt_valid(const char *s)
{
	return s10_valid(s, "TR");
}

static bool ptt_example(uint64_t serial, char *out, size_t len)
{
	return s10_example(serial, "TR", out, len);
}

/* Magyar Posta (MPL) the same, ending in HU; its domestic parcel numbers are not
 * accepted yet either. */
static bool mpl_valid(const char *s)
{
	return s10_valid(s, "HU");
}

static bool mpl_example(uint64_t serial, char *out, size_t len)
{
	return s10_example(serial, "HU", out, len);
}

/* DHL Express: a waybill of ten digits, the last the first nine modulo 7 (DHL's
 * published rule), or a piece number on a parcel's label: JJD and digits.  DHL
 * publishes no length or check for those; 10 to 20 digits is what labels show. */
static bool dhl_valid(const char *s)
{
	size_t n = strlen(s);
	uint64_t v = 0;

	if (n > 3 && strncmp(s, "JJD", 3) == 0)
		return digits_between(s + 3, 10, 20);
	if (n != 10 || !digits(s, 10))
		return false;
	for (int i = 0; i < 9; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	return (uint64_t)(s[9] - '0') == v % 7;
}

static bool dhl_example(uint64_t serial, char *out, size_t len)
{
	return fits(snprintf(out, len, "%09" PRIu64 "%" PRIu64, serial, serial % 7), len);
}

/* UPS: 1Z, the shipper's six-character account, a two-character service, a
 * seven-character package number, and a check digit: digits count as themselves,
 * letters as (code - 63) mod 10 (A = 2 … H = 9, I = 0 …), every second one doubled,
 * the check is what the sum needs to reach a multiple of 10.  UPS does not publish
 * this officially; it is the rule every UPS number in circulation follows. */
static int ups_check(const char *s15)
{
	int sum = 0;

	for (int i = 0; i < 15; i++) {
		int v = s15[i] <= '9' ? s15[i] - '0' : (s15[i] - 63) % 10;

		sum += i % 2 == 1 ? 2 * v : v;
	}
	return (10 - sum % 10) % 10;
}

static bool ups_valid(const char *s)
{
	if (strlen(s) != 18 || strncmp(s, "1Z", 2) != 0)
		return false;
	for (int i = 2; i < 17; i++)
		if (!upper_or_digit(s[i]))
			return false;
	return s[17] - '0' == ups_check(s + 2);
}

/* Account BD and four base-36 characters from the serial's high part, service 11
 * (UPS Standard), the low seven digits as the package. */
static bool ups_example(uint64_t serial, char *out, size_t len)
{
	static const char b36[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	uint64_t hi = serial / 10000000;
	char body[16];

	(void)snprintf(body, sizeof body, "BD%c%c%c%c11%07" PRIu64, b36[hi / 46656 % 36], b36[hi / 1296 % 36],
		       b36[hi / 36 % 36], b36[hi % 36], serial % 10000000);
	return fits(snprintf(out, len, "1Z%s%d", body, ups_check(body)), len);
}

/* FedEx Express: twelve digits, the last a check digit: the first eleven weighted
 * 3 1 7 3 1 7 … from the left (1 3 7 from the right), the sum modulo 11, then
 * modulo 10.  FedEx Ground and SmartPost numbers (15, 20, 22 digits) are not
 * accepted yet. */
static int fedex_check(const char *s11)
{
	static const int w[3] = { 3, 1, 7 };
	int sum = 0;

	for (int i = 0; i < 11; i++)
		sum += (s11[i] - '0') * w[i % 3];
	return sum % 11 % 10;
}

static bool fedex_valid(const char *s)
{
	return strlen(s) == 12 && digits(s, 12) && s[11] - '0' == fedex_check(s);
}

static bool fedex_example(uint64_t serial, char *out, size_t len)
{
	char body[12];

	(void)snprintf(body, sizeof body, "6%010" PRIu64, serial);
	return fits(snprintf(out, len, "%s%d", body, fedex_check(body)), len);
}

/* GLS: parcel numbers of 11 or 12 digits is what its labels show; GLS publishes
 * no rule, so this is a plausible shape, not a check. */
static bool gls_valid(const char *s)
{
	return digits_between(s, 11, 12);
}

static bool gls_example(uint64_t serial, char *out, size_t len)
{
	return fits(snprintf(out, len, "5%010" PRIu64, serial), len);
}

/* ---------------------------------------------------------------------------
 * The list
 * ------------------------------------------------------------------------- */

static const struct {
	struct carrier pub;
	bool (*valid)(const char *s);
	bool (*example)(uint64_t serial, char *out, size_t len);
} carriers[CARRIER_N] = {
	[CARRIER_YURTICI] = { { "yurtici", "Yurtiçi Kargo", N_("10 to 15 digits"), false, 10000000000u },
			      tr_valid, yurtici_example },
	[CARRIER_ARAS] = { { "aras", "Aras Kargo", N_("10 to 15 digits"), false, 10000000000u },
			   tr_valid, aras_example },
	[CARRIER_MNG] = { { "mng", "MNG Kargo", N_("10 to 15 digits"), false, 100000000000u },
			  tr_valid, mng_example },
	[CARRIER_PTT] = { { "ptt", "PTT Kargo", N_("2 letters, 9 digits and TR, like RR123456785TR"), true,
			    2600000000u },
			  ptt_valid, ptt_example },
	[CARRIER_DHL] = { { "dhl", "DHL", N_("a 10-digit waybill, or JJD and 10 to 20 digits"), true,
			    1000000000u },
			  dhl_valid, dhl_example },
	[CARRIER_UPS] = { { "ups", "UPS", N_("1Z and 16 letters or digits"), true, 16796160000000u },
			  ups_valid, ups_example },
	[CARRIER_FEDEX] = { { "fedex", "FedEx", N_("12 digits"), true, 10000000000u },
			    fedex_valid, fedex_example },
	[CARRIER_MPL] = { { "mpl", "MPL (Magyar Posta)", N_("2 letters, 9 digits and HU, like RR123456785HU"),
			    true, 2600000000u },
			  mpl_valid, mpl_example },
	[CARRIER_GLS] = { { "gls", "GLS", N_("11 or 12 digits"), false, 10000000000u },
			  gls_valid, gls_example },
};

const struct carrier *carrier_get(enum carrier_id id)
{
	return (unsigned)id < CARRIER_N ? &carriers[id].pub : NULL;
}

int carrier_by_code(const char *code)
{
	for (int i = 0; i < CARRIER_N; i++)
		if (strcmp(carriers[i].pub.code, code) == 0)
			return i;
	return -1;
}

bool carrier_tracking_valid(enum carrier_id id, const char *number)
{
	return (unsigned)id < CARRIER_N && number != NULL && carriers[id].valid(number);
}

bool carrier_tracking_example(enum carrier_id id, uint64_t serial, char *out, size_t len)
{
	char buf[CARRIER_TRACKING_MAX];

	if ((unsigned)id >= CARRIER_N || serial >= carriers[id].pub.examples ||
	    !carriers[id].example(serial, buf, sizeof buf) || strlen(buf) >= len)
		return false;
	memcpy(out, buf, strlen(buf) + 1);
	return true;
}
