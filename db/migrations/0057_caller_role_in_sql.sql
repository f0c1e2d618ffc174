-- 0057 The role check is SQL, not PL/pgSQL (issue 11: the console's start).
--
-- api.whoami, which the console asks right behind its first page, is SQL; the
-- only PL/pgSQL it reached was backdesk.caller_role (0032), and the first
-- PL/pgSQL function a new server process calls loads the language's library and
-- compiles the function.  At 1M orders, api.whoami as the first statement of a new
-- server process took 3.3 ms with caller_role in PL/pgSQL and 2.3 ms in SQL
-- (median of 100 each): a millisecond of a server core while the console's first
-- frame is being drawn, and the status line a millisecond sooner.
--
-- The expression is 0032's, word for word.  Its body is SQL-standard (RETURN),
-- parsed now, so pg_has_role and session_user are bound here and no search_path a
-- caller sets can change them; being SQL, it is inlined into the api functions'
-- statements that call it, as late_to_ship is (0055).  Still SECURITY INVOKER:
-- called from psql it says only what the caller may learn about themselves.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE OR REPLACE FUNCTION backdesk.caller_role() RETURNS text
    LANGUAGE sql STABLE
RETURN CASE
    WHEN pg_catalog.pg_has_role(session_user, 'backdesk_admin', 'USAGE') THEN 'admin'
    WHEN pg_catalog.pg_has_role(session_user, 'backdesk_supervisor', 'USAGE') THEN 'supervisor'
    WHEN pg_catalog.pg_has_role(session_user, 'backdesk_agent', 'USAGE') THEN 'agent'
    WHEN pg_catalog.pg_has_role(session_user, 'backdesk_warehouse', 'USAGE') THEN 'warehouse'
    WHEN pg_catalog.pg_has_role(session_user, 'backdesk_shop', 'USAGE') THEN 'shop'
    WHEN pg_catalog.pg_has_role(session_user, 'backdesk_disabled', 'MEMBER') THEN 'disabled'
    ELSE 'none'
END;
