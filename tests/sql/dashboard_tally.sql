-- The dashboard's tallies (0048): after a few thousand random changes to tickets,
-- parcels and orders, folded now and then, every tally equals a full count of the
-- rows, and api.dashboard()'s numbers equal what 0043 counted from the rows (the
-- lists' lengths).  The same under real concurrency: tests/shell/dashboard_tally_race.t.
BEGIN;
SELECT plan(17);
SELECT setseed(0.47);

DO $$ BEGIN
    PERFORM api.staff_add('t_dt_sup', 'Derya Şef', 'supervisor');
    PERFORM api.staff_add('t_dt_agent1', 'Ayşe Yılmaz', 'agent');
    PERFORM api.staff_add('t_dt_agent2', 'Ödön Kovács', 'agent');
END $$;
CREATE TEMP TABLE t_agents AS SELECT array_agg(id ORDER BY id) AS ids FROM backdesk.staff WHERE login LIKE 't_dt_agent%';

CREATE FUNCTION pg_temp.order_doc(p_number text) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "dt-tally@example.com", "name": "Sayaç Müşteri"},
    "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
    "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
    "payment": {"method": "card", "paid": "149.90"}}'::jsonb;
SELECT api.import_order(pg_temp.order_doc('SO-DT-' || i)) FROM generate_series(1, 40) i \g /dev/null

-- 300 tickets, spread over the last 40 days and the next one.
INSERT INTO backdesk.tickets (number, channel, category, priority, status, subject, assignee_id,
                              first_response_due, resolve_due, created_at)
SELECT 'T-DT-' || i, 'email', 'delay', (ARRAY['urgent', 'high', 'normal', 'low'])[1 + floor(random() * 4)::int],
       'new', 'Sayaç ' || i,
       CASE WHEN random() < 0.3 THEN NULL ELSE (SELECT ids[1 + floor(random() * 2)::int] FROM t_agents) END,
       now() + (random() * 6 - 4) * interval '1 day', now() + (random() * 6 - 3) * interval '1 day',
       now() - random() * interval '40 days'
FROM generate_series(1, 300) i;
-- 80 parcels of the shipped orders.
UPDATE backdesk.orders SET status = 'shipped' WHERE number LIKE 'SO-DT-%' AND number::text > 'SO-DT-2';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, last_event_at)
SELECT o.id, 'yurtici', 'DTTRACK' || o.id || '-' || k,
       (ARRAY['PRE_TRANSIT', 'IN_TRANSIT', 'EXCEPTION', 'DELIVERY_ATTEMPTED', 'DELIVERED'])[1 + floor(random() * 5)::int],
       now() - random() * interval '10 days', CASE WHEN random() < 0.5 THEN now() - random() * interval '8 days' END
FROM backdesk.orders o, generate_series(1, 4) k
WHERE o.number LIKE 'SO-DT-%' AND o.status = 'shipped';

-- 3,000 random changes, one statement each, and a fold every 97th.
CREATE FUNCTION pg_temp.shake(p_rounds integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_agents bigint[] := (SELECT ids FROM t_agents);
    v_t bigint;
    v_r double precision;
BEGIN
    FOR i IN 1 .. p_rounds LOOP
        v_r := random();
        SELECT id INTO v_t FROM backdesk.tickets WHERE number LIKE 'T-DT-%' ORDER BY random() LIMIT 1;
        IF v_r < 0.15 THEN
            UPDATE backdesk.tickets SET status = (ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'closed'])[1 + floor(random() * 6)::int]
            WHERE id = v_t;
        ELSIF v_r < 0.25 THEN
            UPDATE backdesk.tickets SET priority = (ARRAY['urgent', 'high', 'normal', 'low'])[1 + floor(random() * 4)::int] WHERE id = v_t;
        ELSIF v_r < 0.40 THEN
            UPDATE backdesk.tickets SET assignee_id = CASE WHEN random() < 0.3 THEN NULL ELSE v_agents[1 + floor(random() * 2)::int] END
            WHERE id = v_t;
        ELSIF v_r < 0.50 THEN
            UPDATE backdesk.tickets SET first_response_at = CASE WHEN random() < 0.3 THEN NULL ELSE now() - random() * interval '9 days' END
            WHERE id = v_t;
        ELSIF v_r < 0.60 THEN
            -- A score, late or early, or taken back.
            UPDATE backdesk.tickets SET satisfaction = CASE WHEN random() < 0.2 THEN NULL ELSE 1 + floor(random() * 5)::int END,
                                        satisfaction_at = now() - random() * interval '35 days'
            WHERE id = v_t;
        ELSIF v_r < 0.66 THEN
            UPDATE backdesk.tickets SET first_response_due = now() + (random() * 4 - 3) * interval '1 day',
                                        resolve_due = now() + (random() * 4 - 2) * interval '1 day'
            WHERE id = v_t;
        ELSIF v_r < 0.68 THEN
            -- Many rows in one statement.
            UPDATE backdesk.tickets SET status = 'open' WHERE number LIKE 'T-DT-%' AND status = 'new' AND random() < 0.3;
        ELSIF v_r < 0.69 THEN
            DELETE FROM backdesk.tickets WHERE id = v_t;
        ELSIF v_r < 0.70 THEN
            INSERT INTO backdesk.tickets (number, channel, category, priority, status, subject, first_response_due, resolve_due, created_at)
            VALUES ('T-DT-N' || i, 'email', 'delay', 'normal', 'new', 'Yeni ' || i, now() - interval '1 hour', now(), now() - random() * interval '1 day');
        ELSIF v_r < 0.85 THEN
            UPDATE backdesk.shipments s SET status = (ARRAY['PRE_TRANSIT', 'IN_TRANSIT', 'EXCEPTION', 'DELIVERY_ATTEMPTED', 'DELIVERED'])[1 + floor(random() * 5)::int],
                                            last_event_at = CASE WHEN random() < 0.2 THEN NULL ELSE now() - random() * interval '8 days' END
            WHERE s.id = (SELECT x.id FROM backdesk.shipments x WHERE x.tracking_no LIKE 'DTTRACK%' ORDER BY random() LIMIT 1);
        ELSE
            UPDATE backdesk.orders o SET status = (ARRAY['paid', 'packed', 'shipped', 'cancelled'])[1 + floor(random() * 4)::int],
                                         ship_by = backdesk.shop_date(now()) + floor(random() * 8 - 5)::int
            WHERE o.id = (SELECT x.id FROM backdesk.orders x WHERE x.number LIKE 'SO-DT-%' ORDER BY random() LIMIT 1);
        END IF;
        IF i % 97 = 0 THEN
            PERFORM backdesk.dashboard_tally_fold();
        END IF;
    END LOOP;
END $$;
SELECT pg_temp.shake(3000);

-- Every tally as it should be: each row's tallies, summed over all rows.
CREATE TEMP VIEW t_recount AS
SELECT f.metric, f.at, f.key, sum(f.n)::bigint AS n, sum(f.points)::bigint AS points
FROM backdesk.tickets t
CROSS JOIN LATERAL backdesk.dashboard_ticket_tally(t.status, t.priority, t.assignee_id, t.first_response_at,
    t.sla_next_due, t.created_at, t.satisfaction, t.satisfaction_at) f GROUP BY 1, 2, 3
UNION ALL
SELECT f.metric, f.at, f.key, sum(f.n)::bigint, sum(f.points)::bigint
FROM backdesk.shipments s CROSS JOIN LATERAL backdesk.dashboard_parcel_tally(s.status, s.last_event_at, s.shipped_at) f
GROUP BY 1, 2, 3
UNION ALL
SELECT f.metric, f.at, f.key, sum(f.n)::bigint, sum(f.points)::bigint
FROM backdesk.orders o CROSS JOIN LATERAL backdesk.dashboard_order_tally(o.status, o.ship_by) f GROUP BY 1, 2, 3;
CREATE TEMP VIEW t_tallied AS
SELECT u.metric, u.at, u.key, sum(u.n)::bigint AS n, sum(u.points)::bigint AS points
FROM (SELECT metric, at, key, n, points FROM backdesk.dashboard_tally
      UNION ALL SELECT metric, at, key, n, points FROM backdesk.dashboard_tally_delta) u
GROUP BY 1, 2, 3 HAVING sum(u.n) <> 0 OR sum(u.points) <> 0;

SELECT ok((SELECT count(*) FROM backdesk.dashboard_tally_delta) > 0, 'changes since the last fold wait as deltas');
SELECT ok((SELECT count(*) FROM backdesk.dashboard_tally WHERE metric IN ('grid', 'rated', 'moving', 'to_ship')) > 0,
          'the folds wrote the base');
SELECT is_empty($$SELECT * FROM t_recount EXCEPT SELECT * FROM t_tallied$$, 'every count of the rows is in the tallies');
SELECT is_empty($$SELECT * FROM t_tallied EXCEPT SELECT * FROM t_recount$$, 'and the tallies hold nothing else');

SELECT isnt(backdesk.dashboard_tally_fold(), -1::bigint, 'a fold runs when no other does');
SELECT is((SELECT count(*)::int FROM backdesk.dashboard_tally_delta), 0, 'a fold leaves no delta');
SELECT is_empty($$(SELECT * FROM t_recount EXCEPT SELECT * FROM t_tallied) UNION ALL (SELECT * FROM t_tallied EXCEPT SELECT * FROM t_recount)$$,
                'after the fold, the tallies are still the counts');

-- The document against the rows, counted as 0043 counted them.
SET SESSION AUTHORIZATION t_dt_sup;
CREATE TEMP TABLE t_doc AS SELECT api.dashboard() AS d;
RESET SESSION AUTHORIZATION;
SELECT is((SELECT (d #>> '{tickets,breached}')::bigint FROM t_doc),
          (SELECT count(*) FROM backdesk.dashboard_tickets('tickets_breached', NULL)), 'breached: as the list has it');
SELECT is((SELECT (d #>> '{parcels,stale}')::bigint FROM t_doc),
          (SELECT count(*) FROM backdesk.dashboard_parcels('parcels_stale')), 'without movement: as the list has it');
SELECT is((SELECT (d #>> '{orders,late_to_ship}')::bigint FROM t_doc),
          (SELECT count(*) FROM backdesk.dashboard_orders_late()), 'late to ship: as the list has it');
SELECT is((SELECT array_agg(g->>'count' ORDER BY o) FROM t_doc, jsonb_array_elements(d #> '{tickets,grid}') WITH ORDINALITY x(g, o)),
          (SELECT array_agg(coalesce(n, 0)::text ORDER BY si, pi)
           FROM unnest(ARRAY['new', 'open', 'pending', 'on_hold']) WITH ORDINALITY s(v, si)
           CROSS JOIN unnest(ARRAY['urgent', 'high', 'normal', 'low']) WITH ORDINALITY p(v, pi)
           LEFT JOIN (SELECT r.key, count(*) AS n FROM backdesk.dashboard_tickets('tickets', NULL) r GROUP BY 1) c
                  ON c.key = s.v || '/' || p.v), 'the grid: as the list has it');
SELECT is((SELECT array[(d #>> '{tickets,unassigned}')::bigint, (d #>> '{tickets,waiting}')::bigint,
                        (d #>> '{parcels,exception}')::bigint] FROM t_doc),
          array[(SELECT count(*) FROM backdesk.dashboard_tickets('tickets_unassigned', NULL)),
                (SELECT count(*) FROM backdesk.dashboard_tickets('tickets_waiting', NULL)),
                (SELECT count(*) FROM backdesk.dashboard_parcels('parcels_exception'))],
          'unassigned, waiting, in exception: as the lists have them');
SELECT is((SELECT d #> '{tickets,per_hour}' FROM t_doc),
          (SELECT jsonb_agg((SELECT count(*) FROM backdesk.dashboard_tickets('tickets_hour', i::text)) ORDER BY i)
           FROM generate_series(0, 23) i), 'tickets per hour: as the lists have them');
SELECT is((SELECT jsonb_agg(jsonb_build_object('login', a->>'login', 'open', a->'open', 'csat', a->'csat', 'n', a->'csat_count')
                            ORDER BY a->>'login')
           FROM t_doc, jsonb_array_elements(d -> 'agents') a WHERE a->>'login' LIKE 't_dt_agent%'),
          (SELECT jsonb_agg(jsonb_build_object('login', s.login,
                  'open', (SELECT count(*) FROM backdesk.dashboard_tickets('agent_open', s.id::text)),
                  'csat', (SELECT round(avg(t.satisfaction), 1) FROM backdesk.tickets t WHERE t.assignee_id = s.id
                           AND t.satisfaction IS NOT NULL AND t.satisfaction_at > now() - interval '30 days'),
                  'n', (SELECT count(*) FROM backdesk.tickets t WHERE t.assignee_id = s.id
                        AND t.satisfaction IS NOT NULL AND t.satisfaction_at > now() - interval '30 days')) ORDER BY s.login)
           FROM backdesk.staff s WHERE s.login LIKE 't_dt_%' AND s.role = 'agent'),
          'each agent''s open and 30-day score: as counted from the tickets');
SELECT is((SELECT jsonb_agg(jsonb_build_object('login', a->>'login', 'm', a->'first_response_minutes') ORDER BY a->>'login')
           FROM t_doc, jsonb_array_elements(d -> 'agents') a WHERE a->>'login' LIKE 't_dt_agent%'),
          (SELECT jsonb_agg(jsonb_build_object('login', s.login, 'm',
                  (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_response_at - t.created_at) / 60))::bigint
                   FROM backdesk.tickets t WHERE t.assignee_id = s.id AND t.first_response_at > now() - interval '7 days')) ORDER BY s.login)
           FROM backdesk.staff s WHERE s.login LIKE 't_dt_agent%'),
          'each agent''s median first response: as 0043 reckoned it (numeric minutes) from the tickets');
SELECT is((SELECT d -> 'csat_trend' FROM t_doc),
          (SELECT jsonb_agg(jsonb_build_object('day', to_char(d.day, 'YYYY-MM-DD'), 'avg', t.avg, 'count', t.n) ORDER BY d.day)
           FROM (SELECT backdesk.shop_date(now()) - i AS day FROM generate_series(0, 13) i) d
           CROSS JOIN LATERAL (SELECT round(avg(x.satisfaction), 1) AS avg, count(*) AS n FROM backdesk.tickets x
                               WHERE x.satisfaction IS NOT NULL AND backdesk.shop_date(x.satisfaction_at) = d.day) t),
          'the 14-day trend: as counted from the tickets, by the shop day each score came');

-- Counted again from the rows (after writes with the triggers off): the same.
CREATE TEMP TABLE t_before AS SELECT * FROM t_tallied;
SELECT backdesk.dashboard_tally_rebuild();
SELECT is_empty($$(SELECT * FROM t_before EXCEPT SELECT * FROM t_tallied) UNION ALL (SELECT * FROM t_tallied EXCEPT SELECT * FROM t_before)$$,
                'counting again from the rows gives the same tallies');

SELECT * FROM finish();
ROLLBACK;
