#ifndef BACKDESK_MAIL_MIME_IN_H
#define BACKDESK_MAIL_MIME_IN_H
/* A mail from the support mailbox (RFC 5322 + MIME) read into what a ticket needs:
 * who sent it, what it answers, its text in UTF-8, the attachments' names and
 * sizes, and whether a machine wrote it (an auto-reply or a bounce).  The bytes
 * are untrusted: every size, count and depth is bounded, and nothing fails except
 * running out of limits, which cuts rather than refuses. */
#include <stdbool.h>
#include <stddef.h>

/* The most of a mail that is read at all (the fetch stops storing there too). */
#define MIME_MAX_RAW ((size_t)32 << 20)
/* The body text kept, in bytes of UTF-8, cut on a character and marked. */
#define MIME_BODY_CAP ((size_t)64 << 10)
#define MIME_MAX_DEPTH 16
#define MIME_MAX_PARTS 256
#define MIME_MAX_ATTACHMENTS 100
#define MIME_MAX_REFS 50

enum mime_kind { MIME_MAIL, MIME_AUTO_REPLY, MIME_BOUNCE };

struct mime_attachment {
	char *name; /* UTF-8, one line; "(unnamed)" when the mail gave none */
	char *type; /* lower case type/subtype */
	size_t size; /* decoded bytes */
};

struct mime_mail {
	char *message_id;       /* "<...>"; synthetic "<sha256.HEX@backdesk.invalid>" when absent */
	bool synthetic_id;
	char **in_reply_to;     /* "<...>" each */
	size_t n_in_reply_to;
	char **references;      /* oldest first, the newest MIME_MAX_REFS; a bounce's original too */
	size_t n_references;
	char *from_email;       /* lower case; NULL when the mail has no usable From */
	char *from_name;        /* NULL when none */
	char *subject;          /* NULL when none */
	char *date_iso;         /* "2026-11-27T10:00:00+03:00" from Date, NULL when unreadable */
	char *body;             /* never NULL */
	bool body_cut;
	bool html_only;         /* the text came from HTML */
	struct mime_attachment *att;
	size_t n_att;
	size_t att_dropped;     /* beyond MIME_MAX_ATTACHMENTS */
	enum mime_kind kind;
};

/* Reads len bytes of raw mail.  Always fills *m (free with mime_mail_free). */
void mime_parse(const char *raw, size_t len, struct mime_mail *m);
void mime_mail_free(struct mime_mail *m);
/* The document api.receive_mail takes, as JSON text (free()); NULL when the mail
 * has no sender address, with *why set to a static sentence (untranslated). */
char *mime_mail_doc(const struct mime_mail *m, const char **why);
const char *mime_kind_name(enum mime_kind k);

#endif
