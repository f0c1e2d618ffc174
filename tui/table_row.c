#include <stdlib.h>

#include "common/xalloc.h"
#include "tui/table.h"

struct tui_row {
	size_t ncols;
	char **cells;
	void *key;
	enum tui_role role;
	unsigned char *cell_role; /* NULL until a cell gets a role of its own */
	struct row_mark {
		size_t col, start, len;
	} *marks;                 /* tui_row_add_mark(): NULL when none */
	size_t nmarks, markcap;
};

struct tui_row *tui_row_new(size_t ncols)
{
	struct tui_row *r = xcalloc(1, sizeof *r);

	r->ncols = ncols;
	r->cells = xcalloc(ncols, sizeof *r->cells);
	r->role = TUI_ATTR_NORMAL;
	return r;
}

void tui_row_take(struct tui_row *r, size_t col, char *s)
{
	if (col >= r->ncols) {
		free(s);
		return;
	}
	free(r->cells[col]);
	r->cells[col] = s;
}

void tui_row_set(struct tui_row *r, size_t col, const char *s)
{
	tui_row_take(r, col, s != NULL ? xstrdup(s) : NULL);
}

void tui_row_set_key(struct tui_row *r, void *key)
{
	r->key = key;
}

void tui_row_set_role(struct tui_row *r, enum tui_role role)
{
	r->role = role;
}

void tui_row_set_cell_role(struct tui_row *r, size_t col, enum tui_role role)
{
	if (col >= r->ncols)
		return;
	if (r->cell_role == NULL)
		r->cell_role = xcalloc(r->ncols, 1);
	r->cell_role[col] = (unsigned char)(role + 1);
}

const char *tui_row_cell(const struct tui_row *r, size_t col)
{
	if (col >= r->ncols || r->cells[col] == NULL)
		return "";
	return r->cells[col];
}

const void *tui_row_key(const struct tui_row *r)
{
	return r->key;
}

enum tui_role tui_row_role(const struct tui_row *r, size_t col)
{
	if (r->cell_role != NULL && col < r->ncols && r->cell_role[col] != 0)
		return (enum tui_role)(r->cell_role[col] - 1);
	return r->role;
}

void tui_row_free(struct tui_row *r, void (*free_key)(void *))
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->cell_role);
	free(r->marks);
	if (free_key != NULL && r->key != NULL)
		free_key(r->key);
	free(r);
}

void tui_row_add_mark(struct tui_row *r, size_t col, size_t start, size_t len)
{
	if (col >= r->ncols || len == 0)
		return;
	r->marks = xgrow(r->marks, &r->markcap, r->nmarks + 1, sizeof *r->marks);
	r->marks[r->nmarks].col = col;
	r->marks[r->nmarks].start = start;
	r->marks[r->nmarks].len = len;
	r->nmarks++;
}

size_t tui_row_nmarks(const struct tui_row *r)
{
	return r->nmarks;
}

bool tui_row_mark(const struct tui_row *r, size_t i, size_t *col, size_t *start, size_t *len)
{
	if (i >= r->nmarks)
		return false;
	*col = r->marks[i].col;
	*start = r->marks[i].start;
	*len = r->marks[i].len;
	return true;
}
