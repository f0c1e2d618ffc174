/* backdesk seed --demo | --orders N [--seed S]: generated data, see seed/seed.h. */
#include <stdio.h>
#include <stdlib.h>

#include "app/commands.h"
#include "app/say.h"
#include "common/i18n.h"
#include "seed/seed.h"

/* 1234567 -> "1,234,567" */
static const char *grouped(long long v, char *buf, size_t len)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof tmp, "%lld", v < 0 ? -v : v), k = 0;
	size_t o = 0;

	if (v < 0 && o + 1 < len)
		buf[o++] = '-';
	for (int i = 0; i < n && o + 2 < len; i++) {
		buf[o++] = tmp[i];
		k = n - i - 1;
		if (k > 0 && k % 3 == 0)
			buf[o++] = ',';
	}
	buf[o] = '\0';
	return buf;
}

static void on_table(const char *name, long long rows, double seconds, void *arg)
{
	char b[32];

	(void)arg;
	(void)printf(_("%-16s %12s rows %7.1f s\n"), name, grouped(rows, b, sizeof b), seconds);
	(void)fflush(stdout);
}

static void on_rebuilt(int n, double seconds, void *arg)
{
	(void)arg;
	(void)printf(_("%-16s %12d built %6.1f s\n"), _("indexes, keys"), n, seconds);
	(void)fflush(stdout);
}

static void on_note(const char *msg, void *arg)
{
	(void)arg;
	app_say(stderr, _("backdesk: note: %s\n"), msg);
}

int cmd_seed(const struct app *app)
{
	const struct cli *cli = app->cli;
	struct seed_opts opt = { cli->seed_demo, (uint64_t)(cli->seed_orders > 0 ? cli->seed_orders : 0),
				 (uint64_t)cli->seed };
	struct seed_hooks hooks = { on_table, on_rebuilt, on_note, NULL };
	struct seed_result res;
	char *err = NULL, b1[32], b2[32], b3[32];
	PGconn *c = app_connect(app);
	int rc = EXIT_OK;

	if (c == NULL)
		return EXIT_REFUSED;
	if (seed_run(c, &opt, &hooks, &res, &err) < 0) {
		app_say(stderr, _("backdesk: seed: %s\n"), err);
		free(err);
		rc = EXIT_REFUSED;
	} else {
		(void)printf(ngettext("seeded %s order for %s customer (%s): %s rows in %.1f s, then "
				      "ANALYZE in %.1f s\n",
				      "seeded %s orders for %s customers (%s): %s rows in %.1f s, then "
				      "ANALYZE in %.1f s\n",
				      (unsigned long)res.orders),
			     grouped(res.orders, b1, sizeof b1), grouped(res.customers, b2, sizeof b2),
			     opt.demo ? _("demo") : _("bulk"), grouped(res.rows, b3, sizeof b3), res.seconds,
			     res.analyze_seconds);
	}
	PQfinish(c);
	return rc;
}
