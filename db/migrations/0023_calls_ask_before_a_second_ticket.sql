-- 0023 a call does not open a second ticket about the same thing unasked (issue 10).
--
-- What was wrong: a call logged with the Ticket field left at "a new ticket" opened
-- one even when the caller already had an open ticket of the same category (the
-- call form's "About"): T-100128 was opened beside the open T-100127.  `t` on the
-- order screen already asks (api.open_ticket, BD007, 0020).
--
-- Now api.log_call, when it would open a new ticket, refuses (BD007, the open
-- ticket's number in DETAIL) while the customer has an open ticket
-- (backdesk.ticket_is_open) of that category, unless its new last argument
-- open_anyway is true: the agent saw that ticket and opens another.  The audit row
-- says so.  A call is about the customer, not an order, so any open ticket of the
-- category counts, whatever order it is about.  The 6-argument function is dropped:
-- with the DEFAULT, calls with six arguments still reach the new one.
SET LOCAL ROLE backdesk_owner;

DROP FUNCTION api.log_call(bigint, text, text, text, text, integer);
CREATE FUNCTION api.log_call(customer_id bigint, ticket_number text, category text, outcome text,
                             note text, seconds integer, open_anyway boolean DEFAULT false)
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
    p_anyway ALIAS FOR $7;
    v_cust backdesk.customers;
    v_ticket backdesk.tickets;
    v_new boolean := nullif(btrim(p_ticket), '') IS NULL;
    v_sets text;
    v_status text;
    v_priority text;
    v_staff bigint;
    v_msg bigint;
    v_same backdesk.tickets;
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
        -- The same lock as api.open_ticket: two agents on two calls of one customer
        -- find each other's ticket.
        PERFORM pg_advisory_xact_lock(hashtextextended('backdesk.open_ticket:' || v_cust.id, 0));
        IF NOT coalesce(p_anyway, false) THEN
            SELECT * INTO v_same FROM backdesk.tickets t
            WHERE t.customer_id = v_cust.id AND t.category = p_category AND backdesk.ticket_is_open(t.status)
            ORDER BY t.updated_at DESC, t.id DESC LIMIT 1;
            IF FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'BD007',
                    MESSAGE = format('%s is already open about %s: %s', v_same.number,
                                     replace(p_category, '-', ' '), v_same.subject),
                    DETAIL = v_same.number,
                    HINT = format('Log the call on %s, or open another with open_anyway => true.', v_same.number);
            END IF;
        END IF;
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
                           'from_status', CASE WHEN NOT v_new THEN v_ticket.status END, 'status', v_status,
                           'open_anyway', v_new AND coalesce(p_anyway, false)));
    RETURN v_ticket.number;
END
$$;

GRANT EXECUTE ON FUNCTION api.log_call(bigint, text, text, text, text, integer, boolean)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

COMMENT ON FUNCTION api.log_call(bigint, text, text, text, text, integer, boolean) IS
$$Logs a phone call with a customer as a call message on a ticket: on ticket_number, or (NULL or empty) on a new phone ticket of category, assigned to the caller, high priority when escalated. A new ticket is refused, naming the open one (its number also in the error's DETAIL), while the customer has an open ticket (status not solved or closed) of the same category, unless open_anyway is true. outcome is a code offered by backdesk.call_outcomes, whose ticket_status is what the call does to the ticket: resolved solves it, follow-up, escalated, callback-requested and no-answer (re)open it, noted (the first offered) leaves it as it is (a new ticket is open). note is added to the message; seconds is how long the call took (0 to 86400). Returns the ticket number. Audited (ticket.call, with open_anyway).
Who: agent, admin.
Refuses: BD001 any other role; BD005 an outcome (or, for a new ticket, a category) its table does not offer, seconds out of range, or a ticket of another customer; BD003 no such customer or ticket; BD007 a new ticket while one of the same category is open and open_anyway is not true.$$;
