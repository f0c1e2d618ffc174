-- 0043 the supervisor dashboard's numbers and the lists behind them (issue 15).
--
-- api.dashboard() gives every number of the supervisor's dashboard in one jsonb
-- document; api.dashboard_list(metric, key, ...) the rows behind one of them.  A
-- number and its list cannot disagree: each metric's rows are written once, in one
-- of the backdesk.dashboard_* functions below (SQL, inlined where they are called),
-- and the number is count(*) of exactly those rows, grouped by their `key` where the
-- document gives several numbers of one metric (grid cells, agents, refund kinds,
-- hours).  The rules are the ones the other screens use: ticket_is_open and the
-- Tickets pane's soon/breached ranges (db/tickets_list.c), late_to_ship and the
-- Shipments pane's "no parcel yet", exception statuses and stale parcels
-- (db/shipments_list.c), the Returns pane's "to inspect" (db/returns_list.c), the
-- shop's day (shop_date).
--
-- Speed (docs/ARCHITECTURE.md "The dashboard's numbers"): every count is an index
-- range read without the table (index-only), so a count costs its number of index
-- entries and nothing else.  Most of the numbers move with the clock, not with a
-- write (breached, soon, stale, late, today), which summary rows kept by triggers
-- cannot follow; so partial and covering indexes, one per list, and one small set
-- kept by triggers where an index cannot say it: the paid or packed orders that
-- have a parcel anyway (nearly always none), which lets "no parcel yet" be an
-- anti-join against a tiny table instead of one probe into 10M parcels per order.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- The shop's calendar, the other way: where a shop day begins.
------------------------------------------------------------------------------

-- The first instant of shop day d: shop_date(shop_day_start(d)) = d and the instant
-- before it is the day before (tests/sql/dashboard.sql).  A range on a time column
-- an index can read; shop_date(t) = d is the rule, this is its bounds.  Inlined, no
-- SET (an index expression uses it).
CREATE FUNCTION backdesk.shop_day_start(d date) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (d::timestamp AT TIME ZONE 'Europe/Istanbul');
-- In an index on orders: whoever reads the table runs it (as shop_date, 0015).
GRANT EXECUTE ON FUNCTION backdesk.shop_day_start(date)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

-- The first of the dashboard's 24 clock hours: the current one (shop time) is the
-- last.
CREATE FUNCTION backdesk.dashboard_first_hour() RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN date_trunc('hour', now(), 'Europe/Istanbul') - interval '23 hours';

------------------------------------------------------------------------------
-- Paid or packed orders that have a parcel anyway.
------------------------------------------------------------------------------

-- The Shipments pane's "to pack" is paid or packed with no parcel.  api.ship_parcel
-- makes the parcel and the order shipped in one transaction, so this set is empty
-- but for the moment between the two statements and for data written around the
-- api; kept by the triggers below so that "no parcel" can be asked of it.
CREATE TABLE backdesk.to_ship_with_parcel (
    order_id bigint PRIMARY KEY REFERENCES backdesk.orders (id) ON DELETE CASCADE
);
COMMENT ON TABLE backdesk.to_ship_with_parcel IS
'The orders paid or packed that have a parcel (a shipments row) all the same: usually none. Kept by the triggers orders_to_ship_with_parcel and shipments_to_ship_with_parcel_*; the dashboard''s "late to ship" leaves them out, as the Shipments pane''s NOT EXISTS does (0043).';
INSERT INTO backdesk.to_ship_with_parcel
SELECT o.id FROM backdesk.orders o
WHERE o.status IN ('paid', 'packed') AND EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id);

CREATE FUNCTION backdesk.to_ship_with_parcel_sync(p_orders bigint[]) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    DELETE FROM backdesk.to_ship_with_parcel x WHERE x.order_id = ANY (p_orders);
    INSERT INTO backdesk.to_ship_with_parcel
    SELECT o.id FROM backdesk.orders o
    WHERE o.id = ANY (p_orders) AND o.status IN ('paid', 'packed')
      AND EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id);
END
$$;

CREATE FUNCTION backdesk.orders_to_ship_with_parcel() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    PERFORM backdesk.to_ship_with_parcel_sync(ARRAY[NEW.id]);
    RETURN NULL;
END
$$;
-- Only a change into or out of paid/packed can change the set.
CREATE TRIGGER orders_to_ship_with_parcel AFTER UPDATE OF status ON backdesk.orders
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
                       AND (OLD.status IN ('paid', 'packed') OR NEW.status IN ('paid', 'packed')))
    EXECUTE FUNCTION backdesk.orders_to_ship_with_parcel();

-- Per statement, over the changed parcels: a seed's COPY of millions is one join.
CREATE FUNCTION backdesk.shipments_to_ship_with_parcel() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT c.order_id) INTO v FROM changed_new c
        JOIN backdesk.orders o ON o.id = c.order_id WHERE o.status IN ('paid', 'packed');
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT c.order_id) INTO v FROM changed_old c
        JOIN backdesk.to_ship_with_parcel x ON x.order_id = c.order_id;
    ELSE
        SELECT array_agg(DISTINCT u.order_id) INTO v
        FROM (SELECT n.order_id FROM changed_new n JOIN changed_old o ON o.id = n.id
              WHERE n.order_id IS DISTINCT FROM o.order_id
              UNION ALL
              SELECT o.order_id FROM changed_new n JOIN changed_old o ON o.id = n.id
              WHERE n.order_id IS DISTINCT FROM o.order_id) u;
    END IF;
    IF v IS NOT NULL THEN
        PERFORM backdesk.to_ship_with_parcel_sync(v);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER shipments_to_ship_with_parcel_insert AFTER INSERT ON backdesk.shipments
    REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT
    EXECUTE FUNCTION backdesk.shipments_to_ship_with_parcel();
CREATE TRIGGER shipments_to_ship_with_parcel_delete AFTER DELETE ON backdesk.shipments
    REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT
    EXECUTE FUNCTION backdesk.shipments_to_ship_with_parcel();
CREATE TRIGGER shipments_to_ship_with_parcel_update AFTER UPDATE ON backdesk.shipments
    REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT
    EXECUTE FUNCTION backdesk.shipments_to_ship_with_parcel();

------------------------------------------------------------------------------
-- The indexes: each list's (at, id) under its predicate, and what the counts read.
------------------------------------------------------------------------------

-- All open tickets: the grid's counts (status, priority) and a cell's list.
CREATE INDEX tickets_open_grid ON backdesk.tickets (status, priority, created_at, id)
    WHERE status NOT IN ('solved', 'closed');
-- All open / a row / a column / unassigned, oldest first.
CREATE INDEX tickets_open_created ON backdesk.tickets (created_at, id)
    WHERE status NOT IN ('solved', 'closed');
-- Waiting for a first answer: its count, its list, the oldest.
CREATE INDEX tickets_open_waiting ON backdesk.tickets (created_at, id)
    WHERE first_response_at IS NULL AND status NOT IN ('solved', 'closed');
-- Resolved today by whom.
CREATE INDEX tickets_solved ON backdesk.tickets (solved_at) INCLUDE (assignee_id)
    WHERE solved_at IS NOT NULL;
-- First responses of the last 7 days: their minutes, by whom.
CREATE INDEX tickets_first_response ON backdesk.tickets (first_response_at) INCLUDE (assignee_id, created_at)
    WHERE first_response_at IS NOT NULL;
-- Scores of the last 30 days and the 14-day trend, by whom.
CREATE INDEX tickets_rated ON backdesk.tickets (satisfaction_at) INCLUDE (assignee_id, satisfaction)
    WHERE satisfaction IS NOT NULL;
-- Tickets per hour.
CREATE INDEX tickets_created ON backdesk.tickets (created_at, id);

-- Late to ship, in the order the list shows (its at is the ship-by day's midnight).
CREATE INDEX orders_to_ship_at ON backdesk.orders (backdesk.shop_day_start(ship_by), id) INCLUDE (ship_by)
    WHERE status IN ('paid', 'packed');

-- Parcels by their last news: the stale ones (the pane's shipments_still, with the
-- columns the news is made of, so a count reads no table) and those in exception.
CREATE INDEX shipments_still_news ON backdesk.shipments (coalesce(last_event_at, shipped_at), id)
    INCLUDE (last_event_at, shipped_at)
    WHERE status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED');
DROP INDEX backdesk.shipments_still;
CREATE INDEX shipments_exception_news ON backdesk.shipments (coalesce(last_event_at, shipped_at), id)
    INCLUDE (last_event_at, shipped_at, status)
    WHERE status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED');

-- Returns to inspect, by when they came in.
CREATE INDEX returns_received ON backdesk.returns (coalesce(received_at, requested_at), id)
    WHERE status = 'received';

------------------------------------------------------------------------------
-- Each metric's rows, once.  SQL functions without SET, so that the planner
-- inlines them with the metric and key as constants: the other metrics'
-- conditions fold away and what is left is one index range; a count reads none of
-- the joined tables (the joins are dropped when no column of theirs is used).
-- Columns: the list's nine, and `key`, what the document groups the count by.
------------------------------------------------------------------------------

CREATE FUNCTION backdesk.dashboard_tickets(p_metric text, p_key text)
    RETURNS TABLE (at timestamptz, id bigint, kind text, label text, state text, who text, detail text,
                   open_kind text, open_id bigint, key text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN p_metric IN ('tickets_soon', 'tickets_breached') THEN t.sla_next_due
            WHEN p_metric = 'agent_resolved' THEN t.solved_at
            ELSE t.created_at END,
       t.id, 'ticket'::text, t.number, t.status,
       coalesce((SELECT s.login FROM backdesk.staff s WHERE s.id = t.assignee_id), ''), t.subject, 'ticket'::text, t.id,
       CASE WHEN p_metric = 'tickets' THEN t.status || '/' || t.priority
            WHEN p_metric IN ('agent_open', 'agent_resolved') THEN t.assignee_id::text
            WHEN p_metric = 'tickets_hour' THEN p_key
       END
FROM backdesk.tickets t
WHERE (p_metric = 'tickets' AND backdesk.ticket_is_open(t.status)
       AND (p_key IS NULL OR split_part(p_key, '/', 1) = '' OR t.status = split_part(p_key, '/', 1))
       AND (p_key IS NULL OR split_part(p_key, '/', 2) = '' OR t.priority = split_part(p_key, '/', 2)))
   -- The Tickets pane's SOON and BREACHED (db/tickets_list.c), word for word.
   OR (p_metric = 'tickets_soon' AND backdesk.ticket_is_open(t.status)
       AND t.status <> 'pending' AND t.sla_next_due >= now() AND t.sla_next_due < now() + interval '1 hour')
   OR (p_metric = 'tickets_breached' AND backdesk.ticket_is_open(t.status)
       AND t.status <> 'pending' AND t.sla_next_due < now())
   OR (p_metric = 'tickets_unassigned' AND backdesk.ticket_is_open(t.status) AND t.assignee_id IS NULL)
   OR (p_metric = 'tickets_waiting' AND backdesk.ticket_is_open(t.status) AND t.first_response_at IS NULL)
   OR (p_metric = 'agent_open' AND backdesk.ticket_is_open(t.status) AND t.assignee_id IS NOT NULL
       AND (p_key IS NULL OR t.assignee_id = p_key::bigint))
   -- Solved on the shop's today, shop_date(solved_at) = shop_date(now()) as the range
   -- of its instants (shop_date per row is dear, see orders below).
   OR (p_metric = 'agent_resolved' AND t.assignee_id IS NOT NULL
       AND t.solved_at >= backdesk.shop_day_start(backdesk.shop_date(now()))
       AND t.solved_at < backdesk.shop_day_start(backdesk.shop_date(now()) + 1)
       AND (p_key IS NULL OR t.assignee_id = p_key::bigint))
   -- Hour p_key (0 to 23) of the last 24: a range of created_at, nothing worked out
   -- per row.
   OR (p_metric = 'tickets_hour'
       AND t.created_at >= backdesk.dashboard_first_hour() + p_key::integer * interval '1 hour'
       AND t.created_at < backdesk.dashboard_first_hour() + (p_key::integer + 1) * interval '1 hour')
$$;

-- Late to ship with no parcel yet (the Shipments pane's To pack): at is the ship-by
-- day's first instant.  backdesk.late_to_ship (0015) is paid or packed and ship_by
-- before the shop's today; said here as a range of at, which is the same (a day
-- begins before the next one does; tests/sql/dashboard.sql holds the two equal),
-- because late_to_ship per row costs 16 µs (shop_date's SET search_path): 1.2 s at
-- 73k late orders, where the range costs nothing per row.
CREATE FUNCTION backdesk.dashboard_orders_late()
    RETURNS TABLE (at timestamptz, id bigint, kind text, label text, state text, who text, detail text,
                   open_kind text, open_id bigint, key text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT backdesk.shop_day_start(o.ship_by), o.id, 'order'::text, o.number, o.status,
       coalesce((SELECT c.name FROM backdesk.customers c WHERE c.id = o.customer_id), ''),
       'ship by ' || o.ship_by::text || ', ' || backdesk.money_text(o.total) || ' ' || o.currency,
       'order'::text, o.id, NULL::text
FROM backdesk.orders o
WHERE o.status IN ('paid', 'packed')
  AND backdesk.shop_day_start(o.ship_by) < backdesk.shop_day_start(backdesk.shop_date(now()))
  -- No parcel: of the paid or packed, those with one are this set (see above).  NOT
  -- IN, so that the set is read once into a hash (order_id is never NULL): NOT EXISTS
  -- was planned as a probe per order, 95 ms at 73k late orders.
  AND o.id NOT IN (SELECT x.order_id FROM backdesk.to_ship_with_parcel x)
$$;

-- The Shipments pane's Exception and No-movement views (db/shipments_list.c); at is
-- the last news, coalesce(last_event_at, shipped_at), as there.
CREATE FUNCTION backdesk.dashboard_parcels(p_metric text)
    RETURNS TABLE (at timestamptz, id bigint, kind text, label text, state text, who text, detail text,
                   open_kind text, open_id bigint, key text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(s.last_event_at, s.shipped_at), s.id, 'shipment'::text, s.tracking_no, s.status, s.carrier,
       (SELECT o.number FROM backdesk.orders o WHERE o.id = s.order_id), 'parcel'::text, s.id, NULL::text
FROM backdesk.shipments s
WHERE (p_metric = 'parcels_exception' AND s.status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED'))
   OR (p_metric = 'parcels_stale' AND s.status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')
       AND coalesce(s.last_event_at, s.shipped_at) < now() - make_interval(days =>
           coalesce((SELECT x.value::integer FROM backdesk.settings x WHERE x.key = 'parcel_stale_days'), 3)))
$$;

-- The Returns pane's To inspect: received, not yet inspected.
CREATE FUNCTION backdesk.dashboard_returns_to_inspect()
    RETURNS TABLE (at timestamptz, id bigint, kind text, label text, state text, who text, detail text,
                   open_kind text, open_id bigint, key text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce(r.received_at, r.requested_at), r.id, 'return'::text, r.number, r.status,
       coalesce((SELECT c.name FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                 WHERE o.id = r.order_id), ''),
       r.kind || ', ' || (SELECT o.number FROM backdesk.orders o WHERE o.id = r.order_id), 'return'::text, r.id, NULL::text
FROM backdesk.returns r
WHERE r.status = 'received'
$$;

-- Refunds made on the shop's today (the ledger, 0011), key kind/currency.
CREATE FUNCTION backdesk.dashboard_refunds_today(p_key text)
    RETURNS TABLE (at timestamptz, id bigint, kind text, label text, state text, who text, detail text,
                   open_kind text, open_id bigint, key text)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT f.created_at, f.id, 'refund'::text, (SELECT o.number FROM backdesk.orders o WHERE o.id = f.order_id), f.kind,
       coalesce((SELECT c.name FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                 WHERE o.id = f.order_id), ''),
       backdesk.money_text(f.amount) || ' ' || f.currency, 'order'::text, f.order_id,
       f.kind || '/' || f.currency
FROM backdesk.refunds f
WHERE f.created_at >= backdesk.shop_day_start(backdesk.shop_date(now()))
  AND f.created_at < backdesk.shop_day_start(backdesk.shop_date(now()) + 1)
  AND (p_key IS NULL OR f.kind = split_part(p_key, '/', 1))
  AND (p_key IS NULL OR split_part(p_key, '/', 2) = '' OR f.currency = split_part(p_key, '/', 2))
$$;

------------------------------------------------------------------------------
-- The document.
------------------------------------------------------------------------------
CREATE FUNCTION api.dashboard() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, backdesk, pg_temp
    -- A count's plan is cheap to run and costly to compile: never JIT.
    SET jit = off
AS $$
DECLARE
    v_today date;
    v_grid jsonb;
    v_open bigint;
    v_doc jsonb;
BEGIN
    PERFORM backdesk.require_role('reading the dashboard', 'supervisor', 'admin');
    v_today := backdesk.shop_date(now());

    -- One pass over the open tickets: every cell, and all of them.
    WITH g AS (SELECT r.key, count(*) AS n FROM backdesk.dashboard_tickets('tickets', NULL) r GROUP BY r.key)
    SELECT (SELECT coalesce(sum(g.n), 0) FROM g),
           (SELECT jsonb_agg(jsonb_build_object('status', c.status, 'priority', c.priority,
                                                'count', coalesce(g.n, 0)) ORDER BY c.si, c.pi)
            FROM (SELECT s.v AS status, s.i AS si, p.v AS priority, p.i AS pi
                  FROM unnest(ARRAY['new', 'open', 'pending', 'on_hold']) WITH ORDINALITY s(v, i),
                       unnest(ARRAY['urgent', 'high', 'normal', 'low']) WITH ORDINALITY p(v, i)) c
            LEFT JOIN g ON g.key = c.status || '/' || c.priority)
    INTO v_open, v_grid;

    SELECT jsonb_build_object(
        'at', to_char(now() AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI:SS'),
        'today', to_char(v_today, 'YYYY-MM-DD'),
        'tickets', jsonb_build_object(
            'open', v_open,
            'grid', v_grid,
            'soon', (SELECT count(*) FROM backdesk.dashboard_tickets('tickets_soon', NULL)),
            'breached', (SELECT count(*) FROM backdesk.dashboard_tickets('tickets_breached', NULL)),
            'unassigned', (SELECT count(*) FROM backdesk.dashboard_tickets('tickets_unassigned', NULL)),
            'waiting', (SELECT count(*) FROM backdesk.dashboard_tickets('tickets_waiting', NULL)),
            'oldest_waiting', (SELECT jsonb_build_object('id', w.id, 'number', w.label, 'subject', w.detail,
                                                         'minutes', floor(extract(epoch FROM now() - w.at) / 60)::bigint)
                               FROM backdesk.dashboard_tickets('tickets_waiting', NULL) w
                               ORDER BY w.at, w.id LIMIT 1),
            'per_hour', (SELECT jsonb_agg(h.n ORDER BY i.i)
                         FROM generate_series(0, 23) i(i)
                         CROSS JOIN LATERAL (SELECT count(*) AS n
                                             FROM backdesk.dashboard_tickets('tickets_hour', i.i::text) r) h)),
        'agents', coalesce((
            SELECT jsonb_agg(jsonb_build_object('login', a.login, 'name', a.full_name, 'open', a.open,
                                                'resolved_today', a.resolved, 'first_response_minutes', a.frm,
                                                'csat', a.csat, 'csat_count', a.csat_n)
                             ORDER BY a.open DESC, a.login)
            FROM (SELECT s.login, s.full_name, coalesce(o.n, 0) AS open, coalesce(r.n, 0) AS resolved,
                         fr.m AS frm, cs.avg AS csat, coalesce(cs.n, 0) AS csat_n
                  FROM backdesk.staff s
                  LEFT JOIN (SELECT x.key, count(*) AS n FROM backdesk.dashboard_tickets('agent_open', NULL) x
                             GROUP BY x.key) o ON o.key = s.id::text
                  LEFT JOIN (SELECT x.key, count(*) AS n FROM backdesk.dashboard_tickets('agent_resolved', NULL) x
                             GROUP BY x.key) r ON r.key = s.id::text
                  LEFT JOIN (SELECT t.assignee_id,
                                    round(percentile_cont(0.5) WITHIN GROUP (
                                        ORDER BY extract(epoch FROM t.first_response_at - t.created_at) / 60))::bigint AS m
                             FROM backdesk.tickets t
                             WHERE t.first_response_at IS NOT NULL AND t.first_response_at > now() - interval '7 days'
                               AND t.assignee_id IS NOT NULL
                             GROUP BY t.assignee_id) fr ON fr.assignee_id = s.id
                  -- As the Tickets pane's title and api.csat_by_agent reckon it.
                  LEFT JOIN (SELECT t.assignee_id, round(avg(t.satisfaction), 1) AS avg, count(*) AS n
                             FROM backdesk.tickets t
                             WHERE t.satisfaction IS NOT NULL AND t.satisfaction_at > now() - interval '30 days'
                               AND t.assignee_id IS NOT NULL
                             GROUP BY t.assignee_id) cs ON cs.assignee_id = s.id
                  WHERE s.active AND s.role IN ('agent', 'supervisor')) a), '[]'::jsonb),
        'orders', jsonb_build_object(
            'late_to_ship', (SELECT count(*) FROM backdesk.dashboard_orders_late())),
        'parcels', jsonb_build_object(
            'exception', (SELECT count(*) FROM backdesk.dashboard_parcels('parcels_exception')),
            'stale', (SELECT count(*) FROM backdesk.dashboard_parcels('parcels_stale'))),
        'returns', jsonb_build_object(
            'to_inspect', (SELECT count(*) FROM backdesk.dashboard_returns_to_inspect())),
        'refunds_today', coalesce((
            SELECT jsonb_agg(jsonb_build_object('kind', f.kind, 'currency', f.currency, 'count', f.n,
                                                'sum', backdesk.money_text(f.total)) ORDER BY f.kind, f.currency)
            FROM (SELECT r.state AS kind, split_part(r.key, '/', 2) AS currency, count(*) AS n,
                         sum(x.amount) AS total
                  FROM backdesk.dashboard_refunds_today(NULL) r
                  JOIN backdesk.refunds x ON x.id = r.id
                  GROUP BY 1, 2) f), '[]'::jsonb),
        'csat_trend', (
            SELECT jsonb_agg(jsonb_build_object('day', to_char(d.day, 'YYYY-MM-DD'), 'avg', t.avg,
                                                'count', coalesce(t.n, 0)) ORDER BY d.day)
            FROM (SELECT v_today - i AS day FROM generate_series(0, 13) i) d
            -- One range per day: no shop_date per score.
            CROSS JOIN LATERAL (SELECT round(avg(x.satisfaction), 1) AS avg, count(*) AS n
                                FROM backdesk.tickets x
                                WHERE x.satisfaction IS NOT NULL
                                  AND x.satisfaction_at >= backdesk.shop_day_start(d.day)
                                  AND x.satisfaction_at < backdesk.shop_day_start(d.day + 1)) t))
    INTO v_doc;
    RETURN v_doc;
END
$$;

------------------------------------------------------------------------------
-- The rows behind one number.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.dashboard_bad(p_what text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = p_what,
        HINT = 'Metrics and their keys: tickets (STATUS/PRIORITY, STATUS/, /PRIORITY or none), '
               'tickets_soon, tickets_breached, tickets_unassigned, tickets_waiting (none), '
               'agent_open, agent_resolved (a login), orders_late, parcels_exception, parcels_stale, '
               'returns_to_inspect (none), refunds_today (KIND/CURRENCY, KIND/ or none), '
               'tickets_hour (0 to 23); a limit of 1 to 1000.';
END
$$;

CREATE FUNCTION api.dashboard_list(p_metric text, p_key text DEFAULT NULL, p_after_at timestamptz DEFAULT NULL,
                                   p_after_id bigint DEFAULT NULL, p_limit integer DEFAULT 100)
    RETURNS TABLE (at timestamptz, id bigint, kind text, label text, state text, who text, detail text,
                   open_kind text, open_id bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, backdesk, pg_temp
    SET jit = off
    -- Planned with the metric and key as they are, so that the other metrics'
    -- conditions fold away and one index range is left (as the Tickets pane does).
    SET plan_cache_mode = force_custom_plan
    -- Every list has an index in its (at, id) order (above).  Planned from inside
    -- the function the estimates of a cell's rows came out 20 times too low, and a
    -- page of new/normal sorted 8,572 rows read through another index: 221 ms
    -- where the index in order takes 1 (at 2M tickets).  So: no sort where an index
    -- gives the order.
    SET enable_sort = off
AS $$
DECLARE
    v_key_ok boolean;
    v_key text;
BEGIN
    PERFORM backdesk.require_role('reading the dashboard', 'supervisor', 'admin');
    IF p_limit IS NULL OR p_limit < 1 OR p_limit > 1000 THEN
        PERFORM backdesk.dashboard_bad(format('dashboard list: the limit must be 1 to 1000, not %s',
                                              coalesce(p_limit::text, 'NULL')));
    END IF;
    IF (p_after_at IS NULL) <> (p_after_id IS NULL) THEN
        PERFORM backdesk.dashboard_bad('dashboard list: give both the time and the id to read after, or neither');
    END IF;
    IF p_metric IS NULL OR p_metric NOT IN ('tickets', 'tickets_soon', 'tickets_breached', 'tickets_unassigned',
            'tickets_waiting', 'agent_open', 'agent_resolved', 'orders_late', 'parcels_exception',
            'parcels_stale', 'returns_to_inspect', 'refunds_today', 'tickets_hour') THEN
        PERFORM backdesk.dashboard_bad(format('dashboard list: no metric %s', coalesce(p_metric, 'NULL')));
    END IF;
    v_key_ok := CASE p_metric
        WHEN 'tickets' THEN p_key IS NULL
            OR (p_key ~ '^(new|open|pending|on_hold)?/(urgent|high|normal|low)?$' AND p_key <> '/')
        WHEN 'agent_open' THEN EXISTS (SELECT FROM backdesk.staff s WHERE s.login = p_key)
        WHEN 'agent_resolved' THEN EXISTS (SELECT FROM backdesk.staff s WHERE s.login = p_key)
        WHEN 'refunds_today' THEN p_key IS NULL
            OR p_key ~ '^(return|shipping_fee|goodwill|cancellation)/([A-Z]{3})?$'
        WHEN 'tickets_hour' THEN p_key ~ '^([0-9]|1[0-9]|2[0-3])$'
        ELSE p_key IS NULL END;
    IF v_key_ok IS NOT TRUE THEN
        PERFORM backdesk.dashboard_bad(format('dashboard list: %s does not take the key %s', p_metric,
                                              coalesce(p_key, 'NULL')));
    END IF;
    -- The rows name an agent by their staff id (no join to staff: see above).
    v_key := CASE WHEN p_metric IN ('agent_open', 'agent_resolved')
                  THEN (SELECT s.id::text FROM backdesk.staff s WHERE s.login = p_key) ELSE p_key END;

    IF p_metric IN ('tickets', 'tickets_soon', 'tickets_breached', 'tickets_unassigned', 'tickets_waiting',
                    'agent_open', 'agent_resolved', 'tickets_hour') THEN
        RETURN QUERY
        SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
        FROM backdesk.dashboard_tickets(p_metric, v_key) r
        WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
        ORDER BY r.at, r.id LIMIT p_limit;
    ELSIF p_metric = 'orders_late' THEN
        RETURN QUERY
        SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
        FROM backdesk.dashboard_orders_late() r
        WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
        ORDER BY r.at, r.id LIMIT p_limit;
    ELSIF p_metric IN ('parcels_exception', 'parcels_stale') THEN
        RETURN QUERY
        SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
        FROM backdesk.dashboard_parcels(p_metric) r
        WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
        ORDER BY r.at, r.id LIMIT p_limit;
    ELSIF p_metric = 'returns_to_inspect' THEN
        RETURN QUERY
        SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
        FROM backdesk.dashboard_returns_to_inspect() r
        WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
        ORDER BY r.at, r.id LIMIT p_limit;
    ELSE
        RETURN QUERY
        SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
        FROM backdesk.dashboard_refunds_today(p_key) r
        WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
        ORDER BY r.at, r.id LIMIT p_limit;
    END IF;
END
$$;

------------------------------------------------------------------------------
-- Who may call what, and what each says.
------------------------------------------------------------------------------
GRANT EXECUTE ON FUNCTION
    api.dashboard(),
    api.dashboard_list(text, text, timestamptz, bigint, integer)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.dashboard() IS
$$The supervisor's dashboard as one JSON document: at (now, shop time, YYYY-MM-DD HH24:MI:SS), today (the shop's day); tickets {open (status new, open, pending or on_hold), grid [16 of {status, priority, count}: new, open, pending, on_hold x urgent, high, normal, low, status-major], soon, breached (the Tickets pane's views), unassigned, waiting (no first response), oldest_waiting {id, number, subject, minutes since created} or null, per_hour [24 counts of tickets created per clock hour, oldest first, the last the current hour]}; agents [{login, name, open, resolved_today, first_response_minutes (median over first responses of the last 7 days, or null), csat (mean score of the last 30 days, 1 decimal, or null), csat_count}: active agents and supervisors, most open first, then login]; orders {late_to_ship (late_to_ship, no parcel yet)}; parcels {exception, stale (the Shipments pane's views)}; returns {to_inspect}; refunds_today [{kind, currency, count, sum}] by kind then currency; csat_trend [14 of {day, avg or null, count}, oldest first, the last today]. Every count is the number of rows api.dashboard_list gives for its metric and key. Reads only (no audit row: nothing changes).
Who: supervisor, admin.
Refuses: BD001 any other role.$$;

COMMENT ON FUNCTION api.dashboard_list(text, text, timestamptz, bigint, integer) IS
$$The rows behind one number of api.dashboard, ordered by (at, id), the page after (p_after_at, p_after_id), at most p_limit (1 to 1000): rows of (at, id, kind, label, state, who, detail, open_kind, open_id): kind and id the row itself (ticket, order, shipment, return, refund), label its number (a refund: its order's), state its status (a refund: its kind), who the assignee login, customer name or carrier, detail one short line, open_kind and open_id the screen Enter opens (ticket, order, parcel, return; a refund opens its order). Metrics and keys: tickets (STATUS/PRIORITY, STATUS/, /PRIORITY or none: all open; at created), tickets_soon and tickets_breached (at the due time), tickets_unassigned, tickets_waiting (at created), agent_open (a login; at created), agent_resolved (a login, solved on the shop's today; at solved), orders_late (at the ship-by day's midnight), parcels_exception and parcels_stale (at the last event, or shipped), returns_to_inspect (at received), refunds_today (KIND/CURRENCY, KIND/ or none; at created), tickets_hour (0 to 23, the index into per_hour; at created). Reads only (no audit row: nothing changes).
Who: supervisor, admin.
Refuses: BD001 any other role; BD005 an unknown metric, a key the metric does not take (a login that is no staff member), a limit outside 1 to 1000, only one of p_after_at and p_after_id.$$;

ANALYZE backdesk.tickets;
ANALYZE backdesk.to_ship_with_parcel;
