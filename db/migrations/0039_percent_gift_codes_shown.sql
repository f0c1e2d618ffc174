-- 0039 a percentage gift code (0038) shows what it is worth: on the order screen, the
-- customer 360 and in the answers that name a gift code's value (issue 13).
--
-- 0038 let a gift code be a percent (amount NULL, percent and max_value set), but
-- api.order_detail (0022), api.customer_360 (0015) and backdesk.answer_values (0017)
-- still read only the amount: a percent code showed no value, and an answer with
-- {gift_amount} was refused ("backdesk does not fill it").
--
-- Rather than copy those long bodies once more, each keeps its body under a new
-- name in backdesk (as 0012 did for api.import_order) and a short function of the
-- old name and signature calls it and rebuilds only the gift code part, from one
-- helper (backdesk.gift_code_brief), so the next change to a gift code's fields is
-- made in one place.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- What a gift code is worth, the same on every screen: an amount, or a percent of
-- the order it is used on and the most it takes off (max_value).  percent is written
-- without trailing zeros ("10", "12.5").
CREATE FUNCTION backdesk.gift_code_brief(g backdesk.gift_codes) RETURNS jsonb
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT jsonb_build_object('code', g.code, 'amount', g.amount::text, 'percent', trim_scale(g.percent)::text,
                              'max_value', g.max_value::text, 'currency', g.currency,
                              'reason_code', g.reason_code, 'expires_at', g.expires_at::text);
$$;

------------------------------------------------------------------------------
-- The order screen.
------------------------------------------------------------------------------
ALTER FUNCTION api.order_detail(bigint) RENAME TO order_detail_base;
ALTER FUNCTION api.order_detail_base(bigint) SET SCHEMA backdesk;
-- Runs only inside api.order_detail, which checks the role first.
REVOKE ALL ON FUNCTION backdesk.order_detail_base(bigint)
    FROM PUBLIC, backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_shop,
         backdesk_disabled;

CREATE FUNCTION api.order_detail(p_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_role text := backdesk.require_role('viewing orders', 'agent', 'warehouse', 'supervisor', 'admin');
    v jsonb := backdesk.order_detail_base(p_id);
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
    RETURN v;
END
$$;

------------------------------------------------------------------------------
-- The customer 360.
------------------------------------------------------------------------------
ALTER FUNCTION api.customer_360(bigint) RENAME TO customer_360_base;
ALTER FUNCTION api.customer_360_base(bigint) SET SCHEMA backdesk;
REVOKE ALL ON FUNCTION backdesk.customer_360_base(bigint)
    FROM PUBLIC, backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_shop,
         backdesk_disabled;

CREATE FUNCTION api.customer_360(p_customer_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_role text := backdesk.require_role('viewing customers', 'agent', 'warehouse', 'supervisor', 'admin');
    v jsonb := backdesk.customer_360_base(p_customer_id);
    v_today date := backdesk.shop_date(now());
BEGIN
    IF v_role <> 'warehouse' THEN
        v := jsonb_set(v, '{gift_codes}',
            (SELECT coalesce(jsonb_agg(backdesk.gift_code_brief(g) || jsonb_build_object(
                        'reason', g.reason,
                        'state', CASE WHEN g.redeemed_at IS NOT NULL THEN 'redeemed'
                                      WHEN g.expires_at < v_today THEN 'expired'
                                      ELSE 'valid' END,
                        'created_at', to_char(g.created_at, 'YYYY-MM-DD'))
                        ORDER BY g.created_at DESC, g.id DESC), '[]')
             FROM backdesk.gift_codes g
             WHERE g.id IN (SELECT x.id FROM backdesk.gift_codes x WHERE x.customer_id = p_customer_id
                            ORDER BY x.created_at DESC, x.id DESC LIMIT 100)));
    END IF;
    RETURN v;
END
$$;

GRANT EXECUTE ON FUNCTION api.order_detail(bigint), api.customer_360(bigint)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.order_detail(bigint) IS
$$One order as a JSON document, for the order screen: number, status, amounts, lines, address (with its district), customer, ship_by and late (late to ship: backdesk.late_to_ship, the shop's calendar), the promised delivery window and delivery_late, plain_status (where it is, in one sentence to read out, the carrier named as people know it: "in transit with Yurtiçi Kargo since …"), why (for an order not shipped yet, the reasons it waits: out_of_stock with sku, name and the expected date; payment_unconfirmed; address_problem and awaiting_pickup with a note), can (cancel, change_address, refund_fee, compensate_delay: true when the caller may and the order's state allows it, by backdesk.action_refusal, the rule those functions refuse by) and cannot (for each false one, why: role, cancelled, shipped, delivered, no_fee, not_free_shipping, fee_refunded, not_paid, refunded_all, not_late), parcels (each with its carrier's code and carrier_name, window, lateness and plain status), tickets, returns, refunds (kind, amount, reason, created_at, and who gave it: by_login and by, the staff name), gift codes (code, amount or percent with max_value, the most a percent code takes off, currency, reason_code, expires_at, redeemed), notes and the version to pass to the actions. payment, refunded, tickets, refunds, gift_codes and notes are null for the warehouse.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no order with that id.$$;

COMMENT ON FUNCTION api.customer_360(bigint) IS
$$One customer as a JSON document, for the customer screen: contact details, addresses, the newest 100 orders (each with late, as api.order_detail says it, and its newest parcel), returns, open and recent tickets, satisfaction scores, refunds, gift codes (code, amount or percent with max_value, the most a percent code takes off, currency, reason_code, reason, expires_at, and state: valid, redeemed or expired by the shop's calendar), what they paid and got back per currency, and notes. For the warehouse, restricted is true and tickets, satisfaction, refunds, gift codes, spent and notes are null.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no customer with that id.$$;

------------------------------------------------------------------------------
-- Answers: {gift_amount} of a percent code is its percent and the most it takes off,
-- in the template's language ("10% (up to 50.00 TRY)", "%10 (en fazla 50,00 TRY)").
------------------------------------------------------------------------------
ALTER FUNCTION backdesk.answer_values(bigint, text) RENAME TO answer_values_base;

CREATE FUNCTION backdesk.answer_values(p_order_id bigint, p_locale text)
    RETURNS TABLE (name text, value text, why_not text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    -- The base leaves gift_amount without a value or a reason exactly when the latest
    -- compensation is an unexpired gift code without an amount: the order's newest
    -- gift code, a percent one.
    SELECT b.name,
           coalesce(b.value, CASE WHEN b.name = 'gift_amount' AND b.why_not IS NULL THEN
               (SELECT CASE backdesk.message_locale(p_locale)
                           WHEN 'tr' THEN format('%%%s (en fazla %s)', trim_scale(g.percent),
                                                 backdesk.money_words(g.max_value, g.currency, p_locale))
                           WHEN 'hu' THEN format('%s%% (legfeljebb %s)', trim_scale(g.percent),
                                                 backdesk.money_words(g.max_value, g.currency, p_locale))
                           ELSE format('%s%% (up to %s)', trim_scale(g.percent),
                                       backdesk.money_words(g.max_value, g.currency, p_locale)) END
                FROM backdesk.gift_codes g WHERE g.order_id = p_order_id AND g.percent IS NOT NULL
                  AND g.id = (SELECT x.id FROM backdesk.gift_codes x WHERE x.order_id = p_order_id
                              ORDER BY x.created_at DESC, x.id DESC LIMIT 1)) END),
           b.why_not
    FROM backdesk.answer_values_base(p_order_id, p_locale) b;
$$;
