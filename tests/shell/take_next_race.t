#!/bin/bash
# api.take_next_ticket under real concurrency (issue 12): 50 consoles of 10 agents,
# held at a barrier and let go together, each taking ticket after ticket (one
# transaction a take) from a queue of 10,000 until it gives NULL.  Every ticket is
# taken exactly once, by the one who was told so, audited once; none is left.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 10

newdb take_next_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/take_next_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"
q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }
source "$BACKDESK_ROOT/tests/lib/race.sh"

CLIENTS=50 AGENTS=10 TICKETS=10000
agents=()
for ((a = 0; a < AGENTS; a++)); do
	agents+=("t_tnr_${a}_$$")
	q -c "SELECT api.staff_add('${agents[a]}', 'Kuyruk Ajanı $a', 'agent')" >/dev/null \
		|| { echo "Bail out! cannot add the agents"; exit 1; }
	at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS ${agents[a]}' >/dev/null"
done

# The queue: every priority, due dates a minute apart at most (ties), new and open;
# besides it, tickets no take may touch (assigned, pending, on hold, solved, closed).
q >/dev/null <<SQL
SELECT setseed(0.5);
INSERT INTO backdesk.tickets (channel, category, priority, status, subject, first_response_due, resolve_due)
SELECT 'chat', 'other', (ARRAY['urgent', 'high', 'normal', 'low'])[1 + i % 4],
       CASE WHEN i % 3 = 0 THEN 'open' ELSE 'new' END, 'queued ' || i, now(), now()
FROM generate_series(1, $TICKETS) i;
INSERT INTO backdesk.tickets (channel, category, priority, status, subject, assignee_id, first_response_due,
                              resolve_due, solved_at)
SELECT 'chat', 'other', 'urgent', s, 'not queued ' || s, CASE WHEN s = 'new' THEN (SELECT min(id) FROM backdesk.staff) END,
       now(), now(), CASE WHEN s IN ('solved', 'closed') THEN now() END
FROM unnest(ARRAY['new', 'pending', 'on_hold', 'solved', 'closed']) s;
UPDATE backdesk.tickets SET resolve_due = date_trunc('minute', now()) + (random() * 600)::int * interval '1 minute';
ANALYZE backdesk.tickets;
SQL
is "$(q -c "SELECT count(*) FROM backdesk.tickets WHERE assignee_id IS NULL AND status IN ('new', 'open')")" \
	"$TICKETS" "a queue of $TICKETS tickets"
q -c "CREATE TABLE t_tnr_untouched AS SELECT * FROM backdesk.tickets WHERE subject LIKE 'not queued %'"

# One client: takes until NULL, each take committed on its own, says what it took.
take_all='DO $$
DECLARE v bigint;
BEGIN
    LOOP
        v := api.take_next_ticket();
        EXIT WHEN v IS NULL;
        RAISE NOTICE '"'"'took %'"'"', v;
        COMMIT;
    END LOOP;
END $$'

t0=$(date +%s%N)
barrier 7201
for ((i = 0; i < CLIENTS; i++)); do
	client "c$i" "${agents[i % AGENTS]}" "$take_all"
done
go "$CLIENTS"; went=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
diag "$CLIENTS clients took $TICKETS tickets in $ms ms (with the set-up of the clients)"
is "$went" 0 "all $CLIENTS clients waited at the barrier and were let go together"
is "$(rcs c)" "${CLIENTS}×0" "every client ran until the queue gave NULL, without an error"
[ "$(rcs c)" = "${CLIENTS}×0" ] || diag "$(grep -h ERROR "$tmp"/c*.err | sort | uniq -c | head -n 5)"

# Who was told which ticket: "CLIENT SEQ LOGIN ID" per take, in each client's order.
for ((i = 0; i < CLIENTS; i++)); do
	grep -ohE 'took [0-9]+' "$tmp/c$i.err" | awk -v c="$i" -v l="${agents[i % AGENTS]}" '{ print c, NR, l, $2 }'
done > "$tmp/told"
is "$(wc -l < "$tmp/told") $(cut -d' ' -f4 "$tmp/told" | sort -u | wc -l)" "$TICKETS $TICKETS" \
	"$TICKETS takes, $TICKETS different tickets: none given twice"
q -c "CREATE TABLE t_tnr_told (client int, seq int, login text, id bigint)"
q -c "\\copy t_tnr_told FROM '$tmp/told' WITH (DELIMITER ' ')"
is "$(q -c "SELECT count(*) FROM backdesk.tickets t JOIN t_tnr_told k ON k.id = t.id
            JOIN backdesk.staff s ON s.id = t.assignee_id AND s.login = k.login
            WHERE t.status = 'open' AND t.version = 2 AND t.subject LIKE 'queued %'")" "$TICKETS" \
	"each queued ticket is open, assigned to the agent who was told it, its version up once"
is "$(q -c "SELECT count(*) FROM backdesk.tickets WHERE assignee_id IS NULL AND status IN ('new', 'open')")" 0 \
	"none is left in the queue"
is "$(q -c "SELECT count(*) FROM (SELECT * FROM backdesk.tickets WHERE subject LIKE 'not queued %'
                                   EXCEPT SELECT * FROM t_tnr_untouched) x")" 0 \
	"assigned, pending, on-hold, solved and closed tickets were not touched"
is "$(q -c "SELECT count(*) || ' ' || count(DISTINCT a.entity_id) FROM backdesk.audit_log a
            JOIN t_tnr_told k ON k.id = a.entity_id AND k.login = a.actor
            WHERE a.action = 'ticket.take' AND a.entity = 'ticket'")
$(q -c "SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.take'")" "$TICKETS $TICKETS
$TICKETS" "each take audited once, by the agent who took it, and no other take audited"
# Most urgent first: when a client takes a ticket, every one before it in the queue's
# order is taken or being taken, so each client's own takes follow the queue's order.
is "$(q -c "WITH o AS (SELECT t.id, row_number() OVER (ORDER BY backdesk.priority_rank(t.priority), t.resolve_due, t.id) AS n
                       FROM backdesk.tickets t WHERE t.subject LIKE 'queued %'),
                 k AS (SELECT k.client, k.seq, o.n, lag(o.n) OVER (PARTITION BY k.client ORDER BY k.seq) AS before
                       FROM t_tnr_told k JOIN o ON o.id = k.id)
            SELECT count(*) FROM k WHERE k.n < k.before")" 0 \
	"each client took its tickets in the queue's order (priority, resolve_due, id)"
is "$(psql -XAtq -d "$db" -U "${agents[0]}" -c "SELECT coalesce(api.take_next_ticket()::text, 'NULL')")" NULL \
	"one more take: NULL"
