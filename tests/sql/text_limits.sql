-- Text that is too long is refused in words, naming the field, and nothing is saved
-- (0014); the tables bound every text column themselves (tests/sql/schema.sql).
BEGIN;

SELECT api.import_order('{"number": "SO-TL-1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "tl@example.com", "name": "Uzun Metin"},
    "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
    "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
    "payment": {"method": "card", "paid": "149.90"}}') \g /dev/null
DO $$ BEGIN PERFORM api.staff_add('t_tl_ayse', 'Ayşe Uzun', 'agent'); END $$;

SELECT plan(10);
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT refused(format($$SELECT api.cancel_order('SO-TL-1', %L)$$, repeat('ç', 501)), 'BD005',
    'reason is too long (501 characters, at most 500)', 'a cancel reason over 500 characters', 'Shorten the reason; nothing was saved.');
SELECT refused(format($$SELECT api.compensate_delay('SO-TL-1', 'gift_code', 10, %L, gen_random_uuid())$$, repeat('x', 600)),
    'BD005', 'reason is too long (600 characters, at most 500)', 'a compensation reason over 500 characters');
SELECT refused(format($$SELECT api.change_address('SO-TL-1', jsonb_build_object('line1', %L, 'city', 'İzmir', 'country', 'TR'))$$,
                      repeat('x', 600)),
    'BD005', 'address: "line1" is too long (600 characters, at most 200)', 'a 600-character street is refused, not cut');
SELECT refused($$SELECT api.change_address('SO-TL-1', '{"line1": "Kordon 1", "city": "İzmir", "postcode": "123456789012345678901", "country": "TR"}')$$,
    'BD005', 'address: "postcode" is too long (21 characters, at most 20)', 'a postcode over 20 characters');
SELECT refused(format($$SELECT api.change_address('SO-TL-1', jsonb_build_object('line1', 'Kordon 1', 'district', %L,
                                                  'city', 'İzmir', 'postcode', '35220', 'country', 'TR'))$$, repeat('ç', 101)),
    'BD005', 'address: "district" is too long (101 characters, at most 100)', 'a district over 100 characters (0018)');
SELECT refused(format($$SELECT api.add_note('order', (SELECT id FROM backdesk.orders WHERE number = 'SO-TL-1'), %L)$$,
                      repeat('n', 10001)),
    'BD005', 'note is too long (10001 characters, at most 10000)', 'a note over 10000 characters');
SELECT refused(format($$SELECT api.open_ticket((SELECT customer_id FROM backdesk.orders WHERE number = 'SO-TL-1'),
                                               'SO-TL-1', 'phone', 'delay', 'normal', %L, NULL)$$, repeat('s', 201)),
    'BD005', 'subject is too long (201 characters, at most 200)', 'a ticket subject over 200 characters');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT status, version FROM backdesk.orders WHERE number = 'SO-TL-1'$$, $$VALUES ('paid', 1)$$,
    'nothing was applied to the order');
SELECT is((SELECT count(*) FROM backdesk.notes) + (SELECT count(*) FROM backdesk.tickets) + (SELECT count(*) FROM backdesk.gift_codes),
    0::bigint, 'no note, ticket or gift code was saved');

SELECT throws_ok($$INSERT INTO backdesk.order_holds (order_id, reason, note)
    SELECT id, 'address_problem', repeat('n', 501) FROM backdesk.orders WHERE number = 'SO-TL-1'$$,
    '23514', NULL, 'a hold''s note over 500 characters is refused by the table (0019)');
SELECT * FROM finish();
ROLLBACK;
