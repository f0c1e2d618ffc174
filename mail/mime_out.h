#ifndef BACKDESK_MAIL_MIME_OUT_H
#define BACKDESK_MAIL_MIME_OUT_H
/* One outgoing message as RFC 5322 + MIME text, CRLF line ends, every line at most
 * 78 characters: UTF-8 everywhere, a header with anything but printable ASCII (or
 * too long to fold at a space) as RFC 2047 encoded-words ("=?UTF-8?B?...?="), each
 * whole characters, on folded lines; the body text/plain; charset=UTF-8,
 * quoted-printable.  In-Reply-To and References thread a ticket's replies. */
#include <stddef.h>
#include <time.h>

struct mime_message {
	const char *from;        /* "Shop Support <support@shop.example>" or an address */
	const char *reply_to;    /* or NULL */
	const char *to;          /* an address */
	const char *subject;     /* UTF-8, one line */
	const char *body;        /* UTF-8, \n line ends */
	const char *message_id;  /* "<...>" */
	const char *const *refs; /* earlier Message-IDs of the thread, oldest first */
	size_t nrefs;
	time_t date;
};

/* The message, or NULL with *err when a field cannot go into a header (a line
 * break in it, an address without @); caller frees. */
char *mime_build(const struct mime_message *m, char **err);

/* Splits "Name <addr>" into its parts (the address alone when there is no name);
 * 0, or -1 when it is not an address.  *name may be NULL; caller frees both. */
int mime_split_address(const char *s, char **name, char **addr);

#endif
