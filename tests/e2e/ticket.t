#!/bin/bash
# The ticket screen at 80x24: opened with :ticket and from the lookup box, its
# messages read and scrolled; a long pasted reply (Turkish and Hungarian
# letters, tabs, control characters) goes out whole; a colleague's change
# refuses a note with who made it and keeps the draft; a stopped server keeps
# the draft and the reply goes once the server is back.  On a cluster of its own,
# because it stops it.
#
# Sending (the reply, the note) needs api.add_ticket_message and
# api.set_ticket_priority of migration 0028 (issue 12).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 33

own=$BACKDESK_TEST_TMP/tk.$$
export DEVDB_DIR=$own DEVDB_NAME=tk DEVDB_FAST=1
at_exit "DEVDB_DIR=$own $BACKDESK_ROOT/db/devdb destroy"
"$BACKDESK_ROOT/db/devdb" start >/dev/null || { echo "Bail out! own cluster did not start"; exit 1; }
eval "$("$BACKDESK_ROOT/db/devdb" env)"
"$BACKDESK" migrate >/dev/null && "$BACKDESK" seed --demo >/dev/null 2>&1 \
	|| { echo "Bail out! migrate/seed failed"; exit 1; }
sql() { psql -XAtq -v ON_ERROR_STOP=1 -d tk "$@"; }

# An open ticket of the demo, made long: forty more messages from the customer,
# the last one with letters that must line up.
ticket=$(sql -c "SELECT number FROM backdesk.tickets WHERE status IN ('new', 'open')
    AND customer_id IS NOT NULL ORDER BY id LIMIT 1")
first=$(sql -c "SELECT left(body, 30) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
    WHERE t.number = '$ticket' ORDER BY m.created_at, m.id LIMIT 1")
sql -c "INSERT INTO backdesk.ticket_messages (ticket_id, kind, author, body, created_at)
    SELECT t.id, 'customer', 'customer', CASE WHEN g = 40 THEN 'Son söz: árvíztűrő tükörfúrógép, İĞÜŞÖÇ'
        ELSE 'Mesaj ' || g || ': hâlâ bekliyorum.' END, now() + g * interval '1 second'
    FROM backdesk.tickets t, generate_series(1, 40) g WHERE t.number = '$ticket'"
customer=$(sql -c "SELECT c.name FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
    WHERE t.number = '$ticket'")
count=$(sql -c "SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
    WHERE t.number = '$ticket'")

san=$BACKDESK_TEST_TMP/tk-san.$$
mkdir -p "$san"
said() { screen | awk -F'│' 'NF >= 3 { m = ""; for (i = 1; i <= NF; i++) if (length($i) > length(m)) m = $i; print m }' | tr -s ' \n' '  ' | grep -Eq -- "$1" || { dump_screen; return 1; }; }

e2e_start 80x24 "ASAN_OPTIONS=${ASAN_OPTIONS:-}:log_path=$san/asan" "UBSAN_OPTIONS=${UBSAN_OPTIONS:-}:log_path=$san/ubsan" \
	PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=tk PGUSER=ayse -- "$BACKDESK"
ok 'wait_for "Ayşe Yılmaz \(agent\)"' "the console is up"

keys :
typetext "ticket $ticket"
keys Enter
ok 'wait_for "Ticket $ticket" && wait_for "Messages \($count\)"' ":ticket $ticket opens it with its $count messages"
like "$(screen)" "Status +(new|open) · " "its status, priority and channel"
like "$(screen)" "SLA +(first response|resolution) (due in|overdue by)" "its SLA as a countdown"
like "$(screen)" "Customer +$customer · " "and its customer"
ok 'screen | grep -qF -- "${first:0:20}"' "the oldest message first"

keys End
ok 'wait_for "Son söz: árvíztűrő tükörfúrógép, İĞÜŞÖÇ"' "End scrolls to the newest message"
like "$(screen)" "» customer · " "a customer's message is marked"
keys Home
ok 'wait_for "^ Status "' "Home goes back to the top"

# From the lookup box: the hit opens the ticket itself, not its order.
keys Escape
ok 'wait_gone "Ticket $ticket"' "Esc leaves the ticket"
keys g
typetext "$ticket"
ok 'wait_for "Enter opens .*$ticket"' "the lookup box finds it, and says Enter opens it"
keys Enter
ok 'wait_for "Ticket $ticket" && wait_for "Messages \($count\)"' "Enter on the hit opens the ticket screen"

# A long pasted reply: 5,000 characters, letters of both languages, tabs and
# control characters, all or nothing.  A paste is text: a tab becomes a space,
# control characters are left out (tui/input.c), every letter stays.
gen='
import hashlib, sys
s = "Sayın müşterimiz, İĞÜŞÖÇ ığüşöç árvíztűrő tükörfúrógép\tŐŰ\x01\x1b. "
out = (s * 200)[:4990] + "SON-İŞARET"
if sys.argv[1] == "paste":
    sys.stdout.write(out)
else:
    kept = out.replace("\t", " ").replace("\x01", "").replace("\x1b", "")
    print(len(kept), hashlib.md5(kept.encode()).hexdigest(), sep="|")'
long=$(python3 -c "$gen" paste)
keys r
ok 'wait_for "Reply to the customer"' "r opens the reply"
pastetext "$long"
ok 'wait_for "SON-İŞARET"' "the pasted reply is in the editor, to its end"
keys F2
ok 'wait_for "reply queued for the customer"' "F2 sends it"
is "$(sql -c "SELECT length(body), md5(body) FROM backdesk.ticket_messages
    WHERE kind = 'reply' AND body LIKE '%SON-İŞARET'")" "$(python3 -c "$gen" kept)" \
	"the database has every letter of it, as pasted"

# A colleague changes the ticket while Ayşe writes a note: refused, naming him,
# her text kept, the screen showing his change.
keys i
ok 'wait_for "Internal note"' "i opens a note"
typetext "İç not: müşteri aradı, kargo Çarşamba çıkacak"
# His change holds the ticket until F2's note is waiting on it, so the database is
# what refuses the note (were his change heard first, the screen would say so
# before F2: ticket_presence.t covers that).
PGUSER=can sql -c "BEGIN; SELECT api.set_ticket_priority('$ticket', 'urgent'); SELECT pg_sleep(3); COMMIT" \
	>/dev/null &
can_change=$!
psql_until 1 5 tk "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = 'tk'" >/dev/null
keys F2
ok 'wait_for "changed by Can Arslan at [0-9]{2}:[0-9]{2}" && wait_for "text is kept"' \
	"the note is refused: changed by Can Arslan at HH:MM, the text kept"
wait "$can_change"
keys i
ok 'wait_for "İç not: müşteri aradı, kargo Çarşamba çıkacak" && wait_for "· urgent ·"' \
	"i brings the draft back, over the screen showing his change"
keys Escape

# A supervisor reads the ticket and may assign it, nothing else.
E2E_T=sup e2e_start 80x24 PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=tk PGUSER=zsofia -- "$BACKDESK"
E2E_T=sup
ok 'wait_for "\(supervisor\)"' "a supervisor's console beside it"
keys :
typetext "ticket $ticket"
keys Enter
ok 'wait_for "Ticket $ticket" && wait_for "Messages" && wait_gone "F6Reply"' \
	"the supervisor reads the ticket; Reply is not on the bar"
keys r
ok 'wait_for "not allowed for your role"' "and r says why not"
keys A
ok 'wait_for "Assign the ticket" && wait_for "nobody \(unassigned\)"' "A offers the staff, and nobody"
typetext "Ayşe"
keys F2
ok 'wait_for "assigned: Ayşe Yılmaz"' "picking Ayşe and F2 assigns it to her"
is "$(sql -c "SELECT s.login FROM backdesk.tickets t JOIN backdesk.staff s ON s.id = t.assignee_id
    WHERE t.number = '$ticket'")" ayse "the database says so"
E2E_T=e2e
# Ayşe's screen hears of it by itself: a reply begun before that would be begun
# on the version before the assignment.
ok 'poll_for "^ Assignee +Ayşe Yılmaz \(ayse\)"' "Ayşe's screen shows the ticket is hers now"

# The server stops while a reply is being written: nothing typed is lost, and
# the reply goes once, when the server is back.
keys r
typetext "Kargonuz yarın yola çıkıyor; gecikme için özür dileriz."
"$BACKDESK_ROOT/db/devdb" stop >/dev/null
ok 'poll_for "DISCONNECTED" 5' "the server stops"
keys F2
ok 'wait_for "Kargonuz yarın yola çıkıyor; gecikme için özür dileriz."' \
	"F2 while it is away keeps the draft on screen"
"$BACKDESK_ROOT/db/devdb" start >/dev/null
ok 'poll_for "reply queued for the customer" 30' "the reply goes when the server is back"
is "$(sql -c "SELECT count(*) FROM backdesk.ticket_messages WHERE body LIKE 'Kargonuz yarın yola%'")" 1 \
	"once"

# The note Ayşe put aside is still a draft: q names it before quitting.
keys q
ok 'wait_idle && said "draft of “Internal note” on $ticket"' "q asks first, naming the note kept aside"
keys y
ok 'e2e_exited 10 && [ "$E2E_STATUS" = 0 ]' "y quits, exit status 0"
is "$(cat "$san"/* 2>/dev/null | head -20)" "" "no sanitizer report"
