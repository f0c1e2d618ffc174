#ifndef BACKDESK_VIEWS_RETURNS_WORDS_H
#define BACKDESK_VIEWS_RETURNS_WORDS_H
/* How the Returns list words a row's "what" and a view's count.  Pure, so a unit
 * test holds the words. */
#include <stddef.h>

/* What a return takes back: the product's name when its order has one line,
 * else "1 of 3 lines". */
void returns_what(long long lines, long long order_lines, const char *first_name, char *out,
		  size_t outlen);

/* "To approve 4", or "To approve 999+" when the count reached cap; count < 0:
 * not known yet, the name alone.  The words are the queue strip's now
 * (queue_strip_count_text); this name stays for the returns words' test. */
void returns_count_text(const char *name, long long count, long long cap, char *out,
			size_t outlen);

#endif
