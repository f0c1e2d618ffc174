#include "db/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"

/* "backdesk" in ASCII: the advisory lock every migrate takes. */
#define MIGRATE_LOCK_KEY "7089063264034026347"

int migrate_latest(void)
{
	int v = 0;

	for (int i = 0; i < migrations_count; i++)
		if (migrations[i].version > v)
			v = migrations[i].version;
	return v;
}

int migrate_db_version(PGconn *c, char **err)
{
	PGresult *r;
	int v;

	r = db_exec(c, "SELECT to_regclass('backdesk.schema_migrations') IS NOT NULL", 0, NULL,
		    PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	v = PQgetvalue(r, 0, 0)[0] == 't';
	PQclear(r);
	if (!v)
		return 0;
	r = db_exec(c, "SELECT coalesce(max(version), 0) FROM backdesk.schema_migrations", 0, NULL,
		    PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	v = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

static double now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int run(PGconn *c, const char *sql, char **err)
{
	/* Static SQL text only: a migration file is many statements, which the simple
	 * query protocol allows and PQexecParams does not. */
	PGresult *r = PQexec(c, sql);
	int ok = r != NULL && PQresultStatus(r) == PGRES_COMMAND_OK;

	if (!ok)
		*err = r != NULL ? db_result_message(r) : xstrdup(PQerrorMessage(c));
	PQclear(r);
	return ok ? 0 : -1;
}

static int apply_one(PGconn *c, const struct migration *m, char **err)
{
	char version[16];
	const char *params[2];
	char *why = NULL;
	PGresult *r;

	(void)snprintf(version, sizeof version, "%d", m->version);
	params[0] = version;
	params[1] = m->name;
	if (run(c, "BEGIN", err) < 0)
		return -1;
	if (run(c, m->sql, &why) < 0)
		goto fail;
	r = db_exec(c, "INSERT INTO backdesk.schema_migrations (version, name) VALUES ($1, $2)",
		    2, params, PGRES_COMMAND_OK, &why);
	if (r == NULL)
		goto fail;
	PQclear(r);
	if (run(c, "COMMIT", &why) < 0)
		goto fail;
	return 0;
fail:
	PQclear(PQexec(c, "ROLLBACK"));
	*err = xasprintf(_("migration %04d_%s failed, nothing of it was applied: %s"), m->version,
			 m->name, why);
	free(why);
	return -1;
}

int migrate_apply(PGconn *c, migrate_progress_fn progress, void *arg, char **err)
{
	PGresult *r;
	int current, applied = 0, latest = migrate_latest();

	r = db_exec(c, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")", 0, NULL, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	PQclear(r);

	current = migrate_db_version(c, err);
	if (current < 0) {
		applied = -1;
	} else if (current > latest) {
		*err = xasprintf(_("the database's schema is version %d, newer than this program "
				   "knows (%d); install a newer backdesk instead of migrating"),
				 current, latest);
		applied = -1;
	} else {
		for (int i = 0; i < migrations_count; i++) {
			const struct migration *m = &migrations[i];
			double t0 = now_ms();

			if (m->version <= current)
				continue;
			if (apply_one(c, m, err) < 0) {
				applied = -1;
				break;
			}
			applied++;
			if (progress != NULL)
				progress(m, now_ms() - t0, arg);
		}
	}

	/* Closing the connection would release the lock too; say so explicitly. */
	PQclear(PQexec(c, "SELECT pg_advisory_unlock(" MIGRATE_LOCK_KEY ")"));
	return applied;
}
