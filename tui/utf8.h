#ifndef BACKDESK_TUI_UTF8_H
#define BACKDESK_TUI_UTF8_H
/* Display text: UTF-8 in, printable wide characters out, widths in terminal cells.
 *
 * Everything that reaches the screen passes through tui_text_*: text from the
 * database may hold anything, and a raw ESC or C1 byte would let a customer name
 * clear the screen or retitle the window.  What is safe is decided in one place,
 * common/textsafe.h, which the commands use too: strict UTF-8 (invalid bytes become
 * U+FFFD), C0 controls and DEL as their "control pictures" (ESC shows as U+241B),
 * C1 controls as U+FFFD, a tab or line break as a space, and invisible characters
 * (zero-width space, bidi controls, BOM, tags ...) spelled out as "⟨U+200B⟩", in
 * running text and identifiers alike.  Widths come from wcwidth(), so the locale
 * must be a UTF-8 one; in any other locale every non-ASCII character shows as '?'. */
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum tui_align { TUI_ALIGN_LEFT, TUI_ALIGN_RIGHT, TUI_ALIGN_CENTER };

/* A sanitized wide string and its width; grows as needed, reusable. */
struct tui_wtext {
	wchar_t *s; /* NUL-terminated once anything was added */
	size_t len, cap;
	int cells;
};

#define TUI_WTEXT_INIT { NULL, 0, 0, 0 }

/* Decodes one UTF-8 sequence at s (n bytes available).  Returns the bytes used
 * (>= 1 when n >= 1) and the code point, or U+FFFD for an invalid or truncated
 * sequence (consuming one byte). */
size_t tui_utf8_decode(const char *s, size_t n, unsigned *cp);
/* Appends the UTF-8 form of cp to buf (at least 4 bytes); returns the bytes written. */
size_t tui_utf8_encode(unsigned cp, char *buf);

/* Characters put together from bytes that arrive one at a time and may stop in
 * the middle of one (a paste over a slow link, split between two reads): the
 * bytes so far wait for the rest, however long it takes. */
struct tui_utf8_in {
	char b[4];
	unsigned char len, need;
};
/* Feeds one byte: true with *cp once a character is whole (an ASCII byte at once).
 * A sequence that turns out invalid is dropped, and a byte that broke it starts
 * afresh. */
bool tui_utf8_in_byte(struct tui_utf8_in *u, unsigned char byte, unsigned *cp);
/* Forgets a character begun (a key that is not text came in its middle). */
void tui_utf8_in_reset(struct tui_utf8_in *u);

/* The printable form of one code point on its own, in one wide character: a
 * character the screen spells out ("⟨U+200B⟩") is U+FFFD here (an edit field
 * holds one character per code point). */
wchar_t tui_text_printable(unsigned cp);
/* Cells a printable wide character takes: 0 (combining), 1 or 2. */
int tui_wchar_cells(wchar_t wc);

/* Replaces t's contents with the sanitized form of the UTF-8 bytes s[0..n). */
void tui_wtext_set(struct tui_wtext *t, const char *s, size_t n);
void tui_wtext_free(struct tui_wtext *t);
/* Cuts t to at most `width` cells, ending with an ellipsis when anything was cut,
 * then pads with spaces to exactly `width` cells according to `align`. */
void tui_wtext_fit(struct tui_wtext *t, int width, enum tui_align align);

/* UTF-8 conveniences over the above (each result is the caller's to free). */
char *tui_text_sanitize(const char *s);
int tui_text_width(const char *s);
char *tui_text_fit(const char *s, int width, enum tui_align align);
char *tui_text_truncate(const char *s, int width);

/* Splits s at line breaks and wraps it at spaces into lines of at most `width`
 * cells (a longer word is cut); each line sanitized.  Returns the number of lines
 * and the array in *lines (the caller frees each line and the array). */
size_t tui_text_wrap(const char *s, int width, char ***out);

/* Wide string to UTF-8 (the caller frees); n is the number of wide characters. */
char *tui_wcs_to_utf8(const wchar_t *s, size_t n);

/* True when the locale can show non-ASCII text; decided once, on first use, or
 * again after tui_text_locale_changed(). */
bool tui_text_unicode(void);
void tui_text_locale_changed(void);

#endif
