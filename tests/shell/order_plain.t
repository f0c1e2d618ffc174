#!/bin/bash
# The order screen's "Where is it" (views/order_plain.c) against every order of the
# demo (issue 16): in C it says word for word api.order_detail's plain_status, for
# every state the demo has; in Turkish and Hungarian none of them is left in
# English.  tests/unit/test_views_order_plain.c holds each case's words.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
export LC_ALL=C.UTF-8
plan 5

newdb order_plain; db=$REPLY
export PGDATABASE=$db
"$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
tool=$BACKDESK_BUILD/tests/tools/order_plain_say
docs=$BACKDESK_TEST_TMP/order_plain.docs
psql -XAtq -v ON_ERROR_STOP=1 -c "SELECT api.order_detail(id)::text FROM backdesk.orders ORDER BY id" >"$docs"
want=$(psql -XAtq -v ON_ERROR_STOP=1 -c "SELECT replace(api.order_detail(id)->>'plain_status', E'\n', ' ')
	FROM backdesk.orders ORDER BY id")
cases=$(psql -XAtq -v ON_ERROR_STOP=1 -c "SELECT string_agg(DISTINCT c, ' ' ORDER BY c) FROM (
	SELECT d->'plain'->>'case' c FROM (SELECT api.order_detail(id) d FROM backdesk.orders) x
	UNION SELECT p->'plain'->>'case' FROM (SELECT api.order_detail(id) d FROM backdesk.orders) x,
	       jsonb_array_elements(d->'parcels') p) y")
like "$cases" "cancelled .*delivered .*in_transit .*not_shipped .*parcels .*pending" \
	"the demo has orders of the order's cases and parcels in transit and delivered ($cases)"

got=$(LANG=C.UTF-8 LC_ALL= LANGUAGE= "$tool" <"$docs")
is "$got" "$want" "C: every order's sentence is its plain_status, word for word ($(wc -l <"$docs") orders)"

for loc in tr_TR.UTF-8 hu_HU.UTF-8; do
	out=$(LANG=$loc LC_ALL= LANGUAGE= "$tool" <"$docs")
	is "$(paste -d '\n' <(printf '%s\n' "$want") <(printf '%s\n' "$out") | paste - - -d '\t' |
		awk -F '\t' '$1 == $2' | wc -l)" 0 "$loc: no order's sentence is left in English"
done
is "$(grep -c "(bad document)" <<<"$got")" 0 "every document was read"
