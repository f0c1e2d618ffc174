#!/bin/bash
# Start a return (R), at 80x24, on the demo data.  From a call about SO-100120
# (delivered, three lines): one line back as damaged in transit in at most six
# keys beyond typing the note (counted here); the return is in the database with
# that line, quantity and reason.  An order not delivered: R says why and opens
# nothing.  Wrong, long and pasted input in the quantity and the note; the order
# changing under the form and the last unit taken meanwhile: the database's words,
# everything typed kept.  The customer 360's R picks the order first.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 44

newdb e2e_return_start; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }
nkeys() { echo "${_E2E_KEYS[$E2E_T]}"; }

e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
open_order SO-100120 >/dev/null
keys c
ok 'wait_for "call: Şükrü Öztürk"' "a call with the customer of SO-100120 (delivered, three lines)"

# "It arrived broken": R, the line's digit, Enter, the note, F2.
before=$(nkeys)
keys R
ok 'wait_for "Start a return: SO-100120"' "R shows the order's lines to pick from"
like "$(screen)" "│ +2 Bohem Nevresim" "with their numbers and names"
like "$(screen)" "│ +1 Bohem Tabak.* 1 +1 return until 20[0-9]{2}-[0-9]{2}-[0-9]{2} *│" "ordered, left, and until when each can go back"
keys 3
keys Enter
ok 'wait_for "Start a return of SO-100120"' "a digit and Enter take that line into the form"
like "$(screen)" "damaged in transit" "its reason starts as the first of the database's reasons"
note_start=$(nkeys)
typetext "Kutu ezik geldi, mum kırık"
note_keys=$(( $(nkeys) - note_start ))
keys F2
ok 'wait_for "Return R-[0-9]+ requested"' "F2 requests the return and says its number"
used=$(( $(nkeys) - before - note_keys ))
ok "[ $used -le 6 ]" "from the order screen to a requested return: $used keys beyond the note (at most 6)"
ret=$(screen | grep -o 'Return R-[0-9]*' | head -n 1 | grep -o 'R-[0-9]*')
is "$(q "SELECT r.kind || ' ' || r.status || ' ' || r.reason || ' | ' || string_agg(ol.line_no || ' ' || ol.sku || ' ' || rl.qty || ' ' || rl.reason_code, ', ')
         FROM backdesk.returns r JOIN backdesk.return_lines rl ON rl.return_id = r.id
         JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
         WHERE r.number = '$ret' GROUP BY r.id")" \
	"return requested Kutu ezik geldi, mum kırık | 3 MUM-001 1 damaged_in_transit" \
	"$ret holds line 3, one unit, damaged in transit, and the customer's words"
is "$(q "SELECT created_by FROM backdesk.returns WHERE number = '$ret'")" "ayse" "requested by the agent"
ok 'wait_for "Return '"$ret"'\$"' "and opens the new return's screen"
keys Escape
wait_for "Order SO-100120" >/dev/null
keys End
ok 'wait_for "^ '"$ret"' +requested +requested 20"' "the order screen shows the new return"

# Line 3 is all back now.
keys R
wait_for "Start a return: SO-100120" >/dev/null
keys 3 Enter
ok 'wait_for "already returned in full"' "a line returned in full cannot be taken again"
keys Escape
wait_gone "Start a return: SO-100120" >/dev/null

# Wrong, long and pasted input.
keys R
wait_for "Start a return: SO-100120" >/dev/null
keys 2 Enter
ok 'wait_for "Start a return of SO-100120"' "line 2 in the form"
long=$(printf 'x%.0s' $(seq 510))
pastetext "$long"
ok 'wait_for "nothing pasted: 510 characters, room for 500"' "a pasted note longer than 500 characters is refused whole"
is "$(screen | grep -c xxxxxxxxxx)" 0 "and none of it went in"
pastetext "Nevresim yırtık, fotoğraf yolladı"
keys Tab
typetext 2
ok 'wait_for "2 NEV-001: how many +2 "' "a digit typed on the quantity's 1 takes its place"
keys F2
ok 'wait_for "only one of these can still be returned"' "F2 with more than is left: the form refuses it, naming the limit"
keys BSpace
typetext abc
keys F2
ok 'wait_for "a whole number, please"' "letters in the quantity are refused"
keys BSpace BSpace BSpace
typetext 1

# The last unit taken meanwhile: the database refuses, the form keeps its values.
q "SELECT api.request_return('SO-100120', '[{\"line_no\":2,\"qty\":1,\"reason\":\"defective\"}]', 'by mail')" >/dev/null
keys F2
ok 'wait_for "0 left to return, not 1"' "the last unit taken meanwhile: the database's words"
like "$(screen)" "Nevresim yırtık, fotoğraf yolladı" "what was typed is still there"
keys Escape

# The order changing under the form: BD004 naming who; R brings the draft back.
keys R
wait_for "Start a return: SO-100120" >/dev/null
keys 1 Enter
wait_for "Start a return of SO-100120" >/dev/null
typetext "Tabak kırık"
q "UPDATE backdesk.orders SET version = version + 1 WHERE number = 'SO-100120'" >/dev/null
keys F2
ok 'wait_for "was changed by .* your text is kept \(R\)"' "a colleague's change: the database's words, the text kept"
keys R
wait_for "Start a return: SO-100120" >/dev/null
keys Enter
ok 'wait_for "Tabak kırık"' "R and Enter bring back what was typed"
keys F2
ok 'wait_for "Return R-[0-9]+ requested"' "and it goes through on the order as it is now"
is "$(q "SELECT count(*) FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id WHERE o.number = 'SO-100120' AND r.created_by = 'ayse'")" \
	2 "two returns of the agent on SO-100120"

# Not delivered: R says why and opens nothing.  (Esc leaves the return just opened.)
keys Escape
wait_for "Order SO-100120" >/dev/null
keys Escape
open_order SO-100234 >/dev/null
keys R
ok 'wait_for "not delivered yet"' "an order not delivered: R says why"
wait_gone "Start a return" >/dev/null
ok '! screen | grep -q "Start a return"' "and opens nothing"
is "$(q "SELECT count(*) FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id WHERE o.number = 'SO-100234'")" 0 "no return for it"

# The customer 360: R picks the order first, then the same dialog.
keys g
typetext "Árvíztűrő Tünde"
wait_idle && keys Enter
ok 'wait_for "Customer Árvíztűrő Tünde"' "the customer 360 of Árvíztűrő Tünde"
keys R
ok 'wait_for "Start a return: which order of Árvíztűrő Tünde"' "R on the customer 360 picks one of the customer's orders"
keys /
typetext SO-100304
keys Enter
wait_idle && keys Enter
ok 'wait_for "the return window and the warranty are over"' "an order delivered long ago: why nothing can go back"
ok '! screen | grep -q "Start a return: SO-100304"' "and nothing opens"
before=$(nkeys)
keys R
wait_for "Start a return: which order" >/dev/null
keys /
typetext SO-100301
keys Enter
wait_idle && keys Enter
ok 'wait_for "Start a return: SO-100301"' "the picked order's lines"
keys Enter
ok 'wait_for "Start a return of SO-100301"' "Enter takes the first line"
typetext "Rengi sitedeki gibi değil"
keys F2
ok 'wait_for "Return R-[0-9]+ requested"' "the return is requested from the customer 360"
ret=$(screen | grep -o 'Return R-[0-9]*' | head -n 1 | grep -o 'R-[0-9]*')
is "$(q "SELECT o.number || ' ' || r.kind || ' | ' || string_agg(ol.line_no || ' ' || rl.qty || ' ' || rl.reason_code, ', ')
         FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
         JOIN backdesk.return_lines rl ON rl.return_id = r.id
         JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
         WHERE r.number = '$ret' GROUP BY o.number, r.id")" \
	"SO-100301 return | 1 1 damaged_in_transit" "$ret: SO-100301's first line, one unit"

# Several lines: Space marks each, the second line's reason follows the first's.
keys :
typetext "order SO-100303"
keys Enter
ok 'wait_for "Order SO-100303" && wait_for "^ Where is it"' "SO-100303 (delivered today, two lines)"
keys R
wait_for "Start a return: SO-100303" >/dev/null
keys Space Space
ok 'wait_for "^ *│ *✓ +1 " && wait_for "^ *│ *✓ +2 "' "Space marks both lines"
keys Enter
ok 'wait_for "Start a return of SO-100303"' "Enter takes the marked lines"
typetext "İkisi de yanlış renk"
keys Tab Tab Right
ok 'wait_for "1 [A-Z0-9-]+: why ◀ defective" && wait_for "2 [A-Z0-9-]+: why ◀ defective"' \
	"a reason set on the first line: the second follows it"
keys Tab Tab Tab Right
ok 'wait_for "Kind ◀ exchange"' "an exchange is chosen explicitly"
keys Tab
typetext "3 fotoğraf, e-posta 27 Kasım"
keys F2
ok 'wait_for "Return R-[0-9]+ requested"' "both lines requested in one return"
ret=$(screen | grep -o 'Return R-[0-9]*' | head -n 1 | grep -o 'R-[0-9]*')
is "$(q "SELECT string_agg(ol.line_no || ' ' || rl.qty || ' ' || rl.reason_code, ', ' ORDER BY ol.line_no)
         FROM backdesk.returns r JOIN backdesk.return_lines rl ON rl.return_id = r.id
         JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id WHERE r.number = '$ret'")" \
	"1 1 defective, 2 1 defective" "$ret: both lines, one each, defective"
is "$(q "SELECT kind || ' | ' || evidence FROM backdesk.returns WHERE number = '$ret'")" \
	"exchange | 3 fotoğraf, e-posta 27 Kasım" "an exchange, with the evidence referenced"
