/* backdesk import FILE.jsonl | -: shop orders, one JSON document a line, through
 * api.import_order (see db/import.h).  Problems go to standard error, one line
 * each ("FILE:LINE: reason"), through the sanitizer: the server's reasons echo the
 * file's order numbers and names.  The summary goes to standard output. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/commands.h"
#include "app/say.h"
#include "common/i18n.h"
#include "db/import.h"

static void on_problem(const char *msg, void *arg)
{
	(void)arg;
	app_say(stderr, "%s\n", msg);
}

int cmd_import(const struct app *app)
{
	const char *path = app->cli->import_file;
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? _("<stdin>") : path;
	struct import_stats st;
	char *err = NULL;
	int fd, rc = EXIT_OK;
	PGconn *c;

	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		app_say(stderr, _("backdesk: import: cannot open %s: %s\n"), path, strerror(errno));
		return EXIT_REFUSED;
	}
	c = app_connect(app);
	if (c == NULL) {
		if (!is_stdin)
			(void)close(fd);
		return EXIT_REFUSED;
	}
	if (import_stream(c, fd, name, on_problem, NULL, &st, &err) < 0) {
		app_say(stderr, "backdesk: import: %s\n", err);
		free(err);
		rc = EXIT_REFUSED;
	}
	if (st.refused > 0)
		rc = EXIT_REFUSED;
	(void)printf(ngettext("imported %lld order, %lld refused\n", "imported %lld orders, %lld refused\n",
			      (unsigned long)st.imported),
		     st.imported, st.refused);
	if (!is_stdin)
		(void)close(fd);
	PQfinish(c);
	return rc;
}
