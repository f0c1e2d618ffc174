#!/bin/bash
# Each e-mail kind's SQL and its template files agree (issue 16): the values the
# database writes in a kind's vars are exactly the ones mail/template.c lets its
# files use, for every kind the system sends, in every language; the installed
# files all load (a file using a value its kind does not have is refused, with
# FILE:LINE).  Fails when a migration changes what a kind writes without its
# files, or the other way round.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/lib/all_kinds.sh"
plan 5

newdb template_vars; db=$REPLY
export PGDATABASE=$db
tool=$BACKDESK_BUILD/tests/tools/template_vars
all_kinds TV-EN en tv-en@example.com 'Jane Doe' && all_kinds TV-TR tr tv-tr@example.com 'Şükrü Öztürk' \
	&& all_kinds TV-HU hu tv-hu@example.com 'Kovács Éva'
is "$?" 0 "one message of every kind queued, in en, tr and hu"

files=$("$tool")
sent=$(psql -XAtq -c "SELECT kind || coalesce(' ' || string_agg(k, ' ' ORDER BY k), '')
    FROM (SELECT DISTINCT o.kind, k FROM backdesk.outbox o, jsonb_object_keys(o.vars) k) x
    GROUP BY kind ORDER BY kind")
is "$sent" "$(sort <<<"$files")" "each kind's vars in the database are exactly the values its files may use"
is "$(psql -XAtq -c "SELECT count(*) FROM backdesk.outbox WHERE vars IS NULL AND channel = 'email'")" 0 \
	"every e-mail is written from a file (vars), none rendered in SQL"
is "$(psql -XAtq -c "SELECT string_agg(lang || ':' || n, ' ' ORDER BY lang) FROM (SELECT lang, count(DISTINCT kind) n FROM backdesk.outbox GROUP BY lang) x")" \
	"en:10 hu:10 tr:10" "all ten kinds in each language"
out=$("$tool" "$BACKDESK_ROOT/templates" 2>&1)
is "$?:$(tail -n 1 <<<"$out")" "0:loaded" "the installed files all load: every kind, every language, their values checked"
