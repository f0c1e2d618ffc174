-- Order actions (0006): api.cancel_order, api.change_address, and the "where is my
-- order" answer in api.order_detail.  For each action: allowed for an agent (and an
-- admin), refused by state (BD002), refused by role (BD001 for the supervisor and the
-- warehouse), audited once with actor = the login, and refused with BD004 "changed by
-- NAME at HH:MM" when the order moved on since the agent read it.  Refunds are in
-- refunds.sql, tickets and calls in calls.sql; real concurrency in tests/shell/refund_race.t.
BEGIN;


-- An order document: paid in full unless told otherwise.
CREATE FUNCTION public.t_oa_doc(p_number text, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "oa@example.com", "phone": "+90 532 111 22 33", "name": "Şükrü Öztürk", "locale": "tr"},
         "shipping_address": {"line1": "Bağdat Cd. 12/3", "city": "İstanbul", "postcode": "34710", "country": "TR"},
         "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": true,
         "payment": {"method": "card", "paid": "299.80", "reference": "pay_oa"},
         "ship_by": "2026-11-22"}'::jsonb || p_extra;

CREATE FUNCTION public.t_oa_order(p_number text) RETURNS backdesk.orders LANGUAGE sql
AS $$ SELECT * FROM backdesk.orders WHERE number = p_number $$;

-- Audit rows for an order by action and actor.
CREATE FUNCTION public.t_oa_audits(p_number text, p_action text, p_actor text) RETURNS bigint LANGUAGE sql
AS $$
    SELECT count(*) FROM backdesk.audit_log a
    WHERE a.entity = 'order' AND a.entity_id = (SELECT id FROM backdesk.orders WHERE number = p_number)
      AND a.action = p_action AND a.actor = p_actor
$$;

CREATE TEMP TABLE t_oa_ids (what text PRIMARY KEY, id bigint);
GRANT ALL ON t_oa_ids TO PUBLIC;
CREATE TEMP TABLE t_oa_msgs (what text PRIMARY KEY, m text);
GRANT ALL ON t_oa_msgs TO PUBLIC;

-- The message of the error p_sql raises (NULL if none).
CREATE FUNCTION public.t_oa_error(p_sql text) RETURNS text LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE p_sql;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLERRM;
END
$$;

-- Today in the shop's calendar (Istanbul), which is what "late" is measured in.
CREATE FUNCTION public.t_oa_today() RETURNS date LANGUAGE sql RETURN backdesk.shop_date(now());

-- People: two agents and an admin with staff rows (full names), and plain group logins.
DO $$ BEGIN
    PERFORM api.staff_add('t_oa_ayse', 'Ayşe Yılmaz', 'agent');
    PERFORM api.staff_add('t_oa_zeynep', 'Zeynep Kaya', 'agent');
    PERFORM api.staff_add('t_oa_emre', 'Emre Şahin', 'admin');
END $$;
CREATE ROLE t_oa_agent LOGIN IN ROLE backdesk_agent;
CREATE ROLE t_oa_sup LOGIN IN ROLE backdesk_supervisor;
CREATE ROLE t_oa_wh LOGIN IN ROLE backdesk_warehouse;

-- Orders.
SELECT api.import_order(t_oa_doc(n)) FROM unnest(ARRAY['SO-OA-C1', 'SO-OA-C2', 'SO-OA-C3', 'SO-OA-A1',
                                                       'SO-OA-V1', 'SO-OA-SHIP', 'SO-OA-W0']) n \g /dev/null
SELECT api.import_order(t_oa_doc('SO-OA-UNPAID', '{"payment": {"method": "bank_transfer", "paid": "0"}}')) \g /dev/null
SELECT api.import_order(t_oa_doc('SO-OA-W1', jsonb_build_object('deliver_between',
           jsonb_build_array(t_oa_today() - 6, t_oa_today() - 2)))) \g /dev/null
SELECT api.import_order(t_oa_doc('SO-OA-W2', jsonb_build_object('deliver_between',
           jsonb_build_array(t_oa_today() + 1, t_oa_today() + 3)))) \g /dev/null
-- A partial refund already made on SO-OA-C2.
INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key)
SELECT id, 'goodwill', 100.00, 'earlier', gen_random_uuid() FROM backdesk.orders WHERE number = 'SO-OA-C2';
-- Parcels: SO-OA-SHIP in transit since yesterday; SO-OA-W0 shipped 10 days ago and
-- still on its way, a second parcel delivered; SO-OA-W1 in transit past its window.
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
SELECT id, 'aras', 'OA-ARAS-1', 'IN_TRANSIT', now() - interval '1 day' FROM backdesk.orders WHERE number = 'SO-OA-SHIP';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
SELECT id, 'yurtici', 'OA-YT-1', 'IN_TRANSIT', now() - interval '10 days' FROM backdesk.orders WHERE number = 'SO-OA-W0';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, delivered_at)
SELECT id, 'mng', 'OA-MNG-2', 'DELIVERED', now() - interval '9 days', now() - interval '7 days'
FROM backdesk.orders WHERE number = 'SO-OA-W0';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
SELECT id, 'aras', 'OA-ARAS-W1', 'EXCEPTION', now() - interval '8 days' FROM backdesk.orders WHERE number = 'SO-OA-W1';
UPDATE backdesk.shipments SET carrier_text = 'address not found' WHERE tracking_no = 'OA-ARAS-W1';

SELECT plan(78);

------------------------------------------------------------------------------
-- The contract: signatures, SECURITY DEFINER, who may execute.
------------------------------------------------------------------------------
SELECT is(pg_get_function_arguments('api.cancel_order(text, text, integer)'::regprocedure),
    'order_number text, reason text, p_version integer DEFAULT NULL::integer',
    'api.cancel_order(order_number, reason, p_version DEFAULT NULL)');
SELECT is(pg_get_function_result('api.cancel_order(text, text, integer)'::regprocedure), 'void', 'api.cancel_order → void');
SELECT is(pg_get_function_arguments('api.change_address(text, jsonb, integer)'::regprocedure),
    'order_number text, address jsonb, p_version integer DEFAULT NULL::integer',
    'api.change_address(order_number, address, p_version DEFAULT NULL)');
SELECT is(pg_get_function_result('api.change_address(text, jsonb, integer)'::regprocedure), 'bigint',
    'api.change_address → bigint (the new address)');

------------------------------------------------------------------------------
-- cancel_order.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_oa_ayse;
SELECT lives_ok($$SELECT api.cancel_order('SO-OA-C1', 'customer changed their mind')$$,
    'cancel_order: an agent cancels a paid order that has not shipped');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT status, cancel_reason, version FROM t_oa_order('SO-OA-C1')$$,
    $$VALUES ('cancelled', 'customer changed their mind', 2)$$,
    'cancel_order: status cancelled, the reason kept, the version bumped');
SELECT ok((SELECT updated_at = now() FROM t_oa_order('SO-OA-C1')), 'cancel_order: updated_at is now');
SELECT results_eq($$SELECT kind, amount, reason, created_by FROM backdesk.refunds
                    WHERE order_id = (t_oa_order('SO-OA-C1')).id$$,
    $$VALUES ('cancellation', 299.80::numeric, 'customer changed their mind', 't_oa_ayse')$$,
    'cancel_order: one cancellation refund of everything paid, by the agent');
SELECT is(t_oa_audits('SO-OA-C1', 'order.cancel', 't_oa_ayse'), 1::bigint,
    'cancel_order: one audit row, actor = the login');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE entity = 'order' AND entity_id = (t_oa_order('SO-OA-C1')).id
             AND action <> 'order.import'), 1::bigint,
    'cancel_order: and only one (the refund inside it is not audited twice)');
SELECT is((SELECT detail->>'refunded' FROM backdesk.audit_log WHERE action = 'order.cancel'
             AND entity_id = (t_oa_order('SO-OA-C1')).id), '299.80',
    'cancel_order: the audit row says what was refunded');

SET SESSION AUTHORIZATION t_oa_emre;
SELECT lives_ok($$SELECT api.cancel_order('SO-OA-C2', 'out of stock', 1)$$,
    'cancel_order: an admin cancels, with the version seen');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT kind, amount FROM backdesk.refunds WHERE order_id = (t_oa_order('SO-OA-C2')).id ORDER BY id$$,
    $$VALUES ('goodwill', 100.00::numeric), ('cancellation', 199.80::numeric)$$,
    'cancel_order: refunds what was paid minus what was already refunded');

SET SESSION AUTHORIZATION t_oa_agent;
SELECT lives_ok($$SELECT api.cancel_order('SO-OA-UNPAID', 'never paid')$$, 'cancel_order: an unpaid order can be cancelled');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.refunds WHERE order_id = (t_oa_order('SO-OA-UNPAID')).id), 0::bigint,
    'cancel_order: nothing paid, nothing refunded');

-- Refused by state.
SET SESSION AUTHORIZATION t_oa_ayse;
SELECT refused($$SELECT api.cancel_order('SO-OA-C1', 'again')$$, 'BD002',
    'order SO-OA-C1 was cancelled; cancelling it is no longer possible', 'cancel_order: a cancelled order (BD002)');
SELECT refused($$SELECT api.cancel_order('SO-OA-SHIP', 'too late')$$, 'BD002',
    'order SO-OA-SHIP has already shipped; cancelling it is no longer possible',
    'cancel_order: an order with a parcel (BD002)', '%return%');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.orders SET status = 'delivered' WHERE number = 'SO-OA-W2';
SET SESSION AUTHORIZATION t_oa_ayse;
SELECT refused($$SELECT api.cancel_order('SO-OA-W2', 'too late')$$, 'BD002',
    'order SO-OA-W2 has already shipped%', 'cancel_order: a delivered order (BD002)');
SELECT refused($$SELECT api.cancel_order('SO-OA-NONE', 'x')$$, 'BD003', 'no order ''SO-OA-NONE''',
    'cancel_order: an unknown order (BD003)');
SELECT refused($$SELECT api.cancel_order('SO-OA-C3', '  ')$$, 'BD005', 'reason is missing',
    'cancel_order: a reason is required (BD005)');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.orders SET status = 'paid' WHERE number = 'SO-OA-W2';

-- Refused by role.
SET SESSION AUTHORIZATION t_oa_sup;
SELECT refused($$SELECT api.cancel_order('SO-OA-C3', 'x')$$, 'BD001',
    'cancelling orders is not allowed for t_oa_sup (role: supervisor)', 'cancel_order: a supervisor (BD001)',
    'Allowed roles: agent, admin.%');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_oa_wh;
SELECT refused($$SELECT api.cancel_order('SO-OA-C3', 'x')$$, 'BD001',
    'cancelling orders is not allowed for t_oa_wh (role: warehouse)', 'cancel_order: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT status, version FROM t_oa_order('SO-OA-C3')$$, $$VALUES ('paid', 1)$$,
    'cancel_order: refused calls changed nothing');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE entity = 'order' AND entity_id = (t_oa_order('SO-OA-C3')).id
             AND action <> 'order.import'), 0::bigint, 'cancel_order: and wrote no audit row');

------------------------------------------------------------------------------
-- Two agents, one order: the second is refused with who and when.
------------------------------------------------------------------------------
-- Ayşe and Zeynep both open SO-OA-V1 at version 1; Zeynep saves first.
SET SESSION AUTHORIZATION t_oa_zeynep;
SELECT lives_ok($$SELECT api.change_address('SO-OA-V1', '{"line1": "Atatürk Blv. 5", "district": "Çankaya", "city": "Ankara", "postcode": "06690", "country": "TR"}', 1)$$,
    'version: the first agent saves with the version she saw');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_oa_ayse;
SELECT refused($$SELECT api.cancel_order('SO-OA-V1', 'customer asked', 1)$$, 'BD004',
    'order SO-OA-V1 was changed by Zeynep Kaya at __:__',
    'version: the second is refused with BD004 "changed by <full name> at HH:MM"',
    'Reload the order and apply your change again.');
INSERT INTO t_oa_msgs SELECT 'v1', t_oa_error($$SELECT api.cancel_order('SO-OA-V1', 'customer asked', 1)$$);
SELECT refused($$SELECT api.change_address('SO-OA-V1', '{"line1": "X 1", "city": "İzmir", "country": "TR"}', 1)$$,
    'BD004', 'order SO-OA-V1 was changed by Zeynep Kaya at __:__', 'version: change_address is refused the same way');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT detail->>'version' = '2' FROM backdesk.audit_log WHERE action = 'order.change_address'
             AND entity_id = (t_oa_order('SO-OA-V1')).id),
    'version: the audit row records the version it made');
SELECT is((SELECT m FROM t_oa_msgs WHERE what = 'v1'),
    (SELECT format('order SO-OA-V1 was changed by Zeynep Kaya at %s', to_char(at, 'HH24:MI'))
     FROM backdesk.audit_log WHERE action = 'order.change_address' AND entity_id = (t_oa_order('SO-OA-V1')).id),
    'version: HH:MM is the time of the change that made the version');
SET SESSION AUTHORIZATION t_oa_ayse;
SELECT lives_ok($$SELECT api.cancel_order('SO-OA-V1', 'customer asked', 2)$$,
    'version: after reloading, the second agent''s change goes through');
RESET SESSION AUTHORIZATION;
SELECT is((t_oa_order('SO-OA-V1')).version, 3, 'version: each action bumped it once');
-- Without a staff row the login is named; a version from the future is refused too.
SET SESSION AUTHORIZATION t_oa_agent;
SELECT lives_ok($$SELECT api.change_address('SO-OA-A1', '{"line1": "Kordon 1", "district": "Konak", "city": "İzmir", "postcode": "35220", "country": "TR"}')$$,
    'version: without p_version there is no check (psql, the shop)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_oa_ayse;
SELECT refused($$SELECT api.cancel_order('SO-OA-A1', 'x', 1)$$, 'BD004',
    'order SO-OA-A1 was changed by t_oa_agent at __:__', 'version: a login without a staff row is named by its login');
SELECT refused($$SELECT api.cancel_order('SO-OA-A1', 'x', 99)$$, 'BD004', 'order SO-OA-A1 was changed by%',
    'version: any other version is refused');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- change_address.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_oa_ayse;
SELECT lives_ok($$INSERT INTO t_oa_ids SELECT 'addr', api.change_address('SO-OA-C3',
    '{"line1": " Cumhuriyet Cd. 7 ", "line2": "Daire 3", "district": "Tepebaşı", "city": "Eskişehir", "postcode": "26010", "country": "tr"}', 1)$$,
    'change_address: an agent changes the address before shipping');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$
    SELECT a.line1, a.line2, a.district, a.city, a.postcode, a.country::text, a.customer_id = o.customer_id, o.shipping_address_id = a.id
    FROM backdesk.addresses a, t_oa_order('SO-OA-C3') o WHERE a.id = (SELECT id FROM t_oa_ids WHERE what = 'addr')
$$, $$VALUES ('Cumhuriyet Cd. 7', 'Daire 3', 'Tepebaşı', 'Eskişehir', '26010', 'TR', true, true)$$,
    'change_address: a new address row of the customer (trimmed, country upper-case), the order points at it');
SELECT is((t_oa_order('SO-OA-C3')).version, 2, 'change_address: the version is bumped');
SELECT ok(EXISTS (SELECT FROM backdesk.addresses a WHERE a.line1 = 'Bağdat Cd. 12/3'
                    AND a.customer_id = (t_oa_order('SO-OA-C3')).customer_id),
    'change_address: the old address row is kept (other orders may use it)');
SELECT is(t_oa_audits('SO-OA-C3', 'order.change_address', 't_oa_ayse'), 1::bigint,
    'change_address: one audit row, actor = the login');
SELECT is((SELECT (detail->>'address_id')::bigint FROM backdesk.audit_log WHERE action = 'order.change_address'
             AND entity_id = (t_oa_order('SO-OA-C3')).id),
    (SELECT id FROM t_oa_ids WHERE what = 'addr'), 'change_address: the audit row names the new address');

SET SESSION AUTHORIZATION t_oa_emre;
SELECT lives_ok($$SELECT api.change_address('SO-OA-C3', '{"line1": "Kızılay 1", "district": "Çankaya", "city": "Ankara", "postcode": "06420", "country": "TR"}', 2)$$,
    'change_address: an admin may too');
SELECT refused($$SELECT api.change_address('SO-OA-C3', '{"line1": "X 1", "country": "TR"}')$$, 'BD005',
    'address: "city" is missing', 'change_address: a missing city (BD005)', 'Give line1, city and country%');
SELECT refused($$SELECT api.change_address('SO-OA-C3', '{"line1": "   ", "city": "Ankara", "country": "TR"}')$$, 'BD005',
    'address: "line1" is missing', 'change_address: a blank line1 (BD005)');
SELECT refused($$SELECT api.change_address('SO-OA-C3', '{"line1": "X 1", "city": "Ankara", "country": "Turkey"}')$$,
    'BD005', 'address: "country" must be a two-letter country code%', 'change_address: a bad country (BD005)');
SELECT refused($$SELECT api.change_address('SO-OA-C3', '{"line1": 5, "city": "Ankara", "country": "TR"}')$$,
    'BD005', 'address: "line1" must be a string%', 'change_address: a number for line1 (BD005)');
SELECT refused($$SELECT api.change_address('SO-OA-C3', '"Ankara"')$$, 'BD005', 'address must be a JSON object',
    'change_address: not an object (BD005)');
SELECT refused($$SELECT api.change_address('SO-OA-SHIP', '{"line1": "X 1", "city": "Ankara", "country": "TR"}')$$,
    'BD002', 'order SO-OA-SHIP has already shipped; changing its address is no longer possible',
    'change_address: after shipping (BD002)');
SELECT refused($$SELECT api.change_address('SO-OA-C1', '{"line1": "X 1", "city": "Ankara", "country": "TR"}')$$,
    'BD002', 'order SO-OA-C1 was cancelled; changing its address is no longer possible',
    'change_address: a cancelled order (BD002)');
SELECT refused($$SELECT api.change_address('SO-OA-NONE', '{"line1": "X 1", "city": "Ankara", "country": "TR"}')$$,
    'BD003', 'no order ''SO-OA-NONE''', 'change_address: an unknown order (BD003)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_oa_sup;
SELECT refused($$SELECT api.change_address('SO-OA-C3', '{"line1": "X 1", "city": "Ankara", "country": "TR"}')$$,
    'BD001', 'changing addresses is not allowed for t_oa_sup (role: supervisor)', 'change_address: a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_oa_wh;
SELECT refused($$SELECT api.change_address('SO-OA-C3', '{"line1": "X 1", "city": "Ankara", "country": "TR"}')$$,
    'BD001', 'changing addresses is not allowed for t_oa_wh (role: warehouse)', 'change_address: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
SELECT is((t_oa_order('SO-OA-C3')).version, 3, 'change_address: refused calls did not bump the version');
SELECT is((SELECT count(*) FROM backdesk.addresses WHERE city = 'Ankara' AND line1 = 'X 1'), 0::bigint,
    'change_address: refused calls left no address row');

------------------------------------------------------------------------------
-- Where is my order: api.order_detail.
------------------------------------------------------------------------------
CREATE TEMP TABLE t_oa_doc AS
SELECT o.number, api.order_detail(o.id) AS d FROM backdesk.orders o WHERE o.number LIKE 'SO-OA-%';
CREATE FUNCTION public.t_oa_d(p_number text) RETURNS jsonb LANGUAGE sql
AS $$ SELECT d FROM t_oa_doc WHERE number = p_number $$;
CREATE FUNCTION public.t_oa_day(p_ago interval, p_plus integer) RETURNS text LANGUAGE sql
AS $$ SELECT (backdesk.shop_date(now() - p_ago) + p_plus)::text $$;

SELECT ok((SELECT bool_and(d ?& ARRAY['id', 'number', 'placed_at', 'status', 'currency', 'lines_total', 'tax_total',
                                      'shipping_fee', 'free_shipping', 'total', 'ship_by', 'deliver_from',
                                      'deliver_to', 'late', 'cancel_reason', 'version', 'customer', 'address',
                                      'payment', 'refunded', 'lines', 'parcels', 'tickets', 'returns', 'refunds',
                                      'promised_from', 'promised_to', 'delivery_late', 'plain_status'])
           FROM t_oa_doc),
    'order_detail: every key of 0004 is still there, and the new ones');
SELECT ok((SELECT bool_and(p ?& ARRAY['carrier', 'carrier_name', 'tracking_no', 'status', 'carrier_text', 'shipped_at',
                                      'expected_delivery', 'delivered_at', 'promised_from', 'promised_to',
                                      'delivery_late', 'plain_status'])
           FROM t_oa_doc, jsonb_array_elements(d->'parcels') p),
    'order_detail: every parcel key of 0004 is still there, and the new ones');
SELECT results_eq($$
    SELECT p->>'promised_from', p->>'promised_to', p->>'delivery_late', p->>'plain_status',
           d->>'promised_from', d->>'promised_to', d->>'delivery_late', d->>'plain_status'
    FROM t_oa_d('SO-OA-SHIP') d, jsonb_array_elements(d->'parcels') p
$$, $$VALUES (t_oa_day('1 day', 3), t_oa_day('1 day', 5), 'false',
              format('in transit with Aras Kargo since %s, expected %s', t_oa_day('1 day', 0), t_oa_day('1 day', 5)),
              t_oa_day('1 day', 3), t_oa_day('1 day', 5), 'false',
              format('in transit with Aras Kargo since %s, expected %s', t_oa_day('1 day', 0), t_oa_day('1 day', 5)))$$,
    'order_detail: shipped yesterday: promised 3-5 days after shipping, not late, in plain words');
SELECT results_eq($$
    SELECT p->>'carrier', p->>'carrier_name', p->>'promised_to', p->>'delivery_late', p->>'plain_status'
    FROM t_oa_d('SO-OA-W0') d, jsonb_array_elements(d->'parcels') p
$$, $$VALUES ('yurtici', 'Yurtiçi Kargo', t_oa_day('10 days', 5), 'true',
              format('in transit with Yurtiçi Kargo since %s, expected %s, late by 5 days', t_oa_day('10 days', 0), t_oa_day('10 days', 5))),
             ('mng', 'MNG Kargo', t_oa_day('9 days', 5), 'false', format('delivered by MNG Kargo on %s', t_oa_day('7 days', 0)))$$,
    'order_detail: per parcel (the carrier''s code, and its name in carrier_name and the sentence, 0022): the one still travelling after its window is late, the delivered one is not');
SELECT results_eq($$
    SELECT d->>'promised_from', d->>'promised_to', d->>'delivery_late', d->>'plain_status' FROM t_oa_d('SO-OA-W0') d
$$, $$VALUES (t_oa_day('10 days', 3), t_oa_day('10 days', 5), 'true',
              format('2 parcels: in transit with Yurtiçi Kargo since %s, expected %s, late by 5 days; delivered by MNG Kargo on %s',
                     t_oa_day('10 days', 0), t_oa_day('10 days', 5), t_oa_day('7 days', 0)))$$,
    'order_detail: the order is promised from its first parcel, late while one is still travelling');
SELECT results_eq($$
    SELECT p->>'promised_from', p->>'promised_to', p->>'delivery_late', p->>'plain_status', d->>'delivery_late'
    FROM t_oa_d('SO-OA-W1') d, jsonb_array_elements(d->'parcels') p
$$, $$VALUES ((t_oa_today() - 6)::text, (t_oa_today() - 2)::text, 'true',
              format('held up at Aras Kargo: address not found (shipped %s), expected %s, late by 2 days',
                     t_oa_day('8 days', 0), t_oa_today() - 2), 'true')$$,
    'order_detail: the order''s own delivery window wins over 3-5 days; an exception says what the carrier said');
SELECT results_eq($$
    SELECT d->>'promised_from', d->>'promised_to', d->>'delivery_late', d->>'plain_status' FROM t_oa_d('SO-OA-W2') d
$$, $$VALUES ((t_oa_today() + 1)::text, (t_oa_today() + 3)::text, 'false',
              format('paid, not shipped yet, to ship by 2026-11-22%s, delivery promised %s to %s',
                     CASE WHEN '2026-11-22' < t_oa_today() THEN ' (late to ship)' ELSE '' END,
                     t_oa_today() + 1, t_oa_today() + 3))$$,
    'order_detail: not shipped, with a window: promised, not late yet, in plain words');
SELECT results_eq($$
    SELECT d->>'promised_from', d->>'promised_to', d->>'delivery_late', d->>'plain_status' FROM t_oa_d('SO-OA-C1') d
$$, $$VALUES (NULL, NULL, 'false', 'cancelled: customer changed their mind')$$,
    'order_detail: a cancelled order says so, with the reason; no promise');
SELECT is((SELECT d->'parcels'->0->>'tracking_url' FROM t_oa_d('SO-OA-SHIP') d),
    'https://kargotakip.araskargo.com.tr/mainpage.aspx?code=OA-ARAS-1', 'order_detail: the tracking link');
SET SESSION AUTHORIZATION t_oa_wh;
SELECT ok((SELECT d->'payment' = 'null' AND d->'refunds' = 'null' AND d->'tickets' = 'null' AND d->'refunded' = 'null'
                  AND d->>'plain_status' LIKE 'in transit with Aras Kargo%'
           FROM (SELECT api.order_detail((t_oa_order('SO-OA-SHIP')).id) d) x),
    'order_detail: the warehouse gets where the parcel is, still no payment, refunds or tickets');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_oa_sup;
SELECT is((SELECT api.order_detail((t_oa_order('SO-OA-W0')).id)->>'delivery_late'), 'true',
    'order_detail: a supervisor reads it too');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- What the sentence is made of (0053): "plain" for the order and each parcel, so
-- the console says it in the staff member's language (views/order_plain.c).
------------------------------------------------------------------------------
-- The English sentence of a parcel's parts, as views/order_plain.c writes it in C.
CREATE FUNCTION public.t_oa_en(p jsonb) RETURNS text LANGUAGE sql
RETURN CASE p->>'case'
        WHEN 'pre_transit' THEN format('handed to %s on %s, not picked up yet', p->>'carrier', p->>'shipped')
        WHEN 'in_transit' THEN format('in transit with %s since %s', p->>'carrier', p->>'shipped')
        WHEN 'out_for_delivery' THEN format('out for delivery with %s (shipped %s)', p->>'carrier', p->>'shipped')
        WHEN 'pickup' THEN format('waiting to be picked up at a %s point (shipped %s)', p->>'carrier', p->>'shipped')
        WHEN 'attempted' THEN format('%s tried to deliver and could not (shipped %s)', p->>'carrier', p->>'shipped')
        WHEN 'delivered' THEN format('delivered by %s', p->>'carrier') || coalesce(' on ' || (p->>'delivered'), '')
        WHEN 'exception' THEN format('held up at %s: %s (shipped %s)', p->>'carrier',
                                     coalesce(p->>'carrier_text', 'a problem with the parcel'), p->>'shipped')
        WHEN 'returning' THEN format('on its way back to us with %s', p->>'carrier')
        WHEN 'returned' THEN format('returned to us by %s', p->>'carrier')
        WHEN 'cancelled' THEN format('the %s shipment was cancelled', p->>'carrier')
        WHEN 'expired' THEN format('%s stopped reporting on it (shipped %s)', p->>'carrier', p->>'shipped')
        WHEN 'no_news' THEN format('shipped with %s on %s, no tracking news yet', p->>'carrier', p->>'shipped')
       END
    || coalesce(', expected ' || (p->>'expected'), '')
    || CASE WHEN p->>'days_late' IS NULL THEN ''
            ELSE format(', late by %s day%s', p->>'days_late', CASE WHEN p->>'days_late' = '1' THEN '' ELSE 's' END) END;

CREATE TEMP TABLE t_oa_grid AS
SELECT st.s AS status, c.c AS carrier, t.t AS carrier_text, dl.d AS delivered, ex.d AS expected, pr.d AS promised_to,
       td.d AS today
FROM unnest(ARRAY['PRE_TRANSIT', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'AVAILABLE_FOR_PICKUP', 'DELIVERY_ATTEMPTED',
                  'DELIVERED', 'EXCEPTION', 'RETURNING', 'RETURNED', 'CANCELLED', 'EXPIRED', 'UNKNOWN']) st(s)
CROSS JOIN unnest(ARRAY['aras', 'kargoist']) c(c)
CROSS JOIN unnest(ARRAY[NULL, '  ', 'lost in Ankara']) t(t)
CROSS JOIN unnest(ARRAY[NULL, DATE '2026-11-23']) dl(d)
CROSS JOIN unnest(ARRAY[NULL, DATE '2026-11-25']) ex(d)
CROSS JOIN unnest(ARRAY[NULL, DATE '2026-11-25']) pr(d)
CROSS JOIN unnest(ARRAY[DATE '2026-11-24', DATE '2026-11-26', DATE '2026-11-30']) td(d);
SELECT is_empty($$
    SELECT g.*, backdesk.parcel_plain(carrier, status, carrier_text, DATE '2026-11-20', delivered, expected, promised_to, today)
    FROM t_oa_grid g
    WHERE backdesk.parcel_plain(carrier, status, carrier_text, DATE '2026-11-20', delivered, expected, promised_to, today)
          IS DISTINCT FROM t_oa_en(backdesk.parcel_plain_parts(carrier, status, carrier_text, DATE '2026-11-20',
                                                               delivered, expected, promised_to, today))
$$, 'plain: a parcel''s parts say exactly its sentence, for every status, carrier, text, delivery and lateness');
SELECT results_eq($$
    SELECT backdesk.parcel_plain_parts('ptt', 'IN_TRANSIT', NULL, DATE '2026-11-20', NULL, DATE '2026-11-25',
                                       DATE '2026-11-25', DATE '2026-11-26')->>'days_late',
           backdesk.parcel_plain_parts('ptt', 'EXPIRED', NULL, DATE '2026-11-20', NULL, DATE '2026-11-25',
                                       DATE '2026-11-25', DATE '2026-11-30')->>'days_late',
           backdesk.parcel_plain_parts('ptt', 'IN_TRANSIT', NULL, DATE '2026-11-20', NULL, DATE '2026-11-25',
                                       DATE '2026-11-25', DATE '2026-11-25')->>'days_late'
$$, $$VALUES ('1', '5', NULL::text)$$, 'plain: days_late counts the days past the promise, none on its last day');

SELECT is((SELECT p->'plain' FROM t_oa_d('SO-OA-SHIP') d, jsonb_array_elements(d->'parcels') p),
    jsonb_build_object('case', 'in_transit', 'status', 'IN_TRANSIT', 'carrier', 'Aras Kargo',
                       'shipped', t_oa_day('1 day', 0), 'delivered', NULL, 'carrier_text', NULL,
                       'expected', t_oa_day('1 day', 5), 'days_late', NULL),
    'plain: a parcel in transit: its carrier''s name, the day it left, the day expected, not late');
SELECT results_eq($$
    SELECT p->'plain' FROM t_oa_d('SO-OA-W0') d, jsonb_array_elements(d->'parcels') WITH ORDINALITY x(p, n) ORDER BY n
$$, $$VALUES (jsonb_build_object('case', 'in_transit', 'status', 'IN_TRANSIT', 'carrier', 'Yurtiçi Kargo',
                                'shipped', t_oa_day('10 days', 0), 'delivered', NULL, 'carrier_text', NULL,
                                'expected', t_oa_day('10 days', 5), 'days_late', 5)),
             (jsonb_build_object('case', 'delivered', 'status', 'DELIVERED', 'carrier', 'MNG Kargo',
                                 'shipped', t_oa_day('9 days', 0), 'delivered', t_oa_day('7 days', 0),
                                 'carrier_text', NULL, 'expected', NULL, 'days_late', NULL))$$,
    'plain: two parcels in the order of the sentence: the late one with its days late, the delivered one with its day');
SELECT is((SELECT d->'plain' FROM t_oa_d('SO-OA-W0') d),
    jsonb_build_object('case', 'parcels', 'status', 'paid', 'ship_by', '2026-11-22',
                       'late_to_ship', DATE '2026-11-22' < t_oa_today(), 'promised_from', t_oa_day('10 days', 3),
                       'promised_to', t_oa_day('10 days', 5), 'delivery_late', false, 'cancel_reason', NULL,
                       'today', t_oa_today()::text),
    'plain: an order with parcels says the parcels'' sentences; ", delivery late" is theirs to say');
SELECT is((SELECT p->'plain' FROM t_oa_d('SO-OA-W1') d, jsonb_array_elements(d->'parcels') p),
    jsonb_build_object('case', 'exception', 'status', 'EXCEPTION', 'carrier', 'Aras Kargo',
                       'shipped', t_oa_day('8 days', 0), 'delivered', NULL, 'carrier_text', 'address not found',
                       'expected', (t_oa_today() - 2)::text, 'days_late', 2),
    'plain: an exception: what the carrier said, late by 2 days past the order''s own window');
SELECT is((SELECT d->'plain' FROM t_oa_d('SO-OA-W2') d),
    jsonb_build_object('case', 'not_shipped', 'status', 'paid', 'ship_by', '2026-11-22',
                       'late_to_ship', DATE '2026-11-22' < t_oa_today(),
                       'promised_from', (t_oa_today() + 1)::text, 'promised_to', (t_oa_today() + 3)::text,
                       'delivery_late', false, 'cancel_reason', NULL, 'today', t_oa_today()::text),
    'plain: not shipped: the status, the day to ship by and whether that is late, the promised window');
SELECT is((SELECT d->'plain' FROM t_oa_d('SO-OA-C1') d),
    jsonb_build_object('case', 'cancelled', 'status', 'cancelled', 'ship_by', '2026-11-22',
                       'late_to_ship', false, 'promised_from', NULL, 'promised_to', NULL,
                       'delivery_late', false, 'cancel_reason', 'customer changed their mind',
                       'today', t_oa_today()::text),
    'plain: a cancelled order with its reason');
SELECT api.import_order(t_oa_doc('SO-OA-P1', '{"payment": {"method": "bank_transfer", "paid": "0"}}')) \g /dev/null
SELECT results_eq($$
    SELECT d->>'plain_status', d->'plain'->>'case', d->'plain'->>'status'
    FROM (SELECT api.order_detail((t_oa_order('SO-OA-P1')).id) d) x
$$, $$VALUES ('waiting for payment', 'pending', 'pending')$$, 'plain: an unpaid order waits for payment');
SELECT api.import_order(t_oa_doc('SO-OA-W3', jsonb_build_object('deliver_between',
           jsonb_build_array(t_oa_today() - 5, t_oa_today() - 2)))) \g /dev/null
SELECT results_eq($$
    SELECT d->>'plain_status', d->'plain'->>'case', d->'plain'->>'delivery_late', d->'plain'->>'late_to_ship'
    FROM (SELECT api.order_detail((t_oa_order('SO-OA-W3')).id) d) x
$$, $$VALUES (format('paid, not shipped yet, to ship by 2026-11-22%s, delivery promised %s to %s, delivery late',
                     CASE WHEN '2026-11-22' < t_oa_today() THEN ' (late to ship)' ELSE '' END,
                     t_oa_today() - 5, t_oa_today() - 2),
              'not_shipped', 'true', (DATE '2026-11-22' < t_oa_today())::text)$$,
    'plain: not shipped past its window: delivery_late says the sentence ends ", delivery late"');
SELECT ok((SELECT bool_and(d ? 'plain' AND d->'plain' ?& ARRAY['case', 'status', 'ship_by', 'late_to_ship',
                                  'promised_from', 'promised_to', 'delivery_late', 'cancel_reason', 'today'])
                  AND bool_and(d->>'plain_status' IS NOT NULL)
           FROM t_oa_doc)
          AND (SELECT bool_and(p->'plain' ?& ARRAY['case', 'status', 'carrier', 'shipped', 'delivered', 'expected',
                                                   'days_late', 'carrier_text'])
               FROM t_oa_doc, jsonb_array_elements(d->'parcels') p),
    'plain: every order and every parcel has it, and plain_status is still there');
SET SESSION AUTHORIZATION t_oa_wh;
SELECT is((SELECT api.order_detail((t_oa_order('SO-OA-W1')).id)->'parcels'->0->'plain'->>'days_late'), '2',
    'plain: the warehouse gets it too');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- The grants of the new functions.
------------------------------------------------------------------------------
SELECT ok(has_function_privilege('backdesk_agent', 'api.cancel_order(text, text, integer)', 'EXECUTE')
          AND has_function_privilege('backdesk_supervisor', 'api.change_address(text, jsonb, integer)', 'EXECUTE'),
    'the staff groups may execute the order actions (the functions refuse by role)');
SELECT ok(NOT has_function_privilege('backdesk_shop', 'api.cancel_order(text, text, integer)', 'EXECUTE')
          AND NOT has_function_privilege('public', 'api.change_address(text, jsonb, integer)', 'EXECUTE'),
    'the shop and PUBLIC may not');

SELECT * FROM finish();
ROLLBACK;
