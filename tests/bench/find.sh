#!/bin/bash
# api.find per lookup kind against the plain indexed SQL for the same key (its floor),
# with pgbench: one client, warm, the extended protocol as the console sends it
# (PQsendQueryParams, the typed text a parameter).  api.find and its floor are
# interleaved transaction by transaction: one pgbench run of both scripts, each
# transaction either at random, so the machine's other load (which decides the p99s
# of sub-millisecond statements) falls on both alike.  Parts of 200 of each in turn
# (ABBA, as before) let a burst of it land on one side and swing a p99 ratio from
# 1.0 to 1.9 between runs.  About TX of each in 2 x ROUNDS runs on fresh connections;
# the first WARM transactions of each run are dropped.  A floor an agent may not run
# (†) runs as another login, so in its own runs, ABBA.  p50/p99 come from pgbench's
# per-transaction log (its script_no says which statement).
#
#   tests/bench/find.sh WORKDIR     (PG* points at the database; prints Markdown)
# Environment: BENCH_LOGIN (an agent login, required), BENCH_TX (2000), BENCH_WARM (20),
# BENCH_ROUNDS (5: ABBA five times, 200 transactions a part),
# BENCH_SU (a role that may read everything, default $PGUSER: the floors an agent may
# not run, the digits() index and the trigram operators, run as it; marked †).
set -euo pipefail
trap 'echo "$0: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")" && pwd)
work=$1
login=${BENCH_LOGIN:?an agent login}
su=${BENCH_SU:-${PGUSER:-postgres}}
tx=${BENCH_TX:-2000}
rounds=${BENCH_ROUNDS:-5}
# api.find's typo search sets this for itself; the floor's session needs it too.
export PGOPTIONS="${PGOPTIONS:-} -c pg_trgm.similarity_threshold=0.4"
warm=${BENCH_WARM:-20}
say() { echo "bench: $*" >&2; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -U "$su" "$@"; }
mkdir -p "$work"

# --- what to look up: real rows of this database, picked the same way at every scale ---
orders=$(q -c "SELECT count(*) FROM backdesk.orders")
customers=$(q -c "SELECT count(*) FROM backdesk.customers")
IFS='|' read -r o_id o_num < <(q -c "SELECT id, number FROM backdesk.orders
	WHERE id >= $orders / 2 AND number ~ '[0-9]00\$' ORDER BY id LIMIT 1") || true
o_digits=$(q -c "SELECT backdesk.digits('$o_num')")
IFS='|' read -r tr_id tr_pn < <(q -c "SELECT id, phone_norm FROM backdesk.customers
	WHERE id >= $customers / 3 AND phone_norm ~ '^905[0-9]{9}\$' ORDER BY id LIMIT 1") || true
IFS='|' read -r hu_id hu_pn < <(q -c "SELECT id, phone_norm FROM backdesk.customers
	WHERE id >= $customers / 3 AND phone_norm ~ '^36[0-9]{9}\$' ORDER BY id LIMIT 1") || true
IFS='|' read -r em_id em < <(q -c "SELECT id, email FROM backdesk.customers
	WHERE id >= $customers / 2 AND email IS NOT NULL ORDER BY id LIMIT 1") || true
IFS='|' read -r sh_id sh_no < <(q -c "SELECT id, tracking_no FROM backdesk.shipments
	WHERE id >= (SELECT max(id) / 2 FROM backdesk.shipments) ORDER BY id LIMIT 1") || true
IFS='|' read -r t_id t_no < <(q -c "SELECT id, number FROM backdesk.tickets
	WHERE id >= (SELECT max(id) / 2 FROM backdesk.tickets) ORDER BY id LIMIT 1") || true
IFS='|' read -r r_id r_no < <(q -c "SELECT id, number FROM backdesk.returns
	WHERE id >= (SELECT max(id) / 2 FROM backdesk.returns) ORDER BY id LIMIT 1") || true
# A two-word name with accents, one of the rarest (the seed's names repeat: at 1M
# orders every one has namesakes).  "finds it" then means: a customer of that name.
IFS='|' read -r n_id n_name n_key < <(q -c "SELECT min(id), name, name_key FROM backdesk.customers
	WHERE name_key ~ '^[a-z]{5,} [a-z]{4,}\$' AND name ~ '[^ -~]'
	GROUP BY name, name_key ORDER BY count(*), name_key LIMIT 1 OFFSET 3") || true
n_rev="${n_name#* } ${n_name%% *}"
n_typo="${n_key:0:3}${n_key:4}"          # one letter lost: "nursen cakir" -> "nuren cakir"
tr_local=${tr_pn#90} hu_local=${hu_pn#36}
tr_sp="${tr_local:0:3} ${tr_local:3:3} ${tr_local:6:2} ${tr_local:8:2}"
hu_sp="${hu_local:0:2} ${hu_local:2:3} ${hu_local:5}"

# --- the floors: one statement each, on the indexes of db/migrations ---------------
F_ORDER_COLS="o.id, o.number, c.name, o.status, o.total, o.currency
	FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id"
F_CUST_COLS="id, name, phone, email FROM backdesk.customers"
declare -A floor=(
	[order_eq]="SELECT $F_ORDER_COLS WHERE o.number = :q"
	[order_prefix]="SELECT $F_ORDER_COLS WHERE o.number COLLATE \"C\" >= :lo AND o.number COLLATE \"C\" < :hi ORDER BY o.number COLLATE \"C\" LIMIT 20"
	[order_digits]="SELECT $F_ORDER_COLS WHERE backdesk.digits(o.number) COLLATE \"C\" = :q"
	[phone]="SELECT $F_CUST_COLS WHERE phone_norm COLLATE \"C\" = :q"
	[email]="SELECT $F_CUST_COLS WHERE lower(email) COLLATE \"C\" = :q"
	[tracking]="SELECT s.id, s.tracking_no, s.carrier, o.number, s.status FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id WHERE s.tracking_no = :q"
	[ticket]="SELECT t.id, t.number, t.subject, t.status FROM backdesk.tickets t WHERE t.number = :q"
	[return]="SELECT r.id, r.number, o.number, r.status FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id WHERE r.number = :q"
	[name]="SELECT $F_CUST_COLS WHERE name_key COLLATE \"C\" >= :lo AND name_key COLLATE \"C\" < :hi ORDER BY name_key COLLATE \"C\" LIMIT 20"
	[name_rev]="SELECT $F_CUST_COLS WHERE name_key_rev COLLATE \"C\" >= :lo AND name_key_rev COLLATE \"C\" < :hi ORDER BY name_key_rev COLLATE \"C\" LIMIT 20"
	# The typo search's own shape (0024, backdesk.find_similar_names): the keys nearest
	# among the distinct names, then their customers (plain % over every customer is
	# 200-350 ms at 3.3M: no floor for anything).  Its threshold is PGOPTIONS' below.
	[trgm]="SELECT c.id, c.name, c.phone, c.email FROM (SELECT n.name_key FROM backdesk.name_keys n WHERE n.name_key OPERATOR(ext.%) :q ORDER BY n.name_key OPERATOR(ext.<->) :q LIMIT 50) k JOIN backdesk.customers c ON c.name_key COLLATE \"C\" = k.name_key LIMIT 20"
	[nothing]="SELECT 1"
)
# Floors an agent may not run run as the superuser: the trigram operators (schema
# ext), and before 0026 backdesk.digits and number_key.
declare -A floor_su=([trgm]=1)
may_exec() { [ "$(q -c "SELECT has_function_privilege('$login', '$1', 'EXECUTE')")" = t ]; }
may_exec 'backdesk.digits(text)' || floor_su[order_digits]=1
key() { q -c "SELECT backdesk.search_key(\$\$$1\$\$)"; }
pend() { q -c "SELECT backdesk.prefix_end(\$\$$1\$\$)"; }

# kind | typed | floor | floor variables (;-separated) | hit kind | hit id
kinds=()
add() { [ -n "$6" ] && kinds+=("$1|$2|$3|$4|$5|$6") || say "no rows for: $1 (skipped)"; }
o_pre=${o_num%??} o_pre_key=${o_num%??}
# Migration 0024 ranges over backdesk.number_key(number) instead of number COLLATE "C":
# the floor uses whichever index this database has.
if [ -n "$(q -c "SELECT 1 FROM pg_indexes WHERE schemaname = 'backdesk' AND indexname = 'orders_number_norm'")" ]; then
	floor[order_prefix]="SELECT $F_ORDER_COLS WHERE backdesk.number_key(o.number) COLLATE \"C\" >= :lo AND backdesk.number_key(o.number) COLLATE \"C\" < :hi ORDER BY backdesk.number_key(o.number) COLLATE \"C\" LIMIT 20"
	may_exec 'backdesk.number_key(text)' || floor_su[order_prefix]=1
	o_pre_key=$(q -c "SELECT backdesk.number_key('$o_pre')")
fi
add "order number, whole" "$o_num" order_eq "q=$o_num" order "$o_id"
add "order number, prefix" "$o_pre" order_prefix "lo=$o_pre_key;hi=$(pend "$o_pre_key")" order "$o_id"
add "order number, digits only" "$o_digits" order_digits "q=$o_digits" order "$o_id"
o_low=$(echo "${o_num//-/}" | tr '[:upper:]' '[:lower:]')
add "order number, lower case, no dash" "$o_low" order_eq "q=$o_num" order "$o_id"
add "phone, +90" "+90 $tr_sp" phone "q=$tr_pn" customer "$tr_id"
add "phone, 0" "0$tr_sp" phone "q=$tr_pn" customer "$tr_id"
add "phone, 0090" "0090 $tr_sp" phone "q=$tr_pn" customer "$tr_id"
add "phone, Hungarian 06" "06 $hu_sp" phone "q=$hu_pn" customer "$hu_id"
add "phone, +36" "+36 $hu_sp" phone "q=$hu_pn" customer "$hu_id"
add "e-mail" "$em" email "q=${em,,}" customer "$em_id"
add "tracking number" "$sh_no" tracking "q=$sh_no" shipment "$sh_id"
add "ticket number" "$t_no" ticket "q=$t_no" ticket "$t_id"
add "return number" "$r_no" return "q=$r_no" return "$r_id"
if [ -n "$n_id" ]; then
	k=$(key "$n_name")
	add "name, in order" "$n_name" name "lo=$k;hi=$(pend "$k")" customer "name:$n_key"
	k=$(key "$n_rev")
	add "name, reversed" "$n_rev" name_rev "lo=$k;hi=$(pend "$k")" customer "name:$n_key"
	add "name, without accents" "$n_key" name "lo=$n_key;hi=$(pend "$n_key")" customer "name:$n_key"
	add "name, one letter lost" "$n_typo" trgm "q=$n_typo" customer "name:$n_key"
else
	say "no two-word name with accents here: the name kinds are skipped"
fi

# --- pgbench ------------------------------------------------------------------------
# pgb USER COUNT SCRIPT_A OUT_A SCRIPT_B OUT_B VARS... : COUNT measured transactions
# (after WARM), each SCRIPT_A or SCRIPT_B at random, µs appended to OUT_A or OUT_B by
# pgbench's script_no (the same script and file twice: all of them to it).
pgb() {
	local user=$1 count=$2 a=$3 out_a=$4 b=$5 out_b=$6 d vars=()
	shift 6
	touch "$out_a" "$out_b"
	for v in "$@"; do vars+=("-D$v"); done
	d=$(mktemp -d "$work/run.XXXXXX")
	if ! pgbench -n -M extended -c 1 -j 1 -t $(( count + warm )) -U "$user" -f "$a@1" -f "$b@1" \
		"${vars[@]}" --log --log-prefix="$d/log" >"$d/out" 2>&1; then
		cat "$d/out" >&2
		return 1
	fi
	awk -v w="$warm" -v a="$out_a" -v b="$out_b" '$2 >= w { print $3 >> ($4 == 0 ? a : b) }' "$d"/log*
	rm -rf "$d"
}
# mixed USER SCRIPT_A SCRIPT_B OUT_A OUT_B VARS... : about TX/(2 x ROUNDS) of each
mixed() { local u=$1 a=$2 b=$3 oa=$4 ob=$5; shift 5; pgb "$u" $(( tx / rounds )) "$a" "$oa" "$b" "$ob" "$@"; }
# run USER SCRIPT OUT VARS... : TX/(2 x ROUNDS) of one script
run() { local u=$1 s=$2 o=$3; shift 3; pgb "$u" $(( tx / (2 * rounds) )) "$s" "$o" "$s" "$o" "$@"; }
found() { # found TYPED HITKIND ID|name:KEY: is that row (a customer of that name) among
	# api.find's hits, as the agent?  Whatever columns api.find has besides kind and id.
	psql -XAtq -v ON_ERROR_STOP=1 -U "$login" -v q="$1" -v k="$2" -v id="$3" <<-'SQL'
	SELECT CASE WHEN count(*) > 0 THEN 'yes' ELSE 'no' END
	FROM api.find(:'q') f
	WHERE to_jsonb(f)->>'kind' = :'k'
	  AND (to_jsonb(f)->>'id' = :'id'
	       OR (to_jsonb(f)->>'id')::bigint IN (SELECT c.id FROM backdesk.customers c
	                                           WHERE 'name:' || c.name_key = :'id'));
	SQL
}

# :typed, not :q: the floors' variables are set in the same run.
echo 'SELECT * FROM api.find(:typed);' > "$work/find.sql"
echo "${floor[nothing]};" > "$work/nothing.sql"
# What any api call costs before it looks anything up: api.find of nothing runs the
# function and its role check, then returns.
echo "SELECT * FROM api.find('');" > "$work/empty.sql"
rm -f "$work/nothing.lat" "$work/empty.lat"
for _ in $(seq $((2 * rounds))); do
	mixed "$login" "$work/nothing.sql" "$work/empty.sql" "$work/nothing.lat" "$work/empty.lat"
done
read -r nothing50 nothing99 _ < <("$here/pctl" "$work/nothing.lat")
read -r empty50 empty99 _ < <("$here/pctl" "$work/empty.lat")
rows=() i=0
for k in "${kinds[@]}"; do
	IFS='|' read -r label typed fl fvars hk hid <<< "$k"
	i=$((i + 1))
	say "api.find ${i}/${#kinds[@]}: $label ($typed)"
	echo "${floor[$fl]};" > "$work/floor$i.sql"
	fuser=$login mark=''
	[ -n "${floor_su[$fl]:-}" ] && { fuser=$su; mark=' †'; }
	IFS=';' read -r -a fv <<< "$fvars"
	rm -f "$work/find$i.lat" "$work/floor$i.lat"
	for _ in $(seq "$rounds"); do
		if [ "$fuser" = "$login" ]; then
			for _ in 1 2; do
				mixed "$login" "$work/find.sql" "$work/floor$i.sql" "$work/find$i.lat" "$work/floor$i.lat" \
					"typed=$typed" "${fv[@]}"
			done
		else
			run "$login" "$work/find.sql" "$work/find$i.lat" "typed=$typed"
			run "$fuser" "$work/floor$i.sql" "$work/floor$i.lat" "${fv[@]}"
			run "$fuser" "$work/floor$i.sql" "$work/floor$i.lat" "${fv[@]}"
			run "$login" "$work/find.sql" "$work/find$i.lat" "typed=$typed"
		fi
	done
	read -r a50 a99 an < <("$here/pctl" "$work/find$i.lat")
	read -r b50 b99 _ < <("$here/pctl" "$work/floor$i.lat")
	ratio=$(awk -v a="$a99" -v b="$b99" 'BEGIN { printf "%.2f", a / b }')
	ratio50=$(awk -v a="$a50" -v b="$b50" 'BEGIN { printf "%.2f", a / b }')
	rows+=("| $label | \`$typed\` | $a50 | $a99 | $b50 | $b99$mark | **$ratio×** | $ratio50× | $(found "$typed" "$hk" "$hid") |")
	[ "$fl" = trgm ] && { typo99=$a99; typo_floor99=$b99; }
	floors_used+=("$fl")
done

echo "pgbench, one client, \`-M extended\` (the typed text is a parameter, as the console sends it),"
echo "as the agent login \`$login\`; about $an transactions per statement in $((2 * rounds)) runs on fresh connections, each after $warm warm-up,"
echo "api.find and its floor interleaved transaction by transaction (each one either, at random; a floor marked † runs as another"
echo "login, so in runs of its own: find, floor, floor, find $rounds times). Latencies in ms from"
echo "\`pgbench --log\`; ratio = api.find p99 / floor p99 (target: at most 1.5×), and the same at p50"
echo "(p99s of sub-millisecond statements swing with the machine's other load: read both)."
echo "A round trip that does nothing (\`SELECT 1\`): p50 $nothing50, p99 $nothing99."
echo "An api call that finds nothing (\`api.find('')\`: the function and its role check): p50 $empty50, p99 $empty99."
echo "\"finds it\": the row picked for the kind (for a name: a customer of that name) is among api.find's hits."
echo
echo "| kind | typed | api.find p50 | api.find p99 | floor p50 | floor p99 | ratio p99 | ratio p50 | finds it |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "† run as \`$su\`: an agent may not use the trigram operators in \`ext\` (nor, before migration 0026, call \`backdesk.digits\` and \`number_key\`)."
if [ -n "${typo99:-}" ]; then
	echo
	echo "Typo fallback (one letter lost, \`$n_typo\` for $n_name) at $(echo "$customers" | sed -E ":a; s/([0-9])([0-9]{3})($|,)/\\1,\\2\\3/; ta") customers:"
	echo "api.find p99 **$typo99 ms** against the 50 ms target; the trigram query on its own, p99 $typo_floor99 ms."
fi
echo
echo "<details><summary>The floors (plain indexed SQL)</summary>"
echo
echo '```sql'
for fl in $(printf '%s\n' "${floors_used[@]}" | awk '!seen[$0]++'); do
	echo "-- $fl"
	echo "${floor[$fl]};"
done
echo '```'
echo
echo "</details>"
