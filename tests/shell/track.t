#!/bin/bash
# backdesk track --due: asks the carriers about the parcels the database says are
# due, writes each answer or failure back (api.record_tracking,
# api.record_tracking_failure), then api.propose_delay_notices; one summary line
# when not on a terminal.  Until part ship's migration is in the tree, the api it
# calls is stood in for here (only when missing), recording its calls.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 19

newdb track; db=$REPLY
export PGDATABASE=$db
"$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
tmp=$(mktemp -d "${BACKDESK_TEST_TMP:-/tmp}/track.XXXXXX")
at_exit "rm -rf '$tmp'"
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

standin=0
if [ -z "$(q "SELECT to_regprocedure('api.record_tracking_failure(text,text)')")" ]; then
	standin=1
	psql -XAtq -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
CREATE TABLE public.track_calls (kind text, tracking_no text, detail text);
CREATE FUNCTION api.tracking_due(p_limit integer DEFAULT 100)
RETURNS TABLE (id bigint, carrier text, tracking_no text) LANGUAGE sql AS $$
  SELECT s.id, s.carrier, s.tracking_no FROM backdesk.shipments s
   WHERE s.status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')
     AND (s.next_check_at IS NULL OR s.next_check_at <= now())
   ORDER BY s.next_check_at NULLS FIRST, s.id LIMIT p_limit $$;
CREATE FUNCTION api.record_tracking(tracking_no text, doc jsonb) RETURNS jsonb LANGUAGE sql AS $$
  INSERT INTO public.track_calls VALUES ('ok', tracking_no, doc::text);
  UPDATE backdesk.shipments SET next_check_at = now() + interval '30 minutes'
   WHERE shipments.tracking_no = record_tracking.tracking_no;
  SELECT jsonb_build_object('status', doc->>'status', 'changed', true, 'new_events', 1) $$;
CREATE FUNCTION api.record_tracking_failure(tracking_no text, error text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO public.track_calls VALUES ('failure', tracking_no, error);
  UPDATE backdesk.shipments SET last_checked_at = now(), next_check_at = now() + interval '1 hour'
   WHERE shipments.tracking_no = record_tracking_failure.tracking_no $$;
CREATE FUNCTION api.parcel_detail(p_id bigint) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_build_object('id', s.id, 'carrier', s.carrier,
           'carrier_name', backdesk.carrier_name(s.carrier), 'tracking_no', s.tracking_no,
           'status', s.status, 'carrier_text', s.carrier_text,
           'events', coalesce((SELECT jsonb_agg(jsonb_build_object('at', e.occurred_at,
                        'status', e.status, 'code', e.carrier_code, 'text', e.description,
                        'location', e.location) ORDER BY e.occurred_at DESC)
                      FROM backdesk.shipment_events e WHERE e.shipment_id = s.id), '[]'))
    FROM backdesk.shipments s WHERE s.id = p_id $$;
CREATE FUNCTION api.propose_delay_notices() RETURNS integer LANGUAGE sql AS $$
  INSERT INTO public.track_calls VALUES ('propose', NULL, NULL); SELECT 0 $$;
SQL
fi
diag "api stand-ins: $standin"

# Three parcels on the move are due; nothing else is.
q "UPDATE backdesk.shipments SET next_check_at = now() + interval '1 day'" >/dev/null
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
is "$out" "asked about 3 parcels: 0 answered (0 changed, 0 new events), 3 failed; 0 delay notices proposed" \
	"one summary line"
is "$(cat "$tmp/err")" "" "no progress bar when standard error is not a terminal"
if [ "$standin" = 1 ]; then
	is "$(q "SELECT tracking_no FROM public.track_calls WHERE kind = 'failure' ORDER BY 1")" "$due" \
		"a failure recorded for each due parcel"
	like "$(q "SELECT detail FROM public.track_calls WHERE kind = 'failure' LIMIT 1")" \
		'no tracking service covers the carrier|is not set up' "saying why"
	is "$(q "SELECT count(*) FROM public.track_calls WHERE kind = 'propose'")" 1 \
		"then the delay notices are proposed"
else
	is "$(q "SELECT string_agg(tracking_no, E'\n' ORDER BY tracking_no) FROM backdesk.shipments WHERE last_error IS NOT NULL")" \
		"$due" "a failure recorded for each due parcel"
	like "$(q "SELECT last_error FROM backdesk.shipments WHERE last_error IS NOT NULL LIMIT 1")" \
		'no tracking service covers the carrier|is not set up' "saying why"
	ok "true" "then the delay notices are proposed (api.propose_delay_notices ran without error)"
fi

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
if [ "$standin" = 1 ]; then
	is "$(q "SELECT count(*) FROM public.track_calls WHERE kind = 'ok' AND detail::jsonb ? 'status'
	          AND jsonb_typeof(detail::jsonb -> 'events') = 'array'")" 3 \
		"and written back, each as carrier_result_json's document"
else
	is "$(q "SELECT count(*) FROM backdesk.shipments WHERE last_error IS NULL AND last_checked_at IS NOT NULL AND tracking_no IN ($(sed "s/.*/'&'/" <<<"$due" | paste -sd,))")" 3 "and written back"
fi
