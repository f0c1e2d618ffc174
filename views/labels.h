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
const char *label_ticket_channel(const char *code);
const char *label_call_outcome(const char *code);
/* Why an order has not shipped: api.order_detail's why[].reason. */
const char *label_why_reason(const char *code);
/* One sentence: why an action (api.order_detail's can/cannot keys: cancel,
 * change_address, refund_fee, compensate_delay) does not apply, for its code. */
const char *label_action_refusal(const char *action, const char *code);
/* "299.80" + "TRY" → "299.80 TRY" grouped; the text itself when it is no amount. */
void label_money(const char *amount, const char *currency, char *out, size_t outlen);

#endif
