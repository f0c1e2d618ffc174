-- Business-hours SLAs (0029): the arithmetic of backdesk.business_add and
-- business_minutes across weekends, holidays, half days and DST changes in both
-- calendars; a ticket's due dates from its policy and its customer's country; the
-- pause while pending; a priority change; backdesk.ticket_sla_state in each state;
-- the admin functions.  Every expected moment is written out by hand, in local time.
BEGIN;
SELECT plan(76);

-- The session's zone must not matter: far from both calendars.
SET LOCAL TimeZone = 'America/Los_Angeles';

------------------------------------------------------------------------------
-- Arithmetic: TR is Mon-Fri 09:00-18:00 and Sat 10:00-14:00, Europe/Istanbul;
-- HU is Mon-Fri 08:00-17:00, Europe/Budapest.
------------------------------------------------------------------------------
SELECT is(backdesk.business_add('TR', '2026-11-24 10:00+03', 30), '2026-11-24 10:30+03'::timestamptz,
    'TR: inside the hours, 30 minutes later');
SELECT is(backdesk.business_add('TR', '2026-11-27 17:00+03', 120), '2026-11-28 11:00+03'::timestamptz,
    'TR weekend: Friday 17:00 + 2 h = Saturday 11:00 (Saturday opens 10:00)');
SELECT is(backdesk.business_add('TR', '2026-11-28 13:30+03', 60), '2026-11-30 09:30+03'::timestamptz,
    'TR weekend: Saturday 13:30 + 1 h = Monday 09:30 (Sunday closed)');
SELECT is(backdesk.business_add('HU', '2026-11-27 16:30+01', 60), '2026-11-30 08:30+01'::timestamptz,
    'HU weekend: Friday 16:30 + 1 h = Monday 08:30 (Saturday and Sunday closed)');
SELECT is(backdesk.business_add('TR', '2026-11-24 06:00+03', 30), '2026-11-24 09:30+03'::timestamptz,
    'a start before opening counts from the opening');
SELECT is(backdesk.business_add('HU', '2026-11-29 12:00+01', 60), '2026-11-30 09:00+01'::timestamptz,
    'a start on a closed Sunday counts from Monday''s opening');
SELECT is(backdesk.business_add('TR', '2026-11-24 22:00+03', 60), '2026-11-25 10:00+03'::timestamptz,
    'a start after closing counts from the next day''s opening');
SELECT is(backdesk.business_add('TR', '2026-11-27 17:00+03', 60), '2026-11-27 18:00+03'::timestamptz,
    'a target ending exactly at closing is the closing time, not the next opening');
SELECT is(backdesk.business_add('HU', '2026-11-23 08:00+01', 540), '2026-11-23 17:00+01'::timestamptz,
    'a whole day from the opening ends at that day''s closing');
SELECT is(backdesk.business_add('HU', '2026-11-23 08:00+01', 541), '2026-11-24 08:01+01'::timestamptz,
    'one minute more is the next morning');
SELECT is(backdesk.business_add('TR', '2026-11-23 09:00+03', 2880), '2026-11-28 13:00+03'::timestamptz,
    'the low-priority 2880 minutes: Monday 09:00 to Saturday 13:00 (5 x 540 + 180)');
SELECT is(backdesk.business_add('TR', '2026-11-23 09:00+03', 5880), '2026-12-05 14:00+03'::timestamptz,
    '5880 minutes: two weeks on (2940 a week), at Saturday''s closing');
SELECT is(backdesk.business_add('TR', '2026-11-24 22:00+03', 0), '2026-11-24 22:00+03'::timestamptz,
    'zero minutes is the start itself');
SELECT is(backdesk.business_minutes('TR', '2026-11-27 17:00+03', '2026-11-30 10:00+03'), 360,
    'business_minutes: Friday 17:00 to Monday 10:00 is 60 + 240 (Saturday) + 60');
SELECT is(backdesk.business_minutes('TR', '2026-11-30 10:00+03', '2026-11-27 17:00+03'), -360,
    'business_minutes backwards is negative');
SELECT is(backdesk.business_minutes('HU', '2026-11-27 17:00+01', '2026-11-30 08:00+01'), 0,
    'business_minutes over a closed weekend is 0');
SELECT is(backdesk.business_minutes('TR', '2026-11-23 09:00+03',
                                    backdesk.business_add('TR', '2026-11-23 09:00+03', 1440)), 1440,
    'business_minutes undoes business_add');

------------------------------------------------------------------------------
-- Holidays.
------------------------------------------------------------------------------
SELECT is(backdesk.business_add('TR', '2026-10-28 12:00+03', 120), '2026-10-30 10:00+03'::timestamptz,
    'TR: 28 October is a half day (until 13:00), 29 October Republic Day closed');
SELECT is(backdesk.business_add('TR', '2026-05-25 17:00+03', 120), '2026-05-26 10:00+03'::timestamptz,
    'TR: the eve of Kurban Bayramı opens in the morning');
SELECT is(backdesk.business_add('TR', '2026-05-26 12:00+03', 120), '2026-06-01 10:00+03'::timestamptz,
    'TR: Kurban Bayramı 27-30 May 2026 (Saturday included) and Sunday closed');
SELECT is(backdesk.business_add('TR', '2026-03-19 12:00+03', 120), '2026-03-23 10:00+03'::timestamptz,
    'TR: Ramazan Bayramı 20-22 March 2026');
SELECT is(backdesk.business_add('HU', '2026-10-22 16:00+02', 120), '2026-10-26 09:00+01'::timestamptz,
    'HU: 23 October closed, then the weekend of the DST change: Monday 09:00 CET');
SELECT is(backdesk.business_add('HU', '2026-04-02 16:00+02', 120), '2026-04-07 09:00+02'::timestamptz,
    'HU: Good Friday and Easter Monday 2026 closed');
SELECT is(backdesk.business_add('HU', '2026-12-24 16:00+01', 120), '2026-12-28 09:00+01'::timestamptz,
    'HU: 25 and 26 December closed');
-- Easter by the anonymous Gregorian computus, against the seeded Hungarian dates.
CREATE FUNCTION pg_temp.easter(y integer) RETURNS date LANGUAGE sql IMMUTABLE AS $$
    SELECT make_date(y, (h + l - 7 * m + 114) / 31, ((h + l - 7 * m + 114) % 31) + 1)
    FROM (SELECT a, b, c, d, e, g, h, i, k, l, (a + 11 * h + 22 * l) / 451 AS m
          FROM (SELECT a, b, c, d, e, g, h, i, k, (32 + 2 * e + 2 * i - h - k) % 7 AS l, 0 AS dummy
                FROM (SELECT a, b, c, d, e, g, (19 * a + b - d - g + 15) % 30 AS h, c / 4 AS i, c % 4 AS k
                      FROM (SELECT y % 19 AS a, y / 100 AS b, y % 100 AS c, (y / 100) / 4 AS d,
                                   (y / 100) % 4 AS e, ((y / 100) - ((y / 100) + 8) / 25 + 1) / 3 AS g) s1) s2) s3) s4
$$;
SELECT results_eq($$
    SELECT y, pg_temp.easter(y) FROM unnest(ARRAY[2026, 2027]) y ORDER BY y
$$, $$VALUES (2026, date '2026-04-05'), (2027, date '2027-03-28')$$, 'the computus gives Easter 2026 and 2027');
SELECT results_eq($$
    SELECT h.day FROM backdesk.sla_holidays h
    WHERE h.calendar = 'HU' AND h.name IN ('Nagypéntek', 'Húsvétvasárnap', 'Húsvéthétfő', 'Pünkösdvasárnap', 'Pünkösdhétfő')
    ORDER BY h.day
$$, $$SELECT pg_temp.easter(y) + o FROM unnest(ARRAY[2026, 2027]) y, unnest(ARRAY[-2, 0, 1, 49, 50]) o ORDER BY 1$$,
    'HU: Good Friday, Easter, Easter Monday, Whit Sunday and Monday are Easter -2, 0, +1, +49, +50');
SELECT is((SELECT count(*) FROM backdesk.sla_holidays WHERE calendar = 'HU' AND closes IS NULL), 26::bigint,
    'HU: 13 public holidays a year, 2026 and 2027');
SELECT is((SELECT count(*) FROM backdesk.sla_holidays WHERE calendar = 'TR' AND extract(year FROM day) = 2026), 17::bigint,
    'TR 2026: 14 days off and 3 half days');
SELECT is((SELECT count(*) FROM backdesk.sla_holidays WHERE calendar = 'TR' AND closes IS NOT NULL), 6::bigint,
    'TR: the three eves a year are half days');

------------------------------------------------------------------------------
-- DST: Budapest moves on 29 March and 25 October 2026 (Sundays); Istanbul never.
------------------------------------------------------------------------------
SELECT is(backdesk.business_add('HU', '2026-03-27 16:00+01', 120), '2026-03-30 09:00+02'::timestamptz,
    'HU spring: Friday 16:00 CET + 2 h = Monday 09:00 CEST (opens 08:00 local after the change)');
SELECT is(backdesk.business_add('HU', '2026-03-29 12:00+02', 1), '2026-03-30 08:01+02'::timestamptz,
    'HU spring: the Monday after the change opens at 08:00 local, 06:00 UTC');
SELECT is(backdesk.business_add('HU', '2026-10-23 12:00+02', 30), '2026-10-26 08:30+01'::timestamptz,
    'HU autumn: the Monday after the change opens at 08:00 local, 07:00 UTC');
SELECT is(backdesk.business_minutes('HU', '2026-03-27 08:00+01', '2026-03-30 17:00+02'), 1080,
    'HU spring: Friday and Monday are 540 minutes each, the lost hour is not a business hour');
SELECT is(backdesk.business_minutes('HU', '2026-10-22 08:00+02', '2026-10-26 17:00+01'), 1080,
    'HU autumn: Thursday and Monday 540 each (Friday 23 October a holiday)');
SELECT is(backdesk.business_add('TR', '2026-03-27 17:30+03', 60), '2026-03-28 10:30+03'::timestamptz,
    'TR over Budapest''s spring change: Saturday 10:30, still +03');
SELECT is(backdesk.business_add('TR', '2026-10-24 13:30+03', 60), '2026-10-26 09:30+03'::timestamptz,
    'TR over Budapest''s autumn change: Monday 09:30, still +03');
SELECT results_eq($$
    SELECT DISTINCT (s.opens_at AT TIME ZONE 'UTC')::time FROM backdesk.sla_spans s
    WHERE s.calendar = 'TR' AND s.opens_at >= '2026-01-01' AND s.opens_at < '2028-01-01' ORDER BY 1
$$, $$VALUES (time '06:00'), (time '07:00')$$,
    'TR has no DST: in 2026-2027 every day opens at 06:00 or 07:00 UTC (09:00 weekdays, 10:00 Saturdays)');
SELECT results_eq($$
    SELECT DISTINCT (s.opens_at AT TIME ZONE 'UTC')::time FROM backdesk.sla_spans s
    WHERE s.calendar = 'HU' AND s.opens_at >= '2026-01-01' AND s.opens_at < '2028-01-01' ORDER BY 1
$$, $$VALUES (time '06:00'), (time '07:00')$$,
    'HU has DST: 08:00 local is 07:00 UTC in winter, 06:00 in summer');

------------------------------------------------------------------------------
-- Tickets: the calendar from the customer, the due dates from the policy.
------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.doc(p_number text, p_email text, p_country text, p_locale text) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number,
         'customer', jsonb_build_object('email', p_email, 'name', 'Kovács Éva', 'locale', p_locale),
         'shipping_address', CASE p_country WHEN 'HU' THEN '{"line1": "Fő utca 1", "city": "Budapest", "postcode": "1011", "country": "HU"}'::jsonb
                                            ELSE '{"line1": "Bağdat Cd. 1", "district": "Kadıköy", "city": "İstanbul", "postcode": "34710", "country": "TR"}'::jsonb END)
    || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "lines": [{"sku": "SLA-1", "name": "Kupa", "qty": 1, "unit_price": "100.00", "tax_rate": "0.20"}],
         "payment": {"method": "card", "paid": "100.00"}, "ship_by": "2026-11-22"}'::jsonb;
SELECT api.import_order(pg_temp.doc('SO-SLA-HU', 'sla-hu@example.com', 'HU', 'hu')) \g /dev/null
SELECT api.import_order(pg_temp.doc('SO-SLA-TR', 'sla-tr@example.com', 'TR', 'tr')) \g /dev/null
CREATE FUNCTION pg_temp.cust(p_email text) RETURNS bigint LANGUAGE sql
RETURN (SELECT id FROM backdesk.customers WHERE email = p_email);
CREATE FUNCTION pg_temp.t(p_number text) RETURNS backdesk.tickets LANGUAGE sql
AS $$ SELECT * FROM backdesk.tickets WHERE number = p_number $$;

-- A ticket created at a chosen moment, as the api's INSERT would make it.
CREATE FUNCTION pg_temp.mk(p_number text, p_email text, p_priority text, p_channel text, p_created timestamptz)
    RETURNS void LANGUAGE sql
AS $$
    INSERT INTO backdesk.tickets (number, channel, category, priority, subject, customer_id,
                                  first_response_due, resolve_due, created_at, updated_at)
    VALUES (p_number, p_channel, 'delay', p_priority, 'SLA test', pg_temp.cust(p_email),
            p_created, p_created, p_created, p_created)
$$;

SELECT pg_temp.mk('T-SLA-TR', 'sla-tr@example.com', 'normal', 'phone', '2026-11-23 10:00+03');
SELECT pg_temp.mk('T-SLA-HU', 'sla-hu@example.com', 'normal', 'phone', '2026-11-23 10:00+01');
SELECT pg_temp.mk('T-SLA-CHAT', 'sla-tr@example.com', 'normal', 'chat', '2026-11-23 10:00+03');
SELECT pg_temp.mk('T-SLA-NONE', NULL, 'urgent', 'email', '2026-11-27 17:45+03');
SELECT results_eq($$
    SELECT t.number, t.sla_calendar, t.first_response_due, t.resolve_due
    FROM backdesk.tickets t WHERE t.number IN ('T-SLA-TR', 'T-SLA-HU', 'T-SLA-CHAT', 'T-SLA-NONE') ORDER BY t.number
$$, $$VALUES ('T-SLA-CHAT', 'TR', '2026-11-23 11:00+03'::timestamptz, '2026-11-25 16:00+03'::timestamptz),
             ('T-SLA-HU', 'HU', '2026-11-23 14:00+01'::timestamptz, '2026-11-25 16:00+01'::timestamptz),
             ('T-SLA-NONE', 'TR', '2026-11-28 10:15+03'::timestamptz, '2026-11-28 13:45+03'::timestamptz),
             ('T-SLA-TR', 'TR', '2026-11-23 14:00+03'::timestamptz, '2026-11-25 16:00+03'::timestamptz)$$,
    'insert: normal = 240 / 1440 business minutes in the customer''s calendar (HU by address); chat answers in 60; no customer: TR');

INSERT INTO backdesk.ticket_priorities (code, position) VALUES ('someday', 50);
SELECT pg_temp.mk('T-SLA-NEWPRIO', 'sla-tr@example.com', 'someday', 'chat', '2026-11-23 10:00+03');
SELECT results_eq($$SELECT first_response_due, resolve_due FROM backdesk.tickets WHERE number = 'T-SLA-NEWPRIO'$$,
    $$VALUES ('2026-11-23 11:00+03'::timestamptz, '2026-11-25 16:00+03'::timestamptz)$$,
    'a priority just added to the list, without a policy of its own, has normal''s (chat: 60 / 1440)');

SELECT lives_ok($$SELECT api.open_ticket(pg_temp.cust('sla-hu@example.com'), 'SO-SLA-HU', 'email', 'delay', 'high', 'Hol a csomag?', '')$$,
    'open_ticket for a Hungarian customer');
SELECT results_eq($$
    SELECT t.sla_calendar, t.first_response_due, t.resolve_due FROM backdesk.tickets t
    WHERE t.order_id = (SELECT id FROM backdesk.orders WHERE number = 'SO-SLA-HU') AND t.subject = 'Hol a csomag?'
$$, $$SELECT 'HU', backdesk.business_add('HU', now(), 60), backdesk.business_add('HU', now(), 480)$$,
    'open_ticket: the due dates are business time from the policy (high: 60 / 480), not now() + hours');

------------------------------------------------------------------------------
-- A priority change recomputes from created_at; take-next style changes do not.
------------------------------------------------------------------------------
UPDATE backdesk.tickets SET priority = 'urgent' WHERE number = 'T-SLA-TR';
SELECT results_eq($$SELECT first_response_due, resolve_due FROM backdesk.tickets WHERE number = 'T-SLA-TR'$$,
    $$VALUES ('2026-11-23 10:30+03'::timestamptz, '2026-11-23 14:00+03'::timestamptz)$$,
    'priority normal -> urgent: 30 / 240 minutes from created_at');
UPDATE backdesk.tickets SET channel = 'chat', priority = 'low' WHERE number = 'T-SLA-TR';
SELECT results_eq($$SELECT first_response_due, resolve_due FROM backdesk.tickets WHERE number = 'T-SLA-TR'$$,
    $$VALUES ('2026-11-23 12:00+03'::timestamptz, '2026-11-28 14:00+03'::timestamptz)$$,
    'channel -> chat and priority -> low: 120 (chat) / 2880 minutes');
UPDATE backdesk.tickets SET first_response_at = '2026-11-23 11:00+03' WHERE number = 'T-SLA-TR';
UPDATE backdesk.tickets SET priority = 'high' WHERE number = 'T-SLA-TR';
SELECT results_eq($$SELECT first_response_due, resolve_due FROM backdesk.tickets WHERE number = 'T-SLA-TR'$$,
    $$VALUES ('2026-11-23 12:00+03'::timestamptz, '2026-11-23 18:00+03'::timestamptz)$$,
    'once answered, a priority change moves only the resolution (high: 480)');
UPDATE backdesk.tickets SET status = 'open', assignee_id = NULL WHERE number = 'T-SLA-HU';
SELECT results_eq($$SELECT first_response_due, resolve_due, sla_paused_at FROM backdesk.tickets WHERE number = 'T-SLA-HU'$$,
    $$VALUES ('2026-11-23 14:00+01'::timestamptz, '2026-11-25 16:00+01'::timestamptz, NULL::timestamptz)$$,
    'new -> open moves nothing');

------------------------------------------------------------------------------
-- Pause while pending.  The pause starts at now(); to resume at a known business
-- distance, the test sets sla_paused_at two business hours before now().
------------------------------------------------------------------------------
UPDATE backdesk.tickets SET status = 'pending' WHERE number = 'T-SLA-HU';
SELECT is((pg_temp.t('T-SLA-HU')).sla_paused_at, now(), 'open -> pending stores sla_paused_at');
SELECT is(backdesk.ticket_sla_state(pg_temp.t('T-SLA-HU')), 'breached',
    'a pending ticket whose due date passed before the pause stays breached (T-SLA-S6 below: paused)');
UPDATE backdesk.tickets SET sla_paused_at = backdesk.sla_moment('HU', backdesk.sla_clock('HU', now()) - 7200)
WHERE number = 'T-SLA-HU';
UPDATE backdesk.tickets SET status = 'open' WHERE number = 'T-SLA-HU';
SELECT results_eq($$SELECT first_response_due, resolve_due, sla_paused_at, sla_paused_seconds
                    FROM backdesk.tickets WHERE number = 'T-SLA-HU'$$,
    $$VALUES (backdesk.business_add('HU', '2026-11-23 14:00+01', 120), backdesk.business_add('HU', '2026-11-25 16:00+01', 120),
              NULL::timestamptz, 7200)$$,
    'pending -> open moves both due dates on by the two business hours paused');
UPDATE backdesk.tickets SET priority = 'high' WHERE number = 'T-SLA-HU';
SELECT results_eq($$SELECT first_response_due, resolve_due FROM backdesk.tickets WHERE number = 'T-SLA-HU'$$,
    $$VALUES ('2026-11-23 13:00+01'::timestamptz, '2026-11-24 11:00+01'::timestamptz)$$,
    'a later priority change keeps the time paused (high: 60 + 120 / 480 + 120 from created_at)');
UPDATE backdesk.tickets SET status = 'on_hold' WHERE number = 'T-SLA-HU';
SELECT is((pg_temp.t('T-SLA-HU')).sla_paused_at, NULL, 'on_hold does not pause (we wait on a third party, not the customer)');
SELECT pg_temp.mk('T-SLA-PEND', 'sla-tr@example.com', 'normal', 'phone', '2026-11-23 10:00+03');
UPDATE backdesk.tickets SET status = 'pending' WHERE number = 'T-SLA-PEND';
UPDATE backdesk.tickets SET sla_paused_at = '2026-11-23 11:00+03' WHERE number = 'T-SLA-PEND';
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() WHERE number = 'T-SLA-PEND';
SELECT is((pg_temp.t('T-SLA-PEND')).sla_paused_seconds,
          round(backdesk.sla_clock('TR', now()) - backdesk.sla_clock('TR', '2026-11-23 11:00+03'))::integer,
    'pending -> solved also counts the pause');
-- Reopened: the resolution is due again from now, not from a date that passed
-- while the ticket was solved.
UPDATE backdesk.tickets SET status = 'open', solved_at = NULL WHERE number = 'T-SLA-PEND';
SELECT is((pg_temp.t('T-SLA-PEND')).resolve_due,
          backdesk.sla_moment('TR', backdesk.sla_clock('TR', now()) + 60 * 1440),
    'solved -> open: the resolution is due 1440 business minutes (normal) from now');
SELECT isnt(backdesk.ticket_sla_state(pg_temp.t('T-SLA-PEND')), 'breached',
    'a reopened ticket is not breached by its old due date');

------------------------------------------------------------------------------
-- backdesk.ticket_sla_state.
------------------------------------------------------------------------------
SELECT pg_temp.mk('T-SLA-S' || n, 'sla-tr@example.com', 'normal', 'phone', now()) FROM generate_series(1, 9) n;
UPDATE backdesk.tickets SET first_response_due = now() + interval '3 hours', resolve_due = now() + interval '1 day'
WHERE number LIKE 'T-SLA-S_';
UPDATE backdesk.tickets SET first_response_due = now() + interval '30 minutes' WHERE number = 'T-SLA-S2';
UPDATE backdesk.tickets SET first_response_due = now() - interval '1 minute' WHERE number = 'T-SLA-S3';
UPDATE backdesk.tickets SET first_response_due = now() - interval '2 hours', first_response_at = now() - interval '1 hour'
WHERE number = 'T-SLA-S4';
UPDATE backdesk.tickets SET first_response_at = now() - interval '1 hour', resolve_due = now() + interval '20 minutes'
WHERE number = 'T-SLA-S5';
UPDATE backdesk.tickets SET status = 'pending' WHERE number IN ('T-SLA-S6', 'T-SLA-S7');
UPDATE backdesk.tickets SET resolve_due = now() - interval '1 day', sla_paused_at = now() - interval '1 hour'
WHERE number = 'T-SLA-S7';
UPDATE backdesk.tickets SET status = 'solved', first_response_at = now(), solved_at = now() WHERE number = 'T-SLA-S8';
UPDATE backdesk.tickets SET status = 'closed', first_response_at = now(), solved_at = now(),
                            resolve_due = now() - interval '1 minute' WHERE number = 'T-SLA-S9';
SELECT results_eq($$
    SELECT number, backdesk.ticket_sla_state(t), backdesk.ticket_sla_next_due(t) IS NOT NULL
    FROM backdesk.tickets t WHERE number LIKE 'T-SLA-S_' ORDER BY number
$$, $$VALUES ('T-SLA-S1', 'ok', true), ('T-SLA-S2', 'soon', true), ('T-SLA-S3', 'breached', true),
             ('T-SLA-S4', 'breached', true), ('T-SLA-S5', 'soon', true), ('T-SLA-S6', 'paused', true),
             ('T-SLA-S7', 'breached', true), ('T-SLA-S8', 'met', false), ('T-SLA-S9', 'breached', false)$$,
    'state: ok, soon (first answer within the hour), breached, answered late, resolution soon, paused, '
    'breached before the pause, met, solved late');
SELECT is((SELECT backdesk.ticket_sla_next_due(t) FROM backdesk.tickets t WHERE number = 'T-SLA-S5'),
          now() + interval '20 minutes', 'next due: the resolution once answered');
SELECT ok((SELECT p.prosqlbody IS NOT NULL AND p.proconfig IS NULL FROM pg_proc p
           WHERE p.oid = 'backdesk.ticket_sla_state(backdesk.tickets)'::regprocedure),
    'ticket_sla_state pins no search_path (a list''s query inlines it)');

------------------------------------------------------------------------------
-- Efficiency: two index probes, however far the target.
------------------------------------------------------------------------------
SELECT is(backdesk.business_minutes('TR', '2026-01-05 09:00+03', backdesk.business_add('TR', '2026-01-05 09:00+03', 100000)),
    100000, '100,000 minutes (34 weeks, over every 2026 holiday) there and back');

------------------------------------------------------------------------------
-- Administration.
------------------------------------------------------------------------------
DO $$ BEGIN
    PERFORM api.staff_add('t_sla_admin', 'Admin SLA', 'admin');
    PERFORM api.staff_add('t_sla_agent', 'Agent SLA', 'agent');
END $$;
SET SESSION AUTHORIZATION t_sla_agent;
SELECT refused($$SELECT api.set_sla_policy('normal', NULL, NULL, 1, 1)$$, 'BD001',
    'changing SLA policies is not allowed for t_sla_agent (role: agent)', 'set_sla_policy: an agent (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_sla_admin;
SELECT lives_ok($$SELECT api.set_sla_policy('normal', 'email', NULL, 360, 960)$$, 'set_sla_policy: an email policy');
SELECT refused($$SELECT api.set_sla_policy('asap', NULL, NULL, 1, 1)$$, 'BD005', 'priority ''asap'' is not valid',
    'set_sla_policy: an unknown priority (BD005)');
SELECT refused($$SELECT api.set_sla_policy('normal', NULL, 'XX', 1, 1)$$, 'BD003', 'no SLA calendar ''XX''',
    'set_sla_policy: an unknown calendar (BD003)');
SELECT refused($$SELECT api.set_sla_policy('normal', NULL, NULL, 0, 1)$$, 'BD005', 'the targets must be positive%',
    'set_sla_policy: a zero target (BD005)');
SELECT refused($$SELECT api.remove_sla_policy('normal', NULL, NULL)$$, 'BD002', 'the default SLA policy of priority normal%',
    'remove_sla_policy: the default (BD002)');
SELECT lives_ok($$SELECT api.set_sla_holiday('TR', '2026-12-31', 'Yılbaşı arifesi', '13:00')$$,
    'set_sla_holiday: a half day');
SELECT lives_ok($$SELECT api.set_sla_hours('TR', 7, '11:00', '13:00')$$, 'set_sla_hours: open on Sundays');
RESET SESSION AUTHORIZATION;
SELECT pg_temp.mk('T-SLA-MAIL', 'sla-tr@example.com', 'normal', 'email', '2026-12-31 12:00+03');
SELECT results_eq($$SELECT first_response_due FROM backdesk.tickets WHERE number = 'T-SLA-MAIL'$$,
    $$VALUES ('2027-01-03 12:00+03'::timestamptz)$$,
    'the new policy (360), half day and Sunday hours: 60 on 31 December, 1 January closed, 240 on Saturday, 60 on Sunday');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE actor = 't_sla_admin' AND action LIKE 'sla.%'), 3::bigint,
    'each admin change is audited');
SET SESSION AUTHORIZATION t_sla_admin;
SELECT lives_ok($$SELECT api.set_sla_hours('TR', 7, NULL, NULL)$$, 'set_sla_hours: close Sundays again');
SELECT lives_ok($$SELECT api.remove_sla_holiday('TR', '2026-12-31')$$, 'remove_sla_holiday');
SELECT refused($$SELECT api.remove_sla_holiday('TR', '2026-12-31')$$, 'BD003', 'no holiday on 2026-12-31 in calendar TR',
    'remove_sla_holiday: twice (BD003)');
SELECT refused($$SELECT api.set_sla_hours('TR', 8, '09:00', '18:00')$$, 'BD005', 'weekday 8 is not valid',
    'set_sla_hours: weekday 8 (BD005)');
SELECT refused($$SELECT api.set_sla_calendar('DE', 'Europe/Nowhere', 'Deutschland')$$, 'BD005',
    'time zone ''Europe/Nowhere'' is not known', 'set_sla_calendar: an unknown zone (BD005)');
SELECT lives_ok($$SELECT api.set_sla_calendar('DE', 'Europe/Berlin', 'Deutschland')$$, 'set_sla_calendar: Germany');
RESET SESSION AUTHORIZATION;
SELECT is(backdesk.business_add('TR', '2026-12-31 17:00+03', 120), '2027-01-02 11:00+03'::timestamptz,
    'after removing the half day: 31 December open until 18:00');
SELECT is(backdesk.business_add('TR', '2027-01-02 13:00+03', 120), '2027-01-04 10:00+03'::timestamptz,
    'after closing Sundays again: Saturday 13:00 + 2 h = Monday 10:00');

SELECT * FROM finish();
ROLLBACK;
