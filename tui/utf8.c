#include "tui/utf8.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strbuf.h"
#include "common/xalloc.h"

#define REPLACEMENT 0xFFFDu
#define ELLIPSIS 0x2026u
/* ncurses keeps a base character and at most four combining ones per cell. */
#define MAX_COMBINING 4

static int unicode_state = -1;

bool tui_text_unicode(void)
{
	if (unicode_state < 0) {
		const char *cs = nl_langinfo(CODESET);

		unicode_state = cs != NULL &&
				(strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
	}
	return unicode_state == 1;
}

void tui_text_locale_changed(void)
{
	unicode_state = -1;
}

size_t tui_utf8_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c, min;
	size_t len, i;

	if (n == 0) {
		*cp = REPLACEMENT;
		return 0;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = REPLACEMENT;
		return 1;
	}
	if (n < len) {
		*cp = REPLACEMENT;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3Fu);
	}
	/* Overlong forms and surrogates are how filters get bypassed: refuse them. */
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = REPLACEMENT;
		return 1;
	}
	*cp = c;
	return len;
}

size_t tui_utf8_encode(unsigned cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = REPLACEMENT;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (unsigned char)(0xF0 | (cp >> 18));
	b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static bool is_bidi_control(unsigned cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

wchar_t tui_text_printable(unsigned cp)
{
	bool uni = tui_text_unicode();

	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x85)
		return L' ';
	if (cp < 0x20)
		return uni ? (wchar_t)(0x2400 + cp) : L'?';
	if (cp == 0x7F)
		return uni ? (wchar_t)0x2421 : L'?';
	if (cp < 0x7F)
		return (wchar_t)cp;
	if (!uni)
		return L'?';
	if (cp <= 0x9F || is_bidi_control(cp))
		return (wchar_t)REPLACEMENT;
	if (wcwidth((wchar_t)cp) < 0)
		return (wchar_t)REPLACEMENT;
	return (wchar_t)cp;
}

int tui_wchar_cells(wchar_t wc)
{
	int w = wcwidth(wc);

	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
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
	size_t i = 0;
	int combining = 0;
	bool have_base = false;

	wt_clear(t);
	while (i < n) {
		unsigned cp;
		wchar_t wc;
		int w;

		i += tui_utf8_decode(s + i, n - i, &cp);
		wc = tui_text_printable(cp);
		if (wc == 0)
			continue;
		w = tui_wchar_cells(wc);
		if (w == 0) {
			/* A mark with nothing to sit on would merge into the cell before. */
			if (!have_base || combining >= MAX_COMBINING)
				continue;
			combining++;
		} else {
			have_base = true;
			combining = 0;
		}
		wt_push(t, wc, w);
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
