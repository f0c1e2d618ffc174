-- api.take_next_ticket (0027, issue 12): the most urgent ticket nobody has, to the
-- caller.  Order: priority, then the nearest resolve_due, then the oldest; only
-- unassigned tickets that are new or open; NULL when none is left; new becomes open;
-- one audit row per take.  Who may: agents and admins with an active staff row.
-- (Racing takes: tests/shell/take_next_race.t.)
BEGIN;
SELECT plan(31);

DO $$ BEGIN
    PERFORM api.staff_add('t_tn_ayse', 'Ayşe Kuyruk', 'agent');
    PERFORM api.staff_add('t_tn_emre', 'Emre Kuyruk', 'admin');
    PERFORM api.staff_add('t_tn_sup', 'Zeynep Kuyruk', 'supervisor');
    PERFORM api.staff_add('t_tn_wh', 'Mehmet Kuyruk', 'warehouse');
    PERFORM api.staff_add('t_tn_off', 'Eski Kuyruk', 'agent');
    PERFORM api.staff_disable('t_tn_off');
    -- An agent who is also in the supervisors' group counts as a supervisor.
    PERFORM api.staff_add('t_tn_both', 'İki Kuyruk', 'agent');
END $$;
GRANT backdesk_supervisor TO t_tn_both;
CREATE ROLE t_tn_nostaff LOGIN IN ROLE backdesk_agent;
CREATE ROLE t_tn_shop LOGIN IN ROLE backdesk_shop;

-- What one call as the login did: 'SQLSTATE message (hint)', or the id as text.
CREATE FUNCTION public.t_tn_take() RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v_hint text;
BEGIN
    RETURN coalesce(api.take_next_ticket()::text, 'NULL');
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_hint = PG_EXCEPTION_HINT;
    RETURN SQLSTATE || ' ' || SQLERRM || ' (' || coalesce(v_hint, '') || ')';
END
$$;
GRANT EXECUTE ON FUNCTION public.t_tn_take() TO PUBLIC;
CREATE FUNCTION public.t_tn_subject(p_id text) RETURNS text LANGUAGE sql
AS $$ SELECT subject FROM backdesk.tickets WHERE id::text = p_id $$;
CREATE TEMP TABLE t_tn_took (n serial, login text, got text);
GRANT ALL ON t_tn_took, t_tn_took_n_seq TO PUBLIC;

SELECT is((SELECT count(*) FROM backdesk.tickets), 0::bigint, 'no tickets to begin with');
SET SESSION AUTHORIZATION t_tn_ayse;
SELECT is(t_tn_take(), 'NULL', 'an empty queue: NULL');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.take'), 0::bigint,
    'an empty queue: nothing audited');

-- The queue.  Subjects name the order they should come in; x are never taken.
-- resolve_due is set after the insert, whatever a trigger makes of it on insert.
INSERT INTO backdesk.tickets (channel, category, priority, status, subject, assignee_id,
                              first_response_due, resolve_due)
VALUES ('email', 'other', 'normal', 'new',     '5 normal, due in 1 h',  NULL, now(), now()),
       ('email', 'other', 'urgent', 'new',     '3 urgent, due in 5 h',  NULL, now(), now()),
       ('email', 'other', 'high',   'open',    '4 high, due in 2 h',    NULL, now(), now()),
       ('email', 'other', 'urgent', 'new',     '1 urgent, due in 3 h',  NULL, now(), now()),
       ('email', 'other', 'urgent', 'open',    '2 urgent, due in 3 h, younger', NULL, now(), now()),
       ('email', 'other', 'low',    'new',     '6 low, overdue',        NULL, now(), now()),
       ('email', 'other', 'urgent', 'new',     'x assigned',   (SELECT id FROM backdesk.staff WHERE login = 't_tn_emre'), now(), now()),
       ('email', 'other', 'urgent', 'pending', 'x pending',             NULL, now(), now()),
       ('email', 'other', 'urgent', 'on_hold', 'x on hold',             NULL, now(), now()),
       ('email', 'other', 'urgent', 'solved',  'x solved',              NULL, now(), now()),
       ('email', 'other', 'urgent', 'closed',  'x closed',              NULL, now(), now());
UPDATE backdesk.tickets SET resolve_due = now() + CASE
    WHEN subject LIKE '5 %' THEN interval '1 hour'
    WHEN subject LIKE '3 %' THEN interval '5 hours'
    WHEN subject LIKE '4 %' THEN interval '2 hours'
    WHEN subject LIKE '1 %' OR subject LIKE '2 %' THEN interval '3 hours'
    WHEN subject LIKE '6 %' THEN interval '-1 day'
    ELSE interval '-2 days' END,
    first_response_at = NULL, solved_at = CASE WHEN status IN ('solved', 'closed') THEN now() END;
CREATE TEMP TABLE t_tn_before AS SELECT * FROM backdesk.tickets;

------------------------------------------------------------------------------
-- Refused callers take nothing.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_tn_sup;
SELECT alike(t_tn_take(), 'BD001 taking the next ticket is not allowed for t\_tn\_sup (role: supervisor) (Allowed roles: agent, admin.%',
    'a supervisor is refused (BD001): supervisors only watch');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tn_wh;
SELECT alike(t_tn_take(), 'BD001 % (role: warehouse) %', 'the warehouse is refused (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tn_off;
SELECT alike(t_tn_take(), 'BD001 taking the next ticket is not allowed for t\_tn\_off: the login was disabled on %',
    'a disabled login is refused (BD001), saying so');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tn_both;
SELECT alike(t_tn_take(), 'BD001 % (role: supervisor) %', 'an agent who is also a supervisor is refused as a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tn_nostaff;
SELECT is(t_tn_take(),
    'BD003 t_tn_nostaff has no staff row: a ticket cannot be assigned to this login (An administrator adds the login with `backdesk staff add`.)',
    'an agent login without a staff row: BD003, with what to do');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tn_shop;
SELECT alike(t_tn_take(), '42501 permission denied for function take\_next\_ticket%',
    'the shop may not even call it (42501: it executes import_order only)');
RESET SESSION AUTHORIZATION;
SELECT alike(t_tn_take(), 'BD003 ' || session_user || ' has no staff row%', 'a superuser (an admin) without a staff row: BD003');
SELECT is_empty($$SELECT * FROM backdesk.tickets EXCEPT SELECT * FROM t_tn_before$$,
    'the refused callers changed no ticket');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.take'), 0::bigint,
    'and nothing was audited');

------------------------------------------------------------------------------
-- The order: urgent before high before normal before low, the nearest due first,
-- the oldest of equals first; assigned, pending, on hold, solved, closed never.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_tn_ayse;
INSERT INTO t_tn_took (login, got) VALUES (session_user, t_tn_take()), (session_user, t_tn_take());
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tn_emre;
INSERT INTO t_tn_took (login, got) VALUES (session_user, t_tn_take()), (session_user, t_tn_take());
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tn_ayse;
INSERT INTO t_tn_took (login, got) VALUES (session_user, t_tn_take()), (session_user, t_tn_take()),
                                          (session_user, t_tn_take());
RESET SESSION AUTHORIZATION;

SELECT results_eq($$SELECT coalesce(t_tn_subject(got), got) FROM t_tn_took ORDER BY n$$,
    ARRAY['1 urgent, due in 3 h', '2 urgent, due in 3 h, younger', '3 urgent, due in 5 h',
          '4 high, due in 2 h', '5 normal, due in 1 h', '6 low, overdue', 'NULL'],
    'taken by priority, then the nearest resolve_due, then the oldest; then NULL');
SELECT is((SELECT count(*) FROM backdesk.tickets t JOIN t_tn_before b USING (id)
           WHERE b.subject LIKE 'x %' AND row(t.*) IS DISTINCT FROM row(b.*)), 0::bigint,
    'assigned, pending, on-hold, solved and closed tickets were not touched');

SELECT results_eq($$SELECT t.subject, s.login, t.status FROM t_tn_took k
                    JOIN backdesk.tickets t ON t.id::text = k.got JOIN backdesk.staff s ON s.id = t.assignee_id
                    ORDER BY k.n$$,
    $$VALUES ('1 urgent, due in 3 h', 't_tn_ayse', 'open'), ('2 urgent, due in 3 h, younger', 't_tn_ayse', 'open'),
             ('3 urgent, due in 5 h', 't_tn_emre', 'open'), ('4 high, due in 2 h', 't_tn_emre', 'open'),
             ('5 normal, due in 1 h', 't_tn_ayse', 'open'), ('6 low, overdue', 't_tn_ayse', 'open')$$,
    'each assigned to the caller (an admin too), and open');
SELECT results_eq($$SELECT b.status FROM t_tn_took k JOIN t_tn_before b ON b.id::text = k.got ORDER BY k.n$$,
    ARRAY['new', 'open', 'new', 'open', 'new', 'new'], 'new ones among them (and open ones)');
SELECT is((SELECT count(*) FROM t_tn_took k JOIN backdesk.tickets t ON t.id::text = k.got
           JOIN t_tn_before b ON b.id = t.id
           WHERE t.version = b.version + 1 AND t.updated_at = now()),
    6::bigint, 'each taken ticket''s version went up by one, updated now');
SELECT is((SELECT count(*) FROM t_tn_took k JOIN backdesk.tickets t ON t.id::text = k.got
           JOIN t_tn_before b ON b.id = t.id
           WHERE (t.priority, t.resolve_due, t.subject, t.channel, t.category, t.first_response_at)
                 IS NOT DISTINCT FROM (b.priority, b.resolve_due, b.subject, b.channel, b.category, b.first_response_at)),
    6::bigint, 'and nothing else changed on it');

------------------------------------------------------------------------------
-- The audit: one row per take, by whom, which ticket, from which status.
------------------------------------------------------------------------------
SELECT results_eq($$SELECT a.actor, a.entity, a.entity_id::text, a.detail ->> 'number', a.detail ->> 'from_status',
                           (a.detail ->> 'version')::int
                    FROM backdesk.audit_log a WHERE a.action = 'ticket.take' ORDER BY a.id$$,
    $$SELECT k.login, 'ticket', k.got, t.number, b.status, t.version
      FROM t_tn_took k JOIN backdesk.tickets t ON t.id::text = k.got JOIN t_tn_before b ON b.id = t.id
      ORDER BY k.n$$,
    'one ticket.take audit row per take, actor = the login, with the number, the status it came from and the new version');

------------------------------------------------------------------------------
-- Back in the queue: unassigned again, a ticket is taken again; one that moves to
-- pending is not.
------------------------------------------------------------------------------
UPDATE backdesk.tickets SET assignee_id = NULL WHERE subject LIKE '4 %';
UPDATE backdesk.tickets SET assignee_id = NULL, status = 'pending' WHERE subject LIKE '1 %';
SET SESSION AUTHORIZATION t_tn_ayse;
SELECT is(t_tn_subject(t_tn_take()), '4 high, due in 2 h', 'a ticket unassigned again is taken again');
SELECT is(t_tn_take(), 'NULL', 'one unassigned but pending is not');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT status FROM backdesk.tickets WHERE subject LIKE '4 %'), 'open', 'an open ticket stays open');

------------------------------------------------------------------------------
-- Never one ticket to two callers, never waiting for another's (the race itself:
-- tests/shell/take_next_race.t), read from the index in the queue's order.
------------------------------------------------------------------------------
SELECT ok(pg_get_functiondef('api.take_next_ticket()'::regprocedure) ~ 'FOR UPDATE SKIP LOCKED',
    'the pick locks its ticket FOR UPDATE SKIP LOCKED');
SELECT is((SELECT pg_get_indexdef('backdesk.tickets_queue'::regclass)),
    'CREATE INDEX tickets_queue ON backdesk.tickets USING btree (backdesk.priority_rank(priority), resolve_due, id) WHERE ((assignee_id IS NULL) AND (status = ANY (ARRAY[''new''::text, ''open''::text])))',
    'the queue''s index holds the whole order: priority rank, resolve_due, id');

-- The pick reads the queue's index in its order: no sort of the queue.
UPDATE backdesk.tickets SET assignee_id = NULL, status = 'new' WHERE subject NOT LIKE 'x %';
INSERT INTO backdesk.tickets (channel, category, priority, status, subject, first_response_due, resolve_due)
SELECT 'web', 'other', 'normal', 'new', 'many ' || i, now(), now() FROM generate_series(1, 3000) i;
UPDATE backdesk.tickets SET resolve_due = now() + interval '1 day' WHERE subject LIKE 'many %';
ANALYZE backdesk.tickets;
CREATE FUNCTION public.t_tn_plan() RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXPLAIN (COSTS OFF)
        SELECT t.id, t.status FROM backdesk.tickets t
        WHERE t.assignee_id IS NULL AND t.status IN ('new', 'open')
        ORDER BY backdesk.priority_rank(t.priority), t.resolve_due, t.id
        LIMIT 1 FOR UPDATE SKIP LOCKED;
END $$;
SELECT ok((SELECT string_agg(p, E'\n') FROM t_tn_plan() p) ~ 'Index Scan using tickets_queue'
          AND (SELECT string_agg(p, E'\n') FROM t_tn_plan() p) !~ 'Sort',
    'the pick is an index scan of tickets_queue, without a sort');
SET SESSION AUTHORIZATION t_tn_ayse;
SELECT is(t_tn_subject(t_tn_take()), '1 urgent, due in 3 h', 'with 3,000 more in the queue, the most urgent is taken');
RESET SESSION AUTHORIZATION;

-- The "Who:" of the comment and the refusals the schema test reads.
SELECT alike(obj_description('api.take_next_ticket()'::regprocedure, 'pg_proc'), E'%\nWho: agent, admin.\n%',
    'the comment says who may call it');
SELECT alike(obj_description('api.take_next_ticket()'::regprocedure, 'pg_proc'), E'%\nRefuses: BD001 %BD003 %',
    'and what it refuses');
SELECT is((SELECT prosecdef FROM pg_proc WHERE oid = 'api.take_next_ticket()'::regprocedure), true, 'SECURITY DEFINER');
SELECT is((SELECT proconfig FROM pg_proc WHERE oid = 'api.take_next_ticket()'::regprocedure),
    ARRAY['search_path=pg_catalog, backdesk, pg_temp'], 'search_path pinned, pg_temp last');
SELECT ok(has_function_privilege('backdesk_agent', 'api.take_next_ticket()', 'EXECUTE')
          AND has_function_privilege('backdesk_supervisor', 'api.take_next_ticket()', 'EXECUTE')
          AND NOT has_function_privilege('backdesk_shop', 'api.take_next_ticket()', 'EXECUTE')
          AND NOT has_function_privilege('public', 'api.take_next_ticket()', 'EXECUTE'),
    'the staff groups may execute it (it refuses by role itself), the shop and PUBLIC may not');

SELECT * FROM finish();
ROLLBACK;
