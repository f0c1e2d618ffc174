#!/bin/bash
# backdesk export KIND [--since DAY] [--until DAY] --csv [FILE]: each list as RFC 4180
# CSV that python's csv module reads back to the database's own values; the shop's
# days are inclusive; an agent is refused and no file is left; wrong usage exits 2
# before connecting; a failed or interrupted export never leaves FILE or FILE.part;
# standard output gets the same bytes; memory is flat from 20,000 rows to 200,000.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 35

newdb export; db=$REPLY
export PGDATABASE=$db
sup=t_exp_sup_$$
agent=t_exp_agent_$$
q() { psql -XqAt -v ON_ERROR_STOP=1 "$@"; }
q -c "SELECT api.staff_add('$sup', 'Zeynep Dışa', 'supervisor'), api.staff_add('$agent', 'Ayşe Dışa', 'agent')" >/dev/null
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS $sup, $agent'"
"$BACKDESK" seed --demo >/dev/null 2>&1 || echo "Bail out! seed --demo failed"
dir=$(mktemp -d)
at_exit "rm -rf '$dir'"

# Fields a careless writer breaks, where customers write them.
tk=$(q -c "SELECT number FROM backdesk.tickets ORDER BY created_at, id LIMIT 1")
q -c "UPDATE backdesk.tickets SET subject = E'Kırık, \"çok\" kötü\nikinci satır\r\nson' WHERE number = '$tk'"
q -c "UPDATE backdesk.customers SET name = '=HYPERLINK(\"http://x\",\"Şükrü\")'
      WHERE id = (SELECT customer_id FROM backdesk.tickets WHERE number = '$tk')"

# parse FILE: the rows as python's csv module reads them, one JSON array a line.
parse() {
	python3 -c 'import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f, strict=True):
        print(json.dumps(row, ensure_ascii=False))' "$1"
}

for kind in tickets orders returns refunds shipments; do
	out=$(PGUSER=$sup "$BACKDESK" export $kind --csv "$dir/$kind.csv" 2>&1); rc=$?
	want=$(q -c "SELECT count(*) FROM api.export_$kind(NULL, NULL)")
	got=$(parse "$dir/$kind.csv" | sed 1d | wc -l)
	is "$rc:$got" "0:$want" "export $kind: exit 0, every row read back by python's csv ($want)"
	[ "$kind" = tickets ] && like "$out" "^exported $want tickets to $dir/tickets.csv$" "and says how many, where"
done
is "$(parse "$dir/tickets.csv" | sed -n 1p)" \
	'["number", "created", "status", "priority", "channel", "category", "subject", "customer", "order_number", "assignee", "first_response", "solved", "sla", "satisfaction"]' \
	"the header row names the columns"
is "$(head -c 200 "$dir/refunds.csv" | od -c | grep -c '\\r  \\n')" 1 "rows end with CRLF"
row=$(parse "$dir/tickets.csv" | grep -F "\"$tk\"")
is "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[6])' "$row" | od -c | tr -s ' ' | head -c 400)" \
	"$(printf 'Kırık, "çok" kötü\nikinci satır\r\nson\n' | od -c | tr -s ' ' | head -c 400)" \
	"a subject with a comma, quotes, LF and CRLF reads back as it is, UTF-8 intact"
is "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[7])' "$row")" "'=HYPERLINK(\"http://x\",\"Şükrü\")" \
	"a name that is a formula gets a single quote before it (not run by a spreadsheet)"
like "$(parse "$dir/orders.csv" | sed -n 2p)" '"[0-9]+\.[0-9]{2}", "[0-9]+\.[0-9]{2}", "[0-9]+\.[0-9]{2}"' \
	"amounts are plain numbers with their decimals"
like "$(parse "$dir/tickets.csv" | sed -n 2p)" '"20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}"' "times are YYYY-MM-DD HH:MI"
is "$(q -c "SELECT count(*) FROM backdesk.audit_log WHERE actor = '$sup' AND action LIKE 'export.%'")" 5 \
	"each export wrote one audit row"

# The shop's days, inclusive, in shop time.
day=$(q -c "SELECT backdesk.shop_date(placed_at) FROM backdesk.orders ORDER BY placed_at DESC LIMIT 1 OFFSET 40")
want=$(q -c "SELECT count(*) FROM backdesk.orders WHERE backdesk.shop_date(placed_at) BETWEEN '$day'::date - 3 AND '$day'")
since=$(q -c "SELECT '$day'::date - 3")
PGUSER=$sup "$BACKDESK" export orders --since "$since" --until "$day" --csv "$dir/range.csv" >/dev/null 2>&1; rc=$?
is "$rc:$(parse "$dir/range.csv" | sed 1d | wc -l)" "0:$want" "--since and --until: the orders of those shop days ($want)"
bad=$(parse "$dir/range.csv" | sed 1d | python3 -c 'import json,sys
for l in sys.stdin:
    d = json.loads(l)[1][:10]
    if not (sys.argv[1] <= d <= sys.argv[2]): print(d)' "$since" "$day")
is "$bad" "" "every row placed on one of those days"
want=$(q -c "SELECT count(*) FROM backdesk.tickets WHERE backdesk.shop_date(created_at) >= '$day'")
PGUSER=$sup "$BACKDESK" export tickets --since "$day" --csv "$dir/since.csv" >/dev/null 2>&1
is "$(parse "$dir/since.csv" | sed 1d | wc -l)" "$want" "--since alone: open-ended after"

# Standard output: the same bytes.
PGUSER=$sup "$BACKDESK" export refunds --csv >"$dir/out.csv" 2>"$dir/err"; rc=$?
ok "[ $rc = 0 ] && cmp -s '$dir/out.csv' '$dir/refunds.csv'" "--csv alone writes the same CSV to standard output"
is "$(cat "$dir/err")" "" "with nothing on stderr when it is not a terminal"
PGUSER=$sup "$BACKDESK" export refunds --csv - >"$dir/out2.csv" 2>/dev/null
ok "cmp -s '$dir/out2.csv' '$dir/refunds.csv'" "--csv - is standard output too"

# Refusals leave nothing.
err=$(PGUSER=$agent "$BACKDESK" export tickets --csv "$dir/agent.csv" 2>&1); rc=$?
like "$rc:$err" "^1:backdesk: exporting tickets is not allowed for $agent" "an agent is refused (exit 1), saying why"
ok "[ ! -e '$dir/agent.csv' ] && [ ! -e '$dir/agent.csv.part' ]" "and no file or .part is left"
echo "old" >"$dir/keep.csv"
err=$(PGUSER=$sup "$BACKDESK" export tickets --since 2026-11-02 --until 2026-11-01 --csv "$dir/keep.csv" 2>&1); rc=$?
like "$rc:$err" "^2:backdesk: --since 2026-11-02 is after --until 2026-11-01" "since after until: usage (exit 2)"
is "$(cat "$dir/keep.csv"):$(ls "$dir" | grep -c part)" "old:0" "an existing file is untouched by a refused export"
err=$(PGHOST=/nonexistent "$BACKDESK" export tickets --since 2026-02-30 --csv x.csv 2>&1); rc=$?
like "$rc:$err" "^2:backdesk: --since wants a day like 2026-11-01, not '2026-02-30'" "a day that does not exist: usage, before connecting"
err=$(PGHOST=/nonexistent "$BACKDESK" export tickets --until yesterday --csv 2>&1); rc=$?
like "$rc:$err" "^2:.*--until wants a day like 2026-11-01, not 'yesterday'" "a word for a day: usage, naming --until"
err=$(PGHOST=/nonexistent "$BACKDESK" export tickets --since 2026-11-01 2>&1); rc=$?
like "$rc:$err" "^2:.*CSV only: add --csv" "no --csv: usage, saying CSV is the only format"
err=$(PGHOST=/nonexistent "$BACKDESK" export customers --csv 2>&1); rc=$?
like "$rc:$err" "^2:.*tickets, orders, returns, refunds or shipments, not 'customers'" "an unknown list: usage, naming the lists"
err=$(PGUSER=$sup "$BACKDESK" export tickets --csv "$dir/no/such/dir/t.csv" 2>&1); rc=$?
like "$rc:$err" "^1:backdesk: cannot write $dir/no/such/dir/t.csv: No such file or directory" "a folder that does not exist is said"

# Memory: 200,000 parcels against 20,000.  ASan keeps freed memory in a quarantine
# (256 MB by default), which would grow with any allocation per row, freed or not;
# 1 MB keeps what the process holds visible.  The bound, 2 MB more for ten times the
# rows: one leaked or kept PGresult per row (a few hundred bytes) is 40 MB here.
q -c "INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, shipped_by)
      SELECT (SELECT min(id) FROM backdesk.orders), 'dhl', 'MEM' || i, 'DELIVERED',
             timestamptz '2020-01-01 00:00+03' + i * interval '4 seconds', 'mem'
      FROM generate_series(1, 200000) i"
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=1"
mem() { # KIND UNTIL FILE: max RSS in KB
	PGUSER=$sup /usr/bin/time -f '%M' -o "$dir/rss" "$BACKDESK" export shipments --until "$1" --csv "$2" >/dev/null 2>&1
	cat "$dir/rss"
}
small=$(mem 2020-01-01 "$dir/small.csv")
big=$(mem 2020-01-10 "$dir/big.csv")
is "$(($(wc -l <"$dir/small.csv") - 1)):$(($(wc -l <"$dir/big.csv") - 1))" "21599:200000" "20,000 and 200,000 parcels exported"
diag "max RSS: $small KB for 21,599 rows, $big KB for 200,000"
ok "[ ${big:-999999} -le $((${small:-0} + 2048)) ]" "max RSS flat: $big KB for 200,000 rows, $small KB for 21,599 (bound +2 MB)"

# Interrupted: the .part goes, no file appears.
PGUSER=$sup "$BACKDESK" export shipments --csv "$dir/int.csv" >/dev/null 2>"$dir/int.err" &
pid=$!
for _ in $(seq 200); do [ -s "$dir/int.csv.part" ] && break; sleep 0.05; done
ok "[ -s '$dir/int.csv.part' ] && [ ! -e '$dir/int.csv' ]" "while it runs, only FILE.part exists"
kill -INT $pid
wait $pid; rc=$?
like "$rc:$(cat "$dir/int.err")" "^1:backdesk: interrupted after [0-9]+ rows; $dir/int.csv was not written" \
	"Ctrl-C stops it (exit 1), saying the file was not written"
ok "[ ! -e '$dir/int.csv' ] && [ ! -e '$dir/int.csv.part' ]" "and leaves neither FILE nor FILE.part"
is "$(q -c "SELECT count(*) FROM pg_stat_activity WHERE usename = '$sup' AND state = 'active'")" 0 \
	"the server stopped the query"
ok "[ \"\$(stat -c %a '$dir/big.csv')\" = 600 ]" "the file is its owner's only (customers' names)"
