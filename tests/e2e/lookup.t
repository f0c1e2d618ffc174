#!/bin/bash
# The lookup box (g, :find): results as you type, by a phone number in any
# spacing, by a name without its accents, by tracking, order and ticket number,
# the matching part highlighted; Enter opens the right thing and says so; an empty
# result says so; what was typed survives a lost connection; a key searches at once,
# and keys typed while a search is in flight search only the newest text, once,
# when it is back, its stale answer never shown nor opened; the hits are shown
# before where they lead is known (a second call), and Enter waits for that.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
plan 52

newdb e2e_lookup; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
# One of them: the demo has ten with this subject, and typing all ten numbers typed
# their line breaks as Enter.
ticket=$(psql -XAt -d "$db" -c "SELECT number FROM backdesk.tickets WHERE subject = 'Kargom nerede?' ORDER BY id LIMIT 1")
E=$'\e'

e2e_start 80x24 PGDATABASE="$db" -- "$BACKDESK"
ok 'wait_for "connected"' "the console is up"
wait_for "^SO-|^[A-Z]{2}-[0-9]" >/dev/null

# lookup TEXT: opens the box from wherever we are and types TEXT.
lookup() {
	keys g
	typetext "$1"
}
back_to_list() {
	for _ in 1 2 3 4; do
		keys Escape
		wait_for "^Order +Placed +Customer" 2 >/dev/null && return 0
	done
	return 1
}

lookup "0532 123 45 67"
ok 'wait_for "customer +Şükrü Öztürk +\+90 532 123 45 67"' "a phone with spaces and the trunk 0 finds Şükrü"
like "$(screen)" "Enter opens customer Şükrü Öztürk" "the line under the list says what Enter opens"
like "$(screen_attrs)" "\+($E\[[0-9;]*m)+90 532 123 45 67$E\[" "the matching digits are highlighted"
keys Enter
ok 'wait_for "Customer Şükrü Öztürk"' "Enter opens the customer screen"
ok 'wait_for "^ E-mail +sukru@example.com"' "with the contact details"
back_to_list

lookup "+905321234567"
ok 'wait_for "customer +Şükrü Öztürk"' "the same phone written +905321234567 finds Şükrü"
keys Enter
ok 'wait_for "Customer Şükrü Öztürk"' "and opens him"
back_to_list

lookup "sukru ozturk"
ok 'wait_for "customer +Şükrü Öztürk"' "a name without its accents finds Şükrü Öztürk"
like "$(screen_attrs)" "($E\[[0-9;]*m)+Şükrü Öztürk$E\[" "the whole name is highlighted"
keys Enter
ok 'wait_for "Customer Şükrü Öztürk"' "and Enter opens him"
back_to_list

lookup "701234567890"
ok 'wait_for "parcel +701234567890 +Yurtiçi Kargo · SO-100234"' "a tracking number finds the parcel, its carrier by name (0022)"
like "$(screen)" "Enter opens parcel 701234567890" "which opens the parcel itself (issue 14)"
keys Enter
ok 'wait_for "Parcel 701234567890" && wait_for "^ Yurtiçi Kargo 701234567890"' "Enter opens the parcel screen"
ok 'wait_for "Order +SO-100234 · shipped"' "which names its order"
keys O
ok 'wait_for "Order SO-100234" && wait_for "in transit with Yurtiçi Kargo since"' \
	"O opens the order: where it is, with the carrier's name, not its code (0022)"
keys PageDown
ok 'wait_for "^ Yurtiçi Kargo +701234567890 +in transit"' "the parcels name the carrier too"
back_to_list

# An agent types the number and presses Enter at once, before the results show.
keys g
wait_for "Look up:" >/dev/null
typetext "SO-100234"
keys Enter
ok 'wait_for "Order SO-100234"' "an order number and Enter at once opens that order"
ok 'wait_for "^ Lines"' "the order screen shows"
back_to_list

lookup "100234"
ok 'wait_for "order +SO-100234 +Şükrü Öztürk"' "the order number without its prefix finds the order"
keys Enter
ok 'wait_for "Order SO-100234"' "and opens it"

# g works from the order screen too; a ticket opens its own screen (issue 12).
lookup "$ticket"
ok 'wait_for "ticket +$ticket +Kargom nerede"' "g from the order screen: a ticket number finds the ticket"
keys Enter
ok 'wait_for "Ticket $ticket" && wait_for "^ $ticket  Kargom nerede" && wait_for "Links +order SO-100234"' \
	"Enter on a ticket opens the ticket, which names its order"
back_to_list

lookup "qqqzzz"
ok 'wait_for "nothing found for “qqqzzz”"' "an empty result says nothing was found for what was typed"
like "$(screen)" "Try a phone number, an order number" "with a hint"
keys BSpace BSpace BSpace BSpace BSpace BSpace
typetext "gulsen"
ok 'wait_for "customer +Gülşen Çağlar"' "editing the text searches again"
keys Escape
ok 'wait_gone "Look up:"' "Esc closes the lookup"

keys :
typetext "find arvizturo"
keys Enter
ok 'wait_for "Look up: arvizturo"' ":find TEXT opens the lookup with the text"
ok 'wait_for "customer +Árvíztűrő Tünde"' "and its results (Árvíztűrő found as arvizturo)"

# The connection goes while the box is open: what was typed stays, and the box
# works again once the console has reconnected.
typetext " t"
wait_for "Look up: arvizturo t" >/dev/null
psql -XAtq -d "$db" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = 'backdesk'" >/dev/null
ok 'poll_for "connected again|DISCONNECTED|lost the database"' "the lost connection is reported"
ok 'poll_for "connected again" 15' "the console reconnects"
like "$(screen)" "Look up: arvizturo t" "what was typed is still in the box"
keys BSpace BSpace
typetext " tünde"
ok 'wait_for "customer +Árvíztűrő Tünde"' "and the lookup works again"
keys Escape
wait_gone "Look up:" >/dev/null

keys :
typetext "order so-100120"
keys Enter
ok 'wait_for "Order SO-100120"' ":order NUMBER opens the order (in any case)"
back_to_list

# No fixed wait: a key read while the program sleeps sends its search before it
# sleeps again, never after a timer (main waited 150 ms).  A key read in a round
# the program happened to be awake in (a heartbeat) finds the search's zero-delay
# timer still due when it sleeps; so three tries, of which one suffices.
slept=0
for try in 1 2 3; do
	keys g
	wait_for "Look up:" >/dev/null
	mark=$(wc -l < "$(_e2e_events)")
	pastetext "gulsen"
	wait_for "customer +Gülşen Çağlar" >/dev/null
	tail -n +$((mark + 1)) "$(_e2e_events)" | grep -q '^busy timer' && slept=$((slept + 1))
	keys Escape
	wait_gone "Look up:" >/dev/null
done
ok '[ "$slept" -lt 3 ]' "a pasted name is searched without a fixed wait (no timer before it)"

# Only the newest text searched, nothing stale shown.  gate FN CLASS wraps
# api.FN: its call n first waits for its turn, the advisory lock (CLASS, n) that a
# session of the test holds, is refused when n is in public.FN_fail, then is written
# down in public.FN_calls (when it commits: a cancelled call leaves no row).
psql -XqAt -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<'SQL' || { echo "Bail out! could not make the gate"; exit 1; }
CREATE FUNCTION public.gate(p_fn text, p_class int) RETURNS void LANGUAGE plpgsql AS $do$
DECLARE
	f regprocedure;
	args text;
	res text;
BEGIN
	EXECUTE format('CREATE SEQUENCE public.%I', p_fn || '_turn');
	EXECUTE format('CREATE TABLE public.%I (turn int, q text)', p_fn || '_calls');
	EXECUTE format('CREATE TABLE public.%I (turn int)', p_fn || '_fail');
	SELECT p.oid::regprocedure, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid)
	  INTO STRICT f, args, res
	  FROM pg_proc p WHERE p.pronamespace = 'api'::regnamespace AND p.proname = p_fn;
	EXECUTE format('ALTER FUNCTION %s RENAME TO %I', f, p_fn || '_gated');
	EXECUTE format($f$CREATE FUNCTION api.%1$I(%2$s) RETURNS %3$s LANGUAGE plpgsql SECURITY DEFINER
		SET search_path = pg_catalog, public, pg_temp AS $b$
		DECLARE n bigint := nextval('public.%1$s_turn');
		BEGIN
			PERFORM pg_advisory_xact_lock_shared(%4$s, n::int);
			IF EXISTS (SELECT 1 FROM public.%1$s_fail WHERE turn = n) THEN
				RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'refused by the test';
			END IF;
			INSERT INTO public.%1$s_calls VALUES (n, $1::text);
			RETURN QUERY SELECT * FROM api.%1$s_gated($1, $2);
		END $b$$f$, p_fn, args, res, p_class);
END $do$;
SELECT public.gate('find', 1111);
SQL
# hold CLASS N: a session holds call N's turn until release CLASS N.
hold() {
	PGAPPNAME=bd-turn-$1-$2 psql -XqAt -d "$db" -c "SELECT pg_advisory_lock($1, $2); SELECT pg_sleep(60)" >/dev/null 2>&1 &
	eval "turn_holder_$1_$2=$!"
	at_exit "kill $!"
	for _ in $(seq 600); do
		[ "$(psql -XAt -d "$db" -c "SELECT count(*) FROM pg_locks l WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND locktype = 'advisory'
		     AND classid = $1 AND objid = $2 AND granted")" = 1 ] && return 0
		sleep 0.05
	done
	echo "# hold: the turn $1 $2 was not taken in 30 s"
	return 1
}
release() {
	local holder
	psql -XqAt -d "$db" -c "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity
	                         WHERE datname = current_database() AND application_name = 'bd-turn-$1-$2'" >/dev/null
	eval "holder=\$turn_holder_$1_$2"
	wait "$holder" 2>/dev/null || true
}
# waits_on CLASS N: a call of the console waits for turn N (10 s at most); its
# backend's pid in $REPLY.
waits_on() {
	for _ in $(seq 200); do
		REPLY=$(psql -XAt -d "$db" -c "SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a USING (pid)
		        WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
		          AND l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND NOT l.granted
		          AND a.application_name = 'backdesk'")
		[ -n "$REPLY" ] && return 0
		sleep 0.05
	done
	echo "# waits_on: no call of the console waits for turn $1 $2"
	return 1
}
# keys_read: the program has read every key sent (its events say so).
keys_read() {
	for _ in $(seq 200); do
		grep -q "^key ${_E2E_KEYS[$E2E_T]} " "$(_e2e_events)" && return 0
		sleep 0.05
	done
	return 1
}
hold 1111 1 && hold 1111 2 || { echo "Bail out! could not hold the turns"; exit 1; }
keys g
wait_for "Look up:" >/dev/null
pastetext "gulsen"
ok 'waits_on 1111 1' "a pasted name is searched as one search"
first=$REPLY
keys BSpace BSpace BSpace BSpace BSpace BSpace
typetext "SO-100234"
keys Enter
keys_read
waits_on 1111 1 >/dev/null
is "$REPLY:$(psql -XAt -d "$db" -c "SELECT count(*) FROM public.find_calls")" "$first:0" \
	"keys typed while it runs neither cancel it nor send another search"
_e2e_tmux pipe-pane -t "$E2E_T" -o "cat >> '$BACKDESK_TEST_TMP/lookup-stale.$$'"
release 1111 1
ok 'waits_on 1111 2' "when it is back, the newest text is searched"
is "$(psql -XAt -d "$db" -c "SELECT string_agg(turn || ' ' || q, ', ' ORDER BY turn) FROM public.find_calls")" \
	"1 gulsen" "the first search ran to its end (no cancel, no round trip for one)"
ok '! grep -q "Gülşen" <<<"$(screen)"' "its hits, for text no longer typed, are not shown"
release 1111 2
ok 'wait_for "Order SO-100234"' "Enter pressed before the hits opens the hit for the text on screen"
_e2e_tmux pipe-pane -t "$E2E_T"
# What the terminal got meanwhile, its escape sequences taken out.
ok '! grep -Eq "Gülşen|Çağlar" <<<"$(sed "s/\x1b\[[0-9;?]*[A-Za-z]//g" "$BACKDESK_TEST_TMP/lookup-stale.$$")"' \
	"the stale hits never reached the terminal, not even for a moment"
is "$(psql -XAt -d "$db" -c "SELECT string_agg(turn || ' ' || q, ', ' ORDER BY turn) FROM public.find_calls")" \
	"1 gulsen, 2 SO-100234" "two searches in all: the one in flight and the newest text"
back_to_list

# Where the hits lead is asked after they are shown: api.find_targets gated the
# same way (class 2222), its second call refused.
psql -XqAt -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<'SQL' || { echo "Bail out! could not gate api.find_targets"; exit 1; }
SELECT public.gate('find_targets', 2222);
INSERT INTO public.find_targets_fail VALUES (2);
SQL
hold 2222 1 || { echo "Bail out! could not hold the targets' turn"; exit 1; }
keys g
wait_for "Look up:" >/dev/null
typetext "SO-100301"
# (poll_for: the console is busy until where they lead is read, never idle.)
ok 'waits_on 2222 1 && poll_for "order +SO-100301 "' "the hits are shown while where they lead is still being read"
keys Enter
keys_read
ok '! grep -q "Order SO-100301" <<<"$(screen)" && grep -q "Look up:" <<<"$(screen)"' \
	"Enter before where the hit leads is known opens nothing yet"
release 2222 1
ok 'wait_for "Order SO-100301"' "and opens the order once it is known"
back_to_list
keys g
wait_for "Look up:" >/dev/null
typetext "SO-100301"
ok 'wait_for "where the hits lead could not be read: F5 searches again"' \
	"a refused call for where the hits lead says so under the hits"
like "$(screen)" "order +SO-100301 " "the hits stay"
keys Enter
ok 'wait_for "where order SO-100301 leads could not be read: F5 searches again"' \
	"Enter then says why it opens nothing"
keys F5
ok 'wait_for "Enter opens order SO-100301"' "F5 searches again, and Enter is ready"
back_to_list

keys q
ok 'e2e_exited 5' "q quits"
is "$E2E_STATUS" 0 "with exit status 0 (nothing leaked, under ASan)"
