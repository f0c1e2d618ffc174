-- 0036 what a return is made of, before the functions that move it (0037, 0038).
--
-- A return (RMA) goes requested -> approved | rejected -> awaiting_parcel ->
-- received -> inspected -> refunded | exchanged | repaired | store_credit -> closed.
-- Each line says which order line, how many, why (a reason code) and, once
-- inspected, in what condition it came back, how many of them are accepted and
-- whether they go back on the shelf or are written off.  The old 'in_transit' is
-- 'awaiting_parcel' now, and the old conditions map onto the four the warehouse
-- uses (unopened -> as_new, good -> opened, missing -> missing_parts).

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- Why a customer sends something back, and what the policy says about it.
------------------------------------------------------------------------------
CREATE TABLE backdesk.return_reasons (
    code                    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{0,31}$'),
    label                   text NOT NULL CONSTRAINT return_reasons_label_length CHECK (length(label) <= 100),
    -- The shop's fault: no restocking fee, and a fully returned order gets its shipping fee back.
    shop_fault              boolean NOT NULL,
    sort                    smallint NOT NULL UNIQUE
);
COMMENT ON TABLE backdesk.return_reasons IS
    'Reason codes of return lines; shop_fault: no restocking fee, and the shipping fee goes back with a fully returned order.';
INSERT INTO backdesk.return_reasons (code, label, shop_fault, sort) VALUES
    ('damaged_in_transit', 'damaged in transit', true, 1),
    ('defective', 'defective', true, 2),
    ('wrong_item', 'wrong item', true, 3),
    ('not_as_described', 'not as described', true, 4),
    ('changed_mind', 'changed mind', false, 5),
    ('arrived_late', 'arrived late', true, 6),
    ('other', 'other', false, 7);

------------------------------------------------------------------------------
-- Returns: the whole lifecycle on the row.
------------------------------------------------------------------------------
ALTER TABLE backdesk.returns DROP CONSTRAINT returns_status_check;
UPDATE backdesk.returns SET status = 'awaiting_parcel' WHERE status = 'in_transit';
ALTER TABLE backdesk.returns ADD COLUMN rejection_reason text
    CONSTRAINT returns_rejection_reason_length CHECK (length(rejection_reason) <= 500);
-- Returns rejected before a reason was kept say so, rather than nothing.
UPDATE backdesk.returns SET rejection_reason = 'rejected before backdesk kept the reason'
WHERE status = 'rejected';
ALTER TABLE backdesk.returns
    ADD CONSTRAINT returns_status_check CHECK (status IN
        ('requested', 'approved', 'rejected', 'awaiting_parcel', 'received', 'inspected',
         'refunded', 'exchanged', 'repaired', 'store_credit', 'closed')),
    -- Photos or notes the customer sent, referenced by text ("3 photos, mail of 12 Nov").
    ADD COLUMN evidence text CONSTRAINT returns_evidence_length CHECK (length(evidence) <= 1000),
    ADD COLUMN decided_at timestamptz,
    ADD COLUMN decided_by text CONSTRAINT returns_decided_by_length CHECK (length(decided_by) <= 63),
    ADD COLUMN parcel_at timestamptz,
    ADD COLUMN received_by text CONSTRAINT returns_received_by_length CHECK (length(received_by) <= 63),
    ADD COLUMN inspected_by text CONSTRAINT returns_inspected_by_length CHECK (length(inspected_by) <= 63),
    -- What the shop did about it; set with the status of the same name.
    ADD COLUMN resolution text CHECK (resolution IN ('refund', 'exchange', 'repair', 'store_credit')),
    ADD COLUMN resolved_at timestamptz,
    ADD COLUMN resolved_by text CONSTRAINT returns_resolved_by_length CHECK (length(resolved_by) <= 63),
    ADD COLUMN restocking_fee numeric(14,2) NOT NULL DEFAULT 0 CHECK (restocking_fee >= 0),
    ADD COLUMN exchange_order_id bigint UNIQUE REFERENCES backdesk.orders,
    ADD COLUMN gift_code_id bigint UNIQUE REFERENCES backdesk.gift_codes,
    ADD COLUMN closed_at timestamptz,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT returns_rejected_has_reason CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL);
COMMENT ON COLUMN backdesk.returns.reason IS 'The customer''s words or the agent''s note; each line has its reason code.';

-- The queue of the Returns pane: open returns by status, oldest first.
CREATE INDEX returns_open_age ON backdesk.returns (status, requested_at, id)
    WHERE status NOT IN ('rejected', 'closed');

------------------------------------------------------------------------------
-- Return lines: reason, condition, what was accepted and where it went.
------------------------------------------------------------------------------
ALTER TABLE backdesk.return_lines DROP CONSTRAINT return_lines_condition_check;
UPDATE backdesk.return_lines SET condition = CASE condition WHEN 'unopened' THEN 'as_new'
    WHEN 'good' THEN 'opened' WHEN 'missing' THEN 'missing_parts' ELSE condition END
WHERE condition IS NOT NULL;
ALTER TABLE backdesk.return_lines
    ADD CONSTRAINT return_lines_condition_check CHECK (condition IN ('as_new', 'opened', 'damaged', 'missing_parts')),
    ADD COLUMN reason_code text NOT NULL DEFAULT 'other' REFERENCES backdesk.return_reasons,
    ADD COLUMN note text CONSTRAINT return_lines_note_length CHECK (length(note) <= 500),
    -- At inspection: how many of qty the shop accepts (0..qty), and where they go.
    ADD COLUMN accepted_qty integer,
    ADD COLUMN disposition text CHECK (disposition IN ('restock', 'write_off')),
    ADD COLUMN restocking_fee numeric(14,2) NOT NULL DEFAULT 0 CHECK (restocking_fee >= 0);
-- Inspected lines already had a condition: all of them were accepted, and the
-- ones that came back as new or opened went back on the shelf.
UPDATE backdesk.return_lines SET accepted_qty = qty,
    disposition = CASE WHEN condition IN ('as_new', 'opened') THEN 'restock' ELSE 'write_off' END
WHERE condition IS NOT NULL;
ALTER TABLE backdesk.return_lines
    ADD CONSTRAINT return_lines_accepted_qty CHECK (accepted_qty BETWEEN 0 AND qty),
    ADD CONSTRAINT return_lines_inspected_whole CHECK (
        (condition IS NULL) = (accepted_qty IS NULL) AND (condition IS NULL) = (disposition IS NULL));
CREATE INDEX return_lines_order_line ON backdesk.return_lines (order_line_id);

------------------------------------------------------------------------------
-- The policy.
------------------------------------------------------------------------------
INSERT INTO backdesk.settings (key, value, valid, hint) VALUES
    ('return_window_days', '14', '^[0-9]{1,3}$',
     'Give the number of days (0 to 999) after delivery in which a customer may return goods.'),
    ('restocking_fee_percent', '10', '^([0-9]|[1-4][0-9]|50)$',
     'Give the restocking fee, in percent of an opened item''s price (0 to 50), charged when the return is not the shop''s fault.')
ON CONFLICT (key) DO UPDATE SET valid = EXCLUDED.valid, hint = EXCLUDED.hint;

GRANT SELECT ON backdesk.return_reasons TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

------------------------------------------------------------------------------
-- What a return is worth, in one place: the screen shows it, the refund, the
-- store credit and the money rules (backdesk.refund_insert) all ask here.
--   goods       the accepted quantities at their order line's price;
--   restocking  the lines' restocking fees (set at inspection);
--   shipping    the order's shipping fee when, with this return, every unit of the
--               order is back and accepted, and the fee was not refunded already
--               (on its own, or with an earlier return);
--   refunded    what was already given back for this return: refunds naming it,
--               and the store credit given for it;
--   due         goods - restocking + shipping - refunded, never below zero.
-- Nothing is due before inspection (no line has an accepted quantity yet).
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.return_refund_parts(p_return bigint,
    OUT goods numeric, OUT restocking numeric, OUT shipping numeric, OUT refunded numeric, OUT due numeric)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_order backdesk.orders;
    v_whole boolean;
BEGIN
    SELECT o.* INTO v_order FROM backdesk.orders o JOIN backdesk.returns r ON r.order_id = o.id
    WHERE r.id = p_return;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT coalesce(sum(rl.accepted_qty * ol.unit_price), 0), coalesce(sum(rl.restocking_fee), 0)
    INTO goods, restocking
    FROM backdesk.return_lines rl JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
    WHERE rl.return_id = p_return AND rl.accepted_qty IS NOT NULL;

    -- Every unit of every line accepted back, over all of the order's returns.
    SELECT bool_and(coalesce(back.n, 0) >= ol.qty) INTO v_whole
    FROM backdesk.order_lines ol
    LEFT JOIN (SELECT rl.order_line_id, sum(rl.accepted_qty) AS n
               FROM backdesk.return_lines rl JOIN backdesk.returns r ON r.id = rl.return_id
               WHERE r.order_id = v_order.id AND r.status <> 'rejected' AND rl.accepted_qty IS NOT NULL
               GROUP BY rl.order_line_id) back ON back.order_line_id = ol.id
    WHERE ol.order_id = v_order.id;
    shipping := CASE WHEN goods > 0 AND coalesce(v_whole, false) AND v_order.shipping_fee > 0
                      AND NOT EXISTS (SELECT FROM backdesk.refunds f
                                      WHERE f.order_id = v_order.id AND f.kind = 'shipping_fee'
                                        AND f.return_id IS DISTINCT FROM p_return)
                     THEN v_order.shipping_fee ELSE 0 END;
    SELECT coalesce(sum(f.amount), 0) INTO refunded FROM backdesk.refunds f WHERE f.return_id = p_return;
    -- Store credit given for it counts as given back too.
    refunded := refunded + coalesce((SELECT g.amount FROM backdesk.returns r
                                     JOIN backdesk.gift_codes g ON g.id = r.gift_code_id
                                     WHERE r.id = p_return), 0);
    due := greatest(goods - restocking + shipping - refunded, 0);
END
$$;
COMMENT ON FUNCTION backdesk.return_refund_parts(bigint) IS
    'What a return is worth: goods (accepted lines at their price), restocking (fees), shipping (the order''s fee when the order is now wholly back and the fee not refunded before), refunded (already given back for this return: refunds naming it and its store credit) and due.';
