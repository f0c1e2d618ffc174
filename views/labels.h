#ifndef BACKDESK_VIEWS_LABELS_H
#define BACKDESK_VIEWS_LABELS_H
/* The words people read for the database's codes (translated). */

const char *label_order_status(const char *code);
const char *label_parcel_status(const char *code);
const char *label_payment_method(const char *code);
/* "299.80" + "TRY" → "299.80 TRY" grouped; the text itself when it is no amount. */
void label_money(const char *amount, const char *currency, char *out, size_t outlen);

#endif
