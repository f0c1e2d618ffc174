#!/bin/sh
# Installs the Debian packages backdesk needs, and only the missing ones, then the
# locales its tests run in (tools/locales.sh).
# Silent when everything is there; `apt-get update` only when something must be installed.
set -eu

# python3-aiosmtpd: the SMTP sink of the outbox tests (tests/fakes/smtp_sink.py).
# dovecot-imapd: the inbox tests run a private IMAP server on loopback (tests/shell/mail_fetch.t).
# clang: `make clang` and `make fuzz` (libFuzzer's runtime is libclang-rt-14-dev, which
# clang only recommends).
PACKAGES="
build-essential pkg-config gettext locales
libncurses-dev libpq-dev libcurl4-openssl-dev libjansson-dev libinih-dev libcmocka-dev
postgresql-15 postgresql-15-pgtap postgresql-client-15
tmux perl procps pgbouncer python3 openssl time python3-aiosmtpd
dovecot-imapd
clang libclang-rt-14-dev
"

missing=""
for p in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
locales=$(dirname "$0")/locales.sh
[ -z "$missing" ] && exec "$locales"

if ! command -v apt-get >/dev/null 2>&1; then
	echo "backdesk needs these Debian packages:$missing" >&2
	echo "This is not a Debian-like system: install their equivalents by hand." >&2
	exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "Missing packages:$missing — run as root or install sudo." >&2
		exit 1
	fi
fi

echo "Installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
exec "$locales"
