-- PROVISIONAL: a stand-in for part dash-db's 0043 (api.dashboard, api.dashboard_list)
-- so that the dashboard pane and its tests run before that part is merged.  It
-- follows the CONTRACT of issue 15 simply (correct, not fast).  The lead deletes
-- this file at merge.

SET LOCAL ROLE backdesk_owner;

CREATE FUNCTION api.dashboard() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_today date := backdesk.shop_date(now());
    v_stale integer := coalesce((SELECT x.value::integer FROM backdesk.settings x
                                 WHERE x.key = 'parcel_stale_days'), 3);
    v_tickets jsonb;
BEGIN
    PERFORM backdesk.require_role('reading the dashboard', 'supervisor', 'admin');
    SELECT jsonb_build_object(
        'open', (SELECT count(*) FROM tickets t WHERE t.status IN ('new', 'open', 'pending', 'on_hold')),
        'grid', (SELECT jsonb_agg(jsonb_build_object('status', s.status, 'priority', p.priority,
                        'count', (SELECT count(*) FROM tickets t WHERE t.status = s.status AND t.priority = p.priority))
                        ORDER BY s.o, p.o)
                 FROM unnest(ARRAY['new', 'open', 'pending', 'on_hold']) WITH ORDINALITY AS s(status, o)
                 CROSS JOIN unnest(ARRAY['urgent', 'high', 'normal', 'low']) WITH ORDINALITY AS p(priority, o)),
        'soon', (SELECT count(*) FROM tickets t WHERE t.status IN ('new', 'open', 'on_hold')
                 AND t.sla_next_due >= now() AND t.sla_next_due < now() + interval '1 hour'),
        'breached', (SELECT count(*) FROM tickets t WHERE t.status IN ('new', 'open', 'on_hold')
                     AND t.sla_next_due < now()),
        'unassigned', (SELECT count(*) FROM tickets t WHERE t.status IN ('new', 'open', 'pending', 'on_hold')
                       AND t.assignee_id IS NULL),
        'waiting', (SELECT count(*) FROM tickets t WHERE t.status IN ('new', 'open', 'pending', 'on_hold')
                    AND t.first_response_at IS NULL),
        'oldest_waiting', (SELECT jsonb_build_object('id', t.id, 'number', t.number, 'subject', t.subject,
                                  'minutes', floor(extract(epoch FROM now() - t.created_at) / 60)::bigint)
                           FROM tickets t WHERE t.status IN ('new', 'open', 'pending', 'on_hold')
                           AND t.first_response_at IS NULL ORDER BY t.created_at, t.id LIMIT 1),
        'per_hour', (SELECT jsonb_agg((SELECT count(*) FROM tickets t
                                       WHERE t.created_at >= h AND t.created_at < h + interval '1 hour') ORDER BY h)
                     FROM generate_series(date_trunc('hour', now()) - interval '23 hours',
                                          date_trunc('hour', now()), interval '1 hour') AS h))
    INTO v_tickets;
    RETURN jsonb_build_object(
        'at', to_char(now() AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI:SS'),
        'today', v_today::text,
        'tickets', v_tickets,
        'agents', coalesce((SELECT jsonb_agg(a ORDER BY (a->>'open')::bigint DESC, a->>'login') FROM (
            SELECT jsonb_build_object('login', s.login, 'name', s.full_name,
                'open', (SELECT count(*) FROM tickets t WHERE t.assignee_id = s.id
                         AND t.status IN ('new', 'open', 'pending', 'on_hold')),
                'resolved_today', (SELECT count(*) FROM tickets t WHERE t.assignee_id = s.id
                                   AND t.solved_at IS NOT NULL AND backdesk.shop_date(t.solved_at) = v_today),
                'first_response_minutes', (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY
                                               extract(epoch FROM t.first_response_at - t.created_at) / 60)::numeric)
                                           FROM tickets t WHERE t.assignee_id = s.id
                                           AND t.first_response_at >= now() - interval '7 days'),
                'csat', (SELECT round(avg(t.satisfaction), 1) FROM tickets t WHERE t.assignee_id = s.id
                         AND t.satisfaction IS NOT NULL AND t.satisfaction_at >= now() - interval '30 days'),
                'csat_count', (SELECT count(*) FROM tickets t WHERE t.assignee_id = s.id
                               AND t.satisfaction IS NOT NULL AND t.satisfaction_at >= now() - interval '30 days')) AS a
            FROM staff s WHERE s.active AND s.role IN ('agent', 'supervisor')) x), '[]'::jsonb),
        'orders', jsonb_build_object('late_to_ship', (SELECT count(*) FROM orders o
            WHERE backdesk.late_to_ship(o.status, o.ship_by)
            AND NOT EXISTS (SELECT FROM shipments s WHERE s.order_id = o.id))),
        'parcels', jsonb_build_object(
            'exception', (SELECT count(*) FROM shipments s WHERE s.status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED')),
            'stale', (SELECT count(*) FROM shipments s
                      WHERE s.status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')
                      AND coalesce(s.last_event_at, s.shipped_at) < now() - make_interval(days => v_stale))),
        'returns', jsonb_build_object('to_inspect', (SELECT count(*) FROM returns r WHERE r.status = 'received')),
        'refunds_today', coalesce((SELECT jsonb_agg(jsonb_build_object('kind', f.kind, 'currency', f.currency,
                                          'count', f.n, 'sum', backdesk.money_text(f.total)) ORDER BY f.kind, f.currency)
            FROM (SELECT r.kind, r.currency::text AS currency, count(*) AS n, sum(r.amount) AS total
                  FROM refunds r WHERE backdesk.shop_date(r.created_at) = v_today
                  GROUP BY r.kind, r.currency) f), '[]'::jsonb),
        'csat_trend', (SELECT jsonb_agg(jsonb_build_object('day', d::date::text,
                              'avg', (SELECT round(avg(t.satisfaction), 1) FROM tickets t
                                      WHERE t.satisfaction IS NOT NULL AND backdesk.shop_date(t.satisfaction_at) = d::date),
                              'count', (SELECT count(*) FROM tickets t
                                        WHERE t.satisfaction IS NOT NULL AND backdesk.shop_date(t.satisfaction_at) = d::date))
                              ORDER BY d)
                       FROM generate_series(v_today - 13, v_today, interval '1 day') AS d));
END
$$;

CREATE FUNCTION api.dashboard_list(p_metric text, p_key text DEFAULT NULL, p_after_at timestamptz DEFAULT NULL,
                                   p_after_id bigint DEFAULT NULL, p_limit integer DEFAULT 100)
    RETURNS TABLE (at timestamptz, id bigint, kind text, label text, state text, who text, detail text,
                   open_kind text, open_id bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_today date := backdesk.shop_date(now());
    v_stale integer := coalesce((SELECT x.value::integer FROM backdesk.settings x
                                 WHERE x.key = 'parcel_stale_days'), 3);
    v_a text := split_part(coalesce(p_key, ''), '/', 1);
    v_b text := split_part(coalesce(p_key, ''), '/', 2);
    v_keyed boolean;
    v_hour integer;
BEGIN
    PERFORM backdesk.require_role('reading the dashboard', 'supervisor', 'admin');
    IF p_limit IS NULL OR p_limit < 1 OR p_limit > 1000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('limit %s is out of range', p_limit),
            HINT = 'Ask for 1 to 1000 rows.';
    END IF;
    v_keyed := p_metric IN ('tickets', 'agent_open', 'agent_resolved', 'refunds_today', 'tickets_hour');
    IF p_metric IS NULL OR p_metric NOT IN ('tickets', 'tickets_soon', 'tickets_breached', 'tickets_unassigned',
            'tickets_waiting', 'agent_open', 'agent_resolved', 'orders_late', 'parcels_exception', 'parcels_stale',
            'returns_to_inspect', 'refunds_today', 'tickets_hour')
       OR (NOT v_keyed AND p_key IS NOT NULL)
       OR (p_metric IN ('agent_open', 'agent_resolved', 'tickets_hour') AND p_key IS NULL)
       OR (p_metric = 'tickets' AND p_key IS NOT NULL AND (strpos(p_key, '/') = 0
           OR v_a NOT IN ('', 'new', 'open', 'pending', 'on_hold')
           OR v_b NOT IN ('', 'urgent', 'high', 'normal', 'low')))
       OR (p_metric = 'refunds_today' AND p_key IS NOT NULL AND (strpos(p_key, '/') = 0 OR v_a = ''))
       OR (p_metric = 'tickets_hour' AND p_key !~ '^([0-9]|1[0-9]|2[0-3])$') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('no dashboard list %s with key %s', coalesce(p_metric, 'NULL'), coalesce(p_key, 'NULL')),
            HINT = 'Metrics: tickets (STATUS/PRIORITY), tickets_soon, tickets_breached, tickets_unassigned, '
                   'tickets_waiting, agent_open (login), agent_resolved (login), orders_late, parcels_exception, '
                   'parcels_stale, returns_to_inspect, refunds_today (KIND/CURRENCY), tickets_hour (0..23).';
    END IF;
    IF p_metric = 'tickets_hour' THEN
        v_hour := p_key::integer;
    END IF;
    RETURN QUERY
    SELECT x.at, x.id, x.kind, x.label, x.state, x.who, x.detail, x.open_kind, x.open_id FROM (
        SELECT CASE p_metric WHEN 'tickets_soon' THEN t.sla_next_due WHEN 'tickets_breached' THEN t.sla_next_due
                             WHEN 'agent_resolved' THEN t.solved_at ELSE t.created_at END AS at,
               t.id, 'ticket'::text AS kind, t.number AS label, t.status AS state,
               coalesce(s.login, '') AS who, t.subject AS detail, 'ticket'::text AS open_kind, t.id AS open_id
        FROM tickets t LEFT JOIN staff s ON s.id = t.assignee_id
        WHERE p_metric IN ('tickets', 'tickets_soon', 'tickets_breached', 'tickets_unassigned', 'tickets_waiting',
                           'agent_open', 'agent_resolved', 'tickets_hour')
          AND CASE p_metric
              WHEN 'tickets' THEN t.status IN ('new', 'open', 'pending', 'on_hold')
                   AND (v_a = '' OR t.status = v_a) AND (v_b = '' OR t.priority = v_b)
              WHEN 'tickets_soon' THEN t.status IN ('new', 'open', 'on_hold')
                   AND t.sla_next_due >= now() AND t.sla_next_due < now() + interval '1 hour'
              WHEN 'tickets_breached' THEN t.status IN ('new', 'open', 'on_hold') AND t.sla_next_due < now()
              WHEN 'tickets_unassigned' THEN t.status IN ('new', 'open', 'pending', 'on_hold') AND t.assignee_id IS NULL
              WHEN 'tickets_waiting' THEN t.status IN ('new', 'open', 'pending', 'on_hold')
                   AND t.first_response_at IS NULL
              WHEN 'agent_open' THEN t.status IN ('new', 'open', 'pending', 'on_hold') AND s.login = p_key
              WHEN 'agent_resolved' THEN s.login = p_key AND t.solved_at IS NOT NULL
                   AND backdesk.shop_date(t.solved_at) = v_today
              WHEN 'tickets_hour' THEN
                   t.created_at >= date_trunc('hour', now()) - make_interval(hours => 23 - v_hour)
                   AND t.created_at < date_trunc('hour', now()) - make_interval(hours => 22 - v_hour)
              ELSE false END
        UNION ALL
        SELECT (o.ship_by::timestamp AT TIME ZONE 'Europe/Istanbul'), o.id, 'order', o.number, o.status,
               coalesce(c.name, ''), backdesk.money_text(o.total) || ' ' || o.currency, 'order', o.id
        FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
        WHERE p_metric = 'orders_late' AND backdesk.late_to_ship(o.status, o.ship_by)
          AND NOT EXISTS (SELECT FROM shipments s WHERE s.order_id = o.id)
        UNION ALL
        SELECT coalesce(s.last_event_at, s.shipped_at), s.id, 'shipment', s.tracking_no, s.status, s.carrier,
               o.number, 'parcel', s.id
        FROM shipments s JOIN orders o ON o.id = s.order_id
        WHERE (p_metric = 'parcels_exception' AND s.status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED'))
           OR (p_metric = 'parcels_stale' AND s.status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')
               AND coalesce(s.last_event_at, s.shipped_at) < now() - make_interval(days => v_stale))
        UNION ALL
        SELECT r.received_at, r.id, 'return', r.number, r.status, coalesce(c.name, ''), o.number || ' ' || r.kind,
               'return', r.id
        FROM returns r JOIN orders o ON o.id = r.order_id LEFT JOIN customers c ON c.id = o.customer_id
        WHERE p_metric = 'returns_to_inspect' AND r.status = 'received'
        UNION ALL
        SELECT f.created_at, f.id, 'refund', o.number, f.kind, f.created_by,
               backdesk.money_text(f.amount) || ' ' || f.currency, 'order', o.id
        FROM refunds f JOIN orders o ON o.id = f.order_id
        WHERE p_metric = 'refunds_today' AND backdesk.shop_date(f.created_at) = v_today
          AND (v_a = '' OR f.kind = v_a) AND (v_b = '' OR f.currency = v_b)
    ) x
    WHERE p_after_at IS NULL OR (x.at, x.id) > (p_after_at, p_after_id)
    ORDER BY x.at, x.id
    LIMIT p_limit;
END
$$;

REVOKE ALL ON FUNCTION api.dashboard(), api.dashboard_list(text, text, timestamptz, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.dashboard(), api.dashboard_list(text, text, timestamptz, bigint, integer)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.dashboard() IS
$$PROVISIONAL stand-in (0093): the supervisor dashboard's counts as one jsonb document (issue 15's CONTRACT). Read-only: no audit row.
Who: supervisor, admin.
Refuses: BD001 any other role.$$;
COMMENT ON FUNCTION api.dashboard_list(text, text, timestamptz, bigint, integer) IS
$$PROVISIONAL stand-in (0093): the rows behind one number of api.dashboard, by (at, id), keyset after (p_after_at, p_after_id). Read-only: no audit row.
Who: supervisor, admin.
Refuses: BD001 any other role; BD005 an unknown metric, a key it does not take, a limit outside 1..1000.$$;
