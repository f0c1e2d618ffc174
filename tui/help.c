#include "tui/help.h"

#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "tui/utf8.h"

struct line {
	char *group; /* a heading line when set */
	char *keys, *text;
};

/* A row on the screen: a heading, or keys and a piece of their text (a long
 * text goes on over the next rows, under itself, so nothing is cut). */
struct row {
	const char *group, *keys; /* into the lines; keys NULL on a continuation */
	char *text;
};

struct help {
	struct line *v;
	size_t n, cap;
	char *last_group;
	struct row *rows;
	size_t nrows, rcap;
	int width, kw; /* what the rows were wrapped for */
	long top;
	int page, keyw;
};

/* Like every read-only overlay's (the messages, a list to pick from): letters mean
 * what they mean on the screens (j, k, G) except q, which closes the overlay
 * instead of quitting from under it, as in less; g (the lookup on every screen)
 * means nothing here.  tests/unit/test_views_keys.c holds them to that. */
const struct tui_binding tui_help_keys[] = {
	{ TUI_REQ_BACK, "Esc q F1 ? F10 Enter", N_("Close"), N_("Close the help"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Scroll up"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Scroll down"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Scroll up a page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn Space", N_("PgDn"), N_("Scroll down a page"), 0 },
	{ TUI_REQ_HOME, "Home", N_("Top"), N_("To the top"), 0 },
	{ TUI_REQ_END, "End G", N_("Bottom"), N_("To the bottom"), 0 },
};
const size_t tui_help_nkeys = sizeof tui_help_keys / sizeof tui_help_keys[0];

static void add(struct help *h, const char *group, const char *keys, const char *text)
{
	h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n].group = group != NULL ? xstrdup(group) : NULL;
	h->v[h->n].keys = keys != NULL ? xstrdup(keys) : NULL;
	h->v[h->n].text = text != NULL ? xstrdup(text) : NULL;
	h->n++;
}

static void collect(void *arg, const char *group, const char *keys, const char *text)
{
	struct help *h = arg;
	int w;

	if (h->last_group == NULL || strcmp(h->last_group, group) != 0) {
		if (h->n > 0)
			add(h, NULL, NULL, NULL);
		add(h, group, NULL, NULL);
		free(h->last_group);
		h->last_group = xstrdup(group);
	}
	add(h, NULL, keys, text);
	w = tui_text_width(keys);
	if (w > h->keyw)
		h->keyw = w;
}

static void build(struct help *h, const struct tui_keyctx *ctx, const struct tui_help_more *more)
{
	tui_keys_help(ctx, collect, h);
	if (more != NULL && more->fn != NULL)
		more->fn(more->arg, ctx->caps, collect, h);
	if (h->keyw > 24)
		h->keyw = 24;
}

static void free_rows(struct help *h)
{
	for (size_t i = 0; i < h->nrows; i++)
		free(h->rows[i].text);
	h->nrows = 0;
}

static void add_row(struct help *h, const char *group, const char *keys, char *text)
{
	h->rows = xgrow(h->rows, &h->rcap, h->nrows + 1, sizeof *h->rows);
	h->rows[h->nrows].group = group;
	h->rows[h->nrows].keys = keys;
	h->rows[h->nrows].text = text;
	h->nrows++;
}

/* The rows for a dialog `width` cells wide inside: headings at 1, keys at 2 in a
 * column of kw cells, the text at 4 + kw up to one cell before the edge. */
static void wrap_rows(struct help *h, int width)
{
	int kw = h->keyw < width / 2 ? h->keyw : width / 2;
	int tw = width - kw - 5;

	if (tw < 8)
		tw = 8;
	free_rows(h);
	h->width = width;
	h->kw = kw;
	for (size_t i = 0; i < h->n; i++) {
		const struct line *l = &h->v[i];
		char **parts;
		size_t np;

		if (l->keys == NULL) {
			add_row(h, l->group, NULL, NULL);
			continue;
		}
		/* Keys wider than their column get a row of their own. */
		if (tui_text_width(l->keys) > kw)
			add_row(h, NULL, l->keys, NULL);
		np = tui_text_wrap(l->text, tw, &parts);
		for (size_t j = 0; j < np; j++)
			add_row(h, NULL, j == 0 && tui_text_width(l->keys) <= kw ? l->keys : NULL,
				parts[j]);
		free(parts);
	}
}

static void free_lines(struct help *h)
{
	free_rows(h);
	free(h->rows);
	free(h->last_group);
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].group);
		free(h->v[i].keys);
		free(h->v[i].text);
	}
	free(h->v);
}

size_t tui_help_lines(const struct tui_keyctx *ctx, const struct tui_help_more *more, char ***out)
{
	struct help h = { 0 };
	char **v;

	build(&h, ctx, more);
	v = xcalloc(h.n, sizeof *v);
	for (size_t i = 0; i < h.n; i++) {
		if (h.v[i].group != NULL)
			v[i] = xasprintf("%s:", h.v[i].group);
		else if (h.v[i].keys != NULL)
			v[i] = xasprintf("%s  %s", h.v[i].keys, h.v[i].text);
		else
			v[i] = xstrdup("");
	}
	*out = v;
	free_lines(&h);
	return h.n;
}

size_t tui_help_rows(const struct tui_keyctx *ctx, const struct tui_help_more *more, int width,
		     char ***out)
{
	struct help h = { 0 };
	char **v;
	size_t n;

	build(&h, ctx, more);
	wrap_rows(&h, width);
	v = xcalloc(h.nrows > 0 ? h.nrows : 1, sizeof *v);
	for (size_t i = 0; i < h.nrows; i++) {
		const struct row *r = &h.rows[i];

		if (r->group != NULL)
			v[i] = xasprintf(" %s", r->group);
		else if (r->text == NULL && r->keys != NULL)
			v[i] = xasprintf("  %s", r->keys);
		else if (r->text != NULL) {
			char *k = tui_text_fit(r->keys != NULL ? r->keys : "", h.kw, TUI_ALIGN_LEFT);

			v[i] = xasprintf("  %s  %s", k, r->text);
			free(k);
		} else
			v[i] = xstrdup("");
	}
	n = h.nrows;
	*out = v;
	free_lines(&h);
	return n;
}

static void clamp(struct help *h)
{
	long max = (long)h->nrows - h->page;

	if (h->top > max)
		h->top = max;
	if (h->top < 0)
		h->top = 0;
}

static unsigned help_request(struct tui_pane *p, int req)
{
	struct help *h = tui_pane_data(p);

	switch (req) {
	case TUI_REQ_BACK:
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_UP:
		h->top--;
		break;
	case TUI_REQ_DOWN:
		h->top++;
		break;
	case TUI_REQ_PAGE_UP:
		h->top -= h->page;
		break;
	case TUI_REQ_PAGE_DOWN:
		h->top += h->page;
		break;
	case TUI_REQ_HOME:
		h->top = 0;
		break;
	case TUI_REQ_END:
		h->top = (long)h->nrows;
		break;
	default:
		return TUI_IGNORED;
	}
	clamp(h);
	return TUI_HANDLED | TUI_REDRAW;
}

static void help_resize(struct tui_pane *p, struct tui_rect r)
{
	struct help *h = tui_pane_data(p);

	h->page = r.h;
	if (r.w != h->width)
		wrap_rows(h, r.w);
	clamp(h);
}

static void help_draw(struct tui_pane *p, struct tui_canvas *c)
{
	struct help *h = tui_pane_data(p);
	int kw;

	if (c->r.w != h->width)
		wrap_rows(h, c->r.w);
	kw = h->kw;
	for (int y = 0; y < c->r.h; y++) {
		long i = h->top + y;
		const struct row *l;

		if (i >= (long)h->nrows)
			break;
		l = &h->rows[i];
		if (l->group != NULL) {
			tui_draw_text(c->win, c->r.y + y, c->r.x + 1, c->r.w - 2, l->group,
				      TUI_ALIGN_LEFT, TUI_ATTR_TITLE);
			continue;
		}
		if (l->keys != NULL)
			tui_draw_text(c->win, c->r.y + y, c->r.x + 2,
				      l->text != NULL ? kw : c->r.w - 3, l->keys, TUI_ALIGN_LEFT,
				      TUI_ATTR_KEY);
		if (l->text != NULL)
			tui_draw_text(c->win, c->r.y + y, c->r.x + 4 + kw, c->r.w - kw - 5, l->text,
				      TUI_ALIGN_LEFT, TUI_ATTR_DIALOG);
	}
}

static void help_destroy(struct tui_pane *p)
{
	struct help *h = tui_pane_data(p);

	free_lines(h);
	free(h);
}

static const struct tui_pane_ops help_ops = {
	.kind = "help",
	.bindings = tui_help_keys,
	.nbindings = sizeof tui_help_keys / sizeof tui_help_keys[0],
	.keys_title = N_("Help"),
	.draw = help_draw,
	.on_request = help_request,
	.on_resize = help_resize,
	.destroy = help_destroy,
};

struct tui_pane *tui_help_new(const struct tui_keyctx *ctx, const struct tui_help_more *more)
{
	struct help *h = xcalloc(1, sizeof *h);
	struct tui_pane *p;

	build(h, ctx, more);
	wrap_rows(h, 76);
	p = tui_pane_new(&help_ops, h);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS);
	tui_pane_set_title(p, _("Keys"));
	return p;
}

void tui_help_scroll_to(struct tui_pane *p, const char *group)
{
	struct help *h = tui_pane_data(p);

	for (size_t i = 0; i < h->nrows; i++)
		if (h->rows[i].group != NULL && strcmp(h->rows[i].group, group) == 0) {
			h->top = (long)i;
			clamp(h);
			tui_pane_dirty(p);
			return;
		}
}
