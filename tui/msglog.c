#include "tui/msglog.h"

#include <stdlib.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/doc.h"
#include "tui/utf8.h"

struct entry {
	char *text;
	enum tui_severity sev;
	time_t when;
};

struct tui_msglog {
	struct entry *v; /* a ring: v[(first + i) % max], i = 0 the oldest */
	size_t max, n, first;
};

struct tui_msglog *tui_msglog_new(size_t max)
{
	struct tui_msglog *log = xcalloc(1, sizeof *log);

	log->max = max > 0 ? max : 1;
	log->v = xcalloc(log->max, sizeof *log->v);
	return log;
}

void tui_msglog_free(struct tui_msglog *log)
{
	if (log == NULL)
		return;
	for (size_t i = 0; i < log->max; i++)
		free(log->v[i].text);
	free(log->v);
	free(log);
}

void tui_msglog_add(struct tui_msglog *log, enum tui_severity sev, const char *text, time_t when)
{
	struct entry *e;

	if (log->n < log->max) {
		e = &log->v[(log->first + log->n++) % log->max];
	} else {
		e = &log->v[log->first];
		log->first = (log->first + 1) % log->max;
		free(e->text);
	}
	e->text = xstrdup(text);
	e->sev = sev;
	e->when = when;
}

size_t tui_msglog_count(const struct tui_msglog *log)
{
	return log->n;
}

const char *tui_msglog_get(const struct tui_msglog *log, size_t i, enum tui_severity *sev,
			   time_t *when)
{
	const struct entry *e;

	if (i >= log->n)
		return NULL;
	e = &log->v[(log->first + log->n - 1 - i) % log->max];
	if (sev != NULL)
		*sev = e->sev;
	if (when != NULL)
		*when = e->when;
	return e->text;
}

/* ---- the dialog ---- */

/* The time column: "14:05:31". */
#define TIME_CELLS 8

struct view {
	struct tui_msglog *copy;
	int width; /* what the document is wrapped to */
};

/* As the help's (tui/help.c): q closes this, as in every read-only overlay. */
const struct tui_binding tui_msglog_keys[] = {
	{ TUI_REQ_BACK, "Esc q F10 Enter", N_("Close"), N_("Close the messages"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Scroll up"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Scroll down"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Scroll up a page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn Space", N_("PgDn"), N_("Scroll down a page"), 0 },
	{ TUI_REQ_HOME, "Home", N_("Top"), N_("To the newest"), 0 },
	{ TUI_REQ_END, "End G", N_("Bottom"), N_("To the oldest"), 0 },
};
const size_t tui_msglog_nkeys = sizeof tui_msglog_keys / sizeof tui_msglog_keys[0];

static void fill(struct tui_doc *d, const struct tui_msglog *log, int width)
{
	int tw = width - 1 - TIME_CELLS - 1; /* the doc's margin, the time, a space */

	tui_doc_clear(d);
	if (log->n == 0) {
		tui_doc_text(d, TUI_ATTR_MUTED, _("No messages yet."));
		return;
	}
	if (tw < 10)
		tw = 10;
	for (size_t i = 0; i < log->n; i++) {
		enum tui_severity sev = TUI_MSG_INFO;
		time_t when = 0;
		const char *text = tui_msglog_get(log, i, &sev, &when);
		char stamp[16] = "";
		struct tm tm;
		char **lines;
		size_t n = tui_text_wrap(text, tw, &lines);

		if (localtime_r(&when, &tm) == NULL ||
		    strftime(stamp, sizeof stamp, "%H:%M:%S", &tm) == 0)
			stamp[0] = '\0';
		for (size_t j = 0; j < n; j++) {
			const struct tui_doc_cell c[2] = {
				{ j == 0 ? stamp : "", TIME_CELLS, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
				{ lines[j], 0, TUI_ALIGN_LEFT, tui_toast_role(sev) },
			};

			tui_doc_cells(d, c, 2);
			free(lines[j]);
		}
		free(lines);
	}
}

static void on_resize(struct tui_pane *p, struct tui_rect r)
{
	struct view *v = tui_pane_data(p);

	if (r.w == v->width)
		return;
	v->width = r.w;
	fill(tui_doc_pane_doc(p), v->copy, r.w);
}

static unsigned on_request(struct tui_pane *p, int req)
{
	(void)p;
	return req == TUI_REQ_BACK ? TUI_HANDLED | TUI_CLOSE : TUI_IGNORED;
}

static void destroy(struct tui_pane *p)
{
	struct view *v = tui_pane_data(p);

	tui_msglog_free(v->copy);
	free(v);
}

static const struct tui_pane_ops ops = {
	.kind = "messages",
	.bindings = tui_msglog_keys,
	.nbindings = sizeof tui_msglog_keys / sizeof tui_msglog_keys[0],
	.keys_title = N_("Messages"),
	.on_request = on_request,
	.on_resize = on_resize,
	.destroy = destroy,
};

struct tui_pane *tui_msglog_pane_new(const struct tui_msglog *log)
{
	struct view *v = xcalloc(1, sizeof *v);
	struct tui_pane *p;

	v->copy = tui_msglog_new(log->max);
	for (size_t i = log->n; i-- > 0;) {
		enum tui_severity sev = TUI_MSG_INFO;
		time_t when = 0;
		const char *text = tui_msglog_get(log, i, &sev, &when);

		tui_msglog_add(v->copy, sev, text, when);
	}
	p = tui_doc_pane_new(tui_doc_new(), &ops, v);
	fill(tui_doc_pane_doc(p), v->copy, 76);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS);
	tui_pane_set_title(p, _("Messages"));
	return p;
}
