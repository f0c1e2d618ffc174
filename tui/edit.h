#ifndef BACKDESK_TUI_EDIT_H
#define BACKDESK_TUI_EDIT_H
/* The text editing under the prompt and the form's fields: a buffer of wide
 * characters with a cursor, emacs/readline keys, UTF-8 in and out.  Pure (no
 * terminal), so it is tested directly.
 *
 *   Left/Right, Home/End (Ctrl-A/Ctrl-E), Backspace, Del (Ctrl-D), Ctrl-U (to the
 *   start), Ctrl-K (to the end), Ctrl-W (the word before); multi-line: Enter
 *   breaks the line, Up/Down move between the rows shown (the text is word-wrapped
 *   to the width it is drawn in, never scrolled sideways).
 *
 * The limit (max_len) stops typing and pasting; text set from elsewhere is kept
 * whole even when longer, for the caller to say so (never cut unseen). */
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "tui/key.h"
#include "tui/utf8.h"

struct tui_edit {
	wchar_t *buf;
	size_t len, cap, cur;
	size_t max_len; /* characters; 0: no limit */
	bool multiline;
	size_t scroll;  /* first character shown (single line), first row (multi-line) */
	int width;      /* multi-line: cells per row, set by who draws it (0: no wrap) */
	char *utf8;     /* tui_edit_text()'s answer, rebuilt after a change */
};

void tui_edit_init(struct tui_edit *e, bool multiline, size_t max_len);
void tui_edit_free(struct tui_edit *e);
/* Replaces the text (sanitized: no control characters but line breaks in a
 * multi-line editor, others become spaces); the cursor goes to the end.  Kept
 * whole even past max_len. */
void tui_edit_set(struct tui_edit *e, const char *utf8);
/* Characters in the text. */
size_t tui_edit_len(const struct tui_edit *e);
/* Pasted text at the cursor, as text: line breaks (LF, CR LF, CR) stay in a
 * multi-line editor and become spaces in a single-line one; a tab is a space;
 * other control characters are spelled out as the sanitizer does.  All or
 * nothing: false, with nothing inserted, when it would pass max_len.  *chars
 * (may be NULL): how many characters the paste is. */
bool tui_edit_paste(struct tui_edit *e, const char *utf8, size_t *chars);
/* The cursor after the last character. */
void tui_edit_to_end(struct tui_edit *e);
/* The text as UTF-8; valid until the next change. */
const char *tui_edit_text(struct tui_edit *e);
bool tui_edit_empty(const struct tui_edit *e);
/* Handles an editing key; true when it was one (text or cursor changed). */
bool tui_edit_key(struct tui_edit *e, tui_key key);
bool tui_edit_insert(struct tui_edit *e, wchar_t wc);

/* Single line: what `width` cells show (scrolled so the cursor is visible) and the
 * cursor's column in them. */
void tui_edit_view(struct tui_edit *e, int width, struct tui_wtext *out, int *cursor_x);
/* Multi-line: number of lines (line breaks + 1) and the cursor's line. */
size_t tui_edit_nlines(const struct tui_edit *e);
size_t tui_edit_cursor_line(const struct tui_edit *e);
/* Multi-line, word-wrapped to `width` cells (kept for Up/Down): the rows the text
 * takes, the cursor's row, the first of `shown` rows to draw so the cursor is on
 * them (kept in scroll), and row i with the cursor's column on it (-1 elsewhere).
 * A word longer than a row is cut where the row ends. */
void tui_edit_set_width(struct tui_edit *e, int width);
size_t tui_edit_rows(const struct tui_edit *e);
size_t tui_edit_cursor_row(const struct tui_edit *e);
size_t tui_edit_first_row(struct tui_edit *e, size_t shown);
void tui_edit_row_view(const struct tui_edit *e, size_t row, struct tui_wtext *out, int *cursor_x);

#endif
