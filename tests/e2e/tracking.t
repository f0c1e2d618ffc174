#!/bin/bash
# The console's tracking service (issue 14) at 80x24, both services pointed at the
# fake carrier server (tests/fakes/carrier_fake.py): U on a parcel asks its
# carrier and the screen shows the new status and timeline; U on the Shipments
# list asks about the parcels on the screen and says how many; the background
# round updates a due parcel without a key; malformed JSON and a 5 MB body say
# "lookup failed" with why on the parcel; a service not set up says what to put
# in backdesk.ini; lookups that hang keep the console answering keys within
# 100 ms; a database stopped while an answer comes back loses nothing silently.
# On a cluster of its own, because it stops it.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 22

own=$BACKDESK_TEST_TMP/tk.$$
export DEVDB_DIR=$own DEVDB_NAME=tk DEVDB_FAST=1
at_exit "DEVDB_DIR=$own $BACKDESK_ROOT/db/devdb destroy"
"$BACKDESK_ROOT/db/devdb" start >/dev/null || { echo "Bail out! own cluster did not start"; exit 1; }
eval "$("$BACKDESK_ROOT/db/devdb" env)"
"$BACKDESK" migrate >/dev/null && "$BACKDESK" seed --demo >/dev/null 2>&1 \
	|| { echo "Bail out! migrate/seed failed"; exit 1; }
sql() { psql -XAtq -v ON_ERROR_STOP=1 -d tk "$@"; }
tmp=$(mktemp -d "$BACKDESK_TEST_TMP/tk.XXXXXX")
at_exit "rm -rf '$tmp'"

# The fake, on loopback.
python3 "$BACKDESK_ROOT/tests/fakes/carrier_fake.py" --port-file "$tmp/port" 2>"$tmp/fake.err" &
fake=$!
at_exit "kill $fake"
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
base=http://127.0.0.1:$(cat "$tmp/port" 2>/dev/null)
get() { python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$1"; }
ctl() { get "$base/_control/$1" >/dev/null; }
count() { get "$base/_control/count${1:+?number=$1}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'; }
printf 'dhl-key\n' >"$tmp/dhl.key"; printf 'as-key\n' >"$tmp/as.key"; chmod 600 "$tmp"/*.key
printf '[carrier.dhl]\nbase_url = %s\napi_key_file = %s\n[carrier.aftership]\nbase_url = %s\napi_key_file = %s\n[tracking]\nbackground = on\n' \
	"$base" "$tmp/dhl.key" "$base" "$tmp/as.key" >"$tmp/both.ini"
printf '[tracking]\nbackground = off\n' >"$tmp/none.ini"

# Parcels of our own on shipped orders, the oldest shipped (first on In transit),
# label made, no news; none due but TK00000009 (the background round's).
sql <<'SQL' || { echo "Bail out! the parcels were not made"; exit 1; }
UPDATE backdesk.shipments SET next_check_at = now() + interval '1 day';
WITH o AS (
    SELECT o.id, o.deliver_to, row_number() OVER (ORDER BY o.id) AS n
    FROM backdesk.orders o WHERE o.status IN ('paid', 'packed', 'shipped')
      AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id)
    ORDER BY o.id LIMIT 9)
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, promised_to,
                                next_check_at, shipped_by)
SELECT id, 'yurtici', 'TK0000000' || n, 'PRE_TRANSIT', now() - interval '90 days' + n * interval '1 minute',
       deliver_to, CASE WHEN n = 9 THEN NULL ELSE now() + interval '1 day' END, 'mehmet'
FROM o;
SQL
is "$(sql -c "SELECT count(*) FROM backdesk.shipments WHERE tracking_no LIKE 'TK%'")" 9 "nine parcels of the test's own"
status() { sql -c "SELECT status FROM backdesk.shipments WHERE tracking_no = '$1'"; }
open_parcel() {
	keys :
	typetext "parcel $1"
	keys Enter
	wait_for "Parcel $1" >/dev/null && wait_for "^ Status" >/dev/null
}

e2e_start 80x24 PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=tk PGUSER=mehmet BACKDESK_CONFIG="$tmp/both.ini" -- "$BACKDESK"
ok 'wait_for "\(warehouse\)"' "the console is up (a warehouse login: any staff may ask)"

# The background round, shortly after start, with no key.
ok 'for _ in $(seq 100); do [ "$(status TK00000009)" = IN_TRANSIT ] && break; sleep 0.1; done; [ "$(status TK00000009)" = IN_TRANSIT ]' \
	"the background round asked about the due parcel and wrote its answer"
is "$(count TK00000001)" 0 "and nothing that was not due"

# U on the parcel (the carrier takes a second to answer, to see it asked).
ctl "fault?number=TK00000001&fault=slow&ms=1500&times=1"
open_parcel TK00000001
ok 'wait_for "^ Status +label made"' "a parcel with a label made and no news"
keys U
ok 'wait_for "TK00000001: asking the carrier…"' "U says the carrier is being asked"
ok 'poll_for "^ Status +in transit" 10 && poll_for "Istanbul +Transfer merkezinde" 10' \
	"then the new status and the timeline, from the carrier's answer"
is "$(status TK00000001)" IN_TRANSIT "the database has it"

# Malformed JSON and a 5 MB body: lookup failed, with why, on the parcel.
ctl "fault?number=TK00000002&fault=malformed"
open_parcel TK00000002
keys U
ok 'poll_for "TK00000002: lookup failed: AfterShip.s answer was not what it" 10 && poll_for "it is( not)?$" 1' \
	"malformed JSON: lookup failed, saying it was not JSON"
ok 'poll_for "Last error +AfterShip.s answer was not what it documents: it is not JSON" 10' \
	"the parcel shows it as its last error"
ctl "fault?number=TK00000003&fault=huge"
open_parcel TK00000003
keys U
ok 'poll_for "TK00000003: lookup failed: the answer from aftership was larger than 1024 KB" 10' \
	"a 5 MB body: lookup failed, saying it was too large"
is "$(status TK00000003)" PRE_TRANSIT "and the parcel's status stays as it was"

# U on the list: the parcels on the screen.
keys 4
wait_for "In transit" >/dev/null
keys U
ok 'wait_for "asking the carriers about [0-9]+ parcels…"' "U on the list says how many parcels it asks about"
ok 'for _ in $(seq 100); do [ "$(status TK00000005)" = IN_TRANSIT ] && break; sleep 0.1; done; [ "$(status TK00000005)" = IN_TRANSIT ]' \
	"a parcel on the screen was asked about and updated"
ok 'poll_for "^TK00000005 +yurtici +in transit" 10' "and the list shows it without a key"

# The database stops while an answer is on its way: the answer is not lost
# silently (it waits for the connection, or the failure is said).
ctl "fault?number=TK00000007&fault=slow&ms=2500"
open_parcel TK00000007
keys U
wait_for "TK00000007: asking the carrier…" >/dev/null
"$BACKDESK_ROOT/db/devdb" stop >/dev/null
ok 'poll_for "DISCONNECTED" 5' "the server stops while the carrier is being asked"
sleep 3 # the fake's 2.5 s: the answer comes back while the server is down
"$BACKDESK_ROOT/db/devdb" start >/dev/null
ok 'poll_for "connected *$" 30' "it reconnects"
ok 'for _ in $(seq 100); do [ "$(status TK00000007)" = IN_TRANSIT ] && break; screen | grep -q "TK00000007: .*could not be" && break; sleep 0.1; done
    [ "$(status TK00000007)" = IN_TRANSIT ] || screen | grep -q "TK00000007: .*could not be"' \
	"the answer was written once the server was back, or its loss was said"
ok 'poll_for "^ Status +in transit|could not be" 10' "and the screen shows which"

# Lookups that hang: keys still answered within 100 ms.  Key-to-screen: the
# table's lines (with their highlight) until they differ, Down and Up in turn.
body() { screen_attrs | sed -n '3,20p'; }
key_ms() {
	local before t0 now
	before=$(body)
	t0=$(date +%s%N)
	keys "$1"
	while :; do
		now=$(date +%s%N)
		[ "$(body)" != "$before" ] && break
		[ $(( (now - t0) / 1000000 )) -gt 3000 ] && break
	done
	echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
measure() {
	local worst=0 ms k
	for k in Down Up Down Up Down Up Down Up Down Up; do
		ms=$(key_ms "$k")
		[ "$ms" -gt "$worst" ] && worst=$ms
	done
	echo "$worst"
	[ "$worst" -lt 100 ] || dump_screen >&2
}
keys Escape
wait_for "Tracking +Carrier +Status" >/dev/null
keys Home
wait_idle >/dev/null
base_ms=$(measure)
ctl "fault?fault=hang&times=100&ms=30000"
keys U
ok 'poll_for "tracking [0-9]+…" 5' "the status line shows the lookups in flight"
hang_ms=$(measure)
echo "# key to screen, worst of 10: $base_ms ms idle, $hang_ms ms while lookups hang"
ok "[ $hang_ms -lt 100 ]" "while lookups hang, every key shows within 100 ms (worst $hang_ms ms, idle $base_ms ms)"
ctl reset

# A service not set up: said, with what to put in backdesk.ini.
E2E_T=none
e2e_start 80x24 PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=tk PGUSER=ayse BACKDESK_CONFIG="$tmp/none.ini" -- "$BACKDESK"
wait_for "\(agent\)" >/dev/null
open_parcel TK00000006
keys U
ok 'wait_for "TK00000006: AfterShip tracking is not set up: put base_url and api_key_file" && wait_for "^under \[carrier.aftership\] in backdesk.ini"' \
	"U without a service set up says what to put in backdesk.ini"

