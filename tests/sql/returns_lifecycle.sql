-- A return's life (0037, issue 13): what may come back and until when (the return
-- window, the warranty), the request and its refusals, every move of the lifecycle
-- allowed and refused, versions (BD004 naming who), the parcel back, receiving,
-- inspection (stock, restocking fee), closing, the return's document for the
-- warehouse and for an agent, and the audit rows.
BEGIN;
SELECT plan(119);

CREATE TEMP TABLE t_rl_ids (what text PRIMARY KEY, v text);
GRANT ALL ON t_rl_ids TO PUBLIC;
CREATE FUNCTION public.t_rl_id(p_what text) RETURNS text LANGUAGE sql
AS $$ SELECT v FROM t_rl_ids WHERE what = p_what $$;

-- A paid order of the given lines (sku, name, qty, unit_price), paid in full.
CREATE FUNCTION public.t_rl_doc(p_number text, p_lines jsonb) RETURNS jsonb LANGUAGE sql
RETURN jsonb_build_object('number', p_number, 'lines', p_lines,
    'payment', jsonb_build_object('method', 'card', 'paid',
        (SELECT sum((l ->> 'qty')::numeric * (l ->> 'unit_price')::numeric)::text FROM jsonb_array_elements(p_lines) l)))
    || '{"placed_at": "2026-01-10T14:03:00+03:00", "currency": "TRY",
         "customer": {"email": "rl@example.com", "name": "İade Deneme", "locale": "tr"},
         "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
         "shipping_fee": "0.00", "free_shipping": true}'::jsonb;
-- The order's parcel delivered p_days ago.
CREATE FUNCTION public.t_rl_deliver(p_number text, p_days integer) RETURNS void LANGUAGE sql
AS $$
    INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, delivered_at)
    SELECT o.id, 'yurtici', 'RLSHIP' || o.id, 'DELIVERED', now() - make_interval(days => p_days + 1),
           now() - make_interval(days => p_days)
    FROM backdesk.orders o WHERE o.number = p_number;
    UPDATE backdesk.orders SET status = 'delivered' WHERE number = p_number;
$$;
CREATE FUNCTION public.t_rl(p_number text) RETURNS backdesk.returns LANGUAGE sql
AS $$ SELECT * FROM backdesk.returns WHERE number = p_number $$;
CREATE FUNCTION public.t_rl_stock(p_sku text) RETURNS integer LANGUAGE sql
AS $$ SELECT stock FROM backdesk.products WHERE sku = p_sku $$;
CREATE FUNCTION public.t_rl_delivered_day(p_number text) RETURNS date LANGUAGE sql
AS $$ SELECT backdesk.shop_date(max(s.delivered_at)) FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
      WHERE o.number = p_number $$;

-- What the lifecycle function for p_to does to a return put in status p_from: 'ok' or
-- the SQLSTATE.  As the superuser (admin), so only the state decides.
CREATE FUNCTION public.t_rl_move(p_from text, p_to text) RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v_number text := api.request_return('SO-RL-MOVES', '[{"line_no": 1, "qty": 1, "reason": "other"}]', 'move');
BEGIN
    UPDATE backdesk.returns SET status = p_from,
        rejection_reason = CASE WHEN p_from = 'rejected' THEN 'test' END,
        carrier = CASE WHEN p_from = 'awaiting_parcel' THEN 'aras' END,
        tracking_no = CASE WHEN p_from = 'awaiting_parcel' THEN 'MVA' || id END
    WHERE number = v_number;
    CASE p_to
        WHEN 'approved' THEN PERFORM api.approve_return(v_number);
        WHEN 'rejected' THEN PERFORM api.reject_return(v_number, 'move');
        WHEN 'awaiting_parcel' THEN PERFORM api.set_return_parcel(v_number, 'mng', 'MVB' || (t_rl(v_number)).id);
        WHEN 'received' THEN PERFORM api.receive_return(v_number);
        WHEN 'inspected' THEN PERFORM api.inspect_return(v_number,
            '[{"line_no": 1, "condition": "as_new", "accepted_qty": 1, "disposition": "write_off"}]', NULL);
        WHEN 'closed' THEN PERFORM api.close_return(v_number);
    END CASE;
    RETURN CASE WHEN (t_rl(v_number)).status = p_to THEN 'ok' ELSE 'not moved' END;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;

DO $$ BEGIN
    PERFORM api.staff_add('t_rl_ayse', 'Ayşe Yılmaz', 'agent');
    PERFORM api.staff_add('t_rl_deniz', 'Deniz Kaya', 'agent');
    PERFORM api.staff_add('t_rl_mehmet', 'Mehmet Depo', 'warehouse');
    PERFORM api.staff_add('t_rl_zeynep', 'Zeynep Şahin', 'supervisor');
END $$;

SELECT api.import_order(t_rl_doc('SO-RL-1', '[{"sku": "RL-TV", "name": "Televizyon", "qty": 1, "unit_price": "5000.00"},
    {"sku": "RL-KUP", "name": "Kupa", "qty": 2, "unit_price": "149.90"},
    {"sku": "RL-KALEM", "name": "Kalem", "qty": 3, "unit_price": "10.00"}]')) \g /dev/null
SELECT api.import_order(t_rl_doc('SO-RL-OLD', '[{"sku": "RL-FIRIN", "name": "Fırın", "qty": 1, "unit_price": "900.00"},
    {"sku": "RL-HEDIYE", "name": "Hediye paketi", "qty": 1, "unit_price": "5.00"}]')) \g /dev/null
SELECT api.import_order(t_rl_doc('SO-RL-EXP', '[{"sku": "RL-PIL", "name": "Pil", "qty": 1, "unit_price": "20.00"}]')) \g /dev/null
SELECT api.import_order(t_rl_doc('SO-RL-NEW', '[{"sku": "RL-KUP", "name": "Kupa", "qty": 1, "unit_price": "149.90"}]')) \g /dev/null
SELECT api.import_order(t_rl_doc('SO-RL-ROAD', '[{"sku": "RL-KUP", "name": "Kupa", "qty": 1, "unit_price": "149.90"}]')) \g /dev/null
SELECT api.import_order(t_rl_doc('SO-RL-MOVES', '[{"sku": "RL-VIDA", "name": "Vida", "qty": 1000, "unit_price": "1.00"}]')) \g /dev/null
SELECT api.import_order(t_rl_doc('SO-RL-W', '[{"sku": "RL-SAAT", "name": "Saat", "qty": 1, "unit_price": "300.00"}]')) \g /dev/null
SELECT t_rl_deliver('SO-RL-1', 2), t_rl_deliver('SO-RL-OLD', 40), t_rl_deliver('SO-RL-EXP', 40),
       t_rl_deliver('SO-RL-MOVES', 1), t_rl_deliver('SO-RL-W', 100) \g /dev/null
-- A gift wrap is no product; a battery has one month of warranty.
UPDATE backdesk.order_lines SET product_id = NULL WHERE sku = 'RL-HEDIYE';
UPDATE backdesk.products SET warranty_months = 1 WHERE sku = 'RL-PIL';
UPDATE backdesk.products SET stock = 5 WHERE sku IN ('RL-TV', 'RL-KUP', 'RL-KALEM');
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
SELECT id, 'aras', 'RLROAD0001', 'IN_TRANSIT', now() - interval '1 day' FROM backdesk.orders WHERE number = 'SO-RL-ROAD';
UPDATE backdesk.orders SET status = 'shipped' WHERE number = 'SO-RL-ROAD';

------------------------------------------------------------------------------
-- What may come back, and until when.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_rl_mehmet;
SELECT results_eq($$SELECT line_no, sku, qty, returnable, unit_price, currency, return_until, warranty_until, "window"
                    FROM api.returnable_lines('SO-RL-1')$$,
    $$VALUES (1, 'RL-TV', 1, 1, 5000.00::numeric, 'TRY', t_rl_delivered_day('SO-RL-1') + 14,
              (t_rl_delivered_day('SO-RL-1') + interval '24 months')::date, 'return'),
             (2, 'RL-KUP', 2, 2, 149.90, 'TRY', t_rl_delivered_day('SO-RL-1') + 14,
              (t_rl_delivered_day('SO-RL-1') + interval '24 months')::date, 'return'),
             (3, 'RL-KALEM', 3, 3, 10.00, 'TRY', t_rl_delivered_day('SO-RL-1') + 14,
              (t_rl_delivered_day('SO-RL-1') + interval '24 months')::date, 'return')$$,
    'returnable_lines (warehouse): delivered 2 days ago, every unit may come back until 14 days after delivery, warranty 24 months');
RESET SESSION AUTHORIZATION;
SELECT results_eq($$SELECT line_no, return_until, warranty_until, "window" FROM api.returnable_lines('SO-RL-OLD')$$,
    $$VALUES (1, t_rl_delivered_day('SO-RL-OLD') + 14, (t_rl_delivered_day('SO-RL-OLD') + interval '24 months')::date, 'warranty'),
             (2, t_rl_delivered_day('SO-RL-OLD') + 14, NULL::date, 'none')$$,
    'returnable_lines: 40 days after delivery a product is under warranty, a line without a product has none');
SELECT is((SELECT "window" FROM api.returnable_lines('SO-RL-EXP')), 'none',
    'returnable_lines: a product with one month of warranty, 40 days after delivery: none');
SELECT results_eq($$SELECT returnable, return_until, warranty_until, "window" FROM api.returnable_lines('SO-RL-NEW')$$,
    $$VALUES (1, NULL::date, NULL::date, 'none')$$, 'returnable_lines: an order not delivered has no window');
SELECT refused($$SELECT * FROM api.returnable_lines('SO-RL-NONE')$$, 'BD003', 'no order ''SO-RL-NONE''',
    'returnable_lines: an unknown order is BD003');
UPDATE backdesk.settings SET value = '1' WHERE key = 'return_window_days';
SELECT is((SELECT "window" FROM api.returnable_lines('SO-RL-1') WHERE line_no = 1), 'warranty',
    'returnable_lines: the window follows return_window_days (1 day: over after 2 days)');
UPDATE backdesk.settings SET value = '14' WHERE key = 'return_window_days';
-- The shop's days: a parcel delivered at 23:30 Istanbul time 14 days ago (20:30 UTC) is
-- on the last day of the window today, whatever the session's time zone.
SET LOCAL TimeZone = 'America/Los_Angeles';
UPDATE backdesk.shipments s SET delivered_at = ((backdesk.shop_date(now()) - 14)::timestamp + time '23:30') AT TIME ZONE 'Europe/Istanbul'
FROM backdesk.orders o WHERE o.id = s.order_id AND o.number = 'SO-RL-W';
SELECT results_eq($$SELECT return_until, "window" FROM api.returnable_lines('SO-RL-W')$$,
    $$VALUES (backdesk.shop_date(now()), 'return')$$,
    'returnable_lines: the window counts the shop''s days (delivered 23:30 Istanbul time 14 days ago: today is the last day)');
RESET TimeZone;
UPDATE backdesk.shipments s SET delivered_at = now() - interval '100 days'
FROM backdesk.orders o WHERE o.id = s.order_id AND o.number = 'SO-RL-W';

------------------------------------------------------------------------------
-- The request.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_rl_ayse;
INSERT INTO t_rl_ids SELECT 'main', api.request_return('SO-RL-1',
    '[{"line_no": 1, "qty": 1, "reason": "damaged_in_transit", "note": "kutu ezik"},
      {"line_no": 2, "qty": 2, "reason": "changed_mind"},
      {"line_no": 3, "qty": 3, "reason": "changed_mind", "note": null}]',
    'Kargo hasarlı geldi', 'return', '3 fotoğraf, 12 Kasım e-postası', 1);
RESET SESSION AUTHORIZATION;
SELECT matches(t_rl_id('main'), '^R-[0-9]+$', 'request_return (agent) answers the new return''s number');
SELECT results_eq(format($$SELECT kind, status, reason, evidence, created_by, version FROM backdesk.returns WHERE number = %L$$,
                         t_rl_id('main')),
    $$VALUES ('return', 'requested', 'Kargo hasarlı geldi', '3 fotoğraf, 12 Kasım e-postası', 't_rl_ayse', 1)$$,
    'the return is requested, with the customer''s words, the evidence and who asked');
SELECT results_eq(format($$SELECT ol.line_no::int, rl.qty, rl.reason_code, rl.note FROM backdesk.return_lines rl
                           JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
                           WHERE rl.return_id = (t_rl(%L)).id ORDER BY ol.line_no$$, t_rl_id('main')),
    $$VALUES (1, 1, 'damaged_in_transit', 'kutu ezik'), (2, 2, 'changed_mind', NULL), (3, 3, 'changed_mind', NULL)$$,
    'each line with its quantity, reason code and note');
SELECT is((SELECT a.actor || ' ' || (a.detail ->> 'version') || ' ' || (a.detail ->> 'order') || ' ' || (a.detail ->> 'to')
           FROM backdesk.audit_log a WHERE a.action = 'return.request' AND a.entity = 'return'
             AND a.entity_id = (t_rl(t_rl_id('main'))).id),
    't_rl_ayse 1 SO-RL-1 requested', 'the request is audited on the return (return.request, version 1, the order)');
SELECT is((SELECT array_agg(returnable ORDER BY line_no) FROM api.returnable_lines('SO-RL-1')), ARRAY[0, 0, 0],
    'returnable_lines: nothing of the order is left to return');

SELECT refused($$SELECT api.request_return('SO-RL-1', '[{"line_no": 2, "qty": 1, "reason": "defective"}]', 'x')$$,
    'BD002', 'line 2 (RL-KUP): 0 left to return, not 1 (2 bought, 2 in other returns)',
    'request_return: more than is left is refused, saying how many are left', 'Every unit of this line is in a return already%');

SET SESSION AUTHORIZATION t_rl_mehmet;
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD001', 'requesting returns is not allowed for t_rl_mehmet (role: warehouse)', 'request_return: the warehouse may not');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rl_zeynep;
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD001', 'requesting returns is not allowed for t_rl_zeynep (role: supervisor)', 'request_return: a supervisor may not');
RESET SESSION AUTHORIZATION;

SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x', 'gift')$$,
    'BD005', 'kind ''gift'' is not valid', 'request_return: an unknown kind is BD005');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '{"line_no": 1}', 'x', 'warranty')$$,
    'BD005', 'lines must be a JSON array of the lines to return', 'request_return: lines not an array is BD005');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[]', 'x', 'warranty')$$,
    'BD005', 'lines must be a JSON array of the lines to return', 'request_return: no lines is BD005');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[1]', 'x', 'warranty')$$,
    'BD005', 'line 1 of the request is not a JSON object', 'request_return: a line that is not an object is BD005');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": "one", "qty": 1, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD005', 'line_no must be a whole number from 1 to 32767, got "one"', 'request_return: a line_no that is not a number is BD005');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 0, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD005', 'qty of line 1 must be a whole number from 1 to %', 'request_return: qty 0 is BD005');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1.5, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD005', 'qty of line 1 must be a whole number%', 'request_return: qty 1.5 is BD005');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1, "reason": "broken"}]', 'x', 'warranty')$$,
    'BD005', 'reason ''broken'' of line 1 is not a return reason code',
    'request_return: an unknown reason code is BD005, the hint lists the codes', 'Use one of: damaged_in_transit, defective, %');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1, "reason": "defective"},
                                                          {"line_no": 1, "qty": 1, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD005', 'line 1 is given twice', 'request_return: the same line twice is BD005');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 9, "qty": 1, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD005', 'order SO-RL-OLD has no line 9', 'request_return: a line the order does not have is BD005');
SELECT refused($$SELECT api.request_return('SO-RL-NONE', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x')$$,
    'BD003', 'no order ''SO-RL-NONE''', 'request_return: an unknown order is BD003');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x', 'warranty', NULL, 7)$$,
    'BD004', 'order SO-RL-OLD was changed by % at %', 'request_return: a stale order version is BD004');
SELECT refused($$SELECT api.request_return('SO-RL-NEW', '[{"line_no": 1, "qty": 1, "reason": "changed_mind"}]', 'x')$$,
    'BD002', 'order SO-RL-NEW has not been delivered (it is paid)',
    'request_return: an order not shipped is refused', 'It has not shipped yet: cancel the order instead.');
SELECT refused($$SELECT api.request_return('SO-RL-ROAD', '[{"line_no": 1, "qty": 1, "reason": "changed_mind"}]', 'x')$$,
    'BD002', 'order SO-RL-ROAD has not been delivered (it is shipped)',
    'request_return: an order on its way is refused', 'Wait until the parcel is delivered%');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x')$$,
    'BD002', 'line 1 (RL-FIRIN): the return period of order SO-RL-OLD ended on %; its warranty runs until %',
    'request_return: a return after the window is refused', 'Request a warranty claim (kind warranty) instead.');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x', 'exchange')$$,
    'BD002', 'line 1 (RL-FIRIN): the return period of order SO-RL-OLD ended on %',
    'request_return: an exchange after the window too', 'Request a warranty claim%');
SELECT refused($$SELECT api.request_return('SO-RL-OLD', '[{"line_no": 2, "qty": 1, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD002', 'line 2 (RL-HEDIYE) has no warranty', 'request_return: a warranty claim on a line without a product is refused');
SELECT refused($$SELECT api.request_return('SO-RL-EXP', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD002', 'line 1 (RL-PIL): the warranty ended on %', 'request_return: a warranty claim after the warranty is refused',
    'Nothing of this line can be claimed any more%');
SELECT refused($$SELECT api.request_return('SO-RL-EXP', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x')$$,
    'BD002', 'line 1 (RL-PIL): the return period of order SO-RL-EXP ended on % and its warranty on %',
    'request_return: a return with the warranty over too is refused', 'Nothing of this line can be returned any more%');
SELECT refused($$SELECT api.request_return('SO-RL-MOVES', '[{"line_no": 1, "qty": 1, "reason": "defective"}]', 'x', 'warranty')$$,
    'BD002', 'line 1 (RL-VIDA) is still within the return period (until %)',
    'request_return: a warranty claim inside the return window is refused', 'Request a return or an exchange instead%');
SELECT is((SELECT count(*) FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
           WHERE o.number IN ('SO-RL-OLD', 'SO-RL-EXP', 'SO-RL-NEW', 'SO-RL-ROAD')), 0::bigint,
    'no refused request left a return behind');

SET SESSION AUTHORIZATION t_rl_deniz;
INSERT INTO t_rl_ids SELECT 'warranty', api.request_return('SO-RL-OLD', '[{"line_no": 1, "qty": 1, "reason": "defective"}]',
    '', 'warranty');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT kind, reason, status FROM backdesk.returns WHERE number = %L$$, t_rl_id('warranty')),
    $$VALUES ('warranty', 'defective', 'requested')$$,
    'a warranty claim after the window; without words, the reason is the first line''s reason label');

------------------------------------------------------------------------------
-- Every move, allowed and refused (the outcomes of 0038 are not targets here).
------------------------------------------------------------------------------
SELECT results_eq($$
    SELECT f.s, t.s, t_rl_move(f.s, t.s)
    FROM unnest(backdesk.return_statuses()) WITH ORDINALITY f(s, i),
         unnest(ARRAY['approved', 'rejected', 'awaiting_parcel', 'received', 'inspected', 'closed']) WITH ORDINALITY t(s, j)
    ORDER BY f.i, t.j
$$, $$
    SELECT f, t, CASE WHEN (f, t) IN (('requested', 'approved'), ('requested', 'rejected'),
                                      ('approved', 'awaiting_parcel'), ('approved', 'received'),
                                      ('awaiting_parcel', 'awaiting_parcel'), ('awaiting_parcel', 'received'),
                                      ('received', 'inspected'),
                                      ('refunded', 'closed'), ('exchanged', 'closed'), ('repaired', 'closed'),
                                      ('store_credit', 'closed')) THEN 'ok' ELSE 'BD002' END
    FROM unnest(ARRAY['requested', 'approved', 'rejected', 'awaiting_parcel', 'received', 'inspected',
                      'refunded', 'exchanged', 'repaired', 'store_credit', 'closed']) WITH ORDINALITY a(f, i),
         unnest(ARRAY['approved', 'rejected', 'awaiting_parcel', 'received', 'inspected', 'closed']) WITH ORDINALITY b(t, j)
    ORDER BY i, j
$$, 'every status against every step of 0037: the 11 moves of the rule are made, the other 55 refused with BD002');
SELECT is((SELECT count(*) FROM unnest(backdesk.return_statuses()) f, unnest(backdesk.return_statuses()) t
           WHERE backdesk.return_transition_ok(f, t)), 15::bigint,
    'return_transition_ok allows exactly 15 moves (the 11 above and inspected to the four outcomes)');
SELECT is(ARRAY(SELECT t FROM unnest(backdesk.return_statuses()) t WHERE backdesk.return_transition_ok('inspected', t)),
    ARRAY['refunded', 'exchanged', 'repaired', 'store_credit'], 'an inspected return goes to one of the four outcomes');

------------------------------------------------------------------------------
-- The main return, step by step, with the roles and versions.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_rl_mehmet;
SELECT refused(format($$SELECT api.approve_return(%L, 1)$$, t_rl_id('main')), 'BD001',
    'approving returns is not allowed for t_rl_mehmet (role: warehouse)', 'approve_return: the warehouse may not');
SELECT refused(format($$SELECT api.receive_return(%L, 1)$$, t_rl_id('main')), 'BD002',
    'return R-% cannot go from requested to received (receive)', 'receive_return: a return not approved yet is refused',
    'A return that is requested can go to: approved, rejected.');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rl_deniz;
SELECT is(api.approve_return(lower(t_rl_id('main')), 1), 2, 'approve_return (agent): the new version (the number in any case)');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, decided_by, decided_at IS NOT NULL FROM backdesk.returns WHERE number = %L$$, t_rl_id('main')),
    $$VALUES ('approved', 't_rl_deniz', true)$$, 'approved, with who decided and when');
SELECT is((SELECT a.detail - 'number' FROM backdesk.audit_log a WHERE a.action = 'return.approve'
           AND a.entity_id = (t_rl(t_rl_id('main'))).id),
    '{"from": "requested", "to": "approved", "version": 2}'::jsonb, 'the approval is audited with both statuses and the version');
SET SESSION AUTHORIZATION t_rl_ayse;
SELECT refused(format($$SELECT api.reject_return(%L, 'geç', 1)$$, t_rl_id('main')), 'BD004',
    'return R-% was changed by Deniz Kaya at %', 'a stale version is refused naming who changed the return',
    'Reload the return%');
SELECT refused(format($$SELECT api.reject_return(%L, 'geç', 2)$$, t_rl_id('main')), 'BD002',
    'return R-% cannot go from approved to rejected (reject)', 'reject_return: an approved return cannot be rejected');
RESET SESSION AUTHORIZATION;

-- The parcel back.
SET SESSION AUTHORIZATION t_rl_zeynep;
SELECT refused(format($$SELECT api.set_return_parcel(%L, 'aras', 'RLBACK0001', 2)$$, t_rl_id('main')), 'BD001',
    'setting the parcel of returns is not allowed for t_rl_zeynep (role: supervisor)', 'set_return_parcel: a supervisor may not');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rl_mehmet;
SELECT refused(format($$SELECT api.set_return_parcel(%L, 'pigeon', 'RLBACK0001', 2)$$, t_rl_id('main')), 'BD005',
    'carrier ''pigeon'' is not a carrier backdesk knows', 'set_return_parcel: an unknown carrier is BD005', 'Use one of: yurtici,%');
SELECT refused(format($$SELECT api.set_return_parcel(%L, 'aras', 'RL BACK', 2)$$, t_rl_id('main')), 'BD005',
    'tracking number ''RL BACK'' is not valid', 'set_return_parcel: a malformed tracking number is BD005');
SELECT refused(format($$SELECT api.set_return_parcel(%L, 'aras', 'rlship' || (SELECT id FROM backdesk.orders WHERE number = 'SO-RL-1'), 2)$$,
                      t_rl_id('main')), 'BD007',
    'tracking number RLSHIP% is already the parcel of SO-RL-1', 'set_return_parcel: a shipment''s tracking number is BD007');
SELECT is(api.set_return_parcel(t_rl_id('main'), ' Aras ', 'rlback0001', 2), 3,
    'set_return_parcel (warehouse): approved to awaiting parcel, the new version');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, carrier, tracking_no, parcel_at IS NOT NULL FROM backdesk.returns WHERE number = %L$$,
                         t_rl_id('main')),
    $$VALUES ('awaiting_parcel', 'aras', 'RLBACK0001', true)$$, 'the carrier''s code and the tracking number, upper-cased');
SET SESSION AUTHORIZATION t_rl_ayse;
SELECT is(api.set_return_parcel(t_rl_id('main'), 'aras', 'RLBACK0001', 3), 3, 'the same parcel again changes nothing');
SELECT is(api.set_return_parcel(t_rl_id('main'), 'mng', 'RLBACK0002', 3), 4, 'set_return_parcel (agent): a corrected parcel');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT a.detail ->> 'was' FROM backdesk.audit_log a WHERE a.action = 'return.parcel'
           AND a.entity_id = (t_rl(t_rl_id('main'))).id AND (a.detail ->> 'version') = '4'),
    'aras RLBACK0001', 'the correction is audited with the parcel it replaced');
SELECT refused(format($$SELECT api.set_return_parcel(%L, 'mng', 'RLBACK0002')$$, t_rl_id('warranty')), 'BD002',
    'return R-% cannot go from requested to awaiting parcel (parcel)', 'set_return_parcel: a requested return is refused');
UPDATE backdesk.returns SET status = 'approved' WHERE number = t_rl_id('warranty');
SELECT refused(format($$SELECT api.set_return_parcel(%L, 'mng', 'rlback0002')$$, t_rl_id('warranty')), 'BD007',
    'tracking number RLBACK0002 is already the parcel of R-%', 'set_return_parcel: another return''s tracking number is BD007');

-- Receiving.
SET SESSION AUTHORIZATION t_rl_ayse;
SELECT refused(format($$SELECT api.receive_return(%L, 4)$$, t_rl_id('main')), 'BD001',
    'receiving returns is not allowed for t_rl_ayse (role: agent)', 'receive_return: an agent may not');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rl_mehmet;
SELECT refused(format($$SELECT api.receive_return(%L, 3)$$, t_rl_id('main')), 'BD004',
    'return R-% was changed by Ayşe Yılmaz at %', 'receive_return checks the version too');
SELECT is(api.receive_return(t_rl_id('main'), 4), 5, 'receive_return (warehouse): the new version');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, received_by, received_at IS NOT NULL FROM backdesk.returns WHERE number = %L$$, t_rl_id('main')),
    $$VALUES ('received', 't_rl_mehmet', true)$$, 'received, with who and when');

-- The return's document before inspection: what each role may do next.
SET SESSION AUTHORIZATION t_rl_mehmet;
SELECT is(api.return_detail(t_rl_id('main')) -> 'can',
    '{"approve": false, "reject": false, "parcel": false, "receive": false, "inspect": true, "refund": false,
      "exchange": false, "repair": false, "store_credit": false, "close": false}'::jsonb,
    'return_detail (warehouse, received): can inspect, nothing else');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rl_ayse;
SELECT is(api.return_detail(t_rl_id('main')) -> 'can',
    '{"approve": false, "reject": false, "parcel": false, "receive": false, "inspect": false, "refund": false,
      "exchange": false, "repair": false, "store_credit": false, "close": false}'::jsonb,
    'return_detail (agent, received): nothing to do until it is inspected');
RESET SESSION AUTHORIZATION;

-- Inspection: its refusals first, then the stock did not move.
SET SESSION AUTHORIZATION t_rl_ayse;
SELECT refused(format($$SELECT api.inspect_return(%L, '[]', NULL, 5)$$, t_rl_id('main')), 'BD001',
    'inspecting returns is not allowed for t_rl_ayse (role: agent)', 'inspect_return: an agent may not');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rl_mehmet;
CREATE TEMP TABLE t_rl_insp (what text PRIMARY KEY, lines jsonb);
INSERT INTO t_rl_insp VALUES
    ('good', '[{"line_no": 1, "condition": "damaged", "accepted_qty": 1, "disposition": "write_off"},
              {"line_no": 2, "condition": "opened", "accepted_qty": 2, "disposition": "restock"},
              {"line_no": 3, "condition": "as_new", "accepted_qty": 2, "disposition": "restock"}]'),
    ('missing', '[{"line_no": 1, "condition": "damaged", "accepted_qty": 1, "disposition": "write_off"},
                 {"line_no": 2, "condition": "opened", "accepted_qty": 2, "disposition": "restock"}]'),
    ('too_many', '[{"line_no": 1, "condition": "damaged", "accepted_qty": 2, "disposition": "write_off"}]'),
    ('condition', '[{"line_no": 1, "condition": "broken", "accepted_qty": 1, "disposition": "write_off"}]'),
    ('disposition', '[{"line_no": 1, "condition": "damaged", "accepted_qty": 1, "disposition": "bin"}]'),
    ('unknown', '[{"line_no": 9, "condition": "damaged", "accepted_qty": 1, "disposition": "write_off"}]'),
    ('twice', '[{"line_no": 1, "condition": "damaged", "accepted_qty": 1, "disposition": "write_off"},
               {"line_no": 1, "condition": "damaged", "accepted_qty": 1, "disposition": "write_off"}]'),
    ('negative', '[{"line_no": 1, "condition": "damaged", "accepted_qty": -1, "disposition": "write_off"}]');
SELECT refused(format($$SELECT api.inspect_return(%L, (SELECT lines FROM t_rl_insp WHERE what = 'missing'), NULL, 5)$$,
                      t_rl_id('main')), 'BD005', 'line 3 of return R-% is not inspected',
    'inspect_return: a line of the return left out is BD005', 'Inspect every line of the return at once%');
SELECT refused(format($$SELECT api.inspect_return(%L, (SELECT lines FROM t_rl_insp WHERE what = 'too_many'), NULL, 5)$$,
                      t_rl_id('main')), 'BD005', 'line 1: 2 accepted, but only 1 were returned',
    'inspect_return: accepted_qty over the returned qty is BD005');
SELECT refused(format($$SELECT api.inspect_return(%L, (SELECT lines FROM t_rl_insp WHERE what = 'negative'), NULL, 5)$$,
                      t_rl_id('main')), 'BD005', 'accepted_qty of line 1 must be a whole number from 0 to %',
    'inspect_return: a negative accepted_qty is BD005');
SELECT refused(format($$SELECT api.inspect_return(%L, (SELECT lines FROM t_rl_insp WHERE what = 'condition'), NULL, 5)$$,
                      t_rl_id('main')), 'BD005', 'condition of line 1 ''broken'' is not valid',
    'inspect_return: an unknown condition is BD005', 'Use one of: as_new, opened, damaged, missing_parts.');
SELECT refused(format($$SELECT api.inspect_return(%L, (SELECT lines FROM t_rl_insp WHERE what = 'disposition'), NULL, 5)$$,
                      t_rl_id('main')), 'BD005', 'disposition of line 1 ''bin'' is not valid',
    'inspect_return: an unknown disposition is BD005');
SELECT refused(format($$SELECT api.inspect_return(%L, (SELECT lines FROM t_rl_insp WHERE what = 'unknown'), NULL, 5)$$,
                      t_rl_id('main')), 'BD005', 'return R-% has no line 9', 'inspect_return: a line the return does not have is BD005');
SELECT refused(format($$SELECT api.inspect_return(%L, (SELECT lines FROM t_rl_insp WHERE what = 'twice'), NULL, 5)$$,
                      t_rl_id('main')), 'BD005', 'line 1 is inspected twice', 'inspect_return: a line twice is BD005');
SELECT refused(format($$SELECT api.inspect_return(%L, '{"line_no": 1}', NULL, 5)$$, t_rl_id('main')), 'BD005',
    'lines must be a JSON array of the inspected lines', 'inspect_return: lines not an array is BD005');
SELECT refused(format($$SELECT api.inspect_return(%L, '["x"]', NULL, 5)$$, t_rl_id('main')), 'BD005',
    'line 1 of the inspection is not a JSON object', 'inspect_return: a line not an object is BD005');
SELECT refused(format($$SELECT api.inspect_return(%L, (SELECT lines FROM t_rl_insp WHERE what = 'good'), NULL, 4)$$,
                      t_rl_id('main')), 'BD004', 'return R-% was changed by Mehmet Depo at %', 'inspect_return checks the version');
SELECT refused(format($$SELECT api.inspect_return(%L, (SELECT lines FROM t_rl_insp WHERE what = 'good'), NULL)$$,
                      t_rl_id('warranty')), 'BD002', 'return R-% cannot go from approved to inspected (inspect)',
    'inspect_return: a return not received is refused');
RESET SESSION AUTHORIZATION;
SELECT is(ARRAY[t_rl_stock('RL-TV'), t_rl_stock('RL-KUP'), t_rl_stock('RL-KALEM')], ARRAY[5, 5, 5],
    'the refused inspections moved no stock');

SET SESSION AUTHORIZATION t_rl_mehmet;
SELECT is(api.inspect_return(t_rl_id('main'), (SELECT lines FROM t_rl_insp WHERE what = 'good'), '  Kutu ezik, TV kırık  ', 5), 6,
    'inspect_return (warehouse): the new version');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT ol.line_no::int, rl.condition, rl.accepted_qty, rl.disposition, rl.restocking_fee
                           FROM backdesk.return_lines rl JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
                           WHERE rl.return_id = (t_rl(%L)).id ORDER BY ol.line_no$$, t_rl_id('main')),
    $$VALUES (1, 'damaged', 1, 'write_off', 0.00::numeric), (2, 'opened', 2, 'restock', 29.98), (3, 'as_new', 2, 'restock', 0.00)$$,
    'each line inspected; the restocking fee: damaged in transit none, changed mind and opened 10% (2 x 149.90: 29.98), as new none');
SELECT results_eq(format($$SELECT status, restocking_fee, inspected_by, inspection_note, inspected_at IS NOT NULL
                           FROM backdesk.returns WHERE number = %L$$, t_rl_id('main')),
    $$VALUES ('inspected', 29.98::numeric, 't_rl_mehmet', 'Kutu ezik, TV kırık', true)$$,
    'inspected: the fees'' sum, who, when and the note');
SELECT is(ARRAY[t_rl_stock('RL-TV'), t_rl_stock('RL-KUP'), t_rl_stock('RL-KALEM')], ARRAY[5, 7, 7],
    'restocked units are back on the shelf (2 cups, 2 pens), the written-off TV is not');
SELECT is((SELECT a.detail -> 'lines' -> 1 FROM backdesk.audit_log a WHERE a.action = 'return.inspect'
           AND a.entity_id = (t_rl(t_rl_id('main'))).id),
    '{"line_no": 2, "condition": "opened", "accepted_qty": 2, "disposition": "restock", "restocking_fee": 29.98}'::jsonb,
    'the inspection is audited with its lines');

-- The document after inspection, for the warehouse and for an agent.
SET SESSION AUTHORIZATION t_rl_mehmet;
INSERT INTO t_rl_ids SELECT 'doc_wh', api.return_detail(t_rl_id('main'))::text;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rl_ayse;
INSERT INTO t_rl_ids SELECT 'doc_agent', api.return_detail(t_rl_id('main'))::text;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rl_zeynep;
INSERT INTO t_rl_ids SELECT 'doc_sup', api.return_detail(t_rl_id('main'))::text;
RESET SESSION AUTHORIZATION;
SELECT is((SELECT jsonb_build_object('money', d -> 'money', 'refunds', d -> 'refunds', 'gift_code', d -> 'gift_code')
           FROM (SELECT t_rl_id('doc_wh')::jsonb d) x),
    '{"money": null, "refunds": null, "gift_code": null}'::jsonb, 'return_detail (warehouse): money, refunds and gift code are null');
SELECT is(t_rl_id('doc_agent')::jsonb -> 'money',
    '{"goods": "5319.80", "restocking": "29.98", "shipping": "0.00", "refunded": "0.00", "due": "5289.82"}'::jsonb,
    'return_detail (agent): what the return is worth (return_refund_parts)');
SELECT is(t_rl_id('doc_agent')::jsonb -> 'refunds', '[]'::jsonb, 'return_detail (agent): no refunds yet, an empty list');
SELECT is(t_rl_id('doc_agent')::jsonb -> 'can',
    '{"approve": false, "reject": false, "parcel": false, "receive": false, "inspect": false, "refund": true,
      "exchange": true, "repair": false, "store_credit": true, "close": false}'::jsonb,
    'return_detail (agent, inspected): refund, exchange or store credit; repair only for warranty claims');
SELECT is(t_rl_id('doc_sup')::jsonb -> 'can',
    '{"approve": false, "reject": false, "parcel": false, "receive": false, "inspect": false, "refund": false,
      "exchange": false, "repair": false, "store_credit": false, "close": false}'::jsonb,
    'return_detail (supervisor): reads only');
SELECT is((SELECT jsonb_build_object('number', d ->> 'number', 'kind', d ->> 'kind', 'status', d ->> 'status',
                                     'version', d -> 'version', 'carrier', d ->> 'carrier', 'carrier_name', d ->> 'carrier_name',
                                     'tracking_no', d ->> 'tracking_no', 'created_by', d ->> 'created_by',
                                     'decided_by', d ->> 'decided_by', 'received_by', d ->> 'received_by',
                                     'inspected_by', d ->> 'inspected_by', 'order', d -> 'order' ->> 'number',
                                     'customer', d -> 'customer' ->> 'name', 'exchange_order', d -> 'exchange_order')
           FROM (SELECT t_rl_id('doc_agent')::jsonb d) x),
    jsonb_build_object('number', t_rl_id('main'), 'kind', 'return', 'status', 'inspected', 'version', 6, 'carrier', 'mng',
                       'carrier_name', 'MNG Kargo', 'tracking_no', 'RLBACK0002', 'created_by', 't_rl_ayse',
                       'decided_by', 't_rl_deniz', 'received_by', 't_rl_mehmet', 'inspected_by', 't_rl_mehmet',
                       'order', 'SO-RL-1', 'customer', 'İade Deneme', 'exchange_order', NULL),
    'return_detail: the return, its parcel, who did what, its order and customer');
SELECT is(t_rl_id('doc_agent')::jsonb -> 'lines' -> 1,
    '{"line_no": 2, "sku": "RL-KUP", "name": "Kupa", "ordered_qty": 2, "qty": 2, "unit_price": "149.90", "value": "299.80",
      "reason": "changed_mind", "reason_label": "changed mind", "note": null, "condition": "opened", "accepted_qty": 2,
      "disposition": "restock", "restocking_fee": "29.98", "warranty_until": null}'::jsonb
      || jsonb_build_object('warranty_until', ((t_rl_delivered_day('SO-RL-1') + interval '24 months')::date)::text),
    'return_detail: a line with its reason, inspection and fee');
SELECT is(t_rl_id('doc_agent')::jsonb -> 'window',
    jsonb_build_object('return_until', (t_rl_delivered_day('SO-RL-1') + 14)::text,
                       'warranty_until', ((t_rl_delivered_day('SO-RL-1') + interval '24 months')::date)::text),
    'return_detail: the return window and the warranty');
SELECT is(ARRAY(SELECT h ->> 'action' FROM jsonb_array_elements(t_rl_id('doc_agent')::jsonb -> 'history') h),
    ARRAY['return.request', 'return.approve', 'return.parcel', 'return.parcel', 'return.receive', 'return.inspect'],
    'return_detail: the history, oldest first');
SELECT is(t_rl_id('doc_agent')::jsonb -> 'history' -> 1 ->> 'actor', 'Deniz Kaya', 'the history names who did it');
SELECT is(t_rl_id('doc_wh')::jsonb -> 'lines', t_rl_id('doc_agent')::jsonb -> 'lines',
    'the warehouse sees the same lines (as api.order_detail shows it the lines)');

-- Resolving is 0038's; closing needs it done.
SET SESSION AUTHORIZATION t_rl_ayse;
SELECT refused(format($$SELECT api.close_return(%L, 6)$$, t_rl_id('main')), 'BD002',
    'return R-% cannot go from inspected to closed (close)', 'close_return: an inspected return is not resolved yet',
    'A return that is inspected can go to: refunded, exchanged, repaired, store credit.');
RESET SESSION AUTHORIZATION;
SELECT backdesk.return_touch(t_rl(t_rl_id('main')), 'refunded', 'refund', '{"by": "test"}') \g /dev/null
SELECT results_eq(format($$SELECT status, version FROM backdesk.returns WHERE number = %L$$, t_rl_id('main')),
    $$VALUES ('refunded', 7)$$, 'return_touch (0038''s helper): the status and a new version');
SELECT is((SELECT a.detail FROM backdesk.audit_log a WHERE a.action = 'return.refund' AND a.entity_id = (t_rl(t_rl_id('main'))).id),
    jsonb_build_object('number', t_rl_id('main'), 'from', 'inspected', 'to', 'refunded', 'version', 7, 'by', 'test'),
    'return_touch: audited as return.<action> with both statuses, the version and the detail');
SET SESSION AUTHORIZATION t_rl_mehmet;
SELECT refused(format($$SELECT api.close_return(%L, 7)$$, t_rl_id('main')), 'BD001',
    'closing returns is not allowed for t_rl_mehmet (role: warehouse)', 'close_return: the warehouse may not');
SELECT is((api.return_detail(t_rl_id('main')) -> 'can' ->> 'close')::boolean, false, 'return_detail (warehouse, refunded): cannot close');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION t_rl_ayse;
SELECT is((api.return_detail(t_rl_id('main')) -> 'can' ->> 'close')::boolean, true, 'return_detail (agent, refunded): can close');
SELECT is(api.close_return(t_rl_id('main'), 7), 8, 'close_return (agent): refunded to closed');
SELECT refused(format($$SELECT api.close_return(%L, 8)$$, t_rl_id('main')), 'BD002',
    'return R-% cannot go from closed to closed (close)', 'a closed return stays closed',
    'A closed return stays closed%');
RESET SESSION AUTHORIZATION;
SELECT isnt((t_rl(t_rl_id('main'))).closed_at, NULL, 'closing sets closed_at');
SELECT is((SELECT array_agg(returnable ORDER BY line_no) FROM api.returnable_lines('SO-RL-1')), ARRAY[0, 0, 0],
    'a closed return still claims its lines');

------------------------------------------------------------------------------
-- Rejecting; warranty claims; the restocking fee's other cases.
------------------------------------------------------------------------------
INSERT INTO t_rl_ids SELECT 'reject', api.request_return('SO-RL-MOVES', '[{"line_no": 1, "qty": 5, "reason": "changed_mind"}]', 'x');
SET SESSION AUTHORIZATION t_rl_ayse;
SELECT refused(format($$SELECT api.reject_return(%L, '  ')$$, t_rl_id('reject')), 'BD005', 'reason is missing',
    'reject_return: a rejection needs a reason', 'Say why the return is rejected%');
INSERT INTO t_rl_ids SELECT 'left_before', (SELECT returnable FROM api.returnable_lines('SO-RL-MOVES'))::text;
SELECT is(api.reject_return(t_rl_id('reject'), 'Kullanılmış ürün', 1), 2, 'reject_return (agent): the new version');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT status, rejection_reason, decided_by FROM backdesk.returns WHERE number = %L$$, t_rl_id('reject')),
    $$VALUES ('rejected', 'Kullanılmış ürün', 't_rl_ayse')$$, 'rejected, with the reason and who decided');
SELECT is((SELECT returnable FROM api.returnable_lines('SO-RL-MOVES')), t_rl_id('left_before')::int + 5,
    'a rejected return claims nothing: its units may be returned again');
SELECT is((SELECT a.detail ->> 'reason' FROM backdesk.audit_log a WHERE a.action = 'return.reject'
           AND a.entity_id = (t_rl(t_rl_id('reject'))).id), 'Kullanılmış ürün', 'the rejection is audited with its reason');

-- A warranty claim all the way to inspection: repair is offered.
SELECT is(api.receive_return(t_rl_id('warranty')), 2, 'receive_return: an approved return may be received without a parcel set');
SELECT api.inspect_return(t_rl_id('warranty'), '[{"line_no": 1, "condition": "opened", "accepted_qty": 1, "disposition": "write_off"}]', NULL)
    \g /dev/null
SELECT is((SELECT restocking_fee FROM backdesk.returns WHERE number = t_rl_id('warranty')), 0.00,
    'a defect (the shop''s fault) opened: no restocking fee');
SET SESSION AUTHORIZATION t_rl_deniz;
SELECT is(api.return_detail(t_rl_id('warranty')) -> 'can' -> 'repair', 'true'::jsonb,
    'return_detail (agent): a warranty claim, inspected, may be repaired');
RESET SESSION AUTHORIZATION;

-- Changed mind: opened pays the fee, as new does not, nothing accepted pays nothing;
-- damaged in transit opened pays none.
INSERT INTO t_rl_ids SELECT 'fees', api.request_return('SO-RL-MOVES', '[{"line_no": 1, "qty": 3, "reason": "changed_mind"}]', 'x');
UPDATE backdesk.returns SET status = 'received' WHERE number = t_rl_id('fees');
SELECT api.inspect_return(t_rl_id('fees'), '[{"line_no": 1, "condition": "missing_parts", "accepted_qty": 3, "disposition": "write_off"}]', NULL)
    \g /dev/null
SELECT is((SELECT restocking_fee FROM backdesk.returns WHERE number = t_rl_id('fees')), 0.30,
    'changed mind, missing parts: 10% of 3 x 1.00');
INSERT INTO t_rl_ids SELECT 'fees0', api.request_return('SO-RL-MOVES', '[{"line_no": 1, "qty": 3, "reason": "changed_mind"}]', 'x');
UPDATE backdesk.returns SET status = 'received' WHERE number = t_rl_id('fees0');
SELECT api.inspect_return(t_rl_id('fees0'), '[{"line_no": 1, "condition": "opened", "accepted_qty": 0, "disposition": "restock"}]', NULL)
    \g /dev/null
SELECT is((SELECT restocking_fee FROM backdesk.returns WHERE number = t_rl_id('fees0')), 0.00,
    'changed mind, opened, nothing accepted: no fee');
INSERT INTO t_rl_ids SELECT 'transit', api.request_return('SO-RL-MOVES', '[{"line_no": 1, "qty": 3, "reason": "damaged_in_transit"}]', 'x');
UPDATE backdesk.returns SET status = 'received' WHERE number = t_rl_id('transit');
INSERT INTO t_rl_ids SELECT 'vida_before', t_rl_stock('RL-VIDA')::text;
SELECT api.inspect_return(t_rl_id('transit'), '[{"line_no": 1, "condition": "opened", "accepted_qty": 3, "disposition": "restock"}]', NULL)
    \g /dev/null
SELECT is((SELECT restocking_fee FROM backdesk.returns WHERE number = t_rl_id('transit')), 0.00,
    'damaged in transit, opened: no fee (the shop''s fault)');
SELECT is(t_rl_stock('RL-VIDA'), t_rl_id('vida_before')::int + 3, 'restock adds the accepted units');
UPDATE backdesk.settings SET value = '20' WHERE key = 'restocking_fee_percent';
INSERT INTO t_rl_ids SELECT 'pct', api.request_return('SO-RL-MOVES', '[{"line_no": 1, "qty": 3, "reason": "other"}]', 'x');
UPDATE backdesk.returns SET status = 'received' WHERE number = t_rl_id('pct');
SELECT api.inspect_return(t_rl_id('pct'), '[{"line_no": 1, "condition": "damaged", "accepted_qty": 3, "disposition": "write_off"}]', NULL)
    \g /dev/null
SELECT is((SELECT restocking_fee FROM backdesk.returns WHERE number = t_rl_id('pct')), 0.60,
    'the fee follows restocking_fee_percent (20%: 0.60 of 3.00)');

------------------------------------------------------------------------------
-- Unknown returns.
------------------------------------------------------------------------------
SELECT refused($$SELECT api.approve_return('R-1')$$, 'BD003', 'no return ''R-1''', 'approve_return: an unknown return is BD003',
    'Check the return number%');
SELECT refused($$SELECT api.return_detail('R-1')$$, 'BD003', 'no return ''R-1''', 'return_detail: an unknown return is BD003');
SET SESSION AUTHORIZATION t_rl_mehmet;
SELECT refused($$SELECT api.inspect_return('R-1', '[]', NULL)$$, 'BD003', 'no return ''R-1''', 'inspect_return: an unknown return is BD003');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
