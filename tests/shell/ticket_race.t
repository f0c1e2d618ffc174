#!/bin/bash
# A ticket's life under real concurrency (0028), clients let go at one moment:
#   - 4 agents merge A into B while 4 merge B into A: exactly one merge happens, the
#     other 7 are refused with BD002, none deadlocks (both rows are locked in id order);
#   - 2 agents change one ticket at the version they both saw: one goes through, the
#     other gets BD004 naming the first;
#   - 8 tickets of 8 customers opened at once while auto-assignment is on, each
#     transaction open a moment longer: the two agents on shift get 4 each
#     (assignments are serialized, each sees the others' load).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 12

newdb ticket_race; db=$REPLY
tmp=$BACKDESK_TEST_TMP/ticket_race.$$
mkdir -p "$tmp"
at_exit "rm -rf '$tmp'"

q() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }

ayse=t_trace_ayse_$$
zeynep=t_trace_zeynep_$$
q -c "SELECT api.staff_add('$ayse', 'Ayşe Yarış', 'agent'), api.staff_add('$zeynep', 'Zeynep Yarış', 'agent')" >/dev/null \
	|| { echo "Bail out! cannot add the agents"; exit 1; }
at_exit "psql -XAtq -d postgres -c 'DROP ROLE IF EXISTS $ayse' -c 'DROP ROLE IF EXISTS $zeynep'"

q -c "SELECT api.import_order('{\"number\": \"SO-TRACE-1\", \"placed_at\": \"2026-11-20T14:03:00+03:00\", \"currency\": \"TRY\",
	  \"customer\": {\"email\": \"trace@example.com\", \"name\": \"Yarış Müşterisi\", \"locale\": \"tr\"},
	  \"shipping_address\": {\"line1\": \"Bağdat Cd. 1\", \"city\": \"İstanbul\", \"country\": \"TR\"},
	  \"lines\": [{\"sku\": \"KUP-001\", \"name\": \"Kupa\", \"qty\": 1, \"unit_price\": \"149.90\"}],
	  \"payment\": {\"method\": \"card\", \"paid\": \"149.90\"}}')" >/dev/null
cust=$(q -c "SELECT id FROM backdesk.customers WHERE email = 'trace@example.com'")
open_ticket() { q -c "SELECT api.open_ticket($cust, NULL, 'email', 'other', 'normal', '$1', 'ilk mesaj', true)"; }
A=$(open_ticket "A"); B=$(open_ticket "B")

source "$BACKDESK_ROOT/tests/lib/race.sh"

######################################################################
# 1. A into B and B into A, at once.
######################################################################
barrier 7201
for i in 1 2 3 4; do
	client "m-ab$i" "$ayse" "SELECT api.merge_ticket('$A', '$B')"
	client "m-ba$i" "$zeynep" "SELECT api.merge_ticket('$B', '$A')"
done
go 8; went=$?
is "$went" 0 "merge: all 8 clients waited at the barrier and were let go together"
is "$(rcs m-)" "1×0 7×1" "merge: exactly one of the 8 merges went through"
is "$(grep -l 'ERROR:  BD002: ' "$tmp"/m-*.err | wc -l)" 7 "merge: the other 7 were refused with BD002"
is "$(cat "$tmp"/m-*.err | grep -c '40P01')" 0 "merge: no deadlock"
is "$(q -c "SELECT string_agg(CASE WHEN merged_into IS NULL THEN status ELSE 'merged' END, ' ' ORDER BY status)
            FROM backdesk.tickets WHERE number IN ('$A', '$B')")" "merged new" \
	"merge: one ticket is merged, the other is the survivor"
is "$(q -c "SELECT count(*) FILTER (WHERE m.kind = 'note') || ' ' || count(*) FILTER (WHERE m.kind = 'system')
            FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
            WHERE t.number IN ('$A', '$B') AND t.merged_into IS NULL")" "2 1" \
	"merge: the survivor holds both first messages and one line about the merge"

######################################################################
# 2. Two agents, one version.
######################################################################
C=$(open_ticket "C")
barrier 7202
client "v-ayse" "$ayse" "SELECT api.set_ticket_status('$C', 'pending', 1)"
client "v-zeynep" "$zeynep" "SELECT api.set_ticket_priority('$C', 'urgent', 1)"
go 2; went=$?
is "$went:$(rcs v-)" "0:1×0 1×1" "version: of two changes at version 1, one went through"
winner=$(grep -l '^2$' "$tmp"/v-*.out | sed 's/.*v-\(.*\)\.out/\1/')
case "$winner" in ayse) name="Ayşe Yarış" ;; zeynep) name="Zeynep Yarış" ;; *) name="nobody" ;; esac
like "$(cat "$tmp"/v-*.err)" "BD004: ticket $C was changed by $name at" "version: the other got BD004 naming $name"

######################################################################
# 3. Auto-assignment while tickets arrive at once.
######################################################################
q -c "SELECT api.set_setting('ticket_auto_assign', 'on')" >/dev/null
for who in "$ayse" "$zeynep"; do psql -XAtq -d "$db" -U "$who" -c "SELECT api.set_on_shift(true)" >/dev/null; done
# Eight customers (api.open_ticket serializes the tickets of one customer by itself),
# each transaction still open a moment after its ticket was assigned.
for i in 1 2 3 4 5 6 7 8; do
	q -c "SELECT api.import_order('{\"number\": \"SO-TRACE-A$i\", \"placed_at\": \"2026-11-20T14:03:00+03:00\", \"currency\": \"TRY\",
	  \"customer\": {\"email\": \"trace$i@example.com\", \"name\": \"Müşteri $i\"},
	  \"shipping_address\": {\"line1\": \"Cd. 1\", \"city\": \"İstanbul\", \"country\": \"TR\"},
	  \"lines\": [{\"sku\": \"KUP-001\", \"name\": \"Kupa\", \"qty\": 1, \"unit_price\": \"149.90\"}],
	  \"payment\": {\"method\": \"card\", \"paid\": \"149.90\"}}')" >/dev/null
done
barrier 7203
for i in 1 2 3 4 5 6 7 8; do
	client "a$i" "$ayse" "SELECT api.open_ticket((SELECT id FROM backdesk.customers WHERE email = 'trace$i@example.com'),
	                      NULL, 'chat', 'other', 'normal', 'auto $i', '', true); SELECT pg_sleep(0.3)"
done
go 8; went=$?
is "$went:$(rcs a)" "0:8×0" "auto-assign: 8 tickets opened at once"
is "$(q -c "SELECT string_agg(n::text, ' ') FROM (SELECT count(*) n FROM backdesk.tickets WHERE subject LIKE 'auto %'
            GROUP BY assignee_id ORDER BY assignee_id) x")" "4 4" \
	"auto-assign: the two agents on shift got 4 each"
is "$(q -c "SELECT count(*) FROM backdesk.tickets WHERE subject LIKE 'auto %' AND assignee_id IS NULL")" 0 \
	"auto-assign: none was left unassigned"
is "$(q -c "SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.auto_assign'")" 8 \
	"auto-assign: 8 audit rows"
