-- export: api.export_* (0044).  The range is the shop's days, inclusive, at the shop's
-- midnight; since after until is BD005; each call is one audit row naming the range;
-- only supervisors and admins; times are shop time; the columns hold no e-mail,
-- phone or payment reference; and the streamed form (a select-list call, how
-- db/export.c asks) gives the same rows as SELECT * FROM.
BEGIN;
SELECT plan(14);

DO $$ BEGIN
    PERFORM api.staff_add('t_ex_sup', 'Zeynep Aktarım', 'supervisor');
    PERFORM api.staff_add('t_ex_agent', 'Ayşe Aktarım', 'agent');
END $$;
INSERT INTO backdesk.customers (name, email, phone) VALUES ('Şükrü Aktarım', 'sukru@ex.example', '+90 532 000 00 01');
INSERT INTO backdesk.tickets (channel, category, subject, customer_id, first_response_due, resolve_due, created_at)
SELECT 'email', 'other', v.subject, (SELECT id FROM backdesk.customers WHERE email = 'sukru@ex.example'),
       now() + interval '1 day', now() + interval '2 days', v.at
FROM (VALUES ('before', timestamptz '2026-10-31 23:59:59+03'), ('first', '2026-11-01 00:00:00+03'),
             ('last', '2026-11-02 23:59:59+03'), ('after', '2026-11-03 00:00:00+03')) v(subject, at);

SET SESSION AUTHORIZATION t_ex_sup;
SELECT results_eq($$SELECT subject, created FROM api.export_tickets('2026-11-01', '2026-11-02') WHERE customer = 'Şükrü Aktarım'$$,
    $$VALUES ('first', '2026-11-01 00:00'), ('last', '2026-11-02 23:59')$$,
    'the shop''s days, inclusive, from the shop''s midnight to the next; times in shop time');
SELECT is((SELECT count(*) FROM api.export_tickets('2026-11-02', NULL) WHERE customer = 'Şükrü Aktarım'), 2::bigint,
    'since alone: open-ended after');
SELECT is((SELECT count(*) FROM api.export_tickets(NULL, '2026-10-31') WHERE customer = 'Şükrü Aktarım'), 1::bigint,
    'until alone: open-ended before');
SELECT is((SELECT count(*) FROM api.export_tickets('2026-11-02', '2026-11-02') WHERE customer = 'Şükrü Aktarım'), 1::bigint,
    'one day: since = until');
SELECT throws_ok($$SELECT * FROM api.export_orders('2026-11-02', '2026-11-01')$$, 'BD005',
    'the export''s first day (since 2026-11-02) is after its last (until 2026-11-01)', 'since after until: BD005');
SELECT results_eq($$SELECT (e).* FROM (SELECT api.export_tickets('2026-11-01', NULL) AS e OFFSET 0) s$$,
    $$SELECT * FROM api.export_tickets('2026-11-01', NULL)$$, 'streamed, the same rows in the same order');
RESET SESSION AUTHORIZATION;

SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE actor = 't_ex_sup' AND action = 'export.tickets'), 6::bigint,
    'one audit row per call, as the supervisor');
SELECT is((SELECT detail FROM backdesk.audit_log WHERE actor = 't_ex_sup' AND action = 'export.tickets' ORDER BY id LIMIT 1),
    '{"since": "2026-11-01", "until": "2026-11-02"}'::jsonb, 'the audit row names the range');

SET SESSION AUTHORIZATION t_ex_agent;
SELECT throws_ok($$SELECT * FROM api.export_tickets(NULL, NULL)$$, 'BD001', NULL, 'an agent is refused (BD001)');
SELECT throws_ok($$SELECT (e).* FROM (SELECT api.export_refunds(NULL, NULL) AS e OFFSET 0) s LIMIT 1$$, 'BD001', NULL,
    'also streamed: the role check comes before any row');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE actor = 't_ex_agent'), 0::bigint, 'a refusal writes no audit row');

-- What leaves in a file: no contact or payment details, whatever the column is called.
SELECT is_empty($$
    SELECT p.proname, a.n FROM pg_proc p JOIN pg_namespace ns ON ns.oid = p.pronamespace,
           unnest(p.proargnames) a(n)
    WHERE ns.nspname = 'api' AND p.proname LIKE 'export\_%' AND a.n ~ '(mail|phone|reference|line1|postcode|password)'
$$, 'no export has an e-mail, phone, payment reference or address line column');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_namespace ns ON ns.oid = p.pronamespace
           WHERE ns.nspname = 'api' AND p.proname LIKE 'export\_%' AND p.prosecdef AND p.prolang =
                 (SELECT oid FROM pg_language WHERE lanname = 'sql')), 5::bigint,
    'five exports, SQL functions (streamed a row per call), SECURITY DEFINER');
SELECT is((SELECT count(*) FROM pg_class WHERE relnamespace = 'backdesk'::regnamespace
           AND relname IN ('tickets_created', 'returns_requested', 'refunds_created_id', 'shipments_shipped')),
    4::bigint, 'the range indexes exist');

SELECT * FROM finish();
ROLLBACK;
