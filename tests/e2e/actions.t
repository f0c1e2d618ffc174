#!/bin/bash
# An agent on the phone fixes things on the order screen: refunds a shipping fee
# charged on a free-shipping order, compensates a late delivery with a gift code,
# leaves a note, and is not offered what the order's state forbids.  A supervisor sees
# none of these keys.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 18

newdb e2e_actions; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }
fee_order=$(q "SELECT number FROM backdesk.orders o WHERE free_shipping AND shipping_fee > 0
    AND NOT EXISTS (SELECT FROM backdesk.refunds r WHERE r.order_id = o.id AND r.kind = 'shipping_fee')
    ORDER BY id LIMIT 1")
# A shipped order that is late: delay compensation applies to it (0019).
shipped=$(q "SELECT number FROM backdesk.orders o WHERE status = 'shipped'
    AND (api.order_detail(o.id) -> 'can' ->> 'compensate_delay')::boolean ORDER BY id LIMIT 1")


e2e_start 100x30 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
ok 'open_order "$fee_order"' "the order with the wrongly charged fee opens"
ok 'wait_for "Shipping fee .*[1-9]"' "the screen flags a fee charged on a free-shipping order ($fee_order)"
keys f
ok 'wait_for "Refund the shipping fee"' "f opens the shipping-fee refund"
keys F2
wait_for "Refund the shipping fee of $fee_order: " >/dev/null
keys y
ok 'wait_for "shipping fee refunded"' "the fee is refunded"
keys PageDown
ok 'wait_for "Refunded +[1-9]"' "the order now shows the refund"
is "$(q "SELECT count(*) FROM backdesk.refunds r JOIN backdesk.orders o ON o.id = r.order_id
         WHERE o.number = '$fee_order' AND r.kind = 'shipping_fee' AND r.amount = o.shipping_fee
           AND r.created_by = 'ayse'")" 1 "one refund of exactly the fee, by ayse"
keys f F2
ok 'wait_for "already"' "a second refund of the same fee is refused"
keys Escape Escape

ok 'open_order "$shipped"' "the shipped order opens ($shipped)"
keys d
ok 'wait_for "Compensate a late delivery"' "d opens the delay compensation"
keys Tab
typetext "75"
keys F2
wait_for "For the delay on $shipped: a gift code" >/dev/null
keys y
ok 'wait_for "compensated: BD-"' "a gift code is given and shown"
code=$(q "SELECT g.code FROM backdesk.gift_codes g JOIN backdesk.orders o ON o.id = g.order_id
          WHERE o.number = '$shipped' AND g.amount = 75 AND g.created_by = 'ayse'")
like "$code" "^BD-" "the gift code is in the database for 75"
ok '[ -n "$code" ] && grep -q "$code" <<<"$(screen)"' "and it is the one on the screen"

keys n
ok 'wait_for "Internal note"' "n opens a note"
typetext "Müşteri kargoyu bekliyor, tekrar arayacak"
keys F2
ok 'wait_for "note added"' "the note is saved"
is "$(q "SELECT count(*) FROM backdesk.notes n JOIN backdesk.orders o ON o.id = n.entity_id
         WHERE n.entity = 'order' AND o.number = '$shipped' AND n.author = 'ayse'")" 1 "with ayse as its author"

# Cancelling does not apply to a shipped order (0019): not offered, x says why.
keys x
ok 'wait_for "This order has shipped: cancelling is no longer possible"' \
	"cancelling a shipped order is not offered, and x says why"
keys Escape q
e2e_exited 5 >/dev/null

# A supervisor looks but does not touch.
e2e_start 100x30 PGDATABASE="$db" PGUSER=zsofia -- "$BACKDESK"
wait_for "Zsófia Nagy \(supervisor\)" >/dev/null
open_order "$shipped"
ok '! grep -q "Cancel" <<<"$(screen | tail -n 1)"' "the supervisor's bar has no Cancel"
keys x
ok 'wait_for "not allowed for your role"' "and x is refused with a message"
