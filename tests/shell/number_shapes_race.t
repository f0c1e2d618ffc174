#!/bin/bash
# backdesk.number_shapes under concurrent writers (0052): api.find skips a kind none
# of whose shapes fits, so a number whose shape is missing there is never found.
# Two inserts of the same new shape race: the second waits on the shape's key until
# the first ends; if the first commits, one row stays, if it rolls back, the
# second adds it.  Then 6 clients insert tickets of random new shapes at once, one
# transaction in four rolled back: afterwards api.find finds every ticket that
# stayed by its number, and number_shape_sets (0054: the same shapes as one row,
# merged by each writer that adds some) holds what number_shapes holds.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 9

newdb number_shapes_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/number_shapes_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"

q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }
ticket() { # the INSERT of a ticket numbered $1
	echo "INSERT INTO backdesk.tickets (number, channel, category, subject, first_response_due, resolve_due)
	      VALUES ('$1', 'email', 'delay', 'Yarış', now() + interval '1 hour', now() + interval '1 day');"
}

# race FIRST SECOND END: FIRST inserts its ticket and holds its transaction until
# SECOND's insert waits for a lock (at most 10 s), then ENDs (COMMIT or ROLLBACK).
# Prints how many waited for FIRST's transaction (only those: other tests share the
# cluster and have lock waiters of their own).
race() {
	rm -f "$tmp/first.in"
	q >"$tmp/first.out" 2>"$tmp/first.err" <<-SQL &
	BEGIN;
	$(ticket "$1")
	\\! touch '$tmp/first.in'
	DO \$\$ BEGIN
	    FOR i IN 1 .. 200 LOOP
	        EXIT WHEN EXISTS (SELECT FROM pg_catalog.pg_locks WHERE NOT granted AND locktype = 'transactionid'
	                          AND transactionid = pg_catalog.pg_current_xact_id()::xid);
	        PERFORM pg_sleep(0.05);
	    END LOOP;
	END \$\$;
	SELECT count(*) FROM pg_catalog.pg_locks WHERE NOT granted AND locktype = 'transactionid'
	AND transactionid = pg_catalog.pg_current_xact_id()::xid;
	$3;
	SQL
	local first=$!
	# The second starts once the first's row is in (its shape row too): psql
	# runs the shell line after the INSERT has returned.  30 s at most, for a
	# loaded machine (a second that went first would not wait, and the test
	# would say so).
	for _ in $(seq 600); do
		[ -e "$tmp/first.in" ] && break
		sleep 0.05
	done
	ticket "$2" | q >"$tmp/second.out" 2>"$tmp/second.err"
	local rc2=$?
	wait "$first"
	local rc1=$?
	echo "$rc1 $rc2 $(cat "$tmp/first.out")"
}

is "$(race QA-11 QA-12 COMMIT)" "0 0 1" "two inserts of one new shape: the second waited for the first, both went in"
is "$(q -c "SELECT count(*) FROM backdesk.number_shapes WHERE kind = 'ticket' AND shape = 'QA99'")" 1 \
	"the shape is there once"
is "$(q -c "SELECT string_agg(label, ' ' ORDER BY label) FROM api.find('qa-12') WHERE kind = 'ticket'")" "QA-12" \
	"api.find finds the second one by its number"

is "$(race QB-11 QB-12 ROLLBACK)" "0 0 1" "the first rolled back while the second waited"
is "$(q -c "SELECT count(*) FROM backdesk.number_shapes WHERE kind IN ('ticket', 'ticket_digits') AND shape IN ('QB99', '99')")" 2 \
	"the second added the shape itself"
is "$(q -c "SELECT string_agg(label, ' ' ORDER BY label) FROM api.find('QB12')")" "QB-12" \
	"api.find finds it"

# Six writers, 40 transactions each: a ticket numbered with one of 30 prefixes and
# 1 to 6 digits (new shapes meeting each other), one in four rolled back.
for c in $(seq 6); do
	for i in $(seq 40); do
		n="Z$(( (c * 7 + i * 13) % 30 ))X-$(( RANDOM % 900000 + 1 ))"
		[ $(( (c + i) % 4 )) = 0 ] && end=ROLLBACK || end=COMMIT
		echo "BEGIN; $(ticket "$n-$c-$i") $end;"
	done | q >"$tmp/w$c.out" 2>"$tmp/w$c.err" &
done
wait
is "$(cat "$tmp"/w*.err)" "" "the writers ran without an error"
is "$(q -c "SELECT count(*) FROM backdesk.tickets t
            WHERE t.number LIKE 'Z%X-%'
              AND NOT EXISTS (SELECT FROM api.find(t.number) f WHERE f.kind = 'ticket' AND f.id = t.id)")" 0 \
	"api.find finds every ticket the writers left by its number"
# The row the writers merged into against the row made again from the table.
is "$(q <<-'SQL'
	BEGIN;
	CREATE TEMP TABLE merged AS SELECT * FROM backdesk.number_shape_sets;
	DO $$ BEGIN PERFORM backdesk.number_shape_sets_rebuild(); END $$;
	SELECT (SELECT count(*) FROM merged, unnest(tickets) t WHERE t LIKE 'Z9A%' OR t LIKE 'Z99A%') >= 4,
	       (SELECT count(*) FROM ((SELECT * FROM merged EXCEPT SELECT * FROM backdesk.number_shape_sets)
	                              UNION ALL
	                              (SELECT * FROM backdesk.number_shape_sets EXCEPT SELECT * FROM merged)) d);
	ROLLBACK;
	SQL
)" "t|0" "number_shape_sets after the writers is the row made again from number_shapes"
