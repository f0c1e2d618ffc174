#!/bin/bash
# A call: c starts it with a timer on the status line, c hangs up and asks what it
# was about; saving logs it as a call message on a new ticket of that customer,
# with the time spent.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 9

newdb e2e_call; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }
tickets_before=$(q "SELECT count(*) FROM backdesk.tickets t JOIN backdesk.orders o ON o.customer_id = t.customer_id WHERE o.number = 'SO-100234'")

e2e_start 100x30 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys /
typetext SO-100234
keys Enter
wait_idle
keys Enter
ok 'wait_for "Order SO-100234" && wait_for "^ Where is it"' "the caller's order is open"
keys c
ok 'wait_for "call: Şükrü Öztürk"' "c starts a call with the order's customer"
ok 'poll_for "0:0[2-9]" 6' "the call timer runs on the status line"
keys c
ok 'wait_for "Call with Şükrü Öztürk, 0:0[2-9]"' "c again hangs up and asks what it was about"
keys Right Tab Tab Tab
typetext "Kargo nerede diye sordu, takip numarasını verdim"
keys F2
ok 'wait_for "call logged on ticket T-[0-9]+"' "the call is logged on a new ticket"
ticket=$(screen | grep -o 'call logged on ticket T-[0-9]*' | grep -o 'T-[0-9]*')
is "$(q "SELECT t.channel || ' ' || t.category || ' ' || c.name FROM backdesk.tickets t
         JOIN backdesk.customers c ON c.id = t.customer_id WHERE t.number = '$ticket'")" \
	"phone delay Şükrü Öztürk" "a phone ticket about the delay, for Şükrü"
secs=$(q "SELECT m.call_seconds FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
          WHERE t.number = '$ticket' AND m.kind = 'call'")
ok '[ -n "$secs" ] && [ "$secs" -ge 2 ] && [ "$secs" -le 30 ]' "the call message has the time spent ($secs s)"
like "$(q "SELECT m.body FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
           WHERE t.number = '$ticket' AND m.kind = 'call'")" "takip numarasını" "and the note"
is "$(q "SELECT count(*) FROM backdesk.tickets t JOIN backdesk.orders o ON o.customer_id = t.customer_id WHERE o.number = 'SO-100234'")" \
	"$((tickets_before + 1))" "exactly one new ticket"
