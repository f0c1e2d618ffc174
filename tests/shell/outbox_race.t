#!/bin/bash
# Twelve senders claim from one outbox at the same moment (separate psql sessions
# held at a barrier and let go together, tests/lib/race.sh), round after round:
# api.outbox_claim's FOR UPDATE SKIP LOCKED never gives one message to two of
# them, every due message is claimed by someone, and each claim is audited once.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 5

newdb outbox_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/outbox_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }

CLIENTS=12
MESSAGES=600
logins=()
for ((c = 1; c <= CLIENTS; c++)); do logins+=("t_or_admin${c}_$$"); done
q -c "SELECT api.staff_add(l, 'Gönderici ' || i, 'admin') FROM unnest(string_to_array('${logins[*]}', ' '))
      WITH ORDINALITY x(l, i)" >/dev/null || { echo "Bail out! cannot add the sender logins"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS ${logins[*]// /, }' >/dev/null"

q >/dev/null <<SQL
SELECT api.import_order('{"number": "SO-OR-1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "or@example.com", "name": "Yarış Posta"},
    "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
    "lines": [{"sku": "OR-1", "name": "Kupa", "qty": 1, "unit_price": "10.00"}],
    "payment": {"method": "card", "paid": "10.00"}}'::jsonb);
UPDATE backdesk.outbox SET state = 'sent', sent_at = now();
INSERT INTO backdesk.outbox (kind, customer_id, recipient, subject, body)
SELECT 'template', c.id, c.email, 'Yarış ' || g, 'gövde' FROM backdesk.customers c, generate_series(1, $MESSAGES) g
WHERE c.email = 'or@example.com';
SQL
is "$(q -c "SELECT count(*) FROM backdesk.outbox WHERE state = 'queued'")" "$MESSAGES" "$MESSAGES messages wait"

source "$BACKDESK_ROOT/tests/lib/race.sh"
went=0
for r in 1 2; do
	barrier $((7600 + r))
	for ((c = 1; c <= CLIENTS; c++)); do
		# Each asks for more than its share: 12 x 40 = 480 of 600 in round 1, the rest in round 2.
		client "r${r}-c$c" "${logins[c - 1]}" "SELECT id FROM api.outbox_claim(40, 60)"
	done
	go $CLIENTS && went=$((went + 1))
done
is "$went" 2 "in both rounds all $CLIENTS senders were let go together"
is "$(ids r | wc -l) $(ids r | sort -u | wc -l)" "$MESSAGES $MESSAGES" "every message claimed by exactly one sender"
is "$(rcs r)" "24×0" "no claim failed"
is "$(q -c "SELECT count(*) || ' ' || count(DISTINCT entity_id) FROM backdesk.audit_log WHERE action = 'outbox.claim'")" \
	"$MESSAGES $MESSAGES" "each claim audited once"
