#ifndef BACKDESK_DB_SCAN_H
#define BACKDESK_DB_SCAN_H
/* The warehouse scan pane's calls (issue 14): what a scanned code is, shipping a
 * packed parcel, and the orders to pack today.  Receiving a return is
 * db_return_receive (db/return.h). */
#include "db/session.h"

/* One row, one column: api.scan_resolve(code) as JSON text. */
unsigned db_scan_resolve(struct db_session *s, const char *code, db_result_fn cb, void *arg);
/* One row, one column: the new shipment's id.  items_json: [{"line_no","qty"}],
 * every line of the order (NULL: not checked); version: the order's as scanned. */
unsigned db_scan_ship(struct db_session *s, const char *order_number, const char *carrier,
		      const char *tracking_no, const char *items_json, const char *version,
		      db_result_fn cb, void *arg);
/* Rows (number, ship_by, late "true"/"false", lines, units, customer_name): api.orders_to_pack,
 * late first. */
unsigned db_scan_orders_to_pack(struct db_session *s, int limit, db_result_fn cb, void *arg);

#endif
