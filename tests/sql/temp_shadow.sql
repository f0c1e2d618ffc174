-- temp_shadow: nothing a caller creates in their temporary schema can stand in for
-- what an api function reads (issue 8, "Privilege escalation through the temporary
-- schema").  PostgreSQL searches the session's pg_temp FIRST for relations and types
-- unless a function's search_path names pg_temp (last); a SECURITY DEFINER function
-- that reads an unqualified pg_roles then reads the caller's view, as its owner.
--
-- 1. The attack as it was seen: a warehouse login's temp view pg_roles.
-- 2. For a login of each role (agent, warehouse, supervisor, admin, shop), with TEMP
--    on the database granted explicitly (so the test holds whatever PUBLIC has): a
--    fixed set of api calls is answered (result, or SQLSTATE and message), then the
--    login creates temporary relations named like catalog views and like EVERY
--    relation of schema backdesk (the list comes from pg_class when the test runs, so
--    a new table is covered without editing this file), fills them with hostile rows
--    (every role says admin and superuser, limits are huge, orders, payments and
--    refunds of the same ids and numbers say other things, a ghost order and
--    customer exist), grants them to PUBLIC, and asks again: every answer must be the
--    same.  Every call's changes are rolled back, so both rounds see the same data.
--
-- Note: this session's temporary schema exists before any login creates anything in
-- it (pgTAP keeps its state there), and PostgreSQL checks TEMP only when it creates
-- the schema, so REVOKE TEMPORARY FROM PUBLIC cannot be observed from here; this test
-- is about the functions' own defence.
BEGIN;

------------------------------------------------------------------------------
-- Logins, data.
------------------------------------------------------------------------------
CREATE TABLE public.t_sh_logins (ord int PRIMARY KEY, role text NOT NULL, login name NOT NULL);
INSERT INTO public.t_sh_logins VALUES
    (1, 'agent', 't_sh_agent'), (2, 'warehouse', 't_sh_wh'), (3, 'supervisor', 't_sh_sup'),
    (4, 'admin', 't_sh_admin'), (5, 'shop', 't_sh_shop');
GRANT SELECT ON public.t_sh_logins TO PUBLIC;

DO $$ BEGIN
    PERFORM api.staff_add('t_sh_agent', 'Ayşe Gölge', 'agent');
    PERFORM api.staff_add('t_sh_wh', 'Mehmet Gölge', 'warehouse');
    PERFORM api.staff_add('t_sh_sup', 'Zeynep Gölge', 'supervisor');
    PERFORM api.staff_add('t_sh_admin', 'Emre Gölge', 'admin');
    PERFORM api.staff_add('t_sh_victim', 'Kurban Gölge', 'agent');
END $$;
CREATE ROLE t_sh_shop LOGIN IN ROLE backdesk_shop;
DO $$
DECLARE
    l name;
BEGIN
    FOR l IN SELECT login FROM public.t_sh_logins LOOP
        EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), l);
    END LOOP;
END
$$;

CREATE FUNCTION public.t_sh_doc(p_number text, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "sh-gulsen@example.com", "phone": "+90 532 700 01 01",
                      "name": "Gülşen Çağlar", "locale": "tr"},
         "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
         "lines": [{"sku": "SH-TV", "name": "Televizyon", "qty": 1, "unit_price": "5000.00", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": false,
         "payment": {"method": "card", "paid": "5000.00"}}'::jsonb || p_extra;

SELECT api.import_order(public.t_sh_doc('SO-700101')) \g /dev/null
SELECT api.import_order(public.t_sh_doc('SO-700102', '{"lines": [{"sku": "SH-KUP", "name": "Kupa", "qty": 2,
    "unit_price": "149.90", "tax_rate": "0.20"}], "shipping_fee": "29.90", "free_shipping": true,
    "payment": {"method": "card", "paid": "329.70"}}')) \g /dev/null
SELECT api.import_order(public.t_sh_doc('SO-700103')) \g /dev/null
SELECT api.import_order(public.t_sh_doc('SO-700104', '{"customer": {"phone": "+36 30 700 0104",
    "name": "Kovács Ödön", "locale": "hu"}, "shipping_address": {"line1": "Váci utca 1", "city": "Budapest",
    "country": "HU"}, "payment": {"method": "bank_transfer", "paid": "0"}}')) \g /dev/null
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
SELECT o.id, 'yurtici', 'SHTRACK700103', 'IN_TRANSIT', '2026-11-21 10:00+03'
FROM backdesk.orders o WHERE o.number = 'SO-700103';
UPDATE backdesk.orders SET status = 'shipped' WHERE number = 'SO-700103';

CREATE TABLE public.t_sh_ids (what text PRIMARY KEY, v text NOT NULL);
INSERT INTO public.t_sh_ids
SELECT 'order1', id::text FROM backdesk.orders WHERE number = 'SO-700101' UNION ALL
SELECT 'order3', id::text FROM backdesk.orders WHERE number = 'SO-700103' UNION ALL
SELECT 'cust1', customer_id::text FROM backdesk.orders WHERE number = 'SO-700101' UNION ALL
SELECT 'addr1', shipping_address_id::text FROM backdesk.orders WHERE number = 'SO-700101' UNION ALL
SELECT 'shipment3', s.id::text FROM backdesk.shipments s WHERE s.tracking_no = 'SHTRACK700103' UNION ALL
SELECT 'template', t.id::text FROM backdesk.templates t
    WHERE t.category = 'where-is-my-order' AND t.locale = 'tr' AND t.title = 'Henüz kargoya verilmedi';
-- A ticket, notes, a refund and a gift code, made as the superuser (who counts as admin).
INSERT INTO public.t_sh_ids
SELECT 'ticket', api.open_ticket((SELECT v::bigint FROM public.t_sh_ids WHERE what = 'cust1'), 'SO-700101',
                                 'phone', 'delay', 'high', 'Kargo nerede?', 'Müşteri aradı');
INSERT INTO public.t_sh_ids
SELECT 'ticket_id', t.id::text FROM backdesk.tickets t WHERE t.number = (SELECT v FROM public.t_sh_ids WHERE what = 'ticket');
SELECT api.add_note('order', (SELECT v::bigint FROM public.t_sh_ids WHERE what = 'order1'), 'Hassas müşteri') \g /dev/null
SELECT api.add_note('customer', (SELECT v::bigint FROM public.t_sh_ids WHERE what = 'cust1'), 'VIP') \g /dev/null
SELECT api.issue_refund('SO-700101', 100.00, 'goodwill', 'geç teslimat', '00000000-0000-4000-8000-0000000007a1') \g /dev/null
SELECT api.compensate_delay('SO-700101', 'gift_code', 50.00, 'gecikme', '00000000-0000-4000-8000-0000000007a2') \g /dev/null
-- A delivered order of five cups and its returns (0037) at four steps, made as the superuser.
SELECT api.import_order(public.t_sh_doc('SO-700105', '{"lines": [{"sku": "SH-KUP", "name": "Kupa", "qty": 5,
    "unit_price": "149.90", "tax_rate": "0.20"}], "payment": {"method": "card", "paid": "749.50"}}')) \g /dev/null
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, delivered_at)
SELECT o.id, 'yurtici', 'SHTRACK700105', 'DELIVERED', now() - interval '3 days', now() - interval '2 days'
FROM backdesk.orders o WHERE o.number = 'SO-700105';
UPDATE backdesk.orders SET status = 'delivered' WHERE number = 'SO-700105';
INSERT INTO public.t_sh_ids
SELECT 'ret_' || k, api.request_return('SO-700105', '[{"line_no": 1, "qty": 1, "reason": "changed_mind"}]', 'shadow')
FROM unnest(ARRAY['req', 'app', 'rec', 'ref']) k;
UPDATE backdesk.returns SET status = 'approved' WHERE number = (SELECT v FROM public.t_sh_ids WHERE what = 'ret_app');
UPDATE backdesk.returns SET status = 'received' WHERE number = (SELECT v FROM public.t_sh_ids WHERE what = 'ret_rec');
UPDATE backdesk.return_lines SET condition = 'opened', accepted_qty = 1, disposition = 'restock'
WHERE return_id = (SELECT id FROM backdesk.returns WHERE number = (SELECT v FROM public.t_sh_ids WHERE what = 'ret_ref'));
UPDATE backdesk.returns SET status = 'refunded' WHERE number = (SELECT v FROM public.t_sh_ids WHERE what = 'ret_ref');
INSERT INTO public.t_sh_ids
SELECT 'gift', code FROM backdesk.gift_codes WHERE idempotency_key = '00000000-0000-4000-8000-0000000007a2';
-- Two inspected returns of the television (0038): a plain one worth 50 after a large
-- restocking fee, and an exchange.
WITH r AS (INSERT INTO backdesk.returns (order_id, kind, status, reason, received_at, inspected_at, restocking_fee)
           SELECT o.id, k, 'inspected', 'shadow', now(), now(), CASE k WHEN 'return' THEN 4950 ELSE 0 END
           FROM backdesk.orders o, unnest(ARRAY['return', 'exchange']) k WHERE o.number = 'SO-700101'
           RETURNING id, kind, number)
INSERT INTO public.t_sh_ids
SELECT CASE r.kind WHEN 'return' THEN 'return1' ELSE 'return2' END, r.number FROM r;
INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, reason_code, condition, accepted_qty, disposition,
                                   restocking_fee)
SELECT r.id, l.id, 1, 'changed_mind', 'opened', 1, 'restock', r.restocking_fee
FROM backdesk.returns r JOIN backdesk.order_lines l ON l.order_id = r.order_id
WHERE r.number IN (SELECT v FROM public.t_sh_ids WHERE what IN ('return1', 'return2'));
-- A delay notice proposed for the shipped order's parcel (0042).
WITH n AS (INSERT INTO backdesk.delay_notices (shipment_id, amount, currency)
           SELECT s.id, 25.00, 'TRY' FROM backdesk.shipments s WHERE s.tracking_no = 'SHTRACK700103' RETURNING id)
INSERT INTO public.t_sh_ids SELECT 'notice', n.id::text FROM n;
GRANT SELECT ON public.t_sh_ids TO PUBLIC;

------------------------------------------------------------------------------
-- The calls: answers and refusals, the same for every login.  Calls that make a new
-- id or code answer with a comparison, since sequences move on even when the call
-- is rolled back.
------------------------------------------------------------------------------
CREATE TABLE public.t_sh_calls (ord serial PRIMARY KEY, name text UNIQUE NOT NULL, call text NOT NULL);
INSERT INTO public.t_sh_calls (name, call)
SELECT x.name, x.call FROM (SELECT v FROM public.t_sh_ids WHERE what = 'order1') o1(o1),
    (SELECT v FROM public.t_sh_ids WHERE what = 'order3') o3(o3),
    (SELECT v FROM public.t_sh_ids WHERE what = 'cust1') c1(c1),
    (SELECT v FROM public.t_sh_ids WHERE what = 'shipment3') s3(s3),
    (SELECT v FROM public.t_sh_ids WHERE what = 'template') tp(tp),
    (SELECT v FROM public.t_sh_ids WHERE what = 'ticket') tk(tk),
    (SELECT v FROM public.t_sh_ids WHERE what = 'ticket_id') ti(ti),
    (SELECT v FROM public.t_sh_ids WHERE what = 'ret_req') rq(rq),
    (SELECT v FROM public.t_sh_ids WHERE what = 'ret_app') ra(ra),
    (SELECT v FROM public.t_sh_ids WHERE what = 'ret_rec') rc(rc),
    (SELECT v FROM public.t_sh_ids WHERE what = 'ret_ref') rf(rf),
    (SELECT v FROM public.t_sh_ids WHERE what = 'return1') r1(r1),
    (SELECT v FROM public.t_sh_ids WHERE what = 'return2') r2(r2),
    (SELECT v FROM public.t_sh_ids WHERE what = 'gift') gc(gc),
    (SELECT v FROM public.t_sh_ids WHERE what = 'notice') dn(dn),
LATERAL (VALUES
    (1, 'whoami', $$SELECT to_jsonb(w)::text FROM api.whoami() w$$),
    (2, 'find an order number', $$SELECT jsonb_agg(to_jsonb(f))::text FROM api.find('SO-700101') f$$),
    (3, 'find digits', $$SELECT jsonb_agg(to_jsonb(f))::text FROM api.find('700103') f$$),
    (4, 'find a partial number', $$SELECT jsonb_agg(to_jsonb(f))::text FROM api.find('SO-7001') f$$),
    (5, 'find a name', $$SELECT jsonb_agg(to_jsonb(f))::text FROM api.find('gulsen caglar') f$$),
    (6, 'find a phone', $$SELECT jsonb_agg(to_jsonb(f))::text FROM api.find('0532 700 01 01') f$$),
    (7, 'find an e-mail', $$SELECT jsonb_agg(to_jsonb(f))::text FROM api.find('sh-gulsen@example.com') f$$),
    (8, 'find a ticket', format($$SELECT jsonb_agg(to_jsonb(f))::text FROM api.find(%L) f$$, tk)),
    (9, 'find a tracking number', $$SELECT jsonb_agg(to_jsonb(f))::text FROM api.find('SHTRACK700103') f$$),
    (10, 'order_detail', format($$SELECT api.order_detail(%s)::text$$, o1)),
    (11, 'order_detail of a shipped order', format($$SELECT api.order_detail(%s)::text$$, o3)),
    (12, 'order_detail of no order', $$SELECT api.order_detail(999999)::text$$),
    (13, 'customer_360', format($$SELECT api.customer_360(%s)::text$$, c1)),
    (14, 'customer_360 of no customer', $$SELECT api.customer_360(999999)::text$$),
    (15, 'find_target order', format($$SELECT to_jsonb(t)::text FROM api.find_target('order', %s) t$$, o1)),
    (16, 'find_target shipment', format($$SELECT to_jsonb(t)::text FROM api.find_target('shipment', %s) t$$, s3)),
    (17, 'find_target ticket', format($$SELECT to_jsonb(t)::text FROM api.find_target('ticket', %s) t$$, ti)),
    (18, 'staff_add an admin', $$SELECT api.staff_add('t_sh_evil', 'Evil', 'admin', NULL) IS NOT NULL$$),
    (19, 'staff_disable', $$SELECT api.staff_disable('t_sh_victim')::text$$),
    (20, 'a goodwill refund within the agent limit',
         $$SELECT api.issue_refund('SO-700101', 10.00, 'goodwill', 'shadow', '00000000-0000-4000-8000-0000000007b1') IS NOT NULL$$),
    (21, 'a goodwill refund over the agent limit',
         $$SELECT api.issue_refund('SO-700101', 2000.00, 'goodwill', 'shadow', '00000000-0000-4000-8000-0000000007b2') IS NOT NULL$$),
    (22, 'a gift code over the agent limit',
         $$SELECT api.compensate_delay('SO-700101', 'gift_code', 2000.00, 'shadow', '00000000-0000-4000-8000-0000000007b3') IS NOT NULL$$),
    (23, 'a refund over what was paid',
         $$SELECT api.issue_refund('SO-700101', 4950.00, 'return', 'shadow', '00000000-0000-4000-8000-0000000007b4') IS NOT NULL$$),
    (24, 'refund_shipping_fee',
         $$SELECT api.refund_shipping_fee('SO-700102', 'shadow', '00000000-0000-4000-8000-0000000007b5') IS NOT NULL$$),
    (25, 'cancel a shipped order', $$SELECT api.cancel_order('SO-700103', 'shadow')::text$$),
    (26, 'cancel no order', $$SELECT api.cancel_order('SO-SH-GHOST', 'shadow')::text$$),
    (27, 'cancel an order', $$SELECT api.cancel_order('SO-700102', 'shadow')::text$$),
    (28, 'change_address',
         $$SELECT api.change_address('SO-700101', '{"line1": "Alsancak 2", "district": "Konak", "city": "İzmir", "postcode": "35220", "country": "TR"}') IS NOT NULL$$),
    (29, 'add_note', format($$SELECT api.add_note('order', %s, 'shadow') IS NOT NULL$$, o1)),
    (30, 'queue_message', $$SELECT api.queue_message('SO-700101', 'order_confirmation') IS NOT NULL$$),
    (31, 'open_ticket', format($$SELECT api.open_ticket(%s, 'SO-700101', 'phone', 'delay', 'high', 'shadow', 'x', true) LIKE 'T-%%'$$, c1)),
    (32, 'log_call', format($$SELECT api.log_call(%s, %L, 'delay', 'resolved', 'shadow', 60)$$, c1, tk)),
    (33, 'render_template', format($$SELECT api.render_template(%s, 'SO-700101')$$, tp)),
    (34, 'order_answers', $$SELECT jsonb_agg(to_jsonb(a))::text FROM api.order_answers('SO-700101') a$$),
    (35, 'order_answers of no order', $$SELECT jsonb_agg(to_jsonb(a))::text FROM api.order_answers('SO-SH-GHOST') a$$),
    (36, 'queue_template', format($$SELECT api.queue_template(%s, 'SO-700101') IS NOT NULL$$, tp)),
    (37, 're-import an order', format($$SELECT api.import_order(%L)::text$$, public.t_sh_doc('SO-700104',
         '{"customer": {"phone": "+36 30 700 0104", "name": "Kovács Ödön", "locale": "hu"},
           "shipping_address": {"line1": "Váci utca 1", "city": "Budapest", "country": "HU"},
           "payment": {"method": "bank_transfer", "paid": "0"}}'))),
    (38, 'import a new order', format($$SELECT api.import_order(%L) IS NOT NULL$$, public.t_sh_doc('SO-SH-GHOST'))),
    (39, 'set_amount_limit', $$SELECT api.set_amount_limit('agent', 'goodwill', 'TRY', 5000, 5000, 5000)::text$$),
    (40, 'log_call a second delay ticket', format($$SELECT api.log_call(%s, NULL, 'delay', 'noted', 'shadow', 60)$$, c1)),
    (41, 'log_call a second delay ticket anyway',
         format($$SELECT api.log_call(%s, NULL, 'delay', 'noted', 'shadow', 60, true) LIKE 'T-%%'$$, c1)),
    (42, 'ticket_presence', format($$SELECT api.ticket_presence(%L, 'typing')::text$$, tk)),
    (43, 'ticket_presence of no ticket', $$SELECT api.ticket_presence('T-SH-GHOST', 'viewing')::text$$),
    (44, 'receive_message', $$SELECT api.receive_message('{"channel": "chat", "from": {"email": "sh-gulsen@example.com"},
         "body": "shadow", "external_id": "sh-1", "order_number": "SO-700101"}') IS NOT NULL$$),
    (45, 'ticket_macros', $$SELECT jsonb_agg(to_jsonb(m))::text FROM api.ticket_macros() m$$),
    (46, 'preview_macro', format($$SELECT api.preview_macro(%L, 'thanks-solved')$$, tk)),
    (47, 'apply_macro', format($$SELECT api.apply_macro(%L, 'thanks-solved', 1)::text$$, tk)),
    (48, 'record_csat of a ticket not resolved', format($$SELECT api.record_csat(%L, 5, 'shadow')::text$$, tk)),
    (49, 'csat_by_agent', $$SELECT jsonb_agg(to_jsonb(c))::text FROM api.csat_by_agent() c$$),
    (50, 'ticket_version_author', format($$SELECT to_jsonb(a)::text FROM api.ticket_version_author(%L) a$$, tk)),
    (51, 'returnable_lines', $$SELECT jsonb_agg(to_jsonb(l))::text FROM api.returnable_lines('SO-700105') l$$),
    (52, 'request_return', $$SELECT api.request_return('SO-700105', '[{"line_no": 1, "qty": 1, "reason": "defective"}]',
         'shadow') LIKE 'R-%'$$),
    (53, 'request_return over what is left', $$SELECT api.request_return('SO-700105',
         '[{"line_no": 1, "qty": 2, "reason": "defective"}]', 'shadow') LIKE 'R-%'$$),
    (54, 'return_detail', format($$SELECT api.return_detail(%L)::text$$, rq)),
    (55, 'approve_return', format($$SELECT api.approve_return(%L, 1)::text$$, rq)),
    (56, 'reject_return', format($$SELECT api.reject_return(%L, 'shadow', 1)::text$$, rq)),
    (57, 'set_return_parcel', format($$SELECT api.set_return_parcel(%L, 'aras', 'SHRET700105', 1)::text$$, ra)),
    (58, 'receive_return', format($$SELECT api.receive_return(%L, 1)::text$$, ra)),
    (59, 'inspect_return', format($$SELECT api.inspect_return(%L,
         '[{"line_no": 1, "condition": "opened", "accepted_qty": 1, "disposition": "restock"}]', 'shadow', 1)::text$$, rc)),
    (60, 'close_return', format($$SELECT api.close_return(%L)::text$$, rf)),
    (61, 'refund_return', format($$SELECT api.refund_return(%L, '00000000-0000-4000-8000-0000000007c1') IS NOT NULL$$, r1)),
    (62, 'store_credit_return', format($$SELECT api.store_credit_return(%L, '00000000-0000-4000-8000-0000000007c2') LIKE 'BD-%%'$$, r1)),
    (63, 'exchange_return', format($$SELECT api.exchange_return(%L)$$, r2)),
    (64, 'repair_return of an exchange', format($$SELECT api.repair_return(%L, 'shadow')::text$$, r2)),
    (65, 'issue_gift_code of an amount',
         $$SELECT api.issue_gift_code('SO-700101', 10, NULL, 'goodwill', 'shadow', '00000000-0000-4000-8000-0000000007c3') LIKE 'BD-%'$$),
    (66, 'issue_gift_code of a percent',
         $$SELECT api.issue_gift_code('SO-700101', NULL, 1, 'feedback_reward', 'shadow', '00000000-0000-4000-8000-0000000007c4') LIKE 'BD-%'$$),
    (67, 'redeem_gift_code', format($$SELECT api.redeem_gift_code(%L, 'SO-700101')::text$$, gc)),
    (68, 'refunds_ledger', $$SELECT jsonb_agg(to_jsonb(l))::text FROM api.refunds_ledger('SO-700101') l$$),
    (69, 'refunds_of_day', $$SELECT jsonb_agg(to_jsonb(l))::text FROM api.refunds_of_day() l$$),
    (70, 'close_resolved_returns', $$SELECT api.close_resolved_returns()::text$$),
    (71, 'find_targets', format($$SELECT jsonb_agg(to_jsonb(t))::text FROM api.find_targets(ARRAY['order', 'shipment', 'ticket'], ARRAY[%s, %s, %s]::bigint[]) t$$, o1, s3, ti)),
    (72, 'ship_parcel', $$SELECT api.ship_parcel('SO-700101', 'yurtici', '710000000001') IS NOT NULL$$),
    (73, 'ship_parcel of a shipped order', $$SELECT api.ship_parcel('so700103', 'aras', '340000000001')::text$$),
    (74, 'scan_resolve an order', $$SELECT api.scan_resolve('so700101')::text$$),
    (75, 'scan_resolve a tracking number', $$SELECT api.scan_resolve('SHTRACK700103')::text$$),
    (76, 'orders_to_pack', $$SELECT jsonb_agg(to_jsonb(p))::text FROM api.orders_to_pack(50) p$$),
    (77, 'tracking_due', $$SELECT jsonb_agg(to_jsonb(t))::text FROM api.tracking_due(50) t$$),
    (78, 'record_tracking', $$SELECT api.record_tracking('SHTRACK700103', '{"status": "DELIVERED", "events":
         [{"at": "2026-11-22T10:00:00Z", "status": "DELIVERED", "location": "İzmir"}]}')::text$$),
    (79, 'record_tracking_failure', $$SELECT api.record_tracking_failure('SHTRACK700103', 'shadow')::text$$),
    (80, 'parcel_detail', format($$SELECT api.parcel_detail(%s)::text$$, s3)),
    (81, 'propose_delay_notices', $$SELECT api.propose_delay_notices()::text$$),
    (82, 'approve_delay_notice', format($$SELECT api.approve_delay_notice(%s, 'gift_code', NULL,
         '00000000-0000-4000-8000-0000000007d1') IS NOT NULL$$, dn)),
    (83, 'dismiss_delay_notice', format($$SELECT api.dismiss_delay_notice(%s, 'shadow')::text$$, dn)),
    (84, 'dashboard', $$SELECT api.dashboard()::text$$),
    (85, 'dashboard_list of the open tickets', $$SELECT jsonb_agg(to_jsonb(l))::text FROM api.dashboard_list('tickets') l$$),
    (86, 'dashboard_list of the parcels in exception',
         $$SELECT jsonb_agg(to_jsonb(l))::text FROM api.dashboard_list('parcels_exception', NULL, NULL, NULL, 50) l$$),
    (87, 'dashboard_list of the orders late to ship',
         $$SELECT jsonb_agg(to_jsonb(l))::text FROM api.dashboard_list('orders_late') l$$),
    (88, 'export_tickets', $$SELECT jsonb_agg(to_jsonb(e))::text FROM api.export_tickets(NULL, NULL) e$$),
    (89, 'export_orders', $$SELECT jsonb_agg(to_jsonb(e))::text FROM api.export_orders(NULL, NULL) e$$),
    (90, 'export_returns', $$SELECT jsonb_agg(to_jsonb(e))::text FROM api.export_returns(NULL, NULL) e$$),
    (91, 'export_refunds', $$SELECT jsonb_agg(to_jsonb(e))::text FROM api.export_refunds(NULL, NULL) e$$),
    (92, 'export_shipments', $$SELECT jsonb_agg(to_jsonb(e))::text FROM api.export_shipments(NULL, NULL) e$$),
    (93, 'export_orders streamed', $$SELECT jsonb_agg(to_jsonb(s))::text FROM (SELECT (e).* FROM (SELECT api.export_orders(NULL, NULL) AS e OFFSET 0) x) s$$),
    (94, 'outbox_claim', $$SELECT jsonb_agg(jsonb_build_object('kind', c.kind, 'recipient', c.recipient, 'lang', c.lang) ORDER BY c.id)::text FROM api.outbox_claim(1000, 60) c$$),
    (95, 'outbox_mark_sent of no claim', $$SELECT api.outbox_mark_sent((SELECT min(id) FROM backdesk.outbox), '00000000-0000-4000-8000-000000000451')::text$$),
    (96, 'outbox_mark_failed of no claim', $$SELECT api.outbox_mark_failed((SELECT min(id) FROM backdesk.outbox), '00000000-0000-4000-8000-000000000452', 'shadow')$$),
    (97, 'outbox_retry of a queued message', $$SELECT api.outbox_retry((SELECT min(id) FROM backdesk.outbox))::text$$),
    (98, 'preview_reply', format($$SELECT api.preview_reply(%L, 'shadow')::text$$, tk)),
    (99, 'add_stock_alert', $$SELECT api.add_stock_alert('no-such-shadow@example.com', 'NO-SUCH')::text$$),
    (100, 'receive_mail', format($$SELECT format('%%s %%s %%s', r.outcome, r.ticket_number = %L, r.duplicate)
         FROM api.receive_mail(jsonb_build_object('message_id', '<sh-1@mail.example>', 'subject', 'Re: ' || %L,
              'from', jsonb_build_object('email', 'sh-gulsen@example.com'), 'body', 'shadow',
              'attachments', jsonb_build_array(jsonb_build_object('name', 'a.pdf', 'type', 'application/pdf', 'size', 10)))) r$$, tk, tk)),
    (101, 'dashboard_list of the last open tickets, backward',
         $$SELECT jsonb_agg(to_jsonb(l))::text FROM api.dashboard_list('tickets', NULL, NULL, NULL, 20, true) l$$),
    (102, 'preview_message', $$SELECT api.preview_message('SO-700101', 'order_confirmation')::text$$),
    (103, 'preview_delay_notice', format($$SELECT (api.preview_delay_notice(%s, 'refund', NULL)).lang$$, dn))
) x(ord, name, call)
ORDER BY x.ord;
GRANT SELECT ON public.t_sh_calls TO PUBLIC;

------------------------------------------------------------------------------
-- Helpers.  Not SECURITY DEFINER: they run as the login.  They name every relation
-- with its schema, so the hostile relations never steer the test itself.
------------------------------------------------------------------------------
-- "ok: <answer>" or "SQLSTATE: message"; whatever the call changed is rolled back.
CREATE FUNCTION public.t_sh_try(p_call text) RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v text;
    v_state text;
    v_msg text;
BEGIN
    BEGIN
        EXECUTE p_call INTO v;
        RAISE EXCEPTION USING ERRCODE = 'TSH00', MESSAGE = 'answered (rolled back)';
    EXCEPTION WHEN OTHERS THEN
        v_state := SQLSTATE;
        v_msg := SQLERRM;
    END;
    IF v_state = 'TSH00' THEN
        RETURN 'ok: ' || coalesce(v, '<null>');
    END IF;
    RETURN v_state || ': ' || v_msg;
END
$$;
-- The same, keeping what the call did.
CREATE FUNCTION public.t_sh_run(p_call text) RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v text;
BEGIN
    EXECUTE p_call INTO v;
    RETURN 'ok: ' || coalesce(v, '<null>');
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
GRANT EXECUTE ON FUNCTION public.t_sh_try(text), public.t_sh_run(text) TO PUBLIC;

CREATE TABLE public.t_sh_got (login name, phase text, name text, answer text, PRIMARY KEY (login, phase, name));
GRANT SELECT, INSERT ON public.t_sh_got TO PUBLIC;

------------------------------------------------------------------------------
-- The hostile relations: how to make each and what to put in it.
------------------------------------------------------------------------------
CREATE TABLE public.t_sh_hostile (
    ord      serial PRIMARY KEY,
    relname  name UNIQUE NOT NULL,
    make     text NOT NULL,          -- CREATE TEMP TABLE pg_temp.<relname> …
    fallback text,                   -- when make is not allowed to this login
    fill     text[] NOT NULL DEFAULT '{}'
);
GRANT SELECT ON public.t_sh_hostile TO PUBLIC;

-- Catalog views and tables, copied (every column but pseudo-typed ones), then twisted.
INSERT INTO public.t_sh_hostile (relname, make)
SELECT c.relname,
       format('CREATE TEMP TABLE pg_temp.%I AS SELECT %s FROM pg_catalog.%I', c.relname,
              (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
               FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND t.typtype <> 'p'),
              c.relname)
FROM unnest(ARRAY['pg_roles', 'pg_authid', 'pg_user', 'pg_auth_members', 'pg_stat_activity', 'pg_namespace',
                  'pg_class', 'pg_proc', 'pg_type', 'pg_attribute', 'pg_database', 'pg_settings', 'pg_tables',
                  'pg_locks', 'pg_extension']) WITH ORDINALITY n(relname, i)
JOIN pg_catalog.pg_class c ON c.relname = n.relname AND c.relnamespace = 'pg_catalog'::regnamespace
ORDER BY n.i;
UPDATE public.t_sh_hostile SET fill = ARRAY[
    'UPDATE pg_temp.pg_roles SET rolsuper = true, rolcreaterole = true, rolbypassrls = true']
WHERE relname = 'pg_roles';
UPDATE public.t_sh_hostile SET
    fallback = 'CREATE TEMP TABLE pg_temp.pg_authid AS SELECT oid, rolname, rolsuper, rolinherit, rolcreaterole,
                    rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolpassword, rolvaliduntil
                FROM pg_catalog.pg_roles',
    fill = ARRAY['UPDATE pg_temp.pg_authid SET rolsuper = true, rolcreaterole = true, rolbypassrls = true']
WHERE relname = 'pg_authid';
UPDATE public.t_sh_hostile SET fill = ARRAY['UPDATE pg_temp.pg_user SET usesuper = true']
WHERE relname = 'pg_user';
UPDATE public.t_sh_hostile SET fill = ARRAY[
    'INSERT INTO pg_temp.pg_auth_members (roleid, member, grantor, admin_option)
     SELECT g.oid, me.oid, 10, true FROM pg_catalog.pg_roles g, pg_catalog.pg_roles me
     WHERE g.rolname LIKE ''backdesk\_%'' AND me.rolname = session_user']
WHERE relname = 'pg_auth_members';
UPDATE public.t_sh_hostile SET fill = ARRAY[
    'INSERT INTO pg_temp.pg_stat_activity (pid, usename, datname, state, backend_type)
     VALUES (0, session_user, pg_catalog.current_database(), ''active'', ''client backend''),
            (0, ''t_sh_victim'', pg_catalog.current_database(), ''active'', ''client backend'')']
WHERE relname = 'pg_stat_activity';
UPDATE public.t_sh_hostile SET fill = ARRAY[
    'UPDATE pg_temp.pg_namespace SET nspname = nspname || ''_moved'' WHERE nspname IN (''backdesk'', ''api'', ''ext'')',
    'INSERT INTO pg_temp.pg_namespace (oid, nspname, nspowner)
     VALUES (pg_catalog.pg_my_temp_schema(), ''backdesk'', 10), (pg_catalog.pg_my_temp_schema(), ''api'', 10)']
WHERE relname = 'pg_namespace';
UPDATE public.t_sh_hostile SET fill = ARRAY[
    'UPDATE pg_temp.pg_settings SET setting = ''pg_temp'' WHERE name = ''search_path''',
    'UPDATE pg_temp.pg_settings SET setting = ''on'' WHERE vartype = ''bool''']
WHERE relname = 'pg_settings';
UPDATE public.t_sh_hostile SET fill = ARRAY['UPDATE pg_temp.pg_database SET datallowconn = false, datistemplate = true']
WHERE relname = 'pg_database';

-- Every relation of schema backdesk, as it is now: its columns (plain, no constraints),
-- its rows twisted (names and texts say HOSTILE, amounts and limits are larger, every
-- role is admin and active), plus rows made up for the purpose.
CREATE FUNCTION public.t_sh_twist(p_row jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE
RETURN (SELECT jsonb_object_agg(e.key, CASE
            WHEN e.key = 'role' THEN '"admin"'::jsonb
            WHEN e.key = 'active' THEN 'true'::jsonb
            WHEN jsonb_typeof(e.value) = 'number'
                 AND e.key IN ('max_amount', 'paid', 'amount', 'lines_total', 'tax_total', 'shipping_fee', 'total',
                               'unit_price', 'line_total', 'stock', 'qty')
                THEN to_jsonb((e.value #>> '{}')::numeric * 10 + 1000)
            WHEN jsonb_typeof(e.value) = 'string'
                 AND e.key IN ('name', 'full_name', 'subject', 'body', 'reason', 'title', 'line1', 'line2', 'city',
                               'description', 'carrier_text', 'notes', 'recipient', 'inspection_note',
                               'cancel_reason', 'label')
                THEN to_jsonb('HOSTILE ' || (e.value #>> '{}'))
            ELSE e.value END)
        FROM jsonb_each(p_row) e);

CREATE TABLE public.t_sh_madeup (relname name PRIMARY KEY, rows jsonb NOT NULL);
INSERT INTO public.t_sh_madeup VALUES
    ('staff', (SELECT jsonb_agg(jsonb_build_object('id', 900000 + l.ord, 'login', l.login, 'full_name', 'HOSTILE Admin',
                                                   'role', 'admin', 'active', true))
               FROM public.t_sh_logins l)),
    ('amount_limits', (SELECT jsonb_agg(jsonb_build_object('role', r, 'kind', k, 'currency', c.code,
                                                           'max_amount', 99999999999))
                       FROM unnest(ARRAY['agent', 'warehouse', 'supervisor', 'admin', 'shop']) r,
                            unnest(ARRAY['return', 'shipping_fee', 'goodwill', 'cancellation', 'gift_code']) k,
                            backdesk.currencies c)),
    ('orders', jsonb_build_array(
        jsonb_build_object('id', 999999, 'number', 'SO-SH-GHOST',
                           'customer_id', (SELECT v::bigint FROM public.t_sh_ids WHERE what = 'cust1'),
                           'shipping_address_id', (SELECT v::bigint FROM public.t_sh_ids WHERE what = 'addr1'),
                           'placed_at', '2026-11-20T14:03:00+03:00', 'status', 'paid', 'currency', 'TRY',
                           'lines_total', 1, 'tax_total', 0, 'shipping_fee', 0, 'free_shipping', true, 'total', 1,
                           'ship_by', '2026-11-22', 'version', 1),
        (SELECT to_jsonb(o) || '{"status": "paid", "version": 77}' FROM backdesk.orders o WHERE o.number = 'SO-700103'))),
    ('payments', jsonb_build_array(jsonb_build_object('order_id', 999999, 'method', 'card', 'paid', 1000000))),
    ('customers', jsonb_build_array(jsonb_build_object('id', 999999, 'name', 'HOSTILE Ghost',
                                                       'email', 'sh-gulsen@example.com', 'phone', '+90 532 700 01 01',
                                                       'locale', 'en', 'notes', '', 'name_key', 'gulsen caglar'))),
    ('shipments', jsonb_build_array(jsonb_build_object('id', 999999,
                                                       'order_id', (SELECT v::bigint FROM public.t_sh_ids WHERE what = 'order1'),
                                                       'carrier', 'hostile', 'tracking_no', 'SO-700101',
                                                       'status', 'DELIVERED', 'shipped_at', '2026-11-20T15:00:00+03:00'))),
    ('refunds', jsonb_build_array(jsonb_build_object('id', 999999,
                                                     'order_id', (SELECT v::bigint FROM public.t_sh_ids WHERE what = 'order1'),
                                                     'kind', 'goodwill', 'amount', 4000, 'reason', 'HOSTILE',
                                                     'idempotency_key', '00000000-0000-4000-8000-0000000007b1'))),
    ('templates', (SELECT jsonb_agg(to_jsonb(t) || '{"body": "HOSTILE {customer_email} {phone}"}') FROM backdesk.templates t)),
    ('schema_migrations', jsonb_build_array(jsonb_build_object('version', 9999, 'name', 'hostile')));

DO $$
DECLARE
    c record;
    v_rows jsonb;
BEGIN
    FOR c IN SELECT k.oid, k.relname FROM pg_catalog.pg_class k
             WHERE k.relnamespace = 'backdesk'::regnamespace AND k.relkind IN ('r', 'p', 'v', 'm', 'f')
             ORDER BY k.relname LOOP
        EXECUTE format('SELECT pg_catalog.jsonb_agg(public.t_sh_twist(pg_catalog.to_jsonb(t))) FROM backdesk.%I t',
                       c.relname) INTO v_rows;
        v_rows := coalesce(v_rows, '[]')
                  || coalesce((SELECT m.rows FROM public.t_sh_madeup m WHERE m.relname = c.relname), '[]');
        INSERT INTO public.t_sh_hostile (relname, make, fill)
        VALUES (c.relname,
                format('CREATE TEMP TABLE pg_temp.%I (%s)', c.relname,
                       (SELECT string_agg(format('%I %s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)),
                                          ', ' ORDER BY a.attnum)
                        FROM pg_catalog.pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)),
                ARRAY[format('INSERT INTO pg_temp.%I SELECT * FROM pg_catalog.jsonb_populate_recordset(NULL::pg_temp.%I, %L::jsonb)',
                             c.relname, c.relname, v_rows)]);
    END LOOP;
END
$$;

-- Made by the login: every hostile relation, filled and granted to PUBLIC; what it
-- could not make is recorded, not raised, so that one failure fails one test.
CREATE TABLE public.t_sh_armed (login name, relname text, error text, note text, PRIMARY KEY (login, relname));
GRANT SELECT, INSERT ON public.t_sh_armed TO PUBLIC;

CREATE FUNCTION public.t_sh_arm() RETURNS void LANGUAGE plpgsql
AS $$
DECLARE
    h record;
    f text;
    v text;
BEGIN
    FOR h IN SELECT * FROM public.t_sh_hostile ORDER BY ord LOOP
        BEGIN
            BEGIN
                EXECUTE h.make;
            EXCEPTION WHEN insufficient_privilege THEN
                IF h.fallback IS NULL THEN
                    RAISE;
                END IF;
                EXECUTE h.fallback;
            END;
            FOREACH f IN ARRAY h.fill LOOP
                EXECUTE f;
            END LOOP;
            EXECUTE format('GRANT SELECT ON pg_temp.%I TO PUBLIC', h.relname);
            INSERT INTO public.t_sh_armed (login, relname) VALUES (session_user, h.relname);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO public.t_sh_armed (login, relname, error)
            VALUES (session_user, h.relname, SQLSTATE || ': ' || SQLERRM);
        END;
    END LOOP;
    -- What the session itself now reads where it names no schema.
    EXECUTE $q$SELECT (SELECT bool_and(rolsuper) FROM pg_roles WHERE rolname = session_user)::text || ' '
                      || EXISTS (SELECT FROM staff WHERE login = session_user AND role = 'admin')::text || ' '
                      || EXISTS (SELECT FROM orders WHERE number = 'SO-SH-GHOST')::text$q$
    INTO v;
    INSERT INTO public.t_sh_armed (login, relname, note) VALUES (session_user, '(unqualified names)', v);
END
$$;

CREATE FUNCTION public.t_sh_disarm() RETURNS void LANGUAGE plpgsql
AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.relname, c.relkind FROM pg_catalog.pg_class c
             WHERE c.relnamespace = pg_catalog.pg_my_temp_schema()
               AND c.relname IN (SELECT h.relname FROM public.t_sh_hostile h) LOOP
        EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW pg_temp.%I' ELSE 'DROP TABLE pg_temp.%I' END, r.relname);
    END LOOP;
    INSERT INTO public.t_sh_armed (login, relname, note)
    SELECT session_user, '(left after dropping)', coalesce(string_agg(c.relname, ', '), '')
    FROM pg_catalog.pg_class c
    WHERE c.relnamespace = pg_catalog.pg_my_temp_schema()
      AND c.relname IN (SELECT h.relname FROM public.t_sh_hostile h);
END
$$;
GRANT EXECUTE ON FUNCTION public.t_sh_arm(), public.t_sh_disarm() TO PUBLIC;

SELECT plan(3 + 10 + (SELECT count(*)::int FROM public.t_sh_logins) * (3 + (SELECT count(*)::int FROM public.t_sh_calls)));

------------------------------------------------------------------------------
-- 1. The attack as it was seen.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_sh_wh;
CREATE TEMP VIEW pg_roles AS SELECT session_user::name rolname, true rolsuper, 0::oid oid;
GRANT SELECT ON pg_temp.pg_roles TO PUBLIC;
INSERT INTO public.t_sh_got
SELECT session_user, 'attack', 'whoami', public.t_sh_run($$SELECT role FROM api.whoami()$$);
INSERT INTO public.t_sh_got
SELECT session_user, 'attack', 'staff_add', public.t_sh_run($$SELECT api.staff_add('t_sh_x', 'X', 'admin', NULL)::text$$);
DROP VIEW pg_temp.pg_roles;
RESET SESSION AUTHORIZATION;

SELECT is((SELECT answer FROM public.t_sh_got WHERE login = 't_sh_wh' AND phase = 'attack' AND name = 'whoami'),
    'ok: warehouse',
    'attack: after CREATE TEMP VIEW pg_roles AS SELECT session_user::name rolname, true rolsuper, 0::oid oid, '
    || 'api.whoami() still tells a warehouse login it is warehouse');
SELECT matches((SELECT answer FROM public.t_sh_got WHERE login = 't_sh_wh' AND phase = 'attack' AND name = 'staff_add'),
    '^BD001: ',
    'attack: with that view, api.staff_add(''t_sh_x'', ''X'', ''admin'', NULL) is refused to the warehouse login (BD001)');
SELECT is_empty($$
    SELECT r.rolname::text FROM pg_catalog.pg_roles r WHERE r.rolname = 't_sh_x'
    UNION ALL SELECT s.login FROM backdesk.staff s WHERE s.login = 't_sh_x'
$$, 'attack: and no login t_sh_x was created (no role, no staff row)');

-- Should it have been created, take it away again so that the rest starts clean.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 't_sh_x') THEN
        DELETE FROM backdesk.staff WHERE login = 't_sh_x';
        DROP ROLE t_sh_x;
    END IF;
END
$$;

------------------------------------------------------------------------------
-- 2. Each role: the calls, then the hostile relations, then the same calls again.
------------------------------------------------------------------------------
\set login t_sh_agent
\ir lib/temp_shadow_round.sql
\set login t_sh_wh
\ir lib/temp_shadow_round.sql
\set login t_sh_sup
\ir lib/temp_shadow_round.sql
\set login t_sh_admin
\ir lib/temp_shadow_round.sql
\set login t_sh_shop
\ir lib/temp_shadow_round.sql

-- The answers before the hostile relations are what each role should get, so that
-- "the same as before" means something.
CREATE FUNCTION public.t_sh_before(p_login name, p_name text) RETURNS text LANGUAGE sql STABLE
AS $$ SELECT g.answer FROM public.t_sh_got g WHERE g.login = p_login AND g.phase = 'before' AND g.name = p_name $$;

SELECT matches(public.t_sh_before('t_sh_wh', 'whoami'), '^ok: .*"role": "warehouse"',
    'before: api.whoami() tells the warehouse login it is warehouse');
SELECT matches(public.t_sh_before('t_sh_wh', 'order_detail'), '^ok: .*"payment": null',
    'before: the warehouse login sees no payment in api.order_detail');
SELECT matches(public.t_sh_before('t_sh_wh', 'staff_add an admin'), '^BD001: ',
    'before: api.staff_add is refused to the warehouse login (BD001)');
SELECT is(public.t_sh_before('t_sh_admin', 'staff_add an admin'), 'ok: true',
    'before: the admin login adds an admin');
SELECT is(public.t_sh_before('t_sh_agent', 'a goodwill refund within the agent limit'), 'ok: true',
    'before: the agent login refunds 10.00 TRY goodwill');
SELECT matches(public.t_sh_before('t_sh_agent', 'a goodwill refund over the agent limit'), '^BD006: ',
    'before: a 2000.00 TRY goodwill refund is over the agent''s limit (BD006)');
SELECT is(public.t_sh_before('t_sh_wh', 'ship_parcel'), 'ok: true', 'before: the warehouse login ships a paid order');
SELECT matches(public.t_sh_before('t_sh_wh', 'parcel_detail'), '^ok: .*"delay_notice": \{.*"amount": null',
    'before: the warehouse login sees a delay notice without its money');
SELECT matches(public.t_sh_before('t_sh_wh', 'return_detail'), '^ok: .*"money": null',
    'before: the warehouse login sees no money in api.return_detail');
SELECT matches(public.t_sh_before('t_sh_shop', 'order_detail'), '^42501: ',
    'before: the shop login may not call api.order_detail (42501)');

SELECT is((SELECT string_agg(a.relname || ' (' || a.error || ')', '; ' ORDER BY a.relname)
           FROM public.t_sh_armed a WHERE a.login = l.login AND a.error IS NOT NULL),
          NULL,
          format('%s (%s): made every hostile relation (%s catalog and backdesk names), filled, granted to PUBLIC',
                 l.role, l.login, (SELECT count(*) FROM public.t_sh_hostile)))
FROM public.t_sh_logins l ORDER BY l.ord;
SELECT is((SELECT a.note FROM public.t_sh_armed a WHERE a.login = l.login AND a.relname = '(unqualified names)'),
          'true true true',
          format('%s (%s): its own unqualified pg_roles, staff and orders were the hostile ones', l.role, l.login))
FROM public.t_sh_logins l ORDER BY l.ord;
SELECT is((SELECT a.note FROM public.t_sh_armed a WHERE a.login = l.login AND a.relname = '(left after dropping)'),
          '',
          format('%s (%s): the hostile relations were dropped before the next login', l.role, l.login))
FROM public.t_sh_logins l ORDER BY l.ord;

SELECT is(a.answer, b.answer, format('%s (%s): %s answers the same with hostile temporary relations',
                                     l.role, l.login, c.name))
FROM public.t_sh_logins l CROSS JOIN public.t_sh_calls c
LEFT JOIN public.t_sh_got b ON b.login = l.login AND b.phase = 'before' AND b.name = c.name
LEFT JOIN public.t_sh_got a ON a.login = l.login AND a.phase = 'after' AND a.name = c.name
ORDER BY l.ord, c.ord;

SELECT * FROM finish();
ROLLBACK;
