-- api.import_order: the shop pushes an order document (DESIGN.md); the same number
-- again replaces it while nothing has shipped.  Every refusal is BD005 (or BD002 for
-- a state that no longer allows it) with a message naming the field.
BEGIN;

-- The document from DESIGN.md.
CREATE FUNCTION public.t_imp_doc() RETURNS jsonb LANGUAGE sql
RETURN '{"number": "SO-100234", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "sukru@example.com", "phone": "+90 532 123 45 67",
                      "name": "Şükrü Öztürk", "locale": "tr"},
         "shipping_address": {"line1": "Bağdat Cd. 12/3", "city": "İstanbul",
                              "postcode": "34710", "country": "TR"},
         "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90",
                    "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": true,
         "payment": {"method": "card", "paid": "299.80", "reference": "pay_8812"},
         "ship_by": "2026-11-22", "deliver_between": ["2026-11-24", "2026-11-27"]}'::jsonb;

-- The same with a number of its own, for the refusals: should one wrongly succeed,
-- it does not touch the orders the other tests look at.
CREATE FUNCTION public.t_imp_bad() RETURNS jsonb LANGUAGE sql
RETURN t_imp_doc() || '{"number": "SO-BAD"}';


CREATE TEMP TABLE t_imp_ids (what text PRIMARY KEY, id bigint);
GRANT ALL ON t_imp_ids TO PUBLIC;

SELECT plan(82);

------------------------------------------------------------------------------
-- A good document.
------------------------------------------------------------------------------
SELECT lives_ok($$INSERT INTO t_imp_ids SELECT 'first', api.import_order(t_imp_doc())$$,
    'the document from DESIGN.md imports');
SELECT ok((SELECT id FROM t_imp_ids WHERE what = 'first')
          = (SELECT id FROM backdesk.orders WHERE number = 'SO-100234'),
    'import_order returns the id of the order');

SELECT results_eq($$
    SELECT number, placed_at, status, currency::text, lines_total, tax_total, shipping_fee, free_shipping,
           total, ship_by, deliver_from, deliver_to, version, cancel_reason
    FROM backdesk.orders WHERE number = 'SO-100234'
$$, $$VALUES ('SO-100234', '2026-11-20T14:03:00+03:00'::timestamptz, 'paid', 'TRY',
              299.80::numeric, 49.97::numeric, 0.00::numeric, true, 299.80::numeric,
              '2026-11-22'::date, '2026-11-24'::date, '2026-11-27'::date, 1, NULL::text)$$,
    'the order row: status paid, totals from gross prices (tax 299.80 × 0.20 / 1.20 = 49.97), dates, version 1');

SELECT results_eq($$
    SELECT l.line_no::int, l.sku, l.name, l.qty, l.unit_price, l.tax_rate, l.line_total, p.sku
    FROM backdesk.order_lines l JOIN backdesk.orders o ON o.id = l.order_id
    LEFT JOIN backdesk.products p ON p.id = l.product_id
    WHERE o.number = 'SO-100234' ORDER BY l.line_no
$$, $$VALUES (1, 'KUP-001', 'Kupa', 2, 149.90::numeric, 0.2000::numeric, 299.80::numeric, 'KUP-001')$$,
    'the order line, linked to its product');

SELECT results_eq($$
    SELECT p.method, p.paid, p.reference, p.paid_at
    FROM backdesk.payments p JOIN backdesk.orders o ON o.id = p.order_id WHERE o.number = 'SO-100234'
$$, $$VALUES ('card', 299.80::numeric, 'pay_8812', '2026-11-20T14:03:00+03:00'::timestamptz)$$,
    'the payment row');

SELECT results_eq($$
    SELECT c.name, c.email, c.phone, c.locale, c.phone_norm, c.name_key, c.name_key_rev
    FROM backdesk.customers c JOIN backdesk.orders o ON o.customer_id = c.id WHERE o.number = 'SO-100234'
$$, $$VALUES ('Şükrü Öztürk', 'sukru@example.com', '+90 532 123 45 67', 'tr', '905321234567',
              'sukru ozturk', 'ozturk sukru')$$,
    'the customer row, with its search keys');

SELECT results_eq($$
    SELECT a.line1, a.line2, a.city, a.postcode, a.country::text, a.customer_id = o.customer_id
    FROM backdesk.addresses a JOIN backdesk.orders o ON o.shipping_address_id = a.id WHERE o.number = 'SO-100234'
$$, $$VALUES ('Bağdat Cd. 12/3', NULL::text, 'İstanbul', '34710', 'TR', true)$$,
    'the shipping address row, belonging to the customer');

-- Several lines, tax rates, a shipping fee, a part payment.
SELECT lives_ok($$
    INSERT INTO t_imp_ids SELECT 'multi', api.import_order((t_imp_doc() - 'ship_by') || '{
        "number": "SO-200", "currency": "eur", "placed_at": "2026-11-20T22:30:00Z", "shipping_fee": "29.90", "free_shipping": false,
        "lines": [{"sku": "A-1", "name": "Alpha", "qty": 3, "unit_price": "10.00", "tax_rate": "0.20"},
                  {"sku": "B-1", "name": "Beta", "qty": 1, "unit_price": 99.99, "tax_rate": 0.1},
                  {"sku": "C-1", "name": "Gamma", "qty": 2, "unit_price": "5.55"}],
        "payment": {"method": "bank_transfer", "paid": "100.00"}}')
$$, 'a document with three lines imports');
SELECT results_eq($$
    SELECT currency::text, lines_total, tax_total, shipping_fee, total, status,
           (SELECT count(*)::int FROM backdesk.order_lines WHERE order_id = o.id)
    FROM backdesk.orders o WHERE number = 'SO-200'
$$, $$VALUES ('EUR', 141.09::numeric, 14.09::numeric, 29.90::numeric, 170.99::numeric, 'pending', 3)$$,
    'totals: lines 30.00 + 99.99 + 11.10, tax 5.00 + 9.09 + 0, total with the fee; part-paid is pending');
SELECT is((SELECT ship_by FROM backdesk.orders WHERE number = 'SO-200'), '2026-11-23'::date,
    'without ship_by, the order must ship two days after the day it was placed, in Istanbul (22:30Z is the 21st there)');

------------------------------------------------------------------------------
-- The same number again replaces the order.
------------------------------------------------------------------------------
SELECT lives_ok($$
    INSERT INTO t_imp_ids SELECT 'again', api.import_order(t_imp_doc() || '{
        "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90", "tax_rate": "0.20"},
                  {"sku": "TAB-002", "name": "Tabak", "qty": 4, "unit_price": "50.00", "tax_rate": "0.20"}],
        "payment": {"method": "card", "paid": "349.90", "reference": "pay_8813"}}')
$$, 're-importing the same number succeeds');
SELECT ok((SELECT id FROM t_imp_ids WHERE what = 'again') = (SELECT id FROM t_imp_ids WHERE what = 'first'),
    're-import returns the same order id');
SELECT is((SELECT count(*) FROM backdesk.orders WHERE number = 'SO-100234'), 1::bigint,
    're-import does not make a second order');
SELECT results_eq($$
    SELECT version, lines_total, tax_total, total FROM backdesk.orders WHERE number = 'SO-100234'
$$, $$VALUES (2, 349.90::numeric, 58.31::numeric, 349.90::numeric)$$,
    're-import: version 2, totals recomputed');
SELECT results_eq($$
    SELECT l.line_no::int, l.sku, l.qty FROM backdesk.order_lines l JOIN backdesk.orders o ON o.id = l.order_id
    WHERE o.number = 'SO-100234' ORDER BY l.line_no
$$, $$VALUES (1, 'KUP-001', 1), (2, 'TAB-002', 4)$$, 're-import: the lines are replaced');
SELECT results_eq($$
    SELECT p.paid, p.reference FROM backdesk.payments p JOIN backdesk.orders o ON o.id = p.order_id
    WHERE o.number = 'SO-100234'
$$, $$VALUES (349.90::numeric, 'pay_8813')$$, 're-import: the payment is updated');
SELECT results_eq($$
    SELECT action, count(*)::int FROM backdesk.audit_log
    WHERE entity = 'order' AND entity_id = (SELECT id FROM t_imp_ids WHERE what = 'first')
    GROUP BY action ORDER BY action
$$, $$VALUES ('order.import', 1), ('order.reimport', 1)$$,
    'audit: one order.import and one order.reimport for the order');

------------------------------------------------------------------------------
-- The customer is found again.
------------------------------------------------------------------------------
SELECT lives_ok($$
    INSERT INTO t_imp_ids SELECT 'by_email', api.import_order(t_imp_doc() || '{"number": "SO-300",
        "customer": {"email": "SUKRU@Example.com", "name": "Şükrü Öztürk"}}')
$$, 'a second order from the same e-mail (other case, no phone) imports');
SELECT ok((SELECT customer_id FROM backdesk.orders WHERE number = 'SO-300')
          = (SELECT customer_id FROM backdesk.orders WHERE number = 'SO-100234'),
    'the second order belongs to the same customer, found by e-mail');
SELECT lives_ok($$
    SELECT api.import_order(t_imp_doc() || '{"number": "SO-301",
        "customer": {"phone": "0532 123 4567", "name": "Şükrü Öztürk"}}')
$$, 'an order with only the phone, written differently, imports');
SELECT ok((SELECT customer_id FROM backdesk.orders WHERE number = 'SO-301')
          = (SELECT customer_id FROM backdesk.orders WHERE number = 'SO-100234'),
    'the order belongs to the same customer, found by phone');
SELECT is((SELECT count(*) FROM backdesk.customers WHERE phone_norm = '905321234567' OR lower(email) = 'sukru@example.com'),
    1::bigint, 'still one customer for that e-mail and phone');
SELECT is((SELECT count(*) FROM backdesk.addresses a JOIN backdesk.customers c ON c.id = a.customer_id
           WHERE c.email = 'sukru@example.com'), 1::bigint,
    'the same shipping address is not stored twice');
-- Someone else (here: a relative sharing the phone) orders with an e-mail of their own.
-- Whatever import_order does with them, the first customer must keep the e-mail and
-- name they can be found by.
SELECT lives_ok($$
    SELECT api.import_order(t_imp_doc() || '{"number": "SO-302",
        "customer": {"email": "ayse.ozturk@example.com", "phone": "+90 532 123 45 67", "name": "Ayşe Öztürk"}}')
$$, 'an order with a new e-mail and an already known phone imports');
SELECT results_eq($$
    SELECT c.name, c.email FROM backdesk.customers c JOIN backdesk.orders o ON o.customer_id = c.id
    WHERE o.number = 'SO-100234'
$$, $$VALUES ('Şükrü Öztürk', 'sukru@example.com')$$,
    'the known customer keeps their e-mail and name (a shared phone does not hand their account to someone else)');
SELECT is((SELECT count(*) FROM backdesk.customers WHERE email = 'ayse.ozturk@example.com'), 1::bigint,
    'the new e-mail is stored, on a customer of its own');

------------------------------------------------------------------------------
-- Refusals: BD005 naming the field.
------------------------------------------------------------------------------
SELECT refused($$SELECT api.import_order(t_imp_bad() - 'number')$$,
    'BD005', 'order document: "number" is missing', 'missing number');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"number": "   "}')$$,
    'BD005', 'order document: "number" is empty', 'empty number');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"number": null}')$$,
    'BD005', 'order document: "number" is missing', 'null number');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"number": 100234}')$$,
    'BD005', 'order document: "number" must be a string%', 'a number that is not a string');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"number": "SO 100234;"}')$$,
    'BD005', 'order document: "number"%characters%', 'bad characters in the number');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"number": "SÖ-1"}')$$,
    'BD005', 'order document: "number"%characters%', 'a non-ASCII letter in the number');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{lines,0,qty}', '-1'))$$,
    'BD005', 'order document: "lines[1].qty" must be a whole number%', 'negative quantity');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{lines,0,qty}', '0'))$$,
    'BD005', 'order document: "lines[1].qty" must be a whole number%', 'zero quantity');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{lines,0,qty}', '1.5'))$$,
    'BD005', 'order document: "lines[1].qty" must be a whole number%', 'fractional quantity');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{lines,0,qty}', '"2"'))$$,
    'BD005', 'order document: "lines[1].qty"%', 'a quantity given as a string');
SELECT refused($$SELECT api.import_order(t_imp_bad() - 'lines' || '{"lines": [{"sku": "A", "name": "A", "qty": 1, "unit_price": "1.00"}, {"sku": "B", "name": "B", "qty": 0, "unit_price": "1.00"}]}')$$,
    'BD005', 'order document: "lines[2].qty"%', 'the message names which line is wrong');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"currency": "XYZ"}')$$,
    'BD005', 'order document: "currency" %XYZ% is not a currency%', 'unknown currency');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{payment,paid}', '"299.81"'))$$,
    'BD005', 'order document: "payment.paid" is 299.81 TRY, more than the order total of 299.80 TRY',
    'paid more than the total');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{lines,0,unit_price}', '"149.905"'))$$,
    'BD005', 'order document: "lines[1].unit_price" has more than 2 decimals%', 'too many decimals in a price');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"shipping_fee": "9.999"}')$$,
    'BD005', 'order document: "shipping_fee" has more than 2 decimals%', 'too many decimals in the shipping fee');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{lines,0,unit_price}', '"-1.00"'))$$,
    'BD005', 'order document: "lines[1].unit_price" must not be negative%', 'negative price');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{lines,0,unit_price}', '"1,50"'))$$,
    'BD005', 'order document: "lines[1].unit_price" must be an amount%', 'a price with a decimal comma');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{lines,0,tax_rate}', '"20"'))$$,
    'BD005', 'order document: "lines[1].tax_rate" must be a fraction%', 'a tax rate given as a percentage');
SELECT refused($$SELECT api.import_order(t_imp_bad() - 'lines')$$,
    'BD005', 'order document: "lines" must be a non-empty array%', 'missing lines');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"lines": []}')$$,
    'BD005', 'order document: "lines" must be a non-empty array%', 'empty lines');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"lines": {"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90"}}')$$,
    'BD005', 'order document: "lines" must be a non-empty array%', 'lines not an array (an object)');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"lines": "KUP-001"}')$$,
    'BD005', 'order document: "lines" must be a non-empty array%', 'lines not an array (a string)');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"lines": [42]}')$$,
    'BD005', 'order document: "lines[1]" must be an object', 'a line that is not an object');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"customer": {"name": "Şükrü Öztürk"}}')$$,
    'BD005', 'order document: "customer" needs an "email" or a "phone"', 'customer without e-mail and phone');
SELECT refused($$SELECT api.import_order(t_imp_bad() - 'customer')$$,
    'BD005', 'order document: "customer" is missing%', 'no customer');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{customer,email}', '"sukru-at-example.com"'))$$,
    'BD005', 'order document: "customer.email"%is not an e-mail address', 'bad e-mail');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{customer,phone}', '"12"'))$$,
    'BD005', 'order document: "customer.phone"%is not a phone number', 'a phone with too few digits');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"deliver_between": ["2026-11-27", "2026-11-24"]}')$$,
    'BD005', 'order document: "deliver_between" ends (2026-11-24) before it starts (2026-11-27)',
    'deliver_between in the wrong order');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"deliver_between": ["2026-11-24"]}')$$,
    'BD005', 'order document: "deliver_between" must be two dates%', 'deliver_between with one date');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"ship_by": "2026-02-30"}')$$,
    'BD005', 'order document: "ship_by" is not a real date%', 'a date that does not exist');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"ship_by": "22.11.2026"}')$$,
    'BD005', 'order document: "ship_by" must be a date like%', 'a date in the wrong format');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"deliver_between": ["2026-11-24", "2026-13-01"]}')$$,
    'BD005', 'order document: "deliver_between[1]"%', 'a bad date inside deliver_between');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"placed_at": "last tuesday"}')$$,
    'BD005', 'order document: "placed_at" is not a timestamp%', 'placed_at that is not a timestamp');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"placed_at": "infinity"}')$$,
    'BD005', 'order document: "placed_at"%', 'placed_at "infinity" is not a time an order was placed');
SELECT refused($$SELECT api.import_order(jsonb_set(t_imp_bad(), '{payment,method}', '"bitcoin"'))$$,
    'BD005', 'order document: "payment.method"%is not a payment method%', 'unknown payment method');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"free_shipping": "yes"}')$$,
    'BD005', 'order document: "free_shipping" must be true or false', 'free_shipping not a boolean');
-- Every text field is read trimmed (doc_text), the country code too.
SELECT lives_ok($$SELECT api.import_order(jsonb_set(t_imp_doc() || '{"number": "SO-CTRY"}', '{shipping_address,country}', '" tr"'))$$,
    'a country code with a stray space and in lower case imports (not refused by the char(2) column)');
SELECT is((SELECT a.country::text FROM backdesk.addresses a JOIN backdesk.orders o ON o.shipping_address_id = a.id
           WHERE o.number = 'SO-CTRY'), 'TR', 'the country is stored as "TR"');
SELECT refused($$SELECT api.import_order(t_imp_bad() || '{"number": "SO-BIG",
        "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 100000, "unit_price": "999999999.99"}],
        "payment": {"method": "card", "paid": "0"}}')$$,
    'BD005', 'order document: %', 'an order total too large for the money columns is refused as input, not by a numeric overflow');

-- Not a document at all.
SELECT throws_ok($$SELECT api.import_order('{bad'::jsonb)$$, '22P02', NULL, 'malformed JSON text is refused by the cast (22P02)');
SELECT refused($$SELECT api.import_order('[1, 2]')$$,
    'BD005', 'order document: the document must be a JSON object', 'an array is not a document');
SELECT refused($$SELECT api.import_order('"SO-100234"')$$,
    'BD005', 'order document: the document must be a JSON object', 'a string is not a document');
SELECT refused($$SELECT api.import_order(NULL)$$,
    'BD005', 'order document: the document must be a JSON object', 'NULL is not a document');

-- A refusal leaves nothing behind.
SELECT refused($$SELECT api.import_order(t_imp_doc() || '{"number": "SO-HALF",
        "customer": {"email": "half@example.com", "name": "Yarım Kalmış"}, "payment": {"method": "card", "paid": "999.00"}}')$$,
    'BD005', 'order document: "payment.paid"%', 'a new customer''s order paid too much is refused');
SELECT is_empty($$SELECT FROM backdesk.customers WHERE email = 'half@example.com'$$,
    'the refused import left no customer row');
SELECT is_empty($$SELECT FROM backdesk.orders WHERE number = 'SO-HALF'$$, 'the refused import left no order row');
SELECT is_empty($$SELECT FROM backdesk.audit_log WHERE detail ->> 'number' = 'SO-HALF'$$,
    'the refused import left no audit row');

------------------------------------------------------------------------------
-- Re-import refused once the order has moved on: BD002.
------------------------------------------------------------------------------
-- A return on its lines.
INSERT INTO backdesk.returns (number, order_id, reason)
SELECT 'R-T-IMP', id, 'test' FROM backdesk.orders WHERE number = 'SO-200';
INSERT INTO backdesk.return_lines (return_id, order_line_id, qty)
SELECT r.id, l.id, 1 FROM backdesk.returns r JOIN backdesk.order_lines l ON l.order_id = r.order_id
WHERE r.number = 'R-T-IMP' AND l.line_no = 1;
SELECT refused($$SELECT api.import_order(t_imp_doc() || '{"number": "SO-200"}')$$,
    'BD002', 'order SO-200 has a return on its lines%', 're-import of an order with a return is refused with BD002');
SELECT results_eq($$SELECT version, lines_total, (SELECT count(*)::int FROM backdesk.order_lines WHERE order_id = o.id)
                    FROM backdesk.orders o WHERE number = 'SO-200'$$,
    $$VALUES (1, 141.09::numeric, 3)$$, 'the refused re-import left the order and its lines as they were');

-- Shipped.
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no)
SELECT id, 'yurtici', 'YT-T-IMP-1' FROM backdesk.orders WHERE number = 'SO-100234';
SELECT refused($$SELECT api.import_order(t_imp_doc())$$,
    'BD002', 'order SO-100234 has already shipped%', 're-import after a shipment exists is refused with BD002');
SELECT is((SELECT version FROM backdesk.orders WHERE number = 'SO-100234'), 2, 'the shipped order was not touched');

-- Cancelled.
UPDATE backdesk.orders SET status = 'cancelled', cancel_reason = 'test' WHERE number = 'SO-300';
SELECT refused($$SELECT api.import_order(t_imp_doc() || '{"number": "SO-300"}')$$,
    'BD002', 'order SO-300 was cancelled%', 're-import of a cancelled order is refused with BD002');

------------------------------------------------------------------------------
-- Who may import.
------------------------------------------------------------------------------
CREATE ROLE t_imp_shop LOGIN IN ROLE backdesk_shop;
CREATE ROLE t_imp_agent LOGIN IN ROLE backdesk_agent;

SET SESSION AUTHORIZATION t_imp_shop;
SELECT lives_ok($$SELECT api.import_order(t_imp_doc() || '{"number": "SO-SHOP-1"}')$$,
    'a shop login can import an order');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.orders WHERE number = 'SO-SHOP-1'), 1::bigint,
    'the shop''s order is there');

SET SESSION AUTHORIZATION t_imp_agent;
SELECT refused($$SELECT api.import_order(t_imp_doc() || '{"number": "SO-AGENT-1"}')$$,
    'BD001', 'importing orders is not allowed for t_imp_agent (role: agent)', 'an agent cannot import (BD001)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.orders WHERE number = 'SO-AGENT-1'), 0::bigint,
    'the agent''s order is not there');

SELECT * FROM finish();
ROLLBACK;
