#include "app/reads.h"

#include <stdlib.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/params.h"
#include "views/views.h"

struct dash_reads {
	struct tui_ui *ui;
	struct db_session *db;
	enum db_state said; /* the last state the message line told of */
};

static void on_state(enum db_state state, const char *message, void *arg)
{
	struct dash_reads *r = arg;

	switch (state) {
	case DB_READY:
		views_reads_set(r->db);
		if (r->said == DB_LOST)
			tui_ui_message(r->ui, TUI_MSG_INFO,
				       _("the dashboard's replica is back; the dashboard reads from it again"));
		break;
	case DB_LOST:
		views_reads_set(NULL);
		if (r->said != DB_LOST)
			tui_ui_message(r->ui, TUI_MSG_WARNING,
				       _("the dashboard's replica cannot be reached (%s); the dashboard "
					 "reads from the primary until it is back"),
				       message != NULL ? message : _("no answer"));
		break;
	case DB_FAILED:
		views_reads_set(NULL);
		tui_ui_message(r->ui, TUI_MSG_ERROR,
			       _("the dashboard's replica refused the connection (%s); the dashboard "
				 "reads from the primary: check [database] dashboard_dsn"),
			       message != NULL ? message : _("no reason given"));
		break;
	case DB_CONNECTING:
		return;
	}
	r->said = state;
}

static void on_notify(const char *channel, const char *payload, void *arg)
{
	(void)channel;
	(void)payload;
	(void)arg;
}

struct dash_reads *dash_reads_start(struct tui_ui *ui, const struct db_io *io,
				    const char *const *keys, const char *const *vals,
				    const char *dsn)
{
	struct db_session_events ev = { on_state, on_notify, NULL };
	struct dash_reads *r;
	const char **k, **v;
	char **rk = NULL, **rv = NULL, *err = NULL;
	size_t n = 0;
	int rc;

	while (keys[n] != NULL)
		n++;
	/* Its own name after the work connection's (libpq takes the last of a key),
	 * so a replica's pg_stat_activity tells the dashboard's reads apart; one in
	 * dashboard_dsn, applied after, still wins. */
	k = xcalloc(n + 2, sizeof *k);
	v = xcalloc(n + 2, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		k[i] = keys[i];
		v[i] = vals[i];
	}
	k[n] = "application_name";
	v[n] = "backdesk dashboard";
	rc = db_params_over(k, v, dsn, "dashboard_dsn", &rk, &rv, &err);
	free(k);
	free(v);
	if (rc < 0) {
		tui_ui_message(ui, TUI_MSG_ERROR, _("%s; the dashboard reads from the primary"), err);
		free(err);
		return NULL;
	}
	r = xcalloc(1, sizeof *r);
	r->ui = ui;
	r->said = DB_CONNECTING;
	ev.arg = r;
	r->db = db_session_new_split(io, (const char *const *)rk, (const char *const *)rv, NULL, &ev);
	db_params_free(rk, rv);
	return r;
}

bool dash_reads_busy(const struct dash_reads *r)
{
	return r != NULL && db_session_busy(r->db);
}

void dash_reads_stop(struct dash_reads *r)
{
	if (r == NULL)
		return;
	views_reads_set(NULL);
	db_session_free(r->db);
	free(r);
}
