#!/bin/bash
# The Returns pane (tab 3) at 80x24: the strip of queue views with their counts,
# as SQL counts them on the demo data (returns at every status); each view's
# returns oldest first (the closed ones newest first); paging through more than
# a screen; a status changed from another session moves the counts and the rows
# without a key; Enter opens the return; the warehouse and the supervisor see
# the pane, the warehouse without money.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 26

newdb e2e_returns_list; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# What each view should count, straight from the table.
count() { q "SELECT count(*) FROM backdesk.returns WHERE status IN ($1)"; }
OPEN_ST="'requested','approved','awaiting_parcel','received','inspected','refunded','exchanged','repaired','store_credit'"
n_approve=$(count "'requested'")
n_awaiting=$(count "'approved','awaiting_parcel'")
n_inspect=$(count "'received'")
n_resolve=$(count "'inspected'")
n_open=$(count "$OPEN_ST")
n_closed=$(count "'rejected','closed'")
# The demo has returns at every step: each view has some.
for n in "$n_approve" "$n_awaiting" "$n_inspect" "$n_resolve" "$n_open" "$n_closed"; do
	[ "$n" -gt 0 ] || { echo "Bail out! the demo has an empty queue view"; exit 1; }
done
# The numbers of a view's returns in the order the pane shows them.
numbers() { # STATUSES ORDER LIMIT
	q "SELECT number FROM backdesk.returns WHERE status IN ($1) ORDER BY requested_at $2, id $2 LIMIT $3"
}


e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys 3
ok 'wait_for "3 Returns" && wait_for "Open $n_open "' "tab 3 is the Returns pane, on the open returns"
ok 'wait_for " To approve $n_approve  Awaiting parcel $n_awaiting  To inspect $n_inspect  To resolve $n_resolve  Open $n_open "' \
	"the strip counts each queue view as SQL does"
mapfile -t first < <(numbers "$OPEN_ST" ASC 3)
ok 'in_order "${first[@]}"' "the open returns oldest first"
ok 'wait_for "Return +Age +Status +Order +Customer +What +Reason +Value" && wait_for "[0-9],?[0-9]*\.[0-9]{2} (TRY|HUF)"' \
	"at 80 columns an agent sees number, age, status, order, customer, what, reason and value"
# One line of a three-line order, and a one-line order's product by name.
one_of_three=$(q "SELECT r.number FROM backdesk.returns r WHERE r.status IN ($OPEN_ST)
                  AND (SELECT count(*) FROM backdesk.return_lines rl WHERE rl.return_id = r.id) = 1
                  AND (SELECT count(*) FROM backdesk.order_lines ol WHERE ol.order_id = r.order_id) = 3
                  ORDER BY r.requested_at, r.id LIMIT 1")
ok 'wait_for "$one_of_three .* 1 of 3 lines"' "what: 1 of 3 lines"

# \ narrows a view to one kind, by what people call it.
n_exchange=$(q "SELECT count(*) FROM backdesk.returns WHERE status IN ($OPEN_ST) AND kind = 'exchange'")
exchange=$(q "SELECT number FROM backdesk.returns WHERE status IN ($OPEN_ST) AND kind = 'exchange' ORDER BY requested_at LIMIT 1")
keys '\'
typetext "exchange"
keys Enter
ok 'wait_for "filter: exchange" && wait_for "^$exchange " && [ "$(screen | grep -cE "^R-[0-9]+ ")" -eq "$n_exchange" ]' \
	"the filter shows the exchanges only"
keys Escape
ok 'wait_gone "filter: exchange" && wait_for "Open $n_open " && [ "$(screen | grep -cE "^R-[0-9]+ ")" -eq "$n_open" ]' \
	"Esc takes it away"

keys Right
closed=$(numbers "'rejected','closed'" DESC 3)
mapfile -t first < <(printf '%s\n' "$closed")
ok 'wait_for "Closed $n_closed" && in_order "${first[@]}"' "Closed: its count, the newest first"
ok 'wait_gone "$(numbers "'"'requested'"'" ASC 1) "' "and no open return"
keys Left Left
only=$(numbers "'inspected'" ASC 1)
ok 'wait_for "$only " && [ "$(screen | grep -cE "^R-[0-9]+ ")" -eq "$n_resolve" ]' "To resolve: the inspected ones only"
keys Left
inspect=$(numbers "'received'" ASC 1)
ok 'wait_for "$inspect .* received" && [ "$(screen | grep -cE "^R-[0-9]+ ")" -eq "$n_inspect" ]' "To inspect: the received ones"
keys Left
mapfile -t first < <(numbers "'approved','awaiting_parcel'" ASC 10)
ok 'wait_for "${first[0]} " && in_order "${first[@]}" && [ "$(screen | grep -cE "^R-[0-9]+ ")" -eq "$n_awaiting" ]' \
	"Awaiting parcel: approved and on their way back, oldest first"
keys Left
mapfile -t first < <(numbers "'requested'" ASC 10)
ok 'wait_for "${first[0]} " && in_order "${first[@]}" && [ "$(screen | grep -cE "^R-[0-9]+ ")" -eq "$n_approve" ]' \
	"To approve: the requested ones"

# Live: the received return inspected from psql, no key pressed.
keys Right Right
wait_for "To inspect $n_inspect" >/dev/null
shown_before=$(wait_for "^$inspect .* received" >/dev/null && echo yes)
q "UPDATE backdesk.returns SET status = 'inspected', inspected_at = now() WHERE number = '$inspect'"
ok 'poll_for "To inspect $((n_inspect - 1)) " && poll_for "To resolve $((n_resolve + 1)) "' \
	"a status changed from psql: the counts follow"
ok '[ "$shown_before" = yes ] && poll_gone "^$inspect "' "and the return leaves the view"
keys Right
ok 'wait_for "$inspect .* inspected"' "it is in To resolve now"

# Paging: sixty old requests, more than a screen; PgDn goes on, End reaches the newest.
q "INSERT INTO backdesk.returns (order_id, reason, requested_at)
   SELECT (SELECT min(id) FROM backdesk.orders WHERE status = 'delivered'), 'paging',
          timestamptz '2020-01-01 00:00+00' + g * interval '1 minute'
   FROM generate_series(1, 60) g"
keys Left Left Left
ok 'poll_for "To approve $((n_approve + 60)) "' "sixty more to approve: the count follows"
oldest=$(numbers "'requested'" ASC 1)
ok 'wait_selected 4 "$oldest "' "the oldest is first, the cursor on it"
keys PageDown
p3=$(q "SELECT number FROM backdesk.returns WHERE status = 'requested' ORDER BY requested_at, id OFFSET 30 LIMIT 1")
ok 'wait_for "$p3 " && wait_gone "$oldest "' "PgDn pages on through the keyset"
keys End
newest=$(numbers "'requested'" DESC 1)
ok 'wait_for "$newest " && wait_gone "$p3 "' "End reaches the newest request"
keys Home
ok 'wait_selected 4 "$oldest "' "Home comes back to the oldest"

# Enter: the return's screen (until it exists, its order's).
order=$(q "SELECT o.number FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id WHERE r.number = '$oldest'")
keys Enter
ok 'wait_gone "To approve" && wait_for "$oldest|$order"' "Enter opens the return"
keys Escape
ok 'wait_for "To approve $((n_approve + 60)) "' "Esc is back on the list"

# The warehouse receives and inspects: the pane, without money.
E2E_T=wh
e2e_start 80x24 PGDATABASE="$db" PGUSER=mehmet -- "$BACKDESK"
wait_for "\(warehouse\)" >/dev/null
keys 3
ok 'wait_for "Open $((n_open + 60)) " && wait_for "Return +Age +Status +Kind +Order +Customer +What +Reason"' \
	"the warehouse sees the Returns pane, with the kind"
ok 'wait_gone "Value" && wait_gone "[0-9]\.[0-9]{2} (TRY|HUF|EUR)"' "and no money"

E2E_T=sv
e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia -- "$BACKDESK"
wait_for "\(supervisor\)" >/dev/null
keys 3
keys Right
ok 'wait_for "Closed $n_closed" && wait_for "[0-9]\.[0-9]{2} (TRY|HUF)"' "a supervisor sees it, money too"
