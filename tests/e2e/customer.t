#!/bin/bash
# Customer 360 on the demo data: Şükrü's contact details, orders with their
# parcels, tickets, returns, refunds and total spent on one screen; ] and [ go to
# the next and previous part (letters act, as on the order screen: f jumps nowhere
# here); O picks an order to open; a new note and a changed order show up by
# themselves, where the screen was scrolled to; Árvíztűrő's
# refund and Gülşen's gift code; an unknown customer says so.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 42

newdb e2e_customer; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
sukru=$(psql -XAt -d "$db" -c "SELECT id FROM backdesk.customers WHERE email = 'sukru@example.com'")

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
ok 'wait_for "connected"' "the console is up"

# open_customer TEXT: looks TEXT up and opens the first hit (a customer).
open_customer() {
	keys g
	typetext "$1"
	wait_idle && keys Enter
}
# wait_top REGEX: once idle, the first line of the body (under the tab bar) matches.
wait_top() {
	wait_idle || return 1
	screen | sed -n 2p | grep -Eq -- "$1" && return 0
	dump_screen
	return 1
}

open_customer "sukru@example.com"
ok 'wait_for "Customer Şükrü Öztürk"' "the lookup opens Şükrü's screen"
ok 'wait_for "^ Contact"' "contact section"
like "$(screen)" " E-mail +sukru@example.com" "e-mail"
like "$(screen)" " Phone +\+90 532 123 45 67" "phone"
like "$(screen)" " Customer since +[0-9]{4}-[0-9]{2}-[0-9]{2}" "customer since"
like "$(screen)" " Total spent +6,009.40 TRY" "total spent"
like "$(screen)" "Bağdat Cd. 12/3, Kadıköy, 34710 İstanbul, TR" "the address"
like "$(screen)" " Orders \(2\)" "orders section with the count"
like "$(screen)" "SO-100234 .* shipped +299.80 TRY in transit · 701234567890" \
	"SO-100234: status, total, parcel state and tracking number"
like "$(screen)" "SO-100120 .* delivered +5,709.60 TRY delivered" "SO-100120 delivered"

keys f
wait_idle
ok 'wait_top "^ Contact"' "f is no jump here (it refunds a fee on the order screen)"
keys ] ] ]
ok 'wait_top "^ Open tickets \(2\)"' "] three times puts the tickets at the top"
like "$(screen)" "T-[0-9]+ +open +normal +where is my order .*Kargom nerede\?" \
	"the open ticket with status, priority, category and subject"
keys [ [ [
ok 'wait_top "^ Contact"' "[ three times puts the contact details back at the top"
# The last parts cannot scroll to the very top: they show, and the top is gone.
keys ] ] ] ]
ok 'wait_for "^ Returns \(1\)" && wait_gone "^ Contact"' "] four times scrolls to the returns"
like "$(screen)" "R-[0-9]+ +SO-100120 +requested" "the requested return of SO-100120"
keys ]
ok 'wait_for "^ Refunds \(0\)" && wait_gone "^ Contact"' "] once more: the refunds (none for Şükrü)"
like "$(screen)" "Total spent \(paid − refunded\)" "total spent per currency"
like "$(screen)" "6,009.40 TRY +− 0.00 TRY += 6,009.40 TRY" "paid, refunded and net"
like "$(screen)" " Satisfaction" "satisfaction section"
keys [ [ [
ok 'wait_top "^ Orders \(2\)"' "[ three times goes back to the orders"
keys [ [ [
ok 'wait_for "^ Internal notes"' "[ from the contact goes round to the notes"
keys ] ] ]
ok 'wait_top "^ Orders \(2\)"' "and ] from the notes round to the orders"

keys O
ok 'wait_for "Orders of Şükrü Öztürk"' "O opens the picker of his orders"
keys Down Enter
ok 'wait_for "Order SO-100120"' "Enter in the picker opens the chosen order"
keys Escape
ok 'wait_for "Customer Şükrü Öztürk"' "Esc goes back to the customer"

# Live: a colleague adds an internal note.
psql -XAtq -d "$db" -c "INSERT INTO backdesk.notes (entity, entity_id, body)
                        VALUES ('customer', $sukru, 'Prefers a call after 18:00')"
keys ] ] ] ] ]
ok 'poll_for "Internal notes \(1\)"' "a new note shows up without reloading by hand"
# Its text is under the line that says when and by whom: one line further down.
keys Down
ok 'wait_for "Prefers a call after 18:00"' "with its text"
keys Up
# A reload keeps the place: the orders stay at the top when one of them changes.
keys ] ] ]
wait_top "^ Orders \(2\)" >/dev/null
psql -XAtq -d "$db" -c "UPDATE backdesk.orders SET status = 'delivered' WHERE number = 'SO-100234'"
ok 'poll_for "SO-100234 .* delivered +299.80 TRY"' "a colleague's change to an order shows by itself"
ok 'wait_top "^ Orders \(2\)"' "and the screen stays where it was scrolled to"

# Refunds with data: Árvíztűrő Tünde's refunded return; Gülşen's gift code.
open_customer "arvizturo"
ok 'wait_for "Customer Árvíztűrő Tünde"' "Árvíztűrő Tünde's screen opens"
keys ] ] ] ] ]
ok 'wait_for "^ Refunds \(1\)" && wait_gone "^ Contact"' "] five times scrolls to her refunds"
like "$(screen)" "SO-100304 +return +1,490.00 HUF" "the refunded return of SO-100304"
open_customer "gulsen.caglar@example.org"
wait_for "Customer Gülşen Çağlar" >/dev/null
keys ] ] ] ] ]
ok 'wait_for "^ Gift codes \(1\)"' "Gülşen's gift code"

keys :
typetext "customer $sukru"
keys Enter
ok 'wait_for "Customer Şükrü Öztürk"' ":customer ID opens the customer screen"
keys :
typetext "customer 999999"
keys Enter
ok 'wait_for "no customer with id 999999"' ":customer with an unknown id says so"

# A call can start from the customer screen as well as from an order.
keys Escape
wait_for "Customer Şükrü Öztürk" >/dev/null
keys c
ok 'wait_for "call: Şükrü Öztürk"' "c starts a call from the customer screen"
keys c
ok 'wait_for "Call with Şükrü Öztürk"' "c again hangs up into the call form"
keys Escape
ok 'wait_for "not logged yet"' "Esc keeps the call to log it later"

# The call is not logged: q asks first (issue 10), y quits.
keys q
wait_for "Quit\? That would lose the call with Şükrü Öztürk" >/dev/null
keys y
ok 'e2e_exited 5' "q quits"
is "$E2E_STATUS" 0 "with exit status 0 (nothing leaked, under ASan)"
