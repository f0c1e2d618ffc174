-- Customers' messages handed over by the shop's systems (0030, issue 12):
-- api.receive_message matches the sender by e-mail or phone, threads onto their
-- open ticket of that channel or opens one, makes a stranger a customer, adds
-- nothing for an external_id it has seen, and refuses a bad document naming the
-- member.  Reopening a solved ticket is the life part's trigger; here only that the
-- message lands on that ticket.
BEGIN;
SELECT plan(49);

CREATE FUNCTION public.t_in_doc(p_extra jsonb) RETURNS jsonb LANGUAGE sql
RETURN '{"channel": "chat", "from": {"email": "in-deniz@example.com", "name": "Deniz Kaya"},
         "body": "Merhaba, siparişim nerede?", "external_id": "chat-1"}'::jsonb || p_extra;
CREATE FUNCTION public.t_in_number(p_id bigint) RETURNS text LANGUAGE sql
AS $$ SELECT number FROM backdesk.tickets WHERE id = p_id $$;
CREATE TEMP TABLE t_in_ids (what text PRIMARY KEY, id bigint);
GRANT ALL ON t_in_ids TO PUBLIC;

CREATE ROLE t_in_shop LOGIN IN ROLE backdesk_shop;
DO $$ BEGIN PERFORM api.staff_add('t_in_agent', 'Ayşe Gelen', 'agent'); END $$;
-- A known customer with an order, and one who shares a phone with nobody.
SELECT api.import_order('{"number": "SO-IN-1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "in-deniz@example.com", "phone": "+90 532 400 00 01", "name": "Deniz Kaya", "locale": "tr"},
    "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
    "lines": [{"sku": "IN-1", "name": "Kalem", "qty": 1, "unit_price": "10.00", "tax_rate": "0.20"}],
    "shipping_fee": "0.00", "free_shipping": true, "payment": {"method": "card", "paid": "10.00"},
    "ship_by": "2026-11-22"}'::jsonb) \g /dev/null
SELECT api.import_order('{"number": "SO-IN-2", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "in-other@example.com", "phone": "+90 532 400 00 09", "name": "Başka Biri", "locale": "tr"},
    "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
    "lines": [{"sku": "IN-1", "name": "Kalem", "qty": 1, "unit_price": "10.00", "tax_rate": "0.20"}],
    "shipping_fee": "0.00", "free_shipping": true, "payment": {"method": "card", "paid": "10.00"},
    "ship_by": "2026-11-22"}'::jsonb) \g /dev/null
INSERT INTO t_in_ids SELECT 'deniz', id FROM backdesk.customers WHERE email = 'in-deniz@example.com';

------------------------------------------------------------------------------
-- Matching and threading, as the shop.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_in_shop;
INSERT INTO t_in_ids SELECT 'first', api.receive_message(t_in_doc('{"from": {"email": "  IN-Deniz@Example.COM "}, "order_number": "SO-IN-1"}'));
RESET SESSION AUTHORIZATION;
SELECT is((SELECT customer_id FROM backdesk.tickets WHERE id = (SELECT id FROM t_in_ids WHERE what = 'first')),
    (SELECT id FROM t_in_ids WHERE what = 'deniz'), 'the shop hands over a message: matched by e-mail, any case and spacing');
SELECT results_eq($$SELECT channel, status, priority, category, subject, (SELECT number FROM backdesk.orders o WHERE o.id = order_id)
                    FROM backdesk.tickets WHERE id = (SELECT id FROM t_in_ids WHERE what = 'first')$$,
    $$VALUES ('chat', 'new', 'normal', 'other', 'Merhaba, siparişim nerede?', 'SO-IN-1')$$,
    'a new chat ticket: new, normal, category other, the first line as subject, linked to the customer''s order');
SELECT results_eq($$SELECT kind, body, author, external_channel, external_id FROM backdesk.ticket_messages
                    WHERE ticket_id = (SELECT id FROM t_in_ids WHERE what = 'first')$$,
    $$VALUES ('customer', 'Merhaba, siparişim nerede?', 't_in_shop', 'chat', 'chat-1')$$,
    'the message is the customer''s, with its external id');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.receive'
           AND entity_id = (SELECT id FROM t_in_ids WHERE what = 'first') AND actor = 't_in_shop'
           AND (detail ->> 'new_ticket')::boolean AND NOT (detail ->> 'new_customer')::boolean), 1::bigint,
    'audited as the shop: a new ticket, a known customer');

SET SESSION AUTHORIZATION t_in_shop;
INSERT INTO t_in_ids SELECT 'again', api.receive_message(t_in_doc('{"body": "Bir şey daha", "external_id": "chat-2"}'));
INSERT INTO t_in_ids SELECT 'by phone', api.receive_message(t_in_doc('{"from": {"phone": "0532 400 0001"}, "body": "Telefondan", "external_id": "chat-3"}'));
INSERT INTO t_in_ids SELECT 'web', api.receive_message(t_in_doc('{"channel": "web", "body": "Formdan", "external_id": "chat-3", "subject": "İletişim formu", "category": "complaint"}'));
RESET SESSION AUTHORIZATION;
SELECT is((SELECT id FROM t_in_ids WHERE what = 'again'), (SELECT id FROM t_in_ids WHERE what = 'first'),
    'a second message of the customer on the same channel joins their open ticket');
SELECT is((SELECT id FROM t_in_ids WHERE what = 'by phone'), (SELECT id FROM t_in_ids WHERE what = 'first'),
    'matched by phone written another way (0532 400 0001 is +90 532 400 00 01)');
SELECT isnt((SELECT id FROM t_in_ids WHERE what = 'web'), (SELECT id FROM t_in_ids WHERE what = 'first'),
    'another channel opens its own ticket (the same external id on another channel is another message)');
SELECT results_eq($$SELECT channel, subject, category, customer_id FROM backdesk.tickets WHERE id = (SELECT id FROM t_in_ids WHERE what = 'web')$$,
    $$SELECT 'web'::text, 'İletişim formu'::text, 'complaint'::text, (SELECT id FROM t_in_ids WHERE what = 'deniz')$$,
    'the web ticket takes the document''s subject and category');
SELECT is((SELECT count(*) FROM backdesk.ticket_messages WHERE ticket_id = (SELECT id FROM t_in_ids WHERE what = 'first')), 3::bigint,
    'the chat ticket holds the three chat messages');
SELECT is((SELECT version FROM backdesk.tickets WHERE id = (SELECT id FROM t_in_ids WHERE what = 'first')), 1,
    'a customer''s message does not bump the version (an agent''s save must not fail because the customer wrote)');

-- Idempotency.
SET SESSION AUTHORIZATION t_in_shop;
SELECT is(api.receive_message(t_in_doc('{"body": "sent twice by a retry"}')), (SELECT id FROM t_in_ids WHERE what = 'first'),
    'the same external id again returns the first ticket');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.ticket_messages WHERE external_id = 'chat-1'), 1::bigint, 'and adds nothing');

-- A phone alone never reaches a customer with another e-mail.
SET SESSION AUTHORIZATION t_in_shop;
INSERT INTO t_in_ids SELECT 'shared phone', api.receive_message(t_in_doc('{"from": {"email": "in-third@example.com", "phone": "+90 532 400 00 09"}, "external_id": "chat-4"}'));
RESET SESSION AUTHORIZATION;
SELECT is((SELECT c.email FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
           WHERE t.id = (SELECT id FROM t_in_ids WHERE what = 'shared phone')), 'in-third@example.com',
    'an e-mail nobody has with a phone of a customer with another e-mail: a new customer, not the phone''s');

-- Strangers.
SET SESSION AUTHORIZATION t_in_shop;
INSERT INTO t_in_ids SELECT 'stranger', api.receive_message('{"channel": "web", "from": {"phone": "+36 30 123 4567", "locale": "hu"},
    "body": "Szia, hol a csomagom?\nKöszi", "external_id": "web-77", "order_number": "SO-IN-1"}');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT c.name, c.phone_norm, c.email, c.locale, t.order_id IS NULL, t.subject
                    FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
                    WHERE t.id = (SELECT id FROM t_in_ids WHERE what = 'stranger')$$,
    $$VALUES ('+36 30 123 4567', '36301234567', NULL::text, 'hu', true, 'Szia, hol a csomagom?')$$,
    'a stranger''s web form becomes a new customer (named by the phone when nameless) and a ticket; someone else''s order is not linked');
SELECT is((SELECT detail ->> 'order_not_linked' FROM backdesk.audit_log WHERE action = 'ticket.receive'
           AND entity_id = (SELECT id FROM t_in_ids WHERE what = 'stranger')), 'SO-IN-1',
    'the audit row says which order number was not linked');
SELECT is((SELECT name FROM backdesk.customers WHERE id = (SELECT id FROM t_in_ids WHERE what = 'deniz')), 'Deniz Kaya',
    'a message never renames a known customer');
SET SESSION AUTHORIZATION t_in_shop;
SELECT api.receive_message(t_in_doc('{"from": {"email": "in-deniz@example.com", "name": "Sahte İsim"}, "external_id": "chat-5"}')) \g /dev/null
RESET SESSION AUTHORIZATION;
SELECT is((SELECT name FROM backdesk.customers WHERE id = (SELECT id FROM t_in_ids WHERE what = 'deniz')), 'Deniz Kaya',
    'not even when the message gives another name');

-- A solved ticket takes the message (the life part reopens it); a closed one does not.
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() - interval '1 day'
WHERE id = (SELECT id FROM t_in_ids WHERE what = 'web');
SET SESSION AUTHORIZATION t_in_shop;
SELECT is(api.receive_message(t_in_doc('{"channel": "web", "external_id": "web-2"}')), (SELECT id FROM t_in_ids WHERE what = 'web'),
    'a message on a channel whose ticket was solved joins that ticket');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.tickets SET status = 'closed' WHERE id = (SELECT id FROM t_in_ids WHERE what = 'web');
SET SESSION AUTHORIZATION t_in_shop;
SELECT isnt(api.receive_message(t_in_doc('{"channel": "web", "external_id": "web-3"}')), (SELECT id FROM t_in_ids WHERE what = 'web'),
    'after it was closed, a new ticket');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Bad documents: each member named.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_in_shop;
SELECT refused($$SELECT api.receive_message('[]')$$, 'BD005', 'message document: document must be a JSON object', 'not an object');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"chanel": "chat"}'))$$, 'BD005', 'message document: chanel is not a member%', 'an unknown member (a typo) is named');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"channel": null}'))$$, 'BD005', 'message document: channel is missing', 'channel missing');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"channel": "phone"}'))$$, 'BD005', 'message document: channel ''phone'' is not a channel%', 'channel phone: calls are logged by agents');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"channel": 3}'))$$, 'BD005', 'message document: channel must be a string%', 'channel not a string');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"from": "deniz"}'))$$, 'BD005', 'message document: from must be an object%', 'from not an object');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"from": {"name": "Deniz"}}'))$$, 'BD005', 'message document: from has neither an email nor a phone', 'from without e-mail or phone');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"from": {"email": "deniz"}}'))$$, 'BD005', 'message document: from.email ''deniz'' is not an e-mail address', 'a bad e-mail');
SELECT refused($$SELECT api.receive_message(t_in_doc(jsonb_build_object('from', jsonb_build_object('email', repeat('a', 250) || '@x.com'))))$$,
    'BD005', 'message document: from.email is too long (256 characters, at most 254)', 'a too-long e-mail');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"from": {"phone": "call me"}}'))$$, 'BD005', 'message document: from.phone ''call me'' is not a phone number', 'a phone without digits');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"from": {"phone": "12345"}}'))$$, 'BD005', 'message document: from.phone ''12345'' is not a phone number', 'a phone too short');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"from": {"email": "a@b.co", "nick": "x"}}'))$$, 'BD005', 'message document: from.nick is not a member%', 'an unknown member of from');
SELECT refused($$SELECT api.receive_message(t_in_doc(jsonb_build_object('from', jsonb_build_object('email', 'a@b.co', 'name', repeat('ş', 201)))))$$,
    'BD005', 'message document: from.name is too long (201 characters, at most 200)', 'a too-long name');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"from": {"email": "a@b.co", "name": "a\nb"}}'))$$, 'BD005', 'message document: from.name must be one line', 'a name of two lines');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"from": {"email": "a@b.co", "locale": "turkish"}}'))$$, 'BD005', 'message document: from.locale is too long%', 'a bad locale');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"body": "   "}'))$$, 'BD005', 'message document: body is empty', 'an empty body');
SELECT refused($$SELECT api.receive_message(t_in_doc(jsonb_build_object('body', repeat('x', 20001))))$$, 'BD005', 'message document: body is too long (20001 characters, at most 20000)', 'a too-long body');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"body": "a\u001bb"}'))$$, 'BD005', 'message document: body contains control characters', 'a body with an escape character');
SELECT refused($$SELECT api.receive_message(t_in_doc(jsonb_build_object('subject', repeat('x', 201))))$$, 'BD005', 'message document: subject is too long%', 'a too-long subject');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"external_id": null}'))$$, 'BD005', 'message document: external_id is missing', 'no external id');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"external_id": "a b"}'))$$, 'BD005', 'message document: external_id must not contain spaces%', 'an external id with a space');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"received_at": "yesterday"}'))$$, 'BD005', 'message document: received_at must be a time with its zone%', 'received_at not a time');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"received_at": "2026-02-30T10:00:00+03:00"}'))$$, 'BD005', 'message document: received_at is not a real time%', 'received_at not a real day');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"received_at": "2999-01-01T10:00:00Z"}'))$$, 'BD005', 'message document: received_at % is in the future', 'received_at in the future');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"order_number": "SO 1; DROP"}'))$$, 'BD005', 'message document: order_number % is not an order number', 'a malformed order number');
SELECT refused($$SELECT api.receive_message(t_in_doc('{"category": "spam"}'))$$, 'BD005', 'message document: category ''spam'' is not a ticket category', 'an unknown category');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.ticket_messages WHERE kind = 'customer'), 9::bigint, 'no refused document left a message behind');

-- received_at is the message's time.
SET SESSION AUTHORIZATION t_in_shop;
SELECT api.receive_message(t_in_doc('{"external_id": "chat-old", "received_at": "2026-11-20T14:03:00+03:00"}')) \g /dev/null
RESET SESSION AUTHORIZATION;
SELECT is((SELECT created_at FROM backdesk.ticket_messages WHERE external_id = 'chat-old'), '2026-11-20T11:03:00Z'::timestamptz,
    'the message is dated when it was received');

------------------------------------------------------------------------------
-- Roles.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_in_agent;
SELECT refused($$SELECT api.receive_message(t_in_doc('{"external_id": "agent-1"}'))$$, 'BD001', 'handing over customer messages is not allowed for t_in_agent%',
    'an agent does not hand over messages (the shop does)');
RESET SESSION AUTHORIZATION;
SELECT ok(api.receive_message(t_in_doc('{"external_id": "admin-1"}')) IS NOT NULL, 'an admin may (psql, by hand)');

SELECT * FROM finish();
ROLLBACK;
