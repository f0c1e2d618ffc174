#ifndef BACKDESK_TUI_TOAST_H
#define BACKDESK_TUI_TOAST_H
/* The message line: one message at a time, with a severity and a time to live.
 * Pure: the ui owns the timer and the drawing. */
#include <stdbool.h>

#include "tui/theme.h"

enum tui_severity { TUI_MSG_INFO, TUI_MSG_SUCCESS, TUI_MSG_WARNING, TUI_MSG_ERROR };

struct tui_toast {
	char *text; /* NULL: nothing to show */
	enum tui_severity sev;
	long long until; /* monotonic ms */
};

/* Replaces the message (text is copied). */
void tui_toast_set(struct tui_toast *t, enum tui_severity sev, const char *text, long long now);
/* Clears an expired message; true when it did. */
bool tui_toast_expire(struct tui_toast *t, long long now);
void tui_toast_clear(struct tui_toast *t);
long tui_toast_ttl(enum tui_severity sev);
enum tui_role tui_toast_role(enum tui_severity sev);

#endif
