#!/bin/bash
# Messages of one customer arriving at once never open two tickets nor make two
# customers: a stranger's first chat lines sent in a burst (with the e-mail, the
# phone, or both), a retry of the same message racing the original, and an order
# import of the same new person racing their first message.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 9

newdb inbound_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/inbound_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }
source "$BACKDESK_ROOT/tests/lib/race.sh"

shop=t_inrace_shop_$$
q -c "CREATE ROLE $shop LOGIN IN ROLE backdesk_shop" || { echo "Bail out! cannot make the shop login"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS $shop'"

msg() { # msg EXTERNAL-ID FROM-JSON
	printf '{"channel": "chat", "from": %s, "body": "Merhaba, siparişim nerede? (%s)", "external_id": "%s"}' "$2" "$1" "$1"
}
both='{"email": "yaris-msg@example.com", "phone": "+90 532 765 40 01", "name": "Yarış Mesaj"}'
phone='{"phone": "0532 765 4001"}'
reset() {
	q -c "DELETE FROM backdesk.ticket_messages; DELETE FROM backdesk.tickets; DELETE FROM backdesk.payments;
	      DELETE FROM backdesk.order_lines; DELETE FROM backdesk.orders; DELETE FROM backdesk.addresses;
	      DELETE FROM backdesk.customers" >/dev/null
}

# Round 1: five lines of one stranger at once, with the e-mail and the phone or the
# phone alone in other spellings.  (An e-mail alone and a phone alone cannot be known
# to be one person until a message gives both: those may be two customers.)
barrier 7301
i=0
for from in "$both" "$phone" '{"phone": "+90 (532) 765-40-01"}' "$both" "$phone"; do
	i=$((i + 1))
	client "a-$i" "$shop" "SELECT api.receive_message('$(msg "burst-$i" "$from")')"
done
go 5 || diag "round 1: the clients were not all at the barrier"
is "$(rcs a-)" "5×0" "five messages of a new customer at once are all taken"
is "$(q -c "SELECT count(*) || ' customer, ' || (SELECT count(*) FROM backdesk.tickets) || ' ticket, '
            || (SELECT count(*) FROM backdesk.ticket_messages) || ' messages' FROM backdesk.customers")" \
	"1 customer, 1 ticket, 5 messages" "one customer, one ticket holding the five messages"
is "$(ids a- | sort -u | wc -l)" 1 "every call answered the same ticket"
reset

# Round 2: the same message four times at once (a retry storm).
barrier 7302
for i in 1 2 3 4; do
	client "b-$i" "$shop" "SELECT api.receive_message('$(msg "same-1" "$both")')"
done
go 4 || diag "round 2: the clients were not all at the barrier"
is "$(rcs b-)" "4×0" "the same message four times at once: every call succeeds"
is "$(q -c "SELECT count(*) FROM backdesk.ticket_messages")" 1 "and it is there once"
is "$(ids b- | sort -u | wc -l)" 1 "all four answered its ticket"
reset

# Round 3: the shop imports the new person's order while their first message arrives.
barrier 7303
client "c-1" "$shop" "SELECT api.receive_message('$(msg "with-order" "$phone")')"
client "c-2" "$shop" "SELECT api.import_order('{\"number\": \"SO-INR-1\", \"placed_at\": \"2026-11-20T14:03:00+03:00\",
	\"currency\": \"TRY\", \"customer\": $both,
	\"shipping_address\": {\"line1\": \"Bağdat Cd. 1\", \"city\": \"İstanbul\", \"country\": \"TR\"},
	\"lines\": [{\"sku\": \"KUP-001\", \"name\": \"Kupa\", \"qty\": 1, \"unit_price\": \"149.90\"}],
	\"payment\": {\"method\": \"card\", \"paid\": \"149.90\"}}')"
go 2 || diag "round 3: the clients were not all at the barrier"
is "$(rcs c-)" "2×0" "an order and a message of one new person at once both succeed"
is "$(q -c "SELECT count(*) FROM backdesk.customers")" 1 "one customer, whoever came first"
is "$(q -c "SELECT count(*) FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
            WHERE c.phone_norm = '905327654001'")" 1 "the ticket is that customer's"
