#!/bin/bash
# 100,000 orders: End reaches the very last order (keyset paging, no OFFSET), and
# paging does not make the program grow.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 6

newdb e2e_big; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --orders 100000 --seed 4 >/dev/null 2>&1 \
	|| { echo "Bail out! seed --orders 100000 failed"; exit 1; }
first=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.orders ORDER BY placed_at DESC, id DESC LIMIT 1")
last=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.orders ORDER BY placed_at, id LIMIT 1")

# ASan keeps freed memory in quarantine; that is not the program growing.
e2e_start 80x24 PGDATABASE="$db" ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=0" -- "$BACKDESK"
ok 'wait_for "^$first "' "the newest of 100,000 orders is first ($first)"
keys End
ok 'wait_for "^$last " 10' "End reaches the last order ($last)"
keys Home
ok 'wait_for "^$first " 10' "Home comes back to the first"

pid=$(e2e_pid)
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
for i in $(seq 1 200); do keys PageDown; done
wait_for "^[A-Z][A-Z]-[0-9]+ " >/dev/null
before=$(rss "$pid")
for i in $(seq 1 600); do keys PageDown; done
keys End
wait_for "^$last " 10 >/dev/null
after=$(rss "$pid")
diag "resident memory after 200 pages: ${before} kB, after 800 more and End: ${after} kB"
ok '[ -n "$before" ] && [ "$after" -le $(( before + before / 10 + 1024 )) ]' \
	"memory stays flat while paging (${before} kB → ${after} kB)"
keys q
ok 'e2e_exited 10' "quits"
is "$E2E_STATUS" 0 "with status 0"
