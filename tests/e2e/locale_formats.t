#!/bin/bash
# Dates, money and counts in the staff member's locale at 80x24 (issue 16): the
# orders list and an order (SO-100120 of the demo, 5,709.60 TRY) in Turkish
# (20-11-2026 14:03, 5.709,60 TRY) and Hungarian (glibc's hu_HU: ISO dates,
# 5.709,60 TRY), nothing cut; in C the forms of before (2026-11-20, 5,709.60).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
export LC_ALL=C.UTF-8
plan 23

need_locales tr_TR.UTF-8 hu_HU.UTF-8

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
# cuts: how many "…" the screen shows (a long product name is cut in every language).
cuts() { screen | grep -o "…" | wc -l; }
# numcuts: how many numbers (an amount, a date) are cut on the screen.
numcuts() { screen | grep -Eo "[0-9][0-9.,: -]*…" | wc -l; }
# col_of REGEX: the column the first match of REGEX starts in.
col_of() { screen | grep -m1 -E "$1" | sed -E "s/$1.*//" | wc -m; }
e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
wait_for "connected" >/dev/null
find_row
c_row=$(row)
like "$c_row" "$number +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} .* 5,709\.60 TRY" \
	"C: the list shows the ISO date and time and 5,709.60 TRY"
iso=$(grep -Eo '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}' <<<"$c_row" | head -n1)
keys Enter
wait_for "^ SO-100120" >/dev/null
like "$(screen)" "${iso}" "C: the order's date as before"
promised=$(screen | grep -Eo '[0-9]{4}-[0-9]{2}-[0-9]{2} – [0-9]{4}-[0-9]{2}-[0-9]{2}' | head -n1)
c_cuts=$(cuts)
keys PageDown
ok 'wait_for "5,709\.60 TRY"' "C: the order's total as before"
amounts=$(col_of "5,709\.60 TRY")
keys Escape q
e2e_exited 5 >/dev/null

# tr_TR writes the day first (glibc's d_fmt %d-%m-%Y).
tr_date="${iso:8:2}-${iso:5:2}-${iso:0:4}${iso:10}"
# locale_in LOC DATE WINDOW: the list's row and the order in LOC, DATE the order's
# date there, WINDOW its promised delivery.
locale_in() {
	local loc=$1 when=$2 window=$3 r
	e2e_start 80x24 PGDATABASE="$db" LANG="$loc" LC_ALL= LANGUAGE= -- "$BACKDESK"
	wait_for "$number" >/dev/null
	find_row
	r=$(row)
	like "$r" "$number +$when .* 5\.709,60 TRY" "$loc: the list's row: its date and total in the locale's format"
	is "${#r}" "${#c_row}" "$loc: the row is as wide as in C (nothing pushed out)"
	is "$(cuts)" 0 "$loc: nothing in the list is cut"
	keys Enter
	wait_for "^ SO-100120" >/dev/null
	like "$(screen)" " $when" "$loc: the order's date in the locale's format"
	like "$(screen)" " $window" "$loc: its promised delivery too"
	is "$(cuts)" "$c_cuts" "$loc: nothing more is cut on the order than in C"
	keys PageDown
	ok 'wait_for "5\.709,60 TRY"' "$loc: the order's total in the locale's format"
	is "$(numcuts)" 0 "$loc: no amount or date under it is cut"
	is "$(col_of "5\.709,60 TRY")" "$amounts" "$loc: the amounts stand where they stand in C"
	keys g
	typetext "$number"
	ok 'wait_for "$number .* · 5\.709,60 TRY"' "$loc: the lookup box writes the total the same way"
	keys Escape Escape q
	e2e_exited 5 >/dev/null
}
locale_in tr_TR.UTF-8 "$tr_date" "$(sed -E 's/([0-9]{4})-([0-9]{2})-([0-9]{2})/\3-\2-\1/g' <<<"$promised")"
locale_in hu_HU.UTF-8 "$iso" "$promised"
