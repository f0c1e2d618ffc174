#include "tui/fkeybar.h"

#include <stdio.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/utf8.h"

/* What the slot's key is called on the bar: "F3", or "Enter " (a leading key's
 * name needs a space before its label to be read). */
static int key_text(const struct tui_fkey_slot *s, char *buf, size_t size)
{
	if (s->fnum > 0) {
		(void)snprintf(buf, size, "F%d", s->fnum);
	} else {
		tui_key_name(s->key, buf, size > 1 ? size - 1 : size);
		(void)snprintf(buf + strlen(buf), size - strlen(buf), " ");
	}
	return tui_text_width(buf);
}

size_t tui_fkeybar_layout_lead(const struct tui_keyctx *ctx, const tui_key *lead, size_t nlead,
			       int width, struct tui_fkey_slot *out)
{
	size_t n = 0;
	int x = 0, each, total = 0;

	for (size_t i = 0; i < nlead && i < TUI_FKEYBAR_MAX - 10; i++) {
		struct tui_resolved r;

		if (!tui_keys_resolve(ctx, lead[i], &r) || !r.allowed || r.binding->label == NULL)
			continue;
		out[n].fnum = 0;
		out[n].key = lead[i];
		out[n].label = _(r.binding->label);
		n++;
	}
	for (int f = 1; f <= 10; f++) {
		const struct tui_binding *b = tui_keys_fkey(ctx, f);

		if (b == NULL || b->label == NULL)
			continue;
		out[n].fnum = f;
		out[n].key = tui_key_f(f);
		out[n].label = _(b->label);
		n++;
	}
	if (n == 0)
		return 0;
	/* Equal slots like htop, each "F10" plus a label of at least 5 cells; when
	 * every label fits whole, each slot is as wide as its label wants. */
	each = width / (int)n;
	for (size_t i = 0; i < n; i++) {
		char name[32];
		int want = key_text(&out[i], name, sizeof name) + tui_text_width(out[i].label) + 1;

		total += want < 8 ? 8 : want;
	}
	if (total <= width)
		each = width;
	for (size_t i = 0; i < n; i++) {
		char name[32];
		int want = key_text(&out[i], name, sizeof name) + tui_text_width(out[i].label) + 1;

		if (want < 8)
			want = 8;
		out[i].w = want < each ? want : each;
		out[i].x = x;
		x += out[i].w;
	}
	return n;
}

size_t tui_fkeybar_layout(const struct tui_keyctx *ctx, int width, struct tui_fkey_slot *out)
{
	return tui_fkeybar_layout_lead(ctx, NULL, 0, width, out);
}

int tui_fkeybar_hit(const struct tui_fkey_slot *slots, size_t n, int x)
{
	for (size_t i = 0; i < n; i++)
		if (x >= slots[i].x && x < slots[i].x + slots[i].w)
			return slots[i].fnum;
	return 0;
}

tui_key tui_fkeybar_hit_key(const struct tui_fkey_slot *slots, size_t n, int x)
{
	for (size_t i = 0; i < n; i++)
		if (x >= slots[i].x && x < slots[i].x + slots[i].w)
			return slots[i].key;
	return TUI_KEY_NONE;
}

void tui_fkeybar_draw(WINDOW *w, int y, int width, const struct tui_fkey_slot *slots, size_t n)
{
	int end = 0;

	for (size_t i = 0; i < n; i++) {
		char num[32];
		int nw = key_text(&slots[i], num, sizeof num);

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
