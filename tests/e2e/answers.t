#!/bin/bash
# Answer templates on the order screen, at 80x24: only those the order gives every
# value, filled in the customer's language, to read out, and one sent to the outbox;
# the others listed with the reason they do not fit.  A late order gets the apology
# with a new day (never the past ship-by day), and, once a gift code is given, the
# apology that mentions it.  Categories in words, never a code; never a {placeholder};
# the carrier by its name.  "Arrived damaged" only once the order was delivered (0022).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 20

newdb e2e_answers; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }
today=$(q "SELECT backdesk.shop_date(now())")
late_ship_by=$(q "SELECT ship_by FROM backdesk.orders WHERE number = 'SO-100302'")
new_ship_by=$(q "SELECT value FROM backdesk.answer_values((SELECT id FROM backdesk.orders WHERE number = 'SO-100302'), 'tr')
                 WHERE name = 'new_ship_by'")
# A Turkish answer writes its days the Turkish way (0058): 24.11.2026.
new_ship_by_tr=$(q "SELECT to_char('$new_ship_by'::date, 'DD.MM.YYYY')")

# PageDown until the pattern is on the screen (at most 8 pages).
page_to() {
	local i
	for i in 1 2 3 4 5 6 7 8; do
		wait_idle && screen | grep -Eq "$1" && return 0
		keys PageDown
	done
	return 1
}
no_placeholder() { ! grep -Eq '\{[a-z_]+\}' <<<"$(screen)"; }
# In the answers offered, in either form a day is written (24.11.2026 in Turkish):
# under "Not for this order" a reason may name the past day ("the ship-by date
# 2026-11-24 is past"), which since 0022 can be on the first page.
no_past_date() {
	local d
	for d in $(screen | sed '/^ Not for this order/,$d' |
		sed -E 's/([0-9]{2})\.([0-9]{2})\.([0-9]{4})/\3-\2-\1/g' | grep -Eo '[0-9]{4}-[0-9]{2}-[0-9]{2}'); do
		[[ "$d" < "$today" ]] && { echo "# $d is before $today"; return 1; }
	done
	return 0
}

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
open_order SO-100234 >/dev/null
keys w
ok 'wait_for "Answers for SO-100234"' "w opens the answers for the order"
ok 'wait_for "^ 1\. where is my order · Kargo yolda"' "the parcel's answer first, its category in words, in Turkish"
ok 'wait_for "701234567890"' "filled with the order's own parcel"
ok 'wait_for "siparişiniz Yurtiçi Kargo ile yolda"' "the carrier by its name, as the e-mail says it (0022)"
ok no_placeholder "no {placeholder} on the screen"
keys e
wait_for "Send answer number" >/dev/null
typetext 1
keys Enter
ok 'wait_for "E-mail answer 1 " && wait_for "A sent e-mail cannot be taken back"' \
	"e and a number first say which answer goes, and that it cannot be taken back"
is "$(q "SELECT count(*) FROM backdesk.outbox WHERE kind = 'template'")" 0 "nothing is queued before the answer"
keys y
ok 'wait_for "answer queued for SO-100234"' "y sends it (s sorts lists, e sends)"
is "$(q "SELECT recipient FROM backdesk.outbox WHERE kind = 'template' AND created_by = 'ayse'")" \
	"sukru@example.com" "it waits in the outbox for Şükrü"
ok 'page_to "^ Hasarlı teslimat \(damaged\): the order has not been delivered yet"' \
	"a parcel still on its way: \"Arrived damaged\" is not for this order, and why"
keys Escape
ok 'wait_for "^ Where is it"' "Esc goes back to the order"
keys Escape Escape

# Gülşen's order arrived broken: the damaged answer fits.
open_order SO-100303 >/dev/null
keys w
ok 'wait_for "^ [0-9]\. damaged · Hasarlı teslimat$"' "a delivered order is offered \"Arrived damaged\""
keys Escape Escape Escape

# İsmail's order is late to ship: no "will be shipped by" a past day.
open_order SO-100302 >/dev/null
keys w
ok 'wait_for "^ 1\. delay · Kargo gecikmesi için özür$"' "a late order's first answer is the apology"
ok 'wait_for "Siparişiniz en geç $new_ship_by_tr"' "with a new ship-by day, written the Turkish way ($new_ship_by_tr)"
ok no_past_date "no date before today on the screen (the old ship-by day was $late_ship_by)"
keys PageDown PageDown PageDown
ok 'wait_for "^ Not for this order"' "the answers that do not fit follow"
ok 'wait_for "Henüz kargoya verilmedi \(where is my order\): the ship-by date" && wait_for "^ $late_ship_by is past"' \
	"each with why: the ship-by day is past"
keys Escape

# The agent gives a gift code; the apology that mentions it is offered, first.
code=$(PGUSER=ayse q "SELECT api.compensate_delay('SO-100302', 'gift_code', 100, 'late to ship', gen_random_uuid())")
keys w
ok 'wait_for "^ 1\. delay · Kargo gecikmesi için özür, hediye kodu ile"' "after a gift code: the apology mentioning it"
ok 'wait_for "100,00 TRY$" && wait_for "^ değerinde $code hediye kodunu"' "with the code and its value, written the Turkish way"
ok no_placeholder "still no {placeholder} on the screen"
