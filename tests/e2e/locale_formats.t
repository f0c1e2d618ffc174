#!/bin/bash
# Dates, money and counts in the staff member's locale at 80x24 (issue 16): the
# orders list and an order (SO-100120 of the demo, 5,709.60 TRY) in Turkish
# (20-11-2026 14:03, 5.709,60 TRY) and Hungarian (glibc's hu_HU: ISO dates,
# 5.709,60 TRY), nothing cut; in C the forms of before (2026-11-20, 5,709.60).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
export LC_ALL=C.UTF-8
plan 16

for loc in tr_TR.UTF-8 hu_HU.UTF-8; do
	if ! locale -a 2>/dev/null | grep -qix "${loc%.UTF-8}.utf8"; then
		echo "Bail out! the locale $loc is not installed: tools/locales.sh (make deps) makes it"
		exit 1
	fi
done

newdb e2e_locale_formats; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
number=SO-100120

row() { screen | grep -m1 -- "$number"; }
# The order: found in the list by /, its row, then Enter opens it.
find_row() {
	keys /
	typetext "$number"
	keys Enter
	wait_idle
}

# ---- C: as before issue 16; what the others are compared with.
e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
wait_for "connected" >/dev/null
find_row
c_row=$(row)
like "$c_row" "$number +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} .* 5,709\.60 TRY" \
	"C: the list shows the ISO date and time and 5,709.60 TRY"
iso=$(grep -Eo '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}' <<<"$c_row" | head -n1)
keys Enter
ok 'wait_for "5,709\.60 TRY"' "C: the order's total as before"
like "$(screen)" "${iso}" "C: the order's date as before"
keys Escape q
e2e_exited 5 >/dev/null

# tr_TR writes the day first (glibc's d_fmt %d-%m-%Y).
tr_date="${iso:8:2}-${iso:5:2}-${iso:0:4}${iso:10}"
# locale_in LOC DATE: the list's row and the order in LOC, DATE the order's date there.
locale_in() {
	local loc=$1 when=$2 r
	e2e_start 80x24 PGDATABASE="$db" LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "$number" >/dev/null
	find_row
	r=$(row)
	like "$r" "$number +$when .* 5\.709,60 TRY" "$loc: the list's row: its date and total in the locale's format"
	is "${#r}" "${#c_row}" "$loc: the row is as wide as in C (nothing pushed out)"
	ok '[ "$(screen | grep -c "…")" -eq 0 ]' "$loc: nothing in the list is cut"
	keys Enter
	ok 'wait_for "5\.709,60 TRY"' "$loc: the order's total in the locale's format"
	like "$(screen)" "$when" "$loc: the order's date in the locale's format"
	ok '[ "$(screen | grep -c "…")" -eq 0 ]' "$loc: nothing on the order is cut"
	REPLY=$(screen)
	keys Escape q
	e2e_exited 5 >/dev/null
}
locale_in tr_TR.UTF-8 "$tr_date"
ok '! grep -Eq "[0-9]{4}-[0-9]{2}-[0-9]{2}" <<<"$REPLY"' "tr_TR.UTF-8: no ISO date is left on the order"
locale_in hu_HU.UTF-8 "$iso"
