#include "app/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "db/export.h"

/* A walk over argv that understands "--opt VALUE" and "--opt=VALUE". */
struct args {
	int argc, i;
	const char *const *argv;
	char *err;
	size_t errlen;
};

static int fail(struct args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct args *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(a->err, a->errlen, fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

static const char *peek(const struct args *a)
{
	return a->i < a->argc ? a->argv[a->i] : NULL;
}

/* Matches `name` at argv[i]; on a match *value is its argument (when wanted). */
static int take(struct args *a, const char *name, const char **value, int *rc)
{
	const char *arg = peek(a);
	size_t n = strlen(name);

	*rc = EXIT_OK;
	if (arg == NULL || strncmp(arg, name, n) != 0)
		return 0;
	if (value == NULL) {
		if (arg[n] != '\0')
			return 0;
		a->i++;
		return 1;
	}
	if (arg[n] == '=') {
		*value = arg + n + 1;
		a->i++;
	} else if (arg[n] == '\0') {
		if (a->i + 1 >= a->argc) {
			*rc = fail(a, _("option %s needs a value"), name);
			return 1;
		}
		*value = a->argv[a->i + 1];
		a->i += 2;
	} else {
		return 0;
	}
	if (**value == '\0')
		*rc = fail(a, _("option %s needs a value"), name);
	return 1;
}

static int parse_count(struct args *a, const char *opt, const char *s, long long max,
		       unsigned long long *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (*s < '0' || *s > '9')
		return fail(a, _("%s wants a whole number, not '%s'"), opt, s);
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || (max > 0 && v > (unsigned long long)max))
		return fail(a, _("%s wants a whole number up to %lld, not '%s'"), opt, max, s);
	*out = v;
	return EXIT_OK;
}

static int parse_seed(struct args *a, struct cli *out)
{
	const char *v;
	unsigned long long n;
	int rc;

	while (peek(a) != NULL) {
		if (take(a, "--demo", NULL, &rc)) {
			out->seed_demo = true;
		} else if (take(a, "--orders", &v, &rc)) {
			if (rc != EXIT_OK || (rc = parse_count(a, "--orders", v, 100000000LL, &n)) != EXIT_OK)
				return rc;
			if (n == 0)
				return fail(a, _("--orders wants at least 1"));
			out->seed_orders = (long long)n;
		} else if (take(a, "--seed", &v, &rc)) {
			if (rc != EXIT_OK || (rc = parse_count(a, "--seed", v, 0, &out->seed)) != EXIT_OK)
				return rc;
		} else {
			return fail(a, _("seed does not know '%s'"), peek(a));
		}
		if (rc != EXIT_OK)
			return rc;
	}
	if (out->seed_demo == (out->seed_orders > 0))
		return fail(a, _("seed wants either --demo or --orders N"));
	return EXIT_OK;
}

static int parse_staff(struct args *a, struct cli *out)
{
	const char *sub = peek(a);
	int rc;

	if (sub == NULL)
		return fail(a, _("staff wants add, list or disable"));
	a->i++;
	if (strcmp(sub, "list") == 0) {
		out->cmd = CMD_STAFF_LIST;
	} else if (strcmp(sub, "add") == 0 || strcmp(sub, "disable") == 0) {
		out->cmd = sub[0] == 'a' ? CMD_STAFF_ADD : CMD_STAFF_DISABLE;
		out->staff_login = peek(a);
		if (out->staff_login == NULL || out->staff_login[0] == '-')
			return fail(a, _("staff %s wants a LOGIN"), sub);
		a->i++;
	} else {
		return fail(a, _("staff wants add, list or disable, not '%s'"), sub);
	}
	while (peek(a) != NULL) {
		if (out->cmd == CMD_STAFF_ADD && take(a, "--name", &out->staff_name, &rc)) {
		} else if (out->cmd == CMD_STAFF_ADD && take(a, "--role", &out->staff_role, &rc)) {
		} else if (out->cmd == CMD_STAFF_ADD && take(a, "--password-stdin", NULL, &rc)) {
			out->password_stdin = true;
		} else {
			return fail(a, _("staff %s does not know '%s'"), sub, peek(a));
		}
		if (rc != EXIT_OK)
			return rc;
	}
	if (out->cmd == CMD_STAFF_ADD) {
		if (out->staff_name == NULL)
			return fail(a, _("staff add wants --name \"Full Name\""));
		if (out->staff_role == NULL)
			return fail(a, _("staff add wants --role agent|warehouse|supervisor|admin"));
		if (strcmp(out->staff_role, "agent") != 0 && strcmp(out->staff_role, "warehouse") != 0 &&
		    strcmp(out->staff_role, "supervisor") != 0 && strcmp(out->staff_role, "admin") != 0)
			return fail(a, _("--role wants agent, warehouse, supervisor or admin, not '%s'"),
				    out->staff_role);
	}
	return EXIT_OK;
}

/* The range is the database's too; checked here so that "5/5" or "five" is a usage
 * error before any connection is made. */
/* A number option's value (`--limit N`): peek(a) is the option; takes both.
 * what names it in the refusal ("track --due --limit"). */
static int option_number(struct args *a, const char *what, long lo, long hi, long *to)
{
	const char *v;
	char *end;
	long n;

	a->i++;
	v = peek(a);
	n = v != NULL ? strtol(v, &end, 10) : 0;
	if (v == NULL || end == v || *end != '\0' || n < lo || n > hi)
		return fail(a, _("%s wants a number from %ld to %ld"), what, lo, hi);
	*to = n;
	a->i++;
	return EXIT_OK;
}

static int parse_track(struct args *a, struct cli *out)
{
	if (peek(a) != NULL && peek(a)[0] != '-') {
		out->cmd = CMD_TRACK_ONE;
		out->track_number = peek(a);
		a->i++;
		if (peek(a) != NULL)
			return fail(a, _("track takes one TRACKING_NO, not also '%s'"), peek(a));
		return EXIT_OK;
	}
	if (peek(a) == NULL || strcmp(peek(a), "--due") != 0)
		return fail(a, _("track wants --due [--limit N] or a TRACKING_NO"));
	a->i++;
	out->cmd = CMD_TRACK_DUE;
	out->track_limit = 500;
	if (peek(a) != NULL && strcmp(peek(a), "--limit") == 0) {
		long n;

		if (option_number(a, "track --due --limit", 1, 100000, &n) != EXIT_OK)
			return EXIT_USAGE;
		out->track_limit = (int)n;
	}
	if (peek(a) != NULL)
		return fail(a, _("track --due takes nothing more, not '%s'"), peek(a));
	return EXIT_OK;
}

static int parse_notify(struct args *a, struct cli *out)
{
	if (peek(a) == NULL || strcmp(peek(a), "--send") != 0)
		return fail(a, _("notify wants --send [--limit N] [--lease SECONDS]"));
	a->i++;
	out->cmd = CMD_NOTIFY_SEND;
	out->notify_limit = 100;
	out->notify_lease = 300;
	while (peek(a) != NULL) {
		long n;

		if (strcmp(peek(a), "--limit") == 0) {
			if (option_number(a, "notify --send --limit", 1, 1000, &n) != EXIT_OK)
				return EXIT_USAGE;
			out->notify_limit = (int)n;
		} else if (strcmp(peek(a), "--lease") == 0) {
			if (option_number(a, "notify --send --lease", 10, 3600, &n) != EXIT_OK)
				return EXIT_USAGE;
			out->notify_lease = (int)n;
		} else {
			return fail(a, _("notify --send takes --limit N and --lease SECONDS, not '%s'"), peek(a));
		}
	}
	return EXIT_OK;
}

static int parse_mail(struct args *a, struct cli *out)
{
	if (peek(a) == NULL || strcmp(peek(a), "--fetch") != 0)
		return fail(a, _("mail wants --fetch [--limit N]"));
	a->i++;
	out->cmd = CMD_MAIL_FETCH;
	out->mail_limit = 500;
	if (peek(a) != NULL && strcmp(peek(a), "--limit") == 0 &&
	    option_number(a, "mail --fetch --limit", 1, 100000, &out->mail_limit) != EXIT_OK)
		return EXIT_USAGE;
	if (peek(a) != NULL)
		return fail(a, _("mail --fetch takes nothing more, not '%s'"), peek(a));
	return EXIT_OK;
}

static int parse_csat(struct args *a, struct cli *out)
{
	const char *sub = peek(a);
	const char *score;

	if (sub == NULL || strcmp(sub, "record") != 0)
		return fail(a, _("csat wants record TICKET SCORE [COMMENT]"));
	a->i++;
	out->cmd = CMD_CSAT_RECORD;
	out->csat_ticket = peek(a);
	if (out->csat_ticket == NULL || out->csat_ticket[0] == '\0')
		return fail(a, _("csat record wants a TICKET number, like T-100004"));
	a->i++;
	score = peek(a);
	if (score == NULL)
		return fail(a, _("csat record wants a SCORE from 1 to 5 after the ticket"));
	if (score[0] < '1' || score[0] > '5' || score[1] != '\0')
		return fail(a, _("the score is a whole number from 1 to 5, not '%s'"), score);
	out->csat_score = score[0] - '0';
	a->i++;
	out->csat_comment = peek(a);
	if (out->csat_comment != NULL)
		a->i++;
	if (peek(a) != NULL)
		return fail(a, _("csat record takes one COMMENT (quote it), not also '%s'"), peek(a));
	return EXIT_OK;
}

static int export_day(struct args *a, const char *opt, const char *v, const char **out)
{
	if (!export_day_ok(v))
		return fail(a, _("%s wants a day like 2026-11-01, not '%s'"), opt, v);
	*out = v;
	return EXIT_OK;
}

/* export KIND [--since DAY] [--until DAY] --csv [FILE]: CSV is the only format,
 * but it is asked for by name, so another format can come without changing what
 * an existing script means. */
static int parse_export(struct args *a, struct cli *out)
{
	const char *kind = peek(a), *v;
	enum export_kind k;
	bool csv = false;
	int rc;

	out->cmd = CMD_EXPORT;
	if (kind == NULL || kind[0] == '-')
		return fail(a, _("export wants tickets, orders, returns, refunds or shipments"));
	if (export_kind_parse(kind, &k) != 0)
		return fail(a, _("export wants tickets, orders, returns, refunds or shipments, not '%s'"), kind);
	out->export_what = kind;
	a->i++;
	while ((v = peek(a)) != NULL) {
		if (strcmp(v, "--csv") == 0) {
			csv = true;
			a->i++;
			v = peek(a);
			if (v != NULL && (v[0] != '-' || strcmp(v, "-") == 0)) {
				out->export_file = v;
				a->i++;
			}
		} else if (strncmp(v, "--csv=", 6) == 0) {
			csv = true;
			out->export_file = v + 6;
			a->i++;
			if (*out->export_file == '\0')
				return fail(a, _("option %s needs a value"), "--csv=");
		} else if (take(a, "--since", &v, &rc)) {
			if (rc != EXIT_OK || (rc = export_day(a, "--since", v, &out->export_since)) != EXIT_OK)
				return rc;
		} else if (take(a, "--until", &v, &rc)) {
			if (rc != EXIT_OK || (rc = export_day(a, "--until", v, &out->export_until)) != EXIT_OK)
				return rc;
		} else {
			return fail(a, _("export does not know '%s'"), v);
		}
	}
	if (out->export_file != NULL && strcmp(out->export_file, "-") == 0)
		out->export_file = NULL;
	if (!csv)
		return fail(a, _("export writes CSV only: add --csv FILE (or --csv alone for standard output)"));
	if (out->export_since != NULL && out->export_until != NULL &&
	    strcmp(out->export_since, out->export_until) > 0)
		return fail(a, _("--since %s is after --until %s"), out->export_since, out->export_until);
	return EXIT_OK;
}

int cli_parse(int argc, const char *const argv[], struct cli *out, char *err, size_t errlen)
{
	struct args a = { argc, 1, argv, err, errlen };
	const char *cmd;
	int rc;

	memset(out, 0, sizeof *out);
	out->cmd = CMD_CONSOLE;
	if (errlen > 0)
		err[0] = '\0';

	while ((cmd = peek(&a)) != NULL && cmd[0] == '-') {
		if (take(&a, "--help", NULL, &rc) || take(&a, "-h", NULL, &rc)) {
			out->cmd = CMD_HELP;
			return EXIT_OK;
		}
		if (take(&a, "--version", NULL, &rc) || take(&a, "-V", NULL, &rc)) {
			out->cmd = CMD_VERSION;
			return EXIT_OK;
		}
		if (!take(&a, "--config", &out->config_path, &rc) && !take(&a, "--dsn", &out->dsn, &rc) &&
		    !take(&a, "--listen-dsn", &out->listen_dsn, &rc))
			return fail(&a, _("unknown option '%s'"), cmd);
		if (rc != EXIT_OK)
			return rc;
	}
	if (cmd == NULL)
		return EXIT_OK;
	a.i++;

	if (strcmp(cmd, "help") == 0) {
		out->cmd = CMD_HELP;
		return EXIT_OK;
	}
	if (strcmp(cmd, "migrate") == 0) {
		out->cmd = CMD_MIGRATE;
		while (peek(&a) != NULL) {
			if (!take(&a, "--status", NULL, &rc))
				return fail(&a, _("migrate does not know '%s'"), peek(&a));
			out->migrate_status = true;
		}
		return EXIT_OK;
	}
	if (strcmp(cmd, "seed") == 0) {
		out->cmd = CMD_SEED;
		out->seed = 1;
		return parse_seed(&a, out);
	}
	if (strcmp(cmd, "import") == 0) {
		out->cmd = CMD_IMPORT;
		out->import_file = peek(&a);
		if (out->import_file == NULL)
			return fail(&a, _("import wants a FILE.jsonl (or - for standard input)"));
		a.i++;
		if (peek(&a) != NULL)
			return fail(&a, _("import takes one file, not also '%s'"), peek(&a));
		return EXIT_OK;
	}
	if (strcmp(cmd, "staff") == 0)
		return parse_staff(&a, out);
	if (strcmp(cmd, "tickets") == 0 || strcmp(cmd, "returns") == 0) {
		if (peek(&a) == NULL || strcmp(peek(&a), "autoclose") != 0)
			return fail(&a, _("%s wants autoclose"), cmd);
		a.i++;
		if (peek(&a) != NULL)
			return fail(&a, _("%s autoclose takes nothing more, not '%s'"), cmd, peek(&a));
		out->cmd = strcmp(cmd, "returns") == 0 ? CMD_RETURNS_AUTOCLOSE : CMD_TICKETS_AUTOCLOSE;
		return EXIT_OK;
	}
	if (strcmp(cmd, "csat") == 0)
		return parse_csat(&a, out);
	if (strcmp(cmd, "track") == 0)
		return parse_track(&a, out);
	if (strcmp(cmd, "notify") == 0)
		return parse_notify(&a, out);
	if (strcmp(cmd, "mail") == 0)
		return parse_mail(&a, out);
	if (strcmp(cmd, "queue") == 0) {
		/* One format, said out loud: a later text form must not change what a
		 * monitoring script that forgot the flag gets. */
		if (peek(&a) == NULL || strcmp(peek(&a), "--json") != 0)
			return fail(&a, _("queue wants --json (the only format it writes)"));
		a.i++;
		if (peek(&a) != NULL)
			return fail(&a, _("queue --json takes nothing more, not '%s'"), peek(&a));
		out->cmd = CMD_QUEUE_JSON;
		return EXIT_OK;
	}
	if (strcmp(cmd, "export") == 0)
		return parse_export(&a, out);
	return fail(&a, _("unknown command '%s'"), cmd);
}

void cli_usage(FILE *f)
{
	(void)fputs(_("Usage: backdesk [--config FILE] [--dsn DSN] [--listen-dsn DSN] [COMMAND]\n"
		      "\n"
		      "Without a command, opens the console.\n"
		      "\n"
		      "Commands:\n"
		      "  migrate [--status]          bring the database schema up to date\n"
		      "  seed --demo                 load the demo data (deterministic)\n"
		      "  seed --orders N [--seed S]  load N generated orders in bulk\n"
		      "  import FILE.jsonl           import shop orders, one JSON document a line\n"
		      "  staff add LOGIN --name \"Full Name\" --role agent|warehouse|supervisor|admin\n"
		      "            [--password-stdin]\n"
		      "  staff list\n"
		      "  staff disable LOGIN\n"
		      "  tickets autoclose           close tickets resolved longer ago than the\n"
		      "                              setting ticket_autoclose_days (for cron)\n"
		      "  returns autoclose           close returns resolved longer ago than the\n"
		      "                              setting return_autoclose_days (for cron)\n"
		      "  track --due [--limit N]     ask the carriers about the parcels due a\n"
		      "                              look, record the answers (for cron)\n"
		      "  track TRACKING_NO           ask the carrier about one parcel now and\n"
		      "                              print its history\n"
		      "  csat record TICKET SCORE [COMMENT]\n"
		      "                              record a customer's answer (1 to 5) to the\n"
		      "                              survey sent when their ticket was resolved\n"
		      "  queue --json                the supervisor dashboard's counts as one line\n"
		      "                              of JSON, for monitoring\n"
		      "  export tickets|orders|returns|refunds|shipments [--since DAY]\n"
		      "         [--until DAY] --csv [FILE]\n"
		      "                              write a list as CSV (RFC 4180, UTF-8) to FILE\n"
		      "                              or standard output; days are the shop's,\n"
		      "                              inclusive (supervisor, admin)\n"
		      "  notify --send [--limit N] [--lease SECONDS]\n"
		      "                              send the outbox's due messages through [mail]\n"
		      "                              smtp_url (for a timer; an admin login)\n"
		      "  mail --fetch [--limit N]    read new mail of the support mailbox ([mail]\n"
		      "                              imap_url) into tickets (for a timer)\n"
		      "\n"
		      "Options:\n"
		      "  --config FILE   read this configuration file\n"
		      "  --dsn DSN       connect to this database (libpq connection string or URI)\n"
		      "  --listen-dsn DSN  what differs for the console's LISTEN connection, which\n"
		      "                  must reach the server itself when --dsn is a pooler\n"
		      "  -h, --help      show this help\n"
		      "  -V, --version   show the version\n"
		      "\n"
		      "Exit codes: 0 done, 1 refused or bad input, 2 wrong usage.\n"
		      "The database is found through [database] in the config file, else the usual\n"
		      "libpq environment (PGHOST, PGDATABASE, PGUSER, PGSERVICE, ~/.pgpass).\n"),
		    f);
}
