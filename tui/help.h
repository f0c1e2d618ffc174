#ifndef BACKDESK_TUI_HELP_H
#define BACKDESK_TUI_HELP_H
/* The help screen, written from the same keymaps that dispatch the keys: the
 * focused pane's own keys first, then the toolkit's, leaving out what the role
 * may not use.  A scrollable dialog; Esc, q, F1 or ? close it. */
#include "tui/keymap.h"
#include "tui/pane.h"

/* Lines after the keys that only the program knows (its screens and commands):
 * fn calls add(add_arg, group, keys, text) once per line, all translated,
 * leaving out what a role with `caps` does not see. */
struct tui_help_more {
	void (*fn)(void *arg, tui_caps caps, tui_help_fn add, void *add_arg);
	void *arg;
};

/* The help's own keys (for tests/unit/test_views_keys.c). */
extern const struct tui_binding tui_help_keys[];
extern const size_t tui_help_nkeys;

/* more may be NULL. */
struct tui_pane *tui_help_new(const struct tui_keyctx *ctx, const struct tui_help_more *more);

/* The lines the help shows (for tests): "group" lines and "keys  text" lines,
 * each the caller's to free; returns how many. */
size_t tui_help_lines(const struct tui_keyctx *ctx, const struct tui_help_more *more, char ***out);
/* The rows as drawn in a dialog `width` cells wide inside, a long text wrapped
 * under itself (for tests: no row is wider than width). */
size_t tui_help_rows(const struct tui_keyctx *ctx, const struct tui_help_more *more, int width,
		     char ***out);
/* Scrolls the help to the heading `group` (translated), when it has one. */
void tui_help_scroll_to(struct tui_pane *p, const char *group);

#endif
