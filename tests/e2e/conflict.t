#!/bin/bash
# Two agents, two consoles side by side, one order.  Ayşe cancels it while Can is
# typing a new address: Can's save is refused with "changed by Ayşe Yılmaz at
# HH:MM", his screen shows the cancelled order, and his typed text is kept.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 14

newdb e2e_conflict; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
order=$(psql -XAt -d "$db" -c "SELECT o.number FROM backdesk.orders o WHERE o.status = 'paid'
    AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id) ORDER BY o.id LIMIT 1")
address_before=$(psql -XAt -d "$db" -c "SELECT shipping_address_id FROM backdesk.orders WHERE number = '$order'")

open_order() {
	keys /
	typetext "$order"
	keys Enter
	wait_idle && keys Enter
}

E2E_T=ayse e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
E2E_T=can e2e_start 80x24 PGDATABASE="$db" PGUSER=can -- "$BACKDESK"
E2E_T=ayse; ok 'wait_for "Ayşe Yılmaz \(agent\)"' "Ayşe's console is up"
E2E_T=can; ok 'wait_for "Can Arslan \(agent\)"' "Can's console is up beside it"

E2E_T=ayse; open_order
ok 'wait_for "Order $order" && wait_for "^ Where is it"' "Ayşe opens $order"
E2E_T=can; open_order
ok 'wait_for "Order $order" && wait_for "^ Where is it"' "Can opens the same order"

# Can starts typing a new address...
ok 'type_new_address' "Can opens the address form and types"

# ...while Ayşe cancels the order.
E2E_T=ayse
cancel_open_order "$order"
ok 'wait_for "cancelled; what was paid is refunded"' "Ayşe cancels it"

E2E_T=can
keys F2
ok 'wait_for "changed by Ayşe Yılmaz at [0-9]{2}:[0-9]{2}"' "Can's save is refused: changed by Ayşe Yılmaz at HH:MM"
ok 'wait_for "Status +cancelled"' "Can's screen shows the order as it is now"
like "$(screen)" "text is kept" "and tells him his text is kept"
keys a
ok 'wait_for "Yeni Sokak 5"' "pressing a again brings back what he typed"
like "$(screen)" "Eskişehir" "all of it"
keys F2
ok 'wait_for "cancel"' "applying it now is refused by the order's state, not silently overwritten"

is "$(psql -XAt -d "$db" -c "SELECT status FROM backdesk.orders WHERE number = '$order'")" cancelled \
	"the database has Ayşe's cancellation"
is "$(psql -XAt -d "$db" -c "SELECT shipping_address_id FROM backdesk.orders WHERE number = '$order'")" \
	"$address_before" "and the old address: nothing was overwritten"
