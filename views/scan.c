/* The warehouse scan pane (tab 5): a barcode scanner is a keyboard that types a
 * code and Enter, fast, often many codes in one burst.  The input line always has
 * the keys (only F-keys, Esc and Enter act); every Enter, and every line of a
 * paste, queues one scan, and the queue is handled in order, one database call
 * at a time, so a burst of 200 codes is 200 scans, none lost or merged.  What
 * each scan does is views/scan_flow.c; the screen is views/scan_draw.c. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/channels.h"
#include "db/scan.h"
#include "views/keytables.h"
#include "views/scan_view.h"
#include "views/views.h"

/* What the input line takes: more than any barcode (SCAN_CODE_MAX) so that a
 * long misread is refused whole instead of cut. */
#define SCAN_INPUT_MAX 200

enum { REQ_CARRIER = TUI_REQ_VIEW, REQ_STOP, REQ_BELL };

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Scan"), N_("Take the typed code as a scan (the scanner sends it)"), 0 },
	{ TUI_REQ_BACK, "Esc", N_("Clear"),
	  N_("Clear the typed code; with none typed, drop the scans still waiting"), 0 },
	{ REQ_CARRIER, "F6", N_("Carrier"), N_("Choose the next carrier for the order being packed"), 0 },
	{ REQ_STOP, "F8", N_("Stop"), N_("Stop packing this order, as the CANCEL barcode"), 0 },
	{ REQ_BELL, "F9", N_("Bell"), N_("Ring the terminal's bell on every refusal: on or off"), 0 },
	{ TUI_REQ_REFRESH, "F5", N_("Refresh"), N_("Load the orders to pack again"), 0 },
	{ TUI_REQ_HELP, "F1", N_("Help"), N_("Show these keys"), 0 },
};

const struct view_keytable scan_keytable = VIEW_KEYTABLE("scan", bindings, false);

/* ---- the queue ---- */

static void push(struct scan_view *v, const char *line)
{
	if (v->qlen == v->qcap) {
		size_t ncap = v->qcap ? v->qcap * 2 : 64;
		char **nq = xcalloc(ncap, sizeof *nq);

		/* Unrolled from the ring into the new array's start. */
		for (size_t i = 0; i < v->qlen; i++)
			nq[i] = v->queue[(v->qhead + i) % v->qcap];
		free(v->queue);
		v->queue = nq;
		v->qcap = ncap;
		v->qhead = 0;
	}
	v->queue[(v->qhead + v->qlen) % v->qcap] = xstrdup(line);
	v->qlen++;
}

static char *pop(struct scan_view *v)
{
	char *s = v->queue[v->qhead];

	v->queue[v->qhead] = NULL;
	v->qhead = (v->qhead + 1) % v->qcap;
	v->qlen--;
	return s;
}

static void drop_queue(struct scan_view *v)
{
	while (v->qlen > 0)
		free(pop(v));
}

void scan_pump(struct scan_view *v)
{
	while (v->wait == SCAN_WAIT_NONE && v->qlen > 0) {
		char *line = pop(v);

		scan_flow_take(v, line);
		free(line);
	}
	tui_pane_dirty(v->pane);
}

/* ---- the orders to pack ---- */

static void clear_to_pack(struct scan_view *v)
{
	for (size_t i = 0; i < v->nto_pack; i++) {
		free(v->to_pack[i].number);
		free(v->to_pack[i].ship_by);
		free(v->to_pack[i].customer);
	}
	v->nto_pack = 0;
}

static void on_to_pack(const PGresult *res, const char *error, void *arg)
{
	struct scan_view *v = arg;

	v->to_pack_query = 0;
	free(v->to_pack_error);
	v->to_pack_error = NULL;
	if (error != NULL) {
		v->to_pack_error = xstrdup(views_error(res, error));
		tui_pane_dirty(v->pane);
		return;
	}
	clear_to_pack(v);
	for (int i = 0; i < PQntuples(res) && i < SCAN_TO_PACK_MAX; i++) {
		struct scan_to_pack *t = &v->to_pack[v->nto_pack++];

		t->number = xstrdup(PQgetvalue(res, i, 0));
		t->ship_by = xstrdup(PQgetvalue(res, i, 1));
		t->late = strcmp(PQgetvalue(res, i, 2), "true") == 0;
		t->lines = atoi(PQgetvalue(res, i, 3));
		t->units = atoi(PQgetvalue(res, i, 4));
		t->customer = xstrdup(PQgetvalue(res, i, 5));
	}
	v->to_pack_loaded = true;
	tui_pane_dirty(v->pane);
}

void scan_load_to_pack(struct scan_view *v)
{
	if (v->to_pack_query != 0)
		return;
	v->to_pack_query = db_scan_orders_to_pack(v->db, SCAN_TO_PACK_MAX, on_to_pack, v);
}

static void on_change(struct tui_pane *p)
{
	scan_load_to_pack(tui_pane_data(p));
}

/* ---- the pane ---- */

static unsigned refuse_full(struct tui_pane *p)
{
	char *msg = xasprintf(_("at most %d characters here: no more go in"), SCAN_INPUT_MAX);

	tui_pane_message(p, true, msg);
	free(msg);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned on_key(struct tui_pane *p, tui_key key)
{
	struct scan_view *v = tui_pane_data(p);

	if (tui_edit_key(&v->edit, key))
		return TUI_HANDLED | TUI_REDRAW;
	if (tui_key_is_text(key))
		return refuse_full(p);
	return TUI_IGNORED;
}

/* Every line break of a paste ends a scan, as Enter does; what follows the last
 * one stays typed, waiting for its Enter.  A line longer than the input line is
 * still one scan (refused as too long), so the lines after it keep their places. */
static unsigned on_paste(struct tui_pane *p, const char *utf8)
{
	struct scan_view *v = tui_pane_data(p);
	const char *s = utf8;

	while (*s != '\0') {
		size_t n = strcspn(s, "\r\n");
		char *part = xstrndup(s, n);
		bool ends = s[n] != '\0';

		if (n > 0 && !tui_edit_paste(&v->edit, part, NULL)) {
			char *whole;

			if (!ends) {
				free(part);
				scan_pump(v);
				return refuse_full(p);
			}
			whole = xasprintf("%s%s", tui_edit_text(&v->edit), part);
			push(v, whole);
			free(whole);
		} else if (ends) {
			push(v, tui_edit_text(&v->edit));
		}
		free(part);
		if (!ends)
			break;
		tui_edit_set(&v->edit, "");
		s += n;
		s += (s[0] == '\r' && s[1] == '\n') ? 2 : 1;
	}
	scan_pump(v);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned on_request(struct tui_pane *p, int req)
{
	struct scan_view *v = tui_pane_data(p);
	struct tui_ui *ui = tui_pane_ui(p);

	switch (req) {
	case TUI_REQ_ENTER:
		push(v, tui_edit_text(&v->edit));
		tui_edit_set(&v->edit, "");
		scan_pump(v);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_REQ_BACK:
		if (!tui_edit_empty(&v->edit)) {
			tui_edit_set(&v->edit, "");
		} else if (v->qlen > 0) {
			char *msg = xasprintf(ngettext("%zu scan that was still waiting was dropped",
						       "%zu scans that were still waiting were dropped", v->qlen),
					      v->qlen);

			drop_queue(v);
			tui_pane_message(p, false, msg);
			free(msg);
		}
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_CARRIER:
		scan_flow_next_carrier(v);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_STOP:
		scan_flow_stop(v);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_BELL:
		v->bell = !v->bell;
		tui_pane_message(p, false, v->bell ? _("the bell rings on every refusal")
						   : _("the bell is off"));
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_REQ_REFRESH:
		scan_load_to_pack(v);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_REQ_HELP:
		if (ui != NULL)
			tui_ui_help(ui);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

/* Up and Down move nothing here: off the help. */
static bool available(struct tui_pane *p, int req)
{
	(void)p;
	return req != TUI_REQ_UP && req != TUI_REQ_DOWN && req != TUI_REQ_PAGE_UP &&
	       req != TUI_REQ_PAGE_DOWN && req != TUI_REQ_HOME && req != TUI_REQ_END;
}

/* Items scanned for an order not shipped yet, scans not handled, a code half
 * typed: quitting asks first. */
static bool unsaved(struct tui_pane *p)
{
	struct scan_view *v = tui_pane_data(p);
	int got = 0;

	if (scan_pack_active(&v->pack))
		scan_pack_units(&v->pack, &got);
	return got > 0 || v->qlen > 0 || v->wait != SCAN_WAIT_NONE || !tui_edit_empty(&v->edit);
}

static char *lost(struct tui_pane *p)
{
	struct scan_view *v = tui_pane_data(p);
	int got = 0, want = 0;

	if (scan_pack_active(&v->pack))
		want = scan_pack_units(&v->pack, &got);
	if (got > 0)
		return xasprintf(_("the packing of %s (%d of %d items scanned)"), v->pack.number, got, want);
	if (v->qlen > 0 || v->wait != SCAN_WAIT_NONE)
		return xasprintf(ngettext("%zu scan not handled yet", "%zu scans not handled yet",
					  v->qlen + (v->wait != SCAN_WAIT_NONE)),
				 v->qlen + (v->wait != SCAN_WAIT_NONE));
	if (!tui_edit_empty(&v->edit))
		return xasprintf(_("the code typed at Scan (“%s”)"), tui_edit_text(&v->edit));
	return NULL;
}

static void draw(struct tui_pane *p, struct tui_canvas *c)
{
	scan_draw(tui_pane_data(p), c);
}

static void destroy(struct tui_pane *p)
{
	struct scan_view *v = tui_pane_data(p);

	views_live_remove(p);
	if (v->to_pack_query != 0)
		db_session_cancel(v->db, v->to_pack_query);
	/* A parcel being shipped still ships; the console says how it ended. */
	if (v->query != 0 && v->wait == SCAN_WAIT_SHIP)
		db_session_detach(v->db, v->query, _("Shipping a parcel"));
	else if (v->query != 0 && v->wait == SCAN_WAIT_RECEIVE)
		db_session_detach(v->db, v->query, _("Receiving a return"));
	else if (v->query != 0)
		db_session_cancel(v->db, v->query);
	drop_queue(v);
	free(v->queue);
	clear_to_pack(v);
	free(v->to_pack_error);
	free(v->ret);
	free(v->ret_order);
	scan_pack_clear(&v->pack);
	for (size_t i = 0; i < v->nhist; i++)
		scan_entry_clear(&v->hist[i]);
	tui_edit_free(&v->edit);
	tui_wtext_free(&v->view);
	free(v);
}

static const struct tui_pane_ops ops = {
	.kind = "scan",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Scan"),
	.draw = draw,
	.on_key = on_key,
	.on_paste = on_paste,
	.on_request = on_request,
	.unsaved = unsaved,
	.lost = lost,
	.available = available,
	.destroy = destroy,
};

/* The console's setting, read once before the tabs are made. */
static bool bell_default;

void scan_view_bell_default(bool on)
{
	bell_default = on;
}

struct tui_pane *scan_view_new(struct db_session *db)
{
	struct scan_view *v = xcalloc(1, sizeof *v);

	v->db = db;
	v->pack.carrier = -1;
	v->bell = bell_default;
	tui_edit_init(&v->edit, false, SCAN_INPUT_MAX);
	v->pane = tui_pane_new(&ops, v);
	tui_pane_set_title(v->pane, _("Scan"));
	tui_pane_set_flags(v->pane, TUI_PANE_TEXT_KEYS);
	views_live_follow(v->pane, "scan", on_change);
	scan_load_to_pack(v);
	return v->pane;
}
