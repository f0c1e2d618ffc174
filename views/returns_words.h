#ifndef BACKDESK_VIEWS_RETURNS_WORDS_H
#define BACKDESK_VIEWS_RETURNS_WORDS_H
/* How the Returns list words a row's "what" (a view's count is the queue strip's,
 * queue_strip_count_text).  Pure, so a unit test holds the words. */
#include <stddef.h>

/* What a return takes back: the product's name when its order has one line,
 * else "1 of 3 lines". */
void returns_what(long long lines, long long order_lines, const char *first_name, char *out,
		  size_t outlen);

#endif
