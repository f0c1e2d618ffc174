#ifndef BACKDESK_TEST_LOOP_H
#define BACKDESK_TEST_LOOP_H
/* A tiny poll() loop that lends itself to db/session as its struct db_io, for tests
 * that talk to the throwaway cluster without a terminal.  Static functions: each
 * test program includes it once. */
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "db/session.h"

#define MAXW 8
#define MAXT 16

struct watch {
	int fd, events;
	db_fd_fn cb;
	void *arg;
};
struct timer {
	unsigned long id;
	long due;
	db_timer_fn cb;
	void *arg;
};
static struct watch watches[MAXW];
static struct timer timers[MAXT];
static unsigned long next_timer;

static inline long now_ms(void)
{
	struct timespec t;

	(void)clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static inline int io_watch(void *ctx, int fd, int events, db_fd_fn cb, void *arg)
{
	(void)ctx;
	for (int i = 0; i < MAXW; i++)
		if (watches[i].cb != NULL && watches[i].fd == fd) {
			if (events == 0)
				watches[i].cb = NULL;
			else
				watches[i] = (struct watch){ fd, events, cb, arg };
			return 0;
		}
	if (events == 0)
		return 0;
	for (int i = 0; i < MAXW; i++)
		if (watches[i].cb == NULL) {
			watches[i] = (struct watch){ fd, events, cb, arg };
			return 0;
		}
	return -1;
}

static inline unsigned long io_timer(void *ctx, long ms, db_timer_fn cb, void *arg)
{
	(void)ctx;
	for (int i = 0; i < MAXT; i++)
		if (timers[i].id == 0) {
			timers[i] = (struct timer){ ++next_timer, now_ms() + ms, cb, arg };
			return timers[i].id;
		}
	return 0;
}

static inline void io_cancel_timer(void *ctx, unsigned long id)
{
	(void)ctx;
	for (int i = 0; i < MAXT; i++)
		if (timers[i].id == id)
			timers[i].id = 0;
}

static const struct db_io io = { NULL, io_watch, io_timer, io_cancel_timer };

/* Runs the loop until *count reaches `target` or `ms` pass; says whether it did. */
static inline int run_to(const int *count, int target, long ms)
{
	long end = now_ms() + ms;

	while (*count < target && now_ms() < end) {
		struct pollfd p[MAXW];
		int idx[MAXW], n = 0;
		long wait = end - now_ms();

		for (int i = 0; i < MAXT; i++)
			if (timers[i].id != 0 && timers[i].due - now_ms() < wait)
				wait = timers[i].due - now_ms();
		for (int i = 0; i < MAXW; i++)
			if (watches[i].cb != NULL) {
				p[n].fd = watches[i].fd;
				p[n].events = (short)(((watches[i].events & DB_IO_READ) ? POLLIN : 0) |
						      ((watches[i].events & DB_IO_WRITE) ? POLLOUT : 0));
				p[n].revents = 0;
				idx[n++] = i;
			}
		if (poll(p, (nfds_t)n, (int)(wait < 0 ? 0 : wait)) < 0)
			return 0;
		for (int k = 0; k < n; k++) {
			struct watch w = watches[idx[k]];
			int ev = ((p[k].revents & (POLLIN | POLLHUP | POLLERR)) ? DB_IO_READ : 0) |
				 ((p[k].revents & POLLOUT) ? DB_IO_WRITE : 0);

			if (ev != 0 && w.cb != NULL && watches[idx[k]].fd == w.fd)
				w.cb(w.fd, ev, w.arg);
		}
		for (int i = 0; i < MAXT; i++)
			if (timers[i].id != 0 && timers[i].due <= now_ms()) {
				struct timer t = timers[i];

				timers[i].id = 0;
				t.cb(t.arg);
			}
	}
	return *count >= target;
}

static inline int run_until(const int *flag, long ms)
{
	return run_to(flag, 1, ms);
}

static inline void idle(long ms)
{
	int never = 0;

	(void)run_to(&never, 1, ms);
}

/* For tests with a database of their own: a statement that must work, and the
 * session's "ready" count.  Include after <cmocka.h>. */
static int ready;

static inline void count_ready(enum db_state st, const char *msg, void *arg)
{
	(void)msg;
	(void)arg;
	if (st == DB_READY)
		ready++;
}

static inline void exec_ok(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
}

/* DDL on the maintenance database (CREATE DATABASE, DROP ROLE): identifiers, which
 * take no parameters, so the statement is formatted. */
static inline void admin_exec(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void admin_exec(const char *fmt, ...)
{
	char sql[512];
	va_list ap;
	PGconn *admin = PQconnectdb("");

	assert_int_equal(PQstatus(admin), CONNECTION_OK);
	va_start(ap, fmt);
	(void)vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	exec_ok(admin, sql);
	PQfinish(admin);
}

#endif
