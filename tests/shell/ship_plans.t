#!/bin/bash
# The scanner's round trips probe indexes, whoever touched the tables first in the
# session (0026: a session keeps an index's expressions as it first read them).  A
# warehouse login reads orders and shipments itself first, then scans an order
# number typed loosely, a tracking number, and ships an order: no order or parcel is
# read whole.  Counted with pg_stat_xact_user_tables (this transaction's scans).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 6

newdb ship_plans; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
wh=t_ship_plans_wh_$$
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }
q -c "SELECT api.staff_add('$wh', 'Plan Depo', 'warehouse')" >/dev/null || { echo "Bail out! cannot add the login"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS $wh'"
order=$(q -c "SELECT number FROM api.orders_to_pack(1)")
parcel=$(q -c "SELECT tracking_no FROM backdesk.shipments ORDER BY id DESC LIMIT 1")
loose=$(echo "$order" | tr -d '-' | tr 'A-Z' 'a-z')

# scans CALL: in a fresh session of the warehouse login, its own reads first, then
# CALL in a transaction; "orders: seq, shipments: seq | answer".
scans() {
	psql -XAtq -v ON_ERROR_STOP=1 -U "$wh" -d "$db" <<-SQL
	SELECT count(*) FROM backdesk.orders WHERE id < 0 \g /dev/null
	SELECT count(*) FROM backdesk.shipments WHERE id < 0 \g /dev/null
	BEGIN;
	$1 \gset
	SELECT string_agg(relname || ' ' || seq_scan, ', ' ORDER BY relname) || ' | ' || :'a'
	FROM pg_stat_xact_user_tables WHERE relname IN ('orders', 'shipments');
	COMMIT;
	SQL
}
got=$(scans "SELECT api.scan_resolve('$loose') ->> 'kind' AS a")
like "$got" "\| order$" "$loose is the order $order"
like "$got" "^orders 0" "...found without reading every order ($got)"
got=$(scans "SELECT api.scan_resolve('$parcel') ->> 'kind' AS a")
like "$got" "\| shipment$" "$parcel is a parcel"
like "$got" "^(orders 0, )?shipments 0" "...found without reading every parcel ($got)"
got=$(scans "SELECT api.ship_parcel('$loose', 'yurtici', '719999999999') > 0 AS a")
like "$got" "\| t$" "$order ships"
like "$got" "^orders 0, shipments 0" "...without reading every order or parcel ($got)"
