-- 0092 PROVISIONAL: the lead deletes it at merge.
--
-- Stand-ins for the api functions of migrations 0037 (life) and 0038 (money)
-- that the return screen calls, with the contract's signatures and result
-- shapes, so the screen can be tried before those land.  Minimal: the role,
-- state and version checks and the audit rows are real; the money is not
-- (no caps, no shipping part, exchange makes no order, store credit no code).

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION backdesk.prov_return_get(p_number text, p_version integer) RETURNS backdesk.returns
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
    v_who text;
    v_at timestamptz;
BEGIN
    SELECT * INTO r FROM backdesk.returns WHERE number = p_number FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no return %s', p_number),
            HINT = 'Check the return number (R-50001).';
    END IF;
    IF p_version IS NOT NULL AND p_version <> r.version THEN
        SELECT coalesce(s.full_name, a.actor), a.at INTO v_who, v_at
        FROM backdesk.audit_log a LEFT JOIN backdesk.staff s ON s.login = a.actor
        WHERE a.entity = 'return' AND a.entity_id = r.id ORDER BY a.at DESC, a.id DESC LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'BD004',
            MESSAGE = format('return %s was changed by %s at %s', r.number, coalesce(v_who, 'someone else'),
                             to_char(coalesce(v_at, r.updated_at), 'HH24:MI')),
            DETAIL = format('You saw version %s; it is at version %s now.', p_version, r.version),
            HINT = 'Reload the return and apply your change again.';
    END IF;
    RETURN r;
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION backdesk.prov_return_need(r backdesk.returns, p_what text, VARIADIC p_from text[]) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF NOT r.status = ANY (p_from) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('return %s is %s: cannot %s it', r.number, replace(r.status, '_', ' '), p_what),
            HINT = 'Reload the return: its next steps are under u.';
    END IF;
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION backdesk.prov_return_bump(r backdesk.returns, p_action text, p_detail jsonb DEFAULT '{}') RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v integer;
BEGIN
    UPDATE backdesk.returns SET version = version + 1, updated_at = now() WHERE id = r.id RETURNING version INTO v;
    PERFORM backdesk.audit('return.' || p_action, 'return', r.id, p_detail || jsonb_build_object('version', v));
    RETURN v;
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.return_detail(return_number text) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_role text := backdesk.require_role('reading a return', 'agent', 'warehouse', 'supervisor', 'admin');
    r backdesk.returns;
    o backdesk.orders;
    v_money boolean := v_role <> 'warehouse';
    v_decide boolean := v_role IN ('agent', 'admin');
    v_hands boolean := v_role IN ('warehouse', 'admin');
    p record;
    v_delivered timestamptz;
BEGIN
    SELECT * INTO r FROM backdesk.returns WHERE number = return_number;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no return %s', return_number),
            HINT = 'Check the return number (R-50001).';
    END IF;
    SELECT * INTO o FROM backdesk.orders WHERE id = r.order_id;
    SELECT max(s.delivered_at) INTO v_delivered FROM backdesk.shipments s WHERE s.order_id = o.id;
    SELECT * INTO p FROM backdesk.return_refund_parts(r.id);
    RETURN jsonb_build_object(
        'id', r.id, 'number', r.number, 'kind', r.kind, 'status', r.status, 'reason', r.reason,
        'evidence', r.evidence, 'version', r.version,
        'requested_at', to_char(r.requested_at, 'YYYY-MM-DD HH24:MI'), 'created_by', r.created_by,
        'decided_at', to_char(r.decided_at, 'YYYY-MM-DD HH24:MI'), 'decided_by', r.decided_by,
        'rejection_reason', r.rejection_reason, 'carrier', r.carrier,
        'carrier_name', backdesk.carrier_name(r.carrier), 'tracking_no', r.tracking_no,
        'parcel_at', to_char(r.parcel_at, 'YYYY-MM-DD HH24:MI'),
        'received_at', to_char(r.received_at, 'YYYY-MM-DD HH24:MI'), 'received_by', r.received_by,
        'inspected_at', to_char(r.inspected_at, 'YYYY-MM-DD HH24:MI'), 'inspected_by', r.inspected_by,
        'inspection_note', r.inspection_note, 'resolution', r.resolution,
        'resolved_at', to_char(r.resolved_at, 'YYYY-MM-DD HH24:MI'), 'resolved_by', r.resolved_by,
        'order', jsonb_build_object('id', o.id, 'number', o.number, 'status', o.status,
                                    'currency', o.currency,
                                    'delivered_at', to_char(v_delivered, 'YYYY-MM-DD HH24:MI'),
                                    'version', o.version),
        'customer', (SELECT jsonb_build_object('id', c.id, 'name', c.name, 'phone', c.phone, 'email', c.email)
                     FROM backdesk.customers c WHERE c.id = o.customer_id),
        'lines', coalesce((SELECT jsonb_agg(jsonb_build_object(
                    'line_no', ol.line_no, 'sku', ol.sku, 'name', ol.name, 'ordered_qty', ol.qty,
                    'qty', rl.qty, 'unit_price', CASE WHEN v_money THEN ol.unit_price END,
                    'value', CASE WHEN v_money THEN rl.qty * ol.unit_price END,
                    'reason', rl.reason_code, 'reason_label', rr.label, 'note', rl.note,
                    'condition', rl.condition, 'accepted_qty', rl.accepted_qty,
                    'disposition', rl.disposition,
                    'restocking_fee', CASE WHEN v_money THEN rl.restocking_fee END) ORDER BY ol.line_no)
                  FROM backdesk.return_lines rl
                  JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
                  JOIN backdesk.return_reasons rr ON rr.code = rl.reason_code
                  WHERE rl.return_id = r.id), '[]'),
        'money', CASE WHEN v_money THEN jsonb_build_object('goods', p.goods, 'restocking', p.restocking,
                     'shipping', p.shipping, 'refunded', p.refunded, 'due', p.due) END,
        'refunds', CASE WHEN v_money THEN coalesce((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'kind', f.kind,
                     'amount', f.amount, 'created_at', to_char(f.created_at, 'YYYY-MM-DD HH24:MI'),
                     'created_by', f.created_by) ORDER BY f.created_at, f.id)
                   FROM backdesk.refunds f WHERE f.return_id = r.id), '[]') END,
        'exchange_order', (SELECT x.number FROM backdesk.orders x WHERE x.id = r.exchange_order_id),
        'gift_code', CASE WHEN v_money THEN (SELECT g.code FROM backdesk.gift_codes g WHERE g.id = r.gift_code_id) END,
        'window', jsonb_build_object('return_until', to_char(v_delivered + interval '14 days', 'YYYY-MM-DD'),
                                     'warranty_until', NULL),
        'can', jsonb_build_object(
            'approve', v_decide AND r.status = 'requested',
            'reject', v_decide AND r.status = 'requested',
            'parcel', (v_decide OR v_hands) AND r.status IN ('approved', 'awaiting_parcel'),
            'receive', v_hands AND r.status IN ('approved', 'awaiting_parcel'),
            'inspect', v_hands AND r.status = 'received',
            'refund', v_decide AND r.status = 'inspected' AND r.kind = 'return',
            'exchange', v_decide AND r.status = 'inspected' AND r.kind IN ('exchange', 'warranty'),
            'repair', v_decide AND r.status = 'inspected' AND r.kind = 'warranty',
            'store_credit', v_decide AND r.status = 'inspected',
            'close', v_decide AND r.status IN ('refunded', 'exchanged', 'repaired', 'store_credit')),
        'history', coalesce((SELECT jsonb_agg(jsonb_build_object('at', to_char(a.at, 'YYYY-MM-DD HH24:MI'),
                        'actor', coalesce(s.full_name, a.actor), 'action', a.action) ORDER BY a.at, a.id)
                     FROM backdesk.audit_log a LEFT JOIN backdesk.staff s ON s.login = a.actor
                     WHERE a.entity = 'return' AND a.entity_id = r.id), '[]'));
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.approve_return(return_number text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('approving a return', 'agent', 'admin');
    r := backdesk.prov_return_get(return_number, p_version);
    PERFORM backdesk.prov_return_need(r, 'approve', 'requested');
    UPDATE backdesk.returns SET status = 'approved', decided_at = now(), decided_by = session_user WHERE id = r.id;
    RETURN backdesk.prov_return_bump(r, 'approve');
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.reject_return(return_number text, reason text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('rejecting a return', 'agent', 'admin');
    r := backdesk.prov_return_get(return_number, p_version);
    PERFORM backdesk.prov_return_need(r, 'reject', 'requested');
    IF coalesce(btrim(reject_return.reason), '') = '' OR length(reject_return.reason) > 500 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'a rejection needs a reason of at most 500 characters',
            HINT = 'Say why in a sentence the customer can be told.';
    END IF;
    UPDATE backdesk.returns SET status = 'rejected', rejection_reason = reject_return.reason, decided_at = now(),
        decided_by = session_user WHERE id = r.id;
    RETURN backdesk.prov_return_bump(r, 'reject');
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.set_return_parcel(return_number text, carrier text, tracking_no text,
    p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('setting a return parcel', 'agent', 'warehouse', 'admin');
    r := backdesk.prov_return_get(return_number, p_version);
    PERFORM backdesk.prov_return_need(r, 'set the parcel of', 'approved', 'awaiting_parcel');
    IF backdesk.carrier_name(carrier) IS NOT DISTINCT FROM carrier OR coalesce(btrim(tracking_no), '') = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('unknown carrier %L or no tracking number', carrier),
            HINT = 'Give a carrier code (yurtici, aras, mng, ptt, dhl, ups, fedex, mpl, gls) and its tracking number.';
    END IF;
    IF EXISTS (SELECT FROM backdesk.returns x WHERE x.tracking_no = set_return_parcel.tracking_no AND x.id <> r.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD007', MESSAGE = format('tracking number %s is another return''s', tracking_no),
            HINT = 'Check the number on the parcel label.';
    END IF;
    UPDATE backdesk.returns x SET status = 'awaiting_parcel', carrier = lower(set_return_parcel.carrier),
        tracking_no = set_return_parcel.tracking_no, parcel_at = now() WHERE x.id = r.id;
    RETURN backdesk.prov_return_bump(r, 'parcel');
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.receive_return(return_number text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('receiving a return', 'warehouse', 'admin');
    r := backdesk.prov_return_get(return_number, p_version);
    PERFORM backdesk.prov_return_need(r, 'receive', 'approved', 'awaiting_parcel');
    UPDATE backdesk.returns SET status = 'received', received_at = now(), received_by = session_user WHERE id = r.id;
    RETURN backdesk.prov_return_bump(r, 'receive');
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.inspect_return(return_number text, lines jsonb, note text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
    l jsonb;
    v_line record;
    v_pct numeric := (SELECT value::numeric FROM backdesk.settings WHERE key = 'restocking_fee_percent');
BEGIN
    PERFORM backdesk.require_role('inspecting a return', 'warehouse', 'admin');
    r := backdesk.prov_return_get(return_number, p_version);
    PERFORM backdesk.prov_return_need(r, 'inspect', 'received');
    IF jsonb_typeof(lines) IS DISTINCT FROM 'array'
       OR jsonb_array_length(lines) <> (SELECT count(*) FROM backdesk.return_lines WHERE return_id = r.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'the inspection names every line of the return once',
            HINT = 'Give a condition, accepted quantity and disposition for each line.';
    END IF;
    FOR l IN SELECT * FROM jsonb_array_elements(lines) LOOP
        SELECT rl.id, rl.qty, ol.unit_price, rl.reason_code, ol.product_id, rr.shop_fault INTO v_line
        FROM backdesk.return_lines rl JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
        JOIN backdesk.return_reasons rr ON rr.code = rl.reason_code
        WHERE rl.return_id = r.id AND ol.line_no = (l ->> 'line_no')::int;
        IF NOT FOUND OR coalesce(l ->> 'condition', '') NOT IN ('as_new', 'opened', 'damaged', 'missing_parts')
           OR coalesce(l ->> 'disposition', '') NOT IN ('restock', 'write_off')
           OR (l ->> 'accepted_qty') IS NULL OR (l ->> 'accepted_qty') !~ '^[0-9]{1,6}$'
           OR (l ->> 'accepted_qty')::int > v_line.qty THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('line %s: accepted quantity is 0 to %s, with a condition and a disposition',
                                 l ->> 'line_no', coalesce(v_line.qty, 0)),
                HINT = 'Correct the line and inspect again.';
        END IF;
        UPDATE backdesk.return_lines SET condition = l ->> 'condition', accepted_qty = (l ->> 'accepted_qty')::int,
            disposition = l ->> 'disposition',
            restocking_fee = CASE WHEN NOT v_line.shop_fault AND l ->> 'condition' <> 'as_new'
                                  THEN round((l ->> 'accepted_qty')::int * v_line.unit_price * v_pct / 100, 2) ELSE 0 END
        WHERE id = v_line.id;
        IF l ->> 'disposition' = 'restock' THEN
            UPDATE backdesk.products SET stock = stock + (l ->> 'accepted_qty')::int WHERE id = v_line.product_id;
        END IF;
    END LOOP;
    UPDATE backdesk.returns SET status = 'inspected', inspected_at = now(), inspected_by = session_user,
        inspection_note = nullif(note, ''),
        restocking_fee = (SELECT coalesce(sum(restocking_fee), 0) FROM backdesk.return_lines WHERE return_id = r.id)
    WHERE id = r.id;
    RETURN backdesk.prov_return_bump(r, 'inspect');
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION backdesk.prov_return_resolve(p_number text, p_version integer, p_status text, p_what text,
    p_kinds text[]) RETURNS backdesk.returns
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role(p_what || ' a return', 'agent', 'admin');
    r := backdesk.prov_return_get(p_number, p_version);
    PERFORM backdesk.prov_return_need(r, p_what, 'inspected');
    IF NOT r.kind = ANY (p_kinds) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = format('a %s cannot be resolved so', r.kind),
            HINT = 'Choose another next step.';
    END IF;
    UPDATE backdesk.returns SET status = p_status,
        resolution = CASE p_status WHEN 'refunded' THEN 'refund' WHEN 'exchanged' THEN 'exchange'
                                   WHEN 'repaired' THEN 'repair' ELSE 'store_credit' END,
        resolved_at = now(), resolved_by = session_user WHERE id = r.id;
    RETURN r;
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.refund_return(return_number text, idempotency_key uuid, p_version integer DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
    v_id bigint;
    v_due numeric;
BEGIN
    PERFORM backdesk.require_role('refunding a return', 'agent', 'admin');
    SELECT f.id INTO v_id FROM backdesk.refunds f WHERE f.idempotency_key = refund_return.idempotency_key;
    IF FOUND THEN
        RETURN v_id;
    END IF;
    r := backdesk.prov_return_resolve(return_number, p_version, 'refunded', 'refunding', ARRAY['return', 'exchange', 'warranty']);
    SELECT due INTO v_due FROM backdesk.return_refund_parts(r.id);
    IF coalesce(v_due, 0) <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = format('nothing is due on %s', r.number),
            HINT = 'Close the return instead.';
    END IF;
    INSERT INTO backdesk.refunds (order_id, return_id, kind, amount, reason, idempotency_key)
    VALUES (r.order_id, r.id, 'return', v_due, 'return ' || r.number, refund_return.idempotency_key)
    RETURNING id INTO v_id;
    PERFORM backdesk.prov_return_bump(r, 'refund', jsonb_build_object('refund', v_id, 'amount', v_due));
    RETURN v_id;
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.exchange_return(return_number text, p_version integer DEFAULT NULL) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('exchanging a return', 'agent', 'admin');
    r := backdesk.prov_return_resolve(return_number, p_version, 'exchanged', 'exchanging', ARRAY['exchange', 'warranty']);
    PERFORM backdesk.prov_return_bump(r, 'exchange');
    RETURN NULL; -- provisional: no new order
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.repair_return(return_number text, note text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('repairing a return', 'agent', 'admin');
    r := backdesk.prov_return_resolve(return_number, p_version, 'repaired', 'repairing', ARRAY['warranty']);
    RETURN backdesk.prov_return_bump(r, 'repair', jsonb_build_object('note', note));
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.store_credit_return(return_number text, idempotency_key uuid, p_version integer DEFAULT NULL) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('giving store credit for a return', 'agent', 'admin');
    r := backdesk.prov_return_resolve(return_number, p_version, 'store_credit', 'giving store credit for', ARRAY['return', 'exchange', 'warranty']);
    PERFORM backdesk.prov_return_bump(r, 'store_credit', jsonb_build_object('key', idempotency_key));
    RETURN 'PROVISIONAL'; -- provisional: no gift code
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.close_return(return_number text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('closing a return', 'agent', 'admin');
    r := backdesk.prov_return_get(return_number, p_version);
    PERFORM backdesk.prov_return_need(r, 'close', 'refunded', 'exchanged', 'repaired', 'store_credit');
    UPDATE backdesk.returns SET status = 'closed', closed_at = now() WHERE id = r.id;
    RETURN backdesk.prov_return_bump(r, 'close');
END
$$;

REVOKE EXECUTE ON FUNCTION api.return_detail(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.return_detail(text) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.return_detail(text) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.approve_return(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.approve_return(text, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.approve_return(text, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: agent, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.reject_return(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.reject_return(text, text, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.reject_return(text, text, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: agent, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.set_return_parcel(text, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.set_return_parcel(text, text, text, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.set_return_parcel(text, text, text, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: agent, warehouse, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.receive_return(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.receive_return(text, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.receive_return(text, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: warehouse, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.inspect_return(text, jsonb, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.inspect_return(text, jsonb, text, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.inspect_return(text, jsonb, text, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: warehouse, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.refund_return(text, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.refund_return(text, uuid, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.refund_return(text, uuid, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: agent, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.exchange_return(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.exchange_return(text, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.exchange_return(text, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: agent, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.repair_return(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.repair_return(text, text, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.repair_return(text, text, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: agent, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.store_credit_return(text, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.store_credit_return(text, uuid, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.store_credit_return(text, uuid, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: agent, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;

REVOKE EXECUTE ON FUNCTION api.close_return(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.close_return(text, integer) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
COMMENT ON FUNCTION api.close_return(text, integer) IS
$c$PROVISIONAL stand-in of the contract's function for the return screen; the lead deletes it at merge.
Who: agent, admin.
Refuses: BD001 any other role; BD002 the return's state; BD003 no such return; BD004 changed since p_version; BD005 invalid input; BD007 a tracking number another return has.$c$;
