#!/bin/bash
# GIN or GiST for the typo fallback's trigram index: the same similarity query timed on
# two copies of the customers' names (id, name, name_key), one with each index kind, at
# this database's scale, interleaved.  The copies are dropped at the end.
#
#   tests/bench/trgm.sh WORKDIR     (PG* points at the database; prints Markdown)
# Environment: BENCH_SU (default $PGUSER; runs as it: agents may not use schema ext),
# BENCH_TRGM_SECONDS (15 a half: these queries take from ms to a second depending on the
# scale, so each half runs for a time, not a count), BENCH_TRGM_WARM (2), BENCH_TYPOS (the
# typed names; default: two names of the database with one letter lost).
set -euo pipefail
trap 'echo "$0: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")" && pwd)
work=$1
su=${BENCH_SU:-${PGUSER:-postgres}}
secs=${BENCH_TRGM_SECONDS:-15}
warm=${BENCH_TRGM_WARM:-2}
say() { echo "bench: $*" >&2; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -U "$su" "$@"; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }
mkdir -p "$work"
drop() { q -c "DROP SCHEMA IF EXISTS bench_trgm CASCADE" >/dev/null 2>&1 || true; }
trap drop EXIT

if [ -n "${BENCH_TYPOS:-}" ]; then
	mapfile -t typos <<< "$BENCH_TYPOS"
else # one Turkish and one Hungarian name, a letter lost from the first word
	mapfile -t typos < <(q -c "SELECT DISTINCT ON (locale) left(name_key, 3) || substr(name_key, 5)
		FROM backdesk.customers WHERE locale IN ('tr', 'hu') AND name_key ~ '^[a-z]{5,} [a-z]{4,}\$'
		  AND id >= (SELECT max(id) / 2 FROM backdesk.customers)
		ORDER BY locale, id")
fi
customers=$(q -c "SELECT count(*) FROM backdesk.customers")
say "trigram: copying $customers names twice"
drop
q <<-'SQL'
	CREATE SCHEMA bench_trgm;
	CREATE TABLE bench_trgm.gist AS SELECT id, name, name_key FROM backdesk.customers;
	CREATE TABLE bench_trgm.gin AS SELECT * FROM bench_trgm.gist;
	ALTER TABLE bench_trgm.gist ADD PRIMARY KEY (id);
	ALTER TABLE bench_trgm.gin ADD PRIMARY KEY (id);
SQL
declare -A built size
for kind in gist gin; do
	say "trigram: building the $kind index"
	t0=$(ms)
	q -c "CREATE INDEX ${kind}_trgm ON bench_trgm.$kind USING $kind (name_key ext.${kind}_trgm_ops)"
	t=$(( $(ms) - t0 ))
	built[$kind]="$(( t / 1000 )).$(( t % 1000 / 100 )) s"
	q -c "VACUUM ANALYZE bench_trgm.$kind"
	size[$kind]=$(q -c "SELECT pg_size_pretty(pg_relation_size('bench_trgm.${kind}_trgm'))")
done

# The filter query as the fallback would run it (% is similarity >= 0.3, pg_trgm's
# default), and GiST's nearest-neighbour form, which GIN cannot serve from the index.
for kind in gist gin; do
	echo "SELECT id, name FROM bench_trgm.$kind WHERE name_key OPERATOR(ext.%) :q ORDER BY ext.similarity(name_key, :q) DESC LIMIT 20;" > "$work/filter_$kind.sql"
done
echo "SELECT id, name FROM bench_trgm.gist ORDER BY name_key OPERATOR(ext.<->) :q LIMIT 20;" > "$work/knn_gist.sql"
run() { # run SCRIPT TYPED OUT: SECS seconds of transactions, µs appended to OUT (all but WARM)
	local d
	d=$(mktemp -d "$work/trgm.XXXXXX")
	if ! pgbench -n -M extended -c 1 -j 1 -T "$secs" -U "$su" -f "$1" "-Dq=$2" \
		--log --log-prefix="$d/log" >"$d/out" 2>&1; then
		cat "$d/out" >&2
		return 1
	fi
	awk -v w="$warm" '$2 >= w { print $3 }' "$d"/log* >> "$3"
	rm -rf "$d"
}
rows=()
for t in "${typos[@]}"; do
	say "trigram: GiST and GIN, \"$t\""
	rm -f "$work"/t_*.lat
	# interleaved, so both kinds see the same load: gist gin gin gist, then nearest
	for kind in gist gin gin gist; do run "$work/filter_$kind.sql" "$t" "$work/t_$kind.lat"; done
	run "$work/knn_gist.sql" "$t" "$work/t_knn.lat"
	run "$work/knn_gist.sql" "$t" "$work/t_knn.lat"
	hits=$(q -v t="$t" <<-'SQL'
		SELECT count(*) FROM bench_trgm.gin WHERE name_key OPERATOR(ext.%) :'t';
	SQL
	)
	for kind in gist gin; do
		read -r f50 f99 fn < <("$here/pctl" "$work/t_$kind.lat")
		k50='—' k99='—' kn='—'
		if [ "$kind" = gist ]; then read -r k50 k99 kn < <("$here/pctl" "$work/t_knn.lat"); fi
		rows+=("| $kind | ${built[$kind]} | ${size[$kind]} | \`$t\` | $hits | $f50 | $f99 | $fn | $k50 | $k99 | $kn |")
	done
done

echo "The same queries on two copies of the $customers customers' names, one with each index kind"
echo "(pgbench, one client, \`-M extended\`, GiST and GIN interleaved, $secs s a half after $warm warm-up"
echo "transactions, n in the table; ms; run as \`$su\`)."
echo "\"filter\": \`WHERE name_key % :q ORDER BY similarity(name_key, :q) DESC LIMIT 20\` (similarity ≥ 0.3);"
echo "\"nearest\": \`ORDER BY name_key <-> :q LIMIT 20\`, which only GiST serves from the index."
echo
echo "| index | build | size | typed | names ≥ 0.3 | filter p50 | filter p99 | filter n | nearest p50 | nearest p99 | nearest n |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
