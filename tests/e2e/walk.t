#!/bin/bash
# What a walk through the call-centre screens at 80x24 found, as an agent presses
# keys: no key on the bar or in the help does nothing without a word.  F10 goes back
# from the answers and the lookup as from every dialog; F1 there and in the
# customer's order list shows their keys; ] on the customer screen says where it went when
# the part it went to cannot scroll to the top.  m offers the tracking details only
# once a parcel has left, and nothing on a cancelled order (the database refused
# both only after the question).  A server that cannot be reached from the start is
# not "lost".
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 24

newdb e2e_walk; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }

wait_top() {
	wait_idle || return 1
	screen | sed -n 2p | grep -Eq -- "$1" && return 0
	dump_screen
	return 1
}

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null

# The answers: a screen of their own that takes only its own keys.
open_order SO-100234 >/dev/null
keys w
ok 'wait_for "Answers for SO-100234" && wait_for "F10 ?Back"' "the answers offer F10 Back on the bar"
keys F1
ok 'wait_for "Close the answers"' "F1 shows the answers' keys"
keys Escape
wait_gone "Close the answers" >/dev/null
keys F10
ok 'wait_for "^ Where is it" && wait_gone "Answers for"' "F10 goes back to the order"

# The lookup.
keys g
wait_for "Look up:" >/dev/null
ok 'wait_for "F10 ?Back"' "the lookup offers F10 Back"
keys F10
ok 'wait_gone "Look up:" && wait_for "Order SO-100234"' "F10 closes the lookup, back on the order"

# The customer's orders (O on the customer screen).
keys g
typetext "sukru@example.com"
wait_idle && keys Enter
wait_for "Customer Şükrü Öztürk" >/dev/null
keys O
ok 'wait_for "Orders of Şükrü Öztürk" && wait_for "F1 ?Help"' "the customer's order list offers F1 Help"
keys F1
ok 'wait_for "Back to the customer"' "F1 shows its keys"
keys Escape
ok 'wait_gone "Back to the customer" && wait_for "Orders of Şükrü Öztürk"' "Esc closes the help, the list stays"
keys Escape
wait_gone "Orders of Şükrü" >/dev/null

# ] to the parts at the end: they fit on the screen, so the screen cannot put
# them at the top and, from the returns on, nothing moves.
keys ] ] ]
ok 'wait_top "^ Open tickets" && wait_gone "lower on this screen"' "] to a part that reaches the top says nothing more"
keys ]
ok 'wait_for "Returns: lower on this screen"' "] to the returns says they are lower on the screen"
keys ]
ok 'wait_for "Refunds: lower on this screen"' "] again names the next part, though nothing moved"
keys [
ok 'wait_for "Returns: lower on this screen"' "[ names the part it went back to"
keys ] ] ] ]
ok 'wait_top "^ Contact" && wait_gone "lower on this screen"' "round to the contact at the top: the word goes"

# m, send again: the confirmation only, before a parcel leaves.
keys g
typetext SO-100302
wait_idle && keys Enter
wait_for "Order SO-100302" >/dev/null
keys m
ok 'wait_for "Send ◀ order confirmation ▶"' "m on an order not shipped offers the order confirmation"
keys Right
ok 'wait_for "Send ◀ order confirmation ▶" && wait_gone "tracking details"' "and nothing else: no tracking details to send"
keys F2
ok 'wait_for "E-mail the order confirmation of SO-100302" && wait_for "The message as it will go"' \
	"F2 shows the message as it will go before the confirmation goes"
# Back from the message to the form, then the form closes: nothing sent.
keys Escape Escape
# A shipped order has both.
keys g
typetext SO-100234
wait_idle && keys Enter
wait_for "Order SO-100234" >/dev/null
keys m
ok 'wait_for "Send ◀ tracking details ▶"' "a shipped order offers the tracking details first"
keys Right
ok 'wait_for "Send ◀ order confirmation ▶"' "and the confirmation"
keys Escape
# A cancelled order: nothing to send again.
cancelled=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.orders WHERE status = 'cancelled' ORDER BY number LIMIT 1")
keys g
typetext "$cancelled"
wait_idle && keys Enter
wait_for "Order $cancelled" >/dev/null
keys m
ok 'wait_for "This order was cancelled: there is nothing to send again" && wait_gone "Send again"' \
	"m on a cancelled order ($cancelled) says why there is nothing to send"

# q asks about the draft of SO-100234 (Right chose another), not about SO-100302,
# whose list of one went round to what it was.
keys q
ok 'wait_for "Send again” on SO-100234" && wait_gone "SO-100302"' "q asks only about a form whose choice changed"
keys y
ok 'e2e_exited 5' "y quits"

# Nothing listens on port 1: the console retries, and says it never got there.
e2e_start 80x24 PGHOST=127.0.0.1 PGPORT=1 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
ok 'poll_for "cannot reach the database: " && poll_for "Connection refused"' "a server never reached: cannot reach it, with libpq's reason"
ok '! screen | grep -q "lost the database"' "not that it was lost"
keys q
ok 'e2e_exited 5' "q quits"
