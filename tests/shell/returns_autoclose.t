#!/bin/bash
# backdesk returns autoclose: cron closes the returns resolved (refunded, exchanged,
# repaired, store credit) longer ago than the shop's return_autoclose_days and says
# how many; a return resolved before resolutions were recorded counts from its
# inspection; open, rejected and recent ones stay; an agent is refused (exit 1).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 8

newdb returns_autoclose; db=$REPLY
login=t_rac_$$
export PGDATABASE=$db
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS $login'"

psql -XqAt -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT api.import_order('{"number": "SO-RAC-1", "placed_at": "2026-09-01T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "rac@example.com", "name": "İade Kapanış", "locale": "tr"},
    "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
    "lines": [{"sku": "RAC-1", "name": "Kalem", "qty": 9, "unit_price": "10.00", "tax_rate": "0.20"}],
    "shipping_fee": "0.00", "free_shipping": true, "payment": {"method": "card", "paid": "90.00"}}');
-- One return per case, each of one pen, all as old as their case says.
INSERT INTO backdesk.returns (number, order_id, status, reason, requested_at, inspected_at, resolved_at, rejection_reason)
SELECT v.n, o.id, v.s, 'test', now() - interval '60 days', v.insp, v.res,
       CASE WHEN v.s = 'rejected' THEN 'test' END
FROM backdesk.orders o, (VALUES
    ('R-RAC-REF-OLD', 'refunded', now() - interval '30 days', now() - interval '20 days'),
    ('R-RAC-EXC-OLD', 'exchanged', now() - interval '30 days', now() - interval '15 days'),
    ('R-RAC-REP-OLD', 'repaired', now() - interval '30 days', now() - interval '15 days'),
    ('R-RAC-SC-OLD', 'store_credit', now() - interval '30 days', now() - interval '15 days'),
    ('R-RAC-PRE0036', 'refunded', now() - interval '30 days', NULL),
    ('R-RAC-REF-NEW', 'refunded', now() - interval '5 days', now() - interval '2 days'),
    ('R-RAC-INSP', 'inspected', now() - interval '30 days', NULL),
    ('R-RAC-REJ', 'rejected', NULL, NULL)) v (n, s, insp, res)
WHERE o.number = 'SO-RAC-1';
SQL

out=$("$BACKDESK" returns autoclose 2>&1); rc=$?
is "$rc" 0 "an admin (the superuser) runs returns autoclose"
is "$out" "closed 5 resolved returns" "and is told how many it closed"
is "$(psql -XAt -c "SELECT string_agg(number, ' ' ORDER BY number) FROM backdesk.returns WHERE status = 'closed'")" \
	"R-RAC-EXC-OLD R-RAC-PRE0036 R-RAC-REF-OLD R-RAC-REP-OLD R-RAC-SC-OLD" \
	"every outcome resolved over 14 days ago is closed, one resolved before 0036 by its inspection's day"
is "$(psql -XAt -c "SELECT string_agg(number || ':' || status, ' ' ORDER BY number) FROM backdesk.returns WHERE status <> 'closed'")" \
	"R-RAC-INSP:inspected R-RAC-REF-NEW:refunded R-RAC-REJ:rejected" \
	"one resolved two days ago, one still to resolve and a rejected one stay as they are"
is "$(psql -XAt -c "SELECT count(*) || ' ' || bool_and(r.closed_at IS NOT NULL AND r.version = 2)
                    FROM backdesk.audit_log a JOIN backdesk.returns r ON r.id = a.entity_id
                    WHERE a.action = 'return.autoclose' AND a.entity = 'return'")" "5 true" \
	"each closing is audited, with its day and a new version"
is "$("$BACKDESK" returns autoclose 2>&1)" "closed 0 resolved returns" "a second run finds nothing to close"

"$BACKDESK" staff add "$login" --name "Ayşe Cron" --role agent >/dev/null || exit 1
err=$(PGUSER=$login "$BACKDESK" returns autoclose 2>&1); rc=$?
is "$rc" 1 "an agent cannot auto-close returns (exit 1)"
like "$err" "not allowed for $login" "and is told why"
