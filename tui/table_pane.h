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

#endif
