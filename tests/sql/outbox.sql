-- The outbox delivered (0045, issue 16): every row has a Message-ID and its
-- customer's language; each message the issue lists is queued once by the change
-- that causes it, whoever makes the change (api or plain SQL); a sender claims
-- due rows under a lease, marks them sent or failed (back-off, parked after max
-- attempts or at once when permanent, not counted when the server is down); a
-- supervisor retries a parked one; a reply is previewed exactly as it would go.
-- Concurrent claims: tests/shell/outbox_race.t.
BEGIN;
SELECT plan(63);

CREATE FUNCTION public.t_ob_doc(p_number text, p_email text, p_locale text, p_name text DEFAULT 'Ayşe Posta')
    RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number,
    'customer', jsonb_build_object('email', p_email, 'name', p_name, 'locale', p_locale))
    || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
         "lines": [{"sku": "OB-1", "name": "Kalem", "qty": 2, "unit_price": "10.00", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": true,
         "payment": {"method": "card", "paid": "20.00"}, "ship_by": "2099-11-22"}'::jsonb;
CREATE FUNCTION public.t_ob_count(p_kind text, p_order text) RETURNS bigint LANGUAGE sql
RETURN (SELECT count(*) FROM backdesk.outbox o JOIN backdesk.orders r ON r.id = o.order_id
        WHERE o.kind = p_kind AND r.number = p_order);

DO $$ BEGIN
    PERFORM api.staff_add('t_ob_agent', 'Zeynep Posta', 'agent');
    PERFORM api.staff_add('t_ob_sup', 'Gül Posta', 'supervisor');
    PERFORM api.staff_add('t_ob_admin', 'Emre Posta', 'admin');
END $$;
CREATE ROLE t_ob_shop LOGIN IN ROLE backdesk_shop;

------------------------------------------------------------------------------
-- Message-ID, language, state of a new row.
------------------------------------------------------------------------------
SELECT api.set_setting('mail_domain', 'posta.example') \g /dev/null
SELECT api.import_order(t_ob_doc('SO-OB-1', 'ob-tr@example.com', 'tr')) \g /dev/null
SELECT api.import_order(t_ob_doc('SO-OB-2', 'ob-hu@example.com', 'hu', 'Kovács Éva')) \g /dev/null
SELECT api.import_order(t_ob_doc('SO-OB-3', 'ob-en@example.com', 'de', 'Hans Post')) \g /dev/null
SELECT is(t_ob_count('order_confirmation', 'SO-OB-1'), 0::bigint,
    'order_confirmation_email off (the default): an import queues no confirmation');
SELECT api.queue_message('SO-OB-1', 'order_confirmation') AS id \gset ob_
SELECT ok((SELECT message_id ~ ('^<bd\.' || id || '\.[0-9a-f]{16}@posta\.example>$') FROM backdesk.outbox WHERE id = :ob_id),
    'a new row gets a Message-ID <bd.ID.RANDOM@mail_domain>');
SELECT results_eq($$SELECT state, lang, vars ->> 'order_number', attempts FROM backdesk.outbox WHERE id = $$ || :ob_id,
    $$VALUES ('queued', 'tr', 'SO-OB-1', 0)$$, 'queued, in the customer''s language, written from its file (vars, 0049), no attempts');
SELECT is((SELECT count(*) FROM backdesk.outbox WHERE message_id IS NULL OR lang IS NULL), 0::bigint,
    'every row has a Message-ID and a language');

-- Confirmation at import when the shop turns it on: once, with the lines.
SELECT api.set_setting('order_confirmation_email', 'on') \g /dev/null
SELECT api.import_order(t_ob_doc('SO-OB-4', 'ob-4@example.com', 'hu', 'Nagy Péter')) \g /dev/null
SELECT is(t_ob_count('order_confirmation', 'SO-OB-4'), 1::bigint, 'order_confirmation_email on: an import queues one confirmation');
SELECT ok((SELECT vars ->> 'lines' LIKE '%Kalem%' AND vars ->> 'customer_name' = 'Nagy Péter' AND lang = 'hu'
           FROM backdesk.outbox o JOIN backdesk.orders r ON r.id = o.order_id
           WHERE r.number = 'SO-OB-4' AND o.kind = 'order_confirmation'),
    'the confirmation lists the lines, in the customer''s language (hu)');
SELECT api.import_order(t_ob_doc('SO-OB-4', 'ob-4@example.com', 'hu', 'Nagy Péter')) \g /dev/null
SELECT is(t_ob_count('order_confirmation', 'SO-OB-4'), 1::bigint, 'the same order sent again queues no second confirmation');
SELECT api.set_setting('order_confirmation_email', 'off') \g /dev/null

------------------------------------------------------------------------------
-- Returns, refunds, delivery, stock: queued by the change, whoever makes it.
------------------------------------------------------------------------------
INSERT INTO backdesk.returns (order_id, reason)
SELECT id, 'too small' FROM backdesk.orders WHERE number = 'SO-OB-1';
INSERT INTO backdesk.return_lines (return_id, order_line_id, qty)
SELECT (SELECT max(id) FROM backdesk.returns), l.id, 1
FROM backdesk.order_lines l JOIN backdesk.orders o ON o.id = l.order_id WHERE o.number = 'SO-OB-1';
UPDATE backdesk.returns SET status = 'approved' WHERE id = (SELECT max(id) FROM backdesk.returns);
SELECT is(t_ob_count('return_approved', 'SO-OB-1'), 1::bigint, 'a return approved (even by plain SQL) queues return_approved');
SELECT ok((SELECT vars ->> 'return_address' = backdesk.setting('return_address')
                  AND vars ->> 'items' = '1 x Kalem' AND vars ->> 'customer_name' = 'Ayşe Posta'
                  AND vars ->> 'return_number' LIKE 'R-%' AND lang = 'tr' AND recipient = 'ob-tr@example.com'
           FROM backdesk.outbox WHERE kind = 'return_approved'),
    'return_approved carries the values its template needs: number, items, the return address, the name');
UPDATE backdesk.returns SET status = 'approved' WHERE id = (SELECT max(id) FROM backdesk.returns);
SELECT is(t_ob_count('return_approved', 'SO-OB-1'), 1::bigint, 'the status written again queues nothing more');
UPDATE backdesk.returns SET status = 'received' WHERE id = (SELECT max(id) FROM backdesk.returns);
SELECT is(t_ob_count('return_received', 'SO-OB-1'), 1::bigint, 'a return received queues return_received');
SELECT throws_ok(format($$UPDATE backdesk.outbox SET message_id = (SELECT message_id FROM backdesk.outbox WHERE id <> %s LIMIT 1) WHERE id = %s$$, :ob_id, :ob_id),
    '23505', NULL, 'Message-IDs are unique');

SET SESSION AUTHORIZATION t_ob_agent;
SELECT api.cancel_order('SO-OB-2', 'customer asked') \g /dev/null
RESET SESSION AUTHORIZATION;
SELECT is(t_ob_count('refund_issued', 'SO-OB-2'), 1::bigint, 'a cancellation''s refund queues refund_issued');
SELECT ok((SELECT vars ->> 'amount' = '20,00' AND vars ->> 'currency' = 'TRY' AND lang = 'hu'
           FROM backdesk.outbox o JOIN backdesk.orders r ON r.id = o.order_id
           WHERE r.number = 'SO-OB-2' AND o.kind = 'refund_issued'),
    'refund_issued says the amount and currency, in Hungarian for a Hungarian customer (20,00: 0050)');

UPDATE backdesk.orders SET status = 'delivered' WHERE number = 'SO-OB-3';
SELECT is(t_ob_count('feedback_request', 'SO-OB-3'), 0::bigint, 'no discount code set: a delivery asks for no feedback');
UPDATE backdesk.orders SET status = 'shipped' WHERE number = 'SO-OB-3';
SELECT api.set_setting('feedback_discount_code', 'THANKS-10') \g /dev/null
UPDATE backdesk.orders SET status = 'delivered' WHERE number = 'SO-OB-3';
SELECT is(t_ob_count('feedback_request', 'SO-OB-3'), 1::bigint, 'a delivered order queues a feedback request');
SELECT ok((SELECT vars ->> 'discount_code' = 'THANKS-10' AND lang = 'en'
           FROM backdesk.outbox WHERE kind = 'feedback_request'),
    'with the shop''s discount code, in English for a German customer');
UPDATE backdesk.orders SET status = 'shipped' WHERE number = 'SO-OB-3';
UPDATE backdesk.orders SET status = 'delivered' WHERE number = 'SO-OB-3';
SELECT is(t_ob_count('feedback_request', 'SO-OB-3'), 1::bigint, 'delivered again: still one feedback request');

INSERT INTO backdesk.products (sku, name, stock) VALUES ('OB-LAMP', 'Masa lambası', 0);
SET SESSION AUTHORIZATION t_ob_agent;
SELECT api.add_stock_alert('OB-HU@example.com', 'OB-LAMP') AS alert \gset ob_
SELECT is(api.add_stock_alert('ob-hu@example.com', 'OB-LAMP'), :ob_alert::bigint, 'asking twice is one alert');
SELECT refused($$SELECT api.add_stock_alert('nobody@example.com', 'OB-LAMP')$$, 'BD003',
    'no customer with the e-mail address nobody@example.com', 'an unknown customer (BD003)');
SELECT refused($$SELECT api.add_stock_alert('ob-hu@example.com', 'OB-NONE')$$, 'BD003', 'no product OB-NONE', 'an unknown product (BD003)');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.products SET stock = 5 WHERE sku = 'OB-LAMP';
SELECT results_eq($$SELECT kind, lang, vars ->> 'product_name' FROM backdesk.outbox WHERE kind = 'back_in_stock'$$,
    $$VALUES ('back_in_stock', 'hu', 'Masa lambası')$$, 'stock back: the customer who asked is told, in their language');
SET SESSION AUTHORIZATION t_ob_agent;
SELECT refused($$SELECT api.add_stock_alert('ob-hu@example.com', 'OB-LAMP')$$, 'BD002',
    'Masa lambası (OB-LAMP) is in stock (5)', 'an alert for what is in stock (BD002)');
RESET SESSION AUTHORIZATION;
UPDATE backdesk.products SET stock = 0 WHERE sku = 'OB-LAMP';
UPDATE backdesk.products SET stock = 3 WHERE sku = 'OB-LAMP';
SELECT is((SELECT count(*) FROM backdesk.outbox WHERE kind = 'back_in_stock'), 1::bigint, 'an alert is used once');

------------------------------------------------------------------------------
-- Claim, lease, mark.
------------------------------------------------------------------------------
-- Only the rows of this test (the template database may hold others): older rows sent.
UPDATE backdesk.outbox SET state = 'sent', sent_at = now()
WHERE customer_id NOT IN (SELECT id FROM backdesk.customers WHERE email LIKE 'ob-%');
-- An SMS is not the mail sender's.
INSERT INTO backdesk.outbox (kind, channel, customer_id, recipient, subject, body)
SELECT 'template', 'sms', id, '+90 532 000 00 00', 's', 'b' FROM backdesk.customers WHERE email = 'ob-tr@example.com';

SET SESSION AUTHORIZATION t_ob_admin;
CREATE TEMP TABLE t_ob_c1 AS SELECT * FROM api.outbox_claim(3, 60);
SELECT is((SELECT count(*) FROM t_ob_c1), 3::bigint, 'a claim takes at most its limit');
SELECT is((SELECT count(DISTINCT claim) FROM t_ob_c1), 1::bigint, 'one claim token for the batch');
CREATE TEMP TABLE t_ob_c2 AS SELECT * FROM api.outbox_claim(1000, 60);
SELECT is((SELECT count(*) FROM t_ob_c2 WHERE id IN (SELECT id FROM t_ob_c1)), 0::bigint,
    'a second claim gets none of the first''s rows while their lease runs');
SELECT is((SELECT count(*) FROM (SELECT id FROM t_ob_c1 UNION ALL SELECT id FROM t_ob_c2) x), (SELECT count(*) FROM backdesk.outbox WHERE channel = 'email' AND state = 'sending'),
    'between them every due e-mail, each once');
SELECT is((SELECT count(*) FROM t_ob_c2 WHERE kind = 'template'), 0::bigint, 'no SMS is claimed');
SELECT ok((SELECT bool_and(attempts = 1) FROM t_ob_c2), 'a claim counts an attempt');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT bool_and(state = 'sending' AND next_try_at > now() + interval '50 seconds')
           FROM backdesk.outbox WHERE id IN (SELECT id FROM t_ob_c1)), 'claimed rows are sending until the lease ends');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'outbox.claim' AND entity_id IN (SELECT id FROM t_ob_c1)),
    3::bigint, 'each claimed row is audited');

-- The first sender dies: its lease runs out, another sender takes the rows.
UPDATE backdesk.outbox SET next_try_at = now() - interval '1 second' WHERE id IN (SELECT id FROM t_ob_c1);
SET SESSION AUTHORIZATION t_ob_admin;
CREATE TEMP TABLE t_ob_c3 AS SELECT * FROM api.outbox_claim(1000, 60);
SELECT set_eq($$SELECT id FROM t_ob_c3$$, $$SELECT id FROM t_ob_c1$$, 'rows whose lease ran out are claimable again');
SELECT ok((SELECT bool_and(attempts = 2) FROM t_ob_c3), 'the second claim is the second attempt');
SELECT refused(format($$SELECT api.outbox_mark_sent(%s, %L)$$, (SELECT min(id) FROM t_ob_c1), (SELECT min(claim::text) FROM t_ob_c1)),
    'BD002', '%under another claim (your lease ran out)', 'the dead sender''s claim can no longer mark the row');
SELECT lives_ok(format($$SELECT api.outbox_mark_sent(%s, %L)$$, (SELECT min(id) FROM t_ob_c3), (SELECT min(claim::text) FROM t_ob_c3)),
    'the new claim marks it sent');
SELECT lives_ok(format($$SELECT api.outbox_mark_sent(%s, %L)$$, (SELECT min(id) FROM t_ob_c3), (SELECT min(claim::text) FROM t_ob_c3)),
    'marked sent again with the same claim: nothing happens');
SELECT refused($$SELECT api.outbox_mark_sent(-1, '00000000-0000-4000-8000-000000000000')$$, 'BD003', 'no outbox message -1', 'an unknown message (BD003)');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT state, sent_at IS NOT NULL FROM backdesk.outbox WHERE id = %s$$, (SELECT min(id) FROM t_ob_c3)),
    $$VALUES ('sent', true)$$, 'sent, with its time');

-- Failures: back-off, parking, permanent, server down.
CREATE FUNCTION public.t_ob_fail(p_row int, p_permanent boolean, p_max int, p_down boolean DEFAULT false) RETURNS text
    LANGUAGE sql
RETURN api.outbox_mark_failed((SELECT id FROM t_ob_c3 ORDER BY id OFFSET p_row LIMIT 1),
                              (SELECT claim FROM t_ob_c3 LIMIT 1), '451 4.3.0 try later', p_permanent, p_max, p_down);
GRANT SELECT ON t_ob_c3 TO PUBLIC;
SET SESSION AUTHORIZATION t_ob_admin;
SELECT is(t_ob_fail(1, false, 8), 'queued', 'a temporary failure under max attempts: queued again');
SELECT is(t_ob_fail(2, false, 2), 'failed', 'a failure at max attempts: parked');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT next_try_at BETWEEN now() + interval '119 seconds' AND now() + interval '121 seconds'
                  AND last_error = '451 4.3.0 try later'
           FROM backdesk.outbox WHERE id = (SELECT id FROM t_ob_c3 ORDER BY id OFFSET 1 LIMIT 1)),
    'the second attempt''s back-off is 2 minutes, the error kept');
SELECT is(backdesk.outbox_backoff(1), interval '1 minute', 'back-off after the first attempt: 1 minute');
SELECT is(backdesk.outbox_backoff(20), interval '6 hours', 'the back-off stops at 6 hours');
SELECT ok((SELECT state = 'failed' AND failed_at IS NOT NULL FROM backdesk.outbox WHERE id = (SELECT id FROM t_ob_c3 ORDER BY id OFFSET 2 LIMIT 1)),
    'parked: failed, with its time');

UPDATE backdesk.outbox SET next_try_at = now() - interval '1 second'
WHERE id IN (SELECT id FROM t_ob_c2 ORDER BY id LIMIT 2);
SET SESSION AUTHORIZATION t_ob_admin;
CREATE TEMP TABLE t_ob_c4 AS SELECT * FROM api.outbox_claim(2, 60);
GRANT SELECT ON t_ob_c4 TO PUBLIC;
SELECT is(api.outbox_mark_failed((SELECT min(id) FROM t_ob_c4), (SELECT min(claim::text) FROM t_ob_c4)::uuid,
                                 '550 5.1.1 no such user', true, 8), 'failed', 'a permanent refusal parks at once');
SELECT is(api.outbox_mark_failed((SELECT max(id) FROM t_ob_c4), (SELECT min(claim::text) FROM t_ob_c4)::uuid,
                                 'cannot reach the mail server', false, 1, true), 'queued',
    'the server down: queued again even at max attempts');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT attempts, next_try_at BETWEEN now() + interval '59 seconds' AND now() + interval '61 seconds'
                          FROM backdesk.outbox WHERE id = %s$$, (SELECT max(id) FROM t_ob_c4)),
    $$VALUES (1, true)$$, 'the server down: the attempt not counted, again in a minute');
SET SESSION AUTHORIZATION t_ob_admin;
SELECT refused(format($$SELECT api.outbox_mark_failed(%s, %L, '  ')$$, (SELECT max(id) FROM t_ob_c3), (SELECT min(claim::text) FROM t_ob_c3)),
    'BD005', 'the error is empty', 'a failure without an error (BD005)');
SELECT refused($$SELECT count(*) FROM api.outbox_claim(0)$$, 'BD005', 'limit 0 is not between 1 and 1000', 'a claim of 0 (BD005)');
SELECT refused($$SELECT count(*) FROM api.outbox_claim(5, 5)$$, 'BD005', 'lease of 5 seconds is not between 10 and 3600', 'a lease of 5 s (BD005)');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- Retry from the console.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ob_agent;
SELECT refused(format($$SELECT api.outbox_retry(%s)$$, (SELECT min(id) FROM t_ob_c4)), 'BD001',
    'retrying a message to a customer is not allowed for t_ob_agent (role: agent)', 'an agent may not retry (BD001)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_ob_sup;
SELECT lives_ok(format($$SELECT api.outbox_retry(%s)$$, (SELECT min(id) FROM t_ob_c4)), 'a supervisor retries a parked message');
SELECT refused(format($$SELECT api.outbox_retry(%s)$$, (SELECT min(id) FROM t_ob_c4)), 'BD002',
    '% is queued, not failed', 'a queued message is not retried (BD002)');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT state, attempts, next_try_at <= now(), last_error FROM backdesk.outbox WHERE id = %s$$, (SELECT min(id) FROM t_ob_c4)),
    $$VALUES ('queued', 0, true, '550 5.1.1 no such user')$$, 'retried: queued now, attempts from 0, the last error kept');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'outbox.retry' AND actor = 't_ob_sup'), 1::bigint, 'the retry is audited with who');

------------------------------------------------------------------------------
-- Preview of a reply.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_ob_shop;
SELECT api.receive_message('{"channel": "email", "from": {"email": "ob-hu@example.com"}, "body": "Hol a csomagom?", "external_id": "ob-1"}') AS tid \gset ob_
RESET SESSION AUTHORIZATION;
SELECT number AS tnum FROM backdesk.tickets WHERE id = :ob_tid \gset ob_
SELECT count(*) AS before_outbox FROM backdesk.outbox \gset ob_
SELECT count(*) AS before_msgs FROM backdesk.ticket_messages \gset ob_
SET SESSION AUTHORIZATION t_ob_agent;
SELECT results_eq(format($$SELECT recipient, lang, kind, vars - 'customer_name' FROM api.preview_reply(%L, 'Holnap érkezik.')$$, :'ob_tnum'),
    format($$VALUES ('ob-hu@example.com', 'hu', 'reply', jsonb_build_object('ticket_number', %L, 'ticket_subject',
                     (SELECT subject FROM backdesk.tickets WHERE number = %L), 'body', 'Holnap érkezik.'))$$, :'ob_tnum', :'ob_tnum'),
    'a reply previewed: to whom, in Hungarian, the values its file is rendered with when it goes (0049)');
SELECT is((SELECT channel FROM api.preview_reply(:'ob_tnum', 'Holnap.')), 'email',
    'the preview says the reply goes by e-mail (0051: the console shows it in the notices'' preview)');
SELECT refused(format($$SELECT api.preview_reply(%L, 'x', 999)$$, :'ob_tnum'), 'BD004', '%', 'the preview refuses what the reply would (BD004)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.outbox), :ob_before_outbox::bigint, 'a preview queues nothing');
SELECT is((SELECT count(*) FROM backdesk.ticket_messages), :ob_before_msgs::bigint, 'a preview adds no message to the ticket');
SET SESSION AUTHORIZATION t_ob_agent;
SELECT results_eq($$SELECT recipient, lang, channel, vars ->> 'order_number', vars ->> 'lines' LIKE '%Kalem%'
                    FROM api.preview_message('SO-OB-4', 'order_confirmation')$$,
    $$VALUES ('ob-4@example.com', 'hu', 'email', 'SO-OB-4', true)$$,
    'preview_message: the confirmation as it would go, in Hungarian, with its values (0049)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.outbox), :ob_before_outbox::bigint, 'preview_message queues nothing');

SELECT * FROM finish();
ROLLBACK;
