-- pooler.user_secret (0025): PgBouncer's auth_query.  It hands out password secrets,
-- so it answers only the pooler's role, and only for active staff of this database.
BEGIN;

DO $$ BEGIN
    PERFORM api.staff_add('t_pool_agent', 'Ayşe Havuz', 'agent');
    PERFORM api.staff_add('t_pool_wh', 'Mehmet Havuz', 'warehouse');
    PERFORM api.staff_add('t_pool_gone', 'Eski Havuz', 'agent');
    PERFORM api.staff_disable('t_pool_gone');
END $$;
ALTER ROLE t_pool_agent PASSWORD 'agent-secret';
ALTER ROLE t_pool_wh PASSWORD 'wh-secret';
CREATE ROLE t_pool_shop LOGIN PASSWORD 'x' IN ROLE backdesk_shop;
CREATE ROLE t_pool_nobody LOGIN PASSWORD 'x';
CREATE ROLE t_pool_super LOGIN SUPERUSER PASSWORD 'x';
CREATE ROLE t_pool_expired LOGIN PASSWORD 'x' VALID UNTIL '2001-01-01' IN ROLE backdesk_agent;
INSERT INTO backdesk.staff (login, full_name, role) VALUES ('t_pool_expired', 'Süresi Dolmuş', 'agent');
-- In the staff table but a member of no group (a hand-made role).
CREATE ROLE t_pool_lone LOGIN PASSWORD 'x';
INSERT INTO backdesk.staff (login, full_name, role) VALUES ('t_pool_lone', 'Yalnız', 'agent');
CREATE ROLE t_pool_bouncer LOGIN IN ROLE backdesk_pooler;

SELECT plan(10);

SELECT is((SELECT rolsuper FROM pg_roles WHERE oid = (SELECT proowner FROM pg_proc
            WHERE oid = 'pooler.user_secret(text)'::regprocedure)), true,
    'the lookup is owned by a superuser (only one may read pg_authid)');
SELECT function_privs_are('pooler', 'user_secret', ARRAY['text'], 'public', '{}'::text[],
    'PUBLIC may not call the lookup');
SELECT ok(NOT has_function_privilege('backdesk_agent', 'pooler.user_secret(text)', 'EXECUTE'),
    'no staff group may call it');

SET SESSION AUTHORIZATION t_pool_bouncer;
SELECT results_eq($$SELECT usename, passwd LIKE 'SCRAM-SHA-256$%' FROM pooler.user_secret('t_pool_agent')$$,
    $$VALUES ('t_pool_agent', true)$$, 'an active agent: the login and its SCRAM secret');
SELECT results_eq($$SELECT usename FROM pooler.user_secret('t_pool_wh')$$,
    $$VALUES ('t_pool_wh')$$, 'an active warehouse login too');
SELECT is_empty($$SELECT * FROM pooler.user_secret('t_pool_gone')$$,
    'a disabled staff member: no row, so the pooler refuses the login');
SELECT is_empty($$SELECT * FROM pooler.user_secret('t_pool_shop')
                  UNION ALL SELECT * FROM pooler.user_secret('t_pool_nobody')
                  UNION ALL SELECT * FROM pooler.user_secret('t_pool_lone')$$,
    'the shop, a login in no group and a staff row without a group: no row');
SELECT is_empty($$SELECT * FROM pooler.user_secret('t_pool_super')
                  UNION ALL SELECT * FROM pooler.user_secret('postgres')$$,
    'a superuser: no row, whatever the staff table says');
SELECT is_empty($$SELECT * FROM pooler.user_secret('t_pool_expired')$$,
    'a login past its VALID UNTIL: no row');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_pool_agent;
SELECT throws_ok($$SELECT * FROM pooler.user_secret('t_pool_wh')$$, '42501', NULL,
    'a staff member cannot read another one''s secret');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
