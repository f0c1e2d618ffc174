-- 0049 every e-mail to a customer is written from a template file (issue 16).
--
-- 0045 moved the new kinds to files (templates/LANG/KIND.txt, rendered by the
-- sender with the row's vars); the older ones were still written whole in SQL in
-- the customer's language, so the shop could not reword them.  Now the order
-- confirmation, tracking (shipped), delay notice, satisfaction survey and ticket
-- reply (api.add_ticket_message and api.apply_macro: the agent's or macro's text
-- is {body} in the frame file) go by e-mail with lang and vars, and subject/body
-- only say in English what the message is for staff screens (nothing shows them
-- to a customer; :outbox and the previews render the file).
-- What stays rendered in SQL:
-- * SMS (channel sms): no mail is sent for them, no file is read.
-- * kind 'template': the shop's answer templates (backdesk.templates) are the
--   shop's own texts, kept and edited in the database.
-- * Sentences that depend on the case (when an order ships, a delivery window, a
--   delay's gift code or refund) are values written in the customer's language,
--   like {items} of a return: a file rewords the message around them.
-- tests/shell/template_vars.t checks that each kind's vars here are exactly the
-- values its files may use (mail/template.c).

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- A file-rendered e-mail: 0045's outbox_queue_template with the ticket too.
-- Returns the outbox id, NULL when the customer has no e-mail.
CREATE FUNCTION backdesk.outbox_queue_file(p_kind text, p_customer bigint, p_order bigint, p_ticket bigint,
                                           p_vars jsonb, p_summary text) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_cust backdesk.customers;
    v_id bigint;
BEGIN
    SELECT * INTO v_cust FROM backdesk.customers c WHERE c.id = p_customer;
    IF v_cust.id IS NULL OR v_cust.email IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, ticket_id, recipient, subject, body, vars)
    VALUES (p_kind, 'email', v_cust.id, p_order, p_ticket, v_cust.email, left(p_summary, 300),
            '(rendered from the ' || p_kind || ' template when sent)',
            jsonb_build_object('customer_name', v_cust.name) || p_vars)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

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
        v_vars := jsonb_build_object('order_number', v_order.number, 'lines', coalesce(v_lines, ''),
                                     'total', v_order.total::text, 'currency', v_order.currency,
                                     'shipping', concat_ws(' ', v_ship, v_window));
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
    IF c.email IS NOT NULL THEN
        RETURN backdesk.outbox_queue_file('delay', c.id, p_order.id, NULL,
            jsonb_build_object('order_number', p_order.number, 'promised_date', p_shipment.promised_to::text,
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

CREATE OR REPLACE FUNCTION backdesk.queue_survey() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_cust backdesk.customers;
    v_lang text;
BEGIN
    SELECT * INTO v_cust FROM backdesk.customers c WHERE c.id = NEW.customer_id;
    IF v_cust.id IS NULL THEN
        RETURN NULL;
    END IF;
    v_lang := backdesk.message_locale(v_cust.locale);
    IF v_cust.email IS NOT NULL THEN
        IF NOT EXISTS (SELECT FROM backdesk.outbox o WHERE o.ticket_id = NEW.id AND o.kind = 'survey') THEN
            PERFORM backdesk.outbox_queue_file('survey', v_cust.id, NEW.order_id, NEW.id,
                jsonb_build_object('ticket_number', NEW.number), format('Satisfaction survey for %s', NEW.number));
        END IF;
        RETURN NULL;
    END IF;
    INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, ticket_id, recipient, subject, body)
    VALUES ('survey', CASE WHEN v_cust.email IS NOT NULL THEN 'email' ELSE 'sms' END, v_cust.id, NEW.order_id, NEW.id,
            coalesce(v_cust.email, v_cust.phone),
            CASE v_lang WHEN 'tr' THEN format('Size nasıl yardımcı olduk? (%s)', NEW.number)
                        WHEN 'hu' THEN format('Hogyan segítettünk? (%s)', NEW.number)
                        ELSE format('How did we do? (%s)', NEW.number) END,
            CASE v_lang
                WHEN 'tr' THEN format(E'Merhaba %s,\n\n%s numaralı talebinizi çözdük. Size nasıl yardımcı olduğumuzu 1 (hiç memnun değilim) ile 5 (çok memnunum) arasında bir puanla değerlendirir misiniz? Bu mesajı bir rakam ve dilerseniz birkaç kelimeyle yanıtlamanız yeterli.\n\nTeşekkür ederiz.', v_cust.name, NEW.number)
                WHEN 'hu' THEN format(E'Kedves %s!\n\nA(z) %s számú ügyét lezártuk. Kérjük, értékelje 1-től (egyáltalán nem elégedett) 5-ig (nagyon elégedett), hogyan segítettünk! Elég egy számmal és ha szeretné, néhány szóval válaszolnia erre az üzenetre.\n\nKöszönjük!', v_cust.name, NEW.number)
                ELSE format(E'Hello %s,\n\nwe have resolved your request %s. How did we do, from 1 (not at all satisfied) to 5 (very satisfied)? Just reply to this message with a number and, if you like, a few words.\n\nThank you.', v_cust.name, NEW.number)
            END)
    ON CONFLICT (ticket_id) WHERE kind = 'survey' DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION api.add_ticket_message(ticket text, kind text, body text, p_version integer DEFAULT NULL,
                                       call_seconds integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    p_kind ALIAS FOR $2;
    p_body ALIAS FOR $3;
    p_seconds ALIAS FOR $5;
    v backdesk.tickets;
    v_cust backdesk.customers;
    v_body text;
    v_lang text;
    v_channel text;
    v_to text;
    v_subject text;
    v_msg bigint;
    v_outbox bigint;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('writing on tickets', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_kind, 'kind', ARRAY['note', 'reply', 'call']);
    -- A reply may be longer than need_text's fields: the column's own bound.
    v_body := btrim(p_body);
    IF v_body IS NULL OR v_body = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'message is missing', HINT = 'Write the message.';
    END IF;
    IF length(v_body) > 20000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('message is too long (%s characters, at most 20000)', length(v_body)),
            HINT = 'Shorten the message; nothing was saved.';
    END IF;
    IF p_kind = 'call' AND (p_seconds IS NULL OR p_seconds < 0 OR p_seconds > 86400) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('call_seconds must be between 0 and 86400, got %s', coalesce(p_seconds::text, 'nothing')),
            HINT = 'Give the length of the call in seconds.';
    END IF;
    IF p_kind <> 'call' AND p_seconds IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('call_seconds is only for a call, not a %s', p_kind),
            HINT = 'Leave call_seconds out.';
    END IF;
    v := backdesk.ticket_for_update(p_ticket);
    PERFORM backdesk.check_ticket_version(v, p_version);
    IF p_kind <> 'note' THEN
        PERFORM backdesk.need_ticket_not_closed(v, CASE p_kind WHEN 'reply' THEN 'replying' ELSE 'logging a call' END);
    ELSIF v.merged_into IS NOT NULL THEN
        PERFORM backdesk.need_ticket_not_closed(v, 'adding a note');
    END IF;

    IF p_kind = 'reply' THEN
        SELECT * INTO v_cust FROM backdesk.customers c WHERE c.id = v.customer_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('ticket %s has no customer to reply to', v.number),
                HINT = 'Link the ticket to an order of the customer first, or write a note.';
        END IF;
        IF v_cust.email IS NOT NULL THEN
            v_channel := 'email';
            v_to := v_cust.email;
        ELSIF v_cust.phone IS NOT NULL THEN
            v_channel := 'sms';
            v_to := v_cust.phone;
        ELSE
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('customer %s has neither an e-mail address nor a phone number', v_cust.name),
                HINT = 'Write a note; a reply cannot reach them.';
        END IF;
        v_lang := backdesk.message_locale(v_cust.locale);
        IF v_channel = 'email' THEN
            v_outbox := backdesk.outbox_queue_file('reply', v_cust.id, v.order_id, v.id,
                jsonb_build_object('ticket_number', v.number, 'ticket_subject', v.subject, 'body', v_body),
                format('Reply on %s: %s', v.number, v.subject));
        ELSE
        v_subject := CASE v_lang
            WHEN 'tr' THEN format('Destek talebiniz %s: %s', v.number, v.subject)
            WHEN 'hu' THEN format('Ügyfélszolgálati megkeresése (%s): %s', v.number, v.subject)
            ELSE format('Your request %s: %s', v.number, v.subject) END;
        INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, ticket_id, recipient, subject, body)
        VALUES ('reply', v_channel, v_cust.id, v.order_id, v.id, v_to, left(v_subject, 300),
                v_body || E'\n\n' || CASE v_lang
                    WHEN 'tr' THEN format('Yanıtlarken lütfen %s numarasını koruyun.', v.number)
                    WHEN 'hu' THEN format('Válaszában kérjük, hivatkozzon erre: %s.', v.number)
                    ELSE format('When you reply, please keep %s in the subject.', v.number) END)
        RETURNING id INTO v_outbox;
        END IF;
    END IF;

    INSERT INTO backdesk.ticket_messages (ticket_id, kind, body, call_seconds)
    VALUES (v.id, p_kind, v_body, p_seconds)
    RETURNING id INTO v_msg;
    UPDATE backdesk.tickets t
    SET first_response_at = CASE WHEN p_kind IN ('reply', 'call') THEN coalesce(t.first_response_at, now())
                                 ELSE t.first_response_at END,
        status = CASE WHEN p_kind IN ('reply', 'call') AND t.status = 'new' THEN 'open' ELSE t.status END,
        version = t.version + 1, updated_at = now()
    WHERE t.id = v.id
    RETURNING t.version INTO v_version;
    PERFORM backdesk.audit('ticket.message', 'ticket', v.id,
        jsonb_build_object('number', v.number, 'kind', p_kind, 'message_id', v_msg, 'outbox_id', v_outbox,
                           'channel', v_channel, 'locale', v_lang, 'seconds', p_seconds, 'version', v_version));
    RETURN v_msg;
END
$$;

CREATE OR REPLACE FUNCTION api.apply_macro(ticket text, macro text, p_version integer DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_ticket backdesk.tickets;
    v_macro backdesk.macros;
    v_cust backdesk.customers;
    v_reply text;
    v_status text;
    v_channel text;
    v_to text;
    v_lang text;
    v_msg bigint;
    v_outbox bigint;
    v_who text;
    v_at timestamptz;
BEGIN
    PERFORM backdesk.require_role('applying macros', 'agent', 'admin');
    v_macro := backdesk.need_macro(macro);
    IF NOT v_macro.active THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = format('macro %s is no longer in use', v_macro.code),
            HINT = 'Choose one of api.ticket_macros().';
    END IF;
    v_ticket := backdesk.inbound_need_ticket(ticket, true);
    -- The version the agent saw (the life part's ticket version check, written out).
    IF p_version IS NOT NULL AND p_version <> v_ticket.version THEN
        SELECT coalesce(s.full_name, a.actor), a.at INTO v_who, v_at
        FROM backdesk.audit_log a LEFT JOIN backdesk.staff s ON s.login = a.actor
        WHERE a.entity = 'ticket' AND a.entity_id = v_ticket.id
        ORDER BY a.at DESC, a.id DESC LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'BD004',
            MESSAGE = format('ticket %s was changed by %s at %s', v_ticket.number, coalesce(v_who, 'someone else'),
                             to_char(coalesce(v_at, v_ticket.updated_at), 'HH24:MI')),
            DETAIL = format('You saw version %s; it is at version %s now.', p_version, v_ticket.version),
            HINT = 'Reload the ticket and apply the macro again.';
    END IF;
    IF v_ticket.status = 'closed' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = format('ticket %s is closed', v_ticket.number),
            HINT = 'A closed ticket takes nothing more; a new message from the customer opens a new one.';
    END IF;
    v_status := v_ticket.status;
    IF v_macro.set_status IS NOT NULL AND v_macro.set_status <> v_ticket.status THEN
        IF NOT backdesk.ticket_transition_ok(v_ticket.status, v_macro.set_status) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('macro %s would take ticket %s from %s to %s, which is not a step a ticket takes',
                                 v_macro.code, v_ticket.number, v_ticket.status, v_macro.set_status),
                HINT = 'Change the status by hand first, or use another macro.';
        END IF;
        v_status := v_macro.set_status;
    END IF;

    v_reply := backdesk.macro_render(v_macro, v_ticket);
    IF v_reply IS NOT NULL THEN
        SELECT * INTO v_cust FROM backdesk.customers c WHERE c.id = v_ticket.customer_id;
        IF v_cust.id IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = format('ticket %s has no customer to reply to', v_ticket.number),
                HINT = 'Use a macro without a reply, or add a note.';
        END IF;
        v_lang := backdesk.message_locale(v_cust.locale);
        v_channel := CASE WHEN v_cust.email IS NOT NULL THEN 'email' ELSE 'sms' END;
        v_to := coalesce(v_cust.email, v_cust.phone);
        INSERT INTO backdesk.ticket_messages (ticket_id, kind, body) VALUES (v_ticket.id, 'reply', v_reply)
        RETURNING id INTO v_msg;
        IF v_channel = 'email' THEN
            v_outbox := backdesk.outbox_queue_file('reply', v_cust.id, v_ticket.order_id, v_ticket.id,
                jsonb_build_object('ticket_number', v_ticket.number, 'ticket_subject', v_ticket.subject,
                                   'body', v_reply),
                format('Reply on %s: %s', v_ticket.number, v_ticket.subject));
        ELSE
            INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, ticket_id, recipient, subject, body)
            VALUES ('reply', v_channel, v_cust.id, v_ticket.order_id, v_ticket.id, v_to,
                    left(format('%s [%s]', v_ticket.subject, v_ticket.number), 300), v_reply)
            RETURNING id INTO v_outbox;
        END IF;
        IF v_status = 'new' THEN
            v_status := 'open';   -- answered: someone is on it
        END IF;
    END IF;

    UPDATE backdesk.tickets
    SET status = v_status,
        priority = coalesce(v_macro.set_priority, priority),
        category = coalesce(v_macro.set_category, category),
        first_response_at = CASE WHEN v_reply IS NOT NULL THEN coalesce(first_response_at, now()) ELSE first_response_at END,
        solved_at = CASE WHEN v_status = 'solved' AND status <> 'solved' THEN now()
                         WHEN v_status <> 'solved' THEN NULL ELSE solved_at END,
        version = version + 1, updated_at = now()
    WHERE id = v_ticket.id
    RETURNING * INTO v_ticket;
    PERFORM backdesk.audit('ticket.macro', 'ticket', v_ticket.id,
        jsonb_build_object('number', v_ticket.number, 'macro', v_macro.code, 'version', v_ticket.version,
                           'status', v_ticket.status, 'priority', v_ticket.priority, 'category', v_ticket.category,
                           'message_id', v_msg, 'outbox_id', v_outbox, 'locale', v_lang));
    RETURN v_ticket.version;
END
$$;

------------------------------------------------------------------------------
-- Previews: the message exactly as the change would queue it, without keeping
-- it (the change in a subtransaction that is rolled back, like 0045's
-- api.preview_reply), with kind and vars so the console renders the file as
-- the sender will.
------------------------------------------------------------------------------
DROP FUNCTION api.preview_reply(text, text, integer);
CREATE FUNCTION api.preview_reply(ticket text, body text, p_version integer DEFAULT NULL,
                                  OUT recipient text, OUT lang text, OUT subject text, OUT message text,
                                  OUT kind text, OUT vars jsonb)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
    p_ticket ALIAS FOR $1;
    p_body ALIAS FOR $2;
    v_row backdesk.outbox;
BEGIN
    PERFORM backdesk.require_role('replying to customers', 'agent', 'admin');
    BEGIN
        PERFORM api.add_ticket_message(p_ticket, 'reply', p_body, p_version);
        SELECT * INTO v_row FROM backdesk.outbox o
        WHERE o.ticket_id = (SELECT t.id FROM backdesk.tickets t WHERE t.number = p_ticket)
        ORDER BY o.id DESC LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'BDP00', MESSAGE = 'preview only';
    EXCEPTION WHEN SQLSTATE 'BDP00' THEN
        NULL;
    END;
    recipient := v_row.recipient;
    lang := v_row.lang;
    subject := v_row.subject;
    message := v_row.body;
    kind := v_row.kind;
    vars := v_row.vars;
END
$$;

CREATE FUNCTION api.preview_message(order_number text, kind text, p_channel text DEFAULT 'email',
                                    OUT recipient text, OUT lang text, OUT subject text, OUT message text,
                                    OUT channel text, OUT vars jsonb)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
    v_id bigint;
    v_row backdesk.outbox;
BEGIN
    PERFORM backdesk.require_role('sending messages to customers', 'agent', 'admin');
    BEGIN
        v_id := api.queue_message($1, $2, p_channel);
        SELECT * INTO v_row FROM backdesk.outbox o WHERE o.id = v_id;
        RAISE EXCEPTION USING ERRCODE = 'BDP00', MESSAGE = 'preview only';
    EXCEPTION WHEN SQLSTATE 'BDP00' THEN
        NULL;
    END;
    recipient := v_row.recipient;
    lang := v_row.lang;
    subject := v_row.subject;
    message := v_row.body;
    channel := v_row.channel;
    vars := v_row.vars;
END
$$;

CREATE FUNCTION api.preview_delay_notice(p_id bigint, how text, amount numeric,
                                         OUT recipient text, OUT lang text, OUT subject text, OUT message text,
                                         OUT channel text, OUT vars jsonb)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
    v_id bigint;
    v_row backdesk.outbox;
BEGIN
    PERFORM backdesk.require_role('approving delay notices', 'agent', 'admin');
    BEGIN
        v_id := api.approve_delay_notice(p_id, $2, $3, gen_random_uuid());
        SELECT * INTO v_row FROM backdesk.outbox o WHERE o.id = v_id;
        RAISE EXCEPTION USING ERRCODE = 'BDP00', MESSAGE = 'preview only';
    EXCEPTION WHEN SQLSTATE 'BDP00' THEN
        NULL;
    END;
    recipient := v_row.recipient;
    lang := v_row.lang;
    subject := v_row.subject;
    message := v_row.body;
    channel := v_row.channel;
    vars := v_row.vars;
END
$$;

REVOKE ALL ON FUNCTION api.preview_reply(text, text, integer), api.preview_message(text, text, text),
    api.preview_delay_notice(bigint, text, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.preview_reply(text, text, integer), api.preview_message(text, text, text),
    api.preview_delay_notice(bigint, text, numeric)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.preview_reply(text, text, integer) IS
$$The reply api.add_ticket_message would queue for this ticket and body, without queuing it: recipient, lang, subject and message (for an e-mail, only what it is for: the console renders templates/LANG/reply.txt with vars, as the sender will; for an SMS, the text), kind and vars. The call is made and rolled back, so its refusals are add_ticket_message's and the preview is the message. Writes nothing (no audit row: nothing changed).
Who: agent, admin.
Refuses: BD001 any other role; and whatever api.add_ticket_message refuses (BD002, BD003, BD004, BD005).$$;
COMMENT ON FUNCTION api.preview_message(text, text, text) IS
$$The order confirmation or tracking message api.queue_message would queue for this order, kind and channel, without queuing it: recipient, lang, subject and message (for an e-mail only what it is for: the console renders templates/LANG/KIND.txt with vars, as the sender will), channel and vars. The call is made and rolled back, so its refusals are queue_message's. Writes nothing (no audit row: nothing changed).
Who: agent, admin.
Refuses: BD001 any other role; and whatever api.queue_message refuses (BD002, BD003, BD005).$$;
COMMENT ON FUNCTION api.preview_delay_notice(bigint, text, numeric) IS
$$The delay message api.approve_delay_notice would queue for this notice, how (refund or gift_code) and amount (NULL: the proposed one), without approving it: recipient, lang, subject and message (for an e-mail only what it is for: the console renders templates/LANG/delay.txt with vars), channel and vars. The approval runs and is rolled back, so its refusals are approve_delay_notice's; a gift code shown is an example, the real one is made when the notice is sent. Writes nothing (no audit row: nothing changed).
Who: agent, admin.
Refuses: BD001 any other role; and whatever api.approve_delay_notice refuses (BD002, BD003, BD005, BD006, BD007).$$;
