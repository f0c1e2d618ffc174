#!/bin/bash
# backdesk notify --send against an SMTP sink on loopback (tests/fakes/smtp_sink.py,
# aiosmtpd): each queued message arrives once, in its customer's language, with its
# subject encoded and its threading headers; with the sink down they wait (no
# attempt counted) and go when it is back; a 5xx parks, a 4xx waits; a sender
# killed half-way loses nothing and sends nothing twice; a wrong set-up is refused
# before anything is claimed, saying what to fix.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/lib/all_kinds.sh"
plan 27

newdb outbox_send; db=$REPLY
export PGDATABASE=$db
tmp=$BACKDESK_TEST_TMP/outbox_send.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"
q() { psql -XAtq -v ON_ERROR_STOP=1 "$@"; }
admin=t_os_admin_$$
q -c "SELECT api.staff_add('$admin', 'Posta Yönetici', 'admin')" >/dev/null
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS $admin'"
SINK_PY=/usr/bin/python3

sink_pid=""
start_sink() { # DIR [options]: starts the sink, sets $port (the same one again when set)
	local dir=$1
	shift
	rm -f "$tmp/port"
	$SINK_PY "$BACKDESK_ROOT/tests/fakes/smtp_sink.py" --dir "$dir" --port "${port:-0}" --port-file "$tmp/port" "$@" \
		2>>"$tmp/sink.log" &
	sink_pid=$!
	for ((i = 0; i < 200; i++)); do [ -s "$tmp/port" ] && break; sleep 0.05; done
	port=$(cat "$tmp/port")
}
stop_sink() { [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null; sink_pid=""; }
at_exit 'stop_sink'
config() { # writes $tmp/backdesk.ini with [mail] for the sink
	cat >"$tmp/backdesk.ini" <<EOF
[mail]
smtp_url = smtp://127.0.0.1:$port
from = Mağaza Destek <destek@shop.example>
reply_to = yanit@shop.example
templates = $BACKDESK_ROOT/templates
max_attempts = 3
$*
EOF
}
send() { PGUSER=$admin "$BACKDESK" --config "$tmp/backdesk.ini" notify --send "$@"; }
doc() { # NUMBER EMAIL LOCALE NAME
	printf '{"number": "%s", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
	 "customer": {"email": "%s", "name": "%s", "locale": "%s"},
	 "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
	 "lines": [{"sku": "OS-1", "name": "Çaydanlık", "qty": 1, "unit_price": "250.00"}],
	 "payment": {"method": "card", "paid": "250.00"}, "ship_by": "2099-11-22"}' "$1" "$2" "$4" "$3"
}

# What is waiting: a Turkish confirmation, a Hungarian refund notice (a template
# file's kind), an English confirmation, and two replies on one ticket.
q -c "SELECT api.import_order('$(doc SO-OS-1 os-tr@example.com tr 'Şükrü Öztürk')')" >/dev/null
q -c "SELECT api.import_order('$(doc SO-OS-2 os-hu@example.com hu 'Kovács Éva')')" >/dev/null
q -c "SELECT api.import_order('$(doc SO-OS-3 os-en@example.com en 'Jane Doe')')" >/dev/null
q -c "SELECT api.queue_message('SO-OS-1', 'order_confirmation')" >/dev/null
q -c "SELECT api.cancel_order('SO-OS-2', 'customer asked')" >/dev/null
q -c "SELECT api.queue_message('SO-OS-3', 'order_confirmation')" >/dev/null
tid=$(q -c "SELECT api.receive_message('{\"channel\": \"email\", \"from\": {\"email\": \"os-tr@example.com\"}, \"body\": \"Kargom nerede?\", \"external_id\": \"os-1\"}')")
ticket=$(q -c "SELECT number FROM backdesk.tickets WHERE id = $tid")
q -c "SELECT api.add_ticket_message('$ticket', 'reply', 'Yarın kargoda.')" >/dev/null
q -c "SELECT api.add_ticket_message('$ticket', 'reply', 'Kargoya verildi.')" >/dev/null
q -c "UPDATE backdesk.outbox SET state = 'sent', sent_at = now() WHERE recipient NOT LIKE 'os-%'"
is "$(q -c "SELECT count(*) FROM backdesk.outbox WHERE state = 'queued'")" 5 "five messages wait"

# ---- A wrong set-up is refused before anything is claimed.
port=25; config
sed -i '/^from = /d' "$tmp/backdesk.ini"
out=$(send 2>&1); rc=$?
like "$rc:$out" "^1:backdesk: \[mail\] from is not set" "no [mail] from: refused, saying what to set"
mkdir -p "$tmp/tpl"
cp -r "$BACKDESK_ROOT"/templates/* "$tmp/tpl/"
printf 'Subject: {amount}\n\nKedves {nev}! {amount} {currency}\n' >"$tmp/tpl/hu/refund_issued.txt"
config; sed -i "s|^templates = .*|templates = $tmp/tpl|" "$tmp/backdesk.ini"
out=$(send 2>&1); rc=$?
like "$rc:$out" "^1:backdesk: [^ ]*/tpl/hu/refund_issued.txt:3: \{nev\} is not a value of refund_issued messages" \
	"a template with an unknown value: refused with FILE:LINE"
printf 'secret\n' >"$tmp/pw"; chmod 644 "$tmp/pw"
config "smtp_user = shop
smtp_password_file = $tmp/pw"
out=$(send 2>&1); rc=$?
like "$rc:$out" "^1:backdesk: \[mail\] smtp_password_file: .*$tmp/pw" "a password file others may read is refused"
is "$(q -c "SELECT count(*) FROM backdesk.outbox WHERE state = 'queued' AND attempts = 0")" 5 "nothing was claimed meanwhile"

# ---- The sink is down: they wait, no attempt counted.
port=$($SINK_PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
config
out=$(send 2>&1); rc=$?
like "$rc:${out//$'\n'/ }" "^1:sent 0 of 5; 5 to try again later, 0 given up .* backdesk: cannot reach the mail server" \
	"the sink down: exit 1, nothing sent, said why"
is "$(q -c "SELECT count(*) FROM backdesk.outbox WHERE state = 'queued' AND attempts = 0
             AND last_error LIKE 'cannot reach the mail server%' AND next_try_at > now()")" 5 \
	"all five wait, no attempt counted, the reason kept"

# ---- The sink is back: each arrives once.
mkdir -p "$tmp/in"
start_sink "$tmp/in"
out=$(send 2>&1); rc=$?
is "$rc:$out" "0:sent 0 of 0; 0 to try again later, 0 given up (see :outbox)" "not due yet: nothing is claimed before the minute"
q -c "UPDATE backdesk.outbox SET next_try_at = now() WHERE state = 'queued'"
out=$(send 2>&1); rc=$?
is "$rc:$out" "0:sent 5 of 5; 0 to try again later, 0 given up (see :outbox)" "the sink back: all five sent, exit 0"
is "$(ls "$tmp/in" | grep -c '\.eml$')" 5 "five messages arrived"
is "$(q -c "SELECT count(*) FROM backdesk.outbox WHERE state = 'sent' AND sent_at IS NOT NULL AND recipient LIKE 'os-%'")" 5 \
	"all five are marked sent"
out=$(send 2>&1); rc=$?
is "$rc:$out" "0:sent 0 of 0; 0 to try again later, 0 given up (see :outbox)" "a second run sends nothing again"

# What arrived, read by python3's email parser against the database's rows.
q -c "SELECT json_agg(json_build_object('mid', message_id, 'to', recipient, 'kind', kind, 'lang', lang,
              'subject', subject, 'ticket', ticket_id, 'vars', vars) ORDER BY id) FROM backdesk.outbox WHERE recipient LIKE 'os-%'" \
	>"$tmp/rows.json"
# render.py KIND LANG VARS: templates/LANG/KIND.txt filled in, written again here
# apart from mail/template.c: subject, body.
cat >"$tmp/render.py" <<'PY'
import os, re
def render(kind, lang, vars):
    text = open(os.path.join(os.environ["BACKDESK_ROOT"], "templates", lang, kind + ".txt"), encoding="utf-8").read()
    first, rest = text.split("\n", 1)
    fill = lambda s, one: re.sub(r"\{([a-z0-9_]+)\}", lambda m: vars[m.group(1)].replace("\n", " ") if one else vars[m.group(1)], s)
    return fill(first[len("Subject:"):].strip(), True), fill(rest[1:].rstrip("\n"), False)
def same_text(a, b):
    return " ".join(a.split()) == " ".join(b.split())
PY
check=$(PYTHONPATH=$tmp python3 - "$tmp/in" "$tmp/rows.json" <<'PY'
import email, email.policy, json, os, sys
from render import render
d, rows = sys.argv[1], json.load(open(sys.argv[2]))
got = {}
for f in sorted(os.listdir(d)):
    raw = open(os.path.join(d, f), "rb").read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    got.setdefault(m["Message-ID"], []).append(m)
    for line in raw.split(b"\r\n"):
        if len(line) > 78:
            print("long line in", f); sys.exit()
out = []
if sorted(got) != sorted(r["mid"] for r in rows) or any(len(v) != 1 for v in got.values()):
    print("Message-IDs differ or repeat:", sorted(got)); sys.exit()
replies = [r for r in rows if r["kind"] == "reply"]
for r in rows:
    m = got[r["mid"]][0]
    if m["To"] != r["to"]:
        print("to", r); sys.exit()
    if m["From"].addresses[0].display_name != "Mağaza Destek" or m["Reply-To"] != "yanit@shop.example":
        print("from", m["From"]); sys.exit()
    body = m.get_content()
    if r["kind"] == "refund_issued":
        if str(m["Subject"]) != "250,00 TRY visszatérítés a(z) SO-OS-2 számú rendelésre" or "Kedves Kovács Éva!" not in body:
            print("refund", str(m["Subject"]), body); sys.exit()
    elif str(m["Subject"]) != (render(r["kind"], r["lang"], r["vars"])[0] if r["vars"] else r["subject"]):
        print("subject", str(m["Subject"]), r); sys.exit()
    if r["kind"] == "order_confirmation" and r["lang"] == "tr" and "Çaydanlık" not in body:
        print("body", body); sys.exit()
    if "=?UTF-8?" in str(m["Subject"]):
        print("undecoded"); sys.exit()
first, second = replies
if got[second["mid"]][0]["In-Reply-To"] != first["mid"] or first["mid"] not in got[second["mid"]][0]["References"]:
    print("thread", got[second["mid"]][0]["In-Reply-To"]); sys.exit()
if got[first["mid"]][0]["In-Reply-To"] is not None:
    print("first reply threads"); sys.exit()
print("ok")
PY
)
is "$check" ok "each arrived once, to its customer, subject decoded as queued (the refund from the Hungarian template), replies threaded"
like "$(grep -l 'Subject: =?UTF-8?B?' "$tmp"/in/*.eml | wc -l)" '^[1-9]' "non-ASCII subjects went as encoded-words"

# ---- 5xx parks at once, 4xx waits with back-off.
stop_sink
start_sink "$tmp/in" --reject os-bad --tempfail os-slow
q -c "SELECT api.import_order('$(doc SO-OS-4 os-bad@example.com en 'Bad Address')')" >/dev/null
q -c "SELECT api.import_order('$(doc SO-OS-5 os-slow@example.com en 'Slow Server')')" >/dev/null
q -c "SELECT api.queue_message('SO-OS-4', 'order_confirmation')" >/dev/null
q -c "SELECT api.queue_message('SO-OS-5', 'order_confirmation')" >/dev/null
out=$(send 2>&1); rc=$?
like "$rc:$out" "^1:sent 0 of 2; 1 to try again later, 1 given up" "a 550 and a 451: exit 1, one parked, one waits"
is "$(q -c "SELECT state || ' ' || attempts || ' ' || last_error FROM backdesk.outbox WHERE recipient = 'os-bad@example.com'")" \
	"failed 1 the mail server refused the message for good: 550 5.1.1 <os-bad@example.com>: Recipient address rejected: User unknown" \
	"the 550 parked it with the server's answer in a sentence"
is "$(q -c "SELECT state || ' ' || attempts || ' ' || (next_try_at BETWEEN now() + interval '50 seconds' AND now() + interval '70 seconds')
             FROM backdesk.outbox WHERE recipient = 'os-slow@example.com'")" "queued 1 true" "the 451 waits a minute (attempt 1)"
q -c "UPDATE backdesk.outbox SET next_try_at = now() WHERE recipient = 'os-slow@example.com'"
send >/dev/null 2>&1
q -c "UPDATE backdesk.outbox SET next_try_at = now() WHERE recipient = 'os-slow@example.com'"
send >/dev/null 2>&1
is "$(q -c "SELECT state || ' ' || attempts FROM backdesk.outbox WHERE recipient = 'os-slow@example.com'")" "failed 3" \
	"after max_attempts (3) temporary failures it is parked"
is "$(ls "$tmp/in" | grep -c '\.eml$')" 5 "neither reached the mailbox"

# ---- Killed half-way: nothing lost, nothing twice.
stop_sink
start_sink "$tmp/in" --rcpt-delay 1.5
for i in 1 2 3 4 5 6; do
	q -c "SELECT api.import_order('$(doc SO-OS-K$i os-k$i@example.com hu "Kiss $i")')" >/dev/null
	q -c "SELECT api.queue_message('SO-OS-K$i', 'order_confirmation')" >/dev/null
done
PGUSER=$admin "$BACKDESK" --config "$tmp/backdesk.ini" notify --send --lease 10 >"$tmp/killed.out" 2>&1 &
sender=$!
# Wait until the second message is in the mailbox: the third one's RCPT is then held.
for ((i = 0; i < 200; i++)); do [ "$(ls "$tmp/in" | grep -c '\.eml$')" -ge 7 ] && break; sleep 0.05; done
sleep 0.3
kill -9 $sender; wait $sender 2>/dev/null
is "$(ls "$tmp/in" | grep -c '\.eml$')" 7 "killed while the third message waited for its RCPT: two of six went"
is "$(q -c "SELECT string_agg(state, ',' ORDER BY state) FROM (SELECT state, count(*) FROM backdesk.outbox
             WHERE recipient LIKE 'os-k%' GROUP BY state) s")" "sending,sent" "the rest are left sending under the dead sender's lease"
stop_sink
start_sink "$tmp/in"
out=$(send 2>&1)
like "$out" "^sent 0 of 0" "while the lease runs nobody takes them"
q -c "UPDATE backdesk.outbox SET next_try_at = now() WHERE state = 'sending'" # the lease ran out
out=$(send 2>&1); rc=$?
is "$rc:$out" "0:sent 4 of 4; 0 to try again later, 0 given up (see :outbox)" "the next run sends the four left"
dups=$(cat "$tmp"/in/*.eml | grep -i '^Message-ID:' | sort | uniq -d | wc -l)
is "$(ls "$tmp/in" | grep -c '\.eml$'):$dups" "11:0" "every message arrived, none twice"

# ---- Every kind once in each language: what arrives is its file filled in.
q -c "UPDATE backdesk.outbox SET state = 'sent', sent_at = now() WHERE state <> 'sent'"
all_kinds OS-EN en os-all-en@example.com 'Jane Doe' && all_kinds OS-TR tr os-all-tr@example.com 'Şükrü Öztürk' \
	&& all_kinds OS-HU hu os-all-hu@example.com 'Kovács Éva'
rm -f "$tmp"/in/*.eml
out=$(send 2>&1); rc=$?
is "$rc:$out" "0:sent 30 of 30; 0 to try again later, 0 given up (see :outbox)" "ten kinds in three languages: all thirty sent"
q -c "SELECT json_agg(json_build_object('mid', message_id, 'kind', kind, 'lang', lang, 'vars', vars) ORDER BY id)
      FROM backdesk.outbox WHERE recipient LIKE 'os-all-%'" >"$tmp/all.json"
check=$(PYTHONPATH=$tmp python3 - "$tmp/in" "$tmp/all.json" <<'PY'
import email, email.policy, json, os, sys
from render import render, same_text
d, rows = sys.argv[1], json.load(open(sys.argv[2]))
got = {}
for f in os.listdir(d):
    m = email.message_from_bytes(open(os.path.join(d, f), "rb").read(), policy=email.policy.default)
    got.setdefault(m["Message-ID"], []).append(m)
seen = set()
for r in rows:
    ms = got.get(r["mid"], [])
    if len(ms) != 1 or r["vars"] is None:
        print("arrived", len(ms), r); sys.exit()
    subject, body = render(r["kind"], r["lang"], r["vars"])
    if str(ms[0]["Subject"]) != subject or not same_text(ms[0].get_content(), body):
        print("differs", r["kind"], r["lang"], str(ms[0]["Subject"]), "|", subject); sys.exit()
    seen.add((r["kind"], r["lang"]))
print(len(seen))
PY
)
is "$check" 30 "each of the thirty arrived once, its subject and text its kind's file in its language, filled in"

# ---- AUTH with a password from a secret file.
stop_sink
start_sink "$tmp/in" --auth shop:s3cr3t
printf 's3cr3t\n' >"$tmp/pw"; chmod 600 "$tmp/pw"
config "smtp_user = shop
smtp_password_file = $tmp/pw"
q -c "SELECT api.queue_message('SO-OS-3', 'order_confirmation')" >/dev/null
out=$(send 2>&1); rc=$?
is "$rc:$out" "0:sent 1 of 1; 0 to try again later, 0 given up (see :outbox)" "AUTH with the password file's password"
