#ifndef BACKDESK_MAIL_MIME_DECODE_H
#define BACKDESK_MAIL_MIME_DECODE_H
/* The decodings a mail's bytes go through on their way to UTF-8 text: transfer
 * encodings, charsets, RFC 2047 encoded-words, HTML.  Internal to mail/mime_in.c
 * (and its tests); every function appends to a strbuf and never fails: a broken
 * mail still shows what can be read of it. */
#include <stddef.h>

#include "common/strbuf.h"

void mime_base64(struct strbuf *out, const char *s, size_t n);
void mime_qp(struct strbuf *out, const char *s, size_t n, int in_header);
/* Converts n bytes in charset (NULL or unknown: UTF-8 when valid, else
 * Windows-1252) to UTF-8; invalid sequences become U+FFFD. */
void mime_to_utf8(struct strbuf *out, const char *charset, const char *s, size_t n);
/* An unstructured header value (Subject, a display name) with its encoded-words
 * decoded; control characters become spaces. */
void mime_header_text(struct strbuf *out, const char *s, size_t n);
/* Readable text from HTML: blocks and <br> as line breaks, lists with "- ",
 * script and style dropped, entities decoded, runs of blank lines squeezed. */
void mime_html_text(struct strbuf *out, const char *s, size_t n);
/* Whether s[0..n) is valid UTF-8 without overlongs or surrogates. */
int mime_utf8_valid(const char *s, size_t n);
/* SHA-256 of n bytes as 64 lower-case hex digits and a NUL. */
void mime_sha256_hex(const void *data, size_t n, char hex[65]);
#endif
