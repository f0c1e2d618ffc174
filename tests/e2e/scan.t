#!/bin/bash
# The warehouse scan pane (tab 5) at 80x24, as Mehmet uses it with a barcode
# scanner (a keyboard that types a code and Enter): an order packed and shipped by
# scans, with a wrong item, a misread, one too many, DONE too early and a label
# already used refused on the way, each saying why and what to do; the same order
# scanned again (already shipped), a cancelled and an unpaid one; returns received
# by their number and by their parcel's tracking number; a pasted block of 200
# scans handled in order, none lost or merged; and a scanner's burst of keys.
# Every effect is checked in the database too.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 41

newdb e2e_scan; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# Every product gets an EAN-13 of its own (in-store prefix 2990, GS1 check digit),
# unless the demo gave it one.
q "WITH b AS (SELECT id, '2990' || lpad(id::text, 8, '0') AS body FROM backdesk.products WHERE ean IS NULL)
   UPDATE backdesk.products p
   SET ean = b.body || ((10 - (SELECT sum(substr(b.body, i, 1)::int * CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END)
                               FROM generate_series(1, 12) i)::int % 10) % 10)::text
   FROM b WHERE b.id = p.id"
# Each unit of an order as the scanner reads it: a line's EAN once per unit.
units() {
	q "SELECT p.ean FROM backdesk.order_lines l JOIN backdesk.orders o ON o.id = l.order_id
	   JOIN backdesk.products p ON p.id = l.product_id, generate_series(1, l.qty)
	   WHERE o.number = '$1' ORDER BY l.line_no"
}
# Orders to pack whose every line is a product (so each unit has a barcode).
to_pack() {
	q "SELECT t.number FROM api.orders_to_pack(50) t JOIN backdesk.orders o ON o.number = t.number
	   WHERE NOT EXISTS (SELECT 1 FROM backdesk.order_lines l WHERE l.order_id = o.id AND l.product_id IS NULL)
	     AND t.units BETWEEN 2 AND 6
	   ORDER BY t.late DESC, t.ship_by, t.placed_at"
}
mapfile -t orders < <(to_pack)
[ "${#orders[@]}" -ge 5 ] || { echo "Bail out! the demo has ${#orders[@]} orders to pack with 2 to 6 units"; exit 1; }
o1=${orders[0]} o2=${orders[1]} o3=${orders[2]} o4=${orders[3]} o5=${orders[4]}
unused() { [ -z "$(q "SELECT 1 FROM backdesk.shipments WHERE tracking_no = '$1' UNION ALL
                      SELECT 1 FROM backdesk.returns WHERE tracking_no = '$1'")" ]; }
# A DHL Express waybill: nine digits and their remainder modulo 7.
dhl_new=987654321$((987654321 % 7))
dhl_used=$(q "SELECT tracking_no FROM backdesk.shipments WHERE carrier = 'dhl' AND tracking_no ~ '^[0-9]{10}$' LIMIT 1")
lab2=349876543210 lab3=719876543210 lab4=889876543210123
for n in $dhl_new $lab2 $lab3 $lab4; do unused "$n" || { echo "Bail out! $n is in use"; exit 1; }; done
[ -n "$dhl_used" ] || { echo "Bail out! the demo has no DHL parcel"; exit 1; }
wrong=$(q "SELECT p.ean FROM backdesk.products p WHERE p.id NOT IN
           (SELECT l.product_id FROM backdesk.order_lines l JOIN backdesk.orders o ON o.id = l.order_id
            WHERE o.number IN ('$o1', '$o2', '$o3', '$o4') AND l.product_id IS NOT NULL) ORDER BY p.id LIMIT 1")
wrong_name=$(q "SELECT name FROM backdesk.products WHERE ean = '$wrong'")

# Mehmet's console; Tab goes round the tabs to the scan pane.
E2E_T=mehmet e2e_start 80x24 PGDATABASE="$db" PGUSER=mehmet -- "$BACKDESK"
E2E_T=mehmet
wait_for "Mehmet Demir \(warehouse\)" >/dev/null
for _ in 1 2 3 4 5 6; do
	screen | grep -q "^Scan ▸" && break
	keys Tab
	wait_idle
done
ok 'wait_for "To pack today, late first: [0-9]+"' "the scan pane lists the orders to pack today, late first"
first=$(q "SELECT number FROM api.orders_to_pack(1)")
ok 'screen | grep -Eq "^$first +[0-9-]+ LATE"' "the latest order first ($first), marked LATE"

scan() { typetext "$1"; keys Enter; }
# The last result's block (left of the last scans), its wrapped lines joined.
block() { screen | sed -n '3,7p' | cut -c1-49 | sed 's/^ *//; s/ *$//' | paste -sd' '; }

# The order, typed as a scanner may send it: small letters, no dash.
mapfile -t u1 < <(units "$o1")
scan "$(tr 'A-Z' 'a-z' <<<"${o1//-/}")"
ok 'wait_for "✔ Order '"$o1"': pick ${#u1[@]} items"' "$o1 scanned (small letters, no dash): ${#u1[@]} items to pick"
ok 'screen | grep -q "Scan the items of '"$o1"': 0 of ${#u1[@]} scanned"' "the next step says what to scan"
scan "$wrong"
ok 'wait_for "✘ Wrong item: put it back"' "an item of no line of $o1 is refused in red"
ok 'screen | grep -Fq "$wrong_name"' "naming what was scanned"
scan "$o1"
ok 'wait_for "• Packing '"$o1"' already"' "its own packing slip again changes nothing"
misread=${u1[0]:0:12}$(( (${u1[0]:12:1} + 1) % 10 ))
scan "$misread"
ok 'wait_for "✘ Misread barcode"' "a wrong check digit is refused as misread"
for i in "${!u1[@]}"; do
	scan "${u1[$i]}"
	[ "$i" -lt $(( ${#u1[@]} - 1 )) ] && wait_for "Scan the items of $o1: $(( i + 1 )) of ${#u1[@]} scanned" >/dev/null
done
ok 'wait_for "✔ '"$o1"': all ${#u1[@]} items picked"' "every unit scanned: the order is picked"
scan "${u1[0]}"
ok 'wait_for "✘ One too many: put it back"' "one unit more than the line wants is refused"
scan DONE
ok 'wait_for "✘ Not done: no label yet"' "DONE before the label says what is missing"
scan DHL
ok 'wait_for "✔ Carrier: DHL"' "the carrier's barcode"
scan "$dhl_used"
ok 'wait_for "✘ Label already used: not shipped"' "a tracking number in use is refused"
ok 'wait_idle && block | grep -q "tracking number '"$dhl_used"' is already the parcel of order [A-Z]" && block | grep -q "→ A label is used once"' "saying by what, and what to do"
ok '[ -z "$(q "SELECT 1 FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id WHERE o.number = '"'$o1'"'")" ]' \
	"and nothing was shipped"
scan "$dhl_new"
ok 'wait_for "✔ SHIPPED  '"$o1"'"' "a new label ships it: a large green line"
is "$(q "SELECT o.status || ' ' || s.carrier || ' ' || s.tracking_no || ' ' || s.status || ' ' || s.shipped_by
         FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id WHERE o.number = '$o1'")" \
	"shipped dhl $dhl_new PRE_TRANSIT mehmet" "$o1 shipped by Mehmet with DHL $dhl_new"
is "$(q "SELECT count(*) FROM backdesk.audit_log a JOIN backdesk.orders o ON o.id = a.entity_id
         WHERE a.entity = 'order' AND a.action = 'order.ship' AND o.number = '$o1' AND a.actor = 'mehmet'")" 1 \
	"audited once"

# The same order again; a cancelled one; an unpaid one.
scan "$o1"
ok 'wait_for "✘ Do not pack '"$o1"'"' "$o1 scanned again is refused"
ok 'block | grep -q "already shipped with DHL '"$dhl_new"' on 20[0-9-]*"' "naming its parcel"
cancelled=$(q "SELECT number FROM backdesk.orders WHERE status = 'cancelled' LIMIT 1")
scan "$cancelled"
ok 'wait_for "✘ Do not pack '"$cancelled"'" && block | grep -q "was cancelled → Put the goods back on the shelf"' \
	"a cancelled order: do not pack, put the goods back"
pending=$(q "SELECT number FROM backdesk.orders WHERE status = 'pending' LIMIT 1")
scan "$pending"
ok 'wait_for "✘ Do not pack '"$pending"'" && block | grep -q "is not paid yet → Do not pack it yet: put it aside until it is paid"' \
	"an unpaid order: put it aside until it is paid"

# Returns: by their number (any case, no dash), and by their parcel's tracking number.
ret1=$(q "SELECT number FROM backdesk.returns WHERE status = 'approved' ORDER BY id LIMIT 1")
ret2=$(q "SELECT number FROM backdesk.returns WHERE status = 'awaiting_parcel' AND tracking_no IS NOT NULL ORDER BY id LIMIT 1")
track2=$(q "SELECT tracking_no FROM backdesk.returns WHERE number = '$ret2'")
[ -n "$ret1" ] && [ -n "$ret2" ] || { echo "Bail out! the demo has no approved return ($ret1) or none awaiting its parcel ($ret2)"; exit 1; }
scan "$(tr 'A-Z' 'a-z' <<<"${ret1//-/}")"
ok 'wait_for "✔ Return '"$ret1"' received"' "$ret1 received by its number"
scan "$track2"
ok 'wait_for "✔ Return '"$ret2"' received"' "$ret2 received by its parcel's tracking number"
is "$(q "SELECT string_agg(status || ' ' || received_by, ',' ORDER BY number) FROM backdesk.returns
         WHERE number IN ('$ret1', '$ret2')")" "received mehmet,received mehmet" "both received by Mehmet"
scan "$ret1"
ok 'wait_for "✘ Return '"$ret1"' cannot be received"' "received twice is refused, saying why"

# A pasted block of 200 scans, on a console of its own: two orders packed and
# shipped among wrong items, misreads and unknown codes, then unknown codes up to
# 200.  Each scan waits for the one before it; none is lost or merged.
mapfile -t u2 < <(units "$o2")
mapfile -t u3 < <(units "$o3")
burst=("$o2" "${u2[0]}" "$wrong" "${u2[@]:1}" "${u2[0]}" aras "$lab2"
       "$o3" "$misread" "${u3[@]}" "Yurtiçi Kargo" "${u3[0]}" "$lab3")
n=${#burst[@]}
for i in $(seq $((n + 1)) 200); do burst+=("$(printf 'NOPE-%03d' "$i")"); done
E2E_T=burst e2e_start 80x24 PGDATABASE="$db" PGUSER=mehmet -- "$BACKDESK"
E2E_T=burst
wait_for "Mehmet Demir \(warehouse\)" >/dev/null
for _ in 1 2 3 4 5 6; do
	screen | grep -q "^Scan ▸" && break
	keys Tab
	wait_idle
done
# One unknown code alone first: the time of one round trip, to set the block's against.
ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(ms); scan NOPE-000; wait_for "Scan · 1 scan" >/dev/null; t1=$(ms)
pastetext "$(printf '%s\n' "${burst[@]}")"$'\n'
ok 'wait_for "Scan · 201 scans" 60' "the pasted block is 200 scans"
t2=$(ms)
diag "one scan alone: $((t1 - t0)) ms; the block of 200: $((t2 - t1)) ms, $(( (t2 - t1) * 100 / 200 / (t1 - t0 > 0 ? t1 - t0 : 1) ))% of one scan alone per scan"
want=$(for i in $(seq 200 -1 181); do printf '✘ NOPE-%03d UNKNOWN\n' "$i"; done)
is "$(screen | sed -n '2,21p' | sed 's/^.*│//; s/ *$//')" "$want" "the last 20, newest on top, each unknown"
is "$(q "SELECT string_agg(o.number || ' ' || s.carrier || ' ' || s.tracking_no, ', ' ORDER BY o.number)
         FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id WHERE o.number IN ('$o2', '$o3')")" \
	"$(printf '%s\n' "$o2 aras $lab2" "$o3 yurtici $lab3" | sort | paste -sd, | sed 's/,/, /g')" \
	"both orders of the block shipped, each with its own label"
is "$(q "SELECT count(*) FROM backdesk.audit_log WHERE action = 'order.ship' AND actor = 'mehmet'")" 3 \
	"three parcels shipped in all, no more"

# A scanner's burst is keys, not a paste: an order, its units, a carrier, a label,
# typed in one go with an Enter after each.
mapfile -t u4 < <(units "$o4")
typetext "$(printf '%s\r' "$o4" "${u4[@]}" mng "$lab4")"
ok 'wait_for "✔ SHIPPED  '"$o4"'"' "a burst of keys packs and ships $o4"
is "$(q "SELECT s.carrier || ' ' || s.tracking_no FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
         WHERE o.number = '$o4'")" "mng $lab4" "with MNG $lab4"
ok 'screen | grep -q "Scan · 20[0-9] scans"' "every key burst's scan counted"
keys F9
ok 'wait_for "the bell rings on every refusal"' "F9 turns the bell on"

# Quitting in the middle of packing asks first, naming the order; then the
# console ends cleanly (the suite runs under the sanitizers).
mapfile -t u5 < <(units "$o5")
scan "$o5"
scan "${u5[0]}"
wait_for "✔ .*1 of" >/dev/null
keys F6 F6
ok 'wait_for "✔ Carrier: Aras Kargo" && screen | grep -q "│✔ F6 carrier aras"' "F6 steps through the carriers (Yurtiçi, then Aras)"
keys F10
ok 'wait_for "That would lose the packing of '"$o5"' \(1 of ${#u5[@]} items scanned\)"' "F10 while packing $o5 asks first"
keys y
e2e_exited 10
is "$E2E_STATUS" 0 "y quits: exit 0, nothing reported"
ok '[ -z "$(q "SELECT 1 FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id WHERE o.number = '"'$o5'"'")" ]' \
	"and $o5 was not shipped"
# A pasted line longer than the input line is one scan, refused; the next keeps its place.
E2E_T=mehmet
pastetext "$(printf '7%.0s' $(seq 250))"$'\nDONE\n'
ok 'wait_for "│• DONE nothing to do" && screen | grep -q "│✘ 7777777777.* TOO LONG"' \
	"a 250-character line in a paste is refused as too long, and the line after it is scanned"

typetext "SO-1002"
wait_for "^Scan ▸ SO-1002" >/dev/null
keys Escape
ok 'wait_idle && screen | head -2 | grep -Eq "^Scan ▸ +│" && screen | grep -Fq "Scan · $((17 + ${#u1[@]})) scans"' "Esc clears what was typed, and scans nothing"

# The help lists only keys that act here: no letter (each is typed as a code).
keys F1
ok 'wait_for "F10, Ctrl-C +Quit" && ! screen | grep -Eq "│ +(q|g|:|\?|k|j|1)(,| ) "' "the help leaves out the letters typed as codes"
