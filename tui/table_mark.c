/* Where a highlighted part of a cell lands on screen.  Widths are measured on the
 * sanitized text, exactly as tui_draw_text will show it, so a highlight never
 * drifts off its letters with Turkish, Hungarian or wide characters. */
#include <string.h>

#include "common/textsafe.h"
#include "tui/table.h"

/* Cells of the sanitized form of s[0..n). */
static int cells(struct tui_wtext *scratch, const char *s, size_t n)
{
	tui_wtext_set(scratch, s, n);
	return scratch->cells;
}

/* How many bytes of s[start..start+n) fit in `room` cells, and the cells they
 * take.  The walk starts at the beginning of s, because whether a mark is shown
 * depends on what came before it. */
static size_t fitting(const char *s, size_t start, size_t n, int room, int *used)
{
	struct textsafe st = TEXTSAFE_INIT;
	unsigned out[TEXTSAFE_MAX];
	size_t i = 0;

	while (i < start) {
		unsigned cp;

		i += tui_utf8_decode(s + i, start - i, &cp);
		(void)textsafe_next(&st, cp, out);
	}
	*used = 0;
	while (i < start + n) {
		unsigned cp;
		size_t k = tui_utf8_decode(s + i, start + n - i, &cp);
		size_t m = textsafe_next(&st, cp, out);
		int w = 0;

		for (size_t j = 0; j < m; j++)
			w += textsafe_cells(out[j]);
		if (*used + w > room)
			break;
		*used += w;
		i += k;
	}
	return i - start;
}

bool tui_mark_span(const char *s, size_t start, size_t len, int width, enum tui_align align,
		   int *x, int *w, size_t *shown)
{
	struct tui_wtext t = TUI_WTEXT_INIT;
	size_t n = s != NULL ? strlen(s) : 0;
	int total, pre, limit, off = 0, used;

	if (start >= n || len == 0 || width <= 0)
		return false;
	if (len > n - start)
		len = n - start;
	total = cells(&t, s, n);
	pre = cells(&t, s, start);
	tui_wtext_free(&t);
	if (total > width) {
		limit = width - 1; /* the last cell is the ellipsis */
	} else {
		limit = total;
		if (align == TUI_ALIGN_RIGHT)
			off = width - total;
		else if (align == TUI_ALIGN_CENTER)
			off = (width - total) / 2;
	}
	if (pre >= limit)
		return false;
	*shown = fitting(s, start, len, limit - pre, &used);
	if (*shown == 0 || used == 0)
		return false;
	*x = off + pre;
	*w = used;
	return true;
}
