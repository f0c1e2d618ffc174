#!/bin/bash
# Refunds and cancellations under real concurrency: separate psql sessions held at a
# barrier (an advisory lock held by one more session, taken shared by each client) and
# let go at the same moment.
#   - 8 agents refund 40% of the paid amount each with their own key: exactly 2 go through,
#     6 are refused with BD006, the refunds never add up to more than was paid;
#   - 8 calls with the SAME key: one refund row, all 8 get its id;
#   - 2 agents cancel with the same version: one cancels, the other gets BD004 naming
#     the first;
#   - refunds racing a cancellation: everything paid is refunded, never more;
#   - one agent's gift codes from four consoles at once stay within the daily cap.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 27

newdb refund_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/refund_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"

q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# Two agents with full names, logins of their own (cluster-wide: dropped at the end).
ayse=t_race_ayse_$$
zeynep=t_race_zeynep_$$
q -c "SELECT api.staff_add('$ayse', 'Ayşe Yarış', 'agent'), api.staff_add('$zeynep', 'Zeynep Yarış', 'agent')" >/dev/null \
	|| { echo "Bail out! cannot add the agents"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS $ayse' -c 'DROP ROLE IF EXISTS $zeynep'"

doc() { # doc NUMBER: a paid order of 299.80 TRY
	printf '{"number": "%s", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
	  "customer": {"email": "race@example.com", "name": "Yarış Müşterisi"},
	  "shipping_address": {"line1": "Bağdat Cd. 1", "city": "İstanbul", "country": "TR"},
	  "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90"}],
	  "payment": {"method": "card", "paid": "299.80"}}' "$1"
}
q -c "SELECT api.import_order('$(doc SO-RACE-1)'), api.import_order('$(doc SO-RACE-2)')" >/dev/null
# Return refunds need a return whose items are back and inspected (0038): both cups of
# each order came back as new and were accepted.
q -c "WITH r AS (INSERT INTO backdesk.returns (order_id, status, reason, received_at, inspected_at)
                 SELECT id, 'inspected', 'race', now(), now() FROM backdesk.orders WHERE number IN ('SO-RACE-1', 'SO-RACE-2')
                 RETURNING id, order_id)
      INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, condition, accepted_qty, disposition)
      SELECT r.id, l.id, l.qty, 'as_new', l.qty, 'restock' FROM r JOIN backdesk.order_lines l ON l.order_id = r.order_id" >/dev/null
is "$(q -c "SELECT string_agg(p.paid::text, ' ' ORDER BY o.number) FROM backdesk.orders o JOIN backdesk.payments p ON p.order_id = o.id")" \
	"299.80 299.80" "two paid orders of 299.80 TRY"

source "$BACKDESK_ROOT/tests/lib/race.sh"

######################################################################
# 1. Eight refunds of 40% each, different keys, at the same moment.
######################################################################
barrier 7101
for i in 1 2 3 4 5 6 7 8; do
	client "r$i" "$ayse" "SELECT api.issue_refund('SO-RACE-1', 119.92, 'return', 'race $i', gen_random_uuid())"
done
go 8; went=$?
is "$went" 0 "refunds: all 8 clients waited at the barrier and were let go together"
is "$(rcs r)" "2×0 6×1" "refunds: exactly 2 of the 8 went through"
is "$(ids r | wc -l)" 2 "refunds: the 2 got a refund id"
is "$(grep -l 'ERROR:  BD006: ' "$tmp"/r*.err | wc -l)" 6 "refunds: the other 6 were refused with BD006"
is "$(grep -h 'ERROR:' "$tmp"/r*.err | sort -u)" \
	"ERROR:  BD006: refund of 119.92 TRY refused: order SO-RACE-1 would refund 359.76 of 299.80 paid, 239.84 already refunded" \
	"refunds: each refusal saw both refunds before it (would refund 359.76 of 299.80 paid, 239.84 already refunded)"
is "$(q -c "SELECT count(*) || ' ' || sum(amount) || ' ' || (sum(amount) <= 299.80)::text FROM backdesk.refunds
            WHERE order_id = (SELECT id FROM backdesk.orders WHERE number = 'SO-RACE-1')")" \
	"2 239.84 true" "refunds: 2 rows, 239.84 in all, not more than the 299.80 paid"
is "$(q -c "SELECT count(*) FROM backdesk.audit_log WHERE action = 'order.refund' AND actor = '$ayse'")" 2 \
	"refunds: 2 audit rows, actor = the agent's login"
is "$(q -c "SELECT version FROM backdesk.orders WHERE number = 'SO-RACE-1'")" 3 \
	"refunds: the order's version went up once per refund"

######################################################################
# 2. The same key eight times at the same moment.
######################################################################
key_uuid=$(cat /proc/sys/kernel/random/uuid)
barrier 7102
for i in 1 2 3 4 5 6 7 8; do
	client "k$i" "$( ((i % 2)) && echo "$ayse" || echo "$zeynep")" \
		"SELECT api.issue_refund('SO-RACE-1', 10.00, 'return', 'same key', '$key_uuid')"
done
go 8; went=$?
is "$went" 0 "same key: all 8 clients waited at the barrier and were let go together"
is "$(rcs k)" "8×0" "same key: all 8 calls succeed"
is "$(ids k | sort -u | wc -l):$(ids k | wc -l)" "1:8" "same key: all 8 got the same refund id"
is "$(q -c "SELECT count(*) || ' ' || min(id) FROM backdesk.refunds WHERE idempotency_key = '$key_uuid'")" \
	"1 $(ids k | head -n 1)" "same key: exactly one refund row, the one whose id they got"
is "$(q -c "SELECT count(*) FROM backdesk.audit_log WHERE action = 'order.refund' AND detail->>'refund_id' = '$(ids k | head -n 1)'")" 1 \
	"same key: one audit row"
is "$(q -c "SELECT sum(amount) FROM backdesk.refunds WHERE order_id = (SELECT id FROM backdesk.orders WHERE number = 'SO-RACE-1')")" \
	"249.84" "same key: 10.00 refunded once"

######################################################################
# 3. Two agents cancel with the same version at the same moment.
######################################################################
version=$(q -c "SELECT version FROM backdesk.orders WHERE number = 'SO-RACE-1'")
barrier 7103
client "c-ayse" "$ayse" "SELECT api.cancel_order('SO-RACE-1', 'customer asked Ayşe', $version)"
client "c-zeynep" "$zeynep" "SELECT api.cancel_order('SO-RACE-1', 'customer asked Zeynep', $version)"
go 2; went=$?
is "$went" 0 "cancel: both clients waited at the barrier and were let go together"
is "$(rcs c-)" "1×0 1×1" "cancel: one succeeds, the other is refused"
if [ "$(cat "$tmp/c-ayse.rc")" = 0 ]; then winner="Ayşe Yarış" loser=c-zeynep; else winner="Zeynep Yarış" loser=c-ayse; fi
like "$(grep 'ERROR:' "$tmp/$loser.err")" "^ERROR:  BD004: order SO-RACE-1 was changed by $winner at [0-2][0-9]:[0-5][0-9]\$" \
	"cancel: the refusal is BD004 naming the one who cancelled first ($winner)"
like "$(cat "$tmp/$loser.err")" "HINT:  Reload the order and apply your change again." "cancel: with what to do"
is "$(q -c "SELECT status || ' ' || version || ' ' || (SELECT count(*) FROM backdesk.audit_log a
                   WHERE a.action = 'order.cancel' AND a.entity_id = o.id)
            FROM backdesk.orders o WHERE number = 'SO-RACE-1'")" \
	"cancelled $((version + 1)) 1" "cancel: cancelled once, one version up, one audit row"
is "$(q -c "SELECT string_agg(kind || ' ' || amount, ', ' ORDER BY id) FILTER (WHERE kind = 'cancellation') || ' / ' || sum(amount)
            FROM backdesk.refunds WHERE order_id = (SELECT id FROM backdesk.orders WHERE number = 'SO-RACE-1')")" \
	"cancellation 49.96 / 299.80" "cancel: one cancellation refund of the rest; everything paid is refunded, not more"

######################################################################
# 4. Refunds racing a cancellation: whatever the order, exactly what was paid.
######################################################################
barrier 7104
for i in 1 2 3 4; do
	client "m$i" "$zeynep" "SELECT api.issue_refund('SO-RACE-2', 119.92, 'return', 'race $i', gen_random_uuid())"
done
client "m-cancel" "$ayse" "SELECT api.cancel_order('SO-RACE-2', 'cancelled while refunding')"
go 5; went=$?
is "$went" 0 "refunds and a cancel: all 5 clients were let go together"
is "$(q -c "SELECT sum(amount) || ' ' || count(*) FILTER (WHERE kind = 'cancellation') FROM backdesk.refunds
            WHERE order_id = (SELECT id FROM backdesk.orders WHERE number = 'SO-RACE-2')") $(cat "$tmp/m-cancel.rc")" \
	"299.80 1 0" "refunds and a cancel: the cancel went through, and the refunds add up to exactly what was paid"

######################################################################
# 5. One agent's daily cap from four consoles at once: 4 gift codes of 1000 TRY on
#    four orders, with a cap of 3000 TRY a day: exactly 3 go through.
######################################################################
for i in 1 2 3 4; do q -c "SELECT api.import_order('$(doc SO-RACE-G$i)')" >/dev/null; done
barrier 7105
for i in 1 2 3 4; do
	client "g$i" "$zeynep" "SELECT api.compensate_delay('SO-RACE-G$i', 'gift_code', 1000, 'late', gen_random_uuid())"
done
go 4; went=$?
is "$went" 0 "daily cap: all 4 clients were let go together"
is "$(rcs g)" "3×0 1×1" "daily cap: exactly 3 of the 4 gift codes went through"
like "$(grep -h 'ERROR:' "$tmp"/g*.err)" "BD006: you gave 3000.00 TRY in gift codes today; 1000.00 more would pass the agent cap of 3000.00 TRY a day" \
	"daily cap: the fourth was refused, having seen the other three"
is "$(q -c "SELECT count(*) || ' ' || sum(amount) FROM backdesk.gift_codes WHERE created_by = '$zeynep'")" "3 3000.00" \
	"daily cap: 3 gift codes, 3000.00 TRY in all"
