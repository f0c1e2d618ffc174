-- 0053 the order screen's "Where is it" sentence in the staff member's language
-- (issue 16).
--
-- api.order_detail's plain_status (backdesk.parcel_plain and the order's cases,
-- 0022) is an English sentence with ISO dates, made in SQL: a Turkish or Hungarian
-- console showed it as it was.  The sentence stays (psql users, answers and tests
-- read it), and the document also gives what it is made of, so the console writes
-- it in its own language with the locale's dates (views/order_plain.c):
--   * "plain": the order's case (cancelled, parcels, pending, delivered,
--     not_shipped), status, ship_by, late_to_ship, promised_from/promised_to,
--     delivery_late (true when the sentence ends with ", delivery late": late and
--     no parcel yet), cancel_reason and the shop's today.  For "parcels" the
--     sentence is the parcels' (one, or "N parcels: a; b" in their order).
--   * each parcel's "plain": its case (the status's sentence: pre_transit,
--     in_transit, out_for_delivery, pickup, attempted, delivered, exception,
--     returning, returned, cancelled, expired, or no_news for any other status),
--     carrier (its name), shipped and delivered (shop days), expected and days_late
--     (set only when the sentence says them), carrier_text (an exception's words,
--     NULL for "a problem with the parcel").
-- backdesk.parcel_plain_parts mirrors backdesk.parcel_plain case by case: the same
-- arguments, the same conditions (tests/sql/order_actions.sql checks both on the
-- same parcels).  api.order_detail is 0039's body with "plain" added; its parcels
-- come from the base in order (shipped_at, id) and are matched by that order.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE FUNCTION backdesk.parcel_plain_parts(p_carrier text, p_status text, p_carrier_text text,
                                            p_shipped date, p_delivered date, p_expected date,
                                            p_promised_to date, p_today date)
    RETURNS jsonb
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN jsonb_build_object(
    'case', CASE p_status
        WHEN 'PRE_TRANSIT' THEN 'pre_transit'
        WHEN 'IN_TRANSIT' THEN 'in_transit'
        WHEN 'OUT_FOR_DELIVERY' THEN 'out_for_delivery'
        WHEN 'AVAILABLE_FOR_PICKUP' THEN 'pickup'
        WHEN 'DELIVERY_ATTEMPTED' THEN 'attempted'
        WHEN 'DELIVERED' THEN 'delivered'
        WHEN 'EXCEPTION' THEN 'exception'
        WHEN 'RETURNING' THEN 'returning'
        WHEN 'RETURNED' THEN 'returned'
        WHEN 'CANCELLED' THEN 'cancelled'
        WHEN 'EXPIRED' THEN 'expired'
        ELSE 'no_news' END,
    'status', p_status,
    'carrier', backdesk.carrier_name(p_carrier),
    'shipped', p_shipped::text,
    'delivered', p_delivered::text,
    'carrier_text', CASE WHEN p_status = 'EXCEPTION' THEN nullif(btrim(p_carrier_text), '') END,
    'expected', CASE WHEN backdesk.parcel_underway(p_status, p_delivered) AND p_expected IS NOT NULL
                     THEN p_expected::text END,
    'days_late', CASE WHEN backdesk.parcel_underway(p_status, p_delivered) AND p_expected IS NOT NULL
                           AND p_today > p_promised_to
                      THEN p_today - p_promised_to END);
REVOKE ALL ON FUNCTION backdesk.parcel_plain_parts(text, text, text, date, date, date, date, date) FROM PUBLIC;

-- 0039's api.order_detail, and "plain" for the order and each parcel.
CREATE OR REPLACE FUNCTION api.order_detail(p_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_role text := backdesk.require_role('viewing orders', 'agent', 'warehouse', 'supervisor', 'admin');
    v jsonb := backdesk.order_detail_base(p_id);
    v_today date := backdesk.shop_date(now());
    v_order backdesk.orders;
    v_parcels jsonb;
    v_n integer;
BEGIN
    -- The warehouse sees no money: gift_codes and refunds stay null for it, as the
    -- base has them.  Each refund says who gave it, so the screen needs no second read.
    IF v_role <> 'warehouse' THEN
        v := jsonb_set(v, '{gift_codes}',
            (SELECT coalesce(jsonb_agg(backdesk.gift_code_brief(g)
                                       || jsonb_build_object('redeemed', g.redeemed_at IS NOT NULL)
                                       ORDER BY g.created_at, g.id), '[]')
             FROM backdesk.gift_codes g WHERE g.order_id = p_id));
        v := jsonb_set(v, '{refunds}',
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                     'kind', f.kind, 'amount', f.amount::text, 'reason', f.reason,
                     'created_at', to_char(f.created_at, 'YYYY-MM-DD HH24:MI'),
                     'by_login', f.created_by, 'by', coalesce(s.full_name, f.created_by))
                     ORDER BY f.created_at, f.id), '[]')
             FROM backdesk.refunds f LEFT JOIN backdesk.staff s ON s.login = f.created_by
             WHERE f.order_id = p_id));
    END IF;

    -- What plain_status is made of (the base's arguments to parcel_plain, the same
    -- snapshot: this function is STABLE).
    SELECT * INTO v_order FROM backdesk.orders WHERE id = p_id;
    SELECT coalesce(jsonb_agg(e.p || jsonb_build_object('plain', backdesk.parcel_plain_parts(
                                  s.carrier, s.status, s.carrier_text,
                                  backdesk.shop_date(s.shipped_at), backdesk.shop_date(s.delivered_at),
                                  coalesce(s.expected_delivery, w.promised_to), w.promised_to, v_today))
                              ORDER BY e.n), '[]'),
           count(*)
    INTO v_parcels, v_n
    FROM (SELECT x.*, row_number() OVER (ORDER BY x.shipped_at, x.id) AS n
          FROM backdesk.shipments x WHERE x.order_id = p_id) s
    CROSS JOIN LATERAL backdesk.promised_window(v_order.deliver_from, v_order.deliver_to, s.shipped_at) w
    JOIN jsonb_array_elements(v->'parcels') WITH ORDINALITY e(p, n) ON e.n = s.n;

    RETURN jsonb_set(v, '{parcels}', v_parcels) || jsonb_build_object('plain', jsonb_build_object(
        'case', CASE WHEN v_order.status = 'cancelled' THEN 'cancelled'
                     WHEN v_n > 0 THEN 'parcels'
                     WHEN v_order.status = 'pending' THEN 'pending'
                     WHEN v_order.status = 'delivered' THEN 'delivered'
                     ELSE 'not_shipped' END,
        'status', v_order.status,
        'ship_by', v_order.ship_by::text,
        'late_to_ship', backdesk.late_to_ship(v_order.status, v_order.ship_by),
        'promised_from', v->'promised_from',
        'promised_to', v->'promised_to',
        'delivery_late', coalesce((v->>'delivery_late')::boolean, false) AND v_n = 0,
        'cancel_reason', v_order.cancel_reason,
        'today', v_today::text));
END
$$;

COMMENT ON FUNCTION api.order_detail(bigint) IS
$$One order as a JSON document, for the order screen: number, status, amounts, lines, address (with its district), customer, ship_by and late (late to ship: backdesk.late_to_ship, the shop's calendar), the promised delivery window and delivery_late, plain_status (where it is, in one sentence to read out, the carrier named as people know it: "in transit with Yurtiçi Kargo since …") and plain (what that sentence is made of, for a program to say it in its own language: case — cancelled, parcels, pending, delivered or not_shipped —, status, ship_by, late_to_ship, promised_from, promised_to, delivery_late, cancel_reason, today), why (for an order not shipped yet, the reasons it waits: out_of_stock with sku, name and the expected date; payment_unconfirmed; address_problem and awaiting_pickup with a note), can (cancel, change_address, refund_fee, compensate_delay: true when the caller may and the order's state allows it, by backdesk.action_refusal, the rule those functions refuse by) and cannot (for each false one, why: role, cancelled, shipped, delivered, no_fee, not_free_shipping, fee_refunded, not_paid, refunded_all, not_late), parcels (each with its carrier's code and carrier_name, window, lateness, plain status and plain: case, status, carrier, shipped, delivered, expected, days_late, carrier_text), tickets, returns, refunds (kind, amount, reason, created_at, and who gave it: by_login and by, the staff name), gift codes (code, amount or percent with max_value, the most a percent code takes off, currency, reason_code, expires_at, redeemed), notes and the version to pass to the actions. payment, refunded, tickets, refunds, gift_codes and notes are null for the warehouse.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no order with that id.$$;
