-- 0021 carrier names for customers: the answers and the order e-mails named the
-- carrier by its code ("Kargonuz ptt firmasında", "yurtici: 7012…").  A customer
-- reads the carrier's own name.  backdesk.carrier_name is, like
-- backdesk.tracking_url, the database's side of carrier/carriers.c;
-- tests/unit/test_carrier.c fails when the two lists name different carriers or
-- different names.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- An unknown code stays itself: a parcel from a carrier added later still says
-- something true.
CREATE FUNCTION backdesk.carrier_name(p_carrier text) RETURNS text
    LANGUAGE sql IMMUTABLE
RETURN CASE lower(p_carrier)
        WHEN 'yurtici' THEN 'Yurtiçi Kargo'
        WHEN 'aras' THEN 'Aras Kargo'
        WHEN 'mng' THEN 'MNG Kargo'
        WHEN 'ptt' THEN 'PTT Kargo'
        WHEN 'dhl' THEN 'DHL'
        WHEN 'ups' THEN 'UPS'
        WHEN 'fedex' THEN 'FedEx'
        WHEN 'mpl' THEN 'MPL (Magyar Posta)'
        WHEN 'gls' THEN 'GLS'
        ELSE p_carrier
    END;

-- {carrier} in an answer is the name; answer_values keeps the code (why a value
-- is missing does not depend on it).
CREATE OR REPLACE FUNCTION backdesk.answer_fill(p_template backdesk.templates, p_order backdesk.orders) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_values jsonb;
    r record;
BEGIN
    SELECT u AS name, coalesce(v.why_not, 'backdesk does not fill it') AS why_not INTO r
    FROM unnest(backdesk.template_uses(p_template.body)) u
    LEFT JOIN backdesk.answer_values(p_order.id, p_template.locale) v ON v.name = u
    WHERE v.value IS NULL
    ORDER BY u LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the answer "%s" needs {%s}, which order %s does not have: %s',
                             p_template.title, r.name, p_order.number, r.why_not),
            HINT = 'Use one of the answers offered for this order (api.order_answers, w on the order).';
    END IF;
    SELECT jsonb_object_agg(v.name, CASE v.name WHEN 'carrier' THEN backdesk.carrier_name(v.value)
                                               ELSE v.value END) INTO v_values
    FROM backdesk.answer_values(p_order.id, p_template.locale) v WHERE v.value IS NOT NULL;
    RETURN backdesk.fill_placeholders(p_template.body, v_values);
END
$$;

-- The order e-mails (confirmation, tracking): as in 0017, with the carrier's name.
CREATE OR REPLACE FUNCTION api.queue_message(order_number text, kind text, p_channel text DEFAULT 'email')
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_kind ALIAS FOR $2;
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
    PERFORM backdesk.audit('message.queue', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'outbox_id', v_id, 'kind', p_kind,
                           'channel', coalesce(p_channel, 'email'), 'locale', v_lang));
    RETURN v_id;
END
$$;
