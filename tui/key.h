#ifndef BACKDESK_TUI_KEY_H
#define BACKDESK_TUI_KEY_H
/* One number per key press: a character is its Unicode code point, an ncurses
 * function key (KEY_UP, KEY_F(1), ...) is TUI_KEYCODE(KEY_xxx), so 'ā' (U+0101)
 * and KEY_DOWN (0402) can never be confused. */
#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

typedef unsigned tui_key;

#define TUI_KEY_NONE 0u
#define TUI_KEYCODE(k) (0x200000u + (unsigned)(k))
#define TUI_KEY_IS_CODE(k) ((k) >= 0x200000u)
#define TUI_KEY_CTRL(c) ((tui_key)((c) & 0x1f))
#define TUI_KEY_ESC 27u
#define TUI_KEY_TAB 9u
#define TUI_KEY_ENTER 13u /* nonl(): Enter arrives as CR */
/* Bracketed paste (ESC[200~ ... ESC[201~, tui/screen.c asks the terminal for it):
 * the two markers as keys.  Codes of our own, above the ones ncurses hands out
 * for the terminal's extended keys, and within its 16-bit key table. */
#define TUI_PASTE_BEGIN_CODE 0x1f00
#define TUI_PASTE_END_CODE 0x1f01
#define TUI_KEY_PASTE_BEGIN TUI_KEYCODE(TUI_PASTE_BEGIN_CODE)
#define TUI_KEY_PASTE_END TUI_KEYCODE(TUI_PASTE_END_CODE)

/* From get_wch(): rc is OK or KEY_CODE_YES. */
tui_key tui_key_from_wch(int rc, unsigned wch);

/* Parses one key name: "q", "?", "\\", "F1".."F12", "C-l" (control), "Enter",
 * "Esc", "Tab", "S-Tab", "Space", "Backspace", "Del", "Ins", "Up", "Down", "Left",
 * "Right", "PgUp", "PgDn", "Home", "End".  Returns TUI_KEY_NONE when unknown. */
tui_key tui_key_parse(const char *name, size_t len);
/* The name shown to people (the form tui_key_parse reads, "Ctrl-L" for controls). */
void tui_key_name(tui_key k, char *buf, size_t size);
/* 1..12 for the function keys F1..F12, else 0. */
int tui_key_fnum(tui_key k);
/* The key F<n>. */
tui_key tui_key_f(int n);
/* True for a key that types a character into a text field. */
bool tui_key_is_text(tui_key k);

#endif
