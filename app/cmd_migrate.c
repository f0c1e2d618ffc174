#include <stdio.h>
#include <stdlib.h>

#include "app/commands.h"
#include "app/say.h"
#include "common/i18n.h"
#include "db/migrate.h"

static void report(const struct migration *m, double ms, void *arg)
{
	(void)arg;
	(void)printf(_("applied %04d_%s (%.0f ms)\n"), m->version, m->name, ms);
	(void)fflush(stdout);
}

/* --status: the version, and whether the history is this program's. */
static int status(PGconn *c, char **err)
{
	struct migrate_check chk;
	char *why;

	if (migrate_check(c, &chk, err) < 0)
		return -1;
	why = migrate_check_message(&chk);
	if (chk.state == MIGRATE_DIFFERS) {
		*err = why;
		return -1;
	}
	free(why);
	(void)printf(_("database schema version %d, this program knows %d: %s\n"), chk.version,
		     migrate_latest(),
		     chk.state == MIGRATE_CURRENT  ? _("up to date")
		     : chk.state == MIGRATE_BEHIND ? _("run 'backdesk migrate'")
						   : _("the database is newer than this program"));
	if (chk.unchecked > 0)
		(void)printf(ngettext("%d migration was applied before checksums were kept; the next "
				      "'backdesk migrate' records its checksum\n",
				      "%d migrations were applied before checksums were kept; the next "
				      "'backdesk migrate' records their checksums\n",
				      (unsigned long)chk.unchecked),
			     chk.unchecked);
	return 0;
}

int cmd_migrate(const struct app *app)
{
	PGconn *c = app_connect(app);
	char *err = NULL;
	int n, trusted = 0, rc = EXIT_OK;

	if (c == NULL)
		return EXIT_REFUSED;
	if (app->cli->migrate_status) {
		n = status(c, &err);
	} else {
		n = migrate_apply(c, report, NULL, &trusted, &err);
		if (trusted > 0)
			(void)printf(ngettext("recorded the checksum of %d migration applied before "
					      "checksums were kept, trusting it as it is\n",
					      "recorded the checksums of %d migrations applied before "
					      "checksums were kept, trusting them as they are\n",
					      (unsigned long)trusted),
				     trusted);
		if (n == 0)
			(void)printf(_("schema is up to date (version %d)\n"), migrate_latest());
	}
	if (n < 0) {
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		rc = EXIT_REFUSED;
	}
	PQfinish(c);
	return rc;
}
