-- 0008 answer templates, to read out or to send (and gift codes notify): the ones for an order's customer's
-- language filled with the order's data, and sending one through the outbox.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk;

-- Every template in the customer's language (English when there is none in it),
-- filled in, most relevant categories first.
CREATE FUNCTION api.order_answers(order_number text)
    RETURNS TABLE (template_id bigint, category text, title text, body text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    p_number ALIAS FOR $1;
    v_locale text;
BEGIN
    PERFORM backdesk.require_role('using answer templates', 'agent', 'admin');
    SELECT c.locale INTO v_locale
    FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
    WHERE o.number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order %L', p_number),
            HINT = 'Check the order number (search with g).';
    END IF;
    IF NOT EXISTS (SELECT FROM backdesk.templates t WHERE t.locale = left(v_locale, 2)) THEN
        v_locale := 'en';
    END IF;
    RETURN QUERY
    SELECT t.id, t.category, t.title, api.render_template(t.id, p_number)
    FROM backdesk.templates t
    WHERE t.locale = left(v_locale, 2)
    ORDER BY array_position(ARRAY['where-is-my-order', 'delay', 'shipping-fee', 'damaged',
                                  'wrong-item', 'return', 'refund'], t.category) NULLS LAST,
             t.category, t.title;
END
$$;

CREATE FUNCTION api.queue_template(p_template_id bigint, p_order_number text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_order backdesk.orders;
    v_email text;
    v_title text;
    v_body text;
    v_id bigint;
BEGIN
    PERFORM backdesk.require_role('sending answers', 'agent', 'admin');
    SELECT * INTO v_order FROM backdesk.orders WHERE number = btrim(p_order_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order %L', p_order_number);
    END IF;
    SELECT title INTO v_title FROM backdesk.templates WHERE id = p_template_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no template with id %s', p_template_id);
    END IF;
    SELECT email INTO v_email FROM backdesk.customers WHERE id = v_order.customer_id;
    IF v_email IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the customer of %s has no e-mail address', v_order.number),
            HINT = 'Read the answer out on the phone instead.';
    END IF;
    v_body := api.render_template(p_template_id, v_order.number);
    INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, recipient, subject, body)
    VALUES ('template', 'email', v_order.customer_id, v_order.id, v_email,
            v_title || ' · ' || v_order.number, v_body)
    RETURNING id INTO v_id;
    PERFORM backdesk.audit('outbox.template', 'order', v_order.id,
                           jsonb_build_object('outbox', v_id, 'template', p_template_id));
    RETURN v_id;
END
$$;

GRANT EXECUTE ON FUNCTION api.order_answers(text), api.queue_template(bigint, text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

-- A gift code given on one console shows on every open customer screen.
CREATE TRIGGER gift_codes_notify AFTER INSERT OR UPDATE OR DELETE ON backdesk.gift_codes
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_change('gift_codes');
