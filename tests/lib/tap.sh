# A small TAP library for shell tests; `source` it.
#   plan N | ok COND NAME | is GOT WANT NAME | like GOT REGEX NAME | newdb NAME | done_testing
# newdb/emptydb NAME set $REPLY.  Each test gets databases of its own copied from the migrated template ($BD_TEMPLATE).
set -uo pipefail

_tap_n=0
_tap_failed=0
_tap_dbs=()

plan() { echo "1..$1"; _tap_planned=$1; }

_tap_result() {
	_tap_n=$((_tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_failed=$((_tap_failed + 1))
	fi
}

ok() { # ok "test expression as a string" name
	if eval "$1"; then _tap_result 0 "$2"; else _tap_result 1 "$2"; echo "#   failed: $1"; fi
}

is() {
	if [ "$1" = "$2" ]; then _tap_result 0 "$3"; else
		_tap_result 1 "$3"
		printf '#        got: %s\n#   expected: %s\n' "$1" "$2"
	fi
}

# A here-string, not a pipe: under pipefail, grep -q leaving early made the writer's
# SIGPIPE fail a match now and then (bash writes line by line).
like() {
	if grep -Eq -- "$2" <<<"$1"; then _tap_result 0 "$3"; else
		_tap_result 1 "$3"
		printf '#        got: %s\n#   expected to match: %s\n' "$1" "$2"
	fi
}

diag() { printf '# %s\n' "$*"; }

# newdb NAME: a fresh migrated database named in $REPLY, dropped at exit.
# emptydb NAME: the same without the schema.
newdb() { _tap_db "$1" -T "$BD_TEMPLATE"; }
emptydb() { _tap_db "$1"; }
_tap_db() {
	local db=bd_$1_$$
	shift
	createdb "$@" "$db" || { echo "Bail out! createdb $db failed"; exit 1; }
	_tap_dbs+=("$db")
	REPLY=$db
}

# at_exit CMD...: run at the end of the test, newest first, whatever happened.
_tap_at_exit=()
at_exit() { _tap_at_exit=("$*" "${_tap_at_exit[@]+"${_tap_at_exit[@]}"}"); }

_tap_end() {
	local rc=$?
	for cmd in "${_tap_at_exit[@]+"${_tap_at_exit[@]}"}"; do eval "$cmd" >/dev/null 2>&1; done
	for db in "${_tap_dbs[@]+"${_tap_dbs[@]}"}"; do dropdb --force "$db" >/dev/null 2>&1; done
	[ -n "${_tap_planned:-}" ] || echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ] && [ "$rc" -eq 0 ] || exit 1
}
trap _tap_end EXIT
