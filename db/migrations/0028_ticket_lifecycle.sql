-- 0028 a ticket's life (issue 12): status, priority, category, assignment, messages,
-- merge, links, time spent, auto-close and auto-assignment, each through api.
--
-- What was wrong: a ticket could be opened (api.open_ticket) and called about
-- (api.log_call), and nothing else: no status change, no reply to the customer, no
-- assignment, no merge; a solved ticket stayed solved for ever, and a customer
-- writing again left it solved.
--
-- Now:
--   * backdesk.ticket_transition_ok(from, to) is the one rule of which status may
--     follow which (new -> open|pending|solved; open -> pending|on_hold|solved;
--     pending -> open|solved; on_hold -> open|solved; solved -> open|closed; closed
--     -> nothing).  api.set_ticket_status refuses the rest with BD002 naming both.
--   * Every function that changes a ticket locks it, checks the version the caller
--     saw (BD004 naming who changed it, backdesk.check_ticket_version, like
--     backdesk.check_version for orders), bumps version and updated_at, audits with
--     the new version, and returns it.  add_ticket_time is additive and neither
--     checks nor bumps the version: the ticket screen flushes it every minute, and
--     a bump would make the agent's own next save a conflict.
--   * A customer message (kind 'customer', whoever inserts it) reopens a pending or
--     solved ticket when it was written at or after the ticket's last status change
--     (tickets.status_changed_at): a history loaded in bulk (backdesk seed) reopens
--     nothing.  A closed ticket stays closed.
--   * tickets.last_message_kind / last_message_at: the newest message the customer
--     saw or wrote (customer, reply, call), kept by a statement trigger.  Internal
--     notes and system lines do not count: a note does not answer a customer, so
--     'customer' means unanswered.
--   * backdesk.settings (key, value, valid, hint): admins change a value through
--     api.set_setting, which checks it against the row's anchored pattern.
--     ticket_autoclose_days (4) for api.close_solved_tickets (and `backdesk tickets
--     autoclose`), ticket_auto_assign (off): when on, a new unassigned ticket goes to
--     the least-loaded active agent or admin on shift (api.set_on_shift).
SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- Columns.
------------------------------------------------------------------------------
ALTER TABLE backdesk.tickets
    ADD COLUMN merged_into bigint REFERENCES backdesk.tickets,
    ADD COLUMN shipment_id bigint REFERENCES backdesk.shipments,
    ADD COLUMN return_id bigint REFERENCES backdesk.returns,
    ADD COLUMN time_spent integer NOT NULL DEFAULT 0 CONSTRAINT tickets_time_spent_check
        CHECK (time_spent BETWEEN 0 AND 100000000),
    ADD COLUMN last_message_kind text CONSTRAINT tickets_last_message_kind_check
        CHECK (last_message_kind IN ('customer', 'reply', 'call')),
    ADD COLUMN last_message_at timestamptz,
    ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT tickets_merged_closed CHECK (merged_into IS NULL OR status = 'closed'),
    ADD CONSTRAINT tickets_merged_not_self CHECK (merged_into <> id);
COMMENT ON COLUMN backdesk.tickets.merged_into IS
    'The ticket this one was merged into (api.merge_ticket); a merged ticket is closed.';
COMMENT ON COLUMN backdesk.tickets.time_spent IS
    'Seconds staff spent on the ticket (api.add_ticket_time, api.set_ticket_time).';
COMMENT ON COLUMN backdesk.tickets.last_message_kind IS
    'Kind of the newest message the customer wrote or was given (customer, reply, call); notes and system lines do not count. ''customer'' means unanswered.';
COMMENT ON COLUMN backdesk.tickets.status_changed_at IS
    'When the status last changed; a customer message written since reopens a pending or solved ticket.';
CREATE INDEX tickets_merged_into ON backdesk.tickets (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX tickets_shipment ON backdesk.tickets (shipment_id) WHERE shipment_id IS NOT NULL;
CREATE INDEX tickets_return ON backdesk.tickets (return_id) WHERE return_id IS NOT NULL;
-- The "unanswered" view: open tickets whose newest message is the customer's.
CREATE INDEX tickets_unanswered ON backdesk.tickets (resolve_due, id)
    WHERE last_message_kind = 'customer' AND status NOT IN ('solved', 'closed');

UPDATE backdesk.tickets t
SET last_message_kind = m.kind, last_message_at = m.created_at
FROM (SELECT DISTINCT ON (ticket_id) ticket_id, kind, created_at
      FROM backdesk.ticket_messages WHERE kind IN ('customer', 'reply', 'call')
      ORDER BY ticket_id, created_at DESC, id DESC) m
WHERE m.ticket_id = t.id;

ALTER TABLE backdesk.staff ADD COLUMN on_shift boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN backdesk.staff.on_shift IS
    'At work now (api.set_on_shift): new tickets may be assigned to them when ticket_auto_assign is on.';

-- A reply goes to the customer through the outbox.
ALTER TABLE backdesk.outbox DROP CONSTRAINT outbox_kind_check,
    ADD CONSTRAINT outbox_kind_check
        CHECK (kind IN ('order_confirmation', 'tracking', 'template', 'survey', 'reply'));

------------------------------------------------------------------------------
-- Settings.
------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS backdesk.settings (
    key   text PRIMARY KEY CONSTRAINT settings_key_check CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
    value text NOT NULL CONSTRAINT settings_value_length CHECK (length(value) <= 200)
);
ALTER TABLE backdesk.settings
    ADD COLUMN IF NOT EXISTS valid text NOT NULL DEFAULT '^.{0,200}$'
        CONSTRAINT settings_valid_length CHECK (length(valid) <= 200 AND valid LIKE '^%$'),
    ADD COLUMN IF NOT EXISTS hint text NOT NULL DEFAULT 'Give a value.'
        CONSTRAINT settings_hint_length CHECK (length(hint) <= 200);
COMMENT ON TABLE backdesk.settings IS
    'Settings of the whole shop; a value must match its anchored pattern valid (api.set_setting says hint when not).';
INSERT INTO backdesk.settings (key, value, valid, hint) VALUES
    ('ticket_autoclose_days', '4', '^[1-9][0-9]{0,2}$',
     'Give the number of days (1 to 999) a resolved ticket waits before it is closed.'),
    ('ticket_auto_assign', 'off', '^(on|off)$',
     'Give on (new tickets go to the least-loaded agent on shift) or off.')
ON CONFLICT (key) DO UPDATE SET valid = EXCLUDED.valid, hint = EXCLUDED.hint;
GRANT SELECT ON backdesk.settings TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

CREATE FUNCTION backdesk.setting(p_key text) RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$ SELECT s.value FROM backdesk.settings s WHERE s.key = p_key $$;

------------------------------------------------------------------------------
-- Helpers.
------------------------------------------------------------------------------

-- Which status may follow which.  Written once; set_ticket_status (and macros) ask it.
CREATE FUNCTION backdesk.ticket_transition_ok(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (p_from, p_to) IN (('new', 'open'), ('new', 'pending'), ('new', 'solved'),
                          ('open', 'pending'), ('open', 'on_hold'), ('open', 'solved'),
                          ('pending', 'open'), ('pending', 'solved'),
                          ('on_hold', 'open'), ('on_hold', 'solved'),
                          ('solved', 'open'), ('solved', 'closed'));
-- The console offers only the statuses a ticket may take.
GRANT EXECUTE ON FUNCTION backdesk.ticket_transition_ok(text, text)
    TO backdesk_agent, backdesk_supervisor, backdesk_admin;

-- The ticket by its number, locked for the rest of the transaction; BD003 if none.
CREATE FUNCTION backdesk.ticket_for_update(p_number text) RETURNS backdesk.tickets
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.tickets;
BEGIN
    SELECT * INTO v FROM backdesk.tickets WHERE number = upper(btrim(p_number)) FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no ticket %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Check the ticket number (search with g).';
    END IF;
    RETURN v;
END
$$;

-- BD004 when the ticket is no longer at the version the caller saw, naming who changed
-- it and when: the audit row that recorded this version, else the newest one.
CREATE FUNCTION backdesk.check_ticket_version(p_ticket backdesk.tickets, p_version integer) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_who text;
    v_at  timestamptz;
BEGIN
    IF p_version IS NULL OR p_version = p_ticket.version THEN
        RETURN;
    END IF;
    SELECT coalesce(s.full_name, a.actor), a.at INTO v_who, v_at
    FROM backdesk.audit_log a LEFT JOIN backdesk.staff s ON s.login = a.actor
    WHERE a.entity = 'ticket' AND a.entity_id = p_ticket.id
    ORDER BY (a.detail ->> 'version') = p_ticket.version::text DESC NULLS LAST, a.at DESC, a.id DESC
    LIMIT 1;
    RAISE EXCEPTION USING ERRCODE = 'BD004',
        MESSAGE = format('ticket %s was changed by %s at %s', p_ticket.number, coalesce(v_who, 'someone else'),
                         to_char(coalesce(v_at, p_ticket.updated_at), 'HH24:MI')),
        DETAIL = format('You saw version %s; it is at version %s now.', p_version, p_ticket.version),
        HINT = 'Reload the ticket and apply your change again.';
END
$$;

-- BD002 for a closed ticket (merged ones say where they went).
CREATE FUNCTION backdesk.need_ticket_not_closed(p_ticket backdesk.tickets, p_what text) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF p_ticket.merged_into IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('ticket %s was merged into %s; %s is not possible', p_ticket.number,
                             (SELECT t.number FROM backdesk.tickets t WHERE t.id = p_ticket.merged_into), p_what),
            HINT = 'Work on the ticket it was merged into.';
    END IF;
    IF p_ticket.status = 'closed' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('ticket %s is closed; %s is not possible', p_ticket.number, p_what),
            HINT = 'A closed ticket stays closed: open a new ticket for the customer.';
    END IF;
END
$$;

-- The ticket moved on: a new version, now.  Returns the new version.
CREATE FUNCTION backdesk.bump_ticket(p_ticket_id bigint) RETURNS integer
    LANGUAGE sql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    UPDATE backdesk.tickets SET version = version + 1, updated_at = now() WHERE id = p_ticket_id
    RETURNING version;
$$;

-- The newest customer-facing message of a ticket, again (after messages moved).
CREATE FUNCTION backdesk.ticket_refresh_last_message(p_ticket_id bigint) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    UPDATE backdesk.tickets t
    SET last_message_kind = m.kind, last_message_at = m.created_at
    FROM (SELECT p_ticket_id AS ticket_id) x
    LEFT JOIN LATERAL (SELECT kind, created_at FROM backdesk.ticket_messages
                       WHERE ticket_id = p_ticket_id AND kind IN ('customer', 'reply', 'call')
                       ORDER BY created_at DESC, id DESC LIMIT 1) m ON true
    WHERE t.id = x.ticket_id;
$$;

------------------------------------------------------------------------------
-- Triggers.
------------------------------------------------------------------------------

-- When the status changed: what a customer message is compared with.
CREATE FUNCTION backdesk.tickets_status_changed() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    NEW.status_changed_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER tickets_status_changed BEFORE UPDATE OF status ON backdesk.tickets
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
    EXECUTE FUNCTION backdesk.tickets_status_changed();

-- New messages, per statement (COPY of a whole history is one UPDATE): the newest
-- customer-facing message, and a customer writing again reopens a pending or solved
-- ticket, whoever inserted the message.
CREATE FUNCTION backdesk.ticket_messages_arrived() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    WITH latest AS (
        SELECT DISTINCT ON (n.ticket_id) n.ticket_id, n.kind, n.created_at
        FROM new_messages n WHERE n.kind IN ('customer', 'reply', 'call')
        ORDER BY n.ticket_id, n.created_at DESC, n.id DESC
    )
    UPDATE backdesk.tickets t
    SET last_message_kind = l.kind, last_message_at = l.created_at
    FROM latest l
    WHERE t.id = l.ticket_id AND (t.last_message_at IS NULL OR t.last_message_at <= l.created_at);

    WITH woke AS (
        SELECT n.ticket_id, max(n.id) AS message_id FROM new_messages n
        JOIN backdesk.tickets t ON t.id = n.ticket_id
        WHERE n.kind = 'customer' AND t.status IN ('pending', 'solved') AND n.created_at >= t.status_changed_at
        GROUP BY n.ticket_id
    ), reopened AS (
        UPDATE backdesk.tickets t
        SET status = 'open', solved_at = NULL, version = t.version + 1, updated_at = now()
        FROM woke w WHERE t.id = w.ticket_id
        RETURNING t.id, t.number, t.version, w.message_id
    )
    INSERT INTO backdesk.audit_log (action, entity, entity_id, detail)
    SELECT 'ticket.reopen', 'ticket', r.id,
           jsonb_build_object('number', r.number, 'version', r.version, 'message_id', r.message_id,
                              'reason', 'customer message')
    FROM reopened r;
    RETURN NULL;
END
$$;
CREATE TRIGGER ticket_messages_arrived AFTER INSERT ON backdesk.ticket_messages
    REFERENCING NEW TABLE AS new_messages
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.ticket_messages_arrived();

-- Auto-assignment of new unassigned tickets to the least-loaded on shift.  Per
-- statement, so a bulk load costs one look at the setting; serialized while on, so
-- two tickets created at once see each other's assignment.
CREATE FUNCTION backdesk.tickets_auto_assign() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r record;
    v_staff backdesk.staff;
BEGIN
    IF coalesce(backdesk.setting('ticket_auto_assign'), 'off') <> 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('backdesk.tickets_auto_assign', 0));
    FOR r IN SELECT n.id, n.number, n.version FROM new_tickets n
             WHERE n.assignee_id IS NULL AND n.status IN ('new', 'open') ORDER BY n.id LOOP
        SELECT s.* INTO v_staff
        FROM backdesk.staff s
        WHERE s.on_shift AND s.active AND s.role IN ('agent', 'admin')
        ORDER BY (SELECT count(*) FROM backdesk.tickets t
                  WHERE t.assignee_id = s.id AND t.status NOT IN ('solved', 'closed')), s.id
        LIMIT 1;
        EXIT WHEN NOT FOUND;
        UPDATE backdesk.tickets SET assignee_id = v_staff.id WHERE id = r.id AND assignee_id IS NULL;
        PERFORM backdesk.audit('ticket.auto_assign', 'ticket', r.id,
            jsonb_build_object('number', r.number, 'assignee', v_staff.login, 'version', r.version));
    END LOOP;
    RETURN NULL;
END
$$;
CREATE TRIGGER tickets_auto_assign AFTER INSERT ON backdesk.tickets
    REFERENCING NEW TABLE AS new_tickets
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.tickets_auto_assign();

------------------------------------------------------------------------------
-- Status, priority, category.
------------------------------------------------------------------------------
CREATE FUNCTION api.set_ticket_status(ticket text, status text, p_version integer DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    p_status ALIAS FOR $2;
    v backdesk.tickets;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('changing the status of tickets', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_status, 'status', backdesk.choice_codes('ticket_status'));
    v := backdesk.ticket_for_update(p_ticket);
    PERFORM backdesk.check_ticket_version(v, p_version);
    IF v.status = p_status THEN
        RETURN v.version;
    END IF;
    IF NOT backdesk.ticket_transition_ok(v.status, p_status) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('ticket %s cannot go from %s to %s', v.number,
                             replace(replace(v.status, 'solved', 'resolved'), '_', ' '),
                             replace(replace(p_status, 'solved', 'resolved'), '_', ' ')),
            HINT = CASE WHEN v.status = 'closed' THEN 'A closed ticket stays closed: open a new ticket for the customer.'
                        WHEN p_status = 'closed' THEN 'Resolve the ticket first; it closes by itself after some days.'
                        ELSE 'Choose one of the statuses the ticket offers.' END;
    END IF;
    UPDATE backdesk.tickets t
    SET status = p_status,
        solved_at = CASE WHEN p_status = 'solved' THEN now() WHEN p_status = 'closed' THEN t.solved_at END,
        version = t.version + 1, updated_at = now()
    WHERE t.id = v.id
    RETURNING t.version INTO v_version;
    PERFORM backdesk.audit('ticket.status', 'ticket', v.id,
        jsonb_build_object('number', v.number, 'from', v.status, 'to', p_status, 'version', v_version));
    RETURN v_version;
END
$$;

CREATE FUNCTION api.set_ticket_priority(ticket text, priority text, p_version integer DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    p_priority ALIAS FOR $2;
    v backdesk.tickets;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('changing the priority of tickets', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_priority, 'priority', backdesk.choice_codes('ticket_priority'));
    v := backdesk.ticket_for_update(p_ticket);
    PERFORM backdesk.check_ticket_version(v, p_version);
    PERFORM backdesk.need_ticket_not_closed(v, 'changing its priority');
    IF v.priority = p_priority THEN
        RETURN v.version;
    END IF;
    UPDATE backdesk.tickets t SET priority = p_priority, version = t.version + 1, updated_at = now()
    WHERE t.id = v.id RETURNING t.version INTO v_version;
    PERFORM backdesk.audit('ticket.priority', 'ticket', v.id,
        jsonb_build_object('number', v.number, 'from', v.priority, 'to', p_priority, 'version', v_version));
    RETURN v_version;
END
$$;

CREATE FUNCTION api.set_ticket_category(ticket text, category text, p_version integer DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    p_category ALIAS FOR $2;
    v backdesk.tickets;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('changing the category of tickets', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_category, 'category', backdesk.choice_codes('ticket_category'));
    v := backdesk.ticket_for_update(p_ticket);
    PERFORM backdesk.check_ticket_version(v, p_version);
    PERFORM backdesk.need_ticket_not_closed(v, 'changing its category');
    IF v.category = p_category THEN
        RETURN v.version;
    END IF;
    UPDATE backdesk.tickets t SET category = p_category, version = t.version + 1, updated_at = now()
    WHERE t.id = v.id RETURNING t.version INTO v_version;
    PERFORM backdesk.audit('ticket.category', 'ticket', v.id,
        jsonb_build_object('number', v.number, 'from', v.category, 'to', p_category, 'version', v_version));
    RETURN v_version;
END
$$;

------------------------------------------------------------------------------
-- Assignment.
------------------------------------------------------------------------------
CREATE FUNCTION api.assign_ticket(ticket text, assignee text, p_version integer DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    p_assignee ALIAS FOR $2;
    v backdesk.tickets;
    v_staff backdesk.staff;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('assigning tickets', 'supervisor', 'admin');
    IF nullif(btrim(p_assignee), '') IS NOT NULL THEN
        SELECT * INTO v_staff FROM backdesk.staff s WHERE s.login = lower(btrim(p_assignee));
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'BD003',
                MESSAGE = format('no staff member with login %L', p_assignee),
                HINT = 'See `backdesk staff list` for the logins.';
        END IF;
        IF NOT v_staff.active THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('%s (%s) is disabled and cannot take tickets', v_staff.full_name, v_staff.login),
                HINT = 'Assign the ticket to someone who is at work.';
        END IF;
        IF v_staff.role NOT IN ('agent', 'admin') THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('%s (%s) is %s and cannot work on tickets', v_staff.full_name, v_staff.login,
                                 v_staff.role),
                HINT = 'Assign the ticket to an agent or an administrator.';
        END IF;
    END IF;
    v := backdesk.ticket_for_update(p_ticket);
    PERFORM backdesk.check_ticket_version(v, p_version);
    PERFORM backdesk.need_ticket_not_closed(v, 'assigning it');
    IF v.assignee_id IS NOT DISTINCT FROM v_staff.id THEN
        RETURN v.version;
    END IF;
    UPDATE backdesk.tickets t SET assignee_id = v_staff.id, version = t.version + 1, updated_at = now()
    WHERE t.id = v.id RETURNING t.version INTO v_version;
    PERFORM backdesk.audit('ticket.assign', 'ticket', v.id,
        jsonb_build_object('number', v.number, 'version', v_version, 'assignee', v_staff.login,
                           'from', (SELECT s.login FROM backdesk.staff s WHERE s.id = v.assignee_id)));
    RETURN v_version;
END
$$;

CREATE FUNCTION api.set_on_shift(on_shift boolean) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_on ALIAS FOR $1;
    v_staff backdesk.staff;
BEGIN
    PERFORM backdesk.require_role('going on or off shift', 'agent', 'admin');
    IF p_on IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'on_shift is missing',
            HINT = 'Give true (at work) or false.';
    END IF;
    SELECT * INTO v_staff FROM backdesk.staff s WHERE s.login = session_user FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('%s is not a staff member', session_user),
            HINT = 'Log in as yourself; `backdesk staff add` makes a staff login.';
    END IF;
    IF v_staff.on_shift <> p_on THEN
        UPDATE backdesk.staff s SET on_shift = p_on WHERE s.id = v_staff.id;
        PERFORM backdesk.audit('staff.shift', 'staff', v_staff.id,
            jsonb_build_object('login', v_staff.login, 'on_shift', p_on));
    END IF;
    RETURN p_on;
END
$$;

------------------------------------------------------------------------------
-- Messages.
------------------------------------------------------------------------------
CREATE FUNCTION api.add_ticket_message(ticket text, kind text, body text, p_version integer DEFAULT NULL,
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

------------------------------------------------------------------------------
-- Merge and links.
------------------------------------------------------------------------------
CREATE FUNCTION api.merge_ticket(duplicate text, survivor text, p_version integer DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_dup ALIAS FOR $1;
    p_surv ALIAS FOR $2;
    v_dup backdesk.tickets;
    v_surv backdesk.tickets;
    r backdesk.tickets;
    v_moved integer;
    v_version integer;
    v_dup_version integer;
BEGIN
    PERFORM backdesk.require_role('merging tickets', 'agent', 'admin');
    PERFORM backdesk.need_text(p_dup, 'duplicate', 'Give the number of the ticket to merge.');
    PERFORM backdesk.need_text(p_surv, 'survivor', 'Give the number of the ticket to merge it into.');
    IF upper(btrim(p_dup)) = upper(btrim(p_surv)) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('ticket %s cannot be merged into itself', upper(btrim(p_dup))),
            HINT = 'Give the number of the other ticket about the same thing.';
    END IF;
    -- Both rows, in id order: two merges of the same pair either way cannot deadlock.
    FOR r IN SELECT * FROM backdesk.tickets t WHERE t.number IN (upper(btrim(p_dup)), upper(btrim(p_surv)))
             ORDER BY t.id FOR UPDATE LOOP
        IF r.number = upper(btrim(p_dup)) THEN v_dup := r; ELSE v_surv := r; END IF;
    END LOOP;
    IF v_dup.id IS NULL OR v_surv.id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no ticket %L', CASE WHEN v_dup.id IS NULL THEN p_dup ELSE p_surv END),
            HINT = 'Check the ticket number (search with g).';
    END IF;
    PERFORM backdesk.check_ticket_version(v_dup, p_version);
    PERFORM backdesk.need_ticket_not_closed(v_dup, 'merging it');
    IF v_surv.merged_into IS NOT NULL OR v_surv.status = 'closed' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('ticket %s is %s; nothing can be merged into it', v_surv.number,
                             CASE WHEN v_surv.merged_into IS NOT NULL THEN 'merged into another' ELSE 'closed' END),
            HINT = 'Merge into an open ticket of the customer.';
    END IF;
    IF v_dup.customer_id IS DISTINCT FROM v_surv.customer_id THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('tickets %s and %s are of different customers', v_dup.number, v_surv.number),
            HINT = 'Only tickets of one customer can be merged.';
    END IF;

    UPDATE backdesk.ticket_messages m SET ticket_id = v_surv.id WHERE m.ticket_id = v_dup.id;
    GET DIAGNOSTICS v_moved = ROW_COUNT;
    INSERT INTO backdesk.ticket_messages (ticket_id, kind, body) VALUES
        (v_surv.id, 'system', format('%s was merged into this ticket (%s messages moved).', v_dup.number, v_moved)),
        (v_dup.id, 'system', format('Merged into %s.', v_surv.number));
    UPDATE backdesk.tickets t
    SET status = 'closed', merged_into = v_surv.id, solved_at = coalesce(t.solved_at, now()),
        time_spent = 0, version = t.version + 1, updated_at = now()
    WHERE t.id = v_dup.id RETURNING t.version INTO v_dup_version;
    -- Tickets merged into the duplicate before point at the survivor now.
    UPDATE backdesk.tickets t SET merged_into = v_surv.id WHERE t.merged_into = v_dup.id;
    UPDATE backdesk.tickets t
    SET order_id = coalesce(t.order_id, v_dup.order_id),
        shipment_id = coalesce(t.shipment_id, v_dup.shipment_id),
        return_id = coalesce(t.return_id, v_dup.return_id),
        time_spent = least(t.time_spent + v_dup.time_spent, 100000000),
        first_response_at = least(t.first_response_at, v_dup.first_response_at),
        version = t.version + 1, updated_at = now()
    WHERE t.id = v_surv.id RETURNING t.version INTO v_version;
    PERFORM backdesk.ticket_refresh_last_message(v_surv.id);
    PERFORM backdesk.ticket_refresh_last_message(v_dup.id);
    PERFORM backdesk.audit('ticket.merge', 'ticket', v_dup.id,
        jsonb_build_object('number', v_dup.number, 'into', v_surv.number, 'messages', v_moved,
                           'from_status', v_dup.status, 'version', v_dup_version));
    PERFORM backdesk.audit('ticket.merged_in', 'ticket', v_surv.id,
        jsonb_build_object('number', v_surv.number, 'from', v_dup.number, 'messages', v_moved,
                           'version', v_version));
    RETURN v_version;
END
$$;

CREATE FUNCTION api.link_ticket(ticket text, order_number text, tracking_no text, return_number text,
                                p_version integer DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    p_order ALIAS FOR $2;
    p_tracking ALIAS FOR $3;
    p_return ALIAS FOR $4;
    v backdesk.tickets;
    v_cust bigint;
    v_order_id bigint;
    v_shipment_id bigint;
    v_return_id bigint;
    v_other_cust bigint;
    v_other_order bigint;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('linking tickets', 'agent', 'admin');
    v := backdesk.ticket_for_update(p_ticket);
    PERFORM backdesk.check_ticket_version(v, p_version);
    PERFORM backdesk.need_ticket_not_closed(v, 'changing its links');
    v_cust := v.customer_id;
    v_order_id := v.order_id;
    v_shipment_id := v.shipment_id;
    v_return_id := v.return_id;

    -- NULL leaves a link as it is; an empty text removes it.
    IF p_order IS NOT NULL THEN
        IF btrim(p_order) = '' THEN
            v_order_id := NULL;
        ELSE
            SELECT o.id, o.customer_id INTO v_order_id, v_other_cust FROM backdesk.orders o
            WHERE o.number = btrim(p_order);
            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order %L', p_order),
                    HINT = 'Check the order number (search with g).';
            END IF;
            IF v_other_cust IS DISTINCT FROM coalesce(v_cust, v_other_cust) THEN
                RAISE EXCEPTION USING ERRCODE = 'BD005',
                    MESSAGE = format('order %s is not an order of the ticket''s customer', btrim(p_order)),
                    HINT = 'Link an order of the same customer.';
            END IF;
            v_cust := coalesce(v_cust, v_other_cust);
        END IF;
    END IF;
    IF p_tracking IS NOT NULL THEN
        IF btrim(p_tracking) = '' THEN
            v_shipment_id := NULL;
        ELSE
            SELECT s.id, s.order_id, o.customer_id INTO v_shipment_id, v_other_order, v_other_cust
            FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
            WHERE s.tracking_no = upper(btrim(p_tracking)) OR s.tracking_no = btrim(p_tracking)
            LIMIT 1;
            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no parcel with tracking number %L', p_tracking),
                    HINT = 'Check the tracking number (search with g).';
            END IF;
            IF v_other_cust IS DISTINCT FROM coalesce(v_cust, v_other_cust) THEN
                RAISE EXCEPTION USING ERRCODE = 'BD005',
                    MESSAGE = format('parcel %s is not of an order of the ticket''s customer', btrim(p_tracking)),
                    HINT = 'Link a parcel of the same customer.';
            END IF;
            v_cust := coalesce(v_cust, v_other_cust);
            v_order_id := coalesce(v_order_id, v_other_order);
        END IF;
    END IF;
    IF p_return IS NOT NULL THEN
        IF btrim(p_return) = '' THEN
            v_return_id := NULL;
        ELSE
            SELECT r.id, r.order_id, o.customer_id INTO v_return_id, v_other_order, v_other_cust
            FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
            WHERE r.number = upper(btrim(p_return));
            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no return %L', p_return),
                    HINT = 'Check the return number (search with g).';
            END IF;
            IF v_other_cust IS DISTINCT FROM coalesce(v_cust, v_other_cust) THEN
                RAISE EXCEPTION USING ERRCODE = 'BD005',
                    MESSAGE = format('return %s is not of an order of the ticket''s customer', btrim(p_return)),
                    HINT = 'Link a return of the same customer.';
            END IF;
            v_cust := coalesce(v_cust, v_other_cust);
            v_order_id := coalesce(v_order_id, v_other_order);
        END IF;
    END IF;

    IF v_order_id IS NOT DISTINCT FROM v.order_id AND v_shipment_id IS NOT DISTINCT FROM v.shipment_id
       AND v_return_id IS NOT DISTINCT FROM v.return_id THEN
        RETURN v.version;
    END IF;
    UPDATE backdesk.tickets t
    SET customer_id = v_cust, order_id = v_order_id, shipment_id = v_shipment_id, return_id = v_return_id,
        version = t.version + 1, updated_at = now()
    WHERE t.id = v.id RETURNING t.version INTO v_version;
    PERFORM backdesk.audit('ticket.link', 'ticket', v.id,
        jsonb_build_object('number', v.number, 'version', v_version,
            'order', (SELECT o.number FROM backdesk.orders o WHERE o.id = v_order_id),
            'tracking_no', (SELECT s.tracking_no FROM backdesk.shipments s WHERE s.id = v_shipment_id),
            'return', (SELECT r.number FROM backdesk.returns r WHERE r.id = v_return_id)));
    RETURN v_version;
END
$$;

------------------------------------------------------------------------------
-- Time spent.
------------------------------------------------------------------------------
CREATE FUNCTION api.add_ticket_time(ticket text, seconds integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    p_seconds ALIAS FOR $2;
    v backdesk.tickets;
    v_total integer;
BEGIN
    PERFORM backdesk.require_role('counting time on tickets', 'agent', 'admin');
    IF p_seconds IS NULL OR p_seconds < 0 OR p_seconds > 86400 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('seconds must be between 0 and 86400, got %s', coalesce(p_seconds::text, 'nothing')),
            HINT = 'Give the seconds spent since the last count.';
    END IF;
    -- Additive: no version check and no new version, or the screen's own next save
    -- would be a conflict every minute.
    v := backdesk.ticket_for_update(p_ticket);
    IF p_seconds = 0 THEN
        RETURN v.time_spent;
    END IF;
    UPDATE backdesk.tickets t SET time_spent = least(t.time_spent + p_seconds, 100000000)
    WHERE t.id = v.id RETURNING t.time_spent INTO v_total;
    PERFORM backdesk.audit('ticket.time', 'ticket', v.id,
        jsonb_build_object('number', v.number, 'added', p_seconds, 'total', v_total));
    RETURN v_total;
END
$$;

CREATE FUNCTION api.set_ticket_time(ticket text, seconds integer, p_version integer DEFAULT NULL)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    p_seconds ALIAS FOR $2;
    v backdesk.tickets;
    v_version integer;
BEGIN
    PERFORM backdesk.require_role('correcting the time spent on tickets', 'agent', 'admin');
    IF p_seconds IS NULL OR p_seconds < 0 OR p_seconds > 100000000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('seconds must be between 0 and 100000000, got %s', coalesce(p_seconds::text, 'nothing')),
            HINT = 'Give the total time spent on the ticket in seconds.';
    END IF;
    v := backdesk.ticket_for_update(p_ticket);
    PERFORM backdesk.check_ticket_version(v, p_version);
    IF v.time_spent = p_seconds THEN
        RETURN v.version;
    END IF;
    UPDATE backdesk.tickets t SET time_spent = p_seconds, version = t.version + 1, updated_at = now()
    WHERE t.id = v.id RETURNING t.version INTO v_version;
    PERFORM backdesk.audit('ticket.time_set', 'ticket', v.id,
        jsonb_build_object('number', v.number, 'from', v.time_spent, 'to', p_seconds, 'version', v_version));
    RETURN v_version;
END
$$;

------------------------------------------------------------------------------
-- Auto-close and settings.
------------------------------------------------------------------------------
CREATE FUNCTION api.close_solved_tickets() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_days integer;
    v_count integer;
BEGIN
    PERFORM backdesk.require_role('closing resolved tickets', 'admin');
    v_days := coalesce(backdesk.setting('ticket_autoclose_days'), '4')::integer;
    WITH closed AS (
        UPDATE backdesk.tickets t
        SET status = 'closed', version = t.version + 1, updated_at = now()
        WHERE t.id IN (SELECT x.id FROM backdesk.tickets x
                       WHERE x.status = 'solved' AND x.solved_at < now() - make_interval(days => v_days)
                       FOR UPDATE SKIP LOCKED)
        RETURNING t.id, t.number, t.version
    ), messages AS (
        INSERT INTO backdesk.ticket_messages (ticket_id, kind, body)
        SELECT c.id, 'system', format('Closed automatically %s days after it was resolved.', v_days) FROM closed c
    ), audited AS (
        INSERT INTO backdesk.audit_log (action, entity, entity_id, detail)
        SELECT 'ticket.autoclose', 'ticket', c.id,
               jsonb_build_object('number', c.number, 'days', v_days, 'version', c.version)
        FROM closed c
    )
    SELECT count(*) INTO v_count FROM closed;
    RETURN v_count;
END
$$;

CREATE FUNCTION api.set_setting(key text, value text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_key ALIAS FOR $1;
    p_value ALIAS FOR $2;
    v backdesk.settings;
    v_value text := btrim(p_value);
BEGIN
    PERFORM backdesk.require_role('changing settings', 'admin');
    SELECT * INTO v FROM backdesk.settings s WHERE s.key = p_key FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no setting %s', coalesce(quote_literal(p_key), 'NULL')),
            HINT = format('Settings: %s.', (SELECT string_agg(s.key, ', ' ORDER BY s.key) FROM backdesk.settings s));
    END IF;
    IF v_value IS NULL OR v_value !~ v.valid THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s cannot be %s', v.key, coalesce(quote_literal(p_value), 'NULL')),
            HINT = v.hint;
    END IF;
    IF v_value <> v.value THEN
        UPDATE backdesk.settings s SET value = v_value WHERE s.key = v.key;
        PERFORM backdesk.audit('setting.set', 'setting', NULL,
            jsonb_build_object('key', v.key, 'from', v.value, 'to', v_value));
    END IF;
    RETURN v_value;
END
$$;

------------------------------------------------------------------------------
-- Who may call what, and what each says.
------------------------------------------------------------------------------
-- As for every api function (tests/sql/grants.sql): the staff groups may call it and
-- the function's role check says why it refuses; the shop may not.
GRANT EXECUTE ON FUNCTION
    api.set_ticket_status(text, text, integer),
    api.set_ticket_priority(text, text, integer),
    api.set_ticket_category(text, text, integer),
    api.assign_ticket(text, text, integer),
    api.add_ticket_message(text, text, text, integer, integer),
    api.merge_ticket(text, text, integer),
    api.link_ticket(text, text, text, text, integer),
    api.add_ticket_time(text, integer),
    api.set_ticket_time(text, integer, integer),
    api.set_on_shift(boolean),
    api.close_solved_tickets(),
    api.set_setting(text, text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

COMMENT ON FUNCTION api.set_ticket_status(text, text, integer) IS
$$Moves a ticket (its number, T-...) to another status; returns its new version. Allowed moves (backdesk.ticket_transition_ok): new to open, pending or solved; open to pending, on_hold or solved; pending to open or solved; on_hold to open or solved; solved (shown as "resolved") to open (reopen) or closed; closed to nothing. Solving sets solved_at, reopening clears it. The same status again changes nothing and returns the version. p_version is the version the caller saw (NULL: not checked). Audited (ticket.status).
Who: agent, admin.
Refuses: BD001 any other role; BD005 a status backdesk.ticket_statuses does not offer; BD003 no such ticket; BD004 the ticket changed since p_version (naming who); BD002 a move the rule does not allow, naming both statuses.$$;

COMMENT ON FUNCTION api.set_ticket_priority(text, text, integer) IS
$$Sets a ticket's priority (a code of backdesk.ticket_priorities); returns its new version (the same priority again: unchanged). p_version is the version the caller saw (NULL: not checked). Audited (ticket.priority).
Who: agent, admin.
Refuses: BD001 any other role; BD005 a priority not offered; BD003 no such ticket; BD004 the ticket changed since p_version (naming who); BD002 a closed or merged ticket.$$;

COMMENT ON FUNCTION api.set_ticket_category(text, text, integer) IS
$$Sets a ticket's category (a code of backdesk.ticket_categories); returns its new version (the same category again: unchanged). p_version is the version the caller saw (NULL: not checked). Audited (ticket.category).
Who: agent, admin.
Refuses: BD001 any other role; BD005 a category not offered; BD003 no such ticket; BD004 the ticket changed since p_version (naming who); BD002 a closed or merged ticket.$$;

COMMENT ON FUNCTION api.assign_ticket(text, text, integer) IS
$$Assigns a ticket to a staff member by login (an active agent or admin), or unassigns it (assignee NULL or empty); returns its new version (the same assignee again: unchanged). The status stays as it is. Agents take tickets with api.take_next_ticket instead. p_version is the version the caller saw (NULL: not checked). Audited (ticket.assign).
Who: supervisor, admin.
Refuses: BD001 any other role; BD003 no such ticket or login; BD002 a disabled login, or a closed or merged ticket; BD005 a login that is not an agent or admin; BD004 the ticket changed since p_version (naming who).$$;

COMMENT ON FUNCTION api.set_on_shift(boolean) IS
$$Says whether the caller is at work now; returns what was set. While ticket_auto_assign (backdesk.settings) is on, each new unassigned ticket goes to the active agent or admin on shift with the fewest open tickets. Audited (staff.shift) when it changes.
Who: agent, admin.
Refuses: BD001 any other role; BD005 on_shift NULL; BD003 a login without a staff row (a superuser).$$;

COMMENT ON FUNCTION api.add_ticket_message(text, text, text, integer, integer) IS
$$Adds a message to a ticket and returns its id. kind note (internal, never sent), reply (also queued in backdesk.outbox, kind reply, to the customer's e-mail or else phone by SMS, the subject and closing line in their language: tr, hu, else en) or call (call_seconds 0 to 86400 required). A reply or call sets first_response_at when unset and moves a new ticket to open. Every message bumps the ticket's version. p_version is the version the caller saw (NULL: not checked). Audited (ticket.message).
Who: agent, admin.
Refuses: BD001 any other role; BD005 a kind other than note, reply or call, an empty or too long message, call_seconds missing or out of range for a call or given for another kind; BD003 no such ticket; BD004 the ticket changed since p_version (naming who); BD002 a reply or call on a closed ticket, any message on a merged one, a reply to a ticket without a customer or to a customer with neither e-mail nor phone.$$;

COMMENT ON FUNCTION api.merge_ticket(text, text, integer) IS
$$Merges the ticket duplicate into survivor (both numbers, T-...): the duplicate's messages move to the survivor, its order, parcel and return links fill the survivor's empty ones, its time spent is added, it is closed with merged_into pointing to the survivor (tickets merged into it before point to the survivor too), and a system line on each says so. Both rows are locked in id order. p_version is the duplicate's version as the caller saw it (NULL: not checked). Returns the survivor's new version. Audited (ticket.merge on the duplicate, ticket.merged_in on the survivor).
Who: agent, admin.
Refuses: BD001 any other role; BD005 a ticket merged into itself, or tickets of different customers; BD003 no such ticket; BD004 the duplicate changed since p_version (naming who); BD002 a closed or merged duplicate, or a closed or merged survivor.$$;

COMMENT ON FUNCTION api.link_ticket(text, text, text, text, integer) IS
$$Links a ticket to an order (order_number), a parcel (tracking_no) and a return (return_number) of its customer; NULL leaves a link as it is, an empty text removes it. A parcel or return also links its order when the ticket has none; a ticket without a customer takes the linked object's. Returns the new version (nothing changed: the same). p_version is the version the caller saw (NULL: not checked). Audited (ticket.link).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such ticket, order, parcel or return; BD005 an order, parcel or return of another customer; BD004 the ticket changed since p_version (naming who); BD002 a closed or merged ticket.$$;

COMMENT ON FUNCTION api.add_ticket_time(text, integer) IS
$$Adds seconds (0 to 86400) to the time spent on a ticket and returns the total. Additive: it neither checks nor bumps the ticket's version, so the ticket screen can flush its count every minute without making the agent's own next save a conflict. Audited (ticket.time).
Who: agent, admin.
Refuses: BD001 any other role; BD005 seconds missing or out of range; BD003 no such ticket.$$;

COMMENT ON FUNCTION api.set_ticket_time(text, integer, integer) IS
$$Sets the total time spent on a ticket (seconds, 0 to 100000000), as corrected by hand; returns the ticket's new version (the same total again: unchanged). p_version is the version the caller saw (NULL: not checked). Audited (ticket.time_set).
Who: agent, admin.
Refuses: BD001 any other role; BD005 seconds missing or out of range; BD003 no such ticket; BD004 the ticket changed since p_version (naming who).$$;

COMMENT ON FUNCTION api.close_solved_tickets() IS
$$Closes every ticket resolved (status solved) more than ticket_autoclose_days (backdesk.settings, 4 unless set) days ago, with a system line on each, and returns how many; tickets locked by someone else at that moment wait for the next run. For cron: `backdesk tickets autoclose`. Audited (ticket.autoclose, one row per ticket).
Who: admin.
Refuses: BD001 any other role.$$;

COMMENT ON FUNCTION api.set_setting(text, text) IS
$$Sets a setting of backdesk.settings to value (trimmed) and returns it; the value must match the setting's pattern: ticket_autoclose_days 1 to 999, ticket_auto_assign on or off. Audited (setting.set) when it changes.
Who: admin.
Refuses: BD001 any other role; BD003 no such setting; BD005 a value the setting does not take (the hint says which).$$;
