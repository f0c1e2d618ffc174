#!/bin/bash
# [database] dashboard_dsn: a supervisor's dashboard reads from a streaming
# replica (its own connection, application_name "backdesk dashboard"), LISTEN stays
# on the primary, an agent opens no such connection, and while the replica is
# down the dashboard reads from the primary and says so.  A private primary and
# standby of their own, so that no other test's databases are copied.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 12

bin=$(pg_config --bindir 2>/dev/null)
[ -x "$bin/initdb" ] || bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
dir=$BACKDESK_TEST_TMP/rep.$$
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
port=5432
pg_start() { # DATA SOCKDIR
	as_pg "$bin/pg_ctl" -D "$1" -l "$1.log" -w -t 60 \
		-o "-c listen_addresses='' -k $2 -p $port -c fsync=off" start >/dev/null
}
pg_stop() { as_pg "$bin/pg_ctl" -D "$1" -m fast -w stop >/dev/null 2>&1; }
at_exit "pg_stop $dir/p"
at_exit "pg_stop $dir/s"
as_pg mkdir -p "$dir/ps" "$dir/ss"
as_pg "$bin/initdb" -D "$dir/p" -A trust -U postgres --no-sync >/dev/null 2>&1 &&
	pg_start "$dir/p" "$dir/ps" ||
	{ echo "Bail out! the primary did not start"; sed 's/^/# /' "$dir/p.log"; exit 1; }
primary() { PGHOST=$dir/ps PGPORT=$port PGUSER=postgres PGDATABASE=shop "$@"; }
standby() { PGHOST=$dir/ss PGPORT=$port PGUSER=postgres PGDATABASE=shop "$@"; }
primary createdb shop && primary "$BACKDESK" migrate >/dev/null && primary "$BACKDESK" seed --demo >/dev/null ||
	{ echo "Bail out! cannot make the primary's database"; exit 1; }
as_pg "$bin/pg_basebackup" -h "$dir/ps" -p $port -U postgres -D "$dir/s" -R -X stream -c fast --no-sync &&
	pg_start "$dir/s" "$dir/ss" ||
	{ echo "Bail out! the standby did not start"; sed 's/^/# /' "$dir/s.log"; exit 1; }
ok '[ "$(standby psql -XAtc "SELECT pg_is_in_recovery()")" = t ]' "the standby is a standby"

cat > "$dir/backdesk.ini" <<INI
[database]
dashboard_dsn = host=$dir/ss target_session_attrs=prefer-standby
INI
console() { # NAME LOGIN
	E2E_T=$1 e2e_start 100x30 PGHOST="$dir/ps" PGPORT=$port PGDATABASE=shop PGUSER="$2" \
		-- "$BACKDESK" --config "$dir/backdesk.ini"
}
# Connections of LOGIN on the standby named "backdesk dashboard", after a moment.
reads_on_standby() {
	local n
	for _ in $(seq 100); do
		n=$(standby psql -XAtc "SELECT count(*) FROM pg_stat_activity
			WHERE usename = '$1' AND application_name = 'backdesk dashboard'")
		[ "$n" -gt 0 ] && break
		sleep 0.05
	done
	echo "$n"
}

console sup zsofia
E2E_T=sup; ok 'wait_for "Zsófia .*\(supervisor\)"' "a supervisor's console is up"
ok '[ "$(reads_on_standby zsofia)" -gt 0 ]' "her dashboard's reads have a connection of their own on the standby"
is "$(primary psql -XAtc "SELECT count(*) FROM pg_stat_activity
	WHERE usename = 'zsofia' AND application_name = 'backdesk'")" 2 \
	"her work and LISTEN connections stay on the primary"

# Her dashboard (tab 5 for a supervisor) shows the standby's counts; a change on
# the primary reaches it through the primary's NOTIFY and the standby's data.
shown() { screen | sed -n "s/^.*$1  *\([0-9][0-9]*\)\( .*\)\?$/\1/p" | head -1; }
keys 5
ok 'wait_for "Unassigned +[0-9]+"' "her dashboard is up"
unassigned=$(shown Unassigned)
is "$unassigned" "$(standby psql -XAtc "SELECT count(*) FROM backdesk.tickets
	WHERE assignee_id IS NULL AND status IN ('new', 'open', 'pending', 'on_hold')")" \
	"its unassigned count is the standby's"
primary psql -XAtqc "UPDATE backdesk.tickets SET assignee_id = (SELECT id FROM backdesk.staff WHERE login = 'ayse')
	WHERE id = (SELECT min(id) FROM backdesk.tickets WHERE assignee_id IS NULL
	            AND status IN ('new', 'open', 'pending', 'on_hold'))"
ok 'poll_for "Unassigned +$((unassigned - 1))( |$)" 3' \
	"a ticket assigned on the primary: the dashboard shows it, read on the standby, within 3 s"

console agent ayse
E2E_T=agent; ok 'wait_for "Ayşe Yılmaz \(agent\)"' "an agent's console is up"
is "$(reads_on_standby ayse)" 0 "an agent, who has no dashboard, opens no connection to the standby"

pg_stop "$dir/s"
E2E_T=sup; ok 'poll_for "replica cannot be reached" 10' \
	"the standby stops: the message line says the dashboard reads from the primary"
primary psql -XAtqc "UPDATE backdesk.tickets SET assignee_id = (SELECT id FROM backdesk.staff WHERE login = 'ayse')
	WHERE id = (SELECT min(id) FROM backdesk.tickets WHERE assignee_id IS NULL
	            AND status IN ('new', 'open', 'pending', 'on_hold'))"
ok 'poll_for "Unassigned +$((unassigned - 2))( |$)" 3' \
	"and a change meanwhile still shows, read on the primary"
pg_start "$dir/s" "$dir/ss"
ok 'poll_for "replica is back" 40' "the standby is back: so is the dashboard's connection to it"
