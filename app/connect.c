#include <stdio.h>
#include <stdlib.h>

#include "app/commands.h"
#include "app/say.h"
#include "db/connect.h"

PGconn *app_connect(const struct app *app)
{
	struct db_target t = {
		.dsn = app->cli->dsn != NULL ? app->cli->dsn : app->cfg->dsn,
		.service = app->cfg->service,
	};
	char *err = NULL;
	PGconn *c = db_connect(&t, &err);

	if (c == NULL) {
		/* libpq's message may run over lines, and so does the advice after it. */
		app_say_lines(stderr, "backdesk: %s\n", err);
		free(err);
	}
	return c;
}
