#!/bin/sh
# Generates the locales the translations are tested in (tests/e2e/languages.t),
# and only the missing ones: silent when they are there.  Needs the `locales`
# package (the locale sources) and root, or sudo, to write the system's archive.
set -eu

LOCALES="tr_TR.UTF-8 hu_HU.UTF-8"

# `locale -a` spells them tr_TR.utf8.
have() {
	locale -a 2>/dev/null | grep -qix "$(echo "$1" | sed 's/\.UTF-8$/.utf8/')"
}

missing=""
for l in $LOCALES; do
	have "$l" || missing="$missing $l"
done
[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "Missing locales:$missing — run tools/locales.sh as root or install sudo." >&2
		exit 1
	fi
fi
for l in $missing; do
	echo "Generating locale $l"
	$SUDO localedef -i "${l%%.*}" -f UTF-8 "$l"
done
