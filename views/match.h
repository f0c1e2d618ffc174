#ifndef BACKDESK_VIEWS_MATCH_H
#define BACKDESK_VIEWS_MATCH_H
/* Which parts of a line show what was typed into the lookup box, for highlighting:
 * the typed text as a whole, else each typed word, ignoring case and accents the
 * way the database's search keys do ("sukru ozturk" marks "Şükrü Öztürk",
 * "istanbul" marks "İstanbul"); a phone number typed with any spacing or trunk
 * prefix marks the same digits however the line groups them.  Pure: no terminal,
 * no database. */
#include <stddef.h>

struct match_span {
	size_t start, len; /* bytes of the text, on UTF-8 character boundaries */
};

/* Fills out[] with at most `max` spans of `text`, in order and not overlapping;
 * returns how many. */
size_t match_find(const char *text, const char *typed, struct match_span *out, size_t max);

#endif
