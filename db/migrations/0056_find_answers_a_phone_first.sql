-- 0056 api.find answers a phone first (issue 11: api.find within 1.5x of the plain
-- indexed SQL, for phones at 1M orders).  A phone went the way of every number:
-- its digits, number_key, shapes, ticket rights, the one-row read of the shapes
-- (0054), the kinds, then the phone's query: some thirty plpgsql expressions and
-- two statements.  plpgsql makes each expression ready again in every transaction
-- (ExecInitExpr: a call is one transaction), which a loop in one transaction does
-- not show.  Measured in one server process at 10M orders, each call its own
-- transaction (DO with COMMIT, 30 rounds of 200 interleaved, median):
--   "0545 497 71 95"      174-189 us before, 90-101 after
--   "+90 545 497 71 95"   133-148 us before, 82-85 after
-- and the plain indexed query alone 9-10 us.
--
-- Now text made only of what a phone is written with is looked up as a phone at
-- once, in one statement that also reads the shapes: with a plus (7 to 15 digits)
-- it is only a phone (0033); without (10 to 15: fewer are no whole Turkish or
-- Hungarian number), the phone's customers are returned unless a number of another
-- kind has the shape of those digits.  When some kind does, or when no customer has
-- the phone, the input goes the way of any number, unchanged from 0054: same rows,
-- ranks and order (tests/sql/find.sql).  That costs such digits (a tracking number
-- of ten digits or more, a phone typed in part) one statement more, 20-50 us.
--
-- The phone's key is taken from the digits already in hand (phone_from_digits, the
-- rules of normalize_phone, which now uses it too) instead of normalize_phone's
-- own plpgsql call and regular expression, and v_q is trimmed by btrim when it is
-- all ASCII.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- normalize_phone's rules on the digits: inlined where it is called.  SQL-standard
-- body, bound when made: nothing in it is looked up by name when it runs.
CREATE FUNCTION backdesk.phone_from_digits(d text, intl boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN d = '' THEN NULL
            WHEN intl THEN d
            WHEN d LIKE '00%' THEN substr(d, 3)
            WHEN d LIKE '06%' AND length(d) IN (10, 11) THEN '36' || substr(d, 3)   -- Hungarian trunk prefix 06
            WHEN d LIKE '0%' AND length(d) = 11 THEN '90' || substr(d, 2)           -- Turkish trunk prefix 0
            WHEN length(d) = 10 AND d ~ '^[2-5]' THEN '90' || d                     -- Turkish number without the 0
            ELSE d END;
REVOKE EXECUTE ON FUNCTION backdesk.phone_from_digits(text, boolean) FROM PUBLIC;

CREATE OR REPLACE FUNCTION backdesk.normalize_phone(raw text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
    RETURN backdesk.phone_from_digits(regexp_replace(raw, '[^0-9]', '', 'g'), btrim(raw) LIKE '+%');
END
$$;

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
    -- Trimmed of \s: text all ASCII (nearly all that is typed) by btrim, with the
    -- six characters \s matches among them (0056).
    v_q       text := CASE WHEN octet_length(q) = length(q) THEN btrim(q, E' \t\n\v\f\r')
                           ELSE regexp_replace(coalesce(q, ''), '^\s+|\s+$', '', 'g') END;
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
    v_found   integer;
    v_n       integer;
BEGIN
    -- require_role's answer without its two plpgsql calls (0054): a login in one
    -- of these groups is one of these roles (backdesk.caller_role); any other is
    -- refused by require_role itself, with its reason.
    IF NOT (pg_catalog.pg_has_role(session_user, 'backdesk_agent', 'USAGE')
            OR pg_catalog.pg_has_role(session_user, 'backdesk_warehouse', 'USAGE')
            OR pg_catalog.pg_has_role(session_user, 'backdesk_supervisor', 'USAGE')
            OR pg_catalog.pg_has_role(session_user, 'backdesk_admin', 'USAGE')) THEN
        PERFORM backdesk.require_role('searching', 'agent', 'warehouse', 'supervisor', 'admin');
    END IF;
    IF v_q = '' THEN
        RETURN;
    END IF;

    -- A phone, what a caller gives most, is answered first, in one statement (0056):
    -- every plpgsql expression is made ready again in each transaction, so the
    -- fewer on its way the better.  With a plus it is only a phone (0033); without,
    -- it is one unless a number of another kind has the shape of its digits (the
    -- sets read below, ticket rights aside).  Such digits, and a phone no customer
    -- has, go the way of any number below.  Written without a plus, a whole Turkish
    -- or Hungarian number has ten digits or more (its trunk 0 or 06, or 00 and the
    -- country); fewer are a phone typed in part or another number, and go that way
    -- at once.
    IF v_q ~ '^[+0-9 ()./-]+$' THEN
        v_digits := translate(v_q, '+ ()./-', '');
        IF length(v_digits) BETWEEN (CASE WHEN v_q LIKE '+%' THEN 7 ELSE 10 END) AND 15 THEN
            v_phone := backdesk.phone_from_digits(v_digits, v_q LIKE '+%');
            RETURN QUERY
            SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95::real, 'exact'
            FROM backdesk.customers c
            WHERE c.phone_norm COLLATE "C" = v_phone
              AND (v_q LIKE '+%'
                   OR NOT EXISTS (SELECT FROM backdesk.number_shape_sets s
                                  WHERE repeat('9', length(v_digits))
                                            = ANY (s.order_digit_starts || s.ticket_digits || s.return_digits
                                                   || s.return_tracking || s.shipment_tracking)
                                     OR translate(v_q, '0123456789', '9999999999')
                                            = ANY (s.return_tracking || s.shipment_tracking)))
            ORDER BY c.name, c.id
            LIMIT v_lim;
            GET DIAGNOSTICS v_n = ROW_COUNT;
            IF v_n > 0 OR v_q LIKE '+%' THEN
                RETURN;
            END IF;
        END IF;
    END IF;
    v_found := 0;

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
        -- No letter: digits read out ("100234" for SO-100234 or T-100234), a phone,
        -- a tracking number of digits.  A letter: a number with its prefix, or a
        -- tracking number.
        v_donly := v_q !~ '[A-Za-z]';
        -- Without a letter number_key is the digits, and the shapes are plain
        -- translations (number_shape's regular expressions cost ~8 us a call).
        v_nkey := CASE WHEN v_donly THEN v_digits ELSE backdesk.number_key(v_q) END;
        IF v_donly AND v_q ~ '^[+0-9 ()./-]+$' AND length(v_digits) BETWEEN 7 AND 15 THEN
            v_phone := backdesk.phone_from_digits(v_digits, v_q LIKE '+%');
        END IF;
        -- Hits follow the tables' visibility: no ticket subjects for the warehouse.
        v_tickets := pg_catalog.has_table_privilege(session_user, 'backdesk.tickets'::regclass, 'SELECT');

        IF v_phone IS NOT NULL AND v_q LIKE '+%' THEN
            -- No order, ticket, return or tracking number is written with a plus.
            v_k_order := false; v_k_ticket := false; v_k_return := false; v_k_ship := false;
        ELSE
            -- Which kinds have numbers of this shape: an order's typed in part (its
            -- shape a prefix), the others whole.  Digits only are looked up among the
            -- numbers' digits; a tracking number as typed or as its key.
            IF v_donly THEN
                v_sh := repeat('9', length(v_digits));
                v_sht := translate(v_q, '0123456789', '9999999999');
            ELSE
                v_sh := backdesk.number_shape(v_nkey);
                v_sht := backdesk.number_shape(v_q);
            END IF;
            -- One row, no aggregate: the sets 0054 keeps (an order's shape typed in
            -- part is one of its shapes' beginnings).
            SELECT v_sh = ANY (CASE WHEN v_donly THEN s.order_digit_starts ELSE s.order_starts END),
                   v_tickets AND v_sh = ANY (CASE WHEN v_donly THEN s.ticket_digits ELSE s.tickets END),
                   v_sh = ANY (CASE WHEN v_donly THEN s.return_digits ELSE s.returns END)
                       OR v_sht = ANY (s.return_tracking) OR v_sh = ANY (s.return_tracking),
                   v_sht = ANY (s.shipment_tracking) OR v_sh = ANY (s.shipment_tracking)
            INTO v_k_order, v_k_ticket, v_k_return, v_k_ship
            FROM backdesk.number_shape_sets s;
            v_k_order := coalesce(v_k_order, false);
            v_k_ticket := coalesce(v_k_ticket, false);
            v_k_return := coalesce(v_k_return, false);
            v_k_ship := coalesce(v_k_ship, false);
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
