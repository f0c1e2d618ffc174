-- What the screens say about a parcel names its carrier as people know it (0022):
-- "in transit with Yurtiçi Kargo since …", never "with yurtici".  The sentence of
-- every status for every carrier, api.order_detail's plain status and its parcels'
-- carrier_name (the code stays in carrier), and a parcel found with api.find.
BEGIN;
SELECT plan(9);

CREATE TEMP TABLE t_cw_carrier (code text PRIMARY KEY, name text);
INSERT INTO t_cw_carrier VALUES
    ('yurtici', 'Yurtiçi Kargo'), ('aras', 'Aras Kargo'), ('mng', 'MNG Kargo'), ('ptt', 'PTT Kargo'),
    ('dhl', 'DHL'), ('ups', 'UPS'), ('fedex', 'FedEx'), ('mpl', 'MPL (Magyar Posta)'), ('gls', 'GLS');
CREATE TEMP TABLE t_cw_status (status text PRIMARY KEY);
INSERT INTO t_cw_status VALUES ('PRE_TRANSIT'), ('IN_TRANSIT'), ('OUT_FOR_DELIVERY'), ('AVAILABLE_FOR_PICKUP'),
    ('DELIVERY_ATTEMPTED'), ('DELIVERED'), ('EXCEPTION'), ('RETURNING'), ('RETURNED'), ('CANCELLED'),
    ('EXPIRED'), ('UNKNOWN');

CREATE TEMP TABLE t_cw_plain AS
SELECT c.code, c.name, s.status,
       backdesk.parcel_plain(c.code, s.status, NULL, DATE '2026-11-20',
                             CASE WHEN s.status = 'DELIVERED' THEN DATE '2026-11-23' END, DATE '2026-11-25',
                             DATE '2026-11-25', DATE '2026-11-27') AS plain
FROM t_cw_carrier c CROSS JOIN t_cw_status s;

SELECT is_empty($$SELECT code, status, plain FROM t_cw_plain WHERE strpos(plain, name) = 0$$,
    'every status of every carrier names the carrier by its name');
SELECT is_empty($$SELECT code, status, plain FROM t_cw_plain WHERE plain ~ ('\m' || code || '\M')$$,
    'and never by its code (codes are lower case: "DHL" is the name, "dhl" the code)');
SELECT is((SELECT plain FROM t_cw_plain WHERE code = 'yurtici' AND status = 'IN_TRANSIT'),
    'in transit with Yurtiçi Kargo since 2026-11-20, expected 2026-11-25, late by 2 days',
    'in transit: the name, with the days');
SELECT is((SELECT plain FROM t_cw_plain WHERE code = 'ptt' AND status = 'EXPIRED'),
    'PTT Kargo stopped reporting on it (shipped 2026-11-20), expected 2026-11-25, late by 2 days',
    'a carrier that stopped reporting');
SELECT is(backdesk.parcel_plain('kargoist', 'DELIVERED', NULL, DATE '2026-11-20', DATE '2026-11-23', NULL, NULL,
                                DATE '2026-11-27'),
    'delivered by kargoist on 2026-11-23', 'a carrier backdesk does not know keeps its code');

-- The order screen and the lookup.
CREATE TEMP TABLE t_cw_id AS SELECT api.import_order('{"number": "SO-CW1", "placed_at": "2026-11-20T14:03:00+03:00",
  "currency": "TRY", "customer": {"email": "cw@example.com", "name": "Şükrü Öztürk"},
  "shipping_address": {"line1": "Kordon 1", "district": "Konak", "city": "İzmir", "postcode": "35210", "country": "TR"},
  "lines": [{"sku": "A-1", "name": "Çaydanlık", "qty": 1, "unit_price": "450.00"}],
  "payment": {"method": "card", "paid": "450.00"}, "ship_by": "2026-11-21"}'::jsonb) AS id;
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at, delivered_at)
SELECT id, 'dhl', '1234567895', 'DELIVERED', '2026-11-21 10:00+03', '2026-11-23 15:00+03'
FROM backdesk.orders WHERE number = 'SO-CW1';
CREATE TEMP TABLE t_cw_doc AS
SELECT api.order_detail(id) AS d FROM backdesk.orders WHERE number = 'SO-CW1';

SELECT results_eq($$SELECT p->>'carrier', p->>'carrier_name' FROM t_cw_doc, jsonb_array_elements(d->'parcels') p$$,
    $$VALUES ('dhl', 'DHL')$$, 'order_detail: a parcel keeps its carrier''s code and gains its name');
SELECT is((SELECT d->>'plain_status' FROM t_cw_doc), 'delivered by DHL on 2026-11-23',
    'order_detail: where is it, with the carrier''s name');
UPDATE backdesk.shipments SET carrier = 'mpl', tracking_no = 'RR123456785HU'
WHERE order_id = (SELECT id FROM backdesk.orders WHERE number = 'SO-CW1');
SELECT is((SELECT d->'parcels'->0->>'plain_status'
           FROM (SELECT api.order_detail(id) AS d FROM backdesk.orders WHERE number = 'SO-CW1') x),
    'delivered by MPL (Magyar Posta) on 2026-11-23', 'order_detail: each parcel''s sentence too');
SELECT is((SELECT detail FROM api.find('RR123456785HU') WHERE kind = 'shipment'),
    'MPL (Magyar Posta) · SO-CW1 · DELIVERED', 'find: a parcel''s detail names its carrier');

SELECT * FROM finish();
ROLLBACK;
