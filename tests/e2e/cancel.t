#!/bin/bash
# A query that takes long shows a spinner after 150 ms, and Esc cancels it on the
# server; F5 loads again once the way is clear.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 12

newdb e2e_cancel; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
wait_for "^Order +Placed" >/dev/null
wait_for "^[A-Z][A-Z]-[0-9]+ " >/dev/null

# hold_orders: another session holds the orders table, so every read of it waits;
# its pid in $locker.
hold_orders() {
	PGAPPNAME=bd-locker psql -XqAt -d "$db" -c "BEGIN; LOCK TABLE backdesk.orders IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(30)" >/dev/null 2>&1 &
	locker=$!
	at_exit "kill $locker"
	# Until the lock is granted (a busy machine may take seconds to start psql);
	# a test that goes on without it would only measure the machine.
	for i in $(seq 600); do
		[ "$(psql -XAt -d "$db" -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
		     WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		       AND c.relname = 'orders' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ] && return 0
		sleep 0.05
	done
	echo "# hold_orders: the lock on orders was not granted in 30 s" >&2
	psql -XAt -d "$db" -c "SELECT pid, application_name, state, wait_event_type, left(query, 60)
	                        FROM pg_stat_activity WHERE datname = current_database()" >&2
	return 1
}
# release_orders: the holder lets go.  Its backend is ended, and gone before this
# returns (a killed psql would leave it asleep in pg_sleep, holding the lock; one
# still on its way out would pass for the next holder).
release_orders() {
	psql -XqAt -d "$db" -c "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
	                         WHERE datname = current_database() AND application_name = 'bd-locker'" >/dev/null
	kill "$locker" 2>/dev/null
	wait "$locker" 2>/dev/null || true
}
# waiting_on_lock N: how many of the console's queries wait on a lock, once that
# is N (2 s at most).
waiting_on_lock() {
	psql_until "$1" 2 "$db" "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
	    AND application_name = 'backdesk' AND wait_event_type = 'Lock'"
}

# Someone holds the orders table: every read of it waits.
hold_orders

keys F5
ok 'poll_for "working · Esc cancels" 3' "a slow load shows the spinner"
# (The spinner comes 150 ms after the query is sent: it may still be on its way.)
is "$(waiting_on_lock 1)" 1 "while its query waits on the server"
keys Escape
ok 'wait_for "cancelled; F5 loads it again"' "Esc cancels it"
ok 'wait_gone "working · Esc cancels"' "and the spinner goes"
is "$(waiting_on_lock 0)" 0 \
	"the server stopped the query (not just the screen)"
release_orders
keys F5
ok 'wait_for "^[A-Z][A-Z]-[0-9]+ "' "F5 loads the list again"

# Esc on an order screen that is still loading goes back to the list as well: the
# screen had nothing to show, and the user pressed Esc to leave it.
hold_orders
keys Enter
ok 'poll_for "working · Esc cancels" 3' "opening an order while the table is held shows the spinner"
keys Escape
ok 'wait_for "^Order +Placed" && wait_gone "working · Esc cancels"' "Esc on the loading order screen goes back to the list"
is "$(waiting_on_lock 0)" 0 \
	"and the server stopped the order's query"
release_orders

# q while the list's page is still on its way: the program ends cleanly (under ASan
# a widget that asked its source to stop after the source was freed would not).
hold_orders
keys F5
ok 'poll_for "working · Esc cancels" 3' "a reload waits on the held table"
keys q
ok 'e2e_exited 5' "q quits while the list's query is in flight"
is "$E2E_STATUS" 0 "with exit status 0 (nothing freed twice or used after free, under ASan)"
release_orders
