#ifndef BACKDESK_SEED_SEED_DDL_H
#define BACKDESK_SEED_SEED_DDL_H
/* A bulk load into a nearly empty table is faster without its plain indexes and
 * foreign keys, built once afterwards (a sorted index build, in parallel; one join
 * per foreign key) than kept up row by row.  Inside the seed's transaction these set
 * them aside and put them back exactly as the catalogue had them, so a failure
 * rolls everything back.  Unique indexes and primary keys stay: they guard the data
 * while it goes in.  A table set aside is locked until the commit (readers wait), so
 * only tables the seed at least doubles are touched. */
#include <stddef.h>

#include <libpq-fe.h>

/* tables[i] ("backdesk.orders") gets rows[i] new rows.  Returns how many indexes and
 * foreign keys were set aside, or -1 with *err set. */
int seed_ddl_set_aside(PGconn *c, const char *const *tables, const long long *rows, size_t n,
		       char **err);

/* Builds what seed_ddl_set_aside() dropped: indexes first, then the foreign keys,
 * each checked against every row.  Returns 0, or -1 with *err set. */
int seed_ddl_restore(PGconn *c, char **err);

#endif
