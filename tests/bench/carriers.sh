#!/bin/bash
# The carrier client's figure: N parcels (1,000) looked up through carrier/client.c
# against the fake carrier server answering each request after a fixed latency
# (50 ms), next to the same lookups one at a time through the same client (the
# baseline, measured in the same run).  Prints both times and their ratio.
#
#   tests/bench/carriers.sh [N] [LATENCY_MS] [CONCURRENCY]     (1000 50 8)
#   BUILD=build-san to measure another build (default build, made by `make check-build`)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-1000} latency=${2:-50} conc=${3:-8}
drive=$root/${BUILD:-build}/tests/tools/carrier_drive
[ -x "$drive" ] || { echo "carriers.sh: no $drive: run make check-build" >&2; exit 1; }

tmp=$(mktemp -d /tmp/bdcar.XXXXXX)
python3 "$root/tests/fakes/carrier_fake.py" --latency-ms "$latency" --port-file "$tmp/port" 2>"$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
base=http://127.0.0.1:$(cat "$tmp/port")
seq -f 'BENCH%06g' "$n" >"$tmp/numbers"

# run ARGS...: prints "MS OK MAXGAP" for one pass over the numbers.
run() {
	local out
	out=$("$drive" --base "$base" --deadline-ms 600000 "$@" - <"$tmp/numbers")
	local ok ms gap
	ok=$(grep -c '^RESULT .* OK ' <<<"$out" || true)
	ms=$(sed -nE 's/^SUMMARY .* ms=([0-9]+).*/\1/p' <<<"$out")
	gap=$(sed -nE 's/^SUMMARY .*maxgap=([0-9]+).*/\1/p' <<<"$out")
	echo "$ms $ok $gap"
}
read -r ms_c ok_c gap_c < <(run --concurrency "$conc")
read -r ms_s ok_s gap_s < <(run --serial --concurrency 1)
[ "$ok_c" = "$n" ] && [ "$ok_s" = "$n" ] || { echo "carriers.sh: not every lookup answered ($ok_c, $ok_s of $n)" >&2; exit 1; }
awk -v n="$n" -v l="$latency" -v c="$conc" -v mc="$ms_c" -v ms="$ms_s" -v gc="$gap_c" -v gs="$gap_s" 'BEGIN {
	printf "carriers: %d lookups, fake latency %d ms\n", n, l
	printf "  through the client, %d at a time: %7.2f s  (%.0f lookups/s; loop never stalled more than %d ms)\n", c, mc / 1000, n * 1000 / mc, gc
	printf "  one at a time (baseline):        %7.2f s  (%.0f lookups/s; %d ms)\n", ms / 1000, n * 1000 / ms, gs
	printf "  ratio: %.1fx faster (ideal %d)\n", ms / mc, c
}'
