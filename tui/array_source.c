#include "tui/array_source.h"

#include <stdlib.h>

#include "common/xalloc.h"

size_t tui_array_key_index(const void *key)
{
	return *(const size_t *)key;
}

static bool same_key(const void *a, const void *b)
{
	return tui_array_key_index(a) == tui_array_key_index(b);
}

static void free_key(void *key)
{
	free(key);
}

static bool shows(const struct tui_array_source *s, size_t i, const char *text)
{
	if (text == NULL || text[0] == '\0')
		return true;
	return s->ops->matches != NULL && s->ops->matches(s->items, i, text);
}

static struct tui_row *row_at(const struct tui_array_source *s, size_t i)
{
	struct tui_row *r = s->ops->row(s->items, i);
	size_t *key = xmalloc(sizeof *key);

	*key = i;
	tui_row_set_key(r, key);
	return r;
}

/* Up to f->count rows that pass the filter, from item `from` on (forward) or
 * from item `from - 1` down (backward), in display order.  The end is reached
 * when no further item passes. */
static size_t collect(const struct tui_array_source *s, const struct tui_fetch *f, size_t from,
		      bool backward, struct tui_row **rows, bool *end)
{
	size_t total = s->ops->count(s->items), n = 0, i = from > total ? total : from;

	if (!backward) {
		for (; i < total && n < f->count; i++)
			if (shows(s, i, f->filter))
				rows[n++] = row_at(s, i);
		while (i < total && !shows(s, i, f->filter))
			i++;
		*end = i == total;
		return n;
	}
	for (; i > 0 && n < f->count; i--)
		if (shows(s, i - 1, f->filter))
			rows[n++] = row_at(s, i - 1);
	while (i > 0 && !shows(s, i - 1, f->filter))
		i--;
	*end = i == 0;
	for (size_t a = 0, b = n; a + 1 < b; a++, b--) {
		struct tui_row *t = rows[a];

		rows[a] = rows[b - 1];
		rows[b - 1] = t;
	}
	return n;
}

static void fetch(void *src, struct tui_table *t, const struct tui_fetch *f)
{
	const struct tui_array_source *s = src;
	size_t total = s->ops->count(s->items), at = f->anchor != NULL ? tui_array_key_index(f->anchor) : 0;
	struct tui_row **rows = xcalloc(f->count + 1, sizeof *rows);
	size_t n = 0;
	bool end = true;

	switch (f->dir) {
	case TUI_FETCH_FIRST:
		n = collect(s, f, 0, false, rows, &end);
		break;
	case TUI_FETCH_LAST:
		n = collect(s, f, total, true, rows, &end);
		break;
	case TUI_FETCH_AFTER:
		n = collect(s, f, f->anchor != NULL ? at + 1 : 0, false, rows, &end);
		break;
	case TUI_FETCH_BEFORE:
		n = collect(s, f, at, true, rows, &end);
		break;
	case TUI_FETCH_AT:
		n = collect(s, f, at, false, rows, &end);
		break;
	case TUI_FETCH_SEEK:
		/* The first item that matches what was typed and passes the filter. */
		at = 0;
		while (at < total && !(shows(s, at, f->seek) && shows(s, at, f->filter)))
			at++;
		if (at < total)
			n = collect(s, f, at, false, rows, &end);
		break;
	}
	tui_table_deliver(t, f->id, rows, n, end);
	free(rows);
}

const struct tui_source_ops tui_array_source_ops = { fetch, NULL, same_key, free_key };
