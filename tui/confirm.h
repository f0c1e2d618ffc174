#ifndef BACKDESK_TUI_CONFIRM_H
#define BACKDESK_TUI_CONFIRM_H
/* A yes/no dialog.  y (or F2) / n answer at once; Left/Right/Tab choose, Enter takes the
 * chosen button; Esc and F10 are no.  The chosen button starts on "no" unless
 * default_yes.  The callback runs exactly once (with false when closed any other
 * way). */
#include <stdbool.h>

#include "tui/pane.h"
#include "tui/ui.h"

typedef void (*tui_confirm_fn)(void *arg, bool yes);

/* question is copied and already translated. */
void tui_confirm(struct tui_ui *ui, const char *question, bool default_yes, tui_confirm_fn fn,
		 void *arg);

/* The same, with buttons that say what they do ("Cancel the order", "Back";
 * translated, copied; NULL: "Yes", "No").  The dialog, until the callback has run:
 * the caller may close it early with tui_ui_close (the callback then says no). */
struct tui_pane *tui_confirm_action(struct tui_ui *ui, const char *question, const char *yes,
				    const char *no, bool default_yes, tui_confirm_fn fn, void *arg);

#endif
