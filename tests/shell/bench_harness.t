#!/bin/bash
# make bench's own parts, on a small seed: every floor statement runs as an agent (or
# is marked as not), the percentiles are nearest-rank, the picked rows are real ones
# that api.find finds, the trigram copies are dropped, the queue part checks every
# take and drops its database and login, and a scale's section of
# BENCHMARKS.md leaves the other scales' sections alone.  make bench itself takes
# minutes and is not run here.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 22

bench=$BACKDESK_ROOT/tests/bench
tmp=$BACKDESK_TEST_TMP/bench.$$
mkdir -p "$tmp"
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

# Percentiles: nearest rank over µs, printed in ms.
is "$(seq 1000 1000 100000 | "$bench/pctl")" "50.000 99.000 100" "p50 and p99 of 1..100 ms are 50 and 99"
is "$(printf '7000\n' | "$bench/pctl")" "7.000 7.000 1" "one sample is its own p50 and p99"
is "$("$bench/pctl" </dev/null)" "- - 0" "no samples, no figures"

# Sections: one per scale, in order of scale, a rerun replaces only its own.
out=$tmp/BENCHMARKS.md
printf '# backdesk benchmarks\n\nan old single-scale file\n' >"$out"
printf 'ten million\n' >"$tmp/ten"
printf 'one million\n' >"$tmp/one"
python3 "$bench/sections.py" "$out" 10000000 "$tmp/ten" &&
	python3 "$bench/sections.py" "$out" 1000000 "$tmp/one"
is "$(grep -v '^$' "$out" | grep -A1 '^<!-- bench:' | grep -v '^<!--\|^--$' | tr '\n' '/')" "one million/ten million/" \
	"both scales' sections, the smaller first"
ok '! grep -q "an old single-scale file" "$out"' "a file from before sections is replaced"
printf 'one million again\n' >"$tmp/one"
python3 "$bench/sections.py" "$out" 1000000 "$tmp/one"
like "$(cat "$out")" "one million again" "a rerun at 1M writes its section"
is "$(grep -c 'ten million\|^one million$' "$out")" 1 "and keeps 10M's, without its old 1M figures"

# find.sh and trgm.sh on 2,000 orders, a few transactions each: 40, so that each of a
# kind's ten runs (api.find or its floor at random each transaction) has some of both.
newdb bench; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --orders 2000 --seed 3 >/dev/null 2>&1
login=benchagent$$
PGDATABASE=$db "$BACKDESK" staff add "$login" --name "Bench Agent" --role agent >/dev/null 2>&1
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS $login' >/dev/null 2>&1"
PGDATABASE=$db BENCH_LOGIN=$login BENCH_TX=40 BENCH_WARM=1 "$bench/find.sh" "$tmp/find" >"$tmp/find.md" 2>"$tmp/find.err"; rc=$?
is "$rc" 0 "find.sh runs every statement (as the agent, or marked †)"
[ "$rc" = 0 ] || diag "$(tail -n 5 "$tmp/find.err")"
rows=$(grep -E '^\| (order|phone|e-mail|tracking|ticket|return|name)' "$tmp/find.md")
is "$(wc -l <<<"$rows")" 17 "a row for each of the 17 kinds"
like "$(cat "$tmp/find.md")" "An api call that finds nothing \(.*\): p50 [0-9]+\.[0-9]{3}, p99 [0-9]+\.[0-9]{3}\." \
	"and what an api call costs before it finds anything"
is "$(awk -F'|' '$4 ~ /^ [0-9]+\.[0-9][0-9][0-9] $/ && $7 ~ /^ [0-9]+\.[0-9][0-9][0-9]( †)? $/' <<<"$rows" | wc -l)" 17 \
	"each with api.find's and its floor's figures"
is "$(grep -c ' † ' <<<"$rows")" 1 "the one floor an agent may not run (trigram, in ext) is marked"
is "$(grep -E '^\| name, one letter lost ' <<<"$rows" | grep -c ' † ')" 1 "...and it is the typo's"
# Kinds main's api.find has always found: the rows picked are real ones.
is "$(grep -E '^\| (order number, whole|phone, \+90|phone, Hungarian 06|e-mail|tracking number|ticket number|return number|name, in order) ' <<<"$rows" |
	awk -F'|' '{ print $10 }' | sort | uniq -c | awk '{ print $1, $2 }')" "8 yes" "api.find finds the row picked for each"
like "$(cat "$tmp/find.md")" "50 ms target" "the typo fallback's p99 is set against 50 ms"

PGDATABASE=$db BENCH_TRGM_SECONDS=1 "$bench/trgm.sh" "$tmp/trgm" >"$tmp/trgm.md" 2>"$tmp/trgm.err"; rc=$?
is "$rc" 0 "trgm.sh runs"
is "$(grep -cE '^\| (gist|gin) ' "$tmp/trgm.md")" 4 "GiST and GIN for two names"
is "$(q "SELECT count(*) FROM pg_namespace WHERE nspname = 'bench_trgm'")" 0 "and drops its copies"

# queue.sh at 1 and 4 clients, one short round: a take per transaction, its rows, and
# nothing left behind (its database, its floor login).
BENCH_LOGIN=$login BENCH_QUEUE_SECONDS=1 BENCH_QUEUE_ROUNDS=1 BENCH_QUEUE_SIZE=20000 BENCH_QUEUE_CLIENTS="1 4" \
	"$bench/queue.sh" "$tmp/queue" "$BACKDESK" >"$tmp/queue.md" 2>"$tmp/queue.err"; rc=$?
is "$rc" 0 "queue.sh runs: every transaction of take and floor took a ticket, every take was audited"
[ "$rc" = 0 ] || diag "$(tail -n 5 "$tmp/queue.err")"
is "$(grep -cE '^\| (1|4) \| [0-9]+ \([0-9]+ to [0-9]+\) \| [0-9]+ \([0-9]+ to [0-9]+\) \| \*\*[0-9]+\.[0-9]{2}×\*\* \|$' "$tmp/queue.md")" 2 \
	"a row for each client count, with both takes per second and their ratio"
is "$(psql -XAtq -d postgres -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'bench\_queue\_%'")" 0 "and drops its database"
is "$(psql -XAtq -d postgres -c "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'bench\_queue\_floor\_%'")" 0 "and its floor login"
