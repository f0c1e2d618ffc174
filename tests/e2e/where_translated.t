#!/bin/bash
# The order screen's "Where is it" sentence in the staff member's language at 80x24
# (issue 16): the demo's SO-100234, in transit with Yurtiçi Kargo, reads in
# Turkish with tr_TR's dates (27-11-2026) and in Hungarian with hu_HU's (ISO), from
# api.order_detail's "plain" (views/order_plain.c); in C it is plain_status word
# for word, as before.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
export LC_ALL=C.UTF-8
plan 8

need_locales tr_TR.UTF-8 hu_HU.UTF-8

newdb e2e_where_translated; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
number=SO-100234
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
doc="(SELECT api.order_detail(id) d FROM backdesk.orders WHERE number = '$number') x"
plain_status=$(q "SELECT d->>'plain_status' FROM $doc")
IFS='|' read -r pcase carrier shipped expected late < <(q "SELECT concat_ws('|', p->>'case', p->>'carrier',
	p->>'shipped', p->>'expected', coalesce(p->>'days_late', '')) FROM $doc, jsonb_array_elements(d->'parcels') e(pp),
	LATERAL (SELECT pp->'plain' p) y")
[ "$pcase" = in_transit ] && [ -n "$expected" ] ||
	{ echo "Bail out! the demo's $number is not in transit with an expected day: $pcase $expected"; exit 1; }
dmy() { sed -E 's/([0-9]{4})-([0-9]{2})-([0-9]{2})/\3-\2-\1/g' <<<"$1"; }

# The sentence as the screen shows it, whole (compared whole: nothing of it cut): the lines under the heading $1 up to a
# blank line or the next pair (a label padded with spaces), wrapped lines joined
# with a space.
where_text() {
	screen | awk -v h="$1" '
		found && (/^ *$/ || /   /) { exit }
		found { sub(/^ +/, ""); s = s (s == "" ? "" : " ") $0 }
		$0 ~ "^ " h "$" { found = 1 }
		END { print s }'
}
# open LOC HEADING: the console in LOC, the order opened from the lookup box.
open_in() {
	e2e_start 80x24 PGDATABASE="$db" LANG="$1" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "$number" >/dev/null
	keys g
	typetext "$number"
	wait_for "$number .*·" >/dev/null
	keys Enter
	wait_for "^ $2\$" >/dev/null
}
# lacks REGEX NAME: the screen does not match.
lacks() { ok "! screen | grep -Eq '$1'" "$2"; }
close() {
	keys Escape q
	e2e_exited 5 >/dev/null
}

open_in C.UTF-8 "Where is it"
is "$(where_text "Where is it")" "$plain_status" "C: the sentence is plain_status word for word, as before"
like "$plain_status" "^in transit with Yurtiçi Kargo since $shipped, expected $expected" \
	"C: the demo's order is in transit with Yurtiçi Kargo (what the next checks read)"
close

tr_want="Yurtiçi Kargo ile $(dmy "$shipped") tarihinden beri yolda, tahmini teslimat $(dmy "$expected")"
[ -n "$late" ] && tr_want+=", $late gün gecikmeli"
open_in tr_TR.UTF-8 "Nerede"
is "$(where_text "Nerede")" "$tr_want" "tr_TR: the sentence in Turkish, the dates day first"
lacks "in transit|since|expected|late by" "tr_TR: nothing of it in English"
close

hu_want="Yurtiçi Kargo szállítja, $shipped óta úton, várható kézbesítés: $expected"
[ -n "$late" ] && hu_want+=", $late napot késik"
open_in hu_HU.UTF-8 "Hol tart"
is "$(where_text "Hol tart")" "$hu_want" "hu_HU: the sentence in Hungarian, the dates as hu_HU writes them"
lacks "in transit|since|expected|late by" "hu_HU: nothing of it in English"
close

# An older database without "plain" is not needed here: test_views_order_plain.c
# holds that; but a cancelled order says its reason in the staff member's words.
reason=$(q "SELECT cancel_reason FROM backdesk.orders WHERE status = 'cancelled' AND cancel_reason IS NOT NULL
	ORDER BY number LIMIT 1")
cancelled=$(q "SELECT number FROM backdesk.orders WHERE status = 'cancelled' AND cancel_reason IS NOT NULL
	ORDER BY number LIMIT 1")
number=$cancelled
open_in tr_TR.UTF-8 "Nerede"
is "$(where_text "Nerede")" "iptal edildi: $reason" "tr_TR: a cancelled order: the reason as it was written"
close
open_in hu_HU.UTF-8 "Hol tart"
is "$(where_text "Hol tart")" "törölve: $reason" "hu_HU: the same in Hungarian"
close
