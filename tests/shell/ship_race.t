#!/bin/bash
# One order, twenty warehouse logins (issue 14): each scans the same packed order and
# its own label at the same moment, round after round (separate psql sessions held at
# a barrier and let go together, tests/lib/race.sh).  api.ship_parcel locks the order
# row before it looks at its state, so in every round exactly one parcel is made and
# the nineteen others are refused with BD002 naming that parcel; no order ever has
# two parcels, and the order's version moved once.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 8

newdb ship_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/ship_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }

ROUNDS=5
CLIENTS=20
logins=()
for ((c = 1; c <= CLIENTS; c++)); do
	logins+=("t_sr_wh${c}_$$")
done
q -c "SELECT api.staff_add(l, 'Depo ' || i, 'warehouse') FROM unnest(string_to_array('${logins[*]}', ' '))
      WITH ORDINALITY x(l, i)" >/dev/null || { echo "Bail out! cannot add the warehouse logins"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS ${logins[*]// /, }' >/dev/null"

q >/dev/null <<SQL
DO \$\$
BEGIN
    FOR i IN 1..$ROUNDS LOOP
        PERFORM api.import_order(jsonb_build_object('number', 'SO-SR-' || i) || '{
            "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
            "customer": {"email": "sr@example.com", "name": "Tek Koli"},
            "shipping_address": {"line1": "Bağdat Cd. 1", "city": "İstanbul", "country": "TR"},
            "lines": [{"sku": "SR-KUP", "name": "Kupa", "qty": 2, "unit_price": "149.90"}],
            "payment": {"method": "card", "paid": "299.80"}}'::jsonb);
    END LOOP;
END
\$\$;
SQL
is "$(q -c "SELECT count(*) FROM api.orders_to_pack(1000) WHERE number LIKE 'SO-SR-%'")" "$ROUNDS" \
	"$ROUNDS paid orders to pack"
v0=$(q -c "SELECT sum(version) FROM backdesk.orders WHERE number LIKE 'SO-SR-%'")

source "$BACKDESK_ROOT/tests/lib/race.sh"

went_all=0 one_each=0 refused_each=0
for ((r = 1; r <= ROUNDS; r++)); do
	barrier $((7400 + r))
	for ((c = 1; c <= CLIENTS; c++)); do
		# Yurtiçi numbers: 12 digits, one per round and client.
		client "r${r}x-c$c" "${logins[c - 1]}" \
			"SELECT api.ship_parcel('SO-SR-$r', 'yurtici', '7$(printf '%03d%08d' "$r" "$c")', '[{\"line_no\": 1, \"qty\": 2}]')"
	done
	go $CLIENTS && went_all=$((went_all + 1))
	got=$(rcs "r${r}x-")
	if [ "$got" = "1×0 $((CLIENTS - 1))×1" ]; then
		one_each=$((one_each + 1))
	else
		diag "round $r: $got"
	fi
	if [ "$(grep -l "ERROR:  BD002: order SO-SR-$r was already shipped with Yurtiçi Kargo 7$(printf '%03d' "$r")[0-9]\{8\} on " \
		"$tmp"/r${r}x-*.err | wc -l)" = $((CLIENTS - 1)) ]; then
		refused_each=$((refused_each + 1))
	fi
done
is "$went_all" "$ROUNDS" "in each of the $ROUNDS rounds all $CLIENTS clients waited at the barrier and were let go together"
is "$one_each" "$ROUNDS" "in every round exactly one ship_parcel went through and $((CLIENTS - 1)) were refused"
is "$refused_each" "$ROUNDS" "every refusal is BD002 naming the parcel that was shipped"
like "$(cat "$tmp"/r1x-*.err)" "HINT:  Do not send it twice" "with what to do instead"
is "$(q -c "SELECT count(*) || ' ' || count(DISTINCT order_id) FROM backdesk.shipments s JOIN backdesk.orders o
            ON o.id = s.order_id WHERE o.number LIKE 'SO-SR-%'")" "$ROUNDS $ROUNDS" \
	"one parcel per order, none twice"
is "$(q -c "SELECT sum(version) - $v0 || ' ' || count(*) FILTER (WHERE status = 'shipped')
            FROM backdesk.orders WHERE number LIKE 'SO-SR-%'")" "$ROUNDS $ROUNDS" \
	"each order shipped, its version moved once"
is "$(q -c "SELECT (SELECT count(*) FROM backdesk.audit_log WHERE action = 'order.ship' AND actor LIKE 't_sr_wh%')
            || ' ' || (SELECT count(*) FROM backdesk.outbox x JOIN backdesk.orders o ON o.id = x.order_id
                       WHERE o.number LIKE 'SO-SR-%' AND x.kind = 'tracking')")" "$ROUNDS $ROUNDS" \
	"one audit row and one tracking message per order, none for the refused calls"
