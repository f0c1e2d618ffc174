-- Money back (0006): api.issue_refund, api.refund_shipping_fee, api.compensate_delay.
-- Allowed for agents and admins, refused by state (BD002), by role (BD001), by version
-- (BD004), over what was paid or over the role's limit (BD006); idempotent on the key
-- (the same key again returns the first result and writes nothing; the same key for
-- something else is BD007); audited once with actor = the login.  What happens under
-- real concurrency is tests/shell/refund_race.t.
BEGIN;


CREATE FUNCTION public.t_rf_doc(p_number text, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "rf@example.com", "name": "Gülşen Çağlar", "locale": "tr"},
         "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
         "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": false,
         "payment": {"method": "card", "paid": "299.80"}}'::jsonb || p_extra;

CREATE FUNCTION public.t_rf_order(p_number text) RETURNS backdesk.orders LANGUAGE sql
AS $$ SELECT * FROM backdesk.orders WHERE number = p_number $$;
CREATE FUNCTION public.t_rf_refunded(p_number text) RETURNS numeric LANGUAGE sql
AS $$ SELECT coalesce(sum(amount), 0) FROM backdesk.refunds WHERE order_id = (t_rf_order(p_number)).id $$;
CREATE FUNCTION public.t_rf_audits(p_number text, p_action text, p_actor text DEFAULT NULL) RETURNS bigint LANGUAGE sql
AS $$
    SELECT count(*) FROM backdesk.audit_log a
    WHERE a.entity = 'order' AND a.entity_id = (t_rf_order(p_number)).id
      AND a.action = p_action AND (p_actor IS NULL OR a.actor = p_actor)
$$;
CREATE FUNCTION public.t_rf_key(n integer) RETURNS uuid LANGUAGE sql
RETURN format('00000000-0000-4000-8000-%s', lpad(n::text, 12, '0'))::uuid;

CREATE TEMP TABLE t_rf_ids (what text PRIMARY KEY, id text);
GRANT ALL ON t_rf_ids TO PUBLIC;

DO $$ BEGIN
    PERFORM api.staff_add('t_rf_ayse', 'Ayşe Yılmaz', 'agent');
    PERFORM api.staff_add('t_rf_zeynep', 'Zeynep Kaya', 'agent');
    PERFORM api.staff_add('t_rf_emre', 'Emre Şahin', 'admin');
END $$;
CREATE ROLE t_rf_sup LOGIN IN ROLE backdesk_supervisor;
CREATE ROLE t_rf_wh LOGIN IN ROLE backdesk_warehouse;

SELECT api.import_order(t_rf_doc(n)) FROM unnest(ARRAY['SO-RF-1', 'SO-RF-2', 'SO-RF-D1', 'SO-RF-X']) n \g /dev/null
-- Unpaid, and its promised delivery is over: late (0019 compensates only late orders).
SELECT api.import_order(t_rf_doc('SO-RF-UNPAID', '{"payment": {"method": "bank_transfer", "paid": "0"},
                                                   "deliver_between": ["2026-11-23", "2026-11-25"]}')) \g /dev/null
SELECT api.import_order(t_rf_doc('SO-RF-BIG', '{"lines": [{"sku": "TV-1", "name": "Televizyon", "qty": 1,
    "unit_price": "5000.00", "tax_rate": "0.20"}], "payment": {"method": "card", "paid": "5000.00"}}')) \g /dev/null
SELECT api.import_order(t_rf_doc(n, '{"shipping_fee": "29.90", "free_shipping": true,
    "payment": {"method": "card", "paid": "329.70"}}')) FROM unnest(ARRAY['SO-RF-FEE', 'SO-RF-FEE2', 'SO-RF-FEE3']) n \g /dev/null
SELECT api.import_order(t_rf_doc('SO-RF-NOFREE', '{"shipping_fee": "29.90", "free_shipping": false,
    "payment": {"method": "card", "paid": "329.70"}}')) \g /dev/null
SELECT api.import_order(t_rf_doc('SO-RF-ZERO', '{"shipping_fee": "0", "free_shipping": true}')) \g /dev/null
SELECT api.import_order(t_rf_doc('SO-RF-CANC', '{"shipping_fee": "29.90", "free_shipping": true,
    "payment": {"method": "card", "paid": "329.70"}}')) \g /dev/null
SELECT api.cancel_order('SO-RF-CANC', 'test') \g /dev/null
-- Return refunds need a return whose items are back (0011) and inspected (0038): every
-- line of these came back as new and was accepted.
CREATE FUNCTION public.t_rf_received_return(p_number text) RETURNS void LANGUAGE sql AS $$
    WITH r AS (INSERT INTO backdesk.returns (order_id, status, reason, received_at, inspected_at)
               SELECT id, 'inspected', 'test', now(), now() FROM backdesk.orders WHERE number = p_number
               RETURNING id, order_id)
    INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, condition, accepted_qty, disposition)
    SELECT r.id, l.id, l.qty, 'as_new', l.qty, 'restock' FROM r JOIN backdesk.order_lines l ON l.order_id = r.order_id;
$$;
SELECT t_rf_received_return(n) FROM unnest(ARRAY['SO-RF-1', 'SO-RF-BIG']) n \g /dev/null

SELECT plan(86);

------------------------------------------------------------------------------
-- Signatures: issue_refund's first five parameters are fixed by DESIGN.md.
------------------------------------------------------------------------------
SELECT is(pg_get_function_arguments('api.issue_refund(text, numeric, text, text, uuid, integer)'::regprocedure),
    'order_number text, amount numeric, kind text, reason text, idempotency_key uuid, p_version integer DEFAULT NULL::integer',
    'api.issue_refund(order_number, amount, kind, reason, idempotency_key, p_version DEFAULT NULL)');
SELECT is(pg_get_function_result('api.issue_refund(text, numeric, text, text, uuid, integer)'::regprocedure), 'bigint',
    'api.issue_refund → bigint');
SELECT is(pg_get_function_arguments('api.refund_shipping_fee(text, text, uuid, integer)'::regprocedure),
    'order_number text, reason text, idempotency_key uuid, p_version integer DEFAULT NULL::integer',
    'api.refund_shipping_fee(order_number, reason, idempotency_key, p_version DEFAULT NULL) ');
SELECT is(pg_get_function_arguments('api.compensate_delay(text, text, numeric, text, uuid, integer)'::regprocedure),
    'order_number text, how text, amount numeric, reason text, idempotency_key uuid, p_version integer DEFAULT NULL::integer',
    'api.compensate_delay(order_number, how, amount, reason, idempotency_key, p_version DEFAULT NULL) → text');

------------------------------------------------------------------------------
-- issue_refund.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT lives_ok($$INSERT INTO t_rf_ids SELECT 'r1', api.issue_refund('SO-RF-1', 100.00, 'return', 'one cup broken', t_rf_key(1))$$,
    'issue_refund: an agent refunds part of a paid order (the DESIGN.md call, five arguments)');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT id::text, kind, amount, reason, created_by, idempotency_key FROM backdesk.refunds
                    WHERE order_id = (t_rf_order('SO-RF-1')).id$$,
    $$SELECT (SELECT id FROM t_rf_ids WHERE what = 'r1'), 'return', 100.00::numeric, 'one cup broken', 't_rf_ayse', t_rf_key(1)$$,
    'issue_refund: the refund row, its id returned, by the agent, with the key');
SELECT is(t_rf_audits('SO-RF-1', 'order.refund', 't_rf_ayse'), 1::bigint, 'issue_refund: one audit row, actor = the login');
SELECT is((t_rf_order('SO-RF-1')).version, 2, 'issue_refund: the order''s version is bumped');

-- The same key again.
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT is(api.issue_refund('SO-RF-1', 100.00, 'return', 'one cup broken', t_rf_key(1))::text,
    (SELECT id FROM t_rf_ids WHERE what = 'r1'), 'idempotency: the same key again returns the first refund''s id');
SELECT is(api.issue_refund('SO-RF-1', 100, 'return', 'retried from another screen', t_rf_key(1), 1)::text,
    (SELECT id FROM t_rf_ids WHERE what = 'r1'),
    'idempotency: even with the version seen before the first call (a retry must not fail)');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT count(*), sum(amount) FROM backdesk.refunds WHERE order_id = (t_rf_order('SO-RF-1')).id$$,
    $$VALUES (1::bigint, 100.00::numeric)$$, 'idempotency: still one refund');
SELECT is(t_rf_audits('SO-RF-1', 'order.refund'), 1::bigint, 'idempotency: still one audit row');
SELECT is((t_rf_order('SO-RF-1')).version, 2, 'idempotency: and the version was not bumped again');
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT refused($$SELECT api.issue_refund('SO-RF-1', 50.00, 'return', 'x', t_rf_key(1))$$, 'BD007',
    'idempotency key 00000000-0000-4000-8000-000000000001 was already used for a return refund of 100.00 on order SO-RF-1',
    'idempotency: the same key with another amount (BD007)', 'The same key means the same refund%');
SELECT refused($$SELECT api.issue_refund('SO-RF-2', 100.00, 'return', 'x', t_rf_key(1))$$, 'BD007',
    'idempotency key % was already used for a return refund of 100.00 on order SO-RF-1',
    'idempotency: the same key for another order (BD007)');
SELECT refused($$SELECT api.issue_refund('SO-RF-1', 100.00, 'goodwill', 'x', t_rf_key(1))$$, 'BD007',
    'idempotency key % was already used%', 'idempotency: the same key for another kind (BD007)');

-- Never more than was paid.
SELECT refused($$SELECT api.issue_refund('SO-RF-1', 250.00, 'return', 'x', t_rf_key(2))$$, 'BD006',
    'refund of 250.00 TRY refused: order SO-RF-1 would refund 350.00 of 299.80 paid, 100.00 already refunded',
    'cap: more than is left (BD006 "would refund X of Y paid, Z already refunded")',
    'At most 199.80 TRY can still be refunded.');
SELECT lives_ok($$SELECT api.issue_refund('SO-RF-1', 199.80, 'return', 'the rest', t_rf_key(3))$$,
    'cap: exactly what is left');
SELECT refused($$SELECT api.issue_refund('SO-RF-1', 0.01, 'goodwill', 'x', t_rf_key(4))$$, 'BD006',
    'refund of 0.01 TRY refused: order SO-RF-1 would refund 299.81 of 299.80 paid, 299.80 already refunded',
    'cap: not a cent more', 'Everything paid has been refunded already.');
RESET SESSION AUTHORIZATION;
SELECT is(t_rf_refunded('SO-RF-1'), 299.80::numeric, 'cap: the refunds add up to what was paid, no more');

-- Input.
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT refused($$SELECT api.issue_refund('SO-RF-2', 10.001, 'return', 'x', t_rf_key(5))$$, 'BD005',
    'amount 10.001 has more than 2 decimals for TRY', 'input: more decimals than the currency has (BD005)');
SELECT refused($$SELECT api.issue_refund('SO-RF-2', 0, 'return', 'x', t_rf_key(5))$$, 'BD005',
    'amount must be more than 0, got 0', 'input: zero (BD005)');
SELECT refused($$SELECT api.issue_refund('SO-RF-2', -5, 'return', 'x', t_rf_key(5))$$, 'BD005',
    'amount must be more than 0, got -5', 'input: negative (BD005)');
SELECT refused($$SELECT api.issue_refund('SO-RF-2', NULL, 'return', 'x', t_rf_key(5))$$, 'BD005',
    'amount must be more than 0, got nothing', 'input: no amount (BD005)');
SELECT refused($$SELECT api.issue_refund('SO-RF-2', 5, 'bonus', 'x', t_rf_key(5))$$, 'BD005',
    'kind ''bonus'' is not valid', 'input: an unknown kind (BD005)', 'Use one of: return, shipping_fee, goodwill, cancellation.');
SELECT refused($$SELECT api.issue_refund('SO-RF-2', 5, 'return', 'x', NULL)$$, 'BD005',
    'idempotency_key is missing', 'input: no key (BD005)');
SELECT refused($$SELECT api.issue_refund('SO-RF-2', 5, 'return', ' ', t_rf_key(5))$$, 'BD005',
    'reason is missing', 'input: no reason (BD005)');
SELECT refused($$SELECT api.issue_refund('SO-RF-NONE', 5, 'return', 'x', t_rf_key(5))$$, 'BD003',
    'no order ''SO-RF-NONE''', 'an unknown order (BD003)');
-- State.
SELECT refused($$SELECT api.issue_refund('SO-RF-UNPAID', 5, 'return', 'x', t_rf_key(5))$$, 'BD002',
    'order SO-RF-UNPAID has not been paid; there is nothing to refund', 'state: an unpaid order (BD002)');
-- Version.
SELECT lives_ok($$SELECT api.issue_refund('SO-RF-2', 10, 'goodwill', 'sorry', t_rf_key(6), 1)$$,
    'version: the first agent refunds with the version she saw');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rf_zeynep;
SELECT refused($$SELECT api.issue_refund('SO-RF-2', 10, 'goodwill', 'sorry too', t_rf_key(7), 1)$$, 'BD004',
    'order SO-RF-2 was changed by Ayşe Yılmaz at __:__', 'version: the second, with the same version, is refused (BD004)',
    'Reload the order and apply your change again.');
RESET SESSION AUTHORIZATION;
-- Limits per role.
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT refused($$SELECT api.issue_refund('SO-RF-BIG', 1000.01, 'goodwill', 'x', t_rf_key(8))$$, 'BD006',
    'a goodwill refund of 1000.01 TRY is over the agent limit of 1000.00 TRY',
    'limits: an agent over the goodwill limit (BD006, with the limit)', 'Give at most 1000.00 TRY%');
SELECT lives_ok($$SELECT api.issue_refund('SO-RF-BIG', 1000.00, 'goodwill', 'x', t_rf_key(9))$$,
    'limits: an agent up to the limit');
SELECT lives_ok($$SELECT api.issue_refund('SO-RF-BIG', 1500.00, 'return', 'x', t_rf_key(10))$$,
    'limits: a return refund is bounded by what came back, not by a cap');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rf_emre;
SELECT lives_ok($$SELECT api.issue_refund('SO-RF-BIG', 1500.00, 'goodwill', 'big apology', t_rf_key(11))$$,
    'limits: an admin is allowed over the agent''s goodwill limit');
RESET SESSION AUTHORIZATION;
SELECT is(t_rf_refunded('SO-RF-BIG'), 4000.00::numeric, 'limits: three refunds went through, the refused one did not');
-- Roles.
SET SESSION AUTHORIZATION t_rf_sup;
SELECT refused($$SELECT api.issue_refund('SO-RF-X', 5, 'return', 'x', t_rf_key(12))$$, 'BD001',
    'issuing refunds is not allowed for t_rf_sup (role: supervisor)', 'role: a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rf_wh;
SELECT refused($$SELECT api.issue_refund('SO-RF-X', 5, 'return', 'x', t_rf_key(12))$$, 'BD001',
    'issuing refunds is not allowed for t_rf_wh (role: warehouse)', 'role: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT t_rf_refunded('SO-RF-X'), t_rf_audits('SO-RF-X', 'order.refund'), (t_rf_order('SO-RF-X')).version$$,
    $$VALUES (0::numeric, 0::bigint, 1)$$, 'role: refused calls left no refund, no audit row, the same version');

------------------------------------------------------------------------------
-- refund_shipping_fee.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT lives_ok($$INSERT INTO t_rf_ids SELECT 'fee', api.refund_shipping_fee('SO-RF-FEE', 'free shipping order', t_rf_key(20), 1)$$,
    'refund_shipping_fee: an agent refunds the fee of a free-shipping order');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT id::text, kind, amount, reason, created_by FROM backdesk.refunds
                    WHERE order_id = (t_rf_order('SO-RF-FEE')).id$$,
    $$SELECT (SELECT id FROM t_rf_ids WHERE what = 'fee'), 'shipping_fee', 29.90::numeric, 'free shipping order', 't_rf_ayse'$$,
    'refund_shipping_fee: exactly the fee, kind shipping_fee');
SELECT is(t_rf_audits('SO-RF-FEE', 'order.refund_shipping_fee', 't_rf_ayse'), 1::bigint,
    'refund_shipping_fee: one audit row, actor = the login');
SELECT is((t_rf_order('SO-RF-FEE')).version, 2, 'refund_shipping_fee: the version is bumped');
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT is(api.refund_shipping_fee('SO-RF-FEE', 'free shipping order', t_rf_key(20), 1)::text,
    (SELECT id FROM t_rf_ids WHERE what = 'fee'), 'refund_shipping_fee: the same key again returns the same refund');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT count(*), t_rf_audits('SO-RF-FEE', 'order.refund_shipping_fee') FROM backdesk.refunds
                    WHERE order_id = (t_rf_order('SO-RF-FEE')).id$$,
    $$VALUES (1::bigint, 1::bigint)$$, 'refund_shipping_fee: still one refund and one audit row');
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT refused($$SELECT api.refund_shipping_fee('SO-RF-FEE', 'again', t_rf_key(21))$$, 'BD002',
    'the shipping fee of order SO-RF-FEE was already refunded', 'refund_shipping_fee: twice with a new key (BD002)');
SELECT refused($$SELECT api.refund_shipping_fee('SO-RF-NOFREE', 'x', t_rf_key(21))$$, 'BD002',
    'order SO-RF-NOFREE was not a free-shipping order; its shipping fee of 29.90 TRY was due',
    'refund_shipping_fee: not a free-shipping order (BD002)');
SELECT refused($$SELECT api.refund_shipping_fee('SO-RF-ZERO', 'x', t_rf_key(21))$$, 'BD002',
    'order SO-RF-ZERO was charged no shipping fee', 'refund_shipping_fee: no fee was charged (BD002)');
SELECT refused($$SELECT api.refund_shipping_fee('SO-RF-CANC', 'x', t_rf_key(21))$$, 'BD002',
    'order SO-RF-CANC was cancelled; its cancellation refund already covered the shipping fee',
    'refund_shipping_fee: a cancelled order (BD002)');
SELECT refused($$SELECT api.refund_shipping_fee('SO-RF-FEE2', 'x', t_rf_key(21), 7)$$, 'BD004',
    'order SO-RF-FEE2 was changed by%', 'refund_shipping_fee: another version (BD004)');
SELECT refused($$SELECT api.refund_shipping_fee('SO-RF-FEE2', 'x', t_rf_key(1))$$, 'BD007',
    'idempotency key % was already used for a return refund%', 'refund_shipping_fee: a key used for another refund (BD007)');
-- The fee goes through the same cap as any refund.
SELECT lives_ok($$SELECT api.issue_refund('SO-RF-FEE3', 320.00, 'goodwill', 'very sorry', t_rf_key(22))$$, 'a big refund first');
SELECT refused($$SELECT api.refund_shipping_fee('SO-RF-FEE3', 'x', t_rf_key(23))$$, 'BD006',
    'refund of 29.90 TRY refused: order SO-RF-FEE3 would refund 349.90 of 329.70 paid, 320.00 already refunded',
    'refund_shipping_fee: never more than was paid (BD006)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rf_sup;
SELECT refused($$SELECT api.refund_shipping_fee('SO-RF-FEE2', 'x', t_rf_key(24))$$, 'BD001',
    'refunding shipping fees is not allowed for t_rf_sup (role: supervisor)', 'refund_shipping_fee: a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rf_wh;
SELECT refused($$SELECT api.refund_shipping_fee('SO-RF-FEE2', 'x', t_rf_key(24))$$, 'BD001',
    'refunding shipping fees is not allowed for t_rf_wh (role: warehouse)', 'refund_shipping_fee: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rf_emre;
SELECT lives_ok($$SELECT api.refund_shipping_fee('SO-RF-FEE2', 'free shipping', t_rf_key(24))$$,
    'refund_shipping_fee: an admin may');
RESET SESSION AUTHORIZATION;
SELECT is(t_rf_audits('SO-RF-FEE2', 'order.refund_shipping_fee', 't_rf_emre'), 1::bigint,
    'refund_shipping_fee: the admin''s call is audited under the admin''s login');

------------------------------------------------------------------------------
-- compensate_delay.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT lives_ok($$INSERT INTO t_rf_ids SELECT 'comp', api.compensate_delay('SO-RF-D1', 'refund', 50.00, 'three days late', t_rf_key(30), 1)$$,
    'compensate_delay: an agent gives a goodwill refund');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT id::text, kind, amount, reason, created_by FROM backdesk.refunds
                    WHERE order_id = (t_rf_order('SO-RF-D1')).id$$,
    $$SELECT (SELECT id FROM t_rf_ids WHERE what = 'comp'), 'goodwill', 50.00::numeric, 'three days late', 't_rf_ayse'$$,
    'compensate_delay: a goodwill refund row; its id returned as text');
SET SESSION AUTHORIZATION t_rf_ayse;
SELECT is(api.compensate_delay('SO-RF-D1', 'refund', 50.00, 'three days late', t_rf_key(30), 1),
    (SELECT id FROM t_rf_ids WHERE what = 'comp'), 'compensate_delay: the same key again, the same refund');
SELECT lives_ok($$INSERT INTO t_rf_ids SELECT 'gift', api.compensate_delay('SO-RF-D1', 'gift_code', 100.00, 'three days late', t_rf_key(31), 2)$$,
    'compensate_delay: an agent gives a gift code');
SELECT is(api.compensate_delay('SO-RF-D1', 'gift_code', 100.00, 'three days late', t_rf_key(31), 2),
    (SELECT id FROM t_rf_ids WHERE what = 'gift'), 'compensate_delay: the same key again returns the same gift code');
RESET SESSION AUTHORIZATION;
SELECT matches((SELECT id FROM t_rf_ids WHERE what = 'gift'), '^BD-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$',
    'compensate_delay: the code looks like BD-XXXX-XXXX, without 0, O, 1 or I');
SELECT results_eq($$
    SELECT g.code, g.amount, g.currency::text, g.customer_id, g.order_id, g.reason, g.expires_at, g.created_by,
           g.idempotency_key, g.redeemed_at IS NULL
    FROM backdesk.gift_codes g WHERE g.order_id = (t_rf_order('SO-RF-D1')).id
$$, $$SELECT (SELECT id FROM t_rf_ids WHERE what = 'gift'), 100.00::numeric, 'TRY', (t_rf_order('SO-RF-D1')).customer_id,
             (t_rf_order('SO-RF-D1')).id, 'three days late', (backdesk.shop_date(now()) + interval '1 year')::date,
             't_rf_ayse', t_rf_key(31), true$$,
    'compensate_delay: one gift code row for the customer and the order, valid for a year, with the key');
SELECT results_eq($$SELECT count(*), (t_rf_order('SO-RF-D1')).version FROM backdesk.audit_log
                    WHERE entity = 'order' AND entity_id = (t_rf_order('SO-RF-D1')).id
                      AND action = 'order.compensate' AND actor = 't_rf_ayse'$$,
    $$VALUES (2::bigint, 3)$$, 'compensate_delay: one audit row per compensation (not per retry), each bumped the version');
SELECT is(t_rf_refunded('SO-RF-D1'), 50.00::numeric, 'compensate_delay: a gift code is not a refund');

SET SESSION AUTHORIZATION t_rf_ayse;
SELECT refused($$SELECT api.compensate_delay('SO-RF-D1', 'gift_code', 90.00, 'x', t_rf_key(31))$$, 'BD007',
    'idempotency key % was already used for a gift code of 100.00 TRY on order SO-RF-D1',
    'compensate_delay: the same gift key with another amount (BD007)');
SELECT refused($$SELECT api.compensate_delay('SO-RF-D1', 'refund', 100.00, 'x', t_rf_key(31))$$, 'BD007',
    'idempotency key % was already used for a gift code of 100.00 TRY on order SO-RF-D1', 'compensate_delay: a gift code''s key for a refund (BD007)');
SELECT refused($$SELECT api.compensate_delay('SO-RF-D1', 'gift_code', 50.00, 'x', t_rf_key(30))$$, 'BD007',
    'idempotency key % was already used for a goodwill refund of 50.00 on order SO-RF-D1', 'compensate_delay: a refund''s key for a gift code (BD007)');
SELECT refused($$SELECT api.compensate_delay('SO-RF-D1', 'gift_code', 1000.01, 'x', t_rf_key(32))$$, 'BD006',
    'a gift code of 1000.01 TRY is over the agent limit of 1000.00 TRY', 'limits: an agent over the gift code limit (BD006)');
SELECT refused($$SELECT api.compensate_delay('SO-RF-BIG', 'refund', 1000.01, 'x', t_rf_key(32))$$, 'BD006',
    'a goodwill refund of 1000.01 TRY is over the agent limit of 1000.00 TRY',
    'limits: an agent over the goodwill limit through compensate_delay (BD006)');
SELECT refused($$SELECT api.compensate_delay('SO-RF-D1', 'gift_code', 10.001, 'x', t_rf_key(32))$$, 'BD005',
    'amount 10.001 has more than 2 decimals for TRY', 'compensate_delay: too many decimals (BD005)');
SELECT refused($$SELECT api.compensate_delay('SO-RF-D1', 'voucher', 10, 'x', t_rf_key(32))$$, 'BD005',
    'how ''voucher'' is not valid', 'compensate_delay: how is refund or gift_code (BD005)');
SELECT refused($$SELECT api.compensate_delay('SO-RF-CANC', 'gift_code', 10, 'x', t_rf_key(32))$$, 'BD002',
    'order SO-RF-CANC was cancelled; there is no delivery to compensate', 'compensate_delay: a cancelled order (BD002)');
SELECT refused($$SELECT api.compensate_delay('SO-RF-UNPAID', 'refund', 10, 'x', t_rf_key(32))$$, 'BD002',
    'order SO-RF-UNPAID has not been paid; there is nothing to refund', 'compensate_delay: a refund on an unpaid order (BD002)',
    '%gift code%');
SELECT lives_ok($$SELECT api.compensate_delay('SO-RF-UNPAID', 'gift_code', 10, 'late', t_rf_key(33))$$,
    'compensate_delay: a gift code on an unpaid order is fine');
SELECT refused($$SELECT api.compensate_delay('SO-RF-D1', 'gift_code', 10, 'x', t_rf_key(34), 2)$$, 'BD004',
    'order SO-RF-D1 was changed by Ayşe Yılmaz at __:__', 'compensate_delay: an old version (BD004)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rf_emre;
SELECT matches(api.compensate_delay('SO-RF-D1', 'gift_code', 5000.00, 'very late', t_rf_key(35)), '^BD-',
    'limits: an admin gives a gift code over the agent''s limit');
SELECT lives_ok($$SELECT api.compensate_delay('SO-RF-BIG', 'refund', 1000.00, 'very late', t_rf_key(36))$$,
    'limits: an admin gives a goodwill refund (within what was paid)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rf_sup;
SELECT refused($$SELECT api.compensate_delay('SO-RF-X', 'gift_code', 10, 'x', t_rf_key(37))$$, 'BD001',
    'compensating delays is not allowed for t_rf_sup (role: supervisor)', 'compensate_delay: a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rf_wh;
SELECT refused($$SELECT api.compensate_delay('SO-RF-X', 'refund', 10, 'x', t_rf_key(37))$$, 'BD001',
    'compensating delays is not allowed for t_rf_wh (role: warehouse)', 'compensate_delay: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.gift_codes WHERE order_id = (t_rf_order('SO-RF-X')).id), 0::bigint,
    'compensate_delay: refused calls made no gift code');

-- Gift codes: the format, and no two alike.
SELECT is((SELECT count(DISTINCT c) FILTER (WHERE c ~ '^BD-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$')
           FROM (SELECT backdesk.new_gift_code() c FROM generate_series(1, 2000)) x), 2000::bigint,
    'gift codes: 2000 drawn, all well-formed and all different');
SELECT is((SELECT count(DISTINCT ch) FROM (SELECT backdesk.new_gift_code() c FROM generate_series(1, 2000)) x,
                  regexp_split_to_table(replace(substr(c, 4), '-', ''), '') ch), 32::bigint,
    'gift codes: all 32 letters and digits are used');

------------------------------------------------------------------------------
-- Whatever was done above, no order was refunded more than was paid.
------------------------------------------------------------------------------
SELECT is_empty($$
    SELECT o.number, p.paid, sum(r.amount) FROM backdesk.orders o
    JOIN backdesk.payments p ON p.order_id = o.id JOIN backdesk.refunds r ON r.order_id = o.id
    GROUP BY o.number, p.paid HAVING sum(r.amount) > p.paid
$$, 'no order''s refunds add up to more than was paid');
SELECT is_empty($$
    SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'api' AND p.proname IN ('issue_refund', 'refund_shipping_fee', 'compensate_delay')
      AND (NOT p.prosecdef OR NOT has_function_privilege('backdesk_agent', p.oid, 'EXECUTE')
           OR has_function_privilege('backdesk_shop', p.oid, 'EXECUTE'))
$$, 'the refund functions are SECURITY DEFINER, executable by staff, not by the shop');

SELECT * FROM finish();
ROLLBACK;
