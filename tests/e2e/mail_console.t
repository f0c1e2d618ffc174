#!/bin/bash
# The console's background fetch at 80x24 ([mail] fetch = on): a mail dropped into
# a private Dovecot becomes a ticket while the admin's console is open, without a
# key pressed, the console says so, and the ticket screen lists the mail's
# attachment under it.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/e2e/lib.sh"
source "$BACKDESK_ROOT/tests/lib/dovecot.sh"

if ! dovecot_available; then
	echo "1..0 # SKIP dovecot is not installed (tools/deps.sh installs dovecot-imapd)"
	exit 0
fi
plan 6

newdb e2e_mail; db=$REPLY
PGDATABASE=$db "$BACKDESK" seed --demo >/dev/null || { echo "Bail out! seed --demo failed"; exit 1; }
dovecot_start
printf 'fetch = on\nfetch_every = 10\n' >> "$dovecot_dir/backdesk.ini"
drop_file outlook.eml

e2e_start 80x24 PGDATABASE="$db" PGUSER=admin BACKDESK_CONFIG="$dovecot_dir/backdesk.ini" -- "$BACKDESK"
ok 'wait_for "connected"' "the admin's console is up"
ok 'poll_for "Mail: 1 new ticket" 30' "the mail is fetched in the background and the console says so"
ticket=$(psql -XAt -d "$db" -c "SELECT t.number FROM backdesk.inbound_mail i JOIN backdesk.tickets t ON t.id = i.ticket_id")
like "$ticket" '^T-[0-9]+$' "it became a ticket"
is "$(unseen)" 0 "and is marked seen in the mailbox"

keys :
typetext "ticket $ticket"
keys Enter
ok 'wait_for "Attachment: Fatura Şubat\.pdf \(20 bytes\)"' "the ticket screen lists the attachment under the mail"
ok 'wait_for "Merhaba, siparişim hala gelmedi"' "with the mail's text"
