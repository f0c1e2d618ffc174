#!/bin/bash
# The console translates the database's refusals by the formats they are made from
# (db/refusal.c, issue 16), and the sentences screens show (db/sentence.c) the
# same way, so its catalog must hold every format the functions can
# raise today: tools/refusals.py, run on a freshly migrated database, writes exactly
# the committed db/refusal_texts.inc.  A migration with a new refusal regenerates it
# (tools/refusals.py with PGDATABASE set), then make po and the translations.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 5

tmp=$(mktemp -d)
at_exit rm -rf "$tmp"
emptydb refusal_catalog; db=$REPLY
PGDATABASE=$db "$BACKDESK" migrate >/dev/null || { echo "Bail out! migrate failed"; exit 1; }

PGDATABASE=$db python3 "$BACKDESK_ROOT/tools/refusals.py" "$tmp/refusal_texts.inc" 2>"$tmp/err"
is "$?:$(cat "$tmp/err")" "0:" "tools/refusals.py reads the migrated functions"
out=$(diff -u "$BACKDESK_ROOT/db/refusal_texts.inc" "$tmp/refusal_texts.inc" | head -n 40)
is "$out" "" "db/refusal_texts.inc is today's catalog (run tools/refusals.py on a migrated database)"

out=$(diff -u "$BACKDESK_ROOT/db/sentence_texts.inc" "$tmp/sentence_texts.inc" | head -n 40)
is "$out" "" "db/sentence_texts.inc is today's catalog of the sentences screens show (tools/refusals.py)"
# The answers' reasons and the tickets' system messages are in it (db/sentence.c).
count=$(grep -c -e '"the promised delivery day %s is past"' -e '"%s was merged into this ticket (%s messages moved)."' \
	-e '"Closed automatically %s days after it was resolved."' "$tmp/sentence_texts.inc")
is "$count" "3" "the sentences' catalog holds the answers' reasons and the tickets' system messages"

# A refusal raised by the database is found: the catalog's own test, on a real one.
count=$(grep -c '^{ ' "$tmp/refusal_texts.inc")
ok "[ ${count:-0} -gt 400 ]" "the catalog holds the functions' refusals ($count formats)"
