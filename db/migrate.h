#ifndef BACKDESK_DB_MIGRATE_H
#define BACKDESK_DB_MIGRATE_H
/* Applies the compiled-in migrations in order, each in its own transaction, under an
 * advisory lock so that two `backdesk migrate` at once are safe. */
#include <libpq-fe.h>

#include "db/migrations.h"

typedef void (*migrate_progress_fn)(const struct migration *m, double ms, void *arg);

/* The newest schema version this program knows. */
int migrate_latest(void);

/* The database's schema version (0 for an empty database), or -1 with *err set. */
int migrate_db_version(PGconn *c, char **err);

/* Brings the database to migrate_latest().  Returns the number applied, or -1 with
 * *err set (a database newer than the program is refused). */
int migrate_apply(PGconn *c, migrate_progress_fn progress, void *arg, char **err);

#endif
