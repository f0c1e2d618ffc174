#!/bin/bash
# Refunds of returns under real concurrency (0038), with the barrier of tests/lib/race.sh:
#   - two agents refund the same inspected return at the same moment, each with their
#     own key, round after round: exactly one refund each round, the other refused
#     with BD002 (the return is refunded by then);
#   - a return's refund racing goodwill refunds and a delay compensation by refund on
#     the same order: whatever wins, the refunds never add up to more than was paid,
#     and a refusal is BD006 having seen the others.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
rounds=12
mixed=6
plan $((1 + 4 * rounds + 3 * mixed + 1))

newdb return_refund_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/return_refund_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"

q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }

ayse=t_rrr_ayse_$$
zeynep=t_rrr_zeynep_$$
emre=t_rrr_emre_$$
q -c "SELECT api.staff_add('$ayse', 'Ayşe Yarış', 'agent'), api.staff_add('$zeynep', 'Zeynep Yarış', 'agent'),
             api.staff_add('$emre', 'Emre Yarış', 'admin')" >/dev/null \
	|| { echo "Bail out! cannot add the staff"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS $ayse' -c 'DROP ROLE IF EXISTS $zeynep' -c 'DROP ROLE IF EXISTS $emre'"

doc() { # doc NUMBER: two cups and a 29.90 fee, paid 329.70 TRY, late (promised by 25 Nov)
	printf '{"number": "%s", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
	  "customer": {"email": "race@example.com", "name": "Yarış Müşterisi"},
	  "shipping_address": {"line1": "Bağdat Cd. 1", "city": "İstanbul", "country": "TR"},
	  "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90"}],
	  "shipping_fee": "29.90", "free_shipping": false, "deliver_between": ["2026-11-23", "2026-11-25"],
	  "payment": {"method": "card", "paid": "329.70"}}' "$1"
}
# inspected NUMBER [QTY]: both cups of the order (or QTY of them) came back as new and were
# accepted; prints the return's number.
inspected() {
	q -c "WITH r AS (INSERT INTO backdesk.returns (order_id, status, reason, received_at, inspected_at)
	                 SELECT id, 'inspected', 'race', now(), now() FROM backdesk.orders WHERE number = '$1'
	                 RETURNING id, order_id, number),
	      l AS (INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, condition, accepted_qty, disposition)
	            SELECT r.id, l.id, ${2:-l.qty}, 'as_new', ${2:-l.qty}, 'restock' FROM r JOIN backdesk.order_lines l ON l.order_id = r.order_id)
	      SELECT number FROM r"
}
for ((i = 1; i <= rounds; i++)); do q -c "SELECT api.import_order('$(doc "SO-RRR-$i")')" >/dev/null; done
for ((i = 1; i <= mixed; i++)); do q -c "SELECT api.import_order('$(doc "SO-RRM-$i")')" >/dev/null; done
is "$(q -c "SELECT count(*) FROM backdesk.orders o JOIN backdesk.payments p ON p.order_id = o.id
            WHERE o.number LIKE 'SO-RR%' AND p.paid = 329.70")" "$((rounds + mixed))" "$((rounds + mixed)) paid orders of 329.70 TRY"

source "$BACKDESK_ROOT/tests/lib/race.sh"

######################################################################
# 1. Two agents refund the same return at once, each with a new key.
######################################################################
for ((i = 1; i <= rounds; i++)); do
	rn=$(inspected "SO-RRR-$i")
	rm -f "$tmp"/a*.rc "$tmp"/a*.out "$tmp"/a*.err
	barrier $((7200 + i))
	client "a-ayse" "$ayse" "SELECT api.refund_return('$rn', gen_random_uuid())"
	client "a-zeynep" "$zeynep" "SELECT api.refund_return('$rn', gen_random_uuid())"
	go 2; went=$?
	is "$went" 0 "round $i: both agents waited at the barrier and were let go together"
	is "$(rcs a-)" "1×0 1×1" "round $i: one refunds, the other is refused"
	like "$(grep -h 'ERROR:' "$tmp"/a-*.err)" "^ERROR:  BD002: .*$rn.*refunded" \
		"round $i: the refusal is BD002, the return refunded by the other"
	is "$(q -c "SELECT count(*) FILTER (WHERE f.kind = 'return') || ' ' || count(*) FILTER (WHERE f.kind = 'shipping_fee')
	                   || ' ' || sum(f.amount) || ' ' || r.status || ' ' || r.version
	            FROM backdesk.returns r JOIN backdesk.refunds f ON f.return_id = r.id
	            WHERE r.number = '$rn' GROUP BY r.status, r.version")" \
		"1 1 329.70 refunded 2" "round $i: one goods refund and one fee refund, 329.70 in all, one version up"
done

######################################################################
# 2. A return refund racing goodwill refunds and a delay compensation on one order:
#    one cup back (149.90 due) against 3 x 100 goodwill and 50 of compensation, of
#    329.70 paid; who wins depends on who gets the order's lock first.
######################################################################
for ((i = 1; i <= mixed; i++)); do
	rn=$(inspected "SO-RRM-$i" 1)
	rm -f "$tmp"/m*.rc "$tmp"/m*.out "$tmp"/m*.err
	barrier $((7300 + i))
	client "m-return" "$ayse" "SELECT api.refund_return('$rn', gen_random_uuid())"
	for j in 1 2 3; do
		client "m-goodwill$j" "$emre" "SELECT api.issue_refund('SO-RRM-$i', 100.00, 'goodwill', 'race $j', gen_random_uuid())"
	done
	client "m-compensate" "$emre" "SELECT api.compensate_delay('SO-RRM-$i', 'refund', 50.00, 'late', gen_random_uuid())"
	go 5; went=$?
	diag "mixed $i: return refund rc $(cat "$tmp/m-return.rc"), goodwill/compensation rcs $(rcs m-[gc])"
	is "$went" 0 "mixed $i: all 5 clients were let go together"
	is "$(q -c "SELECT (sum(f.amount) <= 329.70)::text FROM backdesk.refunds f
	            WHERE f.order_id = (SELECT id FROM backdesk.orders WHERE number = 'SO-RRM-$i')")" "true" \
		"mixed $i: the refunds never add up to more than the 329.70 paid"
	# Every refusal is the money rule, having seen what went through before it.
	is "$(cat "$tmp"/m*.err | grep 'ERROR:' | grep -vc 'ERROR:  BD006: refund of [0-9.]* TRY refused: order SO-RRM-')" "0" \
		"mixed $i: every refusal is BD006 \"would refund X of 329.70 paid\""
done
is "$(q -c "SELECT count(*) FROM backdesk.returns r WHERE r.number IN (SELECT rr.number FROM backdesk.returns rr
            JOIN backdesk.orders o ON o.id = rr.order_id WHERE o.number LIKE 'SO-RRM-%')
            AND (r.status = 'refunded') <> EXISTS (SELECT FROM backdesk.refunds f WHERE f.return_id = r.id)")" "0" \
	"mixed: a return is refunded exactly when its refund went through"
