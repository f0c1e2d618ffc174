-- "Late to ship" is one rule on one clock (0015): backdesk.late_to_ship(status,
-- ship_by), paid or packed and past the ship-by day in the shop's calendar
-- (Istanbul), whatever the session's TimeZone.  Before 0015 the order screen's 'late'
-- used current_date (the session's day) and its plain words the shop's day, so around
-- midnight one screen said both "not late" and "(late to ship)".
--
-- The session's TimeZone is chosen so that its date differs from Istanbul's right
-- now: twelve hours west of UTC while it is before 15:00 in Istanbul (there it is
-- still yesterday), fourteen east after (there it is already tomorrow).  An order due
-- on the earlier of the two days is where the clocks disagree.  The console's list
-- query runs the same function (tests/unit/test_db_orders.c checks the list itself).
BEGIN;
SELECT plan(18);

SELECT set_config('TimeZone',
                  CASE WHEN extract(hour FROM now() AT TIME ZONE 'Europe/Istanbul') < 15
                       THEN 'Etc/GMT+12' ELSE 'Pacific/Kiritimati' END, true) \g /dev/null
SELECT isnt(current_date, backdesk.shop_date(now()),
    'the session''s date differs from the shop''s (TimeZone ' || current_setting('TimeZone') || ')');

CREATE FUNCTION public.t_lts_doc(p_number text, p_ship_by date) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number, 'ship_by', p_ship_by::text) || '{
         "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "lts@example.com", "name": "Gece Yarısı", "locale": "tr"},
         "shipping_address": {"line1": "Saat Kulesi 1", "city": "İzmir", "country": "TR"},
         "lines": [{"sku": "LTS-1", "name": "Saat", "qty": 1, "unit_price": "100.00", "tax_rate": "0.20"}],
         "payment": {"method": "card", "paid": "100.00"}}'::jsonb;

-- EDGE is due on the earlier day: late by one clock and not by the other.  TODAY is
-- due on the shop's today (never late yet), PAST long ago (late by both).
CREATE TEMP TABLE t_lts (number text PRIMARY KEY, id bigint, ship_by date);
INSERT INTO t_lts (number, ship_by) VALUES
    ('SO-LTS-EDGE', least(current_date, backdesk.shop_date(now()))),
    ('SO-LTS-TODAY', backdesk.shop_date(now())),
    ('SO-LTS-PAST', backdesk.shop_date(now()) - 30);
UPDATE t_lts SET id = api.import_order(t_lts_doc(number, ship_by));

-- What the order screen, the customer screen and the list say about each order.
CREATE TEMP VIEW t_lts_said AS
SELECT t.number,
       t.ship_by < backdesk.shop_date(now()) AS shop_rule,
       (api.order_detail(t.id) ->> 'late')::boolean AS detail_late,
       api.order_detail(t.id) ->> 'plain_status' LIKE '%(late to ship)%' AS detail_words,
       (SELECT (x ->> 'late')::boolean
        FROM jsonb_array_elements(api.customer_360(o.customer_id) -> 'orders') x
        WHERE x ->> 'number' = t.number) AS customer_late,
       backdesk.late_to_ship(o.status, o.ship_by) AS list_late
FROM t_lts t JOIN backdesk.orders o ON o.id = t.id;

SELECT is((SELECT detail_late FROM t_lts_said WHERE number = 'SO-LTS-EDGE'),
          (SELECT shop_rule FROM t_lts_said WHERE number = 'SO-LTS-EDGE'),
    'order_detail: late on the edge day by the shop''s calendar, not the session''s');
SELECT is((SELECT detail_words FROM t_lts_said WHERE number = 'SO-LTS-EDGE'),
          (SELECT detail_late FROM t_lts_said WHERE number = 'SO-LTS-EDGE'),
    'order_detail: "(late to ship)" in the plain words exactly when ''late'' says so');
SELECT is((SELECT customer_late FROM t_lts_said WHERE number = 'SO-LTS-EDGE'),
          (SELECT detail_late FROM t_lts_said WHERE number = 'SO-LTS-EDGE'),
    'customer_360 says what the order screen says');
SELECT is((SELECT list_late FROM t_lts_said WHERE number = 'SO-LTS-EDGE'),
          (SELECT detail_late FROM t_lts_said WHERE number = 'SO-LTS-EDGE'),
    'the list''s rule (backdesk.late_to_ship) says what the order screen says');
SELECT is_empty($$SELECT * FROM t_lts_said
                  WHERE detail_late IS DISTINCT FROM shop_rule OR detail_words IS DISTINCT FROM shop_rule
                     OR customer_late IS DISTINCT FROM shop_rule OR list_late IS DISTINCT FROM shop_rule$$,
    'every order: all four agree with the shop''s calendar');
SELECT results_eq($$SELECT number, detail_late FROM t_lts_said WHERE number <> 'SO-LTS-EDGE' ORDER BY number$$,
    $$VALUES ('SO-LTS-PAST', true), ('SO-LTS-TODAY', false)$$,
    'due long ago: late; due today: not late yet');

-- Only paid and packed orders can be late to ship.
UPDATE backdesk.orders SET status = s.status
FROM (VALUES ('SO-LTS-PAST', 'shipped')) s (number, status) WHERE orders.number = s.number;
SELECT is((SELECT detail_late OR detail_words OR customer_late OR list_late FROM t_lts_said
           WHERE number = 'SO-LTS-PAST'), false, 'a shipped order is not late to ship, anywhere');
UPDATE backdesk.orders SET status = 'packed' WHERE number = 'SO-LTS-PAST';
SELECT is((SELECT detail_late AND detail_words AND customer_late AND list_late FROM t_lts_said
           WHERE number = 'SO-LTS-PAST'), true, 'a packed one is, everywhere');
SELECT is(backdesk.late_to_ship('pending', '2000-01-01'), false, 'an unpaid order is not late to ship');
SELECT is(backdesk.late_to_ship('paid', NULL), NULL, 'no ship-by day: unknown');

-- Gift codes expire by the shop's day as well.
INSERT INTO backdesk.gift_codes (code, customer_id, order_id, amount, currency, reason, expires_at)
SELECT 'LTS-GIFT-' || n, o.customer_id, o.id, 10, 'TRY', 'test', d
FROM backdesk.orders o,
     (VALUES (1, least(current_date, backdesk.shop_date(now()))),
             (2, backdesk.shop_date(now()) - 1)) g (n, d)
WHERE o.number = 'SO-LTS-EDGE';
SELECT results_eq($$
    SELECT x ->> 'code', x ->> 'state'
    FROM t_lts t JOIN backdesk.orders o ON o.id = t.id,
         jsonb_array_elements(api.customer_360(o.customer_id) -> 'gift_codes') x
    WHERE t.number = 'SO-LTS-EDGE' ORDER BY 1
$$, $$VALUES ('LTS-GIFT-1', CASE WHEN least(current_date, backdesk.shop_date(now())) < backdesk.shop_date(now())
                                 THEN 'expired' ELSE 'valid' END),
             ('LTS-GIFT-2', 'expired')$$,
    'customer_360: a gift code expires after its day in the shop''s calendar');

-- The list filters on the function: it must stay inlinable (no SET clause, not
-- SECURITY DEFINER), or the late filter runs it per row instead of using the index.
CREATE FUNCTION public.t_lts_plan(p_sql text) RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v_line text;
    v_plan text := '';
BEGIN
    FOR v_line IN EXECUTE 'EXPLAIN ' || p_sql LOOP
        v_plan := v_plan || v_line || E'\n';
    END LOOP;
    RETURN v_plan;
END
$$;
SELECT unalike(t_lts_plan($$SELECT o.id FROM backdesk.orders o WHERE backdesk.late_to_ship(o.status, o.ship_by)$$),
    '%late_to_ship%', 'late_to_ship is inlined into the query that calls it');
SELECT is((SELECT p.proconfig IS NULL AND NOT p.prosecdef AND p.provolatile = 's' AND p.prosqlbody IS NOT NULL
           FROM pg_proc p WHERE p.oid = 'backdesk.late_to_ship(text, date)'::regprocedure), true,
    'late_to_ship: STABLE, no SET, not SECURITY DEFINER, a SQL-standard body bound when created');
-- And so must the shop's date it calls (0055), or every row of the list calls it.
SELECT unalike(t_lts_plan($$SELECT o.id FROM backdesk.orders o WHERE backdesk.late_to_ship(o.status, o.ship_by)$$),
    '%shop_date%', 'shop_date is inlined too: the list''s late mark calls no function per row');
SELECT is((SELECT p.proconfig IS NULL AND NOT p.prosecdef AND p.provolatile = 's' AND p.prosqlbody IS NOT NULL
           FROM pg_proc p WHERE p.oid = 'backdesk.shop_date(timestamptz)'::regprocedure), true,
    'shop_date: STABLE, no SET, not SECURITY DEFINER, a SQL-standard body bound when created');

-- The console's list reads the tables as the login.
SELECT count(*) AS t_lts_late FROM t_lts_said WHERE shop_rule \gset
CREATE ROLE t_lts_agent LOGIN IN ROLE backdesk_agent;
CREATE ROLE t_lts_wh LOGIN IN ROLE backdesk_warehouse;
SET SESSION AUTHORIZATION t_lts_agent;
SELECT is((SELECT count(*) FROM backdesk.orders o
           WHERE o.number LIKE 'SO-LTS-%' AND backdesk.late_to_ship(o.status, o.ship_by)), :t_lts_late::bigint,
    'an agent filters the list with it, and finds the same orders');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_lts_wh;
SELECT lives_ok($$SELECT count(*) FROM backdesk.orders o WHERE backdesk.late_to_ship(o.status, o.ship_by)$$,
    'so does the warehouse');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
