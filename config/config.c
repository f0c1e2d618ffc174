#include "config/config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "config/dsn.h"
#include "config/keys.h"
#include "config/perm.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

const char *config_sysconfdir = SYSCONFDIR;

/* The state of one parse.  Debian's inih calls the handler without a line number,
 * so lines come through read_line(), which counts them. */
struct parse {
	FILE *f;
	const char *path;
	struct config *cfg;
	struct config_diag *d;
	char *line;
	size_t cap;
	int lineno;
	bool continued;       /* the current line continues the key before it */
	bool after_key;       /* a key was seen since the last [section] line */
	char *warned_section; /* the unknown section last warned about */
	char *error;          /* the first error, by line */
	int error_line;
};

static void add_warning(struct config_diag *d, char *msg)
{
	d->warnings = xgrow(d->warnings, &d->cap, d->nwarnings + 1, sizeof *d->warnings);
	d->warnings[d->nwarnings++] = msg;
}

/* inih reports its syntax errors only at the end, so errors can arrive out of
 * order; the one people see is the first in the file. */
static void keep_error(struct parse *p, int line, char *msg)
{
	if (p->error != NULL && p->error_line <= line) {
		free(msg);
		return;
	}
	free(p->error);
	p->error = msg;
	p->error_line = line;
}

/* inih decides by the same rules whether an indented line continues the previous
 * key (INI_ALLOW_MULTILINE); the handler has to know, because it is called with
 * the previous key's name. */
static void classify(struct parse *p, const char *s)
{
	bool indented, blank_or_comment;

	indented = isspace((unsigned char)*s);
	while (isspace((unsigned char)*s))
		s++;
	blank_or_comment = *s == '\0' || strchr(INI_START_COMMENT_PREFIXES, *s) != NULL;
	p->continued = INI_ALLOW_MULTILINE && p->after_key && indented && !blank_or_comment;
	if (!p->continued && *s == '[')
		p->after_key = false;
}

/* An fgets() for inih that counts lines and refuses, rather than splits, a line
 * too long for inih's buffer: a split line would be parsed as two. */
static char *read_line(char *str, int num, void *stream)
{
	struct parse *p = stream;
	ssize_t n;

	errno = 0;
	n = getline(&p->line, &p->cap, p->f);
	if (n < 0) {
		if (ferror(p->f))
			keep_error(p, p->lineno + 1, xasprintf(_("cannot read %s: %s"),
							       p->path, strerror(errno)));
		return NULL;
	}
	p->lineno++;
	if (memchr(p->line, '\0', (size_t)n) != NULL) {
		keep_error(p, p->lineno, xasprintf(_("%s:%d: the line holds a NUL byte; "
						     "is this a text file?"),
						   p->path, p->lineno));
		return NULL;
	}
	if (n > 0 && p->line[n - 1] == '\n')
		p->line[--n] = '\0';
	if (n >= num) {
		keep_error(p, p->lineno, xasprintf(_("%s:%d: the line is longer than %d "
						     "characters"),
						   p->path, p->lineno, num - 1));
		return NULL;
	}
	memcpy(str, p->line, (size_t)n + 1);
	classify(p, str);
	return str;
}

static void warn_unknown_section(struct parse *p, const char *section)
{
	if (*section == '\0') {
		add_warning(p->d, xasprintf(_("%s:%d: key outside any [section]; it is "
					      "ignored"),
					    p->path, p->lineno));
		return;
	}
	/* Once per section, not once per key in it. */
	if (p->warned_section != NULL && strcmp(p->warned_section, section) == 0)
		return;
	free(p->warned_section);
	p->warned_section = xstrdup(section);
	add_warning(p->d, xasprintf(_("%s:%d: unknown section [%s]; it is ignored"),
				    p->path, p->lineno, section));
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	const char *hint;
	bool continued = p->continued;

	if (!continued)
		p->after_key = true;
	switch (config_apply_key(p->cfg, section, name, value, continued, &hint)) {
	case CONFIG_KEY_OK:
		break;
	case CONFIG_KEY_UNKNOWN_SECTION:
		/* The key's first line was warned about already. */
		if (!continued)
			warn_unknown_section(p, section);
		break;
	case CONFIG_KEY_UNKNOWN_KEY:
		if (!continued)
			add_warning(p->d, xasprintf(_("%s:%d: unknown key '%s' in [%s]; it is "
						      "ignored"),
						    p->path, p->lineno, name, section));
		break;
	case CONFIG_KEY_BAD_VALUE:
		keep_error(p, p->lineno, xasprintf(_("%s:%d: [%s] %s = '%s' is not valid: %s"),
						   p->path, p->lineno, section, name, value,
						   hint));
		break;
	}
	/* Go on after a bad value, so that one run shows every warning. */
	return 1;
}

/* A password in the file makes it a secret file: nobody but its owner may read
 * it (config/perm.h).  Judged on the descriptor read, after the file is parsed,
 * because a dsn may run over lines. */
static void check_private(struct parse *p, const struct stat *st)
{
	char *why;

	if (p->error != NULL)
		return;
	if ((p->cfg->dsn == NULL || !config_dsn_has_password(p->cfg->dsn)) &&
	    (p->cfg->listen_dsn == NULL || !config_dsn_has_password(p->cfg->listen_dsn)) &&
	    (p->cfg->dashboard_dsn == NULL || !config_dsn_has_password(p->cfg->dashboard_dsn)))
		return;
	why = config_perm_refusal(p->path, st->st_mode, CONFIG_PERM_INI);
	if (why != NULL)
		keep_error(p, 0, why);
}

static int load_file(struct config *cfg, const char *path, bool explicit,
		     struct config_diag *d)
{
	struct parse p = { .path = path, .cfg = cfg, .d = d };
	struct stat st;
	int rc, saved;

	p.f = fopen(path, "re");
	if (p.f == NULL) {
		/* Found a moment ago and gone now: as if it had never been there. */
		if (!explicit && errno == ENOENT)
			return 0;
		d->error = xasprintf(_("cannot open %s: %s"), path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(p.f), &st) != 0) {
		saved = errno;
		(void)fclose(p.f);
		d->error = xasprintf(_("cannot read %s: %s"), path, strerror(saved));
		return -1;
	}
	rc = ini_parse_stream(read_line, &p, on_key, &p);
	if (rc > 0)
		keep_error(&p, rc, xasprintf(_("%s:%d: expected [section] or name = value"),
					     path, rc));
	else if (rc < 0)
		keep_error(&p, p.lineno, xasprintf(_("cannot parse %s"), path));
	check_private(&p, &st);
	(void)fclose(p.f); /* opened for reading: nothing can be lost */
	/* The last lines read may hold the password. */
	if (p.line != NULL)
		explicit_bzero(p.line, p.cap);
	free(p.line);
	free(p.warned_section);
	if (p.error != NULL) {
		d->error = p.error;
		config_free(cfg);
		config_defaults(cfg);
		return -1;
	}
	cfg->source = xstrdup(path);
	return 0;
}

/* Anything but "not there" counts as there, so that an unreadable file is
 * reported instead of silently skipped for the next one. */
static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 || (errno != ENOENT && errno != ENOTDIR);
}

static char *find_path(const char *override_path, bool *explicit)
{
	const char *env = getenv("BACKDESK_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *path = NULL;

	*explicit = true;
	if (override_path != NULL)
		return xstrdup(override_path);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	*explicit = false;
	/* The XDG base directory spec says a relative XDG_CONFIG_HOME is ignored. */
	if (xdg != NULL && xdg[0] == '/')
		path = xasprintf("%s/backdesk/backdesk.ini", xdg);
	else if (home != NULL && *home != '\0')
		path = xasprintf("%s/.config/backdesk/backdesk.ini", home);
	if (path != NULL && exists(path))
		return path;
	free(path);
	path = xasprintf("%s/backdesk/backdesk.ini", config_sysconfdir);
	if (exists(path))
		return path;
	free(path);
	return NULL;
}

char *config_find_path(const char *override_path)
{
	bool explicit;

	return find_path(override_path, &explicit);
}

int config_load(struct config *cfg, const char *override_path, struct config_diag *d)
{
	struct config_diag scratch;
	const char *no_color = getenv("NO_COLOR");
	bool explicit;
	char *path;
	int rc = 0;

	if (d == NULL)
		d = &scratch;
	memset(d, 0, sizeof *d);
	config_defaults(cfg);
	path = find_path(override_path, &explicit);
	if (path != NULL)
		rc = load_file(cfg, path, explicit, d);
	free(path);
	/* no-color.org: present and not empty, whatever its value. */
	if (no_color != NULL && *no_color != '\0')
		cfg->theme = THEME_MONOCHROME;
	if (d == &scratch)
		config_diag_free(&scratch);
	return rc;
}

void config_free(struct config *cfg)
{
	free(cfg->source);
	free_secret(cfg->dsn);
	free_secret(cfg->listen_dsn);
	free_secret(cfg->dashboard_dsn);
	free(cfg->service);
	cfg->source = cfg->dsn = cfg->listen_dsn = cfg->dashboard_dsn = cfg->service = NULL;
	free(cfg->carrier_dhl.base_url);
	free(cfg->carrier_dhl.api_key_file);
	free(cfg->carrier_aftership.base_url);
	free(cfg->carrier_aftership.api_key_file);
	free(cfg->mail_out.smtp_url);
	free(cfg->mail_out.smtp_user);
	free(cfg->mail_out.smtp_password_file);
	free(cfg->mail_out.from);
	free(cfg->mail_out.reply_to);
	free(cfg->mail_out.templates);
	free(cfg->imap_url);
	free(cfg->imap_user);
	free(cfg->imap_password_file);
	memset(&cfg->carrier_dhl, 0, sizeof cfg->carrier_dhl);
	memset(&cfg->carrier_aftership, 0, sizeof cfg->carrier_aftership);
}

void config_diag_free(struct config_diag *d)
{
	size_t i;

	for (i = 0; i < d->nwarnings; i++)
		free(d->warnings[i]);
	free(d->warnings);
	free(d->error);
	memset(d, 0, sizeof *d);
}
