#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/money.h"
#include "common/phone.h"
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

/* The closed lists the database keeps (0015): the codes come from there, these are
 * only what people read for the codes this program knows. */
static const struct label ticket_category[] = {
	{ "where-is-my-order", N_("where is my order") }, { "delay", N_("delay") },
	{ "damaged", N_("damaged") }, { "wrong-item", N_("wrong item") },
	{ "not-as-described", N_("not as described") }, { "return", N_("return") },
	{ "refund", N_("refund") }, { "shipping-fee", N_("shipping fee") },
	{ "warranty", N_("warranty") }, { "technical", N_("technical") }, { "payment", N_("payment") },
	{ "cancellation", N_("cancellation") }, { "address-change", N_("address change") },
	{ "complaint", N_("complaint") }, { "suggestion", N_("suggestion") }, { "praise", N_("praise") },
	{ "other", N_("other") },
};

static const struct label ticket_status[] = {
	{ "new", N_("new") }, { "open", N_("open") }, { "pending", N_("pending") },
	/* People say a ticket is resolved; the code is solved. */
	{ "on_hold", N_("on hold") }, { "solved", N_("resolved") }, { "closed", N_("closed") },
};

static const struct label ticket_priority[] = {
	{ "urgent", N_("urgent") }, { "high", N_("high") }, { "normal", N_("normal") }, { "low", N_("low") },
};

/* The same as a column header of at most 6 cells (the dashboard's grid), in the
 * "column" context: a language whose word is longer says it shorter there. */
static const struct label ticket_priority_column[] = {
	{ "urgent", NC_("column", "urgent") }, { "high", NC_("column", "high") },
	{ "normal", NC_("column", "normal") }, { "low", NC_("column", "low") },
};

static const struct label ticket_channel[] = {
	{ "phone", N_("phone") }, { "email", N_("e-mail") }, { "chat", N_("chat") },
	{ "social", N_("social media") }, { "web", N_("web form") },
};

static const struct label ticket_message_kind[] = {
	{ "note", N_("internal note") }, { "reply", N_("reply") }, { "call", N_("call") },
	{ "system", N_("system") }, { "customer", N_("customer") },
};

static const struct label call_outcome[] = {
	{ "noted", N_("noted (ticket unchanged)") }, { "resolved", N_("resolved (solves the ticket)") },
	{ "follow-up", N_("follow-up") }, { "escalated", N_("escalated") },
	{ "callback-requested", N_("callback requested") }, { "no-answer", N_("no answer") },
};

static const struct label return_status[] = {
	{ "requested", N_("requested") }, { "approved", N_("approved") }, { "rejected", N_("rejected") },
	{ "awaiting_parcel", N_("on its way back") }, { "received", N_("received") },
	{ "inspected", N_("inspected") }, { "refunded", N_("refunded") }, { "exchanged", N_("exchanged") },
	{ "repaired", N_("repaired") }, { "store_credit", N_("store credit") }, { "closed", N_("closed") },
};

static const struct label return_condition[] = {
	{ "as_new", N_("as new") }, { "opened", N_("opened") }, { "damaged", N_("damaged") },
	{ "missing_parts", N_("missing parts") },
};

static const struct label return_disposition[] = {
	{ "restock", N_("restock") }, { "write_off", N_("write off") },
};

static const struct label return_kind[] = {
	{ "return", N_("return") }, { "exchange", N_("exchange") }, { "warranty", N_("warranty") },
};

static const struct label refund_kind[] = {
	{ "return", N_("return") }, { "shipping_fee", N_("shipping fee") },
	{ "goodwill", N_("goodwill") }, { "cancellation", N_("cancellation") },
};

/* The same in at most 8 cells, for a list at 80 columns (the refunds ledger). */
static const struct label refund_kind_short[] = {
	{ "return", N_("return") }, { "shipping_fee", N_("ship fee") },
	{ "goodwill", N_("goodwill") }, { "cancellation", N_("cancel") },
};

static const struct label gift_state[] = {
	{ "valid", N_("valid") }, { "redeemed", N_("redeemed") }, { "expired", N_("expired") },
};

/* Where money paid with a method goes back to: "refund 52,480.00 HUF <to the card>". */
static const struct label refund_to[] = {
	{ "card", N_("to the card") },
	{ "bank_transfer", N_("to the bank account it came from") },
	{ "cash_on_delivery", N_("to the customer (paid cash on delivery)") },
	{ "wallet", N_("to the wallet") },
	{ "gift_code", N_("as a gift code") },
	{ "other", N_("the way it was paid") },
};

/* Why goods come back (backdesk.return_reasons, 0036): the table's label is the
 * database's English, for a code newer than this program.  Their own context: the
 * return screen gives them 20 cells, the ticket categories of the same words more. */
static const struct label return_reason[] = {
	{ "damaged_in_transit", NC_("return reason", "damaged in transit") },
	{ "defective", NC_("return reason", "defective") },
	{ "wrong_item", NC_("return reason", "wrong item") },
	{ "not_as_described", NC_("return reason", "not as described") },
	{ "changed_mind", NC_("return reason", "changed mind") },
	{ "arrived_late", NC_("return reason", "arrived late") },
	{ "other", NC_("return reason", "other") },
};

/* Why a gift code was given (api.issue_gift_code's reason codes). */
static const struct label gift_reason[] = {
	{ "delay_compensation", N_("a late delivery") }, { "feedback_reward", N_("feedback") },
	{ "goodwill", N_("goodwill") }, { "store_credit", N_("store credit for a return") },
};

static const struct label compensate_how[] = {
	{ "gift_code", N_("gift code") }, { "refund", N_("refund") },
};

static const struct label message_kind[] = {
	{ "tracking", N_("tracking details") }, { "order_confirmation", N_("order confirmation") },
};

/* Why an order has not shipped (api.order_detail's "why", 0019). */
static const struct label why_reason[] = {
	{ "payment_unconfirmed", N_("payment not confirmed yet") },
	{ "out_of_stock", N_("out of stock") },
	{ "address_problem", N_("a problem with the address") },
	{ "awaiting_pickup", N_("packed, waiting for the carrier to pick it up") },
};

/* Why an action is not offered (api.order_detail's "cannot", 0019): action, code. */
static const struct {
	const char *action, *code, *text;
} action_refusal[] = {
	{ "cancel", "cancelled", N_("This order is already cancelled") },
	{ "cancel", "shipped", N_("This order has shipped: cancelling is no longer possible; start a return") },
	{ "cancel", "delivered", N_("This order was delivered: cancelling is no longer possible") },
	{ "change_address", "cancelled", N_("This order was cancelled: there is no address to change") },
	{ "change_address", "shipped", N_("This order has shipped: ask the carrier to redirect the parcel") },
	{ "change_address", "delivered", N_("This order was delivered: its address can no longer change") },
	{ "refund_fee", "cancelled", N_("This order was cancelled: its refund covered the shipping fee") },
	{ "refund_fee", "no_fee", N_("No shipping fee was charged on this order: nothing to refund") },
	{ "refund_fee", "not_free_shipping", N_("This order did not have free shipping: its fee was due") },
	{ "refund_fee", "fee_refunded", N_("The shipping fee of this order was already refunded") },
	{ "refund_fee", "not_paid", N_("This order has not been paid: there is nothing to refund") },
	{ "refund_fee", "refunded_all", N_("Less than the fee is left to refund on this order") },
	{ "compensate_delay", "cancelled", N_("This order was cancelled: there is no delivery to compensate") },
	{ "compensate_delay", "not_late", N_("This order was not late: there is no delay to compensate") },
	{ "resend", "cancelled", N_("This order was cancelled: there is nothing to send again; tell the customer about its refund") },
};

/* A customer's language (customers.locale: "tr", or "tr_TR" with a region). */
static const struct label language[] = {
	{ "tr", N_("Turkish") }, { "hu", N_("Hungarian") }, { "en", N_("English") },
	{ "de", N_("German") },
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

const char *label_ticket_category(const char *code)
{
	return LOOKUP(ticket_category, code);
}

const char *label_ticket_status(const char *code)
{
	return LOOKUP(ticket_status, code);
}

const char *label_ticket_priority(const char *code)
{
	return LOOKUP(ticket_priority, code);
}

const char *label_ticket_priority_column(const char *code)
{
	for (size_t i = 0; code != NULL && i < sizeof ticket_priority_column / sizeof ticket_priority_column[0]; i++)
		if (strcmp(ticket_priority_column[i].code, code) == 0)
			return i18n_pgettext("column", ticket_priority_column[i].text);
	return label_ticket_priority(code);
}

const char *label_ticket_channel(const char *code)
{
	return LOOKUP(ticket_channel, code);
}

const char *label_ticket_message_kind(const char *code)
{
	return LOOKUP(ticket_message_kind, code);
}

const char *label_call_outcome(const char *code)
{
	return LOOKUP(call_outcome, code);
}

const char *label_return_status(const char *code)
{
	return LOOKUP(return_status, code);
}

const char *label_return_condition(const char *code)
{
	return LOOKUP(return_condition, code);
}

const char *label_return_disposition(const char *code)
{
	return LOOKUP(return_disposition, code);
}

const char *label_return_kind(const char *code)
{
	return LOOKUP(return_kind, code);
}

const char *label_refund_kind(const char *code)
{
	return LOOKUP(refund_kind, code);
}

const char *label_refund_kind_short(const char *code)
{
	return LOOKUP(refund_kind_short, code);
}

const char *label_gift_state(const char *code)
{
	return LOOKUP(gift_state, code);
}

const char *label_refund_to(const char *method)
{
	/* A method newer than this program: not its code, a sentence. */
	for (size_t i = 0; method != NULL && i < sizeof refund_to / sizeof refund_to[0]; i++)
		if (strcmp(refund_to[i].code, method) == 0)
			return _(refund_to[i].text);
	return _("the way it was paid");
}

const char *label_return_reason(const char *code, const char *label)
{
	for (size_t i = 0; code != NULL && i < sizeof return_reason / sizeof return_reason[0]; i++)
		if (strcmp(return_reason[i].code, code) == 0)
			return i18n_pgettext("return reason", return_reason[i].text);
	return label != NULL && *label != '\0' ? label : code != NULL ? code : "";
}

const char *label_gift_reason(const char *code)
{
	return LOOKUP(gift_reason, code);
}

const char *label_compensate_how(const char *code)
{
	return LOOKUP(compensate_how, code);
}

const char *label_message_kind(const char *code)
{
	return LOOKUP(message_kind, code);
}

const char *label_language(const char *locale)
{
	char lang[3];
	const char *words;

	/* The language decides the words; a region ("tr_TR") changes nothing here. */
	if (locale != NULL && strlen(locale) > 2 && locale[2] == '_') {
		memcpy(lang, locale, 2);
		lang[2] = '\0';
		words = LOOKUP(language, lang);
		return words != lang ? words : locale; /* unknown: the locale as stored */
	}
	return LOOKUP(language, locale);
}

void label_phone(const char *stored, char *out, size_t outlen)
{
	char norm[PHONE_BUFSZ];

	/* Only what the lookup would take for a phone number is rewritten; anything
	 * else (an extension in words, a typo) shows as it was stored. */
	if (stored != NULL && phone_looks_like(stored) && phone_normalize(stored, norm, sizeof norm))
		phone_format(norm, out, outlen);
	else
		(void)snprintf(out, outlen, "%s", stored != NULL ? stored : "");
}

const char *label_written(const char *date, const char *author, char *out, size_t outlen)
{
	char when[64];

	(void)label_date(WHEN_WRITTEN, date, when, sizeof when);
	if (author == NULL || *author == '\0')
		(void)snprintf(out, outlen, "%s", when);
	else if (*when == '\0')
		(void)snprintf(out, outlen, _("written by %s"), author);
	else
		(void)snprintf(out, outlen, _("%s by %s"), when, author);
	return out;
}

const char *label_date(enum label_when what, const char *date, char *out, size_t outlen)
{
	char local[LF_BUFSZ];

	if (date == NULL || *date == '\0') {
		(void)snprintf(out, outlen, "%s", "");
		return out;
	}
	date = lf_when(date, local, sizeof local);
	switch (what) {
	case WHEN_ORDERED:
		(void)snprintf(out, outlen, _("ordered %s"), date);
		break;
	case WHEN_SHIP_BY:
		(void)snprintf(out, outlen, _("ship by %s"), date);
		break;
	case WHEN_SHIPPED:
		(void)snprintf(out, outlen, _("shipped %s"), date);
		break;
	case WHEN_DELIVERED:
		(void)snprintf(out, outlen, _("delivered %s"), date);
		break;
	case WHEN_OPENED:
		(void)snprintf(out, outlen, _("opened %s"), date);
		break;
	case WHEN_REQUESTED:
		(void)snprintf(out, outlen, _("requested %s"), date);
		break;
	case WHEN_REFUNDED:
		(void)snprintf(out, outlen, _("refunded %s"), date);
		break;
	case WHEN_EXPIRES:
		(void)snprintf(out, outlen, _("expires %s"), date);
		break;
	case WHEN_EXPIRED:
		(void)snprintf(out, outlen, _("expired %s"), date);
		break;
	case WHEN_RATED:
		(void)snprintf(out, outlen, _("rated %s"), date);
		break;
	case WHEN_WRITTEN:
		(void)snprintf(out, outlen, _("written %s"), date);
		break;
	}
	return out;
}

void label_money(const char *amount, const char *currency, char *out, size_t outlen)
{
	(void)lf_money_text(amount, currency, out, outlen);
}

const char *label_gift_value(const char *amount, const char *percent, const char *max_value,
			     const char *currency, char *out, size_t outlen)
{
	char most[64];

	if (percent == NULL || *percent == '\0') {
		label_money(amount, currency, out, outlen);
		return out;
	}
	if (max_value == NULL || *max_value == '\0') {
		/* TRANSLATORS: a gift code of a percent of the order it is used on. */
		(void)snprintf(out, outlen, _("%s %%"), percent);
		return out;
	}
	label_money(max_value, currency, most, sizeof most);
	/* TRANSLATORS: a percent gift code and the most it takes off: "10 % (≤ 29.98 TRY)". */
	(void)snprintf(out, outlen, _("%s %% (≤ %s)"), percent, most);
	return out;
}

const char *label_why_reason(const char *code)
{
	return LOOKUP(why_reason, code);
}

const char *label_action_refusal(const char *action, const char *code)
{
	for (size_t i = 0; i < sizeof action_refusal / sizeof action_refusal[0]; i++)
		if (action != NULL && code != NULL && strcmp(action_refusal[i].action, action) == 0 &&
		    strcmp(action_refusal[i].code, code) == 0)
			return _(action_refusal[i].text);
	return _("This does not apply to this order");
}
