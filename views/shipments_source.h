#ifndef BACKDESK_VIEWS_SHIPMENTS_SOURCE_H
#define BACKDESK_VIEWS_SHIPMENTS_SOURCE_H
/* The Shipments list's rows: a keyset source (views/keyset_source.h) over
 * db_shipments_page, for one view at a time.  The parcel views and To pack (which
 * lists orders) have the same number of columns, each its own: the pane swaps
 * the headings with the view. */
#include <stdbool.h>

#include "db/session.h"
#include "db/shipments_list.h"
#include "tui/table.h"
#include "views/keyset_source.h"

enum {
	SHIPMENTS_VCOL_0,
	SHIPMENTS_VCOL_1,
	SHIPMENTS_VCOL_2,
	SHIPMENTS_VCOL_3,
	SHIPMENTS_VCOL_4,
	SHIPMENTS_VCOL_5,
	SHIPMENTS_VCOL_6,
	SHIPMENTS_VCOL_COUNT
};

/* Tracking, carrier, status, order, customer, news (how long since the last
 * event), promised (the last day of the delivery window). */
extern const struct tui_column shipments_parcel_columns[SHIPMENTS_VCOL_COUNT];
/* Order, ship by, status (and late), lines, units, customer, age. */
extern const struct tui_column shipments_to_pack_columns[SHIPMENTS_VCOL_COUNT];

struct shipments_source {
	struct keyset_source ks; /* first: the table's source */
	enum shipments_view view;
};

/* For a table over keyset_source_ops (its src is the struct). */
struct shipments_source *shipments_source_new(struct db_session *db);
void shipments_source_free(struct shipments_source *src);
/* The view the next fetch reads (the caller reloads the table). */
void shipments_source_set_view(struct shipments_source *src, enum shipments_view v);

/* What a row key names: the parcel (To pack: the order) and its order. */
const char *shipments_key_id(const void *key);
const char *shipments_key_number(const void *key);
const char *shipments_key_order(const void *key);
const char *shipments_key_order_id(const void *key);

#endif
