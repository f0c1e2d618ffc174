#ifndef BACKDESK_VIEWS_QUEUE_STRIP_H
#define BACKDESK_VIEWS_QUEUE_STRIP_H
/* The strip of a queue list (Tickets, Returns): its named views, each with the
 * database's capped count ("Open 999+"), the view shown, and keeping the counts
 * true: after each change the pane hears of, on F5, and every minute, since time
 * passing (ages, due dates) is no NOTIFY.  The pane embeds one and keeps what
 * differs (its source, its query, its extra columns) behind queue_strip_ops.
 *
 *   queue_strip_init(&v->strip, &strip_ops, v, db, v->pane, v->src->view);
 *
 * then on focus queue_strip_focus(), on NOTIFY queue_strip_changed(), on
 * destroy queue_strip_fini(). */
#include <stdbool.h>
#include <stddef.h>

#include "db/session.h"
#include "tui/tui.h"

/* The most views a strip holds (a pane _Static_asserts its own count). */
#define QUEUE_STRIP_MAX 16
/* The views' names are marked NC_("queue view", ...): "Open" or "Late" on a strip
 * names a set of things, not the key (xgettext needs the literal, not this macro). */
#define QUEUE_STRIP_CTX "queue view"
#define QUEUE_STRIP_CLOCK_MS 60000

struct queue_strip_ops {
	const char *const *names; /* each view's name, as NC_(QUEUE_STRIP_CTX, ...) marked it */
	size_t n;                 /* views, at most QUEUE_STRIP_MAX */
	long long cap;            /* the database counts no further: "999+" from there */
	int extra_cols;           /* the counts' answer has these after the n counts */
	/* Points the pane's source at view; the strip then redraws and reloads. */
	void (*show)(void *arg, size_t view);
	/* Sends the counts' query, whose answer goes to done(res, error, done_arg). */
	unsigned (*count)(void *arg, db_result_fn done, void *done_arg);
	/* Optional: the answer once its counts are in, for the extra columns. */
	void (*counted)(void *arg, const PGresult *res);
	/* Optional: what view is called now (NULL: its name); *counted = false shows
	 * it without a count (a view whose count the query could not know). */
	const char *(*name)(void *arg, size_t view, bool *counted);
};

/* Plain data inside the pane; the fields are the strip's own. */
struct queue_strip {
	const struct queue_strip_ops *ops;
	void *arg;
	struct db_session *db;
	struct tui_pane *pane; /* a table pane */
	size_t current;
	long long counts[QUEUE_STRIP_MAX];
	bool have_counts;
	unsigned count_query;
	bool count_again; /* something changed while the counts were on their way */
	bool shown;       /* focused once: nothing is loaded before */
	struct tui_loop *loop;
	unsigned long clock; /* the minute's refresh, once shown */
};

/* Draws the strip (names only) on pane, which must already show view current,
 * and takes the clicks on it. */
void queue_strip_init(struct queue_strip *s, const struct queue_strip_ops *ops, void *arg,
		      struct db_session *db, struct tui_pane *pane, size_t current);
/* Stops the clock and the counts' query. */
void queue_strip_fini(struct queue_strip *s);

/* Shows view (< n): the source, the strip, the table from its top. */
void queue_strip_show(struct queue_strip *s, size_t view);
/* Shows the view by places along (negative: back), round the ends. */
void queue_strip_step(struct queue_strip *s, int by);
/* The view by places along from current out of n, round the ends. */
size_t queue_strip_next(size_t current, size_t n, int by);

/* Counts again: the query is sent, or sent again once the one on its way is in. */
void queue_strip_load_counts(struct queue_strip *s);
/* The pane's data changed (a NOTIFY, the clock): the page and the counts again,
 * once the pane has been shown. */
void queue_strip_changed(struct queue_strip *s);
/* The first focus loads the counts and starts the clock. */
void queue_strip_focus(struct queue_strip *s, bool focused);

/* What the strip says for view: "Open 4", "Open 999+", or the name alone while
 * not counted. */
void queue_strip_text(const struct queue_strip *s, size_t view, char *out, size_t outlen);
/* "To approve 4", or "To approve 999+" when the count reached cap; count < 0:
 * not known, the name alone. */
void queue_strip_count_text(const char *name, long long count, long long cap, char *out,
			    size_t outlen);

#endif
