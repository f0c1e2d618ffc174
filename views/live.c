/* Live screens: panes register for the NOTIFY channels their screen follows, and
 * a burst of NOTIFYs reaches each of them once. */
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "views/registry.h"
#include "views/views.h"

struct live {
	struct tui_pane *pane;
	char *channel;
	view_live_fn fn;
};

static struct live *lives;
static size_t nlives, cap;

void views_live_add(struct tui_pane *p, const char *channel, view_live_fn fn)
{
	lives = xgrow(lives, &cap, nlives + 1, sizeof *lives);
	lives[nlives].pane = p;
	lives[nlives].channel = xstrdup(channel);
	lives[nlives].fn = fn;
	nlives++;
}

void views_live_follow(struct tui_pane *p, const char *screen, view_live_fn fn)
{
	const struct view_screen *s = views_screen(screen);

	if (s == NULL)
		abort(); /* a screen the registry does not know: a typo in the code */
	for (const char *const *c = s->channels; c != NULL && *c != NULL; c++)
		views_live_add(p, *c, fn);
}

void views_live_remove(struct tui_pane *p)
{
	size_t j = 0;

	for (size_t i = 0; i < nlives; i++) {
		if (lives[i].pane == p)
			free(lives[i].channel);
		else
			lives[j++] = lives[i];
	}
	nlives = j;
	if (nlives == 0) {
		free(lives);
		lives = NULL;
		cap = 0;
	}
}

static bool listed(const char *const *channels, size_t n, const char *channel)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(channels[i], channel) == 0)
			return true;
	return false;
}

/* Calls every pane registered for one of the channels (n == 0: for any), each
 * (pane, function) once, however many of its channels are among them. */
static void notify(const char *const *channels, size_t n, bool all)
{
	/* A callback may open or close panes: walk a copy, and call only those still
	 * registered. */
	size_t nc = nlives;
	struct live *copy = xcalloc(nc + 1, sizeof *copy);
	bool *done = xcalloc(nc + 1, sizeof *done);

	memcpy(copy, lives, nc * sizeof *copy);
	for (size_t i = 0; i < nc; i++) {
		bool still = false;

		if (done[i] || (!all && !listed(channels, n, copy[i].channel)))
			continue;
		for (size_t k = 0; k < nlives; k++)
			still = still || (lives[k].pane == copy[i].pane && lives[k].fn == copy[i].fn);
		for (size_t k = i; k < nc; k++)
			done[k] = done[k] || (copy[k].pane == copy[i].pane && copy[k].fn == copy[i].fn);
		if (still)
			copy[i].fn(copy[i].pane);
	}
	free(done);
	free(copy);
}

void views_notify(const char *channel)
{
	const char *one[1] = { channel };

	notify(one, 1, false);
}

void views_notify_all(void)
{
	notify(NULL, 0, true);
}

/* ---- the queue between NOTIFY and the panes ---- */

struct views_live_queue {
	struct tui_loop *loop;
	long debounce_ms;
	void (*delivered)(void *arg);
	void *arg;
	unsigned long timer;
	/* The distinct channels heard since the burst began, in order.  No bound:
	 * there are as many as the registry's screens follow. */
	char **pending;
	size_t n, cap;
};

struct views_live_queue *views_live_queue_new(struct tui_loop *loop, long debounce_ms,
					      void (*delivered)(void *arg), void *arg)
{
	struct views_live_queue *q = xcalloc(1, sizeof *q);

	q->loop = loop;
	q->debounce_ms = debounce_ms;
	q->delivered = delivered;
	q->arg = arg;
	return q;
}

static void drop_pending(struct views_live_queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		free(q->pending[i]);
	q->n = 0;
}

static void flush(void *arg)
{
	struct views_live_queue *q = arg;
	char **pending = q->pending;
	size_t n = q->n;

	/* The panes run with the queue empty: whatever is heard meanwhile starts a
	 * burst of its own. */
	q->timer = 0;
	q->pending = NULL;
	q->n = q->cap = 0;
	notify((const char *const *)pending, n, false);
	for (size_t i = 0; i < n; i++)
		free(pending[i]);
	free(pending);
	if (q->delivered != NULL)
		q->delivered(q->arg);
}

void views_live_queue_add(struct views_live_queue *q, const char *channel)
{
	if (listed((const char *const *)q->pending, q->n, channel))
		return;
	q->pending = xgrow(q->pending, &q->cap, q->n + 1, sizeof *q->pending);
	q->pending[q->n++] = xstrdup(channel);
	if (q->timer == 0)
		q->timer = tui_loop_timer(q->loop, q->debounce_ms, flush, q);
}

void views_live_queue_free(struct views_live_queue *q)
{
	if (q == NULL)
		return;
	if (q->timer != 0)
		tui_loop_remove(q->loop, q->timer);
	drop_pending(q);
	free(q->pending);
	free(q);
}

tui_caps views_caps_for_role(const char *role)
{
	if (strcmp(role, "admin") == 0)
		return CAP_VIEW_ORDERS | CAP_VIEW_PAYMENTS | CAP_EXPORT | CAP_ORDER_WRITE | CAP_TICKET_ASSIGN |
		       CAP_SCAN | CAP_DASHBOARD | CAP_OUTBOX;
	if (strcmp(role, "supervisor") == 0)
		return CAP_VIEW_ORDERS | CAP_VIEW_PAYMENTS | CAP_EXPORT | CAP_TICKET_ASSIGN | CAP_DASHBOARD | CAP_OUTBOX;
	if (strcmp(role, "agent") == 0)
		return CAP_VIEW_ORDERS | CAP_VIEW_PAYMENTS | CAP_ORDER_WRITE;
	if (strcmp(role, "warehouse") == 0)
		return CAP_VIEW_ORDERS | CAP_SCAN;
	return 0;
}

/* One pointer for the console's life: the console sets it once it has made the
 * replica's session, and clears it before freeing that session. */
static struct db_session *reads_db;

struct db_session *views_reads(struct db_session *db)
{
	return reads_db ? reads_db : db;
}

void views_reads_set(struct db_session *reads)
{
	reads_db = reads;
}
