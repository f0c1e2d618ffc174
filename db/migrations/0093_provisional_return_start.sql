-- 0093 PROVISIONAL: the lead deletes it at merge.  Stand-ins for the "life" part's
-- api.returnable_lines and api.request_return (migration 0037), with exactly the
-- contract's signatures, so that "start a return" (views/return_start.c) can be
-- tried before 0037 exists.  Minimal but honest: a real INSERT of the return and
-- its lines, under the order's lock; no role-matrix rows (0037 brings them).

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE FUNCTION api.returnable_lines(order_number text)
    RETURNS TABLE (line_no integer, sku text, name text, qty integer, returnable integer,
                   unit_price numeric, currency text, return_until date, warranty_until date,
                   "window" text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    v_order backdesk.orders;
    v_delivered date;
    v_days integer;
BEGIN
    PERFORM backdesk.require_role('reading returnable lines', 'agent', 'warehouse', 'supervisor', 'admin');
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order %s', quote_literal(p_number)),
            HINT = 'Check the order number (search with g).';
    END IF;
    IF v_order.status = 'delivered' THEN
        SELECT backdesk.shop_date(max(s.delivered_at)) INTO v_delivered
        FROM backdesk.shipments s WHERE s.order_id = v_order.id;
        v_delivered := coalesce(v_delivered, backdesk.shop_date(v_order.updated_at));
    END IF;
    v_days := coalesce(backdesk.setting('return_window_days'), '14')::integer;
    RETURN QUERY
    SELECT ol.line_no::integer, ol.sku, ol.name, ol.qty,
           greatest(ol.qty - coalesce((SELECT sum(rl.qty) FROM backdesk.return_lines rl
                                       JOIN backdesk.returns r ON r.id = rl.return_id
                                       WHERE rl.order_line_id = ol.id AND r.status <> 'rejected'), 0), 0)::integer,
           ol.unit_price, v_order.currency::text,
           v_delivered + v_days,
           (v_delivered + make_interval(months => coalesce(p.warranty_months, 24)))::date,
           CASE WHEN v_delivered IS NULL THEN 'none'
                WHEN backdesk.shop_date(now()) <= v_delivered + v_days THEN 'return'
                WHEN backdesk.shop_date(now()) <= (v_delivered + make_interval(months => coalesce(p.warranty_months, 24)))::date
                    THEN 'warranty'
                ELSE 'none' END
    FROM backdesk.order_lines ol LEFT JOIN backdesk.products p ON p.id = ol.product_id
    WHERE ol.order_id = v_order.id
    ORDER BY ol.line_no;
END
$$;
COMMENT ON FUNCTION api.returnable_lines(text) IS
    'PROVISIONAL (0037 replaces it): the order''s lines with how many can still be returned, until when, and under which window.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 for other roles; BD003 when there is no such order.';

CREATE FUNCTION api.request_return(order_number text, lines jsonb, reason text, p_kind text DEFAULT 'return',
                                   p_evidence text DEFAULT NULL, p_version integer DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_lines ALIAS FOR $2;
    p_reason ALIAS FOR $3;
    v_order backdesk.orders;
    v_reason text;
    v_ret backdesk.returns;
    l jsonb;
    v_line record;
BEGIN
    PERFORM backdesk.require_role('requesting returns', 'agent', 'admin');
    v_reason := backdesk.need_text(p_reason, 'reason', 'Write what the customer says happened.');
    IF p_kind IS NULL OR p_kind NOT IN ('return', 'exchange', 'warranty') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'kind: return, exchange or warranty',
            HINT = 'Choose the kind of the return.';
    END IF;
    IF jsonb_typeof(p_lines) IS DISTINCT FROM 'array' OR jsonb_array_length(p_lines) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'lines: at least one line to return',
            HINT = 'Pick the lines the customer sends back.';
    END IF;
    v_order := backdesk.order_for_update(p_number);
    PERFORM backdesk.check_version(v_order, p_version);
    IF v_order.status <> 'delivered' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = format('order %s is not delivered yet', v_order.number),
            HINT = 'Cancel it instead before it ships, or wait for the delivery.';
    END IF;
    INSERT INTO backdesk.returns (order_id, kind, reason, evidence)
    VALUES (v_order.id, p_kind, v_reason, nullif(btrim(p_evidence), ''))
    RETURNING * INTO v_ret;
    FOR l IN SELECT * FROM jsonb_array_elements(p_lines) LOOP
        SELECT rl.* INTO v_line FROM api.returnable_lines(v_order.number) rl
        WHERE rl.line_no = (l ->> 'line_no')::integer;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('lines: order %s has no line %s', v_order.number, l ->> 'line_no'),
                HINT = 'Pick a line of the order.';
        END IF;
        IF (p_kind IN ('return', 'exchange') AND v_line."window" <> 'return')
           OR (p_kind = 'warranty' AND v_line."window" <> 'warranty') THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('line %s is not within its %s window', v_line.line_no, p_kind),
                HINT = CASE v_line."window" WHEN 'warranty' THEN 'Ask for a warranty claim instead.'
                            WHEN 'return' THEN 'Ask for a return instead.' ELSE 'Nothing can be returned any more.' END;
        END IF;
        IF coalesce((l ->> 'qty')::integer, 0) < 1 OR (l ->> 'qty')::integer > v_line.returnable THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('line %s: only %s can still be returned', v_line.line_no, v_line.returnable),
                HINT = 'Lower the quantity.';
        END IF;
        INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, reason_code, note)
        SELECT v_ret.id, ol.id, (l ->> 'qty')::integer, coalesce(l ->> 'reason', 'other'), l ->> 'note'
        FROM backdesk.order_lines ol WHERE ol.order_id = v_order.id AND ol.line_no = v_line.line_no;
    END LOOP;
    PERFORM backdesk.audit('return.request', 'return', v_ret.id,
                           jsonb_build_object('number', v_ret.number, 'order', v_order.number, 'lines', p_lines));
    RETURN v_ret.number;
END
$$;
COMMENT ON FUNCTION api.request_return(text, jsonb, text, text, text, integer) IS
    'PROVISIONAL (0037 replaces it): a return of some of a delivered order''s lines; returns its number.
Who: agent, admin.
Refuses: BD001 for other roles; BD002 when not delivered, out of its window or over what is returnable; BD003 no such order; BD004 the order changed; BD005 bad input.';

REVOKE ALL ON FUNCTION api.returnable_lines(text), api.request_return(text, jsonb, text, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.returnable_lines(text), api.request_return(text, jsonb, text, text, text, integer)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
