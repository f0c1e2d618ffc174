#!/bin/bash
# Forms keep and check what is typed, at 80x24: a paste is text (its Esc and line
# breaks never act), a field's limit shows and refuses more with a message, a note
# wraps, one-line fields use the dialog's width, keys typed into a choice field
# pick a choice or go on to the next field, a long choice list filters as one
# types.  And bracketed paste is turned off again however the program ends.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 23

newdb e2e_forms; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }
fee_order=$(q "SELECT number FROM backdesk.orders o WHERE free_shipping AND shipping_fee > 0
    AND NOT EXISTS (SELECT FROM backdesk.refunds r WHERE r.order_id = o.id AND r.kind = 'shipping_fee')
    ORDER BY id LIMIT 1")
# A shipped order that is late: delay compensation applies to it.
shipped=$(q "SELECT number FROM backdesk.orders o WHERE status = 'shipped'
    AND (api.order_detail(o.id) -> 'can' ->> 'compensate_delay')::boolean ORDER BY id LIMIT 1")
rec=$BACKDESK_TEST_TMP/forms-terminal.$$


e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null

# A number pasted into the lookup is looked up, as if typed.
keys /
pastetext "$shipped"
ok 'wait_for "$shipped"' "a pasted order number goes into the lookup"
keys Escape
wait_idle >/dev/null

open_order "$shipped" >/dev/null
# Outside a text field a paste runs nothing: "x" would open the cancel form.
pastetext $'x\nq'
ok 'wait_for "pasted text goes only into a text field: nothing was run"' "a paste on the order screen says it ran nothing"
ok 'wait_gone "Cancel order"' "and its x did not open the cancel form"

# Typed straight into the compensation form, whose first field is a choice: the
# 50 is no choice's, so it goes on into the amount.
keys d
wait_for "Compensate a late delivery" >/dev/null
typetext "50"
ok 'wait_for "│ +Amount 50 "' "50 typed on the choice field lands in the amount"
ok 'wait_for "│ +As ◀ gift.code ▶"' "and the choice is still the first"
keys Escape

# 17 ticket categories filter as one types: the matches in a list under the field.
keys t
wait_for "Open a ticket" >/dev/null
ok 'wait_for "type to find one"' "a long choice list says it can be typed into"
typetext "re"
ok 'wait_for "│ +Category re +│"' "what was typed shows in the field"
ok 'wait_for "│ +Priority +return +│" && wait_for "│ +Subject +refund +│"' "the matches show in a list under it"
keys Down Enter
ok 'wait_for "│ +Category ◀ refund ▶"' "Down picks the next match, Enter takes it"
keys Escape

# A paste with Esc and line breaks in a note is text: the dialog stays open and
# nothing after the Esc runs; the note wraps instead of scrolling sideways.
keys n
wait_for "Internal note" >/dev/null
pastetext $'Called back.\e:q\nThe courier says the parcel was left with a neighbour, who has not seen it.'
ok 'wait_for "Internal note"' "a paste with Esc in it does not close the note"
ok 'wait_for "│ Note Called back\.:q +│"' "its Esc is dropped, its line break is one"
ok 'wait_for "│ +The courier says the parcel was left with a neighbour, who has not +│" &&
    wait_for "│ +seen it\. +│"' "a long line wraps at a word inside the field"
keys F2
ok 'wait_for "note added"' "the note is saved"
is "$(q "SELECT body FROM backdesk.notes n JOIN backdesk.orders o ON o.id = n.entity_id
         WHERE n.entity = 'order' AND o.number = '$shipped' ORDER BY n.id DESC LIMIT 1")" \
	$'Called back.:q\nThe courier says the parcel was left with a neighbour, who has not seen it.' \
	"the note in the database is the text pasted, its line break kept"

# The limit: a paste over it goes in not at all and says so; near it a counter
# shows; at it a typed key is refused with a message.
keys n
wait_for "Internal note" >/dev/null
pastetext "$(printf 'abcd %.0s' $(seq 1200))"
ok 'wait_for "nothing pasted: 6000 characters, room for 2000"' "a 6,000-character paste into a 2,000-character note is refused, said"
pastetext "$(printf 'wxyz %.0s' $(seq 340))"
ok 'wait_for "1700/2000"' "near the limit the field counts"
pastetext "$(printf '%0300d' 0)"
ok 'wait_for "2000/2000"' "up to the limit exactly"
typetext "z"
ok 'wait_for "at most 2000 characters here"' "a key past it is refused with a message"
keys Escape
wait_idle >/dev/null
keys Escape
wait_idle >/dev/null

# A one-line field uses the dialog's width: the refund's reason shows whole.
open_order "$fee_order" >/dev/null
keys f
ok 'wait_for "Reason shipping fee charged on a free-shipping order"' "the refund reason shows whole in the dialog at 80 columns"
keys Escape

# Quitting turns bracketed paste off again (the note draft makes q ask first).
e2e_record "$rec"
keys q
wait_idle >/dev/null
keys y
ok 'e2e_exited 5' "q ends the console"
ok 'grep -q $'"'"'\e\[?2004l'"'"' "$rec"' "and turns bracketed paste off"

# So does a crash (the crash handler's reset).
rm -f "$rec"
e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
e2e_record "$rec"
kill -ABRT "$(e2e_pid)"
e2e_exited 5 >/dev/null
ok 'grep -q $'"'"'\e\[?2004l'"'"' "$rec"' "an abort turns bracketed paste off too"
like "$(e2e_stty)" "(^| )icanon( |$)" "with the terminal restored"
rm -f "$rec"
