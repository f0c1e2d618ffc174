#!/bin/bash
# The last unit (issue 13): two agents request a return of the same last unit of an
# order line at the same moment, round after round (separate psql sessions held at a
# barrier and let go together, tests/lib/race.sh).  api.request_return locks the
# order before it counts what other returns claim, so in every round exactly one
# return is made and the other request is refused with BD002 saying none is left;
# no line is ever claimed beyond what was bought.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 8

newdb return_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/return_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }

ROUNDS=30
ayse=t_rr_ayse_$$
deniz=t_rr_deniz_$$
q -c "SELECT api.staff_add('$ayse', 'Ayşe İade', 'agent'), api.staff_add('$deniz', 'Deniz İade', 'agent')" >/dev/null \
	|| { echo "Bail out! cannot add the agents"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS $ayse' -c 'DROP ROLE IF EXISTS $deniz' >/dev/null"

# One order per round: two cups, delivered yesterday, one of them in a return already.
q >/dev/null <<SQL
DO \$\$
BEGIN
    FOR i IN 1..$ROUNDS LOOP
        PERFORM api.import_order(jsonb_build_object('number', 'SO-RR-' || i) || '{
            "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
            "customer": {"email": "rr@example.com", "name": "Son Birim"},
            "shipping_address": {"line1": "Bağdat Cd. 1", "city": "İstanbul", "country": "TR"},
            "lines": [{"sku": "RR-KUP", "name": "Kupa", "qty": 2, "unit_price": "149.90"}],
            "payment": {"method": "card", "paid": "299.80"}}'::jsonb);
    END LOOP;
END
\$\$;
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, delivered_at)
SELECT id, 'yurtici', 'RRSHIP' || id, 'DELIVERED', now() - interval '2 days', now() - interval '1 day'
FROM backdesk.orders WHERE number LIKE 'SO-RR-%';
UPDATE backdesk.orders SET status = 'delivered' WHERE number LIKE 'SO-RR-%';
SELECT api.request_return(number, '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'the first cup')
FROM backdesk.orders WHERE number LIKE 'SO-RR-%';
SQL
is "$(q -c "SELECT count(*) FROM backdesk.orders o, api.returnable_lines(o.number) l
            WHERE o.number LIKE 'SO-RR-%' AND l.returnable = 1 AND l.\"window\" = 'return'")" "$ROUNDS" \
	"$ROUNDS delivered orders, each with one cup left to return"

source "$BACKDESK_ROOT/tests/lib/race.sh"

went_all=0 one_each=0 refused_each=0
for ((r = 1; r <= ROUNDS; r++)); do
	barrier $((7300 + r))
	client "n${r}x-ayse" "$ayse" \
		"SELECT api.request_return('SO-RR-$r', '[{\"line_no\": 1, \"qty\": 1, \"reason\": \"damaged_in_transit\"}]', 'Ayşe')"
	client "n${r}x-deniz" "$deniz" \
		"SELECT api.request_return('SO-RR-$r', '[{\"line_no\": 1, \"qty\": 1, \"reason\": \"changed_mind\"}]', 'Deniz')"
	go 2 && went_all=$((went_all + 1))
	got=$(rcs "n${r}x-")
	if [ "$got" = "1×0 1×1" ]; then
		one_each=$((one_each + 1))
	else
		diag "round $r: $got"
	fi
	if grep -q "ERROR:  BD002: line 1 (RR-KUP): 0 left to return, not 1 (2 bought, 2 in other returns)" "$tmp"/n${r}x-*.err; then
		refused_each=$((refused_each + 1))
	fi
done
is "$went_all" "$ROUNDS" "in each of the $ROUNDS rounds both clients waited at the barrier and were let go together"
is "$one_each" "$ROUNDS" "in every round exactly one request went through and the other was refused"
is "$refused_each" "$ROUNDS" "the refusal is BD002 saying none is left (0 left to return, 2 bought, 2 in other returns)"
like "$(cat "$tmp"/n1x-*.err)" "HINT:  Every unit of this line is in a return already: open that return." \
	"with what to do instead"
is "$(cat "$tmp"/n*x-*.out | grep -cE '^R-[0-9]+$')" "$ROUNDS" "the $ROUNDS winners were told their return's number"
is "$(q -c "SELECT count(*) FILTER (WHERE n = 2 AND units = 2) || ' ' || count(*) FILTER (WHERE units > 2)
            FROM (SELECT o.id, count(DISTINCT r.id) AS n, sum(rl.qty) AS units
                  FROM backdesk.orders o JOIN backdesk.returns r ON r.order_id = o.id
                  JOIN backdesk.return_lines rl ON rl.return_id = r.id
                  WHERE o.number LIKE 'SO-RR-%' GROUP BY o.id) x")" "$ROUNDS 0" \
	"every order has exactly two returns claiming its two cups; none claims more than was bought"
is "$(q -c "SELECT count(*) FROM backdesk.audit_log WHERE action = 'return.request' AND actor IN ('$ayse', '$deniz')")" \
	"$ROUNDS" "one audit row per return made, none for the refused requests"
