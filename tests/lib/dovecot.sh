# A private Dovecot for the mail tests: `source` after tests/lib/tap.sh, then
#   dovecot_start        started as an unprivileged user (ourselves, or postgres when
#                        the tests run as root) on a free loopback port ($dovecot_port),
#                        an untrusted certificate on $dovecot_tls_port (imaps),
#                        one passwd-file user "support" with password s3cret-pw, its
#                        Maildir under $dovecot_dir; stopped at exit.  Writes
#                        $dovecot_dir/backdesk.ini ([mail] pointing at it) and the
#                        password file $dovecot_dir/pw.
#   drop                 a mail (stdin, LF line ends) into the Maildir, as an MTA would
#   drop_file NAME       tests/data/mail/NAME dropped
#   unseen               how many mails are not \Seen (Maildir's ",S" in the name)
# Skips the whole test when dovecot is not installed (tools/deps.sh installs it).
dovecot_bin=$(command -v dovecot || echo /usr/sbin/dovecot)
dovecot_available() { [ -x "$dovecot_bin" ]; }

dovecot_start() {
	# Dovecot, as an unprivileged user: ourselves, or postgres when the tests run as root.
	dovecot_dir=$BACKDESK_TEST_TMP/dovecot.$$
	local dir=$dovecot_dir runas uid gid port tls_port
	mkdir -p "$dir/mail/support/new" "$dir/mail/support/cur" "$dir/mail/support/tmp" "$dir/home"
	runas=$(id -un)
	[ "$(id -u)" -eq 0 ] && runas=postgres
	uid=$(id -u "$runas")
	gid=$(id -g "$runas")
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	tls_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	# A certificate nobody trusts: imaps:// to it must be refused.
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -keyout "$dir/key.pem" \
		-out "$dir/cert.pem" >/dev/null 2>&1 || echo "Bail out! openssl could not make a certificate"
	cat > "$dir/dovecot.conf" <<-EOF
	base_dir = $dir/run
	state_dir = $dir/state
	log_path = $dir/dovecot.log
	instance_name = bdtest$$
	protocols = imap
	listen = 127.0.0.1
	ssl = yes
	ssl_cert = <$dir/cert.pem
	ssl_key = <$dir/key.pem
	disable_plaintext_auth = no
	auth_mechanisms = plain login
	first_valid_uid = $uid
	last_valid_uid = $uid
	default_internal_user = $runas
	default_internal_group = $(id -gn "$runas")
	default_login_user = $runas
	mail_location = maildir:$dir/mail/%u
	passdb {
	  driver = passwd-file
	  args = scheme=PLAIN username_format=%u $dir/passwd
	}
	userdb {
	  driver = static
	  args = uid=$uid gid=$gid home=$dir/home/%u
	}
	service imap-login {
	  chroot =
	  user = $runas
	  inet_listener imap {
	    address = 127.0.0.1
	    port = $port
	  }
	  inet_listener imaps {
	    address = 127.0.0.1
	    port = $tls_port
	  }
	}
	service anvil {
	  chroot =
	}
	service auth {
	  user = $runas
	}
	service auth-worker {
	  user = $runas
	}
	service log {
	  user = $runas
	}
	EOF
	echo 'support:{PLAIN}s3cret-pw::::::' > "$dir/passwd"
	[ "$(id -u)" -eq 0 ] && chown -R "$runas" "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		su -s /bin/sh "$runas" -c "$dovecot_bin -c $dir/dovecot.conf" || echo "Bail out! dovecot did not start"
	else
		"$dovecot_bin" -c "$dir/dovecot.conf" || echo "Bail out! dovecot did not start"
	fi
	at_exit "kill \$(cat $dir/run/master.pid 2>/dev/null) 2>/dev/null"
	for _ in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
		sleep 0.1
	done
	dovecot_port=$port
	dovecot_tls_port=$tls_port
	printf 's3cret-pw\n' > "$dir/pw"
	chmod 600 "$dir/pw"
	printf '[mail]\nimap_url = imap://127.0.0.1:%s/INBOX\nimap_user = support\nimap_password_file = %s\n' \
		"$port" "$dir/pw" > "$dir/backdesk.ini"
}

n=0
# Drops a mail (stdin) into the Maildir as the MTA would.
drop() {
	n=$((n + 1))
	local f="$dovecot_dir/mail/support/tmp/$n.bdtest"
	sed 's/$/\r/' > "$f"
	[ "$(id -u)" -eq 0 ] && chown postgres "$f"
	mv "$f" "$dovecot_dir/mail/support/new/$(date +%s).M$n.bdtest"
}
drop_file() { drop < <(sed 's/\r$//' "$BACKDESK_ROOT/tests/data/mail/$1"); }
# How many mails the mailbox holds unseen (Maildir keeps \Seen as ",S" in the name).
unseen() {
	local c=0 f
	for f in "$dovecot_dir"/mail/support/new/* "$dovecot_dir"/mail/support/cur/*; do
		[ -e "$f" ] || continue
		case "$f" in *:2,*S*) ;; *) c=$((c + 1)) ;; esac
	done
	echo $c
}
