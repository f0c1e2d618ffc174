#ifndef BACKDESK_TUI_KEYMAP_H
#define BACKDESK_TUI_KEYMAP_H
/* Keys → requests, and the single table that also writes the help screen and the
 * F-key bar, so the three can never disagree (tig's request list, in C17).
 *
 * TUI_REQUESTS is the X-macro list of the toolkit's own requests: id, group,
 * default keys (space-separated tui_key_parse() names), a short label (F-key bar,
 * refusals) and one line of help.  Views add their own requests through a table of
 * struct tui_binding, numbered from TUI_REQ_VIEW, each with the capabilities a role
 * needs for it.  A binding whose capability the user lacks is left off the bar and
 * the help screen, and its key is answered with "not allowed for your role". */
#include <stdbool.h>
#include <stddef.h>

#include "common/i18n.h"
#include "tui/key.h"

typedef unsigned long long tui_caps;

enum tui_group {
	TUI_GROUP_GENERAL,
	TUI_GROUP_MOVE,
	TUI_GROUP_LIST,
	TUI_GROUP_PANES,
	TUI_GROUP_DIALOG,
};

/* X(id, group, keys, label, help)
 * Find, filter and sort have no global keys: the table pane binds them, so they
 * show on the bar and in help only where there is a list to search.  Left and
 * Right neither: no screen scrolls sideways (a cut cell is whole in its detail
 * screen), so only a pane that uses them (a yes/no question) binds them. */
#define TUI_REQUESTS(X) \
	X(HELP,         TUI_GROUP_GENERAL, "F1 ?",      N_("Help"),     N_("Show the keys of this screen")) \
	X(QUIT,         TUI_GROUP_GENERAL, "q F10 C-c", N_("Quit"),     N_("Quit (asks first when something is unsaved)")) \
	X(MESSAGES,     TUI_GROUP_GENERAL, "F2 C-p",    N_("Messages"), N_("The last messages, whole, with their times")) \
	X(REDRAW,       TUI_GROUP_GENERAL, "C-l",       N_("Redraw"),   N_("Redraw the whole screen")) \
	X(COMMAND,      TUI_GROUP_GENERAL, ":",         N_("Command"),  N_("Open the command prompt")) \
	X(LOOKUP,       TUI_GROUP_GENERAL, "g",         N_("Lookup"),   N_("Look anything up from one search box")) \
	X(REFRESH,      TUI_GROUP_GENERAL, "F5 C-r",    N_("Refresh"),  N_("Load this screen again")) \
	X(UP,           TUI_GROUP_MOVE,    "Up k",      N_("Up"),       N_("Move up one line")) \
	X(DOWN,         TUI_GROUP_MOVE,    "Down j",    N_("Down"),     N_("Move down one line")) \
	X(PAGE_UP,      TUI_GROUP_MOVE,    "PgUp C-b",  N_("PgUp"),     N_("Move up one page")) \
	X(PAGE_DOWN,    TUI_GROUP_MOVE,    "PgDn C-f",  N_("PgDn"),     N_("Move down one page")) \
	X(HOME,         TUI_GROUP_MOVE,    "Home",      N_("First"),    N_("Go to the first line")) \
	X(END,          TUI_GROUP_MOVE,    "End G",     N_("Last"),     N_("Go to the last line")) \
	X(LEFT,         TUI_GROUP_MOVE,    "",          N_("Left"),     N_("Move left")) \
	X(RIGHT,        TUI_GROUP_MOVE,    "",          N_("Right"),    N_("Move right")) \
	X(ENTER,        TUI_GROUP_LIST,    "Enter",     N_("Open"),     N_("Open the selected line")) \
	X(BACK,         TUI_GROUP_LIST,    "Esc",       N_("Back"),     N_("Go back; cancel what is running")) \
	X(FIND,         TUI_GROUP_LIST,    "",      N_("Find"),     N_("Jump to an entry of the list")) \
	X(FILTER,       TUI_GROUP_LIST,    "",     N_("Filter"),   N_("Show only the lines that match")) \
	X(SORT,         TUI_GROUP_LIST,    "",      N_("Sort"),     N_("Sort by the next column")) \
	X(SORT_REVERSE, TUI_GROUP_LIST,    "",         N_("Reverse"),  N_("Reverse the sort order")) \
	X(NEXT_PANE,    TUI_GROUP_PANES,   "Tab",       N_("Next"),     N_("Move to the next pane")) \
	X(PREV_PANE,    TUI_GROUP_PANES,   "S-Tab",     N_("Previous"), N_("Move to the previous pane")) \
	X(PANE_1,       TUI_GROUP_PANES,   "1",         N_("Tab 1"),    N_("Go to the first tab")) \
	X(PANE_2,       TUI_GROUP_PANES,   "2",         N_("Tab 2"),    N_("Go to the second tab")) \
	X(PANE_3,       TUI_GROUP_PANES,   "3",         N_("Tab 3"),    N_("Go to the third tab")) \
	X(PANE_4,       TUI_GROUP_PANES,   "4",         N_("Tab 4"),    N_("Go to the fourth tab")) \
	X(PANE_5,       TUI_GROUP_PANES,   "5",         N_("Tab 5"),    N_("Go to the fifth tab")) \
	X(PANE_6,       TUI_GROUP_PANES,   "6",         N_("Tab 6"),    N_("Go to the sixth tab")) \
	X(PANE_7,       TUI_GROUP_PANES,   "7",         N_("Tab 7"),    N_("Go to the seventh tab")) \
	X(PANE_8,       TUI_GROUP_PANES,   "8",         N_("Tab 8"),    N_("Go to the eighth tab")) \
	X(PANE_9,       TUI_GROUP_PANES,   "9",         N_("Tab 9"),    N_("Go to the ninth tab")) \
	X(SUBMIT,       TUI_GROUP_DIALOG,  "",          N_("Save"),     N_("Save and close")) \
	X(CANCEL,       TUI_GROUP_DIALOG,  "",          N_("Cancel"),   N_("Close without saving")) \
	X(NEXT_FIELD,   TUI_GROUP_DIALOG,  "",          N_("Next"),     N_("Next field")) \
	X(PREV_FIELD,   TUI_GROUP_DIALOG,  "",          N_("Previous"), N_("Previous field")) \
	X(YES,          TUI_GROUP_DIALOG,  "",          N_("Yes"),      N_("Answer yes")) \
	X(NO,           TUI_GROUP_DIALOG,  "",          N_("No"),       N_("Answer no"))

enum tui_request {
	TUI_REQ_NONE = 0,
#define TUI_REQ_ENUM_(id, group, keys, label, help) TUI_REQ_##id,
	TUI_REQUESTS(TUI_REQ_ENUM_)
#undef TUI_REQ_ENUM_
	TUI_REQ_GLOBAL_END,
	/* A view numbers its own requests TUI_REQ_VIEW, TUI_REQ_VIEW + 1, ... */
	TUI_REQ_VIEW = 1000,
};

/* One line of a view's key table.  Strings are N_()-marked; they are translated
 * when shown.  A view may also list a toolkit request (say TUI_REQ_ENTER with a
 * better label, or TUI_REQ_REFRESH with a capability) to change it for that view. */
struct tui_binding {
	int request;
	const char *keys;  /* "F8 c": space-separated tui_key_parse() names */
	const char *label; /* short: the F-key bar, refusals */
	const char *help;  /* one line for the help screen */
	tui_caps need;     /* every one of these bits is needed; 0: everyone */
};

struct tui_keymap;

/* The toolkit's own bindings (TUI_REQUESTS).  Caller frees. */
struct tui_keymap *tui_keymap_global(void);
/* A view's table; `title` (N_()) heads its part of the help screen.  The table
 * must outlive the keymap.  An unknown key name is a programming error: fatal. */
struct tui_keymap *tui_keymap_new(const struct tui_binding *b, size_t n, const char *title);
void tui_keymap_free(struct tui_keymap *km);
/* Re-binds key to request in km (a request that km has); returns 0, or -1. */
int tui_keymap_bind(struct tui_keymap *km, tui_key key, int request);
/* km's table (for checks over every screen's keys): its length, the table in *out. */
size_t tui_keymap_bindings(const struct tui_keymap *km, const struct tui_binding **out);
/* The first binding in km for request, or NULL. */
const struct tui_binding *tui_keymap_find(const struct tui_keymap *km, int request);
/* The keys km binds to request (at most max into out); returns how many. */
size_t tui_keymap_keys(const struct tui_keymap *km, int request, tui_key *out, size_t max);

/* What a key press means right now: the keymaps in order (the focused view's
 * first, the global one last; first match wins, even when refused), the user's
 * capabilities, and an optional filter that hides requests that make no sense at
 * the moment (say "go to tab 7" with five tabs). */
struct tui_keyctx {
	const struct tui_keymap *maps[4];
	size_t nmaps;
	tui_caps caps;
	bool (*available)(int request, void *arg);
	void *arg;
	/* The focused pane types every printable key itself (TUI_PANE_TEXT_KEYS):
	 * such a key reaches no binding. */
	bool typed;
};

struct tui_resolved {
	int request;                       /* TUI_REQ_NONE: no binding has this key */
	const struct tui_binding *binding; /* the binding that matched */
	bool allowed;                      /* false: the role lacks a capability */
};

bool tui_keys_resolve(const struct tui_keyctx *ctx, tui_key key, struct tui_resolved *out);
/* The binding F<n> runs, or NULL when F<n> is unbound, hidden or not allowed. */
const struct tui_binding *tui_keys_fkey(const struct tui_keyctx *ctx, int n);
/* "not allowed for your role: <label>" (translated; caller frees). */
char *tui_keys_refusal(const struct tui_binding *b);

/* The help screen's lines, in order: each keymap's part (a view's first), the
 * global one by group.  Only allowed, available bindings, and for each only the
 * keys that really reach it.  All strings are translated; `keys` is "q, F10". */
typedef void (*tui_help_fn)(void *arg, const char *group, const char *keys, const char *help);
void tui_keys_help(const struct tui_keyctx *ctx, tui_help_fn fn, void *arg);

#endif
