#include "tui/loop.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/fatal.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/loop_signal.h"

enum kind { W_FD, W_TIMER, W_IDLE, W_SIGNAL };

struct watcher {
	unsigned long id;
	enum kind kind;
	bool dead;
	int fd, events;  /* W_FD */
	int signo;       /* W_SIGNAL */
	long long due;   /* W_TIMER */
	long interval;   /* W_TIMER: 0 for one-shot */
	bool background; /* W_TIMER: not work in flight (tui_loop_pending_work) */
	union {
		tui_io_fn io;
		tui_timer_fn timer;
		tui_idle_fn idle;
		tui_signal_fn signal;
	} fn;
	void *arg;
};

struct tui_loop {
	struct watcher *w;
	size_t n, cap;
	unsigned long next_id;
	int depth;  /* > 0 while callbacks run: removal only marks */
	bool quit;
	int code;
	/* poll() arguments, rebuilt each round */
	struct pollfd *pfd;
	unsigned long *pfd_id;
	size_t pcap;
	unsigned long sig_watch; /* the self-pipe's fd watcher */
	tui_idle_fn before_sleep;
	void *before_sleep_arg;
};

long long tui_loop_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		fatal(_("the monotonic clock is not available"));
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct tui_loop *tui_loop_new(void)
{
	struct tui_loop *loop = xcalloc(1, sizeof *loop);

	loop->next_id = 1;
	return loop;
}

static struct watcher *add(struct tui_loop *loop, enum kind kind, void *arg)
{
	struct watcher *w;

	loop->w = xgrow(loop->w, &loop->cap, loop->n + 1, sizeof *loop->w);
	w = &loop->w[loop->n++];
	memset(w, 0, sizeof *w);
	w->id = loop->next_id++;
	w->kind = kind;
	w->fd = -1;
	w->arg = arg;
	return w;
}

static struct watcher *find(struct tui_loop *loop, unsigned long id)
{
	for (size_t i = 0; i < loop->n; i++)
		if (loop->w[i].id == id && !loop->w[i].dead)
			return &loop->w[i];
	return NULL;
}

/* Drops dead watchers; only between rounds, so indexes stay valid in callbacks. */
static void compact(struct tui_loop *loop)
{
	size_t j = 0;

	if (loop->depth > 0)
		return;
	for (size_t i = 0; i < loop->n; i++)
		if (!loop->w[i].dead)
			loop->w[j++] = loop->w[i];
	loop->n = j;
}

unsigned long tui_loop_add_fd(struct tui_loop *loop, int fd, int events, tui_io_fn fn,
			      void *arg)
{
	struct watcher *w = add(loop, W_FD, arg);

	w->fd = fd;
	w->events = events & (TUI_IO_IN | TUI_IO_OUT);
	w->fn.io = fn;
	return w->id;
}

int tui_loop_set_events(struct tui_loop *loop, unsigned long id, int events)
{
	struct watcher *w = find(loop, id);

	if (w == NULL || w->kind != W_FD)
		return -1;
	w->events = events & (TUI_IO_IN | TUI_IO_OUT);
	return 0;
}

int tui_loop_watch(struct tui_loop *loop, int fd, int events, tui_io_fn fn, void *arg)
{
	for (size_t i = 0; i < loop->n; i++) {
		struct watcher *w = &loop->w[i];

		if (w->dead || w->kind != W_FD || w->fd != fd || w->id == loop->sig_watch)
			continue;
		if (events == 0) {
			tui_loop_remove(loop, w->id);
		} else {
			w->events = events & (TUI_IO_IN | TUI_IO_OUT);
			w->fn.io = fn;
			w->arg = arg;
		}
		return 0;
	}
	if (events != 0)
		(void)tui_loop_add_fd(loop, fd, events, fn, arg);
	return 0;
}

static unsigned long add_timer(struct tui_loop *loop, long ms, long every, bool background,
			       tui_timer_fn fn, void *arg)
{
	struct watcher *w = add(loop, W_TIMER, arg);

	w->due = tui_loop_now() + (ms > 0 ? ms : 0);
	w->interval = every;
	w->background = background;
	w->fn.timer = fn;
	return w->id;
}

unsigned long tui_loop_timer(struct tui_loop *loop, long ms, tui_timer_fn fn, void *arg)
{
	return add_timer(loop, ms, 0, false, fn, arg);
}

unsigned long tui_loop_bg_timer(struct tui_loop *loop, long ms, tui_timer_fn fn, void *arg)
{
	return add_timer(loop, ms, 0, true, fn, arg);
}

unsigned long tui_loop_every(struct tui_loop *loop, long ms, tui_timer_fn fn, void *arg)
{
	return add_timer(loop, ms, ms > 0 ? ms : 1, true, fn, arg);
}

bool tui_loop_pending_work(const struct tui_loop *loop)
{
	for (size_t i = 0; i < loop->n; i++) {
		const struct watcher *w = &loop->w[i];

		if (!w->dead && w->kind == W_TIMER && !w->background)
			return true;
	}
	return false;
}

void tui_loop_before_sleep(struct tui_loop *loop, tui_idle_fn fn, void *arg)
{
	loop->before_sleep = fn;
	loop->before_sleep_arg = arg;
}

unsigned long tui_loop_idle(struct tui_loop *loop, tui_idle_fn fn, void *arg)
{
	struct watcher *w = add(loop, W_IDLE, arg);

	w->fn.idle = fn;
	return w->id;
}

static void on_signal_pipe(int fd, int revents, void *arg)
{
	struct tui_loop *loop = arg;
	int sigs[64];
	int n;

	(void)revents;
	n = tui_sigpipe_read(fd, sigs, 64);
	for (int i = 0; i < n; i++) {
		for (size_t k = 0; k < loop->n; k++) {
			struct watcher *w = &loop->w[k];

			if (!w->dead && w->kind == W_SIGNAL && w->signo == sigs[i]) {
				w->fn.signal(sigs[i], w->arg);
				break;
			}
		}
	}
}

unsigned long tui_loop_signal(struct tui_loop *loop, int signo, tui_signal_fn fn, void *arg)
{
	struct watcher *w;

	for (size_t i = 0; i < loop->n; i++)
		if (!loop->w[i].dead && loop->w[i].kind == W_SIGNAL && loop->w[i].signo == signo)
			tui_loop_remove(loop, loop->w[i].id);
	if (loop->sig_watch == 0) {
		int fd = tui_sigpipe_open();

		loop->sig_watch = tui_loop_add_fd(loop, fd, TUI_IO_IN, on_signal_pipe, loop);
	}
	tui_sigpipe_catch(signo);
	w = add(loop, W_SIGNAL, arg);
	w->signo = signo;
	w->fn.signal = fn;
	return w->id;
}

void tui_loop_remove(struct tui_loop *loop, unsigned long id)
{
	struct watcher *w = find(loop, id);

	if (w == NULL)
		return;
	if (w->kind == W_SIGNAL)
		tui_sigpipe_release(w->signo);
	w->dead = true;
	compact(loop);
}

void tui_loop_free(struct tui_loop *loop)
{
	if (loop == NULL)
		return;
	for (size_t i = 0; i < loop->n; i++)
		if (!loop->w[i].dead && loop->w[i].kind == W_SIGNAL)
			tui_sigpipe_release(loop->w[i].signo);
	if (loop->sig_watch != 0)
		tui_sigpipe_close();
	free(loop->w);
	free(loop->pfd);
	free(loop->pfd_id);
	free(loop);
}

void tui_loop_quit(struct tui_loop *loop, int code)
{
	loop->quit = true;
	loop->code = code;
}

bool tui_loop_quitting(const struct tui_loop *loop)
{
	return loop->quit;
}

static int run_idle(struct tui_loop *loop)
{
	int ran = 0;
	size_t n = loop->n; /* hooks added by hooks wait for the next round */

	for (size_t i = 0; i < n && !loop->quit; i++) {
		struct watcher *w = &loop->w[i];

		if (!w->dead && w->kind == W_IDLE) {
			w->fn.idle(w->arg);
			ran++;
		}
	}
	return ran;
}

/* Milliseconds until the nearest timer (rounded up, so we never wake early and
 * spin), capped by max_ms; -1 for "no limit". */
static int poll_timeout(struct tui_loop *loop, long max_ms)
{
	long long now = tui_loop_now(), best = -1;

	for (size_t i = 0; i < loop->n; i++) {
		struct watcher *w = &loop->w[i];
		long long d;

		if (w->dead || w->kind != W_TIMER)
			continue;
		d = w->due - now;
		if (d < 0)
			d = 0;
		if (best < 0 || d < best)
			best = d;
	}
	if (max_ms >= 0 && (best < 0 || best > max_ms))
		best = max_ms;
	if (best > 24LL * 3600 * 1000)
		best = 24LL * 3600 * 1000;
	return (int)best;
}

static size_t build_pollfds(struct tui_loop *loop)
{
	size_t np = 0;

	for (size_t i = 0; i < loop->n; i++) {
		struct watcher *w = &loop->w[i];

		if (w->dead || w->kind != W_FD || w->events == 0)
			continue;
		if (np == loop->pcap) {
			size_t cap = loop->pcap;

			loop->pfd = xgrow(loop->pfd, &cap, np + 1, sizeof *loop->pfd);
			loop->pfd_id = xrealloc(loop->pfd_id, cap * sizeof *loop->pfd_id);
			loop->pcap = cap;
		}
		loop->pfd[np].fd = w->fd;
		loop->pfd[np].events = (short)(((w->events & TUI_IO_IN) ? POLLIN : 0) |
					       ((w->events & TUI_IO_OUT) ? POLLOUT : 0));
		loop->pfd[np].revents = 0;
		loop->pfd_id[np] = w->id;
		np++;
	}
	return np;
}

static int run_fds(struct tui_loop *loop, size_t np)
{
	int ran = 0;

	/* The signal pipe first: a SIGTERM should win over a flood of input. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < np && !loop->quit; i++) {
			struct watcher *w;
			short re = loop->pfd[i].revents;
			int ev = 0;

			if (re == 0 || (pass == 0) != (loop->pfd_id[i] == loop->sig_watch))
				continue;
			w = find(loop, loop->pfd_id[i]);
			if (w == NULL)
				continue;
			if (re & (POLLIN | POLLHUP))
				ev |= TUI_IO_IN;
			if (re & POLLOUT)
				ev |= TUI_IO_OUT;
			if (re & (POLLERR | POLLNVAL))
				ev |= TUI_IO_ERR;
			if (re & POLLHUP)
				ev |= TUI_IO_HUP;
			w->fn.io(w->fd, ev, w->arg);
			ran++;
		}
	}
	return ran;
}

static int run_timers(struct tui_loop *loop)
{
	long long now = tui_loop_now();
	size_t n = loop->n; /* timers added by callbacks wait for the next round */
	int ran = 0;

	for (size_t i = 0; i < n && !loop->quit; i++) {
		struct watcher *w = &loop->w[i];
		tui_timer_fn fn;
		void *arg;

		if (w->dead || w->kind != W_TIMER || w->due > now)
			continue;
		fn = w->fn.timer;
		arg = w->arg;
		if (w->interval > 0) {
			w->due += w->interval;
			if (w->due <= now) /* fell behind (suspended): do not burst */
				w->due = now + w->interval;
		} else {
			w->dead = true;
		}
		fn(arg);
		ran++;
	}
	return ran;
}

int tui_loop_once(struct tui_loop *loop, long max_ms)
{
	size_t np;
	int ran, timeout, rc;

	if (loop->quit)
		return -1;
	loop->depth++;
	ran = run_idle(loop);
	loop->depth--;
	compact(loop);
	if (loop->quit)
		return -1;
	if (loop->before_sleep != NULL)
		loop->before_sleep(loop->before_sleep_arg);
	np = build_pollfds(loop);
	timeout = poll_timeout(loop, max_ms);
	rc = poll(loop->pfd, (nfds_t)np, timeout);
	if (rc < 0 && errno != EINTR)
		fatal(_("poll failed: %s"), strerror(errno));
	loop->depth++;
	if (rc > 0)
		ran += run_fds(loop, np);
	ran += run_timers(loop);
	loop->depth--;
	compact(loop);
	return loop->quit ? -1 : ran;
}

int tui_loop_run(struct tui_loop *loop)
{
	while (tui_loop_once(loop, -1) >= 0)
		;
	loop->quit = false; /* the loop may be run again */
	return loop->code;
}
