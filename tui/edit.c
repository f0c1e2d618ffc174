#include "tui/edit.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "common/xalloc.h"

void tui_edit_init(struct tui_edit *e, bool multiline, size_t max_len)
{
	memset(e, 0, sizeof *e);
	e->multiline = multiline;
	e->max_len = max_len;
	e->buf = xgrow(NULL, &e->cap, 16, sizeof *e->buf);
	e->buf[0] = L'\0';
}

void tui_edit_free(struct tui_edit *e)
{
	free(e->buf);
	free(e->utf8);
	memset(e, 0, sizeof *e);
}

static void touched(struct tui_edit *e)
{
	free(e->utf8);
	e->utf8 = NULL;
}

bool tui_edit_insert(struct tui_edit *e, wchar_t wc)
{
	if (e->max_len > 0 && e->len >= e->max_len)
		return false;
	e->buf = xgrow(e->buf, &e->cap, e->len + 2, sizeof *e->buf);
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->len - e->cur + 1) * sizeof *e->buf);
	e->buf[e->cur++] = wc;
	e->len++;
	touched(e);
	return true;
}

void tui_edit_set(struct tui_edit *e, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0, i = 0;

	e->len = e->cur = e->scroll = 0;
	e->buf[0] = L'\0';
	touched(e);
	while (i < n) {
		unsigned cp;

		i += tui_utf8_decode(s + i, n - i, &cp);
		if (cp == '\n' && e->multiline)
			(void)tui_edit_insert(e, L'\n');
		else if (cp != '\r')
			(void)tui_edit_insert(e, tui_text_printable(cp));
	}
}

const char *tui_edit_text(struct tui_edit *e)
{
	if (e->utf8 == NULL)
		e->utf8 = tui_wcs_to_utf8(e->buf, e->len);
	return e->utf8;
}

bool tui_edit_empty(const struct tui_edit *e)
{
	return e->len == 0;
}

static void delete_range(struct tui_edit *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(e->buf + from, e->buf + to, (e->len - to + 1) * sizeof *e->buf);
	e->len -= to - from;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
	touched(e);
}

static size_t line_start(const struct tui_edit *e, size_t pos)
{
	while (pos > 0 && e->buf[pos - 1] != L'\n')
		pos--;
	return pos;
}

static size_t line_end(const struct tui_edit *e, size_t pos)
{
	while (pos < e->len && e->buf[pos] != L'\n')
		pos++;
	return pos;
}

static bool vertical(struct tui_edit *e, int dir)
{
	size_t start = line_start(e, e->cur), col = e->cur - start, target;

	if (dir < 0) {
		if (start == 0)
			return false;
		target = line_start(e, start - 1);
	} else {
		size_t end = line_end(e, e->cur);

		if (end >= e->len)
			return false;
		target = end + 1;
	}
	e->cur = target + col;
	if (e->cur > line_end(e, target))
		e->cur = line_end(e, target);
	return true;
}

bool tui_edit_key(struct tui_edit *e, tui_key k)
{
	size_t p;

	if (tui_key_is_text(k))
		return tui_edit_insert(e, (wchar_t)k);
	if (k == TUI_KEYCODE(KEY_LEFT) || k == TUI_KEY_CTRL('B')) {
		if (e->cur > 0)
			e->cur--;
		return true;
	}
	if (k == TUI_KEYCODE(KEY_RIGHT) || k == TUI_KEY_CTRL('F')) {
		if (e->cur < e->len)
			e->cur++;
		return true;
	}
	if (k == TUI_KEYCODE(KEY_HOME) || k == TUI_KEY_CTRL('A')) {
		e->cur = e->multiline ? line_start(e, e->cur) : 0;
		return true;
	}
	if (k == TUI_KEYCODE(KEY_END) || k == TUI_KEY_CTRL('E')) {
		e->cur = e->multiline ? line_end(e, e->cur) : e->len;
		return true;
	}
	if (k == TUI_KEYCODE(KEY_BACKSPACE)) {
		if (e->cur > 0)
			delete_range(e, e->cur - 1, e->cur);
		return true;
	}
	if (k == TUI_KEYCODE(KEY_DC) || k == TUI_KEY_CTRL('D')) {
		if (e->cur < e->len)
			delete_range(e, e->cur, e->cur + 1);
		return true;
	}
	if (k == TUI_KEY_CTRL('U')) {
		delete_range(e, e->multiline ? line_start(e, e->cur) : 0, e->cur);
		return true;
	}
	if (k == TUI_KEY_CTRL('K')) {
		delete_range(e, e->cur, e->multiline ? line_end(e, e->cur) : e->len);
		return true;
	}
	if (k == TUI_KEY_CTRL('W')) {
		p = e->cur;
		while (p > 0 && iswspace((wint_t)e->buf[p - 1]))
			p--;
		while (p > 0 && !iswspace((wint_t)e->buf[p - 1]))
			p--;
		delete_range(e, p, e->cur);
		return true;
	}
	if (e->multiline) {
		if (k == TUI_KEY_ENTER)
			return tui_edit_insert(e, L'\n') || true;
		if (k == TUI_KEYCODE(KEY_UP))
			return vertical(e, -1);
		if (k == TUI_KEYCODE(KEY_DOWN))
			return vertical(e, 1);
	}
	return false;
}

/* Cells of buf[from..to). */
static int cells(const wchar_t *buf, size_t from, size_t to)
{
	int w = 0;

	for (size_t i = from; i < to; i++)
		w += tui_wchar_cells(buf[i]);
	return w;
}

/* Shows [from, to) of the buffer with the cursor at `cur` (or none) in width. */
static void slice(const wchar_t *buf, size_t from, size_t to, size_t *scroll, size_t cur,
		  bool has_cursor, int width, struct tui_wtext *out, int *cursor_x)
{
	size_t s = *scroll;
	int used = 0;

	if (s < from || s > to)
		s = from;
	if (has_cursor) {
		if (cur < s)
			s = cur;
		/* The cursor needs a cell of its own at the end. */
		while (s < cur && cells(buf, s, cur) + 1 > width)
			s++;
	}
	*scroll = s;
	out->len = 0;
	out->cells = 0;
	out->s = xgrow(out->s, &out->cap, 1, sizeof *out->s);
	out->s[0] = L'\0';
	for (size_t i = s; i < to; i++) {
		int w = tui_wchar_cells(buf[i]);

		if (used + w > width)
			break;
		out->s = xgrow(out->s, &out->cap, out->len + 2, sizeof *out->s);
		out->s[out->len++] = buf[i];
		out->s[out->len] = L'\0';
		used += w;
	}
	out->cells = used;
	*cursor_x = has_cursor ? cells(buf, s, cur) : -1;
}

void tui_edit_view(struct tui_edit *e, int width, struct tui_wtext *out, int *cursor_x)
{
	slice(e->buf, 0, e->len, &e->scroll, e->cur, true, width > 0 ? width : 1, out, cursor_x);
}

size_t tui_edit_nlines(const struct tui_edit *e)
{
	size_t n = 1;

	for (size_t i = 0; i < e->len; i++)
		if (e->buf[i] == L'\n')
			n++;
	return n;
}

size_t tui_edit_cursor_line(const struct tui_edit *e)
{
	size_t n = 0;

	for (size_t i = 0; i < e->cur; i++)
		if (e->buf[i] == L'\n')
			n++;
	return n;
}

void tui_edit_line_view(const struct tui_edit *e, size_t line, int width, struct tui_wtext *out,
			int *cursor_x)
{
	size_t start = 0, end, scroll = 0;
	bool here;

	for (size_t l = 0; l < line && start < e->len; start++)
		if (e->buf[start] == L'\n')
			l++;
	end = line_end(e, start);
	here = e->cur >= start && e->cur <= end;
	scroll = start;
	slice(e->buf, start, end, &scroll, e->cur, here, width > 0 ? width : 1, out, cursor_x);
}
