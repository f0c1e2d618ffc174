#!/bin/bash
# At 80x24, what moves money or reaches the customer says what it will do, from the
# order on the screen, and asks once: n (or Esc) changes nothing in the database,
# y (or F2) does it.  The answer offered is Back: an Enter pressed once too often
# (Enter also sends the form) never moves money.  The form's F-keys name its action ("F2 Cancel the order")
# and F10 says Back, never "Save" and "Cancel" for the opposite.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 28

newdb e2e_confirm; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }
# money AMOUNT: as the screens write it, "52,480.00".
money() { q "SELECT to_char($1::numeric, 'FM999,999,990.00')"; }
# changes: every trace an action leaves (its state, money, messages, audit).
changes() {
	q "SELECT (SELECT string_agg(number || status || version, ',' ORDER BY id) FROM backdesk.orders)
	       || (SELECT count(*) FROM backdesk.refunds) || (SELECT count(*) FROM backdesk.gift_codes)
	       || (SELECT count(*) FROM backdesk.outbox) || (SELECT count(*) FROM backdesk.audit_log)"
}
bar() { screen | tail -n 1; }

# A paid order, by card, nothing refunded yet; a free-shipping one charged a fee;
# a shipped one that is late, to compensate.
read -r order paid cur <<<"$(q "SELECT o.number, p.paid, o.currency FROM backdesk.orders o
    JOIN backdesk.payments p ON p.order_id = o.id
    WHERE o.status IN ('paid', 'packed') AND p.method = 'card' AND p.paid > 0
      AND NOT EXISTS (SELECT FROM backdesk.refunds r WHERE r.order_id = o.id)
    ORDER BY o.id LIMIT 1" | tr '|' ' ')"
read -r fee_order fee <<<"$(q "SELECT o.number, o.shipping_fee FROM backdesk.orders o
    JOIN backdesk.payments p ON p.order_id = o.id
    WHERE o.free_shipping AND o.shipping_fee > 0 AND o.status <> 'cancelled' AND p.method = 'card'
      AND NOT EXISTS (SELECT FROM backdesk.refunds r WHERE r.order_id = o.id AND r.kind = 'shipping_fee')
    ORDER BY o.id LIMIT 1" | tr '|' ' ')"
read -r shipped scur email <<<"$(q "SELECT o.number, o.currency, c.email FROM backdesk.orders o
    JOIN backdesk.customers c ON c.id = o.customer_id JOIN backdesk.payments p ON p.order_id = o.id
    WHERE o.status = 'shipped' AND p.method = 'card'
      AND coalesce((api.order_detail(o.id) -> 'can' ->> 'compensate_delay')::boolean, true)
    ORDER BY o.id LIMIT 1" | tr '|' ' ')"

open_order() {
	keys :
	typetext "order $1"
	keys Enter
	wait_for "Order $1" && wait_for "^ Where is it"
}

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null

# Cancel.
ok 'open_order "$order"' "the paid order opens ($order, $(money "$paid") $cur by card)"
like "$(screen)" "^ Promised +[0-9]" "with its promised delivery window"
keys x
ok 'wait_for "Cancel order"' "x opens the cancel form"
like "$(bar)" "F2Cancel the order +F10Back" "its F-key bar says what F2 does and that F10 goes back"
ok "! grep -Eq 'Save|F10Cancel' <<<\"\$(bar)\"" "and never Save, nor Cancel for going back"
typetext "Müşteri vazgeçti"
before=$(changes)
keys F2
ok 'wait_for "Cancel $order: refund $(money "$paid") $cur to the card\."' \
	"F2 first says what cancelling does: the refund, its amount and where it goes"
like "$(screen)" "This cannot be undone" "and that it cannot be undone"
like "$(bar)" "F2Cancel the order +F10Back" "the question's keys say it too"
keys n
ok 'wait_gone "Cancel $order: refund"' "n closes the question"
like "$(screen)" "Müşteri vazgeçti" "back in the form, with what was typed"
is "$(changes)" "$before" "n ran nothing: no status, refund, message or audit row changed"
keys F2
wait_for "Cancel $order: refund" >/dev/null
keys Escape
ok 'wait_gone "Cancel $order: refund"' "Esc at the question goes back as well"
is "$(changes)" "$before" "and runs nothing either"
keys F2
wait_for "Cancel $order: refund" >/dev/null
keys y
ok 'wait_for "cancelled; what was paid is refunded"' "y cancels"
is "$(q "SELECT o.status || ' ' || r.kind || ' ' || r.amount FROM backdesk.orders o
         JOIN backdesk.refunds r ON r.order_id = o.id WHERE o.number = '$order'")" \
	"cancelled cancellation $paid" "the order is cancelled and exactly the amount asked about went back"
ok 'wait_for "^ Cancelled because +Müşteri vazgeçti"' "its screen says why it was cancelled"
ok '! grep -q "^ Promised" <<<"$(screen)"' "and promises no delivery any more"

# The shipping fee.
ok 'open_order "$fee_order"' "the order with a fee on free shipping opens ($fee_order)"
keys f
wait_for "Refund the shipping fee" >/dev/null
like "$(bar)" "F2Refund the fee +F10Back" "the fee form's F2 says Refund the fee"
before=$(changes)
keys F2
ok 'wait_for "Refund the shipping fee of $fee_order: $(money "$fee") "' "F2 says which fee goes back, and how much"
keys n
wait_gone "Refund the shipping fee of" >/dev/null
is "$(changes)" "$before" "n refunds nothing"
keys F2
wait_for "Refund the shipping fee of $fee_order" >/dev/null
keys Enter
wait_gone "Refund the shipping fee of" >/dev/null
is "$(changes)" "$before" "Enter takes the answer offered first, Back: nothing is refunded"
keys F2
wait_for "Refund the shipping fee of $fee_order" >/dev/null
keys y
ok 'wait_for "shipping fee refunded"' "y refunds the fee"

# Delay compensation as a refund.
ok 'open_order "$shipped"' "a shipped order opens ($shipped)"
keys d
wait_for "Compensate a late delivery" >/dev/null
like "$(screen)" "◀ gift code ▶|< gift code >" "the choice reads \"gift code\", not its code"
keys Right Tab
typetext "50"
before=$(changes)
keys F2
ok 'wait_for "For the delay on $shipped: refund 50\.00 $scur"' "F2 says: a refund of 50.00 $scur for the delay"
keys n
wait_gone "For the delay on" >/dev/null
is "$(changes)" "$before" "n gives nothing"
keys Escape

# Resending the tracking e-mail reaches the customer: it says to whom.
keys m
wait_for "Send again" >/dev/null
keys F2
# The message is previewed before it goes (issue 16, tests/e2e/notice_preview.t):
# the preview says to whom, or the database's refusal comes first.
if [ -n "$email" ]; then
	ok 'wait_for "E-mail the tracking details of $shipped to" && wait_for "$email\\."' "m says which e-mail goes to which address"
	keys Escape
else
	ok 'wait_for "has no e-mail address\\. Read the details out on the phone"' \
		"m says the customer has no e-mail address before anything is queued"
fi

# The compensation typed above is a draft: q asks before it goes.
keys n Escape q
wait_for "Quit anyway" >/dev/null
keys y
e2e_exited 5 >/dev/null
