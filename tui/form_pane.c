#include <stdlib.h>

#include "common/xalloc.h"
#include "tui/confirm.h"
#include "tui/form_internal.h"

#define INPUT_MAX 44
#define LABEL_MAX 20
/* Rows of the open choice list at most. */
#define FORM_LIST_ROWS 6

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

/* A key or paste: whoever shows the form hears of typing before the redraw. */
static unsigned act_typed(struct tui_form *f, enum tui_form_action a)
{
	if (a == TUI_FORM_CHANGED && f->hooks.changed != NULL)
		f->hooks.changed(f, f->hooks.arg);
	return act(f, a);
}

static unsigned fp_key(struct tui_pane *p, tui_key key)
{
	struct tui_form *f = tui_pane_data(p);

	if (f == NULL || key == TUI_KEY_TAB || tui_key_fnum(key) > 0)
		return TUI_IGNORED;
	/* Esc is the form's only while a choice list is open; else it cancels. */
	return act_typed(f, tui_form_key(f, key));
}

static unsigned fp_paste(struct tui_pane *p, const char *utf8)
{
	struct tui_form *f = tui_pane_data(p);

	if (f == NULL)
		return TUI_IGNORED;
	/* Handled even when nothing went in: a paste is never left to run as keys. */
	return act_typed(f, tui_form_paste(f, utf8)) | TUI_HANDLED;
}

static unsigned fp_request(struct tui_pane *p, int req)
{
	struct tui_form *f = tui_pane_data(p);

	if (f == NULL)
		return TUI_IGNORED;
	return act(f, tui_form_request(f, req));
}

static void draw_choice(struct tui_form *f, size_t i, struct tui_canvas *c, int y, int x, int w,
			bool focused)
{
	struct field *fl = &f->fields[i];
	enum tui_role role = focused ? TUI_ATTR_INPUT_ACTIVE : TUI_ATTR_INPUT;
	bool uni = tui_text_unicode();
	char *t;

	if (tui_form_filtering(fl) && focused) {
		/* What was typed, with the cursor after it; the matches in a list below. */
		char *typed = tui_wcs_to_utf8(fl->filter, fl->nfilter);

		tui_draw_text(c->win, y, x, w, typed, TUI_ALIGN_LEFT, role);
		c->cursor_y = y;
		c->cursor_x = x + tui_text_width(typed);
		if (c->cursor_x >= x + w)
			c->cursor_x = x + w - 1;
		free(typed);
		return;
	}
	t = xasprintf("%s %s %s", uni ? "◀" : "<", tui_form_choice_shown(fl, (size_t)fl->choice),
		      uni ? "▶" : ">");
	tui_draw_text(c->win, y, x, w, t, TUI_ALIGN_LEFT, role);
	free(t);
	if (focused) {
		/* A cursor on the choice: typing goes here. */
		c->cursor_y = y;
		c->cursor_x = x + 2;
	}
}

/* The open choice list: the matches under the field (above it when there is no
 * room), the chosen one highlighted. */
static void draw_choice_list(struct tui_form *f, struct tui_canvas *c, int fy, int x, int w)
{
	struct field *fl = &f->fields[f->focus];
	int bottom = c->r.y + c->r.h - 1, room_below = bottom - (fy + 1), nm = 0, sel = 0, rows;
	int first = 0, y0;

	for (size_t k = 0; k < fl->nchoices; k++)
		if (tui_form_choice_matches(fl, k)) {
			if ((int)k == fl->choice)
				sel = nm;
			nm++;
		}
	rows = nm < FORM_LIST_ROWS ? nm : FORM_LIST_ROWS;
	if (rows == 0)
		return;
	if (room_below >= rows || room_below >= fy - c->r.y)
		y0 = fy + 1;
	else
		y0 = fy - rows;
	if (y0 < c->r.y)
		y0 = c->r.y;
	if (y0 + rows > bottom)
		rows = bottom - y0;
	if (rows <= 0)
		return;
	if (sel >= rows)
		first = sel - rows + 1;
	for (size_t k = 0, m = 0; k < fl->nchoices; k++) {
		char *line;

		if (!tui_form_choice_matches(fl, k))
			continue;
		if ((int)m >= first && (int)m < first + rows) {
			line = xasprintf(" %s", tui_form_choice_shown(fl, k));
			tui_draw_text(c->win, y0 + (int)m - first, x, w, line, TUI_ALIGN_LEFT,
				      (int)k == fl->choice ? TUI_ATTR_SELECTED : TUI_ATTR_INPUT);
			free(line);
		}
		m++;
	}
}

static void draw_field(struct tui_form *f, size_t i, struct tui_canvas *c, int y, int rows,
		       int x, int w, bool focused)
{
	const struct tui_field_spec *s = &f->specs[i];
	struct field *fl = &f->fields[i];
	enum tui_role role = focused ? TUI_ATTR_INPUT_ACTIVE : TUI_ATTR_INPUT;
	int cx = -1;

	if (s->type == TUI_FIELD_CHOICE) {
		draw_choice(f, i, c, y, x, w, focused);
		return;
	}
	if (s->type == TUI_FIELD_MULTILINE) {
		size_t first, n;

		/* Word-wrapped to the field, the cursor's row always among those shown. */
		tui_edit_set_width(&fl->edit, w);
		first = tui_edit_first_row(&fl->edit, (size_t)rows);
		n = tui_edit_rows(&fl->edit);
		for (int r = 0; r < rows; r++) {
			int lx = -1;

			tui_draw_text(c->win, y + r, x, w, "", TUI_ALIGN_LEFT, role);
			if (first + (size_t)r < n) {
				tui_edit_row_view(&fl->edit, first + (size_t)r, &f->view, &lx);
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

/* A field's message on its own row too, at the right, when the value leaves room
 * for all of it; the last line has it whole anyway. */
static void draw_inline_error(struct tui_form *f, size_t i, struct tui_canvas *c, int y, int x,
			      int w)
{
	const struct tui_field_spec *s = &f->specs[i];
	struct field *fl = &f->fields[i];
	int used, ew;

	if (fl->error == NULL || s->type == TUI_FIELD_MULTILINE || tui_form_filtering(fl))
		return;
	if (s->type == TUI_FIELD_CHOICE)
		used = tui_text_width(tui_form_choice_shown(fl, (size_t)fl->choice)) + 4;
	else
		used = tui_text_width(tui_form_value(f, i)) + 1; /* and the cursor */
	ew = tui_text_width(fl->error);
	if (used + 2 + ew > w)
		return;
	tui_draw_text(c->win, y, x + w - ew, ew, fl->error, TUI_ALIGN_LEFT, TUI_ATTR_LATE);
}

/* The dialog's last line: the focused field's message, else another field's, and
 * "183/200" at the right once the focused field is 80% full. */
static void draw_last_line(struct tui_form *f, struct tui_canvas *c)
{
	const struct tui_field_spec *s = &f->specs[f->focus];
	struct field *fl = &f->fields[f->focus];
	int y = c->r.y + c->r.h - 1, w = c->r.w - 2, cw = 0;
	char *count = NULL, *msg = NULL;
	enum tui_role role = TUI_ATTR_ERROR;

	if (s->type != TUI_FIELD_CHOICE && s->max_len > 0 &&
	    tui_edit_len(&fl->edit) * 5 >= s->max_len * 4) {
		count = xasprintf("%zu/%zu", tui_edit_len(&fl->edit), s->max_len);
		cw = tui_text_width(count);
		tui_draw_text(c->win, y, c->r.x + c->r.w - 1 - cw, cw, count, TUI_ALIGN_RIGHT,
			      tui_edit_len(&fl->edit) >= s->max_len ? TUI_ATTR_LATE : TUI_ATTR_DIALOG);
		w -= cw + 1;
	}
	if (fl->error != NULL) {
		msg = xstrdup(fl->error);
	} else {
		for (size_t i = 0; i < f->n && msg == NULL; i++)
			if (f->fields[i].error != NULL)
				msg = xasprintf("%s: %s", _(f->specs[i].label), f->fields[i].error);
		if (msg == NULL && s->type == TUI_FIELD_CHOICE && fl->nchoices > FORM_LONG_CHOICES &&
		    fl->nfilter == 0) {
			msg = xstrdup(_("type to find one, or Left/Right"));
			role = TUI_ATTR_DIALOG;
		}
	}
	if (msg != NULL && w > 0)
		tui_draw_text(c->win, y, c->r.x + 1, w, msg, TUI_ALIGN_LEFT, role);
	free(msg);
	free(count);
}

static void fp_draw(struct tui_pane *p, struct tui_canvas *c)
{
	struct tui_form *f = tui_pane_data(p);
	int lw, iw, y, focus_y = 0, total = 0, list_y = -1;

	if (f == NULL || f->n == 0)
		return;
	lw = label_width(f);
	/* Every field takes the dialog's whole width; messages go on the last line. */
	iw = c->r.w - lw - 3;
	if (iw < 1)
		iw = 1;
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
			enum tui_role lrole = i == f->focus ? TUI_ATTR_TITLE : TUI_ATTR_DIALOG;

			if (f->fields[i].error != NULL)
				lrole = TUI_ATTR_LATE; /* its message: below, and beside when it fits */
			tui_draw_text(c->win, y, c->r.x + 1, lw, _(f->specs[i].label), TUI_ALIGN_RIGHT,
				      lrole);
			draw_field(f, i, c, y, rows, c->r.x + lw + 2, iw, focused);
			draw_inline_error(f, i, c, y, c->r.x + lw + 2, iw);
			if (focused && tui_form_filtering(&f->fields[i]))
				list_y = y;
		}
		y += rows;
	}
	if (list_y >= 0) {
		int cy = c->cursor_y, cx = c->cursor_x;

		draw_choice_list(f, c, list_y, c->r.x + lw + 2, iw);
		c->cursor_y = cy;
		c->cursor_x = cx;
	}
	draw_last_line(f, c);
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
	.on_paste = fp_paste,
};

void tui_form_show(struct tui_ui *ui, struct tui_form *f, const struct tui_form_hooks *hooks)
{
	struct tui_pane *p;
	int h = 1, lw = label_width(f);

	if (f->pane != NULL)
		return;
	f->hooks = hooks != NULL ? *hooks : (struct tui_form_hooks){ 0 };
	for (size_t i = 0; i < f->n; i++) {
		h += field_rows(&f->specs[i]);
		/* What was kept shows as it was left off: the cursor after the last
		 * character, the rows before it in view; no list left open. */
		tui_edit_to_end(&f->fields[i].edit);
		f->fields[i].edit.scroll = 0;
		f->fields[i].nfilter = 0;
	}
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
