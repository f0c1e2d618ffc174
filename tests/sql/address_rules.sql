-- Addresses an order can ship to (0018): the country is one of ISO 3166's, the street
-- and the city are words, Turkish postcodes are five digits with a district, Hungarian
-- ones four, other countries' a sane shape.  Every refusal is BD005 and names its part
-- in PG_DIAG_COLUMN_NAME (the console puts the message next to that field).  The
-- import carries the district and still takes documents without one.
BEGIN;

SELECT api.import_order('{"number": "SO-AR-1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "ar@example.com", "name": "Adres Kuralı"},
    "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
    "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
    "payment": {"method": "card", "paid": "149.90"}}') \g /dev/null
DO $$ BEGIN PERFORM api.staff_add('t_ar_ayse', 'Ayşe Adres', 'agent'); END $$;

-- The refusal of an address as "SQLSTATE column: message", or "ok" when it is taken
-- (rolled back either way, so each call sees the same order).
CREATE FUNCTION public.t_ar_try(p_addr jsonb) RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v_column text;
    v_msg text;
BEGIN
    BEGIN
        PERFORM api.change_address('SO-AR-1', p_addr);
        RAISE EXCEPTION USING ERRCODE = 'TAR00', MESSAGE = 'taken';
    EXCEPTION WHEN OTHERS THEN
        IF SQLSTATE = 'TAR00' THEN
            RETURN 'ok';
        END IF;
        GET STACKED DIAGNOSTICS v_column = COLUMN_NAME, v_msg = MESSAGE_TEXT;
        RETURN format('%s %s: %s', SQLSTATE, coalesce(nullif(v_column, ''), '-'), v_msg);
    END;
END
$$;
GRANT EXECUTE ON FUNCTION public.t_ar_try(jsonb) TO PUBLIC;

CREATE TEMP TABLE t_ar_cases (n serial, addr jsonb, want text, what text);
GRANT SELECT ON t_ar_cases TO PUBLIC;
INSERT INTO t_ar_cases (addr, want, what) VALUES
    ('{"line1": "x", "district": "Kadıköy", "city": "İstanbul", "postcode": "34710", "country": "TR"}',
     'BD005 line1: address: the street ''x'' is not a street address', 'a street "x" is refused, naming line1'),
    ('{"line1": "X 1", "district": "Kadıköy", "city": "İstanbul", "postcode": "34710", "country": "TR"}',
     'BD005 line1: address: the street ''X 1'' is not a street address', 'a street with one letter is refused'),
    ('{"line1": "Bağdat Cd. 12", "district": "Kadıköy", "city": "İstanbul", "postcode": "ABCDE", "country": "TR"}',
     'BD005 postcode: address: ''ABCDE'' is not a postcode of Türkiye', 'a Turkish postcode "ABCDE" is refused, naming postcode'),
    ('{"line1": "Bağdat Cd. 12", "district": "Kadıköy", "city": "İstanbul", "postcode": "3471", "country": "TR"}',
     'BD005 postcode: address: ''3471'' is not a postcode of Türkiye', 'a Turkish postcode of four digits is refused'),
    ('{"line1": "Bağdat Cd. 12", "district": "Kadıköy", "city": "İstanbul", "country": "TR"}',
     'BD005 postcode: address: a postcode is needed for Türkiye', 'a Turkish address needs a postcode'),
    ('{"line1": "Bağdat Cd. 12", "city": "İstanbul", "postcode": "34710", "country": "TR"}',
     'BD005 district: address: a district is needed for Türkiye', 'a Turkish address needs a district (ilçe)'),
    ('{"line1": "Bağdat Cd. 12", "district": "34", "city": "İstanbul", "postcode": "34710", "country": "TR"}',
     'BD005 district: address: the district ''34'' is not a district name', 'a district in digits is refused'),
    ('{"line1": "Bağdat Cd. 12", "district": "Kadıköy", "city": "34", "postcode": "34710", "country": "TR"}',
     'BD005 city: address: the city ''34'' is not a city name', 'a city in digits is refused, naming city'),
    ('{"line1": "Bağdat Cd. 12", "district": "Kadıköy", "city": "İstanbul", "postcode": "34710", "country": "XX"}',
     'BD005 country: address: "country" XX is not a country', 'country "XX" is refused, naming country'),
    ('{"line1": "Bağdat Cd. 12", "city": "İstanbul", "postcode": "34710", "country": "Turkey"}',
     'BD005 country: address: "country" must be a two-letter country code like "TR", got ''TURKEY''', 'a country name instead of its code'),
    ('{"line1": "Andrássy út 45.", "city": "Budapest", "postcode": "10611", "country": "HU"}',
     'BD005 postcode: address: ''10611'' is not a postcode of Hungary', 'a Hungarian postcode of five digits is refused'),
    ('{"line1": "Main Street 5", "city": "London", "postcode": "ABCDE", "country": "GB"}',
     'BD005 postcode: address: ''ABCDE'' is not a postcode', 'elsewhere, a postcode without a digit is refused'),
    ('{"line1": "Main Street 5", "city": "London", "postcode": "1", "country": "GB"}',
     'BD005 postcode: address: ''1'' is not a postcode', 'elsewhere, a one-character postcode is refused'),
    ('{"city": "İstanbul", "country": "TR"}',
     'BD005 line1: address: "line1" is missing', 'a missing street names line1'),
    ('{"line1": "Bağdat Cd. 12", "district": "Kadıköy", "city": "İstanbul", "postcode": "34710", "country": "TR"}',
     'ok', 'a Turkish address with a district and a five-digit postcode is taken'),
    ('{"line1": "Andrássy út 45.", "city": "Budapest", "postcode": "1061", "country": "hu"}',
     'ok', 'a Hungarian address with a four-digit postcode is taken, without a district'),
    ('{"line1": "Main Street 5", "city": "London", "postcode": "sw1a 1aa", "country": "GB"}',
     'ok', 'a British postcode passes the generic rule'),
    ('{"line1": "Sheikh Zayed Road 1", "city": "Dubai", "country": "AE"}',
     'ok', 'a country without a postcode rule needs none');

SELECT plan(10 + (SELECT count(*)::int FROM t_ar_cases));

SELECT is((SELECT count(*) FROM backdesk.countries), 249::bigint, 'all 249 ISO 3166-1 countries');
SELECT results_eq($$SELECT code::text, name FROM backdesk.countries WHERE code IN ('TR', 'HU', 'DE') ORDER BY code$$,
    $$VALUES ('DE', 'Germany'), ('HU', 'Hungary'), ('TR', 'Türkiye')$$, 'with their English names');

SET SESSION AUTHORIZATION t_ar_ayse;
SELECT is(t_ar_try(c.addr), c.want, c.what) FROM t_ar_cases c ORDER BY c.n;
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_ar_ayse;
SELECT lives_ok($$SELECT api.change_address('SO-AR-1', '{"line1": "Bağdat Cd. 12", "district": " Kadıköy ",
    "city": "İstanbul", "postcode": "34710", "country": "tr"}')$$, 'an agent ships the order to a Turkish address');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT a.line1, a.district, a.city, a.postcode, a.country::text
    FROM backdesk.orders o JOIN backdesk.addresses a ON a.id = o.shipping_address_id WHERE o.number = 'SO-AR-1'$$,
    $$VALUES ('Bağdat Cd. 12', 'Kadıköy', 'İstanbul', '34710', 'TR')$$, 'the district is kept, trimmed');
SELECT is((SELECT api.order_detail(id) -> 'address' ->> 'district' FROM backdesk.orders WHERE number = 'SO-AR-1'),
    'Kadıköy', 'api.order_detail gives the district to the order screen');

-- The import: a district when the shop sends one, none when it does not.
SELECT api.import_order('{"number": "SO-AR-2", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "ar2@example.com", "name": "İlçe Var"},
    "shipping_address": {"line1": "Moda Cd. 5", "district": "Kadıköy", "city": "İstanbul", "postcode": "34710", "country": "TR"},
    "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
    "payment": {"method": "card", "paid": "149.90"}}') \g /dev/null
SELECT is((SELECT a.district FROM backdesk.orders o JOIN backdesk.addresses a ON a.id = o.shipping_address_id
           WHERE o.number = 'SO-AR-2'), 'Kadıköy', 'import: shipping_address.district is kept');
SELECT api.import_order('{"number": "SO-AR-2", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "ar2@example.com", "name": "İlçe Var"},
    "shipping_address": {"line1": "Moda Cd. 5", "district": "Kadıköy", "city": "İstanbul", "postcode": "34710", "country": "TR"},
    "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
    "payment": {"method": "card", "paid": "149.90"}}') \g /dev/null
SELECT is((SELECT count(*) FROM backdesk.addresses a JOIN backdesk.customers c ON c.id = a.customer_id
           WHERE c.email = 'ar2@example.com'), 1::bigint, 'import: the same document again makes no second address');
SELECT is((SELECT a.district FROM backdesk.orders o JOIN backdesk.addresses a ON a.id = o.shipping_address_id
           WHERE o.number = 'SO-AR-1'), 'Kadıköy', 'import: documents without a district still import (SO-AR-1 above)');
SELECT refused(format($$SELECT api.import_order('{"number": "SO-AR-3", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "ar3@example.com", "name": "Uzun İlçe"},
    "shipping_address": {"line1": "Moda Cd. 5", "district": "%s", "city": "İstanbul", "country": "TR"},
    "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
    "payment": {"method": "card", "paid": "149.90"}}')$$, repeat('x', 101)), 'BD005', '%"shipping_address.district"%too long%',
    'import: a district over 100 characters is refused, naming the field');
SELECT throws_ok($$INSERT INTO backdesk.addresses (customer_id, line1, city, country, district)
    SELECT customer_id, 'Moda Cd. 5', 'İstanbul', 'TR', repeat('x', 101) FROM backdesk.orders WHERE number = 'SO-AR-1'$$,
    '23514', NULL, 'the table bounds the district itself');

SELECT * FROM finish();
ROLLBACK;
