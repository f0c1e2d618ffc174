#!/bin/bash
# Quitting from every state, under the sanitizers (the suite runs build-san): while
# the first connection hangs, after a login refused for good, with a query in flight,
# in a dialog, and during a call.  Each time: the exit status, the terminal given
# back (icanon), and no ASan or UBSan report.  And q asks first when something
# would be lost, naming it; a refused login says why on stderr and exits 1.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 31

newdb e2e_quit; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }

san=$BACKDESK_TEST_TMP/quit-san.$$
mkdir -p "$san"
sanenv=("ASAN_OPTIONS=${ASAN_OPTIONS:-}:log_path=$san/asan" "UBSAN_OPTIONS=${UBSAN_OPTIONS:-}:log_path=$san/ubsan")
no_report() { # no_report WHAT: no sanitizer log appeared
	local f
	f=$(ls "$san" 2>/dev/null)
	if [ -n "$f" ]; then
		echo "# sanitizer report after $1:"
		sed 's/^/#   /' "$san"/* | head -40
		rm -f "$san"/*
		return 1
	fi
}
# The top dialog's words on one line (the widest stretch between borders on each
# line): its text wraps.
said() { screen | awk -F'│' 'NF >= 3 { m = ""; for (i = 1; i <= NF; i++) if (length($i) > length(m)) m = $i; print m }' | tr -s ' \n' '  ' | grep -Eq -- "$1" || { dump_screen; return 1; }; }
ended() { # ended WANT WHAT: exited with WANT, terminal restored, no report
	e2e_exited 10 || { ok false "$2: exited"; ok false "$2: terminal"; ok false "$2: no report"; return; }
	is "$E2E_STATUS" "$1" "$2: exits with $1"
	like "$(e2e_stty)" "(^| )icanon( |$)" "$2: the terminal is restored"
	ok 'no_report "$2"' "$2: no sanitizer report"
}

E2E_T=state1
# 1. Connecting: a server that accepts the connection and never answers.
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
print(s.getsockname()[1], flush=True)
time.sleep(120)' >"$san.port" &
silent=$!
at_exit kill "$silent"
for i in $(seq 100); do [ -s "$san.port" ] && break; sleep 0.05; done
e2e_start 80x24 "${sanenv[@]}" PGHOST=127.0.0.1 PGPORT="$(cat "$san.port")" PGDATABASE="$db" PGUSER=ayse \
	PGCONNECT_TIMEOUT=0 -- "$BACKDESK"
ok 'poll_for "connecting…" 10' "connecting: the screen opens and says connecting…"
keys q
ended 0 "quit while connecting"

E2E_T=state2
# 2. A login the server does not know: no screen, the reason on stderr, exit 1.
err=$san.stderr
e2e_start 80x24 "${sanenv[@]}" PGDATABASE="$db" PGUSER=no_such_agent -- \
	bash -c 'exec "$0" 2>"$1"' "$BACKDESK" "$err"
ended 1 "a refused login"
like "$(cat "$err")" "role \"no_such_agent\" does not exist" "the reason is libpq's, on stderr"
like "$(cat "$err")" "trying again will not help" "in plain words"
ok '! screen | grep -Eq "DISCONNECTED|reconnecting"' "and no screen reconnecting for ever"

E2E_T=state3
# 3. Mid-query: the orders list waits for a lock another session holds.
PGAPPNAME=quit-locker psql -XAtq -d "$db" -c "BEGIN; LOCK TABLE backdesk.orders IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60)" \
	>/dev/null 2>&1 &
locker=$!
at_exit kill "$locker"
for i in $(seq 100); do
	[ "$(psql -XAt -d "$db" -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
		WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		  AND c.relname = 'orders' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ] && break
	sleep 0.05
done
e2e_start 80x24 "${sanenv[@]}" PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
ok 'poll_for "working · Esc cancels" 10' "mid-query: the list's query is in flight"
keys q
ended 0 "quit with a query in flight"
# The backend sleeps on without its client: end it on the server.
psql -XAtq -d "$db" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	WHERE datname = current_database() AND application_name = 'quit-locker'" >/dev/null
wait "$locker" 2>/dev/null

E2E_T=state4
# 4. In a dialog: a note typed, F10 closes the dialog (the draft is kept), F10 again
# asks, naming the draft; n stays, and the draft is still there.
e2e_start 80x24 "${sanenv[@]}" PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys /
typetext SO-100234
keys Enter
wait_idle
keys Enter
wait_for "Order SO-100234" >/dev/null
keys n
typetext "Müşteri tekrar arayacak"
keys F10 F10
ok 'wait_idle && said "Quit\? That would lose the draft of “Internal note” on SO-100234\. y quits, n stays"' \
	"F10 twice in a dialog asks, naming the draft"
keys n
keys n
ok 'wait_for "Müşteri tekrar arayacak"' "n stays, and the draft is shown again"
keys F10 F10 y
ended 0 "quit from a dialog, confirmed"

E2E_T=state5
# 5. During a call: q asks, naming the caller.
e2e_start 80x24 "${sanenv[@]}" PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys /
typetext SO-100234
keys Enter
wait_idle
keys Enter
wait_for "Order SO-100234" >/dev/null
keys c
wait_for "call: Şükrü Öztürk" >/dev/null
keys q
ok 'wait_idle && said "Quit\? That would lose the call with Şükrü Öztürk \(in progress\)\. y quits, n stays"' \
	"q during a call asks, naming the call"
ok 'grep -q "\[ Quit \]  \[ Stay \]" <<<"$(screen)"' "its buttons say Quit and Stay"
keys Enter
ok 'wait_for "call: Şükrü Öztürk" && wait_gone "Quit\?"' "Enter takes the answer offered, Stay"
keys q
wait_for "Quit\?" >/dev/null
keys n
ok 'wait_for "call: Şükrü Öztürk"' "n stays: the call goes on"
keys q y
ended 0 "quit during a call, confirmed"

# 6. Refused later: the login may no longer log in, and its connections are ended.
# The console does not reconnect for ever: it ends with exit 1 and says why once
# the terminal is back.
E2E_T=state6
login=quit_late_$$
psql -XAtq -d "$db" -c "CREATE ROLE $login LOGIN IN ROLE backdesk_agent" >/dev/null
at_exit psql -XAtq -d "$db" -c "DROP ROLE IF EXISTS $login"
e2e_start 80x24 "${sanenv[@]}" PGDATABASE="$db" PGUSER="$login" -- \
	bash -c 'exec "$0" 2>"$1"' "$BACKDESK" "$err.late"
wait_for "connected" >/dev/null
psql -XAtq -d "$db" -c "ALTER ROLE $login NOLOGIN" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	WHERE usename = '$login'" >/dev/null
ended 1 "a login refused after it worked"
like "$(cat "$err.late")" "role \"$login\" is not permitted to log in" "the reason is on stderr"
like "$(e2e_stty)" "(^| )icanon( |$)" "after the screen was given back"
