#ifndef BACKDESK_STRBUF_H
#define BACKDESK_STRBUF_H
/* A growable string.  `s` is always NUL-terminated once anything was added. */
#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *s;
	size_t len, cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_reset(struct strbuf *sb);
/* Hands the string over (never NULL) and leaves the buffer empty. */
char *sb_take(struct strbuf *sb);
void sb_free(struct strbuf *sb);
/* Copies sb into buf of n bytes (n > 0: always terminated), cut on a UTF-8
 * character's start, never inside one.  Returns sb's whole length, as snprintf. */
size_t sb_copy_utf8(const struct strbuf *sb, char *buf, size_t n);

#endif
