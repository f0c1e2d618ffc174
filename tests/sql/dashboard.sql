-- The supervisor dashboard (0043, issue 15): api.dashboard()'s numbers against
-- numbers worked out by hand, and every number against the list behind it.
--
-- The test database holds whatever the migrations seed (and could hold more): the
-- document is taken before and after a small world is made here, with times fixed
-- relative to now(), and the differences are compared with the hand-made
-- expectations.  Then every count of the document (each grid cell, row and column,
-- each agent, each refund kind and currency, each hour) is compared with the
-- number of rows api.dashboard_list gives for it, read in small keyset pages.
BEGIN;
SELECT plan(73);

DO $$ BEGIN
    PERFORM api.staff_add('t_db_sup', 'Derya Şef', 'supervisor');
    PERFORM api.staff_add('t_db_admin', 'Ali Yönetici', 'admin');
    PERFORM api.staff_add('t_db_agent1', 'Ayşe Yılmaz', 'agent');
    PERFORM api.staff_add('t_db_agent2', 'Ödön Kovács', 'agent');
    PERFORM api.staff_add('t_db_wh', 'Mehmet Depo', 'warehouse');
END $$;

-- The document before, as the supervisor sees it.
CREATE TABLE public.t_db_docs (name text PRIMARY KEY, doc jsonb NOT NULL);
GRANT ALL ON public.t_db_docs TO PUBLIC;
SET SESSION AUTHORIZATION t_db_sup;
INSERT INTO public.t_db_docs VALUES ('before', api.dashboard());
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- The world.
------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.order_doc(p_number text) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "db-panel@example.com", "name": "Pano Müşteri", "phone": "+90 532 000 00 43"},
    "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
    "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
    "payment": {"method": "card", "paid": "149.90"}}'::jsonb;
SELECT api.import_order(pg_temp.order_doc(n)) FROM unnest(ARRAY['SO-DB-LATE', 'SO-DB-LATEPARCEL', 'SO-DB-TODAY',
    'SO-DB-EXC', 'SO-DB-ATT', 'SO-DB-STALE', 'SO-DB-MOVING', 'SO-DB-DONE', 'SO-DB-REFUND']) n \g /dev/null
-- Late: its ship-by day was the day before yesterday; one of them has a parcel all
-- the same (the Shipments pane leaves it out); one is due today (not late).
UPDATE backdesk.orders SET status = 'paid', ship_by = backdesk.shop_date(now()) - 2
WHERE number IN ('SO-DB-LATE', 'SO-DB-LATEPARCEL');
UPDATE backdesk.orders SET status = 'paid', ship_by = backdesk.shop_date(now()) WHERE number = 'SO-DB-TODAY';
UPDATE backdesk.orders SET status = 'shipped'
WHERE number IN ('SO-DB-EXC', 'SO-DB-ATT', 'SO-DB-STALE', 'SO-DB-MOVING', 'SO-DB-DONE');
UPDATE backdesk.orders SET status = 'delivered' WHERE number = 'SO-DB-REFUND';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, last_event_at)
SELECT o.id, 'yurtici', v.tn, v.status, now() - v.shipped, now() - v.news
FROM (VALUES ('SO-DB-LATEPARCEL', 'DBTRACK0', 'PRE_TRANSIT', interval '1 hour', interval '1 hour'),
             ('SO-DB-EXC', 'DBTRACK1', 'EXCEPTION', interval '2 days', interval '1 day'),
             ('SO-DB-ATT', 'DBTRACK2', 'DELIVERY_ATTEMPTED', interval '2 days', interval '2 hours'),
             ('SO-DB-STALE', 'DBTRACK3', 'IN_TRANSIT', interval '6 days', interval '5 days'),
             ('SO-DB-MOVING', 'DBTRACK4', 'IN_TRANSIT', interval '6 days', interval '1 day'),
             ('SO-DB-DONE', 'DBTRACK5', 'DELIVERED', interval '20 days', interval '19 days')) v(number, tn, status, shipped, news)
JOIN backdesk.orders o ON o.number = v.number;

-- Returns: one received (to inspect), one inspected already.
INSERT INTO backdesk.returns (number, order_id, status, reason, received_at, inspected_at)
SELECT v.number, o.id, v.status, 'test', now() - interval '3 hours', v.inspected
FROM (VALUES ('R-DB-1', 'received', NULL::timestamptz), ('R-DB-2', 'inspected', now())) v(number, status, inspected)
JOIN backdesk.orders o ON o.number = 'SO-DB-DONE';

-- Refunds: three today, one the day before.
INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key, created_at)
SELECT o.id, v.kind, v.amount, 'test', gen_random_uuid(), v.at
FROM (VALUES ('goodwill', 10.00, now()), ('goodwill', 5.50, backdesk.shop_day_start(backdesk.shop_date(now()))),
             ('shipping_fee', 29.90, now()),
             ('goodwill', 7.00, backdesk.shop_day_start(backdesk.shop_date(now())) - interval '1 microsecond'))
     v(kind, amount, at)
JOIN backdesk.orders o ON o.number = 'SO-DB-REFUND';

-- Tickets.  Open: T1 new/urgent unassigned, unanswered, created 3 hours ago, its
-- first answer overdue (breached); T2 open/high (agent 1), due within the hour
-- (soon); T3 pending/normal (agent 1), overdue but pending (neither); T4
-- on_hold/low (agent 2), unanswered, created now.  Resolved: T5 solved by agent 1
-- now, scored 5 now; T6 by agent 2 a microsecond before the shop's midnight (not
-- today), scored 3 forty days ago; T7 closed by agent 1, solved at the shop's
-- midnight (today), scored 4 a day ago.  First answers (minutes after creation):
-- agent 1: 10, 30, 20, 40 (median 25); agent 2: 60.
INSERT INTO backdesk.tickets (number, channel, category, priority, status, subject, assignee_id,
                              first_response_due, resolve_due, created_at)
SELECT v.number, 'email', 'delay', v.priority, 'new', 'Pano ' || v.number,
       (SELECT s.id FROM backdesk.staff s WHERE s.login = v.agent), now(), now(), now() - v.age
FROM (VALUES ('T-DB-1', 'urgent', NULL, interval '3 hours'), ('T-DB-2', 'high', 't_db_agent1', interval '3 days'),
             ('T-DB-3', 'normal', 't_db_agent1', interval '3 days'), ('T-DB-4', 'low', 't_db_agent2', interval '0'),
             ('T-DB-5', 'normal', 't_db_agent1', interval '3 days'), ('T-DB-6', 'normal', 't_db_agent2', interval '3 days'),
             ('T-DB-7', 'normal', 't_db_agent1', interval '3 days')) v(number, priority, agent, age);
UPDATE backdesk.tickets t
SET status = v.status, first_response_at = t.created_at + v.answered, first_response_due = now() + v.fr,
    resolve_due = now() + v.rd, solved_at = v.solved, satisfaction = v.score, satisfaction_at = v.scored
FROM (VALUES ('T-DB-1', 'new', NULL::interval, interval '-1 hour', interval '1 day', NULL::timestamptz, NULL::int, NULL::timestamptz),
             ('T-DB-2', 'open', interval '10 minutes', interval '-1 day', interval '30 minutes', NULL, NULL, NULL),
             ('T-DB-3', 'pending', interval '30 minutes', interval '-1 day', interval '-1 hour', NULL, NULL, NULL),
             ('T-DB-4', 'on_hold', NULL, interval '5 hours', interval '1 day', NULL, NULL, NULL),
             ('T-DB-5', 'solved', interval '20 minutes', interval '-1 day', interval '1 day', now(), 5, now()),
             ('T-DB-6', 'solved', interval '60 minutes', interval '-1 day', interval '1 day',
              backdesk.shop_day_start(backdesk.shop_date(now())) - interval '1 microsecond', 3, now() - interval '40 days'),
             ('T-DB-7', 'closed', interval '40 minutes', interval '-1 day', interval '1 day',
              backdesk.shop_day_start(backdesk.shop_date(now())), 4, now() - interval '1 day'))
     v(number, status, answered, fr, rd, solved, score, scored)
WHERE t.number = v.number;

SET SESSION AUTHORIZATION t_db_sup;
INSERT INTO public.t_db_docs VALUES ('after', api.dashboard());
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- The differences, by hand.
------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.d(p_path text[]) RETURNS numeric LANGUAGE sql
RETURN (SELECT (a.doc #>> p_path)::numeric - (b.doc #>> p_path)::numeric
        FROM public.t_db_docs a, public.t_db_docs b WHERE a.name = 'after' AND b.name = 'before');
CREATE FUNCTION pg_temp.after() RETURNS jsonb LANGUAGE sql
RETURN (SELECT doc FROM public.t_db_docs WHERE name = 'after');
-- A grid cell's count.
CREATE FUNCTION pg_temp.cell(p_doc text, p_status text, p_priority text) RETURNS numeric LANGUAGE sql
RETURN (SELECT (c ->> 'count')::numeric FROM public.t_db_docs x, jsonb_array_elements(x.doc -> 'tickets' -> 'grid') c
        WHERE x.name = p_doc AND c ->> 'status' = p_status AND c ->> 'priority' = p_priority);
CREATE FUNCTION pg_temp.refund(p_doc text, p_kind text, p_currency text, p_what text) RETURNS numeric LANGUAGE sql
RETURN coalesce((SELECT (c ->> p_what)::numeric FROM public.t_db_docs x, jsonb_array_elements(x.doc -> 'refunds_today') c
                 WHERE x.name = p_doc AND c ->> 'kind' = p_kind AND c ->> 'currency' = p_currency), 0);

SELECT is(pg_temp.d('{tickets,open}'), 4::numeric, 'open tickets: four more (new, open, pending, on hold)');
SELECT is((SELECT array_agg(c ->> 'status' || '/' || (c ->> 'priority') ORDER BY o)
           FROM jsonb_array_elements(pg_temp.after() -> 'tickets' -> 'grid') WITH ORDINALITY g(c, o)),
          ARRAY['new/urgent', 'new/high', 'new/normal', 'new/low', 'open/urgent', 'open/high', 'open/normal', 'open/low',
                'pending/urgent', 'pending/high', 'pending/normal', 'pending/low',
                'on_hold/urgent', 'on_hold/high', 'on_hold/normal', 'on_hold/low'],
          'the grid: all 16 cells, status-major, in the contract''s order');
SELECT is((SELECT array_agg(pg_temp.cell('after', s, p) - pg_temp.cell('before', s, p) ORDER BY si, pi)
           FROM unnest(ARRAY['new', 'open', 'pending', 'on_hold']) WITH ORDINALITY a(s, si),
                unnest(ARRAY['urgent', 'high', 'normal', 'low']) WITH ORDINALITY b(p, pi)),
          ARRAY[1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]::numeric[],
          'the grid: one more in new/urgent, open/high, pending/normal and on_hold/low');
SELECT is(pg_temp.d('{tickets,soon}'), 1::numeric, 'soon: T2 (due in 30 minutes); not the pending T3');
SELECT is(pg_temp.d('{tickets,breached}'), 1::numeric, 'breached: T1; not the pending T3');
SELECT is(pg_temp.d('{tickets,unassigned}'), 1::numeric, 'unassigned: T1');
SELECT is(pg_temp.d('{tickets,waiting}'), 2::numeric, 'waiting for a first answer: T1 and T4');
SELECT is(pg_temp.d('{tickets,per_hour,20}'), 1::numeric, 'per hour: T1, created 3 hours ago, in the 21st of 24');
SELECT is(pg_temp.d('{tickets,per_hour,23}'), 1::numeric, 'per hour: T4, created now, in the last (current) hour');
SELECT is((SELECT sum((a.v)::numeric - (b.v)::numeric)
           FROM jsonb_array_elements_text(pg_temp.after() -> 'tickets' -> 'per_hour') WITH ORDINALITY a(v, i)
           JOIN public.t_db_docs x ON x.name = 'before'
           JOIN jsonb_array_elements_text(x.doc -> 'tickets' -> 'per_hour') WITH ORDINALITY b(v, i) ON b.i = a.i),
          2::numeric, 'per hour: the others (created 3 days ago) are in none of the 24 hours');
SELECT is(jsonb_array_length(pg_temp.after() -> 'tickets' -> 'per_hour'), 24, 'per hour: 24 numbers');
SELECT is(pg_temp.d('{orders,late_to_ship}'), 1::numeric,
          'late to ship: SO-DB-LATE; not the one with a parcel, not the one due today');
SELECT is(pg_temp.d('{parcels,exception}'), 2::numeric, 'parcels in exception: EXCEPTION and DELIVERY_ATTEMPTED');
SELECT is(pg_temp.d('{parcels,stale}'), 1::numeric,
          'parcels without movement: 5 days without news; not 1 day, not delivered');
SELECT is(pg_temp.d('{returns,to_inspect}'), 1::numeric, 'returns to inspect: the received one');
SELECT is(ARRAY[pg_temp.refund('after', 'goodwill', 'TRY', 'count') - pg_temp.refund('before', 'goodwill', 'TRY', 'count'),
                pg_temp.refund('after', 'goodwill', 'TRY', 'sum') - pg_temp.refund('before', 'goodwill', 'TRY', 'sum'),
                pg_temp.refund('after', 'shipping_fee', 'TRY', 'count') - pg_temp.refund('before', 'shipping_fee', 'TRY', 'count'),
                pg_temp.refund('after', 'shipping_fee', 'TRY', 'sum') - pg_temp.refund('before', 'shipping_fee', 'TRY', 'sum')],
          ARRAY[2, 15.50, 1, 29.90]::numeric[],
          'refunds today: goodwill 2 (15.50 TRY: the one at the shop''s midnight counts, the one before it not), shipping fee 1');
SELECT is((SELECT array_agg(c ->> 'kind' || '/' || (c ->> 'currency') ORDER BY o)
           FROM jsonb_array_elements(pg_temp.after() -> 'refunds_today') WITH ORDINALITY g(c, o)),
          (SELECT array_agg(c ->> 'kind' || '/' || (c ->> 'currency') ORDER BY c ->> 'kind', c ->> 'currency')
           FROM jsonb_array_elements(pg_temp.after() -> 'refunds_today') c),
          'refunds today: by kind, then currency');
SELECT is((SELECT jsonb_agg(a) FROM jsonb_array_elements(pg_temp.after() -> 'agents') a WHERE a ->> 'login' LIKE 't\_db\_%'),
          '[{"login": "t_db_agent1", "name": "Ayşe Yılmaz", "open": 2, "resolved_today": 2,
             "first_response_minutes": 25, "csat": 4.5, "csat_count": 2},
            {"login": "t_db_agent2", "name": "Ödön Kovács", "open": 1, "resolved_today": 0,
             "first_response_minutes": 60, "csat": null, "csat_count": 0},
            {"login": "t_db_sup", "name": "Derya Şef", "open": 0, "resolved_today": 0,
             "first_response_minutes": null, "csat": null, "csat_count": 0}]'::jsonb,
          'agents: open, resolved today (T6 solved before the shop''s midnight is not today), median first answer, score of 30 days; the supervisor too, not the admin or the warehouse');
SELECT is((SELECT array_agg(a ->> 'login' ORDER BY o) FROM jsonb_array_elements(pg_temp.after() -> 'agents') WITH ORDINALITY g(a, o)),
          (SELECT array_agg(a ->> 'login' ORDER BY (a ->> 'open')::int DESC, a ->> 'login') FROM jsonb_array_elements(pg_temp.after() -> 'agents') a),
          'agents: most open first, then login');
SELECT is((SELECT jsonb_agg(c) FROM jsonb_array_elements(pg_temp.after() -> 'csat_trend') WITH ORDINALITY g(c, o) WHERE o >= 13),
          jsonb_build_array(
              jsonb_build_object('day', to_char(backdesk.shop_date(now()) - 1, 'YYYY-MM-DD'), 'avg', 4.0, 'count', 1),
              jsonb_build_object('day', to_char(backdesk.shop_date(now()), 'YYYY-MM-DD'), 'avg', 5.0, 'count', 1)),
          'satisfaction trend: yesterday T7''s 4, today T5''s 5');
SELECT is((SELECT count(*)::int FROM jsonb_array_elements(pg_temp.after() -> 'csat_trend') c WHERE c -> 'avg' = 'null'),
          12, 'satisfaction trend: 14 days, the 12 without a score null');
SELECT is(pg_temp.after() ->> 'today', to_char(backdesk.shop_date(now()), 'YYYY-MM-DD'), 'today: the shop''s day');
SELECT is(pg_temp.after() ->> 'at', to_char(now() AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI:SS'),
          'at: now in shop time');
SELECT is((SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(pg_temp.after()) k),
          ARRAY['agents', 'at', 'csat_trend', 'orders', 'parcels', 'refunds_today', 'returns', 'tickets', 'today'],
          'the document''s keys');
SELECT is((SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(pg_temp.after() -> 'tickets') k),
          ARRAY['breached', 'grid', 'oldest_waiting', 'open', 'per_hour', 'soon', 'unassigned', 'waiting'],
          'the tickets'' keys');

------------------------------------------------------------------------------
-- Every number is the length of its list.
------------------------------------------------------------------------------
-- The whole list, read in pages of p_page by keyset.
CREATE FUNCTION public.t_db_all(p_metric text, p_key text, p_page int)
    RETURNS TABLE (n int, at timestamptz, id bigint, kind text, label text, state text, who text, detail text,
                   open_kind text, open_id bigint)
    LANGUAGE plpgsql AS $$
DECLARE
    a timestamptz;
    i bigint;
    got int;
    k int := 0;
    r record;
BEGIN
    LOOP
        got := 0;
        FOR r IN SELECT * FROM api.dashboard_list(p_metric, p_key, a, i, p_page) LOOP
            got := got + 1; k := k + 1;
            n := k; at := r.at; id := r.id; kind := r.kind; label := r.label; state := r.state; who := r.who;
            detail := r.detail; open_kind := r.open_kind; open_id := r.open_id;
            a := r.at; i := r.id;
            RETURN NEXT;
        END LOOP;
        EXIT WHEN got < p_page;
    END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION public.t_db_all(text, text, int) TO PUBLIC;

-- The whole list read backward from its end (the pane's End, then PgUp), in pages
-- of p_page (0048's p_backward): each page is in (at, id) order; the rows come out
-- last first.
CREATE FUNCTION public.t_db_all_back(p_metric text, p_key text, p_page int)
    RETURNS TABLE (n int, at timestamptz, id bigint, label text)
    LANGUAGE plpgsql AS $$
DECLARE
    a timestamptz;
    i bigint;
    got int;
    k int := 0;
    r record;
BEGIN
    LOOP
        got := 0;
        FOR r IN SELECT * FROM api.dashboard_list(p_metric, p_key, a, i, p_page, true) l ORDER BY l.at DESC, l.id DESC LOOP
            got := got + 1; k := k + 1;
            n := k; at := r.at; id := r.id; label := r.label;
            a := r.at; i := r.id;
            RETURN NEXT;
        END LOOP;
        EXIT WHEN got < p_page;
    END LOOP;
END
$$;
GRANT EXECUTE ON FUNCTION public.t_db_all_back(text, text, int) TO PUBLIC;

-- (metric, key, the document's number) for every number of the document.
CREATE TABLE public.t_db_pairs (metric text, key text, doc_n bigint, list_n bigint);
GRANT ALL ON public.t_db_pairs TO PUBLIC;
INSERT INTO public.t_db_pairs (metric, key, doc_n)
SELECT 'tickets', NULL, (pg_temp.after() #>> '{tickets,open}')::bigint
UNION ALL SELECT 'tickets', c ->> 'status' || '/' || (c ->> 'priority'), (c ->> 'count')::bigint
          FROM jsonb_array_elements(pg_temp.after() -> 'tickets' -> 'grid') c
UNION ALL SELECT 'tickets', c ->> 'status' || '/', sum((c ->> 'count')::bigint)
          FROM jsonb_array_elements(pg_temp.after() -> 'tickets' -> 'grid') c GROUP BY c ->> 'status'
UNION ALL SELECT 'tickets', '/' || (c ->> 'priority'), sum((c ->> 'count')::bigint)
          FROM jsonb_array_elements(pg_temp.after() -> 'tickets' -> 'grid') c GROUP BY c ->> 'priority'
UNION ALL SELECT 'tickets_' || m, NULL, (pg_temp.after() -> 'tickets' ->> m)::bigint
          FROM unnest(ARRAY['soon', 'breached', 'unassigned', 'waiting']) m
UNION ALL SELECT 'agent_open', a ->> 'login', (a ->> 'open')::bigint FROM jsonb_array_elements(pg_temp.after() -> 'agents') a
UNION ALL SELECT 'agent_resolved', a ->> 'login', (a ->> 'resolved_today')::bigint
          FROM jsonb_array_elements(pg_temp.after() -> 'agents') a
UNION ALL SELECT 'orders_late', NULL, (pg_temp.after() #>> '{orders,late_to_ship}')::bigint
UNION ALL SELECT 'parcels_exception', NULL, (pg_temp.after() #>> '{parcels,exception}')::bigint
UNION ALL SELECT 'parcels_stale', NULL, (pg_temp.after() #>> '{parcels,stale}')::bigint
UNION ALL SELECT 'returns_to_inspect', NULL, (pg_temp.after() #>> '{returns,to_inspect}')::bigint
UNION ALL SELECT 'refunds_today', c ->> 'kind' || '/' || (c ->> 'currency'), (c ->> 'count')::bigint
          FROM jsonb_array_elements(pg_temp.after() -> 'refunds_today') c
UNION ALL SELECT 'refunds_today', c ->> 'kind' || '/', sum((c ->> 'count')::bigint)
          FROM jsonb_array_elements(pg_temp.after() -> 'refunds_today') c GROUP BY c ->> 'kind'
UNION ALL SELECT 'refunds_today', NULL, coalesce(sum((c ->> 'count')::bigint), 0)
          FROM jsonb_array_elements(pg_temp.after() -> 'refunds_today') c
UNION ALL SELECT 'tickets_hour', (i - 1)::text, v::bigint
          FROM jsonb_array_elements_text(pg_temp.after() -> 'tickets' -> 'per_hour') WITH ORDINALITY h(v, i);

SET SESSION AUTHORIZATION t_db_sup;
UPDATE public.t_db_pairs p SET list_n = (SELECT count(*) FROM public.t_db_all(p.metric, p.key, 3));
RESET SESSION AUTHORIZATION;

SELECT is((SELECT count(*)::int FROM public.t_db_pairs), 1 + 16 + 4 + 4 + 4
              + 2 * jsonb_array_length(pg_temp.after() -> 'agents') + 4
              + 2 * jsonb_array_length(pg_temp.after() -> 'refunds_today')
              + (SELECT count(DISTINCT c ->> 'kind')::int FROM jsonb_array_elements(pg_temp.after() -> 'refunds_today') c)
              - jsonb_array_length(pg_temp.after() -> 'refunds_today') + 1 + 24,
          'every number of the document has its pair');
SELECT is_empty($$SELECT metric, key, doc_n, list_n FROM public.t_db_pairs WHERE list_n IS DISTINCT FROM doc_n$$,
                'every count is the number of rows its list gives (each cell, row, column, agent, refund kind and currency, hour)');
SELECT ok((SELECT bool_and(doc_n > 0) FROM public.t_db_pairs
           WHERE (metric, key) IN (('tickets', 'new/urgent'), ('tickets', 'on_hold/'), ('tickets', '/high'),
                                   ('agent_open', 't_db_agent1'), ('agent_resolved', 't_db_agent1'),
                                   ('refunds_today', 'goodwill/TRY'), ('tickets_hour', '23'))),
          'the pairs compared are not all zeros');

-- Backward (0048): every list read from its end in pages of 2 has the forward
-- rows, in reverse; a backward page is in (at, id) order and ends just before its
-- anchor.
SET SESSION AUTHORIZATION t_db_sup;
CREATE TEMP TABLE t_db_back AS
SELECT p.metric, p.key,
       (SELECT array_agg(f.id ORDER BY f.n DESC) FROM public.t_db_all(p.metric, p.key, 2) f) AS fwd,
       (SELECT array_agg(b.id ORDER BY b.n) FROM public.t_db_all_back(p.metric, p.key, 2) b) AS back
FROM public.t_db_pairs p;
CREATE TEMP TABLE t_db_open AS SELECT row_number() OVER () AS n, l.* FROM api.dashboard_list('tickets', NULL, NULL, NULL, 1000) l;
CREATE TEMP TABLE t_db_page AS
SELECT row_number() OVER () AS n, l.* FROM api.dashboard_list('tickets', NULL,
    (SELECT at FROM t_db_open WHERE n = 5), (SELECT id FROM t_db_open WHERE n = 5), 3, true) l;
RESET SESSION AUTHORIZATION;
SELECT is_empty($$SELECT metric, key, fwd, back FROM t_db_back WHERE fwd IS DISTINCT FROM back$$,
                'every list read backward from its end has the forward rows, last first');
SELECT ok((SELECT count(*) FROM t_db_back WHERE cardinality(back) > 2) >= 2, 'and some of them are longer than a page');
SELECT is((SELECT array_agg(id ORDER BY n) FROM t_db_page), (SELECT array_agg(id ORDER BY n) FROM t_db_open WHERE n BETWEEN 2 AND 4),
          'the page of 3 before the 5th open ticket: the 2nd to the 4th, in order');

-- The rows themselves.
SET SESSION AUTHORIZATION t_db_sup;
CREATE TEMP TABLE t_db_rows AS
SELECT 'agent_resolved' AS metric, r.* FROM api.dashboard_list('agent_resolved', 't_db_agent1') r
UNION ALL SELECT 'agent_resolved2', r.* FROM api.dashboard_list('agent_resolved', 't_db_agent2') r
UNION ALL SELECT 'orders_late', r.* FROM api.dashboard_list('orders_late', NULL, NULL, NULL, 1000) r
UNION ALL SELECT 'refunds_today', r.* FROM api.dashboard_list('refunds_today', 'goodwill/TRY') r
UNION ALL SELECT 'parcels_stale', r.* FROM api.dashboard_list('parcels_stale', NULL, NULL, NULL, 1000) r
UNION ALL SELECT 'returns_to_inspect', r.* FROM api.dashboard_list('returns_to_inspect', NULL, NULL, NULL, 1000) r
UNION ALL SELECT 'tickets_breached', r.* FROM api.dashboard_list('tickets_breached', NULL, NULL, NULL, 1000) r
UNION ALL SELECT 'tickets_soon', r.* FROM api.dashboard_list('tickets_soon', NULL, NULL, NULL, 1000) r;
RESET SESSION AUTHORIZATION;

SELECT is((SELECT array_agg(label ORDER BY at, id) FROM t_db_rows WHERE metric = 'agent_resolved'),
          ARRAY['T-DB-7', 'T-DB-5'], 'agent 1 resolved today: T7 (at the shop''s midnight) and T5, by solved time');
SELECT is((SELECT count(*)::int FROM t_db_rows WHERE metric = 'agent_resolved2'), 0,
          'agent 2 resolved today: none (T6 a microsecond before the shop''s midnight)');
SELECT is((SELECT to_jsonb(r) - 'metric' FROM t_db_rows r WHERE metric = 'agent_resolved' AND label = 'T-DB-5'),
          (SELECT jsonb_build_object('at', t.solved_at, 'id', t.id, 'kind', 'ticket', 'label', 'T-DB-5', 'state', 'solved',
                                     'who', 't_db_agent1', 'detail', 'Pano T-DB-5', 'open_kind', 'ticket', 'open_id', t.id)
           FROM backdesk.tickets t WHERE t.number = 'T-DB-5'),
          'a ticket row: solved time, number, status, assignee, subject, opens the ticket');
SELECT is((SELECT array_agg(label) FROM t_db_rows WHERE metric = 'orders_late' AND label LIKE 'SO-DB-%'),
          ARRAY['SO-DB-LATE'], 'late to ship: SO-DB-LATE only');
SELECT is((SELECT to_jsonb(r) - 'metric' - 'id' - 'open_id' FROM t_db_rows r WHERE metric = 'orders_late' AND label = 'SO-DB-LATE'),
          jsonb_build_object('at', backdesk.shop_day_start(backdesk.shop_date(now()) - 2), 'kind', 'order',
                             'label', 'SO-DB-LATE', 'state', 'paid', 'who', 'Pano Müşteri',
                             'detail', 'ship by ' || (backdesk.shop_date(now()) - 2) || ', 149.90 TRY', 'open_kind', 'order'),
          'an order row: at its ship-by day''s midnight, the customer, opens the order');
SELECT is((SELECT array_agg(detail || ' ' || label ORDER BY at, id) FROM t_db_rows WHERE metric = 'refunds_today'
           AND label = 'SO-DB-REFUND'),
          ARRAY['5.50 TRY SO-DB-REFUND', '10.00 TRY SO-DB-REFUND'], 'refund rows: amount and currency, the order''s number');
SELECT is((SELECT array_agg(DISTINCT open_kind) FROM t_db_rows WHERE metric = 'refunds_today'), ARRAY['order'],
          'a refund opens its order');
SELECT is((SELECT array_agg(label || ' ' || open_kind || ' ' || who) FROM t_db_rows WHERE metric = 'parcels_stale' AND label LIKE 'DBTRACK%'),
          ARRAY['DBTRACK3 parcel yurtici'], 'stale parcels: DBTRACK3, opens the parcel, the carrier');
SELECT is((SELECT array_agg(label || ' ' || open_kind) FROM t_db_rows WHERE metric = 'returns_to_inspect' AND label LIKE 'R-DB-%'),
          ARRAY['R-DB-1 return'], 'returns to inspect: R-DB-1, opens the return');
SELECT is((SELECT array_agg(label) FROM t_db_rows WHERE metric = 'tickets_breached' AND label LIKE 'T-DB-%'),
          ARRAY['T-DB-1'], 'breached: T1');
SELECT is((SELECT at FROM t_db_rows WHERE metric = 'tickets_soon' AND label = 'T-DB-2'),
          (SELECT sla_next_due FROM backdesk.tickets WHERE number = 'T-DB-2'), 'soon: at is the due time');

-- As the panes count them.
SELECT is((SELECT array_agg(o.number ORDER BY o.id) FROM backdesk.orders o
           WHERE o.status IN ('paid', 'packed') AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id)
             AND backdesk.late_to_ship(o.status, o.ship_by)),
          (SELECT array_agg(r.label ORDER BY r.id) FROM backdesk.dashboard_orders_late() r),
          'late to ship: the Shipments pane''s To pack that are late, no more, no less');
SELECT is((SELECT array_agg(t.number ORDER BY t.id) FROM backdesk.tickets t
           WHERE backdesk.ticket_is_open(t.status) AND backdesk.ticket_sla_state(t) = 'breached' AND t.status <> 'pending'),
          (SELECT array_agg(r.label ORDER BY r.id) FROM backdesk.dashboard_tickets('tickets_breached', NULL) r),
          'breached: the tickets ticket_sla_state calls breached (but pending, as the Tickets pane)');
-- The parcel goes, the order is to pack again; it comes, the order is out again.
DELETE FROM backdesk.shipments WHERE tracking_no = 'DBTRACK0';
SELECT is((SELECT count(*)::int FROM backdesk.dashboard_orders_late() r WHERE r.label = 'SO-DB-LATEPARCEL'), 1,
          'late to ship: the parcel deleted, the paid order is late again');
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status)
SELECT id, 'yurtici', 'DBTRACK9', 'PRE_TRANSIT' FROM backdesk.orders WHERE number = 'SO-DB-LATEPARCEL';
SELECT is((SELECT count(*)::int FROM backdesk.dashboard_orders_late() r WHERE r.label = 'SO-DB-LATEPARCEL'), 0,
          'late to ship: a parcel made, it is not');
UPDATE backdesk.orders SET status = 'shipped' WHERE number = 'SO-DB-LATEPARCEL';
UPDATE backdesk.orders SET status = 'packed' WHERE number = 'SO-DB-LATEPARCEL';
SELECT is((SELECT count(*)::int FROM backdesk.dashboard_orders_late() r WHERE r.label = 'SO-DB-LATEPARCEL'), 0,
          'late to ship: shipped and back to packed with its parcel, still not');
SELECT is((SELECT count(*)::int FROM backdesk.to_ship_with_parcel x JOIN backdesk.orders o ON o.id = x.order_id
           WHERE o.number = 'SO-DB-LATEPARCEL'), 1, 'the set of paid or packed orders with a parcel follows it');

------------------------------------------------------------------------------
-- Keyset paging.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_db_sup;
CREATE TEMP TABLE t_db_paged AS SELECT * FROM public.t_db_all('tickets', NULL, 2);
CREATE TEMP TABLE t_db_whole AS SELECT row_number() OVER ()::int AS n, r.* FROM api.dashboard_list('tickets', NULL, NULL, NULL, 1000) r;
CREATE TEMP TABLE t_db_paged_parcels AS SELECT * FROM public.t_db_all('parcels_exception', NULL, 1);
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT count(*) FROM t_db_paged) >= 4, 'paging: the open tickets come in several pages');
SELECT is((SELECT count(*) FROM t_db_paged), (SELECT count(DISTINCT id) FROM t_db_paged), 'paging: no row twice');
SELECT set_eq('SELECT n, id FROM t_db_paged', 'SELECT n, id FROM t_db_whole',
              'paging: pages of 2 give the rows of one page of 1000, in the same order (none lost)');
SELECT ok((SELECT bool_and((w.at, w.id) < (v.at, v.id)) FROM t_db_whole w JOIN t_db_whole v ON v.n = w.n + 1),
          'the list is in (at, id) order');
SELECT is((SELECT count(*)::bigint FROM t_db_paged_parcels), (pg_temp.after() #>> '{parcels,exception}')::bigint,
          'paging one row at a time: every parcel in exception once');
SELECT is((pg_temp.after() #>> '{tickets,oldest_waiting,id}')::bigint,
          (SELECT r.id FROM api.dashboard_list('tickets_waiting', NULL, NULL, NULL, 1) r),
          'the oldest waiting is the first of the waiting list');

------------------------------------------------------------------------------
-- The shop's day.
------------------------------------------------------------------------------
SELECT is((SELECT array_agg(ARRAY[backdesk.shop_date(backdesk.shop_day_start(d)) - d,
                                   backdesk.shop_date(backdesk.shop_day_start(d) - interval '1 microsecond') - d])
           FROM (VALUES (date '2026-01-01'), (date '2026-03-29'), (date '2026-10-25'), (date '2026-11-28')) v(d)),
          ARRAY[[0, -1], [0, -1], [0, -1], [0, -1]], 'shop_day_start is where shop_date''s day begins');
SET LOCAL TimeZone = 'America/New_York';
SELECT is((SELECT count(*)::int FROM api.dashboard_list('agent_resolved', 't_db_agent1')), 2,
          'resolved today is the shop''s today, whatever the session''s time zone');
RESET TimeZone;

------------------------------------------------------------------------------
-- Who, and what it refuses.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_db_admin;
SELECT lives_ok('SELECT api.dashboard()', 'an admin reads the dashboard');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_db_agent1;
SELECT refused('SELECT api.dashboard()', 'BD001', '%not allowed%', 'an agent may not read the dashboard');
SELECT refused($$SELECT * FROM api.dashboard_list('tickets')$$, 'BD001', '%not allowed%', 'nor its lists');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_db_wh;
SELECT refused('SELECT api.dashboard()', 'BD001', '%not allowed%', 'the warehouse may not read the dashboard');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_db_sup;
SELECT refused($$SELECT * FROM api.dashboard_list('nothing')$$, 'BD005', '%no metric nothing%', 'an unknown metric',
               '%tickets_soon%refunds_today%');
SELECT refused($$SELECT * FROM api.dashboard_list(NULL)$$, 'BD005', '%no metric NULL%', 'no metric');
SELECT refused($$SELECT * FROM api.dashboard_list('tickets', 'new/urgent/x')$$, 'BD005', '%tickets does not take the key%',
               'a ticket cell that is not STATUS/PRIORITY');
SELECT refused($$SELECT * FROM api.dashboard_list('tickets', '/')$$, 'BD005', '%does not take%', 'a cell of nothing');
SELECT refused($$SELECT * FROM api.dashboard_list('tickets', 'solved/')$$, 'BD005', '%does not take%', 'a closed status');
SELECT refused($$SELECT * FROM api.dashboard_list('tickets_soon', 'x')$$, 'BD005', '%does not take%', 'a key where none is taken');
SELECT refused($$SELECT * FROM api.dashboard_list('agent_open')$$, 'BD005', '%does not take the key NULL%', 'an agent list without a login');
SELECT refused($$SELECT * FROM api.dashboard_list('agent_resolved', 'nobody_here')$$, 'BD005', '%does not take%', 'a login that is no staff');
SELECT refused($$SELECT * FROM api.dashboard_list('tickets_hour', '24')$$, 'BD005', '%does not take%', 'an hour past 23');
SELECT refused($$SELECT * FROM api.dashboard_list('refunds_today', 'gift/TRY')$$, 'BD005', '%does not take%', 'a refund kind that is none');
SELECT refused($$SELECT * FROM api.dashboard_list('tickets', NULL, NULL, NULL, 0)$$, 'BD005', '%limit must be 1 to 1000%', 'a limit of 0');
SELECT refused($$SELECT * FROM api.dashboard_list('tickets', NULL, NULL, NULL, 1001)$$, 'BD005', '%limit%', 'a limit of 1001');
SELECT refused($$SELECT * FROM api.dashboard_list('tickets', NULL, now(), NULL)$$, 'BD005', '%both%', 'a time to read after without an id');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
