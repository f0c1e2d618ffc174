-- 0027 api.take_next_ticket (issue 12): `n` in the Tickets pane gives the agent the
-- most urgent ticket nobody has, never the same one to two agents.
--
-- The queue is the partial index tickets_queue (0001): unassigned tickets that are
-- new or open, by priority rank, then resolve_due.  It gains id as a last column, so
-- that the pick's full order (rank, resolve_due, id: tickets with the same due date,
-- as a bulk load makes them, are taken oldest first) is the index's order and the
-- pick reads one entry instead of sorting every tie.  FOR UPDATE SKIP LOCKED: a ticket
-- another agent is taking is passed over, never waited for; one taken and committed
-- meanwhile no longer matches (READ COMMITTED re-reads it) and is passed over too.
--
-- It must run at 0.9x a bare SKIP LOCKED UPDATE (tests/bench/queue.sh), so what it
-- adds is kept to what is required: the role check and the caller's staff row in one
-- unique-index probe (below), and the audit row as the INSERT backdesk.audit makes,
-- written here: a call of that SQL function is planned again on every call.  (Written
-- by the same statement as the take, a data-modifying WITH, it cost more still: takes
-- alternated in one session were a third slower than without the audit row, against
-- a seventh slower with it as a statement of its own.)
SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

DROP INDEX backdesk.tickets_queue;
CREATE INDEX tickets_queue ON backdesk.tickets (backdesk.priority_rank(priority), resolve_due, id)
    WHERE assignee_id IS NULL AND status IN ('new', 'open');

CREATE FUNCTION api.take_next_ticket() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_staff bigint;
    v_id bigint;
    v_number text;
    v_version integer;
    v_from text;
BEGIN
    -- The role check, cheap: backdesk.caller_role() costs two statements (pg_roles,
    -- then staff) on every call, as much as a third of a take.  The staff row is read
    -- anyway (its id is the assignee); with it and three membership tests (cached by
    -- the server) a caller that backdesk.caller_role() would call agent or admin is
    -- let through: active, and a member of backdesk_admin (a superuser is a member of
    -- every group), or of backdesk_agent and not of backdesk_supervisor (who is
    -- 'supervisor' even when also an agent).  Anyone else, or a login without an
    -- active staff row, is decided by backdesk.require_role itself, which refuses
    -- (BD001) or lets through a caller who then has nothing to be assigned (BD003).
    SELECT s.id INTO v_staff FROM backdesk.staff s
    WHERE s.login = session_user AND s.active
      AND (pg_catalog.pg_has_role(session_user, 'backdesk_admin', 'USAGE')
           OR (pg_catalog.pg_has_role(session_user, 'backdesk_agent', 'USAGE')
               AND NOT pg_catalog.pg_has_role(session_user, 'backdesk_supervisor', 'USAGE')));
    IF NOT FOUND THEN
        PERFORM backdesk.require_role('taking the next ticket', 'agent', 'admin');
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('%s has no staff row: a ticket cannot be assigned to this login', session_user),
            HINT = 'An administrator adds the login with `backdesk staff add`.';
    END IF;

    WITH pick AS (
        SELECT t.id, t.status FROM backdesk.tickets t
        WHERE t.assignee_id IS NULL AND t.status IN ('new', 'open')
        ORDER BY backdesk.priority_rank(t.priority), t.resolve_due, t.id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
    )
    UPDATE backdesk.tickets t
    SET assignee_id = v_staff, status = 'open', version = t.version + 1, updated_at = now()
    FROM pick WHERE t.id = pick.id
    RETURNING t.id, t.number, t.version, pick.status INTO v_id, v_number, v_version, v_from;
    IF v_id IS NOT NULL THEN
        INSERT INTO backdesk.audit_log (action, entity, entity_id, detail)
        VALUES ('ticket.take', 'ticket', v_id,
                jsonb_build_object('number', v_number, 'assignee_id', v_staff, 'from_status', v_from,
                                   'version', v_version));
    END IF;
    RETURN v_id;
END
$$;

GRANT EXECUTE ON FUNCTION api.take_next_ticket()
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

COMMENT ON FUNCTION api.take_next_ticket() IS
$$Takes the most urgent ticket nobody has: unassigned, status new or open, by priority (urgent, high, normal, low), then the nearest resolve_due, then the oldest. Assigns it to the caller's staff row, sets a new ticket open, bumps its version. Never gives one ticket to two callers (FOR UPDATE SKIP LOCKED: a ticket another caller is taking is passed over). Returns the ticket's id, or NULL when the queue is empty. Audited (ticket.take, with the ticket's number, from_status and new version).
Who: agent, admin.
Refuses: BD001 any other role (a supervisor only watches; the warehouse, a disabled login); BD003 a login without an active staff row (nothing to assign to).$$;
