#!/bin/bash
# A name misheard on the phone (issue 11): the lookup box lists the customer whose
# name is only similar to what was typed, and says so, at 80x24; an exact hit does
# not say it.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 6

newdb e2e_lookup_similar; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
ok 'wait_for "connected"' "the console is up"
wait_for "^SO-|^[A-Z]{2}-[0-9]" >/dev/null

keys g
typetext "arvituro tunde"
ok 'wait_for "customer +Árvíztűrő Tünde +similar name"' \
	'"arvituro tunde" (a letter lost) lists Árvíztűrő Tünde as a similar name'
keys Escape
wait_for "^Order +Placed +Customer" 2 >/dev/null || keys Escape

keys g
typetext "sukru ozturk"
ok 'wait_for "customer +Şükrü Öztürk"' "an exact name is listed"
ok 'wait_gone "similar name"' "and not as similar"
keys Escape
wait_for "^Order +Placed +Customer" 2 >/dev/null || keys Escape

keys q
ok 'e2e_exited 5' "q quits"
is "$E2E_STATUS" 0 "with exit status 0 (nothing leaked, under ASan)"
