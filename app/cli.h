#ifndef BACKDESK_APP_CLI_H
#define BACKDESK_APP_CLI_H
/* The command line: global options, then at most one command with its own. */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum cli_command {
	CMD_CONSOLE,
	CMD_HELP,
	CMD_VERSION,
	CMD_MIGRATE,
	CMD_SEED,
	CMD_IMPORT,
	CMD_STAFF_ADD,
	CMD_STAFF_LIST,
	CMD_STAFF_DISABLE,
	CMD_TICKETS_AUTOCLOSE,
	CMD_RETURNS_AUTOCLOSE,
	CMD_CSAT_RECORD,
	CMD_TRACK_DUE,
	CMD_TRACK_ONE,
	CMD_QUEUE_JSON,
	CMD_EXPORT,
	CMD_NOTIFY_SEND,
	CMD_MAIL_FETCH,
};

/* Exit codes of every command. */
enum { EXIT_OK = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2 };

struct cli {
	enum cli_command cmd;
	const char *config_path;   /* --config FILE */
	const char *dsn;           /* --dsn DSN, overrides [database] dsn */
	const char *listen_dsn;    /* --listen-dsn DSN, overrides [database] listen_dsn */
	bool migrate_status;       /* migrate --status */
	bool seed_demo;            /* seed --demo */
	long long seed_orders;     /* seed --orders N (0: not given) */
	unsigned long long seed;   /* seed --seed S */
	const char *import_file;   /* import FILE ("-" is standard input) */
	const char *staff_login;
	const char *staff_name;    /* staff add --name */
	const char *staff_role;    /* staff add --role */
	bool password_stdin;       /* staff add --password-stdin */
	const char *csat_ticket;   /* csat record TICKET */
	int csat_score;            /* csat record TICKET SCORE (1 to 5) */
	const char *csat_comment;  /* csat record TICKET SCORE COMMENT (NULL: none) */
	int track_limit;           /* track --due [--limit N] (default 500) */
	const char *track_number;  /* track TRACKING_NO */
	const char *export_what;   /* export tickets|orders|returns|refunds|shipments */
	const char *export_since;  /* export --since YYYY-MM-DD (NULL: open-ended) */
	const char *export_until;  /* export --until YYYY-MM-DD (NULL: open-ended) */
	const char *export_file;   /* export --csv FILE (NULL: standard output) */
	int notify_limit;          /* notify --send [--limit N] (default 100) */
	int notify_lease;          /* notify --send [--lease SECONDS] (default 300) */
	long mail_limit;           /* mail --fetch [--limit N] (default 500) */
};

/* Fills *out from argv.  Returns EXIT_OK, or EXIT_USAGE with a one-line reason in
 * err (already translated).  Never prints, never exits. */
int cli_parse(int argc, const char *const argv[], struct cli *out, char *err, size_t errlen);

void cli_usage(FILE *f);

#endif
