-- 0046 mail from the support mailbox becomes ticket messages (issue 16, incoming mail).
--
-- `backdesk mail --fetch` and the console's background fetch read the mailbox over
-- IMAP, parse each mail in C (mail/mime_in.c) and hand it here as one document;
-- the IMAP message is marked \Seen only after this transaction committed.  So this
-- function must be idempotent: a fetch killed between the commit and the \Seen
-- hands the same mail over again, and it must add nothing.
--
-- What holds now:
-- * backdesk.inbound_mail: one row per Message-ID ever handed over (a mail without
--   one gets a synthetic id from the fetcher, a hash of its bytes), with what became
--   of it (reply, new_ticket, auto_reply, bounce, ignored) and the ticket.  It is
--   both the idempotency key (the same Message-ID again returns the first outcome,
--   duplicate true) and the thread index for later mails that answer it.
-- * Threading, first match wins:
--     1. In-Reply-To, then References newest first, against backdesk.outbox.message_id
--        (the mails we sent) and inbound_mail.message_id (mails we received);
--     2. a ticket number in the subject ("Re: [T-100123] ...");
--     3. else a new e-mail ticket for the customer matched by address.
-- * The sender must be the ticket's customer (same e-mail, case-insensitive) for a
--   mail to join a ticket by 1 or 2.  A forged In-Reply-To or a guessed ticket
--   number (they are sequential) from another address would otherwise write into a
--   stranger's ticket and, worse, reopen it and let the forger read the agent's
--   next reply to it.  Such a mail becomes a new ticket for its real sender, with
--   the outcome 'new_ticket' and 'not_threaded' in the audit row naming the ticket it
--   pointed at, so an agent can merge it by hand when it was the customer writing
--   from another address.  A closed ticket is final: a mail to it opens a new one.
-- * Auto-replies and bounces (classified by the parser: the headers Auto-Submitted,
--   X-Autoreply, Precedence, multipart/report; report-type=delivery-status,
--   MAILER-DAEMON senders) never make a customer or a ticket and never reopen one:
--   they become a 'system' note on the ticket they refer to (kind system does not
--   wake a ticket; 0028's trigger reopens only on kind customer).  A bounce comes
--   from the receiving system, not the customer, so it may refer to a ticket only
--   through a Message-ID of a mail we sent (outbox: random, seen only by the
--   recipient's systems); an auto-reply also needs the customer's address for the
--   weaker references.  Unmatched, they are recorded as 'ignored'.
-- * A new ticket's customer: receive_message's rule for e-mail (lower-case address,
--   the same advisory locks as api.import_order, a stranger becomes a customer whose
--   details a mail never changes).  api.receive_message itself is not called: it
--   threads onto any open ticket of the channel, which for mail would pour every
--   unrelated mail of a customer into one ticket; mail has its own threading above.
-- * Attachments: name, type and decoded size, listed with the message
--   (backdesk.ticket_message_attachments); the bytes are not stored (the mailbox
--   keeps the mail).
-- * Size: the body is capped by the parser at 64 KiB of text, marked where cut;
--   here at 100000 characters (BD005), at most 100 attachments and 50 references.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE TABLE backdesk.inbound_mail (
    message_id        text PRIMARY KEY COLLATE "C"
                          CHECK (length(message_id) BETWEEN 3 AND 998),
    outcome           text NOT NULL CHECK (outcome IN ('reply', 'new_ticket', 'auto_reply', 'bounce', 'ignored')),
    ticket_id         bigint REFERENCES backdesk.tickets ON DELETE SET NULL,
    ticket_message_id bigint REFERENCES backdesk.ticket_messages ON DELETE SET NULL,
    sender            text CHECK (length(sender) <= 254),
    received_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (outcome = 'ignored' OR ticket_id IS NOT NULL OR ticket_message_id IS NULL)
);
CREATE INDEX inbound_mail_ticket ON backdesk.inbound_mail (ticket_id);
COMMENT ON TABLE backdesk.inbound_mail IS
    'Every mail handed over by api.receive_mail, by Message-ID: what it became, and the thread index for mails that answer it.';

CREATE TABLE backdesk.ticket_message_attachments (
    message_id   bigint NOT NULL REFERENCES backdesk.ticket_messages ON DELETE CASCADE,
    position     smallint NOT NULL CHECK (position BETWEEN 1 AND 100),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 127),
    size         bigint NOT NULL CHECK (size >= 0),
    PRIMARY KEY (message_id, position)
);
COMMENT ON TABLE backdesk.ticket_message_attachments IS
    'The attachments a mail carried: name, MIME type and decoded size (the bytes stay in the mailbox).';

-- A list of Message-IDs from the document: strings, each <...>, at most 50.
CREATE FUNCTION backdesk.mail_ids(p_doc jsonb, p_key text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v jsonb := p_doc -> p_key;
    r text[] := '{}';
    e jsonb;
BEGIN
    IF v IS NULL OR jsonb_typeof(v) = 'null' THEN
        RETURN r;
    END IF;
    IF jsonb_typeof(v) <> 'array' THEN
        PERFORM backdesk.bad_message(p_key, 'must be an array of Message-IDs');
    END IF;
    IF jsonb_array_length(v) > 50 THEN
        PERFORM backdesk.bad_message(p_key, format('has %s Message-IDs, at most 50', jsonb_array_length(v)),
            'Send the newest 50 (the end of References).');
    END IF;
    FOR e IN SELECT x FROM jsonb_array_elements(v) x LOOP
        IF jsonb_typeof(e) <> 'string' OR length(e #>> '{}') NOT BETWEEN 3 AND 998
           OR (e #>> '{}') ~ '[\s\x00-\x1f\x7f]' THEN
            PERFORM backdesk.bad_message(p_key, format('holds %s, not a Message-ID', left(e::text, 60)));
        END IF;
        r := r || (e #>> '{}');
    END LOOP;
    RETURN r;
END
$$;

CREATE FUNCTION api.receive_mail(doc jsonb)
    RETURNS TABLE (outcome text, ticket_number text, duplicate boolean)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_key text;
    v_mid text;
    v_kind text;
    v_email text;
    v_name text;
    v_subject text;
    v_body text;
    v_raw text;
    v_received timestamptz;
    v_refs text[];
    v_atts jsonb;
    v_att jsonb;
    v_pos integer := 0;
    v_prior backdesk.inbound_mail;
    v_ticket backdesk.tickets;
    v_cand backdesk.tickets;
    v_cust_email text;
    v_via text;
    v_ours boolean := false;
    v_cust backdesk.customers;
    v_new_customer boolean := false;
    v_msg bigint;
    v_outcome text;
    v_refused text;
    r text;
    v_hops integer := 0;
BEGIN
    PERFORM backdesk.require_role('handing over mail from the support mailbox', 'shop', 'admin');

    IF doc IS NULL OR jsonb_typeof(doc) <> 'object' THEN
        PERFORM backdesk.bad_message('document', 'must be a JSON object',
            'Send {"message_id", "kind", "from": {"email", "name"}, "subject", "body", "in_reply_to", "references", "attachments", "received_at"}.');
    END IF;
    v_key := backdesk.message_unknown_key(doc, ARRAY['message_id', 'kind', 'from', 'subject', 'body',
                                                     'in_reply_to', 'references', 'attachments', 'received_at']);
    IF v_key IS NOT NULL THEN
        PERFORM backdesk.bad_message(v_key, 'is not a member backdesk knows',
            'Members: message_id, kind, from, subject, body, in_reply_to, references, attachments, received_at.');
    END IF;
    v_mid := backdesk.message_text(doc, 'message_id', 'message_id', 998, true);
    IF v_mid ~ '\s' OR length(v_mid) < 3 THEN
        PERFORM backdesk.bad_message('message_id', 'must be one Message-ID without spaces');
    END IF;
    v_kind := coalesce(backdesk.message_text(doc, 'kind', 'kind', 20), 'mail');
    IF v_kind NOT IN ('mail', 'auto_reply', 'bounce') THEN
        PERFORM backdesk.bad_message('kind', format('%L is not mail, auto_reply or bounce', v_kind));
    END IF;
    IF jsonb_typeof(doc -> 'from') IS DISTINCT FROM 'object' THEN
        PERFORM backdesk.bad_message('from', 'must be an object with the sender''s email and name');
    END IF;
    v_key := backdesk.message_unknown_key(doc -> 'from', ARRAY['email', 'name']);
    IF v_key IS NOT NULL THEN
        PERFORM backdesk.bad_message('from.' || v_key, 'is not a member backdesk knows', 'Members of from: email, name.');
    END IF;
    v_email := lower(backdesk.message_text(doc -> 'from', 'email', 'from.email', 254, true));
    IF v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' THEN
        PERFORM backdesk.bad_message('from.email', format('%L is not an e-mail address', v_email));
    END IF;
    v_name := backdesk.message_text(doc -> 'from', 'name', 'from.name', 200);
    IF v_name ~ '[\n\r\t]' THEN
        PERFORM backdesk.bad_message('from.name', 'must be one line');
    END IF;
    v_subject := backdesk.message_text(doc, 'subject', 'subject', 998);
    IF v_subject ~ '[\n\r]' THEN
        PERFORM backdesk.bad_message('subject', 'must be one line');
    END IF;
    v_body := coalesce(backdesk.message_text(doc, 'body', 'body', 100000), '');
    v_refs := backdesk.mail_ids(doc, 'in_reply_to') || backdesk.mail_ids(doc, 'references');
    v_raw := backdesk.message_text(doc, 'received_at', 'received_at', 40);
    IF v_raw IS NOT NULL THEN
        BEGIN
            v_received := v_raw::timestamptz;
        EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
            PERFORM backdesk.bad_message('received_at', format('is not a time: %L', v_raw));
        END;
    END IF;
    v_atts := coalesce(doc -> 'attachments', '[]');
    IF jsonb_typeof(v_atts) <> 'array' OR jsonb_array_length(v_atts) > 100 THEN
        PERFORM backdesk.bad_message('attachments', 'must be an array of at most 100 {"name", "type", "size"}');
    END IF;
    FOR v_att IN SELECT x FROM jsonb_array_elements(v_atts) x LOOP
        IF jsonb_typeof(v_att) <> 'object' OR backdesk.message_unknown_key(v_att, ARRAY['name', 'type', 'size']) IS NOT NULL
           OR jsonb_typeof(v_att -> 'size') IS DISTINCT FROM 'number'
           OR (v_att ->> 'size') !~ '^\d{1,15}$' THEN
            PERFORM backdesk.bad_message('attachments', format('holds %s, not {"name", "type", "size"}', left(v_att::text, 80)));
        END IF;
        PERFORM backdesk.message_text(v_att, 'name', 'attachments.name', 255, true);
        PERFORM backdesk.message_text(v_att, 'type', 'attachments.type', 127, true);
    END LOOP;

    -- The same mail again (a fetch killed before its \Seen): the first outcome.
    PERFORM pg_advisory_xact_lock(hashtext('backdesk.receive_mail'), hashtext(v_mid));
    SELECT * INTO v_prior FROM backdesk.inbound_mail i WHERE i.message_id = v_mid;
    IF FOUND THEN
        RETURN QUERY SELECT v_prior.outcome, (SELECT t.number FROM backdesk.tickets t WHERE t.id = v_prior.ticket_id), true;
        RETURN;
    END IF;

    -- 1. The thread: the newest reference first (In-Reply-To is first in v_refs,
    --    References are oldest first, so the rest is read backwards).
    FOR r IN SELECT x FROM unnest(v_refs) WITH ORDINALITY u(x, n)
             ORDER BY (n = 1) DESC, n DESC LOOP
        SELECT t.* INTO v_cand FROM backdesk.outbox o JOIN backdesk.tickets t ON t.id = o.ticket_id
        WHERE o.message_id = r;
        IF FOUND THEN
            v_ours := true;
        ELSE
            SELECT t.* INTO v_cand FROM backdesk.inbound_mail i JOIN backdesk.tickets t ON t.id = i.ticket_id
            WHERE i.message_id = r;
        END IF;
        IF v_cand.id IS NOT NULL THEN
            v_via := 'references';
            EXIT;
        END IF;
    END LOOP;
    -- 2. A ticket number in the subject.
    IF v_cand.id IS NULL AND v_subject ~* '\mT-\d{6,12}\M' THEN
        SELECT t.* INTO v_cand FROM backdesk.tickets t
        WHERE t.number = upper(substring(v_subject FROM '(?i)\m(T-\d{6,12})\M'));
        IF FOUND THEN
            v_via := 'subject';
        END IF;
    END IF;
    -- A merged ticket lives on in the one it was merged into.
    WHILE v_cand.merged_into IS NOT NULL AND v_hops < 10 LOOP
        SELECT t.* INTO v_cand FROM backdesk.tickets t WHERE t.id = v_cand.merged_into;
        v_hops := v_hops + 1;
    END LOOP;
    IF v_cand.id IS NOT NULL THEN
        SELECT lower(c.email) INTO v_cust_email FROM backdesk.customers c WHERE c.id = v_cand.customer_id;
        IF v_kind = 'bounce' THEN
            IF NOT v_ours THEN
                v_refused := 'a bounce refers to a ticket only through a mail we sent';
            END IF;
        ELSIF v_kind = 'auto_reply' THEN
            IF NOT v_ours AND v_cust_email IS DISTINCT FROM v_email THEN
                v_refused := 'the sender is not the ticket''s customer';
            END IF;
        ELSIF v_cust_email IS DISTINCT FROM v_email THEN
            v_refused := 'the sender is not the ticket''s customer';
        ELSIF v_cand.status = 'closed' THEN
            v_refused := 'the ticket is closed';
        END IF;
        IF v_refused IS NULL THEN
            SELECT * INTO v_ticket FROM backdesk.tickets t WHERE t.id = v_cand.id FOR UPDATE;
        END IF;
    END IF;

    IF v_kind IN ('auto_reply', 'bounce') THEN
        IF v_ticket.id IS NULL THEN
            v_outcome := 'ignored';
        ELSE
            v_outcome := v_kind;
            INSERT INTO backdesk.ticket_messages (ticket_id, kind, body)
            VALUES (v_ticket.id, 'system',
                    CASE v_kind WHEN 'bounce' THEN 'Delivery failed (bounce from ' ELSE 'Automatic reply from ' END
                    || v_email || CASE v_kind WHEN 'bounce' THEN ')' ELSE '' END
                    || coalesce(': ' || v_subject, '') || E'\n\n' || left(v_body, 2000))
            RETURNING id INTO v_msg;
        END IF;
    ELSE
        IF v_ticket.id IS NULL THEN
            -- 3. A new e-mail ticket for the customer with this address.
            PERFORM pg_advisory_xact_lock(hashtext('backdesk.customer'), hashtext(v_email));
            SELECT * INTO v_cust FROM backdesk.customers c WHERE lower(c.email) COLLATE "C" = v_email;
            IF v_cust.id IS NULL THEN
                INSERT INTO backdesk.customers (name, email)
                VALUES (coalesce(v_name, split_part(v_email, '@', 1)), v_email)
                RETURNING * INTO v_cust;
                v_new_customer := true;
            END IF;
            PERFORM pg_advisory_xact_lock(hashtextextended('backdesk.open_ticket:' || v_cust.id, 0));
            INSERT INTO backdesk.tickets (channel, category, priority, status, subject, customer_id,
                                          first_response_due, resolve_due)
            VALUES ('email', 'other', 'normal', 'new',
                    left(coalesce(v_subject, nullif(btrim(split_part(v_body, E'\n', 1)), ''), '(no subject)'), 200),
                    v_cust.id,
                    now() + backdesk.sla_first_response('normal'), now() + backdesk.sla_resolve('normal'))
            RETURNING * INTO v_ticket;
            v_outcome := 'new_ticket';
        ELSE
            v_outcome := 'reply';
            UPDATE backdesk.tickets t SET updated_at = now() WHERE t.id = v_ticket.id;
        END IF;
        INSERT INTO backdesk.ticket_messages (ticket_id, kind, body, created_at)
        VALUES (v_ticket.id, 'customer',
                CASE WHEN btrim(v_body, E' \t\r\n') = '' THEN '(no text)' ELSE v_body END,
                least(coalesce(v_received, now()), now()))
        RETURNING id INTO v_msg;
        INSERT INTO backdesk.ticket_message_attachments (message_id, position, name, content_type, size)
        SELECT v_msg, a.n, btrim(a.x ->> 'name'), lower(btrim(a.x ->> 'type')), (a.x ->> 'size')::bigint
        FROM jsonb_array_elements(v_atts) WITH ORDINALITY a(x, n);
    END IF;

    INSERT INTO backdesk.inbound_mail (message_id, outcome, ticket_id, ticket_message_id, sender)
    VALUES (v_mid, v_outcome, v_ticket.id, v_msg, v_email);
    PERFORM backdesk.audit('mail.receive', 'ticket', v_ticket.id,
        jsonb_build_object('message_id', v_mid, 'outcome', v_outcome, 'number', v_ticket.number,
                           'ticket_message_id', v_msg, 'sender', v_email, 'via', v_via,
                           'new_customer', v_new_customer,
                           'not_threaded', CASE WHEN v_refused IS NOT NULL THEN v_cand.number END,
                           'why_not', v_refused,
                           'attachments', jsonb_array_length(v_atts)));
    RETURN QUERY SELECT v_outcome, v_ticket.number, false;
END
$$;

REVOKE ALL ON FUNCTION api.receive_mail(jsonb), backdesk.mail_ids(jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.receive_mail(jsonb) TO backdesk_shop, backdesk_admin, backdesk_agent,
    backdesk_warehouse, backdesk_supervisor, backdesk_disabled;
GRANT SELECT ON backdesk.ticket_message_attachments TO backdesk_agent, backdesk_supervisor, backdesk_admin;
GRANT SELECT ON backdesk.inbound_mail TO backdesk_agent, backdesk_supervisor, backdesk_admin;

COMMENT ON FUNCTION api.receive_mail(jsonb) IS
$$Hands over one mail read from the support mailbox (backdesk mail --fetch): doc is {"message_id", "kind": "mail|auto_reply|bounce", "from": {"email", "name"}, "subject", "body", "in_reply_to": [...], "references": [...], "attachments": [{"name", "type", "size"}], "received_at"} (message_id and from.email required). A mail joins the ticket its In-Reply-To/References (our outbox mails, earlier inbound mails) or its subject's ticket number point at when the sender is that ticket's customer and it is not closed (a customer message: reopens a pending or solved ticket), else becomes a new e-mail ticket for the customer with that address (a stranger becomes a customer). Auto-replies and bounces only add a system note to the ticket they refer to (a bounce only through a mail we sent), never reopen one and never make a customer or ticket; unmatched they are recorded as ignored. The same message_id again adds nothing and returns the first outcome with duplicate true. Returns (outcome: reply, new_ticket, auto_reply, bounce or ignored; ticket_number; duplicate). Audited (mail.receive).
Who: shop, admin.
Refuses: BD001 any other role; BD005 a malformed document, naming the member (unknown members too).$$;
