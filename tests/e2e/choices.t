#!/bin/bash
# The forms offer the database's lists (0015): a ticket category added to
# backdesk.ticket_categories shows in the call form and the ticket form, where its
# position puts it, and what is saved with it is a ticket of that category; a
# retired one is not offered; a new ticket starts at normal priority.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 8

newdb e2e_choices; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }
# First in the list; no translation in the program: shown as its code.
q "INSERT INTO backdesk.ticket_categories (code, position) VALUES ('gift-wrap', 5)" >/dev/null
q "UPDATE backdesk.ticket_categories SET active = false WHERE code = 'delay'" >/dev/null

e2e_start 100x30 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys /
typetext SO-100234
keys Enter
wait_selected 3 "^SO-100234 " >/dev/null
keys Enter
wait_for "Order SO-100234" >/dev/null && wait_for "^ Where is it" >/dev/null
keys c
wait_for "call: Şükrü Öztürk" >/dev/null
keys c
ok 'wait_for "Call with Şükrü Öztürk"' "hanging up asks what the call was about"
ok 'wait_for "About.*[◀<] gift-wrap [▶>]"' "the category added to the table is offered first"
keys Right
ok 'wait_for "About.*[◀<] where is my order [▶>]"' "then the built-in ones, in the program's words"
keys Right
ok 'wait_for "About.*[◀<] damaged [▶>]"' "a retired category (delay) is not offered"
keys Left Left F2
wait_for "call logged on ticket T-[0-9]+" >/dev/null
ticket=$(screen | grep -o 'call logged on ticket T-[0-9]*' | grep -o 'T-[0-9]*')
is "$(q "SELECT channel || ' ' || category FROM backdesk.tickets WHERE number = '$ticket'")" \
	"phone gift-wrap" "the call is logged on a ticket of the new category"

keys t
ok 'wait_for "Category.*[◀<] gift-wrap [▶>]"' "the ticket form offers it too"
ok 'wait_for "Priority.*[◀<] normal [▶>]"' "and starts at normal priority, whatever the list's order"
keys Tab Tab
typetext "Hediye paketi yırtık"
keys F2
wait_for "ticket T-[0-9]+ opened" >/dev/null
ticket=$(screen | grep -o 'ticket T-[0-9]* opened' | grep -o 'T-[0-9]*')
is "$(q "SELECT category || ' ' || priority FROM backdesk.tickets WHERE number = '$ticket'")" \
	"gift-wrap normal" "the ticket has the new category and normal priority"
