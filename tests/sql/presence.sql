-- Presence on a ticket (0031, issue 12): api.ticket_presence says who is viewing or
-- typing on a ticket through NOTIFY backdesk_presence, and nothing else: no table
-- written, no audit row.  pgTAP cannot read a NOTIFY (it arrives after the commit,
-- at the client); tests/shell/presence_notify.t listens for the real thing.  Here:
-- who may call it, what it refuses, and that it leaves the database as it was.
BEGIN;
SELECT plan(16);

DO $$ BEGIN
    PERFORM api.staff_add('t_pr_agent', 'Ayşe Görünür', 'agent');
    PERFORM api.staff_add('t_pr_wh', 'Mehmet Depo', 'warehouse');
    PERFORM api.staff_add('t_pr_sup', 'Zeynep Bakar', 'supervisor');
    PERFORM api.staff_add('t_pr_off', 'Eski Ajan', 'agent');
    PERFORM api.staff_disable('t_pr_off');
END $$;
CREATE ROLE t_pr_shop LOGIN IN ROLE backdesk_shop;

INSERT INTO backdesk.tickets (id, number, channel, category, subject, first_response_due, resolve_due)
VALUES (-31, 'T-PR-1', 'phone', 'delay', 'Gecikme', now(), now() + interval '1 day');

SELECT is(pg_get_function_result('api.ticket_presence(text, text)'::regprocedure), 'void',
    'api.ticket_presence(ticket, state) → void');
SELECT is(pg_get_function_arguments('api.ticket_presence(text, text)'::regprocedure), 'ticket text, state text',
    'its arguments are called ticket and state');
SELECT ok((SELECT prosecdef AND NOT proisstrict FROM pg_proc WHERE oid = 'api.ticket_presence(text, text)'::regprocedure),
    'SECURITY DEFINER, and not STRICT (a NULL state is refused, not ignored)');
SELECT ok(pg_get_functiondef('api.ticket_presence(text, text)'::regprocedure) ~ 'json_build_object',
    'the payload is JSON built by the server');

-- What it leaves behind: nothing.
CREATE TEMP TABLE t_pr_before AS
SELECT (SELECT count(*) FROM backdesk.audit_log) AS audits,
       (SELECT version FROM backdesk.tickets WHERE id = -31) AS version,
       (SELECT updated_at FROM backdesk.tickets WHERE id = -31) AS updated_at;
GRANT SELECT ON t_pr_before TO PUBLIC;

SET SESSION AUTHORIZATION t_pr_agent;
SELECT lives_ok($$SELECT api.ticket_presence('T-PR-1', 'viewing')$$, 'an agent says they are viewing');
SELECT lives_ok($$SELECT api.ticket_presence(' T-PR-1 ', 'typing')$$,
    'an agent says they are typing (the number as typed, spaces around it)');
SELECT lives_ok($$SELECT api.ticket_presence('T-PR-1', 'left')$$, 'an agent says they left');
SELECT refused($$SELECT api.ticket_presence('T-PR-1', 'sleeping')$$, 'BD005',
    'presence state must be viewing, typing or left, got ''sleeping''', 'a state that is not one is refused (BD005)',
    '%viewing while%');
SELECT refused($$SELECT api.ticket_presence('T-PR-1', NULL)$$, 'BD005', 'presence state must be %',
    'a NULL state is refused (BD005)');
SELECT refused($$SELECT api.ticket_presence('T-PR-NONE', 'viewing')$$, 'BD003', 'no ticket ''T-PR-NONE''',
    'an unknown ticket is refused (BD003)', 'Check the ticket number%');
RESET SESSION AUTHORIZATION;

SELECT is((SELECT count(*) FROM backdesk.audit_log), (SELECT audits FROM t_pr_before),
    'presence writes no audit row');
SELECT is((SELECT (version, updated_at)::text FROM backdesk.tickets WHERE id = -31),
          (SELECT (version, updated_at)::text FROM t_pr_before),
    'presence does not change the ticket (version and updated_at as they were)');

SET SESSION AUTHORIZATION t_pr_sup;
SELECT lives_ok($$SELECT api.ticket_presence('T-PR-1', 'viewing')$$, 'a supervisor may say they are viewing');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_pr_wh;
SELECT refused($$SELECT api.ticket_presence('T-PR-1', 'viewing')$$, 'BD001', '%', 'the warehouse is refused (BD001)');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_pr_off;
SELECT refused($$SELECT api.ticket_presence('T-PR-1', 'viewing')$$, 'BD001', '%', 'a disabled agent is refused (BD001)');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_pr_shop;
SELECT refused($$SELECT api.ticket_presence('T-PR-1', 'viewing')$$, '42501', '%',
    'the shop may not even call it (42501)');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
