#ifndef BACKDESK_CONFIG_H
#define BACKDESK_CONFIG_H
/* backdesk.ini: where it is, what it says, and what was wrong with it.
 *
 * Search order: --config FILE, else $BACKDESK_CONFIG, else
 * $XDG_CONFIG_HOME/backdesk/backdesk.ini (~/.config/... when XDG_CONFIG_HOME is unset),
 * else /etc/backdesk/backdesk.ini.  No file at all is fine: defaults plus the libpq
 * environment (PGHOST, PGDATABASE, PGSERVICE, ~/.pgpass).  A file named explicitly
 * (--config or $BACKDESK_CONFIG) that does not exist is an error. */
#include <stdbool.h>
#include <stddef.h>

/* Where the system-wide backdesk/backdesk.ini is looked for ("/etc" unless built
 * otherwise); the tests point it at a folder of their own. */
extern const char *config_sysconfdir;

enum config_theme { THEME_DEFAULT, THEME_MONOCHROME, THEME_HIGH_CONTRAST };

/* [carrier.NAME]: one tracking service (carrier/adapter.h names them). */
struct config_carrier {
	char *base_url;          /* base_url = https://api-eu.dhl.com (http:// only for tests);
				  * NULL: the service is not set up; no trailing slash */
	char *api_key_file;      /* api_key_file = a file only its owner may read, holding
				  * the key (read with config_read_secret when it is used) */
};

struct config {
	char *source;            /* the file that was read, or NULL when none */
	/* [database] */
	char *dsn;               /* dsn = connection string or URI; NULL: libpq env;
				  * may hold a password: config_free() wipes it */
	char *listen_dsn;        /* listen_dsn = settings of the connections that must
				  * reach the server itself, not a pooler: the console's
				  * LISTEN connection; applied on top of dsn.  NULL: as
				  * dsn.  May hold a password, like dsn */
	char *dashboard_dsn;     /* dashboard_dsn = settings of the supervisor dashboard's
				  * reads (a replica: host=replica target_session_attrs=
				  * prefer-standby), applied on top of dsn; LISTEN stays
				  * on the primary.  NULL: the work connection's.  May
				  * hold a password, like dsn */
	char *service;           /* service = pg_service.conf name; NULL: none */
	/* [ui] */
	bool mouse;              /* mouse = on|off (default off) */
	bool scan_bell;          /* scan_bell = on|off (default off): the bell on a refused scan */
	enum config_theme theme; /* theme = default|monochrome|high-contrast */
	/* [carrier.dhl], [carrier.aftership] */
	struct config_carrier carrier_dhl, carrier_aftership;
	/* [tracking] */
	int tracking_concurrency; /* concurrency = 1..64 lookups in flight (default 8) */
	bool tracking_background; /* background = on|off: the console asks the carriers
				   * about due parcels while it is open (default on) */
	/* [mail], the sending half (issue 16; the fetching half has its own keys) */
	struct {
		char *smtp_url;           /* smtp_url = smtps://host:465 or smtp://host:587
					   * (STARTTLS required but on loopback); NULL: none */
		char *smtp_user;          /* smtp_user = the login at the mail server, or NULL */
		char *smtp_password_file; /* smtp_password_file = a file only its owner may read */
		char *from;               /* from = "Shop Support <support@shop.example>" */
		char *reply_to;           /* reply_to = an address, or NULL */
		char *templates;          /* templates = a folder whose LANG/KIND.txt files
					   * replace the installed ones; NULL: none */
		bool send;                /* send = on|off: the console sends in the
					   * background (default off) */
		int max_attempts;         /* max_attempts = 1..100 (default 8): then parked */
	} mail_out;
	/* [mail], the incoming half (part inbox of issue 16) */
	char *imap_url;           /* imap_url = imaps://host[:port]/MAILBOX (imap:// only to this
				   * machine, for tests); NULL: fetching mail is not set up */
	char *imap_user;          /* imap_user = the mailbox's login */
	char *imap_password_file; /* imap_password_file = a file only its owner may read */
	bool mail_fetch;          /* fetch = on|off: the console fetches in the background (default off) */
	int mail_fetch_every;     /* fetch_every = seconds between the console's fetches, 10..86400 (60) */
	/* Amount limits per role are not here: they live in the database
	 * (backdesk.amount_limits), where an agent cannot raise their own. */
};

/* Warnings and the error of one load, each "FILE:LINE: text" (already translated). */
struct config_diag {
	char **warnings;
	size_t nwarnings, cap;
	char *error;             /* NULL unless config_load failed */
};

/* Fills *cfg with defaults, then the file.  Returns 0, or -1 with d->error set
 * (a bad value, an unreadable explicit file, a syntax error, a password in a dsn
 * of a file that group or others may read: refused like a secret file, naming the
 * file and the chmod that fixes it).  Unknown sections and
 * keys are warnings, not errors.  NO_COLOR in the environment forces the
 * monochrome theme.
 * Both *cfg and *d are outputs (not freed first); on -1 *cfg holds the defaults.
 * Either way, free both with config_free() and config_diag_free(). */
int config_load(struct config *cfg, const char *override_path, struct config_diag *d);

/* Which file config_load would read, or NULL when none exists (caller frees).
 * A file named explicitly is returned whether it exists or not: config_load
 * would try it, and fail. */
char *config_find_path(const char *override_path);

/* Reads a secret (an API key, a password) from a file of its own: refuses a file
 * readable by group or others, naming the file and the chmod that fixes it.
 * Trailing newlines are dropped.  Returns 0, or -1 with *err set (caller frees).
 * A symlink is followed and the file it leads to is what is checked; also
 * refused: anything but a regular file, more than 64 KiB, a NUL byte, nothing
 * left after the newlines.  *out is NULL on failure, *err NULL on success; free
 * *out with free_secret() (common/xalloc.h), which wipes it. */
int config_read_secret(const char *path, char **out, char **err);

void config_free(struct config *cfg);
void config_diag_free(struct config_diag *d);

#endif
