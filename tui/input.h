#ifndef BACKDESK_TUI_INPUT_H
#define BACKDESK_TUI_INPUT_H
/* The terminal as an event source: watches stdin in the loop and, before every
 * sleep, drains every key ncurses has already buffered (a barcode scanner types a
 * whole code in one burst; all of it is handled before the screen is drawn once).
 * A lost terminal (hang-up, error, or end of file) is reported once.
 *
 * A bracketed paste (TUI_KEY_PASTE_BEGIN ... TUI_KEY_PASTE_END) is text, never
 * keys: what arrives between the markers is collected, however many reads it
 * takes, and handed over once.  Enter becomes a line break, Tab a space; Esc,
 * other control characters and whatever the terminal decoded as a key (an
 * arrow's sequence inside the text) are dropped, so nothing pasted can act. */
#include <stdbool.h>

#include "tui/key.h"
#include "tui/loop.h"

/* Reads one key without waiting; false when none is buffered.  The default reads
 * ncurses' getch() and puts UTF-8 characters together itself; tests pass their own. */
typedef bool (*tui_read_key_fn)(void *ctx, tui_key *key);

struct tui_input_ops {
	void (*key)(void *arg, tui_key key);
	void (*lost)(void *arg); /* the terminal is gone: shut down */
	void *arg;
	/* A whole paste as UTF-8 (lent for the call); NULL when it was longer than
	 * TUI_PASTE_MAX bytes and nothing of it is kept.  NULL hook: dropped. */
	void (*paste)(void *arg, const char *utf8);
};

#define TUI_PASTE_MAX (1024 * 1024)

struct tui_input;

/* Watches fd (normally STDIN_FILENO).  read == NULL: ncurses (see above). */
struct tui_input *tui_input_new(struct tui_loop *loop, int fd, const struct tui_input_ops *ops,
				tui_read_key_fn read, void *read_ctx);
void tui_input_free(struct tui_input *in);
/* Reads and dispatches every buffered key now; returns how many. */
int tui_input_drain(struct tui_input *in);
/* Stops dispatching (keys stay buffered) while the caller runs something else. */
void tui_input_pause(struct tui_input *in, bool paused);
/* How long a paste may go without a key before it is taken as over (its end
 * marker lost); 2 s unless a test shortens it. */
void tui_input_set_paste_stall(struct tui_input *in, long ms);

#endif
