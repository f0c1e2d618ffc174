-- 0032 the role check every api call makes costs no query (issue 11: api.find within
-- 1.5x of the plain indexed SQL).
--
-- Measured on the 10M cluster, server side (3,000 calls in one statement, min of 7):
-- an empty SECURITY DEFINER plpgsql function with its SET clauses 14 us, the same
-- calling backdesk.caller_role() 88 us.  The 74 us were two queries caller_role ran
-- on every call: the superuser flag from pg_roles (30 us) and "is this login's staff
-- row disabled" from backdesk.staff (10-18 us), each a plan run by the executor,
-- where pg_has_role() is a cached catalogue lookup.  Every api function pays it:
-- api.find('') was 0.27 ms against 0.15 for SELECT 1, for phone numbers and ticket
-- numbers more than their plain index probe costs.
--
-- Group membership is now the whole truth about a login, so the check is five
-- pg_has_role() calls in one expression:
--   * a superuser passes pg_has_role for every group, so it is still 'admin' first;
--   * api.staff_disable takes the login out of its group (and puts it in
--     backdesk_disabled, a group with no privileges but EXECUTE on the api functions
--     staff may call, so the function can still say why it refuses: BD001 "the login
--     was disabled on ..."). A disabled login's open session, which could read every
--     table its group reads until its backend ended, now reads nothing at once;
--   * staff rows disabled before this migration are moved the same way here.
-- A staff member's group stays in backdesk.staff.role.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'backdesk_disabled') THEN
        CREATE ROLE backdesk_disabled NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_auth_members m
                   WHERE m.roleid = (SELECT oid FROM pg_roles WHERE rolname = 'backdesk_disabled')
                     AND m.member = (SELECT oid FROM pg_roles WHERE rolname = 'backdesk_owner')
                     AND m.admin_option) THEN
        GRANT backdesk_disabled TO backdesk_owner WITH ADMIN OPTION;
    END IF;
END
$$;

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- What staff may call, a disabled login may call too, only to be told why not.
-- tests/sql/grants.sql keeps it so for functions added later.
GRANT USAGE ON SCHEMA api TO backdesk_disabled;
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'api'
          AND has_function_privilege('backdesk_agent', p.oid, 'EXECUTE')
        ORDER BY 1::text
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO backdesk_disabled', f);
    END LOOP;
END
$$;

-- Neither helper pins a search_path any more: each SET clause costs a GUC level on
-- every call (8-10 us the two), and they are SECURITY INVOKER, called from api
-- functions whose own path is pinned; called from psql they run as the caller and
-- can give nothing away.  Every name in them is qualified.
CREATE OR REPLACE FUNCTION backdesk.caller_role() RETURNS text
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN CASE
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_admin', 'USAGE') THEN 'admin'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_supervisor', 'USAGE') THEN 'supervisor'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_agent', 'USAGE') THEN 'agent'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_warehouse', 'USAGE') THEN 'warehouse'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_shop', 'USAGE') THEN 'shop'
        WHEN pg_catalog.pg_has_role(session_user, 'backdesk_disabled', 'MEMBER') THEN 'disabled'
        ELSE 'none'
    END;
END
$$;

CREATE OR REPLACE FUNCTION backdesk.require_role(p_what text, VARIADIC allowed text[]) RETURNS text
    LANGUAGE plpgsql STABLE
AS $$
DECLARE
    r text := backdesk.caller_role();
BEGIN
    IF r = ANY (allowed) THEN
        RETURN r;
    END IF;
    IF r = 'disabled' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD001',
            MESSAGE = pg_catalog.format('%s is not allowed for %s: the login was disabled on %s', p_what, session_user,
                             (SELECT pg_catalog.to_char(s.disabled_at, 'YYYY-MM-DD HH24:MI') FROM backdesk.staff s
                              WHERE s.login = session_user)),
            HINT = 'Ask an administrator if this is a mistake.';
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'BD001',
        MESSAGE = pg_catalog.format('%s is not allowed for %s (role: %s)', p_what, session_user, r),
        HINT = pg_catalog.format('Allowed roles: %s. Ask an administrator if you need this.',
                      pg_catalog.array_to_string(allowed, ', '));
END
$$;

-- Out of the group, into backdesk_disabled: both in the transaction that marks the row.
CREATE OR REPLACE FUNCTION backdesk.leave_group(p_login text, p_role text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF pg_catalog.pg_has_role(p_login, 'backdesk_' || p_role, 'MEMBER')
       AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = p_login) THEN
        EXECUTE format('REVOKE %I FROM %I', 'backdesk_' || p_role, p_login);
    END IF;
    EXECUTE format('GRANT backdesk_disabled TO %I', p_login);
END
$$;
REVOKE EXECUTE ON FUNCTION backdesk.leave_group(text, text) FROM PUBLIC;

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
    PERFORM backdesk.leave_group(p_login, v_staff.role);
    UPDATE backdesk.staff SET active = false, disabled_at = now() WHERE id = v_staff.id;
    -- Sessions already open would otherwise go on until they end by themselves.
    SELECT count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(a.pid)) INTO v_ended
    FROM pg_catalog.pg_stat_activity a
    WHERE a.usename = p_login AND a.pid <> pg_catalog.pg_backend_pid();
    PERFORM backdesk.audit('staff.disable', 'staff', v_staff.id,
                           jsonb_build_object('login', p_login, 'sessions_ended', v_ended));
END
$$;

COMMENT ON FUNCTION api.staff_disable(text) IS
$$Disables a staff login: NOLOGIN, out of its group (into backdesk_disabled, which may read nothing), its staff row inactive, and its open sessions ended. From then on every api function but whoami refuses it (role 'disabled'), and a session still open reads no table. Audited (staff.disable, with the number of sessions ended).
Who: admin.
Refuses: BD001 any other role; BD003 no staff member with that login; BD002 already disabled, or the caller's own login.$$;

-- Those disabled before.
DO $$
DECLARE
    s backdesk.staff;
BEGIN
    FOR s IN SELECT * FROM backdesk.staff WHERE NOT active AND
                 EXISTS (SELECT FROM pg_roles r WHERE r.rolname = login) ORDER BY id LOOP
        PERFORM backdesk.leave_group(s.login, s.role);
    END LOOP;
END
$$;
