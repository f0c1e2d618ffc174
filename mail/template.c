#include "mail/template.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/textsafe.h"
#include "common/xalloc.h"

/* A message is short; a bigger file is the wrong file. */
#define TEMPLATE_MAX (64 * 1024)

const char *const mail_template_langs[] = { "en", "tr", "hu", NULL };

/* What the database gives each kind (0045's triggers, 0049's order, delay,
 * survey and reply messages): `has` may be used, `needs` must be, or the message
 * would not say what it is for.  tests/shell/template_vars.t checks `has` against
 * the vars the SQL writes. */
static const struct kind {
	const char *name;
	const char *has[8];
	const char *needs[3];
} kinds[] = {
	{ "return_approved", { "customer_name", "return_number", "order_number", "items", "return_address", NULL },
	  { "return_number", "return_address", NULL } },
	{ "return_received", { "customer_name", "return_number", "order_number", "items", NULL },
	  { "return_number", NULL } },
	{ "refund_issued", { "customer_name", "order_number", "amount", "currency", NULL },
	  { "amount", "currency", NULL } },
	{ "feedback_request", { "customer_name", "order_number", "discount_code", NULL },
	  { "discount_code", NULL } },
	{ "back_in_stock", { "customer_name", "product_name", "sku", NULL }, { "product_name", NULL } },
	{ "order_confirmation", { "customer_name", "order_number", "lines", "total", "currency", "shipping", NULL },
	  { "order_number", "lines", NULL } },
	{ "tracking", { "customer_name", "order_number", "parcels", "delivery_window", NULL },
	  { "order_number", "parcels", NULL } },
	{ "delay",
	  { "customer_name", "order_number", "promised_date", "carrier", "tracking_number", "compensation", NULL },
	  { "order_number", "compensation", NULL } },
	{ "survey", { "customer_name", "ticket_number", NULL }, { "ticket_number", NULL } },
	/* The agent's text in the shop's frame. */
	{ "reply", { "customer_name", "ticket_number", "ticket_subject", "body", NULL }, { "body", "ticket_number", NULL } },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])
#define NLANGS 3

const char *const mail_template_kinds[] = { "return_approved", "return_received", "refund_issued",
					    "feedback_request", "back_in_stock", "order_confirmation",
					    "tracking", "delay", "survey", "reply", NULL };

struct mail_templates {
	char *subject[NKINDS][NLANGS];
	char *body[NKINDS][NLANGS];
};

const char *const *mail_template_vars(const char *kind)
{
	size_t k;

	for (k = 0; k < NKINDS; k++)
		if (strcmp(kinds[k].name, kind) == 0)
			return kinds[k].has;
	return NULL;
}

int mail_template_kind_known(const char *kind)
{
	size_t k;

	for (k = 0; k < NKINDS; k++)
		if (strcmp(kinds[k].name, kind) == 0)
			return 1;
	return 0;
}

static int has_var(const struct kind *k, const char *name, size_t n)
{
	size_t i;

	for (i = 0; k->has[i] != NULL; i++)
		if (strlen(k->has[i]) == n && strncmp(k->has[i], name, n) == 0)
			return 1;
	return 0;
}

/* The variable named at s ("{name}"), its length in *n, or 0 when s is a brace
 * of the text. */
static int var_at(const char *s, size_t *n)
{
	size_t i = 1;

	if (s[0] != '{')
		return 0;
	while ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' || (s[i] >= '0' && s[i] <= '9'))
		i++;
	if (i == 1 || s[i] != '}')
		return 0;
	*n = i - 1;
	return 1;
}

/* The line of the first byte that is not UTF-8, or 0. */
static unsigned bad_utf8_line(const char *s, size_t len)
{
	size_t i = 0, used;
	unsigned cp, line = 1;

	while (i < len) {
		used = textsafe_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && !(used == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return line;
		if (s[i] == '\n')
			line++;
		i += used;
	}
	return 0;
}

static char *read_file(const char *path, size_t *len, char **err)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (f == NULL) {
		*err = xasprintf(_("%s: %s; every message kind needs a file in each language (%s)"), path,
				 strerror(errno), "en, tr, hu");
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		sb_add(&sb, buf, n);
		if (sb.len > TEMPLATE_MAX)
			break;
	}
	if (ferror(f) || sb.len > TEMPLATE_MAX) {
		*err = sb.len > TEMPLATE_MAX ? xasprintf(_("%s: longer than 64 KiB; is it the right file?"), path)
					     : xasprintf(_("%s: cannot be read"), path);
		(void)fclose(f);
		sb_free(&sb);
		return NULL;
	}
	(void)fclose(f);
	*len = sb.len;
	return sb_take(&sb);
}

/* Checks one file and splits it into subject and body. */
static int parse(const struct kind *k, const char *path, const char *text, size_t len,
		 char **subject, char **body, char **err)
{
	const char *nl, *p;
	unsigned line, bad;
	size_t n, i, subj_len;
	int used;

	if (memchr(text, '\0', len) != NULL) {
		*err = xasprintf(_("%s: holds a NUL byte; save it as UTF-8 text"), path);
		return -1;
	}
	if ((bad = bad_utf8_line(text, len)) != 0) {
		*err = xasprintf(_("%s:%u: not UTF-8; save the file as UTF-8"), path, bad);
		return -1;
	}
	if (strncmp(text, "Subject:", 8) != 0) {
		*err = xasprintf(_("%s:1: the first line must be \"Subject: ...\""), path);
		return -1;
	}
	nl = strchr(text, '\n');
	if (nl == NULL || nl[1] != '\n') {
		*err = xasprintf(_("%s:2: leave one empty line between the Subject line and the text"), path);
		return -1;
	}
	/* Every {name} of the file is one the kind has. */
	for (p = text, line = 1; *p != '\0'; p++) {
		if (*p == '\n')
			line++;
		if (var_at(p, &n) && !has_var(k, p + 1, n)) {
			struct strbuf known = STRBUF_INIT;
			char *names;

			for (i = 0; k->has[i] != NULL; i++)
				sb_printf(&known, "%s{%s}", i > 0 ? ", " : "", k->has[i]);
			names = sb_take(&known);
			*err = xasprintf(_("%s:%u: {%.*s} is not a value of %s messages; use one of %s"), path, line,
					 (int)n, p + 1, k->name, names);
			free(names);
			return -1;
		}
	}
	for (i = 0; k->needs[i] != NULL; i++) {
		char *want = xasprintf("{%s}", k->needs[i]);

		used = strstr(text, want) != NULL;
		free(want);
		if (!used) {
			*err = xasprintf(_("%s: never says {%s}; a %s message must give it"), path, k->needs[i],
					 k->name);
			return -1;
		}
	}
	p = text + 8;
	while (*p == ' ')
		p++;
	subj_len = (size_t)(nl - p);
	if (subj_len > 0 && p[subj_len - 1] == '\r')
		subj_len--;
	if (subj_len == 0) {
		*err = xasprintf(_("%s:1: the subject is empty"), path);
		return -1;
	}
	*subject = xstrndup(p, subj_len);
	/* No line break may come from a file into a header. */
	*body = xstrdup(nl + 2);
	n = strlen(*body);
	while (n > 0 && ((*body)[n - 1] == '\n' || (*body)[n - 1] == '\r'))
		(*body)[--n] = '\0';
	return 0;
}

static char *pick_path(const char *installed, const char *override, const char *lang, const char *kind)
{
	struct stat st;
	char *path;

	if (override != NULL) {
		path = xasprintf("%s/%s/%s.txt", override, lang, kind);
		if (stat(path, &st) == 0)
			return path;
		free(path);
	}
	return xasprintf("%s/%s/%s.txt", installed, lang, kind);
}

int mail_templates_load(const char *installed, const char *override, struct mail_templates **out,
			char **err)
{
	struct mail_templates *t = xcalloc(1, sizeof *t);
	size_t k, l, len;
	char *path, *text;
	int rc;

	*out = NULL;
	for (k = 0; k < NKINDS; k++) {
		for (l = 0; l < NLANGS; l++) {
			path = pick_path(installed, override, mail_template_langs[l], kinds[k].name);
			text = read_file(path, &len, err);
			rc = text == NULL ? -1
					  : parse(&kinds[k], path, text, len, &t->subject[k][l], &t->body[k][l], err);
			free(text);
			free(path);
			if (rc < 0) {
				mail_templates_free(t);
				return -1;
			}
		}
	}
	*out = t;
	return 0;
}

void mail_templates_free(struct mail_templates *t)
{
	size_t k, l;

	if (t == NULL)
		return;
	for (k = 0; k < NKINDS; k++)
		for (l = 0; l < NLANGS; l++) {
			free(t->subject[k][l]);
			free(t->body[k][l]);
		}
	free(t);
}

static const char *value_of(const struct mail_var *vars, size_t nvars, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < nvars; i++)
		if (strlen(vars[i].name) == n && strncmp(vars[i].name, name, n) == 0)
			return vars[i].value;
	return NULL;
}

static int fill(const char *text, const struct mail_var *vars, size_t nvars, int one_line, char **out,
		char **err)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p, *v;
	size_t n;

	for (p = text; *p != '\0'; p++) {
		if (!var_at(p, &n)) {
			sb_putc(&sb, *p);
			continue;
		}
		v = value_of(vars, nvars, p + 1, n);
		if (v == NULL) {
			*err = xasprintf(_("the message has no value for {%.*s}"), (int)n, p + 1);
			sb_free(&sb);
			return -1;
		}
		for (; *v != '\0'; v++)
			sb_putc(&sb, one_line && (*v == '\n' || *v == '\r') ? ' ' : *v);
		p += n + 1;
	}
	*out = sb_take(&sb);
	return 0;
}

int mail_template_render(const struct mail_templates *t, const char *lang, const char *kind,
			 const struct mail_var *vars, size_t nvars, char **subject, char **body, char **err)
{
	size_t k, l;

	*subject = *body = NULL;
	for (k = 0; k < NKINDS && strcmp(kinds[k].name, kind) != 0; k++)
		;
	for (l = 0; l < NLANGS && strcmp(mail_template_langs[l], lang) != 0; l++)
		;
	if (k == NKINDS || l == NLANGS) {
		*err = xasprintf(_("there is no %s template in language %s"), kind, lang);
		return -1;
	}
	if (fill(t->subject[k][l], vars, nvars, 1, subject, err) < 0)
		return -1;
	if (fill(t->body[k][l], vars, nvars, 0, body, err) < 0) {
		free(*subject);
		*subject = NULL;
		return -1;
	}
	return 0;
}

int mail_template_render_json(const struct mail_templates *t, const char *lang, const char *kind,
			      const char *vars_json, char **subject, char **body, char **err)
{
	json_error_t jerr;
	json_t *root = json_loads(vars_json, 0, &jerr), *v;
	struct mail_var *vars;
	char **texts;
	const char *key;
	size_t n = 0, i;
	int rc;

	*subject = *body = NULL;
	if (!json_is_object(root)) {
		*err = xasprintf(_("the message's values are not a JSON object: %s"), jerr.text);
		json_decref(root);
		return -1;
	}
	vars = xcalloc(json_object_size(root) + 1, sizeof *vars);
	texts = xcalloc(json_object_size(root) + 1, sizeof *texts);
	json_object_foreach(root, key, v) {
		if (json_is_string(v))
			texts[n] = xstrdup(json_string_value(v));
		else if (json_is_integer(v))
			texts[n] = xasprintf("%lld", (long long)json_integer_value(v));
		else if (json_is_real(v))
			texts[n] = xasprintf("%g", json_real_value(v));
		else
			continue; /* null: no value, which the template may not need */
		vars[n].name = key;
		vars[n].value = texts[n];
		n++;
	}
	rc = mail_template_render(t, lang, kind, vars, n, subject, body, err);
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(vars);
	json_decref(root);
	return rc;
}
