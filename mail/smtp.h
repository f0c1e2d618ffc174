#ifndef BACKDESK_MAIL_SMTP_H
#define BACKDESK_MAIL_SMTP_H
/* Sending one message at a time through libcurl's SMTP, blocking: for
 * `backdesk notify --send` and the console's sender thread, never the console's
 * loop.  The connection is kept between messages of one run.
 *
 * smtps://host[:465] is TLS from the start; smtp://host[:587] must offer STARTTLS
 * (CURLUSESSL_ALL: no plain-text password or message ever), except to a loopback
 * address, where the local MTA relays and nothing crosses a network.  TLS is
 * always verified. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct smtp_sender;

struct smtp_config {
	const char *url;          /* [mail] smtp_url */
	const char *user;         /* [mail] smtp_user or NULL */
	const char *password;     /* read from [mail] smtp_password_file, or NULL */
	long connect_timeout_ms;  /* 10000 */
	long timeout_ms;          /* the whole of one message: 60000 */
};

enum smtp_outcome {
	SMTP_SENT,
	SMTP_TEMPORARY, /* try this message again later (4xx, time-out, connection) */
	SMTP_PERMANENT, /* this message will never go (5xx to its recipient or content) */
	SMTP_BROKEN,    /* the set-up is wrong (login refused, TLS, no STARTTLS): stop the run,
			 * the message is not to blame and goes again later */
};

/* Checks the URL's scheme and host; NULL with *err when it is refused. */
struct smtp_sender *smtp_sender_new(const struct smtp_config *c, char **err);
void smtp_sender_free(struct smtp_sender *s);

/* Sends msg (CRLF text, mail/mime_out.h) from the address `from` to `to`.
 * *why is a sentence for people (the server's reply when there was one), set
 * unless SMTP_SENT; caller frees. */
enum smtp_outcome smtp_send(struct smtp_sender *s, const char *from, const char *to,
			    const char *msg, size_t len, char **why);

/* A flag another thread sets to end a message in flight (the console quits):
 * it ends as SMTP_BROKEN, not counted against the message. */
void smtp_sender_set_abort(struct smtp_sender *s, const atomic_bool *flag);

/* Whether url is one smtp_sender_new would take; *hint says why not. */
int smtp_url_ok(const char *url, const char **hint);

#endif
