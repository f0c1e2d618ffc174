-- What an inspected return comes to (0038): api.refund_return, api.exchange_return,
-- api.repair_return, api.store_credit_return, and the refunds ledger
-- (api.refunds_ledger, api.refunds_of_day).  Every outcome and every refusal; the
-- restocking fee deducted; the shipping fee refunded only with the return that brings
-- the whole order back; the money rules of 0011 (issue_refund of kind return) on the
-- new rule: an inspected return, up to what it is due.  Returns are made here as the
-- table owner, already inspected, as the 0036 schema allows.  The refusals by state
-- and version come from life's backdesk.return_lock (0037): they are matched on the
-- SQLSTATE, the return's number and its status, not on the sentence.  The races are
-- tests/shell/return_refund_race.t.
BEGIN;

CREATE FUNCTION public.t_ro_doc(p_number text, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "ro@example.com", "name": "Gülşen Çağlar", "locale": "tr"},
         "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
         "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90", "tax_rate": "0.20"},
                   {"sku": "TV-1", "name": "Televizyon", "qty": 1, "unit_price": "5000.00", "tax_rate": "0.20"},
                   {"sku": "LAMBA-1", "name": "Lamba", "qty": 1, "unit_price": "200.00", "tax_rate": "0.20"}],
         "shipping_fee": "29.90", "free_shipping": false,
         "payment": {"method": "card", "paid": "5529.70"}}'::jsonb || p_extra;
CREATE FUNCTION public.t_ro_id(p_number text) RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.orders WHERE number = p_number $$;
CREATE FUNCTION public.t_ro_key(n integer) RETURNS uuid LANGUAGE sql
RETURN format('00000000-0000-4000-8000-%s', lpad(n::text, 12, '0'))::uuid;
-- A return of the order, in p_status (inspected: with its inspection), of lines
-- [{"line_no", "qty", "reason", "condition", "accepted", "disposition", "fee"}].
CREATE FUNCTION public.t_ro_return(p_number text, p_kind text, p_lines jsonb, p_status text DEFAULT 'inspected')
    RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v_id bigint;
    v_num text;
    v_insp boolean := p_status = 'inspected';
BEGIN
    INSERT INTO backdesk.returns (order_id, kind, status, reason, received_at, inspected_at)
    VALUES (t_ro_id(p_number), p_kind, p_status, 'test',
            CASE WHEN p_status IN ('received', 'inspected') THEN now() END, CASE WHEN v_insp THEN now() END)
    RETURNING id, number INTO v_id, v_num;
    INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, reason_code, condition, accepted_qty,
                                       disposition, restocking_fee)
    SELECT v_id, ol.id, (x ->> 'qty')::int, coalesce(x ->> 'reason', 'defective'),
           CASE WHEN v_insp THEN coalesce(x ->> 'condition', 'as_new') END,
           CASE WHEN v_insp THEN coalesce((x ->> 'accepted')::int, (x ->> 'qty')::int) END,
           CASE WHEN v_insp THEN coalesce(x ->> 'disposition', 'restock') END,
           coalesce((x ->> 'fee')::numeric, 0)
    FROM jsonb_array_elements(p_lines) x
    JOIN backdesk.order_lines ol ON ol.order_id = t_ro_id(p_number) AND ol.line_no = (x ->> 'line_no')::int;
    UPDATE backdesk.returns SET restocking_fee = (SELECT sum(restocking_fee) FROM backdesk.return_lines
                                                  WHERE return_id = v_id)
    WHERE id = v_id;
    RETURN v_num;
END
$$;
CREATE FUNCTION public.t_ro_ret(p_return text) RETURNS backdesk.returns LANGUAGE sql
AS $$ SELECT * FROM backdesk.returns WHERE number = p_return $$;

CREATE TABLE public.t_ro_ids (what text PRIMARY KEY, v text);
GRANT ALL ON public.t_ro_ids TO PUBLIC;

DO $$ BEGIN
    PERFORM api.staff_add('t_ro_ayse', 'Ayşe Yılmaz', 'agent');
    PERFORM api.staff_add('t_ro_zeynep', 'Zeynep Kaya', 'agent');
    PERFORM api.staff_add('t_ro_emre', 'Emre Şahin', 'admin');
    PERFORM api.staff_add('t_ro_wh', 'Mehmet Depo', 'warehouse');
    PERFORM api.staff_add('t_ro_sup', 'Selin Şef', 'supervisor');
END $$;

SELECT api.import_order(t_ro_doc(n)) FROM unnest(ARRAY['SO-RO-1', 'SO-RO-2', 'SO-RO-EX', 'SO-RO-SC', 'SO-RO-W',
                                                        'SO-RO-NONE']) n \g /dev/null
-- A free-shipping order charged its fee anyway: the fee could go back two ways.
SELECT api.import_order(t_ro_doc('SO-RO-SCW', '{"free_shipping": true}')) \g /dev/null

-- The returns of the cases below.
INSERT INTO public.t_ro_ids VALUES
    -- One cup back, opened, not the shop's fault: 10% restocking (14.99).
    ('part', t_ro_return('SO-RO-1', 'return',
        '[{"line_no": 1, "qty": 1, "reason": "changed_mind", "condition": "opened", "fee": 14.99}]')),
    -- Only received: nothing is due before inspection.
    ('received', t_ro_return('SO-RO-2', 'return', '[{"line_no": 3, "qty": 1}]', 'received')),
    -- Inspected, nothing accepted.
    ('none', t_ro_return('SO-RO-NONE', 'return',
        '[{"line_no": 3, "qty": 1, "condition": "damaged", "accepted": 0, "disposition": "write_off"}]')),
    ('exchange', t_ro_return('SO-RO-EX', 'exchange', '[{"line_no": 1, "qty": 2}, {"line_no": 3, "qty": 1}]')),
    ('exchange_plain', t_ro_return('SO-RO-EX', 'return', '[{"line_no": 2, "qty": 1}]')),
    ('warranty', t_ro_return('SO-RO-W', 'warranty', '[{"line_no": 2, "qty": 1}]')),
    ('warranty2', t_ro_return('SO-RO-W', 'warranty', '[{"line_no": 3, "qty": 1}]')),
    ('credit', t_ro_return('SO-RO-SC', 'return',
        '[{"line_no": 2, "qty": 1, "reason": "changed_mind", "condition": "opened", "fee": 500}]')),
    -- The whole order back at once, for store credit.
    ('credit_whole', t_ro_return('SO-RO-SCW', 'return',
        '[{"line_no": 1, "qty": 2}, {"line_no": 2, "qty": 1}, {"line_no": 3, "qty": 1}]'));

SELECT plan(86);

------------------------------------------------------------------------------
-- Signatures (the contract of issue 13).
------------------------------------------------------------------------------
SELECT is(pg_get_function_arguments('api.refund_return(text, uuid, integer)'::regprocedure),
    'return_number text, idempotency_key uuid, p_version integer DEFAULT NULL::integer', 'refund_return: arguments');
SELECT is(pg_get_function_result('api.refund_return(text, uuid, integer)'::regprocedure), 'bigint',
    'refund_return → bigint (the refund)');
SELECT is(pg_get_function_result('api.exchange_return(text, integer)'::regprocedure) || ' '
          || pg_get_function_result('api.repair_return(text, text, integer)'::regprocedure) || ' '
          || pg_get_function_result('api.store_credit_return(text, uuid, integer)'::regprocedure),
    'text integer text', 'exchange_return → the new order''s number, repair_return → the version, store_credit_return → the code');

------------------------------------------------------------------------------
-- Refund: the accepted lines less the restocking fee; no shipping fee while part of
-- the order is still with the customer.
------------------------------------------------------------------------------
SELECT is((SELECT due FROM backdesk.return_refund_parts((t_ro_ret((SELECT v FROM t_ro_ids WHERE what = 'part'))).id)),
    134.91::numeric, 'refund: one opened cup of 149.90 is due 134.91 (less 14.99 restocking)');
SET SESSION AUTHORIZATION t_ro_wh;
SELECT refused(format($$SELECT api.refund_return(%L, %L)$$, (SELECT v FROM t_ro_ids WHERE what = 'part'), t_ro_key(1)),
    'BD001', '%', 'refund: the warehouse may not refund (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_ro_sup;
SELECT refused(format($$SELECT api.refund_return(%L, %L)$$, (SELECT v FROM t_ro_ids WHERE what = 'part'), t_ro_key(1)),
    'BD001', '%', 'refund: a supervisor may not refund (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_ro_ayse;
SELECT refused(format($$SELECT api.refund_return(%L, NULL)$$, (SELECT v FROM t_ro_ids WHERE what = 'part')),
    'BD005', 'idempotency_key is missing', 'refund: no key (BD005)');
SELECT refused($$SELECT api.refund_return('R-999999', gen_random_uuid())$$, 'BD003', 'no return %',
    'refund: no such return (BD003)');
SELECT refused(format($$SELECT api.refund_return(%L, %L, 7)$$, (SELECT v FROM t_ro_ids WHERE what = 'part'), t_ro_key(1)),
    'BD004', '%R-% was changed by %', 'refund: another version of the return (BD004, naming who)',
    '%Reload%');
SELECT refused(format($$SELECT api.refund_return(%L, %L)$$, (SELECT v FROM t_ro_ids WHERE what = 'received'), t_ro_key(2)),
    'BD002', '%R-%received%', 'refund: a return not inspected yet (BD002)');
SELECT refused(format($$SELECT api.refund_return(%L, %L)$$, (SELECT v FROM t_ro_ids WHERE what = 'none'), t_ro_key(2)),
    'BD002', 'return R-% has nothing to refund: 0.00 TRY of goods accepted%',
    'refund: nothing accepted, nothing due (BD002)', 'Nothing was accepted at inspection%');
INSERT INTO t_ro_ids SELECT 'part_refund', api.refund_return((SELECT v FROM t_ro_ids WHERE what = 'part'), t_ro_key(1), 1);
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT kind, amount, return_id, created_by FROM backdesk.refunds WHERE order_id = %s$$,
                         t_ro_id('SO-RO-1')),
    format($$VALUES ('return'::text, 134.91::numeric(14,2), %s::bigint, 't_ro_ayse'::text)$$,
           (t_ro_ret((SELECT v FROM t_ro_ids WHERE what = 'part'))).id),
    'refund: one refund of kind return, 134.91, naming the return, by the agent; no shipping fee');
SELECT is((SELECT id::text FROM backdesk.refunds WHERE order_id = t_ro_id('SO-RO-1')),
    (SELECT v FROM t_ro_ids WHERE what = 'part_refund'), 'refund: returns the refund''s id');
SELECT results_eq(format($$SELECT status, resolution, resolved_by, resolved_at IS NOT NULL, version
                          FROM backdesk.returns WHERE number = %L$$, (SELECT v FROM t_ro_ids WHERE what = 'part')),
    $$VALUES ('refunded'::text, 'refund'::text, 't_ro_ayse'::text, true, 2)$$,
    'refund: the return is refunded, resolution refund, resolved by the agent now, one version up');
SELECT is((SELECT count(*) FROM backdesk.audit_log a WHERE a.action = 'return.refund' AND a.entity = 'return'
           AND a.entity_id = (t_ro_ret((SELECT v FROM t_ro_ids WHERE what = 'part'))).id AND a.actor = 't_ro_ayse'),
    1::bigint, 'refund: one audit row return.refund by the agent');
SELECT is((SELECT count(*) FROM backdesk.audit_log a WHERE a.action = 'order.refund' AND a.entity = 'order'
           AND a.entity_id = t_ro_id('SO-RO-1')), 1::bigint, 'refund: and one order.refund on the order');
SELECT is((SELECT version FROM backdesk.orders WHERE number = 'SO-RO-1'), 2, 'refund: the order''s version went up');

SET SESSION AUTHORIZATION t_ro_zeynep;
SELECT is(api.refund_return((SELECT v FROM t_ro_ids WHERE what = 'part'), t_ro_key(1))::text,
    (SELECT v FROM t_ro_ids WHERE what = 'part_refund'), 'refund: the same key again returns the first refund');
SELECT refused(format($$SELECT api.refund_return(%L, %L)$$, (SELECT v FROM t_ro_ids WHERE what = 'part'), t_ro_key(3)),
    'BD002', '%R-%refunded%', 'refund: refunded once; a new key is refused (BD002)');
SELECT refused(format($$SELECT api.issue_refund('SO-RO-1', 0.01, 'return', 'more', %L)$$, t_ro_key(4)),
    'BD006', '%at most 0.00 TRY%', 'refund: nor can issue_refund take more of it as kind return');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.refunds WHERE order_id = t_ro_id('SO-RO-1')), 1::bigint,
    'refund: still one refund row');

------------------------------------------------------------------------------
-- The rest of the order comes back: its goods, and now the shipping fee, as its own
-- refund of kind shipping_fee naming the same return.
------------------------------------------------------------------------------
INSERT INTO t_ro_ids VALUES ('rest', t_ro_return('SO-RO-1', 'return',
    '[{"line_no": 1, "qty": 1}, {"line_no": 2, "qty": 1}, {"line_no": 3, "qty": 1}]'));
SELECT results_eq(format($$SELECT goods, restocking, shipping, refunded, due FROM backdesk.return_refund_parts(%s)$$,
                         (t_ro_ret((SELECT v FROM t_ro_ids WHERE what = 'rest'))).id),
    $$VALUES (5349.90::numeric, 0::numeric, 29.90::numeric, 0::numeric, 5379.80::numeric)$$,
    'shipping: the whole order is back: 5349.90 of goods and the 29.90 fee are due');
SET SESSION AUTHORIZATION t_ro_emre;
INSERT INTO t_ro_ids SELECT 'rest_refund', api.refund_return((SELECT v FROM t_ro_ids WHERE what = 'rest'), t_ro_key(5));
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT kind, amount, (f.id::text = %L), reason FROM backdesk.refunds f
                          WHERE return_id = %s ORDER BY id$$,
                         (SELECT v FROM t_ro_ids WHERE what = 'rest_refund'),
                         (t_ro_ret((SELECT v FROM t_ro_ids WHERE what = 'rest'))).id),
    format($$VALUES ('return'::text, 5349.90::numeric(14,2), true, %L::text),
                    ('shipping_fee', 29.90, false, %L)$$,
           'return ' || (SELECT v FROM t_ro_ids WHERE what = 'rest'),
           'shipping fee, order wholly returned (' || (SELECT v FROM t_ro_ids WHERE what = 'rest') || ')'),
    'shipping: the goods as kind return (its id returned), the fee as kind shipping_fee, both naming the return');
SELECT is((SELECT sum(amount) FROM backdesk.refunds WHERE order_id = t_ro_id('SO-RO-1')), 5514.71::numeric,
    'shipping: 5514.71 refunded of 5529.70 paid: the 14.99 restocking fee stays');
SELECT is((SELECT idempotency_key FROM backdesk.refunds WHERE return_id = (t_ro_ret((SELECT v FROM t_ro_ids WHERE what = 'rest'))).id
           AND kind = 'shipping_fee'), md5(t_ro_key(5)::text || '/shipping_fee')::uuid,
    'shipping: its key is derived from the one given');
SELECT is((SELECT due FROM backdesk.return_refund_parts((t_ro_ret((SELECT v FROM t_ro_ids WHERE what = 'rest'))).id)),
    0::numeric, 'shipping: nothing is due any more');
SET SESSION AUTHORIZATION t_ro_emre;
SELECT is(api.refund_return((SELECT v FROM t_ro_ids WHERE what = 'rest'), t_ro_key(5))::text,
    (SELECT v FROM t_ro_ids WHERE what = 'rest_refund'), 'shipping: the same key again returns the goods refund');
SELECT refused($$SELECT api.refund_shipping_fee('SO-RO-1', 'again', gen_random_uuid())$$, 'BD002', '%',
    'shipping: the fee cannot be refunded a second time');
SELECT refused(format($$SELECT api.refund_return(%L, %L)$$, (SELECT v FROM t_ro_ids WHERE what = 'received'), t_ro_key(5)),
    'BD007', 'idempotency key % was already used for a return refund of 5349.90 on order SO-RO-1',
    'refund: a key used for another return''s refund (BD007)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.refunds WHERE order_id = t_ro_id('SO-RO-1')), 3::bigint,
    'shipping: three refund rows in all');

------------------------------------------------------------------------------
-- issue_refund of kind return keeps to the same rule.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ro_ayse;
SELECT refused($$SELECT api.issue_refund('SO-RO-2', 100, 'return', 'early', gen_random_uuid())$$, 'BD002',
    'order SO-RO-2 has no return whose items are back; a return refund needs one',
    'issue_refund: a received return is not enough before inspection (BD002)',
    '%inspect the items first%');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Exchange: a zero-priced paid order with the accepted items, linked.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ro_wh;
SELECT refused(format($$SELECT api.exchange_return(%L)$$, (SELECT v FROM t_ro_ids WHERE what = 'exchange')), 'BD001', '%',
    'exchange: the warehouse may not (BD001)');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.return_lines SET accepted_qty = 1
WHERE return_id = (t_ro_ret((SELECT v FROM t_ro_ids WHERE what = 'exchange'))).id
  AND order_line_id = (SELECT id FROM backdesk.order_lines WHERE order_id = t_ro_id('SO-RO-EX') AND line_no = 1);
SET SESSION AUTHORIZATION t_ro_ayse;
SELECT refused(format($$SELECT api.exchange_return(%L)$$, (SELECT v FROM t_ro_ids WHERE what = 'exchange_plain')), 'BD002',
    'return R-% was asked for as a return, not an exchange', 'exchange: a plain return is refunded, not exchanged (BD002)',
    'Refund it or give store credit%');
SELECT refused(format($$SELECT api.exchange_return(%L)$$, (SELECT v FROM t_ro_ids WHERE what = 'received')), 'BD002',
    '%R-%received%', 'exchange: not inspected yet (BD002)');
SELECT refused(format($$SELECT api.exchange_return(%L, 5)$$, (SELECT v FROM t_ro_ids WHERE what = 'exchange')), 'BD004',
    '%R-% was changed by %', 'exchange: another version (BD004)');
INSERT INTO t_ro_ids SELECT 'exchange_order', api.exchange_return((SELECT v FROM t_ro_ids WHERE what = 'exchange'), 1);
RESET SESSION AUTHORIZATION;
SELECT is((SELECT v FROM t_ro_ids WHERE what = 'exchange_order'),
    'SO-RO-EX-' || (SELECT v FROM t_ro_ids WHERE what = 'exchange'), 'exchange: the new order is SO-RO-EX-R-…');
SELECT results_eq(format($$SELECT o.status, o.total, o.lines_total, o.shipping_fee, o.currency::text,
                                  o.customer_id = x.customer_id, o.shipping_address_id = x.shipping_address_id
                           FROM backdesk.orders o, backdesk.orders x WHERE o.number = %L AND x.number = 'SO-RO-EX'$$,
                         (SELECT v FROM t_ro_ids WHERE what = 'exchange_order')),
    $$VALUES ('paid'::text, 0::numeric(14,2), 0::numeric(14,2), 0::numeric(14,2), 'TRY'::text, true, true)$$,
    'exchange: a paid order at 0 TRY, no fee, for the same customer and address');
SELECT results_eq(format($$SELECT l.line_no::int, l.sku, l.qty, l.unit_price FROM backdesk.order_lines l
                          WHERE l.order_id = t_ro_id(%L) ORDER BY l.line_no$$,
                         (SELECT v FROM t_ro_ids WHERE what = 'exchange_order')),
    $$VALUES (1, 'KUP-001'::text, 1, 0::numeric(14,2)), (2, 'LAMBA-1', 1, 0)$$,
    'exchange: the accepted items (1 of the 2 cups, the lamp) at price 0');
SELECT results_eq(format($$SELECT status, resolution, resolved_by, exchange_order_id FROM backdesk.returns WHERE number = %L$$,
                         (SELECT v FROM t_ro_ids WHERE what = 'exchange')),
    format($$VALUES ('exchanged'::text, 'exchange'::text, 't_ro_ayse'::text, %s::bigint)$$,
           t_ro_id((SELECT v FROM t_ro_ids WHERE what = 'exchange_order'))),
    'exchange: the return is exchanged and names the new order');
SET SESSION AUTHORIZATION t_ro_ayse;
SELECT is((SELECT f.label FROM api.find((SELECT v FROM t_ro_ids WHERE what = 'exchange_order')) f WHERE f.kind = 'order' LIMIT 1),
    (SELECT v FROM t_ro_ids WHERE what = 'exchange_order'), 'exchange: the new order is found like any other');
SELECT is(api.order_detail(t_ro_id((SELECT v FROM t_ro_ids WHERE what = 'exchange_order'))) ->> 'status', 'paid',
    'exchange: and opens on the order screen, paid, to be shipped');
SELECT refused(format($$SELECT api.refund_return(%L, gen_random_uuid())$$, (SELECT v FROM t_ro_ids WHERE what = 'exchange')),
    'BD002', '%R-%exchanged%', 'exchange: then it cannot also be refunded (BD002)');
SELECT is(api.issue_refund('SO-RO-EX', 100, 'return', 'x', t_ro_key(30)) IS NOT NULL, true,
    'exchange: issue_refund of kind return on its order goes through ...');
SELECT refused(format($$SELECT api.refund_return(%L, gen_random_uuid())$$, (SELECT v FROM t_ro_ids WHERE what = 'exchange_order')),
    'BD003', 'no return %', 'an order number is not a return number (BD003)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT r.number FROM backdesk.refunds f JOIN backdesk.returns r ON r.id = f.return_id
           WHERE f.idempotency_key = t_ro_key(30)), (SELECT v FROM t_ro_ids WHERE what = 'exchange_plain'),
    '... but pays the order''s plain return, never the exchanged one');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'order.create_exchange'
           AND entity_id = t_ro_id((SELECT v FROM t_ro_ids WHERE what = 'exchange_order'))), 1::bigint,
    'exchange: the new order has its audit row');

------------------------------------------------------------------------------
-- Repair: warranty only.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ro_ayse;
SELECT refused(format($$SELECT api.repair_return(%L, 'x')$$, (SELECT v FROM t_ro_ids WHERE what = 'exchange_plain')), 'BD002',
    'return R-% is not a warranty claim; only those are repaired', 'repair: not a warranty claim (BD002)');
SELECT refused(format($$SELECT api.repair_return(%L, ' ')$$, (SELECT v FROM t_ro_ids WHERE what = 'warranty')), 'BD005',
    'repair note is missing', 'repair: without a note (BD005)');
SELECT refused(format($$SELECT api.repair_return(%L, %L)$$, (SELECT v FROM t_ro_ids WHERE what = 'warranty'), repeat('x', 2001)),
    'BD005', 'repair note is too long (2001 characters, at most 2000)', 'repair: a note over 2000 characters (BD005)');
SELECT is(api.repair_return((SELECT v FROM t_ro_ids WHERE what = 'warranty'), 'new panel fitted', 1), 2,
    'repair: returns the new version');
SELECT refused(format($$SELECT api.repair_return(%L, 'again')$$, (SELECT v FROM t_ro_ids WHERE what = 'warranty')), 'BD002',
    '%R-%repaired%', 'repair: once (BD002)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_ro_wh;
SELECT refused(format($$SELECT api.repair_return(%L, 'x')$$, (SELECT v FROM t_ro_ids WHERE what = 'warranty2')), 'BD001', '%',
    'repair: the warehouse may not (BD001)');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, resolution, resolution_note, resolved_by FROM backdesk.returns WHERE number = %L$$,
                         (SELECT v FROM t_ro_ids WHERE what = 'warranty')),
    $$VALUES ('repaired'::text, 'repair'::text, 'new panel fitted'::text, 't_ro_ayse'::text)$$,
    'repair: repaired, with what was done and by whom');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'return.repair'
           AND entity_id = (t_ro_ret((SELECT v FROM t_ro_ids WHERE what = 'warranty'))).id), 1::bigint,
    'repair: one audit row');
SELECT is((SELECT count(*) FROM backdesk.refunds WHERE order_id = t_ro_id('SO-RO-W')), 0::bigint,
    'repair: no money moves');

------------------------------------------------------------------------------
-- Store credit: the due as a gift code of the customer, naming the return.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ro_sup;
SELECT refused(format($$SELECT api.store_credit_return(%L, gen_random_uuid())$$, (SELECT v FROM t_ro_ids WHERE what = 'credit')),
    'BD001', '%', 'store credit: a supervisor may not (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_ro_ayse;
SELECT refused(format($$SELECT api.store_credit_return(%L, NULL)$$, (SELECT v FROM t_ro_ids WHERE what = 'credit')),
    'BD005', 'idempotency_key is missing', 'store credit: no key (BD005)');
SELECT refused(format($$SELECT api.store_credit_return(%L, gen_random_uuid())$$, (SELECT v FROM t_ro_ids WHERE what = 'none')),
    'BD002', 'return R-% is worth nothing more%', 'store credit: nothing due (BD002)');
SELECT refused(format($$SELECT api.store_credit_return(%L, gen_random_uuid())$$, (SELECT v FROM t_ro_ids WHERE what = 'received')),
    'BD002', '%R-%received%', 'store credit: not inspected (BD002)');
-- 4500.00 is over the agent's gift code limit (1000): store credit is what the return is worth, not a gesture.
INSERT INTO t_ro_ids SELECT 'credit_code', api.store_credit_return((SELECT v FROM t_ro_ids WHERE what = 'credit'), t_ro_key(20), 1);
SELECT is(api.store_credit_return((SELECT v FROM t_ro_ids WHERE what = 'credit'), t_ro_key(20)),
    (SELECT v FROM t_ro_ids WHERE what = 'credit_code'), 'store credit: the same key again returns the same code');
SELECT refused(format($$SELECT api.store_credit_return(%L, gen_random_uuid())$$, (SELECT v FROM t_ro_ids WHERE what = 'credit')),
    'BD002', '%R-%store%credit%', 'store credit: once (BD002)');
SELECT refused(format($$SELECT api.refund_return(%L, gen_random_uuid())$$, (SELECT v FROM t_ro_ids WHERE what = 'credit')),
    'BD002', '%', 'store credit: then no refund of the same return (BD002)');
SELECT refused($$SELECT api.issue_refund('SO-RO-SC', 100, 'return', 'x', gen_random_uuid())$$, 'BD002', '%',
    'store credit: nor as kind return through issue_refund');
RESET SESSION AUTHORIZATION;
SELECT matches((SELECT v FROM t_ro_ids WHERE what = 'credit_code'), '^BD-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$',
    'store credit: a gift code');
SELECT results_eq(format($$SELECT g.amount, g.percent, g.reason_code, g.customer_id = o.customer_id, g.order_id = o.id,
                                  g.return_id = r.id, r.gift_code_id = g.id, g.expires_at > current_date + 300,
                                  g.created_by
                           FROM backdesk.gift_codes g, backdesk.returns r, backdesk.orders o
                           WHERE g.code = %L AND r.number = %L AND o.number = 'SO-RO-SC'$$,
                         (SELECT v FROM t_ro_ids WHERE what = 'credit_code'), (SELECT v FROM t_ro_ids WHERE what = 'credit')),
    $$VALUES (4500.00::numeric(14,2), NULL::numeric(5,2), 'store_credit'::text, true, true, true, true, true, 't_ro_ayse'::text)$$,
    'store credit: 4500.00 (5000 less 500 restocking), the customer''s, linked both ways with the return, valid a year');
SELECT results_eq(format($$SELECT status, resolution, resolved_by FROM backdesk.returns WHERE number = %L$$,
                         (SELECT v FROM t_ro_ids WHERE what = 'credit')),
    $$VALUES ('store_credit'::text, 'store_credit'::text, 't_ro_ayse'::text)$$, 'store credit: the return says so');
SELECT is((SELECT count(*) FROM backdesk.refunds WHERE order_id = t_ro_id('SO-RO-SC')), 0::bigint,
    'store credit: no money leaves');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action IN ('return.store_credit', 'order.store_credit')), 2::bigint,
    'store credit: audited on the return and the order');
-- Store credit for a return that brings the whole order back: the goods as the code,
-- the shipping fee as money, a refund naming the return, so it cannot go back twice.
SET SESSION AUTHORIZATION t_ro_ayse;
INSERT INTO t_ro_ids SELECT 'credit_whole_code',
    api.store_credit_return((SELECT v FROM t_ro_ids WHERE what = 'credit_whole'), t_ro_key(21));
RESET SESSION AUTHORIZATION;
SELECT is((SELECT amount FROM backdesk.gift_codes WHERE code = (SELECT v FROM t_ro_ids WHERE what = 'credit_whole_code')),
    5499.80::numeric(14,2), 'store credit of a whole order: the code is the goods (5499.80), not the fee');
SELECT results_eq(format($$SELECT f.kind, f.amount, r.number = %L, f.idempotency_key = md5(t_ro_key(21)::text || '/shipping_fee')::uuid
                           FROM backdesk.refunds f JOIN backdesk.returns r ON r.id = f.return_id
                           WHERE f.order_id = t_ro_id('SO-RO-SCW')$$, (SELECT v FROM t_ro_ids WHERE what = 'credit_whole')),
    $$VALUES ('shipping_fee'::text, 29.90::numeric(14,2), true, true)$$,
    'store credit of a whole order: the 29.90 fee goes back as money, naming the return, its key derived');
SET SESSION AUTHORIZATION t_ro_ayse;
SELECT refused($$SELECT api.refund_shipping_fee('SO-RO-SCW', 'again', gen_random_uuid())$$, 'BD002', '%already refunded%',
    'store credit of a whole order: the fee cannot be refunded a second time');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT due FROM backdesk.return_refund_parts((SELECT id FROM backdesk.returns
                                                         WHERE number = (SELECT v FROM t_ro_ids WHERE what = 'credit_whole')))),
    0::numeric, 'store credit of a whole order: nothing is due any more');
SET SESSION AUTHORIZATION t_ro_ayse;
SELECT lives_ok($$SELECT api.issue_gift_code('SO-RO-SC', 1000, NULL, 'goodwill', 'sorry', gen_random_uuid())$$,
    'store credit: does not use up the agent''s per-order gift code cap');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- The ledger: who did what.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ro_sup;
SELECT results_eq($$SELECT kind, amount, currency, return_number IS NOT NULL, by_login, by_name
                    FROM api.refunds_ledger('SO-RO-1')$$,
    $$VALUES ('shipping_fee'::text, 29.90::numeric, 'TRY'::text, true, 't_ro_emre'::text, 'Emre Şahin'::text),
             ('return', 5349.90, 'TRY', true, 't_ro_emre', 'Emre Şahin'),
             ('return', 134.91, 'TRY', true, 't_ro_ayse', 'Ayşe Yılmaz')$$,
    'ledger: an order''s refunds, newest first, with the login and the staff name');
SELECT results_eq($$SELECT f ->> 'kind', (f ->> 'amount')::numeric, f ->> 'by_login', f ->> 'by'
                    FROM jsonb_array_elements(api.order_detail(t_ro_id('SO-RO-1')) -> 'refunds') WITH ORDINALITY x (f, n)
                    ORDER BY n DESC$$,
    $$VALUES ('shipping_fee'::text, 29.90::numeric, 't_ro_emre'::text, 'Emre Şahin'::text),
             ('return', 5349.90, 't_ro_emre', 'Emre Şahin'),
             ('return', 134.91, 't_ro_ayse', 'Ayşe Yılmaz')$$,
    'the order''s document names who gave each refund, as the ledger does');
SELECT is((SELECT string_agg(DISTINCT return_number, ',' ORDER BY return_number) FROM api.refunds_ledger('SO-RO-1')),
    (SELECT string_agg(v, ',' ORDER BY v) FROM t_ro_ids WHERE what IN ('part', 'rest')), 'ledger: naming the returns');
SELECT is((SELECT count(*) FROM api.refunds_of_day() WHERE order_number = 'SO-RO-1'), 3::bigint,
    'ledger of the day: today''s refunds');
SELECT results_eq($$SELECT order_number, kind, amount, by_name FROM api.refunds_of_day(NULL) WHERE order_number = 'SO-RO-1' LIMIT 1$$,
    $$VALUES ('SO-RO-1'::text, 'shipping_fee'::text, 29.90::numeric, 'Emre Şahin'::text)$$,
    'ledger of the day: newest first, with the order and who');
SELECT is((SELECT count(*) FROM api.refunds_of_day('2026-01-01')), 0::bigint, 'ledger of the day: another day has none');
SELECT refused($$SELECT * FROM api.refunds_ledger('SO-RO-GHOST')$$, 'BD003', 'no order %', 'ledger: no such order (BD003)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_ro_wh;
SELECT refused($$SELECT * FROM api.refunds_ledger('SO-RO-1')$$, 'BD001', '%', 'ledger: the warehouse sees no money (BD001)');
SELECT refused($$SELECT * FROM api.refunds_of_day()$$, 'BD001', '%', 'ledger of the day: nor the day''s (BD001)');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Never more than paid, whatever came back: a goodwill refund first leaves the
-- return refund short, and it is refused rather than paid over.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ro_emre;
SELECT lives_ok($$SELECT api.issue_refund('SO-RO-NONE', 5500, 'goodwill', 'big gesture', gen_random_uuid())$$,
    'paid: an admin''s goodwill refund of 5500 of 5529.70');
RESET SESSION AUTHORIZATION;
INSERT INTO t_ro_ids VALUES ('after_goodwill', t_ro_return('SO-RO-NONE', 'return', '[{"line_no": 2, "qty": 1}]'));
SET SESSION AUTHORIZATION t_ro_ayse;
SELECT refused(format($$SELECT api.refund_return(%L, gen_random_uuid())$$, (SELECT v FROM t_ro_ids WHERE what = 'after_goodwill')),
    'BD006', 'refund of 5000.00 TRY refused: order SO-RO-NONE would refund 10500.00 of 5529.70 paid, 5500.00 already refunded',
    'paid: the return refund would pass what was paid (BD006)');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, (SELECT sum(amount) FROM backdesk.refunds WHERE order_id = %s)
                          FROM backdesk.returns WHERE number = %L$$,
                         t_ro_id('SO-RO-NONE'), (SELECT v FROM t_ro_ids WHERE what = 'after_goodwill')),
    $$VALUES ('inspected'::text, 5500.00::numeric)$$, 'paid: nothing changed');

-- Whoami: every api function here has a comment with Who and Refuses (schema.sql checks).
SELECT is((SELECT count(*) FROM pg_proc WHERE pronamespace = 'api'::regnamespace
           AND proname IN ('refund_return', 'exchange_return', 'repair_return', 'store_credit_return', 'refunds_ledger',
                           'refunds_of_day')
           AND obj_description(oid, 'pg_proc') ~ '(?n)^Who: ' AND obj_description(oid, 'pg_proc') ~ '(?n)^Refuses: '),
    6::bigint, 'the six functions say who may call them and what they refuse');

SELECT * FROM finish();
ROLLBACK;
