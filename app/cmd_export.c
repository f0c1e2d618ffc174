/* `backdesk export KIND [--since DAY] [--until DAY] --csv [FILE]`: a list as CSV
 * for a spreadsheet, streamed (db/export.c), so a million rows take the memory of
 * one.  A file is written as FILE.part and renamed when whole: a failed or
 * interrupted export leaves no file that looks complete, and an older FILE stays
 * until the new one replaces it at once.  The file is made readable by its owner
 * only (0600): it holds customers' names. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/commands.h"
#include "app/say.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/export.h"

static volatile sig_atomic_t interrupted;

/* Without SA_RESTART: the export's wait for a row is interrupted, sees the flag
 * and cancels the query, so a slow first row does not hold Ctrl-C up. */
static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static int catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	if (sigemptyset(&sa.sa_mask) != 0)
		return -1;
	if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGHUP, &sa, NULL) != 0)
		return -1;
	return 0;
}

struct progress {
	const char *what;
	struct timespec last;
};

static void show_progress(void *arg, long long rows)
{
	struct progress *p = arg;
	struct timespec now;

	/* A few times a second is enough for a person; the terminal is not the job. */
	if (clock_gettime(CLOCK_MONOTONIC, &now) == 0 &&
	    (now.tv_sec - p->last.tv_sec) * 1000 + (now.tv_nsec - p->last.tv_nsec) / 1000000 < 200)
		return;
	p->last = now;
	(void)fputc('\r', stderr);
	(void)fprintf(stderr, _("exporting %s: %lld rows"), p->what, rows);
	(void)fflush(stderr);
}

/* Opens FILE.part for writing; NULL with a message (naming FILE) said. */
static FILE *open_part(const char *part, const char *file)
{
	int fd = open(part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f;

	if (fd < 0) {
		app_say(stderr, _("backdesk: cannot write %s: %s\n"), file, strerror(errno));
		return NULL;
	}
	f = fdopen(fd, "w");
	if (f == NULL) {
		app_say(stderr, _("backdesk: cannot write %s: %s\n"), part, strerror(errno));
		(void)close(fd);
		(void)unlink(part);
	}
	return f;
}

/* Makes the file whole on disk, then gives it its name. */
static int finish_part(FILE *f, const char *part, const char *file)
{
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		app_say(stderr, _("backdesk: writing %s failed: %s\n"), part, strerror(errno));
		(void)fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		app_say(stderr, _("backdesk: writing %s failed: %s\n"), part, strerror(errno));
		return -1;
	}
	if (rename(part, file) != 0) {
		app_say(stderr, _("backdesk: cannot rename %s to %s: %s\n"), part, file, strerror(errno));
		return -1;
	}
	return 0;
}

int cmd_export(const struct app *app)
{
	const struct cli *cli = app->cli;
	struct progress prog = { cli->export_what, { 0, 0 } };
	struct export_job job = { 0 };
	bool tty = isatty(STDERR_FILENO) == 1;
	char *part = NULL, *err = NULL;
	enum export_result res;
	long long rows = 0;
	int rc = EXIT_OK;
	PGconn *c;

	if (export_kind_parse(cli->export_what, &job.kind) != 0)
		return EXIT_USAGE;
	c = app_connect(app);
	if (c == NULL)
		return EXIT_REFUSED;
	if (cli->export_file != NULL) {
		part = xasprintf("%s.part", cli->export_file);
		job.out = open_part(part, cli->export_file);
		if (job.out == NULL) {
			free(part);
			PQfinish(c);
			return EXIT_REFUSED;
		}
		/* Rows are small; a big buffer makes few writes. */
		(void)setvbuf(job.out, NULL, _IOFBF, 1 << 16);
	} else {
		job.out = stdout;
	}
	if (catch_signals() != 0)
		app_say(stderr, _("backdesk: warning: Ctrl-C will not remove %s\n"), part != NULL ? part : "-");
	job.conn = c;
	job.since = cli->export_since;
	job.until = cli->export_until;
	job.cancel = &interrupted;
	job.wake_fd = -1;
	if (tty) {
		job.progress = show_progress;
		job.arg = &prog;
	}
	res = db_export_run(&job, &rows, &err);
	if (tty)
		(void)fputs("\r\033[K", stderr);
	if (res == EXPORT_DONE && interrupted)
		res = EXPORT_CANCELLED;
	if (part != NULL) {
		if (res == EXPORT_DONE) {
			if (finish_part(job.out, part, cli->export_file) != 0) {
				(void)unlink(part);
				rc = EXIT_REFUSED;
			}
		} else {
			(void)fclose(job.out);
			(void)unlink(part);
		}
	}
	if (res == EXPORT_FAILED) {
		app_say_lines(stderr, "backdesk: %s\n", err);
		rc = EXIT_REFUSED;
	} else if (res == EXPORT_CANCELLED) {
		if (part != NULL)
			app_say(stderr, _("backdesk: interrupted after %lld rows; %s was not written\n"), rows,
				cli->export_file);
		else
			app_say(stderr, _("backdesk: interrupted after %lld rows\n"), rows);
		rc = EXIT_REFUSED;
	} else if (rc == EXIT_OK) {
		if (part != NULL)
			app_say(stdout, _("exported %lld %s to %s\n"), rows, cli->export_what, cli->export_file);
		else if (tty)
			app_say(stderr, _("exported %lld %s\n"), rows, cli->export_what);
	}
	free(err);
	free(part);
	PQfinish(c);
	return rc;
}
