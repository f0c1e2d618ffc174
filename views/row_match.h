#ifndef BACKDESK_VIEWS_ROW_MATCH_H
#define BACKDESK_VIEWS_ROW_MATCH_H
/* Find (/) in a list held in memory looks for what the rows show: the words of
 * the staff member's language, amounts and dates as the screen writes them,
 * ignoring case and accents (views/match.h), never a code or an English reason
 * the database keeps behind them. */
#include <stdbool.h>
#include <stddef.h>

#include "tui/table.h"

/* Does item i, made into its row by `row` (ncols cells), show `text`? */
bool views_row_shows(struct tui_row *(*row)(void *items, size_t i), void *items, size_t i, size_t ncols,
		     const char *text);

#endif
