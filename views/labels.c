#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "common/money.h"
#include "views/labels.h"

struct label {
	const char *code;
	const char *text;
};

static const struct label order_status[] = {
	{ "pending", N_("unpaid") }, { "paid", N_("paid") },
	{ "packed", N_("packed") },            { "shipped", N_("shipped") },
	{ "delivered", N_("delivered") },      { "cancelled", N_("cancelled") },
};

static const struct label parcel_status[] = {
	{ "UNKNOWN", N_("unknown") },
	{ "PRE_TRANSIT", N_("label made") },
	{ "IN_TRANSIT", N_("in transit") },
	{ "OUT_FOR_DELIVERY", N_("out for delivery") },
	{ "AVAILABLE_FOR_PICKUP", N_("at pick-up point") },
	{ "DELIVERY_ATTEMPTED", N_("delivery failed") },
	{ "DELIVERED", N_("delivered") },
	{ "EXCEPTION", N_("problem") },
	{ "RETURNING", N_("returning") },
	{ "RETURNED", N_("returned") },
	{ "CANCELLED", N_("cancelled") },
	{ "EXPIRED", N_("tracking expired") },
};

static const struct label payment_method[] = {
	{ "card", N_("card") },
	{ "bank_transfer", N_("bank transfer") },
	{ "cash_on_delivery", N_("cash on delivery") },
	{ "wallet", N_("wallet") },
	{ "gift_code", N_("gift code") },
	{ "other", N_("other") },
};

static const char *lookup(const struct label *t, size_t n, const char *code)
{
	if (code == NULL)
		return "";
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return _(t[i].text);
	return code; /* a code newer than this program: show it as it is */
}

#define LOOKUP(table, code) lookup((table), sizeof(table) / sizeof((table)[0]), (code))

const char *label_order_status(const char *code)
{
	return LOOKUP(order_status, code);
}

const char *label_parcel_status(const char *code)
{
	return LOOKUP(parcel_status, code);
}

const char *label_payment_method(const char *code)
{
	return LOOKUP(payment_method, code);
}

void label_money(const char *amount, const char *currency, char *out, size_t outlen)
{
	int minor = currency != NULL ? currency_minor_units(currency) : -1;
	int64_t v;

	if (amount == NULL || *amount == '\0') {
		(void)snprintf(out, outlen, "%s", "");
		return;
	}
	if (minor < 0)
		minor = 2;
	if (money_parse(amount, minor, &v) == 0)
		money_format_human(v, currency, minor, out, outlen);
	else
		(void)snprintf(out, outlen, "%s %s", amount, currency != NULL ? currency : "");
}
