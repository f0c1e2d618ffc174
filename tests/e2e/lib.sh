# End-to-end tests: the real program in a private tmux server.  `source` after
# tests/lib/tap.sh.
#
#   e2e_start COLSxROWS [ENV=VALUE...] -- COMMAND...   start it in a fresh tmux server
#   keys KEY...                 tmux send-keys (names like Enter, Escape, PageDown, C-l)
#   typetext TEXT               literal text
#   wait_for REGEX [SECONDS]    poll the screen until REGEX shows (default 10 s)
#   wait_gone REGEX [SECONDS]   poll until it no longer shows
#   wait_attrs REGEX [SECONDS]  poll the screen with its attributes (escape sequences)
#   screen                      the screen as text now
#   resize COLSxROWS
#   e2e_exited [SECONDS]        wait for the program to end; its status in $E2E_STATUS
#
# Never a fixed sleep: every wait polls the screen.  On failure the screen is dumped
# into the TAP output, and the server is always killed at exit.

E2E_SOCK=bd-e2e-$$-$RANDOM
# Which console the functions talk to; a test with two consoles switches it.
E2E_T=e2e
E2E_STATUS=
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
	# The pane's shell records the exit status and the terminal modes the program
	# left behind (to prove it restored them), then waits so the last screen stays
	# readable.
	rm -f "$status_file.stty"
	_e2e_tmux new-session -d -x "$cols" -y "$rows" -s "$E2E_T" \
		env LANG=C.UTF-8 LC_ALL=C.UTF-8 "${envs[@]+"${envs[@]}"}" \
		bash -c '"$@"; rc=$?; stty -a > '"$status_file.stty"'; echo $rc > '"$status_file"'; echo "[exited $rc]"; sleep 3600' bash "$@"
	_e2e_tmux set-option -t "$E2E_T" status off >/dev/null
}

_e2e_status_file() { echo "$BACKDESK_TEST_TMP/e2e-status.$E2E_SOCK.$E2E_T"; }

keys() { _e2e_tmux send-keys -t "$E2E_T" "$@"; }
typetext() { _e2e_tmux send-keys -t "$E2E_T" -l -- "$1"; }
screen() { _e2e_tmux capture-pane -p -t "$E2E_T"; }
resize() { _e2e_tmux resize-window -t "$E2E_T" -x "${1%x*}" -y "${1#*x}"; }

dump_screen() {
	echo "# --- screen ---"
	screen | sed 's/^/# |/'
	echo "# --------------"
}

# wait_for REGEX [SECONDS]: true once the screen matches; dumps it when it never does.
wait_for() {
	local re=$1 secs=${2:-10} end
	end=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
	while [ $(( $(date +%s%N) / 1000000 )) -lt "$end" ]; do
		screen | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	echo "# wait_for: /$re/ did not appear within ${secs}s"
	dump_screen
	return 1
}

# wait_selected N REGEX [SECONDS]: until line N matches and is the highlighted line
# (reverse video, or the selection's background colour).  A find puts the order it
# found on the list's first line (line 3) with the cursor on it: waiting for that,
# not for the number anywhere on screen, is what makes the next Enter open it.
wait_selected() {
	local n=$1 re=$2 secs=${3:-10} end
	end=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
	while [ $(( $(date +%s%N) / 1000000 )) -lt "$end" ]; do
		if screen | sed -n "${n}p" | grep -Eq -- "$re" &&
		   screen_attrs | sed -n "${n}p" | grep -Eq $'\e\\[([0-9;]*;)?(7|46)(;[0-9;]*)?m'; then
			return 0
		fi
		sleep 0.05
	done
	echo "# wait_selected: line $n never matched /$re/ highlighted within ${secs}s"
	dump_screen
	return 1
}

# wait_attrs REGEX [SECONDS]: like wait_for, on the screen with its attributes (a
# highlight drawn for the final text, not for what was typed a moment before).
wait_attrs() {
	local re=$1 secs=${2:-10} end
	end=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
	while [ $(( $(date +%s%N) / 1000000 )) -lt "$end" ]; do
		screen_attrs | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	echo "# wait_attrs: /$re/ did not appear within ${secs}s"
	dump_screen
	return 1
}

wait_gone() {
	local re=$1 secs=${2:-10} end
	end=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
	while [ $(( $(date +%s%N) / 1000000 )) -lt "$end" ]; do
		screen | grep -Eq -- "$re" || return 0
		sleep 0.05
	done
	echo "# wait_gone: /$re/ still there after ${secs}s"
	dump_screen
	return 1
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
