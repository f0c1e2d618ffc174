#!/bin/bash
# 0042 on a database that already has parcels: one with tracking events and an order
# with a delivery window, one without events or window, and products without a
# barcode.  backdesk migrate fills each parcel's newest event's time and its promised
# day (backdesk.promised_window, as the order screen reads it), keeps the products
# (an EAN is optional), and the tracking message api.queue_message writes is the
# same one it wrote before (0042 moved its text into backdesk.order_message).  The
# parcels' channel now carries the shipment's id.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 12

emptydb migrate_shipping; db=$REPLY
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# The schema as it was before 0042, recorded as backdesk migrate records it.
old=("$BACKDESK_ROOT"/db/migrations/00[0-3][0-9]_*.sql "$BACKDESK_ROOT"/db/migrations/004[01]_*.sql)
for f in "${old[@]}"; do
	psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -1 -f "$f" >/dev/null 2>&1 ||
		{ echo "Bail out! cannot apply $(basename "$f")"; exit 1; }
done
for f in "${old[@]}"; do
	base=$(basename "$f" .sql)
	q "INSERT INTO backdesk.schema_migrations (version, name, checksum)
	   VALUES (${base%%_*} + 0, '${base#*_}', '$(sha256sum < "$f" | cut -d' ' -f1)')" ||
		{ echo "Bail out! cannot record $base"; exit 1; }
done
is "$(q "SELECT max(version) FROM backdesk.schema_migrations")" 41 "a database at 0041"

for n in 1 2 3; do
	q "SELECT api.import_order('{\"number\": \"SO-MS-$n\", \"placed_at\": \"2026-11-01T10:00:00+03:00\", \"currency\": \"TRY\",
	     \"customer\": {\"email\": \"ms@example.com\", \"name\": \"Eski Müşteri\", \"locale\": \"tr\"},
	     \"shipping_address\": {\"line1\": \"Kordon 1\", \"city\": \"İzmir\", \"country\": \"TR\"},
	     \"lines\": [{\"sku\": \"MS-$n\", \"name\": \"Kupa\", \"qty\": 1, \"unit_price\": \"100.00\"}],
	     \"shipping_fee\": \"0\", \"payment\": {\"method\": \"card\", \"paid\": \"100.00\"}}'::jsonb)" >/dev/null ||
		{ echo "Bail out! cannot import an order at 0041"; exit 1; }
done
q "UPDATE backdesk.orders SET deliver_from = '2026-11-04', deliver_to = '2026-11-06', status = 'shipped'
   WHERE number = 'SO-MS-1';
   UPDATE backdesk.orders SET deliver_from = NULL, deliver_to = NULL, status = 'shipped' WHERE number = 'SO-MS-2';
   INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
   SELECT id, 'yurtici', 'MSTRACK' || right(number, 1), 'IN_TRANSIT', '2026-11-02T09:00:00+03'
   FROM backdesk.orders WHERE number IN ('SO-MS-1', 'SO-MS-2');
   INSERT INTO backdesk.shipment_events (shipment_id, occurred_at, status, location)
   SELECT s.id, t, 'IN_TRANSIT', 'Hub ' || t FROM backdesk.shipments s,
          unnest(ARRAY['2026-11-02T12:00:00Z', '2026-11-03T08:15:00Z', '2026-11-02T20:00:00Z']::timestamptz[]) t
   WHERE s.tracking_no = 'MSTRACK1';
   UPDATE backdesk.orders SET deliver_from = '2026-11-04', deliver_to = '2026-11-05', status = 'delivered'
   WHERE number = 'SO-MS-3';
   INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, delivered_at)
   SELECT id, 'yurtici', 'MSTRACK3', 'DELIVERED', '2026-11-02T09:00:00+03', '2026-11-04T10:00:00Z'
   FROM backdesk.orders WHERE number = 'SO-MS-3';
   INSERT INTO backdesk.shipment_events (shipment_id, occurred_at, status, location)
   SELECT s.id, t, 'DELIVERED', 'Kapı' FROM backdesk.shipments s,
          unnest(ARRAY['2026-11-04T10:00:00Z', '2026-11-03T10:00:00Z']::timestamptz[]) t
   WHERE s.tracking_no = 'MSTRACK3'" >/dev/null || { echo "Bail out! cannot write parcels at 0041"; exit 1; }
before=$(q "SELECT body FROM backdesk.outbox WHERE id = api.queue_message('SO-MS-1', 'tracking')")

out=$(PGDATABASE=$db "$BACKDESK" migrate 2>&1); rc=$?
is "$rc" 0 "backdesk migrate brings it up to date"
like "$out" "applied 0042_shipping_and_tracking" "through 0042"
is "$(q "SET TimeZone = 'UTC'; SELECT string_agg(tracking_no || ' ' || coalesce(last_event_at::text, '-') || ' ' || coalesce(promised_to::text, '-'),
                                  ', ' ORDER BY tracking_no) FROM backdesk.shipments")" \
	"MSTRACK1 2026-11-03 08:15:00+00 2026-11-06, MSTRACK2 - 2026-11-07, MSTRACK3 - -" \
	"moving parcels: the newest event's time where there are events; the order's window, else five days after shipping; a delivered one is not rewritten"
is "$(q "SET TimeZone = 'UTC'; SELECT d->>'last_event_at' || ' ' || (d->>'promised_to') || ' ' || (d->>'late')
          FROM (SELECT api.parcel_detail(id) d FROM backdesk.shipments WHERE tracking_no = 'MSTRACK3') x")" \
	"2026-11-04 10:00 2026-11-05 false" "the parcel screen works them out for it"
is "$(q "SET TimeZone = 'UTC'; SELECT string_agg(tracking_no || ' ' || last_event_at::text, ', ') FROM backdesk.shipments WHERE last_event_at IS NOT NULL")" \
	"MSTRACK1 2026-11-03 08:15:00+00" "only the moving parcel with events took a time"
is "$(q "SELECT count(*) || ' ' || count(ean) FROM backdesk.products WHERE sku LIKE 'MS-%'")" "3 0" \
	"the products are kept, without a barcode"
is "$(q "UPDATE backdesk.products SET ean = '8690000000012' WHERE sku = 'MS-1' RETURNING ean")" "8690000000012" \
	"and take one"
is "$(q "SELECT body FROM backdesk.outbox WHERE id = api.queue_message('SO-MS-1', 'tracking')")" "$before" \
	"api.queue_message writes the same tracking message as before"
id2=$(q "SELECT id FROM backdesk.shipments WHERE tracking_no = 'MSTRACK2'")
like "$(psql -XAt -d "$db" -c "LISTEN backdesk_shipments" \
	-c "UPDATE backdesk.shipments SET last_error = 'x' WHERE tracking_no = 'MSTRACK2'" 2>&1)" \
	"notification \"backdesk_shipments\" with payload \"$id2\"" "a changed parcel notifies its id"
like "$(psql -XAt -d "$db" -c "LISTEN backdesk_shipments" \
	-c "SELECT api.record_tracking('MSTRACK2', '{\"status\": \"IN_TRANSIT\", \"events\": [{\"at\": \"2026-11-03T10:00:00Z\", \"status\": \"IN_TRANSIT\"}]}')" 2>&1)" \
	"notification \"backdesk_shipments\" with payload \"$id2\"" "so does a new tracking event"
q "INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status)
   SELECT o.id, 'yurtici', 'MSBULK' || i, 'IN_TRANSIT' FROM backdesk.orders o, generate_series(1, 150) i
   WHERE o.number = 'SO-MS-2'" >/dev/null
got=$(psql -XAt -d "$db" -c "LISTEN backdesk_shipments" -c "UPDATE backdesk.shipments SET last_error = 'y'" 2>&1)
is "$(echo "$got" | grep -c 'notification "backdesk_shipments"') $(echo "$got" | grep -c 'with payload "many"')" "1 1" \
	"a statement changing 152 parcels sends one 'many', not 152 ids"
