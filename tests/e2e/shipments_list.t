#!/bin/bash
# The Shipments pane (tab 4) at 80x24: the strip of views with their counts, as
# SQL counts them on the demo data; each view's rows in its order (To pack: the
# orders without a parcel, ship_by first, the late ones marked; in transit and
# exception: the oldest shipped first; no movement: the longest silent first;
# late: the longest overdue first; delivered and returned: the newest first);
# paging through more than a screen; a parcel changed from another session moves
# the counts and the rows without a key (NOTIFY); Enter opens the parcel, or on
# To pack the order; the warehouse and the supervisor see the pane too.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 25

newdb e2e_shipments_list; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
# The seed writes shipments before these columns were there: filled as the migration fills old rows.
q "UPDATE backdesk.shipments s SET last_event_at = (SELECT max(e.occurred_at) FROM backdesk.shipment_events e
   WHERE e.shipment_id = s.id), promised_to = (SELECT o.deliver_to FROM backdesk.orders o WHERE o.id = s.order_id)"

FINAL="('DELIVERED','RETURNED','CANCELLED','EXPIRED')"
W_PACK="o.status IN ('paid','packed') AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id)"
W_TRANSIT="s.status IN ('UNKNOWN','PRE_TRANSIT','IN_TRANSIT','OUT_FOR_DELIVERY','AVAILABLE_FOR_PICKUP')"
W_EXC="s.status IN ('EXCEPTION','DELIVERY_ATTEMPTED')"
W_STALE="s.status NOT IN $FINAL AND coalesce(s.last_event_at, s.shipped_at) < now() - interval '3 days'"
W_LATE="s.status NOT IN $FINAL AND s.promised_to < backdesk.shop_date(now())"
W_DELIV="s.status = 'DELIVERED'"
W_RET="s.status IN ('RETURNING','RETURNED')"
count() { q "SELECT count(*) FROM backdesk.shipments s WHERE $1"; }
tracking() { # WHERE ORDER LIMIT: the tracking numbers as the view lists them
	q "SELECT s.tracking_no FROM backdesk.shipments s WHERE $1 ORDER BY $2 LIMIT $3"
}
n_pack=$(q "SELECT count(*) FROM backdesk.orders o WHERE $W_PACK")
n_transit=$(count "$W_TRANSIT"); n_exc=$(count "$W_EXC"); n_stale=$(count "$W_STALE")
n_late=$(count "$W_LATE"); n_deliv=$(count "$W_DELIV"); n_ret=$(count "$W_RET")
for n in "$n_pack" "$n_transit" "$n_exc" "$n_stale" "$n_late" "$n_deliv" "$n_ret"; do
	[ "$n" -gt 0 ] || { echo "Bail out! the demo has an empty Shipments view"; exit 1; }
done
[ "$n_deliv" -lt 1000 ] || { echo "Bail out! more delivered parcels than the count's cap"; exit 1; }

rows() { screen | sed -n '4,21p' | grep -cE "^$1 "; }

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys 4
ok 'wait_for "4 Shipments" && wait_for "In transit $n_transit "' "tab 4 is the Shipments pane, on the parcels in transit"
ok 'wait_for " To pack $n_pack  In transit $n_transit  Exception $n_exc  No movement $n_stale  Late $n_late  Delivered $n_deliv"' \
	"the strip counts each view as SQL does"
ok 'wait_for "Tracking +Carrier +Status +Order +Customer +News +Promised"' \
	"at 80 columns: tracking, carrier, status, order, customer, news, promised"
mapfile -t first < <(tracking "$W_TRANSIT" "s.shipped_at, s.id" 5)
ok 'in_order "${first[@]}" && [ "$(rows "[0-9A-Z]+")" -eq "$(( n_transit < 18 ? n_transit : 18 ))" ]' \
	"in transit: the oldest shipped first"
ups=$(q "SELECT s.tracking_no FROM backdesk.shipments s WHERE $W_TRANSIT AND s.carrier = 'ups' ORDER BY s.shipped_at LIMIT 1")
ok '[ -z "$ups" ] || wait_for "^$ups +ups "' "a UPS number is whole at 80 columns"

# \ narrows a view to one carrier, by its code or its name.
n_dhl=$(count "$W_TRANSIT AND s.carrier = 'dhl'")
keys '\'
typetext "DHL"
keys Enter
ok 'wait_for "filter: DHL" && [ "$(rows "[0-9A-Z]+ +dhl")" -eq "$n_dhl" ] && [ "$(rows "[0-9A-Z]+")" -eq "$n_dhl" ]' \
	"the filter shows DHL's parcels only"
keys Escape
ok 'wait_gone "filter: DHL" && [ "$(rows "[0-9A-Z]+")" -eq "$(( n_transit < 18 ? n_transit : 18 ))" ]' "Esc takes it away"

keys Right
mapfile -t first < <(tracking "$W_EXC" "s.shipped_at, s.id" 10)
ok 'wait_for "${first[0]} " && in_order "${first[@]}" && [ "$(rows "[0-9A-Z]+")" -eq "$n_exc" ]' \
	"Exception: the problems and failed deliveries, oldest first"
keys Right
mapfile -t first < <(tracking "$W_STALE" "coalesce(s.last_event_at, s.shipped_at), s.id" 5)
ok 'wait_for "${first[0]} " && in_order "${first[@]}"' "No movement: the longest silent first"
keys Right
mapfile -t first < <(tracking "$W_LATE" "s.promised_to, s.id" 5)
ok 'wait_for "${first[0]} " && in_order "${first[@]}"' "Late: the longest overdue first"
keys Right
mapfile -t first < <(tracking "$W_DELIV" "coalesce(s.delivered_at, s.shipped_at) DESC, s.id DESC" 5)
ok 'wait_for "${first[0]} +[a-z]+ +delivered" && in_order "${first[@]}"' "Delivered: the newest first"
keys Right
mapfile -t first < <(tracking "$W_RET" "s.shipped_at DESC, s.id DESC" 10)
ok 'wait_for "Returned $n_ret" && in_order "${first[@]}" && [ "$(rows "[0-9A-Z]+")" -eq "$n_ret" ]' \
	"Returned: its count (the strip keeps it in sight), the newest first"
keys Right
mapfile -t first < <(q "SELECT o.number FROM backdesk.orders o WHERE $W_PACK ORDER BY o.ship_by, o.id LIMIT 5")
late1=$(q "SELECT o.number FROM backdesk.orders o WHERE $W_PACK AND backdesk.late_to_ship(o.status, o.ship_by) ORDER BY o.ship_by, o.id LIMIT 1")
ok 'wait_for "Order +Ship by +Status +Lines +Units +Customer +Age" && in_order "${first[@]}"' \
	"To pack (round the end): the orders without a parcel, ship_by first"
ok 'wait_for "^$late1 .* (paid|packed), late "' "a late one says so"
keys Enter
ok 'wait_for "Order ${first[0]}" && wait_gone "Ship by +Status +Lines"' "Enter on To pack opens the order"
keys Escape

# Live: a parcel in transit runs into trouble, from psql, no key pressed.
keys Right
mapfile -t first < <(tracking "$W_TRANSIT" "s.shipped_at, s.id" 1)
wait_for "^${first[0]} " >/dev/null
q "UPDATE backdesk.shipments SET status = 'EXCEPTION' WHERE tracking_no = '${first[0]}'"
ok 'poll_for "In transit $((n_transit - 1)) " && poll_for "Exception $((n_exc + 1)) "' \
	"a parcel changed from psql: the counts follow"
ok 'poll_gone "^${first[0]} "' "and the parcel leaves the view"
keys Right
ok 'wait_for "^${first[0]} .* problem"' "it is under Exception now"
keys Left

# Paging: forty parcels more, more than a screen; PgDn goes on, End reaches the newest.
q "INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, promised_to)
   SELECT (SELECT min(id) FROM backdesk.orders WHERE status = 'shipped'), 'dhl', 'PG' || lpad(g::text, 8, '0'),
          'IN_TRANSIT', timestamptz '2020-01-01 00:00+00' + g * interval '1 minute', date '2030-01-01'
   FROM generate_series(1, 40) g"
ok 'poll_for "In transit $((n_transit + 39)) "' "forty more in transit: the count follows"
# The rows are a query of their own, after the count's.
ok 'poll_for "^PG00000001 " && wait_selected 4 "PG00000001 "' "the oldest is first, the cursor on it"
keys PageDown
ok 'wait_gone "PG00000001 " && wait_for "PG000000[23][0-9] "' "PgDn pages on through the keyset"
keys End
newest=$(tracking "$W_TRANSIT" "s.shipped_at DESC, s.id DESC" 1)
ok 'wait_for "^$newest "' "End reaches the newest"
keys Home
keys Enter
ok 'wait_for "Parcel PG00000001" && wait_for "DHL PG00000001"' "Enter opens the parcel"
keys Escape

# The warehouse and the supervisor see the pane.
E2E_T=wh
e2e_start 80x24 PGDATABASE="$db" PGUSER=mehmet -- "$BACKDESK"
wait_for "\(warehouse\)" >/dev/null
keys 4
ok 'wait_for "In transit $((n_transit + 39)) "' "the warehouse sees the Shipments pane"
E2E_T=sv
e2e_start 80x24 PGDATABASE="$db" PGUSER=zsofia -- "$BACKDESK"
wait_for "\(supervisor\)" >/dev/null
keys 4
ok 'wait_for "In transit $((n_transit + 39)) "' "so does a supervisor"
