-- 0006 order actions and calls: what an agent does to an order while the customer is
-- on the phone (cancel, change the address, refund, refund the shipping fee, compensate
-- a delay, note, resend a message), tickets and logged calls, answer templates, and the
-- "where is my order" answer in api.order_detail.
--
-- Every function is SECURITY DEFINER with a pinned search_path, lets agents and admins
-- act (supervisors and the warehouse get BD001), checks the state (BD002) where a state
-- can forbid it, and writes one audit row when it changes something (render_template
-- only reads).  Every action on an order (cancel_order, change_address, issue_refund,
-- refund_shipping_fee, compensate_delay; not notes, messages or tickets, which do not
-- change the order):
--   * locks the order row FOR UPDATE before it looks at anything, so two agents on the
--     same order are served one after the other and the second sees the first's work;
--   * takes the version the agent saw as its last parameter (p_version, DEFAULT NULL =
--     no check, for psql and the shop) and refuses with BD004 "order SO-… was changed by
--     NAME at HH:MM" when the order moved on since;
--   * bumps orders.version and updated_at, and records the new version in its audit
--     row, which is how the BD004 message finds who made that version.
-- Refunds (issue_refund, refund_shipping_fee, compensate_delay) are idempotent on their
-- key: the same key again returns the first result and writes nothing, before any
-- version or state check (a retry after a lost answer must not fail); the same key with
-- another order, kind or amount is BD007.  Whatever runs at the same time, an order's
-- refunds never add up to more than was paid: the order row lock serializes them, and
-- the sum is read after the lock (READ COMMITTED: a new snapshot per statement; under
-- REPEATABLE READ the lock fails with 40001 instead, since every refund bumps the row).
-- Anything that writes backdesk.refunds later must do the same: lock the order row,
-- then backdesk.refund_insert.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk;

-- A gift code made for an idempotency key is returned again for that key.
ALTER TABLE backdesk.gift_codes ADD COLUMN idempotency_key uuid UNIQUE;

------------------------------------------------------------------------------
-- Helpers.  Not SECURITY DEFINER, not executable by any group (default privileges):
-- they run only inside the api functions, as the owner.
------------------------------------------------------------------------------

-- The shop's calendar: dates (ship-by, delivery windows, "late") are days in Istanbul,
-- as api.import_order reckons them, whatever the session's TimeZone.
CREATE FUNCTION backdesk.shop_date(t timestamptz) RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, backdesk
RETURN (t AT TIME ZONE 'Europe/Istanbul')::date;

-- An amount as people read it: with the two decimals of the money columns.
CREATE FUNCTION backdesk.money_text(p_amount numeric) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk
RETURN to_char(p_amount, 'FM999999999990.00');

-- BD005 unless t has some text in it; returns it trimmed.
CREATE FUNCTION backdesk.need_text(p_value text, p_field text, p_hint text DEFAULT NULL) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk
AS $$
BEGIN
    IF p_value IS NULL OR btrim(p_value) = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s is missing', p_field),
            HINT = coalesce(p_hint, format('Give the %s.', p_field));
    END IF;
    RETURN btrim(p_value);
END
$$;

-- BD005 unless p_value is one of p_allowed.
CREATE FUNCTION backdesk.need_one_of(p_value text, p_field text, p_allowed text[]) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk
AS $$
BEGIN
    IF p_value IS NULL OR NOT (p_value = ANY (p_allowed)) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s %s is not valid', p_field, coalesce(quote_literal(p_value), 'NULL')),
            HINT = format('Use one of: %s.', array_to_string(p_allowed, ', '));
    END IF;
    RETURN p_value;
END
$$;

-- BD005 unless the amount is positive, with no more decimals than the currency has.
CREATE FUNCTION backdesk.need_amount(p_amount numeric, p_currency text, p_field text DEFAULT 'amount')
    RETURNS numeric
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_minor smallint := (SELECT minor_units FROM backdesk.currencies WHERE code = p_currency);
BEGIN
    IF p_amount IS NULL OR p_amount <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s must be more than 0, got %s', p_field, coalesce(p_amount::text, 'nothing')),
            HINT = 'Give an amount like 49.90.';
    END IF;
    IF v_minor IS NOT NULL AND round(p_amount, v_minor) <> p_amount THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s %s has more than %s decimals for %s', p_field, p_amount, v_minor, p_currency),
            HINT = format('Give the amount in whole %s with at most %s decimals.', p_currency, v_minor);
    END IF;
    IF p_amount >= 1e12 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('%s %s is too large', p_field, p_amount),
            HINT = 'Check the amount: it has too many digits.';
    END IF;
    RETURN p_amount;
END
$$;

-- The order by its number, locked for the rest of the transaction; BD003 if none.
CREATE FUNCTION backdesk.order_for_update(p_number text) RETURNS backdesk.orders
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v backdesk.orders;
BEGIN
    SELECT * INTO v FROM backdesk.orders WHERE number = btrim(p_number) FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Check the order number (search with g).';
    END IF;
    RETURN v;
END
$$;

-- BD004 when the order is no longer at the version the agent saw, naming who changed
-- it and when: the audit row that recorded this version, else the newest one.
CREATE FUNCTION backdesk.check_version(p_order backdesk.orders, p_version integer) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_who text;
    v_at  timestamptz;
BEGIN
    IF p_version IS NULL OR p_version = p_order.version THEN
        RETURN;
    END IF;
    SELECT coalesce(s.full_name, a.actor), a.at INTO v_who, v_at
    FROM backdesk.audit_log a LEFT JOIN backdesk.staff s ON s.login = a.actor
    WHERE a.entity = 'order' AND a.entity_id = p_order.id
    ORDER BY (a.detail ->> 'version') = p_order.version::text DESC NULLS LAST, a.at DESC, a.id DESC
    LIMIT 1;
    RAISE EXCEPTION USING ERRCODE = 'BD004',
        MESSAGE = format('order %s was changed by %s at %s', p_order.number, coalesce(v_who, 'someone else'),
                         to_char(coalesce(v_at, p_order.updated_at), 'HH24:MI')),
        DETAIL = format('You saw version %s; it is at version %s now.', p_version, p_order.version),
        HINT = 'Reload the order and apply your change again.';
END
$$;

-- The order moved on: a new version, now.  Returns the new version.
CREATE FUNCTION backdesk.bump_order(p_order_id bigint) RETURNS integer
    LANGUAGE sql SET search_path = pg_catalog, backdesk
AS $$
    UPDATE backdesk.orders SET version = version + 1, updated_at = now()
    WHERE id = p_order_id RETURNING version;
$$;

-- BD002 once the order has shipped (or was cancelled): p_what is no longer possible.
CREATE FUNCTION backdesk.need_not_shipped(p_order backdesk.orders, p_what text) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk
AS $$
BEGIN
    IF p_order.status = 'cancelled' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was cancelled; %s is no longer possible', p_order.number, p_what),
            HINT = 'Nothing is left to change on a cancelled order.';
    END IF;
    IF p_order.status IN ('shipped', 'delivered')
       OR EXISTS (SELECT FROM backdesk.shipments WHERE order_id = p_order.id) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s has already shipped; %s is no longer possible', p_order.number, p_what),
            HINT = 'After shipping, start a return, or ask the carrier to redirect the parcel.';
    END IF;
END
$$;

-- A refund key that was already used: NULL when it is new; the first refund's id when
-- it was used for the same order, kind and amount; BD007 otherwise (also when a gift
-- code was made with it).
CREATE FUNCTION backdesk.refund_replay(p_key uuid, p_order backdesk.orders, p_kind text, p_amount numeric)
    RETURNS bigint
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v backdesk.refunds;
    v_number text;
BEGIN
    SELECT * INTO v FROM backdesk.refunds WHERE idempotency_key = p_key;
    IF NOT FOUND THEN
        IF EXISTS (SELECT FROM backdesk.gift_codes WHERE idempotency_key = p_key) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD007',
                MESSAGE = format('idempotency key %s was already used for a gift code', p_key),
                HINT = 'Use a new key for a new refund.';
        END IF;
        RETURN NULL;
    END IF;
    IF v.order_id = p_order.id AND v.kind = p_kind AND v.amount = p_amount THEN
        RETURN v.id;
    END IF;
    SELECT number INTO v_number FROM backdesk.orders WHERE id = v.order_id;
    RAISE EXCEPTION USING ERRCODE = 'BD007',
        MESSAGE = format('idempotency key %s was already used for a %s refund of %s on order %s',
                         p_key, v.kind, v.amount, v_number),
        HINT = 'The same key means the same refund: use a new key for a different one.';
END
$$;

-- BD006 when p_amount is over the caller's role limit for this kind and currency.
-- No row in backdesk.amount_limits: no limit.
CREATE FUNCTION backdesk.check_limit(p_role text, p_kind text, p_currency text, p_amount numeric)
    RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_max numeric;
BEGIN
    SELECT max_amount INTO v_max FROM backdesk.amount_limits
    WHERE role = p_role AND kind = p_kind AND currency = p_currency;
    IF v_max IS NOT NULL AND p_amount > v_max THEN
        RAISE EXCEPTION USING ERRCODE = 'BD006',
            MESSAGE = format('%s %s %s is over the %s limit of %s %s',
                             CASE p_kind WHEN 'gift_code' THEN 'a gift code of'
                                         ELSE format('a %s refund of', replace(p_kind, '_', ' ')) END,
                             backdesk.money_text(p_amount), p_currency, p_role, backdesk.money_text(v_max), p_currency),
            HINT = format('Give at most %s %s, or ask an administrator to give more.',
                          backdesk.money_text(v_max), p_currency);
    END IF;
END
$$;

-- The refund itself, on an order already locked: paid?, decimals, the role's limit
-- (p_role NULL: none, for a cancellation), never more than paid in total.  Returns the
-- refund's id.  The caller bumps the version and writes the audit row.
CREATE FUNCTION backdesk.refund_insert(p_order backdesk.orders, p_amount numeric, p_kind text,
                                       p_reason text, p_key uuid, p_role text) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_paid numeric;
    v_done numeric;
    v_id bigint;
BEGIN
    SELECT paid INTO v_paid FROM backdesk.payments WHERE order_id = p_order.id;
    IF coalesce(v_paid, 0) <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s has not been paid; there is nothing to refund', p_order.number),
            HINT = 'Compensate an unpaid order with a gift code instead.';
    END IF;
    PERFORM backdesk.need_amount(p_amount, p_order.currency);
    IF p_role IS NOT NULL THEN
        PERFORM backdesk.check_limit(p_role, p_kind, p_order.currency, p_amount);
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
    INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key)
    VALUES (p_order.id, p_kind, p_amount, p_reason, p_key)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN
        -- The same key for another order at the same moment (that order's lock is not
        -- ours): the unique index made us wait for it; now it is visible.
        v_id := backdesk.refund_replay(p_key, p_order, p_kind, p_amount);
    END IF;
    RETURN v_id;
END
$$;

-- When the parcels of an order should arrive: the order's own window when the shop
-- gave one, else 3 to 5 days after shipping; NULL before shipping without a window.
CREATE FUNCTION backdesk.promised_window(p_deliver_from date, p_deliver_to date, p_shipped_at timestamptz,
                                         OUT promised_from date, OUT promised_to date)
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk
AS $$
    SELECT coalesce(p_deliver_from, backdesk.shop_date(p_shipped_at) + 3),
           coalesce(p_deliver_to, backdesk.shop_date(p_shipped_at) + 5);
$$;

-- Is a parcel in this state still on its way to the customer?
CREATE FUNCTION backdesk.parcel_underway(p_status text, p_delivered_at timestamptz) RETURNS boolean
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk
RETURN p_delivered_at IS NULL
   AND p_status NOT IN ('DELIVERED', 'RETURNING', 'RETURNED', 'CANCELLED');

-- A parcel's state in one short English sentence, for the agent to read out.
-- "expected" is the carrier's date when it gave one, else the end of the promised
-- window; "late" counts the days past the promise.
CREATE FUNCTION backdesk.parcel_plain(p_carrier text, p_status text, p_carrier_text text,
                                      p_shipped date, p_delivered date, p_expected date,
                                      p_promised_to date, p_today date)
    RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk
RETURN CASE p_status
        WHEN 'PRE_TRANSIT' THEN format('handed to %s on %s, not picked up yet', p_carrier, p_shipped)
        WHEN 'IN_TRANSIT' THEN format('in transit with %s since %s', p_carrier, p_shipped)
        WHEN 'OUT_FOR_DELIVERY' THEN format('out for delivery with %s (shipped %s)', p_carrier, p_shipped)
        WHEN 'AVAILABLE_FOR_PICKUP' THEN format('waiting to be picked up at a %s point (shipped %s)', p_carrier, p_shipped)
        WHEN 'DELIVERY_ATTEMPTED' THEN format('%s tried to deliver and could not (shipped %s)', p_carrier, p_shipped)
        WHEN 'DELIVERED' THEN format('delivered by %s', p_carrier) || coalesce(' on ' || p_delivered, '')
        WHEN 'EXCEPTION' THEN format('held up at %s: %s (shipped %s)', p_carrier,
                                     coalesce(nullif(btrim(p_carrier_text), ''), 'a problem with the parcel'), p_shipped)
        WHEN 'RETURNING' THEN format('on its way back to us with %s', p_carrier)
        WHEN 'RETURNED' THEN format('returned to us by %s', p_carrier)
        WHEN 'CANCELLED' THEN format('the %s shipment was cancelled', p_carrier)
        WHEN 'EXPIRED' THEN format('%s stopped reporting on it (shipped %s)', p_carrier, p_shipped)
        ELSE format('shipped with %s on %s, no tracking news yet', p_carrier, p_shipped)
       END
    || CASE WHEN backdesk.parcel_underway(p_status, p_delivered) AND p_expected IS NOT NULL
            THEN ', expected ' || p_expected
                 || CASE WHEN p_today > p_promised_to
                         THEN format(', late by %s day%s', p_today - p_promised_to,
                                     CASE WHEN p_today - p_promised_to = 1 THEN '' ELSE 's' END)
                         ELSE '' END
            ELSE '' END;

-- Where the customer follows a parcel.  NULL for a carrier without a public page.
CREATE FUNCTION backdesk.tracking_url(p_carrier text, p_tracking_no text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk
RETURN CASE lower(p_carrier)
        WHEN 'yurtici' THEN 'https://www.yurticikargo.com/tr/online-servisler/gonderi-sorgula?code='
        WHEN 'aras' THEN 'https://kargotakip.araskargo.com.tr/mainpage.aspx?code='
        WHEN 'mng' THEN 'https://www.mngkargo.com.tr/gonderi-takip/?takipNo='
        WHEN 'ptt' THEN 'https://gonderitakip.ptt.gov.tr/Track/Verify?q='
        WHEN 'dhl' THEN 'https://www.dhl.com/global-en/home/tracking.html?tracking-id='
        WHEN 'ups' THEN 'https://www.ups.com/track?tracknum='
        WHEN 'fedex' THEN 'https://www.fedex.com/fedextrack/?trknbr='
        WHEN 'mpl' THEN 'https://www.posta.hu/nyomkovetes/nyitooldal?searchvalue='
        WHEN 'gls' THEN 'https://gls-group.com/track/'
       END || p_tracking_no;

-- The customer's language among those backdesk writes: tr, hu, else en.
CREATE FUNCTION backdesk.message_locale(p_locale text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk
RETURN CASE left(lower(coalesce(p_locale, '')), 2) WHEN 'tr' THEN 'tr' WHEN 'hu' THEN 'hu' ELSE 'en' END;

-- A gift code: BD-XXXX-XXXX from letters and digits nobody confuses on the phone or on
-- paper (no 0/O, no 1/I), 32 of them, drawn from the server's strong random source
-- (gen_random_uuid): 40 bits, unbiased (256 is a multiple of 32).
CREATE FUNCTION backdesk.new_gift_code() RETURNS text
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    c_alphabet constant text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    v_bytes bytea := uuid_send(gen_random_uuid());
    v_chars text := '';
    i integer;
BEGIN
    -- Bytes 0-5 and 10-11 are wholly random (6 and 8 carry the version and variant).
    FOREACH i IN ARRAY ARRAY[0, 1, 2, 3, 4, 5, 10, 11] LOOP
        v_chars := v_chars || substr(c_alphabet, get_byte(v_bytes, i) % length(c_alphabet) + 1, 1);
    END LOOP;
    RETURN 'BD-' || substr(v_chars, 1, 4) || '-' || substr(v_chars, 5, 4);
END
$$;

-- Service levels by priority: first answer within, solved within.
CREATE FUNCTION backdesk.sla_first_response(p_priority text) RETURNS interval
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk
RETURN CASE p_priority WHEN 'urgent' THEN interval '1 hour' WHEN 'high' THEN interval '4 hours'
                       WHEN 'normal' THEN interval '8 hours' ELSE interval '24 hours' END;
CREATE FUNCTION backdesk.sla_resolve(p_priority text) RETURNS interval
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk
RETURN CASE p_priority WHEN 'urgent' THEN interval '8 hours' WHEN 'high' THEN interval '24 hours'
                       WHEN 'normal' THEN interval '48 hours' ELSE interval '96 hours' END;

CREATE FUNCTION backdesk.ticket_categories() RETURNS text[]
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk
RETURN ARRAY['where-is-my-order', 'delay', 'damaged', 'wrong-item', 'not-as-described', 'return',
             'refund', 'shipping-fee', 'warranty', 'technical', 'payment', 'cancellation',
             'address-change', 'complaint', 'suggestion', 'praise', 'other'];

-- The values a template or a message can use, for one order: the newest parcel's
-- carrier and tracking, the promised window, totals.  Only keys with a value.
CREATE FUNCTION backdesk.order_values(p_order_id bigint) RETURNS jsonb
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk
AS $$
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'customer_name', c.name, 'order_number', o.number,
        'carrier', s.carrier, 'tracking_no', s.tracking_no,
        'tracking_url', backdesk.tracking_url(s.carrier, s.tracking_no),
        'promised_from', w.promised_from::text, 'promised_to', w.promised_to::text,
        'total', o.total::text, 'currency', o.currency::text, 'ship_by', o.ship_by::text,
        'locale', c.locale, 'email', c.email, 'phone', c.phone))
    FROM backdesk.orders o
    JOIN backdesk.customers c ON c.id = o.customer_id
    LEFT JOIN LATERAL (SELECT * FROM backdesk.shipments x WHERE x.order_id = o.id
                       ORDER BY x.shipped_at DESC, x.id DESC LIMIT 1) s ON true
    LEFT JOIN LATERAL (SELECT * FROM backdesk.promised_window(
                           o.deliver_from, o.deliver_to,
                           (SELECT min(f.shipped_at) FROM backdesk.shipments f WHERE f.order_id = o.id))) w ON true
    WHERE o.id = p_order_id;
$$;

-- {name} placeholders filled from p_values; a placeholder without a value stays visible.
CREATE FUNCTION backdesk.fill_placeholders(p_text text, p_values jsonb) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_out text := p_text;
    r record;
BEGIN
    FOR r IN SELECT key, value FROM jsonb_each_text(p_values) WHERE value IS NOT NULL LOOP
        v_out := replace(v_out, '{' || r.key || '}', r.value);
    END LOOP;
    RETURN v_out;
END
$$;

------------------------------------------------------------------------------
-- api.cancel_order: before shipping; refunds what was paid and not yet refunded.
------------------------------------------------------------------------------
CREATE FUNCTION api.cancel_order(order_number text, reason text, p_version integer DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_reason ALIAS FOR $2;
    v_reason text;
    v_order backdesk.orders;
    v_paid numeric;
    v_refund numeric;
    v_refund_id bigint;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('cancelling orders', 'agent', 'admin');
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say why the order is cancelled (the customer will ask).');
    v_order := backdesk.order_for_update(p_number);
    PERFORM backdesk.check_version(v_order, p_version);
    PERFORM backdesk.need_not_shipped(v_order, 'cancelling it');

    UPDATE backdesk.orders SET status = 'cancelled', cancel_reason = v_reason WHERE id = v_order.id;
    v_version := backdesk.bump_order(v_order.id);

    SELECT coalesce(paid, 0) INTO v_paid FROM backdesk.payments WHERE order_id = v_order.id;
    v_refund := coalesce(v_paid, 0)
              - (SELECT coalesce(sum(amount), 0) FROM backdesk.refunds WHERE order_id = v_order.id);
    IF v_refund > 0 THEN
        v_refund_id := backdesk.refund_insert(v_order, v_refund, 'cancellation', v_reason,
                                              gen_random_uuid(), NULL);
    END IF;

    PERFORM backdesk.audit('order.cancel', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'reason', v_reason, 'from_status', v_order.status,
                           'refund_id', v_refund_id, 'refunded', coalesce(greatest(v_refund, 0), 0),
                           'currency', v_order.currency, 'version', v_version));
END
$$;

------------------------------------------------------------------------------
-- api.change_address: before shipping; a new address row for the customer.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.address_field(p_addr jsonb, p_key text, p_required boolean) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v jsonb := p_addr -> p_key;
BEGIN
    IF v IS NULL OR jsonb_typeof(v) = 'null' OR (jsonb_typeof(v) = 'string' AND btrim(v #>> '{}') = '') THEN
        IF p_required THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('address: "%s" is missing', p_key),
                HINT = 'Give line1, city and country (two letters, like TR); line2 and postcode are optional.';
        END IF;
        RETURN NULL;
    END IF;
    IF jsonb_typeof(v) <> 'string' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('address: "%s" must be a string, got %s', p_key, v),
            HINT = 'Give every part of the address as text.';
    END IF;
    RETURN btrim(v #>> '{}');
END
$$;

CREATE FUNCTION api.change_address(order_number text, address jsonb, p_version integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_addr ALIAS FOR $2;
    v_order backdesk.orders;
    v_line1 text;
    v_line2 text;
    v_city text;
    v_postcode text;
    v_country text;
    v_id bigint;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('changing addresses', 'agent', 'admin');
    IF p_addr IS NULL OR jsonb_typeof(p_addr) <> 'object' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'address must be a JSON object',
            HINT = 'Give {"line1": ..., "line2": ..., "city": ..., "postcode": ..., "country": "TR"}.';
    END IF;
    v_line1 := backdesk.address_field(p_addr, 'line1', true);
    v_line2 := backdesk.address_field(p_addr, 'line2', false);
    v_city := backdesk.address_field(p_addr, 'city', true);
    v_postcode := backdesk.address_field(p_addr, 'postcode', false);
    v_country := upper(backdesk.address_field(p_addr, 'country', true));
    IF v_country !~ '^[A-Z]{2}$' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('address: "country" must be a two-letter country code like "TR", got %L', v_country),
            HINT = 'Use the ISO code: TR for Turkey, HU for Hungary, DE for Germany.';
    END IF;

    v_order := backdesk.order_for_update(p_number);
    PERFORM backdesk.check_version(v_order, p_version);
    PERFORM backdesk.need_not_shipped(v_order, 'changing its address');

    INSERT INTO backdesk.addresses (customer_id, line1, line2, city, postcode, country)
    VALUES (v_order.customer_id, v_line1, v_line2, v_city, v_postcode, v_country)
    RETURNING id INTO v_id;
    UPDATE backdesk.orders SET shipping_address_id = v_id WHERE id = v_order.id;
    v_version := backdesk.bump_order(v_order.id);

    PERFORM backdesk.audit('order.change_address', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'old_address_id', v_order.shipping_address_id,
                           'address_id', v_id, 'city', v_city, 'country', v_country, 'version', v_version));
    RETURN v_id;
END
$$;

------------------------------------------------------------------------------
-- api.issue_refund (name and first five parameters fixed by DESIGN.md).
------------------------------------------------------------------------------
CREATE FUNCTION api.issue_refund(order_number text, amount numeric, kind text, reason text,
                                 idempotency_key uuid, p_version integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_amount ALIAS FOR $2;
    p_kind ALIAS FOR $3;
    p_reason ALIAS FOR $4;
    p_key ALIAS FOR $5;
    v_role text;
    v_reason text;
    v_order backdesk.orders;
    v_id bigint;
    v_version integer;
BEGIN
    v_role := backdesk.require_role('issuing refunds', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_kind, 'kind', ARRAY['return', 'shipping_fee', 'goodwill', 'cancellation']);
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say why the money goes back.');
    IF p_key IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'idempotency_key is missing',
            HINT = 'Make one key (a UUID) per refund and send the same key when you retry.';
    END IF;
    IF p_amount IS NULL OR p_amount <= 0 THEN
        PERFORM backdesk.need_amount(p_amount, NULL);
    END IF;

    v_order := backdesk.order_for_update(p_number);
    v_id := backdesk.refund_replay(p_key, v_order, p_kind, p_amount);
    IF v_id IS NOT NULL THEN
        RETURN v_id;        -- the same refund again: nothing new to do or to audit
    END IF;
    PERFORM backdesk.check_version(v_order, p_version);

    v_id := backdesk.refund_insert(v_order, p_amount, p_kind, v_reason, p_key, v_role);
    v_version := backdesk.bump_order(v_order.id);
    PERFORM backdesk.audit('order.refund', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'refund_id', v_id, 'kind', p_kind,
                           'amount', p_amount::numeric(14,2), 'currency', v_order.currency, 'reason', v_reason,
                           'version', v_version));
    RETURN v_id;
END
$$;

------------------------------------------------------------------------------
-- api.refund_shipping_fee: a fee charged on a free-shipping order, exactly, once.
------------------------------------------------------------------------------
CREATE FUNCTION api.refund_shipping_fee(order_number text, reason text, idempotency_key uuid,
                                        p_version integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_reason ALIAS FOR $2;
    p_key ALIAS FOR $3;
    v_role text;
    v_reason text;
    v_order backdesk.orders;
    v_id bigint;
    v_version integer;
BEGIN
    v_role := backdesk.require_role('refunding shipping fees', 'agent', 'admin');
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say why the fee goes back.');
    IF p_key IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'idempotency_key is missing',
            HINT = 'Make one key (a UUID) per refund and send the same key when you retry.';
    END IF;

    v_order := backdesk.order_for_update(p_number);
    v_id := backdesk.refund_replay(p_key, v_order, 'shipping_fee', v_order.shipping_fee);
    IF v_id IS NOT NULL THEN
        RETURN v_id;
    END IF;
    PERFORM backdesk.check_version(v_order, p_version);

    IF v_order.status = 'cancelled' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was cancelled; its cancellation refund already covered the shipping fee',
                             v_order.number),
            HINT = 'See the order''s refunds.';
    END IF;
    IF NOT v_order.free_shipping OR v_order.shipping_fee <= 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = CASE WHEN NOT v_order.free_shipping
                           THEN format('order %s was not a free-shipping order; its shipping fee of %s %s was due',
                                       v_order.number, v_order.shipping_fee, v_order.currency)
                           ELSE format('order %s was charged no shipping fee', v_order.number) END,
            HINT = 'For a goodwill gesture use a goodwill refund or a gift code.';
    END IF;
    IF EXISTS (SELECT FROM backdesk.refunds WHERE order_id = v_order.id AND kind = 'shipping_fee') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the shipping fee of order %s was already refunded', v_order.number),
            HINT = 'See the order''s refunds.';
    END IF;

    v_id := backdesk.refund_insert(v_order, v_order.shipping_fee, 'shipping_fee', v_reason, p_key, v_role);
    v_version := backdesk.bump_order(v_order.id);
    PERFORM backdesk.audit('order.refund_shipping_fee', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'refund_id', v_id, 'kind', 'shipping_fee',
                           'amount', v_order.shipping_fee, 'currency', v_order.currency,
                           'reason', v_reason, 'version', v_version));
    RETURN v_id;
END
$$;

------------------------------------------------------------------------------
-- api.compensate_delay: a goodwill refund or a gift code, within the role's limits.
------------------------------------------------------------------------------
CREATE FUNCTION api.compensate_delay(order_number text, how text, amount numeric, reason text,
                                     idempotency_key uuid, p_version integer DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_how ALIAS FOR $2;
    p_amount ALIAS FOR $3;
    p_reason ALIAS FOR $4;
    p_key ALIAS FOR $5;
    v_role text;
    v_reason text;
    v_order backdesk.orders;
    v_gift backdesk.gift_codes;
    v_id bigint;
    v_code text;
    v_version integer;
    v_try integer := 0;
BEGIN
    v_role := backdesk.require_role('compensating delays', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_how, 'how', ARRAY['refund', 'gift_code']);
    v_reason := backdesk.need_text(p_reason, 'reason', 'Say what the compensation is for.');
    IF p_key IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'idempotency_key is missing',
            HINT = 'Make one key (a UUID) per compensation and send the same key when you retry.';
    END IF;
    IF p_amount IS NULL OR p_amount <= 0 THEN
        PERFORM backdesk.need_amount(p_amount, NULL);
    END IF;

    v_order := backdesk.order_for_update(p_number);

    -- The same key again: the first answer.
    IF p_how = 'refund' THEN
        v_id := backdesk.refund_replay(p_key, v_order, 'goodwill', p_amount);
        IF v_id IS NOT NULL THEN
            RETURN v_id::text;
        END IF;
    ELSE
        SELECT * INTO v_gift FROM backdesk.gift_codes g WHERE g.idempotency_key = p_key;
        IF FOUND THEN
            IF v_gift.order_id IS NOT DISTINCT FROM v_order.id AND v_gift.amount = p_amount THEN
                RETURN v_gift.code;
            END IF;
            RAISE EXCEPTION USING ERRCODE = 'BD007',
                MESSAGE = format('idempotency key %s was already used for a gift code of %s %s on order %s',
                                 p_key, v_gift.amount, v_gift.currency,
                                 (SELECT number FROM backdesk.orders WHERE id = v_gift.order_id)),
                HINT = 'The same key means the same compensation: use a new key for a different one.';
        END IF;
        IF EXISTS (SELECT FROM backdesk.refunds r WHERE r.idempotency_key = p_key) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD007',
                MESSAGE = format('idempotency key %s was already used for a refund', p_key),
                HINT = 'Use a new key for a new gift code.';
        END IF;
    END IF;
    PERFORM backdesk.check_version(v_order, p_version);

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
        PERFORM backdesk.check_limit(v_role, 'gift_code', v_order.currency, p_amount);
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

    v_version := backdesk.bump_order(v_order.id);
    PERFORM backdesk.audit('order.compensate', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'how', p_how, 'amount', p_amount::numeric(14,2),
                           'currency', v_order.currency, 'reason', v_reason,
                           CASE p_how WHEN 'refund' THEN 'refund_id' ELSE 'gift_code_id' END, v_id,
                           'version', v_version));
    RETURN v_code;
END
$$;

------------------------------------------------------------------------------
-- api.add_note: an internal note on an order or a customer.
------------------------------------------------------------------------------
CREATE FUNCTION api.add_note(entity text, entity_id bigint, body text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    p_entity ALIAS FOR $1;
    p_entity_id ALIAS FOR $2;
    p_body ALIAS FOR $3;
    v_body text;
    v_id bigint;
BEGIN
    PERFORM backdesk.require_role('adding notes', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_entity, 'entity', ARRAY['order', 'customer']);
    v_body := backdesk.need_text(p_body, 'note', 'Write something in the note.');
    IF length(v_body) > 10000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('note is too long (%s characters, at most 10000)', length(v_body)),
            HINT = 'Shorten it, or split it into several notes.';
    END IF;
    IF (p_entity = 'order' AND NOT EXISTS (SELECT FROM backdesk.orders WHERE id = p_entity_id))
       OR (p_entity = 'customer' AND NOT EXISTS (SELECT FROM backdesk.customers WHERE id = p_entity_id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no %s with id %s', p_entity, coalesce(p_entity_id::text, 'NULL')),
            HINT = 'The note was not saved; reload and try again.';
    END IF;
    INSERT INTO backdesk.notes (entity, entity_id, body) VALUES (p_entity, p_entity_id, v_body)
    RETURNING id INTO v_id;
    PERFORM backdesk.audit('note.add', p_entity, p_entity_id,
                           jsonb_build_object('note_id', v_id, 'length', length(v_body)));
    RETURN v_id;
END
$$;

------------------------------------------------------------------------------
-- api.queue_message: the confirmation or the tracking details again, into the outbox,
-- in the customer's language.
------------------------------------------------------------------------------
CREATE FUNCTION api.queue_message(order_number text, kind text, p_channel text DEFAULT 'email')
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_kind ALIAS FOR $2;
    v_order backdesk.orders;
    v_cust backdesk.customers;
    v_lang text;
    v_to text;
    v_window text;
    v_parcels text;
    v_lines text;
    v_subject text;
    v_body text;
    v_id bigint;
    v_from date;
    v_until date;
BEGIN
    PERFORM backdesk.require_role('sending messages to customers', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_kind, 'kind', ARRAY['order_confirmation', 'tracking']);
    PERFORM backdesk.need_one_of(coalesce(p_channel, 'email'), 'channel', ARRAY['email', 'sms']);

    -- Read, not changed: no lock, no version.
    SELECT * INTO v_order FROM backdesk.orders WHERE number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Check the order number (search with g).';
    END IF;
    SELECT * INTO v_cust FROM backdesk.customers WHERE id = v_order.customer_id;
    v_lang := backdesk.message_locale(v_cust.locale);

    IF coalesce(p_channel, 'email') = 'email' THEN
        v_to := v_cust.email;
        IF v_to IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('customer %s has no e-mail address', v_cust.name),
                HINT = 'Read the details out on the phone, or send them by SMS (channel sms).';
        END IF;
    ELSE
        v_to := v_cust.phone;
        IF v_to IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('customer %s has no phone number', v_cust.name),
                HINT = 'Send the details by e-mail (channel email).';
        END IF;
    END IF;

    SELECT w.promised_from, w.promised_to INTO v_from, v_until
    FROM backdesk.promised_window(v_order.deliver_from, v_order.deliver_to,
                                  (SELECT min(shipped_at) FROM backdesk.shipments WHERE order_id = v_order.id)) w;
    IF v_from IS NOT NULL THEN
        v_window := CASE v_lang
            WHEN 'tr' THEN format('Tahmini teslimat: %s – %s arası.', v_from, v_until)
            WHEN 'hu' THEN format('Várható kézbesítés: %s és %s között.', v_from, v_until)
            ELSE format('Expected delivery: between %s and %s.', v_from, v_until) END;
    END IF;

    IF p_kind = 'tracking' THEN
        IF v_order.status = 'cancelled' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was cancelled; there is nothing to track', v_order.number),
                HINT = 'Tell the customer about the cancellation and its refund instead.';
        END IF;
        SELECT string_agg(
                   format('%s: %s%s', s.carrier, s.tracking_no,
                          coalesce(E'\n  ' || backdesk.tracking_url(s.carrier, s.tracking_no), '')),
                   E'\n' ORDER BY s.shipped_at, s.id)
        INTO v_parcels
        FROM backdesk.shipments s WHERE s.order_id = v_order.id;
        IF v_parcels IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s has not shipped yet; there are no tracking details to send', v_order.number),
                HINT = format('It is due to ship by %s.', v_order.ship_by);
        END IF;
        v_subject := CASE v_lang
            WHEN 'tr' THEN format('%s numaralı siparişiniz yola çıktı', v_order.number)
            WHEN 'hu' THEN format('A(z) %s számú rendelése úton van', v_order.number)
            ELSE format('Your order %s is on its way', v_order.number) END;
        v_body := CASE v_lang
            WHEN 'tr' THEN format(E'Merhaba %s,\n\n%s numaralı siparişiniz kargoya verildi. Kargo takip bilgileri:\n%s\n%s\n\nBizi tercih ettiğiniz için teşekkür ederiz.',
                                  v_cust.name, v_order.number, v_parcels, coalesce(v_window, ''))
            WHEN 'hu' THEN format(E'Kedves %s!\n\nA(z) %s számú rendelését feladtuk. Csomagkövetés:\n%s\n%s\n\nKöszönjük, hogy nálunk vásárolt!',
                                  v_cust.name, v_order.number, v_parcels, coalesce(v_window, ''))
            ELSE format(E'Hello %s,\n\nyour order %s has been shipped. Tracking:\n%s\n%s\n\nThank you for shopping with us.',
                        v_cust.name, v_order.number, v_parcels, coalesce(v_window, '')) END;
    ELSE
        IF v_order.status = 'cancelled' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was cancelled; a confirmation would mislead the customer', v_order.number),
                HINT = 'Tell the customer about the cancellation and its refund instead.';
        END IF;
        SELECT string_agg(format('%s × %s  %s %s', l.qty, l.name, l.line_total, v_order.currency), E'\n'
                          ORDER BY l.line_no)
        INTO v_lines FROM backdesk.order_lines l WHERE l.order_id = v_order.id;
        v_subject := CASE v_lang
            WHEN 'tr' THEN format('%s numaralı siparişiniz için teşekkür ederiz', v_order.number)
            WHEN 'hu' THEN format('Köszönjük a rendelését (%s)', v_order.number)
            ELSE format('Thank you for your order %s', v_order.number) END;
        v_body := CASE v_lang
            WHEN 'tr' THEN format(E'Merhaba %s,\n\n%s numaralı siparişinizi aldık.\n%s\nToplam: %s %s\n\nSiparişinizi en geç %s tarihinde kargoya vereceğiz. %s\n\nBizi tercih ettiğiniz için teşekkür ederiz.',
                                  v_cust.name, v_order.number, coalesce(v_lines, ''), v_order.total, v_order.currency,
                                  v_order.ship_by, coalesce(v_window, ''))
            WHEN 'hu' THEN format(E'Kedves %s!\n\nMegkaptuk a(z) %s számú rendelését.\n%s\nÖsszesen: %s %s\n\nLegkésőbb %s-ig feladjuk. %s\n\nKöszönjük, hogy nálunk vásárolt!',
                                  v_cust.name, v_order.number, coalesce(v_lines, ''), v_order.total, v_order.currency,
                                  v_order.ship_by, coalesce(v_window, ''))
            ELSE format(E'Hello %s,\n\nthank you for your order %s.\n%s\nTotal: %s %s\n\nWe will ship it by %s. %s\n\nThank you for shopping with us.',
                        v_cust.name, v_order.number, coalesce(v_lines, ''), v_order.total, v_order.currency,
                        v_order.ship_by, coalesce(v_window, '')) END;
    END IF;

    INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, recipient, subject, body)
    VALUES (p_kind, coalesce(p_channel, 'email'), v_cust.id, v_order.id, v_to, v_subject, v_body)
    RETURNING id INTO v_id;
    PERFORM backdesk.audit('message.queue', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'outbox_id', v_id, 'kind', p_kind,
                           'channel', coalesce(p_channel, 'email'), 'locale', v_lang));
    RETURN v_id;
END
$$;

------------------------------------------------------------------------------
-- api.open_ticket: a ticket for a customer, about one of their orders or none.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.need_customer(p_customer_id bigint) RETURNS backdesk.customers
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v backdesk.customers;
BEGIN
    SELECT * INTO v FROM backdesk.customers WHERE id = p_customer_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no customer with id %s', coalesce(p_customer_id::text, 'NULL')),
            HINT = 'Find the customer first (search with g).';
    END IF;
    RETURN v;
END
$$;

CREATE FUNCTION api.open_ticket(customer_id bigint, order_number text, channel text, category text,
                                priority text, subject text, body text)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
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
    PERFORM backdesk.need_one_of(p_channel, 'channel', ARRAY['phone', 'email', 'chat', 'social', 'web']);
    PERFORM backdesk.need_one_of(p_category, 'category', backdesk.ticket_categories());
    PERFORM backdesk.need_one_of(v_priority, 'priority', ARRAY['urgent', 'high', 'normal', 'low']);
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

------------------------------------------------------------------------------
-- api.log_call: a call becomes a message on a new or an existing ticket.
------------------------------------------------------------------------------
CREATE FUNCTION api.log_call(customer_id bigint, ticket_number text, category text, outcome text,
                             note text, seconds integer)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
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
    PERFORM backdesk.need_one_of(p_outcome, 'outcome',
                                 ARRAY['resolved', 'follow-up', 'escalated', 'no-answer', 'callback-requested']);
    IF p_seconds IS NOT NULL AND (p_seconds < 0 OR p_seconds > 86400) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('seconds must be between 0 and 86400, got %s', p_seconds),
            HINT = 'Give the length of the call in seconds.';
    END IF;
    v_cust := backdesk.need_customer(p_customer_id);
    -- A resolved call solves the ticket; anything else leaves it open for someone.
    v_status := CASE p_outcome WHEN 'resolved' THEN 'solved' ELSE 'open' END;

    IF v_new THEN
        PERFORM backdesk.need_one_of(p_category, 'category', backdesk.ticket_categories());
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

------------------------------------------------------------------------------
-- api.render_template: an answer template filled with one order's data.
------------------------------------------------------------------------------
CREATE FUNCTION api.render_template(template_id bigint, order_number text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    p_template_id ALIAS FOR $1;
    p_number ALIAS FOR $2;
    v_body text;
    v_order_id bigint;
BEGIN
    PERFORM backdesk.require_role('using answer templates', 'agent', 'admin');
    SELECT t.body INTO v_body FROM backdesk.templates t WHERE t.id = p_template_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no template with id %s', coalesce(p_template_id::text, 'NULL')),
            HINT = 'Pick a template from backdesk.templates.';
    END IF;
    SELECT o.id INTO v_order_id FROM backdesk.orders o WHERE o.number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Check the order number (search with g).';
    END IF;
    RETURN backdesk.fill_placeholders(v_body,
        backdesk.order_values(v_order_id) - ARRAY['locale', 'email', 'phone']);
END
$$;

------------------------------------------------------------------------------
-- api.order_detail, again: the same document as 0004 (every key kept, the same role
-- rules), plus the "where is my order" answer per parcel and for the order:
-- promised_from / promised_to, delivery_late, plain_status.
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION api.order_detail(p_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk
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
                    CASE WHEN v_order.ship_by < v_today THEN ' (late to ship)' ELSE '' END,
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
        'late', o.status IN ('paid', 'packed') AND o.ship_by < current_date,
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

------------------------------------------------------------------------------
-- Answer templates: what agents read out or send, per category, in English and
-- Turkish.  {placeholders} are filled by api.render_template.
------------------------------------------------------------------------------
INSERT INTO backdesk.templates (category, locale, title, body) VALUES
('where-is-my-order', 'en', 'Parcel on its way',
 E'Hello {customer_name},\n\nyour order {order_number} is on its way with {carrier}, tracking number {tracking_no}. You can follow it here: {tracking_url}\nIt should arrive between {promised_from} and {promised_to}.\n\nKind regards'),
('where-is-my-order', 'tr', 'Kargo yolda',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişiniz {carrier} ile yolda, takip numarası {tracking_no}. Kargonuzu buradan takip edebilirsiniz: {tracking_url}\nTahmini teslimat {promised_from} – {promised_to} arasıdır.\n\nSaygılarımızla'),
('where-is-my-order', 'en', 'Not shipped yet',
 E'Hello {customer_name},\n\nyour order {order_number} is being prepared and will be shipped by {ship_by}. As soon as it leaves us we send you the carrier and the tracking number.\n\nKind regards'),
('where-is-my-order', 'tr', 'Henüz kargoya verilmedi',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişiniz hazırlanıyor ve en geç {ship_by} tarihinde kargoya verilecek. Kargoya verildiğinde kargo firmasını ve takip numarasını size ileteceğiz.\n\nSaygılarımızla'),
('delay', 'en', 'Sorry for the delay',
 E'Hello {customer_name},\n\nwe are sorry that your order {order_number} is taking longer than promised. It is with {carrier} (tracking number {tracking_no}, {tracking_url}) and we are in touch with them. As an apology we would like to offer you a compensation.\n\nKind regards'),
('delay', 'tr', 'Gecikme için özür',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizin söz verdiğimizden geç ulaştığı için özür dileriz. Kargonuz {carrier} firmasında (takip numarası {tracking_no}, {tracking_url}) ve firmayla iletişim halindeyiz. Özür olarak size bir telafi sunmak isteriz.\n\nSaygılarımızla'),
('damaged', 'en', 'Arrived damaged',
 E'Hello {customer_name},\n\nwe are very sorry that your order {order_number} arrived damaged. Please send us a photo of the item and of the parcel; we will then send a replacement or refund you, whichever you prefer. You do not need to pay for the return.\n\nKind regards'),
('damaged', 'tr', 'Hasarlı teslimat',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizin hasarlı ulaştığı için çok üzgünüz. Lütfen ürünün ve kolinin fotoğrafını bize gönderin; tercihinize göre yenisini gönderelim ya da ücretini iade edelim. İade kargo ücreti size ait değildir.\n\nSaygılarımızla'),
('wrong-item', 'en', 'Wrong item',
 E'Hello {customer_name},\n\nwe are sorry that you received the wrong item with order {order_number}. We will collect it free of charge and send you the right one at once.\n\nKind regards'),
('wrong-item', 'tr', 'Yanlış ürün',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizde yanlış ürün gönderdiğimiz için özür dileriz. Ürünü ücretsiz olarak geri alıp doğru ürünü hemen göndereceğiz.\n\nSaygılarımızla'),
('return', 'en', 'How to return',
 E'Hello {customer_name},\n\nyou can return items from order {order_number} within 14 days of delivery. Pack them in their original packaging; we will send you a return code for the carrier. Your refund follows as soon as we have checked the items.\n\nKind regards'),
('return', 'tr', 'İade nasıl yapılır',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizdeki ürünleri teslimattan itibaren 14 gün içinde iade edebilirsiniz. Ürünleri orijinal ambalajında paketleyin; size kargo için bir iade kodu göndereceğiz. Ürünleri kontrol eder etmez ücret iadeniz yapılır.\n\nSaygılarımızla'),
('refund', 'en', 'Refund issued',
 E'Hello {customer_name},\n\nwe have refunded your payment for order {order_number} (order total {total} {currency}). Depending on your bank it reaches your account within 3 to 10 working days.\n\nKind regards'),
('refund', 'tr', 'İade yapıldı',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizin ödemesini iade ettik (sipariş tutarı {total} {currency}). Bankanıza bağlı olarak tutar 3 ile 10 iş günü içinde hesabınıza geçer.\n\nSaygılarımızla'),
('shipping-fee', 'en', 'Shipping fee refunded',
 E'Hello {customer_name},\n\nyour order {order_number} qualified for free shipping, so we have refunded the shipping fee you were charged. Sorry for the trouble.\n\nKind regards'),
('shipping-fee', 'tr', 'Kargo ücreti iadesi',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişiniz ücretsiz kargo kapsamındaydı; sizden alınan kargo ücretini iade ettik. Yaşadığınız sorun için özür dileriz.\n\nSaygılarımızla');

------------------------------------------------------------------------------
-- Staff groups may call every api function (each refuses by role with BD001); the
-- shop calls none of these; PUBLIC nothing (default privileges).
------------------------------------------------------------------------------
GRANT EXECUTE ON FUNCTION
    api.cancel_order(text, text, integer),
    api.change_address(text, jsonb, integer),
    api.issue_refund(text, numeric, text, text, uuid, integer),
    api.refund_shipping_fee(text, text, uuid, integer),
    api.compensate_delay(text, text, numeric, text, uuid, integer),
    api.add_note(text, bigint, text),
    api.queue_message(text, text, text),
    api.open_ticket(bigint, text, text, text, text, text, text),
    api.log_call(bigint, text, text, text, text, integer),
    api.render_template(bigint, text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;
