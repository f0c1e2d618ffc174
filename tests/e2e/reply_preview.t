#!/bin/bash
# V on a ticket at 80x24 (issue 16): the reply being written, shown as the
# customer will get it in the view m and d use for their notices
# (views/message_preview.c): what it is, To, Language, Subject, the text in the
# frame of the customer's language's reply file, a long line wrapped whole, a long
# reply scrolled to its end; F2 sends, Esc goes back.  The draft is never lost:
# not by Back, not by a refusal (a colleague's change landing as it goes), not by
# a lost connection; it goes only when queued.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 17

newdb e2e_reply_preview; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
ini=$BACKDESK_TEST_TMP/reply_preview.$$.ini
printf '[mail]\ntemplates = %s/templates\n' "$BACKDESK_ROOT" >"$ini"
at_exit "rm -f '$ini'"

# A Turkish customer's open ticket.
read -r ticket email <<<"$(q "SELECT t.number, c.email FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
    WHERE c.email IS NOT NULL AND t.status IN ('new', 'open') ORDER BY t.id LIMIT 1" | tr '|' ' ')"
[ -n "$ticket" ] || { echo "Bail out! the demo has no open ticket with an e-mail address"; exit 1; }
q "UPDATE backdesk.customers SET locale = 'tr' WHERE email = '$email'"
replies() { q "SELECT count(*) FROM backdesk.outbox WHERE kind = 'reply'"; }
# The ticket locked for a few seconds, then (with "bump") changed by someone else.
hold_ticket() {
	local then=ROLLBACK
	[ "${2:-}" = bump ] && then="UPDATE backdesk.tickets SET version = version + 1, updated_at = now() WHERE number = '$ticket'; COMMIT"
	psql -XAtq -d "$db" -c "BEGIN; SELECT 1 FROM backdesk.tickets WHERE number = '$ticket' FOR UPDATE;
	                        SELECT pg_sleep($1); $then;" >/dev/null 2>&1 &
	holder=$!
	[ "$(psql_until 1 5 "$db" "SELECT count(*) FROM pg_stat_activity
	        WHERE wait_event = 'PgSleep' AND datname = current_database()")" = 1 ]
}

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse BACKDESK_CONFIG="$ini" -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys g; typetext "$ticket"; keys Enter
wait_for "Ticket $ticket" >/dev/null

# A reply of one long line (wider than the screen) and 25 more lines.
long="Paketiniz bugün depodan çıktı ve kargo firmasına teslim edildi, takip numarası yarın sabah sistemde görünecek, teslimat iki iş günü içinde olur UZUNSATIRSONU"
keys r
typetext "$long"
for i in $(seq -w 1 25); do keys Enter; typetext "Satır $i"; done
keys Enter; typetext "SON SATIR"
keys Escape
before=$(replies)
keys V
ok 'wait_for "─ The reply as it will go: $ticket ─" && wait_for "Your reply on $ticket, as the customer will get it" &&
    wait_for "│ To +$email +│" && wait_for "│ Language +tr +│" && wait_for "│ Subject +Destek talebiniz $ticket: "' \
	"V: the reply's preview view: what it is, To, Language, the Turkish file's subject"
ok 'wait_for "│ Paketiniz bugün depodan çıktı" && wait_for "UZUNSATIRSONU +│"' "the long line wrapped, shown whole inside the frame"
ok 'wait_for "F2 ?Send" && wait_for "Esc ?Back"' "the bar says F2 Send, Esc Back"
keys End Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down
ok 'wait_for "│ SON SATIR +│" && wait_for "│ Yanıtlarken lütfen $ticket numarasını koruyun\. +│"' \
	"a reply longer than the screen scrolls to its end and the file's closing line"
keys Escape
ok 'wait_gone "The reply as it will go"' "Esc: back to the ticket"
is "$(replies)" "$before" "Back queues nothing"
keys r
ok 'wait_for "SON SATIR"' "the text is still in the reply form (r)"
keys Escape

# A colleague's change lands as it goes: refused, nothing queued, the text kept.
keys V
wait_for "The reply as it will go" >/dev/null
hold_ticket 3 bump || { echo "Bail out! could not lock the ticket"; exit 1; }
keys F2
ok 'wait_for "was changed by .* · your text is kept \(r\)" 15' "the refusal says the text is kept"
wait "$holder"
is "$(replies)" "$before" "the refused reply is not queued"
keys r
ok 'wait_for "│ +Satır 25 +│" && wait_for "│ +SON SATIR +│"' "and r brings it back"
keys Escape

# The connection lost as it goes: nothing queued, the text kept.
wait_for "Ticket $ticket" >/dev/null
keys V
ok 'wait_for "The reply as it will go"' "V again, on the ticket as it is now"
hold_ticket 6 || { echo "Bail out! could not lock the ticket"; exit 1; }
keys F2
# F2's send is waiting on the held ticket when the connection goes.
psql_until 1 5 "$db" "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
    AND application_name = 'backdesk' AND wait_event_type = 'Lock'" >/dev/null
q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
   WHERE datname = current_database() AND application_name = 'backdesk'" >/dev/null
ok 'poll_for "connected again" 20' "the connection is lost under the send, and comes back"
wait "$holder"
is "$(replies)" "$before" "nothing was queued"
keys r
ok 'wait_for "SON SATIR"' "the text is still in the form after the reconnect"
keys Escape

# Send from the preview: queued once, the text as written, in Turkish.
keys V
wait_for "The reply as it will go" >/dev/null
keys F2
ok 'wait_for "$ticket: reply queued for the customer"' "F2 in the preview sends it"
is "$(q "SELECT count(*) FROM backdesk.outbox WHERE kind = 'reply' AND lang = 'tr' AND vars ->> 'body' LIKE '$long%SON SATIR'")" 1 \
	"one reply queued, in Turkish, the text as written"
keys V
ok 'wait_for "write the reply first \(r\)"' "sent: the form is gone, V asks for a reply first"
keys q
