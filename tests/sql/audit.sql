-- audit_log: every change through api writes one row naming session_user (the person
-- or machine that logged in, not the function's owner); a refused call writes none.
BEGIN;

CREATE FUNCTION public.t_audit_doc(p_number text) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "audit@example.com", "phone": "+90 532 765 00 11", "name": "Ayşe Denetim"},
         "shipping_address": {"line1": "Bağdat Cd. 12/3", "city": "İstanbul", "country": "TR"},
         "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90", "tax_rate": "0.20"}],
         "payment": {"method": "card", "paid": "299.80"}}'::jsonb;

-- Runs a statement that should be refused; ok when it is, with this SQLSTATE.
CREATE FUNCTION public.t_audit_refused(p_sql text, p_code text, p_descr text) RETURNS text
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE p_sql;
    RETURN ok(false, p_descr) || E'\n' || diag('      caught: no exception, wanted ' || p_code);
EXCEPTION WHEN OTHERS THEN
    IF SQLSTATE = p_code THEN
        RETURN ok(true, p_descr);
    END IF;
    RETURN ok(false, p_descr) || E'\n' || diag(format(E'      caught: %s: %s\n      wanted: %s', SQLSTATE, SQLERRM, p_code));
END
$$;

-- The audit rows written since the last mark.
CREATE TEMP TABLE t_audit_mark (id bigint);
INSERT INTO t_audit_mark SELECT coalesce(max(id), 0) FROM backdesk.audit_log;
GRANT ALL ON t_audit_mark TO PUBLIC;
CREATE FUNCTION public.t_audit_new() RETURNS SETOF backdesk.audit_log LANGUAGE sql
AS $$ SELECT * FROM backdesk.audit_log WHERE id > (SELECT id FROM t_audit_mark) ORDER BY id $$;
CREATE PROCEDURE public.t_audit_remark() LANGUAGE sql
AS $$ UPDATE t_audit_mark SET id = (SELECT coalesce(max(id), 0) FROM backdesk.audit_log) $$;

CREATE ROLE t_audit_shop LOGIN IN ROLE backdesk_shop;
CREATE ROLE t_audit_admin LOGIN IN ROLE backdesk_admin;
CREATE ROLE t_audit_agent LOGIN IN ROLE backdesk_agent;

SELECT plan(19);

------------------------------------------------------------------------------
-- import_order, by the shop's own login.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_audit_shop;
SELECT lives_ok($$SELECT api.import_order(t_audit_doc('SO-A-1'))$$, 'the shop login imports an order');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$
    SELECT actor, action, entity, entity_id, detail FROM t_audit_new()
$$, $$
    VALUES ('t_audit_shop'::text, 'order.import'::text, 'order'::text,
            (SELECT o.id FROM backdesk.orders o WHERE o.number = 'SO-A-1'),
            '{"number": "SO-A-1", "total": 299.80, "currency": "TRY", "paid": 299.80}'::jsonb)
$$, 'import_order wrote exactly one audit row: actor = the shop''s login, action, entity, id, detail');
SELECT ok((SELECT bool_and(at BETWEEN now() AND clock_timestamp()) FROM t_audit_new()),
    'the audit row is stamped with the time of the change');
CALL t_audit_remark();

SET SESSION AUTHORIZATION t_audit_shop;
SELECT lives_ok($$SELECT api.import_order(t_audit_doc('SO-A-1') || '{"payment": {"method": "card", "paid": "100.00"}}')$$,
    'the shop login re-imports the order');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT actor, action, detail ->> 'paid' FROM t_audit_new()$$,
    $$VALUES ('t_audit_shop'::text, 'order.reimport'::text, '100.00')$$,
    'the re-import wrote one order.reimport row by the shop''s login');
CALL t_audit_remark();

-- As the superuser (who counts as admin), the actor is the superuser's own name.
SELECT lives_ok($$SELECT api.import_order(t_audit_doc('SO-A-2'))$$, 'the superuser imports an order');
SELECT results_eq($$SELECT actor, action FROM t_audit_new()$$,
    $$SELECT session_user::text COLLATE "default", 'order.import'::text$$,
    'the actor is session_user, never the owner of the function (backdesk_owner)');
CALL t_audit_remark();

------------------------------------------------------------------------------
-- Refused calls write nothing.
------------------------------------------------------------------------------
SELECT t_audit_refused($$SELECT api.import_order(t_audit_doc('SO-A-3') || '{"currency": "XYZ"}')$$, 'BD005',
    'an import with an unknown currency is refused');
SET SESSION AUTHORIZATION t_audit_agent;
SELECT t_audit_refused($$SELECT api.import_order(t_audit_doc('SO-A-4'))$$, 'BD001', 'an agent''s import is refused');
SELECT t_audit_refused($$SELECT api.staff_add('t_audit_x', 'X', 'agent')$$, 'BD001', 'an agent''s staff_add is refused');
RESET SESSION AUTHORIZATION;
SELECT t_audit_refused($$SELECT api.staff_disable('t_audit_nobody_here')$$, 'BD003', 'disabling an unknown login is refused');
SELECT is_empty($$SELECT * FROM t_audit_new()$$, 'the refused calls wrote no audit row');

------------------------------------------------------------------------------
-- Staff.
------------------------------------------------------------------------------
SELECT lives_ok($$SELECT api.staff_add('t_audit_ayse', 'Ayşe Yılmaz', 'agent',
    'SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0$c3RvcmVka2V5c3RvcmVka2V5c3RvcmVka2V5MTIzNDU=:c2VydmVya2V5c2VydmVya2V5c2VydmVya2V5MTIzNDU=')$$,
    'staff_add with a password');
SELECT results_eq($$
    SELECT actor, action, entity, entity_id, detail FROM t_audit_new()
$$, $$
    VALUES (session_user::text COLLATE "default", 'staff.add'::text, 'staff'::text,
            (SELECT s.id FROM backdesk.staff s WHERE s.login = 't_audit_ayse'),
            '{"login": "t_audit_ayse", "role": "agent", "password": true}'::jsonb)
$$, 'staff_add wrote one staff.add row: login, role, whether a password was set');
SELECT ok(NOT EXISTS (SELECT FROM t_audit_new() WHERE detail::text LIKE '%SCRAM%'),
    'the password verifier is not copied into the audit log');
CALL t_audit_remark();

SELECT lives_ok($$SELECT api.staff_disable('t_audit_ayse')$$, 'staff_disable');
SELECT results_eq($$
    SELECT actor, action, entity, entity_id, detail FROM t_audit_new()
$$, $$
    VALUES (session_user::text COLLATE "default", 'staff.disable'::text, 'staff'::text,
            (SELECT s.id FROM backdesk.staff s WHERE s.login = 't_audit_ayse'), '{"login": "t_audit_ayse", "sessions_ended": 0}'::jsonb)
$$, 'staff_disable wrote one staff.disable row');
CALL t_audit_remark();

-- An administrator's own login is the actor.
SET SESSION AUTHORIZATION t_audit_admin;
SELECT lives_ok($$SELECT api.staff_add('t_audit_mehmet', 'Mehmet Kaya', 'warehouse')$$,
    'an admin login adds a staff member');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT actor, action, detail ->> 'login' FROM t_audit_new()$$,
    $$VALUES ('t_audit_admin'::text, 'staff.add'::text, 't_audit_mehmet')$$,
    'the admin''s login is the actor of staff.add');

SELECT * FROM finish();
ROLLBACK;
