-- 0005 what the call-centre actions need: internal notes, the outbox of messages to
-- customers (sending comes later), per-role amount limits, and answer templates.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk;

-- Internal notes on an order or a customer: staff only, never sent to anyone.
CREATE TABLE backdesk.notes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity      text NOT NULL CHECK (entity IN ('order', 'customer')),
    entity_id   bigint NOT NULL,
    body        text NOT NULL CHECK (btrim(body) <> ''),
    author      text NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_entity ON backdesk.notes (entity, entity_id, created_at DESC);

-- Messages to customers waiting to be sent (e-mail now, more channels later).
CREATE TABLE backdesk.outbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('order_confirmation', 'tracking', 'template', 'survey')),
    channel     text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms')),
    customer_id bigint NOT NULL REFERENCES backdesk.customers,
    order_id    bigint REFERENCES backdesk.orders,
    ticket_id   bigint REFERENCES backdesk.tickets,
    recipient   text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    created_by  text NOT NULL DEFAULT session_user,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text
);
CREATE INDEX outbox_unsent ON backdesk.outbox (created_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_customer ON backdesk.outbox (customer_id, created_at DESC);

-- The most a role may refund or give on its own, per kind and currency.  A role
-- without a row for a kind and currency has no limit there (admins), except that a
-- refund never exceeds what was paid, whoever gives it.
CREATE TABLE backdesk.amount_limits (
    role        text NOT NULL CHECK (role IN ('agent', 'warehouse', 'supervisor', 'admin')),
    kind        text NOT NULL CHECK (kind IN ('return', 'shipping_fee', 'goodwill', 'cancellation', 'gift_code')),
    currency    char(3) NOT NULL REFERENCES backdesk.currencies,
    max_amount  numeric(14,2) NOT NULL CHECK (max_amount >= 0),
    PRIMARY KEY (role, kind, currency)
);
INSERT INTO backdesk.amount_limits (role, kind, currency, max_amount)
SELECT 'agent', k, c, CASE c WHEN 'HUF' THEN 20000 WHEN 'TRY' THEN 1000 ELSE 50 END
FROM unnest(ARRAY['goodwill', 'gift_code']) k, unnest(ARRAY['TRY', 'HUF', 'EUR', 'USD', 'GBP']) c;

-- What agents read out or send, per ticket category and language; {placeholders}
-- are filled from the order (api.render_template).
CREATE TABLE backdesk.templates (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category    text NOT NULL,
    locale      text NOT NULL DEFAULT 'en' CHECK (locale ~ '^[a-z]{2}$'),
    title       text NOT NULL,
    body        text NOT NULL,
    UNIQUE (category, locale, title)
);

GRANT SELECT ON backdesk.notes, backdesk.outbox, backdesk.templates
    TO backdesk_agent, backdesk_supervisor, backdesk_admin;
GRANT SELECT ON backdesk.amount_limits
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

CREATE TRIGGER notes_notify AFTER INSERT OR UPDATE OR DELETE ON backdesk.notes
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_change('notes');
