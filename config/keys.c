#include "config/keys.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "common/i18n.h"
#include "common/xalloc.h"

typedef bool (*key_setter)(struct config *cfg, const char *value, bool continued,
			   const char **hint);

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->mouse = false;
	cfg->theme = THEME_DEFAULT;
	cfg->tracking_concurrency = 8;
	cfg->tracking_background = true;
	cfg->mail_out.max_attempts = 8;
	cfg->mail_fetch_every = 60;
}

static bool one_line(bool continued, const char **hint)
{
	if (continued)
		*hint = _("write the value on one line");
	return !continued;
}

/* An empty value means "not set", so a packaged file can list the key blank.
 * The old value is wiped: a dsn may hold a password. */
static void set_string(char **field, const char *value)
{
	free_secret(*field);
	*field = *value != '\0' ? xstrdup(value) : NULL;
}

static bool set_dsn(struct config *cfg, const char *value, bool continued,
		    const char **hint)
{
	char *joined;

	(void)hint;
	/* A conninfo string is space-separated, so a long one may go on indented
	 * lines (the parser cuts lines at a couple of hundred characters). */
	if (continued && cfg->dsn != NULL) {
		joined = xasprintf("%s %s", cfg->dsn, value);
		free_secret(cfg->dsn);
		cfg->dsn = joined;
		return true;
	}
	set_string(&cfg->dsn, value);
	return true;
}

/* Read by libpq's parser now, so that a typo is the config file's error with its
 * line, not a console that cannot connect. */
static bool set_checked_dsn(char **field, const char *value, bool continued, const char **hint)
{
	char *joined, *err = NULL;
	PQconninfoOption *opts;

	*hint = _("write a libpq connection string or URI (host=/var/run/postgresql port=5432)");
	if (continued && *field != NULL) {
		joined = xasprintf("%s %s", *field, value);
		free_secret(*field);
		*field = joined;
	} else {
		set_string(field, value);
	}
	if (*field == NULL)
		return true;
	opts = PQconninfoParse(*field, &err);
	PQfreemem(err);
	if (opts == NULL)
		return false;
	PQconninfoFree(opts);
	return true;
}

static bool set_listen_dsn(struct config *cfg, const char *value, bool continued,
			   const char **hint)
{
	return set_checked_dsn(&cfg->listen_dsn, value, continued, hint);
}

static bool set_dashboard_dsn(struct config *cfg, const char *value, bool continued,
			      const char **hint)
{
	return set_checked_dsn(&cfg->dashboard_dsn, value, continued, hint);
}

static bool set_service(struct config *cfg, const char *value, bool continued,
			const char **hint)
{
	if (!one_line(continued, hint))
		return false;
	set_string(&cfg->service, value);
	return true;
}

static bool set_on_off(bool *field, const char *value, bool continued, const char **hint)
{
	static const char *const yes[] = { "on", "true", "yes", "1" };
	static const char *const no[] = { "off", "false", "no", "0" };
	size_t i;

	*hint = _("use on or off");
	if (!one_line(continued, hint))
		return false;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(value, yes[i]) == 0) {
			*field = true;
			return true;
		}
		if (strcasecmp(value, no[i]) == 0) {
			*field = false;
			return true;
		}
	}
	return false;
}

static bool set_mouse(struct config *cfg, const char *value, bool continued,
		      const char **hint)
{
	return set_on_off(&cfg->mouse, value, continued, hint);
}

static bool set_tracking_background(struct config *cfg, const char *value, bool continued,
				    const char **hint)
{
	return set_on_off(&cfg->tracking_background, value, continued, hint);
}

/* A whole number from lo to hi on one line; the caller's *hint says the range. */
static bool set_number(int *field, long lo, long hi, const char *value, bool continued,
		       const char **hint)
{
	char *end;
	long n;

	if (!one_line(continued, hint))
		return false;
	n = strtol(value, &end, 10);
	if (end == value || *end != '\0' || n < lo || n > hi)
		return false;
	*field = (int)n;
	return true;
}

static bool set_tracking_concurrency(struct config *cfg, const char *value, bool continued,
				     const char **hint)
{
	*hint = _("use a whole number from 1 to 64");
	return set_number(&cfg->tracking_concurrency, 1, 64, value, continued, hint);
}

/* Checked here so that a typo is the file's error with its line, not a lookup that
 * fails later; the client refuses any scheme but these two as well. */
static bool set_base_url(char **field, const char *value, bool continued, const char **hint)
{
	size_t n = strlen(value);

	*hint = _("write the service's address, like https://api-eu.dhl.com");
	if (!one_line(continued, hint))
		return false;
	if (n == 0) {
		set_string(field, value);
		return true;
	}
	if ((strncasecmp(value, "https://", 8) != 0 && strncasecmp(value, "http://", 7) != 0) ||
	    strpbrk(value, " \t\"'<>\\") != NULL)
		return false;
	while (n > 0 && value[n - 1] == '/')
		n--;
	free(*field);
	*field = xstrndup(value, n);
	return true;
}

static bool set_file(char **field, const char *value, bool continued, const char **hint)
{
	*hint = _("write the path of a file");
	if (!one_line(continued, hint))
		return false;
	set_string(field, value);
	return true;
}

static bool set_dhl_base_url(struct config *cfg, const char *value, bool continued,
			     const char **hint)
{
	return set_base_url(&cfg->carrier_dhl.base_url, value, continued, hint);
}

static bool set_dhl_key_file(struct config *cfg, const char *value, bool continued,
			     const char **hint)
{
	return set_file(&cfg->carrier_dhl.api_key_file, value, continued, hint);
}

static bool set_aftership_base_url(struct config *cfg, const char *value, bool continued,
				   const char **hint)
{
	return set_base_url(&cfg->carrier_aftership.base_url, value, continued, hint);
}

static bool set_aftership_key_file(struct config *cfg, const char *value, bool continued,
				   const char **hint)
{
	return set_file(&cfg->carrier_aftership.api_key_file, value, continued, hint);
}

/* The mailbox holds customers' mail and its password goes with the login: in clear
 * text only to this machine (the tests' Dovecot), TLS anywhere else. */
static bool set_imap_url(struct config *cfg, const char *value, bool continued, const char **hint)
{
	const char *host;
	size_t hl;

	*hint = _("write imaps://host/INBOX (imap:// only for a server on this machine)");
	if (!one_line(continued, hint))
		return false;
	if (*value == '\0') {
		set_string(&cfg->imap_url, value);
		return true;
	}
	if (strpbrk(value, " \t\"'<>\\") != NULL)
		return false;
	if (strncasecmp(value, "imaps://", 8) == 0) {
		set_string(&cfg->imap_url, value);
		return true;
	}
	if (strncasecmp(value, "imap://", 7) != 0)
		return false;
	host = value + 7;
	hl = strcspn(host, ":/");
	if (!((hl == 9 && strncasecmp(host, "localhost", 9) == 0) || (hl == 9 && strncmp(host, "127.0.0.1", 9) == 0) ||
	      (hl >= 5 && strncmp(host, "[::1]", 5) == 0)))
		return false;
	set_string(&cfg->imap_url, value);
	return true;
}

static bool set_imap_user(struct config *cfg, const char *value, bool continued, const char **hint)
{
	*hint = _("write the mailbox's login on one line");
	if (!one_line(continued, hint))
		return false;
	set_string(&cfg->imap_user, value);
	return true;
}

static bool set_imap_password_file(struct config *cfg, const char *value, bool continued,
				   const char **hint)
{
	return set_file(&cfg->imap_password_file, value, continued, hint);
}

static bool set_mail_fetch(struct config *cfg, const char *value, bool continued, const char **hint)
{
	return set_on_off(&cfg->mail_fetch, value, continued, hint);
}

static bool set_mail_fetch_every(struct config *cfg, const char *value, bool continued,
				 const char **hint)
{
	*hint = _("write a number of seconds from 10 to 86400");
	return set_number(&cfg->mail_fetch_every, 10, 86400, value, continued, hint);
}

static bool set_scan_bell(struct config *cfg, const char *value, bool continued,
			  const char **hint)
{
	return set_on_off(&cfg->scan_bell, value, continued, hint);
}

static bool set_theme(struct config *cfg, const char *value, bool continued,
		      const char **hint)
{
	*hint = _("use default, monochrome or high-contrast");
	if (!one_line(continued, hint))
		return false;
	if (strcasecmp(value, "default") == 0)
		cfg->theme = THEME_DEFAULT;
	else if (strcasecmp(value, "monochrome") == 0)
		cfg->theme = THEME_MONOCHROME;
	else if (strcasecmp(value, "high-contrast") == 0)
		cfg->theme = THEME_HIGH_CONTRAST;
	else
		return false;
	return true;
}

static bool set_smtp_url(struct config *cfg, const char *value, bool continued, const char **hint)
{
	/* mail/smtp.c checks the same again (config/ is below mail/). */
	*hint = _("write smtps://host:465 or smtp://host:587 (STARTTLS)");
	if (!one_line(continued, hint))
		return false;
	if (*value != '\0' &&
	    ((strncasecmp(value, "smtps://", 8) != 0 && strncasecmp(value, "smtp://", 7) != 0) ||
	     strpbrk(value, " \t\"'<>\\") != NULL || strstr(value, "://")[3] == '\0'))
		return false;
	set_string(&cfg->mail_out.smtp_url, value);
	return true;
}

static bool set_smtp_user(struct config *cfg, const char *value, bool continued, const char **hint)
{
	*hint = _("write the login on one line");
	if (!one_line(continued, hint))
		return false;
	set_string(&cfg->mail_out.smtp_user, value);
	return true;
}

static bool set_smtp_password_file(struct config *cfg, const char *value, bool continued,
				   const char **hint)
{
	return set_file(&cfg->mail_out.smtp_password_file, value, continued, hint);
}

static bool set_mail_templates(struct config *cfg, const char *value, bool continued, const char **hint)
{
	*hint = _("write the path of a folder holding en/, tr/ and hu/");
	if (!one_line(continued, hint))
		return false;
	set_string(&cfg->mail_out.templates, value);
	return true;
}

/* The shape only (an @, a closing > when there is a <), so a typo is the file's
 * error with its line; mail/mime_out.c reads it whole when a message is built. */
static bool set_mail_address(char **field, const char *value, bool continued, const char **hint)
{
	const char *lt = strrchr(value, '<');

	*hint = _("write an address, like Shop Support <support@shop.example>");
	if (!one_line(continued, hint))
		return false;
	if (*value != '\0' &&
	    (strchr(lt != NULL ? lt : value, '@') == NULL ||
	     (lt != NULL && (strchr(lt, '>') == NULL || strchr(lt, '>')[1] != '\0'))))
		return false;
	set_string(field, value);
	return true;
}

static bool set_mail_from(struct config *cfg, const char *value, bool continued, const char **hint)
{
	return set_mail_address(&cfg->mail_out.from, value, continued, hint);
}

static bool set_mail_reply_to(struct config *cfg, const char *value, bool continued, const char **hint)
{
	return set_mail_address(&cfg->mail_out.reply_to, value, continued, hint);
}

static bool set_mail_send(struct config *cfg, const char *value, bool continued, const char **hint)
{
	return set_on_off(&cfg->mail_out.send, value, continued, hint);
}

static bool set_mail_max_attempts(struct config *cfg, const char *value, bool continued,
				  const char **hint)
{
	*hint = _("use a whole number from 1 to 100");
	return set_number(&cfg->mail_out.max_attempts, 1, 100, value, continued, hint);
}

static const struct {
	const char *section, *name;
	key_setter set;
} keys[] = {
	{ "database", "dsn", set_dsn },
	{ "database", "listen_dsn", set_listen_dsn },
	{ "database", "dashboard_dsn", set_dashboard_dsn },
	{ "database", "service", set_service },
	{ "ui", "mouse", set_mouse },
	{ "ui", "scan_bell", set_scan_bell },
	{ "ui", "theme", set_theme },
	{ "carrier.dhl", "base_url", set_dhl_base_url },
	{ "carrier.dhl", "api_key_file", set_dhl_key_file },
	{ "carrier.aftership", "base_url", set_aftership_base_url },
	{ "carrier.aftership", "api_key_file", set_aftership_key_file },
	{ "tracking", "concurrency", set_tracking_concurrency },
	{ "tracking", "background", set_tracking_background },
	{ "mail", "smtp_url", set_smtp_url },
	{ "mail", "smtp_user", set_smtp_user },
	{ "mail", "smtp_password_file", set_smtp_password_file },
	{ "mail", "from", set_mail_from },
	{ "mail", "reply_to", set_mail_reply_to },
	{ "mail", "templates", set_mail_templates },
	{ "mail", "send", set_mail_send },
	{ "mail", "max_attempts", set_mail_max_attempts },
	{ "mail", "imap_url", set_imap_url },
	{ "mail", "imap_user", set_imap_user },
	{ "mail", "imap_password_file", set_imap_password_file },
	{ "mail", "fetch", set_mail_fetch },
	{ "mail", "fetch_every", set_mail_fetch_every },
};

enum config_key_result config_apply_key(struct config *cfg, const char *section,
					const char *name, const char *value,
					bool continued, const char **hint)
{
	bool section_known = false;
	size_t i;

	*hint = "";
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcasecmp(section, keys[i].section) != 0)
			continue;
		section_known = true;
		if (strcasecmp(name, keys[i].name) == 0)
			return keys[i].set(cfg, value, continued, hint) ? CONFIG_KEY_OK
									: CONFIG_KEY_BAD_VALUE;
	}
	return section_known ? CONFIG_KEY_UNKNOWN_KEY : CONFIG_KEY_UNKNOWN_SECTION;
}
