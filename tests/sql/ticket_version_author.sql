-- api.ticket_version_author (0035): the person behind a ticket's current version,
-- which the ticket screen's "changed while you were typing" banner names, for a
-- reader who may not read the audit log itself.
BEGIN;
SELECT plan(7);

SELECT api.import_order('{"number": "SO-VA-1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "va@example.com", "name": "Sürüm Yazarı"},
    "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
    "lines": [{"sku": "VA-1", "name": "Kalem", "qty": 1, "unit_price": "10.00"}],
    "payment": {"method": "card", "paid": "10.00"}}') \g /dev/null
DO $$ BEGIN
    PERFORM api.staff_add('t_va_ayse', 'Ayşe Sürüm', 'agent');
    PERFORM api.staff_add('t_va_can', 'Can Sürüm', 'agent');
    PERFORM api.staff_add('t_va_depo', 'Depo Sürüm', 'warehouse');
END $$;
CREATE TEMP TABLE t_va (number text);
GRANT SELECT, INSERT ON t_va TO PUBLIC;

SET SESSION AUTHORIZATION t_va_ayse;
INSERT INTO t_va SELECT api.open_ticket((SELECT customer_id FROM backdesk.orders WHERE number = 'SO-VA-1'),
                                        'SO-VA-1', 'email', 'delay', 'normal', 'Nerede?', '');
SELECT results_eq($$SELECT version, login FROM api.ticket_version_author((SELECT number FROM t_va))$$,
    $$VALUES (1, NULL::text)$$, 'a new ticket: version 1, made by no recorded change');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_va_can;
SELECT api.set_ticket_priority((SELECT number FROM t_va), 'high', 1) \g /dev/null
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_va_ayse;
SELECT results_eq($$SELECT version, login, name FROM api.ticket_version_author((SELECT number FROM t_va))$$,
    $$VALUES (2, 't_va_can'::text, 'Can Sürüm'::text)$$,
    'after Can''s change of priority, Ayşe (who may not read the audit log) learns it was Can');
SELECT throws_ok($$SELECT count(*) FROM backdesk.audit_log$$, '42501', NULL,
    'and she still may not read the audit log itself');
SELECT throws_ok($$SELECT * FROM api.ticket_version_author('T-VA-NONE')$$, 'BD003', 'no ticket ''T-VA-NONE''',
    'no such ticket: BD003');
SELECT api.set_ticket_status((SELECT number FROM t_va), 'pending', 2) \g /dev/null
SELECT results_eq($$SELECT version, login FROM api.ticket_version_author((SELECT number FROM t_va))$$,
    $$VALUES (3, 't_va_ayse'::text)$$, 'her own change names her');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_va_depo;
SELECT throws_ok($$SELECT * FROM api.ticket_version_author((SELECT number FROM t_va))$$, 'BD001', NULL,
    'the warehouse, which may not read tickets, is refused');
RESET SESSION AUTHORIZATION;

SELECT is((SELECT count(*) FROM api.ticket_version_author((SELECT number FROM t_va))), 1::bigint,
    'one row for one ticket');

SELECT * FROM finish();
ROLLBACK;
