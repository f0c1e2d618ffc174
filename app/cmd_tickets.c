/* `backdesk tickets autoclose`: for cron, so resolved tickets close after the shop's
 * number of days even when nobody has the console open. */
#include <stdio.h>
#include <stdlib.h>

#include "app/commands.h"
#include "app/say.h"
#include "common/i18n.h"
#include "db/ticket_life.h"

int cmd_tickets(const struct app *app)
{
	PGconn *c = app_connect(app);
	char *err = NULL;
	long long n;

	if (c == NULL)
		return EXIT_REFUSED;
	n = db_tickets_autoclose(c, &err);
	PQfinish(c);
	if (n < 0) {
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		return EXIT_REFUSED;
	}
	(void)printf(ngettext("closed %lld resolved ticket\n", "closed %lld resolved tickets\n", (unsigned long)n),
		     n);
	return EXIT_OK;
}
