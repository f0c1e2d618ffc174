-- api.customer_360 and api.find_target: who may call them, what each role gets,
-- and the refusals (BD003 for nobody, BD005 for a kind api.find never returns).
BEGIN;
SELECT plan(19);

CREATE ROLE t_c3_agent LOGIN IN ROLE backdesk_agent;
CREATE ROLE t_c3_sup LOGIN IN ROLE backdesk_supervisor;
CREATE ROLE t_c3_wh LOGIN IN ROLE backdesk_warehouse;
CREATE ROLE t_c3_shop LOGIN IN ROLE backdesk_shop;

CREATE TEMP TABLE t_c3 (id bigint);
GRANT SELECT ON t_c3 TO PUBLIC;
INSERT INTO t_c3 SELECT api.import_order('{"number": "SO-C3-1", "placed_at": "2026-11-20T14:03:00+03:00",
  "currency": "TRY", "customer": {"email": "c3@example.com", "name": "İpek Güneş", "phone": "0532 111 22 33"},
  "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
  "lines": [{"sku": "A-1", "name": "Çaydanlık", "qty": 1, "unit_price": "450.00"}],
  "payment": {"method": "card", "paid": "450.00"}}'::jsonb);
UPDATE t_c3 SET id = (SELECT customer_id FROM backdesk.orders WHERE number = 'SO-C3-1');
INSERT INTO backdesk.tickets (channel, category, subject, customer_id, first_response_due, resolve_due, satisfaction, status)
SELECT 'phone', 'praise', 'Teşekkürler', id, now(), now(), 5, 'solved' FROM t_c3;
INSERT INTO backdesk.notes (entity, entity_id, body) SELECT 'customer', id, 'not for the warehouse' FROM t_c3;

SET SESSION AUTHORIZATION t_c3_agent;
SELECT is((SELECT api.customer_360(id)->>'name' FROM t_c3), 'İpek Güneş', 'an agent opens the customer');
SELECT is((SELECT api.customer_360(id)->'spent'->0->>'net' FROM t_c3), '450.00', 'and sees what was spent');
SELECT is((SELECT api.customer_360(id)->'satisfaction'->>'average' FROM t_c3), '5.0', 'and the satisfaction');
SELECT is((SELECT jsonb_array_length(api.customer_360(id)->'notes') FROM t_c3), 1, 'and the notes');
SELECT throws_ok('SELECT api.customer_360(-1)', 'BD003', 'no customer with id -1', 'an unknown customer is BD003');
SELECT is((SELECT t.order_number FROM api.find_target('order', (SELECT id FROM backdesk.orders WHERE number = 'SO-C3-1')) t),
    'SO-C3-1', 'find_target: an order leads to itself');
SELECT is((SELECT t.customer_name FROM api.find_target('ticket', (SELECT id FROM backdesk.tickets WHERE subject = 'Teşekkürler')) t),
    'İpek Güneş', 'find_target: a ticket without an order leads to its customer');
SELECT throws_ok($$SELECT * FROM api.find_target('invoice', 1)$$, 'BD005', NULL, 'find_target: an unknown kind is BD005');
-- All hits at once, in the order given, each as find_target has it.
SELECT results_eq(
    $$SELECT kind, order_number, customer_name
      FROM api.find_targets(ARRAY['ticket', 'order', 'customer', 'order'],
                            ARRAY[(SELECT id FROM backdesk.tickets WHERE subject = 'Teşekkürler'),
                                  (SELECT id FROM backdesk.orders WHERE number = 'SO-C3-1'),
                                  (SELECT id FROM t_c3), -1])$$,
    $$VALUES ('ticket', NULL::text, 'İpek Güneş'), ('order', 'SO-C3-1', 'İpek Güneş'),
             ('customer', NULL, 'İpek Güneş'), ('order', NULL, NULL)$$,
    'find_targets: every hit in its order, an id that is gone leads nowhere');
SELECT is((SELECT count(*) FROM api.find_targets('{}', '{}')), 0::bigint, 'find_targets: no hits, no rows');
SELECT throws_ok($$SELECT * FROM api.find_targets(ARRAY['order', 'order'], ARRAY[1::bigint])$$, 'BD005',
    '2 kinds but 1 ids: each hit is one kind and one id', 'find_targets: kinds and ids pair up');
SELECT throws_ok($$SELECT * FROM api.find_targets(ARRAY['order', 'invoice'], ARRAY[1, 2]::bigint[])$$, 'BD005',
    'kind ''invoice'' is not a kind api.find returns', 'find_targets: an unknown kind is BD005');
SELECT throws_ok($$SELECT * FROM api.find_targets(array_fill('order'::text, ARRAY[201]), array_fill(1::bigint, ARRAY[201]))$$,
    'BD006', '201 hits at once: at most 200', 'find_targets: at most 200 hits');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_c3_sup;
SELECT is((SELECT jsonb_array_length(api.customer_360(id)->'recent_tickets') FROM t_c3), 1,
    'a supervisor sees the tickets');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_c3_wh;
SELECT is((SELECT jsonb_array_length(api.customer_360(id)->'orders') FROM t_c3), 1, 'the warehouse sees the orders');
SELECT ok((SELECT d->'spent' = 'null' AND d->'refunds' = 'null' AND d->'gift_codes' = 'null'
              AND d->'open_tickets' = 'null' AND d->'recent_tickets' = 'null'
              AND d->'satisfaction' = 'null' AND d->'notes' = 'null'
           FROM (SELECT api.customer_360(id) AS d FROM t_c3) x),
    'but no money, refunds, gift codes, tickets, satisfaction or notes');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_c3_shop;
SELECT throws_ok('SELECT api.customer_360(1)', '42501', NULL, 'the shop cannot read customers');
SELECT throws_ok($$SELECT * FROM api.find_target('order', 1)$$, '42501', NULL, 'nor follow lookup hits');
RESET SESSION AUTHORIZATION;

SELECT is((SELECT provolatile::text || prosecdef::text FROM pg_proc WHERE oid = 'api.customer_360(bigint)'::regprocedure),
    'strue', 'customer_360 is STABLE and SECURITY DEFINER');

SELECT * FROM finish();
ROLLBACK;
