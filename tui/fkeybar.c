#include "tui/fkeybar.h"

#include <stdio.h>

#include "tui/draw.h"
#include "tui/utf8.h"

size_t tui_fkeybar_layout(const struct tui_keyctx *ctx, int width, struct tui_fkey_slot *out)
{
	size_t n = 0;
	int x = 0, each, total = 0;

	for (int f = 1; f <= 10; f++) {
		const struct tui_binding *b = tui_keys_fkey(ctx, f);

		if (b == NULL || b->label == NULL)
			continue;
		out[n].fnum = f;
		out[n].label = _(b->label);
		n++;
	}
	if (n == 0)
		return 0;
	/* Equal slots like htop, each "F10" plus a label of at least 5 cells; when
	 * every label fits whole, each slot is as wide as its label wants. */
	each = width / (int)n;
	for (size_t i = 0; i < n; i++) {
		int want = (out[i].fnum >= 10 ? 3 : 2) + tui_text_width(out[i].label) + 1;

		total += want < 8 ? 8 : want;
	}
	if (total <= width)
		each = width;
	for (size_t i = 0; i < n; i++) {
		int want = (out[i].fnum >= 10 ? 3 : 2) + tui_text_width(out[i].label) + 1;

		if (want < 8)
			want = 8;
		out[i].w = want < each ? want : each;
		out[i].x = x;
		x += out[i].w;
	}
	return n;
}

int tui_fkeybar_hit(const struct tui_fkey_slot *slots, size_t n, int x)
{
	for (size_t i = 0; i < n; i++)
		if (x >= slots[i].x && x < slots[i].x + slots[i].w)
			return slots[i].fnum;
	return 0;
}

void tui_fkeybar_draw(WINDOW *w, int y, int width, const struct tui_fkey_slot *slots, size_t n)
{
	int end = 0;

	for (size_t i = 0; i < n; i++) {
		char num[8];
		int nw;

		(void)snprintf(num, sizeof num, "F%d", slots[i].fnum);
		nw = slots[i].fnum >= 10 ? 3 : 2;
		if (nw > slots[i].w)
			nw = slots[i].w;
		tui_draw_text(w, y, slots[i].x, nw, num, TUI_ALIGN_LEFT, TUI_ATTR_FKEY_NUM);
		tui_draw_text(w, y, slots[i].x + nw, slots[i].w - nw, slots[i].label, TUI_ALIGN_LEFT,
			      TUI_ATTR_FKEY_LABEL);
		end = slots[i].x + slots[i].w;
	}
	if (end < width)
		tui_draw_text(w, y, end, width - end, "", TUI_ALIGN_LEFT, TUI_ATTR_FKEY_LABEL);
}
