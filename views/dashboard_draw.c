/* The dashboard's screen: each section in the rectangle dash_layout gives it,
 * every number recorded as a pick as it is drawn.  Nothing here depends on the
 * clock, so a screen drawn twice from one document is the same screen and
 * ncurses sends nothing (idle writes 0 bytes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/xalloc.h"
#include "tui/chart.h"
#include "views/dashboard_view.h"
#include "views/labels.h"

/* A number's cells: wide enough for 99999. */
enum { NUM_W = 6 };

struct ctx {
	struct dash_view *v;
	struct tui_canvas *c;
	struct tui_rect r; /* the section being drawn, relative to the pane */
	bool blocks;
};

static void text(struct ctx *k, int y, int x, int w, const char *s, enum tui_align a, enum tui_role role)
{
	if (y < 0 || y >= k->r.h || x >= k->r.w || w <= 0)
		return;
	if (x + w > k->r.w)
		w = k->r.w - x;
	tui_draw_text(k->c->win, k->c->r.y + k->r.y + y, k->c->r.x + k->r.x + x, w, s, a, role);
}

static void title(struct ctx *k, const char *s)
{
	text(k, 0, 0, k->r.w, s, TUI_ALIGN_LEFT, TUI_ATTR_TITLE);
}

static bool selected(const struct dash_view *v, const char *metric, const char *key)
{
	bool same_metric = (metric == NULL && v->sel_metric == NULL) ||
			   (metric != NULL && v->sel_metric != NULL && strcmp(metric, v->sel_metric) == 0);

	return same_metric && strcmp(key, v->sel_key) == 0;
}

/* A number Enter drills into: drawn (unless hidden) and remembered.  The
 * highlight is reverse video in the monochrome theme, so NO_COLOR sees it. */
static void pick(struct ctx *k, int y, int x, int w, const char *shown, long long count,
		 const char *metric, const char *key, const char *what, enum tui_role role, bool hidden)
{
	struct dash_view *v = k->v;
	struct dash_pick *p;

	v->picks = xgrow(v->picks, &v->pcap, v->npicks + 1, sizeof *v->picks);
	p = &v->picks[v->npicks++];
	memset(p, 0, sizeof *p);
	p->y = k->r.y + y;
	p->x = k->r.x + x;
	p->w = w;
	p->metric = metric;
	snprintf(p->key, sizeof p->key, "%s", key);
	p->count = count;
	snprintf(p->what, sizeof p->what, "%s", what);
	p->hidden = hidden;
	if (hidden)
		return;
	if (selected(v, metric, key) && k->c->focused)
		role = TUI_ATTR_SELECTED;
	text(k, y, x, w, shown, TUI_ALIGN_RIGHT, role);
}

/* A count in NUM_W cells, grouped the locale's way when that still fits. */
static const char *count_cell(long long n, char *s, size_t size)
{
	if (strlen(lf_count(n, s, size)) > NUM_W)
		snprintf(s, size, "%lld", n);
	return s;
}

static void count_pick(struct ctx *k, int y, int x, long long n, const char *metric, const char *key,
		       const char *what, enum tui_role role)
{
	char s[LF_BUFSZ];

	(void)count_cell(n, s, sizeof s);
	pick(k, y, x, NUM_W, s, n, metric, key, what, n > 0 ? role : TUI_ATTR_NORMAL, false);
}

/* ---- sections ---- */

static void draw_grid(struct ctx *k)
{
	const struct dash_doc *d = &k->v->doc;
	int lw = k->r.w - 5 * (NUM_W + 1);
	long long col[4] = { 0 };
	char key[64], what[96];

	if (lw > 10)
		lw = 10;
	title(k, _("Open tickets by status and priority"));
	for (int b = 0; b < 4; b++)
		text(k, 1, lw + b * (NUM_W + 1), NUM_W, label_ticket_priority_column(dash_priorities[b]), TUI_ALIGN_RIGHT,
		     TUI_ATTR_HEADER);
	text(k, 1, lw + 4 * (NUM_W + 1), NUM_W, _("All"), TUI_ALIGN_RIGHT, TUI_ATTR_HEADER);
	for (int a = 0; a < 4; a++) {
		long long row = 0;

		text(k, 2 + a, 0, lw - 1, label_ticket_status(dash_statuses[a]), TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
		for (int b = 0; b < 4; b++) {
			snprintf(key, sizeof key, "%s/%s", dash_statuses[a], dash_priorities[b]);
			snprintf(what, sizeof what, _("Open tickets, %s, %s"), label_ticket_status(dash_statuses[a]),
				 label_ticket_priority(dash_priorities[b]));
			count_pick(k, 2 + a, lw + b * (NUM_W + 1), d->grid[a][b], "tickets", key, what,
				   b == 0 ? TUI_ATTR_WARNING : TUI_ATTR_NORMAL);
			row += d->grid[a][b];
			col[b] += d->grid[a][b];
		}
		snprintf(key, sizeof key, "%s/", dash_statuses[a]);
		snprintf(what, sizeof what, _("Open tickets, %s"), label_ticket_status(dash_statuses[a]));
		count_pick(k, 2 + a, lw + 4 * (NUM_W + 1), row, "tickets", key, what, TUI_ATTR_TITLE);
	}
	text(k, 6, 0, lw - 1, _("All"), TUI_ALIGN_LEFT, TUI_ATTR_TITLE);
	for (int b = 0; b < 4; b++) {
		snprintf(key, sizeof key, "/%s", dash_priorities[b]);
		snprintf(what, sizeof what, _("Open tickets, %s"), label_ticket_priority(dash_priorities[b]));
		count_pick(k, 6, lw + b * (NUM_W + 1), col[b], "tickets", key, what, TUI_ATTR_TITLE);
	}
	count_pick(k, 6, lw + 4 * (NUM_W + 1), d->open, "tickets", "", _("Open tickets"), TUI_ATTR_TITLE);
}

/* "Label ........ 12": a label and its number at the section's right edge. */
static void line(struct ctx *k, int y, const char *label, long long n, const char *metric, enum tui_role role)
{
	text(k, y, 0, k->r.w - NUM_W - 1, label, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
	count_pick(k, y, k->r.w - NUM_W, n, metric, "", label, role);
}

static void minutes_words(long long m, char *out, size_t len)
{
	if (m < 60)
		snprintf(out, len, _("%lldm"), m);
	else if (m < 48 * 60)
		snprintf(out, len, _("%lldh %02lldm"), m / 60, m % 60);
	else
		snprintf(out, len, _("%lldd %lldh"), m / 1440, m % 1440 / 60);
}

static void draw_queue(struct ctx *k)
{
	const struct dash_doc *d = &k->v->doc;

	title(k, _("Queue"));
	line(k, 1, _("Breaching within an hour"), d->soon, "tickets_soon", TUI_ATTR_WARNING);
	line(k, 2, _("Breached"), d->breached, "tickets_breached", TUI_ATTR_LATE);
	line(k, 3, _("Unassigned"), d->unassigned, "tickets_unassigned", TUI_ATTR_WARNING);
	line(k, 4, _("Waiting for a first answer"), d->waiting, "tickets_waiting", TUI_ATTR_NORMAL);
	if (d->oldest_id == NULL) {
		text(k, 5, 0, k->r.w, _("Nobody waits for a first answer."), TUI_ALIGN_LEFT, TUI_ATTR_MUTED);
		return;
	}
	{
		char age[32], *label, what[96];
		int nw = tui_text_width(d->oldest_number);

		minutes_words(d->oldest_minutes, age, sizeof age);
		label = xasprintf(_("Oldest waiting, %s"), age);
		text(k, 5, 0, k->r.w - nw - 1, label, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
		snprintf(what, sizeof what, "%s", d->oldest_number);
		pick(k, 5, k->r.w - nw, nw, d->oldest_number, 1, NULL, d->oldest_id, what, TUI_ATTR_LATE, false);
		text(k, 6, 2, k->r.w - 2, d->oldest_subject, TUI_ALIGN_LEFT, TUI_ATTR_MUTED);
		free(label);
	}
}

static void draw_ops(struct ctx *k)
{
	const struct dash_doc *d = &k->v->doc;

	title(k, _("Orders, parcels, returns"));
	line(k, 1, _("Orders late to ship"), d->late_to_ship, "orders_late", TUI_ATTR_LATE);
	line(k, 2, _("Parcels in exception"), d->exception, "parcels_exception", TUI_ATTR_WARNING);
	line(k, 3, _("Parcels without movement"), d->stale, "parcels_stale", TUI_ATTR_WARNING);
	line(k, 4, _("Returns to inspect"), d->to_inspect, "returns_to_inspect", TUI_ATTR_NORMAL);
}

static void draw_refunds(struct ctx *k)
{
	const struct dash_doc *d = &k->v->doc;
	int rows = k->r.h - 1;

	title(k, _("Refunds today"));
	if (d->nrefunds == 0) {
		text(k, 1, 0, k->r.w, _("None yet."), TUI_ALIGN_LEFT, TUI_ATTR_MUTED);
		return;
	}
	for (size_t i = 0; i < d->nrefunds && (int)i < rows; i++) {
		const struct dash_refund *f = &d->refunds[i];
		char money[64], key[64], what[96];
		int mw, y = 1 + (int)i;

		if ((int)i == rows - 1 && d->nrefunds > (size_t)rows) {
			char *more = xasprintf(_("and %zu more (:refunds)"), d->nrefunds - i);

			text(k, y, 0, k->r.w, more, TUI_ALIGN_LEFT, TUI_ATTR_MUTED);
			free(more);
			break;
		}
		label_money(f->sum, f->currency, money, sizeof money);
		mw = tui_text_width(money);
		snprintf(key, sizeof key, "%s/%s", f->kind, f->currency);
		snprintf(what, sizeof what, _("Refunds today, %s %s"), label_refund_kind(f->kind), f->currency);
		text(k, y, 0, k->r.w - NUM_W - mw - 2, label_refund_kind_short(f->kind), TUI_ALIGN_LEFT,
		     TUI_ATTR_NORMAL);
		count_pick(k, y, k->r.w - NUM_W - mw - 1, f->count, "refunds_today", key, what, TUI_ATTR_NORMAL);
		text(k, y, k->r.w - mw, mw, money, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL);
	}
}

/* The hour picks: one cell (or cw cells) each, under the sparkline's glyphs. */
static void hour_picks(struct ctx *k, int y, int x, int cw)
{
	const struct dash_doc *d = &k->v->doc;
	double v[DASH_HOURS], hi = 0;

	for (int i = 0; i < DASH_HOURS; i++) {
		v[i] = (double)d->per_hour[i];
		hi = v[i] > hi ? v[i] : hi;
	}
	for (int i = 0; i < DASH_HOURS; i++) {
		char *glyph = tui_sparkline(&v[i], NULL, 1, 0, hi, k->blocks), *cell, key[16], what[96];
		int from = (d->hour + 1 + i) % 24;

		cell = cw == 2 ? xasprintf("%s%s", glyph, glyph) : xstrdup(glyph);
		snprintf(key, sizeof key, "%d", i);
		snprintf(what, sizeof what, _("Tickets created %02d:00-%02d:00"), from, (from + 1) % 24);
		pick(k, y, x + i * cw, cw, cell, d->per_hour[i], "tickets_hour", key, what, TUI_ATTR_KEY, false);
		free(cell);
		free(glyph);
	}
}

/* What the per-hour line says after its chart: the highlighted hour, or the day. */
static char *hour_note(const struct dash_view *v)
{
	const struct dash_doc *d = &v->doc;
	long long total = 0, peak = 0;
	char a[LF_BUFSZ], b[LF_BUFSZ];

	if (v->sel_metric != NULL && strcmp(v->sel_metric, "tickets_hour") == 0) {
		int i = atoi(v->sel_key) % 24, from = (d->hour + 1 + i) % 24;

		return xasprintf(_("%02d:00 %s"), from, lf_count(d->per_hour[i], a, sizeof a));
	}
	for (int i = 0; i < DASH_HOURS; i++) {
		total += d->per_hour[i];
		peak = d->per_hour[i] > peak ? d->per_hour[i] : peak;
	}
	return xasprintf(_("24h %s, peak %s"), lf_count(total, a, sizeof a), lf_count(peak, b, sizeof b));
}

static char *csat_line(const struct dash_doc *d, int cw, bool blocks)
{
	char *one = tui_sparkline(d->csat_avg, d->csat_have, DASH_DAYS, 1, 5, blocks), *out;

	if (cw == 1)
		return one;
	/* Each day twice as wide: the glyphs are one byte or three. */
	{
		size_t n = strlen(one), step = n / DASH_DAYS;
		char *s = xcalloc(2 * n + 1, 1);

		for (size_t i = 0; i < DASH_DAYS; i++) {
			memcpy(s + 2 * i * step, one + i * step, step);
			memcpy(s + (2 * i + 1) * step, one + i * step, step);
		}
		out = s;
	}
	free(one);
	return out;
}

static char *csat_note(const struct dash_doc *d)
{
	double sum = 0;
	long long n = 0;
	char a[LF_BUFSZ], b[LF_BUFSZ], c[LF_BUFSZ];

	for (int i = 0; i < DASH_DAYS; i++) {
		sum += d->csat_avg[i] * (double)d->csat_count[i];
		n += d->csat_have[i] ? d->csat_count[i] : 0;
	}
	if (d->csat_have[DASH_DAYS - 1])
		return xasprintf(_("today %s (%s), 14d %s"), lf_fixed(d->csat_avg[DASH_DAYS - 1], 1, a, sizeof a),
				 lf_count(d->csat_count[DASH_DAYS - 1], b, sizeof b),
				 lf_fixed(n > 0 ? sum / (double)n : 0, 1, c, sizeof c));
	if (n > 0)
		return xasprintf(_("today -, 14d %s (%s)"), lf_fixed(sum / (double)n, 1, a, sizeof a),
				 lf_count(n, b, sizeof b));
	return xstrdup(_("no scores in 14 days"));
}

/* Under a chart of w cells: where it starts and where it ends. */
static void axis(struct ctx *k, int y, int w, const char *from, const char *to)
{
	int fw = tui_text_width(from), tw = tui_text_width(to);

	text(k, y, 0, fw, from, TUI_ALIGN_LEFT, TUI_ATTR_MUTED);
	if (fw + 1 + tw <= w)
		text(k, y, w - tw, tw, to, TUI_ALIGN_LEFT, TUI_ATTR_MUTED);
}

static void draw_trends(struct ctx *k, bool wide)
{
	const struct dash_doc *d = &k->v->doc;
	char *note = hour_note(k->v), *cs = csat_line(d, wide ? 2 : 1, k->blocks), *cnote = csat_note(d);

	if (!wide) {
		/* One line each: label, chart, what it says. */
		int lw = 14;

		text(k, 0, 0, lw, _("Tickets/hour"), TUI_ALIGN_LEFT, TUI_ATTR_TITLE);
		hour_picks(k, 0, lw, 1);
		text(k, 0, lw + DASH_HOURS + 1, k->r.w - lw - DASH_HOURS - 1, note, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
		text(k, 1, 0, lw, _("Satisfaction"), TUI_ALIGN_LEFT, TUI_ATTR_TITLE);
		text(k, 1, lw, DASH_DAYS, cs, TUI_ALIGN_LEFT, TUI_ATTR_KEY);
		text(k, 1, lw + DASH_HOURS + 1, k->r.w - lw - DASH_HOURS - 1, cnote, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
	} else {
		char *l1 = xasprintf(_("Tickets created per hour, last 24 hours: %s"), note);
		char *l4 = xasprintf(_("Satisfaction per day, last 14 days (1 to 5): %s"), cnote);

		title(k, _("Trends"));
		text(k, 1, 0, k->r.w, l1, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
		hour_picks(k, 2, 0, 2);
		axis(k, 3, 2 * DASH_HOURS, _("-24h"), _("now"));
		text(k, 4, 0, k->r.w, l4, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
		text(k, 5, 0, 2 * DASH_DAYS, cs, TUI_ALIGN_LEFT, TUI_ATTR_KEY);
		axis(k, 6, 2 * DASH_DAYS, _("-14d"), _("today"));
		free(l1);
		free(l4);
	}
	free(note);
	free(cs);
	free(cnote);
}

/* The selected agent's row, so that the table scrolls to it. */
static void agents_scroll(struct dash_view *v, size_t rows)
{
	const struct dash_doc *d = &v->doc;

	if (rows == 0)
		return;
	if (v->sel_metric != NULL &&
	    (strcmp(v->sel_metric, "agent_open") == 0 || strcmp(v->sel_metric, "agent_resolved") == 0))
		for (size_t i = 0; i < d->nagents; i++)
			if (strcmp(d->agents[i].login, v->sel_key) == 0) {
				if (i < v->agents_top)
					v->agents_top = i;
				else if (i >= v->agents_top + rows)
					v->agents_top = i - rows + 1;
			}
	if (v->agents_top + rows > d->nagents)
		v->agents_top = d->nagents > rows ? d->nagents - rows : 0;
}

static void draw_agents(struct ctx *k, bool wide)
{
	struct dash_view *v = k->v;
	const struct dash_doc *d = &v->doc;
	size_t rows = k->r.h > 1 ? (size_t)(k->r.h - 1) : 0;
	long long most = 1;
	/* Columns from the right: CSAT, first response, resolved, (bar), open. */
	int csat_w = 10, frt_w = 9, bar_w = wide ? 12 : 0;
	int x_csat = k->r.w - csat_w, x_frt = x_csat - frt_w - 1, x_res = x_frt - NUM_W - 1;
	int x_bar = x_res - bar_w - (wide ? 1 : 0), x_open = x_bar - NUM_W - 1, name_w = x_open - 1;
	char *head;

	agents_scroll(v, rows);
	/* The title is the name column's header: one more agent on 80x24. */
	if (d->nagents > rows && rows > 0)
		head = xasprintf(_("Agents (%zu-%zu of %zu)"), v->agents_top + 1,
				 v->agents_top + rows < d->nagents ? v->agents_top + rows : d->nagents, d->nagents);
	else
		head = xstrdup(_("Agents"));
	text(k, 0, 0, name_w, head, TUI_ALIGN_LEFT, TUI_ATTR_HEADER);
	free(head);
	/* "Open" here counts open tickets; the key that opens is another word. */
	text(k, 0, x_open, NUM_W, i18n_pgettext("column", NC_("column", "Open")), TUI_ALIGN_RIGHT, TUI_ATTR_HEADER);
	if (wide)
		text(k, 0, x_bar, bar_w, "", TUI_ALIGN_LEFT, TUI_ATTR_HEADER);
	text(k, 0, x_res, NUM_W, _("Today"), TUI_ALIGN_RIGHT, TUI_ATTR_HEADER);
	text(k, 0, x_frt, frt_w, _("1st resp"), TUI_ALIGN_RIGHT, TUI_ATTR_HEADER);
	text(k, 0, x_csat, csat_w, _("CSAT"), TUI_ALIGN_RIGHT, TUI_ATTR_HEADER);
	if (d->nagents == 0)
		text(k, 1, 0, k->r.w, _("No active agents."), TUI_ALIGN_LEFT, TUI_ATTR_MUTED);
	for (size_t i = 0; i < d->nagents; i++)
		most = d->agents[i].open > most ? d->agents[i].open : most;
	for (size_t i = 0; i < d->nagents; i++) {
		const struct dash_agent *a = &d->agents[i];
		bool hidden = i < v->agents_top || i >= v->agents_top + rows;
		int y = 1 + (int)i - (int)v->agents_top;
		char s[LF_BUFSZ], what[96], *who, avg[LF_BUFSZ];

		/* Out of sight, still a place to move to: the table scrolls to it. */
		(void)count_cell(a->open, s, sizeof s);
		snprintf(what, sizeof what, _("Open tickets of %s"), a->login);
		pick(k, y, x_open, NUM_W, s, a->open, "agent_open", a->login, what, TUI_ATTR_NORMAL, hidden);
		(void)count_cell(a->resolved, s, sizeof s);
		snprintf(what, sizeof what, _("Resolved today by %s"), a->login);
		pick(k, y, x_res, NUM_W, s, a->resolved, "agent_resolved", a->login, what, TUI_ATTR_NORMAL, hidden);
		if (hidden)
			continue;
		who = wide ? xasprintf("%s (%s)", a->name, a->login) : xstrdup(a->name);
		text(k, y, 0, name_w, who, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
		free(who);
		if (wide) {
			char *bar = tui_hbar((double)a->open, (double)most, bar_w, k->blocks);

			text(k, y, x_bar, bar_w, bar, TUI_ALIGN_LEFT, TUI_ATTR_KEY);
			free(bar);
		}
		if (a->first_response >= 0)
			minutes_words(a->first_response, s, sizeof s);
		else
			snprintf(s, sizeof s, "-");
		text(k, y, x_frt, frt_w, s, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL);
		if (a->csat >= 0)
			snprintf(s, sizeof s, "%s (%lld)", lf_fixed(a->csat, 1, avg, sizeof avg), a->csat_count);
		else
			snprintf(s, sizeof s, "-");
		text(k, y, x_csat, csat_w, s, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL);
	}
}

void dash_draw(struct dash_view *v, struct tui_canvas *c)
{
	struct dash_layout l;
	struct ctx k = { v, c, { 0, 0, c->r.h, c->r.w }, tui_chart_blocks_here() };

	v->npicks = 0;
	tui_draw_fill(c->win, c->r, TUI_ATTR_NORMAL);
	if (!v->loaded) {
		text(&k, c->r.h / 2, 0, c->r.w, v->error != NULL ? v->error : _("Loading the dashboard…"),
		     TUI_ALIGN_CENTER, v->error != NULL ? TUI_ATTR_ERROR : TUI_ATTR_MUTED);
		return;
	}
	dash_layout(c->r.h, c->r.w, &l);
	k.r = l.sec[DASH_GRID];
	draw_grid(&k);
	k.r = l.sec[DASH_QUEUE];
	draw_queue(&k);
	k.r = l.sec[DASH_OPS];
	draw_ops(&k);
	k.r = l.sec[DASH_REFUNDS];
	draw_refunds(&k);
	k.r = l.sec[DASH_TRENDS];
	draw_trends(&k, l.wide);
	k.r = l.sec[DASH_AGENTS];
	draw_agents(&k, l.wide);
	v->sel = dash_find(v->picks, v->npicks, v->sel_metric, v->sel_key);
	/* The highlighted number went away (a refund kind, an agent): the first one. */
	if (v->sel == v->npicks && v->npicks > 0) {
		v->sel_metric = v->picks[0].metric;
		snprintf(v->sel_key, sizeof v->sel_key, "%s", v->picks[0].key);
		dash_draw(v, c);
	}
}
