#ifndef BACKDESK_TUI_SCREEN_H
#define BACKDESK_TUI_SCREEN_H
/* The terminal: ncursesw set up and, on every way out, put back.
 *
 * tui_screen_init() registers the restore with fatal_set_cleanup() and atexit(),
 * and a last-resort handler for crashes (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT)
 * that puts the terminal modes back with async-signal-safe calls only and then
 * lets the crash go on.  SIGTERM, SIGHUP and SIGINT go through the event loop (see
 * tui/ui.h), which shuts down cleanly.  The caller has called setlocale() first. */
#include <stdbool.h>

#include "tui/theme.h"

#define TUI_MIN_COLS 60
#define TUI_MIN_ROWS 16

struct tui_screen_opts {
	enum tui_theme theme;
	bool mouse;    /* report clicks (the F-key bar, tabs, rows) */
	int escdelay;  /* ms to tell Esc from an escape sequence; 0: 25 */
};

/* Returns 0, or -1 with *err set (caller frees) when stdin/stdout is not a
 * terminal or ncurses cannot start. */
int tui_screen_init(const struct tui_screen_opts *opts, char **err);
/* Puts the terminal back; idempotent, safe when init never ran. */
void tui_screen_shutdown(void);
bool tui_screen_active(void);

/* The attributes (colour pair included) for a role in the current theme. */
attr_t tui_attr(enum tui_role role);
short tui_attr_pair(enum tui_role role);
enum tui_theme tui_screen_theme(void);
bool tui_screen_mouse(void);

/* Asks the kernel for the size after SIGWINCH or KEY_RESIZE and resizes ncurses'
 * idea of it; returns true when the size changed. */
bool tui_screen_resize(void);
bool tui_screen_too_small(void);
/* "terminal too small (need 60x16, have WxH)", centred, on a cleared screen. */
void tui_screen_draw_too_small(void);
/* Sends what changed to the terminal (wnoutrefresh + doupdate); hard clears the
 * terminal first when `clear` (Ctrl-L). */
void tui_screen_flush(bool clear, int cursor_y, int cursor_x);

#endif
