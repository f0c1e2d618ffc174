#ifndef BACKDESK_TUI_FKEYBAR_H
#define BACKDESK_TUI_FKEYBAR_H
/* The F-key bar: F1..F10 as the keymap resolves them right now (the focused
 * pane's keys, then the global ones), leaving out what the role may not use.
 * A dialog whose main keys are not F-keys (a list to pick from: Enter opens, Esc
 * goes back) has them lead the bar, named ("Enter Open", "Esc Back").
 * Clicking a label presses its key, so a click is checked like a key press. */
#include <stddef.h>

#include <curses.h>

#include "tui/keymap.h"

/* F1..F10 and at most two leading keys. */
#define TUI_FKEYBAR_MAX 12

struct tui_fkey_slot {
	int fnum;          /* 1..10; 0 for a leading key */
	tui_key key;       /* the key the slot presses */
	const char *label; /* translated */
	int x, w;          /* where it is drawn, number included */
};

/* Lays out the bound keys over width cells; returns how many (at most 10). */
size_t tui_fkeybar_layout(const struct tui_keyctx *ctx, int width, struct tui_fkey_slot *out);
/* The same after `lead` (at most 2 keys, each shown only when the keymap gives it a
 * label here); out holds TUI_FKEYBAR_MAX. */
size_t tui_fkeybar_layout_lead(const struct tui_keyctx *ctx, const tui_key *lead, size_t nlead,
			       int width, struct tui_fkey_slot *out);
/* The function key number under column x, or 0. */
int tui_fkeybar_hit(const struct tui_fkey_slot *slots, size_t n, int x);
/* The key under column x (an F-key or a leading one), or TUI_KEY_NONE. */
tui_key tui_fkeybar_hit_key(const struct tui_fkey_slot *slots, size_t n, int x);
void tui_fkeybar_draw(WINDOW *w, int y, int width, const struct tui_fkey_slot *slots, size_t n);

#endif
