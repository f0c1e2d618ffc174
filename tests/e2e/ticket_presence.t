#!/bin/bash
# Two agents on one ticket, two consoles at 80x24.  Each sees the other there
# ("Ayşe Yılmaz is viewing", "... is typing"); Can replies while Ayşe is typing
# hers, so her screen says the ticket "changed while you were typing", her first
# send sends nothing and the second sends her text whole.  Can's q says "left" at
# once and adds his seconds (the console's drain on quitting); Ayşe's Esc adds
# hers.  A 3,000-character paste still goes out as a reply.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 28

newdb e2e_presence; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
sql() { psql -XAtq -v ON_ERROR_STOP=1 -d "$db" "$@"; }
ticket=$(sql -c "SELECT number FROM backdesk.tickets WHERE status IN ('new', 'open')
    AND customer_id IS NOT NULL ORDER BY id LIMIT 1")
spent() { sql -c "SELECT time_spent FROM backdesk.tickets WHERE number = '$ticket'"; }
replies() { sql -c "SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
    WHERE t.number = '$ticket' AND m.kind = 'reply' AND m.body LIKE '$1%'"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# poll_spent MIN: polls until the ticket's time spent is at least MIN (5 s at most).
poll_spent() {
	local end=$(( $(now_ms) + 5000 ))
	while [ "$(now_ms)" -lt "$end" ]; do
		[ "$(spent)" -ge "$1" ] && return 0
		sleep 0.05
	done
	echo "# time_spent is $(spent), not yet $1"
	return 1
}
near() { local d=$(( $1 - $2 )); [ "${d#-}" -le "$3" ] || { echo "# $1 is not $2 ± $3"; return 1; }; }
open_ticket() {
	keys :
	typetext "ticket $ticket"
	keys Enter
}

san=$BACKDESK_TEST_TMP/presence-san.$$
mkdir -p "$san"
sanenv=("ASAN_OPTIONS=${ASAN_OPTIONS:-}:log_path=$san/asan" "UBSAN_OPTIONS=${UBSAN_OPTIONS:-}:log_path=$san/ubsan")
E2E_T=ayse e2e_start 80x24 "${sanenv[@]}" PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
E2E_T=can e2e_start 80x24 "${sanenv[@]}" PGDATABASE="$db" PGUSER=can -- "$BACKDESK"
E2E_T=ayse; ok 'wait_for "Ayşe Yılmaz \(agent\)"' "Ayşe's console is up"
E2E_T=can; ok 'wait_for "Can Arslan \(agent\)"' "Can's console is up beside it"
spent0=$(spent)

E2E_T=ayse; open_ticket
ok 'wait_for "Ticket $ticket" && wait_for "Messages \("' "Ayşe opens $ticket"
ayse_open=$(now_ms)
E2E_T=can; open_ticket
ok 'wait_for "Ticket $ticket" && wait_for "Messages \("' "Can opens it too"
can_open=$(now_ms)
ok 'poll_for "Ayşe Yılmaz is viewing" 2' "Can sees \"Ayşe Yılmaz is viewing\" within 2 s"
echo "# Can saw Ayşe after $(( $(now_ms) - can_open )) ms"
E2E_T=ayse
ok 'poll_for "Can Arslan is viewing" 2' "and Ayşe sees Can"
echo "# Ayşe saw Can $(( $(now_ms) - can_open )) ms after he opened it"

# Ayşe starts her reply; Can sees her typing.
mine="Merhaba, kargonuz bugün çıktı; İĞÜŞÖÇ ığüşöç árvíztűrő tükörfúrógép."
keys r
ok 'wait_for "Reply to the customer"' "Ayşe opens a reply"
typetext "$mine"
E2E_T=can; t=$(now_ms)
ok 'poll_for "Ayşe Yılmaz is typing" 3' "Can sees \"Ayşe Yılmaz is typing\""
echo "# after $(( $(now_ms) - t )) ms"

# Can answers first.
keys r
typetext "Can yanıtlıyor: iade onaylandı."
keys F2
ok 'wait_for "reply queued for the customer"' "Can sends a reply meanwhile"

E2E_T=ayse
ok 'poll_for "changed while you were typing" 3' "Ayşe's screen says the ticket changed while she was typing"
like "$(screen)" "Can Arslan added a reply" "naming who and what"
keys F2
ok 'wait_for "send again to confirm"' "her first F2 asks for confirmation"
is "$(replies "Merhaba, kargonuz")" 0 "and sends nothing"
ok 'wait_for "kargonuz bugün çıktı"' "her text is still in the form"
keys F2
ok 'wait_for "reply queued for the customer"' "the second F2 sends it"
is "$(sql -c "SELECT body FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
    WHERE t.number = '$ticket' AND m.kind = 'reply' AND m.body LIKE 'Merhaba, kargonuz%'")" "$mine" \
	"once, every letter of it"

# Another tab over the ticket: Ayşe is not there for Can, and the time it is
# covered is not counted.
E2E_T=ayse
keys 2
ok 'wait_for "Mine [0-9]"' "Ayşe switches to the Tickets tab, over her ticket"
covered_at=$(now_ms)
E2E_T=can
ok 'poll_gone "Ayşe Yılmaz is" 2' "Can's screen drops her while her ticket is covered"
while [ $(( $(now_ms) - covered_at )) -lt 3000 ]; do sleep 0.1; done
E2E_T=ayse
keys 1
ok 'wait_for "Ticket $ticket"' "back on tab 1, the ticket is there again"
covered=$(( ($(now_ms) - covered_at + 500) / 1000 ))
E2E_T=can
ok 'poll_for "Ayşe Yılmaz is viewing" 2' "and Can sees her there again"

# Can quits: Ayşe hears "left" at once (not the 5 s expiry), and his seconds count.
E2E_T=ayse
ok 'poll_for "Can Arslan is viewing" 2' "Ayşe sees Can viewing again, his reply sent"
E2E_T=can
# Time is what is measured here: Can stays on the ticket 6 s in all.
while [ $(( $(now_ms) - can_open )) -lt 6000 ]; do sleep 0.1; done
keys q
can_secs=$(( ($(now_ms) - can_open + 500) / 1000 ))
ok 'e2e_exited 5 && [ "$E2E_STATUS" = 0 ]' "Can quits with q"
E2E_T=ayse; t=$(now_ms)
ok 'poll_gone "Can Arslan is" 2' "Ayşe's screen drops Can within 2 s"
echo "# Can was gone from Ayşe's screen after $(( $(now_ms) - t )) ms"
ok 'poll_spent $(( spent0 + can_secs - 1 )) && near "$(spent)" $(( spent0 + can_secs )) 1' \
	"Can's $can_secs s on the ticket were added on q"
spent1=$(spent)

keys Escape
ayse_secs=$(( ($(now_ms) - ayse_open + 500) / 1000 - covered ))
ok 'poll_spent $(( spent1 + ayse_secs - 1 )) && near "$(spent)" $(( spent1 + ayse_secs )) 1' \
	"Ayşe's $ayse_secs s were added when she closed the ticket, not the $covered s it was covered"
echo "# added: Can $(( spent1 - spent0 )) s of $can_secs, Ayşe $(( $(spent) - spent1 )) s of $ayse_secs"

# A 3,000-character paste into the reply.
long=$(python3 -c 'import sys; sys.stdout.write(("Çok uzun yanıt İĞÜŞ " * 200)[:2990] + "SON-İŞARET")')
open_ticket
wait_for "Ticket $ticket" >/dev/null
keys r
pastetext "$long"
keys F2
ok 'wait_for "reply queued for the customer"' "a 3,000-character pasted reply goes"
is "$(sql -c "SELECT length(body) FROM backdesk.ticket_messages WHERE body LIKE '%SON-İŞARET'")" 3000 \
	"whole"
keys q
e2e_exited 5 >/dev/null
is "$(cat "$san"/* 2>/dev/null | head -20)" "" "no sanitizer report"
