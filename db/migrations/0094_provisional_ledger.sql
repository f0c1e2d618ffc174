-- PROVISIONAL: the lead deletes it at merge.  Stand-ins of three functions of the
-- contract of issue 13 that 0038 (money) writes for real: api.refunds_of_day,
-- api.refunds_ledger and api.issue_gift_code, with exactly the contract's
-- signatures, so the ledger screen and the gift code form can be tried before 0038
-- is merged.  Minimal but honest: role checks, refusals with the project's
-- SQLSTATEs, the caps and the idempotency key of the existing money functions.
-- A percent becomes an amount here (the order's total times it); 0038 decides how
-- a percent code is stored.  The reason code goes into the audit row only.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.refunds_of_day(day date DEFAULT NULL)
    RETURNS TABLE (at timestamptz, order_number text, kind text, amount numeric, currency text,
                   reason text, return_number text, by_login text, by_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_day date;
BEGIN
    PERFORM backdesk.require_role('reading the refunds ledger', 'agent', 'supervisor', 'admin');
    v_day := coalesce($1, backdesk.shop_date(now()));
    RETURN QUERY
    SELECT f.created_at, o.number, f.kind, f.amount, f.currency::text, f.reason, r.number,
           f.created_by, coalesce(s.full_name, f.created_by)
    FROM backdesk.refunds f
    JOIN backdesk.orders o ON o.id = f.order_id
    LEFT JOIN backdesk.returns r ON r.id = f.return_id
    LEFT JOIN backdesk.staff s ON s.login = f.created_by
    WHERE f.created_at >= (v_day::timestamp AT TIME ZONE 'Europe/Istanbul')
      AND f.created_at < ((v_day + 1)::timestamp AT TIME ZONE 'Europe/Istanbul')
    ORDER BY f.created_at DESC, f.id DESC;
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.refunds_ledger(order_number text)
    RETURNS TABLE (at timestamptz, kind text, amount numeric, currency text, reason text,
                   return_number text, by_login text, by_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    PERFORM backdesk.require_role('reading the refunds ledger', 'agent', 'supervisor', 'admin');
    SELECT o.id INTO v_id FROM backdesk.orders o WHERE o.number = $1;
    IF v_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order %s', $1),
            HINT = 'Check the order number.';
    END IF;
    RETURN QUERY
    SELECT f.created_at, f.kind, f.amount, f.currency::text, f.reason, r.number,
           f.created_by, coalesce(s.full_name, f.created_by)
    FROM backdesk.refunds f
    LEFT JOIN backdesk.returns r ON r.id = f.return_id
    LEFT JOIN backdesk.staff s ON s.login = f.created_by
    WHERE f.order_id = v_id
    ORDER BY f.created_at DESC, f.id DESC;
END
$$;

-- provisional: the lead deletes it at merge.
CREATE FUNCTION api.issue_gift_code(order_number text, amount numeric, percent numeric, reason_code text,
                                    reason text, idempotency_key uuid)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_role text;
    v_reason text;
    v_amount numeric;
    m record;
    v_order backdesk.orders;
    v_id bigint;
    v_code text;
BEGIN
    v_role := backdesk.require_role('giving gift codes', 'agent', 'admin');
    PERFORM backdesk.need_one_of($4, 'reason_code', ARRAY['delay_compensation', 'feedback_reward', 'goodwill']);
    v_reason := backdesk.need_text($5, 'reason', 'Say what the gift code is for.');
    PERFORM backdesk.need_key($6, 'gift code');
    IF ($2 IS NULL) = ($3 IS NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'give either an amount or a percent, not both and not neither',
            HINT = 'Fill in one of the two.';
    END IF;
    IF $3 IS NOT NULL AND ($3 <= 0 OR $3 > 100) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('percent %s is not between 0 and 100', $3),
            HINT = 'Give a percent above 0 and at most 100.';
    END IF;
    IF $2 IS NOT NULL AND $2 <= 0 THEN
        PERFORM backdesk.need_amount($2, NULL);
    END IF;
    SELECT o.* INTO v_order FROM backdesk.orders o WHERE o.number = $1;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order %s', $1),
            HINT = 'Check the order number.';
    END IF;
    v_amount := coalesce($2, round(v_order.total * $3 / 100, 2));
    m := backdesk.money_begin($1, $6, 'gift_code', v_amount, NULL);
    v_order := m.o;
    IF m.replay IS NOT NULL THEN
        RETURN m.replay;
    END IF;
    PERFORM backdesk.need_amount(v_amount, v_order.currency);
    PERFORM backdesk.check_caps(v_role, 'gift_code', v_order, v_amount);
    INSERT INTO backdesk.gift_codes (code, customer_id, order_id, amount, currency, reason, expires_at,
                                     idempotency_key)
    VALUES (backdesk.new_gift_code(), v_order.customer_id, v_order.id, v_amount, v_order.currency, v_reason,
            (backdesk.shop_date(now()) + interval '1 year')::date, $6)
    RETURNING id, code INTO v_id, v_code;
    PERFORM backdesk.money_end(v_order, 'order.gift_code',
        jsonb_build_object('amount', v_amount, 'percent', $3, 'reason_code', $4, 'reason', v_reason,
                           'gift_code_id', v_id));
    RETURN v_code;
END
$$;

REVOKE ALL ON FUNCTION api.refunds_of_day(date), api.refunds_ledger(text),
    api.issue_gift_code(text, numeric, numeric, text, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.refunds_of_day(date), api.refunds_ledger(text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
GRANT EXECUTE ON FUNCTION api.issue_gift_code(text, numeric, numeric, text, text, uuid)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.refunds_of_day(date) IS
$$PROVISIONAL (0038 replaces it). The refunds of a shop day (NULL: today), newest first, with who gave them.
Who: agent, supervisor, admin.
Refuses: BD001 any other role.$$;
COMMENT ON FUNCTION api.refunds_ledger(text) IS
$$PROVISIONAL (0038 replaces it). The refunds of one order, newest first, with who gave them.
Who: agent, supervisor, admin.
Refuses: BD001 any other role; BD003 no such order.$$;
COMMENT ON FUNCTION api.issue_gift_code(text, numeric, numeric, text, text, uuid) IS
$$PROVISIONAL (0038 replaces it). Gives the order's customer a gift code of an amount or a percent of the order. Audited (order.gift_code).
Who: agent, admin.
Refuses: BD001 any other role; BD005 both or neither of amount and percent, a bad reason code, no reason, no key; BD003 no such order; BD007 the key was used for something else; BD006 over a limit.$$;
