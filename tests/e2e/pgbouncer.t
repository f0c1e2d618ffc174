#!/bin/bash
# The console behind PgBouncer in transaction pooling mode: the work connection
# through the pooler (auth_query over pooler.user_secret, 0025), the LISTEN
# connection straight to the server (--listen-dsn).  The lookup, an order action
# with a version conflict, a live refresh and Esc on a slow query all work through
# it, each login keeps its own identity, and the pooler really carries the work.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 24

PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
[ -x "$PGBOUNCER" ] || { echo "Bail out! pgbouncer is not installed (make deps)"; exit 1; }

newdb e2e_pgbouncer; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
order=$(psql -XAt -d "$db" -c "SELECT o.number FROM backdesk.orders o WHERE o.status = 'paid'
    AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id) ORDER BY o.id LIMIT 1")

# Roles are the cluster's, shared with the tests running beside this one: the
# staff get passwords (nobody else checks them: the socket trusts), PgBouncer's
# auth_user is this test's own.
auth_user=bd_pgb_auth_$$
psql -XqAt -d "$db" -v ON_ERROR_STOP=1 >/dev/null <<SQL || { echo "Bail out! cannot set up the roles"; exit 1; }
ALTER ROLE ayse PASSWORD 'ayse-pw';
ALTER ROLE can PASSWORD 'can-pw';
ALTER ROLE mehmet PASSWORD 'mehmet-pw';
CREATE ROLE $auth_user LOGIN IN ROLE backdesk_pooler;
SQL
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS $auth_user'"

# PgBouncer will not run as root: as root it runs as postgres, its files in a
# folder of its own that postgres may write.
dir=$BACKDESK_TEST_TMP/pgbouncer.$$
mkdir -p "$dir"
as_pgb() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
stop_pgb() {
	local pid
	pid=$(cat "$dir/pgbouncer.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null
	for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.05; done
	kill -9 "$pid" 2>/dev/null
}
at_exit stop_pgb
start_pgb() {
	local try
	for try in 1 2 3 4 5; do
		port=$(perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1:0")->sockport')
		cat > "$dir/pgbouncer.ini" <<INI
[databases]
$db = host=$PGHOST port=$PGPORT dbname=$db
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
pool_mode = transaction
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
auth_user = $auth_user
auth_query = SELECT usename, passwd FROM pooler.user_secret(\$1)
admin_users = pgb_admin
server_reset_query =
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
		echo '"pgb_admin" "admin-pw"' > "$dir/userlist.txt"
		[ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pgbouncer.ini" "$dir/userlist.txt"
		as_pgb "$PGBOUNCER" -d "$dir/pgbouncer.ini" 2>>"$dir/start.err" && pgb_ready && return 0
		stop_pgb
		sleep 0.1
	done
	return 1
}
# With -d PgBouncer returns before it listens (and a port taken meanwhile kills
# it after that): ready when its own console answers, gone when its pid is.
pgb_ready() {
	local pid
	for _ in $(seq 200); do
		PGPASSWORD=admin-pw PGCONNECT_TIMEOUT=2 psql -XAt -h 127.0.0.1 -p "$port" -U pgb_admin \
			-d pgbouncer -c "SHOW VERSION" >/dev/null 2>&1 && return 0
		pid=$(cat "$dir/pgbouncer.pid" 2>/dev/null)
		[ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && return 1
		sleep 0.05
	done
	return 1
}
start_pgb || { echo "Bail out! pgbouncer did not start:"; sed 's/^/# /' "$dir/start.err" "$dir/pgbouncer.log" 2>/dev/null; exit 1; }
direct="host=$PGHOST port=$PGPORT"
# admin SQL: PgBouncer's own console.
admin() { PGPASSWORD=admin-pw psql -XAt -h 127.0.0.1 -p "$port" -U pgb_admin -d pgbouncer -c "$1"; }
# through LOGIN PASSWORD SQL: psql as a staff member, through the pooler.
through() { PGPASSWORD=$2 psql -XAt -h 127.0.0.1 -p "$port" -U "$1" -d "$db" -c "$3" 2>&1; }

ok '[ "$(through ayse ayse-pw "SELECT session_user")" = ayse ]' \
	"an agent logs in through the pooler with her password (auth_query), as herself"
like "$(through ayse wrong "SELECT 1")" "authentication failed" "a wrong password is refused by the pooler"

console() { # NAME LOGIN PASSWORD
	E2E_T=$1 e2e_start 100x24 PGHOST=127.0.0.1 PGPORT="$port" PGDATABASE="$db" PGUSER="$2" \
		PGPASSWORD="$3" -- "$BACKDESK" --listen-dsn "$direct"
}
console ayse ayse ayse-pw
E2E_T=ayse; ok 'wait_for "Ayşe Yılmaz \(agent\)"' "the console is up through the pooler, as Ayşe"
ok 'wait_for "^[A-Z][A-Z]-[0-9]+ "' "with the orders list"

# The work connection is PgBouncer's client; the LISTEN connection is the server's.
clients=$(admin "SHOW CLIENTS" | awk -F'|' -v db="$db" '$2 == "ayse" && $3 == db { n++ } END { print n + 0 }')
is "$clients" 1 "PgBouncer has exactly one client of Ayşe's: the work connection"
like "$(admin "SHOW POOLS" | awk -F'|' -v db="$db" '$1 == db && $2 == "ayse"')" "\|transaction$" \
	"in a pool of her own, in transaction mode"
# Ayşe's backends that PgBouncer does not hold as its server connections: the
# console's own, straight to the server.
pooled=$(PGPASSWORD=admin-pw psql -XA -F'|' -h 127.0.0.1 -p "$port" -U pgb_admin -d pgbouncer -c "SHOW SERVERS" |
	awk -F'|' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	           col["remote_pid"] && $col["user"] == "ayse" { printf "%s,", $col["remote_pid"] }')
# (Of this database: the tests beside this one log in as Ayşe to their own.)
is "$(psql -XAt -d "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE usename = 'ayse'
      AND datname = current_database() AND pid <> ALL ('{${pooled%,}}'::int[])")" 1 \
	"and one connection of hers goes to the server itself (the LISTEN connection)"

# The lookup.
keys g
typetext "sukru ozturk"
ok 'wait_for "customer +Şükrü Öztürk"' "the lookup finds a customer through the pooler"
keys Enter
ok 'wait_for "Customer Şükrü Öztürk"' "and opens him"
keys Escape
wait_for "^Order +Placed" >/dev/null || keys Escape

# A live refresh: a change made elsewhere shows on the list by itself.
newest=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.orders ORDER BY placed_at DESC, id DESC LIMIT 1")
psql -XqAt -d "$db" -c "UPDATE backdesk.orders SET status = 'packed', version = version + 1 WHERE number = '$newest'"
ok 'poll_for "^$newest .* packed "' "a change made in psql shows up by itself (NOTIFY on the direct connection)"

# An order action with a version conflict: Can (through the pooler too) types a new
# address while Ayşe cancels the order.
open_order() {
	keys /
	typetext "$order"
	keys Enter
	wait_idle && keys Enter
}
console can can can-pw
E2E_T=can; ok 'wait_for "Can Arslan \(agent\)"' "Can's console is up through the pooler beside it"
E2E_T=ayse; open_order
ok 'wait_for "Order $order" && wait_for "^ Where is it"' "Ayşe opens $order"
E2E_T=can; open_order
wait_for "Order $order" >/dev/null
type_new_address
E2E_T=ayse
cancel_open_order "$order"
ok 'wait_for "cancelled; what was paid is refunded"' "Ayşe cancels it"
E2E_T=can
keys F2
ok 'wait_for "changed by Ayşe Yılmaz at [0-9]{2}:[0-9]{2}"' "Can's save is refused: changed by Ayşe Yılmaz"
is "$(psql -XAt -d "$db" -c "SELECT actor FROM backdesk.audit_log WHERE action = 'order.cancel' ORDER BY id DESC LIMIT 1")" ayse \
	"the audit log names Ayşe, not the pooler: the server saw her login"

# Identity: the warehouse stays the warehouse through the pooler.
E2E_T=can; keys F10; e2e_exited 5 >/dev/null
console mehmet mehmet mehmet-pw
E2E_T=mehmet; ok 'wait_for "Mehmet Demir \(warehouse\)"' "a warehouse login's console says warehouse"
version=$(psql -XAt -d "$db" -c "SELECT version FROM backdesk.orders WHERE number = '$newest'")
like "$(through mehmet mehmet-pw "SELECT api.cancel_order('$newest', 'test', $version)")" "BD001|not allowed" \
	"and the database refuses the warehouse login a cancel through the pooler"

# Without --listen-dsn the LISTEN connection goes through the pool too: its LISTENs
# last only as long as the pool lets them, and the console says so.
E2E_T=nolisten
e2e_start 100x24 PGHOST=127.0.0.1 PGPORT="$port" PGDATABASE="$db" PGUSER=can \
	PGPASSWORD=can-pw -- "$BACKDESK"
ok 'wait_for "live updates may not arrive: the LISTEN connection goes through a"' \
	"a console whose LISTEN connection goes through the pooler says live updates may not arrive"
like "$(screen)" "listen_dsn" "and how to reach the server directly"
keys F10; e2e_exited 5 >/dev/null
E2E_T=ayse
ok '! screen | grep -q "live updates may not arrive"' "Ayşe's console, LISTENing on the server itself, says nothing of the kind"

# Esc on a slow query: the cancel request goes through the pooler to the server.
E2E_T=ayse
keys Escape
wait_for "^Order +Placed" >/dev/null || keys Escape
PGAPPNAME=bd-locker psql -XqAt -d "$db" -c "BEGIN; LOCK TABLE backdesk.orders IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(30)" >/dev/null 2>&1 &
locker=$!
at_exit "kill $locker"
for _ in $(seq 600); do
	[ "$(psql -XAt -d "$db" -c "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
	     WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
	       AND c.relname = 'orders' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ] && break
	sleep 0.05
done
# waiting N: how many of Ayşe's queries wait on a lock, once that is N (2 s at most).
waiting() {
	psql_until "$1" 2 "$db" "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
	    AND usename = 'ayse' AND wait_event_type = 'Lock'"
}
keys F5
ok 'poll_for "working · Esc cancels" 3' "a slow load through the pooler shows the spinner"
is "$(waiting 1)" 1 "while its query waits on the server"
keys Escape
ok 'wait_for "cancelled; F5 loads it again"' "Esc cancels it"
is "$(waiting 0)" 0 "the server stopped the query: the cancel request went through the pooler"
