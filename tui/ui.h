#ifndef BACKDESK_TUI_UI_H
#define BACKDESK_TUI_UI_H
/* The screen manager (htop's ScreenManager): tabs of panes, dialogs over them, the
 * status line, the message line and the F-key bar; keys in, one redraw per burst
 * out.
 *
 *   row 0          tabs ("1 First  2 Second ...") and the pane's title
 *   rows 1..H-4    the focused pane (or a dialog over it)
 *   row H-3        status line
 *   row H-2        message line (or the prompt)
 *   row H-1        F-key bar
 *
 * A message wider than the screen gets two rows (the pane and the status line
 * move up one while it shows); what still does not fit ends in "… F2: all of it",
 * and F2 (TUI_REQ_MESSAGES) opens the log of the last TUI_MSGLOG_MAX messages.
 * A message said before the current key press goes when the screen changes (a
 * screen opened or closed, another tab): it was about what was on screen then.
 *
 * A key goes to the top dialog if there is one, else to the focused pane:
 * ops->on_key first, then the keymap (the pane's keys, its widget's, the global
 * ones), then ops->on_request, then the app's hook, then the toolkit's own
 * handling (quit, help, tabs, back, redraw, command prompt).  A binding the role
 * may not use is refused on the message line and never reaches anyone.
 *
 * Panes handed to the ui are the ui's: it frees them when they close (never in the
 * middle of one of their own handlers) or when it is freed. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "tui/help.h"
#include "tui/keymap.h"
#include "tui/loop.h"
#include "tui/msglog.h"
#include "tui/pane.h"
#include "tui/screen.h"
#include "tui/statusline.h"
#include "tui/toast.h"

struct tui_ui;

struct tui_ui_hooks {
	/* Requests no pane took (TUI_REQ_LOOKUP, TUI_REQ_BACK at the top level to
	 * cancel a running query, view requests...).  Return TUI_HANDLED if used. */
	unsigned (*request)(struct tui_ui *ui, int request, void *arg);
	/* The line typed at the ':' prompt. */
	void (*command)(struct tui_ui *ui, const char *line, void *arg);
	/* The user wants out (q, confirmed when something was unsaved), or SIGTERM,
	 * SIGINT, SIGHUP or a lost terminal (then `signo` or -1 for end of file).
	 * NULL: tui_loop_quit(loop, 0) for a request, 128 + signo for a signal, 129
	 * for a lost terminal. */
	void (*quit)(struct tui_ui *ui, int signo, void *arg);
	void *arg;
	/* What quitting would lose that no pane holds (a call in progress): a short
	 * translated noun phrase, newly allocated, or NULL.  q and F10 then ask once,
	 * naming it with every pane's tui_pane_lost(); signals and a lost terminal
	 * never ask. */
	char *(*lost)(struct tui_ui *ui, void *arg);
};

struct tui_ui *tui_ui_new(struct tui_loop *loop, const struct tui_ui_hooks *hooks);
/* Takes the terminal: the screen, the keyboard, SIGWINCH/SIGTERM/SIGHUP/SIGINT.
 * Without it the ui still works headless (tests feed keys with tui_ui_key). */
int tui_ui_start(struct tui_ui *ui, const struct tui_screen_opts *opts, char **err);
/* Closes every dialog (their callbacks run, as cancelled), frees every pane, and
 * gives the terminal back. */
void tui_ui_free(struct tui_ui *ui);

struct tui_loop *tui_ui_loop(const struct tui_ui *ui);
/* Holds the next frame for at most ms while an answer is on its way (a search
 * sent for the keys just read): when it comes in time, one frame shows the keys
 * and the answer, where two frames would each cost a draw and the terminal's
 * work, on the same cores as the server that is answering.  tui_ui_release()
 * ends the hold at once; so does the next key. */
void tui_ui_hold(struct tui_ui *ui, long ms);
void tui_ui_release(struct tui_ui *ui);
void tui_ui_set_caps(struct tui_ui *ui, tui_caps caps);
tui_caps tui_ui_caps(const struct tui_ui *ui);
/* Re-binds a toolkit key (config); see tui_keymap_bind. */
struct tui_keymap *tui_ui_global_keys(struct tui_ui *ui);

/* A tab with `root` at its bottom; label is translated by the caller.  Digits
 * 1..9 go to tabs 1..9.  Returns the tab's index. */
size_t tui_ui_add_tab(struct tui_ui *ui, const char *label, struct tui_pane *root);
void tui_ui_show_tab(struct tui_ui *ui, size_t tab);
size_t tui_ui_tab(const struct tui_ui *ui);
size_t tui_ui_ntabs(const struct tui_ui *ui);
/* Opens p over the current tab's pane (Enter on a list); Esc closes it. */
void tui_ui_push(struct tui_ui *ui, struct tui_pane *p);
/* Opens p in place of the screens pushed over the current tab's root (a fresh
 * lookup: Esc from it leads back to the list, not to the previous caller).  A
 * pushed screen holding unsaved typing stays under p. */
void tui_ui_replace(struct tui_ui *ui, struct tui_pane *p);
/* A dialog over the body (centred at the pane's tui_pane_set_size), or a one-line
 * prompt on the message line. */
void tui_ui_dialog(struct tui_ui *ui, struct tui_pane *p);
/* The cells inside a dialog as wide as the screen allows (a dialog of width 0). */
int tui_ui_dialog_width(const struct tui_ui *ui);
void tui_ui_line(struct tui_ui *ui, struct tui_pane *p);
/* Closes p (a pushed pane or a dialog) once the current handler returns. */
void tui_ui_close(struct tui_ui *ui, struct tui_pane *p);
/* The pane keys go to: the top dialog, else the current tab's top pane. */
struct tui_pane *tui_ui_focus(const struct tui_ui *ui);
/* The current tab's top pane. */
struct tui_pane *tui_ui_current(const struct tui_ui *ui);
/* Whether Esc has a screen to go back to (a pane pushed over the tab's root). */
bool tui_ui_can_go_back(const struct tui_ui *ui);

/* A message on the message line; fmt is already translated. */
void tui_ui_message(struct tui_ui *ui, enum tui_severity sev, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *tui_ui_message_text(const struct tui_ui *ui);
/* Takes the message off the screen (it stays in the log). */
void tui_ui_clear_message(struct tui_ui *ui);
/* Rows the message area has now: 1, or 2 for a long message. */
int tui_ui_message_rows(const struct tui_ui *ui);
/* The last messages, and the dialog that shows them (F2, :messages). */
const struct tui_msglog *tui_ui_messages(const struct tui_ui *ui);
void tui_ui_show_messages(struct tui_ui *ui);
struct tui_status *tui_ui_status(struct tui_ui *ui);

/* What the terminal sends, one key at a time (also for tests and macros). */
void tui_ui_key(struct tui_ui *ui, tui_key key);
/* A bracketed paste (tui/input.h; NULL: too long): text for the focused pane's
 * field or prompt (its on_paste), never keys.  Where nothing takes text, the
 * message line says so and nothing runs. */
void tui_ui_paste(struct tui_ui *ui, const char *utf8);
/* Runs a request as if its key were pressed (capabilities are the caller's
 * business). */
void tui_ui_request(struct tui_ui *ui, int request);
/* The keymap context of the focused pane (for help and the F-key bar). */
void tui_ui_keyctx(const struct tui_ui *ui, struct tui_keyctx *ctx);
/* Opens the generated help for the focused pane (the screen under a prompt);
 * _at scrolls it to the heading `group` (translated), say the commands. */
void tui_ui_help(struct tui_ui *ui);
void tui_ui_help_at(struct tui_ui *ui, const char *group);
/* The terminal's bell (a refusal someone a metre away must not miss); nothing
 * before the screen is started. */
void tui_ui_bell(struct tui_ui *ui);
/* What the help adds after the keys (see tui_help_more); copied. */
void tui_ui_set_help_more(struct tui_ui *ui, const struct tui_help_more *more);

/* The app's part of the test mode's question: NULL when nothing of its own that
 * will change the screen is in flight, else a word for what is ("database"). */
typedef const char *(*tui_busy_fn)(void *arg);
/* The test mode (tui/testmode.h), after tui_ui_start: idle lines go to the file at
 * path; NULL or "" leaves it off.  busy may be NULL. */
void tui_ui_test_events(struct tui_ui *ui, const char *path, tui_busy_fn busy, void *arg);

/* Something must be drawn again; the drawing happens once, before the loop sleeps. */
void tui_ui_dirty(struct tui_ui *ui);
/* p must be drawn again: when p is the top dialog, only it (and the lines every
 * frame draws) is drawn; anything else draws the whole screen. */
void tui_ui_dirty_pane(struct tui_ui *ui, const struct tui_pane *p);
void tui_ui_render(struct tui_ui *ui);
/* Handles a terminal size change (SIGWINCH, KEY_RESIZE). */
void tui_ui_resized(struct tui_ui *ui);

#endif
