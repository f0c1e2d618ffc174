#ifndef BACKDESK_TUI_TABLE_PANE_H
#define BACKDESK_TUI_TABLE_PANE_H
/* A table as a pane: the view's own operations first, the table's after.  The
 * table handles Up/Down/PgUp/PgDn/Home/End (and j/k/G), / (find: asks the source
 * to seek), \ (filter), s/S (sort), F5 (refresh), clicks on rows and on column
 * titles; it draws the column titles, the rows, "loading…" lines and errors. */
#include "tui/pane.h"
#include "tui/table.h"

/* The pane owns the table from now on. */
struct tui_pane *tui_table_pane_new(struct tui_table *t, const struct tui_pane_ops *view,
				    void *view_data);
struct tui_table *tui_table_pane_table(const struct tui_pane *p);

/* A line of sub-tabs above the column titles (a list's views, with their counts):
 * the labels (copied) in order, `active` highlighted, kept in sight on a narrow
 * screen.  n == 0 takes the line away. */
void tui_table_pane_set_strip(struct tui_pane *p, const char *const *labels, size_t n,
			      size_t active);
/* The table asks for its first rows when the pane is first focused, not when it
 * is first sized: a tab nobody opens costs no query (and none at start).  Before
 * tui_ui_add_tab. */
void tui_table_pane_set_lazy(struct tui_pane *p);
/* A click on the strip's item i calls fn(arg, i). */
void tui_table_pane_on_strip(struct tui_pane *p, void (*fn)(void *arg, size_t i), void *arg);

#endif
