#!/bin/bash
# An agent's round with the queue at 80x24: N on the Tickets tab takes the most
# urgent unassigned ticket and opens it; a macro replies (in the customer's
# language, to the outbox) and sets the ticket waiting on the customer; the status
# key resolves it, which queues the satisfaction survey.  Each step is checked in
# the database, not only on the screen.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 20

newdb e2e_ticket_flow; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# What take-next must give: DESIGN.md's order (priority, then the resolution's due).
next=$(q "SELECT number FROM backdesk.tickets WHERE assignee_id IS NULL AND status IN ('new', 'open')
          ORDER BY backdesk.priority_rank(priority), resolve_due, id LIMIT 1")
[ -n "$next" ] || { echo "Bail out! the demo has no unassigned ticket"; exit 1; }
status_of() { q "SELECT status FROM backdesk.tickets WHERE number = '$next'"; }

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys 2
wait_for "Unassigned" >/dev/null
keys N
ok 'wait_for "Ticket $next"' "N takes the most urgent unassigned ticket ($next) and opens it"
is "$(q "SELECT s.login || ' ' || t.status FROM backdesk.tickets t JOIN backdesk.staff s ON s.id = t.assignee_id
         WHERE t.number = '$next'")" "ayse open" "it is Ayşe's, and open"
ok 'wait_for "Assignee +Ayşe Yılmaz"' "the screen says whose it is"

# A macro: the chooser starts on the first; Right goes along to "Damaged: ask for photos".
keys F7
ok 'wait_for "Apply a macro"' "F7 offers the macros"
for _ in 1 2 3 4 5; do
	screen | grep -q "◀ Damaged: ask for photos ▶" && break
	keys Right
done
ok 'wait_for "◀ Damaged: ask for photos ▶"' "Right goes to the one wanted"
keys F2
ok 'wait_for "Send this and apply"' "F2 previews the reply, filled in for this customer, and asks"
name=$(q "SELECT c.name FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id WHERE t.number = '$next'")
ok 'screen | grep -q "${name%% *}"' "the preview greets the customer by name"
keys F2
ok 'wait_for "macro applied"' "F2 applies it"
is "$(q "SELECT m.kind || ' ' || m.author FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
         WHERE t.number = '$next' ORDER BY m.id DESC LIMIT 1")" "reply ayse" "the reply is on the ticket, as Ayşe's"
is "$(q "SELECT o.kind FROM backdesk.outbox o JOIN backdesk.tickets t ON t.id = o.ticket_id
         WHERE t.number = '$next' ORDER BY o.id DESC LIMIT 1")" "reply" "and in the outbox to the customer"
is "$(status_of)" "pending" "the macro set it waiting on the customer (the SLA clock paused)"

# The time spent is corrected by hand: T, the minutes, F2 (the screen's own count
# goes on adding while it is open).
keys T
ok 'wait_for "Time spent \(minutes\)"' "T asks for the minutes spent"
keys C-u
typetext "25"
keys F2
ok 'wait_for "time spent set to 25 min"' "F2 sets them"
secs=$(q "SELECT time_spent FROM backdesk.tickets WHERE number = '$next'")
ok '[ "$secs" -ge 1500 ] && [ "$secs" -lt 1620 ]' "the database has 25 minutes ($secs s)"

# Resolve: the status key, Right to "resolved", F2.
keys F8
wait_for "Change the status" >/dev/null
for _ in 1 2 3 4 5; do
	screen | grep -q "◀ resolved ▶" && break
	keys Right
done
keys F2
ok 'wait_for "Status +resolved"' "F8, resolved, F2: the screen says resolved"
is "$(status_of)" "solved" "the database has it solved"
is "$(q "SELECT count(*) FROM backdesk.outbox o JOIN backdesk.tickets t ON t.id = o.ticket_id
         WHERE t.number = '$next' AND o.kind = 'survey'")" 1 "resolving queued one satisfaction survey"

# The customer answers the survey through the shop's hook (here the command, as
# an admin); :csat gives the scores by agent.
PGDATABASE=$db PGUSER=admin "$BACKDESK" csat record "$next" 5 "Çok hızlıydı, teşekkürler" >/dev/null 2>&1
is "$(q "SELECT satisfaction FROM backdesk.tickets WHERE number = '$next'")" 5 "the answer is recorded on the ticket"
keys : ; typetext "csat"; keys Enter
ok 'wait_for "Satisfaction by agent" && wait_for "Ayşe Yılmaz +[0-9]"' ":csat shows the scores by agent, Ayşe's among them"
keys Escape
keys : ; typetext "csat many"; keys Enter
ok 'wait_for "usage: :csat \[DAYS\]"' ":csat with words instead of days says how to use it"

keys q
e2e_exited 10 >/dev/null || keys y
