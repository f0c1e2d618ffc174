-- 0050 amounts and dates in a customer's mail in the customer's language (issue 16).
--
-- The outbox's vars and the sentences SQL writes into them carried amounts as
-- numeric::text ("52480.00") and dates as ISO whatever the customer's language.
-- Now they are written as the language writes them, like 0017's money_words does
-- for the shop's answer templates (the same marks, so a customer reads one way in
-- every message):
--   en  52,480.00   2026-11-24
--   tr  52.480,00   24.11.2026
--   hu  52 480,00   2026-11-24  (the form Hungarian allows for dates, and the one
--                                 its suffixes follow: "2026-11-24-ig")
-- The currency's code stays a var of its own ({total} {currency} in the files).
-- Done here rather than when the sender renders a file: the dates and amounts
-- inside sentences (a delivery window, a delay's compensation, the lines of an
-- order, an SMS) are written here, so only here are they all in one place.
-- The console's screens follow the staff member's locale instead (common/locale_fmt.c):
-- glibc's tr_TR writes 20-11-2026 and its hu_HU groups with '.', a mail keeps the
-- forms above.
-- Replaced: backdesk.order_message and backdesk.delay_message (0049),
-- backdesk.outbox_on_refund (0045); their bodies are 0049's and 0045's but for
-- the formatting.  answer_values (the shop's answer templates, 0017/0039) still
-- fills dates in ISO.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- An amount with the currency's minor units in the language's marks, without the
-- code: "52 480,00" (hu).  NULL for NULL or a currency backdesk does not know.
CREATE FUNCTION backdesk.format_money(p_amount numeric, p_currency text, p_lang text) RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT translate(to_char(round(p_amount, c.minor_units),
                             'FM999,999,999,999,990' || CASE WHEN c.minor_units > 0
                                                             THEN '.' || repeat('0', c.minor_units) ELSE '' END),
                     ',.', CASE backdesk.message_locale(p_lang) WHEN 'tr' THEN '.,' WHEN 'hu' THEN ' ,' ELSE ',.' END)
    FROM backdesk.currencies c WHERE c.code = p_currency;
$$;
COMMENT ON FUNCTION backdesk.format_money(numeric, text, text) IS
$$An amount as a customer writing p_lang (tr, hu, anything else English) reads it: the currency's minor units, grouped in threes ("52,480.00", "52.480,00", "52 480,00"), without the code.  Reads only.$$;

-- A day as the language writes it in a mail: "24.11.2026" (tr), ISO otherwise.
CREATE FUNCTION backdesk.format_date(p_date date, p_lang text) RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN CASE backdesk.message_locale(p_lang)
           WHEN 'tr' THEN to_char(p_date, 'DD.MM.YYYY')
           ELSE to_char(p_date, 'YYYY-MM-DD') END;
COMMENT ON FUNCTION backdesk.format_date(date, text) IS
$$A day as a customer writing p_lang reads it in a mail: "24.11.2026" (tr), "2026-11-24" (hu, en).  NULL for NULL.$$;

CREATE OR REPLACE FUNCTION backdesk.order_message(p_order backdesk.orders, p_kind text, p_channel text,
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
    v_vars jsonb;
    v_total text;
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
            WHEN 'tr' THEN format('Tahmini teslimat: %s – %s arası.', backdesk.format_date(v_from, v_lang),
                                  backdesk.format_date(v_until, v_lang))
            WHEN 'hu' THEN format('Várható kézbesítés: %s és %s között.', backdesk.format_date(v_from, v_lang),
                                  backdesk.format_date(v_until, v_lang))
            ELSE format('Expected delivery: between %s and %s.', backdesk.format_date(v_from, v_lang),
                        backdesk.format_date(v_until, v_lang)) END;
    ELSIF v_until IS NOT NULL THEN
        v_window := CASE v_lang
            WHEN 'tr' THEN format('Tahmini teslimat: en geç %s.', backdesk.format_date(v_until, v_lang))
            WHEN 'hu' THEN format('Várható kézbesítés: legkésőbb %s.', backdesk.format_date(v_until, v_lang))
            ELSE format('Expected delivery: by %s.', backdesk.format_date(v_until, v_lang)) END;
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
        v_vars := jsonb_build_object('order_number', v_order.number, 'parcels', v_parcels,
                                     'delivery_window', coalesce(v_window, ''));
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
                WHEN 'tr' THEN format('Siparişinizi en geç %s tarihinde kargoya vereceğiz.', backdesk.format_date((v_values ->> 'ship_by')::date, v_lang))
                WHEN 'hu' THEN format('Legkésőbb %s-ig feladjuk.', backdesk.format_date((v_values ->> 'ship_by')::date, v_lang))
                ELSE format('We will ship it by %s.', backdesk.format_date((v_values ->> 'ship_by')::date, v_lang)) END
            WHEN v_values ? 'new_ship_by' THEN CASE v_lang
                WHEN 'tr' THEN format('Siparişinizi söz verdiğimiz tarihte kargoya veremediğimiz için özür dileriz; en geç %s tarihinde kargoya vereceğiz.', backdesk.format_date((v_values ->> 'new_ship_by')::date, v_lang))
                WHEN 'hu' THEN format('Sajnáljuk, hogy nem adtuk fel az ígért napon; legkésőbb %s-ig feladjuk.', backdesk.format_date((v_values ->> 'new_ship_by')::date, v_lang))
                ELSE format('We are sorry that it did not leave us on the day we promised; we will ship it by %s.', backdesk.format_date((v_values ->> 'new_ship_by')::date, v_lang)) END
            WHEN v_order.status = 'pending' THEN CASE v_lang
                WHEN 'tr' THEN 'Ödemeniz onaylanır onaylanmaz siparişinizi kargoya vereceğiz.'
                WHEN 'hu' THEN 'A fizetés visszaigazolása után azonnal feladjuk.'
                ELSE 'We will ship it as soon as the payment is confirmed.' END
            ELSE CASE v_lang
                WHEN 'tr' THEN 'Siparişiniz kargoya verildi.'
                WHEN 'hu' THEN 'A rendelését már feladtuk.'
                ELSE 'It has been shipped.' END
            END;
        SELECT string_agg(format('%s × %s  %s %s', l.qty, l.name,
                                 backdesk.format_money(l.line_total, v_order.currency, v_lang), v_order.currency), E'\n'
                          ORDER BY l.line_no)
        INTO v_lines FROM backdesk.order_lines l WHERE l.order_id = v_order.id;
        v_total := backdesk.format_money(v_order.total, v_order.currency, v_lang);
        v_vars := jsonb_build_object('order_number', v_order.number, 'lines', coalesce(v_lines, ''),
                                     'total', v_total, 'currency', v_order.currency,
                                     'shipping', concat_ws(' ', v_ship, v_window));
        v_subject := CASE v_lang
            WHEN 'tr' THEN format('%s numaralı siparişiniz için teşekkür ederiz', v_order.number)
            WHEN 'hu' THEN format('Köszönjük a rendelését (%s)', v_order.number)
            ELSE format('Thank you for your order %s', v_order.number) END;
        v_body := CASE v_lang
            WHEN 'tr' THEN format(E'Merhaba %s,\n\n%s numaralı siparişinizi aldık.\n%s\nToplam: %s %s\n\n%s\n\nBizi tercih ettiğiniz için teşekkür ederiz.',
                                  v_cust.name, v_order.number, coalesce(v_lines, ''), v_total, v_order.currency,
                                  concat_ws(' ', v_ship, v_window))
            WHEN 'hu' THEN format(E'Kedves %s!\n\nMegkaptuk a(z) %s számú rendelését.\n%s\nÖsszesen: %s %s\n\n%s\n\nKöszönjük, hogy nálunk vásárolt!',
                                  v_cust.name, v_order.number, coalesce(v_lines, ''), v_total, v_order.currency,
                                  concat_ws(' ', v_ship, v_window))
            ELSE format(E'Hello %s,\n\nthank you for your order %s.\n%s\nTotal: %s %s\n\n%s\n\nThank you for shopping with us.',
                        v_cust.name, v_order.number, coalesce(v_lines, ''), v_total, v_order.currency,
                        concat_ws(' ', v_ship, v_window)) END;
    END IF;

    IF coalesce(p_channel, 'email') = 'email' THEN
        v_id := backdesk.outbox_queue_file(p_kind, v_cust.id, v_order.id, NULL, v_vars,
            format(CASE p_kind WHEN 'tracking' THEN 'Tracking of order %s' ELSE 'Confirmation of order %s' END,
                   v_order.number));
    ELSE
        INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, recipient, subject, body)
        VALUES (p_kind, coalesce(p_channel, 'email'), v_cust.id, v_order.id, v_to, v_subject, v_body)
        RETURNING id INTO v_id;
    END IF;
    outbox_id := v_id;
    locale := v_lang;
END
$$;
CREATE OR REPLACE FUNCTION backdesk.delay_message(p_order backdesk.orders, p_shipment backdesk.shipments, p_how text,
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
    v_amount text;
    v_promised text;
BEGIN
    SELECT * INTO c FROM backdesk.customers x WHERE x.id = p_order.customer_id;
    v_lang := backdesk.message_locale(c.locale);
    v_amount := backdesk.format_money(p_amount, p_order.currency, v_lang);
    v_promised := backdesk.format_date(p_shipment.promised_to, v_lang);
    v_what := CASE p_how
        WHEN 'gift_code' THEN CASE v_lang
            WHEN 'tr' THEN format('Özür olarak %s %s değerinde bir hediye kodu: %s', v_amount, p_order.currency, p_code)
            WHEN 'hu' THEN format('Elnézésként egy %s %s értékű ajándékkód: %s', v_amount, p_order.currency, p_code)
            ELSE format('As an apology, a gift code worth %s %s: %s', v_amount, p_order.currency, p_code) END
        ELSE CASE v_lang
            WHEN 'tr' THEN format('Özür olarak %s %s iade ediyoruz.', v_amount, p_order.currency)
            WHEN 'hu' THEN format('Elnézésként %s %s összeget visszatérítünk.', v_amount, p_order.currency)
            ELSE format('As an apology, we are refunding %s %s.', v_amount, p_order.currency) END END;
    IF c.email IS NOT NULL THEN
        RETURN backdesk.outbox_queue_file('delay', c.id, p_order.id, NULL,
            jsonb_build_object('order_number', p_order.number, 'promised_date', coalesce(v_promised, ''),
                               'carrier', backdesk.carrier_name(p_shipment.carrier),
                               'tracking_number', p_shipment.tracking_no, 'compensation', v_what),
            format('Delay notice for order %s', p_order.number));
    END IF;
    v_subject := CASE v_lang
        WHEN 'tr' THEN format('%s numaralı siparişiniz gecikti', p_order.number)
        WHEN 'hu' THEN format('A(z) %s számú rendelése késik', p_order.number)
        ELSE format('Your order %s is late', p_order.number) END;
    v_body := CASE v_lang
        WHEN 'tr' THEN format(E'Merhaba %s,\n\n%s numaralı siparişiniz söz verdiğimiz tarihte (%s) ulaşmadı. Kargo: %s %s\n%s\n\nAnlayışınız için teşekkür ederiz.',
                              c.name, p_order.number, v_promised, backdesk.carrier_name(p_shipment.carrier),
                              p_shipment.tracking_no, v_what)
        WHEN 'hu' THEN format(E'Kedves %s!\n\nA(z) %s számú rendelése nem érkezett meg az ígért napig (%s). Csomag: %s %s\n%s\n\nKöszönjük a türelmét!',
                              c.name, p_order.number, v_promised, backdesk.carrier_name(p_shipment.carrier),
                              p_shipment.tracking_no, v_what)
        ELSE format(E'Hello %s,\n\nyour order %s did not reach you by the day we promised (%s). Parcel: %s %s\n%s\n\nThank you for your patience.',
                    c.name, p_order.number, v_promised, backdesk.carrier_name(p_shipment.carrier),
                    p_shipment.tracking_no, v_what) END;
    INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, recipient, subject, body)
    VALUES ('delay', CASE WHEN c.email IS NOT NULL THEN 'email' ELSE 'sms' END, c.id, p_order.id,
            coalesce(c.email, c.phone), v_subject, v_body)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;
CREATE OR REPLACE FUNCTION backdesk.outbox_on_refund() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_order backdesk.orders;
    v_lang text;
BEGIN
    IF backdesk.outbox_bulk_loading() THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.id = NEW.order_id;
    SELECT backdesk.message_locale(c.locale) INTO v_lang FROM backdesk.customers c WHERE c.id = v_order.customer_id;
    PERFORM backdesk.outbox_queue_template('refund_issued', v_order.customer_id, v_order.id,
        jsonb_build_object('order_number', v_order.number,
                           'amount', backdesk.format_money(NEW.amount, v_order.currency, v_lang),
                           'currency', v_order.currency::text),
        format('Refund of %s %s for order %s', NEW.amount, v_order.currency, v_order.number));
    RETURN NULL;
END
$$;
