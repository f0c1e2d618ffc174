#include "app/outbox_bg.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/outbox_send.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"
#include "db/outbox.h"

#define FIRST_ROUND_MS 3000
#define EVERY_MS 60000
#define ROUND_LIMIT 50
#define LEASE_SECONDS 300

struct outbox_bg {
	pthread_t thread;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;       /* under mu */
	atomic_bool abort;
	int pipe[2];
	unsigned long watch;
	struct tui_loop *loop;
	struct tui_ui *ui;
	struct outbox_sender *sender;
	char *dsn, *service;
	/* What to say, under mu; NULL: nothing new. */
	char *note;
	enum tui_severity sev;
};

/* From the thread: the loop says it at its next turn. */
static void say(struct outbox_bg *b, enum tui_severity sev, char *note)
{
	char one = 1;

	pthread_mutex_lock(&b->mu);
	free(b->note);
	b->note = note;
	b->sev = sev;
	pthread_mutex_unlock(&b->mu);
	while (write(b->pipe[1], &one, 1) < 0 && errno == EINTR)
		;
}

static void on_pipe(int fd, int revents, void *arg)
{
	struct outbox_bg *b = arg;
	char buf[64], *note;
	enum tui_severity sev;

	(void)revents;
	while (read(fd, buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&b->mu);
	note = b->note;
	sev = b->sev;
	b->note = NULL;
	pthread_mutex_unlock(&b->mu);
	if (note != NULL)
		tui_ui_message(b->ui, sev, "%s", note);
	free(note);
}

/* Sleeps ms, or less when told to stop; true when it must stop. */
static bool nap(struct outbox_bg *b, long ms)
{
	struct timespec until;
	bool stop;

	(void)clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&b->mu);
	while (!b->stop && pthread_cond_timedwait(&b->cv, &b->mu, &until) != ETIMEDOUT)
		;
	stop = b->stop;
	pthread_mutex_unlock(&b->mu);
	return stop;
}

static void *run(void *arg)
{
	struct outbox_bg *b = arg;
	struct db_target t = { b->dsn, b->service };
	struct outbox_round r;
	PGconn *c = NULL;
	char *err = NULL;
	bool told_down = false;
	int may;

	for (long wait = FIRST_ROUND_MS; !nap(b, wait); wait = EVERY_MS) {
		if (c != NULL && PQstatus(c) != CONNECTION_OK) {
			PQfinish(c);
			c = NULL;
		}
		if (c == NULL) {
			c = db_connect(&t, &err);
			if (c == NULL) {
				free(err); /* the console says the database is down itself */
				err = NULL;
				continue;
			}
			may = db_outbox_may_send(c, &err);
			if (may != 1) {
				say(b, TUI_MSG_WARNING,
				    may == 0 ? xstrdup(_("[mail] send = on, but only an admin login sends the outbox; "
							 "this console does not send"))
					     : xasprintf(_("the outbox sender stopped: %s"), err));
				free(err);
				break;
			}
		}
		if (outbox_send_round(b->sender, c, ROUND_LIMIT, LEASE_SECONDS, &r, &err) < 0) {
			say(b, TUI_MSG_ERROR, xasprintf(_("outbox: %s"), err));
			free(err);
			err = NULL;
			PQfinish(c);
			c = NULL;
			continue;
		}
		if (r.server_down && !told_down)
			say(b, TUI_MSG_WARNING, xasprintf(_("outbox: %s; the messages wait"), r.last_error));
		else if (r.claimed > 0)
			say(b, r.parked > 0 ? TUI_MSG_WARNING : TUI_MSG_INFO,
			    xasprintf(_("outbox: sent %d of %d; %d to try again later, %d given up (see :outbox)"), r.sent,
				      r.claimed, r.later, r.parked));
		told_down = r.server_down;
		outbox_round_free(&r);
	}
	PQfinish(c);
	return NULL;
}

struct outbox_bg *outbox_bg_start(const struct config *cfg, const char *dsn, const char *service,
				  struct tui_loop *loop, struct tui_ui *ui, char **err)
{
	struct outbox_bg *b;
	struct outbox_sender *s = outbox_sender_new(cfg, err);

	if (s == NULL)
		return NULL;
	b = xcalloc(1, sizeof *b);
	b->sender = s;
	b->loop = loop;
	b->ui = ui;
	b->dsn = dsn != NULL ? xstrdup(dsn) : NULL;
	b->service = service != NULL ? xstrdup(service) : NULL;
	atomic_init(&b->abort, false);
	outbox_sender_set_abort(s, &b->abort);
	if (pipe(b->pipe) < 0) {
		*err = xasprintf(_("the outbox sender cannot start: %s"), strerror(errno));
		outbox_sender_free(s);
		free(b->dsn);
		free(b->service);
		free(b);
		return NULL;
	}
	/* The loop drains it whole; the thread never waits on a full one. */
	for (int i = 0; i < 2; i++)
		if (fcntl(b->pipe[i], F_SETFL, O_NONBLOCK) < 0 || fcntl(b->pipe[i], F_SETFD, FD_CLOEXEC) < 0) {
			*err = xasprintf(_("the outbox sender cannot start: %s"), strerror(errno));
			(void)close(b->pipe[0]);
			(void)close(b->pipe[1]);
			outbox_sender_free(s);
			free(b->dsn);
			free(b->service);
			free(b);
			return NULL;
		}
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	b->watch = tui_loop_add_fd(loop, b->pipe[0], TUI_IO_IN, on_pipe, b);
	if (pthread_create(&b->thread, NULL, run, b) != 0) {
		*err = xstrdup(_("the outbox sender cannot start a thread"));
		tui_loop_remove(loop, b->watch);
		outbox_bg_stop(b);
		return NULL;
	}
	b->started = true;
	return b;
}

void outbox_bg_stop(struct outbox_bg *b)
{
	if (b == NULL)
		return;
	pthread_mutex_lock(&b->mu);
	b->stop = true;
	pthread_cond_signal(&b->cv);
	pthread_mutex_unlock(&b->mu);
	atomic_store(&b->abort, true);
	if (b->started) {
		(void)pthread_join(b->thread, NULL);
		tui_loop_remove(b->loop, b->watch);
	}
	(void)close(b->pipe[0]);
	(void)close(b->pipe[1]);
	pthread_mutex_destroy(&b->mu);
	pthread_cond_destroy(&b->cv);
	outbox_sender_free(b->sender);
	free(b->note);
	free(b->dsn);
	free(b->service);
	free(b);
}
