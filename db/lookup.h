#ifndef BACKDESK_DB_LOOKUP_H
#define BACKDESK_DB_LOOKUP_H
/* The one search box: api.find's hits grouped by kind, the best group first, in
 * one round trip; where each hit leads (api.find_targets) in a second one, once
 * the hits are on screen. */
#include "db/session.h"

/* Columns of every db_lookup_find result, in this order (all text). */
enum {
	LOOKUP_COL_KIND,          /* customer, order, shipment, ticket, return */
	LOOKUP_COL_ID,
	LOOKUP_COL_LABEL,         /* what matched: a name, a number, a tracking number */
	LOOKUP_COL_DETAIL,
	LOOKUP_COL_HOW,           /* exact, prefix, contains, similar (a name misheard) */
	LOOKUP_COL_RANK,          /* api.find's rank, 0 to 1 */
	LOOKUP_NCOLS
};

/* Columns of every db_lookup_targets result (all text), a row per hit asked, in
 * the order asked. */
enum {
	TARGET_COL_KIND,
	TARGET_COL_ID,
	TARGET_COL_ORDER_ID,      /* the order it opens, or empty */
	TARGET_COL_ORDER_NUMBER,
	TARGET_COL_CUSTOMER_ID,   /* its customer, or empty */
	TARGET_COL_CUSTOMER_NAME,
	TARGET_NCOLS
};

/* How many hits the box asks for. */
#define DB_LOOKUP_LIMIT 30

/* Up to `limit` hits for what was typed, in api.find's order; no rows for blank
 * text.  db_lookup_arrange puts them in the box's. */
unsigned db_lookup_find(struct db_session *s, const char *text, int limit, db_result_fn cb,
			void *arg);

/* db_lookup_find's rows grouped by kind, the group holding the best hit first,
 * kinds in a fixed order breaking ties, then by rank; hits that tie stay in
 * api.find's order (by label, in the database's collation).  A new result the
 * caller PQclears, or NULL when the rows are in that order already (or there
 * was no memory for a copy: then they are shown as api.find gave them). */
PGresult *db_lookup_arrange(const PGresult *res);

/* Where hits lead: kinds and ids are comma-separated lists of the same length,
 * as api.find returned them ("order,customer", "400000,17"). */
unsigned db_lookup_targets(struct db_session *s, const char *kinds, const char *ids,
			   db_result_fn cb, void *arg);

/* One row (id, number) for the order with this number (exact, or upper-cased), or none. */
unsigned db_lookup_order(struct db_session *s, const char *number, db_result_fn cb, void *arg);

#endif
