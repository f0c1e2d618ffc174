#!/bin/bash
# The outbox at 80x24 (issue 16): a supervisor's `:outbox` lists what has not gone,
# parked messages first with their last error; Enter shows a message as it will be
# sent (a template file's message rendered in the customer's language); m queues
# a parked one again; an agent has no :outbox.  A long subject and a long error
# are cut to the screen, never wrapped.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 25

newdb e2e_outbox; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>"$BACKDESK_TEST_TMP/seed.err" || { cat "$BACKDESK_TEST_TMP/seed.err"; false; } || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# Everything the demo queued has gone, but for: one refund notice (a template's
# message) to a Hungarian customer, parked with a long error; one queued reply with
# a long subject.
q "UPDATE backdesk.outbox SET state = 'sent', sent_at = now() WHERE state <> 'sent'" >/dev/null
hu=$(q "SELECT o.number FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
        WHERE c.locale LIKE 'hu%' AND c.email IS NOT NULL AND o.status IN ('paid', 'packed') ORDER BY o.id LIMIT 1")
q "SELECT api.cancel_order('$hu', 'e2e')" >/dev/null
parked=$(q "SELECT id FROM backdesk.outbox WHERE kind = 'refund_issued' AND state = 'queued' ORDER BY id DESC LIMIT 1")
[ -n "$parked" ] || { echo "Bail out! no refund notice queued"; exit 1; }
q "UPDATE backdesk.outbox SET state = 'failed', failed_at = now(), attempts = 8,
       last_error = 'the mail server refused the message for good: 550 5.1.1 <x@example.com>: Recipient address rejected: User unknown in virtual mailbox table'
   WHERE id = $parked" >/dev/null
q "UPDATE backdesk.outbox SET state = 'sent', sent_at = now() WHERE state = 'queued'" >/dev/null
cust=$(q "SELECT customer_id FROM backdesk.outbox WHERE id = $parked")
q "INSERT INTO backdesk.outbox (kind, customer_id, recipient, subject, body)
   VALUES ('reply', $cust, 'uzun@example.com', 'Ügyfélszolgálati megkeresése (T-1): ' || repeat('nagyon hosszú tárgy ', 8), 'Szia')" >/dev/null
amount=$(q "SELECT vars ->> 'amount' FROM backdesk.outbox WHERE id = $parked")
ini=$BACKDESK_TEST_TMP/outbox_e2e.$$.ini
printf '[mail]\ntemplates = %s/templates\n' "$BACKDESK_ROOT" >"$ini"
at_exit "rm -f '$ini'"

e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia BACKDESK_CONFIG="$ini" -- "$BACKDESK"
wait_for "Zsófia Nagy \(supervisor\)" >/dev/null
keys : ; typetext "outbox"; keys Enter
ok 'wait_for "Outbox: 2 waiting, 1 parked"' ":outbox opens with what waits"
like "$(screen | grep -E '│(parked|queued) ' | head -1)" "│parked +refund_issued +" "the parked message comes first"
ok 'wait_for "the mail server refused the mess"' "with its last error"
ok 'wait_for "Ügyfélszolgálati megkeresése"' "the queued one shows its subject"
like "$(screen | grep -c 'nagyon hosszú tárgy nagyon hosszú tárgy nagyon hosszú tárgy nagyon hosszú tárgy nagyon')" "^0$" \
	"the long subject is cut to the screen, not wrapped"

keys Enter
ok 'wait_for "Message $parked \(refund_issued\)"' "Enter shows the message"
ok "wait_for \"$amount HUF visszatérítés\"" "rendered from the Hungarian template, as it will be sent"
ok 'wait_for "Kedves "' "in Hungarian"
keys m
ok 'wait_for "queued again: the sender takes it on its next round"' "m queues it again"
is "$(q "SELECT state || ' ' || attempts FROM backdesk.outbox WHERE id = $parked")" "queued 0" "the database has it queued, attempts from 0"
is "$(q "SELECT actor FROM backdesk.audit_log WHERE action = 'outbox.retry' AND entity_id = $parked")" zsofia "audited with who"
# Back in the list: read again, the cursor still on the message wherever it went.
refund_line() { screen | grep -n "│[a-z]* \+refund_issued " | cut -d: -f1 | head -1; }
ok 'wait_for "Outbox: 2 waiting, 0 parked" && wait_gone "│parked "' "back in the list, it is read again: nothing parked"
ok 'wait_for "│queued +refund_issued +"' "the message is queued in the list too"
ok 'wait_selected "$(refund_line)" "│queued +refund_issued"' "the cursor is still on it"

# m in the list itself: the list stays, read again, the cursor on the message.
keys Escape
wait_gone "Outbox:" >/dev/null
q "UPDATE backdesk.outbox SET state = 'failed', failed_at = now() WHERE id = $parked" >/dev/null
keys : ; typetext "outbox"; keys Enter
wait_for "Outbox: 2 waiting, 1 parked" >/dev/null
keys Home m
ok 'wait_for "Outbox: 2 waiting, 0 parked" && wait_selected "$(refund_line)" "│queued +refund_issued"' \
	"m in the list: the list stays, read again, the cursor on the message"
# The reply with the long subject: its view is as tall as the wrapped lines, so
# the text under the subject is on screen without scrolling.
reply_line() { screen | grep -n "│[a-z]* \+reply " | cut -d: -f1 | head -1; }
keys Home
wait_selected "$(reply_line)" "│queued +reply" 2 >/dev/null 2>&1 || keys Down
keys Enter
ok 'wait_for "Message [0-9]+ \(reply\)" && wait_for "│ Szia +│"' \
	"a message with a long subject shows its text below the wrapped subject"
keys Escape
wait_for "Outbox: 2 waiting" >/dev/null
keys Escape

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse BACKDESK_CONFIG="$ini" -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys : ; typetext "outbox"; keys Enter
ok 'wait_gone "Outbox:"' "an agent gets no outbox"

# The preview of a reply: a Hungarian customer's open ticket, the reply written
# and put aside, V shows it as it will go (the database's subject and closing line
# in Hungarian), Send sends it; nothing is queued by the preview alone.
ticket=$(q "SELECT t.number FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
            WHERE c.locale LIKE 'hu%' AND c.email IS NOT NULL AND t.status IN ('new', 'open') ORDER BY t.id LIMIT 1")
[ -n "$ticket" ] || { echo "Bail out! the demo has no open ticket of a Hungarian customer"; exit 1; }
keys g; typetext "$ticket"; keys Enter
wait_for "Ticket $ticket" >/dev/null
keys V
ok 'wait_for "write the reply first \(r\)"' "V without a reply says to write one first"
keys r
typetext "Holnap érkezik a csomag."
keys Escape
before=$(q "SELECT count(*) FROM backdesk.outbox")
keys V
ok 'wait_for "─ The reply as it will go: $ticket ─" && wait_for "│ Subject +Ügyfélszolgálati megkeresése \($ticket\)"' \
	"V shows the reply in the preview view, its subject in Hungarian"
ok 'wait_for "│ Holnap érkezik a csomag\. +│"' "with the text as written"
ok 'wait_for "│ Válaszában kérjük, hivatkozzon erre: $ticket\. +│"' "and the closing line of the reply file"
ok 'wait_for "│ Language +hu +│"' "saying the language"
is "$(q "SELECT count(*) FROM backdesk.outbox")" "$before" "the preview queued nothing"
keys y
ok 'wait_for "reply queued for the customer"' "Send sends it"
is "$(q "SELECT count(*) FROM backdesk.outbox WHERE kind = 'reply' AND lang = 'hu' AND vars ->> 'body' = 'Holnap érkezik a csomag.'")" 1 \
	"one reply queued, as previewed: the text in the Hungarian reply file (0049)"
