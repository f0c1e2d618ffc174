#include "seed/seed_ddl.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/connect.h"

/* Which tables, and what was dropped from them with the statement that restores
 * it.  The statements come from the catalogue (pg_get_indexdef,
 * pg_get_constraintdef, identifiers quoted by format('%I') and regclass), server
 * side; this program never writes them. */
static const char *const setup_sql[] = {
	"CREATE TEMP TABLE backdesk_seed_big (rel regclass PRIMARY KEY) ON COMMIT DROP",
	"CREATE TEMP TABLE backdesk_seed_ddl (ord integer GENERATED ALWAYS AS IDENTITY, "
	"phase integer NOT NULL, restore text NOT NULL) ON COMMIT DROP",
};

static const char pick_sql[] =
	"INSERT INTO backdesk_seed_big (rel) "
	"SELECT c.oid FROM unnest($1::text[], $2::bigint[]) AS u (t, n) "
	"JOIN pg_class c ON c.oid = u.t::regclass "
	"WHERE u.n > 0 AND u.n >= CASE WHEN c.reltuples >= 0 THEN c.reltuples "
	"                           ELSE pg_relation_size(c.oid) / 100 END"; /* never analysed */

static const char drop_sql[] =
	"DO $$\n"
	"DECLARE r record;\n"
	"BEGIN\n"
	"    FOR r IN\n"
	"        SELECT 1 AS phase, pg_get_indexdef(i.indexrelid) AS restore,\n"
	"               format('DROP INDEX %s', i.indexrelid::regclass) AS drop\n"
	"        FROM pg_index i JOIN backdesk_seed_big b ON b.rel = i.indrelid\n"
	"        WHERE NOT i.indisunique AND NOT i.indisprimary\n"
	"          AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)\n"
	"        UNION ALL\n"
	"        SELECT 2, format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname,\n"
	"                         pg_get_constraintdef(k.oid)),\n"
	"               format('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname)\n"
	"        FROM pg_constraint k JOIN backdesk_seed_big b ON b.rel = k.conrelid\n"
	"        WHERE k.contype = 'f'\n"
	"    LOOP\n"
	"        INSERT INTO backdesk_seed_ddl (phase, restore) VALUES (r.phase, r.restore);\n"
	"        EXECUTE r.drop;\n"
	"    END LOOP;\n"
	"END\n"
	"$$";

static const char restore_sql[] =
	"DO $$\n"
	"DECLARE r record;\n"
	"BEGIN\n"
	"    FOR r IN SELECT restore FROM backdesk_seed_ddl ORDER BY phase, ord LOOP\n"
	"        EXECUTE r.restore;\n"
	"    END LOOP;\n"
	"    DELETE FROM backdesk_seed_ddl;\n"
	"END\n"
	"$$";

static int run(PGconn *c, const char *sql, int nparams, const char *const *params,
	       ExecStatusType want, PGresult **out, char **err)
{
	PGresult *r = db_exec(c, sql, nparams, params, want, err);

	if (r == NULL)
		return -1;
	if (out != NULL)
		*out = r;
	else
		PQclear(r);
	return 0;
}

int seed_ddl_set_aside(PGconn *c, const char *const *tables, const long long *rows, size_t n,
		       char **err)
{
	struct strbuf names = STRBUF_INIT, counts = STRBUF_INIT;
	const char *params[2];
	PGresult *r;
	int total;

	for (size_t i = 0; i < sizeof setup_sql / sizeof setup_sql[0]; i++)
		if (run(c, setup_sql[i], 0, NULL, PGRES_COMMAND_OK, NULL, err) < 0)
			return -1;
	/* Array literals of constants: schema-qualified table names and numbers. */
	sb_putc(&names, '{');
	sb_putc(&counts, '{');
	for (size_t i = 0; i < n; i++) {
		sb_printf(&names, "%s%s", i > 0 ? "," : "", tables[i]);
		sb_printf(&counts, "%s%lld", i > 0 ? "," : "", rows[i]);
	}
	sb_putc(&names, '}');
	sb_putc(&counts, '}');
	params[0] = names.s;
	params[1] = counts.s;
	total = run(c, pick_sql, 2, params, PGRES_COMMAND_OK, NULL, err);
	sb_free(&names);
	sb_free(&counts);
	if (total < 0 || run(c, drop_sql, 0, NULL, PGRES_COMMAND_OK, NULL, err) < 0 ||
	    run(c, "SELECT count(*) FROM backdesk_seed_ddl", 0, NULL, PGRES_TUPLES_OK, &r, err) < 0)
		return -1;
	total = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return total;
}

int seed_ddl_restore(PGconn *c, char **err)
{
	/* Big sorts, and the server's parallel workers, for the index builds. */
	if (run(c, "SET LOCAL maintenance_work_mem = '512MB'", 0, NULL, PGRES_COMMAND_OK, NULL, err) < 0)
		return -1;
	return run(c, restore_sql, 0, NULL, PGRES_COMMAND_OK, NULL, err);
}
