#include <stdio.h>

#include "app/commands.h"
#include "common/i18n.h"

/* The full-screen console arrives with issue 4; until then the program says where
 * the data is and which commands reach it. */
int cmd_console(const struct app *app)
{
	(void)app;
	(void)printf(_("backdesk %s: the full-screen console is not part of this build yet.\n"
		       "The data is in the database; reach it with:\n"
		       "  eval \"$(db/devdb env)\"            # for the private demo cluster\n"
		       "  psql -c 'SELECT * FROM api.find($$sukru ozturk$$)'\n"
		       "  ./backdesk staff list\n"
		       "  ./backdesk import orders.jsonl\n"
		       "See 'backdesk --help' for every command.\n"),
		     BACKDESK_VERSION);
	return EXIT_OK;
}
