/* backdesk csat record TICKET SCORE [COMMENT]: a customer's answer to the survey
 * sent when their ticket was resolved, for a shop whose web hook calls a command
 * rather than the database (and for a person typing it in from an e-mail reply). */
#include <stdio.h>
#include <stdlib.h>

#include "app/commands.h"
#include "app/say.h"
#include "common/i18n.h"
#include "db/csat.h"

int cmd_csat(const struct app *app)
{
	const struct cli *cli = app->cli;
	char *err = NULL;
	int rc = EXIT_OK;
	PGconn *c = app_connect(app);

	if (c == NULL)
		return EXIT_REFUSED;
	if (db_csat_record(c, cli->csat_ticket, cli->csat_score, cli->csat_comment, &err) < 0) {
		/* The refusal quotes the ticket number as it was typed. */
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		rc = EXIT_REFUSED;
	} else {
		app_say(stdout, _("recorded %d of 5 for %s\n"), cli->csat_score, cli->csat_ticket);
	}
	PQfinish(c);
	return rc;
}
