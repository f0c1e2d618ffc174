-- 0048 the dashboard's counts kept by triggers, without a hot row (issue 15), and
-- api.dashboard_list pages backward.
--
-- 0043 counted every number's rows in their index at each refresh: exact, but at
-- 2M tickets and 10M orders that is 100k+ index entries a refresh (183 ms).  Here
-- the big numbers are tallies kept by the writes themselves, and what the clock
-- moves is a sum of buckets plus one index range of the bucket the clock is in
-- (docs/ARCHITECTURE.md "The dashboard's numbers").
--
--   * A write never updates a shared row: each statement that changes what a
--     number counts INSERTs its net change (+n/-n per metric, key and bucket) into
--     backdesk.dashboard_tally_delta.  Concurrent writers insert side by side and
--     never wait for each other.
--   * A reader sums backdesk.dashboard_tally (the folded base, one row per metric,
--     key and bucket) together with the deltas, in one snapshot: the ticket rows a
--     list reads and the tallies its number reads are written by the same
--     transactions, so the number is the list's length in any snapshot.
--   * backdesk.dashboard_tally_fold() moves the deltas into the base: DELETE ...
--     RETURNING the deltas it sees and adds their sums to the base rows, in one
--     transaction.  A delta row can be deleted by one transaction only (the other
--     waits for its row lock, then skips the row as gone), and whoever deletes it
--     adds it to the base in the same commit: so no delta is lost or counted twice,
--     whatever runs at the same time; a reader sees the delta or the base that has
--     it, never both (tests/shell/dashboard_tally_race.t).  The writes themselves
--     fold now and then (every 256th delta statement) under a try-lock, so that a
--     writer never waits for a fold and two folds do not queue.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- The tallies.
------------------------------------------------------------------------------

-- The folded counts.  at is the bucket (the first instant of an hour or a shop day)
-- for a number the clock moves, -infinity for one it does not; points sums a value
-- (the satisfaction scores) where a mean is wanted.
CREATE TABLE backdesk.dashboard_tally (
    metric text NOT NULL CHECK (metric IN ('grid', 'unassigned', 'waiting', 'agent_open', 'created', 'due',
                                           'rated', 'exception', 'moving', 'to_ship')),
    at timestamptz NOT NULL,
    key text NOT NULL CHECK (length(key) <= 40),
    n bigint NOT NULL,
    points bigint NOT NULL,
    PRIMARY KEY (metric, at, key)
);
-- The buckets a fold brought to nothing, which it deletes: found without reading
-- the others.
CREATE INDEX dashboard_tally_zero ON backdesk.dashboard_tally (metric) WHERE n = 0 AND points = 0;
COMMENT ON TABLE backdesk.dashboard_tally IS
'The dashboard''s counts, folded: a number is the sum of its rows here and in dashboard_tally_delta (0048). Written by backdesk.dashboard_tally_fold only.';

-- The changes not folded yet: insert-only, one row per statement, metric, key and
-- bucket.
CREATE TABLE backdesk.dashboard_tally_delta (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    metric text NOT NULL CHECK (metric IN ('grid', 'unassigned', 'waiting', 'agent_open', 'created', 'due',
                                           'rated', 'exception', 'moving', 'to_ship')),
    at timestamptz NOT NULL,
    key text NOT NULL CHECK (length(key) <= 40),
    n bigint NOT NULL,
    points bigint NOT NULL
);
CREATE INDEX dashboard_tally_delta_metric ON backdesk.dashboard_tally_delta (metric, at);
-- Folded rows are dead rows: vacuumed soon, so that a sum reads few.
ALTER TABLE backdesk.dashboard_tally_delta SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
                                                autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 2000);
COMMENT ON TABLE backdesk.dashboard_tally_delta IS
'The changes to the dashboard''s counts since the last fold: each statement that changes tickets, orders or parcels inserts its net change here (never an update: no row that writers share). Folded into dashboard_tally by backdesk.dashboard_tally_fold (0048).';

-- When the writes fold (every 256th statement that adds deltas).
CREATE SEQUENCE backdesk.dashboard_tally_statements;

-- A number's rows of the base and the deltas, summed per key and bucket, buckets
-- in [p_from, p_until).  Inlined where it is called.
CREATE FUNCTION backdesk.dashboard_tally_sum(p_metric text, p_from timestamptz, p_until timestamptz)
    RETURNS TABLE (key text, at timestamptz, n bigint, points bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT u.key, u.at, sum(u.n)::bigint, sum(u.points)::bigint
FROM (SELECT b.key, b.at, b.n, b.points FROM backdesk.dashboard_tally b
      WHERE b.metric = p_metric AND b.at >= p_from AND b.at < p_until
      UNION ALL
      SELECT d.key, d.at, d.n, d.points FROM backdesk.dashboard_tally_delta d
      WHERE d.metric = p_metric AND d.at >= p_from AND d.at < p_until) u
GROUP BY u.key, u.at
$$;

-- Fold the deltas into the base (see the head of this file for why it cannot lose
-- or double one).  Under a try-lock: if a fold is running, this one does nothing
-- (the deltas wait for the next).  Returns the delta rows folded, or -1 when
-- another fold holds the lock.
CREATE FUNCTION backdesk.dashboard_tally_fold() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('backdesk.dashboard_tally_fold')) THEN
        RETURN -1;
    END IF;
    WITH d AS (DELETE FROM backdesk.dashboard_tally_delta RETURNING metric, at, key, n, points),
         s AS (SELECT d.metric, d.at, d.key, sum(d.n) AS n, sum(d.points) AS points, count(*) AS rows
               FROM d GROUP BY 1, 2, 3),
         u AS (INSERT INTO backdesk.dashboard_tally AS b (metric, at, key, n, points)
               SELECT s.metric, s.at, s.key, s.n, s.points FROM s WHERE s.n <> 0 OR s.points <> 0
               ON CONFLICT (metric, at, key) DO UPDATE SET n = b.n + excluded.n, points = b.points + excluded.points)
    SELECT coalesce(sum(s.rows), 0) INTO v FROM s;
    -- Buckets that came to nothing (a cell emptied, a day's parcels all delivered).
    DELETE FROM backdesk.dashboard_tally b WHERE b.n = 0 AND b.points = 0;
    RETURN v;
END
$$;
REVOKE EXECUTE ON FUNCTION backdesk.dashboard_tally_fold() FROM PUBLIC;

------------------------------------------------------------------------------
-- What one row counts in.  Each is the rule of the list its number belongs to
-- (0043's backdesk.dashboard_* functions), said of one row: +1 in each of these.
------------------------------------------------------------------------------

CREATE FUNCTION backdesk.dashboard_ticket_tally(p_status text, p_priority text, p_assignee bigint,
                                                p_first_response_at timestamptz, p_sla_next_due timestamptz,
                                                p_created_at timestamptz, p_satisfaction smallint,
                                                p_satisfaction_at timestamptz)
    RETURNS TABLE (metric text, at timestamptz, key text, n bigint, points bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT 'grid', '-infinity'::timestamptz, p_status || '/' || p_priority, 1::bigint, 0::bigint
WHERE backdesk.ticket_is_open(p_status)
UNION ALL
SELECT 'unassigned', '-infinity', '', 1, 0 WHERE backdesk.ticket_is_open(p_status) AND p_assignee IS NULL
UNION ALL
SELECT 'waiting', '-infinity', '', 1, 0 WHERE backdesk.ticket_is_open(p_status) AND p_first_response_at IS NULL
UNION ALL
SELECT 'agent_open', '-infinity', p_assignee::text, 1, 0
WHERE backdesk.ticket_is_open(p_status) AND p_assignee IS NOT NULL
UNION ALL
-- Tickets per hour: by the shop's clock hour of created_at (dashboard_first_hour's).
SELECT 'created', date_trunc('hour', p_created_at, 'Europe/Istanbul'), '', 1, 0 WHERE p_created_at IS NOT NULL
UNION ALL
-- Breached, by the shop day of the due time: the days before today are summed,
-- today's rows up to now() read from the index.
SELECT 'due', date_trunc('day', p_sla_next_due, 'Europe/Istanbul'), '', 1, 0
WHERE backdesk.ticket_is_open(p_status) AND p_status <> 'pending' AND p_sla_next_due IS NOT NULL
UNION ALL
-- Scores by the shop day they came and whose ticket it is ('' for nobody's).
SELECT 'rated', date_trunc('day', p_satisfaction_at, 'Europe/Istanbul'), coalesce(p_assignee::text, ''), 1,
       p_satisfaction::bigint
WHERE p_satisfaction IS NOT NULL AND p_satisfaction_at IS NOT NULL
$$;

-- Parcels: in exception (no clock), and the not-final ones by the shop day of their
-- last news (without movement: the days before the limit's day summed, the limit's
-- day read from the index).
CREATE FUNCTION backdesk.dashboard_parcel_tally(p_status text, p_last_event_at timestamptz,
                                                p_shipped_at timestamptz)
    RETURNS TABLE (metric text, at timestamptz, key text, n bigint, points bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT 'exception', '-infinity'::timestamptz, ''::text, 1::bigint, 0::bigint
WHERE p_status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED')
UNION ALL
SELECT 'moving', date_trunc('day', coalesce(p_last_event_at, p_shipped_at), 'Europe/Istanbul'), '', 1, 0
WHERE p_status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')
  AND coalesce(p_last_event_at, p_shipped_at) IS NOT NULL
$$;

-- Orders to ship (paid or packed) by their ship-by day; late is the days before
-- today, less those with a parcel anyway (to_ship_with_parcel, 0043, read live).
CREATE FUNCTION backdesk.dashboard_order_tally(p_status text, p_ship_by date)
    RETURNS TABLE (metric text, at timestamptz, key text, n bigint, points bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT 'to_ship', backdesk.shop_day_start(p_ship_by), ''::text, 1::bigint, 0::bigint
WHERE p_status IN ('paid', 'packed') AND p_ship_by IS NOT NULL
$$;

------------------------------------------------------------------------------
-- The triggers: per statement, the new rows' tallies less the old rows', netted;
-- nothing is written when nothing counted changed (most ticket updates).
------------------------------------------------------------------------------

-- After a statement added deltas: now and then, fold.
CREATE FUNCTION backdesk.dashboard_tally_added() RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF nextval('backdesk.dashboard_tally_statements') % 256 = 0 THEN
        PERFORM backdesk.dashboard_tally_fold();
    END IF;
END
$$;

CREATE FUNCTION backdesk.tickets_dashboard_tally() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v bigint;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM backdesk.dashboard_tally_delta WHERE metric IN ('grid', 'unassigned', 'waiting', 'agent_open', 'created', 'due', 'rated');
        DELETE FROM backdesk.dashboard_tally WHERE metric IN ('grid', 'unassigned', 'waiting', 'agent_open', 'created', 'due', 'rated');
        RETURN NULL;
    END IF;
    -- A transition table is there only for its event: one statement each.
    IF TG_OP = 'INSERT' THEN
        WITH ins AS (
            INSERT INTO backdesk.dashboard_tally_delta (metric, at, key, n, points)
            SELECT f.metric, f.at, f.key, sum(f.n * c.sign), sum(f.points * c.sign)
            FROM (SELECT 1 AS sign, t.status, t.priority, t.assignee_id, t.first_response_at, t.sla_next_due,
                     t.created_at, t.satisfaction, t.satisfaction_at
              FROM changed_new t) c
            CROSS JOIN LATERAL backdesk.dashboard_ticket_tally(c.status, c.priority, c.assignee_id,
                c.first_response_at, c.sla_next_due, c.created_at, c.satisfaction, c.satisfaction_at) f
            GROUP BY 1, 2, 3
            HAVING sum(f.n * c.sign) <> 0 OR sum(f.points * c.sign) <> 0
            RETURNING 1)
        SELECT count(*) INTO v FROM ins;
    ELSIF TG_OP = 'DELETE' THEN
        WITH ins AS (
            INSERT INTO backdesk.dashboard_tally_delta (metric, at, key, n, points)
            SELECT f.metric, f.at, f.key, sum(f.n * c.sign), sum(f.points * c.sign)
            FROM (SELECT -1 AS sign, t.status, t.priority, t.assignee_id, t.first_response_at, t.sla_next_due,
                     t.created_at, t.satisfaction, t.satisfaction_at
              FROM changed_old t) c
            CROSS JOIN LATERAL backdesk.dashboard_ticket_tally(c.status, c.priority, c.assignee_id,
                c.first_response_at, c.sla_next_due, c.created_at, c.satisfaction, c.satisfaction_at) f
            GROUP BY 1, 2, 3
            HAVING sum(f.n * c.sign) <> 0 OR sum(f.points * c.sign) <> 0
            RETURNING 1)
        SELECT count(*) INTO v FROM ins;
    ELSE
        WITH ins AS (
            INSERT INTO backdesk.dashboard_tally_delta (metric, at, key, n, points)
            SELECT f.metric, f.at, f.key, sum(f.n * c.sign), sum(f.points * c.sign)
            FROM (SELECT 1 AS sign, t.status, t.priority, t.assignee_id, t.first_response_at, t.sla_next_due,
                     t.created_at, t.satisfaction, t.satisfaction_at
              FROM changed_new t
                  UNION ALL
                  SELECT -1, t.status, t.priority, t.assignee_id, t.first_response_at, t.sla_next_due,
                     t.created_at, t.satisfaction, t.satisfaction_at
              FROM changed_old t) c
            CROSS JOIN LATERAL backdesk.dashboard_ticket_tally(c.status, c.priority, c.assignee_id,
                c.first_response_at, c.sla_next_due, c.created_at, c.satisfaction, c.satisfaction_at) f
            GROUP BY 1, 2, 3
            HAVING sum(f.n * c.sign) <> 0 OR sum(f.points * c.sign) <> 0
            RETURNING 1)
        SELECT count(*) INTO v FROM ins;
    END IF;
    IF v > 0 THEN
        PERFORM backdesk.dashboard_tally_added();
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION backdesk.shipments_dashboard_tally() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v bigint;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM backdesk.dashboard_tally_delta WHERE metric IN ('exception', 'moving');
        DELETE FROM backdesk.dashboard_tally WHERE metric IN ('exception', 'moving');
        RETURN NULL;
    END IF;
    -- A transition table is there only for its event: one statement each.
    IF TG_OP = 'INSERT' THEN
        WITH ins AS (
            INSERT INTO backdesk.dashboard_tally_delta (metric, at, key, n, points)
            SELECT f.metric, f.at, f.key, sum(f.n * c.sign), sum(f.points * c.sign)
            FROM (SELECT 1 AS sign, s.status, s.last_event_at, s.shipped_at FROM changed_new s) c
            CROSS JOIN LATERAL backdesk.dashboard_parcel_tally(c.status, c.last_event_at, c.shipped_at) f
            GROUP BY 1, 2, 3
            HAVING sum(f.n * c.sign) <> 0 OR sum(f.points * c.sign) <> 0
            RETURNING 1)
        SELECT count(*) INTO v FROM ins;
    ELSIF TG_OP = 'DELETE' THEN
        WITH ins AS (
            INSERT INTO backdesk.dashboard_tally_delta (metric, at, key, n, points)
            SELECT f.metric, f.at, f.key, sum(f.n * c.sign), sum(f.points * c.sign)
            FROM (SELECT -1 AS sign, s.status, s.last_event_at, s.shipped_at FROM changed_old s) c
            CROSS JOIN LATERAL backdesk.dashboard_parcel_tally(c.status, c.last_event_at, c.shipped_at) f
            GROUP BY 1, 2, 3
            HAVING sum(f.n * c.sign) <> 0 OR sum(f.points * c.sign) <> 0
            RETURNING 1)
        SELECT count(*) INTO v FROM ins;
    ELSE
        WITH ins AS (
            INSERT INTO backdesk.dashboard_tally_delta (metric, at, key, n, points)
            SELECT f.metric, f.at, f.key, sum(f.n * c.sign), sum(f.points * c.sign)
            FROM (SELECT 1 AS sign, s.status, s.last_event_at, s.shipped_at FROM changed_new s
                  UNION ALL
                  SELECT -1, s.status, s.last_event_at, s.shipped_at FROM changed_old s) c
            CROSS JOIN LATERAL backdesk.dashboard_parcel_tally(c.status, c.last_event_at, c.shipped_at) f
            GROUP BY 1, 2, 3
            HAVING sum(f.n * c.sign) <> 0 OR sum(f.points * c.sign) <> 0
            RETURNING 1)
        SELECT count(*) INTO v FROM ins;
    END IF;
    IF v > 0 THEN
        PERFORM backdesk.dashboard_tally_added();
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION backdesk.orders_dashboard_tally() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v bigint;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM backdesk.dashboard_tally_delta WHERE metric = 'to_ship';
        DELETE FROM backdesk.dashboard_tally WHERE metric = 'to_ship';
        RETURN NULL;
    END IF;
    -- A transition table is there only for its event: one statement each.
    IF TG_OP = 'INSERT' THEN
        WITH ins AS (
            INSERT INTO backdesk.dashboard_tally_delta (metric, at, key, n, points)
            SELECT f.metric, f.at, f.key, sum(f.n * c.sign), sum(f.points * c.sign)
            FROM (SELECT 1 AS sign, o.status, o.ship_by FROM changed_new o WHERE o.status IN ('paid', 'packed')) c
            CROSS JOIN LATERAL backdesk.dashboard_order_tally(c.status, c.ship_by) f
            GROUP BY 1, 2, 3
            HAVING sum(f.n * c.sign) <> 0 OR sum(f.points * c.sign) <> 0
            RETURNING 1)
        SELECT count(*) INTO v FROM ins;
    ELSIF TG_OP = 'DELETE' THEN
        WITH ins AS (
            INSERT INTO backdesk.dashboard_tally_delta (metric, at, key, n, points)
            SELECT f.metric, f.at, f.key, sum(f.n * c.sign), sum(f.points * c.sign)
            FROM (SELECT -1 AS sign, o.status, o.ship_by FROM changed_old o WHERE o.status IN ('paid', 'packed')) c
            CROSS JOIN LATERAL backdesk.dashboard_order_tally(c.status, c.ship_by) f
            GROUP BY 1, 2, 3
            HAVING sum(f.n * c.sign) <> 0 OR sum(f.points * c.sign) <> 0
            RETURNING 1)
        SELECT count(*) INTO v FROM ins;
    ELSE
        WITH ins AS (
            INSERT INTO backdesk.dashboard_tally_delta (metric, at, key, n, points)
            SELECT f.metric, f.at, f.key, sum(f.n * c.sign), sum(f.points * c.sign)
            FROM (SELECT 1 AS sign, o.status, o.ship_by FROM changed_new o WHERE o.status IN ('paid', 'packed')
                  UNION ALL
                  SELECT -1, o.status, o.ship_by FROM changed_old o WHERE o.status IN ('paid', 'packed')) c
            CROSS JOIN LATERAL backdesk.dashboard_order_tally(c.status, c.ship_by) f
            GROUP BY 1, 2, 3
            HAVING sum(f.n * c.sign) <> 0 OR sum(f.points * c.sign) <> 0
            RETURNING 1)
        SELECT count(*) INTO v FROM ins;
    END IF;
    IF v > 0 THEN
        PERFORM backdesk.dashboard_tally_added();
    END IF;
    RETURN NULL;
END
$$;

-- The transition tables name changed_new / changed_old; an INSERT trigger has no
-- old rows and a DELETE none new, hence one trigger per event (the function's
-- TG_OP tests keep the other table out of the plan).
CREATE TRIGGER tickets_dashboard_tally_insert AFTER INSERT ON backdesk.tickets
    REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION backdesk.tickets_dashboard_tally();
-- Every update (PostgreSQL takes no column list with transition tables): one that
-- changes nothing counted nets to nothing and writes no delta.
CREATE TRIGGER tickets_dashboard_tally_update AFTER UPDATE ON backdesk.tickets
    REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT
    EXECUTE FUNCTION backdesk.tickets_dashboard_tally();
CREATE TRIGGER tickets_dashboard_tally_delete AFTER DELETE ON backdesk.tickets
    REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION backdesk.tickets_dashboard_tally();
CREATE TRIGGER tickets_dashboard_tally_truncate AFTER TRUNCATE ON backdesk.tickets
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.tickets_dashboard_tally();

CREATE TRIGGER shipments_dashboard_tally_insert AFTER INSERT ON backdesk.shipments
    REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION backdesk.shipments_dashboard_tally();
CREATE TRIGGER shipments_dashboard_tally_update AFTER UPDATE ON backdesk.shipments
    REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT
    EXECUTE FUNCTION backdesk.shipments_dashboard_tally();
CREATE TRIGGER shipments_dashboard_tally_delete AFTER DELETE ON backdesk.shipments
    REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION backdesk.shipments_dashboard_tally();
CREATE TRIGGER shipments_dashboard_tally_truncate AFTER TRUNCATE ON backdesk.shipments
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.shipments_dashboard_tally();

CREATE TRIGGER orders_dashboard_tally_insert AFTER INSERT ON backdesk.orders
    REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION backdesk.orders_dashboard_tally();
CREATE TRIGGER orders_dashboard_tally_update AFTER UPDATE ON backdesk.orders
    REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old FOR EACH STATEMENT
    EXECUTE FUNCTION backdesk.orders_dashboard_tally();
CREATE TRIGGER orders_dashboard_tally_delete AFTER DELETE ON backdesk.orders
    REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION backdesk.orders_dashboard_tally();
CREATE TRIGGER orders_dashboard_tally_truncate AFTER TRUNCATE ON backdesk.orders
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.orders_dashboard_tally();

-- Every tally again from the rows (for data written with the triggers off, as
-- tests/bench/dashboard_data.sql writes it).  Holds writes to the three tables
-- while it counts (SHARE: readers go on).
CREATE FUNCTION backdesk.dashboard_tally_rebuild() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    LOCK TABLE backdesk.tickets, backdesk.shipments, backdesk.orders IN SHARE MODE;
    PERFORM pg_advisory_xact_lock(hashtext('backdesk.dashboard_tally_fold'));
    DELETE FROM backdesk.dashboard_tally_delta;
    DELETE FROM backdesk.dashboard_tally;
    INSERT INTO backdesk.dashboard_tally (metric, at, key, n, points)
    SELECT f.metric, f.at, f.key, sum(f.n), sum(f.points)
    FROM backdesk.tickets t
    CROSS JOIN LATERAL backdesk.dashboard_ticket_tally(t.status, t.priority, t.assignee_id, t.first_response_at,
        t.sla_next_due, t.created_at, t.satisfaction, t.satisfaction_at) f
    GROUP BY 1, 2, 3;
    INSERT INTO backdesk.dashboard_tally (metric, at, key, n, points)
    SELECT f.metric, f.at, f.key, sum(f.n), sum(f.points)
    FROM backdesk.shipments s
    CROSS JOIN LATERAL backdesk.dashboard_parcel_tally(s.status, s.last_event_at, s.shipped_at) f
    WHERE s.status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED') OR s.status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')
    GROUP BY 1, 2, 3;
    INSERT INTO backdesk.dashboard_tally (metric, at, key, n, points)
    SELECT 'to_ship', backdesk.shop_day_start(o.ship_by), '', count(*), 0
    FROM backdesk.orders o
    WHERE o.status IN ('paid', 'packed') AND o.ship_by IS NOT NULL
    GROUP BY 2;
END
$$;
REVOKE EXECUTE ON FUNCTION backdesk.dashboard_tally_rebuild() FROM PUBLIC;
COMMENT ON FUNCTION backdesk.dashboard_tally_rebuild() IS
'Counts every dashboard tally again from the rows (0048): after writes made with the triggers off (session_replication_role = replica). Holds writes to tickets, orders and shipments meanwhile.';

-- The migration's own count: the triggers above already hold writes (their
-- CREATE TRIGGER locks), so no change slips between the count and the commit.
SELECT backdesk.dashboard_tally_rebuild();

------------------------------------------------------------------------------
-- The numbers, read from the tallies.
------------------------------------------------------------------------------

-- What is still read from the rows, read from the index alone: today's breached
-- (open, not pending, due before now), and each agent's first responses of the
-- last 7 days (the median, which no sum gives): one range per agent, already in
-- the agent's order, so no sort of them all.
CREATE INDEX tickets_breachable_due ON backdesk.tickets (sla_next_due, id)
    WHERE status NOT IN ('solved', 'closed', 'pending');
CREATE INDEX tickets_first_response_by_agent ON backdesk.tickets (assignee_id, first_response_at) INCLUDE (created_at)
    WHERE first_response_at IS NOT NULL AND assignee_id IS NOT NULL;

-- Breached (the Tickets pane's): the due days before today's summed, and today's
-- rows due before now() counted in the index.  A row is in exactly one of the two
-- (its due day is before today, or it is today and before now).
CREATE FUNCTION backdesk.dashboard_breached() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce((SELECT sum(s.n) FROM backdesk.dashboard_tally_sum('due', '-infinity',
                     date_trunc('day', now(), 'Europe/Istanbul')) s), 0)::bigint
     + (SELECT count(*) FROM backdesk.dashboard_tickets('tickets_breached', NULL) r
        WHERE r.at >= date_trunc('day', now(), 'Europe/Istanbul'))
$$;

-- Without movement: news before now() less the stale days; the shop days before
-- that limit's day summed, the limit's day read from the index.
CREATE FUNCTION backdesk.dashboard_stale() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH lim AS (SELECT date_trunc('day', now() - make_interval(days =>
                 coalesce((SELECT x.value::integer FROM backdesk.settings x WHERE x.key = 'parcel_stale_days'), 3)),
                 'Europe/Istanbul') AS day)
SELECT coalesce((SELECT sum(s.n) FROM lim, backdesk.dashboard_tally_sum('moving', '-infinity', lim.day) s), 0)::bigint
     + (SELECT count(*) FROM lim, backdesk.dashboard_parcels('parcels_stale') r WHERE r.at >= lim.day)
$$;

-- Late to ship: the ship-by days before today, less the late ones with a parcel
-- anyway (to_ship_with_parcel, usually empty).
CREATE FUNCTION backdesk.dashboard_late() RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT coalesce((SELECT sum(s.n) FROM backdesk.dashboard_tally_sum('to_ship', '-infinity',
                     backdesk.shop_day_start(backdesk.shop_date(now()))) s), 0)::bigint
     - (SELECT count(*) FROM backdesk.to_ship_with_parcel x JOIN backdesk.orders o ON o.id = x.order_id
        WHERE o.status IN ('paid', 'packed')
          AND backdesk.shop_day_start(o.ship_by) < backdesk.shop_day_start(backdesk.shop_date(now())))
$$;

-- A tally without a clock: its count per key.
CREATE FUNCTION backdesk.dashboard_tally_now(p_metric text) RETURNS TABLE (key text, n bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT s.key, s.n FROM backdesk.dashboard_tally_sum(p_metric, '-infinity', 'infinity') s
WHERE s.n <> 0
$$;

-- Scores per agent since p_since: the shop days after p_since's summed, p_since's
-- own day read from the rows (the index tickets_rated, 0043).
CREATE FUNCTION backdesk.dashboard_rated_since(p_since timestamptz) RETURNS TABLE (key text, n bigint, points bigint)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT u.key, sum(u.n)::bigint, sum(u.points)::bigint
FROM (SELECT s.key, s.n, s.points
      FROM backdesk.dashboard_tally_sum('rated', backdesk.shop_day_start(backdesk.shop_date(p_since) + 1), 'infinity') s
      UNION ALL
      SELECT coalesce(t.assignee_id::text, ''), 1, t.satisfaction
      FROM backdesk.tickets t
      WHERE t.satisfaction IS NOT NULL AND t.satisfaction_at > p_since
        AND t.satisfaction_at < backdesk.shop_day_start(backdesk.shop_date(p_since) + 1)) u
GROUP BY u.key
$$;

------------------------------------------------------------------------------
-- The document: 0043's, with the numbers above read from the tallies.  Every
-- other number is read as 0043 reads it (small: soon, resolved today, the oldest
-- waiting, returns, refunds today; and the median first response, which no sum
-- gives).
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION api.dashboard() RETURNS jsonb
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
    -- The grid's tally (0048): the same rows as dashboard_tickets('tickets', NULL)
    -- grouped by key, kept by the writes.
    WITH g AS (SELECT r.key, r.n FROM backdesk.dashboard_tally_now('grid') r)
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
            'breached', backdesk.dashboard_breached(),
            'unassigned', coalesce((SELECT r.n FROM backdesk.dashboard_tally_now('unassigned') r), 0),
            'waiting', coalesce((SELECT r.n FROM backdesk.dashboard_tally_now('waiting') r), 0),
            'oldest_waiting', (SELECT jsonb_build_object('id', w.id, 'number', w.label, 'subject', w.detail,
                                                         'minutes', floor(extract(epoch FROM now() - w.at) / 60)::bigint)
                               FROM backdesk.dashboard_tickets('tickets_waiting', NULL) w
                               ORDER BY w.at, w.id LIMIT 1),
            -- Hour i's bucket is the range tickets_hour i lists.
            'per_hour', (SELECT jsonb_agg(coalesce(h.n, 0) ORDER BY i.i)
                         FROM generate_series(0, 23) i(i)
                         LEFT JOIN backdesk.dashboard_tally_sum('created', backdesk.dashboard_first_hour(),
                                                                backdesk.dashboard_first_hour() + interval '24 hours') h
                                ON h.at = backdesk.dashboard_first_hour() + i.i * interval '1 hour')),
        'agents', coalesce((
            SELECT jsonb_agg(jsonb_build_object('login', a.login, 'name', a.full_name, 'open', a.open,
                                                'resolved_today', a.resolved, 'first_response_minutes', a.frm,
                                                'csat', a.csat, 'csat_count', a.csat_n)
                             ORDER BY a.open DESC, a.login)
            FROM (SELECT s.login, s.full_name, coalesce(o.n, 0) AS open, coalesce(r.n, 0) AS resolved,
                         fr.m AS frm, cs.avg AS csat, coalesce(cs.n, 0) AS csat_n
                  FROM backdesk.staff s
                  LEFT JOIN backdesk.dashboard_tally_now('agent_open') o ON o.key = s.id::text
                  LEFT JOIN (SELECT x.key, count(*) AS n FROM backdesk.dashboard_tickets('agent_resolved', NULL) x
                             GROUP BY x.key) r ON r.key = s.id::text
                  -- Per agent, their range of the index (0048).  The minutes in float8
                  -- (date_part), as percentile_cont takes them: 0043's numeric
                  -- extract cost 15 of its 35 ms and gave the same medians (all
                  -- 537,755 agent-hours of the 10M database compared).
                  LEFT JOIN LATERAL (SELECT round(percentile_cont(0.5) WITHIN GROUP (
                                         ORDER BY date_part('epoch', t.first_response_at - t.created_at) / 60))::bigint AS m
                                     FROM backdesk.tickets t
                                     WHERE t.assignee_id = s.id AND t.first_response_at IS NOT NULL
                                       AND t.first_response_at > now() - interval '7 days') fr ON true
                  -- As the Tickets pane's title and api.csat_by_agent reckon it.
                  -- The mean is the sum over the count, as avg() makes it.
                  LEFT JOIN (SELECT x.key, round(x.points::numeric / x.n, 1) AS avg, x.n
                             FROM backdesk.dashboard_rated_since(now() - interval '30 days') x
                             WHERE x.key <> '' AND x.n > 0) cs ON cs.key = s.id::text
                  WHERE s.active AND s.role IN ('agent', 'supervisor')) a), '[]'::jsonb),
        'orders', jsonb_build_object(
            'late_to_ship', backdesk.dashboard_late()),
        'parcels', jsonb_build_object(
            'exception', coalesce((SELECT r.n FROM backdesk.dashboard_tally_now('exception') r), 0),
            'stale', backdesk.dashboard_stale()),
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
            -- A day's scores are its bucket's, everyone's (a late answer counts on the
            -- day it came, as satisfaction_at says).
            LEFT JOIN (SELECT x.at, round(sum(x.points)::numeric / nullif(sum(x.n), 0), 1) AS avg, sum(x.n) AS n
                       FROM backdesk.dashboard_tally_sum('rated', backdesk.shop_day_start(v_today - 13),
                                                         backdesk.shop_day_start(v_today + 1)) x
                       GROUP BY x.at) t ON t.at = backdesk.shop_day_start(d.day)))
    INTO v_doc;
    RETURN v_doc;
END
$$;


------------------------------------------------------------------------------
-- The rows behind one number, forward or backward (the pane's End and PgUp above
-- the rows it holds): a last argument with a default, so callers of the five keep
-- working.
------------------------------------------------------------------------------
DROP FUNCTION api.dashboard_list(text, text, timestamptz, bigint, integer);
CREATE FUNCTION api.dashboard_list(p_metric text, p_key text DEFAULT NULL, p_after_at timestamptz DEFAULT NULL,
                                   p_after_id bigint DEFAULT NULL, p_limit integer DEFAULT 100,
                                   p_backward boolean DEFAULT false)
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
        IF p_backward THEN
            RETURN QUERY
            SELECT * FROM (SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_tickets(p_metric, v_key) r
            WHERE p_after_at IS NULL OR (r.at, r.id) < (p_after_at, p_after_id)
            ORDER BY r.at DESC, r.id DESC LIMIT p_limit) b ORDER BY b.at, b.id;
        ELSE
            RETURN QUERY
            SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_tickets(p_metric, v_key) r
            WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
            ORDER BY r.at, r.id LIMIT p_limit;
        END IF;
    ELSIF p_metric = 'orders_late' THEN
        IF p_backward THEN
            RETURN QUERY
            SELECT * FROM (SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_orders_late() r
            WHERE p_after_at IS NULL OR (r.at, r.id) < (p_after_at, p_after_id)
            ORDER BY r.at DESC, r.id DESC LIMIT p_limit) b ORDER BY b.at, b.id;
        ELSE
            RETURN QUERY
            SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_orders_late() r
            WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
            ORDER BY r.at, r.id LIMIT p_limit;
        END IF;
    ELSIF p_metric IN ('parcels_exception', 'parcels_stale') THEN
        IF p_backward THEN
            RETURN QUERY
            SELECT * FROM (SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_parcels(p_metric) r
            WHERE p_after_at IS NULL OR (r.at, r.id) < (p_after_at, p_after_id)
            ORDER BY r.at DESC, r.id DESC LIMIT p_limit) b ORDER BY b.at, b.id;
        ELSE
            RETURN QUERY
            SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_parcels(p_metric) r
            WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
            ORDER BY r.at, r.id LIMIT p_limit;
        END IF;
    ELSIF p_metric = 'returns_to_inspect' THEN
        IF p_backward THEN
            RETURN QUERY
            SELECT * FROM (SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_returns_to_inspect() r
            WHERE p_after_at IS NULL OR (r.at, r.id) < (p_after_at, p_after_id)
            ORDER BY r.at DESC, r.id DESC LIMIT p_limit) b ORDER BY b.at, b.id;
        ELSE
            RETURN QUERY
            SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_returns_to_inspect() r
            WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
            ORDER BY r.at, r.id LIMIT p_limit;
        END IF;
    ELSE
        IF p_backward THEN
            RETURN QUERY
            SELECT * FROM (SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_refunds_today(p_key) r
            WHERE p_after_at IS NULL OR (r.at, r.id) < (p_after_at, p_after_id)
            ORDER BY r.at DESC, r.id DESC LIMIT p_limit) b ORDER BY b.at, b.id;
        ELSE
            RETURN QUERY
            SELECT r.at, r.id, r.kind, r.label, r.state, r.who, r.detail, r.open_kind, r.open_id
            FROM backdesk.dashboard_refunds_today(p_key) r
            WHERE p_after_at IS NULL OR (r.at, r.id) > (p_after_at, p_after_id)
            ORDER BY r.at, r.id LIMIT p_limit;
        END IF;
    END IF;
END
$$;

GRANT EXECUTE ON FUNCTION api.dashboard_list(text, text, timestamptz, bigint, integer, boolean)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.dashboard_list(text, text, timestamptz, bigint, integer, boolean) IS
$$The rows behind one number of api.dashboard, ordered by (at, id), the page after (p_after_at, p_after_id), at most p_limit (1 to 1000); with p_backward the page before (p_after_at, p_after_id) (the last page when they are NULL), still in (at, id) order: rows of (at, id, kind, label, state, who, detail, open_kind, open_id): kind and id the row itself (ticket, order, shipment, return, refund), label its number (a refund: its order's), state its status (a refund: its kind), who the assignee login, customer name or carrier, detail one short line, open_kind and open_id the screen Enter opens (ticket, order, parcel, return; a refund opens its order). Metrics and keys: tickets (STATUS/PRIORITY, STATUS/, /PRIORITY or none: all open; at created), tickets_soon and tickets_breached (at the due time), tickets_unassigned, tickets_waiting (at created), agent_open (a login; at created), agent_resolved (a login, solved on the shop's today; at solved), orders_late (at the ship-by day's midnight), parcels_exception and parcels_stale (at the last event, or shipped), returns_to_inspect (at received), refunds_today (KIND/CURRENCY, KIND/ or none; at created), tickets_hour (0 to 23, the index into per_hour; at created). Reads only (no audit row: nothing changes).
Who: supervisor, admin.
Refuses: BD001 any other role; BD005 an unknown metric, a key the metric does not take (a login that is no staff member), a limit outside 1 to 1000, only one of p_after_at and p_after_id.$$;

ANALYZE backdesk.dashboard_tally;
ANALYZE backdesk.dashboard_tally_delta;
ANALYZE backdesk.tickets;
