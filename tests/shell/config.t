#!/bin/bash
# The configuration through the real program: where it is found, what a bad one
# says (file and line), and that a good one is used.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 9

newdb config; db=$REPLY
dir=$BACKDESK_TEST_TMP/config.$$
mkdir -p "$dir/xdg/backdesk"
at_exit "rm -rf $dir"

printf '[database]\ndsn = dbname=%s\n[ui]\nmouse = maybe\n' "$db" > "$dir/bad.ini"
err=$(PGDATABASE=postgres "$BACKDESK" --config "$dir/bad.ini" migrate --status 2>&1); rc=$?
is "$rc" 1 "a bad value stops the program (exit 1)"
like "$err" "$dir/bad.ini:4: \[ui\] mouse = 'maybe' is not valid: use on or off" "naming file, line, key and the fix"

printf '[database]\ndsn = dbname=%s\ncolour = blue\n' "$db" > "$dir/xdg/backdesk/backdesk.ini"
out=$(XDG_CONFIG_HOME=$dir/xdg PGDATABASE=postgres "$BACKDESK" migrate --status 2>&1); rc=$?
is "$rc" 0 "the file in \$XDG_CONFIG_HOME/backdesk is found and used"
like "$out" "up to date" "its dsn points at the migrated database"
like "$out" "backdesk.ini:3: unknown key 'colour' in \[database\]; it is ignored" "an unknown key is a warning with file and line"

err=$(BACKDESK_CONFIG=$dir/none.ini "$BACKDESK" migrate --status 2>&1); rc=$?
is "$rc" 1 "a named file that is missing is an error"
like "$err" "none.ini" "that names the file"

printf '[database]\ndsn = dbname=nonexistent_%s\n' "$$" > "$dir/other.ini"
out=$(XDG_CONFIG_HOME=$dir/xdg PGDATABASE=postgres "$BACKDESK" --config "$dir/other.ini" --dsn "dbname=$db" migrate --status 2>&1); rc=$?
is "$rc" 0 "--dsn beats the file's dsn, --config beats \$XDG_CONFIG_HOME"
"$BACKDESK" --config 2>/dev/null; rc=$?
is "$rc" 2 "--config without a file is a usage error"
