#ifndef BACKDESK_TUI_LOOP_H
#define BACKDESK_TUI_LOOP_H
/* The one event loop: a single thread, one poll() over the terminal, the signal
 * self-pipe, every socket that libpq or libcurl asks for, and the nearest timer.
 *
 * Every watcher has an id (> 0, never reused within a loop); removing an id that is
 * already gone is a no-op, and removing any watcher from inside any callback is safe
 * (it is never called again, not even later in the same round).
 *
 * The fd callback type and the event bits match db/'s struct db_io on purpose
 * (TUI_IO_IN == DB_IO_READ, TUI_IO_OUT == DB_IO_WRITE) so the app can lend this
 * loop to the database layer without translation; libcurl's socket callback maps
 * CURL_POLL_IN/OUT/INOUT/REMOVE onto tui_loop_watch() the same way. */
#include <stdbool.h>

enum {
	TUI_IO_IN = 1,  /* readable (also set on hang-up, so a read sees the EOF) */
	TUI_IO_OUT = 2, /* writable */
	TUI_IO_ERR = 4, /* revents only: POLLERR or POLLNVAL */
	TUI_IO_HUP = 8, /* revents only: the other side hung up */
};

struct tui_loop;

typedef void (*tui_io_fn)(int fd, int revents, void *arg);
typedef void (*tui_timer_fn)(void *arg);
typedef void (*tui_signal_fn)(int signo, void *arg);
/* Runs before every sleep, in the order added. */
typedef void (*tui_idle_fn)(void *arg);

struct tui_loop *tui_loop_new(void);
/* Also restores the signal dispositions the loop replaced. */
void tui_loop_free(struct tui_loop *loop);

/* Watches fd for TUI_IO_IN|TUI_IO_OUT.  Returns the watcher's id. */
unsigned long tui_loop_add_fd(struct tui_loop *loop, int fd, int events, tui_io_fn fn,
			      void *arg);
/* Changes what an fd watcher waits for (0: nothing for now, the watcher stays).
 * Returns 0, or -1 when the id is not an fd watcher. */
int tui_loop_set_events(struct tui_loop *loop, unsigned long id, int events);
/* The fd-keyed form libpq and libcurl glue wants: replaces the watcher of fd (or
 * adds one); events == 0 removes it.  Returns 0. */
int tui_loop_watch(struct tui_loop *loop, int fd, int events, tui_io_fn fn, void *arg);

/* A one-shot timer after ms milliseconds of the monotonic clock (0: next round).
 * Until it has run it is work in flight (tui_loop_pending_work): a debounce whose
 * end will change the screen. */
unsigned long tui_loop_timer(struct tui_loop *loop, long ms, tui_timer_fn fn, void *arg);
/* The same for what is not work anybody waits for: a heartbeat, a reconnect's
 * back-off, a message that expires, a spinner's next check. */
unsigned long tui_loop_bg_timer(struct tui_loop *loop, long ms, tui_timer_fn fn, void *arg);
/* A repeating timer, first after ms, then every ms (> 0); always background. */
unsigned long tui_loop_every(struct tui_loop *loop, long ms, tui_timer_fn fn, void *arg);
/* True while a one-shot timer made by tui_loop_timer() has not run yet. */
bool tui_loop_pending_work(const struct tui_loop *loop);

/* Dispatches signo from inside the loop: the handler itself only writes a byte to
 * a self-pipe.  SA_RESTART is not set, so a blocking call is interrupted.  One
 * callback per signal; adding another replaces it.  At most one loop at a time may
 * watch signals. */
unsigned long tui_loop_signal(struct tui_loop *loop, int signo, tui_signal_fn fn, void *arg);

unsigned long tui_loop_idle(struct tui_loop *loop, tui_idle_fn fn, void *arg);
/* One hook (NULL: none) that runs after every idle hook, right before poll(): the
 * moment the program has done everything it can until something happens.  The
 * test mode reports "idle" from here (tui/testmode.h). */
void tui_loop_before_sleep(struct tui_loop *loop, tui_idle_fn fn, void *arg);

/* Removes any kind of watcher. */
void tui_loop_remove(struct tui_loop *loop, unsigned long id);

/* Runs until tui_loop_quit(); returns its code. */
int tui_loop_run(struct tui_loop *loop);
/* One round: the idle hooks, one poll() of at most max_ms (< 0: until something
 * happens), then every due callback.  Returns how many callbacks ran, or -1 after
 * tui_loop_quit(). */
int tui_loop_once(struct tui_loop *loop, long max_ms);
void tui_loop_quit(struct tui_loop *loop, int code);
bool tui_loop_quitting(const struct tui_loop *loop);

/* Milliseconds of the monotonic clock. */
long long tui_loop_now(void);

#endif
