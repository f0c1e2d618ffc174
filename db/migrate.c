#include "db/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"

/* "backdesk" in ASCII: the advisory lock every migrate takes. */
#define MIGRATE_LOCK_KEY "7089063264034026347"

/* The recorded history.  to_jsonb reads the checksum without naming the column, so
 * the same query works on a database from before it existed (0016). */
static const char history_sql[] =
	"SELECT version, name, to_jsonb(m) ->> 'checksum' "
	"FROM backdesk.schema_migrations m ORDER BY version";

int migrate_latest(void)
{
	int v = 0;

	for (int i = 0; i < migrations_count; i++)
		if (migrations[i].version > v)
			v = migrations[i].version;
	return v;
}

static const struct migration *find(int version)
{
	for (int i = 0; i < migrations_count; i++)
		if (migrations[i].version == version)
			return &migrations[i];
	return NULL;
}

static int has_history(PGconn *c, char **err)
{
	return db_bool(c, "SELECT to_regclass('backdesk.schema_migrations') IS NOT NULL", err);
}

int migrate_db_version(PGconn *c, char **err)
{
	PGresult *r;
	int v = has_history(c, err);

	if (v <= 0)
		return v;
	r = db_exec(c, "SELECT coalesce(max(version), 0) FROM backdesk.schema_migrations", 0, NULL,
		    PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	v = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

unsigned db_migrations_read(struct db_session *s, db_result_fn cb, void *arg)
{
	return db_session_query(s, history_sql, 0, NULL, DB_Q_READ | DB_Q_BACKGROUND, cb, arg);
}

static void differs(struct migrate_check *out, enum migrate_difference why, int version,
		    const char *name, const char *checksum)
{
	if (out->why != MIGRATE_DIFF_NONE)
		return; /* the first difference is the one to tell */
	out->state = MIGRATE_DIFFERS;
	out->why = why;
	out->diff_version = version;
	out->diff = find(version);
	(void)snprintf(out->diff_name, sizeof out->diff_name, "%s", name != NULL ? name : "");
	(void)snprintf(out->diff_checksum, sizeof out->diff_checksum, "%s",
		       checksum != NULL ? checksum : "");
}

void migrate_check_rows(const PGresult *rows, struct migrate_check *out)
{
	int latest = migrate_latest(), n = rows != NULL ? PQntuples(rows) : 0;

	memset(out, 0, sizeof *out);
	for (int r = 0; r < n; r++) {
		int v = atoi(PQgetvalue(rows, r, 0));
		const char *name = PQgetvalue(rows, r, 1);
		const char *sum = PQgetisnull(rows, r, 2) ? NULL : PQgetvalue(rows, r, 2);
		const struct migration *m = find(v);

		if (v > out->version)
			out->version = v;
		if (sum == NULL && v <= latest)
			out->unchecked++;
		if (v > latest)
			continue; /* a newer program's: AHEAD, below */
		if (m == NULL)
			differs(out, MIGRATE_DIFF_UNKNOWN, v, name, sum);
		else if (strcmp(m->name, name) != 0)
			differs(out, MIGRATE_DIFF_NAME, v, name, sum);
		else if (sum != NULL && strcmp(m->checksum, sum) != 0)
			differs(out, MIGRATE_DIFF_CHECKSUM, v, name, sum);
	}
	/* A gap: a migration of ours below the database's newest that was never applied. */
	for (int i = 0; i < migrations_count && out->why == MIGRATE_DIFF_NONE; i++) {
		bool applied = false;

		if (migrations[i].version >= out->version)
			continue;
		for (int r = 0; r < n && !applied; r++)
			applied = atoi(PQgetvalue(rows, r, 0)) == migrations[i].version;
		if (!applied)
			differs(out, MIGRATE_DIFF_MISSING, migrations[i].version, migrations[i].name, NULL);
	}
	if (out->why != MIGRATE_DIFF_NONE)
		return;
	out->state = out->version > latest   ? MIGRATE_AHEAD
		   : out->version < latest ? MIGRATE_BEHIND
					   : MIGRATE_CURRENT;
}

int migrate_check(PGconn *c, struct migrate_check *out, char **err)
{
	PGresult *r;
	int have = has_history(c, err);

	if (have < 0)
		return -1;
	if (!have) {
		migrate_check_rows(NULL, out);
		return 0;
	}
	r = db_exec(c, history_sql, 0, NULL, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	migrate_check_rows(r, out);
	PQclear(r);
	return 0;
}

char *migrate_check_message(const struct migrate_check *c)
{
	const struct migration *m = c->diff;

	if (c->state == MIGRATE_AHEAD)
		return xasprintf(_("the database's schema is version %d, newer than this program knows "
				   "(%d): install a newer backdesk"),
				 c->version, migrate_latest());
	if (c->state != MIGRATE_DIFFERS)
		return NULL;
	switch (c->why) {
	case MIGRATE_DIFF_CHECKSUM:
		return xasprintf(_("migration %04d_%s in this database differs from this program's "
				   "(checksum %.12s… there, %.12s… here): it was applied from another "
				   "text of the file. Migrations are history and are never edited: use "
				   "the backdesk that migrated this database, or restore it"),
				 c->diff_version, m->name, c->diff_checksum, m->checksum);
	case MIGRATE_DIFF_NAME:
		return xasprintf(_("migration %04d is '%s' in this database but '%s' in this program: "
				   "the database was migrated by another line of backdesk"),
				 c->diff_version, c->diff_name, m->name);
	case MIGRATE_DIFF_MISSING:
		return xasprintf(_("migration %04d_%s was never applied to this database, though later "
				   "ones were: its history is not this program's"),
				 c->diff_version, m->name);
	case MIGRATE_DIFF_UNKNOWN:
		return xasprintf(_("migration %04d_%s in this database is not one this program has: "
				   "the database was migrated by another line of backdesk"),
				 c->diff_version, c->diff_name);
	case MIGRATE_DIFF_NONE:
		break;
	}
	return NULL;
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

/* 1 when backdesk.schema_migrations has its checksum column (0016 on), 0 before. */
static int keeps_checksums(PGconn *c, char **err)
{
	return db_bool(c,
		       "SELECT EXISTS (SELECT FROM pg_catalog.pg_attribute "
		       "WHERE attrelid = 'backdesk.schema_migrations'::regclass "
		       "AND attname = 'checksum' AND NOT attisdropped)",
		       err);
}

static int apply_one(PGconn *c, const struct migration *m, char **err)
{
	char version[16];
	const char *params[3];
	char *why = NULL;
	PGresult *r;
	int sums;

	(void)snprintf(version, sizeof version, "%d", m->version);
	params[0] = version;
	params[1] = m->name;
	params[2] = m->checksum;
	if (run(c, "BEGIN", err) < 0)
		return -1;
	if (run(c, m->sql, &why) < 0)
		goto fail;
	/* The migration that adds the column is recorded with its checksum already. */
	sums = keeps_checksums(c, &why);
	if (sums < 0)
		goto fail;
	r = db_exec(c,
		    sums ? "INSERT INTO backdesk.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)"
			 : "INSERT INTO backdesk.schema_migrations (version, name) VALUES ($1, $2)",
		    sums ? 3 : 2, params, PGRES_COMMAND_OK, &why);
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

/* Trust on first use: a migration applied before checksums were kept gets this
 * program's, once the history has been found to match it in every other way.
 * Returns how many of those applied before this run (up to `before`) it recorded. */
static int record_checksums(PGconn *c, int before, char **err)
{
	int n = 0, sums = keeps_checksums(c, err);

	if (sums <= 0)
		return sums;
	for (int i = 0; i < migrations_count; i++) {
		char version[16];
		const char *params[2];
		PGresult *r;

		(void)snprintf(version, sizeof version, "%d", migrations[i].version);
		params[0] = version;
		params[1] = migrations[i].checksum;
		r = db_exec(c,
			    "UPDATE backdesk.schema_migrations SET checksum = $2 "
			    "WHERE version = $1 AND checksum IS NULL",
			    2, params, PGRES_COMMAND_OK, err);
		if (r == NULL)
			return -1;
		if (migrations[i].version <= before)
			n += atoi(PQcmdTuples(r));
		PQclear(r);
	}
	return n;
}

int migrate_apply(PGconn *c, migrate_progress_fn progress, void *arg, int *trusted, char **err)
{
	struct migrate_check chk;
	PGresult *r;
	int applied = 0;

	*trusted = 0;
	r = db_exec(c, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")", 0, NULL, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	PQclear(r);

	if (migrate_check(c, &chk, err) < 0) {
		applied = -1;
	} else if (chk.state == MIGRATE_AHEAD || chk.state == MIGRATE_DIFFERS) {
		char *why = migrate_check_message(&chk);

		*err = xasprintf(_("%s; nothing was migrated"), why);
		free(why);
		applied = -1;
	} else {
		for (int i = 0; i < migrations_count; i++) {
			const struct migration *m = &migrations[i];
			double t0 = now_ms();

			if (m->version <= chk.version)
				continue;
			if (apply_one(c, m, err) < 0) {
				applied = -1;
				break;
			}
			applied++;
			if (progress != NULL)
				progress(m, now_ms() - t0, arg);
		}
		if (applied >= 0) {
			int n = record_checksums(c, chk.version, err);

			if (n < 0)
				applied = -1;
			else
				*trusted = n;
		}
	}

	/* Closing the connection would release the lock too; say so explicitly. */
	PQclear(PQexec(c, "SELECT pg_advisory_unlock(" MIGRATE_LOCK_KEY ")"));
	return applied;
}
