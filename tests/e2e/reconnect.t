#!/bin/bash
# PostgreSQL stops under an open console: the status line says so within two
# seconds, what the user was typing stays, and when the server is back the console
# carries on without a restart.  On a cluster of its own, not the shared one.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 13

own=$BACKDESK_TEST_TMP/rc.$$
export DEVDB_DIR=$own DEVDB_NAME=rc DEVDB_FAST=1
at_exit "DEVDB_DIR=$own $BACKDESK_ROOT/db/devdb destroy"
"$BACKDESK_ROOT/db/devdb" start >/dev/null || { echo "Bail out! own cluster did not start"; exit 1; }
eval "$("$BACKDESK_ROOT/db/devdb" env)"
"$BACKDESK" migrate >/dev/null && "$BACKDESK" seed --demo >/dev/null 2>&1 \
	|| { echo "Bail out! migrate/seed failed"; exit 1; }

e2e_start 80x24 PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=rc PGUSER=postgres -- "$BACKDESK"
ok 'wait_for "connected"' "connected to its own cluster"
ok 'wait_for "^SO-100234 |^[A-Z][A-Z]-[0-9]+ "' "the orders are listed"

# The user is typing an order number into the find prompt when the server goes.
keys /
typetext "SO-1002"
ok 'wait_for "SO-1002"' "the find prompt holds what was typed"

"$BACKDESK_ROOT/db/devdb" stop >/dev/null
t0=$(date +%s%N)
ok 'poll_for "DISCONNECTED" 2' "the status line says DISCONNECTED within 2 seconds"
diag "noticed after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
like "$(screen)" "SO-1002" "what was typed is still there"

"$BACKDESK_ROOT/db/devdb" start >/dev/null
ok 'poll_for " connected *$|│ connected" 20' "the console reconnects by itself"
typetext "34"
keys Enter
ok 'wait_selected 3 "^SO-100234 .*Şükrü Öztürk"' "and the finished search works: SO-100234 is found"
keys Enter
ok 'wait_for "Order SO-100234"' "an order opens after the reconnect"
keys q
ok 'e2e_exited 5' "quits cleanly"

# A server that is not there when the console starts: it says it cannot reach
# it, and once the server is up that gives way to "connected" and the orders.
"$BACKDESK_ROOT/db/devdb" stop >/dev/null
e2e_start 80x24 PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=rc PGUSER=postgres -- "$BACKDESK"
ok 'poll_for "cannot reach the database" 10' "started with the server down: it cannot reach it"
"$BACKDESK_ROOT/db/devdb" start >/dev/null
ok 'poll_for "^SO-100234 |^[A-Z][A-Z]-[0-9]+ " 20 && wait_gone "cannot reach the database"' \
	"the server up: the orders come, and \"cannot reach\" is gone"
# "connected" waits for the live-update connection, which may come after the first
# page: no key's doing, so it is polled for, on the message line.
ok 'poll_for "^connected *$" 10' "\"connected\" says so instead"
keys q
ok 'e2e_exited 5' "quits cleanly"
