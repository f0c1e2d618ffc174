#!/bin/bash
# What an agent reads and presses, at 80x24 on the demo data: the lookup box
# refuses a character past its 200 and says so (typed or pasted); its hits show an
# order's total as money and a customer's phone in one form; the customer screen
# says the language in words and the phone in that form; notes say when and by
# whom; the order screen's help offers no Enter that does nothing; the customer's
# orders to pick from say on the bar that Enter opens and Esc goes back, and q
# closes that list and the help, whose Home (not g) goes to the top.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 30

newdb e2e_readable; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
# A customer whose phone is stored with dashes, and how every screen writes it.
IFS='|' read -r dashed_name dashed_phone < <(psql -XAt -d "$db" -c "
	SELECT name, phone FROM backdesk.customers
	WHERE phone ~ '^5[0-9]{2}-[0-9]{3}-[0-9]{2}-[0-9]{2}$' ORDER BY id LIMIT 1")
d=${dashed_phone//-/}
readable="+90 ${d:0:3} ${d:3:3} ${d:6:2} ${d:8:2}"
bar() { screen | tail -n 1; }
# unlike GOT REGEX NAME: GOT does not match.
unlike() {
	if grep -Eq -- "$2" <<<"$1"; then ok false "$3"; printf '#   /%s/ matched in:\n%s\n' "$2" "$1" | sed '2,$s/^/# |/'
	else ok true "$3"; fi
}
message() { screen | tail -n 2 | head -n 1; }

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
ok 'wait_for "connected"' "the console is up"
wait_for "^SO-|^[A-Z]{2}-[0-9]" >/dev/null

# 1. The lookup box takes 200 characters and refuses the 201st out loud.
keys g
wait_for "Look up:" >/dev/null
typetext "$(printf 'a%.0s' {1..199})"
typetext "bc"
ok 'wait_for "at most 200 characters here: no more go in"' "a character past 200 is refused with the limit said"
like "$(screen)" "aaab" "the 200th went in"
unlike "$(screen)" "aabc" "the 201st did not"
keys C-u
pastetext "$(printf 'x%.0s' {1..250})"
ok 'wait_for "nothing pasted: 250 characters, room for 200 \(200 at most\)"' "a paste that does not fit is refused, saying the room"
typetext "SO-1003"
# 2. Totals as money, with the currency, whole at 80 columns.
ok 'wait_for "SO-100301 +Árvíztűrő Tünde · delivered · 81,270.00 HUF"' "an order's total reads as money with its currency"
like "$(screen)" "SO-100302 +İsmail Işık · paid · 5,809.80 TRY" "every order's"
unlike "$(screen)" "[0-9]{4}\.[0-9]{2} (TRY|HUF)" "no raw amount is left"
# 3. Phones in one form, in the hits and on the customer screen.
keys C-u
typetext "$dashed_phone"
ok 'wait_for "customer +$dashed_name +\\$readable"' "a phone stored as $dashed_phone reads $readable in the hits"
keys Enter
ok 'wait_for "Customer $dashed_name"' "Enter opens that customer"
like "$(screen)" " Phone +\\$readable" "the customer screen writes the phone the same way"
like "$(screen)" " Language +Turkish" "and the language in words"
keys g
typetext "arvizturo"
wait_for "customer +Árvíztűrő Tünde" >/dev/null
keys Enter
ok 'wait_for " Language +Hungarian"' "Árvíztűrő Tünde's language: Hungarian"

# 4. The customer's orders to pick from: Enter and Esc on the bar; q closes it.
keys O
ok 'wait_for "Orders of Árvíztűrő Tünde"' "O opens her orders to pick from"
like "$(bar)" "^Enter Open +Esc Back +F1 ?Help +F3Find +F4Filter" "the bar says Enter opens and Esc goes back"
keys q
ok 'wait_gone "Orders of Árvíztűrő Tünde"' "q closes the list"
like "$(screen)" "Customer Árvíztűrő Tünde" "and the customer screen is there, the console still running"
# The help: g (the lookup everywhere) is no key of it, Home goes to the top, q closes.
keys '?'
wait_for "─ Keys ─" >/dev/null
help_top() { wait_idle >/dev/null && screen | sed -n 3p; }
like "$(help_top)" "│ Customer +│" "the help starts with the customer screen's keys"
keys End g
ok 'wait_for "─ Keys ─"' "g does not leave the help (it is no key there)"
unlike "$(screen)" "Look up:" "and opens no lookup under it"
unlike "$(help_top)" "│ Customer +│" "End went down"
keys Home
like "$(help_top)" "│ Customer +│" "Home goes back to the top"
keys q
ok 'wait_gone "─ Keys ─"' "q closes the help"
like "$(screen)" "Customer Árvíztűrő Tünde" "without quitting"

# The order screen's help does not offer Enter, which opens nothing there.
keys g
typetext "SO-100234"
keys Enter
wait_for "Order SO-100234" >/dev/null
keys F1
wait_for "─ Keys ─" >/dev/null
help=$(screen)
for _ in 1 2 3 4; do
	keys PageDown
	wait_idle >/dev/null
	help+=$(screen)
done
like "$help" "Esc +Go back" "the order's help lists Esc"
unlike "$help" "Open the selected line" "but not Enter's 'Open the selected line'"
keys Escape
wait_gone "─ Keys ─" >/dev/null

# 5. Notes say when and by whom.
keys n
wait_for "Internal note" >/dev/null
typetext "Called back about the parcel; it is in Ankara."
keys F2
wait_for "note added" >/dev/null
keys End
ok 'wait_for "^ written [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} by Ayşe Yılmaz$"' \
	"the order's note: written <date time> by <who>"
like "$(screen)" $'by Ayşe Yılmaz\n   Called back about the parcel; it is in Ankara.' "its text under it"
sukru=$(psql -XAt -d "$db" -c "SELECT id FROM backdesk.customers WHERE email = 'sukru@example.com'")
psql -XAtq -d "$db" -c "INSERT INTO backdesk.notes (entity, entity_id, body, created_at)
                        VALUES ('customer', $sukru, 'Prefers a call after 18:00', '2026-11-23 10:00+03')"
keys g
typetext "sukru@example.com"
wait_for "customer +Şükrü Öztürk" >/dev/null
keys Enter
wait_for "Customer Şükrü Öztürk" >/dev/null
keys End
ok 'wait_for "^ written 2026-11-23 [0-9]{2}:00 by [a-z]+"' "the customer's note says when and by whom"

keys q
ok 'e2e_exited 5' "q quits"
