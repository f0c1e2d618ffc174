-- Money rules that cannot be walked around (0011): each refund kind's precondition,
-- limits that must exist, per-order and per-day caps, refunds in their own currency,
-- limits changed only by admins through api.set_amount_limit, audited.  Each case is
-- one a review made work on the code before 0011.
BEGIN;

CREATE FUNCTION public.t_mr_doc(p_number text, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "mr@example.com", "name": "Para Kural", "locale": "tr"},
         "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
         "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90", "tax_rate": "0.20"},
                   {"sku": "TV-1", "name": "Televizyon", "qty": 1, "unit_price": "5000.00", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": true,
         "payment": {"method": "card", "paid": "5299.80"}}'::jsonb || p_extra;
CREATE FUNCTION public.t_mr_id(p_number text) RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.orders WHERE number = p_number $$;
CREATE FUNCTION public.t_mr_key(n integer) RETURNS uuid LANGUAGE sql
RETURN format('00000000-0000-4000-8000-%s', lpad(n::text, 12, '0'))::uuid;
-- A return of p_qty of the order's line p_line_no, in status p_status.
CREATE FUNCTION public.t_mr_return(p_number text, p_line_no int, p_qty int, p_status text) RETURNS text
    LANGUAGE sql AS $$
    WITH r AS (INSERT INTO backdesk.returns (order_id, status, reason)
               VALUES (t_mr_id(p_number), p_status, 'test') RETURNING id, number)
    INSERT INTO backdesk.return_lines (return_id, order_line_id, qty)
    SELECT r.id, l.id, p_qty FROM r, backdesk.order_lines l
    WHERE l.order_id = t_mr_id(p_number) AND l.line_no = p_line_no
    RETURNING (SELECT number FROM r);
$$;

DO $$ BEGIN
    PERFORM api.staff_add('t_mr_ayse', 'Ayşe Para', 'agent');
    PERFORM api.staff_add('t_mr_can', 'Can Para', 'agent');
    PERFORM api.staff_add('t_mr_deniz', 'Deniz Para', 'admin');
END $$;
CREATE ROLE t_mr_sup LOGIN IN ROLE backdesk_supervisor;

SELECT api.import_order(t_mr_doc(n)) FROM unnest(ARRAY['SO-MR-RET', 'SO-MR-FEE0', 'SO-MR-G1', 'SO-MR-G2',
    'SO-MR-G3', 'SO-MR-G4', 'SO-MR-G5', 'SO-MR-CUR', 'SO-MR-CAN']) n \g /dev/null
SELECT api.import_order(t_mr_doc('SO-MR-FEE', '{"shipping_fee": "29.90", "free_shipping": false,
    "payment": {"method": "card", "paid": "5329.70"}}')) \g /dev/null
SELECT api.import_order(t_mr_doc('SO-MR-PLN', '{"currency": "PLN"}')) \g /dev/null
SELECT api.import_order(t_mr_doc('SO-MR-EUR', '{"currency": "EUR", "customer": {"email": "mr-eur@example.com",
    "name": "Euro Kural"}}')) \g /dev/null

SELECT plan(41);

------------------------------------------------------------------------------
-- A return refund needs a return whose items are back, up to their value.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_mr_ayse;
SELECT refused($$SELECT api.issue_refund('SO-MR-RET', 2000, 'return', 'really goodwill', t_mr_key(1))$$, 'BD002',
    'order SO-MR-RET has no return whose items are back; a return refund needs one',
    'return: refused without a return on record (the goodwill limit cannot be skipped as kind return)');
RESET SESSION AUTHORIZATION;
SELECT t_mr_return('SO-MR-RET', 1, 1, 'requested') \g /dev/null
SET SESSION AUTHORIZATION t_mr_ayse;
SELECT refused($$SELECT api.issue_refund('SO-MR-RET', 100, 'return', 'x', t_mr_key(2))$$, 'BD002',
    'order SO-MR-RET has no return whose items are back%', 'return: a return only requested is not enough');
RESET SESSION AUTHORIZATION;
-- Back and inspected (0038: what a return is worth is known after inspection): the cup as new.
UPDATE backdesk.returns SET status = 'inspected' WHERE order_id = t_mr_id('SO-MR-RET');
UPDATE backdesk.return_lines SET condition = 'as_new', accepted_qty = qty, disposition = 'restock'
WHERE return_id IN (SELECT id FROM backdesk.returns WHERE order_id = t_mr_id('SO-MR-RET'));
SET SESSION AUTHORIZATION t_mr_ayse;
SELECT refused($$SELECT api.issue_refund('SO-MR-RET', 149.91, 'return', 'x', t_mr_key(3))$$, 'BD006',
    'a return refund of 149.91 TRY on order SO-MR-RET is more than any of its returns has left: at most 149.90 TRY (R-%)',
    'return: not more than the returned items are worth (one cup, 149.90)');
SELECT lives_ok($$SELECT api.issue_refund('SO-MR-RET', 149.90, 'return', 'one cup back', t_mr_key(4))$$,
    'return: the value of what came back');
SELECT refused($$SELECT api.issue_refund('SO-MR-RET', 0.01, 'return', 'x', t_mr_key(5))$$, 'BD006',
    '%at most 0.00 TRY%', 'return: a return is refunded once');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT r.number FROM backdesk.refunds f JOIN backdesk.returns r ON r.id = f.return_id
           WHERE f.idempotency_key = t_mr_key(4)),
          (SELECT number FROM backdesk.returns WHERE order_id = t_mr_id('SO-MR-RET')),
          'return: the refund names the return it pays for');

------------------------------------------------------------------------------
-- A shipping fee refund is what was charged, not more.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_mr_ayse;
SELECT refused($$SELECT api.issue_refund('SO-MR-FEE0', 100, 'shipping_fee', 'x', t_mr_key(10))$$, 'BD002',
    'order SO-MR-FEE0 was charged no shipping fee; there is no fee to refund',
    'shipping_fee: refused on an order charged no fee');
SELECT refused($$SELECT api.issue_refund('SO-MR-FEE', 29.91, 'shipping_fee', 'x', t_mr_key(11))$$, 'BD006',
    'order SO-MR-FEE was charged a shipping fee of 29.90 TRY and 0.00 of it is refunded; 29.91 more is too much',
    'shipping_fee: not more than the fee charged');
SELECT lives_ok($$SELECT api.issue_refund('SO-MR-FEE', 20, 'shipping_fee', 'part of the fee', t_mr_key(12))$$,
    'shipping_fee: part of the fee');
SELECT refused($$SELECT api.issue_refund('SO-MR-FEE', 10, 'shipping_fee', 'x', t_mr_key(13))$$, 'BD006',
    '%shipping fee of 29.90 TRY and 20.00 of it is refunded; 10.00 more is too much', 'shipping_fee: the rest, no more',
    'At most 9.90 TRY of the fee is left to refund.');

------------------------------------------------------------------------------
-- A cancellation refund only on a cancelled order.
------------------------------------------------------------------------------
SELECT refused($$SELECT api.issue_refund('SO-MR-CAN', 100, 'cancellation', 'x', t_mr_key(20))$$, 'BD002',
    'order SO-MR-CAN is not cancelled; a cancellation refund is made by cancelling it',
    'cancellation: refused on an order that is not cancelled');

------------------------------------------------------------------------------
-- No limits row: refused, not unlimited.
------------------------------------------------------------------------------
SELECT refused($$SELECT api.compensate_delay('SO-MR-PLN', 'refund', 2000, 'x', t_mr_key(30))$$, 'BD006',
    'no goodwill refund limit is set for the agent role in PLN, so none can be given',
    'limits: a goodwill refund in a currency without a limits row is refused');
SELECT refused($$SELECT api.compensate_delay('SO-MR-PLN', 'gift_code', 2000, 'x', t_mr_key(31))$$, 'BD006',
    'no gift code limit is set for the agent role in PLN, so none can be given',
    'limits: a gift code in a currency without a limits row is refused');
SELECT refused($$SELECT api.issue_refund('SO-MR-PLN', 2000, 'goodwill', 'x', t_mr_key(32))$$, 'BD006',
    'no goodwill refund limit is set for the agent role in PLN%', 'limits: issue_refund goes through the same rule');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.refunds WHERE order_id = t_mr_id('SO-MR-PLN'))
          + (SELECT count(*) FROM backdesk.gift_codes WHERE order_id = t_mr_id('SO-MR-PLN')), 0::bigint,
          'limits: nothing was given in PLN');
SET SESSION AUTHORIZATION t_mr_deniz;
SELECT lives_ok($$SELECT api.compensate_delay('SO-MR-PLN', 'gift_code', 2000, 'admin', t_mr_key(33))$$,
    'limits: an admin has explicit rows (no cap) for every currency');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Per order: five gift codes of 1000 TRY on one order do not all go through.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_mr_ayse;
SELECT lives_ok($$SELECT api.compensate_delay('SO-MR-G1', 'gift_code', 600, 'late', t_mr_key(40))$$,
    'per order: a first gift code');
SELECT refused($$SELECT api.compensate_delay('SO-MR-G1', 'gift_code', 500, 'late again', t_mr_key(41))$$, 'BD006',
    'order SO-MR-G1 already has 600.00 TRY in gift codes; 500.00 more would pass the agent cap of 1000.00 TRY per order',
    'per order: a second that passes the per-order cap is refused', 'At most 400.00 TRY more can be given on this order%');
SELECT lives_ok($$SELECT api.compensate_delay('SO-MR-G1', 'gift_code', 400, 'the rest', t_mr_key(42))$$,
    'per order: up to the cap');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_mr_can;
SELECT refused($$SELECT api.compensate_delay('SO-MR-G1', 'gift_code', 1, 'from a colleague', t_mr_key(43))$$, 'BD006',
    'order SO-MR-G1 already has 1000.00 TRY in gift codes%', 'per order: another agent cannot add to it either');
SELECT lives_ok($$SELECT api.compensate_delay('SO-MR-G1', 'refund', 300, 'goodwill is its own kind', t_mr_key(44))$$,
    'per order: a goodwill refund has its own per-order cap');
SELECT refused($$SELECT api.issue_refund('SO-MR-G1', 701, 'goodwill', 'x', t_mr_key(45))$$, 'BD006',
    'order SO-MR-G1 already has 300.00 TRY in goodwill refunds; 701.00 more would pass the agent cap of 1000.00 TRY per order',
    'per order: goodwill refunds through issue_refund count too');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Per day: one agent, many orders.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_mr_ayse;
SELECT lives_ok($$SELECT api.compensate_delay(n, 'gift_code', 1000, 'late', t_mr_key((50 + i)::int))
                  FROM unnest(ARRAY['SO-MR-G2', 'SO-MR-G3']) WITH ORDINALITY u(n, i)$$,
    'per day: two more full gift codes on two orders (3000 TRY today with SO-MR-G1)');
SELECT refused($$SELECT api.compensate_delay('SO-MR-G4', 'gift_code', 1, 'late', t_mr_key(55))$$, 'BD006',
    'you gave 3000.00 TRY in gift codes today; 1.00 more would pass the agent cap of 3000.00 TRY a day',
    'per day: the agent''s daily cap holds across orders');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_mr_can;
SELECT lives_ok($$SELECT api.compensate_delay('SO-MR-G4', 'gift_code', 1000, 'late', t_mr_key(56))$$,
    'per day: the cap is per agent: a colleague still can');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Limits change through api.set_amount_limit, by admins, audited.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_mr_ayse;
SELECT refused($$SELECT api.set_amount_limit('agent', 'gift_code', 'TRY', 100000, NULL, NULL)$$, 'BD001',
    'changing amount limits is not allowed for t_mr_ayse (role: agent)', 'set_amount_limit: not for an agent');
SELECT throws_ok($$UPDATE backdesk.amount_limits SET max_amount = 100000$$, '42501', NULL,
    'set_amount_limit: an agent cannot write the table either');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_mr_sup;
SELECT refused($$SELECT api.set_amount_limit('agent', 'gift_code', 'TRY', 100000, NULL, NULL)$$, 'BD001',
    '%(role: supervisor)', 'set_amount_limit: not for a supervisor');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_mr_deniz;
SELECT refused($$SELECT api.set_amount_limit('agent', 'gift_code', 'XXX', 1, 1, 1)$$, 'BD005',
    'currency ''XXX'' is not one backdesk knows', 'set_amount_limit: an unknown currency');
SELECT refused($$SELECT api.set_amount_limit('agent', 'gift_code', 'TRY', -1, 1, 1)$$, 'BD005',
    'a limit cannot be negative', 'set_amount_limit: a negative limit');
SELECT refused($$SELECT api.set_amount_limit('warehouse', 'gift_code', 'TRY', 1, 1, 1)$$, 'BD005',
    'role ''warehouse'' is not valid', 'set_amount_limit: only roles that may give money');
SELECT lives_ok($$SELECT api.set_amount_limit('agent', 'goodwill', 'PLN', 200, 200, 600)$$,
    'set_amount_limit: an admin sets a PLN goodwill limit for agents');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT detail - 'old' FROM backdesk.audit_log WHERE action = 'limits.set' AND actor = 't_mr_deniz'),
    '{"role": "agent", "kind": "goodwill", "currency": "PLN",
      "new": {"max_amount": 200, "max_per_order": 200, "max_per_day": 600}}'::jsonb,
    'set_amount_limit: audited with who, what and the new values');
SET SESSION AUTHORIZATION t_mr_ayse;
SELECT lives_ok($$SELECT api.compensate_delay('SO-MR-PLN', 'refund', 200, 'late', t_mr_key(60))$$,
    'set_amount_limit: the new row lets an agent give a goodwill refund in PLN');
SELECT refused($$SELECT api.compensate_delay('SO-MR-PLN', 'refund', 1, 'late', t_mr_key(61))$$, 'BD006',
    'order SO-MR-PLN already has 200.00 PLN in goodwill refunds%', 'set_amount_limit: and its per-order cap holds');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Refunds carry their own currency, which is their order's.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_mr_ayse;
SELECT lives_ok($$SELECT api.compensate_delay('SO-MR-EUR', 'refund', 20, 'late', t_mr_key(70))$$,
    'currency: a goodwill refund on a EUR order');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT currency::text FROM backdesk.refunds WHERE idempotency_key = t_mr_key(70)), 'EUR',
    'currency: the refund row says EUR');
SELECT is((SELECT count(*) FROM backdesk.refunds f JOIN backdesk.orders o ON o.id = f.order_id
           WHERE f.currency <> o.currency), 0::bigint, 'currency: every refund is in its order''s currency');
SELECT throws_ok($$INSERT INTO backdesk.refunds (order_id, kind, amount, currency, reason, idempotency_key)
                   VALUES (t_mr_id('SO-MR-EUR'), 'goodwill', 1, 'TRY', 'x', gen_random_uuid())$$, '23503', NULL,
    'currency: a refund in another currency than its order''s is refused by the database');
SELECT throws_ok($$UPDATE backdesk.orders SET currency = 'HUF' WHERE number = 'SO-MR-EUR'$$, '23503', NULL,
    'currency: an order with refunds cannot change its currency');
SELECT throws_ok($$UPDATE backdesk.orders SET currency = 'HUF' WHERE number = 'SO-MR-G2'$$, '23503', NULL,
    'currency: nor one with gift codes');

SELECT * FROM finish();
ROLLBACK;
