#!/bin/bash
# backdesk csat record TICKET SCORE [COMMENT]: the shop (or an admin) records a
# customer's answer to the survey of a resolved ticket, once; refusals say why and
# exit 1, wrong usage exits 2 before connecting.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 12

newdb csat; db=$REPLY
export PGDATABASE=$db
shop=t_csat_shop_$$
psql -XqAt -c "CREATE ROLE $shop LOGIN IN ROLE backdesk_shop"
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS $shop'"

# A customer's chat message, the ticket resolved (which queues the survey).
doc='{"channel": "chat", "from": {"email": "csat-cli@example.com", "name": "Şule Anket"},
      "body": "Kargom nerede?", "external_id": "csat-cli-1"}'
id=$(echo "SELECT api.receive_message(:'doc')" | psql -XAt -v ON_ERROR_STOP=1 -v doc="$doc")
ticket=$(psql -XAt -c "SELECT number FROM backdesk.tickets WHERE id = ${id:-0}")
like "$ticket" '^T-[0-9]+$' "a ticket from a customer's message"
psql -XqAt -v ON_ERROR_STOP=1 -c "SELECT api.apply_macro('$ticket', 'thanks-solved')" >/dev/null
is "$(psql -XAt -c "SELECT count(*) FROM backdesk.outbox WHERE kind = 'survey' AND recipient = 'csat-cli@example.com'")" 1 \
	"resolving it queued the survey"

out=$(PGUSER=$shop "$BACKDESK" csat record "$ticket" 4 "Çok hızlıydınız, teşekkürler" 2>&1); rc=$?
is "$rc" 0 "the shop records the answer (exit 0)"
like "$out" "recorded 4 of 5 for $ticket" "and is told so"
is "$(psql -XAt -c "SELECT satisfaction || ' ' || satisfaction_comment FROM backdesk.tickets WHERE number = '$ticket'")" \
	"4 Çok hızlıydınız, teşekkürler" "the score and the comment are on the ticket"

err=$(PGUSER=$shop "$BACKDESK" csat record "$ticket" 1 2>&1); rc=$?
is "$rc" 1 "a second answer is refused (exit 1)"
like "$err" "already rated 4" "saying the first stands"

err=$("$BACKDESK" csat record T-0 5 2>&1); rc=$?
like "$rc:$err" "^1:backdesk: no ticket 'T-0'" "an unknown ticket is refused with the reason"

psql -XqAt -c "CREATE ROLE ${shop}_a LOGIN IN ROLE backdesk_agent"
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS ${shop}_a'"
err=$(PGUSER=${shop}_a "$BACKDESK" csat record "$ticket" 5 2>&1); rc=$?
like "$rc:$err" "^1:.*recording satisfaction is not allowed" "an agent records no answers"

err=$("$BACKDESK" csat record "$ticket" 7 2>&1); rc=$?
like "$rc:$err" "^2:.*from 1 to 5, not '7'" "a score of 7 is a usage error (exit 2)"
err=$(PGHOST=/nonexistent "$BACKDESK" csat record "$ticket" 2>&1); rc=$?
like "$rc:$err" "^2:.*SCORE from 1 to 5" "a missing score is a usage error, before connecting"
is "$(psql -XAt -c "SELECT count(*) FROM backdesk.audit_log WHERE action = 'ticket.csat' AND actor = '$shop'")" 1 \
	"one answer audited, as the shop"
