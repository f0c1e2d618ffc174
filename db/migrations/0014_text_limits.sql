-- 0014 every text column has a length limit.
--
-- What a review found: nothing bounded names, SKUs, subjects, bodies, notes or
-- references, so one row could carry megabytes into every screen and log that shows
-- it.  Each text column not already bounded by a closed list or an anchored pattern
-- gets a CHECK named <table>_<column>_length (tests/sql/schema.sql fails for a new text
-- column without one).  The api says it in words before the CHECK does: import_order
-- names the document field (0012), need_text the reason, subject or note, and
-- address_field the part of the address.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
        ('schema_migrations', 'name', 100), ('schema_migrations', 'applied_by', 63),
        ('staff', 'full_name', 200),
        ('currencies', 'name', 100),
        ('customers', 'name', 200), ('customers', 'email', 254), ('customers', 'phone', 40),
        ('customers', 'notes', 10000),
        ('addresses', 'line1', 200), ('addresses', 'line2', 200), ('addresses', 'city', 100),
        ('addresses', 'postcode', 20),
        ('products', 'sku', 64), ('products', 'name', 300),
        ('orders', 'cancel_reason', 500),
        ('payments', 'reference', 200),
        ('order_lines', 'sku', 64), ('order_lines', 'name', 300),
        ('shipments', 'carrier_code', 64), ('shipments', 'carrier_text', 500), ('shipments', 'shipped_by', 63),
        ('shipment_events', 'status', 32), ('shipment_events', 'carrier_code', 64),
        ('shipment_events', 'description', 1000), ('shipment_events', 'location', 200),
        ('tickets', 'number', 32), ('tickets', 'subject', 200), ('tickets', 'created_by', 63),
        ('ticket_messages', 'author', 63), ('ticket_messages', 'body', 20000),
        ('returns', 'number', 32), ('returns', 'reason', 500), ('returns', 'carrier', 32),
        ('returns', 'tracking_no', 40), ('returns', 'inspection_note', 2000), ('returns', 'created_by', 63),
        ('refunds', 'reason', 500), ('refunds', 'created_by', 63),
        ('gift_codes', 'reason', 500), ('gift_codes', 'created_by', 63),
        ('audit_log', 'actor', 63), ('audit_log', 'action', 64), ('audit_log', 'entity', 64),
        ('notes', 'body', 10000), ('notes', 'author', 63),
        ('outbox', 'recipient', 254), ('outbox', 'subject', 300), ('outbox', 'body', 20000),
        ('outbox', 'created_by', 63), ('outbox', 'last_error', 2000),
        ('templates', 'category', 64), ('templates', 'title', 200), ('templates', 'body', 10000),
        ('amount_limits', 'updated_by', 63)
    ) v (tab, col, max_len)
    LOOP
        EXECUTE format('ALTER TABLE backdesk.%I ADD CONSTRAINT %I CHECK (length(%I) <= %s)',
                       r.tab, r.tab || '_' || r.col || '_length', r.col, r.max_len);
    END LOOP;
END
$$;

-- The most a field given to need_text may hold; a field not named here, 2000.
CREATE FUNCTION backdesk.text_limit(p_field text) RETURNS integer
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN CASE p_field WHEN 'reason' THEN 500 WHEN 'subject' THEN 200 WHEN 'note' THEN 10000
                    WHEN 'line1' THEN 200 WHEN 'line2' THEN 200 WHEN 'city' THEN 100
                    WHEN 'postcode' THEN 20 ELSE 2000 END;

-- BD005 unless t has some text in it, and not more than its field may hold; returns it trimmed.
CREATE OR REPLACE FUNCTION backdesk.need_text(p_value text, p_field text, p_hint text DEFAULT NULL) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF p_value IS NULL OR btrim(p_value) = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s is missing', p_field),
            HINT = coalesce(p_hint, format('Give the %s.', p_field));
    END IF;
    IF length(btrim(p_value)) > backdesk.text_limit(p_field) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('%s is too long (%s characters, at most %s)', p_field, length(btrim(p_value)),
                             backdesk.text_limit(p_field)),
            HINT = format('Shorten the %s; nothing was saved.', p_field);
    END IF;
    RETURN btrim(p_value);
END
$$;

CREATE OR REPLACE FUNCTION backdesk.address_field(p_addr jsonb, p_key text, p_required boolean) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v jsonb := p_addr -> p_key;
BEGIN
    IF v IS NULL OR jsonb_typeof(v) = 'null' OR (jsonb_typeof(v) = 'string' AND btrim(v #>> '{}') = '') THEN
        IF p_required THEN
            RAISE EXCEPTION USING ERRCODE = 'BD005',
                MESSAGE = format('address: "%s" is missing', p_key),
                HINT = 'Give line1, city and country (two letters, like TR); line2 and postcode are optional.';
        END IF;
        RETURN NULL;
    END IF;
    IF jsonb_typeof(v) <> 'string' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('address: "%s" must be a string, got %s', p_key, v),
            HINT = 'Give every part of the address as text.';
    END IF;
    IF length(btrim(v #>> '{}')) > backdesk.text_limit(p_key) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('address: "%s" is too long (%s characters, at most %s)', p_key,
                             length(btrim(v #>> '{}')), backdesk.text_limit(p_key)),
            HINT = 'Shorten it; nothing was saved.';
    END IF;
    RETURN btrim(v #>> '{}');
END
$$;
