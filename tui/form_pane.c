#include <stdlib.h>

#include "common/xalloc.h"
#include "tui/confirm.h"
#include "tui/form_internal.h"

#define INPUT_MAX 44
#define LABEL_MAX 20

static const struct tui_binding form_keys[] = {
	/* F2 says what the form does (tui_form_set_action); F10 never says "Cancel",
	 * which would read as the opposite on a form that cancels an order. */
	{ TUI_REQ_SUBMIT, "F2 C-s", N_("Save"), N_("Check every field and save"), 0 },
	{ TUI_REQ_CANCEL, "Esc F10", N_("Back"), N_("Close; what was typed is kept"), 0 },
	{ TUI_REQ_NEXT_FIELD, "Tab", N_("Next"), N_("Next field"), 0 },
	{ TUI_REQ_PREV_FIELD, "S-Tab", N_("Previous"), N_("Previous field"), 0 },
};

void tui_form_changed(struct tui_form *f)
{
	if (f->pane != NULL)
		tui_pane_dirty(f->pane);
}

static int field_rows(const struct tui_field_spec *s)
{
	if (s->type != TUI_FIELD_MULTILINE)
		return 1;
	return s->lines > 0 ? s->lines : 3;
}

static int label_width(const struct tui_form *f)
{
	int w = 0;

	for (size_t i = 0; i < f->n; i++) {
		int lw = tui_text_width(_(f->specs[i].label));

		if (lw > w)
			w = lw;
	}
	return w > LABEL_MAX ? LABEL_MAX : w;
}

/* The question before an action, while it is open: the form forgets it when it
 * goes first, and the answer then does nothing. */
struct form_asking {
	struct tui_form *f;
	struct tui_pane *dialog;
};

static void submit_now(struct tui_form *f)
{
	struct tui_pane *p = f->pane;
	struct tui_form_hooks h = f->hooks;

	if (h.submit != NULL && !h.submit(f, h.arg))
		return;
	if (p != NULL && f->pane == p)
		tui_form_hide(f);
}

static void on_asked(void *arg, bool yes)
{
	struct form_asking *q = arg;
	struct tui_form *f = q->f;

	free(q);
	if (f == NULL)
		return;
	f->asking = NULL;
	/* The form is still shown (hiding it forgets the question): no keeps it as
	 * typed, yes does what it said. */
	if (yes)
		submit_now(f);
	else
		tui_form_changed(f);
}

/* The values passed every check: ask first when the form has a question. */
static void submit_asking(struct tui_form *f)
{
	char *text = f->confirm != NULL ? f->confirm(f, f->hooks.arg) : NULL;
	struct form_asking *q;

	if (text == NULL || f->pane == NULL || tui_pane_ui(f->pane) == NULL) {
		free(text);
		submit_now(f);
		return;
	}
	if (f->asking != NULL) {
		free(text);
		return;
	}
	q = xcalloc(1, sizeof *q);
	q->f = f;
	f->asking = q;
	q->dialog = tui_confirm_action(tui_pane_ui(f->pane), text,
				       f->action != NULL ? f->action : _("Yes"), _("Back"), false,
				       on_asked, q);
	free(text);
}

static void close_with(struct tui_form *f, bool submitted)
{
	struct tui_pane *p = f->pane;
	struct tui_form_hooks h = f->hooks;

	if (submitted) {
		submit_asking(f);
		return;
	}
	if (h.cancel != NULL)
		h.cancel(f, h.arg);
	if (p != NULL && f->pane == p)
		tui_form_hide(f);
}

static unsigned act(struct tui_form *f, enum tui_form_action a)
{
	switch (a) {
	case TUI_FORM_SUBMIT:
		close_with(f, true);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_CANCEL:
		close_with(f, false);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_CHANGED:
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_NONE:
	default:
		return TUI_IGNORED;
	}
}

static unsigned fp_key(struct tui_pane *p, tui_key key)
{
	struct tui_form *f = tui_pane_data(p);

	if (f == NULL || key == TUI_KEY_ESC || key == TUI_KEY_TAB || tui_key_fnum(key) > 0)
		return TUI_IGNORED;
	return act(f, tui_form_key(f, key));
}

static unsigned fp_request(struct tui_pane *p, int req)
{
	struct tui_form *f = tui_pane_data(p);

	if (f == NULL)
		return TUI_IGNORED;
	return act(f, tui_form_request(f, req));
}

static void draw_field(struct tui_form *f, size_t i, struct tui_canvas *c, int y, int rows,
		       int x, int w, bool focused)
{
	const struct tui_field_spec *s = &f->specs[i];
	struct field *fl = &f->fields[i];
	enum tui_role role = focused ? TUI_ATTR_INPUT_ACTIVE : TUI_ATTR_INPUT;
	int cx = -1;

	if (s->type == TUI_FIELD_CHOICE) {
		bool uni = tui_text_unicode();
		const char *v = tui_form_value(f, i);
		char *t = xasprintf("%s %s %s", uni ? "◀" : "<",
				    fl->choice_text != NULL ? fl->choice_text(v) : _(v), uni ? "▶" : ">");

		tui_draw_text(c->win, y, x, w, t, TUI_ALIGN_LEFT, role);
		free(t);
		return;
	}
	if (s->type == TUI_FIELD_MULTILINE) {
		size_t cur = tui_edit_cursor_line(&fl->edit), first = 0;

		if (cur >= (size_t)rows)
			first = cur - (size_t)rows + 1;
		for (int r = 0; r < rows; r++) {
			int lx = -1;

			tui_draw_text(c->win, y + r, x, w, "", TUI_ALIGN_LEFT, role);
			if (first + (size_t)r < tui_edit_nlines(&fl->edit)) {
				tui_edit_line_view(&fl->edit, first + (size_t)r, w, &f->view, &lx);
				tui_draw_wtext(c->win, y + r, x, &f->view, role);
			}
			if (focused && lx >= 0) {
				c->cursor_y = y + r;
				c->cursor_x = x + lx;
			}
		}
		return;
	}
	tui_draw_text(c->win, y, x, w, "", TUI_ALIGN_LEFT, role);
	tui_edit_view(&fl->edit, w, &f->view, &cx);
	tui_draw_wtext(c->win, y, x, &f->view, role);
	if (focused) {
		c->cursor_y = y;
		c->cursor_x = x + cx;
	}
}

static void fp_draw(struct tui_pane *p, struct tui_canvas *c)
{
	struct tui_form *f = tui_pane_data(p);
	int lw, iw, mw, y, focus_y = 0, total = 0;

	if (f == NULL)
		return;
	lw = label_width(f);
	iw = c->r.w - lw - 3;
	if (iw > INPUT_MAX)
		iw = INPUT_MAX;
	mw = c->r.w - lw - 3 - iw - 1;
	/* Keep the focused field on screen when the form is taller than the box. */
	for (size_t i = 0; i < f->n; i++) {
		if (i == f->focus)
			focus_y = total;
		total += field_rows(&f->specs[i]);
	}
	if (focus_y < f->scroll)
		f->scroll = focus_y;
	if (focus_y + field_rows(&f->specs[f->focus]) > f->scroll + c->r.h - 1)
		f->scroll = focus_y + field_rows(&f->specs[f->focus]) - (c->r.h - 1);
	y = c->r.y - f->scroll;
	for (size_t i = 0; i < f->n; i++) {
		int rows = field_rows(&f->specs[i]);
		bool focused = i == f->focus && c->focused;

		if (y >= c->r.y && y + rows <= c->r.y + c->r.h - 1) {
			tui_draw_text(c->win, y, c->r.x + 1, lw, _(f->specs[i].label), TUI_ALIGN_RIGHT,
				      i == f->focus ? TUI_ATTR_TITLE : TUI_ATTR_DIALOG);
			draw_field(f, i, c, y, rows, c->r.x + lw + 2, iw, focused);
			if (f->fields[i].error != NULL && mw >= 8)
				tui_draw_text(c->win, y, c->r.x + lw + 3 + iw, mw, f->fields[i].error,
					      TUI_ALIGN_LEFT, TUI_ATTR_LATE);
		}
		y += rows;
	}
	/* The focused field's message in full on the last line, whatever the width. */
	if (f->n > 0 && f->fields[f->focus].error != NULL)
		tui_draw_text(c->win, c->r.y + c->r.h - 1, c->r.x + 1, c->r.w - 2,
			      f->fields[f->focus].error, TUI_ALIGN_LEFT, TUI_ATTR_ERROR);
}

static bool fp_unsaved(struct tui_pane *p)
{
	struct tui_form *f = tui_pane_data(p);

	return f != NULL && f->modified;
}

static char *fp_lost(struct tui_pane *p)
{
	struct tui_form *f = tui_pane_data(p);

	return f != NULL && f->modified ? xasprintf(_("what you typed in “%s”"), f->title) : NULL;
}

static void fp_destroy(struct tui_pane *p)
{
	struct tui_form *f = tui_pane_data(p);

	if (f != NULL && f->pane == p)
		f->pane = NULL;
}

static const struct tui_pane_ops form_ops = {
	.kind = "form",
	.bindings = form_keys,
	.nbindings = sizeof form_keys / sizeof form_keys[0],
	.keys_title = N_("Form"),
	.draw = fp_draw,
	.on_key = fp_key,
	.on_request = fp_request,
	.unsaved = fp_unsaved,
	.lost = fp_lost,
	.destroy = fp_destroy,
};

void tui_form_show(struct tui_ui *ui, struct tui_form *f, const struct tui_form_hooks *hooks)
{
	struct tui_pane *p;
	int h = 1, lw = label_width(f);

	if (f->pane != NULL)
		return;
	f->hooks = hooks != NULL ? *hooks : (struct tui_form_hooks){ 0 };
	for (size_t i = 0; i < f->n; i++)
		h += field_rows(&f->specs[i]);
	p = tui_pane_new(&form_ops, f);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS);
	tui_pane_set_title(p, f->title);
	if (f->action != NULL)
		tui_pane_relabel(p, TUI_REQ_SUBMIT, f->action, f->action);
	tui_pane_set_size(p, h, lw + INPUT_MAX + 28);
	f->pane = p;
	tui_ui_dialog(ui, p);
}

void tui_form_hide(struct tui_form *f)
{
	struct tui_pane *p = f->pane;

	if (f->asking != NULL) {
		/* Its question goes with it, answered no (on_asked then finds no form). */
		struct form_asking *q = f->asking;

		f->asking = NULL;
		q->f = NULL;
		if (tui_pane_ui(q->dialog) != NULL)
			tui_ui_close(tui_pane_ui(q->dialog), q->dialog);
	}
	if (p == NULL)
		return;
	f->pane = NULL;
	/* The pane may outlive this call by a moment (closing is deferred): it must
	 * not reach the form any more. */
	tui_pane_set_data(p, NULL);
	if (tui_pane_ui(p) != NULL)
		tui_ui_close(tui_pane_ui(p), p);
	else
		tui_pane_free(p);
}

bool tui_form_shown(const struct tui_form *f)
{
	return f->pane != NULL;
}

void tui_form_set_action(struct tui_form *f, const char *label)
{
	free(f->action);
	f->action = label != NULL ? xstrdup(label) : NULL;
	if (f->pane != NULL && label != NULL)
		tui_pane_relabel(f->pane, TUI_REQ_SUBMIT, label, label);
}

void tui_form_set_confirm(struct tui_form *f, tui_form_confirm_fn fn)
{
	f->confirm = fn;
}
