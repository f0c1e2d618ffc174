#!/bin/bash
# The arrows of docs/ARCHITECTURE.md, read from every #include: a layer includes
# only itself and the layers below it, tui/ never libpq or curl, and nothing under
# the console's screens includes ncurses but tui/ (and the app that starts it).
source "$BACKDESK_ROOT/tests/lib/tap.sh"
cd "$BACKDESK_ROOT" || exit 1

# What each folder may include of the project's own folders (itself included).
declare -A may=(
	[common]="common"
	[config]="config common"
	[net]="net common" # libcurl loaded when first used: nothing includes it
	[mail]="mail config common"
	[carrier]="carrier common"
	[mail]="mail config common"
	[db]="db common"
	[seed]="seed db carrier common"
	[tui]="tui common"
	[views]="views tui db carrier mail config common"
	[app]="app views seed tui db carrier mail config common"
	[tools/tui-demo]="tui common" # the toolkit stands on its own
)
# System headers a folder must not include (extended regular expressions).
declare -A never=(
	[tui]='^(libpq-fe\.h|libpq/.*|curl/.*)$'
	[db]='^(n?curses.*\.h|term\.h|form\.h|panel\.h|menu\.h|curl/.*)$'
	[carrier]='^(n?curses.*\.h|term\.h|form\.h|panel\.h|menu\.h|libpq-fe\.h)$'
	[mail]='^(n?curses.*\.h|term\.h|form\.h|panel\.h|menu\.h|libpq-fe\.h)$'
	[seed]='^(n?curses.*\.h|term\.h|form\.h|panel\.h|menu\.h|curl/.*)$'
	[mail]='^(n?curses.*\.h|term\.h|form\.h|panel\.h|menu\.h|libpq-fe\.h|libpq/.*)$'
	[config]='^(n?curses.*\.h|term\.h|form\.h|panel\.h|menu\.h|curl/.*)$'
	[common]='^(n?curses.*\.h|term\.h|libpq-fe\.h|curl/.*|jansson\.h)$'
	[net]='^(n?curses.*\.h|term\.h|libpq-fe\.h|libpq/.*|jansson\.h)$'
	[views]='^(curl/.*)$'
	[tools/tui-demo]='^(libpq-fe\.h|curl/.*)$'
)
plan $((2 * ${#may[@]} + 1))

# Every folder that holds C is one of the layers above, so a new folder is named
# here (and in the Makefile's LIB_DIRS) on purpose.
unknown=$(find . -path ./tests -prune -o -path './build*' -prune -o -path ./.git -prune -o \
	-name '*.[ch]' -printf '%h\n' | sed 's#^\./##' | sort -u | while read -r d; do
	[ -n "${may[$d]+x}" ] || echo "$d"
done)
is "$unknown" "" "every folder with C sources is a layer the arrows name"

for dir in common net config carrier mail db seed tui views app tools/tui-demo; do
	wrong=""
	banned=""
	for f in "$dir"/*.[ch]; do
		[ -e "$f" ] || continue
		while read -r inc; do
			case "$inc" in
			\"*)
				inc=${inc#\"}
				inc=${inc%\"}
				top=${inc%%/*}
				[ "$top" = "$inc" ] && continue # a generated header beside it
				[[ " ${may[$dir]} " == *" $top "* ]] || wrong+=" $f→$inc"
				;;
			\<*)
				inc=${inc#<}
				inc=${inc%>}
				[ -n "${never[$dir]:-}" ] && [[ "$inc" =~ ${never[$dir]} ]] && banned+=" $f→<$inc>"
				;;
			esac
		done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+([<"][^>"]+[>"]).*/\1/p' "$f")
	done
	is "$wrong" "" "$dir/ includes only ${may[$dir]// /, }"
	is "$banned" "" "$dir/ includes no forbidden system header"
done
