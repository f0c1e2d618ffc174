#ifndef BACKDESK_TUI_EDIT_H
#define BACKDESK_TUI_EDIT_H
/* The text editing under the prompt and the form's fields: a buffer of wide
 * characters with a cursor, emacs/readline keys, UTF-8 in and out.  Pure (no
 * terminal), so it is tested directly.
 *
 *   Left/Right, Home/End (Ctrl-A/Ctrl-E), Backspace, Del (Ctrl-D), Ctrl-U (to the
 *   start), Ctrl-K (to the end), Ctrl-W (the word before); multi-line: Enter
 *   breaks the line, Up/Down move between lines. */
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
	size_t scroll;  /* first character shown (single line) */
	char *utf8;     /* tui_edit_text()'s answer, rebuilt after a change */
};

void tui_edit_init(struct tui_edit *e, bool multiline, size_t max_len);
void tui_edit_free(struct tui_edit *e);
/* Replaces the text (sanitized: no control characters but line breaks in a
 * multi-line editor); the cursor goes to the end. */
void tui_edit_set(struct tui_edit *e, const char *utf8);
/* The text as UTF-8; valid until the next change. */
const char *tui_edit_text(struct tui_edit *e);
bool tui_edit_empty(const struct tui_edit *e);
/* Handles an editing key; true when it was one (text or cursor changed). */
bool tui_edit_key(struct tui_edit *e, tui_key key);
bool tui_edit_insert(struct tui_edit *e, wchar_t wc);

/* Single line: what `width` cells show (scrolled so the cursor is visible) and the
 * cursor's column in them. */
void tui_edit_view(struct tui_edit *e, int width, struct tui_wtext *out, int *cursor_x);
/* Multi-line: number of lines, the cursor's line, and line i cut to width cells
 * (scrolled sideways on the cursor's line; *cursor_x is -1 on other lines). */
size_t tui_edit_nlines(const struct tui_edit *e);
size_t tui_edit_cursor_line(const struct tui_edit *e);
void tui_edit_line_view(const struct tui_edit *e, size_t line, int width, struct tui_wtext *out,
			int *cursor_x);

#endif
