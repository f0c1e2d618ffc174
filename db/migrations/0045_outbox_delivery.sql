-- 0045 the outbox is delivered (issue 16).
--
-- Until now rows waited in backdesk.outbox and nothing sent them.  Now:
-- * Every row has a Message-ID ('<bd.ID.RANDOM@DOMAIN>', DOMAIN the setting
--   mail_domain), set by a BEFORE INSERT trigger (old rows get one here), so the
--   customer's reply can be threaded back and a receiver can drop a duplicate.
-- * A row's delivery is state: queued -> sending -> sent, or back to queued with a
--   later next_try_at (back-off), or failed (parked) after max attempts or a
--   permanent refusal; failed -> queued again only by api.outbox_retry.
-- * api.outbox_claim hands a batch to one sender (FOR UPDATE SKIP LOCKED, a claim
--   token and a lease: a 'sending' row whose lease ran out is claimable again, so a
--   crashed sender's rows come back); attempts counts claims.  mark_sent and
--   mark_failed must show the claim's token: a sender whose lease ran out and was
--   taken over cannot mark a row the other one owns.
-- * lang is the customer's message language (tr, hu, en), fixed when queued.
--   vars (jsonb) is NULL for rows whose subject and body are final (rendered in
--   SQL, as every row before this migration); a row with vars is rendered by the
--   sender from templates/LANG/KIND.txt with those values, and its subject/body
--   then only say, in English, what the message is for staff screens.  One rule:
--   vars decides (docs/ARCHITECTURE.md "The outbox").
-- * Messages caused by a change of state are written by triggers in the
--   transaction of the change, so psql, the shop and the console notify alike:
--   return approved (with instructions), return received, refund issued, feedback
--   request with a discount code (order delivered; the shop's code in the setting
--   feedback_discount_code, none while it is empty), back in stock (the customer
--   asked an agent: api.add_stock_alert), and the order confirmation at import when the
--   setting order_confirmation_email is on (off: the storefront usually confirms
--   at checkout itself).  Shipped, delay, reply and survey were queued already.
--   Triggered messages go by e-mail only; a customer without one gets none.
-- * The sender is an admin login (like the cron jobs): claim and mark read every
--   recipient and body, which the shop's group must not (its credentials sit in
--   the storefront).  Retrying a parked message is for supervisors and admins.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

INSERT INTO backdesk.settings (key, value, valid, hint) VALUES
    ('mail_domain', 'shop.example', '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$',
     'Give the domain of the shop''s mail (shop.example): it ends every Message-ID backdesk writes.'),
    ('order_confirmation_email', 'off', '^(on|off)$',
     'Give on (backdesk e-mails the order confirmation when an order is imported) or off (the storefront confirms it).'),
    ('feedback_discount_code', '', '^([A-Z0-9-]{4,32})?$',
     'Give the discount code (4 to 32 capitals, digits, dashes) a delivered order''s feedback request offers, or nothing to send none.'),
    ('return_address', 'Returns Department, Shop Example, 34000 Istanbul, Turkey', '^.{10,300}$',
     'Give the address customers send returned parcels to (10 to 300 characters).')
ON CONFLICT (key) DO UPDATE SET valid = EXCLUDED.valid, hint = EXCLUDED.hint;

ALTER TABLE backdesk.outbox DROP CONSTRAINT outbox_kind_check,
    ADD CONSTRAINT outbox_kind_check
        CHECK (kind IN ('order_confirmation', 'tracking', 'template', 'survey', 'reply', 'delay',
                        'return_approved', 'return_received', 'refund_issued', 'feedback_request',
                        'back_in_stock'));

ALTER TABLE backdesk.outbox
    ADD COLUMN message_id text CONSTRAINT outbox_message_id_length CHECK (length(message_id) <= 300),
    ADD COLUMN state text NOT NULL DEFAULT 'queued'
        CONSTRAINT outbox_state_check CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    ADD COLUMN next_try_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN lang text CONSTRAINT outbox_lang_check CHECK (lang IN ('en', 'tr', 'hu')),
    ADD COLUMN vars jsonb CONSTRAINT outbox_vars_object CHECK (vars IS NULL OR jsonb_typeof(vars) = 'object'),
    ADD COLUMN claim uuid,
    ADD COLUMN failed_at timestamptz;

UPDATE backdesk.outbox o
SET message_id = format('<bd.%s.%s@%s>', o.id, left(replace(gen_random_uuid()::text, '-', ''), 16),
                        coalesce(backdesk.setting('mail_domain'), 'shop.example')),
    state = CASE WHEN o.sent_at IS NULL THEN 'queued' ELSE 'sent' END,
    next_try_at = o.created_at,
    lang = (SELECT backdesk.message_locale(c.locale) FROM backdesk.customers c WHERE c.id = o.customer_id);

ALTER TABLE backdesk.outbox
    ALTER COLUMN message_id SET NOT NULL,
    ALTER COLUMN lang SET NOT NULL,
    ADD CONSTRAINT outbox_message_id_key UNIQUE (message_id),
    ADD CONSTRAINT outbox_sent_has_time CHECK ((state = 'sent') = (sent_at IS NOT NULL));

-- What a sender asks for: due rows in the order they fell due.
CREATE INDEX outbox_due ON backdesk.outbox (next_try_at, id) WHERE state IN ('queued', 'sending');
CREATE INDEX outbox_failed ON backdesk.outbox (failed_at DESC, id) WHERE state = 'failed';
CREATE INDEX outbox_ticket ON backdesk.outbox (ticket_id, id) WHERE ticket_id IS NOT NULL;

CREATE FUNCTION backdesk.outbox_stamp() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    NEW.message_id := format('<bd.%s.%s@%s>', NEW.id, left(replace(gen_random_uuid()::text, '-', ''), 16),
                             coalesce(nullif(backdesk.setting('mail_domain'), ''), 'shop.example'));
    IF NEW.lang IS NULL THEN
        NEW.lang := (SELECT backdesk.message_locale(c.locale) FROM backdesk.customers c WHERE c.id = NEW.customer_id);
    END IF;
    NEW.state := 'queued';
    NEW.next_try_at := now();
    NEW.claim := NULL;
    RETURN NEW;
END
$$;
CREATE TRIGGER outbox_stamp BEFORE INSERT ON backdesk.outbox
    FOR EACH ROW EXECUTE FUNCTION backdesk.outbox_stamp();

CREATE TRIGGER outbox_notify AFTER INSERT OR UPDATE OR DELETE ON backdesk.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_change('outbox');

------------------------------------------------------------------------------
-- Messages written by the change that causes them.
------------------------------------------------------------------------------

-- A template-file message to a customer by e-mail: vars are the template's values
-- (customer_name added here), subject/body an English line for staff screens.
-- Returns the outbox id, NULL when the customer has no e-mail.
CREATE FUNCTION backdesk.outbox_queue_template(p_kind text, p_customer bigint, p_order bigint,
                                               p_vars jsonb, p_summary text) RETURNS bigint
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_cust backdesk.customers;
    v_id bigint;
BEGIN
    SELECT * INTO v_cust FROM backdesk.customers c WHERE c.id = p_customer;
    IF v_cust.id IS NULL OR v_cust.email IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, recipient, subject, body, vars)
    VALUES (p_kind, 'email', v_cust.id, p_order, v_cust.email, left(p_summary, 300),
            '(rendered from the ' || p_kind || ' template when sent)',
            jsonb_build_object('customer_name', v_cust.name) || p_vars)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

CREATE FUNCTION backdesk.outbox_bulk_loading() RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN coalesce(current_setting('backdesk.bulk_load', true), '') = 'on';

-- The order confirmation at import, once the lines are in: the import writes the
-- payment row after them (a deferred trigger on orders would leave every import
-- with a pending event, which refuses the seed's CREATE INDEX).  A new order only:
-- the order row was written by this transaction.
CREATE FUNCTION backdesk.outbox_on_order_insert() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_order backdesk.orders;
BEGIN
    IF backdesk.outbox_bulk_loading() OR coalesce(backdesk.setting('order_confirmation_email'), 'off') <> 'on' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.id = NEW.order_id;
    IF v_order.created_at <> now() OR v_order.status = 'cancelled'
       OR EXISTS (SELECT FROM backdesk.outbox x WHERE x.order_id = v_order.id AND x.kind = 'order_confirmation')
       OR NOT EXISTS (SELECT FROM backdesk.customers c WHERE c.id = v_order.customer_id AND c.email IS NOT NULL) THEN
        RETURN NULL;
    END IF;
    PERFORM backdesk.order_message(v_order, 'order_confirmation', 'email');
    RETURN NULL;
END
$$;
CREATE TRIGGER payments_outbox_confirmation AFTER INSERT ON backdesk.payments
    FOR EACH ROW WHEN (current_setting('backdesk.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION backdesk.outbox_on_order_insert();

-- Feedback request with the shop's discount code when an order is delivered.
CREATE UNIQUE INDEX outbox_one_feedback ON backdesk.outbox (order_id) WHERE kind = 'feedback_request';
CREATE FUNCTION backdesk.outbox_on_order_delivered() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_code text := nullif(backdesk.setting('feedback_discount_code'), '');
BEGIN
    IF v_code IS NULL OR backdesk.outbox_bulk_loading()
       OR EXISTS (SELECT FROM backdesk.outbox o WHERE o.order_id = NEW.id AND o.kind = 'feedback_request') THEN
        RETURN NULL;
    END IF;
    PERFORM backdesk.outbox_queue_template('feedback_request', NEW.customer_id, NEW.id,
        jsonb_build_object('order_number', NEW.number, 'discount_code', v_code),
        format('How was your order %s? (feedback request, code %s)', NEW.number, v_code));
    RETURN NULL;
END
$$;
CREATE TRIGGER orders_outbox_feedback AFTER UPDATE OF status ON backdesk.orders
    FOR EACH ROW WHEN (NEW.status = 'delivered' AND OLD.status IS DISTINCT FROM 'delivered'
                       AND current_setting('backdesk.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION backdesk.outbox_on_order_delivered();

-- A return approved (what to do with the parcel) or received.
CREATE FUNCTION backdesk.outbox_on_return() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_order backdesk.orders;
    v_items text;
BEGIN
    IF backdesk.outbox_bulk_loading() THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.id = NEW.order_id;
    SELECT string_agg(format('%s x %s', rl.qty, ol.name), E'\n' ORDER BY ol.line_no)
    INTO v_items
    FROM backdesk.return_lines rl JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
    WHERE rl.return_id = NEW.id;
    IF NEW.status = 'approved' THEN
        PERFORM backdesk.outbox_queue_template('return_approved', v_order.customer_id, v_order.id,
            jsonb_build_object('return_number', NEW.number, 'order_number', v_order.number,
                               'items', coalesce(v_items, ''),
                               'return_address', backdesk.setting('return_address')),
            format('Return %s of order %s approved: how to send it back', NEW.number, v_order.number));
    ELSE
        PERFORM backdesk.outbox_queue_template('return_received', v_order.customer_id, v_order.id,
            jsonb_build_object('return_number', NEW.number, 'order_number', v_order.number,
                               'items', coalesce(v_items, '')),
            format('Return %s of order %s received', NEW.number, v_order.number));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER returns_outbox AFTER UPDATE OF status ON backdesk.returns
    FOR EACH ROW WHEN (NEW.status IN ('approved', 'received') AND OLD.status IS DISTINCT FROM NEW.status
                       AND current_setting('backdesk.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION backdesk.outbox_on_return();

-- A refund issued, whatever issued it (a refund, a cancellation, a return).
CREATE FUNCTION backdesk.outbox_on_refund() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_order backdesk.orders;
BEGIN
    IF backdesk.outbox_bulk_loading() THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.id = NEW.order_id;
    PERFORM backdesk.outbox_queue_template('refund_issued', v_order.customer_id, v_order.id,
        jsonb_build_object('order_number', v_order.number, 'amount', NEW.amount::text,
                           'currency', v_order.currency::text),
        format('Refund of %s %s for order %s', NEW.amount, v_order.currency, v_order.number));
    RETURN NULL;
END
$$;
CREATE TRIGGER refunds_outbox AFTER INSERT ON backdesk.refunds
    FOR EACH ROW WHEN (current_setting('backdesk.bulk_load', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION backdesk.outbox_on_refund();

-- Back in stock: who asked about a product, told once when it comes back.
CREATE TABLE backdesk.stock_alerts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES backdesk.customers,
    product_id  bigint NOT NULL REFERENCES backdesk.products,
    created_by  text NOT NULL DEFAULT session_user CONSTRAINT stock_alerts_created_by_length CHECK (length(created_by) <= 63),
    created_at  timestamptz NOT NULL DEFAULT now(),
    notified_at timestamptz,
    outbox_id   bigint REFERENCES backdesk.outbox
);
CREATE UNIQUE INDEX stock_alerts_waiting ON backdesk.stock_alerts (product_id, customer_id) WHERE notified_at IS NULL;
GRANT SELECT ON backdesk.stock_alerts TO backdesk_agent, backdesk_supervisor, backdesk_admin;

CREATE FUNCTION backdesk.outbox_on_restock() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    UPDATE backdesk.stock_alerts a
    SET notified_at = now(),
        outbox_id = backdesk.outbox_queue_template('back_in_stock', a.customer_id, NULL,
            jsonb_build_object('product_name', NEW.name, 'sku', NEW.sku),
            format('%s (%s) is back in stock', NEW.name, NEW.sku))
    WHERE a.product_id = NEW.id AND a.notified_at IS NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER products_outbox_restock AFTER UPDATE OF stock ON backdesk.products
    FOR EACH ROW WHEN (OLD.stock = 0 AND NEW.stock > 0)
    EXECUTE FUNCTION backdesk.outbox_on_restock();

CREATE FUNCTION api.add_stock_alert(email text, sku text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_email ALIAS FOR $1;
    p_sku ALIAS FOR $2;
    v_cust bigint;
    v_prod backdesk.products;
    v_id bigint;
BEGIN
    PERFORM backdesk.require_role('asking for back-in-stock alerts', 'agent', 'admin');
    SELECT c.id INTO v_cust FROM backdesk.customers c WHERE lower(c.email) = lower(btrim(p_email))
    ORDER BY c.id LIMIT 1;
    IF v_cust IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no customer with the e-mail address %s', coalesce(p_email, 'NULL')),
            HINT = 'Give the e-mail address of a known customer (one who ordered or wrote to us).';
    END IF;
    SELECT * INTO v_prod FROM backdesk.products p WHERE p.sku = btrim(p_sku);
    IF v_prod.id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no product %s', coalesce(p_sku, 'NULL')),
            HINT = 'Give the product''s SKU as the shop lists it.';
    END IF;
    IF v_prod.stock > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('%s (%s) is in stock (%s)', v_prod.name, v_prod.sku, v_prod.stock),
            HINT = 'Tell the customer it can be ordered now.';
    END IF;
    INSERT INTO backdesk.stock_alerts (customer_id, product_id) VALUES (v_cust, v_prod.id)
    ON CONFLICT (product_id, customer_id) WHERE notified_at IS NULL DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN
        SELECT a.id INTO v_id FROM backdesk.stock_alerts a
        WHERE a.product_id = v_prod.id AND a.customer_id = v_cust AND a.notified_at IS NULL;
        RETURN v_id;
    END IF;
    PERFORM backdesk.audit('stock_alert.add', 'customer', v_cust,
        jsonb_build_object('sku', v_prod.sku, 'alert', v_id));
    RETURN v_id;
END
$$;

------------------------------------------------------------------------------
-- Delivery.
------------------------------------------------------------------------------

-- The thread a message belongs to: the ticket's earlier messages to the customer,
-- oldest first.  (The inbox part may add the customer's own Message-IDs.)
CREATE FUNCTION backdesk.outbox_references(p_id bigint) RETURNS text[]
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN (SELECT coalesce(array_agg(e.message_id ORDER BY e.id), '{}')
        FROM backdesk.outbox o JOIN backdesk.outbox e ON e.ticket_id = o.ticket_id AND e.id < o.id
        WHERE o.id = p_id AND o.ticket_id IS NOT NULL);

CREATE FUNCTION api.outbox_claim(p_limit integer DEFAULT 20, p_lease_seconds integer DEFAULT 300)
    RETURNS TABLE (id bigint, kind text, recipient text, subject text, body text, lang text,
                   vars jsonb, message_id text, refs text[], attempts integer, claim uuid)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_claim uuid := gen_random_uuid();
BEGIN
    PERFORM backdesk.require_role('sending the outbox', 'admin');
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'limit',
            MESSAGE = format('limit %s is not between 1 and 1000', coalesce(p_limit::text, 'NULL')),
            HINT = 'Claim at most 1000 messages at a time.';
    END IF;
    IF p_lease_seconds IS NULL OR p_lease_seconds NOT BETWEEN 10 AND 3600 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'lease_seconds',
            MESSAGE = format('lease of %s seconds is not between 10 and 3600', coalesce(p_lease_seconds::text, 'NULL')),
            HINT = 'Give a lease longer than one message takes to send, at most an hour.';
    END IF;
    RETURN QUERY
    WITH picked AS (
        SELECT o.id FROM backdesk.outbox o
        WHERE o.state IN ('queued', 'sending') AND o.next_try_at <= now() AND o.channel = 'email'
        ORDER BY o.next_try_at, o.id
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED
    ), claimed AS (
        UPDATE backdesk.outbox o
        SET state = 'sending', claim = v_claim, attempts = o.attempts + 1,
            next_try_at = now() + make_interval(secs => p_lease_seconds)
        FROM picked WHERE o.id = picked.id
        RETURNING o.*
    ), audited AS (
        INSERT INTO backdesk.audit_log (action, entity, entity_id, detail)
        SELECT 'outbox.claim', 'outbox', c.id,
               jsonb_build_object('claim', v_claim, 'attempt', c.attempts, 'lease_seconds', p_lease_seconds)
        FROM claimed c
    )
    SELECT c.id, c.kind, c.recipient, c.subject, c.body, c.lang, c.vars, c.message_id,
           backdesk.outbox_references(c.id), c.attempts, c.claim
    FROM claimed c ORDER BY c.id;
END
$$;

-- The row as its claim holds it, or a refusal: not found, or no longer this claim's.
CREATE FUNCTION backdesk.outbox_claimed(p_id bigint, p_claim uuid) RETURNS backdesk.outbox
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.outbox;
BEGIN
    SELECT * INTO v FROM backdesk.outbox o WHERE o.id = p_id FOR UPDATE;
    IF v.id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no outbox message %s', coalesce(p_id::text, 'NULL')),
            HINT = 'Give the id api.outbox_claim returned.';
    END IF;
    IF v.claim IS DISTINCT FROM p_claim OR v.state <> 'sending' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('outbox message %s is not yours to mark: it is %s%s', v.id, v.state,
                             CASE WHEN v.state = 'sending' THEN ' under another claim (your lease ran out)' ELSE '' END),
            HINT = 'Claim messages again; a lease that ran out gives the message to the next sender.';
    END IF;
    RETURN v;
END
$$;

CREATE FUNCTION api.outbox_mark_sent(p_id bigint, p_claim uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.outbox;
BEGIN
    PERFORM backdesk.require_role('sending the outbox', 'admin');
    -- Told twice (an answer lost on the way back): the first stands.
    IF EXISTS (SELECT FROM backdesk.outbox o WHERE o.id = p_id AND o.claim = p_claim AND o.state = 'sent') THEN
        RETURN;
    END IF;
    v := backdesk.outbox_claimed(p_id, p_claim);
    UPDATE backdesk.outbox o SET state = 'sent', sent_at = now(), last_error = NULL WHERE o.id = v.id;
    PERFORM backdesk.audit('outbox.sent', 'outbox', v.id,
        jsonb_build_object('kind', v.kind, 'message_id', v.message_id, 'attempt', v.attempts));
END
$$;

-- Back-off after the Nth failed attempt: 1, 2, 4 ... minutes, at most 6 hours.
CREATE FUNCTION backdesk.outbox_backoff(p_attempts integer) RETURNS interval
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN least(make_interval(mins => (2 ^ least(greatest(p_attempts - 1, 0), 12))::integer), interval '6 hours');

CREATE FUNCTION api.outbox_mark_failed(p_id bigint, p_claim uuid, p_error text,
                                       p_permanent boolean DEFAULT false, p_max_attempts integer DEFAULT 8,
                                       p_server_down boolean DEFAULT false)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.outbox;
    v_park boolean;
BEGIN
    PERFORM backdesk.require_role('sending the outbox', 'admin');
    IF p_max_attempts IS NULL OR p_max_attempts NOT BETWEEN 1 AND 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'max_attempts',
            MESSAGE = format('max_attempts %s is not between 1 and 100', coalesce(p_max_attempts::text, 'NULL')),
            HINT = 'Set [mail] max_attempts from 1 to 100.';
    END IF;
    IF nullif(btrim(p_error), '') IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', COLUMN = 'error',
            MESSAGE = 'the error is empty',
            HINT = 'Say why the message could not be sent; staff read it on the :outbox screen.';
    END IF;
    v := backdesk.outbox_claimed(p_id, p_claim);
    -- The server down (or the sender's set-up wrong) is not the message's fault: the
    -- claim's attempt is given back, it is never parked for it, and it is tried again
    -- in a minute, so a long outage ends with every message going, none parked.
    IF coalesce(p_server_down, false) THEN
        v.attempts := greatest(v.attempts - 1, 0);
        UPDATE backdesk.outbox o SET attempts = v.attempts WHERE o.id = v.id;
    END IF;
    v_park := NOT coalesce(p_server_down, false)
              AND (coalesce(p_permanent, false) OR v.attempts >= p_max_attempts);
    UPDATE backdesk.outbox o
    SET state = CASE WHEN v_park THEN 'failed' ELSE 'queued' END,
        next_try_at = CASE WHEN v_park THEN o.next_try_at
                           WHEN coalesce(p_server_down, false) THEN now() + interval '1 minute'
                           ELSE now() + backdesk.outbox_backoff(v.attempts) END,
        failed_at = CASE WHEN v_park THEN now() END,
        last_error = left(btrim(p_error), 2000)
    WHERE o.id = v.id;
    PERFORM backdesk.audit(CASE WHEN v_park THEN 'outbox.parked' ELSE 'outbox.retry_later' END, 'outbox', v.id,
        jsonb_build_object('kind', v.kind, 'attempt', v.attempts, 'error', left(btrim(p_error), 500),
                           'permanent', coalesce(p_permanent, false), 'server_down', coalesce(p_server_down, false)));
    RETURN CASE WHEN v_park THEN 'failed' ELSE 'queued' END;
END
$$;

CREATE FUNCTION api.outbox_retry(p_id bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v backdesk.outbox;
BEGIN
    PERFORM backdesk.require_role('retrying a message to a customer', 'supervisor', 'admin');
    SELECT * INTO v FROM backdesk.outbox o WHERE o.id = p_id FOR UPDATE;
    IF v.id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no outbox message %s', coalesce(p_id::text, 'NULL')),
            HINT = 'Pick a message from the :outbox screen.';
    END IF;
    IF v.state <> 'failed' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('message %s is %s, not failed', v.id, v.state),
            HINT = 'Only a message that was given up on is retried; the others go by themselves.';
    END IF;
    UPDATE backdesk.outbox o SET state = 'queued', next_try_at = now(), attempts = 0, failed_at = NULL, claim = NULL
    WHERE o.id = v.id;
    PERFORM backdesk.audit('outbox.retry', 'outbox', v.id,
        jsonb_build_object('kind', v.kind, 'attempts', v.attempts, 'last_error', v.last_error));
END
$$;

-- The reply exactly as api.add_ticket_message would queue it, without keeping it:
-- the same call in a subtransaction that is rolled back, so the preview and the
-- message can never differ.
CREATE FUNCTION api.preview_reply(ticket text, body text, p_version integer DEFAULT NULL,
                                  OUT recipient text, OUT lang text, OUT subject text, OUT message text)
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
END
$$;

REVOKE ALL ON FUNCTION api.outbox_claim(integer, integer), api.outbox_mark_sent(bigint, uuid),
    api.outbox_mark_failed(bigint, uuid, text, boolean, integer, boolean), api.outbox_retry(bigint),
    api.preview_reply(text, text, integer), api.add_stock_alert(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.outbox_claim(integer, integer), api.outbox_mark_sent(bigint, uuid),
    api.outbox_mark_failed(bigint, uuid, text, boolean, integer, boolean), api.outbox_retry(bigint),
    api.preview_reply(text, text, integer), api.add_stock_alert(text, text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.outbox_claim(integer, integer) IS
$$Claims up to p_limit (1 to 1000) e-mail messages due for sending, oldest due first, for one sender: each becomes sending under one new claim token with a lease of p_lease_seconds (10 to 3600); a sending message whose lease ran out (its sender died) is due again. FOR UPDATE SKIP LOCKED: two senders never get one message. Returns id, kind, recipient, subject, body, lang, vars (NULL: subject and body are final; else render templates/LANG/KIND.txt with them), message_id, refs (the ticket's earlier Message-IDs, for In-Reply-To and References), attempts (this one included) and claim. For `backdesk notify --send`. Audited (outbox.claim, one row per message).
Who: admin.
Refuses: BD001 any other role; BD005 a limit or lease out of range.$$;
COMMENT ON FUNCTION api.outbox_mark_sent(bigint, uuid) IS
$$Marks a claimed message sent (sent_at now). Told again with the same claim, does nothing. Audited (outbox.sent).
Who: admin.
Refuses: BD001 any other role; BD003 no such message; BD002 the message is not sending under this claim (the lease ran out and another sender took it, or it was marked already).$$;
COMMENT ON FUNCTION api.outbox_mark_failed(bigint, uuid, text, boolean, integer, boolean) IS
$$Records a failed attempt at a claimed message with its error (what staff read on :outbox): queued again after a back-off of 1, 2, 4 ... minutes (at most 6 hours), or parked as failed when p_permanent (the server refused it for good: 5xx, a bad address, a broken template) or after p_max_attempts (1 to 100, [mail] max_attempts) attempts. With p_server_down (the mail server could not be reached, or refused the sender's login or TLS) the attempt is not counted and the message goes again in a minute, never parked for it. Returns the new state, queued or failed. Audited (outbox.retry_later or outbox.parked).
Who: admin.
Refuses: BD001 any other role; BD003 no such message; BD002 the message is not sending under this claim; BD005 an empty error or max_attempts out of range.$$;
COMMENT ON FUNCTION api.outbox_retry(bigint) IS
$$Queues a parked (failed) message again at once, its attempts back to 0 (its last error kept until it is sent). Audited (outbox.retry).
Who: supervisor, admin.
Refuses: BD001 any other role; BD003 no such message; BD002 the message is not failed.$$;
COMMENT ON FUNCTION api.preview_reply(text, text, integer) IS
$$The reply api.add_ticket_message would queue for this ticket and body, without queuing it: recipient, lang, subject and message, in the customer's language. The call is made and rolled back, so its refusals are add_ticket_message's and the preview is the message. Writes nothing (no audit row: nothing changed).
Who: agent, admin.
Refuses: BD001 any other role; BD002, BD003, BD004, BD005 as api.add_ticket_message.$$;
COMMENT ON FUNCTION api.add_stock_alert(text, text) IS
$$Asks for the customer with this e-mail address to be told (outbox kind back_in_stock, by e-mail) when the product with this SKU, out of stock now, comes back; returns the alert's id, the same id while one waits. Audited (stock_alert.add).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such customer or product; BD002 the product is in stock.$$;
