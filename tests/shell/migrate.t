#!/bin/bash
# backdesk migrate: two at once on an empty database, idempotence, and refusing a
# database newer than the program.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 11

emptydb migrate; db=$REPLY
latest=$(ls "$BACKDESK_ROOT"/db/migrations/*.sql | wc -l)

# Two migrates race on an empty database: the advisory lock makes one wait.
out=$BACKDESK_TEST_TMP/migrate.$$
PGDATABASE=$db "$BACKDESK" migrate >"$out.1" 2>&1 & p1=$!
PGDATABASE=$db "$BACKDESK" migrate >"$out.2" 2>&1 & p2=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
is "$rc1:$rc2" "0:0" "two migrates at once both succeed"
is "$(cat "$out.1" "$out.2" | grep -c '^applied ')" "$latest" "each migration applied exactly once between them"
is "$(psql -XAt -d "$db" -c "SELECT count(*) || ' ' || count(DISTINCT version) || ' ' || max(version) FROM backdesk.schema_migrations")" \
	"$latest $latest $latest" "schema_migrations records every version once"

# PUBLIC may not create temporary objects in a migrated database: a staff login's temp
# view named like a catalog view or a backdesk table is how a definer function was
# fooled (database privileges are not copied by CREATE DATABASE ... TEMPLATE, so only
# a database migrated from empty shows this).
is "$(psql -XAt -d "$db" -c "SELECT has_database_privilege('backdesk_agent', current_database(), 'TEMP')
                                 OR has_database_privilege('backdesk_warehouse', current_database(), 'TEMP')")" \
	f "a staff group cannot create temporary objects in the migrated database"
is "$(psql -XAt -d "$db" -c "SELECT count(*) FROM aclexplode((SELECT datacl FROM pg_database WHERE datname = current_database()))
                                 WHERE grantee = 0 AND privilege_type = 'TEMPORARY'")" \
	0 "PUBLIC holds no TEMPORARY privilege on the migrated database"

again=$(PGDATABASE=$db "$BACKDESK" migrate 2>&1); rc=$?
is "$rc" 0 "migrating again succeeds"
like "$again" "up to date" "migrating again changes nothing"

status=$(PGDATABASE=$db "$BACKDESK" migrate --status 2>&1)
like "$status" "version $latest.*up to date" "migrate --status reports the version"

# A database migrated by a newer backdesk is refused, not touched.
psql -XqAt -d "$db" -c "INSERT INTO backdesk.schema_migrations (version, name) VALUES (9999, 'future')"
err=$(PGDATABASE=$db "$BACKDESK" migrate 2>&1); rc=$?
is "$rc" 1 "a newer schema is refused with exit 1"
like "$err" "newer than this program" "the refusal says why"

# Usage errors exit 2.
"$BACKDESK" migrate --bogus >/dev/null 2>&1; rc=$?
is "$rc" 2 "an unknown option is a usage error"
rm -f "$out".*
