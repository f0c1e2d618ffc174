#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"
#include "app/say.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/staff.h"
#include "tui/utf8.h"

/* One line from stdin, for --password-stdin; NULL when there is none, or when it
 * is longer than the buffer (*too_long: never cut a password without saying so).
 * Free it with free_secret().  Every copy is wiped: stdin is read unbuffered, so
 * stdio keeps none, and the line on the stack is cleared before returning. */
static char *read_password(bool *too_long)
{
	char buf[1024];
	char *password = NULL;
	size_t len;

	*too_long = false;
	/* Only fails on a stream already used; then stdio keeps a copy, as before. */
	(void)setvbuf(stdin, NULL, _IONBF, 0);
	if (fgets(buf, sizeof buf, stdin) != NULL) {
		len = strcspn(buf, "\r\n");
		if (buf[len] == '\0' && len == sizeof buf - 1 && !feof(stdin))
			*too_long = true;
		else if (len > 0)
			password = xstrndup(buf, len);
	}
	explicit_bzero(buf, sizeof buf);
	return password;
}

/* Columns by display cells, not bytes: "Zsófia Nagy" lines up with "Deniz Kaya". */
static void row(const char *login, const char *name, const char *role, const char *state,
		const char *since)
{
	const char *cells[4] = { login, name, role, state };
	const int widths[4] = { 20, 30, 11, 9 };

	for (int i = 0; i < 4; i++) {
		char *s = tui_text_fit(cells[i], widths[i], TUI_ALIGN_LEFT);

		(void)printf("%s ", s);
		free(s);
	}
	(void)printf("%s\n", since);
}

static int list(PGconn *c)
{
	char *err = NULL;
	PGresult *r = db_staff_list(c, &err);
	int n;

	if (r == NULL) {
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		return EXIT_REFUSED;
	}
	n = PQntuples(r);
	row(_("LOGIN"), _("NAME"), _("ROLE"), _("STATE"), _("SINCE"));
	for (int i = 0; i < n; i++)
		row(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2), PQgetvalue(r, i, 3),
		    PQgetvalue(r, i, 4));
	PQclear(r);
	return EXIT_OK;
}

int cmd_staff(const struct app *app)
{
	const struct cli *cli = app->cli;
	PGconn *c;
	char *err = NULL, *password = NULL;
	int rc = EXIT_OK;

	if (cli->cmd == CMD_STAFF_ADD && cli->password_stdin) {
		bool too_long;

		password = read_password(&too_long);
		if (too_long) {
			(void)fprintf(stderr, _("backdesk: the password on standard input is longer than "
						"1022 bytes; nothing was added: use a shorter one\n"));
			return EXIT_USAGE;
		}
		if (password == NULL) {
			(void)fprintf(stderr, _("backdesk: --password-stdin read no password from "
						"standard input\n"));
			return EXIT_USAGE;
		}
	}
	c = app_connect(app);
	if (c == NULL) {
		free_secret(password);
		return EXIT_REFUSED;
	}
	switch (cli->cmd) {
	case CMD_STAFF_LIST:
		rc = list(c);
		break;
	case CMD_STAFF_ADD:
		if (db_staff_add(c, cli->staff_login, cli->staff_name, cli->staff_role, password, &err) < 0)
			rc = EXIT_REFUSED;
		else
			app_say(stdout, _("added %s (%s) as %s\n"), cli->staff_login, cli->staff_name,
				cli->staff_role);
		break;
	case CMD_STAFF_DISABLE:
		if (db_staff_disable(c, cli->staff_login, &err) < 0)
			rc = EXIT_REFUSED;
		else
			app_say(stdout, _("disabled %s: they can no longer log in\n"), cli->staff_login);
		break;
	default:
		rc = EXIT_USAGE;
		break;
	}
	if (err != NULL) {
		/* The server's refusal quotes the login as it was typed. */
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
	}
	free_secret(password);
	PQfinish(c);
	return rc;
}
