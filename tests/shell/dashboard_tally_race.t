#!/bin/bash
# The dashboard's tallies under real concurrency (0048), clients let go at one
# moment: 6 writers change random tickets and parcels (some transactions rolled
# back), 2 clients fold the deltas in a loop through backdesk.dashboard_tally_fold,
# and 2 more run the fold's statement bare, without its try-lock, so that folds
# really meet each other and the writers.  Afterwards every tally equals a full
# count of the rows: no delta lost, none counted twice.  A reader meanwhile never
# sees a grid whose points differs from the open tickets it counts in the same
# snapshot.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 7

newdb dashboard_tally_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/dashboard_tally_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"

q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }
me=$(q -c "SELECT current_user")

q -c "SELECT api.staff_add('t_dtr_a1_$$', 'Ayşe Sayaç', 'agent'), api.staff_add('t_dtr_a2_$$', 'Ödön Sayaç', 'agent')" >/dev/null \
	|| { echo "Bail out! cannot add the agents"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS t_dtr_a1_$$' -c 'DROP ROLE IF EXISTS t_dtr_a2_$$'"
q -c "SELECT api.import_order(jsonb_build_object('number', 'SO-DTR-' || i) || '{\"placed_at\": \"2026-11-20T14:03:00+03:00\", \"currency\": \"TRY\",
	  \"customer\": {\"email\": \"dtr@example.com\", \"name\": \"Yarış Sayaç\"},
	  \"shipping_address\": {\"line1\": \"Bağdat Cd. 1\", \"city\": \"İstanbul\", \"country\": \"TR\"},
	  \"lines\": [{\"sku\": \"KUP-001\", \"name\": \"Kupa\", \"qty\": 1, \"unit_price\": \"149.90\"}],
	  \"payment\": {\"method\": \"card\", \"paid\": \"149.90\"}}'::jsonb) FROM generate_series(1, 20) i" >/dev/null
q <<'SQL' >/dev/null
INSERT INTO backdesk.tickets (number, channel, category, priority, status, subject, first_response_due, resolve_due, created_at)
SELECT 'T-DTR-' || i, 'email', 'delay', 'normal', 'new', 'Yarış ' || i, now() + (i % 7 - 4) * interval '1 day',
       now() + (i % 5 - 2) * interval '1 day', now() - (i % 30) * interval '1 day' - i * interval '1 minute'
FROM generate_series(1, 400) i;
UPDATE backdesk.orders SET status = 'shipped' WHERE number LIKE 'SO-DTR-%';
INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status, shipped_at)
SELECT o.id, 'yurtici', 'DTRTRACK' || o.id || '-' || k, 'IN_TRANSIT', now() - k * interval '1 day'
FROM backdesk.orders o, generate_series(1, 5) k WHERE o.number LIKE 'SO-DTR-%';
-- One random change (the writer's transaction; one in ten is rolled back).
CREATE FUNCTION public.t_dtr_write(p_rounds integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_agents bigint[] := (SELECT array_agg(id) FROM backdesk.staff WHERE login LIKE 't_dtr_a%');
    v_r double precision;
BEGIN
    FOR i IN 1 .. p_rounds LOOP
        v_r := random();
        IF v_r < 0.6 THEN
            UPDATE backdesk.tickets SET
                status = (ARRAY['new', 'open', 'pending', 'on_hold', 'solved'])[1 + floor(random() * 5)::int],
                priority = (ARRAY['urgent', 'high', 'normal', 'low'])[1 + floor(random() * 4)::int],
                assignee_id = CASE WHEN random() < 0.3 THEN NULL ELSE v_agents[1 + floor(random() * 2)::int] END,
                first_response_at = CASE WHEN random() < 0.4 THEN NULL ELSE now() - random() * interval '3 days' END,
                satisfaction = CASE WHEN random() < 0.5 THEN NULL ELSE 1 + floor(random() * 5)::int END,
                satisfaction_at = now() - random() * interval '20 days'
            WHERE number = 'T-DTR-' || (1 + floor(random() * 400)::int);
        ELSIF v_r < 0.65 THEN
            INSERT INTO backdesk.tickets (number, channel, category, priority, status, subject, first_response_due, resolve_due)
            VALUES ('T-DTR-N' || txid_current() || '-' || i, 'email', 'delay', 'high', 'new', 'Yeni', now() - interval '1 hour', now());
        ELSE
            UPDATE backdesk.shipments SET
                status = (ARRAY['IN_TRANSIT', 'EXCEPTION', 'DELIVERY_ATTEMPTED', 'DELIVERED'])[1 + floor(random() * 4)::int],
                last_event_at = now() - random() * interval '6 days'
            WHERE id = (SELECT min(id) FROM backdesk.shipments WHERE tracking_no LIKE 'DTRTRACK%') + floor(random() * 100)::int;
        END IF;
    END LOOP;
END $$;
CREATE PROCEDURE public.t_dtr_writer(p_rounds integer) LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. p_rounds LOOP
        PERFORM public.t_dtr_write(1);
        IF random() < 0.1 THEN
            ROLLBACK;
        ELSE
            COMMIT;
        END IF;
    END LOOP;
END $$;
-- The fold's statement without its lock: folds that meet.
CREATE PROCEDURE public.t_dtr_bare_folds(p_rounds integer) LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. p_rounds LOOP
        WITH d AS (DELETE FROM backdesk.dashboard_tally_delta RETURNING metric, at, key, n, points),
             s AS (SELECT d.metric, d.at, d.key, sum(d.n) AS n, sum(d.points) AS points FROM d GROUP BY 1, 2, 3)
        INSERT INTO backdesk.dashboard_tally AS b (metric, at, key, n, points)
        SELECT s.metric, s.at, s.key, s.n, s.points FROM s
        ON CONFLICT (metric, at, key) DO UPDATE SET n = b.n + excluded.n, points = b.points + excluded.points;
        COMMIT;
    END LOOP;
END $$;
CREATE PROCEDURE public.t_dtr_folds(p_rounds integer) LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. p_rounds LOOP
        PERFORM backdesk.dashboard_tally_fold();
        COMMIT;
    END LOOP;
END $$;
-- A reader: in one snapshot, the grid's points against the open tickets counted.
CREATE TABLE public.t_dtr_seen (grid bigint, rows bigint);
CREATE PROCEDURE public.t_dtr_reader(p_rounds integer) LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. p_rounds LOOP
        INSERT INTO public.t_dtr_seen
        SELECT (SELECT coalesce(sum(n), 0) FROM backdesk.dashboard_tally_now('grid')),
               (SELECT count(*) FROM backdesk.tickets WHERE status NOT IN ('solved', 'closed'));
        COMMIT;
    END LOOP;
END $$;
SQL

source "$BACKDESK_ROOT/tests/lib/race.sh"

barrier 7247
for i in 1 2 3 4 5 6; do client "w$i" "$me" "CALL public.t_dtr_writer(300)"; done
client f1 "$me" "CALL public.t_dtr_folds(400)"
client f2 "$me" "CALL public.t_dtr_folds(400)"
client b1 "$me" "CALL public.t_dtr_bare_folds(300)"
client b2 "$me" "CALL public.t_dtr_bare_folds(300)"
client r1 "$me" "CALL public.t_dtr_reader(300)"
go 11; went=$?
is "$went" 0 "all 11 clients waited at the barrier and were let go together"
is "$(rcs '')" "11×0" "every client finished without an error"
[ "$(rcs '')" = "11×0" ] || diag "$(cat "$tmp"/*.err)"
is "$(cat "$tmp"/*.err | grep -c '40P01')" 0 "no deadlock"

recount="
SELECT f.metric, f.at, f.key, sum(f.n)::bigint, sum(f.points)::bigint
FROM backdesk.tickets t
CROSS JOIN LATERAL backdesk.dashboard_ticket_tally(t.status, t.priority, t.assignee_id, t.first_response_at,
    t.sla_next_due, t.created_at, t.satisfaction, t.satisfaction_at) f GROUP BY 1, 2, 3
UNION ALL
SELECT f.metric, f.at, f.key, sum(f.n)::bigint, sum(f.points)::bigint
FROM backdesk.shipments s CROSS JOIN LATERAL backdesk.dashboard_parcel_tally(s.status, s.last_event_at, s.shipped_at) f
GROUP BY 1, 2, 3
UNION ALL
SELECT f.metric, f.at, f.key, sum(f.n)::bigint, sum(f.points)::bigint
FROM backdesk.orders o CROSS JOIN LATERAL backdesk.dashboard_order_tally(o.status, o.ship_by) f GROUP BY 1, 2, 3"
tallied="
SELECT u.metric, u.at, u.key, sum(u.n)::bigint, sum(u.points)::bigint
FROM (SELECT metric, at, key, n, points FROM backdesk.dashboard_tally
      UNION ALL SELECT metric, at, key, n, points FROM backdesk.dashboard_tally_delta) u
GROUP BY 1, 2, 3 HAVING sum(u.n) <> 0 OR sum(u.points) <> 0"
is "$(q -c "SELECT count(*) FROM (($recount) EXCEPT ($tallied)) x")/$(q -c "SELECT count(*) FROM (($tallied) EXCEPT ($recount)) x")" "0/0" \
	"every tally equals a full count of the rows (none lost, none doubled)"
new=$(q -c "SELECT count(*) FROM backdesk.tickets WHERE number LIKE 'T-DTR-N%'")
ok "[ $new -gt 20 ]" "the writers wrote ($new new tickets among their changes)"
is "$(q -c "SELECT count(*) FROM public.t_dtr_seen WHERE grid <> rows")/$(q -c "SELECT count(*) FROM public.t_dtr_seen")" "0/300" \
	"a reader saw the grid's points equal to the open tickets in all 300 snapshots"
q -c "SELECT backdesk.dashboard_tally_fold()" >/dev/null
is "$(q -c "SELECT count(*) FROM (($recount) EXCEPT ($tallied)) x")/$(q -c "SELECT count(*) FROM (($tallied) EXCEPT ($recount)) x")/$(q -c "SELECT count(*) FROM backdesk.dashboard_tally_delta")" "0/0/0" \
	"folded once more: no delta left, the tallies still the counts"
