#!/bin/bash
# The mouse, with [ui] mouse = on: the console asks the terminal for clicks; a click
# selects a row and a second one opens it, a click on a column title sorts by it,
# the wheel moves the cursor, a click on an F-key label presses that key; the
# terminal stops reporting clicks when the program ends.  Without the setting
# nothing is asked for.
#
# tmux has no command to click into a pane from outside (send-keys -M only replays
# a mouse event inside a mouse key binding), so the test types what a terminal
# sends for a click once a program has asked for clicks (xterm's "normal tracking",
# mode 1000, the encoding ncurses expects for TERM=tmux-256color): ESC [ M, then the
# button, the column and the line, each plus 32, counted from 1.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 15

newdb e2e_mouse; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
oldest=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.orders ORDER BY placed_at, id LIMIT 1")
ini=$BACKDESK_TEST_TMP/mouse.$$.ini
at_exit "rm -f $ini"
printf '[ui]\nmouse = on\n' >"$ini"

# report BUTTON X Y: the bytes of one report, for send-keys -H; X and Y count from 0
# (tmux's own screen lines do too).  Buttons: 0 left press, 3 release, 64 wheel up,
# 65 wheel down.
report() { printf '1b 5b 4d %x %x %x' $(($1 + 32)) $(($2 + 33)) $(($3 + 33)); }
# mouse BUTTON X Y: one report, one KEY_MOUSE: one key for wait_idle's count.
mouse() {
	_e2e_tmux send-keys -t "$E2E_T" -H $(report "$@") || return 1
	_E2E_KEYS[$E2E_T]=$(( ${_E2E_KEYS[$E2E_T]} + 1 ))
}
# click X Y: a press and its release, one key each.  ncurses reads every report that
# is already waiting into one gesture: a release there when the press is read makes
# one KEY_MOUSE (a click), not two.  Whether it is there would depend on how busy the
# machine is, so the release goes only once the program has read the press.
click() { mouse 0 "$1" "$2" && wait_idle && mouse 3 "$1" "$2"; }
# click_together X Y: press and release in one write, as from a program that was
# busy while the button went down and up: ncurses makes them one click, one key.
click_together() {
	_e2e_tmux send-keys -t "$E2E_T" -H $(report 0 "$1" "$2") $(report 3 "$1" "$2") || return 1
	_E2E_KEYS[$E2E_T]=$(( ${_E2E_KEYS[$E2E_T]} + 1 ))
}
# Whether the program in the pane asked the terminal to report clicks.
reports_clicks() { [ "$(_e2e_tmux display-message -p -t "$E2E_T" '#{mouse_any_flag}')" = 1 ]; }
wait_reports() {
	local want=$1 i
	for i in $(seq 100); do
		if reports_clicks; then [ "$want" = on ] && return 0; else [ "$want" = off ] && return 0; fi
		sleep 0.05
	done
	return 1
}
line() { screen | sed -n "$1p"; }

e2e_start 80x24 PGDATABASE="$db" BACKDESK_CONFIG="$ini" -- "$BACKDESK"
ok 'wait_for "connected"' "the console is up with mouse = on"
wait_for "^(SO|BK)-" >/dev/null
ok 'wait_reports on' "and has asked the terminal to report clicks"

# A row: the fifth order of the list, on screen line 7 (y = 6).
number=$(line 7 | cut -d' ' -f1)
click_together 5 6
ok 'wait_selected 7 "^$number "' "a click on a row selects it ($number), its press and release read as one"
click 40 6
ok 'wait_for "Order $number"' "a second click on the selected row opens it, press and release read apart"
keys Escape
ok 'wait_for "^Order +Placed +Customer"' "Esc goes back to the list"
wait_selected 7 "^$number " >/dev/null

# The wheel moves the cursor three rows at a time.
mouse 65 30 10
ok 'wait_selected 10 "^(SO|BK)-"' "the wheel down moves the cursor three rows down"
mouse 64 30 10
ok 'wait_selected 7 "^$number "' "and the wheel up three rows back"

# A column title sorts by that column; the list starts newest first, so a click on
# Placed turns it round.
click 20 1
ok 'wait_for "^$oldest "' "a click on the Placed title sorts oldest first ($oldest)"
is "$(line 3 | cut -d' ' -f1)" "$oldest" "with the oldest order on the first line"

# The F-key bar: the label F1 Help at the left of the last line.
like "$(line 24)" "^F1 ?Help" "the F-key bar starts with F1 Help"
click 2 23
ok 'wait_for "Only orders late to ship"' "a click on F1 Help opens the help"
keys Escape
wait_gone "Only orders late to ship" >/dev/null

# F10 Quit, the last label: only the press, since after it nobody asks for the
# release any more.
col=$(line 24 | grep -bo 'F10' | cut -d: -f1)
mouse 0 $((col + 1)) 23
ok 'e2e_exited 5' "a click on F10 Quit quits"
is "$E2E_STATUS" 0 "with exit status 0"
ok 'wait_reports off' "and the terminal no longer reports clicks"

# The default: no mouse.
e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
wait_for "connected" >/dev/null
wait_for "^(SO|BK)-" >/dev/null
ok '! reports_clicks' "without mouse = on the console asks for no clicks"
keys q
e2e_exited 5 >/dev/null
