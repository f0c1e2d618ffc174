#!/bin/sh
# The message catalogs' one source of truth, shared by `make po` and
# tests/shell/translations.t so the check sees exactly what a translator gets.
#
#   tools/po.sh pot OUT.pot     every marked string of the program's sources
#   tools/po.sh update          po/backdesk.pot from the sources, merged into po/*.po
#   tools/po.sh missing LANG [FILE.po]
#                               what LANG's catalog (po/LANG.po, or FILE.po) lacks
#                               for today's sources: listed, and exit 1
#
# The sources are found, not listed (no POTFILES to forget): every .c and .h of the
# program's layers, and the .inc catalogs they include (db/refusal_texts.inc).
# Keywords: _() and N_() (common/i18n.h), ngettext and its
# ngettext_ alias for plurals.
set -eu
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8

LINGUAS="tr hu"
DIRS="common net config mail carrier db seed tui views app"

pot() {
	# shellcheck disable=SC2046
	xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
		--keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=ngettext_:1,2 --keyword=NC_:1c,2 \
		--flag=_:1:pass-c-format --flag=N_:1:pass-c-format --flag=ngettext_:1:pass-c-format \
		--package-name=backdesk --msgid-bugs-address="README.md (issues)" --add-location=file \
		--no-wrap -o "$1" $(find $DIRS -maxdepth 1 \( -name '*.[ch]' -o -name '*.inc' \) | LC_ALL=C sort)
}

case "${1:-}" in
pot)
	pot "${2:?usage: tools/po.sh pot OUT.pot}"
	;;
update)
	tmp=$(mktemp)
	trap 'rm -f "$tmp"' EXIT
	pot "$tmp"
	# Only a real change rewrites the template (the creation date alone is none).
	if ! [ -f po/backdesk.pot ] ||
		! diff -q -I '^"POT-Creation-Date:' po/backdesk.pot "$tmp" >/dev/null; then
		cp "$tmp" po/backdesk.pot
		echo "  POT     po/backdesk.pot"
	fi
	for l in $LINGUAS; do
		msgmerge --quiet --update --backup=none --previous --no-wrap --add-location=file \
			"po/$l.po" po/backdesk.pot
		echo "  MERGE   po/$l.po: $(msgfmt --statistics -o /dev/null "po/$l.po" 2>&1)"
	done
	;;
missing)
	l=${2:?usage: tools/po.sh missing LANG [FILE.po]}
	catalog=${3:-po/$l.po}
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	pot "$tmp/backdesk.pot"
	msgmerge --quiet --no-wrap -o "$tmp/$l.po" "$catalog" "$tmp/backdesk.pot"
	msgattrib --no-wrap --untranslated --no-obsolete -o "$tmp/untranslated.po" "$tmp/$l.po"
	msgattrib --no-wrap --only-fuzzy --no-obsolete -o "$tmp/fuzzy.po" "$tmp/$l.po"
	bad=0
	for what in untranslated fuzzy; do
		if [ -s "$tmp/$what.po" ] && grep -q '^msgid "..*"' "$tmp/$what.po"; then
			n=$(grep -c '^msgid "..*"' "$tmp/$what.po")
			echo "po/$l.po: $n $what:"
			grep '^msgid "..*"' "$tmp/$what.po" | head -n 20 | sed 's/^/  /'
			bad=1
		fi
	done
	exit $bad
	;;
*)
	echo "usage: tools/po.sh pot OUT.pot | update | missing LANG" >&2
	exit 2
	;;
esac
