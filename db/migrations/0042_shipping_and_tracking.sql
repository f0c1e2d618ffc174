-- 0042 shipping and tracking (issue 14): the warehouse ships parcels by scanning, the
-- console asks the carriers where they are, and late parcels propose a delay notice.
--
--   * products.ean: the product's EAN-13 barcode, unique, with its GS1 check digit
--     (backdesk.ean13_ok), so a scanned item is known by one index probe.
--   * shipments gain last_event_at (newest event's time), promised_to (the end of
--     the promised window when it shipped: backdesk.promised_window, the rule the
--     order screen reads lateness by) and last_error (the last failed lookup's
--     sentence).  Both backfilled here.
--   * backdesk.tracking_no_ok(carrier, number) is the database's side of
--     carrier/carriers.c's validators (like carrier_name and tracking_url): a
--     tracking number of the carrier's shape and check digit.
--   * backdesk.ship_refusal(order) is the one rule of why an order cannot be shipped
--     now; api.ship_parcel refuses by it and api.scan_resolve shows it.
--   * api.ship_parcel locks the order row first, so of 20 warehouse logins shipping
--     one order at once exactly one succeeds and the others are told it was
--     shipped, with the parcel (tests/shell/ship_race.t).
--   * The tracking message api.queue_message sends is now written by
--     backdesk.order_message, so api.ship_parcel queues the very same one.
--   * api.record_tracking is callable by every staff role: the console of whoever
--     asked the carrier writes the answer.  The trade-off: any staff login can also
--     write a forged answer (a DELIVERED that moves the order to delivered) through
--     psql.  The api validates every field and bounds the events (not in the future)
--     and audits every status change with the login that wrote it, so a forged
--     delivery is visible and attributable, not prevented.  Holding carrier keys in
--     a separate service would close it; that is not this issue.
--   * NOTIFY backdesk_shipments with the shipment id on every insert, update or
--     delete of a shipment and every new event (statement-level with transition
--     tables: a statement touching more than 100 shipments sends one 'many' instead
--     of a flood, e.g. the seed's COPY).
--   * Keyset indexes for the Shipments pane's views (all on backdesk.shipments,
--     "not final" = status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')):
--       in transit  (shipped_at DESC, id DESC) WHERE status IN ('UNKNOWN',
--                   'PRE_TRANSIT', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'AVAILABLE_FOR_PICKUP')
--       exception   (coalesce(last_event_at, shipped_at) DESC, id DESC)
--                   WHERE status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED')
--       no movement (coalesce(last_event_at, shipped_at), id) WHERE not final
--       late        (promised_to, id) WHERE not final
--       delivered   (delivered_at DESC, id DESC) WHERE status = 'DELIVERED'
--       returned    (shipped_at DESC, id DESC) WHERE status IN ('RETURNING', 'RETURNED')
--       due         (coalesce(next_check_at, '-infinity'), id) WHERE not final
--   * Delay notices: a late parcel still on its way gets a proposal (a gift code worth
--     delay_compensation_percent of the order's lines) for an agent to approve
--     through api.compensate_delay's rules, or dismiss.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

INSERT INTO backdesk.settings (key, value, valid, hint) VALUES
    ('parcel_stale_days', '3', '^[1-9][0-9]{0,2}$',
     'Give the number of days (1 to 999) without a tracking event after which a parcel on its way counts as not moving.'),
    ('delay_compensation_percent', '10', '^(0|[1-9][0-9]?|100)$',
     'Give the percent (0 to 100) of the order''s lines a late parcel''s delay notice proposes as a gift code.')
ON CONFLICT (key) DO UPDATE SET valid = EXCLUDED.valid, hint = EXCLUDED.hint;

------------------------------------------------------------------------------
-- Barcodes and tracking numbers.
------------------------------------------------------------------------------
-- 13 digits, the last the GS1 check digit (weights 1 3 1 3 … from the left).  NULL
-- for NULL: a product without a barcode is allowed.
CREATE FUNCTION backdesk.ean13_ok(p_ean text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN p_ean ~ '^[0-9]{13}$'
            THEN (SELECT (10 - sum(substr(p_ean, i, 1)::integer * CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END) % 10) % 10
                  FROM generate_series(1, 12) i) = substr(p_ean, 13, 1)::integer
            ELSE false END;

ALTER TABLE backdesk.products ADD COLUMN ean text UNIQUE
    CONSTRAINT products_ean_check CHECK (ean IS NULL OR backdesk.ean13_ok(ean));

-- The shape of each carrier's numbers, as carrier/carriers.c checks them (its
-- comments say where each rule comes from).  Upper case: callers upper-case first.
CREATE FUNCTION backdesk.tracking_no_ok(p_carrier text, p_no text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_sum integer := 0;
    v integer;
    c text;
BEGIN
    IF p_no IS NULL THEN
        RETURN false;
    END IF;
    CASE lower(p_carrier)
    WHEN 'yurtici', 'aras', 'mng' THEN
        RETURN p_no ~ '^[0-9]{10,15}$';
    WHEN 'gls' THEN
        RETURN p_no ~ '^[0-9]{11,12}$';
    WHEN 'ptt', 'mpl' THEN  -- UPU S10
        IF p_no !~ ('^[A-Z]{2}[0-9]{9}' || CASE lower(p_carrier) WHEN 'ptt' THEN 'TR' ELSE 'HU' END || '$') THEN
            RETURN false;
        END IF;
        SELECT sum(substr(p_no, 2 + i, 1)::integer * (ARRAY[8, 6, 4, 2, 3, 5, 9, 7])[i]) INTO v_sum
        FROM generate_series(1, 8) i;
        v := 11 - v_sum % 11;
        v := CASE v WHEN 10 THEN 0 WHEN 11 THEN 5 ELSE v END;
        RETURN v = substr(p_no, 11, 1)::integer;
    WHEN 'dhl' THEN
        IF p_no ~ '^JJD[0-9]{10,20}$' THEN
            RETURN true;
        END IF;
        RETURN p_no ~ '^[0-9]{10}$' AND left(p_no, 9)::bigint % 7 = substr(p_no, 10, 1)::integer;
    WHEN 'ups' THEN
        IF p_no !~ '^1Z[A-Z0-9]{15}[0-9]$' THEN
            RETURN false;
        END IF;
        FOR i IN 0..14 LOOP
            c := substr(p_no, 3 + i, 1);
            v := CASE WHEN c ~ '[0-9]' THEN c::integer ELSE (ascii(c) - 63) % 10 END;
            v_sum := v_sum + CASE WHEN i % 2 = 1 THEN 2 * v ELSE v END;
        END LOOP;
        RETURN (10 - v_sum % 10) % 10 = substr(p_no, 18, 1)::integer;
    WHEN 'fedex' THEN
        IF p_no !~ '^[0-9]{12}$' THEN
            RETURN false;
        END IF;
        SELECT sum(substr(p_no, i + 1, 1)::integer * (ARRAY[3, 1, 7])[i % 3 + 1]) INTO v_sum
        FROM generate_series(0, 10) i;
        RETURN v_sum % 11 % 10 = substr(p_no, 12, 1)::integer;
    ELSE
        RETURN false;
    END CASE;
END
$$;

-- What a carrier's numbers look like, for a refusal's hint (carrier/carriers.c's words).
CREATE FUNCTION backdesk.tracking_no_shape(p_carrier text) RETURNS text
    LANGUAGE sql IMMUTABLE
RETURN CASE lower(p_carrier)
        WHEN 'yurtici' THEN '10 to 15 digits' WHEN 'aras' THEN '10 to 15 digits' WHEN 'mng' THEN '10 to 15 digits'
        WHEN 'ptt' THEN '2 letters, 9 digits and TR, like RR123456785TR'
        WHEN 'dhl' THEN 'a 10-digit waybill, or JJD and 10 to 20 digits'
        WHEN 'ups' THEN '1Z and 16 letters or digits'
        WHEN 'fedex' THEN '12 digits'
        WHEN 'mpl' THEN '2 letters, 9 digits and HU, like RR123456785HU'
        WHEN 'gls' THEN '11 or 12 digits'
    END;

------------------------------------------------------------------------------
-- Shipments: the new columns, their backfill, the indexes of the views.
------------------------------------------------------------------------------
ALTER TABLE backdesk.shipments
    ADD COLUMN last_event_at timestamptz,
    ADD COLUMN promised_to date,
    ADD COLUMN last_error text CONSTRAINT shipments_last_error_length CHECK (length(last_error) <= 500);

-- Only the parcels still on their way are filled in: they are what the queues (no
-- movement, late) select by these columns.  A parcel that was final before 0042
-- keeps them NULL and the screens work them out when they show it (the list's
-- rows, api.parcel_detail).  Filling every parcel rewrote all of them: at 9.1
-- million parcels (3 % still moving) it ran for more than 20 minutes with the
-- table locked; this way it writes 257,000.
UPDATE backdesk.shipments s
SET last_event_at = x.last_event_at, promised_to = x.promised_to
FROM (SELECT s2.id, (SELECT max(e.occurred_at) FROM backdesk.shipment_events e WHERE e.shipment_id = s2.id) AS last_event_at,
             (backdesk.promised_window(o.deliver_from, o.deliver_to, s2.shipped_at)).promised_to
      FROM backdesk.shipments s2 JOIN backdesk.orders o ON o.id = s2.order_id
      WHERE s2.status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')) x
WHERE x.id = s.id;

-- Delivered, returned, cancelled, expired: nobody asks the carrier again
-- (carrier_status_final in carrier/track.c).
CREATE FUNCTION backdesk.parcel_final(p_status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN p_status IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED');

-- Past its promised day: still on its way after it, or delivered after it (the
-- parcel clause of backdesk.order_was_late).
CREATE FUNCTION backdesk.parcel_late(p_status text, p_delivered_at timestamptz, p_promised_to date) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN coalesce(CASE WHEN backdesk.parcel_underway(p_status, p_delivered_at)
                     THEN backdesk.shop_date(now()) > p_promised_to
                     ELSE backdesk.shop_date(p_delivered_at) > p_promised_to END, false);

-- Not final and no tracking event (else not shipped) for parcel_stale_days.
CREATE FUNCTION backdesk.parcel_stale(p_status text, p_last_event_at timestamptz, p_shipped_at timestamptz)
    RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN NOT backdesk.parcel_final(p_status)
   AND coalesce(p_last_event_at, p_shipped_at)
       < now() - make_interval(days => coalesce(backdesk.setting('parcel_stale_days')::integer, 3));
GRANT EXECUTE ON FUNCTION backdesk.parcel_final(text) TO backdesk_agent, backdesk_warehouse, backdesk_supervisor,
    backdesk_admin;
-- The Shipments list works out the promised day of a parcel final before 0042
-- (not filled in) as the order screen does.
GRANT EXECUTE ON FUNCTION backdesk.promised_window(date, date, timestamptz)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

DROP INDEX backdesk.shipments_due;
CREATE INDEX shipments_due ON backdesk.shipments ((coalesce(next_check_at, '-infinity'::timestamptz)), id)
    WHERE status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED');
-- The Shipments pane's views, each a keyset range of one index (db/shipments_list.c
-- writes the same predicates): In transit, Exception and Returned are read one
-- status at a time and merged, so (status, shipped_at, id) serves all three.
DROP INDEX backdesk.shipments_status;
CREATE INDEX shipments_status ON backdesk.shipments (status, shipped_at, id);
CREATE INDEX shipments_still ON backdesk.shipments ((coalesce(last_event_at, shipped_at)), id)
    WHERE status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED');
CREATE INDEX shipments_late ON backdesk.shipments (promised_to, id)
    WHERE status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED');
CREATE INDEX shipments_delivered ON backdesk.shipments ((coalesce(delivered_at, shipped_at)), id)
    WHERE status = 'DELIVERED';

------------------------------------------------------------------------------
-- Live: the shipment's id on channel backdesk_shipments.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.notify_shipments() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF (SELECT count(*) FROM changed) > 100 THEN
        PERFORM pg_notify('backdesk_shipments', 'many');
    ELSE
        PERFORM pg_notify('backdesk_shipments', x.id::text) FROM (SELECT DISTINCT c.id FROM changed c) x;
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION backdesk.notify_shipment_events() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF (SELECT count(DISTINCT c.shipment_id) FROM changed c) > 100 THEN
        PERFORM pg_notify('backdesk_shipments', 'many');
    ELSE
        PERFORM pg_notify('backdesk_shipments', x.shipment_id::text)
        FROM (SELECT DISTINCT c.shipment_id FROM changed c) x;
    END IF;
    RETURN NULL;
END
$$;
DROP TRIGGER shipments_notify ON backdesk.shipments;
CREATE TRIGGER shipments_notify_insert AFTER INSERT ON backdesk.shipments
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_shipments();
CREATE TRIGGER shipments_notify_update AFTER UPDATE ON backdesk.shipments
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_shipments();
CREATE TRIGGER shipments_notify_delete AFTER DELETE ON backdesk.shipments
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_shipments();
CREATE TRIGGER shipment_events_notify AFTER INSERT ON backdesk.shipment_events
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_shipment_events();
------------------------------------------------------------------------------
-- The customer's order messages, written in one place: api.queue_message (agents)
-- and api.ship_parcel (the warehouse) queue the same tracking message.  The body is
-- 0021's api.queue_message's, moved; its refusals (no e-mail, no phone, not
-- shipped, cancelled) stay BD002.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.order_message(p_order backdesk.orders, p_kind text, p_channel text,
                                       OUT outbox_id bigint, OUT locale text)
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_order backdesk.orders;
    v_cust backdesk.customers;
    v_lang text;
    v_to text;
    v_window text;
    v_ship text;
    v_parcels text;
    v_lines text;
    v_subject text;
    v_body text;
    v_id bigint;
    v_from date;
    v_until date;
    v_values jsonb;
BEGIN
    v_order := p_order;
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

    SELECT p.promise_from, p.promise_to INTO v_from, v_until FROM backdesk.delivery_promise(v_order.id) p;
    IF v_from IS NOT NULL AND v_from < v_until THEN
        v_window := CASE v_lang
            WHEN 'tr' THEN format('Tahmini teslimat: %s – %s arası.', v_from, v_until)
            WHEN 'hu' THEN format('Várható kézbesítés: %s és %s között.', v_from, v_until)
            ELSE format('Expected delivery: between %s and %s.', v_from, v_until) END;
    ELSIF v_until IS NOT NULL THEN
        v_window := CASE v_lang
            WHEN 'tr' THEN format('Tahmini teslimat: en geç %s.', v_until)
            WHEN 'hu' THEN format('Várható kézbesítés: legkésőbb %s.', v_until)
            ELSE format('Expected delivery: by %s.', v_until) END;
    END IF;

    IF p_kind = 'tracking' THEN
        IF v_order.status = 'cancelled' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was cancelled; there is nothing to track', v_order.number),
                HINT = 'Tell the customer about the cancellation and its refund instead.';
        END IF;
        SELECT string_agg(
                   format('%s: %s%s', backdesk.carrier_name(s.carrier), s.tracking_no,
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
        SELECT jsonb_object_agg(a.name, a.value) INTO v_values
        FROM backdesk.answer_values(v_order.id, v_lang) a WHERE a.value IS NOT NULL;
        -- When it ships: the ship-by day while it holds; a late order's apology and new
        -- day; after the payment; or that it has shipped.
        v_ship := CASE
            WHEN v_values ? 'ship_by' THEN CASE v_lang
                WHEN 'tr' THEN format('Siparişinizi en geç %s tarihinde kargoya vereceğiz.', v_values ->> 'ship_by')
                WHEN 'hu' THEN format('Legkésőbb %s-ig feladjuk.', v_values ->> 'ship_by')
                ELSE format('We will ship it by %s.', v_values ->> 'ship_by') END
            WHEN v_values ? 'new_ship_by' THEN CASE v_lang
                WHEN 'tr' THEN format('Siparişinizi söz verdiğimiz tarihte kargoya veremediğimiz için özür dileriz; en geç %s tarihinde kargoya vereceğiz.', v_values ->> 'new_ship_by')
                WHEN 'hu' THEN format('Sajnáljuk, hogy nem adtuk fel az ígért napon; legkésőbb %s-ig feladjuk.', v_values ->> 'new_ship_by')
                ELSE format('We are sorry that it did not leave us on the day we promised; we will ship it by %s.', v_values ->> 'new_ship_by') END
            WHEN v_order.status = 'pending' THEN CASE v_lang
                WHEN 'tr' THEN 'Ödemeniz onaylanır onaylanmaz siparişinizi kargoya vereceğiz.'
                WHEN 'hu' THEN 'A fizetés visszaigazolása után azonnal feladjuk.'
                ELSE 'We will ship it as soon as the payment is confirmed.' END
            ELSE CASE v_lang
                WHEN 'tr' THEN 'Siparişiniz kargoya verildi.'
                WHEN 'hu' THEN 'A rendelését már feladtuk.'
                ELSE 'It has been shipped.' END
            END;
        SELECT string_agg(format('%s × %s  %s %s', l.qty, l.name, l.line_total, v_order.currency), E'\n'
                          ORDER BY l.line_no)
        INTO v_lines FROM backdesk.order_lines l WHERE l.order_id = v_order.id;
        v_subject := CASE v_lang
            WHEN 'tr' THEN format('%s numaralı siparişiniz için teşekkür ederiz', v_order.number)
            WHEN 'hu' THEN format('Köszönjük a rendelését (%s)', v_order.number)
            ELSE format('Thank you for your order %s', v_order.number) END;
        v_body := CASE v_lang
            WHEN 'tr' THEN format(E'Merhaba %s,\n\n%s numaralı siparişinizi aldık.\n%s\nToplam: %s %s\n\n%s\n\nBizi tercih ettiğiniz için teşekkür ederiz.',
                                  v_cust.name, v_order.number, coalesce(v_lines, ''), v_order.total, v_order.currency,
                                  concat_ws(' ', v_ship, v_window))
            WHEN 'hu' THEN format(E'Kedves %s!\n\nMegkaptuk a(z) %s számú rendelését.\n%s\nÖsszesen: %s %s\n\n%s\n\nKöszönjük, hogy nálunk vásárolt!',
                                  v_cust.name, v_order.number, coalesce(v_lines, ''), v_order.total, v_order.currency,
                                  concat_ws(' ', v_ship, v_window))
            ELSE format(E'Hello %s,\n\nthank you for your order %s.\n%s\nTotal: %s %s\n\n%s\n\nThank you for shopping with us.',
                        v_cust.name, v_order.number, coalesce(v_lines, ''), v_order.total, v_order.currency,
                        concat_ws(' ', v_ship, v_window)) END;
    END IF;

    INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, recipient, subject, body)
    VALUES (p_kind, coalesce(p_channel, 'email'), v_cust.id, v_order.id, v_to, v_subject, v_body)
    RETURNING id INTO v_id;
    outbox_id := v_id;
    locale := v_lang;
END
$$;

CREATE OR REPLACE FUNCTION api.queue_message(order_number text, kind text, p_channel text DEFAULT 'email')
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_kind ALIAS FOR $2;
    v_order backdesk.orders;
    m record;
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
    m := backdesk.order_message(v_order, p_kind, p_channel);
    PERFORM backdesk.audit('message.queue', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'outbox_id', m.outbox_id, 'kind', p_kind,
                           'channel', coalesce(p_channel, 'email'), 'locale', m.locale));
    RETURN m.outbox_id;
END
$$;

------------------------------------------------------------------------------
-- Shipping.
------------------------------------------------------------------------------
-- Why this order cannot be shipped now, and what to do (both NULL when it can).
CREATE FUNCTION backdesk.ship_refusal(p_order backdesk.orders, OUT refusal text, OUT hint text)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    s backdesk.shipments;
BEGIN
    SELECT * INTO s FROM backdesk.shipments x WHERE x.order_id = p_order.id ORDER BY x.shipped_at DESC, x.id DESC LIMIT 1;
    IF FOUND THEN
        refusal := format('order %s was already shipped with %s %s on %s', p_order.number,
                          backdesk.carrier_name(s.carrier), s.tracking_no, backdesk.shop_date(s.shipped_at));
        hint := 'Do not send it twice: put the goods back, or ask an agent if the customer needs a second parcel.';
    ELSIF p_order.status IN ('shipped', 'delivered') THEN
        refusal := format('order %s is marked %s already', p_order.number, p_order.status);
        hint := 'Do not send it twice: put the goods back and ask an agent.';
    ELSIF p_order.status = 'cancelled' THEN
        refusal := format('order %s was cancelled', p_order.number);
        hint := 'Do not ship it: put the goods back on the shelf.';
    ELSIF p_order.status = 'pending' THEN
        refusal := format('order %s is not paid yet', p_order.number);
        hint := 'Do not ship it before the payment is confirmed: set it aside and ask an agent.';
    END IF;
END
$$;

-- The order a typed or scanned number means (any case, with or without the dash:
-- backdesk.number_key), the exact spelling first.
CREATE FUNCTION backdesk.order_by_key(p_number text) RETURNS backdesk.orders
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.orders;
BEGIN
    SELECT * INTO v FROM backdesk.orders o
    WHERE backdesk.number_key(o.number) COLLATE "C" = backdesk.number_key(p_number)
    ORDER BY o.number = btrim(p_number) DESC, o.id LIMIT 1;
    RETURN v;
END
$$;

CREATE FUNCTION api.ship_parcel(order_number text, carrier text, tracking_no text, p_items jsonb DEFAULT NULL,
                                p_version integer DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_carrier ALIAS FOR $2;
    p_tracking ALIAS FOR $3;
    v_order backdesk.orders;
    v_carrier text := lower(btrim(p_carrier));
    v_tracking text := upper(btrim(p_tracking));
    v_why record;
    v_other text;
    v_item jsonb;
    v_got jsonb := '{}';
    v_line integer;
    v_qty integer;
    v_i integer := 0;
    d record;
    v_id bigint;
    v_version integer;
    v_cust backdesk.customers;
    v_channel text;
    v_outbox bigint;
    v_from text;
BEGIN
    PERFORM backdesk.require_role('shipping parcels', 'warehouse', 'admin');
    -- The lock first: whoever comes second sees the first one's parcel.
    SELECT * INTO v_order FROM backdesk.orders o
    WHERE o.id = (backdesk.order_by_key(p_number)).id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Check the order number on the packing slip (or scan it again).';
    END IF;
    v_why := backdesk.ship_refusal(v_order);
    IF v_why.refusal IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = v_why.refusal, HINT = v_why.hint;
    END IF;
    PERFORM backdesk.check_version(v_order, p_version);

    IF v_carrier IS NULL OR backdesk.tracking_no_shape(v_carrier) IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('carrier %s is not a carrier backdesk knows', coalesce(quote_literal(p_carrier), 'NULL')),
            HINT = 'Use one of: yurtici, aras, mng, ptt, dhl, ups, fedex, mpl, gls.';
    END IF;
    IF NOT backdesk.tracking_no_ok(v_carrier, v_tracking) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('tracking number %s is not a %s tracking number', coalesce(quote_literal(p_tracking), 'NULL'),
                             backdesk.carrier_name(v_carrier)),
            HINT = format('%s numbers are %s: scan the label again, or check the carrier.',
                          backdesk.carrier_name(v_carrier), backdesk.tracking_no_shape(v_carrier));
    END IF;
    SELECT 'order ' || o.number INTO v_other FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
    WHERE s.tracking_no IN (v_tracking, btrim(p_tracking));   -- the unique index, not a scan
    IF NOT FOUND THEN
        SELECT 'return ' || r.number INTO v_other FROM backdesk.returns r WHERE r.tracking_no IN (v_tracking, btrim(p_tracking));
    END IF;
    IF v_other IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('tracking number %s is already the parcel of %s', v_tracking, v_other),
            HINT = 'A label is used once: take a new label and scan it.';
    END IF;

    IF p_items IS NOT NULL THEN
        IF jsonb_typeof(p_items) <> 'array' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = 'items must be a JSON array of the packed lines',
                HINT = 'Give items like [{"line_no": 1, "qty": 2}], or NULL to ship the whole order unchecked.';
        END IF;
        IF jsonb_array_length(p_items) > 1000 THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'items has more than 1000 entries',
                HINT = 'Give each packed line once with its quantity.';
        END IF;
        FOR v_item IN SELECT * FROM jsonb_array_elements(p_items) LOOP
            v_i := v_i + 1;
            IF jsonb_typeof(v_item) <> 'object' THEN
                RAISE EXCEPTION USING ERRCODE = 'BD005',
                    MESSAGE = format('item %s is not a JSON object', v_i),
                    HINT = 'Give each item as {"line_no": 1, "qty": 2}.';
            END IF;
            v_line := backdesk.need_json_int(v_item -> 'line_no', format('line_no of item %s', v_i), 1, 32767);
            v_qty := backdesk.need_json_int(v_item -> 'qty', format('qty of item %s', v_i), 0, 1000000);
            v_got := jsonb_set(v_got, ARRAY[v_line::text], to_jsonb(coalesce((v_got ->> v_line::text)::integer, 0) + v_qty));
        END LOOP;
        SELECT coalesce(l.line_no, g.line_no) AS line_no, l.sku, l.name, l.qty AS want, coalesce(g.qty, 0) AS got
        INTO d
        FROM (SELECT x.line_no::integer AS line_no, x.sku, x.name, x.qty FROM backdesk.order_lines x
              WHERE x.order_id = v_order.id) l
        FULL JOIN (SELECT e.key::integer AS line_no, e.value::integer AS qty FROM jsonb_each_text(v_got) e) g
               ON g.line_no = l.line_no
        WHERE CASE WHEN l.line_no IS NULL THEN g.qty > 0 ELSE l.qty <> coalesce(g.qty, 0) END
        ORDER BY 1 LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = CASE WHEN d.want IS NULL THEN format('order %s has no line %s, but %s were packed for it',
                                                               v_order.number, d.line_no, d.got)
                               WHEN d.got = 0 THEN format('line %s (%s %s) of order %s is missing: 0 of %s packed',
                                                          d.line_no, d.sku, d.name, v_order.number, d.want)
                               WHEN d.got < d.want THEN format('line %s (%s %s) of order %s is short: %s of %s packed',
                                                               d.line_no, d.sku, d.name, v_order.number, d.got, d.want)
                               ELSE format('line %s (%s %s) of order %s is over: %s packed, the order has %s',
                                           d.line_no, d.sku, d.name, v_order.number, d.got, d.want) END,
                HINT = CASE WHEN d.want IS NULL OR d.got > d.want THEN 'Take the extra items out of the parcel, then ship it.'
                            ELSE 'Pick the missing items and scan them, then ship it.' END;
        END IF;
    END IF;

    BEGIN
        INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, promised_to, next_check_at)
        SELECT v_order.id, v_carrier, v_tracking, 'PRE_TRANSIT', now(), w.promised_to, now() + interval '30 minutes'
        FROM backdesk.promised_window(v_order.deliver_from, v_order.deliver_to, now()) w
        RETURNING id INTO v_id;
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('tracking number %s is already the parcel of another order', v_tracking),
            HINT = 'A label is used once: take a new label and scan it.';
    END;
    v_from := v_order.status;
    UPDATE backdesk.orders o SET status = 'shipped', version = o.version + 1, updated_at = now()
    WHERE o.id = v_order.id
    RETURNING * INTO v_order;
    v_version := v_order.version;

    -- The customer's tracking message, by e-mail, else SMS; nothing without either.
    SELECT * INTO v_cust FROM backdesk.customers c WHERE c.id = v_order.customer_id;
    v_channel := CASE WHEN v_cust.email IS NOT NULL THEN 'email' WHEN v_cust.phone IS NOT NULL THEN 'sms' END;
    IF v_channel IS NOT NULL THEN
        v_outbox := (backdesk.order_message(v_order, 'tracking', v_channel)).outbox_id;
    END IF;
    PERFORM backdesk.audit('order.ship', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'shipment_id', v_id, 'carrier', v_carrier,
                           'tracking_no', v_tracking, 'from', v_from, 'version', v_version,
                           'outbox_id', v_outbox, 'items', p_items));
    RETURN v_id;
END
$$;

------------------------------------------------------------------------------
-- The scanner: what a code is, and what is to pack.
------------------------------------------------------------------------------
CREATE FUNCTION api.scan_resolve(code text) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_code ALIAS FOR $1;
    v_role text;
    v_code text := btrim(p_code);
    v_key text;
    v_order backdesk.orders;
    v_ret backdesk.returns;
    v_why record;
    v_doc jsonb;
BEGIN
    v_role := backdesk.require_role('resolving scanned codes', 'warehouse', 'supervisor', 'admin');
    IF v_code IS NULL OR v_code = '' OR length(v_code) > 100 THEN
        RETURN '{"kind": "none"}';
    END IF;
    v_key := backdesk.number_key(v_code);

    IF v_key <> '' THEN
        v_order := backdesk.order_by_key(v_code);
        IF v_order.id IS NOT NULL THEN
            v_why := backdesk.ship_refusal(v_order);
            SELECT jsonb_build_object(
                'id', v_order.id, 'number', v_order.number, 'status', v_order.status, 'version', v_order.version,
                'ship_by', v_order.ship_by, 'late', backdesk.late_to_ship(v_order.status, v_order.ship_by),
                'customer_name', (SELECT c.name FROM backdesk.customers c WHERE c.id = v_order.customer_id),
                'lines', coalesce((SELECT jsonb_agg(jsonb_build_object('line_no', l.line_no, 'sku', l.sku, 'ean', p.ean,
                                                                      'name', l.name, 'qty', l.qty) ORDER BY l.line_no)
                                   FROM backdesk.order_lines l
                                   LEFT JOIN backdesk.products p ON p.id = l.product_id
                                   WHERE l.order_id = v_order.id), '[]'),
                'parcel', (SELECT jsonb_build_object('carrier', s.carrier, 'tracking_no', s.tracking_no,
                                                     'shipped_at', s.shipped_at)
                           FROM backdesk.shipments s WHERE s.order_id = v_order.id
                           ORDER BY s.shipped_at DESC, s.id DESC LIMIT 1),
                'refusal', v_why.refusal)
            INTO v_doc;
            RETURN jsonb_build_object('kind', 'order', 'order', v_doc);
        END IF;
        SELECT * INTO v_ret FROM backdesk.returns r
        WHERE backdesk.number_key(r.number) COLLATE "C" = v_key ORDER BY r.id LIMIT 1;
    END IF;
    IF v_ret.id IS NULL THEN
        SELECT * INTO v_ret FROM backdesk.returns r WHERE r.tracking_no IN (v_code, upper(v_code));
    END IF;
    IF v_ret.id IS NOT NULL THEN
        RETURN jsonb_build_object('kind', 'return', 'return', jsonb_build_object(
            'number', v_ret.number, 'status', v_ret.status, 'version', v_ret.version,
            'order_number', (SELECT o.number FROM backdesk.orders o WHERE o.id = v_ret.order_id),
            'can_receive', v_role IN ('warehouse', 'admin') AND backdesk.return_transition_ok(v_ret.status, 'received'),
            'refusal', CASE
                WHEN NOT backdesk.return_transition_ok(v_ret.status, 'received')
                    THEN format('return %s is %s: only an approved return, or one awaiting its parcel, can be received',
                                v_ret.number, replace(v_ret.status, '_', ' '))
                WHEN v_role NOT IN ('warehouse', 'admin')
                    THEN 'receiving returns is for the warehouse' END));
    END IF;
    SELECT jsonb_build_object('kind', 'shipment', 'shipment', jsonb_build_object(
               'id', s.id, 'carrier', s.carrier, 'tracking_no', s.tracking_no, 'status', s.status,
               'order_number', o.number))
    INTO v_doc
    FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
    WHERE s.tracking_no IN (v_code, upper(v_code)) LIMIT 1;
    IF v_doc IS NOT NULL THEN
        RETURN v_doc;
    END IF;
    SELECT jsonb_build_object('kind', 'product', 'product', jsonb_build_object('sku', p.sku, 'ean', p.ean, 'name', p.name))
    INTO v_doc
    FROM backdesk.products p WHERE p.ean = v_code OR p.sku IN (v_code, upper(v_code))
    ORDER BY p.ean = v_code DESC NULLS LAST, p.sku = v_code DESC LIMIT 1;
    RETURN coalesce(v_doc, '{"kind": "none"}');
END
$$;

CREATE FUNCTION api.orders_to_pack(p_limit integer DEFAULT 50)
    RETURNS TABLE (number text, ship_by date, late boolean, lines integer, units integer, customer_name text,
                   placed_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    v_today date := backdesk.shop_date(now());
BEGIN
    PERFORM backdesk.require_role('listing orders to pack', 'agent', 'warehouse', 'supervisor', 'admin');
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('limit must be from 1 to 1000, got %s', coalesce(p_limit::text, 'nothing')),
            HINT = 'Ask for at most 1000 orders at a time.';
    END IF;
    RETURN QUERY
    SELECT o.number, o.ship_by, backdesk.late_to_ship(o.status, o.ship_by), l.n::integer, l.u::integer, c.name,
           o.placed_at
    FROM backdesk.orders o
    JOIN backdesk.customers c ON c.id = o.customer_id
    CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(x.qty), 0) AS u
                        FROM backdesk.order_lines x WHERE x.order_id = o.id) l
    WHERE o.status IN ('paid', 'packed') AND o.ship_by <= v_today
      AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id)
    ORDER BY o.ship_by, o.placed_at, o.id
    LIMIT p_limit;
END
$$;

CREATE FUNCTION api.tracking_due(p_limit integer DEFAULT 100)
    RETURNS TABLE (id bigint, carrier text, tracking_no text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    PERFORM backdesk.require_role('listing parcels due for tracking', 'agent', 'warehouse', 'supervisor', 'admin');
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('limit must be from 1 to 10000, got %s', coalesce(p_limit::text, 'nothing')),
            HINT = 'Ask for at most 10000 parcels at a time.';
    END IF;
    RETURN QUERY
    SELECT s.id, s.carrier, s.tracking_no FROM backdesk.shipments s
    WHERE s.status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')
      AND coalesce(s.next_check_at, '-infinity'::timestamptz) <= now()
    ORDER BY coalesce(s.next_check_at, '-infinity'::timestamptz), s.id
    LIMIT p_limit;
END
$$;

------------------------------------------------------------------------------
-- What the carriers said.
------------------------------------------------------------------------------
-- A text field of the carrier's answer: absent or null is '', a string is cut to
-- p_cap characters (carriers write long texts; a lookup is not lost for it),
-- anything else is BD005 naming the field.
CREATE FUNCTION backdesk.track_text(p_value jsonb, p_field text, p_cap integer) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF p_value IS NULL OR jsonb_typeof(p_value) = 'null' THEN
        RETURN '';
    END IF;
    IF jsonb_typeof(p_value) <> 'string' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s must be a string, got %s', p_field, left(p_value::text, 40)),
            HINT = 'Send the document carrier_result_json() writes (carrier/track.h).';
    END IF;
    RETURN left(btrim(regexp_replace(p_value #>> '{}', '[[:cntrl:]]+', ' ', 'g')), p_cap);
END
$$;

-- A normalized status word (carrier/track.h), else BD005 naming the field.
CREATE FUNCTION backdesk.track_status(p_value jsonb, p_field text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF jsonb_typeof(p_value) IS DISTINCT FROM 'string' OR (p_value #>> '{}') NOT IN
        ('UNKNOWN', 'PRE_TRANSIT', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'AVAILABLE_FOR_PICKUP', 'DELIVERY_ATTEMPTED',
         'DELIVERED', 'EXCEPTION', 'RETURNING', 'RETURNED', 'CANCELLED', 'EXPIRED') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s %s is not a tracking status', p_field, coalesce(left(p_value::text, 40), 'missing')),
            HINT = 'Use one of: UNKNOWN, PRE_TRANSIT, IN_TRANSIT, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP, DELIVERY_ATTEMPTED, DELIVERED, EXCEPTION, RETURNING, RETURNED, CANCELLED, EXPIRED.';
    END IF;
    RETURN p_value #>> '{}';
END
$$;

-- An event's time: ISO 8601 with its zone, not before 2000 nor more than a day ahead.
CREATE FUNCTION backdesk.track_time(p_value jsonb, p_field text) RETURNS timestamptz
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v timestamptz;
BEGIN
    IF jsonb_typeof(p_value) IS DISTINCT FROM 'string'
       OR (p_value #>> '{}') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$' THEN
        v := NULL;
    ELSE
        BEGIN
            v := (p_value #>> '{}')::timestamptz;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format OR invalid_time_zone_displacement_value THEN
            v := NULL;
        END;
    END IF;
    IF v IS NULL OR v < '2000-01-01T00:00Z' OR v > now() + interval '1 day' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s %s is not a time of a tracking event', p_field, coalesce(left(p_value::text, 40), 'missing')),
            HINT = 'Give it as ISO 8601 with its zone, like "2026-11-27T09:05:00Z", not in the future.';
    END IF;
    RETURN v;
END
$$;

-- The parcel by its tracking number, locked; BD003 when there is none.
CREATE FUNCTION backdesk.shipment_lock(p_tracking text) RETURNS backdesk.shipments
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    s backdesk.shipments;
BEGIN
    SELECT * INTO s FROM backdesk.shipments x WHERE x.tracking_no IN (btrim(p_tracking), upper(btrim(p_tracking)))
    ORDER BY x.tracking_no = btrim(p_tracking) DESC LIMIT 1 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no parcel with tracking number %s', coalesce(quote_literal(p_tracking), 'NULL')),
            HINT = 'Check the tracking number (search with g).';
    END IF;
    RETURN s;
END
$$;

CREATE FUNCTION api.record_tracking(tracking_no text, doc jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_tracking ALIAS FOR $1;
    p_doc ALIAS FOR $2;
    s backdesk.shipments;
    v_status text;
    v_code text;
    v_text text;
    v_expected date;
    v_events jsonb := '[]';
    v_ev jsonb;
    v_i integer := 0;
    v_new integer;
    v_last timestamptz;
    v_delivered timestamptz;
    v_changed boolean;
    v_version integer;
    o backdesk.orders;
BEGIN
    PERFORM backdesk.require_role('recording tracking results', 'agent', 'warehouse', 'supervisor', 'admin');
    IF p_doc IS NULL OR jsonb_typeof(p_doc) <> 'object' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'doc must be a JSON object',
            HINT = 'Send the document carrier_result_json() writes (carrier/track.h).';
    END IF;
    v_status := backdesk.track_status(p_doc -> 'status', 'status');
    v_code := backdesk.track_text(p_doc -> 'code', 'code', 64);
    v_text := backdesk.track_text(p_doc -> 'text', 'text', 500);
    IF jsonb_typeof(p_doc -> 'expected_delivery') = 'string' AND (p_doc ->> 'expected_delivery') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        BEGIN
            v_expected := (p_doc ->> 'expected_delivery')::date;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
            v_expected := NULL;
        END;
    END IF;
    IF v_expected IS NULL AND coalesce(jsonb_typeof(p_doc -> 'expected_delivery'), 'null') <> 'null'
       OR v_expected NOT BETWEEN '2000-01-01' AND '2200-01-01' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('expected_delivery %s is not a day', left((p_doc -> 'expected_delivery')::text, 40)),
            HINT = 'Give it as "YYYY-MM-DD", or null.';
    END IF;
    IF coalesce(jsonb_typeof(p_doc -> 'events'), 'null') NOT IN ('array', 'null') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'events must be a JSON array',
            HINT = 'Send the document carrier_result_json() writes (carrier/track.h).';
    END IF;
    IF jsonb_array_length(coalesce(p_doc -> 'events', '[]')) > 500 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('events has %s entries, at most 500', jsonb_array_length(p_doc -> 'events')),
            HINT = 'Send the newest 500 events.';
    END IF;
    FOR v_ev IN SELECT * FROM jsonb_array_elements(coalesce(p_doc -> 'events', '[]')) LOOP
        v_i := v_i + 1;
        IF jsonb_typeof(v_ev) <> 'object' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('event %s is not a JSON object', v_i),
                HINT = 'Send the document carrier_result_json() writes (carrier/track.h).';
        END IF;
        v_events := v_events || jsonb_build_object(
            'at', backdesk.track_time(v_ev -> 'at', format('at of event %s', v_i)),
            'status', backdesk.track_status(v_ev -> 'status', format('status of event %s', v_i)),
            'code', backdesk.track_text(v_ev -> 'code', format('code of event %s', v_i), 64),
            'text', backdesk.track_text(v_ev -> 'text', format('text of event %s', v_i), 1000),
            'location', backdesk.track_text(v_ev -> 'location', format('location of event %s', v_i), 200));
    END LOOP;

    s := backdesk.shipment_lock(p_tracking);
    INSERT INTO backdesk.shipment_events (shipment_id, occurred_at, status, carrier_code, description, location)
    SELECT s.id, e.at, e.status, e.code, e.text, e.location
    FROM jsonb_to_recordset(v_events) e(at timestamptz, status text, code text, text text, location text)
    ON CONFLICT (shipment_id, occurred_at, carrier_code, location) DO NOTHING;
    GET DIAGNOSTICS v_new = ROW_COUNT;
    SELECT max(e.occurred_at) INTO v_last FROM backdesk.shipment_events e WHERE e.shipment_id = s.id;
    v_delivered := CASE WHEN v_status = 'DELIVERED'
                        THEN coalesce(s.delivered_at,
                                      (SELECT max(e.occurred_at) FROM backdesk.shipment_events e
                                       WHERE e.shipment_id = s.id AND e.status = 'DELIVERED'), now())
                        ELSE s.delivered_at END;
    v_changed := v_status IS DISTINCT FROM s.status;
    UPDATE backdesk.shipments x
    SET status = v_status, carrier_code = nullif(v_code, ''), carrier_text = nullif(v_text, ''),
        expected_delivery = v_expected, last_checked_at = now(), last_event_at = v_last, last_error = NULL,
        delivered_at = v_delivered,
        next_check_at = CASE WHEN backdesk.parcel_final(v_status) THEN NULL
                             WHEN v_status = 'EXCEPTION' THEN now() + interval '15 minutes'
                             ELSE now() + interval '30 minutes' END,
        version = x.version + CASE WHEN v_changed OR v_new > 0 THEN 1 ELSE 0 END
    WHERE x.id = s.id
    RETURNING x.version INTO v_version;
    IF v_changed THEN
        PERFORM backdesk.audit('shipment.track', 'shipment', s.id,
            jsonb_build_object('tracking_no', s.tracking_no, 'from', s.status, 'to', v_status,
                               'new_events', v_new, 'version', v_version));
    END IF;
    -- Delivered: so is a shipped order.
    IF v_status = 'DELIVERED' THEN
        UPDATE backdesk.orders x SET status = 'delivered', version = x.version + 1, updated_at = now()
        WHERE x.id = s.order_id AND x.status = 'shipped'
        RETURNING * INTO o;
        IF o.id IS NOT NULL THEN
            PERFORM backdesk.audit('order.deliver', 'order', o.id,
                jsonb_build_object('number', o.number, 'from', 'shipped', 'to', 'delivered',
                                   'shipment_id', s.id, 'version', o.version));
        END IF;
    END IF;
    RETURN jsonb_build_object('status', v_status, 'changed', v_changed, 'new_events', v_new);
END
$$;

CREATE FUNCTION api.record_tracking_failure(tracking_no text, error text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_tracking ALIAS FOR $1;
    v_error text := left(btrim(regexp_replace($2, '[[:cntrl:]]+', ' ', 'g')), 500);
    s backdesk.shipments;
BEGIN
    PERFORM backdesk.require_role('recording tracking failures', 'agent', 'warehouse', 'supervisor', 'admin');
    IF v_error IS NULL OR v_error = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'error must say what failed',
            HINT = 'Give the sentence the lookup failed with.';
    END IF;
    s := backdesk.shipment_lock(p_tracking);
    UPDATE backdesk.shipments x
    SET last_checked_at = now(), last_error = v_error,
        next_check_at = CASE WHEN backdesk.parcel_final(x.status) THEN NULL ELSE now() + interval '1 hour' END
    WHERE x.id = s.id;
    -- A failure repeated hour after hour is one audit row, not one an hour.
    IF s.last_error IS DISTINCT FROM v_error THEN
        PERFORM backdesk.audit('shipment.track_failed', 'shipment', s.id,
            jsonb_build_object('tracking_no', s.tracking_no, 'error', v_error));
    END IF;
END
$$;

------------------------------------------------------------------------------
-- Delay notices.
------------------------------------------------------------------------------
CREATE TABLE backdesk.delay_notices (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shipment_id     bigint NOT NULL UNIQUE REFERENCES backdesk.shipments ON DELETE CASCADE,
    status          text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'sent', 'dismissed')),
    how             text NOT NULL DEFAULT 'gift_code' CHECK (how IN ('refund', 'gift_code')),
    amount          numeric(14,2) NOT NULL CHECK (amount > 0),
    currency        char(3) NOT NULL REFERENCES backdesk.currencies,
    created_at      timestamptz NOT NULL DEFAULT now(),
    decided_at      timestamptz,
    decided_by      text CHECK (length(decided_by) <= 63),
    reason          text CHECK (length(reason) <= 500),           -- why it was dismissed
    compensation    text CHECK (length(compensation) <= 64),      -- the refund's id or the gift code
    idempotency_key uuid UNIQUE,
    outbox_id       bigint REFERENCES backdesk.outbox
);
CREATE INDEX delay_notices_open ON backdesk.delay_notices (created_at, id) WHERE status = 'proposed';
-- Money: read by those who read refunds and gift codes.
GRANT SELECT ON backdesk.delay_notices TO backdesk_agent, backdesk_supervisor, backdesk_admin;

ALTER TABLE backdesk.outbox DROP CONSTRAINT outbox_kind_check,
    ADD CONSTRAINT outbox_kind_check
        CHECK (kind IN ('order_confirmation', 'tracking', 'template', 'survey', 'reply', 'delay'));

CREATE FUNCTION api.propose_delay_notices() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_pct numeric := coalesce(backdesk.setting('delay_compensation_percent')::numeric, 10);
    v_n integer;
BEGIN
    PERFORM backdesk.require_role('proposing delay notices', 'agent', 'warehouse', 'supervisor', 'admin');
    WITH ins AS (
        INSERT INTO backdesk.delay_notices (shipment_id, amount, currency)
        SELECT s.id, round(o.lines_total * v_pct / 100, 2), o.currency
        FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
        WHERE s.status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')
          AND s.promised_to < backdesk.shop_date(now())
          AND backdesk.parcel_underway(s.status, s.delivered_at)
          AND o.status <> 'cancelled'
          AND round(o.lines_total * v_pct / 100, 2) > 0
          AND NOT EXISTS (SELECT FROM backdesk.delay_notices d WHERE d.shipment_id = s.id)
        ON CONFLICT (shipment_id) DO NOTHING
        RETURNING id, shipment_id, amount, currency),
    a AS (
        INSERT INTO backdesk.audit_log (action, entity, entity_id, detail)
        SELECT 'delay_notice.propose', 'shipment', i.shipment_id,
               jsonb_build_object('delay_notice_id', i.id, 'amount', i.amount, 'currency', i.currency)
        FROM ins i)
    SELECT count(*) INTO v_n FROM ins;
    RETURN v_n;
END
$$;

-- The customer's message about a late parcel and what they get for it.
CREATE FUNCTION backdesk.delay_message(p_order backdesk.orders, p_shipment backdesk.shipments, p_how text,
                                       p_amount numeric, p_code text) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    c backdesk.customers;
    v_lang text;
    v_what text;
    v_subject text;
    v_body text;
    v_id bigint;
BEGIN
    SELECT * INTO c FROM backdesk.customers x WHERE x.id = p_order.customer_id;
    v_lang := backdesk.message_locale(c.locale);
    v_what := CASE p_how
        WHEN 'gift_code' THEN CASE v_lang
            WHEN 'tr' THEN format('Özür olarak %s %s değerinde bir hediye kodu: %s', p_amount, p_order.currency, p_code)
            WHEN 'hu' THEN format('Elnézésként egy %s %s értékű ajándékkód: %s', p_amount, p_order.currency, p_code)
            ELSE format('As an apology, a gift code worth %s %s: %s', p_amount, p_order.currency, p_code) END
        ELSE CASE v_lang
            WHEN 'tr' THEN format('Özür olarak %s %s iade ediyoruz.', p_amount, p_order.currency)
            WHEN 'hu' THEN format('Elnézésként %s %s összeget visszatérítünk.', p_amount, p_order.currency)
            ELSE format('As an apology, we are refunding %s %s.', p_amount, p_order.currency) END END;
    v_subject := CASE v_lang
        WHEN 'tr' THEN format('%s numaralı siparişiniz gecikti', p_order.number)
        WHEN 'hu' THEN format('A(z) %s számú rendelése késik', p_order.number)
        ELSE format('Your order %s is late', p_order.number) END;
    v_body := CASE v_lang
        WHEN 'tr' THEN format(E'Merhaba %s,\n\n%s numaralı siparişiniz söz verdiğimiz tarihte (%s) ulaşmadı. Kargo: %s %s\n%s\n\nAnlayışınız için teşekkür ederiz.',
                              c.name, p_order.number, p_shipment.promised_to, backdesk.carrier_name(p_shipment.carrier),
                              p_shipment.tracking_no, v_what)
        WHEN 'hu' THEN format(E'Kedves %s!\n\nA(z) %s számú rendelése nem érkezett meg az ígért napig (%s). Csomag: %s %s\n%s\n\nKöszönjük a türelmét!',
                              c.name, p_order.number, p_shipment.promised_to, backdesk.carrier_name(p_shipment.carrier),
                              p_shipment.tracking_no, v_what)
        ELSE format(E'Hello %s,\n\nyour order %s did not reach you by the day we promised (%s). Parcel: %s %s\n%s\n\nThank you for your patience.',
                    c.name, p_order.number, p_shipment.promised_to, backdesk.carrier_name(p_shipment.carrier),
                    p_shipment.tracking_no, v_what) END;
    INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, recipient, subject, body)
    VALUES ('delay', CASE WHEN c.email IS NOT NULL THEN 'email' ELSE 'sms' END, c.id, p_order.id,
            coalesce(c.email, c.phone), v_subject, v_body)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

-- The notice by its id, locked; BD003 if none, BD002 unless it is still a proposal.
CREATE FUNCTION backdesk.delay_notice_lock(p_id bigint, p_what text) RETURNS backdesk.delay_notices
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    n backdesk.delay_notices;
BEGIN
    SELECT * INTO n FROM backdesk.delay_notices x WHERE x.id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no delay notice %s', coalesce(p_id::text, 'NULL')),
            HINT = 'Reload the parcel: its delay notice is on its screen.';
    END IF;
    IF n.status <> 'proposed' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('delay notice %s was %s already by %s at %s; it cannot be %s', n.id, n.status,
                             coalesce((SELECT s.full_name FROM backdesk.staff s WHERE s.login = n.decided_by), n.decided_by),
                             to_char(n.decided_at, 'YYYY-MM-DD HH24:MI'), p_what),
            HINT = 'Reload the parcel to see what was decided.';
    END IF;
    RETURN n;
END
$$;

CREATE FUNCTION api.approve_delay_notice(p_id bigint, how text, amount numeric, idempotency_key uuid)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_how ALIAS FOR $2;
    p_amount ALIAS FOR $3;
    p_key ALIAS FOR $4;
    n backdesk.delay_notices;
    s backdesk.shipments;
    o backdesk.orders;
    v_amount numeric;
    v_code text;
    v_outbox bigint;
BEGIN
    PERFORM backdesk.require_role('approving delay notices', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_how, 'how', ARRAY['refund', 'gift_code']);
    PERFORM backdesk.need_key(p_key, 'delay notice');
    -- The same key again: the first answer.
    SELECT * INTO n FROM backdesk.delay_notices x WHERE x.id = p_id;
    IF FOUND AND n.status = 'sent' AND n.idempotency_key = p_key THEN
        RETURN n.outbox_id;
    END IF;
    n := backdesk.delay_notice_lock(p_id, 'approved');
    SELECT * INTO s FROM backdesk.shipments x WHERE x.id = n.shipment_id;
    SELECT * INTO o FROM backdesk.orders x WHERE x.id = s.order_id;
    IF (SELECT c.email IS NULL AND c.phone IS NULL FROM backdesk.customers c WHERE c.id = o.customer_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the customer of order %s has neither an e-mail address nor a phone number', o.number),
            HINT = 'Compensate from the order screen (d) and tell the customer when they call.';
    END IF;
    v_amount := coalesce(p_amount, n.amount);
    -- The rules of api.compensate_delay: late, caps and limits, the idempotency key.
    v_code := api.compensate_delay(o.number, p_how, v_amount,
                                   format('late parcel %s %s', backdesk.carrier_name(s.carrier), s.tracking_no),
                                   p_key, NULL);
    v_outbox := backdesk.delay_message(o, s, p_how, v_amount, v_code);
    UPDATE backdesk.delay_notices x
    SET status = 'sent', how = p_how, amount = v_amount, decided_at = now(), decided_by = session_user,
        compensation = v_code, idempotency_key = p_key, outbox_id = v_outbox
    WHERE x.id = n.id;
    PERFORM backdesk.audit('delay_notice.approve', 'shipment', s.id,
        jsonb_build_object('delay_notice_id', n.id, 'order', o.number, 'how', p_how, 'amount', v_amount,
                           'proposed', n.amount, 'outbox_id', v_outbox));
    RETURN v_outbox;
END
$$;

CREATE FUNCTION api.dismiss_delay_notice(p_id bigint, reason text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_reason text;
    n backdesk.delay_notices;
BEGIN
    PERFORM backdesk.require_role('dismissing delay notices', 'agent', 'admin');
    v_reason := backdesk.need_text($2, 'reason', 'Say why the customer gets nothing for this delay.');
    IF length(v_reason) > 500 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('reason is too long (%s characters, at most 500)', length(v_reason)),
            HINT = 'Shorten the reason; nothing was saved.';
    END IF;
    n := backdesk.delay_notice_lock(p_id, 'dismissed');
    UPDATE backdesk.delay_notices x SET status = 'dismissed', decided_at = now(), decided_by = session_user,
        reason = v_reason
    WHERE x.id = n.id;
    PERFORM backdesk.audit('delay_notice.dismiss', 'shipment', n.shipment_id,
        jsonb_build_object('delay_notice_id', n.id, 'reason', v_reason));
END
$$;

------------------------------------------------------------------------------
-- The parcel screen's document.
------------------------------------------------------------------------------
CREATE FUNCTION api.parcel_detail(p_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_role text;
    s backdesk.shipments;
    o backdesk.orders;
    n backdesk.delay_notices;
    v_money boolean;
BEGIN
    v_role := backdesk.require_role('reading parcels', 'agent', 'warehouse', 'supervisor', 'admin');
    v_money := v_role <> 'warehouse';
    SELECT * INTO s FROM backdesk.shipments x WHERE x.id = p_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no parcel %s', coalesce(p_id::text, 'NULL')),
            HINT = 'Search for the tracking number with g.';
    END IF;
    SELECT * INTO o FROM backdesk.orders x WHERE x.id = s.order_id;
    -- A parcel final before 0042 was not filled in (see the backfill above).
    s.promised_to := coalesce(s.promised_to,
                              (backdesk.promised_window(o.deliver_from, o.deliver_to, s.shipped_at)).promised_to);
    s.last_event_at := coalesce(s.last_event_at,
                                (SELECT max(e.occurred_at) FROM backdesk.shipment_events e WHERE e.shipment_id = s.id));
    SELECT * INTO n FROM backdesk.delay_notices x WHERE x.shipment_id = s.id;
    -- Times as the other screens' documents give them (order_detail): minutes, in the
    -- session's zone.
    RETURN jsonb_build_object(
        'id', s.id, 'carrier', s.carrier, 'carrier_name', backdesk.carrier_name(s.carrier),
        'tracking_no', s.tracking_no, 'tracking_url', backdesk.tracking_url(s.carrier, s.tracking_no),
        'status', s.status, 'carrier_code', s.carrier_code, 'carrier_text', s.carrier_text,
        'expected_delivery', s.expected_delivery,
        'promised_from', (backdesk.promised_window(o.deliver_from, o.deliver_to, s.shipped_at)).promised_from,
        'promised_to', s.promised_to,
        'late', backdesk.parcel_late(s.status, s.delivered_at, s.promised_to),
        'stale', backdesk.parcel_stale(s.status, s.last_event_at, s.shipped_at),
        'shipped_at', to_char(s.shipped_at, 'YYYY-MM-DD HH24:MI'), 'shipped_by', s.shipped_by, 'delivered_at', to_char(s.delivered_at, 'YYYY-MM-DD HH24:MI'),
        'last_checked_at', to_char(s.last_checked_at, 'YYYY-MM-DD HH24:MI'), 'next_check_at', to_char(s.next_check_at, 'YYYY-MM-DD HH24:MI'), 'last_error', s.last_error,
        'last_event_at', to_char(s.last_event_at, 'YYYY-MM-DD HH24:MI'), 'version', s.version)
    || jsonb_build_object(
        'order', jsonb_build_object('id', o.id, 'number', o.number, 'status', o.status,
                                    'customer_name', (SELECT c.name FROM backdesk.customers c WHERE c.id = o.customer_id)),
        'events', coalesce((SELECT jsonb_agg(jsonb_build_object('at', to_char(e.occurred_at, 'YYYY-MM-DD HH24:MI'), 'status', e.status,
                                                               'code', e.carrier_code, 'text', e.description,
                                                               'location', e.location)
                                             ORDER BY e.occurred_at DESC, e.id DESC)
                            FROM backdesk.shipment_events e WHERE e.shipment_id = s.id), '[]'),
        'delay_notice', CASE WHEN n.id IS NOT NULL THEN jsonb_build_object(
            'id', n.id, 'status', n.status, 'how', n.how,
            'amount', CASE WHEN v_money THEN n.amount END, 'currency', CASE WHEN v_money THEN n.currency END,
            'created_at', to_char(n.created_at, 'YYYY-MM-DD HH24:MI'), 'decided_by', n.decided_by) END,
        'can', jsonb_build_object('delay_notice', v_role IN ('agent', 'admin') AND n.status IS NOT DISTINCT FROM 'proposed'));
END
$$;

------------------------------------------------------------------------------
-- Who may call what, and what each says.
------------------------------------------------------------------------------
GRANT EXECUTE ON FUNCTION
    api.ship_parcel(text, text, text, jsonb, integer),
    api.scan_resolve(text),
    api.orders_to_pack(integer),
    api.tracking_due(integer),
    api.record_tracking(text, jsonb),
    api.record_tracking_failure(text, text),
    api.parcel_detail(bigint),
    api.propose_delay_notices(),
    api.approve_delay_notice(bigint, text, numeric, uuid),
    api.dismiss_delay_notice(bigint, text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.ship_parcel(text, text, text, jsonb, integer) IS
$$Ships an order (its number in any case, with or without the dash) in one parcel and returns the shipment's id. carrier is a code backdesk knows (yurtici, aras, mng, ptt, dhl, ups, fedex, mpl, gls); tracking_no (upper-cased) must have that carrier's shape and check digit (backdesk.tracking_no_ok, as carrier/carriers.c). p_items, when given, is what was packed: [{"line_no": 1, "qty": 2}], every line of the order with its whole qty (entries of one line add up). The order row is locked first, so of many shipping one order at once exactly one succeeds. The shipment starts PRE_TRANSIT with promised_to (the end of the promised window) and next_check_at in 30 minutes; the order goes to shipped with a new version; the customer's tracking message is queued in the outbox (e-mail, else SMS, else none). p_version is the order's version the caller saw (NULL: not checked). Audited (order.ship).
Who: warehouse, admin.
Refuses: BD001 any other role; BD003 no such order; BD002 a cancelled order, an order not paid yet, an order shipped already (naming its parcel), or p_items not matching the order (naming the first line missing, short or extra); BD004 the order changed since p_version (naming who); BD005 an unknown carrier, a tracking number not of the carrier's shape, p_items not an array of {line_no, qty} whole numbers; BD007 a tracking number already used by a shipment or a return.$$;

COMMENT ON FUNCTION api.scan_resolve(text) IS
$$What a scanned code is, in one round trip: {"kind": "order", "order": {id, number, status, version, ship_by, late, customer_name, lines [{line_no, sku, ean, name, qty}], parcel {carrier, tracking_no, shipped_at} or null, refusal (why it cannot be shipped now: backdesk.ship_refusal) or null}}; {"kind": "return", "return": {number, status, version, order_number, can_receive, refusal}} by the return's number or its parcel's tracking number; {"kind": "shipment", "shipment": {id, carrier, tracking_no, status, order_number}}; {"kind": "product", "product": {sku, ean, name}} by EAN or SKU; else {"kind": "none"}. Order and return numbers match in any case, with or without the dash (backdesk.number_key). Reads only.
Who: warehouse, supervisor, admin.
Refuses: BD001 any other role.$$;

COMMENT ON FUNCTION api.orders_to_pack(integer) IS
$$The orders to pack now: paid or packed, without a parcel, due to ship by today (the shop's day) or earlier; late ones first (ship_by, then placed_at). Each with its number, ship_by, late (backdesk.late_to_ship), lines, units, customer_name and placed_at. p_limit 1 to 1000 (50). Reads only.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD005 a limit out of range.$$;

COMMENT ON FUNCTION api.tracking_due(integer) IS
$$The parcels to ask the carriers about now: not final (delivered, returned, cancelled, expired) and next_check_at passed or never set; most overdue first. id, carrier, tracking_no. p_limit 1 to 10000 (100). Reads only.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD005 a limit out of range.$$;

COMMENT ON FUNCTION api.record_tracking(text, jsonb) IS
$$Records what the carrier said about a parcel (its tracking number): doc as carrier_result_json() writes it (carrier/track.h): {"status", "code", "text", "expected_delivery": "YYYY-MM-DD" or null, "events": [{"at", "status", "code", "text", "location"}]}. Every field is checked; texts are cut to their columns' lengths; at most 500 events, each at a time with its zone, not in the future. New events are added (the same time, code and place again is the same event); the parcel takes the status, the carrier's code and words, expected_delivery, last_checked_at, last_event_at, and last_error is cleared; next_check_at is NULL once final, else in 30 minutes (15 in EXCEPTION). DELIVERED sets delivered_at (the delivery event's time) and moves a shipped order to delivered (audited: order.deliver). Returns {"status", "changed": whether the status changed, "new_events": how many}. Any staff login may call it, because the console of whoever refreshes writes the carrier's answer: the trade-off is that a login could write a forged answer by hand; every status change is audited (shipment.track) with the login that wrote it.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD005 doc not an object, an unknown status, a field of the wrong type, a bad day or time, more than 500 events; BD003 no parcel with that tracking number.$$;

COMMENT ON FUNCTION api.record_tracking_failure(text, text) IS
$$Records that asking the carrier about a parcel (its tracking number) failed: last_checked_at now, last_error the sentence (500 characters), next_check_at in an hour (NULL once final). Audited (shipment.track_failed) when the sentence differs from the last one.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD005 no error sentence; BD003 no parcel with that tracking number.$$;

COMMENT ON FUNCTION api.parcel_detail(bigint) IS
$$One parcel (its shipment id) as a JSON document, for the parcel screen: id, carrier, carrier_name, tracking_no, tracking_url, status, carrier_code, carrier_text, expected_delivery, promised_from, promised_to, late (past promised_to on its way, or delivered after it: backdesk.parcel_late), stale (not final and no event for parcel_stale_days: backdesk.parcel_stale), shipped_at, shipped_by, delivered_at, last_checked_at, next_check_at, last_error, last_event_at, version, order {id, number, status, customer_name}, events [{at, status, code, text, location}] newest first, delay_notice {id, status, how, amount, currency, created_at, decided_by} (times as YYYY-MM-DD HH24:MI) or null (amount and currency null for the warehouse), can {delay_notice: the caller may approve or dismiss a proposed notice}. Reads only.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no such parcel.$$;

COMMENT ON FUNCTION api.propose_delay_notices() IS
$$Proposes a delay notice for every parcel still on its way after its promised day (promised_to before the shop's today) that has none: a gift code worth delay_compensation_percent (backdesk.settings, 10) of the order's lines total, rounded to cents; a proposal of nothing is not made. Returns how many were proposed. Run by `backdesk track --due`. Audited (delay_notice.propose, one row each).
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role.$$;

COMMENT ON FUNCTION api.approve_delay_notice(bigint, text, numeric, uuid) IS
$$Approves a proposed delay notice: the compensation (how refund or gift_code; amount, NULL for the proposed one) is given through api.compensate_delay with its rules (the order late, the role's limits, the idempotency key), the customer's delay message (outbox kind delay, e-mail else SMS) is queued, and the notice becomes sent. Returns the outbox id; the same idempotency_key again returns it again. Audited (delay_notice.approve, and order.compensate).
Who: agent, admin.
Refuses: BD001 any other role; BD005 how not refund or gift_code, no key, a bad amount; BD003 no such notice; BD002 a notice sent or dismissed already (naming who), a customer without e-mail and phone, an order not late; BD006 over the role's limits; BD007 the key used for another compensation.$$;

COMMENT ON FUNCTION api.dismiss_delay_notice(bigint, text) IS
$$Dismisses a proposed delay notice, saying why (500 characters): the customer gets nothing for this delay. Audited (delay_notice.dismiss).
Who: agent, admin.
Refuses: BD001 any other role; BD005 no reason, or too long; BD003 no such notice; BD002 a notice sent or dismissed already (naming who).$$;
