-- 0003 live lists: statement-level NOTIFY so the console refreshes what it shows.
-- One notification per statement (and PostgreSQL folds duplicates within a
-- transaction), so a bulk COPY of a million rows wakes each console once.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk;

CREATE FUNCTION backdesk.notify_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('backdesk_' || TG_ARGV[0], lower(TG_OP));
    RETURN NULL;
END
$$;

CREATE TRIGGER orders_notify AFTER INSERT OR UPDATE OR DELETE ON backdesk.orders
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_change('orders');
-- The orders list shows each order's parcel state.
CREATE TRIGGER shipments_notify_orders AFTER INSERT OR UPDATE OR DELETE ON backdesk.shipments
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_change('orders');
CREATE TRIGGER shipments_notify AFTER INSERT OR UPDATE OR DELETE ON backdesk.shipments
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_change('shipments');
CREATE TRIGGER tickets_notify AFTER INSERT OR UPDATE OR DELETE ON backdesk.tickets
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_change('tickets');
CREATE TRIGGER returns_notify AFTER INSERT OR UPDATE OR DELETE ON backdesk.returns
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_change('returns');
CREATE TRIGGER refunds_notify AFTER INSERT OR UPDATE OR DELETE ON backdesk.refunds
    FOR EACH STATEMENT EXECUTE FUNCTION backdesk.notify_change('refunds');

-- Sorting the orders list by ship-by date pages by keyset too.
CREATE INDEX orders_ship_by ON backdesk.orders (ship_by, id);
