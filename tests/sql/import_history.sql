-- A re-import never rewrites history (0012): once an order has refunds, gift codes,
-- a shipment or a change made in backdesk, the shop may resend it but not change its
-- money, lines, currency or customer; an address an agent changed is kept; text
-- fields have limits, refused with the field named.  Concurrent imports of one
-- person are tests/shell/import_race.t.
BEGIN;

CREATE FUNCTION public.t_ih_doc(p_number text, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "ih@example.com", "phone": "+90 532 000 11 22", "name": "Tarih Koru", "locale": "tr"},
         "shipping_address": {"line1": "Bağdat Cd. 12/3", "city": "İstanbul", "postcode": "34710", "country": "TR"},
         "lines": [{"sku": "TV-1", "name": "Televizyon", "qty": 1, "unit_price": "2500.00", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": true, "ship_by": "2026-11-22",
         "payment": {"method": "card", "paid": "2500.00"}}'::jsonb || p_extra;
-- Read as the superuser that made them, so the checks work while the test is the shop.
CREATE FUNCTION public.t_ih_order(p_number text) RETURNS backdesk.orders LANGUAGE sql SECURITY DEFINER
AS $$ SELECT * FROM backdesk.orders WHERE number = p_number $$;
CREATE FUNCTION public.t_ih_state(p_number text) RETURNS text LANGUAGE sql SECURITY DEFINER AS $$
    SELECT format('%s %s %s paid %s refunded %s lines %s', o.currency, o.lines_total, o.status, p.paid,
                  (SELECT coalesce(sum(amount), 0) FROM backdesk.refunds WHERE order_id = o.id),
                  backdesk.order_lines_doc(o.id))
    FROM backdesk.orders o JOIN backdesk.payments p ON p.order_id = o.id WHERE o.number = p_number
$$;

CREATE ROLE t_ih_shop LOGIN IN ROLE backdesk_shop;
DO $$ BEGIN PERFORM api.staff_add('t_ih_admin', 'Deniz Tarih', 'admin'); END $$;
DO $$ BEGIN PERFORM api.staff_add('t_ih_agent', 'Ayşe Tarih', 'agent'); END $$;

SELECT api.import_order(t_ih_doc(n)) FROM unnest(ARRAY['SO-IH-REF', 'SO-IH-GIFT', 'SO-IH-ADDR', 'SO-IH-FREE']) n \g /dev/null
-- Unpaid, and its promised delivery is over: late (0019 compensates only late orders).
SELECT api.import_order(t_ih_doc('SO-IH-PEND', '{"payment": {"method": "bank_transfer", "paid": "0"},
                                                 "deliver_between": ["2026-11-23", "2026-11-25"]}')) \g /dev/null

-- History: 2100 TRY refunded; a gift code; an address changed by an agent.
SET SESSION AUTHORIZATION t_ih_admin;
SELECT api.issue_refund('SO-IH-REF', 2100, 'goodwill', 'very late', gen_random_uuid()) \g /dev/null
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_ih_agent;
SELECT api.compensate_delay(n, 'gift_code', 100, 'late', gen_random_uuid())
FROM unnest(ARRAY['SO-IH-GIFT', 'SO-IH-PEND']) n \g /dev/null
SELECT api.change_address('SO-IH-ADDR', '{"line1": "Moda Cd. 5", "district": "Kadıköy", "city": "İstanbul", "postcode": "34710", "country": "TR"}') \g /dev/null
RESET SESSION AUTHORIZATION;

SELECT plan(22);

SET SESSION AUTHORIZATION t_ih_shop;
------------------------------------------------------------------------------
-- Money after refunds.
------------------------------------------------------------------------------
SELECT refused($$SELECT api.import_order(t_ih_doc('SO-IH-REF', '{"payment": {"method": "card", "paid": "10.00"}}'))$$,
    'BD002', 'order SO-IH-REF has refunds; the shop can no longer change "payment.paid" (2500.00 in backdesk, 10.00 in the document)',
    'refunded: lowering what was paid is refused, naming the field', 'Send the order with the values backdesk has%');
SELECT refused($$SELECT api.import_order(t_ih_doc('SO-IH-REF', '{"currency": "EUR"}'))$$,
    'BD002', 'order SO-IH-REF has refunds; the shop can no longer change "currency" (TRY in backdesk, EUR in the document)',
    'refunded: changing the currency is refused');
SELECT refused($$SELECT api.import_order(t_ih_doc('SO-IH-REF', '{"currency": "eur", "payment": {"method": "card", "paid": "10.00"}}'))$$,
    'BD002', '%"currency"%', 'refunded: the review''s exact attack (EUR and 10.00 at once) is refused');
SELECT refused($$SELECT api.import_order(t_ih_doc('SO-IH-REF', '{"lines": [{"sku": "TV-1", "name": "Televizyon", "qty": 1, "unit_price": "25.00"}],
                                                                 "payment": {"method": "card", "paid": "25.00"}}'))$$,
    'BD002', 'order SO-IH-REF has refunds; the shop can no longer change "lines[1].unit_price" (2500.00 in backdesk, 25.00 in the document)',
    'refunded: changing a line''s price is refused');
SELECT refused($$SELECT api.import_order(t_ih_doc('SO-IH-REF', '{"placed_at": "2025-01-01T00:00:00+03:00"}'))$$,
    'BD002', '%"placed_at"%', 'refunded: moving when it was placed is refused');
SELECT refused($$SELECT api.import_order(t_ih_doc('SO-IH-REF', '{"customer": {"email": "other@example.com", "name": "Başka Biri"}}'))$$,
    'BD002', '%can no longer change "customer" (ih@example.com in backdesk, other@example.com in the document)',
    'refunded: moving the order to another customer is refused');
SELECT is(t_ih_state('SO-IH-REF'),
    'TRY 2500.00 paid paid 2500.00 refunded 2100.00 lines [{"qty": 1, "sku": "TV-1", "name": "Televizyon", "tax_rate": 0.2000, "unit_price": 2500.00}]',
    'refunded: after the refusals the order, its payment and its refunds are as they were');
SELECT lives_ok($$SELECT api.import_order(t_ih_doc('SO-IH-REF', '{"ship_by": "2026-11-23"}'))$$,
    'refunded: the same money with a new ship-by date is still the shop''s to send');
SELECT is((t_ih_order('SO-IH-REF')).ship_by, '2026-11-23'::date, 'refunded: and the ship-by date changed');

------------------------------------------------------------------------------
-- Gift codes; a payment that arrives.
------------------------------------------------------------------------------
SELECT refused($$SELECT api.import_order(t_ih_doc('SO-IH-GIFT', '{"shipping_fee": "29.90", "payment": {"method": "card", "paid": "2529.90"}}'))$$,
    'BD002', 'order SO-IH-GIFT has gift codes; the shop can no longer change "shipping_fee" (0.00 in backdesk, 29.90 in the document)',
    'gift code: adding a shipping fee is refused');
SELECT refused($$SELECT api.import_order(t_ih_doc('SO-IH-GIFT', '{"lines": [{"sku": "TV-1", "name": "Televizyon", "qty": 1, "unit_price": "2500.00", "tax_rate": "0.20"},
                                                                   {"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "1.00"}],
                                                         "payment": {"method": "card", "paid": "2501.00"}}'))$$,
    'BD002', '%"lines" (1 lines in backdesk, 2 lines in the document)', 'gift code: adding a line is refused');
SELECT lives_ok($$SELECT api.import_order(t_ih_doc('SO-IH-PEND', '{"payment": {"method": "bank_transfer", "paid": "2500.00"}}'))$$,
    'gift code: a bank transfer that arrived (paid going up) is accepted');
SELECT is((t_ih_order('SO-IH-PEND')).status, 'paid', 'gift code: and the order is paid now');
SELECT refused($$SELECT api.import_order(t_ih_doc('SO-IH-PEND', '{"payment": {"method": "card", "paid": "2500.00"}}'))$$,
    'BD002', '%"payment.method" (bank_transfer in backdesk, card in the document)', 'gift code: changing the payment method is refused');

------------------------------------------------------------------------------
-- An address an agent changed is kept.
------------------------------------------------------------------------------
SELECT lives_ok($$SELECT api.import_order(t_ih_doc('SO-IH-ADDR', '{"ship_by": "2026-11-24"}'))$$,
    'address: a re-import with the shop''s old address is accepted');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT a.line1, o.ship_by FROM backdesk.orders o JOIN backdesk.addresses a ON a.id = o.shipping_address_id
                    WHERE o.number = 'SO-IH-ADDR'$$,
    $$VALUES ('Moda Cd. 5', '2026-11-24'::date)$$, 'address: the agent''s address stayed, the ship-by date was applied');
SELECT is((SELECT detail -> 'kept' FROM backdesk.audit_log WHERE action = 'order.reimport_kept'
           AND entity_id = (t_ih_order('SO-IH-ADDR')).id), '["shipping_address"]'::jsonb,
    'address: the audit trail says what was kept');
SET SESSION AUTHORIZATION t_ih_shop;

------------------------------------------------------------------------------
-- Without history the shop still owns everything.
------------------------------------------------------------------------------
SELECT lives_ok($$SELECT api.import_order(t_ih_doc('SO-IH-FREE', '{"currency": "EUR", "lines": [{"sku": "TV-1", "name": "Televizyon", "qty": 1, "unit_price": "700.00"}],
                                                                  "payment": {"method": "card", "paid": "700.00"}}'))$$,
    'no history: a re-import changes currency, lines and payment');
SELECT is(t_ih_state('SO-IH-FREE'),
    'EUR 700.00 paid paid 700.00 refunded 0 lines [{"qty": 1, "sku": "TV-1", "name": "Televizyon", "tax_rate": 0.0000, "unit_price": 700.00}]',
    'no history: the order took the new values');

------------------------------------------------------------------------------
-- Lengths.
------------------------------------------------------------------------------
SELECT refused(format($$SELECT api.import_order(t_ih_doc('SO-IH-LONG', '{"customer": {"email": "long@example.com", "name": "%s"}}'))$$,
                      repeat('Ş', 201)),
    'BD005', 'order document: "customer.name" is too long (201 characters, at most 200)', 'length: a customer name');
SELECT refused(format($$SELECT api.import_order(t_ih_doc('SO-IH-LONG', '{"shipping_address": {"line1": "%s", "city": "İzmir", "country": "TR"}}'))$$,
                      repeat('x', 600)),
    'BD005', 'order document: "shipping_address.line1" is too long (600 characters, at most 200)', 'length: a street');
SELECT refused(format($$SELECT api.import_order(t_ih_doc('SO-IH-LONG', '{"lines": [{"sku": "%s", "name": "Kupa", "qty": 1, "unit_price": "1"}]}'))$$,
                      repeat('K', 65)),
    'BD005', 'order document: "lines[1].sku" is too long (65 characters, at most 64)', 'length: a SKU');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
