#!/bin/bash
# backdesk migrate: two at once on an empty database, idempotence, refusing a
# database newer than the program, and migrations as history: each applied one is
# recorded with the SHA-256 of its file, and a database whose history differs from the
# program's is refused, naming the migration.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 28

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

# Every migration recorded with the checksum of its file.
is "$(psql -XAt -d "$db" -c "SELECT string_agg(format('%s_%s.sql %s', lpad(version::text, 4, '0'), name, checksum), ' ' ORDER BY version)
                              FROM backdesk.schema_migrations WHERE version < 9999")" \
	"$(cd "$BACKDESK_ROOT/db/migrations" && sha256sum *.sql | awk '{ print $2, $1 }' | paste -sd ' ')" \
	"each migration is recorded with the SHA-256 of its file"

# History, on a database of its own.
newdb migrate_history; hdb=$REPLY
h() { psql -XqAt -d "$hdb" -c "$1"; }
sum7=$(h "SELECT checksum FROM backdesk.schema_migrations WHERE version = 7")

# Rows from before checksums were kept: filled by the next migrate, trusted.
h "UPDATE backdesk.schema_migrations SET checksum = NULL WHERE version IN (3, 7)"
status=$(PGDATABASE=$hdb "$BACKDESK" migrate --status 2>&1); rc=$?
is "$rc" 0 "migrate --status on a database with unrecorded checksums exits 0"
like "$status" "2 migrations were applied before checksums were kept" "and says the next migrate records them"
said=$(PGDATABASE=$hdb "$BACKDESK" migrate 2>&1); rc=$?
is "$rc" 0 "migrate fills in the missing checksums"
like "$said" "recorded the checksums of 2 migrations applied before checksums were kept, trusting them" \
	"and says it trusted them (trust on first use)"
is "$(h "SELECT checksum FROM backdesk.schema_migrations WHERE version = 7")" "$sum7" "with the program's checksum"

# A migration applied from another text of the file: refused, named, untouched.
h "UPDATE backdesk.schema_migrations SET checksum = repeat('0', 64) WHERE version = 7"
before=$(h "SELECT count(*), max(applied_at) FROM backdesk.schema_migrations")
err=$(PGDATABASE=$hdb "$BACKDESK" migrate 2>&1); rc=$?
is "$rc" 1 "a database whose applied migration differs is refused with exit 1"
like "$err" "migration 0007_customer_360 in this database differs from this program's" "the refusal names the migration"
like "$err" "nothing was migrated" "and says nothing was done"
is "$(h "SELECT count(*), max(applied_at) FROM backdesk.schema_migrations")" "$before" "the history is left as it was"
err=$(PGDATABASE=$hdb "$BACKDESK" migrate --status 2>&1); rc=$?
is "$rc:$(echo "$err" | grep -c '0007_customer_360')" "1:1" "migrate --status says it too, with exit 1"
h "UPDATE backdesk.schema_migrations SET checksum = '$sum7' WHERE version = 7"

# Another name under the same number, and a gap in the history.
h "UPDATE backdesk.schema_migrations SET name = 'something_else' WHERE version = 3"
err=$(PGDATABASE=$hdb "$BACKDESK" migrate 2>&1); rc=$?
is "$rc" 1 "a migration recorded under another name is refused"
like "$err" "migration 0003 is 'something_else' in this database but 'live_notify' in this program" \
	"naming both names"
h "UPDATE backdesk.schema_migrations SET name = 'live_notify' WHERE version = 3"
h "DELETE FROM backdesk.schema_migrations WHERE version = 5"
err=$(PGDATABASE=$hdb "$BACKDESK" migrate 2>&1); rc=$?
is "$rc:$err" "1:backdesk: migration 0005_notes_outbox_limits was never applied to this database, though later ones were: its history is not this program's; nothing was migrated" \
	"a migration missing below the newest is refused, not applied out of order"

# A database an older backdesk migrated to 0014, before checksums were kept: the
# migrations applied as that program did (each file in a transaction, then its row).
emptydb migrate_old; odb=$REPLY
for f in "$BACKDESK_ROOT"/db/migrations/00{01..14}_*.sql; do
	base=$(basename "$f" .sql)
	psql -XqAt -v ON_ERROR_STOP=1 -d "$odb" -1 -f "$f" \
		-c "INSERT INTO backdesk.schema_migrations (version, name) VALUES (${base%%_*}, '${base#*_}')" \
		>/dev/null 2>&1 || echo "# could not apply $base the old way"
done
said=$(PGDATABASE=$odb "$BACKDESK" migrate 2>&1); rc=$?
is "$rc:$(echo "$said" | grep -c '^applied ')" "0:$((latest - 14))" "an old database is migrated from 0015 on"
like "$said" "recorded the checksums of 14 migrations applied before checksums were kept" \
	"and the 14 it had are recorded, trusted on first use"
is "$(psql -XAt -d "$odb" -c "SELECT string_agg(format('%s_%s.sql %s', lpad(version::text, 4, '0'), name, checksum), ' ' ORDER BY version)
                               FROM backdesk.schema_migrations")" \
	"$(cd "$BACKDESK_ROOT/db/migrations" && sha256sum *.sql | awk '{ print $2, $1 }' | paste -sd ' ')" \
	"after which its history is the program's, checksums and all"

# Usage errors exit 2.
"$BACKDESK" migrate --bogus >/dev/null 2>&1; rc=$?
is "$rc" 2 "an unknown option is a usage error"
rm -f "$BACKDESK_TEST_TMP/migrate.$$".*
