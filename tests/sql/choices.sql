-- The closed lists (0015): one table each, read by the constraints (foreign keys), by
-- the api (need_one_of with backdesk.choice_codes) and by the console (view
-- backdesk.choices).  A code added to a table is accepted everywhere at once; a code
-- set inactive is no longer offered or accepted for new rows, and old rows keep it.
BEGIN;
SELECT plan(21);

CREATE FUNCTION public.t_ch_doc(p_number text) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number) || '{"placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "choices@example.com", "name": "Liste Deneme", "locale": "tr"},
         "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
         "lines": [{"sku": "CH-1", "name": "Kalem", "qty": 1, "unit_price": "10.00", "tax_rate": "0.20"}],
         "payment": {"method": "card", "paid": "10.00"}, "ship_by": "2026-11-22"}'::jsonb;
SELECT api.import_order(t_ch_doc('SO-CH-1')) \g /dev/null
CREATE FUNCTION public.t_ch_cust() RETURNS bigint LANGUAGE sql
AS $$ SELECT id FROM backdesk.customers WHERE email = 'choices@example.com' $$;
SELECT api.staff_add('t_ch_agent', 'Liste Ajan', 'agent') \g /dev/null
CREATE TEMP TABLE t_ch_made (number text);
GRANT ALL ON t_ch_made TO PUBLIC;

------------------------------------------------------------------------------
-- The view, the tables and the foreign keys.
------------------------------------------------------------------------------
SELECT set_eq($$SELECT DISTINCT list FROM backdesk.choices$$,
    ARRAY['ticket_category', 'ticket_channel', 'ticket_priority', 'ticket_status', 'call_outcome'],
    'backdesk.choices holds the five lists');
SELECT is_empty($$
    SELECT list FROM backdesk.choices GROUP BY list
    HAVING count(*) <> count(DISTINCT position) OR NOT bool_or(active)
$$, 'in every list the positions are distinct and some code is offered');
SELECT results_eq($$SELECT backdesk.choice_codes('ticket_category')$$,
    $$SELECT array_agg(code ORDER BY position) FROM backdesk.ticket_categories WHERE active$$,
    'choice_codes(ticket_category) is the table''s offered codes, in order');
SELECT is(backdesk.ticket_categories(), backdesk.choice_codes('ticket_category'),
    'backdesk.ticket_categories() reads the same table');
SELECT is(backdesk.choice_codes('no_such_list'), '{}'::text[], 'a list that does not exist is empty');
SELECT results_eq($$
    SELECT a.attname::text COLLATE "default", k.confrelid::regclass::text COLLATE "default" FROM pg_constraint k
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
    WHERE k.conrelid IN ('backdesk.tickets'::regclass, 'backdesk.templates'::regclass) AND k.contype = 'f'
      AND k.confrelid::regclass::text LIKE 'backdesk.ticket\_%'
    ORDER BY k.conrelid::regclass::text, 1
$$, $$VALUES ('category', 'backdesk.ticket_categories'), ('category', 'backdesk.ticket_categories'),
             ('channel', 'backdesk.ticket_channels'), ('priority', 'backdesk.ticket_priorities'),
             ('status', 'backdesk.ticket_statuses')$$,
    'a ticket''s category, channel, priority and status, and a template''s category, are foreign keys to the lists');
SELECT is_empty($$
    SELECT conname FROM pg_constraint
    WHERE conrelid = 'backdesk.tickets'::regclass AND contype = 'c'
      AND conname IN ('tickets_category_check', 'tickets_channel_check', 'tickets_priority_check', 'tickets_status_check')
$$, 'no CHECK repeats a list');
-- The ticket queue's index sorts by priority_rank(), which must be immutable: the
-- table's order and the function's agree.
SELECT results_eq($$SELECT code FROM backdesk.ticket_priorities ORDER BY position$$,
    $$SELECT code FROM backdesk.ticket_priorities ORDER BY backdesk.priority_rank(code), code$$,
    'ticket priorities: the table''s order is priority_rank()''s');
SELECT is_empty($$SELECT s FROM unnest(ARRAY['new', 'open', 'solved']) s
                  WHERE s NOT IN (SELECT code FROM backdesk.ticket_statuses)$$,
    'the statuses the api writes are in the list');

------------------------------------------------------------------------------
-- The api refuses with the table's list, and takes what is added to it.
------------------------------------------------------------------------------
SELECT 'Use one of: ' || array_to_string(backdesk.choice_codes('ticket_category'), ', ') || '.' AS t_ch_cat_hint,
       'Use one of: ' || array_to_string(backdesk.choice_codes('call_outcome'), ', ') || '.' AS t_ch_out_hint \gset
SET SESSION AUTHORIZATION t_ch_agent;
SELECT refused($$SELECT api.open_ticket(t_ch_cust(), NULL, 'phone', 'gift-wrap', 'normal', 'x', '')$$,
    'BD005', 'category ''gift-wrap'' is not valid', 'open_ticket: a category not in the table is refused, naming the table''s',
    :'t_ch_cat_hint');
SELECT refused($$SELECT api.log_call(t_ch_cust(), NULL, 'delay', 'voicemail', 'x', 10)$$,
    'BD005', 'outcome ''voicemail'' is not valid', 'log_call: an outcome not in the table is refused, naming the table''s',
    :'t_ch_out_hint');
RESET SESSION AUTHORIZATION;

INSERT INTO backdesk.ticket_categories (code, position) VALUES ('gift-wrap', 5);
INSERT INTO backdesk.call_outcomes (code, position) VALUES ('voicemail', 60);
INSERT INTO backdesk.ticket_channels (code, position) VALUES ('whatsapp', 60);
INSERT INTO backdesk.ticket_priorities (code, position) VALUES ('someday', 50);
SELECT is((backdesk.choice_codes('ticket_category'))[1], 'gift-wrap', 'a new category comes where its position puts it');

SET SESSION AUTHORIZATION t_ch_agent;
SELECT lives_ok($$INSERT INTO t_ch_made SELECT api.open_ticket(t_ch_cust(), 'SO-CH-1', 'whatsapp', 'gift-wrap', 'someday', 'Hediye paketi', '')$$,
    'open_ticket: a category, channel and priority just added are accepted');
-- A second open gift-wrap ticket: the agent saw the first (0023).
SELECT lives_ok($$INSERT INTO t_ch_made SELECT api.log_call(t_ch_cust(), NULL, 'gift-wrap', 'voicemail', 'sesli mesaj', 12,
                                                             open_anyway => true)$$,
    'log_call: a category and an outcome just added are accepted');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT channel, category, priority, status FROM backdesk.tickets t JOIN t_ch_made m ON m.number = t.number
                    ORDER BY t.id$$,
    $$VALUES ('whatsapp', 'gift-wrap', 'someday', 'new'), ('phone', 'gift-wrap', 'normal', 'open')$$,
    'the tickets carry them');

-- Retired: not offered, not accepted, kept by the tickets that have it.
UPDATE backdesk.ticket_categories SET active = false WHERE code = 'gift-wrap';
SELECT ok(NOT ('gift-wrap' = ANY (backdesk.choice_codes('ticket_category'))), 'an inactive category is not offered');
SELECT is((SELECT active FROM backdesk.choices WHERE list = 'ticket_category' AND code = 'gift-wrap'), false,
    'the view says it is inactive (the console loads only active codes)');
SET SESSION AUTHORIZATION t_ch_agent;
SELECT refused($$SELECT api.open_ticket(t_ch_cust(), NULL, 'phone', 'gift-wrap', 'normal', 'x', '')$$,
    'BD005', 'category ''gift-wrap'' is not valid', 'open_ticket: an inactive category is refused');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM backdesk.tickets WHERE category = 'gift-wrap'), 2, 'old tickets keep it');
SELECT throws_ok($$DELETE FROM backdesk.ticket_categories WHERE code = 'gift-wrap'$$, '23503', NULL,
    'a category that tickets have cannot be deleted');

-- Every role that opens a form may read the lists.
CREATE ROLE t_ch_wh LOGIN IN ROLE backdesk_warehouse;
SET SESSION AUTHORIZATION t_ch_wh;
SELECT lives_ok($$SELECT list, code FROM backdesk.choices WHERE active ORDER BY list, position$$,
    'the warehouse may read the lists');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
