# all_kinds P LANG EMAIL NAME: one e-mail of every kind the system sends, queued
# through the SQL that queues it in real use (api calls, triggers, and for the
# delay backdesk.delay_message, the part of api.approve_delay_notice that writes
# it), for a new customer EMAIL in LANG; orders, products, tickets named P-*.
# Needs PGDATABASE, a superuser login and tests/lib/tap.sh.
all_kinds() {
	local p=$1 lang=$2 email=$3 name=$4 doc
	doc() { # NUMBER
		printf '{"number": "%s", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
		 "customer": {"email": "%s", "name": "%s", "locale": "%s"},
		 "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
		 "lines": [{"sku": "%s-1", "name": "Çaydanlık", "qty": 1, "unit_price": "250.00"}],
		 "payment": {"method": "card", "paid": "250.00"}, "ship_by": "2099-11-22"}' "$1" "$email" "$name" "$lang" "$p"
	}
	psql -XAtq -v ON_ERROR_STOP=1 >/dev/null <<SQL
SELECT api.import_order('$(doc "$p-A")');
SELECT api.import_order('$(doc "$p-B")');
SELECT api.import_order('$(doc "$p-C")');
SELECT api.queue_message('$p-A', 'order_confirmation');
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, promised_to)
SELECT id, 'yurtici', '$p-YT-1', 'IN_TRANSIT', now() - interval '3 days', backdesk.shop_date(now()) - 1
FROM backdesk.orders WHERE number = '$p-A';
SELECT api.queue_message('$p-A', 'tracking');
SELECT backdesk.delay_message(o, s, 'refund', 25.00, NULL)
FROM backdesk.orders o JOIN backdesk.shipments s ON s.order_id = o.id WHERE o.number = '$p-A';
INSERT INTO backdesk.returns (order_id, reason) SELECT id, 'too small' FROM backdesk.orders WHERE number = '$p-A';
INSERT INTO backdesk.return_lines (return_id, order_line_id, qty)
SELECT (SELECT max(r.id) FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id WHERE o.number = '$p-A'), l.id, 1
FROM backdesk.order_lines l JOIN backdesk.orders o ON o.id = l.order_id WHERE o.number = '$p-A';
UPDATE backdesk.returns SET status = 'approved' WHERE order_id = (SELECT id FROM backdesk.orders WHERE number = '$p-A');
UPDATE backdesk.returns SET status = 'received' WHERE order_id = (SELECT id FROM backdesk.orders WHERE number = '$p-A');
SELECT api.cancel_order('$p-B', 'customer asked');
SELECT api.set_setting('feedback_discount_code', 'THANKS-10');
UPDATE backdesk.orders SET status = 'delivered' WHERE number = '$p-C';
INSERT INTO backdesk.products (sku, name, stock) VALUES ('$p-LAMP', 'Masa lambası', 0);
SELECT api.add_stock_alert('$email', '$p-LAMP');
UPDATE backdesk.products SET stock = 5 WHERE sku = '$p-LAMP';
SQL
	local tid ticket
	tid=$(psql -XAtq -v ON_ERROR_STOP=1 -c "SELECT api.receive_message('{\"channel\": \"email\", \"from\": {\"email\": \"$email\"}, \"body\": \"Kargom nerede?\", \"subject\": \"Kargom nerede?\", \"external_id\": \"$p-1\"}')") || return 1
	ticket=$(psql -XAtq -c "SELECT number FROM backdesk.tickets WHERE id = $tid")
	psql -XAtq -v ON_ERROR_STOP=1 >/dev/null <<SQL
SELECT api.add_ticket_message('$ticket', 'reply', 'Yarın kargoda.');
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() WHERE number = '$ticket';
SQL
}
