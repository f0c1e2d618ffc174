#include "tui/pane.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/ui.h"

struct tui_pane {
	const struct tui_pane_ops *ops, *base;
	void *data, *base_data;
	void (*base_free)(void *);
	struct tui_keymap *keys, *base_keys;
	/* The view's bindings when one was relabelled: a copy, with its own labels. */
	struct tui_binding *own;
	char **own_labels;
	struct tui_ui *ui;
	struct tui_rect rect;
	char *title, *info;
	unsigned flags;
	int want_h, want_w;
};

static const struct tui_pane_ops no_ops = { .kind = "none" };

struct tui_pane *tui_pane_new(const struct tui_pane_ops *ops, void *data)
{
	struct tui_pane *p = xcalloc(1, sizeof *p);

	p->ops = ops != NULL ? ops : &no_ops;
	p->base = &no_ops;
	p->data = data;
	if (p->ops->nbindings > 0)
		p->keys = tui_keymap_new(p->ops->bindings, p->ops->nbindings, p->ops->keys_title);
	return p;
}

void tui_pane_set_base(struct tui_pane *p, const struct tui_pane_ops *base, void *base_data,
		       void (*base_free)(void *))
{
	p->base = base != NULL ? base : &no_ops;
	p->base_data = base_data;
	p->base_free = base_free;
	tui_keymap_free(p->base_keys);
	p->base_keys = NULL;
	if (p->base->nbindings > 0)
		p->base_keys = tui_keymap_new(p->base->bindings, p->base->nbindings,
					      p->base->keys_title);
}

void tui_pane_free(struct tui_pane *p)
{
	if (p == NULL)
		return;
	/* The widget first: a table may still ask its row source (owned by the view)
	 * to stop a page in flight, so the view's own things go after it. */
	if (p->base_free != NULL)
		p->base_free(p->base_data);
	if (p->ops->destroy != NULL)
		p->ops->destroy(p);
	tui_keymap_free(p->keys);
	tui_keymap_free(p->base_keys);
	if (p->own_labels != NULL)
		for (size_t i = 0; i < 2 * p->ops->nbindings; i++)
			free(p->own_labels[i]);
	free(p->own_labels);
	free(p->own);
	free(p->title);
	free(p->info);
	free(p);
}

void tui_pane_relabel(struct tui_pane *p, int request, const char *label, const char *help)
{
	size_t n = p->ops->nbindings;

	if (p->own == NULL) {
		p->own = xcalloc(n, sizeof *p->own);
		p->own_labels = xcalloc(2 * n, sizeof *p->own_labels);
		for (size_t i = 0; i < n; i++)
			p->own[i] = p->ops->bindings[i];
	}
	for (size_t i = 0; i < n; i++) {
		if (p->own[i].request != request)
			continue;
		if (label != NULL) {
			free(p->own_labels[i]);
			p->own_labels[i] = xstrdup(label);
			p->own[i].label = p->own_labels[i];
		}
		if (help != NULL) {
			free(p->own_labels[n + i]);
			p->own_labels[n + i] = xstrdup(help);
			p->own[i].help = p->own_labels[n + i];
		}
	}
	tui_keymap_free(p->keys);
	p->keys = tui_keymap_new(p->own, n, p->ops->keys_title);
}

void *tui_pane_data(const struct tui_pane *p)
{
	return p->data;
}

void tui_pane_set_data(struct tui_pane *p, void *data)
{
	p->data = data;
}

void *tui_pane_base_data(const struct tui_pane *p)
{
	return p->base_data;
}

struct tui_ui *tui_pane_ui(const struct tui_pane *p)
{
	return p->ui;
}

struct tui_rect tui_pane_rect(const struct tui_pane *p)
{
	return p->rect;
}

size_t tui_pane_keymaps(const struct tui_pane *p, const struct tui_keymap **out)
{
	size_t n = 0;

	if (p->keys != NULL)
		out[n++] = p->keys;
	if (p->base_keys != NULL)
		out[n++] = p->base_keys;
	return n;
}

int tui_pane_key_request(const struct tui_pane *p, tui_key key)
{
	struct tui_keyctx ctx;
	struct tui_resolved r;

	memset(&ctx, 0, sizeof ctx);
	ctx.nmaps = tui_pane_keymaps(p, ctx.maps);
	ctx.caps = ~(tui_caps)0;
	return tui_keys_resolve(&ctx, key, &r) ? r.request : TUI_REQ_NONE;
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL && s[0] != '\0' ? xstrdup(s) : NULL;
}

void tui_pane_set_title(struct tui_pane *p, const char *title)
{
	set_str(&p->title, title);
	tui_pane_dirty(p);
}

void tui_pane_set_info(struct tui_pane *p, const char *info)
{
	set_str(&p->info, info);
	tui_pane_dirty(p);
}

const char *tui_pane_title(const struct tui_pane *p)
{
	return p->title;
}

const char *tui_pane_info(const struct tui_pane *p)
{
	return p->info;
}

void tui_pane_set_flags(struct tui_pane *p, unsigned flags)
{
	p->flags = flags;
}

unsigned tui_pane_flags(const struct tui_pane *p)
{
	return p->flags;
}

void tui_pane_set_size(struct tui_pane *p, int h, int w)
{
	p->want_h = h;
	p->want_w = w;
}

void tui_pane_size(const struct tui_pane *p, int *h, int *w)
{
	*h = p->want_h;
	*w = p->want_w;
}

void tui_pane_dirty(struct tui_pane *p)
{
	if (p->ui != NULL)
		tui_ui_dirty_pane(p->ui, p);
}

void tui_pane_message(struct tui_pane *p, bool error, const char *text)
{
	if (p->ui != NULL)
		tui_ui_message(p->ui, error ? TUI_MSG_ERROR : TUI_MSG_INFO, "%s", text);
}

void tui_pane_draw(struct tui_pane *p, struct tui_canvas *c)
{
	if (p->ops->draw != NULL)
		p->ops->draw(p, c);
	else if (p->base->draw != NULL)
		p->base->draw(p, c);
}

unsigned tui_pane_key(struct tui_pane *p, tui_key key)
{
	unsigned r = TUI_IGNORED;

	if (p->ops->on_key != NULL)
		r = p->ops->on_key(p, key);
	if (!(r & TUI_HANDLED) && p->base->on_key != NULL)
		r |= p->base->on_key(p, key);
	return r;
}

unsigned tui_pane_request(struct tui_pane *p, int request)
{
	unsigned r = TUI_IGNORED;

	if (p->ops->on_request != NULL)
		r = p->ops->on_request(p, request);
	if (!(r & TUI_HANDLED) && p->base->on_request != NULL)
		r |= p->base->on_request(p, request);
	return r;
}

unsigned tui_pane_click(struct tui_pane *p, int y, int x)
{
	unsigned r = TUI_IGNORED;

	if (p->ops->on_click != NULL)
		r = p->ops->on_click(p, y, x);
	if (!(r & TUI_HANDLED) && p->base->on_click != NULL)
		r |= p->base->on_click(p, y, x);
	return r;
}

unsigned tui_pane_paste(struct tui_pane *p, const char *utf8)
{
	unsigned r = TUI_IGNORED;

	if (p->ops->on_paste != NULL)
		r = p->ops->on_paste(p, utf8);
	if (!(r & TUI_HANDLED) && p->base->on_paste != NULL)
		r |= p->base->on_paste(p, utf8);
	return r;
}

void tui_pane_resize(struct tui_pane *p, struct tui_rect r)
{
	p->rect = r;
	if (p->base->on_resize != NULL)
		p->base->on_resize(p, r);
	if (p->ops->on_resize != NULL)
		p->ops->on_resize(p, r);
}

void tui_pane_focus(struct tui_pane *p, bool focused)
{
	if (p->base->on_focus != NULL)
		p->base->on_focus(p, focused);
	if (p->ops->on_focus != NULL)
		p->ops->on_focus(p, focused);
}

bool tui_pane_unsaved(struct tui_pane *p)
{
	return (p->ops->unsaved != NULL && p->ops->unsaved(p)) ||
	       (p->base->unsaved != NULL && p->base->unsaved(p));
}

char *tui_pane_lost(struct tui_pane *p)
{
	char *v = p->ops->lost != NULL ? p->ops->lost(p) : NULL;
	char *b = p->base->lost != NULL ? p->base->lost(p) : NULL;
	char *both;

	/* A pane that can say what it keeps is taken at its word. */
	if (p->ops->lost == NULL && p->base->lost == NULL)
		return tui_pane_unsaved(p) ? xstrdup(_("what you typed")) : NULL;
	if (v == NULL && b == NULL)
		return NULL;
	if (v == NULL || b == NULL)
		return v != NULL ? v : b;
	both = xasprintf(_("%s and %s"), v, b);
	free(v);
	free(b);
	return both;
}

bool tui_pane_available(struct tui_pane *p, int request)
{
	return (p->ops->available == NULL || p->ops->available(p, request)) &&
	       (p->base->available == NULL || p->base->available(p, request));
}

void tui_pane_attach(struct tui_pane *p, struct tui_ui *ui)
{
	p->ui = ui;
}
