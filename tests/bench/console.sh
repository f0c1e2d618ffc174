#!/bin/bash
# The console against its baselines, timed by the control-mode harness in termfloor
# (keylat.sh, lookuplat.py: one private tmux server each, interleaved press by press):
# start to the first screen with data against psql printing the same page (its columns,
# then as the screen shows it, then the console's own statement), PgDn against
# floor's PgDn, key-to-results in the lookup box against psql running the same api.find.
# Then memory while paging from the first order to the last (tmux-driven: it measures
# memory, not time).
#
#   tests/bench/console.sh WORKDIR BACKDESK TERMFLOOR   (PG* points at the database and
#   the login the console runs as; prints Markdown)
# Environment: BENCH_STARTS (300 launches), BENCH_KEYS (200 PgDn), BENCH_LOOKUPS (30),
# BENCH_WALK (1: page through every order watching memory; 0 skips it).
set -euo pipefail
trap 'echo "$0: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
work=$1 bd=$2 tf_src=$3
# 300: at 20 the median ratio moved by 0.1 between runs of the same build, at 60
# its confidence interval was still +-0.04 wide; 300 launches take a few seconds.
starts=${BENCH_STARTS:-300}
keys=${BENCH_KEYS:-200}
lookups=${BENCH_LOOKUPS:-30}
say() { echo "bench: $*" >&2; }
q() { psql -XAtq -v ON_ERROR_STOP=1 "$@"; }
mkdir -p "$work"
# Our own copy: keylat.sh builds its floor program next to itself.
rm -rf "$work/termfloor"
cp -r "$tf_src" "$work/termfloor"
rm -f "$work/termfloor/floor"
tf=$work/termfloor
export LANG=C.UTF-8

orders=$(q -c "SELECT count(*) FROM backdesk.orders")
# The last row of page n (19 rows a page at 80x24) for n = 0 … keys + 1: page 0's is
# what the first screen shows once its data is there, page n's what PgDn n shows.
mapfile -t bottoms < <(q -c "SELECT number FROM (
	SELECT number, row_number() OVER (ORDER BY placed_at DESC, id DESC) - 1 AS r
	FROM (SELECT number, placed_at, id FROM backdesk.orders ORDER BY placed_at DESC, id DESC
	      LIMIT $(( (keys + 3) * 19 ))) o) p WHERE r % 19 = 18 ORDER BY r")
[ "${#bottoms[@]}" -ge $(( keys + 2 )) ] || { echo "console.sh: fewer than $(( (keys + 2) * 19 )) orders" >&2; exit 1; }
ready=${bottoms[0]}
expect_list=$(printf '"%s",' "${bottoms[@]:1}")

# summary FILE: "what target_median target_p90 base_median base_p90 ratio ci_lo ci_hi" per section
summary() {
	awk '/^start-to-first-screen/ { s = "start" } /^key-to-screen/ { s = "key" }
		/^  target / { t[s] = $3 " " $5 } /^  baseline / { b[s] = $3 " " $5 }
		/RATIO target\/baseline/ { gsub(/[\[\],;()]/, " "); r[s] = $5 " " $8 " " $9 }
		/^memory at end target/ { m = $6 " " $9 " " $12 }
		END { for (k in t) print k, t[k], b[k], r[k]; print "mem", m }' "$1"
}

# start_vs FILE VAR READY: backdesk's start against psql printing what the statement in
# $VAR (exported) reads, READY the regex of psql's line for the screen's last row.
start_vs() {
	STARTS=$starts BASE_CMD="psql -XAt -c \"\$$2\"; exec cat" BASE_READY="$3" \
		BASE_KEY='-l x' BASE_EXPECT='' \
		"$tf/keylat.sh" "exec $bd" "^$ready " Down '' 1 > "$work/$1"
}

say "console: start to first screen, backdesk vs psql ($starts launches each)"
export BENCH_FIRST_PAGE="SELECT o.number, to_char(o.placed_at, 'YYYY-MM-DD HH24:MI'), c.name, o.status, o.total, o.currency, o.ship_by
	FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
	ORDER BY o.placed_at DESC, o.id DESC LIMIT 19"
start_vs start.txt BENCH_FIRST_PAGE "^$ready\\|"
read -r _ s_bd s_bd90 s_ps s_ps90 s_ratio s_lo s_hi < <(summary "$work/start.txt" | grep '^start ')
# The same page as the screen shows it: a late order's Status says LATE, so psql too
# must ask the shop's rule (backdesk.late_to_ship), which a new server process looks
# up, and the shop's time zone, which it loads.
say "console: start to first screen, backdesk vs psql printing the page as the screen shows it"
export BENCH_SHOWN_PAGE="SELECT o.number, to_char(o.placed_at, 'YYYY-MM-DD HH24:MI'), c.name,
	CASE WHEN backdesk.late_to_ship(o.status, o.ship_by) THEN 'LATE' ELSE o.status END,
	o.total, o.currency, o.ship_by
	FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
	ORDER BY o.placed_at DESC, o.id DESC LIMIT 19"
start_vs start_shown.txt BENCH_SHOWN_PAGE "^$ready\\|"
read -r _ u_bd u_bd90 u_ps u_ps90 u_ratio u_lo u_hi < <(summary "$work/start_shown.txt" | grep '^start ')
# Nor is either the console's own statement (db/orders.c's first_sql: newest first,
# unfiltered, the screen's 19 rows), which also reads the key and id it pages by and
# the late mark as a column of its own; at 80 columns the Parcel column is off screen
# and not read.  psql sending that, the limit written in.
say "console: start to first screen, backdesk vs psql sending the console's own statement"
export BENCH_SAME_PAGE="SELECT o.id, o.placed_at, o.number, to_char(o.placed_at, 'YYYY-MM-DD HH24:MI'),
	c.name, o.status, o.total, o.currency, o.ship_by, backdesk.late_to_ship(o.status, o.ship_by),
	'', o.placed_at AS sort_key
	FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
	ORDER BY o.placed_at DESC, o.id DESC LIMIT 19"
start_vs start_same.txt BENCH_SAME_PAGE "\\|$ready\\|"
read -r _ t_bd t_bd90 t_ps t_ps90 t_ratio t_lo t_hi < <(summary "$work/start_same.txt" | grep '^start ')

say "console: PgDn key to screen, backdesk vs floor ($keys presses each)"
STARTS=1 BASE_KEY=NPage BASE_EXPECT='ROW {n*23}\b' \
	"$tf/keylat.sh" "exec $bd" "^$ready " NPage "^{[$expect_list][n-1]} " "$keys" > "$work/pgdn.txt"
read -r _ k_bd k_bd90 k_fl k_fl90 k_ratio k_lo k_hi < <(summary "$work/pgdn.txt" | grep '^key ')
read -r _ rss hwm pss < <(summary "$work/pgdn.txt" | grep '^mem ')

# lookuplat.py types BK-0400000 and the numbers 7919 apart after it: a 1M-order seed or bigger.
last_lookup=$(printf 'BK-0%06d' $(( 400000 + 7919 * (lookups + 1) )))
if [ "$(q -c "SELECT count(*) FROM backdesk.orders WHERE number = '$last_lookup'")" = 1 ]; then
	say "console: key to results in the lookup box, backdesk vs psql ($lookups each)"
	# lookuplat types each number into backdesk first, then into psql: at 10M the
	# first reader of an order's pages may wait for the disk, and only backdesk
	# would.  Both find them in memory: every number is looked up once before.
	for i in $(seq 0 $(( lookups + 1 ))); do
		printf "SELECT count(*) FROM api.find('BK-0%06d', 20);\n" $(( 400000 + 7919 * i ))
	done | q >/dev/null
	(cd "$tf" && python3 lookuplat.py "$lookups" "$(dirname "$bd")") > "$work/lookup.txt"
	l_bd=$(sed -n 's/^backdesk.* median \([0-9.]*\) ms.*/\1/p' "$work/lookup.txt")
	l_ps=$(sed -n 's/^psql.* median \([0-9.]*\) ms.*/\1/p' "$work/lookup.txt")
	l_ratio=$(awk -v a="$l_bd" -v b="$l_ps" 'BEGIN { printf "%.2f", a / b }')
else
	say "console: no $last_lookup here, lookup box not measured (lookuplat.py needs 1M orders)"
	l_bd='—' l_ps='—' l_ratio='—'
fi

walk_rows=()
if [ "${BENCH_WALK:-1}" = 1 ]; then
	say "console: paging through all $orders orders, watching memory"
	T="tmux -L bd-bench-$$ -f /dev/null"
	trap '$T kill-server >/dev/null 2>&1 || true' EXIT
	ms() { echo $(( $(date +%s%N) / 1000000 )); }
	screen() { $T capture-pane -p -t m; }
	wait_re() { # wait_re REGEX [MS]: until the screen matches (MS, 20 s, at most)
		local t0
		t0=$(ms)
		until screen | grep -Eq -- "$1"; do
			[ $(( $(ms) - t0 )) -lt "${2:-20000}" ] || return 0
			sleep 0.05
		done
	}
	vmrss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
	last=$(q -c "SELECT number FROM backdesk.orders ORDER BY placed_at, id LIMIT 1")
	$T new-session -d -x 80 -y 24 -s m "exec $bd"
	wait_re "^$ready "
	pid=$($T list-panes -t m -F '#{pane_pid}')
	rss_start=$(vmrss "$pid")
	pages=$(( orders / 19 + 2 ))
	burst=$(( pages / 10 + 1 ))
	done_pages=0
	while [ "$done_pages" -lt "$pages" ]; do
		$T send-keys -t m -N "$burst" PageDown
		done_pages=$(( done_pages + burst ))
		# Let it catch up: the row it should show after done_pages pages (or the end).
		target=$(q -c "SELECT number FROM backdesk.orders ORDER BY placed_at DESC, id DESC
		               OFFSET least($(( done_pages * 19 )), $orders - 19) LIMIT 1")
		wait_re "^$target " $(( 20000 + burst * 10 ))   # 10 ms a page is plenty
		walk_rows+=("| $done_pages | $(vmrss "$pid") |")
	done
	wait_re "^$last "
	reached_last=no
	screen | grep -q "^$last " && reached_last=yes
	rss_end=$(vmrss "$pid")
	$T send-keys -t m q
	$T kill-server >/dev/null 2>&1 || true
fi

echo "termfloor's control-mode harness (keylat.sh, lookuplat.py), 80x24, TERM=tmux-256color,"
echo "target and baseline interleaved in one private tmux server; ms. Ratio: median of the"
echo "per-pair ratios with its bootstrap 95% CI (keylat), median/median (lookuplat)."
echo
echo "| what | backdesk median | backdesk p90 | baseline | baseline median | baseline p90 | ratio |"
echo "|---|---|---|---|---|---|---|"
echo "| start to first screen with data ($starts launches) | $s_bd | $s_bd90 | psql printing the page's columns, without asking which orders are late | $s_ps | $s_ps90 | **$s_ratio** [$s_lo, $s_hi] |"
echo "| start, the same again | $u_bd | $u_bd90 | psql printing the page as the screen shows it (a late order's Status: LATE) | $u_ps | $u_ps90 | **$u_ratio** [$u_lo, $u_hi] |"
echo "| start, the same again | $t_bd | $t_bd90 | psql sending the console's own page statement | $t_ps | $t_ps90 | **$t_ratio** [$t_lo, $t_hi] |"
echo "| PgDn key to screen ($keys presses) | $k_bd | $k_bd90 | floor's PgDn | $k_fl | $k_fl90 | **$k_ratio** [$k_lo, $k_hi] |"
echo "| lookup box: whole order number to its row ($lookups) | $l_bd | — | psql: the same api.find, Enter to row | $l_ps | — | **$l_ratio** |"
echo
echo "Memory of backdesk after the PgDn run (keylat): VmRSS $rss kB, VmHWM $hwm kB, Pss $pss kB."
if [ "${#walk_rows[@]}" -gt 0 ]; then
	echo
	echo "#### Memory while paging from the first to the last order"
	echo
	echo "Resident set size of backdesk (kB): $rss_start at the first page, $rss_end at the end (last order reached: $reached_last)."
	echo
	echo "| PgDn pressed | RSS kB |"
	echo "|---|---|"
	printf '%s\n' "${walk_rows[@]}"
fi
echo
echo "<details><summary>The harness's own output</summary>"
echo
echo '```'
# the PgDn expectation is a list of every page's last row: shown shortened
sed -E 's/\{\["([^"]*)","([^"]*)",[^]]*\]\[n-1\]\}/{["\1","\2",…][n-1]}/' "$work/start.txt" "$work/start_shown.txt" "$work/start_same.txt" "$work/pgdn.txt"
[ -f "$work/lookup.txt" ] && cat "$work/lookup.txt"
echo '```'
echo
echo "</details>"
