#!/bin/bash
# A dashboard drill-down longer than a screen (0048: api.dashboard_list pages
# backward): End shows the list's last rows, read from its end (not the first
# 1000 forward); PgUp above them reads the page before; Home the first rows again.
# 1,100 unassigned tickets more than the demo has: more than the 1,000 a forward
# read can give (before 0048 End showed the 1,000th row's page).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 5

newdb e2e_dashboard_end; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
q "INSERT INTO backdesk.tickets (number, channel, category, priority, status, subject, first_response_due, resolve_due, created_at)
   SELECT 'T-END-' || lpad(g::text, 4, '0'), 'email', 'delay', 'normal', 'new', 'Sonuna ' || g, now() + interval '1 day',
          now() + interval '2 days', now() - interval '1 day' + g * interval '1 second'
   FROM generate_series(1, 1100) g" || { echo "Bail out! adding tickets failed"; exit 1; }
# The list as the api gives it: its first, its last, and the one 25 before the last.
list() { psql -XAtq -v ON_ERROR_STOP=1 -U zsofia -d "$db" -c "SELECT label FROM api.dashboard_list('tickets_unassigned', NULL, NULL, NULL, 1000) $1"; }
first=$(list "LIMIT 1")
total=$(psql -XAtq -U zsofia -d "$db" -c "SELECT count(*) FROM backdesk.tickets WHERE status NOT IN ('solved', 'closed') AND assignee_id IS NULL")
last=$(psql -XAtq -U zsofia -d "$db" -c "SELECT label FROM api.dashboard_list('tickets_unassigned', NULL, NULL, NULL, 1, true)")
above=$(psql -XAtq -U zsofia -d "$db" -c "SELECT label FROM (SELECT l.*, row_number() OVER (ORDER BY l.at DESC, l.id DESC) AS k
	FROM api.dashboard_list('tickets_unassigned', NULL, NULL, NULL, 60, true) l) x WHERE k = 45")

E2E_T=sup e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia -- "$BACKDESK"
E2E_T=sup
wait_for "Zsófia Nagy \(supervisor\)" >/dev/null
keys 5
wait_for "Open tickets by status and priority" >/dev/null
# The picks in order (tests/e2e/dashboard.t): the grid's 25, soon, breached, unassigned.
keys Home
for ((i = 0; i < 27; i++)); do keys Tab; done
keys Enter
ok 'wait_for "Unassigned: $total" && wait_for "^20[0-9-]+ [0-9:]+ +$first "' \
	"the unassigned list ($total rows) opens at its first row, $first"
keys End
ok 'wait_for "^20[0-9-]+ [0-9:]+ +$last "' "End: its last row, $last, read from the end"
ok 'wait_gone "^20[0-9-]+ [0-9:]+ +$first "' "and the first row is gone from the screen"
keys PPage PPage
ok 'wait_for "^20[0-9-]+ [0-9:]+ +$above "' "PgUp, PgUp: the rows above, $above among them"
keys Home
ok 'wait_for "^20[0-9-]+ [0-9:]+ +$first "' "Home: the first row again"
keys q
e2e_exited 5 >/dev/null
