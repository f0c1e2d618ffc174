-- 0044 exports (issue 15): a supervisor's lists as rows for a spreadsheet, for
-- `backdesk export ... --csv` and the console's :export.
--
--   * api.export_tickets, export_orders, export_returns, export_refunds and
--     export_shipments (p_since date, p_until date): the rows whose natural time
--     (a ticket's creation, an order's placing, a return's request, a refund's
--     making, a parcel's shipping) falls on the shop's days p_since..p_until
--     (inclusive, Europe/Istanbul; NULL: open-ended), ordered by that time then
--     id.  Supervisor and admin only; each call writes one audit row
--     (export.<list>, with the range), made by backdesk.export_begin, which first
--     refuses p_since > p_until (BD005).
--   * What a row holds is what the console shows a supervisor, and no more
--     personal data than the customer's name: no e-mail, phone, address line or
--     payment reference leaves in a file.  Times are text in shop time
--     ('YYYY-MM-DD HH24:MI'), amounts numeric with their currency in a column
--     of its own.
--   * They are SQL functions, not plpgsql: plpgsql's RETURN QUERY builds the whole
--     result on the server before the first row goes out, while the last SELECT
--     of a SQL function called in a select list is run lazily, a row per call
--     (`SELECT (e).* FROM (SELECT api.export_orders($1, $2) AS e OFFSET 0) s`,
--     how db/export.c calls them), so a million rows stream with a constant
--     footprint on both sides and the first row comes at once.  `SELECT * FROM
--     api.export_orders(...)` works too (PostgreSQL then collects the rows first).
--   * Indexes on (time, id) for tickets, returns, refunds and shipments: without
--     them a range export read a whole index or table and sorted it (at 9M parcels
--     the plan was a full scan of shipments_status and a sort).  Orders have
--     orders_placed (placed_at DESC, id DESC), read backward; tickets have 0043's
--     tickets_created (created_at, id), the same index.
SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE INDEX returns_requested ON backdesk.returns (requested_at, id);
CREATE INDEX refunds_created_id ON backdesk.refunds (created_at, id);
CREATE INDEX shipments_shipped ON backdesk.shipments (shipped_at, id);

-- The range check and the audit row of every export, after its role check.
CREATE FUNCTION backdesk.export_begin(p_what text, p_since date, p_until date) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
BEGIN
    IF p_since > p_until THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = pg_catalog.format('the export''s first day (since %s) is after its last (until %s)',
                                        p_since, p_until),
            HINT = 'Give since on or before until, or leave one of them out.';
    END IF;
    PERFORM backdesk.audit('export.' || p_what, 'export', NULL,
                           pg_catalog.jsonb_build_object('since', p_since, 'until', p_until));
END
$$;
REVOKE ALL ON FUNCTION backdesk.export_begin(text, date, date) FROM PUBLIC;

CREATE FUNCTION api.export_tickets(p_since date, p_until date)
    RETURNS TABLE (number text, created text, status text, priority text, channel text, category text,
                   subject text, customer text, order_number text, assignee text, first_response text,
                   solved text, sla text, satisfaction smallint)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
SELECT backdesk.require_role('exporting tickets', 'supervisor', 'admin');
SELECT backdesk.export_begin('tickets', p_since, p_until);
SELECT t.number, to_char(t.created_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'),
       t.status, t.priority, t.channel, t.category, t.subject, c.name, o.number, s.login,
       to_char(t.first_response_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'),
       to_char(t.solved_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'),
       backdesk.ticket_sla_state(t), t.satisfaction
FROM backdesk.tickets t
LEFT JOIN backdesk.customers c ON c.id = t.customer_id
LEFT JOIN backdesk.orders o ON o.id = t.order_id
LEFT JOIN backdesk.staff s ON s.id = t.assignee_id
WHERE t.created_at >= coalesce(p_since::timestamp AT TIME ZONE 'Europe/Istanbul', '-infinity')
  AND t.created_at < coalesce((p_until + 1)::timestamp AT TIME ZONE 'Europe/Istanbul', 'infinity')
ORDER BY t.created_at, t.id;
$$;

CREATE FUNCTION api.export_orders(p_since date, p_until date)
    RETURNS TABLE (number text, placed text, status text, customer text, city text, country text,
                   currency text, lines_total numeric, shipping_fee numeric, total numeric, paid numeric,
                   refunded numeric, payment_method text, ship_by date, late_to_ship text)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
SELECT backdesk.require_role('exporting orders', 'supervisor', 'admin');
SELECT backdesk.export_begin('orders', p_since, p_until);
SELECT o.number, to_char(o.placed_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'),
       o.status, c.name, a.city, a.country, o.currency::text, o.lines_total, o.shipping_fee, o.total,
       p.paid, (SELECT coalesce(sum(f.amount), 0.00) FROM backdesk.refunds f WHERE f.order_id = o.id),
       p.method, o.ship_by,
       CASE WHEN backdesk.late_to_ship(o.status, o.ship_by) THEN 'yes' ELSE 'no' END
FROM backdesk.orders o
JOIN backdesk.customers c ON c.id = o.customer_id
LEFT JOIN backdesk.addresses a ON a.id = o.shipping_address_id
LEFT JOIN backdesk.payments p ON p.order_id = o.id
WHERE o.placed_at >= coalesce(p_since::timestamp AT TIME ZONE 'Europe/Istanbul', '-infinity')
  AND o.placed_at < coalesce((p_until + 1)::timestamp AT TIME ZONE 'Europe/Istanbul', 'infinity')
ORDER BY o.placed_at, o.id;
$$;

CREATE FUNCTION api.export_returns(p_since date, p_until date)
    RETURNS TABLE (number text, requested text, order_number text, customer text, kind text, status text,
                   reason text, carrier text, tracking_no text, received text, inspected text,
                   resolution text, resolved text, restocking_fee numeric, currency text)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
SELECT backdesk.require_role('exporting returns', 'supervisor', 'admin');
SELECT backdesk.export_begin('returns', p_since, p_until);
SELECT r.number, to_char(r.requested_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'),
       o.number, c.name, r.kind, r.status, r.reason, r.carrier, r.tracking_no,
       to_char(r.received_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'),
       to_char(r.inspected_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'),
       r.resolution, to_char(r.resolved_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'),
       r.restocking_fee, o.currency::text
FROM backdesk.returns r
JOIN backdesk.orders o ON o.id = r.order_id
JOIN backdesk.customers c ON c.id = o.customer_id
WHERE r.requested_at >= coalesce(p_since::timestamp AT TIME ZONE 'Europe/Istanbul', '-infinity')
  AND r.requested_at < coalesce((p_until + 1)::timestamp AT TIME ZONE 'Europe/Istanbul', 'infinity')
ORDER BY r.requested_at, r.id;
$$;

CREATE FUNCTION api.export_refunds(p_since date, p_until date)
    RETURNS TABLE (created text, order_number text, customer text, kind text, amount numeric, currency text,
                   reason text, return_number text, by_login text, by_name text)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
SELECT backdesk.require_role('exporting refunds', 'supervisor', 'admin');
SELECT backdesk.export_begin('refunds', p_since, p_until);
SELECT to_char(f.created_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'), o.number, c.name,
       f.kind, f.amount, f.currency::text, f.reason, r.number, f.created_by, s.full_name
FROM backdesk.refunds f
JOIN backdesk.orders o ON o.id = f.order_id
JOIN backdesk.customers c ON c.id = o.customer_id
LEFT JOIN backdesk.returns r ON r.id = f.return_id
LEFT JOIN backdesk.staff s ON s.login = f.created_by
WHERE f.created_at >= coalesce(p_since::timestamp AT TIME ZONE 'Europe/Istanbul', '-infinity')
  AND f.created_at < coalesce((p_until + 1)::timestamp AT TIME ZONE 'Europe/Istanbul', 'infinity')
ORDER BY f.created_at, f.id;
$$;

CREATE FUNCTION api.export_shipments(p_since date, p_until date)
    RETURNS TABLE (shipped text, order_number text, customer text, carrier text, tracking_no text,
                   status text, shipped_by text, last_event text, expected_delivery date, promised_to date,
                   delivered text)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
SELECT backdesk.require_role('exporting shipments', 'supervisor', 'admin');
SELECT backdesk.export_begin('shipments', p_since, p_until);
SELECT to_char(s.shipped_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'), o.number, c.name,
       s.carrier, s.tracking_no, s.status, s.shipped_by,
       to_char(s.last_event_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI'),
       s.expected_delivery, s.promised_to,
       to_char(s.delivered_at AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD HH24:MI')
FROM backdesk.shipments s
JOIN backdesk.orders o ON o.id = s.order_id
JOIN backdesk.customers c ON c.id = o.customer_id
WHERE s.shipped_at >= coalesce(p_since::timestamp AT TIME ZONE 'Europe/Istanbul', '-infinity')
  AND s.shipped_at < coalesce((p_until + 1)::timestamp AT TIME ZONE 'Europe/Istanbul', 'infinity')
ORDER BY s.shipped_at, s.id;
$$;

REVOKE ALL ON FUNCTION api.export_tickets(date, date), api.export_orders(date, date), api.export_returns(date, date),
                       api.export_refunds(date, date), api.export_shipments(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.export_tickets(date, date), api.export_orders(date, date),
                          api.export_returns(date, date), api.export_refunds(date, date),
                          api.export_shipments(date, date)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin, backdesk_disabled;

COMMENT ON FUNCTION api.export_tickets(date, date) IS
$$The tickets created on the shop's days p_since..p_until (inclusive; NULL: open-ended), oldest first (created_at, id), for a spreadsheet: number, created, status, priority, channel, category, subject, customer (name), order_number, assignee (login), first_response, solved, sla (backdesk.ticket_sla_state), satisfaction. Times are text in shop time, YYYY-MM-DD HH24:MI. Writes one audit row (export.tickets, with the range). Streams a row at a time when called in a select list.
Who: supervisor, admin.
Refuses: BD001 any other role; BD005 p_since after p_until.$$;
COMMENT ON FUNCTION api.export_orders(date, date) IS
$$The orders placed on the shop's days p_since..p_until (inclusive; NULL: open-ended), oldest first (placed_at, id), for a spreadsheet: number, placed, status, customer (name), city, country, currency, lines_total, shipping_fee, total, paid, refunded (the sum of its refunds), payment_method, ship_by, late_to_ship (yes or no, backdesk.late_to_ship). No e-mail, phone, address line or payment reference. Times are text in shop time, YYYY-MM-DD HH24:MI. Writes one audit row (export.orders, with the range). Streams a row at a time when called in a select list.
Who: supervisor, admin.
Refuses: BD001 any other role; BD005 p_since after p_until.$$;
COMMENT ON FUNCTION api.export_returns(date, date) IS
$$The returns requested on the shop's days p_since..p_until (inclusive; NULL: open-ended), oldest first (requested_at, id), for a spreadsheet: number, requested, order_number, customer (name), kind, status, reason, carrier, tracking_no, received, inspected, resolution, resolved, restocking_fee, currency. Times are text in shop time, YYYY-MM-DD HH24:MI. Writes one audit row (export.returns, with the range). Streams a row at a time when called in a select list.
Who: supervisor, admin.
Refuses: BD001 any other role; BD005 p_since after p_until.$$;
COMMENT ON FUNCTION api.export_refunds(date, date) IS
$$The refunds made on the shop's days p_since..p_until (inclusive; NULL: open-ended), oldest first (created_at, id), for a spreadsheet: created, order_number, customer (name), kind, amount, currency, reason, return_number, by_login, by_name. Times are text in shop time, YYYY-MM-DD HH24:MI. Writes one audit row (export.refunds, with the range). Streams a row at a time when called in a select list.
Who: supervisor, admin.
Refuses: BD001 any other role; BD005 p_since after p_until.$$;
COMMENT ON FUNCTION api.export_shipments(date, date) IS
$$The parcels shipped on the shop's days p_since..p_until (inclusive; NULL: open-ended), oldest first (shipped_at, id), for a spreadsheet: shipped, order_number, customer (name), carrier, tracking_no, status, shipped_by (login), last_event, expected_delivery, promised_to, delivered. Times are text in shop time, YYYY-MM-DD HH24:MI. Writes one audit row (export.shipments, with the range). Streams a row at a time when called in a select list.
Who: supervisor, admin.
Refuses: BD001 any other role; BD005 p_since after p_until.$$;
