#!/bin/bash
# backdesk queue --json: the dashboard's document on one line of JSON for
# monitoring, the same numbers api.dashboard() gives; for supervisors and admins.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 9

newdb queue; db=$REPLY
export PGDATABASE=$db
"$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAtq -v ON_ERROR_STOP=1 -c "$1"; }

out=$(PGUSER=zsofia "$BACKDESK" queue --json 2>/tmp/queue.err.$$); rc=$?
is "$rc" 0 "a supervisor gets the queue"
is "$(wc -l <<<"$out")" 1 "on one line"
# Read back by a JSON parser, and compared with what the database says right now.
get() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1], {"d": d}))' "$1" <<<"$out"; }
is "$(get 'd["tickets"]["unassigned"]')" \
	"$(q "SELECT count(*) FROM backdesk.tickets WHERE assignee_id IS NULL AND status IN ('new', 'open', 'pending', 'on_hold')")" \
	"its unassigned count is the database's"
is "$(get 'sum(c["count"] for c in d["tickets"]["grid"])')" "$(get 'd["tickets"]["open"]')" \
	"the grid adds up to the open tickets"
is "$(get 'len(d["tickets"]["per_hour"])'),$(get 'len(d["csat_trend"])')" "24,14" "24 hours and 14 days"

out=$(PGUSER=ayse "$BACKDESK" queue --json 2>&1); rc=$?
is "$rc" 1 "an agent is refused (exit 1)"
like "$out" "supervisor" "saying who may"

out=$("$BACKDESK" queue 2>&1); rc=$?
is "$rc" 2 "without --json: a usage error"
like "$out" "queue wants --json" "saying what to add"
