#include "tui/ui.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "tui/confirm.h"
#include "tui/draw.h"
#include "tui/fkeybar.h"
#include "tui/help.h"
#include "tui/input.h"
#include "tui/msglog.h"
#include "tui/prompt.h"
#include "tui/testmode.h"

/* Without a terminal (tests) the ui pretends to be 80x24. */
#define HEADLESS_ROWS 24
#define HEADLESS_COLS 80

struct tab {
	char *label;
	struct tui_pane **stack;
	size_t n, cap;
	int x, w; /* on the tab bar, for clicks */
};

struct modal {
	struct tui_pane *p;
	bool line;
};

struct tui_ui {
	struct tui_loop *loop;
	struct tui_ui_hooks hooks;
	struct tui_keymap *global, *modal_keys;
	tui_caps caps;

	struct tab *tabs;
	size_t ntabs, tabcap, cur;
	struct modal *modals;
	size_t nmodals, mcap;
	struct tui_pane **dead;
	size_t ndead, dcap;

	struct tui_status *status;
	struct tui_toast toast;
	struct tui_msglog *log;
	/* Rows of the message area: 2 while a message does not fit on one. */
	int msg_rows;
	/* Counts the user's keys: a message said before the current one is stale once
	 * the screen changes to another customer or order. */
	unsigned long epoch, toast_epoch;
	unsigned long toast_timer, tick_timer;
	unsigned long hold_timer; /* != 0: the next frame waits (tui_ui_hold) */
	long tick_period;
	struct tui_history *commands;
	struct tui_help_more help_more;

	bool started, lost, closing, dirty, clear;
	/* Only the top dialog asked to be drawn: what lies under it is `under`, the
	 * screen as it was before the dialog was last drawn, copied back instead of
	 * drawn again (a lookup's hits cost their own cells, not the list's). */
	bool top_only;
	WINDOW *under;
	bool under_ok;
	struct tui_input *input;
	unsigned long sig_ids[4], idle_id;
	struct tui_fkey_slot fkeys[TUI_FKEYBAR_MAX];
	size_t nfkeys;
	int rows, cols;
	struct tui_testmode *test; /* NULL unless tui_ui_test_events() */
	tui_busy_fn busy;
	void *busy_arg;
};

/* Keys a dialog keeps besides its own (F2 is a form's Save: only Ctrl-P here). */
static const struct tui_binding modal_bindings[] = {
	{ TUI_REQ_REDRAW, "C-l", N_("Redraw"), N_("Redraw the whole screen"), 0 },
	{ TUI_REQ_MESSAGES, "C-p", N_("Messages"), N_("The last messages, whole, with their times"), 0 },
};

static void render_idle(void *arg);
static void screen_changed(struct tui_ui *ui);

struct tui_ui *tui_ui_new(struct tui_loop *loop, const struct tui_ui_hooks *hooks)
{
	struct tui_ui *ui = xcalloc(1, sizeof *ui);

	ui->loop = loop;
	if (hooks != NULL)
		ui->hooks = *hooks;
	ui->global = tui_keymap_global();
	ui->modal_keys = tui_keymap_new(modal_bindings,
					sizeof modal_bindings / sizeof modal_bindings[0], NULL);
	ui->status = tui_status_new();
	ui->commands = tui_history_new(50);
	ui->log = tui_msglog_new(TUI_MSGLOG_MAX);
	ui->msg_rows = 1;
	ui->rows = HEADLESS_ROWS;
	ui->cols = HEADLESS_COLS;
	ui->idle_id = tui_loop_idle(loop, render_idle, ui);
	return ui;
}

struct tui_loop *tui_ui_loop(const struct tui_ui *ui)
{
	return ui->loop;
}

void tui_ui_set_caps(struct tui_ui *ui, tui_caps caps)
{
	ui->caps = caps;
	tui_ui_dirty(ui);
}

tui_caps tui_ui_caps(const struct tui_ui *ui)
{
	return ui->caps;
}

struct tui_keymap *tui_ui_global_keys(struct tui_ui *ui)
{
	return ui->global;
}

static void dirty_all(struct tui_ui *ui)
{
	ui->dirty = true;
	ui->top_only = false;
}

struct tui_status *tui_ui_status(struct tui_ui *ui)
{
	return ui->status;
}

void tui_ui_dirty(struct tui_ui *ui)
{
	dirty_all(ui);
}

void tui_ui_dirty_pane(struct tui_ui *ui, const struct tui_pane *p)
{
	const struct modal *top = ui->nmodals > 0 ? &ui->modals[ui->nmodals - 1] : NULL;

	if (top == NULL || top->p != p || top->line) {
		dirty_all(ui);
	} else if (!ui->dirty) {
		ui->dirty = true;
		ui->top_only = true;
	}
}

/* ---- layout ---- */

/* Bottom up: the F-key bar, the message area (one row, or two for a long
 * message), the status line; the body takes the rest. */
static struct tui_rect body_rect(const struct tui_ui *ui)
{
	struct tui_rect r = { 1, 0, ui->rows - 3 - ui->msg_rows, ui->cols };

	if (r.h < 1)
		r.h = 1;
	return r;
}

static struct tui_rect line_rect(const struct tui_ui *ui)
{
	struct tui_rect r = { ui->rows - 2, 0, 1, ui->cols };

	return r;
}

/* The inside of a dialog's frame. */
static struct tui_rect dialog_rect(const struct tui_ui *ui, const struct tui_pane *p)
{
	struct tui_rect body = body_rect(ui), frame;
	int h, w;

	tui_pane_size(p, &h, &w);
	if (h <= 0 || h > body.h - 2)
		h = body.h - 2;
	if (w <= 0 || w > body.w - 4)
		w = body.w - 4;
	frame = tui_rect_center(body, h + 2, w + 2);
	frame.y++;
	frame.x++;
	frame.h -= 2;
	frame.w -= 2;
	if (frame.h < 1)
		frame.h = 1;
	if (frame.w < 1)
		frame.w = 1;
	return frame;
}

int tui_ui_dialog_width(const struct tui_ui *ui)
{
	return body_rect(ui).w - 4;
}

static void layout(struct tui_ui *ui)
{
	struct tui_rect body = body_rect(ui);

	for (size_t t = 0; t < ui->ntabs; t++)
		for (size_t i = 0; i < ui->tabs[t].n; i++)
			tui_pane_resize(ui->tabs[t].stack[i], body);
	for (size_t i = 0; i < ui->nmodals; i++)
		tui_pane_resize(ui->modals[i].p, ui->modals[i].line ? line_rect(ui)
								   : dialog_rect(ui, ui->modals[i].p));
	dirty_all(ui);
}

static bool line_modal_open(const struct tui_ui *ui)
{
	for (size_t i = 0; i < ui->nmodals; i++)
		if (ui->modals[i].line)
			return true;
	return false;
}

/* How many rows the message wants: a prompt on the message line hides it. */
static int wanted_msg_rows(const struct tui_ui *ui)
{
	if (ui->toast.text == NULL || line_modal_open(ui) || ui->rows < 12 ||
	    tui_text_width(ui->toast.text) <= ui->cols)
		return 1;
	return 2;
}

/* Gives the message area the rows its message needs, moving what is above it. */
static void sync_msg_rows(struct tui_ui *ui)
{
	int want = wanted_msg_rows(ui);

	if (want == ui->msg_rows)
		return;
	ui->msg_rows = want;
	layout(ui);
	ui->clear = true;
}

void tui_ui_resized(struct tui_ui *ui)
{
	if (ui->started) {
		(void)tui_screen_resize();
		ui->rows = LINES;
		ui->cols = COLS;
	}
	ui->msg_rows = wanted_msg_rows(ui);
	layout(ui);
	ui->clear = true;
}

/* ---- panes ---- */

struct tui_pane *tui_ui_current(const struct tui_ui *ui)
{
	const struct tab *t;

	if (ui->ntabs == 0)
		return NULL;
	t = &ui->tabs[ui->cur];
	return t->n > 0 ? t->stack[t->n - 1] : NULL;
}

struct tui_pane *tui_ui_focus(const struct tui_ui *ui)
{
	if (ui->nmodals > 0)
		return ui->modals[ui->nmodals - 1].p;
	return tui_ui_current(ui);
}

static void focus(struct tui_ui *ui, bool on)
{
	struct tui_pane *p = tui_ui_focus(ui);

	if (p != NULL)
		tui_pane_focus(p, on);
}

size_t tui_ui_add_tab(struct tui_ui *ui, const char *label, struct tui_pane *root)
{
	struct tab *t;

	ui->tabs = xgrow(ui->tabs, &ui->tabcap, ui->ntabs + 1, sizeof *ui->tabs);
	t = &ui->tabs[ui->ntabs];
	memset(t, 0, sizeof *t);
	t->label = xstrdup(label);
	t->stack = xgrow(NULL, &t->cap, 1, sizeof *t->stack);
	t->stack[t->n++] = root;
	tui_pane_attach(root, ui);
	tui_pane_resize(root, body_rect(ui));
	if (ui->ntabs == 0 && ui->nmodals == 0)
		tui_pane_focus(root, true);
	dirty_all(ui);
	return ui->ntabs++;
}

void tui_ui_show_tab(struct tui_ui *ui, size_t tab)
{
	if (tab >= ui->ntabs || tab == ui->cur)
		return;
	focus(ui, false);
	ui->cur = tab;
	focus(ui, true);
	screen_changed(ui);
	dirty_all(ui);
}

size_t tui_ui_tab(const struct tui_ui *ui)
{
	return ui->cur;
}

size_t tui_ui_ntabs(const struct tui_ui *ui)
{
	return ui->ntabs;
}

void tui_ui_push(struct tui_ui *ui, struct tui_pane *p)
{
	struct tab *t;

	if (ui->ntabs == 0 || ui->closing) {
		/* Nowhere to show it: it is still ours to free. */
		tui_pane_free(p);
		return;
	}
	t = &ui->tabs[ui->cur];
	focus(ui, false);
	t->stack = xgrow(t->stack, &t->cap, t->n + 1, sizeof *t->stack);
	t->stack[t->n++] = p;
	tui_pane_attach(p, ui);
	tui_pane_resize(p, body_rect(ui));
	focus(ui, true);
	screen_changed(ui);
	dirty_all(ui);
}

void tui_ui_replace(struct tui_ui *ui, struct tui_pane *p)
{
	struct tab *t = ui->ntabs > 0 ? &ui->tabs[ui->cur] : NULL;

	/* From the top down, so each one closed is the top one when it goes; what
	 * holds unsaved typing stays (Esc leads back to it). */
	for (size_t i = t != NULL ? t->n : 0; i-- > 1;)
		if (!tui_pane_unsaved(t->stack[i]))
			tui_ui_close(ui, t->stack[i]);
	tui_ui_push(ui, p);
}

static void add_modal(struct tui_ui *ui, struct tui_pane *p, bool line)
{
	if (ui->closing) {
		tui_pane_free(p);
		return;
	}
	focus(ui, false);
	ui->modals = xgrow(ui->modals, &ui->mcap, ui->nmodals + 1, sizeof *ui->modals);
	ui->modals[ui->nmodals].p = p;
	ui->modals[ui->nmodals].line = line;
	ui->nmodals++;
	tui_pane_attach(p, ui);
	tui_pane_resize(p, line ? line_rect(ui) : dialog_rect(ui, p));
	focus(ui, true);
	if (line)
		sync_msg_rows(ui);
	dirty_all(ui);
}

void tui_ui_dialog(struct tui_ui *ui, struct tui_pane *p)
{
	add_modal(ui, p, false);
}

void tui_ui_line(struct tui_ui *ui, struct tui_pane *p)
{
	add_modal(ui, p, true);
}

static void bury(struct tui_ui *ui, struct tui_pane *p)
{
	ui->dead = xgrow(ui->dead, &ui->dcap, ui->ndead + 1, sizeof *ui->dead);
	ui->dead[ui->ndead++] = p;
}

void tui_ui_close(struct tui_ui *ui, struct tui_pane *p)
{
	for (size_t i = 0; i < ui->nmodals; i++) {
		if (ui->modals[i].p != p)
			continue;
		if (i + 1 == ui->nmodals)
			tui_pane_focus(p, false);
		memmove(ui->modals + i, ui->modals + i + 1,
			(ui->nmodals - i - 1) * sizeof *ui->modals);
		ui->nmodals--;
		bury(ui, p);
		focus(ui, true);
		sync_msg_rows(ui);
		dirty_all(ui);
		return;
	}
	for (size_t t = 0; t < ui->ntabs; t++) {
		struct tab *tab = &ui->tabs[t];

		/* The root of a tab stays: Esc on a list does not close the list. */
		for (size_t i = 1; i < tab->n; i++) {
			bool top = t == ui->cur && i + 1 == tab->n && ui->nmodals == 0;

			if (tab->stack[i] != p)
				continue;
			if (top)
				tui_pane_focus(p, false);
			memmove(tab->stack + i, tab->stack + i + 1, (tab->n - i - 1) * sizeof *tab->stack);
			tab->n--;
			bury(ui, p);
			if (top)
				focus(ui, true);
			if (t == ui->cur)
				screen_changed(ui);
			dirty_all(ui);
			return;
		}
	}
}

static void free_dead(struct tui_ui *ui)
{
	/* A pane's destroy may close or open others: take the list first. */
	while (ui->ndead > 0) {
		struct tui_pane *p = ui->dead[--ui->ndead];

		tui_pane_free(p);
	}
}

static bool is_modal(const struct tui_ui *ui, const struct tui_pane *p)
{
	for (size_t i = 0; i < ui->nmodals; i++)
		if (ui->modals[i].p == p)
			return true;
	return false;
}

/* ---- messages ---- */

static void on_toast_timer(void *arg)
{
	struct tui_ui *ui = arg;

	ui->toast_timer = 0;
	if (tui_toast_expire(&ui->toast, tui_loop_now() + 1)) {
		sync_msg_rows(ui);
		dirty_all(ui);
	}
}

void tui_ui_message(struct tui_ui *ui, enum tui_severity sev, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	tui_toast_set(&ui->toast, sev, s, tui_loop_now());
	tui_msglog_add(ui->log, sev, s, time(NULL));
	free(s);
	ui->toast_epoch = ui->epoch;
	tui_loop_remove(ui->loop, ui->toast_timer);
	ui->toast_timer = tui_loop_bg_timer(ui->loop, tui_toast_ttl(sev), on_toast_timer, ui);
	sync_msg_rows(ui);
	dirty_all(ui);
}

void tui_ui_clear_message(struct tui_ui *ui)
{
	if (ui->toast.text == NULL)
		return;
	tui_toast_clear(&ui->toast);
	tui_loop_remove(ui->loop, ui->toast_timer);
	ui->toast_timer = 0;
	sync_msg_rows(ui);
	dirty_all(ui);
}

/* Another screen came up or went: a message said before this key press was about
 * what was on screen then (another caller, another order), so it goes.  One said
 * since (the lookup's "opened the order", a result arriving) stays. */
static void screen_changed(struct tui_ui *ui)
{
	if (ui->toast.text != NULL && ui->toast_epoch != ui->epoch)
		tui_ui_clear_message(ui);
}

const char *tui_ui_message_text(const struct tui_ui *ui)
{
	return ui->toast.text;
}

int tui_ui_message_rows(const struct tui_ui *ui)
{
	return ui->msg_rows;
}

const struct tui_msglog *tui_ui_messages(const struct tui_ui *ui)
{
	return ui->log;
}

void tui_ui_show_messages(struct tui_ui *ui)
{
	tui_ui_dialog(ui, tui_msglog_pane_new(ui->log));
}

static void on_tick(void *arg)
{
	dirty_all(arg);
}

static void on_status_change(void *arg)
{
	struct tui_ui *ui = arg;
	long period = tui_status_period(ui->status);

	dirty_all(ui);
	if (period == ui->tick_period)
		return;
	tui_loop_remove(ui->loop, ui->tick_timer);
	ui->tick_timer = period > 0 ? tui_loop_every(ui->loop, period, on_tick, ui) : 0;
	ui->tick_period = period;
}

/* ---- keys ---- */

static bool available(int request, void *arg)
{
	const struct tui_ui *ui = arg;

	if (request >= TUI_REQ_PANE_1 && request <= TUI_REQ_PANE_9)
		return (size_t)(request - TUI_REQ_PANE_1) < ui->ntabs;
	if (request == TUI_REQ_NEXT_PANE || request == TUI_REQ_PREV_PANE)
		return ui->ntabs > 1;
	if (request == TUI_REQ_COMMAND)
		return ui->hooks.command != NULL;
	if (request == TUI_REQ_LOOKUP)
		return ui->hooks.request != NULL;
	return tui_ui_focus(ui) == NULL || tui_pane_available(tui_ui_focus(ui), request);
}

void tui_ui_keyctx(const struct tui_ui *ui, struct tui_keyctx *ctx)
{
	struct tui_pane *p = tui_ui_focus(ui);

	memset(ctx, 0, sizeof *ctx);
	ctx->caps = ui->caps;
	ctx->available = available;
	ctx->arg = (void *)(uintptr_t)ui;
	if (p != NULL)
		ctx->nmaps = tui_pane_keymaps(p, ctx->maps);
	ctx->typed = p != NULL && (tui_pane_flags(p) & TUI_PANE_TEXT_KEYS);
	if (p != NULL && (tui_pane_flags(p) & TUI_PANE_MODAL_KEYS))
		ctx->maps[ctx->nmaps++] = ui->modal_keys;
	else
		ctx->maps[ctx->nmaps++] = ui->global;
}

static void do_quit(struct tui_ui *ui, int signo)
{
	if (ui->hooks.quit != NULL)
		ui->hooks.quit(ui, signo, ui->hooks.arg);
	else
		tui_loop_quit(ui->loop, signo > 0 ? 128 + signo : signo < 0 ? 129 : 0);
}

/* One phrase into the list of what would be lost; the same words once. */
static void add_lost(char ***list, size_t *n, char *phrase)
{
	if (phrase == NULL)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i], phrase) == 0) {
			free(phrase);
			return;
		}
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = phrase;
}

/* "A, B and C would be lost", or NULL when nothing would. */
static char *what_would_be_lost(struct tui_ui *ui)
{
	struct strbuf sb = STRBUF_INIT;
	char **list = NULL;
	size_t n = 0;

	if (ui->hooks.lost != NULL)
		add_lost(&list, &n, ui->hooks.lost(ui, ui->hooks.arg));
	for (size_t t = 0; t < ui->ntabs; t++)
		for (size_t i = 0; i < ui->tabs[t].n; i++)
			add_lost(&list, &n, tui_pane_lost(ui->tabs[t].stack[i]));
	for (size_t i = 0; i < ui->nmodals; i++)
		add_lost(&list, &n, tui_pane_lost(ui->modals[i].p));
	if (n == 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sb_puts(&sb, i + 1 < n ? ", " : _(" and "));
		sb_puts(&sb, list[i]);
		free(list[i]);
	}
	free(list);
	return sb_take(&sb);
}

static void on_quit_answer(void *arg, bool yes)
{
	if (yes)
		do_quit(arg, 0);
}

static void on_command(void *arg, const char *line)
{
	struct tui_ui *ui = arg;

	if (line == NULL || line[0] == '\0' || ui->hooks.command == NULL)
		return;
	tui_history_add(ui->commands, line);
	ui->hooks.command(ui, line, ui->hooks.arg);
}

void tui_ui_help_at(struct tui_ui *ui, const char *group)
{
	struct tui_keyctx ctx;
	struct tui_pane *p;

	/* Typed at the ':' prompt, the help is for the screen, not the prompt. */
	for (size_t i = ui->nmodals; i-- > 0 && ui->modals[i].line;)
		tui_ui_close(ui, ui->modals[i].p);
	tui_ui_keyctx(ui, &ctx);
	p = tui_help_new(&ctx, &ui->help_more);
	tui_ui_dialog(ui, p);
	/* Once shown: the rows are wrapped for the dialog's width by then. */
	if (group != NULL && !ui->closing)
		tui_help_scroll_to(p, group);
}

void tui_ui_help(struct tui_ui *ui)
{
	tui_ui_help_at(ui, NULL);
}

void tui_ui_bell(struct tui_ui *ui)
{
	if (ui->started && !ui->lost)
		(void)beep();
}

void tui_ui_set_help_more(struct tui_ui *ui, const struct tui_help_more *more)
{
	ui->help_more = *more;
}

static void builtin(struct tui_ui *ui, int req)
{
	struct tab *t = ui->ntabs > 0 ? &ui->tabs[ui->cur] : NULL;

	switch (req) {
	case TUI_REQ_QUIT: {
		char *lost = what_would_be_lost(ui);
		char *q;

		if (lost == NULL) {
			do_quit(ui, 0);
			break;
		}
		/* Asked once, whatever is open: a second q or F10 is not an answer. */
		q = xasprintf(_("Quit? That would lose %s.\ny quits, n stays"), lost);
		(void)tui_confirm_action(ui, q, _("Quit"), _("Stay"), false, on_quit_answer, ui);
		free(q);
		free(lost);
		break;
	}
	case TUI_REQ_HELP:
		tui_ui_help(ui);
		break;
	case TUI_REQ_MESSAGES:
		tui_ui_show_messages(ui);
		break;
	case TUI_REQ_REDRAW:
		ui->clear = true;
		dirty_all(ui);
		break;
	case TUI_REQ_BACK:
		if (t != NULL && t->n > 1)
			tui_ui_close(ui, t->stack[t->n - 1]);
		break;
	case TUI_REQ_NEXT_PANE:
		if (ui->ntabs > 1)
			tui_ui_show_tab(ui, (ui->cur + 1) % ui->ntabs);
		break;
	case TUI_REQ_PREV_PANE:
		if (ui->ntabs > 1)
			tui_ui_show_tab(ui, (ui->cur + ui->ntabs - 1) % ui->ntabs);
		break;
	case TUI_REQ_COMMAND:
		if (ui->hooks.command != NULL)
			tui_prompt(ui, ":", NULL, ui->commands, on_command, ui);
		break;
	default:
		if (req >= TUI_REQ_PANE_1 && req <= TUI_REQ_PANE_9)
			tui_ui_show_tab(ui, (size_t)(req - TUI_REQ_PANE_1));
		break;
	}
}

static void apply(struct tui_ui *ui, struct tui_pane *p, unsigned r)
{
	/* A key the top dialog took changes that dialog; anything it changes besides
	 * (a screen opened, a list refreshed) says so itself. */
	if (r & (TUI_REDRAW | TUI_HANDLED)) {
		if (p != NULL)
			tui_ui_dirty_pane(ui, p);
		else
			dirty_all(ui);
	}
	if (r & TUI_REDRAW_ALL) {
		ui->clear = true;
		dirty_all(ui);
	}
	if ((r & TUI_CLOSE) && p != NULL)
		tui_ui_close(ui, p);
}

static void dispatch(struct tui_ui *ui, struct tui_pane *p, int req)
{
	unsigned r;

	if (p != NULL) {
		r = tui_pane_request(p, req);
		apply(ui, p, r);
		if (r & TUI_HANDLED)
			return;
		if (is_modal(ui, p)) {
			if (req == TUI_REQ_BACK || req == TUI_REQ_CANCEL)
				tui_ui_close(ui, p);
			else if (req == TUI_REQ_REDRAW || req == TUI_REQ_MESSAGES)
				builtin(ui, req);
			return;
		}
	}
	if (ui->hooks.request != NULL && (ui->hooks.request(ui, req, ui->hooks.arg) & TUI_HANDLED)) {
		dirty_all(ui);
		return;
	}
	builtin(ui, req);
}

bool tui_ui_can_go_back(const struct tui_ui *ui)
{
	return ui->ntabs > 0 && ui->tabs[ui->cur].n > 1;
}

void tui_ui_request(struct tui_ui *ui, int request)
{
	dispatch(ui, tui_ui_focus(ui), request);
}

static void mouse(struct tui_ui *ui)
{
	MEVENT ev;
	struct tui_pane *p;
	struct tui_rect r;

	if (!ui->started || getmouse(&ev) != OK)
		return;
	p = tui_ui_focus(ui);
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		int req = (ev.bstate & BUTTON4_PRESSED) ? TUI_REQ_UP : TUI_REQ_DOWN;

		for (int i = 0; i < 3; i++)
			dispatch(ui, p, req);
		return;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	if (ev.y == ui->rows - 1) {
		tui_key k = tui_fkeybar_hit_key(ui->fkeys, ui->nfkeys, ev.x);

		/* As if the key were pressed: the same checks, the same refusals. */
		if (k != TUI_KEY_NONE)
			tui_ui_key(ui, k);
		return;
	}
	if (ev.y == 0 && ui->nmodals == 0) {
		for (size_t t = 0; t < ui->ntabs; t++)
			if (ev.x >= ui->tabs[t].x && ev.x < ui->tabs[t].x + ui->tabs[t].w)
				tui_ui_show_tab(ui, t);
		return;
	}
	if (p == NULL)
		return;
	r = tui_pane_rect(p);
	if (ev.y >= r.y && ev.y < r.y + r.h && ev.x >= r.x && ev.x < r.x + r.w)
		apply(ui, p, tui_pane_click(p, ev.y - r.y, ev.x - r.x));
}

void tui_ui_key(struct tui_ui *ui, tui_key key)
{
	struct tui_pane *p;
	struct tui_keyctx ctx;
	struct tui_resolved res;
	unsigned r;

	tui_ui_release(ui);
	if (key == TUI_KEYCODE(KEY_RESIZE)) {
		tui_ui_resized(ui);
		return;
	}
	ui->epoch++;
	if (key == TUI_KEYCODE(KEY_MOUSE)) {
		mouse(ui);
		return;
	}
	if (ui->started && tui_screen_too_small()) {
		/* Nothing to aim at: only quitting and redrawing make sense. */
		const struct tui_keyctx g = { { ui->global }, 1, ui->caps, NULL, NULL, false };

		if (tui_keys_resolve(&g, key, &res) &&
		    (res.request == TUI_REQ_QUIT || res.request == TUI_REQ_REDRAW))
			builtin(ui, res.request);
		return;
	}
	p = tui_ui_focus(ui);
	if (p != NULL) {
		r = tui_pane_key(p, key);
		apply(ui, p, r);
		if (r & TUI_HANDLED)
			return;
	}
	tui_ui_keyctx(ui, &ctx);
	if (!tui_keys_resolve(&ctx, key, &res))
		return;
	if (!res.allowed) {
		char *msg = tui_keys_refusal(res.binding);

		tui_ui_message(ui, TUI_MSG_ERROR, "%s", msg);
		free(msg);
		return;
	}
	dispatch(ui, p, res.request);
}

void tui_ui_paste(struct tui_ui *ui, const char *utf8)
{
	struct tui_pane *p = tui_ui_focus(ui);
	unsigned r = TUI_IGNORED;

	if (utf8 == NULL) {
		tui_ui_message(ui, TUI_MSG_ERROR, _("the pasted text is over %d MB: nothing was pasted"),
			       TUI_PASTE_MAX / (1024 * 1024));
		return;
	}
	if (utf8[0] == '\0')
		return;
	if (p != NULL && !(ui->started && tui_screen_too_small()))
		r = tui_pane_paste(p, utf8);
	apply(ui, p, r);
	/* A paste is never a run of keys: outside a text field it would be commands. */
	if (!(r & TUI_HANDLED))
		tui_ui_message(ui, TUI_MSG_WARNING, "%s",
			       _("pasted text goes only into a text field: nothing was run"));
}

/* ---- drawing ---- */

/* " 1 Orders ", or " 1 " when the names of the other tabs would cut the current
 * screen's title. */
static char *tab_text(const struct tui_ui *ui, size_t t, bool brief)
{
	if (brief && t != ui->cur)
		return xasprintf(" %zu ", t + 1);
	return xasprintf(" %zu %s ", t + 1, ui->tabs[t].label);
}

static void draw_tabs(struct tui_ui *ui)
{
	struct tui_pane *cur = tui_ui_current(ui);
	struct strbuf sb = STRBUF_INIT;
	int x = 0, title_w = 0, tabs_w = 0;
	bool brief;

	if (cur != NULL && tui_pane_title(cur) != NULL) {
		sb_puts(&sb, tui_pane_title(cur));
		if (tui_pane_info(cur) != NULL) {
			sb_puts(&sb, " · ");
			sb_puts(&sb, tui_pane_info(cur));
		}
		title_w = tui_text_width(sb.s);
	}
	for (size_t t = 0; t < ui->ntabs; t++) {
		char *s = tab_text(ui, t, false);

		tabs_w += tui_text_width(s) + 1;
		free(s);
	}
	brief = title_w > 0 && tabs_w + title_w + 1 > ui->cols;
	tui_draw_text(stdscr, 0, 0, ui->cols, "", TUI_ALIGN_LEFT, TUI_ATTR_TAB);
	for (size_t t = 0; t < ui->ntabs; t++) {
		char *s = tab_text(ui, t, brief);
		int w = tui_text_width(s);

		if (x + w > ui->cols)
			w = ui->cols - x;
		tui_draw_text(stdscr, 0, x, w, s, TUI_ALIGN_LEFT,
			      t == ui->cur ? TUI_ATTR_TAB_ACTIVE : TUI_ATTR_TAB);
		ui->tabs[t].x = x;
		ui->tabs[t].w = w;
		x += w + 1;
		free(s);
	}
	if (title_w > 0) {
		int room = ui->cols - x - 1, w = title_w;

		if (w > room)
			w = room;
		if (w > 0)
			tui_draw_text(stdscr, 0, ui->cols - w - 1, w, sb.s, TUI_ALIGN_RIGHT,
				      TUI_ATTR_TITLE);
	}
	sb_free(&sb);
}

static void draw_pane(struct tui_pane *p, struct tui_rect r, bool focused, int *cy, int *cx)
{
	struct tui_canvas c = { stdscr, r, focused, -1, -1 };

	tui_pane_draw(p, &c);
	if (c.cursor_y >= 0 && c.cursor_x >= 0) {
		*cy = c.cursor_y;
		*cx = c.cursor_x;
	}
}

/* The key that opens the message log here (a screen may use F2 for itself), for
 * the hint on a message cut short. */
static char *log_key_name(const struct tui_ui *ui)
{
	struct tui_keyctx ctx;
	tui_key k[8];
	size_t n = tui_keymap_keys(ui->global, TUI_REQ_MESSAGES, k, 8);
	char name[32];

	tui_ui_keyctx(ui, &ctx);
	for (size_t i = 0; i < n; i++) {
		struct tui_resolved r;

		if (tui_keys_resolve(&ctx, k[i], &r) && r.request == TUI_REQ_MESSAGES) {
			tui_key_name(k[i], name, sizeof name);
			return xstrdup(name);
		}
	}
	return xstrdup(":messages");
}

/* The message, wrapped into the message area; what is still left after its last
 * row ends in "…" and says which key shows it whole. */
static void draw_message(struct tui_ui *ui)
{
	enum tui_role role = tui_toast_role(ui->toast.sev);
	int y = ui->rows - 1 - ui->msg_rows;
	char **lines;
	size_t n = tui_text_wrap(ui->toast.text, ui->cols, &lines);

	for (size_t i = 0; i < n; i++) {
		int last = ui->msg_rows - 1;

		if ((int)i < last || ((int)i == last && n == (size_t)ui->msg_rows)) {
			tui_draw_text(stdscr, y + (int)i, 0, ui->cols, lines[i], TUI_ALIGN_LEFT, role);
		} else if ((int)i == last) {
			char *key = log_key_name(ui);
			char *hint = xasprintf(_(" %s: all of it"), key);
			char *cut = xasprintf("%s …", lines[i]);
			int hw = tui_text_width(hint);

			tui_draw_text(stdscr, y + (int)i, 0, ui->cols - hw, cut, TUI_ALIGN_LEFT, role);
			tui_draw_text(stdscr, y + (int)i, ui->cols - hw, hw, hint, TUI_ALIGN_RIGHT,
				      TUI_ATTR_KEY);
			free(cut);
			free(hint);
			free(key);
		}
		free(lines[i]);
	}
	free(lines);
}

/* The screen under the top dialog, kept as the last full frame drew it. */
static void keep_under(struct tui_ui *ui)
{
	ui->under_ok = false;
	if (ui->nmodals == 0 || ui->modals[ui->nmodals - 1].line)
		return;
	if (ui->under != NULL && (getmaxy(ui->under) != LINES || getmaxx(ui->under) != COLS)) {
		(void)delwin(ui->under);
		ui->under = NULL;
	}
	if (ui->under == NULL && (ui->under = newwin(LINES, COLS, 0, 0)) == NULL)
		return;
	ui->under_ok = copywin(stdscr, ui->under, 0, 0, 0, 0, LINES - 1, COLS - 1, FALSE) == OK;
}

/* True when only the top dialog changed and what lies under it is copied back. */
static bool reuse_under(struct tui_ui *ui)
{
	if (!ui->top_only || !ui->under_ok || ui->clear || ui->nmodals == 0 ||
	    ui->modals[ui->nmodals - 1].line || getmaxy(ui->under) != LINES ||
	    getmaxx(ui->under) != COLS)
		return false;
	return copywin(ui->under, stdscr, 0, 0, 0, 0, LINES - 1, COLS - 1, FALSE) == OK;
}

static void draw_everything(struct tui_ui *ui)
{
	static const tui_key bar_lead[2] = { TUI_KEY_ENTER, TUI_KEY_ESC };
	struct tui_pane *cur = tui_ui_current(ui), *focus = tui_ui_focus(ui);
	struct tui_keyctx ctx;
	bool line_modal = false;
	int cy = -1, cx = -1;
	bool reused = reuse_under(ui);
	size_t from = reused ? ui->nmodals - 1 : 0;

	if (!reused) {
		(void)werase(stdscr);
		draw_tabs(ui);
		if (cur != NULL)
			draw_pane(cur, body_rect(ui), ui->nmodals == 0, &cy, &cx);
	}
	for (size_t i = from; i < ui->nmodals; i++) {
		struct tui_pane *p = ui->modals[i].p;
		struct tui_rect r = tui_pane_rect(p);
		bool top = i + 1 == ui->nmodals;
		int my = -1, mx = -1;

		if (top && !reused)
			keep_under(ui);
		if (ui->modals[i].line) {
			line_modal = true;
		} else {
			struct tui_rect frame = { r.y - 1, r.x - 1, r.h + 2, r.w + 2 };

			tui_draw_fill(stdscr, frame, TUI_ATTR_DIALOG);
			tui_draw_box(stdscr, frame, tui_pane_title(p), TUI_ATTR_BORDER);
		}
		draw_pane(p, r, top, &my, &mx);
		/* Only the top one's cursor counts. */
		cy = top ? my : cy;
		cx = top ? mx : cx;
	}
	tui_status_draw(ui->status, stdscr, ui->rows - 2 - ui->msg_rows, ui->cols, tui_loop_now());
	if (!line_modal && ui->toast.text != NULL)
		draw_message(ui);
	tui_ui_keyctx(ui, &ctx);
	ui->nfkeys = tui_fkeybar_layout_lead(&ctx, bar_lead,
					     focus != NULL && (tui_pane_flags(focus) & TUI_PANE_BAR_KEYS) ? 2 : 0,
					     ui->cols, ui->fkeys);
	tui_fkeybar_draw(stdscr, ui->rows - 1, ui->cols, ui->fkeys, ui->nfkeys);
	tui_screen_flush(ui->clear, cy, cx);
	ui->clear = false;
	ui->top_only = false;
}

static void hold_over(void *arg)
{
	struct tui_ui *ui = arg;

	ui->hold_timer = 0;
}

void tui_ui_hold(struct tui_ui *ui, long ms)
{
	tui_ui_release(ui);
	ui->hold_timer = tui_loop_timer(ui->loop, ms, hold_over, ui);
}

void tui_ui_release(struct tui_ui *ui)
{
	tui_loop_remove(ui->loop, ui->hold_timer);
	ui->hold_timer = 0;
}

void tui_ui_render(struct tui_ui *ui)
{
	free_dead(ui);
	if (!ui->started || ui->lost || !ui->dirty || ui->hold_timer != 0 || !tui_screen_active())
		return;
	ui->dirty = false;
	if (ui->test != NULL)
		tui_testmode_drawn(ui->test);
	if (tui_screen_too_small()) {
		tui_screen_draw_too_small();
		tui_screen_flush(ui->clear, -1, -1);
		ui->clear = false;
		return;
	}
	draw_everything(ui);
}

static void render_idle(void *arg)
{
	tui_ui_render(arg);
}

/* ---- the terminal ---- */

static void on_key(void *arg, tui_key key)
{
	struct tui_ui *ui = arg;

	if (ui->test != NULL && key != TUI_KEYCODE(KEY_RESIZE))
		tui_testmode_key(ui->test, key);
	tui_ui_key(ui, key);
}

static void on_paste(void *arg, const char *utf8)
{
	struct tui_ui *ui = arg;

	if (ui->test != NULL)
		tui_testmode_paste(ui->test, utf8 != NULL ? strlen(utf8) : 0);
	tui_ui_paste(ui, utf8);
}

/* The test mode's question, asked after every other idle hook: is anything that
 * would change the screen still to come? */
static void before_sleep(void *arg)
{
	struct tui_ui *ui = arg;
	const char *busy = NULL;

	if (ui->dirty || ui->ndead > 0)
		busy = "drawing";
	else if (tui_loop_pending_work(ui->loop))
		busy = "timer";
	else if (ui->busy != NULL)
		busy = ui->busy(ui->busy_arg);
	tui_testmode_sleep(ui->test, busy, ui->cols, ui->rows, ui->started && !ui->lost);
}

void tui_ui_test_events(struct tui_ui *ui, const char *path, tui_busy_fn busy, void *arg)
{
	if (path == NULL || path[0] == '\0' || ui->test != NULL)
		return;
	ui->test = tui_testmode_open(path);
	ui->busy = busy;
	ui->busy_arg = arg;
	tui_loop_before_sleep(ui->loop, before_sleep, ui);
}

static void on_lost(void *arg)
{
	struct tui_ui *ui = arg;

	ui->lost = true;
	do_quit(ui, -1);
}

static void on_winch(int signo, void *arg)
{
	(void)signo;
	tui_ui_resized(arg);
}

static void on_term(int signo, void *arg)
{
	struct tui_ui *ui = arg;

	/* With the terminal gone, drawing would only block or fail. */
	if (signo == SIGHUP)
		ui->lost = true;
	do_quit(ui, signo);
}

int tui_ui_start(struct tui_ui *ui, const struct tui_screen_opts *opts, char **err)
{
	static const int term_signals[] = { SIGTERM, SIGHUP, SIGINT };
	struct tui_input_ops iops = { .key = on_key, .lost = on_lost, .arg = ui, .paste = on_paste };

	if (ui->started)
		return 0;
	if (tui_screen_init(opts, err) != 0)
		return -1;
	ui->started = true;
	ui->rows = LINES;
	ui->cols = COLS;
	ui->sig_ids[0] = tui_loop_signal(ui->loop, SIGWINCH, on_winch, ui);
	for (size_t i = 0; i < 3; i++)
		ui->sig_ids[i + 1] = tui_loop_signal(ui->loop, term_signals[i], on_term, ui);
	ui->input = tui_input_new(ui->loop, STDIN_FILENO, &iops, NULL, NULL);
	/* Drawing must come after the keys are drained: move it behind the input. */
	tui_loop_remove(ui->loop, ui->idle_id);
	ui->idle_id = tui_loop_idle(ui->loop, render_idle, ui);
	tui_status_on_change(ui->status, on_status_change, ui);
	on_status_change(ui); /* slots set before the start may already animate */
	layout(ui);
	return 0;
}

static void free_tab(struct tab *t)
{
	while (t->n > 0)
		tui_pane_free(t->stack[--t->n]);
	free(t->stack);
	free(t->label);
}

void tui_ui_free(struct tui_ui *ui)
{
	if (ui == NULL)
		return;
	ui->closing = true;
	/* Dialogs first, while the views their callbacks talk to still exist. */
	while (ui->nmodals > 0)
		tui_pane_free(ui->modals[--ui->nmodals].p);
	free_dead(ui);
	for (size_t t = 0; t < ui->ntabs; t++)
		free_tab(&ui->tabs[t]);
	free_dead(ui);
	free(ui->tabs);
	free(ui->modals);
	free(ui->dead);
	tui_input_free(ui->input);
	for (size_t i = 0; i < 4; i++)
		tui_loop_remove(ui->loop, ui->sig_ids[i]);
	tui_loop_remove(ui->loop, ui->idle_id);
	tui_loop_remove(ui->loop, ui->toast_timer);
	tui_loop_remove(ui->loop, ui->tick_timer);
	tui_loop_remove(ui->loop, ui->hold_timer);
	if (ui->under != NULL)
		(void)delwin(ui->under);
	if (ui->test != NULL)
		tui_loop_before_sleep(ui->loop, NULL, NULL);
	tui_testmode_free(ui->test);
	tui_toast_clear(&ui->toast);
	tui_msglog_free(ui->log);
	tui_status_free(ui->status);
	tui_history_free(ui->commands);
	tui_keymap_free(ui->global);
	tui_keymap_free(ui->modal_keys);
	if (ui->started)
		tui_screen_shutdown();
	free(ui);
}
