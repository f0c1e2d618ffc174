-- A ticket's life (0028, issue 12): every status move allowed and refused, versions
-- (BD004 naming who), priority, category, assignment, messages and the reply's
-- outbox row, a customer writing again, merge, links, time spent, auto-close,
-- settings and auto-assignment to the least-loaded agent on shift.
BEGIN;
SELECT plan(88);

CREATE TEMP TABLE t_tl_ids (what text PRIMARY KEY, v text);
GRANT ALL ON t_tl_ids TO PUBLIC;

CREATE FUNCTION public.t_tl_doc(p_number text, p_email text, p_locale text) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number,
    'customer', jsonb_build_object('email', p_email, 'name', 'Yaşam Deneme', 'locale', p_locale))
    || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
         "lines": [{"sku": "TL-1", "name": "Kalem", "qty": 1, "unit_price": "10.00", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": true,
         "payment": {"method": "card", "paid": "10.00"}, "ship_by": "2026-11-22"}'::jsonb;
CREATE FUNCTION public.t_tl_cust(p_email text) RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.customers WHERE email = p_email $$;
-- A new ticket of the customer, as whoever calls (agent or admin).
CREATE FUNCTION public.t_tl_open(p_email text, p_subject text) RETURNS text LANGUAGE sql
AS $$ SELECT api.open_ticket(t_tl_cust(p_email), NULL, 'email', 'other', 'normal', p_subject, '', true) $$;
CREATE FUNCTION public.t_tl(p_number text) RETURNS backdesk.tickets LANGUAGE sql
AS $$ SELECT * FROM backdesk.tickets WHERE number = p_number $$;
CREATE FUNCTION public.t_tl_id(p_what text) RETURNS text LANGUAGE sql
AS $$ SELECT v FROM t_tl_ids WHERE what = p_what $$;
-- What api.set_ticket_status does to a ticket put in status p_from: 'ok' or the SQLSTATE.
CREATE FUNCTION public.t_tl_move(p_from text, p_to text) RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v_number text := t_tl_open('tl-a@example.com', format('%s to %s', p_from, p_to));
BEGIN
    UPDATE backdesk.tickets SET status = p_from, solved_at = CASE WHEN p_from IN ('solved', 'closed') THEN now() END
    WHERE number = v_number;
    PERFORM api.set_ticket_status(v_number, p_to);
    RETURN CASE WHEN (t_tl(v_number)).status = p_to THEN 'ok' ELSE 'not moved' END;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;

DO $$ BEGIN
    PERFORM api.staff_add('t_tl_ayse', 'Ayşe Yılmaz', 'agent');
    PERFORM api.staff_add('t_tl_deniz', 'Deniz Kaya', 'agent');
    PERFORM api.staff_add('t_tl_can', 'Can Öz', 'agent');
    PERFORM api.staff_add('t_tl_zeynep', 'Zeynep Şahin', 'supervisor');
    PERFORM api.staff_add('t_tl_mehmet', 'Mehmet Depo', 'warehouse');
END $$;
SELECT api.import_order(t_tl_doc('SO-TL-1', 'tl-a@example.com', 'tr')) \g /dev/null
SELECT api.import_order(t_tl_doc('SO-TL-2', 'tl-a@example.com', 'tr')) \g /dev/null
SELECT api.import_order(t_tl_doc('SO-TL-B', 'tl-b@example.com', 'hu')) \g /dev/null
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no)
SELECT id, 'yurtici', 'TLTRACK0001' FROM backdesk.orders WHERE number = 'SO-TL-1';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no)
SELECT id, 'yurtici', 'TLTRACK000B' FROM backdesk.orders WHERE number = 'SO-TL-B';

------------------------------------------------------------------------------
-- Every move, allowed and refused.
------------------------------------------------------------------------------
SELECT results_eq($$
    SELECT f.s, t.s, t_tl_move(f.s, t.s)
    FROM unnest(ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'closed']) WITH ORDINALITY f(s, i),
         unnest(ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'closed']) WITH ORDINALITY t(s, j)
    WHERE f.s <> t.s ORDER BY f.i, t.j
$$, $$
    SELECT f, t, CASE WHEN (f, t) IN (('new', 'open'), ('new', 'pending'), ('new', 'solved'),
                                      ('open', 'pending'), ('open', 'on_hold'), ('open', 'solved'),
                                      ('pending', 'open'), ('pending', 'solved'),
                                      ('on_hold', 'open'), ('on_hold', 'solved'),
                                      ('solved', 'open'), ('solved', 'closed')) THEN 'ok' ELSE 'BD002' END
    FROM unnest(ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'closed']) WITH ORDINALITY a(f, i),
         unnest(ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'closed']) WITH ORDINALITY b(t, j)
    WHERE f <> t ORDER BY i, j
$$, 'set_ticket_status: the 12 moves of the lifecycle are made, the other 18 refused with BD002');
SELECT is((SELECT count(*) FROM unnest(ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'closed']) f,
                               unnest(ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'closed']) t
           WHERE backdesk.ticket_transition_ok(f, t)), 12::bigint,
    'ticket_transition_ok allows exactly 12 moves (the rule the test above checked through the api)');

INSERT INTO t_tl_ids SELECT 'closed', t_tl_open('tl-a@example.com', 'Kapalı');
UPDATE backdesk.tickets SET status = 'closed' WHERE number = t_tl_id('closed');
SELECT refused(format($$SELECT api.set_ticket_status(%L, 'open')$$, t_tl_id('closed')), 'BD002',
    'ticket T-% cannot go from closed to open',
    'a refused move names both statuses', 'A closed ticket stays closed%');
INSERT INTO t_tl_ids SELECT 'life', t_tl_open('tl-a@example.com', 'Yaşam');
SELECT refused(format($$SELECT api.set_ticket_status(%L, 'closed')$$, t_tl_id('life')), 'BD002',
    'ticket T-% cannot go from new to closed', 'new to closed is refused', 'Resolve the ticket first%');
SELECT refused(format($$SELECT api.set_ticket_status(%L, 'gone')$$, t_tl_id('life')), 'BD005',
    'status ''gone'' is not valid', 'an unknown status is invalid input (BD005)');
SELECT refused($$SELECT api.set_ticket_status('T-999999999', 'open')$$, 'BD003', 'no ticket %',
    'an unknown ticket is BD003');

SET SESSION AUTHORIZATION t_tl_ayse;
SELECT is(api.set_ticket_status(t_tl_id('life'), 'solved', 1), 2, 'agent: new to solved returns the new version');
RESET SESSION AUTHORIZATION;
SELECT isnt((t_tl(t_tl_id('life'))).solved_at, NULL, 'solving sets solved_at');
SELECT is((SELECT detail FROM backdesk.audit_log WHERE action = 'ticket.status' AND entity_id = (t_tl(t_tl_id('life'))).id),
    jsonb_build_object('number', t_tl_id('life'), 'from', 'new', 'to', 'solved', 'version', 2),
    'the move is audited with both statuses and the new version');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT is(api.set_ticket_status(t_tl_id('life'), 'solved', 2), 2, 'the same status again changes nothing');
SELECT is(api.set_ticket_status(t_tl_id('life'), 'open', 2), 3, 'solved to open: reopened');
RESET SESSION AUTHORIZATION;
SELECT is((t_tl(t_tl_id('life'))).solved_at, NULL, 'reopening clears solved_at');

------------------------------------------------------------------------------
-- Versions: BD004 names who changed the ticket.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_tl_deniz;
SELECT is(api.set_ticket_priority(t_tl_id('life'), 'high', 3), 4, 'set_ticket_priority returns the new version');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT refused(format($$SELECT api.set_ticket_status(%L, 'pending', 3)$$, t_tl_id('life')), 'BD004',
    'ticket T-% was changed by Deniz Kaya at %', 'a stale version is refused naming who changed the ticket',
    'Reload the ticket%');
SELECT refused(format($$SELECT api.set_ticket_category(%L, 'delay', 3)$$, t_tl_id('life')), 'BD004',
    'ticket T-% was changed by Deniz Kaya at %', 'set_ticket_category checks the version too');
SELECT is(api.set_ticket_category(t_tl_id('life'), 'delay', 4), 5, 'set_ticket_category at the right version');
SELECT refused(format($$SELECT api.set_ticket_priority(%L, 'asap')$$, t_tl_id('life')), 'BD005',
    'priority ''asap'' is not valid', 'an unknown priority is BD005');
SELECT refused(format($$SELECT api.set_ticket_priority(%L, 'low')$$, t_tl_id('closed')), 'BD002',
    'ticket T-% is closed; changing its priority is not possible', 'a closed ticket keeps its priority');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT priority, category, version FROM backdesk.tickets WHERE number = %L$$, t_tl_id('life')),
    $$VALUES ('high'::text, 'delay'::text, 5)$$, 'priority and category are set');

------------------------------------------------------------------------------
-- Assignment: supervisors and admins; agents take tickets instead.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_tl_zeynep;
SELECT is(api.assign_ticket(t_tl_id('life'), 't_tl_deniz', 5), 6, 'supervisor assigns a ticket to an agent');
SELECT refused(format($$SELECT api.assign_ticket(%L, 't_tl_mehmet')$$, t_tl_id('life')), 'BD005',
    'Mehmet Depo (t_tl_mehmet) is warehouse and cannot work on tickets', 'a warehouse login cannot be assigned');
SELECT refused(format($$SELECT api.assign_ticket(%L, 't_tl_nobody')$$, t_tl_id('life')), 'BD003',
    'no staff member with login %', 'an unknown login is BD003');
SELECT refused(format($$SELECT api.set_ticket_status(%L, 'pending')$$, t_tl_id('life')), 'BD001', '%not allowed%',
    'a supervisor may not change a ticket''s status (BD001)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT s.login FROM backdesk.staff s WHERE s.id = (t_tl(t_tl_id('life'))).assignee_id), 't_tl_deniz'::text,
    'the ticket is Deniz''s');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT refused(format($$SELECT api.assign_ticket(%L, 't_tl_ayse')$$, t_tl_id('life')), 'BD001', '%not allowed%',
    'an agent may not assign (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tl_zeynep;
SELECT is(api.assign_ticket(t_tl_id('life'), NULL, 6), 7, 'NULL unassigns');
RESET SESSION AUTHORIZATION;
SELECT is((t_tl(t_tl_id('life'))).assignee_id, NULL, 'the ticket is nobody''s');
SET SESSION AUTHORIZATION t_tl_mehmet;
SELECT refused(format($$SELECT api.add_ticket_message(%L, 'note', 'x')$$, t_tl_id('life')), 'BD001', '%not allowed%',
    'the warehouse may not write on tickets');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Messages: note, reply (outbox, customer's language), call.
------------------------------------------------------------------------------
INSERT INTO t_tl_ids SELECT 'msg', t_tl_open('tl-a@example.com', 'Kargom nerede');
SET SESSION AUTHORIZATION t_tl_ayse;
INSERT INTO t_tl_ids SELECT 'note1', api.add_ticket_message(t_tl_id('msg'), 'note', 'Depoya sordum', 1);
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, version, first_response_at IS NULL FROM backdesk.tickets WHERE number = %L$$, t_tl_id('msg')),
    $$VALUES ('new'::text, 2, true)$$, 'a note bumps the version, answers nothing and leaves a new ticket new');
SELECT is((SELECT author FROM backdesk.ticket_messages WHERE id = t_tl_id('note1')::bigint), 't_tl_ayse',
    'the note is the agent''s');
SET SESSION AUTHORIZATION t_tl_ayse;
INSERT INTO t_tl_ids SELECT 'reply1', api.add_ticket_message(t_tl_id('msg'), 'reply', 'Kargonuz yolda.', 2);
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, version, first_response_at IS NOT NULL, last_message_kind FROM backdesk.tickets WHERE number = %L$$, t_tl_id('msg')),
    $$VALUES ('open'::text, 3, true, 'reply'::text)$$,
    'a reply opens a new ticket, sets first_response_at and is the last message');
SELECT results_eq(format($$SELECT kind, channel, recipient, lang, vars - 'customer_name', created_by FROM backdesk.outbox WHERE ticket_id = %s$$,
                         (t_tl(t_tl_id('msg'))).id),
    format($$VALUES ('reply'::text, 'email'::text, 'tl-a@example.com'::text, 'tr'::text,
                     jsonb_build_object('ticket_number', %L, 'ticket_subject', 'Kargom nerede', 'body', 'Kargonuz yolda.'),
                     't_tl_ayse'::text)$$, t_tl_id('msg')),
    'the reply is queued in the outbox to the customer, in Turkish, the agent''s text in the reply file''s frame (0049)');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT lives_ok(format($$SELECT api.add_ticket_message(%L, 'note', 'iç not')$$, t_tl_id('msg')), 'another note');
RESET SESSION AUTHORIZATION;
SELECT is((t_tl(t_tl_id('msg'))).last_message_kind, 'reply', 'a note is not what the customer last saw');
INSERT INTO t_tl_ids SELECT 'hu', t_tl_open('tl-b@example.com', 'Hol a csomagom');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT lives_ok(format($$SELECT api.add_ticket_message(%L, 'reply', 'Úton van.')$$, t_tl_id('hu')), 'a reply to a Hungarian customer');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT lang || ' ' || (vars ->> 'ticket_number') || ': ' || (vars ->> 'ticket_subject')
           FROM backdesk.outbox WHERE ticket_id = (t_tl(t_tl_id('hu'))).id),
    format('hu %s: Hol a csomagom', t_tl_id('hu')), 'in Hungarian');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT refused(format($$SELECT api.add_ticket_message(%L, 'call', 'aradım')$$, t_tl_id('msg')), 'BD005',
    'call_seconds must be between 0 and 86400, got nothing', 'a call needs call_seconds');
SELECT refused(format($$SELECT api.add_ticket_message(%L, 'note', 'x', call_seconds => 5)$$, t_tl_id('msg')), 'BD005',
    'call_seconds is only for a call, not a note', 'call_seconds on a note is refused');
SELECT lives_ok(format($$SELECT api.add_ticket_message(%L, 'call', 'aradım', call_seconds => 95)$$, t_tl_id('msg')),
    'a call with its seconds');
SELECT refused(format($$SELECT api.add_ticket_message(%L, 'system', 'x')$$, t_tl_id('msg')), 'BD005',
    'kind ''system'' is not valid', 'only note, reply and call are written through the api');
SELECT refused(format($$SELECT api.add_ticket_message(%L, 'reply', 'x')$$, t_tl_id('closed')), 'BD002',
    'ticket T-% is closed; replying is not possible', 'no reply on a closed ticket');
SELECT refused(format($$SELECT api.add_ticket_message(%L, 'note', '  ')$$, t_tl_id('msg')), 'BD005',
    'message is missing', 'an empty message is refused');
SELECT refused(format($$SELECT api.add_ticket_message(%L, 'note', 'x', 1)$$, t_tl_id('msg')), 'BD004',
    'ticket T-% was changed by Ayşe Yılmaz at %', 'a message at a stale version is refused');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT call_seconds FROM backdesk.ticket_messages WHERE ticket_id = (t_tl(t_tl_id('msg'))).id AND kind = 'call'),
    95, 'the call keeps its seconds');

------------------------------------------------------------------------------
-- A customer writing again reopens, whoever inserts the message.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT api.set_ticket_status(t_tl_id('msg'), 'pending') \g /dev/null
RESET SESSION AUTHORIZATION;
INSERT INTO backdesk.ticket_messages (ticket_id, kind, author, body)
VALUES ((t_tl(t_tl_id('msg'))).id, 'customer', 'Yaşam Deneme', 'Hâlâ gelmedi');
SELECT results_eq(format($$SELECT status, last_message_kind FROM backdesk.tickets WHERE number = %L$$, t_tl_id('msg')),
    $$VALUES ('open'::text, 'customer'::text)$$, 'a customer message reopens a pending ticket and is unanswered');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.reopen' AND entity_id = (t_tl(t_tl_id('msg'))).id),
    1::bigint, 'the reopening is audited');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT api.set_ticket_status(t_tl_id('msg'), 'solved') \g /dev/null
RESET SESSION AUTHORIZATION;
INSERT INTO backdesk.ticket_messages (ticket_id, kind, author, body)
VALUES ((t_tl(t_tl_id('msg'))).id, 'customer', 'Yaşam Deneme', 'Yine ben');
SELECT results_eq(format($$SELECT status, solved_at IS NULL FROM backdesk.tickets WHERE number = %L$$, t_tl_id('msg')),
    $$VALUES ('open'::text, true)$$, 'a customer message reopens a solved ticket');
INSERT INTO backdesk.ticket_messages (ticket_id, kind, author, body)
VALUES ((t_tl(t_tl_id('closed'))).id, 'customer', 'Yaşam Deneme', 'Merhaba?');
SELECT is((t_tl(t_tl_id('closed'))).status, 'closed', 'a closed ticket stays closed');
-- History loaded in bulk: a message older than the ticket's last status change.
INSERT INTO t_tl_ids SELECT 'history', t_tl_open('tl-a@example.com', 'Eski');
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() WHERE number = t_tl_id('history');
INSERT INTO backdesk.ticket_messages (ticket_id, kind, author, body, created_at)
VALUES ((t_tl(t_tl_id('history'))).id, 'customer', 'Yaşam Deneme', 'Eski mesaj', now() - interval '2 days');
SELECT results_eq(format($$SELECT status, last_message_kind FROM backdesk.tickets WHERE number = %L$$, t_tl_id('history')),
    $$VALUES ('solved'::text, 'customer'::text)$$,
    'a message written before the ticket was solved (a history loaded in bulk) does not reopen it');

------------------------------------------------------------------------------
-- Merge.
------------------------------------------------------------------------------
INSERT INTO t_tl_ids SELECT 'dup', t_tl_open('tl-a@example.com', 'Aynı şey');
INSERT INTO t_tl_ids SELECT 'surv', t_tl_open('tl-a@example.com', 'Aynı şey, ilk');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT api.add_ticket_message(t_tl_id('dup'), 'note', 'kopya notu') \g /dev/null
SELECT api.add_ticket_time(t_tl_id('dup'), 120) \g /dev/null
SELECT api.link_ticket(t_tl_id('dup'), 'SO-TL-2', NULL, NULL) \g /dev/null
SELECT refused(format($$SELECT api.merge_ticket(%L, %L)$$, t_tl_id('dup'), lower(t_tl_id('dup'))), 'BD005',
    'ticket T-% cannot be merged into itself', 'a ticket is not merged into itself');
SELECT refused(format($$SELECT api.merge_ticket(%L, %L)$$, t_tl_id('dup'), t_tl_id('closed')), 'BD002',
    'ticket T-% is closed; nothing can be merged into it', 'nothing is merged into a closed ticket');
SELECT refused(format($$SELECT api.merge_ticket(%L, %L)$$, t_tl_id('dup'), t_tl_id('hu')), 'BD005',
    'tickets T-% and T-% are of different customers', 'tickets of two customers are not merged');
SELECT refused(format($$SELECT api.merge_ticket(%L, %L, 2)$$, t_tl_id('dup'), t_tl_id('surv')), 'BD004',
    'ticket T-% was changed by Ayşe Yılmaz at %', 'merge checks the duplicate''s version');
SELECT is(api.merge_ticket(t_tl_id('dup'), t_tl_id('surv'), 3), 2, 'merge returns the survivor''s new version');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, merged_into, time_spent FROM backdesk.tickets WHERE number = %L$$, t_tl_id('dup')),
    format($$VALUES ('closed'::text, %s::bigint, 0)$$, (t_tl(t_tl_id('surv'))).id),
    'the duplicate is closed and points to the survivor');
SELECT results_eq(format($$SELECT kind, body FROM backdesk.ticket_messages WHERE ticket_id = %s ORDER BY id$$,
                         (t_tl(t_tl_id('surv'))).id),
    format($$VALUES ('note'::text, 'kopya notu'::text), ('system', '%s was merged into this ticket (1 messages moved).')$$,
           t_tl_id('dup')),
    'the duplicate''s messages moved to the survivor, with a line saying so');
SELECT results_eq(format($$SELECT o.number, t.time_spent FROM backdesk.tickets t JOIN backdesk.orders o ON o.id = t.order_id
                          WHERE t.number = %L$$, t_tl_id('surv')),
    $$VALUES ('SO-TL-2'::text, 120)$$, 'the survivor takes the duplicate''s order link and its time');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT refused(format($$SELECT api.merge_ticket(%L, %L)$$, t_tl_id('dup'), t_tl_id('msg')), 'BD002',
    'ticket T-% was merged into T-%; merging it is not possible', 'a merged ticket is not merged again');
SELECT refused(format($$SELECT api.merge_ticket(%L, %L)$$, t_tl_id('msg'), t_tl_id('dup')), 'BD002',
    'ticket T-% is merged into another; nothing can be merged into it', 'nothing is merged into a merged ticket');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Links.
------------------------------------------------------------------------------
INSERT INTO t_tl_ids SELECT 'link', t_tl_open('tl-a@example.com', 'Bağ');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT is(api.link_ticket(t_tl_id('link'), NULL, 'TLTRACK0001', NULL, 1), 2, 'link a parcel of the customer');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT o.number, s.tracking_no FROM backdesk.tickets t JOIN backdesk.orders o ON o.id = t.order_id
                          JOIN backdesk.shipments s ON s.id = t.shipment_id WHERE t.number = %L$$, t_tl_id('link')),
    $$VALUES ('SO-TL-1'::text, 'TLTRACK0001'::text)$$, 'the parcel and its order are linked');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT refused(format($$SELECT api.link_ticket(%L, NULL, 'TLTRACK000B', NULL)$$, t_tl_id('link')), 'BD005',
    'parcel TLTRACK000B is not of an order of the ticket''s customer', 'a parcel of another customer is refused');
SELECT refused(format($$SELECT api.link_ticket(%L, 'SO-TL-NONE', NULL, NULL)$$, t_tl_id('link')), 'BD003',
    'no order %', 'an unknown order is BD003');
SELECT is(api.link_ticket(t_tl_id('link'), 'SO-TL-2', '', NULL, 2), 3, 'an empty text unlinks, another order links');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT o.number, t.shipment_id FROM backdesk.tickets t JOIN backdesk.orders o ON o.id = t.order_id
                          WHERE t.number = %L$$, t_tl_id('link')),
    $$VALUES ('SO-TL-2'::text, NULL::bigint)$$, 'the parcel is unlinked, the order changed');

------------------------------------------------------------------------------
-- Time spent.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT is(api.add_ticket_time(t_tl_id('link'), 60), 60, 'add_ticket_time returns the total');
SELECT is(api.add_ticket_time(t_tl_id('link'), 45), 105, 'time adds up');
RESET SESSION AUTHORIZATION;
SELECT is((t_tl(t_tl_id('link'))).version, 3, 'counting time leaves the version alone');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT refused(format($$SELECT api.add_ticket_time(%L, -5)$$, t_tl_id('link')), 'BD005',
    'seconds must be between 0 and 86400, got -5', 'negative time is refused');
SELECT refused(format($$SELECT api.set_ticket_time(%L, 600, 2)$$, t_tl_id('link')), 'BD004',
    'ticket T-% was changed by Ayşe Yılmaz at %', 'set_ticket_time checks the version');
SELECT is(api.set_ticket_time(t_tl_id('link'), 600, 3), 4, 'set_ticket_time returns the new version');
RESET SESSION AUTHORIZATION;
SELECT is((t_tl(t_tl_id('link'))).time_spent, 600, 'the total is corrected');

------------------------------------------------------------------------------
-- Auto-close and settings.
------------------------------------------------------------------------------
INSERT INTO t_tl_ids SELECT 'old', t_tl_open('tl-a@example.com', 'Eskiden çözüldü');
INSERT INTO t_tl_ids SELECT 'recent', t_tl_open('tl-a@example.com', 'Dün çözüldü');
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() - interval '5 days' WHERE number = t_tl_id('old');
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() - interval '2 days' WHERE number = t_tl_id('recent');
UPDATE backdesk.tickets SET solved_at = now() WHERE status = 'solved' AND number NOT IN (t_tl_id('old'), t_tl_id('recent'));
SELECT is(api.close_solved_tickets(), 1, 'close_solved_tickets closes the ticket solved more than 4 days ago');
SELECT results_eq(format($$SELECT number, status FROM backdesk.tickets WHERE number IN (%L, %L) ORDER BY id$$,
                         t_tl_id('old'), t_tl_id('recent')),
    format($$VALUES (%L::text, 'closed'::text), (%L, 'solved')$$, t_tl_id('old'), t_tl_id('recent')),
    'the one solved 2 days ago stays resolved');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.autoclose' AND entity_id = (t_tl(t_tl_id('old'))).id),
    1::bigint, 'auto-closing is audited');
SELECT refused($$SELECT api.set_setting('ticket_autoclose_days', '0')$$, 'BD005',
    'ticket_autoclose_days cannot be ''0''', 'a setting refuses a value it does not take', 'Give the number of days%');
SELECT refused($$SELECT api.set_setting('no_such', '1')$$, 'BD003', 'no setting ''no_such''', 'an unknown setting is BD003');
SELECT is(api.set_setting('ticket_autoclose_days', ' 1 '), '1', 'set_setting returns the value set');
SELECT is(api.close_solved_tickets(), 1, 'with 1 day, the ticket solved 2 days ago closes too');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT refused($$SELECT api.close_solved_tickets()$$, 'BD001', '%not allowed%', 'agents do not auto-close');
SELECT refused($$SELECT api.set_setting('ticket_auto_assign', 'on')$$, 'BD001', '%not allowed%',
    'agents do not change settings');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Auto-assignment to the least-loaded agent on shift.
------------------------------------------------------------------------------
UPDATE backdesk.tickets SET assignee_id = NULL;
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT is(api.set_on_shift(true), true, 'set_on_shift: Ayşe is at work');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_tl_deniz;
SELECT api.set_on_shift(true) \g /dev/null
RESET SESSION AUTHORIZATION;
UPDATE backdesk.tickets SET assignee_id = (SELECT id FROM backdesk.staff WHERE login = 't_tl_deniz')
WHERE number = t_tl_id('msg');
INSERT INTO t_tl_ids SELECT 'off', t_tl_open('tl-a@example.com', 'Kimse');
SELECT is((t_tl(t_tl_id('off'))).assignee_id, NULL, 'with ticket_auto_assign off, a new ticket is nobody''s');
SELECT api.set_setting('ticket_auto_assign', 'on') \g /dev/null
INSERT INTO t_tl_ids SELECT 'auto1', t_tl_open('tl-a@example.com', 'Otomatik 1');
SELECT is((SELECT login FROM backdesk.staff WHERE id = (t_tl(t_tl_id('auto1'))).assignee_id), 't_tl_ayse',
    'on: the new ticket goes to the agent on shift with fewer open tickets (Ayşe 0, Deniz 1; Can is not on shift)');
INSERT INTO t_tl_ids SELECT 'auto2', t_tl_open('tl-a@example.com', 'Otomatik 2');
INSERT INTO t_tl_ids SELECT 'auto3', t_tl_open('tl-a@example.com', 'Otomatik 3');
SELECT results_eq($$SELECT s.login, count(*) FROM backdesk.tickets t JOIN backdesk.staff s ON s.id = t.assignee_id
                    WHERE t.number IN (t_tl_id('auto1'), t_tl_id('auto2'), t_tl_id('auto3'))
                    GROUP BY s.login ORDER BY s.login$$,
    $$VALUES ('t_tl_ayse'::text, 2::bigint), ('t_tl_deniz', 1)$$,
    'three new tickets even out the load: Ayşe 2, Deniz 1 more');
SET SESSION AUTHORIZATION t_tl_ayse;
SELECT is(api.set_on_shift(false), false, 'Ayşe goes off shift');
RESET SESSION AUTHORIZATION;
INSERT INTO t_tl_ids SELECT 'auto4', t_tl_open('tl-a@example.com', 'Otomatik 4');
SELECT is((SELECT login FROM backdesk.staff WHERE id = (t_tl(t_tl_id('auto4'))).assignee_id), 't_tl_deniz',
    'off shift, Ayşe gets no more');
SELECT is((SELECT detail->>'assignee' FROM backdesk.audit_log WHERE action = 'ticket.auto_assign'
           AND entity_id = (t_tl(t_tl_id('auto4'))).id), 't_tl_deniz', 'auto-assignment is audited');

SELECT * FROM finish();
ROLLBACK;
