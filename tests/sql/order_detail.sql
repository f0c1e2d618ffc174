-- api.order_detail: one document with everything the order screen shows, and only
-- what the caller's role may see.  And the NOTIFY that keeps the lists live.
BEGIN;
SELECT plan(17);

CREATE ROLE t_od_agent LOGIN IN ROLE backdesk_agent;
CREATE ROLE t_od_wh LOGIN IN ROLE backdesk_warehouse;
CREATE ROLE t_od_shop LOGIN IN ROLE backdesk_shop;

CREATE TEMP TABLE t_od (id bigint);
GRANT SELECT ON t_od TO PUBLIC;
INSERT INTO t_od SELECT api.import_order('{"number": "SO-OD1", "placed_at": "2026-11-20T14:03:00+03:00",
  "currency": "TRY", "customer": {"email": "od@example.com", "name": "Gülşen Çağlar"},
  "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
  "lines": [{"sku": "A-1", "name": "Çaydanlık", "qty": 1, "unit_price": "450.00", "tax_rate": "0.20"},
            {"sku": "B-2", "name": "Bardak", "qty": 6, "unit_price": "25.50", "tax_rate": "0.20"}],
  "shipping_fee": "39.90", "free_shipping": true,
  "payment": {"method": "card", "paid": "642.90", "reference": "pay_od"},
  "ship_by": "2020-01-02"}'::jsonb);
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status)
SELECT id, 'aras', 'ARAS0000OD1', 'IN_TRANSIT' FROM t_od;
INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key)
SELECT id, 'shipping_fee', 39.90, 'free shipping', gen_random_uuid() FROM t_od;
INSERT INTO backdesk.tickets (channel, category, subject, order_id, first_response_due, resolve_due)
SELECT 'phone', 'shipping-fee', 'Kargo ücreti', id, now(), now() FROM t_od;

CREATE TEMP TABLE t_od_doc AS SELECT api.order_detail(id) AS d FROM t_od;
GRANT SELECT ON t_od_doc TO PUBLIC;

SELECT is((SELECT d->>'number' FROM t_od_doc), 'SO-OD1', 'the document is the order');
SELECT is((SELECT d->>'total' FROM t_od_doc), '642.90', 'amounts travel as exact strings');
SELECT is((SELECT jsonb_typeof(d->'total') FROM t_od_doc), 'string', 'never as JSON numbers');
SELECT is((SELECT jsonb_array_length(d->'lines') FROM t_od_doc), 2, 'both lines');
SELECT is((SELECT d->'lines'->1->>'line_total' FROM t_od_doc), '153.00', 'line totals');
SELECT is((SELECT d->'customer'->>'name' FROM t_od_doc), 'Gülşen Çağlar', 'the customer');
SELECT is((SELECT d->'parcels'->0->>'tracking_no' FROM t_od_doc), 'ARAS0000OD1', 'the parcel');
SELECT is((SELECT d->>'late' FROM t_od_doc), 'true', 'paid and past ship-by is late');
SELECT is((SELECT d->>'refunded' FROM t_od_doc), '39.90', 'refunded so far');

SET SESSION AUTHORIZATION t_od_agent;
SELECT is((SELECT api.order_detail(id)->'payment'->>'paid' FROM t_od), '642.90', 'an agent sees the payment');
SELECT is((SELECT jsonb_array_length(api.order_detail(id)->'tickets') FROM t_od), 1, 'and the tickets');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_od_wh;
SELECT is((SELECT jsonb_typeof(api.order_detail(id)->'payment') FROM t_od), 'null',
    'the warehouse gets no payment');
SELECT ok((SELECT api.order_detail(id)->'refunds' = 'null' AND api.order_detail(id)->'tickets' = 'null' FROM t_od),
    'nor refunds, nor tickets');
SELECT throws_ok('SELECT api.order_detail(-1)', 'BD003', 'no order with id -1', 'an unknown order is BD003');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_od_shop;
SELECT throws_ok('SELECT api.order_detail(1)', '42501', NULL, 'the shop cannot read orders back');
RESET SESSION AUTHORIZATION;

-- Statement-level triggers notify the consoles; pg_notify inside this transaction is
-- only delivered at commit, so look at the trigger definitions instead.
SELECT bag_eq($$SELECT tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'backdesk' AND NOT t.tgisinternal
                   AND (t.tgtype & 1) = 0   -- FOR EACH STATEMENT
                   AND t.tgfoid = 'backdesk.notify_change'::regproc$$,
    $$VALUES ('orders_notify'), ('shipments_notify_orders'),
             ('tickets_notify'), ('returns_notify'), ('refunds_notify'), ('notes_notify'),
             ('gift_codes_notify'), ('outbox_notify')$$,
    'orders, shipments (on the orders channel), tickets, returns, refunds, notes, gift codes and the outbox notify once per statement');
-- The parcels' own channel carries the shipment's id (0042), still once per statement.
SELECT bag_eq($$SELECT tgname::text || ' ' || t.tgfoid::regproc::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'backdesk' AND NOT t.tgisinternal AND (t.tgtype & 1) = 0
                   AND c.relname IN ('shipments', 'shipment_events') AND tgname <> 'shipments_notify_orders'
                   AND t.tgfoid::regproc::text LIKE 'backdesk.notify%'$$,
    $$VALUES ('shipments_notify_insert backdesk.notify_shipments'), ('shipments_notify_update backdesk.notify_shipments'),
             ('shipments_notify_delete backdesk.notify_shipments'),
             ('shipment_events_notify backdesk.notify_shipment_events')$$,
    'shipments and their events notify backdesk_shipments with the ids, once per statement');

SELECT * FROM finish();
ROLLBACK;
