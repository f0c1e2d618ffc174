#include "tui/statusline.h"

#include <stdlib.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "tui/draw.h"
#include "tui/utf8.h"

struct slot {
	enum tui_side side;
	char *text;
	enum tui_role role;
	bool spinner;
	long long since;
};

struct tui_status {
	struct slot *s;
	size_t n, cap;
	void (*changed)(void *);
	void *arg;
};

struct tui_status *tui_status_new(void)
{
	return xcalloc(1, sizeof(struct tui_status));
}

void tui_status_free(struct tui_status *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < st->n; i++)
		free(st->s[i].text);
	free(st->s);
	free(st);
}

void tui_status_on_change(struct tui_status *st, void (*fn)(void *arg), void *arg)
{
	st->changed = fn;
	st->arg = arg;
}

static void changed(struct tui_status *st)
{
	if (st->changed != NULL)
		st->changed(st->arg);
}

int tui_status_add(struct tui_status *st, enum tui_side side)
{
	struct slot *sl;

	st->s = xgrow(st->s, &st->cap, st->n + 1, sizeof *st->s);
	sl = &st->s[st->n];
	sl->side = side;
	sl->text = NULL;
	sl->role = TUI_ATTR_STATUS;
	sl->spinner = false;
	sl->since = -1;
	return (int)st->n++;
}

static struct slot *get(const struct tui_status *st, int slot)
{
	return slot >= 0 && (size_t)slot < st->n ? &st->s[slot] : NULL;
}

void tui_status_set(struct tui_status *st, int slot, const char *text, enum tui_role role)
{
	struct slot *sl = get(st, slot);

	if (sl == NULL)
		return;
	free(sl->text);
	sl->text = text != NULL && text[0] != '\0' ? xstrdup(text) : NULL;
	sl->role = role;
	changed(st);
}

void tui_status_spinner(struct tui_status *st, int slot, bool on)
{
	struct slot *sl = get(st, slot);

	if (sl == NULL || sl->spinner == on)
		return;
	sl->spinner = on;
	changed(st);
}

void tui_status_stopwatch(struct tui_status *st, int slot, long long start_ms)
{
	struct slot *sl = get(st, slot);

	if (sl == NULL)
		return;
	sl->since = start_ms;
	changed(st);
}

long tui_status_period(const struct tui_status *st)
{
	long p = 0;

	for (size_t i = 0; i < st->n; i++) {
		if (st->s[i].spinner)
			return 100;
		if (st->s[i].since >= 0)
			p = 1000;
	}
	return p;
}

char *tui_status_text(const struct tui_status *st, int slot, long long now)
{
	static const char *const uni[] = { "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" };
	static const char *const ascii[] = { "|", "/", "-", "\\" };
	const struct slot *sl = get(st, slot);
	struct strbuf sb = STRBUF_INIT;

	if (sl == NULL)
		return sb_take(&sb);
	if (sl->spinner) {
		long long f = now / 100;

		if (tui_text_unicode())
			sb_puts(&sb, uni[f % 10]);
		else
			sb_puts(&sb, ascii[f % 4]);
		if (sl->text != NULL || sl->since >= 0)
			sb_putc(&sb, ' ');
	}
	if (sl->text != NULL)
		sb_puts(&sb, sl->text);
	if (sl->since >= 0) {
		long long s = (now - sl->since) / 1000;

		if (s < 0)
			s = 0;
		if (sb.len > 0)
			sb_putc(&sb, ' ');
		if (s >= 3600)
			sb_printf(&sb, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
		else
			sb_printf(&sb, "%02lld:%02lld", s / 60, s % 60);
	}
	return sb_take(&sb);
}

void tui_status_draw(const struct tui_status *st, WINDOW *w, int y, int width, long long now)
{
	const char *sep = tui_text_unicode() ? " │ " : " | ";
	int right = width - 1, left = 1;

	tui_draw_text(w, y, 0, width, "", TUI_ALIGN_LEFT, TUI_ATTR_STATUS);
	/* Right segments first, from the right edge inwards: they must show. */
	for (size_t i = st->n; i-- > 0;) {
		char *t;
		int tw;

		if (st->s[i].side != TUI_SIDE_RIGHT)
			continue;
		t = tui_status_text(st, (int)i, now);
		tw = tui_text_width(t);
		if (tw > 0 && tw <= right - left) {
			if (right < width - 1) {
				right -= 3;
				tui_draw_text(w, y, right, 3, sep, TUI_ALIGN_LEFT, TUI_ATTR_STATUS);
			}
			right -= tw;
			tui_draw_text(w, y, right, tw, t, TUI_ALIGN_LEFT, st->s[i].role);
		}
		free(t);
	}
	for (size_t i = 0; i < st->n; i++) {
		char *t;
		int tw, room;

		if (st->s[i].side != TUI_SIDE_LEFT)
			continue;
		t = tui_status_text(st, (int)i, now);
		tw = tui_text_width(t);
		if (tw > 0) {
			if (left > 1) {
				tui_draw_text(w, y, left, 3, sep, TUI_ALIGN_LEFT, TUI_ATTR_STATUS);
				left += 3;
			}
			room = right - 1 - left;
			if (room <= 0) {
				free(t);
				break;
			}
			if (tw > room)
				tw = room;
			tui_draw_text(w, y, left, tw, t, TUI_ALIGN_LEFT, st->s[i].role);
			left += tw;
		}
		free(t);
	}
}
