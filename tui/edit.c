#include "tui/edit.h"

#include <limits.h>
#include <stdint.h>
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

/* At the cursor, whatever the limit. */
static void put(struct tui_edit *e, wchar_t wc)
{
	e->buf = xgrow(e->buf, &e->cap, e->len + 2, sizeof *e->buf);
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->len - e->cur + 1) * sizeof *e->buf);
	e->buf[e->cur++] = wc;
	e->len++;
	touched(e);
}

bool tui_edit_insert(struct tui_edit *e, wchar_t wc)
{
	if (e->max_len > 0 && e->len >= e->max_len)
		return false;
	put(e, wc);
	return true;
}

/* Text from elsewhere as the characters to insert (the caller frees): line
 * breaks (LF, CR LF, CR) kept or made spaces, tabs spaces, the rest sanitized. */
static wchar_t *as_text(const struct tui_edit *e, const char *s, size_t *count)
{
	size_t n = s != NULL ? strlen(s) : 0, i = 0, k = 0, cap = 0;
	wchar_t *out = xgrow(NULL, &cap, n + 1, sizeof *out);

	while (i < n) {
		unsigned cp;

		i += tui_utf8_decode(s + i, n - i, &cp);
		if (cp == '\r' && i < n && s[i] == '\n')
			continue; /* CR LF: the LF says it */
		if (cp == '\n' || cp == '\r')
			out[k++] = e->multiline ? L'\n' : L' ';
		else if (cp == '\t')
			out[k++] = L' ';
		else
			out[k++] = tui_text_printable(cp);
	}
	out[k] = L'\0';
	*count = k;
	return out;
}

void tui_edit_set(struct tui_edit *e, const char *s)
{
	size_t n;
	wchar_t *w = as_text(e, s, &n);

	e->len = e->cur = e->scroll = 0;
	e->buf[0] = L'\0';
	touched(e);
	for (size_t i = 0; i < n; i++)
		put(e, w[i]);
	free(w);
}

size_t tui_edit_len(const struct tui_edit *e)
{
	return e->len;
}

bool tui_edit_paste(struct tui_edit *e, const char *utf8, size_t *chars)
{
	size_t n;
	wchar_t *w = as_text(e, utf8, &n);
	bool fits = e->max_len == 0 || (e->len <= e->max_len && n <= e->max_len - e->len);

	if (chars != NULL)
		*chars = n;
	if (fits)
		for (size_t i = 0; i < n; i++)
			put(e, w[i]);
	free(w);
	return fits;
}

void tui_edit_to_end(struct tui_edit *e)
{
	e->cur = e->len;
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

/* Cells of buf[from..to). */
static int cells(const wchar_t *buf, size_t from, size_t to)
{
	int w = 0;

	for (size_t i = from; i < to; i++)
		w += tui_wchar_cells(buf[i]);
	return w;
}

/* ---- word wrap ---- */

struct row {
	size_t start, end; /* what the row shows: buf[start..end) */
};

static int wrap_width(const struct tui_edit *e)
{
	return e->width > 0 ? e->width : INT_MAX / 4;
}

/* The row starting at s: sets its end and returns where the next row of the same
 * line starts, or SIZE_MAX when it is the line's last row.  Breaks after the last
 * space that fits; a word longer than the row is cut; a space that does not fit
 * hangs at the end of the row.  A row filled to the last cell at the end of its
 * line is followed by an empty row, where the cursor after it is shown. */
static size_t row_at(const struct tui_edit *e, size_t s, int width, size_t *end)
{
	size_t le = line_end(e, s), brk = s, i;
	int used = 0;

	for (i = s; i < le; i++) {
		int w = tui_wchar_cells(e->buf[i]);

		if (used + w > width)
			break;
		used += w;
		if (e->buf[i] == L' ')
			brk = i + 1;
	}
	if (i == le) {
		*end = le;
		return used >= width && le > s ? le : SIZE_MAX;
	}
	if (e->buf[i] == L' ') {
		*end = i;
		return i + 1;
	}
	if (brk > s) {
		*end = brk;
		return brk;
	}
	if (i == s)
		i++; /* a character wider than the row: on a row of its own */
	*end = i;
	return i;
}

/* Every row of the text (the caller frees). */
static size_t layout(const struct tui_edit *e, struct row **out)
{
	size_t n = 0, cap = 0, s = 0;
	struct row *rows = NULL;
	int width = wrap_width(e);

	for (;;) {
		size_t end, next = row_at(e, s, width, &end);

		rows = xgrow(rows, &cap, n + 1, sizeof *rows);
		rows[n].start = s;
		rows[n].end = end;
		n++;
		if (next != SIZE_MAX) {
			s = next;
			continue;
		}
		if (end >= e->len)
			break;
		s = end + 1; /* past the line break */
	}
	*out = rows;
	return n;
}

static size_t row_of(const struct row *rows, size_t n, size_t pos)
{
	size_t r = 0;

	while (r + 1 < n && rows[r + 1].start <= pos)
		r++;
	return r;
}

static bool vertical(struct tui_edit *e, int dir)
{
	struct row *rows;
	size_t n = layout(e, &rows), r = row_of(rows, n, e->cur), t, i;
	int col, c = 0;

	if ((dir < 0 && r == 0) || (dir > 0 && r + 1 >= n)) {
		free(rows);
		return false;
	}
	col = cells(e->buf, rows[r].start, e->cur);
	t = dir < 0 ? r - 1 : r + 1;
	for (i = rows[t].start; i < rows[t].end; i++) {
		int w = tui_wchar_cells(e->buf[i]);

		if (c + w > col)
			break;
		c += w;
	}
	/* The end of a row that runs on is the next row's start: stay on this one. */
	if (i == rows[t].end && i > rows[t].start && t + 1 < n && rows[t + 1].start == i)
		i--;
	e->cur = i;
	free(rows);
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

void tui_edit_set_width(struct tui_edit *e, int width)
{
	e->width = width > 0 ? width : 0;
}

size_t tui_edit_rows(const struct tui_edit *e)
{
	struct row *rows;
	size_t n = layout(e, &rows);

	free(rows);
	return n;
}

size_t tui_edit_cursor_row(const struct tui_edit *e)
{
	struct row *rows;
	size_t n = layout(e, &rows), r = row_of(rows, n, e->cur);

	free(rows);
	return r;
}

size_t tui_edit_first_row(struct tui_edit *e, size_t shown)
{
	struct row *rows;
	size_t n = layout(e, &rows), r = row_of(rows, n, e->cur);

	free(rows);
	if (shown == 0)
		shown = 1;
	if (e->scroll > r)
		e->scroll = r;
	if (r >= e->scroll + shown)
		e->scroll = r - shown + 1;
	/* Text that got shorter: no empty rows under a scrolled-off top. */
	if (n >= shown && e->scroll > n - shown)
		e->scroll = n - shown;
	if (n < shown)
		e->scroll = 0;
	return e->scroll;
}

void tui_edit_row_view(const struct tui_edit *e, size_t row, struct tui_wtext *out, int *cursor_x)
{
	struct row *rows;
	size_t n = layout(e, &rows), from = 0, to = 0, scroll;
	bool here = false;
	int width = wrap_width(e);

	if (row < n) {
		from = rows[row].start;
		to = rows[row].end;
		here = row_of(rows, n, e->cur) == row;
	}
	free(rows);
	scroll = from;
	slice(e->buf, from, to, &scroll, e->cur, false, width, out, cursor_x);
	if (here) {
		*cursor_x = cells(e->buf, from, e->cur);
		if (*cursor_x > width - 1)
			*cursor_x = width - 1; /* on a hanging space */
	}
}
