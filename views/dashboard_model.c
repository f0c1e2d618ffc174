/* The dashboard's document, layout, highlight moves and refresh rule: pure, so
 * that the unit tests hold the decisions the screen makes. */
#include "views/dashboard_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/xalloc.h"

const char *const dash_statuses[4] = { "new", "open", "pending", "on_hold" };
const char *const dash_priorities[4] = { "urgent", "high", "normal", "low" };

/* ---- the document ---- */

static long long num(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
}

static char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return xstrdup(s != NULL ? s : "");
}

/* A number or null (the database writes 4.3 as a real, 4 as an integer). */
static double real_or(json_t *v, double none)
{
	return json_is_number(v) ? json_number_value(v) : none;
}

void dash_doc_free(struct dash_doc *d)
{
	free(d->today);
	free(d->oldest_id);
	free(d->oldest_number);
	free(d->oldest_subject);
	for (size_t i = 0; i < d->nagents; i++) {
		free(d->agents[i].login);
		free(d->agents[i].name);
	}
	free(d->agents);
	for (size_t i = 0; i < d->nrefunds; i++) {
		free(d->refunds[i].kind);
		free(d->refunds[i].currency);
		free(d->refunds[i].sum);
	}
	free(d->refunds);
	memset(d, 0, sizeof *d);
}

static void parse_tickets(struct dash_doc *d, json_t *t)
{
	json_t *grid = json_object_get(t, "grid"), *old = json_object_get(t, "oldest_waiting");
	json_t *hours = json_object_get(t, "per_hour");

	d->open = num(t, "open");
	for (size_t i = 0; i < json_array_size(grid); i++) {
		json_t *c = json_array_get(grid, i);
		const char *s = json_string_value(json_object_get(c, "status"));
		const char *p = json_string_value(json_object_get(c, "priority"));

		for (int a = 0; a < 4 && s != NULL && p != NULL; a++)
			for (int b = 0; b < 4; b++)
				if (strcmp(s, dash_statuses[a]) == 0 && strcmp(p, dash_priorities[b]) == 0)
					d->grid[a][b] = num(c, "count");
	}
	d->soon = num(t, "soon");
	d->breached = num(t, "breached");
	d->unassigned = num(t, "unassigned");
	d->waiting = num(t, "waiting");
	if (json_is_object(old)) {
		char id[32];

		snprintf(id, sizeof id, "%lld", num(old, "id"));
		d->oldest_id = xstrdup(id);
		d->oldest_number = str(old, "number");
		d->oldest_subject = str(old, "subject");
		d->oldest_minutes = num(old, "minutes");
	}
	for (size_t i = 0; i < DASH_HOURS && i < json_array_size(hours); i++) {
		json_t *h = json_array_get(hours, i);

		d->per_hour[i] = json_is_integer(h) ? (long long)json_integer_value(h) : 0;
	}
}

static void parse_agents(struct dash_doc *d, json_t *agents)
{
	d->nagents = json_array_size(agents);
	d->agents = xcalloc(d->nagents + 1, sizeof *d->agents);
	for (size_t i = 0; i < d->nagents; i++) {
		json_t *a = json_array_get(agents, i);
		struct dash_agent *g = &d->agents[i];

		g->login = str(a, "login");
		g->name = str(a, "name");
		g->open = num(a, "open");
		g->resolved = num(a, "resolved_today");
		g->first_response = (long long)real_or(json_object_get(a, "first_response_minutes"), -1);
		g->csat = real_or(json_object_get(a, "csat"), -1);
		g->csat_count = num(a, "csat_count");
	}
}

static void parse_refunds(struct dash_doc *d, json_t *refunds)
{
	d->nrefunds = json_array_size(refunds);
	d->refunds = xcalloc(d->nrefunds + 1, sizeof *d->refunds);
	for (size_t i = 0; i < d->nrefunds; i++) {
		json_t *r = json_array_get(refunds, i);

		d->refunds[i].kind = str(r, "kind");
		d->refunds[i].currency = str(r, "currency");
		d->refunds[i].sum = str(r, "sum");
		d->refunds[i].count = num(r, "count");
	}
}

int dash_doc_parse(struct dash_doc *d, const char *text)
{
	json_t *root = json_loads(text, 0, NULL), *trend;

	memset(d, 0, sizeof *d);
	if (!json_is_object(root) || !json_is_object(json_object_get(root, "tickets"))) {
		json_decref(root);
		return -1;
	}
	d->today = str(root, "today");
	{
		const char *at = json_string_value(json_object_get(root, "at"));

		/* "YYYY-MM-DD HH24:MI:SS" */
		d->hour = at != NULL && strlen(at) >= 13 ? atoi(at + 11) % 24 : 0;
	}
	parse_tickets(d, json_object_get(root, "tickets"));
	parse_agents(d, json_object_get(root, "agents"));
	d->late_to_ship = num(json_object_get(root, "orders"), "late_to_ship");
	d->exception = num(json_object_get(root, "parcels"), "exception");
	d->stale = num(json_object_get(root, "parcels"), "stale");
	d->to_inspect = num(json_object_get(root, "returns"), "to_inspect");
	parse_refunds(d, json_object_get(root, "refunds_today"));
	trend = json_object_get(root, "csat_trend");
	for (size_t i = 0; i < DASH_DAYS && i < json_array_size(trend); i++) {
		json_t *day = json_array_get(trend, i), *avg = json_object_get(day, "avg");

		d->csat_have[i] = json_is_number(avg);
		d->csat_avg[i] = real_or(avg, 0);
		d->csat_count[i] = num(day, "count");
	}
	json_decref(root);
	return 0;
}

/* ---- layout ---- */

/* The grid: a status column and five of numbers (four priorities and all). */
enum { GRID_W = 44, GRID_H = 7, QUEUE_H = 7, OPS_H = 5, WIDE_W = 110, WIDE_H = 30 };

static struct tui_rect rect(int y, int x, int h, int w)
{
	struct tui_rect r = { y, x, h < 0 ? 0 : h, w < 0 ? 0 : w };

	return r;
}

void dash_layout(int h, int w, struct dash_layout *out)
{
	memset(out, 0, sizeof *out);
	out->wide = w >= WIDE_W && h >= WIDE_H;
	if (out->wide) {
		/* Two columns: the counts left, the trends and the people right. */
		/* The counts need the grid's width; the rest goes to the agents' names. */
		int lw = w * 2 / 5 < GRID_W + 2 ? GRID_W + 2 : (w * 2 / 5 > 64 ? 64 : w * 2 / 5);
		int rx = lw + 2, rw = w - rx;

		out->sec[DASH_GRID] = rect(0, 0, GRID_H, lw);
		out->sec[DASH_QUEUE] = rect(GRID_H + 1, 0, QUEUE_H, lw);
		out->sec[DASH_OPS] = rect(GRID_H + QUEUE_H + 2, 0, OPS_H, lw);
		out->sec[DASH_REFUNDS] = rect(GRID_H + QUEUE_H + OPS_H + 3, 0,
					      h - (GRID_H + QUEUE_H + OPS_H + 3), lw);
		out->sec[DASH_TRENDS] = rect(0, rx, 7, rw);
		out->sec[DASH_AGENTS] = rect(8, rx, h - 8, rw);
		return;
	}
	/* Compact: the grid and the queue side by side, then operations and refunds
	 * side by side, the trends one line each, and the agents in what is left
	 * (their table scrolls). */
	{
		int gw = w >= GRID_W + 2 + 30 ? GRID_W : w / 2, rx = gw + 2, rw = w - rx;
		int y = 0;

		out->sec[DASH_GRID] = rect(y, 0, GRID_H, gw);
		out->sec[DASH_QUEUE] = rect(y, rx, QUEUE_H, rw);
		y += GRID_H;
		out->sec[DASH_OPS] = rect(y, 0, OPS_H, gw);
		out->sec[DASH_REFUNDS] = rect(y, rx, OPS_H, rw);
		y += OPS_H;
		out->sec[DASH_TRENDS] = rect(y, 0, 2, w);
		y += 2;
		out->sec[DASH_AGENTS] = rect(y, 0, h - y, w);
	}
}

/* ---- moving the highlight ---- */

static long long absll(long long v)
{
	return v < 0 ? -v : v;
}

/* The middle of a pick, in half cells (so a wide number and a narrow one below
 * it line up by their centres). */
static long long mid(const struct dash_pick *p)
{
	return 2LL * p->x + p->w;
}

size_t dash_nav(const struct dash_pick *p, size_t n, size_t cur, enum dash_move m)
{
	size_t best = cur;
	long long best_score = -1;

	if (n == 0 || cur >= n)
		return 0;
	if (m == DASH_NEXT)
		return (cur + 1) % n;
	if (m == DASH_PREV)
		return (cur + n - 1) % n;
	for (size_t i = 0; i < n; i++) {
		long long dy = (long long)p[i].y - p[cur].y, dx = mid(&p[i]) - mid(&p[cur]), score;

		if (i == cur)
			continue;
		switch (m) {
		case DASH_UP:
		case DASH_DOWN:
			if ((m == DASH_DOWN && dy <= 0) || (m == DASH_UP && dy >= 0))
				continue;
			/* The nearest line first, then the nearest column on it. */
			score = absll(dy) * 100000 + absll(dx);
			break;
		case DASH_LEFT:
		case DASH_RIGHT:
			if (dy != 0 || (m == DASH_RIGHT && dx <= 0) || (m == DASH_LEFT && dx >= 0))
				continue;
			score = absll(dx);
			break;
		default:
			continue;
		}
		if (best_score < 0 || score < best_score) {
			best_score = score;
			best = i;
		}
	}
	return best;
}

size_t dash_find(const struct dash_pick *p, size_t n, const char *metric, const char *key)
{
	for (size_t i = 0; i < n; i++) {
		bool same_metric = (p[i].metric == NULL && metric == NULL) ||
				   (p[i].metric != NULL && metric != NULL && strcmp(p[i].metric, metric) == 0);

		if (same_metric && strcmp(p[i].key, key) == 0)
			return i;
	}
	return n;
}

/* ---- live ---- */

long dash_refresh_delay(long long now, long long last)
{
	if (last < 0 || now - last >= 1000)
		return 0;
	return (long)(1000 - (now - last));
}
