-- Macros and satisfaction (0030, issue 12): a macro's reply is checked when saved
-- (known placeholders, the same in every language), rendered in the customer's
-- language with the ticket's values or refused naming the one missing, and applied
-- with its field changes in one transaction with the version; a ticket becoming
-- solved queues one survey, whose answer is recorded once.
BEGIN;
SELECT plan(50);

CREATE TEMP TABLE t_mc (what text PRIMARY KEY, v text);
GRANT ALL ON t_mc TO PUBLIC;
CREATE FUNCTION public.t_mc(p_what text) RETURNS text LANGUAGE sql AS $$ SELECT v FROM t_mc WHERE what = p_what $$;
CREATE FUNCTION public.t_mc_doc(p_number text, p_email text, p_locale text) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number,
    'customer', jsonb_build_object('email', p_email, 'name', 'Ayşe Makro', 'locale', p_locale))
    || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
         "lines": [{"sku": "MC-1", "name": "Kalem", "qty": 1, "unit_price": "10.00", "tax_rate": "0.20"}],
         "shipping_fee": "0.00", "free_shipping": true,
         "payment": {"method": "card", "paid": "10.00"}, "ship_by": "2099-11-22"}'::jsonb;

DO $$ BEGIN
    PERFORM api.staff_add('t_mc_agent', 'Zeynep Çelik', 'agent');
    PERFORM api.staff_add('t_mc_agent2', 'Emre Kılıç', 'agent');
    PERFORM api.staff_add('t_mc_sup', 'Gül Şef', 'supervisor');
END $$;
CREATE ROLE t_mc_shop LOGIN IN ROLE backdesk_shop;
SELECT api.import_order(t_mc_doc('SO-MC-1', 'mc-tr@example.com', 'tr')) \g /dev/null
SELECT api.import_order(t_mc_doc('SO-MC-2', 'mc-hu@example.com', 'hu')) \g /dev/null
SELECT api.import_order(t_mc_doc('SO-MC-3', 'mc-de@example.com', 'de')) \g /dev/null
-- SO-MC-1 shipped with Yurtiçi.
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no)
SELECT id, 'yurtici', '123456789012' FROM backdesk.orders WHERE number = 'SO-MC-1';
UPDATE backdesk.orders SET status = 'shipped' WHERE number = 'SO-MC-1';
-- Tickets arrive from the shop: about SO-MC-1 (tr), about no order (hu), and a German customer.
SET SESSION AUTHORIZATION t_mc_shop;
INSERT INTO t_mc VALUES
    ('tr', api.receive_message('{"channel": "email", "from": {"email": "mc-tr@example.com"}, "body": "Kargom nerede?", "external_id": "mc-1", "order_number": "SO-MC-1"}')),
    ('hu', api.receive_message('{"channel": "chat", "from": {"email": "mc-hu@example.com"}, "body": "Hol a csomagom?", "external_id": "mc-2"}')),
    ('de', api.receive_message('{"channel": "chat", "from": {"email": "mc-de@example.com"}, "body": "Wo ist mein Paket?", "external_id": "mc-3", "order_number": "SO-MC-3"}'));
RESET SESSION AUTHORIZATION;
UPDATE t_mc SET v = (SELECT number FROM backdesk.tickets WHERE id = t_mc.v::bigint);

------------------------------------------------------------------------------
-- Saving: only known placeholders, the same in every language.
------------------------------------------------------------------------------
SELECT ok((SELECT count(*) FROM backdesk.macros m WHERE m.active) >= 4
          AND (SELECT count(DISTINCT locale) FROM backdesk.macro_texts) = 2,
    'macros are seeded, with Turkish and Hungarian texts beside the English reply');
SELECT refused($$SELECT api.save_macro('bad-one', 'Bad', 'Hello {customer}, see {tracking}')$$, 'BD005',
    'macro bad-one uses {customer}, {tracking}, which backdesk does not fill', 'a macro with unknown placeholders is refused, naming them',
    '%{ticket_number}%');
SELECT refused($$SELECT api.save_macro('Bad One', 'Bad', 'Hello')$$, 'BD005', 'macro code ''Bad One'' is not valid', 'a bad code');
SELECT refused($$SELECT api.save_macro('nothing', 'Nothing', NULL)$$, 'BD005', 'macro nothing would do nothing', 'a macro that does nothing');
SELECT refused($$SELECT api.save_macro('x', 'X', NULL, 'new')$$, 'BD005', 'set_status ''new'' is not valid', 'no macro sets a ticket back to new');
SELECT refused($$SELECT api.save_macro('x', 'X', NULL, NULL, 'asap')$$, 'BD005', 'set_priority ''asap'' is not valid', 'an unknown priority');
SELECT refused($$SELECT api.save_macro('x', 'X', NULL, NULL, NULL, 'spam')$$, 'BD005', 'set_category ''spam'' is not valid', 'an unknown category');
SELECT refused($$SELECT api.save_macro('x', repeat('n', 101), 'Hi')$$, 'BD005', 'name is too long%', 'a too-long name');
SELECT is(api.save_macro('mc-hello', 'Hello', E'Hello {customer_name}, about {ticket_number}.', 'pending', 'high', 'delay'), 'mc-hello',
    'an admin saves a macro');
SELECT lives_ok($$SELECT api.save_macro_text('mc-hello', 'tr', E'Merhaba {customer_name}, {ticket_number} hakkında.')$$,
    'and its Turkish reply with the same placeholders');
SELECT refused($$SELECT api.save_macro_text('mc-hello', 'hu', 'Szia {customer_name}!')$$, 'BD005',
    'the hu reply of macro mc-hello uses other placeholders than its reply', 'a translation with other placeholders is refused');
SELECT refused($$SELECT api.save_macro_text('mc-hello', 'de', 'Hallo {customer_name} {ticket_number}')$$, 'BD005',
    'locale ''de'' is not valid', 'a language the shop does not write in');
SELECT refused($$SELECT api.save_macro('mc-hello', 'Hello', 'Hello {customer_name}.')$$, 'BD005',
    'macro mc-hello: the reply uses other placeholders than its translations', 'the reply cannot drift from its translations');
SELECT refused($$SELECT api.save_macro_text('mc-none', 'tr', 'x')$$, 'BD003', 'no macro ''mc-none''', 'a translation of no macro');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action IN ('macro.save', 'macro.save_text') AND detail ->> 'code' = 'mc-hello'), 2::bigint,
    'saving is audited');
SELECT is((SELECT summary FROM api.ticket_macros() WHERE code = 'mc-hello'), 'reply (tr), status pending, priority high, category delay',
    'api.ticket_macros says what a macro does');

------------------------------------------------------------------------------
-- Rendering.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_mc_agent;
SELECT alike(api.preview_macro(t_mc('tr'), 'where-is-it'),
    E'Merhaba Ayşe Makro,\n\nSO-MC-1 numaralı siparişiniz Yurtiçi Kargo firmasında. Kargonuzu buradan takip edebilirsiniz: https://%123456789012%(takip numarası 123456789012).\n\nSaygılarımızla,\nZeynep Çelik',
    'a Turkish customer gets the Turkish reply, with the order''s carrier, tracking link and the agent''s name');
SELECT is(api.preview_macro(t_mc('hu'), 'thanks-solved'),
    format(E'Kedves Ayşe Makro!\n\nKöszönjük a türelmét. A(z) %s számú ügyét lezártnak tekintjük; ha valami mégsem rendben, csak válaszoljon erre az üzenetre.\n\nÜdvözlettel:\nZeynep Çelik', t_mc('hu')),
    'a Hungarian customer gets the Hungarian one, with the ticket number');
SELECT alike(api.preview_macro(t_mc('de'), 'thanks-solved'), E'Hello Ayşe Makro,\n\nthank you for your patience.%',
    'a customer whose language has no text gets the macro''s reply');
SELECT refused(format($$SELECT api.preview_macro(%L, 'where-is-it')$$, t_mc('hu')), 'BD002',
    format('macro where-is-it needs {carrier}, which ticket %s does not have: the ticket is about no order', t_mc('hu')),
    'a ticket about no order cannot take an order''s placeholders');
SELECT refused(format($$SELECT api.preview_macro(%L, 'where-is-it')$$, t_mc('de')), 'BD002',
    format('macro where-is-it needs {carrier}, which ticket %s does not have: not shipped yet', t_mc('de')),
    'nor an order that has not shipped, and says why');
SELECT is(api.preview_macro(t_mc('tr'), 'escalate'), NULL, 'a macro without a reply previews as nothing');
SELECT refused($$SELECT api.preview_macro('T-0', 'escalate')$$, 'BD003', 'no ticket ''T-0''', 'no such ticket');
SELECT refused(format($$SELECT api.preview_macro(%L, 'no-such')$$, t_mc('tr')), 'BD003', 'no macro ''no-such''', 'no such macro');

------------------------------------------------------------------------------
-- Applying.
------------------------------------------------------------------------------
SELECT is(api.apply_macro(t_mc('tr'), 'where-is-it', 1), 2, 'an agent applies a macro on the version they saw: the new version');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, priority, category, first_response_at IS NOT NULL FROM backdesk.tickets WHERE number = %L$$, t_mc('tr')),
    $$VALUES ('pending', 'normal', 'where-is-my-order', true)$$,
    'its status and category are set, the first response recorded');
SELECT results_eq(format($$SELECT m.kind, m.author, left(m.body, 20), o.kind, o.recipient, o.lang,
                                  o.vars = jsonb_build_object('customer_name', 'Ayşe Makro', 'ticket_number', t.number,
                                                              'ticket_subject', 'Kargom nerede?', 'body', m.body)
                           FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
                           JOIN backdesk.outbox o ON o.ticket_id = t.id
                           WHERE t.number = %L AND m.kind = 'reply'$$, t_mc('tr')),
    $$VALUES ('reply', 't_mc_agent', E'Merhaba Ayşe Makro,\n', 'reply', 'mc-tr@example.com', 'tr', true)$$,
    'the reply is a message on the ticket and in the outbox to the customer, its text in the reply file''s frame (0049)');
SELECT is((SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.macro' AND actor = 't_mc_agent'
           AND detail ->> 'macro' = 'where-is-it' AND detail ->> 'version' = '2'), 1::bigint, 'audited with the new version');
SET SESSION AUTHORIZATION t_mc_agent2;
SELECT refused(format($$SELECT api.apply_macro(%L, 'escalate', 1)$$, t_mc('tr')), 'BD004',
    format('ticket %s was changed by Zeynep Çelik at %%', t_mc('tr')), 'a colleague on the old version is told who changed it');
SELECT is(api.apply_macro(t_mc('tr'), 'escalate'), 3, 'without a version: applied (a macro without a reply)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT priority || ' ' || status FROM backdesk.tickets WHERE number = t_mc('tr')), 'urgent pending', 'only the priority changed');
UPDATE backdesk.tickets SET status = 'on_hold' WHERE number = t_mc('hu');
SET SESSION AUTHORIZATION t_mc_agent;
SELECT refused(format($$SELECT api.apply_macro(%L, 'ask-for-photo')$$, t_mc('hu')), 'BD002',
    format('macro ask-for-photo would take ticket %s from on_hold to pending, which is not a step a ticket takes', t_mc('hu')),
    'a status step tickets do not take is refused, naming both states');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
           WHERE t.number = t_mc('hu') AND m.kind = 'reply'), 0::bigint, 'and nothing of it happened (no reply)');
SELECT api.save_macro('ask-for-photo', 'Damaged: ask for photos', (SELECT reply_body FROM backdesk.macros WHERE code = 'ask-for-photo'),
                      'pending', 'high', 'damaged', false) \g /dev/null
SET SESSION AUTHORIZATION t_mc_agent;
SELECT refused(format($$SELECT api.apply_macro(%L, 'ask-for-photo')$$, t_mc('de')), 'BD002', 'macro ask-for-photo is no longer in use',
    'an inactive macro is refused');
SELECT is((SELECT count(*) FROM api.ticket_macros() WHERE code = 'ask-for-photo'), 0::bigint, 'and no longer offered');

------------------------------------------------------------------------------
-- Satisfaction.
------------------------------------------------------------------------------
SELECT is(api.apply_macro(t_mc('de'), 'thanks-solved'), 2, 'thanks-solved resolves the German customer''s ticket');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT o.kind, o.recipient, o.lang, o.vars
                           FROM backdesk.outbox o JOIN backdesk.tickets t ON t.id = o.ticket_id
                           WHERE t.number = %L AND o.kind = 'survey'$$, t_mc('de')),
    format($$VALUES ('survey', 'mc-de@example.com', 'en',
                     jsonb_build_object('customer_name', 'Ayşe Makro', 'ticket_number', %L))$$, t_mc('de')),
    'resolving queues one survey, in the customer''s language (English for German)');
UPDATE backdesk.tickets SET status = 'open', solved_at = NULL WHERE number = t_mc('de');
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() WHERE number = t_mc('de');
SELECT is((SELECT count(*) FROM backdesk.outbox o JOIN backdesk.tickets t ON t.id = o.ticket_id
           WHERE t.number = t_mc('de') AND o.kind = 'survey'), 1::bigint, 'solved again: no second survey');
SELECT is((SELECT count(*) FROM backdesk.outbox o JOIN backdesk.tickets t ON t.id = o.ticket_id
           WHERE t.number = t_mc('tr') AND o.kind = 'survey'), 0::bigint, 'a ticket not solved has none');
UPDATE backdesk.tickets SET assignee_id = (SELECT id FROM backdesk.staff WHERE login = 't_mc_agent') WHERE number = t_mc('de');

SET SESSION AUTHORIZATION t_mc_shop;
SELECT refused(format($$SELECT api.record_csat(%L, 6)$$, t_mc('de')), 'BD005', 'score 6 is not between 1 and 5', 'a score above 5');
SELECT refused(format($$SELECT api.record_csat(%L, 0)$$, t_mc('de')), 'BD005', 'score 0 is not between 1 and 5', 'a score of 0');
SELECT refused(format($$SELECT api.record_csat(%L, 4, repeat('x', 2001))$$, t_mc('de')), 'BD005', 'comment is too long%', 'a too-long comment');
SELECT refused(format($$SELECT api.record_csat(%L, 4)$$, t_mc('tr')), 'BD002', format('ticket %s has not been resolved%%', t_mc('tr')),
    'a ticket never resolved has no survey to answer');
SELECT lives_ok(format($$SELECT api.record_csat(%L, 4, '  Hızlıydı, teşekkürler  ')$$, t_mc('de')), 'the shop records the answer');
SELECT refused(format($$SELECT api.record_csat(%L, 1)$$, t_mc('de')), 'BD007', format('ticket %s was already rated 4 on %%', t_mc('de')),
    'a second answer is refused: the first stands');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT satisfaction::int, satisfaction_comment, satisfaction_at IS NOT NULL, version FROM backdesk.tickets WHERE number = %L$$, t_mc('de')),
    $$VALUES (4, 'Hızlıydı, teşekkürler', true, 2)$$, 'stored with its comment and time, the version left alone');
SET SESSION AUTHORIZATION t_mc_sup;
SELECT results_eq($$SELECT login, full_name, rated, average, satisfied_pct FROM api.csat_by_agent() WHERE login LIKE 't\_mc\_%'$$,
    $$VALUES ('t_mc_agent'::text, 'Zeynep Çelik'::text, 1, 4.00, 100.0)$$, 'a supervisor reads the scores per agent');
SELECT refused(format($$SELECT api.record_csat(%L, 5)$$, t_mc('de')), 'BD001', 'recording satisfaction is not allowed for t_mc_sup%',
    'a supervisor records no answers');
SELECT refused(format($$SELECT api.apply_macro(%L, 'escalate')$$, t_mc('tr')), 'BD001', 'applying macros is not allowed for t_mc_sup%',
    'a supervisor applies no macro');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_mc_agent;
SELECT refused($$SELECT api.save_macro('x', 'X', 'Hi')$$, 'BD001', 'saving macros is not allowed for t_mc_agent%', 'an agent saves no macro');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
