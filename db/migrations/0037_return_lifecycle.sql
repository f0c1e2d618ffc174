-- 0037 a return's life (issue 13): what may still be returned, the request, the
-- decision, the parcel back, receiving, inspection, closing, and the return's JSON
-- document for the return screen.  0038 writes the outcomes (refund, exchange,
-- repair, store credit) with the same two helpers.
--
--   * backdesk.return_transition_ok(from, to) is the one rule of which status may
--     follow which: requested -> approved | rejected; approved -> awaiting_parcel |
--     received; awaiting_parcel -> awaiting_parcel (a corrected parcel) | received;
--     received -> inspected; inspected -> refunded | exchanged | repaired |
--     store_credit; each of those -> closed.  rejected and closed: nothing.
--   * backdesk.return_lock(number, version, to, action) is how every move starts:
--     the row locked, BD003 when there is none, BD004 naming who changed it since
--     the version the caller saw, BD002 naming both statuses when the rule says no.
--     backdesk.return_touch(row, status, action, detail) is how it ends: the new
--     status, version and updated_at, an audit row 'return.<action>' with both
--     statuses and the new version (which BD004 reads to name who), and the version.
--   * The policy: a line may be returned (kind return or exchange) until
--     return_window_days (backdesk.settings, 14) after the order's delivery day, and
--     claimed under warranty (kind warranty) after that while its product's warranty
--     runs (products.warranty_months from the delivery day; a line without a
--     product has none).  Days are the shop's (backdesk.shop_date), as every other
--     date rule.  The delivery is the parcels' delivered_at, else the time of their
--     DELIVERED tracking event.
--   * The last unit: api.request_return locks the order row before it counts what
--     the order's other returns (all but rejected ones) already claim, so two
--     requests for the same last unit are served one after the other and the second
--     is refused (BD002, saying how many are left).  tests/shell/return_race.t.
--   * Inspection puts restocked units back on the shelf (products.stock) and sets
--     the restocking fee per line: restocking_fee_percent of the accepted units'
--     price when the line's reason is not the shop's fault and the item did not come
--     back as new.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- The rule, the lock and the step.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.return_transition_ok(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (p_from, p_to) IN (('requested', 'approved'), ('requested', 'rejected'),
                          ('approved', 'awaiting_parcel'), ('approved', 'received'),
                          ('awaiting_parcel', 'awaiting_parcel'), ('awaiting_parcel', 'received'),
                          ('received', 'inspected'),
                          ('inspected', 'refunded'), ('inspected', 'exchanged'),
                          ('inspected', 'repaired'), ('inspected', 'store_credit'),
                          ('refunded', 'closed'), ('exchanged', 'closed'),
                          ('repaired', 'closed'), ('store_credit', 'closed'));
-- The console may offer only the steps a return may take.
GRANT EXECUTE ON FUNCTION backdesk.return_transition_ok(text, text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

-- The statuses in lifecycle order, for the words of a refusal.
CREATE FUNCTION backdesk.return_statuses() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY['requested', 'approved', 'rejected', 'awaiting_parcel', 'received', 'inspected',
             'refunded', 'exchanged', 'repaired', 'store_credit', 'closed'];

-- The return by its number, locked; BD003 if none, BD004 if it moved on since
-- p_version (naming who, from the audit row of its version), BD002 unless it may go
-- to p_to.  p_action is the verb the caller asked for ("approve"), for the words.
CREATE FUNCTION backdesk.return_lock(return_number text, p_version integer, p_to text, p_action text)
    RETURNS backdesk.returns
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.returns;
    v_who text;
    v_at timestamptz;
    v_next text;
BEGIN
    SELECT * INTO v FROM backdesk.returns r WHERE r.number = upper(btrim(return_number)) FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no return %s', coalesce(quote_literal(return_number), 'NULL')),
            HINT = 'Check the return number (search with g).';
    END IF;
    IF p_version IS NOT NULL AND p_version <> v.version THEN
        SELECT coalesce(s.full_name, a.actor), a.at INTO v_who, v_at
        FROM backdesk.audit_log a LEFT JOIN backdesk.staff s ON s.login = a.actor
        WHERE a.entity = 'return' AND a.entity_id = v.id
        ORDER BY (a.detail ->> 'version') = v.version::text DESC NULLS LAST, a.at DESC, a.id DESC
        LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'BD004',
            MESSAGE = format('return %s was changed by %s at %s', v.number, coalesce(v_who, 'someone else'),
                             to_char(coalesce(v_at, v.updated_at), 'HH24:MI')),
            DETAIL = format('You saw version %s; it is at version %s now.', p_version, v.version),
            HINT = 'Reload the return and apply your change again.';
    END IF;
    IF NOT backdesk.return_transition_ok(v.status, p_to) THEN
        SELECT string_agg(replace(t, '_', ' '), ', ' ORDER BY i) INTO v_next
        FROM unnest(backdesk.return_statuses()) WITH ORDINALITY x(t, i)
        WHERE backdesk.return_transition_ok(v.status, x.t);
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('return %s cannot go from %s to %s (%s)', v.number, replace(v.status, '_', ' '),
                             replace(p_to, '_', ' '), p_action),
            HINT = CASE WHEN v.status = 'closed' THEN 'A closed return stays closed: request a new return if more comes back.'
                        WHEN v.status = 'rejected' THEN 'A rejected return stays rejected: request a new return if the customer asks again.'
                        ELSE format('A return that is %s can go to: %s.', replace(v.status, '_', ' '), v_next) END;
    END IF;
    RETURN v;
END
$$;

-- The return moved on: its new status, version and time, and the audit row
-- 'return.<action>' saying from what to what at which version.  Returns the version.
CREATE FUNCTION backdesk.return_touch(r backdesk.returns, p_status text, p_action text, p_detail jsonb)
    RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_version integer;
BEGIN
    UPDATE backdesk.returns x
    SET status = p_status, version = x.version + 1, updated_at = now(),
        closed_at = CASE WHEN p_status = 'closed' THEN now() ELSE x.closed_at END
    WHERE x.id = r.id
    RETURNING x.version INTO v_version;
    PERFORM backdesk.audit('return.' || p_action, 'return', r.id,
        jsonb_build_object('number', r.number, 'from', r.status, 'to', p_status, 'version', v_version)
        || coalesce(p_detail, '{}'));
    RETURN v_version;
END
$$;

------------------------------------------------------------------------------
-- The policy.
------------------------------------------------------------------------------

-- When the order reached the customer: its parcels' delivered_at, else their
-- DELIVERED tracking event.  NULL while nothing was delivered (or the day is unknown).
CREATE FUNCTION backdesk.order_delivered_at(p_order_id bigint) RETURNS timestamptz
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    RETURN coalesce(
        (SELECT max(s.delivered_at) FROM backdesk.shipments s WHERE s.order_id = p_order_id),
        (SELECT max(e.occurred_at) FROM backdesk.shipment_events e JOIN backdesk.shipments s ON s.id = e.shipment_id
         WHERE s.order_id = p_order_id AND e.status = 'DELIVERED'));
END
$$;

-- Each line of an order: what other returns (all but rejected ones) claim of it, what
-- is left, the last day of the return window and of the warranty (the shop's days),
-- and which of the two runs today: 'return', 'warranty' or 'none'.
CREATE FUNCTION backdesk.return_line_windows(p_order_id bigint)
    RETURNS TABLE (order_line_id bigint, line_no integer, claimed integer, returnable integer,
                   return_until date, warranty_until date, win text)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
-- plpgsql, not sql: a sql function with a SET clause is planned anew on every call,
-- and the order screen asks this on every load (api.returnable_lines).
DECLARE
    v_day date := backdesk.shop_date(backdesk.order_delivered_at(p_order_id));
    v_until date := v_day + coalesce(backdesk.setting('return_window_days')::integer, 14);
    v_today date := backdesk.shop_date(now());
BEGIN
    RETURN QUERY
    SELECT l.id, l.line_no, l.claimed, greatest(l.qty - l.claimed, 0), v_until, l.warranty_until,
           CASE WHEN v_until IS NULL THEN 'none'
                WHEN v_today <= v_until THEN 'return'
                WHEN v_today <= l.warranty_until THEN 'warranty'
                ELSE 'none' END
    FROM (SELECT ol.id, ol.line_no::integer AS line_no, ol.qty, coalesce(c.n, 0)::integer AS claimed,
                 CASE WHEN p.id IS NOT NULL THEN (v_day + make_interval(months => p.warranty_months))::date END
                     AS warranty_until
          FROM backdesk.order_lines ol
          LEFT JOIN backdesk.products p ON p.id = ol.product_id
          LEFT JOIN (SELECT rl.order_line_id, sum(rl.qty) AS n
                     FROM backdesk.return_lines rl JOIN backdesk.returns r ON r.id = rl.return_id
                     WHERE r.order_id = p_order_id AND r.status <> 'rejected'
                     GROUP BY rl.order_line_id) c ON c.order_line_id = ol.id
          WHERE ol.order_id = p_order_id) l;
END
$$;

-- BD005 unless p_value is a JSON integer in [p_min, p_max]; returns it.
CREATE FUNCTION backdesk.need_json_int(p_value jsonb, p_field text, p_min integer, p_max integer) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v numeric := CASE WHEN jsonb_typeof(p_value) = 'number' THEN (p_value #>> '{}')::numeric END;
BEGIN
    IF v IS NULL OR v <> trunc(v) OR v NOT BETWEEN p_min AND p_max THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s must be a whole number from %s to %s, got %s', p_field, p_min, p_max,
                             coalesce(p_value::text, 'nothing')),
            HINT = format('Give %s as a number, like 1.', p_field);
    END IF;
    RETURN v::integer;
END
$$;

------------------------------------------------------------------------------
-- What may still come back.
------------------------------------------------------------------------------
CREATE FUNCTION api.returnable_lines(order_number text)
    RETURNS TABLE (line_no integer, sku text, name text, qty integer, returnable integer, unit_price numeric,
                   currency text, return_until date, warranty_until date, "window" text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_order backdesk.orders;
BEGIN
    PERFORM backdesk.require_role('viewing what may be returned', 'agent', 'warehouse', 'supervisor', 'admin');
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.number = btrim(returnable_lines.order_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(returnable_lines.order_number), 'NULL')),
            HINT = 'Check the order number (search with g).';
    END IF;
    RETURN QUERY
    SELECT ol.line_no::integer, ol.sku, ol.name, ol.qty, w.returnable, ol.unit_price, v_order.currency::text,
           w.return_until, w.warranty_until, w.win
    FROM backdesk.order_lines ol
    JOIN backdesk.return_line_windows(v_order.id) w ON w.order_line_id = ol.id
    ORDER BY ol.line_no;
END
$$;

------------------------------------------------------------------------------
-- The request.
------------------------------------------------------------------------------
CREATE FUNCTION api.request_return(order_number text, lines jsonb, reason text, p_kind text DEFAULT 'return',
                                   p_evidence text DEFAULT NULL, p_version integer DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_lines ALIAS FOR $2;
    p_reason ALIAS FOR $3;
    v_order backdesk.orders;
    v_delivered timestamptz;
    v_kind text;
    v_evidence text;
    v_reason text;
    v_line jsonb;
    v_i integer := 0;
    v_line_no integer;
    v_qty integer;
    v_code text;
    v_note text;
    v_want jsonb := '[]';
    w record;
    v_return backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('requesting returns', 'agent', 'admin');
    v_kind := backdesk.need_one_of(coalesce(p_kind, 'return'), 'kind', ARRAY['return', 'exchange', 'warranty']);
    IF p_lines IS NULL OR jsonb_typeof(p_lines) <> 'array' OR jsonb_array_length(p_lines) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = 'lines must be a JSON array of the lines to return',
            HINT = 'Give lines like [{"line_no": 1, "qty": 1, "reason": "damaged_in_transit", "note": "box crushed"}].';
    END IF;
    v_evidence := nullif(btrim(p_evidence), '');
    IF length(v_evidence) > 1000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('evidence is too long (%s characters, at most 1000)', length(v_evidence)),
            HINT = 'Shorten the evidence: say where the photos or mails are; nothing was saved.';
    END IF;

    -- The order first: the lock serializes requests on it, and everything below
    -- (what is claimed already) is read after it.
    v_order := backdesk.order_for_update(order_number);
    PERFORM backdesk.check_version(v_order, p_version);

    -- The lines as given: shape, codes, quantities.
    FOR v_line IN SELECT * FROM jsonb_array_elements(p_lines) LOOP
        v_i := v_i + 1;
        IF jsonb_typeof(v_line) <> 'object' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('line %s of the request is not a JSON object', v_i),
                HINT = 'Give each line as {"line_no": 1, "qty": 1, "reason": "damaged_in_transit"}.';
        END IF;
        v_line_no := backdesk.need_json_int(v_line -> 'line_no', 'line_no', 1, 32767);
        v_qty := backdesk.need_json_int(v_line -> 'qty', format('qty of line %s', v_line_no), 1, 1000000);
        v_code := v_line ->> 'reason';
        IF v_code IS NULL OR NOT EXISTS (SELECT FROM backdesk.return_reasons rr WHERE rr.code = v_code) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('reason %s of line %s is not a return reason code',
                                 coalesce(quote_literal(v_code), 'NULL'), v_line_no),
                HINT = format('Use one of: %s.', (SELECT string_agg(rr.code, ', ' ORDER BY rr.sort)
                                                  FROM backdesk.return_reasons rr));
        END IF;
        IF jsonb_typeof(v_line -> 'note') NOT IN ('string', 'null') THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('note of line %s must be text', v_line_no), HINT = 'Give the note as a JSON string.';
        END IF;
        v_note := nullif(btrim(v_line ->> 'note'), '');
        IF length(v_note) > 500 THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('note of line %s is too long (%s characters, at most 500)', v_line_no, length(v_note)),
                HINT = 'Shorten the note; nothing was saved.';
        END IF;
        IF EXISTS (SELECT FROM jsonb_array_elements(v_want) x WHERE (x ->> 'line_no')::integer = v_line_no) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('line %s is given twice', v_line_no),
                HINT = 'Give each order line once, with the whole quantity to return.';
        END IF;
        v_want := v_want || jsonb_build_array(jsonb_build_object('line_no', v_line_no, 'qty', v_qty,
                                                                 'reason', v_code, 'note', v_note));
    END LOOP;

    -- The order: delivered, and each line within the window its kind needs and not
    -- claimed beyond what was bought.
    v_delivered := backdesk.order_delivered_at(v_order.id);
    IF v_delivered IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = CASE WHEN v_order.status = 'delivered'
                           THEN format('order %s is delivered but its delivery day is not recorded', v_order.number)
                           ELSE format('order %s has not been delivered (it is %s)', v_order.number, v_order.status) END,
            HINT = CASE WHEN v_order.status = 'cancelled' THEN 'The order was cancelled: there is nothing to return.'
                        WHEN v_order.status = 'delivered' THEN 'Check the parcel''s tracking: the delivery day decides the return window.'
                        WHEN v_order.status IN ('shipped') OR EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = v_order.id)
                        THEN 'Wait until the parcel is delivered, or ask the carrier to send it back.'
                        ELSE 'It has not shipped yet: cancel the order instead.' END;
    END IF;
    FOR w IN SELECT x.line_no, x.qty, ol.sku, ol.qty AS ordered, lw.claimed, lw.returnable, lw.return_until,
                    lw.warranty_until, lw.win, ol.id AS order_line_id
             FROM jsonb_to_recordset(v_want) x(line_no integer, qty integer)
             LEFT JOIN backdesk.order_lines ol ON ol.order_id = v_order.id AND ol.line_no = x.line_no
             LEFT JOIN backdesk.return_line_windows(v_order.id) lw ON lw.order_line_id = ol.id
             ORDER BY x.line_no LOOP
        IF w.order_line_id IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('order %s has no line %s', v_order.number, w.line_no),
                HINT = 'Give the line numbers of the order (api.returnable_lines lists them).';
        END IF;
        IF v_kind IN ('return', 'exchange') AND w.win <> 'return' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('line %s (%s): the return period of order %s ended on %s%s', w.line_no, w.sku,
                                 v_order.number, w.return_until,
                                 CASE WHEN w.win = 'warranty' THEN format('; its warranty runs until %s', w.warranty_until)
                                      WHEN w.warranty_until IS NULL THEN ' and it has no warranty'
                                      ELSE format(' and its warranty on %s', w.warranty_until) END),
                HINT = CASE WHEN w.win = 'warranty' THEN 'Request a warranty claim (kind warranty) instead.'
                            ELSE 'Nothing of this line can be returned any more; a goodwill gesture is still possible.' END;
        END IF;
        IF v_kind = 'warranty' AND w.win <> 'warranty' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = CASE WHEN w.win = 'return'
                               THEN format('line %s (%s) is still within the return period (until %s)', w.line_no, w.sku,
                                           w.return_until)
                               WHEN w.warranty_until IS NULL
                               THEN format('line %s (%s) has no warranty', w.line_no, w.sku)
                               ELSE format('line %s (%s): the warranty ended on %s', w.line_no, w.sku, w.warranty_until) END,
                HINT = CASE WHEN w.win = 'return' THEN 'Request a return or an exchange instead (kind return or exchange).'
                            ELSE 'Nothing of this line can be claimed any more; a goodwill gesture is still possible.' END;
        END IF;
        IF w.qty > w.returnable THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('line %s (%s): %s left to return, not %s (%s bought, %s in other returns)',
                                 w.line_no, w.sku, w.returnable, w.qty, w.ordered, w.claimed),
                HINT = CASE WHEN w.returnable = 0 THEN 'Every unit of this line is in a return already: open that return.'
                            ELSE format('Return at most %s of this line.', w.returnable) END;
        END IF;
    END LOOP;

    v_reason := backdesk.need_text(coalesce(nullif(btrim(p_reason), ''),
        (SELECT rr.label FROM backdesk.return_reasons rr WHERE rr.code = v_want -> 0 ->> 'reason')), 'reason');
    INSERT INTO backdesk.returns (order_id, kind, status, reason, evidence)
    VALUES (v_order.id, v_kind, 'requested', v_reason, v_evidence)
    RETURNING * INTO v_return;
    INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, reason_code, note)
    SELECT v_return.id, ol.id, x.qty, x.reason, x.note
    FROM jsonb_to_recordset(v_want) x(line_no integer, qty integer, reason text, note text)
    JOIN backdesk.order_lines ol ON ol.order_id = v_order.id AND ol.line_no = x.line_no;
    PERFORM backdesk.audit('return.request', 'return', v_return.id,
        jsonb_build_object('number', v_return.number, 'order', v_order.number, 'kind', v_kind, 'to', 'requested',
                           'version', v_return.version,
                           'lines', (SELECT jsonb_agg(x - 'note') FROM jsonb_array_elements(v_want) x)));
    RETURN v_return.number;
END
$$;

------------------------------------------------------------------------------
-- The decision.
------------------------------------------------------------------------------
CREATE FUNCTION api.approve_return(return_number text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('approving returns', 'agent', 'admin');
    v := backdesk.return_lock(return_number, p_version, 'approved', 'approve');
    UPDATE backdesk.returns r SET decided_at = now(), decided_by = session_user WHERE r.id = v.id;
    RETURN backdesk.return_touch(v, 'approved', 'approve', '{}');
END
$$;

CREATE FUNCTION api.reject_return(return_number text, reason text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_reason ALIAS FOR $2;
    v backdesk.returns;
    v_reason text;
BEGIN
    PERFORM backdesk.require_role('rejecting returns', 'agent', 'admin');
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say why the return is rejected; the customer will ask.');
    v := backdesk.return_lock(return_number, p_version, 'rejected', 'reject');
    UPDATE backdesk.returns r SET decided_at = now(), decided_by = session_user, rejection_reason = v_reason
    WHERE r.id = v.id;
    RETURN backdesk.return_touch(v, 'rejected', 'reject', jsonb_build_object('reason', v_reason));
END
$$;

------------------------------------------------------------------------------
-- The parcel back.
------------------------------------------------------------------------------
CREATE FUNCTION api.set_return_parcel(return_number text, carrier text, tracking_no text,
                                      p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_carrier ALIAS FOR $2;
    p_tracking ALIAS FOR $3;
    v backdesk.returns;
    v_carrier text := lower(btrim(p_carrier));
    v_tracking text := upper(btrim(p_tracking));
    v_other text;
BEGIN
    PERFORM backdesk.require_role('setting the parcel of returns', 'agent', 'warehouse', 'admin');
    IF v_carrier IS NULL OR backdesk.carrier_name(v_carrier) IS NOT DISTINCT FROM v_carrier THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('carrier %s is not a carrier backdesk knows', coalesce(quote_literal(p_carrier), 'NULL')),
            HINT = 'Use one of: yurtici, aras, mng, ptt, dhl, ups, fedex, mpl, gls.';
    END IF;
    IF v_tracking IS NULL OR v_tracking !~ '^[A-Z0-9-]{4,40}$' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('tracking number %s is not valid', coalesce(quote_literal(p_tracking), 'NULL')),
            HINT = 'Give the carrier''s tracking number: 4 to 40 letters, digits or dashes.';
    END IF;
    v := backdesk.return_lock(return_number, p_version, 'awaiting_parcel', 'parcel');
    IF v.status = 'awaiting_parcel' AND v.carrier = v_carrier AND v.tracking_no = v_tracking THEN
        RETURN v.version;
    END IF;
    SELECT r.number INTO v_other FROM backdesk.returns r WHERE r.tracking_no = v_tracking AND r.id <> v.id;
    IF NOT FOUND THEN
        SELECT o.number INTO v_other FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
        WHERE s.tracking_no IN (v_tracking, btrim(p_tracking));   -- the unique index, not a scan
    END IF;
    IF v_other IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('tracking number %s is already the parcel of %s', v_tracking, v_other),
            HINT = 'Check the number on the parcel''s label.';
    END IF;
    BEGIN
        UPDATE backdesk.returns r SET carrier = v_carrier, tracking_no = v_tracking, parcel_at = now()
        WHERE r.id = v.id;
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('tracking number %s is already the parcel of another return', v_tracking),
            HINT = 'Check the number on the parcel''s label.';
    END;
    RETURN backdesk.return_touch(v, 'awaiting_parcel', 'parcel',
        jsonb_build_object('carrier', v_carrier, 'tracking_no', v_tracking,
                           'was', CASE WHEN v.tracking_no IS NOT NULL THEN v.carrier || ' ' || v.tracking_no END));
END
$$;

------------------------------------------------------------------------------
-- The warehouse: receiving and inspecting.
------------------------------------------------------------------------------
CREATE FUNCTION api.receive_return(return_number text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('receiving returns', 'warehouse', 'admin');
    v := backdesk.return_lock(return_number, p_version, 'received', 'receive');
    UPDATE backdesk.returns r SET received_at = now(), received_by = session_user WHERE r.id = v.id;
    RETURN backdesk.return_touch(v, 'received', 'receive', '{}');
END
$$;

CREATE FUNCTION api.inspect_return(return_number text, lines jsonb, note text, p_version integer DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_lines ALIAS FOR $2;
    p_note ALIAS FOR $3;
    v backdesk.returns;
    v_note text := nullif(btrim(p_note), '');
    v_pct numeric := coalesce(backdesk.setting('restocking_fee_percent')::numeric, 10);
    v_line jsonb;
    v_i integer := 0;
    v_line_no integer;
    v_got jsonb := '[]';
    v_condition text;
    v_disposition text;
    v_accepted integer;
    rl record;
    v_fee numeric;
BEGIN
    PERFORM backdesk.require_role('inspecting returns', 'warehouse', 'admin');
    IF p_lines IS NULL OR jsonb_typeof(p_lines) <> 'array' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = 'lines must be a JSON array of the inspected lines',
            HINT = 'Give lines like [{"line_no": 1, "condition": "damaged", "accepted_qty": 1, "disposition": "write_off"}].';
    END IF;
    IF length(v_note) > 2000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('note is too long (%s characters, at most 2000)', length(v_note)),
            HINT = 'Shorten the note; nothing was saved.';
    END IF;
    v := backdesk.return_lock(return_number, p_version, 'inspected', 'inspect');

    FOR v_line IN SELECT * FROM jsonb_array_elements(p_lines) LOOP
        v_i := v_i + 1;
        IF jsonb_typeof(v_line) <> 'object' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('line %s of the inspection is not a JSON object', v_i),
                HINT = 'Give each line as {"line_no": 1, "condition": "opened", "accepted_qty": 1, "disposition": "restock"}.';
        END IF;
        v_line_no := backdesk.need_json_int(v_line -> 'line_no', 'line_no', 1, 32767);
        SELECT x.id, x.qty, ol.unit_price, ol.product_id, ol.sku, rr.shop_fault INTO rl
        FROM backdesk.return_lines x
        JOIN backdesk.order_lines ol ON ol.id = x.order_line_id
        JOIN backdesk.return_reasons rr ON rr.code = x.reason_code
        WHERE x.return_id = v.id AND ol.line_no = v_line_no;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('return %s has no line %s', v.number, v_line_no),
                HINT = 'Inspect the lines of the return (line_no is the order line''s number).';
        END IF;
        IF v_got @> jsonb_build_array(v_line_no) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('line %s is inspected twice', v_line_no), HINT = 'Give each line of the return once.';
        END IF;
        v_got := v_got || jsonb_build_array(v_line_no);
        v_condition := backdesk.need_one_of(v_line ->> 'condition', format('condition of line %s', v_line_no),
                                            ARRAY['as_new', 'opened', 'damaged', 'missing_parts']);
        v_disposition := backdesk.need_one_of(v_line ->> 'disposition', format('disposition of line %s', v_line_no),
                                              ARRAY['restock', 'write_off']);
        v_accepted := backdesk.need_json_int(v_line -> 'accepted_qty', format('accepted_qty of line %s', v_line_no),
                                             0, 1000000);
        IF v_accepted > rl.qty THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('line %s: %s accepted, but only %s were returned', v_line_no, v_accepted, rl.qty),
                HINT = format('Accept at most %s of line %s.', rl.qty, v_line_no);
        END IF;
        v_fee := CASE WHEN NOT rl.shop_fault AND v_condition <> 'as_new'
                      THEN round(v_accepted * rl.unit_price * v_pct / 100, 2) ELSE 0 END;
        UPDATE backdesk.return_lines x
        SET condition = v_condition, accepted_qty = v_accepted, disposition = v_disposition, restocking_fee = v_fee
        WHERE x.id = rl.id;
        IF v_disposition = 'restock' AND v_accepted > 0 THEN
            UPDATE backdesk.products p SET stock = p.stock + v_accepted
            WHERE p.id = rl.product_id OR (rl.product_id IS NULL AND p.sku = rl.sku);
        END IF;
    END LOOP;
    SELECT min(ol.line_no) INTO v_line_no
    FROM backdesk.return_lines x JOIN backdesk.order_lines ol ON ol.id = x.order_line_id
    WHERE x.return_id = v.id AND NOT v_got @> jsonb_build_array(ol.line_no);
    IF v_line_no IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('line %s of return %s is not inspected', v_line_no, v.number),
            HINT = 'Inspect every line of the return at once (accepted_qty 0 for what did not come back).';
    END IF;

    UPDATE backdesk.returns r
    SET inspected_at = now(), inspected_by = session_user, inspection_note = v_note,
        restocking_fee = (SELECT coalesce(sum(x.restocking_fee), 0) FROM backdesk.return_lines x WHERE x.return_id = v.id)
    WHERE r.id = v.id;
    RETURN backdesk.return_touch(v, 'inspected', 'inspect',
        jsonb_build_object('lines', (SELECT jsonb_agg(jsonb_build_object('line_no', ol.line_no, 'condition', x.condition,
                                                                         'accepted_qty', x.accepted_qty,
                                                                         'disposition', x.disposition,
                                                                         'restocking_fee', x.restocking_fee)
                                                      ORDER BY ol.line_no)
                                     FROM backdesk.return_lines x JOIN backdesk.order_lines ol ON ol.id = x.order_line_id
                                     WHERE x.return_id = v.id)));
END
$$;

------------------------------------------------------------------------------
-- The end.
------------------------------------------------------------------------------
CREATE FUNCTION api.close_return(return_number text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('closing returns', 'agent', 'admin');
    v := backdesk.return_lock(return_number, p_version, 'closed', 'close');
    RETURN backdesk.return_touch(v, 'closed', 'close', '{}');
END
$$;

------------------------------------------------------------------------------
-- The return screen's document.
------------------------------------------------------------------------------
CREATE FUNCTION api.return_detail(return_number text) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_role text := backdesk.require_role('viewing returns', 'agent', 'warehouse', 'supervisor', 'admin');
    v_money boolean := v_role <> 'warehouse';
    v_decide boolean := v_role IN ('agent', 'admin');
    v_handle boolean := v_role IN ('warehouse', 'admin');
    v backdesk.returns;
    v_order backdesk.orders;
    v_delivered timestamptz;
    v_doc jsonb;
BEGIN
    SELECT * INTO v FROM backdesk.returns r WHERE r.number = upper(btrim(return_number));
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no return %s', coalesce(quote_literal(return_number), 'NULL')),
            HINT = 'Check the return number (search with g).';
    END IF;
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.id = v.order_id;
    v_delivered := backdesk.order_delivered_at(v_order.id);

    SELECT jsonb_build_object(
        'id', v.id, 'number', v.number, 'kind', v.kind, 'status', v.status, 'reason', v.reason,
        'evidence', v.evidence, 'version', v.version,
        'requested_at', to_char(v.requested_at, 'YYYY-MM-DD HH24:MI'), 'created_by', v.created_by,
        'decided_at', to_char(v.decided_at, 'YYYY-MM-DD HH24:MI'), 'decided_by', v.decided_by,
        'rejection_reason', v.rejection_reason,
        'carrier', v.carrier, 'carrier_name', backdesk.carrier_name(v.carrier), 'tracking_no', v.tracking_no,
        'parcel_at', to_char(v.parcel_at, 'YYYY-MM-DD HH24:MI'),
        'received_at', to_char(v.received_at, 'YYYY-MM-DD HH24:MI'), 'received_by', v.received_by,
        'inspected_at', to_char(v.inspected_at, 'YYYY-MM-DD HH24:MI'), 'inspected_by', v.inspected_by,
        'inspection_note', v.inspection_note,
        'resolution', v.resolution, 'resolved_at', to_char(v.resolved_at, 'YYYY-MM-DD HH24:MI'),
        'resolved_by', v.resolved_by,
        'order', jsonb_build_object('id', v_order.id, 'number', v_order.number, 'status', v_order.status,
                                    'currency', v_order.currency,
                                    'delivered_at', to_char(v_delivered, 'YYYY-MM-DD HH24:MI'),
                                    'version', v_order.version),
        'customer', (SELECT jsonb_build_object('id', c.id, 'name', c.name, 'phone', c.phone, 'email', c.email)
                     FROM backdesk.customers c WHERE c.id = v_order.customer_id),
        'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'line_no', ol.line_no, 'sku', ol.sku, 'name', ol.name, 'ordered_qty', ol.qty, 'qty', rl.qty,
                     'unit_price', ol.unit_price::text, 'value', (rl.qty * ol.unit_price)::text,
                     'reason', rl.reason_code, 'reason_label', rr.label, 'note', rl.note,
                     'condition', rl.condition, 'accepted_qty', rl.accepted_qty, 'disposition', rl.disposition,
                     'restocking_fee', rl.restocking_fee::text, 'warranty_until', lw.warranty_until::text)
                     ORDER BY ol.line_no), '[]')
                  FROM backdesk.return_lines rl
                  JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
                  JOIN backdesk.return_reasons rr ON rr.code = rl.reason_code
                  LEFT JOIN backdesk.return_line_windows(v_order.id) lw ON lw.order_line_id = ol.id
                  WHERE rl.return_id = v.id),
        'money', CASE WHEN v_money THEN
            (SELECT jsonb_build_object('goods', backdesk.money_text(m.goods),
                                       'restocking', backdesk.money_text(m.restocking),
                                       'shipping', backdesk.money_text(m.shipping),
                                       'refunded', backdesk.money_text(m.refunded), 'due', backdesk.money_text(m.due))
             FROM backdesk.return_refund_parts(v.id) m) END,
        'refunds', CASE WHEN v_money THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'id', f.id, 'kind', f.kind, 'amount', f.amount::text,
                     'created_at', to_char(f.created_at, 'YYYY-MM-DD HH24:MI'),
                     'created_by', coalesce(s.full_name, f.created_by))
                     ORDER BY f.created_at, f.id), '[]')
             FROM backdesk.refunds f LEFT JOIN backdesk.staff s ON s.login = f.created_by
             WHERE f.return_id = v.id) END,
        'exchange_order', (SELECT o.number FROM backdesk.orders o WHERE o.id = v.exchange_order_id),
        'gift_code', CASE WHEN v_money THEN (SELECT g.code FROM backdesk.gift_codes g WHERE g.id = v.gift_code_id) END,
        'window', (SELECT jsonb_build_object('return_until', min(lw.return_until)::text,
                                             'warranty_until', max(lw.warranty_until)::text)
                   FROM backdesk.return_lines rl
                   JOIN backdesk.return_line_windows(v_order.id) lw ON lw.order_line_id = rl.order_line_id
                   WHERE rl.return_id = v.id),
        'can', jsonb_build_object(
            'approve', v_decide AND backdesk.return_transition_ok(v.status, 'approved'),
            'reject', v_decide AND backdesk.return_transition_ok(v.status, 'rejected'),
            'parcel', v_role IN ('agent', 'warehouse', 'admin') AND backdesk.return_transition_ok(v.status, 'awaiting_parcel'),
            'receive', v_handle AND backdesk.return_transition_ok(v.status, 'received'),
            'inspect', v_handle AND backdesk.return_transition_ok(v.status, 'inspected'),
            'refund', v_decide AND backdesk.return_transition_ok(v.status, 'refunded'),
            'exchange', v_decide AND backdesk.return_transition_ok(v.status, 'exchanged')
                        AND v.kind IN ('exchange', 'warranty', 'return'),
            'repair', v_decide AND backdesk.return_transition_ok(v.status, 'repaired') AND v.kind = 'warranty',
            'store_credit', v_decide AND backdesk.return_transition_ok(v.status, 'store_credit'),
            'close', v_decide AND backdesk.return_transition_ok(v.status, 'closed')),
        'history', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'at', to_char(a.at, 'YYYY-MM-DD HH24:MI'), 'actor', coalesce(s.full_name, a.actor),
                        'action', a.action)
                        ORDER BY a.at, a.id), '[]')
                    FROM backdesk.audit_log a LEFT JOIN backdesk.staff s ON s.login = a.actor
                    WHERE a.entity = 'return' AND a.entity_id = v.id))
    INTO v_doc;
    RETURN v_doc;
END
$$;

------------------------------------------------------------------------------
-- Who may call what, and what each says.
------------------------------------------------------------------------------
-- As for every api function (tests/sql/grants.sql): the staff groups may call it and
-- the function's role check says why it refuses; a disabled login is told why (0032).
GRANT EXECUTE ON FUNCTION
    api.returnable_lines(text),
    api.request_return(text, jsonb, text, text, text, integer),
    api.approve_return(text, integer),
    api.reject_return(text, text, integer),
    api.set_return_parcel(text, text, text, integer),
    api.receive_return(text, integer),
    api.inspect_return(text, jsonb, text, integer),
    api.close_return(text, integer),
    api.return_detail(text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.returnable_lines(text) IS
$$The lines of an order (its number) with what may still be returned: qty bought, returnable (qty minus what the order's returns, all but rejected ones, claim), unit_price and currency, return_until (the delivery day plus return_window_days of backdesk.settings, 14 unless set), warranty_until (the delivery day plus the product's warranty_months; NULL for a line without a product) and window: 'return' while the return period runs, 'warranty' after it while the warranty runs, 'none' otherwise or before delivery. Days are the shop's (Europe/Istanbul). Reads only.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no such order.$$;

COMMENT ON FUNCTION api.request_return(text, jsonb, text, text, text, integer) IS
$$Requests a return of some lines of a delivered order and returns its number (R-...). lines: [{"line_no": 1, "qty": 1, "reason": "damaged_in_transit", "note": "box crushed"}], each order line once, reason a code of backdesk.return_reasons, note optional (500 characters). reason is the customer's words (empty: the first line's reason label); p_kind return or exchange within the return window, warranty after it while each line's warranty runs (api.returnable_lines); p_evidence references photos or mails (1000 characters). The order row is locked before what other returns claim is counted, so two requests for the last unit cannot both pass. p_version is the ORDER's version the caller saw (NULL: not checked); the order's version does not change. Audited (return.request, on the return).
Who: agent, admin.
Refuses: BD001 any other role; BD005 a kind other than return, exchange or warranty, lines not a non-empty JSON array of objects, a line_no or qty that is not a positive whole number, an unknown reason code, a line given twice, a line the order does not have, a note or evidence too long; BD003 no such order; BD004 the order changed since p_version (naming who); BD002 an order not delivered (or whose delivery day is unknown), a line outside the window its kind needs (the hint names the other kind), more than is left to return of a line (saying how many are left).$$;

COMMENT ON FUNCTION api.approve_return(text, integer) IS
$$Approves a requested return (decided_at, decided_by): requested to approved; returns its new version. p_version is the return's version the caller saw (NULL: not checked). Audited (return.approve).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 a return that is not requested (naming both statuses).$$;

COMMENT ON FUNCTION api.reject_return(text, text, integer) IS
$$Rejects a requested return, saying why (rejection_reason, 500 characters; decided_at, decided_by): requested to rejected, for good; what it claimed may be returned again. Returns its new version. p_version is the return's version the caller saw (NULL: not checked). Audited (return.reject).
Who: agent, admin.
Refuses: BD001 any other role; BD005 no reason, or too long; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 a return that is not requested.$$;

COMMENT ON FUNCTION api.set_return_parcel(text, text, text, integer) IS
$$Sets the parcel the customer sends back: carrier (a code backdesk knows: yurtici, aras, mng, ptt, dhl, ups, fedex, mpl, gls) and tracking_no (4 to 40 letters, digits or dashes, upper-cased); approved to awaiting_parcel, or corrects the parcel while awaiting_parcel (the same parcel again changes nothing). Returns the new version. p_version is the return's version the caller saw (NULL: not checked). Audited (return.parcel, with the parcel it replaced).
Who: agent, warehouse, admin.
Refuses: BD001 any other role; BD005 an unknown carrier or a malformed tracking number; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 a return neither approved nor awaiting its parcel; BD007 a tracking number already used by another return or a shipment.$$;

COMMENT ON FUNCTION api.receive_return(text, integer) IS
$$Records that the returned goods arrived (received_at, received_by): approved or awaiting_parcel to received. Returns the new version. p_version is the return's version the caller saw (NULL: not checked). Audited (return.receive).
Who: warehouse, admin.
Refuses: BD001 any other role; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 a return neither approved nor awaiting its parcel.$$;

COMMENT ON FUNCTION api.inspect_return(text, jsonb, text, integer) IS
$$Records the inspection of a received return: lines [{"line_no": 1, "condition": "damaged", "accepted_qty": 1, "disposition": "write_off"}], every line of the return once (line_no is the order line's number); condition as_new, opened, damaged or missing_parts; accepted_qty 0 to the line's qty; disposition restock (products.stock grows by accepted_qty) or write_off. The restocking fee of a line is restocking_fee_percent (backdesk.settings, 10 unless set) of accepted_qty times the unit price, rounded to cents, when its reason is not the shop's fault and it did not come back as new; returns.restocking_fee is their sum. note is the inspection note (optional, 2000 characters). received to inspected; returns the new version. p_version is the return's version the caller saw (NULL: not checked). Audited (return.inspect, with the lines).
Who: warehouse, admin.
Refuses: BD001 any other role; BD005 lines not a JSON array of objects, a line the return does not have, a line given twice or missing, an unknown condition or disposition, accepted_qty not a whole number or more than the line's qty, a note too long; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 a return that is not received.$$;

COMMENT ON FUNCTION api.close_return(text, integer) IS
$$Closes a resolved return (closed_at): refunded, exchanged, repaired or store_credit to closed, for good. Returns the new version. p_version is the return's version the caller saw (NULL: not checked). Audited (return.close).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 a return not resolved yet, or closed or rejected already.$$;

COMMENT ON FUNCTION api.return_detail(text) IS
$$One return (its number) as a JSON document, for the return screen: id, number, kind, status, reason, evidence, version (to pass to the steps), who did what when (requested, decided, parcel, received, inspected, resolved), the parcel back (carrier, carrier_name, tracking_no), order (id, number, status, currency, delivered_at, version), customer (id, name, phone, email), lines (line_no, sku, name, ordered_qty, qty, unit_price, value, reason, reason_label, note, condition, accepted_qty, disposition, restocking_fee, warranty_until), money (goods, restocking, shipping, refunded, due: backdesk.return_refund_parts), refunds (id, kind, amount, created_at, created_by), exchange_order, gift_code, window (return_until, warranty_until), can (approve, reject, parcel, receive, inspect, refund, exchange, repair, store_credit, close: the caller's role and backdesk.return_transition_ok both allow it; repair only for warranty claims) and history (its audit rows, oldest first: at, actor, action). money, refunds and gift_code are null for the warehouse. Reads only.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no such return.$$;
