-- 0019 why an order has not shipped, and which actions apply to it.
--
-- What was wrong: for an order that was paid and not shipped the order screen could
-- only say "paid, not shipped yet … (late to ship)": nothing kept why (a payment
-- still being checked, a product out of stock, an address the carrier refused, a
-- parcel waiting for the carrier's pickup).  And the screen offered every action on
-- every order: cancel on a delivered one, a fee refund where no fee was charged,
-- delay compensation on an order that was never late (which the database accepted).
--
-- Now:
--   * products.stock is what is on hand, products.expected_back the day a product out
--     of stock is expected back; backdesk.order_holds keeps the other reasons an order
--     waits (payment_unconfirmed, address_problem, awaiting_pickup), with a note.
--   * api.order_detail's "why" lists the reasons an order that has not shipped waits,
--     from those: [{"reason": "out_of_stock", "sku": …, "name": …, "expected": "2026-12-03"},
--     {"reason": "payment_unconfirmed"}, …]; an unpaid order waits for its payment.
--   * backdesk.action_refusal(action, order) is the rule for cancel, change_address,
--     refund_fee and compensate_delay: NULL when the order's state allows it, else a
--     code (cancelled, shipped, delivered, no_fee, not_free_shipping, fee_refunded,
--     not_paid, refunded_all, not_late).  The action functions refuse through
--     backdesk.need_action, which raises for that code; api.order_detail's "can"
--     (true or false per action) and "cannot" (the code, for the false ones) are the
--     same function, so the screen offers exactly what the database would accept.
--   * api.compensate_delay refuses an order that was not late: late to ship now, or a
--     delivery after (or still under way past) the promised day.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- Stock and holds.
------------------------------------------------------------------------------
ALTER TABLE backdesk.products ADD COLUMN expected_back date;
COMMENT ON COLUMN backdesk.products.expected_back IS 'When a product out of stock is expected back (NULL: not known).';

CREATE TABLE backdesk.order_holds (
    order_id bigint NOT NULL REFERENCES backdesk.orders ON DELETE CASCADE,
    reason   text NOT NULL CHECK (reason IN ('payment_unconfirmed', 'address_problem', 'awaiting_pickup')),
    note     text CONSTRAINT order_holds_note_length CHECK (length(note) <= 500),
    since    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, reason)
);
GRANT SELECT ON backdesk.order_holds TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

-- Why an order that has not shipped waits, in order: payment, address, stock, pickup.
CREATE FUNCTION backdesk.order_why(p_order backdesk.orders) RETURNS jsonb
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT coalesce(jsonb_agg(w.doc ORDER BY w.pos, w.k), '[]')
    FROM (
        SELECT 1 AS pos, '' AS k, jsonb_build_object('reason', 'payment_unconfirmed') AS doc
        WHERE p_order.status = 'pending'
          AND NOT EXISTS (SELECT FROM backdesk.order_holds h
                          WHERE h.order_id = p_order.id AND h.reason = 'payment_unconfirmed')
        UNION ALL
        SELECT CASE h.reason WHEN 'payment_unconfirmed' THEN 1 WHEN 'address_problem' THEN 2 ELSE 4 END, h.reason,
               jsonb_strip_nulls(jsonb_build_object('reason', h.reason, 'note', h.note,
                                                    'since', backdesk.shop_date(h.since)::text))
        FROM backdesk.order_holds h WHERE h.order_id = p_order.id
        UNION ALL
        SELECT 3, lpad(l.line_no::text, 5, '0'),
               jsonb_strip_nulls(jsonb_build_object('reason', 'out_of_stock', 'sku', l.sku, 'name', l.name,
                                                    'expected', p.expected_back::text))
        FROM backdesk.order_lines l
        JOIN backdesk.products p ON p.id = l.product_id OR (l.product_id IS NULL AND p.sku = l.sku)
        -- A packed order has its items in the box already.
        WHERE l.order_id = p_order.id AND p.stock < l.qty AND p_order.status IN ('pending', 'paid')
    ) w
    WHERE p_order.status IN ('pending', 'paid', 'packed')
      AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = p_order.id);
$$;

------------------------------------------------------------------------------
-- Late, for compensation: late to ship now, or a delivery after the promised day
-- (or still under way past it).  The order screen's delivery_late is the second half
-- for an order that is under way.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.order_was_late(p_order backdesk.orders) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT backdesk.late_to_ship(p_order.status, p_order.ship_by)
        OR (p_order.status NOT IN ('delivered', 'cancelled') AND p_order.deliver_to IS NOT NULL
            AND backdesk.shop_date(now()) > p_order.deliver_to
            AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = p_order.id))
        OR EXISTS (SELECT FROM backdesk.shipments s
                   CROSS JOIN LATERAL backdesk.promised_window(p_order.deliver_from, p_order.deliver_to,
                                                               s.shipped_at) w
                   WHERE s.order_id = p_order.id
                     AND CASE WHEN backdesk.parcel_underway(s.status, s.delivered_at)
                              THEN backdesk.shop_date(now()) > w.promised_to
                              ELSE backdesk.shop_date(s.delivered_at) > w.promised_to END);
$$;

------------------------------------------------------------------------------
-- One rule per action: what in the order's state refuses it.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.action_refusal(p_action text, p_order backdesk.orders) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_paid numeric;
    v_refunded numeric;
BEGIN
    IF p_order.status = 'cancelled' THEN
        RETURN 'cancelled';
    END IF;
    CASE p_action
    WHEN 'cancel', 'change_address' THEN
        IF p_order.status = 'delivered' THEN
            RETURN 'delivered';
        END IF;
        IF p_order.status = 'shipped' OR EXISTS (SELECT FROM backdesk.shipments WHERE order_id = p_order.id) THEN
            RETURN 'shipped';
        END IF;
    WHEN 'refund_fee' THEN
        IF p_order.shipping_fee <= 0 THEN
            RETURN 'no_fee';
        END IF;
        IF NOT p_order.free_shipping THEN
            RETURN 'not_free_shipping';
        END IF;
        IF EXISTS (SELECT FROM backdesk.refunds WHERE order_id = p_order.id AND kind = 'shipping_fee') THEN
            RETURN 'fee_refunded';
        END IF;
        SELECT paid INTO v_paid FROM backdesk.payments WHERE order_id = p_order.id;
        IF coalesce(v_paid, 0) <= 0 THEN
            RETURN 'not_paid';
        END IF;
        SELECT coalesce(sum(amount), 0) INTO v_refunded FROM backdesk.refunds WHERE order_id = p_order.id;
        IF v_refunded + p_order.shipping_fee > v_paid THEN
            RETURN 'refunded_all';
        END IF;
    WHEN 'compensate_delay' THEN
        IF NOT backdesk.order_was_late(p_order) THEN
            RETURN 'not_late';
        END IF;
    ELSE
        RAISE EXCEPTION 'backdesk.action_refusal: unknown action %', p_action;
    END CASE;
    RETURN NULL;
END
$$;

-- Raises the refusal action_refusal names (BD002, BD006 for money already refunded).
CREATE FUNCTION backdesk.need_action(p_action text, p_order backdesk.orders) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_code text := backdesk.action_refusal(p_action, p_order);
    v_what text := CASE p_action WHEN 'cancel' THEN 'cancelling it' WHEN 'change_address' THEN 'changing its address'
                                 WHEN 'refund_fee' THEN 'refunding its shipping fee'
                                 ELSE 'compensating a delay' END;
    n text := p_order.number;
    v_paid numeric;
    v_done numeric;
BEGIN
    IF v_code IS NULL THEN
        RETURN;
    END IF;
    CASE v_code
    WHEN 'cancelled' THEN
        CASE p_action
        WHEN 'refund_fee' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was cancelled; its cancellation refund already covered the shipping fee', n),
                HINT = 'See the order''s refunds.';
        WHEN 'compensate_delay' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was cancelled; there is no delivery to compensate', n),
                HINT = 'Its payment was refunded when it was cancelled.';
        ELSE
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was cancelled; %s is no longer possible', n, v_what),
                HINT = 'Nothing is left to change on a cancelled order.';
        END CASE;
    WHEN 'shipped', 'delivered' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s has already shipped; %s is no longer possible', n, v_what),
            HINT = 'After shipping, start a return, or ask the carrier to redirect the parcel.';
    WHEN 'no_fee' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was charged no shipping fee', n),
            HINT = 'For a goodwill gesture use a goodwill refund or a gift code.';
    WHEN 'not_free_shipping' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was not a free-shipping order; its shipping fee of %s %s was due',
                             n, backdesk.money_text(p_order.shipping_fee), p_order.currency),
            HINT = 'For a goodwill gesture use a goodwill refund or a gift code.';
    WHEN 'fee_refunded' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the shipping fee of order %s was already refunded', n),
            HINT = 'See the order''s refunds.';
    WHEN 'not_paid' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s has not been paid; there is nothing to refund', n),
            HINT = 'Compensate an unpaid order with a gift code instead.';
    WHEN 'refunded_all' THEN
        -- refund_insert's words for the same thing.
        SELECT p.paid, (SELECT coalesce(sum(r.amount), 0) FROM backdesk.refunds r WHERE r.order_id = p_order.id)
        INTO v_paid, v_done FROM backdesk.payments p WHERE p.order_id = p_order.id;
        RAISE EXCEPTION USING ERRCODE = 'BD006',
            MESSAGE = format('refund of %s %s refused: order %s would refund %s of %s paid, %s already refunded',
                             backdesk.money_text(p_order.shipping_fee), p_order.currency, n,
                             backdesk.money_text(v_done + p_order.shipping_fee), backdesk.money_text(v_paid),
                             backdesk.money_text(v_done)),
            HINT = format('At most %s %s can still be refunded.', backdesk.money_text(v_paid - v_done),
                          p_order.currency);
    WHEN 'not_late' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was not late; there is no delay to compensate', n),
            HINT = 'Compensation is for an order late to ship, or delivered (or still on its way) after the promised day.';
    END CASE;
END
$$;

-- As 0006, through the rule: cancel and change_address refuse the same orders.
CREATE OR REPLACE FUNCTION backdesk.need_not_shipped(p_order backdesk.orders, p_what text) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    PERFORM backdesk.need_action(CASE WHEN p_what LIKE '%address%' THEN 'change_address' ELSE 'cancel' END,
                                 p_order);
END
$$;

------------------------------------------------------------------------------
-- The money functions that refuse by state, again, same signatures as 0011.
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION api.refund_shipping_fee(order_number text, reason text, idempotency_key uuid,
                                                   p_version integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_reason ALIAS FOR $2;
    p_key ALIAS FOR $3;
    v_role text;
    v_reason text;
    m record;
    v_order backdesk.orders;
    v_id bigint;
BEGIN
    v_role := backdesk.require_role('refunding shipping fees', 'agent', 'admin');
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say why the fee goes back.');
    PERFORM backdesk.need_key(p_key, 'refund');

    m := backdesk.money_begin(p_number, p_key, 'shipping_fee', NULL, p_version);
    v_order := m.o;
    IF m.replay IS NOT NULL THEN
        RETURN m.replay::bigint;
    END IF;
    PERFORM backdesk.need_action('refund_fee', v_order);
    v_id := backdesk.refund_insert(v_order, v_order.shipping_fee, 'shipping_fee', v_reason, p_key, v_role);
    PERFORM backdesk.money_end(v_order, 'order.refund_shipping_fee',
        jsonb_build_object('refund_id', v_id, 'kind', 'shipping_fee', 'amount', v_order.shipping_fee,
                           'reason', v_reason));
    RETURN v_id;
END
$$;

CREATE OR REPLACE FUNCTION api.compensate_delay(order_number text, how text, amount numeric, reason text,
                                                idempotency_key uuid, p_version integer DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_how ALIAS FOR $2;
    p_amount ALIAS FOR $3;
    p_reason ALIAS FOR $4;
    p_key ALIAS FOR $5;
    v_role text;
    v_reason text;
    v_kind text;
    m record;
    v_order backdesk.orders;
    v_id bigint;
    v_code text;
    v_try integer := 0;
BEGIN
    v_role := backdesk.require_role('compensating delays', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_how, 'how', ARRAY['refund', 'gift_code']);
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say what the compensation is for.');
    PERFORM backdesk.need_key(p_key, 'compensation');
    IF p_amount IS NULL OR p_amount <= 0 THEN
        PERFORM backdesk.need_amount(p_amount, NULL);
    END IF;
    v_kind := CASE p_how WHEN 'refund' THEN 'goodwill' ELSE 'gift_code' END;

    m := backdesk.money_begin(p_number, p_key, v_kind, p_amount, p_version);
    v_order := m.o;
    IF m.replay IS NOT NULL THEN
        RETURN m.replay;
    END IF;
    PERFORM backdesk.need_action('compensate_delay', v_order);

    IF p_how = 'refund' THEN
        v_id := backdesk.refund_insert(v_order, p_amount, 'goodwill', v_reason, p_key, v_role);
        v_code := v_id::text;
    ELSE
        PERFORM backdesk.need_amount(p_amount, v_order.currency);
        PERFORM backdesk.check_caps(v_role, 'gift_code', v_order, p_amount);
        LOOP
            v_try := v_try + 1;
            INSERT INTO backdesk.gift_codes (code, customer_id, order_id, amount, currency, reason,
                                             expires_at, idempotency_key)
            VALUES (backdesk.new_gift_code(), v_order.customer_id, v_order.id, p_amount, v_order.currency,
                    v_reason, (backdesk.shop_date(now()) + interval '1 year')::date, p_key)
            ON CONFLICT DO NOTHING
            RETURNING id, code INTO v_id, v_code;
            EXIT WHEN v_id IS NOT NULL;
            -- Either the code was taken (draw again) or the key was, at the same moment,
            -- for another order (then it is visible now).
            IF EXISTS (SELECT FROM backdesk.gift_codes g WHERE g.idempotency_key = p_key) THEN
                RAISE EXCEPTION USING ERRCODE = 'BD007',
                    MESSAGE = format('idempotency key %s was just used for another gift code', p_key),
                    HINT = 'Use a new key for a new gift code.';
            END IF;
            IF v_try >= 10 THEN
                RAISE EXCEPTION 'could not draw an unused gift code in 10 tries'
                    USING HINT = 'Try again; if it keeps happening, the codes are running out.';
            END IF;
        END LOOP;
    END IF;

    PERFORM backdesk.money_end(v_order, 'order.compensate',
        jsonb_build_object('how', p_how, 'amount', p_amount::numeric(14,2), 'reason', v_reason,
                           CASE p_how WHEN 'refund' THEN 'refund_id' ELSE 'gift_code_id' END, v_id));
    RETURN v_code;
END
$$;

------------------------------------------------------------------------------
-- api.order_detail as 0015, with the district, why it has not shipped, and which
-- actions apply (can / cannot).
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION api.order_detail(p_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_role text := backdesk.require_role('viewing orders', 'agent', 'warehouse', 'supervisor', 'admin');
    v_money boolean := v_role <> 'warehouse';
    v_today date := backdesk.shop_date(now());
    v_order backdesk.orders;
    v_from date;
    v_to date;
    v_parcels jsonb;
    v_nparcels integer;
    v_underway boolean;
    v_late boolean;
    v_plain text;
    v_may boolean := v_role IN ('agent', 'admin');
    v_can jsonb := '{}';
    v_cannot jsonb := '{}';
    v_code text;
    v_action text;
    v jsonb;
BEGIN
    SELECT * INTO v_order FROM backdesk.orders WHERE id = p_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order with id %s', p_id),
            HINT = 'Reload the list and open the order again.';
    END IF;
    SELECT w.promised_from, w.promised_to INTO v_from, v_to
    FROM backdesk.promised_window(v_order.deliver_from, v_order.deliver_to,
                                  (SELECT min(shipped_at) FROM backdesk.shipments WHERE order_id = p_id)) w;

    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'carrier', s.carrier, 'tracking_no', s.tracking_no, 'status', s.status,
               'carrier_text', s.carrier_text,
               'shipped_at', to_char(s.shipped_at, 'YYYY-MM-DD HH24:MI'),
               'expected_delivery', s.expected_delivery::text,
               'delivered_at', to_char(s.delivered_at, 'YYYY-MM-DD HH24:MI'),
               'tracking_url', backdesk.tracking_url(s.carrier, s.tracking_no),
               'promised_from', w.promised_from::text, 'promised_to', w.promised_to::text,
               'delivery_late', x.late,
               'plain_status', backdesk.parcel_plain(s.carrier, s.status, s.carrier_text,
                                                     backdesk.shop_date(s.shipped_at),
                                                     backdesk.shop_date(s.delivered_at),
                                                     coalesce(s.expected_delivery, w.promised_to),
                                                     w.promised_to, v_today))
               ORDER BY s.shipped_at, s.id), '[]'),
           count(*),
           bool_or(backdesk.parcel_underway(s.status, s.delivered_at)),
           string_agg(backdesk.parcel_plain(s.carrier, s.status, s.carrier_text,
                                            backdesk.shop_date(s.shipped_at), backdesk.shop_date(s.delivered_at),
                                            coalesce(s.expected_delivery, w.promised_to), w.promised_to, v_today),
                      '; ' ORDER BY s.shipped_at, s.id)
    INTO v_parcels, v_nparcels, v_underway, v_plain
    FROM backdesk.shipments s
    CROSS JOIN LATERAL backdesk.promised_window(v_order.deliver_from, v_order.deliver_to, s.shipped_at) w
    CROSS JOIN LATERAL (SELECT backdesk.parcel_underway(s.status, s.delivered_at)
                               AND v_today > w.promised_to AS late) x
    WHERE s.order_id = p_id;

    -- Late: promised by a day that has passed, and not everything has arrived.
    v_late := v_order.status NOT IN ('delivered', 'cancelled') AND v_to IS NOT NULL AND v_today > v_to
              AND (v_nparcels = 0 OR v_underway);
    v_plain := CASE
        WHEN v_order.status = 'cancelled' THEN 'cancelled' || coalesce(': ' || v_order.cancel_reason, '')
        WHEN v_nparcels > 1 THEN format('%s parcels: %s', v_nparcels, v_plain)
        WHEN v_nparcels = 1 THEN v_plain
        WHEN v_order.status = 'pending' THEN 'waiting for payment'
        WHEN v_order.status = 'delivered' THEN 'delivered'
        ELSE format('%s, not shipped yet, to ship by %s%s%s', v_order.status, v_order.ship_by,
                    CASE WHEN backdesk.late_to_ship(v_order.status, v_order.ship_by) THEN ' (late to ship)' ELSE '' END,
                    CASE WHEN v_to IS NOT NULL THEN format(', delivery promised %s to %s', v_from, v_to) ELSE '' END)
        END
        || CASE WHEN v_late AND v_nparcels = 0 THEN ', delivery late' ELSE '' END;

    -- What the actions would refuse, by the rule they refuse by (backdesk.action_refusal).
    FOREACH v_action IN ARRAY ARRAY['cancel', 'change_address', 'refund_fee', 'compensate_delay'] LOOP
        v_code := CASE WHEN v_may THEN backdesk.action_refusal(v_action, v_order) ELSE 'role' END;
        v_can := v_can || jsonb_build_object(v_action, v_code IS NULL);
        IF v_code IS NOT NULL THEN
            v_cannot := v_cannot || jsonb_build_object(v_action, v_code);
        END IF;
    END LOOP;

    SELECT jsonb_build_object(
        'id', o.id, 'number', o.number,
        'placed_at', to_char(o.placed_at, 'YYYY-MM-DD HH24:MI'),
        'status', o.status, 'currency', o.currency,
        'lines_total', o.lines_total::text, 'tax_total', o.tax_total::text,
        'shipping_fee', o.shipping_fee::text, 'free_shipping', o.free_shipping,
        'total', o.total::text, 'ship_by', o.ship_by::text,
        'deliver_from', o.deliver_from::text, 'deliver_to', o.deliver_to::text,
        'late', backdesk.late_to_ship(o.status, o.ship_by),
        'promised_from', v_from::text, 'promised_to', v_to::text,
        'delivery_late', v_late, 'plain_status', v_plain,
        'cancel_reason', o.cancel_reason, 'version', o.version,
        'why', backdesk.order_why(v_order), 'can', v_can, 'cannot', v_cannot,
        'customer', jsonb_build_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone),
        'address', jsonb_build_object('line1', a.line1, 'line2', a.line2, 'district', a.district, 'city', a.city,
                                      'postcode', a.postcode, 'country', a.country),
        'payment', CASE WHEN v_money THEN
            (SELECT jsonb_build_object('method', p.method, 'paid', p.paid::text, 'reference', p.reference)
             FROM backdesk.payments p WHERE p.order_id = o.id) END,
        'refunded', CASE WHEN v_money THEN
            (SELECT coalesce(sum(r.amount), 0)::text FROM backdesk.refunds r WHERE r.order_id = o.id) END,
        'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'line_no', l.line_no, 'sku', l.sku, 'name', l.name, 'qty', l.qty,
                     'unit_price', l.unit_price::text, 'tax_rate', l.tax_rate::text,
                     'line_total', l.line_total::text) ORDER BY l.line_no), '[]')
                  FROM backdesk.order_lines l WHERE l.order_id = o.id),
        'parcels', v_parcels,
        'tickets', CASE WHEN v_money THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'number', t.number, 'subject', t.subject, 'status', t.status,
                     'priority', t.priority, 'category', t.category,
                     'created_at', to_char(t.created_at, 'YYYY-MM-DD HH24:MI'))
                     ORDER BY t.created_at DESC), '[]')
             FROM backdesk.tickets t WHERE t.order_id = o.id) END,
        'returns', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'number', r.number, 'status', r.status, 'kind', r.kind, 'reason', r.reason,
                     'requested_at', to_char(r.requested_at, 'YYYY-MM-DD HH24:MI'))
                     ORDER BY r.requested_at DESC), '[]')
                    FROM backdesk.returns r WHERE r.order_id = o.id),
        'refunds', CASE WHEN v_money THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'kind', f.kind, 'amount', f.amount::text, 'reason', f.reason,
                     'created_at', to_char(f.created_at, 'YYYY-MM-DD HH24:MI'))
                     ORDER BY f.created_at), '[]')
             FROM backdesk.refunds f WHERE f.order_id = o.id) END,
        'gift_codes', CASE WHEN v_money THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'code', g.code, 'amount', g.amount::text, 'currency', g.currency,
                     'expires_at', g.expires_at::text, 'redeemed', g.redeemed_at IS NOT NULL)
                     ORDER BY g.created_at), '[]')
             FROM backdesk.gift_codes g WHERE g.order_id = o.id) END,
        -- Internal notes are for staff who talk to customers, not the warehouse.
        'notes', CASE WHEN v_money THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'body', n.body, 'author', coalesce(st.full_name, n.author),
                     'created_at', to_char(n.created_at, 'YYYY-MM-DD HH24:MI'))
                     ORDER BY n.created_at DESC), '[]')
             FROM backdesk.notes n LEFT JOIN backdesk.staff st ON st.login = n.author
             WHERE n.entity = 'order' AND n.entity_id = o.id) END)
    INTO v
    FROM backdesk.orders o
    JOIN backdesk.customers c ON c.id = o.customer_id
    JOIN backdesk.addresses a ON a.id = o.shipping_address_id
    WHERE o.id = p_id;
    RETURN v;
END
$$;

COMMENT ON FUNCTION api.order_detail(bigint) IS
$$One order as a JSON document, for the order screen: number, status, amounts, lines, address (with its district), customer, ship_by and late (late to ship: backdesk.late_to_ship, the shop's calendar), the promised delivery window and delivery_late, plain_status (where it is, in one sentence to read out), why (for an order not shipped yet, the reasons it waits: out_of_stock with sku, name and the expected date; payment_unconfirmed; address_problem and awaiting_pickup with a note), can (cancel, change_address, refund_fee, compensate_delay: true when the caller may and the order's state allows it, by backdesk.action_refusal, the rule those functions refuse by) and cannot (for each false one, why: role, cancelled, shipped, delivered, no_fee, not_free_shipping, fee_refunded, not_paid, refunded_all, not_late), parcels (each with its window, lateness and plain status), tickets, returns, refunds, gift codes, notes and the version to pass to the actions. payment, refunded, tickets, refunds, gift_codes and notes are null for the warehouse.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no order with that id.$$;

COMMENT ON FUNCTION api.refund_shipping_fee(text, text, uuid, integer) IS
$$Refunds the whole shipping fee charged on a free-shipping order, once; returns the refund id. The same idempotency_key again returns the first refund. p_version as in api.cancel_order. api.order_detail's can.refund_fee says beforehand whether the order's state allows it (the same rule). Audited (order.refund_shipping_fee).
Who: agent, admin.
Refuses: BD001 any other role; BD005 no reason (or over 500 characters), no key; BD003 no such order; BD007 the key was used for something else; BD004 the order changed since p_version; BD002 the order was cancelled (its cancellation refund covered the fee), no fee was charged, it was not a free-shipping order, the fee was refunded already, or nothing was paid; BD006 less left to refund than the fee, more than is left to refund, or no shipping_fee limit is set for the role and currency.$$;

COMMENT ON FUNCTION api.compensate_delay(text, text, numeric, text, uuid, integer) IS
$$Compensates a late order, how = 'refund' (a goodwill refund; returns its id, as text) or 'gift_code' (a code for the customer, valid for a year; returns the code). Late: late to ship now, or delivered (or still on its way) after the promised day; api.order_detail's can.compensate_delay is the same rule. Within the role's limits per action, per order and per login and day. The same idempotency_key again returns the first answer. p_version as in api.cancel_order. Audited (order.compensate).
Who: agent, admin.
Refuses: BD001 any other role; BD005 how is neither refund nor gift_code, no reason (or over 500 characters), no key, an amount not above 0 or with more decimals than the currency has; BD003 no such order; BD007 the key was used for something else; BD004 the order changed since p_version; BD002 the order was cancelled, was not late, or (refund) nothing was paid; BD006 over a limit, no limit set for the role and currency, or (refund) more than was paid.$$;

COMMENT ON FUNCTION api.cancel_order(text, text, integer) IS
$$Cancels an order before it ships, and refunds what was paid and not yet refunded (one refund of kind cancellation). p_version is the order's version as the caller read it (NULL: no check). api.order_detail's can.cancel is the same rule. Audited (order.cancel, with the new version).
Who: agent, admin.
Refuses: BD001 any other role; BD005 no reason, or one over 500 characters; BD003 no such order; BD004 the order changed since p_version (the message says who changed it and when); BD002 the order was cancelled already, or has shipped.$$;
