#ifndef BACKDESK_TUI_TABLE_H
#define BACKDESK_TUI_TABLE_H
/* The virtual table: columns over an asynchronous row source, holding only a
 * bounded window of rows around what is on screen.
 *
 * The table asks; the source answers later (or at once, from inside the call):
 *
 *   source->fetch(src, table, &fetch)       fetch.id, .dir, .anchor, .count, ...
 *   ... later ...
 *   tui_table_deliver(table, fetch.id, rows, n, reached_end)
 *
 * Rows arrive in display order whatever the direction (a source reading backwards
 * reverses them).  `reached_end` says there is nothing further in the direction
 * asked: after the last row for FIRST/AFTER/AT/SEEK, before the first row for
 * LAST/BEFORE.  A delivery whose id is not the one the table waits for is stale:
 * its rows are freed and nothing changes.  At most one fetch is in flight; a new
 * start (Home, End, filter, sort, find, refresh) supersedes it (source->cancel is
 * told, when there is one).
 *
 * Keys are the source's: an opaque pointer per row (the keyset position, e.g. the
 * sort value and the primary key), freed with source->free_key and compared with
 * source->same_key.  The anchor given to fetch() is borrowed for the duration of
 * the call only: copy what you need.
 *
 * The window holds at most tui_table_window_cap() rows (three fetches' worth), so
 * paging from the first to the last of a million rows keeps memory flat. */
#include <stdbool.h>
#include <stddef.h>

#include "tui/theme.h"
#include "tui/utf8.h"

enum tui_fetch_dir {
	TUI_FETCH_FIRST,  /* the first rows */
	TUI_FETCH_LAST,   /* the last rows (End) */
	TUI_FETCH_AFTER,  /* rows after the anchor, not including it */
	TUI_FETCH_BEFORE, /* rows before the anchor, not including it */
	TUI_FETCH_AT,     /* rows from the anchor on, including it (refresh) */
	TUI_FETCH_SEEK,   /* rows from where `seek` leads on (find) */
};

struct tui_fetch {
	unsigned long id;
	enum tui_fetch_dir dir;
	const void *anchor; /* AFTER, BEFORE, AT: a row key, borrowed */
	size_t count;       /* how many rows to deliver at most */
	/* FIRST and LAST for a new window: the rows on screen.  A source that reads in
	 * pages may deliver only these (and not say "end"): the table reads the next
	 * page ahead once they are in.  0: deliver up to count. */
	size_t shown;
	const char *seek;   /* SEEK: what the user typed */
	const char *filter; /* NULL: none */
	int sort_col;       /* -1: the source's natural order */
	bool sort_desc;
	/* Bit i: column i (a TUI_COL_LAZY one) is not on screen (too narrow), so its
	 * cells may stay empty: the source need not read what only it shows. */
	unsigned long hidden;
};

struct tui_table;

struct tui_source_ops {
	void (*fetch)(void *src, struct tui_table *t, const struct tui_fetch *f);
	void (*cancel)(void *src, unsigned long id);  /* optional */
	bool (*same_key)(const void *a, const void *b);
	void (*free_key)(void *key);
};

enum {
	TUI_COL_SORTABLE = 1, /* the source can sort by it */
	TUI_COL_OPTIONAL = 2, /* dropped first when the screen is narrow */
	TUI_COL_LAZY = 4,     /* read only while it shows (struct tui_fetch's hidden) */
};

/* The context of a column title marked NC_("column", "Left"): xgettext needs the
 * literal; a title without a translation in it falls back to the plain one. */
#define TUI_COLUMN_CTX "column"

struct tui_column {
	const char *title;   /* N_(), or NC_("column", ...) for a header that must be
	                      * shorter than the word elsewhere, or means another thing */
	int width;           /* cells: exact when flex == 0, else the least */
	int flex;            /* share of the room left over; 0: fixed */
	enum tui_align align;
	unsigned flags;
};

/* One row, as the source builds it. */
struct tui_row;
struct tui_row *tui_row_new(size_t ncols);
/* Copies s (UTF-8 from anywhere; it is sanitized when drawn).  NULL: empty. */
void tui_row_set(struct tui_row *r, size_t col, const char *s);
/* Takes an allocated string. */
void tui_row_take(struct tui_row *r, size_t col, char *s);
void tui_row_set_key(struct tui_row *r, void *key);
/* The whole row's role (say TUI_ATTR_LATE), or one cell's. */
void tui_row_set_role(struct tui_row *r, enum tui_role role);
void tui_row_set_cell_role(struct tui_row *r, size_t col, enum tui_role role);
const char *tui_row_cell(const struct tui_row *r, size_t col);
const void *tui_row_key(const struct tui_row *r);
enum tui_role tui_row_role(const struct tui_row *r, size_t col);
void tui_row_free(struct tui_row *r, void (*free_key)(void *));

/* Highlights: bytes [start, start + len) of a cell's text are drawn in
 * TUI_ATTR_KEY (what matched a search).  Ranges should start and end on UTF-8
 * character boundaries; a range past the text's end is cut to it. */
void tui_row_add_mark(struct tui_row *r, size_t col, size_t start, size_t len);
size_t tui_row_nmarks(const struct tui_row *r);
/* Mark i (0 .. tui_row_nmarks() - 1); false past the end. */
bool tui_row_mark(const struct tui_row *r, size_t i, size_t *col, size_t *start, size_t *len);
/* Where bytes [start, start + len) of s land when s is fitted to `width` cells
 * with `align`, as tui_draw_text fits it: the first cell (*x) and the cells
 * (*w) that show, and how many of the range's bytes fill them (*shown).  False
 * when none of it shows (cut off behind the ellipsis).  Pure: for tests. */
bool tui_mark_span(const char *s, size_t start, size_t len, int width, enum tui_align align,
		   int *x, int *w, size_t *shown);

/* Events the table reports to whoever shows it. */
struct tui_table_hooks {
	void (*changed)(void *arg);  /* something to redraw */
	void (*message)(void *arg, bool error, const char *text);
	void *arg;
};

/* cols must outlive the table; the table does not own src.  Nothing is fetched
 * until the first tui_table_set_page() (or tui_table_start()). */
struct tui_table *tui_table_new(const struct tui_column *cols, size_t ncols,
				const struct tui_source_ops *ops, void *src);
void tui_table_free(struct tui_table *t);
void tui_table_set_hooks(struct tui_table *t, const struct tui_table_hooks *h);
/* Rows that fit on screen; also sizes the fetches and the window. */
void tui_table_set_page(struct tui_table *t, int rows);
/* The width it is drawn at: which lazy columns show (struct tui_fetch's hidden).
 * One that comes into view over rows fetched without it loads them again. */
void tui_table_set_width(struct tui_table *t, int width);
void tui_table_start(struct tui_table *t);

/* The source's answers.  The table takes every row (not the array). */
void tui_table_deliver(struct tui_table *t, unsigned long id, struct tui_row **rows, size_t n,
		       bool reached_end);
void tui_table_fail(struct tui_table *t, unsigned long id, const char *message);

/* Moves; each returns true when something changed on screen. */
bool tui_table_up(struct tui_table *t, int n);
bool tui_table_down(struct tui_table *t, int n);
bool tui_table_page_up(struct tui_table *t);
bool tui_table_page_down(struct tui_table *t);
bool tui_table_home(struct tui_table *t);
bool tui_table_end(struct tui_table *t);
/* Selects the row drawn at screen line `line` of the table body (mouse). */
bool tui_table_select_line(struct tui_table *t, int line);

/* Live refresh: fetches the visible window again from its first key and keeps the
 * selection on the same key (or the same line when that row is gone). */
void tui_table_refresh(struct tui_table *t);
void tui_table_seek(struct tui_table *t, const char *text);
/* From the first row again, the cursor on it: the source now answers another
 * question (a list's view changed). */
void tui_table_reload(struct tui_table *t);
/* NULL or "": no filter.  Both start over from the first row. */
void tui_table_set_filter(struct tui_table *t, const char *filter);
void tui_table_set_sort(struct tui_table *t, int col, bool desc);
/* The next sortable column (wrapping to the natural order); returns false when no
 * column is sortable. */
bool tui_table_sort_next(struct tui_table *t);
void tui_table_sort_reverse(struct tui_table *t);

const char *tui_table_filter(const struct tui_table *t);
int tui_table_sort_col(const struct tui_table *t, bool *desc);
const struct tui_row *tui_table_selected(const struct tui_table *t);
const void *tui_table_selected_key(const struct tui_table *t);
const struct tui_column *tui_table_columns(const struct tui_table *t, size_t *n);

/* What screen line i (0 = first below the header) shows. */
enum tui_line_kind { TUI_LINE_ROW, TUI_LINE_LOADING, TUI_LINE_ERROR, TUI_LINE_EMPTY,
		     TUI_LINE_BLANK };
enum tui_line_kind tui_table_line(const struct tui_table *t, int i, const struct tui_row **row,
				  bool *selected);
/* The error of the last failed fetch, or NULL. */
const char *tui_table_error(const struct tui_table *t);
bool tui_table_loading(const struct tui_table *t);

/* For tests and measurements. */
size_t tui_table_window_len(const struct tui_table *t);
size_t tui_table_window_cap(const struct tui_table *t);
unsigned long tui_table_inflight(const struct tui_table *t);

/* Column widths for a total width (one space between columns).  Fixed columns get
 * their width, flexible ones share what is left in proportion; when the room is
 * short, optional columns are dropped (width 0), then the last ones are cut.
 * Pure: no terminal needed. */
void tui_columns_layout(const struct tui_column *cols, size_t n, int total, int *widths);

#endif
