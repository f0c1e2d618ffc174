#!/bin/bash
# A password in backdesk.ini makes it a secret file: while group or others may read
# it, the program refuses it as it refuses a secret file (naming the file and the
# chmod that fixes it); once it is private, it is used.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 7

newdb config_password; db=$REPLY
dir=$BACKDESK_TEST_TMP/config_password.$$
mkdir -p "$dir/xdg/backdesk"
at_exit "rm -rf $dir"

ini=$dir/backdesk.ini
printf '[database]\ndsn = dbname=%s password=secret\n' "$db" >"$ini"
chmod 644 "$ini"
err=$(PGDATABASE=postgres "$BACKDESK" --config "$ini" migrate --status 2>&1); rc=$?
is "$rc" 1 "a world-readable config file with a password is refused (exit 1)"
is "$err" "backdesk: config file $ini holds a password and is readable by group or others (mode 0644); run: chmod 600 $ini" \
	"naming the file and the chmod that fixes it"
ok '! grep -q "password=secret" <<<"$err"' "the password itself is not printed"

chmod 600 "$ini"
out=$(PGDATABASE=postgres "$BACKDESK" --config "$ini" migrate --status 2>&1); rc=$?
is "$rc" 0 "once it is chmod 600 it is accepted"
like "$out" "up to date" "and its dsn is used"

# The file found in $XDG_CONFIG_HOME is held to the same rule, and so is a URI.
xini=$dir/xdg/backdesk/backdesk.ini
printf '[database]\ndsn = postgresql://%s:secret@/%s\n' "$PGUSER" "$db" >"$xini"
chmod 640 "$xini"
err=$(XDG_CONFIG_HOME=$dir/xdg PGDATABASE=postgres "$BACKDESK" migrate --status 2>&1); rc=$?
like "$rc:$err" "^1:backdesk: config file $xini holds a password and is readable by group or others \(mode 0640\); run: chmod 600 $xini$" \
	"a password in a URI in the file found by the search order is refused too"
chmod 600 "$xini"
out=$(XDG_CONFIG_HOME=$dir/xdg PGDATABASE=postgres "$BACKDESK" migrate --status 2>&1); rc=$?
is "$rc" 0 "and accepted once private"
