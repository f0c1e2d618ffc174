#ifndef BACKDESK_TUI_STATUSLINE_H
#define BACKDESK_TUI_STATUSLINE_H
/* The status line: segments the app owns (user, role, database, connection state,
 * background work, a call's timer), left ones from the left edge, right ones
 * against the right edge; the right ones win when the line is short, since the
 * connection state must always show.  A segment may carry a spinner or a
 * stopwatch; the ui animates them. */
#include <stdbool.h>

#include <curses.h>

#include "tui/theme.h"

enum tui_side { TUI_SIDE_LEFT, TUI_SIDE_RIGHT };

struct tui_status;

struct tui_status *tui_status_new(void);
void tui_status_free(struct tui_status *st);
/* Called after every change (the ui redraws). */
void tui_status_on_change(struct tui_status *st, void (*fn)(void *arg), void *arg);

/* A new, empty segment; returns its slot. */
int tui_status_add(struct tui_status *st, enum tui_side side);
/* NULL or "" hides the segment.  role TUI_ATTR_STATUS is the line's own look. */
void tui_status_set(struct tui_status *st, int slot, const char *text, enum tui_role role);
void tui_status_spinner(struct tui_status *st, int slot, bool on);
/* Shows the time since start_ms (monotonic) after the text; start_ms < 0 stops. */
void tui_status_stopwatch(struct tui_status *st, int slot, long long start_ms);
/* How often the line changes by itself (ms), or 0 when it does not. */
long tui_status_period(const struct tui_status *st);

/* The text of a slot as drawn at `now` (caller frees); for tests. */
char *tui_status_text(const struct tui_status *st, int slot, long long now);
void tui_status_draw(const struct tui_status *st, WINDOW *w, int y, int width, long long now);

#endif
