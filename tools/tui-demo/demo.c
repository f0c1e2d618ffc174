/* A playground for the toolkit: a million fake rows behind an asynchronous source
 * with a delay, a detail pane, a form, capabilities.  Not built by default:
 * tools/tui-demo/build.sh.  DEMO_ROWS and DEMO_LATENCY_MS change the source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fatal.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/tui.h"

#define CAP_NOTE 1ull
#define CAP_CANCEL 2ull

static long nrows = 1000000;
static long latency = 20;

static const char *const names[] = {
	"Şükrü Öztürk", "Árvíztűrő Tükörfúrógép", "İsmail Çağlar", "Ödön Győri",
	"田中太郎", "Zoë Ångström", "Evil \x1b[2J\x1b]0;pwned\x07 Name", "Gülşen Ünal",
};
static const char *const statuses[] = { "paid", "packed", "shipped", "delivered", "cancelled" };

struct pending {
	struct tui_table *t;
	unsigned long id, timer;
	struct tui_fetch f;
	long anchor;
	char *seek, *filter;
	struct source *src;
	struct pending *next;
};

struct source {
	struct tui_loop *loop;
	struct pending *pending;
	int slot_work;
	struct tui_ui *ui;
};

static bool passes(long id, const char *filter)
{
	return filter == NULL || strcmp(filter, "late") != 0 || id % 7 == 0;
}

/* The next id in display order after `id` (0: none); desc is the natural order. */
static long step(long id, int dir, bool desc, const char *filter)
{
	long d = (desc ? -1 : 1) * dir;

	for (id += d; id >= 1 && id <= nrows; id += d)
		if (passes(id, filter))
			return id;
	return 0;
}

static struct tui_row *make_row(long id)
{
	struct tui_row *r = tui_row_new(6);
	long *key = xmalloc(sizeof *key);

	*key = id;
	tui_row_take(r, 0, xasprintf("SO-%07ld", id));
	tui_row_take(r, 1, xasprintf("2026-%02ld-%02ld", 1 + id % 12, 1 + id % 28));
	tui_row_set(r, 2, names[id % 8]);
	tui_row_set(r, 3, statuses[id % 5]);
	tui_row_take(r, 4, xasprintf("%ld.%02ld TRY", id % 5000, id % 100));
	tui_row_take(r, 5, xasprintf("2026-11-%02ld", 1 + id % 28));
	if (id % 7 == 0)
		tui_row_set_cell_role(r, 5, TUI_ATTR_LATE);
	tui_row_set_key(r, key);
	return r;
}

static void answer(void *arg)
{
	struct pending *p = arg, **pp;
	struct source *src = p->src;
	bool desc = !p->f.sort_desc;
	struct tui_row **rows = xcalloc(p->f.count, sizeof *rows);
	size_t n = 0;
	long id = 0;
	bool end = false;
	int dir = 1;

	for (pp = &src->pending; *pp != p; pp = &(*pp)->next)
		;
	*pp = p->next;
	switch (p->f.dir) {
	case TUI_FETCH_FIRST:
		id = step(desc ? nrows + 1 : 0, 1, desc, p->filter);
		break;
	case TUI_FETCH_LAST:
		id = step(desc ? 0 : nrows + 1, -1, desc, p->filter);
		dir = -1;
		break;
	case TUI_FETCH_AFTER:
		id = step(p->anchor, 1, desc, p->filter);
		break;
	case TUI_FETCH_BEFORE:
		id = step(p->anchor, -1, desc, p->filter);
		dir = -1;
		break;
	case TUI_FETCH_AT:
		id = passes(p->anchor, p->filter) ? p->anchor : step(p->anchor, 1, desc, p->filter);
		break;
	case TUI_FETCH_SEEK: {
		const char *s = p->seek;

		while (*s != '\0' && (*s < '0' || *s > '9'))
			s++;
		id = strtol(s, NULL, 10);
		if (id < 1 || id > nrows)
			id = 0;
		else if (!passes(id, p->filter))
			id = step(id, 1, desc, p->filter);
		break;
	}
	}
	while (id != 0 && n < p->f.count) {
		rows[n++] = make_row(id);
		id = step(id, dir, desc, p->filter);
	}
	end = id == 0;
	if (dir < 0)
		for (size_t i = 0; i < n / 2; i++) {
			struct tui_row *tmp = rows[i];

			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = tmp;
		}
	tui_table_deliver(p->t, p->id, rows, n, end);
	free(rows);
	free(p->seek);
	free(p->filter);
	free(p);
	tui_status_spinner(tui_ui_status(src->ui), src->slot_work, src->pending != NULL);
}

static void src_fetch(void *arg, struct tui_table *t, const struct tui_fetch *f)
{
	struct source *src = arg;
	struct pending *p = xcalloc(1, sizeof *p);

	p->t = t;
	p->id = f->id;
	p->f = *f;
	p->anchor = f->anchor != NULL ? *(const long *)f->anchor : 0;
	p->seek = f->seek != NULL ? xstrdup(f->seek) : NULL;
	p->filter = f->filter != NULL ? xstrdup(f->filter) : NULL;
	p->f.seek = p->f.filter = NULL;
	p->f.anchor = NULL;
	p->src = src;
	p->next = src->pending;
	src->pending = p;
	p->timer = tui_loop_timer(src->loop, latency, answer, p);
	tui_status_spinner(tui_ui_status(src->ui), src->slot_work, true);
}

static void src_cancel(void *arg, unsigned long id)
{
	struct source *src = arg;

	for (struct pending **pp = &src->pending; *pp != NULL; pp = &(*pp)->next)
		if ((*pp)->id == id) {
			struct pending *p = *pp;

			*pp = p->next;
			tui_loop_remove(src->loop, p->timer);
			free(p->seek);
			free(p->filter);
			free(p);
			return;
		}
}

static bool same_key(const void *a, const void *b)
{
	return *(const long *)a == *(const long *)b;
}

static const struct tui_source_ops source_ops = { src_fetch, src_cancel, same_key, free };

static const struct tui_column columns[] = {
	{ N_("Number"), 10, 0, TUI_ALIGN_LEFT, TUI_COL_SORTABLE },
	{ N_("Date"), 10, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
	{ N_("Customer"), 12, 3, TUI_ALIGN_LEFT, 0 },
	{ N_("Status"), 9, 0, TUI_ALIGN_LEFT, 0 },
	{ N_("Total"), 12, 0, TUI_ALIGN_RIGHT, 0 },
	{ N_("Ship by"), 10, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
};

enum { REQ_NOTE = TUI_REQ_VIEW, REQ_CANCEL_IT, REQ_LATE };

static const struct tui_binding list_keys[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected line"), 0 },
	{ REQ_NOTE, "F7 n", N_("Note"), N_("Write a note about the selected line"), CAP_NOTE },
	{ REQ_CANCEL_IT, "F8 c", N_("Cancel"), N_("Cancel the selected line"), CAP_CANCEL },
	{ REQ_LATE, "l", N_("Late"), N_("Show only late lines (again: all)"), 0 },
};

static const char *const kinds[] = { N_("call"), N_("e-mail"), N_("chat"), NULL };

static char *check_money(const char *v, void *arg)
{
	(void)arg;
	return strchr(v, '.') == NULL ? xstrdup(_("write the amount with a dot: 12.50")) : NULL;
}

static const struct tui_field_spec note_fields[] = {
	{ TUI_FIELD_TEXT, N_("Subject"), true, 60, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_CHOICE, N_("Kind"), false, 0, 0, 0, kinds, 0, NULL },
	{ TUI_FIELD_NUMBER, N_("Minutes"), false, 0, 0, 600, NULL, 0, NULL },
	{ TUI_FIELD_MONEY, N_("Goodwill"), false, 12, 0, 0, NULL, 0, check_money },
	{ TUI_FIELD_DATE, N_("Call back on"), false, 10, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_MULTILINE, N_("Text"), false, 2000, 0, 0, NULL, 4, NULL },
};

struct list_view {
	struct tui_form *note;
	struct tui_pane *pane;
};

static bool note_submit(struct tui_form *f, void *arg)
{
	struct list_view *v = arg;

	tui_ui_message(tui_pane_ui(v->pane), TUI_MSG_SUCCESS, _("note saved: %s"),
		       tui_form_value(f, 0));
	for (size_t i = 0; i < tui_form_nfields(f); i++)
		tui_form_set_value(f, i, "");
	tui_form_mark_saved(f);
	return true;
}

static void detail_draw(struct tui_pane *p, struct tui_canvas *c)
{
	const char *text = tui_pane_data(p);
	char **lines;
	size_t n = tui_text_wrap(text, c->r.w - 2, &lines);

	for (size_t i = 0; i < n; i++) {
		if ((int)i < c->r.h)
			tui_draw_text(c->win, c->r.y + (int)i, c->r.x + 1, c->r.w - 2, lines[i],
				      TUI_ALIGN_LEFT, TUI_ATTR_NORMAL);
		free(lines[i]);
	}
	free(lines);
}

static void detail_destroy(struct tui_pane *p)
{
	free(tui_pane_data(p));
}

static const struct tui_pane_ops detail_ops = {
	.kind = "detail", .draw = detail_draw, .destroy = detail_destroy,
};

static unsigned list_request(struct tui_pane *p, int req)
{
	struct list_view *v = tui_pane_data(p);
	struct tui_table *t = tui_table_pane_table(p);
	const struct tui_row *row = tui_table_selected(t);
	struct tui_form_hooks h = { note_submit, NULL, v, NULL };

	switch (req) {
	case TUI_REQ_ENTER: {
		struct tui_pane *d;

		if (row == NULL)
			return TUI_HANDLED;
		d = tui_pane_new(&detail_ops, xasprintf("%s\n\n%s — %s\n%s\nLate: %s", tui_row_cell(row, 0),
							tui_row_cell(row, 2), tui_row_cell(row, 3),
							tui_row_cell(row, 4),
							tui_row_role(row, 5) == TUI_ATTR_LATE ? "yes" : "no"));
		tui_pane_set_title(d, tui_row_cell(row, 0));
		tui_ui_push(tui_pane_ui(p), d);
		return TUI_HANDLED;
	}
	case REQ_NOTE:
		tui_form_show(tui_pane_ui(p), v->note, &h);
		return TUI_HANDLED;
	case REQ_CANCEL_IT:
		return TUI_HANDLED;
	case REQ_LATE:
		tui_table_set_filter(t, tui_table_filter(t) != NULL ? NULL : "late");
		tui_pane_set_info(p, tui_table_filter(t) != NULL ? _("filter: late") : NULL);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static bool list_unsaved(struct tui_pane *p)
{
	struct list_view *v = tui_pane_data(p);

	return tui_form_modified(v->note);
}

static void list_destroy(struct tui_pane *p)
{
	struct list_view *v = tui_pane_data(p);

	tui_form_free(v->note);
	free(v);
}

static const struct tui_pane_ops list_ops = {
	.kind = "list",
	.bindings = list_keys,
	.nbindings = sizeof list_keys / sizeof list_keys[0],
	.keys_title = N_("Orders-like list"),
	.on_request = list_request,
	.unsaved = list_unsaved,
	.destroy = list_destroy,
};

static void on_command(struct tui_ui *ui, const char *line, void *arg)
{
	(void)arg;
	if (strcmp(line, "quit") == 0)
		tui_loop_quit(tui_ui_loop(ui), 0);
	else
		tui_ui_message(ui, TUI_MSG_WARNING, _("unknown command: %s"), line);
}

int main(void)
{
	struct tui_loop *loop;
	struct tui_ui *ui;
	struct source src = { 0 };
	struct tui_ui_hooks hooks = { NULL, on_command, NULL, NULL, NULL };
	struct tui_screen_opts opts = { TUI_THEME_DEFAULT, false, 0 };
	struct list_view *v = xcalloc(1, sizeof *v);
	struct tui_pane *list, *list2;
	char *err = NULL;
	int slot, rc;

	i18n_init();
	if (getenv("DEMO_ROWS") != NULL)
		nrows = strtol(getenv("DEMO_ROWS"), NULL, 10);
	if (getenv("DEMO_LATENCY_MS") != NULL)
		latency = strtol(getenv("DEMO_LATENCY_MS"), NULL, 10);
	if (getenv("DEMO_MOUSE") != NULL)
		opts.mouse = true;
	if (getenv("DEMO_THEME") != NULL)
		(void)tui_theme_parse(getenv("DEMO_THEME"), &opts.theme);
	loop = tui_loop_new();
	ui = tui_ui_new(loop, &hooks);
	src.loop = loop;
	src.ui = ui;
	tui_ui_set_caps(ui, CAP_NOTE);
	slot = tui_status_add(tui_ui_status(ui), TUI_SIDE_LEFT);
	tui_status_set(tui_ui_status(ui), slot, "ayse (agent)", TUI_ATTR_STATUS);
	slot = tui_status_add(tui_ui_status(ui), TUI_SIDE_LEFT);
	tui_status_set(tui_ui_status(ui), slot, "demo", TUI_ATTR_STATUS);
	src.slot_work = tui_status_add(tui_ui_status(ui), TUI_SIDE_RIGHT);
	slot = tui_status_add(tui_ui_status(ui), TUI_SIDE_RIGHT);
	tui_status_set(tui_ui_status(ui), slot, "connected", TUI_ATTR_STATUS);
	v->note = tui_form_new(_("Note"), note_fields, sizeof note_fields / sizeof note_fields[0], NULL);
	list = tui_table_pane_new(tui_table_new(columns, 6, &source_ops, &src), &list_ops, v);
	v->pane = list;
	tui_pane_set_title(list, _("All lines"));
	list2 = tui_table_pane_new(tui_table_new(columns, 6, &source_ops, &src), NULL, NULL);
	(void)tui_ui_add_tab(ui, _("Lines"), list);
	(void)tui_ui_add_tab(ui, _("Same again"), list2);
	if (tui_ui_start(ui, &opts, &err) != 0) {
		fprintf(stderr, "tui-demo: %s\n", err);
		free(err);
		tui_ui_free(ui);
		tui_loop_free(loop);
		return 1;
	}
	rc = tui_loop_run(loop);
	tui_ui_free(ui);
	while (src.pending != NULL)
		src_cancel(&src, src.pending->id);
	tui_loop_free(loop);
	return rc;
}
