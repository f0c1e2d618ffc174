#!/bin/bash
# backdesk tickets autoclose: cron closes the tickets resolved longer ago than the
# shop's ticket_autoclose_days and says how many; a login that is not an admin is
# refused with the reason (exit 1).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 6

newdb autoclose; db=$REPLY
login=t_autoclose_$$
export PGDATABASE=$db
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS $login'"

psql -XqAt -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT api.import_order('{"number": "SO-AC-1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
    "customer": {"email": "ac@example.com", "name": "Oto Kapanış", "locale": "tr"},
    "shipping_address": {"line1": "Cd. 1", "city": "Bursa", "country": "TR"},
    "lines": [{"sku": "AC-1", "name": "Kalem", "qty": 1, "unit_price": "10.00", "tax_rate": "0.20"}],
    "shipping_fee": "0.00", "free_shipping": true, "payment": {"method": "card", "paid": "10.00"}}');
SELECT api.open_ticket((SELECT id FROM backdesk.customers WHERE email = 'ac@example.com'), NULL, 'email',
                       'other', 'normal', 'Ticket ' || n, '', true) FROM generate_series(1, 3) n;
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() - interval '10 days' WHERE subject IN ('Ticket 1', 'Ticket 2');
UPDATE backdesk.tickets SET status = 'solved', solved_at = now() - interval '1 day' WHERE subject = 'Ticket 3';
SQL

out=$("$BACKDESK" tickets autoclose 2>&1); rc=$?
is "$rc" 0 "an admin (the superuser) runs tickets autoclose"
is "$out" "closed 2 resolved tickets" "and is told how many it closed"
is "$(psql -XAt -c "SELECT string_agg(subject || ':' || status, ' ' ORDER BY subject) FROM backdesk.tickets")" \
	"Ticket 1:closed Ticket 2:closed Ticket 3:solved" "the ones resolved 10 days ago are closed, yesterday's stays resolved"
is "$("$BACKDESK" tickets autoclose 2>&1)" "closed 0 resolved tickets" "a second run finds nothing to close"

"$BACKDESK" staff add "$login" --name "Ayşe Cron" --role agent >/dev/null || exit 1
err=$(PGUSER=$login "$BACKDESK" tickets autoclose 2>&1); rc=$?
is "$rc" 1 "an agent cannot auto-close (exit 1)"
like "$err" "not allowed for $login" "and is told why"
