#!/bin/bash
# The console's background sender ([mail] send = on) at 80x24: an admin's console
# sends what is queued within seconds and says so, never holding the screen; a
# console quit while a message waits on a slow server ends at once and the
# message stays queued, no attempt counted; a wrong [mail] is said once and the
# console works on; an agent's console does not send, and says why.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 10

newdb e2e_outbox_bg; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
tmp=$BACKDESK_TEST_TMP/outbox_bg.$$
mkdir -p "$tmp/in"
at_exit "rm -rf '$tmp'"
sink_pid=""
start_sink() {
	rm -f "$tmp/port"
	/usr/bin/python3 "$BACKDESK_ROOT/tests/fakes/smtp_sink.py" --dir "$tmp/in" --port-file "$tmp/port" "$@" 2>>"$tmp/sink.log" &
	sink_pid=$!
	for ((i = 0; i < 200; i++)); do [ -s "$tmp/port" ] && break; sleep 0.05; done
	port=$(cat "$tmp/port")
}
stop_sink() { [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null; sink_pid=""; }
at_exit 'stop_sink'
ini() {
	printf '[mail]\nsend = on\nsmtp_url = smtp://127.0.0.1:%s\nfrom = Mağaza Destek <destek@shop.example>\ntemplates = %s/templates\n%s\n' \
		"$port" "$BACKDESK_ROOT" "$1" >"$tmp/backdesk.ini"
}
count() { ls "$tmp/in" | grep -c '\.eml$'; }

q "UPDATE backdesk.outbox SET state = 'sent', sent_at = now() WHERE state <> 'sent'" >/dev/null
order=$(q "SELECT o.number FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
           WHERE c.email IS NOT NULL AND o.status IN ('paid', 'packed') ORDER BY o.id LIMIT 1")
q "SELECT api.queue_message('$order', 'order_confirmation')" >/dev/null

start_sink
ini ""
e2e_start 80x24 PGDATABASE="$db" PGUSER=admin BACKDESK_CONFIG="$tmp/backdesk.ini" -- "$BACKDESK"
ok 'poll_for "outbox: sent 1 of 1; 0 to try again later, 0 given up" 15' "an admin's console sends the queued message and says so"
is "$(count)" 1 "it arrived"
is "$(q "SELECT count(*) FROM backdesk.outbox WHERE state <> 'sent'")" 0 "marked sent"
keys 2
ok 'wait_for "Tickets"' "the console answers keys meanwhile"

# A slow server: quit while the message waits for its RCPT.
stop_sink
start_sink --rcpt-delay 30
ini ""
q "SELECT api.queue_message('$order', 'order_confirmation')" >/dev/null
e2e_start 80x24 PGDATABASE="$db" PGUSER=admin BACKDESK_CONFIG="$tmp/backdesk.ini" -- "$BACKDESK"
for ((i = 0; i < 200; i++)); do [ "$(q "SELECT count(*) FROM backdesk.outbox WHERE state = 'sending'")" = 1 ] && break; sleep 0.05; done
t0=$(date +%s%N)
keys q
e2e_exited 10
t=$(( ($(date +%s%N) - t0) / 1000000 ))
ok "[ $t -lt 3000 ]" "quit while sending ends at once (${t} ms), the message in flight stopped"
is "$(q "SELECT state || ' ' || attempts || ' ' || (last_error LIKE 'stopped: the console was closed%')
         FROM backdesk.outbox WHERE state <> 'sent'")" "queued 0 true" "it stays queued, no attempt counted, saying why"
stop_sink

# A wrong [mail]: said once, the console works on.
start_sink
ini ""
sed -i '/^from = /d' "$tmp/backdesk.ini"
e2e_start 80x24 PGDATABASE="$db" PGUSER=admin BACKDESK_CONFIG="$tmp/backdesk.ini" -- "$BACKDESK"
ok 'wait_for "send = on, but this console cannot send: \[mail\] from is not set"' "a console without [mail] from says it cannot send"
keys 2
ok 'wait_for "Tickets"' "and works on"

# An agent does not send.
ini ""
e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse BACKDESK_CONFIG="$tmp/backdesk.ini" -- "$BACKDESK"
ok 'poll_for "only an admin login sends the outbox" 15' "an agent's console says it does not send"
is "$(count)" 1 "and sent nothing"
