-- Why an order has not shipped, and which actions apply to it (0019).
--
-- api.order_detail's "why" comes from the data: an unpaid order waits for its payment,
-- a line whose product is out of stock waits for it (with the day it is expected
-- back), and the holds kept in backdesk.order_holds (payment check, address problem,
-- the carrier's pickup).  Its "can" must agree with the actions themselves: for orders
-- in every state, as an agent, can.X is false exactly when the action X is refused for
-- the order's state (BD002, or BD006 for a fee with less left to refund), and "cannot"
-- then names why.  The warehouse can do none of them.
BEGIN;

CREATE FUNCTION public.t_wc_doc(p_number text, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "wc@example.com", "name": "Neden Gecikti"},
         "shipping_address": {"line1": "Kordon 1", "district": "Konak", "city": "İzmir", "postcode": "35220", "country": "TR"},
         "lines": [{"sku": "WC-INSTOCK", "name": "Kupa", "qty": 2, "unit_price": "149.90", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": false,
         "payment": {"method": "card", "paid": "299.80"}}'::jsonb || p_extra;
CREATE FUNCTION public.t_wc_id(p_number text) RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.orders WHERE number = p_number $$;

INSERT INTO backdesk.products (sku, name, stock, expected_back) VALUES
    ('WC-INSTOCK', 'Kupa', 50, NULL),
    ('WC-GONE', 'Lamba', 0, '2026-12-03'),
    ('WC-NODATE', 'Vazo', 0, NULL);

-- Orders in every state.  Dates: placed 2026-11-20, ship-by 2026-11-22 unless given,
-- so a paid order that has not shipped is late to ship (the tests run after that).
SELECT api.import_order(t_wc_doc('SO-WC-PENDING', '{"payment": {"method": "bank_transfer", "paid": "0"}}')) \g /dev/null
SELECT api.import_order(t_wc_doc('SO-WC-PAID-ONTIME', '{"ship_by": "2099-01-01"}')) \g /dev/null
SELECT api.import_order(t_wc_doc('SO-WC-STOCK', '{"lines": [
    {"sku": "WC-INSTOCK", "name": "Kupa", "qty": 1, "unit_price": "149.90"},
    {"sku": "WC-GONE", "name": "Lamba", "qty": 1, "unit_price": "100.00"},
    {"sku": "WC-NODATE", "name": "Vazo", "qty": 1, "unit_price": "49.90"}],
    "payment": {"method": "card", "paid": "299.80"}}')) \g /dev/null
SELECT api.import_order(t_wc_doc('SO-WC-HELD')) \g /dev/null
SELECT api.import_order(t_wc_doc('SO-WC-PACKED')) \g /dev/null
UPDATE backdesk.orders SET status = 'packed' WHERE number = 'SO-WC-PACKED';
SELECT api.import_order(t_wc_doc(n, '{"deliver_between": ["2026-11-21", "2026-11-23"]}'))
FROM unnest(ARRAY['SO-WC-SHIP-LATE', 'SO-WC-DELIV-LATE']) n \g /dev/null
SELECT api.import_order(t_wc_doc(n, '{"deliver_between": ["2026-11-21", "2099-01-01"]}'))
FROM unnest(ARRAY['SO-WC-SHIP-ONTIME', 'SO-WC-DELIV-ONTIME']) n \g /dev/null
SELECT api.import_order(t_wc_doc(n, '{"shipping_fee": "29.90", "free_shipping": true,
    "payment": {"method": "card", "paid": "329.70"}, "deliver_between": ["2026-11-21", "2099-01-01"]}'))
FROM unnest(ARRAY['SO-WC-FEE', 'SO-WC-FEE-DONE', 'SO-WC-FEE-LEFT']) n \g /dev/null
SELECT api.import_order(t_wc_doc('SO-WC-FEE-UNPAID', '{"shipping_fee": "29.90", "free_shipping": true,
    "payment": {"method": "bank_transfer", "paid": "0"}}')) \g /dev/null
SELECT api.import_order(t_wc_doc('SO-WC-FEE-DUE', '{"shipping_fee": "29.90", "free_shipping": false,
    "payment": {"method": "card", "paid": "329.70"}}')) \g /dev/null
SELECT api.import_order(t_wc_doc('SO-WC-CANC')) \g /dev/null
UPDATE backdesk.orders SET status = 'cancelled', cancel_reason = 'test' WHERE number = 'SO-WC-CANC';

INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, delivered_at)
VALUES (t_wc_id('SO-WC-SHIP-LATE'), 'aras', 'WCSHIPLATE1', 'IN_TRANSIT', '2026-11-21 10:00+03', NULL),
       (t_wc_id('SO-WC-SHIP-ONTIME'), 'aras', 'WCSHIPONTIME1', 'IN_TRANSIT', '2026-11-21 10:00+03', NULL),
       (t_wc_id('SO-WC-DELIV-LATE'), 'aras', 'WCDELIVLATE1', 'DELIVERED', '2026-11-21 10:00+03', '2026-11-25 10:00+03'),
       (t_wc_id('SO-WC-DELIV-ONTIME'), 'aras', 'WCDELIVONTIME1', 'DELIVERED', '2026-11-21 10:00+03', '2026-11-22 10:00+03'),
       (t_wc_id('SO-WC-FEE'), 'aras', 'WCFEE1', 'DELIVERED', '2026-11-21 10:00+03', '2026-11-22 10:00+03'),
       (t_wc_id('SO-WC-FEE-DONE'), 'aras', 'WCFEEDONE1', 'DELIVERED', '2026-11-21 10:00+03', '2026-11-22 10:00+03'),
       (t_wc_id('SO-WC-FEE-LEFT'), 'aras', 'WCFEELEFT1', 'DELIVERED', '2026-11-21 10:00+03', '2026-11-22 10:00+03');
UPDATE backdesk.orders SET status = 'shipped' WHERE number IN ('SO-WC-SHIP-LATE', 'SO-WC-SHIP-ONTIME');
UPDATE backdesk.orders SET status = 'delivered'
WHERE number IN ('SO-WC-DELIV-LATE', 'SO-WC-DELIV-ONTIME', 'SO-WC-FEE', 'SO-WC-FEE-DONE', 'SO-WC-FEE-LEFT');
INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key)
VALUES (t_wc_id('SO-WC-FEE-DONE'), 'shipping_fee', 29.90, 'free shipping', gen_random_uuid()),
       (t_wc_id('SO-WC-FEE-LEFT'), 'goodwill', 310.00, 'broken', gen_random_uuid());

INSERT INTO backdesk.order_holds (order_id, reason, note, since)
VALUES (t_wc_id('SO-WC-HELD'), 'address_problem', 'kapı numarası eksik', '2026-11-21 09:00+03'),
       (t_wc_id('SO-WC-HELD'), 'payment_unconfirmed', NULL, '2026-11-21 09:00+03'),
       (t_wc_id('SO-WC-PACKED'), 'awaiting_pickup', NULL, '2026-11-23 09:00+03'),
       (t_wc_id('SO-WC-SHIP-LATE'), 'awaiting_pickup', NULL, '2026-11-20 09:00+03');

CREATE ROLE t_wc_agent LOGIN IN ROLE backdesk_agent;
CREATE ROLE t_wc_wh LOGIN IN ROLE backdesk_warehouse;

-- Each order's document as the agent and as the warehouse sees it.
CREATE TEMP TABLE t_wc_docs (number text PRIMARY KEY, agent jsonb, wh jsonb);
GRANT ALL ON t_wc_docs TO PUBLIC;
INSERT INTO t_wc_docs (number) SELECT number FROM backdesk.orders WHERE number LIKE 'SO-WC-%';
SET SESSION AUTHORIZATION t_wc_agent;
UPDATE t_wc_docs SET agent = api.order_detail(t_wc_id(number));
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_wc_wh;
UPDATE t_wc_docs SET wh = api.order_detail(t_wc_id(number));
RESET SESSION AUTHORIZATION;

-- What an action does to an order as the agent: 'ok' (rolled back), or the SQLSTATE.
CREATE FUNCTION public.t_wc_try(p_action text, p_number text) RETURNS text LANGUAGE plpgsql
AS $$
BEGIN
    BEGIN
        CASE p_action
        WHEN 'cancel' THEN PERFORM api.cancel_order(p_number, 'test');
        WHEN 'change_address' THEN
            PERFORM api.change_address(p_number, '{"line1": "Alsancak Mah. 2", "district": "Konak",
                                                   "city": "İzmir", "postcode": "35220", "country": "TR"}');
        WHEN 'refund_fee' THEN PERFORM api.refund_shipping_fee(p_number, 'test', gen_random_uuid());
        WHEN 'compensate_delay' THEN PERFORM api.compensate_delay(p_number, 'gift_code', 10, 'test', gen_random_uuid());
        END CASE;
        RAISE EXCEPTION USING ERRCODE = 'TWC00', MESSAGE = 'done';
    EXCEPTION WHEN OTHERS THEN
        RETURN CASE WHEN SQLSTATE = 'TWC00' THEN 'ok' ELSE SQLSTATE || ' ' || SQLERRM END;
    END;
END
$$;
GRANT EXECUTE ON FUNCTION public.t_wc_try(text, text) TO PUBLIC;

CREATE TEMP TABLE t_wc_tried (number text, action text, can boolean, cannot text, outcome text);
GRANT ALL ON t_wc_tried TO PUBLIC;
SET SESSION AUTHORIZATION t_wc_agent;
INSERT INTO t_wc_tried
SELECT d.number, a, (d.agent -> 'can' ->> a)::boolean, d.agent -> 'cannot' ->> a, t_wc_try(a, d.number)
FROM t_wc_docs d, unnest(ARRAY['cancel', 'change_address', 'refund_fee', 'compensate_delay']) a;
RESET SESSION AUTHORIZATION;

SELECT plan(22);

------------------------------------------------------------------------------
-- Why it has not shipped.
------------------------------------------------------------------------------
SELECT is((SELECT agent -> 'why' FROM t_wc_docs WHERE number = 'SO-WC-PENDING'),
    '[{"reason": "payment_unconfirmed"}]', 'an unpaid order waits for its payment');
SELECT is((SELECT agent -> 'why' FROM t_wc_docs WHERE number = 'SO-WC-STOCK'),
    '[{"sku": "WC-GONE", "name": "Lamba", "reason": "out_of_stock", "expected": "2026-12-03"},
      {"sku": "WC-NODATE", "name": "Vazo", "reason": "out_of_stock"}]',
    'a line out of stock, with the day it is expected back (none when not known); the line in stock is not a reason');
SELECT is((SELECT agent -> 'why' FROM t_wc_docs WHERE number = 'SO-WC-HELD'),
    '[{"since": "2026-11-21", "reason": "payment_unconfirmed"},
      {"note": "kapı numarası eksik", "since": "2026-11-21", "reason": "address_problem"}]',
    'holds, payment first, the address problem with its note');
SELECT is((SELECT agent -> 'why' FROM t_wc_docs WHERE number = 'SO-WC-PACKED'),
    '[{"since": "2026-11-23", "reason": "awaiting_pickup"}]', 'a packed order waiting for the carrier''s pickup');
SELECT is((SELECT agent -> 'why' FROM t_wc_docs WHERE number = 'SO-WC-SHIP-LATE'), '[]',
    'a shipped order has no reasons left (its old hold is history)');
SELECT is((SELECT agent -> 'why' FROM t_wc_docs WHERE number = 'SO-WC-PAID-ONTIME'), '[]',
    'a paid order in stock and without holds has none');
SELECT is((SELECT wh -> 'why' FROM t_wc_docs WHERE number = 'SO-WC-STOCK'),
    (SELECT agent -> 'why' FROM t_wc_docs WHERE number = 'SO-WC-STOCK'), 'the warehouse reads the same reasons');
UPDATE backdesk.products SET stock = 5 WHERE sku IN ('WC-GONE', 'WC-NODATE');
SELECT is(api.order_detail(t_wc_id('SO-WC-STOCK')) -> 'why', '[]', 'stock back: the reason is gone');

------------------------------------------------------------------------------
-- can agrees with the actions, for orders in every state.
------------------------------------------------------------------------------
SELECT is((SELECT count(DISTINCT number) FROM t_wc_tried), 15::bigint, 'fifteen orders tried with four actions');
SELECT is_empty($$SELECT number, action, can, cannot, outcome FROM t_wc_tried
    WHERE can IS DISTINCT FROM (outcome = 'ok')$$,
    'can.X is true exactly when the action goes through, false exactly when it is refused');
SELECT is_empty($$SELECT number, action, outcome FROM t_wc_tried
    WHERE outcome <> 'ok' AND outcome !~ '^BD00[26] '$$,
    'every refusal met is one by the order''s state (BD002, or BD006 for the fee)');
SELECT is_empty($$SELECT number, action, cannot FROM t_wc_tried WHERE can = (cannot IS NOT NULL)$$,
    'cannot names a reason exactly for the actions that cannot be done');
SELECT results_eq($$SELECT cannot FROM t_wc_tried WHERE number = 'SO-WC-DELIV-ONTIME' ORDER BY action$$,
    $$VALUES ('delivered'), ('delivered'), ('not_late'), ('no_fee')$$,
    'a delivered, on-time order without a fee: cancel, address, delay and fee all refused, each saying why');
SELECT results_eq($$SELECT action, can FROM t_wc_tried WHERE number = 'SO-WC-PAID-ONTIME' ORDER BY action$$,
    $$VALUES ('cancel', true), ('change_address', true), ('compensate_delay', false), ('refund_fee', false)$$,
    'a paid order not late yet: cancel and address, no delay compensation');
SELECT results_eq($$SELECT action, can FROM t_wc_tried WHERE number = 'SO-WC-SHIP-LATE' ORDER BY action$$,
    $$VALUES ('cancel', false), ('change_address', false), ('compensate_delay', true), ('refund_fee', false)$$,
    'a parcel under way past its promise: compensation only');
SELECT is((SELECT can FROM t_wc_tried WHERE number = 'SO-WC-DELIV-LATE' AND action = 'compensate_delay'), true,
    'a delivery after the promised day may be compensated');
SELECT results_eq($$SELECT number, cannot FROM t_wc_tried WHERE action = 'refund_fee' AND number LIKE 'SO-WC-FEE%' ORDER BY number$$,
    $$VALUES ('SO-WC-FEE', NULL), ('SO-WC-FEE-DONE', 'fee_refunded'), ('SO-WC-FEE-DUE', 'not_free_shipping'),
             ('SO-WC-FEE-LEFT', 'refunded_all'), ('SO-WC-FEE-UNPAID', 'not_paid')$$,
    'the fee refund: offered only for a fee charged, paid and not refunded on a free-shipping order');
SELECT results_eq($$SELECT action, cannot FROM t_wc_tried WHERE number = 'SO-WC-CANC' ORDER BY action$$,
    $$VALUES ('cancel', 'cancelled'), ('change_address', 'cancelled'), ('compensate_delay', 'cancelled'),
             ('refund_fee', 'cancelled')$$, 'a cancelled order: nothing, because it was cancelled');
SELECT is((SELECT outcome FROM t_wc_tried WHERE number = 'SO-WC-DELIV-ONTIME' AND action = 'compensate_delay'),
    'BD002 order SO-WC-DELIV-ONTIME was not late; there is no delay to compensate',
    'the database still refuses compensating an order that was not late');

------------------------------------------------------------------------------
-- The warehouse, and the rule in one place.
------------------------------------------------------------------------------
SELECT is_empty($$SELECT number FROM t_wc_docs
    WHERE wh -> 'can' <> '{"cancel": false, "refund_fee": false, "change_address": false, "compensate_delay": false}'
       OR wh -> 'cannot' <> '{"cancel": "role", "refund_fee": "role", "change_address": "role", "compensate_delay": "role"}'$$,
    'the warehouse can do none of them, and is told it is the role');
-- Since 0039 api.order_detail adds the gift codes to backdesk.order_detail_base's document.
SELECT ok(pg_get_functiondef('api.order_detail(bigint)'::regprocedure) ~ 'backdesk\.order_detail_base\(p_id\)'
      AND pg_get_functiondef('backdesk.order_detail_base(bigint)'::regprocedure) ~ 'action_refusal'
      AND pg_get_functiondef('backdesk.need_action(text, backdesk.orders)'::regprocedure) ~ 'action_refusal',
    'order_detail''s can and the actions'' refusals call the same rule, backdesk.action_refusal');
SELECT ok(pg_get_functiondef('api.refund_shipping_fee(text, text, uuid, integer)'::regprocedure) ~ 'need_action'
      AND pg_get_functiondef('api.compensate_delay(text, text, numeric, text, uuid, integer)'::regprocedure) ~ 'need_action'
      AND pg_get_functiondef('backdesk.need_not_shipped(backdesk.orders, text)'::regprocedure) ~ 'need_action',
    'and every action refuses through it (cancel and change_address through need_not_shipped)');

SELECT * FROM finish();
ROLLBACK;
