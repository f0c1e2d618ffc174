-- 0040 resolved returns close by themselves.
--
-- A return refunded, exchanged, repaired or given store credit still waits for
-- close_return; nobody goes back months later to close it, so the Returns pane's
-- Open view fills with work that is done.  Like resolved tickets (0028): a setting,
-- return_autoclose_days (14: long enough for the customer to come back about the
-- outcome), and api.close_resolved_returns for cron (`backdesk returns autoclose`).
-- A return resolved before 0036 kept no resolved_at: its inspection (else its
-- request) is the day it counts from.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

INSERT INTO backdesk.settings (key, value, valid, hint) VALUES
    ('return_autoclose_days', '14', '^[1-9][0-9]{0,2}$',
     'Give the number of days (1 to 999) a resolved return (refunded, exchanged, repaired, store credit) waits before it is closed.')
ON CONFLICT (key) DO UPDATE SET valid = EXCLUDED.valid, hint = EXCLUDED.hint;

CREATE FUNCTION api.close_resolved_returns() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_days integer;
    v_count integer;
BEGIN
    PERFORM backdesk.require_role('closing resolved returns', 'admin');
    v_days := coalesce(backdesk.setting('return_autoclose_days'), '14')::integer;
    WITH closed AS (
        UPDATE backdesk.returns r
        SET status = 'closed', closed_at = now(), version = r.version + 1, updated_at = now()
        WHERE r.id IN (SELECT x.id FROM backdesk.returns x
                       WHERE x.status IN ('refunded', 'exchanged', 'repaired', 'store_credit')
                         AND coalesce(x.resolved_at, x.inspected_at, x.requested_at)
                             < now() - make_interval(days => v_days)
                       FOR UPDATE SKIP LOCKED)
        RETURNING r.id, r.number, r.version
    ), audited AS (
        INSERT INTO backdesk.audit_log (action, entity, entity_id, detail)
        SELECT 'return.autoclose', 'return', c.id,
               jsonb_build_object('number', c.number, 'days', v_days, 'version', c.version)
        FROM closed c
    )
    SELECT count(*) INTO v_count FROM closed;
    RETURN v_count;
END
$$;

GRANT EXECUTE ON FUNCTION api.close_resolved_returns()
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.close_resolved_returns() IS
$$Closes every return resolved (refunded, exchanged, repaired or store credit) more than return_autoclose_days (backdesk.settings, 14 unless set) days ago, and returns how many; a return resolved before resolutions were recorded counts from its inspection. Returns locked by someone else at that moment wait for the next run. For cron: `backdesk returns autoclose`. Audited (return.autoclose, one row per return).
Who: admin.
Refuses: BD001 any other role.$$;

-- The settings there are now, as api.set_setting's callers read them.
COMMENT ON FUNCTION api.set_setting(text, text) IS
$$Sets a setting of backdesk.settings to value (trimmed) and returns it; the value must match the setting's pattern: ticket_autoclose_days 1 to 999, ticket_auto_assign on or off, return_window_days 0 to 999, restocking_fee_percent 0 to 50, return_autoclose_days 1 to 999 (each row's hint says it in words). Audited (setting.set) when it changes.
Who: admin.
Refuses: BD001 any other role; BD003 no such setting; BD005 a value the setting does not take (the hint says which).$$;
