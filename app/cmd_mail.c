/* `backdesk mail --fetch [--limit N]`: for a timer.  New mail in the support
 * mailbox becomes tickets and replies; a line per mail on stdout, problems on
 * stderr, and the exit code says whether anything failed (a failed mail stays
 * unseen and is fetched again next time). */
#include <stdio.h>
#include <stdlib.h>

#include "app/commands.h"
#include "app/mail_fetch.h"
#include "app/say.h"
#include "common/i18n.h"

int cmd_mail(const struct app *app)
{
	struct mail_fetch_result res;
	const char *why;
	PGconn *c;
	int rc;

	if (!mail_fetch_ready(app->cfg, &why)) {
		app_say(stderr, "backdesk: %s\n", why);
		return EXIT_REFUSED;
	}
	c = app_connect(app);
	if (c == NULL)
		return EXIT_REFUSED;
	rc = mail_fetch_once(app->cfg, c, (unsigned long)app->cli->mail_limit, NULL, stdout, &res);
	PQfinish(c);
	if (res.error != NULL) {
		app_say(stderr, "backdesk: %s\n", res.error);
		free(res.error);
	}
	(void)printf(_("%lu new in the mailbox: %lu stored (%lu new tickets, %lu replies, %lu auto-replies "
		       "and bounces, %lu ignored, %lu already there, %lu skipped), %lu failed\n"),
		     res.unseen, res.stored, res.new_tickets, res.replies, res.machine, res.ignored, res.duplicates,
		     res.skipped, res.failed);
	return rc < 0 ? EXIT_REFUSED : EXIT_OK;
}
