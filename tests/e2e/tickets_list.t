#!/bin/bash
# The Tickets pane (tab 2) at 80x24: the open tickets soonest due first, with the
# due date as a countdown; the strip of views with their counts; switching views
# changes the rows and keeps the counts; a ticket inserted from another session
# appears without a key, the cursor staying on its ticket; a resize keeps it all;
# N takes the next ticket; the warehouse is told in words that
# tickets are not for its role.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 27

newdb e2e_tickets_list; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# The demo's tickets are put aside (closed); four of ours, one per SLA state.
ticket() { # subject priority status due assignee channel category
	q "INSERT INTO backdesk.tickets (channel, category, priority, status, subject, customer_id,
	       assignee_id, first_response_due, resolve_due)
	   VALUES ('$6', '$7', '$2', '$3', '$1', (SELECT min(id) FROM backdesk.customers),
	       (SELECT id FROM backdesk.staff WHERE login = '$5'), now() + interval '$4',
	       now() + interval '$4');
	   -- The insert took its due dates from the SLA policy (0029): set the clocks
	   -- wanted, in the same transaction, so that an open console hears one change.
	   UPDATE backdesk.tickets SET first_response_due = now() + interval '$4',
	       resolve_due = now() + interval '$4' WHERE subject = '$1' AND status <> 'closed'"
}
q "UPDATE backdesk.tickets SET status = 'closed'" || { echo "Bail out! closing the demo's tickets failed"; exit 1; }
# Two of them Ayşe's, rated 4 and 5 in the last days: her score in the title.
q "UPDATE backdesk.tickets SET assignee_id = (SELECT id FROM backdesk.staff WHERE login = 'ayse'),
       satisfaction = 4 + (id % 2), satisfaction_at = now() - interval '2 days'
   WHERE id IN (SELECT id FROM backdesk.tickets ORDER BY id LIMIT 2)" || { echo "Bail out! rating failed"; exit 1; }
ticket "Gecikme" high open '-3 hours -5 minutes' ayse phone delay
ticket "Kupa kırık" urgent new '30 minutes 30 seconds' '' email damaged
ticket "Fatura" normal pending '5 hours 30 seconds' '' chat payment
ticket "İade" low open '2 days 1 hour' can web return
q "INSERT INTO backdesk.ticket_messages (ticket_id, kind, body)
   SELECT id, 'customer', 'Kırık geldi' FROM backdesk.tickets WHERE subject = 'Kupa kırık'"

# Line of the screen showing TEXT (0 when none).

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys 2
ok 'wait_for "Open 4" && in_order "Gecikme" "Kupa kırık" "Fatura" "İade"' \
	"tab 2 shows the open tickets, soonest due first"
ok 'wait_for "3h late" && wait_for "in 30m" && wait_for "paused" && wait_for "in 2d"' \
	"the due dates are countdowns; pending ones are paused"
ok 'wait_for "Mine 1" && wait_for "Unassigned 2" && wait_for "Unanswered 1"' \
	"the strip counts mine, unassigned and unanswered"
# Colours by role, whatever the theme: the due-soon date has one of its own, the
# far one none (the breached one is on the selected line).
ok '[[ "$(screen_attrs)" =~ m\ *in\ 30m ]] && ! [[ "$(screen_attrs)" =~ m\ *in\ 2d ]]' \
	"a due date within the hour is coloured, a far one is not"
keys Down Down
ok 'wait_idle && [[ "$(screen_attrs)" =~ m\ *3h\ late ]]' "so is a breached one, off the cursor"
keys Home

# Views: Left and Right along the strip.
ok 'wait_for "Waiting 1" && wait_for "Due soon 1" && wait_for "Breached 1"' \
	"at 80 columns the strip shows every count"
keys Right
ok 'wait_for "Fatura" && wait_gone "Kupa kırık"' "Waiting: pending on the customer"
keys Right
ok 'wait_for "Kupa kırık" && wait_gone "Gecikme"' "Due soon: within the hour"
keys Right
ok 'wait_for "Gecikme" && wait_gone "Kupa kırık"' "Breached: past due"
keys Left Left Left Left
ok 'wait_for "Kupa kırık" && wait_gone "Gecikme" && wait_gone "Fatura"' \
	"Unanswered: only the ticket whose last message is the customer's"
keys Left
ok 'wait_for "Kupa kırık" && wait_for "Fatura" && wait_gone "Gecikme" && wait_gone "İade"' \
	"Unassigned: the two nobody has"
keys Left
ok 'wait_for "Gecikme" && wait_gone "Kupa kırık" && wait_gone "İade"' "Mine: Ayşe's own"
keys Left
ok 'wait_for "phone 1" && wait_for "Gecikme" && wait_gone "Kupa kırık"' \
	"Left from the first view wraps to the last: a channel (the first until one is chosen)"

# The chooser: every view, category and channel.
keys v
ok 'wait_for "Ticket views" && wait_for "Category: delay"' "v lists the views and the categories"
keys End
ok 'wait_for "Channel: web form"' "and the channels"
keys Up Up Up Enter
ok 'wait_gone "Ticket views" && wait_for "e-mail 1" && wait_for "Kupa kırık" && wait_gone "Gecikme"' \
	"Enter shows the channel picked"
keys Right Right Right Right
ok 'wait_for "Open 4" && in_order "Gecikme" "Kupa kırık"' "Right round to every open ticket"

# Live: a ticket from another session, no key pressed; the cursor stays put.
keys Down
ok 'wait_selected "$(line_of "Kupa kırık")" "Kupa kırık"' "a view starts at its first ticket; Down goes to the second"
ticket "Yeni" high open '10 minutes' '' social other
ok 'poll_for "Open 5" && poll_for "Yeni"' "a ticket inserted from psql appears, and the count follows"
ok 'wait_selected "$(line_of "Kupa kırık")" "Kupa kırık"' "the cursor stays on its ticket"
q "UPDATE backdesk.tickets SET status = 'solved' WHERE subject = 'Yeni'"
# The counts and the rows are two queries: each is polled for.
ok 'poll_for "Open 4" && poll_gone "Yeni"' "a ticket resolved elsewhere leaves the open view"

# Resize: narrower and back; the strip keeps the view on screen.
resize 60x16
ok 'wait_for "Open 4" && wait_for "Kupa kırık"' "at 60x16 the strip and the rows are still there"
resize 80x24
wait_for "Open 4" >/dev/null

# N: take the next ticket: the most urgent unassigned one is the agent's.
assignee_of() { q "SELECT s.login FROM backdesk.tickets t JOIN backdesk.staff s ON s.id = t.assignee_id
                   WHERE t.subject = '$1'"; }
keys N
ok 'wait_idle && [ "$(assignee_of "Kupa kırık")" = ayse ]' "N gives Ayşe the most urgent unassigned ticket"

# W: on shift and off again; the title says which, the database keeps it.
keys Escape
keys 2
on_shift() { q "SELECT on_shift FROM backdesk.staff WHERE login = 'ayse'"; }
keys W
ok 'wait_for "Tickets · on shift" && [ "$(on_shift)" = t ]' "W puts Ayşe on shift, and the title says so"
ok 'wait_for "your satisfaction 4.5/5 \(2\)"' "the title gives her satisfaction score of 30 days"
keys W
ok 'wait_for "you are off shift" && wait_gone "on shift$" && [ "$(on_shift)" = f ]' "W again takes her off"

# The warehouse: the database refuses, the pane says so in words.
E2E_T=wh
e2e_start 80x24 PGDATABASE="$db" PGUSER=mehmet -- "$BACKDESK"
wait_for "\(warehouse\)" >/dev/null
keys 2
ok 'wait_for "tickets are not shown to your role: permission denied"' "the warehouse is told tickets are not for its role"
