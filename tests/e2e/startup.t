#!/bin/bash
# Start: the first screen's data comes in one round trip on the work connection
# (the first page, who am I, the migration history and the lists, in one pipeline),
# the LISTENs in one on the listen connection, made once that round trip is over,
# and the data shows without waiting for the listen connection at all, nor for who
# am I.  Once the LISTENs are in place the page is read again.  The console talks to the server through
# tests/lib/pgtrips.py, a loopback proxy that writes down every round trip (every
# Sync or simple Query) of every connection.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 18

newdb e2e_startup; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
newest=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.orders ORDER BY placed_at DESC, id DESC LIMIT 1")

tmp=$BACKDESK_TEST_TMP/startup.$$
mkdir -p "$tmp"
proxy() { # proxy NAME [HOLD_FROM]: starts one; its port in $REPLY, its log $tmp/NAME.log
	: >"$tmp/$1.log"
	PGTRIPS_CHARS=2000 python3 "$BACKDESK_ROOT/tests/lib/pgtrips.py" "$PGHOST/.s.PGSQL.$PGPORT" \
		"$tmp/$1.log" ${2:+"$2"} >"$tmp/$1.port" &
	at_exit kill $!
	for i in $(seq 100); do [ -s "$tmp/$1.port" ] && break; sleep 0.05; done
	REPLY=$(cat "$tmp/$1.port")
}
# The round trips of the connection that asked NEEDLE (a statement's start, e.g.
# "SELECT w.login"), as "statements statement | statement..." lines.
trips_of() {
	local conn
	conn=$(grep -F -- "$2" "$1" | head -1 | cut -d' ' -f1)
	[ -n "$conn" ] && awk -v c="$conn" '$1 == c { $1 = ""; print substr($0, 2) }' "$1"
}

# 1. Everything goes through: count the round trips up to the first screen.
proxy all; port=$REPLY
e2e_start 80x24 PGHOST=127.0.0.1 PGPORT="$port" PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
ok 'wait_for "Ayşe Yılmaz \(agent\)" && wait_for "^$newest "' "the first screen: who, and the newest order first"
# Then the next page read ahead (the first asks for the screen's rows only), the
# listen connection, and once its LISTENs are in place the page once more.
for _ in $(seq 100); do
	[ "$(trips_of "$tmp/all.log" "SELECT w.login" | grep -c .)" -ge 3 ] && break
	sleep 0.05
done
work=$(trips_of "$tmp/all.log" "SELECT w.login")
listen=$(trips_of "$tmp/all.log" "LISTEN")
is "$(grep -c . <<<"$work")" 3 "the work connection made one round trip for the first screen, one to read ahead, and one more" ||
	echo "$work" | sed 's/^/# /'
# The mark is an empty statement: nothing between its bars.
like "$(head -1 <<<"$work")" "^5 SELECT o.id, .* LIMIT \\\$1 \| \| SELECT w.login.* \| SELECT version, name.* \| SELECT list, code" \
	"the first: the first page, the mark the first frame waits for, who am I, the history and the lists"
like "$(sed -n 2p <<<"$work")" "^1 SELECT \\* FROM \\(SELECT o.id, .* LIMIT \\\$5\\) page ORDER BY" \
	"the second: the next page, read ahead after the screen's rows once they are in"
like "$(sed -n 3p <<<"$work")" "^1 SELECT o.id, .* LIMIT \\\$1$" "the third: the page again"
# Unfiltered and from the top, the first page names no filter nor anchor for a new
# server process to look up and fold away.
ok '! grep -qE " WHERE | page ORDER BY" <<<"$(head -1 <<<"$work" | cut -d"|" -f1)"' \
	"the first page is asked without the filter and anchor it does not have"
# At 80 columns the Parcel column does not fit: its parcels are not read (in a new
# server process the first statement naming shipments reads its catalog entries).
ok '! grep -q "backdesk.shipments" <<<"$(head -1 <<<"$work" | cut -d"|" -f1)"' \
	"the first page does not read the parcels, whose column is off screen"
log_line_of() { grep -nF -- "$1" "$tmp/all.log" | sed -n "${2}p" | cut -d: -f1; }
first=$(log_line_of "SELECT w.login" 1) listened=$(log_line_of "LISTEN" 1) again=$(log_line_of "SELECT o.id, o.placed_at, o.number" 3)
ok '[ -n "$first" ] && [ -n "$listened" ] && [ -n "$again" ] && [ "$first" -lt "$listened" ] && [ "$listened" -lt "$again" ]' \
	"the LISTENs come after the first screen's round trip (their server process starts once it is over), the page again after them (a change made in between is not missed)" ||
	sed 's/^/# /' "$tmp/all.log"
is "$(grep -c LISTEN <<<"$listen")" 1 "the listen connection LISTENs in one round trip" || echo "$listen" | sed 's/^/# /'
like "$(grep LISTEN <<<"$listen")" "^9 (LISTEN \"backdesk_[a-z_]+\" \| ){8}SELECT pg_catalog.pg_backend_pid\(\)$" \
	"to all eight channels (issue 14: backdesk_shipments), and asks which server process holds them (a pooler in between is said)"
keys q
ok 'e2e_exited 10' "q quits"

# 2. The listen connection's server does not answer (the proxy holds every
# connection after the first, which is the work connection: libpq starts it
# first): the first page and who am I show anyway, and the console still says it
# is connecting.
proxy held 2; port=$REPLY
e2e_start 80x24 PGHOST=127.0.0.1 PGPORT="$port" PGDATABASE="$db" PGUSER=ayse PGCONNECT_TIMEOUT=0 -- "$BACKDESK"
ok 'poll_for "^$newest " 10 && poll_for "Ayşe Yılmaz \(agent\)" 5' \
	"the data shows while the listen connection is still being made"
ok 'poll_for "connecting…" 1' "and it says it is still connecting"
keys q
e2e_exited 10 && like "$(e2e_stty)" "(^| )icanon( |$)" "q quits, the terminal restored" ||
	ok false "q quits, the terminal restored"

# 3. Who am I is slow (the first call of a new backend reads catalogs; here it
# waits for a lock the test holds): the first page shows without it, the role
# comes a frame later, and until then no key that needs a role does anything.
psql -XqAt -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<'SQL' || { echo "Bail out! could not gate api.whoami"; exit 1; }
ALTER FUNCTION api.whoami() RENAME TO whoami_gated;
CREATE FUNCTION api.whoami() RETURNS TABLE (login text, full_name text, role text, active boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $b$
BEGIN
	PERFORM pg_advisory_xact_lock_shared(3333);
	RETURN QUERY SELECT * FROM api.whoami_gated();
END $b$;
GRANT EXECUTE ON FUNCTION api.whoami() TO PUBLIC;
SQL
PGAPPNAME=bd-hold-whoami psql -XqAt -d "$db" -c "SELECT pg_advisory_lock(3333); SELECT pg_sleep(60)" >/dev/null 2>&1 &
holder=$!
at_exit "kill $holder"
for _ in $(seq 200); do
	[ "$(psql -XAt -d "$db" -c "SELECT count(*) FROM pg_locks l WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND locktype = 'advisory' AND objid = 3333 AND granted")" = 1 ] && break
	sleep 0.05
done
e2e_start 80x24 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
ok 'poll_for "^$newest " 10' "the first page shows while who am I is still running"
ok '! grep -q "Ayşe Yılmaz" <<<"$(screen)"' "the status line does not name anyone yet"
psql -XqAt -d "$db" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'bd-hold-whoami'" >/dev/null
wait "$holder" 2>/dev/null
ok 'wait_for "Ayşe Yılmaz \(agent\)"' "who am I comes a frame later"
keys q
ok 'e2e_exited 10' "q quits"
