/* backdesk: the after-sales back office, in a terminal.  main() parses the command
 * line, reads the configuration and hands over to one command or to the console. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"
#include "app/commands.h"
#include "app/say.h"
#include "common/i18n.h"
#include "config/config.h"

static int load_config(const struct cli *cli, struct config *cfg)
{
	struct config_diag d = { 0 };
	int rc = config_load(cfg, cli->config_path, &d);

	for (size_t i = 0; i < d.nwarnings; i++)
		app_say(stderr, _("backdesk: warning: %s\n"), d.warnings[i]);
	if (rc < 0)
		app_say(stderr, "backdesk: %s\n", d.error);
	config_diag_free(&d);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli cli;
	struct config cfg = { 0 };
	struct app app = { &cli, &cfg };
	char err[256];
	int rc;

	i18n_init();
	if (cli_parse(argc, (const char *const *)argv, &cli, err, sizeof err) != EXIT_OK) {
		/* The message quotes the argument it did not understand. */
		app_say(stderr, "backdesk: %s\n", err);
		(void)fprintf(stderr, _("Try 'backdesk --help'.\n"));
		return EXIT_USAGE;
	}
	if (cli.cmd == CMD_HELP) {
		cli_usage(stdout);
		return EXIT_OK;
	}
	if (cli.cmd == CMD_VERSION) {
		(void)printf("backdesk %s\n", BACKDESK_VERSION);
		return EXIT_OK;
	}
	if (load_config(&cli, &cfg) < 0) {
		config_free(&cfg);
		return EXIT_REFUSED;
	}

	switch (cli.cmd) {
	case CMD_MIGRATE:
		rc = cmd_migrate(&app);
		break;
	case CMD_SEED:
		rc = cmd_seed(&app);
		break;
	case CMD_IMPORT:
		rc = cmd_import(&app);
		break;
	case CMD_STAFF_ADD:
	case CMD_STAFF_LIST:
	case CMD_STAFF_DISABLE:
		rc = cmd_staff(&app);
		break;
	case CMD_TICKETS_AUTOCLOSE:
	case CMD_RETURNS_AUTOCLOSE:
		rc = cmd_autoclose(&app);
		break;
	case CMD_CSAT_RECORD:
		rc = cmd_csat(&app);
		break;
	case CMD_TRACK_DUE:
	case CMD_TRACK_ONE:
		rc = cmd_track(&app);
		break;
	case CMD_QUEUE_JSON:
		rc = cmd_queue(&app);
		break;
	case CMD_EXPORT:
		rc = cmd_export(&app);
		break;
	case CMD_NOTIFY_SEND:
		rc = cmd_notify(&app);
		break;
	case CMD_MAIL_FETCH:
		rc = cmd_mail(&app);
		break;
	case CMD_CONSOLE:
	default:
		rc = cmd_console(&app);
		break;
	}
	config_free(&cfg);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		(void)fprintf(stderr, "backdesk: %s: %s\n", _("standard output"), strerror(errno));
		rc = rc != EXIT_OK ? rc : EXIT_REFUSED;
	}
	return rc;
}
