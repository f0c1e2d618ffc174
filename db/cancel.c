#include "db/cancel.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/i18n.h"
#include "common/xalloc.h"

/* What the thread owns: the cancel object and its end of the socket pair.  Nothing
 * is shared with the caller but the socket, so either side may go first. */
struct job {
	PGcancel *pc;
	int fd;
};

struct db_cancel {
	int fd;
};

/* The answer byte: '1' delivered, then on failure '0' and libpq's reason. */
static void *run(void *arg)
{
	struct job *j = arg;
	char buf[257];

	buf[0] = PQcancel(j->pc, buf + 1, (int)sizeof buf - 1) ? '1' : '0';
	buf[sizeof buf - 1] = '\0';
	/* MSG_NOSIGNAL: a caller that gave up has closed its end. */
	(void)send(j->fd, buf, buf[0] == '1' ? 1 : 1 + strlen(buf + 1), MSG_NOSIGNAL);
	(void)close(j->fd);
	PQfreeCancel(j->pc);
	free(j);
	return NULL;
}

struct db_cancel *db_cancel_start(PGconn *pg, char **err)
{
	struct db_cancel *c;
	struct job *j;
	pthread_attr_t attr;
	pthread_t tid;
	int sv[2], rc;

	*err = NULL;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		*err = xasprintf(_("cannot cancel the query: %s"), strerror(errno));
		return NULL;
	}
	j = xcalloc(1, sizeof *j);
	j->fd = sv[1];
	j->pc = PQgetCancel(pg);
	if (j->pc == NULL) {
		*err = xstrdup(_("cannot cancel the query: no connection"));
		goto fail;
	}
	rc = pthread_attr_init(&attr);
	if (rc == 0) {
		rc = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (rc == 0)
			rc = pthread_create(&tid, &attr, run, j);
		(void)pthread_attr_destroy(&attr);
	}
	if (rc != 0) {
		*err = xasprintf(_("cannot cancel the query: %s"), strerror(rc));
		goto fail;
	}
	c = xcalloc(1, sizeof *c);
	c->fd = sv[0];
	return c;
fail:
	PQfreeCancel(j->pc);
	free(j);
	(void)close(sv[0]);
	(void)close(sv[1]);
	return NULL;
}

int db_cancel_fd(const struct db_cancel *c)
{
	return c->fd;
}

bool db_cancel_finish(struct db_cancel *c, char **err)
{
	char buf[257];
	ssize_t n;

	*err = NULL;
	do
		n = recv(c->fd, buf, sizeof buf - 1, 0);
	while (n < 0 && errno == EINTR);
	db_cancel_abandon(c);
	if (n > 0 && buf[0] == '1')
		return true;
	buf[n > 1 ? n : 1] = '\0';
	*err = xasprintf(_("cannot cancel the query: %s"),
			 n > 1 ? buf + 1 : _("the request was not answered"));
	return false;
}

void db_cancel_abandon(struct db_cancel *c)
{
	if (c == NULL)
		return;
	(void)close(c->fd);
	free(c);
}
