#!/bin/bash
# A return from the call to the money, at 80x24, two people at two consoles.
# Ayşe, on the phone about SO-100120 ("the candle arrived broken"), returns one of
# its three lines as damaged in transit and approves it; Mehmet in the warehouse
# receives the parcel and inspects it (damaged: written off, no restocking fee,
# the shop's fault); Ayşe's screen follows by itself and she refunds what the
# database says is due; the customer 360 shows the return and the refund.  Each
# step is checked in the database, not only on the screen.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 24

newdb e2e_return_flow; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

price=$(q "SELECT unit_price FROM backdesk.order_lines l JOIN backdesk.orders o ON o.id = l.order_id
           WHERE o.number = 'SO-100120' AND l.line_no = 3")
stock_before=$(q "SELECT p.stock FROM backdesk.products p JOIN backdesk.order_lines l ON l.product_id = p.id
                  JOIN backdesk.orders o ON o.id = l.order_id WHERE o.number = 'SO-100120' AND l.line_no = 3")
[ -n "$price" ] || { echo "Bail out! the demo has no line 3 on SO-100120"; exit 1; }

# Ayşe: the call, R, line 3, the customer's words, F2.
E2E_T=ayse e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
E2E_T=ayse
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
open_order SO-100120 >/dev/null
keys c
ok 'wait_for "call: Şükrü Öztürk"' "Ayşe is on a call with the customer of SO-100120"
keys R
wait_for "Start a return: SO-100120" >/dev/null
keys 3 Enter
ok 'wait_for "Start a return of SO-100120"' "R and the line's digit take line 3 into the form"
typetext "Mum kırık geldi, kutu ezik"
keys F2
ok 'wait_for "Return R-[0-9]+ requested"' "F2 requests the return"
ret=$(q "SELECT number FROM backdesk.returns WHERE reason = 'Mum kırık geldi, kutu ezik'")
is "$(q "SELECT r.status || ' ' || r.kind || ' ' || count(*) || ' ' || min(rl.reason_code) || ' ' || sum(rl.qty)
         FROM backdesk.returns r JOIN backdesk.return_lines rl ON rl.return_id = r.id
         WHERE r.number = '$ret' GROUP BY r.id")" "requested return 1 damaged_in_transit 1" \
	"$ret: one line, one unit, damaged in transit"
ok 'wait_for "Return '"$ret"'"' "and opens the return"

# Approve: F8 offers the steps, Approve first; F2, then F2 to the question.
keys F8
ok 'wait_for "Next step ◀ Approve ▶"' "F8 offers the next steps, approve first"
keys F2
wait_for "Do it" >/dev/null
keys F2
ok 'wait_for "'"$ret"' approved"' "Ayşe approves it"
is "$(q "SELECT status || ' ' || decided_by FROM backdesk.returns WHERE number = '$ret'")" "approved ayse" \
	"approved, by Ayşe"

# Mehmet, in the warehouse: the parcel arrives; he receives and inspects it.
E2E_T=mehmet e2e_start 80x24 PGDATABASE="$db" PGUSER=mehmet -- "$BACKDESK"
E2E_T=mehmet
wait_for "Mehmet Demir \(warehouse\)" >/dev/null
keys :
typetext "return $ret"
keys Enter
ok 'wait_for "Return '"$ret"'"' "Mehmet opens $ret"
ok '! screen | grep -q "^ Money"' "without its money"
keys F8
wait_for "Next step" >/dev/null
for _ in 1 2 3; do
	screen | grep -q "Next step ◀ Received ▶" && break
	keys Right
	wait_idle
done
keys F2
wait_for "Do it" >/dev/null
keys F2
ok 'wait_for "'"$ret"' received"' "he receives it"
keys I
ok 'wait_for "Inspect the return"' "I opens the inspection"
ok 'screen | grep -q "condition ◀ damaged ▶"' "damaged in transit starts as damaged"
ok 'screen | grep -q "◀ write off ▶"' "and a damaged unit is written off"
keys Down Down Down
typetext "Mum kırık, cam parçalı"
keys F2
ok 'wait_for "'"$ret"' inspected"' "F2 saves the inspection"
is "$(q "SELECT r.status || ' ' || r.inspected_by || ' ' || rl.condition || ' ' || rl.accepted_qty || ' ' || rl.disposition
                || ' ' || rl.restocking_fee
         FROM backdesk.returns r JOIN backdesk.return_lines rl ON rl.return_id = r.id WHERE r.number = '$ret'")" \
	"inspected mehmet damaged 1 write_off 0.00" "inspected by Mehmet: damaged, 1 accepted, written off, no fee"
is "$(q "SELECT p.stock FROM backdesk.products p JOIN backdesk.order_lines l ON l.product_id = p.id
         JOIN backdesk.orders o ON o.id = l.order_id WHERE o.number = 'SO-100120' AND l.line_no = 3")" \
	"$stock_before" "a written-off unit does not go back on the shelf"

# Ayşe's screen followed; she refunds what is due.
E2E_T=ayse
ok 'poll_for "Inspected +20[0-9-]+ [0-9:]+ · mehmet"' "Ayşe's screen shows the inspection without a key"
keys F8
ok 'wait_for "Next step ◀ Refund ▶"' "the next step is the refund"
keys F2
ok 'wait_for "Refund [0-9.,]+ TRY to the customer for '"$ret"'"' "which says how much before it moves money"
keys F2
ok 'wait_for "'"$ret"' refunded"' "F2 refunds it"
is "$(q "SELECT string_agg(f.kind || ' ' || f.amount || ' ' || f.created_by, ', ' ORDER BY f.id)
         FROM backdesk.refunds f JOIN backdesk.returns r ON r.id = f.return_id WHERE r.number = '$ret'")" \
	"return $price ayse" "one refund of the line's price, by Ayşe, naming the return"

# The customer 360 shows it all.
sukru=$(q "SELECT id FROM backdesk.customers WHERE email = 'sukru@example.com'")
keys :
typetext "customer $sukru"
keys Enter
wait_for "Şükrü Öztürk" >/dev/null
for _ in 1 2 3 4 5 6 7 8; do
	screen | grep -q "^ $ret " && break
	keys ]
	wait_idle
done
ok 'wait_for "^ '"$ret"' +SO-100120 +refunded"' "the customer 360 shows $ret refunded"
shown=$(q "SELECT to_char($price, 'FM999,999,990.00')")
for _ in 1 2 3 4; do
	screen | grep -Eq "SO-100120 +return +$shown TRY" && break
	keys ]
	wait_idle
done
ok 'wait_for "SO-100120 +return +'"$shown"' TRY"' "and the refund"
