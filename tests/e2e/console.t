#!/bin/bash
# The console on the demo data: start, the orders list, an order, back, help,
# quit with the terminal restored.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 18

newdb e2e_console; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
newest=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.orders ORDER BY placed_at DESC, id DESC LIMIT 1")

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
ok 'wait_for "^ 1 Orders"' "the console starts with the Orders tab"
ok 'wait_for "^$newest "' "the newest order is on the first line ($newest)"
ok 'wait_for "connected"' "the status line says connected"
like "$(screen)" "postgres \(admin\)" "the status line shows who and which role"
like "$(screen | tail -n 1)" "F1.*Help.*F10.*Quit" "the F-key bar is at the bottom"

keys Enter
ok 'wait_for "Order $newest"' "Enter opens the order"
ok 'wait_for "^ Lines"' "the order shows its lines"
ok 'wait_for "^ Where is it"' "and where it is, in plain words"
keys PageDown
ok 'wait_for "^ Total "' "PgDn scrolls to its amounts"

keys Escape
ok 'wait_for "^Order +Placed +Customer"' "Esc goes back to the list"

# Live: someone else changes the order; the list follows without moving the cursor.
keys Down
wait_idle
selected=$(screen | sed -n 4p | cut -d' ' -f1)
psql -XqAt -d "$db" -c "UPDATE backdesk.orders SET status = 'packed', version = version + 1 WHERE number = '$newest'"
ok 'poll_for "^$newest .* packed "' "a change made elsewhere shows up by itself (NOTIFY)"
is "$(screen | sed -n 4p | cut -d' ' -f1)" "$selected" "and the cursor stays on the same order"
like "$(screen_attrs | sed -n 4p)" $'\e\\[[0-9;]*(7|4[0-7])[;m]' "which is still the highlighted line"

keys '?'
ok 'wait_for "Only orders late to ship"' "? shows the help with the view's own keys"
like "$(screen)" "q, F10" "and the real quit keys"
keys Escape
wait_gone "Only orders late to ship" >/dev/null

keys q
ok 'e2e_exited 5' "q quits"
is "$E2E_STATUS" 0 "with exit status 0"
like "$(e2e_stty)" "(^| )icanon .*echo|(^| )echo .*icanon|icanon[^\n]*( |^)echo" "the terminal is back in canonical mode with echo"
