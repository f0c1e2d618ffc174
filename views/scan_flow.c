/* What one scan does, by what is being packed: nothing (an order starts packing,
 * a return is received, anything else is said), items (counted here; a wrong or
 * extra one is refused), the carrier, the tracking label (api.ship_parcel with
 * every line and the order's version as scanned).  Every refusal says why and
 * what to do, in words a worker a metre from the screen can act on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/return.h"
#include "db/scan.h"
#include "db/refusal.h"
#include "views/scan_view.h"
#include "views/views.h"

void scan_entry_clear(struct scan_entry *e)
{
	free(e->code);
	free(e->brief);
	free(e->head);
	free(e->why);
	free(e->advice);
	memset(e, 0, sizeof *e);
}

void scan_flow_say(struct scan_view *v, enum scan_tone tone, const char *code, char *brief,
		   char *head, char *why, char *advice)
{
	struct tui_ui *ui = tui_pane_ui(v->pane);

	if (v->nhist == SCAN_HISTORY)
		scan_entry_clear(&v->hist[--v->nhist]);
	memmove(&v->hist[1], &v->hist[0], v->nhist * sizeof v->hist[0]);
	v->hist[0] = (struct scan_entry){ tone, xstrdup(code != NULL ? code : ""), brief, head, why, advice };
	v->nhist++;
	if (tone == SCAN_TONE_BAD && v->bell && ui != NULL)
		tui_ui_bell(ui);
	tui_pane_dirty(v->pane);
}

#define SAY(tone, brief, head, why, advice) scan_flow_say(v, (tone), v->code.text, (brief), (head), (why), (advice))

static const char *carrier_name(int id)
{
	return carrier_get((enum carrier_id)id)->name;
}

static void stop_pack(struct scan_view *v)
{
	scan_pack_clear(&v->pack);
}

/* What is still missing of the order, "2× Mug (line 1), 1× Tea (line 3)". */
static char *missing(const struct scan_pack *p)
{
	char *s = xstrdup("");

	for (size_t i = 0; i < p->n; i++) {
		const struct scan_line *l = &p->lines[i];
		char *t;

		if (l->got >= l->qty)
			continue;
		t = xasprintf(_("%s%s%d× %s (line %d)"), s, s[0] != '\0' ? ", " : "", l->qty - l->got, l->name,
			      l->line_no);
		free(s);
		s = t;
	}
	return s;
}

char *scan_flow_next_step(const struct scan_view *v)
{
	const struct scan_pack *p = &v->pack;
	int got, want;

	if (!scan_pack_active(p))
		return xstrdup(_("Scan an order, a return or a returned parcel"));
	want = scan_pack_units(p, &got);
	if (got < want)
		return xasprintf(_("Scan the items of %s: %d of %d scanned"), p->number, got, want);
	if (p->carrier < 0)
		return xasprintf(_("%s: scan the carrier (or F6), then the label"), p->number);
	return xasprintf(_("%s: scan the %s tracking label"), p->number, carrier_name(p->carrier));
}

/* ---- the database's answers ---- */

static const char *field(const PGresult *res, int which)
{
	return res != NULL ? PQresultErrorField(res, which) : NULL;
}

static bool state_is(const PGresult *res, const char *code)
{
	const char *s = field(res, PG_DIAG_SQLSTATE);

	return s != NULL && strcmp(s, code) == 0;
}

/* The database's sentence, or the session's own words (a lost connection). */
static char *why_of(const PGresult *res, const char *error)
{
	char *m = res != NULL ? db_error_text(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	return m != NULL ? m : xstrdup(views_error(res, error));
}

static char *hint_or(const PGresult *res, const char *fallback)
{
	char *h = res != NULL ? db_error_text(res, PG_DIAG_MESSAGE_HINT) : NULL;

	return h != NULL ? h : xstrdup(fallback);
}

static void start_pack(struct scan_view *v, const json_t *order)
{
	const char *number = json_string_value(json_object_get(order, "number"));
	const char *refusal = json_string_value(json_object_get(order, "refusal"));
	const char *status = json_string_value(json_object_get(order, "status"));
	int got, want;

	if (refusal != NULL) {
		const char *advice = status == NULL ? _("Put it aside and ask a supervisor.")
				   : strcmp(status, "cancelled") == 0
				       ? _("Put the goods back on the shelf.")
				   : strcmp(status, "pending") == 0
				       ? _("Do not pack it yet: put it aside until it is paid.")
				       : _("Do not ship it twice: put it aside and ask a supervisor.");

		SAY(SCAN_TONE_BAD, xstrdup(_("DO NOT PACK")), xasprintf(_("Do not pack %s"), number),
		    xstrdup(refusal), xstrdup(advice));
		return;
	}
	if (scan_pack_load(&v->pack, order) != 0) {
		SAY(SCAN_TONE_BAD, xstrdup(_("unreadable")), xasprintf(_("Order %s could not be read"), number),
		    xstrdup(_("The database's answer lacks its lines or version.")),
		    xstrdup(_("Scan it again; if it stays so, pack it from the order screen.")));
		return;
	}
	want = scan_pack_units(&v->pack, &got);
	SAY(SCAN_TONE_OK, xasprintf(_("pick %d"), want),
	    xasprintf(ngettext("Order %s: pick %d item", "Order %s: pick %d items", want), v->pack.number, want),
	    xasprintf(v->pack.late ? _("%s · ship by %s · LATE") : _("%s · ship by %s"),
		      v->pack.customer != NULL ? v->pack.customer : "", v->pack.ship_by != NULL ? v->pack.ship_by : ""),
	    xstrdup(want > 0 ? _("Scan each item; the list is below.") : _("Scan the carrier's barcode.")));
}

static void on_receive(const PGresult *res, const char *error, void *arg)
{
	struct scan_view *v = arg;

	v->query = 0;
	v->wait = SCAN_WAIT_NONE;
	if (error != NULL)
		SAY(SCAN_TONE_BAD, xstrdup(_("NOT RECEIVED")), xasprintf(_("Return %s not received"), v->ret),
		    why_of(res, error), hint_or(res, _("Put it aside and ask a supervisor.")));
	else
		SAY(SCAN_TONE_OK, xstrdup(_("received")), xasprintf(_("Return %s received"), v->ret),
		    xasprintf(_("Of order %s; it goes to inspection."), v->ret_order != NULL ? v->ret_order : "?"),
		    xstrdup(_("Put it on the inspection shelf.")));
	scan_pump(v);
}

static void receive(struct scan_view *v, const json_t *ret)
{
	const char *number = json_string_value(json_object_get(ret, "number"));
	const char *refusal = json_string_value(json_object_get(ret, "refusal"));
	const json_t *version = json_object_get(ret, "version");
	char ver[24];

	if (!json_is_true(json_object_get(ret, "can_receive")) || number == NULL || !json_is_integer(version)) {
		SAY(SCAN_TONE_BAD, xstrdup(_("NOT RECEIVED")),
		    xasprintf(_("Return %s cannot be received"), number != NULL ? number : v->code.text),
		    xstrdup(refusal != NULL ? refusal : _("The return is not waiting for its parcel.")),
		    xstrdup(_("Put the parcel aside and ask a supervisor.")));
		return;
	}
	free(v->ret);
	free(v->ret_order);
	v->ret = xstrdup(number);
	v->ret_order = json_string_value(json_object_get(ret, "order_number")) != NULL
			       ? xstrdup(json_string_value(json_object_get(ret, "order_number")))
			       : NULL;
	(void)snprintf(ver, sizeof ver, "%lld", (long long)json_integer_value(version));
	v->wait = SCAN_WAIT_RECEIVE;
	v->query = db_return_receive(v->db, number, ver, on_receive, v);
}

/* A resolved code while nothing is being packed. */
static void resolved_idle(struct scan_view *v, const char *kind, const json_t *doc)
{
	const json_t *o;

	if (strcmp(kind, "order") == 0) {
		start_pack(v, json_object_get(doc, "order"));
	} else if (strcmp(kind, "return") == 0) {
		receive(v, json_object_get(doc, "return"));
	} else if (strcmp(kind, "shipment") == 0) {
		o = json_object_get(doc, "shipment");
		SAY(SCAN_TONE_INFO, xstrdup(_("a parcel")),
		    xasprintf(_("Parcel %s of order %s"), json_string_value(json_object_get(o, "tracking_no")),
			      json_string_value(json_object_get(o, "order_number"))),
		    xasprintf(_("Already shipped with %s; its status: %s."),
			      json_string_value(json_object_get(o, "carrier")),
			      json_string_value(json_object_get(o, "status"))),
		    xstrdup(_("Nothing to do with it here; to pack an order, scan its packing slip.")));
	} else if (strcmp(kind, "product") == 0) {
		o = json_object_get(doc, "product");
		SAY(SCAN_TONE_INFO, xstrdup(_("a product")),
		    xasprintf(_("Product %s"), json_string_value(json_object_get(o, "sku"))),
		    xstrdup(json_string_value(json_object_get(o, "name"))),
		    xstrdup(_("No order is being packed: scan an order's packing slip first.")));
	} else if (v->code.cls == SCAN_EAN_MISREAD) {
		SAY(SCAN_TONE_BAD, xstrdup(_("MISREAD")), xstrdup(_("Misread barcode")),
		    xasprintf(_("%s has 13 digits but a wrong check digit, and is no number we know."), v->code.text),
		    xstrdup(_("Scan it again, slowly and straight, or type the digits under the bars.")));
	} else {
		SAY(SCAN_TONE_BAD, xstrdup(_("UNKNOWN")), xstrdup(_("Unknown code")),
		    xasprintf(_("“%s” is no order, return, parcel or product we know."), v->code.text),
		    xstrdup(_("Scan it again; if it stays unknown, type the number printed on the label.")));
	}
}

static void label(struct scan_view *v);

/* A code that is no item of the order being packed: said in words of what it is. */
static void resolved_packing(struct scan_view *v, const char *kind, const json_t *doc)
{
	const struct scan_pack *p = &v->pack;
	const char *number = json_string_value(json_object_get(json_object_get(doc, "order"), "number"));
	int got, want = scan_pack_units(p, &got);

	if (strcmp(kind, "product") == 0) {
		const json_t *o = json_object_get(doc, "product");

		SAY(SCAN_TONE_BAD, xstrdup(_("WRONG ITEM")), xstrdup(_("Wrong item: put it back")),
		    xasprintf(_("%s (%s) is not in order %s."), json_string_value(json_object_get(o, "name")),
			      json_string_value(json_object_get(o, "sku")), p->number),
		    xstrdup(_("Put it back on its shelf; scan only the items listed below.")));
	} else if (strcmp(kind, "order") == 0 && number != NULL && strcmp(number, p->number) == 0) {
		/* Its own packing slip again: nothing changes. */
		SAY(SCAN_TONE_INFO, xstrdup(_("packing it")), xasprintf(_("Packing %s already"), p->number),
		    xasprintf(_("%d of %d items scanned."), got, want), scan_flow_next_step(v));
	} else if (strcmp(kind, "none") != 0) {
		SAY(SCAN_TONE_BAD, xstrdup(_("FINISH FIRST")), xasprintf(_("Finish %s first"), p->number),
		    xasprintf(_("That was %s %s, while %s is being packed (%d of %d items scanned)."),
			      strcmp(kind, "order") == 0	 ? _("order")
			      : strcmp(kind, "return") == 0 ? _("return")
							    : _("parcel"),
			      v->code.text, p->number, got, want),
		    xstrdup(_("Finish this order, or scan CANCEL (F8) to stop it, then scan that again.")));
	} else if (v->code.tracking != 0 && got == want) {
		label(v);
	} else if (v->code.cls == SCAN_EAN_MISREAD) {
		SAY(SCAN_TONE_BAD, xstrdup(_("MISREAD")), xstrdup(_("Misread barcode")),
		    xasprintf(_("%s has 13 digits but a wrong check digit: the scanner misread it."), v->code.text),
		    xstrdup(_("Scan it again, slowly and straight, or type the digits under the bars.")));
	} else if (v->code.tracking != 0 && got < want) {
		SAY(SCAN_TONE_BAD, xstrdup(_("ITEMS FIRST")), xstrdup(_("Items first, label last")),
		    xasprintf(_("%s looks like a tracking label, but %d of %d items of %s are still to scan."),
			      v->code.text, want - got, want, p->number),
		    xstrdup(_("Scan the items listed below; the label comes after the carrier.")));
	} else {
		SAY(SCAN_TONE_BAD, xstrdup(_("WRONG ITEM")), xstrdup(_("Wrong item: put it back")),
		    xasprintf(_("“%s” is no item of order %s, nor any product we know."), v->code.text, p->number),
		    xstrdup(_("Put it back; scan only the items listed below, or type the code under the bars.")));
	}
}

static void on_resolve(const PGresult *res, const char *error, void *arg)
{
	struct scan_view *v = arg;
	json_t *doc = NULL;
	const char *kind;

	v->query = 0;
	v->wait = SCAN_WAIT_NONE;
	if (error == NULL)
		doc = json_loads(PQgetvalue(res, 0, 0), 0, NULL);
	kind = json_string_value(json_object_get(doc, "kind"));
	if (error != NULL || kind == NULL) {
		SAY(SCAN_TONE_BAD, xstrdup(_("NOT CHECKED")), xstrdup(_("Could not check the code")),
		    error != NULL ? why_of(res, error) : xstrdup(_("The database's answer could not be read.")),
		    xstrdup(_("Scan it again.")));
	} else if (scan_pack_active(&v->pack)) {
		resolved_packing(v, kind, doc);
	} else {
		resolved_idle(v, kind, doc);
	}
	json_decref(doc);
	scan_pump(v);
}

static void resolve(struct scan_view *v)
{
	v->wait = SCAN_WAIT_RESOLVE;
	v->query = db_scan_resolve(v->db, v->code.text, on_resolve, v);
}

/* ---- shipping ---- */

static void on_ship(const PGresult *res, const char *error, void *arg)
{
	struct scan_view *v = arg;
	struct scan_pack *p = &v->pack;
	int got;

	v->query = 0;
	v->wait = SCAN_WAIT_NONE;
	if (error == NULL) {
		scan_pack_units(p, &got);
		SAY(SCAN_TONE_OK, xstrdup(_("SHIPPED")), xasprintf(_("SHIPPED  %s"), p->number),
		    xasprintf(ngettext("%s %s · %d item", "%s %s · %d items", got), carrier_name(p->carrier),
			      v->code.upper, got),
		    xasprintf(_("Put the parcel with the %s parcels. Next order!"), carrier_name(p->carrier)));
		stop_pack(v);
		scan_load_to_pack(v);
	} else if (state_is(res, "BD007") || state_is(res, "BD005")) {
		/* The label was wrong: the order stays packed, another label will do. */
		SAY(SCAN_TONE_BAD, xstrdup(state_is(res, "BD007") ? _("USED LABEL") : _("BAD LABEL")),
		    xstrdup(state_is(res, "BD007") ? _("Label already used: not shipped") : _("Label refused: not shipped")),
		    why_of(res, error), hint_or(res, _("Take a new label and scan it.")));
	} else if (state_is(res, "BD004")) {
		SAY(SCAN_TONE_BAD, xstrdup(_("CHANGED")), xasprintf(_("%s changed while packing: not shipped"), p->number),
		    why_of(res, error), xstrdup(_("Scan the order again to see it as it is now.")));
		stop_pack(v);
	} else if (res != NULL && field(res, PG_DIAG_SQLSTATE) != NULL) {
		SAY(SCAN_TONE_BAD, xstrdup(_("NOT SHIPPED")), xasprintf(_("%s not shipped"), p->number),
		    why_of(res, error), hint_or(res, _("Put it aside and ask a supervisor.")));
		stop_pack(v);
	} else {
		/* No answer: nobody knows whether it shipped; the order says. */
		SAY(SCAN_TONE_BAD, xstrdup(_("NO ANSWER")), xasprintf(_("Did %s ship? No answer"), p->number),
		    why_of(res, error), xstrdup(_("Scan the order again: it says whether it has shipped.")));
		stop_pack(v);
	}
	scan_pump(v);
}

static void ship(struct scan_view *v)
{
	char *items = scan_pack_items_json(&v->pack);

	v->wait = SCAN_WAIT_SHIP;
	v->query = db_scan_ship(v->db, v->pack.number, carrier_get((enum carrier_id)v->pack.carrier)->code,
				v->code.upper, items, v->pack.version, on_ship, v);
	free(items);
}

/* ---- one scan ---- */

static void set_carrier(struct scan_view *v, int carrier)
{
	struct scan_pack *p = &v->pack;
	int got, want = scan_pack_units(p, &got);

	p->carrier = carrier;
	if (got < want)
		SAY(SCAN_TONE_OK, xasprintf(_("carrier %s"), carrier_get((enum carrier_id)carrier)->code),
		    xasprintf(_("Carrier: %s"), carrier_name(carrier)),
		    xasprintf(_("%s goes with %s once its items are scanned."), p->number, carrier_name(carrier)),
		    xstrdup(_("Scan the rest of the items, then the tracking label.")));
	else
		SAY(SCAN_TONE_OK, xasprintf(_("carrier %s"), carrier_get((enum carrier_id)carrier)->code),
		    xasprintf(_("Carrier: %s"), carrier_name(carrier)), xasprintf(_("%s is picked."), p->number),
		    xasprintf(_("Scan the %s tracking label."), carrier_name(carrier)));
}

static void picked(struct scan_view *v, enum scan_pick r, size_t i)
{
	struct scan_pack *p = &v->pack;
	const struct scan_line *l = &p->lines[i];
	int got, want = scan_pack_units(p, &got);

	switch (r) {
	case SCAN_PICK_COUNTED:
	case SCAN_PICK_LINE_DONE:
		SAY(SCAN_TONE_OK, xasprintf(_("%d/%d %s"), l->got, l->qty, l->sku),
		    xasprintf(_("%s  %d of %d"), l->name, l->got, l->qty),
		    xasprintf(_("Line %d of %s · %d of %d items scanned"), l->line_no, p->number, got, want),
		    xstrdup(_("Scan the next item.")));
		break;
	case SCAN_PICK_ALL_DONE:
		SAY(SCAN_TONE_OK, xstrdup(_("all picked")), xasprintf(_("%s: all %d items picked"), p->number, want),
		    xasprintf(_("Last one: %s (line %d)."), l->name, l->line_no),
		    p->carrier < 0 ? xstrdup(_("Scan the carrier's barcode (or F6), then the tracking label."))
				   : xasprintf(_("Scan the %s tracking label."), carrier_name(p->carrier)));
		break;
	case SCAN_PICK_EXTRA:
		SAY(SCAN_TONE_BAD, xstrdup(_("EXTRA")), xstrdup(_("One too many: put it back")),
		    xasprintf(_("Line %d wants %d× %s, and all %d are scanned already."), l->line_no, l->qty, l->name,
			      l->qty),
		    xstrdup(_("Put this one back on its shelf.")));
		break;
	case SCAN_PICK_NOT_HERE:
		break;
	}
}

/* A tracking label while the order is picked. */
static void label(struct scan_view *v)
{
	struct scan_pack *p = &v->pack;
	int only = scan_only_carrier(v->code.tracking);

	if (p->carrier < 0 && only >= 0)
		p->carrier = only;
	if (p->carrier < 0) {
		SAY(SCAN_TONE_BAD, xstrdup(_("WHICH CARRIER?")), xstrdup(_("Which carrier? Scan it first")),
		    xasprintf(_("%s could be a number of more than one carrier."), v->code.text),
		    xstrdup(_("Scan the carrier's barcode (or F6), then the label again.")));
	} else if (!(v->code.tracking & (1u << p->carrier))) {
		SAY(SCAN_TONE_BAD, xstrdup(_("WRONG LABEL")), xasprintf(_("Not a %s label"), carrier_name(p->carrier)),
		    xasprintf(_("%s is not the shape of a %s tracking number (%s)."), v->code.text,
			      carrier_name(p->carrier), _(carrier_get((enum carrier_id)p->carrier)->shape)),
		    xasprintf(_("Scan the %s label, or the barcode of the carrier it belongs to."),
			      carrier_name(p->carrier)));
	} else {
		ship(v);
	}
}

static void command_idle(struct scan_view *v)
{
	switch (v->code.cls) {
	case SCAN_DONE:
	case SCAN_CANCEL:
		SAY(SCAN_TONE_INFO, xstrdup(_("nothing to do")),
		    xstrdup(v->code.cls == SCAN_DONE ? _("Nothing to finish") : _("Nothing to stop")),
		    xstrdup(_("No order is being packed.")), xstrdup(_("Scan an order's packing slip to start.")));
		break;
	case SCAN_CARRIER:
		SAY(SCAN_TONE_INFO, xstrdup(_("no order")), xasprintf(_("Carrier %s: no order yet"), carrier_name(v->code.carrier)),
		    xstrdup(_("No order is being packed, so a carrier means nothing yet.")),
		    xstrdup(_("Scan an order's packing slip first.")));
		break;
	default:
		break;
	}
}

static void take_packing(struct scan_view *v)
{
	struct scan_pack *p = &v->pack;
	enum scan_pick r;
	size_t i = 0;
	char *m;
	int got, want = scan_pack_units(p, &got);

	switch (v->code.cls) {
	case SCAN_CANCEL:
		SAY(SCAN_TONE_INFO, xstrdup(_("stopped")), xasprintf(_("Stopped packing %s"), p->number),
		    xstrdup(_("Nothing was shipped; its scanned items are forgotten.")),
		    xstrdup(_("Put the items back, or scan the order again to start over.")));
		stop_pack(v);
		return;
	case SCAN_DONE:
		if (got < want) {
			m = missing(p);
			SAY(SCAN_TONE_BAD, xstrdup(_("NOT DONE")),
			    xasprintf(ngettext("Not done: %d item to scan", "Not done: %d items to scan", want - got),
				      want - got),
			    xasprintf(_("Still missing: %s."), m),
			    xstrdup(_("Scan the missing items (every line ships whole), or CANCEL to stop.")));
			free(m);
		} else {
			SAY(SCAN_TONE_BAD, xstrdup(_("LABEL FIRST")), xstrdup(_("Not done: no label yet")),
			    xasprintf(_("%s is picked but has no parcel label."), p->number),
			    xstrdup(p->carrier < 0 ? _("Scan the carrier's barcode (or F6), then the tracking label.")
						   : _("Scan the tracking label: that ships it.")));
		}
		return;
	case SCAN_CARRIER:
		set_carrier(v, v->code.carrier);
		return;
	case SCAN_EAN_MISREAD:
		/* Thirteen digits may be a label (MNG's): the rest of the checks say. */
		if (v->code.tracking == 0) {
			SAY(SCAN_TONE_BAD, xstrdup(_("MISREAD")), xstrdup(_("Misread barcode")),
			    xasprintf(_("%s has 13 digits but a wrong check digit: the scanner misread it."), v->code.text),
			    xstrdup(_("Scan it again, slowly and straight, or type the digits under the bars.")));
			return;
		}
		break;
	default:
		break;
	}
	/* An item of the order first (its EAN or SKU), then a label once all are picked. */
	r = scan_pack_pick(p, v->code.text, &i);
	if (r != SCAN_PICK_NOT_HERE) {
		picked(v, r, i);
		return;
	}
	/* A good EAN is a product's before it is a label (thirteen digits are also
	 * Yurtiçi's, Aras's and MNG's shape): the database says which. */
	if (got == want && v->code.tracking != 0 && v->code.cls != SCAN_EAN) {
		label(v);
		return;
	}
	resolve(v);
}

void scan_flow_take(struct scan_view *v, const char *line)
{
	char *info;

	scan_classify(line, &v->code);
	if (v->code.cls == SCAN_EMPTY)
		return;
	v->scans++;
	/* How many scans this pane took: a burst can be counted against what was sent. */
	info = xasprintf(ngettext("%zu scan", "%zu scans", v->scans), v->scans);
	tui_pane_set_info(v->pane, info);
	free(info);
	if (v->code.cls == SCAN_TOO_LONG) {
		SAY(SCAN_TONE_BAD, xstrdup(_("TOO LONG")), xstrdup(_("Not a code: too long")),
		    xasprintf(_("More than %d characters: longer than any code we print."), SCAN_CODE_MAX),
		    xstrdup(_("Scan one barcode at a time.")));
		return;
	}
	if (scan_pack_active(&v->pack)) {
		take_packing(v);
		return;
	}
	switch (v->code.cls) {
	case SCAN_DONE:
	case SCAN_CANCEL:
	case SCAN_CARRIER:
		command_idle(v);
		return;
	case SCAN_EAN_MISREAD:
		if (v->code.tracking == 0) {
			SAY(SCAN_TONE_BAD, xstrdup(_("MISREAD")), xstrdup(_("Misread barcode")),
			    xasprintf(_("%s has 13 digits but a wrong check digit: the scanner misread it."), v->code.text),
			    xstrdup(_("Scan it again, slowly and straight, or type the digits under the bars.")));
			return;
		}
		resolve(v);
		return;
	default:
		resolve(v);
		return;
	}
}

/* A key acts after the scans before it, never beside one the database is
 * answering: the order it would change may be shipping. */
static bool keys_wait(struct scan_view *v)
{
	if (v->wait == SCAN_WAIT_NONE && v->qlen == 0)
		return false;
	tui_pane_message(v->pane, true, _("scans are still being handled: press the key again when they are done"));
	return true;
}

void scan_flow_next_carrier(struct scan_view *v)
{
	int next = v->pack.carrier < 0 ? 0 : (v->pack.carrier + 1) % CARRIER_N;

	if (keys_wait(v))
		return;
	if (!scan_pack_active(&v->pack)) {
		tui_pane_message(v->pane, true, _("no order is being packed: scan its packing slip first"));
		return;
	}
	/* The last scans name the key where a code would be. */
	memset(&v->code, 0, sizeof v->code);
	(void)snprintf(v->code.text, sizeof v->code.text, "F6");
	set_carrier(v, next);
}

void scan_flow_stop(struct scan_view *v)
{
	if (keys_wait(v))
		return;
	if (!scan_pack_active(&v->pack)) {
		tui_pane_message(v->pane, true, _("no order is being packed: nothing to stop"));
		return;
	}
	memset(&v->code, 0, sizeof v->code);
	(void)snprintf(v->code.text, sizeof v->code.text, "F8");
	v->code.cls = SCAN_CANCEL;
	take_packing(v);
}
