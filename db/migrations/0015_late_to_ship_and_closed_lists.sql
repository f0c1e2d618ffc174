-- 0015 one rule in one place: "late to ship" on the shop's calendar, and the closed
-- lists (ticket categories, channels, priorities and statuses, call outcomes) as
-- tables that the api, the constraints and the console all read.
--
-- What was wrong: "late to ship" was written out five times (api.order_detail twice,
-- api.customer_360, the console's orders list and its `late` filter) with two clocks:
-- the shop's date (Istanbul) in the order's plain-words status, and current_date (the
-- session's TimeZone) everywhere else, so one order screen could say both "not late"
-- and "(late to ship)" around midnight.  Gift codes expired by current_date too.
-- And the ticket categories were written out in a CHECK, in backdesk.ticket_categories()
-- and in four places in C; channels, priorities and call outcomes likewise.
--
-- Now:
--   * backdesk.late_to_ship(status, ship_by) is the rule, on backdesk.shop_date(now());
--     the api and the console's list query (which reads the tables as the login, so
--     the staff groups may EXECUTE it) call it.  It pins no search_path on purpose:
--     a function with SET is never inlined, and the list's filter then runs it once
--     per row instead of using the orders_to_ship index (1.4 s instead of 2 ms over
--     300,000 orders).  Its body is SQL-standard (RETURN), parsed and bound when it is
--     created, so no search_path can change what it calls.
--   * One table per closed list, (code, position, active): a ticket's category,
--     channel, priority and status are foreign keys to them (the CHECKs are gone), the
--     api's need_one_of takes its list from backdesk.choice_codes(list), and the
--     console loads view backdesk.choices once per connection.  Adding a category is
--     one INSERT; a code in use cannot be deleted or renamed: set active = false to
--     stop offering it (old tickets keep it).  Position orders the lists in forms; for
--     priorities it must agree with backdesk.priority_rank(), which the ticket queue's
--     index uses (tests/sql/choices.sql holds them together).

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- Late to ship.
------------------------------------------------------------------------------

-- Paid or packed, and the day it had to ship by is over in the shop's calendar.
CREATE FUNCTION backdesk.late_to_ship(status text, ship_by date) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
RETURN status IN ('paid', 'packed') AND ship_by < backdesk.shop_date(now());

-- The console's orders list calls it as the login; inlined, it calls shop_date.
GRANT EXECUTE ON FUNCTION backdesk.late_to_ship(text, date), backdesk.shop_date(timestamptz)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

------------------------------------------------------------------------------
-- Closed lists.
------------------------------------------------------------------------------
CREATE TABLE backdesk.ticket_categories (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{0,31}$'),
    position integer NOT NULL,
    active   boolean NOT NULL DEFAULT true
);
CREATE TABLE backdesk.ticket_channels (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{0,31}$'),
    position integer NOT NULL,
    active   boolean NOT NULL DEFAULT true
);
CREATE TABLE backdesk.ticket_priorities (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{0,31}$'),
    position integer NOT NULL,
    active   boolean NOT NULL DEFAULT true
);
CREATE TABLE backdesk.ticket_statuses (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{0,31}$'),
    position integer NOT NULL,
    active   boolean NOT NULL DEFAULT true
);
CREATE TABLE backdesk.call_outcomes (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{0,31}$'),
    position integer NOT NULL,
    active   boolean NOT NULL DEFAULT true
);

-- Positions in tens, so a new code can go between two.
INSERT INTO backdesk.ticket_categories (code, position)
SELECT c, 10 * n FROM unnest(ARRAY['where-is-my-order', 'delay', 'damaged', 'wrong-item', 'not-as-described',
                                   'return', 'refund', 'shipping-fee', 'warranty', 'technical', 'payment',
                                   'cancellation', 'address-change', 'complaint', 'suggestion', 'praise',
                                   'other']) WITH ORDINALITY u (c, n);
INSERT INTO backdesk.ticket_channels (code, position)
SELECT c, 10 * n FROM unnest(ARRAY['phone', 'email', 'chat', 'social', 'web']) WITH ORDINALITY u (c, n);
INSERT INTO backdesk.ticket_priorities (code, position)
SELECT c, 10 * n FROM unnest(ARRAY['urgent', 'high', 'normal', 'low']) WITH ORDINALITY u (c, n);
INSERT INTO backdesk.ticket_statuses (code, position)
SELECT c, 10 * n FROM unnest(ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'closed']) WITH ORDINALITY u (c, n);
INSERT INTO backdesk.call_outcomes (code, position)
SELECT c, 10 * n FROM unnest(ARRAY['resolved', 'follow-up', 'escalated', 'callback-requested', 'no-answer'])
       WITH ORDINALITY u (c, n);

-- Every list in one place, for the console and for psql.
CREATE VIEW backdesk.choices AS
          SELECT 'ticket_category'::text AS list, code, position, active FROM backdesk.ticket_categories
UNION ALL SELECT 'ticket_channel', code, position, active FROM backdesk.ticket_channels
UNION ALL SELECT 'ticket_priority', code, position, active FROM backdesk.ticket_priorities
UNION ALL SELECT 'ticket_status', code, position, active FROM backdesk.ticket_statuses
UNION ALL SELECT 'call_outcome', code, position, active FROM backdesk.call_outcomes;

GRANT SELECT ON backdesk.ticket_categories, backdesk.ticket_channels, backdesk.ticket_priorities,
                backdesk.ticket_statuses, backdesk.call_outcomes, backdesk.choices
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

-- The codes of one list that new rows may take, in order.
CREATE FUNCTION backdesk.choice_codes(p_list text) RETURNS text[]
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT coalesce(array_agg(c.code ORDER BY c.position, c.code), '{}')
    FROM backdesk.choices c WHERE c.list = p_list AND c.active;
$$;

-- Kept for whoever calls it from psql: the table now.
CREATE OR REPLACE FUNCTION backdesk.ticket_categories() RETURNS text[]
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN backdesk.choice_codes('ticket_category');

-- The tables keep the lists: foreign keys instead of CHECKs.  Templates are per
-- ticket category too.
ALTER TABLE backdesk.tickets
    DROP CONSTRAINT tickets_category_check,
    DROP CONSTRAINT tickets_channel_check,
    DROP CONSTRAINT tickets_priority_check,
    DROP CONSTRAINT tickets_status_check,
    ADD CONSTRAINT tickets_category_fkey FOREIGN KEY (category) REFERENCES backdesk.ticket_categories,
    ADD CONSTRAINT tickets_channel_fkey FOREIGN KEY (channel) REFERENCES backdesk.ticket_channels,
    ADD CONSTRAINT tickets_priority_fkey FOREIGN KEY (priority) REFERENCES backdesk.ticket_priorities,
    ADD CONSTRAINT tickets_status_fkey FOREIGN KEY (status) REFERENCES backdesk.ticket_statuses;
ALTER TABLE backdesk.templates
    ADD CONSTRAINT templates_category_fkey FOREIGN KEY (category) REFERENCES backdesk.ticket_categories;

------------------------------------------------------------------------------
-- The functions that said "late" or named a list, again, same signatures.
------------------------------------------------------------------------------

-- api.order_detail as 0006; 'late' and "(late to ship)" are one rule now.
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

-- api.customer_360 as 0011; late as above, gift codes expire by the shop's date.
CREATE OR REPLACE FUNCTION api.customer_360(p_customer_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
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
                       'late', backdesk.late_to_ship(o.status, o.ship_by),
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
             FROM (SELECT f.*, o.number AS onum FROM backdesk.orders o
                   JOIN backdesk.refunds f ON f.order_id = o.id
                   WHERE o.customer_id = c.id
                   ORDER BY f.created_at DESC, f.id DESC LIMIT 100) f) END,
        'gift_codes', CASE WHEN v_full THEN
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                        'code', g.code, 'amount', g.amount::text, 'currency', g.currency,
                        'reason', g.reason, 'expires_at', g.expires_at::text,
                        'state', CASE WHEN g.redeemed_at IS NOT NULL THEN 'redeemed'
                                      WHEN g.expires_at < backdesk.shop_date(now()) THEN 'expired'
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

-- api.open_ticket and api.log_call as 0006, with the lists from their tables.
CREATE OR REPLACE FUNCTION api.open_ticket(customer_id bigint, order_number text, channel text, category text,
                                priority text, subject text, body text)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_customer_id ALIAS FOR $1;
    p_number ALIAS FOR $2;
    p_channel ALIAS FOR $3;
    p_category ALIAS FOR $4;
    p_priority ALIAS FOR $5;
    p_subject ALIAS FOR $6;
    p_body ALIAS FOR $7;
    v_cust backdesk.customers;
    v_order backdesk.orders;
    v_priority text := coalesce(p_priority, 'normal');
    v_subject text;
    v_ticket backdesk.tickets;
BEGIN
    PERFORM backdesk.require_role('opening tickets', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_channel, 'channel', backdesk.choice_codes('ticket_channel'));
    PERFORM backdesk.need_one_of(p_category, 'category', backdesk.choice_codes('ticket_category'));
    PERFORM backdesk.need_one_of(v_priority, 'priority', backdesk.choice_codes('ticket_priority'));
    v_subject := backdesk.need_text(p_subject, 'subject', 'Give the ticket a short subject.');
    v_cust := backdesk.need_customer(p_customer_id);
    IF nullif(btrim(p_number), '') IS NOT NULL THEN
        SELECT * INTO v_order FROM backdesk.orders WHERE number = btrim(p_number);
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order %L', p_number),
                HINT = 'Check the order number, or open the ticket without one.';
        END IF;
        IF v_order.customer_id <> v_cust.id THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('order %s is not an order of customer %s', v_order.number, v_cust.name),
                HINT = 'Check the order number with the caller.';
        END IF;
    END IF;

    INSERT INTO backdesk.tickets (channel, category, priority, status, subject, customer_id, order_id,
                                  first_response_due, resolve_due)
    VALUES (p_channel, p_category, v_priority, 'new', v_subject, v_cust.id, v_order.id,
            now() + backdesk.sla_first_response(v_priority), now() + backdesk.sla_resolve(v_priority))
    RETURNING * INTO v_ticket;
    IF nullif(btrim(p_body), '') IS NOT NULL THEN
        INSERT INTO backdesk.ticket_messages (ticket_id, kind, body) VALUES (v_ticket.id, 'note', p_body);
    END IF;
    PERFORM backdesk.audit('ticket.open', 'ticket', v_ticket.id,
        jsonb_build_object('number', v_ticket.number, 'customer_id', v_cust.id, 'order', v_order.number,
                           'channel', p_channel, 'category', p_category, 'priority', v_priority));
    RETURN v_ticket.number;
END
$$;

CREATE OR REPLACE FUNCTION api.log_call(customer_id bigint, ticket_number text, category text, outcome text,
                             note text, seconds integer)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_customer_id ALIAS FOR $1;
    p_ticket ALIAS FOR $2;
    p_category ALIAS FOR $3;
    p_outcome ALIAS FOR $4;
    p_note ALIAS FOR $5;
    p_seconds ALIAS FOR $6;
    v_cust backdesk.customers;
    v_ticket backdesk.tickets;
    v_new boolean := nullif(btrim(p_ticket), '') IS NULL;
    v_status text;
    v_priority text;
    v_staff bigint;
    v_msg bigint;
BEGIN
    PERFORM backdesk.require_role('logging calls', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_outcome, 'outcome', backdesk.choice_codes('call_outcome'));
    IF p_seconds IS NOT NULL AND (p_seconds < 0 OR p_seconds > 86400) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('seconds must be between 0 and 86400, got %s', p_seconds),
            HINT = 'Give the length of the call in seconds.';
    END IF;
    v_cust := backdesk.need_customer(p_customer_id);
    -- A resolved call solves the ticket; anything else leaves it open for someone.
    v_status := CASE p_outcome WHEN 'resolved' THEN 'solved' ELSE 'open' END;

    IF v_new THEN
        PERFORM backdesk.need_one_of(p_category, 'category', backdesk.choice_codes('ticket_category'));
        v_priority := CASE p_outcome WHEN 'escalated' THEN 'high' ELSE 'normal' END;
        SELECT id INTO v_staff FROM backdesk.staff WHERE login = session_user AND active;
        INSERT INTO backdesk.tickets (channel, category, priority, status, subject, customer_id,
                                      assignee_id, first_response_due, resolve_due, first_response_at, solved_at)
        VALUES ('phone', p_category, v_priority, v_status,
                format('Call: %s (%s)', replace(p_category, '-', ' '), p_outcome), v_cust.id, v_staff,
                now() + backdesk.sla_first_response(v_priority), now() + backdesk.sla_resolve(v_priority),
                now(), CASE WHEN v_status = 'solved' THEN now() END)
        RETURNING * INTO v_ticket;
    ELSE
        SELECT * INTO v_ticket FROM backdesk.tickets WHERE number = btrim(p_ticket) FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no ticket %L', p_ticket),
                HINT = 'Check the ticket number, or log the call without one to open a new ticket.';
        END IF;
        IF v_ticket.customer_id IS DISTINCT FROM v_cust.id THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('ticket %s is not a ticket of customer %s', v_ticket.number, v_cust.name),
                HINT = 'Log the call on one of this customer''s tickets, or without a ticket to open a new one.';
        END IF;
        -- A call on a closed or solved ticket reopens it, unless the call solved it again.
        UPDATE backdesk.tickets
        SET status = v_status,
            solved_at = CASE WHEN v_status = 'solved' THEN coalesce(solved_at, now()) END,
            first_response_at = coalesce(first_response_at, now()),
            version = version + 1, updated_at = now()
        WHERE id = v_ticket.id;
    END IF;

    INSERT INTO backdesk.ticket_messages (ticket_id, kind, body, call_seconds)
    VALUES (v_ticket.id, 'call',
            'outcome: ' || p_outcome || coalesce(E'\n' || nullif(btrim(p_note), ''), ''), p_seconds)
    RETURNING id INTO v_msg;
    PERFORM backdesk.audit('ticket.call', 'ticket', v_ticket.id,
        jsonb_build_object('number', v_ticket.number, 'customer_id', v_cust.id, 'new_ticket', v_new,
                           'outcome', p_outcome, 'seconds', p_seconds, 'message_id', v_msg,
                           'from_status', CASE WHEN NOT v_new THEN v_ticket.status END, 'status', v_status));
    RETURN v_ticket.number;
END
$$;
