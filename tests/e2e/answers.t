#!/bin/bash
# Answer templates on the order screen: filled with the order's data in the
# customer's language, to read out, and one sent to the outbox.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 8

newdb e2e_answers; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null 2>&1 || { echo "Bail out! seed --demo failed"; exit 1; }
q() { psql -XAt -d "$db" -c "$1"; }

e2e_start 100x30 PGDATABASE="$db" PGUSER=ayse -- "$BACKDESK"
wait_for "Ayşe Yılmaz \(agent\)" >/dev/null
keys /
typetext SO-100234
keys Enter
wait_idle
keys Enter
wait_idle
keys w
ok 'wait_for "Answers for SO-100234"' "w opens the answers for the order"
ok 'wait_for "^ 1\. where is my order ·"' "the where-is-my-order answer comes first, its category in words"
ok 'wait_for "SO-100234.*|701234567890"' "filled with the order's own data"
keys e
wait_for "Send answer number" >/dev/null
typetext 1
keys Enter
ok 'wait_for "E-mail answer 1 " && wait_for "A sent e-mail cannot be taken back"' "e and a number first say which answer goes, and that it cannot be taken back"
is "$(q "SELECT count(*) FROM backdesk.outbox WHERE kind = 'template'")" 0 "nothing is queued before the answer"
keys y
ok 'wait_for "answer queued for SO-100234"' "y sends it (s sorts lists, e sends)"
is "$(q "SELECT recipient FROM backdesk.outbox WHERE kind = 'template' AND created_by = 'ayse'")" \
	"sukru@example.com" "it waits in the outbox for Şükrü"
keys Escape
ok 'wait_for "^ Where is it"' "Esc goes back to the order"
