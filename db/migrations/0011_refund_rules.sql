-- 0011 money rules that cannot be walked around.
--
-- What a review found: an agent refused a 2000 TRY goodwill refund at the 1000 limit
-- issued it as kind 'return' with no return on record; kind 'shipping_fee' refunded
-- 100 on an order charged no fee; a currency without a limits row meant no limit; five
-- gift codes of 1000 TRY went on one 299.80 TRY order.
--
-- The rules, all in backdesk.refund_insert (every refund passes there) and
-- backdesk.check_caps (refunds and gift codes):
--   * return        only against a return whose goods are back (received, inspected,
--                   refunded, closed), up to the returned lines' value not yet refunded;
--                   the refund row names that return;
--   * shipping_fee  only the fee that was charged and not yet refunded;
--   * cancellation  only on a cancelled order;
--   * goodwill      and gift codes: within the role's per-action, per-order and
--                   per-day caps;
--   * every kind but cancellation needs a row in backdesk.amount_limits for the
--     caller's role, the kind and the order's currency: no row means refused;
--   * never more than was paid, in the order's currency.
-- Refunds carry their own currency, tied to their order's by a foreign key, so the
-- order's currency cannot change under them (0012 refuses it first, with words).
--
-- The four functions that move money (cancel_order, issue_refund,
-- refund_shipping_fee, compensate_delay) are replaced, same signatures, on shared
-- helpers for the key, the lock, the replay and the version.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- Refunds and gift codes carry their currency, which must be their order's.
------------------------------------------------------------------------------
ALTER TABLE backdesk.orders ADD CONSTRAINT orders_id_currency_key UNIQUE (id, currency);

ALTER TABLE backdesk.refunds ADD COLUMN currency char(3);
UPDATE backdesk.refunds f SET currency = o.currency FROM backdesk.orders o WHERE o.id = f.order_id;
ALTER TABLE backdesk.refunds
    ALTER COLUMN currency SET NOT NULL,
    ADD CONSTRAINT refunds_order_currency_fkey FOREIGN KEY (order_id, currency)
        REFERENCES backdesk.orders (id, currency);
ALTER TABLE backdesk.gift_codes
    ADD CONSTRAINT gift_codes_order_currency_fkey FOREIGN KEY (order_id, currency)
        REFERENCES backdesk.orders (id, currency);

-- A refund written without a currency (a DBA's INSERT, an old loader) takes its
-- order's; one written with another currency is refused by the foreign key.
CREATE FUNCTION backdesk.refund_currency_default() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF NEW.currency IS NULL THEN
        SELECT o.currency INTO NEW.currency FROM backdesk.orders o WHERE o.id = NEW.order_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER refunds_currency_default BEFORE INSERT ON backdesk.refunds
    FOR EACH ROW EXECUTE FUNCTION backdesk.refund_currency_default();

CREATE INDEX refunds_return ON backdesk.refunds (return_id) WHERE return_id IS NOT NULL;
CREATE INDEX refunds_daily ON backdesk.refunds (created_by, kind, created_at);
CREATE INDEX gift_codes_order ON backdesk.gift_codes (order_id);
CREATE INDEX gift_codes_daily ON backdesk.gift_codes (created_by, created_at);

------------------------------------------------------------------------------
-- Limits: a row per role, kind and currency, or no money at all.  NULL in a cap
-- column: that dimension is not capped (an administrator's rows); the row itself
-- must exist.
------------------------------------------------------------------------------
ALTER TABLE backdesk.amount_limits
    ALTER COLUMN max_amount DROP NOT NULL,
    ADD COLUMN max_per_order numeric(14,2) CHECK (max_per_order >= 0),
    ADD COLUMN max_per_day numeric(14,2) CHECK (max_per_day >= 0),
    ADD COLUMN updated_by text NOT NULL DEFAULT session_user,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- An agent's goodwill or gift code: one per order at most the single cap, three a day.
UPDATE backdesk.amount_limits SET max_per_order = max_amount, max_per_day = 3 * max_amount
WHERE role = 'agent';
-- Returns and fees are bounded by what came back and what was charged, not by a cap.
INSERT INTO backdesk.amount_limits (role, kind, currency, max_amount, max_per_order, max_per_day)
SELECT r, k, c.code, NULL, NULL, NULL
FROM unnest(ARRAY['agent', 'admin']) r, unnest(ARRAY['return', 'shipping_fee']) k, backdesk.currencies c
ON CONFLICT DO NOTHING;
INSERT INTO backdesk.amount_limits (role, kind, currency, max_amount, max_per_order, max_per_day)
SELECT 'admin', k, c.code, NULL, NULL, NULL
FROM unnest(ARRAY['goodwill', 'gift_code']) k, backdesk.currencies c
ON CONFLICT DO NOTHING;

------------------------------------------------------------------------------
-- Helpers shared by the money functions.
------------------------------------------------------------------------------

-- BD005 unless there is a key.
CREATE FUNCTION backdesk.need_key(p_key uuid, p_what text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF p_key IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'idempotency_key is missing',
            HINT = format('Make one key (a UUID) per %s and send the same key when you retry.', p_what);
    END IF;
END
$$;

-- An idempotency key seen before: NULL when new; the first result (a refund's id, or
-- a gift code) when it was used for the same order, kind and amount; BD007 when it
-- was used for anything else.
CREATE FUNCTION backdesk.money_replay(p_key uuid, p_order backdesk.orders, p_kind text, p_amount numeric)
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
        IF p_kind = 'gift_code' AND g.order_id IS NOT DISTINCT FROM p_order.id AND g.amount = p_amount THEN
            RETURN g.code;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('idempotency key %s was already used for a gift code of %s %s on order %s',
                             p_key, g.amount, g.currency,
                             (SELECT o.number FROM backdesk.orders o WHERE o.id = g.order_id)),
            HINT = 'The same key means the same compensation: use a new key for a different one.';
    END IF;
    RETURN NULL;
END
$$;

-- The start of every money action: the order locked, then either the first answer
-- for a key seen before (returned, nothing else checked: a retry after a lost answer
-- must not fail) or the version the agent saw checked.
CREATE FUNCTION backdesk.money_begin(p_number text, p_key uuid, p_kind text, p_amount numeric,
                                     p_version integer, OUT o backdesk.orders, OUT replay text)
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    o := backdesk.order_for_update(p_number);
    replay := backdesk.money_replay(p_key, o, p_kind, p_amount);
    IF replay IS NULL THEN
        PERFORM backdesk.check_version(o, p_version);
    END IF;
END
$$;

-- The end of every money action: a new order version, recorded in one audit row.
CREATE FUNCTION backdesk.money_end(p_order backdesk.orders, p_action text, p_detail jsonb) RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_version integer := backdesk.bump_order(p_order.id);
BEGIN
    PERFORM backdesk.audit(p_action, 'order', p_order.id,
        jsonb_build_object('number', p_order.number, 'currency', p_order.currency, 'version', v_version)
        || p_detail);
    RETURN v_version;
END
$$;

-- What a kind is called in a sentence.
CREATE FUNCTION backdesk.money_kind_text(p_kind text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN CASE p_kind WHEN 'gift_code' THEN 'gift code' WHEN 'shipping_fee' THEN 'shipping fee refund'
                   ELSE replace(p_kind, '_', ' ') || ' refund' END;

-- BD006 unless the caller's role may give p_amount of this kind on this order now:
-- a limits row must exist; the single amount, what this kind already came to on the
-- order, and what this login gave of it today (the shop's day) stay within its caps.
-- The order is locked by the caller; the day is locked here, per login and kind, so
-- two consoles of one agent on two orders cannot both pass the daily cap.
CREATE FUNCTION backdesk.check_caps(p_role text, p_kind text, p_order backdesk.orders, p_amount numeric)
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
            SELECT coalesce(sum(g.amount), 0) INTO v_on_order FROM backdesk.gift_codes g
            WHERE g.order_id = p_order.id;
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
            SELECT coalesce(sum(g.amount), 0) INTO v_today FROM backdesk.gift_codes g
            WHERE g.created_by = session_user AND g.currency = p_order.currency
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

-- The returned value not yet refunded, per return of the order whose goods are back.
CREATE FUNCTION backdesk.return_refundable(p_order_id bigint)
    RETURNS TABLE (return_id bigint, number text, remaining numeric)
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT r.id, r.number,
           (SELECT coalesce(sum(rl.qty * ol.unit_price), 0)
            FROM backdesk.return_lines rl JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
            WHERE rl.return_id = r.id)
         - (SELECT coalesce(sum(f.amount), 0) FROM backdesk.refunds f
            WHERE f.return_id = r.id AND f.kind = 'return')
    FROM backdesk.returns r
    WHERE r.order_id = p_order_id AND r.status IN ('received', 'inspected', 'refunded', 'closed')
    ORDER BY r.requested_at, r.id;
$$;

-- The refund itself, on an order already locked by the caller (money_begin): paid?,
-- decimals, the role's caps (p_role NULL: none, for the cancellation that
-- cancel_order makes), never more than paid in total, the kind's own precondition.  Returns the
-- refund's id.  The caller ends with money_end.
DROP FUNCTION backdesk.refund_insert(backdesk.orders, numeric, text, text, uuid, text);
CREATE FUNCTION backdesk.refund_insert(p_order backdesk.orders, p_amount numeric, p_kind text,
                                       p_reason text, p_key uuid, p_role text) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_paid numeric;
    v_done numeric;
    v_fee_done numeric;
    v_return bigint;
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
    WHEN 'return' THEN
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
                            ELSE 'Record the return and receive the items first, or use a goodwill refund within your limit.' END;
        END IF;
    ELSE
        NULL;   -- goodwill: bounded by the caps below
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

-- Superseded by money_replay and check_caps.
DROP FUNCTION backdesk.refund_replay(uuid, backdesk.orders, text, numeric);
DROP FUNCTION backdesk.check_limit(text, text, text, numeric);

------------------------------------------------------------------------------
-- The money functions, same signatures as 0006.
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION api.cancel_order(order_number text, reason text, p_version integer DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_reason ALIAS FOR $2;
    v_reason text;
    v_order backdesk.orders;
    v_paid numeric;
    v_refund numeric;
    v_refund_id bigint;
    v_from text;
BEGIN
    PERFORM backdesk.require_role('cancelling orders', 'agent', 'admin');
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say why the order is cancelled (the customer will ask).');
    v_order := backdesk.order_for_update(p_number);
    PERFORM backdesk.check_version(v_order, p_version);
    PERFORM backdesk.need_not_shipped(v_order, 'cancelling it');

    v_from := v_order.status;
    UPDATE backdesk.orders SET status = 'cancelled', cancel_reason = v_reason WHERE id = v_order.id
    RETURNING * INTO v_order;

    SELECT coalesce(paid, 0) INTO v_paid FROM backdesk.payments WHERE order_id = v_order.id;
    v_refund := coalesce(v_paid, 0)
              - (SELECT coalesce(sum(amount), 0) FROM backdesk.refunds WHERE order_id = v_order.id);
    IF v_refund > 0 THEN
        v_refund_id := backdesk.refund_insert(v_order, v_refund, 'cancellation', v_reason,
                                              gen_random_uuid(), NULL);
    END IF;

    PERFORM backdesk.money_end(v_order, 'order.cancel',
        jsonb_build_object('reason', v_reason, 'from_status', v_from,
                           'refund_id', v_refund_id, 'refunded', coalesce(greatest(v_refund, 0), 0)));
END
$$;

CREATE OR REPLACE FUNCTION api.issue_refund(order_number text, amount numeric, kind text, reason text,
                                            idempotency_key uuid, p_version integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_amount ALIAS FOR $2;
    p_kind ALIAS FOR $3;
    p_reason ALIAS FOR $4;
    p_key ALIAS FOR $5;
    v_role text;
    v_reason text;
    m record;
    v_order backdesk.orders;
    v_id bigint;
BEGIN
    v_role := backdesk.require_role('issuing refunds', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_kind, 'kind', ARRAY['return', 'shipping_fee', 'goodwill', 'cancellation']);
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say why the money goes back.');
    PERFORM backdesk.need_key(p_key, 'refund');
    IF p_amount IS NULL OR p_amount <= 0 THEN
        PERFORM backdesk.need_amount(p_amount, NULL);
    END IF;

    m := backdesk.money_begin(p_number, p_key, p_kind, p_amount, p_version);
    v_order := m.o;
    IF m.replay IS NOT NULL THEN
        RETURN m.replay::bigint;    -- the same refund again: nothing new to do or to audit
    END IF;
    v_id := backdesk.refund_insert(v_order, p_amount, p_kind, v_reason, p_key, v_role);
    PERFORM backdesk.money_end(v_order, 'order.refund',
        jsonb_build_object('refund_id', v_id, 'kind', p_kind, 'amount', p_amount::numeric(14,2),
                           'reason', v_reason));
    RETURN v_id;
END
$$;

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
    IF v_order.status = 'cancelled' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was cancelled; its cancellation refund already covered the shipping fee',
                             v_order.number),
            HINT = 'See the order''s refunds.';
    END IF;
    IF v_order.shipping_fee <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was charged no shipping fee', v_order.number),
            HINT = 'For a goodwill gesture use a goodwill refund or a gift code.';
    END IF;
    IF NOT v_order.free_shipping THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was not a free-shipping order; its shipping fee of %s %s was due',
                             v_order.number, backdesk.money_text(v_order.shipping_fee), v_order.currency),
            HINT = 'For a goodwill gesture use a goodwill refund or a gift code.';
    END IF;
    IF EXISTS (SELECT FROM backdesk.refunds WHERE order_id = v_order.id AND kind = 'shipping_fee') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the shipping fee of order %s was already refunded', v_order.number),
            HINT = 'See the order''s refunds.';
    END IF;
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
    IF v_order.status = 'cancelled' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was cancelled; there is no delivery to compensate', v_order.number),
            HINT = 'Its payment was refunded when it was cancelled.';
    END IF;

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
-- api.customer_360, again: as 0007, with each refund's own currency.
------------------------------------------------------------------------------
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
             FROM (SELECT f.*, o.number AS onum FROM backdesk.orders o
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

------------------------------------------------------------------------------
-- api.set_amount_limit: the one way limits change; admins only; audited.
------------------------------------------------------------------------------
CREATE FUNCTION api.set_amount_limit(p_role text, p_kind text, p_currency text, p_max_amount numeric,
                                     p_max_per_order numeric, p_max_per_day numeric) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_old backdesk.amount_limits;
    v_currency text := upper(btrim(p_currency));
BEGIN
    PERFORM backdesk.require_role('changing amount limits', 'admin');
    PERFORM backdesk.need_one_of(p_role, 'role', ARRAY['agent', 'admin']);
    PERFORM backdesk.need_one_of(p_kind, 'kind', ARRAY['return', 'shipping_fee', 'goodwill', 'gift_code']);
    IF NOT EXISTS (SELECT FROM backdesk.currencies WHERE code = v_currency) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('currency %s is not one backdesk knows', coalesce(quote_literal(p_currency), 'NULL')),
            HINT = (SELECT 'Known currencies: ' || string_agg(code, ', ' ORDER BY code) || '.' FROM backdesk.currencies);
    END IF;
    IF p_max_amount < 0 OR p_max_per_order < 0 OR p_max_per_day < 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'a limit cannot be negative',
            HINT = 'Give 0 to allow nothing, NULL for no cap on that dimension.';
    END IF;
    SELECT * INTO v_old FROM backdesk.amount_limits
    WHERE role = p_role AND kind = p_kind AND currency = v_currency FOR UPDATE;
    INSERT INTO backdesk.amount_limits (role, kind, currency, max_amount, max_per_order, max_per_day)
    VALUES (p_role, p_kind, v_currency, p_max_amount, p_max_per_order, p_max_per_day)
    ON CONFLICT (role, kind, currency) DO UPDATE
        SET max_amount = EXCLUDED.max_amount, max_per_order = EXCLUDED.max_per_order,
            max_per_day = EXCLUDED.max_per_day, updated_by = session_user, updated_at = now();
    PERFORM backdesk.audit('limits.set', 'amount_limits', NULL,
        jsonb_build_object('role', p_role, 'kind', p_kind, 'currency', v_currency,
                           'old', CASE WHEN v_old.role IS NOT NULL THEN jsonb_build_object(
                                      'max_amount', v_old.max_amount, 'max_per_order', v_old.max_per_order,
                                      'max_per_day', v_old.max_per_day) END,
                           'new', jsonb_build_object('max_amount', p_max_amount, 'max_per_order', p_max_per_order,
                                                     'max_per_day', p_max_per_day)));
END
$$;

GRANT EXECUTE ON FUNCTION api.set_amount_limit(text, text, text, numeric, numeric, numeric)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;
