#!/bin/bash
# Concurrent imports of one person never make two customers: the shop's feed sends
# several orders of a new customer at once, some with the e-mail and the phone, some
# with the phone only (or in another spelling), others with the e-mail only.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 6

newdb import_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/import_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }
source "$BACKDESK_ROOT/tests/lib/race.sh"

shop=t_race_shop_$$
q -c "CREATE ROLE $shop LOGIN IN ROLE backdesk_shop" || { echo "Bail out! cannot make the shop login"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS $shop'"

doc() { # doc NUMBER CUSTOMER-JSON
	printf '{"number": "%s", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
	  "customer": %s,
	  "shipping_address": {"line1": "Bağdat Cd. 1", "city": "İstanbul", "country": "TR"},
	  "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
	  "payment": {"method": "card", "paid": "149.90"}}' "$1" "$2"
}
both='{"email": "yaris@example.com", "phone": "+90 532 765 43 21", "name": "Yarış Müşterisi"}'
phone='{"phone": "0532 765 4321", "name": "Yarış Müşterisi"}'
email='{"email": "YARIS@example.com", "name": "Yarış Müşterisi"}'

# race ROUND NAME=CUSTOMER-JSON...: those imports at once, then one customer, or not.
race() {
	local round=$1 i=0 spec
	shift
	barrier $((7200 + round))
	for spec in "$@"; do
		i=$((i + 1))
		client "r$round-$i" "$shop" "SELECT api.import_order('$(doc "SO-IR-$round-$i" "$spec")')"
	done
	go $# || diag "round $round: the clients were not all at the barrier"
	is "$(rcs "r$round-")" "$#×0" "round $round: the $# imports at once all succeed"
	is "$(q -c "SELECT count(*) || ' ' || (SELECT count(DISTINCT customer_id) FROM backdesk.orders)
	            FROM backdesk.customers")" "1 1" "round $round: one customer, who has all $# orders"
	q -c "DELETE FROM backdesk.payments; DELETE FROM backdesk.order_lines; DELETE FROM backdesk.orders;
	      DELETE FROM backdesk.addresses; DELETE FROM backdesk.customers" >/dev/null
}
# The review's case: one order with the e-mail and the phone, one with the phone only.
race 1 "$both" "$phone"
# The e-mail in another case.
race 2 "$both" "$email"
# Three at once, the phone in two spellings.
race 3 "$both" "$phone" '{"phone": "+90 (532) 765-43-21", "name": "Yarış Müşterisi"}'
