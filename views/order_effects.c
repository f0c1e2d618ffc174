/* What an action on the order screen will do, in words, before it runs: the
 * question its form asks once the values are right (tui_form_set_confirm).  It is
 * computed from the order as the screen shows it; the database decides again when
 * the action runs (a payment or refund in between changes the amount it uses). */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/money.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "views/detail.h"
#include "views/labels.h"
#include "views/order_view.h"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static int minor_of(const char *currency)
{
	int m = currency_minor_units(currency);

	return m < 0 ? 2 : m;
}

/* An amount of the document in minor units; false when it has none. */
static bool amount(json_t *o, const char *key, const char *currency, int64_t *out)
{
	return money_parse(str(o, key), minor_of(currency), out) == 0;
}

static void human(int64_t v, const char *currency, char *out, size_t len)
{
	(void)lf_money(v, currency, minor_of(currency), out, len);
}

/* "Cancel SO-…: refund 52,480.00 HUF to the card." as api.cancel_order does it:
 * what was paid, less what was refunded already, goes back. */
static void cancel_effect(struct strbuf *sb, const char *number, json_t *doc)
{
	const char *cur = str(doc, "currency");
	json_t *pay = json_object_get(doc, "payment");
	int64_t paid = 0, refunded = 0;
	char m[MONEY_BUFSZ];

	if (!json_is_object(pay)) {
		sb_printf(sb, _("Cancel %s: what was paid goes back (no payment is recorded, so nothing may be)."),
			  number);
		return;
	}
	if (!amount(pay, "paid", cur, &paid))
		paid = 0;
	if (!amount(doc, "refunded", cur, &refunded))
		refunded = 0;
	if (paid <= 0) {
		sb_printf(sb, _("Cancel %s: nothing was paid, so nothing is refunded."), number);
	} else if (paid - refunded <= 0) {
		human(paid, cur, m, sizeof m);
		sb_printf(sb, _("Cancel %s: the %s paid was refunded already; nothing more goes back."),
			  number, m);
	} else {
		human(paid - refunded, cur, m, sizeof m);
		sb_printf(sb, _("Cancel %s: refund %s %s."), number, m,
			  label_refund_to(str(pay, "method")));
	}
}

static void fee_effect(struct strbuf *sb, const char *number, json_t *doc)
{
	const char *cur = str(doc, "currency");
	int64_t fee = 0;
	char m[MONEY_BUFSZ];

	if (strcmp(str(doc, "status"), "cancelled") == 0) {
		sb_printf(sb, _("Refund the shipping fee of %s: it was cancelled, and its cancellation refund covered the fee; the database will refuse this."),
			  number);
		return;
	}
	if (!amount(doc, "shipping_fee", cur, &fee) || fee <= 0) {
		sb_printf(sb, _("Refund the shipping fee of %s: the order shows no fee, so the database will refuse it."),
			  number);
		return;
	}
	human(fee, cur, m, sizeof m);
	sb_printf(sb, _("Refund the shipping fee of %s: %s %s."), number, m,
		  label_refund_to(str(json_object_get(doc, "payment"), "method")));
}

static void compensate_effect(struct strbuf *sb, const char *number, json_t *doc,
			      struct tui_form *f)
{
	const char *cur = str(doc, "currency");
	int64_t v = 0;
	char m[MONEY_BUFSZ];

	/* The form's check let only an amount above zero through. */
	if (money_parse(tui_form_value(f, 1), minor_of(cur), &v) < 0)
		(void)snprintf(m, sizeof m, "%s %s", tui_form_value(f, 1), cur);
	else
		human(v, cur, m, sizeof m);
	if (strcmp(tui_form_value(f, 0), "refund") == 0)
		sb_printf(sb, _("For the delay on %s: refund %s %s."), number, m,
			  label_refund_to(str(json_object_get(doc, "payment"), "method")));
	else
		sb_printf(sb, _("For the delay on %s: a gift code worth %s, valid for one year."), number,
			  m);
}

char *order_effect(struct order_view *v, enum order_action which, struct tui_form *f)
{
	json_t *doc = detail_doc(v->detail);
	struct strbuf sb = STRBUF_INIT;

	if (doc == NULL)
		return NULL;
	switch (which) {
	case OA_CANCEL:
		cancel_effect(&sb, v->number, doc);
		break;
	case OA_REFUND_FEE:
		fee_effect(&sb, v->number, doc);
		break;
	case OA_COMPENSATE:
		compensate_effect(&sb, v->number, doc, f);
		break;
	case OA_MESSAGE: {
		const char *email = str(json_object_get(doc, "customer"), "email");

		sb_printf(&sb, _("E-mail the %s of %s to %s."), label_message_kind(tui_form_value(f, 0)),
			  v->number, *email != '\0' ? email : _("the customer"));
		sb_printf(&sb, "\n%s", _("A sent e-mail cannot be taken back."));
		return sb_take(&sb);
	}
	case OA_ADDRESS:
	case OA_NOTE:
	case OA_TICKET:
	case OA_CALL:
	case OA_ANSWERS:
	case OA_RETURN:
	case OA_GIFT: /* asks its own question: views/gift_code.c */
	case OA_COUNT:
		/* Changed again or closed like any other: no question. */
		return NULL;
	}
	sb_printf(&sb, "\n%s", _("This cannot be undone."));
	return sb_take(&sb);
}
