-- 0038 what an inspected return comes to (refund, exchange, repair, store credit),
-- gift codes of an amount or a percentage, and the refunds ledger (issue 13).
--
-- The money rules of 0011 stay: every refund passes backdesk.refund_insert under the
-- order's lock (money_begin), never more than was paid, the same idempotency key
-- answers with the first result.  What changes is what a return is worth: a refund of
-- kind 'return' is at most what backdesk.return_refund_parts (0036) says is due for
-- an INSPECTED return (the accepted lines, less restocking fees), and the shipping
-- fee of a wholly returned order goes back as its own refund of kind 'shipping_fee'
-- naming the same return.  Before inspection nothing is known to be due.
--
-- Gift codes: drawn by backdesk.new_gift_code (0006) from gen_random_uuid, the
-- server's strong random source, never from ids; one of amount or percent; a reason
-- code; store credit names its return.  A percentage code counts against the caps at
-- what it is worth on the order it is given for (percent of that order's total), and
-- that value, max_value, is the most it takes off wherever it is redeemed.
--
-- Calls backdesk.return_lock / return_touch / return_transition_ok of 0037.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- Gift codes: amount or percent, why, and where they went.
------------------------------------------------------------------------------
ALTER TABLE backdesk.gift_codes
    ALTER COLUMN amount DROP NOT NULL,
    ADD COLUMN percent numeric(5,2) CONSTRAINT gift_codes_percent_range CHECK (percent > 0 AND percent <= 100),
    -- A percentage code's value on the order it was given for: what the caps counted,
    -- and the most it takes off.
    ADD COLUMN max_value numeric(14,2) CONSTRAINT gift_codes_max_value_positive CHECK (max_value > 0),
    ADD COLUMN reason_code text NOT NULL DEFAULT 'delay_compensation'
        CONSTRAINT gift_codes_reason_code_check
        CHECK (reason_code IN ('delay_compensation', 'feedback_reward', 'store_credit', 'goodwill')),
    ADD COLUMN return_id bigint UNIQUE REFERENCES backdesk.returns,
    ADD COLUMN redeemed_order_id bigint REFERENCES backdesk.orders,
    ADD CONSTRAINT gift_codes_amount_or_percent CHECK ((amount IS NULL) <> (percent IS NULL)),
    ADD CONSTRAINT gift_codes_percent_has_max CHECK (percent IS NULL OR max_value IS NOT NULL),
    ADD CONSTRAINT gift_codes_store_credit_return CHECK ((reason_code = 'store_credit') = (return_id IS NOT NULL)),
    ADD CONSTRAINT gift_codes_redeemed_order CHECK (redeemed_order_id IS NULL OR redeemed_at IS NOT NULL);
COMMENT ON COLUMN backdesk.gift_codes.max_value IS
    'A percentage code: its value on the order it was given for, counted against the caps; it never takes off more.';

-- A repair says what was done.
ALTER TABLE backdesk.returns
    ADD COLUMN resolution_note text CONSTRAINT returns_resolution_note_length CHECK (length(resolution_note) <= 2000);

------------------------------------------------------------------------------
-- The caps, as 0011, with a percentage code at its value and store credit apart:
-- store credit is what the return was worth, bounded by it, not a gesture.
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION backdesk.check_caps(p_role text, p_kind text, p_order backdesk.orders, p_amount numeric)
    RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    l backdesk.amount_limits;
    v_what text := backdesk.money_kind_text(p_kind);
    v_on_order numeric;
    v_today numeric;
    v_day date := backdesk.shop_date(now());
BEGIN
    SELECT * INTO l FROM backdesk.amount_limits
    WHERE role = p_role AND kind = p_kind AND currency = p_order.currency;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD006',
            MESSAGE = format('no %s limit is set for the %s role in %s, so none can be given',
                             v_what, p_role, p_order.currency),
            HINT = format('Ask an administrator to set one (api.set_amount_limit(''%s'', ''%s'', ''%s'', ...)).',
                          p_role, p_kind, p_order.currency);
    END IF;
    IF p_amount > l.max_amount THEN
        RAISE EXCEPTION USING ERRCODE = 'BD006',
            MESSAGE = format('a %s of %s %s is over the %s limit of %s %s',
                             v_what, backdesk.money_text(p_amount), p_order.currency, p_role,
                             backdesk.money_text(l.max_amount), p_order.currency),
            HINT = format('Give at most %s %s, or ask an administrator to give more.',
                          backdesk.money_text(l.max_amount), p_order.currency);
    END IF;
    IF l.max_per_order IS NOT NULL THEN
        IF p_kind = 'gift_code' THEN
            SELECT coalesce(sum(coalesce(g.amount, g.max_value)), 0) INTO v_on_order FROM backdesk.gift_codes g
            WHERE g.order_id = p_order.id AND g.return_id IS NULL;
        ELSE
            SELECT coalesce(sum(f.amount), 0) INTO v_on_order FROM backdesk.refunds f
            WHERE f.order_id = p_order.id AND f.kind = p_kind;
        END IF;
        IF v_on_order + p_amount > l.max_per_order THEN
            RAISE EXCEPTION USING ERRCODE = 'BD006',
                MESSAGE = format('order %s already has %s %s in %ss; %s more would pass the %s cap of %s %s per order',
                                 p_order.number, backdesk.money_text(v_on_order), p_order.currency, v_what,
                                 backdesk.money_text(p_amount), p_role, backdesk.money_text(l.max_per_order),
                                 p_order.currency),
                HINT = CASE WHEN v_on_order < l.max_per_order
                            THEN format('At most %s %s more can be given on this order; ask an administrator for more.',
                                        backdesk.money_text(l.max_per_order - v_on_order), p_order.currency)
                            ELSE 'Ask an administrator if this customer needs more.' END;
        END IF;
    END IF;
    IF l.max_per_day IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('backdesk.daily_cap'), hashtext(session_user || '/' || p_kind));
        IF p_kind = 'gift_code' THEN
            SELECT coalesce(sum(coalesce(g.amount, g.max_value)), 0) INTO v_today FROM backdesk.gift_codes g
            WHERE g.created_by = session_user AND g.currency = p_order.currency AND g.return_id IS NULL
              AND g.created_at >= (v_day::timestamp AT TIME ZONE 'Europe/Istanbul');
        ELSE
            SELECT coalesce(sum(f.amount), 0) INTO v_today FROM backdesk.refunds f
            WHERE f.created_by = session_user AND f.kind = p_kind AND f.currency = p_order.currency
              AND f.created_at >= (v_day::timestamp AT TIME ZONE 'Europe/Istanbul');
        END IF;
        IF v_today + p_amount > l.max_per_day THEN
            RAISE EXCEPTION USING ERRCODE = 'BD006',
                MESSAGE = format('you gave %s %s in %ss today; %s more would pass the %s cap of %s %s a day',
                                 backdesk.money_text(v_today), p_order.currency, v_what,
                                 backdesk.money_text(p_amount), p_role, backdesk.money_text(l.max_per_day),
                                 p_order.currency),
                HINT = 'Ask a colleague with room left, or an administrator.';
        END IF;
    END IF;
END
$$;

-- As 0011; a gift code key given again without an amount (a percentage code, store
-- credit) answers with the code whatever its value: the caller checks the rest.
CREATE OR REPLACE FUNCTION backdesk.money_replay(p_key uuid, p_order backdesk.orders, p_kind text, p_amount numeric)
    RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    f backdesk.refunds;
    g backdesk.gift_codes;
BEGIN
    SELECT * INTO f FROM backdesk.refunds WHERE idempotency_key = p_key;
    IF FOUND THEN
        IF p_kind <> 'gift_code' AND f.order_id = p_order.id AND f.kind = p_kind
           AND (p_amount IS NULL OR f.amount = p_amount) THEN
            RETURN f.id::text;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('idempotency key %s was already used for a %s refund of %s on order %s',
                             p_key, replace(f.kind, '_', ' '), f.amount,
                             (SELECT o.number FROM backdesk.orders o WHERE o.id = f.order_id)),
            HINT = 'The same key means the same refund: use a new key for a different one.';
    END IF;
    SELECT * INTO g FROM backdesk.gift_codes WHERE idempotency_key = p_key;
    IF FOUND THEN
        IF p_kind = 'gift_code' AND g.order_id IS NOT DISTINCT FROM p_order.id
           AND (p_amount IS NULL OR g.amount = p_amount) THEN
            RETURN g.code;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('idempotency key %s was already used for a gift code of %s on order %s',
                             p_key, coalesce(g.amount || ' ' || g.currency, g.percent || '%'),
                             (SELECT o.number FROM backdesk.orders o WHERE o.id = g.order_id)),
            HINT = 'The same key means the same compensation: use a new key for a different one.';
    END IF;
    RETURN NULL;
END
$$;

------------------------------------------------------------------------------
-- What is left to refund of a return, by kind: of its goods (accepted lines less
-- restocking, less what went back as kind 'return'), or of the shipping fee it
-- brings back; never more than due.  Only an inspected return (or one refunded
-- already) has anything left.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.return_left(p_return bigint, p_kind text) RETURNS numeric
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p record;
    v_done numeric;
BEGIN
    SELECT * INTO p FROM backdesk.return_refund_parts(p_return);
    IF NOT EXISTS (SELECT FROM backdesk.returns r WHERE r.id = p_return AND r.status IN ('inspected', 'refunded')) THEN
        RETURN 0;
    END IF;
    SELECT coalesce(sum(f.amount), 0) INTO v_done FROM backdesk.refunds f
    WHERE f.return_id = p_return AND f.kind = p_kind;
    RETURN greatest(least(p.due, CASE p_kind WHEN 'return' THEN p.goods - p.restocking
                                             WHEN 'shipping_fee' THEN p.shipping ELSE 0 END - v_done), 0);
END
$$;

-- As 0011 (same signature, api.issue_refund picks by it), on the new rule.
CREATE OR REPLACE FUNCTION backdesk.return_refundable(p_order_id bigint)
    RETURNS TABLE (return_id bigint, number text, remaining numeric)
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT r.id, r.number, backdesk.return_left(r.id, 'return')
    FROM backdesk.returns r
    WHERE r.order_id = p_order_id AND r.status IN ('inspected', 'refunded')
    ORDER BY r.requested_at, r.id;
$$;

------------------------------------------------------------------------------
-- refund_insert as 0011, with the return it pays for (p_return; NULL: kind 'return'
-- takes the first of the order's returns with enough left, as before).
------------------------------------------------------------------------------
DROP FUNCTION backdesk.refund_insert(backdesk.orders, numeric, text, text, uuid, text);
CREATE FUNCTION backdesk.refund_insert(p_order backdesk.orders, p_amount numeric, p_kind text,
                                       p_reason text, p_key uuid, p_role text, p_return bigint DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_paid numeric;
    v_done numeric;
    v_fee_done numeric;
    v_return bigint := p_return;
    v_ret backdesk.returns;
    v_left numeric;
    v_best record;
    v_id bigint;
BEGIN
    SELECT paid INTO v_paid FROM backdesk.payments WHERE order_id = p_order.id;
    IF coalesce(v_paid, 0) <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s has not been paid; there is nothing to refund', p_order.number),
            HINT = 'Compensate an unpaid order with a gift code instead.';
    END IF;
    PERFORM backdesk.need_amount(p_amount, p_order.currency);
    IF p_role IS NOT NULL AND p_kind <> 'cancellation' THEN
        PERFORM backdesk.check_caps(p_role, p_kind, p_order, p_amount);
    END IF;
    -- Read after the row lock: every refund committed before it is counted.
    SELECT coalesce(sum(amount), 0) INTO v_done FROM backdesk.refunds WHERE order_id = p_order.id;
    IF v_done + p_amount > v_paid THEN
        RAISE EXCEPTION USING ERRCODE = 'BD006',
            MESSAGE = format('refund of %s %s refused: order %s would refund %s of %s paid, %s already refunded',
                             backdesk.money_text(p_amount), p_order.currency, p_order.number,
                             backdesk.money_text(v_done + p_amount), backdesk.money_text(v_paid),
                             backdesk.money_text(v_done)),
            HINT = CASE WHEN v_paid > v_done
                        THEN format('At most %s %s can still be refunded.', backdesk.money_text(v_paid - v_done),
                                    p_order.currency)
                        ELSE 'Everything paid has been refunded already.' END;
    END IF;

    IF p_return IS NOT NULL THEN
        SELECT * INTO v_ret FROM backdesk.returns r WHERE r.id = p_return AND r.order_id = p_order.id;
        IF NOT FOUND OR v_ret.status NOT IN ('inspected', 'refunded') OR p_kind NOT IN ('return', 'shipping_fee') THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('return %s of order %s is %s; only an inspected return is refunded',
                                 coalesce(v_ret.number, p_return::text), p_order.number,
                                 coalesce(replace(v_ret.status, '_', ' '), 'not on record')),
                HINT = 'Receive and inspect the items first.';
        END IF;
    END IF;

    CASE p_kind
    WHEN 'cancellation' THEN
        IF p_order.status <> 'cancelled' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s is not cancelled; a cancellation refund is made by cancelling it',
                                 p_order.number),
                HINT = 'Cancel the order (x), which refunds what was paid.';
        END IF;
    WHEN 'shipping_fee' THEN
        SELECT coalesce(sum(amount), 0) INTO v_fee_done FROM backdesk.refunds
        WHERE order_id = p_order.id AND kind = 'shipping_fee';
        IF p_order.shipping_fee <= 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was charged no shipping fee; there is no fee to refund', p_order.number),
                HINT = 'For a goodwill gesture use a goodwill refund or a gift code.';
        END IF;
        IF v_fee_done + p_amount > p_order.shipping_fee THEN
            RAISE EXCEPTION USING ERRCODE = 'BD006',
                MESSAGE = format('order %s was charged a shipping fee of %s %s and %s of it is refunded; %s more is too much',
                                 p_order.number, backdesk.money_text(p_order.shipping_fee), p_order.currency,
                                 backdesk.money_text(v_fee_done), backdesk.money_text(p_amount)),
                HINT = CASE WHEN v_fee_done < p_order.shipping_fee
                            THEN format('At most %s %s of the fee is left to refund.',
                                        backdesk.money_text(p_order.shipping_fee - v_fee_done), p_order.currency)
                            ELSE 'The whole fee has been refunded already.' END;
        END IF;
        IF p_return IS NOT NULL THEN
            v_left := backdesk.return_left(p_return, 'shipping_fee');
            IF p_amount > v_left THEN
                RAISE EXCEPTION USING ERRCODE = 'BD006',
                    MESSAGE = format('return %s brings back %s %s of the shipping fee of order %s, not %s',
                                     v_ret.number, backdesk.money_text(v_left), p_order.currency, p_order.number,
                                     backdesk.money_text(p_amount)),
                    HINT = 'The fee goes back with the return that brings the whole order back, once.';
            END IF;
        END IF;
    WHEN 'return' THEN
        IF p_return IS NOT NULL THEN
            v_left := backdesk.return_left(p_return, 'return');
            IF p_amount > v_left THEN
                RAISE EXCEPTION USING ERRCODE = 'BD006',
                    MESSAGE = format('a return refund of %s %s on order %s is more than return %s has left: at most %s %s',
                                     backdesk.money_text(p_amount), p_order.currency, p_order.number, v_ret.number,
                                     backdesk.money_text(v_left), p_order.currency),
                    HINT = 'A return is worth its accepted items, less restocking fees, once.';
            END IF;
        ELSE
            SELECT x.return_id, x.number, x.remaining INTO v_best
            FROM backdesk.return_refundable(p_order.id) x
            WHERE x.remaining >= p_amount LIMIT 1;
            IF FOUND THEN
                v_return := v_best.return_id;
            ELSE
                SELECT x.number, x.remaining INTO v_best FROM backdesk.return_refundable(p_order.id) x
                ORDER BY x.remaining DESC LIMIT 1;
                RAISE EXCEPTION USING ERRCODE = CASE WHEN FOUND THEN 'BD006' ELSE 'BD002' END,
                    MESSAGE = CASE WHEN FOUND
                        THEN format('a return refund of %s %s on order %s is more than any of its returns has left: at most %s %s (%s)',
                                    backdesk.money_text(p_amount), p_order.currency, p_order.number,
                                    backdesk.money_text(greatest(v_best.remaining, 0)), p_order.currency, v_best.number)
                        ELSE format('order %s has no return whose items are back; a return refund needs one', p_order.number)
                        END,
                    HINT = CASE WHEN FOUND THEN 'Refund each return separately, up to the value of what came back.'
                                ELSE 'Record the return, receive and inspect the items first, or use a goodwill refund within your limit.' END;
            END IF;
        END IF;
    ELSE
        NULL;   -- goodwill: bounded by the caps
    END CASE;

    INSERT INTO backdesk.refunds (order_id, return_id, kind, amount, currency, reason, idempotency_key)
    VALUES (p_order.id, v_return, p_kind, p_amount, p_order.currency, p_reason, p_key)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN
        -- The same key for another order at the same moment (that order's lock is not
        -- ours): the unique index made us wait for it; now it is visible.
        v_id := backdesk.money_replay(p_key, p_order, p_kind, p_amount)::bigint;
    END IF;
    RETURN v_id;
END
$$;

------------------------------------------------------------------------------
-- A new gift code on an order locked by the caller, drawn until unused.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.gift_code_insert(p_order backdesk.orders, p_amount numeric, p_percent numeric,
                                          p_max_value numeric, p_reason_code text, p_reason text, p_key uuid,
                                          p_return bigint) RETURNS backdesk.gift_codes
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    g backdesk.gift_codes;
    v_try integer := 0;
BEGIN
    LOOP
        v_try := v_try + 1;
        INSERT INTO backdesk.gift_codes (code, customer_id, order_id, amount, percent, max_value, currency,
                                         reason, reason_code, return_id, expires_at, idempotency_key)
        VALUES (backdesk.new_gift_code(), p_order.customer_id, p_order.id, p_amount, p_percent, p_max_value,
                p_order.currency, p_reason, p_reason_code, p_return,
                (backdesk.shop_date(now()) + interval '1 year')::date, p_key)
        ON CONFLICT DO NOTHING
        RETURNING * INTO g;
        EXIT WHEN g.id IS NOT NULL;
        IF EXISTS (SELECT FROM backdesk.gift_codes x WHERE x.idempotency_key = p_key) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD007',
                MESSAGE = format('idempotency key %s was just used for another gift code', p_key),
                HINT = 'Use a new key for a new gift code.';
        END IF;
        IF v_try >= 10 THEN
            RAISE EXCEPTION 'could not draw an unused gift code in 10 tries'
                USING HINT = 'Try again; if it keeps happening, the codes are running out.';
        END IF;
    END LOOP;
    RETURN g;
END
$$;

-- The order a return belongs to, by the return's number (not locked: money_begin
-- locks the order, then return_lock the return, in that order everywhere here).
CREATE FUNCTION backdesk.return_order_number(p_return text) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v text;
BEGIN
    SELECT o.number INTO v FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
    WHERE r.number = upper(btrim(p_return));
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no return %s', coalesce(quote_literal(p_return), 'NULL')),
            HINT = 'Check the return number (search with g).';
    END IF;
    RETURN v;
END
$$;

------------------------------------------------------------------------------
-- api.refund_return: what an inspected return is due, in one transaction.
------------------------------------------------------------------------------
CREATE FUNCTION api.refund_return(return_number text, idempotency_key uuid, p_version integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_key ALIAS FOR $2;
    v_role text;
    m record;
    v_order backdesk.orders;
    r backdesk.returns;
    p record;
    v_goods numeric;
    v_ship numeric;
    v_id bigint;
    v_ship_id bigint;
    v_version integer;
BEGIN
    v_role := backdesk.require_role('refunding returns', 'agent', 'admin');
    PERFORM backdesk.need_key(p_key, 'refund');
    m := backdesk.money_begin(backdesk.return_order_number(p_number), p_key, 'return', NULL, NULL);
    v_order := m.o;
    IF m.replay IS NOT NULL THEN
        IF NOT EXISTS (SELECT FROM backdesk.refunds f JOIN backdesk.returns x ON x.id = f.return_id
                       WHERE f.id = m.replay::bigint AND x.number = upper(btrim(p_number))) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD007',
                MESSAGE = format('idempotency key %s was already used for a refund of another return', p_key),
                HINT = 'The same key means the same refund: use a new key for a different one.';
        END IF;
        RETURN m.replay::bigint;
    END IF;
    r := backdesk.return_lock(p_number, p_version, 'refunded', 'refund');
    SELECT * INTO p FROM backdesk.return_refund_parts(r.id);
    v_goods := backdesk.return_left(r.id, 'return');
    v_ship := backdesk.return_left(r.id, 'shipping_fee');
    IF v_goods + v_ship <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('return %s has nothing to refund: %s %s of goods accepted, %s restocking, %s refunded',
                             r.number, backdesk.money_text(p.goods), v_order.currency,
                             backdesk.money_text(p.restocking), backdesk.money_text(p.refunded)),
            HINT = CASE WHEN p.goods = 0 THEN 'Nothing was accepted at inspection: tell the customer why.'
                        ELSE 'It was refunded already; see the order''s refunds.' END;
    END IF;
    IF v_goods > 0 THEN
        v_id := backdesk.refund_insert(v_order, v_goods, 'return', format('return %s', r.number),
                                       p_key, v_role, r.id);
    END IF;
    IF v_ship > 0 THEN
        -- Its own key, derived: a retry with the first key finds the goods refund.
        v_ship_id := backdesk.refund_insert(v_order, v_ship, 'shipping_fee',
                                            format('shipping fee, order wholly returned (%s)', r.number),
                                            CASE WHEN v_id IS NULL THEN p_key
                                                 ELSE md5(p_key::text || '/shipping_fee')::uuid END,
                                            v_role, r.id);
    END IF;
    UPDATE backdesk.returns SET resolution = 'refund', resolved_at = now(), resolved_by = session_user
    WHERE id = r.id;
    v_version := backdesk.return_touch(r, 'refunded', 'refund',
        jsonb_build_object('refund_id', v_id, 'amount', v_goods, 'shipping_refund_id', v_ship_id,
                           'shipping', v_ship, 'restocking', p.restocking, 'currency', v_order.currency));
    PERFORM backdesk.money_end(v_order, 'order.refund',
        jsonb_build_object('refund_id', coalesce(v_id, v_ship_id), 'kind', 'return', 'amount', v_goods,
                           'shipping_refund_id', v_ship_id, 'shipping', v_ship,
                           'return', r.number, 'reason', format('return %s', r.number)));
    RETURN coalesce(v_id, v_ship_id);
END
$$;

------------------------------------------------------------------------------
-- api.exchange_return: the accepted items again, on a new order at no price.
------------------------------------------------------------------------------
CREATE FUNCTION api.exchange_return(return_number text, p_version integer DEFAULT NULL) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    r backdesk.returns;
    o backdesk.orders;
    v_new backdesk.orders;
    v_number text;
BEGIN
    PERFORM backdesk.require_role('exchanging returns', 'agent', 'admin');
    r := backdesk.return_lock(p_number, p_version, 'exchanged', 'exchange');
    IF r.kind NOT IN ('exchange', 'warranty') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('return %s was asked for as a return, not an exchange', r.number),
            HINT = 'Refund it or give store credit; an exchange is asked for as kind exchange (or warranty).';
    END IF;
    IF NOT EXISTS (SELECT FROM backdesk.return_lines rl WHERE rl.return_id = r.id AND rl.accepted_qty > 0) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('nothing of return %s was accepted at inspection; there is nothing to exchange', r.number),
            HINT = 'Tell the customer why the items were not accepted.';
    END IF;
    SELECT * INTO o FROM backdesk.orders WHERE id = r.order_id;
    v_number := CASE WHEN length(o.number || '-' || r.number) <= 64 THEN o.number || '-' || r.number
                     ELSE 'X-' || r.number END;
    INSERT INTO backdesk.orders (number, customer_id, shipping_address_id, placed_at, status, currency,
                                 lines_total, tax_total, shipping_fee, free_shipping, ship_by)
    VALUES (v_number, o.customer_id, o.shipping_address_id, now(), 'paid', o.currency,
            0, 0, 0, true, backdesk.shop_date(now()) + 2)
    RETURNING * INTO v_new;
    INSERT INTO backdesk.order_lines (order_id, line_no, product_id, sku, name, qty, unit_price, tax_rate)
    SELECT v_new.id, row_number() OVER (ORDER BY ol.line_no), ol.product_id, ol.sku, ol.name,
           rl.accepted_qty, 0, ol.tax_rate
    FROM backdesk.return_lines rl JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
    WHERE rl.return_id = r.id AND rl.accepted_qty > 0;
    INSERT INTO backdesk.payments (order_id, method, paid, reference, paid_at)
    VALUES (v_new.id, 'other', 0, format('exchange for return %s', r.number), now());

    UPDATE backdesk.returns SET exchange_order_id = v_new.id, resolution = 'exchange', resolved_at = now(),
                                resolved_by = session_user
    WHERE id = r.id;
    PERFORM backdesk.audit('order.create_exchange', 'order', v_new.id,
        jsonb_build_object('number', v_new.number, 'version', v_new.version, 'return', r.number,
                           'from_order', o.number));
    PERFORM backdesk.return_touch(r, 'exchanged', 'exchange',
        jsonb_build_object('exchange_order', v_new.number, 'exchange_order_id', v_new.id));
    RETURN v_new.number;
END
$$;

------------------------------------------------------------------------------
-- api.repair_return: a warranty claim repaired.
------------------------------------------------------------------------------
CREATE FUNCTION api.repair_return(return_number text, note text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_note ALIAS FOR $2;
    v_note text;
    r backdesk.returns;
BEGIN
    PERFORM backdesk.require_role('repairing returns', 'agent', 'admin');
    v_note := backdesk.need_text(p_note, 'repair note', 'Say what was repaired (the customer will ask).');
    r := backdesk.return_lock(p_number, p_version, 'repaired', 'repair');
    IF r.kind <> 'warranty' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('return %s is not a warranty claim; only those are repaired', r.number),
            HINT = 'Refund it, exchange it or give store credit.';
    END IF;
    UPDATE backdesk.returns SET resolution = 'repair', resolution_note = v_note, resolved_at = now(),
                                resolved_by = session_user
    WHERE id = r.id;
    RETURN backdesk.return_touch(r, 'repaired', 'repair', jsonb_build_object('note', v_note));
END
$$;

------------------------------------------------------------------------------
-- api.store_credit_return: what the return is due, as a gift code of the customer.
------------------------------------------------------------------------------
CREATE FUNCTION api.store_credit_return(return_number text, idempotency_key uuid, p_version integer DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_key ALIAS FOR $2;
    m record;
    v_order backdesk.orders;
    r backdesk.returns;
    p record;
    g backdesk.gift_codes;
    v_role text;
    v_goods numeric;
    v_ship numeric;
    v_ship_id bigint;
BEGIN
    v_role := backdesk.require_role('giving store credit', 'agent', 'admin');
    PERFORM backdesk.need_key(p_key, 'store credit');
    m := backdesk.money_begin(backdesk.return_order_number(p_number), p_key, 'gift_code', NULL, NULL);
    v_order := m.o;
    IF m.replay IS NOT NULL THEN
        IF NOT EXISTS (SELECT FROM backdesk.gift_codes x JOIN backdesk.returns y ON y.id = x.return_id
                       WHERE x.code = m.replay AND y.number = upper(btrim(p_number))) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD007',
                MESSAGE = format('idempotency key %s was already used for another gift code', p_key),
                HINT = 'The same key means the same store credit: use a new key for a different one.';
        END IF;
        RETURN m.replay;
    END IF;
    r := backdesk.return_lock(p_number, p_version, 'store_credit', 'store_credit');
    SELECT * INTO p FROM backdesk.return_refund_parts(r.id);
    -- The goods become the code; a shipping fee the return brings back goes back as
    -- money, a refund row like any other, so nothing can give the fee back twice
    -- (api.refund_shipping_fee and return_refund_parts look for that row).
    v_goods := backdesk.return_left(r.id, 'return');
    v_ship := backdesk.return_left(r.id, 'shipping_fee');
    IF v_goods <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('return %s is worth nothing more: %s %s of goods accepted, %s restocking, %s refunded',
                             r.number, backdesk.money_text(p.goods), v_order.currency,
                             backdesk.money_text(p.restocking), backdesk.money_text(p.refunded)),
            HINT = 'There is no store credit to give.';
    END IF;
    g := backdesk.gift_code_insert(v_order, v_goods, NULL, NULL, 'store_credit',
                                   format('store credit for return %s', r.number), p_key, r.id);
    IF v_ship > 0 THEN
        v_ship_id := backdesk.refund_insert(v_order, v_ship, 'shipping_fee',
                                            format('shipping fee, order wholly returned (%s)', r.number),
                                            md5(p_key::text || '/shipping_fee')::uuid, v_role, r.id);
    END IF;
    UPDATE backdesk.returns SET gift_code_id = g.id, resolution = 'store_credit', resolved_at = now(),
                                resolved_by = session_user
    WHERE id = r.id;
    PERFORM backdesk.return_touch(r, 'store_credit', 'store_credit',
        jsonb_build_object('gift_code_id', g.id, 'amount', g.amount, 'currency', g.currency,
                           'shipping_refund_id', v_ship_id, 'shipping', v_ship));
    PERFORM backdesk.money_end(v_order, 'order.store_credit',
        jsonb_build_object('gift_code_id', g.id, 'amount', g.amount, 'return', r.number));
    RETURN g.code;
END
$$;

------------------------------------------------------------------------------
-- api.issue_gift_code: an amount or a percentage, within the caller's caps.
------------------------------------------------------------------------------
CREATE FUNCTION api.issue_gift_code(order_number text, amount numeric, percent numeric, reason_code text,
                                    reason text, idempotency_key uuid) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_amount ALIAS FOR $2;
    p_percent ALIAS FOR $3;
    p_reason_code ALIAS FOR $4;
    p_reason ALIAS FOR $5;
    p_key ALIAS FOR $6;
    v_role text;
    v_reason text;
    m record;
    v_order backdesk.orders;
    v_value numeric;
    g backdesk.gift_codes;
BEGIN
    v_role := backdesk.require_role('giving gift codes', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_reason_code, 'reason_code',
                                 ARRAY['delay_compensation', 'feedback_reward', 'goodwill']);
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say what the gift code is for.');
    PERFORM backdesk.need_key(p_key, 'gift code');
    IF (p_amount IS NULL) = (p_percent IS NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = CASE WHEN p_amount IS NULL THEN 'a gift code needs an amount or a percent'
                           ELSE 'a gift code is an amount or a percent, not both' END,
            HINT = 'Give an amount like 50.00, or a percent like 10.';
    END IF;
    IF p_amount IS NOT NULL AND p_amount <= 0 THEN
        PERFORM backdesk.need_amount(p_amount, NULL);
    END IF;
    IF p_percent IS NOT NULL AND (p_percent <= 0 OR p_percent > 100 OR round(p_percent, 2) <> p_percent) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('percent %s is not valid', p_percent),
            HINT = 'Give a percent above 0 and at most 100, with at most 2 decimals, like 10 or 12.5.';
    END IF;

    m := backdesk.money_begin(p_number, p_key, 'gift_code', p_amount, NULL);
    v_order := m.o;
    IF m.replay IS NOT NULL THEN
        IF NOT EXISTS (SELECT FROM backdesk.gift_codes x WHERE x.code = m.replay AND x.return_id IS NULL
                       AND x.percent IS NOT DISTINCT FROM p_percent) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD007',
                MESSAGE = format('idempotency key %s was already used for another gift code', p_key),
                HINT = 'The same key means the same gift code: use a new key for a different one.';
        END IF;
        RETURN m.replay;
    END IF;
    IF p_amount IS NOT NULL THEN
        v_value := backdesk.need_amount(p_amount, v_order.currency);
    ELSE
        v_value := round(v_order.total * p_percent / 100,
                         (SELECT c.minor_units FROM backdesk.currencies c WHERE c.code = v_order.currency));
        IF v_value <= 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('%s%% of order %s (%s %s) is nothing', p_percent, v_order.number,
                                 backdesk.money_text(v_order.total), v_order.currency),
                HINT = 'Give an amount instead.';
        END IF;
    END IF;
    PERFORM backdesk.check_caps(v_role, 'gift_code', v_order, v_value);
    g := backdesk.gift_code_insert(v_order, p_amount, p_percent, CASE WHEN p_percent IS NOT NULL THEN v_value END,
                                   p_reason_code, v_reason, p_key, NULL);
    PERFORM backdesk.money_end(v_order, 'order.gift_code',
        jsonb_build_object('gift_code_id', g.id, 'amount', g.amount, 'percent', g.percent,
                           'max_value', g.max_value, 'reason_code', g.reason_code, 'reason', v_reason));
    RETURN g.code;
END
$$;

------------------------------------------------------------------------------
-- api.redeem_gift_code: the shop takes a code off an order; once, in time, its
-- customer's.
------------------------------------------------------------------------------
CREATE FUNCTION api.redeem_gift_code(code text, order_number text) RETURNS numeric
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_code ALIAS FOR $1;
    p_number ALIAS FOR $2;
    g backdesk.gift_codes;
    o backdesk.orders;
    v_value numeric;
BEGIN
    PERFORM backdesk.require_role('redeeming gift codes', 'shop', 'admin');
    SELECT * INTO o FROM backdesk.orders x WHERE x.number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Import the order first, then redeem the code on it.';
    END IF;
    -- Locked: of two redemptions at once, the second sees the first.
    SELECT * INTO g FROM backdesk.gift_codes x WHERE x.code = upper(btrim(p_code)) FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no gift code %s', coalesce(quote_literal(p_code), 'NULL')),
            HINT = 'Check the code: letters and digits as BD-XXXX-XXXX, without 0, O, 1 or I.';
    END IF;
    IF g.redeemed_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('gift code %s was used on %s', g.code, backdesk.shop_date(g.redeemed_at)),
            HINT = 'A gift code is used once.';
    END IF;
    IF g.expires_at < backdesk.shop_date(now()) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('gift code %s expired on %s', g.code, g.expires_at),
            HINT = 'An expired code is worth nothing; support may give a new one.';
    END IF;
    IF g.customer_id <> o.customer_id THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('gift code %s belongs to another customer than order %s''s', g.code, o.number),
            HINT = 'A gift code is used by the customer it was given to.';
    END IF;
    IF g.currency <> o.currency THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('gift code %s is in %s; order %s is in %s', g.code, g.currency, o.number, o.currency),
            HINT = 'Use it on an order in its currency.';
    END IF;
    IF o.status = 'cancelled' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was cancelled', o.number),
            HINT = 'Redeem the code on an order that goes ahead.';
    END IF;
    v_value := CASE WHEN g.amount IS NOT NULL THEN least(g.amount, o.total)
                    ELSE least(round(o.total * g.percent / 100,
                                     (SELECT c.minor_units FROM backdesk.currencies c WHERE c.code = o.currency)),
                               g.max_value) END;
    IF v_value <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s costs nothing; there is nothing to take off', o.number),
            HINT = 'Redeem the code on an order with a price.';
    END IF;
    UPDATE backdesk.gift_codes SET redeemed_at = now(), redeemed_order_id = o.id WHERE id = g.id;
    PERFORM backdesk.audit('gift_code.redeem', 'gift_code', g.id,
        jsonb_build_object('code', g.code, 'order', o.number, 'value', v_value, 'currency', o.currency));
    RETURN v_value;
END
$$;

------------------------------------------------------------------------------
-- The refunds ledger: per order, per day, with who.
------------------------------------------------------------------------------
CREATE FUNCTION api.refunds_ledger(order_number text)
    RETURNS TABLE (at timestamptz, kind text, amount numeric, currency text, reason text, return_number text,
                   by_login text, by_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    v_id bigint;
BEGIN
    PERFORM backdesk.require_role('reading refunds', 'agent', 'supervisor', 'admin');
    SELECT o.id INTO v_id FROM backdesk.orders o WHERE o.number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Check the order number (search with g).';
    END IF;
    RETURN QUERY
    SELECT f.created_at, f.kind, f.amount::numeric, f.currency::text, f.reason, r.number, f.created_by,
           coalesce(s.full_name, f.created_by)
    FROM backdesk.refunds f
    LEFT JOIN backdesk.returns r ON r.id = f.return_id
    LEFT JOIN backdesk.staff s ON s.login = f.created_by
    WHERE f.order_id = v_id
    ORDER BY f.created_at DESC, f.id DESC;
END
$$;

CREATE FUNCTION api.refunds_of_day(day date DEFAULT NULL)
    RETURNS TABLE (at timestamptz, order_number text, kind text, amount numeric, currency text, reason text,
                   return_number text, by_login text, by_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_day ALIAS FOR $1;
    v_day date;
BEGIN
    PERFORM backdesk.require_role('reading refunds', 'agent', 'supervisor', 'admin');
    v_day := coalesce(p_day, backdesk.shop_date(now()));
    RETURN QUERY
    SELECT f.created_at, o.number, f.kind, f.amount::numeric, f.currency::text, f.reason, r.number, f.created_by,
           coalesce(s.full_name, f.created_by)
    FROM backdesk.refunds f
    JOIN backdesk.orders o ON o.id = f.order_id
    LEFT JOIN backdesk.returns r ON r.id = f.return_id
    LEFT JOIN backdesk.staff s ON s.login = f.created_by
    WHERE f.created_at >= (v_day::timestamp AT TIME ZONE 'Europe/Istanbul')
      AND f.created_at < ((v_day + 1)::timestamp AT TIME ZONE 'Europe/Istanbul')
    ORDER BY f.created_at DESC, f.id DESC;
END
$$;

------------------------------------------------------------------------------
-- Grants and the reference.
------------------------------------------------------------------------------
GRANT EXECUTE ON FUNCTION api.refund_return(text, uuid, integer), api.exchange_return(text, integer),
                          api.repair_return(text, text, integer), api.store_credit_return(text, uuid, integer),
                          api.issue_gift_code(text, numeric, numeric, text, text, uuid),
                          api.redeem_gift_code(text, text), api.refunds_ledger(text), api.refunds_of_day(date)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
-- The shop's checkout takes gift codes off its orders.
GRANT EXECUTE ON FUNCTION api.redeem_gift_code(text, text) TO backdesk_shop;

COMMENT ON FUNCTION api.refund_return(text, uuid, integer) IS
$$Refunds an inspected return (its number, R-50001) what it is due (backdesk.return_refund_parts: the accepted lines at their price, less restocking fees), as one refund of kind return, and, when the return brings the whole order back, the order's shipping fee as a refund of kind shipping_fee naming the same return; one transaction under the order's lock, never more than was paid. The return becomes refunded (resolution refund). Returns the id of the goods refund; the same idempotency key again returns it and does nothing. p_version is the return's version (NULL: not checked).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 the return is not inspected, nothing is due; BD006 more than was paid is refunded already; BD005 no key; BD007 the key was used for something else.$$;
COMMENT ON FUNCTION api.exchange_return(text, integer) IS
$$Exchanges an inspected return of kind exchange or warranty: a new paid order at price 0 for the same customer and address with the accepted items (number: the order's number, a dash and the return's), linked by the return's exchange_order_id and shipped like any other. The return becomes exchanged. Returns the new order's number.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 not inspected, a plain return (refund or store credit instead), nothing accepted.$$;
COMMENT ON FUNCTION api.repair_return(text, text, integer) IS
$$Records that an inspected warranty claim was repaired, with a note of what was done; the return becomes repaired (resolution repair). Returns the return's new version.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 not inspected or not a warranty claim; BD005 no note, or a note over 2000 characters.$$;
COMMENT ON FUNCTION api.store_credit_return(text, uuid, integer) IS
$$Gives an inspected return's goods, less restocking fees and what was refunded (backdesk.return_refund_parts), as store credit: a gift code of the customer, reason store_credit, naming the return (returns.gift_code_id), valid a year; a shipping fee the return brings back (the whole order returned) goes back as money, a shipping_fee refund naming the return. The return becomes store_credit. Returns the code; the same idempotency key again returns it and does nothing.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such return; BD004 the return changed since p_version (naming who); BD002 not inspected, no goods due; BD006 the shipping fee over the role's limits; BD005 no key; BD007 the key was used for something else.$$;
COMMENT ON FUNCTION api.issue_gift_code(text, numeric, numeric, text, text, uuid) IS
$$Gives the order's customer a gift code of an amount OR a percent (the other NULL), valid a year, one use, with a reason code (delay_compensation, feedback_reward, goodwill) and a reason. A percent code counts against the gift code caps at that percent of this order's total and never takes off more than that. Returns the code (BD-XXXX-XXXX, random); the same idempotency key again returns it.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such order; BD005 neither or both of amount and percent, an amount or percent out of range, an unknown reason code (store credit comes from a return), no reason, no key; BD002 a percent of an order worth nothing; BD006 over the role's caps (single, per order, per day); BD007 the key was used for something else.$$;
COMMENT ON FUNCTION api.redeem_gift_code(text, text) IS
$$Takes a gift code off an order of the shop: the code's amount (at most the order's total) or its percent of the order's total (at most its max_value). Marks the code used on that order. Returns the value taken off.
Who: shop, admin.
Refuses: BD001 any other role; BD003 no such order or code; BD002 the code was used already, expired, belongs to another customer, is in another currency, the order was cancelled or costs nothing.$$;
COMMENT ON FUNCTION api.refunds_ledger(text) IS
$$The refunds of an order, newest first: when, kind, amount, currency, reason, the return it paid for, and who (login and staff name).
Who: agent, supervisor, admin.
Refuses: BD001 any other role; BD003 no such order.$$;
COMMENT ON FUNCTION api.refunds_of_day(date) IS
$$The refunds of one day of the shop's calendar (NULL: today), newest first: when, order, kind, amount, currency, reason, the return it paid for, and who (login and staff name).
Who: agent, supervisor, admin.
Refuses: BD001 any other role.$$;
