#include "views/scan_code.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

bool scan_ean13_ok(const char *s)
{
	int sum = 0;

	if (strlen(s) != 13)
		return false;
	for (int i = 0; i < 13; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	for (int i = 0; i < 12; i++)
		sum += (s[i] - '0') * (i % 2 == 1 ? 3 : 1);
	return (10 - sum % 10) % 10 == s[12] - '0';
}

static bool thirteen_digits(const char *s)
{
	if (strlen(s) != 13)
		return false;
	for (int i = 0; i < 13; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* A carrier barcode prints its code (dhl) or the name people read (DHL, Yurtiçi
 * Kargo); scanners may send either case.  The names compare byte for byte apart
 * from ASCII case. */
static int carrier_named(const char *s)
{
	for (int i = 0; i < CARRIER_N; i++) {
		const struct carrier *c = carrier_get((enum carrier_id)i);

		if (strcasecmp(s, c->code) == 0 || strcasecmp(s, c->name) == 0)
			return i;
	}
	return -1;
}

int scan_only_carrier(unsigned tracking)
{
	int found = -1;

	for (int i = 0; i < CARRIER_N; i++)
		if (tracking & (1u << i)) {
			if (found >= 0)
				return -1;
			found = i;
		}
	return found;
}

void scan_classify(const char *raw, struct scan_code *out)
{
	size_t len;

	memset(out, 0, sizeof *out);
	out->carrier = -1;
	while (*raw == ' ' || *raw == '\t')
		raw++;
	len = strlen(raw);
	while (len > 0 && (raw[len - 1] == ' ' || raw[len - 1] == '\t' || raw[len - 1] == '\r' ||
			   raw[len - 1] == '\n'))
		len--;
	if (len == 0) {
		out->cls = SCAN_EMPTY;
		return;
	}
	if (len > SCAN_CODE_MAX) {
		memcpy(out->text, raw, SCAN_CODE_MAX);
		out->cls = SCAN_TOO_LONG;
		return;
	}
	memcpy(out->text, raw, len);
	for (size_t i = 0; i < len; i++)
		out->upper[i] = (char)toupper((unsigned char)raw[i]);
	if (strcmp(out->upper, "DONE") == 0) {
		out->cls = SCAN_DONE;
		return;
	}
	if (strcmp(out->upper, "CANCEL") == 0) {
		out->cls = SCAN_CANCEL;
		return;
	}
	out->carrier = carrier_named(out->text);
	if (out->carrier >= 0) {
		out->cls = SCAN_CARRIER;
		return;
	}
	for (int i = 0; i < CARRIER_N; i++)
		if (carrier_tracking_valid((enum carrier_id)i, out->upper))
			out->tracking |= 1u << i;
	if (thirteen_digits(out->text))
		out->cls = scan_ean13_ok(out->text) ? SCAN_EAN : SCAN_EAN_MISREAD;
	else
		out->cls = SCAN_OTHER;
}
