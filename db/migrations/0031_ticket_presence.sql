-- 0031 presence on a ticket: who else is viewing it or typing a reply (issue 12,
-- "Two agents on one ticket").
--
-- api.ticket_presence tells the other consoles through NOTIFY on backdesk_presence
-- that the caller is viewing, typing on or has left a ticket.  It writes no table and
-- no audit row: presence is not a change of state, it is said again every two
-- seconds by every open ticket screen, and an audit row for each would drown the
-- log.  Nothing is stored either: a console that was not listening when it was said
-- learns it at the next re-announce, and a console that vanished without "left"
-- simply stops being mentioned (the reader forgets after 5 s of silence).
--
-- The payload is JSON built by the server ({ticket, login, name, state}), so a name
-- with quotes or accents cannot break it; the name is the staff row's, cut to 200
-- characters like the column, so the payload stays far below NOTIFY's 8000 bytes.
-- NOTIFY is delivered when the caller's transaction commits: the console sends each
-- call as a transaction of its own.
SET LOCAL ROLE backdesk_owner;

CREATE FUNCTION api.ticket_presence(ticket text, state text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    p_state ALIAS FOR $2;
    v_number text;
    v_name text;
BEGIN
    PERFORM backdesk.require_role('showing presence on tickets', 'agent', 'supervisor', 'admin');
    IF p_state IS NULL OR p_state NOT IN ('viewing', 'typing', 'left') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('presence state must be viewing, typing or left, got %L', p_state),
            HINT = 'Say viewing while the ticket is on screen, typing while writing on it, left when it closes.';
    END IF;
    SELECT t.number INTO v_number FROM backdesk.tickets t WHERE t.number = btrim(p_ticket);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no ticket %L', p_ticket),
            HINT = 'Check the ticket number (T-100004).';
    END IF;
    SELECT left(s.full_name, 200) INTO v_name FROM backdesk.staff s WHERE s.login = session_user;
    PERFORM pg_notify('backdesk_presence',
        json_build_object('ticket', v_number, 'login', session_user::text,
                          'name', coalesce(v_name, session_user::text), 'state', p_state)::text);
END
$$;

GRANT EXECUTE ON FUNCTION api.ticket_presence(text, text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

COMMENT ON FUNCTION api.ticket_presence(text, text) IS
$$Says to every console listening on channel backdesk_presence that the caller is viewing ticket (its number, T-100004), typing on it, or has left it (state viewing, typing or left). The notification's payload is JSON {"ticket", "login", "name", "state"}, name being the caller's staff name (the login when there is no staff row). Sent when the caller's transaction commits. Writes nothing and no audit row: presence is not a change of state, and the ticket screen says it again every two seconds. Returns nothing.
Who: agent, supervisor, admin.
Refuses: BD001 any other role; BD005 a state other than viewing, typing or left; BD003 no such ticket.$$;
