#!/bin/bash
# Calls and tickets from a call, at 80x24: the call form's first outcome leaves the
# ticket alone, the ticket is picked from the caller's open tickets (number and
# subject), and t warns when an open ticket of the same category is there, naming
# it: n goes back, y opens another.  A call left on "a new ticket" while the caller
# has an open ticket of its category asks the same: Enter goes back with the form
# kept, one button logs the call on the open ticket, the other opens another.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 30

newdb e2e_call_tickets; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
# The top dialog's words on one line (the widest stretch between borders on each
# line): its text wraps.
said() { screen | awk -F'│' 'NF >= 3 { m = ""; for (i = 1; i <= NF; i++) if (length($i) > length(m)) m = $i; print m }' | tr -s ' \n' '  ' | grep -Eq -- "$1" || { dump_screen; return 1; }; }
q() { psql -XAt -d "$db" -c "$1"; }
# The demo's open ticket about SO-100234, waiting on the customer.
q "UPDATE backdesk.tickets SET status = 'pending' WHERE number = 'T-100001'" >/dev/null
is "$(q "SELECT category || ' ' || subject FROM backdesk.tickets WHERE number = 'T-100001'")" \
	"where-is-my-order Kargom nerede?" "the demo has T-100001 open about SO-100234"

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys /
typetext SO-100234
keys Enter
wait_idle
keys Enter
wait_for "Order SO-100234" >/dev/null
keys c
wait_for "call: Şükrü Öztürk" >/dev/null
keys c
ok 'wait_for "Outcome [◀<] noted \(ticket unchanged\) [▶>]"' "the outcome offered first changes no ticket"
ok 'wait_for "Ticket [◀<] a new ticket [▶>]"' "the ticket starts as a new one"
keys Tab Tab Right
ok 'wait_for "Ticket [◀<] T-100001 Kargom nerede\? [▶>]"' "Right picks the caller's open ticket: number and subject"
keys Right
ok 'wait_for "Ticket [◀<] T-100002 " && wait_gone "T-100003"' "then the next open one of this caller only"
keys Left Tab
typetext "Kargo yarın geliyor dedim"
keys F2
ok 'wait_for "call logged on ticket T-100001"' "the call is logged on the ticket picked"
is "$(q "SELECT status FROM backdesk.tickets WHERE number = 'T-100001'")" "pending" \
	"and the ticket is left as it was: pending, not solved"
is "$(q "SELECT body FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
         WHERE t.number = 'T-100001' AND m.kind = 'call' AND m.body LIKE 'outcome: noted%'")" \
	"outcome: noted
Kargo yarın geliyor dedim" \
	"with the note"

# t: an open ticket of the same category on this order is named before another opens.
before=$(q "SELECT count(*) FROM backdesk.tickets")
keys t
wait_for "Category.*[◀<] where is my order [▶>]" >/dev/null
keys Tab Tab
typetext "Yine soruyor"
keys F2
ok 'wait_idle && said "T-100001 is already open about where is my order on SO-100234: Kargom nerede\? Open another ticket anyway\? y opens it, n goes back"' \
	"t warns: the open ticket of the same category, with its number and subject"
ok 'grep -q "\[ Open another ticket \]  \[ Back \]" <<<"$(screen)"' "its buttons say what they do"
keys Enter
ok 'wait_for "no ticket opened: add to the open one"' "Enter takes the answer offered, Back"
is "$(q "SELECT count(*) FROM backdesk.tickets")" "$before" "and nothing was opened"
keys F2
wait_for "Open another ticket anyway\?" >/dev/null
keys n
ok 'wait_for "no ticket opened: add to the open one"' "n goes back"
is "$(q "SELECT count(*) FROM backdesk.tickets")" "$before" "and nothing was opened"
keys F2
wait_for "Open another ticket anyway\?" >/dev/null
keys y
ok 'wait_for "ticket T-[0-9]+ opened"' "y opens another anyway"
is "$(q "SELECT count(*) FROM backdesk.tickets t JOIN backdesk.orders o ON o.id = t.order_id
         WHERE o.number = 'SO-100234' AND t.category = 'where-is-my-order' AND t.status NOT IN ('solved', 'closed')")" \
	"2" "two open tickets of the category on the order now, the second one seen and chosen"
is "$(q "SELECT detail->>'open_anyway' FROM backdesk.audit_log WHERE action = 'ticket.open' ORDER BY id DESC LIMIT 1")" \
	"true" "the audit row says the agent opened it anyway"

# A call about the same thing: "a new ticket" would be a second one (T-100128 was made
# beside the open T-100127).  The open one the database names: the newest changed.
same=$(q "SELECT t.number || ' ' || t.subject FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
          WHERE c.name = 'Şükrü Öztürk' AND t.category = 'where-is-my-order' AND t.status NOT IN ('solved', 'closed')
          ORDER BY t.updated_at DESC, t.id DESC LIMIT 1")
same_no=${same%% *}
same_subject=${same#* }
is "$same_subject" "Yine soruyor" "the newest open where-is-my-order ticket is the one t opened"
before=$(q "SELECT count(*) FROM backdesk.tickets")
keys c
wait_for "call: Şükrü Öztürk" >/dev/null
keys c
wait_for "Ticket [◀<] a new ticket [▶>]" >/dev/null
keys Tab Tab Tab
typetext "Yine aradı"
keys F2
ok 'wait_idle && said "$same_no \($same_subject\) is already open about where is my order\. Log the call on it, or open another ticket\?"' \
	"logging on a new ticket asks first, naming the open ticket of the category"
ok 'wait_for "\[ Log the call on $same_no \]  \[ Open another ticket \]  \[ Back \]"' \
	"with buttons that say what they do"
keys Enter
ok 'wait_gone "already open about" && wait_for "Ticket [◀<] a new ticket [▶>]" && wait_for "Yine aradı"' \
	"Enter goes back to the form, everything typed kept"
is "$(q "SELECT count(*) FROM backdesk.tickets")/$(q "SELECT count(*) FROM backdesk.ticket_messages WHERE body LIKE '%Yine aradı%'")" \
	"$before/0" "and nothing was logged or opened"
keys F2
wait_for "already open about" >/dev/null
keys Right Enter
ok 'wait_for "call logged on ticket $same_no"' "the first button logs the call on the open ticket"
is "$(q "SELECT t.number FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
         WHERE m.kind = 'call' AND m.body = E'outcome: noted\nYine aradı'")" "$same_no" \
	"the call message is on it"
is "$(q "SELECT count(*) FROM backdesk.tickets")" "$before" "and no ticket was opened"

# The other button: the agent saw the open one and opens another.
keys c
wait_for "call: Şükrü Öztürk" >/dev/null
keys c
wait_for "Ticket [◀<] a new ticket [▶>]" >/dev/null
keys Tab Tab Tab
typetext "Başka bir kargo"
keys F2
wait_for "already open about" >/dev/null
keys Right Right Enter
ok 'wait_for "call logged on ticket T-[0-9]+"' "the second button opens another ticket"
got=$(screen | grep -Eo "call logged on ticket T-[0-9]+" | tail -1)
got=${got##* }
ok '[ -n "$got" ] && [ "$got" != "$same_no" ]' "a ticket of its own"
is "$(q "SELECT count(*) FROM backdesk.tickets")" "$((before + 1))" "one ticket more"
is "$(q "SELECT t.category || ' ' || (a.detail->>'open_anyway') FROM backdesk.audit_log a
         JOIN backdesk.tickets t ON t.number = a.detail->>'number'
         WHERE a.action = 'ticket.call' ORDER BY a.id DESC LIMIT 1")" "where-is-my-order true" \
	"the audit row says the agent opened it anyway"
is "$(q "SELECT t.number FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
         WHERE m.kind = 'call' AND m.body = E'outcome: noted\nBaşka bir kargo'")" "$got" \
	"the call message is on the new ticket"

