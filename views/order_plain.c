/* "Where is it" in the user's language (views/order_plain.h).  Each case is one
 * whole sentence for translators, with its clauses (", expected …", ", late by …")
 * added as the database adds them, so English stays word for word plain_status
 * (backdesk.parcel_plain, api.order_detail: 0022, 0053). */
#include "views/order_plain.h"

#include <stdbool.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "views/labels.h"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static bool is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* One parcel's sentence; false for a case this program does not know. */
static bool parcel(json_t *p, struct strbuf *sb)
{
	json_t *pl = json_object_get(p, "plain"), *late;
	const char *c = str(pl, "case"), *carrier = str(pl, "carrier");
	char shipped[LF_BUFSZ], when[LF_BUFSZ];

	if (!json_is_object(pl))
		return false;
	(void)lf_when(str(pl, "shipped"), shipped, sizeof shipped);
	if (is(c, "pre_transit"))
		sb_printf(sb, _("handed to %s on %s, not picked up yet"), carrier, shipped);
	else if (is(c, "in_transit"))
		sb_printf(sb, _("in transit with %s since %s"), carrier, shipped);
	else if (is(c, "out_for_delivery"))
		sb_printf(sb, _("out for delivery with %s (shipped %s)"), carrier, shipped);
	else if (is(c, "pickup"))
		sb_printf(sb, _("waiting to be picked up at a %s point (shipped %s)"), carrier, shipped);
	else if (is(c, "attempted"))
		sb_printf(sb, _("%s tried to deliver and could not (shipped %s)"), carrier, shipped);
	else if (is(c, "delivered") && *str(pl, "delivered") != '\0')
		sb_printf(sb, _("delivered by %s on %s"), carrier, lf_when(str(pl, "delivered"), when, sizeof when));
	else if (is(c, "delivered"))
		sb_printf(sb, _("delivered by %s"), carrier);
	else if (is(c, "exception"))
		/* The carrier's own words are shown as they came. */
		sb_printf(sb, _("held up at %s: %s (shipped %s)"), carrier,
			  *str(pl, "carrier_text") != '\0' ? str(pl, "carrier_text") : _("a problem with the parcel"),
			  shipped);
	else if (is(c, "returning"))
		sb_printf(sb, _("on its way back to us with %s"), carrier);
	else if (is(c, "returned"))
		sb_printf(sb, _("returned to us by %s"), carrier);
	else if (is(c, "cancelled"))
		sb_printf(sb, _("the %s shipment was cancelled"), carrier);
	else if (is(c, "expired"))
		sb_printf(sb, _("%s stopped reporting on it (shipped %s)"), carrier, shipped);
	else if (is(c, "no_news"))
		sb_printf(sb, _("shipped with %s on %s, no tracking news yet"), carrier, shipped);
	else
		return false;
	if (*str(pl, "expected") != '\0')
		sb_printf(sb, _(", expected %s"), lf_when(str(pl, "expected"), when, sizeof when));
	late = json_object_get(pl, "days_late");
	if (json_is_integer(late)) {
		json_int_t n = json_integer_value(late);

		sb_printf(sb, ngettext(", late by %lld day", ", late by %lld days", (unsigned long)n), (long long)n);
	}
	return true;
}

/* Every parcel's sentence, "N parcels: a; b" for more than one. */
static bool parcels(json_t *doc, struct strbuf *sb)
{
	json_t *list = json_object_get(doc, "parcels"), *p;
	struct strbuf all = STRBUF_INIT;
	size_t i, n = json_array_size(list);
	bool ok = n > 0;

	json_array_foreach(list, i, p) {
		if (!ok)
			break;
		if (i > 0)
			sb_puts(&all, "; ");
		ok = parcel(p, &all);
	}
	if (ok && n > 1)
		sb_printf(sb, ngettext("%zu parcel: %s", "%zu parcels: %s", n), n, all.s);
	else if (ok && all.s != NULL)
		sb_puts(sb, all.s);
	sb_free(&all);
	return ok;
}

static bool compose(json_t *doc, struct strbuf *sb)
{
	json_t *pl = json_object_get(doc, "plain");
	const char *c = str(pl, "case");
	char when[LF_BUFSZ], to[LF_BUFSZ];

	if (!json_is_object(pl))
		return false;
	if (is(c, "cancelled") && *str(pl, "cancel_reason") != '\0')
		sb_printf(sb, _("cancelled: %s"), str(pl, "cancel_reason"));
	else if (is(c, "cancelled"))
		sb_puts(sb, _("cancelled"));
	else if (is(c, "parcels")) {
		if (!parcels(doc, sb))
			return false;
	} else if (is(c, "pending"))
		sb_puts(sb, _("waiting for payment"));
	else if (is(c, "delivered"))
		sb_puts(sb, _("delivered"));
	else if (is(c, "not_shipped")) {
		sb_printf(sb, _("%s, not shipped yet, to ship by %s"), label_order_status(str(pl, "status")),
			  lf_when(str(pl, "ship_by"), when, sizeof when));
		if (json_is_true(json_object_get(pl, "late_to_ship")))
			sb_puts(sb, _(" (late to ship)"));
		if (*str(pl, "promised_to") != '\0')
			sb_printf(sb, _(", delivery promised %s to %s"),
				  lf_when(str(pl, "promised_from"), when, sizeof when),
				  lf_when(str(pl, "promised_to"), to, sizeof to));
	} else
		return false;
	if (json_is_true(json_object_get(pl, "delivery_late")))
		sb_puts(sb, _(", delivery late"));
	return true;
}

void order_plain(json_t *doc, struct strbuf *sb)
{
	struct strbuf s = STRBUF_INIT;

	if (compose(doc, &s) && s.s != NULL)
		sb_puts(sb, s.s);
	else
		sb_puts(sb, str(doc, "plain_status"));
	sb_free(&s);
}
