#!/bin/bash
# The return screen (issue 13): opened with :return at 80x24 and from the lookup
# box, wider; an agent approves, rejects (an empty reason refused by the form, a
# too long one refused whole, then one that fits), sets the return parcel (a
# tracking number another return has is refused, the text kept); the warehouse
# receives and inspects (a quantity above the returned one refused by the form,
# then the right one) and sees no money; a colleague's change refuses a step with
# who made it and keeps the draft; the agent refunds while the server is away and
# the refund goes once, when it is back; a colleague's change shows live.  On a
# cluster of its own, because it stops it.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 44

own=$BACKDESK_TEST_TMP/rt.$$
export DEVDB_DIR=$own DEVDB_NAME=rt DEVDB_FAST=1
at_exit "DEVDB_DIR=$own $BACKDESK_ROOT/db/devdb destroy"
"$BACKDESK_ROOT/db/devdb" start >/dev/null || { echo "Bail out! own cluster did not start"; exit 1; }
eval "$("$BACKDESK_ROOT/db/devdb" env)"
"$BACKDESK" migrate >/dev/null && "$BACKDESK" seed --demo >/dev/null 2>&1 \
	|| { echo "Bail out! migrate/seed failed"; exit 1; }
sql() { psql -XAtq -v ON_ERROR_STOP=1 -d rt "$@"; }

# Four returns of one unit each, on delivered orders that have none: R-91001 goes
# all the way, R-91002 is rejected, R-91003 already has a parcel (its tracking
# number is taken), R-91004 is changed by a colleague under the agent.
sql <<'SQL' || { echo "Bail out! the returns were not made"; exit 1; }
WITH o AS (
    SELECT o.id, row_number() OVER (ORDER BY o.id) AS n
    FROM backdesk.orders o
    WHERE o.status = 'delivered' AND NOT EXISTS (SELECT FROM backdesk.returns r WHERE r.order_id = o.id)
      AND EXISTS (SELECT FROM backdesk.order_lines l WHERE l.order_id = o.id AND l.unit_price > 0)
    ORDER BY o.id LIMIT 4),
r AS (
    INSERT INTO backdesk.returns (number, order_id, status, reason, carrier, tracking_no, created_by)
    SELECT 'R-9100' || n, id, CASE n WHEN 3 THEN 'awaiting_parcel' ELSE 'requested' END,
           'Kutu ezik geldi', CASE n WHEN 3 THEN 'aras' END, CASE n WHEN 3 THEN 'RT1000001' END, 'ayse'
    FROM o RETURNING id, order_id)
INSERT INTO backdesk.return_lines (return_id, order_line_id, qty, reason_code, note)
SELECT r.id, (SELECT l.id FROM backdesk.order_lines l WHERE l.order_id = r.order_id AND l.unit_price > 0
              ORDER BY l.line_no LIMIT 1), 1, 'damaged_in_transit', 'köşesi ezik'
FROM r;
SQL
status() { sql -c "SELECT status FROM backdesk.returns WHERE number = '$1'"; }
order1=$(sql -c "SELECT o.number FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id WHERE r.number = 'R-91001'")

san=$BACKDESK_TEST_TMP/rt-san.$$
mkdir -p "$san"
said() { screen | awk -F'│' 'NF >= 3 { m = ""; for (i = 1; i <= NF; i++) if (length($i) > length(m)) m = $i; print m }' | tr -s ' \n' '  ' | grep -Eq -- "$1" || { dump_screen; return 1; }; }

e2e_start 80x24 "ASAN_OPTIONS=${ASAN_OPTIONS:-}:log_path=$san/asan" "UBSAN_OPTIONS=${UBSAN_OPTIONS:-}:log_path=$san/ubsan" \
	PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=rt PGUSER=ayse -- "$BACKDESK"
ok 'wait_for "Ayşe Yılmaz \(agent\)"' "the console is up"

keys :
typetext "return R-91001"
keys Enter
ok 'wait_for "Return R-91001" && wait_for "^ Status +return · requested · from today"' \
	":return R-91001 opens it at 80x24: kind, status, age"
like "$(screen)" "Order +$order1 · delivered" "its order"
like "$(screen)" "1 +[^ ]+ +1 of [0-9]+ +damaged in transit" "its line: how many of how many, why"
ok 'screen | grep -q "köşesi ezik"' "and the line's note"

# Approve: u offers what can{} allows, the first step first, and asks before it acts.
keys u
ok 'wait_for "Next step: Approve, Reject…" && wait_for "◀ Approve ▶"' "u offers the next steps it may take, Approve first"
keys F2
ok 'wait_for "Approve R-91001: the customer may send the goods back"' "F2 says what it will do"
keys y
ok 'wait_for "R-91001 approved"' "y approves it"
is "$(status R-91001)" approved "the database says so"
ok 'wait_for "^ Status +return · approved"' "the screen shows it"

# The parcel: a tracking number another return has is refused; the text stays.
keys P
ok 'wait_for "The parcel coming back" && wait_for "Yurtiçi Kargo"' "P asks for the carrier and the tracking number"
keys Tab
typetext "RT1000001"
keys F2
# The refusal's words are the api's (BD007); what the screen owes is to keep the form.
ok 'wait_for "The parcel coming back" && wait_for "RT1000001" && [ "$(status R-91001)" = approved ]' \
	"a tracking number that is another return's is refused, the text kept"
typetext "9"
keys F2
ok 'wait_for "R-91001: parcel saved"' "one more digit and it is saved"
is "$(sql -c "SELECT status || ' ' || carrier || ' ' || tracking_no FROM backdesk.returns WHERE number = 'R-91001'")" \
	"awaiting_parcel yurtici RT10000019" "the database has the parcel"
ok 'wait_for "^ Parcel +Yurtiçi Kargo · RT10000019"' "and the screen shows it"

# Reject, from the lookup box: an empty reason, then one too long, then one that fits.
keys g
typetext "R-91002"
ok 'wait_for "return +R-91002"' "the lookup finds the return"
keys Enter
ok 'wait_for "Return R-91002" && wait_for "requested"' "Enter opens the return screen"
keys u
wait_for "Next step" >/dev/null
typetext "R"
keys F2
ok 'wait_for "Reject the return"' "u, R picks Reject…, F2 asks why"
keys F2
ok 'wait_for "Reject the return" && [ "$(status R-91002)" = requested ]' "an empty reason is refused by the form"
long=$(printf 'Ürün kullanılmış, %.0s' $(seq 1 40))
pastetext "$long"
ok 'wait_idle && [ "$(status R-91002)" = requested ] && wait_gone "Ürün kullanılmış"' \
	"a reason over 500 characters is refused whole, never cut"
pastetext "Ürün kullanılmış ve etiketi sökülmüş; iade süresi de geçmiş."
keys F2
ok 'wait_for "R-91002 rejected"' "a reason that fits rejects it"
is "$(sql -c "SELECT status || ': ' || rejection_reason FROM backdesk.returns WHERE number = 'R-91002'")" \
	"rejected: Ürün kullanılmış ve etiketi sökülmüş; iade süresi de geçmiş." "with its reason"

# A colleague approves R-91004 while Ayşe writes why she rejects it.
keys :
typetext "return R-91004"
keys Enter
wait_for "Return R-91004" >/dev/null
keys u
wait_for "Next step" >/dev/null
typetext "R"
keys F2
wait_for "Reject the return" >/dev/null
typetext "Fotoğraf yok"
PGUSER=can sql -c "SELECT api.approve_return('R-91004')" >/dev/null
keys F2
ok 'wait_for "changed by Can Arslan at [0-9]{2}:[0-9]{2}" && wait_for "text is kept"' \
	"the rejection is refused: changed by Can Arslan at HH:MM, the text kept"
ok 'wait_for "^ Status +return · approved"' "the screen reloads: approved now"
keys u
ok 'wait_for "Fotoğraf yok"' "u brings the draft back"
keys Escape
is "$(status R-91004)" approved "nothing rejected"

# The warehouse, on a wider console, from the lookup: receives and inspects, no money shown.
E2E_T=wh e2e_start 120x40 PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE=rt PGUSER=mehmet -- "$BACKDESK"
E2E_T=wh
ok 'wait_for "Mehmet Demir \(warehouse\)"' "a warehouse console beside it"
keys g
typetext "R-91001"
wait_for "return +R-91001" >/dev/null
keys Enter
ok 'wait_for "Return R-91001" && wait_for "on its way back" && wait_gone "Due|Goods"' \
	"the warehouse opens R-91001, 120 wide, and sees no money"
keys u
wait_for "Next step" >/dev/null
typetext "R"
keys F2
wait_for "has arrived at the warehouse" >/dev/null
keys y
ok 'wait_for "R-91001 received"' "u, Received, y: received"
keys I
ok 'wait_for "Inspect the return" && wait_for "damaged" && wait_for "write off"' \
	"I: the inspection starts at damaged, written off (the line came damaged)"
keys Tab BSpace
typetext "5"
keys F2
ok 'wait_for "Inspect the return" && [ "$(status R-91001)" = received ]' "5 of 1 accepted is refused by the form"
keys BSpace
typetext "1"
keys F2
ok 'wait_for "R-91001 inspected"' "1 is right: inspected"
is "$(sql -c "SELECT condition || ' ' || accepted_qty || ' ' || disposition FROM backdesk.return_lines l
    JOIN backdesk.returns r ON r.id = l.return_id WHERE r.number = 'R-91001'")" "damaged 1 write_off" \
	"the database has the inspection"
keys q
wait_for "Quit" 2 >/dev/null && keys y
E2E_T=e2e

# Back at Ayşe's: she refunds R-91001 while the server is away; it goes once, when it is back.
keys :
typetext "return R-91001"
keys Enter
ok 'wait_for "Return R-91001" && wait_for "return · inspected"' "the agent sees it inspected"
keys End
ok 'wait_for "^ Due +[1-9][0-9,.]* HUF" && wait_for "inspect +Mehmet Demir"' "with what is due, and who did what (End)"
keys Home
"$BACKDESK_ROOT/db/devdb" stop >/dev/null
ok 'poll_for "DISCONNECTED" 5' "the server stops"
keys u
wait_for "Next step" >/dev/null
keys F2
wait_for "Refund .* to the customer for R-91001" >/dev/null
keys y
"$BACKDESK_ROOT/db/devdb" start >/dev/null
ok 'poll_for "R-91001 refunded" 30' "the refund goes when the server is back"
is "$(sql -c "SELECT count(*) FROM backdesk.refunds f JOIN backdesk.returns r ON r.id = f.return_id
    WHERE r.number = 'R-91001'")" 1 "once"
ok 'poll_for "^ Status +return · refunded" 10' "the screen shows it refunded"

# Live: a colleague closes it; the screen follows (NOTIFY backdesk_returns).
PGUSER=can sql -c "SELECT api.close_return('R-91001')" >/dev/null
ok 'poll_for "^ Status +return · closed" 10' "a colleague's close shows without a key"

keys O
ok 'wait_for "Order $order1"' "O opens the order"

keys q
ok 'wait_idle && said "draft of “Reject the return” on R-91004"' "q asks first, naming the rejection kept aside"
keys y
ok 'e2e_exited 10 && [ "$E2E_STATUS" = 0 ]' "y quits, exit status 0"
is "$(cat "$san"/* 2>/dev/null | head -20)" "" "no sanitizer report"
