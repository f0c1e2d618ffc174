# Real concurrency for shell tests: separate psql sessions held at a barrier (an
# advisory lock held by one more session, taken shared by each client) and let go at
# the same moment.  `source` it after tap.sh, with $db (the database), $tmp (a folder
# for the clients' output) and q() (psql on $db) defined.
#   barrier KEY; client NAME LOGIN SQL ...; go N; rcs PREFIX; ids PREFIX

dboid=$(q -c "SELECT oid FROM pg_database WHERE datname = current_database()")
holder_app=bd_race_holder_$$

# wait_for SQL WANT: poll until SQL returns WANT (20 s at most).
wait_for() {
	local i got
	for ((i = 0; i < 400; i++)); do
		got=$(q -c "$1")
		[ "$got" = "$2" ] && return 0
		sleep 0.05
	done
	diag "waited in vain for '$2' from: $1 (last: $got)"
	return 1
}

# barrier KEY: one session takes advisory lock KEY and sleeps holding it.
barrier() {
	key=$1
	clients=()
	PGAPPNAME=$holder_app psql -XAtq -d "$db" -c "SELECT pg_advisory_lock($key)" -c "SELECT pg_sleep(300)" \
		>/dev/null 2>&1 &
	holder=$!
	wait_for "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = $dboid
	          AND objid = $key AND granted" 1
}
# client NAME LOGIN SQL: waits at the barrier, then runs SQL as LOGIN; NAME.out/.err/.rc
client() {
	(
		psql -XAtq -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d "$db" -U "$2" \
			-c "SELECT pg_advisory_lock_shared($key)" -c "$3" >"$tmp/$1.out" 2>"$tmp/$1.err"
		echo $? >"$tmp/$1.rc"
	) &
	clients+=($!)
}
# go N: once N clients wait at the barrier, let them all go at once; wait for them.
go() {
	local ok=0
	wait_for "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = $dboid
	          AND objid = $key AND NOT granted" "$1" || ok=1
	q -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '$holder_app'" >/dev/null
	wait "$holder" 2>/dev/null
	wait "${clients[@]}"
	return $ok
}
# What the clients got: their return codes, the ids they printed, their errors.
rcs() { cat "$tmp"/$1*.rc | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}' | sed 's/ $//'; }
ids() { cat "$tmp"/$1*.out | grep -E '^[0-9]+$'; }

