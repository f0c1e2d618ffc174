-- 0012 a re-import never rewrites history.
--
-- What a review found: after 2100 TRY had been refunded on an order, a re-import set
-- `paid` to 10.00 and the currency to EUR, so the refunds read as 2100 EUR against 10
-- EUR paid; a re-import also silently replaced an address an agent had changed; two
-- imports at once could make two customers of one person (one sent the e-mail and the
-- phone, the other the phone only, and each locked a different key).
--
-- The rules:
--   * once an order has history (refunds, gift codes, a shipment, or a change made in
--     backdesk: cancel, address, refund, compensation), a re-import may not change its
--     currency, placed_at, customer, lines, amounts or payment method, nor lower what
--     was paid; it is refused with BD002 naming the field.  Sending the same values
--     again (or a payment that arrived: paid going up) is fine.
--   * an address an agent changed belongs to backdesk now: a re-import keeps it (the
--     rest of the document applies) and says so in the audit trail and a NOTICE.
--   * the customer is locked by e-mail AND by phone, in one order, so concurrent
--     imports of one person find each other.
--   * text fields have length limits, refused with the field named (BD005).
--
-- api.import_order(doc) keeps its name and signature: 0002's body becomes the
-- internal backdesk.import_order_apply, and the api function wraps it with the
-- checks that need the order as it was.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

ALTER FUNCTION api.import_order(jsonb) RENAME TO import_order_apply;
ALTER FUNCTION api.import_order_apply(jsonb) SET SCHEMA backdesk;
-- Runs only inside api.import_order, as the owner; never callable on its own.
ALTER FUNCTION backdesk.import_order_apply(jsonb) SECURITY INVOKER;
REVOKE ALL ON FUNCTION backdesk.import_order_apply(jsonb)
    FROM PUBLIC, backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_shop;

-- BD005 when a text member of the document is longer than the column can hold.
CREATE FUNCTION backdesk.doc_len(p_doc jsonb, p_key text, p_path text, p_max integer) RETURNS void
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF jsonb_typeof(p_doc -> p_key) = 'string' AND length(btrim(p_doc ->> p_key)) > p_max THEN
        PERFORM backdesk.bad_doc(p_path, format('is too long (%s characters, at most %s)',
                                                length(btrim(p_doc ->> p_key)), p_max),
                                 'Shorten the field and send the order again.');
    END IF;
END
$$;

CREATE FUNCTION backdesk.import_check_lengths(doc jsonb) RETURNS void
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_line jsonb;
    v_i integer := 0;
BEGIN
    IF jsonb_typeof(doc) <> 'object' THEN
        RETURN;     -- import_order_apply says what is wrong with it
    END IF;
    IF jsonb_typeof(doc -> 'customer') = 'object' THEN
        PERFORM backdesk.doc_len(doc -> 'customer', 'name', '"customer.name"', 200);
        PERFORM backdesk.doc_len(doc -> 'customer', 'email', '"customer.email"', 254);
        PERFORM backdesk.doc_len(doc -> 'customer', 'phone', '"customer.phone"', 40);
    END IF;
    IF jsonb_typeof(doc -> 'shipping_address') = 'object' THEN
        PERFORM backdesk.doc_len(doc -> 'shipping_address', 'line1', '"shipping_address.line1"', 200);
        PERFORM backdesk.doc_len(doc -> 'shipping_address', 'line2', '"shipping_address.line2"', 200);
        PERFORM backdesk.doc_len(doc -> 'shipping_address', 'city', '"shipping_address.city"', 100);
        PERFORM backdesk.doc_len(doc -> 'shipping_address', 'postcode', '"shipping_address.postcode"', 20);
    END IF;
    IF jsonb_typeof(doc -> 'payment') = 'object' THEN
        PERFORM backdesk.doc_len(doc -> 'payment', 'reference', '"payment.reference"', 200);
    END IF;
    IF jsonb_typeof(doc -> 'lines') = 'array' THEN
        FOR v_line IN SELECT value FROM jsonb_array_elements(doc -> 'lines') LOOP
            v_i := v_i + 1;
            IF jsonb_typeof(v_line) = 'object' THEN
                PERFORM backdesk.doc_len(v_line, 'sku', format('"lines[%s].sku"', v_i), 64);
                PERFORM backdesk.doc_len(v_line, 'name', format('"lines[%s].name"', v_i), 300);
            END IF;
        END LOOP;
    END IF;
END
$$;

-- Why an order's money and lines are no longer the shop's to change; NULL while they are.
CREATE FUNCTION backdesk.order_history(p_order_id bigint) RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT CASE
        WHEN EXISTS (SELECT FROM backdesk.refunds WHERE order_id = p_order_id) THEN 'has refunds'
        WHEN EXISTS (SELECT FROM backdesk.gift_codes WHERE order_id = p_order_id) THEN 'has gift codes'
        WHEN EXISTS (SELECT FROM backdesk.shipments WHERE order_id = p_order_id) THEN 'has shipped'
        WHEN EXISTS (SELECT FROM backdesk.audit_log
                     WHERE entity = 'order' AND entity_id = p_order_id AND action LIKE 'order.%'
                       AND action NOT IN ('order.import', 'order.reimport', 'order.reimport_kept'))
            THEN 'was changed in backdesk'
    END;
$$;

-- An order's lines as the import document gives them, for comparing.
CREATE FUNCTION backdesk.order_lines_doc(p_order_id bigint) RETURNS jsonb
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object('sku', sku, 'name', name, 'qty', qty,
                                                 'unit_price', unit_price, 'tax_rate', tax_rate)
                              ORDER BY line_no), '[]')
    FROM backdesk.order_lines WHERE order_id = p_order_id;
$$;

-- BD002: the document would change p_field of an order with history.
CREATE FUNCTION backdesk.refuse_rewrite(p_number text, p_why text, p_field text, p_was text, p_now text)
    RETURNS void
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'BD002',
        MESSAGE = format('order %s %s; the shop can no longer change %s (%s in backdesk, %s in the document)',
                         p_number, p_why, p_field, coalesce(p_was, 'nothing'), coalesce(p_now, 'nothing')),
        HINT = 'Send the order with the values backdesk has; changes to money after refunds, gift codes, '
               'shipping or a change made in backdesk are made there (refunds, returns), not by importing again.';
END
$$;

-- The first difference between two line lists, as "lines[N].key", with both values.
CREATE FUNCTION backdesk.lines_difference(p_was jsonb, p_now jsonb,
                                          OUT field text, OUT was text, OUT now_ text)
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    i integer;
    k text;
BEGIN
    IF jsonb_array_length(p_was) <> jsonb_array_length(p_now) THEN
        field := '"lines"';
        was := format('%s lines', jsonb_array_length(p_was));
        now_ := format('%s lines', jsonb_array_length(p_now));
        RETURN;
    END IF;
    FOR i IN 0 .. jsonb_array_length(p_was) - 1 LOOP
        FOREACH k IN ARRAY ARRAY['sku', 'name', 'qty', 'unit_price', 'tax_rate'] LOOP
            IF (p_was -> i -> k) IS DISTINCT FROM (p_now -> i -> k) THEN
                field := format('"lines[%s].%s"', i + 1, k);
                was := p_was -> i ->> k;
                now_ := p_now -> i ->> k;
                RETURN;
            END IF;
        END LOOP;
    END LOOP;
END
$$;

CREATE FUNCTION api.import_order(doc jsonb) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_number text;
    v_email text;
    v_phone text;
    v_keys text[];
    v_key text;
    v_old backdesk.orders;
    v_new backdesk.orders;
    v_old_pay backdesk.payments;
    v_new_pay backdesk.payments;
    v_old_lines jsonb;
    v_why text;
    v_agent_address boolean := false;
    v_currency text;
    v_diff record;
    v_id bigint;
BEGIN
    PERFORM backdesk.require_role('importing orders', 'shop', 'admin');
    PERFORM backdesk.import_check_lengths(doc);
    IF jsonb_typeof(doc) = 'object' AND jsonb_typeof(doc -> 'number') = 'string' THEN
        v_number := btrim(doc ->> 'number');
    END IF;

    -- The same locks import_order_apply takes (it takes them again: they are ours),
    -- plus the customer's phone as well as its e-mail, always in the same order.
    IF v_number IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtext('backdesk.import_order'), hashtext(v_number));
    END IF;
    IF jsonb_typeof(doc -> 'customer') = 'object' THEN
        IF jsonb_typeof(doc #> '{customer,email}') = 'string' THEN
            v_email := nullif(lower(btrim(doc #>> '{customer,email}')), '');
        END IF;
        IF jsonb_typeof(doc #> '{customer,phone}') = 'string' THEN
            v_phone := backdesk.normalize_phone(doc #>> '{customer,phone}');
        END IF;
        SELECT array_agg(k ORDER BY hashtext(k), k) INTO v_keys
        FROM unnest(ARRAY[v_email, v_phone]) k WHERE k IS NOT NULL;
        FOREACH v_key IN ARRAY coalesce(v_keys, '{}') LOOP
            PERFORM pg_advisory_xact_lock(hashtext('backdesk.customer'), hashtext(v_key));
        END LOOP;
    END IF;

    IF v_number IS NOT NULL THEN
        SELECT * INTO v_old FROM backdesk.orders WHERE number = v_number FOR UPDATE;
    END IF;
    IF v_old.id IS NOT NULL THEN
        v_why := backdesk.order_history(v_old.id);
        v_agent_address := EXISTS (SELECT FROM backdesk.audit_log
                                   WHERE entity = 'order' AND entity_id = v_old.id
                                     AND action = 'order.change_address');
        IF v_why IS NOT NULL AND v_old.status NOT IN ('shipped', 'delivered', 'cancelled') THEN
            -- Before applying: refunds and gift codes are tied to the currency by a key.
            IF jsonb_typeof(doc -> 'currency') = 'string' THEN
                v_currency := upper(btrim(doc ->> 'currency'));
                IF v_currency IS DISTINCT FROM v_old.currency::text THEN
                    PERFORM backdesk.refuse_rewrite(v_old.number, v_why, '"currency"', v_old.currency, v_currency);
                END IF;
            END IF;
            v_old_lines := backdesk.order_lines_doc(v_old.id);
            SELECT * INTO v_old_pay FROM backdesk.payments WHERE order_id = v_old.id;
        END IF;
    END IF;

    v_id := backdesk.import_order_apply(doc);

    IF v_old_lines IS NOT NULL THEN
        SELECT * INTO v_new FROM backdesk.orders WHERE id = v_id;
        SELECT * INTO v_new_pay FROM backdesk.payments WHERE order_id = v_id;
        IF v_new.customer_id <> v_old.customer_id THEN
            PERFORM backdesk.refuse_rewrite(v_old.number, v_why, '"customer"',
                (SELECT coalesce(email, phone) FROM backdesk.customers WHERE id = v_old.customer_id),
                (SELECT coalesce(email, phone) FROM backdesk.customers WHERE id = v_new.customer_id));
        END IF;
        IF v_new.placed_at <> v_old.placed_at THEN
            PERFORM backdesk.refuse_rewrite(v_old.number, v_why, '"placed_at"', v_old.placed_at::text,
                                            v_new.placed_at::text);
        END IF;
        SELECT * INTO v_diff FROM backdesk.lines_difference(v_old_lines, backdesk.order_lines_doc(v_id));
        IF v_diff.field IS NOT NULL THEN
            PERFORM backdesk.refuse_rewrite(v_old.number, v_why, v_diff.field, v_diff.was, v_diff.now_);
        END IF;
        IF v_new.shipping_fee <> v_old.shipping_fee THEN
            PERFORM backdesk.refuse_rewrite(v_old.number, v_why, '"shipping_fee"', v_old.shipping_fee::text,
                                            v_new.shipping_fee::text);
        END IF;
        IF v_new.free_shipping <> v_old.free_shipping THEN
            PERFORM backdesk.refuse_rewrite(v_old.number, v_why, '"free_shipping"', v_old.free_shipping::text,
                                            v_new.free_shipping::text);
        END IF;
        IF v_new_pay.method IS DISTINCT FROM v_old_pay.method THEN
            PERFORM backdesk.refuse_rewrite(v_old.number, v_why, '"payment.method"', v_old_pay.method,
                                            v_new_pay.method);
        END IF;
        IF v_new_pay.paid < v_old_pay.paid THEN
            PERFORM backdesk.refuse_rewrite(v_old.number, v_why, '"payment.paid"', v_old_pay.paid::text,
                                            v_new_pay.paid::text);
        END IF;
    END IF;

    -- An address an agent set stays; the rest of the document has been applied.
    IF v_agent_address THEN
        SELECT * INTO v_new FROM backdesk.orders WHERE id = v_id;
        IF v_new.shipping_address_id <> v_old.shipping_address_id THEN
            UPDATE backdesk.orders SET shipping_address_id = v_old.shipping_address_id WHERE id = v_id;
            PERFORM backdesk.audit('order.reimport_kept', 'order', v_id,
                jsonb_build_object('number', v_old.number, 'kept', jsonb_build_array('shipping_address'),
                                   'address_id', v_old.shipping_address_id,
                                   'document_address_id', v_new.shipping_address_id));
            RAISE NOTICE 'order %: kept the shipping address an agent changed in backdesk; the rest of the document was applied',
                v_old.number;
        END IF;
    END IF;
    RETURN v_id;
END
$$;

GRANT EXECUTE ON FUNCTION api.import_order(jsonb)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_shop;
