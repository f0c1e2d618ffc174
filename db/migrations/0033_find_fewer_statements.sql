-- 0033 api.find runs fewer statements (issue 11: api.find within 1.5x of the plain
-- indexed SQL).  Measured server side on the 10M cluster, each statement an index probe
-- costs 20-60 us more than the probe itself (its plan's nodes are started, its
-- relations locked and opened, its rows put in the function's result), and a lookup
-- of a ticket number or a phone paid for probes that could not match:
--   * a number with letters: its order, exact or typed in part, is one range scan
--     of number_key (exact first, rank 1.0; the rest "prefix", 0.6) in the same
--     statement as the tickets, returns and parcels, where it was an exact probe
--     and then a second statement for the prefix;
--   * digits only: the same for the order's digits;
--   * a phone written with "+" is nothing but a phone: no order, ticket, return or
--     tracking number is written with a plus, so only customers are probed.
-- Same rows, ranks and "how" as 0024 (tests/sql/find.sql).

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE OR REPLACE FUNCTION api.find(q text, lim integer DEFAULT 20)
    RETURNS TABLE (kind text, id bigint, label text, detail text, rank real, how text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
    -- Generic plans from the first call, whatever their estimated cost: the guards
    -- (v_tickets) would make a custom plan look cheaper and be re-planned on
    -- every call, which is the cost this function exists to avoid.  Each statement's
    -- generic plan is its index scans (tests/sql/find.sql checks the indexes).
    SET plan_cache_mode = force_generic_plan
    -- A generic plan's LIMIT is a parameter, estimated at a tenth of the rows: at
    -- 10M orders that planned a parallel scan whose workers took 20 ms to start.
    -- No lookup here reads more than a few hundred rows.
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
            RETURN QUERY
            SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95::real, 'exact'
            FROM backdesk.customers c
            WHERE c.phone_norm COLLATE "C" = v_phone
            ORDER BY c.name, c.id
            LIMIT v_lim;
            RETURN;
        ELSIF NOT v_donly THEN
            -- Order numbers whole or typed in part: "so-1002" lists SO-100200 … SO-100299.
            RETURN QUERY
            SELECT b.kind, b.id, b.label, b.detail, b.rank, b.how
            FROM ((SELECT 'order' AS kind, o.id, o.number AS label,
                          c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency AS detail,
                          CASE WHEN backdesk.number_key(o.number) = v_nkey THEN 1.0 ELSE 0.6 END::real AS rank,
                          CASE WHEN backdesk.number_key(o.number) = v_nkey THEN 'exact' ELSE 'prefix' END AS how
                   FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                   WHERE backdesk.number_key(o.number) COLLATE "C" >= v_nkey
                     AND backdesk.number_key(o.number) COLLATE "C" < backdesk.prefix_end(v_nkey)
                   ORDER BY backdesk.number_key(o.number) COLLATE "C"
                   LIMIT v_lim)
                UNION ALL
                  SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 1.0, 'exact'
                  FROM backdesk.tickets t
                  WHERE v_tickets AND backdesk.number_key(t.number) COLLATE "C" = v_nkey
                UNION ALL
                  SELECT 'return', r.id, r.number, o.number || ' · ' || r.status, 1.0, 'exact'
                  FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
                  WHERE backdesk.number_key(r.number) COLLATE "C" = v_nkey
                     OR r.tracking_no IN (v_q, v_up, v_nkey)
                UNION ALL
                  SELECT 'shipment', s.id, s.tracking_no,
                         backdesk.carrier_name(s.carrier) || ' · ' || o.number || ' · ' || s.status, 1.0, 'exact'
                  FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
                  WHERE s.tracking_no IN (v_q, v_up, v_nkey)) b
            ORDER BY b.rank DESC, b.label, b.id
            LIMIT v_lim;
        ELSE
            RETURN QUERY
            SELECT b.kind, b.id, b.label, b.detail, b.rank, b.how
            FROM ((SELECT 'order' AS kind, o.id, o.number AS label,
                          c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency AS detail,
                          CASE WHEN backdesk.digits(o.number) = v_digits THEN 0.9 ELSE 0.6 END::real AS rank,
                          CASE WHEN backdesk.digits(o.number) = v_digits THEN 'exact' ELSE 'prefix' END AS how
                   FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                   WHERE backdesk.digits(o.number) COLLATE "C" >= v_digits
                     AND backdesk.digits(o.number) COLLATE "C" < backdesk.prefix_end(v_digits)
                   ORDER BY backdesk.digits(o.number) COLLATE "C"
                   LIMIT v_lim)
                UNION ALL
                  SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 0.9, 'exact'
                  FROM backdesk.tickets t
                  WHERE v_tickets AND backdesk.digits(t.number) COLLATE "C" = v_digits
                UNION ALL
                  SELECT 'return', r.id, r.number, o.number || ' · ' || r.status,
                         CASE WHEN r.tracking_no IN (v_q, v_nkey) THEN 1.0 ELSE 0.9 END, 'exact'
                  FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
                  WHERE backdesk.digits(r.number) COLLATE "C" = v_digits
                     OR r.tracking_no IN (v_q, v_nkey)
                UNION ALL
                  SELECT 'shipment', s.id, s.tracking_no,
                         backdesk.carrier_name(s.carrier) || ' · ' || o.number || ' · ' || s.status, 1.0, 'exact'
                  FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
                  WHERE s.tracking_no IN (v_q, v_nkey)
                UNION ALL
                  (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95, 'exact'
                   FROM backdesk.customers c
                   WHERE c.phone_norm COLLATE "C" = v_phone
                   ORDER BY c.name, c.id
                   LIMIT v_lim)) b
            ORDER BY b.rank DESC, b.label, b.id
            LIMIT v_lim;
        END IF;
        GET DIAGNOSTICS v_n = ROW_COUNT;
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
