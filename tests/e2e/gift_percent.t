#!/bin/bash
# A percent gift code (0038) at 80x24 on the demo data: given with C on the order
# screen as 10 %, it shows there as "10 % (≤ MOST)" (MOST: 10 % of the order's total,
# the most it takes off, as the database has it), and so on the customer 360, on
# one line with its state (0039: before, a percent code showed no value at all).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 8

newdb e2e_gift_percent; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# A TRY order of Şükrü's that goes ahead, worth little enough for the agent's caps.
IFS='|' read -r order cust < <(q "SELECT o.number, o.customer_id FROM backdesk.orders o
    JOIN backdesk.customers c ON c.id = o.customer_id
    WHERE c.email = 'sukru@example.com' AND o.currency = 'TRY' AND o.status <> 'cancelled' AND o.total BETWEEN 10 AND 2000
    ORDER BY o.placed_at DESC LIMIT 1")
[ -n "$order" ] || { echo "Bail out! no TRY order of Şükrü's in the demo"; exit 1; }

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys : ; typetext "order $order"; keys Enter
wait_for "Order $order" >/dev/null
keys C
ok 'wait_for "Gift code for $order"' "C on the order screen opens the gift code form"
keys Tab
typetext "10"
keys Tab Tab
typetext "kind words"
keys F2
ok 'wait_for "10% of the order"' "F2 asks first, naming the percent"
keys y
wait_idle
IFS='|' read -r code most < <(q "SELECT g.code, to_char(g.max_value, 'FM999,999,990.00') || ' ' || g.currency
    FROM backdesk.gift_codes g JOIN backdesk.orders o ON o.id = g.order_id
    WHERE o.number = '$order' AND g.created_by = 'ayse' AND g.percent = 10")
ok '[ -n "$code" ] && wait_for "Gift code $code for $order"' "y gives it ($code, at most $most)"
keys Enter
wait_gone "Read it out" >/dev/null

# The order screen: the gift codes part, the percent and the most it takes off.
for _ in 1 2 3 4 5 6; do screen | grep -Eq "^ +$code " && break; keys PageDown; wait_idle; done
ok 'wait_for "^ +$code +10 % \(≤ $most\) +valid "' "the order screen shows it as 10 % (≤ $most), valid"

# The customer 360: the same, with its state, on one line.
keys : ; typetext "customer $cust"; keys Enter
wait_for "Customer Şükrü Öztürk" >/dev/null
for _ in 1 2 3 4 5 6 7 8; do screen | grep -Eq "^ +$code " && break; keys PageDown; wait_idle; done
ok 'wait_for "^ +$code +10 % \(≤ $most\) +valid +expires "' "the customer 360 shows it as 10 % (≤ $most), valid, its expiry"
is "$(screen | grep -Ec "^ +$code ")" 1 "listed once, on one line at 80 columns"

keys q
ok 'e2e_exited 5' "q quits"
is "$E2E_STATUS" 0 "with exit status 0 (nothing leaked, under ASan)"
