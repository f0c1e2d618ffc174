#ifndef BACKDESK_MAIL_TEMPLATE_H
#define BACKDESK_MAIL_TEMPLATE_H
/* The customer messages written as files, one per kind and language:
 * DIR/LANG/KIND.txt, a "Subject: ..." line, a blank line, the body; {name} is a
 * value the database gives with the outbox row (its vars).  Loaded once, when a
 * sender starts, and checked then: a file missing for a language, a variable the
 * kind does not have, one the kind requires but the file never uses, bad UTF-8 or
 * no Subject line refuse the whole set with FILE:LINE and what to do, so a
 * mistake is found before a customer gets half a message.
 *
 * A file in the override folder ([mail] templates) replaces the installed one of
 * the same language and kind; the others stay. */
#include <stddef.h>

struct mail_templates;

struct mail_var {
	const char *name, *value;
};

/* The languages and kinds there are files for; NULL-terminated. */
extern const char *const mail_template_langs[];
extern const char *const mail_template_kinds[];

/* Loads every language's file of every kind.  installed: the folder make install
 * fills; override: [mail] templates or NULL.  Returns 0, or -1 with *err set
 * (caller frees); *out is NULL then. */
int mail_templates_load(const char *installed, const char *override,
			struct mail_templates **out, char **err);
void mail_templates_free(struct mail_templates *t);

/* The values kind's files may use (what the database writes in its vars),
 * NULL-terminated; NULL for a kind without files. */
const char *const *mail_template_vars(const char *kind);

/* Whether kind is one of the template kinds (a row with vars must be). */
int mail_template_kind_known(const char *kind);

/* Renders kind in lang with vars.  Returns 0 with *subject and *body (caller frees),
 * or -1 with *err (a kind or language without a file, a value missing). */
int mail_template_render(const struct mail_templates *t, const char *lang, const char *kind,
			 const struct mail_var *vars, size_t nvars,
			 char **subject, char **body, char **err);

/* The same with vars as the outbox row holds them: a JSON object of strings
 * (numbers are written as they are). */
int mail_template_render_json(const struct mail_templates *t, const char *lang, const char *kind,
			      const char *vars_json, char **subject, char **body, char **err);

#endif
