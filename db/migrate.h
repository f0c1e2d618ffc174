#ifndef BACKDESK_DB_MIGRATE_H
#define BACKDESK_DB_MIGRATE_H
/* Applies the compiled-in migrations in order, each in its own transaction, under an
 * advisory lock so that two `backdesk migrate` at once are safe.  Migrations are
 * history: each applied one is recorded with the SHA-256 of its file, and a database
 * whose applied migration differs from this program's is refused, not migrated. */
#include <libpq-fe.h>

#include "db/migrations.h"
#include "db/session.h"

typedef void (*migrate_progress_fn)(const struct migration *m, double ms, void *arg);

/* The newest schema version this program knows. */
int migrate_latest(void);

/* The database's schema version (0 for an empty database), or -1 with *err set. */
int migrate_db_version(PGconn *c, char **err);

/* How a database's applied migrations compare with this program's. */
enum migrate_state {
	MIGRATE_CURRENT, /* every migration applied, as this program has it */
	MIGRATE_BEHIND,  /* some still to apply */
	MIGRATE_AHEAD,   /* migrated by a newer program */
	MIGRATE_DIFFERS, /* its history is not this program's: see `why` */
};
enum migrate_difference {
	MIGRATE_DIFF_NONE,
	MIGRATE_DIFF_CHECKSUM, /* applied from another text of the file */
	MIGRATE_DIFF_NAME,     /* the same number, another name */
	MIGRATE_DIFF_MISSING,  /* never applied, though later ones were */
	MIGRATE_DIFF_UNKNOWN,  /* a number this program does not have, below its newest */
};
struct migrate_check {
	enum migrate_state state;
	int version;   /* the database's newest */
	int unchecked; /* applied rows without a checksum yet (recorded before 0016) */
	enum migrate_difference why;
	int diff_version;                 /* DIFFERS: which migration */
	const struct migration *diff;     /* DIFFERS: this program's (NULL for UNKNOWN) */
	char diff_name[128];              /* DIFFERS: the name the database has */
	char diff_checksum[65];           /* DIFFERS: the checksum the database has */
};

/* The database's applied migrations, as rows (version, name, checksum or NULL), for
 * migrate_check_rows; the console's asynchronous way to the same check. */
unsigned db_migrations_read(struct db_session *s, db_result_fn cb, void *arg);
void migrate_check_rows(const PGresult *rows, struct migrate_check *out);
/* The same, on a blocking connection; -1 with *err set when it cannot be read. */
int migrate_check(PGconn *c, struct migrate_check *out, char **err);
/* For people (translated; caller frees): what is wrong and what to do, for AHEAD and
 * DIFFERS; NULL for the other states. */
char *migrate_check_message(const struct migrate_check *c);

/* Brings the database to migrate_latest(), then records the checksums of migrations
 * applied before checksums were kept (trust on first use; *trusted says how many).
 * Returns the number applied, or -1 with *err set: a database newer than the program,
 * or one whose history differs, is refused and left as it is. */
int migrate_apply(PGconn *c, migrate_progress_fn progress, void *arg, int *trusted, char **err);

#endif
