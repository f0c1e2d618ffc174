-- 0010 nothing a caller creates can stand in for what a definer function reads.
--
-- A SECURITY DEFINER function (and every helper it calls that sets its own
-- search_path) ran with `search_path = pg_catalog, backdesk`.  PostgreSQL then puts
-- the session's temporary schema FIRST for relations and types, so a caller could
-- `CREATE TEMP VIEW pg_roles ...` (or a temp table named like a backdesk table) and
-- have the function read it as the owner: a warehouse login made itself admin that
-- way.  With `pg_temp` named last it is searched last, and nothing there can shadow
-- pg_catalog or backdesk.  Unqualified function and operator names never resolve in
-- pg_temp at all.
--
-- The class is fixed, not the instance: every function in api and backdesk that
-- pins a search_path gets one ending in pg_temp, and every SECURITY DEFINER function
-- must pin one (tests/sql/schema.sql fails for any that does not).  Later migrations
-- write `SET search_path = pg_catalog, backdesk, pg_temp` themselves.
--
-- Defence in depth: PUBLIC loses TEMPORARY on this database (staff have no use for
-- temporary tables; the role model never needs them), and caller_role() names the
-- catalog it reads.

DO $$
BEGIN
    -- Needs the database's owner or a superuser, which is who runs `backdesk migrate`.
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE OR REPLACE FUNCTION backdesk.caller_role() RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT CASE
        WHEN (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user) THEN 'admin'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_admin', 'USAGE') THEN 'admin'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_supervisor', 'USAGE') THEN 'supervisor'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_agent', 'USAGE') THEN 'agent'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_warehouse', 'USAGE') THEN 'warehouse'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_shop', 'USAGE') THEN 'shop'
        ELSE 'none'
    END;
$$;

DO $$
DECLARE
    f record;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure AS sig
        FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('api', 'backdesk')
          AND (p.prosecdef
               OR EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=%'))
          AND NOT EXISTS (SELECT FROM unnest(p.proconfig) c
                          WHERE c LIKE 'search\_path=%' AND c ~ 'pg_temp"?$')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, backdesk, pg_temp', f.sig);
    END LOOP;
END
$$;
