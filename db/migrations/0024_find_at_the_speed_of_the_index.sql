-- 0024 api.find at the speed of the index, and names misheard on the phone.
--
-- Until now api.find was one fourteen-branch statement run with EXECUTE: planned
-- afresh on every call, about 5 ms of planning for a lookup whose index scan takes
-- 0.1 to 0.4 ms.  Now it looks at the input once (cheap string tests in plpgsql) and
-- runs only the small STATIC statements that can match it; plpgsql keeps their plans
-- (generic plans after a few calls: each statement has one shape, so its generic plan
-- is the index scan its custom plans were).  No dynamic SQL is left.
--
--   an e-mail (has "@")          customers by lower(email), whole or prefix
--   digits, letters, - . / ( ) + with at least one digit
--                                order, ticket and return numbers by number_key
--                                (upper-case letters and digits only: "so100234",
--                                "SO-100234", "so-100234" are one key), tracking
--                                numbers, digits alone ("100234" for SO-100234 or
--                                T-100234), a phone (7 to 15 digits); then order
--                                numbers in part ("so-1002", "1002")
--   anything else                names by prefix, either order (name_key, name_key_rev)
--
-- Then, only while fewer than a handful (5) were found: names containing the words
-- (trigram LIKE), and after that, for words without digits, names that are merely
-- similar (trigram similarity: a letter lost, swapped or doubled), marked as such.
-- Each hit says how it matched (how: exact, prefix, contains, similar), and the
-- ranks keep those bands apart, so rows come best first across the statements.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- The key a number is typed by: letters and digits only, upper case.
CREATE FUNCTION backdesk.number_key(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN upper(regexp_replace(t, '[^A-Za-z0-9]', '', 'g'));

CREATE INDEX orders_number_norm ON backdesk.orders (backdesk.number_key(number) COLLATE "C");
CREATE INDEX tickets_number_norm ON backdesk.tickets (backdesk.number_key(number) COLLATE "C");
CREATE INDEX returns_number_norm ON backdesk.returns (backdesk.number_key(number) COLLATE "C");
-- Superseded by orders_number_norm for the lookup (nothing else ranges over number).
DROP INDEX backdesk.orders_number_prefix;
-- The plans below are generic from the first call: they need the new expressions'
-- statistics to estimate one row per number (without them a join to customers
-- would be a hash join over all of them).
ANALYZE backdesk.orders, backdesk.tickets, backdesk.returns;

-- Every api function asks who is calling.  As a SQL function with a SET clause it was
-- planned afresh on each call (never inlined); in plpgsql its plan is kept.  Same
-- answer as 0013's.
CREATE OR REPLACE FUNCTION backdesk.caller_role() RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    RETURN CASE
        WHEN (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user) THEN 'admin'
        WHEN EXISTS (SELECT FROM backdesk.staff s WHERE s.login = session_user AND NOT s.active) THEN 'disabled'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_admin', 'USAGE') THEN 'admin'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_supervisor', 'USAGE') THEN 'supervisor'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_agent', 'USAGE') THEN 'agent'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_warehouse', 'USAGE') THEN 'warehouse'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_shop', 'USAGE') THEN 'shop'
        ELSE 'none'
    END;
END
$$;

-- Every name key there is, once.  Trigram similarity over all customers reads every
-- posting list of common trigrams ("  k", "kem", ...): 8 ms at 333,000 customers for
-- the GIN index (80 ms for GiST), growing with the table.  Names repeat (10,650
-- distinct keys among 333,334 seeded customers; real Turkish and Hungarian names
-- repeat too), so the typo search looks among the distinct keys and then takes the
-- customers of the keys it found by the name_key btree.  Keys are only added: one
-- whose customers were renamed finds nobody, which costs nothing.
CREATE TABLE backdesk.name_keys (
    -- A key is never longer than its name (200, 0014) by more than unaccent's
    -- expansions ("ß" is "ss").
    name_key text PRIMARY KEY CHECK (length(name_key) <= 1000)
);
COMMENT ON TABLE backdesk.name_keys IS
'Each distinct customers.name_key, for the typo search of api.find (backdesk.find_similar_names). Filled by the trigger customers_name_keys; never shrinks.';
INSERT INTO backdesk.name_keys SELECT DISTINCT name_key FROM backdesk.customers;
CREATE INDEX name_keys_trgm ON backdesk.name_keys USING gin (name_key ext.gin_trgm_ops);
ANALYZE backdesk.name_keys;

-- Per statement, so that a bulk COPY adds its keys in one INSERT.
CREATE FUNCTION backdesk.name_keys_add() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    INSERT INTO backdesk.name_keys (name_key)
    SELECT DISTINCT n.name_key FROM new_rows n
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER customers_name_keys AFTER INSERT ON backdesk.customers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION backdesk.name_keys_add();
CREATE TRIGGER customers_name_keys_upd AFTER UPDATE ON backdesk.customers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION backdesk.name_keys_add();

-- pg_trgm's library, loaded now, so that its setting is known to the SET clause
-- below (an unknown one is refused to a role that is not a superuser).
DO $$ BEGIN PERFORM ext.similarity('', ''); END $$;

-- Names similar to a key, best first: the typo fallback.  Its own function for the
-- threshold (the % operator's), set here and nowhere else.  Rows that a prefix or
-- contains search (p_like) finds are not "similar": those searches return them.
CREATE FUNCTION backdesk.find_similar_names(p_key text, p_like text, p_lim integer)
    RETURNS TABLE (id bigint, label text, detail text, sim real)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, backdesk, pg_temp
    SET pg_trgm.similarity_threshold = 0.4
AS $$
BEGIN
    RETURN QUERY
    SELECT c.id, c.name, concat_ws(' · ', c.phone, c.email), k.sim
    FROM (SELECT n.name_key, ext.similarity(n.name_key, p_key) AS sim
          FROM backdesk.name_keys n
          WHERE n.name_key OPERATOR(ext.%) p_key
          ORDER BY n.name_key OPERATOR(ext.<->) p_key
          LIMIT 50) k
    JOIN backdesk.customers c ON c.name_key COLLATE "C" = k.name_key
    WHERE c.name_key NOT LIKE p_like
      AND NOT (c.name_key_rev COLLATE "C" >= p_key AND c.name_key_rev COLLATE "C" < backdesk.prefix_end(p_key))
    ORDER BY k.sim DESC, c.name, c.id
    LIMIT p_lim;
END
$$;

DROP FUNCTION api.find(text, integer);
CREATE FUNCTION api.find(q text, lim integer DEFAULT 20)
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

        IF NOT v_donly THEN
            RETURN QUERY
            SELECT b.kind, b.id, b.label, b.detail, 1.0::real, 'exact'
            FROM (SELECT 'order' AS kind, o.id, o.number AS label,
                         c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency AS detail
                  FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                  WHERE backdesk.number_key(o.number) COLLATE "C" = v_nkey
                UNION ALL
                  SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status
                  FROM backdesk.tickets t
                  WHERE v_tickets AND backdesk.number_key(t.number) COLLATE "C" = v_nkey
                UNION ALL
                  SELECT 'return', r.id, r.number, o.number || ' · ' || r.status
                  FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
                  WHERE backdesk.number_key(r.number) COLLATE "C" = v_nkey
                     OR r.tracking_no IN (v_q, v_up, v_nkey)
                UNION ALL
                  SELECT 'shipment', s.id, s.tracking_no,
                         backdesk.carrier_name(s.carrier) || ' · ' || o.number || ' · ' || s.status
                  FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
                  WHERE s.tracking_no IN (v_q, v_up, v_nkey)) b
            ORDER BY b.label, b.id
            LIMIT v_lim;
        ELSE
            RETURN QUERY
            SELECT b.kind, b.id, b.label, b.detail, b.rank, 'exact'
            FROM (SELECT 'order' AS kind, o.id, o.number AS label,
                         c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency AS detail,
                         0.9::real AS rank
                  FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                  WHERE backdesk.digits(o.number) COLLATE "C" = v_digits
                UNION ALL
                  SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 0.9
                  FROM backdesk.tickets t
                  WHERE v_tickets AND backdesk.digits(t.number) COLLATE "C" = v_digits
                UNION ALL
                  SELECT 'return', r.id, r.number, o.number || ' · ' || r.status,
                         CASE WHEN r.tracking_no IN (v_q, v_nkey) THEN 1.0 ELSE 0.9 END
                  FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
                  WHERE backdesk.digits(r.number) COLLATE "C" = v_digits
                     OR r.tracking_no IN (v_q, v_nkey)
                UNION ALL
                  SELECT 'shipment', s.id, s.tracking_no,
                         backdesk.carrier_name(s.carrier) || ' · ' || o.number || ' · ' || s.status, 1.0
                  FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
                  WHERE s.tracking_no IN (v_q, v_nkey)
                UNION ALL
                  (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95
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

        -- Order numbers typed in part: "so-1002" or "1002" lists SO-100200 … SO-100299.
        IF v_found < v_lim AND NOT v_donly THEN
            RETURN QUERY
            SELECT 'order', p.id, p.number, p.detail, 0.6::real, 'prefix'
            FROM (SELECT o.id, o.number,
                         c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency AS detail
                  FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                  WHERE backdesk.number_key(o.number) COLLATE "C" > v_nkey
                    AND backdesk.number_key(o.number) COLLATE "C" < backdesk.prefix_end(v_nkey)
                  ORDER BY backdesk.number_key(o.number) COLLATE "C"
                  LIMIT v_lim - v_found) p
            ORDER BY p.number, p.id;
            GET DIAGNOSTICS v_n = ROW_COUNT;
            v_found := v_found + v_n;
        ELSIF v_found < v_lim THEN
            RETURN QUERY
            SELECT 'order', p.id, p.number, p.detail, 0.6::real, 'prefix'
            FROM (SELECT o.id, o.number,
                         c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency AS detail
                  FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
                  WHERE backdesk.digits(o.number) COLLATE "C" > v_digits
                    AND backdesk.digits(o.number) COLLATE "C" < backdesk.prefix_end(v_digits)
                  ORDER BY backdesk.digits(o.number) COLLATE "C"
                  LIMIT v_lim - v_found) p
            ORDER BY p.number, p.id;
            GET DIAGNOSTICS v_n = ROW_COUNT;
            v_found := v_found + v_n;
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

GRANT EXECUTE ON FUNCTION api.find(text, integer)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

COMMENT ON FUNCTION api.find(text, integer) IS
$$One search box for everything: order, ticket and return numbers whole or (orders) in part, in any case, with or without prefix and dash ("so100234", "SO-100234" and "100234" find SO-100234; "so-1002" lists SO-1002…), tracking numbers of parcels and returns, a phone in any spacing with +90, 0, 0090, 06, +36 or 0036, an e-mail whole or its beginning, a name in either order, any case, with or without accents ("sukru ozturk" finds Şükrü Öztürk). Only when fewer than five are found: names containing the words, then names merely similar (a letter lost, swapped or doubled: "arvituro tunde" finds Árvíztűrő Tünde). Returns up to lim rows (1 to 200, default 20) of (kind, id, label, detail, rank, how), best first; kind is customer, order, shipment, ticket or return, and only kinds whose table the caller may read (no tickets for the warehouse); how is exact, prefix, contains or similar, and rank keeps them in that order. A parcel's detail names its carrier as people know it (backdesk.carrier_name). An empty q finds nothing. The input is classified once and only the few static statements that can match run (docs/ARCHITECTURE.md, "Lookup").
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role (the shop, a disabled login).$$;
