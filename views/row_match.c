#include "views/row_match.h"

#include "views/match.h"

bool views_row_shows(struct tui_row *(*row)(void *items, size_t i), void *items, size_t i, size_t ncols,
		     const char *text)
{
	struct tui_row *r = row(items, i);
	struct match_span sp[1];
	bool found = false;

	for (size_t c = 0; c < ncols && !found; c++) {
		const char *cell = tui_row_cell(r, c);

		found = cell != NULL && match_find(cell, text, sp, 1) > 0;
	}
	tui_row_free(r, NULL);
	return found;
}
