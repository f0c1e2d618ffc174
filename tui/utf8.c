#include "tui/utf8.h"

#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/textsafe.h"
#include "common/xalloc.h"

#define ELLIPSIS 0x2026u

/* The byte-level rules live in common/textsafe.c, shared with the commands, so
 * the screen and a command's output can never disagree about what is safe. */

bool tui_text_unicode(void)
{
	return textsafe_unicode();
}

void tui_text_locale_changed(void)
{
	textsafe_locale_changed();
}

size_t tui_utf8_decode(const char *s, size_t n, unsigned *cp)
{
	return textsafe_decode(s, n, cp);
}

size_t tui_utf8_encode(unsigned cp, char *buf)
{
	return textsafe_encode(cp, buf);
}

void tui_utf8_in_reset(struct tui_utf8_in *u)
{
	u->len = 0;
	u->need = 0;
}

bool tui_utf8_in_byte(struct tui_utf8_in *u, unsigned char byte, unsigned *cp)
{
	if (u->need > 0 && (byte & 0xC0) != 0x80)
		tui_utf8_in_reset(u);
	if (u->need == 0) {
		size_t n = textsafe_seq_len(byte);

		if (n == 1) {
			*cp = byte;
			return true;
		}
		if (n == 0)
			return false;
		u->need = (unsigned char)n;
	}
	u->b[u->len++] = (char)byte;
	if (u->len < u->need)
		return false;
	/* Whole: what the strict decoder takes in one piece (no overlong form, no
	 * surrogate) is a character; anything else is dropped. */
	{
		size_t used = textsafe_decode(u->b, u->len, cp);
		bool whole = used == u->len;

		tui_utf8_in_reset(u);
		return whole;
	}
}

wchar_t tui_text_printable(unsigned cp)
{
	unsigned out[TEXTSAFE_MAX];

	/* A character that is spelled out ("⟨U+200B⟩") cannot be one cell. */
	if (textsafe_map(cp, out) != 1)
		return tui_text_unicode() ? (wchar_t)0xFFFD : L'?';
	return (wchar_t)out[0];
}

int tui_wchar_cells(wchar_t wc)
{
	return textsafe_cells((unsigned)wc);
}

static void wt_push(struct tui_wtext *t, wchar_t wc, int cells)
{
	t->s = xgrow(t->s, &t->cap, t->len + 2, sizeof *t->s);
	t->s[t->len++] = wc;
	t->s[t->len] = L'\0';
	t->cells += cells;
}

static void wt_clear(struct tui_wtext *t)
{
	t->len = 0;
	t->cells = 0;
	t->s = xgrow(t->s, &t->cap, 1, sizeof *t->s);
	t->s[0] = L'\0';
}

void tui_wtext_set(struct tui_wtext *t, const char *s, size_t n)
{
	struct textsafe st = TEXTSAFE_INIT;
	unsigned out[TEXTSAFE_MAX];
	size_t i = 0;

	wt_clear(t);
	/* Mostly a character a byte: one allocation, not one per doubling. */
	t->s = xgrow(t->s, &t->cap, n + 1, sizeof *t->s);
	while (i < n) {
		unsigned cp;
		size_t k;

		i += textsafe_decode(s + i, n - i, &cp);
		k = textsafe_next(&st, cp, out);
		for (size_t j = 0; j < k; j++)
			wt_push(t, (wchar_t)out[j], textsafe_cells(out[j]));
	}
}

void tui_wtext_free(struct tui_wtext *t)
{
	free(t->s);
	t->s = NULL;
	t->len = t->cap = 0;
	t->cells = 0;
}

static void wt_pad(struct tui_wtext *t, int left, int right)
{
	if (left > 0) {
		t->s = xgrow(t->s, &t->cap, t->len + (size_t)left + 1, sizeof *t->s);
		memmove(t->s + left, t->s, (t->len + 1) * sizeof *t->s);
		for (int i = 0; i < left; i++)
			t->s[i] = L' ';
		t->len += (size_t)left;
		t->cells += left;
	}
	for (int i = 0; i < right; i++)
		wt_push(t, L' ', 1);
}

void tui_wtext_fit(struct tui_wtext *t, int width, enum tui_align align)
{
	int gap;

	if (t->s == NULL)
		wt_clear(t);
	if (width <= 0) {
		wt_clear(t);
		return;
	}
	if (t->cells > width) {
		wchar_t ell = tui_text_unicode() ? (wchar_t)ELLIPSIS : L'~';
		int used = 0;
		size_t keep = 0;

		while (keep < t->len) {
			int w = tui_wchar_cells(t->s[keep]);

			if (w > 0 && used + w > width - 1)
				break;
			used += w;
			keep++;
		}
		t->len = keep;
		t->s[keep] = L'\0';
		t->cells = used;
		wt_push(t, ell, 1);
		wt_pad(t, 0, width - t->cells);
		return;
	}
	gap = width - t->cells;
	switch (align) {
	case TUI_ALIGN_RIGHT:
		wt_pad(t, gap, 0);
		break;
	case TUI_ALIGN_CENTER:
		wt_pad(t, gap / 2, gap - gap / 2);
		break;
	case TUI_ALIGN_LEFT:
	default:
		wt_pad(t, 0, gap);
		break;
	}
}

char *tui_wcs_to_utf8(const wchar_t *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4];

	for (size_t i = 0; i < n; i++)
		sb_add(&sb, buf, tui_utf8_encode((unsigned)s[i], buf));
	return sb_take(&sb);
}

static char *wt_take_utf8(struct tui_wtext *t)
{
	char *r = tui_wcs_to_utf8(t->s, t->len);

	tui_wtext_free(t);
	return r;
}

char *tui_text_sanitize(const char *s)
{
	struct tui_wtext t = TUI_WTEXT_INIT;

	tui_wtext_set(&t, s, strlen(s));
	return wt_take_utf8(&t);
}

int tui_text_width(const char *s)
{
	struct tui_wtext t = TUI_WTEXT_INIT;
	int w;

	tui_wtext_set(&t, s, strlen(s));
	w = t.cells;
	tui_wtext_free(&t);
	return w;
}

char *tui_text_fit(const char *s, int width, enum tui_align align)
{
	struct tui_wtext t = TUI_WTEXT_INIT;

	tui_wtext_set(&t, s, strlen(s));
	tui_wtext_fit(&t, width, align);
	return wt_take_utf8(&t);
}

char *tui_text_truncate(const char *s, int width)
{
	struct tui_wtext t = TUI_WTEXT_INIT;

	tui_wtext_set(&t, s, strlen(s));
	if (t.cells > width)
		tui_wtext_fit(&t, width, TUI_ALIGN_LEFT);
	return wt_take_utf8(&t);
}
