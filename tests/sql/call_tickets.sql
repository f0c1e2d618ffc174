-- Calls and tickets from a call (0020, issue 10): the outcome offered first leaves
-- the ticket alone, every outcome's effect is the call_outcomes table's, the call's
-- ticket is picked from api.customer_open_tickets, and api.open_ticket refuses a
-- second open ticket of the same category about the same order unless told the
-- agent saw the first.  api.log_call does the same when a call would open a new
-- ticket (0023).
BEGIN;
SELECT plan(30);

CREATE FUNCTION public.t_ct_doc(p_number text, p_email text) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number,
    'customer', jsonb_build_object('email', p_email, 'name', 'Çağrı Deneme', 'locale', 'tr'))
    || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
         "lines": [{"sku": "CT-1", "name": "Kalem", "qty": 1, "unit_price": "10.00", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": true,
         "payment": {"method": "card", "paid": "10.00"}, "ship_by": "2026-11-22"}'::jsonb;
CREATE FUNCTION public.t_ct_cust(p_email text) RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.customers WHERE email = p_email $$;
CREATE FUNCTION public.t_ct_status(p_number text) RETURNS text LANGUAGE sql
AS $$ SELECT status || CASE WHEN solved_at IS NOT NULL THEN ' solved_at' ELSE '' END
      FROM backdesk.tickets WHERE number = p_number $$;
-- "SQLSTATE message / DETAIL" of a refused call, as the caller.
CREATE FUNCTION public.t_ct_refusal(p_sql text) RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v_detail text;
BEGIN
    EXECUTE p_sql;
    RETURN 'not refused';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ' ' || SQLERRM || ' / ' || v_detail;
END
$$;
CREATE TEMP TABLE t_ct_ids (what text PRIMARY KEY, v text);
GRANT ALL ON t_ct_ids TO PUBLIC;

DO $$ BEGIN PERFORM api.staff_add('t_ct_ayse', 'Ayşe Yılmaz', 'agent'); END $$;
CREATE ROLE t_ct_wh LOGIN IN ROLE backdesk_warehouse;
SELECT api.import_order(t_ct_doc('SO-CT-1', 'ct@example.com')) \g /dev/null
SELECT api.import_order(t_ct_doc('SO-CT-2', 'ct@example.com')) \g /dev/null
SELECT api.import_order(t_ct_doc('SO-CT-X', 'ct-other@example.com')) \g /dev/null
SELECT api.import_order(t_ct_doc('SO-CT-C', 'ct-call@example.com')) \g /dev/null

------------------------------------------------------------------------------
-- The outcomes.
------------------------------------------------------------------------------
SELECT is((SELECT code FROM backdesk.call_outcomes WHERE active ORDER BY position LIMIT 1), 'noted',
    'the outcome offered first (the form''s default) is noted');
SELECT is((SELECT ticket_status FROM backdesk.call_outcomes WHERE active ORDER BY position LIMIT 1), NULL,
    'and it changes no ticket''s status');
SELECT results_eq($$SELECT code, ticket_status FROM backdesk.call_outcomes ORDER BY position$$,
    $$VALUES ('noted', NULL::text), ('resolved', 'solved'), ('follow-up', 'open'), ('escalated', 'open'),
             ('callback-requested', 'open'), ('no-answer', 'open')$$,
    'each outcome says what it does to the ticket; only resolved solves it');
SELECT is((SELECT count(*) FROM backdesk.choices WHERE list = 'call_outcome' AND code = 'noted'), 1::bigint,
    'noted is offered through backdesk.choices');

------------------------------------------------------------------------------
-- A call leaves its ticket alone unless the outcome says otherwise.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ct_ayse;
INSERT INTO t_ct_ids SELECT 'pending', api.open_ticket(t_ct_cust('ct@example.com'), 'SO-CT-1', 'phone', 'delay',
    'normal', 'Gecikme', '');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.tickets SET status = 'pending' WHERE number = (SELECT v FROM t_ct_ids WHERE what = 'pending');
SET SESSION AUTHORIZATION t_ct_ayse;
SELECT is(api.log_call(t_ct_cust('ct@example.com'), (SELECT v FROM t_ct_ids WHERE what = 'pending'), NULL, 'noted',
                       'Bilgi verdim', 40),
    (SELECT v FROM t_ct_ids WHERE what = 'pending'), 'log_call noted: logged on the ticket picked');
RESET SESSION AUTHORIZATION;
SELECT is(t_ct_status((SELECT v FROM t_ct_ids WHERE what = 'pending')), 'pending',
    'log_call noted: the pending ticket stays pending, not solved');
SELECT is((SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
           WHERE t.number = (SELECT v FROM t_ct_ids WHERE what = 'pending') AND m.kind = 'call'
             AND m.body = E'outcome: noted\nBilgi verdim'), 1::bigint,
    'log_call noted: the call message is there');
SET SESSION AUTHORIZATION t_ct_ayse;
SELECT lives_ok($$SELECT api.log_call(t_ct_cust('ct@example.com'), (SELECT v FROM t_ct_ids WHERE what = 'pending'),
    NULL, 'resolved', '', 10)$$, 'log_call resolved, chosen');
RESET SESSION AUTHORIZATION;
SELECT is(t_ct_status((SELECT v FROM t_ct_ids WHERE what = 'pending')), 'solved solved_at',
    'log_call resolved: only an explicit resolved solves the ticket');
SET SESSION AUTHORIZATION t_ct_ayse;
INSERT INTO t_ct_ids SELECT 'new-noted', api.log_call(t_ct_cust('ct@example.com'), NULL, 'other', 'noted', '', 5);
RESET SESSION AUTHORIZATION;
SELECT is(t_ct_status((SELECT v FROM t_ct_ids WHERE what = 'new-noted')), 'open',
    'log_call noted without a ticket: a new ticket, open (never solved by default)');

------------------------------------------------------------------------------
-- api.customer_open_tickets.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ct_ayse;
SELECT results_eq($$SELECT number, subject, category, status, order_number
                    FROM api.customer_open_tickets(t_ct_cust('ct@example.com'))$$,
    $$SELECT number, subject, category, status, NULL::text FROM backdesk.tickets
      WHERE number = (SELECT v FROM t_ct_ids WHERE what = 'new-noted')$$,
    'customer_open_tickets: the open ones only (the solved one is not offered), with number and subject');
SELECT refused($$SELECT * FROM api.customer_open_tickets(-7)$$, 'BD003', 'no customer with id -7',
    'customer_open_tickets: an unknown customer (BD003)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_ct_wh;
SELECT refused($$SELECT * FROM api.customer_open_tickets(t_ct_cust('ct@example.com'))$$, 'BD001', '%not allowed%',
    'customer_open_tickets: the warehouse sees no tickets (BD001)');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- One open ticket per customer, category and order, unless the agent saw it.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ct_ayse;
INSERT INTO t_ct_ids SELECT 'dmg', api.open_ticket(t_ct_cust('ct@example.com'), 'SO-CT-1', 'phone', 'damaged',
    'normal', 'Kırık geldi', '');
SELECT refused($$SELECT api.open_ticket(t_ct_cust('ct@example.com'), 'SO-CT-1', 'email', 'damaged', 'high', 'Yine kırık', '')$$,
    'BD007', 'T-% is already open about damaged on SO-CT-1: Kırık geldi',
    'open_ticket: a second open ticket of the same category on the same order is refused, naming the first',
    'Add to T-%, or open another with open_anyway => true.');
SELECT lives_ok($$SELECT api.open_ticket(t_ct_cust('ct@example.com'), 'SO-CT-2', 'phone', 'damaged', 'normal', 'Öteki', '')$$,
    'open_ticket: the same category on another order is another matter');
SELECT lives_ok($$SELECT api.open_ticket(t_ct_cust('ct@example.com'), 'SO-CT-1', 'phone', 'wrong-item', 'normal', 'Yanlış', '')$$,
    'open_ticket: another category on the same order is fine');
SELECT lives_ok($$INSERT INTO t_ct_ids SELECT 'dmg2', api.open_ticket(t_ct_cust('ct@example.com'), 'SO-CT-1', 'phone',
    'damaged', 'normal', 'İkinci parça', '', open_anyway => true)$$,
    'open_ticket: open_anyway opens the second one');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT (detail->>'open_anyway')::boolean FROM backdesk.audit_log
           WHERE action = 'ticket.open' AND detail->>'number' = (SELECT v FROM t_ct_ids WHERE what = 'dmg2')), true,
    'open_ticket: the audit row says the agent opened it anyway');
UPDATE backdesk.tickets SET status = 'solved', solved_at = now()
WHERE number IN (SELECT v FROM t_ct_ids WHERE what IN ('dmg', 'dmg2'));
SET SESSION AUTHORIZATION t_ct_ayse;
SELECT lives_ok($$SELECT api.open_ticket(t_ct_cust('ct@example.com'), 'SO-CT-1', 'phone', 'damaged', 'normal', 'Üçüncü', '')$$,
    'open_ticket: once the earlier ones are solved, a new one opens without a warning');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- A call that would open a new ticket asks first when one of its category is open
-- (0023): T-100128 was opened beside the open T-100127.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ct_ayse;
INSERT INTO t_ct_ids SELECT 'call-first', api.log_call(t_ct_cust('ct-call@example.com'), NULL, 'delay', 'noted', '', 30);
SELECT refused($$SELECT api.log_call(t_ct_cust('ct-call@example.com'), NULL, 'delay', 'follow-up', 'Yine aradı', 60)$$,
    'BD007', 'T-% is already open about delay: Call: delay (noted)',
    'log_call: a new ticket while one of the category is open is refused, naming it',
    'Log the call on T-%, or open another with open_anyway => true.');
SELECT is(t_ct_refusal($$SELECT api.log_call(t_ct_cust('ct-call@example.com'), '', 'delay', 'noted', '', 60)$$),
    (SELECT 'BD007 ' || v || ' is already open about delay: Call: delay (noted) / ' || v FROM t_ct_ids WHERE what = 'call-first'),
    'log_call: an empty ticket number is a new ticket too; the refusal names the open one, its number in DETAIL');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.tickets WHERE customer_id = t_ct_cust('ct-call@example.com')), 1::bigint,
    'log_call: the refused call left no ticket behind');
SET SESSION AUTHORIZATION t_ct_ayse;
SELECT is(api.log_call(t_ct_cust('ct-call@example.com'), (SELECT v FROM t_ct_ids WHERE what = 'call-first'), 'delay',
                       'follow-up', 'Yine aradı', 60),
    (SELECT v FROM t_ct_ids WHERE what = 'call-first'), 'log_call: logged on the open ticket, no question');
SELECT lives_ok($$INSERT INTO t_ct_ids SELECT 'call-dmg', api.log_call(t_ct_cust('ct-call@example.com'), NULL, 'damaged',
    'noted', '', 20)$$, 'log_call: another category opens a new ticket without a question');
SELECT lives_ok($$INSERT INTO t_ct_ids SELECT 'call-anyway', api.log_call(t_ct_cust('ct-call@example.com'), NULL, 'delay',
    'escalated', 'Başka bir gecikme', 45, open_anyway => true)$$,
    'log_call: open_anyway opens a second ticket of the category');
RESET SESSION AUTHORIZATION;
SELECT isnt((SELECT v FROM t_ct_ids WHERE what = 'call-anyway'), (SELECT v FROM t_ct_ids WHERE what = 'call-first'),
    'log_call: open_anyway: a ticket of its own');
SELECT results_eq($$
    SELECT a.detail->>'number', (a.detail->>'new_ticket')::boolean, (a.detail->>'open_anyway')::boolean
    FROM backdesk.audit_log a JOIN t_ct_ids i ON i.v = a.detail->>'number'
    WHERE a.action = 'ticket.call' AND i.what IN ('call-first', 'call-anyway') ORDER BY a.id
$$, $$SELECT v, n, o FROM (VALUES ('call-first', true, false, 1), ('call-first', false, false, 2),
                               ('call-anyway', true, true, 3)) x(w, n, o, k)
      JOIN t_ct_ids ON what = w ORDER BY k$$,
    'log_call: the audit rows say whether the agent opened the ticket anyway');
-- An open ticket about an order counts too: a call is about the customer.
SET SESSION AUTHORIZATION t_ct_ayse;
SELECT api.open_ticket(t_ct_cust('ct-call@example.com'), 'SO-CT-C', 'email', 'wrong-item', 'normal', 'Yanlış ürün', '')
\g /dev/null
SELECT refused($$SELECT api.log_call(t_ct_cust('ct-call@example.com'), NULL, 'wrong-item', 'noted', '', 5)$$,
    'BD007', 'T-% is already open about wrong item: Yanlış ürün',
    'log_call: an open ticket of the category about an order is found too');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.tickets SET status = 'solved', solved_at = now()
WHERE customer_id = t_ct_cust('ct-call@example.com') AND category = 'delay';
SET SESSION AUTHORIZATION t_ct_ayse;
SELECT lives_ok($$SELECT api.log_call(t_ct_cust('ct-call@example.com'), NULL, 'delay', 'noted', '', 5)$$,
    'log_call: once the delay tickets are solved, a new one opens without a question');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.tickets SET status = 'closed'
WHERE customer_id = t_ct_cust('ct-call@example.com') AND category = 'damaged';
SET SESSION AUTHORIZATION t_ct_ayse;
SELECT lives_ok($$SELECT api.log_call(t_ct_cust('ct-call@example.com'), NULL, 'damaged', 'noted', '', 5)$$,
    'log_call: a closed ticket of the category does not count either');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
