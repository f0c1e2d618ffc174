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

/* Two things to do and Back: buttons first, second and back (translated, copied).
 * y (or F2) takes first; n, Esc and F10 go back; Left/Right/Tab move to the next
 * button and Enter takes it, starting on back, so Enter alone never does either
 * thing.  The callback runs exactly once (back when closed any other way). */
enum tui_choice { TUI_CHOICE_BACK, TUI_CHOICE_FIRST, TUI_CHOICE_SECOND };
typedef void (*tui_choice_fn)(void *arg, enum tui_choice choice);
struct tui_pane *tui_confirm_choice(struct tui_ui *ui, const char *question, const char *first,
				    const char *second, const char *back, tui_choice_fn fn,
				    void *arg);

#endif
