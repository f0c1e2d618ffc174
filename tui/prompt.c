#include "tui/prompt.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "tui/edit.h"

struct tui_history {
	char **v;
	size_t n, cap, max;
};

struct tui_history *tui_history_new(size_t max)
{
	struct tui_history *h = xcalloc(1, sizeof *h);

	h->max = max > 0 ? max : 1;
	return h;
}

void tui_history_free(struct tui_history *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	free(h);
}

void tui_history_add(struct tui_history *h, const char *text)
{
	if (text == NULL || text[0] == '\0')
		return;
	if (h->n > 0 && strcmp(h->v[h->n - 1], text) == 0)
		return;
	if (h->n == h->max) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (h->n - 1) * sizeof *h->v);
		h->n--;
	}
	h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n++] = xstrdup(text);
}

size_t tui_history_len(const struct tui_history *h)
{
	return h->n;
}

const char *tui_history_get(const struct tui_history *h, size_t i)
{
	return i < h->n ? h->v[i] : NULL;
}

struct prompt {
	char *label;
	struct tui_edit edit;
	struct tui_history *hist;
	size_t hpos;   /* == hist->n: the line being typed */
	char *typed;   /* what was typed before walking the history */
	tui_prompt_fn fn;
	void *arg;
	bool answered;
	struct tui_wtext view;
};

static const struct tui_binding prompt_keys[] = {
	{ TUI_REQ_SUBMIT, "Enter", N_("OK"), N_("Use what was typed"), 0 },
	{ TUI_REQ_CANCEL, "Esc", N_("Cancel"), N_("Close without using it"), 0 },
	{ TUI_REQ_UP, "Up", N_("Earlier"), N_("An earlier entry"), 0 },
	{ TUI_REQ_DOWN, "Down", N_("Later"), N_("A later entry"), 0 },
};

static void answer(struct prompt *pr, const char *text)
{
	tui_prompt_fn fn = pr->fn;

	if (pr->answered)
		return;
	pr->answered = true;
	fn(pr->arg, text);
}

static void walk(struct prompt *pr, int dir)
{
	size_t n;

	if (pr->hist == NULL || (n = tui_history_len(pr->hist)) == 0)
		return;
	if (dir < 0 && pr->hpos == 0)
		return;
	if (dir > 0 && pr->hpos >= n)
		return;
	if (pr->hpos == n) {
		free(pr->typed);
		pr->typed = xstrdup(tui_edit_text(&pr->edit));
	}
	pr->hpos = dir < 0 ? pr->hpos - 1 : pr->hpos + 1;
	tui_edit_set(&pr->edit, pr->hpos == n ? pr->typed : tui_history_get(pr->hist, pr->hpos));
}

static unsigned prompt_key(struct tui_pane *p, tui_key key)
{
	struct prompt *pr = tui_pane_data(p);

	return tui_edit_key(&pr->edit, key) ? TUI_HANDLED | TUI_REDRAW : TUI_IGNORED;
}

/* A paste is text for the line: its line breaks are spaces, never Enter. */
static unsigned prompt_paste(struct tui_pane *p, const char *utf8)
{
	struct prompt *pr = tui_pane_data(p);

	(void)tui_edit_paste(&pr->edit, utf8, NULL);
	return TUI_HANDLED | TUI_REDRAW;
}

static unsigned prompt_request(struct tui_pane *p, int req)
{
	struct prompt *pr = tui_pane_data(p);

	switch (req) {
	case TUI_REQ_SUBMIT: {
		char *text = xstrdup(tui_edit_text(&pr->edit));

		if (pr->hist != NULL)
			tui_history_add(pr->hist, text);
		answer(pr, text);
		free(text);
		return TUI_HANDLED | TUI_CLOSE;
	}
	case TUI_REQ_CANCEL:
		answer(pr, NULL);
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_UP:
		walk(pr, -1);
		return TUI_HANDLED;
	case TUI_REQ_DOWN:
		walk(pr, 1);
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static void prompt_draw(struct tui_pane *p, struct tui_canvas *c)
{
	struct prompt *pr = tui_pane_data(p);
	int lw = tui_text_width(pr->label) + 1, cx;

	if (lw > c->r.w / 2)
		lw = c->r.w / 2;
	tui_draw_text(c->win, c->r.y, c->r.x, lw, pr->label, TUI_ALIGN_LEFT, TUI_ATTR_TITLE);
	tui_edit_view(&pr->edit, c->r.w - lw, &pr->view, &cx);
	tui_draw_text(c->win, c->r.y, c->r.x + lw, c->r.w - lw, "", TUI_ALIGN_LEFT,
		      TUI_ATTR_NORMAL);
	tui_draw_wtext(c->win, c->r.y, c->r.x + lw, &pr->view, TUI_ATTR_NORMAL);
	c->cursor_y = c->r.y;
	c->cursor_x = c->r.x + lw + cx;
}

static void prompt_destroy(struct tui_pane *p)
{
	struct prompt *pr = tui_pane_data(p);

	answer(pr, NULL);
	tui_edit_free(&pr->edit);
	tui_wtext_free(&pr->view);
	free(pr->label);
	free(pr->typed);
	free(pr);
}

static const struct tui_pane_ops prompt_ops = {
	.kind = "prompt",
	.bindings = prompt_keys,
	.nbindings = sizeof prompt_keys / sizeof prompt_keys[0],
	.keys_title = N_("Prompt"),
	.draw = prompt_draw,
	.on_key = prompt_key,
	.on_request = prompt_request,
	.destroy = prompt_destroy,
	.on_paste = prompt_paste,
};

void tui_prompt(struct tui_ui *ui, const char *label, const char *initial,
		struct tui_history *history, tui_prompt_fn fn, void *arg)
{
	struct prompt *pr = xcalloc(1, sizeof *pr);
	struct tui_pane *p;

	pr->label = xstrdup(label != NULL ? label : "");
	tui_edit_init(&pr->edit, false, 0);
	if (initial != NULL)
		tui_edit_set(&pr->edit, initial);
	pr->hist = history;
	pr->hpos = history != NULL ? tui_history_len(history) : 0;
	pr->fn = fn;
	pr->arg = arg;
	p = tui_pane_new(&prompt_ops, pr);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS);
	tui_ui_line(ui, p);
}
