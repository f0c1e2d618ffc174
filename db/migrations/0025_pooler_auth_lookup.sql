-- 0025 the lookup PgBouncer's auth_query uses (issue 11: the console's work
-- connection through a pooler in transaction mode).
--
-- PgBouncer checks a client's password itself before it hands the client a server
-- connection as that login, so it must read the login's SCRAM secret.  Only a
-- superuser can read pg_authid, so pooler.user_secret is a SECURITY DEFINER
-- function owned by the superuser who migrates, in a schema of its own (not api:
-- it is no part of the product's contract, and its owner is not backdesk_owner).
-- It answers only for an active staff member of this database (the four staff
-- groups, a staff row that is active, a LOGIN role, not a superuser, not expired):
-- the pooler can let in the people of the help desk and nobody else, and a
-- disabled login is refused at the pooler's door.  The shop's login is left out:
-- the import keeps a prepared statement for its whole run and goes to the server
-- directly.
--
-- PgBouncer's auth_user logs in as a role that is a member of backdesk_pooler
-- (NOLOGIN; the administrator grants it): README "Running behind PgBouncer".
-- Migrated by a role that is not a superuser (0001 allows one with CREATEROLE that
-- owns the database), the lookup cannot work and is not made: a NOTICE says so, and
-- PgBouncer then needs an auth_file instead.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'backdesk_pooler') THEN
        CREATE ROLE backdesk_pooler NOLOGIN;
    END IF;
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE NOTICE 'pooler.user_secret was not made: only a superuser may read the secrets PgBouncer''s auth_query needs; use an auth_file for PgBouncer instead';
        RETURN;
    END IF;
    CREATE SCHEMA pooler;
    REVOKE ALL ON SCHEMA pooler FROM PUBLIC;
    GRANT USAGE ON SCHEMA pooler TO backdesk_pooler;
    CREATE FUNCTION pooler.user_secret(p_login text)
        RETURNS TABLE (usename text, passwd text)
        LANGUAGE sql STABLE STRICT SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
    AS $f$
        SELECT a.rolname::text, a.rolpassword
        FROM pg_catalog.pg_authid a
        WHERE a.rolname = p_login
          AND a.rolcanlogin AND NOT a.rolsuper
          AND (a.rolvaliduntil IS NULL OR a.rolvaliduntil > pg_catalog.now())
          AND EXISTS (SELECT FROM backdesk.staff s WHERE s.login = a.rolname AND s.active)
          AND EXISTS (SELECT FROM pg_catalog.pg_auth_members m
                      JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                      WHERE m.member = a.oid
                        AND g.rolname IN ('backdesk_agent', 'backdesk_warehouse',
                                          'backdesk_supervisor', 'backdesk_admin'))
    $f$;
    REVOKE ALL ON FUNCTION pooler.user_secret(text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION pooler.user_secret(text) TO backdesk_pooler;
    COMMENT ON FUNCTION pooler.user_secret(text) IS
        'PgBouncer''s auth_query: the login and its password secret, for an active staff member of this database only (no row otherwise).
Who: members of backdesk_pooler (the role PgBouncer''s auth_user logs in as).
Refuses: nothing; a login that is not an active staff member gets no row.';
END
$$;
