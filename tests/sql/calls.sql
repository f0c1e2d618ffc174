-- The call-centre side of 0006: api.add_note, api.queue_message, api.open_ticket,
-- api.log_call, api.render_template and the answer templates.  Allowed for agents and
-- admins, refused by role (BD001 for the supervisor and the warehouse), by state
-- (BD002) where a state can forbid it, audited once with actor = the login.
BEGIN;


CREATE FUNCTION public.t_cl_doc(p_number text, p_customer jsonb, p_extra jsonb DEFAULT '{}') RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number, 'customer', p_customer)
    || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "shipping_address": {"line1": "Bağdat Cd. 12/3", "city": "İstanbul", "country": "TR"},
         "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 2, "unit_price": "149.90", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": true,
         "payment": {"method": "card", "paid": "299.80"}, "ship_by": "2026-11-22"}'::jsonb || p_extra;

CREATE FUNCTION public.t_cl_order(p_number text) RETURNS backdesk.orders LANGUAGE sql
AS $$ SELECT * FROM backdesk.orders WHERE number = p_number $$;
CREATE FUNCTION public.t_cl_ticket(p_number text) RETURNS backdesk.tickets LANGUAGE sql
AS $$ SELECT * FROM backdesk.tickets WHERE number = p_number $$;
CREATE FUNCTION public.t_cl_audits(p_action text, p_entity text, p_id bigint, p_actor text DEFAULT NULL) RETURNS bigint
    LANGUAGE sql
AS $$
    SELECT count(*) FROM backdesk.audit_log
    WHERE action = p_action AND entity = p_entity AND entity_id = p_id AND (p_actor IS NULL OR actor = p_actor)
$$;
CREATE FUNCTION public.t_cl_cust(p_email text) RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.customers WHERE email = p_email $$;

CREATE TEMP TABLE t_cl_ids (what text PRIMARY KEY, v text);
GRANT ALL ON t_cl_ids TO PUBLIC;

DO $$ BEGIN
    PERFORM api.staff_add('t_cl_ayse', 'Ayşe Yılmaz', 'agent');
    PERFORM api.staff_add('t_cl_emre', 'Emre Şahin', 'admin');
END $$;
CREATE ROLE t_cl_sup LOGIN IN ROLE backdesk_supervisor;
CREATE ROLE t_cl_wh LOGIN IN ROLE backdesk_warehouse;

SELECT api.import_order(t_cl_doc('SO-CL-1', '{"email": "cl-tr@example.com", "phone": "+90 532 222 33 44",
    "name": "Şükrü Öztürk", "locale": "tr"}', '{"deliver_between": ["2026-11-24", "2026-11-27"]}')) \g /dev/null
SELECT api.import_order(t_cl_doc('SO-CL-EN', '{"email": "cl-en@example.com", "name": "Jane Doe", "locale": "en"}')) \g /dev/null
SELECT api.import_order(t_cl_doc('SO-CL-HU', '{"email": "cl-hu@example.com", "name": "Kovács Zsófia", "locale": "hu"}')) \g /dev/null
SELECT api.import_order(t_cl_doc('SO-CL-NOMAIL', '{"phone": "+36 30 123 4567", "name": "Nagy Péter", "locale": "hu"}')) \g /dev/null
SELECT api.import_order(t_cl_doc('SO-CL-OTHER', '{"email": "cl-other@example.com", "name": "Başka Biri"}')) \g /dev/null
SELECT api.import_order(t_cl_doc('SO-CL-C', '{"email": "cl-tr@example.com", "name": "Şükrü Öztürk", "locale": "tr"}')) \g /dev/null
SELECT api.cancel_order('SO-CL-C', 'test') \g /dev/null
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
SELECT id, 'aras', 'CL-ARAS-EN', 'IN_TRANSIT', '2026-11-21 10:00+03' FROM backdesk.orders WHERE number = 'SO-CL-EN';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
SELECT id, 'mpl', 'CL-MPL-HU', 'IN_TRANSIT', '2026-11-21 10:00+03' FROM backdesk.orders WHERE number = 'SO-CL-HU';

SELECT plan(97);

------------------------------------------------------------------------------
-- Signatures.
------------------------------------------------------------------------------
SELECT is(pg_get_function_identity_arguments(p.oid), want, format('api.%s(%s)', p.proname, want))
FROM (VALUES ('add_note', 'entity text, entity_id bigint, body text'),
             ('queue_message', 'order_number text, kind text, p_channel text'),
             ('open_ticket', 'customer_id bigint, order_number text, channel text, category text, priority text, subject text, body text, open_anyway boolean'),
             ('log_call', 'customer_id bigint, ticket_number text, category text, outcome text, note text, seconds integer, open_anyway boolean'),
             ('render_template', 'template_id bigint, order_number text')) w(name, want)
JOIN pg_proc p ON p.proname = w.name AND p.pronamespace = 'api'::regnamespace
ORDER BY w.name;
SELECT results_eq($$
    SELECT p.proname::text COLLATE "default", pg_get_function_result(p.oid) FROM pg_proc p
    WHERE p.pronamespace = 'api'::regnamespace
      AND p.proname IN ('add_note', 'queue_message', 'open_ticket', 'log_call', 'render_template')
    ORDER BY p.proname
$$, $$VALUES ('add_note', 'bigint'), ('log_call', 'text'), ('open_ticket', 'text'), ('queue_message', 'bigint'),
             ('render_template', 'text')$$,
    'they return: note id, ticket number, ticket number, outbox id, text');
SELECT is(pg_get_function_arguments('api.queue_message(text, text, text)'::regprocedure),
    'order_number text, kind text, p_channel text DEFAULT ''email''::text', 'queue_message: the channel defaults to email');

------------------------------------------------------------------------------
-- add_note.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'note', api.add_note('order', (t_cl_order('SO-CL-1')).id, ' Müşteri akşam aranmak istiyor. ')$$,
    'add_note: an agent adds a note to an order');
SELECT lives_ok($$SELECT api.add_note('customer', t_cl_cust('cl-tr@example.com'), 'VIP')$$,
    'add_note: and to a customer');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT id::text, entity, entity_id, body, author FROM backdesk.notes ORDER BY id$$,
    $$VALUES ((SELECT v FROM t_cl_ids WHERE what = 'note'), 'order', (t_cl_order('SO-CL-1')).id,
              'Müşteri akşam aranmak istiyor.', 't_cl_ayse'),
             (((SELECT v FROM t_cl_ids WHERE what = 'note')::bigint + 1)::text, 'customer',
              t_cl_cust('cl-tr@example.com'), 'VIP', 't_cl_ayse')$$,
    'add_note: the note rows, trimmed, with the author');
SELECT is(t_cl_audits('note.add', 'order', (t_cl_order('SO-CL-1')).id, 't_cl_ayse'), 1::bigint,
    'add_note: one audit row on the order, actor = the login');
SELECT is(t_cl_audits('note.add', 'customer', t_cl_cust('cl-tr@example.com'), 't_cl_ayse'), 1::bigint,
    'add_note: one audit row on the customer');
SELECT is((t_cl_order('SO-CL-1')).version, 1, 'add_note: a note does not change the order''s version');
SET SESSION AUTHORIZATION t_cl_emre;
SELECT lives_ok($$SELECT api.add_note('order', (t_cl_order('SO-CL-1')).id, 'admin note')$$, 'add_note: an admin may');
SELECT refused($$SELECT api.add_note('order', -42, 'x')$$, 'BD003', 'no order with id -42', 'add_note: an unknown order (BD003)');
SELECT refused($$SELECT api.add_note('customer', -42, 'x')$$, 'BD003', 'no customer with id -42',
    'add_note: an unknown customer (BD003)');
SELECT refused($$SELECT api.add_note('ticket', 1, 'x')$$, 'BD005', 'entity ''ticket'' is not valid',
    'add_note: only orders and customers (BD005)', 'Use one of: order, customer.');
SELECT refused($$SELECT api.add_note('order', (t_cl_order('SO-CL-1')).id, '   ')$$, 'BD005', 'note is missing',
    'add_note: an empty note (BD005)');
SELECT refused($$SELECT api.add_note('order', (t_cl_order('SO-CL-1')).id, repeat('x', 10001))$$, 'BD005',
    'note is too long%', 'add_note: a note of more than 10000 characters (BD005)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_cl_sup;
SELECT refused($$SELECT api.add_note('order', (t_cl_order('SO-CL-1')).id, 'x')$$, 'BD001',
    'adding notes is not allowed for t_cl_sup (role: supervisor)', 'add_note: a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_cl_wh;
SELECT refused($$SELECT api.add_note('order', (t_cl_order('SO-CL-1')).id, 'x')$$, 'BD001',
    'adding notes is not allowed for t_cl_wh (role: warehouse)', 'add_note: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.notes), 3::bigint, 'add_note: refused calls saved nothing');

------------------------------------------------------------------------------
-- queue_message.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'conf', api.queue_message('SO-CL-1', 'order_confirmation')$$,
    'queue_message: an agent queues the order confirmation again');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$
    SELECT kind, channel, customer_id, order_id, recipient, lang, subject, created_by, sent_at IS NULL
    FROM backdesk.outbox WHERE id = (SELECT v::bigint FROM t_cl_ids WHERE what = 'conf')
$$, $$VALUES ('order_confirmation', 'email', t_cl_cust('cl-tr@example.com'), (t_cl_order('SO-CL-1')).id,
              'cl-tr@example.com', 'tr', 'Confirmation of order SO-CL-1', 't_cl_ayse', true)$$,
    'queue_message: an unsent outbox row to the customer''s e-mail, in their language (tr), written from its file (0049)');
SELECT is((SELECT vars FROM backdesk.outbox WHERE id = (SELECT v::bigint FROM t_cl_ids WHERE what = 'conf')),
    -- In Turkish: a decimal comma and the day first (0050).
    jsonb_build_object('customer_name', 'Şükrü Öztürk', 'order_number', 'SO-CL-1', 'lines', '2 × Kupa  299,80 TRY',
                       'total', '299,80', 'currency', 'TRY',
                       'shipping', 'Siparişinizi söz verdiğimiz tarihte kargoya veremediğimiz için özür dileriz; en geç '
                       || to_char(backdesk.shop_date(now()) + 2, 'DD.MM.YYYY') || ' tarihinde kargoya vereceğiz.'),
    'queue_message: the confirmation: lines, total; past its ship-by day (2026-11-22) an apology and a new day, '
    || 'today + the 2 days it was given; no delivery window it cannot keep');
SELECT is(t_cl_audits('message.queue', 'order', (t_cl_order('SO-CL-1')).id, 't_cl_ayse'), 1::bigint,
    'queue_message: one audit row, actor = the login');
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT refused($$SELECT api.queue_message('SO-CL-1', 'tracking')$$, 'BD002',
    'order SO-CL-1 has not shipped yet; there are no tracking details to send',
    'queue_message: tracking before shipping (BD002)', 'It is due to ship by 2026-11-22.');
RESET SESSION AUTHORIZATION;
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
SELECT id, 'yurtici', 'CL-YT-1', 'IN_TRANSIT', '2026-11-21 10:00+03' FROM backdesk.orders WHERE number = 'SO-CL-1';
-- The shop's window for SO-CL-1, from tomorrow: still ahead, whatever day the test runs.
UPDATE backdesk.orders SET deliver_from = backdesk.shop_date(now()) + 1, deliver_to = backdesk.shop_date(now()) + 3
WHERE number = 'SO-CL-1';
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'track', api.queue_message('SO-CL-1', 'tracking')$$,
    'queue_message: the tracking details once shipped');
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'track-en', api.queue_message('SO-CL-EN', 'tracking', 'email')$$,
    'queue_message: in English');
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'track-hu', api.queue_message('SO-CL-HU', 'tracking')$$,
    'queue_message: in Hungarian');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT lang, vars FROM backdesk.outbox WHERE id = (SELECT v::bigint FROM t_cl_ids WHERE what = 'track')$$,
    $$VALUES ('tr', jsonb_build_object('customer_name', 'Şükrü Öztürk', 'order_number', 'SO-CL-1',
              'parcels', E'Yurtiçi Kargo: CL-YT-1\n  https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula?code=CL-YT-1',
              'delivery_window', 'Tahmini teslimat: ' || to_char(backdesk.shop_date(now()) + 1, 'DD.MM.YYYY') || ' – '
              || to_char(backdesk.shop_date(now()) + 3, 'DD.MM.YYYY') || ' arası.'))$$,
    'queue_message: tracking in Turkish: carrier, number, link, the order''s own delivery window');
SELECT results_eq($$SELECT lang, vars FROM backdesk.outbox WHERE id = (SELECT v::bigint FROM t_cl_ids WHERE what = 'track-en')$$,
    $$VALUES ('en', jsonb_build_object('customer_name', 'Jane Doe', 'order_number', 'SO-CL-EN',
              'parcels', E'Aras Kargo: CL-ARAS-EN\n  https://kargotakip.araskargo.com.tr/mainpage.aspx?code=CL-ARAS-EN',
              'delivery_window', 'Expected delivery: by ' || (backdesk.shop_date(now()) + 5)::text || '.'))$$,
    'queue_message: tracking in English; its window (3-5 days after shipping on 2026-11-21) is past: a new day, '
    || 'today + those 5 days');
SELECT results_eq($$SELECT lang, vars ->> 'customer_name', vars ->> 'parcels' LIKE '%CL-MPL-HU%',
                           vars ->> 'delivery_window'
                    FROM backdesk.outbox WHERE id = (SELECT v::bigint FROM t_cl_ids WHERE what = 'track-hu')$$,
    $$VALUES ('hu', 'Kovács Zsófia', true, 'Várható kézbesítés: legkésőbb ' || (backdesk.shop_date(now()) + 5)::text || '.')$$,
    'queue_message: tracking in Hungarian');
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT refused($$SELECT api.queue_message('SO-CL-NOMAIL', 'order_confirmation')$$, 'BD002',
    'customer Nagy Péter has no e-mail address', 'queue_message: a customer without e-mail (BD002)', '%SMS%');
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'sms', api.queue_message('SO-CL-NOMAIL', 'order_confirmation', 'sms')$$,
    'queue_message: by SMS instead');
SELECT refused($$SELECT api.queue_message('SO-CL-C', 'order_confirmation')$$, 'BD002',
    'order SO-CL-C was cancelled; a confirmation would mislead the customer', 'queue_message: a cancelled order (BD002)');
SELECT refused($$SELECT api.queue_message('SO-CL-1', 'survey')$$, 'BD005', 'kind ''survey'' is not valid',
    'queue_message: only order_confirmation and tracking (BD005)');
SELECT refused($$SELECT api.queue_message('SO-CL-1', 'tracking', 'fax')$$, 'BD005', 'channel ''fax'' is not valid',
    'queue_message: an unknown channel (BD005)');
SELECT refused($$SELECT api.queue_message('SO-CL-NONE', 'tracking')$$, 'BD003', 'no order ''SO-CL-NONE''',
    'queue_message: an unknown order (BD003)');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT channel, recipient, subject FROM backdesk.outbox WHERE id = (SELECT v::bigint FROM t_cl_ids WHERE what = 'sms')$$,
    $$VALUES ('sms', '+36 30 123 4567', 'Köszönjük a rendelését (SO-CL-NOMAIL)')$$,
    'queue_message: an SMS goes to the phone, in the customer''s language (hu)');
SET SESSION AUTHORIZATION t_cl_sup;
SELECT refused($$SELECT api.queue_message('SO-CL-1', 'tracking')$$, 'BD001',
    'sending messages to customers is not allowed for t_cl_sup (role: supervisor)', 'queue_message: a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_cl_wh;
SELECT refused($$SELECT api.queue_message('SO-CL-1', 'tracking')$$, 'BD001',
    'sending messages to customers is not allowed for t_cl_wh (role: warehouse)', 'queue_message: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
-- Besides these, SO-CL-C's cancellation (set-up) queued its refund notice (0045).
SELECT is((SELECT count(*) FROM backdesk.outbox WHERE kind <> 'refund_issued'), 5::bigint, 'queue_message: refused calls queued nothing');
SELECT is((SELECT count(*) FROM backdesk.outbox WHERE kind = 'refund_issued'), 1::bigint, 'the set-up''s cancellation queued one refund notice');

------------------------------------------------------------------------------
-- open_ticket.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'tk', api.open_ticket(t_cl_cust('cl-tr@example.com'), 'SO-CL-1', 'phone',
    'damaged', 'high', 'Kupa kırık geldi', 'Fotoğraf isteyeceğiz.')$$,
    'open_ticket: an agent opens a ticket about an order');
RESET SESSION AUTHORIZATION;
SELECT matches((SELECT v FROM t_cl_ids WHERE what = 'tk'), '^T-[0-9]+$', 'open_ticket: returns the ticket number');
SELECT results_eq($$
    SELECT channel, category, priority, status, subject, customer_id, order_id, created_by, assignee_id,
           sla_calendar, first_response_due, resolve_due
    FROM t_cl_ticket((SELECT v FROM t_cl_ids WHERE what = 'tk'))
$$, $$VALUES ('phone', 'damaged', 'high', 'new', 'Kupa kırık geldi', t_cl_cust('cl-tr@example.com'),
              (t_cl_order('SO-CL-1')).id, 't_cl_ayse', NULL::bigint, 'TR',
              backdesk.business_add('TR', now(), 60), backdesk.business_add('TR', now(), 480))$$,
    'open_ticket: the ticket, new, SLA for high (0029): first answer in 60 business minutes, solved in 480');
SELECT results_eq($$SELECT kind, body, author, call_seconds FROM backdesk.ticket_messages
                    WHERE ticket_id = (t_cl_ticket((SELECT v FROM t_cl_ids WHERE what = 'tk'))).id$$,
    $$VALUES ('note', 'Fotoğraf isteyeceğiz.', 't_cl_ayse', NULL::integer)$$,
    'open_ticket: the body is the first message, a note');
SELECT is(t_cl_audits('ticket.open', 'ticket', (t_cl_ticket((SELECT v FROM t_cl_ids WHERE what = 'tk'))).id, 't_cl_ayse'),
    1::bigint, 'open_ticket: one audit row, actor = the login');
SET SESSION AUTHORIZATION t_cl_emre;
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'tk-' || p, api.open_ticket(t_cl_cust('cl-en@example.com'), NULL, 'email',
    'praise', p, 'Thanks', '', true) FROM unnest(ARRAY['urgent', 'normal', 'low']) p$$,
    'open_ticket: an admin opens tickets without an order and without a body');
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'tk-default', api.open_ticket(t_cl_cust('cl-en@example.com'), NULL, 'chat',
    'other', NULL, 'Question', NULL)$$, 'open_ticket: without a priority');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$
    SELECT t.priority, t.channel, first_response_due = backdesk.business_add(t.sla_calendar, created_at, f),
           resolve_due = backdesk.business_add(t.sla_calendar, created_at, r),
           (SELECT count(*) FROM backdesk.ticket_messages m WHERE m.ticket_id = t.id)
    FROM t_cl_ids i JOIN backdesk.tickets t ON t.number = i.v
    JOIN (VALUES ('urgent', 'email', 30, 240), ('normal', 'email', 240, 1440), ('normal', 'chat', 60, 1440),
                 ('low', 'email', 480, 2880)) p (pr, ch, f, r) ON p.pr = t.priority AND p.ch = t.channel
    WHERE i.what LIKE 'tk-%' ORDER BY backdesk.priority_rank(t.priority), t.id
$$, $$VALUES ('urgent', 'email', true, true, 0::bigint),
             ('normal', 'email', true, true, 0::bigint),
             ('normal', 'chat', true, true, 0::bigint),
             ('low', 'email', true, true, 0::bigint)$$,
    'open_ticket: SLA in business minutes (0029) urgent 30 / 240, normal 240 / 1440 (also the default; chat answers in 60), low 480 / 2880; no empty message');
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT refused($$SELECT api.open_ticket(t_cl_cust('cl-tr@example.com'), 'SO-CL-OTHER', 'phone', 'delay', 'normal', 'x', '')$$,
    'BD005', 'order SO-CL-OTHER is not an order of customer Şükrü Öztürk', 'open_ticket: another customer''s order (BD005)');
SELECT refused($$SELECT api.open_ticket(t_cl_cust('cl-tr@example.com'), 'SO-CL-NONE', 'phone', 'delay', 'normal', 'x', '')$$,
    'BD003', 'no order ''SO-CL-NONE''', 'open_ticket: an unknown order (BD003)');
SELECT refused($$SELECT api.open_ticket(-42, NULL, 'phone', 'delay', 'normal', 'x', '')$$,
    'BD003', 'no customer with id -42', 'open_ticket: an unknown customer (BD003)');
SELECT refused($$SELECT api.open_ticket(t_cl_cust('cl-tr@example.com'), NULL, 'fax', 'delay', 'normal', 'x', '')$$,
    'BD005', 'channel ''fax'' is not valid', 'open_ticket: an unknown channel (BD005)');
SELECT refused($$SELECT api.open_ticket(t_cl_cust('cl-tr@example.com'), NULL, 'phone', 'lost', 'normal', 'x', '')$$,
    'BD005', 'category ''lost'' is not valid', 'open_ticket: an unknown category (BD005)');
SELECT refused($$SELECT api.open_ticket(t_cl_cust('cl-tr@example.com'), NULL, 'phone', 'delay', 'asap', 'x', '')$$,
    'BD005', 'priority ''asap'' is not valid', 'open_ticket: an unknown priority (BD005)');
SELECT refused($$SELECT api.open_ticket(t_cl_cust('cl-tr@example.com'), NULL, 'phone', 'delay', 'normal', ' ', '')$$,
    'BD005', 'subject is missing', 'open_ticket: no subject (BD005)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_cl_sup;
SELECT refused($$SELECT api.open_ticket(t_cl_cust('cl-tr@example.com'), NULL, 'phone', 'delay', 'normal', 'x', '')$$,
    'BD001', 'opening tickets is not allowed for t_cl_sup (role: supervisor)', 'open_ticket: a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_cl_wh;
SELECT refused($$SELECT api.open_ticket(t_cl_cust('cl-tr@example.com'), NULL, 'phone', 'delay', 'normal', 'x', '')$$,
    'BD001', 'opening tickets is not allowed for t_cl_wh (role: warehouse)', 'open_ticket: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.tickets), 5::bigint, 'open_ticket: refused calls opened nothing');

------------------------------------------------------------------------------
-- log_call.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'call1', api.log_call(t_cl_cust('cl-tr@example.com'), NULL,
    'where-is-my-order', 'follow-up', 'Kargo şubede bekliyor, yarın tekrar arayacağız.', 95)$$,
    'log_call: a call without a ticket opens a new phone ticket');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$
    SELECT channel, category, priority, status, subject, customer_id, created_by,
           assignee_id = (SELECT id FROM backdesk.staff WHERE login = 't_cl_ayse'), first_response_at IS NOT NULL,
           solved_at, resolve_due = backdesk.business_add('TR', created_at, 1440)
    FROM t_cl_ticket((SELECT v FROM t_cl_ids WHERE what = 'call1'))
$$, $$VALUES ('phone', 'where-is-my-order', 'normal', 'open', 'Call: where is my order (follow-up)',
              t_cl_cust('cl-tr@example.com'), 't_cl_ayse', true, true, NULL::timestamptz, true)$$,
    'log_call: the new ticket: phone, the category, open, the subject from category and outcome, assigned to the caller');
SELECT results_eq($$SELECT kind, body, call_seconds, author FROM backdesk.ticket_messages
                    WHERE ticket_id = (t_cl_ticket((SELECT v FROM t_cl_ids WHERE what = 'call1'))).id$$,
    $$VALUES ('call', E'outcome: follow-up\nKargo şubede bekliyor, yarın tekrar arayacağız.', 95, 't_cl_ayse')$$,
    'log_call: a call message with the outcome, the note and the time spent');
SELECT is(t_cl_audits('ticket.call', 'ticket', (t_cl_ticket((SELECT v FROM t_cl_ids WHERE what = 'call1'))).id, 't_cl_ayse'),
    1::bigint, 'log_call: one audit row, actor = the login (opening the ticket included)');

SET SESSION AUTHORIZATION t_cl_ayse;
SELECT is(api.log_call(t_cl_cust('cl-tr@example.com'), (SELECT v FROM t_cl_ids WHERE what = 'tk'), NULL, 'callback-requested',
                       '', 30),
    (SELECT v FROM t_cl_ids WHERE what = 'tk'), 'log_call: a call on an existing ticket returns its number');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$
    SELECT t.status, t.version, t.first_response_at IS NOT NULL,
           (SELECT array_agg(m.kind || ':' || m.body || ':' || coalesce(m.call_seconds, -1) ORDER BY m.id)
            FROM backdesk.ticket_messages m WHERE m.ticket_id = t.id)
    FROM t_cl_ticket((SELECT v FROM t_cl_ids WHERE what = 'tk')) t
$$, $$VALUES ('open', 2, true, ARRAY['note:Fotoğraf isteyeceğiz.:-1', 'call:outcome: callback-requested:30'])$$,
    'log_call: appended as a call message; a new ticket becomes open, answered, its version bumped');
UPDATE backdesk.tickets SET status = 'closed', solved_at = now() - interval '1 day'
WHERE number = (SELECT v FROM t_cl_ids WHERE what = 'call1');
SET SESSION AUTHORIZATION t_cl_emre;
SELECT lives_ok($$SELECT api.log_call(t_cl_cust('cl-tr@example.com'), (SELECT v FROM t_cl_ids WHERE what = 'call1'),
                                      'where-is-my-order', 'escalated', 'Still not delivered.', 240)$$,
    'log_call: an admin logs a call on a closed ticket');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT status, solved_at FROM t_cl_ticket((SELECT v FROM t_cl_ids WHERE what = 'call1'))$$,
    $$VALUES ('open', NULL::timestamptz)$$, 'log_call: a closed ticket is reopened');
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'call2', api.log_call(t_cl_cust('cl-en@example.com'), NULL, 'delay', 'resolved', NULL, 60)$$,
    'log_call: a resolved call');
SELECT lives_ok($$INSERT INTO t_cl_ids SELECT 'call3', api.log_call(t_cl_cust('cl-en@example.com'), NULL, 'damaged', 'escalated', 'Broken.', NULL)$$,
    'log_call: an escalated call, duration unknown');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$
    SELECT t.status, t.solved_at IS NOT NULL, t.priority, m.body, m.call_seconds
    FROM t_cl_ids i JOIN backdesk.tickets t ON t.number = i.v JOIN backdesk.ticket_messages m ON m.ticket_id = t.id
    WHERE i.what IN ('call2', 'call3') ORDER BY t.id
$$, $$VALUES ('solved', true, 'normal', 'outcome: resolved', 60), ('open', false, 'high', E'outcome: escalated\nBroken.', NULL)$$,
    'log_call: resolved opens the ticket solved; escalated opens it with high priority');
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT refused($$SELECT api.log_call(t_cl_cust('cl-en@example.com'), (SELECT v FROM t_cl_ids WHERE what = 'tk'), NULL, 'resolved', '', 5)$$,
    'BD005', 'ticket % is not a ticket of customer Jane Doe', 'log_call: another customer''s ticket (BD005)');
SELECT refused($$SELECT api.log_call(t_cl_cust('cl-en@example.com'), 'T-0', NULL, 'resolved', '', 5)$$,
    'BD003', 'no ticket ''T-0''', 'log_call: an unknown ticket (BD003)');
SELECT refused($$SELECT api.log_call(-42, NULL, 'delay', 'resolved', '', 5)$$,
    'BD003', 'no customer with id -42', 'log_call: an unknown customer (BD003)');
SELECT refused($$SELECT api.log_call(t_cl_cust('cl-en@example.com'), NULL, 'delay', 'hung-up', '', 5)$$,
    'BD005', 'outcome ''hung-up'' is not valid', 'log_call: an unknown outcome (BD005)',
    'Use one of: noted, resolved, follow-up, escalated, callback-requested, no-answer.');
SELECT refused($$SELECT api.log_call(t_cl_cust('cl-en@example.com'), NULL, NULL, 'resolved', '', 5)$$,
    'BD005', 'category NULL is not valid', 'log_call: a new ticket needs a category (BD005)');
SELECT refused($$SELECT api.log_call(t_cl_cust('cl-en@example.com'), NULL, 'delay', 'resolved', '', -1)$$,
    'BD005', 'seconds must be between 0 and 86400, got -1', 'log_call: negative seconds (BD005)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_cl_sup;
SELECT refused($$SELECT api.log_call(t_cl_cust('cl-en@example.com'), NULL, 'delay', 'resolved', '', 5)$$,
    'BD001', 'logging calls is not allowed for t_cl_sup (role: supervisor)', 'log_call: a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_cl_wh;
SELECT refused($$SELECT api.log_call(t_cl_cust('cl-en@example.com'), NULL, 'delay', 'resolved', '', 5)$$,
    'BD001', 'logging calls is not allowed for t_cl_wh (role: warehouse)', 'log_call: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT (SELECT count(*) FROM backdesk.tickets), (SELECT count(*) FROM backdesk.ticket_messages WHERE kind = 'call')$$,
    $$VALUES (8::bigint, 5::bigint)$$, 'log_call: refused calls logged nothing');

------------------------------------------------------------------------------
-- Answer templates and render_template.
------------------------------------------------------------------------------
SELECT is_empty($$
    SELECT c, l FROM unnest(ARRAY['where-is-my-order', 'delay', 'damaged', 'wrong-item', 'return', 'refund', 'shipping-fee']) c,
                     unnest(ARRAY['en', 'tr']) l
    WHERE NOT EXISTS (SELECT FROM backdesk.templates t WHERE t.category = c AND t.locale = l)
$$, 'templates: one at least per category (where-is-my-order … shipping-fee) in English and Turkish');
SELECT is_empty($$
    SELECT t.id, m[1] FROM backdesk.templates t, regexp_matches(t.body, '\{([a-z_]+)\}', 'g') m
    WHERE m[1] NOT IN (SELECT name FROM backdesk.template_placeholders())
$$, 'templates: they use only the placeholders render_template fills');
SELECT ok((SELECT bool_and(t.category = ANY (backdesk.ticket_categories())) FROM backdesk.templates t),
    'templates: every category is a ticket category');

CREATE FUNCTION public.t_cl_tpl(p_category text, p_locale text, p_title text) RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.templates WHERE category = p_category AND locale = p_locale AND title = p_title $$;
-- SO-CL-EN shipped on 2026-11-21 with the window 2026-11-24 to 26 (shipped + 3 .. 5): by
-- now it is late, so the apology with a new day (today + its 5 days of transit).
SET SESSION AUTHORIZATION t_cl_ayse;
SELECT is(api.render_template(t_cl_tpl('delay', 'en', 'Sorry for the delay'), 'SO-CL-EN'),
    E'Hello Jane Doe,\n\nwe are sorry that your order SO-CL-EN is taking longer than promised. It is with Aras Kargo (tracking number CL-ARAS-EN, '
    || E'https://kargotakip.araskargo.com.tr/mainpage.aspx?code=CL-ARAS-EN); we are in touch with them and now expect it to reach you by '
    || (backdesk.shop_date(now()) + 5)::text || E'. As an apology we would like to offer you a compensation.\n\nKind regards',
    'render_template: every placeholder filled from the order and its parcel, with a new day for a late one');
SELECT is(api.render_template(t_cl_tpl('refund', 'tr', 'İade yapıldı'), 'SO-CL-C'),
    E'Merhaba Şükrü Öztürk,\n\nSO-CL-C numaralı siparişiniz için 299,80 TRY iade ettik. '
    || E'Bankanıza bağlı olarak tutar 3 ile 10 iş günü içinde hesabınıza geçer.\n\nSaygılarımızla',
    'render_template: in Turkish, with the amount refunded written the Turkish way');
SELECT refused($$SELECT api.render_template(t_cl_tpl('where-is-my-order', 'en', 'Parcel on its way'), 'SO-CL-OTHER')$$,
    'BD002', 'the answer "Parcel on its way" needs {carrier}, which order SO-CL-OTHER does not have: not shipped yet',
    'render_template: before shipping, a parcel''s template is refused, naming the value it lacks');
RESET SESSION AUTHORIZATION;
SELECT refused($$INSERT INTO backdesk.templates (key, category, locale, title, body)
                 VALUES ('t-cl', 'other', 'en', 't_cl', 'Order {order_number}; code {coupon}, {Order_Number}')$$,
    'BD005', 'template "t_cl" (en) uses {Order_Number}, {coupon}, which backdesk does not fill',
    'templates: one using a placeholder nobody fills is refused, naming it');
INSERT INTO backdesk.templates (key, category, locale, title, body)
VALUES ('t-cl', 'other', 'en', 't_cl', 'Order {order_number}, {total}; {order_number');
INSERT INTO t_cl_ids SELECT 'tpl', t_cl_tpl('other', 'en', 't_cl');
SET SESSION AUTHORIZATION t_cl_emre;
SELECT is(api.render_template((SELECT v::bigint FROM t_cl_ids WHERE what = 'tpl'), 'SO-CL-1'),
    'Order SO-CL-1, 299.80 TRY; {order_number',
    'render_template: an admin may; the amount written for the template''s language; a lone brace is text');
SELECT refused($$SELECT api.render_template(-1, 'SO-CL-1')$$, 'BD003', 'no template with id -1',
    'render_template: an unknown template (BD003)');
SELECT refused($$SELECT api.render_template((SELECT v::bigint FROM t_cl_ids WHERE what = 'tpl'), 'SO-CL-NONE')$$, 'BD003',
    'no order ''SO-CL-NONE''', 'render_template: an unknown order (BD003)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_cl_sup;
SELECT refused($$SELECT api.render_template((SELECT v::bigint FROM t_cl_ids WHERE what = 'tpl'), 'SO-CL-1')$$, 'BD001',
    'using answer templates is not allowed for t_cl_sup (role: supervisor)', 'render_template: a supervisor (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_cl_wh;
SELECT refused($$SELECT api.render_template((SELECT v::bigint FROM t_cl_ids WHERE what = 'tpl'), 'SO-CL-1')$$, 'BD001',
    'using answer templates is not allowed for t_cl_wh (role: warehouse)', 'render_template: the warehouse (BD001)');
RESET SESSION AUTHORIZATION;
SELECT is(provolatile::text, 's', 'render_template: reads only (STABLE), so it writes no audit row')
FROM pg_proc WHERE oid = 'api.render_template(bigint, text)'::regprocedure;

------------------------------------------------------------------------------
-- None of these changed an order's version (they do not change the order).
------------------------------------------------------------------------------
SELECT is((SELECT max(version) FROM backdesk.orders WHERE number LIKE 'SO-CL-%' AND number <> 'SO-CL-C'), 1,
    'notes, messages, tickets and calls leave the orders'' versions alone');
SELECT ok((SELECT bool_and(has_function_privilege(g, p.oid, 'EXECUTE'))
           AND NOT bool_or(has_function_privilege('backdesk_shop', p.oid, 'EXECUTE'))
           FROM pg_proc p, unnest(ARRAY['backdesk_agent', 'backdesk_warehouse', 'backdesk_supervisor', 'backdesk_admin']) g
           WHERE p.pronamespace = 'api'::regnamespace
             AND p.proname IN ('add_note', 'queue_message', 'open_ticket', 'log_call', 'render_template')),
    'the staff groups may execute these functions (they refuse by role), the shop may not');

SELECT * FROM finish();
ROLLBACK;
