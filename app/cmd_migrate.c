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

int cmd_migrate(const struct app *app)
{
	PGconn *c = app_connect(app);
	char *err = NULL;
	int n, rc = EXIT_OK;

	if (c == NULL)
		return EXIT_REFUSED;
	if (app->cli->migrate_status) {
		n = migrate_db_version(c, &err);
		if (n >= 0)
			(void)printf(_("database schema version %d, this program knows %d: %s\n"), n,
				     migrate_latest(),
				     n == migrate_latest() ? _("up to date")
				     : n < migrate_latest() ? _("run 'backdesk migrate'")
							    : _("the database is newer than this program"));
	} else {
		n = migrate_apply(c, report, NULL, &err);
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
