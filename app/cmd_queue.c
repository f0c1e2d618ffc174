/* backdesk queue --json: the supervisor dashboard's counts on one line of JSON,
 * for monitoring (a timer, a probe): the database's own document, so a script
 * and the dashboard never disagree. */
#include <stdio.h>
#include <stdlib.h>

#include "app/commands.h"
#include "app/say.h"
#include "db/queue.h"

int cmd_queue(const struct app *app)
{
	char *err = NULL, *doc;
	PGconn *c = app_connect(app);

	if (c == NULL)
		return EXIT_REFUSED;
	doc = db_queue_document(c, &err);
	PQfinish(c);
	if (doc == NULL) {
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		return EXIT_REFUSED;
	}
	(void)printf("%s\n", doc);
	free(doc);
	return EXIT_OK;
}
