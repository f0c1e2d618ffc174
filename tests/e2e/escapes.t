#!/bin/bash
# A customer name full of terminal escape sequences is shown as harmless text and
# never reaches the terminal raw: no cleared screen, no new window title.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 7

newdb e2e_escapes; db=$REPLY
psql -XqAt -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<'SQL' || { echo "Bail out! import failed"; exit 1; }
SELECT api.import_order('{"number": "SO-ESC1", "placed_at": "2026-11-20T14:03:00+03:00", "currency": "TRY",
  "customer": {"email": "evil@example.com", "name": "Evil\u001b[2J\u001b]0;pwned\u0007 Name\u009b31m"},
  "shipping_address": {"line1": "Line \u001b[1;1H", "city": "İzmir", "country": "TR"},
  "lines": [{"sku": "X-1", "name": "Thing\u001b[5m", "qty": 1, "unit_price": "10.00"}],
  "payment": {"method": "card", "paid": "10.00"}}'::jsonb);
SELECT api.import_order('{"number": "SO-ESC0", "placed_at": "2026-11-19T14:03:00+03:00", "currency": "TRY",
  "customer": {"email": "fine@example.com", "name": "Plain Customer"},
  "shipping_address": {"line1": "Line 1", "city": "İzmir", "country": "TR"},
  "lines": [{"sku": "X-1", "name": "Thing", "qty": 1, "unit_price": "10.00"}],
  "payment": {"method": "card", "paid": "10.00"}}'::jsonb);
SQL

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
ok 'wait_for "^SO-ESC1 "' "the order with the hostile name is listed"
like "$(screen | grep '^SO-ESC1')" "Evil␛\[2J" "ESC shows as a visible ␛, the rest as text"
ok 'wait_for "^SO-ESC0 .*Plain Customer"' "the screen was not cleared: the next row is still there"
like "$(screen | head -n 2)" "Order +Placed" "nor moved: the header is in place"
is "$(pane_title | grep -c pwned)" 0 "the window title did not change"
keys Enter
ok 'wait_for "Name +Evil␛"' "the order screen shows it harmlessly too"
is "$(screen_attrs | grep -c $'\e\\[5m')" 0 "no blinking text from a product name"
keys q
e2e_exited 5 >/dev/null
