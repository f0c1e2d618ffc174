-- 0035 who made a ticket's version, for the ticket screen (issue 12: "changed while
-- you were typing").
--
-- A colleague's reply names itself (the message's author), but a change of status,
-- priority, category, assignee or links adds no message: only the audit row says
-- who made that version, and agents may not read backdesk.audit_log.  The banner
-- said "someone changed the ticket".  api.ticket_version_author answers for one
-- ticket the reader may read anyway: the login and name behind its current version
-- (the audit row recording that version, as backdesk.check_ticket_version finds it
-- for BD004), and nothing else of the audit log.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE FUNCTION api.ticket_version_author(ticket text,
                                          OUT version integer, OUT login text, OUT name text,
                                          OUT at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_ticket ALIAS FOR $1;
    v backdesk.tickets;
BEGIN
    PERFORM backdesk.require_role('reading tickets', 'agent', 'supervisor', 'admin');
    SELECT * INTO v FROM backdesk.tickets t WHERE t.number = btrim(p_ticket);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no ticket %L', p_ticket),
            HINT = 'Check the ticket number.';
    END IF;
    version := v.version;
    SELECT a.actor, coalesce(s.full_name, a.actor), a.at INTO login, name, at
    FROM backdesk.audit_log a LEFT JOIN backdesk.staff s ON s.login = a.actor
    WHERE a.entity = 'ticket' AND a.entity_id = v.id AND a.detail ->> 'version' = v.version::text
    ORDER BY a.at DESC, a.id DESC
    LIMIT 1;
END
$$;

GRANT EXECUTE ON FUNCTION api.ticket_version_author(text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.ticket_version_author(text) IS
$$Who made the ticket's current version (its number, T-100004): version, the staff login and name, and when, from the audit row that recorded that version; login, name and at are NULL when no audit row names the version (a ticket as it was created or loaded). The ticket screen's "changed while you were typing" banner names the colleague with it. Reads nothing else of the audit log.
Who: agent, supervisor, admin.
Refuses: BD001 any other role; BD003 no such ticket.$$;
