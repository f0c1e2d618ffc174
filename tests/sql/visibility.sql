-- A disabled login can do nothing more through the api, and search shows only what
-- the role may read (0013).  The session a login has open when it is disabled is
-- ended: tests/shell/staff.t.
BEGIN;

SELECT api.import_order('{"number": "SO-VIS-1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "vis@example.com", "name": "Görünür Müşteri"},
    "shipping_address": {"line1": "Kordon 1", "city": "İzmir", "country": "TR"},
    "lines": [{"sku": "KUP-001", "name": "Kupa", "qty": 1, "unit_price": "149.90"}],
    "payment": {"method": "card", "paid": "149.90"}}') \g /dev/null
CREATE TEMP TABLE t_vis (ticket_number text, ticket_id bigint, order_id bigint);
GRANT SELECT ON t_vis TO PUBLIC;
SELECT api.open_ticket((SELECT customer_id FROM backdesk.orders WHERE number = 'SO-VIS-1'), 'SO-VIS-1', 'phone',
                       'complaint', 'normal', 'Secret complaint about the courier', 'internal') AS vis_ticket \gset
INSERT INTO t_vis SELECT number, id, order_id FROM backdesk.tickets WHERE number = :'vis_ticket';

DO $$ BEGIN
    PERFORM api.staff_add('t_vis_agent', 'Ayşe Görür', 'agent');
    PERFORM api.staff_add('t_vis_wh', 'Mehmet Depo', 'warehouse');
    PERFORM api.staff_add('t_vis_gone', 'Eski Çalışan', 'agent');
    PERFORM api.staff_disable('t_vis_gone');
END $$;

SELECT plan(13);

------------------------------------------------------------------------------
-- Search follows the tables' visibility.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_vis_agent;
SELECT is((SELECT count(*) FROM api.find((SELECT ticket_number FROM t_vis)) WHERE kind = 'ticket'), 1::bigint,
    'find: an agent finds the ticket by its number');
SELECT is((SELECT count(*) FROM api.find(substr((SELECT ticket_number FROM t_vis), 3)) WHERE kind = 'ticket'), 1::bigint,
    'find: and by its digits');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_vis_wh;
SELECT is_empty(format($$SELECT * FROM api.find(%L) WHERE kind = 'ticket'$$, (SELECT ticket_number FROM t_vis)),
    'find: the warehouse, which may not read tickets, gets no ticket hit by number');
SELECT is_empty(format($$SELECT * FROM api.find(%L) WHERE kind = 'ticket' OR detail LIKE '%%Secret%%'$$,
                       substr((SELECT ticket_number FROM t_vis), 3)),
    'find: nor by its digits, and no subject anywhere in what it gets');
SELECT is((SELECT count(*) FROM api.find('SO-VIS-1') WHERE kind = 'order'), 1::bigint,
    'find: the warehouse still finds the order');
SELECT refused(format($$SELECT * FROM api.find_target('ticket', %s)$$, (SELECT ticket_id FROM t_vis)), 'BD001',
    'opening tickets is not allowed for t_vis_wh (role: warehouse)', 'find_target: the warehouse cannot open a ticket hit');
SELECT refused(format($$SELECT * FROM api.find_targets(ARRAY['order', 'ticket'], ARRAY[-1, %s]::bigint[])$$, (SELECT ticket_id FROM t_vis)), 'BD001',
    'opening tickets is not allowed for t_vis_wh (role: warehouse)', 'find_targets: nor among other hits');
RESET SESSION AUTHORIZATION;

------------------------------------------------------------------------------
-- A disabled login.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_vis_gone;
SELECT refused($$SELECT * FROM api.find('SO-VIS-1')$$, 'BD001',
    'searching is not allowed for t_vis_gone: the login was disabled on ____-__-__ __:__',
    'disabled: an open session can no longer search');
SELECT refused($$SELECT api.add_note('order', (SELECT order_id FROM t_vis), 'still here')$$,
    'BD001', 'adding notes is not allowed for t_vis_gone: the login was disabled%', 'disabled: nor change anything');
SELECT refused($$SELECT api.issue_refund('SO-VIS-1', 1, 'goodwill', 'x', gen_random_uuid())$$,
    'BD001', 'issuing refunds is not allowed for t_vis_gone: the login was disabled%', 'disabled: nor move money');
SELECT results_eq($$SELECT role, active FROM api.whoami()$$, $$VALUES ('disabled', false)$$,
    'disabled: whoami still answers, and says so');
-- Out of its group (0032): the open session reads no table any more either.
SELECT throws_ok($$SELECT count(*) FROM backdesk.orders$$, '42501', NULL,
    'disabled: an open session can no longer read the orders');
SELECT throws_ok($$SELECT count(*) FROM backdesk.customers$$, '42501', NULL,
    'disabled: nor the customers');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
