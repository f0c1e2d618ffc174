#ifndef BACKDESK_TUI_FKEYBAR_H
#define BACKDESK_TUI_FKEYBAR_H
/* The F-key bar: F1..F10 as the keymap resolves them right now (the focused
 * pane's keys, then the global ones), leaving out what the role may not use.
 * Clicking a label presses its key, so a click is checked like a key press. */
#include <stddef.h>

#include <curses.h>

#include "tui/keymap.h"

struct tui_fkey_slot {
	int fnum;          /* 1..10 */
	const char *label; /* translated */
	int x, w;          /* where it is drawn, number included */
};

/* Lays out the bound keys over width cells; returns how many (at most 10). */
size_t tui_fkeybar_layout(const struct tui_keyctx *ctx, int width, struct tui_fkey_slot *out);
/* The function key number under column x, or 0. */
int tui_fkeybar_hit(const struct tui_fkey_slot *slots, size_t n, int x);
void tui_fkeybar_draw(WINDOW *w, int y, int width, const struct tui_fkey_slot *slots, size_t n);

#endif
