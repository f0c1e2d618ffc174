#include "tui/confirm.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

struct confirm {
	char *question;
	char *yes_label, *no_label; /* the buttons */
	bool yes;
	tui_confirm_fn fn;
	void *arg;
	bool answered;
};

static const struct tui_binding confirm_keys[] = {
	{ TUI_REQ_YES, "y Y F2", N_("Yes"), N_("Answer yes"), 0 },
	{ TUI_REQ_NO, "n N", N_("No"), N_("Answer no"), 0 },
	{ TUI_REQ_SUBMIT, "Enter", N_("OK"), N_("Take the chosen answer"), 0 },
	{ TUI_REQ_CANCEL, "Esc F10", N_("No"), N_("Answer no"), 0 },
	{ TUI_REQ_LEFT, "Left Right Tab S-Tab", N_("Switch"), N_("Choose the other answer"), 0 },
};

static void answer(struct confirm *c, bool yes)
{
	if (c->answered)
		return;
	c->answered = true;
	c->fn(c->arg, yes);
}

static unsigned confirm_request(struct tui_pane *p, int req)
{
	struct confirm *c = tui_pane_data(p);

	switch (req) {
	case TUI_REQ_YES:
		answer(c, true);
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_NO:
	case TUI_REQ_CANCEL:
		answer(c, false);
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_SUBMIT:
		answer(c, c->yes);
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_LEFT:
		c->yes = !c->yes;
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

static void confirm_draw(struct tui_pane *p, struct tui_canvas *cv)
{
	struct confirm *c = tui_pane_data(p);
	char **lines;
	size_t n = tui_text_wrap(c->question, cv->r.w - 2, &lines);
	int y = cv->r.y;
	const char *yes = c->yes_label, *no = c->no_label;
	int yw = tui_text_width(yes) + 4, nw = tui_text_width(no) + 4;
	int bx = cv->r.x + (cv->r.w - yw - nw - 2) / 2;
	char *yb = xasprintf("[ %s ]", yes), *nb = xasprintf("[ %s ]", no);

	for (size_t i = 0; i < n; i++) {
		if (y < cv->r.y + cv->r.h - 2)
			tui_draw_text(cv->win, y++, cv->r.x + 1, cv->r.w - 2, lines[i], TUI_ALIGN_CENTER,
				      TUI_ATTR_DIALOG);
		free(lines[i]);
	}
	free(lines);
	y = cv->r.y + cv->r.h - 1;
	tui_draw_text(cv->win, y, bx, yw, yb, TUI_ALIGN_LEFT,
		      c->yes ? TUI_ATTR_SELECTED : TUI_ATTR_DIALOG);
	tui_draw_text(cv->win, y, bx + yw + 2, nw, nb, TUI_ALIGN_LEFT,
		      c->yes ? TUI_ATTR_DIALOG : TUI_ATTR_SELECTED);
	free(yb);
	free(nb);
}

static void confirm_destroy(struct tui_pane *p)
{
	struct confirm *c = tui_pane_data(p);

	answer(c, false);
	free(c->question);
	free(c->yes_label);
	free(c->no_label);
	free(c);
}

static const struct tui_pane_ops confirm_ops = {
	.kind = "confirm",
	.bindings = confirm_keys,
	.nbindings = sizeof confirm_keys / sizeof confirm_keys[0],
	.keys_title = N_("Question"),
	.draw = confirm_draw,
	.on_request = confirm_request,
	.destroy = confirm_destroy,
};

/* The widest of the question's lines ('\n' breaks them). */
static int widest_line(const char *s)
{
	int w = 0;

	while (s != NULL && *s != '\0') {
		size_t len = strcspn(s, "\n");
		char *line = xstrndup(s, len);
		int lw = tui_text_width(line);

		free(line);
		if (lw > w)
			w = lw;
		s += len;
		if (*s == '\n')
			s++;
	}
	return w;
}

struct tui_pane *tui_confirm_action(struct tui_ui *ui, const char *question, const char *yes,
				    const char *no, bool default_yes, tui_confirm_fn fn, void *arg)
{
	struct confirm *c = xcalloc(1, sizeof *c);
	struct tui_pane *p;
	int w = widest_line(question) + 4, bw;
	char **lines;
	size_t n;

	c->question = xstrdup(question);
	c->yes_label = xstrdup(yes != NULL ? yes : _("Yes"));
	c->no_label = xstrdup(no != NULL ? no : _("No"));
	c->yes = default_yes;
	c->fn = fn;
	c->arg = arg;
	/* Both buttons fit on their line. */
	bw = tui_text_width(c->yes_label) + tui_text_width(c->no_label) + 8 + 4;
	/* Wide enough that a sentence with an amount and an address stays whole at
	 * 80 columns. */
	if (w < 30)
		w = 30;
	if (w > 72)
		w = 72;
	if (w < bw)
		w = bw;
	n = tui_text_wrap(question, w - 2, &lines);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	p = tui_pane_new(&confirm_ops, c);
	/* The bar says it too: "F2 Cancel the order", "F10 Back". */
	tui_pane_relabel(p, TUI_REQ_YES, c->yes_label, NULL);
	tui_pane_relabel(p, TUI_REQ_CANCEL, c->no_label, NULL);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS);
	tui_pane_set_size(p, (int)n + 2, w);
	tui_ui_dialog(ui, p);
	return p;
}

void tui_confirm(struct tui_ui *ui, const char *question, bool default_yes, tui_confirm_fn fn,
		 void *arg)
{
	(void)tui_confirm_action(ui, question, NULL, NULL, default_yes, fn, arg);
}
