-- 0052 api.find probes only the indexes that can match (issue 11: api.find within
-- 1.5x of the plain indexed SQL).  After 0033 a ticket number still probed the
-- orders, tickets, returns and both tracking columns (up to nine index probes, one
-- statement), and a phone typed without "+" the same five tables: each probe costs
-- 20-60 us at 10M orders where the floor probes one index.
--
-- backdesk.number_shapes is what the numbers of each kind look like: a number's
-- shape (backdesk.number_shape) keeps its leading letters and writes every other
-- letter A and every digit 9 ("T-606590" -> "T-999999", "CA123456789TR" ->
-- "CA999999999AA").  Equal numbers have equal shapes and a number's prefix has a
-- prefix of its shape, so a kind none of whose shapes fits the typed text cannot
-- match it and is not probed.  A few dozen rows (tests/sql/find.sql).
--   * Kept by triggers: each INSERT statement adds the shapes of its new rows
--     (ON CONFLICT DO NOTHING: two writers adding the same new shape wait on the
--     unique key and one row stays, tests/shell/number_shapes_race.t); an UPDATE of
--     a number adds the new one's.  A shape is never removed: one left over costs a
--     probe, never a hit.
--   * api.find reads the shapes in one statement of one page, then runs one static
--     statement for the kind that can match (the common case: a ticket, an order, a
--     phone), or 0033's statement with the kinds that cannot match switched off
--     (a parameter that is false: that branch's index is not read).
-- Same rows, ranks, "how" and order as 0033.
-- Measured at 10M orders in one session, api.find against 0033's (10 x 1000 calls
-- each, interleaved, median): a ticket number 0.66x the time, phones without "+"
-- 0.59-0.80x, an order number 0.83-0.96x, a return 0.84x; a tracking number of
-- digits 1.29x and an order's digits 1.10x (their shapes let two or three kinds
-- through: the shapes' statement is paid, little is skipped); paths this does not
-- change came out 1.10-1.15x, the machine's noise.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- Leading letters as they are (upper case), then each letter A and each digit 9.
CREATE FUNCTION backdesk.number_shape(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN upper(substring(t FROM '^[A-Za-z]*'))
       || translate(upper(substr(t, length(substring(t FROM '^[A-Za-z]*')) + 1)),
                    'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
                    'AAAAAAAAAAAAAAAAAAAAAAAAAA9999999999');
GRANT EXECUTE ON FUNCTION backdesk.number_shape(text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

-- kind: order, ticket, return (number_key's shape), order_digits, ticket_digits,
-- return_digits (digits' shape), return_tracking, shipment_tracking (as written).
CREATE TABLE backdesk.number_shapes (
    kind text NOT NULL CHECK (kind IN ('order', 'order_digits', 'ticket', 'ticket_digits', 'return',
                                       'return_digits', 'return_tracking', 'shipment_tracking')),
    -- As long as the number (number_key and digits only drop characters): every
    -- number column is at most 64 long.
    shape text COLLATE "C" NOT NULL CHECK (length(shape) <= 64),
    PRIMARY KEY (kind, shape)
);
COMMENT ON TABLE backdesk.number_shapes IS
'What the numbers of each kind look like (backdesk.number_shape): api.find probes only the kinds a typed number fits. Kept by triggers on orders, tickets, returns and shipments; never shrinks (0052).';

-- The shapes of a set of numbers, for the triggers and the backfill.
CREATE FUNCTION backdesk.number_shapes_of(p_kind text, p_numbers text[]) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
INSERT INTO backdesk.number_shapes (kind, shape)
SELECT DISTINCT p_kind,
       backdesk.number_shape(CASE WHEN p_kind IN ('order', 'ticket', 'return') THEN backdesk.number_key(n)
                                  WHEN p_kind LIKE '%\_digits' THEN backdesk.digits(n)
                                  ELSE n END)
FROM unnest(p_numbers) n
WHERE n IS NOT NULL
ORDER BY 2
ON CONFLICT DO NOTHING
$$;
REVOKE EXECUTE ON FUNCTION backdesk.number_shapes_of(text, text[]) FROM PUBLIC;

-- One function for the four tables: per statement, the new rows' numbers, their
-- digits all 9 first (the same shapes, from far fewer: a bulk load's statement).
CREATE FUNCTION backdesk.number_shapes_added() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF TG_TABLE_NAME = 'orders' THEN
        PERFORM backdesk.number_shapes_of('order', array_agg(DISTINCT translate(n.number, '0123456789', '9999999999'))),
                backdesk.number_shapes_of('order_digits', array_agg(DISTINCT translate(n.number, '0123456789', '9999999999')))
        FROM new_rows n;
    ELSIF TG_TABLE_NAME = 'tickets' THEN
        PERFORM backdesk.number_shapes_of('ticket', array_agg(DISTINCT translate(n.number, '0123456789', '9999999999'))),
                backdesk.number_shapes_of('ticket_digits', array_agg(DISTINCT translate(n.number, '0123456789', '9999999999')))
        FROM new_rows n;
    ELSIF TG_TABLE_NAME = 'returns' THEN
        PERFORM backdesk.number_shapes_of('return', array_agg(DISTINCT translate(n.number, '0123456789', '9999999999'))),
                backdesk.number_shapes_of('return_digits', array_agg(DISTINCT translate(n.number, '0123456789', '9999999999'))),
                backdesk.number_shapes_of('return_tracking', array_agg(DISTINCT translate(n.tracking_no, '0123456789', '9999999999')))
        FROM new_rows n;
    ELSIF TG_TABLE_NAME = 'shipments' THEN
        PERFORM backdesk.number_shapes_of('shipment_tracking', array_agg(DISTINCT translate(n.tracking_no, '0123456789', '9999999999')))
        FROM new_rows n;
    END IF;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION backdesk.number_shapes_added() FROM PUBLIC;

CREATE TRIGGER orders_number_shapes AFTER INSERT ON backdesk.orders
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION backdesk.number_shapes_added();
CREATE TRIGGER tickets_number_shapes AFTER INSERT ON backdesk.tickets
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION backdesk.number_shapes_added();
CREATE TRIGGER returns_number_shapes AFTER INSERT ON backdesk.returns
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION backdesk.number_shapes_added();
CREATE TRIGGER shipments_number_shapes AFTER INSERT ON backdesk.shipments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION backdesk.number_shapes_added();

-- A number changed (rare: a return's tracking number comes later).  Per row: a
-- trigger with a column list may not have transition tables.
CREATE FUNCTION backdesk.number_shapes_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF TG_TABLE_NAME = 'orders' THEN
        PERFORM backdesk.number_shapes_of('order', ARRAY[NEW.number]),
                backdesk.number_shapes_of('order_digits', ARRAY[NEW.number]);
    ELSIF TG_TABLE_NAME = 'tickets' THEN
        PERFORM backdesk.number_shapes_of('ticket', ARRAY[NEW.number]),
                backdesk.number_shapes_of('ticket_digits', ARRAY[NEW.number]);
    ELSIF TG_TABLE_NAME = 'returns' THEN
        PERFORM backdesk.number_shapes_of('return', ARRAY[NEW.number]),
                backdesk.number_shapes_of('return_digits', ARRAY[NEW.number]),
                backdesk.number_shapes_of('return_tracking', ARRAY[NEW.tracking_no]);
    ELSIF TG_TABLE_NAME = 'shipments' THEN
        PERFORM backdesk.number_shapes_of('shipment_tracking', ARRAY[NEW.tracking_no]);
    END IF;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION backdesk.number_shapes_changed() FROM PUBLIC;

CREATE TRIGGER orders_number_shapes_changed AFTER UPDATE OF number ON backdesk.orders
    FOR EACH ROW WHEN (NEW.number IS DISTINCT FROM OLD.number)
    EXECUTE FUNCTION backdesk.number_shapes_changed();
CREATE TRIGGER tickets_number_shapes_changed AFTER UPDATE OF number ON backdesk.tickets
    FOR EACH ROW WHEN (NEW.number IS DISTINCT FROM OLD.number)
    EXECUTE FUNCTION backdesk.number_shapes_changed();
CREATE TRIGGER returns_number_shapes_changed AFTER UPDATE OF number, tracking_no ON backdesk.returns
    FOR EACH ROW WHEN (NEW.number IS DISTINCT FROM OLD.number OR NEW.tracking_no IS DISTINCT FROM OLD.tracking_no)
    EXECUTE FUNCTION backdesk.number_shapes_changed();
CREATE TRIGGER shipments_number_shapes_changed AFTER UPDATE OF tracking_no ON backdesk.shipments
    FOR EACH ROW WHEN (NEW.tracking_no IS DISTINCT FROM OLD.tracking_no)
    EXECUTE FUNCTION backdesk.number_shapes_changed();

-- The backfill: one pass over each table.  A shape does not depend on which digits a
-- number has, so the numbers are first made few with translate (every digit 9: a
-- hash of a few dozen rows, no regular expression per row) and only those are
-- shaped: at 10M orders, 9.1M parcels and 2M tickets the migration took 44-60 s
-- on a loaded 2-core machine (shaping every number took 630 s).
-- The rows written while it runs are the triggers' (created above, in this
-- transaction, which holds the tables against writes from here on).
SELECT backdesk.number_shapes_of('order', array_agg(n)), backdesk.number_shapes_of('order_digits', array_agg(n))
FROM (SELECT DISTINCT translate(o.number, '0123456789', '9999999999') FROM backdesk.orders o) d (n);
SELECT backdesk.number_shapes_of('ticket', array_agg(n)), backdesk.number_shapes_of('ticket_digits', array_agg(n))
FROM (SELECT DISTINCT translate(t.number, '0123456789', '9999999999') FROM backdesk.tickets t) d (n);
SELECT backdesk.number_shapes_of('return', array_agg(n)), backdesk.number_shapes_of('return_digits', array_agg(n))
FROM (SELECT DISTINCT translate(r.number, '0123456789', '9999999999') FROM backdesk.returns r) d (n);
SELECT backdesk.number_shapes_of('return_tracking', array_agg(n))
FROM (SELECT DISTINCT translate(r.tracking_no, '0123456789', '9999999999') FROM backdesk.returns r) d (n);
SELECT backdesk.number_shapes_of('shipment_tracking', array_agg(n))
FROM (SELECT DISTINCT translate(s.tracking_no, '0123456789', '9999999999') FROM backdesk.shipments s) d (n);
ANALYZE backdesk.number_shapes;

CREATE OR REPLACE FUNCTION api.find(q text, lim integer DEFAULT 20)
    RETURNS TABLE (kind text, id bigint, label text, detail text, rank real, how text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
    -- Generic plans from the first call (0033): the guards (v_tickets, v_k_*) would
    -- make a custom plan look cheaper and be re-planned on every call.  A false guard
    -- is a one-time filter: its branch's index is not read.
    SET plan_cache_mode = force_generic_plan
    SET max_parallel_workers_per_gather = 0
AS $$
DECLARE
    v_q       text := regexp_replace(coalesce(q, ''), '^\s+|\s+$', '', 'g');
    v_lim     integer := least(greatest(coalesce(lim, 20), 1), 200);
    v_up      text;
    v_nkey    text;     -- number_key of the input
    v_digits  text;
    v_number  boolean;  -- looks like a number of some kind
    v_donly   boolean;  -- no letters: digits, spaces, + ( ) . / -
    v_phone   text;
    v_email   text;
    v_tickets boolean;
    v_sh      text;     -- shape of the key the kind's number index is probed with
    v_sht     text;     -- shape of the input as typed (a tracking number)
    v_k_order  boolean; -- the kinds whose numbers have a shape that fits (0052)
    v_k_ticket boolean;
    v_k_return boolean;
    v_k_ship   boolean;
    v_key     text;     -- search_key of the input (names)
    v_like    text;
    v_found   integer := 0;
    v_n       integer;
BEGIN
    PERFORM backdesk.require_role('searching', 'agent', 'warehouse', 'supervisor', 'admin');
    IF v_q = '' THEN
        RETURN;
    END IF;

    IF strpos(v_q, '@') > 0 THEN
        v_email := lower(v_q);
        RETURN QUERY
        SELECT 'customer', e.id, e.name, e.detail,
               CASE WHEN e.exact THEN 0.95 ELSE 0.7 END::real,
               CASE WHEN e.exact THEN 'exact' ELSE 'prefix' END
        FROM (SELECT c.id, c.name, concat_ws(' · ', c.email, c.phone) AS detail,
                     lower(c.email) = v_email AS exact
              FROM backdesk.customers c
              WHERE lower(c.email) COLLATE "C" >= v_email
                AND lower(c.email) COLLATE "C" < backdesk.prefix_end(v_email)
              ORDER BY lower(c.email) COLLATE "C"
              LIMIT v_lim) e
        ORDER BY e.exact DESC, e.name, e.id;
        RETURN;
    END IF;

    v_digits := regexp_replace(v_q, '[^0-9]', '', 'g');
    v_number := v_digits <> '' AND v_q ~ '^[A-Za-z0-9 _./()+-]+$';
    IF v_number THEN
        v_up := upper(v_q);
        v_nkey := backdesk.number_key(v_q);
        -- No letter: digits read out ("100234" for SO-100234 or T-100234), a phone,
        -- a tracking number of digits.  A letter: a number with its prefix, or a
        -- tracking number.
        v_donly := v_q !~ '[A-Za-z]';
        IF v_donly AND v_q ~ '^[+0-9 ()./-]+$' AND length(v_digits) BETWEEN 7 AND 15 THEN
            v_phone := backdesk.normalize_phone(v_q);
        END IF;
        -- Hits follow the tables' visibility: no ticket subjects for the warehouse.
        v_tickets := pg_catalog.has_table_privilege(session_user, 'backdesk.tickets', 'SELECT');

        IF v_phone IS NOT NULL AND v_q LIKE '+%' THEN
            -- No order, ticket, return or tracking number is written with a plus.
            v_k_order := false; v_k_ticket := false; v_k_return := false; v_k_ship := false;
        ELSE
            -- Which kinds have numbers of this shape: an order's typed in part (its
            -- shape a prefix), the others whole.  Digits only are looked up among the
            -- numbers' digits; a tracking number as typed or as its key.
            v_sh := backdesk.number_shape(CASE WHEN v_donly THEN v_digits ELSE v_nkey END);
            v_sht := backdesk.number_shape(v_q);
            SELECT coalesce(bool_or(s.kind = CASE WHEN v_donly THEN 'order_digits' ELSE 'order' END
                                    AND s.shape >= v_sh AND s.shape < backdesk.prefix_end(v_sh)), false),
                   coalesce(bool_or(s.kind = CASE WHEN v_donly THEN 'ticket_digits' ELSE 'ticket' END
                                    AND s.shape = v_sh), false) AND v_tickets,
                   coalesce(bool_or((s.kind = CASE WHEN v_donly THEN 'return_digits' ELSE 'return' END
                                     AND s.shape = v_sh)
                                    OR (s.kind = 'return_tracking' AND s.shape IN (v_sht, v_sh))), false),
                   coalesce(bool_or(s.kind = 'shipment_tracking' AND s.shape IN (v_sht, v_sh)), false)
            INTO v_k_order, v_k_ticket, v_k_return, v_k_ship
            FROM backdesk.number_shapes s;
        END IF;

        IF NOT (v_k_order OR v_k_ticket OR v_k_return OR v_k_ship) THEN
            -- Nothing but a phone, or nothing at all.
            IF v_phone IS NOT NULL THEN
                RETURN QUERY
                SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95::real, 'exact'
                FROM backdesk.customers c
                WHERE c.phone_norm COLLATE "C" = v_phone
                ORDER BY c.name, c.id
                LIMIT v_lim;
                RETURN;
            END IF;
            v_n := 0;
        ELSIF NOT v_donly AND NOT (v_k_ticket OR v_k_return OR v_k_ship) THEN
            -- Only an order number, whole or typed in part.
            RETURN QUERY
            SELECT b.kind, b.id, b.label, b.detail, b.rank, b.how
            FROM (SELECT 'order' AS kind, o.id, o.number AS label,
                         c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency AS detail,
                         CASE WHEN backdesk.number_key(o.number) = v_nkey THEN 1.0 ELSE 0.6 END::real AS rank,
                         CASE WHEN backdesk.number_key(o.number) = v_nkey THEN 'exact' ELSE 'prefix' END AS how
                  FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                  WHERE backdesk.number_key(o.number) COLLATE "C" >= v_nkey
                    AND backdesk.number_key(o.number) COLLATE "C" < backdesk.prefix_end(v_nkey)
                  ORDER BY backdesk.number_key(o.number) COLLATE "C"
                  LIMIT v_lim) b
            ORDER BY b.rank DESC, b.label, b.id;
            GET DIAGNOSTICS v_n = ROW_COUNT;
        ELSIF NOT v_donly AND NOT (v_k_order OR v_k_return OR v_k_ship) THEN
            -- Only a ticket number.
            RETURN QUERY
            SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 1.0::real, 'exact'
            FROM backdesk.tickets t
            WHERE backdesk.number_key(t.number) COLLATE "C" = v_nkey
            ORDER BY t.number, t.id
            LIMIT v_lim;
            GET DIAGNOSTICS v_n = ROW_COUNT;
        ELSIF NOT v_donly AND NOT (v_k_order OR v_k_ticket OR v_k_ship) THEN
            -- Only a return, by its number or its parcel's tracking number.
            RETURN QUERY
            SELECT 'return', r.id, r.number, o.number || ' · ' || r.status, 1.0::real, 'exact'
            FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
            WHERE backdesk.number_key(r.number) COLLATE "C" = v_nkey
               OR r.tracking_no IN (v_q, v_up, v_nkey)
            ORDER BY r.number, r.id
            LIMIT v_lim;
            GET DIAGNOSTICS v_n = ROW_COUNT;
        ELSIF NOT v_donly AND NOT (v_k_order OR v_k_ticket OR v_k_return) THEN
            -- Only a parcel's tracking number.
            RETURN QUERY
            SELECT 'shipment', s.id, s.tracking_no,
                   backdesk.carrier_name(s.carrier) || ' · ' || o.number || ' · ' || s.status, 1.0::real, 'exact'
            FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
            WHERE s.tracking_no IN (v_q, v_up, v_nkey)
            ORDER BY s.tracking_no, s.id
            LIMIT v_lim;
            GET DIAGNOSTICS v_n = ROW_COUNT;
        ELSIF v_donly AND NOT (v_k_order OR v_k_ticket OR v_k_return) THEN
            -- A parcel's tracking number of digits, and the phone the same digits may
            -- be: two statements, each one index (a statement of five branches
            -- costs about 100 us more to start at 10M).  A parcel ranks 1.0, a
            -- phone 0.95: parcels first is the ranking.
            RETURN QUERY
            SELECT 'shipment', s.id, s.tracking_no,
                   backdesk.carrier_name(s.carrier) || ' · ' || o.number || ' · ' || s.status, 1.0::real, 'exact'
            FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
            WHERE s.tracking_no IN (v_q, v_nkey)
            ORDER BY s.tracking_no, s.id
            LIMIT v_lim;
            GET DIAGNOSTICS v_n = ROW_COUNT;
            IF v_phone IS NOT NULL AND v_n < v_lim THEN
                RETURN QUERY
                SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95::real, 'exact'
                FROM backdesk.customers c
                WHERE c.phone_norm COLLATE "C" = v_phone
                ORDER BY c.name, c.id
                LIMIT v_lim - v_n;
            END IF;
        ELSIF NOT v_donly THEN
            -- Order numbers whole or typed in part: "so-1002" lists SO-100200 … SO-100299.
            RETURN QUERY
            SELECT b.kind, b.id, b.label, b.detail, b.rank, b.how
            FROM ((SELECT 'order' AS kind, o.id, o.number AS label,
                          c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency AS detail,
                          CASE WHEN backdesk.number_key(o.number) = v_nkey THEN 1.0 ELSE 0.6 END::real AS rank,
                          CASE WHEN backdesk.number_key(o.number) = v_nkey THEN 'exact' ELSE 'prefix' END AS how
                   FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                   WHERE v_k_order
                     AND backdesk.number_key(o.number) COLLATE "C" >= v_nkey
                     AND backdesk.number_key(o.number) COLLATE "C" < backdesk.prefix_end(v_nkey)
                   ORDER BY backdesk.number_key(o.number) COLLATE "C"
                   LIMIT v_lim)
                UNION ALL
                  SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 1.0, 'exact'
                  FROM backdesk.tickets t
                  WHERE v_k_ticket AND backdesk.number_key(t.number) COLLATE "C" = v_nkey
                UNION ALL
                  SELECT 'return', r.id, r.number, o.number || ' · ' || r.status, 1.0, 'exact'
                  FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
                  WHERE v_k_return
                    AND (backdesk.number_key(r.number) COLLATE "C" = v_nkey
                         OR r.tracking_no IN (v_q, v_up, v_nkey))
                UNION ALL
                  SELECT 'shipment', s.id, s.tracking_no,
                         backdesk.carrier_name(s.carrier) || ' · ' || o.number || ' · ' || s.status, 1.0, 'exact'
                  FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
                  WHERE v_k_ship AND s.tracking_no IN (v_q, v_up, v_nkey)) b
            ORDER BY b.rank DESC, b.label, b.id
            LIMIT v_lim;
            GET DIAGNOSTICS v_n = ROW_COUNT;
        ELSE
            RETURN QUERY
            SELECT b.kind, b.id, b.label, b.detail, b.rank, b.how
            FROM ((SELECT 'order' AS kind, o.id, o.number AS label,
                          c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency AS detail,
                          CASE WHEN backdesk.digits(o.number) = v_digits THEN 0.9 ELSE 0.6 END::real AS rank,
                          CASE WHEN backdesk.digits(o.number) = v_digits THEN 'exact' ELSE 'prefix' END AS how
                   FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                   WHERE v_k_order
                     AND backdesk.digits(o.number) COLLATE "C" >= v_digits
                     AND backdesk.digits(o.number) COLLATE "C" < backdesk.prefix_end(v_digits)
                   ORDER BY backdesk.digits(o.number) COLLATE "C"
                   LIMIT v_lim)
                UNION ALL
                  SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 0.9, 'exact'
                  FROM backdesk.tickets t
                  WHERE v_k_ticket AND backdesk.digits(t.number) COLLATE "C" = v_digits
                UNION ALL
                  SELECT 'return', r.id, r.number, o.number || ' · ' || r.status,
                         CASE WHEN r.tracking_no IN (v_q, v_nkey) THEN 1.0 ELSE 0.9 END, 'exact'
                  FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
                  WHERE v_k_return
                    AND (backdesk.digits(r.number) COLLATE "C" = v_digits
                         OR r.tracking_no IN (v_q, v_nkey))
                UNION ALL
                  SELECT 'shipment', s.id, s.tracking_no,
                         backdesk.carrier_name(s.carrier) || ' · ' || o.number || ' · ' || s.status, 1.0, 'exact'
                  FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
                  WHERE v_k_ship AND s.tracking_no IN (v_q, v_nkey)
                UNION ALL
                  (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95, 'exact'
                   FROM backdesk.customers c
                   WHERE c.phone_norm COLLATE "C" = v_phone
                   ORDER BY c.name, c.id
                   LIMIT v_lim)) b
            ORDER BY b.rank DESC, b.label, b.id
            LIMIT v_lim;
            GET DIAGNOSTICS v_n = ROW_COUNT;
        END IF;
        v_found := v_found + v_n;
        IF v_phone IS NOT NULL THEN
            RETURN;     -- a phone: neither a number in part nor a name
        END IF;

        -- A number with its prefix that was found is not also a name.
        IF v_found > 0 AND NOT v_donly THEN
            RETURN;
        END IF;
    END IF;

    v_key := backdesk.search_key(v_q);
    IF length(v_key) < 2 THEN
        RETURN;
    END IF;
    IF NOT v_number THEN
        -- Names by prefix, either order: "sukru ozturk", "ozturk sukru", "sukru".
        RETURN QUERY
        SELECT 'customer', b.id, b.name, b.detail,
               CASE WHEN b.exact THEN 0.9 ELSE 0.8 END::real,
               CASE WHEN b.exact THEN 'exact' ELSE 'prefix' END
        FROM (SELECT DISTINCT ON (n.id) n.id, n.name, n.detail, n.exact
              FROM ((SELECT c.id, c.name, concat_ws(' · ', c.phone, c.email) AS detail,
                            c.name_key = v_key AS exact
                     FROM backdesk.customers c
                     WHERE c.name_key COLLATE "C" >= v_key
                       AND c.name_key COLLATE "C" < backdesk.prefix_end(v_key)
                     ORDER BY c.name_key COLLATE "C"
                     LIMIT v_lim)
                  UNION ALL
                    (SELECT c.id, c.name, concat_ws(' · ', c.phone, c.email),
                            c.name_key_rev = v_key
                     FROM backdesk.customers c
                     WHERE c.name_key_rev COLLATE "C" >= v_key
                       AND c.name_key_rev COLLATE "C" < backdesk.prefix_end(v_key)
                     ORDER BY c.name_key_rev COLLATE "C"
                     LIMIT v_lim)) n
              ORDER BY n.id, n.exact DESC) b
        ORDER BY b.exact DESC, b.name, b.id
        LIMIT v_lim;
        GET DIAGNOSTICS v_n = ROW_COUNT;
        v_found := v_found + v_n;
    END IF;

    -- The fallbacks, only while fewer than a handful were found.
    IF v_found >= least(5, v_lim) OR length(v_key) < 3 THEN
        RETURN;
    END IF;
    -- Words in order with anything between: "ayse yilmaz" finds "Ayşe Nur Yılmaz",
    -- "ztur" finds Öztürk, "100234" the customer "Depo 100234 Ltd".
    v_like := '%' || replace(backdesk.like_escape(v_key), ' ', '%') || '%';
    RETURN QUERY
    SELECT 'customer', m.id, m.name, m.detail,
           (0.3 + 0.2 * ext.similarity(m.name_key, v_key))::real, 'contains'
    FROM (SELECT c.id, c.name, c.name_key, concat_ws(' · ', c.phone, c.email) AS detail
          FROM backdesk.customers c
          WHERE c.name_key LIKE v_like
            AND NOT (NOT v_number AND c.name_key COLLATE "C" >= v_key
                     AND c.name_key COLLATE "C" < backdesk.prefix_end(v_key))
            AND NOT (NOT v_number AND c.name_key_rev COLLATE "C" >= v_key
                     AND c.name_key_rev COLLATE "C" < backdesk.prefix_end(v_key))
          LIMIT v_lim - v_found) m
    ORDER BY 5 DESC, m.name, m.id;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    v_found := v_found + v_n;

    -- A name misheard: a letter lost, swapped or doubled.  Not for numbers.
    IF v_found >= least(5, v_lim) OR v_digits <> '' OR length(v_key) < 4 THEN
        RETURN;
    END IF;
    RETURN QUERY
    SELECT 'customer', s.id, s.label, s.detail, (0.05 + 0.2 * s.sim)::real, 'similar'
    FROM backdesk.find_similar_names(v_key, v_like, v_lim - v_found) s;
END
$$;
