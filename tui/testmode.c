#include "tui/testmode.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/fatal.h"
#include "common/i18n.h"
#include "common/xalloc.h"

struct tui_testmode {
	int fd;
	char *path;
	unsigned long keys, seq;
	bool news;        /* a key or a drawing since the last idle line */
	const char *busy; /* the last busy line's reason; NULL after an idle one */
};

struct tui_testmode *tui_testmode_open(const char *path)
{
	struct tui_testmode *t;
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

	if (fd < 0)
		fatal(_("cannot open the test events file %s: %s"), path, strerror(errno));
	t = xcalloc(1, sizeof *t);
	t->fd = fd;
	t->path = xstrdup(path);
	t->news = true; /* the first quiet spell is reported: the program is up */
	return t;
}

void tui_testmode_free(struct tui_testmode *t)
{
	if (t == NULL)
		return;
	(void)close(t->fd);
	free(t->path);
	free(t);
}

/* One write per line, so a reader never sees two lines interleaved. */
static void put(struct tui_testmode *t, const char *line)
{
	size_t n = strlen(line), off = 0;

	while (off < n) {
		ssize_t w = write(t->fd, line + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			fatal(_("cannot write the test events file %s: %s"), t->path, strerror(errno));
		off += (size_t)w;
	}
}

void tui_testmode_key(struct tui_testmode *t, tui_key key)
{
	char name[32], line[64];

	tui_key_name(key, name, sizeof name);
	(void)snprintf(line, sizeof line, "key %lu %s\n", ++t->keys, name);
	put(t, line);
	t->news = true;
}

void tui_testmode_paste(struct tui_testmode *t, size_t bytes)
{
	char line[64];

	(void)snprintf(line, sizeof line, "key %lu paste %zu\n", ++t->keys, bytes);
	put(t, line);
	t->news = true;
}

void tui_testmode_drawn(struct tui_testmode *t)
{
	t->news = true;
}

void tui_testmode_sleep(struct tui_testmode *t, const char *busy, int cols, int rows, bool term)
{
	char line[96];
	int n;

	if (busy != NULL) {
		if (t->busy == NULL || strcmp(t->busy, busy) != 0) {
			(void)snprintf(line, sizeof line, "busy %s\n", busy);
			put(t, line);
		}
		t->busy = busy;
		return;
	}
	t->busy = NULL;
	if (!t->news)
		return;
	t->news = false;
	t->seq++;
	/* The terminal first: by the time a reader sees the line, the marker that
	 * follows the drawing is on its way to the terminal too.  A terminal that is
	 * gone is no reason to stop. */
	n = snprintf(line, sizeof line, "\033]7;backdesk-idle:%lu\007", t->seq);
	if (term && n > 0)
		(void)!write(STDOUT_FILENO, line, (size_t)n);
	(void)snprintf(line, sizeof line, "idle %lu keys %lu size %dx%d\n", t->seq, t->keys, cols, rows);
	put(t, line);
}
