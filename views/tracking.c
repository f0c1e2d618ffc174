/* The console's tracking service (views/tracking.h).  Each parcel asked about is
 * one entry from the carrier's answer until the database has it: a number is
 * never asked twice at once, and a failure to save is always said, since a lost
 * answer would otherwise look like a carrier that never answered. */
#include "views/tracking.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carrier/adapter.h"
#include "carrier/client.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/tracking_async.h"
#include "views/tracking_setup.h"

enum {
	/* The first background round soon after start (the first page goes first),
	 * then one a minute: a parcel is due every 15-60 minutes at most. */
	BG_FIRST_MS = 3000,
	BG_EVERY_MS = 60000,
	/* A small round: the console is not `backdesk track --due`. */
	BG_LIMIT = 20,
};

struct waiter {
	tracking_done_fn done;
	void *arg;
	struct waiter *next;
};

struct entry {
	char *carrier, *number;
	struct waiter *waiters;
	unsigned query;  /* the write in flight; 0 while the carrier is asked */
	char *error;     /* the lookup's failure, while it is being recorded */
	struct entry *next;
};

static struct {
	bool on;
	struct tui_loop *loop;
	struct tui_ui *ui;
	struct db_session *db;
	int slot;
	struct tracking_setup setup;
	struct carrier_client *client;
	struct entry *entries;
	unsigned n;
	unsigned long bg_timer;
	unsigned due_query;
} T;

static int lw(void *l, int fd, int events, void (*fn)(int, int, void *), void *arg)
{
	return tui_loop_watch(l, fd, events, fn, arg);
}

/* curl's time-outs and the client's waits are background: the test mode's idle
 * does not wait for a carrier (a hanging one would hold every test). */
static unsigned long lt(void *l, long ms, void (*fn)(void *), void *arg)
{
	return tui_loop_bg_timer(l, ms, fn, arg);
}

static void lc(void *l, unsigned long id)
{
	tui_loop_remove(l, id);
}

static void show_count(void)
{
	char buf[48];

	if (T.ui == NULL)
		return;
	if (T.n > 0)
		(void)snprintf(buf, sizeof buf, _("tracking %u…"), T.n);
	tui_status_set(tui_ui_status(T.ui), T.slot, T.n > 0 ? buf : NULL, TUI_ATTR_STATUS);
	tui_ui_dirty(T.ui);
}

static struct entry *find(const char *number)
{
	for (struct entry *e = T.entries; e != NULL; e = e->next)
		if (strcmp(e->number, number) == 0)
			return e;
	return NULL;
}

static void unlink_entry(struct entry *e)
{
	for (struct entry **p = &T.entries; *p != NULL; p = &(*p)->next)
		if (*p == e) {
			*p = e->next;
			T.n--;
			return;
		}
}

static void free_entry(struct entry *e)
{
	while (e->waiters != NULL) {
		struct waiter *w = e->waiters;

		e->waiters = w->next;
		free(w);
	}
	free(e->carrier);
	free(e->number);
	free(e->error);
	free(e);
}

/* Tells every waiter, then forgets the entry.  A waiter may ask again (a new
 * entry) or forget others: the entry is off the list before anyone is told. */
static void finish(struct entry *e, const struct tracking_outcome *o)
{
	unlink_entry(e);
	show_count();
	while (e->waiters != NULL) {
		struct waiter *w = e->waiters;

		e->waiters = w->next;
		if (w->done != NULL)
			w->done(e->number, o, w->arg);
		free(w);
	}
	free_entry(e);
}

static void on_saved(const PGresult *res, const char *error, void *arg)
{
	struct entry *e = arg;
	struct tracking_outcome o = { 0 };
	json_t *ans = NULL;
	char *why = NULL;

	e->query = 0;
	if (error != NULL) {
		/* Nothing lost silently: the parcel keeps its old state, and the
		 * message says this answer did not reach the database. */
		why = e->error != NULL
			      ? xasprintf(_("%s: the failed lookup (%s) could not be recorded: %s"), e->number,
					  e->error, error)
			      : xasprintf(_("%s: the carrier's answer could not be saved: %s"), e->number, error);
		if (T.ui != NULL)
			tui_ui_message(T.ui, TUI_MSG_ERROR, "%s", why);
		o.ok = false;
		o.error = e->error != NULL ? e->error : why;
		o.saved = false;
	} else if (e->error != NULL) {
		o.ok = false;
		o.error = e->error;
		o.saved = true;
	} else {
		ans = json_loads(PQgetvalue(res, 0, 0), 0, NULL);
		o.ok = true;
		o.status = json_string_value(json_object_get(ans, "status"));
		if (o.status == NULL)
			o.status = "";
		o.changed = json_is_true(json_object_get(ans, "changed"));
	}
	finish(e, &o);
	json_decref(ans);
	free(why);
}

static void on_answer(const char *carrier, const char *number, const struct carrier_result *r, void *arg)
{
	struct entry *e = arg;
	char *doc = NULL;

	(void)carrier;
	(void)number;
	if (r->outcome == CARRIER_NOT_SET_UP) {
		/* Nobody was asked: nothing about the parcel to record. */
		struct tracking_outcome o = { .error = r->error != NULL ? r->error : "" };

		finish(e, &o);
		return;
	}
	if (r->outcome == CARRIER_OK)
		doc = carrier_result_json(r);
	if (doc != NULL) {
		e->query = db_record_tracking_async(T.db, e->number, doc, on_saved, e);
		free(doc);
		return;
	}
	e->error = xstrdup(r->outcome == CARRIER_OK ? _("out of memory writing the carrier's answer")
			   : r->error != NULL && r->error[0] != '\0' ? r->error
								     : _("the carrier gave no answer"));
	e->query = db_record_tracking_failure_async(T.db, e->number, e->error, on_saved, e);
}

/* NULL when the carrier's service is set up, else what to do about it. */
static char *not_set_up(const char *carrier)
{
	const struct carrier_adapter *a = carrier_adapter_for(carrier);
	const struct carrier_account *acct;
	bool dhl;

	if (!T.on)
		return xstrdup(_("carrier tracking is off in this console (see the message log for why)"));
	if (a == NULL)
		return xasprintf(_("no tracking service covers the carrier %s"), carrier);
	dhl = strcmp(a->name, "dhl") == 0;
	acct = dhl ? &T.setup.client.dhl : &T.setup.client.aftership;
	if (acct->base_url != NULL && acct->base_url[0] != '\0')
		return NULL;
	return xasprintf(_("%s tracking is not set up: put base_url and api_key_file under [carrier.%s] "
			   "in backdesk.ini"),
			 dhl ? "DHL" : "AfterShip", a->name);
}

/* The client (libcurl, and with it the TLS library) starts with the first lookup,
 * not with the console: at start it cost milliseconds before the first page and
 * 3.5 MB of memory, in every console, also those that never ask a carrier. */
static bool client_ready(void)
{
	const struct carrier_loop cl = { T.loop, lw, lt, lc };
	char *err = NULL;

	if (T.client != NULL)
		return true;
	T.client = carrier_client_new(&T.setup.client, &cl, &err);
	if (T.client == NULL) {
		tui_ui_message(T.ui, TUI_MSG_ERROR, _("carrier tracking cannot start: %s"), err);
		free(err);
		return false;
	}
	return true;
}

static struct entry *start(const char *carrier, const char *number)
{
	struct entry *e;

	if (!client_ready())
		return NULL;
	e = xcalloc(1, sizeof *e);
	e->carrier = xstrdup(carrier);
	e->number = xstrdup(number);
	if (carrier_client_track(T.client, carrier, number, on_answer, e) != 0) {
		free_entry(e);
		return NULL;
	}
	e->next = T.entries;
	T.entries = e;
	T.n++;
	show_count();
	return e;
}

int tracking_ask(const char *carrier, const char *number, tracking_done_fn done, void *arg, char **why)
{
	struct entry *e;
	struct waiter *w;

	*why = not_set_up(carrier);
	if (*why != NULL)
		return -1;
	e = find(number);
	if (e == NULL)
		e = start(carrier, number);
	if (e == NULL) {
		*why = xstrdup(T.client == NULL ? _("carrier tracking cannot start (see the message log for why)")
						: _("out of memory: the carrier was not asked"));
		return -1;
	}
	if (done != NULL) {
		w = xcalloc(1, sizeof *w);
		w->done = done;
		w->arg = arg;
		w->next = e->waiters;
		e->waiters = w;
	}
	return 0;
}

void tracking_forget(void *arg)
{
	for (struct entry *e = T.entries; e != NULL; e = e->next)
		for (struct waiter **p = &e->waiters; *p != NULL;) {
			struct waiter *w = *p;

			if (w->arg == arg) {
				*p = w->next;
				free(w);
			} else {
				p = &w->next;
			}
		}
}

unsigned tracking_in_flight(void)
{
	return T.n;
}

static void bg_tick(void *arg);

static void bg_arm(long ms)
{
	T.bg_timer = tui_loop_bg_timer(T.loop, ms, bg_tick, NULL);
}

static void on_due(const PGresult *res, const char *error, void *arg)
{
	(void)arg;
	T.due_query = 0;
	if (error != NULL)
		return; /* a read: the next round asks again; the connection's state is said */
	for (int i = 0; i < PQntuples(res); i++) {
		const char *carrier = PQgetvalue(res, i, 1), *number = PQgetvalue(res, i, 2);
		char *why = not_set_up(carrier);

		/* A carrier without a service is said when somebody asks (U), not
		 * recorded on every parcel each round. */
		if (why == NULL && find(number) == NULL)
			(void)start(carrier, number);
		free(why);
	}
}

static void bg_tick(void *arg)
{
	(void)arg;
	T.bg_timer = 0;
	bg_arm(BG_EVERY_MS);
	if (T.due_query != 0 || db_session_state(T.db) != DB_READY)
		return;
	T.due_query = db_tracking_due_async(T.db, BG_LIMIT, on_due, NULL);
}

void tracking_start(struct tui_loop *loop, struct tui_ui *ui, struct db_session *db,
		    const struct config *cfg, int status_slot)
{
	char *err = NULL;

	memset(&T, 0, sizeof T);
	T.loop = loop;
	T.ui = ui;
	T.db = db;
	T.slot = status_slot;
	if (tracking_setup_load(cfg, &T.setup, &err) != 0) {
		tui_ui_message(ui, TUI_MSG_ERROR, _("carrier tracking is off: %s"), err);
		free(err);
		return;
	}
	T.on = true;
	/* Without any service every due parcel would be skipped: no round at all, not
	 * a query a minute for nothing. */
	if (T.setup.background && (T.setup.client.dhl.base_url != NULL ||
				   T.setup.client.aftership.base_url != NULL))
		bg_arm(BG_FIRST_MS);
}

void tracking_stop(void)
{
	if (!T.on)
		return;
	if (T.bg_timer != 0)
		tui_loop_remove(T.loop, T.bg_timer);
	if (T.due_query != 0)
		db_session_cancel(T.db, T.due_query);
	carrier_client_free(T.client);
	T.ui = NULL;
	while (T.entries != NULL) {
		struct entry *e = T.entries;

		T.entries = e->next;
		if (e->query != 0) {
			char *what = xasprintf(_("the carrier's answer for %s"), e->number);

			db_session_detach(T.db, e->query, what);
			free(what);
		}
		free_entry(e);
	}
	tracking_setup_free(&T.setup);
	memset(&T, 0, sizeof T);
}
