/* `backdesk notify --send`: one round of the outbox for a timer (systemd or cron).
 * The exit code says whether anything failed, so the timer's log shows it:
 * 0 every claimed message went (or none was due), 1 some did not (waiting for a
 * retry or parked) or the set-up is wrong, 2 usage. */
#include <stdio.h>
#include <stdlib.h>

#include "app/commands.h"
#include "app/outbox_send.h"
#include "app/say.h"
#include "common/i18n.h"

int cmd_notify(const struct app *app)
{
	struct outbox_sender *s;
	struct outbox_round r;
	char *err = NULL;
	PGconn *c;
	int rc;

	s = outbox_sender_new(app->cfg, &err);
	if (s == NULL) {
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		return EXIT_REFUSED;
	}
	c = app_connect(app);
	if (c == NULL) {
		outbox_sender_free(s);
		return EXIT_REFUSED;
	}
	rc = outbox_send_round(s, c, app->cli->notify_limit, app->cli->notify_lease, &r, &err);
	PQfinish(c);
	outbox_sender_free(s);
	if (rc < 0) {
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		return EXIT_REFUSED;
	}
	(void)printf(_("sent %d of %d; %d to try again later, %d given up (see :outbox)\n"), r.sent, r.claimed,
		     r.later, r.parked);
	(void)fflush(stdout);
	if (r.last_error != NULL)
		app_say(stderr, "backdesk: %s\n", r.last_error);
	rc = r.sent == r.claimed ? EXIT_OK : EXIT_REFUSED;
	outbox_round_free(&r);
	return rc;
}
