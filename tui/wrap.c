#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "tui/utf8.h"

struct lines {
	char **v;
	size_t n, cap;
};

static void push(struct lines *l, const wchar_t *s, size_t n)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = tui_wcs_to_utf8(s, n);
}

/* One paragraph (no line breaks): greedy, breaking after the last space that fits. */
static void wrap_paragraph(struct lines *l, const struct tui_wtext *t, int width)
{
	size_t start = 0;

	while (start < t->len) {
		size_t i = start, brk = 0;
		int used = 0;

		while (i < t->len) {
			int w = tui_wchar_cells(t->s[i]);

			if (used + w > width)
				break;
			used += w;
			if (t->s[i] == L' ')
				brk = i;
			i++;
		}
		if (i >= t->len) {
			push(l, t->s + start, t->len - start);
			return;
		}
		if (brk > start) {
			push(l, t->s + start, brk - start);
			start = brk + 1;
		} else {
			if (i == start)
				i++; /* a character wider than the line: take it anyway */
			push(l, t->s + start, i - start);
			start = i;
		}
		while (start < t->len && t->s[start] == L' ')
			start++;
	}
}

size_t tui_text_wrap(const char *s, int width, char ***lines)
{
	struct lines l = { NULL, 0, 0 };
	struct tui_wtext t = TUI_WTEXT_INIT;

	if (width < 1)
		width = 1;
	while (s != NULL) {
		const char *nl = strchr(s, '\n');
		size_t len = nl != NULL ? (size_t)(nl - s) : strlen(s);

		tui_wtext_set(&t, s, len);
		if (t.len == 0)
			push(&l, L"", 0);
		else
			wrap_paragraph(&l, &t, width);
		s = nl != NULL ? nl + 1 : NULL;
	}
	tui_wtext_free(&t);
	*lines = l.v;
	return l.n;
}
