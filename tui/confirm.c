#include "tui/confirm.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

/* The buttons, left to right: yes, no (or for a choice: first, second, back). */
enum { MAX_BUTTONS = 3 };

struct confirm {
	char *question;
	char *labels[MAX_BUTTONS];
	int nbuttons;
	int at;                   /* the chosen button: what Enter takes */
	tui_confirm_fn fn;        /* a question: yes or no */
	tui_choice_fn choice_fn;  /* a choice: first, second or back */
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

/* button: an index into labels; "no" is the last button (Back for a choice). */
static void answer(struct confirm *c, int button)
{
	static const enum tui_choice choices[MAX_BUTTONS] = { TUI_CHOICE_FIRST, TUI_CHOICE_SECOND,
							      TUI_CHOICE_BACK };

	if (c->answered)
		return;
	c->answered = true;
	if (c->choice_fn != NULL)
		c->choice_fn(c->arg, choices[button]);
	else
		c->fn(c->arg, button == 0);
}

static unsigned confirm_request(struct tui_pane *p, int req)
{
	struct confirm *c = tui_pane_data(p);

	switch (req) {
	case TUI_REQ_YES:
		answer(c, 0);
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_NO:
	case TUI_REQ_CANCEL:
		answer(c, c->nbuttons - 1);
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_SUBMIT:
		answer(c, c->at);
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_LEFT:
		c->at = (c->at + 1) % c->nbuttons;
		return TUI_HANDLED;
	default:
		return TUI_IGNORED;
	}
}

/* The width of the buttons' line: "[ label ]" each, two spaces between. */
static int buttons_width(const struct confirm *c)
{
	int w = 2 * (c->nbuttons - 1);

	for (int i = 0; i < c->nbuttons; i++)
		w += tui_text_width(c->labels[i]) + 4;
	return w;
}

static void confirm_draw(struct tui_pane *p, struct tui_canvas *cv)
{
	struct confirm *c = tui_pane_data(p);
	char **lines;
	size_t n = tui_text_wrap(c->question, cv->r.w - 2, &lines);
	int y = cv->r.y;
	int bx = cv->r.x + (cv->r.w - buttons_width(c)) / 2;

	for (size_t i = 0; i < n; i++) {
		if (y < cv->r.y + cv->r.h - 2)
			tui_draw_text(cv->win, y++, cv->r.x + 1, cv->r.w - 2, lines[i], TUI_ALIGN_CENTER,
				      TUI_ATTR_DIALOG);
		free(lines[i]);
	}
	free(lines);
	y = cv->r.y + cv->r.h - 1;
	for (int i = 0; i < c->nbuttons; i++) {
		char *b = xasprintf("[ %s ]", c->labels[i]);
		int bw = tui_text_width(c->labels[i]) + 4;

		tui_draw_text(cv->win, y, bx, bw, b, TUI_ALIGN_LEFT,
			      i == c->at ? TUI_ATTR_SELECTED : TUI_ATTR_DIALOG);
		free(b);
		bx += bw + 2;
	}
}

static void confirm_destroy(struct tui_pane *p)
{
	struct confirm *c = tui_pane_data(p);

	answer(c, c->nbuttons - 1);
	free(c->question);
	for (int i = 0; i < c->nbuttons; i++)
		free(c->labels[i]);
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

/* Sizes the dialog to the question and its buttons and shows it. */
static struct tui_pane *show(struct tui_ui *ui, struct confirm *c)
{
	struct tui_pane *p;
	int w = widest_line(c->question) + 4, bw = buttons_width(c) + 4;
	char **lines;
	size_t n;

	/* Wide enough that a sentence with an amount and an address stays whole at
	 * 80 columns. */
	if (w < 30)
		w = 30;
	if (w > 72)
		w = 72;
	/* The buttons fit on their line. */
	if (w < bw)
		w = bw;
	n = tui_text_wrap(c->question, w - 2, &lines);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	p = tui_pane_new(&confirm_ops, c);
	/* The bar says it too: "F2 Cancel the order", "F10 Back". */
	tui_pane_relabel(p, TUI_REQ_YES, c->labels[0], NULL);
	tui_pane_relabel(p, TUI_REQ_CANCEL, c->labels[c->nbuttons - 1], NULL);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS);
	tui_pane_set_size(p, (int)n + 2, w);
	tui_ui_dialog(ui, p);
	return p;
}

struct tui_pane *tui_confirm_action(struct tui_ui *ui, const char *question, const char *yes,
				    const char *no, bool default_yes, tui_confirm_fn fn, void *arg)
{
	struct confirm *c = xcalloc(1, sizeof *c);

	c->question = xstrdup(question);
	c->labels[0] = xstrdup(yes != NULL ? yes : _("Yes"));
	c->labels[1] = xstrdup(no != NULL ? no : _("No"));
	c->nbuttons = 2;
	c->at = default_yes ? 0 : 1;
	c->fn = fn;
	c->arg = arg;
	return show(ui, c);
}

struct tui_pane *tui_confirm_choice(struct tui_ui *ui, const char *question, const char *first,
				    const char *second, const char *back, tui_choice_fn fn,
				    void *arg)
{
	struct confirm *c = xcalloc(1, sizeof *c);

	c->question = xstrdup(question);
	c->labels[0] = xstrdup(first);
	c->labels[1] = xstrdup(second);
	c->labels[2] = xstrdup(back);
	c->nbuttons = 3;
	c->at = 2; /* Enter goes back until another button is chosen */
	c->choice_fn = fn;
	c->arg = arg;
	return show(ui, c);
}

void tui_confirm(struct tui_ui *ui, const char *question, bool default_yes, tui_confirm_fn fn,
		 void *arg)
{
	(void)tui_confirm_action(ui, question, NULL, NULL, default_yes, fn, arg);
}
