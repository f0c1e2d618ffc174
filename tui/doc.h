#ifndef BACKDESK_TUI_DOC_H
#define BACKDESK_TUI_DOC_H
/* A document: lines of fixed-width segments, scrolled in a pane.  The detail
 * screens (an order, a customer) are documents with headings, label/value pairs
 * and small tables; sections can be jumped to by their marks.
 *
 *   struct tui_doc *d = tui_doc_new();
 *   tui_doc_heading(d, _("Parcels"));
 *   tui_doc_pair(d, _("Carrier"), "aras", TUI_ATTR_NORMAL);
 *   struct tui_pane *p = tui_doc_pane_new(d, &view_ops, view);   // owns d
 *
 * Text is drawn through tui_draw_text, so anything from the database is safe. */
#include <stdbool.h>
#include <stddef.h>

#include "tui/pane.h"
#include "tui/theme.h"
#include "tui/utf8.h"

struct tui_doc;

/* One segment of a line: `width` cells (0: the rest of the line). */
struct tui_doc_cell {
	const char *text;
	int width;
	enum tui_align align;
	enum tui_role role;
};

struct tui_doc *tui_doc_new(void);
void tui_doc_free(struct tui_doc *d);
void tui_doc_clear(struct tui_doc *d);
size_t tui_doc_len(const struct tui_doc *d);
/* The screen rows it takes at `width` cells, long text wrapped as drawn. */
size_t tui_doc_rows(const struct tui_doc *d, int width);

void tui_doc_blank(struct tui_doc *d);
/* A section title; returns its line, for tui_doc_pane_scroll_to. */
size_t tui_doc_heading(struct tui_doc *d, const char *text);
void tui_doc_text(struct tui_doc *d, enum tui_role role, const char *text);
/* "Label        value": labels in a column of their own. */
void tui_doc_pair(struct tui_doc *d, const char *label, const char *value, enum tui_role role);
void tui_doc_cells(struct tui_doc *d, const struct tui_doc_cell *cells, size_t n);

/* The text of line i, segments joined by spaces (caller frees); for tests. */
char *tui_doc_line_text(const struct tui_doc *d, size_t i);

/* A pane that shows d (and owns it from now on), scrolled with the usual keys. */
struct tui_pane *tui_doc_pane_new(struct tui_doc *d, const struct tui_pane_ops *view,
				  void *view_data);
struct tui_doc *tui_doc_pane_doc(const struct tui_pane *p);
/* Puts line at the top (as far as the end allows). */
void tui_doc_pane_scroll_to(struct tui_pane *p, size_t line);
size_t tui_doc_pane_top(const struct tui_pane *p);

#endif
