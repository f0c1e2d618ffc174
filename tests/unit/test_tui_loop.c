/* tui/loop and tui/input: fd watchers on a pipe, timers on the monotonic clock,
 * signals through the self-pipe, and the terminal drained before every sleep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include "tui/input.h"
#include "tui/loop.h"
#include "tui/utf8.h"

struct counter {
	int calls, last_revents;
	struct tui_loop *loop;
	unsigned long self; /* removes itself when set */
	int fd;
};

static void count_io(int fd, int revents, void *arg)
{
	struct counter *c = arg;
	char buf[16];

	c->calls++;
	c->last_revents = revents;
	if (revents & TUI_IO_IN)
		(void)!read(fd, buf, sizeof buf);
	if (c->self != 0)
		tui_loop_remove(c->loop, c->self);
}

static void fd_watchers_on_a_pipe(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct counter c = { 0 }, w = { 0 };
	int p[2];
	unsigned long id, wid;

	(void)state;
	assert_int_equal(pipe(p), 0);
	c.loop = w.loop = loop;
	id = tui_loop_add_fd(loop, p[0], TUI_IO_IN, count_io, &c);
	assert_true(id > 0);
	/* Nothing to read: the poll times out. */
	assert_int_equal(tui_loop_once(loop, 10), 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(tui_loop_once(loop, 1000), 1);
	assert_int_equal(c.calls, 1);
	assert_true(c.last_revents & TUI_IO_IN);
	/* Events change at run time: waiting for nothing, then for writability of
	 * the other end (what libcurl asks for). */
	assert_int_equal(tui_loop_set_events(loop, id, 0), 0);
	assert_int_equal(write(p[1], "y", 1), 1);
	assert_int_equal(tui_loop_once(loop, 10), 0);
	wid = tui_loop_add_fd(loop, p[1], TUI_IO_OUT, count_io, &w);
	assert_int_equal(tui_loop_once(loop, 1000), 1);
	assert_true(w.last_revents & TUI_IO_OUT);
	tui_loop_remove(loop, wid);
	/* A watcher that removes itself from inside its callback. */
	c.self = id;
	assert_int_equal(tui_loop_set_events(loop, id, TUI_IO_IN), 0);
	assert_int_equal(tui_loop_once(loop, 1000), 1);
	assert_int_equal(c.calls, 2);
	assert_int_equal(write(p[1], "z", 1), 1);
	assert_int_equal(tui_loop_once(loop, 10), 0);
	assert_int_equal(c.calls, 2);
	/* Removing twice, or an id never given, is harmless. */
	tui_loop_remove(loop, id);
	tui_loop_remove(loop, 12345);
	assert_int_equal(tui_loop_set_events(loop, id, TUI_IO_IN), -1);
	/* The other end closed: readable, with HUP. */
	c.self = 0;
	(void)tui_loop_add_fd(loop, p[0], TUI_IO_IN, count_io, &c);
	(void)close(p[1]);
	assert_true(tui_loop_once(loop, 1000) >= 1);
	assert_true(c.last_revents & TUI_IO_IN);
	assert_true(c.last_revents & TUI_IO_HUP);
	(void)close(p[0]);
	tui_loop_free(loop);
}

static void fd_keyed_watch_replaces_and_removes(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct counter a = { 0 }, b = { 0 };
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(tui_loop_watch(loop, p[0], TUI_IO_IN, count_io, &a), 0);
	/* The same fd again: replaced, not doubled. */
	assert_int_equal(tui_loop_watch(loop, p[0], TUI_IO_IN, count_io, &b), 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(tui_loop_once(loop, 1000), 1);
	assert_int_equal(a.calls, 0);
	assert_int_equal(b.calls, 1);
	/* events == 0 stops watching (CURL_POLL_REMOVE). */
	assert_int_equal(tui_loop_watch(loop, p[0], 0, NULL, NULL), 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(tui_loop_once(loop, 10), 0);
	assert_int_equal(b.calls, 1);
	(void)close(p[0]);
	(void)close(p[1]);
	tui_loop_free(loop);
}

struct tick {
	int calls;
	long long at;
	struct tui_loop *loop;
	unsigned long other; /* cancels this one when it fires */
	int quit_after;
};

static void on_tick(void *arg)
{
	struct tick *t = arg;

	t->calls++;
	t->at = tui_loop_now();
	if (t->other != 0)
		tui_loop_remove(t->loop, t->other);
	if (t->quit_after > 0 && t->calls == t->quit_after)
		tui_loop_quit(t->loop, 7);
}

static void timers_on_the_monotonic_clock(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tick once = { 0 }, every = { 0 }, late = { 0 };
	long long start = tui_loop_now();
	unsigned long late_id;

	(void)state;
	once.loop = every.loop = late.loop = loop;
	(void)tui_loop_timer(loop, 30, on_tick, &once);
	/* With nothing else to wait for, the nearest timer is poll's timeout. */
	while (once.calls == 0)
		assert_true(tui_loop_once(loop, -1) >= 0);
	assert_true(once.at - start >= 30);
	assert_true(once.at - start < 500);
	assert_int_equal(tui_loop_once(loop, 20), 0);
	assert_int_equal(once.calls, 1);

	/* A repeating timer; and a timer cancelled by another callback before it is
	 * due never runs. */
	late_id = tui_loop_timer(loop, 40, on_tick, &late);
	every.other = late_id;
	(void)tui_loop_every(loop, 10, on_tick, &every);
	every.quit_after = 4;
	assert_int_equal(tui_loop_run(loop), 7);
	assert_int_equal(every.calls, 4);
	assert_int_equal(late.calls, 0);
	/* The loop may run again after a quit. */
	assert_int_equal(tui_loop_once(loop, 100), 1);
	tui_loop_free(loop);
}

/* The test mode's question: only a tui_loop_timer that has not run yet is work in
 * flight; background and repeating timers never are.  The before-sleep hook runs
 * after every idle hook, once per round. */
struct order {
	char seen[8];
	int n;
	struct tui_loop *loop;
	bool work; /* tui_loop_pending_work, as the before-sleep hook saw it */
};

static void idle_a(void *arg)
{
	struct order *o = arg;

	o->seen[o->n++] = 'a';
}

static void sleep_hook(void *arg)
{
	struct order *o = arg;

	o->seen[o->n++] = 's';
	o->work = tui_loop_pending_work(o->loop);
}

static void nothing(void *arg)
{
	(void)arg;
}

static void pending_work_is_the_one_shot_timers(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct order o = { .loop = loop };
	unsigned long id;

	(void)state;
	tui_loop_before_sleep(loop, sleep_hook, &o);
	(void)tui_loop_idle(loop, idle_a, &o);
	(void)tui_loop_bg_timer(loop, 10000, nothing, NULL);
	(void)tui_loop_every(loop, 10000, nothing, NULL);
	assert_int_equal(tui_loop_once(loop, 0), 1);
	/* Added after the hook, the idle hook still runs before it. */
	assert_string_equal(o.seen, "as");
	assert_false(o.work);
	id = tui_loop_timer(loop, 0, nothing, NULL);
	assert_true(tui_loop_pending_work(loop));
	assert_int_equal(tui_loop_once(loop, 0), 2); /* the idle hook and the timer */
	assert_true(o.work);                          /* asked before the timer ran */
	assert_false(tui_loop_pending_work(loop));
	/* A removed timer is no work either. */
	id = tui_loop_timer(loop, 10000, nothing, NULL);
	assert_true(tui_loop_pending_work(loop));
	tui_loop_remove(loop, id);
	assert_false(tui_loop_pending_work(loop));
	tui_loop_before_sleep(loop, NULL, NULL);
	assert_int_equal(tui_loop_once(loop, 0), 1);
	assert_string_equal(o.seen, "asasa");
	tui_loop_free(loop);
}

static int signalled;
static void on_usr1(int signo, void *arg)
{
	(void)arg;
	signalled = signo;
}

static void signals_are_dispatched_in_the_loop(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct sigaction before, after;

	(void)state;
	assert_int_equal(sigaction(SIGUSR1, NULL, &before), 0);
	(void)tui_loop_signal(loop, SIGUSR1, on_usr1, NULL);
	assert_int_equal(raise(SIGUSR1), 0);
	/* The handler only wrote a byte: nothing ran yet. */
	assert_int_equal(signalled, 0);
	assert_true(tui_loop_once(loop, 1000) >= 1);
	assert_int_equal(signalled, SIGUSR1);
	tui_loop_free(loop);
	/* The old disposition is back. */
	assert_int_equal(sigaction(SIGUSR1, NULL, &after), 0);
	assert_true(after.sa_handler == before.sa_handler);
}

/* A fake terminal: keys "buffered inside ncurses", plus a pipe for wake-ups. */
struct fake_term {
	const tui_key *keys;
	size_t n, pos;
	int got[64];
	size_t ngot;
	int draws_before_all_keys;
	bool lost;
	size_t avail; /* keys that have come so far; 0: all of them */
};

static bool fake_read(void *ctx, tui_key *key)
{
	struct fake_term *ft = ctx;

	if (ft->pos >= ft->n || (ft->avail != 0 && ft->pos >= ft->avail))
		return false;
	*key = ft->keys[ft->pos++];
	return true;
}

static void on_key(void *arg, tui_key key)
{
	struct fake_term *ft = arg;

	ft->got[ft->ngot++] = (int)key;
}

static void on_lost(void *arg)
{
	((struct fake_term *)arg)->lost = true;
}

static void draw_idle(void *arg)
{
	struct fake_term *ft = arg;

	if (ft->ngot < ft->n)
		ft->draws_before_all_keys++;
}

static void terminal_keys_are_drained_before_sleeping(void **state)
{
	static const tui_key scan[] = { '4', '0', '1', '2', '3', '4', TUI_KEY_ENTER };
	struct tui_loop *loop = tui_loop_new();
	struct fake_term ft = { scan, 7, 0, { 0 }, 0, 0, false, 0 };
	struct tui_input_ops ops = { on_key, on_lost, &ft, NULL };
	struct tui_input *in;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	in = tui_input_new(loop, p[0], &ops, fake_read, &ft);
	(void)tui_loop_idle(loop, draw_idle, &ft);
	/* A scanner's burst sits in the buffer though the fd is quiet: all of it is
	 * handled before the first draw. */
	assert_true(tui_loop_once(loop, 0) >= 0);
	assert_int_equal(ft.ngot, 7);
	assert_int_equal(ft.got[6], (int)TUI_KEY_ENTER);
	assert_int_equal(ft.draws_before_all_keys, 0);
	/* The terminal goes away (end of file): reported once. */
	(void)close(p[1]);
	assert_true(tui_loop_once(loop, 1000) >= 1);
	assert_true(ft.lost);
	tui_input_free(in);
	(void)close(p[0]);
	tui_loop_free(loop);
}

static char *pasted;
static int npastes;

static void on_paste(void *arg, const char *utf8)
{
	(void)arg;
	free(pasted);
	pasted = utf8 != NULL ? strdup(utf8) : NULL;
	npastes++;
}

/* A fake terminal read by a tui_input in a loop of its own, pastes counted. */
struct paste_rig {
	struct tui_loop *loop;
	struct fake_term ft;
	struct tui_input_ops ops;
	struct tui_input *in;
	int p[2];
};

/* n keys, of which avail have come (0: all). */
static void rig_start(struct paste_rig *r, const tui_key *keys, size_t n, size_t avail)
{
	memset(r, 0, sizeof *r);
	(void)setlocale(LC_CTYPE, "C.UTF-8");
	npastes = 0;
	r->loop = tui_loop_new();
	r->ft.keys = keys;
	r->ft.n = n;
	r->ft.avail = avail;
	r->ops = (struct tui_input_ops){ on_key, on_lost, &r->ft, on_paste };
	assert_int_equal(pipe(r->p), 0);
	r->in = tui_input_new(r->loop, r->p[0], &r->ops, fake_read, &r->ft);
}

static void rig_stop(struct paste_rig *r)
{
	tui_input_free(r->in);
	(void)close(r->p[0]);
	(void)close(r->p[1]);
	free(pasted);
	pasted = NULL;
	tui_loop_free(r->loop);
}

/* A bracketed paste is text: its Esc, Enter and arrow never reach the key
 * handler, and it is handed over once, whole. */
static void a_paste_is_text_not_keys(void **state)
{
	static const tui_key keys[] = {
		'a', TUI_KEY_PASTE_BEGIN, 'n', 'o', 't', 'e', TUI_KEY_ESC, ':', 'q', TUI_KEY_ENTER,
		TUI_KEYCODE(KEY_UP), TUI_KEY_TAB, 0x15f /* ş */, TUI_KEY_CTRL('C'), TUI_KEY_PASTE_END, 'b',
	};
	struct paste_rig r;

	(void)state;
	rig_start(&r, keys, sizeof keys / sizeof keys[0], 0);
	assert_int_equal(tui_input_drain(r.in), (int)(sizeof keys / sizeof keys[0]));
	assert_int_equal(r.ft.ngot, 2);
	assert_int_equal(r.ft.got[0], 'a');
	assert_int_equal(r.ft.got[1], 'b');
	assert_int_equal(npastes, 1);
	assert_non_null(pasted);
	assert_string_equal(pasted, "note:q\n \xc5\x9f");
	rig_stop(&r);
}

/* A terminal that lost the end marker: the paste so far is handed over once the
 * keys stop for the stall time, and later keys are keys again. */
static void a_paste_without_its_end_ends_when_the_keys_stop(void **state)
{
	static const tui_key keys[] = { TUI_KEY_PASTE_BEGIN, 'x', 'y', 'z' };
	struct paste_rig r;

	(void)state;
	rig_start(&r, keys, 4, 3);
	tui_input_set_paste_stall(r.in, 50);
	assert_int_equal(tui_input_drain(r.in), 3);
	assert_int_equal(npastes, 0);
	for (int i = 0; i < 100 && npastes == 0; i++)
		assert_true(tui_loop_once(r.loop, 1000) >= 0);
	assert_int_equal(npastes, 1);
	assert_string_equal(pasted, "xy");
	r.ft.avail = 4;
	assert_int_equal(tui_input_drain(r.in), 1);
	assert_int_equal(r.ft.ngot, 1);
	assert_int_equal(r.ft.got[0], 'z');
	rig_stop(&r);
}

/* The loop was busy for longer than the stall while the rest of the paste had
 * come: what was waiting is read before the paste is called over, so it stays one
 * paste and none of its text acts as keys (its Tab moving on, its Esc leaving). */
static void a_paste_read_late_is_still_one_paste(void **state)
{
	static const tui_key keys[] = { TUI_KEY_PASTE_BEGIN, 'a', 'b', TUI_KEY_TAB, TUI_KEY_ESC, 'c',
					TUI_KEY_PASTE_END, 'd' };
	struct paste_rig r;

	(void)state;
	rig_start(&r, keys, 8, 3);
	tui_input_set_paste_stall(r.in, 20);
	assert_int_equal(tui_input_drain(r.in), 3);
	assert_int_equal(usleep(60 * 1000), 0);
	r.ft.avail = 8;
	assert_true(tui_loop_once(r.loop, 1000) >= 0);
	assert_int_equal(npastes, 1);
	assert_string_equal(pasted, "ab c");
	assert_int_equal(r.ft.ngot, 1);
	assert_int_equal(r.ft.got[0], 'd');
	rig_stop(&r);
}

/* Waits (1 s at most) until fd has something to read. */
static void until_readable(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	assert_int_equal(poll(&p, 1, 1000), 1);
}

/* Through ncurses on a real terminal: a Turkish character whose two bytes come in
 * two reads, as where a terminal's write ends in a paste, is one key, and what
 * follows it is all there. */
static void a_character_split_between_two_reads_is_one_key(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct fake_term ft = { NULL, 0, 0, { 0 }, 0, 0, false, 0 };
	struct tui_input_ops ops = { on_key, on_lost, &ft, NULL };
	struct tui_input *in;
	char name[64];
	int m, sl;
	FILE *fin, *fout;
	SCREEN *sp;

	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	tui_text_locale_changed();
	m = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(m >= 0);
	assert_int_equal(grantpt(m), 0);
	assert_int_equal(unlockpt(m), 0);
	assert_non_null(ptsname(m));
	(void)snprintf(name, sizeof name, "%s", ptsname(m));
	sl = open(name, O_RDWR | O_NOCTTY);
	assert_true(sl >= 0);
	fin = fdopen(sl, "r");
	fout = fdopen(dup(sl), "w");
	assert_non_null(fin);
	assert_non_null(fout);
	sp = newterm("xterm", fout, fin);
	assert_non_null(sp);
	(void)set_term(sp);
	assert_int_equal(raw(), OK);
	assert_int_equal(noecho(), OK);
	assert_int_equal(nodelay(stdscr, TRUE), OK);
	assert_int_equal(keypad(stdscr, TRUE), OK);
	in = tui_input_new(loop, sl, &ops, NULL, NULL);

	assert_int_equal(write(m, "yan\xc4", 4), 4);
	until_readable(sl);
	assert_int_equal(tui_input_drain(in), 3);
	assert_int_equal(write(m, "\xb1t \xc3\x87ok", 7), 7);
	until_readable(sl);
	assert_int_equal(tui_input_drain(in), 6);
	assert_int_equal(ft.ngot, 9);
	assert_int_equal(ft.got[2], 'n');
	assert_int_equal(ft.got[3], 0x131); /* ı */
	assert_int_equal(ft.got[4], 't');
	assert_int_equal(ft.got[6], 0xc7); /* Ç */
	assert_int_equal(ft.got[8], 'k');

	tui_input_free(in);
	tui_loop_free(loop);
	(void)endwin();
	delscreen(sp);
	(void)fclose(fin);
	(void)fclose(fout);
	(void)close(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fd_watchers_on_a_pipe),
		cmocka_unit_test(fd_keyed_watch_replaces_and_removes),
		cmocka_unit_test(timers_on_the_monotonic_clock),
		cmocka_unit_test(pending_work_is_the_one_shot_timers),
		cmocka_unit_test(signals_are_dispatched_in_the_loop),
		cmocka_unit_test(terminal_keys_are_drained_before_sleeping),
		cmocka_unit_test(a_paste_is_text_not_keys),
		cmocka_unit_test(a_paste_without_its_end_ends_when_the_keys_stop),
		cmocka_unit_test(a_paste_read_late_is_still_one_paste),
		cmocka_unit_test(a_character_split_between_two_reads_is_one_key),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
