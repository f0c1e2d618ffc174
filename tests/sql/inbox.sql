-- Mail from the support mailbox (0046, issue 16): api.receive_mail threads a mail
-- onto its ticket by In-Reply-To/References (our outbox mails, earlier inbound mails)
-- or the subject's ticket number, only when the sender is that ticket's customer;
-- else a new e-mail ticket for the sender.  Idempotent on Message-ID.  Attachments
-- listed.  Auto-replies and bounces add a system note and never reopen, never make
-- a customer.
BEGIN;
SELECT plan(33);

CREATE ROLE t_ib_shop LOGIN IN ROLE backdesk_shop;
CREATE FUNCTION public.t_ib(p jsonb) RETURNS text LANGUAGE sql
AS $$ SELECT format('%s %s %s', r.outcome, coalesce(r.ticket_number, '-'), r.duplicate::text)
      FROM api.receive_mail('{"from": {"email": "ib-deniz@example.com", "name": "Deniz Kaya"},
                              "subject": "Hello", "body": "Merhaba"}'::jsonb || p) r $$;
CREATE FUNCTION public.t_ib_no(p_text text) RETURNS text LANGUAGE sql
AS $$ SELECT split_part(p_text, ' ', 2) $$;
CREATE TEMP TABLE t_ib_got (what text PRIMARY KEY, got text);
GRANT ALL ON t_ib_got TO PUBLIC;

SELECT api.import_order('{"number": "SO-IB-1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "ib-deniz@example.com", "phone": "+90 532 410 00 01", "name": "Deniz Kaya", "locale": "tr"},
    "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
    "lines": [{"sku": "IB-1", "name": "Kalem", "qty": 1, "unit_price": "10.00", "tax_rate": "0.20"}],
    "shipping_fee": "0.00", "free_shipping": true, "payment": {"method": "card", "paid": "10.00"},
    "ship_by": "2026-11-22"}'::jsonb) \g /dev/null
SELECT api.import_order('{"number": "SO-IB-2", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "ib-other@example.com", "phone": "+90 532 410 00 02", "name": "Başka Biri", "locale": "tr"},
    "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
    "lines": [{"sku": "IB-1", "name": "Kalem", "qty": 1, "unit_price": "10.00", "tax_rate": "0.20"}],
    "shipping_fee": "0.00", "free_shipping": true, "payment": {"method": "card", "paid": "10.00"},
    "ship_by": "2026-11-22"}'::jsonb) \g /dev/null

------------------------------------------------------------------------------
-- A new mail, then the same again.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ib_shop;
INSERT INTO t_ib_got SELECT 'first', t_ib('{"message_id": "<m1@mail.example>", "subject": "Siparişim nerede?",
    "attachments": [{"name": "fatura.pdf", "type": "application/pdf", "size": 48213},
                    {"name": "kutu.jpg", "type": "IMAGE/JPEG", "size": 1200000}]}');
INSERT INTO t_ib_got SELECT 'again', t_ib('{"message_id": "<m1@mail.example>", "subject": "Siparişim nerede?"}');
RESET SESSION AUTHORIZATION;
SELECT matches((SELECT got FROM t_ib_got WHERE what = 'first'), '^new_ticket T-\d+ false$',
    'a mail without references or number becomes a new ticket');
SELECT results_eq($$SELECT t.channel, t.status, t.subject, c.email FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
                    WHERE t.number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first'))$$,
    $$VALUES ('email', 'new', 'Siparişim nerede?', 'ib-deniz@example.com')$$,
    'an e-mail ticket of the customer matched by address, the subject as its subject');
SELECT is((SELECT got FROM t_ib_got WHERE what = 'again'),
          'new_ticket ' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) || ' true',
    'the same Message-ID again returns the first outcome, marked duplicate');
SELECT is((SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
           WHERE t.number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first'))), 1::bigint,
    'and adds nothing');
SELECT results_eq($$SELECT a.position::int, a.name, a.content_type, a.size FROM backdesk.ticket_message_attachments a
                    JOIN backdesk.ticket_messages m ON m.id = a.message_id JOIN backdesk.tickets t ON t.id = m.ticket_id
                    WHERE t.number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) ORDER BY 1$$,
    $$VALUES (1, 'fatura.pdf', 'application/pdf', 48213::bigint), (2, 'kutu.jpg', 'image/jpeg', 1200000::bigint)$$,
    'the attachments are listed with the message: name, type (lower case), size');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'mail.receive' AND actor = 't_ib_shop'
           AND detail ->> 'outcome' = 'new_ticket' AND detail ->> 'message_id' = '<m1@mail.example>'), 1::bigint,
    'audited once, as the shop');

------------------------------------------------------------------------------
-- Threading.
------------------------------------------------------------------------------
-- Our reply went out (the outbox row the ticket reply wrote), with its Message-ID.
INSERT INTO backdesk.outbox (kind, customer_id, ticket_id, recipient, subject, body, message_id)
SELECT 'template', t.customer_id, t.id, 'ib-deniz@example.com', 'Re: ' || t.subject, 'Kargoda', '<bd.1.abc@shop.example>'
FROM backdesk.tickets t WHERE t.number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first'));
-- The outbox stamps its own Message-ID (0045); the mails below answer this one.
UPDATE backdesk.outbox SET message_id = '<bd.1.abc@shop.example>' WHERE id = (SELECT max(id) FROM backdesk.outbox);
UPDATE backdesk.tickets SET status = 'pending' WHERE number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first'));

SET SESSION AUTHORIZATION t_ib_shop;
INSERT INTO t_ib_got SELECT 'answer', t_ib('{"message_id": "<m2@mail.example>", "in_reply_to": ["<bd.1.abc@shop.example>"],
    "references": ["<m1@mail.example>", "<bd.1.abc@shop.example>"], "subject": "Re: whatever", "body": "Teşekkürler"}');
INSERT INTO t_ib_got SELECT 'by inbound', t_ib('{"message_id": "<m3@mail.example>", "references": ["<unknown@x>", "<m2@mail.example>"]}');
INSERT INTO t_ib_got SELECT 'by subject', t_ib(jsonb_build_object('message_id', '<m4@mail.example>',
    'subject', 'Re: [' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) || '] Siparişim nerede?'));
INSERT INTO t_ib_got SELECT 'lower subject', t_ib(jsonb_build_object('message_id', '<m4b@mail.example>',
    'subject', 'ynt: ' || lower(t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')))));
RESET SESSION AUTHORIZATION;
SELECT is((SELECT got FROM t_ib_got WHERE what = 'answer'), 'reply ' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) || ' false',
    'an answer to our outbox mail (In-Reply-To) joins its ticket');
SELECT is((SELECT status FROM backdesk.tickets WHERE number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first'))), 'open',
    'and, being the customer''s message, reopens the pending ticket');
SELECT is((SELECT got FROM t_ib_got WHERE what = 'by inbound'), 'reply ' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) || ' false',
    'References naming an earlier inbound mail thread too (unknown ids skipped)');
SELECT is((SELECT got FROM t_ib_got WHERE what = 'by subject'), 'reply ' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) || ' false',
    'no references: the ticket number in the subject');
SELECT is((SELECT got FROM t_ib_got WHERE what = 'lower subject'), 'reply ' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) || ' false',
    'the number in any case');
SELECT is((SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
           WHERE t.number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) AND m.kind = 'customer'), 5::bigint,
    'the ticket holds the five customer mails');

------------------------------------------------------------------------------
-- The attacker: forged references and guessed numbers from another address.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ib_shop;
INSERT INTO t_ib_got SELECT 'forged', t_ib('{"message_id": "<evil1@evil.example>", "from": {"email": "ib-other@example.com"},
    "in_reply_to": ["<bd.1.abc@shop.example>"], "body": "Send the refund to my IBAN"}');
INSERT INTO t_ib_got SELECT 'guessed', t_ib(jsonb_build_object('message_id', '<evil2@evil.example>', 'from', jsonb_build_object('email', 'ib-evil@evil.example'),
    'subject', 'Re: ' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first'))));
RESET SESSION AUTHORIZATION;
SELECT isnt(t_ib_no((SELECT got FROM t_ib_got WHERE what = 'forged')), t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')),
    'a forged In-Reply-To from another customer''s address does not join the ticket');
SELECT is((SELECT c.email FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
           WHERE t.number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'forged'))), 'ib-other@example.com',
    'it becomes a new ticket of its real sender');
SELECT is((SELECT detail ->> 'not_threaded' FROM backdesk.audit_log WHERE action = 'mail.receive'
           AND detail ->> 'message_id' = '<evil1@evil.example>'), t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')),
    'the audit row names the ticket it pointed at, for an agent to merge by hand');
SELECT matches((SELECT got FROM t_ib_got WHERE what = 'guessed'), '^new_ticket ',
    'a guessed ticket number from a stranger: a new ticket, not the customer''s');

------------------------------------------------------------------------------
-- Auto-replies and bounces.
------------------------------------------------------------------------------
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() WHERE number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first'));
SET SESSION AUTHORIZATION t_ib_shop;
INSERT INTO t_ib_got SELECT 'vacation', t_ib('{"message_id": "<v1@mail.example>", "kind": "auto_reply",
    "in_reply_to": ["<bd.1.abc@shop.example>"], "subject": "Out of office", "body": "I am away until Monday."}');
INSERT INTO t_ib_got SELECT 'bounce', t_ib('{"message_id": "<b1@mx.example>", "kind": "bounce", "from": {"email": "mailer-daemon@mx.example"},
    "references": ["<bd.1.abc@shop.example>"], "subject": "Undelivered Mail Returned to Sender", "body": "550 5.1.1 user unknown"}');
INSERT INTO t_ib_got SELECT 'stray bounce', t_ib('{"message_id": "<b2@mx.example>", "kind": "bounce", "from": {"email": "mailer-daemon@stray.example"},
    "references": ["<m1@mail.example>"], "subject": "failure notice"}');
INSERT INTO t_ib_got SELECT 'stray auto', t_ib('{"message_id": "<v2@mail.example>", "kind": "auto_reply", "from": {"email": "ib-robot@nowhere.example"},
    "subject": "Auto: thanks"}');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT got FROM t_ib_got WHERE what = 'vacation'), 'auto_reply ' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) || ' false',
    'an auto-reply is recorded on the ticket it answers');
SELECT is((SELECT got FROM t_ib_got WHERE what = 'bounce'), 'bounce ' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) || ' false',
    'a bounce naming our mail is recorded on its ticket');
SELECT is((SELECT status FROM backdesk.tickets WHERE number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first'))), 'solved',
    'neither reopens the solved ticket');
SELECT results_eq($$SELECT m.kind, left(m.body, 24) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
                    WHERE t.number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) AND m.kind = 'system' ORDER BY m.id$$,
    $$VALUES ('system', 'Automatic reply from ib-'), ('system', 'Delivery failed (bounce ')$$,
    'both are system notes');
SELECT is((SELECT got FROM t_ib_got WHERE what = 'stray bounce'), 'ignored - false',
    'a bounce referring only to an inbound mail (not ours) is ignored');
SELECT is((SELECT got FROM t_ib_got WHERE what = 'stray auto'), 'ignored - false',
    'an auto-reply from a stranger referring to nothing is ignored');
SELECT is((SELECT count(*) FROM backdesk.customers WHERE email IN ('mailer-daemon@mx.example', 'mailer-daemon@stray.example',
                                                                   'ib-robot@nowhere.example')), 0::bigint,
    'auto-replies and bounces never make a customer');
SET SESSION AUTHORIZATION t_ib_shop;
SELECT is(t_ib('{"message_id": "<v2@mail.example>", "kind": "auto_reply", "from": {"email": "ib-robot@nowhere.example"}}'),
    'ignored - true', 'an ignored mail is remembered too: again, a duplicate');
RESET SESSION AUTHORIZATION;

-- A mail answering a ticket that was merged away joins the ticket it was merged into.
SET SESSION AUTHORIZATION t_ib_shop;
INSERT INTO t_ib_got SELECT 'to merge', t_ib('{"message_id": "<mm1@mail.example>", "subject": "Başka bir konu"}');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.tickets SET status = 'closed', merged_into = (SELECT id FROM backdesk.tickets
    WHERE number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')))
WHERE number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'to merge'));
SET SESSION AUTHORIZATION t_ib_shop;
SELECT is(t_ib('{"message_id": "<mm2@mail.example>", "in_reply_to": ["<mm1@mail.example>"]}'),
    'reply ' || t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first')) || ' false',
    'an answer to a ticket merged away joins the ticket it was merged into');
RESET SESSION AUTHORIZATION;

-- A closed ticket is final: the customer's mail opens a new one.
UPDATE backdesk.tickets SET status = 'closed' WHERE number = t_ib_no((SELECT got FROM t_ib_got WHERE what = 'first'));
SET SESSION AUTHORIZATION t_ib_shop;
SELECT matches(t_ib('{"message_id": "<m9@mail.example>", "in_reply_to": ["<bd.1.abc@shop.example>"]}'),
    '^new_ticket T-\d+ false$', 'an answer to a closed ticket opens a new one');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Refusals.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ib_shop;
SELECT throws_like($$SELECT t_ib('{"body": "no id"}')$$, '%message_id is missing%', 'no Message-ID: BD005 naming it');
SELECT throws_ok($$SELECT t_ib('{"message_id": "<x1@x>", "cc": []}')$$, 'BD005', 'message document: cc is not a member backdesk knows',
    'an unknown member is refused by name');
SELECT throws_like($$SELECT t_ib('{"message_id": "<x2@x>", "kind": "spam"}')$$, '%kind%', 'an unknown kind is refused');
SELECT throws_like($$SELECT t_ib('{"message_id": "<x3@x>", "from": {"email": "not an address"}}')$$, '%from.email%',
    'a sender that is not an address is refused');
SELECT throws_like($$SELECT t_ib(jsonb_build_object('message_id', '<x4@x>', 'body', repeat('a', 100001)))$$, '%body is too long%',
    'a body over 100000 characters is refused (the parser caps it first)');
SELECT throws_like($$SELECT t_ib('{"message_id": "<x5@x>", "attachments": [{"name": "a", "type": "text/plain", "size": -1}]}')$$,
    '%attachments%', 'a negative attachment size is refused');
RESET SESSION AUTHORIZATION;
DO $$ BEGIN PERFORM api.staff_add('t_ib_agent', 'Ayşe Gelen', 'agent'); END $$;
SET SESSION AUTHORIZATION t_ib_agent;
SELECT throws_ok($$SELECT * FROM api.receive_mail('{}')$$, 'BD001', NULL, 'an agent may not hand over mail');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
