#!/bin/bash
# Saying things so they can be read, at 80x24: a long message wraps into two rows
# and F2 (or :messages) shows it whole in the log of recent messages, with its
# time; a message goes when the caller or order on screen changes and after a
# reconnect; the help cuts no line and :help shows the : commands; Esc takes a
# list's filter away first; a fresh lookup does not pile the previous caller's
# screens under the new one.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 42

newdb e2e_messages; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
ok 'wait_for "connected"' "the console is up"
wait_for "^Order +Placed +Customer" >/dev/null

# command TEXT: types TEXT at the ':' prompt.
command() {
	keys :
	typetext "$1"
	keys Enter
}
lacks() { ! grep -Eq -- "$1" <<<"$(screen)"; }
# The rows of a dialog's frame (│ at the second column) that end in "…": a cut line.
cut_rows() { screen | grep -E '^.│.*…' || true; }

# ---- a long message ----
long="this command is made up to be long enough that its message cannot fit on one line of eighty columns, nor on two of them, so the end is only in the log"
command "$long"
ok 'wait_for "F2: all of it"' "a message longer than two rows ends with the key that shows it whole"
like "$(screen | sed -n 22p)" "^unknown command 'this command is made up" "it starts on the first of two message rows"
like "$(screen | sed -n 23p)" "… F2: all of it *$" "and goes on in the second"
like "$(screen | sed -n 21p)" "Ayşe Yılmaz \(agent\)" "the status line moved up to make room"
keys F2
ok 'wait_for "─ Messages ─"' "F2 opens the messages"
like "$(screen)" "[0-9]{2}:[0-9]{2}:[0-9]{2} unknown command 'this command is made up" "with the time each was said"
like "$(screen)" "only in the log': try :help or :quit" "and the long one whole"
is "$(cut_rows)" "" "nothing in it is cut"
keys Escape
ok 'wait_gone "─ Messages ─"' "Esc closes the messages"

command "two words"
ok 'wait_for "^unknown command .two words.: try :help or :quit *$"' "a short message takes one row"
like "$(screen | sed -n 22p)" "Ayşe Yılmaz \(agent\)" "and the status line is back in its place"
command "messages"
ok 'wait_for "─ Messages ─"' ":messages opens the log too"
like "$(screen | sed -n 3p)" "unknown command 'two words'" "newest first"
like "$(screen)" "unknown command 'this command is made up" "the older one is still there"
keys Escape
wait_gone "─ Messages ─" >/dev/null

# ---- messages go when the caller changes ----
keys g
typetext "SO-100234"
keys Enter
ok 'wait_for "Order SO-100234"' "the lookup opens an order"
command "nonsense"
ok 'wait_for "unknown command .nonsense."' "a message on the order screen"
keys g
typetext "arvizturo"
ok 'wait_for "customer +Árvíztűrő Tünde"' "another caller is looked up"
keys Enter
ok 'wait_for "Customer Árvíztűrő Tünde"' "and opened"
like "$(screen)" "^ Contact" "her screen shows"
ok 'lacks "unknown command"' "the message about the previous caller is gone"

# ---- a fresh lookup does not pile ----
keys Escape
ok 'wait_for "^Order +Placed +Customer"' "Esc from the new caller leads to the list, not to the previous order"
keys g
typetext "arvizturo"
wait_for "customer +Árvíztűrő Tünde" >/dev/null
keys Enter
wait_for "Customer Árvíztűrő Tünde" >/dev/null
command "order so-100234"
ok 'wait_for "Order SO-100234"' ":order NUMBER from a customer's screen opens the order"
keys Escape
ok 'wait_for "^Order +Placed +Customer"' "and does not pile on her screen either"

# A draft kept on an order is not thrown away by the next lookup: the order
# stays under the new caller, Esc leads back to it, and the draft is there.
keys g
typetext "SO-100234"
keys Enter
wait_for "Order SO-100234" >/dev/null
keys n
wait_for "Note" >/dev/null
typetext "called about the cup"
keys Escape
wait_gone "called about the cup" >/dev/null
keys g
typetext "arvizturo"
wait_for "customer +Árvíztűrő Tünde" >/dev/null
keys Enter
wait_for "Customer Árvíztűrő Tünde" >/dev/null
keys Escape
ok 'wait_for "Order SO-100234"' "Esc from the new caller leads back to the order with a draft"
keys n
ok 'wait_for "called about the cup"' "and the draft is still there"
keys F2
ok 'wait_for "SO-100234: note added"' "and is saved from there"
keys Escape
wait_for "^Order +Placed +Customer" >/dev/null

# ---- going back clears, a reconnect leaves only its own message ----
keys g
typetext "SO-100234"
keys Enter
wait_for "Order SO-100234" >/dev/null
command "about this order"
ok 'wait_for "unknown command .about this order."' "a message on an order"
keys Escape
ok 'wait_for "^Order +Placed +Customer"' "Esc goes back to the list"
ok 'lacks "unknown command"' "and the order's message goes with it"
command "nonsense again"
wait_for "unknown command .nonsense again." >/dev/null
psql -XAtq -d "$db" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = 'backdesk'" >/dev/null
ok 'poll_for "connected again" 15' "the console reconnects"
ok 'lacks "unknown command"' "after the reconnect only its own message shows"
keys F2
ok 'wait_for "lost the database"' "the loss is in the log"
keys Escape
wait_gone "─ Messages ─" >/dev/null

# ---- Esc takes the filter away first ----
keys '\'
typetext "paid"
keys Enter
ok 'wait_for "filter: paid"' "a filter is set"
keys Escape
ok 'wait_gone "filter: paid"' "Esc removes it"
like "$(screen)" "^Order +Placed +Customer" "and stays on the list"

# ---- the help at 80 columns ----
keys g
typetext "SO-100234"
keys Enter
wait_for "Order SO-100234" >/dev/null
keys '?'
wait_for "─ Keys ─" >/dev/null
# The call's line is longer than the text column: its rest is on the next row,
# under the text, with no key beside it.
call_row=$(screen | grep -n "Start a call with this customer" | cut -d: -f1)
like "$(screen | sed -n "$((call_row + 1))p")" "^ │ {20,}[a-z].*│$" "a long line goes on under itself"
cut=""
for _ in 1 2 3 4 5; do
	cut+=$(cut_rows)
	keys PageDown
	wait_idle >/dev/null
done
is "$cut" "" "no line of the order screen's help is cut at 80 columns"
keys Escape
wait_gone "─ Keys ─" >/dev/null
command "help"
ok 'wait_for ":order NUMBER +One order"' ":help shows the commands"
like "$(screen)" ":messages +The last messages" "with :messages"

keys Escape Escape q
ok 'e2e_exited 5' "q quits"
is "$E2E_STATUS" 0 "with exit status 0 (nothing leaked, under ASan)"
