#!/bin/bash
# api.take_next_ticket against its floor, a bare FOR UPDATE SKIP LOCKED pick (issue 12:
# at least 0.9x the floor's transactions per second at 1, 16 and 50 clients).
# pgbench, `-M prepared` (the floor's plan is made once, as the function's are), for
# BENCH_QUEUE_SECONDS each; per client count BENCH_QUEUE_ROUNDS rounds of function and
# floor interleaved ABBA (single runs swing by a quarter on a shared machine), each
# run on a fresh queue: the tickets table emptied, BENCH_QUEUE_SIZE tickets of mixed
# priority and due date, VACUUM ANALYZE and a CHECKPOINT, so no run inherits another's
# dead rows or dirty pages.  The function runs as an agent login; the floor makes the
# same change (assignee, open, version, updated_at) with none of the function's role
# check, staff lookup or audit row, as a login that may write the table because it is
# a member of backdesk_owner (not a superuser).  It happens in a database of its own,
# migrated by BACKDESK and dropped at the end, so the seeded tickets are left alone.
#
#   tests/bench/queue.sh WORKDIR BACKDESK    (PG* points at the cluster; prints Markdown)
# Environment: BENCH_LOGIN (an agent login, required: a role of the cluster), BENCH_SU
# (default $PGUSER), BENCH_QUEUE_SECONDS (5), BENCH_QUEUE_ROUNDS (3), BENCH_QUEUE_SIZE
# (40000), BENCH_QUEUE_CLIENTS ("1 16 50").
set -euo pipefail
shopt -s inherit_errexit
trap 'echo "$0: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
work=$1
BD=$2
login=${BENCH_LOGIN:?an agent login}
su=${BENCH_SU:-${PGUSER:-postgres}}
secs=${BENCH_QUEUE_SECONDS:-5}
rounds=${BENCH_QUEUE_ROUNDS:-3}
size=${BENCH_QUEUE_SIZE:-40000}
clients=${BENCH_QUEUE_CLIENTS:-1 16 50}
qdb=bench_queue_$$
floor_login=bench_queue_floor_$$
say() { echo "bench: $*" >&2; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -U "$su" -d "$qdb" "$@"; }
mkdir -p "$work"

cleanup() {
	psql -XAtq -U "$su" -d postgres -c "DROP DATABASE IF EXISTS $qdb WITH (FORCE)" \
		-c "DROP ROLE IF EXISTS $floor_login" >/dev/null 2>&1 || true
}
trap cleanup EXIT
say "queue: a database of its own ($qdb)"
psql -XAtq -v ON_ERROR_STOP=1 -U "$su" -d postgres -c "CREATE DATABASE $qdb" \
	-c "CREATE ROLE $floor_login LOGIN IN ROLE backdesk_owner" >/dev/null
PGDATABASE=$qdb PGUSER=$su "$BD" migrate >/dev/null
staff=$(q -c "INSERT INTO backdesk.staff (login, full_name, role) VALUES ('$login', 'Bench Agent', 'agent') RETURNING id")
[ "$(q -c "SELECT pg_has_role('$login', 'backdesk_agent', 'USAGE')")" = t ] || { say "$login is not an agent"; exit 1; }

# fresh: an empty table, then the queue: every priority, due dates a minute apart at
# most (ties on the due date happen), already-assigned and pending tickets among them.
fresh() {
	q >/dev/null <<-SQL
	SET client_min_messages = warning;
	TRUNCATE backdesk.tickets, backdesk.audit_log CASCADE;
	SELECT setseed(0.12);
	INSERT INTO backdesk.tickets (channel, category, priority, status, subject, assignee_id,
	                              first_response_due, resolve_due)
	SELECT 'email', 'other', (ARRAY['urgent', 'high', 'normal', 'low'])[1 + floor(random() * 4)::int],
	       CASE WHEN i % 10 = 0 THEN 'pending' WHEN i % 3 = 0 THEN 'open' ELSE 'new' END,
	       'bench ' || i, CASE WHEN i % 7 = 0 THEN $staff END,
	       now() + interval '1 hour', date_trunc('minute', now()) + (random() * 4000)::int * interval '1 minute'
	FROM generate_series(1, $size) i;
	VACUUM ANALYZE backdesk.tickets;
	VACUUM ANALYZE backdesk.audit_log;
	CHECKPOINT;
	SQL
}
queued() { q -c "SELECT count(*) FROM backdesk.tickets WHERE assignee_id IS NULL AND status IN ('new', 'open')"; }

echo 'SELECT api.take_next_ticket();' > "$work/take.sql"
cat > "$work/floor.sql" <<-'SQL'
UPDATE backdesk.tickets SET assignee_id = :staff, status = 'open', version = version + 1, updated_at = now()
WHERE id = (SELECT id FROM backdesk.tickets WHERE assignee_id IS NULL AND status IN ('new', 'open')
            ORDER BY backdesk.priority_rank(priority), resolve_due, id LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id;
SQL

# run KIND CLIENTS: one run on a fresh queue; prints its takes per second
run() {
	local kind=$1 c=$2 user script out before after n tps
	fresh || return 1
	before=$(queued)
	if [ "$kind" = take ]; then user=$login script=$work/take.sql; else user=$floor_login script=$work/floor.sql; fi
	out=$work/$kind.$c.$RANDOM
	if ! pgbench -n -M prepared -c "$c" -j "$(( c < $(nproc) ? c : $(nproc) ))" -T "$secs" -U "$user" -d "$qdb" \
		-D staff="$staff" -f "$script" >"$out" 2>&1; then
		cat "$out" >&2
		return 1
	fi
	after=$(queued)
	n=$(awk '/number of transactions actually processed/ { print $NF }' "$out")
	tps=$(awk '/^tps = / { print $3 }' "$out")
	# Every transaction took a ticket: the queue never ran dry, so none was a cheap NULL.
	if [ "$after" -le 0 ] || [ $(( before - after )) -ne "$n" ]; then
		say "queue: $kind at $c clients took $(( before - after )) tickets in $n transactions ($after left): raise BENCH_QUEUE_SIZE"
		return 1
	fi
	if [ "$kind" = take ] && [ "$(q -c "SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.take'")" -ne "$n" ]; then
		say "queue: $n takes but not as many audit rows"
		return 1
	fi
	echo "$tps"
}

rows=()
for c in $clients; do
	say "queue: $c clients ($rounds rounds of take, floor, floor, take; ${secs} s each)"
	a=() b=()
	for ((r = 0; r < rounds; r++)); do
		a+=("$(run take "$c")"); b+=("$(run floor "$c")"); b+=("$(run floor "$c")"); a+=("$(run take "$c")")
	done
	rows+=("$(awk -v c="$c" -v a="${a[*]}" -v b="${b[*]}" 'function stats(s, v,   n, i, t, lo, hi) {
			n = split(s, v, " "); t = 0; lo = v[1]; hi = v[1]
			for (i = 1; i <= n; i++) { t += v[i]; if (v[i] < lo) lo = v[i]; if (v[i] > hi) hi = v[i] }
			mean = t / n; return sprintf("%.0f (%.0f to %.0f)", mean, lo, hi) }
		BEGIN { sa = stats(a); ma = mean; sb = stats(b); mb = mean
			printf "| %d | %s | %s | **%.2f×** |", c, sa, sb, ma / mb }')")
done

echo "pgbench \`-M prepared\`, ${secs} s a run, \`-j\` up to $(nproc) threads; for each client count $rounds rounds of"
echo "api.take_next_ticket and its floor interleaved (take, floor, floor, take), each run on a fresh queue"
echo "of $(echo "$size" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta') tickets (all priorities, due dates to the minute, some assigned or pending),"
echo "in a database of its own. api.take_next_ticket runs as the agent login \`$login\`; the floor,"
echo "the same change with no role check, staff lookup or audit row, as a login that is a member of"
echo "\`backdesk_owner\` (no superuser). Every run checks that each transaction took a ticket (and, for"
echo "the function, wrote one audit row). Takes per second: the mean of the runs (the slowest to the"
echo "fastest run); ratio = take mean / floor mean, target at least 0.9×."
echo
echo "| clients | take_next_ticket takes/s (runs) | floor takes/s (runs) | ratio |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "<details><summary>The floor</summary>"
echo
echo '```sql'
cat "$work/floor.sql"
echo '```'
echo
echo "</details>"
