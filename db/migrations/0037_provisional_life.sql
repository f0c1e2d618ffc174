-- 0037 PROVISIONAL: the lead replaces it with life's 0037 at merge.
--
-- Stand-ins of the three helpers of the return lifecycle that 0038 (the outcomes of
-- a return, the money) calls, with exactly the signatures of the issue 13 contract,
-- so that 0038 and its tests run before life's 0037 is merged.  Nothing else here.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

-- The one rule of which status may follow which.
CREATE FUNCTION backdesk.return_transition_ok(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN CASE p_from
    WHEN 'requested' THEN p_to IN ('approved', 'rejected')
    WHEN 'approved' THEN p_to IN ('awaiting_parcel', 'received')
    WHEN 'awaiting_parcel' THEN p_to IN ('awaiting_parcel', 'received')
    WHEN 'received' THEN p_to = 'inspected'
    WHEN 'inspected' THEN p_to IN ('refunded', 'exchanged', 'repaired', 'store_credit')
    WHEN 'refunded' THEN p_to = 'closed'
    WHEN 'exchanged' THEN p_to = 'closed'
    WHEN 'repaired' THEN p_to = 'closed'
    WHEN 'store_credit' THEN p_to = 'closed'
    ELSE false END;

-- The return by its number, locked; BD003 none, BD004 another version (naming who
-- made the current one), BD002 when p_to may not follow its status.
CREATE FUNCTION backdesk.return_lock(return_number text, p_version integer, p_to text, p_action text)
    RETURNS backdesk.returns
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r backdesk.returns;
    v_who text;
    v_at timestamptz;
BEGIN
    SELECT * INTO r FROM backdesk.returns WHERE number = upper(btrim(return_number)) FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no return %s', coalesce(quote_literal(return_number), 'NULL')),
            HINT = 'Check the return number (search with g).';
    END IF;
    IF p_version IS NOT NULL AND p_version <> r.version THEN
        SELECT coalesce(s.full_name, a.actor), a.at INTO v_who, v_at
        FROM backdesk.audit_log a LEFT JOIN backdesk.staff s ON s.login = a.actor
        WHERE a.entity = 'return' AND a.entity_id = r.id
        ORDER BY (a.detail ->> 'version') = r.version::text DESC NULLS LAST, a.at DESC, a.id DESC
        LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'BD004',
            MESSAGE = format('return %s was changed by %s at %s', r.number, coalesce(v_who, 'someone else'),
                             to_char(coalesce(v_at, r.updated_at), 'HH24:MI')),
            DETAIL = format('You saw version %s; it is at version %s now.', p_version, r.version),
            HINT = 'Reload the return and apply your change again.';
    END IF;
    IF NOT backdesk.return_transition_ok(r.status, p_to) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('return %s is %s; it cannot be %s', r.number, replace(r.status, '_', ' '),
                             replace(p_to, '_', ' ')),
            HINT = 'Reload the return: its next steps are on its screen.';
    END IF;
    RETURN r;
END
$$;

-- The return moved on: its status, a new version, an audit row.  Returns the version.
CREATE FUNCTION backdesk.return_touch(r backdesk.returns, p_status text, p_action text, p_detail jsonb)
    RETURNS integer
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_version integer;
BEGIN
    UPDATE backdesk.returns SET status = p_status, version = version + 1, updated_at = now()
    WHERE id = r.id RETURNING version INTO v_version;
    PERFORM backdesk.audit('return.' || p_action, 'return', r.id,
        jsonb_build_object('number', r.number, 'from', r.status, 'to', p_status, 'version', v_version)
        || coalesce(p_detail, '{}'));
    RETURN v_version;
END
$$;
