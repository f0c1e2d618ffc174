/* tui/ui without a terminal: keys in, requests to the right pane, refusals for
 * what the role may not do, tabs, pushed panes, dialogs, quitting, the status
 * line and the message line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "common/xalloc.h"
#include "tui/confirm.h"
#include "tui/prompt.h"
#include "tui/statusline.h"
#include "tui/table_pane.h"
#include "tui/toast.h"
#include "tui/ui.h"

#define CAP_REFUND 4ull

enum { REQ_REFUND = TUI_REQ_VIEW, REQ_NOTE };

static const struct tui_binding view_keys[] = {
	{ REQ_REFUND, "F9 r", "Refund", "Refund the selected entry", CAP_REFUND },
	{ REQ_NOTE, "n", "Note", "Write a note", 0 },
};

struct view {
	int last_req, requests, destroyed, focus_changes;
	bool unsaved;
};

static unsigned v_request(struct tui_pane *p, int req)
{
	struct view *v = tui_pane_data(p);

	if (req == REQ_REFUND || req == REQ_NOTE || req == TUI_REQ_ENTER) {
		v->last_req = req;
		v->requests++;
		return TUI_HANDLED;
	}
	return TUI_IGNORED;
}

static void v_focus(struct tui_pane *p, bool on)
{
	(void)on;
	((struct view *)tui_pane_data(p))->focus_changes++;
}

static bool v_unsaved(struct tui_pane *p)
{
	return ((struct view *)tui_pane_data(p))->unsaved;
}

static void v_destroy(struct tui_pane *p)
{
	((struct view *)tui_pane_data(p))->destroyed++;
}

static const struct tui_pane_ops view_ops = {
	.kind = "test",
	.bindings = view_keys,
	.nbindings = 2,
	.keys_title = "Test",
	.on_request = v_request,
	.on_focus = v_focus,
	.unsaved = v_unsaved,
	.destroy = v_destroy,
};

static int quits, last_signo;
static char *last_command;
static int app_requests;

static void on_quit(struct tui_ui *ui, int signo, void *arg)
{
	(void)ui;
	(void)arg;
	quits++;
	last_signo = signo;
}

static void on_command(struct tui_ui *ui, const char *line, void *arg)
{
	(void)ui;
	(void)arg;
	free(last_command);
	last_command = xstrdup(line);
}

static unsigned on_app_request(struct tui_ui *ui, int req, void *arg)
{
	(void)ui;
	(void)arg;
	if (req == TUI_REQ_LOOKUP) {
		app_requests++;
		return TUI_HANDLED;
	}
	return TUI_IGNORED;
}

/* What the app (not a pane) would lose: a call in progress, in the console. */
static const char *app_would_lose;
static char *app_lost(struct tui_ui *ui, void *arg)
{
	(void)ui;
	(void)arg;
	return app_would_lose != NULL ? xstrdup(app_would_lose) : NULL;
}

static const struct tui_ui_hooks hooks = { on_app_request, on_command, on_quit, NULL, app_lost };

static void keys(struct tui_ui *ui, const char *s)
{
	for (; *s != '\0'; s++)
		tui_ui_key(ui, (tui_key)(unsigned char)*s);
}

static void keys_reach_the_focused_pane_and_the_role_is_checked(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 }, b = { 0 };
	struct tui_pane *pa = tui_pane_new(&view_ops, &a), *pb = tui_pane_new(&view_ops, &b);

	(void)state;
	assert_int_equal(tui_ui_add_tab(ui, "Orders", pa), 0);
	assert_int_equal(tui_ui_add_tab(ui, "Tickets", pb), 1);
	keys(ui, "n");
	assert_int_equal(a.last_req, REQ_NOTE);
	/* Refund needs a capability this user lacks: refused, the view never hears. */
	keys(ui, "r");
	tui_ui_key(ui, tui_key_f(9));
	assert_int_equal(a.requests, 1);
	assert_string_equal(tui_ui_message_text(ui), "not allowed for your role: Refund");
	tui_ui_set_caps(ui, CAP_REFUND);
	keys(ui, "r");
	assert_int_equal(a.last_req, REQ_REFUND);
	/* Digits and Tab switch tabs; focus is told. */
	keys(ui, "2");
	assert_int_equal(tui_ui_tab(ui), 1);
	assert_ptr_equal(tui_ui_focus(ui), pb);
	keys(ui, "n");
	assert_int_equal(b.last_req, REQ_NOTE);
	tui_ui_key(ui, TUI_KEY_TAB);
	assert_int_equal(tui_ui_tab(ui), 0);
	keys(ui, "7"); /* no seventh tab */
	assert_int_equal(tui_ui_tab(ui), 0);
	assert_true(a.focus_changes >= 2);
	/* Requests nobody in the tui takes go to the app. */
	keys(ui, "g");
	assert_int_equal(app_requests, 1);
	tui_ui_free(ui);
	assert_int_equal(a.destroyed, 1);
	assert_int_equal(b.destroyed, 1);
	tui_loop_free(loop);
}

static void enter_opens_and_esc_goes_back(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view root = { 0 }, detail = { 0 };
	struct tui_pane *pr = tui_pane_new(&view_ops, &root), *pd = tui_pane_new(&view_ops, &detail);

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pr);
	tui_ui_push(ui, pd);
	assert_ptr_equal(tui_ui_current(ui), pd);
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_ptr_equal(tui_ui_current(ui), pr);
	/* Freed later, never inside a handler. */
	assert_int_equal(detail.destroyed, 0);
	tui_ui_render(ui);
	assert_int_equal(detail.destroyed, 1);
	/* Esc on the root of a tab does not close it. */
	tui_ui_key(ui, TUI_KEY_ESC);
	tui_ui_render(ui);
	assert_ptr_equal(tui_ui_current(ui), pr);
	assert_int_equal(root.destroyed, 0);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static void help_and_dialogs_take_the_keys(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 };
	struct tui_pane *pa = tui_pane_new(&view_ops, &a);

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pa);
	keys(ui, "?");
	assert_ptr_not_equal(tui_ui_focus(ui), pa);
	/* 'n' is the view's key, but the help has the keyboard now. */
	keys(ui, "n");
	assert_int_equal(a.requests, 0);
	keys(ui, "q");
	assert_ptr_equal(tui_ui_focus(ui), pa);
	assert_int_equal(quits, 0);
	/* ':' prompts for a command. */
	keys(ui, ":");
	keys(ui, "ship SO-1");
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_string_equal(last_command, "ship SO-1");
	assert_ptr_equal(tui_ui_focus(ui), pa);
	/* q quits at once when nothing is unsaved... */
	keys(ui, "q");
	assert_int_equal(quits, 1);
	assert_int_equal(last_signo, 0);
	/* ...and asks first when something is. */
	a.unsaved = true;
	keys(ui, "q");
	assert_int_equal(quits, 1);
	keys(ui, "n");
	assert_int_equal(quits, 1);
	assert_ptr_equal(tui_ui_focus(ui), pa);
	tui_ui_key(ui, tui_key_f(10));
	keys(ui, "y");
	assert_int_equal(quits, 2);
	tui_ui_free(ui);
	free(last_command);
	last_command = NULL;
	tui_loop_free(loop);
}

/* q asks whenever anything would be lost, a pane's or the app's, and asks once. */
static void quit_asks_when_anything_would_be_lost(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 };
	struct tui_pane *pa = tui_pane_new(&view_ops, &a);
	int before = quits;

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pa);
	app_would_lose = "the call with Ayşe (in progress)";
	keys(ui, "q");
	assert_int_equal(quits, before);
	assert_ptr_not_equal(tui_ui_focus(ui), pa);
	/* q again is not a yes; n stays. */
	keys(ui, "q");
	assert_int_equal(quits, before);
	keys(ui, "n");
	assert_ptr_equal(tui_ui_focus(ui), pa);
	assert_int_equal(quits, before);
	/* F10 twice (close a dialog, then quit) is not a yes either. */
	tui_ui_key(ui, tui_key_f(10));
	tui_ui_key(ui, tui_key_f(10));
	assert_int_equal(quits, before);
	tui_ui_key(ui, tui_key_f(10));
	keys(ui, "y");
	assert_int_equal(quits, before + 1);
	app_would_lose = NULL;
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static int answers_yes, answers_no;
static void on_answer(void *arg, bool yes)
{
	(void)arg;
	if (yes)
		answers_yes++;
	else
		answers_no++;
}

static char *prompt_answer;
static int prompt_calls;
static void on_prompt(void *arg, const char *text)
{
	(void)arg;
	prompt_calls++;
	free(prompt_answer);
	prompt_answer = text != NULL ? xstrdup(text) : NULL;
}

static void dialogs_answer_exactly_once(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);

	(void)state;
	tui_confirm(ui, "Cancel order?", false, on_answer, NULL);
	tui_ui_key(ui, TUI_KEY_ENTER); /* the default is "no" */
	assert_int_equal(answers_no, 1);
	tui_confirm(ui, "Cancel order?", false, on_answer, NULL);
	tui_ui_key(ui, TUI_KEYCODE(KEY_LEFT));
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_int_equal(answers_yes, 1);
	tui_prompt(ui, "Find:", "SO-", NULL, on_prompt, NULL);
	keys(ui, "42");
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_string_equal(prompt_answer, "SO-42");
	tui_prompt(ui, "Find:", NULL, NULL, on_prompt, NULL);
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_null(prompt_answer);
	/* Still open when the ui goes: answered as cancelled, once. */
	tui_confirm(ui, "Quit?", true, on_answer, NULL);
	tui_prompt(ui, "Find:", NULL, NULL, on_prompt, NULL);
	tui_ui_free(ui);
	assert_int_equal(answers_no, 2);
	assert_int_equal(prompt_calls, 3);
	tui_loop_free(loop);
}

/* A synchronous source of 100 rows for the table pane. */
static char *seen_seek;
static void src_fetch(void *src, struct tui_table *t, const struct tui_fetch *f)
{
	struct tui_row *rows[64];
	size_t n = 0;
	long from = 0;

	(void)src;
	if (f->dir == TUI_FETCH_SEEK) {
		free(seen_seek);
		seen_seek = xstrdup(f->seek);
		from = strtol(f->seek, NULL, 10);
	} else if (f->dir == TUI_FETCH_AFTER) {
		from = *(const long *)f->anchor + 1;
	}
	if (f->dir == TUI_FETCH_BEFORE || f->dir == TUI_FETCH_LAST) {
		long to = f->dir == TUI_FETCH_LAST ? 100 : *(const long *)f->anchor;
		long cnt = (long)(f->count < 64 ? f->count : 64);

		from = to > cnt ? to - cnt : 0;
		for (long i = from; i < to; i++) {
			long *k = xmalloc(sizeof *k);

			*k = i;
			rows[n] = tui_row_new(1);
			tui_row_set_key(rows[n++], k);
		}
		tui_table_deliver(t, f->id, rows, n, from == 0);
		return;
	}
	for (long i = from; i < 100 && n < f->count && n < 64; i++) {
		long *k = xmalloc(sizeof *k);

		*k = i;
		rows[n] = tui_row_new(1);
		tui_row_take(rows[n], 0, xasprintf("row %ld", i));
		tui_row_set_key(rows[n], k);
		n++;
	}
	tui_table_deliver(t, f->id, rows, n, from + (long)n >= 100);
}

static bool same(const void *a, const void *b)
{
	return *(const long *)a == *(const long *)b;
}

static const struct tui_source_ops src_ops = { src_fetch, NULL, same, free };
static const struct tui_column one_col[] = { { "Row", 10, 1, TUI_ALIGN_LEFT, 0 } };

static void table_pane_finds_through_the_prompt(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 };
	struct tui_table *t = tui_table_new(one_col, 1, &src_ops, NULL);
	struct tui_pane *p = tui_table_pane_new(t, &view_ops, &a);

	(void)state;
	(void)tui_ui_add_tab(ui, "Rows", p);
	assert_non_null(tui_table_selected(t));
	keys(ui, "jj");
	assert_int_equal(*(const long *)tui_table_selected_key(t), 2);
	keys(ui, "/");
	keys(ui, "42");
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_string_equal(seen_seek, "42");
	assert_int_equal(*(const long *)tui_table_selected_key(t), 42);
	{
		/* Find is on the bar of a list, and only there. */
		struct tui_keyctx ctx;
		struct tui_pane *plain = tui_pane_new(&view_ops, &a);
		const struct tui_binding *f3;

		tui_ui_keyctx(ui, &ctx);
		f3 = tui_keys_fkey(&ctx, 3);
		assert_non_null(f3);
		assert_int_equal(f3->request, TUI_REQ_FIND);
		/* No sortable column in this table: no Sort on its bar either. */
		assert_null(tui_keys_fkey(&ctx, 6));
		tui_ui_push(ui, plain);
		tui_ui_keyctx(ui, &ctx);
		assert_null(tui_keys_fkey(&ctx, 3));
		tui_ui_key(ui, TUI_KEY_ESC);
		assert_ptr_equal(tui_ui_focus(ui), p);
	}
	/* Enter goes to the view (it opens things); the table moves. */
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_int_equal(a.last_req, TUI_REQ_ENTER);
	tui_ui_key(ui, TUI_KEYCODE(KEY_HOME));
	assert_int_equal(*(const long *)tui_table_selected_key(t), 0);
	keys(ui, "\\");
	keys(ui, "late");
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_string_equal(tui_table_filter(t), "late");
	assert_non_null(tui_pane_info(p));
	tui_ui_free(ui);
	free(seen_seek);
	tui_loop_free(loop);
}

static void status_line_and_messages(void **state)
{
	struct tui_status *st = tui_status_new();
	struct tui_toast toast = { 0 };
	int user = tui_status_add(st, TUI_SIDE_LEFT), conn = tui_status_add(st, TUI_SIDE_RIGHT);
	int call = tui_status_add(st, TUI_SIDE_RIGHT);
	char *s;

	(void)state;
	tui_status_set(st, user, "ayse (agent)", TUI_ATTR_STATUS);
	tui_status_set(st, conn, "connection lost", TUI_ATTR_STATUS_ALERT);
	assert_int_equal(tui_status_period(st), 0);
	tui_status_spinner(st, conn, true);
	assert_int_equal(tui_status_period(st), 100);
	s = tui_status_text(st, conn, 0);
	assert_true(strstr(s, "connection lost") != NULL);
	assert_true(strlen(s) > strlen("connection lost"));
	free(s);
	tui_status_spinner(st, conn, false);
	tui_status_set(st, call, "call", TUI_ATTR_STATUS);
	tui_status_stopwatch(st, call, 1000);
	assert_int_equal(tui_status_period(st), 1000);
	s = tui_status_text(st, call, 1000 + 125000);
	assert_string_equal(s, "call 02:05");
	free(s);
	s = tui_status_text(st, call, 1000 + 3725000);
	assert_string_equal(s, "call 1:02:05");
	free(s);
	tui_status_free(st);

	tui_toast_set(&toast, TUI_MSG_ERROR, "not allowed", 1000);
	assert_false(tui_toast_expire(&toast, 1000 + tui_toast_ttl(TUI_MSG_ERROR) - 1));
	assert_true(tui_toast_expire(&toast, 1000 + tui_toast_ttl(TUI_MSG_ERROR)));
	assert_null(toast.text);
	assert_int_equal(tui_toast_role(TUI_MSG_SUCCESS), TUI_ATTR_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_reach_the_focused_pane_and_the_role_is_checked),
		cmocka_unit_test(enter_opens_and_esc_goes_back),
		cmocka_unit_test(help_and_dialogs_take_the_keys),
		cmocka_unit_test(dialogs_answer_exactly_once),
		cmocka_unit_test(quit_asks_when_anything_would_be_lost),
		cmocka_unit_test(table_pane_finds_through_the_prompt),
		cmocka_unit_test(status_line_and_messages),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
