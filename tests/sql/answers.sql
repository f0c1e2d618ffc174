-- Answer templates: filled in the customer's language, sent through the outbox by
-- agents only, audited.
BEGIN;
SELECT plan(10);

CREATE ROLE t_ans_agent LOGIN IN ROLE backdesk_agent;
CREATE ROLE t_ans_sup LOGIN IN ROLE backdesk_supervisor;
-- Due to ship in three days: on time, so "Not shipped yet" fits it.
SELECT api.import_order('{"number": "SO-ANS1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
  "customer": {"email": "ans@example.com", "name": "Gülşen Çağlar", "locale": "tr"},
  "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
  "lines": [{"sku": "A-1", "name": "Çaydanlık", "qty": 1, "unit_price": "450.00"}],
  "payment": {"method": "card", "paid": "450.00"}}'::jsonb
  || jsonb_build_object('ship_by', backdesk.shop_date(now()) + 3));
SELECT api.import_order('{"number": "SO-ANS2", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
  "customer": {"phone": "+90 555 000 11 22", "name": "Telefon Only", "locale": "hu"},
  "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
  "lines": [{"sku": "A-1", "name": "Çaydanlık", "qty": 1, "unit_price": "450.00"}],
  "payment": {"method": "card", "paid": "450.00"}}'::jsonb);

SET SESSION AUTHORIZATION t_ans_agent;
SELECT ok((SELECT count(*) > 0 FROM api.order_answers('SO-ANS1')), 'an agent gets the answers for an order');
SELECT ok((SELECT bool_and(t.locale = 'tr') FROM api.order_answers('SO-ANS1') a
           JOIN backdesk.templates t ON t.id = a.template_id), 'in the customer''s language (tr)');
SELECT ok((SELECT bool_and(body LIKE '%SO-ANS1%' OR body NOT LIKE '%{order_number}%')
           FROM api.order_answers('SO-ANS1')), 'filled with the order''s data');
SELECT is((SELECT category FROM api.order_answers('SO-ANS1') LIMIT 1), 'where-is-my-order',
    'the most asked question first');
SELECT ok((SELECT bool_and(t.locale = 'en') FROM api.order_answers('SO-ANS2') a
           JOIN backdesk.templates t ON t.id = a.template_id), 'English when there is none in the customer''s language');
SELECT ok((SELECT api.queue_template((SELECT template_id FROM api.order_answers('SO-ANS1') LIMIT 1), 'SO-ANS1') > 0),
    'an agent sends one');
SELECT throws_ok($$SELECT api.queue_template((SELECT template_id FROM api.order_answers('SO-ANS2') LIMIT 1), 'SO-ANS2')$$,
    'BD002', NULL, 'not to a customer without an e-mail address');
RESET SESSION AUTHORIZATION;

SELECT is((SELECT recipient || ' ' || kind FROM backdesk.outbox WHERE subject LIKE '%SO-ANS1'),
    'ans@example.com template', 'it waits in the outbox for the customer');
SELECT is((SELECT actor FROM backdesk.audit_log WHERE action = 'outbox.template'), 't_ans_agent', 'audited');

SET SESSION AUTHORIZATION t_ans_sup;
SELECT throws_ok($$SELECT api.queue_template(1, 'SO-ANS1')$$, 'BD001', NULL, 'a supervisor does not send');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
