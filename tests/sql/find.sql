-- api.find: one search box for everything.  Names without accents or case (Turkish
-- İ/ı, Hungarian ő/ű), reversed names, phones in any spacing and prefix, order,
-- ticket, return and tracking numbers, e-mails; ranking, limits, who may search.
BEGIN;

------------------------------------------------------------------------------
-- Helpers (rolled back with everything else).
------------------------------------------------------------------------------
CREATE FUNCTION public.t_find_doc(p_number text, p_name text, p_email text, p_phone text,
                                  p_currency text DEFAULT 'TRY', p_country text DEFAULT 'TR')
    RETURNS jsonb LANGUAGE sql
AS $$
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'number', p_number, 'placed_at', '2026-11-20T14:03:00+03:00', 'currency', p_currency,
        'customer', jsonb_build_object('email', p_email, 'phone', p_phone, 'name', p_name, 'locale', 'tr'),
        'shipping_address', jsonb_build_object('line1', 'Bağdat Cd. 12/3', 'city', 'İstanbul',
                                               'postcode', '34710', 'country', p_country),
        'lines', jsonb_build_array(jsonb_build_object('sku', 'KUP-001', 'name', 'Kupa', 'qty', 2,
                                                      'unit_price', '149.90', 'tax_rate', '0.20')),
        'shipping_fee', '0.00', 'free_shipping', true,
        'payment', jsonb_build_object('method', 'card', 'paid', '299.80', 'reference', 'pay_8812')));
$$;

-- What api.find returned, for the diagnostics.
CREATE FUNCTION public.t_find_show(q text, lim integer DEFAULT 20) RETURNS text LANGUAGE sql
AS $$
    SELECT format('api.find(%L, %s) returned: %s', q, lim,
                  coalesce(string_agg(format('%s %s "%s" %s', f.kind, f.id, f.label, f.rank), '; '), 'nothing'))
    FROM api.find(q, lim) f;
$$;

-- ok when api.find(q) has a row of this kind and label.
CREATE FUNCTION public.t_find_finds(q text, p_kind text, p_label text, p_descr text) RETURNS text
    LANGUAGE plpgsql
AS $$
BEGIN
    IF EXISTS (SELECT FROM api.find(q) f WHERE f.kind = p_kind AND f.label = p_label) THEN
        RETURN ok(true, p_descr);
    END IF;
    RETURN ok(false, p_descr) || E'\n' || diag(format('    wanted %s "%s"; ', p_kind, p_label) || t_find_show(q));
EXCEPTION WHEN OTHERS THEN
    RETURN ok(false, p_descr) || E'\n' || diag(format('    api.find(%L) failed: %s: %s', q, SQLSTATE, SQLERRM));
END
$$;

-- ok when the first row of api.find(q) is of this kind and label.
CREATE FUNCTION public.t_find_first(q text, p_kind text, p_label text, p_descr text) RETURNS text
    LANGUAGE plpgsql
AS $$
DECLARE
    r record;
BEGIN
    SELECT * INTO r FROM api.find(q) LIMIT 1;
    IF FOUND AND r.kind = p_kind AND r.label = p_label THEN
        RETURN ok(true, p_descr);
    END IF;
    RETURN ok(false, p_descr) || E'\n' || diag(format('    wanted first %s "%s"; ', p_kind, p_label) || t_find_show(q));
EXCEPTION WHEN OTHERS THEN
    RETURN ok(false, p_descr) || E'\n' || diag(format('    api.find(%L) failed: %s: %s', q, SQLSTATE, SQLERRM));
END
$$;

-- Refused with one of these SQLSTATEs.
CREATE FUNCTION public.t_find_refused(p_sql text, p_codes text[], p_descr text) RETURNS text
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE p_sql;
    RETURN ok(false, p_descr) || E'\n' || diag('      caught: no exception, wanted ' || array_to_string(p_codes, ' or '));
EXCEPTION WHEN OTHERS THEN
    IF SQLSTATE = ANY (p_codes) THEN
        RETURN ok(true, p_descr);
    END IF;
    RETURN ok(false, p_descr) || E'\n'
        || diag(format(E'      caught: %s: %s\n      wanted: %s', SQLSTATE, SQLERRM, array_to_string(p_codes, ' or ')));
END
$$;

-- The plan of a statement, as one text, to see which index it uses.
CREATE FUNCTION public.t_find_plan(p_sql text) RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || p_sql LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END
$$;

SELECT plan(164);

------------------------------------------------------------------------------
-- Fixtures, imported as the superuser (who counts as admin).
------------------------------------------------------------------------------
DO $$
BEGIN
    PERFORM api.import_order(t_find_doc('SO-100234', 'Şükrü Öztürk', 'sukru@example.com', '+90 532 123 45 67'));
    PERFORM api.import_order(t_find_doc('SO-100235', 'İsmail Işık', 'ismail@example.com', '0533 765 43 21'));
    PERFORM api.import_order(t_find_doc('SO-100236', 'İstanbul Halı Evi', 'info@istanbulhali.com.tr', NULL));
    PERFORM api.import_order(t_find_doc('HU-200001', 'Árvíztűrő Tünde', 'tunde@example.hu', '+36 30 123 4567', 'HUF', 'HU'));
    PERFORM api.import_order(t_find_doc('SO-300001', 'Depo 100234 Ltd', 'depo@example.com', NULL));
    PERFORM api.import_order(t_find_doc('PCT-1', '100%_x', 'pct@example.com', NULL));
    PERFORM api.import_order(t_find_doc('SO-300002', 'Zeynep Kaya', 'zeynep@example.com', '+90 544 000 11 22'));
END
$$;

INSERT INTO backdesk.shipments (order_id, carrier, tracking_no)
SELECT id, 'yurtici', 'YT1234567890' FROM backdesk.orders WHERE number = 'SO-100234';
-- A parcel whose tracking number is a phone's digits (0033: "+" is a phone only).
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no)
SELECT id, 'aras', '905440001122' FROM backdesk.orders WHERE number = 'SO-300002';
INSERT INTO backdesk.tickets (number, channel, category, subject, customer_id, order_id,
                              first_response_due, resolve_due)
SELECT 'T-900001', 'phone', 'where-is-my-order', 'Kargom nerede?', customer_id, id,
       now() + interval '1 hour', now() + interval '1 day'
FROM backdesk.orders WHERE number = 'SO-100235';
INSERT INTO backdesk.returns (number, order_id, reason)
SELECT 'R-900001', id, 'kırık geldi' FROM backdesk.orders WHERE number = 'SO-100236';

------------------------------------------------------------------------------
-- The stored search keys.
------------------------------------------------------------------------------
SELECT is(backdesk.search_key('İSTANBUL'), 'istanbul', 'search_key: İSTANBUL → istanbul (dotted capital İ)');
SELECT is(backdesk.search_key('ıstanbul'), 'istanbul', 'search_key: dotless ı → i');
SELECT is(backdesk.search_key('ŞÜKRÜ ÖZTÜRK'), 'sukru ozturk', 'search_key: Turkish capitals lose case and accents');
SELECT is(backdesk.search_key('Árvíztűrő Tünde'), 'arvizturo tunde', 'search_key: Hungarian ő/ű/á/í lose their accents');
SELECT is(backdesk.search_key_rev('Şükrü Öztürk'), 'ozturk sukru', 'search_key_rev: last name first');
SELECT results_eq($$
    SELECT DISTINCT backdesk.normalize_phone(p)
    FROM unnest(ARRAY['+90 532 123 45 67', '05321234567', '0532 123 45 67', '532 123 4567',
                      '0090 532 123 45 67', '(0532) 123-45-67', '+905321234567']) p
$$, $$VALUES ('905321234567')$$, 'normalize_phone: every way of writing a Turkish mobile gives one key');
SELECT results_eq($$
    SELECT DISTINCT backdesk.normalize_phone(p)
    FROM unnest(ARRAY['+36 30 123 4567', '06 30 123 4567', '0036 30 123 4567', '06-30-123-4567']) p
$$, $$VALUES ('36301234567')$$, 'normalize_phone: every way of writing a Hungarian mobile gives one key');

------------------------------------------------------------------------------
-- Names, ignoring case and accents, either order.
------------------------------------------------------------------------------
SELECT t_find_finds('sukru ozturk', 'customer', 'Şükrü Öztürk', '"sukru ozturk" finds Şükrü Öztürk');
SELECT t_find_finds('ŞÜKRÜ ÖZTÜRK', 'customer', 'Şükrü Öztürk', '"ŞÜKRÜ ÖZTÜRK" finds Şükrü Öztürk');
SELECT t_find_finds('ozturk sukru', 'customer', 'Şükrü Öztürk', '"ozturk sukru" (last name first) finds Şükrü Öztürk');
SELECT t_find_finds('öztürk', 'customer', 'Şükrü Öztürk', '"öztürk" (last name alone) finds Şükrü Öztürk');
SELECT t_find_finds('Ozturk', 'customer', 'Şükrü Öztürk', '"Ozturk" finds Şükrü Öztürk');
SELECT t_find_finds('sukru', 'customer', 'Şükrü Öztürk', '"sukru" (first name, prefix) finds Şükrü Öztürk');
SELECT t_find_finds('  Sukru   OZTURK ', 'customer', 'Şükrü Öztürk', 'extra spaces in the query do not matter');
SELECT t_find_finds('ismail isik', 'customer', 'İsmail Işık', '"ismail isik" finds İsmail Işık');
SELECT t_find_finds('ISMAIL', 'customer', 'İsmail Işık', '"ISMAIL" finds İsmail Işık');
SELECT t_find_finds('IŞIK İSMAİL', 'customer', 'İsmail Işık', '"IŞIK İSMAİL" (Turkish capitals, reversed) finds İsmail Işık');
SELECT t_find_finds('arvizturo', 'customer', 'Árvíztűrő Tünde', '"arvizturo" finds Árvíztűrő Tünde');
SELECT t_find_finds('tunde arvizturo', 'customer', 'Árvíztűrő Tünde', '"tunde arvizturo" finds Árvíztűrő Tünde');
SELECT t_find_finds('istanbul', 'customer', 'İstanbul Halı Evi', '"istanbul" finds İstanbul Halı Evi');
SELECT t_find_finds('ISTANBUL HALI', 'customer', 'İstanbul Halı Evi', '"ISTANBUL HALI" finds İstanbul Halı Evi');
SELECT is((SELECT count(*) FROM api.find('sukru ozturk') WHERE kind = 'customer'), 1::bigint,
    '"sukru ozturk" finds one customer, once (no duplicates from several branches)');
SELECT is_empty($$SELECT * FROM api.find('sukru ozturk') WHERE label <> 'Şükrü Öztürk'$$,
    '"sukru ozturk" finds nobody else');

-- Contains-search (trigram), for a part of a word.
SELECT t_find_finds('ztur', 'customer', 'Şükrü Öztürk', '"ztur" (inside a word) finds Öztürk');
SELECT t_find_finds('RVIZTŰ', 'customer', 'Árvíztűrő Tünde', '"RVIZTŰ" (inside a word) finds Árvíztűrő');
SELECT ok((SELECT max(rank) FROM api.find('ztur')) < (SELECT max(rank) FROM api.find('ozturk')),
    'a contains-match ranks below a prefix match');

------------------------------------------------------------------------------
-- Phones in any spacing and prefix.
------------------------------------------------------------------------------
SELECT t_find_finds(p, 'customer', 'Şükrü Öztürk', format('phone %L finds Şükrü Öztürk', p))
FROM unnest(ARRAY['+90 532 123 45 67', '05321234567', '0532 123 45 67', '532 123 4567',
                  '0090 532 123 45 67', '(0532) 123-45-67']) p;
SELECT t_find_finds(p, 'customer', 'Árvíztűrő Tünde', format('phone %L finds Árvíztűrő Tünde', p))
FROM unnest(ARRAY['+36 30 123 4567', '06 30 123 4567', '0036 30 123 4567']) p;
SELECT results_eq($$SELECT kind, label FROM api.find('0533 765 43 21')$$,
    $$VALUES ('customer', 'İsmail Işık')$$, 'a phone finds exactly its customer');
SELECT is_empty($$SELECT * FROM api.find('0532 999 99 99')$$, 'an unknown phone finds nothing');
SELECT t_find_finds(E'\t0533 765 43 21\n', 'customer', 'İsmail Işık', 'a phone between a tab and a newline finds its customer');
SELECT t_find_finds(U&'\3000' || '0533 765 43 21' || U&'\2003', 'customer', 'İsmail Işık',
    'a phone between spaces that are not ASCII (ideographic, em) finds its customer');
-- Phones are answered first (0056); digits that are also a number of another kind
-- go the way of any number.
SELECT lives_ok($$SELECT api.import_order(t_find_doc('SO-700001', 'Yedi Hane', 'yedi@example.com', '123 456 78 90'))$$,
    'a customer whose phone has ten digits');
INSERT INTO backdesk.tickets (number, channel, category, subject, customer_id, order_id,
                              first_response_due, resolve_due)
SELECT 'T-1234567890', 'phone', 'where-is-my-order', 'Yedi', customer_id, id,
       now() + interval '1 hour', now() + interval '1 day'
FROM backdesk.orders WHERE number = 'SO-100235';
SELECT set_eq($$SELECT kind, label FROM api.find('123 456 78 90')$$,
    $$VALUES ('ticket', 'T-1234567890'), ('customer', 'Yedi Hane')$$,
    'digits that are a phone and a ticket''s number: the ticket and the customer');
SELECT results_eq($$SELECT kind, label FROM api.find('+1 234 567 890')$$, $$VALUES ('customer', 'Yedi Hane')$$,
    'the same digits with "+": the customer only');

------------------------------------------------------------------------------
-- Numbers: orders, tickets, returns, parcels.
------------------------------------------------------------------------------
SELECT t_find_first('SO-100234', 'order', 'SO-100234', 'the exact order number comes first');
SELECT is((SELECT rank FROM api.find('SO-100234') WHERE kind = 'order' AND label = 'SO-100234'), 1.0::real,
    'an exact order number ranks 1.0');
SELECT t_find_finds('so-100234', 'order', 'SO-100234', 'a lower-case order number finds it');
SELECT t_find_finds(' SO-100234 ', 'order', 'SO-100234', 'spaces around an order number do not matter');
SELECT t_find_finds('100234', 'order', 'SO-100234', 'digits only ("100234") find SO-100234');
SELECT t_find_first('100234', 'order', 'SO-100234',
    '"100234": the order ranks above a customer whose name contains 100234');
SELECT t_find_finds('100234', 'customer', 'Depo 100234 Ltd', '"100234" also lists the customer named with it, lower');
SELECT set_eq($$SELECT label FROM api.find('SO-1002') WHERE kind = 'order'$$,
    ARRAY['SO-100234', 'SO-100235', 'SO-100236'], 'a partial order number lists the orders starting with it');
SELECT set_eq($$SELECT label FROM api.find('so-1002') WHERE kind = 'order'$$,
    ARRAY['SO-100234', 'SO-100235', 'SO-100236'], 'a partial order number in lower case too');
SELECT is((SELECT detail FROM api.find('SO-100234') WHERE kind = 'order'), 'Şükrü Öztürk · paid · 299.80 TRY',
    'an order hit shows customer, status and total with currency');

SELECT results_eq($$SELECT kind, label FROM api.find('YT1234567890')$$,
    $$VALUES ('shipment', 'YT1234567890')$$, 'a tracking number finds its parcel');
SELECT t_find_finds('yt1234567890', 'shipment', 'YT1234567890', 'a lower-case tracking number finds its parcel');
SELECT t_find_finds('T-900001', 'ticket', 'T-900001', 'a ticket number finds the ticket');
SELECT t_find_finds('t-900001', 'ticket', 'T-900001', 'a lower-case ticket number finds the ticket');
SELECT t_find_finds('900001', 'ticket', 'T-900001', 'a ticket number read out without its prefix');
SELECT t_find_finds('R-900001', 'return', 'R-900001', 'a return number finds the return');
SELECT t_find_finds('r-900001', 'return', 'R-900001', 'a lower-case return number finds the return');

------------------------------------------------------------------------------
-- E-mail.
------------------------------------------------------------------------------
SELECT results_eq($$SELECT kind, label, rank FROM api.find('sukru@example.com')$$,
    $$VALUES ('customer', 'Şükrü Öztürk', 0.95::real)$$, 'an exact e-mail finds exactly its customer');
SELECT t_find_finds('SUKRU@Example.COM', 'customer', 'Şükrü Öztürk', 'e-mail ignores case');
SELECT is_empty($$SELECT * FROM api.find('nobody@example.com')$$, 'an unknown e-mail finds nothing');

------------------------------------------------------------------------------
-- Nothing to search, and input that must not match everything.
------------------------------------------------------------------------------
SELECT is_empty($$SELECT * FROM api.find('')$$, 'an empty query finds nothing');
SELECT is_empty($$SELECT * FROM api.find('   ')$$, 'spaces find nothing');
SELECT is_empty($$SELECT * FROM api.find(E'\t \n')$$, 'tabs and newlines find nothing');
SELECT is_empty($$SELECT * FROM api.find(NULL)$$, 'NULL finds nothing');
SELECT is_empty($$SELECT * FROM api.find('%')$$, '"%" alone finds nothing');
SELECT is_empty($$SELECT * FROM api.find('_')$$, '"_" alone finds nothing');
SELECT is_empty($$SELECT * FROM api.find('%%%%')$$, '"%%%%" finds nothing');
SELECT results_eq($$SELECT kind, label FROM api.find('100%_x')$$,
    $$VALUES ('customer', '100%_x')$$, 'a name with LIKE metacharacters finds only itself');
SELECT is_empty($$SELECT * FROM api.find('z')$$, 'a single letter finds nothing (not every name starting with z)');
SELECT t_find_finds('ze', 'customer', 'Zeynep Kaya', 'two letters are enough for a name prefix');

------------------------------------------------------------------------------
-- Order numbers in any case, with or without prefix and dash (0024), bulk numbers,
-- tickets and returns the same way, and tracking numbers of returns.
------------------------------------------------------------------------------
DO $$
BEGIN
    PERFORM api.import_order(t_find_doc('BK-0500001', 'Kemal Bulk', 'kemal.bulk@example.com', NULL));
END
$$;
UPDATE backdesk.returns SET tracking_no = 'RT5550001', carrier = 'yurtici' WHERE number = 'R-900001';
SELECT t_find_first(q, 'order', 'SO-100234', format('%L finds SO-100234 first', q))
FROM unnest(ARRAY['so100234', 'SO100234', 'So-100234', 'SO 100234', 'so-100234']) q;
SELECT is((SELECT how FROM api.find('so100234') WHERE label = 'SO-100234'), 'exact',
    '"so100234" is an exact hit (how)');
SELECT set_eq($$SELECT label FROM api.find('so1002') WHERE kind = 'order'$$,
    ARRAY['SO-100234', 'SO-100235', 'SO-100236'], 'a partial order number without the dash lists the orders');
SELECT is((SELECT DISTINCT how FROM api.find('so-1002') WHERE kind = 'order'), 'prefix',
    'a partial order number''s hits are prefix hits');
SELECT set_eq($$SELECT label FROM api.find('10023') WHERE kind = 'order'$$,
    ARRAY['SO-100234', 'SO-100235', 'SO-100236'], 'part of the digits alone lists the orders they begin');
SELECT t_find_first('bk0500001', 'order', 'BK-0500001', 'a bulk number without its dash finds it');
SELECT t_find_first('0500001', 'order', 'BK-0500001', 'a bulk number''s digits find it (seven digits: not taken for a phone only)');
SELECT t_find_finds('bk-05000', 'order', 'BK-0500001', 'a bulk number in part finds it');
SELECT t_find_finds('t900001', 'ticket', 'T-900001', 'a ticket number without its dash');
SELECT t_find_finds('r900001', 'return', 'R-900001', 'a return number without its dash');
SELECT t_find_finds('rt5550001', 'return', 'R-900001', 'a return''s tracking number finds the return');
SELECT t_find_finds('YT 1234567890', 'shipment', 'YT1234567890', 'a tracking number typed with a space');
SELECT is((SELECT count(*) FROM api.find('SO-100234') WHERE kind = 'order' AND label = 'SO-100234'), 1::bigint,
    'an order found both as exact and as prefix is listed once');

------------------------------------------------------------------------------
-- Only the kinds whose numbers have the typed text's shape are probed (0052):
-- each kind is still found alone, and a number of a new shape is found as soon as
-- it is written.
------------------------------------------------------------------------------
SELECT results_eq($$SELECT backdesk.number_shape(t) FROM unnest(ARRAY['T-606590', 'CA123456789TR', 'so100234', '0532 123']) t$$,
    $$VALUES ('T-999999'), ('CA999999999AA'), ('SO999999'), ('9999 999')$$,
    'number_shape: leading letters kept, every other letter A, every digit 9');
SELECT set_has($$SELECT kind || ' ' || shape FROM backdesk.number_shapes$$,
    $$VALUES ('order SO999999'), ('order_digits 999999'), ('order BK9999999'), ('ticket T999999'),
             ('ticket_digits 999999'), ('return R999999'), ('return_digits 999999'),
             ('shipment_tracking YT9999999999'), ('shipment_tracking 999999999999')$$,
    'number_shapes holds the shapes of the orders, tickets, returns and parcels written');
SELECT is((SELECT count(*) FROM backdesk.number_shapes WHERE kind = 'return_tracking' AND shape = 'RT9999999'), 1::bigint,
    'a return''s tracking number set later (UPDATE) adds its shape');
SELECT results_eq($$SELECT kind, label FROM api.find('T-900001')$$, $$VALUES ('ticket', 'T-900001')$$,
    'a ticket number alone: the ticket, nothing else');
SELECT results_eq($$SELECT kind, label FROM api.find('BK-0500001')$$, $$VALUES ('order', 'BK-0500001')$$,
    'an order number alone: the order, nothing else');
SELECT results_eq($$SELECT kind, label FROM api.find('R-900001')$$, $$VALUES ('return', 'R-900001')$$,
    'a return number alone: the return, nothing else');
SELECT results_eq($$SELECT kind, label FROM api.find('RT5550001')$$, $$VALUES ('return', 'R-900001')$$,
    'a return''s tracking number alone: the return');
-- A ticket, an order and a parcel of one shape: every kind that fits is probed,
-- in one ranking.
INSERT INTO backdesk.tickets (number, channel, category, subject, first_response_due, resolve_due)
VALUES ('MIX-4242', 'email', 'delay', 'Üç türlü', now() + interval '1 hour', now() + interval '1 day');
DO $$
BEGIN
    PERFORM api.import_order(t_find_doc('MIX-4243', 'Mix Karışık', 'mix@example.com', NULL));
END
$$;
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no)
SELECT id, 'aras', 'MIX4242' FROM backdesk.orders WHERE number = 'MIX-4243';
SELECT set_eq($$SELECT kind, label, how FROM api.find('mix-4242')$$,
    $$VALUES ('shipment', 'MIX4242', 'exact'), ('ticket', 'MIX-4242', 'exact')$$,
    'a ticket and a parcel of one number''s shape: both');
SELECT results_eq($$SELECT kind, label, how FROM api.find('MIX-424')$$,
    $$VALUES ('order', 'MIX-4243', 'prefix')$$,
    'its beginning: only the order it begins (tickets and parcels are found whole)');
SELECT set_eq($$SELECT kind FROM api.find('4242')$$, ARRAY['ticket'],
    'its digits alone: the ticket (the order''s digits 4243 do not begin with 4242)');
-- A shape no row had before.
INSERT INTO backdesk.tickets (number, channel, category, subject, first_response_due, resolve_due)
VALUES ('SUP-77', 'email', 'delay', 'Yeni biçim', now() + interval '1 hour', now() + interval '1 day');
SELECT t_find_finds('sup77', 'ticket', 'SUP-77', 'a ticket number of a new shape is found at once');
SELECT t_find_finds('77', 'ticket', 'SUP-77', 'and by its two digits');
UPDATE backdesk.shipments SET tracking_no = 'ZX9-12345' WHERE tracking_no = 'MIX4242';
SELECT t_find_finds('zx9-12345', 'shipment', 'ZX9-12345', 'a tracking number changed to a new shape is found');
SELECT t_find_finds('0500001', 'order', 'BK-0500001', 'a bulk order''s digits still find it among tickets of other shapes');
-- The shapes are what api.find trusts: a shape taken away hides its kind.
DELETE FROM backdesk.number_shapes WHERE kind = 'ticket' AND shape = 'SUP99';
SELECT is_empty($$SELECT * FROM api.find('SUP-77')$$, 'without its shape a ticket number is not probed');
INSERT INTO backdesk.number_shapes VALUES ('ticket', 'SUP99');
-- The one row api.find reads them from (0054) follows them both ways.
SELECT ok('SUP99' = ANY (tickets) AND 'BK99' = ANY (order_starts) AND 'BK9999999' = ANY (order_starts)
          AND '9999999' = ANY (order_digit_starts) AND 'ZX9-99999' = ANY (shipment_tracking),
    'number_shape_sets: a ticket''s shape, every beginning of an order''s, a changed tracking number''s')
FROM backdesk.number_shape_sets;
DELETE FROM backdesk.number_shapes WHERE kind = 'ticket' AND shape = 'SUP99';
SELECT ok(NOT ('SUP99' = ANY (tickets)), 'a shape taken away leaves number_shape_sets') FROM backdesk.number_shape_sets;
INSERT INTO backdesk.number_shapes VALUES ('ticket', 'SUP99');
SELECT is((SELECT count(*) FROM backdesk.number_shape_sets), 1::bigint, 'number_shape_sets is one row');

------------------------------------------------------------------------------
-- E-mail by its beginning; Turkish and Hungarian names typed without accents.
------------------------------------------------------------------------------
SELECT t_find_finds('sukru@exa', 'customer', 'Şükrü Öztürk', 'the beginning of an e-mail finds its customer');
SELECT is((SELECT how FROM api.find('sukru@exa')), 'prefix', 'an e-mail''s beginning is a prefix hit');
SELECT is((SELECT how FROM api.find('sukru@example.com')), 'exact', 'a whole e-mail is an exact hit');
SELECT t_find_first('arvizturo tunde', 'customer', 'Árvíztűrő Tünde', '"arvizturo tunde" finds Árvíztűrő Tünde first');
SELECT is((SELECT how FROM api.find('arvizturo tunde') WHERE label = 'Árvíztűrő Tünde'), 'exact',
    '"arvizturo tunde" is an exact hit');
SELECT is((SELECT how FROM api.find('ismail') WHERE label = 'İsmail Işık'), 'prefix', '"ismail" is a prefix hit');
SELECT is((SELECT how FROM api.find('ztur') WHERE label = 'Şükrü Öztürk'), 'contains', '"ztur" is a contains hit');
SELECT is((SELECT how FROM api.find('0532 123 45 67')), 'exact', 'a phone is an exact hit');
SELECT t_find_finds('0036 30 123 4567', 'customer', 'Árvíztűrő Tünde', 'a Hungarian phone with 0036 finds Tünde');
SELECT results_eq($$SELECT kind, label FROM api.find('+90 544 000 11 22')$$,
    $$VALUES ('customer', 'Zeynep Kaya')$$,
    'a number written with "+" is a phone: its customer only, not the parcel tracked by the same digits');
SELECT set_eq($$SELECT kind FROM api.find('905440001122')$$, ARRAY['customer', 'shipment'],
    'the same digits without "+": the customer and the parcel');
SELECT results_eq($$SELECT kind FROM api.find('905440001122')$$, $$VALUES ('shipment'), ('customer')$$,
    'the parcel (exact, 1.0) ranks above the phone''s customer (0.95)');
SELECT results_eq($$SELECT kind FROM api.find('905440001122', 1)$$, $$VALUES ('shipment')$$,
    'with a limit of one, the parcel only');
SELECT results_eq($$SELECT label, how FROM api.find('so-10023')$$,
    $$VALUES ('SO-100234', 'prefix'), ('SO-100235', 'prefix'), ('SO-100236', 'prefix')$$,
    'a partial order number: its orders in number order, all prefix hits');
SELECT results_eq($$SELECT label, how FROM api.find('SO-100234', 2)$$,
    $$VALUES ('SO-100234', 'exact')$$,
    'a whole order number is an exact hit, ahead of any it is the beginning of');

------------------------------------------------------------------------------
-- Names misheard on the phone: similar, marked, ranked below the rest.
------------------------------------------------------------------------------
SELECT t_find_finds('arvituro tunde', 'customer', 'Árvíztűrő Tünde', '"arvituro tunde" (a letter lost) finds Árvíztűrő Tünde');
SELECT t_find_finds('arvizturo tnude', 'customer', 'Árvíztűrő Tünde', '"arvizturo tnude" (letters swapped) finds Árvíztűrő Tünde');
SELECT t_find_finds('arvizturro tunde', 'customer', 'Árvíztűrő Tünde', '"arvizturro tunde" (a letter doubled) finds Árvíztűrő Tünde');
SELECT t_find_finds('tunde arvituro', 'customer', 'Árvíztűrő Tünde', '"tunde arvituro" (other order, a letter lost) finds her');
SELECT t_find_finds('sukru ozturkk', 'customer', 'Şükrü Öztürk', '"sukru ozturkk" finds Şükrü Öztürk');
SELECT t_find_finds('ismail issik', 'customer', 'İsmail Işık', '"ismail issik" finds İsmail Işık');
SELECT is((SELECT how FROM api.find('arvituro tunde') WHERE label = 'Árvíztűrő Tünde'), 'similar',
    'a name found by its likeness is marked similar');
SELECT ok((SELECT rank FROM api.find('arvituro tunde') WHERE label = 'Árvíztűrő Tünde') < 0.3,
    'a similar hit ranks below every contains hit');
SELECT is_empty($$SELECT * FROM api.find('qqqq zzzz')$$, 'nonsense finds nothing, not even similar');
SELECT is_empty($$SELECT * FROM api.find('SO-1234599') WHERE how = 'similar'$$, 'numbers are never similar');
-- Five exact Kemal Sunals and one Kemal Sunall: the exact ones are enough.
INSERT INTO backdesk.customers (name, email)
SELECT 'Kemal Sunal', 'kemal' || i || '@example.com' FROM generate_series(1, 5) i;
INSERT INTO backdesk.customers (name, email) VALUES ('Kemal Sunall', 'kemal.sunall@example.com');
SELECT is((SELECT count(*) FROM api.find('kemal sunal') WHERE how = 'exact'), 5::bigint,
    '"kemal sunal": five exact hits');
SELECT is((SELECT count(*) FROM api.find('kemal sunal') WHERE label = 'Kemal Sunall'), 1::bigint,
    '"kemal sunal" lists Kemal Sunall too (a prefix hit)');
SELECT is_empty($$SELECT * FROM api.find('kemal sunal') WHERE how IN ('contains', 'similar')$$,
    'with five hits, neither fallback runs');
SELECT is_empty($$SELECT * FROM api.find('kemal sunsl') WHERE how <> 'similar'$$,
    '"kemal sunsl" has no exact, prefix or contains hit');
SELECT is((SELECT count(*) FROM api.find('kemal sunsl') WHERE how = 'similar'), 6::bigint,
    '"kemal sunsl" (a letter wrong): all six Kemals as similar');
SELECT is((SELECT label FROM api.find('kemal sunall') LIMIT 1), 'Kemal Sunall',
    'the exact hit ranks first');
SELECT ok((SELECT min(rank) FROM api.find('kemal sunall') WHERE how = 'exact')
          > (SELECT max(rank) FROM api.find('kemal sunall') WHERE how = 'similar'),
    'exact ranks above similar (Kemal Sunal is similar to "kemal sunall")');
SELECT results_eq($$SELECT count(*), count(DISTINCT (kind, id)) FROM api.find('kemal sunsl')$$,
    $$VALUES (6::bigint, 6::bigint)$$, 'no (kind, id) twice');
SELECT is((SELECT count(*) FROM api.find('kemal sunsl', 2)), 2::bigint, 'the limit holds for similar hits');

------------------------------------------------------------------------------
-- Limits.
------------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM api.find('SO-1002', 2)), 2::bigint, 'the limit is respected (2 of 3)');
SELECT is((SELECT count(*) FROM api.find('SO-1002', 1)), 1::bigint, 'the limit is respected (1 of 3)');
SELECT is((SELECT count(*) FROM api.find('SO-1002')), 3::bigint, 'the default limit lets all three through');
INSERT INTO backdesk.customers (name, email)
SELECT 'Yılmaz ' || i, 'yilmaz' || i || '@example.com' FROM generate_series(1, 205) i;
SELECT is((SELECT count(*) FROM api.find('yilmaz')), 20::bigint, 'without a limit, 20 of 205 names');
SELECT is((SELECT count(*) FROM api.find('yilmaz', 100000)), 200::bigint, 'a huge limit is capped at 200');

------------------------------------------------------------------------------
-- The lookups are index-backed (the same shapes api.find runs).
------------------------------------------------------------------------------
SET LOCAL enable_seqscan = off;
SELECT matches(t_find_plan($$SELECT id FROM backdesk.customers WHERE phone_norm COLLATE "C" = '905321234567'$$),
    '\mcustomers_phone_norm\M', 'a phone lookup uses the customers_phone_norm index');
SELECT matches(t_find_plan($$SELECT id FROM backdesk.customers
                              WHERE name_key COLLATE "C" >= 'sukru' AND name_key COLLATE "C" < backdesk.prefix_end('sukru')$$),
    '\mcustomers_name_key\M', 'a name-prefix lookup uses the customers_name_key btree');
SELECT matches(t_find_plan($$SELECT id FROM backdesk.orders WHERE backdesk.digits(number) COLLATE "C" = '100234'$$),
    '\morders_number_digits\M', 'a digits-only order lookup uses the orders_number_digits index');
SELECT matches(t_find_plan($$SELECT id FROM backdesk.orders WHERE backdesk.number_key(number) COLLATE "C" = 'SO100234'$$),
    '\morders_number_norm\M', 'an order number in any spelling uses the orders_number_norm index');
-- As many distinct keys as a shop has (rolled back), so the planner sees a real table.
INSERT INTO backdesk.name_keys SELECT left(md5(i::text), 6) || ' ' || left(md5((-i)::text), 7) FROM generate_series(1, 20000) i;
DO $$ BEGIN PERFORM pg_catalog.gin_clean_pending_list('backdesk.name_keys_trgm'); END $$;
ANALYZE backdesk.name_keys;
SELECT matches(t_find_plan($$SELECT name_key FROM backdesk.name_keys WHERE name_key OPERATOR(ext.%) 'arvituro tunde'$$),
    '\mname_keys_trgm\M', 'the similar-name fallback uses the trigram index of the distinct name keys');
SELECT ok(EXISTS (SELECT FROM backdesk.name_keys WHERE name_key = 'kemal sunall'),
    'a customer added since the migration has their name key in backdesk.name_keys');
RESET enable_seqscan;

------------------------------------------------------------------------------
-- A middle name between the words the caller says.
------------------------------------------------------------------------------
SELECT lives_ok($$SELECT api.import_order(t_find_doc('SO-100299', 'Ayşe Nur Yılmaz', 'aysenur@example.com', NULL))$$,
    'a customer with a middle name');
SELECT t_find_finds('ayse yilmaz', 'customer', 'Ayşe Nur Yılmaz', '"ayse yilmaz" finds "Ayşe Nur Yılmaz"');

------------------------------------------------------------------------------
-- Who may search.
------------------------------------------------------------------------------
CREATE ROLE t_find_wh LOGIN IN ROLE backdesk_warehouse;
CREATE ROLE t_find_sup LOGIN IN ROLE backdesk_supervisor;
CREATE ROLE t_find_shop LOGIN IN ROLE backdesk_shop;
CREATE ROLE t_find_nobody LOGIN;

SET SESSION AUTHORIZATION t_find_wh;
SELECT t_find_finds('SO-100234', 'order', 'SO-100234', 'a warehouse login can search by order number');
SELECT is_empty($$SELECT * FROM api.find('T-900001') WHERE kind = 'ticket'$$,
    'the warehouse finds no ticket by its number');
SELECT is_empty($$SELECT * FROM api.find('t900001') WHERE kind = 'ticket'$$,
    'nor without its dash');
SELECT is_empty($$SELECT * FROM api.find('900001') WHERE kind = 'ticket'$$,
    'nor by its digits');
SELECT t_find_finds('r900001', 'return', 'R-900001', 'the warehouse finds a return by its number');
SELECT t_find_finds('arvituro tunde', 'customer', 'Árvíztűrő Tünde', 'the warehouse finds a similar name too');
SELECT results_eq($$SELECT kind, label FROM api.find('123 456 78 90')$$, $$VALUES ('customer', 'Yedi Hane')$$,
    'digits that are a phone and a ticket''s number: the warehouse gets the customer, not the ticket');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_find_sup;
SELECT t_find_finds('sukru ozturk', 'customer', 'Şükrü Öztürk', 'a supervisor login can search by name');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_find_shop;
-- BD001 if the shop may call api.find and is turned away by its role check, 42501 if
-- (as grants.sql expects) it has no EXECUTE on it at all; either way: no results.
SELECT t_find_refused($$SELECT * FROM api.find('sukru ozturk')$$, ARRAY['BD001', '42501'],
    'a shop login cannot search');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_find_nobody;
SELECT t_find_refused($$SELECT * FROM api.find('sukru ozturk')$$, ARRAY['42501'],
    'a login in no backdesk group (PUBLIC) cannot search');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
