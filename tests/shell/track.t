#!/bin/bash
# backdesk track --due: asks the carriers about the parcels the database says are
# due, writes each answer or failure back (api.record_tracking,
# api.record_tracking_failure), then api.propose_delay_notices; one summary line
# when not on a terminal.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 23

newdb track; db=$REPLY
export PGDATABASE=$db
"$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
tmp=$(mktemp -d "${BACKDESK_TEST_TMP:-/tmp}/track.XXXXXX")
at_exit "rm -rf '$tmp'"
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

# Three parcels on the move are due; nothing else is.
q "UPDATE backdesk.shipments SET next_check_at = now() + interval '1 day', last_error = NULL" >/dev/null
# One late parcel has no delay notice yet (the demo proposed them all).
q "DELETE FROM backdesk.delay_notices WHERE id = (SELECT min(id) FROM backdesk.delay_notices WHERE status = 'proposed')" >/dev/null
notices=$(q "SELECT coalesce(max(id), 0) FROM backdesk.delay_notices")
due=$(q "WITH d AS (SELECT id FROM backdesk.shipments
                     WHERE status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')
                     ORDER BY id LIMIT 3)
         UPDATE backdesk.shipments s SET next_check_at = NULL FROM d WHERE s.id = d.id
         RETURNING s.tracking_no" | sort)
is "$(wc -l <<<"$due")" 3 "three parcels are due"

out=$("$BACKDESK" track 2>&1); rc=$?
is "$rc" 2 "track without --due is a usage error"

# No service set up: every lookup fails, each failure is written back with why.
out=$("$BACKDESK" track --due --limit 10 2>"$tmp/err"); rc=$?
is "$rc" 0 "track --due with no carrier set up still succeeds"
is "$out" "asked about 3 parcels: 0 answered (0 changed, 0 new events), 3 failed; 1 delay notices proposed" \
	"one summary line"
is "$(cat "$tmp/err")" "" "no progress bar when standard error is not a terminal"
is "$(q "SELECT string_agg(tracking_no, E'\n' ORDER BY tracking_no) FROM backdesk.shipments WHERE last_error IS NOT NULL")" \
	"$due" "a failure recorded for each due parcel, and only for them"
like "$(q "SELECT last_error FROM backdesk.shipments WHERE last_error IS NOT NULL LIMIT 1")" \
	'no tracking service covers the carrier|is not set up' "saying why"
is "$(q "SELECT count(*) FROM backdesk.delay_notices WHERE status = 'proposed' AND id > $notices")" 1 \
	"then the missing delay notice is proposed"

out=$("$BACKDESK" track --due 2>&1); rc=$?
is "$rc $out" "0 asked about 0 parcels: 0 answered (0 changed, 0 new events), 0 failed; 0 delay notices proposed" \
	"a failed parcel is not due again at once"

# A service with an address but no key is refused before anything is asked.
printf '[carrier.dhl]\nbase_url = https://127.0.0.1:1\n' >"$tmp/nokey.ini"
out=$("$BACKDESK" --config "$tmp/nokey.ini" track --due 2>&1); rc=$?
is "$rc" 1 "a base_url without api_key_file is refused"
like "$out" '\[carrier.dhl\] has a base_url but no api_key_file' "naming the section"

# backdesk track TRACKING_NO: asks now, then prints the history the database holds.
num=$(q "SELECT s.tracking_no FROM backdesk.shipments s
          WHERE EXISTS (SELECT FROM backdesk.shipment_events e WHERE e.shipment_id = s.id)
          ORDER BY s.id LIMIT 1")
nev=$(q "SELECT count(*) FROM backdesk.shipment_events e JOIN backdesk.shipments s ON s.id = e.shipment_id WHERE s.tracking_no = '$num'")
head=$(q "SELECT backdesk.carrier_name(carrier) || ' ' || tracking_no || ': ' || status FROM backdesk.shipments WHERE tracking_no = '$num'")
out=$("$BACKDESK" track "$num" 2>"$tmp/err"); rc=$?
is "$rc" 1 "track TRACKING_NO with no carrier set up: the lookup fails (exit 1)"
like "$(cat "$tmp/err")" 'no tracking service covers the carrier|is not set up' "saying why"
like "$(head -1 <<<"$out")" "^$head" "then the parcel as the database has it"
is "$(($(wc -l <<<"$out") - 1))" "$nev" "and every event of it ($nev)"
out=$("$BACKDESK" track NOSUCH123456 2>&1); rc=$?
is "$rc $out" "1 backdesk: no parcel has this tracking number" "an unknown tracking number is refused"
out=$("$BACKDESK" track A1234 B1234 2>&1); rc=$?
is "$rc" 2 "one tracking number at a time"

# Through the fake carrier server with both services set up: the answers are written
# back.
python3 "$BACKDESK_ROOT/tests/fakes/carrier_fake.py" --port-file "$tmp/port" 2>"$tmp/fake.err" &
fake=$!
at_exit "kill $fake"
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
base=http://127.0.0.1:$(cat "$tmp/port")
printf 'dhl-key\n' >"$tmp/dhl.key"; printf 'as-key\n' >"$tmp/as.key"; chmod 600 "$tmp"/*.key
printf '[carrier.dhl]\nbase_url = %s\napi_key_file = %s\n[carrier.aftership]\nbase_url = %s\napi_key_file = %s\n' \
	"$base" "$tmp/dhl.key" "$base" "$tmp/as.key" >"$tmp/fake.ini"
q "UPDATE backdesk.shipments SET next_check_at = NULL WHERE tracking_no IN ($(sed "s/.*/'&'/" <<<"$due" | paste -sd,))" >/dev/null
out=$("$BACKDESK" --config "$tmp/fake.ini" track --due --limit 10 2>&1); rc=$?
like "$rc $out" '^0 asked about 3 parcels: 3 answered' "every due parcel answered through the fake"
is "$(q "SELECT count(*) FROM backdesk.shipments WHERE last_error IS NULL AND last_checked_at IS NOT NULL AND tracking_no IN ($(sed "s/.*/'&'/" <<<"$due" | paste -sd,))")" 3 "and written back"

# libcurl is loaded when first used (net/curl_lazy.c), not linked: not in the
# program's start.  A libcurl that cannot be loaded is a clear refusal, not a crash.
unset LD_PRELOAD
readelf -d "$BACKDESK" >"$tmp/dyn" || echo "readelf failed" >"$tmp/dyn"
like "$(cat "$tmp/dyn")" 'NEEDED.*libpq' "the program's needed libraries are listed"
is "$(grep -c "NEEDED.*libcurl" "$tmp/dyn")" 0 "libcurl is not among them"
# Nor are ncursesw, jansson and inih: linked in (the Makefile's LINK_STATIC=1).
is "$(grep -cE "NEEDED.*(ncurses|tinfo|jansson|inih)" "$tmp/dyn")" 0 \
	"ncursesw, tinfo, jansson and inih are linked in, not loaded at every start"
mkdir -p "$tmp/nocurl"
echo 'int backdesk_not_curl;' >"$tmp/nocurl/empty.c"
cc -shared -fPIC -o "$tmp/nocurl/libcurl.so.4" "$tmp/nocurl/empty.c"
out=$(LD_LIBRARY_PATH=$tmp/nocurl "$BACKDESK" --config "$tmp/fake.ini" track "$num" 2>&1); rc=$?
like "$rc $out" "^1 backdesk: libcurl could not start: libcurl.so.4 has no curl_global_init" \
	"a libcurl without its functions: the lookup is refused, saying why"
