#include "tui/theme.h"

#include <stdlib.h>
#include <string.h>

#define S(fg, bg, a) { (short)(fg), (short)(bg), (attr_t)(a) }
#define D (-1)

static const struct tui_style default_theme[TUI_ATTR__COUNT] = {
	[TUI_ATTR_NORMAL] = S(D, D, A_NORMAL),
	[TUI_ATTR_TITLE] = S(D, D, A_BOLD),
	[TUI_ATTR_TAB] = S(D, D, A_NORMAL),
	[TUI_ATTR_TAB_ACTIVE] = S(COLOR_BLACK, COLOR_CYAN, A_BOLD),
	[TUI_ATTR_HEADER] = S(COLOR_BLACK, COLOR_GREEN, A_NORMAL),
	[TUI_ATTR_SELECTED] = S(COLOR_BLACK, COLOR_CYAN, A_NORMAL),
	[TUI_ATTR_SELECTED_IDLE] = S(COLOR_BLACK, COLOR_WHITE, A_NORMAL),
	[TUI_ATTR_LATE] = S(COLOR_RED, D, A_BOLD),
	[TUI_ATTR_ERROR] = S(COLOR_WHITE, COLOR_RED, A_BOLD),
	[TUI_ATTR_WARNING] = S(COLOR_YELLOW, D, A_BOLD),
	[TUI_ATTR_OK] = S(COLOR_BLACK, COLOR_GREEN, A_BOLD),
	[TUI_ATTR_MUTED] = S(D, D, A_DIM),
	[TUI_ATTR_STATUS] = S(COLOR_WHITE, COLOR_BLUE, A_NORMAL),
	[TUI_ATTR_STATUS_ALERT] = S(COLOR_WHITE, COLOR_RED, A_BOLD),
	[TUI_ATTR_FKEY_NUM] = S(D, D, A_NORMAL),
	[TUI_ATTR_FKEY_LABEL] = S(COLOR_BLACK, COLOR_CYAN, A_NORMAL),
	[TUI_ATTR_INPUT] = S(D, D, A_UNDERLINE),
	[TUI_ATTR_INPUT_ACTIVE] = S(COLOR_BLACK, COLOR_CYAN, A_NORMAL),
	[TUI_ATTR_DIALOG] = S(D, D, A_NORMAL),
	[TUI_ATTR_BORDER] = S(COLOR_CYAN, D, A_BOLD),
	[TUI_ATTR_KEY] = S(COLOR_CYAN, D, A_BOLD),
};

/* Only what every terminal can show without colour. */
static const struct tui_style mono_theme[TUI_ATTR__COUNT] = {
	[TUI_ATTR_NORMAL] = S(D, D, A_NORMAL),
	[TUI_ATTR_TITLE] = S(D, D, A_BOLD),
	[TUI_ATTR_TAB] = S(D, D, A_NORMAL),
	[TUI_ATTR_TAB_ACTIVE] = S(D, D, A_REVERSE | A_BOLD),
	[TUI_ATTR_HEADER] = S(D, D, A_BOLD | A_UNDERLINE),
	[TUI_ATTR_SELECTED] = S(D, D, A_REVERSE),
	[TUI_ATTR_SELECTED_IDLE] = S(D, D, A_UNDERLINE),
	[TUI_ATTR_LATE] = S(D, D, A_BOLD | A_UNDERLINE),
	[TUI_ATTR_ERROR] = S(D, D, A_REVERSE | A_BOLD),
	[TUI_ATTR_WARNING] = S(D, D, A_BOLD),
	[TUI_ATTR_OK] = S(D, D, A_REVERSE),
	[TUI_ATTR_MUTED] = S(D, D, A_NORMAL),
	[TUI_ATTR_STATUS] = S(D, D, A_REVERSE),
	[TUI_ATTR_STATUS_ALERT] = S(D, D, A_REVERSE | A_BOLD),
	[TUI_ATTR_FKEY_NUM] = S(D, D, A_BOLD),
	[TUI_ATTR_FKEY_LABEL] = S(D, D, A_REVERSE),
	[TUI_ATTR_INPUT] = S(D, D, A_UNDERLINE),
	[TUI_ATTR_INPUT_ACTIVE] = S(D, D, A_REVERSE),
	[TUI_ATTR_DIALOG] = S(D, D, A_NORMAL),
	[TUI_ATTR_BORDER] = S(D, D, A_BOLD),
	[TUI_ATTR_KEY] = S(D, D, A_BOLD),
};

static const struct tui_style contrast_theme[TUI_ATTR__COUNT] = {
	[TUI_ATTR_NORMAL] = S(COLOR_WHITE, COLOR_BLACK, A_NORMAL),
	[TUI_ATTR_TITLE] = S(COLOR_YELLOW, COLOR_BLACK, A_BOLD),
	[TUI_ATTR_TAB] = S(COLOR_WHITE, COLOR_BLACK, A_NORMAL),
	[TUI_ATTR_TAB_ACTIVE] = S(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
	[TUI_ATTR_HEADER] = S(COLOR_BLACK, COLOR_WHITE, A_BOLD),
	[TUI_ATTR_SELECTED] = S(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
	[TUI_ATTR_SELECTED_IDLE] = S(COLOR_BLACK, COLOR_WHITE, A_NORMAL),
	[TUI_ATTR_LATE] = S(COLOR_WHITE, COLOR_RED, A_BOLD),
	[TUI_ATTR_ERROR] = S(COLOR_YELLOW, COLOR_RED, A_BOLD),
	[TUI_ATTR_WARNING] = S(COLOR_BLACK, COLOR_YELLOW, A_BOLD),
	[TUI_ATTR_OK] = S(COLOR_BLACK, COLOR_GREEN, A_BOLD),
	[TUI_ATTR_MUTED] = S(COLOR_WHITE, COLOR_BLACK, A_NORMAL),
	[TUI_ATTR_STATUS] = S(COLOR_BLACK, COLOR_WHITE, A_BOLD),
	[TUI_ATTR_STATUS_ALERT] = S(COLOR_WHITE, COLOR_RED, A_BOLD),
	[TUI_ATTR_FKEY_NUM] = S(COLOR_WHITE, COLOR_BLACK, A_BOLD),
	[TUI_ATTR_FKEY_LABEL] = S(COLOR_BLACK, COLOR_WHITE, A_BOLD),
	[TUI_ATTR_INPUT] = S(COLOR_WHITE, COLOR_BLACK, A_UNDERLINE),
	[TUI_ATTR_INPUT_ACTIVE] = S(COLOR_BLACK, COLOR_WHITE, A_BOLD),
	[TUI_ATTR_DIALOG] = S(COLOR_WHITE, COLOR_BLACK, A_NORMAL),
	[TUI_ATTR_BORDER] = S(COLOR_WHITE, COLOR_BLACK, A_BOLD),
	[TUI_ATTR_KEY] = S(COLOR_YELLOW, COLOR_BLACK, A_BOLD),
};

struct tui_style tui_theme_style(enum tui_theme theme, enum tui_role role)
{
	const struct tui_style *t;

	if ((int)role < 0 || role >= TUI_ATTR__COUNT)
		role = TUI_ATTR_NORMAL;
	switch (theme) {
	case TUI_THEME_MONOCHROME:
		t = mono_theme;
		break;
	case TUI_THEME_HIGH_CONTRAST:
		t = contrast_theme;
		break;
	case TUI_THEME_DEFAULT:
	default:
		t = default_theme;
		break;
	}
	return t[role];
}

enum tui_theme tui_theme_effective(enum tui_theme wanted, bool has_colors)
{
	const char *nc = getenv("NO_COLOR");

	if ((nc != NULL && nc[0] != '\0') || !has_colors)
		return TUI_THEME_MONOCHROME;
	return wanted;
}

const char *tui_theme_name(enum tui_theme theme)
{
	switch (theme) {
	case TUI_THEME_DEFAULT:
		return "default";
	case TUI_THEME_MONOCHROME:
		return "monochrome";
	case TUI_THEME_HIGH_CONTRAST:
		return "high-contrast";
	}
	return NULL;
}

int tui_theme_parse(const char *name, enum tui_theme *out)
{
	for (int t = TUI_THEME_DEFAULT; t <= TUI_THEME_HIGH_CONTRAST; t++)
		if (strcmp(name, tui_theme_name((enum tui_theme)t)) == 0) {
			*out = (enum tui_theme)t;
			return 0;
		}
	return -1;
}
