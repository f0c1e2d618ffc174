#ifndef BACKDESK_MAIL_IMAP_H
#define BACKDESK_MAIL_IMAP_H
/* The support mailbox over IMAP(S): new mail handed over one at a time, and
 * marked \Seen only after the caller says it is stored.
 *
 * New means UNSEEN (UID SEARCH UNSEEN), not "UID above the last one seen": the
 * mailbox keeps the only state, so the timer's `backdesk mail --fetch` and any
 * number of consoles need no shared bookkeeping, a UIDVALIDITY change (a restored
 * or rebuilt mailbox) cannot make anything skipped, and an agent can hand a mail
 * back by marking it unread.  The cost: the mailbox is backdesk's; a person who
 * reads it in a mail client first marks mails seen that backdesk then never
 * fetches.
 *
 * Each mail is fetched with BODY.PEEK[] (which never sets \Seen), handed to the
 * callback, and marked \Seen (UID STORE) only when the callback returned 0, i.e.
 * after the database committed it.  A crash before the commit leaves it unseen
 * (fetched again next time); a crash between the commit and the \Seen fetches it
 * again too, and the database adds nothing for a Message-ID it has (api.receive_mail).
 *
 * libcurl does the connection, TLS (verified) and the login (CURLOPT_CONNECT_ONLY);
 * the few commands after it are spoken here over curl_easy_send/recv, because
 * libcurl's own FETCH sets \Seen and a custom FETCH loses the message's literal. */
#include <stdatomic.h>
#include <stddef.h>

struct imap_account {
	const char *url;        /* imaps://host[:port]/MAILBOX, imap:// to this machine */
	const char *user;
	const char *password;
	const char *ca_file;    /* NULL: the system's */
	long connect_timeout_ms; /* connect, TLS and login; 0: 15 s */
	long io_timeout_ms;     /* a command without progress; 0: 60 s */
	atomic_int *stop; /* NULL, or set to stop before the next mail */
};

/* One new mail: len bytes (the first MIME_MAX_RAW of it when it is bigger).
 * Returns 0 when it is stored (it is then marked \Seen), -1 when not (it stays
 * unseen and comes again next time). */
typedef int (*imap_mail_fn)(void *arg, unsigned long uid, const char *raw, size_t len, int truncated);

struct imap_counts {
	unsigned long unseen;   /* new mails in the mailbox */
	unsigned long stored;   /* handed over and marked \Seen */
	unsigned long failed;   /* the callback said no, or marking \Seen failed */
};

/* Fetches up to limit new mails, oldest first.  Returns 0 when the session went
 * through (failed mails are only counted), -1 when it could not (no connection,
 * login refused, timed out, the server refused a command): *err is a sentence
 * naming the server and what to check (caller frees). */
int imap_fetch_new(const struct imap_account *a, unsigned long limit, imap_mail_fn fn, void *arg,
		   struct imap_counts *c, char **err);

#endif
