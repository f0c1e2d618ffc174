#include "tui/loop_signal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "common/fatal.h"
#include "common/i18n.h"

/* Signal numbers fit in a byte on every system we run on (Linux: < 65). */
#define MAX_SIG 65

static int pipe_fd[2] = { -1, -1 };
static volatile sig_atomic_t write_fd = -1;
static struct sigaction saved[MAX_SIG];
static bool caught[MAX_SIG];

static void on_signal(int signo)
{
	int saved_errno = errno;
	unsigned char b = (unsigned char)signo;

	/* A full pipe already holds a wake-up; losing a repeat of it is harmless. */
	if (write_fd >= 0)
		(void)!write(write_fd, &b, 1);
	errno = saved_errno;
}

static void set_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		fatal(_("cannot set up the signal pipe: %s"), strerror(errno));
}

int tui_sigpipe_open(void)
{
	if (pipe_fd[0] >= 0)
		return pipe_fd[0];
	if (pipe(pipe_fd) != 0)
		fatal(_("cannot set up the signal pipe: %s"), strerror(errno));
	set_flags(pipe_fd[0]);
	set_flags(pipe_fd[1]);
	write_fd = pipe_fd[1];
	return pipe_fd[0];
}

void tui_sigpipe_close(void)
{
	for (int s = 1; s < MAX_SIG; s++)
		tui_sigpipe_release(s);
	write_fd = -1;
	for (int i = 0; i < 2; i++) {
		if (pipe_fd[i] >= 0)
			(void)close(pipe_fd[i]);
		pipe_fd[i] = -1;
	}
}

void tui_sigpipe_catch(int signo)
{
	struct sigaction sa;

	if (signo <= 0 || signo >= MAX_SIG)
		fatal(_("cannot watch signal %d"), signo);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	(void)sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll() must return at once.  For SIGCHLD, still get
	 * stop/continue notices off. */
	sa.sa_flags = signo == SIGCHLD ? SA_NOCLDSTOP : 0;
	if (sigaction(signo, &sa, caught[signo] ? NULL : &saved[signo]) != 0)
		fatal(_("cannot watch signal %d: %s"), signo, strerror(errno));
	caught[signo] = true;
}

void tui_sigpipe_release(int signo)
{
	if (signo <= 0 || signo >= MAX_SIG || !caught[signo])
		return;
	(void)sigaction(signo, &saved[signo], NULL);
	caught[signo] = false;
}

int tui_sigpipe_read(int fd, int *sigs, int max)
{
	unsigned char buf[64];
	ssize_t r;

	if (max > (int)sizeof buf)
		max = (int)sizeof buf;
	do
		r = read(fd, buf, (size_t)max);
	while (r < 0 && errno == EINTR);
	if (r <= 0)
		return 0;
	for (ssize_t i = 0; i < r; i++)
		sigs[i] = buf[i];
	return (int)r;
}
