#!/bin/bash
# The supervisor dashboard (issue 15: every dashboard query well under 50 ms at 10M
# orders and 2M tickets): api.dashboard() whole, each of its sections, and the big
# drill-down lists, each against its floor, plain SQL over the same indexes written
# by hand (no api function, no role check, no jsonb), in the same run.  pgbench, one
# client, `-M extended`, BENCH_DASH_SECONDS a statement in two halves interleaved
# ABBA (api, floor, floor, api) on fresh connections; the first BENCH_DASH_WARM
# transactions of each half are dropped; p50/p99 from pgbench's per-transaction log.
# Runs as BENCH_SU (a superuser is the admin role to the api; the sections call the
# backdesk.dashboard_* functions, which no login may).  Reads only.
#
#   tests/bench/dashboard.sh WORKDIR     (PG* points at the database; prints Markdown)
# Environment: BENCH_SU (default $PGUSER), BENCH_DASH_SECONDS (6), BENCH_DASH_WARM (3).
set -euo pipefail
shopt -s inherit_errexit
trap 'echo "$0: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
here=$(cd "$(dirname "$0")" && pwd)
work=$1
su=${BENCH_SU:-${PGUSER:-postgres}}
secs=${BENCH_DASH_SECONDS:-6}
warm=${BENCH_DASH_WARM:-3}
half=$(( (secs + 1) / 2 ))
say() { echo "bench: $*" >&2; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -U "$su" "$@"; }
mkdir -p "$work"
grp() { echo "$1" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'; }

[ -n "$(q -c "SELECT 1 FROM pg_proc WHERE oid = 'api.dashboard()'::regprocedure")" ] 2>/dev/null \
	|| { echo "Not run: this database has no api.dashboard (migration 0043)."; exit 0; }

OPEN="t.status NOT IN ('solved', 'closed')"
TODAY0="(backdesk.shop_date(now())::timestamp AT TIME ZONE 'Europe/Istanbul')"
STALE="coalesce(s.last_event_at, s.shipped_at) < now() - make_interval(days => coalesce((SELECT x.value::integer FROM backdesk.settings x WHERE x.key = 'parcel_stale_days'), 3))"
NOTFINAL="s.status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')"
LATE="o.status IN ('paid', 'packed') AND o.ship_by < backdesk.shop_date(now()) AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id)"

# name | api statement | floor statement
stmts=(
"open tickets by status and priority|SELECT * FROM backdesk.dashboard_tally_now('grid')|SELECT t.status, t.priority, count(*) FROM backdesk.tickets t WHERE $OPEN GROUP BY 1, 2"
"due within the hour|SELECT count(*) FROM backdesk.dashboard_tickets('tickets_soon', NULL)|SELECT count(*) FROM backdesk.tickets t WHERE $OPEN AND t.status <> 'pending' AND t.sla_next_due >= now() AND t.sla_next_due < now() + interval '1 hour'"
"breached|SELECT backdesk.dashboard_breached()|SELECT count(*) FROM backdesk.tickets t WHERE $OPEN AND t.status <> 'pending' AND t.sla_next_due < now()"
"unassigned|SELECT * FROM backdesk.dashboard_tally_now('unassigned')|SELECT count(*) FROM backdesk.tickets t WHERE $OPEN AND t.assignee_id IS NULL"
"waiting for a first answer|SELECT * FROM backdesk.dashboard_tally_now('waiting')|SELECT count(*) FROM backdesk.tickets t WHERE $OPEN AND t.first_response_at IS NULL"
"tickets per hour (24)|SELECT * FROM backdesk.dashboard_tally_sum('created', backdesk.dashboard_first_hour(), backdesk.dashboard_first_hour() + interval '24 hours')|SELECT date_trunc('hour', t.created_at), count(*) FROM backdesk.tickets t WHERE t.created_at >= date_trunc('hour', now()) - interval '23 hours' GROUP BY 1"
"open per agent|SELECT * FROM backdesk.dashboard_tally_now('agent_open')|SELECT t.assignee_id, count(*) FROM backdesk.tickets t WHERE $OPEN AND t.assignee_id IS NOT NULL GROUP BY 1"
"resolved today per agent|SELECT r.key, count(*) FROM backdesk.dashboard_tickets('agent_resolved', NULL) r GROUP BY r.key|SELECT t.assignee_id, count(*) FROM backdesk.tickets t WHERE t.solved_at >= $TODAY0 AND t.assignee_id IS NOT NULL GROUP BY 1"
"first response (7 days) and score (30 days) per agent|SELECT s.id, fr.m FROM backdesk.staff s LEFT JOIN LATERAL (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', t.first_response_at - t.created_at) / 60))::bigint AS m FROM backdesk.tickets t WHERE t.assignee_id = s.id AND t.first_response_at IS NOT NULL AND t.first_response_at > now() - interval '7 days') fr ON true WHERE s.active AND s.role IN ('agent', 'supervisor') UNION ALL SELECT x.key::bigint, round(x.points::numeric / x.n, 1) FROM backdesk.dashboard_rated_since(now() - interval '30 days') x WHERE x.key <> '' AND x.n > 0|SELECT t.assignee_id, count(*) FROM backdesk.tickets t WHERE t.first_response_at > now() - interval '7 days' GROUP BY 1 UNION ALL SELECT t.assignee_id, count(*) FROM backdesk.tickets t WHERE t.satisfaction IS NOT NULL AND t.satisfaction_at > now() - interval '30 days' GROUP BY 1"
"orders late to ship|SELECT backdesk.dashboard_late()|SELECT count(*) FROM backdesk.orders o WHERE $LATE"
"parcels in exception|SELECT * FROM backdesk.dashboard_tally_now('exception')|SELECT count(*) FROM backdesk.shipments s WHERE s.status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED')"
"parcels without movement|SELECT backdesk.dashboard_stale()|SELECT count(*) FROM backdesk.shipments s WHERE $NOTFINAL AND $STALE"
"returns to inspect|SELECT count(*) FROM backdesk.dashboard_returns_to_inspect()|SELECT count(*) FROM backdesk.returns r WHERE r.status = 'received'"
"refunds today|SELECT r.key, count(*) FROM backdesk.dashboard_refunds_today(NULL) r GROUP BY r.key|SELECT f.kind, f.currency, count(*), sum(f.amount) FROM backdesk.refunds f WHERE f.created_at >= $TODAY0 GROUP BY 1, 2"
"satisfaction, 14 days|SELECT x.at, round(sum(x.points)::numeric / nullif(sum(x.n), 0), 1) FROM backdesk.dashboard_tally_sum('rated', backdesk.shop_day_start(backdesk.shop_date(now()) - 13), backdesk.shop_day_start(backdesk.shop_date(now()) + 1)) x GROUP BY x.at|SELECT date_trunc('day', x.satisfaction_at), avg(x.satisfaction) FROM backdesk.tickets x WHERE x.satisfaction IS NOT NULL AND x.satisfaction_at >= now() - interval '14 days' GROUP BY 1"
)
# The whole document's floor: every section's floor in one statement.
whole_floor="SELECT"
sep=" "
for s in "${stmts[@]}"; do
	IFS='|' read -r _ _ fl <<< "$s"
	whole_floor+="$sep(SELECT count(*) FROM ($fl) f)"
	sep=", "
done

# The lists: the first page (100) of each big one, and a page deep in the open tickets.
W="(SELECT s2.login FROM backdesk.staff s2 WHERE s2.id = t.assignee_id)"
IFS='|' read -r deep_at deep_id < <(q -c "SELECT quote_literal(r.at), r.id FROM api.dashboard_list('tickets', NULL, NULL, NULL, 1000) r ORDER BY r.at DESC, r.id DESC LIMIT 1")
lists=(
"all open tickets|SELECT * FROM api.dashboard_list('tickets')|SELECT t.created_at, t.id, t.number, t.status, $W, t.subject FROM backdesk.tickets t WHERE $OPEN ORDER BY t.created_at, t.id LIMIT 100"
"all open tickets, the last page (End)|SELECT * FROM api.dashboard_list('tickets', NULL, NULL, NULL, 100, true)|SELECT * FROM (SELECT t.created_at, t.id, t.number, t.status, $W, t.subject FROM backdesk.tickets t WHERE $OPEN ORDER BY t.created_at DESC, t.id DESC LIMIT 100) b ORDER BY 1, 2"
"open tickets, after the 1000th|SELECT * FROM api.dashboard_list('tickets', NULL, $deep_at, $deep_id)|SELECT t.created_at, t.id, t.number, t.status, $W, t.subject FROM backdesk.tickets t WHERE $OPEN AND (t.created_at, t.id) > ($deep_at, $deep_id) ORDER BY t.created_at, t.id LIMIT 100"
"one cell (new/normal)|SELECT * FROM api.dashboard_list('tickets', 'new/normal')|SELECT t.created_at, t.id, t.number, t.status, $W, t.subject FROM backdesk.tickets t WHERE $OPEN AND t.status = 'new' AND t.priority = 'normal' ORDER BY t.created_at, t.id LIMIT 100"
"breached|SELECT * FROM api.dashboard_list('tickets_breached')|SELECT t.sla_next_due, t.id, t.number, t.status, $W, t.subject FROM backdesk.tickets t WHERE $OPEN AND t.status <> 'pending' AND t.sla_next_due < now() ORDER BY t.sla_next_due, t.id LIMIT 100"
"orders late to ship|SELECT * FROM api.dashboard_list('orders_late')|SELECT o.ship_by, o.id, o.number, o.status, (SELECT c.name FROM backdesk.customers c WHERE c.id = o.customer_id), o.total FROM backdesk.orders o WHERE $LATE ORDER BY o.ship_by, o.id LIMIT 100"
"parcels without movement|SELECT * FROM api.dashboard_list('parcels_stale')|SELECT coalesce(s.last_event_at, s.shipped_at), s.id, s.tracking_no, s.status, s.carrier, (SELECT o.number FROM backdesk.orders o WHERE o.id = s.order_id) FROM backdesk.shipments s WHERE $NOTFINAL AND $STALE ORDER BY coalesce(s.last_event_at, s.shipped_at), s.id LIMIT 100"
"parcels in exception|SELECT * FROM api.dashboard_list('parcels_exception')|SELECT coalesce(s.last_event_at, s.shipped_at), s.id, s.tracking_no, s.status, s.carrier, (SELECT o.number FROM backdesk.orders o WHERE o.id = s.order_id) FROM backdesk.shipments s WHERE s.status IN ('EXCEPTION', 'DELIVERY_ATTEMPTED') ORDER BY coalesce(s.last_event_at, s.shipped_at), s.id LIMIT 100"
)

# run SCRIPT OUT: one half, µs appended to OUT
run() {
	local d
	d=$(mktemp -d "$work/run.XXXXXX")
	if ! pgbench -n -M extended -c 1 -j 1 -T "$half" -U "$su" -f "$1" --log --log-prefix="$d/log" >"$d/out" 2>&1; then
		cat "$d/out" >&2
		return 1
	fi
	awk -v w="$warm" 'NR > w { print $3 }' "$d"/log* >> "$2"
	rm -rf "$d"
}
# measure NAME API FLOOR: a table row
i=0
measure() {
	local a50 a99 an b50 b99
	i=$((i + 1))
	say "dashboard $i: $1"
	printf '%s;\n' "$2" > "$work/a$i.sql"
	printf '%s;\n' "$3" > "$work/b$i.sql"
	rm -f "$work/a$i.lat" "$work/b$i.lat"
	run "$work/a$i.sql" "$work/a$i.lat"; run "$work/b$i.sql" "$work/b$i.lat"
	run "$work/b$i.sql" "$work/b$i.lat"; run "$work/a$i.sql" "$work/a$i.lat"
	read -r a50 a99 an < <("$here/pctl" "$work/a$i.lat")
	read -r b50 b99 _ < <("$here/pctl" "$work/b$i.lat")
	echo "| $1 | $a50 | $a99 | $b50 | $b99 | $(awk -v a="$a50" -v b="$b50" 'BEGIN { printf "%.2f", a / b }')× | $an |"
}
head="| statement | p50 | p99 | floor p50 | floor p99 | ratio p50 | n |"
line="|---|---|---|---|---|---|---|"

tickets=$(q -c "SELECT count(*) FROM backdesk.tickets")
open=$(q -c "SELECT count(*) FROM backdesk.tickets WHERE status NOT IN ('solved', 'closed')")
whole=$(measure "**api.dashboard()**" "SELECT api.dashboard()" "$whole_floor")
sections=()
for s in "${stmts[@]}"; do
	IFS='|' read -r n a b <<< "$s"
	sections+=("$(measure "$n" "$a" "$b")")
done
rows=()
for s in "${lists[@]}"; do
	IFS='|' read -r n a b <<< "$s"
	rows+=("$(measure "$n" "$a" "$b")")
done
doc=$(q -c "SELECT jsonb_build_object('open', d #> '{tickets,open}', 'breached', d #> '{tickets,breached}',
	'unassigned', d #> '{tickets,unassigned}', 'late', d #> '{orders,late_to_ship}', 'parcels', d -> 'parcels',
	'to_inspect', d #> '{returns,to_inspect}', 'agents', jsonb_array_length(d -> 'agents')) FROM api.dashboard() d")

echo "$(grp "$tickets") tickets ($(grp "$open") open). pgbench, one client, \`-M extended\`, as \`$su\`;"
echo "each statement ${secs} s in two halves interleaved with its floor (api, floor, floor, api),"
echo "the first $warm transactions of each half dropped; latencies in ms from \`pgbench --log\`."
echo "Floor: the same numbers in plain SQL over the same tables written by hand (no function,"
echo "no role check, no jsonb); for the whole document, every section's floor in one statement."
echo "ratio = p50 / floor p50. The numbers at this scale: \`$doc\`."
echo
echo "$head"; echo "$line"
echo "$whole"
echo
echo "Each section of api.dashboard() on its own (the statement inside: the tallies of 0048, or the backdesk.dashboard_* rows):"
echo
echo "$head"; echo "$line"
printf '%s\n' "${sections[@]}"
echo
echo "The drill-down lists (api.dashboard_list, a page of 100; the floor the same page in plain SQL):"
echo
echo "$head"; echo "$line"
printf '%s\n' "${rows[@]}"
