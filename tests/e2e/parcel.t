#!/bin/bash
# The parcel screen (issue 14) at 80x24: opened from the Shipments list, from the
# lookup box (g + tracking number) and with :parcel; the carrier, the status
# (normalized and the carrier's words), the promised window and that it is late,
# when the carrier was last asked and its last error, the timeline newest first;
# O opens the order; d sends the proposed delay notice (the compensation given,
# once) or dismisses it (a reason asked for); d without a proposal says why; the
# warehouse has no d; a new event from another session shows without a key
# (NOTIFY); the server stopped and started again: the screen says so, then
# follows changes again.  On a cluster of its own, because it stops it.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 30

own=$BACKDESK_TEST_TMP/pc.$$
export DEVDB_DIR=$own DEVDB_NAME=pc DEVDB_FAST=1
at_exit "DEVDB_DIR=$own $BACKDESK_ROOT/db/devdb destroy"
"$BACKDESK_ROOT/db/devdb" start >/dev/null || { echo "Bail out! own cluster did not start"; exit 1; }
eval "$("$BACKDESK_ROOT/db/devdb" env)"
"$BACKDESK" migrate >/dev/null && "$BACKDESK" seed --demo >/dev/null 2>&1 \
	|| { echo "Bail out! migrate/seed failed"; exit 1; }
sql() { psql -XAtq -v ON_ERROR_STOP=1 -d pc "$@"; }

# Three parcels on shipped TRY orders: TL00000001 late, with a timeline, a last
# error and a proposed delay notice; TL00000002 with a notice to dismiss;
# TL00000003 without one.
sql <<'SQL' || { echo "Bail out! the parcels were not made"; exit 1; }
WITH o AS (
    SELECT o.id, o.deliver_to, row_number() OVER (ORDER BY o.id) AS n
    FROM backdesk.orders o WHERE o.status = 'shipped' AND o.currency = 'TRY'
      AND o.deliver_to < backdesk.shop_date(now())
    ORDER BY o.id LIMIT 3),
s AS (
    INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, carrier_code, carrier_text,
                                    shipped_at, promised_to, last_checked_at, last_error, shipped_by)
    SELECT id, 'dhl', 'TL0000000' || n, 'IN_TRANSIT', 'transit', 'Sendung in Zustellbasis',
           now() - interval '5 days', deliver_to, now() - interval '1 hour',
           CASE n WHEN 1 THEN 'the carrier did not answer within 15 s' END, 'mehmet'
    FROM o RETURNING id, tracking_no)
INSERT INTO backdesk.shipment_events (shipment_id, occurred_at, status, carrier_code, description, location)
SELECT s.id, now() - interval '5 days' + e.n * interval '1 day', 'IN_TRANSIT', 'transit', e.what, e.place
FROM s, (VALUES (1, 'Gönderi kabul edildi', 'Ankara'), (2, 'Transfer merkezinde', 'Eskişehir'),
                (3, 'Dağıtım şubesine ulaştı', 'Kadıköy')) AS e(n, what, place)
WHERE s.tracking_no = 'TL00000001';
UPDATE backdesk.shipments s SET last_event_at = (SELECT max(occurred_at) FROM backdesk.shipment_events e WHERE e.shipment_id = s.id)
WHERE s.tracking_no LIKE 'TL%';
INSERT INTO backdesk.delay_notices (shipment_id, how, amount, currency)
SELECT id, 'gift_code', 25.00, 'TRY' FROM backdesk.shipments WHERE tracking_no IN ('TL00000001', 'TL00000002');
SQL
order1=$(sql -c "SELECT o.number FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id WHERE s.tracking_no = 'TL00000001'")
notice() { sql -c "SELECT n.status FROM backdesk.delay_notices n JOIN backdesk.shipments s ON s.id = n.shipment_id WHERE s.tracking_no = '$1'"; }

e2e_start 80x24 PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=pc PGUSER=ayse -- "$BACKDESK"
ok 'wait_for "Ayşe Yılmaz \(agent\)"' "the console is up"

# From the lookup box: g and the tracking number.
keys g
typetext "TL00000001"
ok 'wait_for "parcel +TL00000001"' "the lookup finds the parcel"
keys Enter
ok 'wait_for "Parcel TL00000001" && wait_for "^ DHL TL00000001"' "Enter opens the parcel screen, not its order"
ok 'wait_for "^ Status +in transit · late"' "its status, and that it is late"
like "$(screen)" "Carrier says +transit · Sendung in Zustellbasis" "the carrier's own words"
like "$(screen)" "Promised +[0-9-]+ – [0-9-]+ · late" "the promised window"
like "$(screen)" "Last error +the carrier did not answer within 15 s" "the last lookup's error"
like "$(screen)" "Asked +[0-9-]+ [0-9:]+" "when the carrier was last asked"
like "$(screen)" "Order +$order1 · shipped" "its order"
ok 'wait_for "Proposed +gift code 25.00 TRY"' "the proposed delay notice"
keys End
newest_first() {
	local a b
	a=$(screen | grep -nE "[0-9:]+ Kadıköy +Dağıtım şubesine ulaştı" | cut -d: -f1)
	b=$(screen | grep -nE "[0-9:]+ Ankara +Gönderi kabul edildi" | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] || { dump_screen; return 1; }
}
ok 'wait_for "Timeline" && newest_first' \
	"the timeline: time, place, the carrier's words, newest first"
keys Home

# d: send the notice as proposed; asked first, given once.
gifts() { sql -c "SELECT count(*) FROM backdesk.gift_codes g JOIN backdesk.orders o ON o.id = g.order_id WHERE o.number = '$order1' AND g.amount = 25.00"; }
gifts_before=$(gifts)
keys d
ok 'wait_for "Delay notice" && wait_for "◀ send it to the customer ▶" && wait_for "25.00"' \
	"d shows the proposal: send it, a gift code of 25.00"
keys F2
ok 'wait_for "Send the delay notice of TL00000001 with gift code 25.00 TRY"' "F2 says what the customer gets"
keys y
ok 'wait_for "TL00000001: delay notice sent to the customer"' "y sends it"
is "$(notice TL00000001)" sent "the database says so"
is "$(gifts)" "$((gifts_before + 1))" "one gift code of 25.00 more for the order"
ok 'wait_for "Sent +gift code 25.00 TRY · ayse"' "the screen shows it sent, and by whom"
keys d
ok 'wait_for "TL00000001: the delay notice was already sent by ayse"' "d again says it is done"

# O opens the order.
keys O
ok 'wait_for "Order $order1"' "O opens the order"
keys Escape

# :parcel, and dismissing: a reason is asked for.
keys :
typetext "parcel TL00000002"
keys Enter
ok 'wait_for "Parcel TL00000002" && wait_for "Proposed +gift code"' ":parcel opens a parcel by its tracking number"
keys d
wait_for "◀ send it" >/dev/null
typetext "d"
keys F2
wait_for "Dismiss the delay notice of TL00000002" >/dev/null
keys y
ok 'wait_for "say why the customer gets no notice" && [ "$(notice TL00000002)" = proposed ]' \
	"dismissing without a reason is refused by the form"
keys Tab Tab Tab
typetext "Müşteri kargoyu şubeden aldı"
keys F2
wait_for "Dismiss the delay notice" >/dev/null
keys y
ok 'wait_for "TL00000002: delay notice dismissed"' "with a reason it is dismissed"
is "$(notice TL00000002)" dismissed "the database says so"

keys :
typetext "parcel TL00000003"
keys Enter
wait_for "Parcel TL00000003" >/dev/null
keys d
ok 'wait_for "TL00000003: no delay notice proposed for this parcel"' "d without a proposal says so"

# Live: the carrier's news arrives from another session, no key pressed.
keys :
typetext "parcel TL00000001"
keys Enter
wait_for "Parcel TL00000001" >/dev/null
sql -c "INSERT INTO backdesk.shipment_events (shipment_id, occurred_at, status, carrier_code, description, location)
        SELECT id, now(), 'OUT_FOR_DELIVERY', 'out', 'Kurye dağıtımda', 'Moda' FROM backdesk.shipments WHERE tracking_no = 'TL00000001';
        UPDATE backdesk.shipments SET status = 'OUT_FOR_DELIVERY', last_event_at = now() WHERE tracking_no = 'TL00000001'" >/dev/null
ok 'poll_for "^ Status +out for delivery" 10 && poll_for "Moda +Kurye dağıtımda" 10' \
	"a new event and status show without a key"

# The server goes away and comes back: the screen says so, then follows again.
"$BACKDESK_ROOT/db/devdb" stop >/dev/null
ok 'poll_for "DISCONNECTED" 5' "the server stops: the status line says so"
"$BACKDESK_ROOT/db/devdb" start >/dev/null
ok 'poll_for "connected *$" 30' "it reconnects"
sql -c "UPDATE backdesk.shipments SET status = 'DELIVERED', delivered_at = now() WHERE tracking_no = 'TL00000001'" >/dev/null
ok 'poll_for "^ Status +delivered" 10 && poll_for "^ Delivered +[0-9-]+ [0-9:]+" 10' \
	"after the reconnect it follows changes again"

# The warehouse reads parcels but decides no compensation: no d.
E2E_T=wh
e2e_start 80x24 PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=pc PGUSER=mehmet -- "$BACKDESK"
wait_for "\(warehouse\)" >/dev/null
keys :
typetext "parcel TL00000001"
keys Enter
ok 'wait_for "Parcel TL00000001" && wait_for "Sent +gift code"' "the warehouse sees the parcel"
keys d
ok 'wait_for "not allowed for your role" && wait_gone "◀ send it"' "and d is refused with a message"
