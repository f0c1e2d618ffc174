-- Amounts and dates in a customer's mail are written as the customer's language
-- writes them (0050, issue 16): the vars of the order confirmation, the refund
-- notice and the delay notice, and the sentences SQL writes into them, for a
-- Hungarian, a Turkish and an English customer.
BEGIN;
SELECT plan(18);

CREATE FUNCTION pg_temp.doc(p_number text, p_locale text, p_currency text, p_price text) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number, 'currency', p_currency,
    'customer', jsonb_build_object('email', lower(p_number) || '@example.com', 'name', 'Vevő ' || p_number,
                                   'locale', p_locale),
    'lines', jsonb_build_array(jsonb_build_object('sku', 'MF-1', 'name', 'Tévé', 'qty', 1,
                                                  'unit_price', p_price, 'tax_rate', '0.20')),
    'payment', jsonb_build_object('method', 'card', 'paid', p_price))
    || '{"placed_at": "2026-11-20T14:03:00+03:00",
         "shipping_address": {"line1": "Fő utca 1", "city": "Budapest", "country": "HU"},
         "shipping_fee": "0.00", "free_shipping": true, "ship_by": "2099-11-22"}'::jsonb;
CREATE FUNCTION pg_temp.vars(p_kind text, p_number text) RETURNS jsonb LANGUAGE sql
RETURN (SELECT o.vars FROM backdesk.outbox o JOIN backdesk.orders r ON r.id = o.order_id
        WHERE o.kind = p_kind AND r.number = p_number ORDER BY o.id DESC LIMIT 1);

------------------------------------------------------------------------------
-- The two helpers.
------------------------------------------------------------------------------
SELECT is(backdesk.format_money(52480, 'HUF', 'hu'), '52 480,00', 'hu: grouped by spaces, decimal comma');
SELECT is(backdesk.format_money(1234.5, 'TRY', 'tr_TR'), '1.234,50', 'tr: grouped by dots, decimal comma (a region is ignored)');
SELECT is(backdesk.format_money(1234567.891, 'EUR', 'en'), '1,234,567.89', 'en: grouped by commas, rounded to the minor units');
SELECT is(backdesk.format_money(-5, 'TRY', 'de'), '-5.00', 'another language: English; a negative amount keeps its sign');
SELECT is(backdesk.format_money(12, 'XXX', 'hu'), NULL, 'a currency backdesk does not know: NULL');
SELECT is(backdesk.format_date('2026-11-24', 'tr'), '24.11.2026', 'tr: day.month.year');
SELECT is(backdesk.format_date('2026-11-24', 'hu'), '2026-11-24', 'hu: year-month-day');
SELECT is(backdesk.format_date('2026-11-24', 'en'), '2026-11-24', 'en: ISO');

------------------------------------------------------------------------------
-- An order confirmation in each language.
------------------------------------------------------------------------------
SELECT api.import_order(pg_temp.doc('SO-MF-HU', 'hu', 'HUF', '52480.00')) \g /dev/null
SELECT api.import_order(pg_temp.doc('SO-MF-TR', 'tr', 'TRY', '1234.50')) \g /dev/null
SELECT api.import_order(pg_temp.doc('SO-MF-EN', 'en', 'TRY', '1234.50')) \g /dev/null
SELECT api.queue_message('SO-MF-HU', 'order_confirmation') \g /dev/null
SELECT api.queue_message('SO-MF-TR', 'order_confirmation') \g /dev/null
SELECT api.queue_message('SO-MF-EN', 'order_confirmation') \g /dev/null
SELECT is(pg_temp.vars('order_confirmation', 'SO-MF-HU') ->> 'total', '52 480,00', 'hu confirmation: the total');
SELECT is(pg_temp.vars('order_confirmation', 'SO-MF-HU') ->> 'lines', '1 × Tévé  52 480,00 HUF', 'hu confirmation: its line');
SELECT is(pg_temp.vars('order_confirmation', 'SO-MF-HU') ->> 'shipping', 'Legkésőbb 2099-11-22-ig feladjuk.',
    'hu confirmation: the ship-by day');
SELECT is(pg_temp.vars('order_confirmation', 'SO-MF-TR') ->> 'total', '1.234,50', 'tr confirmation: the total');
SELECT is(pg_temp.vars('order_confirmation', 'SO-MF-TR') ->> 'shipping',
    'Siparişinizi en geç 22.11.2099 tarihinde kargoya vereceğiz.', 'tr confirmation: the ship-by day');
SELECT is(pg_temp.vars('order_confirmation', 'SO-MF-EN') ->> 'total', '1,234.50', 'en confirmation: the total');
SELECT is(pg_temp.vars('order_confirmation', 'SO-MF-EN') ->> 'currency', 'TRY', 'the code stays a value of its own');

------------------------------------------------------------------------------
-- A refund and a delay notice for the Hungarian customer.
------------------------------------------------------------------------------
SELECT api.cancel_order('SO-MF-HU', 'customer asked') \g /dev/null
SELECT is(pg_temp.vars('refund_issued', 'SO-MF-HU') ->> 'amount', '52 480,00', 'hu refund notice: the amount');
SELECT api.import_order(pg_temp.doc('SO-MF-HU2', 'hu', 'HUF', '99000.00')) \g /dev/null
SELECT api.ship_parcel('SO-MF-HU2', 'yurtici', '501234567801') \g /dev/null
UPDATE backdesk.shipments SET promised_to = '2026-11-27' WHERE tracking_no = '501234567801';
SELECT backdesk.delay_message(o, s, 'refund', 1500, NULL) FROM backdesk.orders o JOIN backdesk.shipments s ON s.order_id = o.id
WHERE o.number = 'SO-MF-HU2' \g /dev/null
SELECT is(pg_temp.vars('delay', 'SO-MF-HU2') ->> 'compensation', 'Elnézésként 1 500,00 HUF összeget visszatérítünk.',
    'hu delay notice: the compensation');
SELECT is(pg_temp.vars('delay', 'SO-MF-HU2') ->> 'promised_date', '2026-11-27', 'hu delay notice: the promised day');

SELECT * FROM finish();
ROLLBACK;
