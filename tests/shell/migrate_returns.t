#!/bin/bash
# 0036 on a database that already has returns of the first schema's shape: a parcel
# "in_transit", a return rejected without a reason, lines inspected as "unopened",
# "good", "damaged" and "missing".  backdesk migrate brings it up to date without
# losing a row: the statuses and conditions map onto the new ones, rejected returns
# say they were rejected before reasons were kept, inspected lines count as wholly
# accepted (back on the shelf when unopened or good), and what they are worth follows.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 9

emptydb migrate_returns; db=$REPLY
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# The schema as it was before 0036, recorded as backdesk migrate records it.
old=("$BACKDESK_ROOT"/db/migrations/00[0-2][0-9]_*.sql "$BACKDESK_ROOT"/db/migrations/003[0-5]_*.sql)
for f in "${old[@]}"; do
	psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -1 -f "$f" >/dev/null 2>&1 ||
		{ echo "Bail out! cannot apply $(basename "$f")"; exit 1; }
done
for f in "${old[@]}"; do
	base=$(basename "$f" .sql)
	q "INSERT INTO backdesk.schema_migrations (version, name, checksum)
	   VALUES (${base%%_*} + 0, '${base#*_}', '$(sha256sum < "$f" | cut -d' ' -f1)')" ||
		{ echo "Bail out! cannot record $base"; exit 1; }
done
is "$(q "SELECT max(version) FROM backdesk.schema_migrations")" 35 "a database at 0035"

q "SELECT api.import_order('{\"number\": \"SO-MR-1\", \"placed_at\": \"2026-11-01T10:00:00+03:00\", \"currency\": \"TRY\",
     \"customer\": {\"email\": \"mr@example.com\", \"name\": \"Eski Müşteri\", \"locale\": \"tr\"},
     \"shipping_address\": {\"line1\": \"Kordon 1\", \"city\": \"İzmir\", \"country\": \"TR\"},
     \"lines\": [{\"sku\": \"A-1\", \"name\": \"Kupa\", \"qty\": 4, \"unit_price\": \"100.00\", \"tax_rate\": \"0.20\"},
                {\"sku\": \"B-1\", \"name\": \"Tabak\", \"qty\": 4, \"unit_price\": \"50.00\", \"tax_rate\": \"0.20\"}],
     \"shipping_fee\": \"0\", \"payment\": {\"method\": \"card\", \"paid\": \"600.00\"}}'::jsonb)" >/dev/null ||
	{ echo "Bail out! cannot import an order at 0035"; exit 1; }
q "WITH o AS (SELECT id FROM backdesk.orders WHERE number = 'SO-MR-1')
   INSERT INTO backdesk.returns (number, order_id, status, reason, carrier, tracking_no)
   SELECT n, o.id, s, 'old', CASE WHEN s = 'in_transit' THEN 'yurtici' END, CASE WHEN s = 'in_transit' THEN 'MR0001' END
   FROM o, (VALUES ('R-MR-1', 'in_transit'), ('R-MR-2', 'rejected'), ('R-MR-3', 'inspected')) v (n, s);
   INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, condition)
   SELECT r.id, l.id, 1, c
   FROM backdesk.returns r JOIN backdesk.order_lines l ON l.order_id = r.order_id,
        (VALUES (1, 'unopened'), (2, 'damaged')) v (line_no, c)
   WHERE r.number = 'R-MR-3' AND l.line_no = v.line_no;
   INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, condition)
   SELECT r.id, l.id, 1, c
   FROM backdesk.returns r JOIN backdesk.order_lines l ON l.order_id = r.order_id,
        (VALUES (1, 'good'), (2, 'missing')) v (line_no, c)
   WHERE r.number = 'R-MR-1' AND l.line_no = v.line_no" >/dev/null ||
	{ echo "Bail out! cannot write returns of the old shape"; exit 1; }

out=$(PGDATABASE=$db "$BACKDESK" migrate 2>&1); rc=$?
is "$rc" 0 "backdesk migrate brings it up to date"
like "$out" "applied 0036_returns_schema" "through 0036"
is "$(q "SELECT string_agg(number || ' ' || status, ', ' ORDER BY number) FROM backdesk.returns")" \
	"R-MR-1 awaiting_parcel, R-MR-2 rejected, R-MR-3 inspected" "every return kept; in_transit is awaiting_parcel"
is "$(q "SELECT rejection_reason FROM backdesk.returns WHERE number = 'R-MR-2'")" \
	"rejected before backdesk kept the reason" "a return rejected without a reason says so"
is "$(q "SELECT string_agg(r.number || ' ' || l.line_no || ' ' || rl.condition || ' ' || rl.accepted_qty || ' ' || rl.disposition
                          || ' ' || rl.reason_code, ', ' ORDER BY r.number, l.line_no)
         FROM backdesk.return_lines rl JOIN backdesk.returns r ON r.id = rl.return_id
         JOIN backdesk.order_lines l ON l.id = rl.order_line_id")" \
	"R-MR-1 1 opened 1 restock other, R-MR-1 2 missing_parts 1 write_off other, R-MR-3 1 as_new 1 restock other, R-MR-3 2 damaged 1 write_off other" \
	"conditions map (unopened: as new, good: opened, missing: missing parts), wholly accepted, shelved or written off"
is "$(q "SELECT goods || ' ' || due FROM backdesk.return_refund_parts((SELECT id FROM backdesk.returns WHERE number = 'R-MR-3'))")" \
	"150.00 150.00" "what an old inspected return is worth follows from its lines"
is "$(q "SELECT api.return_detail('R-MR-3') ->> 'status'")" "inspected" "and the return screen's document reads it"
again=$(PGDATABASE=$db "$BACKDESK" migrate 2>&1)
like "$again" "up to date" "migrating again changes nothing"
