#ifndef BACKDESK_TEXTSAFE_H
#define BACKDESK_TEXTSAFE_H
/* Text made safe for a terminal: the one sanitizer of the console (tui/utf8.c)
 * and of everything the commands print.
 *
 * Text from the database, a file or a server message may hold anything: a raw ESC
 * or C1 byte would let a customer name clear the screen or retitle the window, and
 * an invisible character would let "SO-1002<U+200B>34" pose as SO-100234.  So:
 *   - UTF-8 is decoded strictly: invalid, overlong, surrogate or cut sequences
 *     become U+FFFD, one per bad byte;
 *   - C0 controls and DEL become their control pictures (ESC shows as U+241B);
 *   - tab, CR, LF, NEL and the line and paragraph separators become a space
 *     (LF stays a line break in textsafe_lines);
 *   - C1 controls and what the locale cannot print become U+FFFD;
 *   - invisible and format characters (zero-width space and joiners, bidi marks
 *     and overrides, word joiner, BOM, soft hyphen, tag characters, fillers ...)
 *     are spelled out, e.g. U+27E8 "U+200B" U+27E9; so is a variation selector
 *     that follows anything but a non-ASCII character it could decorate (an emoji
 *     keeps its selector, "SO-1002" does not get to hide one);
 *   - a combining mark needs a character to sit on, and at most four sit on one.
 * In a locale that is not UTF-8 the result is ASCII: '?' for what it cannot show,
 * "<U+200B>" for the invisible ones. */
#include <stdbool.h>
#include <stddef.h>

/* The most code points one input code point turns into ("⟨U+E0041⟩" is 9). */
#define TEXTSAFE_MAX 12

/* Decodes one UTF-8 sequence at s (n bytes available).  Returns the bytes used
 * (>= 1 when n >= 1) and the code point, or U+FFFD for an invalid or truncated
 * sequence (consuming one byte). */
size_t textsafe_decode(const char *s, size_t n, unsigned *cp);
/* The bytes of the UTF-8 sequence a lead byte begins: 1-4, or 0 for a byte that
 * cannot begin one (a continuation byte, C0, C1, F5-FF). */
size_t textsafe_seq_len(unsigned char lead);
/* Writes the UTF-8 form of cp to buf (room for 4 bytes); returns the bytes
 * written.  A surrogate or a value past U+10FFFF is written as U+FFFD. */
size_t textsafe_encode(unsigned cp, char *buf);

/* True when the locale can show non-ASCII text; decided on first use, and again
 * after textsafe_locale_changed(). */
bool textsafe_unicode(void);
void textsafe_locale_changed(void);

/* Whether cp shows nothing (or nothing honest) on a terminal, and is spelled out. */
bool textsafe_invisible(unsigned cp);

/* Cells a code point of the safe form takes: 0 (combining), 1 or 2. */
int textsafe_cells(unsigned cp);

/* Where a walk through a text is: what the next code point may sit on. */
struct textsafe {
	bool keep_newlines; /* LF stays a line break instead of a space */
	bool have_base;     /* a character that marks may sit on was shown */
	bool base_decorates; /* ... and it is one a variation selector may change */
	int marks;          /* combining marks on it so far */
};

#define TEXTSAFE_INIT { false, false, false, 0 }

/* The safe form of cp, the next code point of a text: writes 0 to TEXTSAFE_MAX
 * code points to out and returns how many (0: dropped, a mark with no base or one
 * too many). */
size_t textsafe_next(struct textsafe *st, unsigned cp, unsigned out[TEXTSAFE_MAX]);

/* The same for a code point on its own, without what came before it: nothing is
 * dropped, and a variation selector stays as it is. */
size_t textsafe_map(unsigned cp, unsigned out[TEXTSAFE_MAX]);

/* UTF-8 in, the safe form as UTF-8 out (the caller frees): on one line, or with
 * its line breaks kept. */
char *textsafe(const char *s);
char *textsafe_lines(const char *s);

#endif
