#ifndef BACKDESK_TUI_TESTMODE_H
#define BACKDESK_TUI_TESTMODE_H
/* The test mode: the program says when it has done everything a key asked for, so
 * a harness waits on the program, not on the screen (like tig's script mode or
 * tmux's control mode).  The ui appends one line per event to a file:
 *
 *   key N NAME                    the Nth key read from the terminal
 *   key N paste BYTES             ... a whole bracketed paste, one key
 *   busy WHY                      not idle: drawing, timer, or the app's word (database)
 *   idle SEQ keys N size COLSxROWS
 *                                 about to sleep with nothing in flight and the
 *                                 screen drawn, N keys read so far
 *
 * An idle line is written once per quiet spell in which something happened (a key,
 * a drawing), never for a bare wake-up.  With it the terminal gets OSC 7
 * "backdesk-idle:SEQ" (tmux's #{pane_path}), after everything drawn: a harness that
 * sees SEQ there knows the terminal has taken in the whole screen.  A resize is no
 * key; a mouse event is one.
 *
 * Off (nothing opened, nothing written, no system call) unless a file is named. */
#include <stdbool.h>
#include <stddef.h>

#include "tui/key.h"

struct tui_testmode;

/* Opens path for appending; the program stops with a message when it cannot. */
struct tui_testmode *tui_testmode_open(const char *path);
void tui_testmode_free(struct tui_testmode *t);

void tui_testmode_key(struct tui_testmode *t, tui_key key);
/* A bracketed paste counts as one key: "key N paste BYTES". */
void tui_testmode_paste(struct tui_testmode *t, size_t bytes);
/* The screen was drawn. */
void tui_testmode_drawn(struct tui_testmode *t);
/* The loop is about to sleep; busy says why it is not idle (NULL: it is).  term:
 * whether the terminal is ours to write the OSC 7 to. */
void tui_testmode_sleep(struct tui_testmode *t, const char *busy, int cols, int rows, bool term);

#endif
