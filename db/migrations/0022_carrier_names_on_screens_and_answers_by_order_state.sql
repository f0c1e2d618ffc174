-- 0022 the carrier's name in what the screens say, and answers that fit the order's
-- state.
--
-- What was wrong:
-- * The order screen's "Where is it" sentence (backdesk.parcel_plain, through
--   api.order_detail) and a parcel found with g (api.find's detail) named the
--   carrier by its code: "in transit with yurtici since …", "delivered by dhl on …",
--   "ptt stopped reporting on it", "yurtici · SO-100234".  0021 gave the answers
--   and the e-mails the carrier's name, but not these; and api.order_answers still
--   filled {carrier} with the code, so the answer an agent read on the screen said
--   "yurtici" while the e-mail it sent said "Yurtiçi Kargo".
-- * "Arrived damaged" and "Wrong item" use no value an undelivered order lacks, so
--   they were offered for every order: unshipped, on its way, cancelled.
--
-- What holds now:
-- * Every sentence for people names the carrier with backdesk.carrier_name (0021).
--   api.order_detail's parcels keep the code in "carrier" and add "carrier_name";
--   the order screen shows the name.
-- * Besides the values its body uses (0017), an answer's category may need the
--   order to be in a state: backdesk.answer_category_needs, one row per category
--   and state, is that rule as data; backdesk.answer_states(order) says for one
--   order which states hold, and why not the others ("the order has not been
--   delivered yet").  damaged and wrong-item need a delivered parcel; refund needs
--   something refunded (its template's {refunded_amount} already did, 0017; the row
--   makes it hold for any refund answer written later).  A category without a row
--   fits any order its values fit.
-- * backdesk.answer_gaps(order, locale) lists, for every template, each reason it
--   does not fit (the category's states first, then the values); api.order_answers
--   lists such templates under "not for this order" with those reasons, and
--   api.render_template / api.queue_template (through backdesk.answer_fill) refuse
--   them with BD002 naming the first.  The screen, psql and the outbox agree.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- The carrier's name in the sentences.
------------------------------------------------------------------------------
-- As 0006, with the carrier's name.
CREATE OR REPLACE FUNCTION backdesk.parcel_plain(p_carrier text, p_status text, p_carrier_text text,
                                                 p_shipped date, p_delivered date, p_expected date,
                                                 p_promised_to date, p_today date)
    RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN CASE p_status
        WHEN 'PRE_TRANSIT' THEN format('handed to %s on %s, not picked up yet', backdesk.carrier_name(p_carrier), p_shipped)
        WHEN 'IN_TRANSIT' THEN format('in transit with %s since %s', backdesk.carrier_name(p_carrier), p_shipped)
        WHEN 'OUT_FOR_DELIVERY' THEN format('out for delivery with %s (shipped %s)', backdesk.carrier_name(p_carrier), p_shipped)
        WHEN 'AVAILABLE_FOR_PICKUP' THEN format('waiting to be picked up at a %s point (shipped %s)',
                                                backdesk.carrier_name(p_carrier), p_shipped)
        WHEN 'DELIVERY_ATTEMPTED' THEN format('%s tried to deliver and could not (shipped %s)',
                                              backdesk.carrier_name(p_carrier), p_shipped)
        WHEN 'DELIVERED' THEN format('delivered by %s', backdesk.carrier_name(p_carrier)) || coalesce(' on ' || p_delivered, '')
        WHEN 'EXCEPTION' THEN format('held up at %s: %s (shipped %s)', backdesk.carrier_name(p_carrier),
                                     coalesce(nullif(btrim(p_carrier_text), ''), 'a problem with the parcel'), p_shipped)
        WHEN 'RETURNING' THEN format('on its way back to us with %s', backdesk.carrier_name(p_carrier))
        WHEN 'RETURNED' THEN format('returned to us by %s', backdesk.carrier_name(p_carrier))
        WHEN 'CANCELLED' THEN format('the %s shipment was cancelled', backdesk.carrier_name(p_carrier))
        WHEN 'EXPIRED' THEN format('%s stopped reporting on it (shipped %s)', backdesk.carrier_name(p_carrier), p_shipped)
        ELSE format('shipped with %s on %s, no tracking news yet', backdesk.carrier_name(p_carrier), p_shipped)
       END
    || CASE WHEN backdesk.parcel_underway(p_status, p_delivered) AND p_expected IS NOT NULL
            THEN ', expected ' || p_expected
                 || CASE WHEN p_today > p_promised_to
                         THEN format(', late by %s day%s', p_today - p_promised_to,
                                     CASE WHEN p_today - p_promised_to = 1 THEN '' ELSE 's' END)
                         ELSE '' END
            ELSE '' END;

-- api.order_detail as 0019; a parcel has carrier_name beside its code, and its plain
-- status names it (parcel_plain above).
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
               'carrier', s.carrier, 'carrier_name', backdesk.carrier_name(s.carrier),
               'tracking_no', s.tracking_no, 'status', s.status,
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
$$One order as a JSON document, for the order screen: number, status, amounts, lines, address (with its district), customer, ship_by and late (late to ship: backdesk.late_to_ship, the shop's calendar), the promised delivery window and delivery_late, plain_status (where it is, in one sentence to read out, the carrier named as people know it: "in transit with Yurtiçi Kargo since …"), why (for an order not shipped yet, the reasons it waits: out_of_stock with sku, name and the expected date; payment_unconfirmed; address_problem and awaiting_pickup with a note), can (cancel, change_address, refund_fee, compensate_delay: true when the caller may and the order's state allows it, by backdesk.action_refusal, the rule those functions refuse by) and cannot (for each false one, why: role, cancelled, shipped, delivered, no_fee, not_free_shipping, fee_refunded, not_paid, refunded_all, not_late), parcels (each with its carrier's code and carrier_name, window, lateness and plain status), tickets, returns, refunds, gift codes, notes and the version to pass to the actions. payment, refunded, tickets, refunds, gift_codes and notes are null for the warehouse.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no order with that id.$$;

-- api.find as 0013; a parcel's detail names its carrier ("Yurtiçi Kargo · SO-100234 · …").
CREATE OR REPLACE FUNCTION api.find(q text, lim integer DEFAULT 20)
    RETURNS TABLE (kind text, id bigint, label text, detail text, rank real)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_q      text := btrim(coalesce(q, ''));
    v_key    text := backdesk.search_key(btrim(coalesce(q, '')));
    v_digits text := backdesk.digits(coalesce(q, ''));
    v_lim    integer := least(greatest(coalesce(lim, 20), 1), 200);
    v_phone  text;
    v_email  text;
BEGIN
    PERFORM backdesk.require_role('searching', 'agent', 'warehouse', 'supervisor', 'admin');
    IF v_q = '' THEN
        RETURN;
    END IF;
    IF v_q ~ '^[+0-9 ()./-]+$' AND length(v_digits) BETWEEN 7 AND 15 THEN
        v_phone := backdesk.normalize_phone(v_q);
    END IF;
    IF v_q LIKE '%@%' THEN
        v_email := lower(v_q);
    END IF;

    -- One statement, planned afresh for each call (EXECUTE … USING, values never
    -- spliced in), so branches whose guard is false are pruned at plan time and the
    -- trigram index is chosen only when it sees the words.
    --   $1 query  $2 query upper-cased  $3 digits  $4 phone  $5 e-mail  $6 name key
    --   $7 limit  $8 digits-only?  $9 partial order number?  $10 name search?
    --   $11 may the caller read tickets?
    RETURN QUERY EXECUTE $sql$
    WITH hits (kind, id, label, detail, rank) AS (
        SELECT 'order', o.id, o.number, c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency, 1.0::real
        FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
        WHERE o.number IN ($1, $2)
      UNION ALL
        SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 1.0
        FROM backdesk.tickets t WHERE $11 AND t.number IN ($1, $2)
      UNION ALL
        SELECT 'return', r.id, r.number, o.number || ' · ' || r.status, 1.0
        FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
        WHERE r.number IN ($1, $2)
      UNION ALL
        SELECT 'return', r.id, r.number, o.number || ' · ' || r.status, 1.0
        FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
        WHERE r.tracking_no IN ($1, $2)
      UNION ALL
        SELECT 'shipment', s.id, s.tracking_no,
               backdesk.carrier_name(s.carrier) || ' · ' || o.number || ' · ' || s.status, 1.0
        FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
        WHERE s.tracking_no IN ($1, $2)
      UNION ALL
        -- "100234" for SO-100234 or T-100234: numbers are read out without their prefix.
        SELECT 'order', o.id, o.number, c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency, 0.9
        FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
        WHERE $8 AND backdesk.digits(o.number) COLLATE "C" = $3
      UNION ALL
        SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 0.9
        FROM backdesk.tickets t WHERE $11 AND $8 AND backdesk.digits(t.number) COLLATE "C" = $3
      UNION ALL
        SELECT 'return', r.id, r.number, r.status, 0.9
        FROM backdesk.returns r WHERE $8 AND backdesk.digits(r.number) COLLATE "C" = $3
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95
         FROM backdesk.customers c WHERE c.phone_norm COLLATE "C" = $4 LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.email, c.phone),
                CASE WHEN lower(c.email) = $5 THEN 0.95 ELSE 0.7 END
         FROM backdesk.customers c
         WHERE lower(c.email) COLLATE "C" >= $5 AND lower(c.email) COLLATE "C" < backdesk.prefix_end($5)
         ORDER BY lower(c.email) COLLATE "C" LIMIT $7)
      UNION ALL
        -- Order numbers typed in part: "SO-1002" lists SO-100200 … SO-100299.
        (SELECT 'order', o.id, o.number, c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency, 0.6
         FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
         WHERE $9 AND o.number COLLATE "C" >= $2 AND o.number COLLATE "C" < backdesk.prefix_end($2)
         ORDER BY o.number COLLATE "C" LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email),
                CASE WHEN c.name_key = $6 THEN 0.9 ELSE 0.8 END
         FROM backdesk.customers c
         WHERE $10 AND c.name_key COLLATE "C" >= $6 AND c.name_key COLLATE "C" < backdesk.prefix_end($6)
         ORDER BY c.name_key COLLATE "C" LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email),
                CASE WHEN c.name_key_rev = $6 THEN 0.9 ELSE 0.8 END
         FROM backdesk.customers c
         WHERE $10 AND c.name_key_rev COLLATE "C" >= $6 AND c.name_key_rev COLLATE "C" < backdesk.prefix_end($6)
         ORDER BY c.name_key_rev COLLATE "C" LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email),
                (0.3 + 0.4 * ext.similarity(c.name_key, $6))::real
         FROM backdesk.customers c
         -- Words in order with anything between: "ayse yilmaz" finds "Ayşe Nur Yılmaz".
         WHERE $10 AND length($6) >= 3
           AND c.name_key LIKE '%' || replace(backdesk.like_escape($6), ' ', '%') || '%'
         LIMIT $7)
    )
    SELECT kind, id, label, detail, rank FROM (
        SELECT DISTINCT ON (h.kind, h.id) h.kind, h.id, h.label, h.detail, h.rank
        FROM hits h ORDER BY h.kind, h.id, h.rank DESC
    ) best
    ORDER BY rank DESC, label, id
    LIMIT $7
    $sql$
    USING v_q, upper(v_q), v_digits, v_phone, v_email, v_key, v_lim,
          v_q ~ '^[0-9]{3,}$',
          v_q !~ '\s' AND v_q ~ '[0-9]' AND v_q ~ '^[A-Za-z0-9_./-]+$',
          length(v_key) >= 2 AND v_phone IS NULL AND v_email IS NULL,
          -- Hits follow the tables' visibility: no ticket subjects for the warehouse.
          pg_catalog.has_table_privilege(session_user, 'backdesk.tickets', 'SELECT');
END
$$;

COMMENT ON FUNCTION api.find(text, integer) IS
$$One search box for everything: order, ticket and return numbers (also their digits alone: "100234" finds SO-100234), tracking numbers, a phone in any spacing with or without +90, 0 or 06, an e-mail, a name in any case with or without accents ("sukru ozturk" finds Şükrü Öztürk). Returns up to lim rows (1 to 200, default 20) of (kind, id, label, detail, rank), best first; kind is customer, order, shipment, ticket or return, and only kinds whose table the caller may read (no tickets for the warehouse). A parcel's detail names its carrier as people know it (backdesk.carrier_name). An empty q finds nothing.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role (the shop, a disabled login).$$;

------------------------------------------------------------------------------
-- In which states of the order a category's answers apply.
------------------------------------------------------------------------------
-- A row: every answer of this category needs the order to be in this state.  The
-- states are those backdesk.answer_states knows (tests/sql/answer_render.sql holds
-- the two lists together).
CREATE TABLE backdesk.answer_category_needs (
    category text NOT NULL REFERENCES backdesk.ticket_categories,
    state    text NOT NULL CHECK (state IN ('delivered', 'refunded')),
    PRIMARY KEY (category, state)
);
COMMENT ON TABLE backdesk.answer_category_needs IS
'The order states an answer of a category needs, beyond the values its body uses: delivered (a parcel was delivered), refunded (something was refunded). A category without a row fits any order its values fit.';
GRANT SELECT ON backdesk.answer_category_needs TO backdesk_agent, backdesk_supervisor, backdesk_admin;

INSERT INTO backdesk.answer_category_needs (category, state) VALUES
    ('damaged', 'delivered'),
    ('wrong-item', 'delivered'),
    ('refund', 'refunded');

-- For one order, every state a category may need: NULL why_not when it holds, else
-- why not, in words for the agent.
CREATE FUNCTION backdesk.answer_states(p_order_id bigint) RETURNS TABLE (state text, why_not text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT x.state, x.why_not
    FROM backdesk.orders o
    CROSS JOIN LATERAL (VALUES
        ('delivered',
         CASE WHEN o.status = 'delivered'
                   OR EXISTS (SELECT FROM backdesk.shipments s
                              WHERE s.order_id = o.id AND (s.delivered_at IS NOT NULL OR s.status = 'DELIVERED'))
                   THEN NULL
              WHEN o.status = 'cancelled' THEN 'the order was cancelled'
              ELSE 'the order has not been delivered yet' END),
        -- 0017's words for {refunded_amount}, so a template needing both says it once.
        ('refunded',
         CASE WHEN EXISTS (SELECT FROM backdesk.refunds r WHERE r.order_id = o.id AND r.amount > 0) THEN NULL
              ELSE 'nothing refunded yet' END)
    ) x(state, why_not)
    WHERE o.id = p_order_id;
$$;

-- Every reason a template of the locale does not fit the order: kind 'state' (name:
-- the state its category needs) or 'value' (name: the placeholder its body uses).
CREATE FUNCTION backdesk.answer_gaps(p_order_id bigint, p_locale text)
    RETURNS TABLE (template_id bigint, kind text, name text, why_not text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    WITH t AS (SELECT x.id, x.category, backdesk.template_uses(x.body) AS uses
               FROM backdesk.templates x WHERE x.locale = p_locale),
    v AS (SELECT * FROM backdesk.answer_values(p_order_id, p_locale)),
    s AS (SELECT * FROM backdesk.answer_states(p_order_id))
    SELECT t.id, 'state', n.state, coalesce(s.why_not, 'backdesk does not know the state ' || n.state)
    FROM t JOIN backdesk.answer_category_needs n ON n.category = t.category
    LEFT JOIN s ON s.state = n.state
    WHERE s.state IS NULL OR s.why_not IS NOT NULL
    UNION ALL
    SELECT t.id, 'value', u.u, coalesce(v.why_not, 'backdesk does not fill {' || u.u || '}')
    FROM t CROSS JOIN LATERAL unnest(t.uses) AS u(u) LEFT JOIN v ON v.name = u.u
    WHERE v.value IS NULL;
$$;

-- The values an answer is filled with: {carrier} is the carrier's name (0021).
CREATE FUNCTION backdesk.answer_fill_values(p_order_id bigint, p_locale text) RETURNS jsonb
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT jsonb_object_agg(v.name, CASE v.name WHEN 'carrier' THEN backdesk.carrier_name(v.value) ELSE v.value END)
    FROM backdesk.answer_values(p_order_id, p_locale) v WHERE v.value IS NOT NULL;
$$;

-- As 0021, refusing also an answer whose category needs a state the order is not in
-- (that reason first: it is why the answer does not fit at all).
CREATE OR REPLACE FUNCTION backdesk.answer_fill(p_template backdesk.templates, p_order backdesk.orders) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    SELECT g.kind, g.name, g.why_not INTO r
    FROM backdesk.answer_gaps(p_order.id, p_template.locale) g
    WHERE g.template_id = p_template.id
    ORDER BY g.kind = 'value', g.name LIMIT 1;
    IF FOUND AND r.kind = 'state' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the answer "%s" does not fit order %s: %s', p_template.title, p_order.number, r.why_not),
            HINT = 'Use one of the answers offered for this order (api.order_answers, w on the order).';
    ELSIF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the answer "%s" needs {%s}, which order %s does not have: %s',
                             p_template.title, r.name, p_order.number, r.why_not),
            HINT = 'Use one of the answers offered for this order (api.order_answers, w on the order).';
    END IF;
    RETURN backdesk.fill_placeholders(p_template.body, backdesk.answer_fill_values(p_order.id, p_template.locale));
END
$$;

-- As 0017, from backdesk.answer_gaps (the category's states, then the values) and
-- filled as answer_fill fills (the carrier's name: the screen shows what is sent).
CREATE OR REPLACE FUNCTION api.order_answers(order_number text)
    RETURNS TABLE (template_id bigint, category text, title text, body text, why_not text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_number ALIAS FOR $1;
    v_order backdesk.orders;
    v_locale text;
    v_values jsonb;
BEGIN
    PERFORM backdesk.require_role('using answer templates', 'agent', 'admin');
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order %L', p_number),
            HINT = 'Check the order number (search with g).';
    END IF;
    SELECT left(c.locale, 2) INTO v_locale FROM backdesk.customers c WHERE c.id = v_order.customer_id;
    IF NOT EXISTS (SELECT FROM backdesk.templates t WHERE t.locale = v_locale) THEN
        v_locale := 'en';
    END IF;
    v_values := backdesk.answer_fill_values(v_order.id, v_locale);
    RETURN QUERY
    WITH t AS (SELECT x.id, x.category, x.title, x.body, backdesk.template_uses(x.body) AS uses
               FROM backdesk.templates x WHERE x.locale = v_locale),
    -- Each reason once, in answer_fill's order (the category's, then by placeholder),
    -- so the first is the one render_template refuses with.
    d AS (SELECT x.template_id, x.why_not, min(CASE x.kind WHEN 'state' THEN '0' ELSE '1' END || x.name) AS k
          FROM backdesk.answer_gaps(v_order.id, v_locale) x GROUP BY x.template_id, x.why_not),
    g AS (SELECT d.template_id AS id, string_agg(d.why_not, '; ' ORDER BY d.k, d.why_not) AS why
          FROM d GROUP BY d.template_id)
    SELECT t.id, t.category, t.title,
           CASE WHEN g.why IS NULL THEN backdesk.fill_placeholders(t.body, v_values) END,
           g.why
    FROM t LEFT JOIN g ON g.id = t.id
    ORDER BY g.why IS NOT NULL,
             array_position(ARRAY['where-is-my-order', 'delay', 'shipping-fee', 'damaged',
                                  'wrong-item', 'return', 'refund'], t.category) NULLS LAST,
             t.category, cardinality(t.uses) DESC, t.title;
END
$$;

COMMENT ON FUNCTION api.render_template(bigint, text) IS
$$An answer template (backdesk.templates) filled with one order's values, in the template's language (amounts written for it, the carrier by its name). The placeholders are those of backdesk.template_placeholders(): {customer_name}, {order_number}, {total}, {currency}, {carrier}, {tracking_no}, {tracking_url}, {promised_from}, {promised_to}, {ship_by}, {new_ship_by}, {new_deliver_by}, {return_until}, {refunded_amount}, {fee_refunded}, {gift_code}, {gift_amount}, {gift_expires}, {refund_amount}; backdesk.answer_values(order, locale) says which the order has, and why not the others. Some categories fit only orders in a state (backdesk.answer_category_needs: damaged and wrong-item once a parcel was delivered, refund once something was refunded; backdesk.answer_states says which hold). No date it fills is before the shop's today. Reads only.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such template or order; BD002 the template's category needs a state the order is not in (the message says why: the order has not been delivered yet, nothing refunded yet ...), or the order does not give a value the template uses (the message names it and says why: not shipped yet, the ship-by date is past, no compensation given ...).$$;

COMMENT ON FUNCTION api.order_answers(text) IS
$$Every answer template in the language of the order's customer (English when there is none in it): rows of (template_id, category, title, body, why_not). The templates that fit the order (its state is one their category needs, backdesk.answer_category_needs, and it gives every value they use) come first, filled for it (body) as api.render_template fills them, the categories most asked about first and the more specific variant first (the apology mentioning the gift code before the plain one); then the others, with body NULL and why_not saying why they do not fit this order, the category's reason first ("the order has not been delivered yet", "not shipped yet", "the ship-by date 2026-11-24 is past"). Reads only.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such order.$$;

COMMENT ON FUNCTION api.queue_template(bigint, text) IS
$$Sends an answer template filled for the order (as api.render_template) to the order's customer by e-mail, through the outbox; returns the outbox id. Audited (outbox.template).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such order or template; BD002 the customer has no e-mail address, or the template does not fit the order (as api.render_template: its category needs a state the order is not in, or the order lacks a value it uses; the message says which).$$;
