-- 0020 calls and tickets from a call (issue 10).
--
-- What was wrong: the call form's first outcome, which the agent got without
-- choosing, was "resolved", and api.log_call solved the ticket with it; every other
-- outcome reopened the ticket.  The ticket a call was about was typed from memory,
-- and `t` on the order screen opened a second ticket about the same thing as
-- readily as the first.
--
-- Now:
--   * backdesk.call_outcomes says what each outcome does to the ticket
--     (ticket_status; NULL: nothing).  The first one offered, "noted", leaves the
--     ticket as it is: solving or reopening a ticket is chosen, never defaulted.
--     api.log_call reads the table, so a new outcome is one row.
--   * api.customer_open_tickets(customer_id): the caller's open tickets, newest
--     first, for the console's ticket picker (and psql).  "Open" is
--     backdesk.ticket_is_open(status), one rule for the picker and the check below.
--   * api.open_ticket refuses (BD007) a ticket when the customer already has an open
--     one of the same category about the same order (or both about none), naming it,
--     unless open_anyway is true: the agent saw that ticket and opens another.
SET LOCAL ROLE backdesk_owner;

ALTER TABLE backdesk.call_outcomes
    ADD COLUMN ticket_status text REFERENCES backdesk.ticket_statuses (code);
COMMENT ON COLUMN backdesk.call_outcomes.ticket_status IS
    'The status a call with this outcome gives its ticket; NULL leaves the ticket as it is (a new ticket is open).';
UPDATE backdesk.call_outcomes SET ticket_status = CASE code WHEN 'resolved' THEN 'solved' ELSE 'open' END;
-- Before every other one: what the form offers first changes nothing.
INSERT INTO backdesk.call_outcomes (code, position, ticket_status) VALUES ('noted', 5, NULL);

-- Inlined where it is used (no SET, SQL-standard body bound at creation).
CREATE FUNCTION backdesk.ticket_is_open(p_status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN p_status NOT IN ('solved', 'closed');
GRANT EXECUTE ON FUNCTION backdesk.ticket_is_open(text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

------------------------------------------------------------------------------
-- api.customer_open_tickets: what a call can be about.
------------------------------------------------------------------------------
CREATE FUNCTION api.customer_open_tickets(customer_id bigint)
    RETURNS TABLE (number text, subject text, category text, status text, order_number text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_customer_id ALIAS FOR $1;
    v_cust backdesk.customers;
BEGIN
    PERFORM backdesk.require_role('reading tickets', 'agent', 'supervisor', 'admin');
    v_cust := backdesk.need_customer(p_customer_id);
    RETURN QUERY
    SELECT t.number, t.subject, t.category, t.status, o.number
    FROM backdesk.tickets t LEFT JOIN backdesk.orders o ON o.id = t.order_id
    WHERE t.customer_id = v_cust.id AND backdesk.ticket_is_open(t.status)
    ORDER BY t.updated_at DESC, t.id DESC
    LIMIT 50;
END
$$;

------------------------------------------------------------------------------
-- api.open_ticket with open_anyway: one open ticket per customer, category and order.
------------------------------------------------------------------------------
DROP FUNCTION api.open_ticket(bigint, text, text, text, text, text, text);
CREATE FUNCTION api.open_ticket(customer_id bigint, order_number text, channel text, category text,
                                priority text, subject text, body text, open_anyway boolean DEFAULT false)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_customer_id ALIAS FOR $1;
    p_number ALIAS FOR $2;
    p_channel ALIAS FOR $3;
    p_category ALIAS FOR $4;
    p_priority ALIAS FOR $5;
    p_subject ALIAS FOR $6;
    p_body ALIAS FOR $7;
    p_anyway ALIAS FOR $8;
    v_cust backdesk.customers;
    v_order backdesk.orders;
    v_priority text := coalesce(p_priority, 'normal');
    v_subject text;
    v_ticket backdesk.tickets;
    v_same backdesk.tickets;
BEGIN
    PERFORM backdesk.require_role('opening tickets', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_channel, 'channel', backdesk.choice_codes('ticket_channel'));
    PERFORM backdesk.need_one_of(p_category, 'category', backdesk.choice_codes('ticket_category'));
    PERFORM backdesk.need_one_of(v_priority, 'priority', backdesk.choice_codes('ticket_priority'));
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

    -- Two agents taking two calls of one customer find each other's ticket.
    PERFORM pg_advisory_xact_lock(hashtextextended('backdesk.open_ticket:' || v_cust.id, 0));
    IF NOT coalesce(p_anyway, false) THEN
        SELECT * INTO v_same FROM backdesk.tickets t
        WHERE t.customer_id = v_cust.id AND t.category = p_category
          AND t.order_id IS NOT DISTINCT FROM v_order.id AND backdesk.ticket_is_open(t.status)
        ORDER BY t.id DESC LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BD007',
                MESSAGE = format('%s is already open about %s%s: %s', v_same.number, replace(p_category, '-', ' '),
                                 CASE WHEN v_order.id IS NOT NULL THEN ' on ' || v_order.number ELSE '' END,
                                 v_same.subject),
                DETAIL = v_same.number,
                HINT = format('Add to %s, or open another with open_anyway => true.', v_same.number);
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
                           'channel', p_channel, 'category', p_category, 'priority', v_priority,
                           'open_anyway', coalesce(p_anyway, false)));
    RETURN v_ticket.number;
END
$$;

------------------------------------------------------------------------------
-- api.log_call: the outcome's row says what happens to the ticket.
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION api.log_call(customer_id bigint, ticket_number text, category text, outcome text,
                             note text, seconds integer)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
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
    v_sets text;
    v_status text;
    v_priority text;
    v_staff bigint;
    v_msg bigint;
BEGIN
    PERFORM backdesk.require_role('logging calls', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_outcome, 'outcome', backdesk.choice_codes('call_outcome'));
    IF p_seconds IS NOT NULL AND (p_seconds < 0 OR p_seconds > 86400) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('seconds must be between 0 and 86400, got %s', p_seconds),
            HINT = 'Give the length of the call in seconds.';
    END IF;
    v_cust := backdesk.need_customer(p_customer_id);
    SELECT c.ticket_status INTO v_sets FROM backdesk.call_outcomes c WHERE c.code = p_outcome;

    IF v_new THEN
        PERFORM backdesk.need_one_of(p_category, 'category', backdesk.choice_codes('ticket_category'));
        v_status := coalesce(v_sets, 'open');
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
        -- An outcome without a status leaves the ticket as it was.
        v_status := coalesce(v_sets, v_ticket.status);
        UPDATE backdesk.tickets
        SET status = v_status,
            solved_at = CASE WHEN v_status = 'solved' THEN coalesce(solved_at, now())
                             WHEN v_sets IS NULL THEN solved_at END,
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

GRANT EXECUTE ON FUNCTION
    api.customer_open_tickets(bigint),
    api.open_ticket(bigint, text, text, text, text, text, text, boolean)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

COMMENT ON FUNCTION api.customer_open_tickets(bigint) IS
$$A customer's open tickets (status not solved or closed, backdesk.ticket_is_open), the most recently changed first, at most 50: rows of (number, subject, category, status, order_number). What the console offers when a call is logged. Reads only.
Who: agent, supervisor, admin.
Refuses: BD001 any other role; BD003 no such customer.$$;

COMMENT ON FUNCTION api.open_ticket(bigint, text, text, text, text, text, text, boolean) IS
$$Opens a ticket for a customer, about one of their orders (order_number) or none (NULL or empty); returns its number (T-...). channel, category and priority are codes offered by backdesk.ticket_channels, backdesk.ticket_categories and backdesk.ticket_priorities (priority NULL: normal); the first-response and resolve times follow the priority; body, when given, is its first note. When the customer already has an open ticket of the same category about the same order (or both about none), it is refused naming that ticket (its number also in the error's DETAIL), unless open_anyway is true. Audited (ticket.open).
Who: agent, admin.
Refuses: BD001 any other role; BD005 a channel, category or priority its table does not offer, no subject (or one too long), or an order of another customer; BD003 no such customer or order; BD007 an open ticket of the same category about the same order exists and open_anyway is not true.$$;

COMMENT ON FUNCTION api.log_call(bigint, text, text, text, text, integer) IS
$$Logs a phone call with a customer as a call message on a ticket: on ticket_number, or (NULL or empty) on a new phone ticket of category, assigned to the caller, high priority when escalated. outcome is a code offered by backdesk.call_outcomes, whose ticket_status is what the call does to the ticket: resolved solves it, follow-up, escalated, callback-requested and no-answer (re)open it, noted (the first offered) leaves it as it is (a new ticket is open). note is added to the message; seconds is how long the call took (0 to 86400). Returns the ticket number. Audited (ticket.call).
Who: agent, admin.
Refuses: BD001 any other role; BD005 an outcome (or, for a new ticket, a category) its table does not offer, seconds out of range, or a ticket of another customer; BD003 no such customer or ticket.$$;
