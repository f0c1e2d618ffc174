/* The console: one loop, one ui, one database session, and the panes.
 *
 * The app owns the glue the lower layers must not know about each other: it lends
 * the tui's loop to db/session (struct db_io), turns connection states into the
 * status line, api.whoami() into capabilities, and NOTIFY into live panes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/customer.h"
#include "db/lookup.h"
#include "db/migrate.h"
#include "db/session.h"
#include "tui/tui.h"
#include "views/call.h"
#include "views/views.h"

/* A burst of NOTIFYs (an import, a colleague's bulk change) reloads once. */
#define NOTIFY_DEBOUNCE_MS 250
/* A query running longer than this shows the spinner (and Esc can cancel it). */
#define SPINNER_AFTER_MS 150

struct console {
	struct tui_loop *loop;
	struct tui_ui *ui;
	struct db_session *db;
	int st_who, st_db, st_conn, st_work;
	bool ever_ready;
	bool spinning;
	unsigned long spin_timer;
	char *pending[8];
	size_t npending;
	unsigned long notify_timer;
};

/* struct db_io over the tui loop: the callback types and event bits are the same. */
static int io_watch(void *ctx, int fd, int events, db_fd_fn cb, void *arg)
{
	return tui_loop_watch(ctx, fd, events, cb, arg);
}

static unsigned long io_timer(void *ctx, long ms, db_timer_fn cb, void *arg)
{
	/* db/'s timers are the heartbeat and the reconnect's back-off: never work. */
	return tui_loop_bg_timer(ctx, ms, cb, arg);
}

static void io_cancel_timer(void *ctx, unsigned long id)
{
	tui_loop_remove(ctx, id);
}

static void on_whoami(const PGresult *res, const char *error, void *arg)
{
	struct console *c = arg;
	struct tui_status *st = tui_ui_status(c->ui);
	const char *role;
	char *who;
	int version;

	if (error != NULL) {
		/* No api schema at all: a database nobody migrated. */
		tui_ui_message(c->ui, TUI_MSG_ERROR,
			       _("this database has no backdesk schema (%s); run 'backdesk migrate'"), error);
		tui_status_set(st, c->st_who, _("no backdesk schema"), TUI_ATTR_STATUS_ALERT);
		tui_ui_set_caps(c->ui, 0);
		return;
	}
	role = PQgetvalue(res, 0, 2);
	who = xasprintf("%s (%s)", PQgetvalue(res, 0, 1), role);
	tui_status_set(st, c->st_who, who, TUI_ATTR_STATUS);
	free(who);
	tui_ui_set_caps(c->ui, views_caps_for_role(role));
	if (strcmp(role, "none") == 0 || strcmp(role, "shop") == 0)
		tui_ui_message(c->ui, TUI_MSG_ERROR,
			       _("%s is in no backdesk staff group: ask an administrator to run "
				 "'backdesk staff add'"),
			       PQgetvalue(res, 0, 0));
	version = atoi(PQgetvalue(res, 0, 3));
	if (version > migrate_latest())
		tui_ui_message(c->ui, TUI_MSG_ERROR,
			       _("the database's schema (version %d) is newer than this program knows "
				 "(%d): install a newer backdesk"),
			       version, migrate_latest());
	else if (version < migrate_latest())
		tui_ui_message(c->ui, TUI_MSG_WARNING,
			       _("the database's schema (version %d) is older than this program (%d): "
				 "run 'backdesk migrate'"),
			       version, migrate_latest());
}

static void on_state(enum db_state state, const char *message, void *arg)
{
	struct console *c = arg;
	struct tui_status *st = tui_ui_status(c->ui);
	char *text;

	switch (state) {
	case DB_CONNECTING:
		tui_status_set(st, c->st_conn, _("connecting…"), TUI_ATTR_STATUS);
		break;
	case DB_READY:
		tui_status_set(st, c->st_conn, _("connected"), TUI_ATTR_STATUS);
		tui_status_set(st, c->st_db, db_session_dbname(c->db), TUI_ATTR_STATUS);
		(void)db_session_query(c->db,
				       "SELECT w.login, w.full_name, w.role, "
				       "(SELECT coalesce(max(version), 0) FROM backdesk.schema_migrations) "
				       "FROM api.whoami() w",
				       0, NULL, DB_Q_READ, on_whoami, c);
		if (c->ever_ready) {
			tui_ui_message(c->ui, TUI_MSG_SUCCESS, "%s", _("connected again"));
			views_notify_all();
		}
		c->ever_ready = true;
		break;
	case DB_LOST:
		tui_status_set(st, c->st_conn, _("DISCONNECTED · reconnecting"), TUI_ATTR_STATUS_ALERT);
		text = xasprintf(_("lost the database: %s. Reconnecting; what you typed is kept."),
				 message != NULL ? message : "");
		tui_ui_message(c->ui, TUI_MSG_ERROR, "%s", text);
		free(text);
		break;
	}
	tui_ui_dirty(c->ui);
}

/* A change whose screen was closed before the database answered: the user still
 * learns whether it was made. */
static void on_detached(const char *what, enum db_outcome outcome, const char *error, void *arg)
{
	struct console *c = arg;

	switch (outcome) {
	case DB_APPLIED:
		tui_ui_message(c->ui, TUI_MSG_SUCCESS, _("%s was applied"), what);
		break;
	case DB_NOT_APPLIED:
		tui_ui_message(c->ui, TUI_MSG_ERROR, _("%s was not applied: %s"), what, error);
		break;
	case DB_UNKNOWN:
		tui_ui_message(c->ui, TUI_MSG_ERROR, _("%s: %s"), what, error);
		break;
	}
	tui_ui_dirty(c->ui);
}

static void flush_notifies(void *arg)
{
	struct console *c = arg;

	c->notify_timer = 0;
	for (size_t i = 0; i < c->npending; i++) {
		views_notify(c->pending[i]);
		free(c->pending[i]);
	}
	c->npending = 0;
	tui_ui_dirty(c->ui);
}

static void on_notify(const char *channel, const char *payload, void *arg)
{
	struct console *c = arg;

	(void)payload;
	for (size_t i = 0; i < c->npending; i++)
		if (strcmp(c->pending[i], channel) == 0)
			return;
	if (c->npending < sizeof c->pending / sizeof c->pending[0])
		c->pending[c->npending++] = xstrdup(channel);
	if (c->notify_timer == 0)
		c->notify_timer = tui_loop_timer(c->loop, NOTIFY_DEBOUNCE_MS, flush_notifies, c);
}

static void watch_work(void *arg);

static void spinner_due(void *arg)
{
	((struct console *)arg)->spin_timer = 0;
	watch_work(arg);
}

/* Before every sleep: a query running past SPINNER_AFTER_MS shows the spinner;
 * until then, one timer for the moment it would.  No polling while idle. */
static void watch_work(void *arg)
{
	struct console *c = arg;
	long ms = db_session_running_ms(c->db);
	bool spin = ms > SPINNER_AFTER_MS;

	if (ms >= 0 && !spin && c->spin_timer == 0)
		c->spin_timer = tui_loop_bg_timer(c->loop, SPINNER_AFTER_MS - ms + 1, spinner_due, c);
	if (spin == c->spinning)
		return;
	c->spinning = spin;
	tui_status_set(tui_ui_status(c->ui), c->st_work, spin ? _("working · Esc cancels") : NULL,
		       TUI_ATTR_STATUS);
	tui_status_spinner(tui_ui_status(c->ui), c->st_work, spin);
	/* This hook runs after the ui's own drawing: draw the change now, not at the
	 * next wake-up. */
	tui_ui_dirty(c->ui);
	tui_ui_render(c->ui);
}

/* The test mode's question (BACKDESK_TEST_EVENTS): the notify debounce is a timer
 * the ui sees; the database is ours to answer for. */
static const char *busy(void *arg)
{
	return db_session_busy(((struct console *)arg)->db) ? "database" : NULL;
}

static unsigned on_request(struct tui_ui *ui, int request, void *arg)
{
	struct console *c = arg;

	if (request == TUI_REQ_BACK && db_session_interrupt(c->db)) {
		/* Esc on a screen still loading means "not this one": go back as well,
		 * and the closed screen drops its cancelled load.  On a tab's own list
		 * there is nowhere to go, so only the query stops. */
		if (tui_ui_can_go_back(ui))
			return TUI_IGNORED;
		tui_ui_message(ui, TUI_MSG_WARNING, "%s", _("cancelled; F5 loads it again"));
		return TUI_HANDLED;
	}
	if (request == TUI_REQ_LOOKUP) {
		lookup_open(ui, c->db, NULL);
		return TUI_HANDLED;
	}
	return TUI_IGNORED;
}

/* :order NUMBER, once the number is found. */
static void on_order_number(const PGresult *res, const char *error, void *arg)
{
	struct console *c = arg;

	if (error != NULL)
		tui_ui_message(c->ui, TUI_MSG_ERROR, "%s", error);
	else if (PQntuples(res) == 0)
		tui_ui_message(c->ui, TUI_MSG_ERROR, "%s", _("no order with that number"));
	else
		tui_ui_push(c->ui, order_view_new(c->db, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1)));
	tui_ui_dirty(c->ui);
}

/* "find", "find TEXT": the argument after a command word, or NULL when the line
 * is another command. */
static const char *argument(const char *line, const char *cmd)
{
	size_t n = strlen(cmd);

	if (strncmp(line, cmd, n) != 0 || (line[n] != '\0' && line[n] != ' '))
		return NULL;
	line += n;
	while (*line == ' ')
		line++;
	return line;
}

static void on_command(struct tui_ui *ui, const char *line, void *arg)
{
	struct console *c = arg;
	const char *a;

	while (*line == ' ')
		line++;
	if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0)
		tui_ui_request(ui, TUI_REQ_QUIT);
	else if (strcmp(line, "help") == 0)
		tui_ui_help(ui);
	else if ((a = argument(line, "find")) != NULL)
		lookup_open(ui, c->db, a);
	else if ((a = argument(line, "customer")) != NULL && a[0] != '\0' &&
		 strspn(a, "0123456789") == strlen(a) && strlen(a) < 19)
		tui_ui_push(ui, customer_view_new(c->db, a, NULL));
	else if ((a = argument(line, "customer")) != NULL)
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("usage: :customer ID (a number; g looks customers up by name)"));
	else if ((a = argument(line, "order")) != NULL && a[0] != '\0')
		(void)db_lookup_order(c->db, a, on_order_number, c);
	else if ((a = argument(line, "order")) != NULL)
		tui_ui_message(ui, TUI_MSG_ERROR, "%s", _("usage: :order NUMBER"));
	else if (*line != '\0')
		tui_ui_message(ui, TUI_MSG_ERROR, _("unknown command '%s': try :help or :quit"), line);
}

static void connection_params(const struct app *app, const char **keys, const char **vals)
{
	int n = 0;
	const char *dsn = app->cli->dsn != NULL ? app->cli->dsn : app->cfg->dsn;

	if (app->cfg->service != NULL) {
		keys[n] = "service";
		vals[n++] = app->cfg->service;
	}
	if (dsn != NULL) {
		keys[n] = "dbname";
		vals[n++] = dsn;
	}
	keys[n] = "application_name";
	vals[n++] = "backdesk";
	/* A server behind a dead network still answers TCP keepalives slowly; the
	 * session's own heartbeat notices sooner, these only help libpq's socket. */
	keys[n] = "keepalives_idle";
	vals[n++] = "5";
	keys[n] = NULL;
	vals[n] = NULL;
}

int cmd_console(const struct app *app)
{
	struct console c = { 0 };
	struct tui_screen_opts opts = { 0 };
	const struct tui_ui_hooks hooks = { on_request, on_command, NULL, &c };
	const struct db_io io = { NULL, io_watch, io_timer, io_cancel_timer };
	const struct db_session_events ev = { on_state, on_notify, &c };
	struct db_io lent = io;
	const char *keys[6], *vals[6];
	struct tui_status *st;
	char *err = NULL;
	int rc;

	opts.theme = app->cfg->theme == THEME_MONOCHROME ? TUI_THEME_MONOCHROME
		   : app->cfg->theme == THEME_HIGH_CONTRAST ? TUI_THEME_HIGH_CONTRAST
							     : TUI_THEME_DEFAULT;
	opts.mouse = app->cfg->mouse;

	c.loop = tui_loop_new();
	c.ui = tui_ui_new(c.loop, &hooks);
	if (tui_ui_start(c.ui, &opts, &err) < 0) {
		(void)fprintf(stderr, "backdesk: %s\n", err);
		(void)fprintf(stderr, _("The console needs a terminal; the commands work without one "
					"(see 'backdesk --help').\n"));
		free(err);
		tui_ui_free(c.ui);
		tui_loop_free(c.loop);
		return EXIT_REFUSED;
	}

	st = tui_ui_status(c.ui);
	c.st_who = tui_status_add(st, TUI_SIDE_LEFT);
	c.st_db = tui_status_add(st, TUI_SIDE_LEFT);
	c.st_work = tui_status_add(st, TUI_SIDE_RIGHT);
	c.st_conn = tui_status_add(st, TUI_SIDE_RIGHT);
	tui_status_set(st, c.st_conn, _("connecting…"), TUI_ATTR_STATUS);

	lent.ctx = c.loop;
	connection_params(app, keys, vals);
	c.db = db_session_new(&lent, keys, vals, &ev);
	db_session_on_detached(c.db, on_detached);
	db_session_listen(c.db, "backdesk_orders");
	/* The customer screen also shows tickets, returns, refunds and notes. */
	for (size_t i = 0; db_customer_channels[i] != NULL; i++)
		db_session_listen(c.db, db_customer_channels[i]);
	/* Until whoami answers, nobody may do anything but look. */
	tui_ui_set_caps(c.ui, 0);

	(void)tui_ui_add_tab(c.ui, _("Orders"), orders_view_new(c.db));
	(void)tui_loop_idle(c.loop, watch_work, &c);
	tui_ui_test_events(c.ui, getenv("BACKDESK_TEST_EVENTS"), busy, &c);

	rc = tui_loop_run(c.loop);

	/* The call's form and panes first (they cancel their queries), then the
	 * session, then the loop. */
	call_free();
	tui_ui_free(c.ui);
	db_session_free(c.db);
	for (size_t i = 0; i < c.npending; i++)
		free(c.pending[i]);
	tui_loop_free(c.loop);
	return rc;
}
