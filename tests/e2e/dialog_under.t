#!/bin/bash
# A dialog is drawn over the screen it was opened on; while only the dialog changes
# (typing into it), that screen is copied back rather than drawn again (tui/ui.c).
# It must still follow every change of its own: an order changed by another
# session shows under the open note dialog, and the typing goes on undisturbed.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 6

newdb e2e_dialog_under; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
ship_by=$(psql -XAt -d "$db" -c "SELECT ship_by FROM backdesk.orders WHERE number = 'SO-100234'")
later=$(psql -XAt -d "$db" -c "SELECT ship_by + 3 FROM backdesk.orders WHERE number = 'SO-100234'")

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
ok 'wait_for "connected"' "the console is up"
open_order SO-100234
like "$(screen)" "Ship by +$ship_by" "the order shows its ship-by date"
keys n
wait_for "Internal note" >/dev/null
typetext "first words"
ok 'wait_for "Note first words"' "the note dialog takes the typing"
psql -XqAt -d "$db" -c "UPDATE backdesk.orders SET ship_by = ship_by + 3 WHERE number = 'SO-100234'"
ok 'poll_for "Ship by +$later"' "the order under the open dialog shows the other session's change"
typetext " and more"
ok 'wait_for "Note first words and more"' "typing goes on in the dialog"
like "$(screen)" "Ship by +$later" "and the order under it keeps the change"
