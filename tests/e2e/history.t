#!/bin/bash
# The console on a database whose migration history differs from the program's (a
# migration applied from another text of its file): it says so, naming the
# migration, as loudly as it says a schema is newer; `backdesk migrate` refuses such
# a database (tests/shell/migrate.t).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 2

newdb e2e_history; db=$REPLY
psql -XqAt -d "$db" -c "UPDATE backdesk.schema_migrations SET checksum = repeat('0', 64) WHERE version = 7"

e2e_start 160x24 PGDATABASE="$db" -- "$BACKDESK"
ok 'wait_for "migration 0007_customer_360 in this database differs from this program.s"' \
	"the console says which migration differs"
ok 'wait_for "connected"' "and stays connected: reading is still possible"
