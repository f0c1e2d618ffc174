/* The console: one loop, one ui, one database session, and the panes.
 *
 * The app owns the glue the lower layers must not know about each other: it lends
 * the tui's loop to db/session (struct db_io), turns connection states into the
 * status line, api.whoami() into capabilities, and NOTIFY into live panes.  The
 * screens, their tabs and their :commands come from views/registry.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"
#include "app/lost.h"
#include "app/outbox_bg.h"
#include "app/outbox_send.h"
#include "app/mail_service.h"
#include "app/reads.h"
#include "app/say.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/migrate.h"
#include "db/session.h"
#include "db/whoami.h"
#include "tui/tui.h"
#include "views/call.h"
#include "views/choices.h"
#include "views/presence.h"
#include "views/registry.h"
#include "views/tracking.h"
#include "views/views.h"

/* A burst of NOTIFYs (an import, a colleague's bulk change) reloads once. */
#define NOTIFY_DEBOUNCE_MS 250
/* The longest the first frame waits for the first page (tui_ui_hold): about what
 * the first page takes on a warm server, well under what a person notices. */
#define START_HOLD_MS 100
/* A query running longer than this shows the spinner (and Esc can cancel it). */
#define SPINNER_AFTER_MS 150
/* On quitting, the closed screens' last words (presence "left", the time spent
 * not yet added, changes detached) are queued on the session, which would drop
 * them: it gets this long to send them, only when there are some and it is
 * connected. */
#define QUIT_DRAIN_MS 300

struct console {
	struct tui_loop *loop;
	struct tui_ui *ui;
	struct db_session *db;
	struct views_shell *shell; /* tabs and :commands, from views/registry.c */
	struct views_live_queue *live;
	int st_who, st_db, st_conn, st_work, st_track, st_mail;
	bool ever_ready;
	bool reached; /* at the start, the server answered after "cannot reach" */
	struct lost_said lost; /* what the last failed reconnects said */
	bool spinning;
	unsigned long spin_timer, idle_id;
	char *failed; /* DB_FAILED: why; said on stderr once the terminal is back */
	/* The dashboard's replica ([database] dashboard_dsn): made when a role that
	 * sees the dashboard logs in, with the work connection's settings. */
	const char *dashboard_dsn;
	struct db_io io;
	const char *keys[6], *vals[6];
	struct dash_reads *reads;
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
	role = PQgetvalue(res, 0, WHOAMI_COL_ROLE);
	who = xasprintf("%s (%s)", PQgetvalue(res, 0, WHOAMI_COL_NAME), role);
	tui_status_set(st, c->st_who, who, TUI_ATTR_STATUS);
	free(who);
	tui_ui_set_caps(c->ui, views_caps_for_role(role));
	if ((views_caps_for_role(role) & CAP_DASHBOARD) && c->dashboard_dsn != NULL && c->reads == NULL)
		c->reads = dash_reads_start(c->ui, &c->io, c->keys, c->vals, c->dashboard_dsn);
	/* The tabs only some roles see. */
	views_shell_tabs(c->shell);
	if (strcmp(role, "none") == 0 || strcmp(role, "shop") == 0)
		tui_ui_message(c->ui, TUI_MSG_ERROR,
			       _("%s is in no backdesk staff group: ask an administrator to run "
				 "'backdesk staff add'"),
			       PQgetvalue(res, 0, WHOAMI_COL_LOGIN));
	version = atoi(PQgetvalue(res, 0, WHOAMI_COL_VERSION));
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

/* The database's migration history against the program's (the version alone is
 * on_whoami's): a database migrated from other texts of the migrations is said
 * loudly, as a newer one is; `backdesk migrate` refuses it. */
static void on_history(const PGresult *res, const char *error, void *arg)
{
	struct console *c = arg;
	struct migrate_check chk;
	char *why;

	if (error != NULL)
		return; /* no schema at all: on_whoami says so */
	migrate_check_rows(res, &chk);
	if (chk.state != MIGRATE_DIFFERS)
		return;
	why = migrate_check_message(&chk);
	tui_ui_message(c->ui, TUI_MSG_ERROR, "%s", why);
	free(why);
}

/* What the console asks after every connect.  Queued before the first connect,
 * they share one round trip with the first page (db/session.c's pipeline). */
/* The first frame waits for the first page, not for api.whoami: the first call
 * of a new backend reads the catalogs it needs (3 ms at 10M orders, as much again
 * as the page), and until it answers the screen is only looked at (no role, no
 * keys).  The status line and the role's tabs come a frame later. */
static void on_first_page(const PGresult *res, const char *error, void *arg)
{
	(void)res;
	(void)error;
	tui_ui_release(((struct console *)arg)->ui);
}

static void ask_after_connect(struct console *c)
{
	(void)db_whoami(c->db, on_whoami, c);
	(void)db_migrations_read(c->db, on_history, c);
	/* The forms' lists, once per connection: the database may have changed. */
	choices_load(c->db);
}

static void on_state(enum db_state state, const char *message, void *arg)
{
	struct console *c = arg;
	struct tui_status *st;
	char *text;

	if (c->ui == NULL)
		return; /* draining on the way out: nobody to tell */
	st = tui_ui_status(c->ui);
	if (state == DB_FAILED) {
		/* Retrying cannot fix a wrong login, database, option or host: say so and
		 * end; the reason goes to stderr once the terminal is back. */
		free(c->failed);
		c->failed = xstrdup(message != NULL ? message : "");
		tui_loop_quit(c->loop, EXIT_REFUSED);
		return;
	}
	switch (state) {
	case DB_CONNECTING:
		tui_status_set(st, c->st_conn, _("connecting…"), TUI_ATTR_STATUS);
		/* The server that could not be reached answers: its first page may be on
		 * the screen before "connected", and "cannot reach" must not stand
		 * beside it. */
		if (c->lost.last != NULL) {
			tui_ui_clear_message(c->ui);
			lost_reset(&c->lost);
			c->reached = true;
		}
		break;
	case DB_READY:
		tui_status_set(st, c->st_conn, _("connected"), TUI_ATTR_STATUS);
		tui_status_set(st, c->st_db, db_session_dbname(c->db), TUI_ATTR_STATUS);
		if (c->ever_ready) {
			ask_after_connect(c);
			/* What was said before is about the connection that went: only
			 * this stays (the rest is in the message log). */
			tui_ui_clear_message(c->ui);
			tui_ui_message(c->ui, TUI_MSG_SUCCESS, "%s", _("connected again"));
		} else if (c->lost.last != NULL || c->reached) {
			/* A server that was not there at the start is now: the
			 * "cannot reach" said meanwhile is over. */
			tui_ui_clear_message(c->ui);
			tui_ui_message(c->ui, TUI_MSG_SUCCESS, "%s", _("connected"));
		}
		c->ever_ready = true;
		c->reached = false;
		lost_reset(&c->lost);
		break;
	case DB_LOST:
		tui_status_set(st, c->st_conn, _("DISCONNECTED · reconnecting"), TUI_ATTR_STATUS_ALERT);
		/* Each failed retry reports again: a reason said is not said twice. */
		text = lost_message(&c->lost, message, c->ever_ready);
		if (text != NULL)
			tui_ui_message(c->ui, TUI_MSG_ERROR, "%s", text);
		free(text);
		break;
	case DB_FAILED:
		break;
	}
	tui_ui_dirty(c->ui);
}

/* The LISTENs are in place, at the start and after every reconnect: the panes read
 * before them (the first page, or everything before the connection went) read
 * again, so that a change committed in between is not missed. */
static void on_listening(void *arg)
{
	struct console *c = arg;

	if (c->ui != NULL)
		views_notify_all();
}

/* A change whose screen was closed before the database answered: the user still
 * learns whether it was made. */
static void on_warning(const char *message, void *arg)
{
	struct console *c = arg;

	if (c->ui == NULL)
		return;
	tui_ui_message(c->ui, TUI_MSG_WARNING, "%s", message);
	tui_ui_dirty(c->ui);
}

static void on_detached(const char *what, enum db_outcome outcome, const char *error, void *arg)
{
	struct console *c = arg;

	if (c->ui == NULL)
		return;
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

static void on_notify(const char *channel, const char *payload, void *arg)
{
	struct console *c = arg;
	bool changed;

	if (c->ui == NULL)
		return;
	/* Presence carries its news in the payload and reloads nothing: it goes to the
	 * ticket screens' trackers, not through the debounced reloads. */
	if (presence_dispatch(channel, payload, &changed)) {
		if (changed)
			tui_ui_dirty(c->ui);
		return;
	}
	views_live_queue_add(c->live, channel);
}

static void on_live_delivered(void *arg)
{
	if (((struct console *)arg)->ui != NULL)
		tui_ui_dirty(((struct console *)arg)->ui);
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
	const struct console *c = arg;

	return db_session_busy(c->db) || dash_reads_busy(c->reads) ? "database" : NULL;
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

/* What no pane holds but quitting would lose. */
static char *app_lost(struct tui_ui *ui, void *arg)
{
	(void)ui;
	(void)arg;
	return call_lost();
}

static void on_command(struct tui_ui *ui, const char *line, void *arg)
{
	(void)ui;
	views_shell_command(((struct console *)arg)->shell, line);
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

/* The terminal is back already; what the closed screens queued gets a short,
 * bounded moment to reach the server (QUIT_DRAIN_MS), instead of being dropped
 * by db_session_free.  Nothing queued, or no connection: no wait at all. */
static void drain(struct console *c)
{
	long long end = tui_loop_now() + QUIT_DRAIN_MS;

	while (db_session_state(c->db) == DB_READY && db_session_pending(c->db) > 0) {
		long long left = end - tui_loop_now();

		if (left <= 0 || tui_loop_once(c->loop, (long)left) < 0)
			break;
	}
}

/* The database refused the login for good: in plain words, with libpq's reason. */
static void say_failed(const char *why)
{
	(void)fprintf(stderr, _("backdesk: the database refused the connection, and trying again "
				"will not help:\n"));
	app_say_lines(stderr, "  %s\n", why);
	(void)fprintf(stderr, _("Check the login, the password, the database's name and the host "
				"([database] dsn in the config file, or PGHOST/PGDATABASE/PGUSER).\n"));
}

int cmd_console(const struct app *app)
{
	struct console c = { 0 };
	struct tui_screen_opts opts = { 0 };
	const struct tui_ui_hooks hooks = { on_request, on_command, NULL, &c, app_lost };
	const struct db_io io = { NULL, io_watch, io_timer, io_cancel_timer };
	const struct db_session_events ev = { on_state, on_notify, &c };
	const struct tui_help_more help_more = { views_registry_help, NULL };
	struct db_io lent = io;
	struct mail_service *mail;
	const char *events;
	struct tui_status *st;
	char *err = NULL;
	struct outbox_bg *outbox = NULL;
	int rc;

	opts.theme = app->cfg->theme == THEME_MONOCHROME ? TUI_THEME_MONOCHROME
		   : app->cfg->theme == THEME_HIGH_CONTRAST ? TUI_THEME_HIGH_CONTRAST
							     : TUI_THEME_DEFAULT;
	opts.mouse = app->cfg->mouse;
	scan_view_bell_default(app->cfg->scan_bell);

	c.loop = tui_loop_new();
	c.ui = tui_ui_new(c.loop, &hooks);
	st = tui_ui_status(c.ui);
	c.st_who = tui_status_add(st, TUI_SIDE_LEFT);
	c.st_db = tui_status_add(st, TUI_SIDE_LEFT);
	c.st_work = tui_status_add(st, TUI_SIDE_RIGHT);
	c.st_track = tui_status_add(st, TUI_SIDE_RIGHT);
	c.st_mail = tui_status_add(st, TUI_SIDE_RIGHT);
	c.st_conn = tui_status_add(st, TUI_SIDE_RIGHT);
	tui_status_set(st, c.st_conn, _("connecting…"), TUI_ATTR_STATUS);
	/* Until whoami answers, nobody may do anything but look. */
	tui_ui_set_caps(c.ui, 0);

	/* Both connections start first: their startup packets are on their way
	 * before the terminal is set up, so the server forks and authenticates while
	 * the frame is drawn.  The first page, who am I, the migration history and
	 * the lists are queued before either connection is up, so the work connection
	 * sends them together as soon as it is (one round trip), without waiting for
	 * the listen connection.  A login refused for good ends the loop: the screen
	 * goes and the reason is said on stderr (see the end). */
	lent.ctx = c.loop;
	c.io = lent;
	c.dashboard_dsn = app->cfg->dashboard_dsn;
	connection_params(app, c.keys, c.vals);
	c.db = db_session_new_split(&lent, c.keys, c.vals,
				    app->cli->listen_dsn != NULL ? app->cli->listen_dsn
								 : app->cfg->listen_dsn,
				    &ev);
	db_session_on_detached(c.db, on_detached);
	db_session_on_warning(c.db, on_warning);
	db_session_on_listening(c.db, on_listening);

	/* The frame at once, without waiting for the server. */
	if (tui_ui_start(c.ui, &opts, &err) < 0) {
		(void)fprintf(stderr, "backdesk: %s\n", err);
		(void)fprintf(stderr, _("The console needs a terminal; the commands work without one "
					"(see 'backdesk --help').\n"));
		free(err);
		lost_reset(&c.lost);
		free(c.failed);
		tui_ui_free(c.ui);
		db_session_free(c.db);
		tui_loop_free(c.loop);
		return EXIT_REFUSED;
	}
	/* The first frame waits a moment for the first page: one frame with the data
	 * instead of an empty one and then the data, each drawn and parsed by the
	 * terminal on the cores where the server is forking and logging in. */
	tui_ui_hold(c.ui, START_HOLD_MS);
	c.live = views_live_queue_new(c.loop, NOTIFY_DEBOUNCE_MS, on_live_delivered, &c);
	c.shell = views_shell_new(c.ui, c.db);
	views_shell_listen(c.shell);
	tui_ui_set_help_more(c.ui, &help_more);
	views_shell_tabs(c.shell);
	(void)db_session_after(c.db, on_first_page, &c);
	ask_after_connect(&c);
	/* The carriers, in this loop: a lookup never holds the screen. */
	tracking_start(c.loop, c.ui, c.db, app->cfg, c.st_track);
	outbox_view_setup(outbox_installed_templates(), app->cfg->mail_out.templates);
	/* The outbox, on a thread of its own, when this console is to send it. */
	if (app->cfg->mail_out.send) {
		outbox = outbox_bg_start(app->cfg, app->cli->dsn != NULL ? app->cli->dsn : app->cfg->dsn,
					 app->cfg->service, c.loop, c.ui, &err);
		if (outbox == NULL) {
			tui_ui_message(c.ui, TUI_MSG_ERROR, _("[mail] send = on, but this console cannot send: %s"), err);
			free(err);
			err = NULL;
		}
	}
	/* The support mailbox, on a thread of its own when [mail] fetch = on. */
	mail = mail_service_start(c.loop, c.ui, app, c.st_mail);
	c.idle_id = tui_loop_idle(c.loop, watch_work, &c);
	/* The test mode also waits for the echo of the console's own changes. */
	events = getenv("BACKDESK_TEST_EVENTS");
	if (events != NULL && events[0] != '\0') {
		db_session_sync_changes(c.db, true);
		tui_ui_test_events(c.ui, events, busy, &c);
	}

	rc = tui_loop_run(c.loop);

	/* The call's form and panes first (they cancel their queries), then the
	 * session (and the commands waiting for it), then the loop. */
	call_free();
	/* An export under way stops, its thread joined, before the screens go. */
	export_free();
	/* Before the screens and the session: answers being saved are detached. */
	tracking_stop();
	outbox_bg_stop(outbox);
	outbox_view_cleanup();
	mail_service_stop(mail);
	tui_ui_free(c.ui);
	c.ui = NULL;
	tui_loop_remove(c.loop, c.idle_id);
	if (c.spin_timer != 0)
		tui_loop_remove(c.loop, c.spin_timer);
	drain(&c);
	choices_free();
	/* Its readers (the dashboard panes) are gone with the ui. */
	dash_reads_stop(c.reads);
	db_session_free(c.db);
	views_shell_free(c.shell);
	views_live_queue_free(c.live);
	tui_loop_free(c.loop);
	lost_reset(&c.lost);
	/* Refused for good mid-session (a password changed): the terminal is back, the
	 * reason stays readable in it. */
	if (c.failed != NULL) {
		say_failed(c.failed);
		free(c.failed);
		rc = EXIT_REFUSED;
	}
	return rc;
}
