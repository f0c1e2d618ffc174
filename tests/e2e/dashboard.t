#!/bin/bash
# The supervisor dashboard (issue 15) with two consoles: Zsófia (supervisor)
# watches it at 80x24 while Ayşe (agent) takes and resolves a ticket; the counts
# follow within two seconds, without a key.  Every number drills down to a list
# whose count is the number; the list's Enter opens the row's screen.  Every
# section shows at 80x24 and side by side at 120x40; NO_COLOR with TERM=linux
# gets an ASCII sparkline and a reverse-video highlight; an agent has no
# dashboard; a server that stops and comes back is followed.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 39

newdb e2e_dashboard; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
# Six more agents without tickets: ten rows, more than the 80x24 table shows.
q "INSERT INTO backdesk.staff (login, full_name, role) SELECT 'extra' || g, 'Extra Agent ' || g, 'agent'
   FROM generate_series(1, 6) g" || { echo "Bail out! adding agents failed"; exit 1; }
# What the dashboard says, as Zsófia reads it.
dash() { psql -XAtq -v ON_ERROR_STOP=1 -U zsofia -d "$db" -c "SELECT api.dashboard() #>> '{$1}'"; }
rows() { psql -XAtq -v ON_ERROR_STOP=1 -U zsofia -d "$db" -c "SELECT count(*) FROM api.dashboard_list($1)"; }

# The number on the line that starts with a label (the queue's and the others').
shown() { screen | sed -n "s/^.*$1  *\([0-9][0-9]*\)\( .*\)\?$/\1/p" | head -1; }
ayse_today() { screen | sed -n 's/^Ayşe Yılmaz  *[0-9][0-9]*  *\([0-9][0-9]*\) .*/\1/p' | head -1; }

E2E_T=sup e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia -- "$BACKDESK"
E2E_T=agent e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
E2E_T=sup
ok 'wait_for "Zsófia Nagy \(supervisor\)" && wait_for " 5 Dashboard"' \
	"a supervisor has the dashboard as tab 5 (no Scan tab)"
keys 5
ok 'wait_for "Open tickets by status and priority"' "5 opens it"
# Everything important is on the 80x24 screen, nothing cut.
ok 'wait_for "^Open tickets by status and priority +Queue" && wait_for "^Orders, parcels, returns +Refunds today" &&
    wait_for "^Tickets/hour " && wait_for "^Satisfaction " && wait_for "^Agents? .*Open +Today +1st resp +CSAT"' \
	"80x24: the grid, the queue, operations, refunds, both trends and the agents' table"
is "$(shown Breached)" "$(dash tickets,breached)" "Breached is api.dashboard's count"
is "$(shown Unassigned)" "$(dash tickets,unassigned)" "Unassigned is too"
is "$(shown 'Orders late to ship')" "$(dash orders,late_to_ship)" "orders late to ship too"
is "$(shown 'Parcels without movement')" "$(dash parcels,stale)" "parcels without movement too"
ok 'screen | grep -q "^Tickets/hour  *[▁▂▃▄▅▆▇█]\{24\} "' "tickets per hour is a sparkline of 24 Unicode blocks"

# Ayşe takes the next ticket: unassigned goes down on Zsófia's screen, by itself.
unassigned=$(shown Unassigned)
before=$(ayse_today)
E2E_T=agent
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
ok 'wait_gone "Dashboard"' "an agent has no dashboard tab"
keys :
typetext "dashboard"
keys Enter
ok 'wait_for "unknown command .dashboard."' "and :dashboard is no command for her"
keys 2
wait_for "Unassigned" >/dev/null
keys N
ok 'wait_for "Ticket T-[0-9]+"' "Ayşe takes the next ticket"
taken=$(screen | sed -n 's/.*Ticket \(T-[0-9]*\).*/\1/p' | head -1)
E2E_T=sup
t0=$(date +%s%N)
ok 'poll_for "Unassigned  *$((unassigned - 1))$" 2' "Zsófia sees unassigned go $unassigned -> $((unassigned - 1)) within 2 s"
diag "shown after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
E2E_T=agent
keys F8
wait_for "Change the status" >/dev/null
for _ in 1 2 3 4 5; do
	screen | grep -q "◀ resolved ▶" && break
	keys Right
	wait_idle
done
keys F2
ok 'wait_for "Status +resolved"' "Ayşe resolves $taken"
E2E_T=sup
t0=$(date +%s%N)
ok 'poll_for "^Ayşe Yılmaz  *[0-9]+  *$((before + 1)) " 2' "Zsófia sees Ayşe's resolved today go $before -> $((before + 1)) within 2 s"
diag "shown after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
is "$(shown Unassigned)" "$(dash tickets,unassigned)" "the counts are the database's after both changes"

# Drill-downs: Home, Tab to a number, Enter; the list's title and its rows are the number.
drill() { # TABS TITLE METRIC_ARGS
	keys Home
	for ((i = 0; i < $1; i++)); do keys Tab; done
	keys Enter
	wait_for "$2: [0-9]+" >/dev/null || return 1
	local n want got
	n=$(screen | sed -n "s/.*$2: \([0-9]*\).*/\1/p" | head -1)
	want=$(rows "$3")
	got=$(screen | grep -c '^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] ')
	keys Escape
	wait_for "Open tickets by status and priority" >/dev/null
	[ "$n" = "$want" ] && [ "$got" = "$want" ] && [ "$n" -gt 0 ] ||
		{ echo "# $2: title $n, rows shown $got, api.dashboard_list $want"; return 1; }
}
# The picks in order: the grid (4 rows of 5, then the totals' 5), the queue (soon,
# breached, unassigned, waiting, the oldest), operations (4).
ok 'drill 4 "Open tickets, new" "'"'tickets', 'new/'"'"' "the grid's row total: the list of new tickets"
ok 'drill 26 "Breached" "'"'tickets_breached'"'"' "breached"
ok 'drill 27 "Unassigned" "'"'tickets_unassigned'"'"' "unassigned"
ok 'drill 30 "Orders late to ship" "'"'orders_late'"'"' "orders late to ship"
ok 'drill 32 "Parcels without movement" "'"'parcels_stale'"'"' "parcels without movement"
# Enter on a row opens its screen; Esc goes back to the list, and again to the dashboard.
keys Home
for ((i = 0; i < 30; i++)); do keys Tab; done
keys Enter
wait_for "Orders late to ship: " >/dev/null
keys Enter
ok 'wait_for "Order [A-Z]+-[0-9]+"' "Enter on a late order opens the order"
keys Escape Escape
ok 'wait_for "Open tickets by status and priority"' "Esc, Esc: back on the dashboard"
# Arrows move the highlight over the numbers (the selection's colour).
keys Home Down Right
# The line of the open tickets, the highlighted number in <>.
marked() { screen_attrs | sed 's/\x1b\['"$1"'/</g; s/\x1b\[[0-9;]*m//g' | grep "^$2 "; }
ok 'wait_idle && marked "30m\\x1b\\[46m" open | grep -Eq "^open +[0-9]+ +< *[0-9]+ "' "Down, Right: the highlight is on open/high"

# The agents' table scrolls to the highlight: Down, line by line, to the last agent.
ok 'wait_for "^Agents \(1-5 of 10\) +Open"' "80x24: five of the ten agents, and the table says so"
for ((i = 0; i < 20; i++)); do keys Down; done
ok 'wait_for "^Agents \(6-10 of 10\) +Open" && wait_for "^Zsófia Nagy "' "Down to the last agent scrolls the table to it"
keys Home
ok 'wait_for "^Agents \(1-5 of 10\) +Open"' "Home: back to the first number and the first agents"

# 120x40: side by side, every section.
resize 120x40
ok 'wait_for "^Open tickets by status and priority +Trends" && wait_for "^Queue +Agents" &&
    wait_for "^Orders, parcels, returns" && wait_for "^Refunds today" && wait_for "-24h +now"' \
	"120x40: the counts on the left, trends and agents on the right"
ok 'screen | grep -q "Ayşe Yılmaz (ayse) .*█"' "the agents' open tickets as bars"
resize 80x24
ok 'wait_for "^Tickets/hour " && wait_for "^Agents? .*Open +Today"' "back at 80x24: the compact layout again"
keys q
e2e_exited 5 >/dev/null

# NO_COLOR on the Linux console: no blocks, no colour; the highlight is reverse video.
E2E_T=mono; e2e_start 80x24 NO_COLOR=1 TERM=linux PGDATABASE="$db" PGUSER=zsofia -- "$BACKDESK"
wait_for "Zsófia Nagy \(supervisor\)" >/dev/null
keys 5
ok 'wait_for "^Tickets/hour  *[_.,=+*#-]{24} "' "TERM=linux: the sparkline is ASCII"
ok '! screen | grep -q "[▁▂▃▄▅▆▇█]"' "and no block anywhere"
ok 'marked 7m new | grep -Eq "^new +< *[0-9]+ "' "NO_COLOR: the highlight is reverse video"
ok '! screen_attrs | grep -q $'"'"'\e\[3[0-7]m'"'"' ' "and no colour is used"
keys q
e2e_exited 5 >/dev/null

# A server that stops and comes back, on a cluster of its own.
own=$BACKDESK_TEST_TMP/dash.$$
export DEVDB_DIR=$own DEVDB_NAME=dash DEVDB_FAST=1
at_exit "DEVDB_DIR=$own $BACKDESK_ROOT/db/devdb destroy"
"$BACKDESK_ROOT/db/devdb" start >/dev/null || { echo "Bail out! own cluster did not start"; exit 1; }
eval "$("$BACKDESK_ROOT/db/devdb" env)"
"$BACKDESK" migrate >/dev/null && "$BACKDESK" seed --demo >/dev/null 2>&1 \
	|| { echo "Bail out! migrate/seed failed"; exit 1; }
E2E_T=down; e2e_start 80x24 PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=dash PGUSER=zsofia -- "$BACKDESK"
wait_for "Zsófia Nagy \(supervisor\)" >/dev/null
keys 5
ok 'wait_for "^Orders, parcels, returns"' "the dashboard on its own cluster"
"$BACKDESK_ROOT/db/devdb" stop >/dev/null
ok 'poll_for "DISCONNECTED" 3' "the server stops: the status line says so"
ok 'screen | grep -q "^Orders, parcels, returns"' "the last counts stay on the screen"
"$BACKDESK_ROOT/db/devdb" start >/dev/null
ok 'poll_for " connected *$|│ connected" 20' "the console reconnects by itself"
inspect=$(psql -XAtq -d dash -c "SELECT count(*) FROM backdesk.returns WHERE status = 'received'")
psql -XAtq -d dash -c "UPDATE backdesk.returns SET status = 'received', received_at = now()
    WHERE id = (SELECT min(id) FROM backdesk.returns WHERE status = 'approved')" >/dev/null
ok 'poll_for "Returns to inspect  *$((inspect + 1))$" 3' "and the dashboard follows changes again ($inspect -> $((inspect + 1)) to inspect)"
keys q
ok 'e2e_exited 5' "quits cleanly"
