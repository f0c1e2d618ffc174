-- 0001 foundation: roles, schemas, extensions, the domain tables, grants.
--
-- Run by `backdesk migrate` inside one transaction, as a superuser or as a role with
-- CREATEROLE that owns the database.  Everything after the role bootstrap is created
-- as backdesk_owner, a NOLOGIN role: nobody logs in as the owner of the data.

-- Roles are cluster-wide: another database on the same server may have made them.
DO $$
DECLARE
    r text;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'backdesk_owner') THEN
        -- CREATEROLE so that api.staff_add can make people's login roles.
        CREATE ROLE backdesk_owner NOLOGIN CREATEROLE;
    END IF;
    FOREACH r IN ARRAY ARRAY['backdesk_agent', 'backdesk_warehouse', 'backdesk_supervisor',
                             'backdesk_admin', 'backdesk_shop'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
        -- ADMIN OPTION lets the owner put staff into the groups (required from PG 16 on).
        IF NOT EXISTS (SELECT FROM pg_auth_members m
                       WHERE m.roleid = (SELECT oid FROM pg_roles WHERE rolname = r)
                         AND m.member = (SELECT oid FROM pg_roles WHERE rolname = 'backdesk_owner')
                         AND m.admin_option) THEN
            EXECUTE format('GRANT %I TO backdesk_owner WITH ADMIN OPTION', r);
        END IF;
    END LOOP;
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE format('GRANT backdesk_owner TO %I', current_user);
    END IF;
END
$$;

CREATE SCHEMA ext AUTHORIZATION backdesk_owner;
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA ext;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ext;
CREATE SCHEMA backdesk AUTHORIZATION backdesk_owner;
CREATE SCHEMA api AUTHORIZATION backdesk_owner;

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk;

-- Functions are executable by PUBLIC unless told otherwise; ours are not.
ALTER DEFAULT PRIVILEGES FOR ROLE backdesk_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
REVOKE ALL ON SCHEMA ext FROM PUBLIC;

CREATE TABLE backdesk.schema_migrations (
    version     integer PRIMARY KEY,
    name        text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    applied_by  text NOT NULL DEFAULT session_user
);

------------------------------------------------------------------------------
-- Search keys.  Stored when a row is written (generated columns), never computed
-- per query: unaccent first (it maps İ→I and ı→i), then an ASCII-only lower() so the
-- Turkish dotted/dotless I never depends on the database's locale, then the locale's
-- lower() for whatever non-Latin letters remain.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.search_key(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN btrim(regexp_replace(
           lower(lower(ext.unaccent('ext.unaccent'::regdictionary, t) COLLATE "C")),
           '[[:space:][:punct:]]+', ' ', 'g'));

-- "sukru ozturk" and "ozturk sukru" must both be prefix lookups.
CREATE FUNCTION backdesk.search_key_rev(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN regexp_replace(backdesk.search_key(t), '^(.+) (\S+)$', '\2 \1');

-- Phone numbers as digits with the country code and without the +, the way they are
-- written on forms in Turkey and Hungary: "+90 532 123 45 67", "0532 123 4567",
-- "532-123-45-67", "0090 532…", "+36 30 123 4567", "06 30 123 4567".  Anything else
-- keeps its digits as they are.
CREATE FUNCTION backdesk.normalize_phone(raw text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    d text := regexp_replace(raw, '[^0-9]', '', 'g');
    intl boolean := btrim(raw) LIKE '+%';
BEGIN
    IF d = '' THEN
        RETURN NULL;
    END IF;
    IF intl THEN
        RETURN d;
    END IF;
    IF d LIKE '00%' THEN
        RETURN substr(d, 3);
    END IF;
    IF d LIKE '06%' AND length(d) IN (10, 11) THEN      -- Hungarian trunk prefix 06
        RETURN '36' || substr(d, 3);
    END IF;
    IF d LIKE '0%' AND length(d) = 11 THEN              -- Turkish trunk prefix 0
        RETURN '90' || substr(d, 2);
    END IF;
    IF length(d) = 10 AND d ~ '^[2-5]' THEN             -- Turkish number without the 0
        RETURN '90' || d;
    END IF;
    RETURN d;
END
$$;

CREATE FUNCTION backdesk.digits(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN regexp_replace(t, '[^0-9]', '', 'g');

------------------------------------------------------------------------------
-- People who use backdesk.  Each has a LOGIN role of their own (api.staff_add).
------------------------------------------------------------------------------
CREATE TABLE backdesk.staff (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login       text NOT NULL UNIQUE CHECK (login ~ '^[a-z_][a-z0-9_.-]{0,62}$'),
    full_name   text NOT NULL CHECK (btrim(full_name) <> ''),
    role        text NOT NULL CHECK (role IN ('agent', 'warehouse', 'supervisor', 'admin')),
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz
);

CREATE TABLE backdesk.currencies (
    code        char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
    minor_units smallint NOT NULL CHECK (minor_units BETWEEN 0 AND 4),
    name        text NOT NULL
);
INSERT INTO backdesk.currencies VALUES
    ('TRY', 2, 'Turkish lira'), ('HUF', 2, 'Hungarian forint'), ('EUR', 2, 'Euro'),
    ('USD', 2, 'US dollar'), ('GBP', 2, 'Pound sterling'), ('PLN', 2, 'Polish złoty'),
    ('CZK', 2, 'Czech koruna'), ('RON', 2, 'Romanian leu'), ('BGN', 2, 'Bulgarian lev'),
    ('CHF', 2, 'Swiss franc');

CREATE TABLE backdesk.customers (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name         text NOT NULL CHECK (btrim(name) <> ''),
    email        text CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    phone        text,
    locale       text NOT NULL DEFAULT 'tr' CHECK (locale ~ '^[a-z]{2}(_[A-Z]{2})?$'),
    notes        text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    phone_norm   text GENERATED ALWAYS AS (backdesk.normalize_phone(phone)) STORED,
    name_key     text GENERATED ALWAYS AS (backdesk.search_key(name)) STORED,
    name_key_rev text GENERATED ALWAYS AS (backdesk.search_key_rev(name)) STORED,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE UNIQUE INDEX customers_email_key ON backdesk.customers (lower(email) COLLATE "C");
CREATE INDEX customers_phone_norm ON backdesk.customers (phone_norm COLLATE "C");
CREATE INDEX customers_name_key ON backdesk.customers (name_key COLLATE "C");
CREATE INDEX customers_name_key_rev ON backdesk.customers (name_key_rev COLLATE "C");
CREATE INDEX customers_name_trgm ON backdesk.customers USING gin (name_key ext.gin_trgm_ops);

CREATE TABLE backdesk.addresses (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES backdesk.customers,
    line1       text NOT NULL CHECK (btrim(line1) <> ''),
    line2       text,
    city        text NOT NULL CHECK (btrim(city) <> ''),
    postcode    text,
    country     char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX addresses_customer ON backdesk.addresses (customer_id);

CREATE TABLE backdesk.products (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    sku             text NOT NULL UNIQUE CHECK (btrim(sku) <> ''),
    name            text NOT NULL,
    stock           integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
    warranty_months smallint NOT NULL DEFAULT 24 CHECK (warranty_months >= 0)
);

CREATE TABLE backdesk.orders (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    number              text NOT NULL UNIQUE CHECK (number ~ '^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$'),
    customer_id         bigint NOT NULL REFERENCES backdesk.customers,
    shipping_address_id bigint NOT NULL REFERENCES backdesk.addresses,
    placed_at           timestamptz NOT NULL,
    status              text NOT NULL CHECK (status IN
                            ('pending', 'paid', 'packed', 'shipped', 'delivered', 'cancelled')),
    currency            char(3) NOT NULL REFERENCES backdesk.currencies,
    lines_total         numeric(14,2) NOT NULL CHECK (lines_total >= 0),  -- gross, tax included
    tax_total           numeric(14,2) NOT NULL CHECK (tax_total >= 0),
    shipping_fee        numeric(14,2) NOT NULL DEFAULT 0 CHECK (shipping_fee >= 0),
    free_shipping       boolean NOT NULL DEFAULT false,
    total               numeric(14,2) GENERATED ALWAYS AS (lines_total + shipping_fee) STORED,
    ship_by             date NOT NULL,
    deliver_from        date,
    deliver_to          date,
    cancel_reason       text,
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (deliver_from IS NULL OR deliver_to IS NULL OR deliver_from <= deliver_to)
);
-- "Newest first", keyset-paged: (placed_at, id) is the key.
CREATE INDEX orders_placed ON backdesk.orders (placed_at DESC, id DESC);
CREATE INDEX orders_customer ON backdesk.orders (customer_id, placed_at DESC);
CREATE INDEX orders_number_digits ON backdesk.orders (backdesk.digits(number) COLLATE "C");
CREATE INDEX orders_number_prefix ON backdesk.orders (number COLLATE "C");
CREATE INDEX orders_to_ship ON backdesk.orders (ship_by) WHERE status IN ('paid', 'packed');
CREATE INDEX orders_status ON backdesk.orders (status, placed_at DESC, id DESC);

-- Payment details sit apart from the order so that the warehouse, which reads
-- orders, never sees them: privilege by table, not by column.
CREATE TABLE backdesk.payments (
    order_id    bigint PRIMARY KEY REFERENCES backdesk.orders ON DELETE CASCADE,
    method      text NOT NULL CHECK (method IN
                    ('card', 'bank_transfer', 'cash_on_delivery', 'wallet', 'gift_code', 'other')),
    paid        numeric(14,2) NOT NULL CHECK (paid >= 0),
    reference   text,
    paid_at     timestamptz
);

CREATE TABLE backdesk.order_lines (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    order_id    bigint NOT NULL REFERENCES backdesk.orders ON DELETE CASCADE,
    line_no     smallint NOT NULL CHECK (line_no > 0),
    product_id  bigint REFERENCES backdesk.products,
    sku         text NOT NULL,
    name        text NOT NULL,
    qty         integer NOT NULL CHECK (qty > 0),
    unit_price  numeric(14,2) NOT NULL CHECK (unit_price >= 0),   -- gross
    tax_rate    numeric(5,4) NOT NULL DEFAULT 0 CHECK (tax_rate >= 0 AND tax_rate < 1),
    line_total  numeric(14,2) GENERATED ALWAYS AS (qty * unit_price) STORED,
    UNIQUE (order_id, line_no)
);

CREATE TABLE backdesk.shipments (
    id                bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    order_id          bigint NOT NULL REFERENCES backdesk.orders,
    carrier           text NOT NULL CHECK (carrier ~ '^[a-z0-9-]{2,32}$'),
    tracking_no       text NOT NULL UNIQUE CHECK (tracking_no ~ '^[A-Za-z0-9-]{4,40}$'),
    status            text NOT NULL DEFAULT 'PRE_TRANSIT' CHECK (status IN
                          ('UNKNOWN', 'PRE_TRANSIT', 'IN_TRANSIT', 'OUT_FOR_DELIVERY',
                           'AVAILABLE_FOR_PICKUP', 'DELIVERY_ATTEMPTED', 'DELIVERED',
                           'EXCEPTION', 'RETURNING', 'RETURNED', 'CANCELLED', 'EXPIRED')),
    carrier_code      text,
    carrier_text      text,
    expected_delivery date,
    shipped_at        timestamptz NOT NULL DEFAULT now(),
    delivered_at      timestamptz,
    last_checked_at   timestamptz,
    next_check_at     timestamptz,
    shipped_by        text NOT NULL DEFAULT session_user,
    version           integer NOT NULL DEFAULT 1
);
CREATE INDEX shipments_order ON backdesk.shipments (order_id);
CREATE INDEX shipments_due ON backdesk.shipments (next_check_at)
    WHERE status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED');
CREATE INDEX shipments_status ON backdesk.shipments (status, shipped_at);

CREATE TABLE backdesk.shipment_events (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    shipment_id  bigint NOT NULL REFERENCES backdesk.shipments ON DELETE CASCADE,
    occurred_at  timestamptz NOT NULL,
    status       text NOT NULL,
    carrier_code text NOT NULL DEFAULT '',
    description  text NOT NULL DEFAULT '',
    location     text NOT NULL DEFAULT '',
    UNIQUE (shipment_id, occurred_at, carrier_code, location)
);

CREATE SEQUENCE backdesk.ticket_number_seq START 100001;
CREATE TABLE backdesk.tickets (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    number              text NOT NULL UNIQUE
                            DEFAULT 'T-' || nextval('backdesk.ticket_number_seq'),
    channel             text NOT NULL CHECK (channel IN ('phone', 'email', 'chat', 'social', 'web')),
    category            text NOT NULL CHECK (category IN
                            ('where-is-my-order', 'delay', 'damaged', 'wrong-item',
                             'not-as-described', 'return', 'refund', 'shipping-fee', 'warranty',
                             'technical', 'payment', 'cancellation', 'address-change',
                             'complaint', 'suggestion', 'praise', 'other')),
    priority            text NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
    status              text NOT NULL DEFAULT 'new' CHECK (status IN
                            ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    subject             text NOT NULL CHECK (btrim(subject) <> ''),
    customer_id         bigint REFERENCES backdesk.customers,
    order_id            bigint REFERENCES backdesk.orders,
    assignee_id         bigint REFERENCES backdesk.staff,
    created_by          text NOT NULL DEFAULT session_user,
    first_response_due  timestamptz NOT NULL,
    resolve_due         timestamptz NOT NULL,
    first_response_at   timestamptz,
    solved_at           timestamptz,
    satisfaction        smallint CHECK (satisfaction BETWEEN 1 AND 5),
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION backdesk.priority_rank(p text) RETURNS smallint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE p WHEN 'urgent' THEN 1 WHEN 'high' THEN 2 WHEN 'normal' THEN 3 ELSE 4 END;
-- The queue that take_next_ticket reads: most urgent first, then the nearest SLA.
CREATE INDEX tickets_queue ON backdesk.tickets (backdesk.priority_rank(priority), resolve_due)
    WHERE assignee_id IS NULL AND status IN ('new', 'open');
CREATE INDEX tickets_customer ON backdesk.tickets (customer_id, created_at DESC);
CREATE INDEX tickets_order ON backdesk.tickets (order_id);
CREATE INDEX tickets_assignee ON backdesk.tickets (assignee_id) WHERE status NOT IN ('solved', 'closed');
CREATE INDEX tickets_open ON backdesk.tickets (status, created_at DESC, id DESC);
CREATE INDEX tickets_number_digits ON backdesk.tickets (backdesk.digits(number) COLLATE "C");

CREATE TABLE backdesk.ticket_messages (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    ticket_id    bigint NOT NULL REFERENCES backdesk.tickets ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('note', 'reply', 'call', 'system', 'customer')),
    author       text NOT NULL DEFAULT session_user,
    body         text NOT NULL,
    call_seconds integer CHECK (call_seconds >= 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'call' OR call_seconds IS NULL)
);
CREATE INDEX ticket_messages_ticket ON backdesk.ticket_messages (ticket_id, created_at);

CREATE SEQUENCE backdesk.return_number_seq START 50001;
CREATE TABLE backdesk.returns (
    id                bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    number            text NOT NULL UNIQUE DEFAULT 'R-' || nextval('backdesk.return_number_seq'),
    order_id          bigint NOT NULL REFERENCES backdesk.orders,
    kind              text NOT NULL DEFAULT 'return' CHECK (kind IN ('return', 'exchange', 'warranty')),
    status            text NOT NULL DEFAULT 'requested' CHECK (status IN
                          ('requested', 'approved', 'rejected', 'in_transit', 'received',
                           'inspected', 'refunded', 'closed')),
    reason            text NOT NULL,
    carrier           text,
    tracking_no       text UNIQUE,
    requested_at      timestamptz NOT NULL DEFAULT now(),
    received_at       timestamptz,
    inspected_at      timestamptz,
    inspection_note   text,
    created_by        text NOT NULL DEFAULT session_user,
    version           integer NOT NULL DEFAULT 1
);
CREATE INDEX returns_order ON backdesk.returns (order_id);
CREATE INDEX returns_status ON backdesk.returns (status, requested_at);
CREATE INDEX returns_number_digits ON backdesk.returns (backdesk.digits(number) COLLATE "C");

CREATE TABLE backdesk.return_lines (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    return_id     bigint NOT NULL REFERENCES backdesk.returns ON DELETE CASCADE,
    order_line_id bigint NOT NULL REFERENCES backdesk.order_lines,
    qty           integer NOT NULL CHECK (qty > 0),
    condition     text CHECK (condition IN ('unopened', 'good', 'damaged', 'missing')),
    UNIQUE (return_id, order_line_id)
);

CREATE TABLE backdesk.refunds (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    order_id        bigint NOT NULL REFERENCES backdesk.orders,
    return_id       bigint REFERENCES backdesk.returns,
    kind            text NOT NULL CHECK (kind IN ('return', 'shipping_fee', 'goodwill', 'cancellation')),
    amount          numeric(14,2) NOT NULL CHECK (amount > 0),
    reason          text NOT NULL,
    idempotency_key uuid NOT NULL UNIQUE,
    created_by      text NOT NULL DEFAULT session_user,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_order ON backdesk.refunds (order_id);
CREATE INDEX refunds_created ON backdesk.refunds (created_at);

CREATE TABLE backdesk.gift_codes (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{6,32}$'),
    customer_id bigint NOT NULL REFERENCES backdesk.customers,
    order_id    bigint REFERENCES backdesk.orders,
    amount      numeric(14,2) NOT NULL CHECK (amount > 0),
    currency    char(3) NOT NULL REFERENCES backdesk.currencies,
    reason      text NOT NULL,
    expires_at  date NOT NULL,
    redeemed_at timestamptz,
    created_by  text NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gift_codes_customer ON backdesk.gift_codes (customer_id);

CREATE TABLE backdesk.audit_log (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor     text NOT NULL DEFAULT session_user,
    action    text NOT NULL,
    entity    text NOT NULL,
    entity_id bigint,
    detail    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity ON backdesk.audit_log (entity, entity_id, at);
CREATE INDEX audit_log_at ON backdesk.audit_log (at);

CREATE FUNCTION backdesk.audit(p_action text, p_entity text, p_entity_id bigint,
                               p_detail jsonb DEFAULT '{}') RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
    INSERT INTO backdesk.audit_log (action, entity, entity_id, detail)
    VALUES (p_action, p_entity, p_entity_id, coalesce(p_detail, '{}'));
$$;

-- Which backdesk group the person at the other end belongs to.  Superusers count as
-- admin.  Group membership, not table privileges, decides what the api lets them do.
CREATE FUNCTION backdesk.caller_role() RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk
AS $$
    SELECT CASE
        WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN 'admin'
        WHEN pg_has_role(session_user, 'backdesk_admin', 'USAGE') THEN 'admin'
        WHEN pg_has_role(session_user, 'backdesk_supervisor', 'USAGE') THEN 'supervisor'
        WHEN pg_has_role(session_user, 'backdesk_agent', 'USAGE') THEN 'agent'
        WHEN pg_has_role(session_user, 'backdesk_warehouse', 'USAGE') THEN 'warehouse'
        WHEN pg_has_role(session_user, 'backdesk_shop', 'USAGE') THEN 'shop'
        ELSE 'none'
    END;
$$;

-- Raises BD001 unless the caller's role is one of `allowed`.
CREATE FUNCTION backdesk.require_role(p_what text, VARIADIC allowed text[]) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    r text := backdesk.caller_role();
BEGIN
    IF r = ANY (allowed) THEN
        RETURN r;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'BD001',
        MESSAGE = format('%s is not allowed for %s (role: %s)', p_what, session_user, r),
        HINT = format('Allowed roles: %s. Ask an administrator if you need this.',
                      array_to_string(allowed, ', '));
END
$$;

------------------------------------------------------------------------------
-- Grants.  Nobody but the owner writes a table: every change goes through api.
------------------------------------------------------------------------------
GRANT USAGE ON SCHEMA backdesk TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;
GRANT USAGE ON SCHEMA api TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_shop;

GRANT SELECT ON backdesk.schema_migrations, backdesk.staff, backdesk.currencies,
                backdesk.customers, backdesk.addresses, backdesk.products,
                backdesk.orders, backdesk.order_lines, backdesk.shipments,
                backdesk.shipment_events, backdesk.returns, backdesk.return_lines
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;
GRANT SELECT ON backdesk.payments, backdesk.refunds, backdesk.gift_codes,
                backdesk.tickets, backdesk.ticket_messages
    TO backdesk_agent, backdesk_supervisor, backdesk_admin;
GRANT SELECT ON backdesk.audit_log TO backdesk_supervisor, backdesk_admin;
