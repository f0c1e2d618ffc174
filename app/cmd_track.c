/* `backdesk track --due`: for cron, or a shop without anybody's console open: asks
 * the carriers about every parcel the database says is due, writes each answer or
 * failure back, then lets the database propose the delay notices.
 * `backdesk track TRACKING_NO`: the same for one parcel, now, then its history.  The lookups run
 * through the same client as the console's, in a loop of the command's own; the
 * database writes are blocking, which only slows this command, never a screen. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/commands.h"
#include "app/say.h"
#include "carrier/client.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/tracking.h"
#include "tui/loop.h"
#include "views/tracking_setup.h"

struct run {
	PGconn *db;
	struct tui_loop *loop;
	struct carrier_client *client;
	size_t total, done, answered, changed, failed;
	long long new_events;
	char *db_error; /* the first write that failed */
	char *lookup_error; /* track TRACKING_NO: why the lookup failed */
	bool bar;
};

static int watch(void *l, int fd, int events, void (*fn)(int, int, void *), void *arg)
{
	return tui_loop_watch(l, fd, events, fn, arg);
}
static unsigned long timer(void *l, long ms, void (*fn)(void *), void *arg)
{
	return tui_loop_timer(l, ms, fn, arg);
}
static void cancel(void *l, unsigned long id)
{
	tui_loop_remove(l, id);
}

static void progress(const struct run *run)
{
	enum { WIDTH = 30 };
	size_t filled = run->total ? run->done * WIDTH / run->total : WIDTH;
	char bar[WIDTH + 1];

	if (!run->bar)
		return;
	for (size_t i = 0; i < WIDTH; i++)
		bar[i] = i < filled ? '#' : ' ';
	bar[WIDTH] = '\0';
	(void)fprintf(stderr, "\r[%s] %zu/%zu", bar, run->done, run->total);
	if (run->done == run->total)
		(void)fputc('\n', stderr);
	(void)fflush(stderr);
}

static void keep_db_error(struct run *run, char *err)
{
	if (run->db_error == NULL)
		run->db_error = err;
	else
		free(err);
}

static void on_done(const char *carrier, const char *number, const struct carrier_result *r,
		    void *arg)
{
	struct run *run = arg;
	char *err = NULL, *doc = NULL;
	int changed, new_events;

	(void)carrier;
	if (r->outcome == CARRIER_OK)
		doc = carrier_result_json(r);
	if (doc != NULL) {
		if (db_record_tracking(run->db, number, doc, &changed, &new_events, &err) == 0) {
			run->answered++;
			run->changed += changed != 0;
			run->new_events += new_events;
		} else {
			keep_db_error(run, err);
		}
		free(doc);
	} else {
		const char *why = r->outcome == CARRIER_OK || r->error == NULL || r->error[0] == '\0'
					  ? _("the lookup failed")
					  : r->error;
		run->failed++;
		if (run->lookup_error == NULL)
			run->lookup_error = xstrdup(why);
		if (db_record_tracking_failure(run->db, number, why, &err) != 0)
			keep_db_error(run, err);
	}
	run->done++;
	progress(run);
	if (carrier_client_pending(run->client) == 0)
		tui_loop_quit(run->loop, 0);
}

static const char *str(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v != NULL ? v : "";
}

/* The parcel as the database has it now: a heading, then the events newest first. */
static void print_parcel(const char *doc)
{
	json_t *d = json_loads(doc, 0, NULL);
	json_t *ev;
	size_t i;

	if (d == NULL)
		return;
	(void)printf("%s %s: %s", str(d, "carrier_name"), str(d, "tracking_no"), str(d, "status"));
	if (str(d, "carrier_text")[0] != '\0')
		(void)printf(" (%s)", str(d, "carrier_text"));
	(void)putchar('\n');
	json_array_foreach(json_object_get(d, "events"), i, ev)
		(void)printf("%-25s  %-20s  %-20s  %s\n", str(ev, "at"), str(ev, "status"),
			     str(ev, "location"), str(ev, "text"));
	json_decref(d);
}

static int track_one(const struct app *app, struct tracking_setup *setup)
{
	struct run run = { 0 };
	char *err = NULL, *doc = NULL, *carrier = NULL;
	const char *number = app->cli->track_number;
	int rc = EXIT_OK, found;

	run.db = app_connect(app);
	if (run.db == NULL)
		return EXIT_REFUSED;
	found = db_parcel_by_tracking(run.db, number, &doc, &err);
	if (found <= 0) {
		if (found < 0)
			app_say(stderr, "backdesk: %s\n", err);
		else
			app_say(stderr, "backdesk: %s\n", _("no parcel has this tracking number"));
		free(err);
		PQfinish(run.db);
		return EXIT_REFUSED;
	}
	json_t *d = json_loads(doc, 0, NULL);
	carrier = xstrdup(d != NULL ? str(d, "carrier") : "");
	json_decref(d);
	free(doc);
	doc = NULL;
	run.total = 1;
	run.loop = tui_loop_new();
	struct carrier_loop cl = { run.loop, watch, timer, cancel };
	run.client = run.loop != NULL ? carrier_client_new(&setup->client, &cl, &err) : NULL;
	if (run.client == NULL ||
	    carrier_client_track(run.client, carrier, number, on_done, &run) != 0) {
		app_say(stderr, "backdesk: %s\n", err != NULL ? err : _("cannot start the lookup"));
		free(err);
		rc = EXIT_REFUSED;
		goto out;
	}
	(void)tui_loop_run(run.loop);
	if (run.lookup_error != NULL) {
		app_say(stderr, "backdesk: %s\n", run.lookup_error);
		rc = EXIT_REFUSED;
	}
	if (run.db_error != NULL) {
		app_say(stderr, "backdesk: %s\n", run.db_error);
		rc = EXIT_REFUSED;
	}
	/* What the database holds now, whether or not the carrier answered. */
	if (db_parcel_by_tracking(run.db, number, &doc, &err) > 0)
		print_parcel(doc);
	else if (err != NULL) {
		app_say(stderr, "backdesk: %s\n", err);
		rc = EXIT_REFUSED;
	}
	free(err);
	free(doc);
out:
	carrier_client_free(run.client);
	if (run.loop != NULL)
		tui_loop_free(run.loop);
	free(run.db_error);
	free(run.lookup_error);
	free(carrier);
	PQfinish(run.db);
	return rc;
}

int cmd_track(const struct app *app)
{
	struct tracking_setup setup;
	struct db_tracking_due *due = NULL;
	struct run run = { 0 };
	size_t ndue = 0;
	char *err = NULL;
	long long proposed;
	int rc = EXIT_OK;

	if (tracking_setup_load(app->cfg, &setup, &err) != 0) {
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		return EXIT_REFUSED;
	}
	if (app->cli->cmd == CMD_TRACK_ONE) {
		rc = track_one(app, &setup);
		tracking_setup_free(&setup);
		return rc;
	}
	run.db = app_connect(app);
	if (run.db == NULL) {
		tracking_setup_free(&setup);
		return EXIT_REFUSED;
	}
	if (db_tracking_due(run.db, app->cli->track_limit, &due, &ndue, &err) != 0) {
		app_say(stderr, "backdesk: %s\n", err);
		free(err);
		rc = EXIT_REFUSED;
		goto out;
	}
	run.total = ndue;
	run.bar = isatty(STDERR_FILENO) && ndue > 0;
	if (ndue > 0) {
		run.loop = tui_loop_new();
		if (run.loop == NULL) {
			app_say(stderr, "backdesk: %s\n", _("cannot start the event loop"));
			rc = EXIT_REFUSED;
			goto out;
		}
		struct carrier_loop cl = { run.loop, watch, timer, cancel };
		run.client = carrier_client_new(&setup.client, &cl, &err);
		if (run.client == NULL) {
			app_say(stderr, "backdesk: %s\n", err);
			free(err);
			rc = EXIT_REFUSED;
			goto out;
		}
		for (size_t i = 0; i < ndue; i++)
			if (carrier_client_track(run.client, due[i].carrier, due[i].tracking_no, on_done,
						 &run) != 0) {
				app_say(stderr, "backdesk: %s\n", _("out of memory"));
				rc = EXIT_REFUSED;
				goto out;
			}
		progress(&run);
		(void)tui_loop_run(run.loop);
	}
	proposed = db_propose_delay_notices(run.db, &err);
	if (proposed < 0)
		keep_db_error(&run, err);
	(void)printf(_("asked about %zu parcels: %zu answered (%zu changed, %lld new events), "
		       "%zu failed; %lld delay notices proposed\n"),
		     run.total, run.answered, run.changed, run.new_events, run.failed,
		     proposed < 0 ? 0 : proposed);
	if (run.db_error != NULL) {
		app_say(stderr, "backdesk: %s\n", run.db_error);
		rc = EXIT_REFUSED;
	}
out:
	carrier_client_free(run.client);
	if (run.loop != NULL)
		tui_loop_free(run.loop);
	free(run.db_error);
	free(run.lookup_error);
	db_tracking_due_free(due, ndue);
	PQfinish(run.db);
	tracking_setup_free(&setup);
	return rc;
}
