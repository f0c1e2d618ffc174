#!/bin/bash
# Statuses in words, dates with what they are: at 80x24, the order screen of a
# parcel in every carrier status of the demo data, of a ticket on hold and of a
# return on its way back, and their customers' screens, scrolled to the end, show
# no code (IN_TRANSIT, on_hold, shipping_fee...).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"

newdb e2e_words; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }

# One order per parcel status, ticket status and return status the demo has.
orders=$(q "(SELECT DISTINCT ON (s.status) o.number FROM backdesk.shipments s
              JOIN backdesk.orders o ON o.id = s.order_id ORDER BY s.status, o.id)
            UNION SELECT min(o.number) FROM backdesk.tickets t JOIN backdesk.orders o ON o.id = t.order_id
              GROUP BY t.status
            UNION SELECT min(o.number) FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
              GROUP BY r.status
            UNION SELECT min(o.number) FROM backdesk.refunds f JOIN backdesk.orders o ON o.id = f.order_id
              GROUP BY f.kind
            UNION SELECT 'SO-100301'")
customers=$(q "SELECT DISTINCT o.customer_id FROM backdesk.orders o
               WHERE o.number = ANY (string_to_array('$(echo $orders | tr ' ' ',')', ','))")
[ -n "$orders" ] && [ -n "$customers" ] || { echo "Bail out! no demo orders to look at"; exit 1; }
n_orders=$(wc -w <<<"$orders")
n_customers=$(wc -w <<<"$customers")
plan $((2 * n_orders + 2 * n_customers + 1))

# A code as the database writes it: CAPITALS_WITH_UNDERSCORES, or one of the
# lower-case codes of statuses, kinds and methods.
CODES='[A-Z]{2,}_[A-Z]+|\<(on_hold|in_transit|shipping_fee|gift_code|bank_transfer|cash_on_delivery|order_confirmation|where-is-my-order|wrong-item|not-as-described|address-change)\>'

# whole_screen: every page of the screen just opened, top to bottom, into $text
# (not through $(...): the keys it sends must be counted in this shell).
whole_screen() {
	local last= now i
	text=
	for i in $(seq 12); do
		now=$(screen | sed '1d;$d' | head -n -2)
		[ "$now" = "$last" ] && break
		text+=$now$'\n'
		last=$now
		keys PageDown
		wait_idle
	done
}

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null

for o in $orders; do
	keys :
	typetext "order $o"
	keys Enter
	ok 'wait_for "Order $o" && wait_for "^ Where is it"' "$o opens"
	whole_screen
	codes=$(grep -Eo -- "$CODES" <<<"$text" | sort -u | tr '\n' ' ')
	is "$codes" "" "the order screen of $o shows no code"
	keys Escape
done

for c in $customers; do
	keys :
	typetext "customer $c"
	keys Enter
	ok 'wait_for "^ Contact"' "customer $c opens"
	whole_screen
	codes=$(grep -Eo -- "$CODES" <<<"$text" | sort -u | tr '\n' ' ')
	is "$codes" "" "the customer screen of $c shows no code"
	keys Escape
done

# Dates say what they are, on an order with a parcel and a ticket.
keys :
typetext "order SO-100234"
keys Enter
wait_for "^ Where is it" >/dev/null
whole_screen
ok 'grep -Eq "Ordered +2026|ordered [0-9]{4}" <<<"$text" && grep -q "Ship by " <<<"$text" &&
    grep -Eq "(shipped|delivered) [0-9]{4}-" <<<"$text" && grep -Eq "opened [0-9]{4}-" <<<"$text"' \
	"the order's dates are labelled: ordered, ship by, shipped, opened"

keys q
e2e_exited 5 >/dev/null
