-- 0051 three loose ends of the mail work (issue 16).
--
-- * The storefront registers "tell me when it is back in stock": the shop's login
--   (backdesk_shop) may call api.add_stock_alert.  The storefront is a machine on
--   the internet, so what it may ask is narrower than an agent's:
--   - only for a customer the shop already knows (one who ordered or wrote): an
--     alert never creates a customer, so a form filled in with a stranger's
--     address sends that stranger nothing (BD003, as for staff);
--   - the same alert asked again (a double click, a reload) is the same alert:
--     its id again, no second row, no second audit row;
--   - at most 20 alerts waiting per customer from the shop (BD006): a script
--     cannot queue a mail flood to one customer for every product out of stock;
--     staff, who speak with the customer, are not held to it;
--   - an empty, missing or overlong address or SKU is malformed input (BD005)
--     for every caller, no longer "no customer with the e-mail address NULL".
-- * api.preview_reply says which channel the reply goes by (e-mail, or SMS for a
--   customer without an address), as api.preview_message does, so the console
--   shows a reply's preview in the same view as the notices' (V on a ticket).

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE OR REPLACE FUNCTION api.add_stock_alert(email text, sku text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_email ALIAS FOR $1;
    p_sku ALIAS FOR $2;
    c_shop_waiting CONSTANT integer := 20;
    v_role text;
    v_email text := btrim(p_email);
    v_sku text := btrim(p_sku);
    v_cust bigint;
    v_prod backdesk.products;
    v_id bigint;
    v_waiting integer;
BEGIN
    v_role := backdesk.require_role('asking for back-in-stock alerts', 'agent', 'admin', 'shop');
    IF v_email IS NULL OR v_email = '' OR length(v_email) > 254 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'email',
            MESSAGE = CASE WHEN coalesce(v_email, '') = '' THEN 'an e-mail address is needed'
                           ELSE format('the e-mail address is too long (%s characters, at most 254)', length(v_email)) END,
            HINT = 'Give the e-mail address of a known customer (one who ordered or wrote to us).';
    END IF;
    IF v_sku IS NULL OR v_sku = '' OR length(v_sku) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'sku',
            MESSAGE = CASE WHEN coalesce(v_sku, '') = '' THEN 'a SKU is needed'
                           ELSE format('the SKU is too long (%s characters, at most 100)', length(v_sku)) END,
            HINT = 'Give the product''s SKU as the shop lists it.';
    END IF;
    SELECT c.id INTO v_cust FROM backdesk.customers c WHERE lower(c.email) = lower(v_email)
    ORDER BY c.id LIMIT 1;
    IF v_cust IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no customer with the e-mail address %s', v_email),
            HINT = 'Give the e-mail address of a known customer (one who ordered or wrote to us).';
    END IF;
    SELECT * INTO v_prod FROM backdesk.products p WHERE p.sku = v_sku;
    IF v_prod.id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no product %s', v_sku),
            HINT = 'Give the product''s SKU as the shop lists it.';
    END IF;
    IF v_prod.stock > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('%s (%s) is in stock (%s)', v_prod.name, v_prod.sku, v_prod.stock),
            HINT = 'Tell the customer it can be ordered now.';
    END IF;
    -- Asked again: the alert that waits, before any limit (a reload is no abuse).
    SELECT a.id INTO v_id FROM backdesk.stock_alerts a
    WHERE a.product_id = v_prod.id AND a.customer_id = v_cust AND a.notified_at IS NULL;
    IF v_id IS NOT NULL THEN
        RETURN v_id;
    END IF;
    IF v_role = 'shop' THEN
        -- One customer's alerts in a row: two calls at once count each other.
        PERFORM pg_advisory_xact_lock(hashtextextended('backdesk.stock_alerts:' || v_cust, 0));
        SELECT count(*) INTO v_waiting FROM backdesk.stock_alerts a
        WHERE a.customer_id = v_cust AND a.notified_at IS NULL;
        IF v_waiting >= c_shop_waiting THEN
            RAISE EXCEPTION USING ERRCODE = 'BD006',
                MESSAGE = format('customer %s has %s back-in-stock alerts waiting already (at most %s from the shop)',
                                 v_email, v_waiting, c_shop_waiting),
                HINT = 'The customer is told when one of those products comes back; ask again after that, or ask an agent.';
        END IF;
    END IF;
    INSERT INTO backdesk.stock_alerts (customer_id, product_id) VALUES (v_cust, v_prod.id)
    ON CONFLICT (product_id, customer_id) WHERE notified_at IS NULL DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN
        -- Another call made it between the look and the insert: the same alert.
        SELECT a.id INTO v_id FROM backdesk.stock_alerts a
        WHERE a.product_id = v_prod.id AND a.customer_id = v_cust AND a.notified_at IS NULL;
        RETURN v_id;
    END IF;
    PERFORM backdesk.audit('stock_alert.add', 'customer', v_cust,
        jsonb_build_object('sku', v_prod.sku, 'alert', v_id, 'by', v_role));
    RETURN v_id;
END
$$;

-- The storefront asks, as it hands over orders and messages.
GRANT EXECUTE ON FUNCTION api.add_stock_alert(text, text) TO backdesk_shop;

COMMENT ON FUNCTION api.add_stock_alert(text, text) IS
$$Asks for the customer with this e-mail address to be told (outbox kind back_in_stock, by e-mail) when the product with this SKU, out of stock now, comes back; returns the alert's id, the same id while one waits (asked again: no new row, no audit row). For agents on the phone and for the storefront's "tell me when it is back" (the shop's login): never creates a customer; from the shop, at most 20 alerts wait per customer. Audited (stock_alert.add, with the caller's role).
Who: agent, admin, shop.
Refuses: BD001 any other role; BD005 an empty or overlong e-mail address or SKU; BD003 no such customer or product; BD002 the product is in stock; BD006 from the shop, 20 alerts of this customer wait already.$$;

------------------------------------------------------------------------------
-- The reply's preview with its channel (0049's, plus channel).
------------------------------------------------------------------------------
DROP FUNCTION api.preview_reply(text, text, integer);
CREATE FUNCTION api.preview_reply(ticket text, body text, p_version integer DEFAULT NULL,
                                  OUT recipient text, OUT lang text, OUT subject text, OUT message text,
                                  OUT kind text, OUT vars jsonb, OUT channel text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_variable
DECLARE
    p_ticket ALIAS FOR $1;
    p_body ALIAS FOR $2;
    v_row backdesk.outbox;
BEGIN
    PERFORM backdesk.require_role('replying to customers', 'agent', 'admin');
    BEGIN
        PERFORM api.add_ticket_message(p_ticket, 'reply', p_body, p_version);
        SELECT * INTO v_row FROM backdesk.outbox o
        WHERE o.ticket_id = (SELECT t.id FROM backdesk.tickets t WHERE t.number = p_ticket)
        ORDER BY o.id DESC LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'BDP00', MESSAGE = 'preview only';
    EXCEPTION WHEN SQLSTATE 'BDP00' THEN
        NULL;
    END;
    recipient := v_row.recipient;
    lang := v_row.lang;
    subject := v_row.subject;
    message := v_row.body;
    kind := v_row.kind;
    vars := v_row.vars;
    channel := v_row.channel;
END
$$;

REVOKE ALL ON FUNCTION api.preview_reply(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.preview_reply(text, text, integer)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.preview_reply(text, text, integer) IS
$$The reply api.add_ticket_message would queue for this ticket and body, without queuing it: recipient, lang, subject and message (for an e-mail, only what it is for: the console renders templates/LANG/reply.txt with vars, as the sender will; for an SMS, the text), kind, vars and channel (email or sms). The call is made and rolled back, so its refusals are add_ticket_message's and the preview is the message. Writes nothing (no audit row: nothing changed).
Who: agent, admin.
Refuses: BD001 any other role; and whatever api.add_ticket_message refuses (BD002, BD003, BD004, BD005).$$;
