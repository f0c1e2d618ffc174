#!/bin/bash
# Any size at any moment: 80x24 → 40x12 (too small) → 132x43 → 80x24, and NO_COLOR.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 10

newdb e2e_resize; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }

# The newest order with a parcel, among the first screen's 19.
parcel_order=$(psql -XAt -d "$db" -c "SELECT o.number FROM (SELECT id, number, placed_at FROM backdesk.orders
	ORDER BY placed_at DESC, id DESC LIMIT 19) o WHERE EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id)
	ORDER BY o.placed_at DESC, o.id DESC LIMIT 1")
[ -n "$parcel_order" ] || { echo "Bail out! no order with a parcel on the first screen of the demo data"; exit 1; }

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
ok 'wait_for "^Order +Placed +Customer"' "80x24 shows the list"
resize 40x12
ok 'wait_for "too small"' "40x12 says the terminal is too small"
like "$(screen)" "60x16" "and what it needs"
resize 132x43
ok 'wait_for "^Order +Placed +Customer +Status +Total +Ship by +Parcel"' "132x43 shows every column"
# Read when it came into view (80 columns did not read it): the newest order's
# parcel has its status there.
ok 'wait_for "^$parcel_order .* [0-9]{4}-[0-9]{2}-[0-9]{2} +[a-z]"' "with the parcels' statuses, read once the column shows"
is "$(screen | grep -c '^[A-Z][A-Z]-[0-9]')" 38 "and fills the taller screen with orders"
resize 80x24
ok 'wait_for "^Order +Placed +Customer"' "back at 80x24"
keys q
ok 'e2e_exited 5' "quits after all that"

# NO_COLOR: attributes only, never a colour.
e2e_start 80x24 PGDATABASE="$db" NO_COLOR=1 -- "$BACKDESK"
wait_for "^Order +Placed +Customer" >/dev/null
colours=$(screen_attrs | grep -cE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m')
is "$colours" 0 "NO_COLOR: no colour sequences on screen"
like "$(screen_attrs)" $'\e\\[[0-9;]*7[0-9;]*m' "but the selection is still visible (reverse)"
keys q
e2e_exited 5 >/dev/null
