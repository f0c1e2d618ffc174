#!/bin/bash
# What the commands print passes the console's sanitizer: a refusal that echoes an
# order number, a login or an argument shows its escape sequences as visible ␛ and
# its invisible characters spelled out ("⟨U+200B⟩"); no raw ESC reaches the terminal.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
plan 17

newdb terminal_output; db=$REPLY
export PGDATABASE=$db
tmp=$BACKDESK_TEST_TMP/terminal_output.$$
at_exit "rm -f $tmp.*"
login=t_termout_$$
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS $login'"

# How many raw ESC bytes, C1 controls (UTF-8 C2 80-9F) or zero-width spaces a file holds.
raw_esc() { LC_ALL=C grep -c -P '\x1b' "$1"; }
raw_c1() { LC_ALL=C grep -c -P '\xc2[\x80-\x9f]' "$1"; }
raw_zwsp() { LC_ALL=C grep -c -P '\xe2\x80\x8b' "$1"; }

# An order number with a screen-clearing sequence, a title change and a zero-width
# space, as JSON escapes: the server refuses it and quotes it back.
printf '%s\n' '{"number": "SO-1002\u001b[2J\u001b]0;pwned\u0007\u200b34", "currency": "TRY", "lines": []}' \
	>"$tmp.jsonl"
"$BACKDESK" import "$tmp.jsonl" >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc" 1 "the order number is refused"
like "$(cat "$tmp.err")" "SO-1002␛\[2J␛\]0;pwned␇⟨U\+200B⟩34.* has characters an order number cannot have" \
	"the refusal shows the number with ESC, BEL and U+200B visible"
is "$(raw_esc "$tmp.err"):$(raw_zwsp "$tmp.err")" "0:0" "no raw ESC and no zero-width space on the terminal"

# JSON lets a C1 control (here CSI, which 8-bit terminals obey like ESC [), DEL and
# U+200B stand raw in a string: the refusal shows them as U+FFFD, ␡ and ⟨U+200B⟩.
printf '{"number": "SO-1\xc2\x9b31m\x7f\xe2\x80\x8b2", "currency": "TRY", "lines": []}\n' >"$tmp.raw.jsonl"
"$BACKDESK" import "$tmp.raw.jsonl" >"$tmp.out" 2>"$tmp.err"; rc=$?
like "$rc:$(cat "$tmp.err")" "^1:.*SO-1�31m␡⟨U\+200B⟩2.* has characters an order number cannot have" \
	"a raw C1 control, DEL and U+200B in a line are refused and shown visibly"
is "$(raw_c1 "$tmp.err"):$(LC_ALL=C grep -c -P '\x7f' "$tmp.err"):$(raw_zwsp "$tmp.err")" "0:0:0" \
	"none of them reaches the terminal raw"

# A login full of control characters: the server refuses it and quotes it back.
"$BACKDESK" staff add $'ev\e[31mil\e]2;x\a\xe2\x80\x8b' --name "X" --role agent >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc" 1 "a login with control characters is refused"
like "$(cat "$tmp.err")" "login 'ev␛\[31mil␛\]2;x␇⟨U\+200B⟩' is not valid" "the refusal shows them visibly"
is "$(cat "$tmp.out" "$tmp.err" | LC_ALL=C grep -c -P '\x1b|\x07|\xe2\x80\x8b')" 0 "none reaches the terminal raw"

# A good login with a hostile name: the confirmation and the list show it harmlessly.
"$BACKDESK" staff add "$login" --name $'Red\e[31m Name\xef\xbb\xbf' --role agent >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc" 0 "a hostile full name is stored as it is"
like "$(cat "$tmp.out")" "added $login \(Red␛\[31m Name⟨U\+FEFF⟩\) as agent" "the confirmation shows it visibly"
"$BACKDESK" staff list >"$tmp.list" 2>&1
like "$(grep "^$login " "$tmp.list")" "Red␛\[31m Name⟨U\+FEFF⟩" "so does staff list"
is "$(raw_esc "$tmp.out"):$(raw_esc "$tmp.list")" "0:0" "with no raw ESC"

# A database name with an escape sequence: libpq's refusal quotes it.
"$BACKDESK" --dsn $'dbname=no\e[2Jdb\xe2\x80\x8b' migrate --status >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc" 1 "connecting to a database that does not exist fails"
like "$(cat "$tmp.err")" "no␛\[2Jdb⟨U\+200B⟩" "the message shows the name visibly"
is "$(raw_esc "$tmp.err"):$(raw_zwsp "$tmp.err")" "0:0" "no raw ESC, no zero-width space"

# An argument the command line does not understand is quoted back harmlessly.
"$BACKDESK" $'\e]0;pwned\a' >"$tmp.out" 2>"$tmp.err"; rc=$?
is "$rc" 2 "an unknown command is a usage error"
like "$(head -n 1 "$tmp.err"):$(raw_esc "$tmp.err")" "unknown command '␛\]0;pwned␇':0$" \
	"quoted with ESC visible, none raw"
