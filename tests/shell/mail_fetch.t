#!/bin/bash
# backdesk mail --fetch against a real Dovecot on loopback (issue 16): started here
# with its own configuration as an unprivileged user, one passwd-file user, mails
# dropped into its Maildir.  New mail becomes tickets and replies, threaded right
# (an answer to our outbox mail, the ticket number in the subject, a new customer),
# attachments listed; an auto-reply and a bounce do not reopen a solved ticket;
# killed before the commit or between the commit and the \Seen, nothing is lost or
# doubled; a wrong password is said clearly; an untrusted certificate is refused.
source "$BACKDESK_ROOT/tests/lib/tap.sh"
source "$BACKDESK_ROOT/tests/lib/dovecot.sh"

if ! dovecot_available; then
	echo "1..0 # SKIP dovecot is not installed (tools/deps.sh installs dovecot-imapd)"
	exit 0
fi
plan 31

newdb mailfetch; db=$REPLY
export PGDATABASE=$db
shop=t_mail_shop_$$
psql -XqAt -c "CREATE ROLE $shop LOGIN IN ROLE backdesk_shop"
at_exit "psql -XqAt -d postgres -c 'DROP ROLE IF EXISTS $shop'"

dovecot_start
dir=$dovecot_dir
export BACKDESK_CONFIG=$dir/backdesk.ini

fetch() { PGUSER=$shop "$BACKDESK" mail --fetch "$@"; }
q() { psql -XAt -v ON_ERROR_STOP=1 -c "$1"; }

# Şükrü has an e-mail ticket our reply went out on (the outbox row the ticket reply
# wrote, with its Message-ID), waiting on him.
id=$(echo "SELECT api.receive_message(:'doc')" | psql -XAt -v ON_ERROR_STOP=1 -v doc='{"channel": "email",
	"from": {"email": "sukru.ozturk@example.com", "name": "Şükrü Öztürk"}, "subject": "Siparişim nerede?",
	"body": "Merhaba", "external_id": "web-1"}')
t1=$(q "SELECT number FROM backdesk.tickets WHERE id = ${id:-0}")
q "INSERT INTO backdesk.outbox (kind, customer_id, ticket_id, recipient, subject, body, message_id)
   SELECT 'template', customer_id, id, 'sukru.ozturk@example.com', 'Re: Siparişim nerede?', 'Kargoda',
          '<bd.1.abc@shop.example>' FROM backdesk.tickets WHERE number = '$t1';
   -- The outbox stamps its own Message-ID (0045); the mails below answer this one.
   UPDATE backdesk.outbox SET message_id = '<bd.1.abc@shop.example>' WHERE id = (SELECT max(id) FROM backdesk.outbox);
   UPDATE backdesk.tickets SET status = 'pending' WHERE number = '$t1'" >/dev/null

# 1. New mail: Outlook's answer to our mail, Gmail from a stranger, the number in a subject.
drop_file outlook.eml
drop_file gmail.eml
drop <<EOF
From: Sukru Ozturk <sukru.ozturk@example.com>
To: support@shop.example
Subject: Re: $t1 bir sey daha
Message-ID: <subject-number-1@example.com>
Content-Type: text/plain; charset=utf-8

Kargo firması hangisi?
EOF
out=$(fetch 2>&1); rc=$?
is "$rc" 0 "mail --fetch stores three new mails (exit 0)"
like "$out" "3 new in the mailbox: 3 stored \(1 new tickets, 2 replies" "and says what became of them"
is "$(unseen)" 0 "all three are marked seen once stored"
is "$(q "SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
        WHERE t.number = '$t1' AND m.kind = 'customer'")" 3 \
	"the answer to our outbox mail and the one naming $t1 in its subject joined $t1"
is "$(q "SELECT status FROM backdesk.tickets WHERE number = '$t1'")" open "the customer's answer reopened the pending ticket"
is "$(q "SELECT string_agg(a.name || ' ' || a.content_type || ' ' || a.size, ', ') FROM backdesk.ticket_message_attachments a
        JOIN backdesk.ticket_messages m ON m.id = a.message_id JOIN backdesk.tickets t ON t.id = m.ticket_id
        WHERE t.number = '$t1'")" "Fatura Şubat.pdf application/pdf 20" "Outlook's attachment is listed by name, type and size"
is "$(q "SELECT body FROM backdesk.ticket_messages m JOIN backdesk.inbound_mail i ON i.ticket_message_id = m.id
        WHERE i.message_id = '<AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.outlook.com>'")" \
	"Merhaba, siparişim hala gelmedi. Teşekkürler Şükrü" "its windows-1254 text arrived as UTF-8"
is "$(q "SELECT t.channel || ' ' || t.subject || ' ' || c.name FROM backdesk.tickets t JOIN backdesk.customers c ON c.id = t.customer_id
        WHERE c.email = 'deniz.kaya@gmail.com'")" "email Kargom nerede? 📦 Deniz Kaya" \
	"the stranger's Gmail became a new customer and an e-mail ticket with the decoded subject"
is "$(q "SELECT count(*) FROM backdesk.ticket_message_attachments a JOIN backdesk.ticket_messages m ON m.id = a.message_id
        JOIN backdesk.tickets t ON t.id = m.ticket_id JOIN backdesk.customers c ON c.id = t.customer_id
        WHERE c.email = 'deniz.kaya@gmail.com' AND a.name = 'kütü foto.jpg'")" 1 "with its attachment"

out=$(fetch 2>&1); rc=$?
like "$rc:$out" "^0:0 new in the mailbox: 0 stored" "fetching again finds nothing new"
is "$(q "SELECT count(*) FROM backdesk.inbound_mail")" 3 "and adds nothing"

# 2. Auto-reply and bounce on a solved ticket.
q "UPDATE backdesk.tickets SET status = 'solved', solved_at = now() WHERE number = '$t1'" >/dev/null
drop_file autoreply.eml
drop_file bounce.eml
drop_file vacation_subject.eml
out=$(fetch 2>&1); rc=$?
is "$rc" 0 "an auto-reply, a bounce and a person's mail are fetched (exit 0)"
like "$out" "auto-reply noted on $t1" "the auto-reply is noted on the ticket our mail was about"
like "$out" "bounce noted on $t1" "so is the bounce"
is "$(q "SELECT status FROM backdesk.tickets WHERE number = '$t1'")" solved "neither reopened the solved ticket"
is "$(q "SELECT count(*) FROM backdesk.customers WHERE email = 'mailer-daemon@mx.example'")" 0 "the bounce made no customer"
is "$(q "SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.tickets t ON t.id = m.ticket_id
        WHERE t.number = '$t1' AND m.kind = 'system' AND m.body LIKE 'Delivery failed%'")" 1 "the bounce is a system note"
is "$(q "SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.inbound_mail i ON i.ticket_message_id = m.id
        WHERE i.message_id = '<human1@mail.gmail.com>' AND m.kind = 'customer'")" 1 \
	"\"Out of office\" in a person's subject is still a person's mail"

# 3. Killed before the commit: the database holds the mail's row lock, the fetch
# waits inside api.receive_mail, and dies there.
drop <<'EOF'
From: Sukru Ozturk <sukru.ozturk@example.com>
Subject: killed before the commit
Message-ID: <kill-before@example.com>
In-Reply-To: <bd.1.abc@shop.example>

bir
EOF
psql -XqAt -c "BEGIN; LOCK TABLE backdesk.inbound_mail IN EXCLUSIVE MODE; SELECT pg_sleep(60)" >/dev/null 2>&1 &
locker=$!
for _ in $(seq 100); do
	[ "$(q "SELECT count(*) FROM pg_locks l WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND relation = 'backdesk.inbound_mail'::regclass AND mode = 'ExclusiveLock' AND granted")" = 1 ] && break
	sleep 0.1
done
# A backend notices its client is gone only when it next talks to it, or, with
# this, while it waits: so the kill really lands before the commit.
PGOPTIONS="-c client_connection_check_interval=100" PGUSER=$shop "$BACKDESK" mail --fetch >/dev/null 2>&1 &
fetcher=$!
waited=no
for _ in $(seq 200); do
	if [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE usename = '$shop' AND wait_event_type = 'Lock'")" = 1 ]; then
		waited=yes
		break
	fi
	sleep 0.1
done
is "$waited" yes "the fetch is inside api.receive_mail, waiting for the lock"
kill -9 "$fetcher"
wait "$fetcher" 2>/dev/null
for _ in $(seq 100); do
	[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE usename = '$shop'")" = 0 ] && break
	sleep 0.1
done
# This database's sleeper only: the tests beside this one hold locks with theirs.
q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()
   AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
wait "$locker" 2>/dev/null
is "$(q "SELECT count(*) FROM backdesk.inbound_mail WHERE message_id = '<kill-before@example.com>'")" 0 \
	"killed before the commit: nothing stored"
is "$(unseen)" 1 "and the mail is still unseen"
out=$(fetch 2>&1); rc=$?
like "$out" "^1 new in the mailbox: 1 stored \(0 new tickets, 1 replies, .* 0 already there" "the next fetch stores it (not found already there)"
is "$(q "SELECT count(*) FROM backdesk.ticket_messages m JOIN backdesk.inbound_mail i ON i.ticket_message_id = m.id
        WHERE i.message_id = '<kill-before@example.com>'")" 1 "once"

# 4. Killed between the commit and the \Seen.
drop <<'EOF'
From: Sukru Ozturk <sukru.ozturk@example.com>
Subject: killed after the commit
Message-ID: <kill-after@example.com>
In-Reply-To: <bd.1.abc@shop.example>

iki
EOF
BACKDESK_TEST_MAIL_CRASH_AFTER=1 fetch >/dev/null 2>&1; rc=$?
is "$rc" 137 "the fetch died (SIGKILL) right after the commit"
is "$(q "SELECT count(*) FROM backdesk.inbound_mail WHERE message_id = '<kill-after@example.com>'")" 1 "the mail was committed"
is "$(unseen)" 1 "but not marked seen"
out=$(fetch 2>&1); rc=$?
like "$rc:$out" "^0:.*<kill-after@example.com>: reply on $t1 \(already there: nothing added\)" \
	"the next fetch finds it already there"
is "$(q "SELECT count(*) FROM backdesk.ticket_messages WHERE body = 'iki'")":"$(unseen)" 1:0 "one message, now seen: nothing lost, nothing doubled"

# 5. Refusals.
printf 'wrong\n' > "$dir/pw"
drop_file hungarian.eml
err=$(fetch 2>&1); rc=$?
like "$rc:$err" "^1:backdesk: the mail server 127.0.0.1 refused the login of 'support': check \[mail\] imap_user and the password" \
	"a wrong password is said clearly (exit 1)"
chmod 644 "$dir/pw"
err=$(fetch 2>&1); rc=$?
like "$rc:$err" "^1:.*$dir/pw.*chmod" "a password file others may read is refused, naming it"
chmod 600 "$dir/pw"
sed -i "s|^imap_url = .*|imap_url = imaps://127.0.0.1:$dovecot_tls_port/INBOX|" "$dir/backdesk.ini"
err=$(fetch 2>&1); rc=$?
like "$rc:$err" "^1:backdesk: the mail server 127.0.0.1 could not be verified" \
	"imaps:// to a server whose certificate nobody trusts is refused before the login"
