/* The table of screens (see views/registry.h): adding a screen is adding an
 * entry here; the console, the lookup box and the help follow. */
#include "views/registry.h"

#include "common/i18n.h"
#include "db/customer.h"
#include "db/lookup.h"
#include "db/orders.h"
#include "db/parcel.h"
#include "db/presence.h"
#include "db/returns_list.h"
#include "db/shipments_list.h"
#include "db/return.h"
#include "db/ticket.h"
#include "db/tickets_list.h"
#include "views/views.h"

static const char *const orders_channels[] = { DB_ORDERS_CHANNEL, NULL };
static const char *const tickets_channels[] = { DB_TICKETS_CHANNEL, NULL };
static const char *const returns_channels[] = { DB_RETURNS_CHANNEL, NULL };
/* To pack is orders: one paid or shipped changes it. */
static const char *const shipments_channels[] = { DB_SHIPMENTS_CHANNEL, DB_ORDERS_CHANNEL, NULL };
/* A parcel shows its order's status too. */
static const char *const parcel_channels[] = { DB_SHIPMENTS_CHANNEL, DB_ORDERS_CHANNEL, NULL };
/* A ticket follows its colleagues too: who is viewing or typing (views/presence.c). */
static const char *const ticket_channels[] = { DB_TICKETS_CHANNEL, DB_PRESENCE_CHANNEL, NULL };
/* A return shows its refunds too. */
static const char *const return_channels[] = { DB_RETURNS_CHANNEL, DB_REFUNDS_CHANNEL, NULL };

/* The dashboard counts tickets, orders late to ship, parcels, returns and refunds. */
static const char *const dashboard_channels[] = { DB_TICKETS_CHANNEL, DB_ORDERS_CHANNEL, DB_SHIPMENTS_CHANNEL,
						  DB_RETURNS_CHANNEL, DB_REFUNDS_CHANNEL, NULL };

static const struct view_hit order_hits[] = {
	{ "order", VIA_HIT },
	{ NULL, VIA_HIT },
};

static const struct view_hit customer_hits[] = {
	{ "customer", VIA_HIT },
	{ NULL, VIA_HIT },
};

static const struct view_hit parcel_hits[] = {
	{ "shipment", VIA_HIT },
	{ NULL, VIA_HIT },
};

static const struct view_hit return_hits[] = {
	{ "return", VIA_HIT },
	{ NULL, VIA_HIT },
};

static const struct view_hit ticket_hits[] = {
	{ "ticket", VIA_HIT },
	{ NULL, VIA_HIT },
};

static void quit(struct tui_ui *ui)
{
	tui_ui_request(ui, TUI_REQ_QUIT);
}

/* Typed at ':', the help opens at what can be typed there. */
static void help(struct tui_ui *ui)
{
	tui_ui_help_at(ui, _("Commands"));
}

/* Every screen below is for every login (caps 0): what a role may read in it is
 * the database's decision, and the keys that change things carry their own caps. */
const struct view_screen views_registry[] = {
	{
		.name = "orders",
		.title = N_("Orders"),
		.help = N_("Every order, newest first; Enter opens one"),
		.tab = 1,
		.channels = orders_channels,
		.root = orders_view_new,
	},
	{
		.name = "tickets",
		.title = N_("Tickets"),
		.help = N_("Open tickets by view, soonest due first; N takes the next"),
		.tab = 2,
		.channels = tickets_channels,
		.root = tickets_view_new,
	},
	{
		/* The warehouse receives and inspects: it sees the pane, without money. */
		.name = "returns",
		.title = N_("Returns"),
		.help = N_("Returns by queue (to approve, to inspect, ...), oldest first"),
		.tab = 3,
		.channels = returns_channels,
		.root = returns_view_new,
	},
	{
		.name = "shipments",
		.title = N_("Shipments"),
		.help = N_("Orders to pack and parcels by view (in transit, exception, no movement, late, ...)"),
		.tab = 4,
		.channels = shipments_channels,
		.root = shipments_view_new,
	},
	{
		/* The warehouse's: a barcode scanner types into it; packing and shipping. */
		.name = "scan",
		.title = N_("Scan"),
		.help = N_("Scan to pack and ship orders and to receive returns; the orders to pack today"),
		.caps = CAP_SCAN,
		.tab = 5,
		.channels = orders_channels,
		.root = scan_view_new,
	},
	{
		/* The supervisor's: read-only, every number opens the rows behind it. */
		.name = "dashboard",
		.title = N_("Dashboard"),
		.help = N_("Queues, late work, agents and trends, live; Enter lists the rows behind a number"),
		.caps = CAP_DASHBOARD,
		.tab = 6,
		.channels = dashboard_channels,
		.root = dashboard_view_new,
	},
	{
		.name = "order",
		.title = N_("Order"),
		.help = N_("One order: lines, parcels, payments, history, actions"),
		.cmd = { "order", VIEW_ARG_NUMBER, N_("NUMBER"), N_("usage: :order NUMBER"),
			 db_lookup_order, N_("no order with that number") },
		.channels = orders_channels,
		.hits = order_hits,
		.open = order_view_new,
	},
	{
		.name = "customer",
		.title = N_("Customer"),
		.help = N_("A customer: orders, parcels, tickets, returns, notes"),
		.cmd = { "customer", VIEW_ARG_ID, N_("ID"),
			 N_("usage: :customer ID (a number; g looks customers up by name)"), NULL, NULL },
		.channels = db_customer_channels,
		.hits = customer_hits,
		.open = customer_view_new,
	},
	{
		.name = "ticket",
		.title = N_("Ticket"),
		.help = N_("One ticket: its messages, SLA, links; reply, note, call, status, macros"),
		.cmd = { "ticket", VIEW_ARG_NUMBER, N_("NUMBER"), N_("usage: :ticket NUMBER"),
			 db_lookup_ticket, N_("no ticket with that number") },
		.channels = ticket_channels,
		.hits = ticket_hits,
		.open = ticket_view_new,
	},
	{
		.name = "return",
		.title = N_("Return"),
		.help = N_("One return: its lines, parcel, inspection, money, history; its next steps"),
		.cmd = { "return", VIEW_ARG_NUMBER, N_("NUMBER"), N_("usage: :return NUMBER"),
			 db_lookup_return, N_("no return with that number") },
		.channels = return_channels,
		.hits = return_hits,
		.open = return_view_new,
	},
	{
		.name = "parcel",
		.title = N_("Parcel"),
		.help = N_("One parcel: where it is, its timeline, the promised window, its delay notice"),
		.cmd = { "parcel", VIEW_ARG_NUMBER, N_("TRACKING_NO"), N_("usage: :parcel TRACKING_NO"),
			 db_lookup_parcel, N_("no parcel with that tracking number") },
		.channels = parcel_channels,
		.hits = parcel_hits,
		.open = parcel_view_new,
	},
	{
		/* Opened by the order screen's own key, for its order. */
		.name = "answers",
		.title = N_("Answers"),
		.help = N_("Answer templates for the order, to read out or send"),
		.from = N_("w on an order"),
	},
	{
		.name = "csat",
		.title = N_("Satisfaction"),
		.help = N_("Satisfaction survey scores by agent, of the last 30 days or DAYS"),
		.cmd = { "csat", VIEW_ARG_TEXT, N_("[DAYS]"), NULL, NULL, NULL },
		.dialog = csat_agents_open,
	},
	{
		.name = "refunds",
		.title = N_("Refunds"),
		.help = N_("The refunds of a day (today, yesterday or YYYY-MM-DD): who gave what, and why"),
		.cmd = { "refunds", VIEW_ARG_TEXT, N_("[DAY]"), NULL, NULL, NULL },
		.dialog = refunds_ledger_open,
	},
	{
		.name = "export",
		.title = N_("Export"),
		.help = N_("A list (tickets, orders, returns, refunds, shipments) to a CSV file, by shop days"),
		.caps = CAP_EXPORT,
		.cmd = { "export", VIEW_ARG_TEXT, N_("[LIST [SINCE [UNTIL]]]"), NULL, NULL, NULL },
		.dialog = export_open,
	},
	{
		.name = "outbox",
		.title = N_("Outbox"),
		.help = N_("Messages to customers not sent yet: parked ones with their error, resend, each as it goes"),
		.caps = CAP_OUTBOX,
		.cmd = { "outbox", VIEW_ARG_TEXT, N_("[parked]"), NULL, NULL, NULL },
		.dialog = outbox_open,
	},
	{
		.name = "lookup",
		.title = N_("Lookup"),
		.help = N_("Find a customer, order, parcel, ticket or return"),
		.cmd = { "find", VIEW_ARG_TEXT, N_("TEXT"), NULL, NULL, NULL },
		.from = N_("g"),
		.dialog = lookup_open,
	},
};

const size_t views_registry_count = sizeof views_registry / sizeof views_registry[0];

const struct view_builtin views_builtins[] = {
	{ "quit", "q", N_("Quit (asks first when something is unsaved)"), quit },
	{ "help", NULL, N_("These keys, the screens and the commands"), help },
	{ "messages", NULL, N_("The last messages, whole, with their times (also F2)"),
	  tui_ui_show_messages },
};

const size_t views_builtins_count = sizeof views_builtins / sizeof views_builtins[0];
