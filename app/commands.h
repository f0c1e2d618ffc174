#ifndef BACKDESK_APP_COMMANDS_H
#define BACKDESK_APP_COMMANDS_H
/* The non-interactive commands.  Each returns an exit code (EXIT_OK, EXIT_REFUSED,
 * EXIT_USAGE) and prints its own messages: results on stdout, problems on stderr. */
#include <libpq-fe.h>

#include "app/cli.h"
#include "config/config.h"

struct app {
	const struct cli *cli;
	const struct config *cfg;
};

/* Connects as the configuration and environment say, or prints why not. */
PGconn *app_connect(const struct app *app);

int cmd_migrate(const struct app *app);
int cmd_seed(const struct app *app);
int cmd_import(const struct app *app);
int cmd_staff(const struct app *app);
int cmd_autoclose(const struct app *app); /* tickets autoclose, returns autoclose */
int cmd_csat(const struct app *app);
int cmd_track(const struct app *app); /* track --due, track TRACKING_NO */
int cmd_queue(const struct app *app); /* queue --json */
int cmd_export(const struct app *app); /* export KIND ... --csv [FILE] */
int cmd_notify(const struct app *app); /* notify --send */
int cmd_mail(const struct app *app); /* mail --fetch [--limit N] */
int cmd_console(const struct app *app);

#endif
