-- 0004 api.order_detail: everything the order screen shows, in one round trip, and
-- only what the caller's role may see (the warehouse gets no payment, refunds or
-- tickets).  Amounts travel as strings: a JSON number would become a float.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk;

CREATE FUNCTION api.order_detail(p_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_role text := backdesk.require_role('viewing orders', 'agent', 'warehouse', 'supervisor', 'admin');
    v_money boolean := v_role <> 'warehouse';
    v jsonb;
BEGIN
    SELECT jsonb_build_object(
        'id', o.id, 'number', o.number,
        'placed_at', to_char(o.placed_at, 'YYYY-MM-DD HH24:MI'),
        'status', o.status, 'currency', o.currency,
        'lines_total', o.lines_total::text, 'tax_total', o.tax_total::text,
        'shipping_fee', o.shipping_fee::text, 'free_shipping', o.free_shipping,
        'total', o.total::text, 'ship_by', o.ship_by::text,
        'deliver_from', o.deliver_from::text, 'deliver_to', o.deliver_to::text,
        'late', o.status IN ('paid', 'packed') AND o.ship_by < current_date,
        'cancel_reason', o.cancel_reason, 'version', o.version,
        'customer', jsonb_build_object('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone),
        'address', jsonb_build_object('line1', a.line1, 'line2', a.line2, 'city', a.city,
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
        'parcels', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'carrier', s.carrier, 'tracking_no', s.tracking_no, 'status', s.status,
                     'carrier_text', s.carrier_text,
                     'shipped_at', to_char(s.shipped_at, 'YYYY-MM-DD HH24:MI'),
                     'expected_delivery', s.expected_delivery::text,
                     'delivered_at', to_char(s.delivered_at, 'YYYY-MM-DD HH24:MI'))
                     ORDER BY s.shipped_at), '[]')
                    FROM backdesk.shipments s WHERE s.order_id = o.id),
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
             FROM backdesk.refunds f WHERE f.order_id = o.id) END)
    INTO v
    FROM backdesk.orders o
    JOIN backdesk.customers c ON c.id = o.customer_id
    JOIN backdesk.addresses a ON a.id = o.shipping_address_id
    WHERE o.id = p_id;
    IF v IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order with id %s', p_id);
    END IF;
    RETURN v;
END
$$;
GRANT EXECUTE ON FUNCTION api.order_detail(bigint)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;
