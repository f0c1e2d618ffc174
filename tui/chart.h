#ifndef BACKDESK_TUI_CHART_H
#define BACKDESK_TUI_CHART_H
/* Small charts as text, one cell per value: a sparkline (eight heights of the
 * Unicode lower blocks ▁..█) and a horizontal bar (whole blocks and eighths).
 * Where the terminal cannot show the blocks (the Linux console's font has
 * none of the eighths; a locale without UTF-8) both fall back to ASCII.
 * Pure functions: the strings are the caller's to free. */
#include <stdbool.h>
#include <stddef.h>

/* Whether blocks can be shown: term is $TERM (may be NULL), unicode whether the
 * locale shows non-ASCII text. */
bool tui_chart_blocks(const char *term, bool unicode);
/* The same for this terminal: decided once, from $TERM and the locale. */
bool tui_chart_blocks_here(void);

/* n cells, one per value, scaled from lo (the lowest height) to hi (the
 * highest); a value below lo is drawn as lo.  have[i] false (have may be NULL)
 * leaves cell i blank: no data that day.  hi <= lo: every value at the lowest
 * height, unless it is above lo. */
char *tui_sparkline(const double *v, const bool *have, size_t n, double lo, double hi, bool blocks);
/* Which of the eight heights (0..7) a value gets; the sparkline's one rule. */
int tui_spark_level(double v, double lo, double hi);

/* width cells: value's share of max, as blocks (eighths at the end) or '#',
 * the rest spaces.  A value above 0 always shows at least a sliver. */
char *tui_hbar(double value, double max, int width, bool blocks);

#endif
