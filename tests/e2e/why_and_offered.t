#!/bin/bash
# At 80x24, on the demo data: the order that has not shipped says why (SO-100302's
# lamp is out of stock, with the day it is expected back); the address form opens
# with the order's address, and a postcode the database refuses is shown next to the
# postcode field, nothing saved; a delivered order does not offer cancelling, and
# its keys say in one line why cancelling, a fee refund or delay compensation do not
# apply.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 19

newdb e2e_why; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }
expected=$(q "SELECT p.expected_back FROM backdesk.products p WHERE p.sku = 'LAM-006'")


e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
ok 'open_order SO-100302' "the seeds' first question: the paid order that has not shipped"
ok 'wait_for "Why +out of stock, expected back $expected: LAM-006"' "it says why: a product out of stock, back on $expected"
# Text longer than the row wraps under itself instead of being cut.
ok 'wait_for "^ +Masa Lambası 2.li"' "the product's name goes on on the next row, not cut"
ok '! grep -E "^ (paid, not shipped|Why|Ship to) .*…" <<<"$(screen)"' "no line of 'Where is it' is cut with …"

keys a
ok 'wait_for "Change the shipping address"' "a opens the address form"
ok 'wait_for "Street, number Cumhuriyet Mah. Ihlamur Sk. No:8 D:4"' "with the street the order ships to"
ok 'wait_for "District \(ilçe\) Beşiktaş"' "its district"
ok 'wait_for "City İstanbul" && wait_for "Postcode 34353" && wait_for "Country \(TR, HU…\) TR"' \
	"its city, postcode and country"
# To the postcode, replace it with letters.
keys Tab Tab Tab Tab BSpace BSpace BSpace BSpace BSpace
typetext "ABCDE"
keys F2
ok 'wait_for "Postcode ABCDE +.ABCDE" && wait_for "ABCDE. is not a postcode of Türkiye"' \
	"the refusal is next to the postcode, and whole in the form"
ok 'wait_for "A postcode of Türkiye looks like 34710"' "with what to do"
is "$(q "SELECT a.postcode FROM backdesk.orders o JOIN backdesk.addresses a ON a.id = o.shipping_address_id
         WHERE o.number = 'SO-100302'")" 34353 "nothing was saved"
keys BSpace BSpace BSpace BSpace BSpace
typetext "34357"
keys F2
ok 'wait_for "will ship to the new address"' "a real postcode is saved"
is "$(q "SELECT a.postcode || ' ' || a.district FROM backdesk.orders o
         JOIN backdesk.addresses a ON a.id = o.shipping_address_id WHERE o.number = 'SO-100302'")" \
	"34357 Beşiktaş" "with the district"

keys Escape
ok 'open_order SO-100120' "a delivered order opens"
ok '! grep -q "Cancel" <<<"$(screen | tail -n 1)"' "its F-key bar offers no Cancel"
keys x
ok 'wait_for "This order was delivered: cancelling is no longer possible"' "x says why in one line"
keys d
ok 'wait_for "This order was not late: there is no delay to compensate"' "d: it was not late"
keys f
ok 'wait_for "No shipping fee was charged on this order"' "f: no fee was charged"
keys F1
ok 'wait_for "Keys" && ! grep -qE "Refund a shipping fee|Compensate a late|Cancel the order" <<<"$(screen)"' \
	"the help leaves out what does not apply"
keys Escape q
e2e_exited 5 >/dev/null
