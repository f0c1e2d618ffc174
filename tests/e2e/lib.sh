# End-to-end tests: the real program in a private tmux server.  `source` after
# tests/lib/tap.sh.
#
#   e2e_start COLSxROWS [ENV=VALUE...] -- COMMAND...   start it in a fresh tmux server
#   keys KEY...                 tmux send-keys (names like Enter, Escape, PageDown, C-l)
#   typetext TEXT               literal text
#   pastetext TEXT              TEXT as a bracketed paste (one key to the program)
#   open_order NUMBER           find it in the orders list (/), open it, wait for its screen
#   wait_idle [SECONDS]         until the program has done all the keys sent asked for
#   wait_for REGEX [SECONDS]    once idle: the screen matches REGEX
#   wait_gone REGEX [SECONDS]   once idle: it does not
#   wait_selected N REGEX [SECONDS]  once idle: line N matches and is highlighted
#   poll_for REGEX [SECONDS]    poll the screen until REGEX shows (default 10 s)
#   poll_gone REGEX [SECONDS]   poll the screen until REGEX no longer shows
#   screen                      the screen as text now
#   resize COLSxROWS
#   psql_until WANT SECONDS DB SQL  ask DB until it answers WANT; prints the answer
#   line_of TEXT, in_order TEXT...  where TEXT shows; each below the one before
#   e2e_exited [SECONDS]        wait for the program to end; its status in $E2E_STATUS
#
# Never a fixed sleep, and no guessing from the screen: the program runs in its
# test mode (BACKDESK_TEST_EVENTS, tui/testmode.h) and says "idle" once everything a
# key caused is drawn; the wait_* helpers wait for the idle line after the last key
# sent and then look at the screen once.  Only what no key causes (a NOTIFY from
# another session, a server going away or coming back, a clock) is polled for, with
# poll_for.  On failure the screen is dumped into the TAP output, and the server is
# always killed at exit.

E2E_SOCK=bd-e2e-$$-$RANDOM
# Which console the functions talk to; a test with two consoles switches it.
E2E_T=e2e
E2E_STATUS=
# Per console: keys sent, its size, and how many event lines there were at the last
# resize (an idle line before it says nothing about the new size).
declare -A _E2E_KEYS=() _E2E_SIZE=() _E2E_MARK=()
_e2e_tmux() { tmux -L "$E2E_SOCK" -f /dev/null "$@"; }

at_exit _e2e_tmux kill-server

e2e_start() {
	local size=$1
	shift
	local -a envs=()
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
	shift
	local cols=${size%x*} rows=${size#*x}
	local status_file
	status_file=$(_e2e_status_file)
	rm -f "$status_file"
	_e2e_tmux kill-session -t "$E2E_T" >/dev/null 2>&1 || true
	rm -f "$(_e2e_events)"
	_E2E_KEYS[$E2E_T]=0
	_E2E_SIZE[$E2E_T]=$size
	_E2E_MARK[$E2E_T]=0
	# The pane's shell records the exit status and the terminal modes the program
	# left behind (to prove it restored them), then waits so the last screen stays
	# readable.
	rm -f "$status_file.stty"
	_e2e_tmux new-session -d -x "$cols" -y "$rows" -s "$E2E_T" \
		env LANG=C.UTF-8 LC_ALL=C.UTF-8 BACKDESK_TEST_EVENTS="$(_e2e_events)" \
		"${envs[@]+"${envs[@]}"}" \
		bash -c '"$@"; rc=$?; stty -a > '"$status_file.stty"'; echo $rc > '"$status_file"'; echo "[exited $rc]"; sleep 3600' bash "$@"
	_e2e_tmux set-option -t "$E2E_T" status off >/dev/null
}

_e2e_status_file() { echo "$BACKDESK_TEST_TMP/e2e-status.$E2E_SOCK.$E2E_T"; }
_e2e_events() { echo "$BACKDESK_TEST_TMP/e2e-events.$E2E_SOCK.$E2E_T"; }

# How many keys the program reads for one send-keys argument: a key name is one,
# M-x two (Esc, then x), one character one.  Anything else is refused rather than
# guessed: text goes through typetext.
_e2e_nkeys() {
	local LC_ALL=C.UTF-8
	case "$1" in
	Enter|Escape|Tab|BTab|BSpace|Space|Up|Down|Left|Right|Home|End|PageUp|PageDown|PPage|NPage|IC|DC|F[1-9]|F1[0-2]|C-?)
		REPLY=1 ;;
	M-?)
		REPLY=2 ;;
	*)
		[ "${#1}" = 1 ] || { echo "# keys: '$1' is no key name this harness counts; use typetext for text"; return 1; }
		REPLY=1 ;;
	esac
}

keys() {
	local n=0 k
	for k in "$@"; do
		_e2e_nkeys "$k" || return 1
		n=$((n + REPLY))
	done
	_e2e_tmux send-keys -t "$E2E_T" "$@" || return 1
	_E2E_KEYS[$E2E_T]=$(( ${_E2E_KEYS[$E2E_T]} + n ))
}
typetext() {
	local LC_ALL=C.UTF-8
	_e2e_tmux send-keys -t "$E2E_T" -l -- "$1" || return 1
	_E2E_KEYS[$E2E_T]=$(( ${_E2E_KEYS[$E2E_T]} + ${#1} ))
}
# tmux brackets the paste (ESC[200~ ... ESC[201~) only when the program turned
# bracketed paste on; the program then reads it as one key ("key N paste BYTES"),
# and wait_idle notices a program that read it as typed keys.  Line breaks arrive
# as CR, as from a terminal.
pastetext() {
	_e2e_tmux set-buffer -b e2e-paste -- "$1" || return 1
	_e2e_tmux paste-buffer -p -d -b e2e-paste -t "$E2E_T" || return 1
	_E2E_KEYS[$E2E_T]=$(( ${_E2E_KEYS[$E2E_T]} + 1 ))
}
screen() { _e2e_tmux capture-pane -p -t "$E2E_T"; }
resize() {
	_E2E_MARK[$E2E_T]=$(wc -l < "$(_e2e_events)")
	_E2E_SIZE[$E2E_T]=$1
	_e2e_tmux resize-window -t "$E2E_T" -x "${1%x*}" -y "${1#*x}"
}

# wait_idle [SECONDS]: until the program has read every key sent, has nothing in
# flight and has drawn the screen ("idle SEQ keys N size CxR" in its events file),
# and the terminal has shown that drawing (the program ends it with OSC 7
# "backdesk-idle:SEQ", which tmux keeps as the pane's path).
wait_idle() {
	local secs=${1:-10} want=${_E2E_KEYS[$E2E_T]} size=${_E2E_SIZE[$E2E_T]} mark=${_E2E_MARK[$E2E_T]}
	local f seq= path end got
	f=$(_e2e_events)
	end=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
	while :; do
		if [ -z "$seq" ]; then
			seq=$(awk -v k="$want" -v sz="$size" -v m="$mark" '
				$1 == "key" && $2 + 0 > k + 0 { over = $2 }
				NR > m && $1 == "idle" && $3 == "keys" && $4 == k && $5 == "size" && $6 == sz && s == "" { s = $2 }
				END { print over != "" ? "over " over : s }' "$f" 2>/dev/null)
			case "$seq" in
			over*)
				echo "# wait_idle: the program read ${seq#over } keys, the test sent $want: a key counted as one was more"
				dump_screen
				return 1 ;;
			esac
		fi
		if [ -n "$seq" ]; then
			path=$(_e2e_tmux display-message -p -t "$E2E_T" '#{pane_path}')
			path=${path#backdesk-idle:}
			case "$path" in
			''|*[!0-9]*) ;;
			*) [ "$path" -ge "$seq" ] && return 0 ;;
			esac
		fi
		if [ $(( $(date +%s%N) / 1000000 )) -ge "$end" ]; then
			echo "# wait_idle: not idle after key $want at $size within ${secs}s${seq:+ (idle $seq not yet on the terminal)}; the program said last:"
			tail -n 5 "$f" 2>/dev/null | sed 's/^/#   /'
			# Fewer keys read than sent: input that arrived together was read as
			# one key (a mouse press and its release become one click).
			got=$(awk '$1 == "key" { k = $2 } END { print k + 0 }' "$f" 2>/dev/null)
			if [ -z "$seq" ] && [ "${got:-0}" -lt "$want" ]; then
				echo "# (it read $got keys, the test sent $want: did keys counted apart arrive together?)"
			fi
			dump_screen
			return 1
		fi
		sleep 0.01
	done
}

dump_screen() {
	echo "# --- screen ---"
	screen | sed 's/^/# |/'
	echo "# --------------"
}

# _e2e_settled WHAT REGEX SECONDS CHECK: waits for idle, then runs CHECK once.
_e2e_settled() {
	local what=$1 re=$2 secs=$3
	shift 3
	wait_idle "$secs" || { echo "# $what: /$re/ never looked for"; return 1; }
	"$@" && return 0
	echo "# $what: /$re/ is not so once idle after key ${_E2E_KEYS[$E2E_T]}"
	dump_screen
	return 1
}
# The screen is read whole before grep looks, so grep -q never cuts a pipe.
_e2e_shows() { local s; s=$(screen) && grep -Eq -- "$1" <<<"$s"; }
_e2e_lacks() { local s; s=$(screen) && ! grep -Eq -- "$1" <<<"$s"; }
_e2e_line_selected() {
	local s a
	s=$(screen | sed -n "$1p") && a=$(screen_attrs | sed -n "$1p") &&
		grep -Eq -- "$2" <<<"$s" && grep -Eq $'\e\\[([0-9;]*;)?(7|46)(;[0-9;]*)?m' <<<"$a"
}

# wait_for REGEX [SECONDS]: once idle, the screen matches; dumps it when not.
wait_for() { _e2e_settled wait_for "$1" "${2:-10}" _e2e_shows "$1"; }
# wait_gone REGEX [SECONDS]: once idle, the screen does not match.
wait_gone() { _e2e_settled wait_gone "$1" "${2:-10}" _e2e_lacks "$1"; }
# wait_selected N REGEX [SECONDS]: once idle, line N matches and is the highlighted
# line (reverse video, or the selection's background colour).
wait_selected() { _e2e_settled "wait_selected $1" "$2" "${3:-10}" _e2e_line_selected "$1" "$2"; }

# poll_for REGEX [SECONDS]: polls until the screen matches.  Only for what no key
# causes: a change from another session, the server going or coming back, a clock.
poll_for() {
	local re=$1 secs=${2:-10} end
	end=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
	while [ $(( $(date +%s%N) / 1000000 )) -lt "$end" ]; do
		screen | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	echo "# poll_for: /$re/ did not appear within ${secs}s"
	dump_screen
	return 1
}

# poll_gone REGEX [SECONDS]: polls until the screen no longer matches; the
# counterpart of poll_for, for what leaves the screen by no key of this console.
poll_gone() {
	local re=$1 secs=${2:-10} end
	end=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
	while [ $(( $(date +%s%N) / 1000000 )) -lt "$end" ]; do
		screen | grep -Eq -- "$re" || return 0
		sleep 0.05
	done
	echo "# poll_gone: /$re/ still there after ${secs}s"
	dump_screen
	return 1
}

# psql_until WANT SECONDS DB SQL: asks DB the SQL (one value, such as a count of
# server processes waiting on a lock) every 50 ms until it answers WANT, for
# SECONDS at most; prints the last answer.  For the server's side of what a key
# set going, which no screen shows.
psql_until() {
	local want=$1 secs=$2 db=$3 sql=$4 got end
	end=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
	while :; do
		got=$(psql -XAtq -d "$db" -c "$sql")
		[ "$got" = "$want" ] && break
		[ $(( $(date +%s%N) / 1000000 )) -lt "$end" ] || break
		sleep 0.05
	done
	echo "$got"
}

# line_of TEXT: the screen's first line that has TEXT (a regex), by number.
line_of() { screen | grep -n -- "$1" | head -1 | cut -d: -f1; }
# in_order TEXT...: each shows on a line below the one before.
in_order() {
	local prev=0 l
	for t in "$@"; do
		l=$(line_of "$t")
		[ -n "$l" ] && [ "$l" -gt "$prev" ] || { echo "# '$t' not below line $prev"; dump_screen; return 1; }
		prev=$l
	done
}

e2e_exited() {
	local secs=${1:-10} end
	end=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
	while [ $(( $(date +%s%N) / 1000000 )) -lt "$end" ]; do
		if [ -s "$(_e2e_status_file)" ]; then
			E2E_STATUS=$(cat "$(_e2e_status_file)")
			return 0
		fi
		sleep 0.05
	done
	echo "# e2e_exited: still running after ${secs}s"
	dump_screen
	return 1
}

# The terminal modes after the program ended ("stty -a").
e2e_stty() { cat "$(_e2e_status_file).stty" 2>/dev/null; }

# e2e_record FILE: appends what the program writes to its terminal from now on.
e2e_record() { _e2e_tmux pipe-pane -o -t "$E2E_T" "cat >> '$1'"; }

# The screen with its attributes, as escape sequences.
screen_attrs() { _e2e_tmux capture-pane -p -e -t "$E2E_T"; }

# The pane's title (what an OSC 0 sequence would change).
pane_title() { _e2e_tmux display-message -p -t "$E2E_T" '#{pane_title}'; }

# The pane's process tree: the program's pid (for signals and memory readings).
e2e_pid() {
	local shell
	shell=$(_e2e_tmux list-panes -t "$E2E_T" -F '#{pane_pid}')
	pgrep -P "$shell" -f "${1:-backdesk}" | head -n 1
}

# The orders list's find (/), then Enter on the line found: the order screen.
open_order() {
	keys /
	typetext "$1"
	keys Enter
	wait_idle && keys Enter && wait_for "Order $1" && wait_for "^ Where is it"
}

# On an open order: a, then a new shipping address typed into the form and not
# saved (the two-console version conflict's first half).
type_new_address() {
	keys a
	wait_for "Change the shipping address" >/dev/null || return 1
	typetext "Yeni Sokak 5"
	keys Tab Tab
	typetext "Eskişehir"
	keys Tab Tab
	typetext "TR"
}

# On open order $1: x, a reason, F2 and yes to the refund question.
cancel_open_order() {
	keys x
	wait_for "Cancel order" >/dev/null || return 1
	typetext "Müşteri vazgeçti"
	keys F2
	wait_for "Cancel $1: refund" >/dev/null || return 1
	keys y
}

# need_locales LOC...: bails out unless every locale is installed (the tests in
# Turkish and Hungarian need them; tools/locales.sh, run by make deps, makes them).
need_locales() {
	local loc
	for loc in "$@"; do
		if ! locale -a 2>/dev/null | grep -qix "${loc%.UTF-8}.utf8"; then
			echo "Bail out! the locale $loc is not installed: tools/locales.sh (make deps) makes it"
			exit 1
		fi
	done
}
