-- Gift codes (0038): api.issue_gift_code (an amount or a percent, a reason code,
-- within the caller's caps) and api.redeem_gift_code (once, in time, by the code's
-- customer), and the table's own rules (unique, the code's form, exactly one of
-- amount and percent).  Store credit codes are tests/sql/return_outcomes.sql.
BEGIN;

CREATE FUNCTION public.t_gc_doc(p_number text, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "gc@example.com", "name": "Gülşen Çağlar", "locale": "tr"},
         "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
         "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": false,
         "payment": {"method": "card", "paid": "299.80"}}'::jsonb || p_extra;
CREATE FUNCTION public.t_gc_key(n integer) RETURNS uuid LANGUAGE sql
RETURN format('00000000-0000-4000-8000-%s', lpad(n::text, 12, '0'))::uuid;
CREATE FUNCTION public.t_gc(p_code text) RETURNS backdesk.gift_codes LANGUAGE sql
AS $$ SELECT * FROM backdesk.gift_codes WHERE code = p_code $$;

CREATE TABLE public.t_gc_ids (what text PRIMARY KEY, v text);
GRANT ALL ON public.t_gc_ids TO PUBLIC;

DO $$ BEGIN
    PERFORM api.staff_add('t_gc_ayse', 'Ayşe Yılmaz', 'agent');
    PERFORM api.staff_add('t_gc_emre', 'Emre Şahin', 'admin');
    PERFORM api.staff_add('t_gc_sup', 'Selin Şef', 'supervisor');
END $$;
CREATE ROLE t_gc_shop LOGIN IN ROLE backdesk_shop;

SELECT api.import_order(t_gc_doc(n)) FROM unnest(ARRAY['SO-GC-1', 'SO-GC-2', 'SO-GC-3']) n \g /dev/null
SELECT api.import_order(t_gc_doc('SO-GC-BIG', '{"lines": [{"sku": "TV-1", "name": "Televizyon", "qty": 1,
    "unit_price": "5000.00"}], "payment": {"method": "card", "paid": "5000.00"}}')) \g /dev/null
SELECT api.import_order(t_gc_doc('SO-GC-OTHER', '{"customer": {"email": "other@example.com", "name": "Başka Biri"}}')) \g /dev/null
SELECT api.import_order(t_gc_doc('SO-GC-EUR', '{"currency": "EUR"}')) \g /dev/null

SELECT plan(51);

------------------------------------------------------------------------------
-- Giving: an amount.
------------------------------------------------------------------------------
SELECT is(pg_get_function_arguments('api.issue_gift_code(text, numeric, numeric, text, text, uuid)'::regprocedure),
    'order_number text, amount numeric, percent numeric, reason_code text, reason text, idempotency_key uuid',
    'issue_gift_code: the contract''s arguments');
SET SESSION AUTHORIZATION t_gc_ayse;
INSERT INTO t_gc_ids SELECT 'amount', api.issue_gift_code('SO-GC-1', 50, NULL, 'delay_compensation', 'two days late', t_gc_key(1));
RESET SESSION AUTHORIZATION;
SELECT matches((SELECT v FROM t_gc_ids WHERE what = 'amount'), '^BD-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$',
    'amount: a code like BD-XXXX-XXXX');
SELECT results_eq(format($$SELECT g.amount, g.percent, g.max_value, g.currency::text, g.reason_code, g.reason,
                                  g.customer_id = o.customer_id, g.order_id = o.id, g.expires_at,
                                  g.redeemed_at IS NULL, g.created_by, g.return_id
                           FROM backdesk.gift_codes g, backdesk.orders o WHERE g.code = %L AND o.number = 'SO-GC-1'$$,
                         (SELECT v FROM t_gc_ids WHERE what = 'amount')),
    $$VALUES (50.00::numeric(14,2), NULL::numeric(5,2), NULL::numeric(14,2), 'TRY'::text, 'delay_compensation'::text,
              'two days late'::text, true, true, (backdesk.shop_date(now()) + interval '1 year')::date, true,
              't_gc_ayse'::text, NULL::bigint)$$,
    'amount: 50 TRY, the customer''s, its reason code and reason, a year, unused, by the agent');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'order.gift_code' AND actor = 't_gc_ayse'
           AND detail ->> 'reason_code' = 'delay_compensation'), 1::bigint, 'amount: one audit row');
SET SESSION AUTHORIZATION t_gc_ayse;
SELECT is(api.issue_gift_code('SO-GC-1', 50, NULL, 'delay_compensation', 'two days late', t_gc_key(1)),
    (SELECT v FROM t_gc_ids WHERE what = 'amount'), 'amount: the same key again returns the same code');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-1', 60, NULL, 'delay_compensation', 'x', t_gc_key(1))$$, 'BD007',
    'idempotency key % was already used for a gift code of 50.00 TRY on order SO-GC-1',
    'amount: the same key for another amount (BD007)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-1', NULL, 10, 'delay_compensation', 'x', t_gc_key(1))$$, 'BD007',
    'idempotency key % was already used for another gift code', 'amount: the same key for a percent (BD007)');

------------------------------------------------------------------------------
-- Giving: a percent, counted at its value on this order.
------------------------------------------------------------------------------
INSERT INTO t_gc_ids SELECT 'percent', api.issue_gift_code('SO-GC-2', NULL, 10, 'feedback_reward', 'kind words', t_gc_key(2));
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT amount, percent, max_value, reason_code FROM backdesk.gift_codes WHERE code = %L$$,
                         (SELECT v FROM t_gc_ids WHERE what = 'percent')),
    $$VALUES (NULL::numeric(14,2), 10.00::numeric(5,2), 29.98::numeric(14,2), 'feedback_reward'::text)$$,
    'percent: 10% of 299.80 is worth 29.98, its most');
SET SESSION AUTHORIZATION t_gc_ayse;
SELECT is(api.issue_gift_code('SO-GC-2', NULL, 10, 'feedback_reward', 'kind words', t_gc_key(2)),
    (SELECT v FROM t_gc_ids WHERE what = 'percent'), 'percent: the same key again returns the same code');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-2', NULL, 20, 'feedback_reward', 'x', t_gc_key(2))$$, 'BD007',
    'idempotency key % was already used for another gift code', 'percent: the same key for another percent (BD007)');
-- Caps: 100% of a 5000 TRY order is 5000 TRY, over the agent's 1000.
SELECT refused($$SELECT api.issue_gift_code('SO-GC-BIG', NULL, 100, 'goodwill', 'x', gen_random_uuid())$$, 'BD006',
    'a gift code of 5000.00 TRY is over the agent limit of 1000.00 TRY', 'percent: counted at its value against the caps (BD006)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-BIG', NULL, 20.01, 'goodwill', 'x', gen_random_uuid())$$, 'BD006',
    'a gift code of 1000.50 TRY is over the agent limit%', 'percent: 20.01% of 5000 is 1000.50, over');
SELECT lives_ok($$SELECT api.issue_gift_code('SO-GC-BIG', NULL, 12.5, 'goodwill', 'x', t_gc_key(3))$$,
    'percent: 12.5% of 5000 (625) is within');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-BIG', 400, NULL, 'goodwill', 'x', gen_random_uuid())$$, 'BD006',
    'order SO-GC-BIG already has 625.00 TRY in gift codes; 400.00 more would pass the agent cap of 1000.00 TRY per order',
    'percent: and its value counts in the per-order cap');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_gc_emre;
SELECT lives_ok($$SELECT api.issue_gift_code('SO-GC-BIG', NULL, 100, 'goodwill', 'x', t_gc_key(4))$$,
    'an admin has no cap');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- What a code is worth, where it is shown (0039): the order screen, the customer
-- 360 and an answer's {gift_amount} say a percent code's percent and its most.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_gc_ayse;
SELECT is((SELECT g FROM jsonb_array_elements(api.order_detail((SELECT id FROM backdesk.orders WHERE number = 'SO-GC-2'))
                                             -> 'gift_codes') g),
    jsonb_build_object('code', (SELECT v FROM t_gc_ids WHERE what = 'percent'), 'amount', NULL, 'percent', '10',
                       'max_value', '29.98', 'currency', 'TRY', 'reason_code', 'feedback_reward',
                       'expires_at', (backdesk.shop_date(now()) + interval '1 year')::date::text, 'redeemed', false),
    'order_detail: a percent code carries its percent, max_value and reason code, amount null');
SELECT is((SELECT g FROM jsonb_array_elements(api.order_detail((SELECT id FROM backdesk.orders WHERE number = 'SO-GC-1'))
                                             -> 'gift_codes') g) - 'code' - 'expires_at',
    '{"amount": "50.00", "percent": null, "max_value": null, "currency": "TRY", "reason_code": "delay_compensation",
      "redeemed": false}'::jsonb,
    'order_detail: an amount code carries its amount, percent and max_value null');
SELECT is((SELECT g FROM jsonb_array_elements(api.customer_360((SELECT customer_id FROM backdesk.orders WHERE number = 'SO-GC-2'))
                                             -> 'gift_codes') g
           WHERE g ->> 'code' = (SELECT v FROM t_gc_ids WHERE what = 'percent')) - 'code' - 'expires_at' - 'created_at',
    '{"amount": null, "percent": "10", "max_value": "29.98", "currency": "TRY", "reason_code": "feedback_reward",
      "reason": "kind words", "state": "valid"}'::jsonb,
    'customer_360: a percent code carries its percent, max_value, reason code, reason and state');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT value FROM backdesk.answer_values((SELECT id FROM backdesk.orders WHERE number = 'SO-GC-2'), 'en')
           WHERE name = 'gift_amount'), '10% (up to 29.98 TRY)', 'answers: {gift_amount} of a percent code, in English');
SELECT is((SELECT value FROM backdesk.answer_values((SELECT id FROM backdesk.orders WHERE number = 'SO-GC-BIG'), 'tr')
           WHERE name = 'gift_amount'), '%100 (en fazla 5.000,00 TRY)', 'answers: {gift_amount} of a percent code, in Turkish');
SELECT is((SELECT value FROM backdesk.answer_values((SELECT id FROM backdesk.orders WHERE number = 'SO-GC-1'), 'en')
           WHERE name = 'gift_amount'), '50.00 TRY', 'answers: {gift_amount} of an amount code as before');

------------------------------------------------------------------------------
-- Refusals.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_gc_ayse;
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', 10, 10, 'goodwill', 'x', gen_random_uuid())$$, 'BD005',
    'a gift code is an amount or a percent, not both', 'both amount and percent (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', NULL, NULL, 'goodwill', 'x', gen_random_uuid())$$, 'BD005',
    'a gift code needs an amount or a percent', 'neither (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', -5, NULL, 'goodwill', 'x', gen_random_uuid())$$, 'BD005',
    'amount must be more than 0%', 'a negative amount (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', 10.001, NULL, 'goodwill', 'x', gen_random_uuid())$$, 'BD005',
    'amount 10.001 has more than 2 decimals for TRY', 'an amount with too many decimals (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', NULL, 0, 'goodwill', 'x', gen_random_uuid())$$, 'BD005',
    'percent 0 is not valid', 'percent 0 (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', NULL, 100.5, 'goodwill', 'x', gen_random_uuid())$$, 'BD005',
    'percent 100.5 is not valid', 'percent over 100 (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', NULL, 12.345, 'goodwill', 'x', gen_random_uuid())$$, 'BD005',
    'percent 12.345 is not valid', 'percent with three decimals (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', 10, NULL, 'store_credit', 'x', gen_random_uuid())$$, 'BD005',
    'reason_code ''store_credit'' is not valid', 'store credit comes from a return, not from here (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', 10, NULL, 'bribe', 'x', gen_random_uuid())$$, 'BD005',
    'reason_code ''bribe'' is not valid', 'an unknown reason code (BD005)', 'Use one of: delay_compensation, feedback_reward, goodwill.');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', 10, NULL, 'goodwill', ' ', gen_random_uuid())$$, 'BD005',
    'reason is missing', 'no reason (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', 10, NULL, 'goodwill', 'x', NULL)$$, 'BD005',
    'idempotency_key is missing', 'no key (BD005)');
SELECT refused($$SELECT api.issue_gift_code('SO-GC-GHOST', 10, NULL, 'goodwill', 'x', gen_random_uuid())$$, 'BD003',
    'no order %', 'no such order (BD003)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_gc_sup;
SELECT refused($$SELECT api.issue_gift_code('SO-GC-3', 10, NULL, 'goodwill', 'x', gen_random_uuid())$$, 'BD001', '%',
    'a supervisor may not give gift codes (BD001)');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- The table's own rules.
------------------------------------------------------------------------------
SELECT throws_ok(format($$INSERT INTO backdesk.gift_codes (code, customer_id, order_id, amount, currency, reason, expires_at)
                          SELECT %L, customer_id, id, 1, currency, 'x', '2030-01-01' FROM backdesk.orders WHERE number = 'SO-GC-3'$$,
                        (SELECT v FROM t_gc_ids WHERE what = 'amount')),
    '23505', NULL, 'unique: a code exists once');
SELECT throws_ok($$INSERT INTO backdesk.gift_codes (code, customer_id, order_id, amount, percent, max_value, currency, reason, expires_at)
                   SELECT 'BD-TEST-BOTH', customer_id, id, 1, 1, 1, currency, 'x', '2030-01-01' FROM backdesk.orders WHERE number = 'SO-GC-3'$$,
    '23514', NULL, 'the table: not an amount and a percent at once');
SELECT throws_ok($$INSERT INTO backdesk.gift_codes (code, customer_id, order_id, currency, reason, expires_at)
                   SELECT 'BD-TEST-NONE', customer_id, id, currency, 'x', '2030-01-01' FROM backdesk.orders WHERE number = 'SO-GC-3'$$,
    '23514', NULL, 'the table: not neither');
SELECT throws_ok($$INSERT INTO backdesk.gift_codes (code, customer_id, order_id, amount, currency, reason, expires_at)
                   SELECT 'bd-lower', customer_id, id, 1, currency, 'x', '2030-01-01' FROM backdesk.orders WHERE number = 'SO-GC-3'$$,
    '23514', NULL, 'the table: codes keep to ^[A-Z0-9-]{6,32}$');
-- Unguessable: drawn at random, not from ids; consecutive codes share nothing.
SELECT is((SELECT count(DISTINCT backdesk.new_gift_code()) FROM generate_series(1, 1000)), 1000::bigint,
    'codes: 1000 drawn, 1000 different');
SELECT cmp_ok((SELECT count(*) FROM (SELECT backdesk.new_gift_code() a, backdesk.new_gift_code() b FROM generate_series(1, 200)) x
               WHERE left(a, 5) = left(b, 5))::int, '<', 10, 'codes: two drawn one after the other rarely share their first two characters');

------------------------------------------------------------------------------
-- Redeeming: once, in time, by the code's customer.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_gc_ayse;
SELECT refused(format($$SELECT api.redeem_gift_code(%L, 'SO-GC-3')$$, (SELECT v FROM t_gc_ids WHERE what = 'amount')),
    'BD001', '%', 'redeem: an agent may not (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_gc_shop;
SELECT refused(format($$SELECT api.redeem_gift_code(%L, 'SO-GC-OTHER')$$, (SELECT v FROM t_gc_ids WHERE what = 'amount')),
    'BD002', 'gift code BD-% belongs to another customer than order SO-GC-OTHER''s', 'redeem: another customer''s order (BD002)',
    'A gift code is used by the customer it was given to.');
SELECT refused(format($$SELECT api.redeem_gift_code(%L, 'SO-GC-EUR')$$, (SELECT v FROM t_gc_ids WHERE what = 'amount')),
    'BD002', 'gift code BD-% is in TRY; order SO-GC-EUR is in EUR', 'redeem: an order in another currency (BD002)');
SELECT refused($$SELECT api.redeem_gift_code('BD-NONE-NONE', 'SO-GC-3')$$, 'BD003', 'no gift code %', 'redeem: no such code (BD003)');
SELECT refused(format($$SELECT api.redeem_gift_code(%L, 'SO-GC-GHOST')$$, (SELECT v FROM t_gc_ids WHERE what = 'amount')),
    'BD003', 'no order %', 'redeem: no such order (BD003)');
SELECT is(api.redeem_gift_code(lower((SELECT v FROM t_gc_ids WHERE what = 'amount')), 'SO-GC-3'), 50.00::numeric,
    'redeem: an amount code takes off its amount (the code read in any case)');
SELECT refused(format($$SELECT api.redeem_gift_code(%L, 'SO-GC-3')$$, (SELECT v FROM t_gc_ids WHERE what = 'amount')),
    'BD002', 'gift code BD-% was used on %', 'redeem: once only (BD002)', 'A gift code is used once.');
-- 10% of the 5000 TRY order would be 500: the code was worth 29.98 on its own order.
SELECT is(api.redeem_gift_code((SELECT v FROM t_gc_ids WHERE what = 'percent'), 'SO-GC-BIG'), 29.98::numeric,
    'redeem: a percent code takes off its percent, at most what it was counted as');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT g.redeemed_at IS NOT NULL, o.number FROM backdesk.gift_codes g
                           JOIN backdesk.orders o ON o.id = g.redeemed_order_id WHERE g.code = %L$$,
                         (SELECT v FROM t_gc_ids WHERE what = 'amount')),
    $$VALUES (true, 'SO-GC-3'::text)$$, 'redeem: the code says when and on which order');
UPDATE backdesk.gift_codes SET expires_at = current_date - 1 WHERE idempotency_key = t_gc_key(3);
INSERT INTO t_gc_ids SELECT 'expired', code FROM backdesk.gift_codes WHERE idempotency_key = t_gc_key(3);
SET SESSION AUTHORIZATION t_gc_shop;
SELECT refused(format($$SELECT api.redeem_gift_code(%L, 'SO-GC-1')$$, (SELECT v FROM t_gc_ids WHERE what = 'expired')),
    'BD002', 'gift code BD-% expired on %', 'redeem: expired (BD002)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'gift_code.redeem' AND actor = 't_gc_shop'), 2::bigint,
    'redeem: one audit row per redemption');

SELECT * FROM finish();
ROLLBACK;
