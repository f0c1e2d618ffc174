-- The Tickets pane's views (0034): tickets.sla_next_due is 0029's
-- backdesk.ticket_sla_next_due in every state, and each view's first page reads its
-- own partial index in the order the pane shows, soonest due first.
BEGIN;
SELECT plan(15);

SELECT api.import_order('{"number": "SO-TQ-1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "tq@example.com", "name": "Kuyruk Müşteri", "phone": "+90 532 000 00 91"},
    "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
    "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
    "payment": {"method": "card", "paid": "149.90"}}') \g /dev/null

-- Tickets in each state the clock knows.
INSERT INTO backdesk.tickets (number, channel, category, status, subject, customer_id,
                              first_response_due, resolve_due, first_response_at, solved_at)
SELECT v.number, 'email', 'delay', v.status, 'Kuyruk ' || v.number,
       (SELECT customer_id FROM backdesk.orders WHERE number = 'SO-TQ-1'),
       now() + v.fr, now() + v.rd, CASE WHEN v.answered THEN now() END,
       CASE WHEN v.status IN ('solved', 'closed') THEN now() END
FROM (VALUES ('T-TQ-NEW', 'new', interval '30 minutes', interval '1 day', false),
             ('T-TQ-ANSWERED', 'open', interval '30 minutes', interval '2 days', true),
             ('T-TQ-LATE', 'open', interval '-2 hours', interval '1 day', false),
             ('T-TQ-PENDING', 'pending', interval '1 hour', interval '3 days', true),
             ('T-TQ-SOLVED', 'solved', interval '1 hour', interval '1 day', true),
             ('T-TQ-CLOSED', 'closed', interval '1 hour', interval '1 day', true))
     v(number, status, fr, rd, answered);
-- The insert took its due dates from the SLA policy (0029); these are the clocks
-- this test needs.
UPDATE backdesk.tickets t
SET first_response_due = now() + v.fr, resolve_due = now() + v.rd
FROM (VALUES ('T-TQ-NEW', interval '30 minutes', interval '1 day'),
             ('T-TQ-ANSWERED', interval '30 minutes', interval '2 days'),
             ('T-TQ-LATE', interval '-2 hours', interval '1 day'),
             ('T-TQ-PENDING', interval '1 hour', interval '3 days')) v(number, fr, rd)
WHERE t.number = v.number;

SELECT is_empty($$
    SELECT number FROM backdesk.tickets t
    WHERE number LIKE 'T-TQ-%' AND t.sla_next_due IS DISTINCT FROM backdesk.ticket_sla_next_due(t)
$$, 'sla_next_due is ticket_sla_next_due for a new, answered, late, pending, solved and closed ticket');
SELECT is((SELECT sla_next_due = first_response_due FROM backdesk.tickets WHERE number = 'T-TQ-NEW'), true,
    'unanswered: the first response''s due time');
SELECT is((SELECT sla_next_due = resolve_due FROM backdesk.tickets WHERE number = 'T-TQ-ANSWERED'), true,
    'answered: the resolution''s');
SELECT is((SELECT sla_next_due FROM backdesk.tickets WHERE number = 'T-TQ-SOLVED'), NULL,
    'resolved: no clock');

-- Answering moves it: the column is kept by the row itself.
UPDATE backdesk.tickets SET first_response_at = now() WHERE number = 'T-TQ-NEW';
SELECT is((SELECT sla_next_due = resolve_due FROM backdesk.tickets WHERE number = 'T-TQ-NEW'), true,
    'once answered, the next due is the resolution''s');

-- The plans, with the tiny table made to look big so that the planner picks indexes
-- as it does at a million tickets.
SET LOCAL enable_seqscan = off;
SET LOCAL enable_bitmapscan = off;
CREATE FUNCTION pg_temp.plan_of(p_sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || p_sql LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END
$$;
SELECT matches(pg_temp.plan_of(format($$SELECT id FROM backdesk.tickets t WHERE backdesk.ticket_is_open(t.status)
    AND %s ORDER BY t.sla_next_due, t.id LIMIT 20$$, v.cond)),
    '\m' || v.idx || '\M', format('the %s view reads %s', v.view, v.idx))
FROM (VALUES ('open', 'true', 'tickets_open_due'),
             ('unassigned', 't.assignee_id IS NULL', 'tickets_open_unassigned_due'),
             ('unanswered', $$t.last_message_kind = 'customer'$$, 'tickets_open_unanswered_due'),
             ('waiting', $$t.status = 'pending'$$, 'tickets_open_status_due'),
             -- 0048's index is exactly these two views' rows (open, not pending).
             ('due soon', $$t.status <> 'pending' AND t.sla_next_due >= now() AND t.sla_next_due < now() + interval '1 hour'$$,
              'tickets_breachable_due'),
             ('breached', $$t.status <> 'pending' AND t.sla_next_due < now()$$, 'tickets_breachable_due')) v(view, cond, idx);
SELECT matches(pg_temp.plan_of(format($$SELECT id FROM backdesk.tickets t WHERE backdesk.ticket_is_open(t.status)
    AND %s ORDER BY t.sla_next_due, t.id LIMIT 20$$, v.cond)),
    '\m' || v.idx || '\M', format('the %s view reads %s', v.view, v.idx))
FROM (VALUES ('mine', 't.assignee_id = 1', 'tickets_open_assignee_due'),
             ('category', $$t.category = 'delay'$$, 'tickets_open_category_due'),
             ('channel', $$t.channel = 'email'$$, 'tickets_open_channel_due')) v(view, cond, idx);

-- The order the pane shows: soonest due first, the late one at the top.
SELECT results_eq($$SELECT number FROM backdesk.tickets t
                    WHERE number LIKE 'T-TQ-%' AND backdesk.ticket_is_open(t.status)
                    ORDER BY t.sla_next_due, t.id$$,
    ARRAY['T-TQ-LATE', 'T-TQ-NEW', 'T-TQ-ANSWERED', 'T-TQ-PENDING'],
    'open tickets soonest due first: a missed first answer before a resolution due in days');

SELECT * FROM finish();
ROLLBACK;
