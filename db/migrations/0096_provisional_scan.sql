-- PROVISIONAL (issue 14, part scan): a stand-in for what 0041 (part ship) brings,
-- just enough for the scan pane and its tests: products.ean, api.scan_resolve,
-- api.ship_parcel with p_items, api.orders_to_pack, with the contract's
-- signatures and JSON shapes.  The lead deletes this file at merge; the real 0041
-- replaces it.  Carrier shapes here are rough (no check digits): the console
-- checks them itself with carrier_tracking_valid before it calls.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE FUNCTION backdesk.ean13_ok(p_ean text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT p_ean IS NULL OR (p_ean ~ '^[0-9]{13}$' AND
           (10 - (SELECT sum((substr(p_ean, i, 1))::int * CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END)
                  FROM generate_series(1, 12) i) % 10) % 10 = substr(p_ean, 13, 1)::int);
$$;

ALTER TABLE backdesk.products ADD COLUMN ean text UNIQUE
    CONSTRAINT products_ean_check CHECK (backdesk.ean13_ok(ean));

-- The stand-in's carrier shapes (0041 has the real ones).
CREATE FUNCTION backdesk.provisional_tracking_ok(p_carrier text, p_no text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT CASE p_carrier
        WHEN 'yurtici' THEN p_no ~ '^[0-9]{10,15}$'
        WHEN 'aras' THEN p_no ~ '^[0-9]{10,15}$'
        WHEN 'mng' THEN p_no ~ '^[0-9]{10,15}$'
        WHEN 'ptt' THEN p_no ~ '^[A-Z]{2}[0-9]{9}TR$'
        WHEN 'mpl' THEN p_no ~ '^[A-Z]{2}[0-9]{9}HU$'
        WHEN 'dhl' THEN p_no ~ '^([0-9]{10}|JJD[0-9]{10,20})$'
        WHEN 'ups' THEN p_no ~ '^1Z[A-Z0-9]{16}$'
        WHEN 'fedex' THEN p_no ~ '^[0-9]{12}$'
        WHEN 'gls' THEN p_no ~ '^[0-9]{11,12}$'
        ELSE false END;
$$;

CREATE FUNCTION api.scan_resolve(code text) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_code text := btrim(code);
    v_key text;
    o backdesk.orders;
    r backdesk.returns;
    s backdesk.shipments;
    p backdesk.products;
    v_parcel jsonb;
    v_refusal text;
BEGIN
    PERFORM backdesk.require_role('scanning', 'warehouse', 'supervisor', 'admin');
    IF v_code IS NULL OR v_code = '' OR length(v_code) > 64 THEN
        RETURN jsonb_build_object('kind', 'none');
    END IF;
    v_key := backdesk.number_key(v_code);
    SELECT * INTO o FROM backdesk.orders x WHERE backdesk.number_key(x.number) = v_key LIMIT 1;
    IF FOUND THEN
        SELECT jsonb_build_object('carrier', x.carrier, 'tracking_no', x.tracking_no, 'shipped_at', x.shipped_at)
        INTO v_parcel FROM backdesk.shipments x WHERE x.order_id = o.id ORDER BY x.shipped_at DESC LIMIT 1;
        v_refusal := CASE
            WHEN o.status = 'cancelled' THEN format('order %s was cancelled', o.number)
            WHEN v_parcel IS NOT NULL OR o.status IN ('shipped', 'delivered') THEN
                format('order %s was already shipped with %s %s on %s', o.number,
                       coalesce(backdesk.carrier_name(v_parcel ->> 'carrier'), '?'),
                       coalesce(v_parcel ->> 'tracking_no', '?'),
                       coalesce(to_char((v_parcel ->> 'shipped_at')::timestamptz, 'YYYY-MM-DD'), '?'))
            WHEN o.status = 'pending' THEN format('order %s is not paid yet', o.number)
            END;
        RETURN jsonb_build_object('kind', 'order', 'order', jsonb_build_object(
            'id', o.id, 'number', o.number, 'status', o.status, 'version', o.version,
            'ship_by', o.ship_by, 'late', backdesk.late_to_ship(o.status, o.ship_by),
            'customer_name', (SELECT c.name FROM backdesk.customers c WHERE c.id = o.customer_id),
            'lines', coalesce((SELECT jsonb_agg(jsonb_build_object('line_no', l.line_no, 'sku', l.sku,
                                   'ean', pr.ean, 'name', l.name, 'qty', l.qty) ORDER BY l.line_no)
                               FROM backdesk.order_lines l LEFT JOIN backdesk.products pr ON pr.id = l.product_id
                               WHERE l.order_id = o.id), '[]'),
            'parcel', v_parcel, 'refusal', v_refusal));
    END IF;
    SELECT * INTO r FROM backdesk.returns x
    WHERE backdesk.number_key(x.number) = v_key OR x.tracking_no = upper(v_code) LIMIT 1;
    IF FOUND THEN
        RETURN jsonb_build_object('kind', 'return', 'return', jsonb_build_object(
            'number', r.number, 'status', r.status, 'version', r.version,
            'order_number', (SELECT x.number FROM backdesk.orders x WHERE x.id = r.order_id),
            'can_receive', r.status IN ('approved', 'awaiting_parcel'),
            'refusal', CASE WHEN r.status IN ('approved', 'awaiting_parcel') THEN NULL
                            WHEN r.status = 'requested' THEN format('return %s is not approved yet', r.number)
                            ELSE format('return %s is %s already', r.number, replace(r.status, '_', ' ')) END));
    END IF;
    SELECT * INTO s FROM backdesk.shipments x WHERE x.tracking_no = upper(v_code);
    IF FOUND THEN
        RETURN jsonb_build_object('kind', 'shipment', 'shipment', jsonb_build_object(
            'id', s.id, 'carrier', s.carrier, 'tracking_no', s.tracking_no, 'status', s.status,
            'order_number', (SELECT x.number FROM backdesk.orders x WHERE x.id = s.order_id)));
    END IF;
    SELECT * INTO p FROM backdesk.products x WHERE x.ean = v_code OR x.sku = v_code LIMIT 1;
    IF FOUND THEN
        RETURN jsonb_build_object('kind', 'product', 'product', jsonb_build_object(
            'sku', p.sku, 'ean', p.ean, 'name', p.name));
    END IF;
    RETURN jsonb_build_object('kind', 'none');
END
$$;

CREATE FUNCTION api.ship_parcel(order_number text, carrier text, tracking_no text,
                                p_items jsonb DEFAULT NULL, p_version integer DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_carrier ALIAS FOR $2;
    p_tracking ALIAS FOR $3;
    o backdesk.orders;
    v_carrier text := lower(btrim(p_carrier));
    v_tracking text := upper(btrim(p_tracking));
    v_other text;
    v_id bigint;
    v_bad text;
    c backdesk.customers;
BEGIN
    PERFORM backdesk.require_role('shipping parcels', 'warehouse', 'admin');
    SELECT * INTO o FROM backdesk.orders x
    WHERE backdesk.number_key(x.number) = backdesk.number_key(btrim(order_number)) FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(order_number), 'NULL')),
            HINT = 'Check the order number on the packing slip.';
    END IF;
    IF v_carrier IS NULL OR backdesk.carrier_name(v_carrier) IS NOT DISTINCT FROM v_carrier THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('carrier %s is not a carrier backdesk knows', coalesce(quote_literal(p_carrier), 'NULL')),
            HINT = 'Use one of: yurtici, aras, mng, ptt, dhl, ups, fedex, mpl, gls.';
    END IF;
    IF v_tracking IS NULL OR NOT backdesk.provisional_tracking_ok(v_carrier, v_tracking) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('tracking number %s is not one of %s', coalesce(quote_literal(p_tracking), 'NULL'),
                             backdesk.carrier_name(v_carrier)),
            HINT = 'Scan the carrier''s label again, or check the carrier.';
    END IF;
    IF o.status = 'cancelled' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = format('order %s was cancelled', o.number),
            HINT = 'Do not ship it: put the goods back on the shelf.';
    END IF;
    SELECT format('%s %s on %s', backdesk.carrier_name(x.carrier), x.tracking_no, to_char(x.shipped_at, 'YYYY-MM-DD'))
    INTO v_other FROM backdesk.shipments x WHERE x.order_id = o.id LIMIT 1;
    IF v_other IS NOT NULL OR o.status IN ('shipped', 'delivered') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('order %s was already shipped with %s', o.number, coalesce(v_other, '?')),
            HINT = 'Do not ship it twice: put the goods aside and ask a supervisor.';
    END IF;
    IF o.status = 'pending' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = format('order %s is not paid yet', o.number),
            HINT = 'Put it aside until it is paid.';
    END IF;
    SELECT x.number INTO v_other FROM backdesk.returns x WHERE x.tracking_no = v_tracking;
    IF NOT FOUND THEN
        SELECT x.number INTO v_other FROM backdesk.shipments s JOIN backdesk.orders x ON x.id = s.order_id
        WHERE s.tracking_no = v_tracking;
    END IF;
    IF v_other IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('tracking number %s is already used by %s', v_tracking, v_other),
            HINT = 'Take a new label and scan it.';
    END IF;
    IF p_items IS NOT NULL THEN
        SELECT min(format('line %s', coalesce(l.line_no, (i ->> 'line_no')::int))) INTO v_bad
        FROM (SELECT * FROM backdesk.order_lines x WHERE x.order_id = o.id) l
        FULL JOIN (SELECT * FROM jsonb_array_elements(CASE jsonb_typeof(p_items) WHEN 'array' THEN p_items
                                                      ELSE '[]' END) e) j(i)
             ON (j.i ->> 'line_no') = l.line_no::text
        WHERE l.id IS NULL OR j.i IS NULL OR (j.i ->> 'qty') IS DISTINCT FROM l.qty::text;
        IF v_bad IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s cannot ship as packed: %s is missing, short or extra', o.number, v_bad),
                HINT = 'Pack every line of the order with its whole quantity.';
        END IF;
    END IF;
    PERFORM backdesk.check_version(o, p_version);
    INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, next_check_at)
    VALUES (o.id, v_carrier, v_tracking, 'PRE_TRANSIT', now() + interval '30 minutes')
    RETURNING id INTO v_id;
    UPDATE backdesk.orders x SET status = 'shipped' WHERE x.id = o.id;
    PERFORM backdesk.audit('order.ship', 'order', o.id,
        jsonb_build_object('shipment', v_id, 'carrier', v_carrier, 'tracking_no', v_tracking,
                           'version', backdesk.bump_order(o.id)));
    SELECT * INTO c FROM backdesk.customers x WHERE x.id = o.customer_id;
    IF c.email IS NOT NULL THEN
        INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, recipient, subject, body)
        VALUES ('tracking', 'email', c.id, o.id, c.email, format('Your order %s is on its way', o.number),
                format(E'%s: %s\n%s', backdesk.carrier_name(v_carrier), v_tracking,
                       coalesce(backdesk.tracking_url(v_carrier, v_tracking), '')));
    END IF;
    RETURN v_id;
END
$$;

CREATE FUNCTION api.orders_to_pack(p_limit integer DEFAULT 50)
    RETURNS TABLE (number text, ship_by date, late boolean, lines integer, units integer,
                   customer_name text, placed_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    PERFORM backdesk.require_role('listing the orders to pack', 'warehouse', 'supervisor', 'admin', 'agent');
    RETURN QUERY
    SELECT o.number, o.ship_by, backdesk.late_to_ship(o.status, o.ship_by),
           (SELECT count(*)::int FROM backdesk.order_lines l WHERE l.order_id = o.id),
           (SELECT coalesce(sum(l.qty), 0)::int FROM backdesk.order_lines l WHERE l.order_id = o.id),
           c.name, o.placed_at
    FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
    WHERE o.status IN ('paid', 'packed') AND o.ship_by <= backdesk.shop_date(now())
      AND NOT EXISTS (SELECT 1 FROM backdesk.shipments s WHERE s.order_id = o.id)
    ORDER BY o.ship_by, o.placed_at
    LIMIT least(greatest(coalesce(p_limit, 50), 1), 500);
END
$$;

REVOKE ALL ON FUNCTION api.scan_resolve(text), api.ship_parcel(text, text, text, jsonb, integer),
    api.orders_to_pack(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.scan_resolve(text), api.ship_parcel(text, text, text, jsonb, integer),
    api.orders_to_pack(integer)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;
REVOKE ALL ON FUNCTION backdesk.ean13_ok(text), backdesk.provisional_tracking_ok(text, text) FROM PUBLIC;

COMMENT ON FUNCTION api.scan_resolve(text) IS
$$PROVISIONAL (0041 replaces it): what a scanned code is: {"kind": "order"|"return"|"shipment"|"product"|"none", ...}.
Who: warehouse, supervisor, admin.
Refuses: BD001 any other role.$$;
COMMENT ON FUNCTION api.ship_parcel(text, text, text, jsonb, integer) IS
$$PROVISIONAL (0041 replaces it): ships an order's parcel; returns the shipment id.
Who: warehouse, admin.
Refuses: BD001 any other role; BD003 no such order; BD005 unknown carrier or tracking number of another shape; BD002 cancelled, not paid, already shipped, items not the order's; BD007 tracking number used; BD004 version.$$;
COMMENT ON FUNCTION api.orders_to_pack(integer) IS
$$PROVISIONAL (0041 replaces it): paid or packed orders without a parcel due today, late first.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role.$$;
