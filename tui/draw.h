#ifndef BACKDESK_TUI_DRAW_H
#define BACKDESK_TUI_DRAW_H
/* The only way text reaches a window: sanitized (tui/utf8.h), fitted to a width in
 * cells, in the attribute of a role.  Coordinates outside the window are clipped. */
#include <curses.h>

#include "tui/theme.h"
#include "tui/utf8.h"

struct tui_rect {
	int y, x, h, w;
};

/* What a pane draws on: its window, its rectangle, whether it has the focus, and
 * where it wants the terminal cursor (-1: hidden). */
struct tui_canvas {
	WINDOW *win;
	struct tui_rect r;
	bool focused;
	int cursor_y, cursor_x;
};

/* Draws s (UTF-8 from anywhere) at y,x in exactly `width` cells. */
void tui_draw_text(WINDOW *w, int y, int x, int width, const char *s, enum tui_align align,
		   enum tui_role role);
/* Like tui_draw_text, for text already sanitized and fitted by the caller. */
void tui_draw_wtext(WINDOW *w, int y, int x, const struct tui_wtext *t, enum tui_role role);
/* Spaces over a rectangle. */
void tui_draw_fill(WINDOW *w, struct tui_rect r, enum tui_role role);
/* A frame around r with an optional title in its top edge. */
void tui_draw_box(WINDOW *w, struct tui_rect r, const char *title, enum tui_role role);
/* A rectangle of h x w centred in `in`, shrunk to fit. */
struct tui_rect tui_rect_center(struct tui_rect in, int h, int w);
/* Frees the scratch buffers (tui_screen_shutdown calls it). */
void tui_draw_release(void);

#endif
