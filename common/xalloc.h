#ifndef BACKDESK_XALLOC_H
#define BACKDESK_XALLOC_H
/* Allocation that cannot return NULL: running out of memory is fatal (with the
 * terminal restored), so callers never carry half-built state around. */
#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of `size`-byte items to at least `need` items, doubling. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Frees a string that held a password (or may have), wiping it first: freed
 * memory is handed out again, and memset() before free() may be optimized away. */
void free_secret(char *s);

#endif
