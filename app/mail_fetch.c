/* The glue of one fetch: IMAP (mail/imap.c) hands over a mail, the parser
 * (mail/mime_in.c) reads it, the database (api.receive_mail) stores it, and only
 * then is it marked \Seen.  Here, because it is the one place that may use both
 * mail/ and db/. */
#include "app/mail_fetch.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "config/config.h"
#include "db/mail.h"
#include "mail/imap.h"
#include "mail/mime_in.h"

struct run {
	PGconn *c;
	FILE *log;
	struct mail_fetch_result *res;
	atomic_int *stop;
	long crash_after;  /* test hook, see below */
};

int mail_fetch_ready(const struct config *cfg, const char **why)
{
	if (cfg->imap_url == NULL || cfg->imap_user == NULL || cfg->imap_password_file == NULL) {
		*why = _("fetching mail is not set up: set imap_url, imap_user and imap_password_file in [mail]");
		return 0;
	}
	return 1;
}

static int one_mail(void *arg, unsigned long uid, const char *raw, size_t len, int truncated)
{
	struct run *r = arg;
	struct mime_mail m;
	struct db_mail_outcome o;
	const char *why;
	char *doc, *err = NULL;

	mime_parse(raw, len, &m);
	doc = mime_mail_doc(&m, &why);
	if (doc == NULL) {
		/* Nobody to answer and nothing to thread on: leaving it unseen would only
		 * fail again every time.  It stays in the mailbox. */
		if (r->log)
			(void)fprintf(r->log, _("mail %lu: skipped, %s; it stays in the mailbox, marked seen\n"), uid,
				      why);
		r->res->skipped++;
		mime_mail_free(&m);
		return 0;
	}
	if (db_receive_mail(r->c, doc, &o, &err) < 0) {
		if (r->log)
			(void)fprintf(r->log, _("mail %lu %s: not stored, left unseen for next time: %s\n"), uid,
				      m.message_id, err);
		free(err);
		free(doc);
		mime_mail_free(&m);
		if (PQstatus(r->c) != CONNECTION_OK && r->stop)
			*r->stop = 1;
		return -1;
	}
	free(doc);
	/* Test hook (tests/shell/mail_fetch.t): die the hardest way right after the
	 * commit and before the \Seen, the window a crash must not double a mail in. */
	if (r->crash_after > 0 && (long)(r->res->stored + r->res->failed + 1) >= r->crash_after)
		(void)raise(SIGKILL);
	if (o.duplicate)
		r->res->duplicates++;
	else if (!strcmp(o.outcome, "new_ticket"))
		r->res->new_tickets++;
	else if (!strcmp(o.outcome, "reply"))
		r->res->replies++;
	else if (!strcmp(o.outcome, "ignored"))
		r->res->ignored++;
	else
		r->res->machine++;
	if (r->log) {
		const char *what = !strcmp(o.outcome, "new_ticket") ? _("new ticket")
				   : !strcmp(o.outcome, "reply")     ? _("reply on")
				   : !strcmp(o.outcome, "auto_reply") ? _("auto-reply noted on")
				   : !strcmp(o.outcome, "bounce")    ? _("bounce noted on")
								      : _("ignored (an auto-reply or bounce about no ticket)");
		(void)fprintf(r->log, "mail %lu %s: %s%s%s%s%s\n", uid, m.message_id, what, o.ticket[0] ? " " : "",
			      o.ticket, o.duplicate ? _(" (already there: nothing added)") : "",
			      truncated || m.body_cut ? _(" (cut to size)") : "");
	}
	mime_mail_free(&m);
	return 0;
}

int mail_fetch_once(const struct config *cfg, PGconn *c, unsigned long limit, atomic_int *stop,
		    FILE *log, struct mail_fetch_result *res)
{
	atomic_int own_stop = 0;
	struct imap_account a = { .url = cfg->imap_url, .user = cfg->imap_user, .stop = stop ? stop : &own_stop };
	/* A lost database connection stops the fetch: every later mail would fail too. */
	struct run r = { .c = c, .log = log, .res = res, .stop = a.stop };
	struct imap_counts counts;
	char *password = NULL, *err = NULL;
	const char *why, *hook = getenv("BACKDESK_TEST_MAIL_CRASH_AFTER");
	int rc;

	memset(res, 0, sizeof *res);
	if (!mail_fetch_ready(cfg, &why)) {
		res->error = xstrdup(why);
		return -1;
	}
	if (hook)
		r.crash_after = strtol(hook, NULL, 10);
	if (config_read_secret(cfg->imap_password_file, &password, &err) < 0) {
		res->error = err;
		return -1;
	}
	a.password = password;
	rc = imap_fetch_new(&a, limit, one_mail, &r, &counts, &err);
	free_secret(password);
	res->unseen = counts.unseen;
	res->stored = counts.stored;
	res->failed = counts.failed;
	if (rc < 0) {
		res->error = err;
		return -1;
	}
	return res->failed > 0 ? -1 : 0;
}
