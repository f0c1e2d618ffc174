#ifndef BACKDESK_VIEWS_VIEWS_H
#define BACKDESK_VIEWS_VIEWS_H
/* The screens, and what they share: the database session, the caller's
 * capabilities, and the list of panes that want to hear about changes. */
#include <jansson.h>

#include "db/session.h"
#include "tui/tui.h"

/* What a role may do; the console sets the bits from api.whoami(). */
enum {
	CAP_VIEW_ORDERS = 1u << 0,  /* every staff role */
	CAP_VIEW_PAYMENTS = 1u << 1, /* everyone but the warehouse */
	CAP_EXPORT = 1u << 2,        /* supervisor, admin: lists to CSV */
	CAP_ORDER_WRITE = 1u << 3,   /* agent, admin: cancel, refund, notes (issue 5); tickets */
	CAP_TICKET_ASSIGN = 1u << 4, /* supervisor, admin: give a ticket to someone (issue 12) */
	CAP_SCAN = 1u << 5,          /* warehouse, admin: the scan pane, packing and shipping (issue 14) */
	CAP_DASHBOARD = 1u << 6,     /* supervisor, admin: the supervisor dashboard (issue 15) */
	CAP_OUTBOX = 1u << 7,        /* supervisor, admin: :outbox, resend a parked message (issue 16) */
};

/* The capabilities of a role name as api.whoami() gives it ("none": nothing). */
tui_caps views_caps_for_role(const char *role);

/* The session the dashboard reads through: the one views_reads_set() gave (a
 * replica, [database] dashboard_dsn), else db itself.  The console owns both. */
struct db_session *views_reads(struct db_session *db);
void views_reads_set(struct db_session *reads);

/* Panes that show live data register here; views_notify() calls them for the
 * channel's NOTIFY.  A pane unregisters in its destroy handler. */
typedef void (*view_live_fn)(struct tui_pane *p);
void views_live_add(struct tui_pane *p, const char *channel, view_live_fn fn);
/* Every channel the registry's entry for `screen` follows (views/registry.c). */
void views_live_follow(struct tui_pane *p, const char *screen, view_live_fn fn);
void views_live_remove(struct tui_pane *p);
void views_notify(const char *channel);
/* Every registered pane, whatever its channel (after a reconnect). */
void views_notify_all(void);

/* Between NOTIFY and the panes: a burst (an import, a colleague's bulk change)
 * reloads each pane once.  Every distinct channel queued is delivered,
 * debounce_ms after the first one of the burst; then delivered(arg) runs. */
struct views_live_queue;
struct views_live_queue *views_live_queue_new(struct tui_loop *loop, long debounce_ms,
					      void (*delivered)(void *arg), void *arg);
void views_live_queue_add(struct views_live_queue *q, const char *channel);
/* Drops what is queued, undelivered. */
void views_live_queue_free(struct views_live_queue *q);

/* How the screens open; views/registry.c names each in its entry. */
struct tui_pane *orders_view_new(struct db_session *db);
struct tui_pane *order_view_new(struct db_session *db, const char *id, const char *number);
/* The Tickets pane (tab 2): open tickets by view, soonest due first. */
struct tui_pane *tickets_view_new(struct db_session *db);
/* The Returns pane (tab 3): returns by queue view, oldest first. */
struct tui_pane *returns_view_new(struct db_session *db);
/* The Shipments pane (tab 4): orders to pack and parcels by view. */
struct tui_pane *shipments_view_new(struct db_session *db);
/* The parcel screen (views/parcel.c); number (the tracking number) is for the
 * title until the data arrives. */
struct tui_pane *parcel_view_new(struct db_session *db, const char *id, const char *number);
/* The supervisor dashboard (tab 6; a supervisor, without Scan, sees it as 5):
 * the day's counts, live; Enter on a number lists the rows behind it. */
struct tui_pane *dashboard_view_new(struct db_session *db);
/* The warehouse scan pane (tab 5): pack and ship by scans, receive returns. */
struct tui_pane *scan_view_new(struct db_session *db);
/* Whether scan panes made from now on ring the bell on a refusal ([ui] scan_bell);
 * F9 turns it on or off in each. */
void scan_view_bell_default(bool on);
/* What to tell people about a failed query: a cancelled one says how to load it
 * again; anything else is the database's own message. */
const char *views_error(const PGresult *res, const char *error);

/* The one JSON document a detail screen loads, parsed; or NULL after showing why
 * not (on the doc pane p while nothing was shown yet, else on the message line).
 * `what` names it in the message ("the order"). */
json_t *views_json_result(struct tui_pane *p, const PGresult *res, const char *error,
			  bool shown, const char *what);

/* The answer templates for an order, filled in, over the current screen. */
void answers_open(struct tui_ui *ui, struct db_session *db, const char *number);
/* The customer 360 screen; name is for the title until the data arrives (may be NULL). */
struct tui_pane *customer_view_new(struct db_session *db, const char *id, const char *name);
/* The ticket screen (views/ticket.c); number is for the title until the data arrives. */
struct tui_pane *ticket_view_new(struct db_session *db, const char *id, const char *number);
/* One line under the ticket's title for a banner ("changed while you were typing");
 * NULL or "" clears it.  p is a pane ticket_view_new made. */
void ticket_view_banner(struct tui_pane *p, const char *text);
/* The return screen (views/return.c); number is for the title until the data arrives. */
struct tui_pane *return_view_new(struct db_session *db, const char *id, const char *number);
/* The lookup box as a dialog over the current pane, searching for text (may be NULL). */
void lookup_open(struct tui_ui *ui, struct db_session *db, const char *text);
/* `:csat [DAYS]`: each agent's satisfaction score of the last 30 days (or DAYS), in a dialog. */
void csat_agents_open(struct tui_ui *ui, struct db_session *db, const char *text);
/* `:refunds [DAY]`: the refunds of the shop's day (today without one), in a dialog. */
void refunds_ledger_open(struct tui_ui *ui, struct db_session *db, const char *text);
/* `:export [LIST [SINCE [UNTIL]]]`: the export dialog over the current screen (text
 * may name the list and the days; NULL asks for all); the export runs on a thread
 * with a connection of its own, one at a time. */
void export_open(struct tui_ui *ui, struct db_session *db, const char *text);
/* At the console's end, before the ui: an export under way is cancelled (its
 * .part removed), its thread joined, the form freed. */
void export_free(void);
/* `:outbox`: what has not gone to customers yet (views/outbox.c). */
void outbox_open(struct tui_ui *ui, struct db_session *db, const char *text);
/* Where the message template files are ([mail] templates over the installed
 * ones), to show a template's message as the sender will write it; copied. */
void outbox_view_setup(const char *installed, const char *override);
/* A message as it will go to the customer: with vars (an outbox row's, or a
 * preview's) rendered from its template file in lang through the sender's code
 * (mail/template.c), else subject and body as they are; a file that cannot be
 * used is said in the body.  Both returned for the caller to free. */
void outbox_render(const char *lang, const char *kind, const char *vars, const char *subject, const char *body,
		   char **out_subject, char **out_body);
void outbox_view_cleanup(void);

#endif
