/* `backdesk tickets autoclose` and `backdesk returns autoclose`: for cron, so what is
 * resolved closes after the shop's number of days even when nobody has the console
 * open. */
#include <stdio.h>
#include <stdlib.h>

#include "app/commands.h"
#include "app/say.h"
#include "common/i18n.h"
#include "db/autoclose.h"

int cmd_autoclose(const struct app *app)
{
	enum db_autoclose what = app->cli->cmd == CMD_RETURNS_AUTOCLOSE ? DB_AUTOCLOSE_RETURNS : DB_AUTOCLOSE_TICKETS;
	PGconn *c = app_connect(app);
	char *err = NULL;
	long long n;

	if (c == NULL)
		return EXIT_REFUSED;
	n = db_autoclose(c, what, &err);
	PQfinish(c);
	if (n < 0) {
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		return EXIT_REFUSED;
	}
	if (what == DB_AUTOCLOSE_RETURNS)
		(void)printf(ngettext("closed %lld resolved return\n", "closed %lld resolved returns\n",
				      (unsigned long)n),
			     n);
	else
		(void)printf(ngettext("closed %lld resolved ticket\n", "closed %lld resolved tickets\n",
				      (unsigned long)n),
			     n);
	return EXIT_OK;
}
