#ifndef BACKDESK_VIEWS_RETURNS_SOURCE_H
#define BACKDESK_VIEWS_RETURNS_SOURCE_H
/* The Returns list's rows: a keyset source (views/keyset_source.h) over
 * db_returns_page, for one queue view at a time (to approve, to inspect, ...),
 * oldest first (closed ones newest first), with how long ago each was asked for. */
#include <stdbool.h>

#include "db/returns_list.h"
#include "db/session.h"
#include "tui/table.h"
#include "views/keyset_source.h"

enum {
	RETURNS_VCOL_NUMBER,
	RETURNS_VCOL_AGE,
	RETURNS_VCOL_STATUS,
	RETURNS_VCOL_KIND,
	RETURNS_VCOL_ORDER,
	RETURNS_VCOL_CUSTOMER,
	RETURNS_VCOL_WHAT,
	RETURNS_VCOL_REASON,
	RETURNS_VCOL_VALUE, /* last: a role without money has it hidden */
	RETURNS_VCOL_COUNT
};

extern const struct tui_column returns_columns[RETURNS_VCOL_COUNT];
/* The value column as a role that sees no money has it: no title, one blank cell. */
extern const struct tui_column returns_no_value_column;

struct returns_source {
	struct keyset_source ks; /* first: the table's source */
	enum returns_view view;
};

/* For a table over keyset_source_ops (its src is the struct). */
struct returns_source *returns_source_new(struct db_session *db);
void returns_source_free(struct returns_source *src);
/* The view the next fetch reads (the caller reloads the table). */
void returns_source_set_view(struct returns_source *src, enum returns_view v);

/* The return behind a row key (for opening it). */
const char *returns_key_id(const void *key);
const char *returns_key_number(const void *key);
/* Its order's number (until the return screen exists, Enter opens the order). */
const char *returns_key_order(const void *key);
const char *returns_key_order_id(const void *key);

#endif
