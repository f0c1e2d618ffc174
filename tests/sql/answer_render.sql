-- Every answer template, in every language, rendered against orders in every state
-- (pending, paid, packed, shipped, delivered, cancelled; late and on time; with and
-- without a parcel, a tracking page, a compensation, a refund): what is rendered has
-- no unfilled {placeholder} and no date before the shop's today, and what cannot be
-- rendered is refused with BD002 and not offered.  Then the rules one by one: the new
-- dates, the compensation variants, the amounts per language, the refusals of
-- render_template, queue_template and of templates nobody can fill.  A category may
-- need the order in a state (0022, backdesk.answer_category_needs): "Arrived damaged"
-- and "Wrong item" only once a parcel was delivered, refund answers once something was
-- refunded; the others say why not ("the order has not been delivered yet").
-- Every date is relative to the shop's today, so the file holds on any day.
BEGIN;
SELECT plan(72);

CREATE TEMP TABLE t_ar_today AS SELECT backdesk.shop_date(now()) AS d;
CREATE FUNCTION pg_temp.today() RETURNS date LANGUAGE sql AS $$ SELECT d FROM t_ar_today $$;
-- A moment on the shop's day today + p_days, at noon Istanbul.
CREATE FUNCTION pg_temp.at(p_days integer) RETURNS timestamptz LANGUAGE sql
AS $$ SELECT ((pg_temp.today() + p_days)::timestamp + interval '12 hours') AT TIME ZONE 'Europe/Istanbul' $$;
CREATE FUNCTION pg_temp.oid_of(p_number text) RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.orders WHERE number = p_number $$;
-- The days a text names, in either form a customer reads (0050, 0058): 2026-11-24
-- (en, hu) and 24.11.2026 (tr).
CREATE FUNCTION pg_temp.dates_in(p_text text) RETURNS SETOF date LANGUAGE sql
AS $$ SELECT make_date(m[1]::integer, m[2]::integer, m[3]::integer)
      FROM regexp_matches(p_text, '(\d{4})-(\d{2})-(\d{2})', 'g') m
      UNION ALL
      SELECT make_date(m[3]::integer, m[2]::integer, m[1]::integer)
      FROM regexp_matches(p_text, '(\d{2})\.(\d{2})\.(\d{4})', 'g') m $$;

-- The states.  placed / ship_by: days from today; shipped, delivered: days from today
-- (NULL: no parcel, not delivered); eta: the carrier's expected delivery; comp: the
-- compensations given, oldest first (gift, refund, expired).
CREATE TEMP TABLE t_ar_state (state text PRIMARY KEY, status text, placed integer, ship_by integer,
                              paid boolean, fee boolean, shipped integer, carrier text, eta integer,
                              delivered integer, comp text[]);
INSERT INTO t_ar_state VALUES
    ('pending',              'pending',   -1,  1, false, false, NULL, NULL,   NULL, NULL, '{}'),
    ('pending-late',         'pending',   -6, -3, false, false, NULL, NULL,   NULL, NULL, '{}'),
    ('paid',                 'paid',      -1,  1, true,  false, NULL, NULL,   NULL, NULL, '{}'),
    ('paid-due-today',       'paid',      -2,  0, true,  false, NULL, NULL,   NULL, NULL, '{}'),
    ('paid-late',            'paid',      -6, -3, true,  false, NULL, NULL,   NULL, NULL, '{}'),
    ('paid-late-gift',       'paid',      -6, -3, true,  false, NULL, NULL,   NULL, NULL, '{gift}'),
    ('paid-late-refund',     'paid',      -6, -3, true,  false, NULL, NULL,   NULL, NULL, '{refund}'),
    ('paid-late-gift-refund','paid',      -6, -3, true,  false, NULL, NULL,   NULL, NULL, '{gift,refund}'),
    ('paid-late-expired',    'paid',      -6, -3, true,  false, NULL, NULL,   NULL, NULL, '{expired}'),
    ('paid-fee-refunded',    'paid',      -1,  1, true,  true,  NULL, NULL,   NULL, NULL, '{}'),
    ('packed',               'packed',    -1,  1, true,  false, NULL, NULL,   NULL, NULL, '{}'),
    ('packed-late',          'packed',    -5, -1, true,  false, NULL, NULL,   NULL, NULL, '{}'),
    ('shipped',              'shipped',   -2,  0, true,  false,   -1, 'aras', NULL, NULL, '{}'),
    ('shipped-window-begun', 'shipped',   -5, -3,  true, false,   -4, 'yurtici', NULL, NULL, '{}'),
    ('shipped-no-page',      'shipped',   -2,  0, true,  false,   -1, 'kargoist', NULL, NULL, '{}'),
    ('shipped-late',         'shipped',  -10, -8, true,  false,   -8, 'mng',  NULL, NULL, '{}'),
    ('shipped-late-eta',     'shipped',  -10, -8, true,  false,   -8, 'dhl',     2, NULL, '{}'),
    ('shipped-late-eta-past','shipped',  -10, -8, true,  false,   -8, 'ups',    -1, NULL, '{}'),
    ('shipped-late-gift',    'shipped',  -10, -8, true,  false,   -8, 'ptt',  NULL, NULL, '{gift}'),
    ('shipped-late-refund',  'shipped',  -10, -8, true,  true,    -8, 'gls',  NULL, NULL, '{refund}'),
    ('delivered',            'delivered', -6, -4, true,  false,   -4, 'mpl',  NULL,   -2, '{}'),
    ('delivered-long-ago',   'delivered',-40,-38, true,  false,  -38, 'aras', NULL,  -35, '{}'),
    ('delivered-no-day',     'delivered', -6, -4, true,  false,   -4, 'aras', NULL, NULL, '{}'),
    ('delivered-late-gift',  'delivered',-12,-10, true,  false,  -10, 'aras', NULL,   -1, '{gift}'),
    ('cancelled',            'cancelled', -3, -1, true,  false, NULL, NULL,   NULL, NULL, '{}'),
    ('cancelled-unpaid',     'cancelled', -3, -1, false, false, NULL, NULL,   NULL, NULL, '{}');

-- One order per state and customer language (hu has no templates: English).
DO $$
DECLARE
    s record;
    l text;
    n text;
    k integer := 0;
BEGIN
    FOR s IN SELECT * FROM t_ar_state LOOP
        FOREACH l IN ARRAY ARRAY['en', 'tr', 'hu'] LOOP
            n := format('SO-AR-%s-%s', s.state, l);
            PERFORM api.import_order(jsonb_build_object(
                'number', n, 'placed_at', pg_temp.at(s.placed), 'ship_by', pg_temp.today() + s.ship_by,
                'currency', CASE l WHEN 'hu' THEN 'HUF' ELSE 'TRY' END,
                'customer', jsonb_build_object('email', format('ar-%s@example.com', l), 'name', 'Müşteri ' || upper(l),
                                               'locale', l),
                'shipping_address', jsonb_build_object('line1', 'Kordon 1', 'city', 'İzmir', 'country', 'TR'),
                'lines', jsonb_build_array(jsonb_build_object('sku', 'A-1', 'name', 'Çaydanlık', 'qty', 1,
                                                              'unit_price', '1234.50')),
                'shipping_fee', CASE WHEN s.fee THEN '29.90' ELSE '0.00' END, 'free_shipping', s.fee,
                'payment', jsonb_build_object('method', 'card',
                                              'paid', CASE WHEN s.paid THEN CASE WHEN s.fee THEN '1264.40' ELSE '1234.50' END
                                                           ELSE '0.00' END)));
            IF s.fee THEN
                PERFORM api.refund_shipping_fee(n, 'charged on free shipping', gen_random_uuid());
            END IF;
            FOR i IN 1 .. cardinality(s.comp) LOOP
                IF s.comp[i] = 'refund' THEN
                    PERFORM api.compensate_delay(n, 'refund', 40, 'late', gen_random_uuid());
                ELSE
                    PERFORM api.compensate_delay(n, 'gift_code', 50, 'late', gen_random_uuid());
                    IF s.comp[i] = 'expired' THEN
                        UPDATE backdesk.gift_codes SET expires_at = pg_temp.today() - 1 WHERE order_id = pg_temp.oid_of(n);
                    END IF;
                END IF;
                -- One after the other, so "the most recent" is well defined.
                UPDATE backdesk.gift_codes SET created_at = now() - make_interval(mins => 10 - i)
                WHERE order_id = pg_temp.oid_of(n) AND created_at = now();
                UPDATE backdesk.refunds SET created_at = now() - make_interval(mins => 10 - i)
                WHERE order_id = pg_temp.oid_of(n) AND kind = 'goodwill' AND created_at = now();
            END LOOP;
            IF s.status = 'cancelled' THEN
                PERFORM api.cancel_order(n, 'customer asked');
            END IF;
            IF s.shipped IS NOT NULL THEN
                k := k + 1;
                INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at,
                                                expected_delivery, delivered_at)
                VALUES (pg_temp.oid_of(n), s.carrier, format('AR%sX%s', k, l),
                        CASE WHEN s.status = 'delivered' THEN 'DELIVERED' ELSE 'IN_TRANSIT' END, pg_temp.at(s.shipped),
                        pg_temp.today() + s.eta, pg_temp.at(s.delivered));
            END IF;
            UPDATE backdesk.orders SET status = s.status WHERE number = n;
        END LOOP;
    END LOOP;
END
$$;

-- Every template against every order, as an agent would get it.
CREATE TEMP TABLE t_ar_render (number text, template_id bigint, key text, locale text, body text,
                               code text, message text);
DO $$
DECLARE
    o record;
    t record;
    v_body text;
BEGIN
    FOR o IN SELECT number FROM backdesk.orders WHERE number LIKE 'SO-AR-%' LOOP
        FOR t IN SELECT id, key, locale FROM backdesk.templates LOOP
            BEGIN
                v_body := api.render_template(t.id, o.number);
                INSERT INTO t_ar_render VALUES (o.number, t.id, t.key, t.locale, v_body, NULL, NULL);
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO t_ar_render VALUES (o.number, t.id, t.key, t.locale, NULL, SQLSTATE, SQLERRM);
            END;
        END LOOP;
    END LOOP;
END
$$;
CREATE TEMP TABLE t_ar_offer AS
SELECT o.number, a.* FROM backdesk.orders o,
    api.order_answers(o.number) WITH ORDINALITY AS a(template_id, category, title, body, why_not, n)
WHERE o.number LIKE 'SO-AR-%';

------------------------------------------------------------------------------
-- The matrix.
------------------------------------------------------------------------------
SELECT is((SELECT count(DISTINCT number)::integer FROM t_ar_render), 78, 'orders: 26 states, each in en, tr and hu');
SELECT is((SELECT count(*) FROM t_ar_render), (SELECT count(*) * 78 FROM backdesk.templates),
    'every template in every language rendered against every order');
SELECT is_empty($$SELECT number, key, locale, m[1] FROM t_ar_render, regexp_matches(body, '\{[A-Za-z0-9_]*\}', 'g') m$$,
    'no rendered answer has an unfilled {placeholder}');
SELECT is_empty($$SELECT number, key, locale, d FROM t_ar_render, pg_temp.dates_in(body) d
                  WHERE d < pg_temp.today()$$,
    'no rendered answer has a date before the shop''s today');
-- 0058: the days in an answer as its language writes them, like the e-mails (0050).
SELECT is_empty($$SELECT number, key, m[1] FROM t_ar_render, regexp_matches(body, '\d{4}-\d{2}-\d{2}', 'g') m
                  WHERE locale = 'tr'$$,
    'no Turkish answer writes a day in ISO');
SELECT isnt_empty($$SELECT 1 FROM t_ar_render, regexp_matches(body, '\d{2}\.\d{2}\.\d{4}', 'g') m
                    WHERE locale = 'tr'$$,
    'Turkish answers write their days as 24.11.2026');
SELECT is_empty($$SELECT number, key, locale, m[1] FROM t_ar_render, regexp_matches(body, '\d{2}\.\d{2}\.\d{4}', 'g') m
                  WHERE locale <> 'tr'$$,
    'English and Hungarian answers write them as 2026-11-24');
SELECT is_empty($$SELECT number, key, locale, code, message FROM t_ar_render
                  WHERE body IS NULL AND (code <> 'BD002' OR (message NOT LIKE 'the answer "%" needs {%}, which order % does not have: %'
                                                             AND message NOT LIKE 'the answer "%" does not fit order %: %'))$$,
    'what cannot be rendered is refused with BD002, naming the value it lacks or the state the order is not in');
SELECT is_empty($$
    SELECT r.number, r.key, r.message, a.why_not FROM t_ar_offer a JOIN t_ar_render r ON r.number = a.number AND r.template_id = a.template_id
    WHERE r.body IS NULL AND position(substring(r.message FROM ': ([^:]*)$') IN a.why_not) <> 1
$$, 'the reason render_template gives is the first that order_answers lists');
SELECT is_empty($$
    SELECT r.number, r.key, r.body IS NOT NULL AS rendered, a.body IS NOT NULL AS offered
    FROM t_ar_offer a JOIN t_ar_render r ON r.number = a.number AND r.template_id = a.template_id
    WHERE (r.body IS NULL) <> (a.body IS NULL) OR r.body <> a.body OR (a.body IS NULL) <> (a.why_not IS NOT NULL)
$$, 'order_answers offers exactly what renders, with the same text, and says why not for the rest');
SELECT is_empty($$
    SELECT t.key, t.locale FROM backdesk.templates t
    WHERE NOT EXISTS (SELECT FROM t_ar_render r WHERE r.template_id = t.id AND r.body IS NOT NULL)
$$, 'every template fits at least one of the orders (the matrix reaches them all)');
-- Until 0022 every order was offered at least "Arrived damaged" and "Wrong item"; an
-- order no answer fits now gets none (the screen says "no answer fits this order").
SELECT set_eq($$
    SELECT o.number FROM backdesk.orders o WHERE o.number LIKE 'SO-AR-%'
      AND NOT EXISTS (SELECT FROM t_ar_offer a WHERE a.number = o.number AND a.body IS NOT NULL)
$$, $$SELECT format('SO-AR-%s-%s', s, l) FROM unnest(ARRAY['pending', 'pending-late', 'shipped-no-page', 'cancelled-unpaid']) s,
                                            unnest(ARRAY['en', 'tr', 'hu']) l$$,
    'every order is offered some answer but those awaiting payment, cancelled unpaid, or with a parcel that has no tracking page');
SELECT is_empty($$
    SELECT a.number, t.locale FROM t_ar_offer a JOIN backdesk.templates t ON t.id = a.template_id
    WHERE t.locale <> CASE WHEN a.number LIKE '%-tr' THEN 'tr' ELSE 'en' END
$$, 'offered in the customer''s language (English for hu, which has no templates)');
SELECT is_empty($$
    SELECT a.number FROM t_ar_offer a JOIN t_ar_offer b ON b.number = a.number
    WHERE a.body IS NULL AND b.body IS NOT NULL AND b.n > a.n
$$, 'the answers that fit come before the others');

------------------------------------------------------------------------------
-- What each state is offered.
------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.offered(p_number text) RETURNS text[] LANGUAGE sql
AS $$ SELECT coalesce(array_agg(t.key ORDER BY t.key), '{}') FROM t_ar_offer a JOIN backdesk.templates t ON t.id = a.template_id
      WHERE a.number = p_number AND a.body IS NOT NULL
        AND t.key IN ('parcel-on-its-way', 'not-shipped-yet', 'late-delivery', 'late-delivery-gift',
                      'late-delivery-refund', 'late-shipping', 'late-shipping-gift', 'late-shipping-refund',
                      'how-to-return', 'refund-issued', 'shipping-fee-refunded') $$;
SELECT is(pg_temp.offered('SO-AR-paid-en'), '{not-shipped-yet}', 'paid, on time: "not shipped yet", by its ship-by day');
SELECT is(pg_temp.offered('SO-AR-paid-due-today-tr'), '{not-shipped-yet}', 'due to ship today: still on time');
SELECT is(pg_temp.offered('SO-AR-pending-en'), '{}', 'awaiting payment: no promise of a ship day');
SELECT is(pg_temp.offered('SO-AR-paid-late-en'), '{late-shipping}', 'late to ship: the apology with a new day, not the past one');
SELECT is(pg_temp.offered('SO-AR-packed-late-tr'), '{late-shipping}', 'packed and late: the same');
SELECT is(pg_temp.offered('SO-AR-paid-late-gift-tr'), '{late-shipping,late-shipping-gift}',
    'late with a gift code given: the apology that mentions it too');
SELECT is(pg_temp.offered('SO-AR-paid-late-refund-en'), '{late-shipping,late-shipping-refund,refund-issued}',
    'late with a delay refund given: the apology that mentions it, and the refund');
SELECT is(pg_temp.offered('SO-AR-paid-late-gift-refund-en'), '{late-shipping,late-shipping-refund,refund-issued}',
    'a gift code, then a refund: the most recent one is mentioned');
SELECT is(pg_temp.offered('SO-AR-paid-late-expired-hu'), '{late-shipping}', 'an expired gift code is not mentioned');
SELECT is(pg_temp.offered('SO-AR-paid-fee-refunded-en'), '{not-shipped-yet,refund-issued,shipping-fee-refunded}',
    'a shipping fee refunded: the fee answer, and the refund');
SELECT is(pg_temp.offered('SO-AR-shipped-tr'), '{parcel-on-its-way}', 'shipped and on time: the parcel, its tracking, its window');
SELECT is(pg_temp.offered('SO-AR-shipped-no-page-en'), '{}', 'a carrier without a tracking page: no answer with a link');
SELECT is(pg_temp.offered('SO-AR-shipped-late-en'), '{late-delivery}', 'delivery late: the apology with a new day');
SELECT is(pg_temp.offered('SO-AR-shipped-late-gift-tr'), '{late-delivery,late-delivery-gift}', 'delivery late, gift code given');
SELECT is(pg_temp.offered('SO-AR-shipped-late-refund-en'),
    '{late-delivery,late-delivery-refund,refund-issued,shipping-fee-refunded}', 'delivery late, refund given');
SELECT is(pg_temp.offered('SO-AR-delivered-en'), '{how-to-return}', 'delivered: how to return, until when');
SELECT is(pg_temp.offered('SO-AR-delivered-long-ago-tr'), '{}', 'delivered 35 days ago: the return period is over');
SELECT is(pg_temp.offered('SO-AR-delivered-late-gift-en'), '{how-to-return}', 'delivered: no more apology for the delay');
SELECT is(pg_temp.offered('SO-AR-cancelled-tr'), '{refund-issued}', 'cancelled: the refund of what was paid');
SELECT is(pg_temp.offered('SO-AR-cancelled-unpaid-en'), '{}', 'cancelled unpaid: no refund to speak of');
SELECT is((SELECT why_not FROM t_ar_offer a JOIN backdesk.templates t ON t.id = a.template_id
           WHERE a.number = 'SO-AR-paid-late-en' AND t.key = 'not-shipped-yet'),
    format('the ship-by date %s is past', pg_temp.today() - 3), 'why not: the ship-by day is past, with the day');
SELECT is((SELECT why_not FROM t_ar_offer a JOIN backdesk.templates t ON t.id = a.template_id
           WHERE a.number = 'SO-AR-paid-late-en' AND t.key = 'parcel-on-its-way'),
    'not shipped yet', 'why not: the parcel''s answer before shipping');

------------------------------------------------------------------------------
-- A category's answers only in the states it needs (0022).
------------------------------------------------------------------------------
SELECT set_eq($$SELECT DISTINCT a.number FROM t_ar_offer a JOIN backdesk.templates t ON t.id = a.template_id
                WHERE t.key IN ('damaged', 'wrong-item') AND a.body IS NOT NULL$$,
              $$SELECT format('SO-AR-%s-%s', s, l) FROM unnest(ARRAY['delivered', 'delivered-long-ago', 'delivered-no-day',
                                                                      'delivered-late-gift']) s,
                                                         unnest(ARRAY['en', 'tr', 'hu']) l$$,
    '"Arrived damaged" and "Wrong item" are offered only once the order was delivered (also 35 days on, or with no day recorded)');
SELECT is_empty($$SELECT a.number, t.key FROM t_ar_offer a JOIN backdesk.templates t ON t.id = a.template_id
                  WHERE t.key IN ('damaged', 'wrong-item') AND a.body IS NULL AND (a.number LIKE 'SO-AR-delivered%') $$,
    'and to every delivered order, in each language');
SELECT results_eq($$SELECT t.key, a.why_not FROM t_ar_offer a JOIN backdesk.templates t ON t.id = a.template_id
                    WHERE a.number = 'SO-AR-shipped-en' AND t.key IN ('damaged', 'wrong-item') ORDER BY t.key$$,
    $$VALUES ('damaged', 'the order has not been delivered yet'), ('wrong-item', 'the order has not been delivered yet')$$,
    'on the way: listed under not for this order, because it has not been delivered yet');
SELECT is((SELECT a.why_not FROM t_ar_offer a JOIN backdesk.templates t ON t.id = a.template_id
           WHERE a.number = 'SO-AR-cancelled-tr' AND t.key = 'damaged'),
    'the order was cancelled', 'cancelled: because it was cancelled');
SELECT is((SELECT message FROM t_ar_render WHERE number = 'SO-AR-paid-late-en' AND key = 'wrong-item' AND locale = 'en'),
    'the answer "Wrong item" does not fit order SO-AR-paid-late-en: the order has not been delivered yet',
    'render_template refuses it the same way, with the reason');
SELECT is((SELECT a.why_not FROM t_ar_offer a JOIN backdesk.templates t ON t.id = a.template_id
           WHERE a.number = 'SO-AR-paid-en' AND t.key = 'refund-issued'),
    'nothing refunded yet', 'a refund answer needs something refunded (its category and its value say it once)');
SELECT is((SELECT message FROM t_ar_render WHERE number = 'SO-AR-paid-en' AND key = 'refund-issued' AND locale = 'en'),
    'the answer "Refund issued" does not fit order SO-AR-paid-en: nothing refunded yet',
    'render_template names the category''s reason first');
SELECT set_eq($$SELECT category || ' ' || state FROM backdesk.answer_category_needs$$,
              $$VALUES ('damaged delivered'), ('wrong-item delivered'), ('refund refunded')$$,
    'the rule is data: damaged and wrong-item need a delivered parcel, refund something refunded');
SELECT set_eq($$SELECT state FROM backdesk.answer_states(pg_temp.oid_of('SO-AR-paid-en'))$$,
              $$SELECT unnest(regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g'))
                FROM pg_constraint c WHERE c.conrelid = 'backdesk.answer_category_needs'::regclass AND c.contype = 'c'$$,
    'answer_states answers for exactly the states a category may need');

------------------------------------------------------------------------------
-- The values: new days, amounts.
------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.val(p_number text, p_name text, p_locale text DEFAULT 'en') RETURNS text LANGUAGE sql
AS $$ SELECT v.value FROM backdesk.answer_values(pg_temp.oid_of(p_number), p_locale) v WHERE v.name = p_name $$;
SELECT is(pg_temp.val('SO-AR-paid-late-en', 'new_ship_by'), (pg_temp.today() + 3)::text,
    'new_ship_by: today plus the handling time it was promised (placed 6 days ago, to ship 3 days later)');
SELECT is(pg_temp.val('SO-AR-packed-late-en', 'new_ship_by'), (pg_temp.today() + 4)::text,
    'new_ship_by: another order, its own handling time (4 days)');
SELECT is(pg_temp.val('SO-AR-shipped-late-eta-en', 'new_deliver_by'), (pg_temp.today() + 2)::text,
    'new_deliver_by: the carrier''s expected day when it is ahead');
SELECT is(pg_temp.val('SO-AR-shipped-late-eta-past-en', 'new_deliver_by'), (pg_temp.today() + 5)::text,
    'new_deliver_by: else today plus the transit time promised (5 days)');
SELECT is(pg_temp.val('SO-AR-shipped-window-begun-en', 'promised_from') || ' ' || pg_temp.val('SO-AR-shipped-window-begun-en', 'promised_to'),
    pg_temp.today()::text || ' ' || (pg_temp.today() + 1)::text, 'a window already begun is promised from today');
SELECT is(pg_temp.val('SO-AR-delivered-en', 'return_until'), (pg_temp.today() + 12)::text, 'return_until: 14 days after delivery');
SELECT results_eq($$SELECT backdesk.answer_fill_values(pg_temp.oid_of('SO-AR-paid-late-tr'), l) ->> 'new_ship_by'
                    FROM unnest(ARRAY['en', 'tr', 'hu']) l$$,
    format($$VALUES (%L), (%L), (%L)$$, (pg_temp.today() + 3)::text, to_char(pg_temp.today() + 3, 'DD.MM.YYYY'),
           (pg_temp.today() + 3)::text),
    'an answer is filled with its days written for its language (0058)');
SELECT is(pg_temp.val('SO-AR-paid-late-tr', 'new_ship_by', 'tr'), (pg_temp.today() + 3)::text,
    'answer_values keeps the day itself, in ISO, for what reads it back as a day');
SELECT results_eq($$SELECT pg_temp.val('SO-AR-paid-late-refund-en', 'refund_amount', l) FROM unnest(ARRAY['en', 'tr', 'hu']) l$$,
    $$VALUES ('40.00 TRY'), ('40,00 TRY'), ('40,00 TRY')$$, 'an amount, with its currency, written for each language');
SELECT results_eq($$SELECT pg_temp.val('SO-AR-paid-hu', 'total', l) FROM unnest(ARRAY['en', 'tr', 'hu']) l$$,
    $$VALUES ('1,234.50 HUF'), ('1.234,50 HUF'), ('1 234,50 HUF')$$, 'thousands grouped the way each language does');
SELECT is((SELECT array_agg(name ORDER BY name) FROM backdesk.answer_values(pg_temp.oid_of('SO-AR-paid-en'), 'en')),
          (SELECT array_agg(name ORDER BY name) FROM backdesk.template_placeholders()),
    'answer_values answers for every placeholder the renderer knows');

------------------------------------------------------------------------------
-- The confirmation and tracking e-mails promise no past day either.
------------------------------------------------------------------------------
CREATE TEMP TABLE t_ar_mail (number text, kind text, body text, code text);
DO $$
DECLARE
    o record;
    k text;
    v_id bigint;
BEGIN
    FOR o IN SELECT number FROM backdesk.orders WHERE number LIKE 'SO-AR-%' LOOP
        FOREACH k IN ARRAY ARRAY['order_confirmation', 'tracking'] LOOP
            BEGIN
                v_id := api.queue_message(o.number, k);
                -- An e-mail's text is its values in its file (0049): the values are what SQL wrote.
                INSERT INTO t_ar_mail
                SELECT o.number, k, (SELECT string_agg(e.value, E'\n' ORDER BY e.key) FROM jsonb_each_text(x.vars) e), NULL
                FROM backdesk.outbox x WHERE x.id = v_id;
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO t_ar_mail VALUES (o.number, k, NULL, SQLSTATE);
            END;
        END LOOP;
    END LOOP;
END
$$;
SELECT is((SELECT count(*)::integer FROM t_ar_mail WHERE body IS NOT NULL), 108,
    'queue_message: a confirmation for every order not cancelled (72), tracking for every one with a parcel (36)');
SELECT is_empty($$SELECT number, kind, d FROM t_ar_mail, pg_temp.dates_in(body) d
                  WHERE d < pg_temp.today()$$,
    'queue_message: no date before the shop''s today in any of them');
SELECT is((SELECT substring(body FROM 'We are sorry[^\n]*') FROM t_ar_mail WHERE number = 'SO-AR-paid-late-en' AND kind = 'order_confirmation'),
    format('We are sorry that it did not leave us on the day we promised; we will ship it by %s.', pg_temp.today() + 3),
    'queue_message: a late order''s confirmation apologises and gives the new day');
DELETE FROM backdesk.outbox;

------------------------------------------------------------------------------
-- Refusals.
------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.tpl(p_key text, p_locale text) RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.templates WHERE key = p_key AND locale = p_locale $$;
SELECT refused(format($$SELECT api.queue_template(%s, 'SO-AR-paid-late-en')$$, pg_temp.tpl('parcel-on-its-way', 'en')),
    'BD002', 'the answer "Parcel on its way" needs {carrier}, which order SO-AR-paid-late-en does not have: not shipped yet',
    'queue_template refuses a template the order cannot fill, naming the value');
SELECT refused(format($$SELECT api.queue_template(%s, 'SO-AR-paid-late-tr')$$, pg_temp.tpl('not-shipped-yet', 'tr')),
    'BD002', format('the answer "Henüz kargoya verilmedi" needs {ship_by}, which order SO-AR-paid-late-tr does not have: the ship-by date %s is past',
                    pg_temp.today() - 3),
    'queue_template refuses a promise of a past day');
SELECT refused(format($$SELECT api.queue_template(%s, 'SO-AR-shipped-tr')$$, pg_temp.tpl('damaged', 'tr')),
    'BD002', 'the answer "Hasarlı teslimat" does not fit order SO-AR-shipped-tr: the order has not been delivered yet',
    'queue_template refuses "Arrived damaged" for a parcel still on its way');
SELECT is((SELECT count(*)::integer FROM backdesk.outbox WHERE kind = 'template'), 0, 'nothing was queued');
SELECT ok(api.queue_template(pg_temp.tpl('damaged', 'en'), 'SO-AR-delivered-long-ago-en') > 0,
    '"Arrived damaged" is queued for a delivered order');
SELECT ok(api.queue_template(pg_temp.tpl('late-shipping', 'tr'), 'SO-AR-paid-late-tr') > 0, 'the apology is queued');
SELECT refused($$UPDATE backdesk.templates SET body = body || ' {discount_code}' WHERE key = 'damaged'$$,
    'BD005', 'template "%" (%) uses {discount_code}, which backdesk does not fill',
    'a template cannot be changed to use a placeholder nobody fills');
SELECT refused($$INSERT INTO backdesk.templates (key, category, locale, title, body)
                 VALUES ('t-ar-en', 'other', 'en', 'English only', 'Hello {customer_name}');
                 SET CONSTRAINTS backdesk.templates_every_language IMMEDIATE$$,
    'BD005', 'template t-ar-en has no tr version', 'a template in one language only is refused at commit');
SET CONSTRAINTS ALL DEFERRED;
SELECT refused($$INSERT INTO backdesk.templates (key, category, locale, title, body)
                 VALUES ('t-ar-two', 'other', 'en', 'Two', 'Hello {customer_name}, {ship_by}'),
                        ('t-ar-two', 'other', 'tr', 'İki', 'Merhaba {customer_name}');
                 SET CONSTRAINTS backdesk.templates_every_language IMMEDIATE$$,
    'BD005', 'template t-ar-two differs between its languages in category or placeholders',
    'its languages must use the same placeholders (so it fits the same orders)');
SET CONSTRAINTS ALL DEFERRED;
SELECT refused($$INSERT INTO backdesk.templates (key, category, locale, title, body)
                 SELECT key, category, 'hu', title, body FROM backdesk.templates WHERE locale = 'en' AND key <> 'damaged';
                 SET CONSTRAINTS backdesk.templates_every_language IMMEDIATE$$,
    'BD005', 'template damaged has no hu version', 'a new language (hu) must bring every template');
SET CONSTRAINTS ALL DEFERRED;

-- A value is not filled again: a name that looks like a placeholder stays as it is.
UPDATE backdesk.customers SET name = 'Ali {tracking_url}' WHERE email = 'ar-en@example.com';
SELECT ok(api.render_template(pg_temp.tpl('not-shipped-yet', 'en'), 'SO-AR-paid-en') LIKE 'Hello Ali {tracking_url},%',
    'placeholders are filled in one pass');

-- A customer reads the carrier's name, never its code (0021).
SELECT is_empty($$SELECT number, key, locale FROM t_ar_render
                  WHERE regexp_replace(body, 'https://\S+', '', 'g') ~ '\m(yurtici|aras|mng|ptt|dhl|ups|fedex|mpl|gls)\M'$$,
                'no answer names a carrier by its code');
SELECT ok(EXISTS (SELECT FROM t_ar_render WHERE body LIKE '%Yurtiçi Kargo%'),
          'the parcel answers name Yurtiçi Kargo');
SELECT * FROM finish();
ROLLBACK;
