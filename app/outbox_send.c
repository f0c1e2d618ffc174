#include "app/outbox_send.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/outbox.h"
#include "mail/mime_out.h"
#include "mail/smtp.h"
#include "mail/template.h"

#ifndef MAILTEMPLATEDIR
#define MAILTEMPLATEDIR "/usr/local/share/backdesk/templates"
#endif

struct outbox_sender {
	struct smtp_sender *smtp;
	struct mail_templates *templates;
	char *from, *from_addr, *reply_to;
	int max_attempts;
};

const char *outbox_installed_templates(void)
{
	return MAILTEMPLATEDIR;
}

struct outbox_sender *outbox_sender_new(const struct config *cfg, char **err)
{
	struct outbox_sender *s;
	struct smtp_config sc = { 0 };
	char *password = NULL, *perr = NULL, *name = NULL, *addr = NULL;

	if (cfg->mail_out.smtp_url == NULL) {
		*err = xstrdup(_("[mail] smtp_url is not set; give the mail server, like smtps://mail.shop.example:465"));
		return NULL;
	}
	if (cfg->mail_out.from == NULL || mime_split_address(cfg->mail_out.from, &name, &addr) < 0) {
		*err = xstrdup(_("[mail] from is not set to an address; give it, like Shop Support <support@shop.example>"));
		return NULL;
	}
	free(name);
	if (cfg->mail_out.smtp_password_file != NULL &&
	    config_read_secret(cfg->mail_out.smtp_password_file, &password, &perr) < 0) {
		*err = xasprintf(_("[mail] smtp_password_file: %s"), perr);
		free(perr);
		free(addr);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->from = xstrdup(cfg->mail_out.from);
	s->from_addr = addr;
	s->reply_to = cfg->mail_out.reply_to != NULL ? xstrdup(cfg->mail_out.reply_to) : NULL;
	s->max_attempts = cfg->mail_out.max_attempts;
	if (mail_templates_load(MAILTEMPLATEDIR, cfg->mail_out.templates, &s->templates, err) < 0) {
		free_secret(password);
		outbox_sender_free(s);
		return NULL;
	}
	sc.url = cfg->mail_out.smtp_url;
	sc.user = cfg->mail_out.smtp_user;
	sc.password = password;
	s->smtp = smtp_sender_new(&sc, err);
	free_secret(password);
	if (s->smtp == NULL) {
		outbox_sender_free(s);
		return NULL;
	}
	return s;
}

void outbox_sender_set_abort(struct outbox_sender *s, const atomic_bool *flag)
{
	smtp_sender_set_abort(s->smtp, flag);
}

void outbox_sender_free(struct outbox_sender *s)
{
	if (s == NULL)
		return;
	smtp_sender_free(s->smtp);
	mail_templates_free(s->templates);
	free(s->from);
	free(s->from_addr);
	free(s->reply_to);
	free(s);
}

void outbox_round_free(struct outbox_round *r)
{
	free(r->last_error);
	r->last_error = NULL;
}

/* The message as it goes on the wire, or NULL with *why (never the server's
 * fault: the message itself is broken, so it is parked). */
static char *build(const struct outbox_sender *s, const struct db_outbox_msg *m, char **why)
{
	struct mime_message mm = { 0 };
	char *subject = NULL, *body = NULL, *out;
	const char **refs = NULL;
	json_t *arr = NULL;
	size_t i;

	if (m->vars != NULL) {
		if (mail_template_render_json(s->templates, m->lang, m->kind, m->vars, &subject, &body, why) < 0)
			return NULL;
	} else {
		subject = xstrdup(m->subject);
		body = xstrdup(m->body);
	}
	if (m->refs != NULL && (arr = json_loads(m->refs, 0, NULL)) != NULL && json_is_array(arr)) {
		refs = xcalloc(json_array_size(arr) + 1, sizeof *refs);
		for (i = 0; i < json_array_size(arr); i++)
			if (json_is_string(json_array_get(arr, i)))
				refs[mm.nrefs++] = json_string_value(json_array_get(arr, i));
	}
	mm.from = s->from;
	mm.reply_to = s->reply_to;
	mm.to = m->recipient;
	mm.subject = subject;
	mm.body = body;
	mm.message_id = m->message_id;
	mm.refs = refs;
	mm.date = time(NULL);
	out = mime_build(&mm, why);
	free(refs);
	json_decref(arr);
	free(subject);
	free(body);
	return out;
}

static void remember(struct outbox_round *r, char *why)
{
	free(r->last_error);
	r->last_error = why;
}

int outbox_send_round(struct outbox_sender *s, PGconn *c, int limit, int lease_seconds,
		      struct outbox_round *r, char **err)
{
	struct db_outbox_msg *msgs = NULL;
	enum smtp_outcome out;
	enum db_outbox_failure how;
	char *wire, *why = NULL;
	int n, i, parked;

	memset(r, 0, sizeof *r);
	n = db_outbox_claim(c, limit, lease_seconds, &msgs, err);
	if (n < 0)
		return -1;
	r->claimed = n;
	for (i = 0; i < n; i++) {
		const struct db_outbox_msg *m = &msgs[i];

		why = NULL;
		if (r->server_down) {
			/* Not tried: the server is down; give it back uncounted. */
			how = DB_OUTBOX_SERVER_DOWN;
			why = xstrdup(r->last_error);
		} else if ((wire = build(s, m, &why)) == NULL) {
			how = DB_OUTBOX_PERMANENT;
		} else {
			out = smtp_send(s->smtp, s->from_addr, m->recipient, wire, strlen(wire), &why);
			free(wire);
			if (out == SMTP_SENT) {
				if (db_outbox_mark_sent(c, m, err) < 0) {
					db_outbox_free(msgs, n);
					return -1;
				}
				r->sent++;
				continue;
			}
			how = out == SMTP_PERMANENT ? DB_OUTBOX_PERMANENT
						    : out == SMTP_BROKEN ? DB_OUTBOX_SERVER_DOWN : DB_OUTBOX_TEMPORARY;
			if (out == SMTP_BROKEN)
				r->server_down = 1;
		}
		parked = db_outbox_mark_failed(c, m, why, how, s->max_attempts, err);
		if (parked < 0) {
			free(why);
			db_outbox_free(msgs, n);
			return -1;
		}
		if (parked)
			r->parked++;
		else
			r->later++;
		remember(r, why);
	}
	db_outbox_free(msgs, n);
	return 0;
}
