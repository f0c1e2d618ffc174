#!/bin/bash
# The SSH connection drops: the terminal goes away (SIGHUP), and the console ends
# within a second, cleanly, without leaving a process behind.  And SIGTERM from a
# supervisor's `kill` ends it the same way.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 5

newdb e2e_hangup; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }

# Ended: no such process, or a zombie whose parent (the pane's shell, hung up too)
# is gone and whom this machine's init reaps at its own pace.
running() { case "$(ps -o stat= -p "$1" 2>/dev/null)" in ''|Z*) return 1 ;; esac; }
gone_within() { # gone_within PID MS
	local end=$(( $(date +%s%N) / 1000000 + $2 ))
	while running "$1"; do
		[ $(( $(date +%s%N) / 1000000 )) -lt "$end" ] || return 1
		sleep 0.02
	done
}

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
wait_for "^Order +Placed" >/dev/null
pid=$(e2e_pid)
ok '[ -n "$pid" ]' "the console runs (pid $pid)"
# Killing the session hangs up its terminal, as sshd does when the link drops.
_e2e_tmux kill-session -t "$E2E_T"
ok 'gone_within "$pid" 1000' "a lost terminal ends it within a second"
# The server notices a closed socket at once; give its backends a moment to exit.
backends() { psql -XAt -d "$db" -c "SELECT count(*) FROM pg_stat_activity
	WHERE datname = current_database() AND application_name = 'backdesk'"; }
for i in $(seq 50); do [ "$(backends)" = 0 ] && break; sleep 0.05; done
is "$(backends)" 0 "and its database connections are closed"

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
wait_for "^Order +Placed" >/dev/null
kill -TERM "$(e2e_pid)"
ok 'e2e_exited 2' "SIGTERM ends it"
like "$(e2e_stty)" "(^| )icanon( |$)" "with the terminal restored"
