#ifndef BACKDESK_TUI_MSGLOG_H
#define BACKDESK_TUI_MSGLOG_H
/* The message log: the last messages the message line showed, each with the time
 * it was said, so one that went by too fast or did not fit is read whole (the
 * MESSAGES request, F2; :messages).  The log is pure data; the dialog copies what
 * it shows, so messages that arrive while it is open do not move it. */
#include <stddef.h>
#include <time.h>

#include "tui/pane.h"
#include "tui/toast.h"

/* As many as a shift's worth of "what did it say?" needs. */
#define TUI_MSGLOG_MAX 50

struct tui_msglog;

struct tui_msglog *tui_msglog_new(size_t max);
void tui_msglog_free(struct tui_msglog *log);
/* Keeps a copy of text; the oldest goes when the log is full. */
void tui_msglog_add(struct tui_msglog *log, enum tui_severity sev, const char *text, time_t when);
size_t tui_msglog_count(const struct tui_msglog *log);
/* The i-th newest message (0: the latest), or NULL; sev and when may be NULL. */
const char *tui_msglog_get(const struct tui_msglog *log, size_t i, enum tui_severity *sev,
			   time_t *when);

/* A dialog with the log, newest first, every message whole (wrapped to the
 * dialog's width) after its time; Esc closes it. */
struct tui_pane *tui_msglog_pane_new(const struct tui_msglog *log);
/* The dialog's keys (for tests/unit/test_views_keys.c). */
extern const struct tui_binding tui_msglog_keys[];
extern const size_t tui_msglog_nkeys;

#endif
