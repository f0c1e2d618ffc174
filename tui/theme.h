#ifndef BACKDESK_TUI_THEME_H
#define BACKDESK_TUI_THEME_H
/* Attributes by role, never by colour: a view says TUI_ATTR_LATE, the theme decides
 * what late looks like.  Pure tables, no terminal needed. */
#include <stdbool.h>

#include <curses.h>

enum tui_theme {
	TUI_THEME_DEFAULT,       /* colours on the terminal's own background */
	TUI_THEME_MONOCHROME,    /* bold, reverse and underline only (NO_COLOR) */
	TUI_THEME_HIGH_CONTRAST, /* bright on black */
};

#define TUI_ROLES(X) \
	X(NORMAL) X(TITLE) X(TAB) X(TAB_ACTIVE) X(HEADER) X(SELECTED) X(SELECTED_IDLE) \
	X(LATE) X(ERROR) X(WARNING) X(OK) X(MUTED) X(STATUS) X(STATUS_ALERT) \
	X(FKEY_NUM) X(FKEY_LABEL) X(INPUT) X(INPUT_ACTIVE) X(DIALOG) X(BORDER) X(KEY)

enum tui_role {
#define TUI_ROLE_ENUM_(r) TUI_ATTR_##r,
	TUI_ROLES(TUI_ROLE_ENUM_)
#undef TUI_ROLE_ENUM_
	TUI_ATTR__COUNT
};

struct tui_style {
	short fg, bg; /* COLOR_*, or -1 for the terminal's own */
	attr_t attrs; /* A_BOLD, A_REVERSE, A_UNDERLINE, A_DIM */
};

/* The style of role in theme (monochrome styles have fg == bg == -1). */
struct tui_style tui_theme_style(enum tui_theme theme, enum tui_role role);
/* The theme to use: monochrome when NO_COLOR is set (and not empty) or the terminal
 * has no colours, else the one asked for. */
enum tui_theme tui_theme_effective(enum tui_theme wanted, bool has_colors);
/* "default", "monochrome", "high-contrast"; NULL for a bad name. */
const char *tui_theme_name(enum tui_theme theme);
int tui_theme_parse(const char *name, enum tui_theme *out);

#endif
