-- grants: who may read and change what, checked against the catalog.
--
-- The rules (docs: DESIGN.md "The database is the contract"):
--   * nobody but backdesk_owner writes a table: every change goes through api;
--   * agent, warehouse, supervisor and admin read the tables, except that the
--     warehouse sees no payment details, refunds, gift codes, tickets or audit log,
--     and the agent does not read the audit log;
--   * the shop reads nothing and may only call api.import_order, api.receive_message, api.receive_mail,
--     api.record_csat, api.redeem_gift_code and (0051) api.add_stock_alert (and api.whoami);
--   * PUBLIC has nothing: no table, no schema, no function of ours.
-- The list of tables is compared with the catalog, so a new table (or view) whose
-- grants were not decided here makes this test fail.
BEGIN;

-- What each group may do on each relation of schema backdesk.  Add a row here for
-- every new table, and think about who should read it.
CREATE TEMP TABLE t_grants_expected (tbl name PRIMARY KEY, readers name[] NOT NULL);
INSERT INTO t_grants_expected VALUES
    ('schema_migrations', '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('staff',             '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('currencies',        '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('customers',         '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('addresses',         '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('products',          '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('countries',         '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('order_holds',       '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('orders',            '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('order_lines',       '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('shipments',         '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('shipment_events',   '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('returns',           '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('return_reasons',    '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('return_lines',      '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('payments',          '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('refunds',           '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('gift_codes',        '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('tickets',           '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('ticket_messages',   '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('audit_log',         '{backdesk_supervisor,backdesk_admin}'),
    ('notes',             '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('outbox',            '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    -- Back-in-stock alerts (0045): read with the outbox.
    ('stock_alerts',      '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('templates',         '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    -- Which order states a category's answers need (0022): read with the templates.
    ('answer_category_needs', '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    -- Macros (0030): read with the templates.
    ('macros',            '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('macro_texts',       '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('amount_limits',     '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    -- The closed lists (0015): the console loads them for its forms, whatever the role.
    ('ticket_categories', '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('ticket_channels',   '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('ticket_priorities', '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('ticket_statuses',   '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('call_outcomes',     '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    ('choices',           '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    -- The shop's settings (0028): harmless numbers and switches, readable by all staff;
    -- changed only through api.set_setting.
    ('settings',          '{backdesk_agent,backdesk_warehouse,backdesk_supervisor,backdesk_admin}'),
    -- The distinct name keys api.find's typo search reads (0024): nobody but api.find.
    ('name_keys',         '{}'),
    -- Business hours and SLA policies (0029): read by whoever reads the tickets.
    ('sla_calendars',     '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('sla_hours',         '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('sla_holidays',      '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('sla_policies',      '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('sla_spans',         '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    -- Delay notices (0042): money, read by those who read refunds and gift codes.
    ('delay_notices',     '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    -- Paid or packed orders with a parcel (0043): kept by triggers for the dashboard's
    -- "late to ship", read by api.dashboard and api.dashboard_list only.
    ('to_ship_with_parcel', '{}'),
    -- Inbound mail (0046): read with the tickets they belong to.
    ('inbound_mail',      '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    ('ticket_message_attachments', '{backdesk_agent,backdesk_supervisor,backdesk_admin}'),
    -- The dashboard's tallies (0048): kept by triggers, read by api.dashboard only.
    ('dashboard_tally', '{}'),
    ('dashboard_tally_delta', '{}'),
    -- The shapes of the numbers (0052): kept by triggers, read by api.find only.
    ('number_shapes', '{}'),
    -- The same as one row of arrays (0054): kept by triggers, read by api.find only.
    ('number_shape_sets', '{}');

CREATE TEMP TABLE t_grants_roles (role name PRIMARY KEY, staff boolean NOT NULL);
INSERT INTO t_grants_roles VALUES
    ('backdesk_agent', true), ('backdesk_warehouse', true), ('backdesk_supervisor', true),
    ('backdesk_admin', true), ('backdesk_shop', false), ('public', false);


SELECT plan(56 + 6 * (SELECT count(*)::int FROM t_grants_expected));

------------------------------------------------------------------------------
-- The tables themselves: exactly these, and no views we have not thought about.
------------------------------------------------------------------------------
SELECT tables_are('backdesk', ARRAY(SELECT e.tbl FROM t_grants_expected e
                                   WHERE to_regclass('backdesk.' || e.tbl) IS NULL
                                      OR (SELECT c.relkind FROM pg_class c
                                          WHERE c.oid = to_regclass('backdesk.' || e.tbl)) = 'r'),
    'schema backdesk has exactly the tables whose grants this test knows');
SELECT is_empty($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('backdesk', 'api') AND c.relkind IN ('v', 'm', 'f', 'p')
      AND c.relname NOT IN (SELECT tbl FROM t_grants_expected)
$$, 'no view, materialized view or foreign table in backdesk/api without decided grants');

------------------------------------------------------------------------------
-- Per table and role: exactly SELECT for the readers, nothing else for anyone.
------------------------------------------------------------------------------
SELECT table_privs_are('backdesk', e.tbl, r.role,
                       CASE WHEN r.role = ANY (e.readers) THEN ARRAY['SELECT']::name[] ELSE '{}'::name[] END,
                       format('%s: %s', e.tbl,
                              CASE WHEN r.role = ANY (e.readers) THEN r.role || ' may only SELECT'
                                   ELSE r.role || ' has no privilege at all' END))
FROM t_grants_expected e CROSS JOIN t_grants_roles r
ORDER BY e.tbl, r.role;

-- The same from the raw ACLs, for every relation (tables, sequences, views) and every
-- grantee, login roles included.
SELECT is_empty($$
    SELECT c.relname, a.grantee::regrole::text, a.privilege_type
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
         aclexplode(c.relacl) a
    WHERE n.nspname IN ('backdesk', 'api', 'ext')
      AND a.grantee <> c.relowner AND a.privilege_type <> 'SELECT'
$$, 'nobody but the owner may INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES or TRIGGER any relation, or use a sequence');

SELECT is_empty($$
    SELECT c.relname, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
         aclexplode(c.relacl) a
    WHERE n.nspname = 'backdesk' AND a.grantee <> c.relowner
      AND (a.grantee = 0 OR a.grantee::regrole::text NOT IN
           ('backdesk_agent', 'backdesk_warehouse', 'backdesk_supervisor', 'backdesk_admin'))
$$, 'relations in backdesk are granted only to the four staff groups (not to PUBLIC, the shop or a login)');

SELECT is_empty($$
    SELECT c.relname, a.attname
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('backdesk', 'api') AND a.attacl IS NOT NULL
$$, 'no column-level grants (privilege is by table: payments sit apart from orders)');

SELECT is_empty($$
    SELECT c.relname, c.relkind, pg_get_userbyid(c.relowner)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'backdesk' AND c.relkind = 'S'
      AND (has_sequence_privilege('public', c.oid, 'USAGE') OR has_sequence_privilege('public', c.oid, 'UPDATE')
           OR EXISTS (SELECT FROM unnest(ARRAY['backdesk_agent', 'backdesk_warehouse', 'backdesk_supervisor',
                                               'backdesk_admin', 'backdesk_shop']) g(r)
                      WHERE has_sequence_privilege(g.r, c.oid, 'USAGE')
                         OR has_sequence_privilege(g.r, c.oid, 'UPDATE')))
$$, 'no group and not PUBLIC may draw numbers from a backdesk sequence');

------------------------------------------------------------------------------
-- Schemas.
------------------------------------------------------------------------------
SELECT schema_privs_are('backdesk', r.role,
                        CASE WHEN r.staff THEN ARRAY['USAGE']::name[] ELSE '{}'::name[] END,
                        format('schema backdesk: %s has %s', r.role,
                               CASE WHEN r.staff THEN 'USAGE only' ELSE 'nothing' END))
FROM t_grants_roles r ORDER BY r.role;

SELECT schema_privs_are('api', r.role,
                        CASE WHEN r.role <> 'public' THEN ARRAY['USAGE']::name[] ELSE '{}'::name[] END,
                        format('schema api: %s has %s', r.role,
                               CASE WHEN r.role <> 'public' THEN 'USAGE only' ELSE 'nothing' END))
FROM t_grants_roles r ORDER BY r.role;

SELECT schema_privs_are('ext', 'public', '{}'::name[], 'schema ext: PUBLIC has nothing');
SELECT schema_privs_are('ext', 'backdesk_shop', '{}'::name[], 'schema ext: the shop has nothing');

------------------------------------------------------------------------------
-- Functions.  The staff groups may call every api function: the function itself
-- checks the caller's group and refuses with BD001, so a supervisor learns why.
-- The shop, a machine on the internet, may call only import_order, and (0030) hand
-- over customers' messages and survey answers, and (0051) ask for back-in-stock
-- alerts (and whoami).
------------------------------------------------------------------------------
SELECT is_empty(format($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'api' AND NOT has_function_privilege(%L, p.oid, 'EXECUTE')
$$, r.role), format('%s may EXECUTE every function in api', r.role))
FROM t_grants_roles r WHERE r.staff ORDER BY r.role;

-- A disabled login is in backdesk_disabled only (0032): it may call what staff may,
-- so that each function tells it why not (BD001, role_matrix.sql), and read nothing.
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'api' AND has_function_privilege('backdesk_agent', p.oid, 'EXECUTE')
      AND NOT has_function_privilege('backdesk_disabled', p.oid, 'EXECUTE')
$$, 'backdesk_disabled may EXECUTE every api function the staff groups may');
SELECT is_empty($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'backdesk' AND c.relkind IN ('r', 'v', 'm', 'S')
      AND (has_table_privilege('backdesk_disabled', c.oid, 'SELECT')
           OR has_table_privilege('backdesk_disabled', c.oid, 'INSERT, UPDATE, DELETE'))
$$, 'backdesk_disabled reads and writes no table');
SELECT schema_privs_are('backdesk', 'backdesk_disabled', '{}'::name[], 'schema backdesk: backdesk_disabled has nothing');
-- The return's life (0037): a disabled login is told why, the shop may not call them.
SELECT is_empty($$
    SELECT f FROM unnest(ARRAY['api.returnable_lines(text)', 'api.request_return(text,jsonb,text,text,text,integer)',
                               'api.approve_return(text,integer)', 'api.reject_return(text,text,integer)',
                               'api.set_return_parcel(text,text,text,integer)', 'api.receive_return(text,integer)',
                               'api.inspect_return(text,jsonb,text,integer)', 'api.close_return(text,integer)',
                               'api.return_detail(text)']) f
    WHERE to_regprocedure(f) IS NULL
       OR NOT has_function_privilege('backdesk_disabled', to_regprocedure(f), 'EXECUTE')
       OR has_function_privilege('backdesk_shop', to_regprocedure(f), 'EXECUTE')
$$, 'the return lifecycle functions (0037): backdesk_disabled may EXECUTE each, the shop none');
SELECT function_privs_are('backdesk', 'return_transition_ok', ARRAY['text', 'text'], 'backdesk_disabled', '{}'::name[],
    'backdesk_disabled may not EXECUTE backdesk.return_transition_ok (the staff groups may, to offer the steps)');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'backdesk' AND has_function_privilege('backdesk_disabled', p.oid, 'EXECUTE')
$$, 'backdesk_disabled may EXECUTE no backdesk helper');

SELECT set_eq($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'api' AND has_function_privilege('backdesk_shop', p.oid, 'EXECUTE')
      AND p.proname <> 'whoami'
$$, ARRAY['api.import_order(jsonb)', 'api.receive_message(jsonb)', 'api.record_csat(text,integer,text)',
         'api.redeem_gift_code(text,text)', 'api.receive_mail(jsonb)', 'api.add_stock_alert(text,text)'],
    'the shop may EXECUTE api.import_order, api.receive_message, api.receive_mail, api.record_csat, api.redeem_gift_code and api.add_stock_alert and nothing else in api (whoami aside)');

SELECT function_privs_are('api', 'import_order', ARRAY['jsonb'], 'backdesk_shop', ARRAY['EXECUTE'],
    'backdesk_shop may EXECUTE api.import_order(jsonb)');
SELECT function_privs_are('api', 'find', ARRAY['text', 'integer'], 'backdesk_shop', '{}'::name[],
    'backdesk_shop may not EXECUTE api.find');
SELECT function_privs_are('api', 'staff_add', ARRAY['text', 'text', 'text', 'text'], 'backdesk_shop', '{}'::name[],
    'backdesk_shop may not EXECUTE api.staff_add');
-- 0038: the shop's checkout redeems gift codes; the outcomes of returns and the
-- ledger are the staff's (their role check says which of them).
SELECT function_privs_are('api', 'redeem_gift_code', ARRAY['text', 'text'], 'backdesk_shop', ARRAY['EXECUTE'],
    'backdesk_shop may EXECUTE api.redeem_gift_code(text, text)');
SELECT is_empty($$
    SELECT f::text, g FROM unnest(ARRAY['api.refund_return(text,uuid,integer)', 'api.exchange_return(text,integer)',
                                        'api.repair_return(text,text,integer)', 'api.store_credit_return(text,uuid,integer)',
                                        'api.issue_gift_code(text,numeric,numeric,text,text,uuid)',
                                        'api.redeem_gift_code(text,text)', 'api.refunds_ledger(text)',
                                        'api.refunds_of_day(date)']::regprocedure[]) f,
           unnest(ARRAY['backdesk_agent', 'backdesk_warehouse', 'backdesk_supervisor', 'backdesk_admin',
                        'backdesk_disabled']) g
    WHERE NOT has_function_privilege(g, f, 'EXECUTE')
$$, 'every staff group and backdesk_disabled may EXECUTE the 0038 functions (the role check refuses inside)');
SELECT is_empty($$
    SELECT f::text FROM unnest(ARRAY['api.refund_return(text,uuid,integer)', 'api.exchange_return(text,integer)',
                                     'api.repair_return(text,text,integer)', 'api.store_credit_return(text,uuid,integer)',
                                     'api.issue_gift_code(text,numeric,numeric,text,text,uuid)',
                                     'api.refunds_ledger(text)', 'api.refunds_of_day(date)']::regprocedure[]) f
    WHERE has_function_privilege('backdesk_shop', f, 'EXECUTE') OR has_function_privilege('public', f, 'EXECUTE')
$$, 'neither the shop nor PUBLIC may EXECUTE the 0038 staff functions');

SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ('api', 'backdesk') AND has_function_privilege('public', p.oid, 'EXECUTE')
$$, 'PUBLIC may EXECUTE no function in api or backdesk');

SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ('api', 'backdesk') AND has_function_privilege('backdesk_shop', p.oid, 'EXECUTE')
      AND p.oid NOT IN ('api.import_order(jsonb)'::regprocedure, 'api.whoami()'::regprocedure,
                        'api.receive_message(jsonb)'::regprocedure, 'api.record_csat(text,integer,text)'::regprocedure,
                        'api.redeem_gift_code(text,text)'::regprocedure, 'api.receive_mail(jsonb)'::regprocedure,
                        'api.add_stock_alert(text,text)'::regprocedure)
$$, 'the shop may EXECUTE no backdesk helper either');

SELECT is_empty($$
    SELECT p.oid::regprocedure::text, g.r
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,
         unnest(ARRAY['backdesk_agent', 'backdesk_warehouse', 'backdesk_supervisor',
                      'backdesk_admin', 'backdesk_shop']) g(r)
    WHERE n.nspname = 'backdesk' AND p.prosecdef AND has_function_privilege(g.r, p.oid, 'EXECUTE')
$$, 'no group may call a SECURITY DEFINER helper in backdesk directly (backdesk.audit cannot be forged)');

SELECT function_privs_are('backdesk', 'audit', ARRAY['text', 'text', 'bigint', 'jsonb'], 'backdesk_admin', '{}'::name[],
    'even backdesk_admin may not write audit rows except through api');

-- A function a later migration creates as the owner is not executable by PUBLIC
-- either (default privileges), so forgetting a REVOKE cannot open a hole.
SET LOCAL ROLE backdesk_owner;
CREATE FUNCTION api.t_grants_probe() RETURNS int LANGUAGE sql RETURN 1;
RESET ROLE;
SELECT function_privs_are('api', 't_grants_probe', '{}'::name[], 'public', '{}'::name[],
    'default privileges: a new api function is not executable by PUBLIC');
DROP FUNCTION api.t_grants_probe();

------------------------------------------------------------------------------
-- Behaviour, as real login roles.
------------------------------------------------------------------------------
CREATE ROLE t_grants_wh LOGIN IN ROLE backdesk_warehouse;
CREATE ROLE t_grants_agent LOGIN IN ROLE backdesk_agent;
CREATE ROLE t_grants_sup LOGIN IN ROLE backdesk_supervisor;
CREATE ROLE t_grants_shop LOGIN IN ROLE backdesk_shop;
CREATE ROLE t_grants_nobody LOGIN;

SET SESSION AUTHORIZATION t_grants_wh;
SELECT refused('SELECT * FROM backdesk.payments', '42501', 'permission denied for table payments',
    'warehouse: SELECT on backdesk.payments is denied');
SELECT refused('SELECT * FROM backdesk.audit_log', '42501', 'permission denied%',
    'warehouse: SELECT on backdesk.audit_log is denied');
SELECT lives_ok('SELECT count(*) FROM backdesk.orders JOIN backdesk.order_lines ON order_id = orders.id',
    'warehouse: may read orders and their lines');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_grants_agent;
SELECT refused($$INSERT INTO backdesk.orders (number) VALUES ('SO-T-GRANTS')$$, '42501',
    'permission denied for table orders', 'agent: a direct INSERT into backdesk.orders is denied');
SELECT refused($$UPDATE backdesk.customers SET notes = 'x'$$, '42501',
    'permission denied for table customers', 'agent: a direct UPDATE of backdesk.customers is denied');
SELECT refused('SELECT * FROM backdesk.audit_log', '42501', 'permission denied for table audit_log',
    'agent: SELECT on backdesk.audit_log is denied');
SELECT refused($$SELECT backdesk.audit('order.cancel', 'order', 1)$$, '42501',
    'permission denied for function audit', 'agent: cannot forge an audit row through backdesk.audit');
SELECT lives_ok('SELECT count(*) FROM backdesk.payments', 'agent: may read payments');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_grants_sup;
SELECT refused($$SELECT api.import_order('{"number": "SO-T-GRANTS"}')$$, 'BD001',
    'importing orders is not allowed for t_grants_sup%', 'supervisor: api.import_order is refused with BD001');
SELECT refused('DELETE FROM backdesk.tickets', '42501', 'permission denied for table tickets',
    'supervisor: a direct DELETE from backdesk.tickets is denied');
SELECT refused('TRUNCATE backdesk.audit_log', '42501', 'permission denied for table audit_log',
    'supervisor: TRUNCATE of backdesk.audit_log is denied');
SELECT lives_ok('SELECT count(*) FROM backdesk.audit_log', 'supervisor: may read the audit log');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_grants_shop;
SELECT refused('SELECT * FROM backdesk.orders', '42501', 'permission denied for schema backdesk%',
    'shop: cannot read backdesk.orders (no USAGE on the schema)');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_grants_nobody;
SELECT refused('SELECT * FROM api.whoami()', '42501', 'permission denied for schema api%',
    'a login in no backdesk group cannot even reach api');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
