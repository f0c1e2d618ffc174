#ifndef BACKDESK_TUI_ARRAY_SOURCE_H
#define BACKDESK_TUI_ARRAY_SOURCE_H
/* A row source over items already in memory (a document's orders, a list of
 * choices): the table pages, finds and filters it as it would a database list,
 * and every answer comes at once, from inside the fetch.
 *
 *   static const struct tui_array_ops ops = { count, row, matches };
 *   struct tui_array_source src = { &ops, my_items };
 *   struct tui_table *t = tui_table_new(cols, ncols, &tui_array_source_ops, &src);
 *
 * A row's key is its item's index (tui_array_key_index), so the items must keep
 * their order while the table shows them.  Sorting is not offered: the items
 * come in the order they are to be shown. */
#include <stdbool.h>
#include <stddef.h>

#include "tui/table.h"

struct tui_array_ops {
	size_t (*count)(void *items);
	/* Item i as a row, cells only: the source sets the key. */
	struct tui_row *(*row)(void *items, size_t i);
	/* Does item i show for what was typed (after / or \)?  Never asked about NULL
	 * or "" (everything shows); NULL: only "" matches anything. */
	bool (*matches)(void *items, size_t i, const char *text);
};

/* Plain data: embed it or keep it beside the table; it must outlive the table. */
struct tui_array_source {
	const struct tui_array_ops *ops;
	void *items;
};

extern const struct tui_source_ops tui_array_source_ops;

/* The item index behind a row key. */
size_t tui_array_key_index(const void *key);

#endif
