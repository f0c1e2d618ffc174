-- The supervisor dashboard's measuring data (issue 15): on top of a seeded database
-- (`backdesk seed --orders 10000000` gives 1.0M tickets and no agents), about a
-- million more tickets over the last two years, handled by 40 agents, with first
-- responses, satisfaction scores, a few percent still open; and some refunds today
-- and returns received today.  Run it once, as a superuser:
--
--   psql -X -v ON_ERROR_STOP=1 -v n=1000000 -f tests/bench/dashboard_data.sql
--
-- Triggers are off while it writes (session_replication_role): the SLA times are
-- set here, as the rows would have them, and 1M rows do not run 0029's calendar
-- walk one by one.  Fixed seed: the same rows every run (not the same ids).
\if :{?n}
\else
\set n 1000000
\endif
BEGIN;
SET LOCAL session_replication_role = replica;
SELECT setseed(0.15);

-- 40 agents, as `backdesk staff add` would record them (no login roles: they only
-- own tickets here).
INSERT INTO backdesk.staff (login, full_name, role)
SELECT format('dash_agent%s', lpad(i::text, 2, '0')),
       (ARRAY['Ayşe', 'Mehmet', 'Zeynep', 'Emre', 'Gülşen', 'Şükrü', 'Ödön', 'Árpád', 'Éva', 'Can'])[1 + i % 10]
       || ' ' || (ARRAY['Yılmaz', 'Kaya', 'Demir', 'Çelik', 'Öztürk', 'Kovács', 'Szabó', 'Tóth'])[1 + i % 8],
       'agent'
FROM generate_series(1, 40) i
ON CONFLICT (login) DO NOTHING;

CREATE TEMP TABLE dash_agents ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM backdesk.staff WHERE login LIKE 'dash\_agent%';

-- Each ticket: its age (uniform over two years), then a status that fits the age:
-- under a day mostly still open, under five days solved (the autoclose waits 4
-- days), older ones closed but for 1% left open.
CREATE TEMP TABLE dash_t ON COMMIT DROP AS
SELECT i, now() - random() * interval '730 days' AS created_at, random() AS r, random() AS r2,
       random() AS r3, random() AS r4
FROM generate_series(1, :n) i;

INSERT INTO backdesk.tickets (channel, category, priority, status, subject, customer_id, assignee_id,
                              created_by, first_response_due, resolve_due, first_response_at, solved_at,
                              satisfaction, satisfaction_at, created_at, updated_at, status_changed_at,
                              last_message_kind, last_message_at)
SELECT x.channel, x.category, x.priority, x.status, 'Bench ticket ' || x.i, x.customer_id,
       CASE WHEN x.status = 'new' AND x.r2 < 0.6 THEN NULL ELSE a.id END,
       'bench', x.created_at + interval '4 hours', x.created_at + interval '2 days',
       x.first_response_at, x.solved_at,
       CASE WHEN x.solved_at IS NOT NULL AND x.r3 < 0.45
            THEN (ARRAY[1, 2, 3, 4, 4, 5, 5, 5, 5, 5])[1 + floor(x.r4 * 10)::int] END,
       CASE WHEN x.solved_at IS NOT NULL AND x.r3 < 0.45
            THEN least(now(), x.solved_at + x.r4 * interval '20 hours') END,
       x.created_at, coalesce(x.solved_at, x.first_response_at, x.created_at),
       coalesce(x.solved_at, x.first_response_at, x.created_at),
       CASE WHEN x.first_response_at IS NULL THEN 'customer' ELSE 'reply' END,
       coalesce(x.first_response_at, x.created_at)
FROM (
    SELECT t.*, s.status,
           (ARRAY['phone', 'email', 'email', 'chat', 'social', 'web'])[1 + floor(t.r2 * 6)::int] AS channel,
           (ARRAY['where-is-my-order', 'where-is-my-order', 'delay', 'damaged', 'wrong-item', 'return',
                  'refund', 'shipping-fee', 'warranty', 'payment', 'cancellation', 'complaint', 'other'])
               [1 + floor(t.r3 * 13)::int] AS category,
           CASE WHEN t.r4 < 0.05 THEN 'urgent' WHEN t.r4 < 0.20 THEN 'high'
                WHEN t.r4 < 0.80 THEN 'normal' ELSE 'low' END AS priority,
           1 + floor(t.r * 3333333)::bigint AS customer_id,
           CASE WHEN s.status = 'new' THEN NULL
                ELSE least(now(), t.created_at + t.r2 * interval '6 hours') END AS first_response_at,
           CASE WHEN s.status IN ('solved', 'closed')
                THEN least(now(), t.created_at + interval '10 minutes' + t.r3 * interval '2 days') END AS solved_at
    FROM dash_t t
    CROSS JOIN LATERAL (SELECT CASE
        WHEN t.created_at > now() - interval '1 day' THEN
            (ARRAY['new', 'new', 'open', 'open', 'pending', 'on_hold', 'solved', 'solved'])[1 + floor(t.r * 8)::int]
        WHEN t.created_at > now() - interval '5 days' THEN
            (ARRAY['new', 'open', 'pending', 'on_hold', 'solved', 'solved', 'solved', 'solved', 'solved', 'solved'])
                [1 + floor(t.r * 10)::int]
        WHEN t.r < 0.0025 THEN 'new' WHEN t.r < 0.005 THEN 'open' WHEN t.r < 0.0075 THEN 'pending'
        WHEN t.r < 0.01 THEN 'on_hold'
        ELSE 'closed' END AS status) s
) x
JOIN dash_agents a ON a.k = x.i % 40;

-- Refunds today: a few hundred on delivered orders, every kind, the order's currency.
INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key, created_by, created_at, currency)
SELECT o.id, (ARRAY['return', 'shipping_fee', 'goodwill', 'cancellation'])[1 + g % 4],
       least(o.total, 10 + (g % 50)), 'dashboard bench', gen_random_uuid(), 'bench',
       greatest(backdesk.shop_date(now())::timestamp AT TIME ZONE 'Europe/Istanbul',
                now() - (g % 600) * interval '1 minute'),
       o.currency
FROM generate_series(1, 300) g
JOIN backdesk.orders o ON o.id = 1 + (g * 33331) % 9000000
WHERE o.status = 'delivered' AND o.total > 0;

-- Returns received today: some of those awaiting their parcel arrive.
UPDATE backdesk.returns SET status = 'received', received_at = now() - random() * interval '6 hours',
       received_by = 'bench'
WHERE id IN (SELECT id FROM backdesk.returns WHERE status = 'awaiting_parcel' ORDER BY id LIMIT 150);
-- The rows above were written with the triggers off: the dashboard's tallies (0048)
-- are counted again from the rows.
DO $$ BEGIN
    IF to_regprocedure('backdesk.dashboard_tally_rebuild()') IS NOT NULL THEN
        EXECUTE 'SELECT backdesk.dashboard_tally_rebuild()';
    END IF;
END $$;
COMMIT;

VACUUM (ANALYZE) backdesk.tickets;
VACUUM (ANALYZE) backdesk.refunds;
VACUUM (ANALYZE) backdesk.returns;
