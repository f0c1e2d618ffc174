#include "tui/draw.h"

#include <string.h>

#include "tui/screen.h"

/* One scratch string for every draw: no allocation per cell once it has grown. */
static struct tui_wtext scratch = TUI_WTEXT_INIT;

static void set_role(WINDOW *w, enum tui_role role)
{
	/* Fails only for a NULL window, which the callers never pass. */
	(void)wattr_set(w, tui_attr(role), tui_attr_pair(role), NULL);
}

static bool clip(WINDOW *w, int y, int *x, int *width)
{
	int maxy = getmaxy(w), maxx = getmaxx(w);

	if (y < 0 || y >= maxy || *width <= 0 || *x >= maxx)
		return false;
	if (*x < 0) {
		*width += *x;
		*x = 0;
	}
	if (*x + *width > maxx)
		*width = maxx - *x;
	return *width > 0;
}

void tui_draw_text(WINDOW *w, int y, int x, int width, const char *s, enum tui_align align,
		   enum tui_role role)
{
	if (!clip(w, y, &x, &width))
		return;
	if (s == NULL || s[0] == '\0') {
		/* A blank run (a row's ground, a dialog's fill) in one call: through the
		 * wide-text path it cost a conversion and a cell write per column, and
		 * every frame of a list draws one per row. */
		set_role(w, role);
		(void)mvwhline(w, y, x, ' ', width);
		set_role(w, TUI_ATTR_NORMAL);
		return;
	}
	tui_wtext_set(&scratch, s, strlen(s));
	tui_wtext_fit(&scratch, width, align);
	tui_draw_wtext(w, y, x, &scratch, role);
}

void tui_draw_wtext(WINDOW *w, int y, int x, const struct tui_wtext *t, enum tui_role role)
{
	int width;

	if (t->s == NULL || t->len == 0)
		return;
	width = t->cells;
	if (!clip(w, y, &x, &width))
		return;
	set_role(w, role);
	/* ERR only when writing the bottom-right cell, which is still drawn. */
	(void)mvwaddnwstr(w, y, x, t->s, (int)t->len);
	set_role(w, TUI_ATTR_NORMAL);
}

void tui_draw_fill(WINDOW *w, struct tui_rect r, enum tui_role role)
{
	for (int y = r.y; y < r.y + r.h; y++)
		tui_draw_text(w, y, r.x, r.w, "", TUI_ALIGN_LEFT, role);
}

void tui_draw_box(WINDOW *w, struct tui_rect r, const char *title, enum tui_role role)
{
	if (r.h < 2 || r.w < 2)
		return;
	set_role(w, role);
	(void)mvwhline_set(w, r.y, r.x + 1, WACS_HLINE, r.w - 2);
	(void)mvwhline_set(w, r.y + r.h - 1, r.x + 1, WACS_HLINE, r.w - 2);
	(void)mvwvline_set(w, r.y + 1, r.x, WACS_VLINE, r.h - 2);
	(void)mvwvline_set(w, r.y + 1, r.x + r.w - 1, WACS_VLINE, r.h - 2);
	(void)mvwadd_wch(w, r.y, r.x, WACS_ULCORNER);
	(void)mvwadd_wch(w, r.y, r.x + r.w - 1, WACS_URCORNER);
	(void)mvwadd_wch(w, r.y + r.h - 1, r.x, WACS_LLCORNER);
	(void)mvwadd_wch(w, r.y + r.h - 1, r.x + r.w - 1, WACS_LRCORNER);
	set_role(w, TUI_ATTR_NORMAL);
	if (title != NULL && title[0] != '\0' && r.w > 6) {
		int tw = tui_text_width(title) + 2;

		if (tw > r.w - 4)
			tw = r.w - 4;
		tui_draw_text(w, r.y, r.x + 2, tw, title, TUI_ALIGN_CENTER, TUI_ATTR_TITLE);
	}
}

struct tui_rect tui_rect_center(struct tui_rect in, int h, int w)
{
	struct tui_rect r;

	r.h = h < in.h ? h : in.h;
	r.w = w < in.w ? w : in.w;
	r.y = in.y + (in.h - r.h) / 2;
	r.x = in.x + (in.w - r.w) / 2;
	return r;
}

void tui_draw_release(void)
{
	tui_wtext_free(&scratch);
}
