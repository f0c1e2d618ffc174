-- Shipping and tracking (0042, issue 14): products' EAN-13, tracking numbers of each
-- carrier's shape (the same as carrier/carriers.c), api.ship_parcel and each of its
-- refusals, api.scan_resolve's kinds, api.orders_to_pack, api.record_tracking (its
-- validation, deduplicated events, a delivery moving the order),
-- api.record_tracking_failure, api.tracking_due, api.parcel_detail per role, and
-- delay notices from proposal to approval or dismissal.
BEGIN;
SELECT plan(119);

CREATE FUNCTION public.t_sp_doc(p_number text, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "sp@example.com", "phone": "+90 532 700 41 41", "name": "Kargo Deneme", "locale": "tr"},
         "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
         "lines": [{"sku": "SP-KUP", "name": "Kupa", "qty": 2, "unit_price": "100.00"},
                   {"sku": "SP-TV", "name": "Televizyon", "qty": 1, "unit_price": "1000.00"}],
         "shipping_fee": "0.00", "free_shipping": true,
         "payment": {"method": "card", "paid": "1200.00"}}'::jsonb || p_extra;
CREATE FUNCTION public.t_sp_order(p_number text) RETURNS backdesk.orders LANGUAGE sql
AS $$ SELECT * FROM backdesk.orders WHERE number = p_number $$;
CREATE FUNCTION public.t_sp_ship(p_tracking text) RETURNS backdesk.shipments LANGUAGE sql
AS $$ SELECT * FROM backdesk.shipments WHERE tracking_no = p_tracking $$;
GRANT EXECUTE ON FUNCTION public.t_sp_order(text), public.t_sp_ship(text) TO PUBLIC;

DO $$ BEGIN
    PERFORM api.staff_add('t_sp_wh', 'Mehmet Depo', 'warehouse');
    PERFORM api.staff_add('t_sp_agent', 'Ayşe Temsilci', 'agent');
    PERFORM api.staff_add('t_sp_sup', 'Zeynep Şef', 'supervisor');
END $$;

SELECT api.import_order(t_sp_doc(n)) FROM unnest(ARRAY['SO-SP-1', 'SO-SP-2', 'SO-SP-3', 'SO-SP-LATE', 'SO-SP-CANC',
    'SO-SP-ITEMS', 'SO-SP-RACE']) n \g /dev/null
SELECT api.import_order(t_sp_doc('SO-SP-PEND', '{"payment": {"method": "bank_transfer", "paid": "0"}}')) \g /dev/null
UPDATE backdesk.orders SET status = 'cancelled', cancel_reason = 'test' WHERE number = 'SO-SP-CANC';
UPDATE backdesk.orders SET ship_by = backdesk.shop_date(now()) - 2 WHERE number = 'SO-SP-LATE';
UPDATE backdesk.orders SET ship_by = backdesk.shop_date(now()) WHERE number <> 'SO-SP-LATE' AND number LIKE 'SO-SP-%';
UPDATE backdesk.orders SET ship_by = backdesk.shop_date(now()) + 3 WHERE number = 'SO-SP-3';
-- A return with its parcel back, and an older parcel of another order.
SELECT api.import_order(t_sp_doc('SO-SP-OLD')) \g /dev/null
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, delivered_at, promised_to)
SELECT id, 'aras', '340000000777', 'DELIVERED', now() - interval '5 days', now() - interval '3 days',
       backdesk.shop_date(now()) - 15
FROM backdesk.orders WHERE number = 'SO-SP-OLD';
UPDATE backdesk.orders SET status = 'delivered' WHERE number = 'SO-SP-OLD';
SELECT api.request_return('SO-SP-OLD', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'test') AS ret \gset
SELECT api.approve_return(:'ret') \g /dev/null
SELECT api.set_return_parcel(:'ret', 'aras', '340000000888') \g /dev/null

------------------------------------------------------------------------------
-- EAN-13 and tracking numbers.
------------------------------------------------------------------------------
SELECT ok(backdesk.ean13_ok('4006381333931') AND backdesk.ean13_ok('8690000000012'), 'EAN-13 with its check digit');
SELECT ok(NOT backdesk.ean13_ok('4006381333932') AND NOT backdesk.ean13_ok('400638133393')
          AND NOT backdesk.ean13_ok('400638133393a') AND NOT backdesk.ean13_ok(''),
    'a wrong check digit, 12 digits, a letter, nothing: not an EAN-13');
UPDATE backdesk.products SET ean = '8690000000012' WHERE sku = 'SP-KUP';
UPDATE backdesk.products SET ean = '8690000000029' WHERE sku = 'SP-TV';
SELECT throws_ok($$UPDATE backdesk.products SET ean = '8690000000013' WHERE sku = 'SP-KUP'$$, '23514', NULL,
    'products.ean refuses a wrong check digit');
SELECT throws_ok($$UPDATE backdesk.products SET ean = '8690000000012' WHERE sku = 'SP-TV'$$, '23505', NULL,
    'products.ean is unique');

-- Examples made by carrier_tracking_example() (carrier/carriers.c) and each with its
-- last character changed: the database agrees with the console on every one.
CREATE TEMP TABLE t_sp_numbers (carrier text, no text, want boolean);
INSERT INTO t_sp_numbers VALUES
    ('yurtici', '710000000001', true), ('yurtici', '710987654321', true), ('yurtici', '71000000001', true),
    ('yurtici', '710000000', false), ('yurtici', '7100000000012345', false), ('yurtici', '71000000000A', false),
    ('aras', '340000012345', true), ('mng', '8800000012345', true), ('gls', '50000000001', true),
    ('gls', '5000000000', false), ('gls', '5000000000123', false),
    ('ptt', 'CA000000014TR', true), ('ptt', 'CA000000015TR', false), ('ptt', 'CA000000014TX', false),
    ('ptt', 'CJ876543216TR', true), ('ptt', 'CA000000014HU', false),
    ('mpl', 'CA000123455HU', true), ('mpl', 'CA000123456HU', false), ('mpl', 'CA000123455TR', false),
    ('dhl', '0000000011', true), ('dhl', '0000000012', false), ('dhl', '9876543213', true),
    ('dhl', '9876543214', false), ('dhl', 'JJD0123456789', true), ('dhl', 'JJD012345678', false),
    ('ups', '1ZBD00001100000013', true), ('ups', '1ZBD00001100000014', false),
    ('ups', '1ZBD002Q1176543216', true), ('ups', '1ZBD002Q1176543217', false), ('ups', '1Z999AA10123456784', true),
    ('fedex', '600000000018', true), ('fedex', '600000000019', false), ('fedex', '609876543213', true),
    ('fedex', '60987654321', false),
    ('nope', '710000000001', false);
SELECT is((SELECT string_agg(carrier || ' ' || no, ', ') FROM t_sp_numbers
           WHERE backdesk.tracking_no_ok(carrier, no) IS DISTINCT FROM want), NULL,
    'backdesk.tracking_no_ok agrees with carrier/carriers.c on every example and every altered one');

------------------------------------------------------------------------------
-- api.ship_parcel: its refusals.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_sp_agent;
SELECT refused($$SELECT api.ship_parcel('SO-SP-1', 'yurtici', '710000000001')$$, 'BD001',
    'shipping parcels is not allowed for t_sp_agent%', 'an agent may not ship parcels');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_sp_wh;
SELECT refused($$SELECT api.ship_parcel('SO-SP-NONE', 'yurtici', '710000000001')$$, 'BD003',
    'no order ''SO-SP-NONE''', 'no such order: BD003');
SELECT refused($$SELECT api.ship_parcel('SO-SP-PEND', 'yurtici', '710000000001')$$, 'BD002',
    'order SO-SP-PEND is not paid yet', 'an order not paid yet: BD002', 'Do not ship it before the payment%');
SELECT refused($$SELECT api.ship_parcel('SO-SP-CANC', 'yurtici', '710000000001')$$, 'BD002',
    'order SO-SP-CANC was cancelled', 'a cancelled order: BD002', 'Do not ship it: put the goods back%');
SELECT refused($$SELECT api.ship_parcel('SO-SP-1', 'kargocu', '710000000001')$$, 'BD005',
    'carrier ''kargocu'' is not a carrier backdesk knows', 'an unknown carrier: BD005');
SELECT refused($$SELECT api.ship_parcel('SO-SP-1', 'yurtici', 'SO-SP-1')$$, 'BD005',
    'tracking number ''SO-SP-1'' is not a Yurtiçi Kargo tracking number', 'an order number scanned as the label: BD005',
    'Yurtiçi Kargo numbers are 10 to 15 digits%');
SELECT refused($$SELECT api.ship_parcel('SO-SP-1', 'dhl', '0000000012')$$, 'BD005',
    'tracking number ''0000000012'' is not a DHL tracking number', 'a DHL waybill with a wrong check digit: BD005');
SELECT refused($$SELECT api.ship_parcel('SO-SP-1', 'aras', '340000000888')$$, 'BD007',
    'tracking number 340000000888 is already the parcel of return R-%', 'the tracking number of a return: BD007');
SELECT refused($$SELECT api.ship_parcel('SO-SP-1', 'aras', '340000000777')$$, 'BD007',
    'tracking number 340000000777 is already the parcel of order SO-SP-OLD', 'the tracking number of another parcel: BD007',
    'A label is used once%');
SELECT refused($$SELECT api.ship_parcel('SO-SP-1', 'yurtici', '710000000001', NULL, 7)$$, 'BD004',
    'order SO-SP-1 was changed by % at %', 'a version the caller did not see: BD004');
SELECT refused($$SELECT api.ship_parcel('SO-SP-ITEMS', 'yurtici', '710000000001', '{"line_no": 1}')$$, 'BD005',
    'items must be a JSON array of the packed lines', 'items not an array: BD005');
SELECT refused($$SELECT api.ship_parcel('SO-SP-ITEMS', 'yurtici', '710000000001', '[{"line_no": "one", "qty": 2}]')$$,
    'BD005', 'line_no of item 1 must be a whole number%', 'a line_no not a number: BD005');
SELECT refused($$SELECT api.ship_parcel('SO-SP-ITEMS', 'yurtici', '710000000001', '[{"line_no": 1, "qty": 2}]')$$,
    'BD002', 'line 2 (SP-TV Televizyon) of order SO-SP-ITEMS is missing: 0 of 1 packed', 'a line not packed: BD002',
    'Pick the missing items%');
SELECT refused($$SELECT api.ship_parcel('SO-SP-ITEMS', 'yurtici', '710000000001',
    '[{"line_no": 1, "qty": 1}, {"line_no": 2, "qty": 1}]')$$,
    'BD002', 'line 1 (SP-KUP Kupa) of order SO-SP-ITEMS is short: 1 of 2 packed', 'a line short: BD002');
SELECT refused($$SELECT api.ship_parcel('SO-SP-ITEMS', 'yurtici', '710000000001',
    '[{"line_no": 1, "qty": 2}, {"line_no": 2, "qty": 1}, {"line_no": 2, "qty": 1}]')$$,
    'BD002', 'line 2 (SP-TV Televizyon) of order SO-SP-ITEMS is over: 2 packed, the order has 1', 'a line over: BD002',
    'Take the extra items out%');
SELECT refused($$SELECT api.ship_parcel('SO-SP-ITEMS', 'yurtici', '710000000001',
    '[{"line_no": 1, "qty": 2}, {"line_no": 2, "qty": 1}, {"line_no": 3, "qty": 1}]')$$,
    'BD002', 'order SO-SP-ITEMS has no line 3, but 1 were packed for it', 'a line the order does not have: BD002');
SELECT is((SELECT count(*) FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
           WHERE o.number IN ('SO-SP-1', 'SO-SP-ITEMS', 'SO-SP-PEND', 'SO-SP-CANC')), 0::bigint,
    'no refused call left a parcel');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- api.ship_parcel: shipping.
------------------------------------------------------------------------------
SELECT version AS v1 FROM backdesk.orders WHERE number = 'SO-SP-ITEMS' \gset
SET SESSION AUTHORIZATION t_sp_wh;
SELECT ok(api.ship_parcel('so sp items', 'Yurtici', ' 710000000001 ',
          '[{"line_no": 2, "qty": 1}, {"line_no": 1, "qty": 1}, {"line_no": 1, "qty": 1}]', :v1) > 0,
    'shipped: the number in any case and spacing, the carrier in any case, every line with its whole qty');
RESET SESSION AUTHORIZATION;
SELECT is((t_sp_ship('710000000001')).status, 'PRE_TRANSIT', 'the parcel starts PRE_TRANSIT');
SELECT is((t_sp_ship('710000000001')).carrier, 'yurtici', 'with the carrier''s code');
SELECT is((t_sp_ship('710000000001')).shipped_by, 't_sp_wh', 'shipped by the warehouse login');
SELECT is((t_sp_ship('710000000001')).promised_to,
          (SELECT (backdesk.promised_window(o.deliver_from, o.deliver_to, now())).promised_to FROM t_sp_order('SO-SP-ITEMS') o),
    'promised_to is the end of the promised window');
SELECT ok((t_sp_ship('710000000001')).next_check_at BETWEEN now() + interval '29 minutes' AND now() + interval '31 minutes',
    'the carrier is first asked in 30 minutes');
SELECT is((t_sp_order('SO-SP-ITEMS')).status, 'shipped', 'the order is shipped');
SELECT is((t_sp_order('SO-SP-ITEMS')).version, :v1 + 1, 'with a new version');
SELECT is((SELECT count(*) FROM backdesk.audit_log a WHERE a.action = 'order.ship' AND a.actor = 't_sp_wh'
           AND a.detail ->> 'tracking_no' = '710000000001' AND (a.detail ->> 'version')::int = :v1 + 1), 1::bigint,
    'audited: order.ship by the warehouse login, with the new version');
SELECT ok((SELECT o.kind = 'tracking' AND o.channel = 'email' AND o.vars ->> 'parcels' LIKE '%710000000001%'
           FROM backdesk.outbox o WHERE o.order_id = (t_sp_order('SO-SP-ITEMS')).id),
    'the customer''s tracking message is in the outbox, naming the tracking number');
SET SESSION AUTHORIZATION t_sp_wh;
SELECT refused($$SELECT api.ship_parcel('SO-SP-ITEMS', 'aras', '340000000001')$$, 'BD002',
    'order SO-SP-ITEMS was already shipped with Yurtiçi Kargo 710000000001 on %', 'shipping it again: BD002 naming the parcel',
    'Do not send it twice%');
SELECT refused($$SELECT api.ship_parcel('SO-SP-1', 'yurtici', '710000000001')$$, 'BD007',
    'tracking number 710000000001 is already the parcel of order SO-SP-ITEMS', 'the same label on another order: BD007');
SELECT ok(api.ship_parcel('SO-SP-1', 'dhl', '0000000011') > 0, 'a DHL parcel for another order, without items');
-- The return's parcel cannot take a tracking number a shipment has either (0037).
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT count(*) FROM backdesk.outbox o WHERE o.order_id = (t_sp_order('SO-SP-1')).id AND o.kind = 'tracking') = 1,
    'one tracking message for that order too');

------------------------------------------------------------------------------
-- api.scan_resolve.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_sp_wh;
SELECT is(api.scan_resolve('so-sp-2') -> 'order' ->> 'number', 'SO-SP-2', 'an order number in lower case');
SELECT is(api.scan_resolve('SOSP2') ->> 'kind', 'order', 'an order number without the dash');
SELECT is(api.scan_resolve('SO-SP-2') -> 'order' -> 'lines',
          '[{"line_no": 1, "sku": "SP-KUP", "ean": "8690000000012", "name": "Kupa", "qty": 2},
            {"line_no": 2, "sku": "SP-TV", "ean": "8690000000029", "name": "Televizyon", "qty": 1}]'::jsonb,
    'the order''s lines to pick, with their EANs');
SELECT ok((SELECT d -> 'order' -> 'refusal' = 'null' AND d -> 'order' -> 'parcel' = 'null'
                  AND d -> 'order' ->> 'status' = 'paid' AND d -> 'order' ->> 'customer_name' = 'Kargo Deneme'
                  AND d -> 'order' ? 'version' AND d -> 'order' -> 'late' = 'false'
           FROM api.scan_resolve('SO-SP-2') d), 'a paid order: no refusal, no parcel, not late');
SELECT is(api.scan_resolve('SO-SP-LATE') -> 'order' -> 'late', 'true', 'an order past its ship-by day is late');
SELECT alike(api.scan_resolve('SO-SP-ITEMS') -> 'order' ->> 'refusal',
    'order SO-SP-ITEMS was already shipped with Yurtiçi Kargo 710000000001 on %', 'a shipped order: the refusal names the parcel');
SELECT is(api.scan_resolve('SO-SP-ITEMS') -> 'order' -> 'parcel' ->> 'tracking_no', '710000000001', 'and the parcel');
SELECT is(api.scan_resolve('SO-SP-PEND') -> 'order' ->> 'refusal', 'order SO-SP-PEND is not paid yet', 'a pending order: why not');
SELECT is(api.scan_resolve('SO-SP-CANC') -> 'order' ->> 'refusal', 'order SO-SP-CANC was cancelled', 'a cancelled order: why not');
SELECT ok((SELECT d ->> 'kind' = 'return' AND d -> 'return' ->> 'number' = :'ret'
                  AND d -> 'return' ->> 'order_number' = 'SO-SP-OLD' AND d -> 'return' -> 'can_receive' = 'true'
                  AND d -> 'return' -> 'refusal' = 'null'
           FROM api.scan_resolve(lower(replace(:'ret', '-', ''))) d), 'a return by its number: the warehouse can receive it');
SELECT is(api.scan_resolve('340000000888') -> 'return' ->> 'number', :'ret', 'a return by its parcel''s tracking number');
SELECT ok((SELECT d ->> 'kind' = 'shipment' AND d -> 'shipment' ->> 'order_number' = 'SO-SP-1'
                  AND d -> 'shipment' ->> 'carrier' = 'dhl' AND d -> 'shipment' ->> 'status' = 'PRE_TRANSIT'
                  AND (d -> 'shipment' ->> 'id')::bigint = (t_sp_ship('0000000011')).id
           FROM api.scan_resolve('0000000011') d), 'a parcel by its tracking number');
SELECT is(api.scan_resolve('8690000000029'), '{"kind": "product", "product": {"sku": "SP-TV", "ean": "8690000000029", "name": "Televizyon"}}',
    'a product by its EAN');
SELECT is(api.scan_resolve('sp-kup') -> 'product' ->> 'ean', '8690000000012', 'a product by its SKU');
SELECT is(api.scan_resolve('4006381333931'), '{"kind": "none"}', 'an EAN nobody has: none');
SELECT is(api.scan_resolve('   '), '{"kind": "none"}', 'nothing: none');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_sp_sup;
SELECT ok((SELECT d -> 'return' -> 'can_receive' = 'false' AND d -> 'return' ->> 'refusal' = 'receiving returns is for the warehouse'
           FROM api.scan_resolve(:'ret') d), 'a supervisor may look but not receive');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_sp_agent;
SELECT refused($$SELECT api.scan_resolve('SO-SP-2')$$, 'BD001', 'resolving scanned codes is not allowed%', 'an agent does not scan');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- api.orders_to_pack.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_sp_agent;
SELECT is((SELECT array_agg(number ORDER BY ord) FROM api.orders_to_pack() WITH ORDINALITY x(number, a, b, c, d, e, f, ord)
           WHERE number LIKE 'SO-SP-%'),
          ARRAY['SO-SP-LATE', 'SO-SP-2', 'SO-SP-RACE'],
    'to pack: paid, without a parcel, due by today, the late one first (not pending, cancelled, shipped or due later)');
SELECT ok((SELECT late AND lines = 2 AND units = 3 AND customer_name = 'Kargo Deneme'
           FROM api.orders_to_pack() WHERE number = 'SO-SP-LATE'), 'late, its lines and units, the customer');
SELECT is((SELECT count(*) FROM api.orders_to_pack(1)), 1::bigint, 'p_limit');
SELECT refused($$SELECT * FROM api.orders_to_pack(0)$$, 'BD005', 'limit must be from 1 to 1000, got 0', 'a limit of 0: BD005');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- api.record_tracking and api.record_tracking_failure.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_sp_agent;
SELECT refused($$SELECT api.record_tracking('710000000001', '[]')$$, 'BD005', 'doc must be a JSON object', 'not an object: BD005');
SELECT refused($$SELECT api.record_tracking('710000000001', '{"status": "ON_THE_MOON"}')$$, 'BD005',
    'status "ON_THE_MOON" is not a tracking status', 'an unknown status: BD005');
SELECT refused($$SELECT api.record_tracking('710000000001', '{"status": "IN_TRANSIT", "code": 7}')$$, 'BD005',
    'code must be a string, got 7', 'a code of the wrong type: BD005');
SELECT refused($$SELECT api.record_tracking('710000000001', '{"status": "IN_TRANSIT", "expected_delivery": "2026-02-30"}')$$,
    'BD005', 'expected_delivery "2026-02-30" is not a day', 'a day that does not exist: BD005');
SELECT refused($$SELECT api.record_tracking('710000000001', '{"status": "IN_TRANSIT", "events": {}}')$$,
    'BD005', 'events must be a JSON array', 'events not an array: BD005');
SELECT refused($$SELECT api.record_tracking('710000000001',
    '{"status": "IN_TRANSIT", "events": [{"at": "2026-11-20T10:00:00", "status": "IN_TRANSIT"}]}')$$,
    'BD005', 'at of event 1 "2026-11-20T10:00:00" is not a time of a tracking event', 'a time without its zone: BD005');
SELECT refused(format($$SELECT api.record_tracking('710000000001', '{"status": "IN_TRANSIT", "events": [{"at": "%s", "status": "DELIVERED"}]}')$$,
                      to_char((now() + interval '3 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
    'BD005', 'at of event 1 % is not a time of a tracking event', 'an event in the future: BD005');
SELECT refused($$SELECT api.record_tracking('710000000001',
    '{"status": "IN_TRANSIT", "events": [{"at": "2026-11-20T10:00:00Z", "status": "NOWHERE"}]}')$$,
    'BD005', 'status of event 1 "NOWHERE" is not a tracking status', 'an event of an unknown status: BD005');
SELECT refused(format($$SELECT api.record_tracking('710000000001', %L)$$,
                      jsonb_build_object('status', 'IN_TRANSIT', 'events',
                          (SELECT jsonb_agg(jsonb_build_object('at', '2026-11-20T10:00:00Z', 'status', 'IN_TRANSIT',
                                                               'location', 'x' || i))
                           FROM generate_series(1, 501) i))),
    'BD005', 'events has 501 entries, at most 500', 'more than 500 events: BD005');
SELECT refused($$SELECT api.record_tracking('999999999999', '{"status": "IN_TRANSIT"}')$$, 'BD003',
    'no parcel with tracking number ''999999999999''', 'no such parcel: BD003');
SELECT refused($$SELECT api.record_tracking_failure('710000000001', '  ')$$, 'BD005', 'error must say what failed',
    'a failure without a sentence: BD005');
SELECT lives_ok($$SELECT api.record_tracking_failure('710000000001', 'the carrier did not answer in time')$$,
    'a failed lookup is recorded');
SELECT lives_ok($$SELECT api.record_tracking_failure('710000000001', 'the carrier did not answer in time')$$,
    'and the same failure again');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT s.last_error = 'the carrier did not answer in time'
                  AND s.next_check_at BETWEEN now() + interval '59 minutes' AND now() + interval '61 minutes'
                  AND s.last_checked_at = now()
           FROM t_sp_ship('710000000001') s), 'last_error, last_checked_at, and the next try in an hour');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'shipment.track_failed'
           AND entity_id = (t_sp_ship('710000000001')).id), 1::bigint, 'the same failure twice is one audit row');

SET SESSION AUTHORIZATION t_sp_wh;
SELECT is(api.record_tracking('710000000001', format('{"status": "IN_TRANSIT", "code": "IT", "text": "%s",
    "expected_delivery": "2026-12-01", "events": [
      {"at": "2026-11-21T09:00:00Z", "status": "PRE_TRANSIT", "code": "PT", "text": "Kabul", "location": "Bursa"},
      {"at": "2026-11-22T10:30:00+03:00", "status": "IN_TRANSIT", "code": "IT", "text": "Yolda", "location": "Ankara"},
      {"at": "2026-11-22T10:30:00+03:00", "status": "IN_TRANSIT", "code": "IT", "text": "Yolda", "location": "Ankara"}]}',
    repeat('ç', 600))::jsonb), '{"status": "IN_TRANSIT", "changed": true, "new_events": 2}',
    'a first answer: the status changed, two new events (the duplicate in the answer counted once)');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT s.status = 'IN_TRANSIT' AND s.carrier_code = 'IT' AND length(s.carrier_text) = 500
                  AND s.expected_delivery = '2026-12-01' AND s.last_error IS NULL
                  AND s.last_event_at = '2026-11-22T07:30:00Z'
                  AND s.next_check_at BETWEEN now() + interval '29 minutes' AND now() + interval '31 minutes'
           FROM t_sp_ship('710000000001') s),
    'the parcel: status, code, text cut to 500, expected day, newest event, last_error cleared, next check in 30 minutes');
SELECT is(api.record_tracking('710000000001', '{"status": "IN_TRANSIT", "code": "IT", "events": [
      {"at": "2026-11-22T07:30:00Z", "status": "IN_TRANSIT", "code": "IT", "text": "Yolda", "location": "Ankara"}]}'),
    '{"status": "IN_TRANSIT", "changed": false, "new_events": 0}', 'the same answer again: nothing new');
SELECT is((SELECT count(*) FROM backdesk.shipment_events WHERE shipment_id = (t_sp_ship('710000000001')).id), 2::bigint,
    'two events stored');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'shipment.track'
           AND entity_id = (t_sp_ship('710000000001')).id), 1::bigint, 'one audit row: only the change of status');
SELECT is(api.record_tracking('710000000001', '{"status": "EXCEPTION", "events": [
      {"at": "2026-11-23T08:00:00Z", "status": "EXCEPTION", "code": "EX", "text": "Adres bulunamadı", "location": "Ankara"}]}')
          ->> 'changed', 'true', 'an exception');
SELECT ok((t_sp_ship('710000000001')).next_check_at BETWEEN now() + interval '14 minutes' AND now() + interval '16 minutes',
    'in EXCEPTION the carrier is asked again in 15 minutes');
SELECT version AS v2 FROM backdesk.orders WHERE number = 'SO-SP-ITEMS' \gset
SET SESSION AUTHORIZATION t_sp_sup;
SELECT is(api.record_tracking('710000000001', '{"status": "DELIVERED", "code": "DL", "text": "Teslim edildi", "events": [
      {"at": "2026-11-24T11:00:00Z", "status": "DELIVERED", "code": "DL", "text": "Teslim edildi", "location": "Ankara"}]}'),
    '{"status": "DELIVERED", "changed": true, "new_events": 1}', 'delivered');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT s.delivered_at = '2026-11-24T11:00:00Z' AND s.next_check_at IS NULL FROM t_sp_ship('710000000001') s),
    'delivered_at is the delivery event''s time; nobody asks again');
SELECT is((t_sp_order('SO-SP-ITEMS')).status, 'delivered', 'the shipped order is delivered');
SELECT is((t_sp_order('SO-SP-ITEMS')).version, :v2 + 1, 'with a new version');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'order.deliver' AND actor = 't_sp_sup'
           AND entity_id = (t_sp_order('SO-SP-ITEMS')).id), 1::bigint,
    'audited on the order, naming the login that wrote the carrier''s answer');

------------------------------------------------------------------------------
-- api.tracking_due.
------------------------------------------------------------------------------
UPDATE backdesk.shipments SET next_check_at = now() - interval '2 hours' WHERE tracking_no = '0000000011';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, next_check_at)
SELECT id, 'mng', '8800000000321', 'IN_TRANSIT', now() - interval '1 day', NULL FROM backdesk.orders WHERE number = 'SO-SP-3';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, next_check_at)
SELECT id, 'mng', '8800000000322', 'IN_TRANSIT', now() - interval '1 day', now() + interval '1 hour'
FROM backdesk.orders WHERE number = 'SO-SP-3';
SET SESSION AUTHORIZATION t_sp_wh;
SELECT is((SELECT array_agg(tracking_no ORDER BY ord) FROM api.tracking_due(1000) WITH ORDINALITY x(id, carrier, tracking_no, ord)
           WHERE tracking_no IN ('0000000011', '8800000000321', '8800000000322', '710000000001', '340000000777')),
          ARRAY['8800000000321', '0000000011'],
    'due: never asked first, then the most overdue; not one due later, not a final one');
SELECT refused($$SELECT * FROM api.tracking_due(0)$$, 'BD005', 'limit must be from 1 to 10000, got 0', 'a limit of 0: BD005');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- api.parcel_detail and delay notices.
------------------------------------------------------------------------------
-- A parcel past its promised day, still on its way, with no event for a week.
UPDATE backdesk.shipments SET promised_to = backdesk.shop_date(now()) - 2, shipped_at = now() - interval '8 days',
    next_check_at = NULL
WHERE tracking_no = '0000000011';
SELECT (t_sp_ship('0000000011')).id AS late_id, (t_sp_ship('710000000001')).id AS done_id \gset
SET SESSION AUTHORIZATION t_sp_agent;
SELECT ok((SELECT d ->> 'tracking_no' = '0000000011' AND d ->> 'carrier_name' = 'DHL' AND d -> 'late' = 'true'
                  AND d -> 'stale' = 'true' AND d -> 'delay_notice' = 'null' AND d -> 'order' ->> 'number' = 'SO-SP-1'
                  AND d -> 'order' ->> 'customer_name' = 'Kargo Deneme' AND d -> 'events' = '[]'
                  AND d ->> 'tracking_url' LIKE 'https://%0000000011'
           FROM api.parcel_detail(:late_id) d), 'a late parcel without movement: late, stale, its order');
SELECT ok((SELECT d -> 'late' = 'false' AND d -> 'stale' = 'false' AND d ->> 'status' = 'DELIVERED'
                  AND jsonb_array_length(d -> 'events') = 4 AND d -> 'events' -> 0 ->> 'status' = 'DELIVERED'
                  AND d -> 'events' -> 0 ->> 'location' = 'Ankara' AND d -> 'events' -> 3 ->> 'text' = 'Kabul'
                  AND d ->> 'shipped_by' = 't_sp_wh' AND d ? 'promised_from' AND d ? 'version'
           FROM api.parcel_detail(:done_id) d), 'a delivered parcel: events newest first');
SELECT refused($$SELECT api.parcel_detail(-1)$$, 'BD003', 'no parcel -1', 'no such parcel: BD003');

SELECT is(api.propose_delay_notices(), 1, 'one late parcel, one proposal');
SELECT is(api.propose_delay_notices(), 0, 'and not twice');
SELECT ok((SELECT d -> 'delay_notice' ->> 'status' = 'proposed' AND (d -> 'delay_notice' ->> 'amount')::numeric = 120.00
                  AND d -> 'delay_notice' ->> 'currency' = 'TRY' AND d -> 'can' -> 'delay_notice' = 'true'
           FROM api.parcel_detail(:late_id) d), 'the proposal: 10% of the lines (1200.00), which the agent may decide');
SELECT (api.parcel_detail(:late_id) -> 'delay_notice' ->> 'id')::bigint AS notice \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_sp_wh;
SELECT ok((SELECT d -> 'delay_notice' -> 'amount' = 'null' AND d -> 'delay_notice' -> 'currency' = 'null'
                  AND d -> 'delay_notice' ->> 'status' = 'proposed' AND d -> 'can' -> 'delay_notice' = 'false'
           FROM api.parcel_detail(:late_id) d), 'the warehouse sees that there is a notice, not its money');
SELECT refused(format($$SELECT api.approve_delay_notice(%s, 'gift_code', NULL, '00000000-0000-4000-8000-000000004101')$$, :notice),
    'BD001', 'approving delay notices is not allowed%', 'the warehouse may not approve it');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_sp_agent;
SELECT refused($$SELECT api.approve_delay_notice(-1, 'gift_code', NULL, '00000000-0000-4000-8000-000000004102')$$,
    'BD003', 'no delay notice -1', 'no such notice: BD003');
SELECT refused(format($$SELECT api.approve_delay_notice(%s, 'cash', NULL, '00000000-0000-4000-8000-000000004103')$$, :notice),
    'BD005', 'how ''cash'' is not valid', 'how neither refund nor gift code: BD005');
SELECT count(*) AS outbox_before FROM backdesk.outbox \gset
SELECT results_eq(format($$SELECT channel, vars ->> 'order_number', vars ->> 'compensation',
                                  vars ->> 'tracking_number' LIKE '%%0000000011%%'
                           FROM api.preview_delay_notice(%s, 'refund', NULL)$$, :notice),
    $$VALUES ('email', 'SO-SP-1', 'Özür olarak 120,00 TRY iade ediyoruz.', true)$$, 'preview_delay_notice: the message as it would go, with its values (0049)');
SELECT is((SELECT count(*) FROM backdesk.outbox), :outbox_before::bigint, 'preview_delay_notice queues nothing');
SELECT is((SELECT status FROM backdesk.delay_notices WHERE id = :notice), 'proposed', 'and the notice is still proposed');
SELECT api.approve_delay_notice(:notice, 'gift_code', NULL, '00000000-0000-4000-8000-000000004104') AS outbox \gset
SELECT is(api.approve_delay_notice(:notice, 'gift_code', NULL, '00000000-0000-4000-8000-000000004104'), :outbox::bigint,
    'the same key again: the same answer');
SELECT refused(format($$SELECT api.approve_delay_notice(%s, 'gift_code', NULL, '00000000-0000-4000-8000-000000004105')$$, :notice),
    'BD002', 'delay notice % was sent already by Ayşe Temsilci at %', 'approved twice: BD002 naming who');
SELECT refused(format($$SELECT api.dismiss_delay_notice(%s, 'too late')$$, :notice),
    'BD002', 'delay notice % was sent already by %', 'a sent notice cannot be dismissed');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT n.status = 'sent' AND n.how = 'gift_code' AND n.amount = 120.00 AND n.decided_by = 't_sp_agent'
                  AND n.outbox_id = :outbox AND n.compensation LIKE 'BD-%'
           FROM backdesk.delay_notices n WHERE n.id = :notice), 'the notice is sent, with its gift code');
SELECT ok((SELECT o.kind = 'delay' AND o.vars ->> 'compensation' LIKE '%' || n.compensation || '%'
                  AND o.vars ->> 'tracking_number' LIKE '%0000000011%'
           FROM backdesk.outbox o JOIN backdesk.delay_notices n ON n.outbox_id = o.id WHERE n.id = :notice),
    'the customer''s delay message names the parcel and the gift code');
SELECT is((SELECT count(*) FROM backdesk.gift_codes g WHERE g.order_id = (t_sp_order('SO-SP-1')).id AND g.amount = 120.00),
    1::bigint, 'one gift code, through api.compensate_delay');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action IN ('delay_notice.approve', 'order.compensate')
           AND actor = 't_sp_agent'), 2::bigint, 'audited: the approval and the compensation');

-- Another late parcel: dismissed.
UPDATE backdesk.shipments SET promised_to = backdesk.shop_date(now()) - 1 WHERE tracking_no = '8800000000321';
SELECT is(api.propose_delay_notices(), 1, 'another late parcel');
SELECT id AS notice2 FROM backdesk.delay_notices WHERE shipment_id = (t_sp_ship('8800000000321')).id \gset
SET SESSION AUTHORIZATION t_sp_agent;
SELECT refused(format($$SELECT api.dismiss_delay_notice(%s, ' ')$$, :notice2), 'BD005', 'reason %', 'dismissed without a reason: BD005');
SELECT lives_ok(format($$SELECT api.dismiss_delay_notice(%s, 'the customer picked it up early')$$, :notice2), 'dismissed');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT status = 'dismissed' AND reason = 'the customer picked it up early' AND decided_by = 't_sp_agent'
           FROM backdesk.delay_notices WHERE id = :notice2), 'the notice is dismissed, with why and by whom');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'delay_notice.propose'), 2::bigint,
    'each proposal audited once');

------------------------------------------------------------------------------
-- A warehouse login in psql.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_sp_wh;
-- The documented trade-off: any staff login may write a carrier's answer, so it can
-- write a false one; the status change is audited with its login.
SELECT is(api.record_tracking('8800000000322', '{"status": "DELIVERED"}') ->> 'changed', 'true',
    'a warehouse login can write a delivery by hand (the trade-off of api.record_tracking)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT a.actor || ' ' || (a.detail ->> 'to') FROM backdesk.audit_log a WHERE a.action = 'shipment.track'
           AND a.entity_id = (t_sp_ship('8800000000322')).id), 't_sp_wh DELIVERED', '...and the audit names that login');
SELECT is((t_sp_ship('8800000000322')).promised_to, NULL, '...but no answer moves the promised day');
SET SESSION AUTHORIZATION t_sp_wh;
SELECT throws_ok($$INSERT INTO backdesk.shipments (order_id, carrier, tracking_no) SELECT id, 'aras', '340000099999'
                   FROM backdesk.orders WHERE number = 'SO-SP-2'$$, '42501', NULL,
    'the warehouse cannot write a parcel past the api');
SELECT throws_ok($$UPDATE backdesk.orders SET status = 'paid' WHERE number = 'SO-SP-PEND'$$, '42501', NULL,
    'nor mark an order paid to ship it');
SELECT throws_ok($$SELECT * FROM backdesk.delay_notices$$, '42501', NULL, 'nor read the delay notices'' money');
SELECT throws_ok($$SELECT backdesk.order_message(t_sp_order('SO-SP-2'), 'tracking', 'email')$$, '42501', NULL,
    'nor queue messages through the helper');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
