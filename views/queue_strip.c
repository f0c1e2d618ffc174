#include "views/queue_strip.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/i18n.h"

static void update(struct queue_strip *s)
{
	char text[QUEUE_STRIP_MAX][96];
	const char *labels[QUEUE_STRIP_MAX];

	for (size_t i = 0; i < s->ops->n; i++) {
		queue_strip_text(s, i, text[i], sizeof text[i]);
		labels[i] = text[i];
	}
	tui_table_pane_set_strip(s->pane, labels, s->ops->n, s->current);
}

static void on_click(void *arg, size_t i)
{
	struct queue_strip *s = arg;

	if (i < s->ops->n)
		queue_strip_show(s, i);
}

void queue_strip_init(struct queue_strip *s, const struct queue_strip_ops *ops, void *arg,
		      struct db_session *db, struct tui_pane *pane, size_t current)
{
	*s = (struct queue_strip){ .ops = ops, .arg = arg, .db = db, .pane = pane, .current = current };
	tui_table_pane_on_strip(pane, on_click, s);
	update(s);
}

void queue_strip_fini(struct queue_strip *s)
{
	if (s->clock != 0)
		tui_loop_remove(s->loop, s->clock);
	if (s->count_query != 0)
		db_session_cancel(s->db, s->count_query);
}

void queue_strip_show(struct queue_strip *s, size_t view)
{
	s->current = view;
	s->ops->show(s->arg, view);
	update(s);
	tui_table_reload(tui_table_pane_table(s->pane));
}

size_t queue_strip_next(size_t current, size_t n, int by)
{
	long m = (long)n;

	return (size_t)(((long)current + by % m + m) % m);
}

void queue_strip_step(struct queue_strip *s, int by)
{
	queue_strip_show(s, queue_strip_next(s->current, s->ops->n, by));
}

static void on_counts(const PGresult *res, const char *error, void *arg)
{
	struct queue_strip *s = arg;

	s->count_query = 0;
	if (s->count_again) {
		s->count_again = false;
		queue_strip_load_counts(s);
		return;
	}
	/* A failure leaves the last counts; the list itself says what went wrong. */
	if (error != NULL || PQntuples(res) != 1 ||
	    PQnfields(res) != (int)s->ops->n + s->ops->extra_cols)
		return;
	for (size_t i = 0; i < s->ops->n; i++)
		s->counts[i] = strtoll(PQgetvalue(res, 0, (int)i), NULL, 10);
	s->have_counts = true;
	update(s);
	if (s->ops->counted != NULL)
		s->ops->counted(s->arg, res);
}

void queue_strip_load_counts(struct queue_strip *s)
{
	/* One query at a time, and the last word is a count made after the change. */
	if (s->count_query != 0) {
		s->count_again = true;
		return;
	}
	s->count_query = s->ops->count(s->arg, on_counts, s);
}

void queue_strip_changed(struct queue_strip *s)
{
	if (!s->shown)
		return;
	tui_table_refresh(tui_table_pane_table(s->pane));
	queue_strip_load_counts(s);
}

static void on_clock(void *arg)
{
	queue_strip_changed(arg);
}

void queue_strip_focus(struct queue_strip *s, bool focused)
{
	struct tui_ui *ui = tui_pane_ui(s->pane);

	/* A tab nobody opens costs no query. */
	if (!focused || s->shown)
		return;
	s->shown = true;
	queue_strip_load_counts(s);
	if (ui != NULL) {
		s->loop = tui_ui_loop(ui);
		s->clock = tui_loop_every(s->loop, QUEUE_STRIP_CLOCK_MS, on_clock, s);
	}
}

void queue_strip_text(const struct queue_strip *s, size_t view, char *out, size_t outlen)
{
	bool counted = true;
	const char *name = s->ops->name != NULL ? s->ops->name(s->arg, view, &counted) : NULL;

	if (name == NULL)
		name = i18n_pgettext(QUEUE_STRIP_CTX, s->ops->names[view]);
	queue_strip_count_text(name, s->have_counts && counted ? s->counts[view] : -1, s->ops->cap,
			       out, outlen);
}

void queue_strip_count_text(const char *name, long long count, long long cap, char *out,
			    size_t outlen)
{
	if (count < 0)
		(void)snprintf(out, outlen, "%s", name);
	else if (count >= cap)
		(void)snprintf(out, outlen, "%s %lld+", name, cap - 1);
	else
		(void)snprintf(out, outlen, "%s %lld", name, count);
}
