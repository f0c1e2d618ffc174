-- api.staff_add / api.staff_disable / api.whoami: the people's own login roles.
BEGIN;


-- The backdesk groups a role belongs to.
CREATE FUNCTION public.t_staff_groups(p_login text) RETURNS SETOF text LANGUAGE sql
AS $$
    SELECT g.rolname::text FROM pg_auth_members m
    JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
    WHERE u.rolname = p_login
$$;

-- api.whoami(), or the error it raised as the login (so a refusal fails one test, not
-- the whole file).
CREATE FUNCTION public.t_staff_me(OUT login text, OUT full_name text, OUT role text, OUT active boolean)
    LANGUAGE plpgsql
AS $$
BEGIN
    SELECT * INTO login, full_name, role, active FROM api.whoami();
EXCEPTION WHEN OTHERS THEN
    login := format('error %s: %s', SQLSTATE, SQLERRM);
END
$$;

-- A SCRAM verifier the way PQencryptPasswordConn makes one (StoredKey and ServerKey
-- are 32 bytes each), so the server stores it as it is.
CREATE FUNCTION public.t_staff_verifier() RETURNS text LANGUAGE sql
RETURN 'SCRAM-SHA-256$4096:' || encode('saltsaltsalt16by', 'base64')
       || '$' || encode('storedkeystoredkeystoredkey12345', 'base64')
       || ':' || encode('serverkeyserverkeyserverkey12345', 'base64');

-- An administrator with a staff row of their own (added by the superuser, who counts
-- as admin), an agent and a supervisor without.
DO $$ BEGIN PERFORM api.staff_add('t_staff_boss', 'Patron Hanım', 'admin'); END $$;
CREATE ROLE t_staff_agent LOGIN IN ROLE backdesk_agent;
CREATE ROLE t_staff_sup LOGIN IN ROLE backdesk_supervisor;

SELECT plan(56);

------------------------------------------------------------------------------
-- Adding, as an admin login.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_staff_boss;
SELECT lives_ok($$SELECT api.staff_add('t_staff_ayse', '  Ayşe Yılmaz ', 'agent')$$,
    'an admin login adds an agent');
SELECT lives_ok($$SELECT api.staff_add('t_staff_mehmet', 'Mehmet Kaya', 'warehouse', t_staff_verifier())$$,
    'an admin login adds a warehouse worker with a password');
SELECT lives_ok($$SELECT api.staff_add('t_staff_zsofia', 'Zsófia Kovács', 'supervisor')$$,
    'an admin login adds a supervisor');
SELECT lives_ok($$SELECT api.staff_add('t_staff.emre-2', 'Emre Şahin', 'admin')$$,
    'an admin login adds an admin (dots and dashes are allowed in a login)');
RESET SESSION AUTHORIZATION;
-- Should the admin have been refused, add them as the superuser so that the rest of
-- this file still tests something (the four tests above have failed already).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM backdesk.staff WHERE login = 't_staff_ayse') THEN
        PERFORM api.staff_add('t_staff_ayse', '  Ayşe Yılmaz ', 'agent');
    END IF;
    IF NOT EXISTS (SELECT FROM backdesk.staff WHERE login = 't_staff_mehmet') THEN
        PERFORM api.staff_add('t_staff_mehmet', 'Mehmet Kaya', 'warehouse', t_staff_verifier());
    END IF;
    IF NOT EXISTS (SELECT FROM backdesk.staff WHERE login = 't_staff_zsofia') THEN
        PERFORM api.staff_add('t_staff_zsofia', 'Zsófia Kovács', 'supervisor');
    END IF;
    IF NOT EXISTS (SELECT FROM backdesk.staff WHERE login = 't_staff.emre-2') THEN
        PERFORM api.staff_add('t_staff.emre-2', 'Emre Şahin', 'admin');
    END IF;
END
$$;

SELECT results_eq($$
    SELECT login, full_name, role, active, disabled_at IS NULL FROM backdesk.staff
    WHERE login IN ('t_staff_ayse', 't_staff_mehmet', 't_staff_zsofia', 't_staff.emre-2') ORDER BY login
$$, $$VALUES ('t_staff.emre-2', 'Emre Şahin', 'admin', true, true),
             ('t_staff_ayse', 'Ayşe Yılmaz', 'agent', true, true),
             ('t_staff_mehmet', 'Mehmet Kaya', 'warehouse', true, true),
             ('t_staff_zsofia', 'Zsófia Kovács', 'supervisor', true, true)$$,
    'staff rows: login, trimmed full name, role, active');
SELECT results_eq($$
    SELECT rolname::text COLLATE "default", rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolinherit, rolbypassrls
    FROM pg_roles WHERE rolname IN ('t_staff_ayse', 't_staff_mehmet', 't_staff_zsofia', 't_staff.emre-2')
    ORDER BY rolname
$$, $$VALUES ('t_staff.emre-2', true, false, false, false, true, false),
             ('t_staff_ayse', true, false, false, false, true, false),
             ('t_staff_mehmet', true, false, false, false, true, false),
             ('t_staff_zsofia', true, false, false, false, true, false)$$,
    'each is a plain LOGIN role: not superuser, no CREATEROLE, no CREATEDB, inherits its group');
SELECT set_eq($$SELECT t_staff_groups('t_staff_ayse')$$, ARRAY['backdesk_agent'], 'the agent is in backdesk_agent only');
SELECT set_eq($$SELECT t_staff_groups('t_staff_mehmet')$$, ARRAY['backdesk_warehouse'], 'the warehouse worker is in backdesk_warehouse only');
SELECT set_eq($$SELECT t_staff_groups('t_staff_zsofia')$$, ARRAY['backdesk_supervisor'], 'the supervisor is in backdesk_supervisor only');
SELECT set_eq($$SELECT t_staff_groups('t_staff.emre-2')$$, ARRAY['backdesk_admin'], 'the admin is in backdesk_admin only');

SELECT is((SELECT rolpassword FROM pg_authid WHERE rolname = 't_staff_mehmet'), t_staff_verifier(),
    'the SCRAM verifier is stored as given (the clear text never reached the server)');
SELECT isnt((SELECT rolpassword FROM pg_authid WHERE rolname = 't_staff_mehmet'), NULL,
    'the warehouse worker has a password');
SELECT is((SELECT rolpassword FROM pg_authid WHERE rolname = 't_staff_ayse'), NULL,
    'without a password the role has none (peer or certificate login)');

------------------------------------------------------------------------------
-- Refusals.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_staff_agent;
SELECT refused($$SELECT api.staff_add('t_staff_x1', 'X', 'agent')$$, 'BD001',
    'adding staff is not allowed for t_staff_agent (role: agent)', 'an agent cannot add staff (BD001)');
SELECT refused($$SELECT api.staff_disable('t_staff_ayse')$$, 'BD001',
    'disabling staff is not allowed for t_staff_agent (role: agent)', 'an agent cannot disable staff (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_staff_sup;
SELECT refused($$SELECT api.staff_add('t_staff_x2', 'X', 'agent')$$, 'BD001',
    'adding staff is not allowed for t_staff_sup (role: supervisor)', 'a supervisor cannot add staff (BD001)');
RESET SESSION AUTHORIZATION;

SELECT refused($$SELECT api.staff_add('T_Staff_Upper', 'X', 'agent')$$, 'BD005',
    'login ''T_Staff_Upper'' is not valid', 'an upper-case login is refused (BD005)');
SELECT refused($$SELECT api.staff_add('backdesk_x', 'X', 'agent')$$, 'BD005',
    'login ''backdesk_x'' is reserved', 'a login starting with backdesk_ is reserved (BD005)');
SELECT refused($$SELECT api.staff_add('pg_x', 'X', 'agent')$$, 'BD005',
    'login ''pg_x'' is reserved', 'a login starting with pg_ is reserved (BD005)');
SELECT refused($$SELECT api.staff_add('public', 'X', 'agent')$$, 'BD005',
    'login ''public'' is reserved', '"public" is reserved (BD005)');
SELECT refused($$SELECT api.staff_add('none', 'X', 'agent')$$, 'BD005',
    'login ''none'' is reserved', '"none" is reserved (BD005, not PostgreSQL''s own error)');
SELECT refused($$SELECT api.staff_add('', 'X', 'agent')$$, 'BD005', 'login%is not valid', 'an empty login (BD005)');
SELECT refused($$SELECT api.staff_add(NULL, 'X', 'agent')$$, 'BD005', 'login%is not valid', 'a NULL login (BD005)');
SELECT refused($$SELECT api.staff_add('1abc', 'X', 'agent')$$, 'BD005', 'login%is not valid', 'a login starting with a digit (BD005)');
SELECT refused($$SELECT api.staff_add('ayşe', 'X', 'agent')$$, 'BD005', 'login%is not valid', 'a login with a non-ASCII letter (BD005)');
SELECT refused($$SELECT api.staff_add('a b', 'X', 'agent')$$, 'BD005', 'login%is not valid', 'a login with a space (BD005)');
SELECT refused($$SELECT api.staff_add('x"; DROP ROLE postgres; --', 'X', 'agent')$$, 'BD005', 'login%is not valid',
    'a login with quotes and semicolons (BD005)');
SELECT refused($$SELECT api.staff_add(repeat('t', 64), 'X', 'agent')$$, 'BD005', 'login%is not valid',
    'a 64-character login is refused, not silently cut to 63 (BD005)');
SELECT lives_ok($$SELECT api.staff_add('t_staff_' || repeat('l', 55), 'Uzun', 'agent')$$, 'a 63-character login is fine');
SELECT refused($$SELECT api.staff_add('t_staff_boss', 'Patron Hanım', 'agent')$$, 'BD007',
    'a database role named t_staff_boss already exists', 'a login added twice (BD007)');
SELECT refused($$SELECT api.staff_add('t_staff_agent', 'X', 'agent')$$, 'BD007',
    'a database role named t_staff_agent already exists', 'a role that exists without a staff row (BD007)');
SELECT refused($$SELECT api.staff_add('postgres', 'X', 'agent')$$, 'BD007',
    '%already exists', 'the superuser''s own role (BD007)');
SELECT refused($$SELECT api.staff_add('t_staff_x3', 'X', 'manager')$$, 'BD005',
    'role ''manager'' is not valid', 'an unknown role (BD005)');
SELECT refused($$SELECT api.staff_add('t_staff_x4', 'X', 'shop')$$, 'BD005',
    'role ''shop'' is not valid', 'shop is not a role for a person (BD005)');
SELECT refused($$SELECT api.staff_add('t_staff_x5', 'X', NULL)$$, 'BD005', 'role%is not valid', 'no role (BD005)');
SELECT refused($$SELECT api.staff_add('t_staff_x6', '   ', 'agent')$$, 'BD005',
    'a staff member needs a name', 'a blank name (BD005)');
SELECT is_empty($$SELECT rolname FROM pg_roles WHERE rolname LIKE 't\_staff\_x%'$$,
    'no refused call left a role behind');

------------------------------------------------------------------------------
-- whoami.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_staff_ayse;
SELECT results_eq($$SELECT login, full_name, role, active FROM t_staff_me()$$,
    $$VALUES ('t_staff_ayse', 'Ayşe Yılmaz', 'agent', true)$$, 'whoami: an agent sees login, full name and role');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_staff_mehmet;
SELECT results_eq($$SELECT login, role FROM t_staff_me()$$,
    $$VALUES ('t_staff_mehmet', 'warehouse')$$, 'whoami: a warehouse worker');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_staff_boss;
SELECT results_eq($$SELECT login, full_name, role FROM t_staff_me()$$,
    $$VALUES ('t_staff_boss', 'Patron Hanım', 'admin')$$, 'whoami: an admin');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT login, full_name, role, active FROM t_staff_me()$$,
    $$SELECT session_user::text COLLATE "default", session_user::text COLLATE "default", 'admin', true$$,
    'whoami: a superuser without a staff row counts as admin');
-- The console asks whoami right behind its first page, in a new server process:
-- nothing on its way may load PL/pgSQL (0057).
SELECT is((SELECT pg_catalog.array_agg(DISTINCT l.lanname)
           FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
           WHERE p.oid IN ('api.whoami()'::regprocedure, 'backdesk.caller_role()'::regprocedure)),
    ARRAY['sql']::name[], 'whoami and the role check it makes are SQL');
SELECT is((SELECT p.proconfig IS NULL AND NOT p.prosecdef AND p.prosqlbody IS NOT NULL
           FROM pg_proc p WHERE p.oid = 'backdesk.caller_role()'::regprocedure), true,
    'caller_role: no SET, not SECURITY DEFINER, a SQL-standard body bound when created');

------------------------------------------------------------------------------
-- Disabling.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_staff_boss;
SELECT lives_ok($$SELECT api.staff_disable('t_staff_ayse')$$, 'an admin login disables an agent');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT rolcanlogin FROM pg_roles WHERE rolname = 't_staff_ayse'), false, 'the role is NOLOGIN now');
SELECT results_eq($$SELECT active, disabled_at IS NOT NULL FROM backdesk.staff WHERE login = 't_staff_ayse'$$,
    $$VALUES (false, true)$$, 'the staff row is inactive, with the time');
SET SESSION AUTHORIZATION t_staff_ayse;
SELECT results_eq($$SELECT active FROM t_staff_me()$$, $$VALUES (false)$$,
    'whoami shows a disabled login as inactive (for a session opened before)');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_staff_boss;
SELECT refused($$SELECT api.staff_disable('t_staff_ayse')$$, 'BD002',
    't_staff_ayse is already disabled%', 'disabling twice (BD002)');
SELECT refused($$SELECT api.staff_disable('t_staff_nobody')$$, 'BD003',
    'no staff member with login ''t_staff_nobody''', 'an unknown login (BD003)');
SELECT refused($$SELECT api.staff_disable('t_staff_agent')$$, 'BD003',
    'no staff member with login ''t_staff_agent''', 'a role that is not staff cannot be disabled through api (BD003)');
SELECT refused($$SELECT api.staff_disable('t_staff_boss')$$, 'BD002',
    'you cannot disable your own login', 'disabling yourself (BD002)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT rolcanlogin FROM pg_roles WHERE rolname = 't_staff_boss'), true, 'the admin can still log in');
SELECT is((SELECT active FROM backdesk.staff WHERE login = 't_staff_boss'), true, 'the admin is still active');
SELECT is((SELECT rolcanlogin FROM pg_roles WHERE rolname = 't_staff_agent'), true, 'the non-staff role was not touched');

-- Another admin can disable the first.
SET SESSION AUTHORIZATION "t_staff.emre-2";
SELECT lives_ok($$SELECT api.staff_disable('t_staff_boss')$$, 'another admin disables the first');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT rolcanlogin FROM pg_roles WHERE rolname = 't_staff_boss'), false, 'the first admin is NOLOGIN now');

SELECT * FROM finish();
ROLLBACK;
