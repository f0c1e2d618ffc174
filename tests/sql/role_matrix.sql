-- role_matrix: every api function called by every role, with the outcome the role
-- model promises (docs/ARCHITECTURE.md "The database is the contract", issue 8).
--
-- One table, t_rm_matrix, has a row per api function: its signature, a call with
-- harmless arguments, and the expected outcome for each kind of caller:
--   allow   the call got past the role check: it answered, or failed with anything
--           but BD001 or 42501 (every api function checks the role first, so an
--           allowed role then fails on "not found", "invalid input" and the like)
--   BD001   refused by role
--   denied  42501: no EXECUTE on the function, or no USAGE on schema api
-- The callers are real logins (the api decides by session_user): one in each group,
-- a login in no group, and an agent who was disabled.
--
-- A function in api without a row here, or a row naming a function that does not
-- exist, fails the test: a new function must come with its row, i.e. with a decision
-- about who may call it.  Never use NULL arguments in a call: a STRICT function would
-- return NULL without running its role check.
BEGIN;

CREATE TEMP TABLE t_rm_matrix (
    sig        text PRIMARY KEY,          -- regprocedure text, compared with to_regprocedure()
    call       text NOT NULL,
    agent      text NOT NULL,
    warehouse  text NOT NULL,
    supervisor text NOT NULL,
    admin      text NOT NULL,
    shop       text NOT NULL,
    nogroup    text NOT NULL,
    disabled   text NOT NULL
);
INSERT INTO t_rm_matrix VALUES
--   signature                                                   call
--     agent    warehouse supervisor admin   shop      nogroup   disabled
    ('api.whoami()', $$SELECT api.whoami()$$,
     'allow', 'allow', 'allow', 'allow', 'allow', 'denied', 'allow'),
    ('api.staff_add(text,text,text,text)', $$SELECT api.staff_add('T-RM-BAD LOGIN', 'Nobody', 'agent', 'not a verifier')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.staff_disable(text)', $$SELECT api.staff_disable('t_rm_no_such_login')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_amount_limit(text,text,text,numeric,numeric,numeric)',
     $$SELECT api.set_amount_limit('t_rm_no_role', 't_rm_no_kind', 'XXX', -1, -1, -1)$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.import_order(jsonb)', $$SELECT api.import_order('{}'::jsonb)$$,
     'BD001', 'BD001', 'BD001', 'allow', 'allow', 'denied', 'BD001'),
    ('api.find(text,integer)', $$SELECT count(*) FROM api.find('SO-RM-NONE', 5)$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.find_target(text,bigint)', $$SELECT api.find_target('order', -1)$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.find_targets(text[],bigint[])', $$SELECT count(*) FROM api.find_targets(ARRAY['order'], ARRAY[-1::bigint])$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.order_detail(bigint)', $$SELECT api.order_detail(-1)$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.customer_360(bigint)', $$SELECT api.customer_360(-1)$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.cancel_order(text,text,integer)', $$SELECT api.cancel_order('SO-RM-NONE', 'test', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.change_address(text,jsonb,integer)',
     $$SELECT api.change_address('SO-RM-NONE', '{"line1": "x", "city": "y", "country": "TR"}'::jsonb, 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.issue_refund(text,numeric,text,text,uuid,integer)',
     $$SELECT api.issue_refund('SO-RM-NONE', 1.00, 'goodwill', 'test', '00000000-0000-4000-8000-000000000001', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.refund_shipping_fee(text,text,uuid,integer)',
     $$SELECT api.refund_shipping_fee('SO-RM-NONE', 'test', '00000000-0000-4000-8000-000000000002', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.compensate_delay(text,text,numeric,text,uuid,integer)',
     $$SELECT api.compensate_delay('SO-RM-NONE', 'gift_code', 1.00, 'test', '00000000-0000-4000-8000-000000000003', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.add_note(text,bigint,text)', $$SELECT api.add_note('order', -1, 'test')$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.queue_message(text,text,text)', $$SELECT api.queue_message('SO-RM-NONE', 'tracking', 'email')$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.open_ticket(bigint,text,text,text,text,text,text,boolean)',
     $$SELECT api.open_ticket(-1, '', 'phone', 'other', 'normal', 'test', '', false)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.customer_open_tickets(bigint)', $$SELECT count(*) FROM api.customer_open_tickets(-1)$$,
     'allow', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.log_call(bigint,text,text,text,text,integer,boolean)',
     $$SELECT api.log_call(-1, '', 'other', 'resolved', 'test', 1, false)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.render_template(bigint,text)', $$SELECT api.render_template(-1, 'SO-RM-NONE')$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.order_answers(text)', $$SELECT count(*) FROM api.order_answers('SO-RM-NONE')$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.queue_template(bigint,text)', $$SELECT api.queue_template(-1, 'SO-RM-NONE')$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    -- A ticket's life (0028).
    ('api.set_ticket_status(text,text,integer)', $$SELECT api.set_ticket_status('T-RM-NONE', 'open', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_ticket_priority(text,text,integer)', $$SELECT api.set_ticket_priority('T-RM-NONE', 'high', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_ticket_category(text,text,integer)', $$SELECT api.set_ticket_category('T-RM-NONE', 'other', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.assign_ticket(text,text,integer)', $$SELECT api.assign_ticket('T-RM-NONE', 't_rm_agent', 1)$$,
     'BD001', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.add_ticket_message(text,text,text,integer,integer)',
     $$SELECT api.add_ticket_message('T-RM-NONE', 'note', 'test', 1, 0)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.merge_ticket(text,text,integer)', $$SELECT api.merge_ticket('T-RM-NONE', 'T-RM-OTHER', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.link_ticket(text,text,text,text,integer)', $$SELECT api.link_ticket('T-RM-NONE', 'SO-RM-NONE', '', '', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.add_ticket_time(text,integer)', $$SELECT api.add_ticket_time('T-RM-NONE', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_ticket_time(text,integer,integer)', $$SELECT api.set_ticket_time('T-RM-NONE', 1, 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_on_shift(boolean)', $$SELECT api.set_on_shift(true)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.close_solved_tickets()', $$SELECT api.close_solved_tickets()$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.close_resolved_returns()', $$SELECT api.close_resolved_returns()$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_setting(text,text)', $$SELECT api.set_setting('t_rm_no_setting', 'x')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.ticket_presence(text,text)', $$SELECT api.ticket_presence('T-RM-NONE', 'viewing')$$,
     'allow', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.receive_message(jsonb)', $$SELECT api.receive_message('{}'::jsonb)$$,
     'BD001', 'BD001', 'BD001', 'allow', 'allow', 'denied', 'BD001'),
    ('api.receive_mail(jsonb)', $$SELECT count(*) FROM api.receive_mail('{}'::jsonb)$$,
     'BD001', 'BD001', 'BD001', 'allow', 'allow', 'denied', 'BD001'),
    ('api.ticket_macros()', $$SELECT count(*) FROM api.ticket_macros()$$,
     'allow', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.preview_macro(text,text)', $$SELECT api.preview_macro('T-RM-NONE', 'rm-none')$$,
     'allow', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.apply_macro(text,text,integer)', $$SELECT api.apply_macro('T-RM-NONE', 'rm-none', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.save_macro(text,text,text,text,text,text,boolean)', $$SELECT api.save_macro('rm-none', 'x', 'x', NULL, NULL, NULL, false)$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.save_macro_text(text,text,text)', $$SELECT api.save_macro_text('rm-none', 'tr', 'x')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.record_csat(text,integer,text)', $$SELECT api.record_csat('T-RM-NONE', 5, 'x')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'allow', 'denied', 'BD001'),
    ('api.csat_by_agent(timestamp with time zone,timestamp with time zone)', $$SELECT count(*) FROM api.csat_by_agent(now(), now())$$,
     'allow', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_sla_policy(text,text,text,integer,integer)', $$SELECT api.set_sla_policy('t-rm-none', 'phone', 'TR', 1, 1)$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.remove_sla_policy(text,text,text)', $$SELECT api.remove_sla_policy('normal', 'fax', 'XX')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_sla_hours(text,integer,time without time zone,time without time zone)',
     $$SELECT api.set_sla_hours('XX', 1, '09:00', '18:00')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_sla_holiday(text,date,text,time without time zone)',
     $$SELECT api.set_sla_holiday('XX', '2026-01-01', 'x', '13:00')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.remove_sla_holiday(text,date)', $$SELECT api.remove_sla_holiday('XX', '2026-01-01')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_sla_calendar(text,text,text)', $$SELECT api.set_sla_calendar('bad', 'Europe/Nowhere', 'x')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.take_next_ticket()', $$SELECT api.take_next_ticket()$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.ticket_version_author(text)', $$SELECT version FROM api.ticket_version_author('T-RM-NONE')$$,
     'allow', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    -- A return's life (0037).
    ('api.returnable_lines(text)', $$SELECT count(*) FROM api.returnable_lines('SO-RM-NONE')$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.request_return(text,jsonb,text,text,text,integer)',
     $$SELECT api.request_return('SO-RM-NONE', '[{"line_no": 1, "qty": 1, "reason": "other"}]'::jsonb, 'test', 'return', '', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.approve_return(text,integer)', $$SELECT api.approve_return('R-RM-NONE', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.reject_return(text,text,integer)', $$SELECT api.reject_return('R-RM-NONE', 'test', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.set_return_parcel(text,text,text,integer)', $$SELECT api.set_return_parcel('R-RM-NONE', 'yurtici', 'RMTRACK1', 1)$$,
     'allow', 'allow', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.receive_return(text,integer)', $$SELECT api.receive_return('R-RM-NONE', 1)$$,
     'BD001', 'allow', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.inspect_return(text,jsonb,text,integer)', $$SELECT api.inspect_return('R-RM-NONE', '[]'::jsonb, 'test', 1)$$,
     'BD001', 'allow', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.close_return(text,integer)', $$SELECT api.close_return('R-RM-NONE', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.return_detail(text)', $$SELECT api.return_detail('R-RM-NONE')$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    -- 0038: the outcomes of a return, gift codes, the refunds ledger.
    ('api.refund_return(text,uuid,integer)',
     $$SELECT api.refund_return('R-RM-NONE', '00000000-0000-4000-8000-000000000051', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.exchange_return(text,integer)', $$SELECT api.exchange_return('R-RM-NONE', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.repair_return(text,text,integer)', $$SELECT api.repair_return('R-RM-NONE', 'test', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.store_credit_return(text,uuid,integer)',
     $$SELECT api.store_credit_return('R-RM-NONE', '00000000-0000-4000-8000-000000000052', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.issue_gift_code(text,numeric,numeric,text,text,uuid)',
     $$SELECT api.issue_gift_code('SO-RM-NONE', 1.00, 0, 'goodwill', 'test', '00000000-0000-4000-8000-000000000053')$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.redeem_gift_code(text,text)', $$SELECT api.redeem_gift_code('BD-RM-NONE', 'SO-RM-NONE')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'allow', 'denied', 'BD001'),
    ('api.refunds_ledger(text)', $$SELECT count(*) FROM api.refunds_ledger('SO-RM-NONE')$$,
     'allow', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.refunds_of_day(date)', $$SELECT count(*) FROM api.refunds_of_day('2026-01-01')$$,
     'allow', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    -- 0042: shipping, tracking, delay notices.
    ('api.ship_parcel(text,text,text,jsonb,integer)',
     $$SELECT api.ship_parcel('SO-RM-NONE', 'yurtici', '710000000001', '[]'::jsonb, 1)$$,
     'BD001', 'allow', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.scan_resolve(text)', $$SELECT api.scan_resolve('SO-RM-NONE')$$,
     'BD001', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.orders_to_pack(integer)', $$SELECT count(*) FROM api.orders_to_pack(5)$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.tracking_due(integer)', $$SELECT count(*) FROM api.tracking_due(5)$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.record_tracking(text,jsonb)', $$SELECT api.record_tracking('RMTRACKNONE', '{"status": "IN_TRANSIT"}'::jsonb)$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.record_tracking_failure(text,text)', $$SELECT api.record_tracking_failure('RMTRACKNONE', 'test')$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.parcel_detail(bigint)', $$SELECT api.parcel_detail(-1)$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.propose_delay_notices()', $$SELECT api.propose_delay_notices()$$,
     'allow', 'allow', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.approve_delay_notice(bigint,text,numeric,uuid)',
     $$SELECT api.approve_delay_notice(-1, 'gift_code', 1.00, '00000000-0000-4000-8000-000000000061')$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.dismiss_delay_notice(bigint,text)', $$SELECT api.dismiss_delay_notice(-1, 'test')$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.dashboard()', $$SELECT api.dashboard()$$,
     'BD001', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.dashboard_list(text,text,timestamp with time zone,bigint,integer,boolean)',
     $$SELECT count(*) FROM api.dashboard_list('tickets', 'new/', now(), 1, 5, true)$$,
     'BD001', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    -- 0044: exports, the supervisor's and the admin's.
    ('api.export_tickets(date,date)', $$SELECT count(*) FROM api.export_tickets('2026-01-01', '2026-01-01')$$,
     'BD001', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.export_orders(date,date)', $$SELECT count(*) FROM api.export_orders('2026-01-01', '2026-01-01')$$,
     'BD001', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.export_returns(date,date)', $$SELECT count(*) FROM api.export_returns('2026-01-01', '2026-01-01')$$,
     'BD001', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.export_refunds(date,date)', $$SELECT count(*) FROM api.export_refunds('2026-01-01', '2026-01-01')$$,
     'BD001', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.export_shipments(date,date)', $$SELECT count(*) FROM api.export_shipments('2026-01-01', '2026-01-01')$$,
     'BD001', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    -- 0045: the sender is an admin login; a parked message is retried by a supervisor or admin.
    ('api.outbox_claim(integer,integer)', $$SELECT count(*) FROM api.outbox_claim(0, 60)$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.outbox_mark_sent(bigint,uuid)', $$SELECT api.outbox_mark_sent(-1, '00000000-0000-4000-8000-000000000451')$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.outbox_mark_failed(bigint,uuid,text,boolean,integer,boolean)',
     $$SELECT api.outbox_mark_failed(-1, '00000000-0000-4000-8000-000000000452', 'test', false, 8, false)$$,
     'BD001', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.outbox_retry(bigint)', $$SELECT api.outbox_retry(-1)$$,
     'BD001', 'BD001', 'allow', 'allow', 'denied', 'denied', 'BD001'),
    ('api.preview_reply(text,text,integer)', $$SELECT api.preview_reply('T-RM-NONE', 'test', 1)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.preview_message(text,text,text)', $$SELECT api.preview_message('SO-RM-NONE', 'tracking', 'email')$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.preview_delay_notice(bigint,text,numeric)', $$SELECT api.preview_delay_notice(-1, 'gift_code', 1.00)$$,
     'allow', 'BD001', 'BD001', 'allow', 'denied', 'denied', 'BD001'),
    ('api.add_stock_alert(text,text)', $$SELECT api.add_stock_alert('rm-none@example.com', 'RM-NONE')$$,
     'allow', 'BD001', 'BD001', 'allow', 'allow', 'denied', 'BD001');
GRANT SELECT ON t_rm_matrix TO PUBLIC;

-- The callers: one login per column of the matrix.
CREATE TEMP TABLE t_rm_callers (col text PRIMARY KEY, login name NOT NULL, ord int NOT NULL);
INSERT INTO t_rm_callers VALUES
    ('agent', 't_rm_agent', 1), ('warehouse', 't_rm_wh', 2), ('supervisor', 't_rm_sup', 3),
    ('admin', 't_rm_admin', 4), ('shop', 't_rm_shop', 5), ('nogroup', 't_rm_nobody', 6),
    ('disabled', 't_rm_off', 7);

DO $$ BEGIN
    PERFORM api.staff_add('t_rm_agent', 'Ayşe Matris', 'agent');
    PERFORM api.staff_add('t_rm_wh', 'Mehmet Matris', 'warehouse');
    PERFORM api.staff_add('t_rm_sup', 'Zeynep Matris', 'supervisor');
    PERFORM api.staff_add('t_rm_admin', 'Emre Matris', 'admin');
    PERFORM api.staff_add('t_rm_off', 'Eski Matris', 'agent');
    PERFORM api.staff_disable('t_rm_off');
END $$;
CREATE ROLE t_rm_shop LOGIN IN ROLE backdesk_shop;
CREATE ROLE t_rm_nobody LOGIN;

-- What one call did, as the login running it: 'allow', 'BD001', 'denied', or
-- 'broken: …' when the call itself is wrong (an undefined function, a syntax error:
-- SQLSTATE class 42 other than 42501), so a typo in the table cannot pass as allowed.
-- Whatever the call changed is rolled back (the inner block always ends in an
-- exception), so one call cannot change what the next one sees.  Not SECURITY
-- DEFINER: the call runs as the caller.
CREATE FUNCTION public.t_rm_try(p_call text, OUT outcome text, OUT detail text)
    LANGUAGE plpgsql
AS $$
DECLARE
    v_state text;
    v_msg text;
BEGIN
    BEGIN
        EXECUTE p_call;
        RAISE EXCEPTION USING ERRCODE = 'TRM00', MESSAGE = 'answered (rolled back)';
    EXCEPTION WHEN OTHERS THEN
        v_state := SQLSTATE;
        v_msg := SQLERRM;
    END;
    detail := v_state || ': ' || v_msg;
    outcome := CASE
        WHEN v_state = 'TRM00' THEN 'allow'
        WHEN v_state = 'BD001' THEN 'BD001'
        WHEN v_state = '42501' THEN 'denied'
        WHEN v_state LIKE '42%' THEN 'broken: ' || detail
        ELSE 'allow' END;
END
$$;
GRANT EXECUTE ON FUNCTION public.t_rm_try(text) TO PUBLIC;

CREATE TEMP TABLE t_rm_got (col text, sig text, outcome text, detail text, PRIMARY KEY (col, sig));
GRANT INSERT ON t_rm_got TO PUBLIC;

SELECT plan(3 + 7 * (SELECT count(*)::int FROM t_rm_matrix));

------------------------------------------------------------------------------
-- The table and the catalog agree.
------------------------------------------------------------------------------
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'api'
      AND p.oid NOT IN (SELECT to_regprocedure(m.sig) FROM t_rm_matrix m WHERE to_regprocedure(m.sig) IS NOT NULL)
$$, 'every function in schema api has a row in the role matrix');

SELECT is_empty($$
    SELECT m.sig FROM t_rm_matrix m WHERE to_regprocedure(m.sig) IS NULL
$$, 'every row of the role matrix names a function that exists in api');

SELECT is_empty($$
    SELECT m.sig FROM t_rm_matrix m
    WHERE position(split_part(m.sig, '(', 1) || '(' IN m.call) = 0
       OR m.sig NOT LIKE 'api.%'
       OR EXISTS (SELECT FROM t_rm_callers c, LATERAL (SELECT to_jsonb(m) ->> c.col AS want) w
                  WHERE w.want NOT IN ('allow', 'BD001', 'denied'))
$$, 'every row calls its own api function and expects only allow, BD001 or denied');

------------------------------------------------------------------------------
-- Every function as every caller.
------------------------------------------------------------------------------
SET SESSION AUTHORIZATION t_rm_agent;
INSERT INTO t_rm_got SELECT 'agent', m.sig, r.* FROM t_rm_matrix m, public.t_rm_try(m.call) r;
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_rm_wh;
INSERT INTO t_rm_got SELECT 'warehouse', m.sig, r.* FROM t_rm_matrix m, public.t_rm_try(m.call) r;
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_rm_sup;
INSERT INTO t_rm_got SELECT 'supervisor', m.sig, r.* FROM t_rm_matrix m, public.t_rm_try(m.call) r;
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_rm_admin;
INSERT INTO t_rm_got SELECT 'admin', m.sig, r.* FROM t_rm_matrix m, public.t_rm_try(m.call) r;
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_rm_shop;
INSERT INTO t_rm_got SELECT 'shop', m.sig, r.* FROM t_rm_matrix m, public.t_rm_try(m.call) r;
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION t_rm_nobody;
INSERT INTO t_rm_got SELECT 'nogroup', m.sig, r.* FROM t_rm_matrix m, public.t_rm_try(m.call) r;
RESET SESSION AUTHORIZATION;

-- Disabled: NOLOGIN now, but a session opened before the disable is still this role.
SET SESSION AUTHORIZATION t_rm_off;
INSERT INTO t_rm_got SELECT 'disabled', m.sig, r.* FROM t_rm_matrix m, public.t_rm_try(m.call) r;
RESET SESSION AUTHORIZATION;

SELECT ok(g.outcome IS NOT DISTINCT FROM e.want,
          format('%s as %s (%s): %s', e.sig, e.col, e.login, e.want))
       || CASE WHEN g.outcome IS DISTINCT FROM e.want
               THEN E'\n' || diag(format(E'      got: %s\n      (%s)', coalesce(g.outcome, 'no result'),
                                         coalesce(g.detail, 'not called')))
               ELSE '' END
FROM (SELECT m.sig, c.col, c.login, c.ord, to_jsonb(m) ->> c.col AS want
      FROM t_rm_matrix m CROSS JOIN t_rm_callers c) e
LEFT JOIN t_rm_got g ON g.col = e.col AND g.sig = e.sig
ORDER BY e.sig, e.ord;

SELECT * FROM finish();
ROLLBACK;
