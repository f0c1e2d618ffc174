#!/bin/bash
# The lookup box (g, :find): results as you type, by a phone number in any
# spacing, by a name without its accents, by tracking, order and ticket number,
# the matching part highlighted; Enter opens the right thing and says so; an empty
# result says so; what was typed survives a lost connection.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 36

newdb e2e_lookup; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
ticket=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.tickets WHERE subject = 'Kargom nerede?'")
E=$'\e'

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
ok 'wait_for "connected"' "the console is up"
wait_for "^SO-|^[A-Z]{2}-[0-9]" >/dev/null

# lookup TEXT: opens the box from wherever we are and types TEXT.
lookup() {
	keys g
	typetext "$1"
}
back_to_list() {
	for _ in 1 2 3 4; do
		keys Escape
		wait_for "^Order +Placed +Customer" 2 >/dev/null && return 0
	done
	return 1
}

lookup "0532 123 45 67"
ok 'wait_for "customer +Şükrü Öztürk +\+90 532 123 45 67"' "a phone with spaces and the trunk 0 finds Şükrü"
like "$(screen)" "Enter opens customer Şükrü Öztürk" "the line under the list says what Enter opens"
like "$(screen_attrs)" "\+($E\[[0-9;]*m)+90 532 123 45 67$E\[" "the matching digits are highlighted"
keys Enter
ok 'wait_for "Customer Şükrü Öztürk"' "Enter opens the customer screen"
ok 'wait_for "^ E-mail +sukru@example.com"' "with the contact details"
back_to_list

lookup "+905321234567"
ok 'wait_for "customer +Şükrü Öztürk"' "the same phone written +905321234567 finds Şükrü"
keys Enter
ok 'wait_for "Customer Şükrü Öztürk"' "and opens him"
back_to_list

lookup "sukru ozturk"
ok 'wait_for "customer +Şükrü Öztürk"' "a name without its accents finds Şükrü Öztürk"
like "$(screen_attrs)" "($E\[[0-9;]*m)+Şükrü Öztürk$E\[" "the whole name is highlighted"
keys Enter
ok 'wait_for "Customer Şükrü Öztürk"' "and Enter opens him"
back_to_list

lookup "701234567890"
ok 'wait_for "parcel +701234567890 +Yurtiçi Kargo · SO-100234"' "a tracking number finds the parcel, its carrier by name (0022)"
like "$(screen)" "Enter opens order SO-100234, of parcel 701234567890" "which opens its order"
keys Enter
ok 'wait_for "Order SO-100234"' "Enter opens the parcel's order"
like "$(screen)" "parcel 701234567890 belongs to order SO-100234: opened the order" "and says so"
ok 'wait_for "in transit with Yurtiçi Kargo since"' "where it is, with the carrier's name, not its code (0022)"
keys PageDown
ok 'wait_for "^ Yurtiçi Kargo +701234567890 +in transit"' "the parcels name the carrier too"
back_to_list

# An agent types the number and presses Enter at once, before the results show.
keys g
wait_for "Look up:" >/dev/null
typetext "SO-100234"
keys Enter
ok 'wait_for "Order SO-100234"' "an order number and Enter at once opens that order"
ok 'wait_for "^ Lines"' "the order screen shows"
back_to_list

lookup "100234"
ok 'wait_for "order +SO-100234 +Şükrü Öztürk"' "the order number without its prefix finds the order"
keys Enter
ok 'wait_for "Order SO-100234"' "and opens it"

# g works from the order screen too; a ticket opens its order.
lookup "$ticket"
ok 'wait_for "ticket +$ticket +Kargom nerede"' "g from the order screen: a ticket number finds the ticket"
keys Enter
ok 'wait_for "ticket $ticket belongs to order SO-100234"' "Enter on a ticket opens its order and says so"
back_to_list

lookup "qqqzzz"
ok 'wait_for "nothing found for “qqqzzz”"' "an empty result says nothing was found for what was typed"
like "$(screen)" "Try a phone number, an order number" "with a hint"
keys BSpace BSpace BSpace BSpace BSpace BSpace
typetext "gulsen"
ok 'wait_for "customer +Gülşen Çağlar"' "editing the text searches again"
keys Escape
ok 'wait_gone "Look up:"' "Esc closes the lookup"

keys :
typetext "find arvizturo"
keys Enter
ok 'wait_for "Look up: arvizturo"' ":find TEXT opens the lookup with the text"
ok 'wait_for "customer +Árvíztűrő Tünde"' "and its results (Árvíztűrő found as arvizturo)"

# The connection goes while the box is open: what was typed stays, and the box
# works again once the console has reconnected.
typetext " t"
wait_for "Look up: arvizturo t" >/dev/null
psql -XAtq -d "$db" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = 'backdesk'" >/dev/null
ok 'poll_for "connected again|DISCONNECTED|lost the database"' "the lost connection is reported"
ok 'poll_for "connected again" 15' "the console reconnects"
like "$(screen)" "Look up: arvizturo t" "what was typed is still in the box"
keys BSpace BSpace
typetext " tünde"
ok 'wait_for "customer +Árvíztűrő Tünde"' "and the lookup works again"
keys Escape
wait_gone "Look up:" >/dev/null

keys :
typetext "order so-100120"
keys Enter
ok 'wait_for "Order SO-100120"' ":order NUMBER opens the order (in any case)"
back_to_list

keys q
ok 'e2e_exited 5' "q quits"
is "$E2E_STATUS" 0 "with exit status 0 (nothing leaked, under ASan)"
