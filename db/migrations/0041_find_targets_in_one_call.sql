-- 0041 where the lookup's hits lead, in one call (issue 11: key-to-results in the
-- console within one round trip plus the draw).
--
-- The console asked api.find_target once per hit, in a LATERAL join: each call a
-- plpgsql SECURITY DEFINER function with its own role check and two or three
-- statements, so twenty hits of a common name cost twenty calls on top of the
-- search.  api.find_targets takes every hit at once and answers with one
-- statement of index joins; api.find_target is now the one-hit form of it, so the
-- two cannot disagree.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE FUNCTION api.find_targets(p_kinds text[], p_ids bigint[])
    RETURNS TABLE (kind text, id bigint, order_id bigint, order_number text,
                   customer_id bigint, customer_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
    -- As api.find (0033): the statement's generic plan is its index joins; a custom
    -- plan per call would cost more than the joins.
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_bad text;
BEGIN
    PERFORM backdesk.require_role('searching', 'agent', 'warehouse', 'supervisor', 'admin');
    IF cardinality(p_kinds) IS DISTINCT FROM cardinality(p_ids) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s kinds but %s ids: each hit is one kind and one id',
                             coalesce(cardinality(p_kinds), 0), coalesce(cardinality(p_ids), 0)),
            HINT = 'Pass the kind and the id of each hit of api.find, in the same order.';
    END IF;
    IF cardinality(p_kinds) > 200 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD006',
            MESSAGE = format('%s hits at once: at most 200', cardinality(p_kinds)),
            HINT = 'api.find gives at most 200 hits; ask for those.';
    END IF;
    SELECT k INTO v_bad FROM unnest(p_kinds) k
    WHERE k IS NULL OR k NOT IN ('customer', 'order', 'shipment', 'ticket', 'return') LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = format('kind %L is not a kind api.find returns', v_bad),
            HINT = 'Use customer, order, shipment, ticket or return.';
    END IF;
    IF 'ticket' = ANY (p_kinds)
       AND NOT pg_catalog.has_table_privilege(session_user, 'backdesk.tickets', 'SELECT') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD001',
            MESSAGE = format('opening tickets is not allowed for %s (role: %s)', session_user, backdesk.caller_role()),
            HINT = 'Tickets are for agents, supervisors and admins.';
    END IF;

    -- Each join's key is NULL for the hits of other kinds: an index scan for a NULL
    -- key ends before it reads a page, where "ON h.k = 'shipment' AND s.id = h.i"
    -- probed every table for every hit.
    RETURN QUERY
    SELECT x.k, x.i, o.id, o.number, c.id, c.name
    FROM (SELECT h.k, h.i, h.n,
                 CASE h.k WHEN 'order' THEN h.i WHEN 'shipment' THEN s.order_id
                          WHEN 'return' THEN r.order_id WHEN 'ticket' THEN t.order_id END AS oid,
                 CASE h.k WHEN 'customer' THEN h.i WHEN 'ticket' THEN t.customer_id END AS cid
          FROM unnest(p_kinds, p_ids) WITH ORDINALITY AS h(k, i, n)
          LEFT JOIN backdesk.shipments s ON s.id = CASE WHEN h.k = 'shipment' THEN h.i END
          LEFT JOIN backdesk.returns r ON r.id = CASE WHEN h.k = 'return' THEN h.i END
          LEFT JOIN backdesk.tickets t ON t.id = CASE WHEN h.k = 'ticket' THEN h.i END) x
    LEFT JOIN backdesk.orders o ON o.id = x.oid
    LEFT JOIN backdesk.customers c ON c.id = CASE WHEN x.k = 'customer' THEN x.i
                                                  ELSE coalesce(o.customer_id, x.cid) END
    ORDER BY x.n;
END
$$;

CREATE OR REPLACE FUNCTION api.find_target(p_kind text, p_id bigint,
                                           OUT order_id bigint, OUT order_number text,
                                           OUT customer_id bigint, OUT customer_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    PERFORM backdesk.require_role('searching', 'agent', 'warehouse', 'supervisor', 'admin');
    SELECT t.order_id, t.order_number, t.customer_id, t.customer_name
    INTO order_id, order_number, customer_id, customer_name
    FROM api.find_targets(ARRAY[p_kind], ARRAY[p_id]) t;
END
$$;

REVOKE ALL ON FUNCTION api.find_targets(text[], bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.find_targets(text[], bigint[])
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.find_targets(text[], bigint[]) IS
$$Where the hits of api.find lead, all in one call: for each (kind, id) of p_kinds and p_ids (the same length, at most 200), in their order, the order (order_id, order_number) and the customer (customer_id, customer_name) to open; a part with nothing behind it is NULL (a customer hit has no order; an id that is gone has neither).
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role, and ticket hits for a role that may not read tickets (the warehouse); BD005 a kind that api.find does not return, or arrays of different lengths; BD006 more than 200 hits.$$;

COMMENT ON FUNCTION api.find_target(text, bigint) IS
$$Where one hit of api.find leads: api.find_targets for a single (kind, id).
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role, and a ticket hit for a role that may not read tickets (the warehouse); BD005 a kind that api.find does not return.$$;
