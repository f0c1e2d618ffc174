#ifndef BACKDESK_VIEWS_LABELS_H
#define BACKDESK_VIEWS_LABELS_H
/* The words people read for the database's codes (translated), one table per kind of
 * code: every screen and form shows a code through here. */

const char *label_order_status(const char *code);
const char *label_parcel_status(const char *code);
const char *label_payment_method(const char *code);
/* The closed lists the database keeps (backdesk.choices): a code this program does
 * not know yet shows as itself. */
const char *label_ticket_category(const char *code);
const char *label_ticket_status(const char *code);
const char *label_ticket_priority(const char *code);
/* The same in at most 6 cells, for a column header (the dashboard's grid). */
const char *label_ticket_priority_column(const char *code);
const char *label_ticket_channel(const char *code);
const char *label_call_outcome(const char *code);
/* A ticket message's kind: note, reply, call, system, customer. */
const char *label_ticket_message_kind(const char *code);
/* Returns, refunds and gift codes. */
const char *label_return_status(const char *code);
const char *label_return_condition(const char *code);
const char *label_return_disposition(const char *code);
const char *label_return_kind(const char *code);
const char *label_refund_kind(const char *code);
/* The same in at most 8 cells ("ship fee"), for lists. */
const char *label_refund_kind_short(const char *code);
const char *label_gift_state(const char *code);
/* Where a refund of money paid with `method` goes: "to the card". */
const char *label_refund_to(const char *method);
/* The choices of the order screen's forms. */
const char *label_compensate_how(const char *code);
/* A return line's reason code in words; label (the database's, may be NULL) for a
 * code this program does not know. */
const char *label_return_reason(const char *code, const char *label);
/* A gift code's reason code, as the form offers it ("a late delivery"). */
const char *label_gift_reason(const char *code);
const char *label_message_kind(const char *code);
/* A date with what it is: "ordered 2026-11-20", "ship by 2026-11-24".  An empty
 * date gives "".  Returns out. */
enum label_when {
	WHEN_ORDERED,
	WHEN_SHIP_BY,
	WHEN_SHIPPED,
	WHEN_DELIVERED,
	WHEN_OPENED,
	WHEN_REQUESTED,
	WHEN_REFUNDED,
	WHEN_EXPIRES,
	WHEN_EXPIRED,
	WHEN_RATED,
	WHEN_WRITTEN,
};
const char *label_date(enum label_when what, const char *date, char *out, size_t outlen);
/* A note's time and author: "written 2026-11-23 10:00 by Ayşe Yılmaz" (either may
 * be empty).  Returns out. */
const char *label_written(const char *date, const char *author, char *out, size_t outlen);
/* A customer's language in words ("Turkish" for tr or tr_TR); an unknown one as it is. */
const char *label_language(const char *locale);
/* A stored phone number in one form, "+90 552 387 29 50" (common/phone.c's), when
 * it reads as one; anything else as it was stored. */
void label_phone(const char *stored, char *out, size_t outlen);
/* Why an order has not shipped: api.order_detail's why[].reason. */
const char *label_why_reason(const char *code);
/* One sentence: why an action (api.order_detail's can/cannot keys: cancel,
 * change_address, refund_fee, compensate_delay) does not apply, for its code. */
const char *label_action_refusal(const char *action, const char *code);
/* "299.80" + "TRY" → "299.80 TRY" grouped; the text itself when it is no amount. */
void label_money(const char *amount, const char *currency, char *out, size_t outlen);
/* What a gift code is worth: its amount ("50.00 TRY"), or its percent and the most
 * it takes off ("10 % (≤ 29.98 TRY)"), as api.order_detail and api.customer_360 give
 * them (0039).  Returns out. */
const char *label_gift_value(const char *amount, const char *percent, const char *max_value,
			     const char *currency, char *out, size_t outlen);

#endif
