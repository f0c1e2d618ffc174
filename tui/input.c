#include "tui/input.h"

#include <curses.h>
#include <stdlib.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "tui/utf8.h"

/* Wake-ups with "readable" but not one key, in a row, before we call it an end
 * of file (a half escape sequence can cause one). */
#define EMPTY_WAKEUPS_EOF 3
/* Keys per drain at most, so a stuck key source cannot starve the loop. */
#define DRAIN_MAX 4096
/* A paste whose end marker has not come after this long is over: a terminal that
 * lost it must not swallow every later key.  Counted from the last key read, and
 * only ended when nothing more is there to read: a loop that was busy elsewhere
 * (or not scheduled) for a while must not cut a paste that kept coming. */
#define PASTE_STALL_MS 2000

struct tui_input {
	struct tui_loop *loop;
	int fd;
	unsigned long watch, idle;
	struct tui_input_ops ops;
	tui_read_key_fn read;
	void *read_ctx;
	int empty;
	bool lost, paused;
	/* Inside a bracketed paste: the text so far, and whether it grew too long. */
	bool pasting, paste_over;
	struct strbuf paste;
	unsigned long stall;
	long stall_ms;
	/* A character whose first bytes have come and its last not yet. */
	struct tui_utf8_in u8;
};

/* ncurses' get_wch() is not used in a UTF-8 locale: without a wait it drops a
 * character whose bytes are split between two reads, and the orphaned rest then
 * swallows up to 144 bytes more (measured: a 3,000-character Turkish paste lost
 * 145 bytes where the terminal's first 2,048-byte write ended, in 4-10% of
 * pastes under load).  Bytes from getch() are put together here instead, and a
 * character begun waits for its other bytes. */
static bool read_curses(void *ctx, tui_key *key)
{
	struct tui_input *in = ctx;

	if (!tui_text_unicode()) {
		wint_t wc;
		int rc = get_wch(&wc);

		if (rc == ERR)
			return false;
		*key = tui_key_from_wch(rc, (unsigned)wc);
		return true;
	}
	for (;;) {
		int c = getch();
		unsigned cp;

		if (c == ERR)
			return false;
		if (c > 0xff) {
			tui_utf8_in_reset(&in->u8);
			*key = tui_key_from_wch(KEY_CODE_YES, (unsigned)c);
			return true;
		}
		if (tui_utf8_in_byte(&in->u8, (unsigned char)c, &cp)) {
			*key = tui_key_from_wch(OK, cp);
			return true;
		}
	}
}

static void report_lost(struct tui_input *in)
{
	if (in->lost)
		return;
	in->lost = true;
	tui_loop_remove(in->loop, in->watch);
	in->watch = 0;
	if (in->ops.lost != NULL)
		in->ops.lost(in->ops.arg);
}

static void paste_end(struct tui_input *in)
{
	char *text = sb_take(&in->paste);

	in->pasting = false;
	if (in->ops.paste != NULL)
		in->ops.paste(in->ops.arg, in->paste_over ? NULL : text);
	free(text);
	in->paste_over = false;
}

/* One key inside a paste: only text goes in. */
static void paste_add(struct tui_input *in, tui_key key)
{
	char u[5];
	size_t n;

	if (key == TUI_KEY_ENTER)
		key = '\n';
	else if (key == TUI_KEY_TAB)
		key = ' ';
	else if (!tui_key_is_text(key))
		return;
	if (in->paste_over)
		return;
	n = tui_utf8_encode(key, u);
	if (in->paste.len + n > TUI_PASTE_MAX) {
		in->paste_over = true;
		sb_reset(&in->paste);
		return;
	}
	sb_add(&in->paste, u, n);
}

static void one_key(struct tui_input *in, tui_key key)
{
	if (key == TUI_KEY_PASTE_BEGIN) {
		if (in->pasting)
			return; /* a nested marker is not text either */
		in->pasting = true;
		in->paste_over = false;
		sb_reset(&in->paste);
		return;
	}
	if (key == TUI_KEY_PASTE_END) {
		if (in->pasting)
			paste_end(in);
		return;
	}
	if (in->pasting)
		paste_add(in, key);
	else
		in->ops.key(in->ops.arg, key);
}

static void on_stall(void *arg);

/* After keys were read: a paste still open waits PASTE_STALL_MS from now. */
static void rearm_stall(struct tui_input *in)
{
	if (in->stall != 0)
		tui_loop_remove(in->loop, in->stall);
	in->stall = in->pasting ? tui_loop_bg_timer(in->loop, in->stall_ms, on_stall, in) : 0;
}

static void on_stall(void *arg)
{
	struct tui_input *in = arg;

	in->stall = 0;
	if (in->lost)
		return;
	/* Keys that came while the loop was elsewhere are read first; if they
	 * continue the paste, its wait starts again. */
	if (in->paused) {
		rearm_stall(in);
		return;
	}
	if (tui_input_drain(in) > 0 || !in->pasting)
		return;
	paste_end(in);
}

int tui_input_drain(struct tui_input *in)
{
	int n = 0;
	tui_key key;

	if (in->lost || in->paused)
		return 0;
	while (n < DRAIN_MAX && !in->lost && !in->paused && in->read(in->read_ctx, &key)) {
		n++;
		one_key(in, key);
	}
	if (n > 0)
		rearm_stall(in);
	return n;
}

static void on_readable(int fd, int revents, void *arg)
{
	struct tui_input *in = arg;
	int n;

	(void)fd;
	if (in->paused)
		return;
	n = tui_input_drain(in);
	if (n > 0) {
		in->empty = 0;
		return;
	}
	if (revents & (TUI_IO_HUP | TUI_IO_ERR)) {
		report_lost(in);
		return;
	}
	if (++in->empty >= EMPTY_WAKEUPS_EOF)
		report_lost(in);
}

static void on_idle(void *arg)
{
	(void)tui_input_drain(arg);
}

struct tui_input *tui_input_new(struct tui_loop *loop, int fd, const struct tui_input_ops *ops,
				tui_read_key_fn read, void *read_ctx)
{
	struct tui_input *in = xcalloc(1, sizeof *in);

	in->loop = loop;
	in->fd = fd;
	in->ops = *ops;
	in->read = read != NULL ? read : read_curses;
	in->read_ctx = read != NULL ? read_ctx : in;
	in->stall_ms = PASTE_STALL_MS;
	in->watch = tui_loop_add_fd(loop, fd, TUI_IO_IN, on_readable, in);
	in->idle = tui_loop_idle(loop, on_idle, in);
	return in;
}

void tui_input_free(struct tui_input *in)
{
	if (in == NULL)
		return;
	tui_loop_remove(in->loop, in->watch);
	tui_loop_remove(in->loop, in->idle);
	tui_loop_remove(in->loop, in->stall);
	sb_free(&in->paste);
	free(in);
}

void tui_input_pause(struct tui_input *in, bool paused)
{
	in->paused = paused;
	if (in->watch != 0)
		(void)tui_loop_set_events(in->loop, in->watch, paused ? 0 : TUI_IO_IN);
}

void tui_input_set_paste_stall(struct tui_input *in, long ms)
{
	in->stall_ms = ms;
}
