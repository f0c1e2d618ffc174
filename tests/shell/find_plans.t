#!/bin/bash
# api.find probes its indexes whoever touched the tables first in the session.  A
# session keeps an index's expressions as it first read them, and a SQL function is
# inlined only for a user who may execute it: when the console's orders list (run
# as the staff login) came first, api.find's number_key() no longer matched
# orders_number_norm and read every order (46 s at 10M orders).  Migration 0026.
# Counted with pg_stat_xact_user_tables: the scans of this transaction alone.  Orders
# only: the demo's few tickets and returns are read whole by any plan (schema.sql
# holds the rule for every index).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 4

newdb find_plans; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
agent=t_plans_agent_$$
psql -XAtq -v ON_ERROR_STOP=1 -d "$db" -c "SELECT api.staff_add('$agent', 'Plan Agent', 'agent')" >/dev/null \
	|| { echo "Bail out! cannot add the agent"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS $agent'"

# scans FIRST TYPED TABLE: in a fresh session of the agent, FIRST (the agent's own
# query), then api.find(TYPED) in a transaction; "seq idx" of TABLE and api.find's hits.
scans() {
	psql -XAtq -v ON_ERROR_STOP=1 -U "$agent" -d "$db" <<-SQL
	$1 \g /dev/null
	BEGIN;
	SELECT count(*) FROM api.find('$2') \gset
	SELECT seq_scan || ' ' || coalesce(idx_scan, 0) || ' ' || :count
	FROM pg_stat_xact_user_tables WHERE relid = 'backdesk.$3'::regclass;
	COMMIT;
	SQL
}
first_orders="SELECT count(*) FROM backdesk.orders WHERE id < 0"

read -r seq idx hits <<< "$(scans "$first_orders" so100234 orders)"
is "$hits" 1 "so100234 finds its order after the agent's own query on orders"
is "$seq" 0 "...without reading every order (index scans: $idx)"
read -r seq idx hits <<< "$(scans "$first_orders" 100234 orders)"
is "$hits" 1 "100234 (the digits alone) finds it too"
is "$seq" 0 "...without reading every order either (backdesk.digits in orders_number_digits)"
