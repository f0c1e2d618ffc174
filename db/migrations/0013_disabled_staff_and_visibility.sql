-- 0013 what a login may do ends when it is disabled, and search shows only what the
-- role may read.
--
-- What a review found: a disabled staff member's open session kept working (NOLOGIN
-- stops new logins only), and the warehouse saw ticket subjects through api.find
-- although it may not read backdesk.tickets.
--
--   * caller_role() says 'disabled' for a login whose staff row is not active, and
--     require_role refuses it with BD001 in every api function; whoami still answers,
--     so the program can tell the person why.
--   * api.staff_disable ends the login's open sessions (backdesk_owner is given
--     pg_signal_backend for that; it cannot signal a superuser's sessions).
--   * api.find returns a kind only to a caller who may SELECT its table (tickets:
--     agents, supervisors, admins); api.find_target refuses the rest with BD001.

DO $$
BEGIN
    IF NOT pg_has_role('backdesk_owner', 'pg_signal_backend', 'MEMBER') THEN
        GRANT pg_signal_backend TO backdesk_owner;
    END IF;
END
$$;

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE OR REPLACE FUNCTION backdesk.caller_role() RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT CASE
        WHEN (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user) THEN 'admin'
        WHEN EXISTS (SELECT FROM backdesk.staff s WHERE s.login = session_user AND NOT s.active) THEN 'disabled'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_admin', 'USAGE') THEN 'admin'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_supervisor', 'USAGE') THEN 'supervisor'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_agent', 'USAGE') THEN 'agent'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_warehouse', 'USAGE') THEN 'warehouse'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_shop', 'USAGE') THEN 'shop'
        ELSE 'none'
    END;
$$;

CREATE OR REPLACE FUNCTION backdesk.require_role(p_what text, VARIADIC allowed text[]) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r text := backdesk.caller_role();
BEGIN
    IF r = ANY (allowed) THEN
        RETURN r;
    END IF;
    IF r = 'disabled' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD001',
            MESSAGE = format('%s is not allowed for %s: the login was disabled on %s', p_what, session_user,
                             (SELECT to_char(s.disabled_at, 'YYYY-MM-DD HH24:MI') FROM backdesk.staff s
                              WHERE s.login = session_user)),
            HINT = 'Ask an administrator if this is a mistake.';
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'BD001',
        MESSAGE = format('%s is not allowed for %s (role: %s)', p_what, session_user, r),
        HINT = format('Allowed roles: %s. Ask an administrator if you need this.',
                      array_to_string(allowed, ', '));
END
$$;

CREATE OR REPLACE FUNCTION api.staff_disable(p_login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_staff backdesk.staff;
    v_ended integer;
BEGIN
    PERFORM backdesk.require_role('disabling staff', 'admin');
    SELECT * INTO v_staff FROM backdesk.staff WHERE login = p_login FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no staff member with login %L', p_login),
            HINT = 'See `backdesk staff list` for the logins.';
    END IF;
    IF NOT v_staff.active THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('%s is already disabled (since %s)', p_login,
                             to_char(v_staff.disabled_at, 'YYYY-MM-DD HH24:MI'));
    END IF;
    IF p_login = session_user THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = 'you cannot disable your own login',
            HINT = 'Ask another administrator.';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
    UPDATE backdesk.staff SET active = false, disabled_at = now() WHERE id = v_staff.id;
    -- Sessions already open would otherwise go on until they end by themselves.
    SELECT count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(a.pid)) INTO v_ended
    FROM pg_catalog.pg_stat_activity a
    WHERE a.usename = p_login AND a.pid <> pg_catalog.pg_backend_pid();
    PERFORM backdesk.audit('staff.disable', 'staff', v_staff.id,
                           jsonb_build_object('login', p_login, 'sessions_ended', v_ended));
END
$$;

CREATE OR REPLACE FUNCTION api.find_target(p_kind text, p_id bigint,
                                           OUT order_id bigint, OUT order_number text,
                                           OUT customer_id bigint, OUT customer_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_order    bigint;
    v_customer bigint;
    v_owner    bigint;
BEGIN
    PERFORM backdesk.require_role('searching', 'agent', 'warehouse', 'supervisor', 'admin');
    IF p_kind = 'ticket' AND NOT pg_catalog.has_table_privilege(session_user, 'backdesk.tickets', 'SELECT') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD001',
            MESSAGE = format('opening tickets is not allowed for %s (role: %s)', session_user, backdesk.caller_role()),
            HINT = 'Tickets are for agents, supervisors and admins.';
    END IF;
    CASE p_kind
    WHEN 'customer' THEN v_customer := p_id;
    WHEN 'order' THEN v_order := p_id;
    WHEN 'shipment' THEN SELECT s.order_id INTO v_order FROM backdesk.shipments s WHERE s.id = p_id;
    WHEN 'return' THEN SELECT r.order_id INTO v_order FROM backdesk.returns r WHERE r.id = p_id;
    WHEN 'ticket' THEN
        SELECT t.order_id, t.customer_id INTO v_order, v_customer FROM backdesk.tickets t WHERE t.id = p_id;
    ELSE
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('kind %L is not a kind api.find returns', p_kind),
            HINT = 'Use customer, order, shipment, ticket or return.';
    END CASE;
    IF v_order IS NOT NULL THEN
        SELECT o.id, o.number, o.customer_id INTO order_id, order_number, v_owner
        FROM backdesk.orders o WHERE o.id = v_order;
        v_customer := coalesce(v_owner, v_customer);
    END IF;
    SELECT c.id, c.name INTO customer_id, customer_name FROM backdesk.customers c WHERE c.id = v_customer;
END
$$;

CREATE OR REPLACE FUNCTION api.find(q text, lim integer DEFAULT 20)
    RETURNS TABLE (kind text, id bigint, label text, detail text, rank real)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_q      text := btrim(coalesce(q, ''));
    v_key    text := backdesk.search_key(btrim(coalesce(q, '')));
    v_digits text := backdesk.digits(coalesce(q, ''));
    v_lim    integer := least(greatest(coalesce(lim, 20), 1), 200);
    v_phone  text;
    v_email  text;
BEGIN
    PERFORM backdesk.require_role('searching', 'agent', 'warehouse', 'supervisor', 'admin');
    IF v_q = '' THEN
        RETURN;
    END IF;
    IF v_q ~ '^[+0-9 ()./-]+$' AND length(v_digits) BETWEEN 7 AND 15 THEN
        v_phone := backdesk.normalize_phone(v_q);
    END IF;
    IF v_q LIKE '%@%' THEN
        v_email := lower(v_q);
    END IF;

    -- One statement, planned afresh for each call (EXECUTE … USING, values never
    -- spliced in), so branches whose guard is false are pruned at plan time and the
    -- trigram index is chosen only when it sees the words.
    --   $1 query  $2 query upper-cased  $3 digits  $4 phone  $5 e-mail  $6 name key
    --   $7 limit  $8 digits-only?  $9 partial order number?  $10 name search?
    --   $11 may the caller read tickets?
    RETURN QUERY EXECUTE $sql$
    WITH hits (kind, id, label, detail, rank) AS (
        SELECT 'order', o.id, o.number, c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency, 1.0::real
        FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
        WHERE o.number IN ($1, $2)
      UNION ALL
        SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 1.0
        FROM backdesk.tickets t WHERE $11 AND t.number IN ($1, $2)
      UNION ALL
        SELECT 'return', r.id, r.number, o.number || ' · ' || r.status, 1.0
        FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
        WHERE r.number IN ($1, $2)
      UNION ALL
        SELECT 'return', r.id, r.number, o.number || ' · ' || r.status, 1.0
        FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
        WHERE r.tracking_no IN ($1, $2)
      UNION ALL
        SELECT 'shipment', s.id, s.tracking_no, s.carrier || ' · ' || o.number || ' · ' || s.status, 1.0
        FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
        WHERE s.tracking_no IN ($1, $2)
      UNION ALL
        -- "100234" for SO-100234 or T-100234: numbers are read out without their prefix.
        SELECT 'order', o.id, o.number, c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency, 0.9
        FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
        WHERE $8 AND backdesk.digits(o.number) COLLATE "C" = $3
      UNION ALL
        SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 0.9
        FROM backdesk.tickets t WHERE $11 AND $8 AND backdesk.digits(t.number) COLLATE "C" = $3
      UNION ALL
        SELECT 'return', r.id, r.number, r.status, 0.9
        FROM backdesk.returns r WHERE $8 AND backdesk.digits(r.number) COLLATE "C" = $3
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95
         FROM backdesk.customers c WHERE c.phone_norm COLLATE "C" = $4 LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.email, c.phone),
                CASE WHEN lower(c.email) = $5 THEN 0.95 ELSE 0.7 END
         FROM backdesk.customers c
         WHERE lower(c.email) COLLATE "C" >= $5 AND lower(c.email) COLLATE "C" < backdesk.prefix_end($5)
         ORDER BY lower(c.email) COLLATE "C" LIMIT $7)
      UNION ALL
        -- Order numbers typed in part: "SO-1002" lists SO-100200 … SO-100299.
        (SELECT 'order', o.id, o.number, c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency, 0.6
         FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
         WHERE $9 AND o.number COLLATE "C" >= $2 AND o.number COLLATE "C" < backdesk.prefix_end($2)
         ORDER BY o.number COLLATE "C" LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email),
                CASE WHEN c.name_key = $6 THEN 0.9 ELSE 0.8 END
         FROM backdesk.customers c
         WHERE $10 AND c.name_key COLLATE "C" >= $6 AND c.name_key COLLATE "C" < backdesk.prefix_end($6)
         ORDER BY c.name_key COLLATE "C" LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email),
                CASE WHEN c.name_key_rev = $6 THEN 0.9 ELSE 0.8 END
         FROM backdesk.customers c
         WHERE $10 AND c.name_key_rev COLLATE "C" >= $6 AND c.name_key_rev COLLATE "C" < backdesk.prefix_end($6)
         ORDER BY c.name_key_rev COLLATE "C" LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email),
                (0.3 + 0.4 * ext.similarity(c.name_key, $6))::real
         FROM backdesk.customers c
         -- Words in order with anything between: "ayse yilmaz" finds "Ayşe Nur Yılmaz".
         WHERE $10 AND length($6) >= 3
           AND c.name_key LIKE '%' || replace(backdesk.like_escape($6), ' ', '%') || '%'
         LIMIT $7)
    )
    SELECT kind, id, label, detail, rank FROM (
        SELECT DISTINCT ON (h.kind, h.id) h.kind, h.id, h.label, h.detail, h.rank
        FROM hits h ORDER BY h.kind, h.id, h.rank DESC
    ) best
    ORDER BY rank DESC, label, id
    LIMIT $7
    $sql$
    USING v_q, upper(v_q), v_digits, v_phone, v_email, v_key, v_lim,
          v_q ~ '^[0-9]{3,}$',
          v_q !~ '\s' AND v_q ~ '[0-9]' AND v_q ~ '^[A-Za-z0-9_./-]+$',
          length(v_key) >= 2 AND v_phone IS NULL AND v_email IS NULL,
          -- Hits follow the tables' visibility: no ticket subjects for the warehouse.
          pg_catalog.has_table_privilege(session_user, 'backdesk.tickets', 'SELECT');
END
$$;
