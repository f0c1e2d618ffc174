#ifndef BACKDESK_TUI_CONFIRM_H
#define BACKDESK_TUI_CONFIRM_H
/* A yes/no dialog.  y/n answer at once; Left/Right/Tab choose, Enter takes the
 * chosen button; Esc is no.  The chosen button starts on "no" unless default_yes.
 * The callback runs exactly once (with false when closed any other way). */
#include <stdbool.h>

#include "tui/ui.h"

typedef void (*tui_confirm_fn)(void *arg, bool yes);

/* question is copied and already translated. */
void tui_confirm(struct tui_ui *ui, const char *question, bool default_yes, tui_confirm_fn fn,
		 void *arg);

#endif
