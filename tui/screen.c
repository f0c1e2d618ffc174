#include "tui/screen.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>


#include "common/fatal.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/draw.h"
#include "tui/key.h"
#include "tui/utf8.h"

static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
#define NCRASH (sizeof crash_signals / sizeof crash_signals[0])

static struct {
	bool active;
	bool atexit_done;
	SCREEN *sp;
	enum tui_theme theme;
	bool mouse;
	attr_t attrs[TUI_ATTR__COUNT];
	short pairs[TUI_ATTR__COUNT];
	/* For the crash handler, which may only use async-signal-safe calls. */
	struct termios saved_tio;
	bool have_tio;
	char reset_seq[256];
	size_t reset_len;
	struct sigaction old_crash[NCRASH];
} scr;

static void add_reset(const char *cap)
{
	const char *s = tigetstr(cap);
	size_t n;

	if (s == NULL || s == (const char *)-1)
		return;
	n = strlen(s);
	if (scr.reset_len + n < sizeof scr.reset_seq) {
		memcpy(scr.reset_seq + scr.reset_len, s, n);
		scr.reset_len += n;
	}
}

static void on_crash(int signo)
{
	size_t i;

	if (scr.active) {
		if (scr.reset_len > 0)
			(void)!write(STDOUT_FILENO, scr.reset_seq, scr.reset_len);
		if (scr.have_tio)
			(void)tcsetattr(STDIN_FILENO, TCSANOW, &scr.saved_tio);
	}
	/* Hand the signal to whoever had it (the sanitizers' reporters, or the
	 * default core dump): a fault re-runs the instruction, an abort re-raises. */
	for (i = 0; i < NCRASH; i++)
		if (crash_signals[i] == signo)
			(void)sigaction(signo, &scr.old_crash[i], NULL);
	if (signo == SIGABRT || signo == SIGFPE)
		(void)raise(signo);
}

static void install_crash_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	(void)sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < NCRASH; i++)
		if (sigaction(crash_signals[i], &sa, &scr.old_crash[i]) != 0)
			fatal(_("cannot install a signal handler: %s"), strerror(errno));
}

static void remove_crash_handlers(void)
{
	for (size_t i = 0; i < NCRASH; i++)
		(void)sigaction(crash_signals[i], &scr.old_crash[i], NULL);
}

static void setup_theme(enum tui_theme wanted)
{
	bool default_bg = false;

	scr.theme = tui_theme_effective(wanted, has_colors());
	if (scr.theme != TUI_THEME_MONOCHROME) {
		if (start_color() == ERR) {
			scr.theme = TUI_THEME_MONOCHROME;
		} else {
			/* The terminal's own background, so a light terminal stays light. */
			default_bg = use_default_colors() == OK;
		}
	}
	for (int r = 0; r < TUI_ATTR__COUNT; r++) {
		struct tui_style st = tui_theme_style(scr.theme, (enum tui_role)r);

		scr.attrs[r] = st.attrs;
		scr.pairs[r] = 0;
		if (scr.theme == TUI_THEME_MONOCHROME)
			continue;
		if (!default_bg) {
			if (st.fg < 0)
				st.fg = COLOR_WHITE;
			if (st.bg < 0)
				st.bg = COLOR_BLACK;
		}
		if (r + 1 < COLOR_PAIRS && init_pair((short)(r + 1), st.fg, st.bg) == OK)
			scr.pairs[r] = (short)(r + 1);
	}
	/* Fails only for a NULL window. */
	(void)wbkgdset(stdscr, (chtype)(' ' | (chtype)COLOR_PAIR(scr.pairs[TUI_ATTR_NORMAL])));
}

/* Bracketed paste: the terminal marks pasted text, so a pasted Esc or line break
 * is text, not a key (tui/input.c).  Off again on every way out: shutdown, and
 * the crash handler's reset sequence. */
#define PASTE_ON "\033[?2004h"
#define PASTE_OFF "\033[?2004l"

static void add_reset_raw(const char *s)
{
	size_t n = strlen(s);

	if (scr.reset_len + n < sizeof scr.reset_seq) {
		memcpy(scr.reset_seq + scr.reset_len, s, n);
		scr.reset_len += n;
	}
}

static void paste_on(void)
{
	/* Unknown to the terminal's description, so taught to ncurses' key reader;
	 * any binding the description has for them goes first. */
	(void)define_key("\033[200~", 0); /* ERR: there was none */
	(void)define_key("\033[201~", 0);
	/* Without the markers as keys a paste would arrive as ESC [ 2 0 0 ~ and the
	 * Esc would act: then better no bracketing at all. */
	if (define_key("\033[200~", TUI_PASTE_BEGIN_CODE) == ERR ||
	    define_key("\033[201~", TUI_PASTE_END_CODE) == ERR)
		return;
	add_reset_raw(PASTE_OFF);
	/* A terminal without bracketed paste ignores it; a write that fails here
	 * fails the first drawing too. */
	(void)fputs(PASTE_ON, stdout);
	(void)fflush(stdout);
}

static void restore_cleanup(void)
{
	tui_screen_shutdown();
}

static void restore_atexit(void)
{
	tui_screen_shutdown();
}

int tui_screen_init(const struct tui_screen_opts *opts, char **err)
{
	struct sigaction ign;

	*err = NULL;
	if (scr.active)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*err = xstrdup(_("the console needs a terminal (stdin and stdout)"));
		return -1;
	}
	scr.have_tio = tcgetattr(STDIN_FILENO, &scr.saved_tio) == 0;
	/* ncurses' own default (1 s) makes Esc feel broken. */
	(void)set_escdelay(opts->escdelay > 0 ? opts->escdelay : 25);
	scr.sp = newterm(NULL, stdout, stdin);
	if (scr.sp == NULL) {
		const char *t = getenv("TERM");

		*err = xasprintf(_("cannot use the terminal (TERM=%s)"), t != NULL ? t : "");
		return -1;
	}
	(void)set_term(scr.sp);
	scr.active = true;
	fatal_set_cleanup(restore_cleanup);
	if (!scr.atexit_done && atexit(restore_atexit) == 0)
		scr.atexit_done = true;
	scr.reset_len = 0;
	add_reset("sgr0");
	add_reset("cnorm");
	add_reset("rmkx");
	add_reset("rmcup");
	install_crash_handlers();
	/* A write to a closed socket or a dropped terminal must be an error, not death. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	(void)sigemptyset(&ign.sa_mask);
	(void)sigaction(SIGPIPE, &ign, NULL);

	/* raw, not cbreak: Ctrl-C, Ctrl-S and Ctrl-Z become keys the keymap decides
	 * about instead of freezing or stopping an agent's screen. */
	if (raw() == ERR || noecho() == ERR || nonl() == ERR || keypad(stdscr, TRUE) == ERR ||
	    nodelay(stdscr, TRUE) == ERR) {
		tui_screen_shutdown();
		*err = xstrdup(_("cannot set the terminal's input modes"));
		return -1;
	}
	/* Both are cosmetic: some terminals cannot hide the cursor or flush early. */
	(void)intrflush(stdscr, FALSE);
	/* ncurses polls the keyboard before every line of a refresh, to stop drawing
	 * when a key waits: a system call per line of every frame.  Keys are read by
	 * the loop, which draws once after reading all that waits. */
	(void)typeahead(-1);
	(void)curs_set(0);
	tui_text_locale_changed();
	setup_theme(opts->theme);
	scr.mouse = false;
	if (opts->mouse) {
		mmask_t want = BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED |
			       BUTTON4_PRESSED | BUTTON5_PRESSED;

		scr.mouse = mousemask(want, NULL) != 0;
		/* No click-detection delay: a press is a click here. */
		(void)mouseinterval(0);
		if (scr.mouse)
			add_reset_raw("\033[?1000l\033[?1002l\033[?1006l");
	}
	paste_on();
	(void)werase(stdscr);
	/* Until the first endwin, ncurses (6.4, newterm) flushes its output at every
	 * cursor movement: a frame went out as one write per line, and each write to a
	 * pty wakes the terminal (3 ms of the lookup's 5 at 10M orders).  Coming back
	 * from endwin, as after Ctrl-Z, it writes each frame at once. */
	(void)endwin();
	(void)doupdate();
	return 0;
}

void tui_screen_shutdown(void)
{
	if (!scr.active)
		return;
	scr.active = false;
	if (scr.mouse)
		(void)mousemask(0, NULL);
	(void)curs_set(1);
	/* endwin() puts the modes back and leaves the alternate screen; the paste
	 * mode is ours to end. */
	(void)endwin();
	(void)fputs(PASTE_OFF, stdout);
	if (scr.have_tio)
		(void)tcsetattr(STDIN_FILENO, TCSANOW, &scr.saved_tio);
	remove_crash_handlers();
	delscreen(scr.sp);
	scr.sp = NULL;
	tui_draw_release();
	(void)fflush(stdout);
}

bool tui_screen_active(void)
{
	return scr.active;
}

attr_t tui_attr(enum tui_role role)
{
	if ((int)role < 0 || role >= TUI_ATTR__COUNT)
		role = TUI_ATTR_NORMAL;
	return scr.attrs[role];
}

short tui_attr_pair(enum tui_role role)
{
	if ((int)role < 0 || role >= TUI_ATTR__COUNT)
		role = TUI_ATTR_NORMAL;
	return scr.pairs[role];
}

enum tui_theme tui_screen_theme(void)
{
	return scr.theme;
}

bool tui_screen_mouse(void)
{
	return scr.mouse;
}

bool tui_screen_resize(void)
{
	struct winsize ws;

	if (!scr.active)
		return false;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
		return false;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return false;
	if (resizeterm(ws.ws_row, ws.ws_col) == ERR)
		return false;
	return true;
}

bool tui_screen_too_small(void)
{
	return LINES < TUI_MIN_ROWS || COLS < TUI_MIN_COLS;
}

void tui_screen_draw_too_small(void)
{
	char *msg = xasprintf(_("terminal too small (need %dx%d, have %dx%d)"), TUI_MIN_COLS,
			      TUI_MIN_ROWS, COLS, LINES);
	int w = tui_text_width(msg);

	(void)werase(stdscr);
	if (w <= COLS) {
		tui_draw_text(stdscr, LINES / 2, (COLS - w) / 2, w, msg, TUI_ALIGN_LEFT,
			      TUI_ATTR_WARNING);
	} else {
		/* Too narrow even for the message: break it at the parenthesis. */
		char *paren = strchr(msg, '(');

		if (paren != NULL && paren != msg) {
			paren[-1] = '\0';
			tui_draw_text(stdscr, LINES / 2 - 1, 0, COLS, msg, TUI_ALIGN_CENTER,
				      TUI_ATTR_WARNING);
			tui_draw_text(stdscr, LINES / 2, 0, COLS, paren, TUI_ALIGN_CENTER,
				      TUI_ATTR_WARNING);
		} else {
			tui_draw_text(stdscr, LINES / 2, 0, COLS, msg, TUI_ALIGN_LEFT,
				      TUI_ATTR_WARNING);
		}
	}
	free(msg);
}

void tui_screen_flush(bool clear, int cursor_y, int cursor_x)
{
	if (!scr.active)
		return;
	if (clear)
		(void)clearok(curscr, TRUE);
	if (cursor_y >= 0 && cursor_x >= 0) {
		(void)wmove(stdscr, cursor_y, cursor_x);
		(void)curs_set(1);
	} else {
		(void)curs_set(0);
	}
	(void)wnoutrefresh(stdscr);
	(void)doupdate();
}
