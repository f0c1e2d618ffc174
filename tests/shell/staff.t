#!/bin/bash
# backdesk staff add/list/disable: an admin makes people's own logins; the password
# travels hashed; refusals say why and exit 1; wrong usage exits 2.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 17

newdb staff; db=$REPLY
login=t_staff_$$
export PGDATABASE=$db
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS $login, ${login}_b'"

out=$(printf 'correct horse\n' | "$BACKDESK" staff add "$login" --name "Zsófia Nagy" --role supervisor --password-stdin 2>&1); rc=$?
is "$rc" 0 "an admin (the superuser) adds a supervisor"
like "$out" "added $login \(Zsófia Nagy\) as supervisor" "and is told so"
is "$(psql -XAt -c "SELECT rolcanlogin AND pg_has_role('$login', 'backdesk_supervisor', 'MEMBER') FROM pg_roles WHERE rolname = '$login'")" t \
	"the login exists, in the supervisor group"
like "$(psql -XAt -c "SELECT rolpassword FROM pg_authid WHERE rolname = '$login'")" '^SCRAM-SHA-256\$' \
	"its password is stored as a SCRAM verifier"
is "$(psql -XAt -c "SELECT count(*) FROM backdesk.audit_log WHERE action = 'staff.add' AND detail->>'login' = '$login' AND NOT detail::text LIKE '%horse%'")" 1 \
	"audited, without the password"

list=$("$BACKDESK" staff list)
line=$(printf '%s\n' "$list" | grep "^$login ")
like "$line" "Zsófia Nagy +supervisor +active" "staff list shows the person"
header=$(printf '%s\n' "$list" | head -n 1)
is "$(printf '%s' "$header" | grep -o '^LOGIN.*ROLE' | wc -m)" "$(printf '%s' "$line" | grep -o "^$login.*supervisor" | sed 's/supervisor$/ROLE/' | wc -m)" \
	"columns line up in characters, accents and all"

err=$(PGUSER=$login "$BACKDESK" staff add "${login}_b" --name "X" --role agent 2>&1); rc=$?
is "$rc" 1 "a supervisor cannot add staff (exit 1)"
like "$err" "not allowed for $login" "and is told why"

# A session the person has open when they are disabled ends there and then.
psql -XAtq -U "$login" -c "SELECT pg_sleep(60)" >/dev/null 2>&1 & open_session=$!
for ((i = 0; i < 200; i++)); do
	[ "$(psql -XAt -c "SELECT count(*) FROM pg_stat_activity WHERE usename = '$login'")" = 1 ] && break
	sleep 0.05
done
"$BACKDESK" staff disable "$login" >/dev/null; rc=$?
is "$rc" 0 "an admin disables the login"
wait "$open_session"; rc=$?
is "$rc:$(psql -XAt -c "SELECT count(*) FROM pg_stat_activity WHERE usename = '$login'")" "2:0" \
	"the session the login had open was ended (psql lost its connection), none is left"
is "$(psql -XAt -c "SELECT detail->>'sessions_ended' FROM backdesk.audit_log WHERE action = 'staff.disable' AND detail->>'login' = '$login'")" 1 \
	"the audit row says one session was ended"
is "$(psql -XAt -c "SELECT rolcanlogin FROM pg_roles WHERE rolname = '$login'")" f "it can no longer log in"
err=$("$BACKDESK" staff disable "$login" 2>&1); rc=$?
like "$rc:$err" "^1:.*already disabled" "disabling twice is refused with the reason"

# A password longer than the program reads is refused, never cut short.
err=$(head -c 3000 /dev/zero | tr '\0' 'p' | "$BACKDESK" staff add "${login}_b" --name "Uzun Parola" --role agent --password-stdin 2>&1); rc=$?
like "$rc:$err" "^2:.*longer than 1022 bytes; nothing was added" "a 3000-byte password is refused with the reason (exit 2)"
is "$(psql -XAt -c "SELECT count(*) FROM pg_roles WHERE rolname = '${login}_b'")" 0 "and no login was made"

"$BACKDESK" staff add "$login" --role agent >/dev/null 2>&1; rc=$?
is "$rc" 2 "a missing --name is a usage error (exit 2)"
