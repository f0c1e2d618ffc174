#!/bin/bash
# backdesk import: good lines go in, each bad line is reported with its line number
# and reason, the exit code says whether any failed; stdin; usage errors.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 28

q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
data=$BACKDESK_ROOT/tests/data
tmp=$BACKDESK_TEST_TMP/import.$$

newdb import; db=$REPLY

# orders.jsonl: lines 1, 2 and 9 are good; 3 is not JSON; 4 is blank; 5-8 are refused
# by the server (negative quantity, unknown currency, paid more than the total, no
# number).
PGDATABASE=$db "$BACKDESK" import "$data/orders.jsonl" >"$tmp.out" 2>"$tmp.err"; rc=$?
err=$(cat "$tmp.err")
is "$rc" 1 "a file with bad lines exits 1"
is "$(cat "$tmp.out")" "imported 3 orders, 5 refused" "the summary counts both"
is "$(wc -l <"$tmp.err" | tr -d ' ')" 5 "one message for each bad line"
like "$err" "orders\.jsonl:3:[0-9]+: malformed JSON: .*expected" "malformed JSON: line, column and why"
like "$err" "orders\.jsonl:5: .*\"lines\[1\]\.qty\" must be a whole number.*got -1" "negative quantity"
like "$err" "orders\.jsonl:6: .*\"currency\" 'XYZ' is not a currency backdesk knows" "unknown currency"
like "$err" "orders\.jsonl:7: .*\"payment\.paid\" is 500\.00 TRY, more than the order total of 149\.90 TRY" \
	"paid more than the total"
like "$err" "orders\.jsonl:8: .*\"number\" is missing" "missing number"
like "$err" "orders\.jsonl:5: .*\. Fix the field" "the server's hint comes along"
ok '! grep -q "orders.jsonl:4:" "$tmp.err"' "the blank line is skipped, not reported"
is "$(q "$db" "SELECT string_agg(number, ',' ORDER BY number) FROM backdesk.orders")" \
	"SO-200001,SO-200002,SO-200007" "the good lines went in"
is "$(q "$db" "SELECT c.name || '|' || o.status || '|' || o.total FROM backdesk.orders o
	JOIN backdesk.customers c ON c.id = o.customer_id WHERE o.number = 'SO-200002'")" \
	"Szőke Árpád|paid|21950.00" "with their customers and totals"

# The same number again, from standard input, updates the order.
PGDATABASE=$db "$BACKDESK" import - <"$data/reimport.jsonl" >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc" 0 "a file of good lines, read from standard input, exits 0"
is "$(cat "$tmp.out")" "imported 1 order, 0 refused" "one order"
is "$(q "$db" "SELECT lines_total || '|' || version || '|' || (SELECT count(*) FROM backdesk.order_lines l
	WHERE l.order_id = o.id) FROM backdesk.orders o WHERE number = 'SO-200002'")" "25980.00|2|1" \
	"re-importing a number updates that order"
is "$(q "$db" "SELECT count(*) FROM backdesk.orders")" 3 "and adds none"

# Windows line ends and a byte order mark are fine; refused lines keep their numbers.
{ printf '\xef\xbb\xbf'; sed -n 1p "$data/orders.jsonl" | sed 's/SO-200001/SO-300001/'
  sed -n 5p "$data/orders.jsonl"; sed -n 2p "$data/orders.jsonl" | sed 's/SO-200002/SO-300002/'; } |
	sed 's/$/\r/' >"$tmp.crlf"
PGDATABASE=$db "$BACKDESK" import "$tmp.crlf" >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc:$(cat "$tmp.out")" "1:imported 2 orders, 1 refused" "CRLF and a BOM are read like any file"
like "$(cat "$tmp.err")" "^$tmp\.crlf:2: " "the refused line is named by its number"

# A line too long is refused without reading it into memory.
{ sed -n 1p "$data/orders.jsonl" | sed 's/SO-200001/SO-400001/'
  printf '{"number": "SO-400002", "pad": "'; head -c 1100000 /dev/zero | tr '\0' x; printf '"}\n'; } >"$tmp.long"
PGDATABASE=$db "$BACKDESK" import "$tmp.long" >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc:$(cat "$tmp.out")" "1:imported 1 order, 1 refused" "a line over 1 MiB is refused, the others go in"
like "$(cat "$tmp.err")" "\.long:2: the line is 1100[0-9]+ bytes long, more than the 1048576 allowed" \
	"and the message says why"

# Not JSON objects, duplicate keys.
printf '[1, 2]\n{"number": "X", "number": "Y"}\n"just a string"\n' >"$tmp.bad"
PGDATABASE=$db "$BACKDESK" import "$tmp.bad" >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc:$(cat "$tmp.out")" "1:imported 0 orders, 3 refused" "arrays, duplicate keys and bare strings are refused"
like "$(cat "$tmp.err")" ":2:[0-9]+: malformed JSON: duplicate object key" "a duplicate key is named"

# A login that may not import is stopped at once, with the reason.
login=importagent$$
PGDATABASE=$db "$BACKDESK" staff add "$login" --name "Import Agent" --role agent >/dev/null 2>&1
PGUSER=$login PGDATABASE=$db "$BACKDESK" import "$data/orders.jsonl" >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc" 1 "an agent cannot import"
like "$(cat "$tmp.err")" "importing orders is not allowed for $login" "and is told why"
is "$(grep -c 'not allowed' "$tmp.err")" 1 "once, not once a line"

# Usage and missing files.
"$BACKDESK" import >/dev/null 2>&1; rc1=$?
"$BACKDESK" import a.jsonl b.jsonl >/dev/null 2>&1; rc2=$?
is "$rc1:$rc2" "2:2" "usage errors exit 2"
err=$(PGDATABASE=$db "$BACKDESK" import "$tmp.nonexistent" 2>&1); rc=$?
is "$rc" 1 "a missing file exits 1"
like "$err" "cannot open .*nonexistent: No such file or directory" "and says so"
rm -f "$tmp".*
