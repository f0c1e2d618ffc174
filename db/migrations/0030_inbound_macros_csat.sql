-- 0030 customers' messages come in, macros answer them, and customers rate the answer
-- (issue 12).
--
-- What was missing: a chat, social, web-form or e-mail message reached backdesk only
-- when an agent retyped it; an agent wrote the same reply and set the same fields by
-- hand for the tenth time a day; and nobody asked the customer how it went.
--
-- What holds now:
-- * api.receive_message(doc) is how the shop's systems hand over a customer's
--   message (backdesk_shop, like api.import_order).  Every field of the untrusted
--   document is checked (BD005 naming it; unknown members too, so a typo is not
--   silently dropped).  The sender is matched to a customer by e-mail (lower case)
--   or by phone (backdesk.normalize_phone), with import_order's rule that a phone
--   alone never matches a customer with a different e-mail.  A stranger becomes a
--   new customer row: a message must never be lost, and a customer row is what a
--   reply, a survey, api.find and the customer screen need (a ticket without a
--   customer could be neither answered nor found by the sender's e-mail).  An
--   existing customer's details are never changed by a message: anyone can type
--   anyone's name into a web form.  The message (kind 'customer') threads onto the
--   customer's newest open ticket of that channel, else their newest solved one of
--   it (the life part's trigger on ticket_messages reopens it), else a new ticket
--   (new, normal, category from the document or 'other').  The same external_id
--   on one channel again returns the first ticket and adds nothing
--   (ticket_messages.external_id, unique per channel).  Races: the external id,
--   the customer's e-mail and phone (the same locks as api.import_order, so an order
--   and a message of one new person make one customer) and the customer's tickets
--   (api.open_ticket's lock) are locked in that order.  A customer's message does
--   not bump the ticket's version: an agent's change must not fail because the
--   customer wrote; the console sees the new message by its id.
-- * Macros (backdesk.macros): a reply with {placeholders} and the status, priority
--   and category to set, applied in one transaction by api.apply_macro.  The reply
--   is written once per language: macros.reply_body is the text for a customer
--   whose language has none, backdesk.macro_texts holds the others (tr, en, hu), each
--   with the same placeholders (checked when saved, like the answer templates).
--   Placeholders are the answer templates' (backdesk.template_placeholders(), the
--   order's values from backdesk.answer_values when the ticket is about an order)
--   plus {ticket_number} and {agent_name}; {customer_name} is the ticket's customer.
--   A placeholder the ticket has no value for refuses the macro (BD002, naming it and
--   why), never an e-mail with "{tracking_no}" in it.
-- * Satisfaction: a ticket becoming solved queues one survey in the outbox in the
--   customer's language (a unique index: once per ticket, not again on re-solve);
--   api.record_csat stores the answer once (BD007 the second time); `backdesk csat
--   record`; api.csat_by_agent gives the scores per assignee.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;


------------------------------------------------------------------------------
-- Inbound messages.
------------------------------------------------------------------------------
ALTER TABLE backdesk.ticket_messages
    ADD COLUMN external_channel text REFERENCES backdesk.ticket_channels (code),
    ADD COLUMN external_id text CONSTRAINT ticket_messages_external_id_length CHECK (length(external_id) <= 200),
    ADD CONSTRAINT ticket_messages_external_both CHECK ((external_id IS NULL) = (external_channel IS NULL));
COMMENT ON COLUMN backdesk.ticket_messages.external_id IS
    'The id the shop''s system gave a message handed over by api.receive_message: the same one again on the same channel adds nothing.';
CREATE UNIQUE INDEX ticket_messages_external ON backdesk.ticket_messages (external_channel, external_id COLLATE "C")
    WHERE external_id IS NOT NULL;

-- BD005 about one member of a message document.
CREATE FUNCTION backdesk.bad_message(p_field text, p_problem text, p_hint text DEFAULT NULL)
    RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'BD005',
        MESSAGE = format('message document: %s %s', p_field, p_problem),
        COLUMN = p_field,
        HINT = coalesce(p_hint, 'Fix the field in the message document and send it again; nothing was saved.');
END
$$;

-- A string member, trimmed, at most p_max characters, without control characters
-- other than line breaks and tabs; NULL when absent and not required.
CREATE FUNCTION backdesk.message_text(p_doc jsonb, p_key text, p_path text, p_max integer,
                                      p_required boolean DEFAULT false)
    RETURNS text LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v jsonb := p_doc -> p_key;
    s text;
BEGIN
    IF v IS NULL OR jsonb_typeof(v) = 'null' THEN
        IF p_required THEN
            PERFORM backdesk.bad_message(p_path, 'is missing');
        END IF;
        RETURN NULL;
    END IF;
    IF jsonb_typeof(v) <> 'string' THEN
        PERFORM backdesk.bad_message(p_path, format('must be a string, got %s', left(v::text, 40)));
    END IF;
    s := btrim(v #>> '{}', E' \t\r\n');
    IF s = '' THEN
        IF p_required THEN
            PERFORM backdesk.bad_message(p_path, 'is empty');
        END IF;
        RETURN NULL;
    END IF;
    IF length(s) > p_max THEN
        PERFORM backdesk.bad_message(p_path, format('is too long (%s characters, at most %s)', length(s), p_max));
    END IF;
    IF s ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' THEN
        PERFORM backdesk.bad_message(p_path, 'contains control characters');
    END IF;
    RETURN s;
END
$$;

-- The first member of p_doc not in p_known, or NULL.
CREATE FUNCTION backdesk.message_unknown_key(p_doc jsonb, p_known text[]) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT k FROM jsonb_object_keys(p_doc) k WHERE NOT (k = ANY (p_known)) ORDER BY k LIMIT 1;
$$;

CREATE FUNCTION api.receive_message(doc jsonb) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_from jsonb;
    v_channel text;
    v_email text;
    v_phone text;
    v_phone_norm text;
    v_name text;
    v_locale text;
    v_subject text;
    v_body text;
    v_external text;
    v_received timestamptz;
    v_order_no text;
    v_category text;
    v_key text;
    v_keys text[];
    v_cust backdesk.customers;
    v_new_customer boolean := false;
    v_order backdesk.orders;
    v_ticket backdesk.tickets;
    v_new_ticket boolean := false;
    v_msg bigint;
    v_raw text;
BEGIN
    PERFORM backdesk.require_role('handing over customer messages', 'shop', 'admin');

    -- The document, member by member.
    IF doc IS NULL OR jsonb_typeof(doc) <> 'object' THEN
        PERFORM backdesk.bad_message('document', 'must be a JSON object',
            'Send {"channel": ..., "from": {"email": ..., "phone": ..., "name": ...}, "body": ..., "external_id": ...}.');
    END IF;
    v_key := backdesk.message_unknown_key(doc, ARRAY['channel', 'from', 'subject', 'body', 'external_id',
                                                     'received_at', 'order_number', 'category']);
    IF v_key IS NOT NULL THEN
        PERFORM backdesk.bad_message(v_key, 'is not a member backdesk knows',
            'Members: channel, from, subject, body, external_id, received_at, order_number, category.');
    END IF;
    v_channel := backdesk.message_text(doc, 'channel', 'channel', 32, true);
    IF v_channel NOT IN ('chat', 'social', 'web', 'email') OR NOT (v_channel = ANY (backdesk.choice_codes('ticket_channel'))) THEN
        PERFORM backdesk.bad_message('channel', format('%L is not a channel messages arrive on', v_channel),
            'Use chat, social, web or email (calls are logged by agents).');
    END IF;
    v_from := doc -> 'from';
    IF v_from IS NULL OR jsonb_typeof(v_from) <> 'object' THEN
        PERFORM backdesk.bad_message('from', 'must be an object with the sender''s email, phone and name');
    END IF;
    v_key := backdesk.message_unknown_key(v_from, ARRAY['email', 'phone', 'name', 'locale']);
    IF v_key IS NOT NULL THEN
        PERFORM backdesk.bad_message('from.' || v_key, 'is not a member backdesk knows',
            'Members of from: email, phone, name, locale.');
    END IF;
    v_email := lower(backdesk.message_text(v_from, 'email', 'from.email', 254));
    IF v_email IS NOT NULL AND v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' THEN
        PERFORM backdesk.bad_message('from.email', format('%L is not an e-mail address', v_email));
    END IF;
    v_phone := backdesk.message_text(v_from, 'phone', 'from.phone', 40);
    IF v_phone IS NOT NULL THEN
        v_phone_norm := backdesk.normalize_phone(v_phone);
        IF v_phone ~ '[^0-9 +()./-]' OR coalesce(length(v_phone_norm), 0) NOT BETWEEN 7 AND 15 THEN
            PERFORM backdesk.bad_message('from.phone', format('%L is not a phone number', v_phone),
                'Give the number with digits, spaces, dashes, brackets and a leading +, 7 to 15 digits.');
        END IF;
    END IF;
    IF v_email IS NULL AND v_phone IS NULL THEN
        PERFORM backdesk.bad_message('from', 'has neither an email nor a phone',
            'Give the sender''s e-mail or phone: without one nobody can answer them.');
    END IF;
    v_name := backdesk.message_text(v_from, 'name', 'from.name', 200);
    IF v_name ~ '[\n\r\t]' THEN
        PERFORM backdesk.bad_message('from.name', 'must be one line');
    END IF;
    v_locale := backdesk.message_text(v_from, 'locale', 'from.locale', 5);
    IF v_locale IS NOT NULL AND v_locale !~ '^[a-z]{2}(_[A-Z]{2})?$' THEN
        PERFORM backdesk.bad_message('from.locale', format('%L is not a language like tr, en or hu_HU', v_locale));
    END IF;
    v_subject := backdesk.message_text(doc, 'subject', 'subject', 200);
    IF v_subject ~ '[\n\r]' THEN
        PERFORM backdesk.bad_message('subject', 'must be one line');
    END IF;
    v_body := backdesk.message_text(doc, 'body', 'body', 20000, true);
    v_external := backdesk.message_text(doc, 'external_id', 'external_id', 200, true);
    IF v_external ~ '\s' THEN
        PERFORM backdesk.bad_message('external_id', 'must not contain spaces or line breaks');
    END IF;
    v_raw := backdesk.message_text(doc, 'received_at', 'received_at', 40);
    IF v_raw IS NOT NULL THEN
        IF v_raw !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$' THEN
            PERFORM backdesk.bad_message('received_at', format('must be a time with its zone like 2026-11-20T14:03:00+03:00, got %L', v_raw));
        END IF;
        BEGIN
            v_received := v_raw::timestamptz;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
            PERFORM backdesk.bad_message('received_at', format('is not a real time: %L', v_raw));
        END;
        IF v_received > now() + interval '5 minutes' THEN
            PERFORM backdesk.bad_message('received_at', format('%L is in the future', v_raw),
                'Send the time the message was received, with its zone.');
        END IF;
    END IF;
    v_order_no := backdesk.message_text(doc, 'order_number', 'order_number', 64);
    IF v_order_no IS NOT NULL AND v_order_no !~ '^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$' THEN
        PERFORM backdesk.bad_message('order_number', format('%L is not an order number', v_order_no));
    END IF;
    v_category := coalesce(backdesk.message_text(doc, 'category', 'category', 32), 'other');
    IF NOT (v_category = ANY (backdesk.choice_codes('ticket_category'))) THEN
        PERFORM backdesk.bad_message('category', format('%L is not a ticket category', v_category),
            format('Use one of: %s (or leave it out: other).', array_to_string(backdesk.choice_codes('ticket_category'), ', ')));
    END IF;

    -- The same message again: the first answer, nothing added.
    PERFORM pg_advisory_xact_lock(hashtext('backdesk.receive_message'), hashtext(v_channel || ':' || v_external));
    SELECT m.ticket_id INTO v_ticket.id FROM backdesk.ticket_messages m
    WHERE m.external_channel = v_channel AND m.external_id COLLATE "C" = v_external;
    IF FOUND THEN
        RETURN v_ticket.id;
    END IF;

    -- The sender: import_order's locks and rule, so both find the same person.
    SELECT array_agg(k ORDER BY hashtext(k), k) INTO v_keys
    FROM unnest(ARRAY[v_email, v_phone_norm]) k WHERE k IS NOT NULL;
    FOREACH v_key IN ARRAY v_keys LOOP
        PERFORM pg_advisory_xact_lock(hashtext('backdesk.customer'), hashtext(v_key));
    END LOOP;
    IF v_email IS NOT NULL THEN
        SELECT * INTO v_cust FROM backdesk.customers WHERE lower(email) COLLATE "C" = v_email;
    END IF;
    IF v_cust.id IS NULL AND v_phone_norm IS NOT NULL THEN
        -- People share phones: a phone alone never reaches a customer with another e-mail.
        SELECT * INTO v_cust FROM backdesk.customers
        WHERE phone_norm COLLATE "C" = v_phone_norm AND (v_email IS NULL OR email IS NULL)
        ORDER BY (email IS NULL) DESC, id LIMIT 1;
    END IF;
    IF v_cust.id IS NULL THEN
        INSERT INTO backdesk.customers (name, email, phone, locale)
        VALUES (coalesce(v_name, split_part(v_email, '@', 1), v_phone), v_email, v_phone, coalesce(v_locale, 'tr'))
        RETURNING * INTO v_cust;
        v_new_customer := true;
    END IF;

    -- The order it is about, when it is theirs; someone else's number is not linked.
    IF v_order_no IS NOT NULL THEN
        SELECT * INTO v_order FROM backdesk.orders o WHERE o.number = v_order_no AND o.customer_id = v_cust.id;
    END IF;

    -- Their ticket of this channel: open first, else the newest solved one.
    PERFORM pg_advisory_xact_lock(hashtextextended('backdesk.open_ticket:' || v_cust.id, 0));
    SELECT * INTO v_ticket FROM backdesk.tickets t
    WHERE t.customer_id = v_cust.id AND t.channel = v_channel AND t.status <> 'closed'
    ORDER BY backdesk.ticket_is_open(t.status) DESC, t.id DESC LIMIT 1
    FOR UPDATE;
    IF v_ticket.id IS NULL THEN
        INSERT INTO backdesk.tickets (channel, category, priority, status, subject, customer_id, order_id,
                                      first_response_due, resolve_due)
        VALUES (v_channel, v_category, 'normal', 'new',
                coalesce(v_subject, left(btrim(split_part(v_body, E'\n', 1)), 200)),
                v_cust.id, v_order.id,
                now() + backdesk.sla_first_response('normal'), now() + backdesk.sla_resolve('normal'))
        RETURNING * INTO v_ticket;
        v_new_ticket := true;
    ELSE
        UPDATE backdesk.tickets SET updated_at = now(), order_id = coalesce(order_id, v_order.id)
        WHERE id = v_ticket.id;
    END IF;
    INSERT INTO backdesk.ticket_messages (ticket_id, kind, body, external_channel, external_id, created_at)
    VALUES (v_ticket.id, 'customer', v_body, v_channel, v_external, least(coalesce(v_received, now()), now()))
    RETURNING id INTO v_msg;

    PERFORM backdesk.audit('ticket.receive', 'ticket', v_ticket.id,
        jsonb_build_object('number', v_ticket.number, 'message_id', v_msg, 'channel', v_channel,
                           'external_id', v_external, 'customer_id', v_cust.id,
                           'new_customer', v_new_customer, 'new_ticket', v_new_ticket,
                           'order', v_order.number,
                           'order_not_linked', CASE WHEN v_order_no IS NOT NULL AND v_order.id IS NULL
                                                    THEN v_order_no END));
    RETURN v_ticket.id;
END
$$;

------------------------------------------------------------------------------
-- Macros.
------------------------------------------------------------------------------
CREATE TABLE backdesk.macros (
    code         text PRIMARY KEY CHECK (length(code) <= 64 AND code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name         text NOT NULL CONSTRAINT macros_name_length CHECK (btrim(name) <> '' AND length(name) <= 100),
    reply_body   text CONSTRAINT macros_reply_body_length CHECK (length(reply_body) <= 10000 AND btrim(reply_body) <> ''),
    set_status   text REFERENCES backdesk.ticket_statuses (code) CHECK (set_status <> 'new'),
    set_priority text REFERENCES backdesk.ticket_priorities (code),
    set_category text REFERENCES backdesk.ticket_categories (code),
    active       boolean NOT NULL DEFAULT true,
    updated_by   text NOT NULL DEFAULT session_user CONSTRAINT macros_updated_by_length CHECK (length(updated_by) <= 63),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT macros_does_something CHECK (coalesce(reply_body, set_status, set_priority, set_category) IS NOT NULL)
);
COMMENT ON TABLE backdesk.macros IS
    'Named sets of actions applied with one key (api.apply_macro): a reply (reply_body: the text for a customer whose language macro_texts lacks) and the fields to set.';

CREATE TABLE backdesk.macro_texts (
    macro      text NOT NULL REFERENCES backdesk.macros ON DELETE CASCADE,
    locale     text NOT NULL CHECK (locale ~ '^[a-z]{2}$'),
    reply_body text NOT NULL CONSTRAINT macro_texts_reply_body_length CHECK (length(reply_body) <= 10000 AND btrim(reply_body) <> ''),
    PRIMARY KEY (macro, locale)
);
COMMENT ON TABLE backdesk.macro_texts IS
    'A macro''s reply in one language (backdesk.message_locale of the customer); the same placeholders as macros.reply_body.';

-- What a macro's reply may use: the answer templates' placeholders and the ticket's own.
CREATE FUNCTION backdesk.macro_placeholders() RETURNS TABLE (name text, about text)
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT p.name, CASE WHEN p.name = 'customer_name' THEN 'the ticket''s customer''s name'
                        ELSE p.about || ' (of the order the ticket is about)' END
    FROM backdesk.template_placeholders() p
    UNION ALL VALUES ('ticket_number', 'the ticket''s number'),
                     ('agent_name', 'the full name of the person applying the macro');
$$;

-- Saved macros use only known placeholders, and every language of one the same.
CREATE FUNCTION backdesk.macros_check_text() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_row jsonb := to_jsonb(NEW);   -- a macros or a macro_texts row
    v_code text := coalesce(v_row ->> 'macro', v_row ->> 'code');
    v_locale text := v_row ->> 'locale';
    v_uses text[] := backdesk.template_uses(v_row ->> 'reply_body');
    v_unknown text;
    v_base text;
BEGIN
    SELECT string_agg('{' || u || '}', ', ' ORDER BY u COLLATE "C") INTO v_unknown
    FROM unnest(v_uses) u
    WHERE u NOT IN (SELECT p.name FROM backdesk.macro_placeholders() p);
    IF v_unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('macro %s uses %s, which backdesk does not fill', v_code, v_unknown),
            COLUMN = 'reply_body',
            HINT = format('The placeholders are: %s.',
                          (SELECT string_agg('{' || p.name || '}', ', ') FROM backdesk.macro_placeholders() p));
    END IF;
    IF TG_TABLE_NAME = 'macro_texts' THEN
        SELECT m.reply_body INTO v_base FROM backdesk.macros m WHERE m.code = v_code;
        IF v_base IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('macro %s has no reply to translate', v_code),
                COLUMN = 'reply_body',
                HINT = 'Give the macro its reply first, then the same in other languages.';
        END IF;
        IF backdesk.template_uses(v_base) IS DISTINCT FROM v_uses THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('the %s reply of macro %s uses other placeholders than its reply', v_locale, v_code),
                COLUMN = 'reply_body',
                HINT = format('Use the same placeholders as the reply: %s.',
                              coalesce(nullif(array_to_string(backdesk.template_uses(v_base), ', '), ''), 'none'));
        END IF;
    ELSIF EXISTS (SELECT FROM backdesk.macro_texts t WHERE t.macro = v_code
                  AND backdesk.template_uses(t.reply_body) IS DISTINCT FROM v_uses) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('macro %s: the reply uses other placeholders than its translations', v_code),
            COLUMN = 'reply_body',
            HINT = 'Change the translations with it (api.save_macro_text), or keep the placeholders.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER macros_check_text BEFORE INSERT OR UPDATE OF reply_body ON backdesk.macros
    FOR EACH ROW WHEN (NEW.reply_body IS NOT NULL) EXECUTE FUNCTION backdesk.macros_check_text();
CREATE TRIGGER macro_texts_check_text BEFORE INSERT OR UPDATE ON backdesk.macro_texts
    FOR EACH ROW EXECUTE FUNCTION backdesk.macros_check_text();

CREATE FUNCTION backdesk.need_macro(p_code text) RETURNS backdesk.macros
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.macros;
BEGIN
    SELECT * INTO v FROM backdesk.macros WHERE code = btrim(p_code);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no macro %s', coalesce(quote_literal(p_code), 'NULL')),
            HINT = 'See the macros with api.ticket_macros().';
    END IF;
    RETURN v;
END
$$;

CREATE FUNCTION backdesk.inbound_need_ticket(p_number text, p_lock boolean) RETURNS backdesk.tickets
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.tickets;
BEGIN
    IF p_lock THEN
        SELECT * INTO v FROM backdesk.tickets WHERE number = upper(btrim(p_number)) FOR UPDATE;
    ELSE
        SELECT * INTO v FROM backdesk.tickets WHERE number = upper(btrim(p_number));
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no ticket %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Check the ticket number (like T-100004; search with g).';
    END IF;
    RETURN v;
END
$$;

-- A macro's reply for one ticket, in its customer's language; NULL when the macro
-- has no reply.  BD002 naming the first placeholder the ticket has no value for.
CREATE FUNCTION backdesk.macro_render(p_macro backdesk.macros, p_ticket backdesk.tickets) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_cust backdesk.customers;
    v_lang text;
    v_body text;
    v_values jsonb := '{}';
    r record;
BEGIN
    IF p_macro.reply_body IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_cust FROM backdesk.customers c WHERE c.id = p_ticket.customer_id;
    v_lang := backdesk.message_locale(v_cust.locale);
    SELECT t.reply_body INTO v_body FROM backdesk.macro_texts t WHERE t.macro = p_macro.code AND t.locale = v_lang;
    v_body := coalesce(v_body, p_macro.reply_body);
    IF p_ticket.order_id IS NOT NULL THEN
        -- Filled as the answer templates fill (the carrier's name, not its code).
        v_values := coalesce(backdesk.answer_fill_values(p_ticket.order_id, v_lang), '{}');
    END IF;
    v_values := v_values || jsonb_strip_nulls(jsonb_build_object(
        'customer_name', v_cust.name,
        'ticket_number', p_ticket.number,
        'agent_name', coalesce((SELECT s.full_name FROM backdesk.staff s WHERE s.login = session_user), session_user::text)));
    SELECT u AS name,
           CASE WHEN u = 'customer_name' THEN 'the ticket has no customer'
                WHEN p_ticket.order_id IS NULL THEN 'the ticket is about no order'
                ELSE coalesce(a.why_not, 'no value') END AS why_not
    INTO r
    FROM unnest(backdesk.template_uses(v_body)) u
    LEFT JOIN backdesk.answer_values(p_ticket.order_id, v_lang) a ON a.name = u
    WHERE NOT v_values ? u
    ORDER BY u LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('macro %s needs {%s}, which ticket %s does not have: %s',
                             p_macro.code, r.name, p_ticket.number, r.why_not),
            HINT = 'Link the ticket to the order, write the reply by hand, or use another macro.';
    END IF;
    RETURN backdesk.fill_placeholders(v_body, v_values);
END
$$;

-- One line for the picker: what the macro does.
CREATE FUNCTION backdesk.macro_summary(p_macro backdesk.macros) RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT concat_ws(', ',
        CASE WHEN p_macro.reply_body IS NOT NULL THEN
            'reply' || coalesce(' (' || (SELECT string_agg(t.locale, ' ' ORDER BY t.locale)
                                         FROM backdesk.macro_texts t WHERE t.macro = p_macro.code) || ')', '') END,
        'status ' || p_macro.set_status, 'priority ' || p_macro.set_priority, 'category ' || p_macro.set_category);
$$;

CREATE FUNCTION api.ticket_macros() RETURNS TABLE (code text, name text, summary text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    PERFORM backdesk.require_role('reading macros', 'agent', 'supervisor', 'admin');
    RETURN QUERY
    SELECT m.code, m.name, backdesk.macro_summary(m) FROM backdesk.macros m
    WHERE m.active ORDER BY m.name, m.code;
END
$$;

CREATE FUNCTION api.preview_macro(ticket text, macro text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_ticket backdesk.tickets;
    v_macro backdesk.macros;
BEGIN
    PERFORM backdesk.require_role('previewing macros', 'agent', 'supervisor', 'admin');
    v_ticket := backdesk.inbound_need_ticket(ticket, false);
    v_macro := backdesk.need_macro(macro);
    RETURN backdesk.macro_render(v_macro, v_ticket);
END
$$;

CREATE FUNCTION api.apply_macro(ticket text, macro text, p_version integer DEFAULT NULL) RETURNS integer
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
        INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, ticket_id, recipient, subject, body)
        VALUES ('reply', v_channel, v_cust.id, v_ticket.order_id, v_ticket.id, v_to,
                left(format('%s [%s]', v_ticket.subject, v_ticket.number), 300), v_reply)
        RETURNING id INTO v_outbox;
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

CREATE FUNCTION api.save_macro(code text, name text, reply_body text, set_status text DEFAULT NULL,
                               set_priority text DEFAULT NULL, set_category text DEFAULT NULL,
                               active boolean DEFAULT true)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_code ALIAS FOR $1;
    p_name ALIAS FOR $2;
    p_body ALIAS FOR $3;
    p_status ALIAS FOR $4;
    p_priority ALIAS FOR $5;
    p_category ALIAS FOR $6;
    p_active ALIAS FOR $7;
    v_code text := lower(btrim(p_code));
    v_name text;
    v_body text := nullif(btrim(p_body), '');
    v_old backdesk.macros;
BEGIN
    PERFORM backdesk.require_role('saving macros', 'admin');
    IF v_code IS NULL OR v_code !~ '^[a-z0-9]+(-[a-z0-9]+)*$' OR length(v_code) > 64 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'code',
            MESSAGE = format('macro code %s is not valid', coalesce(quote_literal(p_code), 'NULL')),
            HINT = 'Use lower-case letters, digits and dashes, like ask-for-photo.';
    END IF;
    v_name := backdesk.need_text(p_name, 'name', 'Give the macro a name agents recognise.');
    IF length(v_name) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'name',
            MESSAGE = format('name is too long (%s characters, at most 100)', length(v_name)),
            HINT = 'Shorten the name; nothing was saved.';
    END IF;
    IF length(v_body) > 10000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'reply_body',
            MESSAGE = format('reply_body is too long (%s characters, at most 10000)', length(v_body)),
            HINT = 'Shorten the reply; nothing was saved.';
    END IF;
    IF p_status IS NOT NULL THEN
        PERFORM backdesk.need_one_of(p_status, 'set_status', array_remove(backdesk.choice_codes('ticket_status'), 'new'));
    END IF;
    IF p_priority IS NOT NULL THEN
        PERFORM backdesk.need_one_of(p_priority, 'set_priority', backdesk.choice_codes('ticket_priority'));
    END IF;
    IF p_category IS NOT NULL THEN
        PERFORM backdesk.need_one_of(p_category, 'set_category', backdesk.choice_codes('ticket_category'));
    END IF;
    IF coalesce(v_body, p_status, p_priority, p_category) IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'reply_body',
            MESSAGE = format('macro %s would do nothing', v_code),
            HINT = 'Give it a reply, a status, a priority or a category to set.';
    END IF;
    SELECT * INTO v_old FROM backdesk.macros m WHERE m.code = v_code FOR UPDATE;
    INSERT INTO backdesk.macros AS m (code, name, reply_body, set_status, set_priority, set_category, active)
    VALUES (v_code, v_name, v_body, p_status, p_priority, p_category, coalesce(p_active, true))
    ON CONFLICT ON CONSTRAINT macros_pkey DO UPDATE
    SET name = EXCLUDED.name, reply_body = EXCLUDED.reply_body, set_status = EXCLUDED.set_status,
        set_priority = EXCLUDED.set_priority, set_category = EXCLUDED.set_category, active = EXCLUDED.active,
        updated_by = session_user, updated_at = now();
    IF v_body IS NULL THEN
        DELETE FROM backdesk.macro_texts t WHERE t.macro = v_code;
    END IF;
    PERFORM backdesk.audit('macro.save', 'macro', NULL,
        jsonb_build_object('code', v_code, 'old', CASE WHEN v_old.code IS NOT NULL THEN to_jsonb(v_old) END,
                           'name', v_name, 'reply_body', v_body, 'set_status', p_status,
                           'set_priority', p_priority, 'set_category', p_category, 'active', coalesce(p_active, true)));
    RETURN v_code;
END
$$;

CREATE FUNCTION api.save_macro_text(code text, locale text, reply_body text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_code ALIAS FOR $1;
    p_locale ALIAS FOR $2;
    p_body ALIAS FOR $3;
    v_macro backdesk.macros;
    v_body text := nullif(btrim(p_body), '');
BEGIN
    PERFORM backdesk.require_role('saving macros', 'admin');
    v_macro := backdesk.need_macro(p_code);
    PERFORM backdesk.need_one_of(p_locale, 'locale', ARRAY['tr', 'en', 'hu']);
    IF length(v_body) > 10000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'reply_body',
            MESSAGE = format('reply_body is too long (%s characters, at most 10000)', length(v_body)),
            HINT = 'Shorten the reply; nothing was saved.';
    END IF;
    IF v_body IS NULL THEN
        DELETE FROM backdesk.macro_texts t WHERE t.macro = v_macro.code AND t.locale = p_locale;
    ELSE
        INSERT INTO backdesk.macro_texts AS t (macro, locale, reply_body) VALUES (v_macro.code, p_locale, v_body)
        ON CONFLICT ON CONSTRAINT macro_texts_pkey DO UPDATE SET reply_body = EXCLUDED.reply_body;
    END IF;
    PERFORM backdesk.audit('macro.save_text', 'macro', NULL,
        jsonb_build_object('code', v_macro.code, 'locale', p_locale, 'reply_body', v_body));
END
$$;

------------------------------------------------------------------------------
-- Satisfaction.
------------------------------------------------------------------------------
ALTER TABLE backdesk.tickets
    ADD COLUMN satisfaction_comment text CONSTRAINT tickets_satisfaction_comment_length CHECK (length(satisfaction_comment) <= 2000),
    ADD COLUMN satisfaction_at timestamptz;

-- One survey per ticket, whatever re-solves it.
CREATE UNIQUE INDEX outbox_one_survey ON backdesk.outbox (ticket_id) WHERE kind = 'survey';

CREATE FUNCTION backdesk.queue_survey() RETURNS trigger
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
-- A ticket becoming solved; or made solved now (a call resolved on the spot), not one
-- loaded as history by `backdesk seed`, whose old tickets must not be surveyed.
CREATE TRIGGER tickets_queue_survey AFTER UPDATE OF status ON backdesk.tickets
    FOR EACH ROW WHEN (NEW.status = 'solved' AND OLD.status IS DISTINCT FROM 'solved')
    EXECUTE FUNCTION backdesk.queue_survey();
CREATE TRIGGER tickets_queue_survey_new AFTER INSERT ON backdesk.tickets
    FOR EACH ROW WHEN (NEW.status = 'solved' AND NEW.solved_at = now())
    EXECUTE FUNCTION backdesk.queue_survey();

CREATE FUNCTION api.record_csat(ticket text, score integer, comment text DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_ticket ALIAS FOR $1;
    p_score ALIAS FOR $2;
    p_comment ALIAS FOR $3;
    v_ticket backdesk.tickets;
    v_comment text := nullif(btrim(p_comment), '');
BEGIN
    PERFORM backdesk.require_role('recording satisfaction', 'shop', 'admin');
    IF p_score IS NULL OR p_score NOT BETWEEN 1 AND 5 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'score',
            MESSAGE = format('score %s is not between 1 and 5', coalesce(p_score::text, 'NULL')),
            HINT = 'Give the customer''s answer: 1 (not at all satisfied) to 5 (very satisfied).';
    END IF;
    IF length(v_comment) > 2000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'comment',
            MESSAGE = format('comment is too long (%s characters, at most 2000)', length(v_comment)),
            HINT = 'Shorten the comment; nothing was saved.';
    END IF;
    v_ticket := backdesk.inbound_need_ticket(p_ticket, true);
    IF v_ticket.satisfaction IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('ticket %s was already rated %s%s', v_ticket.number, v_ticket.satisfaction,
                             coalesce(' on ' || to_char(v_ticket.satisfaction_at, 'YYYY-MM-DD HH24:MI'), '')),
            HINT = 'A ticket is rated once; the first answer stands.';
    END IF;
    IF v_ticket.status NOT IN ('solved', 'closed')
       AND NOT EXISTS (SELECT FROM backdesk.outbox o WHERE o.ticket_id = v_ticket.id AND o.kind = 'survey') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('ticket %s has not been resolved; no survey was sent for it', v_ticket.number),
            HINT = 'Record the answer to the survey sent when the ticket was resolved.';
    END IF;
    -- Not a new version: a customer's rating must not make an agent's save fail.
    UPDATE backdesk.tickets SET satisfaction = p_score, satisfaction_comment = v_comment, satisfaction_at = now()
    WHERE id = v_ticket.id;
    PERFORM backdesk.audit('ticket.csat', 'ticket', v_ticket.id,
        jsonb_build_object('number', v_ticket.number, 'score', p_score, 'comment', v_comment));
END
$$;

CREATE FUNCTION api.csat_by_agent(p_from timestamptz DEFAULT NULL, p_to timestamptz DEFAULT NULL)
    RETURNS TABLE (login text, full_name text, rated integer, average numeric, satisfied_pct numeric)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    PERFORM backdesk.require_role('reading satisfaction scores', 'agent', 'supervisor', 'admin');
    RETURN QUERY
    SELECT s.login, s.full_name, count(*)::integer, round(avg(t.satisfaction), 2),
           round(100.0 * count(*) FILTER (WHERE t.satisfaction >= 4) / count(*), 1)
    FROM backdesk.tickets t JOIN backdesk.staff s ON s.id = t.assignee_id
    WHERE t.satisfaction IS NOT NULL
      AND (p_from IS NULL OR t.satisfaction_at >= p_from) AND (p_to IS NULL OR t.satisfaction_at < p_to)
    GROUP BY s.id
    ORDER BY s.login;
END
$$;

------------------------------------------------------------------------------
-- Seed macros: what agents write most, in the shop's three languages.
------------------------------------------------------------------------------
INSERT INTO backdesk.macros (code, name, reply_body, set_status, set_priority, set_category) VALUES
('where-is-it', 'Where is my parcel: tracking',
 E'Hello {customer_name},\n\nyour order {order_number} is with {carrier}. You can follow it here: {tracking_url} (tracking number {tracking_no}).\n\nKind regards,\n{agent_name}',
 'pending', NULL, 'where-is-my-order'),
('ask-for-photo', 'Damaged: ask for photos',
 E'Hello {customer_name},\n\nwe are sorry your parcel arrived damaged. Could you send us a few photos of the item and of the box, by replying to this message ({ticket_number})? We will sort it out as soon as we have them.\n\nKind regards,\n{agent_name}',
 'pending', 'high', 'damaged'),
('thanks-solved', 'Thank you, resolved',
 E'Hello {customer_name},\n\nthank you for your patience. We consider your request {ticket_number} resolved; if anything is still not right, just reply to this message.\n\nKind regards,\n{agent_name}',
 'solved', NULL, NULL),
('escalate', 'Escalate (urgent, no reply)', NULL, NULL, 'urgent', NULL);
INSERT INTO backdesk.macro_texts (macro, locale, reply_body) VALUES
('where-is-it', 'tr', E'Merhaba {customer_name},\n\n{order_number} numaralı siparişiniz {carrier} firmasında. Kargonuzu buradan takip edebilirsiniz: {tracking_url} (takip numarası {tracking_no}).\n\nSaygılarımızla,\n{agent_name}'),
('where-is-it', 'hu', E'Kedves {customer_name}!\n\nA(z) {order_number} számú rendelése a(z) {carrier} szállítónál van. Itt követheti: {tracking_url} (csomagszám: {tracking_no}).\n\nÜdvözlettel:\n{agent_name}'),
('ask-for-photo', 'tr', E'Merhaba {customer_name},\n\nkargonuzun hasarlı ulaştığı için çok üzgünüz. Ürünün ve kolinin birkaç fotoğrafını bu mesajı yanıtlayarak ({ticket_number}) bize gönderebilir misiniz? Fotoğraflar elimize ulaşır ulaşmaz sorunu çözeceğiz.\n\nSaygılarımızla,\n{agent_name}'),
('ask-for-photo', 'hu', E'Kedves {customer_name}!\n\nSajnáljuk, hogy a csomagja sérülten érkezett. Kérjük, küldjön néhány fényképet a termékről és a dobozról, erre az üzenetre válaszolva ({ticket_number}). Amint megkapjuk, intézkedünk.\n\nÜdvözlettel:\n{agent_name}'),
('thanks-solved', 'tr', E'Merhaba {customer_name},\n\nsabrınız için teşekkür ederiz. {ticket_number} numaralı talebinizi çözülmüş kabul ediyoruz; hâlâ bir sorun varsa bu mesajı yanıtlamanız yeterli.\n\nSaygılarımızla,\n{agent_name}'),
('thanks-solved', 'hu', E'Kedves {customer_name}!\n\nKöszönjük a türelmét. A(z) {ticket_number} számú ügyét lezártnak tekintjük; ha valami mégsem rendben, csak válaszoljon erre az üzenetre.\n\nÜdvözlettel:\n{agent_name}');

------------------------------------------------------------------------------
-- Grants and the reference.
------------------------------------------------------------------------------
GRANT SELECT ON backdesk.macros, backdesk.macro_texts TO backdesk_agent, backdesk_supervisor, backdesk_admin;
GRANT EXECUTE ON FUNCTION api.receive_message(jsonb), api.ticket_macros(), api.preview_macro(text, text),
                          api.apply_macro(text, text, integer),
                          api.save_macro(text, text, text, text, text, text, boolean),
                          api.save_macro_text(text, text, text),
                          api.record_csat(text, integer, text), api.csat_by_agent(timestamptz, timestamptz)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;
-- The shop's systems hand over messages and the survey's answers, nothing more.
GRANT EXECUTE ON FUNCTION api.receive_message(jsonb), api.record_csat(text, integer, text) TO backdesk_shop;

COMMENT ON FUNCTION api.receive_message(jsonb) IS
$$Hands over a customer's message from the shop's systems: doc is {"channel": "chat|social|web|email", "from": {"email", "phone", "name", "locale"}, "subject", "body", "external_id", "received_at", "order_number", "category"} (body and external_id required, and an email or a phone). The sender is matched by e-mail, else by phone (never to a customer with another e-mail), else becomes a new customer; the message (kind customer) joins their open ticket of that channel, else their newest solved one (which the customer's message reopens), else a new ticket. The same external_id on the same channel again returns the first ticket and adds nothing. Returns the ticket id. Audited (ticket.receive).
Who: shop, admin.
Refuses: BD001 any other role; BD005 a malformed document, naming the member (unknown members too).$$;
COMMENT ON FUNCTION api.ticket_macros() IS
$$The macros in use, by name: code, name and a summary of what applying one does (reply and its languages, status, priority, category).
Who: agent, supervisor, admin.
Refuses: BD001 any other role.$$;
COMMENT ON FUNCTION api.preview_macro(text, text) IS
$$The reply a macro would send on a ticket, rendered in the customer's language with the ticket's values; NULL for a macro without a reply. Changes nothing.
Who: agent, supervisor, admin.
Refuses: BD001 any other role; BD003 no such ticket or macro; BD002 a placeholder the ticket has no value for (named, with why).$$;
COMMENT ON FUNCTION api.apply_macro(text, text, integer) IS
$$Applies a macro to a ticket in one transaction: its reply (rendered in the customer's language, queued in the outbox and added as a reply message; first_response_at set, a new ticket opened) and its status, priority and category. p_version is the ticket's version as the caller saw it (NULL: not checked). Returns the ticket's new version. Audited (ticket.macro).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such ticket or macro; BD004 the ticket changed since p_version (naming who); BD002 an inactive macro, a closed ticket, a status step tickets do not take, a placeholder the ticket has no value for, or no customer to reply to.$$;
COMMENT ON FUNCTION api.save_macro(text, text, text, text, text, text, boolean) IS
$$Creates or replaces a macro: code (lower-case words with dashes), name, reply_body (NULL: no reply) with placeholders from backdesk.macro_placeholders(), and the status, priority and category it sets (NULL: left alone). Returns the code. Audited (macro.save, with the old row).
Who: admin.
Refuses: BD001 any other role; BD005 a bad code, name or list value, a too-long text, an unknown placeholder, placeholders other than its translations', or a macro that does nothing.$$;
COMMENT ON FUNCTION api.save_macro_text(text, text, text) IS
$$Sets a macro's reply in one language (tr, en, hu), used for customers of that language; NULL or empty removes it. The same placeholders as the macro's reply. Audited (macro.save_text).
Who: admin.
Refuses: BD001 any other role; BD003 no such macro; BD005 a bad locale, a too-long text, a macro without a reply, or other placeholders.$$;
COMMENT ON FUNCTION api.record_csat(text, integer, text) IS
$$Records a customer's answer to the satisfaction survey of a ticket (score 1 to 5, an optional comment of up to 2000 characters), for the shop's web hook and `backdesk csat record`. Once per ticket. Does not change the ticket's version. Audited (ticket.csat).
Who: shop, admin.
Refuses: BD001 any other role; BD005 a score outside 1 to 5 or a too-long comment; BD003 no such ticket; BD007 already rated; BD002 a ticket never resolved.$$;
COMMENT ON FUNCTION api.csat_by_agent(timestamptz, timestamptz) IS
$$Satisfaction per assignee over the ratings recorded in [p_from, p_to) (NULL: unbounded): login, full name, how many rated, the average score and the share of 4s and 5s in percent.
Who: agent, supervisor, admin.
Refuses: BD001 any other role.$$;
