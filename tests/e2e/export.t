#!/bin/bash
# The console's export at 80x24, as a supervisor: `:export` asks for the list, the
# days and the file (a default under ~), shows the rows so far while a thread
# with its own connection writes FILE.part, and says rows and file when done; the
# file reads back with python's csv as the database's rows.  A file that exists is
# replaced only when confirmed; a folder that does not exist is said before
# anything starts; Esc cancels (no file, no .part, no query left running);
# SIGTERM mid-export ends the console cleanly without leaving a .part.  An agent
# has no :export.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 18

newdb e2e_export; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
# Enough parcels that the export takes a moment: its progress can be seen and Esc
# can land in the middle.
q "INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, shipped_by)
   SELECT (SELECT min(id) FROM backdesk.orders), 'dhl', 'E2E' || i, 'DELIVERED',
          timestamptz '2020-01-01 00:00+03' + i * interval '4 seconds', 'mem'
   FROM generate_series(1, 300000) i"
home=$(mktemp -d)
at_exit "rm -rf '$home'"
today=$(date +%Y-%m-%d)
rows() { python3 -c 'import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(sum(1 for _ in csv.reader(f, strict=True)) - 1)' "$1"; }

e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia HOME="$home" -- "$BACKDESK"
wait_for "Zsófia Nagy \(supervisor\)" >/dev/null
keys : ; typetext "export"; keys Enter
ok 'wait_for "Export to CSV"' ":export opens the export dialog"
ok 'wait_for "File ~/backdesk-tickets-$today.csv"' "with a default file under ~, named for the list and the day"
keys Right
ok 'wait_for "File ~/backdesk-orders-$today.csv"' "the default follows the list"
keys Left F2
ok 'wait_for "Exported [0-9,]+ tickets to $home/backdesk-tickets-$today.csv"' "F2 exports; done says rows and file"
n=$(screen | grep -Eo 'Exported [0-9,]+' | tr -dc 0-9)
is "$n:$(rows "$home/backdesk-tickets-$today.csv")" "$(q "SELECT count(*) FROM backdesk.tickets"):$n" \
	"the file holds every ticket, as python's csv reads it"

# The same file again: asked first.
keys : ; typetext "export"; keys Enter
wait_for "Export to CSV" >/dev/null
keys F2
ok 'wait_for "backdesk-tickets-$today.csv exists. Replace"' "a file that exists: asked before it is replaced"
keys y
ok 'wait_for "Exported [0-9,]+ tickets"' "y replaces it"

# A folder that does not exist: said next to the field, nothing starts.
keys : ; typetext "export refunds 2026-01-01 2026-06-30"; keys Enter
wait_for "Export to CSV" >/dev/null
keys Tab Tab Tab C-u; typetext "$home/nowhere/r.csv"; keys F2
ok 'wait_for "the folder $home/nowhere does not exist"' "a folder that does not exist is said before starting"
keys C-u; typetext "$home/r.csv"; keys F2
ok 'wait_for "Exported [0-9,]+ refunds to $home/r.csv"' ":export LIST SINCE UNTIL fills the form; the range is exported"
is "$(rows "$home/r.csv")" "$(q "SELECT count(*) FROM backdesk.refunds WHERE backdesk.shop_date(created_at) BETWEEN '2026-01-01' AND '2026-06-30'")" \
	"the refunds of those shop days"

# The server processes running an export in this test's database (the cluster
# is shared with the tests running beside it).
export_pids() { q "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE datname = current_database()
                   AND usename = 'zsofia' AND query LIKE '%api.export%' AND state = 'active'"; }

# Progress, then Esc.
keys : ; typetext "export shipments"; keys Enter
wait_for "Export to CSV" >/dev/null
keys Tab Tab Tab C-u; typetext "$home/s.csv"
_e2e_tmux send-keys -t "$E2E_T" F2
_E2E_KEYS[$E2E_T]=$((_E2E_KEYS[$E2E_T] + 1))
ok 'poll_for "[0-9],[0-9]{3} rows so far"' "the dialog shows the rows so far"
ok '[ -e "$home/s.csv.part" ] && [ ! -e "$home/s.csv" ]' "meanwhile only FILE.part exists"
pid=$(export_pids)
like "$pid" '^[0-9]+$' "and one server process runs the export's query"
keys Escape
ok 'wait_for "Export cancelled; $home/s.csv was not written"' "Esc cancels, saying so"
ok '[ ! -e "$home/s.csv.part" ] && [ ! -e "$home/s.csv" ]' "and leaves neither FILE nor FILE.part"
# The console says so once the server has answered the cancel, so the query has
# ended; a few seconds' grace all the same, for a loaded machine.
still() { q "SELECT count(*) FROM pg_stat_activity WHERE pid = ${pid:-0} AND state = 'active'"; }
for _ in $(seq 100); do [ "$(still)" = 0 ] && break; sleep 0.05; done
left=$(still)
is "$left" 0 "its query is not left running"
[ "$left" = 0 ] || diag "$(q "SELECT pid, state, now() - query_start, wait_event_type, wait_event, left(query, 90)
                             FROM pg_stat_activity WHERE datname = current_database() AND usename = 'zsofia'")"

# SIGTERM in the middle: the console ends, the thread is joined, the .part goes.
keys : ; typetext "export shipments"; keys Enter
wait_for "Export to CSV" >/dev/null
keys F2
_e2e_tmux send-keys -t "$E2E_T" F2
poll_for "rows so far" >/dev/null
kill -TERM "$(pgrep -P "$(_e2e_tmux display -p -t "$E2E_T" '#{pane_pid}')" -x backdesk)"
e2e_exited
ok '[ "$E2E_STATUS" = 143 ] && [ -z "$(ls "$home" | grep part)" ]' "SIGTERM mid-export: the console ends (143, no leak under ASan) and no .part is left"

# An agent has no :export.
e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse HOME="$home" -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys : ; typetext "export"; keys Enter
ok 'wait_for "not allowed for your role: :export"' "an agent has no :export"
