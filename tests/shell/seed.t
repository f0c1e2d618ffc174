#!/bin/bash
# backdesk seed: the demo covers every state and its story, loads only once; bulk
# data is deterministic for a seed, proportional, and goes on top of the demo.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 55

q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
tmp=$BACKDESK_TEST_TMP/seed.$$

newdb demo; demo=$REPLY
indexes_before=$(q "$demo" "SELECT count(*) FROM pg_indexes WHERE schemaname = 'backdesk'")
fkeys_before=$(q "$demo" "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'backdesk'::regnamespace")

PGDATABASE=$demo "$BACKDESK" seed --demo >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc" 0 "seed --demo succeeds"
like "$(cat "$tmp.out")" "seeded 900 orders for 300 customers \(demo\)" "it says what it loaded"
like "$(cat "$tmp.out")" "^customers +300 rows" "with a progress line per table"

# Every state, counted in the database.
is "$(q "$demo" "SELECT string_agg(DISTINCT status, ',' ORDER BY status) FROM backdesk.orders")" \
	"cancelled,delivered,packed,paid,pending,shipped" "orders in every status"
is "$(q "$demo" "SELECT count(DISTINCT status) FROM backdesk.shipments")" 12 "parcels in all 12 tracking statuses"
# What the Shipments pane and the scanner show (issue 14).
is "$(q "$demo" "SELECT count(*) FILTER (WHERE ean IS NULL) || ' ' || (count(DISTINCT ean) = count(*))
	FROM backdesk.products")" "0 true" "every product has its own EAN-13"
is "$(q "$demo" "SELECT bool_and(n > 0) FROM (SELECT count(*) FILTER (WHERE status IN ('PRE_TRANSIT', 'IN_TRANSIT',
	'OUT_FOR_DELIVERY')) a, count(*) FILTER (WHERE status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED')) b,
	count(*) FILTER (WHERE backdesk.parcel_stale(status, last_event_at, shipped_at)) c,
	count(*) FILTER (WHERE NOT backdesk.parcel_final(status) AND promised_to < backdesk.shop_date(now())) d,
	count(*) FILTER (WHERE status = 'DELIVERED') e, count(*) FILTER (WHERE status IN ('RETURNING', 'RETURNED')) f,
	count(*) FILTER (WHERE last_error IS NOT NULL) g, (SELECT count(*) FROM api.tracking_due(1000)) h,
	(SELECT count(*) FROM api.orders_to_pack(1000)) i FROM backdesk.shipments) x,
	LATERAL unnest(ARRAY[a, b, c, d, e, f, g, h, i]) n")" "t" \
	"parcels in transit, in trouble, not moving, late, delivered, returned, failed, due; orders to pack"
is "$(q "$demo" "SELECT count(*) FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
	WHERE s.last_event_at IS DISTINCT FROM (SELECT max(e.occurred_at) FROM backdesk.shipment_events e WHERE e.shipment_id = s.id)
	   OR s.promised_to IS DISTINCT FROM (backdesk.promised_window(o.deliver_from, o.deliver_to, s.shipped_at)).promised_to")" 0 \
	"each parcel's newest event and promised day as 0042 computes them"
is "$(q "$demo" "SELECT count(*) > 0 AND bool_and(status = 'proposed') FROM backdesk.delay_notices")" "t" \
	"the late parcels' delay notices are proposed, waiting for an agent"
is "$(grep -c 'delay notices' "$tmp.err")" 0 "and the demo loads without a note about them"
is "$(q "$demo" "SELECT count(DISTINCT category) || ' ' || count(DISTINCT channel) || ' ' ||
	count(DISTINCT status) || ' ' || count(DISTINCT priority) FROM backdesk.tickets")" "17 5 6 4" \
	"tickets of every category, channel, status and priority"
is "$(q "$demo" "SELECT count(DISTINCT status) || ' ' || count(DISTINCT kind) FROM backdesk.returns")" "8 3" \
	"returns at every step, of every kind"
is "$(q "$demo" "SELECT string_agg(DISTINCT kind, ',' ORDER BY kind) FROM backdesk.refunds")" \
	"cancellation,goodwill,return,shipping_fee" "refunds of each kind"
ok '[ "$(q "$demo" "SELECT count(*) FROM backdesk.orders WHERE backdesk.late_to_ship(status, ship_by)")" -gt 0 ]' \
	"orders late to ship"
ok '[ "$(q "$demo" "SELECT count(*) FROM backdesk.orders WHERE free_shipping AND shipping_fee > 0")" -gt 0 ]' \
	"free-shipping orders charged a fee"
ok '[ "$(q "$demo" "SELECT count(*) FROM backdesk.gift_codes")" -gt 0 ]' "gift codes"
ok '[ "$(q "$demo" "SELECT count(*) FROM backdesk.ticket_messages WHERE kind = '"'call'"' AND call_seconds > 0")" -gt 0 ]' \
	"logged calls"
is "$(q "$demo" "SELECT count(*) FROM backdesk.customers")" 300 "a few hundred customers"
is "$(q "$demo" "SELECT count(*) FROM (SELECT o.id FROM backdesk.orders o JOIN backdesk.payments p ON p.order_id = o.id
	JOIN backdesk.refunds r ON r.order_id = o.id GROUP BY o.id, p.paid HAVING sum(r.amount) > p.paid) x")" 0 \
	"no order refunded more than was paid"
is "$(q "$demo" "SELECT count(*) FROM backdesk.orders WHERE status IN ('shipped', 'delivered')
	AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = orders.id)")" 0 "every shipped order has its parcel"

# Indexes and foreign keys set aside for the load are all back, and valid.
is "$(q "$demo" "SELECT count(*) FROM pg_indexes WHERE schemaname = 'backdesk'")" "$indexes_before" "every index is back"
is "$(q "$demo" "SELECT count(*) || ' ' || count(*) FILTER (WHERE convalidated) FROM pg_constraint
	WHERE contype = 'f' AND connamespace = 'backdesk'::regnamespace")" "$fkeys_before $fkeys_before" \
	"every foreign key is back and validated"

# The story customers.
is "$(q "$demo" "SELECT name || '|' || phone FROM backdesk.customers WHERE email = 'sukru@example.com'")" \
	"Şükrü Öztürk|+90 532 123 45 67" "Şükrü Öztürk is there"
is "$(q "$demo" "SELECT c.name || '|' || o.status || '|' || o.total || '|' || s.carrier || '|' || s.status
	FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
	JOIN backdesk.shipments s ON s.order_id = o.id WHERE o.number = 'SO-100234'")" \
	"Şükrü Öztürk|shipped|299.80|yurtici|IN_TRANSIT" "with his order SO-100234 on its way"
is "$(q "$demo" "SELECT label FROM api.find('sukru ozturk') WHERE kind = 'customer' ORDER BY rank DESC LIMIT 1")" \
	"Şükrü Öztürk" "api.find('sukru ozturk') finds Şükrü"
is "$(q "$demo" "SELECT label FROM api.find('0532 123 4567') WHERE kind = 'customer' LIMIT 1")" \
	"Şükrü Öztürk" "and so does his phone number written another way"
is "$(q "$demo" "SELECT c.name || '|' || a.city FROM backdesk.customers c JOIN backdesk.addresses a ON a.customer_id = c.id
	WHERE c.name IN ('Árvíztűrő Tünde', 'İsmail Işık', 'Gülşen Çağlar') ORDER BY c.name COLLATE \"C\"")" \
	"$(printf 'Gülşen Çağlar|İzmir\nÁrvíztűrő Tünde|Budapest\nİsmail Işık|İstanbul')" \
	"Árvíztűrő Tünde, İsmail Işık and Gülşen Çağlar are there"
is "$(q "$demo" "SELECT label FROM api.find('arvizturo') WHERE kind = 'customer' LIMIT 1")" \
	"Árvíztűrő Tünde" "api.find('arvizturo') finds Tünde"
is "$(q "$demo" "SELECT free_shipping || '|' || shipping_fee || '|' || currency FROM backdesk.orders WHERE number = 'SO-100301'")" \
	"true|1490.00|HUF" "Tünde's order was charged a fee despite free shipping"
is "$(q "$demo" "SELECT status || '|' || (ship_by < current_date) FROM backdesk.orders WHERE number = 'SO-100302'")" \
	"paid|true" "İsmail's order is late to ship"

# The demo staff.
is "$(q "$demo" "SELECT string_agg(login || ':' || role, ',' ORDER BY login) FROM backdesk.staff
	WHERE login IN ('ayse', 'mehmet', 'zsofia', 'admin')")" \
	"admin:admin,ayse:agent,mehmet:warehouse,zsofia:supervisor" "the demo staff"
is "$(PGUSER=ayse psql -XAtq -d "$demo" -c "SELECT login || '|' || full_name || '|' || role FROM api.whoami()")" \
	"ayse|Ayşe Yılmaz|agent" "ayse logs in as an agent"
ok '[ "$(q "$demo" "SELECT count(*) FROM backdesk.tickets t JOIN backdesk.staff s ON s.id = t.assignee_id WHERE s.role = '"'agent'"'")" -gt 0 ]' \
	"tickets are assigned to agents"

# Twice is refused, and nothing is duplicated.
counts="SELECT (SELECT count(*) FROM backdesk.orders) || ' ' || (SELECT count(*) FROM backdesk.customers) || ' ' ||
	(SELECT count(*) FROM backdesk.staff) || ' ' || (SELECT count(*) FROM backdesk.products)"
before=$(q "$demo" "$counts")
err=$(PGDATABASE=$demo "$BACKDESK" seed --demo 2>&1 >/dev/null); rc=$?
is "$rc" 1 "seed --demo on a database that has it is refused with exit 1"
like "$err" "already in this database" "the refusal says why"
is "$(q "$demo" "$counts")" "$before" "and nothing was added"

# A second database of the same cluster: the logins exist already, the staff rows are made.
newdb demo2; demo2=$REPLY
PGDATABASE=$demo2 "$BACKDESK" seed --demo >/dev/null 2>"$tmp.err2"; rc=$?
is "$rc:$(q "$demo2" "SELECT count(*) FROM backdesk.staff WHERE login IN ('ayse', 'mehmet', 'zsofia', 'admin')")" "0:4" \
	"the demo loads into a second database whose logins already exist"

# Bulk: the same seed gives the same data in two databases.
newdb bulk_a; a=$REPLY
newdb bulk_b; b=$REPLY
PGDATABASE=$a "$BACKDESK" seed --orders 2000 --seed 7 >"$tmp.a" 2>&1; rca=$?
PGDATABASE=$b "$BACKDESK" seed --orders 2000 --seed 7 >"$tmp.b" 2>&1; rcb=$?
is "$rca:$rcb" "0:0" "seed --orders 2000 --seed 7 into two databases"
# Times are relative to now, so they are left out of the comparison.
digest="SELECT md5(string_agg(t, E'\\n' ORDER BY t)) FROM (
	SELECT concat_ws('|', 'c', id, name, email, phone, locale) AS t FROM backdesk.customers
	UNION ALL SELECT concat_ws('|', 'a', id, customer_id, line1, line2, city, postcode, country) FROM backdesk.addresses
	UNION ALL SELECT concat_ws('|', 'o', id, number, customer_id, shipping_address_id, status, currency, lines_total,
		tax_total, shipping_fee, free_shipping, cancel_reason) FROM backdesk.orders
	UNION ALL SELECT concat_ws('|', 'p', order_id, method, paid, reference) FROM backdesk.payments
	UNION ALL SELECT concat_ws('|', 'l', id, order_id, line_no, product_id, sku, name, qty, unit_price, tax_rate)
		FROM backdesk.order_lines
	UNION ALL SELECT concat_ws('|', 's', id, order_id, carrier, tracking_no, status, carrier_code) FROM backdesk.shipments
	UNION ALL SELECT concat_ws('|', 'e', id, shipment_id, status, carrier_code, description, location)
		FROM backdesk.shipment_events
	UNION ALL SELECT concat_ws('|', 't', id, number, channel, category, priority, status, subject, customer_id, order_id)
		FROM backdesk.tickets
	UNION ALL SELECT concat_ws('|', 'm', id, ticket_id, kind, body) FROM backdesk.ticket_messages
	UNION ALL SELECT concat_ws('|', 'r', id, number, order_id, kind, status, reason, tracking_no) FROM backdesk.returns
	UNION ALL SELECT concat_ws('|', 'rl', id, return_id, order_line_id, qty, condition) FROM backdesk.return_lines
	UNION ALL SELECT concat_ws('|', 'f', id, order_id, return_id, kind, amount, idempotency_key) FROM backdesk.refunds
	UNION ALL SELECT concat_ws('|', 'g', id, code, customer_id, order_id, amount, currency) FROM backdesk.gift_codes) x"
da=$(q "$a" "$digest")
is "$(q "$b" "$digest")" "$da" "the same seed gives the same content"

is "$(q "$a" "SELECT (SELECT count(*) FROM backdesk.orders) || ' ' || (SELECT count(*) FROM backdesk.customers)")" \
	"2000 667" "2000 orders for a third as many customers"
ok '[ "$(q "$a" "SELECT count(*) FROM backdesk.tickets")" -ge 100 ] && [ "$(q "$a" "SELECT count(*) FROM backdesk.tickets")" -le 400 ]' \
	"about a tenth as many tickets"
ok '[ "$(q "$a" "SELECT count(*) FROM backdesk.returns")" -ge 20 ] && [ "$(q "$a" "SELECT count(*) FROM backdesk.returns")" -le 100 ]' \
	"about a fiftieth as many returns"
is "$(q "$a" "SELECT count(*) FROM backdesk.orders o WHERE (SELECT count(*) FROM backdesk.order_lines l WHERE l.order_id = o.id) NOT BETWEEN 1 AND 4")" \
	0 "1 to 4 lines an order"
is "$(q "$a" "SELECT count(DISTINCT status) FROM backdesk.shipments")" 12 "bulk parcels in every tracking status too"
# Carriers by the codes of carrier/carriers.c, which backdesk.tracking_url knows.
is "$(q "$a" "SELECT string_agg(DISTINCT carrier, ' ' ORDER BY carrier) || ' / ' || count(*) FILTER (
	WHERE backdesk.tracking_url(carrier, tracking_no) IS NULL) FROM (
	SELECT carrier, tracking_no FROM backdesk.shipments UNION ALL
	SELECT carrier, tracking_no FROM backdesk.returns WHERE carrier IS NOT NULL) p")" \
	"aras dhl mng ptt ups yurtici / 0" "every parcel and return parcel has a public tracking page"
like "$(cat "$tmp.a")" "seeded 2,000 orders for 667 customers \(bulk\): [0-9,]+ rows in [0-9.]+ s" "a final total with the time"

newdb bulk_c; c=$REPLY
PGDATABASE=$c "$BACKDESK" seed --orders 2000 --seed 8 >/dev/null 2>&1
ok '[ "$(q "$c" "$digest")" != "$da" ]' "another seed gives other content"

# Bulk on top of the demo.
PGDATABASE=$demo "$BACKDESK" seed --orders 500 --seed 3 >"$tmp.top" 2>&1; rc=$?
is "$rc" 0 "bulk data goes on top of the demo"
is "$(q "$demo" "SELECT (SELECT count(*) FROM backdesk.orders) || ' ' || (SELECT count(*) FROM backdesk.products) || ' ' ||
	(SELECT count(DISTINCT number) FROM backdesk.orders) || ' ' ||
	((SELECT count(DISTINCT lower(email)) FROM backdesk.customers) = (SELECT count(email) FROM backdesk.customers))")" \
	"1400 500 1400 true" \
	"500 more orders, the catalogue reused, no number or e-mail twice"
PGDATABASE=$demo "$BACKDESK" seed --orders 500 --seed 3 >/dev/null 2>&1; rc=$?
is "$rc:$(q "$demo" "SELECT count(*) FROM backdesk.orders")" "0:1900" "the same bulk seed again adds new rows, no clash"

# Refusals and usage errors.
err=$(PGUSER=ayse PGDATABASE=$demo "$BACKDESK" seed --orders 10 2>&1); rc=$?
is "$rc" 1 "an agent cannot seed"
like "$err" "needs a superuser or the owner" "and is told who can"
# The generator writes only codes the database's lists have (0015), and says which not.
newdb bulk_lists; l=$REPLY
q "$l" "DELETE FROM backdesk.ticket_categories WHERE code = 'praise'"
err=$(PGDATABASE=$l "$BACKDESK" seed --orders 50 2>&1); rc=$?
is "$rc:$(q "$l" "SELECT count(*) FROM backdesk.orders")" "1:0" "a generator code the database lacks: refused before loading"
like "$err" "the generator writes ticket_category 'praise', which backdesk.ticket_categories does not have" \
	"naming the code and the table"
"$BACKDESK" seed >/dev/null 2>&1; rc1=$?
"$BACKDESK" seed --orders 0 >/dev/null 2>&1; rc2=$?
"$BACKDESK" seed --demo --orders 5 >/dev/null 2>&1; rc3=$?
is "$rc1:$rc2:$rc3" "2:2:2" "usage errors exit 2"
rm -f "$tmp".*
