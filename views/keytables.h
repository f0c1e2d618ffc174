#ifndef BACKDESK_VIEWS_KEYTABLES_H
#define BACKDESK_VIEWS_KEYTABLES_H
/* Every screen's own key table, by screen, so that a test can hold them together:
 * a letter means one thing on every screen (tests/unit/test_views_keys.c).  A
 * view names its table once, next to it:
 *
 *   const struct view_keytable orders_keytable = VIEW_KEYTABLE("orders", bindings, true);
 *
 * and views/keytables.c lists it. */
#include <stdbool.h>
#include <stddef.h>

#include "tui/keymap.h"

struct view_keytable {
	const char *screen;
	const struct tui_binding *b;
	size_t n;
	bool list; /* a list (tui_table_pane): the table's keys (s, S, /, \) are its keys too */
	/* A dialog over a screen that only shows or picks (no typing): its letters mean
	 * what they mean on the screens, but q closes it (as the help's q does). */
	bool overlay;
};

#define VIEW_KEYTABLE(screen, table, list) \
	{ (screen), (table), sizeof(table) / sizeof((table)[0]), (list), false }
#define VIEW_OVERLAY_KEYTABLE(screen, table, list) \
	{ (screen), (table), sizeof(table) / sizeof((table)[0]), (list), true }

extern const struct view_keytable orders_keytable, order_keytable, customer_keytable,
	answers_keytable, lookup_keytable, customer_picker_keytable, ticket_keytable,
	tickets_keytable, tickets_chooser_keytable, csat_agents_keytable, return_lines_keytable,
	refunds_ledger_keytable, outbox_keytable, outbox_message_keytable, message_preview_keytable,
	returns_keytable,
	return_keytable, shipments_keytable, parcel_keytable, scan_keytable, dashboard_keytable,
	dashboard_list_keytable;

extern const struct view_keytable *const views_keytables[];
extern const size_t views_keytables_count;

#endif
