/* A thread, not libcurl multi in the loop: one fetch is a conversation of
 * dependent IMAP commands with a database commit between the FETCH and the
 * STORE of each mail; run in the loop it would be a state machine over two
 * asynchronous clients for something nobody waits to see.  On its own thread
 * with its own blocking connections (libpq and libcurl are thread-safe per
 * connection) it is the very code `backdesk mail --fetch` runs; the loop only
 * watches a pipe the thread writes one byte to when it is done, so the screen
 * never waits on the mail server. */
#include "app/mail_service.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/mail_fetch.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"

/* A fetch in the console takes at most this many mails; the rest next time. */
#define CONSOLE_LIMIT 100

struct mail_service {
	struct tui_loop *loop;
	struct tui_ui *ui;
	const struct app *app;
	int slot;
	int pipe_rd, pipe_wr;
	unsigned long every_id, first_id, pipe_id;
	pthread_t thread;
	bool running;
	atomic_int stop; /* set by the loop, read by the thread */
	/* Written by the thread, read after pthread_join. */
	int rc;
	struct mail_fetch_result res;
	char *connect_error;
};

static void *run(void *arg)
{
	struct mail_service *s = arg;
	struct db_target t = {
		.dsn = s->app->cli->dsn != NULL ? s->app->cli->dsn : s->app->cfg->dsn,
		.service = s->app->cfg->service,
	};
	char *err = NULL;
	PGconn *c = db_connect(&t, &err);
	char done = 1;

	memset(&s->res, 0, sizeof s->res);
	if (c == NULL) {
		s->connect_error = err;
		s->rc = -1;
	} else {
		s->rc = mail_fetch_once(s->app->cfg, c, CONSOLE_LIMIT, &s->stop, NULL, &s->res);
		PQfinish(c);
	}
	while (write(s->pipe_wr, &done, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

static void finished(int fd, int revents, void *arg)
{
	struct mail_service *s = arg;
	char buf[8];

	(void)revents;
	while (read(fd, buf, sizeof buf) < 0 && errno == EINTR)
		;
	if (!s->running)
		return;
	(void)pthread_join(s->thread, NULL);
	s->running = false;
	tui_status_set(tui_ui_status(s->ui), s->slot, NULL, TUI_ATTR_STATUS);
	if (s->connect_error || s->res.error) {
		tui_ui_message(s->ui, TUI_MSG_WARNING, _("Mail not fetched: %s"),
			       s->connect_error ? s->connect_error : s->res.error);
	} else if (s->res.failed > 0) {
		tui_ui_message(s->ui, TUI_MSG_WARNING,
			       ngettext("Mail: %lu message could not be stored; it stays unread for the next fetch.",
					"Mail: %lu messages could not be stored; they stay unread for the next fetch.",
					s->res.failed),
			       s->res.failed);
	} else if (s->res.new_tickets + s->res.replies > 0) {
		char *tickets = xasprintf(ngettext("%lu new ticket", "%lu new tickets", s->res.new_tickets),
					  s->res.new_tickets);
		char *replies = xasprintf(ngettext("%lu reply", "%lu replies", s->res.replies), s->res.replies);

		/* TRANSLATORS: "Mail: 2 new tickets, 1 reply." */
		tui_ui_message(s->ui, TUI_MSG_INFO, _("Mail: %s, %s."), tickets, replies);
		free(tickets);
		free(replies);
	}
	free(s->connect_error);
	s->connect_error = NULL;
	free(s->res.error);
	s->res.error = NULL;
}

static void tick(void *arg)
{
	struct mail_service *s = arg;

	if (s->running)
		return;
	s->stop = 0;
	if (pthread_create(&s->thread, NULL, run, s) != 0) {
		tui_ui_message(s->ui, TUI_MSG_WARNING, _("Mail not fetched: no thread could be started."));
		return;
	}
	s->running = true;
	/* Said while it runs: mail is being read, the screen is free. */
	tui_status_set(tui_ui_status(s->ui), s->slot, _("mail…"), TUI_ATTR_STATUS);
}

struct mail_service *mail_service_start(struct tui_loop *loop, struct tui_ui *ui, const struct app *app,
					int status_slot)
{
	struct mail_service *s;
	const char *why;
	int fds[2];

	if (!app->cfg->mail_fetch)
		return NULL;
	if (!mail_fetch_ready(app->cfg, &why)) {
		tui_ui_message(ui, TUI_MSG_WARNING, _("[mail] fetch is on, but %s"), why);
		return NULL;
	}
	if (pipe(fds) < 0) {
		tui_ui_message(ui, TUI_MSG_WARNING, _("Mail not fetched: %s"), strerror(errno));
		return NULL;
	}
	(void)fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	(void)fcntl(fds[0], F_SETFL, O_NONBLOCK);
	s = xcalloc(1, sizeof *s);
	s->loop = loop;
	s->ui = ui;
	s->app = app;
	s->slot = status_slot;
	s->pipe_rd = fds[0];
	s->pipe_wr = fds[1];
	s->pipe_id = tui_loop_add_fd(loop, s->pipe_rd, TUI_IO_IN, finished, s);
	/* The first fetch soon after the start, then every fetch_every seconds. */
	s->every_id = tui_loop_every(loop, (long)app->cfg->mail_fetch_every * 1000L, tick, s);
	s->first_id = tui_loop_bg_timer(loop, 2000, tick, s);
	return s;
}

void mail_service_stop(struct mail_service *s)
{
	if (s == NULL)
		return;
	tui_loop_remove(s->loop, s->every_id);
	tui_loop_remove(s->loop, s->first_id);
	tui_loop_remove(s->loop, s->pipe_id);
	if (s->running) {
		s->stop = 1;
		(void)pthread_join(s->thread, NULL);
		free(s->connect_error);
		free(s->res.error);
	}
	(void)close(s->pipe_rd);
	(void)close(s->pipe_wr);
	free(s);
}
