-- 0007 the customer screen and where a lookup hit leads.
--
-- api.customer_360(id): everything the customer screen shows, in one round trip.
-- api.find_target(kind, id): the order (and customer) that a hit of api.find opens:
-- a parcel, a return or a ticket opens its order, a ticket without one its customer.
--
-- Roles: agent, supervisor and admin see everything.  The warehouse may open the
-- customer screen (it looks a customer up to find a parcel or a return) but gets
-- null for what it cannot read elsewhere either: payments and what is computed
-- from them (total spent), refunds, gift codes, tickets (and so satisfaction) and
-- internal notes.  Amounts travel as strings: a JSON number would become a float.
-- Lists are capped (orders 100, with the full count beside them) so that a
-- customer with thousands of orders still answers at once.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk;

-- One ticket as the customer screen lists it.
CREATE FUNCTION backdesk.ticket_brief(t backdesk.tickets) RETURNS jsonb
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk
RETURN jsonb_build_object(
    'number', t.number, 'subject', t.subject, 'status', t.status, 'priority', t.priority,
    'category', t.category, 'channel', t.channel,
    'created_at', to_char(t.created_at, 'YYYY-MM-DD'),
    'order_number', (SELECT o.number FROM backdesk.orders o WHERE o.id = t.order_id),
    'satisfaction', t.satisfaction);

CREATE FUNCTION api.customer_360(p_customer_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_role    text := backdesk.require_role('viewing customers', 'agent', 'warehouse', 'supervisor', 'admin');
    v_full    boolean := v_role <> 'warehouse';
    c         backdesk.customers;
    v_tickets bigint[];
    v         jsonb;
BEGIN
    SELECT * INTO c FROM backdesk.customers WHERE id = p_customer_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no customer with id %s', p_customer_id),
            HINT = 'Look the customer up by name, phone, e-mail or order number.';
    END IF;

    -- A ticket is the customer's when it names them or one of their orders.
    IF v_full THEN
        SELECT coalesce(array_agg(DISTINCT x.id), '{}') INTO v_tickets FROM (
            SELECT t.id FROM backdesk.tickets t WHERE t.customer_id = c.id
            UNION ALL
            SELECT t.id FROM backdesk.orders o JOIN backdesk.tickets t ON t.order_id = o.id
            WHERE o.customer_id = c.id) x;
    END IF;

    SELECT jsonb_build_object(
        'id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'locale', c.locale,
        'since', to_char(least(c.created_at,
                               (SELECT min(o.placed_at) FROM backdesk.orders o WHERE o.customer_id = c.id)),
                         'YYYY-MM-DD'),
        'restricted', NOT v_full,
        'addresses', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                          'line1', a.line1, 'line2', a.line2, 'city', a.city,
                          'postcode', a.postcode, 'country', a.country)
                          ORDER BY a.created_at DESC, a.id DESC), '[]')
                      FROM backdesk.addresses a WHERE a.customer_id = c.id),
        'orders_total', (SELECT count(*) FROM backdesk.orders o WHERE o.customer_id = c.id),
        'orders', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'id', o.id, 'number', o.number,
                       'placed_at', to_char(o.placed_at, 'YYYY-MM-DD'),
                       'status', o.status, 'currency', o.currency, 'total', o.total::text,
                       'ship_by', o.ship_by::text,
                       'late', o.status IN ('paid', 'packed') AND o.ship_by < current_date,
                       'parcel_status', s.status, 'tracking_no', s.tracking_no, 'carrier', s.carrier)
                       ORDER BY o.placed_at DESC, o.id DESC), '[]')
                   FROM (SELECT * FROM backdesk.orders o WHERE o.customer_id = c.id
                         ORDER BY o.placed_at DESC, o.id DESC LIMIT 100) o
                   LEFT JOIN LATERAL (SELECT s.status, s.tracking_no, s.carrier
                                      FROM backdesk.shipments s WHERE s.order_id = o.id
                                      ORDER BY s.shipped_at DESC, s.id DESC LIMIT 1) s ON true),
        'returns', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'number', r.number, 'order_number', r.onum, 'kind', r.kind,
                        'status', r.status, 'reason', r.reason,
                        'requested_at', to_char(r.requested_at, 'YYYY-MM-DD'))
                        ORDER BY r.requested_at DESC, r.id DESC), '[]')
                    FROM (SELECT r.*, o.number AS onum FROM backdesk.orders o
                          JOIN backdesk.returns r ON r.order_id = o.id
                          WHERE o.customer_id = c.id
                          ORDER BY r.requested_at DESC, r.id DESC LIMIT 100) r),
        'open_tickets', CASE WHEN v_full THEN
            (SELECT coalesce(jsonb_agg(backdesk.ticket_brief(t)
                        ORDER BY backdesk.priority_rank(t.priority), t.created_at DESC, t.id DESC), '[]')
             FROM backdesk.tickets t
             WHERE t.id IN (SELECT x.id FROM backdesk.tickets x
                            WHERE x.id = ANY (v_tickets) AND x.status NOT IN ('solved', 'closed')
                            ORDER BY backdesk.priority_rank(x.priority), x.created_at DESC, x.id DESC
                            LIMIT 100)) END,
        'recent_tickets', CASE WHEN v_full THEN
            (SELECT coalesce(jsonb_agg(backdesk.ticket_brief(t) ORDER BY t.created_at DESC, t.id DESC), '[]')
             FROM backdesk.tickets t
             WHERE t.id IN (SELECT x.id FROM backdesk.tickets x WHERE x.id = ANY (v_tickets)
                            ORDER BY x.created_at DESC, x.id DESC LIMIT 20)) END,
        'satisfaction', CASE WHEN v_full THEN
            (SELECT jsonb_build_object(
                 'average', round(avg(t.satisfaction), 1)::text,
                 'count', count(t.satisfaction),
                 'scores', coalesce(jsonb_agg(jsonb_build_object(
                     'ticket', t.number, 'score', t.satisfaction,
                     'date', to_char(coalesce(t.solved_at, t.updated_at), 'YYYY-MM-DD'))
                     ORDER BY coalesce(t.solved_at, t.updated_at) DESC, t.id DESC)
                     FILTER (WHERE t.satisfaction IS NOT NULL), '[]'))
             FROM backdesk.tickets t WHERE t.id = ANY (v_tickets)) END,
        'refunds', CASE WHEN v_full THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'order_number', f.onum, 'kind', f.kind, 'amount', f.amount::text,
                        'currency', f.currency, 'reason', f.reason,
                        'created_at', to_char(f.created_at, 'YYYY-MM-DD'))
                        ORDER BY f.created_at DESC, f.id DESC), '[]')
             FROM (SELECT f.*, o.number AS onum, o.currency FROM backdesk.orders o
                   JOIN backdesk.refunds f ON f.order_id = o.id
                   WHERE o.customer_id = c.id
                   ORDER BY f.created_at DESC, f.id DESC LIMIT 100) f) END,
        'gift_codes', CASE WHEN v_full THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'code', g.code, 'amount', g.amount::text, 'currency', g.currency,
                        'reason', g.reason, 'expires_at', g.expires_at::text,
                        'state', CASE WHEN g.redeemed_at IS NOT NULL THEN 'redeemed'
                                      WHEN g.expires_at < current_date THEN 'expired'
                                      ELSE 'valid' END,
                        'created_at', to_char(g.created_at, 'YYYY-MM-DD'))
                        ORDER BY g.created_at DESC, g.id DESC), '[]')
             FROM (SELECT * FROM backdesk.gift_codes g WHERE g.customer_id = c.id
                   ORDER BY g.created_at DESC, g.id DESC LIMIT 100) g) END,
        -- Paid minus refunded, per currency: amounts in different currencies never add up.
        'spent', CASE WHEN v_full THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'currency', x.currency, 'paid', x.paid::text, 'refunded', x.refunded::text,
                        'net', (x.paid - x.refunded)::numeric(14,2)::text)
                        ORDER BY x.currency), '[]')
             FROM (SELECT o.currency,
                          coalesce(sum(p.paid), 0)::numeric(14,2) AS paid,
                          coalesce(sum(rf.amount), 0)::numeric(14,2) AS refunded
                   FROM backdesk.orders o
                   LEFT JOIN backdesk.payments p ON p.order_id = o.id
                   LEFT JOIN LATERAL (SELECT sum(f.amount) AS amount FROM backdesk.refunds f
                                      WHERE f.order_id = o.id) rf ON true
                   WHERE o.customer_id = c.id
                   GROUP BY o.currency) x) END,
        'notes', CASE WHEN v_full THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'body', n.body, 'author', n.author,
                        'created_at', to_char(n.created_at, 'YYYY-MM-DD HH24:MI'))
                        ORDER BY n.created_at DESC, n.id DESC), '[]')
             FROM (SELECT * FROM backdesk.notes n
                   WHERE n.entity = 'customer' AND n.entity_id = c.id
                   ORDER BY n.created_at DESC, n.id DESC LIMIT 100) n) END)
    INTO v;
    RETURN v;
END
$$;

-- Where a hit of api.find leads: its order and customer (NULLs where there is none).
CREATE FUNCTION api.find_target(p_kind text, p_id bigint,
                                OUT order_id bigint, OUT order_number text,
                                OUT customer_id bigint, OUT customer_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_order    bigint;
    v_customer bigint;
    v_owner    bigint;
BEGIN
    PERFORM backdesk.require_role('searching', 'agent', 'warehouse', 'supervisor', 'admin');
    CASE p_kind
    WHEN 'customer' THEN v_customer := p_id;
    WHEN 'order' THEN v_order := p_id;
    WHEN 'shipment' THEN SELECT s.order_id INTO v_order FROM backdesk.shipments s WHERE s.id = p_id;
    WHEN 'return' THEN SELECT r.order_id INTO v_order FROM backdesk.returns r WHERE r.id = p_id;
    WHEN 'ticket' THEN
        SELECT t.order_id, t.customer_id INTO v_order, v_customer FROM backdesk.tickets t WHERE t.id = p_id;
    ELSE
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('kind %L is not a kind api.find returns', p_kind),
            HINT = 'Use customer, order, shipment, ticket or return.';
    END CASE;
    IF v_order IS NOT NULL THEN
        SELECT o.id, o.number, o.customer_id INTO order_id, order_number, v_owner
        FROM backdesk.orders o WHERE o.id = v_order;
        v_customer := coalesce(v_owner, v_customer);
    END IF;
    SELECT c.id, c.name INTO customer_id, customer_name FROM backdesk.customers c WHERE c.id = v_customer;
END
$$;

GRANT EXECUTE ON FUNCTION api.customer_360(bigint), api.find_target(text, bigint)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;
